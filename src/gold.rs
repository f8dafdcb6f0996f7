//! The gold corpus format (`*.gold`): one sentence a line, `LABELS<TAB>SENTENCE`,
//! blank lines between paragraphs, `#` lines for metadata.

use crate::error::Error;
use crate::finding::Category;
use crate::span::Span;

/// A gold label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    /// One of the three scored categories.
    Category(Category),
    /// Hedged or unsourced, not saying which (scored only as their union).
    Uncertain,
}

/// One labelled sentence and where it sits in the rebuilt text.
#[derive(Clone, Debug)]
pub struct GoldSentence {
    /// Its labels (empty for `-`).
    pub labels: Vec<Label>,
    /// Its span in [`GoldDocument::text`] (UTF-8 bytes, half-open).
    pub span: Span,
    /// The 1-based line of the gold file.
    pub line: usize,
}

/// A gold document: the text the scanner sees, and the labelled sentences.
#[derive(Clone, Debug)]
pub struct GoldDocument {
    /// The `# title:` metadata, if any.
    pub title: Option<String>,
    /// Sentences of a paragraph joined by a space, paragraphs by a blank line.
    pub text: String,
    /// Every sentence, in order.
    pub sentences: Vec<GoldSentence>,
}

impl GoldDocument {
    /// True when any sentence carries the `uncertain` label.
    pub fn uses_uncertain(&self) -> bool {
        self.sentences.iter().any(|s| s.labels.contains(&Label::Uncertain))
    }
}

/// Parses a gold file's text; `name` is used in error messages.
pub fn parse(name: &str, source: &str) -> Result<GoldDocument, Error> {
    let mut doc = GoldDocument { title: None, text: String::new(), sentences: Vec::new() };
    let mut in_paragraph = false;
    for (i, raw) in source.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.starts_with('#') {
            if let Some(t) = line.strip_prefix("# title:") {
                doc.title = Some(t.trim().to_string());
            }
            continue;
        }
        if line.trim().is_empty() {
            in_paragraph = false;
            continue;
        }
        let (labels, sentence) = line.split_once('\t').ok_or_else(|| {
            Error::new(format!("{name}:{line_no}: expected LABELS<TAB>SENTENCE, found no tab"))
        })?;
        let labels = parse_labels(labels.trim())
            .map_err(|why| Error::new(format!("{name}:{line_no}: {why}")))?;
        if sentence.trim().is_empty() {
            return Err(Error::new(format!("{name}:{line_no}: empty sentence")));
        }
        if !doc.text.is_empty() {
            doc.text.push_str(if in_paragraph { " " } else { "\n\n" });
        }
        let start = doc.text.len();
        doc.text.push_str(sentence);
        doc.sentences.push(GoldSentence { labels, span: Span::new(start, doc.text.len()), line: line_no });
        in_paragraph = true;
    }
    Ok(doc)
}

fn parse_labels(field: &str) -> Result<Vec<Label>, String> {
    if field == "-" {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for name in field.split(',').map(str::trim) {
        let label = match name {
            "uncertain" => Label::Uncertain,
            _ => match Category::from_name(name) {
                Some(c) if c != Category::Attributed => Label::Category(c),
                _ => return Err(format!("unknown label {name:?} (expected -, hedged, denial, unsourced or uncertain)")),
            },
        };
        if !out.contains(&label) {
            out.push(label);
        }
    }
    if out.contains(&Label::Uncertain) && out.len() > 1 {
        return Err("`uncertain` must stand alone".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_text_and_spans() {
        let src = "# title: T\n\n-\tHead\n\nhedged\tOne.\nhedged,denial\tTwo.\n";
        let d = parse("x.gold", src).unwrap();
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.text, "Head\n\nOne. Two.");
        assert_eq!(&d.text[d.sentences[2].span], "Two.");
        assert_eq!(d.sentences[2].labels.len(), 2);
        assert_eq!(d.sentences[1].line, 5);
    }

    #[test]
    fn reports_bad_lines() {
        assert_eq!(parse("x.gold", "-\tok\nhedgd\tbad\n").unwrap_err().to_string(), "x.gold:2: unknown label \"hedgd\" (expected -, hedged, denial, unsourced or uncertain)");
        assert!(parse("x.gold", "no tab here").unwrap_err().to_string().contains("x.gold:1"));
        assert!(parse("x.gold", "uncertain,hedged\tx").is_err());
    }
}
