//! The ontology and SHACL shapes (`ontology/*.ttl`), compiled in so that every store
//! holds the vocabulary it is written in, beside the gazetteer: together they are the
//! store's background graph.

use crate::gazetteer::Gazetteer;
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use oxigraph::model::{BlankNode, NamedOrBlankNode, Quad, Term};

/// The ontology files: (name, Turtle).
pub const FILES: &[(&str, &str)] = &[
    ("newsgraph.ttl", include_str!("../ontology/newsgraph.ttl")),
    ("shapes.ttl", include_str!("../ontology/shapes.ttl")),
];

/// The background graph's version: a hash of the ontology's and the gazetteer's
/// source text, so that a store holding this version is recognised without parsing.
pub fn background_hash() -> String {
    let mut text = String::new();
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
    Ok(quads)
}
