//! UTF-8 byte offsets → UTF-16 code units, for the DOM.
//!
//! One pass per text: collect every offset, sort, walk the text once.

/// Converts byte offsets of `text` (each on a char boundary, any order) to
/// UTF-16 code-unit offsets, in place.
pub fn convert(text: &str, offsets: &mut [usize]) {
    if text.is_ascii() {
        return; // one byte, one code unit
    }
    let bytes = text.as_bytes();
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    // Every byte that starts a character is one code unit; a four-byte
    // character (outside the BMP) is two.
    let mut units = 0usize;
    let mut pos = 0usize;
    for i in order {
        let target = offsets[i].min(bytes.len());
        if target > pos {
            units += bytes[pos..target].iter().map(|&b| usize::from((b & 0xc0) != 0x80) + usize::from(b >= 0xf0)).sum::<usize>();
            pos = target;
        }
        offsets[i] = units;
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
/// in one pass.
pub fn spans<'a>(text: &str, findings: impl IntoIterator<Item = &'a crate::Finding>) -> Vec<Utf16Spans> {
    let items: Vec<(crate::Span, Vec<crate::Span>)> = findings.into_iter().map(|f| (f.span, f.cues.iter().map(|c| c.span).collect())).collect();
    spans_of(text, items.iter().map(|(s, c)| (*s, c.as_slice())))
}

/// [`spans`] for (sentence span, cue spans) pairs.
pub(crate) fn spans_of<'a>(text: &str, items: impl IntoIterator<Item = (crate::Span, &'a [crate::Span])> + Clone) -> Vec<Utf16Spans> {
    let mut offsets = Vec::new();
    for (span, cues) in items.clone() {
        offsets.extend([span.start, span.end]);
        for c in cues {
            offsets.extend([c.start, c.end]);
        }
    }
    convert(text, &mut offsets);
    let mut it = offsets.into_iter();
    let mut pair = move || (it.next().unwrap_or(0), it.next().unwrap_or(0));
    items
        .into_iter()
        .map(|(_, cues)| Utf16Spans { span: pair(), cues: cues.iter().map(|_| pair()).collect() })
        .collect()
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
}
