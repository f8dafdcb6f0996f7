//! Cue lexicons: plain-text data files, one cue per line.
//!
//! ```text
//! # comment
//! cue words [@tag ...] | an example sentence that must be flagged
//! ! blocking phrase   | a sentence that must not be flagged for this cue
//! ```
//! `...` inside a cue stands for a gap of up to eight words in the same
//! sentence (`dismissed ... as`). A blocking phrase cancels any cue of the
//! same file that lies inside it (`denied bail` cancels `denied`). Tags name
//! the sense checks in `rules/`, documented at the top of each file.

use crate::error::Error;
use crate::finding::Category;
use crate::span::Span;
use crate::text::is_boundary_char;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Where an entry came from, for error messages and tests.
#[derive(Clone, Debug)]
pub(crate) struct Origin {
    pub file: &'static str,
    pub line: usize,
}

/// One lexicon line.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub category: Category,
    /// The cue split at `...` gaps, lower-case.
    pub parts: Vec<String>,
    pub tags: Vec<String>,
    pub blocker: bool,
    pub example: String,
    pub origin: Origin,
    /// Supplied by the user at run time, not by a lexicon file.
    pub custom: bool,
}

impl Entry {
    pub(crate) fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// The cue as written, gaps shown as `...`.
    pub(crate) fn cue(&self) -> String {
        self.parts.join(" ... ")
    }
}

/// Parses one lexicon file.
pub(crate) fn parse(file: &'static str, category: Category, source: &str) -> Result<Vec<Entry>, Error> {
    let mut out = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let origin = Origin { file, line: i + 1 };
        let (cue, example) = line
            .split_once('|')
            .ok_or_else(|| Error::new(format!("{file}:{}: expected `cue | example`", i + 1)))?;
        let mut cue = cue.trim();
        let blocker = cue.starts_with('!');
        if blocker {
            cue = cue[1..].trim();
        }
        let mut words = Vec::new();
        let mut tags = Vec::new();
        for w in cue.split_whitespace() {
            match w.strip_prefix('@') {
                Some(tag) => tags.push(tag.to_string()),
                None => words.push(w.to_lowercase()),
            }
        }
        let parts: Vec<String> = words
            .split(|w| w == "...")
            .map(|p| p.join(" "))
            .collect();
        if parts.iter().any(String::is_empty) {
            return Err(Error::new(format!("{file}:{}: empty cue or gap at an edge", i + 1)));
        }
        out.push(Entry {
            category,
            parts,
            tags,
            blocker,
            example: example.trim().to_string(),
            origin,
            custom: false,
        });
    }
    Ok(out)
}

/// Checks a cue the user typed; returns it normalised (lower-case,
/// single spaces).
pub(crate) fn validate_custom(cue: &str) -> Result<String, String> {
    let norm = cue.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if norm.is_empty() {
        return Err("a cue must not be empty".into());
    }
    if !norm.chars().any(char::is_alphabetic) {
        return Err("a cue must contain a letter".into());
    }
    if norm.chars().count() > 60 {
        return Err("a cue must be at most 60 characters".into());
    }
    if norm.split(' ').count() > 6 {
        return Err("a cue must be at most 6 words".into());
    }
    if let Some(c) = norm.chars().find(|&c| !(c.is_alphanumeric() || " '’-".contains(c))) {
        return Err(format!("a cue may hold only letters, digits, spaces, apostrophes and hyphens, not {c:?}"));
    }
    Ok(norm)
}

/// A raw cue match in the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    pub entry: usize,
    pub span: Span,
}

/// Every lexicon compiled into one automaton.
pub(crate) struct Matcher {
    pub entries: Vec<Entry>,
    ac: AhoCorasick,
    /// Pattern id → entry index.
    pattern_entry: Vec<usize>,
}

impl Matcher {
    pub(crate) fn new(entries: Vec<Entry>) -> Result<Matcher, Error> {
        let mut patterns = Vec::new();
        let mut pattern_entry = Vec::new();
        for (idx, e) in entries.iter().enumerate() {
            let first = &e.parts[0];
            patterns.push(first.clone());
            pattern_entry.push(idx);
            if first.contains('\'') {
                patterns.push(first.replace('\'', "’"));
                pattern_entry.push(idx);
            }
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| Error::new(format!("cannot build cue matcher: {e}")))?;
        Ok(Matcher { entries, ac, pattern_entry })
    }

    /// Every word-bounded match of a cue's first part in `text[within]`
    /// (absolute spans), sorted by start. Gaps and blockers are resolved
    /// per sentence by [`Matcher::resolve`].
    #[cfg(test)]
    pub(crate) fn raw_hits(&self, text: &str, within: Span) -> Vec<Hit> {
        let mut raw = Vec::new();
        self.raw_hits_into(text, within, &mut raw);
        raw
    }

