//! Exports for analysts, read from the store with SPARQL and written to any writer:
//! a GDELT-style TSV of events (one row per `ng:Event`, for pandas and R) and the
//! actor graph (entities and the direct relations between them) as Graphviz DOT and
//! as GraphML (for Gephi), its edges typed and coloured by the relation's group in
//! the ontology (`ng:relationGroup`: cooperation, conflict or structural), and
//! optionally cut down to the entities a query's results name.
//!
//! Reads only through [`GraphStore::query`]; prints nothing itself.

use crate::relation::Relation;
use crate::store::{GraphStore, QueryLimits, StoreError};
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::QueryResults;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// What an export can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The output could not be written (its cause is the `io::Error` itself, so that
    /// a closed pipe can be told apart).
    #[error("writing the export")]
    Io(#[from] io::Error),
}

const PREFIXES: &str = "PREFIX ng: <https://w3id.org/newsgraph/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
";

/// The events, with each actor's ISO 3166-1 alpha-3 country: its own code for a
/// country, else the country the gazetteer or the article gives it.
const EVENTS: &str = "SELECT ?event (SAMPLE(?d) AS ?date) (SAMPLE(?pub) AS ?published)
  (MIN(STR(?l1)) AS ?actor1) (SAMPLE(?c1) AS ?country1) ?relation (SAMPLE(?code) AS ?cameo)
  (MIN(STR(?l2)) AS ?actor2) (SAMPLE(?c2) AS ?country2) (MIN(STR(?pl)) AS ?place) (MIN(STR(?sl)) AS ?source)
  ?polarity ?modality ?article (SAMPLE(?u) AS ?url) (SAMPLE(STR(?ev)) AS ?evidence)
WHERE {
  ?article a schema:NewsArticle .
  GRAPH ?article {
    ?event a ng:Event ; ng:relation ?relation ; ng:subject ?a1 ; ng:object ?a2 ;
      ng:polarity ?polarity ; ng:modality ?modality .
    ?a1 rdfs:label ?l1 . ?a2 rdfs:label ?l2 .
    OPTIONAL { ?event ng:date ?d }
    OPTIONAL { ?event ng:cameoCode ?code }
    OPTIONAL { ?event ng:evidence ?ev }
    OPTIONAL { ?event ng:place/rdfs:label ?pl }
    OPTIONAL { ?event ng:source/rdfs:label ?sl }
    OPTIONAL { ?article schema:datePublished ?pub }
    OPTIONAL { ?article schema:url ?u }
  }
  OPTIONAL { ?a1 ng:isoAlpha3|ng:country/ng:isoAlpha3|ng:affiliatedWith/ng:isoAlpha3 ?c1 }
  OPTIONAL { ?a2 ng:isoAlpha3|ng:country/ng:isoAlpha3|ng:affiliatedWith/ng:isoAlpha3 ?c2 }
}
GROUP BY ?event ?relation ?polarity ?modality ?article
ORDER BY ?published ?article ?event";

/// The columns of [`events_tsv`], in order.
pub const EVENT_COLUMNS: &[&str] = &[
    "date",
    "actor1",
    "actor1_country",
    "cameo",
    "goldstein",
    "relation",
    "actor2",
    "actor2_country",
    "place",
    "source",
    "polarity",
    "modality",
    "article_date",
    "url",
    "article",
    "event",
    "evidence",
];

