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
    /// Cue spans: the one holding the strongest cue first, then in text order.
    pub cues: Vec<Span>,
    pub reason: String,
}

impl Signal {
    /// Merges cue evidence: the strongest cue gives the reason (its
    /// template with `{}` replaced by the cue words); each further distinct
    /// cue adds a little confidence.
    pub(crate) fn combine(text: &str, mut parts: Vec<(f32, Span, &'static str)>) -> Option<Signal> {
        if parts.is_empty() {
            return None;
        }
        parts.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
        let extra = (parts.len() - 1) as f32 * 0.1;
        let confidence = (parts[0].0 + extra).min(0.97);
        let reason = parts[0].2.replacen("{}", &cue_text(text, parts[0].1), 1);
        // Overlapping cues ("a smear", "smear campaign") become one.
        let mut spans: Vec<Span> = parts.iter().map(|p| p.1).collect();
        spans.sort();
        let mut merged: Vec<Span> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(last) if last.overlaps(s) => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        let first = parts[0].1;
        merged.sort_by_key(|m| !m.contains(first));
        let cues = merged;
        Some(Signal { confidence, cues, reason })
    }
}

/// Lower-cased cue text for reasons, quotes normalised.
pub(crate) fn cue_text(text: &str, span: Span) -> String {
    text[span].split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().replace('’', "'")
}
