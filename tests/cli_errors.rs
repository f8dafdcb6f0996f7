//! The command line on bad input: every failure is one clear message on
//! stderr starting `claimlens: `, a non-zero exit when the input cannot be
//! used, and never a panic.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("claimlens-cli-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, contents).unwrap();
        p
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_claimlens")).args(args).output().expect("the binary runs");
    let r = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: started.elapsed(),
    };
    assert!(!r.stderr.contains("panicked"), "panic on {:?}:\n{}", args.iter().map(|a| a.as_ref().to_owned()).collect::<Vec<_>>(), r.stderr);
    assert!(!r.stderr.contains("RUST_BACKTRACE"), "backtrace hint:\n{}", r.stderr);
    r
}

/// The run failed with a `claimlens: ` message containing every `parts`.
fn fails(r: &Run, parts: &[&str]) {
    assert!(matches!(r.code, Some(c) if c != 0), "expected a non-zero exit, got {:?}\nstdout: {}\nstderr: {}", r.code, r.stdout, r.stderr);
    assert!(r.stderr.starts_with("claimlens: "), "stderr does not start with `claimlens: `:\n{}", r.stderr);
    for p in parts {
        assert!(r.stderr.contains(p), "stderr lacks {p:?}:\n{}", r.stderr);
    }
}

