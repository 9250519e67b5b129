//! Reading articles: `.txt`, `.md`, `.html`, `.jsonl` files, any of them
//! gzip-compressed (`.gz`), directories (recursively) and standard input (gzip and
//! HTML recognised by their first bytes), into [`Article`]s. Knows nothing of
//! extraction or RDF; HTML pages are taken apart by `html`.
//!
//! Every failure names its origin (the file, and the line for JSON Lines) and the
//! readers keep going: one bad line or file never stops a batch.
//!
//! Bytes become text here: a BOM (UTF-8, UTF-16) says the encoding and is dropped;
//! otherwise UTF-8 is tried first and anything else is detected (`chardetng`, in
//! practice Latin-1 / Windows-1252 from old archives) and decoded (`encoding_rs`).
//! Binary data (NUL bytes, mostly control characters) is refused, and so is an
//! article over [`MAX_ARTICLE_BYTES`], so memory stays bounded whatever the input:
//! JSON Lines files of any size are streamed one line at a time.

use crate::date::Date;
use encoding_rs::{Encoding, UTF_8};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The largest article read, in bytes (4 MiB, some 600,000 words: a hundred times a
/// long feature story). A longer text file, standard input or JSON line is refused
/// with this limit named, so memory stays bounded; extraction takes about 7 s a MiB.
pub const MAX_ARTICLE_BYTES: usize = 4 * 1024 * 1024;

/// The languages the extractor reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Portuguese, European and Brazilian.
    Pt,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag written as `schema:inLanguage`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Pt => "pt",
            Lang::En => "en",
        }
    }

    /// Its English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Pt => "Portuguese",
            Lang::En => "English",
        }
    }

    /// Parses `pt`, `pt-PT`, `pt-BR`, `en`, `en-GB`… (case-insensitive).
    pub fn parse(text: &str) -> Option<Lang> {
        let primary = text.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "pt" | "por" => Some(Lang::Pt),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// One news article as read, before extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// A stable identifier given by the input (JSON Lines `id`), if any.
    pub id: Option<String>,
    /// The headline, if known.
    pub title: Option<String>,
    /// The full text (headline included when the file starts with one).
    pub text: String,
    /// The language, when the input or the user says it; `None` means detect it.
    pub lang: Option<Lang>,
    /// The publication date, when known.
    pub published: Option<Date>,
    /// Where it was published.
    pub url: Option<String>,
    /// Where it was read from: `file`, `file:line` or `<stdin>`.
    pub origin: String,
}

/// What the user said on the command line about every article read.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    /// `--lang` (None for auto).
    pub lang: Option<Lang>,
    /// `--published`.
    pub published: Option<Date>,
    /// `--url`.
    pub url: Option<String>,
    /// `--title`.
    pub title: Option<String>,
}

/// An input that could not be read as an article.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The file or directory could not be read.
    #[error("{origin}: {source}")]
    Io {
        /// The file.
        origin: String,
        /// The cause.
        source: io::Error,
    },
    /// A line or file has the wrong shape.
    #[error("{origin}: {message}")]
    Invalid {
        /// The file, with `:line` for JSON Lines.
        origin: String,
        /// What is wrong.
        message: String,
    },
}

/// Expands paths into the files to read, in a stable order: directories are walked
/// recursively for `.txt`, `.md`, `.html`, `.htm` and `.jsonl` files (and those
/// names with `.gz`), following symbolic links but
/// never into a directory being walked (a link loop is reported, not followed);
/// `-` stands for standard input.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut walked = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            files.push(path.clone());
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut Vec::new(), &mut walked, &mut files, &mut errors),
            Ok(_) => files.push(path.clone()),
            Err(source) => errors.push(unreachable_path(path, source)),
        }
    }
    (files, errors)
}

/// Why a path cannot be read, said plainly.
fn unreachable_path(path: &Path, source: io::Error) -> InputError {
    let origin = path.display().to_string();
    let is_link = path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
    let message = match source.kind() {
        io::ErrorKind::NotFound if is_link => "broken symbolic link (its target does not exist)".to_string(),
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        _ if is_link => format!("symbolic link not followed: {source}"),
        _ => return InputError::Io { origin, source },
    };
    InputError::Invalid { origin, message }
}

