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
use crate::lexicon::{push_placeholder, Lexicon, List, NamedList, RoleKind};
use crate::mentions::{free_after, is_capitalised, Mention, Referent, RoleLink, Sentence};
use crate::relation::Relation;
use crate::text::TokenKind;
use crate::timex;
use compact_str::CompactString;
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
    /// The part of a long sentence around the words matched (a byte range of the text), the
    /// evidence where the whole would bury them ("SONORA … Aécio acusou …" in a transcript
    /// with no full stop); none: the whole sentence is.
    pub evidence: Option<Range<usize>>,
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

    /// The byte range of its evidence: the part cut around the match in a long sentence,
    /// else its whole sentence (`sentences`: each sentence's byte range).
    pub fn evidence_span(&self, sentences: &[Range<usize>]) -> Range<usize> {
        self.evidence.clone().unwrap_or_else(|| sentences[self.sentence].clone())
    }
}

/// An item of an encoded sentence: a word or a group of actor mentions.
#[derive(Debug, Clone)]
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
    let mut facts = cue_facts(sentences, mentions, resolved, gaz, lex, published, None);
    // A deed named by its noun alone ("condemned the strikes", "saudou o golpe") stands for
    // its doer, found in what the article told before: the sentences are read again with
    // those nouns as actors, for what is said of them.
    // So does the one a retaliation word leaves out ("Pakistan vowed to retaliate"): whoever
    // the article said attacked an actor of its sentence; the victim it struck is kept
    // with it, for the subject must be that victim or speak for it.
    // Other words leave out an end the article supplies the same way (`implied_anaphors`):
    // "since Russia's invasion" its one victim, "tanks were pledged by Britain" the one
    // recipient of the aid told, "juntou-se às críticas de X" what X criticised.
    let mut deeds: Vec<(usize, usize, usize, Option<Implied>)> =
        deed_anaphors(sentences, mentions, lex, &facts).into_iter().map(|(s, k, doer)| (s, k, doer, None)).collect();
    deeds.extend(implied_anaphors(sentences, mentions, resolved, &facts));
    if !deeds.is_empty() {
        let mut all = mentions.to_vec();
        let mut with = Resolved {
            entities: resolved.entities.clone(),
            of_mention: resolved.of_mention.clone(),
            place_of_mention: resolved.place_of_mention.clone(),
        };
        for &(s, k, doer, _) in &deeds {
            all.push(Mention {
                sentence: s,
                tokens: k..k + 1,
                name: k..k + 1,
                span: sentences[s].byte_span(&(k..k + 1)),
                referent: Referent::Absorbed,
                locative: false,
                inner: false,
                acronym: None,
                country: None,
            });
            with.of_mention.push(Some(doer));
            with.place_of_mention.push(None);
        }
        let victims: Vec<Option<Implied>> = deeds.iter().map(|d| d.3).collect();
        facts.extend(cue_facts(sentences, &all, &with, gaz, lex, published, Some((mentions.len(), &victims))));
        facts.sort_by_key(|f| f.sentence);
    }
    context_places(mentions, resolved, &mut facts);
    role_facts(mentions, roles, resolved, gaz, lex, &mut facts);
    at_home(resolved, gaz, lex, &mut facts);
    knowledge_facts(mentions, resolved, gaz, &mut facts);
    party_facts(sentences, mentions, resolved, gaz, &mut facts);
    let mut facts = dedup(facts);
    share_occasion_places(&mut facts);
    facts
}

/// One actor doing the same kind of thing on the same day does it on one occasion, so in
/// one place: "⟨A⟩ sanctioned ⟨B⟩ and ⟨C⟩ in ⟨Luxembourg⟩ on Monday. … Sanctions were also
/// imposed by ⟨A⟩ on ⟨D⟩" was done in Luxembourg too. Only for events held where their
/// actor is (words, decisions, meetings: an attack's place is its target's), with a day
/// as date, and when the occasion has one place.
fn share_occasion_places(facts: &mut [Fact]) {
    let occasion = |fact: &Fact| match fact.date {
        Some(EventDate::Day(day)) if fact.relation.happens_where_its_actor_is() => {
            Some((fact.relation, fact.subject, day))
        }
        _ => None,
    };
    // Each occasion's one place, or None once two places were told for it.
    let mut places: std::collections::HashMap<(Relation, usize, Date), Option<usize>> =
        std::collections::HashMap::new();
    for fact in facts.iter() {
        if let (Some(key), Some(place)) = (occasion(fact), fact.place) {
            let one = places.entry(key).or_insert(Some(place));
            if *one != Some(place) {
                *one = None;
            }
        }
    }
    for fact in facts.iter_mut().filter(|fact| fact.place.is_none()) {
        if let Some(&Some(place)) = occasion(fact).and_then(|key| places.get(&key)) {
            if place != fact.object {
                fact.place = Some(place);
            }
        }
    }
}

/// What a word that leaves out an end of a relation stands for ([`implied_anaphors`]): only
/// an `implied` rule of that relation reads it, and with `actor` only for that actor as
/// subject or one of its own.
#[derive(Debug, Clone, Copy)]
struct Implied {
    relation: Relation,
    actor: Option<usize>,
}

