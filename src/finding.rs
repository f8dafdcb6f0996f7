//! What the analyzer reports.

use crate::span::Span;
use std::fmt;

/// The kind of statement a finding flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The writer keeps a distance from the statement (allegedly, appears to …).
    Hedged,
    /// A party rejects a claim or an accusation.
    Denial,
    /// A contestable claim given as fact with no source, or only a vague one.
    Unsourced,
    /// The sentence names who says so (informational; off by default in the UI).
    Attributed,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 4] = [
        Category::Hedged,
        Category::Denial,
        Category::Unsourced,
        Category::Attributed,
    ];

    /// The three categories the gold corpora label (attributed is not scored).
    pub const SCORED: [Category; 3] = [Category::Hedged, Category::Denial, Category::Unsourced];

    /// The lower-case name used in files, JSON and the extension.
    pub fn name(self) -> &'static str {
        match self {
            Category::Hedged => "hedged",
            Category::Denial => "denial",
            Category::Unsourced => "unsourced",
            Category::Attributed => "attributed",
        }
    }

    /// Parses a lower-case category name.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One cue: the words that triggered a finding.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Cue {
    /// Where the cue words are (UTF-8 bytes, half-open).
    pub span: Span,
    /// The cue words exactly as they appear in the text.
    pub text: String,
}

/// A flagged sentence.
///
/// `span` is the sentence (UTF-8 bytes, half-open) and `text` is exactly
/// `&analysed_text[span]`, so a consumer can refuse to draw a finding whose
/// text no longer matches the page.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Finding {
    /// What kind of statement this is.
    pub category: Category,
    /// The sentence the finding covers.
    pub span: Span,
    /// The exact text of `span`.
    pub text: String,
    /// The cue words, in text order.
    pub cues: Vec<Cue>,
    /// One line a reader understands.
    pub reason: String,
    /// How sure the analyzer is, in `[0, 1]`.
    pub confidence: f32,
    /// Who is cited, when the sentence names a source.
    pub source: Option<String>,
}
