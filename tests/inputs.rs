//! HTML pages and gzip-compressed files read as a user gives them: the page's
//! article, title and metadata reach the stored RDF (read back with Oxigraph's
//! parser), navigation and scripts do not, and `.gz` files of each kind (and gzip
//! on standard input) read as their uncompressed selves.

use assert_cmd::Command;
use flate2::write::GzEncoder;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Quad;
use std::io::Write;

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="pt"><head>
<meta charset="utf-8"><title>Jornal de Teste | Mundo</title>
<meta property="og:title" content="Quénia condena a Somália">
<meta property="article:published_time" content="2025-05-03T10:00:00+01:00">
<link rel="canonical" href="https://example.org/mundo/quenia-somalia">
<script>document.write("A França atacou a Alemanha.")</script>
<style>.x { content: "A Rússia apoia a China." }</style>
</head><body>
<header><nav><a href="/">Início</a> · <a href="/p">Portugal condenou Espanha.</a></nav></header>
<main><article>
<h1>Quénia condena a Somália</h1>
<p>O Quénia condenou a Somália na terça-feira.</p>
<p>O presidente queniano, William Ruto, reuniu-se com o primeiro-ministro etíope, Abiy Ahmed.</p>
</article></main>
<aside><p>Mais lidas: o Brasil criticou a Argentina.</p></aside>
<footer><p>© 2025 Jornal de Teste. A Itália sancionou a Grécia.</p></footer>
</body></html>"#;

fn extract(args: &[&str], stdin: Option<Vec<u8>>) -> Vec<Quad> {
    let mut cmd = Command::cargo_bin("newsgraph").expect("binary built");
    cmd.args(["extract", "--format", "nquads"]).args(args);
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes);
    }
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    RdfParser::from_format(RdfFormat::NQuads).for_slice(&out.stdout).collect::<Result<_, _>>().expect("valid N-Quads")
}

/// The object of the first quad with this predicate, as written in N-Triples.
fn value(quads: &[Quad], predicate: &str) -> Option<String> {
    quads.iter().find(|q| q.predicate.as_str() == predicate).map(|q| q.object.to_string())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn an_html_page_gives_its_article_title_date_url_and_language() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, PAGE).unwrap();
    let quads = extract(&[page.to_str().unwrap()], None);
    assert_eq!(value(&quads, "https://schema.org/headline").as_deref(), Some("\"Quénia condena a Somália\"@pt"));
    assert_eq!(
        value(&quads, "https://schema.org/datePublished").as_deref(),
        Some("\"2025-05-03\"^^<http://www.w3.org/2001/XMLSchema#date>")
    );
    assert_eq!(
        value(&quads, "https://schema.org/url").as_deref(),
        Some("\"https://example.org/mundo/quenia-somalia\"")
    );
    assert_eq!(value(&quads, "https://schema.org/inLanguage").as_deref(), Some("\"pt\""));
    let evidence: Vec<String> = quads
        .iter()
        .filter(|q| q.predicate.as_str() == newsgraph::vocab::iri::NG_EVIDENCE)
        .map(|q| q.object.to_string())
        .collect();
    assert!(evidence.iter().any(|e| e.contains("O Quénia condenou a Somália")), "{evidence:?}");
    // Scripts, styles, navigation, asides and footers are not text.
    let all: String = quads.iter().map(|q| q.to_string()).collect();
    for absent in ["França", "Rússia", "Portugal", "Brasil", "Itália", "Início"] {
        assert!(!all.contains(absent), "{absent} read from outside the article");
    }
    assert!(quads.iter().any(|q| q.predicate.as_str() == format!("{}criticizes", newsgraph::vocab::NG)));
}

#[test]
fn the_command_line_wins_over_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.htm");
    std::fs::write(&page, PAGE).unwrap();
    let quads =
        extract(&["--published", "2025-06-01", "--url", "https://example.org/other", page.to_str().unwrap()], None);
    assert_eq!(
        value(&quads, "https://schema.org/datePublished").as_deref(),
        Some("\"2025-06-01\"^^<http://www.w3.org/2001/XMLSchema#date>")
    );
    assert_eq!(value(&quads, "https://schema.org/url").as_deref(), Some("\"https://example.org/other\""));
}

#[test]
fn a_page_without_article_text_is_refused_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("empty.html");
    std::fs::write(
        &page,
        "<html><head><title>Só título</title><script>x()</script></head><body><nav>Menu</nav></body></html>",
    )
    .unwrap();
    Command::cargo_bin("newsgraph")
        .unwrap()
        .args(["extract"])
        .arg(&page)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("empty.html: no article text in the page"));
}

