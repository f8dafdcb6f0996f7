//! Regression snapshots: the findings on every gold article, one readable
//! line each, in `tests/snapshots/NAME.txt`. A change to the detector shows
//! up as a diff of these files. After an intended change, refresh them with
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` and review the diff.

use claimlens::{gold, Analyzer, Sensitivity};
use std::fmt::Write as _;
use std::path::Path;

fn render(analyzer: &Analyzer, doc: &gold::GoldDocument) -> String {
    let mut out = String::new();
    for f in analyzer.analyze_at(&doc.text, Sensitivity::Eager) {
        let cues: Vec<&str> = f.cues.iter().map(|c| c.text.as_str()).collect();
        let source = f.source.as_deref().map(|s| format!(" · source: {s}")).unwrap_or_default();
        let _ = writeln!(out, "{:<10} {:.2} [{}]{} · {}", f.category.name(), f.confidence, cues.join(" | "), source, f.text);
    }
    out
}

#[test]
fn findings_on_every_gold_article_match_their_snapshot() {
    let analyzer = Analyzer::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(root.join("tests/gold"))
        .expect("tests/gold exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "gold"))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "expected the gold articles, found {}", names.len());
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for path in names {
        let raw = std::fs::read_to_string(&path).expect("gold file is UTF-8");
        let doc = gold::parse(&path.display().to_string(), &raw).expect("gold file parses");
        let got = render(&analyzer, &doc);
        let snap = root.join("tests/snapshots").join(path.file_stem().expect("file name")).with_extension("txt");
        if update {
            std::fs::write(&snap, &got).expect("snapshot written");
            continue;
        }
        let want = std::fs::read_to_string(&snap).unwrap_or_default();
        if want != got {
            stale.push(snap.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "findings changed for {} article(s): {}\nreview with `UPDATE_SNAPSHOTS=1 cargo test --test snapshots && git diff tests/snapshots`",
        stale.len(),
        stale.join(", ")
    );
}
