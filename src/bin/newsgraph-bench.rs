//! `newsgraph-bench`: the measurements `bench/run.sh` cannot make from outside the
//! binary. Not installed for users; see BENCHMARKS.md.
//!
//! - `extract [--threads N] PATH…`: extraction alone (articles → quads in memory, no
//!   store), after reading every article into memory; prints one tab-separated line:
//!   threads, articles, text bytes, setup seconds, extraction seconds, MB/s, articles/s.
//! - `bulk-load STORE FILE.nq`: Oxigraph's own bulk loader into a fresh store; prints
//!   the quads' file size and the seconds taken.
//! - `query-latency STORE RUNS NAME [NAME=VALUE…] -- …`: each saved query (by name,
//!   or a query file, with its parameters) run RUNS times in process, fully read; prints name, median ms, rows
//!   and the runs made (one only when the first takes over 10 s).
//! - `explain STORE QUERY [NAME=VALUE…]`: a saved query (by name) or a query file,
//!   run once; prints Oxigraph's plan with rows and time per step.
//! - `median RUNS CMD ARG…`: runs a command RUNS times; prints the median wall ms.
//! - `compact STORE`: RocksDB's full compaction of a store; prints the seconds taken.

use anyhow::{bail, Context, Result};
use newsgraph::input::{self, Defaults};
use newsgraph::store::GraphStore;
use newsgraph::{parallel, queries, rdf, Config, Extractor};
use oxigraph::sparql::QueryResults;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Errors as one line on standard error and exit status 2 (no backtrace, whatever
/// `RUST_BACKTRACE` says: this is a measuring tool's message, not a crash).
fn main() {
    if let Err(error) = run() {
        eprintln!("newsgraph-bench: {error:#}");
        std::process::exit(2);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("extract") => extract(&args[1..]),
        Some("bulk-load") if args.len() == 3 => bulk_load(Path::new(&args[1]), Path::new(&args[2])),
        Some("query-latency") if args.len() >= 4 => query_latency(&args[1..]),
        Some("explain") if args.len() >= 3 => explain(&args[1..]),
        Some("median") if args.len() >= 3 => median_command(&args[1..]),
        Some("compact") if args.len() == 2 => compact(Path::new(&args[1])),
        _ => bail!(
            "usage: newsgraph-bench extract [--threads N] PATH… | bulk-load STORE FILE.nq | \
             query-latency STORE RUNS NAME [NAME=VALUE…] [-- NAME …] | explain STORE QUERY [NAME=VALUE…] | median RUNS CMD ARG… | compact STORE"
        ),
    }
}

fn extract(args: &[String]) -> Result<()> {
    let (threads, paths) = match args {
        [flag, n, rest @ ..] if flag == "--threads" => (n.parse::<usize>().context("--threads N")?, rest),
        rest => (1, rest),
    };
    let threads = if threads == 0 { parallel::available_threads() } else { threads };
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let (files, failures) = input::expand_paths(&paths);
    if let Some(error) = failures.first() {
        bail!("{error}");
    }
    let defaults = Defaults::default();
    let mut articles = Vec::new();
    for file in &files {
        for article in input::read(file, &defaults) {
            articles.push(article?);
        }
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let started = Instant::now();
    let ex = Extractor::new(&Config::default())?;
    let setup = started.elapsed();
    let started = Instant::now();
    let mut quads = 0usize;
    let work = |article: &newsgraph::Article| rdf::article_quads(article, &ex.extract(article), &ex.gazetteer).len();
    parallel::map_ordered(articles.iter(), threads, work, |n| {
        quads += n;
        Ok::<(), ()>(())
    })
    .expect("the sink never fails");
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{threads}\t{}\t{bytes}\t{:.3}\t{seconds:.3}\t{:.2}\t{:.1}\t{quads}",
        articles.len(),
        setup.as_secs_f64(),
        bytes as f64 / 1e6 / seconds,
        articles.len() as f64 / seconds,
    );
    Ok(())
}

fn bulk_load(store: &Path, file: &Path) -> Result<()> {
    if store.exists() {
        bail!("{} exists: the bulk loader is measured into a fresh store", store.display());
    }
    let started = Instant::now();
    let graph = GraphStore::open(store)?;
    let reader = std::io::BufReader::new(std::fs::File::open(file).with_context(|| file.display().to_string())?);
    graph.bulk_load_nquads(reader)?;
    graph.flush()?;
    drop(graph);
    println!("{}\t{:.3}", std::fs::metadata(file)?.len(), started.elapsed().as_secs_f64());
    Ok(())
}

/// `STORE RUNS NAME [P=V…] [-- NAME [P=V…]]…`
fn query_latency(args: &[String]) -> Result<()> {
    let store = GraphStore::open_read_only(Path::new(&args[0]))?;
    let runs: usize = args[1].parse().context("RUNS")?;
    for spec in args[2..].split(|a| a == "--") {
        let Some((name, params)) = spec.split_first() else { continue };
        let text = match queries::find(name) {
            Some(saved) => saved.text.to_string(),
            None => std::fs::read_to_string(name).with_context(|| format!("no saved query or file {name}"))?,
        };
        let bindings = params.iter().map(|p| queries::bind(p)).collect::<Result<Vec<_>, _>>()?;
        let mut times = Vec::with_capacity(runs);
        let mut rows = 0;
        for _ in 0..runs {
            let started = Instant::now();
            rows = match store.query(&text, &bindings)? {
                QueryResults::Solutions(solutions) => {
                    solutions.map(|s| s.map(drop)).collect::<Result<Vec<_>, _>>()?.len()
                }
                QueryResults::Graph(triples) => triples.map(|t| t.map(drop)).collect::<Result<Vec<_>, _>>()?.len(),
                QueryResults::Boolean(_) => 1,
            };
            times.push(started.elapsed());
            if started.elapsed() > Duration::from_secs(10) {
                break;
            }
        }
        println!("{name}\t{:.1}\t{rows}\t{}", median(&mut times).as_secs_f64() * 1e3, times.len());
    }
    Ok(())
}

/// `STORE`: RocksDB's full compaction of a store, timed (to compare query times on a
/// store as ingest leaves it and compacted).
fn compact(store: &Path) -> Result<()> {
    let started = Instant::now();
    GraphStore::open(store)?.compact()?;
    println!("{:.3}", started.elapsed().as_secs_f64());
    Ok(())
}

/// `STORE QUERY [P=V…]`: QUERY is a saved query's name or a file.
fn explain(args: &[String]) -> Result<()> {
    let store = GraphStore::open_read_only(Path::new(&args[0]))?;
    let text = match queries::find(&args[1]) {
        Some(saved) => saved.text.to_string(),
        None => std::fs::read_to_string(&args[1]).with_context(|| args[1].clone())?,
    };
    let bindings = args[2..].iter().map(|p| queries::bind(p)).collect::<Result<Vec<_>, _>>()?;
    println!("{}", store.explain(&text, &bindings)?);
    Ok(())
}

fn median_command(args: &[String]) -> Result<()> {
    let runs: usize = args[0].parse().context("RUNS")?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let status = std::process::Command::new(&args[1])
            .args(&args[2..])
            .stdout(std::process::Stdio::null())
            .status()
            .with_context(|| args[1].clone())?;
        times.push(started.elapsed());
        if !status.success() {
            bail!("{} failed: {status}", args[1..].join(" "));
        }
    }
    println!("{:.1}", median(&mut times).as_secs_f64() * 1e3);
    Ok(())
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}
