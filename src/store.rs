//! The store: the only module that touches Oxigraph's `Store` (RocksDB on disk).
//! One transaction per article, the article's graph replaced whole; the gazetteer
//! and ontology kept in a background graph, reloaded when they change; queries over
//! the union of all graphs with parameters bound as RDF terms.
//!
//! Queries cannot hurt: an UPDATE is refused (the store is opened read-only for
//! queries anyway; [`GraphStore::update`] runs one on purpose and reports what it
//! changed), `SERVICE` calls to other endpoints are refused unless allowed, and a
//! query can be given a time after which it is cancelled.

use crate::rdf::{background_graph, summary_graph};
use crate::summary::{self, Deltas};
use crate::vocab::iri;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef,
    Term, TermRef, Variable,
};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store, Transaction};
use spargebra::algebra::{AggregateExpression, Expression, GraphPattern, OrderExpression};
use spargebra::GraphUpdateOperation;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::Duration;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// RocksDB or Oxigraph storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The store is locked by another process.
    #[error("the store at {0} is busy: another newsgraph process is writing to it, or reading it while this one would write; try again when it ends")]
    Busy(String),
    /// The query is not valid SPARQL.
    #[error("SPARQL syntax error: {0}")]
    Syntax(String),
    /// The query failed while running.
    #[error("query failed: {0}")]
    Evaluation(String),
    /// The text is a SPARQL UPDATE, which a query may not run.
    #[error("this is a SPARQL UPDATE (it would change the store); `query` only reads")]
    Update,
    /// The text given as an update is a query.
    #[error("this is a SPARQL query, not an UPDATE; run it with `newsgraph query`")]
    NotAnUpdate,
    /// The update failed while running.
    #[error("update failed: {0}")]
    UpdateFailed(String),
    /// The query calls another SPARQL endpoint and that was not allowed.
    #[error(
        "the query calls another endpoint (SERVICE {0}); federated queries are refused unless --allow-service is given"
    )]
    Service(String),
    /// Data given to the bulk loader does not parse.
    #[error("loading failed: {0}")]
    Load(String),
}

/// How many quads a graph held before an update and after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphChange {
    /// The graph (the default graph included).
    pub graph: GraphName,
    /// Its quads before.
    pub before: usize,
    /// Its quads after.
    pub after: usize,
}

/// What an update compares a graph by: its size and an order-free sum of its quads'
/// hashes, so that replacing one quad by another is seen as a change.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Digest {
    quads: usize,
    sum: u64,
}

/// How a query may run.
#[derive(Debug, Clone, Copy, Default)]
pub struct QueryLimits {
    /// Let `SERVICE` patterns through (Oxigraph is built without an HTTP client, so
    /// they still reach no network: each fails as an unsupported service).
    pub allow_service: bool,
    /// Cancel the query after this long: evaluation and iteration over its results
    /// then fail with `QueryEvaluationError::Cancelled`.
    pub timeout: Option<Duration>,
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
    /// newsgraph's own lock on the store, held while the store is open: exclusive for
    /// a writer, shared for readers (see [`LOCK_FILE`]).
    _lock: std::fs::File,
}

/// The file newsgraph locks beside RocksDB's: a writer holds it exclusively, readers
/// share it. RocksDB lets a read-only instance open while a writer bulk-loads, and
/// that race was seen to fail the writer ("while reopen file for write: …log") or
/// kill the reader; with this lock a reader and a writer never overlap, and the one
/// that comes second says the store is busy.
pub const LOCK_FILE: &str = "newsgraph.lock";

/// How many partial counts one transaction of the summary's fold takes.
const FOLD_CHUNK: usize = 256;

/// Takes newsgraph's lock on a store directory: exclusive or shared, never waiting.
fn lock(path: &Path, exclusive: bool) -> Result<std::fs::File, StoreError> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path.join(LOCK_FILE))
        .map_err(|e| StoreError::Storage(StorageError::Io(e)))?;
    let taken = if exclusive { file.try_lock() } else { file.try_lock_shared() };
    match taken {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Busy(path.display().to_string())),
        Err(std::fs::TryLockError::Error(e)) => Err(StoreError::Storage(StorageError::Io(e))),
    }
}

