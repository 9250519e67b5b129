//! Statements: what the article says actors do to each other. Each sentence is
//! encoded with one placeholder per actor (lists of actors as one), the cue patterns
//! of the lexicon are run over it, and each match becomes a [`Fact`] with its
//! polarity, modality, date, place and source. Roles, organisations' countries and
//! the places' countries known to the gazetteer add the structural facts.
//!
//! Knows no RDF: `rdf` writes the facts.

use crate::date::{Date, EventDate};
use crate::entities::{Entity, Resolved};
use crate::gazetteer::{Gazetteer, Kind, LabelKind};
use crate::lexicon::{placeholder, Lexicon, RoleKind};
use crate::mentions::{Mention, Referent, RoleLink, Sentence};
use crate::relation::Relation;
use crate::timex;
use std::ops::Range;

/// Whether the text affirms or denies a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Polarity {
    /// Affirmed.
    Positive,
    /// Denied, refused, cancelled.
    Negative,
}

/// Whether the text asserts a statement or only holds it possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Asserted (also when attributed to a source).
    Asserted,
    /// Possible, intended, alleged.
    Hedged,
}

/// One statement of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// The relation.
    pub relation: Relation,
    /// Subject entity.
    pub subject: usize,
    /// Object entity.
    pub object: usize,
    /// Affirmed or denied.
    pub polarity: Polarity,
    /// Asserted or hedged.
    pub modality: Modality,
    /// When, if the sentence says.
    pub date: Option<EventDate>,
    /// Where (entity), if the sentence says.
    pub place: Option<usize>,
    /// Who the article attributes it to (entity).
    pub source: Option<usize>,
    /// The sentence it comes from.
    pub sentence: usize,
    /// The rule or knowledge that gave it.
    pub cue: String,
    /// The words the rule matched.
    pub matched: String,
}

impl Fact {
    /// Whether the article asserts it as a fact (a direct triple is written).
    pub fn is_asserted(&self) -> bool {
        self.polarity == Polarity::Positive && self.modality == Modality::Asserted
    }
}

/// An item of an encoded sentence: a word or a group of actor mentions.
#[derive(Debug)]
enum Item {
    Word(usize),
    Group(Vec<usize>),
}

