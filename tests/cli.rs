//! The binary tested as a user runs it: ingest → query round trip, idempotent
//! re-ingest, remove, JSON results, bad input reported with a non-zero exit.

use assert_cmd::Command;
use predicates::prelude::*;

pub(crate) fn newsgraph(store: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("newsgraph").expect("binary built");
    cmd.env_remove("NEWSGRAPH_STORE").arg("--store").arg(store);
    cmd
}

const ARTICLE: &str = "Quénia e Etiópia assinam acordo\n\nNairobi, 3 de maio de 2025 – O Quénia condenou a Somália na terça-feira. O presidente queniano, William Ruto, reuniu-se com o primeiro-ministro etíope, Abiy Ahmed.\n";

/// A store holding ARTICLE, ingested from a file: (the temporary directory, the
/// store, the file).
pub(crate) fn stored_article() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    newsgraph(&store)
        .args(["ingest", "--lang", "pt"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("ingested 1 articles"));
    (dir, store, file)
}

pub(crate) fn quads(store: &std::path::Path) -> String {
    let out = newsgraph(store).args(["export", "--format", "nquads"]).output().expect("runs");
    assert!(out.status.success());
    let mut lines: Vec<String> = String::from_utf8(out.stdout).expect("utf-8").lines().map(str::to_string).collect();
    lines.sort();
    lines.join("\n")
}

#[test]
fn ingest_then_query_round_trip_in_json() {
    let (_dir, store, _file) = stored_article();
    newsgraph(&store).arg("articles").assert().success().stdout(predicate::str::contains("1 rows"));
    let out = newsgraph(&store)
        .args([
            "query",
            "--format",
            "json",
            "PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?s ?o WHERE { ?s ng:criticizes ?o }",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["head"]["vars"], serde_json::json!(["s", "o"]));
    let bindings = json["results"]["bindings"].as_array().unwrap();
    assert_eq!(bindings.len(), 1, "{json}");
    assert!(bindings[0]["s"]["value"].as_str().unwrap().ends_with("country-ke"));
    assert_eq!(bindings[0]["o"]["type"], "uri");
}

#[test]
fn reingesting_changes_nothing_and_remove_removes() {
    let (_dir, store, file) = stored_article();
    let first = quads(&store);
    newsgraph(&store)
        .args(["ingest", "--lang", "pt"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 unchanged"));
    assert_eq!(first, quads(&store));
    let hash = newsgraph::rdf::content_hash(ARTICLE);
    newsgraph(&store).args(["remove", &hash]).assert().success().stdout(predicate::str::contains("removed"));
    newsgraph(&store).arg("articles").assert().success().stdout(predicate::str::contains("0 rows"));
}

#[test]
fn a_bad_line_is_reported_and_the_rest_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let file = dir.path().join("batch.jsonl");
    std::fs::write(
        &file,
        "{\"id\": \"a\", \"text\": \"Portugal criticou Espanha.\", \"lang\": \"pt\"}\nnot json\n{\"id\": \"b\"}\n",
    )
    .unwrap();
    newsgraph(&store)
        .arg("ingest")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("batch.jsonl:2: not a JSON article"))
        .stderr(predicate::str::contains("batch.jsonl:3: no \"text\" field"));
    newsgraph(&store).arg("articles").assert().success().stdout(predicate::str::contains("1 rows"));
}

#[test]
fn usage_errors_exit_2_and_queries_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    newsgraph(&store)
        .args(["ingest", "--lang", "xx", "-"])
        .write_stdin("text")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--lang"));
    newsgraph(&store)
        .args(["query", "who-supports"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --param name"));
    newsgraph(&store).args(["query", "leaders"]).assert().code(2).stderr(predicate::str::contains("no store"));
    newsgraph(&store).arg("queries").assert().success().stdout(predicate::str::contains("who-supports"));
    newsgraph(&store)
        .args(["queries", "show", "leaders"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ng:leaderOf"));
}

#[test]
fn extract_explain_shows_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    Command::cargo_bin("newsgraph")
        .unwrap()
        .args(["extract", "--explain", "--lang", "pt"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("criticizes"))
        .stdout(predicate::str::contains("rule:"));
}

/// The store's quads without the ontology's blank nodes (named afresh by each parse).
fn article_quads(store: &std::path::Path) -> String {
    quads(store).lines().filter(|l| !l.contains("_:")).collect::<Vec<_>>().join("\n")
}

#[test]
fn parallel_ingest_stores_what_serial_ingest_stores() {
    let dir = tempfile::tempdir().unwrap();
    let examples = ["en-baltic-exercise", "en-sahel-aid", "pt-br-mercosul-chile", "pt-pt-cimeira-cplp"];
    let text = |name: &str| std::fs::read_to_string(format!("examples/{name}.txt")).unwrap();
    let line = |id: &str, name: &str| serde_json::json!({"id": id, "text": text(name)}).to_string();
    let mut lines: Vec<String> = examples.iter().enumerate().map(|(i, name)| line(&format!("a{i}"), name)).collect();
    // In one batch: a new text under a stored id replaces it, the same text again changes nothing.
    lines.push(line("a0", examples[1]));
    lines.push(line("a2", examples[2]));
    let file = dir.path().join("batch.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let mut stored = Vec::new();
    for threads in ["1", "2", "3"] {
        let store = dir.path().join(format!("s{threads}"));
        newsgraph(&store)
            .args(["ingest", "--threads", threads])
            .arg(&file)
            .assert()
            .success()
            .stderr(predicate::str::contains("ingested 6 articles (4 new, 1 replaced, 1 unchanged)"));
        stored.push(article_quads(&store));
    }
    assert!(stored[0].contains("article/a3"));
    assert_eq!(stored[0], stored[1], "two threads");
    assert_eq!(stored[0], stored[2], "three threads");
}