impl GraphStore {
    /// Opens (creating if needed) the store at a path, for reading and writing.
    pub fn open(path: &Path) -> Result<GraphStore, StoreError> {
        std::fs::create_dir_all(path).map_err(|e| StoreError::Storage(StorageError::Io(e)))?;
        let lock = lock(path, true)?;
        Store::open(path).map(|store| GraphStore { store, _lock: lock }).map_err(|e| busy_or(e, path))
    }

    /// Opens an existing store read-only (several readers may share it, and a
    /// writer may be running: the reader sees what was committed when it opened).
    pub fn open_read_only(path: &Path) -> Result<GraphStore, StoreError> {
        // RocksDB's own words for a missing store name a file inside it ("…/CURRENT:
        // Not a directory"); a store always has that file.
        if !path.join("CURRENT").is_file() {
            // A store being created: its writer holds the lock before RocksDB writes
            // CURRENT, so a held lock means busy, not missing.
            if path.join(LOCK_FILE).is_file() {
                lock(path, false)?;
            }
            let what = if path.exists() { "is not a newsgraph store" } else { "does not exist" };
            let message =
                format!("no store at {}: it {what} (run `newsgraph ingest` first, or pass --store)", path.display());
            return Err(StoreError::Storage(StorageError::Other(message.into())));
        }
        let lock = lock(path, false)?;
        // A writer may have just swapped RocksDB's manifest or removed compacted files;
        // a second try sees the new state.
        let mut attempt = 0;
        loop {
            match Store::open_read_only(path) {
                Ok(store) => return Ok(GraphStore { store, _lock: lock }),
                Err(_) if attempt < 4 => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(50 * attempt));
                }
                Err(e) => return Err(busy_or(e, path)),
            }
        }
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
    /// writes nothing. The summary's partial counts go into the same transaction (an
    /// article replaced takes its old version's counts back), then are folded.
    pub fn put_articles<'a>(
        &self,
        articles: impl IntoIterator<Item = (&'a NamedNode, &'a str, &'a [Quad])>,
    ) -> Result<Vec<Outcome>, StoreError> {
        let (outcomes, partials) = self.put_articles_unfolded(articles, &Deltas::default())?;
        self.fold(&partials)?;
        Ok(outcomes)
    }

    /// [`put_articles`](Self::put_articles) without the fold, with more partial counts
    /// to commit in the same transaction (`extra`, counted by the caller); returns the
    /// partial counts' quads it committed, to fold.
    fn put_articles_unfolded<'a>(
        &self,
        articles: impl IntoIterator<Item = (&'a NamedNode, &'a str, &'a [Quad])>,
        extra: &Deltas,
    ) -> Result<(Vec<Outcome>, Vec<Quad>), StoreError> {
        let mut transaction = self.store.start_transaction()?;
        let mut outcomes = Vec::new();
        let mut deltas = extra.clone();
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
                let old =
                    transaction.quads_for_pattern(None, None, None, Some(graph)).collect::<Result<Vec<_>, _>>()?;
                deltas.add(&summary::keys(old.iter().map(Quad::as_ref)), -1);
                transaction.remove_named_graph(article.as_ref())?;
            }
            deltas.add(&summary::keys(quads.iter().map(Quad::as_ref)), 1);
            transaction.extend(quads.iter().map(Quad::as_ref));
            outcomes.push(if existed { Outcome::Replaced } else { Outcome::Added });
        }
        let mut partials = Vec::new();
        if outcomes.iter().any(|o| *o != Outcome::Unchanged) || !extra.0.is_empty() {
            partials = deltas.partial_quads();
            transaction.extend(partials.iter().map(Quad::as_ref));
            transaction.commit()?;
        }
        Ok((outcomes, partials))
    }

    /// Writes a batch of articles as [`put_articles`](Self::put_articles) does, but the
    /// new ones (no graph stored, once in the batch: most of a first ingest) go through
    /// Oxigraph's bulk loader, whose one atomic commit holds them all with their
    /// partial counts; the others (to compare, replace or repeat) follow in one
    /// transaction. Either way each article is stored whole or not at all, with its
    /// counts. The new articles' quads move into the loader: a copy of them all was a
    /// tenth of an ingest's peak memory.
    pub fn put_articles_bulk(&self, articles: Vec<(&NamedNode, &str, Vec<Quad>)>) -> Result<Vec<Outcome>, StoreError> {
        let mut seen: std::collections::HashMap<&NamedNode, usize> = std::collections::HashMap::new();
        for (article, _, _) in &articles {
            *seen.entry(*article).or_default() += 1;
        }
        let mut fresh = Vec::with_capacity(articles.len());
        for (article, _, _) in &articles {
            fresh.push(seen[article] == 1 && !self.store.contains_named_graph(article.as_ref())?);
        }
        let (mut new, mut others) = (Vec::new(), Vec::new());
        let mut deltas = Deltas::default();
        for (article, &f) in articles.into_iter().zip(&fresh) {
            if f {
                deltas.add(&summary::keys(article.2.iter().map(Quad::as_ref)), 1);
                new.push(article.2);
            } else {
                others.push(article);
            }
        }
        let mut partials = Vec::new();
        if !new.is_empty() {
            partials = deltas.partial_quads();
            // The loader sizes its hash sets by the quads of one `load_batch`: chunks of
            // 40,000 quads, one at a time, keep them small (it reserves a million by default).
            let mut loader = self.store.bulk_loader().with_num_threads(1).with_max_memory_size_in_megabytes(40);
            loader.load_quads(new.into_iter().flatten().chain(partials.iter().cloned()))?;
            loader.commit()?;
        }
        let others = others.iter().map(|(article, hash, quads)| (*article, *hash, quads.as_slice()));
        let (outcomes, more) = self.put_articles_unfolded(others, &Deltas::default())?;
        partials.extend(more);
        self.fold(&partials)?;
        let mut outcomes = outcomes.into_iter();
        Ok(fresh
            .iter()
            .map(|&f| if f { Outcome::Added } else { outcomes.next().expect("one outcome per article") })
            .collect())
    }

    /// Adds the summary's partial counts that are in the store (a crash's, an update's,
    /// a removal's) into their totals and removes them (a total that reaches zero goes,
    /// and a fact's node with it). Until this runs, the totals plus the partials are the
    /// counts (see `summary`).
    pub fn fold_summary(&self) -> Result<(), StoreError> {
        let graph = summary_graph();
        let graph = GraphNameRef::NamedNode(graph.as_ref());
        let tally_of = NamedNodeRef::new_unchecked(iri::NG_TALLY_OF);
        let mut quads = Vec::new();
        for partial in self.store.quads_for_pattern(None, Some(tally_of), None, Some(graph)) {
            let partial = partial?;
            for q in self.store.quads_for_pattern(Some(partial.subject.as_ref()), None, None, Some(graph)) {
                quads.push(q?);
            }
        }
        self.fold(&quads)
    }

    /// Folds partial counts, given as the quads of their blank nodes (other quads are
    /// left alone), into their totals and removes them. A batch folds the partials it
    /// has just written from memory: reading them back decoded each one's terms from
    /// RocksDB's strings, and those reads were most of what filled its string cache
    /// (BENCHMARKS.md, "The fold's reads").
    fn fold(&self, quads: &[Quad]) -> Result<(), StoreError> {
        let nodes: HashMap<&NamedOrBlankNode, &NamedNode> = quads
            .iter()
            .filter_map(|q| match &q.object {
                Term::NamedNode(node) if q.subject.is_blank_node() && q.predicate.as_str() == iri::NG_TALLY_OF => {
                    Some((&q.subject, node))
                }
                _ => None,
            })
            .collect();
        let mut partials: Vec<(&NamedNode, Vec<&Quad>)> = Vec::new();
        let mut at: HashMap<&NamedOrBlankNode, usize> = HashMap::new();
        for q in quads {
            let Some(&node) = nodes.get(&q.subject) else { continue };
            let i = *at.entry(&q.subject).or_insert_with(|| {
                partials.push((node, Vec::new()));
                partials.len() - 1
            });
            partials[i].1.push(q);
        }
        // Any set of whole partials folds on its own, so the fold goes in chunks: a
        // transaction's pending writes are held in memory until it commits.
        for chunk in partials.chunks(FOLD_CHUNK) {
            self.fold_partials(chunk)?;
        }
        // The fold's writes sit in RocksDB's write buffers, one per index, until flushed;
        // a batch's bulk load writes its files directly. Flushed now, the buffers do not
        // grow over an ingest.
        Ok(self.store.flush()?)
    }

    /// Folds these partial counts (each its node and its blank node's quads) into their
    /// totals in one transaction.
    fn fold_partials(&self, partials: &[(&NamedNode, Vec<&Quad>)]) -> Result<(), StoreError> {
        let graph = summary_graph();
        let graph = GraphNameRef::NamedNode(graph.as_ref());
        let mut transaction = self.store.start_transaction()?;
        let mut sums: BTreeMap<(&NamedNode, &NamedNode), i64> = BTreeMap::new();
        for (node, quads) in partials {
            for q in quads {
                if let Some(n) = integer(&q.object) {
                    *sums.entry((*node, &q.predicate)).or_default() += n;
                }
                transaction.remove(*q);
            }
        }
        let keys: Vec<(&NamedNode, &NamedNode)> = sums.keys().copied().collect();
        let mut emptied = Vec::new();
        for ((&(node, property), n), old) in sums.iter().zip(totals(&transaction, &keys)?) {
            let total = n + old.iter().map(|(_, n)| n).sum::<i64>();
            for (l, _) in &old {
                transaction.remove(QuadRef::new(node, property, l, graph));
            }
            if total > 0 {
                transaction.insert(QuadRef::new(node, property, &summary::count(total), graph));
            } else {
                emptied.push(node);
            }
        }
        // A node left with no count goes whole (a fact's tally node says what it is
        // about); only removals get here, so reading its quads back is rare.
        for node in emptied {
            let quads = transaction
                .quads_for_pattern(Some(node.as_ref().into()), None, None, Some(graph))
                .collect::<Result<Vec<_>, _>>()?;
            let counted = quads.iter().any(|q| summary::COUNT_PROPERTIES.contains(&q.predicate.as_str()));
            if !counted {
                for q in &quads {
                    transaction.remove(q);
                }
            }
        }
        Ok(transaction.commit()?)
    }

    /// Builds the summary again from the articles' graphs, replacing what it held, in
    /// one transaction: for a store written before summaries were kept, or changed by
    /// an UPDATE. Returns the number of articles counted.
    pub fn rebuild_summary(&self) -> Result<usize, StoreError> {
        let (summary, background) = (summary_graph(), background_graph());
        let article_type = NamedNodeRef::new_unchecked(iri::SCHEMA_NEWS_ARTICLE);
        let rdf_type = NamedNodeRef::new_unchecked(iri::RDF_TYPE);
        let mut deltas = Deltas::default();
        let mut articles = 0;
        for graph in self.store.named_graphs() {
            let NamedOrBlankNode::NamedNode(graph) = graph? else { continue };
            if graph == summary || graph == background {
                continue;
            }
            let name = GraphNameRef::NamedNode(graph.as_ref());
            if !self.store.contains(QuadRef::new(graph.as_ref(), rdf_type, article_type, name))? {
                continue;
            }
            let quads = self.store.quads_for_pattern(None, None, None, Some(name)).collect::<Result<Vec<_>, _>>()?;
            deltas.add(&summary::keys(quads.iter().map(Quad::as_ref)), 1);
            articles += 1;
        }
        let mut transaction = self.store.start_transaction()?;
        transaction.remove_named_graph(summary.as_ref())?;
        transaction.extend(deltas.total_quads().iter().map(Quad::as_ref));
        transaction.insert(summary::marker().as_ref());
        transaction.commit()?;
        Ok(articles)
    }

    /// Rebuilds the summary unless this version keeps it already (see
    /// [`rebuild_summary`](Self::rebuild_summary)); true when it was rebuilt. An empty
    /// store only gets the marker.
    pub fn ensure_summary(&self) -> Result<bool, StoreError> {
        if self.store.contains(summary::marker().as_ref())? {
            // Partial counts a crash left are folded now rather than at the next commit.
            self.fold_summary()?;
            return Ok(false);
        }
        self.rebuild_summary()?;
        Ok(true)
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

    /// Removes an article's graph, and its counts from the summary, in one
    /// transaction; false when there was none.
    pub fn remove_article(&self, article: &NamedNode) -> Result<bool, StoreError> {
        if !self.store.contains_named_graph(article.as_ref())? {
            return Ok(false);
        }
        let mut transaction = self.store.start_transaction()?;
        let graph = GraphNameRef::NamedNode(article.as_ref());
        let old = transaction.quads_for_pattern(None, None, None, Some(graph)).collect::<Result<Vec<_>, _>>()?;
        let mut deltas = Deltas::default();
        deltas.add(&summary::keys(old.iter().map(Quad::as_ref)), -1);
        transaction.remove_named_graph(article.as_ref())?;
        transaction.extend(deltas.partial_quads().iter().map(Quad::as_ref));
        transaction.commit()?;
        self.fold_summary()?;
        Ok(true)
    }

    /// Runs a SPARQL query over the union of all graphs, with variables bound to terms.
    pub fn query(&self, sparql: &str, bindings: &[(Variable, Term)]) -> Result<QueryResults<'static>, StoreError> {
        self.query_with(sparql, bindings, QueryLimits::default())
    }

    /// [`GraphStore::query`] within limits: UPDATE refused, `SERVICE` refused unless
    /// allowed, cancelled after the timeout.
    pub fn query_with(
        &self,
        sparql: &str,
        bindings: &[(Variable, Term)],
        limits: QueryLimits,
    ) -> Result<QueryResults<'static>, StoreError> {
        let parsed = match spargebra::SparqlParser::new().parse_query(sparql) {
            Ok(parsed) => parsed,
            Err(_) if spargebra::SparqlParser::new().parse_update(sparql).is_ok() => return Err(StoreError::Update),
            Err(e) => return Err(StoreError::Syntax(e.to_string())),
        };
        if !limits.allow_service {
            if let Some(service) = service_of_query(&parsed) {
                return Err(StoreError::Service(service));
            }
        }
        let mut evaluator = SparqlEvaluator::new();
        if let Some(timeout) = limits.timeout {
            let token = CancellationToken::new();
            evaluator = evaluator.with_cancellation_token(token.clone());
            // The thread only sleeps; the process does not wait for it to end.
            std::thread::spawn(move || {
                std::thread::sleep(timeout);
                token.cancel();
            });
        }
        let mut prepared = evaluator.for_query(parsed);
        prepared.dataset_mut().set_default_graph_as_union();
        for (variable, term) in bindings {
            prepared = prepared.substitute_variable(variable.clone(), term.clone());
        }
        prepared.on_store(&self.store).execute().map_err(|e| StoreError::Evaluation(e.to_string()))
    }

    /// Runs a query as [`GraphStore::query`] does, reads every result, and returns
    /// Oxigraph's plan with its statistics (rows and time per step), for finding
    /// why a saved query is slow.
    pub fn explain(&self, sparql: &str, bindings: &[(Variable, Term)]) -> Result<String, StoreError> {
        let parsed =
            spargebra::SparqlParser::new().parse_query(sparql).map_err(|e| StoreError::Syntax(e.to_string()))?;
        let mut prepared = SparqlEvaluator::new().for_query(parsed);
        prepared.dataset_mut().set_default_graph_as_union();
        for (variable, term) in bindings {
            prepared = prepared.substitute_variable(variable.clone(), term.clone());
        }
        let (results, explanation) = prepared.on_store(&self.store).compute_statistics().explain();
        if let QueryResults::Solutions(solutions) = results.map_err(|e| StoreError::Evaluation(e.to_string()))? {
            for solution in solutions {
                solution.map_err(|e| StoreError::Evaluation(e.to_string()))?;
            }
        }
        Ok(format!("{explanation:?}"))
    }

    /// Runs a SPARQL UPDATE (never with `SERVICE` or `LOAD`: nothing from another
    /// endpoint) in one transaction and says what it changed: each graph whose quads
    /// differ, with its size before and after. The changed articles' summary counts
    /// move in the same commit, so a crash leaves both or neither; an update that
    /// edits the summary itself has it rebuilt from the articles.
    pub fn update(&self, sparql: &str) -> Result<Vec<GraphChange>, StoreError> {
        let parsed = match spargebra::SparqlParser::new().parse_update(sparql) {
            Ok(parsed) => parsed,
            Err(_) if spargebra::SparqlParser::new().parse_query(sparql).is_ok() => {
                return Err(StoreError::NotAnUpdate)
            }
            Err(e) => return Err(StoreError::Syntax(e.to_string())),
        };
        for operation in &parsed.operations {
            match operation {
                GraphUpdateOperation::DeleteInsert { pattern, .. } => {
                    if let Some(service) = service_of(pattern) {
                        return Err(StoreError::Service(service));
                    }
                }
                GraphUpdateOperation::Load { source, .. } => return Err(StoreError::Service(format!("LOAD {source}"))),
                _ => {}
            }
        }
        let before = graph_digests(self.store.iter())?;
        let mut transaction = self.store.start_transaction()?;
        SparqlEvaluator::new()
            .for_update(parsed)
            .on_transaction(&mut transaction)
            .execute()
            .map_err(|e| StoreError::UpdateFailed(e.to_string()))?;
        let after = graph_digests(transaction.iter())?;
        let mut graphs: Vec<&GraphName> = before.keys().chain(after.keys()).collect();
        graphs.sort_by_key(|g| g.to_string());
        graphs.dedup();
        graphs.retain(|g| before.get(g) != after.get(g));
        // Each changed article's counts move as a re-ingest's do: its old version's
        // keys (read outside the transaction, which still sees the store as it was)
        // come off, its new version's go on, in the same commit as the update.
        let (summary, background) = (summary_graph(), background_graph());
        let mut deltas = Deltas::default();
        let mut summary_edited = false;
        for &graph in &graphs {
            let GraphName::NamedNode(name) = graph else { continue };
            if *name == summary {
                summary_edited = true;
                continue;
            }
            if *name == background {
                continue;
            }
            let name = GraphNameRef::NamedNode(name.as_ref());
            let old = self.store.quads_for_pattern(None, None, None, Some(name)).collect::<Result<Vec<_>, _>>()?;
            let new = transaction.quads_for_pattern(None, None, None, Some(name)).collect::<Result<Vec<_>, _>>()?;
            for (quads, sign) in [(old, -1), (new, 1)] {
                if is_article(name, &quads) {
                    deltas.add(&summary::keys(quads.iter().map(Quad::as_ref)), sign);
                }
            }
        }
        transaction.extend(deltas.partial_quads().iter().map(Quad::as_ref));
        transaction.commit()?;
        if summary_edited {
            // Counts written by hand are not kept: the summary is the articles' counts.
            self.rebuild_summary()?;
        } else {
            self.fold_summary()?;
        }
        Ok(graphs
            .into_iter()
            .map(|g| {
                let size = |digests: &HashMap<GraphName, Digest>| digests.get(g).map_or(0, |d| d.quads);
                GraphChange { graph: g.clone(), before: size(&before), after: size(&after) }
            })
            .collect())
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

    /// Compacts the store (RocksDB's full compaction of every index): after many
    /// batches, a lookup no longer has to consult many small files.
    pub fn compact(&self) -> Result<(), StoreError> {
        Ok(self.store.optimize()?)
    }

    /// Flushes writes to disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        Ok(self.store.flush()?)
    }
}

