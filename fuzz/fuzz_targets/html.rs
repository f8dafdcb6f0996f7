//! Arbitrary bytes as an HTML page: `html::blocks` never panics, gives no
//! empty or untrimmed block, and the analyzer handles its blocks.
#![no_main]

use claimlens::{html, Sensitivity};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let blocks = html::blocks(&page);
    for b in &blocks {
        assert!(!b.is_empty());
        assert_eq!(b.trim(), b.as_str());
    }
    let found = common::analyzer().analyze_blocks(&blocks, Sensitivity::Eager);
    common::check_blocks(&blocks, &found);
});
