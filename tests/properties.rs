//! Property tests: whatever the text, the analyzer never panics and every
//! finding it returns can be drawn on the page.
//!
//! Two kinds of input: arbitrary Unicode built from awkward pieces (emoji,
//! CJK, RTL, combining marks, NBSP, curly quotes, runs of newlines, cue
//! words), and realistic passages taken from the gold articles in
//! `tests/gold/` with random edits (characters inserted, deleted or
//! replaced; paragraphs joined or split).
//!
//! 256 cases per property by default; set `PROPTEST_CASES` for more, e.g.
//! `PROPTEST_CASES=5000 cargo test --release --test properties`.

use claimlens::{gold, html, utf16, Analyzer, Finding, Sensitivity, Span};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::new)
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    // Failures are turned into named regression tests by hand, not files.
    Config { cases, failure_persistence: None, ..Config::default() }
}

// ---------------------------------------------------------------------------
// The invariants.

/// Checks one span against the text it indexes; returns the slice.
fn slice<'t>(text: &'t str, span: Span, what: &str) -> &'t str {
    assert!(span.start <= span.end, "{what}: span {span:?} is reversed");
    assert!(span.end <= text.len(), "{what}: span {span:?} past the end ({} bytes)", text.len());
    assert!(text.is_char_boundary(span.start), "{what}: start of {span:?} not on a char boundary");
    assert!(text.is_char_boundary(span.end), "{what}: end of {span:?} not on a char boundary");
    &text[span]
}

/// Span, text and cue invariants of findings whose spans index `text`.
fn check_findings(text: &str, findings: &[Finding], what: &str) {
    for f in findings {
        assert!(!f.span.is_empty(), "{what}: empty finding span {:?}", f.span);
        assert_eq!(slice(text, f.span, what), f.text, "{what}: finding text is not text[span]");
        assert!((0.0..=1.0).contains(&f.confidence), "{what}: confidence {} out of [0, 1]", f.confidence);
        for c in &f.cues {
            assert_eq!(slice(text, c.span, what), c.text, "{what}: cue text is not text[cue span]");
            assert!(f.span.contains(c.span), "{what}: cue {:?} outside finding {:?}", c.span, f.span);
        }
        for w in f.cues.windows(2) {
            assert!(w[0].span <= w[1].span, "{what}: cues not in text order: {:?} then {:?}", w[0].span, w[1].span);
        }
    }
}

/// Findings sorted by (start, category), no finding reported twice.
fn check_order(findings: &[Finding], what: &str) {
    for w in findings.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(
            (a.span.start, a.category) < (b.span.start, b.category),
            "{what}: findings out of order or repeated: {:?} {:?} then {:?} {:?}",
            a.span,
            a.category,
            b.span,
            b.category
        );
    }
}

/// The UTF-16 offsets of every finding and cue slice the UTF-16 encoding
/// of `text` to exactly their text.
fn check_utf16(text: &str, findings: &[Finding]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let take = |(s, e): (usize, usize), expected: &str| {
        assert!(s <= e && e <= units.len(), "utf16 offsets {s}..{e} out of 0..{}", units.len());
        assert_eq!(String::from_utf16(&units[s..e]).ok().as_deref(), Some(expected), "utf16 {s}..{e} does not slice to the text");
    };
    let spans = utf16::spans(text, findings);
    assert_eq!(spans.len(), findings.len());
    for (f, u) in findings.iter().zip(spans) {
        take(u.span, &f.text);
        assert_eq!(u.cues.len(), f.cues.len());
        for (c, cu) in f.cues.iter().zip(u.cues) {
            take(cu, &c.text);
        }
    }
}

