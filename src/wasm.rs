//! The only JavaScript boundary: blocks in, plain objects out, offsets in
//! UTF-16 code units relative to each block, converted once per block.

use crate::analyzer::{block_of, Found, Reason, ATTRIBUTED_TO, BLOCK_SEPARATOR};
use crate::span::Span;
use crate::{json, Analyzer, Category, CustomCues, Sensitivity};
use serde::Deserialize;
use std::collections::HashMap;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static ANALYZER: RefCell<Option<Analyzer>> = const { RefCell::new(None) };
}

fn with_analyzer<T>(f: impl FnOnce(&Analyzer) -> T) -> T {
    ANALYZER.with(|cell| {
        let mut slot = cell.borrow_mut();
        f(slot.get_or_insert_with(Analyzer::new))
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Options {
    sensitivity: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Config {
    custom_cues: CustomCueLists,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CustomCueLists {
    hedged: Vec<String>,
    denial: Vec<String>,
    unsourced: Vec<String>,
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Rebuilds the analyzer with the user's extra cues
/// (`{custom_cues: {hedged: [], denial: [], unsourced: []}}`). On a bad
/// cue, throws an Error naming it and keeps the previous configuration.
#[wasm_bindgen]
pub fn configure(config: JsValue) -> Result<(), JsError> {
    let config: Config = if config.is_undefined() || config.is_null() {
        Config::default()
    } else {
        serde_wasm_bindgen::from_value(config).map_err(|e| JsError::new(&format!("invalid configuration: {e}")))?
    };
    let cues = CustomCues {
        hedged: config.custom_cues.hedged,
        denial: config.custom_cues.denial,
        unsourced: config.custom_cues.unsourced,
    };
    let analyzer = Analyzer::with_custom_cues(&cues).map_err(|e| JsError::new(e.message()))?;
    ANALYZER.with(|cell| *cell.borrow_mut() = Some(analyzer));
    Ok(())
}

/// Analyses a page's text blocks (`string[]`); `options.sensitivity` is
/// `strict`, `balanced` (default) or `eager`. Returns findings with UTF-16
/// offsets into their block:
/// `{block, start, end, text, category, cues: [{start, end, text}], reason,
/// confidence, source}`.
#[wasm_bindgen]
pub fn analyze(blocks: js_sys::Array, options: JsValue) -> Result<JsValue, JsError> {
    let options: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("invalid options: {e}")))?
    };
    let sensitivity = match options.sensitivity.as_deref() {
        None => Sensitivity::Balanced,
        Some(name) => Sensitivity::from_name(name)
            .ok_or_else(|| JsError::new(&format!("unknown sensitivity {name:?} (expected strict, balanced or eager)")))?,
    };
    let (joined, spans) = take_blocks(&blocks)?;
    let findings = with_analyzer(|a| a.found_in_joined(&joined, &spans, sensitivity));
    let packed = pack(&joined, &spans, &findings);
    Ok(unpack(&blocks, &packed.numbers, &packed.strings))
}

/// The blocks as one UTF-8 text, joined by [`BLOCK_SEPARATOR`], and each
/// block's span in it. JS encodes them straight into WASM memory: one
/// buffer, no string per block.
fn take_blocks(blocks: &js_sys::Array) -> Result<(String, Vec<Span>), JsError> {
    let units = blocks_length(blocks);
    if units < 0.0 {
        return Err(JsError::new(&format!("block {} is not a string", -units - 1.0)));
    }
    // Room for mostly one-byte text first; a UTF-16 code unit takes at most
    // three bytes in UTF-8, so the second try always fits.
    let units = units as usize;
    let mut ends = vec![0u32; blocks.length() as usize];
    let mut bytes = Vec::new();
    for room in [units + units / 4 + 64, units * 3] {
        bytes = vec![0u8; room];
        let written = encode_blocks(blocks, &mut bytes, &mut ends);
        if written != u32::MAX {
            bytes.truncate(written as usize);
            break;
        }
    }
    let joined = String::from_utf8(bytes).map_err(|_| JsError::new("the blocks did not encode as UTF-8"))?;
    let mut spans = Vec::with_capacity(ends.len());
    let mut start = 0;
    for &end in &ends {
        spans.push(Span::new(start, end as usize));
        start = end as usize + BLOCK_SEPARATOR.len();
    }
    Ok((joined, spans))
}

#[wasm_bindgen(inline_js = r#"
// The length in UTF-16 code units of the blocks joined by a blank line, or
// -(i + 1) when block i is not a string.
export function blocks_length(blocks) {
  let n = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (typeof b !== 'string') return -(i + 1);
    n += b.length + 2;
  }
  return n;
}

const encoder = new TextEncoder();

// Encodes the blocks as UTF-8 into `out`, a blank line between them;
// `ends[i]` is where block i ends. Returns the bytes written, or 2^32 - 1
// when `out` is too small.
export function encode_blocks(blocks, out, ends) {
  let pos = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (i > 0) {
      if (pos + 2 > out.length) return 0xffffffff;
      out[pos] = 10;
      out[pos + 1] = 10;
      pos += 2;
    }
    const r = encoder.encodeInto(blocks[i], out.subarray(pos));
    if (r.read < blocks[i].length) return 0xffffffff;
    pos += r.written;
    ends[i] = pos;
  }
  return pos;
}

// Turns the packed findings into objects; finding and cue texts are sliced
// from the caller's own block strings, so they match the page exactly.
export function unpack(blocks, nums, stringsJson) {
  const strings = JSON.parse(stringsJson);
  const sourced = [];
  const out = [];
  let i = 0;
  while (i < nums.length) {
    const block = nums[i], start = nums[i + 1], end = nums[i + 2];
    const text = blocks[block];
    const category = strings[nums[i + 3]], confidence = nums[i + 4] / 100;
    const s = nums[i + 6], source = s === 0 ? null : strings[s - 1];
    // The high bit: the reason is this text followed by the source (made
    // once per source).
    const r = nums[i + 5], reason = r >= 0x80000000 ? (sourced[s] ??= strings[r - 0x80000000] + source) : strings[r];
    const count = nums[i + 7];
    i += 8;
    // Most findings have one cue: an array literal is built at its size.
    let cues;
    if (count === 1) {
      cues = [{ start: nums[i], end: nums[i + 1], text: text.slice(nums[i], nums[i + 1]) }];
      i += 2;
    } else {
      cues = [];
      for (let k = 0; k < count; k++, i += 2) {
        cues.push({ start: nums[i], end: nums[i + 1], text: text.slice(nums[i], nums[i + 1]) });
      }
    }
    out.push({ block, start, end, text: text.slice(start, end), category, cues, reason, confidence, source });
  }
  return out;
}
"#)]
extern "C" {
    fn blocks_length(blocks: &js_sys::Array) -> f64;
    fn encode_blocks(blocks: &js_sys::Array, out: &mut [u8], ends: &mut [u32]) -> u32;
    fn unpack(blocks: &js_sys::Array, numbers: &[u32], strings: &str) -> JsValue;
}

/// Findings as numbers plus a table of distinct strings (categories,
/// reasons, sources), the form that crosses the boundary.
struct Packed {
    /// Per finding: block, start, end (UTF-16), category, confidence × 100,
    /// reason (with the high bit set: the reason is that string followed by
    /// the source), source + 1 (0: none), cue count, then each cue's start,
    /// end.
    numbers: Vec<u32>,
    /// The string table as one JSON array.
    strings: String,
}

/// Packs the findings, converting their byte spans to UTF-16 offsets into
/// their block with one cursor per block.
fn pack(joined: &str, blocks: &[Span], findings: &[Found]) -> Packed {
    let mut numbers = Vec::with_capacity(findings.len() * 12);
    let mut table = Strings::default();
    // The categories first, so a finding's category is its index in ALL.
    for c in Category::ALL {
        table.intern(c.name());
    }
    let mut i = 0;
    while i < findings.len() {
        let block = block_of(blocks, findings[i].span.start);
        let mut j = i;
        while j < findings.len() && findings[j].span.start <= blocks[block].end {
            j += 1;
        }
        // Offsets in text order (start, cues, end), so the cursor walks each
        // sentence about once; findings of one sentence share its offsets.
        let base = blocks[block].start;
        let mut at = crate::utf16::Cursor::new(&joined[blocks[block]]);
        let mut units = |pos: usize| at.units(pos - base) as u32;
        let mut sentence: Option<(Span, u32, u32)> = None;
        for f in &findings[i..j] {
            let category = Category::ALL.iter().position(|&c| c == f.category).unwrap_or(0) as u32;
            let reason = match &f.reason {
                Reason::Text(text) => table.intern(text),
                Reason::Attributed => table.intern(ATTRIBUTED_TO) | 0x8000_0000,
            };
            let source = f.source.as_deref().map_or(0, |s| table.intern(s) + 1);
            let head = numbers.len();
            numbers.extend([block as u32, 0, 0, category, (f.confidence * 100.0).round() as u32, reason, source, f.cues.len() as u32]);
            let known = sentence.filter(|s| s.0 == f.span);
            let start = known.map_or_else(|| units(f.span.start), |s| s.1);
            for c in &f.cues {
                numbers.extend([units(c.start), units(c.end)]);
            }
            let end = known.map_or_else(|| units(f.span.end), |s| s.2);
            numbers[head + 1] = start;
            numbers[head + 2] = end;
            sentence = Some((f.span, start, end));
        }
        i = j;
    }
    table.json.push(']'); // the categories opened it
    Packed { numbers, strings: table.json }
}

/// Distinct strings in first-seen order, written as a JSON array.
#[derive(Default)]
struct Strings<'a> {
    index: HashMap<&'a str, u32, std::hash::BuildHasherDefault<crate::text::WordHasher>>,
    json: String,
}

impl<'a> Strings<'a> {
    fn intern(&mut self, s: &'a str) -> u32 {
        let next = self.index.len() as u32;
        let json = &mut self.json;
        *self.index.entry(s).or_insert_with(|| {
            json.push(if next == 0 { '[' } else { ',' });
            json::push_str(json, s);
            next
        })
    }
}
