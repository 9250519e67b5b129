//! The store: the only module that touches Oxigraph's `Store` (RocksDB on disk).
//! One transaction per article, the article's graph replaced whole; the gazetteer
//! and ontology kept in a background graph, reloaded when they change; queries over
//! the union of all graphs with parameters bound as RDF terms.

use crate::rdf::background_graph;
use crate::vocab::iri;
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term, Variable,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use std::path::Path;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// RocksDB or Oxigraph storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The store is locked by another process.
    #[error("the store at {0} is busy: another newsgraph process has it open for writing; try again when it ends")]
    Busy(String),
    /// The query is not valid SPARQL.
    #[error("SPARQL syntax error: {0}")]
    Syntax(String),
    /// The query failed while running.
    #[error("query failed: {0}")]
    Evaluation(String),
    /// Data given to the bulk loader does not parse.
    #[error("loading failed: {0}")]
    Load(String),
}

/// What an ingest of one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// New article.
    Added,
    /// Same id/URL, different text: the old graph was replaced.
    Replaced,
    /// Already stored exactly so: nothing written.
    Unchanged,
}

/// The store.
pub struct GraphStore {
    store: Store,
}

impl GraphStore {
    /// Opens (creating if needed) the store at a path, for reading and writing.
    pub fn open(path: &Path) -> Result<GraphStore, StoreError> {
        Store::open(path).map(|store| GraphStore { store }).map_err(|e| busy_or(e, path))
    }

    /// Opens an existing store read-only (several readers may share it).
    pub fn open_read_only(path: &Path) -> Result<GraphStore, StoreError> {
        if !path.exists() {
            let message = format!("no store at {} (run `newsgraph ingest` first, or pass --store)", path.display());
            return Err(StoreError::Storage(StorageError::Other(message.into())));
        }
        Store::open_read_only(path).map(|store| GraphStore { store }).map_err(|e| busy_or(e, path))
    }

    /// Loads the background knowledge (gazetteer, ontology) unless the same version
    /// (by hash) is already there; replaces it otherwise. The quads are only asked for
    /// when they are to be written.
    pub fn ensure_background<E: From<StoreError>>(
        &self,
        hash: &str,
        quads: impl FnOnce() -> Result<Vec<Quad>, E>,
    ) -> Result<bool, E> {
        let graph = background_graph();
        let hash = Literal::new_simple_literal(hash);
        let marker =
            QuadRef::new(graph.as_ref(), NamedNodeRef::new_unchecked(iri::DCTERMS_IDENTIFIER), &hash, graph.as_ref());
        if self.store.contains(marker).map_err(StoreError::from)? {
            return Ok(false);
        }
        let quads = quads()?;
        let mut transaction = self.store.start_transaction().map_err(StoreError::from)?;
        transaction.remove_named_graph(graph.as_ref()).map_err(StoreError::from)?;
        for q in &quads {
            transaction.insert(QuadRef::new(
                q.subject.as_ref(),
                q.predicate.as_ref(),
                q.object.as_ref(),
                graph.as_ref(),
            ));
        }
        transaction.insert(marker);
        transaction.commit().map_err(StoreError::from)?;
        Ok(true)
    }

    /// Writes an article's graph in one transaction, replacing any older version.
    /// `hash` is the content hash stored as its `dcterms:identifier`.
    pub fn put_article(&self, article: &NamedNode, hash: &str, quads: &[Quad]) -> Result<Outcome, StoreError> {
        Ok(self.put_articles([(article, hash, quads)])?[0])
    }

    /// Writes a batch of articles' graphs in one transaction: each is checked and
    /// replaced exactly as [`put_article`](Self::put_article) would one after the other
    /// (a later article of the batch sees the earlier ones), and a failure leaves none
    /// of them, so no article is ever half-written. A batch of unchanged articles
    /// writes nothing.
    pub fn put_articles<'a>(
        &self,
        articles: impl IntoIterator<Item = (&'a NamedNode, &'a str, &'a [Quad])>,
    ) -> Result<Vec<Outcome>, StoreError> {
        let mut transaction = self.store.start_transaction()?;
        let mut outcomes = Vec::new();
        for (article, hash, quads) in articles {
            let graph = GraphNameRef::NamedNode(article.as_ref());
            let hash = Literal::new_simple_literal(hash);
            let identifier =
                QuadRef::new(article.as_ref(), NamedNodeRef::new_unchecked(iri::DCTERMS_IDENTIFIER), &hash, graph);
            if transaction.contains(identifier)? {
                outcomes.push(Outcome::Unchanged);
                continue;
            }
            let existed = transaction.contains_named_graph(article.as_ref())?;
            if existed {
                transaction.remove_named_graph(article.as_ref())?;
            }
            transaction.extend(quads.iter().map(Quad::as_ref));
            outcomes.push(if existed { Outcome::Replaced } else { Outcome::Added });
        }
        if outcomes.iter().any(|o| *o != Outcome::Unchanged) {
            transaction.commit()?;
        }
        Ok(outcomes)
    }

