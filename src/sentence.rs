//! One sentence in context: its words, the quotations around it and its
//! cue hits, shared by every rule.

use crate::lexicon::{Entry, Hit};
use crate::span::Span;
use crate::text::{inside, Word};

pub(crate) struct Sentence<'a> {
    pub text: &'a str,
    pub span: Span,
    pub words: &'a [Word],
    /// The sentence lower-cased (ASCII), then any word spelt with ’
    /// again with ' ; `lower_spans[i]` is word `i` in it.
    lower: &'a str,
    lower_spans: &'a [(u32, u32)],
    pub quotes: &'a [Span],
    /// The whole block is a quotation (a blockquote introduced by "X said:").
    pub quoted_block: bool,
    pub hits: &'a [Hit],
    pub entries: &'a [Entry],
}

/// Buffers a sentence's words live in, reused from one sentence to the
/// next so that reading a sentence allocates nothing once they have grown.
#[derive(Default)]
pub(crate) struct Scratch {
    words: Vec<Word>,
    lower: String,
    lower_spans: Vec<(u32, u32)>,
}

impl<'a> Sentence<'a> {
    pub fn new(
        text: &'a str,
        span: Span,
        quotes: &'a [Span],
        quoted_block: bool,
        hits: &'a [Hit],
        entries: &'a [Entry],
        scratch: &'a mut Scratch,
    ) -> Sentence<'a> {
        let Scratch { words, lower, lower_spans } = scratch;
        crate::text::words_into(text, span, words);
        // One copy of the whole sentence, lower-cased at once: a word's
        // lower-case form is at its own offsets. Only words with ’ need a
        // copy of their own, with ' in its place.
        let sentence = &text[span];
        lower.clear();
        lower.push_str(sentence);
        lower.make_ascii_lowercase();
        lower_spans.clear();
        let curly = !sentence.is_ascii() && has_curly_apostrophe(sentence);
        for w in words.iter() {
            let (a, b) = (w.span.start - span.start, w.span.end - span.start);
            if curly && has_curly_apostrophe(&text[w.span]) {
                let start = lower.len();
                for c in text[w.span].chars() {
                    lower.push(if c == '’' { '\'' } else { c.to_ascii_lowercase() });
                }
                lower_spans.push((start as u32, lower.len() as u32));
            } else {
                lower_spans.push((a as u32, b as u32));
            }
        }
        Sentence { text, span, words, lower, lower_spans, quotes, quoted_block, hits, entries }
    }

    /// Word `i`, lower-cased (ASCII) with ’ as '.
    /// An index past the last word reads as an empty word.
    pub fn lower(&self, i: usize) -> &str {
        match self.lower_spans.get(i) {
            Some(&(a, b)) => &self.lower[a as usize..b as usize],
            None => "",
        }
    }

    /// The text of word `i`.
    pub fn word(&self, i: usize) -> &'a str {
        &self.text[self.words[i].span]
    }

    /// True when word `i` equals `w`, ignoring ASCII case and apostrophe style.
    pub fn word_is(&self, i: usize, w: &str) -> bool {
        i < self.words.len() && self.lower(i) == w
    }

    /// True when word `i` is one of `set`.
    pub fn word_in<W: Words + ?Sized>(&self, i: usize, set: &W) -> bool {
        i < self.words.len() && set.has(self.lower(i))
    }

    /// Index of the first word starting at or after byte `pos`.
    pub fn word_at_or_after(&self, pos: usize) -> usize {
        self.words.partition_point(|w| w.span.start < pos)
    }

    /// Index of the word containing or starting at byte `pos`, if any.
    pub fn word_index(&self, pos: usize) -> Option<usize> {
        let i = self.words.partition_point(|w| w.span.end <= pos);
        (i < self.words.len() && self.words[i].span.start <= pos).then_some(i)
    }

    /// True when the text between words `a` and `a + 1` holds clause
    /// punctuation (a comma, colon, dash, bracket or quotation mark).
    pub fn break_after(&self, a: usize) -> bool {
        if a + 1 >= self.words.len() {
            return true;
        }
        let gap = &self.text[self.words[a].span.end..self.words[a + 1].span.start];
        gap != " " && gap.chars().any(|c| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')' | '“' | '”' | '"' | '‘'))
    }

    /// True when `span` lies in quotation marks (or the block is a quotation).
    pub fn quoted(&self, span: Span) -> bool {
        self.quoted_block || inside(self.quotes, span)
    }

    /// The sentence ends with a question mark (ignoring closing quotes).
    pub fn is_question(&self) -> bool {
        ends_as_question(&self.text[self.span])
    }

    /// The hits of one lexicon category.
    pub fn hits_of(&self, category: crate::finding::Category) -> impl Iterator<Item = (&'a Entry, Span)> + '_ {
        self.hits
            .iter()
            .map(|h| (&self.entries[h.entry], h.span))
            .filter(move |(e, _)| e.category == category)
    }
}

/// A set of lower-case words that [`Sentence::word_in`] tests a word against.
pub(crate) trait Words {
    fn has(&self, w: &str) -> bool;
}

/// A short list, read in order: length and first byte first, since most
/// candidates differ there and a full comparison is a call to memcmp.
impl Words for [&str] {
    fn has(&self, w: &str) -> bool {
        let w = w.as_bytes();
        self.iter().any(|x| x.len() == w.len() && x.as_bytes().first() == w.first() && x.as_bytes() == w)
    }
}

impl<const N: usize> Words for [&str; N] {
    fn has(&self, w: &str) -> bool {
        self[..].has(w)
    }
}

/// A word list compiled to one `match` (a jump on the length, then a few
/// comparisons): for the lists the rules test most often. Made by
/// [`word_list!`].
#[derive(Clone, Copy)]
pub(crate) struct WordList(pub fn(&str) -> bool);

impl Words for WordList {
    fn has(&self, w: &str) -> bool {
        (self.0)(w)
    }
}

/// `word_list!["a", "b", …]`: a [`WordList`] of these words.
macro_rules! word_list {
    ($($w:literal),+ $(,)?) => {
        $crate::sentence::WordList(|w| matches!(w, $($w)|+))
    };
}
pub(crate) use word_list;

/// The text ends with a question mark (ignoring closing quotes and brackets).
pub(crate) fn ends_as_question(s: &str) -> bool {
    s.trim_end_matches(|c: char| matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') || c.is_whitespace()).ends_with('?')
}

/// True when `s` holds ’. (Compares bytes: `str::contains` with a
/// multi-byte char sets up a substring searcher on each call.)
fn has_curly_apostrophe(s: &str) -> bool {
    let b = s.as_bytes();
    (2..b.len()).any(|i| b[i] == 0x99 && b[i - 1] == 0x80 && b[i - 2] == 0xe2)
}

/// True when the word starts with an upper-case letter.
pub(crate) fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}