    /// [`Matcher::raw_hits`] into a reused buffer (cleared first).
    pub(crate) fn raw_hits_into(&self, text: &str, within: Span, raw: &mut Vec<Hit>) {
        raw.clear();
        let hay = &text[within];
        for m in self.ac.find_overlapping_iter(hay) {
            let (s, e) = (m.start(), m.end());
            // The characters on either side: ASCII bytes are read as they are.
            let before = match hay.as_bytes()[..s].last() {
                Some(&b) if b < 0x80 => Some(b as char),
                _ => hay[..s].chars().next_back(),
            };
            let after = match hay.as_bytes().get(e) {
                Some(&b) if b < 0x80 => Some(b as char),
                _ => hay[e..].chars().next(),
            };
            if !is_boundary_char(before) || !is_boundary_char(after) {
                continue;
            }
            let entry = self.pattern_entry[m.pattern().as_usize()];
            raw.push(Hit { entry, span: Span::new(within.start + s, within.start + e) });
        }
        raw.sort_by_key(|h| h.span.start);
    }

    /// The hits of one sentence: gapped cues completed inside it, blocked
    /// cues removed. Sorted by start, longest first.
    #[cfg(test)]
    pub(crate) fn resolve(&self, text: &str, sentence: Span, raw: &[Hit]) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.resolve_into(text, sentence, raw, &mut hits);
        hits
    }

    /// [`Matcher::resolve`] into a reused buffer (cleared first).
    pub(crate) fn resolve_into(&self, text: &str, sentence: Span, raw: &[Hit], hits: &mut Vec<Hit>) {
        hits.clear();
        for &h in raw {
            let mut h = h;
            let parts = &self.entries[h.entry].parts;
            if parts.len() > 1 {
                match self.gap_end(text, sentence, h.span.end, &parts[1..]) {
                    Some(end) => h.span.end = end,
                    None => continue,
                }
            }
            if h.span.end <= sentence.end {
                hits.push(h);
            }
        }
        if hits.iter().any(|h| self.entries[h.entry].blocker) {
            let blockers: Vec<Hit> = hits.iter().copied().filter(|h| self.entries[h.entry].blocker).collect();
            hits.retain(|h| {
                let e = &self.entries[h.entry];
                !e.blocker
                    && !blockers.iter().any(|b| self.entries[b.entry].category == e.category && b.span.contains(h.span))
            });
        }
        hits.sort_unstable_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end), h.entry));
    }

    /// Every hit in `text[within]`, resolved as one sentence.
    #[cfg(test)]
    pub(crate) fn hits(&self, text: &str, within: Span) -> Vec<Hit> {
        let raw = self.raw_hits(text, within);
        self.resolve(text, within, &raw)
    }

    /// Finds the remaining parts of a gapped cue in order, each within eight
    /// words of the previous one; returns where the last part ends.
    fn gap_end(&self, text: &str, within: Span, mut from: usize, parts: &[String]) -> Option<usize> {
        for part in parts {
            let mut found = None;
            // Nine words at most: a window of generous length is enough to look in.
            let mut end = (from + 160).min(within.end);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            for w in crate::text::words(text, Span::new(from, end)).into_iter().take(9) {
                let cand = &text[w.span.start..within.end];
                if cand.len() >= part.len()
                    && cand.is_char_boundary(part.len())
                    && cand[..part.len()].eq_ignore_ascii_case(part)
                    && is_boundary_char(cand[part.len()..].chars().next())
                {
                    found = Some(w.span.start + part.len());
                    break;
                }
            }
            from = found?;
        }
        Some(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_gaps_and_blockers() {
        let src = "# c\ndismissed ... as @x | He dismissed it as false.\n! denied bail | The court denied bail.\n";
        let e = parse("t.txt", Category::Denial, src).unwrap();
        assert_eq!(e[0].parts, ["dismissed", "as"]);
        assert_eq!(e[0].tags, ["x"]);
        assert!(e[1].blocker);
        assert_eq!(e[1].origin.line, 3);
        assert!(parse("t.txt", Category::Denial, "no bar here").unwrap_err().to_string().contains("t.txt:1"));
    }

    #[test]
    fn matches_with_boundaries_gaps_and_blockers() {
        let src = "denied | x\n! denied bail | y\ndismissed ... as | z\nmay | w\n";
        let m = Matcher::new(parse("t.txt", Category::Denial, src).unwrap()).unwrap();
        let t = "The mayor denied it. The court denied bail. She dismissed the claim as false.";
        let hits: Vec<&str> = m.hits(t, Span::new(0, t.len())).iter().map(|h| &t[h.span]).collect();
        assert_eq!(hits, ["denied", "dismissed the claim as"]);
    }

    #[test]
    fn validates_custom_cues() {
        assert_eq!(validate_custom("  Sources  Claim "), Ok("sources claim".into()));
        assert!(validate_custom("").is_err());
        assert!(validate_custom("123").unwrap_err().contains("letter"));
        assert!(validate_custom("a|b").is_err());
        assert!(validate_custom("one two three four five six seven").is_err());
    }
}
