//! Summary data: how many articles mention each entity and state each fact, kept in
//! the summary graph so that the saved queries that count over the whole store
//! (most-mentioned, leaders, partners-and-adversaries, relations-between) read a
//! few thousand counts instead of every article. No store here: this module turns an
//! article's quads into the keys it counts towards, and counts into quads; `store`
//! writes them in the same commit as the articles and folds them.
//!
//! The counts are kept right without ever reading and rewriting a total inside a bulk
//! load: each commit of articles adds *partial* counts, one blank node per key
//! (`_:p ng:tallyOf E ; ng:actorArticles 3`, negative for a replaced article's old
//! version), in the same bulk load or transaction as the articles; a later transaction
//! ([`crate::store::GraphStore::fold_summary`]) adds them into the key's total
//! (`E ng:actorArticles 40`) and removes them. The total plus the partials is right
//! after every commit, so a crash between the two leaves it right (the saved queries
//! add both), only slower to read until the next fold.

use crate::rdf::{day_iri, fact_tally_iri, summary_graph};
use crate::vocab::iri;
use oxigraph::model::{
    BlankNode, GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef, Term,
    TermRef,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What one count is of: the node it is about and the property that holds it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// Articles that mention an entity, by its class: `ng:actorArticles` (a person,
    /// organisation or country) or `ng:placeArticles`.
    Entity {
        /// The entity.
        entity: NamedNode,
        /// Whether it is an actor (person, organisation, country) rather than a place.
        actor: bool,
    },
    /// Articles published on a day, an `xsd:date`'s lexical form (`ng:dayArticles` of
    /// the day's node): the days
    /// sorted are how the lists of the saved queries start from the newest articles.
    Day(String),
    /// Articles that state a fact (subject, relation, object) with a factuality.
    Fact {
        /// The event's `ng:subject`.
        subject: NamedNode,
        /// The event's `ng:relation`.
        relation: NamedNode,
        /// The event's `ng:object`.
        object: NamedNode,
        /// Its polarity and modality.
        factuality: Factuality,
    },
}

/// How an article states a fact, as its `ng:Event`'s polarity and modality say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Factuality {
    /// Positive and asserted: the article's direct triple (`ng:assertedArticles`).
    Asserted,
    /// Positive and hedged ("may send"): `ng:hedgedArticles`.
    Hedged,
    /// Negative, hedged or not ("denied sending"): `ng:negatedArticles`.
    Negated,
}

impl Key {
    /// The node the count is about: the entity, or the fact's tally node.
    pub fn node(&self) -> NamedNode {
        match self {
            Key::Entity { entity, .. } => entity.clone(),
            Key::Day(day) => day_iri(day),
            Key::Fact { subject, relation, object, .. } => fact_tally_iri(subject, relation, object),
        }
    }

    /// The property whose value is the count.
    pub fn property(&self) -> NamedNodeRef<'static> {
        NamedNodeRef::new_unchecked(match self {
            Key::Entity { actor: true, .. } => iri::NG_ACTOR_ARTICLES,
            Key::Entity { actor: false, .. } => iri::NG_PLACE_ARTICLES,
            Key::Day(_) => iri::NG_DAY_ARTICLES,
            Key::Fact { factuality: Factuality::Asserted, .. } => iri::NG_ASSERTED_ARTICLES,
            Key::Fact { factuality: Factuality::Hedged, .. } => iri::NG_HEDGED_ARTICLES,
            Key::Fact { factuality: Factuality::Negated, .. } => iri::NG_NEGATED_ARTICLES,
        })
    }

    /// The quads that say what a day's or a fact's tally node is about (none for an
    /// entity, which is its own node).
    fn describe(&self, node: &NamedNode) -> Vec<Quad> {
        let graph = GraphName::NamedNode(summary_graph());
        let about = |p: &str, o: Term| Quad::new(node.clone(), NamedNode::new_unchecked(p), o, graph.clone());
        let (subject, relation, object) = match self {
            Key::Entity { .. } => return Vec::new(),
            Key::Day(day) => {
                let day = Literal::new_typed_literal(day, NamedNode::new_unchecked(iri::XSD_DATE));
                return vec![about(iri::NG_DAY, day.into())];
            }
            Key::Fact { subject, relation, object, .. } => (subject, relation, object),
        };
        vec![
            about(iri::RDF_TYPE, NamedNode::new_unchecked(iri::NG_FACT_TALLY).into()),
            about(iri::NG_FACT_SUBJECT, subject.clone().into()),
            about(iri::NG_FACT_RELATION, relation.clone().into()),
            about(iri::NG_FACT_OBJECT, object.clone().into()),
        ]
    }
}