/// Finds the facts of an article.
pub fn find(
    sentences: &[Sentence<'_>],
    mentions: &[Mention],
    roles: &[RoleLink],
    resolved: &Resolved,
    gaz: &Gazetteer,
    lex: &Lexicon,
    published: Option<Date>,
) -> Vec<Fact> {
    let mut facts = Vec::new();
    let entity = |m: usize| resolved.of_mention[m];
    let ents = &resolved.entities;
    for (s, sentence) in sentences.iter().enumerate() {
        let here: Vec<usize> =
            (0..mentions.len()).filter(|&m| mentions[m].sentence == s && entity(m).is_some()).collect();
        if here.is_empty() {
            continue;
        }
        let names: Vec<&Mention> = here.iter().map(|&m| &mentions[m]).collect();
        let dates = timex::find(
            lex,
            &sentence.lower.iter().map(String::as_str).collect::<Vec<_>>(),
            &sentence.original,
            published,
        );
        let source = find_source(sentence, mentions, &here, lex);
        let (items, encoded, offsets) = encode(sentence, mentions, &here, source, lex);
        let places: Vec<(usize, usize)> = here
            .iter()
            .filter(|&&m| mentions[m].locative && ents[entity(m).expect("filtered")].kind == Kind::Place)
            .map(|&m| (mentions[m].tokens.start, entity(m).expect("filtered")))
            .collect();
        let candidates = lex.prefilter.candidates(&encoded);
        for rule in lex.rules.iter().zip(candidates).filter_map(|(rule, can)| can.then_some(rule)) {
            for caps in rule.regex.captures_iter(&encoded) {
                let whole = caps.get(0).expect("a match");
                let item_at = |byte: usize| offsets.partition_point(|&o| o < byte);
                let (first_item, last_item) = (item_at(whole.start() + 1), item_at(whole.end()).saturating_sub(1));
                let group = |name: &str| caps.name(name).map(|g| &items[item_at(g.start())]);
                let pairs: Vec<(usize, usize)> = match (group("s"), group("o"), group("so")) {
                    (Some(Item::Group(ss)), Some(Item::Group(os)), _) => {
                        ss.iter().flat_map(|&a| os.iter().map(move |&b| (a, b))).collect()
                    }
                    (_, _, Some(Item::Group(all))) if rule.relation.is_symmetric() => {
                        all.iter().flat_map(|&a| all.iter().map(move |&b| (a, b))).filter(|(a, b)| a < b).collect()
                    }
                    _ => continue,
                };
                let token_span = item_tokens(&items, mentions, first_item, last_item);
                // Negation and hedging stand before the cue word ("não enviou", "may send",
                // "accused X of sending"), in the eight tokens before it.
                let cue_token = caps.name("cue").map_or(token_span.0, |c| {
                    let item = item_at(c.start());
                    item_tokens(&items, mentions, item, item).0
                });
                let (polarity, modality) = factuality(sentence, lex, cue_token.saturating_sub(8), cue_token, &names);
                let in_clause: Vec<(usize, EventDate)> = dates
                    .iter()
                    .filter(|t| {
                        let between = if t.start < token_span.0 { t.end..token_span.0 } else { token_span.1..t.start };
                        !between.clone().any(|k| lex.is("clause_openers", &sentence.lower[k]))
                    })
                    .map(|t| (t.start, t.date))
                    .collect();
                let date = nearest(&in_clause, token_span);
                let place = nearest(&places, token_span);
                let matched = encoded[whole.start()..whole.end()].trim().to_string();
                for (a, b) in pairs {
                    // A capital is its country as an actor, but the city where the
                    // relation wants a place: "atacou Kiev", "visited Taipei", "Bamako, capital do Mali".
                    let city = |m: usize| resolved.place_of_mention[m];
                    let su = if rule.relation == Relation::LocatedIn { city(a).or(entity(a)) } else { entity(a) };
                    let ob = if matches!(rule.relation, Relation::Visits | Relation::Attacks | Relation::Captures) {
                        city(b).or(entity(b))
                    } else {
                        entity(b)
                    };
                    let (Some(su), Some(ob)) = (su, ob) else { continue };
                    if su == ob || !rule.relation.subject_ok(ents[su].kind) || !rule.relation.object_ok(ents[ob].kind) {
                        continue;
                    }
                    facts.push(Fact {
                        relation: rule.relation,
                        subject: su,
                        object: ob,
                        polarity,
                        modality,
                        date,
                        place: place.filter(|&p| p != ob || rule.relation != Relation::Visits),
                        source: source.and_then(entity),
                        sentence: s,
                        cue: rule.pattern.clone(),
                        matched: matched.clone(),
                    });
                }
            }
        }
    }
    context_places(mentions, resolved, &mut facts);
    role_facts(mentions, roles, resolved, gaz, &mut facts);
    knowledge_facts(mentions, resolved, gaz, &mut facts);
    dedup(facts)
}

/// The sentence encoded for the cue regexes: lower-case tokens separated by spaces,
/// each actor group one placeholder, the articles before actors dropped. Returns the
/// items, the string and the byte offset of each item in it.
fn encode(
    sentence: &Sentence<'_>,
    mentions: &[Mention],
    here: &[usize],
    source: Option<usize>,
    lex: &Lexicon,
) -> (Vec<Item>, String, Vec<usize>) {
    // Actor mentions that are not inside another one, widest first on overlap.
    let mut slots: Vec<usize> = here.iter().copied().filter(|&m| !mentions[m].inner && Some(m) != source).collect();
    slots.sort_by_key(|&m| (mentions[m].tokens.start, std::cmp::Reverse(mentions[m].tokens.end)));
    let mut kept: Vec<(usize, Range<usize>)> = Vec::new();
    for m in slots {
        if kept.last().is_none_or(|(_, r)| r.end <= mentions[m].tokens.start) {
            kept.push((m, mentions[m].tokens.clone()));
        }
    }
    let plain_noun = |t: usize| {
        let w = &sentence.lower[t];
        sentence.tokens[t].kind == crate::text::TokenKind::Word
            && sentence.original[t].chars().next().is_some_and(char::is_lowercase)
            && !lex.is("function", w)
            && !lex.is("connectors", w)
            && !lex.is("locative", w)
    };
    let mut items: Vec<Item> = Vec::new();
    let mut t = 0;
    let mut slot = 0;
    let n = sentence.tokens.len();
    let article = |w: &str| matches!(w, "o" | "a" | "os" | "as" | "the" | "um" | "uma" | "an");
    let joiner = |w: &str| matches!(w, "," | "e" | "and" | "ou" | "or" | "&");
    let repeated = |w: &str| lex.is("list_repeats", w);
    while t < n {
        if slot < kept.len() && kept[slot].1.start == t {
            let (m, range) = kept[slot].clone();
            slot += 1;
            if let Some(Item::Word(w)) = items.last() {
                if article(&sentence.lower[*w]) {
                    items.pop();
                }
            }
            // "Zelenskyy e funcionários sul-coreanos": in a list, a demonym stands for
            // the noun it qualifies.
            let demonym = matches!(mentions[m].referent, Referent::Known(_, LabelKind::Demonym));
            if demonym && lex.lang == crate::input::Lang::Pt && items.len() >= 2 {
                if let (Item::Word(noun), Item::Word(join)) = (&items[items.len() - 1], &items[items.len() - 2]) {
                    if plain_noun(*noun) && joiner(&sentence.lower[*join]) {
                        items.pop();
                    }
                }
            }
            // Join a list: "X, Y e Z", "pelo X, pelo Y e pelos Z".
            let mut k = items.len();
            let mut joined = None;
            while k > 0 {
                match &items[k - 1] {
                    Item::Word(w)
                        if joiner(&sentence.lower[*w])
                            || repeated(&sentence.lower[*w])
                            || article(&sentence.lower[*w]) =>
                    {
                        k -= 1
                    }
                    Item::Group(_) => {
                        let between: Vec<&str> = items[k..]
                            .iter()
                            .filter_map(
                                |i| if let Item::Word(w) = i { Some(sentence.lower[*w].as_str()) } else { None },
                            )
                            .collect();
                        if between.iter().any(|w| joiner(w)) && between.len() <= 3 {
                            joined = Some(k - 1);
                        }
                        break;
                    }
                    _ => break,
                }
            }
            match joined {
                Some(g) => {
                    items.truncate(g + 1);
                    if let Item::Group(list) = &mut items[g] {
                        list.push(m);
                    }
                }
                None => items.push(Item::Group(vec![m])),
            }
            t = range.end;
        } else {
            while slot < kept.len() && kept[slot].1.start < t {
                slot += 1;
            }
            items.push(Item::Word(t));
            t += 1;
        }
    }
    let mut encoded = String::from(" ");
    let mut offsets = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        offsets.push(encoded.len());
        match item {
            Item::Word(w) => encoded.push_str(&sentence.lower[*w]),
            Item::Group(_) => encoded.push_str(&placeholder(i)),
        }
        encoded.push(' ');
    }
    (items, encoded, offsets)
}

