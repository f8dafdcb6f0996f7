//! Builds every matcher once; turns text into sorted findings.

use crate::error::Error;
use crate::finding::{Category, Cue, Finding};
use crate::lexicon::{self, Entry, Matcher};
use crate::model::{self, Model};
use crate::rules::{self, attribution, Signal};
use crate::segment::{self, Segmenter};
use crate::sentence::{Scratch, Sentence};
use crate::span::Span;
use crate::text::{self, WordSet};
use std::rc::Rc;
use std::sync::OnceLock;

/// The lexicon files compiled into the crate: (file name, category, text).
pub(crate) const LEXICONS: &[(&str, Category, &str)] = &[
    ("hedges.txt", Category::Hedged, include_str!("lexicons/hedges.txt")),
    ("denials.txt", Category::Denial, include_str!("lexicons/denials.txt")),
    ("unsourced.txt", Category::Unsourced, include_str!("lexicons/unsourced.txt")),
    ("sources.txt", Category::Attributed, include_str!("lexicons/sources.txt")),
];
/// The learned scorer's findings never reach the strict threshold; only
/// scores of at least `model::BALANCED_THRESHOLD` reach balanced.
const MODEL_MAX_CONFIDENCE: f32 = 0.6;
const ABBREVIATIONS: &str = include_str!("lexicons/abbreviations.txt");
/// What separates blocks when they are analysed as one text: a blank line,
/// which no sentence crosses.
pub(crate) const BLOCK_SEPARATOR: &str = "\n\n";

/// How much evidence a finding needs before it is reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sensitivity {
    /// Only the clearest cases (confidence ≥ 0.75).
    Strict,
    /// The default (confidence ≥ 0.5).
    #[default]
    Balanced,
    /// Also the softer cues (confidence ≥ 0.3).
    Eager,
}

impl Sensitivity {
    /// Every level, strictest first.
    pub const ALL: [Sensitivity; 3] = [Sensitivity::Strict, Sensitivity::Balanced, Sensitivity::Eager];

    /// The lowest confidence reported at this level.
    pub fn threshold(self) -> f32 {
        match self {
            Sensitivity::Strict => 0.75,
            Sensitivity::Balanced => 0.5,
            Sensitivity::Eager => 0.3,
        }
    }

