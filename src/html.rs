//! HTML pages into article text, with a real HTML parser (`scraper`, on Servo's
//! html5ever: broken markup reads as a browser reads it). The title (`og:title`,
//! else `<title>`, else the first `<h1>`), the body (the page's largest `<article>`,
//! else `<main>`, else the block with the most paragraph text) as plain text, one
//! paragraph a line, and the metadata: the `<meta>` date, the canonical URL and the
//! page's language. Scripts, styles, navigation, headers, footers, asides and forms
//! are never text.
//!
//! Knows nothing of files or extraction: `input` reads the bytes and builds the
//! [`crate::Article`].

use scraper::{ElementRef, Html, Node, Selector};

/// What a page says about itself and its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The headline: `og:title`, else `<title>`, else the first `<h1>`.
    pub title: Option<String>,
    /// The article's text, paragraphs separated by a blank line.
    pub text: String,
    /// The publication date as the page writes it (`article:published_time`,
    /// `datePublished`, `date`, `DC.date` meta tags), not checked.
    pub published: Option<String>,
    /// `<link rel="canonical">`, else `og:url`.
    pub url: Option<String>,
    /// `<html lang>`, as written.
    pub lang: Option<String>,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
    "select", "textarea", "head", "object", "embed", "canvas", "dialog", "menu",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "br",
    "hr",
    "address",
    "details",
    "summary",
    "body",
];

/// The `<meta>` names (or properties, or itemprops) that give the publication
/// date, most specific first.
const DATE_METAS: &[&str] =
    &["article:published_time", "datepublished", "og:published_time", "date", "dc.date", "dcterms.date", "pubdate"];

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

/// Reads a page.
pub fn parse(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let mut metas: Vec<(String, String)> = Vec::new();
    for meta in doc.select(&selector("meta")) {
        let element = meta.value();
        let key = element.attr("property").or_else(|| element.attr("name")).or_else(|| element.attr("itemprop"));
        if let (Some(key), Some(content)) = (key, element.attr("content")) {
            let content = collapse(content);
            if !content.is_empty() {
                metas.push((key.trim().to_ascii_lowercase(), content));
            }
        }
    }
    let meta = |name: &str| metas.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let first_text =
        |css: &str| doc.select(&selector(css)).map(|e| collapse(&e.text().collect::<String>())).find(|t| !t.is_empty());
    let title = meta("og:title").or_else(|| first_text("title")).or_else(|| first_text("h1"));
    let published = DATE_METAS.iter().find_map(|name| meta(name));
    let canonical = doc
        .select(&selector("link[rel]"))
        .filter(|l| {
            l.value().attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")))
        })
        .find_map(|l| l.value().attr("href").map(str::trim).filter(|h| !h.is_empty()).map(str::to_string));
    let url = canonical.or_else(|| meta("og:url"));
    let lang = doc
        .select(&selector("html"))
        .find_map(|h| h.value().attr("lang").map(str::trim).filter(|l| !l.is_empty()).map(str::to_string));
    Page { title, text: body_text(&doc), published, url, lang }
}

/// The article's text: the `<article>` with the most text, else `<main>`, else the
/// element whose own paragraphs hold the most text, else the whole body.
fn body_text(doc: &Html) -> String {
    let longest = |css: &str| {
        doc.select(&selector(css))
            .filter(|e| !inside_skipped(*e))
            .map(render)
            .filter(|t| !t.is_empty())
            .max_by_key(|t| t.len())
    };
    if let Some(text) = longest("article").or_else(|| longest("main, [role=main]")) {
        return text;
    }
    let best = doc
        .select(&selector("div, section, td, body"))
        .filter(|e| !inside_skipped(*e))
        .map(|e| (own_paragraphs_len(e), e))
        .filter(|(score, _)| *score > 0)
        .max_by_key(|(score, _)| *score);
    match best {
        Some((_, element)) => render(element),
        None => doc.select(&selector("body")).next().map(render).unwrap_or_default(),
    }
}