/// Writes every event as a row of tab-separated values with a header line
/// ([`EVENT_COLUMNS`]): the event's date (else empty; `article_date` is the
/// article's), actors with their ISO alpha-3 countries, the CAMEO code and its
/// Goldstein value, place, source, polarity (`positive`, `negative`), modality
/// (`asserted`, `hedged`), the article's URL and IRI, the event's IRI and its
/// sentence. A field holding a tab, newline or double quote is quoted as CSV does,
/// which pandas (`sep="\t"`) and R (`read.delim`) read.
pub fn events_tsv(store: &GraphStore, out: impl Write) -> Result<usize, ExportError> {
    let mut writer = csv::WriterBuilder::new().delimiter(b'\t').from_writer(out);
    writer.write_record(EVENT_COLUMNS).map_err(csv_error)?;
    let mut rows = 0;
    let QueryResults::Solutions(solutions) = store.query(&format!("{PREFIXES}{EVENTS}"), &[])? else {
        return Ok(0);
    };
    for solution in solutions {
        let solution = solution.map_err(|e| StoreError::Evaluation(e.to_string()))?;
        let get = |name: &str| solution.get(name).map(plain).unwrap_or_default();
        let relation_iri = get("relation");
        let relation = relation_iri.rsplit(['#', '/']).next().unwrap_or_default().to_string();
        let goldstein = Relation::from_local_name(&relation).and_then(Relation::goldstein);
        let word = |iri: String| iri.rsplit('#').next().unwrap_or_default().to_ascii_lowercase();
        let record = [
            get("date"),
            get("actor1"),
            get("country1"),
            get("cameo"),
            goldstein.map(|g| g.to_string()).unwrap_or_default(),
            relation,
            get("actor2"),
            get("country2"),
            get("place"),
            get("source"),
            word(get("polarity")),
            word(get("modality")),
            get("published"),
            get("url"),
            get("article"),
            get("event"),
            get("evidence"),
        ];
        writer.write_record(&record).map_err(csv_error)?;
        rows += 1;
    }
    writer.flush()?;
    Ok(rows)
}

fn csv_error(error: csv::Error) -> ExportError {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => ExportError::Io(e),
        other => ExportError::Io(io::Error::other(format!("{other:?}"))),
    }
}

/// A term's value: an IRI or a literal's lexical form.
fn plain(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

/// The direct relations between entities, with how many articles state each and
/// the relation's group (from the ontology in the background graph).
const EDGES: &str = "SELECT ?s ?p ?o (COUNT(DISTINCT ?article) AS ?articles) (SAMPLE(?g) AS ?group) WHERE {
  ?article a schema:NewsArticle .
  GRAPH ?article { ?s ?p ?o }
  ?p a ng:RelationProperty .
  OPTIONAL { ?p ng:relationGroup ?g }
} GROUP BY ?s ?p ?o";

/// Every name of every entity, for telling which entities a query's literal
/// results name.
const NAMES: &str = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label|skos:altLabel ?l }";

/// Each mentioned entity's label and type.
const NODES: &str = "SELECT ?e (MIN(STR(?l)) AS ?label) (MIN(STR(?t)) AS ?type) WHERE {
  ?article a schema:NewsArticle .
  GRAPH ?article { ?article schema:mentions ?e . ?e rdfs:label ?l ; a ?t }
} GROUP BY ?e";

/// An entity of the actor graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Its IRI.
    pub iri: String,
    /// Its name.
    pub label: String,
    /// `Person`, `Organization`, `Country` or `Place`.
    pub kind: String,
}

/// A direct relation of the actor graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Index of the subject in [`ActorGraph::nodes`].
    pub source: usize,
    /// Index of the object.
    pub target: usize,
    /// The relation.
    pub relation: Relation,
    /// How many articles state it.
    pub articles: usize,
    /// The relation's group in the ontology (`ng:relationGroup`), lower-cased:
    /// `cooperation`, `conflict` or `structural`; empty when the store's ontology
    /// has none.
    pub group: String,
}

impl Edge {
    /// The relation's group: `cooperation`, `conflict` or `structural` (leadership,
    /// membership, location), as the ontology says.
    pub fn kind(&self) -> &str {
        if self.group.is_empty() {
            "structural"
        } else {
            &self.group
        }
    }

    /// Its colour: green for cooperation, red for conflict, grey otherwise.
    pub fn color(&self) -> &'static str {
        match self.kind() {
            "cooperation" => "#1a9850",
            "conflict" => "#d73027",
            _ => "#888888",
        }
    }
}

