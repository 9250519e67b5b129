//! The summary counts kept at ingest (src/summary.rs): after an ingest, a replaced
//! article and a removed one they equal a count made from the articles' graphs; partial
//! counts a crash leaves unfolded are counted by the saved queries until folded; and
//! the saved queries that read the summary return what the same questions asked of the
//! articles themselves return.

use super::extraction::extractor;
use super::saved_queries::solution_rows;
use newsgraph::input::{Article, Lang};
use newsgraph::store::{GraphStore, Outcome};
use newsgraph::summary::{self, COUNT_PROPERTIES};
use newsgraph::vocab::iri;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::BTreeMap;
use std::path::Path;

/// An English article with an id (so that the same id with new text replaces it).
fn article(id: &str, text: &str) -> Article {
    Article {
        id: Some(id.into()),
        title: None,
        text: text.into(),
        lang: Some(Lang::En),
        published: newsgraph::date::Date::new(2025, 5, 6),
        url: None,
        origin: id.into(),
    }
}

/// Stores articles as `ingest` does (new ones through the bulk loader), with the
/// background graph (the relations' Goldstein values).
fn ingest(store: &GraphStore, articles: &[Article]) -> Vec<Outcome> {
    let background = || newsgraph::ontology::background_quads(&extractor().gazetteer).map_err(anyhow::Error::from);
    store.ensure_background("test", background).expect("background");
    let prepared: Vec<_> = articles
        .iter()
        .map(|a| {
            let ex = extractor().extract(a);
            let quads = newsgraph::rdf::article_quads(a, &ex, &extractor().gazetteer);
            (newsgraph::rdf::article_iri(a), newsgraph::rdf::content_hash(&a.text), quads)
        })
        .collect();
    store.put_articles_bulk(prepared.iter().map(|(a, h, q)| (a, h.as_str(), q.clone())).collect()).expect("stored")
}

/// The counts the summary holds: each node's total plus its partial counts, by
/// (node, count property); zeros left out.
pub fn summary_counts(store: &GraphStore) -> BTreeMap<(String, String), i64> {
    let mut counts = BTreeMap::new();
    let graph = newsgraph::rdf::summary_graph();
    let mut partial_of: BTreeMap<String, String> = BTreeMap::new();
    let quads: Vec<Quad> = store.quads(Some(&graph)).map(|q| q.expect("reads")).collect();
    for q in &quads {
        if q.predicate.as_str() == iri::NG_TALLY_OF {
            partial_of.insert(q.subject.to_string(), q.object.to_string());
        }
    }
    for q in &quads {
        if !COUNT_PROPERTIES.contains(&q.predicate.as_str()) {
            continue;
        }
        let Term::Literal(n) = &q.object else { panic!("a count is a literal: {q}") };
        let node = match &q.subject {
            NamedOrBlankNode::NamedNode(n) => n.to_string(),
            blank => partial_of.get(&blank.to_string()).cloned().expect("a partial names its node"),
        };
        *counts.entry((node, q.predicate.to_string())).or_default() += n.value().parse::<i64>().expect("integer");
    }
    counts.retain(|_, n| *n != 0);
    counts
}

/// The same counts made from the articles' graphs.
pub fn recount(store: &GraphStore) -> BTreeMap<(String, String), i64> {
    let mut graphs: BTreeMap<NamedNode, Vec<Quad>> = BTreeMap::new();
    for q in store.quads(None) {
        let q = q.expect("reads");
        if let GraphName::NamedNode(g) = &q.graph_name {
            graphs.entry(g.clone()).or_default().push(q);
        }
    }
    let mut counts = BTreeMap::new();
    for (graph, quads) in graphs {
        let article = quads.iter().any(|q| {
            q.subject == NamedOrBlankNode::NamedNode(graph.clone())
                && q.predicate.as_str() == iri::RDF_TYPE
                && q.object == Term::NamedNode(NamedNode::new_unchecked(iri::SCHEMA_NEWS_ARTICLE))
        });
        if !article {
            continue;
        }
        for key in summary::keys(quads.iter().map(Quad::as_ref)) {
            *counts.entry((key.node().to_string(), key.property().to_string())).or_default() += 1;
        }
    }
    counts
}

/// Partial counts left in the summary.
fn partials(store: &GraphStore) -> usize {
    let graph = newsgraph::rdf::summary_graph();
    store.quads(Some(&graph)).filter(|q| q.as_ref().expect("reads").predicate.as_str() == iri::NG_TALLY_OF).count()
}

fn count(counts: &BTreeMap<(String, String), i64>, node: &str, property: &str) -> i64 {
    counts.get(&(format!("<{node}>"), format!("<{property}>"))).copied().unwrap_or(0)
}

const RUSSIA: &str = "https://w3id.org/newsgraph/id/country-ru";
const PORTUGAL: &str = "https://w3id.org/newsgraph/id/country-pt";
const UKRAINE: &str = "https://w3id.org/newsgraph/id/country-ua";

