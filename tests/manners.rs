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

/// Runs newsgraph under a pseudo-terminal (util-linux `script`), with `NO_COLOR`
/// set or not: what the terminal received. `None` where `script` is missing.
fn on_a_terminal(store: &std::path::Path, args: &str, no_color: bool) -> Option<String> {
    let bin = assert_cmd::cargo::cargo_bin("newsgraph");
    let line = format!("{} --store {} {args}", bin.display(), store.display());
    let mut command = std::process::Command::new("script");
    command.args(["-qec", &line, "/dev/null"]).env_remove("NEWSGRAPH_STORE").env_remove("NO_COLOR");
    if no_color {
        command.env("NO_COLOR", "1");
    }
    let out = command.output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let piped = newsgraph(&store).arg("--no-such-option").output().unwrap();
    assert_eq!(piped.status.code(), Some(2));
    assert!(!piped.stderr.contains(&0x1b), "{}", String::from_utf8_lossy(&piped.stderr));
    let Some(coloured) = on_a_terminal(&store, "--no-such-option", false) else { return };
    // The control: on a terminal clap does colour its errors...
    assert!(coloured.contains("\u{1b}["), "{coloured:?}");
    // ...and NO_COLOR turns that off.
    let plain = on_a_terminal(&store, "--no-such-option", true).unwrap();
    assert!(plain.contains("--no-such-option") && !plain.contains('\u{1b}'), "{plain:?}");
}

#[test]
fn export_to_standard_output_or_a_file_with_a_progress_bar_only_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    newsgraph(&store)
        .args(["--quiet", "ingest", "--lang", "pt", "-"])
        .write_stdin("O Quénia condenou a Somália.")
        .assert()
        .success();
    let plain = newsgraph(&store).args(["export", "--format", "nquads"]).output().unwrap();
    let dash = newsgraph(&store).args(["export", "--format", "nquads", "--output", "-"]).output().unwrap();
    assert!(plain.status.success() && dash.status.success());
    assert!(plain.stdout.len() > 1000);
    assert_eq!(plain.stdout, dash.stdout);
    assert!(dash.stderr.is_empty(), "no bar on a pipe: {}", String::from_utf8_lossy(&dash.stderr));
    let file = dir.path().join("all.nq");
    let to_file = newsgraph(&store).args(["export", "--format", "nquads", "-o"]).arg(&file).output().unwrap();
    assert!(to_file.status.success() && to_file.stdout.is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), plain.stdout);
    let bad = newsgraph(&store).args(["export", "-o", "/nonexistent/dir/x.nq"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--output /nonexistent/dir/x.nq"));

    let out = format!("export --format nquads -o {}", file.display());
    let Some(shown) = on_a_terminal(&store, &out, false) else { return };
    assert!(shown.contains(" quads") && (shown.contains('█') || shown.contains('░')), "{shown:?}");
    let quiet = on_a_terminal(&store, &format!("--quiet {out}"), false).unwrap();
    assert_eq!(quiet, "", "--quiet draws nothing");
}

#[test]
fn an_article_from_standard_input_for_extract() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsgraph(&dir.path().join("unused"))
        .args(["extract", "--format", "nquads", "--lang", "pt", "-"])
        .write_stdin("O Quénia condenou a Somália.")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let quads: Vec<oxigraph::model::Quad> = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(&out.stdout)
        .collect::<Result<_, _>>()
        .expect("N-Quads");
    assert!(quads.iter().any(|q| q.predicate.as_str().ends_with("#criticizes")), "{quads:?}");
}
