//! `fahras build` on a hostile corpus (issue 7): every bad file is reported
//! on stderr with its path and the reason, the rest is indexed, the summary
//! counts what was skipped, `--strict` turns skips into exit code 2, and a
//! build killed midway leaves the previous index complete.

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
            "note: running as root, chmod 000 does not block reads: unreadable-file case skipped"
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
