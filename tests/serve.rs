//! `newsgraph serve` queried over HTTP as a SPARQL client does: GET and POST,
//! content negotiation (JSON read back by serde_json, CSV by the csv crate, Turtle
//! by Oxigraph), the result cap, and refusals (UPDATE, bad syntax, other paths).

use crate::cli::stored_article;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};

/// A running server, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(store: &std::path::Path) -> Server {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsgraph"))
        .env_remove("NEWSGRAPH_STORE")
        .arg("--store")
        .arg(store)
        .args(["serve", "--bind", "127.0.0.1:0", "--max-results", "3"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let address = line.split("http://").nth(1).and_then(|a| a.split('/').next()).unwrap_or_default().to_string();
    assert!(address.starts_with("127.0.0.1:"), "{line}");
    Server { child, address }
}

/// One HTTP/1.0 exchange: (status, headers, body).
fn http(server: &Server, method: &str, target: &str, headers: &[&str], body: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    let mut request = format!("{method} {target} HTTP/1.0\r\nHost: {}\r\n", server.address);
    for h in headers {
        request.push_str(&format!("{h}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").expect("headers end");
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_ascii_lowercase(), response[split + 4..].to_vec())
}

fn encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

const CRITICISMS: &str = "PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?s ?o WHERE { ?s ng:criticizes ?o }";

#[test]
fn a_sparql_client_gets_results_in_the_format_it_asks_for() {
    let (_dir, store, _file) = stored_article();
    let server = start(&store);
    let target = format!("/sparql?query={}", encoded(CRITICISMS));
    let (status, head, body) = http(&server, "GET", &target, &["Accept: application/sparql-results+json"], "");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/sparql-results+json"), "{head}");
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let bindings = json["results"]["bindings"].as_array().unwrap();
    assert_eq!(bindings.len(), 1);
    assert!(bindings[0]["s"]["value"].as_str().unwrap().ends_with("country-ke"));

    let form = format!("query={}", encoded(CRITICISMS));
    let content_type = "Content-Type: application/x-www-form-urlencoded";
    let (status, head, body) = http(&server, "POST", "/sparql", &[content_type, "Accept: text/csv"], &form);
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/csv"), "{head}");
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(&body[..]).records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0][0].ends_with("country-ke"));

    let construct = CRITICISMS.replace("SELECT ?s ?o", "CONSTRUCT { ?s ng:criticizes ?o }");
    let headers = ["Content-Type: application/sparql-query", "Accept: text/turtle"];
    let (status, _, body) = http(&server, "POST", "/sparql", &headers, &construct);
    assert_eq!(status, 200);
    let triples: Vec<_> = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(&body)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(triples.len(), 1);

    // The result cap: three rows of many, said in a header.
    let all = format!("/sparql?query={}", encoded("SELECT * WHERE { ?s ?p ?o }"));
    let (status, head, body) = http(&server, "GET", &all, &["Accept: application/sparql-results+xml"], "");
    assert_eq!(status, 200);
    assert!(head.contains("x-newsgraph-truncated: true"), "{head}");
    let xml = String::from_utf8(body).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("result")).count(), 3);
}

#[test]
fn the_endpoint_is_read_only_and_says_what_is_wrong() {
    let (_dir, store, _file) = stored_article();
    let server = start(&store);
    let headers = ["Content-Type: application/sparql-update"];
    assert_eq!(http(&server, "POST", "/sparql", &headers, "DROP ALL").0, 403);
    let form = format!("update={}", encoded("DROP ALL"));
    let headers = ["Content-Type: application/x-www-form-urlencoded"];
    assert_eq!(http(&server, "POST", "/sparql", &headers, &form).0, 403);
    let drop = format!("/sparql?query={}", encoded("DROP ALL"));
    assert_eq!(http(&server, "GET", &drop, &[], "").0, 403);
    let (status, _, body) = http(&server, "GET", &format!("/sparql?query={}", encoded("SELECT WHERE {")), &[], "");
    assert_eq!(status, 400);
    assert!(String::from_utf8_lossy(&body).contains("SPARQL syntax error"));
    assert_eq!(http(&server, "GET", "/elsewhere", &[], "").0, 404);
    let target = format!("/sparql?query={}", encoded(CRITICISMS));
    assert_eq!(http(&server, "GET", &target, &["Accept: image/png"], "").0, 406);
    // Nothing was dropped.
    let (status, _, body) = http(&server, "GET", &target, &[], "");
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 1);
}

#[test]
fn the_page_and_its_json_come_from_the_server_alone() {
    let (_dir, store, _file) = stored_article();
    let server = start(&store);
    let (status, head, body) = http(&server, "GET", "/", &[], "");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"), "{head}");
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains(r#"<script src="page.js">"#) && html.contains(r#"href="page.css""#), "{html}");
    // Nothing from another host: no network for the people who use it.
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("//cdn"), "{html}");
    for (path, media) in [("/page.js", "text/javascript"), ("/page.css", "text/css")] {
        let (status, head, body) = http(&server, "GET", path, &[], "");
        assert_eq!(status, 200, "{path}");
        assert!(head.contains(&format!("content-type: {media}")), "{path}: {head}");
        assert!(!String::from_utf8(body).unwrap().contains("import "), "{path} loads no module");
    }

    let (status, _, body) = http(&server, "GET", "/queries", &[], "");
    assert_eq!(status, 200);
    let saved: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let saved = saved.as_array().unwrap();
    assert_eq!(saved.len(), newsgraph::queries::SAVED.len());
    let supports = saved.iter().find(|q| q["name"] == "who-supports").expect("who-supports listed");
    assert_eq!(supports["params"][0]["name"], "name");
    assert!(supports["text"].as_str().unwrap().contains("ng:supports"));
    assert_eq!(http(&server, "POST", "/queries", &[], "").0, 405);
}