    /// The lower-case name (`strict`, `balanced`, `eager`).
    pub fn name(self) -> &'static str {
        match self {
            Sensitivity::Strict => "strict",
            Sensitivity::Balanced => "balanced",
            Sensitivity::Eager => "eager",
        }
    }

    /// Parses a lower-case name.
    pub fn from_name(name: &str) -> Option<Sensitivity> {
        Sensitivity::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Extra cue phrases a user adds, per category.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomCues {
    /// Extra hedge cues.
    pub hedged: Vec<String>,
    /// Extra denial cues.
    pub denial: Vec<String>,
    /// Extra unsourced signals.
    pub unsourced: Vec<String>,
}

/// The analyzer: every lexicon compiled once. Cheap to share; `analyze`
/// takes `&self`.
pub struct Analyzer {
    segmenter: Segmenter,
    matcher: Matcher,
    crowd: WordSet,
    /// Whether the learned scorer is used, and the scorer itself, loaded on
    /// first use (only `eager` needs it).
    use_model: bool,
    model: OnceLock<Model>,
}

impl Default for Analyzer {
    fn default() -> Analyzer {
        Analyzer::new()
    }
}

impl Analyzer {
    /// The analyzer with the built-in lexicons.
    pub fn new() -> Analyzer {
        Analyzer::with_custom_cues(&CustomCues::default()).expect("built-in lexicons are valid")
    }

    /// The analyzer with the built-in lexicons plus the user's cues. A bad
    /// cue gives an error naming it; nothing is built.
    pub fn with_custom_cues(custom: &CustomCues) -> Result<Analyzer, Error> {
        let mut entries = builtin_entries()?;
        for (category, cues) in [
            (Category::Hedged, &custom.hedged),
            (Category::Denial, &custom.denial),
            (Category::Unsourced, &custom.unsourced),
        ] {
            for (i, cue) in cues.iter().enumerate() {
                let norm = lexicon::validate_custom(cue).map_err(|why| {
                    Error::new(format!("custom {category} cue {} ({cue:?}): {why}", i + 1))
                })?;
                entries.push(Entry {
                    category,
                    parts: vec![norm],
                    tags: Vec::new(),
                    blocker: false,
                    example: String::new(),
                    origin: lexicon::Origin { file: "custom", line: i + 1 },
                    custom: true,
                });
            }
        }
        let crowd = entries
            .iter()
            .filter(|e| e.category == Category::Unsourced && e.has_tag("crowd") && !e.blocker)
            .flat_map(|e| e.parts[0].split(' ').map(str::to_string).collect::<Vec<_>>())
            .filter(|w| !["a", "an", "one", "of", "close", "to", "those", "senior", "most", "familiar"].contains(&w.as_str()))
            .collect();
        Ok(Analyzer { segmenter: Segmenter::new(ABBREVIATIONS), matcher: Matcher::new(entries)?, crowd, use_model: true, model: OnceLock::new() })
    }

    /// The analyzer with the rules only, without the learned weasel scorer
    /// (what `claimlens train` compares the scorer against).
    pub fn without_model() -> Analyzer {
        Analyzer { use_model: false, ..Analyzer::new() }
    }

    /// The learned scorer's signal for a sentence the rules left unflagged:
    /// an `unsourced` finding when the score is high.
    fn model_signal(&self, text: &str, span: Span, threshold: f32, buf: &mut model::TokenBuf) -> Option<Signal> {
        let min_p = if threshold > Sensitivity::Eager.threshold() { model::BALANCED_THRESHOLD } else { model::ADD_THRESHOLD };
        if threshold > MODEL_MAX_CONFIDENCE {
            return None; // its findings would not be reported at this level
        }
        if !self.use_model {
            return None;
        }
        let model = self.model.get_or_init(Model::builtin);
        let p = model.score_with(&text[span], buf);
        if p < min_p {
            return None;
        }
        let tokens = model::tokens(&text[span]);
        // The two strongest words, leaving out names (a capitalised word
        // inside the sentence): they explain the training data, not the claim.
        let words = crate::text::words(text, span);
        let mut top = Vec::new();
        let mut cues = Vec::new();
        for t in model.top_tokens(&tokens, 8) {
            let Some(at) = find_word(text, &words, t) else { continue };
            if at.start > span.start && crate::sentence::capitalised(&text[at]) {
                continue;
            }
            top.push(t);
            cues.push(at);
            if top.len() == 2 {
                break;
            }
        }
        let words = top.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(", ");
        let words = if words.is_empty() { String::new() } else { format!(": {words}") };
        Some(Signal {
            // [0.6, 0.9) → [0.3, 0.49] (eager only); [0.9, 1] → [0.5, 0.6].
            confidence: if p >= model::BALANCED_THRESHOLD {
                0.5 + (p - model::BALANCED_THRESHOLD) / (1.0 - model::BALANCED_THRESHOLD) * (MODEL_MAX_CONFIDENCE - 0.5)
            } else {
                0.3 + (p - model::ADD_THRESHOLD) / (model::BALANCED_THRESHOLD - model::ADD_THRESHOLD) * 0.19
            },
            cues,
            reason: format!("the learned scorer reads this as a claim with no clear source (strongest words{words})"),
        })
    }

    /// Analyses a text whose blocks are separated by blank lines, at the
    /// default sensitivity. Findings are sorted by position, then category.
    pub fn analyze(&self, text: &str) -> Vec<Finding> {
        self.analyze_at(text, Sensitivity::Balanced)
    }

    /// As [`Analyzer::analyze`], at the given sensitivity.
    pub fn analyze_at(&self, text: &str, sensitivity: Sensitivity) -> Vec<Finding> {
        let blocks = segment::blocks(text);
        self.run(text, &blocks, sensitivity).into_iter().map(|f| f.into_finding(text)).collect()
    }

    /// Analyses a page given as blocks (paragraphs, headings, list items):
    /// each string is one block, whatever it contains. Returns
    /// `(block index, finding)` with spans relative to that block's string.
    pub fn analyze_blocks<S: AsRef<str>>(&self, blocks: &[S], sensitivity: Sensitivity) -> Vec<(usize, Finding)> {
        let mut joined = String::with_capacity(blocks.iter().map(|b| b.as_ref().len() + 2).sum());
        let mut spans = Vec::with_capacity(blocks.len());
        for (i, b) in blocks.iter().enumerate() {
            if i > 0 {
                joined.push_str(BLOCK_SEPARATOR);
            }
            let start = joined.len();
            joined.push_str(b.as_ref());
            spans.push(Span::new(start, joined.len()));
        }
        self.found_in_joined(&joined, &spans, sensitivity)
            .into_iter()
            .map(|mut f| {
                let i = block_of(&spans, f.span.start);
                f.shift(spans[i].start);
                (i, f.into_finding(blocks[i].as_ref()))
            })
            .collect()
    }

    /// Findings in blocks joined into one text by [`BLOCK_SEPARATOR`]
    /// (`spans[i]` is block `i` in `joined`), without copying texts out;
    /// spans are into `joined`, sorted (see [`block_of`]).
    pub(crate) fn found_in_joined(&self, joined: &str, spans: &[Span], sensitivity: Sensitivity) -> Vec<Found> {
        self.run(joined, spans, sensitivity)
    }

    fn run(&self, text: &str, blocks: &[Span], sensitivity: Sensitivity) -> Vec<Found> {
        let threshold = sensitivity.threshold();
        let mut out = Vec::new();
        let mut prev_block_colon = false;
        let mut in_quote_run = false;
        let mut scratch = Scratch::default();
        let mut token_buf = model::TokenBuf::default();
        let mut hits = Vec::new();
        let (mut quotes, mut raw, mut sentences) = (Vec::new(), Vec::new(), Vec::new());
        for &raw_block in blocks {
            let block = trim(text, raw_block);
            if block.is_empty() {
                continue;
            }
            text::quote_regions_into(text, block, &mut quotes);
            let btext = &text[block];
            // A block after one ending in ':' is a quotation when it carries no
            // quotation marks of its own; first-person blocks continue it.
            let quoted_block = quotes.is_empty() && (prev_block_colon || (in_quote_run && has_first_person(btext)));
            in_quote_run = quoted_block;
            prev_block_colon = btext.trim_end().ends_with(':');
            let mut last_named: Option<Rc<str>> = None;
            let mut prev_sourced = false;
            self.matcher.raw_hits_into(text, block, &mut raw);
            let mut cursor = 0;
            self.segmenter.sentences_into(text, block, &mut sentences);
            for &span in &sentences {
                let from = cursor;
                while cursor < raw.len() && raw[cursor].span.start < span.end {
                    cursor += 1;
                }
                let in_sentence = &raw[from..cursor];
                if in_sentence.is_empty() {
                    // No cue: only the learned scorer may flag it, and a report
                    // being carried goes on.
                    let plain = !prev_sourced && !quoted_block && !crate::text::inside(&quotes, span) && !crate::sentence::ends_as_question(&text[span]);
                    if let Some(sig) = plain.then(|| self.model_signal(text, span, threshold, &mut token_buf)).flatten() {
                        push_finding(&mut out, span, Category::Unsourced, sig, None, threshold);
                    }
                    continue;
                }
                self.matcher.resolve_into(text, span, in_sentence, &mut hits);
                let sentence = Sentence::new(text, span, &quotes, quoted_block, &hits, &self.matcher.entries, &mut scratch);
                let mut source = attribution::source(&sentence, &self.crowd);
                // "a diplomat who asked not to be named said …": an anonymous source.
                // "The newspaper, citing unnamed sources, said …": the outlet is the source.
                let cited = |span: Span| sentence.word_index(span.start).is_some_and(|i| i > 0 && sentence.word_is(i - 1, "citing"));
                if sentence.hits_of(Category::Unsourced).any(|(e, span)| e.has_tag("anonymous") && !cited(span)) {
                    if let Some(src) = &mut source {
                        src.kind = attribution::Kind::Vague;
                    }
                }
                if let Some(src) = &mut source {
                    if src.kind == attribution::Kind::Pronoun {
                        if let Some(prev) = &last_named {
                            src.name = prev.clone();
                        }
                    }
                    if src.kind == attribution::Kind::Named {
                        last_named = Some(src.name.clone());
                    }
                }
                let named = source.as_ref().is_some_and(|s| s.kind != attribution::Kind::Vague);
                let carried = !named && (prev_sourced || quoted_block);
                let source_name = if named { source.as_ref().map(|s| s.name.clone()) } else { None };
                let hedged = rules::hedge::check(&sentence);
                let mut unsourced = rules::unsourced::check(&sentence, source.as_ref(), carried);
                // A blocking phrase ("many of", "for some weeks") is the rules
                // recognising plain usage: the scorer does not overrule it.
                let blocked = in_sentence.iter().any(|h| self.matcher.entries[h.entry].blocker);
                if hedged.is_none() && unsourced.is_none() && !named && !carried && !blocked && !quoted_block && !crate::text::inside(&quotes, span) {
                    unsourced = self.model_signal(text, span, threshold, &mut token_buf);
                }
                let signals = [
                    (Category::Hedged, hedged),
                    (Category::Denial, rules::denial::check(&sentence, source.as_ref())),
                    (Category::Unsourced, unsourced),
                    (
                        Category::Attributed,
                        source.as_ref().filter(|_| named).map(|s| Signal {
                            confidence: if s.kind == attribution::Kind::Named { 0.9 } else { 0.8 },
                            cues: vec![s.cue],
                            reason: String::new(), // Reason::Attributed: built from the source when asked
                        }),
                    ),
                ];
                let question = sentence.is_question();
                for (category, signal) in signals {
                    let Some(mut sig) = signal else { continue };
                    if question && category != Category::Attributed {
                        continue; // questions assert nothing
                    }
                    if let (Some(name), Category::Denial) = (&source_name, category) {
                        sig.reason = format!("{} (source: {name})", sig.reason);
                    }
                    push_finding(&mut out, span, category, sig, source_name.clone(), threshold);
                }
                // A new attribution, even a vague one ("Other pundits argue"), replaces
                // the report being carried.
                prev_sourced = named || (source.is_none() && prev_sourced && !sentence_breaks_report(&sentence));
            }
        }
        out.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.category.cmp(&b.category)));
        out
    }
}