/// What a query's results name: the IRIs and the literal values (lower-cased) of
/// every row or triple.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    /// IRIs.
    pub iris: BTreeSet<String>,
    /// Literal values, lower-cased, matched against entities' labels.
    pub words: BTreeSet<String>,
}

impl Named {
    /// Runs a query within limits and collects what its first `max_rows` results name
    /// (an ASK query names nothing).
    pub fn by_query(
        store: &GraphStore,
        sparql: &str,
        bindings: &[(Variable, Term)],
        limits: QueryLimits,
        max_rows: usize,
    ) -> Result<Named, ExportError> {
        let mut named = Named::default();
        let evaluation = |e: oxigraph::sparql::QueryEvaluationError| StoreError::Evaluation(e.to_string());
        match store.query_with(sparql, bindings, limits)? {
            QueryResults::Solutions(solutions) => {
                for solution in solutions.take(max_rows) {
                    for (_, term) in solution.map_err(evaluation)?.iter() {
                        named.add(term);
                    }
                }
            }
            QueryResults::Graph(triples) => {
                for triple in triples.take(max_rows) {
                    let triple = triple.map_err(evaluation)?;
                    named.add(&triple.subject.into());
                    named.add(&triple.object);
                }
            }
            QueryResults::Boolean(_) => {}
        }
        Ok(named)
    }

    fn add(&mut self, term: &Term) {
        match term {
            Term::NamedNode(n) => {
                self.iris.insert(n.as_str().to_string());
            }
            Term::Literal(l) => {
                self.words.insert(l.value().to_lowercase());
            }
            _ => {}
        }
    }
}

/// The actor graph: entities joined by direct relations. A symmetric relation
/// (meets, cooperates, signs an agreement with) is one undirected edge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorGraph {
    /// Entities that take part in a relation, by IRI.
    pub nodes: Vec<Node>,
    /// Relations, by source, relation and target.
    pub edges: Vec<Edge>,
}

impl ActorGraph {
    /// Reads the actor graph of the whole store.
    pub fn read(store: &GraphStore) -> Result<ActorGraph, ExportError> {
        ActorGraph::read_with(store, QueryLimits::default())
    }