/// The token range (first token, one past the last) that items span.
fn item_tokens(items: &[Item], mentions: &[Mention], first: usize, last: usize) -> (usize, usize) {
    let start = |i: &Item| match i {
        Item::Word(w) => *w,
        Item::Group(g) => mentions[g[0]].tokens.start,
    };
    let end = |i: &Item| match i {
        Item::Word(w) => w + 1,
        Item::Group(g) => mentions[*g.last().expect("non-empty")].tokens.end,
    };
    (items.get(first).map_or(0, start), items.get(last).map_or(0, end))
}

/// Negation and hedging among the words from `from` to `to` (tokens), outside mentions.
fn factuality(
    sentence: &Sentence<'_>,
    lex: &Lexicon,
    from: usize,
    to: usize,
    names: &[&Mention],
) -> (Polarity, Modality) {
    // Words inside a name ("Nunca Mais" as a party) are not negations or hedges.
    let in_mention = |t: usize| {
        names.iter().any(|m| {
            m.tokens.contains(&t)
                && sentence
                    .tokens
                    .get(t)
                    .is_some_and(|tok| m.span.start <= tok.span.start && tok.span.end <= m.span.end)
        })
    };
    // The window stops at a clause break before the cue ("…; a Rússia enviou").
    let from = (from..to.min(sentence.lower.len()))
        .rev()
        .find(|&t| lex.is("clause_breaks", &sentence.lower[t]))
        .map_or(from, |t| t + 1);
    let words: Vec<&str> = (from..to.min(sentence.lower.len()))
        .map(|t| if in_mention(t) { "" } else { sentence.lower[t].as_str() })
        .collect();
    let has = |phrases: &[Vec<String>]| {
        phrases.iter().any(|p| !p.is_empty() && words.windows(p.len()).any(|w| w.iter().zip(p).all(|(a, b)| *a == b)))
    };
    let polarity = if has(&lex.negation) { Polarity::Negative } else { Polarity::Positive };
    let modality = if has(&lex.hedge) { Modality::Hedged } else { Modality::Asserted };
    (polarity, modality)
}