/// Every invariant of `analyze` / `analyze_at` on one text.
fn check_text(text: &str) {
    let a = analyzer();
    let mut previous: Option<Vec<Finding>> = None;
    for s in Sensitivity::ALL {
        let what = s.name();
        let findings = a.analyze_at(text, s);
        check_findings(text, &findings, what);
        check_order(&findings, what);
        check_utf16(text, &findings);
        for f in &findings {
            assert!(f.confidence >= s.threshold(), "{what}: confidence {} below threshold", f.confidence);
        }
        assert_eq!(a.analyze_at(text, s), findings, "{what}: two runs differ");
        // A stricter level reports a subset of a looser one.
        if let Some(stricter) = &previous {
            for f in stricter {
                assert!(findings.contains(f), "{what}: misses {:?} {:?} found at a stricter level", f.category, f.span);
            }
        }
        if s == Sensitivity::Balanced {
            assert_eq!(a.analyze(text), findings, "analyze differs from analyze_at(balanced)");
        }
        previous = Some(findings);
    }
}

/// Every invariant of `analyze_blocks`: each finding's spans slice its
/// own block to the finding's text.
fn check_blocks<S: AsRef<str>>(blocks: &[S]) {
    let a = analyzer();
    for s in Sensitivity::ALL {
        let found = a.analyze_blocks(blocks, s);
        for (i, f) in &found {
            assert!(*i < blocks.len(), "block index {i} of {}", blocks.len());
            let block = blocks[*i].as_ref();
            check_findings(block, std::slice::from_ref(f), &format!("{} block {i}", s.name()));
        }
        for w in found.windows(2) {
            assert!(w[0].0 <= w[1].0, "block findings out of block order");
        }
        assert_eq!(a.analyze_blocks(blocks, s), found, "analyze_blocks: two runs differ");
    }
}

// ---------------------------------------------------------------------------
// Inputs.

/// Awkward pieces of text: each alone is a valid string.
const PIECES: &[&str] = &[
    " ", "  ", "\n", "\n\n", "\n \n", "\r\n", "\r\n\r\n", "\t", "\u{a0}", "\u{2009}", "\u{200b}", "\u{200d}",
    "\u{feff}", "\u{ad}", "\u{2028}", "\u{2029}", "\u{85}", "\u{0}", "\u{7f}", ".", ". ", "!", "?", "…", "...",
    ".”", "?”", "!’", ".)", ";", ":", ":\n\n", ",", "—", "–", "-", "'", "\"", "“", "”", "‘", "’", "«", "»",
    "„", "(", ")", "[", "]", "¿", "¡", "。", "！", "？", "「", "」", "😀", "👍🏽", "👨‍👩‍👧", "🇬🇧", "北京", "中文句子", "日本語",
    "한국어", "שלום", "עולם", "مرحبا", "العالم", "\u{202e}", "\u{200f}", "\u{202a}", "e\u{301}", "\u{301}",
    "a\u{308}\u{308}\u{308}", "\u{1f1e6}", "ǅ", "İ", "ß", "ﬁ", "Ω", "K", "\u{10ffff}", "\u{fffd}", "Mr.", "Dr.", "U.S.",
    "e.g.", "No.", "St.", "Jan.", "a.m.", "3.5", "1,000", "I", "We", "we", "our", "my", "The", "the", "mayor",
    "minister", "police", "company", "said", "says", "told reporters", "according to", "allegedly", "reportedly",
    "appears to", "appeared to", "may have", "could", "possibly", "is believed to", "denied", "denies",
    "rejected", "dismissed", "as", "categorically", "false", "critics say", "some say", "many believe",
    "it is clear that", "everyone knows", "experts", "sources", "a spokesperson", "officials said", "it is said",
    "claimed", "insisted", "not", "never", "Allegedly", "DENIED", "ALLEGEDLY", "The mayor allegedly took the money.",
    "She denied the claims.", "Critics say it failed.", "It is clear that the plan works.",
    "“We never did it,” he said.", "According to police, the man fled.",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z]{1,12}",
        1 => any::<String>(),
    ]
}

/// Arbitrary Unicode text, built from awkward pieces.
fn unicode_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        4 => proptest::collection::vec(piece(), 0..120).prop_map(|v| v.concat()),
        // Word-like: pieces separated by spaces, many newlines.
        2 => proptest::collection::vec(piece(), 0..80).prop_map(|v| v.join(" ")),
        1 => (proptest::collection::vec(piece(), 0..20), 0usize..200).prop_map(|(v, n)| v.join(&"\n".repeat(n % 7 + 1)) + &"\n".repeat(n)),
    ]
}

