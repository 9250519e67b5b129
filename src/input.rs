//! Reading articles: `.txt`, `.md`, `.jsonl` files, directories (recursively) and
//! standard input, into [`Article`]s. Knows nothing of extraction or RDF.
//!
//! Every failure names its origin (the file, and the line for JSON Lines) and the
//! readers keep going: one bad line or file never stops a batch.

use crate::date::Date;
use serde::Deserialize;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

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
/// recursively for `.txt`, `.md` and `.jsonl` files; `-` stands for standard input.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            files.push(path.clone());
        } else if path.is_dir() {
            walk(path, &mut files, &mut errors);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            errors.push(InputError::Io {
                origin: path.display().to_string(),
                source: io::Error::new(io::ErrorKind::NotFound, "no such file or directory"),
            });
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            let origin = dir.display().to_string();
            errors.push(InputError::Io { origin, source });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        // Symbolic links to directories are not followed: a link loop cannot trap the walk.
        let is_link = path.symlink_metadata().map(|m| m.file_type().is_symlink()).unwrap_or(false);
        if path.is_dir() && !is_link {
            walk(&path, files, errors);
        } else if path.is_file() && is_article_file(&path) {
            files.push(path);
        }
    }
}

fn is_article_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("txt" | "md" | "markdown" | "jsonl" | "ndjson")
    )
}

/// Reads the articles of one file (or `-`, standard input). JSON Lines are streamed
/// line by line; the iterator yields one result per article or failure.
pub fn read(path: &Path, defaults: &Defaults) -> Box<dyn Iterator<Item = Result<Article, InputError>>> {
    let origin = if path.as_os_str() == "-" { "<stdin>".to_string() } else { path.display().to_string() };
    let is_jsonl = matches!(
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("jsonl" | "ndjson")
    );
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        match File::open(path) {
            Ok(file) => Box::new(BufReader::new(file)),
            Err(source) => return Box::new(std::iter::once(Err(InputError::Io { origin, source }))),
        }
    };
    if is_jsonl {
        let defaults = defaults.clone();
        return Box::new(reader.lines().enumerate().filter_map(move |(i, line)| {
            let origin = format!("{origin}:{}", i + 1);
            match line {
                Ok(line) if line.trim().is_empty() => None,
                Ok(line) => Some(parse_json_line(&line, origin, &defaults)),
                Err(source) => Some(Err(InputError::Io { origin, source })),
            }
        }));
    }
    let is_markdown = matches!(
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("md" | "markdown")
    );
    let result = read_text(reader, &origin).and_then(|text| {
        let text = if is_markdown { strip_markdown(&text) } else { text };
        article_from_text(text, origin.clone(), defaults)
    });
    Box::new(std::iter::once(result))
}

fn read_text(mut reader: impl Read, origin: &str) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|source| InputError::Io { origin: origin.to_string(), source })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| InputError::Invalid {
        origin: origin.to_string(),
        message: format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()),
    })
}

/// Builds an article from a plain text: the first line is the headline when it
/// looks like one (short, no final full stop, followed by more text).
pub fn article_from_text(text: String, origin: String, defaults: &Defaults) -> Result<Article, InputError> {
    let text = text.replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(InputError::Invalid { origin, message: "empty article (no text)".into() });
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
    fn markdown_loses_its_markup() {
        assert_eq!(strip_markdown("# Title\nSee [the text](http://x) **now**"), "Title\nSee the text now");
    }
}
