//! `extract --format json`: what the extractor found in an article as one JSON
//! object, for annotation tools and NLP pipelines: the text, its sentences, every
//! mention with its character offsets, type and entity, every entity with its IRI,
//! and every statement with its evidence span. Offsets count Unicode characters
//! (code points, as Python's `str` indexes), `end` exclusive.
//!
//! No I/O: the caller writes the value where it wants.

use crate::extract::{Extraction, Extractor};
use crate::gazetteer::Kind;
use crate::input::Article;
use crate::mentions::Referent;
use crate::statements::{Modality, Polarity};
use serde::Serialize;
use std::ops::Range;

/// One article's annotations.
#[derive(Debug, Serialize)]
pub struct Annotations {
    /// Where the article was read from (`file`, `file:line`, `<stdin>`).
    pub origin: String,
    /// The article's IRI (its named graph in a store).
    pub article: String,
    /// Its headline.
    pub title: Option<String>,
    /// The language it was read in.
    pub lang: &'static str,
    /// Its publication date (YYYY-MM-DD).
    pub published: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// The text the offsets count in.
    pub text: String,
    /// The sentences.
    pub sentences: Vec<Span>,
    /// The entities; mentions and statements refer to them by index.
    pub entities: Vec<EntityJson>,
    /// The mentions, in text order.
    pub mentions: Vec<MentionJson>,
    /// The statements, asserted or not.
    pub statements: Vec<StatementJson>,
    /// What the extractor could not use.
    pub warnings: Vec<String>,
}

/// A stretch of the text.
#[derive(Debug, Serialize)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The text itself.
    pub text: String,
}

/// An entity.
#[derive(Debug, Serialize)]
pub struct EntityJson {
    /// Its index.
    pub id: usize,
    /// Its IRI in the store.
    pub iri: String,
    /// Its name.
    pub label: String,
    /// `Person`, `Organization`, `Country`, `Place` or `Seat`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The other forms the article used.
    pub aliases: Vec<String>,
}

/// A mention.
#[derive(Debug, Serialize)]
pub struct MentionJson {
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// What kind of thing it names.
    #[serde(rename = "type")]
    pub kind: String,
    /// The entity it names (index), if resolved.
    pub entity: Option<usize>,
    /// The sentence it is in (index).
    pub sentence: usize,
}

/// A statement.
#[derive(Debug, Serialize)]
pub struct StatementJson {
    /// Subject entity (index).
    pub subject: usize,
    /// The relation's local name in the `ng:` vocabulary.
    pub relation: &'static str,
    /// Object entity (index).
    pub object: usize,
    /// `positive` or `negative`.
    pub polarity: &'static str,
    /// `asserted` or `hedged`.
    pub modality: &'static str,
    /// When (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), if the sentence says.
    pub date: Option<String>,
    /// Where (entity index), if the sentence says.
    pub place: Option<usize>,
    /// Who the article attributes it to (entity index).
    pub source: Option<usize>,
    /// The CAMEO code, where one fits.
    pub cameo: Option<&'static str>,
    /// Its Goldstein value.
    pub goldstein: Option<f32>,
    /// The rule that found it.
    pub rule: String,
    /// The sentence it comes from.
    pub evidence: Span,
}

/// The annotations of an extracted article.
pub fn annotations(article: &Article, ex: &Extraction, extractor: &Extractor) -> Annotations {
    let text = &article.text;
    // The byte offset of every character, to turn byte spans into character offsets.
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let span = |bytes: &Range<usize>| Span {
        start: starts.partition_point(|&b| b < bytes.start),
        end: starts.partition_point(|&b| b < bytes.end),
        text: text[bytes.clone()].to_string(),
    };
    let kind_name = |kind: Kind| format!("{kind:?}");
    let entities = ex
        .entities
        .iter()
        .enumerate()
        .map(|(id, e)| EntityJson {
            id,
            iri: crate::rdf::entity_iri(e).into_string(),
            label: e.label.clone(),
            kind: kind_name(e.kind),
            aliases: e.aliases.clone(),
        })
        .collect();
    let mentions = ex
        .mentions
        .iter()
        .zip(&ex.mention_entities)
        .filter(|(m, _)| !matches!(m.referent, Referent::Absorbed))
        .map(|(m, entity)| {
            let kind = match (entity, &m.referent) {
                (Some(e), _) => kind_name(ex.entities[*e].kind),
                (None, Referent::Known(i, _)) => kind_name(extractor.gazetteer.entries[*i].kind),
                (None, Referent::Person(_)) => "Person".to_string(),
                (None, Referent::Organization(..)) => "Organization".to_string(),
                (None, Referent::Place(_)) => "Place".to_string(),
                (None, _) => "Unknown".to_string(),
            };
            MentionJson { span: span(&m.span), kind, entity: *entity, sentence: m.sentence }
        })
        .collect();
    let statements = ex
        .facts
        .iter()
        .map(|f| StatementJson {
            subject: f.subject,
            relation: f.relation.local_name(),
            object: f.object,
            polarity: if f.polarity == Polarity::Positive { "positive" } else { "negative" },
            modality: if f.modality == Modality::Asserted { "asserted" } else { "hedged" },
            date: f.date.map(|d| d.lexical()),
            place: f.place,
            source: f.source,
            cameo: f.relation.cameo(),
            goldstein: f.relation.goldstein(),
            rule: f.cue.clone(),
            evidence: span(&f.evidence_span(&ex.sentences)),
        })
        .collect();
    Annotations {
        origin: article.origin.clone(),
        article: crate::rdf::article_iri(article).into_string(),
        title: article.title.clone(),
        lang: ex.lang.tag(),
        published: ex.published.map(|d| d.to_string()),
        url: article.url.clone(),
        text: text.clone(),
        sentences: ex.sentences.iter().map(span).collect(),
        entities,
        mentions,
        statements,
        warnings: ex.warnings.clone(),
    }
}
