//! `newsgraph serve`: the store as a read-only SPARQL 1.1 Protocol endpoint at
//! `/sparql`: GET with `?query=`, POST with a form (`query=`) or an
//! `application/sparql-query` body; results in the format the `Accept` header asks
//! for (the W3C results formats for SELECT and ASK, every RDF syntax Oxigraph writes
//! for CONSTRUCT and DESCRIBE). Queries see the union of all graphs, as `query` does.
//!
//! It cannot hurt the store or the machine: the store is opened read-only and an
//! UPDATE is refused (403), so is `SERVICE`; it listens on 127.0.0.1 unless told
//! otherwise; every query runs under a timeout and returns at most a capped number
//! of results (an answer cut short says so in `X-Newsgraph-Truncated: true`).
//! Queries are answered one at a time.
//!
//! At `/` a page for people (`web/`, compiled in; no script or style from anywhere
//! else): a query box, the saved queries to pick from with their parameters, the
//! results as a table and the actor graph drawn in the browser. It reads two small
//! JSON answers besides `/sparql`: `/queries` (the saved queries) and `/graph` (the
//! actor graph, optionally cut to what a query's results name), both under the same
//! timeout and cap. `/sparql` also takes `param=NAME=VALUE` (a newsgraph extension,
//! as `query --param`): the value bound as an RDF term, never spliced into the text.

use anyhow::{anyhow, Result};
use newsgraph::exports::{ActorGraph, ExportError, Named};
use newsgraph::queries;
use newsgraph::store::{GraphStore, QueryLimits, StoreError};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults};
use std::io::{Cursor, Read};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

/// How the endpoint runs.
pub struct Settings {
    /// Address and port to listen on.
    pub bind: String,
    /// Time after which a query is cancelled.
    pub timeout: Duration,
    /// Results (rows or triples) returned at most per query.
    pub max_results: usize,
}

/// The largest request body read (a query is text; 1 MiB is plenty).
const MAX_BODY: u64 = 1024 * 1024;

const READ_ONLY: &str = "this endpoint is read-only: SPARQL UPDATE is refused (use `newsgraph update`)\n";

/// A reply that is not results: a status and a message.
type Refusal = (u16, String);

/// Serves until the process is stopped.
pub fn serve(store_path: &Path, settings: &Settings) -> Result<ExitCode> {
    let store = GraphStore::open_read_only(store_path)?;
    let server =
        Server::http(settings.bind.as_str()).map_err(|e| anyhow!("cannot listen on {}: {e}", settings.bind))?;
    let address = server.server_addr().to_ip().map_or_else(|| settings.bind.clone(), |a| a.to_string());
    // Said even with --quiet: without it nobody knows where to connect (port 0).
    eprintln!(
        "newsgraph: serving {} read-only at http://{address}/sparql (the page: http://{address}/)",
        store_path.display()
    );
    for mut request in server.incoming_requests() {
        let response = match answer(&store, settings, &mut request) {
            Ok(response) => response,
            Err((status, message)) => text(status, message),
        };
        // A client that went away is no error of the server's.
        let _ = request.respond(response);
    }
    Ok(ExitCode::SUCCESS)
}

fn text(status: u16, message: impl Into<String>) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(message.into().into_bytes())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn request_header(request: &Request, name: &'static str) -> Option<String> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_string())
}