/// Walks `dir`; `ancestors` are the real paths of the directories being walked
/// (a link back to one of them is a loop), `walked` those already read (a second
/// link to one adds nothing).
fn walk(
    dir: &Path,
    ancestors: &mut Vec<PathBuf>,
    walked: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<InputError>,
) {
    let real = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if let Some(ancestor) = ancestors.iter().find(|a| **a == real) {
        errors.push(InputError::Invalid {
            origin: dir.display().to_string(),
            message: format!("symbolic link loop (leads back to {}), not followed", ancestor.display()),
        });
        return;
    }
    if !walked.insert(real.clone()) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            let origin = dir.display().to_string();
            errors.push(InputError::Io { origin, source });
            return;
        }
    };
    ancestors.push(real);
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, ancestors, walked, files, errors),
            Ok(meta) if meta.is_file() && is_article_file(&path) => files.push(path),
            Ok(_) => {}
            // A broken link to something that is not an article is no loss; a link
            // loop or an unreadable article is.
            Err(source) if source.kind() != io::ErrorKind::NotFound || is_article_file(&path) => {
                errors.push(unreachable_path(&path, source))
            }
            Err(_) => {}
        }
    }
    ancestors.pop();
}

fn is_article_file(path: &Path) -> bool {
    matches!(kind_of(path), (Some(_), _))
}

/// How a file's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Html,
    JsonLines,
}

/// The kind of a file by its name (`None` for names that are no article file), and
/// whether it is gzip-compressed (`a.html.gz`).
fn kind_of(path: &Path) -> (Option<Kind>, bool) {
    let extension = |p: &Path| p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let (extension, gzip) = match extension(path).as_deref() {
        Some("gz") => (path.file_stem().map(Path::new).and_then(extension), true),
        _ => (extension(path), false),
    };
    let kind = match extension.as_deref() {
        Some("txt") => Some(Kind::Text),
        Some("md" | "markdown") => Some(Kind::Markdown),
        Some("html" | "htm" | "xhtml") => Some(Kind::Html),
        Some("jsonl" | "ndjson") => Some(Kind::JsonLines),
        _ => None,
    };
    (kind, gzip)
}

/// Whether a text is an HTML page (for standard input, which has no name).
fn looks_like_html(text: &str) -> bool {
    let start: String = text.trim_start_matches('\u{FEFF}').trim_start().chars().take(15).collect();
    let start = start.to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// The articles of one input, each read or refused, as [`read`] yields them.
pub type Articles = Box<dyn Iterator<Item = Result<Article, InputError>>>;

/// Reads the articles of one file (or `-`, standard input). JSON Lines are streamed
/// line by line; the iterator yields one result per article or failure.
pub fn read(path: &Path, defaults: &Defaults) -> Articles {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        let origin = path.display().to_string();
        let is_jsonl = kind_of(path).0 == Some(Kind::JsonLines);
        match File::open(path).and_then(|file| Ok((file.metadata()?.len(), file))) {
            Ok((len, _)) if !is_jsonl && len > MAX_ARTICLE_BYTES as u64 => {
                return Box::new(std::iter::once(Err(too_large(origin, Some(len)))))
            }
            Ok((_, file)) => Box::new(BufReader::new(file)),
            Err(source) => return Box::new(std::iter::once(Err(InputError::Io { origin, source }))),
        }
    };
    read_from(reader, path, defaults)
}

