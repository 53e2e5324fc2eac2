//! The `fahras` command as a shell user meets it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn search_piped_into_head_ends_quietly() {
    // Enough results to overfill a pipe, so the reader closes it mid-write.
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c");
    std::fs::create_dir_all(&corpus).unwrap();
    for i in 0..400 {
        let body = "خبر عن روسيا والصين والتعاون بينهما في منظمة شنغهاي ".repeat(8);
        std::fs::write(
            corpus.join(format!("d{i:03}.txt")),
            format!("عنوان {i}\n{body}\n"),
        )
        .unwrap();
    }
    let index = tmp.path().join("index");
    let bin = env!("CARGO_BIN_EXE_fahras");
    let built = Command::new(bin)
        .args([
            "build",
            corpus.to_str().unwrap(),
            "--out",
            index.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(built.status.success());

    let mut child = Command::new(bin)
        .args([
            "search",
            "--index",
            index.to_str().unwrap(),
            "--limit",
            "1000",
            "روسيا",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // `head -1` has what it wanted and goes away: the pipe closes.
    assert!(first.starts_with("400 result(s)"), "{first}");
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing on stderr"
    );
}
