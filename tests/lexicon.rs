//! Every lexicon line carries its own test: its example must flag with the
//! file's category and that cue; a blocking line's example must not flag
//! the category at the default sensitivity; and
//! `tests/lexicon/not-flagged.txt` must flag nothing.

use claimlens::{lexicon_examples, Analyzer, Category, Sensitivity};

#[test]
fn every_lexicon_example_fires_with_its_category_and_cue() {
    let analyzer = Analyzer::new();
    let mut failures = Vec::new();
    let examples = lexicon_examples();
    assert!(examples.len() > 300, "lexicons look empty: {} entries", examples.len());
    for (file, line, category, cue, example, blocker) in examples {
        // Examples fire at eager (soft cues included); counter-examples must stay
        // quiet at the default level.
        let level = if blocker { Sensitivity::Balanced } else { Sensitivity::Eager };
        let findings = analyzer.analyze_at(&example, level);
        let of_category: Vec<_> = findings.iter().filter(|f| f.category == category).collect();
        if blocker {
            if !of_category.is_empty() {
                failures.push(format!("{file}:{line}: counter-example flagged as {category}: {example}"));
            }
            continue;
        }
        let first = cue.split(" ... ").next().unwrap_or(&cue).to_string();
        let fired = of_category.iter().any(|f| {
            f.cues.iter().any(|c| c.text.to_lowercase().replace('’', "'").contains(&first))
        });
        if !fired {
            let got: Vec<String> = findings.iter().map(|f| format!("{} {:?}", f.category, f.cues.iter().map(|c| &c.text).collect::<Vec<_>>())).collect();
            failures.push(format!("{file}:{line}: `{cue}` did not flag {category} in: {example} (got {got:?})"));
        }
    }
    assert!(failures.is_empty(), "{} lexicon example(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn counter_examples_flag_nothing() {
    let analyzer = Analyzer::new();
    let text = include_str!("lexicon/not-flagged.txt");
    let mut failures = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let sentence = line.split(" | ").next().unwrap_or(line);
        for f in analyzer.analyze(sentence) {
            if f.category != Category::Attributed {
                failures.push(format!("not-flagged.txt:{}: flagged {} ({}): {sentence}", i + 1, f.category, f.reason));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_cue_is_listed_twice_in_a_file() {
    let mut seen = std::collections::HashMap::new();
    let mut twice = Vec::new();
    for (file, line, _, cue, _, blocker) in lexicon_examples() {
        if let Some(first) = seen.insert((file.clone(), cue.clone(), blocker), line) {
            twice.push(format!("{file}:{line}: '{cue}' already on line {first}"));
        }
    }
    assert!(twice.is_empty(), "{}", twice.join("\n"));
}
