//! The only JavaScript boundary: blocks in, plain objects out, offsets in
//! UTF-16 code units relative to each block, converted once per block.

use crate::{json, Analyzer, CustomCues, Finding, Sensitivity};
use serde::Deserialize;
use std::fmt::Write as _;
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
pub fn analyze(blocks: Vec<String>, options: JsValue) -> Result<JsValue, JsError> {
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
    let findings = with_analyzer(|a| a.analyze_blocks(&blocks, sensitivity));
    let json = to_json(&blocks, &findings);
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("internal error: findings are not valid JSON"))
}

/// Writes the findings as one JSON array, converting block-relative byte
/// spans to UTF-16 in one pass per block.
fn to_json(blocks: &[String], findings: &[(usize, Finding)]) -> String {
    let mut out = String::with_capacity(64 + findings.len() * 256);
    out.push('[');
    let mut i = 0;
    while i < findings.len() {
        let block = findings[i].0;
        let mut j = i;
        while j < findings.len() && findings[j].0 == block {
            j += 1;
        }
        let group = &findings[i..j];
        let units = crate::utf16::spans(&blocks[block], group.iter().map(|(_, f)| f));
        for ((_, f), u) in group.iter().zip(units) {
            if out.len() > 1 {
                out.push(',');
            }
            let (start, end) = u.span;
            let _ = write!(out, "{{\"block\":{block},\"start\":{start},\"end\":{end},\"text\":");
            json::push_str(&mut out, &f.text);
            let _ = write!(out, ",\"category\":\"{}\",\"cues\":[", f.category.name());
            for (k, (c, (cs, ce))) in f.cues.iter().zip(u.cues).enumerate() {
                if k > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{{\"start\":{cs},\"end\":{ce},\"text\":");
                json::push_str(&mut out, &c.text);
                out.push('}');
            }
            out.push_str("],\"reason\":");
            json::push_str(&mut out, &f.reason);
            let _ = write!(out, ",\"confidence\":{},\"source\":", f.confidence);
            match &f.source {
                Some(s) => json::push_str(&mut out, s),
                None => out.push_str("null"),
            }
            out.push('}');
        }
        i = j;
    }
    out.push(']');
    out
}
