//! `fahras build` on a hostile corpus (issue 7): every bad file is reported
//! on stderr with its path and the reason, the rest is indexed, the summary
//! counts what was skipped, `--strict` turns skips into exit code 2, and a
//! build killed or failing midway leaves the previous index complete.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use fahras::corpus::MAX_FILE_BYTES;
use fahras::format::Index;
use fahras::search::{search, SearchOptions};

const BIN: &str = env!("CARGO_BIN_EXE_fahras");

fn write(dir: &Path, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, contents).unwrap();
    path
}

fn fahras_build(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    Command::new(BIN)
        .arg("build")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("run fahras")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const GOOD: &str =
    "تقرير عن التعاون\n\nعقد وزير الخارجية الروسي سيرغي لافروف اجتماعا مع نظرائه من آسيا الوسطى.\n";

/// Can this process read a file whose mode is 000? (Yes when running as root.)
fn chmod_blocks_reads(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let p = write(dir, "probe", "x");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    let blocked = fs::read(&p).is_err();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    fs::remove_file(&p).unwrap();
    blocked
}

#[test]
fn bad_files_are_reported_and_the_rest_indexed() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("site");
    fs::create_dir(&src).unwrap();

    // Good documents, one per kind.
    write(&src, "good1.txt", GOOD);
    write(
        &src,
        "good2.md",
        "# عنوان ماركداون\n\nنص عن الصين وروسيا.\n",
    );
    write(
        &src,
        "good3.html",
        "<html><head><title>صفحة</title></head><body><p>نص هتمل عن موسكو</p></body></html>",
    );
    // Parsed despite everything: broken and deeply nested HTML.
    write(
        &src,
        "broken.html",
        "<html><body><p>نص مكسور <b><i>بلا إغلاق <div <<<>>> </p></span></table>&bogus; &#xFFFFFFFF; <script>var x = '</script>بعد السكربت",
    );
    let deep = format!(
        "<html><head><title>عميق</title></head><body>{}كلمةعميقة{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    write(&src, "deep.html", &deep);
    let deep_unclosed = format!("<html><body>{}كلمةمفتوحة", "<span><b>".repeat(10_000));
    write(&src, "deep_unclosed.html", &deep_unclosed);

    // Skipped, each with its reason.
    let mut expect_skipped: Vec<(PathBuf, &str)> = vec![
        (
            write(&src, "latin1.txt", b"caf\xe9 au lait\n\xff\xfe"),
            "not valid UTF-8",
        ),
        (
            write(&src, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            "binary file",
        ),
        (write(&src, "empty.md", ""), "empty file"),
        (write(&src, "blank.txt", " \n\t\n  "), "empty file"),
        (
            write(
                &src,
                "only_scripts.html",
                "<html><body><script>alert(1)</script><nav>menu</nav></body></html>",
            ),
            "no text found",
        ),
    ];
    // ~100 MB of text: only the first MAX_FILE_BYTES + 1 are ever read.
    let big = src.join("big.txt");
    {
        let mut f = std::io::BufWriter::new(fs::File::create(&big).unwrap());
        let line = "روسيا والصين وآسيا الوسطى في اجتماع لوزراء الخارجية\n".repeat(100);
        let mut n = 0;
        while n < 100_000_000 {
            f.write_all(line.as_bytes()).unwrap();
            n += line.len();
        }
    }
    assert!(fs::metadata(&big).unwrap().len() > MAX_FILE_BYTES);
    expect_skipped.push((big, "file too large"));

    // Unreadable: only meaningful when not running as root.
    if chmod_blocks_reads(tmp.path()) {
        let p = write(&src, "secret.txt", GOOD);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
        expect_skipped.push((p, "could not read the file"));
    } else {
        println!(
            "note: running as root, chmod 000 does not block reads: chmod case skipped \
             (special_files_are_reported_even_as_root covers unreadable files for root too)"
        );
    }

    // Symlink loops: not followed, so they neither hang nor count.
    symlink(".", src.join("loop")).unwrap();
    symlink("b.txt", src.join("a.txt")).unwrap();
    symlink("a.txt", src.join("b.txt")).unwrap();
    fs::create_dir(src.join("sub")).unwrap();
    symlink("..", src.join("sub/up")).unwrap();

    let out = tmp.path().join("out");
    let started = Instant::now();
    let o = fahras_build(&[&src], &out, &[]);
    let elapsed = started.elapsed();
    let (stdout, stderr) = (text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "{stderr}");
    for (path, reason) in &expect_skipped {
        let line = stderr
            .lines()
            .find(|l| l.contains(&*path.to_string_lossy()))
            .unwrap_or_else(|| panic!("no warning for {}:\n{stderr}", path.display()));
        assert!(line.contains("skipped"), "{line}");
        assert!(line.contains(reason), "{line} should say {reason:?}");
    }
    let warnings = stderr.lines().filter(|l| l.contains("warning")).count();
    assert_eq!(warnings, expect_skipped.len(), "{stderr}");
    let summary = format!("Indexed 6 documents ({} skipped)", expect_skipped.len());
    assert!(stdout.contains(&summary), "{stdout}");

    let index = Index::open(&out).unwrap();
    assert_eq!(index.doc_count(), 6);
    for (q, id) in [
        ("لافروف", "good1"),
        ("ماركداون", "good2"),
        ("موسكو", "good3"),
        ("مكسور", "broken"),
        ("كلمةعميقة", "deep"),
        ("كلمةمفتوحة", "deep_unclosed"),
    ] {
        let res = search(&index, q, &SearchOptions::default()).unwrap();
        assert!(
            res.results.iter().any(|h| h.id == id),
            "{q} should find {id}: {res:?}"
        );
    }
    println!("hostile corpus built in {elapsed:?}");

    // --strict: same build, exit code 2, and it says why.
    let o = fahras_build(&[&src], &tmp.path().join("out2"), &["--strict"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("--strict"));

    // Without bad files --strict passes.
    let clean = tmp.path().join("clean");
    write(&clean, "good1.txt", GOOD);
    let o = fahras_build(&[&clean], &tmp.path().join("out3"), &["--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[test]
fn a_file_named_directly_is_checked_too() {
    let tmp = tempfile::tempdir().unwrap();
    let good = write(tmp.path(), "good.txt", GOOD);
    let bad = write(tmp.path(), "bad.txt", b"\xc3\x28 broken");
    let other = write(tmp.path(), "notes.pdf", "%PDF-1.4");
    let o = fahras_build(&[&good, &bad, &other], &tmp.path().join("out"), &[]);
    let stderr = text(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    for (p, why) in [(&bad, "not valid UTF-8"), (&other, "unsupported file type")] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(&*p.to_string_lossy()) && l.contains(why)),
            "{stderr}"
        );
    }
    assert!(text(&o.stdout).contains("Indexed 1 documents (2 skipped)"));
}

/// A corpus big enough that building it takes a while.
fn big_corpus(dir: &Path, files: usize) {
    let words = [
        "روسيا",
        "الصين",
        "التعاون",
        "العسكري",
        "وزير",
        "الخارجية",
        "لافروف",
        "آسيا",
        "الوسطى",
        "اجتماع",
        "موسكو",
        "بكين",
        "الاقتصاد",
        "الطاقة",
        "النفط",
        "الغاز",
        "المفاوضات",
    ];
    for f in 0..files {
        let mut s = format!("مقال رقم {f}\n\n");
        for i in 0..3000 {
            s.push_str(words[(i * 7 + f * 13 + i / 5) % words.len()]);
            s.push_str(if i % 15 == 14 { ".\n" } else { " " });
            if i % 97 == 0 {
                s.push_str(&format!("كلمة{}_{} ", f, i));
            }
        }
        write(dir, &format!("d{f:04}.txt"), s);
    }
}

#[test]
fn a_killed_build_leaves_the_previous_index() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    // The previous index: three documents.
    let small = tmp.path().join("small");
    for i in 0..3 {
        write(&small, &format!("s{i}.txt"), GOOD);
    }
    let o = fahras_build(&[&small], &out, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(Index::open(&out).unwrap().doc_count(), 3);

    // A corpus that takes at least a second to build: grow it until it does.
    let big = tmp.path().join("big");
    let mut files = 20;
    let (full, docs) = loop {
        big_corpus(&big, files);
        let t = Instant::now();
        let timing = tmp.path().join("timing");
        let o = fahras_build(&[&big], &timing, &[]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let full = t.elapsed();
        fs::remove_dir_all(&timing).unwrap();
        if full >= Duration::from_secs(1) || files >= 2000 {
            break (full, files as u32);
        }
        files *= 2;
    };
    println!("full build of the big corpus ({docs} files): {full:?}");
    assert!(
        full > Duration::from_millis(400),
        "the big corpus builds too fast ({full:?}) to be killed midway"
    );

    // Kill at ~200 ms, then ever later, up to the end of the write phase.
    let mut killed = 0;
    let mut outcomes = Vec::new();
    for frac in [0.0, 0.5, 0.9, 0.97, 0.99, 1.02, 1.1] {
        let delay = Duration::from_millis(200).max(full.mul_f64(frac));
        let mut child = Command::new(BIN)
            .arg("build")
            .arg(&big)
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        if !finished {
            child.kill().unwrap();
            killed += 1;
        }
        let status = child.wait().unwrap();
        // Whatever the moment, the folder holds one complete index: the
        // previous one, or (once the root was renamed) the new one.
        let index = Index::open(&out).unwrap_or_else(|e| {
            panic!("index unreadable after a kill at {delay:?} ({status}): {e}")
        });
        let n = index.doc_count();
        assert!(
            n == 3 || n == docs,
            "doc count {n} after a kill at {delay:?}"
        );
        search(&index, "روسيا", &SearchOptions::default()).unwrap();
        outcomes.push(format!(
            "{delay:?}: {} docs{}",
            n,
            if finished { " (finished)" } else { "" }
        ));
        if n == docs {
            // Put the previous index back for the next round.
            fs::remove_dir_all(&out).unwrap();
            let o = fahras_build(&[&small], &out, &[]);
            assert!(o.status.success());
        } else if delay == Duration::from_millis(200) {
            // The first kill, well before the end: the old index is intact.
            assert_eq!(n, 3);
        }
    }
    println!("kills: {}", outcomes.join(", "));
    assert!(killed >= 1, "no build was killed midway");
}

/// The index files in `dir` (not pages, not the staging folder), sorted, with their bytes.
/// Every file of the index in `dir` (root and piece folders, not pages),
/// by path relative to `dir`.
fn index_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, top: bool, out: &mut Vec<(String, Vec<u8>)>) {
        for e in fs::read_dir(dir).unwrap().map(|e| e.unwrap()) {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().unwrap().is_dir() {
                if !(top && name == "pages") {
                    walk(base, &e.path(), false, out);
                }
            } else {
                let rel = e.path().strip_prefix(base).unwrap().display().to_string();
                out.push((rel, fs::read(e.path()).unwrap()));
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, true, &mut v);
    v.sort();
    v
}

/// `fahras build` that fails (it is not killed) partway through writing,
/// in the two ways write.rs can fail: a write into the staging folder, and
/// a rename into the output folder after some new pieces are in place.
/// Either way the previous index stays complete and byte-identical, the
/// error names the path and the reason, and no staging folder is left.
#[test]
fn a_failed_build_leaves_the_previous_index() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let small = tmp.path().join("small");
    for i in 0..3 {
        write(&small, &format!("s{i}.txt"), GOOD);
    }
    assert!(fahras_build(&[&small], &out, &[]).status.success());
    let previous = index_files(&out);
    let big = tmp.path().join("big");
    big_corpus(&big, 20);

    let intact = |after: &str| {
        assert_eq!(
            index_files(&out),
            previous,
            "index files changed after {after}"
        );
        let index = Index::open(&out).unwrap_or_else(|e| panic!("after {after}: {e}"));
        assert_eq!(index.doc_count(), 3, "after {after}");
        search(&index, "لافروف", &SearchOptions::default()).unwrap();
        assert!(
            !out.join(".fahras-staging").exists(),
            "staging folder left after {after}"
        );
    };

    // 1. The disk fills up while the new files are staged. A file-size limit
    //    (RLIMIT_FSIZE, which binds root too; SIGXFSZ ignored so that the
    //    write fails with EFBIG instead of killing the process) does that.
    let o = Command::new("sh")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 8; exec "$0" "$@""#)
        .arg(BIN)
        .arg("build")
        .arg(&big)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "a failure, not a kill: {stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains(".fahras-staging"),
        "{stderr}"
    );
    assert!(stderr.contains("File too large"), "{stderr}");
    intact("a full disk while staging");

    // 2. A rename is refused after the first new pieces were moved in: a
    //    file stands where the new docs folder (moved after the
    //    dictionaries and postings) must go.
    let probe = tmp.path().join("probe");
    assert!(fahras_build(&[&big], &probe, &[]).status.success());
    let hash = fs::read_dir(probe.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .next()
        .unwrap();
    let docs = format!("docs/{hash}");
    let obstacle = out.join(&docs);
    fs::write(&obstacle, b"in the way").unwrap();
    let o = fahras_build(&[&big], &out, &[]);
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains(&docs),
        "{stderr}"
    );
    fs::remove_file(&obstacle).unwrap();
    // Every file of the previous index is there, unchanged, next to the
    // new pieces that were already moved in (unreferenced until a build
    // completes).
    let now = index_files(&out);
    for f in &previous {
        assert!(now.contains(f), "{} changed or went missing", f.0);
    }
    assert_eq!(
        Index::open(&out).unwrap().doc_count(),
        3,
        "after a refused rename"
    );
    assert!(!out.join(".fahras-staging").exists());

    // With the obstacle gone the same build succeeds and tidies up.
    let o = fahras_build(&[&big], &out, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(Index::open(&out).unwrap().doc_count(), 20);
    let names = |d: &Path| index_files(d).into_iter().map(|f| f.0).collect::<Vec<_>>();
    assert_eq!(names(&out), names(&probe));
    assert_eq!(index_files(&out), index_files(&probe));
}

/// Files that cannot be read whoever runs the build (root ignores chmod
/// 000): a named pipe and a socket with document extensions, in a folder
/// and named directly. Each is reported with its path and reason, never
/// opened (a pipe would block the build forever), and the rest is indexed.
#[test]
fn special_files_are_reported_even_as_root() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("site");
    write(&src, "good.txt", GOOD);
    write(&src, "dir.txt/inside.md", "# داخل المجلد\n\nنص عن موسكو.\n");
    let fifo = src.join("pipe.txt");
    let mk = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(mk.success());
    let sock = src.join("socket.md");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let lone_fifo = tmp.path().join("lone.html");
    assert!(Command::new("mkfifo")
        .arg(&lone_fifo)
        .status()
        .unwrap()
        .success());

    let mut child = Command::new(BIN)
        .arg("build")
        .arg(&src)
        .arg(&lone_fifo)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Opening a pipe with no writer would hang: give it a deadline.
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("fahras build hung on a named pipe");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    let (stdout, stderr) = (text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "{stderr}");
    for p in [&fifo, &sock, &lone_fifo] {
        let line = stderr
            .lines()
            .find(|l| l.contains(&*p.to_string_lossy()))
            .unwrap_or_else(|| panic!("no warning for {}:\n{stderr}", p.display()));
        assert!(
            line.contains("skipped") && line.contains("not a regular file"),
            "{line}"
        );
    }
    // A folder named like a document is just a folder: walked, no warning.
    assert!(
        stdout.contains("Indexed 2 documents (3 skipped)"),
        "{stdout}"
    );
    let index = Index::open(&tmp.path().join("out")).unwrap();
    let hits = search(&index, "موسكو", &SearchOptions::default()).unwrap();
    assert_eq!(hits.results[0].id, "dir.txt/inside");

    // --strict makes the skips an error.
    let o = fahras_build(&[&src], &tmp.path().join("out2"), &["--strict"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
}
