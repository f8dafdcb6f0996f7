//! `claimlens scan` on folders and many files: recursion, input order,
//! per-file errors, `--summary`, and no progress bar when stderr is piped.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_claimlens");

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_scan").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn scan(args: &[&str]) -> Output {
    Command::new(BIN).arg("scan").args(args).output().expect("run claimlens")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The file names of the `== PATH — …` header lines, in order.
fn headers(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| l.strip_prefix("== "))
        .map(|l| l.split(" — ").next().unwrap().to_string())
        .collect()
}

const HEDGED: &str = "The mayor allegedly took the money.";
const DENIAL: &str = "The ministry denied that troops had crossed the border.";

#[test]
fn folder_is_searched_recursively_sorted_and_filtered_by_extension() {
    let dir = scratch("recursive");
    write(&dir.join("b/one.txt"), HEDGED);
    write(&dir.join("a/deep/two.html"), &format!("<html><body><p>{DENIAL}</p></body></html>"));
    write(&dir.join("a/three.HTM"), &format!("<p>{HEDGED}</p>"));
    write(&dir.join("c.gold"), &format!("hedged\t{HEDGED}\n"));
    write(&dir.join("notes.md"), HEDGED);
    write(&dir.join("data.json"), "{}");
    let o = scan(&[dir.to_str().unwrap()]);
    assert!(o.status.success(), "stderr: {}", stderr(&o));
    let d = dir.display();
    assert_eq!(
        headers(&stdout(&o)),
        [format!("{d}/a/deep/two.html"), format!("{d}/a/three.HTM"), format!("{d}/b/one.txt"), format!("{d}/c.gold")]
    );
    let out = stdout(&o);
    assert!(out.contains(&format!("== {d}/a/deep/two.html — 0 hedged, 1 denial, 0 unsourced\n[denial] {DENIAL}")), "{out}");
    assert!(out.contains(&format!("== {d}/b/one.txt — 1 hedged, 0 denial, 0 unsourced\n[hedged] {HEDGED}")), "{out}");
    assert!(!out.contains("notes.md") && !out.contains("data.json"));
}

#[test]
fn output_follows_input_order_whatever_the_threads() {
    let dir = scratch("order");
    let mut names = Vec::new();
    for i in 0..60 {
        // Uneven sizes, so that workers finish out of order.
        let body = if i % 7 == 0 { format!("{HEDGED} ").repeat(400) } else { format!("{DENIAL} ") };
        let p = dir.join(format!("f{i:02}.txt"));
        write(&p, &body);
        names.push(p.display().to_string());
    }
    names.reverse();
    names.swap(3, 40);
    let args: Vec<&str> = names.iter().map(String::as_str).collect();
    let serial = scan(&[&["--jobs", "1"], &args[..]].concat());
    assert!(serial.status.success());
    assert_eq!(headers(&stdout(&serial)), names);
    for jobs in ["2", "4", "7"] {
        let parallel = scan(&[&["--jobs", jobs], &args[..]].concat());
        assert!(parallel.status.success());
        assert_eq!(stdout(&parallel), stdout(&serial), "--jobs {jobs}");
    }
    // JSON output is identical too, and one array.
    let one = scan(&[&["--json", "--jobs", "1"], &args[..]].concat());
    let many = scan(&[&["--json", "--jobs", "4"], &args[..]].concat());
    assert_eq!(stdout(&one), stdout(&many));
    assert!(stdout(&one).starts_with("[  {\"file\":") && stdout(&one).ends_with("]}]\n"));
}

#[test]
fn a_bad_file_is_reported_and_the_others_still_scanned() {
    let dir = scratch("bad");
    write(&dir.join("good1.txt"), HEDGED);
    write(&dir.join("good2.txt"), DENIAL);
    fs::write(dir.join("binary.txt"), b"abc\0def").unwrap();
    fs::write(dir.join("latin1.txt"), b"caf\xe9").unwrap();
    let missing = dir.join("missing.txt");
    let empty = dir.join("empty");
    fs::create_dir_all(&empty).unwrap();
    let (g1, g2) = (dir.join("good1.txt"), dir.join("good2.txt"));
    let o = scan(&[
        g1.to_str().unwrap(),
        missing.to_str().unwrap(),
        dir.join("binary.txt").to_str().unwrap(),
        empty.to_str().unwrap(),
        dir.join("latin1.txt").to_str().unwrap(),
        g2.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(headers(&stdout(&o)), [g1.display().to_string(), g2.display().to_string()]);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            format!("claimlens: {}: no such file", missing.display()),
            format!("claimlens: {}: looks like a binary file (NUL byte at offset 3)", dir.join("binary.txt").display()),
            format!("claimlens: {}: folder holds no .txt, .html, .htm or .gold file", empty.display()),
            format!("claimlens: {}: invalid UTF-8 at byte offset 3", dir.join("latin1.txt").display()),
            "claimlens: 4 of 6 inputs failed".to_string(),
        ]
    );
}

#[test]
fn usage_errors_exit_2() {
    let o = scan(&["--jobs", "0", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("claimlens: --jobs needs a positive number"));
    let o = scan(&["--json", "--summary", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "claimlens: --summary and --json do not combine\n");
}

#[test]
fn summary_prints_counts_and_a_total_and_no_progress_when_piped() {
    let dir = scratch("summary");
    for i in 0..20 {
        write(&dir.join(format!("{i:02}.txt")), if i % 2 == 0 { HEDGED } else { DENIAL });
    }
    let o = scan(&["--summary", dir.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "", "no progress bar on a pipe");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 21);
    assert_eq!(lines[0], format!("== {}/00.txt — 1 hedged, 0 denial, 0 unsourced", dir.display()));
    assert_eq!(lines[1], format!("== {}/01.txt — 0 hedged, 1 denial, 0 unsourced", dir.display()));
    assert_eq!(lines[20], "total: 20 files, 10 hedged, 10 denial, 0 unsourced");
    assert!(!out.contains("[hedged]"));
}