/// The value nearest (in tokens) to a span.
fn nearest<T: Copy>(candidates: &[(usize, T)], span: (usize, usize)) -> Option<T> {
    candidates
        .iter()
        .min_by_key(|(at, _)| if *at < span.0 { span.0 - at } else { at.saturating_sub(span.1) })
        .map(|(_, v)| *v)
}

/// The source a sentence attributes itself to: "segundo a KCNA", "according to
/// Reuters", "informou a KCNA", "Reuters reported". Returns the mention.
fn find_source(sentence: &Sentence<'_>, mentions: &[Mention], here: &[usize], lex: &Lexicon) -> Option<usize> {
    for &m in here {
        let start = mentions[m].tokens.start;
        let skip_article = |k: usize| {
            if k > 0 && matches!(sentence.lower[k - 1].as_str(), "a" | "o" | "the" | "as" | "os") {
                k - 1
            } else {
                k
            }
        };
        let before = skip_article(start);
        let cue_before =
            lex.source_before.iter().any(|p| before >= p.len() && sentence.lower[before - p.len()..before] == p[..]);
        let verb_before = before >= 1
            && lex.source_after.contains(&sentence.lower[before - 1])
            && sentence.lower.get(mentions[m].tokens.end).is_none_or(|w| matches!(w.as_str(), "." | "," | ";"));
        let verb_after = sentence.lower.get(mentions[m].tokens.end).is_some_and(|w| lex.source_after.contains(w))
            && (start == 0 || sentence.lower[start - 1] == ",");
        let is_source_kind =
            matches!(mentions[m].referent, Referent::Known(..) | Referent::Organization(..) | Referent::Acronym(_));
        if (cue_before || verb_before || (verb_after && start > 0)) && is_source_kind {
            return Some(m);
        }
    }
    None
}

/// "região russa de Kursk", "Pakistan's Punjab province": a place named with its
/// country lies in that country.
fn context_places(mentions: &[Mention], resolved: &Resolved, facts: &mut Vec<Fact>) {
    for (p, mention) in mentions.iter().enumerate() {
        let (Some(place), Some(country)) = (resolved.of_mention[p], mention.country) else { continue };
        if resolved.entities[place].kind != Kind::Place {
            continue;
        }
        if let Some(c) = resolved.entities.iter().position(|x| x.known == Some(country)) {
            facts.push(structural(
                Relation::LocatedIn,
                place,
                c,
                mention.sentence,
                "place named with its country",
                String::new(),
            ));
        }
    }
}

fn structural(relation: Relation, subject: usize, object: usize, sentence: usize, cue: &str, matched: String) -> Fact {
    Fact {
        relation,
        subject,
        object,
        polarity: Polarity::Positive,
        modality: Modality::Asserted,
        date: None,
        place: None,
        source: None,
        sentence,
        cue: cue.to_string(),
        matched,
    }
}

