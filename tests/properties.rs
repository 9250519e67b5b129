//! Properties over arbitrary text: whatever UTF-8 an article holds (control codes,
//! combining marks, any script, fragments of real sentences), the extractor does not
//! panic and the quads it gives are RDF that Oxigraph's own N-Quads parser reads
//! back unchanged.

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
