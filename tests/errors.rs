//! Errors as a user reads them: the exit codes the README documents (0 done, 1 a
//! batch where some inputs failed, 2 usage or fatal error), and no panic or
//! backtrace reaching a user, whatever fails (faults injected with NEWSGRAPH_FAULT).

use crate::cli::newsgraph;

#[test]
fn exit_codes_are_0_1_and_2() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Portugal criticou Espanha.\n").unwrap();
    newsgraph(&store).args(["ingest", "--lang", "pt"]).arg(&good).assert().code(0);
    newsgraph(&store).args(["ingest", "--lang", "pt"]).arg(&good).arg(dir.path().join("missing.txt")).assert().code(1);
    // Usage errors: clap's (unknown option) and ours (a bad value, an unknown query).
    newsgraph(&store).args(["ingest", "--no-such-option"]).arg(&good).assert().code(2);
    newsgraph(&store).args(["query", "no-such-saved-query"]).assert().code(2);
    // Fatal: no store where one is needed.
    newsgraph(&dir.path().join("nowhere")).arg("stats").assert().code(2);
    newsgraph(&store).arg("stats").assert().code(0);
}

#[test]
fn a_panic_while_extracting_skips_that_article_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let good = dir.path().join("good.txt");
    let cursed = dir.path().join("cursed.txt");
    std::fs::write(&good, "Portugal criticou Espanha.\n").unwrap();
    std::fs::write(&cursed, "Portugal criticou Espanha. XYZZY\n").unwrap();
    let out = newsgraph(&store)
        .env("NEWSGRAPH_FAULT", "panic-on:XYZZY")
        .env("RUST_BACKTRACE", "1")
        .args(["ingest", "--lang", "pt"])
        .arg(&good)
        .arg(&cursed)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let about: Vec<&str> = stderr.lines().filter(|l| l.contains("cursed.txt")).collect();
    assert_eq!(about.len(), 1, "{stderr}");
    assert!(about[0].contains("internal error while extracting") && about[0].contains("article skipped"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
    assert!(stderr.contains("ingested 1 articles (1 new"), "{stderr}");
}

#[test]
fn a_panic_elsewhere_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsgraph(&dir.path().join("s"))
        .env("NEWSGRAPH_FAULT", "panic-at-start")
        .env("RUST_BACKTRACE", "full")
        .arg("queries")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("newsgraph: internal error (fault injected by NEWSGRAPH_FAULT, at src/"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
}

#[test]
fn the_bench_tool_says_its_usage_in_one_line_even_with_backtraces_on() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph-bench"))
        .env("RUST_BACKTRACE", "1")
        .arg("no-such-step")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("newsgraph-bench: usage: "), "{stderr}");
}

#[test]
fn a_path_that_is_not_a_store_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "not a store").unwrap();
    for store in [file.as_path(), dir.path()] {
        let out = newsgraph(store).args(["query", "leaders"]).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("is not a newsgraph store") && !stderr.contains("CURRENT"), "{stderr}");
    }
}

#[test]
fn a_reader_that_goes_away_is_no_error() {
    let (_dir, store, _file) = crate::cli::stored_article();
    for command in ["stats", "articles"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .arg("--store")
            .arg(&store)
            .arg(command)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // `| head -0`
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{command}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{command}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
