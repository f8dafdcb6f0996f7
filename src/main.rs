//! The `claimlens` command line: `scan` files, `eval` against gold data.

use claimlens::eval::{self, Score};
use claimlens::gold::{self, GoldDocument, Label};
use claimlens::{html, utf16, Analyzer, Category, Finding, Sensitivity};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
claimlens — flags hedged, denial and unsourced statements in news text

usage:
  claimlens scan [--json] [--sensitivity strict|balanced|eager] [--attributed] FILE...
      FILE is .txt, .html/.htm or .gold; prints each flagged passage with its
      category, cue and reason, grouped per file. --json prints findings with
      byte and UTF-16 offsets. --attributed also lists attributed sentences.
  claimlens eval [--sensitivity LEVEL] [--per-sentence OUT.tsv] PATH...
      PATH is a .gold file or a folder of them; prints precision, recall and F1
      per category, the union score for files labelled `uncertain`, and last
      `macro-F1 <value>`.
  claimlens help
";

/// Largest input file read whole (bytes).
const MAX_FILE: u64 = 64 * 1024 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("scan") => scan(&args[1..]),
        Some("eval") => run_eval(&args[1..]),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(())
        }
        Some("--version" | "-V") => {
            println!("claimlens {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{USAGE}")),
        None => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            let _ = std::io::stdout().flush();
            eprintln!("claimlens: {}", msg.trim_end());
            ExitCode::from(2)
        }
    }
}

struct Flags {
    json: bool,
    attributed: bool,
    sensitivity: Sensitivity,
    per_sentence: Option<PathBuf>,
    paths: Vec<PathBuf>,
}

fn parse_flags(args: &[String]) -> Result<Flags, String> {
    let mut f = Flags { json: false, attributed: false, sensitivity: Sensitivity::Balanced, per_sentence: None, paths: Vec::new() };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => f.json = true,
            "--attributed" => f.attributed = true,
            "--sensitivity" => {
                let v = it.next().ok_or("--sensitivity needs a value: strict, balanced or eager")?;
                f.sensitivity = Sensitivity::from_name(v).ok_or_else(|| format!("unknown sensitivity {v:?} (expected strict, balanced or eager)"))?;
            }
            "--per-sentence" => f.per_sentence = Some(it.next().ok_or("--per-sentence needs a file path")?.into()),
            s if s.starts_with("--") => return Err(format!("unknown option {s:?}\n\n{USAGE}")),
            p => f.paths.push(p.into()),
        }
    }
    if f.paths.is_empty() {
        return Err(format!("no input given\n\n{USAGE}"));
    }
    Ok(f)
}

/// Reads a file as UTF-8 text, with a clear error for every way it can fail.
fn read_text(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {}", path.display(), io_reason(&e)))?;
    if meta.is_dir() {
        return Err(format!("{}: is a folder (give files, or a folder of .gold files to eval)", path.display()));
    }
    if meta.len() > MAX_FILE {
        return Err(format!("{}: file is {} MB; the limit is {} MB", path.display(), meta.len() / (1024 * 1024), MAX_FILE / (1024 * 1024)));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {}", path.display(), io_reason(&e)))?;
    if let Some(pos) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(format!("{}: looks like a binary file (NUL byte at offset {pos})", path.display()));
    }
    String::from_utf8(bytes).map_err(|e| format!("{}: invalid UTF-8 at byte offset {}", path.display(), e.utf8_error().valid_up_to()))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The text the analyzer sees for a file: blocks joined by blank lines.
fn document_text(path: &Path, raw: &str) -> Result<String, String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    Ok(match ext.as_str() {
        "html" | "htm" | "xhtml" => html::blocks(raw).join("\n\n"),
        "gold" => gold::parse(&path.display().to_string(), raw).map_err(|e| e.to_string())?.text,
        _ => raw.to_string(),
    })
}

fn scan(args: &[String]) -> Result<(), String> {
    let flags = parse_flags(args)?;
    let analyzer = Analyzer::new();
    let mut out = String::new();
    let mut json_files = Vec::new();
    for path in &flags.paths {
        let raw = read_text(path)?;
        let text = document_text(path, &raw)?;
        let findings: Vec<Finding> = analyzer
            .analyze_at(&text, flags.sensitivity)
            .into_iter()
            .filter(|f| flags.json || flags.attributed || f.category != Category::Attributed)
            .collect();
        if flags.json {
            json_files.push(json_file(path, &text, &findings));
        } else {
            write_report(&mut out, path, &findings);
        }
    }
    let mut stdout = std::io::stdout().lock();
    if flags.json {
        let _ = writeln!(stdout, "[{}]", json_files.join(",\n"));
    } else {
        let _ = stdout.write_all(out.as_bytes());
    }
    Ok(())
}

fn write_report(out: &mut String, path: &Path, findings: &[Finding]) {
    let mut counts = [0usize; 4];
    for f in findings {
        counts[Category::ALL.iter().position(|&c| c == f.category).unwrap_or(0)] += 1;
    }
    let _ = writeln!(
        out,
        "== {} — {} hedged, {} denial, {} unsourced{}",
        path.display(),
        counts[0],
        counts[1],
        counts[2],
        if counts[3] > 0 { format!(", {} attributed", counts[3]) } else { String::new() }
    );
    for f in findings {
        let cues: Vec<&str> = f.cues.iter().map(|c| c.text.as_str()).collect();
        let _ = writeln!(out, "[{}] {}", f.category, f.text);
        let _ = writeln!(out, "    cue: {} · {} · confidence {:.2}", cues.join(", "), f.reason, f.confidence);
    }
    let _ = writeln!(out);
}

