//! UTF-8 → UTF-16 offset conversion: arbitrary text, arbitrary char-boundary
//! offsets in any order; each converted offset counts the UTF-16 units
//! before it, and each converted pair slices the UTF-16 encoding to the
//! same text as the byte pair slices the UTF-8.
#![no_main]

use claimlens::utf16;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // First 32 bytes pick offsets (16 × u16), the rest is the text.
    let (picks, rest) = data.split_at(data.len().min(32));
    let text = String::from_utf8_lossy(rest);
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let original: Vec<usize> = picks.chunks(2).map(|c| {
        let v = u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)]) as usize;
        bounds[v % bounds.len()]
    }).collect();
    let mut offsets = original.clone();
    utf16::convert(&text, &mut offsets);
    let units: Vec<u16> = text.encode_utf16().collect();
    for (&b, &u) in original.iter().zip(&offsets) {
        assert_eq!(u, text[..b].encode_utf16().count(), "byte {b}");
    }
    for (bp, up) in original.chunks_exact(2).zip(offsets.chunks_exact(2)) {
        let (bs, be) = (bp[0].min(bp[1]), bp[0].max(bp[1]));
        let (us, ue) = (up[0].min(up[1]), up[0].max(up[1]));
        assert_eq!(String::from_utf16(&units[us..ue]).unwrap(), &text[bs..be]);
    }
});
