//! UTF-8 byte offsets → UTF-16 code units, for the DOM.
//!
//! A cursor per text walks from one offset to the next, so nearby offsets
//! cost only the bytes between them.

/// Converts byte offsets of `text` (each on a char boundary, any order) to
/// UTF-16 code-unit offsets, in place.
pub fn convert(text: &str, offsets: &mut [usize]) {
    // In increasing order, so the cursor reads the text once.
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut at = Cursor::new(text);
    for i in order {
        offsets[i] = at.units(offsets[i]);
    }
}

/// A finding's span and cue spans in UTF-16 code units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Utf16Spans {
    /// The finding's sentence, `(start, end)`, half-open.
    pub span: (usize, usize),
    /// Each cue, in the finding's order.
    pub cues: Vec<(usize, usize)>,
}

/// The UTF-16 spans of findings whose byte spans index `text`, converted
/// with one cursor (findings in text order read the text about once).
pub fn spans<'a>(text: &str, findings: impl IntoIterator<Item = &'a crate::Finding>) -> Vec<Utf16Spans> {
    let mut at = Cursor::new(text);
    findings
        .into_iter()
        .map(|f| Utf16Spans {
            span: (at.units(f.span.start), at.units(f.span.end)),
            cues: f.cues.iter().map(|c| (at.units(c.span.start), at.units(c.span.end))).collect(),
        })
        .collect()
}

/// Converts byte offsets of one text to UTF-16 code units by walking from
/// the offset converted last, forwards or back: a run of nearby offsets
/// (a finding, then its cues) costs only the bytes between them.
pub(crate) struct Cursor<'t> {
    bytes: &'t [u8],
    ascii: bool,
    pos: usize,
    units: usize,
}

impl<'t> Cursor<'t> {
    pub(crate) fn new(text: &'t str) -> Cursor<'t> {
        Cursor { bytes: text.as_bytes(), ascii: text.is_ascii(), pos: 0, units: 0 }
    }

    /// The UTF-16 offset of byte offset `target` (a char boundary; past the
    /// end counts as the end).
    pub(crate) fn units(&mut self, target: usize) -> usize {
        let target = target.min(self.bytes.len());
        if self.ascii {
            return target;
        }
        if target >= self.pos {
            self.units += code_units(&self.bytes[self.pos..target]);
        } else {
            self.units -= code_units(&self.bytes[target..self.pos]);
        }
        self.pos = target;
        self.units
    }
}

/// UTF-16 code units of whole characters' UTF-8 bytes: one per byte that
/// starts a character, two for a four-byte one (outside the BMP).
fn code_units(bytes: &[u8]) -> usize {
    let unit = |&b: &u8| usize::from((b & 0xc0) != 0x80) + usize::from(b >= 0xf0);
    // Eight bytes at a time while they are all ASCII (a unit each).
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        n += if v & 0x8080_8080_8080_8080 == 0 { 8 } else { c.iter().map(unit).sum() };
    }
    n + chunks.remainder().iter().map(unit).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_emoji_cjk_nbsp_and_quotes() {
        let t = "😀 “北京”\u{a0}é!";
        // byte offsets of every char start, plus the end
        let mut offs: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
        offs.reverse();
        convert(t, &mut offs);
        offs.reverse();
        assert_eq!(offs, [0, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        let utf16: Vec<u16> = t.encode_utf16().collect();
        assert_eq!(utf16.len(), 10);
    }

    #[test]
    fn the_cursor_walks_both_ways() {
        let t = "a😀 “北京” b";
        let want = |byte: usize| t[..byte].encode_utf16().count();
        let mut at = Cursor::new(t);
        let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
        for &b in bounds.iter().rev().chain(&bounds).chain(bounds.iter().step_by(3).rev()) {
            assert_eq!(at.units(b), want(b), "byte {b}");
        }
        assert_eq!(at.units(t.len() + 5), want(t.len()));
    }
}