/// Reads the articles of a stream as [`read`] reads the file `path`: the name says
/// the kind (`feed.jsonl.gz`), and `-` (standard input) is known by its first bytes.
/// [`read`] opens the file and calls this; whoever holds the bytes already (the fuzz
/// targets) calls it directly.
pub fn read_from(mut reader: Box<dyn BufRead>, path: &Path, defaults: &Defaults) -> Articles {
    let stdin = path.as_os_str() == "-";
    let origin = if stdin { "<stdin>".to_string() } else { path.display().to_string() };
    let (kind, gzip) = kind_of(path);
    let is_jsonl = kind == Some(Kind::JsonLines);
    // Standard input has no name: gzip is known by its magic number.
    let gzip = gzip || (stdin && reader.fill_buf().is_ok_and(|start| start.starts_with(&[0x1f, 0x8b])));
    if gzip {
        // The 4 MiB limit holds for what is decompressed (`read_text`, `read_line`):
        // a small file that inflates to gigabytes is refused, not held in memory.
        reader = Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(reader)));
    }
    if is_jsonl {
        // Binary junk named .jsonl is one error, not one per "line".
        match reader.fill_buf() {
            Ok(start) if Encoding::for_bom(start).is_none() && start.contains(&0) => {
                return Box::new(std::iter::once(Err(binary(origin))))
            }
            Ok(_) => {}
            Err(source) => return Box::new(std::iter::once(Err(InputError::Io { origin, source }))),
        }
        let defaults = defaults.clone();
        let mut number = 0;
        let mut buffer = Vec::new();
        return Box::new(std::iter::from_fn(move || loop {
            number += 1;
            let line_origin = format!("{origin}:{number}");
            match read_line(&mut reader, &mut buffer) {
                Ok(Line::End) => return None,
                Err(source) => {
                    // An unreadable stream yields this one error, then ends.
                    buffer.clear();
                    reader = Box::new(io::empty());
                    return Some(Err(InputError::Io { origin: line_origin, source }));
                }
                Ok(Line::TooLong) => return Some(Err(too_large(line_origin, None))),
                Ok(Line::Read) if buffer.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Read) => {
                    let line = decode(&buffer, &line_origin);
                    return Some(line.and_then(|line| parse_json_line(&line, line_origin, &defaults)));
                }
            }
        }));
    }
    let result = read_text(reader, &origin).and_then(|text| match kind {
        Some(Kind::Markdown) => article_from_text(strip_markdown(&text), origin.clone(), defaults),
        Some(Kind::Html) => article_from_html(&text, origin.clone(), defaults),
        _ if stdin && looks_like_html(&text) => article_from_html(&text, origin.clone(), defaults),
        _ => article_from_text(text, origin.clone(), defaults),
    });
    Box::new(std::iter::once(result))
}

/// What [`read_line`] found.
enum Line {
    /// A line (without its end) is in the buffer.
    Read,
    /// The line was longer than [`MAX_ARTICLE_BYTES`]; it was skipped.
    TooLong,
    /// No more lines.
    End,
}

/// Reads one line into `buffer`, holding at most [`MAX_ARTICLE_BYTES`] of it: the
/// rest of a longer line is read and dropped.
fn read_line(reader: &mut dyn BufRead, buffer: &mut Vec<u8>) -> io::Result<Line> {
    buffer.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, found_end) = match available.iter().position(|&b| b == b'\n') {
            Some(end) => (&available[..end], true),
            None => (available, false),
        };
        if !too_long && buffer.len() + chunk.len() <= MAX_ARTICLE_BYTES {
            buffer.extend_from_slice(chunk);
        } else {
            too_long = true;
            buffer.clear();
        }
        let used = chunk.len() + usize::from(found_end);
        reader.consume(used);
        if found_end {
            break;
        }
    }
    if buffer.last() == Some(&b'\r') {
        buffer.pop();
    }
    Ok(match (any, too_long) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Read,
    })
}

fn too_large(origin: String, len: Option<u64>) -> InputError {
    let size = len.map_or(String::new(), |len| format!("{:.1} MiB, ", len as f64 / (1024.0 * 1024.0)));
    let limit = MAX_ARTICLE_BYTES / (1024 * 1024);
    InputError::Invalid {
        origin,
        message: format!(
            "too large ({size}over the {limit} MiB limit for one article): split it, or give it as JSON Lines, one article a line"
        ),
    }
}

fn binary(origin: String) -> InputError {
    InputError::Invalid { origin, message: "binary data, not text (it holds NUL bytes)".into() }
}

