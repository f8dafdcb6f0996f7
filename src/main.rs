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
  claimlens scan [--json | --summary] [--sensitivity strict|balanced|eager]
                 [--attributed] [--jobs N] PATH...
      PATH is a .txt, .html/.htm or .gold file, or a folder searched for them
      recursively; prints each flagged passage with its category, cue and
      reason, grouped per file, in the order given (folders sorted). --json
      prints findings with byte and UTF-16 offsets. --summary prints only the
      per-file counts and a total. --attributed also lists attributed
      sentences. Files are scanned in parallel on N threads (default: all
      cores). A file that cannot be read is reported on stderr, the others
      are still scanned, and the exit status is 1.
  claimlens eval [--sensitivity LEVEL] [--per-sentence OUT.tsv] PATH...
      PATH is a .gold file or a folder of them; prints precision, recall and F1
      per category, the union score for files labelled `uncertain`, and last
      `macro-F1 <value>`.
  claimlens train [--out FILE] [--folds K] PATH...
      trains the weasel-wording scorer on gold files (label: hedged, unsourced or
      uncertain), prints K-fold held-out scores against the rules alone, and
      writes the weights (default src/model/weasel.bin).
  claimlens help
";

/// Largest input file read whole (bytes).
const MAX_FILE: u64 = 64 * 1024 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("scan") => match scan(&args[1..]) {
            Ok(code) => return code,
            Err(e) => Err(e),
        },
        Some("eval") => run_eval(&args[1..]),
        Some("train") => train(&args[1..]),
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
    summary: bool,
    jobs: Option<usize>,
    paths: Vec<PathBuf>,
}

fn parse_flags(args: &[String]) -> Result<Flags, String> {
    let mut f = Flags { json: false, attributed: false, sensitivity: Sensitivity::Balanced, per_sentence: None, summary: false, jobs: None, paths: Vec::new() };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => f.json = true,
            "--attributed" => f.attributed = true,
            "--summary" => f.summary = true,
            "--jobs" => {
                let v = it.next().ok_or("--jobs needs a number of threads")?;
                f.jobs = Some(v.parse().ok().filter(|&n: &usize| n > 0).ok_or_else(|| format!("--jobs needs a positive number, not {v:?}"))?);
            }
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
    // Bounded even when the size lies (a pipe, /dev/zero, a growing file).
    let io_err = |e: std::io::Error| format!("{}: {}", path.display(), io_reason(&e));
    let file = std::fs::File::open(path).map_err(io_err)?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_FILE + 1), &mut bytes).map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!("{}: more than {} MB; the limit is {} MB", path.display(), MAX_FILE / (1024 * 1024), MAX_FILE / (1024 * 1024)));
    }
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

/// Extensions picked up when a folder is given to `scan`.
const SCAN_EXTENSIONS: &[&str] = &["txt", "html", "htm", "gold"];

/// Fewer files than this never get a progress bar.
const PROGRESS_MIN_FILES: usize = 8;

/// One input of `scan`: a file to read, or a named path that cannot be.
enum Input {
    File(PathBuf),
    Bad(PathBuf, String),
}

/// Expands the named paths: files as given, folders recursively (sorted,
/// only `.txt`, `.html`, `.htm` and `.gold` files).
fn scan_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(Input::File(p.clone()));
            continue;
        }
        let mut found = Vec::new();
        match collect_files(p, SCAN_EXTENSIONS, &mut found) {
            Err(e) => out.push(Input::Bad(p.clone(), io_reason(&e))),
            Ok(()) if found.is_empty() => out.push(Input::Bad(p.clone(), "folder holds no .txt, .html, .htm or .gold file".into())),
            Ok(()) => {
                found.sort();
                out.extend(found.into_iter().map(Input::File));
            }
        }
    }
    out
}