    /// Reads the actor graph of the whole store, its queries within limits.
    pub fn read_with(store: &GraphStore, limits: QueryLimits) -> Result<ActorGraph, ExportError> {
        let mut triples = BTreeMap::new();
        if let QueryResults::Solutions(solutions) = store.query_with(&format!("{PREFIXES}{EDGES}"), &[], limits)? {
            for solution in solutions {
                let solution = solution.map_err(|e| StoreError::Evaluation(e.to_string()))?;
                let get = |name: &str| solution.get(name).map(plain).unwrap_or_default();
                let name = get("p");
                let Some(relation) = Relation::from_local_name(name.rsplit('#').next().unwrap_or_default()) else {
                    continue;
                };
                let (s, o) = (get("s"), get("o"));
                if relation.is_symmetric() && s > o {
                    continue;
                }
                let group = get("group").rsplit('#').next().unwrap_or_default().to_lowercase();
                triples.insert((s, relation, o), (get("articles").parse().unwrap_or(1), group));
            }
        }
        let used: BTreeSet<&String> = triples.keys().flat_map(|(s, _, o)| [s, o]).collect();
        let mut nodes: Vec<Node> = Vec::new();
        if let QueryResults::Solutions(solutions) = store.query_with(&format!("{PREFIXES}{NODES}"), &[], limits)? {
            for solution in solutions {
                let solution = solution.map_err(|e| StoreError::Evaluation(e.to_string()))?;
                let get = |name: &str| solution.get(name).map(plain).unwrap_or_default();
                let iri = get("e");
                if used.contains(&iri) {
                    let kind = get("type").rsplit('/').next().unwrap_or_default().to_string();
                    nodes.push(Node { label: get("label"), kind, iri });
                }
            }
        }
        // An entity without a label in any article still gets a node.
        for iri in used {
            if !nodes.iter().any(|n| &n.iri == iri) {
                let label = iri.rsplit(['/', '#']).next().unwrap_or_default().to_string();
                nodes.push(Node { iri: iri.clone(), label, kind: String::new() });
            }
        }
        nodes.sort_by(|a, b| a.iri.cmp(&b.iri));
        let index: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.iri.as_str(), i)).collect();
        let edges = triples
            .into_iter()
            .map(|((s, relation, o), (articles, group))| Edge {
                source: index[s.as_str()],
                target: index[o.as_str()],
                relation,
                articles,
                group,
            })
            .collect();
        Ok(ActorGraph { nodes, edges })
    }

    /// The part of the graph a query's results name: the entities whose IRI is in
    /// them or one of whose names (any label, any language) is one of their literal
    /// values, and the edges between two such entities.
    pub fn named_by(self, named: &Named, store: &GraphStore, limits: QueryLimits) -> Result<ActorGraph, ExportError> {
        let mut keep: BTreeSet<usize> =
            self.nodes.iter().enumerate().filter(|(_, n)| named.iris.contains(&n.iri)).map(|(i, _)| i).collect();
        if !named.words.is_empty() {
            let index: BTreeMap<&str, usize> =
                self.nodes.iter().enumerate().map(|(i, n)| (n.iri.as_str(), i)).collect();
            if let QueryResults::Solutions(solutions) = store.query_with(&format!("{PREFIXES}{NAMES}"), &[], limits)? {
                for solution in solutions {
                    let solution = solution.map_err(|e| StoreError::Evaluation(e.to_string()))?;
                    let (Some(Term::NamedNode(e)), Some(Term::Literal(l))) = (solution.get("e"), solution.get("l"))
                    else {
                        continue;
                    };
                    if let Some(&i) = index.get(e.as_str()) {
                        if named.words.contains(&l.value().to_lowercase()) {
                            keep.insert(i);
                        }
                    }
                }
            }
        }
        let renumber: BTreeMap<usize, usize> = keep.iter().enumerate().map(|(new, &old)| (old, new)).collect();
        let edges = self
            .edges
            .into_iter()
            .filter_map(|e| {
                let (source, target) = (*renumber.get(&e.source)?, *renumber.get(&e.target)?);
                Some(Edge { source, target, ..e })
            })
            .collect();
        let nodes = self.nodes.into_iter().enumerate().filter(|(i, _)| keep.contains(i)).map(|(_, n)| n).collect();
        Ok(ActorGraph { nodes, edges })
    }

    /// The graph as JSON for the page of `newsgraph serve`: `nodes` (`iri`, `label`,
    /// `type`) and `edges` (`source` and `target` as indexes into `nodes`,
    /// `relation`, `group`, `directed`, `articles`).
    pub fn to_json(&self) -> serde_json::Value {
        let nodes: Vec<serde_json::Value> =
            self.nodes.iter().map(|n| serde_json::json!({"iri": n.iri, "label": n.label, "type": n.kind})).collect();
        let edges: Vec<serde_json::Value> = self
            .edges
            .iter()
            .map(|e| {
                serde_json::json!({
                    "source": e.source,
                    "target": e.target,
                    "relation": e.relation.local_name(),
                    "group": e.kind(),
                    "directed": !e.relation.is_symmetric(),
                    "articles": e.articles,
                })
            })
            .collect();
        serde_json::json!({"nodes": nodes, "edges": edges})
    }

    /// Graphviz DOT: a digraph, nodes labelled with their names and shaped by type,
    /// edges labelled with the relation, coloured by cooperation or conflict, with
    /// `dir=none` for symmetric relations and the article count as `weight`.
    pub fn write_dot(&self, mut out: impl Write) -> io::Result<()> {
        writeln!(out, "digraph newsgraph {{")?;
        writeln!(out, "  graph [overlap=false, splines=true];")?;
        writeln!(out, "  node [style=filled, fillcolor=\"#f7f7f7\", fontname=\"Helvetica\"];")?;
        writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;
        for (i, node) in self.nodes.iter().enumerate() {
            let shape = match node.kind.as_str() {
                "Person" => "ellipse",
                "Organization" => "box",
                "Country" => "doubleoctagon",
                _ => "octagon",
            };
            writeln!(
                out,
                "  n{i} [label={}, type={}, iri={}, shape={shape}];",
                dot_string(&node.label),
                dot_string(&node.kind),
                dot_string(&node.iri)
            )?;
        }
        for edge in &self.edges {
            let dir = if edge.relation.is_symmetric() { ", dir=none" } else { "" };
            writeln!(
                out,
                "  n{} -> n{} [label={}, relation={}, kind={}, color=\"{}\", fontcolor=\"{}\", weight={}{dir}];",
                edge.source,
                edge.target,
                dot_string(edge.relation.local_name()),
                dot_string(edge.relation.local_name()),
                edge.kind(),
                edge.color(),
                edge.color(),
                edge.articles
            )?;
        }
        writeln!(out, "}}")
    }

    /// GraphML (the XML Gephi, yEd and networkx read): nodes with `label`, `type`
    /// and `iri`; edges with `label`, `relation`, `kind` (cooperation, conflict,
    /// structural), `cameo`, `goldstein`, `color` and `weight` (articles); symmetric
    /// relations as undirected edges.
    pub fn write_graphml(&self, mut out: impl Write) -> io::Result<()> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )?;
        for (id, domain, kind) in [
            ("label", "node", "string"),
            ("type", "node", "string"),
            ("iri", "node", "string"),
            ("label", "edge", "string"),
            ("relation", "edge", "string"),
            ("kind", "edge", "string"),
            ("cameo", "edge", "string"),
            ("goldstein", "edge", "double"),
            ("color", "edge", "string"),
            ("weight", "edge", "double"),
        ] {
            writeln!(out, r#"  <key id="{domain}_{id}" for="{domain}" attr.name="{id}" attr.type="{kind}"/>"#)?;
        }
        writeln!(out, r#"  <graph id="newsgraph" edgedefault="directed">"#)?;
        for (i, node) in self.nodes.iter().enumerate() {
            writeln!(out, r#"    <node id="n{i}">"#)?;
            for (key, value) in [("label", &node.label), ("type", &node.kind), ("iri", &node.iri)] {
                writeln!(out, r#"      <data key="node_{key}">{}</data>"#, xml_escape(value))?;
            }
            writeln!(out, "    </node>")?;
        }
        for (i, edge) in self.edges.iter().enumerate() {
            let directed = !edge.relation.is_symmetric();
            writeln!(
                out,
                r#"    <edge id="e{i}" source="n{}" target="n{}" directed="{directed}">"#,
                edge.source, edge.target
            )?;
            let name = edge.relation.local_name();
            let mut data = vec![("label", name.to_string()), ("relation", name.to_string())];
            data.push(("kind", edge.kind().to_string()));
            if let Some(cameo) = edge.relation.cameo() {
                data.push(("cameo", cameo.to_string()));
            }
            if let Some(goldstein) = edge.relation.goldstein() {
                data.push(("goldstein", goldstein.to_string()));
            }
            data.push(("color", edge.color().to_string()));
            data.push(("weight", edge.articles.to_string()));
            for (key, value) in data {
                writeln!(out, r#"      <data key="edge_{key}">{}</data>"#, xml_escape(&value))?;
            }
            writeln!(out, "    </edge>")?;
        }
        writeln!(out, "  </graph>")?;
        writeln!(out, "</graphml>")
    }
}

/// A DOT quoted string.
fn dot_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for XML content and attributes; characters XML 1.0 forbids are dropped.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_for_dot_and_xml() {
        assert_eq!(dot_string("a \"b\" \\ c\nd"), r#""a \"b\" \\ c d""#);
        assert_eq!(xml_escape("AT&T <x> \"q\" 'a'\u{1}"), "AT&amp;T &lt;x&gt; &quot;q&quot; &apos;a&apos;");
    }
}
