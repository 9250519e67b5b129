//! Every saved query run on a fixture store (the bundled examples) against the rows
//! it must return.

use super::extraction::extractor;
use newsgraph::input::{self, Defaults};
use newsgraph::store::GraphStore;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use std::sync::OnceLock;

fn fixture() -> &'static (tempfile::TempDir, GraphStore) {
    static STORE: OnceLock<(tempfile::TempDir, GraphStore)> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = GraphStore::open(&dir.path().join("store")).expect("store opens");
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let (files, errors) = input::expand_paths(&[examples]);
        assert!(errors.is_empty());
        for file in files {
            for article in input::read(&file, &Defaults::default()) {
                let article = article.expect("example reads");
                let ex = extractor().extract(&article);
                let quads = newsgraph::rdf::article_quads(&article, &ex, &extractor().gazetteer);
                store
                    .put_article(
                        &newsgraph::rdf::article_iri(&article),
                        &newsgraph::rdf::content_hash(&article.text),
                        &quads,
                    )
                    .expect("stored");
            }
        }
        let background = || newsgraph::ontology::background_quads(&extractor().gazetteer).map_err(anyhow::Error::from);
        store.ensure_background("test", background).expect("background");
        (dir, store)
    })
}

/// The rows of a saved query, each as its values joined by " | " (IRIs and literal values).
fn rows(name: &str, params: &[&str]) -> Vec<String> {
    let query = newsgraph::queries::find(name).unwrap_or_else(|| panic!("no saved query {name}"));
    let bindings: Vec<_> = params.iter().map(|p| newsgraph::queries::bind(p).expect("param")).collect();
    solution_rows(&fixture().1, &query.text, &bindings).into_iter().map(|row| row.join(" | ")).collect()
}