    /// Writes a batch of articles as [`put_articles`](Self::put_articles) does, but the
    /// new ones (no graph stored, once in the batch: most of a first ingest) go through
    /// Oxigraph's bulk loader, whose one atomic commit holds them all; the others (to
    /// compare, replace or repeat) follow in one transaction. Either way each article
    /// is stored whole or not at all.
    pub fn put_articles_bulk(&self, articles: &[(&NamedNode, &str, &[Quad])]) -> Result<Vec<Outcome>, StoreError> {
        let mut seen: std::collections::HashMap<&NamedNode, usize> = std::collections::HashMap::new();
        for (article, _, _) in articles {
            *seen.entry(article).or_default() += 1;
        }
        let mut fresh = Vec::with_capacity(articles.len());
        for (article, _, _) in articles {
            fresh.push(seen[article] == 1 && !self.store.contains_named_graph(article.as_ref())?);
        }
        if fresh.iter().any(|&f| f) {
            let mut loader = self.store.bulk_loader();
            let new = articles.iter().zip(&fresh).filter(|(_, &f)| f).flat_map(|((_, _, quads), _)| quads.iter());
            loader.load_quads(new.cloned())?;
            loader.commit()?;
        }
        let others = articles.iter().zip(&fresh).filter(|(_, &f)| !f).map(|(a, _)| *a);
        let mut outcomes = self.put_articles(others)?.into_iter();
        Ok(fresh
            .iter()
            .map(|&f| if f { Outcome::Added } else { outcomes.next().expect("one outcome per article") })
            .collect())
    }

    /// Loads N-Quads with Oxigraph's bulk loader (one atomic commit at the end). For
    /// the benchmark: the floor that `put_articles` is measured against.
    pub fn bulk_load_nquads(&self, reader: impl std::io::Read) -> Result<(), StoreError> {
        let mut loader = self.store.bulk_loader();
        loader.load_from_reader(oxigraph::io::RdfFormat::NQuads, reader).map_err(|e| match e {
            oxigraph::store::LoaderError::Storage(e) => StoreError::Storage(e),
            other => StoreError::Load(other.to_string()),
        })?;
        Ok(loader.commit()?)
    }

    /// Removes an article's graph; false when there was none.
    pub fn remove_article(&self, article: &NamedNode) -> Result<bool, StoreError> {
        if !self.store.contains_named_graph(article.as_ref())? {
            return Ok(false);
        }
        self.store.remove_named_graph(article.as_ref())?;
        Ok(true)
    }

    /// Runs a SPARQL query over the union of all graphs, with variables bound to terms.
    pub fn query(&self, sparql: &str, bindings: &[(Variable, Term)]) -> Result<QueryResults<'static>, StoreError> {
        // Built without Oxigraph's HTTP client, SERVICE cannot reach the network.
        let mut prepared = SparqlEvaluator::new().parse_query(sparql).map_err(|e| StoreError::Syntax(e.to_string()))?;
        prepared.dataset_mut().set_default_graph_as_union();
        for (variable, term) in bindings {
            prepared = prepared.substitute_variable(variable.clone(), term.clone());
        }
        prepared.on_store(&self.store).execute().map_err(|e| StoreError::Evaluation(e.to_string()))
    }

    /// Every quad, or those of one graph.
    pub fn quads(&self, graph: Option<&NamedNode>) -> impl Iterator<Item = Result<Quad, StoreError>> + '_ {
        let graph = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        self.store.quads_for_pattern(None, None, None, graph).map(|q| q.map_err(StoreError::from))
    }

    /// The named graphs.
    pub fn graphs(&self) -> Result<Vec<NamedOrBlankNode>, StoreError> {
        Ok(self.store.named_graphs().collect::<Result<Vec<_>, _>>()?)
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// Flushes writes to disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        Ok(self.store.flush()?)
    }
}

/// RocksDB's "lock" message said plainly.
fn busy_or(error: StorageError, path: &Path) -> StoreError {
    let text = error.to_string();
    if text.contains("lock") || text.contains("Resource temporarily unavailable") {
        StoreError::Busy(path.display().to_string())
    } else {
        StoreError::Storage(error)
    }
}
