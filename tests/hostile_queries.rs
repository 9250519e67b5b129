//! Queries cannot hurt: an UPDATE is refused and changes nothing, a parameter is a
//! term and never query text, SERVICE is refused unless allowed, a query stops at
//! its --timeout, and a syntax error names its line and column.

use crate::cli::{newsgraph, quads, stored_article};
use predicates::prelude::*;
use std::time::{Duration, Instant};

#[test]
fn an_update_is_refused_and_changes_nothing() {
    let (_dir, store, _file) = stored_article();
    let before = quads(&store);
    for update in [
        "DROP ALL",
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#> DELETE WHERE { ?s ng:criticizes ?o }",
        "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    ] {
        newsgraph(&store).args(["query", update]).assert().code(2).stderr(
            predicate::str::contains("this is a SPARQL UPDATE").and(predicate::str::contains("newsgraph update")),
        );
    }
    assert_eq!(before, quads(&store));
}

#[test]
fn a_hostile_parameter_is_just_a_string() {
    let (_dir, store, _file) = stored_article();
    let before = quads(&store);
    let hostile = r#"x" } ; DROP ALL ; #"#;
    let out = newsgraph(&store)
        .args(["query", "--format", "json", "SELECT ?name WHERE { }", "--param"])
        .arg(format!("name={hostile}"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["results"]["bindings"][0]["name"], serde_json::json!({"type": "literal", "value": hostile}));
    // Through a saved query too: no actor has that name, and nothing is dropped.
    newsgraph(&store)
        .args(["query", "who-supports", "--format", "csv", "--param"])
        .arg(format!("name={hostile}"))
        .assert()
        .success()
        .stdout("name,actor,label,articles\r\n");
    assert_eq!(before, quads(&store));
}

#[test]
fn service_is_refused_unless_allowed() {
    let (_dir, store, _file) = stored_article();
    let federated = "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.org/sparql> { ?s ?p ?x } } }";
    newsgraph(&store).args(["query", federated]).assert().code(2).stderr(
        predicate::str::contains("SERVICE <http://example.org/sparql>")
            .and(predicate::str::contains("--allow-service")),
    );
    // Allowed, it gets past the check (and, with no HTTP client built in, fails there).
    newsgraph(&store)
        .args(["query", "--allow-service", federated])
        .assert()
        .stderr(predicate::str::contains("--allow-service").not());
}

#[test]
fn a_query_is_cancelled_at_its_timeout() {
    let (_dir, store, _file) = stored_article();
    // A cube of the gazetteer: hours of work.
    let endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = Instant::now();
    newsgraph(&store)
        .args(["query", "--timeout", "0.5", endless])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("query cancelled: it ran past --timeout 0.5"));
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());
    newsgraph(&store).args(["query", "--timeout", "-1", endless]).assert().code(2);
}

#[test]
fn a_syntax_error_names_line_and_column() {
    let (_dir, store, _file) = stored_article();
    newsgraph(&store)
        .args(["query", "SELECT ?s\nWHERE { ?s ?p }"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SPARQL syntax error: error at 2:16: expected"));
}

#[test]
fn update_changes_the_store_and_says_what_changed() {
    let (_dir, store, _file) = stored_article();
    let criticisms = "PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?s ?o WHERE { ?s ng:criticizes ?o }";
    newsgraph(&store)
        .args(["query", "--format", "csv", criticisms])
        .assert()
        .success()
        .stdout(predicate::eq("s,o\r\n").not());
    newsgraph(&store)
        .args([
            "update",
            "PREFIX ng: <https://w3id.org/newsgraph/ontology#> DELETE WHERE { GRAPH ?g { ?s ng:criticizes ?o } }",
        ])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^ngid:article/h[0-9a-f]+: (\d+) → \d+ quads\n$").unwrap());
    newsgraph(&store).args(["query", "--format", "csv", criticisms]).assert().success().stdout("s,o\r\n");
    newsgraph(&store).args(["update", criticisms]).assert().code(2).stderr(predicate::str::contains("not an UPDATE"));
    newsgraph(&store)
        .args(["update", "INSERT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SERVICE <http://example.org/sparql>"));
    newsgraph(&store)
        .args(["update", "CLEAR SILENT GRAPH <http://example.org/none>"])
        .assert()
        .stdout("changed nothing\n");
}
