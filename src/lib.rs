//! newsgraph: news articles in, a knowledge graph of actors and what they do to each
//! other out, in an embedded Oxigraph store. See ARCHITECTURE.md for the stages.

pub mod annotation;
pub mod date;
pub mod entities;
pub mod exports;
pub mod extract;
pub mod gazetteer;
pub mod html;
pub mod input;
pub mod language;
pub mod lexicon;
pub mod mentions;
pub mod ontology;
pub mod parallel;
pub mod queries;
pub mod rdf;
pub mod relation;
pub mod statements;
pub mod store;
pub mod text;
pub mod timex;
pub mod vocab;

pub use extract::{Config, Extraction, Extractor};
pub use input::{Article, Lang};
pub use store::GraphStore;