/// Every sentence of every gold file, grouped by paragraph.
fn gold_paragraphs() -> &'static Vec<Vec<String>> {
    static P: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    P.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("tests/gold exists")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "gold"))
            .collect();
        files.sort();
        let mut paragraphs = Vec::new();
        for f in files {
            let doc = gold::parse(&f.display().to_string(), &std::fs::read_to_string(&f).unwrap()).unwrap();
            for para in doc.text.split("\n\n") {
                paragraphs.push(para.split_inclusive(". ").map(str::to_string).collect());
            }
        }
        assert!(paragraphs.len() > 20, "gold corpus too small: {} paragraphs", paragraphs.len());
        paragraphs
    })
}

#[derive(Clone, Debug)]
enum Edit {
    /// Insert a piece at a position (fraction of the text length, in 1/1000).
    Insert(u16, String),
    /// Delete up to `n` chars from a position.
    Delete(u16, u8),
    /// Replace the char at a position.
    Replace(u16, char),
    /// Join the k-th paragraph break (blank line → space).
    Join(u8),
    /// Split a paragraph after the k-th ". ".
    Split(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0u16..1000, piece()).prop_map(|(p, s)| Edit::Insert(p, s)),
        2 => (0u16..1000, 1u8..40).prop_map(|(p, n)| Edit::Delete(p, n)),
        2 => (0u16..1000, prop_oneof![any::<char>(), proptest::sample::select(vec!['.', '“', '”', '\n', '\u{a0}', '😀', '\u{301}', 'ß'])]).prop_map(|(p, c)| Edit::Replace(p, c)),
        1 => any::<u8>().prop_map(Edit::Join),
        1 => any::<u8>().prop_map(Edit::Split),
    ]
}

/// The char boundary at about `permille` of the text.
fn boundary(text: &str, permille: u16) -> usize {
    let mut i = text.len() * permille as usize / 1000;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, e: &Edit) {
    match e {
        Edit::Insert(p, s) => {
            let i = boundary(text, *p);
            text.insert_str(i, s);
        }
        Edit::Delete(p, n) => {
            let i = boundary(text, *p);
            let end = text[i..].char_indices().nth(*n as usize).map_or(text.len(), |(k, _)| i + k);
            text.replace_range(i..end, "");
        }
        Edit::Replace(p, c) => {
            let i = boundary(text, *p);
            if let Some(old) = text[i..].chars().next() {
                text.replace_range(i..i + old.len_utf8(), c.encode_utf8(&mut [0; 4]));
            }
        }
        Edit::Join(k) => {
            let breaks: Vec<usize> = text.match_indices("\n\n").map(|(i, _)| i).collect();
            if !breaks.is_empty() {
                let i = breaks[*k as usize % breaks.len()];
                text.replace_range(i..i + 2, " ");
            }
        }
        Edit::Split(k) => {
            let stops: Vec<usize> = text.match_indices(". ").map(|(i, _)| i).collect();
            if !stops.is_empty() {
                let i = stops[*k as usize % stops.len()];
                text.replace_range(i + 1..i + 2, "\n\n");
            }
        }
    }
}

/// A passage of 1–6 consecutive gold paragraphs, with 0–12 edits.
fn gold_text() -> impl Strategy<Value = String> {
    let n = gold_paragraphs().len();
    (0..n, 1usize..7, proptest::collection::vec(edit(), 0..12)).prop_map(move |(first, count, edits)| {
        let paras = gold_paragraphs();
        let mut text = paras[first..(first + count).min(n)].iter().map(|p| p.concat()).collect::<Vec<_>>().join("\n\n");
        for e in &edits {
            apply(&mut text, e);
        }
        text
    })
}

/// Splits a text into blocks at arbitrary char boundaries (cut points in
/// 1/1000 of the length; repeated cuts give empty blocks).
fn split_blocks(text: &str, cuts: &[u16]) -> Vec<String> {
    let mut at: Vec<usize> = cuts.iter().map(|&c| boundary(text, c)).collect();
    at.sort();
    let mut out = Vec::new();
    let mut prev = 0;
    for i in at.into_iter().chain([text.len()]) {
        out.push(text[prev..i].to_string());
        prev = i;
    }
    out
}