fn three_articles() -> Vec<Article> {
    vec![
        article("s1", "Russia attacked Ukraine on Monday, the army said. Germany criticised Russia."),
        article("s2", "Russia and China signed an agreement on Tuesday."),
        article("s3", "France sent troops to Mali on Wednesday, the ministry said."),
    ]
}

#[test]
fn summary_counts_equal_a_recount_after_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&dir.path().join("s")).unwrap();
    assert_eq!(ingest(&store, &three_articles()), [Outcome::Added; 3]);
    let counts = summary_counts(&store);
    assert_eq!(counts, recount(&store));
    assert_eq!(count(&counts, RUSSIA, iri::NG_ACTOR_ARTICLES), 2, "{counts:#?}");
    assert!(counts.keys().any(|(_, p)| p == &format!("<{}>", iri::NG_ASSERTED_ARTICLES)), "facts are counted");
    assert!(counts.keys().any(|(_, p)| p == &format!("<{}>", iri::NG_DAY_ARTICLES)), "days are counted");
    assert_eq!(partials(&store), 0, "the commit's partial counts are folded");
}

#[test]
fn re_ingesting_a_changed_article_moves_its_counts_and_removing_one_takes_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&dir.path().join("s")).unwrap();
    ingest(&store, &three_articles());
    let changed = article("s2", "Portugal and Spain signed an agreement on Tuesday.");
    assert_eq!(ingest(&store, std::slice::from_ref(&changed)), [Outcome::Replaced]);
    let counts = summary_counts(&store);
    assert_eq!(counts, recount(&store));
    assert_eq!(count(&counts, RUSSIA, iri::NG_ACTOR_ARTICLES), 1, "{counts:#?}");
    assert_eq!(count(&counts, PORTUGAL, iri::NG_ACTOR_ARTICLES), 1, "{counts:#?}");
    // The same text again changes nothing.
    assert_eq!(ingest(&store, &[changed]), [Outcome::Unchanged]);
    assert_eq!(summary_counts(&store), counts);

    let s1 = newsgraph::rdf::article_iri(&three_articles()[0]);
    assert!(store.remove_article(&s1).unwrap());
    let counts = summary_counts(&store);
    assert_eq!(counts, recount(&store));
    assert_eq!(count(&counts, RUSSIA, iri::NG_ACTOR_ARTICLES), 0, "{counts:#?}");
    assert_eq!(partials(&store), 0);
    // A fact no article states any more leaves no node behind.
    let left = solution_rows(
        &store,
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#>
         SELECT ?t WHERE { ?t ng:factSubject <https://w3id.org/newsgraph/id/country-ru> }",
        &[],
    );
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn partial_counts_a_crash_left_are_counted_until_folded() {
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&dir.path().join("s")).unwrap();
    ingest(&store, &three_articles());
    let before = solution_rows(&store, &newsgraph::queries::find("most-mentioned").unwrap().text, &[]);
    let russia = before.iter().find(|r| r[0] == RUSSIA).expect("Russia is among the most mentioned").clone();
    assert_eq!(russia[3], "2");
    // What a crash between a batch's commit and its fold leaves: a partial count.
    let partial = format!(
        "_:p <{}> <{RUSSIA}> <{}> .\n_:p <{}> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> <{}> .\n",
        iri::NG_TALLY_OF,
        newsgraph::rdf::summary_graph().as_str(),
        iri::NG_ACTOR_ARTICLES,
        newsgraph::rdf::summary_graph().as_str()
    );
    store.bulk_load_nquads(partial.as_bytes()).unwrap();
    assert_eq!(partials(&store), 1);
    let unfolded = solution_rows(&store, &newsgraph::queries::find("most-mentioned").unwrap().text, &[]);
    assert_eq!(unfolded.iter().find(|r| r[0] == RUSSIA).unwrap()[3], "5");
    store.fold_summary().unwrap();
    assert_eq!(partials(&store), 0);
    let folded = solution_rows(&store, &newsgraph::queries::find("most-mentioned").unwrap().text, &[]);
    assert_eq!(folded, unfolded);
}

#[test]
fn rebuilding_the_summary_gives_the_counts_kept_at_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&dir.path().join("s")).unwrap();
    ingest(&store, &three_articles());
    ingest(&store, &[article("s2", "Portugal and Spain signed an agreement on Tuesday.")]);
    let kept = summary_counts(&store);
    assert_eq!(store.rebuild_summary().unwrap(), 3);
    assert_eq!(summary_counts(&store), kept);
}

