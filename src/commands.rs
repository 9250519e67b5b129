//! What each command does: validates the options, opens what it needs (extractor,
//! store) and prints results. The library does the work; this module only reads
//! arguments, writes to the terminal and decides exit codes.
//!
//! A panic while extracting one article is caught here: the article is reported as
//! failed and the batch goes on (the panic hook in `main` keeps the message quiet).

use crate::cli::{Cli, Command, ExportFormat, ExtractFormat, MetaArgs, QueriesAction, QueryFormat};
use anyhow::{bail, Context, Result};
use newsgraph::date::Date;
use newsgraph::input::{self, Defaults, Lang};
use newsgraph::store::{GraphStore, Outcome, QueryLimits, StoreError};
use newsgraph::{parallel, queries, rdf, Article, Config, Extractor};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, Quad, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults};
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Fault injection for the tests: `NEWSGRAPH_FAULT=panic-at-start` panics before a
/// command runs, `NEWSGRAPH_FAULT=panic-on:TEXT` while extracting an article whose
/// text holds TEXT (no panic may reach a user, whatever goes wrong), and
/// `NEWSGRAPH_FAULT=abort-after:N` ends `ingest` abruptly, no clean-up, once it has
/// written N articles or more (a crash at a known point of a run: after the commit
/// that reaches N, since articles are written in batches).
const FAULT: &str = "NEWSGRAPH_FAULT";

fn abort_after(written: usize) {
    let Some(fault) = std::env::var_os(FAULT) else { return };
    let at: Option<usize> = fault.to_string_lossy().strip_prefix("abort-after:").and_then(|n| n.parse().ok());
    if at.is_some_and(|at| written >= at) {
        std::process::abort();
    }
}

fn injected_fault(article: Option<&str>) {
    let Some(fault) = std::env::var_os(FAULT) else { return };
    let fault = fault.to_string_lossy();
    match (fault.strip_prefix("panic-on:"), article) {
        (Some(marker), Some(text)) if text.contains(marker) => panic!("fault injected by {FAULT}"),
        (None, None) if fault == "panic-at-start" => panic!("fault injected by {FAULT}"),
        _ => {}
    }
}

/// Bad inputs shown for one file: a feed that is not JSON Lines at all would bury
/// everything else under a line per line; past this many, they are only counted.
const SHOWN_PER_FILE: usize = 20;

/// The articles of the inputs, read in order. What cannot be read is printed (up to
/// [`SHOWN_PER_FILE`] a file) and counted in `failed`, and the batch goes on.
struct Reader<'a> {
    files: std::vec::IntoIter<std::path::PathBuf>,
    reading: Option<(std::path::PathBuf, input::Articles)>,
    defaults: &'a Defaults,
    bad_in_file: usize,
    /// Inputs (paths, files, lines) that failed so far.
    failed: usize,
}

impl<'a> Reader<'a> {
    fn new(paths: &[std::path::PathBuf], defaults: &'a Defaults) -> Reader<'a> {
        let (files, errors) = input::expand_paths(paths);
        for error in &errors {
            eprintln!("newsgraph: {error}");
        }
        Reader { files: files.into_iter(), reading: None, defaults, bad_in_file: 0, failed: errors.len() }
    }
}

impl Iterator for Reader<'_> {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        loop {
            if self.reading.is_none() {
                let file = self.files.next()?;
                let articles = input::read(&file, self.defaults);
                self.reading = Some((file, articles));
                self.bad_in_file = 0;
            }
            let (file, articles) = self.reading.as_mut()?;
            let Some(article) = articles.next() else {
                if self.bad_in_file > SHOWN_PER_FILE {
                    let more = self.bad_in_file - SHOWN_PER_FILE;
                    eprintln!("newsgraph: {}: {more} more bad lines not shown", file.display());
                }
                self.reading = None;
                continue;
            };
            match article {
                Ok(article) => return Some(article),
                Err(error) => {
                    self.failed += 1;
                    self.bad_in_file += 1;
                    if self.bad_in_file <= SHOWN_PER_FILE {
                        eprintln!("newsgraph: {error}");
                    }
                }
            }
        }
    }
}

