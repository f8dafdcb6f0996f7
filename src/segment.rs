//! Blocks and sentences.
//!
//! A text is a sequence of blocks separated by blank lines (a page's
//! paragraphs, headings and list items). Sentences never cross a block.

use crate::span::Span;
use crate::text::WordSet;

/// Splits `text` into blocks: runs of text separated by one or more blank
/// lines (lines holding only white space). Each block is trimmed.
pub(crate) fn blocks(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            // Is there a second newline after only spaces/tabs/CR?
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push_trimmed(text, start, i, &mut out);
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r' | b'\n') {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, bytes.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

/// Sentence splitter configured with the abbreviation list.
pub(crate) struct Segmenter {
    abbreviations: WordSet,
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Bytes that can start a terminal: . ! ? and the lead bytes of … 。 ！ ？.
const TERMINAL_START: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '«', '¿', '¡'];

impl Segmenter {
    pub(crate) fn new(abbreviation_file: &str) -> Segmenter {
        let abbreviations = abbreviation_file
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        Segmenter { abbreviations }
    }

    /// Splits one block into sentences (spans are absolute, like `block`).
    /// Scans bytes for terminal punctuation, decoding characters only
    /// around a candidate boundary.
    #[cfg(test)]
    pub(crate) fn sentences(&self, text: &str, block: Span) -> Vec<Span> {
        let mut out = Vec::new();
        self.sentences_into(text, block, &mut out);
        out
    }

    /// [`Segmenter::sentences`] into a reused buffer (cleared first).
    pub(crate) fn sentences_into(&self, text: &str, block: Span, out: &mut Vec<Span>) {
        out.clear();
        let s = &text[block];
        let b = s.as_bytes();
        let mut start = 0usize;
        let mut i = 0usize;
        while i < b.len() {
            // Skip to the next byte that can start a terminal.
            i = crate::text::skip_plain(b, i, [b'.', b'!', b'?']);
            match b[i..].iter().position(|&x| TERMINAL_START[x as usize]) {
                Some(k) => i += k,
                None => break,
            }
            // Terminals: ASCII . ! ? or the three-byte … 。 ！ ？
            let c = if b[i].is_ascii() {
                b[i] as char
            } else {
                match s[i..].chars().next().filter(|&ch| is_terminal(ch)) {
                    Some(ch) => ch,
                    None => {
                        i += 1;
                        continue;
                    }
                }
            };
            let wide = matches!(c, '。' | '！' | '？');
            // The whole run of terminal punctuation, then closing marks.
            let mut m = i + c.len_utf8();
            while let Some(ch) = s[m..].chars().next().filter(|&ch| is_terminal(ch)) {
                m += ch.len_utf8();
            }
            let is_period = c == '.' && m == i + 1;
            while let Some(ch) = s[m..].chars().next().filter(|ch| CLOSERS.contains(ch)) {
                m += ch.len_utf8();
            }
            // Must be followed by white space then a sentence opener.
            let mut n = m;
            while let Some(ch) = s[n..].chars().next().filter(|ch| ch.is_whitespace()) {
                n += ch.len_utf8();
            }
            let saw_space = n > m;
            if m >= s.len() || (!saw_space && !wide) || n >= s.len() {
                i = m;
                continue;
            }
            let mut rest = s[n..].chars();
            let mut next = rest.next().unwrap_or(' ');
            while OPENERS.contains(&next) {
                match rest.next() {
                    Some(ch) => next = ch,
                    None => break,
                }
            }
            // Upper case, a digit, or a script without case (CJK, Arabic, Hebrew).
            let opens = next.is_uppercase()
                || next.is_ascii_digit()
                || next.is_alphabetic() && !next.is_lowercase()
                || !next.is_alphabetic() && !next.is_ascii_punctuation() && !OPENERS.contains(&next) && next != '—' && next != '–';
            if !(opens || wide) || (is_period && self.is_abbreviation(s, i)) {
                i = m;
                continue;
            }
            push_trimmed(text, block.start + start, block.start + m, out);
            start = n;
            i = n;
        }
        push_trimmed(text, block.start + start, block.end, out);
    }

    /// True when the full stop at byte `dot` of `s` belongs to an
    /// abbreviation or an initial rather than ending a sentence.
    fn is_abbreviation(&self, s: &str, dot: usize) -> bool {
        let before = &s[..dot];
        let word_start = before
            .rfind(|ch: char| ch.is_whitespace() || OPENERS.contains(&ch) || ch == '—' || ch == '–')
            .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let word = &before[word_start..];
        if word.is_empty() {
            return false;
        }
        // An initial: one capital letter ("J. K. Rowling").
        let mut it = word.chars();
        if let (Some(first), None) = (it.next(), it.next()) {
            if first.is_uppercase() {
                return true;
            }
        }
        self.abbreviations.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let seg = Segmenter::new(include_str!("lexicons/abbreviations.txt"));
        blocks(text)
            .into_iter()
            .flat_map(|b| seg.sentences(text, b))
            .map(|s| &text[s])
            .collect()
    }

    #[test]
    fn splits_blocks_on_blank_lines() {
        let text = "Title line\n\n  First para.\nstill first.\n \n\nSecond.";
        let b: Vec<&str> = blocks(text).into_iter().map(|s| &text[s]).collect();
        assert_eq!(b, ["Title line", "First para.\nstill first.", "Second."]);
    }

    #[test]
    fn table_of_sentences() {
        let cases: &[(&str, &[&str])] = &[
            ("Mr Hale arrived. He left.", &["Mr Hale arrived.", "He left."]),
            ("Dr. Osei met Mrs. Lang at 9.30am. They talked.", &["Dr. Osei met Mrs. Lang at 9.30am.", "They talked."]),
            ("The U.S. and the U.K. agreed. Talks end on Jan. 4.", &["The U.S. and the U.K. agreed.", "Talks end on Jan. 4."]),
            ("J. R. Ward wrote it. Rates rose 3.5 per cent.", &["J. R. Ward wrote it.", "Rates rose 3.5 per cent."]),
            ("“We will win.” She left.", &["“We will win.”", "She left."]),
            ("“Will we win?” she asked. Nobody knew.", &["“Will we win?” she asked.", "Nobody knew."]),
            ("He paused… Then he spoke. Wait... what?", &["He paused…", "Then he spoke.", "Wait... what?"]),
            ("It was No. 10 that called. Really!", &["It was No. 10 that called.", "Really!"]),
            ("Prices rose\u{a0}4%. Shares fell — sharply. 😀 Nice.", &["Prices rose\u{a0}4%.", "Shares fell — sharply.", "😀 Nice."]),
            ("Headline with no stop\n\nBody.", &["Headline with no stop", "Body."]),
            ("他说了。 Then English.", &["他说了。", "Then English."]),
            ("北京很大。上海也很大。", &["北京很大。", "上海也很大。"]),
            ("It rained. 北京很大。 Then sun.", &["It rained.", "北京很大。", "Then sun."]),
            ("It rained. مرحبا بكم. Then sun.", &["It rained.", "مرحبا بكم.", "Then sun."]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "text: {text}");
        }
    }
}