/// A finding before its texts are copied out of the analysed text: what
/// [`Analyzer::run`] produces, and all the WASM boundary needs.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub category: Category,
    pub span: Span,
    /// Sorted.
    pub cues: Vec<Span>,
    pub reason: Reason,
    pub confidence: f32,
    pub source: Option<Rc<str>>,
}

/// Why a finding was made. An attributed finding's reason only names its
/// source, so it is written out only when asked for.
#[derive(Clone, Debug)]
pub(crate) enum Reason {
    Text(String),
    /// [`ATTRIBUTED_TO`] followed by the finding's source.
    Attributed,
}

/// The start of an attributed finding's reason; its source follows.
pub(crate) const ATTRIBUTED_TO: &str = "attributed to ";

impl Found {
    /// Moves every span `base` bytes back (to be relative to a block).
    fn shift(&mut self, base: usize) {
        self.span = Span::new(self.span.start - base, self.span.end - base);
        for c in &mut self.cues {
            *c = Span::new(c.start - base, c.end - base);
        }
    }

    /// The public finding, with its texts taken from `text`.
    fn into_finding(self, text: &str) -> Finding {
        Finding {
            category: self.category,
            span: self.span,
            text: text[self.span].to_string(),
            cues: self.cues.into_iter().map(|c| Cue { span: c, text: text[c].to_string() }).collect(),
            reason: match self.reason {
                Reason::Text(reason) => reason,
                Reason::Attributed => format!("{ATTRIBUTED_TO}{}", self.source.as_deref().unwrap_or_default()),
            },
            confidence: self.confidence,
            source: self.source.map(|s| s.to_string()),
        }
    }
}

