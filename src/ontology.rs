//! The ontology and SHACL shapes (`ontology/*.ttl`), compiled in so that every store
//! holds the vocabulary it is written in, beside the gazetteer.

/// The ontology files: (name, Turtle).
pub const FILES: &[(&str, &str)] = &[
    ("newsgraph.ttl", include_str!("../ontology/newsgraph.ttl")),
    ("shapes.ttl", include_str!("../ontology/shapes.ttl")),
];