/// The text length of an element's own `<p>` children.
fn own_paragraphs_len(element: ElementRef<'_>) -> usize {
    element
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|c| c.value().name() == "p")
        .map(|p| p.text().map(str::len).sum::<usize>())
        .sum()
}

fn inside_skipped(element: ElementRef<'_>) -> bool {
    element.ancestors().filter_map(ElementRef::wrap).any(|a| SKIPPED.contains(&a.value().name()))
}

/// An element's text: whitespace collapsed inside a line, one line per block
/// (paragraph, heading, list item), lines separated by a blank line.
fn render(element: ElementRef<'_>) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    walk(element, &mut lines, &mut line);
    flush(&mut lines, &mut line);
    lines.join("\n\n")
}

fn walk(element: ElementRef<'_>, lines: &mut Vec<String>, line: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => line.push_str(text),
            Node::Element(e) if SKIPPED.contains(&e.name()) => {}
            Node::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                let block = BLOCKS.contains(&e.name());
                if block {
                    flush(lines, line);
                }
                walk(child, lines, line);
                if block {
                    flush(lines, line);
                }
            }
            _ => {}
        }
    }
}

fn flush(lines: &mut Vec<String>, line: &mut String) {
    let text = collapse(line);
    if !text.is_empty() {
        lines.push(text);
    }
    line.clear();
}

/// Whitespace runs (newlines, non-breaking spaces included) to one space, trimmed.
fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="pt-PT"><head>
<title>Site | Notícia</title>
<meta property="og:title" content="Quénia e Etiópia assinam acordo">
<meta property="article:published_time" content="2025-05-03T10:00:00Z">
<link rel="canonical" href="https://example.org/noticia">
<style>p { color: red }</style><script>var x = "Portugal atacou Espanha.";</script>
</head><body>
<header><nav><a href="/">Início</a> <a href="/mundo">Mundo</a></nav></header>
<article><h1>Quénia e Etiópia assinam acordo</h1>
<p>O Quénia   condenou a Somália
na terça-feira.</p><p>O presidente <b>William Ruto</b> reuniu-se com Abiy Ahmed.</p>
<aside>Leia também: outra notícia</aside></article>
<footer>© Jornal</footer></body></html>"#;

    #[test]
    fn a_page_gives_its_article_and_metadata() {
        let page = parse(PAGE);
        assert_eq!(page.title.as_deref(), Some("Quénia e Etiópia assinam acordo"));
        assert_eq!(
            page.text,
            "Quénia e Etiópia assinam acordo\n\nO Quénia condenou a Somália na terça-feira.\n\nO presidente William Ruto reuniu-se com Abiy Ahmed."
        );
        assert_eq!(page.published.as_deref(), Some("2025-05-03T10:00:00Z"));
        assert_eq!(page.url.as_deref(), Some("https://example.org/noticia"));
        assert_eq!(page.lang.as_deref(), Some("pt-PT"));
    }

    #[test]
    fn without_article_the_largest_block_of_paragraphs_is_the_body() {
        let page = parse(
            "<html><head><title>T</title><meta name=\"date\" content=\"2024-01-02\"></head><body>\
             <div class=menu><p>Home</p></div>\
             <div><p>France sent troops to Chad.</p><p>Chad welcomed them.</p></div>\
             <footer><p>A long footer paragraph that is longer than everything else on this page.</p></footer>\
             </body></html>",
        );
        assert_eq!(page.text, "France sent troops to Chad.\n\nChad welcomed them.");
        assert_eq!(page.title.as_deref(), Some("T"));
        assert_eq!(page.published.as_deref(), Some("2024-01-02"));
    }

    #[test]
    fn broken_markup_still_reads() {
        let page = parse("<p>Angola <i>apoia</p> Moçambique.<h1>Título");
        assert_eq!(page.title.as_deref(), Some("Título"));
        assert!(page.text.contains("Angola apoia"), "{:?}", page.text);
    }
}