/// The index of the block (of sorted, disjoint `spans`) that holds byte `pos`.
pub(crate) fn block_of(spans: &[Span], pos: usize) -> usize {
    spans.partition_point(|s| s.end < pos).min(spans.len().saturating_sub(1))
}

fn push_finding(out: &mut Vec<Found>, span: Span, category: Category, sig: Signal, source: Option<Rc<str>>, threshold: f32) {
    if sig.confidence < threshold {
        return;
    }
    let mut cues = sig.cues;
    cues.sort_unstable();
    out.push(Found {
        category,
        span,
        cues,
        reason: if category == Category::Attributed && source.is_some() { Reason::Attributed } else { Reason::Text(sig.reason) },
        confidence: (sig.confidence * 100.0).round() / 100.0,
        source,
    });
}

/// The first whole-word, ASCII-case-insensitive occurrence of a lower-case
/// token among `words` of `text` (’ matching ').
fn find_word(text: &str, words: &[crate::text::Word], token: &str) -> Option<Span> {
    words
        .iter()
        .find(|w| text[w.span].chars().map(|c| if c == '’' { '\'' } else { c.to_ascii_lowercase() }).eq(token.chars()))
        .map(|w| w.span)
}

fn trim(text: &str, span: Span) -> Span {
    let s = &text[span];
    let lead = s.len() - s.trim_start().len();
    Span::new(span.start + lead, span.start + lead + s.trim().len())
}