fn read_text(reader: impl Read, origin: &str) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_ARTICLE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io { origin: origin.to_string(), source })?;
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(too_large(origin.to_string(), None));
    }
    decode(&bytes, origin)
}

/// Bytes to text: a BOM's encoding (the BOM dropped), else UTF-8, else the legacy
/// encoding `chardetng` detects (for Portuguese and English text, Windows-1252, of
/// which Latin-1 is a subset). A text cut inside its last UTF-8 character loses that
/// character. Binary data is refused.
pub fn decode(bytes: &[u8], origin: &str) -> Result<String, InputError> {
    let invalid = |message: String| InputError::Invalid { origin: origin.to_string(), message };
    let text = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned()
    } else if bytes.contains(&0) {
        return Err(binary(origin.to_string()));
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(e) if e.error_len().is_none() && !bytes[..e.valid_up_to()].is_ascii() => {
                UTF_8.decode_without_bom_handling(&bytes[..e.valid_up_to()]).0.into_owned()
            }
            Err(_) => {
                let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
                encoding.decode_without_bom_handling(bytes).0.into_owned()
            }
        }
    };
    if text.contains('\0') {
        return Err(binary(origin.to_string()));
    }
    let chars = text.chars().count();
    let odd = text.chars().filter(|&c| (c.is_control() && !c.is_whitespace()) || c == '\u{FFFD}').count();
    if odd > 0 && odd * 20 > chars {
        return Err(invalid(format!("binary data, not text ({odd} of its {chars} characters are control codes)")));
    }
    Ok(text)
}

/// Builds an article from a plain text: the first line is the headline when it
/// looks like one (short, no final full stop, followed by more text).
pub fn article_from_text(text: String, origin: String, defaults: &Defaults) -> Result<Article, InputError> {
    let text = text.replace("\r\n", "\n");
    if text.is_empty() {
        return Err(InputError::Invalid { origin, message: "empty article (no text)".into() });
    }
    if text.trim().is_empty() {
        return Err(InputError::Invalid { origin, message: "empty article (only whitespace)".into() });
    }
    let title = defaults.title.clone().or_else(|| headline(&text));
    Ok(Article {
        id: None,
        title,
        text,
        lang: defaults.lang,
        published: defaults.published,
        url: defaults.url.clone(),
        origin,
    })
}

/// Builds an article from an HTML page (see `html`): its title, body and metadata.
/// What the command line says (`--title`, `--url`, `--published`, `--lang`) wins
/// over the page; a page date that is not a date is ignored. The title is the
/// text's first line unless the body already starts with it.
pub fn article_from_html(html: &str, origin: String, defaults: &Defaults) -> Result<Article, InputError> {
    let page = crate::html::parse(html);
    if page.text.is_empty() {
        let message = "no article text in the page (only markup, scripts, navigation or footers)".to_string();
        return Err(InputError::Invalid { origin, message });
    }
    let text = match &page.title {
        Some(title) if !page.text.starts_with(title.as_str()) => format!("{title}\n\n{}", page.text),
        _ => page.text,
    };
    Ok(Article {
        id: None,
        title: defaults.title.clone().or(page.title),
        text,
        lang: defaults.lang.or_else(|| page.lang.as_deref().and_then(Lang::parse)),
        published: defaults.published.or_else(|| page.published.as_deref().and_then(Date::parse_iso)),
        url: defaults.url.clone().or(page.url),
        origin,
    })
}

fn headline(text: &str) -> Option<String> {
    let mut lines = text.trim_start().lines();
    let first = lines.next()?.trim();
    let rest_has_text = lines.any(|l| !l.trim().is_empty());
    (rest_has_text && first.chars().count() <= 200 && !first.ends_with('.')).then(|| first.to_string())
}

