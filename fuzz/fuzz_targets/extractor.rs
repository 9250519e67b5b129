//! Fuzz target: any UTF-8 text through the extractor (sentences, mentions, entities,
//! statements, dates) into an article's quads and its JSON annotations. A panic in
//! any stage fails, and so do quads that Oxigraph's N-Quads parser does not read
//! back unchanged.
//!
//! The whole input is the text, so a real article given as a seed is read whole; its
//! length picks the language (pt, en, detected) and the article's date (none, an
//! ordinary one, or the first or last day the dates allow, where date arithmetic
//! would leave the calendar).

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::date::Date;
use newsgraph::input::{Article, Lang};
use newsgraph::{Config, Extractor};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::Quad;
use std::collections::HashSet;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(&Config::default()).expect("the embedded data compiles"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let pick = data.len();
    let article = Article {
        id: None,
        title: text.lines().next().filter(|_| pick % 2 == 0).map(str::to_string),
        text: text.to_string(),
        lang: [Some(Lang::Pt), Some(Lang::En), None][pick % 3],
        published: [None, Date::new(2025, 2, 28), Date::new(1, 1, 1), Date::new(9999, 12, 31)][pick / 3 % 4],
        url: None,
        origin: "fuzz".into(),
    };
    let ex = extractor();
    let extraction = ex.extract(&article);
    let quads = newsgraph::rdf::article_quads(&article, &extraction, &ex.gazetteer);
    assert!(!quads.is_empty());
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for quad in &quads {
        serializer.serialize_quad(quad).expect("serialises");
    }
    let bytes = serializer.finish().expect("serialises");
    let read: HashSet<Quad> =
        RdfParser::from_format(RdfFormat::NQuads).for_slice(&bytes).collect::<Result<_, _>>().expect("reads back");
    assert_eq!(read, quads.iter().cloned().collect::<HashSet<_>>());
    newsgraph::annotation::annotations(&article, &extraction, ex);
});
