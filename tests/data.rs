//! The gazetteer and the ontology tested as data: every country present, no label
//! shared by two entries of one kind unless explained, the ontology parses.

use super::extraction::extractor;
use newsgraph::gazetteer::{Kind, LabelKind};
use std::collections::HashMap;

#[test]
fn every_un_member_and_observer_is_a_country() {
    let gaz = &extractor().gazetteer;
    let countries = gaz.entries.iter().filter(|e| e.kind == Kind::Country).count();
    assert!(countries >= 195, "{countries} countries: 193 UN members and 2 observers expected at least");
    for (label, iso) in
        [("Coreia do Norte", "kp"), ("Vaticano", "va"), ("Palestina", "ps"), ("Tuvalu", "tv"), ("South Sudan", "ss")]
    {
        let hit = gaz.find(label);
        assert_eq!(hit.len(), 1, "{label} not found");
        let e = &gaz.entries[hit[0].targets[0].0];
        assert!(e.iri.ends_with(&format!("country-{iso}")), "{label} → {}", e.iri);
    }
}

#[test]
fn every_country_has_a_capital_and_both_languages() {
    let gaz = &extractor().gazetteer;
    for e in gaz.entries.iter().filter(|e| e.kind == Kind::Country) {
        assert!(e.capital.is_some(), "{} has no capital", e.iri);
        let langs: Vec<&str> = e.labels.iter().map(|(l, _)| l.as_str()).collect();
        assert!(
            langs.iter().any(|l| l.starts_with("en")) && langs.iter().any(|l| l.starts_with("pt")),
            "{} lacks en or pt label",
            e.iri
        );
    }
}

#[test]
fn demonyms_reach_their_country_in_every_inflection() {
    let gaz = &extractor().gazetteer;
    for word in ["norte-coreano", "norte-coreana", "norte-coreanos", "norte-coreanas", "North Korean"] {
        let hit = gaz.find(word);
        assert_eq!(hit.len(), 1, "{word}");
        let (e, how) = hit[0].targets[0];
        assert_eq!(how, LabelKind::Demonym, "{word}");
        assert!(gaz.entries[e].iri.ends_with("country-kp"), "{word} → {}", gaz.entries[e].iri);
    }
}

#[test]
fn no_label_names_two_entries_of_one_kind() {
    // A label may name a country and its capital's demonym-free namesake (Kuwait), but
    // never two countries, two organisations or two people: the extractor could not tell them apart.
    let gaz = &extractor().gazetteer;
    let mut clashes = Vec::new();
    for (label, targets) in gaz.labels() {
        let mut by_kind: HashMap<Kind, Vec<usize>> = HashMap::new();
        for &(e, how) in targets {
            if how == LabelKind::Name {
                by_kind.entry(gaz.entries[e].kind).or_default().push(e);
            }
        }
        for (kind, entries) in by_kind {
            if entries.len() > 1 {
                clashes.push(format!("{label:?} names {} {kind:?} entries", entries.len()));
            }
        }
    }
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}

#[test]
fn the_ontology_declares_all_eighteen_relations() {
    let turtle = newsgraph::ontology::FILES[0].1;
    for r in newsgraph::relation::Relation::ALL {
        assert!(
            turtle.contains(&format!("ng:{} a owl:ObjectProperty, ng:RelationProperty", r.local_name())),
            "{}",
            r.local_name()
        );
    }
    for (name, text) in newsgraph::ontology::FILES {
        for q in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle).for_slice(text.as_bytes()) {
            q.unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

#[test]
fn every_relation_has_a_group_that_agrees_with_its_goldstein_sign() {
    // The page and the graph exports colour edges by `ng:relationGroup`, read from
    // the ontology as data; it must say what the CAMEO/Goldstein values say.
    use newsgraph::relation::Relation;
    let turtle = newsgraph::ontology::FILES[0].1;
    let ng = newsgraph::vocab::NG;
    let mut groups = HashMap::new();
    for triple in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
        let triple = triple.expect("the ontology parses");
        if triple.predicate.as_str() == format!("{ng}relationGroup") {
            groups.insert(triple.subject.to_string(), triple.object.to_string());
        }
    }
    for relation in Relation::ALL {
        let group = groups.get(&format!("<{ng}{}>", relation.local_name())).unwrap_or_else(|| {
            panic!("{} has no ng:relationGroup", relation.local_name());
        });
        let expected = match relation.goldstein() {
            Some(g) if g > 0.0 => "Cooperation",
            Some(g) if g < 0.0 => "Conflict",
            _ => "Structural",
        };
        assert_eq!(group, &format!("<{ng}{expected}>"), "{}", relation.local_name());
    }
    assert_eq!(groups.len(), Relation::ALL.len());
}
