//! Every export format read back by an independent parser: RDF syntaxes by
//! Oxigraph's parsers (the same quads as N-Quads), the GDELT-style TSV by the csv
//! crate, GraphML by roxmltree, DOT by Graphviz (`dot -Tjson`); SELECT results in
//! each W3C results format by csv, serde_json and roxmltree; and CONSTRUCT results in
//! every RDF syntax.

use crate::cli::newsgraph;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};
use std::collections::BTreeSet;

const PT: &str = "Quénia e Etiópia\n\nNairobi, 3 de maio de 2025 – O Quénia condenou a Somália na terça-feira. O presidente queniano, William Ruto, reuniu-se com o primeiro-ministro etíope, Abiy Ahmed.\n";
const EN: &str = "Germany sends troops\n\nBERLIN, June 3, 2024 – Germany sent troops to Lithuania in \"a historic step\",\tthe minister said.\n";

/// A store with the two articles.
fn store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    std::fs::write(dir.path().join("pt.txt"), PT).unwrap();
    std::fs::write(dir.path().join("en.txt"), EN).unwrap();
    newsgraph(&store).arg("ingest").arg(dir.path().join("pt.txt")).arg(dir.path().join("en.txt")).assert().success();
    (dir, store)
}

fn run(store: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let out = newsgraph(store).args(args).output().expect("runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn parse(format: RdfFormat, bytes: &[u8]) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{format} does not parse: {e}"))
}

/// The triples without blank nodes (blank node labels are the parser's own), as
/// N-Triples lines; with their graph when `graphs`.
fn ground(quads: &[Quad], graphs: bool) -> BTreeSet<String> {
    quads
        .iter()
        .filter(|q| !q.subject.is_blank_node() && !matches!(q.object, Term::BlankNode(_)))
        .map(|q| if graphs { q.to_string() } else { format!("{} {} {}", q.subject, q.predicate, q.object) })
        .collect()
}

#[test]
fn every_rdf_syntax_reads_back_as_the_same_quads() {
    let (_dir, store) = store();
    let nquads = parse(RdfFormat::NQuads, &run(&store, &["export", "--format", "nquads"]));
    assert!(nquads.len() > 1000, "background and articles");
    let jsonld = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };
    for (name, format) in [
        ("trig", RdfFormat::TriG),
        ("jsonld", jsonld),
        ("turtle", RdfFormat::Turtle),
        ("ntriples", RdfFormat::NTriples),
        ("rdfxml", RdfFormat::RdfXml),
    ] {
        let quads = parse(format, &run(&store, &["export", "--format", name]));
        let graphs = format.supports_datasets();
        assert_eq!(ground(&quads, graphs), ground(&nquads, graphs), "{name}");
        let blank = |qs: &[Quad]| qs.iter().filter(|q| q.subject.is_blank_node()).count();
        if graphs {
            assert_eq!(quads.len(), nquads.len(), "{name}");
            assert_eq!(blank(&quads), blank(&nquads), "{name}");
        }
    }
}

#[test]
fn construct_results_in_every_rdf_syntax() {
    let (_dir, store) = store();
    let construct = "PREFIX ng: <https://w3id.org/newsgraph/ontology#> CONSTRUCT { ?s ng:criticizes ?o } WHERE { ?s ng:criticizes ?o }";
    let jsonld = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };
    for (name, format) in [
        ("turtle", RdfFormat::Turtle),
        ("ntriples", RdfFormat::NTriples),
        ("nquads", RdfFormat::NQuads),
        ("trig", RdfFormat::TriG),
        ("rdfxml", RdfFormat::RdfXml),
        ("jsonld", jsonld),
    ] {
        let quads = parse(format, &run(&store, &["query", "--format", name, construct]));
        assert_eq!(quads.len(), 1, "{name}");
        assert!(quads[0].subject.to_string().ends_with("country-ke>"), "{name}: {}", quads[0]);
        assert!(quads[0].object.to_string().ends_with("country-so>"), "{name}: {}", quads[0]);
    }
    let select = "SELECT * WHERE { ?s ?p ?o } LIMIT 1";
    let out = newsgraph(&store).args(["query", "--format", "rdfxml", select]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format rdfxml is for CONSTRUCT and DESCRIBE"));
}