/// Extraction and the article's quads, with a panic turned into an error naming the
/// article, so that one article the extractor cannot handle does not stop a batch.
fn extract_article(
    ex: &Extractor,
    article: &newsgraph::Article,
) -> Result<(newsgraph::Extraction, Vec<Quad>), input::InputError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        injected_fault(Some(&article.text));
        let extraction = ex.extract(article);
        let quads = rdf::article_quads(article, &extraction, &ex.gazetteer);
        (extraction, quads)
    }))
    .map_err(|panic| input::InputError::Invalid {
        origin: article.origin.clone(),
        message: format!("internal error while extracting ({}); article skipped", crate::panic_message(&*panic)),
    })
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let config = Config { lexicon_dir: cli.lexicon.clone() };
    injected_fault(None);
    match cli.command {
        Command::Ingest { paths, batch, meta } => {
            let batch = batch as usize;
            ingest(&cli.store, &config, &paths, &meta, cli.quiet, threads(cli.threads), batch)
        }
        Command::Query { query: text, format, params, timeout, allow_service } => {
            let limits = QueryLimits { allow_service, timeout: timeout.map(Duration::from_secs_f64) };
            if let Some(timeout) = limits.timeout {
                watchdog(timeout);
            }
            query(&cli.store, &text, format, &params, limits)
        }
        Command::Update { update: text } => update(&cli.store, &text),
        Command::Queries { action: None } => list_queries(),
        Command::Queries { action: Some(QueriesAction::Show { name }) } => {
            let q = queries::find(&name)
                .with_context(|| format!("no saved query named {name:?} (see `newsgraph queries`)"))?;
            print!("{}", q.text);
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { paths, format, explain, meta } => {
            extract(&config, &paths, format, explain, &meta, threads(cli.threads))
        }
        Command::Export { format, graph, query, params, output } => {
            let filter = query.map(|q| (q, params));
            let out = output_to(&output)?;
            export(&cli.store, format, graph.as_deref(), filter.as_ref(), cli.quiet, out)
        }
        Command::Articles => articles(&cli.store),
        Command::Remove { article } => remove(&cli.store, &article),
        Command::Stats => stats(&cli.store),
        Command::Summarize => summarize(&cli.store, cli.quiet),
        Command::Completions { shell } => {
            let mut out = io::stdout().lock();
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "newsgraph", &mut out);
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { bind, timeout, max_results } => {
            let settings = crate::serve::Settings { bind, timeout: Duration::from_secs_f64(timeout), max_results };
            crate::serve::serve(&cli.store, &settings)
        }
        Command::Man => {
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn defaults(meta: &MetaArgs) -> Result<Defaults> {
    let lang = match meta.lang.as_str() {
        "auto" => None,
        tag => Some(Lang::parse(tag).with_context(|| format!("--lang {tag:?}: expected pt, en or auto"))?),
    };
    let published = match &meta.published {
        Some(text) => Some(
            Date::parse_iso(text).with_context(|| format!("--published {text:?}: expected a date as YYYY-MM-DD"))?,
        ),
        None => None,
    };
    Ok(Defaults { lang, published, url: meta.url.clone(), title: meta.title.clone() })
}

fn extractor(config: &Config) -> Result<Extractor> {
    Extractor::new(config).context("loading the gazetteer and lexicons")
}

/// `--threads`: 0 is one per core.
fn threads(requested: usize) -> usize {
    if requested == 0 {
        parallel::available_threads()
    } else {
        requested
    }
}

/// One article extracted, ready for the writer.
struct Prepared {
    origin: String,
    iri: NamedNode,
    hash: String,
    quads: Vec<Quad>,
    warnings: Vec<String>,
    entities: usize,
    relations: usize,
}

/// Extracts an article and builds its graph (the work done in parallel).
fn prepare(ex: &Extractor, article: Article) -> Result<Prepared, input::InputError> {
    let (extraction, mut quads) = extract_article(ex, &article)?;
    // A batch holds a thousand of these until it is written: without the room the vector
    // grew into (up to twice its length) they were a tenth of an ingest's peak memory.
    quads.shrink_to_fit();
    Ok(Prepared {
        iri: rdf::article_iri(&article),
        hash: rdf::content_hash(&article.text),
        quads,
        entities: extraction.mention_entities.iter().flatten().collect::<std::collections::HashSet<_>>().len(),
        relations: extraction.facts.iter().filter(|f| f.is_asserted()).count(),
        warnings: extraction.warnings,
        origin: article.origin,
    })
}

/// Articles written in one commit: up to `--batch` articles or this many quads. Two
/// batches are in memory at once (one filling, one being written), so this bounds
/// most of an ingest's own memory: a corpus ingest peaked at 241–277 MB RSS with 200,000
/// and at 205–216 MB with 100,000 (same CPU time within the noise of a loaded machine).
const BATCH_QUADS: usize = 100_000;

/// What an ingest did so far.
#[derive(Default)]
struct Tally {
    added: usize,
    replaced: usize,
    unchanged: usize,
    entities: usize,
    relations: usize,
}

/// Writes a batch of articles (new ones through the bulk loader) and empties it.
fn write_batch(store: &GraphStore, batch: &mut Vec<Prepared>, tally: &mut Tally) -> Result<()> {
    // The quads are handed over (the counts below are all that is left to read).
    let quads: Vec<_> = batch.iter_mut().map(|p| std::mem::take(&mut p.quads)).collect();
    let (Some(first), Some(last)) = (batch.first(), batch.last()) else { return Ok(()) };
    let articles: Vec<_> = batch.iter().zip(quads).map(|(p, quads)| (&p.iri, p.hash.as_str(), quads)).collect();
    let outcomes = store.put_articles_bulk(articles).with_context(|| {
        if batch.len() == 1 {
            format!("{}: writing to the store", first.origin)
        } else {
            format!("{} to {}: writing to the store", first.origin, last.origin)
        }
    })?;
    for (outcome, prepared) in outcomes.iter().zip(batch.iter()) {
        match outcome {
            Outcome::Added => tally.added += 1,
            Outcome::Replaced => tally.replaced += 1,
            Outcome::Unchanged => tally.unchanged += 1,
        }
        tally.entities += prepared.entities;
        tally.relations += prepared.relations;
    }
    batch.clear();
    abort_after(tally.added + tally.replaced);
    Ok(())
}

/// Extracts on `threads` threads; this thread gathers the articles in input order
/// into batches, and one writer thread commits each batch while the next fills.
fn ingest(
    store_path: &std::path::Path,
    config: &Config,
    paths: &[std::path::PathBuf],
    meta: &MetaArgs,
    quiet: bool,
    threads: usize,
    batch_articles: usize,
) -> Result<ExitCode> {
    let started = Instant::now();
    let defaults = defaults(meta)?;
    // The store first: a busy store is said at once, not after compiling the lexicons.
    let store =
        GraphStore::open(store_path).with_context(|| format!("opening the store at {}", store_path.display()))?;
    let ex = extractor(config)?;
    store
        .ensure_background(&newsgraph::ontology::background_hash(), || {
            newsgraph::ontology::background_quads(&ex.gazetteer).context("parsing the ontology")
        })
        .context("loading the gazetteer into the store")?;
    // A store written before the summary was kept gets it now, from its articles.
    store.ensure_summary().context("building the summary")?;
    let mut articles = Reader::new(paths, &defaults);
    let mut failed = 0;
    let mut batch: Vec<Prepared> = Vec::new();
    let mut batch_quads = 0;
    let progress = crate::progress::articles(quiet);
    // A writer thread commits one batch while the next one is extracted: the
    // extraction threads no longer wait for each commit (at most one batch is being
    // written and one filled).
    let tally = std::thread::scope(|scope| -> Result<Tally> {
        let (to_writer, batches) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(0);
        let writer = scope.spawn(|| -> Result<Tally> {
            let mut tally = Tally::default();
            for mut batch in batches {
                write_batch(&store, &mut batch, &mut tally)?;
            }
            Ok(tally)
        });
        let extracted = parallel::map_ordered(
            &mut articles,
            threads,
            |article| prepare(&ex, article),
            |prepared| -> Result<()> {
                progress.inc(1);
                let Some(prepared) = told_or_counted(prepared, &mut failed) else { return Ok(()) };
                for warning in &prepared.warnings {
                    eprintln!("newsgraph: {}: {warning}", prepared.origin);
                }
                batch_quads += prepared.quads.len();
                batch.push(prepared);
                if batch.len() >= batch_articles || batch_quads >= BATCH_QUADS {
                    // A closed channel means the writer failed: its error is reported below.
                    to_writer.send(std::mem::take(&mut batch)).map_err(|_| anyhow::anyhow!("the writer stopped"))?;
                    batch_quads = 0;
                }
                Ok(())
            },
        );
        if extracted.is_ok() && !batch.is_empty() {
            // As above: if the writer is gone, its own error is the one to report.
            let _ = to_writer.send(std::mem::take(&mut batch));
        }
        drop(to_writer);
        let tally = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        extracted.map(|()| tally)
    })?;
    progress.finish_and_clear();
    store.flush()?;
    let failed = failed + articles.failed;
    if !quiet {
        let Tally { added, replaced, unchanged, entities, relations } = tally;
        eprintln!(
            "ingested {} articles ({added} new, {replaced} replaced, {unchanged} unchanged), {entities} entities, {relations} relations, {failed} failed, in {:.2} s",
            added + replaced + unchanged,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn query_text(query: &str) -> Result<String> {
    if let Some(saved) = queries::find(query) {
        return Ok(saved.text);
    }
    if query.ends_with(".rq") && std::path::Path::new(query).is_file() {
        return std::fs::read_to_string(query).with_context(|| format!("reading {query}"));
    }
    // Saved queries' names hold no space; SPARQL (even `DROP ALL`) does.
    if !query.contains(char::is_whitespace) && !query.contains('{') {
        bail!("{query:?} is neither a saved query (see `newsgraph queries`), a .rq file nor SPARQL");
    }
    Ok(query.to_string())
}

/// Oxigraph checks its cancellation token between rows it reads from the store, so
/// a query busy inside one step (a cross product of large patterns) can outlive its
/// timeout by minutes: past a second's grace, the process ends. Queries only read
/// (the store is open read-only), so nothing is left half-written.
fn watchdog(timeout: Duration) {
    std::thread::spawn(move || {
        std::thread::sleep(timeout + Duration::from_secs(1));
        eprintln!("newsgraph: query cancelled: it ran past --timeout {}", timeout.as_secs_f64());
        std::process::exit(2);
    });
}

/// A query's failure while its results are read, said plainly.
fn evaluation_error(error: QueryEvaluationError, limits: QueryLimits) -> anyhow::Error {
    match (error, limits.timeout) {
        (QueryEvaluationError::Cancelled, Some(timeout)) => {
            anyhow::anyhow!("query cancelled: it ran past --timeout {}", timeout.as_secs_f64())
        }
        (error, _) => anyhow::anyhow!("query failed: {error}"),
    }
}

fn query(
    store_path: &std::path::Path,
    query: &str,
    format: QueryFormat,
    params: &[String],
    limits: QueryLimits,
) -> Result<ExitCode> {
    let (text, bindings) = query_with_params(query, params)?;
    let store = GraphStore::open_read_only(store_path)?;
    let results = match store.query_with(&text, &bindings, limits) {
        Err(StoreError::Update) => {
            bail!("{}: `newsgraph update` runs it and says what it changed", StoreError::Update)
        }
        Err(StoreError::Evaluation(message)) if limits.timeout.is_some() && message.contains("cancel") => {
            return Err(evaluation_error(QueryEvaluationError::Cancelled, limits))
        }
        results => results?,
    };
    let fail = |e| evaluation_error(e, limits);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let results_format = match format {
                QueryFormat::Csv => QueryResultsFormat::Csv,
                QueryFormat::Tsv => QueryResultsFormat::Tsv,
                QueryFormat::Json => QueryResultsFormat::Json,
                QueryFormat::Xml => QueryResultsFormat::Xml,
                QueryFormat::Table => {
                    let mut table = comfy_table::Table::new();
                    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
                    table.set_header(variables.iter().map(|v| v.as_str()));
                    let mut rows = 0;
                    for solution in solutions {
                        let solution = solution.map_err(fail)?;
                        table.add_row(variables.iter().map(|v| solution.get(v).map(short).unwrap_or_default()));
                        rows += 1;
                    }
                    writeln!(out, "{table}")?;
                    writeln!(out, "{rows} rows")?;
                    out.flush()?;
                    return Ok(ExitCode::SUCCESS);
                }
                QueryFormat::Turtle
                | QueryFormat::Ntriples
                | QueryFormat::Nquads
                | QueryFormat::Trig
                | QueryFormat::Rdfxml
                | QueryFormat::Jsonld => bail!(
                    "--format {} is for CONSTRUCT and DESCRIBE queries; a SELECT gives table, csv, tsv, json or xml",
                    clap::ValueEnum::to_possible_value(&format).map(|v| v.get_name().to_string()).unwrap_or_default()
                ),
            };
            let mut writer = QueryResultsSerializer::from_format(results_format)
                .serialize_solutions_to_writer(&mut out, variables)?;
            for solution in solutions {
                writer.serialize(&solution.map_err(fail)?)?;
            }
            writer.finish()?;
        }
        QueryResults::Boolean(value) => {
            let results_format = match format {
                QueryFormat::Xml => QueryResultsFormat::Xml,
                QueryFormat::Csv => QueryResultsFormat::Csv,
                QueryFormat::Tsv => QueryResultsFormat::Tsv,
                QueryFormat::Json => QueryResultsFormat::Json,
                _ => {
                    writeln!(out, "{value}")?;
                    return Ok(ExitCode::SUCCESS);
                }
            };
            QueryResultsSerializer::from_format(results_format).serialize_boolean_to_writer(&mut out, value)?;
        }
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                QueryFormat::Ntriples => RdfFormat::NTriples,
                QueryFormat::Nquads => RdfFormat::NQuads,
                QueryFormat::Trig => RdfFormat::TriG,
                QueryFormat::Rdfxml => RdfFormat::RdfXml,
                QueryFormat::Jsonld => JSON_LD,
                _ => RdfFormat::Turtle,
            };
            let mut writer = prefixed(RdfSerializer::from_format(rdf_format)).for_writer(&mut out);
            for triple in triples {
                writer.serialize_triple(&triple.map_err(fail)?)?;
            }
            writer.finish()?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A term as a person reads it: prefixed IRIs, bare literal values.
fn short(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => {
            for (prefix, ns) in PREFIXES {
                if let Some(local) = n.as_str().strip_prefix(ns) {
                    return format!("{prefix}:{local}");
                }
            }
            n.as_str().to_string()
        }
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

const PREFIXES: &[(&str, &str)] = &[
    ("ng", newsgraph::vocab::NG),
    ("ngid", newsgraph::vocab::NGID),
    ("schema", newsgraph::vocab::SCHEMA),
    ("rdfs", newsgraph::vocab::RDFS),
    ("skos", newsgraph::vocab::SKOS),
    ("owl", newsgraph::vocab::OWL),
    ("prov", newsgraph::vocab::PROV),
    ("dcterms", newsgraph::vocab::DCTERMS),
    ("xsd", newsgraph::vocab::XSD),
];

fn prefixed(mut serializer: RdfSerializer) -> RdfSerializer {
    for (prefix, ns) in PREFIXES {
        serializer = serializer.with_prefix(*prefix, *ns).expect("valid prefixes");
    }
    serializer
}

fn list_queries() -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for q in queries::saved() {
        writeln!(out, "{:<26} {}", q.name, q.title)?;
        writeln!(out, "{:<26} {}", "", q.description)?;
        for (name, about) in &q.params {
            writeln!(out, "{:<26}   --param {name}=…  {about}", "")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn extract(
    config: &Config,
    paths: &[std::path::PathBuf],
    format: ExtractFormat,
    explain: bool,
    meta: &MetaArgs,
    threads: usize,
) -> Result<ExitCode> {
    let defaults = defaults(meta)?;
    let ex = extractor(config)?;
    let mut articles = Reader::new(paths, &defaults);
    let mut failed = 0;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let rdf_format = if format == ExtractFormat::Nquads { RdfFormat::NQuads } else { RdfFormat::TriG };
    let work =
        |article: Article| extract_article(&ex, &article).map(|(extraction, quads)| (article, extraction, quads));
    parallel::map_ordered(&mut articles, threads, work, |extracted| -> Result<()> {
        let Some((article, extraction, quads)) = told_or_counted(extracted, &mut failed) else { return Ok(()) };
        for warning in &extraction.warnings {
            eprintln!("newsgraph: {}: {warning}", article.origin);
        }
        if explain {
            return explain_facts(&mut out, &article, &extraction);
        }
        if format == ExtractFormat::Json {
            serde_json::to_writer(&mut out, &newsgraph::annotation::annotations(&article, &extraction, &ex))?;
            writeln!(out)?;
            return Ok(());
        }
        let mut writer = prefixed(RdfSerializer::from_format(rdf_format)).for_writer(&mut out);
        for quad in &quads {
            writer.serialize_quad(quad)?;
        }
        writer.finish()?;
        Ok(())
    })?;
    out.flush()?;
    Ok(if failed + articles.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn explain_facts(out: &mut impl Write, article: &newsgraph::Article, ex: &newsgraph::Extraction) -> Result<()> {
    writeln!(
        out,
        "# {} ({}, published {})",
        article.origin,
        ex.lang,
        ex.published.map_or("unknown".to_string(), |d| d.to_string())
    )?;
    let mut seen = std::collections::BTreeSet::new();
    for (m, e) in ex.mentions.iter().zip(&ex.mention_entities) {
        if let Some(e) = e {
            if seen.insert(*e) {
                let entity = &ex.entities[*e];
                writeln!(out, "entity {:?} {} ({})", entity.kind, entity.label, &article.text[m.span.clone()])?;
            }
        }
    }
    for fact in &ex.facts {
        let label = |e: usize| ex.entities[e].label.as_str();
        let mut flags = Vec::new();
        if fact.polarity == newsgraph::statements::Polarity::Negative {
            flags.push("NEGATED".to_string());
        }
        if fact.modality == newsgraph::statements::Modality::Hedged {
            flags.push("HEDGED".to_string());
        }
        if let Some(d) = fact.date {
            flags.push(format!("date {}", d.lexical()));
        }
        if let Some(p) = fact.place {
            flags.push(format!("place {}", label(p)));
        }
        if let Some(s) = fact.source {
            flags.push(format!("source {}", label(s)));
        }
        writeln!(
            out,
            "{} {} {}{}",
            label(fact.subject),
            fact.relation.local_name(),
            label(fact.object),
            if flags.is_empty() { String::new() } else { format!("  [{}]", flags.join(", ")) }
        )?;
        writeln!(out, "    sentence: {}", &article.text[ex.sentences[fact.sentence].clone()])?;
        writeln!(out, "    rule:     {}", fact.cue)?;
        if !fact.matched.is_empty() {
            writeln!(out, "    matched:  {}", fact.matched)?;
        }
    }
    Ok(())
}

/// Where `--output` goes: standard output for `-`, else a new file (created or
/// truncated).
fn output_to(path: &std::path::Path) -> Result<Box<dyn Write>> {
    if path == std::path::Path::new("-") {
        return Ok(Box::new(io::BufWriter::new(io::stdout().lock())));
    }
    let file = std::fs::File::create(path).with_context(|| format!("--output {}", path.display()))?;
    Ok(Box::new(io::BufWriter::new(file)))
}

/// A query and its `NAME=VALUE` parameters, checked against a saved query's
/// declared parameters: (SPARQL text, bindings).
fn query_with_params(query: &str, params: &[String]) -> Result<(String, Vec<(oxigraph::model::Variable, Term)>)> {
    let text = query_text(query)?;
    let bindings = params.iter().map(|p| queries::bind(p)).collect::<Result<Vec<_>, _>>()?;
    if let Some(saved) = queries::find(query) {
        let declared: Vec<&str> = saved.params.iter().map(|(n, _)| n.as_str()).collect();
        for (variable, _) in &bindings {
            if !declared.contains(&variable.as_str()) {
                bail!(
                    "--param {}: the saved query {query} has no such parameter (it takes: {})",
                    variable.as_str(),
                    if declared.is_empty() { "none".to_string() } else { declared.join(", ") }
                );
            }
        }
        if let Some(missing) = declared.iter().find(|d| !bindings.iter().any(|(v, _)| v.as_str() == **d)) {
            bail!("the saved query {query} needs --param {missing}=VALUE (see `newsgraph queries`)");
        }
    }
    Ok((text, bindings))
}

fn export(
    store_path: &std::path::Path,
    format: ExportFormat,
    graph: Option<&str>,
    filter: Option<&(String, Vec<String>)>,
    quiet: bool,
    mut out: Box<dyn Write>,
) -> Result<ExitCode> {
    let store = GraphStore::open_read_only(store_path)?;
    let graph = graph
        .map(|g| {
            NamedNode::new(g.trim_start_matches('<').trim_end_matches('>')).with_context(|| format!("--graph {g:?}"))
        })
        .transpose()?;
    if filter.is_some() && !matches!(format, ExportFormat::Dot | ExportFormat::Graphml) {
        bail!("--query filters the actor graph: it goes with --format dot or graphml");
    }
    let rdf_format = match format {
        ExportFormat::Nquads => RdfFormat::NQuads,
        ExportFormat::Trig => RdfFormat::TriG,
        ExportFormat::Turtle => RdfFormat::Turtle,
        ExportFormat::Ntriples => RdfFormat::NTriples,
        ExportFormat::Rdfxml => RdfFormat::RdfXml,
        ExportFormat::Jsonld => JSON_LD,
        ExportFormat::Gdelt | ExportFormat::Dot | ExportFormat::Graphml => {
            let mut out = crate::progress::CountLines { inner: out, bar: crate::progress::lines(quiet) };
            let done = analysts_export(&store, format, graph.is_some(), filter, &mut out);
            out.bar.finish_and_clear();
            return done;
        }
    };
    // The whole store's size is the bar's length; one graph's is not known in advance.
    let progress = crate::progress::quads(quiet, if graph.is_none() { Some(store.len()? as u64) } else { None });
    let mut writer = prefixed(RdfSerializer::from_format(rdf_format)).for_writer(&mut out);
    for quad in store.quads(graph.as_ref()) {
        let mut quad = quad?;
        if !rdf_format.supports_datasets() {
            quad.graph_name = GraphName::DefaultGraph;
        }
        writer.serialize_quad(&quad)?;
        progress.inc(1);
    }
    writer.finish()?;
    progress.finish_and_clear();
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// JSON-LD as Oxigraph writes it (no profile).
const JSON_LD: RdfFormat = RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() };

/// `export --format gdelt|dot|graphml`: the events or the actor graph of the whole
/// store (see `newsgraph::exports`).
fn analysts_export(
    store: &GraphStore,
    format: ExportFormat,
    one_graph: bool,
    filter: Option<&(String, Vec<String>)>,
    mut out: impl Write,
) -> Result<ExitCode> {
    use newsgraph::exports::{ActorGraph, Named};
    if one_graph {
        bail!("--graph selects one graph of an RDF export; gdelt, dot and graphml cover the whole store");
    }
    if format == ExportFormat::Gdelt {
        newsgraph::exports::events_tsv(store, &mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut graph = ActorGraph::read(store)?;
    if let Some((query, params)) = filter {
        let (text, bindings) = query_with_params(query, params)?;
        let limits = QueryLimits::default();
        let named =
            Named::by_query(store, &text, &bindings, limits, usize::MAX).with_context(|| format!("--query {query}"))?;
        graph = graph.named_by(&named, store, limits)?;
    }
    if format == ExportFormat::Dot {
        graph.write_dot(&mut out)?;
    } else {
        graph.write_graphml(&mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

const ARTICLES: &str = "PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?article ?id ?published ?lang ?headline WHERE {
  ?article a schema:NewsArticle .
  OPTIONAL { ?article dcterms:source ?id }
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?article schema:inLanguage ?lang }
  OPTIONAL { ?article schema:headline ?headline }
} ORDER BY ?published ?article";

fn articles(store_path: &std::path::Path) -> Result<ExitCode> {
    query(store_path, ARTICLES, QueryFormat::Table, &[], QueryLimits::default())
}

fn update(store_path: &std::path::Path, update: &str) -> Result<ExitCode> {
    let text = if update.ends_with(".ru") && std::path::Path::new(update).is_file() {
        std::fs::read_to_string(update).with_context(|| format!("reading {update}"))?
    } else {
        update.to_string()
    };
    let store = GraphStore::open(store_path)?;
    let changes = store.update(&text)?;
    store.flush()?;
    let (before, after) = changes.iter().fold((0, 0), |(b, a), c| (b + c.before, a + c.after));
    if changes.is_empty() {
        println!("changed nothing");
    }
    for change in &changes {
        let graph = match &change.graph {
            GraphName::NamedNode(n) => short(&Term::NamedNode(n.clone())),
            other => other.to_string(),
        };
        println!("{graph}: {} → {} quads", change.before, change.after);
    }
    if changes.len() > 1 {
        println!("in all: {before} → {after} quads in {} graphs", changes.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn remove(store_path: &std::path::Path, article: &str) -> Result<ExitCode> {
    let store = GraphStore::open(store_path)?;
    let find = "PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?key ?a WHERE { ?a a schema:NewsArticle .
  OPTIONAL { ?a dcterms:source ?id } OPTIONAL { ?a schema:url ?url } OPTIONAL { ?a dcterms:identifier ?hash }
  FILTER(str(?a) = ?key || str(?id) = ?key || str(?url) = ?key || str(?hash) = ?key) }";
    let key = oxigraph::model::Variable::new_unchecked("key");
    let value = Term::Literal(oxigraph::model::Literal::new_simple_literal(
        article.trim_start_matches('<').trim_end_matches('>'),
    ));
    let mut found = Vec::new();
    if let QueryResults::Solutions(solutions) = store.query(find, &[(key, value)])? {
        for s in solutions {
            if let Some(Term::NamedNode(n)) = s?.get("a") {
                found.push(n.clone());
            }
        }
    }
    if found.is_empty() {
        bail!("no stored article is {article:?} (see `newsgraph articles`)");
    }
    for iri in &found {
        store.remove_article(iri)?;
        println!("removed {iri}");
    }
    store.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn summarize(store_path: &std::path::Path, quiet: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let store = GraphStore::open(store_path)?;
    let articles = store.rebuild_summary().context("building the summary")?;
    store.flush()?;
    if !quiet {
        eprintln!("summarised {articles} articles in {:.2} s", started.elapsed().as_secs_f64());
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(store_path: &std::path::Path) -> Result<ExitCode> {
    let store = GraphStore::open_read_only(store_path)?;
    let count = |sparql: &str| -> Result<String> {
        if let QueryResults::Solutions(mut s) = store.query(sparql, &[])? {
            if let Some(row) = s.next() {
                return Ok(row?.get("n").map(short).unwrap_or_default());
            }
        }
        Ok("0".into())
    };
    let p = "PREFIX schema: <https://schema.org/> PREFIX ng: <https://w3id.org/newsgraph/ontology#> ";
    println!(
        "articles          {}",
        count(&format!("{p} SELECT (COUNT(*) AS ?n) WHERE {{ ?a a schema:NewsArticle }}"))?
    );
    println!(
        "entities          {}",
        count(&format!(
            "{p} SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?a a schema:NewsArticle ; schema:mentions ?e }}"
        ))?
    );
    println!("events            {}", count(&format!("{p} SELECT (COUNT(*) AS ?n) WHERE {{ ?e a ng:Event }}"))?);
    println!("direct relations  {}", count(&format!("{p} SELECT (COUNT(*) AS ?n) WHERE {{ ?a a schema:NewsArticle . GRAPH ?a {{ ?s ?r ?o }} ?r a ng:RelationProperty }}"))?);
    println!("quads             {}", store.len()?);
    Ok(ExitCode::SUCCESS)
}

/// An article's result in a batch: the article, or its error told on standard error
/// and counted in `failed` (the rest of the batch goes on).
fn told_or_counted<T>(result: std::result::Result<T, input::InputError>, failed: &mut usize) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(error) => {
            eprintln!("newsgraph: {error}");
            *failed += 1;
            None
        }
    }
}
