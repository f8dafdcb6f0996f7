//! Words and quotations inside a block.

use crate::span::Span;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A set of short lower-case words (abbreviations, crowd words), hashed
/// with a multiply-rotate hash: these keys are trusted data, so SipHash's
/// protection is not needed, and lookups are on the hot path.
pub(crate) type WordSet = HashSet<String, BuildHasherDefault<WordHasher>>;

/// The hasher behind [`WordSet`] (the FxHash scheme).
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("eight bytes"));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A word: a maximal run of letters and digits, with inner apostrophes
/// (`don’t`) and hyphens (`well-known`) kept inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    pub span: Span,
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_alphanumeric_non_ascii(c)
    }
}

/// `char::is_alphanumeric` for characters outside ASCII, answering at once
/// for General Punctuation (U+2000–U+206F: curly quotes, dashes, ellipsis,
/// spaces), which news text is full of and which holds no letter or digit.
fn is_alphanumeric_non_ascii(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// Splits `text[within]` into words (absolute spans).
pub(crate) fn words(text: &str, within: Span) -> Vec<Word> {
    let mut out = Vec::new();
    words_into(text, within, &mut out);
    out
}

/// [`words`] into a reused buffer (cleared first).
pub(crate) fn words_into(text: &str, within: Span, out: &mut Vec<Word>) {
    out.clear();
    let s = &text[within];
    let b = s.as_bytes();
    if s.is_ascii() {
        return ascii_words(b, within.start, out);
    }
    // Bytes below 0x80 are tested directly; only other characters are decoded.
    let char_at = |i: usize| -> (char, usize) {
        if b[i] < 0x80 {
            (b[i] as char, 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        }
    };
    let n = b.len();
    let mut i = 0;
    loop {
        // Up to the next word character.
        while i < n {
            let (c, len) = char_at(i);
            if is_word_char(c) {
                break;
            }
            i += len;
        }
        if i >= n {
            break;
        }
        let start = i;
        // Through the word, across joiners followed by a word character.
        loop {
            while i < n {
                let (c, len) = char_at(i);
                if !is_word_char(c) {
                    break;
                }
                i += len;
            }
            if i < n {
                let (c, len) = char_at(i);
                if matches!(c, '\'' | '’' | '-' | '‑') && i + len < n && is_word_char(char_at(i + len).0) {
                    i += len;
                    continue;
                }
            }
            break;
        }
        out.push(Word { span: Span::new(within.start + start, within.start + i) });
    }
}

/// [`words`] for ASCII text, byte by byte.
fn ascii_words(b: &[u8], base: usize, out: &mut Vec<Word>) {
    let n = b.len();
    let mut i = 0;
    loop {
        while i < n && !b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= n {
            break;
        }
        let start = i;
        loop {
            while i < n && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i + 1 < n && matches!(b[i], b'\'' | b'-') && b[i + 1].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            break;
        }
        out.push(Word { span: Span::new(base + start, base + i) });
    }
}

/// Skips whole eight-byte chunks of `b` from `i` that hold neither a byte
/// of a multi-byte character (≥ 0x80) nor any of `ascii`, and returns
/// where the caller's own byte-by-byte search should start.
pub(crate) fn skip_plain(b: &[u8], mut i: usize, ascii: [u8; 3]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Some byte of `v` equals `t` (the zero-byte test; exact about whether
    // any byte matches).
    let has = |v: u64, t: u8| {
        let x = v ^ (LO * u64::from(t));
        x.wrapping_sub(LO) & !x & HI != 0
    };
    while let Some(chunk) = b.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if v & HI != 0 || has(v, ascii[0]) || has(v, ascii[1]) || has(v, ascii[2]) {
            break;
        }
        i += 8;
    }
    i
}

/// True when `c` could be part of a word, for cue boundary checks.
pub(crate) fn is_boundary_char(c: Option<char>) -> bool {
    !c.is_some_and(is_word_char)
}

/// The regions of a block inside quotation marks (marks excluded),
/// sorted. An opening mark with no closing mark runs to the end of the
/// block, as news style does for quotes that continue in the next block.
#[cfg(test)]
pub(crate) fn quote_regions(text: &str, block: Span) -> Vec<Span> {
    let mut out = Vec::new();
    quote_regions_into(text, block, &mut out);
    out
}

/// [`quote_regions`] into a reused buffer (cleared first).
pub(crate) fn quote_regions_into(text: &str, block: Span, out: &mut Vec<Span>) {
    out.clear();
    let s = &text[block];
    let mut open_double: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Quotation marks are ' and " or start with byte E2 (“ ” ‘ ’ „) or C2 (« »).
        i = skip_plain(bytes, i, [b'"', b'\'', b'"']);
        match bytes[i..].iter().position(|&b| matches!(b, b'"' | b'\'' | 0xE2 | 0xC2)) {
            Some(k) => i += k,
            None => break,
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        let after = i + c.len_utf8();
        if !matches!(c, '“' | '«' | '„' | '”' | '»' | '"' | '‘' | '\'' | '’') {
            i = after;
            continue;
        }
        let prev = s[..i].chars().next_back();
        let next = s[after..].chars().next();
        let prev_is_open = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | ':' | '“' | '‘' | '"'));
        match c {
            '“' | '«' | '„' => {
                if open_double.is_none() {
                    open_double = Some(after);
                }
            }
            '”' | '»' => {
                if let Some(st) = open_double.take() {
                    out.push(Span::new(block.start + st, block.start + i));
                    open_single = None;
                }
            }
            '"' => match open_double {
                Some(st) if !prev_is_open || next.is_none_or(|n| !n.is_alphanumeric()) => {
                    open_double = None;
                    out.push(Span::new(block.start + st, block.start + i));
                    open_single = None;
                }
                None if prev_is_open => open_double = Some(after),
                _ => {}
            },
            '‘' => {
                if open_single.is_none() && prev_is_open {
                    open_single = Some(after);
                }
            }
            '\'' if prev_is_open && next.is_some_and(char::is_alphabetic) => {
                if open_single.is_none() {
                    open_single = Some(after);
                }
            }
            '’' | '\'' => {
                let apostrophe = prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
                if !apostrophe {
                    if let Some(st) = open_single.take() {
                        out.push(Span::new(block.start + st, block.start + i));
                    }
                }
            }
            _ => {}
        }
        i = after;
    }
    if let Some(st) = open_double {
        out.push(Span::new(block.start + st, block.end));
    }
    out.sort_unstable();
}