/// Every file under `dir` whose extension (any case) is one of `exts`.
fn collect_files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        // Symlinked folders are not followed (no cycles); symlinked files are.
        if entry.file_type()?.is_dir() {
            collect_files(&path, exts, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// What one file contributes to the output: its text block, or an error.
type FileResult = Result<(String, [usize; 4]), String>;

fn scan_file(analyzer: &Analyzer, flags: &Flags, path: &Path) -> FileResult {
    let raw = read_text(path)?;
    let text = document_text(path, &raw)?;
    let findings: Vec<Finding> = analyzer
        .analyze_at(&text, flags.sensitivity)
        .into_iter()
        .filter(|f| flags.json || flags.attributed || f.category != Category::Attributed)
        .collect();
    let counts = count(&findings);
    let mut out = String::new();
    if flags.json {
        out = json_file(path, &text, &findings);
    } else if flags.summary {
        write_header(&mut out, path, &counts);
    } else {
        write_report(&mut out, path, &findings);
    }
    Ok((out, counts))
}

/// Scans every input; `Err` is a usage error (exit 2), a file that cannot
/// be scanned gives exit status 1 after all the others.
fn scan(args: &[String]) -> Result<ExitCode, String> {
    let flags = parse_flags(args)?;
    if flags.json && flags.summary {
        return Err("--summary and --json do not combine".into());
    }
    let inputs = scan_inputs(&flags.paths);
    let analyzer = Analyzer::new();
    let jobs = flags
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, inputs.len().max(1));
    let mut progress = Progress::new(inputs.len());
    let mut out = Output::new(flags.json);
    let mut failed = 0usize;
    let mut totals = [0usize; 4];
    let mut files = 0usize;
    let mut handle = |i: usize, r: FileResult, progress: &mut Progress| {
        match r {
            Ok((text, counts)) => {
                files += 1;
                for (t, c) in totals.iter_mut().zip(counts) {
                    *t += c;
                }
                out.item(&text);
            }
            Err(msg) => {
                failed += 1;
                out.flush();
                progress.clear();
                eprintln!("claimlens: {}", msg.trim_end());
            }
        }
        progress.tick(i + 1);
    };
    let work = |input: &Input| -> FileResult {
        match input {
            Input::File(p) => scan_file(&analyzer, &flags, p),
            Input::Bad(p, why) => Err(format!("{}: {why}", p.display())),
        }
    };
    if jobs == 1 {
        for (i, input) in inputs.iter().enumerate() {
            handle(i, work(input), &mut progress);
        }
    } else {
        // A shared counter is the work queue; results come back over a
        // channel and are written strictly in input order.
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (tx, rx) = std::sync::mpsc::channel::<(usize, FileResult)>();
        std::thread::scope(|s| {
            for _ in 0..jobs {
                let tx = tx.clone();
                let (next, inputs, work) = (&next, &inputs, &work);
                s.spawn(move || loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    if tx.send((i, work(input))).is_err() {
                        break;
                    }
                });
            }
            drop(tx);
            let mut pending = std::collections::BTreeMap::new();
            let mut want = 0usize;
            for (i, r) in rx {
                pending.insert(i, r);
                while let Some(r) = pending.remove(&want) {
                    handle(want, r, &mut progress);
                    want += 1;
                }
            }
        });
    }
    progress.clear();
    if flags.summary && files > 1 {
        out.item(&format!(
            "total: {files} files, {} hedged, {} denial, {} unsourced{}\n",
            totals[0],
            totals[1],
            totals[2],
            if totals[3] > 0 { format!(", {} attributed", totals[3]) } else { String::new() }
        ));
    }
    out.finish();
    if failed > 0 {
        eprintln!("claimlens: {}", ScanFailed { failed, total: inputs.len() });
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The message (and exit status 1) when some files could not be scanned.
struct ScanFailed {
    failed: usize,
    total: usize,
}

impl std::fmt::Display for ScanFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let noun = if self.total == 1 { "input" } else { "inputs" };
        write!(f, "{} of {} {noun} failed", self.failed, self.total)
    }
}

/// Writes reports to stdout as they complete, in order; JSON items are
/// joined into one array exactly as a single run would print it.
struct Output {
    json: bool,
    items: usize,
    buf: String,
}

impl Output {
    fn new(json: bool) -> Output {
        Output { json, items: 0, buf: String::new() }
    }

    fn item(&mut self, text: &str) {
        if self.json {
            self.buf.push_str(if self.items == 0 { "[" } else { ",\n" });
        }
        self.buf.push_str(text);
        self.items += 1;
        if self.buf.len() > 64 * 1024 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(self.buf.as_bytes());
        let _ = stdout.flush();
        self.buf.clear();
    }

    fn finish(&mut self) {
        if self.json {
            self.buf.push_str(if self.items == 0 { "[]\n" } else { "]\n" });
        }
        self.flush();
    }
}

