//! Properties over arbitrary input: whatever UTF-8 an article holds (control codes,
//! combining marks, any script, fragments of real sentences), the extractor does not
//! panic and the quads it gives are RDF that Oxigraph's own N-Quads parser reads
//! back unchanged; whatever bytes a file holds, the readers give articles or errors
//! naming the file, never a panic.

use crate::extraction::extractor;
use newsgraph::input::{Article, Lang};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::Quad;
use proptest::prelude::*;
use std::collections::HashSet;

/// Text made of pieces a news article has, and pieces it should not.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Portugal criticou Espanha na terça-feira".to_string()),
        Just("O presidente Lula reuniu-se com Biden em Brasília".to_string()),
        Just("Russia's foreign minister accused NATO".to_string()),
        Just("\"Rússia\" } ; DROP ALL ; # <http://x> @pt \\u0000 \\".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        "[A-ZÁÉÓ][a-záéíóúãõç]{0,12}",
        "\\PC{0,20}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.join(" "))
}

fn quads_through_nquads(quads: &[Quad]) -> HashSet<Quad> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for quad in quads {
        serializer.serialize_quad(quad).expect("serialises");
    }
    let bytes = serializer.finish().expect("serialises");
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&bytes)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("Oxigraph cannot read back {}: {e}", String::from_utf8_lossy(&bytes)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_rdf_that_reads_back(text in text(), pt in any::<bool>(), title in proptest::option::of("\\PC{0,30}")) {
        let article = Article {
            id: None,
            title,
            text,
            lang: Some(if pt { Lang::Pt } else { Lang::En }),
            published: newsgraph::date::Date::new(2025, 6, 4),
            url: None,
            origin: "proptest".into(),
        };
        let ex = extractor();
        let extraction = ex.extract(&article);
        let quads = newsgraph::rdf::article_quads(&article, &extraction, &ex.gazetteer);
        prop_assert!(!quads.is_empty());
        prop_assert_eq!(quads_through_nquads(&quads), quads.iter().cloned().collect::<HashSet<_>>());
    }
}

/// Bytes a file might hold: text in some encoding, JSON Lines, junk.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"{\"text\": \"O Chile criticou o Peru.\", \"published\": \"2025-02-30\"}\n".to_vec()),
        Just(b"{\"text\": \"".to_vec()),
        Just(b"\xef\xbb\xbf".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"S\xe3o Tom\xe9 \x93sim\x94\r\n".to_vec()),
        Just(b"\n".to_vec()),
        prop::collection::vec(any::<u8>(), 0..64),
        any::<String>().prop_map(String::into_bytes),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_articles_or_errors_naming_the_file(bytes in bytes(), jsonl in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(if jsonl { "feed.jsonl" } else { "article.txt" });
        std::fs::write(&file, &bytes).unwrap();
        for article in newsgraph::input::read(&file, &newsgraph::input::Defaults::default()) {
            match article {
                Ok(article) => {
                    prop_assert!(!article.text.trim().is_empty() && !article.text.contains('\0'));
                    prop_assert!(article.origin.starts_with(&file.display().to_string()));
                }
                Err(error) => prop_assert!(error.to_string().starts_with(&file.display().to_string()), "{}", error),
            }
        }
    }
}
