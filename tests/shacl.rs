//! SHACL: whatever an article says, its graph conforms to `ontology/shapes.ttl`, as
//! pySHACL (an independent validator, `pip install pyshacl`) reads it. Proptest
//! builds articles from what the extractor acts on (gazetteer names, titles, cue
//! words, negation and hedges, dates, attributions) mixed with arbitrary Unicode and
//! dates at the calendar's ends; each article's graph, with the ontology beside it and
//! nothing else, must conform. A store's union of graphs (the bundled examples
//! ingested and exported, the gazetteer included) must conform too. And so that the
//! check can fail: a graph broken in each way the shapes forbid is reported.

use crate::extraction::extractor;
use newsgraph::date::Date;
use newsgraph::input::{Article, Lang};
use newsgraph::vocab::iri;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{NamedOrBlankNode, Quad, Term, Triple};
use proptest::prelude::*;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::process::Command;

const SHAPES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/shapes.ttl");
const SH: &str = "http://www.w3.org/ns/shacl#";

/// One result of a pySHACL report.
#[derive(Debug)]
struct Violation {
    focus: String,
    path: String,
    component: String,
    message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let component = self.component.trim_start_matches(SH);
        write!(f, "{} {}: {component}: {}", self.focus, self.path, self.message)
    }
}

/// The violations pySHACL finds in a graph (N-Triples) against the shapes.
fn violations(ntriples: &[u8]) -> Vec<Violation> {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.nt");
    std::fs::write(&data, ntriples).unwrap();
    let out = Command::new("python3")
        .args(["-m", "pyshacl", "--shacl", SHAPES, "-sf", "turtle", "-df", "nt", "--format", "nt"])
        .arg(&data)
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("No module named pyshacl"), "pySHACL is needed: pip install pyshacl");
    assert!(matches!(out.status.code(), Some(0 | 1)), "pySHACL failed: {stderr}");
    let report = report_results(&out.stdout);
    assert_eq!(out.status.code() == Some(0), report.is_empty(), "pySHACL's exit code and report disagree");
    report
}

/// The results of a validation report (N-Triples).
fn report_results(report: &[u8]) -> Vec<Violation> {
    let mut by_node: HashMap<NamedOrBlankNode, HashMap<String, String>> = HashMap::new();
    for triple in RdfParser::from_format(RdfFormat::NTriples).for_slice(report) {
        let triple = triple.expect("pySHACL writes N-Triples");
        let value = match &triple.object {
            Term::Literal(l) => l.value().to_string(),
            Term::NamedNode(n) => n.as_str().to_string(),
            other => other.to_string(),
        };
        by_node.entry(triple.subject).or_default().insert(triple.predicate.into_string(), value);
    }
    let field = |fields: &HashMap<String, String>, name: &str| fields.get(&format!("{SH}{name}")).cloned();
    by_node
        .values()
        .filter(|fields| fields.get(iri::RDF_TYPE).is_some_and(|t| *t == format!("{SH}ValidationResult")))
        .map(|fields| Violation {
            focus: field(fields, "focusNode").unwrap_or_default(),
            path: field(fields, "resultPath").unwrap_or_default(),
            component: field(fields, "sourceConstraintComponent").unwrap_or_default(),
            message: field(fields, "resultMessage").unwrap_or_default(),
        })
        .collect()
}

/// Quads as N-Triples (graph names dropped: the union of the graphs), with the
/// ontology, which `sh:class` needs (a country is a place).
fn with_ontology(quads: &[Quad]) -> Vec<u8> {
    let ontology = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(newsgraph::ontology::FILES[0].1.as_bytes())
        .map(|q| Triple::from(q.expect("the ontology parses")));
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for triple in quads.iter().cloned().map(Triple::from).chain(ontology) {
        serializer.serialize_triple(&triple).unwrap();
    }
    serializer.finish().unwrap()
}

fn quads_of(article: &Article) -> Vec<Quad> {
    let ex = extractor();
    newsgraph::rdf::article_quads(article, &ex.extract(article), &ex.gazetteer)
}

/// A sentence an extractor acts on: an actor, maybe a title, maybe negated or
/// hedged, a cue, another actor, maybe a date and a source; or arbitrary text.
fn sentence(names: Vec<String>) -> impl Strategy<Value = String> {
    let name = prop::sample::select(names);
    let title = prop::sample::select(vec!["", "o presidente ", "a ministra ", "President ", "the foreign minister "]);
    let negation =
        prop::sample::select(vec!["", "não ", "poderá ", "negou ter ", "did not ", "may ", "denied that it "]);
    let cue = prop::sample::select(vec![
        "criticou",
        "apoia",
        "reuniu-se com",
        "visitou",
        "enviou tropas para",
        "atacou",
        "acusou",
        "sancionou",
        "ameaçou",
        "assinou um acordo com",
        "lidera",
        "é membro da",
        "criticized",
        "supports",
        "met",
        "visited",
        "sent troops to",
        "attacked",
        "accused",
        "imposed sanctions on",
        "threatened",
        "signed a deal with",
        "captured",
        "provided aid to",
        "leads",
    ]);
    let date = prop::sample::select(vec![
        "",
        " na terça-feira",
        " em março de 2024",
        " no ano passado",
        " last August",
        " on 3 May 2025",
        " yesterday",
        " em 31 de dezembro de 9999",
        " in the year 1",
        " no dia 1 de janeiro",
    ]);
    let source = prop::sample::select(vec!["", ", segundo a Reuters", ", according to Tass", ", disse a KCNA"]);
    let built = (name.clone(), title, negation, cue, name, date, source)
        .prop_map(|(s, t, n, c, o, d, src)| format!("{t}{s} {n}{c} {o}{d}{src}."));
    prop_oneof![4 => built, 1 => "\\PC{0,24}", 1 => any::<String>()]
}

