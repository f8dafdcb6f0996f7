//! The structural rules, one file each. Each takes a [`Sentence`] and
//! returns the evidence it found; the analyzer combines them.

pub(crate) mod attribution;
pub(crate) mod denial;
pub(crate) mod hedge;
pub(crate) mod unsourced;

use crate::span::Span;

/// Evidence for one category in one sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Signal {
    pub confidence: f32,
    /// Cue spans, the strongest first.
    pub cues: Vec<Span>,
    pub reason: String,
}

impl Signal {
    /// Merges cue evidence: the strongest cue gives the reason; each
    /// further distinct cue adds a little confidence.
    pub(crate) fn combine(mut parts: Vec<(f32, Span, String)>) -> Option<Signal> {
        if parts.is_empty() {
            return None;
        }
        parts.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
        let extra = (parts.len() - 1) as f32 * 0.1;
        let confidence = (parts[0].0 + extra).min(0.97);
        let reason = parts[0].2.clone();
        let mut cues: Vec<Span> = Vec::new();
        for (_, s, _) in parts {
            if !cues.iter().any(|c| c.overlaps(s)) {
                cues.push(s);
            }
        }
        Some(Signal { confidence, cues, reason })
    }
}

/// Lower-cased cue text for reasons, quotes normalised.
pub(crate) fn cue_text(text: &str, span: Span) -> String {
    text[span].split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().replace('’', "'")
}