/// The rows of a SELECT on a store, each value as its lexical form (an IRI as itself).
pub(crate) fn solution_rows(
    store: &GraphStore,
    sparql: &str,
    bindings: &[(oxigraph::model::Variable, Term)],
) -> Vec<Vec<String>> {
    let QueryResults::Solutions(solutions) = store.query(sparql, bindings).expect("runs") else {
        panic!("not a SELECT")
    };
    let variables = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.expect("solution");
            variables
                .iter()
                .map(|v| match s.get(v) {
                    Some(Term::Literal(l)) => l.value().to_string(),
                    Some(Term::NamedNode(n)) => n.as_str().to_string(),
                    Some(t) => t.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn has(rows: &[String], needle: &str) -> bool {
    rows.iter().any(|r| r.contains(needle))
}

#[test]
fn every_saved_query_runs() {
    for q in newsgraph::queries::saved() {
        let params: Vec<String> = q.params.iter().map(|(n, _)| format!("{n}=Chad")).collect();
        let params: Vec<&str> = params.iter().map(String::as_str).collect();
        rows(&q.name, &params);
    }
}

#[test]
fn actors_of_article_lists_its_countries() {
    let r = rows("actors-of-article", &["article=UN agency sends food aid to Chad as Sudan refugees cross border"]);
    assert!(has(&r, "Chad | https://schema.org/Country"), "{r:?}");
    assert!(has(&r, "Sudan | https://schema.org/Country"), "{r:?}");
}

#[test]
fn who_accuses_finds_the_accuser_by_any_spelling() {
    assert!(has(&rows("who-accuses", &["name=Russia"]), "Lithuania"));
    assert!(has(&rows("who-accuses", &["name=Rússia"]), "Lithuania"));
    assert!(rows("who-accuses", &["name=Atlantis"]).is_empty());
}

#[test]
fn leaders_and_most_mentioned() {
    assert!(has(&rows("leaders", &[]), "Luiz Inácio Lula da Silva | Bra"), "{:?}", rows("leaders", &[]));
    let top = rows("most-mentioned", &[]);
    assert!(!top.is_empty());
}

#[test]
fn meetings_and_relations_between_have_dates() {
    let r = rows("meetings-of", &["name=Gabriel Boric"]);
    assert!(has(&r, "Luiz Inácio Lula da Silva"), "{r:?}");
    let r = rows("meetings-of", &["name=Egypt"]);
    assert!(has(&r, "Saudi Arabia"), "{r:?}");
    let r = rows("relations-between", &["a=Lithuania", "b=Russia"]);
    assert!(has(&r, "accuses"), "{r:?}");
}

#[test]
fn troops_partners_evidence_and_hedges() {
    assert!(has(&rows("troop-deployments", &[]), "Germany | Lithuania"), "{:?}", rows("troop-deployments", &[]));
    let p = rows("partners-and-adversaries", &["name=Chile"]);
    assert!(has(&p, "cooperation"), "{p:?}");
    assert!(has(&rows("facts-with-evidence", &[]), "accused Russia"));
    let h = rows("denied-and-hedged", &[]);
    assert!(has(&h, "France"), "{h:?}");
    assert!(has(&rows("who-supports", &["name=Brasil"]), "Chile"), "{:?}", rows("who-supports", &["name=Brasil"]));
    assert!(rows("who-sanctions", &["name=Chad"]).is_empty());
}

#[test]
fn a_name_parameter_finds_an_actor_by_any_of_its_names_in_any_case() {
    // The label in capitals, a surname the article uses alone (an alias) in lower
    // case, and a gazetteer name in another language, each matched by its ng:nameKey.
    for name in ["name=GABRIEL BORIC", "name=boric"] {
        let r = rows("meetings-of", &[name]);
        assert!(has(&r, "Luiz Inácio Lula da Silva"), "{name}: {r:?}");
    }
    assert!(has(&rows("who-accuses", &["name=rÚSSIA"]), "Lithuania"));
    assert!(rows("meetings-of", &["name=boric gabriel"]).is_empty());
}

#[test]
fn every_name_has_its_lower_case_name_key() {
    let QueryResults::Solutions(missing) = fixture()
        .1
        .query(
            "PREFIX ng: <https://w3id.org/newsgraph/ontology#>
             PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
             PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
             SELECT ?e ?l WHERE { GRAPH ?g {
               ?e rdfs:label|skos:altLabel ?l .
               FILTER NOT EXISTS { ?e ng:nameKey ?k FILTER(?k = LCASE(STR(?l))) }
             } }",
            &[],
        )
        .expect("runs")
    else {
        panic!("not a SELECT")
    };
    let missing: Vec<_> = missing.map(|s| format!("{:?}", s.expect("solution"))).collect();
    assert!(missing.is_empty(), "names without their key: {missing:?}");
    let QueryResults::Solutions(keys) = fixture()
        .1
        .query(
            "SELECT ?k WHERE { GRAPH ?g { ?g a <https://schema.org/NewsArticle> . \
             ?e <https://w3id.org/newsgraph/ontology#nameKey> ?k } }",
            &[],
        )
        .expect("runs")
    else {
        panic!("not a SELECT")
    };
    assert!(keys.count() > 0, "the articles' entities have name keys");
}

#[test]
fn actors_of_article_finds_the_article_by_its_iri_and_nothing_else() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/en-sahel-aid.txt");
    let article = input::read(&file, &Defaults::default()).next().expect("one article").expect("reads");
    let iri = format!("article=<{}>", newsgraph::rdf::article_iri(&article).as_str());
    let r = rows("actors-of-article", &[&iri]);
    assert!(has(&r, "Chad | https://schema.org/Country"), "{r:?}");
    assert!(!has(&r, "Lithuania"), "{r:?}");
    // A value that is no article's (nor an IRI) names no article, not all of them.
    assert!(rows("actors-of-article", &["article=no such article"]).is_empty());
    assert!(rows("actors-of-article", &["article=<https://w3id.org/newsgraph/id/article/none>"]).is_empty());
}