fn strip_markdown(text: &str) -> String {
    let link = regex::Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").expect("valid regex");
    text.lines()
        .map(|line| {
            let line = line.trim_start_matches('#').trim_start_matches('>');
            let line = link.replace_all(line, "$1");
            line.replace("**", "").replace("__", "").trim().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Deserialize)]
struct JsonArticle {
    id: Option<String>,
    title: Option<String>,
    text: Option<String>,
    lang: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

fn parse_json_line(line: &str, origin: String, defaults: &Defaults) -> Result<Article, InputError> {
    let invalid = |message: String| InputError::Invalid { origin: origin.clone(), message };
    let json: JsonArticle = serde_json::from_str(line).map_err(|e| invalid(format!("not a JSON article: {e}")))?;
    let text = json.text.ok_or_else(|| invalid("no \"text\" field".into()))?;
    if text.contains('\0') {
        return Err(invalid("\"text\" holds NUL characters (binary data?)".into()));
    }
    if text.trim().is_empty() {
        return Err(invalid("empty \"text\"".into()));
    }
    let lang = match (defaults.lang, json.lang) {
        (Some(lang), _) => Some(lang),
        (None, Some(tag)) => Some(Lang::parse(&tag).ok_or_else(|| invalid(format!("unknown lang {tag:?}")))?),
        (None, None) => None,
    };
    let published = match (defaults.published, json.published) {
        (Some(date), _) => Some(date),
        (None, Some(text)) => {
            Some(Date::parse_iso(&text).ok_or_else(|| invalid(format!("invalid published date {text:?}")))?)
        }
        (None, None) => None,
    };
    Ok(Article {
        id: json.id,
        title: json.title.or_else(|| defaults.title.clone()),
        text,
        lang,
        published,
        url: json.url.or_else(|| defaults.url.clone()),
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_file_keeps_its_headline_as_title() {
        let text = "Chile e Peru assinam acordo\n\nOs dois países assinaram ontem um acordo.".to_string();
        let article = article_from_text(text, "a.txt".into(), &Defaults::default()).unwrap();
        assert_eq!(article.title.as_deref(), Some("Chile e Peru assinam acordo"));
    }

    #[test]
    fn a_json_line_without_text_names_its_line() {
        let err = parse_json_line(r#"{"id": "x"}"#, "f.jsonl:3".into(), &Defaults::default()).unwrap_err();
        assert_eq!(err.to_string(), "f.jsonl:3: no \"text\" field");
    }

    #[test]
    fn a_json_line_with_a_bad_date_is_refused() {
        let line = r#"{"text": "Some text.", "published": "2025-13-01"}"#;
        let err = parse_json_line(line, "f.jsonl:1".into(), &Defaults::default()).unwrap_err();
        assert!(err.to_string().contains("invalid published date"), "{err}");
    }

    #[test]
    fn legacy_encodings_are_decoded_and_binary_refused() {
        assert_eq!(decode(b"S\xe3o Tom\xe9 \x93sim\x94", "a").unwrap(), "São Tomé “sim”");
        assert_eq!(decode(b"\xef\xbb\xbfol\xc3\xa1", "a").unwrap(), "olá");
        assert_eq!(decode(b"ol\xc3\xa1 ol\xc3", "a").unwrap(), "olá ol");
        assert!(decode(b"texto\0", "a").unwrap_err().to_string().contains("NUL"));
        assert!(decode(&[7; 50], "a").unwrap_err().to_string().contains("control codes"));
    }

    #[test]
    fn a_long_line_is_skipped_in_bounded_memory_and_the_next_read() {
        let mut text = vec![b'x'; MAX_ARTICLE_BYTES + 1];
        text.extend(b"\r\nnext\n");
        let mut reader = BufReader::new(&text[..]);
        let mut buffer = Vec::new();
        assert!(matches!(read_line(&mut reader, &mut buffer).unwrap(), Line::TooLong));
        assert!(buffer.capacity() <= 2 * MAX_ARTICLE_BYTES);
        assert!(matches!(read_line(&mut reader, &mut buffer).unwrap(), Line::Read));
        assert_eq!(buffer, b"next");
        assert!(matches!(read_line(&mut reader, &mut buffer).unwrap(), Line::End));
    }

    #[test]
    fn markdown_loses_its_markup() {
        assert_eq!(strip_markdown("# Title\nSee [the text](http://x) **now**"), "Title\nSee the text now");
    }
}