#[test]
fn gdelt_events_read_back_with_the_csv_crate() {
    let (_dir, store) = store();
    let tsv = run(&store, &["export", "--format", "gdelt"]);
    let mut reader = csv::ReaderBuilder::new().delimiter(b'\t').from_reader(&tsv[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, newsgraph::exports::EVENT_COLUMNS);
    let rows: Vec<std::collections::HashMap<String, String>> =
        reader.deserialize().collect::<Result<_, _>>().expect("every row has every column");
    let row = |relation: &str| {
        rows.iter().find(|r| r["relation"] == relation).unwrap_or_else(|| panic!("no {relation} in {rows:?}"))
    };
    let criticism = row("criticizes");
    assert_eq!(
        (&criticism["actor1_country"][..], &criticism["cameo"][..], &criticism["goldstein"][..]),
        ("KEN", "111", "-2")
    );
    assert_eq!(criticism["actor2_country"], "SOM");
    assert_eq!((&criticism["polarity"][..], &criticism["modality"][..]), ("positive", "asserted"));
    assert_eq!(criticism["article_date"], "2025-05-03");
    assert!(criticism["article"].starts_with(newsgraph::vocab::NGID));
    assert!(criticism["evidence"].contains("condenou a Somália"));
    let troops = row("sendsTroopsTo");
    assert_eq!((&troops["actor1_country"][..], &troops["actor2_country"][..]), ("DEU", "LTU"));
    assert_eq!(troops["goldstein"], "8.3");
    // The sentence's tab and quotes survive the round trip.
    assert!(troops["evidence"].contains("in \"a historic step\",\tthe minister"), "{}", troops["evidence"]);
}

#[test]
fn the_actor_graph_as_graphml_and_dot() {
    let (_dir, store) = store();
    let graphml = String::from_utf8(run(&store, &["export", "--format", "graphml"])).unwrap();
    let doc = roxmltree::Document::parse(&graphml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some("http://graphml.graphdrawing.org/xmlns"));
    let data = |node: roxmltree::Node, key: &str| {
        node.children().find(|d| d.attribute("key") == Some(key)).and_then(|d| d.text()).unwrap_or("").to_string()
    };
    let nodes: Vec<roxmltree::Node> = root.descendants().filter(|n| n.has_tag_name("node")).collect();
    let label_of = |id: &str| {
        data(*nodes.iter().find(|n| n.attribute("id") == Some(id)).expect("edge ends declared"), "node_label")
    };
    let edges: Vec<(String, String, String, String, String)> = root
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|e| {
            (
                label_of(e.attribute("source").unwrap()),
                data(e, "edge_relation"),
                label_of(e.attribute("target").unwrap()),
                data(e, "edge_kind"),
                e.attribute("directed").unwrap().to_string(),
            )
        })
        .collect();
    let has = |s: &str, r: &str, o: &str, kind: &str, directed: &str| {
        edges.iter().any(|e| (&e.0[..], &e.1[..], &e.2[..], &e.3[..], &e.4[..]) == (s, r, o, kind, directed))
    };
    assert!(
        has("Quénia", "criticizes", "Somália", "conflict", "true")
            || has("Kenya", "criticizes", "Somalia", "conflict", "true"),
        "{edges:?}"
    );
    assert!(edges.iter().any(|e| e.1 == "sendsTroopsTo" && e.3 == "cooperation"), "{edges:?}");
    // A meeting is one undirected edge, not two.
    let meetings: Vec<_> = edges.iter().filter(|e| e.1 == "meetsWith").collect();
    assert_eq!(meetings.len(), 1, "{edges:?}");
    assert_eq!(meetings[0].4, "false");

    let dot = String::from_utf8(run(&store, &["export", "--format", "dot"])).unwrap();
    assert!(dot.starts_with("digraph newsgraph {\n") && dot.ends_with("}\n"), "{dot}");
    let declared: BTreeSet<&str> = dot
        .lines()
        .filter(|l| l.contains(" [label=") && !l.contains("->"))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let edge_lines: Vec<&str> = dot.lines().filter(|l| l.contains(" -> ")).collect();
    assert_eq!(declared.len(), nodes.len());
    assert_eq!(edge_lines.len(), edges.len());
    for line in &edge_lines {
        let mut words = line.split_whitespace();
        let (from, _, to) = (words.next().unwrap(), words.next(), words.next().unwrap());
        assert!(declared.contains(from) && declared.contains(to), "{line}");
        assert_eq!(line.matches('"').count() % 2, 0, "{line}");
        assert!(line.ends_with("];"), "{line}");
    }
    assert!(edge_lines.iter().any(|l| l.contains("relation=\"criticizes\"") && l.contains("color=\"#d73027\"")));
    assert!(edge_lines.iter().any(|l| l.contains("relation=\"meetsWith\"") && l.contains("dir=none")));
}

