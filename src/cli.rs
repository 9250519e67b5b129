//! The command line as clap structs, and nothing else: `commands` turns them into
//! work. Every option is documented here, which is what `--help` prints.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// newsgraph: news articles in, a knowledge graph of who does what to whom out
/// (RDF in an embedded Oxigraph store), questioned with saved SPARQL queries.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about, long_about = None)]
pub struct Cli {
    /// The store directory (RocksDB); created by `ingest` when missing.
    #[arg(long, global = true, env = "NEWSGRAPH_STORE", default_value = "newsgraph-store")]
    pub store: PathBuf,
    /// A directory whose LANG.toml and LANG-words.toml replace the built-in lexicons.
    #[arg(long, global = true, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Print no summary or progress on standard error (errors are still printed).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Threads extracting articles for `ingest` and `extract` (0: one per core). The
    /// results are written in input order by one writer whatever the number.
    #[arg(long, global = true, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract articles and store them, one named graph (one transaction) per article.
    Ingest {
        /// Files (.txt, .md, .html, .jsonl, and each of them as .gz), directories (read
        /// recursively) or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Articles written per commit (each article stays whole either way; a crash
        /// loses at most the batch being written).
        #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..))]
        batch: u32,
        #[command(flatten)]
        meta: MetaArgs,
    },
    /// Run a saved query (by name), a .rq file or SPARQL text over all the articles.
    Query {
        /// A saved query's name (see `newsgraph queries`), a .rq file or SPARQL text.
        query: String,
        /// Output format: table for people; csv, tsv, json, xml are the W3C results
        /// formats; turtle, ntriples, nquads, trig, rdfxml and jsonld for CONSTRUCT
        /// and DESCRIBE.
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
        /// A parameter of the query, NAME=VALUE, bound as an RDF term: <IRI>,
        /// ngid:local for an entity, anything else a string. Repeatable.
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// Cancel the query after this many seconds (decimals allowed).
        #[arg(long, value_name = "SECONDS", value_parser = positive_seconds)]
        timeout: Option<f64>,
        /// Let SERVICE patterns (federated queries to other endpoints) through;
        /// refused by default. This build has no HTTP client, so they still fail.
        #[arg(long)]
        allow_service: bool,
    },
    /// Run a SPARQL UPDATE (text or a .ru file) on the store and say what it changed:
    /// the quads of each graph before and after.
    Update {
        /// SPARQL UPDATE text, or a .ru file.
        update: String,
    },
    /// List the saved queries, or show one.
    Queries {
        /// `show NAME` prints one query.
        #[command(subcommand)]
        action: Option<QueriesAction>,
    },
    /// Print what `ingest` would store for some articles, without a store.
    Extract {
        /// Files, directories or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output: an RDF syntax, or JSON annotations.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Turtle)]
        format: ExtractFormat,
        /// Instead of RDF, show each fact with its sentence, the rule that fired and
        /// the words it matched.
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        meta: MetaArgs,
    },
    /// Write the store's quads (or one graph's) to standard output in an RDF syntax,
    /// or its events (gdelt) or actor graph (dot, graphml) for analysts' tools.
    Export {
        /// RDF syntax, or an analysts' format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Nquads)]
        format: ExportFormat,
        /// Only this graph (an article's IRI).
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// For dot and graphml: keep only the entities a query's results name (by IRI
        /// or by any of their names) and the relations between them. A saved query's
        /// name, a .rq file or SPARQL text.
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// A parameter of --query, NAME=VALUE, as for `newsgraph query`. Repeatable.
        #[arg(long = "param", value_name = "NAME=VALUE", requires = "query")]
        params: Vec<String>,
        /// Write to this file instead of standard output (- is standard output).
        #[arg(short, long, value_name = "FILE", default_value = "-")]
        output: PathBuf,
    },
    /// List the stored articles: IRI, id, date, language, headline.
    Articles,
    /// Remove a stored article (by IRI, id, URL or content hash).
    Remove {
        /// The article.
        article: String,
    },
    /// Count what the store holds.
    Stats,
    /// Build the summary counts (articles per entity and per fact, read by the saved
    /// queries) again from every article: for a store written before they were kept.
    Summarize,
    /// Print a shell completion script (bash: `source <(newsgraph completions bash)`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `newsgraph man > newsgraph.1`.
    Man,
    /// Serve the store read-only as a SPARQL 1.1 Protocol endpoint at /sparql
    /// (GET and POST; the results format chosen by the Accept header).
    Serve {
        /// Address and port to listen on; 127.0.0.1 keeps it to this machine, port 0
        /// picks a free port (the address is printed on standard error).
        #[arg(long, value_name = "ADDRESS:PORT", default_value = "127.0.0.1:7878")]
        bind: String,
        /// Cancel a query after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = positive_seconds)]
        timeout: f64,
        /// Return at most this many results (rows or triples) for a query; an answer
        /// cut short carries the header X-Newsgraph-Truncated: true.
        #[arg(long, value_name = "N", default_value_t = 10_000)]
        max_results: usize,
    },
}

/// `queries show NAME`.
#[derive(Debug, Subcommand)]
pub enum QueriesAction {
    /// Print a saved query's text.
    Show {
        /// The query's name.
        name: String,
    },
}

/// What the user says about the articles read.
#[derive(Debug, clap::Args)]
pub struct MetaArgs {
    /// Language of the articles: pt, en, or auto (detected per article; JSON Lines
    /// `lang` fields are used when present).
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// Publication date (YYYY-MM-DD), used to resolve "on Wednesday", "last year".
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// The article's URL (names its graph, so a new version replaces the old).
    #[arg(long)]
    pub url: Option<String>,
    /// The article's headline (default: the first line when it looks like one).
    #[arg(long)]
    pub title: Option<String>,
}

/// `query --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for a terminal.
    Table,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// Turtle (CONSTRUCT, DESCRIBE).
    Turtle,
    /// N-Triples (CONSTRUCT, DESCRIBE).
    Ntriples,
    /// N-Quads (CONSTRUCT, DESCRIBE; every triple in the default graph).
    Nquads,
    /// TriG (CONSTRUCT, DESCRIBE; every triple in the default graph).
    Trig,
    /// RDF/XML (CONSTRUCT, DESCRIBE).
    Rdfxml,
    /// JSON-LD (CONSTRUCT, DESCRIBE).
    Jsonld,
}

/// `extract --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// TriG: Turtle with the article's graph.
    Turtle,
    /// N-Quads.
    Nquads,
    /// JSON Lines, one object per article: every mention with its character
    /// offsets, type and entity, every statement with its evidence span.
    Json,
}

/// `export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// N-Quads.
    Nquads,
    /// TriG.
    Trig,
    /// Turtle (graph names dropped).
    Turtle,
    /// N-Triples (graph names dropped).
    Ntriples,
    /// RDF/XML (graph names dropped).
    Rdfxml,
    /// JSON-LD (named graphs kept).
    Jsonld,
    /// GDELT-style tab-separated events, one row per event, with a header: date,
    /// actors and their ISO countries, CAMEO code, Goldstein value, place, source,
    /// polarity, modality, article.
    Gdelt,
    /// The actor graph (entities and direct relations) as Graphviz DOT.
    Dot,
    /// The actor graph as GraphML (Gephi, yEd, networkx).
    Graphml,
}

/// `--timeout`: a positive, finite number of seconds.
fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds.is_finite() && seconds < 1e9 => Ok(seconds),
        _ => Err(format!("{text:?} is not a positive number of seconds")),
    }
}