/// The properties that hold counts.
pub const COUNT_PROPERTIES: [&str; 6] = [
    iri::NG_ACTOR_ARTICLES,
    iri::NG_DAY_ARTICLES,
    iri::NG_PLACE_ARTICLES,
    iri::NG_ASSERTED_ARTICLES,
    iri::NG_HEDGED_ARTICLES,
    iri::NG_NEGATED_ARTICLES,
];

/// The keys one article counts towards (once each, however often it says so), from
/// the quads of its graph: the entities it mentions (`schema:mentions`, their class
/// from `rdf:type`) and the facts of its `ng:Event`s.
pub fn keys<'a>(quads: impl IntoIterator<Item = QuadRef<'a>>) -> BTreeSet<Key> {
    let mut mentioned = BTreeSet::new();
    let mut actors = BTreeSet::new();
    let mut events: HashMap<NamedOrBlankNodeRef<'a>, Event<'a>> = HashMap::new();
    let mut days = BTreeSet::new();
    for q in quads {
        let object = match q.object {
            TermRef::NamedNode(n) => n,
            TermRef::Literal(day)
                if q.predicate.as_str() == iri::SCHEMA_DATE_PUBLISHED && day.datatype().as_str() == iri::XSD_DATE =>
            {
                days.insert(day.value().to_string());
                continue;
            }
            _ => continue,
        };
        match q.predicate.as_str() {
            iri::SCHEMA_MENTIONS => {
                mentioned.insert(object.into_owned());
            }
            iri::RDF_TYPE
                if matches!(object.as_str(), iri::SCHEMA_PERSON | iri::SCHEMA_ORGANIZATION | iri::SCHEMA_COUNTRY) =>
            {
                if let NamedOrBlankNodeRef::NamedNode(s) = q.subject {
                    actors.insert(s.into_owned());
                }
            }
            iri::NG_RELATION => events.entry(q.subject).or_default().relation = Some(object),
            iri::NG_SUBJECT => events.entry(q.subject).or_default().subject = Some(object),
            iri::NG_OBJECT => events.entry(q.subject).or_default().object = Some(object),
            iri::NG_POLARITY => events.entry(q.subject).or_default().negative = object.as_str() == iri::NG_NEGATIVE,
            iri::NG_MODALITY => events.entry(q.subject).or_default().hedged = object.as_str() == iri::NG_HEDGED,
            _ => {}
        }
    }
    let mut keys: BTreeSet<Key> = mentioned
        .into_iter()
        .map(|entity| {
            let actor = actors.contains(&entity);
            Key::Entity { entity, actor }
        })
        .collect();
    keys.extend(days.into_iter().map(Key::Day));
    for event in events.into_values() {
        let (Some(subject), Some(relation), Some(object)) = (event.subject, event.relation, event.object) else {
            continue;
        };
        let factuality = match (event.negative, event.hedged) {
            (true, _) => Factuality::Negated,
            (false, true) => Factuality::Hedged,
            (false, false) => Factuality::Asserted,
        };
        keys.insert(Key::Fact {
            subject: subject.into_owned(),
            relation: relation.into_owned(),
            object: object.into_owned(),
            factuality,
        });
    }
    keys
}

/// What an article's events say, gathered from their quads.
#[derive(Default)]
struct Event<'a> {
    relation: Option<NamedNodeRef<'a>>,
    subject: Option<NamedNodeRef<'a>>,
    object: Option<NamedNodeRef<'a>>,
    negative: bool,
    hedged: bool,
}

/// Changes of counts: +1 for each key of an article added, −1 for each key of an
/// article's version removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Deltas(pub BTreeMap<Key, i64>);

impl Deltas {
    /// Adds `by` to each key.
    pub fn add(&mut self, keys: &BTreeSet<Key>, by: i64) {
        for key in keys {
            *self.0.entry(key.clone()).or_default() += by;
        }
    }

    /// The partial counts to write (one blank node per key whose change is not zero),
    /// with the quads saying what each fact's tally node is about.
    pub fn partial_quads(&self) -> Vec<Quad> {
        let graph = GraphName::NamedNode(summary_graph());
        let mut quads = Vec::new();
        for (key, &n) in &self.0 {
            if n == 0 {
                continue;
            }
            let node = key.node();
            let partial = NamedOrBlankNode::BlankNode(BlankNode::default());
            quads.push(Quad::new(
                partial.clone(),
                NamedNode::new_unchecked(iri::NG_TALLY_OF),
                node.clone(),
                graph.clone(),
            ));
            quads.push(Quad::new(partial, key.property().into_owned(), count(n), graph.clone()));
            if n > 0 {
                quads.extend(key.describe(&node));
            }
        }
        quads
    }