/// A one-line progress bar on stderr, only when stderr is a terminal and
/// there are more than a handful of files.
struct Progress {
    total: usize,
    enabled: bool,
    shown: bool,
    last: Option<std::time::Instant>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal as _;
        Progress { total, enabled: total > PROGRESS_MIN_FILES && std::io::stderr().is_terminal(), shown: false, last: None }
    }

    fn tick(&mut self, done: usize) {
        if !self.enabled {
            return;
        }
        let now = std::time::Instant::now();
        if done < self.total && self.last.is_some_and(|t| now.duration_since(t).as_millis() < 80) {
            return;
        }
        self.last = Some(now);
        const WIDTH: usize = 30;
        let filled = done * WIDTH / self.total.max(1);
        eprint!("\r[{}{}] {done}/{} files", "#".repeat(filled), "-".repeat(WIDTH - filled), self.total);
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[2K");
            self.shown = false;
        }
    }
}

fn count(findings: &[Finding]) -> [usize; 4] {
    let mut counts = [0usize; 4];
    for f in findings {
        counts[Category::ALL.iter().position(|&c| c == f.category).unwrap_or(0)] += 1;
    }
    counts
}

fn write_header(out: &mut String, path: &Path, counts: &[usize; 4]) {
    let _ = writeln!(
        out,
        "== {} — {} hedged, {} denial, {} unsourced{}",
        path.display(),
        counts[0],
        counts[1],
        counts[2],
        if counts[3] > 0 { format!(", {} attributed", counts[3]) } else { String::new() }
    );
}

fn write_report(out: &mut String, path: &Path, findings: &[Finding]) {
    write_header(out, path, &count(findings));
    for f in findings {
        let cues: Vec<&str> = f.cues.iter().map(|c| c.text.as_str()).collect();
        let _ = writeln!(out, "[{}] {}", f.category, f.text);
        let _ = writeln!(out, "    cue: {} · {} · confidence {:.2}", cues.join(", "), f.reason, f.confidence);
    }
    let _ = writeln!(out);
}

