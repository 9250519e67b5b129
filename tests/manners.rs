//! Manners: shell completions and the man page come from the clap definitions and
//! are valid for their readers (bash parses the script, the page is roff naming
//! every command); no progress bar or control code reaches standard error when it
//! is not a terminal.

use crate::cli::newsgraph;
use assert_cmd::Command;

fn output(args: &[&str]) -> String {
    let out = Command::cargo_bin("newsgraph").unwrap().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_for_each_shell_and_a_man_page() {
    let bash = output(&["completions", "bash"]);
    assert!(bash.contains("newsgraph") && bash.contains("ingest") && bash.contains("--format"));
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("newsgraph.bash");
    std::fs::write(&script, &bash).unwrap();
    if let Ok(status) = std::process::Command::new("bash").arg("-n").arg(&script).status() {
        assert!(status.success(), "bash does not parse the completion script");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        assert!(output(&["completions", shell]).contains("ingest"), "{shell}");
    }
    let man = output(&["man"]);
    assert!(man.starts_with(".ie") || man.starts_with(".TH") || man.contains("\n.TH newsgraph"), "{}", &man[..200]);
    for command in ["ingest", "query", "export", "extract", "completions"] {
        assert!(man.contains(command), "the man page names {command}");
    }
}

#[test]
fn no_progress_bar_when_standard_error_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let out = newsgraph(&store)
        .args(["ingest", "--lang", "pt", "-"])
        .write_stdin("O Quénia condenou a Somália.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("ingested 1 articles"), "{stderr:?}");
    assert!(!stderr.contains('\r') && !stderr.contains('\u{1b}'), "{stderr:?}");
    let out = newsgraph(&store)
        .args(["--quiet", "ingest", "--lang", "pt", "-"])
        .write_stdin("O Quénia condenou a Somália.")
        .output()
        .unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
}