fn json_file(path: &Path, text: &str, findings: &[Finding]) -> String {
    let mut offsets = Vec::new();
    for f in findings {
        offsets.extend([f.span.start, f.span.end]);
        for c in &f.cues {
            offsets.extend([c.span.start, c.span.end]);
        }
    }
    utf16::convert(text, &mut offsets);
    let mut it = offsets.into_iter();
    let mut items = Vec::new();
    for f in findings {
        let (us, ue) = (it.next().unwrap_or(0), it.next().unwrap_or(0));
        let cues: Vec<String> = f
            .cues
            .iter()
            .map(|c| {
                let (cs, ce) = (it.next().unwrap_or(0), it.next().unwrap_or(0));
                format!(
                    "{{\"start\":{},\"end\":{},\"utf16_start\":{cs},\"utf16_end\":{ce},\"text\":{}}}",
                    c.span.start,
                    c.span.end,
                    json_str(&c.text)
                )
            })
            .collect();
        items.push(format!(
            "    {{\"category\":\"{}\",\"start\":{},\"end\":{},\"utf16_start\":{us},\"utf16_end\":{ue},\"text\":{},\"cues\":[{}],\"reason\":{},\"confidence\":{},\"source\":{}}}",
            f.category,
            f.span.start,
            f.span.end,
            json_str(&f.text),
            cues.join(","),
            json_str(&f.reason),
            f.confidence,
            f.source.as_deref().map_or("null".to_string(), json_str)
        ));
    }
    format!("  {{\"file\":{},\"findings\":[\n{}\n  ]}}", json_str(&path.display().to_string()), items.join(",\n"))
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every `.gold` file named, or found (sorted) under a named folder.
fn gold_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            collect_gold(p, &mut found).map_err(|e| format!("{}: {}", p.display(), io_reason(&e)))?;
            if found.is_empty() {
                return Err(format!("{}: folder holds no .gold file", p.display()));
            }
            found.sort();
            files.extend(found);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            return Err(format!("{}: no such file", p.display()));
        }
    }
    Ok(files)
}

fn collect_gold(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_gold(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "gold") {
            out.push(path);
        }
    }
    Ok(())
}

fn run_eval(args: &[String]) -> Result<(), String> {
    let flags = parse_flags(args)?;
    let files = gold_files(&flags.paths)?;
    let mut docs: Vec<GoldDocument> = Vec::new();
    for f in &files {
        let raw = read_text(f)?;
        docs.push(gold::parse(&f.display().to_string(), &raw).map_err(|e| e.to_string())?);
    }
    let analyzer = Analyzer::new();
    let scores: Vec<(Sensitivity, Score)> = Sensitivity::ALL.into_iter().map(|s| (s, eval::score(&analyzer, &docs, s))).collect();
    let main = &scores.iter().find(|(s, _)| *s == flags.sensitivity).expect("every level scored").1;
    if let Some(out) = &flags.per_sentence {
        write_per_sentence(out, &files, &docs, main)?;
    }
    let mut o = String::new();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let _ = writeln!(o, "{} file(s), {} sentences, sensitivity {}", files.len(), sentences, flags.sensitivity.name());
    if main.category_sentences > 0 {
        let _ = writeln!(o, "\n{:<11} {:>9} {:>7} {:>7} {:>7}", "category", "precision", "recall", "F1", "support");
        for (k, c) in Category::SCORED.into_iter().enumerate() {
            let n = main.categories[k];
            let _ = writeln!(o, "{:<11} {:>9.3} {:>7.3} {:>7.3} {:>7}", c.name(), n.precision(), n.recall(), n.f1(), n.support());
        }
    }
    if main.union_sentences > 0 {
        let u = main.union;
        let _ = writeln!(o, "\nhedged ∪ unsourced, files labelled `uncertain` ({} sentences):", main.union_sentences);
        let _ = writeln!(o, "{:<11} {:>9.3} {:>7.3} {:>7.3} {:>7}", "union", u.precision(), u.recall(), u.f1(), u.support());
    }
    let _ = writeln!(o, "\nby sensitivity:");
    for (s, sc) in &scores {
        let mut line = format!("  {:<9}", s.name());
        if let Some(m) = sc.macro_f1() {
            let _ = write!(line, " macro-F1 {m:.3}");
        }
        if sc.union_sentences > 0 {
            let _ = write!(line, " union-F1 {:.3}", sc.union.f1());
        }
        let _ = writeln!(o, "{line}");
    }
    match main.macro_f1() {
        Some(m) => {
            let _ = writeln!(o, "macro-F1 {m:.4}");
        }
        None => {
            let _ = writeln!(o, "macro-F1 n/a (no file labelled by category; union-F1 {:.4})", main.union.f1());
        }
    }
    print!("{o}");
    Ok(())
}

fn write_per_sentence(out: &Path, files: &[PathBuf], docs: &[GoldDocument], score: &Score) -> Result<(), String> {
    let mut tsv = String::from("file\tsentence\tgold\tpredicted\ttext\n");
    for r in &score.sentences {
        let doc = &docs[r.document];
        let s = &doc.sentences[r.index];
        let gold: Vec<&str> = r.gold.iter().map(|l| match l {
            Label::Category(c) => c.name(),
            Label::Uncertain => "uncertain",
        }).collect();
        let pred: Vec<&str> = r.predicted.iter().map(|c| c.name()).collect();
        let show = |v: Vec<&str>| if v.is_empty() { "-".to_string() } else { v.join(",") };
        let _ = writeln!(tsv, "{}\t{}\t{}\t{}\t{}", files[r.document].display(), r.index, show(gold), show(pred), doc.text[s.span.start..s.span.end].replace(['\t', '\n'], " "));
    }
    std::fs::write(out, tsv).map_err(|e| format!("{}: {}", out.display(), io_reason(&e)))
}