fn succeeds(r: &Run) {
    assert_eq!(r.code, Some(0), "expected success\nstdout: {}\nstderr: {}", r.stdout, r.stderr);
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn missing_file() {
    let t = TempDir::new("missing");
    let p = s(&t.path("nope.txt"));
    fails(&run(&["scan", &p]), &[&p, "no such file"]);
    fails(&run(&["eval", &p]), &[&p, "no such file"]);
    fails(&run(&["scan", "--json", &p]), &[&p, "no such file"]);
}

#[test]
fn eval_folder_without_gold_files() {
    let t = TempDir::new("nogold");
    t.file("notes.txt", "The mayor allegedly took the money.\n");
    t.file("sub/page.html", "<p>x</p>");
    let dir = s(&t.0);
    fails(&run(&["eval", &dir]), &[&dir, ".gold"]);
}

#[test]
fn scan_folder_without_scannable_files() {
    let t = TempDir::new("noscan");
    t.file("report.pdf", "%PDF-1.4");
    t.file("data.csv", "a,b\n");
    let dir = s(&t.0);
    fails(&run(&["scan", &dir]), &[&dir]);
}

#[test]
fn invalid_utf8_names_file_and_byte_offset() {
    let t = TempDir::new("utf8");
    let txt = s(&t.file("latin1.txt", b"The caf\xe9 allegedly closed.\n"));
    fails(&run(&["scan", &txt]), &[&txt, "invalid UTF-8", "byte offset 7"]);
    let gold = s(&t.file("latin1.gold", b"-\tfine.\nhedged\tThe caf\xe9 allegedly closed.\n"));
    fails(&run(&["eval", &gold]), &[&gold, "invalid UTF-8", "byte offset 22"]);
    let html = s(&t.file("page.html", b"<p>ok</p>\xff\xfe"));
    fails(&run(&["scan", &html]), &[&html, "invalid UTF-8", "byte offset 9"]);
}

#[test]
fn binary_file() {
    let t = TempDir::new("binary");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let p = s(&t.file("image.txt", &png));
    fails(&run(&["scan", &p]), &[&p, "binary"]);
    let g = s(&t.file("image.gold", &png));
    fails(&run(&["eval", &g]), &[&g, "binary"]);
}

#[test]
fn empty_file() {
    let t = TempDir::new("empty");
    let txt = s(&t.file("empty.txt", ""));
    let r = run(&["scan", &txt]);
    succeeds(&r);
    assert!(r.stdout.contains("0 hedged, 0 denial, 0 unsourced"), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let r = run(&["scan", "--json", &txt]);
    succeeds(&r);
    assert!(r.stdout.contains("\"findings\":["), "{}", r.stdout);
    assert!(!r.stdout.contains("\"category\""), "{}", r.stdout);
    let html = s(&t.file("empty.html", ""));
    succeeds(&run(&["scan", &html]));
    let blank = s(&t.file("blank.txt", "\n\n  \n\t\n"));
    succeeds(&run(&["scan", &blank]));

    let gold = s(&t.file("empty.gold", ""));
    fails(&run(&["eval", &gold]), &[&gold, "no labelled sentence"]);
    let comments = s(&t.file("comments.gold", "# title: nothing here\n\n# more\n"));
    fails(&run(&["eval", &comments]), &[&comments, "no labelled sentence"]);
    // An empty .gold file in a folder is not silently skipped.
    t.file("corpus/a.gold", "hedged\tThe mayor allegedly took the money.\n");
    let hollow = s(&t.file("corpus/b.gold", ""));
    fails(&run(&["eval", &s(&t.path("corpus"))]), &[&hollow, "no labelled sentence"]);
}

#[test]
fn huge_file_is_refused_quickly() {
    let t = TempDir::new("huge");
    for name in ["huge.txt", "huge.gold"] {
        let p = t.path(name);
        // Sparse: no disk blocks, reads as zeros.
        fs::File::create(&p).unwrap().set_len(200 * 1024 * 1024).unwrap();
        let p = s(&p);
        let cmd = if name.ends_with(".gold") { "eval" } else { "scan" };
        let r = run(&[cmd, &p]);
        fails(&r, &[&p, "200 MB", "limit"]);
        assert!(r.took < Duration::from_secs(5), "refusal took {:?}", r.took);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn endless_device_is_read_bounded() {
    // Its size says 0; the read must stop at the limit all the same.
    let r = run(&["scan", "/dev/zero"]);
    fails(&r, &["/dev/zero"]);
    assert!(r.took < Duration::from_secs(20), "took {:?}", r.took);
}

#[test]
fn deeply_nested_html_works() {
    let t = TempDir::new("deep");
    let page = format!("<html><body>{}<p>The mayor allegedly took the money.</p>{}</body></html>", "<div><span>".repeat(25_000), "</span></div>".repeat(25_000));
    let p = s(&t.file("deep.html", page));
    let r = run(&["scan", &p]);
    succeeds(&r);
    assert!(r.stdout.contains("[hedged] The mayor allegedly took the money."), "{}", r.stdout);
    let unclosed = s(&t.file("unclosed.html", "<div>".repeat(50_000) + "<p>The mayor allegedly took the money."));
    let r = run(&["scan", "--json", &unclosed]);
    succeeds(&r);
    assert!(r.stdout.contains("\"category\":\"hedged\""), "{}", r.stdout);
}

#[test]
fn gold_file_errors_name_file_and_line() {
    let t = TempDir::new("gold");
    let bad = s(&t.file("bad.gold", "# title: T\n\n-\tFine.\nhedgd\tThe mayor allegedly took the money.\n"));
    fails(&run(&["eval", &bad]), &[&format!("{bad}:4"), "unknown label \"hedgd\""]);
    let untabbed = s(&t.file("untabbed.gold", "-\tFine.\nhedged The mayor allegedly took the money.\n"));
    fails(&run(&["eval", &untabbed]), &[&format!("{untabbed}:2"), "tab"]);
    // scan reads .gold files too, and reports the same line.
    fails(&run(&["scan", &bad]), &[&format!("{bad}:4")]);
}

#[test]
fn unknown_option() {
    let t = TempDir::new("option");
    let p = s(&t.file("a.txt", "x"));
    fails(&run(&["scan", "--frobnicate", &p]), &["unknown option \"--frobnicate\""]);
    fails(&run(&["eval", "--frobnicate", &p]), &["unknown option \"--frobnicate\""]);
    fails(&run(&["scan", "--sensitivity", "paranoid", &p]), &["sensitivity", "paranoid"]);
    fails(&run(&["scan", &p, "--sensitivity"]), &["--sensitivity needs a value"]);
}

#[test]
fn unknown_command_and_no_input() {
    fails(&run(&["frobnicate"]), &["unknown command \"frobnicate\""]);
    fails(&run(&["scan"]), &["no input"]);
    fails(&run(&["eval"]), &["no input"]);
    fails(&run::<&str>(&[]), &["usage"]);
}