#[test]
fn gzip_files_of_each_kind_and_gzip_on_stdin_read_as_uncompressed() {
    let dir = tempfile::tempdir().unwrap();
    let text = "O Quénia condenou a Somália na terça-feira.\n";
    std::fs::write(dir.path().join("a.txt.gz"), gzip(text.as_bytes())).unwrap();
    std::fs::write(dir.path().join("b.html.gz"), gzip(PAGE.as_bytes())).unwrap();
    let lines = "{\"id\": \"j1\", \"text\": \"O Quénia condenou a Somália.\", \"lang\": \"pt\"}\n";
    std::fs::write(dir.path().join("c.jsonl.gz"), gzip(lines.as_bytes())).unwrap();
    std::fs::write(dir.path().join("ignored.gz"), gzip(b"not an article")).unwrap();
    let quads = extract(&["--lang", "pt", dir.path().to_str().unwrap()], None);
    let articles = quads.iter().filter(|q| q.object.to_string() == "<https://schema.org/NewsArticle>").count();
    assert_eq!(articles, 3, "a.txt.gz, b.html.gz, c.jsonl.gz and not ignored.gz");
    let criticisms =
        quads.iter().filter(|q| q.predicate.as_str() == format!("{}criticizes", newsgraph::vocab::NG)).count();
    assert_eq!(criticisms, 3);
    // Standard input: gzip by its magic number, then HTML by its doctype.
    let quads = extract(&["-"], Some(gzip(PAGE.as_bytes())));
    assert_eq!(value(&quads, "https://schema.org/headline").as_deref(), Some("\"Quénia condena a Somália\"@pt"));
}

#[test]
fn a_corrupt_gzip_file_is_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = gzip(b"O Quenia condenou a Somalia.");
    bad.truncate(12);
    std::fs::write(dir.path().join("bad.txt.gz"), bad).unwrap();
    std::fs::write(dir.path().join("good.txt"), "O Quénia condenou a Somália.").unwrap();
    Command::cargo_bin("newsgraph")
        .unwrap()
        .args(["extract", "--lang", "pt"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("bad.txt.gz"))
        .stdout(predicates::str::contains("criticizes"));
}

#[test]
fn extract_json_gives_mentions_with_character_offsets_and_statements_with_evidence() {
    let text = "Quénia e Somália\n\nNairobi, 3 de maio de 2025 – O Quénia condenou a Somália na terça-feira.\n";
    let out = Command::cargo_bin("newsgraph")
        .unwrap()
        .args(["extract", "--format", "json", "--lang", "pt", "-"])
        .write_stdin(format!("{text}{text}"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "one article, one JSON line");
    let json = &lines[0];
    assert_eq!(json["lang"], "pt");
    assert_eq!(json["published"], "2025-05-03");
    let chars: Vec<char> = json["text"].as_str().unwrap().chars().collect();
    let slice = |v: &serde_json::Value| -> String {
        chars[v["start"].as_u64().unwrap() as usize..v["end"].as_u64().unwrap() as usize].iter().collect()
    };
    let entities = json["entities"].as_array().unwrap();
    let mentions = json["mentions"].as_array().unwrap();
    assert!(!mentions.is_empty());
    for mention in mentions {
        // Offsets count characters: "Quénia" has a two-byte é.
        assert_eq!(slice(mention), mention["text"].as_str().unwrap(), "{mention}");
        if let Some(e) = mention["entity"].as_u64() {
            assert_eq!(mention["type"], entities[e as usize]["type"]);
        }
    }
    let kenya = entities.iter().find(|e| e["iri"].as_str().unwrap().ends_with("country-ke")).expect("Kenya");
    assert_eq!(kenya["type"], "Country");
    let statements = json["statements"].as_array().unwrap();
    let criticism = statements.iter().find(|s| s["relation"] == "criticizes").expect("a criticism");
    assert_eq!(entities[criticism["subject"].as_u64().unwrap() as usize]["id"], kenya["id"]);
    assert_eq!(
        (&criticism["polarity"], &criticism["modality"], &criticism["cameo"]),
        (&"positive".into(), &"asserted".into(), &"111".into())
    );
    let evidence = &criticism["evidence"];
    assert_eq!(slice(evidence), evidence["text"].as_str().unwrap());
    assert!(evidence["text"].as_str().unwrap().contains("O Quénia condenou a Somália"));
}
