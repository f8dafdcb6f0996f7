//! Byte spans into the analysed text.

use std::ops::Range;

/// A half-open range of **UTF-8 byte offsets** `[start, end)` into the text
/// that was analysed. Both ends lie on `char` boundaries, so `&text[span]`
/// never panics for a span produced by this crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The same span moved `by` bytes to the right.
    pub fn shift(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl std::ops::Index<Span> for str {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

impl std::ops::Index<Span> for String {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_and_overlaps() {
        let text = "héllo world";
        let s = Span::new(0, 6);
        assert_eq!(&text[s], "héllo");
        assert!(s.overlaps(Span::new(5, 9)));
        assert!(!s.overlaps(Span::new(6, 9)));
        assert!(Span::new(0, 12).contains(s));
        assert_eq!(s.shift(1), Span::new(1, 7));
        assert_eq!(s.len(), 6);
        assert!(Span::new(3, 3).is_empty());
    }
}