/// `/graph` as JSON: (labels of the nodes, sorted; edges as (source label, relation,
/// target label, group, directed), sorted; whether cut short).
type Picture = (Vec<String>, Vec<(String, String, String, String, bool)>, bool);

fn graph(server: &Server, target: &str) -> Picture {
    let (status, head, body) = http(server, "GET", target, &[], "");
    assert_eq!(status, 200, "{target}: {}", String::from_utf8_lossy(&body));
    assert!(head.contains("content-type: application/json"), "{head}");
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let label =
        |i: &serde_json::Value| json["nodes"][i.as_u64().unwrap() as usize]["label"].as_str().unwrap().to_string();
    let mut nodes: Vec<String> =
        json["nodes"].as_array().unwrap().iter().map(|n| n["label"].as_str().unwrap().into()).collect();
    nodes.sort();
    let mut edges: Vec<_> = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap().to_string();
            (
                label(&e["source"]),
                text("relation"),
                label(&e["target"]),
                text("group"),
                e["directed"].as_bool().unwrap(),
            )
        })
        .collect();
    edges.sort();
    (nodes, edges, head.contains("x-newsgraph-truncated: true"))
}

/// Whom the actor named `?name` meets.
const MEETS: &str = "SELECT ?name ?other WHERE {
  ?p <http://www.w3.org/2000/01/rdf-schema#label> ?l ; <https://w3id.org/newsgraph/ontology#meetsWith> ?other .
  FILTER(lcase(str(?l)) = lcase(?name)) }";

#[test]
fn the_actor_graph_as_json_whole_capped_or_named_by_a_query() {
    let (_dir, store, _file) = stored_article();
    let server = start(&store);
    // The whole graph, at most three edges (the server's cap here), said in a header.
    let (_, edges, cut) = graph(&server, "/graph");
    assert!(edges.len() <= 3, "{edges:?}");
    let uncapped = {
        let out = crate::cli::newsgraph(&store).args(["export", "--format", "graphml"]).output().unwrap();
        String::from_utf8(out.stdout).unwrap().matches("<edge ").count()
    };
    assert_eq!(cut, uncapped > 3, "{uncapped} edges in all");

    let criticism =
        ("Quénia".to_string(), "criticizes".to_string(), "Somália".to_string(), "conflict".to_string(), true);
    let (nodes, edges, cut) = graph(&server, &format!("/graph?query={}", encoded(CRITICISMS)));
    assert_eq!(nodes, ["Quénia", "Somália"]);
    assert_eq!(edges, std::slice::from_ref(&criticism));
    assert!(!cut);

    // A saved query by name, its parameter bound as a term; the entity is named by a
    // literal (its name), not its IRI.
    let named = "/graph?query=partners-and-adversaries&param=name%3DSom%C3%A1lia";
    let (nodes, edges, _) = graph(&server, named);
    assert_eq!(nodes, ["Quénia", "Somália"]);
    assert_eq!(edges, [criticism]);
    let meeting = format!("/graph?query={}&param=name%3DAbiy%20Ahmed", encoded(MEETS));
    let (nodes, edges, _) = graph(&server, &meeting);
    assert_eq!(nodes.len(), 2, "{nodes:?}");
    assert_eq!(edges.len(), 1, "{edges:?}");
    assert_eq!((&edges[0].1[..], &edges[0].3[..], edges[0].4), ("meetsWith", "cooperation", false));

    // Refusals as for /sparql.
    assert_eq!(http(&server, "GET", &format!("/graph?query={}", encoded("DROP ALL")), &[], "").0, 403);
    assert_eq!(http(&server, "GET", &format!("/graph?query={}", encoded("SELECT WHERE {")), &[], "").0, 400);
}

#[test]
fn sparql_takes_parameters_bound_as_terms() {
    let (_dir, store, _file) = stored_article();
    let server = start(&store);
    let query = "SELECT ?name ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(lcase(str(?l)) = lcase(?name)) }";
    let form = format!("query={}&param={}", encoded(query), encoded("name=Somália"));
    let headers = ["Content-Type: application/x-www-form-urlencoded", "Accept: application/sparql-results+json"];
    let (status, _, body) = http(&server, "POST", "/sparql", &headers, &form);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let bindings = json["results"]["bindings"].as_array().unwrap();
    assert!(!bindings.is_empty());
    assert!(bindings.iter().all(|b| b["e"]["value"].as_str().unwrap().ends_with("country-so")), "{bindings:?}");
    // A hostile value is only a string: nothing matches, nothing breaks.
    let form = format!("query={}&param={}", encoded(query), encoded(r#"name=x" } ; DROP ALL ; #"#));
    let (status, _, body) = http(&server, "POST", "/sparql", &headers, &form);
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 0);
    let form = format!("query={}&param=no-equals", encoded(query));
    assert_eq!(http(&server, "POST", "/sparql", &headers, &form).0, 400);
}