/// The facts the cue rules find in the sentences. With `deeds_from`, the mentions from
/// that index on are deed anaphors ([`deed_anaphors`]), and only what is said of them
/// is kept: a judgement of the deed (criticism or support) is one of its doer; or, for an
/// implied end ([`implied_anaphors`]), what an `implied` rule of its relation says of it.
fn cue_facts(
    sentences: &[Sentence<'_>],
    mentions: &[Mention],
    resolved: &Resolved,
    gaz: &Gazetteer,
    lex: &Lexicon,
    published: Option<Date>,
    anaphors: Option<(usize, &[Option<Implied>])>,
) -> Vec<Fact> {
    let mut facts = Vec::new();
    // The prefilter's room, reused by every reading of every sentence.
    let mut seen = crate::lexicon::Seen::default();
    let deeds_from = anaphors.map(|(from, _)| from);
    let deed = |m: usize| deeds_from.is_some_and(|from| m >= from);
    // What an implied end is for.
    let implied = |m: usize| anaphors.and_then(|(from, victims)| victims.get(m.checked_sub(from)?).copied().flatten());
    let entity = |m: usize| resolved.of_mention[m];
    let ents = &resolved.entities;
    // The dates each sentence gives outside its relative clauses: the narrative time
    // later sentences inherit ("X, que chegou na quinta-feira, reuniu-se…" is not
    // told at Thursday's time).
    let mut sentence_dates: Vec<Vec<timex::Timex>> = Vec::with_capacity(sentences.len());
    // The last day each word was told with: the event a noun names ("a cimeira,
    // realizada no domingo") for a day counted from it ("na véspera da cimeira").
    let mut noun_dates: std::collections::HashMap<&str, Date> = std::collections::HashMap::new();
    // Each sentence's mentions, gathered once: asking every sentence of every mention is
    // quadratic in a long article.
    let mut of_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (m, mention) in mentions.iter().enumerate() {
        of_sentence[mention.sentence].push(m);
    }
    // The time each sentence is told at: its own last date, else the story's. A day counted
    // with no date before it in its sentence counts from it ("A manifestou-se na segunda-feira.
    // Num comunicado, A avisou… Horas depois, B juntou-se…": B's hours count from Monday,
    // which the sentence before was told at, though it named no date itself).
    let mut told: Vec<Option<EventDate>> = Vec::with_capacity(sentences.len());
    // The mention of a sentence's dateline place, and whether the first sentence is a headline.
    let dateline_of = |s: usize| {
        of_sentence.get(s)?.iter().copied().find(|&m| sentences[s].is_dateline_place(lex, &mentions[m].tokens))
    };
    let headline = opens_with_headline(sentences);
    for (s, sentence) in sentences.iter().enumerate() {
        let story = story_date(sentences, &sentence_dates, s)
            .or_else(|| s.checked_sub(1).filter(|&p| same_paragraph(sentences, p, s)).and_then(|p| told[p]));
        let anchor = |noun: Option<&str>| match noun {
            Some(n) => noun_dates.get(n).copied(),
            None => match story {
                Some(EventDate::Day(d)) => Some(d),
                Some(_) => None,
                None => published,
            },
        };
        let dates = timex::find(
            lex,
            &sentence.lower.iter().map(CompactString::as_str).collect::<Vec<_>>(),
            &sentence.lists,
            &sentence.original,
            published,
            &anchor,
        );
        let spans: Vec<Range<usize>> =
            of_sentence[s].iter().map(|&m| mentions[m].tokens.clone()).filter(|t| t.len() > 1).collect();
        let relatives = relative_token_spans(sentence, &spans, lex);
        let clause_of = |k: usize| relatives.iter().position(|r| r.contains(&k));
        // A date a bound opens in its own phrase ("the deepest strikes since the war of 1971",
        // "desde 2019") ends a span of time the sentence compares with; the story is not told
        // at it. The phrase reaches back over words (and a possessive's apostrophe), not over
        // punctuation, a number or another date.
        let phrase_word = |k: usize| {
            let token = &sentence.tokens[k];
            (token.kind == TokenKind::Word || matches!(sentence.lower[k].as_str(), "'" | "’" | "'s" | "’s"))
                && !dates.iter().any(|d| (d.start..d.end).contains(&k))
        };
        let bounded = |t: &timex::Timex| {
            (t.start.saturating_sub(8)..t.start)
                .rev()
                .take_while(|&k| phrase_word(k))
                .any(|k| sentence.is(List::DateBounds, k))
        };
        sentence_dates.push(
            dates.iter().filter(|t| clause_of(t.start).is_none() && !bounded(t) && !t.recalled).cloned().collect(),
        );
        told.push(sentence_dates[s].iter().max_by_key(|t| t.start).map(|t| t.date).or(story));
        let days: Vec<(usize, Date)> = dates
            .iter()
            .filter_map(|t| match t.date {
                EventDate::Day(d) => Some((t.start, d)),
                _ => None,
            })
            .collect();
        for k in (0..sentence.lower.len()).filter(|&k| lower_content_word(sentence, k)) {
            if let Some(d) = nearest(&days, (k, k + 1)) {
                noun_dates.insert(sentence.lower[k].as_str(), d);
            }
        }
        let here: Vec<usize> = of_sentence[s].iter().copied().filter(|&m| entity(m).is_some()).collect();
        if here.is_empty() || (deeds_from.is_some() && !here.iter().any(|&m| deed(m))) {
            continue;
        }
        let names: Vec<&Mention> = here.iter().map(|&m| &mentions[m]).collect();
        let source = find_source(sentence, mentions, &here, lex);
        let person = |m: usize| entity(m).is_some_and(|e| ents[e].kind == Kind::Person);
        let items = encode(sentence, mentions, &here, source, &person, lex);
        // "Luxemburgo, 14 de outubro de 2024 – A UE aplicou sanções…": the dateline's place
        // is where the lead's actors spoke, decided or met (not where they struck). The
        // headline tells the lead's event (it takes the lead's date, `inherit_dates`), so the
        // lead's dateline places it too: "UE e Mercosul fecham acordo \n\n Montevideu, 6 de
        // dezembro –".
        let dateline_mention = dateline_of(s);
        // A city-state or a capital that bears its country's name ("Luxemburgo, 3 de maio –",
        // "SINGAPORE, May 3 –") is the country's entity: still where the article was written.
        let dateline = if s == 0 && headline { dateline_of(1) } else { dateline_mention }
            .and_then(entity)
            .filter(|&e| matches!(ents[e].kind, Kind::Place | Kind::Country));
        let places: Vec<(usize, usize)> = here
            .iter()
            .filter(|&&m| Some(m) != dateline_mention)
            .filter(|&&m| mentions[m].locative && ents[entity(m).expect("filtered")].kind == Kind::Place)
            .map(|&m| (mentions[m].tokens.start, entity(m).expect("filtered")))
            .collect();
        // Relative clauses and dates do not set a place apart from its statement: "erupted
        // in April 2023 in the capital, Khartoum".
        let neutral: Vec<Range<usize>> =
            relatives.iter().cloned().chain(dates.iter().map(|t| t.start..t.end)).collect();
        let in_neutral = token_counts(&neutral, sentence.lower.len());
        // The sentence's items, and those with a body named by its leaders and their places read
        // as the list of the places ("os regimes liderados pelo ⟨X⟩ , no ⟨A⟩ , e pelo ⟨Y⟩ , no
        // ⟨B⟩ , avisaram" → "⟨A, B⟩ avisaram"): a fact read there is the list's only.
        let kind = |m: usize| entity(m).map(|e| ents[e].kind);
        let led = led_places(&items, sentence, &kind);
        let stood = stand_in(&items, sentence, &kind);
        let variants: Vec<_> = std::iter::once((items, None))
            .chain(led.map(|(items, list)| (items, Some(list))))
            .chain(stood.map(|(items, actor)| (items, Some(actor))))
            .map(|(items, list)| {
                let clauses = relative_spans(&items, sentence, lex);
                (items, list, clauses)
            })
            .collect();
        let read = variants.iter().flat_map(|(items, list, clauses)| {
            readings(items, sentence, lex).into_iter().map(move |reading| (&items[..], *list, clauses, reading))
        });
        for (items, led_list, clauses, reading) in read {
            let (encoded, offsets) = render(items, &reading, sentence);
            let candidates = lex.prefilter.candidates(&encoded, &mut seen);
            let split = crate::lexicon::Encoded::new(&encoded);
            for rule in candidates.into_iter().map(|r| &lex.rules[r]) {
                for caps in rule.matcher.captures_iter(&split) {
                    let whole = caps.get(0).expect("a match");
                    // The item of the reading at a byte of its string, as an index into `items`.
                    let at = |byte: usize| offsets.partition_point(|&o| o < byte);
                    let item_at = |byte: usize| reading[at(byte)];
                    let (first_item, last_item) = (item_at(whole.start() + 1), reading[at(whole.end()) - 1]);
                    let group = |name: &str| caps.name(name).map(|g| &items[item_at(g.start())]);
                    let mut pairs: Vec<(usize, usize)> = match (group("s"), group("o"), group("so")) {
                        (Some(Item::Group(ss)), Some(Item::Group(os)), _) => {
                            ss.iter().flat_map(|&a| os.iter().map(move |&b| (a, b))).collect()
                        }
                        (_, _, Some(Item::Group(all))) if rule.relation.is_symmetric() || rule.mutual => {
                            all.iter().flat_map(|&a| all.iter().map(move |&b| (a, b))).filter(|(a, b)| a < b).collect()
                        }
                        _ => continue,
                    };
                    // A mutual rule ("fighting between X and Y") says it of both sides.
                    if rule.mutual {
                        let reverse: Vec<(usize, usize)> = pairs.iter().map(|&(a, b)| (b, a)).collect();
                        pairs.extend(reverse);
                    }
                    // An actor inside a relative clause is not the subject of what follows the
                    // clause: "⟨X⟩ , who replaced ⟨Y⟩ , met ⟨Z⟩" is X's meeting, not Y's.
                    let subject_item = caps.name("s").map(|g| item_at(g.start()));
                    if led_list.is_some() && subject_item != led_list {
                        continue;
                    }
                    if subject_item.is_some_and(|si| {
                        clauses.iter().any(|&(open, close)| open < si && si < close && last_item > close)
                    }) {
                        continue;
                    }
                    // Nor is an actor that ends a phrase set off by commas, a word before it and the
                    // comma after it, the subject of an action: "⟨X⟩ , antiga potência colonial no
                    // ⟨Y⟩ , condenou", "Do lado ⟨Y⟩ , o dirigente do ⟨Z⟩" (an apposition names its
                    // actor after a comma or a title: "o porta-voz, ⟨Y⟩, condenou"). What a comma adds
                    // to a place describes it: "em ⟨Asgabat⟩ , capital do ⟨Z⟩". A pattern that
                    // reads the words before the actor says itself what the actor is ("regimes
                    // liderados pelo ⟨X⟩ , no ⟨Y⟩").
                    let embedded = rule.relation != Relation::LocatedIn
                        && caps.name("s").is_some_and(|g| {
                            let p = at(g.start());
                            let opens_match = at(whole.start() + 1) == p;
                            let token = |q: usize| match reading.get(q).map(|&i| &items[i]) {
                                Some(Item::Word(w)) => Some(*w),
                                _ => None,
                            };
                            // The source's own relative clause is its statement: "according to
                            // ⟨X⟩ , which blamed ⟨Y⟩".
                            let source_relative = source.is_some_and(|src| {
                                matches!(&items[reading[p]], Item::Group(g) if g.contains(&src))
                                    && token(p + 2).is_some_and(|w| sentence.is(List::SubjectRelatives, w))
                            });
                            opens_match
                                && p > 0
                                && !source_relative
                                && token(p + 1).is_some_and(|w| sentence.lower[w] == ",")
                                && token(p - 1).is_some_and(|w| ends_phrase(sentence, lex, w))
                                && last_item > reading[p + 1]
                        });
                    if embedded {
                        continue;
                    }
                    let token_span = item_tokens(items, mentions, first_item, last_item);
                    // Negation and hedging stand before the cue word ("não enviou", "may send",
                    // "accused X of sending"), in the eight tokens before it.
                    let cue_token = caps.name("cue").map_or(token_span.0, |c| {
                        let item = item_at(c.start());
                        item_tokens(items, mentions, item, item).0
                    });
                    let (polarity, modality) =
                        factuality(sentence, lex, cue_token.saturating_sub(8), cue_token, &names, &dates);
                    // A date in a relative clause is that clause's, and the clause's
                    // statements take no date from outside it. A relative clause between
                    // a date and its statement does not separate them ("met X, who chairs
                    // the group, in Berlin on Monday").
                    let clause = clause_of(token_span.1.saturating_sub(1));
                    // A reading that joins a subject to its second predicate leaves the first
                    // out, and the first's date with it when the second has its own: "desembarcou
                    // na terça-feira e, no dia seguinte, reuniu-se" meets on the day after (what
                    // follows the "e" is the second's); "saiu no domingo e chegou às 6h" is
                    // still Sunday's.
                    let left_out: Vec<(usize, usize)> = (at(whole.start() + 1)..at(whole.end()).saturating_sub(1))
                        .filter(|&q| reading[q + 1] > reading[q] + 1)
                        .map(|q| item_tokens(items, mentions, reading[q] + 1, reading[q + 1] - 1))
                        .collect();
                    let first_predicate = |k: usize| {
                        left_out.iter().any(|&(from, to)| {
                            from <= k && k < to && (k..to).any(|j| sentence.is(List::Coordinators, j))
                        })
                    };
                    let own_date = dates
                        .iter()
                        .any(|t| t.start >= token_span.0 && clause_of(t.start) == clause && !first_predicate(t.start));
                    let in_clause: Vec<(usize, EventDate)> = dates
                        .iter()
                        .filter(|t| clause_of(t.start) == clause && !(own_date && first_predicate(t.start)))
                        .filter(|t| {
                            let between =
                                if t.start < token_span.0 { t.end..token_span.0 } else { token_span.1..t.start };
                            let closed = |k: usize| {
                                relatives
                                    .iter()
                                    .any(|r| r.contains(&k) && between.start <= r.start && r.end <= between.end)
                            };
                            !between.clone().any(|k| sentence.is(List::ClauseOpeners, k) && !closed(k))
                        })
                        .map(|t| (t.start, t.date))
                        .collect();
                    // A clause without a date of its own happens at the time its sentence set
                    // before it ("In January, X did A; days later, Y did B"; "em 7 de outubro,
                    // quando o Hamas atacou"), unless a word moves it in time ("after", "antes").
                    let date = nearest(&in_clause, token_span).or_else(|| {
                        dates
                            .iter()
                            .filter(|t| t.end <= token_span.0 && clause_of(t.start) == clause)
                            .filter(|t| !(t.end..token_span.0).any(|k| sentence.is(List::TimeShifters, k)))
                            .max_by_key(|t| t.start)
                            .map(|t| t.date)
                    });
                    // A place far from the statement is what it is about, not where it happened
                    // ("discutiram a reconstrução de áreas na região de Kursk").
                    let reach = |at: usize| {
                        let between =
                            if at < token_span.0 { at..token_span.0 } else { token_span.1..at.max(token_span.1) };
                        between.len() - (in_neutral[between.end] - in_neutral[between.start])
                    };
                    // Like its date, the first predicate's place stays with it when the second
                    // has its own: "esteve em Doha e, no sábado, foi a Jerusalém para se reunir".
                    let own_place =
                        places.iter().any(|&(at, _)| at >= token_span.0 && reach(at) == 0 && !first_predicate(at));
                    let place = places
                        .iter()
                        .filter(|&&(at, _)| !(own_place && first_predicate(at)))
                        .map(|&(at, p)| (reach(at), p))
                        .filter(|&(r, _)| r <= PLACE_REACH)
                        .min_by_key(|&(r, _)| r)
                        .map(|(_, p)| p);
                    let matched = encoded[whole.start()..whole.end()].trim().to_string();
                    for (a, b) in pairs {
                        // An attack of words, not arms, criticises: "atacou Washington pelo seu
                        // discurso", "attacked X over its remarks"; and "Kerry attacked Bush's
                        // record", "o senador ataca o Governo" (a person, or a body that bears no
                        // arms, with a word that also means words, no weapon or soldier in the sentence).
                        let words_only = rule.relation == Relation::Attacks
                            && (verbal(sentence, lex, cue_token, &mentions[b])
                                || (entity(a).is_some_and(|e| unarmed(&ents[e], gaz))
                                    && attack_of(
                                        sentence,
                                        lex,
                                        List::WordAttacks,
                                        cue_token,
                                        mentions[b].tokens.start,
                                    )));
                        // "a delação que atinge o presidente", "the scandal that hit the minister": a
                        // word of `figurative_attacks` said of someone who bears no arms, with no weapon
                        // in the sentence, affects, and neither attacks nor criticises.
                        if rule.relation == Relation::Attacks
                            && entity(a).is_some_and(|e| unarmed(&ents[e], gaz))
                            && attack_of(sentence, lex, List::FigurativeAttacks, cue_token, mentions[b].tokens.start)
                        {
                            continue;
                        }
                        let relation = if words_only { Relation::Criticizes } else { rule.relation };
                        // A deed's noun is its doer only as what is judged: "called the strikes
                        // a heinous act" criticises the attacker, "the strikes, which X called
                        // Y" says nothing of it; and a reading again keeps only those.
                        if deeds_from.is_some()
                            && (deed(a)
                                || !deed(b)
                                || (implied(b).is_none()
                                    && !matches!(relation, Relation::Criticizes | Relation::Supports)))
                        {
                            continue;
                        }
                        // An `implied` rule's object is the one a word leaves out, and such an
                        // object is only an `implied` rule's of its relation.
                        let fits = match implied(b) {
                            Some(i) => rule.implied && i.relation == rule.relation,
                            None => !rule.implied,
                        };
                        if !fits {
                            continue;
                        }
                        // A capital is its country as an actor, but the city where the
                        // relation wants a place: "atacou Kiev", "visited Taipei", "Bamako, capital do Mali".
                        let city = |m: usize| resolved.place_of_mention[m];
                        let su = if relation == Relation::LocatedIn { city(a).or(entity(a)) } else { entity(a) };
                        let ob = if matches!(relation, Relation::Visits | Relation::Attacks | Relation::Captures) {
                            city(b).or(entity(b))
                        } else {
                            entity(b)
                        };
                        // "condenou X a nove anos de prisão": a court's sentence, not criticism.
                        if relation == Relation::Criticizes && penalty_after(sentence, lex, cue_token) {
                            continue;
                        }
                        // "as negociações do acordo entre X e Y", "talks on a trade deal with Y": an
                        // agreement still being negotiated or drafted is not signed.
                        if relation == Relation::SignsAgreementWith && unsigned(sentence, token_span) {
                            continue;
                        }
                        let (Some(su), Some(mut ob)) = (su, ob) else { continue };
                        // "Ghana beat Senegal in the qualifier", "Kenya met Uganda in the opening
                        // match", "Wales travel to Rome for the Six Nations": teams and players in
                        // a sentence about a game play it, and meet, fight or visit no one.
                        if matches!(relation, Relation::MeetsWith | Relation::Attacks | Relation::Visits)
                            && (0..sentence.lower.len()).any(|k| sentence.is(List::Fixtures, k))
                        {
                            continue;
                        }
                        // "chegou ao Brasil em 2004 para morar com os pais", "arrived in Britain to
                        // study": someone coming to live, work or study moves there, and visits nothing
                        // (a word of `settling` after the cue).
                        if relation == Relation::Visits
                            && (cue_token + 1..sentence.lower.len()).any(|k| sentence.is(List::Settling, k))
                        {
                            continue;
                        }
                        // "falou sobre o relacionamento com a X", "spoke of his ties with X": the
                        // "com"/"with" is the noun's, and the talk is about X, not with X.
                        if relation == Relation::MeetsWith && ties_before(sentence, cue_token, mentions[b].tokens.start)
                        {
                            continue;
                        }
                        // "A, B e C tiveram conversas com D", "A and B held talks with C": the
                        // list's members met D together, not each other.
                        if group("so").is_some() && partner_follows(sentence, token_span.1, &names) {
                            continue;
                        }
                        // "A e B assinaram acordos de delação premiada": each made a plea deal with
                        // the prosecutors, not a deal with the other (`plea_deals` in the match or
                        // the three words after it); one made "entre A e B" is theirs.
                        let between = match group("so") {
                            Some(Item::Group(all)) => all.iter().map(|&m| mentions[m].tokens.start).min(),
                            _ => None,
                        }
                        .is_some_and(|t| t > 0 && sentence.is(List::Between, t - 1));
                        if group("so").is_some()
                            && !between
                            && relation == Relation::SignsAgreementWith
                            && (token_span.0..(token_span.1 + 3).min(sentence.lower.len()))
                                .any(|k| sentence.is(List::PleaDeals, k))
                        {
                            continue;
                        }
                        // "held talks in Islamabad": the capital that hosts is its country as the
                        // other side of a meeting and the place of it; nobody's host at home
                        // ("Pakistan's minister held talks in Islamabad"), nor when the talks were
                        // with someone named after it ("in Amman with X").
                        let mut place = place;
                        if rule.host {
                            let Some(city) = city(b).or(entity(b)).filter(|&c| ents[c].kind == Kind::Place) else {
                                continue;
                            };
                            let Some(host) = host_country(ents, gaz, city) else { continue };
                            let partner = (mentions[b].tokens.end..sentence.lower.len())
                                .take(4)
                                .take_while(|&k| sentence.lower[k] != "," && sentence.lower[k] != ".")
                                .any(|k| sentence.is(List::HostPartners, k));
                            let home = |e: usize| ents[e].known == Some(host);
                            if partner || home(su) || ents[su].country.is_some_and(home) {
                                continue;
                            }
                            if relation != Relation::Visits {
                                // The country is the other side only when the article names it.
                                let Some(country) = ents.iter().position(|e| e.known == Some(host)) else {
                                    continue;
                                };
                                ob = country;
                                place = Some(city);
                            }
                        }
                        // "met Rahman's envoy": the meeting is with the envoy, not Rahman (a
                        // country's or body's envoy stands for it: "met Ghana's president").
                        if relation == Relation::MeetsWith
                            && cue_token < mentions[b].tokens.start
                            && ents[ob].kind == Kind::Person
                            && sentence.is(List::OwnerMark, mentions[b].tokens.end)
                        {
                            continue;
                        }
                        // "conversou com a BBC", "told Reuters": an interview, not a meeting.
                        let press = |e: usize| ents[e].known.is_some_and(|k| gaz.entries[k].is_press());
                        if relation == Relation::MeetsWith && (press(su) || press(ob)) {
                            continue;
                        }
                        if su == ob || !relation.subject_ok(ents[su].kind) || !relation.object_ok(ents[ob].kind) {
                            continue;
                        }
                        // Who strikes back is the victim or one of its own ("Pakistan's committee
                        // said Pakistan reserved the right to respond"), not a third party that
                        // reports it; who invades is the invader the word was read with.
                        if implied(b).and_then(|i| i.actor).is_some_and(|v| su != v && ents[su].country != Some(v)) {
                            continue;
                        }
                        // "fighting between Mr A and Mr B" is a quarrel: two sides that fight
                        // each other are armies, groups or states, not people.
                        if rule.mutual && (ents[su].kind == Kind::Person || ents[ob].kind == Kind::Person) {
                            continue;
                        }
                        // "Temer recebeu Gilmar Mendes": a person receiving a person hosts a
                        // meeting; a country or body "receives" aid, refugees or a team.
                        if rule.people && (ents[su].kind != Kind::Person || ents[ob].kind != Kind::Person) {
                            continue;
                        }
                        // A meeting or visit still to come has not happened: "vai reunir-se com",
                        // "conversará com", "will meet", "is due to visit" (a word of `planned` at
                        // the cue or the three words before it) are only announced; so is a meeting
                        // named by a noun made a plan ("foi aventada uma reunião bilateral entre":
                        // the words before a match that opens with words, not an actor). A deed
                        // someone is against is not asserted either ("era contrário à ação militar").
                        let planned = matches!(relation, Relation::MeetsWith | Relation::Visits)
                            && (planned(sentence, cue_token)
                                || (!here
                                    .iter()
                                    .any(|&m| (token_span.0..cue_token).contains(&mentions[m].tokens.start))
                                    && planned(sentence, token_span.0)));
                        let modality = if planned || opposed(sentence, token_span, &here, mentions) {
                            Modality::Hedged
                        } else {
                            modality
                        };
                        facts.push(Fact {
                            relation,
                            subject: su,
                            object: ob,
                            polarity,
                            modality,
                            date,
                            place: place
                                .or(dateline.filter(|_| relation.happens_where_its_actor_is()))
                                .filter(|&p| p != ob || relation != Relation::Visits),
                            source: source.and_then(entity),
                            sentence: s,
                            evidence: evidence_around(sentence, token_span),
                            cue: rule.pattern.clone(),
                            matched: matched.clone(),
                        });
                    }
                }
            }
        }
    }
    inherit_dates(sentences, &sentence_dates, published.map(EventDate::Day), lex, &mut facts);
    contest_denied(sentences, mentions, resolved, lex, &mut facts);
    facts
}

/// The country (gazetteer entry) whose capital a place entity is.
fn host_country(ents: &[Entity], gaz: &Gazetteer, city: usize) -> Option<usize> {
    ents[city].known.filter(|&g| crate::entities::is_capital(gaz, g)).and_then(|g| gaz.entries[g].country)
}

/// Talks a country's own official holds in its capital ("Peru's foreign minister, X, held
/// talks in Lima") are no meeting with it and no visit: what a `host` rule found for
/// someone the article ties to the host country (a post, a membership) is dropped. Nor
/// does anyone visit their own country: "a chegada de X à Casa Branca" is X taking
/// office, "X regressou ao Chile" X coming home.
fn at_home(resolved: &Resolved, gaz: &Gazetteer, lex: &Lexicon, facts: &mut Vec<Fact>) {
    let ents = &resolved.entities;
    let host_cues: Vec<&str> = lex.rules.iter().filter(|r| r.host).map(|r| r.pattern.as_str()).collect();
    let belongs: Vec<(usize, usize)> = facts
        .iter()
        .filter(|f| matches!(f.relation, Relation::AffiliatedWith | Relation::LeaderOf | Relation::MemberOf))
        .filter_map(|f| Some((f.subject, ents[f.object].known?)))
        .collect();
    facts.retain(|f| {
        if f.relation == Relation::Visits
            && ents[f.object].kind == Kind::Country
            && (ents[f.subject].country == Some(f.object)
                || ents[f.object].known.is_some_and(|c| {
                    belongs.contains(&(f.subject, c))
                        || ents[f.subject].known.is_some_and(|k| gaz.entries[k].country == Some(c))
                }))
        {
            return false;
        }
        if !host_cues.contains(&f.cue.as_str()) {
            return true;
        }
        let host =
            if f.relation == Relation::Visits { host_country(ents, gaz, f.object) } else { ents[f.object].known };
        !host.is_some_and(|h| belongs.contains(&(f.subject, h)))
    });
}

/// Deeds named by their noun alone, after an article ("the strikes", "a visita", "o golpe"),
/// each as (sentence, token, doer). The nouns of each relation's deeds are the word list
/// `deeds_<relation>` ("deeds_attacks": "strikes", "ataques"…). The doer is who the
/// article said last did a deed named with that same noun (or took up with it before), else
/// the one actor it said did a deed of that relation in the sentences before, when there is
/// only one. A noun qualified after it (an owner, a demonym: "os ataques israelitas", "the
/// strikes by X") is no anaphor.
fn deed_anaphors(
    sentences: &[Sentence<'_>],
    mentions: &[Mention],
    lex: &Lexicon,
    facts: &[Fact],
) -> Vec<(usize, usize, usize)> {
    let kinds: Vec<(Relation, NamedList)> = Relation::ALL
        .iter()
        .map(|&r| (r, lex.named_list(format!("deeds_{}", r.local_name()))))
        .filter(|(_, list)| lex.words.contains_key(list.name()))
        .collect();
    let mut found = Vec::new();
    if kinds.is_empty() {
        return found;
    }
    let kind_of = |w: &str| {
        let mask = lex.lists_of(w);
        kinds.iter().find(|(_, list)| lex.in_lists(mask, list, w)).map(|(r, _)| *r)
    };
    // The doers of each relation so far, and the doer each noun named last.
    let mut doers: Vec<(Relation, usize)> = Vec::new();
    let mut by_noun: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut of_sentence: Vec<Vec<&Mention>> = vec![Vec::new(); sentences.len()];
    for m in mentions {
        of_sentence[m.sentence].push(m);
    }
    for (s, sentence) in sentences.iter().enumerate() {
        for k in 1..sentence.lower.len() {
            let noun = sentence.lower[k].as_str();
            let Some(relation) = kind_of(noun) else { continue };
            let next = sentence.word(k + 1);
            if !sentence.is(List::AnaphorDets, k - 1)
                || of_sentence[s]
                    .iter()
                    .any(|m| m.tokens.contains(&k) || m.tokens.contains(&(k - 1)) || m.tokens.start == k + 1)
                || !(free_after(sentence, k, lex) || evaluated_after(sentence, k))
                || lex.is(List::DeedOwners, next)
            {
                continue;
            }
            let named: Vec<usize> = doers.iter().filter(|&&(r, _)| r == relation).map(|&(_, e)| e).collect();
            let doer = by_noun.get(noun).copied().or(match named.as_slice() {
                [one] => Some(*one),
                _ => None,
            });
            if let Some(doer) = doer {
                found.push((s, k, doer));
                by_noun.insert(noun, doer);
            }
        }
        for f in facts.iter().filter(|f| f.sentence == s && f.is_asserted()) {
            if kinds.iter().any(|&(r, _)| r == f.relation) {
                doers.retain(|&(r, e)| !(r == f.relation && e == f.subject));
                doers.push((f.relation, f.subject));
                for w in f.matched.split_whitespace().filter(|w| kind_of(w) == Some(f.relation)) {
                    if let Some(word) = sentence.lower.iter().find(|x| x.as_str() == w) {
                        by_noun.insert(word.as_str(), f.subject);
                    }
                }
            }
        }
    }
    found
}

/// The ends words leave out, each as (sentence, token, the actor it stands for, what for):
/// - a retaliation word ("Islamabad vows to retaliate", "reserved the right to respond")
///   strikes back at whoever the article said last attacked an actor of the sentence (in a
///   sentence before, or in this one: "India strikes Pakistan; Islamabad vows to retaliate"),
///   for that victim; a word of `retaliation` with an actor in the three tokens after it, or a
///   word of `retaliation_against` right after it ("retaliate against militants"), names its
///   target itself;
/// - an invasion with its invader next to it and no actor in the four tokens after the noun
///   ("since Russia's invasion", "a invasão russa") is of the one country the article says the
///   invader attacked (itself or where a place it struck lies), else of the one country it
///   says others arm; for that invader;
/// - arms given with no actor in the three tokens after them ("Fourteen tanks were pledged by
///   Britain", "prometeu enviar 14 tanques") go to the one recipient of military aid the
///   article told so far (none when it told two);
/// - criticism joined ("juntou-se às críticas de X") is of what the article last said X
///   criticised.
fn implied_anaphors(
    sentences: &[Sentence<'_>],
    mentions: &[Mention],
    resolved: &Resolved,
    facts: &[Fact],
) -> Vec<(usize, usize, usize, Option<Implied>)> {
    let mut found = Vec::new();
    let ents = &resolved.entities;
    let asserted = |relation: Relation| facts.iter().filter(move |f| f.relation == relation && f.is_asserted());
    // The one value of an iterator that yields no other.
    fn only(mut all: impl Iterator<Item = usize>) -> Option<usize> {
        let first = all.next()?;
        all.all(|x| x == first).then_some(first)
    }
    // The country a place the article located lies in, else the gazetteer's.
    let country_of = |e: usize| match ents[e].kind {
        Kind::Country => Some(e),
        Kind::Place => asserted(Relation::LocatedIn)
            .find(|f| f.subject == e && ents[f.object].kind == Kind::Country)
            .map(|f| f.object)
            .or(ents[e].country),
        _ => None,
    };
    // Each sentence's mentions, gathered once (not every mention asked of every sentence).
    let mut of_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (m, mention) in mentions.iter().enumerate() {
        of_sentence[mention.sentence].push(m);
    }
    for (s, sentence) in sentences.iter().enumerate() {
        let here = &of_sentence[s];
        let actors: Vec<usize> = here.iter().filter_map(|&m| resolved.of_mention[m]).collect();
        // The actor of a mention starting in `within`, other than `but`.
        let named_in = |within: std::ops::RangeInclusive<usize>, but: Option<usize>| {
            here.iter().any(|&m| Some(m) != but && within.contains(&mentions[m].tokens.start))
        };
        for k in 1..sentence.lower.len() {
            let inside = here.iter().any(|&m| mentions[m].tokens.contains(&k));
            if inside {
                continue;
            }
            if sentence.is(List::Retaliation, k) && !sentence.is(List::RetaliationAgainst, k + 1) {
                if named_in(k + 1..=k + 3, None) {
                    continue;
                }
                let attack = asserted(Relation::Attacks)
                    .filter(|f| f.sentence <= s && actors.contains(&f.object))
                    .max_by_key(|f| f.sentence);
                if let Some(f) = attack {
                    found.push((
                        s,
                        k,
                        f.subject,
                        Some(Implied { relation: Relation::Threatens, actor: Some(f.object) }),
                    ));
                }
            } else if sentence.is(List::Invasions, k) {
                // The invader: an actor right before the noun ("the Russian invasion"), or
                // with the owner's mark and at most two words between ("Russia's full-scale
                // invasion"), or right after it ("a invasão russa"). Not one further back: in
                // "Poland feared the invasion" Poland invades nothing.
                let before = |m: usize| {
                    let end = mentions[m].tokens.end;
                    end == k
                        || (end < k
                            && k - end <= 3
                            && sentence.is(List::OwnerMark, end)
                            && (end + 1..k).all(|j| sentence.tokens[j].kind == TokenKind::Word))
                };
                let Some(&m) = here.iter().find(|&&m| before(m) || mentions[m].tokens.start == k + 1) else {
                    continue;
                };
                let Some(invader) = resolved.of_mention[m] else { continue };
                if named_in(k + 1..=k + 4, Some(m)) || ents[invader].kind != Kind::Country {
                    continue;
                }
                let victim = only(
                    asserted(Relation::Attacks)
                        .filter(|f| f.subject == invader)
                        .filter_map(|f| country_of(f.object))
                        .filter(|&c| c != invader),
                )
                .or_else(|| {
                    only(
                        asserted(Relation::ProvidesMilitaryAidTo)
                            .filter(|f| f.subject != invader && ents[f.object].kind == Kind::Country)
                            .map(|f| f.object)
                            .filter(|&c| c != invader),
                    )
                });
                if let Some(victim) = victim {
                    found.push((s, k, victim, Some(Implied { relation: Relation::Attacks, actor: Some(invader) })));
                }
            } else if sentence.is(List::AidArms, k) {
                if named_in(k + 1..=k + 3, None) {
                    continue;
                }
                let recipient =
                    only(asserted(Relation::ProvidesMilitaryAidTo).filter(|f| f.sentence <= s).map(|f| f.object));
                if let Some(recipient) = recipient {
                    let aid = Implied { relation: Relation::ProvidesMilitaryAidTo, actor: None };
                    found.push((s, k, recipient, Some(aid)));
                }
            } else if sentence.is(List::JoinedJudgements, k) && sentence.is(List::ComplementPreps, k + 1) {
                let Some(author) =
                    here.iter().find(|&&m| mentions[m].tokens.start == k + 2).and_then(|&m| resolved.of_mention[m])
                else {
                    continue;
                };
                let criticised = asserted(Relation::Criticizes)
                    .filter(|f| f.sentence <= s && f.subject == author)
                    .max_by_key(|f| f.sentence)
                    .map(|f| f.object);
                if let Some(target) = criticised {
                    found.push((s, k, target, Some(Implied { relation: Relation::Criticizes, actor: None })));
                }
            }
        }
    }
    found
}

/// Whether a complement after token `k` opens a quoted evaluation, not an owner: "classificou a
/// viagem de "irresponsável"".
fn evaluated_after(sentence: &Sentence<'_>, k: usize) -> bool {
    sentence.is(List::ComplementPreps, k + 1) && sentence.word(k + 2) == "\""
}

/// Whether the first sentence is a headline: a paragraph of its own before the lead.
fn opens_with_headline(sentences: &[Sentence<'_>]) -> bool {
    sentences.len() > 1 && !same_paragraph(sentences, 0, 1)
}

/// Whether two sentences stand in the same paragraph.
fn same_paragraph(sentences: &[Sentence<'_>], a: usize, b: usize) -> bool {
    !sentences[a].text[sentences[a].span.end..sentences[b].span.start].contains('\n')
}

/// The time the story last named before sentence `s`: the last date of the sentences
/// before it in its paragraph, or of the sentence just before it.
fn story_date(sentences: &[Sentence<'_>], sentence_dates: &[Vec<timex::Timex>], s: usize) -> Option<EventDate> {
    let mut earlier =
        (0..s.min(sentence_dates.len())).rev().take_while(|&t| t + 1 == s || same_paragraph(sentences, t, s));
    earlier.find_map(|t| sentence_dates[t].iter().max_by_key(|x| x.start).map(|x| x.date))
}

/// Dates the text implies rather than states, the way a reader follows a story's time:
/// an event with no date in its own clause happened at the time the story last named
/// (the last date earlier in its paragraph, or in the sentence just before it, as in
/// "…in Pyongyang on Wednesday. During the meeting, X and Y discussed…"); the headline
/// reports the lead's event (the lead's first date after its dateline); and what the
/// story tells with no time named before it is news of the article's day ("Pakistan
/// said it had shot down five jets", "X told reporters that…").
fn inherit_dates(
    sentences: &[Sentence<'_>],
    sentence_dates: &[Vec<timex::Timex>],
    published: Option<EventDate>,
    lex: &Lexicon,
    facts: &mut [Fact],
) {
    // A post or membership is a state with no time, unless the cue says it began: "X
    // assumed the presidency of Y", "X joined Y" happened when the story is told.
    let dated = |f: &Fact| {
        f.relation.cameo().is_some()
            || matches!(f.relation, Relation::LeaderOf | Relation::MemberOf)
                && f.matched.split_whitespace().any(|w| lex.is(List::StateChanges, w))
    };
    let headline = opens_with_headline(sentences);
    // "NEW DELHI, May 7, 2025 – India fired…": the date right after the dateline's comma
    // (a weekday may come first: "Lisboa, quinta-feira, 12 de março –").
    let dateline = |s: usize, t: &timex::Timex| {
        s == 1 && sentences[s].dateline_comma(lex).is_some_and(|c| (c + 1..=c + 3).contains(&t.start))
    };
    let lead_date = || {
        (1..sentences.len())
            .take_while(|&s| s == 1 || same_paragraph(sentences, s - 1, s))
            .find_map(|s| sentence_dates[s].iter().find(|t| !dateline(s, t)).map(|t| t.date))
    };
    for fact in facts.iter_mut().filter(|f| f.date.is_none() && dated(f)) {
        let s = fact.sentence;
        fact.date =
            if s == 0 && headline { lead_date() } else { story_date(sentences, sentence_dates, s) }.or(published);
    }
}

/// Whether an attack is one of words: a word of speech between the cue and its object
/// ("ataca discurso agressivo de Washington") or after the object as the reason ("atacou
/// Washington pelo seu discurso", "attacked Ottawa over its remarks").
fn verbal(sentence: &Sentence<'_>, lex: &Lexicon, cue: usize, object: &Mention) -> bool {
    let words = &sentence.lower;
    let between = (cue + 1..object.tokens.start.min(words.len())).any(|k| sentence.is(List::Verbal, k));
    let reason = words.get(object.tokens.end).is_some_and(|w| lex.is(List::Reasons, w))
        && (object.tokens.end + 1..(object.tokens.end + 4).min(words.len())).any(|k| sentence.is(List::Verbal, k));
    between || reason
}

/// Whether the agreement a statement speaks of is still being negotiated or drafted: a word
/// of `unsigned` ("negociações", "talks") three words or fewer before an agreement noun
/// (`agreement_nouns`), in the statement or the four tokens before it. "Após meses de
/// negociações, X e Y assinaram um acordo" is signed: the talks are far from the noun.
fn unsigned(sentence: &Sentence<'_>, span: (usize, usize)) -> bool {
    let words = &sentence.lower;
    let end = span.1.min(words.len());
    (span.0.saturating_sub(4)..end).any(|k| {
        sentence.is(List::Unsigned, k) && (k + 1..(k + 4).min(end)).any(|j| sentence.is(List::AgreementNouns, j))
    })
}

/// Whether a deed named by its noun is only what someone is against: a word of `opposed`
/// ("contrário", "se opõe", "opposed") in the three words before a match that opens with
/// words ("era contrário à ação militar americana na Síria"), or with an actor after a
/// determiner ("opposes the Russian military deployment in Libya"), no comma between. Being
/// against it asserts no deed, so it is hedged; an actor that opens its clause ("Opposition
/// leader X met Y", "Hoje na oposição, o senador X …") is a subject, not a deed's noun.
fn opposed(sentence: &Sentence<'_>, span: (usize, usize), here: &[usize], mentions: &[Mention]) -> bool {
    let opens_with_actor = here.iter().any(|&m| mentions[m].tokens.start == span.0);
    let start = if opens_with_actor {
        match span.0.checked_sub(1) {
            Some(k) if sentence.is(List::Determiners, k) => k,
            _ => return false,
        }
    } else {
        span.0
    };
    // "Hoje na oposição, o senador X está em guerra contra Y": a comma ends what is opposed.
    (start.saturating_sub(3)..start)
        .any(|k| sentence.is(List::Opposed, k) && !(k + 1..start).any(|j| sentence.lower[j] == ","))
}

/// Whether a meeting or visit is only planned: a word of `planned` ("vai", "reunirá",
/// "will", "due") at its cue word or in the three words before it. A capitalised word
/// inside the sentence is a name, not the verb it is spelt as ("o Irão", not "irão").
fn planned(sentence: &Sentence<'_>, cue: usize) -> bool {
    let name = |k: usize| k > 0 && sentence.original[k].starts_with(char::is_uppercase);
    (cue.saturating_sub(3)..(cue + 1).min(sentence.lower.len())).any(|k| sentence.is(List::Planned, k) && !name(k))
}

/// Whether the word that brings in a meeting's object (`partners`: "com", "with") between
/// the cue and the object belongs to a noun of ties before it (`ties`: "relacionamento",
/// "relations"): "falou da relação com X" speaks of X.
fn ties_before(sentence: &Sentence<'_>, cue: usize, object: usize) -> bool {
    (cue + 1..object.min(sentence.lower.len()))
        .rev()
        .find(|&k| sentence.is(List::Partners, k))
        .is_some_and(|k| sentence.is(List::Ties, k - 1))
}

/// Whether the other side of a meeting follows the words a list of actors met with: a word
/// of `partners` ("com", "with") right after the match (or one word later), and an actor
/// within five words of it.
fn partner_follows(sentence: &Sentence<'_>, end: usize, names: &[&Mention]) -> bool {
    (end..(end + 2).min(sentence.lower.len()))
        .find(|&k| sentence.is(List::Partners, k))
        .is_some_and(|k| names.iter().any(|m| k < m.tokens.start && m.tokens.start <= k + 5))
}

/// Whether an actor speaks rather than fights when the words say it attacks: a person, or
/// an organisation whose kind bears no arms (a party, a court, a newspaper).
fn unarmed(entity: &Entity, gaz: &Gazetteer) -> bool {
    match entity.kind {
        Kind::Person => true,
        Kind::Organization => entity.known.is_some_and(|k| gaz.entries[k].is_unarmed()),
        _ => false,
    }
}

/// Whether an attack cue may be no attack: a word of `list` (`word_attacks`: "atacou",
/// "attacked", "em guerra contra"; `figurative_attacks`: "atinge") from the cue to its object,
/// and no word of `arms` ("mísseis", "troops") anywhere in the sentence.
fn attack_of(sentence: &Sentence<'_>, lex: &Lexicon, list: List, cue: usize, object: usize) -> bool {
    let words = &sentence.lower;
    (cue..object.min(words.len())).any(|k| sentence.is(list, k)) && !words.iter().any(|w| lex.is(List::Arms, w))
}

/// A claim reported by others and denied by its actor next to it is only alleged: in
/// "The council said the Emirates had supplied the RSF. Abu Dhabi, which has denied
/// arming the group, did not comment." the supply is no fact. A reported event fact
/// (its sentence has a speech word) becomes hedged when its subject is the actor of a
/// denial word in the same or a neighbouring sentence.
fn contest_denied(
    sentences: &[Sentence<'_>],
    mentions: &[Mention],
    resolved: &Resolved,
    lex: &Lexicon,
    facts: &mut [Fact],
) {
    let mut deniers: Vec<(usize, usize)> = Vec::new(); // (sentence, entity)
    for (s, sentence) in sentences.iter().enumerate() {
        for d in (0..sentence.lower.len()).filter(|&d| sentence.is(List::Denials, d)) {
            let actor = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.sentence == s && m.tokens.end <= d)
                .filter_map(|(i, _)| resolved.of_mention[i])
                .next_back();
            deniers.extend(actor.map(|e| (s, e)));
        }
    }
    let reported = |s: usize| sentences[s].lower.iter().any(|w| lex.is(List::Speech, w));
    for fact in facts.iter_mut().filter(|f| f.is_asserted() && f.relation.cameo().is_some()) {
        let denied = deniers.iter().any(|&(s, e)| e == fact.subject && s.abs_diff(fact.sentence) <= 1);
        if denied && (fact.source.is_some() || reported(fact.sentence)) {
            fact.modality = Modality::Hedged;
        }
    }
}

/// The sentence as items for the cue patterns: its tokens, each actor group one item,
/// the articles before actors dropped.
fn encode(
    sentence: &Sentence<'_>,
    mentions: &[Mention],
    here: &[usize],
    source: Option<usize>,
    person: &dyn Fn(usize) -> bool,
    lex: &Lexicon,
) -> Vec<Item> {
    // "according to ⟨X⟩ (ACR), which blamed ⟨Y⟩": a source whose relative clause says what it
    // did stays an actor, the clause's subject.
    let relative_after = |m: usize| {
        let mut end = mentions[m].tokens.end;
        if sentence.word(end) == "(" {
            end = (end..sentence.lower.len().min(end + 6)).find(|&k| sentence.word(k) == ")").map_or(end, |k| k + 1);
        }
        sentence.word(end) == "," && sentence.is(List::SubjectRelatives, end + 1)
    };
    // Actor mentions that are not inside another one, widest first on overlap.
    let mut slots: Vec<usize> =
        here.iter().copied().filter(|&m| !mentions[m].inner && (Some(m) != source || relative_after(m))).collect();
    slots.sort_by_key(|&m| (mentions[m].tokens.start, std::cmp::Reverse(mentions[m].tokens.end)));
    let mut kept: Vec<(usize, Range<usize>)> = Vec::new();
    for m in slots {
        if kept.last().is_none_or(|(_, r)| r.end <= mentions[m].tokens.start) {
            kept.push((m, mentions[m].tokens.clone()));
        }
    }
    absorb_modifiers(&mut kept, sentence, mentions, here, lex);
    let plain_noun = |t: usize| {
        lower_content_word(sentence, t) && !sentence.is(List::Connectors, t) && !sentence.is(List::Locative, t)
    };
    let mut items: Vec<Item> = Vec::new();
    let mut t = 0;
    let mut slot = 0;
    let n = sentence.tokens.len();
    let article = |w: &str| matches!(w, "o" | "a" | "os" | "as" | "the" | "um" | "uma" | "an");
    let joiner = |w: &str| matches!(w, "," | "e" | "and" | "ou" | "or" | "&");
    let repeated = |w: &str| lex.is(List::ListRepeats, w);
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
            // Join a list: "X, Y e Z", "pelo X, pelo Y e pelos Z". An owner after a bare
            // comma opens an apposition, not a list: "China, Pakistan's closest ally, called…"
            // is China's statement, described by its tie to Pakistan.
            let owner = sentence.is(List::OwnerMark, range.end);
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
                        // The place where a person is ("pelo coronel ⟨X⟩ , no ⟨Mali⟩ , e pelo
                        // capitão ⟨Y⟩"): a locative word after a person, or another repeated
                        // word between a place and a person, ends the list.
                        let last = match &items[k - 1] {
                            Item::Group(list) => list.last().copied(),
                            _ => None,
                        };
                        let last_locative = last.is_some_and(|l| mentions[l].locative);
                        let locative_between = between.iter().any(|w| lex.is(List::Locative, w));
                        let other_between = between.iter().any(|w| repeated(w) && !lex.is(List::Locative, w));
                        let switches = (locative_between && last.is_some_and(person))
                            || (other_between && last_locative && person(m));
                        // ", e" / ", and" after a single actor joins clauses, not a list, when that
                        // actor is a place something is in ("mantém militares na ⟨Letónia⟩ , e a
                        // ⟨Itália⟩ cerca de 250") or a verb follows the next one ("parceiros de
                        // ⟨Caracas⟩ , e o ⟨Kremlin⟩ informou"). A list of three may take the comma
                        // ("⟨A⟩ , ⟨B⟩ , and ⟨C⟩"), an actor in apposition closes with one ("com o
                        // ministro, ⟨X⟩ , e o senador ⟨Y⟩"), and a demonym heads its noun ("and the
                        // ⟨Palestinian⟩ leader").
                        let in_place =
                            k >= 2 && matches!(items[k - 2], Item::Word(w) if sentence.is(List::Locative, w));
                        let verb_after = !demonym
                            && range.end < n
                            && lower_content_word(sentence, range.end)
                            && lex.role_at(&sentence.lower[range.end..]).is_none();
                        let single =
                            (in_place || verb_after) && matches!(&items[k - 1], Item::Group(g) if g.len() == 1);
                        let clause_and = between.first() == Some(&",")
                            && between.get(1).is_some_and(|w| lex.is(List::Coordinators, w));
                        // Nor, with or without the comma, before a quantity whose verb is left out:
                        // "militares na ⟨Letónia⟩ e a ⟨Itália⟩ cerca de 250" (see `gapped`).
                        let gap = in_place
                            && between.iter().any(|w| lex.is(List::Coordinators, w))
                            && quantity_only(sentence, range.end);
                        let apposition = owner && between.iter().all(|w| *w == ",");
                        // A list closed by "e"/"and" takes no further item after a bare comma:
                        // "ataques no ⟨A⟩ , ⟨B⟩ e ⟨C⟩ , o ⟨grupo⟩ reivindicou" is the group's claim.
                        let closed = matches!(&items[k - 1], Item::Group(g) if g.len() > 1
                            && (mentions[g[0]].tokens.end..mentions[g[g.len() - 1]].tokens.start)
                                .any(|t| sentence.is(List::Coordinators, t)))
                            && !between.iter().any(|w| lex.is(List::Coordinators, w));
                        // A bare comma after the first actor, inside a phrase that opens the sentence, ends
                        // that phrase, not a list item, unless the list goes on: "Depois do ⟨Japão⟩ , ⟨Trump⟩
                        // viajará", "After ⟨Paris⟩ , ⟨Macron⟩ flew" are Trump's and Macron's travel. A list
                        // with no "e"/"and" opens a headline ("⟨Trump⟩ , ⟨Xi⟩ discutem …"); after a verb,
                        // "com a presidente do ⟨STF⟩ , ministra ⟨Cármen Lúcia⟩" is read as before.
                        let first_actor = items[..k - 1].iter().all(|i| matches!(i, Item::Word(_)));
                        let fronted = first_actor
                            && matches!(&items[k - 1], Item::Group(g) if g.len() == 1
                            && mentions[g[0]].tokens.start > 0
                            && !(mentions[g[0]].tokens.start == 1 && article(&sentence.lower[0])))
                            && between.iter().all(|w| *w == "," || article(w))
                            && !list_goes_on(sentence, range.end);
                        let not_a_list = apposition || switches || gap || closed || fronted || (single && clause_and);
                        if between.iter().any(|w| joiner(w)) && between.len() <= 3 && !not_a_list {
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
            // "⟨A⟩ , ⟨B⟩ e oito outros países condenaram": the open end of a list names no
            // actor; the list is the subject of what follows.
            let after_list = matches!(items.last(), Some(Item::Group(_)));
            t = match open_list_end(sentence, lex, t).filter(|_| after_list) {
                Some(end) => end,
                None => {
                    items.push(Item::Word(t));
                    t + 1
                }
            };
            while slot < kept.len() && kept[slot].1.start < t {
                slot += 1;
            }
        }
    }
    items
}

/// Item `i`'s token, when it is a word.
fn word_at(items: &[Item], i: usize) -> Option<usize> {
    match items.get(i) {
        Some(Item::Word(w)) => Some(*w),
        _ => None,
    }
}

/// A description opening the clause that stands for the actor it names, read as that actor:
/// an office for the person it serves ("O gabinete do primeiro-ministro, ⟨X⟩ , acusou" →
/// "⟨X⟩ , acusou"; "⟨X⟩ 's office said" → "⟨X⟩ said"), a summit or meeting for the body
/// that holds it ("A cimeira extraordinária da ⟨CEDEAO⟩ terminou com um ultimato…"; "the
/// ⟨EU⟩ summit condemned…"). Its noun is one of `office_nouns` with a person or of
/// `gathering_nouns` with an organisation, written before the actor with at most two words
/// qualifying it before the preposition (`complement_preps`: "o gabinete de segurança de
/// ⟨Y⟩" is a cabinet, no office of Y) or right after it, past a possessive. The clause opens
/// at the sentence's start or after a phrase in commas naming no actor ("Na segunda-feira,
/// o gabinete de ⟨X⟩ …"). Returns the items with the description's other words left out and
/// the actor's item: a fact read there is the actor's only (as `led_places`' list).
fn stand_in(
    items: &[Item],
    sentence: &Sentence<'_>,
    kind: &dyn Fn(usize) -> Option<Kind>,
) -> Option<(Vec<Item>, usize)> {
    let text = |i: usize| word_at(items, i).map(|w| sentence.lower[w].as_str());
    let is = |list: List, i: usize| word_at(items, i).is_some_and(|w| sentence.is(list, w));
    let fits = |i: usize, noun: List| {
        let want = if noun == List::OfficeNouns { Kind::Person } else { Kind::Organization };
        matches!(items.get(i), Some(Item::Group(g)) if g.iter().all(|&m| kind(m) == Some(want)))
    };
    let noun_at = |i: usize| [List::OfficeNouns, List::GatheringNouns].into_iter().find(|&l| is(l, i));
    let opening = (0..items.len().min(12)).find(|&i| text(i) == Some(",") || matches!(items[i], Item::Group(_)));
    let starts = std::iter::once(0).chain(opening.filter(|&c| text(c) == Some(",")).map(|c| c + 1));
    let keep = |start: usize, from: usize, actor: usize| -> (Vec<Item>, usize) {
        let mut kept: Vec<Item> = items[..start].to_vec();
        kept.push(items[actor].clone());
        kept.extend_from_slice(&items[from..]);
        (kept, start)
    };
    for start in starts {
        let head = start + usize::from(is(List::AppositiveOpeners, start));
        // Before the actor: "o gabinete (de imprensa) do ⟨X⟩".
        if let Some(noun) = noun_at(head) {
            let prep = (head + 1..head + 4).find(|&j| {
                !word_at(items, j).is_some_and(|w| lower_content_word(sentence, w)) || is(List::ComplementPreps, j)
            });
            if let Some(prep) = prep.filter(|&j| is(List::ComplementPreps, j) && fits(j + 1, noun)) {
                return Some(keep(start, prep + 2, prep + 1));
            }
        }
        // After it: "⟨X⟩ 's office", "the ⟨EU⟩ summit".
        let possessive = usize::from(is(List::OwnerMark, head + 1));
        if noun_at(head + 1 + possessive).is_some_and(|noun| fits(head, noun)) {
            return Some(keep(start, head + 2 + possessive, head));
        }
    }
    None
}

/// A body named by who leads it where, in the items of a sentence: an article maybe, a noun of
/// `led_bodies` ("regimes", "governo"), a word of `led_by` ("liderados"), then for each leader a
/// word of `led_agents` ("pelo"; after the first one also left out), at most three words (a
/// title), the person, a comma maybe, a locative word and the place ("no ⟨Mali⟩"), joined by a
/// coordinator, and a lower-case word (the verb) after the last place and its comma. The
/// places' actors are what acts: returns the items with the phrase one list of the places, and
/// that list's index.
fn led_places(
    items: &[Item],
    sentence: &Sentence<'_>,
    kind: &dyn Fn(usize) -> Option<Kind>,
) -> Option<(Vec<Item>, usize)> {
    let word = |i: usize| word_at(items, i);
    let is = |list: List, i: usize| word(i).is_some_and(|w| sentence.is(list, w));
    let text = |i: usize| word(i).map(|w| sentence.lower[w].as_str());
    let all = |i: usize, ok: &dyn Fn(Kind) -> bool| matches!(items.get(i), Some(Item::Group(g)) if g.iter().all(|&m| kind(m).is_some_and(ok)));
    let people = |i: usize| all(i, &|k| k == Kind::Person);
    let place = |i: usize| all(i, &|k| matches!(k, Kind::Country | Kind::Place));
    for start in (0..items.len()).filter(|&i| is(List::LedBodies, i)) {
        let mut j = start + 1;
        if text(j) == Some(",") {
            j += 1;
        }
        if !is(List::LedBy, j) {
            continue;
        }
        j += 1;
        let mut places = Vec::new();
        loop {
            if is(List::LedAgents, j) {
                j += 1;
            } else if places.is_empty() {
                break;
            }
            let title = (j..j + 3).take_while(|&i| word(i).is_some_and(|w| lower_content_word(sentence, w))).count();
            j += title;
            if !people(j) {
                break;
            }
            j += 1;
            if text(j) == Some(",") {
                j += 1;
            }
            if !(is(List::Locative, j) && place(j + 1)) {
                break;
            }
            if let Some(Item::Group(g)) = items.get(j + 1) {
                places.extend(g.iter().copied());
            }
            j += 2;
            let comma = usize::from(text(j) == Some(","));
            if is(List::Coordinators, j + comma) {
                j += comma + 1;
                continue;
            }
            j += comma;
            break;
        }
        let verb_after =
            word(j).is_some_and(|w| lower_content_word(sentence, w) && !sentence.is(List::Coordinators, w));
        if places.is_empty() || !verb_after {
            continue;
        }
        let from = if start > 0 && is(List::Determiners, start - 1) { start - 1 } else { start };
        let mut out: Vec<Item> = items[..from].to_vec();
        out.push(Item::Group(places));
        out.extend_from_slice(&items[j..]);
        return Some((out, from));
    }
    None
}

/// Whether a word or two of `penalty` come after the cue word: "condenou X a nove anos de
/// prisão", "condenado pelos crimes de corrupção" (a conviction; "classificou o ataque de crime
/// hediondo" is none).
fn penalty_after(sentence: &Sentence<'_>, lex: &Lexicon, cue: usize) -> bool {
    (cue + 1..sentence.lower.len()).any(|k| phrase_at(sentence, lex, "penalty", k))
}

/// Whether a phrase of word list `list` (one or two words) starts at token `t`.
fn phrase_at(sentence: &Sentence<'_>, lex: &Lexicon, list: &str, t: usize) -> bool {
    let Some(first) = sentence.lower.get(t) else { return false };
    lex.is(list, first) || sentence.lower.get(t + 1).is_some_and(|next| lex.is(list, &format!("{first} {next}")))
}

/// Whether a list goes on after the actor that ends at token `end` (a name in parentheses
/// after it passed): a comma or a coordinator follows.
fn list_goes_on(sentence: &Sentence<'_>, end: usize) -> bool {
    let mut next = end;
    if sentence.word(next) == "(" {
        next = (next..sentence.lower.len().min(next + 6)).find(|&k| sentence.word(k) == ")").map_or(next, |k| k + 1);
    }
    matches!(sentence.word(next), "," | "&" | "ou" | "or") || sentence.is(List::Coordinators, next)
}

/// The end of an open list's tail at token `t`: "e (oito) outros (países)", "and (many)
/// other (nations)", "e outros" — a coordinator, at most two words of quantity, a word of
/// `list_others`, a noun of `list_other_nouns` maybe — when what follows it ends the
/// phrase (punctuation, the sentence's end) or is a verb's lower-case content word. Not
/// before a complement ("e outros países da NATO"), which may name another actor.
fn open_list_end(sentence: &Sentence<'_>, lex: &Lexicon, t: usize) -> Option<usize> {
    let words = &sentence.lower;
    let is_word = |k: usize| sentence.tokens.get(k).is_some_and(|tok| tok.kind == TokenKind::Word);
    if !lex.is(List::Coordinators, words.get(t)?) {
        return None;
    }
    let others = (t + 1..t + 4).find(|&k| words.get(k).is_some_and(|w| lex.is(List::ListOthers, w)))?;
    if !(t + 1..others).all(|k| is_word(k) && !is_capitalised(sentence.original[k])) {
        return None;
    }
    let mut end = others + 1;
    if words.get(end).is_some_and(|w| lex.is(List::ListOtherNouns, w)) {
        end += 1;
    }
    let ends_phrase = end >= words.len() || !is_word(end) || lower_content_word(sentence, end);
    ends_phrase.then_some(end)
}

/// An actor that only qualifies the name after it is no actor of its own: "UK bank
/// Barclays", "Russian state news agency Tass" (English: the actor, then company nouns,
/// then the name) and "a seguradora chinesa Fosun" (Portuguese: company nouns, a demonym,
/// then the name). The name's slot takes in the modifier and the nouns, so a cue sees one
/// actor: "talks with ⟨Barclays⟩", not "talks with ⟨UK⟩". When an English name is one the
/// extractor does not know, the modifier is dropped: better no fact than the wrong actor.
fn absorb_modifiers(
    kept: &mut Vec<(usize, Range<usize>)>,
    sentence: &Sentence<'_>,
    mentions: &[Mention],
    here: &[usize],
    lex: &Lexicon,
) {
    let org_noun = |t: usize| t < sentence.lower.len() && sentence.is(List::OrgNouns, t);
    let is_demonym = |m: usize| matches!(mentions[m].referent, Referent::Known(_, LabelKind::Demonym));
    if lex.lang == crate::input::Lang::Pt {
        let demonym_at = |t: usize| here.iter().any(|&m| is_demonym(m) && mentions[m].tokens.contains(&t));
        let mut i = 0;
        while i < kept.len() {
            let (m, ref name) = kept[i];
            let before = if i > 0 { kept[i - 1].1.end } else { 0 };
            let (mut lo, mut nouns) = (name.start, false);
            while lo > 0 && (org_noun(lo - 1) || demonym_at(lo - 1)) {
                nouns |= org_noun(lo - 1);
                lo -= 1;
            }
            let modifier_kept = i > 0 && before > lo && kept[i - 1].1.start >= lo;
            if is_demonym(m) || !nouns || (before > lo && !modifier_kept) {
                i += 1;
                continue;
            }
            kept[i].1.start = lo;
            if modifier_kept {
                kept.remove(i - 1);
            } else {
                i += 1;
            }
        }
        return;
    }
    let mut i = 0;
    while i < kept.len() {
        let here = kept[i].1.clone();
        let mut name_at = here.end;
        while name_at < here.end + 4 && org_noun(name_at) {
            name_at += 1;
        }
        if name_at == here.end {
            i += 1;
        } else if kept.get(i + 1).is_some_and(|(_, next)| next.start == name_at) {
            kept[i + 1].1.start = here.start;
            kept.remove(i);
        } else if sentence.original.get(name_at).is_some_and(|w| is_capitalised(w)) {
            kept.remove(i);
        } else {
            i += 1;
        }
    }
}

/// A reading (indices into `items`) as the string the cue patterns see: lower-case
/// tokens separated by spaces, each actor group a placeholder. Returns the string and
/// the byte offset of each of the reading's items in it.
fn render(items: &[Item], reading: &[usize], sentence: &Sentence<'_>) -> (String, Vec<usize>) {
    let mut encoded = String::from(" ");
    let mut offsets = Vec::with_capacity(reading.len());
    for &i in reading {
        offsets.push(encoded.len());
        match &items[i] {
            Item::Word(w) => encoded.push_str(&sentence.lower[*w]),
            Item::Group(_) => push_placeholder(&mut encoded, i),
        }
        encoded.push(' ');
    }
    (encoded, offsets)
}

/// The readings of a sentence the cue rules run on, each a list of indices into its
/// items: the sentence itself; the same without a relative clause after an actor
/// ("A Copa-Cogeca, que representa os agricultores, condenou…" → "⟨A⟩ condenou…")
/// or the comma that closes an appositive ("O porta-voz, X, condenou" → "⟨X⟩ condenou");
/// or a day of the month in parentheses ("nesta quinta-feira (16)"), or a noun phrase
/// in commas after the opening actor ("⟨X⟩ , a primeira ministra a visitá-la , chegou");
/// and each predicate joined by "e"/"and" (past adverbs and a phrase in commas: "e , no
/// dia seguinte , reuniu-se"), or a participle or a phrase of `clause_summaries` after a
/// comma, given the subject of the first ("⟨A⟩ condenou o anúncio e acusou ⟨B⟩" → "⟨A⟩
/// acusou ⟨B⟩"; "⟨A⟩ sanctioned ⟨B⟩ , accusing ⟨C⟩" → "⟨A⟩ accusing ⟨C⟩"; "⟨A⟩ vetou o
/// pacote , o que motivou críticas de ⟨B⟩" → "⟨A⟩ o que motivou…"), also past a clause the first
/// predicate opens that names no actor ("⟨A⟩ disse que a medida é ilegal e acusou ⟨B⟩"),
/// or past a reported clause in another tense to a speech act in the speech word's tense
/// ("⟨A⟩ said ⟨B⟩ had acted and accused ⟨C⟩" → "⟨A⟩ accused ⟨C⟩"); and a second subject
/// whose verb is left out before a quantity (`gapped`).
fn readings(items: &[Item], sentence: &Sentence<'_>, lex: &Lexicon) -> Vec<Vec<usize>> {
    let word = |i: usize| match items.get(i) {
        Some(Item::Word(w)) => Some(sentence.lower[*w].as_str()),
        _ => None,
    };
    let is_group = |i: usize| matches!(items.get(i), Some(Item::Group(_)));
    // A lower-case content word: what a predicate starts with.
    let predicate = |i: usize| match items.get(i) {
        Some(Item::Word(w)) => lower_content_word(sentence, *w) && !sentence.is(List::Coordinators, *w),
        _ => false,
    };
    // A participle after a comma ("…, accusing ⟨B⟩") says more of the clause's subject.
    let participle = |i: usize| predicate(i) && word(i).is_some_and(|w| lex.ends_with("participle_endings", w));
    // A word whose ending makes it a noun: an actor before it names what the noun is of ("a
    // ⟨UN Security Council⟩ resolution", "the ⟨Zamzam⟩ displacement camp"), and is no subject.
    let noun = |i: usize| word(i).is_some_and(|w| lex.ends_with("noun_endings", w));
    // A post ("head of …", "porta-voz do …") is a noun, not the verb of a predicate.
    let role_word = |i: usize| match items.get(i) {
        Some(Item::Word(w)) => lex.role_at(&sentence.lower[*w..]).is_some(),
        _ => false,
    };
    let whole: Vec<usize> = (0..items.len()).collect();
    let clauses = relative_spans(items, sentence, lex);
    let mut reduced = Vec::with_capacity(items.len());
    let mut i = 0;
    while i < items.len() {
        reduced.push(i);
        if let Some(&(_, close)) = clauses.iter().find(|&&(open, _)| open == i + 1) {
            i = close + 1;
            continue;
        }
        // A phrase a past participle opens after the actor the sentence opens with describes
        // it: "⟨X⟩ , realizada no domingo em ⟨A⟩ , capital da ⟨B⟩ , terminou…" → "⟨X⟩
        // terminou…", up to the comma before a verb by its form (`past_appositions`).
        if i == 0
            && is_group(0)
            && word(1) == Some(",")
            && predicate(2)
            && word(2).is_some_and(|w| lex.ends_with("past_participle_endings", w))
        {
            let close = (3..items.len().min(18))
                .find(|&j| word(j).is_some_and(|w| w == "," || lex.is(List::ClauseBreaks, w)))
                .filter(|&j| word(j) == Some(","));
            if let Some(end) = close.map(|close| past_appositions(items, sentence, lex, close)) {
                if verb_like(items, sentence, lex, end + 1) {
                    i = end + 1;
                    continue;
                }
            }
        }
        // The comma closing an appositive: "⟨o porta-voz …, X⟩ , condenou" → "⟨X⟩ condenou";
        // not after a word, where the actor ends a phrase ("⟨X⟩ , aliada do ⟨Y⟩ , condenou"),
        // nor before a participle: "⟨A⟩ sanctioned ⟨B⟩ , accusing ⟨C⟩" is A's accusation.
        let after_word = i > 0 && matches!(items[i - 1], Item::Word(w) if ends_phrase(sentence, lex, w));
        if is_group(i)
            && !after_word
            && word(i + 1) == Some(",")
            && predicate(i + 2)
            && !participle(i + 2)
            && !role_word(i + 2)
        {
            i += 2;
            continue;
        }
        // A phrase in commas naming no actor between a verb and the rest of its predicate:
        // "reuniu-se esta quarta-feira , à margem da cimeira , com ⟨Y⟩" → "reuniu-se esta
        // quarta-feira com ⟨Y⟩"; "condemned , in a statement , ⟨Y⟩". The verb is at most two
        // words before the comma; the phrase holds no clause break, and neither it nor what
        // follows it opens with a coordinator, a relative pronoun or a verb.
        if let Some(close) = adjunct_after_verb(items, sentence, lex, i) {
            i = close + 1;
            continue;
        }
        // A day of the month in parentheses after a date (pt-BR "nesta quinta-feira (16)")
        // stands between a verb and its object: "acusou nesta quinta-feira (16) o Hamas".
        if day_in_parentheses(items, sentence, i + 1) {
            i += 4;
            continue;
        }
        // A noun phrase set off by commas after the actor the sentence opens with, before
        // its predicate: "⟨X⟩ , a primeira ministra a visitar a ilha , chegou…" → "⟨X⟩
        // chegou…". It opens with an article and a noun or adjective (an actor after the
        // article is a list: "⟨X⟩ , a ⟨Y⟩ e ⟨Z⟩"), and closes before a verb.
        // A post without an article opens one too ("⟨X⟩ , head of the press office , said",
        // "⟨X⟩ , porta-voz do governo , disse", "⟨X⟩ , comandante da guarda , assumiu…"), and
        // the phrase may end naming the body it speaks of in commas: "⟨X⟩ , head of the media
        // wing , ⟨W⟩ , told" is X's. Another name of the actor in parentheses may come
        // first: "⟨X⟩ ( ou ⟨X'⟩ ) , comandante…".
        // The post may already be read into the actor's name ("⟨X , spokesman⟩ for the navy
        // , said"): then the phrase goes on right after the actor.
        let comma = match word(1) {
            Some("(") if i == 0 => (2..items.len().min(8)).find(|&j| word(j) == Some(")")).map_or(1, |j| j + 1),
            _ => 1,
        };
        let post_read = matches!(items.first(), Some(Item::Group(g)) if g.len() == 1)
            && matches!(items.get(1), Some(Item::Word(w)) if sentence.lower[..*w].iter().any(|t| t == ","));
        if i == 0
            && is_group(0)
            && (word(comma) == Some(",")
                && (word(comma + 1).is_some_and(|w| lex.is(List::AppositiveOpeners, w)) && predicate(comma + 2)
                    || role_word(comma + 1))
                || post_read)
        {
            let from = if post_read { 1 } else { comma + 2 };
            let close = (from..items.len().min(comma + 27))
                .find(|&j| word(j).is_some_and(|w| w == "," || lex.is(List::ClauseBreaks, w)));
            let verb_at = |j: usize| predicate(j) && !participle(j);
            // A relative clause may follow the phrase: "⟨X⟩ , the former president , who
            // arrived on Tuesday , met ⟨Y⟩" is X's meeting.
            let relative = |j: usize| clauses.iter().find(|&&(open, _)| open == j).map(|&(_, end)| end);
            let close = close.filter(|&j| word(j) == Some(",")).and_then(|j| {
                if verb_at(j + 1) {
                    Some(j)
                } else if is_group(j + 1) && word(j + 2) == Some(",") && verb_at(j + 3) {
                    Some(j + 2)
                } else {
                    relative(j).filter(|&end| verb_at(end + 1))
                }
            });
            if let Some(close) = close {
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    // What may stand between a coordinator and its predicate: adverbs ("e também esteve
    // com") and a phrase set off by commas that names no actor ("e , no dia seguinte ,
    // reuniu-se com"). Returns the position in `reduced` where the predicate would start.
    let past_adjuncts = |mut j: usize| {
        loop {
            match reduced.get(j).and_then(|&r| word(r)) {
                Some(w) if lex.is(List::CoordinatedAdverbs, w) => j += 1,
                Some(",") => {
                    let close = (j + 1..reduced.len().min(j + 10)).find(|&c| word(reduced[c]) == Some(","));
                    match close.filter(|&c| {
                        (j + 1..c).all(|b| {
                            !is_group(reduced[b]) && !word(reduced[b]).is_some_and(|w| lex.is(List::ClauseBreaks, w))
                        })
                    }) {
                        Some(c) => j = c + 1,
                        None => break,
                    }
                }
                _ => break,
            }
        }
        j
    };
    // A series of predicates: "⟨A⟩ manifestou apoio a ⟨B⟩ , classificou as sanções de ⟨C⟩ como
    // ilegais e advertiu…", "⟨A⟩ condemned ⟨B⟩ , accused ⟨C⟩ and called…". A predicate after a
    // bare comma (at `j` in `reduced`) is the first subject's too when its verb ends as the
    // first one (at `first`) does and a coordinator before the next clause break closes the
    // series with another predicate.
    let ending = |r: usize| word(r).map(|w| w.chars().rev().take(2).collect::<String>());
    let in_series = |j: usize, first: usize| {
        let like_first = |r: usize| predicate(r) && !role_word(r) && ending(r) == ending(reduced[first]);
        reduced.get(j).is_some_and(|&r| like_first(r))
            && (j + 1..reduced.len())
                .take_while(|&c| !word(reduced[c]).is_some_and(|w| lex.is(List::ClauseBreaks, w)))
                .any(|c| {
                    word(reduced[c]).is_some_and(|w| lex.is(List::Coordinators, w))
                        && reduced.get(past_adjuncts(c + 1)).is_some_and(|&r| predicate(r))
                })
    };
    let mut out = vec![whole];
    // The subject: the first actor a predicate follows, past adverbs and a negation ("⟨A⟩
    // não assinou a declaração , o que motivou…", "⟨A⟩ também vetou…").
    let verb_after = |k: usize| {
        let mut j = k + 1;
        // The nouns an actor qualifies head the subject with it: "⟨A⟩ administration said".
        while reduced.get(j).is_some_and(|&r| {
            noun(r)
                || word(r).is_some_and(|w| {
                    lex.is(List::CoordinatedAdverbs, w) || lex.negation.iter().any(|n| n.len() == 1 && n[0] == w)
                })
        }) {
            j += 1;
        }
        Some(j).filter(|&j| reduced.get(j).is_some_and(|&r| predicate(r)))
    };
    // A clause after a semicolon has a subject of its own: "⟨A⟩ imposed sanctions on ⟨B⟩ ;
    // days later , ⟨C⟩ sanctioned ⟨D⟩ , accusing ⟨E⟩" is C's accusation, so the subject is
    // looked for again from each semicolon, within its clause.
    let clause_starts: Vec<usize> = std::iter::once(0)
        .chain((0..reduced.len()).filter(|&k| word(reduced[k]) == Some(";")).map(|k| k + 1))
        .collect();
    for (c, &start) in clause_starts.iter().enumerate() {
        let end = clause_starts.get(c + 1).map_or(reduced.len(), |&next| next - 1);
        let Some((p, verb)) = (start..end).filter(|&k| is_group(reduced[k])).find_map(|k| Some((k, verb_after(k)?)))
        else {
            continue;
        };
        // Only a subject that opens its clause leads a series of predicates: not one after a
        // preposition ("growth in ⟨US⟩ carbonated drinks , led by ⟨X⟩ and …") nor one in a
        // clause a word of `clause_openers` opened ("quando a ⟨Ucrânia⟩ tentou … , anexou … e").
        let opened = (start..p).any(|q| word(reduced[q]).is_some_and(|w| lex.is(List::ClauseOpeners, w)));
        let after_preposition = p > start
            && word(reduced[p - 1]).is_some_and(|w| lex.is(List::ListRepeats, w) || lex.is(List::Locative, w));
        let series_subject = !opened && !after_preposition;
        let mut k = verb + 1;
        // Inside a clause the first predicate opens ("⟨A⟩ informou que os mísseis caíram
        // no mar e apresentou um protesto a ⟨B⟩"), a predicate joined by "e" is still the
        // first subject's while no actor has come that could be the clause's own subject.
        let mut embedded = false;
        // The tense lists of speech acts the first predicate is in, if it reports a clause.
        let speech_acts =
            [List::SpeechActsPast, List::SpeechActsPresent, List::SpeechActsPastPlural, List::SpeechActsPresentPlural];
        let tense = word(reduced[p + 1]).and_then(|w| speech_acts.iter().find(|l| lex.is(l, w)));
        while k + 1 < reduced.len() {
            let w = word(reduced[k]);
            // Another subject or clause: what follows is not the first subject's.
            if w.is_some_and(|w| lex.is(List::ClauseBreaks, w))
                || (is_group(reduced[k]) && (embedded || predicate(reduced[k + 1]) && !noun(reduced[k + 1])))
            {
                // Unless the first predicate reported that clause in another tense: a speech act
                // joined by "and" in the speech word's tense is the speaker's again ("⟨A⟩ said ⟨B⟩
                // had acted in self-defence and accused ⟨C⟩"; "⟨A⟩ disse que ⟨B⟩ tinha agido … e
                // acusou ⟨C⟩"). In one tense ("⟨A⟩ said ⟨B⟩ attacked … and accused ⟨C⟩") either
                // may have accused: no reading.
                let shifted = word(reduced[k + 1]).is_some_and(|w| lex.is(List::Backshift, w));
                if let Some(list) = tense.filter(|_| is_group(reduced[k]) && shifted) {
                    for j in k..reduced.len() - 1 {
                        if word(reduced[j]).is_some_and(|w| lex.is(List::ClauseBreaks, w)) {
                            break;
                        }
                        if word(reduced[j]).is_some_and(|w| lex.is(List::Coordinators, w)) {
                            let next = past_adjuncts(j + 1);
                            if reduced.get(next).and_then(|&r| word(r)).is_some_and(|w| lex.is(list, w)) {
                                out.push(reduced[start..=p].iter().chain(&reduced[next..]).copied().collect());
                            }
                        }
                    }
                }
                break;
            }
            if w.is_some_and(|w| lex.is(List::ClauseOpeners, w)) {
                embedded = true;
            }
            if w.is_some_and(|w| lex.is(List::Coordinators, w)) {
                let next = past_adjuncts(k + 1);
                // A copula or "went" is a function word, but may start the second predicate:
                // "… e , no sábado , foi a ⟨Jerusalém⟩".
                let verb = |r: usize| predicate(r) || word(r).is_some_and(|w| lex.is(List::CoordinatedVerbs, w));
                if reduced.get(next).is_some_and(|&r| verb(r)) {
                    out.push(reduced[start..=p].iter().chain(&reduced[next..]).copied().collect());
                }
            } else if w == Some(",")
                && (participle(reduced[k + 1])
                    || matches!(items[reduced[k + 1]], Item::Word(t) if summarises(sentence, lex, t))
                    || (series_subject && in_series(k + 1, verb)))
            {
                out.push(reduced[start..=p].iter().chain(&reduced[k + 1..]).copied().collect());
            }
            k += 1;
        }
    }
    out.extend(gapped(&reduced, items, sentence, lex));
    if reduced.len() < items.len() {
        out.push(reduced);
    }
    out.extend(relative_clauses(items, sentence, lex));
    out.extend(cleft(items, sentence, lex));
    let reported: Vec<Vec<usize>> =
        out.iter().filter_map(|reading| reported_clause(items, reading, sentence, lex)).collect();
    out.extend(reported);
    out
}

/// A second subject whose verb is left out, read with the first clause's predicate:
/// "⟨A⟩ mantém 1500 militares no ⟨Y⟩ , e ⟨B⟩ cerca de 1100" → "⟨B⟩ mantém 1500 militares
/// no ⟨Y⟩"; "⟨A⟩ has 900 troops in ⟨Y⟩ and ⟨B⟩ about 300". Only a quantity stands for
/// the predicate, as the first clause has one: after "(,) e/and ⟨B⟩" come a number and
/// words of `gap_quantifiers` alone (`quantity_only`). `reduced` is the sentence's reduced reading.
fn gapped(reduced: &[usize], items: &[Item], sentence: &Sentence<'_>, lex: &Lexicon) -> Option<Vec<usize>> {
    let word = |p: usize| match reduced.get(p).map(|&i| &items[i]) {
        Some(Item::Word(w)) => Some(*w),
        _ => None,
    };
    let lower = |p: usize| word(p).map(|w| sentence.lower[w].as_str());
    let is_group = |p: usize| matches!(reduced.get(p).map(|&i| &items[i]), Some(Item::Group(_)));
    let number = |p: usize| word(p).is_some_and(|w| sentence.tokens[w].kind == TokenKind::Number);
    // The first actor is the subject (a predicate follows it) of a clause with a quantity.
    let first = (0..reduced.len()).find(|&p| is_group(p))?;
    if !word(first + 1).is_some_and(|w| lower_content_word(sentence, w)) {
        return None;
    }
    // "e"/"and", with a comma before it or not, and the second subject.
    let and = (first + 2..reduced.len())
        .find(|&g| lower(g).is_some_and(|w| lex.is(List::Coordinators, w)) && is_group(g + 1))?;
    let clause_end = if lower(and - 1) == Some(",") { and - 1 } else { and };
    if !(first + 1..clause_end).any(number)
        || (first + 1..clause_end).any(|p| lower(p).is_some_and(|w| lex.is(List::ClauseBreaks, w)))
    {
        return None;
    }
    let after = word(and + 2).unwrap_or(sentence.lower.len());
    quantity_only(sentence, after)
        .then(|| std::iter::once(reduced[and + 1]).chain(reduced[first + 1..clause_end].iter().copied()).collect())
}

/// Whether the tokens from `t` up to a comma, a full stop, a semicolon, a closing
/// parenthesis or the sentence's end are a quantity alone: numbers and words of
/// `gap_quantifiers`, at least one number ("cerca de 1100", "about 1,100").
fn quantity_only(sentence: &Sentence<'_>, t: usize) -> bool {
    let n = sentence.lower.len();
    let end = (t..n).find(|&k| matches!(sentence.lower[k].as_str(), "," | "." | ";" | ")")).unwrap_or(n);
    let number = |k: usize| sentence.tokens[k].kind == TokenKind::Number;
    (t..end).any(number) && (t..end).all(|k| number(k) || sentence.is(List::GapQuantifiers, k))
}

/// The relative clauses set off by commas, as (opening comma, closing comma) indices
/// into `items`: "⟨X⟩ , which cites ⟨Y⟩ , accused…", "⟨X⟩ 's minister , who met ⟨Y⟩ ,
/// accused…".
fn relative_spans(items: &[Item], sentence: &Sentence<'_>, lex: &Lexicon) -> Vec<(usize, usize)> {
    let word = |i: usize| match items.get(i) {
        Some(Item::Word(w)) => Some(sentence.lower[*w].as_str()),
        _ => None,
    };
    (0..items.len())
        .filter(|&i| word(i + 1) == Some(",") && word(i + 2).is_some_and(|w| lex.is(List::Relatives, w)))
        .filter_map(|i| {
            (i + 3..items.len().min(i + 30))
                .find(|&j| word(j) == Some(","))
                .map(|close| (i + 1, past_appositions(items, sentence, lex, close)))
        })
        .collect()
}

/// The closing comma of a phrase in commas that stands right after item `i`, a verb or
/// one or two words after one, naming no actor (see `readings`).
fn adjunct_after_verb(items: &[Item], sentence: &Sentence<'_>, lex: &Lexicon, i: usize) -> Option<usize> {
    let word = |j: usize| match items.get(j) {
        Some(Item::Word(w)) => Some(sentence.lower[*w].as_str()),
        _ => None,
    };
    let opens_clause = |j: usize| {
        word(j).is_none_or(|w| lex.is(List::Coordinators, w) || lex.is(List::Relatives, w) || w == ",")
            || verb_like(items, sentence, lex, j)
    };
    if word(i + 1) != Some(",") || opens_clause(i + 2) {
        return None;
    }
    let from = (i.saturating_sub(2)..=i).find(|&v| verb_like(items, sentence, lex, v))?;
    if !(from..=i).all(|j| word(j).is_some()) {
        return None;
    }
    let close = (i + 2..items.len().min(i + 12))
        .find(|&j| word(j).is_none_or(|w| w == "," || lex.is(List::ClauseBreaks, w)))
        .filter(|&j| word(j) == Some(","))?;
    (matches!(items.get(close + 1), Some(Item::Group(_))) || !opens_clause(close + 1)).then_some(close)
}

/// Whether item `i` is a finite verb by its form: a lower-case content word with an ending
/// of `verb_endings` (a clitic after a hyphen taken off: "reuniu-se") or a word of `speech`.
fn verb_like(items: &[Item], sentence: &Sentence<'_>, lex: &Lexicon, i: usize) -> bool {
    match items.get(i) {
        Some(Item::Word(w)) => {
            let l = sentence.lower[*w].as_str();
            lower_content_word(sentence, *w)
                && (lex.is(List::Speech, l) || lex.ends_with("verb_endings", l.split('-').next().unwrap_or(l)))
        }
        _ => false,
    }
}

/// The comma that closes a relative clause whose last noun has phrases in apposition:
/// "⟨X⟩ , que pernoitou no palácio ⟨P⟩ , residência do rei dos ⟨R⟩ , ⟨N⟩ , reuniu-se
/// com…" closes before "reuniu-se", so the meeting is X's, not N's. From the first comma
/// after the clause, up to three phrases in commas are passed (each opening with an article,
/// a noun that is no verb, or a name alone), and only when a verb follows the last one: a
/// word with an ending of `verb_endings` (a clitic after a hyphen taken off) or of `speech`.
fn past_appositions(items: &[Item], sentence: &Sentence<'_>, lex: &Lexicon, close: usize) -> usize {
    let word = |i: usize| match items.get(i) {
        Some(Item::Word(w)) => Some(sentence.lower[*w].as_str()),
        _ => None,
    };
    let content = |i: usize| matches!(items.get(i), Some(Item::Word(w)) if lower_content_word(sentence, *w));
    let verb = |i: usize| verb_like(items, sentence, lex, i);
    let describes = |i: usize| match items.get(i) {
        Some(Item::Word(_)) => {
            word(i).is_some_and(|w| lex.is(List::AppositiveOpeners, w))
                || (content(i) && !verb(i) && !word(i).is_some_and(|w| lex.is(List::Coordinators, w)))
        }
        Some(Item::Group(_)) => word(i + 1) == Some(","),
        None => false,
    };
    if verb(close + 1) {
        return close;
    }
    let mut at = close;
    for _ in 0..3 {
        if !describes(at + 1) {
            break;
        }
        let Some(next) = (at + 2..items.len().min(at + 14))
            .find(|&j| word(j).is_some_and(|w| w == "," || lex.is(List::ClauseBreaks, w)))
            .filter(|&j| word(j) == Some(","))
        else {
            break;
        };
        if verb(next + 1) {
            return next;
        }
        at = next;
    }
    close
}

/// A cleft sentence read as its plain statement: "Foi ⟨X⟩ quem atacou ⟨Y⟩", "It was ⟨X⟩
/// that attacked ⟨Y⟩" → "⟨X⟩ atacou ⟨Y⟩". The sentence opens with words of
/// `cleft_copulas` and the actor, then a word of `cleft_joiners` (after an optional comma).
fn cleft(items: &[Item], sentence: &Sentence<'_>, lex: &Lexicon) -> Option<Vec<usize>> {
    let word = |i: usize| match items.get(i) {
        Some(Item::Word(w)) => Some(sentence.lower[*w].as_str()),
        _ => None,
    };
    let actor = (0..items.len()).find(|&i| matches!(items[i], Item::Group(_)))?;
    if actor == 0 || !(0..actor).all(|i| word(i).is_some_and(|w| lex.is(List::CleftCopulas, w))) {
        return None;
    }
    let joiner = if word(actor + 1) == Some(",") { actor + 2 } else { actor + 1 };
    word(joiner)
        .is_some_and(|w| lex.is(List::CleftJoiners, w))
        .then(|| std::iter::once(actor).chain(joiner + 1..items.len()).collect())
}

/// A reported clause whose subject is its reporter, read as the reporter's statement:
/// "⟨X⟩ said it would send troops to ⟨Y⟩" → "⟨X⟩ would send troops to ⟨Y⟩"; "⟨X⟩ disse
/// que vai apoiar ⟨Y⟩" → "⟨X⟩ vai apoiar ⟨Y⟩". The clause's subject is a pronoun of
/// `reported_pronouns` right after the speech word or after a joining word of
/// `reported_joiners`, or, after one of `prodrop_joiners` (Portuguese "que"), omitted:
/// its verb comes first. Up to three words (not actors or commas) may stand between the
/// speech word and a joining word ("told reporters that", "disse ontem que").
/// A clause with an actor or a noun of its own for subject is left to the other readings.
fn reported_clause(items: &[Item], reading: &[usize], sentence: &Sentence<'_>, lex: &Lexicon) -> Option<Vec<usize>> {
    let word = |p: usize| match reading.get(p).map(|&i| &items[i]) {
        Some(Item::Word(w)) => Some(sentence.lower[*w].as_str()),
        _ => None,
    };
    let is_group = |p: usize| matches!(reading.get(p).map(|&i| &items[i]), Some(Item::Group(_)));
    let verb = |p: usize| match reading.get(p).map(|&i| &items[i]) {
        Some(Item::Word(w)) => lower_content_word(sentence, *w),
        _ => false,
    };
    let speaker = (0..reading.len()).find(|&p| is_group(p) && word(p + 1).is_some_and(|w| lex.is(List::Speech, w)))?;
    for q in speaker + 2..(speaker + 6).min(reading.len()) {
        let w = word(q)?;
        if w == "," || lex.is(List::ClauseBreaks, w) {
            return None;
        }
        let joined = lex.is(List::ReportedJoiners, w);
        if !joined && q > speaker + 2 {
            continue;
        }
        let at = if joined { q + 1 } else { q };
        let body = if word(at).is_some_and(|w| lex.is(List::ReportedPronouns, w)) {
            at + 1
        } else if joined && lex.is(List::ProdropJoiners, w) && verb(at) {
            at
        } else if joined {
            return None;
        } else {
            continue;
        };
        return Some(reading[..=speaker].iter().chain(&reading[body..]).copied().collect());
    }
    None
}

/// A relative clause read as what it says of its actor: "⟨X⟩ , que falou com ⟨Y⟩ ,
/// reiterou…" → "⟨X⟩ falou com ⟨Y⟩"; "⟨X⟩ , who spoke to ⟨Y⟩ by phone ," → "⟨X⟩ spoke
/// to ⟨Y⟩ by phone". Only a pronoun that is the clause's subject counts, and only when a
/// verb comes before any other actor ("⟨X⟩ , que ⟨Y⟩ acusa" has Y for its subject).
fn relative_clauses(items: &[Item], sentence: &Sentence<'_>, lex: &Lexicon) -> Vec<Vec<usize>> {
    let word = |i: usize| match items.get(i) {
        Some(Item::Word(w)) => Some(*w),
        _ => None,
    };
    let lower = |i: usize| word(i).map(|w| sentence.lower[w].as_str());
    let mut out = Vec::new();
    for i in 0..items.len() {
        // A list set off by dashes closes with one: "sete países — A, B e C —, que…".
        let comma = if matches!(lower(i + 1), Some("—" | "–")) { i + 2 } else { i + 1 };
        if !matches!(items[i], Item::Group(_))
            || lower(comma) != Some(",")
            || !lower(comma + 1).is_some_and(|w| lex.is(List::SubjectRelatives, w))
        {
            continue;
        }
        let first = comma + 2;
        let end = (first..items.len().min(first + 27)).find(|&j| lower(j) == Some(",")).unwrap_or(items.len());
        let verb_first = (first..end)
            .find(|&j| word(j).is_none_or(|w| !sentence.is(List::Function, w)))
            .is_some_and(|j| word(j).is_some_and(|w| lower_content_word(sentence, w)));
        if verb_first {
            // Without a day of the month in parentheses ("que conversou na terça-feira (30)
            // com ⟨Y⟩"), as in the sentence's own reduced reading.
            let mut reading = vec![i];
            let mut j = first;
            while j < end {
                if day_in_parentheses(items, sentence, j) && j + 2 < end {
                    j += 3;
                    continue;
                }
                reading.push(j);
                j += 1;
            }
            out.push(reading);
        }
    }
    out
}

/// Whether an actor right after token `t` ends a phrase rather than heads one: `t` is a
/// word written in lower case (a preposition, noun or adjective: "aliada do ⟨Y⟩", "lado
/// ⟨Y⟩") and no title ("o coronel ⟨Y⟩", "Em ⟨Y⟩" at the start of a sentence heads it).
fn ends_phrase(sentence: &Sentence<'_>, lex: &Lexicon, t: usize) -> bool {
    sentence.tokens[t].kind == TokenKind::Word
        && sentence.original[t].chars().next().is_some_and(char::is_lowercase)
        && lex.role_exact(std::slice::from_ref(&sentence.lower[t])).is_none()
}

/// Whether a day of the month in parentheses opens at item `i` (pt-BR "nesta
/// quinta-feira (16)"): "(", a number, ")".
fn day_in_parentheses(items: &[Item], sentence: &Sentence<'_>, i: usize) -> bool {
    let token = |j: usize| match items.get(j) {
        Some(Item::Word(w)) => Some(*w),
        _ => None,
    };
    token(i).is_some_and(|w| sentence.lower[w] == "(")
        && token(i + 1).is_some_and(|w| sentence.tokens[w].kind == TokenKind::Number)
        && token(i + 2).is_some_and(|w| sentence.lower[w] == ")")
}

/// Whether a phrase of `clause_summaries` (one or two words) starts at token `t`: after a
/// comma it speaks of the whole clause before it ("…, a move ⟨Y⟩ called illegal", "…, o que
/// motivou críticas de ⟨Y⟩"), whose subject is its actor.
fn summarises(sentence: &Sentence<'_>, lex: &Lexicon, t: usize) -> bool {
    phrase_at(sentence, lex, "clause_summaries", t)
}

/// Whether token `t` is a word written in lower case that is not a function word: a
/// noun a demonym may stand for, or the verb a predicate starts with.
fn lower_content_word(sentence: &Sentence<'_>, t: usize) -> bool {
    sentence.tokens[t].kind == TokenKind::Word
        && sentence.original[t].chars().next().is_some_and(char::is_lowercase)
        && !sentence.is(List::Function, t)
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

/// Negation and hedging among the words from `from` to `to` (tokens), outside mentions
/// and dates.
fn factuality(
    sentence: &Sentence<'_>,
    lex: &Lexicon,
    from: usize,
    to: usize,
    names: &[&Mention],
    dates: &[timex::Timex],
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
        .find(|&t| sentence.is(List::ClauseBreaks, t))
        .map_or(from, |t| t + 1);
    let words: Vec<&str> = (from..to.min(sentence.lower.len()))
        // Nor are the words of a date: "May 7" is a month, not a hedge.
        .map(|t| {
            if in_mention(t) || dates.iter().any(|d| (d.start..d.end).contains(&t)) {
                ""
            } else {
                sentence.lower[t].as_str()
            }
        })
        .collect();
    // A modal that reports a decision after a word of speech hedges nothing: "announced
    // that it would send troops" is the decision to send them.
    let reported = |at: usize, p: &[String], words: &[&str]| {
        p.len() == 1
            && lex.is(List::ReportedModals, &p[0])
            && words[..at].iter().any(|w| lex.is(List::DecisionSpeech, w))
    };
    let has = |phrases: &[Vec<String>], words: &[&str]| {
        phrases.iter().any(|p| {
            !p.is_empty()
                && words
                    .windows(p.len())
                    .enumerate()
                    .any(|(at, w)| w.iter().zip(p).all(|(a, b)| *a == b) && !reported(at, p, words))
        })
    };
    // A negation does not reach past a comma into a phrase that says what its clause did or
    // led to: "X said no decision had been taken, drawing criticism from Y" and "X não
    // assinou, o que motivou críticas de Y" assert the criticism. A hedge does ("X could
    // strike Y, targeting…" is as possible as the strike).
    let consequence = |t: usize| {
        sentence.lower[t - 1] == ","
            && ((lower_content_word(sentence, t) && lex.ends_with("participle_endings", &sentence.lower[t]))
                || summarises(sentence, lex, t))
    };
    let negated = (from + 1..(to + 1).min(sentence.lower.len()))
        .rev()
        .find(|&t| consequence(t))
        .map_or(words.as_slice(), |t| &words[t - from..]);
    let polarity = if has(&lex.negation, negated) { Polarity::Negative } else { Polarity::Positive };
    let modality = if has(&lex.hedge, &words) { Modality::Hedged } else { Modality::Asserted };
    (polarity, modality)
}

/// The value nearest (in tokens) to a span.
fn nearest<T: Copy>(candidates: &[(usize, T)], span: (usize, usize)) -> Option<T> {
    candidates
        .iter()
        .min_by_key(|(at, _)| if *at < span.0 { span.0 - at } else { at.saturating_sub(span.1) })
        .map(|(_, v)| *v)
}

/// The relative clauses set off by commas (", who chairs the group,", ", que preside à
/// CEDEAO,"), as token ranges from the comma that opens them.
/// A comma inside one of the sentence's `mentions` (a titled name: "o presidente
/// americano, Joe Biden") does not close the clause.
fn relative_token_spans(sentence: &Sentence<'_>, mentions: &[Range<usize>], lex: &Lexicon) -> Vec<Range<usize>> {
    let words = &sentence.lower;
    let inside = |j: usize| mentions.iter().any(|m| m.start < j && j < m.end);
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        if words[k] == "," && words.get(k + 1).is_some_and(|w| lex.is(List::Relatives, w)) {
            let end = (k + 1..words.len()).find(|&j| words[j] == "," && !inside(j)).unwrap_or(words.len());
            out.push(k..end);
            k = end;
        } else {
            k += 1;
        }
    }
    out
}

/// For each token position k, how many tokens before k lie inside one of the spans: the
/// relative clauses set off by commas (", who chairs the group," / ", que preside à
/// CEDEAO,") and the dates a place may stand past and still be near its statement.
fn token_counts(spans: &[Range<usize>], tokens: usize) -> Vec<usize> {
    let mut counts = Vec::with_capacity(tokens + 1);
    let mut total = 0;
    for k in 0..tokens {
        counts.push(total);
        total += usize::from(spans.iter().any(|r| r.contains(&k)));
    }
    counts.push(total);
    counts
}

/// The farthest a place may stand from its statement's words, in tokens: "reuniu-se com
/// X na quarta-feira em Pyongyang" is near; a place in a long complement is its topic.
const PLACE_REACH: usize = 6;

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
        // Where the longest source cue ending before the name starts.
        let cue_start = lex
            .source_before
            .iter()
            .filter(|p| before >= p.len() && sentence.lower[before - p.len()..before] == p[..])
            .map(|p| before - p.len())
            .min();
        let cue_before = cue_start.is_some();
        let verb_before = before >= 1
            && lex.source_after.contains(sentence.lower[before - 1].as_str())
            && sentence.lower.get(mentions[m].tokens.end).is_none_or(|w| matches!(w.as_str(), "." | "," | ";"));
        let verb_after =
            sentence.lower.get(mentions[m].tokens.end).is_some_and(|w| lex.source_after.contains(w.as_str()))
                && (start == 0 || sentence.lower[start - 1] == ",");
        let is_source_kind =
            matches!(mentions[m].referent, Referent::Known(..) | Referent::Organization(..) | Referent::Acronym(_));
        // "Segundo Fulano, …", "According to Smith, …": whoever a sentence opens by citing
        // is its source, a person too (or a name taken for one), not the subject after the
        // comma, even where the mention took that subject in as its apposition ("Segundo
        // Fulano, o senador reuniu-se…").
        // So is the name that closes the opening citation (at its first comma, or taking it in)
        // when a role comes between ("Segundo a colunista do jornal X, …", "According to BBC
        // correspondent X, …").
        let first_comma = sentence.lower.iter().position(|w| w == ",");
        let opens_citing =
            || lex.source_before.iter().any(|p| sentence.lower.len() > p.len() && sentence.lower[..p.len()] == p[..]);
        let closes_citation =
            first_comma.is_some_and(|c| (start + 1..=mentions[m].tokens.end).contains(&c)) && opens_citing();
        let opening_citation = closes_citation
            || (cue_start == Some(0)
                && sentence.lower.iter().skip(start).take(mentions[m].tokens.len() + 1).any(|w| w == ","));
        if (cue_before || verb_before || (verb_after && start > 0) || closes_citation)
            && (is_source_kind || opening_citation)
        {
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
        evidence: None,
        cue: cue.to_string(),
        matched,
    }
}

/// A sentence longer than this (bytes) is cut around its match for evidence.
const EVIDENCE_MAX: usize = 400;
/// How far (bytes) the evidence of a long sentence reaches on each side of the match.
const EVIDENCE_SIDE: usize = 150;

/// The evidence of a match in a long sentence: the match and the words around it, out to a
/// mark that ends a clause (". ; : ! ?" or a dash) or [`EVIDENCE_SIDE`] bytes on each side,
/// whichever is nearer. None when the sentence is short enough to be the evidence itself.
fn evidence_around(sentence: &Sentence<'_>, (start, end): (usize, usize)) -> Option<Range<usize>> {
    let tokens = &sentence.tokens;
    let (first, last) = (tokens.first()?, tokens.last()?);
    if last.span.end - first.span.start <= EVIDENCE_MAX || start >= end || end > tokens.len() {
        return None;
    }
    let stop = |k: usize| matches!(sentence.lower[k].as_str(), "." | ";" | ":" | "!" | "?" | "—" | "–");
    let (from, to) = (tokens[start].span.start, tokens[end - 1].span.end);
    let mut lo = start;
    while lo > 0 && !stop(lo - 1) && from - tokens[lo - 1].span.start <= EVIDENCE_SIDE {
        lo -= 1;
    }
    let mut hi = end;
    while hi < tokens.len() && tokens[hi].span.end - to <= EVIDENCE_SIDE {
        hi += 1;
        if stop(hi - 1) {
            break;
        }
    }
    Some(tokens[lo].span.start..tokens[hi - 1].span.end)
}

/// leaderOf, memberOf and affiliatedWith from the roles that introduce people, and
/// the countries of organisations named with one ("Ministério da Defesa russo").
fn role_facts(
    mentions: &[Mention],
    roles: &[RoleLink],
    resolved: &Resolved,
    gaz: &Gazetteer,
    lex: &Lexicon,
    facts: &mut Vec<Fact>,
) {
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
            (RoleKind::Head | RoleKind::Chief, Some(o)) => {
                facts.push(structural(Relation::LeaderOf, person, o, s, &cue, words.clone()))
            }
            (RoleKind::Head, None) => {
                if let Some(c) = country {
                    facts.push(structural(Relation::LeaderOf, person, c, s, &cue, words.clone()));
                }
            }
            // "army chief General X": a post that heads a kind of body of its country heads
            // the one of that kind the article names (its only one: "US Army" and "US Navy"
            // leave it open).
            (RoleKind::Chief, None) => {
                let of_kind = |kind: &str, c: usize| -> Vec<usize> {
                    (0..ents.len())
                        .filter(|&e| {
                            ents[e].known.is_some_and(|k| {
                                gaz.entries[k].org_kind.as_deref() == Some(kind) && gaz.entries[k].country == Some(c)
                            })
                        })
                        .collect()
                };
                let country_entry = country.and_then(|c| ents[c].known);
                if let (Some(kind), Some(c)) = (lex.role_body(&link.words), country_entry) {
                    if let [body] = of_kind(kind, c)[..] {
                        facts.push(structural(Relation::LeaderOf, person, body, s, &cue, words.clone()));
                    }
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

/// A politician's party in parentheses after the name ("João Doria (PSDB)", "Aécio Neves
/// (PSDB-MG)"): the person is its member. A party's acronym may stand for another
/// country's party, so only one of a country the article names, or names something of
/// (a city, a body, another party), is taken.
fn party_facts(
    sentences: &[Sentence<'_>],
    mentions: &[Mention],
    resolved: &Resolved,
    gaz: &Gazetteer,
    facts: &mut Vec<Fact>,
) {
    let ents = &resolved.entities;
    let named = |c: usize, party: usize| {
        resolved
            .of_mention
            .iter()
            .flatten()
            .any(|&e| ents[e].known.is_some_and(|k| k == c || (k != party && gaz.entries[k].country == Some(c))))
    };
    for (p, person) in mentions.iter().enumerate() {
        let Some(e) = resolved.of_mention[p].filter(|&e| ents[e].kind == Kind::Person) else { continue };
        let end = person.tokens.end;
        let lower = &sentences[person.sentence].lower;
        if end < 3 || lower[end - 3] != "(" || lower[end - 1] != ")" {
            continue;
        }
        let party = mentions.iter().enumerate().find_map(|(j, m)| {
            let o = resolved.of_mention[j]?;
            let known = ents[o].known?;
            let entry = &gaz.entries[known];
            (m.sentence == person.sentence
                && m.tokens == (end - 2..end - 1)
                && entry.org_kind.as_deref() == Some("PoliticalParty")
                && entry.country.is_some_and(|c| named(c, known)))
            .then_some(o)
        });
        if let Some(o) = party {
            facts.push(structural(
                Relation::MemberOf,
                e,
                o,
                person.sentence,
                "party in parentheses",
                sentences[person.sentence].original[end - 3..end].join(" "),
            ));
        }
    }
}

/// One fact per (relation, subject, object, polarity, modality), the first kept (with a
/// body sentence as evidence rather than the headline) but its missing date, place or
/// source filled from the others.
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
                // A body sentence is better evidence than the headline's shorthand.
                if g.sentence == 0 && f.sentence != 0 {
                    g.sentence = f.sentence;
                    g.evidence = f.evidence.clone();
                    g.cue = f.cue.clone();
                    g.matched = f.matched.clone();
                }
                g.date = g.date.or(f.date);
                g.place = g.place.or(f.place);
                g.source = g.source.or(f.source);
            }
            None => out.push(f),
        }
    }
    out
}