/// Each graph's digest over these quads (a whole store's or a transaction's).
fn graph_digests(
    quads: impl Iterator<Item = Result<Quad, StorageError>>,
) -> Result<HashMap<GraphName, Digest>, StoreError> {
    let mut digests: HashMap<GraphName, Digest> = HashMap::new();
    for quad in quads {
        let quad = quad?;
        let mut hasher = DefaultHasher::new();
        quad.hash(&mut hasher);
        let hash = hasher.finish();
        let digest = digests.entry(quad.graph_name).or_default();
        digest.quads += 1;
        digest.sum = digest.sum.wrapping_add(hash);
    }
    Ok(digests)
}

/// Whether these quads of a graph make an article: the graph's node typed
/// `schema:NewsArticle` in it.
fn is_article(graph: GraphNameRef<'_>, quads: &[Quad]) -> bool {
    let GraphNameRef::NamedNode(node) = graph else { return false };
    quads.iter().any(|q| {
        q.predicate.as_str() == iri::RDF_TYPE
            && q.object.as_ref() == TermRef::NamedNode(NamedNodeRef::new_unchecked(iri::SCHEMA_NEWS_ARTICLE))
            && q.subject.as_ref() == NamedOrBlankNodeRef::NamedNode(node)
    })
}

/// The totals the summary holds now for these (node, property) keys, in their order
/// (more than one only if a crash left one half-replaced), by one query per chunk of
/// keys. Oxigraph still looks each key's IRI up in RocksDB's strings (to encode the
/// query's constants), once per key; reading the quads back would decode three terms
/// of each.
fn totals(
    transaction: &Transaction<'_>,
    keys: &[(&NamedNode, &NamedNode)],
) -> Result<Vec<Vec<(Literal, i64)>>, StoreError> {
    let mut query = String::from("SELECT ?i ?n WHERE { VALUES (?i ?node ?p) {");
    for (i, (node, property)) in keys.iter().enumerate() {
        query.push_str(&format!(" ({i} {node} {property})"));
    }
    query.push_str(&format!(" }} GRAPH {} {{ ?node ?p ?n }} }}", summary_graph()));
    let evaluation = |e: oxigraph::sparql::QueryEvaluationError| StoreError::Evaluation(e.to_string());
    let parsed = SparqlEvaluator::new().parse_query(&query).map_err(|e| StoreError::Syntax(e.to_string()))?;
    let mut totals = vec![Vec::new(); keys.len()];
    if let QueryResults::Solutions(solutions) = parsed.on_transaction(transaction).execute().map_err(evaluation)? {
        for solution in solutions {
            let solution = solution.map_err(evaluation)?;
            let i = solution.get("i").and_then(integer).and_then(|i| usize::try_from(i).ok());
            if let (Some(i), Some(n @ Term::Literal(l))) = (i, solution.get("n")) {
                totals[i].extend(integer(n).map(|n| (l.clone(), n)));
            }
        }
    }
    Ok(totals)
}

