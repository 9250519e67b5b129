//! The ontology and SHACL shapes (`ontology/*.ttl`), compiled in so that every store
//! holds the vocabulary it is written in, beside the gazetteer: together they are the
//! store's background graph.

use crate::gazetteer::Gazetteer;
use crate::vocab::iri;
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

/// The ontology files: (name, Turtle).
pub const FILES: &[(&str, &str)] = &[
    ("newsgraph.ttl", include_str!("../ontology/newsgraph.ttl")),
    ("shapes.ttl", include_str!("../ontology/shapes.ttl")),
];

/// The background graph's version: a hash of the ontology's and the gazetteer's
/// source text, so that a store holding this version is recognised without parsing.
pub fn background_hash() -> String {
    // The version of what is derived from the sources in code (the name keys): a
    // store holding an older derivation gets the new one.
    let mut text = String::from("derived: name keys 1\n");
    for (_, turtle) in FILES {
        text.push_str(turtle);
    }
    for (_, turtle) in crate::gazetteer::EMBEDDED {
        text.push_str(turtle);
    }
    crate::rdf::content_hash(&text)
}

/// The background graph's quads: the gazetteer's and the ontology's. The shapes'
/// blank nodes get labels by their order in the files, not the parser's random ones,
/// so that every store holds the same quads (an export is the same whichever store
/// and run it comes from).
pub fn background_quads(gazetteer: &Gazetteer) -> Result<Vec<Quad>, RdfParseError> {
    let mut quads = gazetteer.quads.clone();
    let mut labels = std::collections::HashMap::new();
    let mut stable = |node: &BlankNode| {
        let next = labels.len();
        labels.entry(node.clone()).or_insert_with(|| BlankNode::new_unchecked(format!("o{next}"))).clone()
    };
    for (_, turtle) in FILES {
        for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
            let mut q = q?;
            if let NamedOrBlankNode::BlankNode(b) = &q.subject {
                q.subject = stable(b).into();
            }
            if let Term::BlankNode(b) = &q.object {
                q.object = stable(b).into();
            }
            quads.push(q);
        }
    }
    quads.extend(name_key_quads(&quads));
    Ok(quads)
}

/// An `ng:nameKey` for each name (`rdfs:label`, `skos:altLabel`) of each subject, as
/// `rdf::article_quads` writes for the entities of an article: the gazetteer's names
/// are found by the saved queries' name parameters too.
fn name_key_quads(quads: &[Quad]) -> Vec<Quad> {
    // In order of first appearance, so that every store holds them in the same order.
    let mut names: Vec<((&NamedOrBlankNode, &GraphName), Vec<&str>)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for q in quads {
        if let Term::Literal(name) = &q.object {
            if matches!(q.predicate.as_str(), iri::RDFS_LABEL | iri::SKOS_ALT_LABEL) {
                let at = *index.entry((&q.subject, &q.graph_name)).or_insert_with(|| {
                    names.push(((&q.subject, &q.graph_name), Vec::new()));
                    names.len() - 1
                });
                names[at].1.push(name.value());
            }
        }
    }
    let key = NamedNode::new_unchecked(iri::NG_NAME_KEY);
    let mut out = Vec::new();
    for ((subject, graph), names) in names {
        for k in crate::rdf::name_keys(names) {
            out.push(Quad::new(subject.clone(), key.clone(), Literal::new_simple_literal(k), graph.clone()));
        }
    }
    out
}
