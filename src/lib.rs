//! newsgraph: news articles in, a knowledge graph of actors and what they do to each
//! other out, in an embedded Oxigraph store. See ARCHITECTURE.md for the stages.
//!
//! The `store` feature (on by default) brings the on-disk store and what reads it
//! (`store`, `exports`); without it the library still reads, extracts and writes an
//! article's quads, which is all the fuzz targets (fuzz/) need.

pub mod annotation;
pub mod date;
pub mod entities;
#[cfg(feature = "store")]
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
#[cfg(feature = "store")]
pub mod store;
pub mod summary;
pub mod text;
pub mod timex;
pub mod vocab;

pub use extract::{Config, Extraction, Extractor};
pub use input::{Article, Lang};
#[cfg(feature = "store")]
pub use store::GraphStore;