/// The value of an `xsd:integer` literal.
fn integer(term: &Term) -> Option<i64> {
    match term {
        Term::Literal(l) if l.datatype().as_str() == "http://www.w3.org/2001/XMLSchema#integer" => {
            l.value().parse().ok()
        }
        _ => None,
    }
}

/// The endpoint of the first `SERVICE` pattern of a query, if any.
fn service_of_query(query: &spargebra::Query) -> Option<String> {
    match query {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => service_of(pattern),
    }
}

fn service_of(pattern: &GraphPattern) -> Option<String> {
    match pattern {
        GraphPattern::Service { name, .. } => Some(name.to_string()),
        GraphPattern::Bgp { .. } | GraphPattern::Path { .. } | GraphPattern::Values { .. } => None,
        GraphPattern::Join { left, right }
        | GraphPattern::Lateral { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => service_of(left).or_else(|| service_of(right)),
        GraphPattern::LeftJoin { left, right, expression } => {
            service_of(left).or_else(|| service_of(right)).or_else(|| expression.as_ref().and_then(service_in))
        }
        GraphPattern::Filter { expr, inner } => service_in(expr).or_else(|| service_of(inner)),
        GraphPattern::Extend { inner, expression, .. } => service_in(expression).or_else(|| service_of(inner)),
        GraphPattern::OrderBy { inner, expression } => service_of(inner).or_else(|| {
            expression.iter().find_map(|e| match e {
                OrderExpression::Asc(e) | OrderExpression::Desc(e) => service_in(e),
            })
        }),
        GraphPattern::Group { inner, aggregates, .. } => service_of(inner).or_else(|| {
            aggregates.iter().find_map(|(_, a)| match a {
                AggregateExpression::FunctionCall { expr, .. } => service_in(expr),
                AggregateExpression::CountSolutions { .. } => None,
            })
        }),
        GraphPattern::Graph { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. } => service_of(inner),
    }
}

/// A `SERVICE` inside an expression (`FILTER EXISTS { SERVICE … }`).
fn service_in(expression: &Expression) -> Option<String> {
    match expression {
        Expression::Exists(pattern) => service_of(pattern),
        Expression::NamedNode(_) | Expression::Literal(_) | Expression::Variable(_) | Expression::Bound(_) => None,
        Expression::Or(a, b)
        | Expression::And(a, b)
        | Expression::Equal(a, b)
        | Expression::SameTerm(a, b)
        | Expression::Greater(a, b)
        | Expression::GreaterOrEqual(a, b)
        | Expression::Less(a, b)
        | Expression::LessOrEqual(a, b)
        | Expression::Add(a, b)
        | Expression::Subtract(a, b)
        | Expression::Multiply(a, b)
        | Expression::Divide(a, b) => service_in(a).or_else(|| service_in(b)),
        Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => service_in(a),
        Expression::If(a, b, c) => service_in(a).or_else(|| service_in(b)).or_else(|| service_in(c)),
        Expression::In(a, list) => service_in(a).or_else(|| list.iter().find_map(service_in)),
        Expression::Coalesce(list) | Expression::FunctionCall(_, list) => list.iter().find_map(service_in),
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
