//! RDF: the only place that mints IRIs. Turns an article and its extraction into the
//! quads of the article's named graph (vocabulary.md): the article's metadata, its
//! entities with labels and types, a direct triple per asserted fact and an `ng:Event`
//! per fact. No I/O and no store here.

use crate::extract::Extraction;
use crate::gazetteer::{Gazetteer, Kind};
use crate::input::Article;
use crate::statements::{Modality, Polarity};
use crate::vocab::{iri, NG, NGID};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

/// The hex SHA-256 of an article's text: its `dcterms:identifier`.
pub fn content_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The IRI of an article: from its id, else its URL, else its content, so that an
/// article given with the same id or URL replaces its old version.
pub fn article_iri(article: &Article) -> NamedNode {
    let key = match (&article.id, &article.url) {
        (Some(id), _) => id_segment(id),
        (None, Some(url)) => format!("u{}", &content_hash(url)[..16]),
        (None, None) => format!("h{}", &content_hash(&article.text)[..16]),
    };
    NamedNode::new_unchecked(format!("{NGID}article/{key}"))
}

/// The IRI of a relation property.
pub fn relation_iri(relation: crate::relation::Relation) -> NamedNode {
    NamedNode::new_unchecked(format!("{NG}{}", relation.local_name()))
}

/// The graph holding the gazetteer and ontology in a store.
pub fn background_graph() -> NamedNode {
    NamedNode::new_unchecked(format!("{NGID}graph/background"))
}

/// The graph holding the summary counts (see `summary`).
pub fn summary_graph() -> NamedNode {
    NamedNode::new_unchecked(format!("{NGID}graph/summary"))
}

/// The node of a fact's counts in the summary graph: one per (subject, relation,
/// object), named by a hash of the three IRIs so that every store names it alike.
pub fn fact_tally_iri(subject: &NamedNode, relation: &NamedNode, object: &NamedNode) -> NamedNode {
    let key = format!("{}\n{}\n{}", subject.as_str(), relation.as_str(), object.as_str());
    NamedNode::new_unchecked(format!("{NGID}fact/{}", &content_hash(&key)[..24]))
}

/// The node of a publication day's count in the summary graph (`day` is the
/// lexical form of an `xsd:date`, made of digits and hyphens).
pub fn day_iri(day: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{NGID}day/{}", id_segment(day)))
}

/// An id as an IRI path segment, exactly: unreserved characters kept, every other
/// byte percent-encoded, so two different ids never share an article IRI.
fn id_segment(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Lower-case ASCII letters, digits and hyphens.
pub fn slug(text: &str) -> String {
    let key = crate::entities::name_key(text);
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "x".to_string()
    } else {
        out
    }
}

/// The IRI of an entity: the gazetteer's, else one minted from its name key.
pub fn entity_iri(entity: &crate::entities::Entity) -> NamedNode {
    if entity.known.is_some() {
        node(&entity.key)
    } else {
        let (kind, name) = entity.key.split_once(':').unwrap_or(("thing", &entity.key));
        node(&format!("{NGID}{kind}/{}", slug(name)))
    }
}

/// The `ng:nameKey` literals of an entity's names: each label and alias lower-cased
/// (as SPARQL's `LCASE` does), once each, so that a saved query finds an actor by
/// any of its names in any case with one index lookup instead of reading every label.
pub fn name_keys<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut keys: Vec<String> = names.into_iter().map(str::to_lowercase).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn node(text: &str) -> NamedNode {
    NamedNode::new_unchecked(text)
}

