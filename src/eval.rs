//! Sentence-level scoring against gold documents, as GUIDELINES.md says:
//! a gold sentence counts as predicted for a category when a finding of
//! that category overlaps it.

use crate::analyzer::{Analyzer, Sensitivity};
use crate::finding::{Category, Finding};
use crate::gold::{GoldDocument, Label};

/// True/false positives and false negatives of one category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and labelled.
    pub tp: usize,
    /// Predicted, not labelled.
    pub fp: usize,
    /// Labelled, not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (1 when nothing was labelled).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1 (1 when there was nothing to find and nothing was predicted).
    pub fn f1(&self) -> f64 {
        if self.tp + self.fp + self.fn_ == 0 {
            return 1.0;
        }
        2.0 * self.tp as f64 / (2 * self.tp + self.fp + self.fn_) as f64
    }
    /// The number of labelled sentences.
    pub fn support(&self) -> usize {
        self.tp + self.fn_
    }
    /// Counts one sentence.
    pub fn add(&mut self, gold: bool, predicted: bool) {
        match (gold, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => {}
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// One scored sentence, for per-sentence reports.
#[derive(Clone, Debug)]
pub struct SentenceResult {
    /// Index of the document in the input.
    pub document: usize,
    /// Index of the sentence in its document.
    pub index: usize,
    /// Gold labels, as in the file.
    pub gold: Vec<Label>,
    /// Predicted categories (the three scored ones).
    pub predicted: Vec<Category>,
}

/// The scores of one run.
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// Per category (hedged, denial, unsourced), over documents without `uncertain`.
    pub categories: [Counts; 3],
    /// hedged ∪ unsourced over documents that use `uncertain`.
    pub union: Counts,
    /// Sentences scored per category.
    pub category_sentences: usize,
    /// Sentences scored for the union.
    pub union_sentences: usize,
    /// Every sentence.
    pub sentences: Vec<SentenceResult>,
}

impl Score {
    /// Macro average of the three categories' F1; `None` when no
    /// document was scored per category.
    pub fn macro_f1(&self) -> Option<f64> {
        (self.category_sentences > 0).then(|| self.categories.iter().map(Counts::f1).sum::<f64>() / 3.0)
    }
}

/// Scores `docs` at one sensitivity.
pub fn score(analyzer: &Analyzer, docs: &[GoldDocument], sensitivity: Sensitivity) -> Score {
    let mut out = Score::default();
    for (d, doc) in docs.iter().enumerate() {
        let findings = analyzer.analyze_at(&doc.text, sensitivity);
        let uncertain_doc = doc.uses_uncertain();
        let mut cursor = 0usize;
        for (i, s) in doc.sentences.iter().enumerate() {
            // Findings are sorted by start; skip those ending before this sentence.
            while cursor < findings.len() && findings[cursor].span.end <= s.span.start {
                cursor += 1;
            }
            let predicted: Vec<Category> = Category::SCORED
                .into_iter()
                .filter(|&c| overlapping(&findings[cursor..], s.span).any(|f| f.category == c))
                .collect();
            let has = |c: Category| predicted.contains(&c);
            let gold = |c: Category| s.labels.contains(&Label::Category(c));
            if uncertain_doc {
                let g = s.labels.contains(&Label::Uncertain) || gold(Category::Hedged) || gold(Category::Unsourced);
                out.union.add(g, has(Category::Hedged) || has(Category::Unsourced));
                out.union_sentences += 1;
            } else {
                for (k, c) in Category::SCORED.into_iter().enumerate() {
                    out.categories[k].add(gold(c), has(c));
                }
                out.category_sentences += 1;
            }
            out.sentences.push(SentenceResult { document: d, index: i, gold: s.labels.clone(), predicted });
        }
    }
    out
}

fn overlapping<'a>(findings: &'a [Finding], span: crate::span::Span) -> impl Iterator<Item = &'a Finding> + 'a {
    findings.iter().take_while(move |f| f.span.start < span.end).filter(move |f| f.span.overlaps(span))
}