fn answer(
    store: &GraphStore,
    settings: &Settings,
    request: &mut Request,
) -> Result<Response<Cursor<Vec<u8>>>, Refusal> {
    let url = request.url().to_string();
    let (path, query_string) = url.split_once('?').unwrap_or((&url, ""));
    if path != "/sparql" {
        if !matches!(request.method(), Method::Get | Method::Head) {
            return Err((405, "use GET\n".into()));
        }
        let params: Vec<(String, String)> = form_urlencoded::parse(query_string.as_bytes()).into_owned().collect();
        return match path {
            "/" => Ok(page(INDEX_HTML, "text/html; charset=utf-8")),
            "/page.js" => Ok(page(PAGE_JS, "text/javascript; charset=utf-8")),
            "/page.css" => Ok(page(PAGE_CSS, "text/css; charset=utf-8")),
            "/queries" => Ok(json(&saved_queries(), false)),
            "/graph" => graph(store, settings, &params),
            _ => Err((404, "not found: the SPARQL endpoint is /sparql, the page is /\n".into())),
        };
    }
    let mut params: Vec<(String, String)> = form_urlencoded::parse(query_string.as_bytes()).into_owned().collect();
    match request.method() {
        Method::Get | Method::Head => {}
        Method::Post => {
            let content_type = request_header(request, "Content-Type").unwrap_or_default();
            let media = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
            let mut body = String::new();
            request
                .as_reader()
                .take(MAX_BODY)
                .read_to_string(&mut body)
                .map_err(|_| (400, "the request body is not UTF-8 text\n".to_string()))?;
            match media.as_str() {
                "application/sparql-query" => params.push(("query".into(), body)),
                "application/x-www-form-urlencoded" => {
                    params.extend(form_urlencoded::parse(body.as_bytes()).into_owned())
                }
                "application/sparql-update" => return Err((403, READ_ONLY.into())),
                _ => {
                    let message = "POST a query as application/sparql-query or application/x-www-form-urlencoded\n";
                    return Err((415, message.into()));
                }
            }
        }
        _ => return Err((405, "use GET or POST\n".into())),
    }
    if params.iter().any(|(k, _)| k == "update") {
        return Err((403, READ_ONLY.into()));
    }
    if params.iter().any(|(k, _)| k == "default-graph-uri" || k == "named-graph-uri") {
        let message = "default-graph-uri and named-graph-uri are not supported: the default graph is the union of all graphs; use GRAPH in the query\n";
        return Err((400, message.into()));
    }
    let queries: Vec<&String> = params.iter().filter(|(k, _)| k == "query").map(|(_, v)| v).collect();
    let [query] = queries[..] else {
        return Err((400, "give exactly one query parameter\n".into()));
    };
    let bindings = bindings(&params)?;
    let results = store.query_with(query, &bindings, limits(settings)).map_err(|e| refusal(e, settings))?;
    let accept = request_header(request, "Accept").unwrap_or_default();
    let (body, media_type, truncated) = serialize(results, &accept, settings)?;
    let mut response = Response::from_data(body).with_header(header("Content-Type", media_type));
    if truncated {
        response = response.with_header(header("X-Newsgraph-Truncated", "true"));
    }
    Ok(response)
}

/// The page and its script and style, compiled in.
const INDEX_HTML: &str = include_str!("../web/index.html");
const PAGE_JS: &str = include_str!("../web/page.js");
const PAGE_CSS: &str = include_str!("../web/page.css");

fn page(body: &'static str, media_type: &str) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(body.as_bytes().to_vec()).with_header(header("Content-Type", media_type))
}

fn json(value: &serde_json::Value, truncated: bool) -> Response<Cursor<Vec<u8>>> {
    let mut response = Response::from_data(value.to_string().into_bytes())
        .with_header(header("Content-Type", "application/json; charset=utf-8"));
    if truncated {
        response = response.with_header(header("X-Newsgraph-Truncated", "true"));
    }
    response
}

fn limits(settings: &Settings) -> QueryLimits {
    QueryLimits { allow_service: false, timeout: Some(settings.timeout) }
}

fn refusal(error: StoreError, settings: &Settings) -> Refusal {
    match error {
        StoreError::Syntax(_) => (400, format!("{error}\n")),
        StoreError::Update => (403, READ_ONLY.to_string()),
        StoreError::Service(_) => (403, format!("{error}\n")),
        StoreError::Evaluation(m) if m.contains("cancel") => timed_out(settings),
        e => (500, format!("{e}\n")),
    }
}

/// The `param=NAME=VALUE` parameters as bindings.
fn bindings(params: &[(String, String)]) -> Result<Vec<(oxigraph::model::Variable, oxigraph::model::Term)>, Refusal> {
    params
        .iter()
        .filter(|(k, _)| k == "param")
        .map(|(_, v)| queries::bind(v).map_err(|e| (400, format!("{e}\n"))))
        .collect()
}

/// `/queries`: every saved query with its title, description, parameters and text.
fn saved_queries() -> serde_json::Value {
    let list: Vec<serde_json::Value> = queries::saved()
        .into_iter()
        .map(|q| {
            let params: Vec<serde_json::Value> =
                q.params.iter().map(|(name, about)| serde_json::json!({"name": name, "about": about})).collect();
            serde_json::json!({
                "name": q.name, "title": q.title, "description": q.description, "params": params, "text": q.text,
            })
        })
        .collect();
    serde_json::Value::Array(list)
}