#[test]
fn an_update_moves_the_counts_of_what_it_changed_even_at_the_same_size() {
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&dir.path().join("s")).unwrap();
    ingest(&store, &three_articles());
    // A correction that replaces one quad by another: every graph keeps its size.
    let changes = store
        .update(&format!(
            "PREFIX ng: <https://w3id.org/newsgraph/ontology#>
             DELETE {{ GRAPH ?g {{ ?e ng:object <{UKRAINE}> }} }}
             INSERT {{ GRAPH ?g {{ ?e ng:object <{PORTUGAL}> }} }}
             WHERE {{ GRAPH ?g {{ ?e ng:object <{UKRAINE}> }} }}"
        ))
        .unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].before, changes[0].after);
    let counts = summary_counts(&store);
    assert_eq!(counts, recount(&store));
    assert_eq!(count(&counts, UKRAINE, iri::NG_ACTOR_ARTICLES), 1, "still mentioned: {counts:#?}");
    let facts = |object: &str| {
        solution_rows(
            &store,
            &format!(
                "PREFIX ng: <https://w3id.org/newsgraph/ontology#>
                 SELECT ?n WHERE {{ GRAPH ?s {{ ?t ng:factObject <{object}> ; ng:assertedArticles ?n }} }}"
            ),
            &[],
        )
    };
    assert!(facts(UKRAINE).is_empty(), "the old fact's count goes");
    assert_eq!(facts(PORTUGAL), [["1"]], "the new fact is counted");
    assert_eq!(partials(&store), 0);
    // A count written into the summary by hand does not stay: the summary is rebuilt.
    store
        .update(&format!(
            "INSERT DATA {{ GRAPH <{}> {{ <{RUSSIA}> <{}> 40 }} }}",
            newsgraph::rdf::summary_graph().as_str(),
            iri::NG_PLACE_ARTICLES
        ))
        .unwrap();
    assert_eq!(summary_counts(&store), recount(&store));
}

/// A store of the bundled examples and the articles above.
fn examples_store(dir: &Path) -> GraphStore {
    let store = GraphStore::open(&dir.join("s")).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let (files, errors) = newsgraph::input::expand_paths(&[examples]);
    assert!(errors.is_empty());
    let mut articles: Vec<Article> = files
        .iter()
        .flat_map(|f| newsgraph::input::read(f, &Default::default()))
        .map(|a| a.expect("example reads"))
        .collect();
    articles.extend(three_articles());
    ingest(&store, &articles);
    store
}

#[test]
fn summarised_queries_return_what_the_articles_say() {
    let dir = tempfile::tempdir().unwrap();
    let store = examples_store(dir.path());
    let run = |name: &str, params: &[&str]| {
        let bindings: Vec<_> = params.iter().map(|p| newsgraph::queries::bind(p).unwrap()).collect();
        solution_rows(&store, &newsgraph::queries::find(name).unwrap().text, &bindings)
    };
    // most-mentioned: each actor's count is the number of articles mentioning it, and
    // the counts are the 25 highest.
    let mut direct = solution_rows(
        &store,
        "PREFIX schema: <https://schema.org/>
         SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {
           GRAPH ?a { ?a a schema:NewsArticle ; schema:mentions ?e . ?e a ?t }
           FILTER(?t IN (schema:Person, schema:Organization, schema:Country))
         } GROUP BY ?e",
        &[],
    );
    let top = run("most-mentioned", &[]);
    assert_eq!(top.len(), 25.min(direct.len()));
    for row in &top {
        let expected = direct.iter().find(|d| d[0] == row[0]).unwrap_or_else(|| panic!("{row:?} is mentioned"));
        assert_eq!(row[3], expected[1], "{row:?}");
    }
    direct.sort_by_key(|d| std::cmp::Reverse(d[1].parse::<i64>().unwrap()));
    let counts = |rows: &[Vec<String>], column: usize| rows.iter().map(|r| r[column].clone()).collect::<Vec<_>>();
    assert_eq!(counts(&top, 3), counts(&direct[..top.len()], 1));

    // leaders: as many pairs, with the same counts of articles holding the direct triple.
    let direct = solution_rows(
        &store,
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#>
         PREFIX schema: <https://schema.org/>
         SELECT ?p ?l (COUNT(DISTINCT ?a) AS ?n) WHERE {
           GRAPH ?a { ?a a schema:NewsArticle . ?p ng:leaderOf ?l }
         } GROUP BY ?p ?l",
        &[],
    );
    let leaders = run("leaders", &[]);
    assert!(!leaders.is_empty());
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(sorted(counts(&leaders, 2)), sorted(counts(&direct, 2)));

    // relations-between: the facts either way with their asserted articles.
    let between = run("relations-between", &["a=Russia", "b=Ukraine"]);
    assert!(between.iter().any(|r| r[3].ends_with("#attacks") && r[5] == "1"), "{between:?}");
    let reversed = run("relations-between", &["a=Ukraine", "b=Russia"]);
    assert_eq!(counts(&between, 3), counts(&reversed, 3));

    // partners-and-adversaries: a row for each other actor and class of relation
    // asserted with it, either way.
    let direct = solution_rows(
        &store,
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#>
         PREFIX schema: <https://schema.org/>
         SELECT DISTINCT ?o ?class WHERE {
           GRAPH ?a { { <https://w3id.org/newsgraph/id/country-ru> ?r ?o } UNION { ?o ?r <https://w3id.org/newsgraph/id/country-ru> } }
           ?r ng:goldstein ?g BIND(IF(?g > 0, 1, 0) AS ?class)
         }",
        &[],
    );
    let partners = run("partners-and-adversaries", &["name=Russia"]);
    assert!(!partners.is_empty());
    assert_eq!(partners.len(), direct.len(), "{partners:?} {direct:?}");
}
