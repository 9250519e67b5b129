//! The ontology and SHACL shapes (`ontology/*.ttl`), compiled in so that every store
//! holds the vocabulary it is written in, beside the gazetteer: together they are the
//! store's background graph.

use crate::gazetteer::Gazetteer;
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use oxigraph::model::Quad;

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

/// The background graph's quads: the gazetteer's and the ontology's.
pub fn background_quads(gazetteer: &Gazetteer) -> Result<Vec<Quad>, RdfParseError> {
    let mut quads = gazetteer.quads.clone();
    for (_, turtle) in FILES {
        for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
            quads.push(q?);
        }
    }
    Ok(quads)
}