/// True when `span` lies inside one of the sorted `regions`.
pub(crate) fn inside(regions: &[Span], span: Span) -> bool {
    let idx = regions.partition_point(|r| r.end < span.end);
    regions[idx..].iter().take_while(|r| r.start <= span.start).any(|r| r.contains(span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_plain_never_passes_a_candidate_byte() {
        let text = "Plain words here and more plain words. Then “quotes” and ‘more’, then a!b?c.";
        let b = text.as_bytes();
        let wanted = |x: u8| x >= 0x80 || matches!(x, b'.' | b'!' | b'?');
        for start in 0..b.len() {
            let at = skip_plain(b, start, [b'.', b'!', b'?']);
            let first = (start..b.len()).find(|&k| wanted(b[k])).unwrap_or(b.len());
            assert!(at >= start && at <= first, "from {start}: skipped to {at}, first candidate {first}");
        }
        // Nothing to find: whole chunks are skipped, the tail is left to the caller.
        assert_eq!(skip_plain(b"abcdefghijklmnopqrs", 0, [b'.', b'!', b'?']), 16);
    }

    #[test]
    fn words_keep_apostrophes_and_hyphens() {
        let t = "Don’t stop — a well-known 3.5% rise, isn't it?";
        let w: Vec<&str> = words(t, Span::new(0, t.len())).iter().map(|w| &t[w.span]).collect();
        assert_eq!(w, ["Don’t", "stop", "a", "well-known", "3", "5", "rise", "isn't", "it"]);
    }

    /// Words by the plain definition, one char at a time.
    fn reference_words(t: &str) -> Vec<&str> {
        let chars: Vec<(usize, char)> = t.char_indices().collect();
        let mut out = Vec::new();
        let mut start = None;
        for (k, &(i, c)) in chars.iter().enumerate() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                continue;
            }
            if let Some(st) = start {
                let joiner = matches!(c, '\'' | '’' | '-' | '‑');
                if joiner && chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric()) {
                    continue;
                }
                out.push(&t[st..i]);
                start = None;
            }
        }
        if let Some(st) = start {
            out.push(&t[st..]);
        }
        out
    }

    #[test]
    fn words_match_the_plain_definition_in_every_script() {
        for t in [
            "Don’t stop — a well‑known café’s “naïve” 3.5% rise, isn't it?",
            "北京 😀 l’État-major’ -x x- ’y y’ Ελλάδα's ünïcödé—dash",
            "é", "’", "a’’b", "x-’y", "ß-1 ½ ٣٤ 𝔘𝔫𝔦",
        ] {
            let got: Vec<&str> = words(t, Span::new(0, t.len())).iter().map(|w| &t[w.span]).collect();
            assert_eq!(got, reference_words(t), "{t}");
        }
    }

    #[test]
    fn quotes_curly_straight_and_unclosed() {
        let t = "He said “it may rain” and ‘perhaps’ 'maybe' but it’s \"likely\" — “still open";
        let q: Vec<&str> = quote_regions(t, Span::new(0, t.len())).iter().map(|s| &t[*s]).collect();
        assert_eq!(q, ["it may rain", "perhaps", "maybe", "likely", "still open"]);
        let regions = quote_regions(t, Span::new(0, t.len()));
        let may = t.find("may").unwrap();
        assert!(inside(&regions, Span::new(may, may + 3)));
        let said = t.find("said").unwrap();
        assert!(!inside(&regions, Span::new(said, said + 4)));
    }
}
