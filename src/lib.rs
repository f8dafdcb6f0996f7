//! claimlens flags three kinds of statement in news text:
//!
//! - **hedged** — the writer keeps a distance (*allegedly, appears to*);
//! - **denial** — a party rejects a claim (*denied, dismissed … as*);
//! - **unsourced** — a contestable claim with no source, or a vague one
//!   (*it is clear that, critics say*);
//!
//! and, for readers who want it, **attributed** sentences that name their
//! source. Every finding covers one sentence, carries its exact text, its
//! cue words, a one-line reason and a confidence.
//!
//! ```
//! use claimlens::{Analyzer, Category};
//!
//! let analyzer = Analyzer::new();
//! let findings = analyzer.analyze("The mayor allegedly took the money.");
//! assert_eq!(findings[0].category, Category::Hedged);
//! assert_eq!(findings[0].cues[0].text, "allegedly");
//! ```
//!
//! Offsets are UTF-8 byte offsets, half-open ([`Span`]); [`utf16`] converts
//! them for the DOM.

mod analyzer;
mod error;
mod finding;
mod lexicon;
mod rules;
mod segment;
mod sentence;
mod span;
mod text;

pub mod eval;
pub mod gold;
pub mod html;
#[doc(hidden)]
pub mod json;
pub mod model;
pub mod utf16;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use analyzer::{Analyzer, CustomCues, Sensitivity};
pub use error::Error;
pub use finding::{Category, Cue, Finding};
pub use span::Span;

#[doc(hidden)]
pub use analyzer::lexicon_examples;