/// `/graph`: the actor graph as JSON (see [`ActorGraph::to_json`]); with `query` (a
/// saved query's name or SPARQL text) and its `param`s, only what the query's first
/// results name. At most `max_results` edges, the ones most articles state.
fn graph(
    store: &GraphStore,
    settings: &Settings,
    params: &[(String, String)],
) -> Result<Response<Cursor<Vec<u8>>>, Refusal> {
    let failed = |e: ExportError| match e {
        ExportError::Store(e) => refusal(e, settings),
        e => (500, format!("{e}\n")),
    };
    let mut graph = ActorGraph::read_with(store, limits(settings)).map_err(failed)?;
    if let Some((_, query)) = params.iter().find(|(k, _)| k == "query") {
        let text = queries::find(query).map_or_else(|| query.clone(), |q| q.text);
        let named = Named::by_query(store, &text, &bindings(params)?, limits(settings), settings.max_results)
            .map_err(failed)?;
        graph = graph.named_by(&named, store, limits(settings)).map_err(failed)?;
    }
    let truncated = graph.edges.len() > settings.max_results;
    if truncated {
        graph.edges.sort_by_key(|e| std::cmp::Reverse(e.articles));
        graph.edges.truncate(settings.max_results);
    }
    Ok(json(&graph.to_json(), truncated))
}

fn timed_out(settings: &Settings) -> Refusal {
    (503, format!("query cancelled: it ran past the {} s timeout\n", settings.timeout.as_secs_f64()))
}

fn evaluation(error: QueryEvaluationError, settings: &Settings) -> Refusal {
    match error {
        QueryEvaluationError::Cancelled => timed_out(settings),
        e => (500, format!("query failed: {e}\n")),
    }
}

fn io_failure(error: std::io::Error) -> Refusal {
    (500, format!("writing the results: {error}\n"))
}

/// The first of the media types the client accepts (by `q`, then order) that one
/// of `formats` has; the first format when the client accepts anything.
fn negotiate<F: Copy>(accept: &str, formats: &[F], of: impl Fn(&str) -> Option<F>) -> Result<F, Refusal> {
    let mut wanted: Vec<(f32, &str)> = accept
        .split(',')
        .map(|item| {
            let mut parts = item.split(';');
            let media = parts.next().unwrap_or_default().trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q, media)
        })
        .filter(|(q, media)| *q > 0.0 && !media.is_empty())
        .collect();
    if wanted.is_empty() {
        return Ok(formats[0]);
    }
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, media) in wanted {
        if media == "*/*" || media == "application/*" {
            return Ok(formats[0]);
        }
        if let Some(format) = of(media) {
            return Ok(format);
        }
    }
    Err((406, format!("none of the formats in Accept: {accept} is served for this query\n")))
}

/// The W3C results format a client accepts (JSON when it accepts anything).
fn results_format(accept: &str) -> Result<QueryResultsFormat, Refusal> {
    let formats = [QueryResultsFormat::Json, QueryResultsFormat::Xml, QueryResultsFormat::Csv, QueryResultsFormat::Tsv];
    negotiate(accept, &formats, |m| QueryResultsFormat::from_media_type(m).filter(|f| formats.contains(f)))
}

/// Writes the first `max_results` of `items`; true when there were more.
fn write_capped<T>(
    items: impl Iterator<Item = Result<T, QueryEvaluationError>>,
    settings: &Settings,
    mut write: impl FnMut(T) -> Result<(), Refusal>,
) -> Result<bool, Refusal> {
    for (n, item) in items.enumerate() {
        if n == settings.max_results {
            return Ok(true);
        }
        write(item.map_err(|e| evaluation(e, settings))?)?;
    }
    Ok(false)
}

/// The results in the negotiated format, at most `max_results` of them: (body,
/// media type, whether cut short).
fn serialize(
    results: QueryResults<'static>,
    accept: &str,
    settings: &Settings,
) -> Result<(Vec<u8>, &'static str, bool), Refusal> {
    let mut out = Vec::new();
    match results {
        QueryResults::Solutions(solutions) => {
            let format = results_format(accept)?;
            let mut writer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())
                .map_err(io_failure)?;
            let truncated = write_capped(solutions, settings, |s| writer.serialize(&s).map_err(io_failure))?;
            writer.finish().map_err(io_failure)?;
            Ok((out, format.media_type(), truncated))
        }
        QueryResults::Boolean(value) => {
            let format = results_format(accept)?;
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut out, value)
                .map_err(io_failure)?;
            Ok((out, format.media_type(), false))
        }
        QueryResults::Graph(triples) => {
            let formats = [
                RdfFormat::Turtle,
                RdfFormat::NTriples,
                RdfFormat::NQuads,
                RdfFormat::TriG,
                RdfFormat::RdfXml,
                RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
            ];
            let format = negotiate(accept, &formats, |m| {
                RdfFormat::from_media_type(m).map(|f| match f {
                    RdfFormat::JsonLd { .. } => formats[5],
                    f => f,
                })
            })?;
            let mut writer = RdfSerializer::from_format(format).for_writer(&mut out);
            let truncated = write_capped(triples, settings, |t| writer.serialize_triple(&t).map_err(io_failure))?;
            writer.finish().map_err(io_failure)?;
            Ok((out, format.media_type(), truncated))
        }
    }
}