fn has_first_person(s: &str) -> bool {
    s.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
        .take(12)
        .any(|w| matches!(w, "I" | "we" | "We" | "our" | "Our" | "us" | "my" | "My") || w.starts_with("I’") || w.starts_with("I'") || w.starts_with("we’") || w.starts_with("We’"))
}

/// A sentence that plainly changes subject ends the carried report:
/// anything carrying its own unsourced signal does.
fn sentence_breaks_report(s: &Sentence) -> bool {
    s.hits_of(Category::Unsourced).any(|(e, _)| e.tags.is_empty())
}

fn builtin_entries() -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    for &(file, category, src) in LEXICONS {
        entries.extend(lexicon::parse(file, category, src)?);
    }
    Ok(entries)
}

/// Every lexicon line with its example, for the lexicon tests:
/// (file, line, category, cue, example, is_blocker).
#[doc(hidden)]
pub fn lexicon_examples() -> Vec<(String, usize, Category, String, String, bool)> {
    builtin_entries()
        .expect("built-in lexicons are valid")
        .into_iter()
        .map(|e| (e.origin.file.to_string(), e.origin.line, e.category, e.cue(), e.example, e.blocker))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attributed_finding_names_its_source_in_its_reason() {
        let found = Analyzer::new().analyze("Prices will rise next year, the finance minister said.");
        let attributed = found.iter().find(|f| f.category == Category::Attributed).expect("an attributed finding");
        assert_eq!(attributed.source.as_deref(), Some("the finance minister"));
        assert_eq!(attributed.reason, "attributed to the finance minister");
    }
}
