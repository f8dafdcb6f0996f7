//! Arbitrary bytes → lossy UTF-8 → the analyzer at every sensitivity, and
//! the same text as blocks (split at every newline, so blank lines give
//! empty blocks).
#![no_main]

use claimlens::Sensitivity;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = common::analyzer();
    for s in Sensitivity::ALL {
        let findings = a.analyze_at(&text, s);
        common::check_spans(&text, &findings);
        common::check_order(&findings);
        for f in &findings {
            assert!(f.confidence >= s.threshold());
        }
    }
    let blocks: Vec<&str> = text.split('\n').collect();
    let found = a.analyze_blocks(&blocks, Sensitivity::Eager);
    common::check_blocks(&blocks, &found);
});