    /// The totals as quads (a summary written whole, with no partials): each key's
    /// count and what its node is about; keys at zero or below are left out.
    pub fn total_quads(&self) -> Vec<Quad> {
        let graph = GraphName::NamedNode(summary_graph());
        let mut quads = Vec::new();
        for (key, &n) in &self.0 {
            if n <= 0 {
                continue;
            }
            let node = key.node();
            quads.push(Quad::new(node.clone(), key.property().into_owned(), count(n), graph.clone()));
            quads.extend(key.describe(&node));
        }
        quads
    }
}

/// A count as a literal (`xsd:integer`).
pub fn count(n: i64) -> Literal {
    Literal::from(n)
}

/// The quad marking a summary as kept by this version: a store without it (built
/// before summaries, or changed by `update`) gets its summary rebuilt.
pub fn marker() -> Quad {
    let graph = summary_graph();
    Quad::new(
        graph.clone(),
        NamedNode::new_unchecked(iri::DCTERMS_IDENTIFIER),
        Literal::new_simple_literal(VERSION),
        GraphName::NamedNode(graph),
    )
}

/// The summary's version: changed when what it counts changes, so that older stores
/// are rebuilt.
const VERSION: &str = "summary 1";

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("http://x/{s}"))
    }

    fn q(s: &NamedNode, p: &str, o: impl Into<Term>) -> Quad {
        Quad::new(s.clone(), NamedNode::new_unchecked(p), o, GraphName::NamedNode(n("a")))
    }

    #[test]
    fn an_article_counts_once_per_entity_and_per_fact() {
        let (a, x, y, e1, e2) = (n("a"), n("x"), n("y"), n("e1"), n("e2"));
        let rel = NamedNode::new_unchecked(format!("{}supports", crate::vocab::NG));
        let mut quads = vec![
            q(&a, iri::SCHEMA_MENTIONS, x.clone()),
            q(&a, iri::SCHEMA_MENTIONS, y.clone()),
            q(&x, iri::RDF_TYPE, NamedNode::new_unchecked(iri::SCHEMA_COUNTRY)),
            q(&y, iri::RDF_TYPE, NamedNode::new_unchecked(iri::SCHEMA_PLACE)),
        ];
        for e in [&e1, &e2] {
            quads.push(q(e, iri::NG_RELATION, rel.clone()));
            quads.push(q(e, iri::NG_SUBJECT, x.clone()));
            quads.push(q(e, iri::NG_OBJECT, y.clone()));
            quads.push(q(e, iri::NG_POLARITY, NamedNode::new_unchecked(iri::NG_POSITIVE)));
            quads.push(q(e, iri::NG_MODALITY, NamedNode::new_unchecked(iri::NG_ASSERTED)));
        }
        let keys = keys(quads.iter().map(Quad::as_ref));
        let fact = Key::Fact { subject: x.clone(), relation: rel, object: y.clone(), factuality: Factuality::Asserted };
        let expected: BTreeSet<Key> =
            [Key::Entity { entity: x, actor: true }, Key::Entity { entity: y, actor: false }, fact].into();
        assert_eq!(keys, expected);
    }

    #[test]
    fn a_denied_fact_counts_as_negated_and_a_possible_one_as_hedged() {
        let (x, y, e1, e2) = (n("x"), n("y"), n("e1"), n("e2"));
        let rel = NamedNode::new_unchecked(format!("{}supports", crate::vocab::NG));
        let mut quads = Vec::new();
        for (e, polarity, modality) in
            [(&e1, iri::NG_NEGATIVE, iri::NG_HEDGED), (&e2, iri::NG_POSITIVE, iri::NG_HEDGED)]
        {
            quads.push(q(e, iri::NG_RELATION, rel.clone()));
            quads.push(q(e, iri::NG_SUBJECT, x.clone()));
            quads.push(q(e, iri::NG_OBJECT, y.clone()));
            quads.push(q(e, iri::NG_POLARITY, NamedNode::new_unchecked(polarity)));
            quads.push(q(e, iri::NG_MODALITY, NamedNode::new_unchecked(modality)));
        }
        let found: Vec<Factuality> = keys(quads.iter().map(Quad::as_ref))
            .into_iter()
            .filter_map(|k| match k {
                Key::Fact { factuality, .. } => Some(factuality),
                Key::Entity { .. } | Key::Day(_) => None,
            })
            .collect();
        assert_eq!(found, [Factuality::Hedged, Factuality::Negated]);
    }

    #[test]
    fn partials_leave_out_keys_that_did_not_change() {
        let keys: BTreeSet<Key> = [Key::Entity { entity: n("x"), actor: true }].into();
        let mut deltas = Deltas::default();
        deltas.add(&keys, 1);
        deltas.add(&keys, -1);
        assert!(deltas.partial_quads().is_empty());
        deltas.add(&keys, -1);
        let quads = deltas.partial_quads();
        assert_eq!(quads.len(), 2);
        assert_eq!(quads[1].object, Term::Literal(count(-1)));
    }
}