#[test]
fn the_actor_graph_cut_to_what_a_query_names() {
    let (_dir, store) = store();
    // A saved query with its parameter: Somalia's partners and adversaries name Kenya
    // and Somalia (by their names, literals), so only they and their relation remain.
    let args = ["export", "--format", "graphml", "--query", "partners-and-adversaries", "--param", "name=Somália"];
    let graphml = String::from_utf8(run(&store, &args)).unwrap();
    let doc = roxmltree::Document::parse(&graphml).expect("well-formed XML");
    let mut labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("data") && n.attribute("key") == Some("node_label"))
        .filter_map(|n| n.text())
        .collect();
    labels.sort();
    assert_eq!(labels, ["Quénia", "Somália"]);
    let relations: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("data") && n.attribute("key") == Some("edge_relation"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(relations, ["criticizes"]);

    // SPARQL text naming IRIs, as DOT: Germany and Lithuania and the troops between them.
    let troops = "PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?s ?o WHERE { ?s ng:sendsTroopsTo ?o }";
    let dot = String::from_utf8(run(&store, &["export", "--format", "dot", "--query", troops])).unwrap();
    let nodes = dot.lines().filter(|l| l.contains(" [label=") && !l.contains("->")).count();
    let edges: Vec<&str> = dot.lines().filter(|l| l.contains(" -> ")).collect();
    assert_eq!(nodes, 2, "{dot}");
    assert_eq!(edges.len(), 1, "{dot}");
    assert!(edges[0].contains("relation=\"sendsTroopsTo\"") && edges[0].contains("kind=cooperation"), "{dot}");

    // A query naming nothing in the graph leaves an empty graph, still valid.
    let none = "SELECT ?x WHERE { VALUES ?x { \"nobody at all\" } }";
    let dot = String::from_utf8(run(&store, &["export", "--format", "dot", "--query", none])).unwrap();
    assert_eq!(dot.lines().filter(|l| l.contains(" [label=")).count(), 0, "{dot}");

    let out = newsgraph(&store).args(["export", "--format", "nquads", "--query", "leaders"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--query filters the actor graph"));
    let out = newsgraph(&store).args(["export", "--format", "dot", "--query", "who-supports"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs --param name=VALUE"));
}

#[test]
fn dot_reads_back_with_graphviz() {
    // Graphviz's own parser (`dot -Tjson`, installed by .ci/run) reads the DOT export
    // as the graph GraphML describes: the same nodes, the same edges.
    let (_dir, store) = store();
    let dot_text = run(&store, &["export", "--format", "dot"]);
    let graphml = String::from_utf8(run(&store, &["export", "--format", "graphml"])).unwrap();
    let child = std::process::Command::new("dot")
        .arg("-Tjson")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        assert!(std::env::var_os("CI").is_none(), "CI installs graphviz");
        eprintln!("graphviz's dot is missing: DOT not read back");
        return;
    };
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&dot_text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "dot rejects the export: {}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("dot -Tjson gives JSON");
    let doc = roxmltree::Document::parse(&graphml).unwrap();
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    let objects = json["objects"].as_array().unwrap();
    let edges = json["edges"].as_array().unwrap();
    assert_eq!(objects.len(), count("node"));
    assert_eq!(edges.len(), count("edge"));
    let labels: BTreeSet<&str> = objects.iter().filter_map(|o| o["label"].as_str()).collect();
    assert!(labels.contains("Germany") && labels.contains("Lithuania"), "{labels:?}");
    let troops = edges.iter().find(|e| e["relation"] == "sendsTroopsTo").expect("the troops edge");
    assert_eq!((&troops["kind"], &troops["color"]), (&serde_json::json!("cooperation"), &serde_json::json!("#1a9850")));
}

#[test]
fn select_results_read_back_in_every_results_format() {
    // The W3C results formats of `query`, each read by its own parser, give the same rows.
    let (_dir, store) = store();
    let select = "PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?s ?o WHERE { ?s ng:criticizes|ng:sendsTroopsTo ?o } ORDER BY ?s";
    let strip = |v: &str| v.trim_start_matches('<').trim_end_matches('>').to_string();
    let csv_rows = |bytes: Vec<u8>, delimiter: u8| -> Vec<(String, String)> {
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(&bytes[..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        assert!(header == ["s", "o"] || header == ["?s", "?o"], "{header:?}");
        reader.records().map(|r| r.unwrap()).map(|r| (strip(&r[0]), strip(&r[1]))).collect()
    };
    let csv = csv_rows(run(&store, &["query", "--format", "csv", select]), b',');
    let tsv = csv_rows(run(&store, &["query", "--format", "tsv", select]), b'\t');
    let json: serde_json::Value = serde_json::from_slice(&run(&store, &["query", "--format", "json", select])).unwrap();
    let json: Vec<(String, String)> = json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["s"]["value"].as_str().unwrap().to_string(), b["o"]["value"].as_str().unwrap().to_string()))
        .collect();
    let xml = String::from_utf8(run(&store, &["query", "--format", "xml", select])).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let value = |result: roxmltree::Node, name: &str| {
        let binding = result.children().find(|b| b.attribute("name") == Some(name)).unwrap();
        binding.descendants().find(|u| u.has_tag_name("uri")).and_then(|u| u.text()).unwrap().to_string()
    };
    let xml: Vec<(String, String)> =
        doc.descendants().filter(|n| n.has_tag_name("result")).map(|r| (value(r, "s"), value(r, "o"))).collect();
    assert_eq!(csv.len(), 2, "{csv:?}");
    assert_eq!(tsv, csv);
    assert_eq!(json, csv);
    assert_eq!(xml, csv);
}

#[test]
fn extract_output_reads_back_as_rdf() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pt.txt");
    std::fs::write(&file, PT).unwrap();
    let store = dir.path().join("unused");
    let trig = parse(RdfFormat::TriG, &run(&store, &["extract", "--format", "turtle", file.to_str().unwrap()]));
    let nquads = parse(RdfFormat::NQuads, &run(&store, &["extract", "--format", "nquads", file.to_str().unwrap()]));
    assert!(nquads.len() > 10);
    assert_eq!(ground(&trig, true), ground(&nquads, true));
}
