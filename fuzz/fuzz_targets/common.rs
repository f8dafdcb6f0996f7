//! Invariants shared by the fuzz targets (included with `#[path]`).

use claimlens::{Analyzer, Finding};
use std::sync::OnceLock;

pub fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::new)
}

/// Every finding and cue span is on char boundaries inside `text` and
/// slices it to the reported text; cues lie inside their finding.
pub fn check_spans(text: &str, findings: &[Finding]) {
    for f in findings {
        assert!(f.span.start < f.span.end && f.span.end <= text.len(), "finding span {:?} in {} bytes", f.span, text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end), "finding span {:?} off a char boundary", f.span);
        assert_eq!(&text[f.span], f.text, "finding text is not text[span]");
        assert!((0.0..=1.0).contains(&f.confidence), "confidence {}", f.confidence);
        for c in &f.cues {
            assert!(f.span.contains(c.span), "cue {:?} outside finding {:?}", c.span, f.span);
            assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end), "cue span {:?} off a char boundary", c.span);
            assert_eq!(&text[c.span], c.text, "cue text is not text[span]");
        }
    }
}

/// Sorted by (start, category), none repeated.
#[allow(dead_code)]
pub fn check_order(findings: &[Finding]) {
    for w in findings.windows(2) {
        assert!((w[0].span.start, w[0].category) < (w[1].span.start, w[1].category), "findings out of order: {:?} {:?} then {:?} {:?}", w[0].span, w[0].category, w[1].span, w[1].category);
    }
}

/// `analyze_blocks` spans slice their own block.
pub fn check_blocks<S: AsRef<str>>(blocks: &[S], found: &[(usize, Finding)]) {
    for (i, f) in found {
        assert!(*i < blocks.len(), "block index {i} of {}", blocks.len());
        check_spans(blocks[*i].as_ref(), std::slice::from_ref(f));
    }
}
