//! Crash safety and concurrent use, with real processes: an ingest killed with
//! SIGKILL at several moments leaves each article's graph whole or absent, and the
//! same ingest run again ends with exactly the quads of a clean run; a query or a
//! second ingest while an ingest holds the store says "busy" in one line, and the store
//! answers after it.
//! Kills at moments of a clean run's length may fall before the first article, so
//! one crash is injected mid-batch (`NEWSGRAPH_FAULT=abort-after:N`).

use crate::cli::quads;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const COUNTRIES: &[&str] = &[
    "Portugal",
    "Espanha",
    "França",
    "Alemanha",
    "Brasil",
    "Chile",
    "Peru",
    "Angola",
    "Moçambique",
    "Itália",
    "Grécia",
    "Marrocos",
    "Argentina",
    "Canadá",
];

/// `n` small Portuguese articles, each with its own facts, in `dir/articles`.
fn write_articles(dir: &Path, n: usize) -> PathBuf {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let name = |i: usize| COUNTRIES[i % COUNTRIES.len()];
    for i in 0..n {
        let (a, b, c) = (name(i), name(i / COUNTRIES.len() + i + 1), name(i * 3 + 2));
        let text = format!(
            "{a} critica {b}\n\nLisboa, {day} de março de 2025 – {a} criticou {b} na terça-feira. \
             O governo de {c} apoiou {a} e reuniu-se com {b}. Nota {i}.\n",
            day = i % 28 + 1
        );
        std::fs::write(articles.join(format!("{i:04}.txt")), text).unwrap();
    }
    articles
}

/// An ingest of the articles, with a fault injected if given.
fn spawn_ingest(store: &Path, articles: &Path, fault: Option<&str>) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    match fault {
        Some(fault) => command.env("NEWSGRAPH_FAULT", fault),
        None => command.env_remove("NEWSGRAPH_FAULT"),
    };
    command
        .env_remove("NEWSGRAPH_STORE")
        .arg("--store")
        .arg(store)
        .args(["ingest", "--quiet", "--lang", "pt", "--batch", "10"])
        .arg(articles)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The store's quads by graph.
fn graphs(store: &Path) -> HashMap<GraphName, HashSet<Quad>> {
    let out = crate::cli::newsgraph(store).args(["export", "--format", "nquads"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut graphs: HashMap<GraphName, HashSet<Quad>> = HashMap::new();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(&out.stdout) {
        let quad = quad.expect("the export parses");
        graphs.entry(quad.graph_name.clone()).or_default().insert(quad);
    }
    graphs
}

/// Runs an ingest to its end.
fn ingest_fully(store: &Path, articles: &Path) {
    let out = spawn_ingest(store, articles, None).wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_ingest_killed_at_any_moment_loses_nothing_on_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let articles = write_articles(dir.path(), 200);
    let clean_store = dir.path().join("clean");
    let started = Instant::now();
    ingest_fully(&clean_store, &articles);
    let clean_time = started.elapsed();
    let clean_graphs = graphs(&clean_store);
    let full = clean_graphs.len();
    assert!(full > 200, "one graph per article and the background, not {full}");

    // A crash surely in mid-batch, after 60 articles, then SIGKILL at moments of a
    // run (start-up, extraction, writing).
    let store = dir.path().join("killed");
    let mut partial = 0;
    for moment in [None].into_iter().chain([0.3, 0.6, 0.8, 0.95].map(|f| Some(clean_time.mul_f64(f)))) {
        let mut ingest = spawn_ingest(&store, &articles, moment.is_none().then_some("abort-after:60"));
        match moment {
            Some(moment) => {
                std::thread::sleep(moment);
                ingest.kill().unwrap(); // SIGKILL
                ingest.wait().unwrap();
            }
            None => assert!(!ingest.wait().unwrap().success(), "the ingest did not crash"),
        }
        if !store.exists() {
            continue;
        }
        let killed = graphs(&store);
        // The summary may hold partial counts the kill left unfolded: its counts must
        // be those of the articles stored, not the clean run's.
        let summary = GraphName::NamedNode(newsgraph::rdf::summary_graph());
        let opened = newsgraph::store::GraphStore::open_read_only(&store).unwrap();
        assert_eq!(
            crate::summary::summary_counts(&opened),
            crate::summary::recount(&opened),
            "after a kill at {moment:?}"
        );
        drop(opened);
        for (graph, quads) in killed.iter().filter(|(graph, _)| **graph != summary) {
            assert_eq!(Some(quads), clean_graphs.get(graph), "graph {graph} is not whole after a kill at {moment:?}");
        }
        partial += usize::from((3..full).contains(&killed.len()));
    }
    assert!(partial > 0, "no crash fell while articles were being written");
    ingest_fully(&store, &articles);
    assert!(quads(&store) == quads(&clean_store), "the store after kills and a re-run differs from a clean run");
}

#[test]
fn a_query_or_a_second_ingest_during_an_ingest_answers_or_says_busy() {
    let dir = tempfile::tempdir().unwrap();
    let articles = write_articles(dir.path(), 200);
    let store = dir.path().join("s");
    let mut ingest = spawn_ingest(&store, &articles, None);
    let deadline = Instant::now() + Duration::from_secs(60);
    // CURRENT, not LOCK: RocksDB takes its lock before it writes CURRENT, and a query
    // in between is rightly told there is no store yet (seen on a loaded machine).
    while !store.join("CURRENT").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut overlapped = 0;
    while ingest.try_wait().unwrap().is_none() && Instant::now() < deadline {
        let count = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }";
        for args in [vec!["query", "--format", "csv", count], vec!["ingest", "--lang", "pt", "-"]] {
            let out = crate::cli::newsgraph(&store).args(&args).write_stdin("Chile criticou o Peru.").output().unwrap();
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert!(!stderr.contains("LOCK") && !stderr.contains("IO error"), "raw RocksDB message: {stderr}");
            if !out.status.success() {
                assert_eq!(out.status.code(), Some(2), "{stderr}");
                assert_eq!(stderr.lines().count(), 1, "{stderr}");
                assert!(stderr.contains("is busy"), "{stderr}");
            }
        }
        overlapped += 1;
    }
    let done = ingest.wait_with_output().unwrap();
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert!(overlapped > 0, "the ingest ended before anything overlapped it");
    // While the ingest writes, a query is told the store is busy (RocksDB's read-only
    // opening was seen to race with the bulk loader); after it, the store answers.
    let out = crate::cli::newsgraph(&store)
        .args(["query", "--format", "csv", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_store_still_being_created_is_busy_not_missing() {
    // An ingest creating a store holds newsgraph's lock before RocksDB writes CURRENT;
    // a query in that window was told there is no store.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    std::fs::create_dir(&store).unwrap();
    let lock = std::fs::File::create(store.join(newsgraph::store::LOCK_FILE)).unwrap();
    lock.try_lock().unwrap();
    let out = crate::cli::newsgraph(&store).args(["query", "leaders"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is busy"), "{stderr}");
    drop(lock);
    let out = crate::cli::newsgraph(&store).args(["query", "leaders"]).output().unwrap();
    assert!(String::from_utf8(out.stderr).unwrap().contains("is not a newsgraph store"));
}
