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
        let reason = fill(parts[0].2, &cue_text(text, parts[0].1));
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

/// `template` with its first `{}` replaced by `value`.
pub(crate) fn fill(template: &str, value: &str) -> String {
    match template.find('{').filter(|&i| template[i..].starts_with("{}")) {
        Some(i) => {
            let mut out = String::with_capacity(template.len() + value.len());
            out.push_str(&template[..i]);
            out.push_str(value);
            out.push_str(&template[i + 2..]);
            out
        }
        None => template.to_string(),
    }
}

/// Lower-cased cue text for reasons: white space runs as one space,
/// ’ as '.
pub(crate) fn cue_text(text: &str, span: Span) -> String {
    let mut out = String::with_capacity(span.len());
    for word in text[span].split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '’' => out.push('\''),
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn reasons_fill_their_template_with_normalised_cue_words() {
        let t = "They  Said It’s  ÉTÉ";
        let cue = super::cue_text(t, crate::span::Span::new(0, t.len()));
        assert_eq!(cue, "they said it's été");
        assert_eq!(super::fill("hedge: '{}' — note", &cue), "hedge: 'they said it's été' — note");
        assert_eq!(super::fill("no slot", "x"), "no slot");
    }
}