fn json_file(path: &Path, text: &str, findings: &[Finding]) -> String {
    let mut items = Vec::new();
    for (f, u) in findings.iter().zip(utf16::spans(text, findings)) {
        let (us, ue) = u.span;
        let cues: Vec<String> = f
            .cues
            .iter()
            .zip(u.cues)
            .map(|(c, (cs, ce))| {
                format!(
                    "{{\"start\":{},\"end\":{},\"utf16_start\":{cs},\"utf16_end\":{ce},\"text\":{}}}",
                    c.span.start,
                    c.span.end,
                    claimlens::json::string(&c.text)
                )
            })
            .collect();
        items.push(format!(
            "    {{\"category\":\"{}\",\"start\":{},\"end\":{},\"utf16_start\":{us},\"utf16_end\":{ue},\"text\":{},\"cues\":[{}],\"reason\":{},\"confidence\":{},\"source\":{}}}",
            f.category,
            f.span.start,
            f.span.end,
            claimlens::json::string(&f.text),
            cues.join(","),
            claimlens::json::string(&f.reason),
            f.confidence,
            f.source.as_deref().map_or("null".to_string(), claimlens::json::string)
        ));
    }
    format!("  {{\"file\":{},\"findings\":[\n{}\n  ]}}", claimlens::json::string(&path.display().to_string()), items.join(",\n"))
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
    if flags.summary || flags.jobs.is_some() {
        return Err("--summary and --jobs are options of scan, not eval".into());
    }
    let files = gold_files(&flags.paths)?;
    let mut docs: Vec<GoldDocument> = Vec::new();
    for f in &files {
        let raw = read_text(f)?;
        let doc = gold::parse(&f.display().to_string(), &raw).map_err(|e| e.to_string())?;
        if doc.sentences.is_empty() {
            return Err(format!("{}: no labelled sentence (expected LABELS<TAB>SENTENCE lines)", f.display()));
        }
        docs.push(doc);
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
    let _ = writeln!(o, "\nby sensitivity (F1):");
    for (s, sc) in &scores {
        let mut line = format!("  {:<9}", s.name());
        if let Some(m) = sc.macro_f1() {
            for (k, c) in Category::SCORED.into_iter().enumerate() {
                let _ = write!(line, " {} {:.3}", c.name(), sc.categories[k].f1());
            }
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

/// `claimlens train`: fits the weasel-wording scorer, reports held-out scores.
fn train(args: &[String]) -> Result<(), String> {
    use claimlens::eval::Counts;
    use claimlens::model::{self, Model};
    let mut out = PathBuf::from("src/model/weasel.bin");
    let mut folds = 5usize;
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = it.next().ok_or("--out needs a file path")?.into(),
            "--folds" => {
                let v = it.next().ok_or("--folds needs a number")?;
                folds = v.parse().ok().filter(|&k: &usize| k >= 2).ok_or_else(|| format!("--folds takes a whole number ≥ 2, not {v:?}"))?;
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s:?}\n\n{USAGE}")),
            p => paths.push(PathBuf::from(p)),
        }
    }
    if paths.is_empty() {
        return Err(format!("no input given\n\n{USAGE}"));
    }
    let files = gold_files(&paths)?;
    let analyzer = Analyzer::without_model();
    // (tokens, gold label, rules' prediction, from a file labelled `uncertain`)
    let mut examples: Vec<(Vec<String>, bool, bool, bool)> = Vec::new();
    for f in &files {
        let raw = read_text(f)?;
        let doc = gold::parse(&f.display().to_string(), &raw).map_err(|e| e.to_string())?;
        let findings = analyzer.analyze(&doc.text);
        let union_file = doc.sentences.iter().any(|s| s.labels.contains(&Label::Uncertain));
        for s in &doc.sentences {
            let gold = s.labels.iter().any(|l| matches!(l, Label::Uncertain | Label::Category(Category::Hedged) | Label::Category(Category::Unsourced)));
            let rules = findings.iter().any(|f| matches!(f.category, Category::Hedged | Category::Unsourced) && f.span.overlaps(s.span));
            examples.push((model::tokens(&doc.text[s.span.start..s.span.end]), gold, rules, union_file));
        }
    }
    const BUCKETS: usize = 1 << 16;
    const EPOCHS: usize = 8;
    const THRESHOLD: f32 = claimlens::model::ADD_THRESHOLD;
    const BALANCED: f32 = claimlens::model::BALANCED_THRESHOLD;
    // Per group (every file, files labelled `uncertain`, files labelled by
    // category): rules alone, model alone, rules + model at balanced, at eager.
    let mut counts = [[Counts::default(); 4]; 3];
    for k in 0..folds {
        let train: Vec<(Vec<String>, bool)> = examples.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, e)| (e.0.clone(), e.1)).collect();
        let m = Model::train(&train, BUCKETS, EPOCHS, 42);
        for (_, e) in examples.iter().enumerate().filter(|(i, _)| i % folds == k) {
            let p = m.score_tokens(&e.0);
            for g in [0, if e.3 { 1 } else { 2 }] {
                counts[g][0].add(e.1, e.2);
                counts[g][1].add(e.1, p >= 0.5);
                counts[g][2].add(e.1, e.2 || p >= BALANCED);
                counts[g][3].add(e.1, e.2 || p >= THRESHOLD);
            }
        }
    }
    println!("{} file(s), {} sentences, {} labelled hedged/unsourced/uncertain", files.len(), examples.len(), examples.iter().filter(|e| e.1).count());
    let names = [
        "rules alone".to_string(),
        "model alone (p ≥ 0.5)".to_string(),
        format!("rules + model (p ≥ {BALANCED}, balanced)"),
        format!("rules + model (p ≥ {THRESHOLD}, eager)"),
    ];
    let groups = [("", 0usize), (" — files labelled `uncertain`", 1), (" — files labelled by category", 2)];
    let mixed = examples.iter().any(|e| e.3) && examples.iter().any(|e| !e.3);
    for (title, g) in groups {
        if g > 0 && !mixed {
            continue;
        }
        println!("\n{folds}-fold held-out scores, hedged ∪ unsourced{title}:");
        println!("{:<34} {:>9} {:>7} {:>7}", "", "precision", "recall", "F1");
        for (name, c) in names.iter().zip(counts[g]) {
            println!("{:<34} {:>9.3} {:>7.3} {:>7.3}", name, c.precision(), c.recall(), c.f1());
        }
    }
    let all: Vec<(Vec<String>, bool)> = examples.into_iter().map(|e| (e.0, e.1)).collect();
    let m = Model::train(&all, BUCKETS, EPOCHS, 42);
    std::fs::write(&out, m.to_bytes()).map_err(|e| format!("{}: {}", out.display(), io_reason(&e)))?;
    println!("\nwrote {} ({} buckets)", out.display(), BUCKETS);
    Ok(())
}