/// The quads of an article's graph.
pub fn article_quads(article: &Article, ex: &Extraction, gaz: &Gazetteer) -> Vec<Quad> {
    let article_node = article_iri(article);
    let graph = GraphName::NamedNode(article_node.clone());
    let mut quads = Vec::new();
    let mut add = |s: &NamedNode, p: &str, o: Term| {
        quads.push(Quad::new(NamedOrBlankNode::NamedNode(s.clone()), node(p), o, graph.clone()));
    };
    let lang = ex.lang.tag();
    let text_literal = |v: &str| Term::Literal(Literal::new_language_tagged_literal_unchecked(v, lang));

    add(&article_node, iri::RDF_TYPE, node(iri::SCHEMA_NEWS_ARTICLE).into());
    add(&article_node, iri::DCTERMS_IDENTIFIER, Literal::new_simple_literal(content_hash(&article.text)).into());
    add(&article_node, iri::SCHEMA_IN_LANGUAGE, Literal::new_simple_literal(lang).into());
    if let Some(title) = &article.title {
        add(&article_node, iri::SCHEMA_HEADLINE, text_literal(title));
    }
    if let Some(date) = ex.published {
        add(
            &article_node,
            iri::SCHEMA_DATE_PUBLISHED,
            Literal::new_typed_literal(date.to_string(), node(iri::XSD_DATE)).into(),
        );
    }
    if let Some(url) = &article.url {
        add(&article_node, iri::SCHEMA_URL, Literal::new_simple_literal(url).into());
    }
    if let Some(id) = &article.id {
        add(&article_node, iri::DCTERMS_SOURCE, Literal::new_simple_literal(id).into());
    }

    let entity_nodes: Vec<NamedNode> = ex.entities.iter().map(entity_iri).collect();
    // Entities named in the text, and those a fact uses (a capital's city).
    let mentioned: std::collections::BTreeSet<usize> = ex
        .mention_entities
        .iter()
        .flatten()
        .copied()
        .chain(ex.facts.iter().flat_map(|f| [f.subject, f.object]))
        .collect();
    for &e in &mentioned {
        let entity = &ex.entities[e];
        let n = &entity_nodes[e];
        add(&article_node, iri::SCHEMA_MENTIONS, n.clone().into());
        let class = match entity.kind {
            Kind::Person => iri::SCHEMA_PERSON,
            Kind::Organization => iri::SCHEMA_ORGANIZATION,
            Kind::Country => iri::SCHEMA_COUNTRY,
            Kind::Place | Kind::Seat => iri::SCHEMA_PLACE,
        };
        add(n, iri::RDF_TYPE, node(class).into());
        add(n, iri::RDFS_LABEL, text_literal(&entity.label));
        for alias in &entity.aliases {
            add(n, iri::SKOS_ALT_LABEL, text_literal(alias));
        }
        for key in name_keys(std::iter::once(entity.label.as_str()).chain(entity.aliases.iter().map(String::as_str))) {
            add(n, iri::NG_NAME_KEY, Literal::new_simple_literal(key).into());
        }
        if let Some(known) = entity.known {
            for same in &gaz.entries[known].same_as {
                add(n, iri::OWL_SAME_AS, node(same).into());
            }
        }
    }

    for (i, fact) in ex.facts.iter().enumerate() {
        let (s, o) = (&entity_nodes[fact.subject], &entity_nodes[fact.object]);
        let property = relation_iri(fact.relation);
        if fact.is_asserted() {
            add(s, property.as_str(), o.clone().into());
            if fact.relation.is_symmetric() {
                add(o, property.as_str(), s.clone().into());
            }
        }
        let event = node(&format!("{}/event/{}", article_node.as_str(), i + 1));
        add(&event, iri::RDF_TYPE, node(iri::NG_EVENT).into());
        add(&event, iri::NG_RELATION, property.clone().into());
        add(&event, iri::NG_SUBJECT, s.clone().into());
        add(&event, iri::NG_OBJECT, o.clone().into());
        let polarity = if fact.polarity == Polarity::Positive { iri::NG_POSITIVE } else { iri::NG_NEGATIVE };
        add(&event, iri::NG_POLARITY, node(polarity).into());
        let modality = if fact.modality == Modality::Asserted { iri::NG_ASSERTED } else { iri::NG_HEDGED };
        add(&event, iri::NG_MODALITY, node(modality).into());
        if let Some(date) = fact.date {
            let datatype = match date {
                crate::date::EventDate::Day(_) => iri::XSD_DATE,
                crate::date::EventDate::Month(..) => iri::XSD_G_YEAR_MONTH,
                crate::date::EventDate::Year(_) => iri::XSD_G_YEAR,
            };
            add(&event, iri::NG_DATE, Literal::new_typed_literal(date.lexical(), node(datatype)).into());
        }
        if let Some(place) = fact.place {
            add(&event, iri::NG_PLACE, entity_nodes[place].clone().into());
        }
        if let Some(source) = fact.source {
            add(&event, iri::NG_SOURCE, entity_nodes[source].clone().into());
        }
        if let Some(code) = fact.relation.cameo() {
            add(&event, iri::NG_CAMEO_CODE, Literal::new_simple_literal(code).into());
        }
        let evidence = &article.text[fact.evidence_span(&ex.sentences)];
        add(&event, iri::NG_EVIDENCE, text_literal(evidence));
        add(&event, iri::NG_CUE, Literal::new_simple_literal(&fact.cue).into());
        add(&event, iri::PROV_WAS_DERIVED_FROM, article_node.clone().into());
    }
    quads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_ids_give_distinct_article_iris() {
        let iri = |id: &str| {
            let article = Article {
                id: Some(id.into()),
                title: None,
                text: "x".into(),
                lang: None,
                published: None,
                url: None,
                origin: String::new(),
            };
            article_iri(&article).into_string()
        };
        assert_ne!(iri("fakebr-true-1"), iri("fakebr-true-11"));
        assert_ne!(iri("bbc-tech-001"), iri("bbc-tech-01"));
        assert!(iri("a b/é").ends_with("/article/a%20b%2F%C3%A9"));
    }

    #[test]
    fn slugs_are_ascii_and_spelling_insensitive() {
        assert_eq!(slug("Volodymyr Zelenskyy"), "volodimir-zelenski");
        assert_eq!(slug("Conselho de Segurança russo"), "conselho-de-seguranca-ruso");
    }
}