/// leaderOf, memberOf and affiliatedWith from the roles that introduce people, and
/// the countries of organisations named with one ("Ministério da Defesa russo").
fn role_facts(mentions: &[Mention], roles: &[RoleLink], resolved: &Resolved, gaz: &Gazetteer, facts: &mut Vec<Fact>) {
    let ents: &[Entity] = &resolved.entities;
    let country_of_entity = |e: usize| -> Option<usize> {
        ents[e].country.or_else(|| {
            let known = ents[e].known?;
            let c = gaz.entries[known].country?;
            ents.iter().position(|x| x.known == Some(c))
        })
    };
    for link in roles {
        let Some(person) = resolved.of_mention[link.person] else { continue };
        if ents[person].kind != Kind::Person {
            continue;
        }
        let s = mentions[link.person].sentence;
        let cue = format!("role: {}", link.words);
        // The country the role names, else the one the gazetteer knows the person by
        // ("Chancellor Olaf Scholz" heads Germany).
        let known_country = ents[person]
            .known
            .and_then(|k| gaz.entries[k].country)
            .and_then(|c| ents.iter().position(|x| x.known == Some(c)));
        let country = link
            .country
            .and_then(|c| resolved.of_mention[c])
            .filter(|&c| ents[c].kind == Kind::Country)
            .or(if link.org.is_none() { known_country } else { None });
        let org = link.org.and_then(|o| resolved.of_mention[o]).filter(|&o| ents[o].kind == Kind::Organization);
        let org_country = org.and_then(country_of_entity);
        let words = link.words.clone();
        match (link.kind, org) {
            (RoleKind::Head, Some(o)) => facts.push(structural(Relation::LeaderOf, person, o, s, &cue, words.clone())),
            (RoleKind::Head, None) => {
                if let Some(c) = country {
                    facts.push(structural(Relation::LeaderOf, person, c, s, &cue, words.clone()));
                }
            }
            (RoleKind::Member, Some(o)) => {
                facts.push(structural(Relation::MemberOf, person, o, s, &cue, words.clone()))
            }
            _ => {}
        }
        let affiliation = if link.kind == RoleKind::Head && org.is_none() { None } else { country.or(org_country) };
        if let Some(c) = affiliation {
            facts.push(structural(Relation::AffiliatedWith, person, c, s, &cue, words));
        }
    }
    for (m, mention) in mentions.iter().enumerate() {
        let Some(e) = resolved.of_mention[m] else { continue };
        if ents[e].kind != Kind::Organization {
            continue;
        }
        // The country the text gives ("a agência estatal russa Tass"), else the one a
        // state institution has by nature (a ministry, parliament, army, court).
        let said = mention.country.and_then(|c| ents.iter().position(|x| x.known == Some(c)));
        let by_nature = match ents[e].known {
            Some(k) if gaz.entries[k].is_state_body() => country_of_entity(e),
            Some(_) => None,
            None => ents[e].country,
        };
        if let Some(c) = said.or(by_nature) {
            facts.push(structural(
                Relation::AffiliatedWith,
                e,
                c,
                mention.sentence,
                "organisation's country",
                String::new(),
            ));
        }
    }
}

/// What the gazetteer knows of the places mentioned: a capital lies in its country.
fn knowledge_facts(mentions: &[Mention], resolved: &Resolved, gaz: &Gazetteer, facts: &mut Vec<Fact>) {
    let ents = &resolved.entities;
    for (m, mention) in mentions.iter().enumerate() {
        let Some(e) = resolved.of_mention[m] else { continue };
        let Some(known) = ents[e].known else { continue };
        if ents[e].kind != Kind::Place {
            continue;
        }
        let Some(parent) = gaz.entries[known].located_in.or(gaz.entries[known].country) else { continue };
        // Only a container the article itself names (the region "Kursk" stands for may
        // have been merged into the city).
        let named = |c: usize| resolved.of_mention.contains(&Some(c));
        if let Some(c) = ents.iter().position(|x| x.known == Some(parent)).filter(|&c| named(c)) {
            facts.push(structural(Relation::LocatedIn, e, c, mention.sentence, "gazetteer", String::new()));
        }
    }
}

/// One fact per (relation, subject, object, polarity, modality), the first kept but
/// its missing date, place or source filled from the others.
fn dedup(facts: Vec<Fact>) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    for f in facts {
        let same = out.iter_mut().find(|g| {
            g.relation == f.relation
                && g.subject == f.subject
                && g.object == f.object
                && g.polarity == f.polarity
                && g.modality == f.modality
                && (g.sentence == f.sentence || g.date == f.date || f.date.is_none())
        });
        match same {
            Some(g) => {
                g.date = g.date.or(f.date);
                g.place = g.place.or(f.place);
                g.source = g.source.or(f.source);
            }
            None => out.push(f),
        }
    }
    out
}