// ---------------------------------------------------------------------------
// The properties.

proptest! {
    #![proptest_config(config())]

    #[test]
    fn unicode_text_keeps_every_invariant(text in unicode_text()) {
        check_text(&text);
    }

    #[test]
    fn edited_gold_text_keeps_every_invariant(text in gold_text()) {
        check_text(&text);
    }

    #[test]
    fn blocks_of_unicode_text_slice_their_block(text in unicode_text(), cuts in proptest::collection::vec(0u16..1000, 0..8)) {
        check_blocks(&split_blocks(&text, &cuts));
    }

    #[test]
    fn blocks_of_edited_gold_text_slice_their_block(text in gold_text(), cuts in proptest::collection::vec(0u16..1000, 0..8)) {
        // Paragraphs as blocks, then some of them cut again.
        let mut blocks: Vec<String> = text.split("\n\n").map(str::to_string).collect();
        if let Some(last) = blocks.pop() {
            blocks.extend(split_blocks(&last, &cuts));
        }
        check_blocks(&blocks);
    }

    #[test]
    fn utf16_convert_matches_the_encoding(text in unicode_text(), picks in proptest::collection::vec(any::<u16>(), 0..40)) {
        // Arbitrary char-boundary offsets, in any order, with repeats.
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut offsets: Vec<usize> = picks.iter().map(|&p| bounds[p as usize % bounds.len()]).collect();
        let original = offsets.clone();
        utf16::convert(&text, &mut offsets);
        for (&b, &u) in original.iter().zip(&offsets) {
            prop_assert_eq!(u, text[..b].encode_utf16().count());
        }
    }

    #[test]
    fn html_blocks_are_trimmed_and_analysable(text in unicode_text(), tags in proptest::collection::vec((0u16..1000, proptest::sample::select(vec!["<p>", "</p>", "<div>", "<br>", "<script>", "</script>", "<!--", "-->", "<b>", "&amp;", "&#x1F600;", "&nbsp;", "<", ">", "&", "<a href=\"x>y\">", "&#0;", "&#xD800;", "&#99999999;"])), 0..20)) {
        let mut page = text;
        for (p, t) in &tags {
            let i = boundary(&page, *p);
            page.insert_str(i, t);
        }
        let blocks = html::blocks(&page);
        for b in &blocks {
            prop_assert!(!b.is_empty());
            prop_assert_eq!(b.trim(), b.as_str());
        }
        check_blocks(&blocks);
        check_text(&blocks.join("\n\n"));
    }
}

// ---------------------------------------------------------------------------
// Fixed cases the properties once found or that guard edge shapes.

#[test]
fn edge_shapes() {
    for text in ["", " ", "\n\n\n", ".", "…", "\u{a0}", "😀", "a\u{301}.", "“", "”.", "Mr.", "\u{feff}The mayor allegedly took it.", "allegedly", "ALLEGEDLY.\n\nDENIED."] {
        check_text(text);
        check_blocks(&[text]);
        check_blocks(&[text, text]);
    }
}

#[test]
fn every_gold_file_keeps_every_invariant() {
    for para in gold_paragraphs() {
        check_text(&para.concat());
    }
    let all: Vec<String> = gold_paragraphs().iter().map(|p| p.concat()).collect();
    check_text(&all.join("\n\n"));
    check_blocks(&all);
}

/// Empty blocks before the first non-empty one keep their own indices.
#[test]
fn leading_empty_block_keeps_block_index() {
    let blocks = ["", "The mayor allegedly took the money."];
    let found = analyzer().analyze_blocks(&blocks, Sensitivity::Balanced);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 1, "finding given to block {}", found[0].0);
    assert_eq!(&blocks[1][found[0].1.span], found[0].1.text);
    check_blocks(&["", "", "She denied the claims.", "", "Critics say it failed."]);
}
