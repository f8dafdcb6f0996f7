//! Native throughput of the core and of the batch CLI.
//!
//!     cargo bench --bench throughput                 # generate + measure
//!     cargo bench --bench throughput -- --generate   # only write target/bench/
//!
//! Writes the generated corpus to target/bench/ (news-{10k,100k,1m,10m}.txt,
//! html/**.html) for the Node benchmark (benches/wasm.mjs), then prints a
//! table of median times and MB/s (1 MB = 10^6 bytes). Figures only: nothing
//! here asserts a timing.

#[path = "support/corpus.rs"]
mod corpus;

use claimlens::{html, Analyzer, Sensitivity};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const SEED: u64 = 0x00C1_A1A5_2026;
/// (file stem, bytes, timed runs)
const SIZES: &[(&str, usize, usize)] = &[
    ("news-10k", 10_000, 200),
    ("news-100k", 100_000, 30),
    ("news-1m", 1_000_000, 7),
    ("news-10m", 10_000_000, 3),
];
const HTML_FILES: usize = 5_000;
const HTML_PER_FOLDER: usize = 500;

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench")
}

/// Writes `text` to `path` unless it already holds exactly that.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read(path).ok().as_deref() != Some(text.as_bytes()) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn generate() -> Vec<(String, String)> {
    let dir = bench_dir();
    std::fs::create_dir_all(&dir).expect("create target/bench");
    let largest = SIZES.iter().map(|s| s.1).max().unwrap();
    let full = corpus::text(SEED, largest);
    let mut texts = Vec::new();
    for &(stem, bytes, _) in SIZES {
        // Each size is a prefix of the largest text, cut at a paragraph end.
        let cut = full[bytes.min(full.len() - 1)..].find("\n\n").map_or(full.len(), |i| bytes + i);
        let mut t = full[..cut].to_string();
        if !t.ends_with('\n') {
            t.push('\n');
        }
        write_if_changed(&dir.join(format!("{stem}.txt")), &t);
        texts.push((stem.to_string(), t));
    }
    let html_dir = dir.join("html");
    for i in 0..HTML_FILES {
        let sub = html_dir.join(format!("{:02}", i / HTML_PER_FOLDER));
        if i % HTML_PER_FOLDER == 0 {
            std::fs::create_dir_all(&sub).expect("create target/bench/html");
        }
        write_if_changed(&sub.join(format!("article-{i:05}.html")), &corpus::html_page(SEED ^ (i as u64 + 1)));
    }
    texts
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let generate_only = std::env::args().any(|a| a == "--generate");
    let t0 = Instant::now();
    let mut texts = generate();
    println!("corpus: target/bench/ written in {:.0} ms (seed {SEED:#x}, {HTML_FILES} HTML files)", ms(t0.elapsed()));
    if generate_only {
        return;
    }

    let sample = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample-article.html"))
        .expect("tests/fixtures/sample-article.html");
    texts.insert(0, ("sample-article".to_string(), html::blocks(&sample).join("\n\n")));

    let analyzer = Analyzer::new();
    println!("\nnative core (release, Analyzer::analyze_at balanced, text with blank-line blocks)");
    println!("{:<16} {:>11} {:>9} {:>5} {:>10} {:>10} {:>9}", "input", "bytes", "findings", "runs", "median ms", "min ms", "MB/s");
    let mut medians = Vec::new();
    for (name, text) in &texts {
        let runs = SIZES.iter().find(|s| s.0 == name).map_or(200, |s| s.2);
        let findings = analyzer.analyze_at(text, Sensitivity::Balanced).len(); // warm-up
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(analyzer.analyze_at(std::hint::black_box(text), Sensitivity::Balanced));
                t.elapsed()
            })
            .collect();
        let min = *times.iter().min().unwrap();
        let med = median(times);
        let mbs = text.len() as f64 / 1e6 / med.as_secs_f64();
        println!("{name:<16} {:>11} {findings:>9} {runs:>5} {:>10.3} {:>10.3} {mbs:>9.1}", text.len(), ms(med), ms(min));
        medians.push((name.clone(), text.len(), med));
    }
    let get = |n: &str| medians.iter().find(|m| m.0 == n).map(|m| m.2.as_secs_f64());
    if let (Some(a), Some(b)) = (get("news-1m"), get("news-10m")) {
        println!("1 MB → 10 MB time ratio: {:.2} (target ≤ 11)", b / a);
    }

    // The batch CLI over the generated HTML folder.
    let bin = env!("CARGO_BIN_EXE_claimlens");
    let html_dir = bench_dir().join("html");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("\nbatch CLI: claimlens scan --summary target/bench/html ({HTML_FILES} files, {cores} cores available)");
    println!("{:<10} {:>5} {:>10} {:>10} {:>10}", "threads", "runs", "median ms", "files/s", "MB/s");
    let html_bytes: u64 = walk(&html_dir).iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).sum();
    for jobs in [Some(1), None] {
        let mut times = Vec::new();
        for _ in 0..3 {
            let mut cmd = Command::new(bin);
            cmd.arg("scan").arg("--summary");
            if let Some(j) = jobs {
                cmd.arg("--jobs").arg(j.to_string());
            }
            let t = Instant::now();
            let out = cmd.arg(&html_dir).output().expect("run claimlens");
            times.push(t.elapsed());
            assert!(out.status.success(), "claimlens scan failed: {}", String::from_utf8_lossy(&out.stderr));
            let lines = out.stdout.iter().filter(|&&b| b == b'\n').count();
            assert_eq!(lines, HTML_FILES + 1, "one line per file and a total");
        }
        let med = median(times);
        let label = jobs.map_or(format!("all ({cores})"), |j| j.to_string());
        println!(
            "{label:<10} {:>5} {:>10.1} {:>10.0} {:>10.1}",
            3,
            ms(med),
            HTML_FILES as f64 / med.as_secs_f64(),
            html_bytes as f64 / 1e6 / med.as_secs_f64()
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