/// An article of such sentences, in either language, with any date or none.
fn article() -> impl Strategy<Value = Article> {
    let names: Vec<String> = extractor().gazetteer.labels().map(|(label, _)| label.to_string()).collect();
    let published =
        prop_oneof![Just(None), Just(Date::new(2025, 6, 4)), Just(Date::new(1, 1, 1)), Just(Date::new(9999, 12, 31)),];
    let text = prop::collection::vec(sentence(names), 1..8).prop_map(|s| s.join(" "));
    (text, any::<bool>(), published, proptest::option::of("\\PC{0,30}")).prop_map(|(text, pt, published, title)| {
        Article {
            id: None,
            title,
            text,
            lang: Some(if pt { Lang::Pt } else { Lang::En }),
            published,
            url: None,
            origin: "proptest".into(),
        }
    })
}

proptest! {
    // pySHACL starts in about a second: a few cases of many articles each.
    #![proptest_config(ProptestConfig { cases: 4, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_article_gives_shacl_valid_data(articles in prop::collection::vec(article(), 1..12)) {
        let quads: Vec<Quad> = articles.iter().flat_map(quads_of).collect();
        let found = violations(&with_ontology(&quads));
        let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
        prop_assert!(found.is_empty(), "{}\nin {texts:#?}", found.iter().map(|v| format!("{v}\n")).collect::<String>());
    }
}

#[test]
fn a_store_of_the_examples_conforms_with_its_gazetteer() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    crate::cli::newsgraph(&store).arg("ingest").arg(examples).assert().success();
    let out = crate::cli::newsgraph(&store).args(["export", "--format", "ntriples"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let found = violations(&out.stdout);
    assert!(found.is_empty(), "{}", found.iter().map(|v| format!("{v}\n")).collect::<String>());
}

/// N-Triples lines of a graph, changed by a test.
struct Lines(Vec<String>);

impl Lines {
    fn without(&self, predicate: &str) -> Lines {
        let predicate = format!("<{predicate}>");
        Lines(self.0.iter().filter(|l| l.split(' ').nth(1) != Some(predicate.as_str())).cloned().collect())
    }

    fn replacing(&self, from: &str, to: &str) -> Lines {
        Lines(self.0.iter().map(|l| l.replace(from, to)).collect())
    }

    fn with(&self, line: String) -> Lines {
        Lines(self.0.iter().cloned().chain([line]).collect())
    }

    fn bytes(&self) -> Vec<u8> {
        self.0.iter().map(|l| format!("{l}\n")).collect::<String>().into_bytes()
    }
}

#[test]
fn graphs_the_shapes_forbid_are_reported() {
    let text = "Portugal criticou Espanha na terça-feira, segundo a Reuters.";
    let quads = quads_of(&crate::extraction::article(text, Lang::Pt));
    let good = Lines(String::from_utf8(with_ontology(&quads)).unwrap().lines().map(str::to_string).collect());
    let found = violations(&good.bytes());
    assert!(found.is_empty(), "{}", found.iter().map(|v| format!("{v}\n")).collect::<String>());
    let (pt, es) = ("<https://w3id.org/newsgraph/id/country-pt>", "<https://w3id.org/newsgraph/id/country-es>");
    let criticizes = format!("<{}criticizes>", newsgraph::vocab::NG);
    let date = |datatype: &str| format!("\"2025-06-03\"^^<{datatype}>");
    let label = format!("{pt} <{}> \"Portugal\"@pt .", iri::RDFS_LABEL);
    let broken = [
        ("no polarity", good.without(iri::NG_POLARITY), "MinCount"),
        ("a polarity as modality", good.replacing(iri::NG_ASSERTED, iri::NG_POSITIVE), "In"),
        ("a date as a plain string", good.replacing(&date(iri::XSD_DATE), "\"2025-06-03\""), "Or"),
        ("no provenance", good.without(iri::PROV_WAS_DERIVED_FROM), "MinCount"),
        ("no evidence", good.without(iri::NG_EVIDENCE), "MinCount"),
        ("a country leading a country", good.with(format!("{pt} <{}leaderOf> {es} .", newsgraph::vocab::NG)), "Class"),
        (
            "no direct triple for an asserted event",
            good.without(&format!("{}criticizes", newsgraph::vocab::NG)),
            "SPARQL",
        ),
        (
            "an event whose relation does not fit its ends",
            good.replacing(&criticizes, "<https://w3id.org/newsgraph/ontology#leaderOf>"),
            "Or",
        ),
        ("an entity without a label", Lines(good.0.iter().filter(|l| **l != label).cloned().collect()), "MinCount"),
        (
            "an entity of two kinds",
            good.with(format!("{pt} <{}> <{}> .", iri::RDF_TYPE, iri::SCHEMA_PERSON)),
            "QualifiedMaxCount",
        ),
        ("a CAMEO code that is none", good.replacing("\"111\"", "\"criticism\""), "Pattern"),
    ];
    std::thread::scope(|scope| {
        let runs: Vec<_> = broken
            .iter()
            .map(|(what, lines, component)| (what, component, scope.spawn(|| violations(&lines.bytes()))))
            .collect();
        for (what, component, run) in runs {
            let found = run.join().unwrap();
            assert!(
                found.iter().any(|v| v.component.ends_with(&format!("#{component}ConstraintComponent"))),
                "{what}: expected a {component} violation, got {found:?}"
            );
        }
    });
}
