//! Mentions: where a sentence names an actor or a place. Gazetteer hits first, then
//! names found by pattern (capitalised runs classified by their head words:
//! "Conselho Nacional Eleitoral" is an organisation, "região de Kursk" a place,
//! "Abdel Fattah al-Burhan" a person), then the roles that introduce people
//! ("o presidente ucraniano, X,", "X, secretary of Russia's Security Council,").
//!
//! Works on one article's tokens; knows no RDF and does no coreference (that is
//! `entities`), except for what needs the words around a mention: a head word alone
//! ("a Aliança"), matched against the words a known organisation was written with; a
//! title with no name ("o presidente"), taken to the person last introduced with it or
//! else to the previous sentence's subject; and a noun an appositive defined an
//! organisation with ("o CNSP, a junta que …" makes a later "a junta" the CNSP).

use crate::gazetteer::{Gazetteer, Hit, Kind, LabelKind};
use crate::lexicon::{Lexicon, List, RoleKind};
use crate::text::{Token, TokenKind};
use compact_str::CompactString;
use std::collections::HashSet;
use std::ops::Range;

/// A sentence with its tokens, lower-cased words and original words.
#[derive(Debug)]
pub struct Sentence<'t> {
    /// The whole text the sentence is in.
    pub text: &'t str,
    /// Byte range in the text.
    pub span: Range<usize>,
    /// Tokens.
    pub tokens: Vec<Token>,
    /// Each token lower-cased (curly quotes made straight).
    pub lower: Vec<CompactString>,
    /// Each token as written.
    pub original: Vec<&'t str>,
    /// Each token's word lists ([`Lexicon::lists_of`] of its lower-case form), looked up
    /// once: the stages ask many lists about the same tokens.
    pub lists: Vec<u128>,
}

impl<'t> Sentence<'t> {
    /// Tokenises one sentence of a text, looking its tokens up in the lexicon's word lists.
    pub fn new(text: &'t str, span: Range<usize>, lex: &Lexicon) -> Sentence<'t> {
        let tokens = crate::text::tokens(text, span.clone());
        let original: Vec<&str> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
        let lower = original
            .iter()
            .map(|w| match *w {
                "“" | "”" | "«" | "»" | "„" => CompactString::const_new("\""),
                "’s" => CompactString::const_new("'s"),
                // Into a string that keeps up to 24 bytes inline: no allocation for most
                // tokens. ASCII in place, as `to_lowercase` maps it without its walk over
                // characters (`CompactString::from_str_to_lowercase` grows by pieces: slower).
                w if w.is_ascii() => {
                    let mut lower = CompactString::new(w);
                    lower.make_ascii_lowercase();
                    lower
                }
                w => CompactString::from(w.to_lowercase()),
            })
            .collect::<Vec<CompactString>>();
        let lists = lower.iter().map(|w| lex.lists_of(w)).collect();
        Sentence { text, span, tokens, lower, original, lists }
    }

    /// The comma that ends a dateline's place: the sentence's first comma, when a number
    /// or a month name follows it ("Brasília, 2 de agosto de 2024 –", "NEW DELHI, May 7").
    /// The one test of a dateline's shape: the place's mention (`mentions`, `statements`),
    /// a place in capitals (`extract`) and the lead's date (`statements::inherit_dates`)
    /// all ask it. The article's date itself (`extract::dateline`) is any full date in the
    /// first words, with or without a place before it.
    pub fn dateline_comma(&self, lex: &Lexicon) -> Option<usize> {
        let comma = self.lower.iter().position(|w| w == ",")?;
        // "Lisboa, quinta-feira, 12 de março –", "PARIS, Tuesday, May 6 –": a weekday first.
        let date = if lex.weekdays.contains_key(self.word(comma + 1)) && self.word(comma + 2) == "," {
            comma + 3
        } else {
            comma + 1
        };
        let dated = self.tokens.get(date).is_some_and(|t| t.kind == TokenKind::Number)
            || lex.months.contains_key(self.word(date));
        dated.then_some(comma)
    }

    /// Whether these tokens are a dateline's place: the sentence's first words, up to its
    /// dateline comma ("Brasília, 2 de agosto de 2024 –").
    pub fn is_dateline_place(&self, lex: &Lexicon, tokens: &Range<usize>) -> bool {
        tokens.start == 0 && self.dateline_comma(lex) == Some(tokens.end)
    }

    /// Token `k` lower-cased, or "" past the end of the sentence.
    #[inline]
    pub fn word(&self, k: usize) -> &str {
        self.lower.get(k).map_or("", CompactString::as_str)
    }

    /// Whether token `k` is in a word list (false past the end).
    #[inline]
    pub fn is(&self, list: List, k: usize) -> bool {
        self.lists.get(k).is_some_and(|&mask| list.in_mask(mask))
    }

    /// The text of a token range as written, spaces and all ("George W. Bush").
    fn words(&self, tokens: Range<usize>) -> String {
        self.text[self.byte_span(&tokens)].split_whitespace().collect::<Vec<_>>().join(" ")
    }

    pub(crate) fn byte_span(&self, tokens: &Range<usize>) -> Range<usize> {
        self.tokens[tokens.start].span.start..self.tokens[tokens.end - 1].span.end
    }
}

/// What a mention names, before coreference.
#[derive(Debug, Clone, PartialEq)]
pub enum Referent {
    /// A gazetteer entry, by name or by demonym.
    Known(usize, LabelKind),
    /// A person found by pattern, by the name as written.
    Person(String),
    /// An organisation found by pattern, with the country it belongs to when the text says.
    Organization(String, Option<usize>),
    /// A place found by pattern.
    Place(String),
    /// An acronym in capitals, resolved by `entities` against the definitions seen.
    Acronym(String),
    /// An organisation's head word alone ("a Comissão", "the Council", lower-cased),
    /// resolved by `entities` to the last organisation named before with that word.
    ShortForm(String),
    /// Taken into another mention's name ("Montenegro" in "Luís Montenegro"): names nothing.
    Absorbed,
}

/// One mention.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The sentence it is in.
    pub sentence: usize,
    /// Its tokens in the sentence (for a person, the role phrase around the name
    /// included, so that a cue sees one actor).
    pub tokens: Range<usize>,
    /// The name's own tokens.
    pub name: Range<usize>,
    /// Byte span of the name in the text.
    pub span: Range<usize>,
    /// What it names.
    pub referent: Referent,
    /// Whether a locative preposition stands before it ("em Pyongyang").
    pub locative: bool,
    /// Whether it is part of another mention (the country in "Ministério da Defesa de
    /// Taiwan", the demonym in a role): named, but not an actor of its own in cues.
    pub inner: bool,
    /// An acronym defined for it in parentheses right after it.
    pub acronym: Option<String>,
    /// For a known organisation, the country the text attaches to it ("a agência
    /// estatal russa Tass"): a gazetteer entry.
    pub country: Option<usize>,
}

/// A role that introduces a person.
#[derive(Debug, Clone)]
pub struct RoleLink {
    /// The person's mention.
    pub person: usize,
    /// What the role says.
    pub kind: RoleKind,
    /// The role as written.
    pub words: String,
    /// A country the role names (mention index).
    pub country: Option<usize>,
    /// An organisation the role names (mention index).
    pub org: Option<usize>,
}

/// Finds the mentions and roles of an article's sentences.
pub fn find(sentences: &[Sentence<'_>], hits: &[Hit], gaz: &Gazetteer, lex: &Lexicon) -> (Vec<Mention>, Vec<RoleLink>) {
    let mut mentions = Vec::new();
    let mut roles = Vec::new();
    let mut hit_index = 0;
    let mut descriptions = Vec::new();
    // Surnames of the people found by pattern so far, lower-cased.
    let mut introduced: HashSet<String> = HashSet::new();
    // The gazetteer entries named so far.
    let mut seen: HashSet<usize> = HashSet::new();
    for (s, sentence) in sentences.iter().enumerate() {
        let first = mentions.len();
        // Gazetteer hits aligned to tokens.
        while hit_index < hits.len() && hits[hit_index].span.start < sentence.span.end {
            let hit = &hits[hit_index];
            hit_index += 1;
            let Some(start) = sentence.tokens.iter().position(|t| t.span.start == hit.span.start) else { continue };
            let Some(end) = sentence.tokens.iter().position(|t| t.span.end == hit.span.end) else { continue };
            let (entry, how) = best_target(gaz, &hit.targets);
            // "Rui Tavares Lopes" is not the known "Rui Tavares": a known person's name
            // followed by another capitalised name word is a longer, unknown name.
            let longer = gaz.entries[entry].kind == Kind::Person
                && sentence.original.get(end + 1).is_some_and(|w| {
                    let lower = w.to_lowercase();
                    is_capitalised(w)
                        && !lex.is(List::Function, &lower)
                        && !lex.months.contains_key(&lower)
                        && !lex.weekdays.contains_key(&lower)
                });
            // "Bill Clinton" is not the known "Hillary Clinton": a known person's surname
            // after another given name is an unknown person's name, and so is the surname
            // alone once the article has introduced that person and not the known one.
            let surname_only = gaz.entries[entry].kind == Kind::Person
                && start == end
                && gaz.entries[entry].labels.iter().all(|(_, label)| label.split(' ').count() > 1);
            let after_known = mentions[first..].last().is_some_and(|m: &Mention| m.tokens.end == start);
            let namesake = surname_only
                && (!after_known && other_given_name(sentence, start, gaz, entry, lex)
                    || introduced.contains(sentence.lower[start].as_str()) && !seen.contains(&entry));
            if longer || namesake {
                continue;
            }
            seen.insert(entry);
            mentions.push(Mention {
                sentence: s,
                tokens: start..end + 1,
                name: start..end + 1,
                span: hit.span.clone(),
                referent: Referent::Known(entry, how),
                locative: false,
                inner: false,
                acronym: None,
                country: None,
            });
        }
        let known: Vec<Range<usize>> = mentions[first..].iter().map(|m| m.tokens.clone()).collect();
        let mut found = name_runs(s, sentence, &known, lex);
        for m in &found {
            if let Referent::Person(name) = &m.referent {
                if let Some((_, surname)) = name.rsplit_once(' ') {
                    introduced.insert(surname.to_lowercase());
                }
            }
        }
        for m in &mut found {
            if let Some(entry) = party_with_region(m, gaz, lex) {
                m.referent = Referent::Known(entry, LabelKind::Name);
            }
        }
        mentions.append(&mut found);
        mentions[first..].sort_by_key(|m| m.tokens.start);
        attach_complements(sentence, &mut mentions, first, gaz, lex);
        capitals(s, sentence, &mut mentions, first, gaz);
        people_of_a_nation(sentence, &mut mentions[first..]);
        for m in &mut mentions[first..] {
            let (start, end) = (m.tokens.start, m.tokens.end);
            // "em Pyongyang", "at the White House": a locative preposition, perhaps with an article.
            let static_place = (start > 0 && sentence.is(List::Locative, start - 1))
                || (start > 1
                    && sentence.is(List::LocativeArticles, start - 1)
                    && sentence.is(List::Locative, start - 2));
            // "visitou Taipé", "foi a Jerusalém", "arrived in Kyiv": the goal of a journey is a place.
            let journey = (1..=2).any(|d| start >= d && sentence.is(List::Motion, start - d));
            // "Brasília, 2 de agosto de 2024 –": a dateline names where the article was written.
            let dateline = sentence.is_dateline_place(lex, &(start..end));
            // "o juiz da 10.ª Vara de Brasília", "Moscow city council": a city's own court,
            // council or university is the city's, and the city is where it sits, no state acting.
            let local_body = start >= 2
                && sentence.is(List::ComplementPreps, start - 1)
                && sentence.is(List::LocalBodies, start - 2);
            m.locative = static_place || journey || dateline || local_body || located_by_head(sentence, start);
        }
        find_roles(sentence, &mut mentions, first, &mut roles, gaz, lex);
        role_anaphora(s, sentence, &mut mentions, first, &roles, gaz, lex);
        nominal_anaphora(s, sentence, &mut mentions, first, gaz, lex);
        description_anaphora(s, sentence, &mut mentions, first, &descriptions, lex);
        learn_descriptions(s, sentence, &mentions, first, &mut descriptions, gaz, lex);
    }
    short_forms_of_known(sentences, &mut mentions, gaz);
    stated_aliases(sentences, &mut mentions, gaz);
    (mentions, roles)
}

/// Whether the word before a known person's surname at `start` is another given name:
/// a capitalised word that is no function word, month, title, initial or known name, and none of
/// the words of the known person's names ("Bill" before "Clinton"; not "Presidente",
/// nor "Jorge" before "Bergoglio" when "Jorge Mario Bergoglio" is one of his names).
/// A sentence's first word is capitalised whatever it is ("Ontem Putin disse"), so it
/// is not taken for a name.
fn other_given_name(sentence: &Sentence<'_>, start: usize, gaz: &Gazetteer, entry: usize, lex: &Lexicon) -> bool {
    let Some(k) = start.checked_sub(1).filter(|&k| k > 0) else { return false };
    let (word, lower) = (sentence.original[k], sentence.lower[k].as_str());
    sentence.tokens[k].kind == TokenKind::Word
        && is_capitalised(word)
        && !is_all_caps(word)
        && word.chars().count() > 1
        && !lex.is(List::Function, lower)
        && !lex.months.contains_key(lower)
        && !lex.weekdays.contains_key(lower)
        && role_ending_at(sentence, k, lex).is_none()
        && !gaz.entries[entry].name_words.iter().any(|w| w == lower)
}

/// "X, widely known as Y", "X, também conhecido como Y": the article gives an actor
/// another name, and its mentions by that name after it are that actor, one entity and
/// not two. The name is the capitalised words (one to three) after the cue words
/// (`alias_adverbs`, `alias_verbs`, `alias_joiners`).
fn stated_aliases(sentences: &[Sentence<'_>], mentions: &mut [Mention], gaz: &Gazetteer) {
    for i in 0..mentions.len() {
        // A person or an organisation: what follows a place's name and a comma is often
        // another clause's ("em Brasília, chamado X").
        let actor = match &mentions[i].referent {
            Referent::Known(e, LabelKind::Name) => matches!(gaz.entries[*e].kind, Kind::Person | Kind::Organization),
            Referent::Person(_) | Referent::Organization(..) => true,
            _ => false,
        };
        if !actor {
            continue;
        }
        let (sentence, end) = (&sentences[mentions[i].sentence], mentions[i].tokens.end);
        if sentence.word(end) != "," {
            continue;
        }
        let mut k = end + 1;
        k += usize::from(sentence.is(List::AliasAdverbs, k));
        if !sentence.is(List::AliasVerbs, k) {
            continue;
        }
        k += 1;
        k += usize::from(sentence.is(List::AliasJoiners, k));
        let start = k;
        while k < start + 4 && sentence.original.get(k).is_some_and(|w| is_capitalised(w)) {
            k += 1;
        }
        if k == start || k > start + 3 {
            continue;
        }
        let alias = sentence.words(start..k).to_lowercase();
        let referent = mentions[i].referent.clone();
        for later in &mut mentions[i + 1..] {
            let named = match &later.referent {
                Referent::Person(n) | Referent::Organization(n, _) | Referent::Place(n) | Referent::Acronym(n) => n,
                _ => continue,
            };
            if named.to_lowercase() == alias {
                later.referent = referent.clone();
            }
        }
    }
}

/// "a Aliança" after "a Aliança Atlântica": a head word alone names the known
/// organisation last written with it. `entities` resolves a short form against the
/// names it keeps, but a known organisation keeps its gazetteer label ("NATO"), not
/// the words the article wrote it with, so the short form is matched here against
/// those words.
fn short_forms_of_known(sentences: &[Sentence<'_>], mentions: &mut [Mention], gaz: &Gazetteer) {
    for i in 0..mentions.len() {
        let Referent::ShortForm(head) = &mentions[i].referent else { continue };
        // The last organisation written with the head word; one found by pattern is left
        // to `entities`, which knows its name.
        let antecedent = mentions[..i].iter().rev().find_map(|m| {
            let written_with = || sentences[m.sentence].lower[m.name.clone()].iter().any(|w| w == head);
            match m.referent {
                Referent::Known(e, how) if gaz.entries[e].kind == Kind::Organization && written_with() => {
                    Some(Some(Referent::Known(e, how)))
                }
                Referent::Organization(..) if written_with() => Some(None),
                _ => None,
            }
        });
        if let Some(Some(referent)) = antecedent {
            mentions[i].referent = referent;
        }
    }
}

/// "O líder autoritário", "the Ukrainian president", "o presidente dos Estados Unidos":
/// a title with no name after it refers to the person last introduced with that title
/// (and that country, when one is given).
fn role_anaphora(
    s: usize,
    sentence: &Sentence<'_>,
    mentions: &mut Vec<Mention>,
    first: usize,
    roles: &[RoleLink],
    gaz: &Gazetteer,
    lex: &Lexicon,
) {
    let len = mentions.len();
    let n = sentence.lower.len();
    for k in 0..n.saturating_sub(1) {
        if !sentence.is(List::TitleDets, k) {
            continue;
        }
        let Some((role_len, _)) = role_at(sentence, k + 1, lex) else { continue };
        let mut end = k + 1 + role_len;
        if mentions[first..len].iter().any(|m| m.tokens.start <= k + 1 && k + 1 < m.tokens.end) {
            continue; // part of a named person's role phrase
        }
        // A demonym may qualify it ("o líder norte-coreano"), or its country as a complement
        // ("o presidente dos Estados Unidos acusou", "the president of France said").
        let demonym =
            |m: &Mention| m.tokens.start == end && matches!(m.referent, Referent::Known(_, LabelKind::Demonym));
        let complement = |m: &Mention| {
            end < n
                && sentence.is(List::ComplementPreps, end)
                && m.tokens.start == end + 1
                && matches!(m.referent, Referent::Known(e, LabelKind::Name) if gaz.entries[e].kind == Kind::Country)
        };
        let mut country = None;
        let qualifier =
            (first..len).find(|&j| demonym(&mentions[j])).or_else(|| (first..len).find(|&j| complement(&mentions[j])));
        if let Some(j) = qualifier {
            if let Referent::Known(e, _) = mentions[j].referent {
                country = Some(e);
            }
            end = mentions[j].tokens.end;
        }
        // A name or a complement after the title means it is not an anaphor.
        if end < n
            && (is_capitalised(sentence.original[end])
                || sentence.lower[end] == ","
                || sentence.is(List::ComplementPreps, end))
        {
            continue;
        }
        let mut words: Vec<&str> = sentence.lower[k + 1..k + 1 + role_len].iter().map(CompactString::as_str).collect();
        // "o Presidente russo, X, reuniu-se com o homólogo iraniano": a counterpart of a
        // country holds the title of the titled person the sentence named before it, and
        // is the one introduced with that title and country (else the country, as before).
        let counterpart_title = (role_len == 1 && country.is_some() && lex.is(List::Counterparts, words[0]))
            .then(|| {
                roles.iter().find(|link| (first..len).contains(&link.person) && mentions[link.person].tokens.end <= k)
            })
            .flatten()
            .map(|link| link.words.to_lowercase());
        if let Some(title) = &counterpart_title {
            words = title.split_whitespace().collect();
        }
        let fits = |link: &RoleLink| {
            let same_words = same_title(link, &words);
            let link_country = link.country.and_then(|c| match mentions[c].referent {
                Referent::Known(e, _) => Some(e),
                _ => None,
            });
            let person_country = match mentions[link.person].referent {
                Referent::Known(e, _) => gaz.entries[e].country,
                _ => None,
            };
            same_words && (country.is_none() || country == link_country || country == person_country)
        };
        let antecedent = roles.iter().rev().find(|link| fits(link));
        let person = match antecedent {
            // Two people last introduced with the title, close together: which one is meant is unclear.
            Some(link) => {
                let at = mentions[link.person].sentence;
                let rival = roles.iter().any(|other| {
                    fits(other)
                        && mentions[other.person].sentence + 1 >= at
                        && mentions[other.person].referent != mentions[link.person].referent
                });
                if rival {
                    continue;
                }
                link.person
            }
            // Nobody was introduced with the title: the person the previous sentence is about.
            None if qualifier.is_none() => {
                let Some(p) = previous_subject(s, sentence, &mentions[..first], roles, gaz) else { continue };
                p
            }
            None => continue,
        };
        if let Some(j) = qualifier {
            mentions[j].inner = true;
        }
        let referent = mentions[person].referent.clone();
        mentions.push(run_mention(s, sentence, k + 1..end, referent));
    }
}

/// Whether a role was written with these (lower-cased) words.
fn same_title(link: &RoleLink, words: &[&str]) -> bool {
    link.words.to_lowercase().split_whitespace().eq(words.iter().copied())
}

/// The person the previous sentence is about (centering), for a title with no name
/// and no antecedent ("Maduro acusou a oposição. O presidente também acusou …"): its
/// first actor, when that is a person who opens the sentence (after a place or a time
/// at most) and was not introduced with a title of its own. Not across a paragraph.
fn previous_subject(
    s: usize,
    sentence: &Sentence<'_>,
    before: &[Mention],
    roles: &[RoleLink],
    gaz: &Gazetteer,
) -> Option<usize> {
    let prev = s.checked_sub(1)?;
    let (p, subject) = before.iter().enumerate().find(|(_, m)| m.sentence == prev && !m.locative && !m.inner)?;
    let is_person = match &subject.referent {
        Referent::Person(_) => true,
        Referent::Known(e, LabelKind::Name) => gaz.entries[*e].kind == Kind::Person,
        _ => false,
    };
    let titled = roles.iter().any(|link| before.get(link.person).is_some_and(|m| m.referent == subject.referent));
    let paragraph = sentence.text[subject.span.end..sentence.span.start].contains('\n');
    (is_person && subject.tokens.start <= SUBJECT_REACH && !titled && !paragraph).then_some(p)
}

/// How far into a sentence its subject may open it ("Em Caracas, X acusou").
const SUBJECT_REACH: usize = 4;

/// Nouns that take up an organisation of a kind, by `[words]` list: "O G7 criticou
/// Pequim. O grupo, formado por …" is the G7 speaking.
const ANAPHOR_KINDS: [(List, &str); 3] = [
    (List::BlocAnaphors, "InternationalOrganization"),
    (List::ArmedAnaphors, "ArmedGroup"),
    (List::ArmyAnaphors, "ArmedForces"),
];

/// The kinds a noun takes up however far back the article named them: a story names its
/// country's army once ("the Sudanese Armed Forces (SAF)") and calls it "the army" from
/// then on. Only when all the armed forces named before are one country's.
const ARTICLE_WIDE_KINDS: [&str; 1] = ["ArmedForces"];

/// How many sentences back a nominal anaphor reaches for its organisation.
const ANAPHOR_REACH: usize = 3;

/// "o bloco", "a organização", "o grupo" after an article (or a preposition holding
/// one): the organisation of the kind the noun stands for (`ANAPHOR_KINDS`) that the
/// article named last, in one of the few sentences before. Not when a word that may
/// qualify the noun follows it ("o grupo de trabalho", "o bloco europeu", "o movimento
/// huti": only punctuation or a function word may), nor when the sentence already named
/// an organisation of that kind before it ("entre a UE e o bloco sul-americano"
/// contrasts two).
fn nominal_anaphora(
    s: usize,
    sentence: &Sentence<'_>,
    mentions: &mut Vec<Mention>,
    first: usize,
    gaz: &Gazetteer,
    lex: &Lexicon,
) {
    let len = mentions.len();
    let n = sentence.lower.len();
    let kind_of = |m: &Mention| match m.referent {
        Referent::Known(e, LabelKind::Name) if gaz.entries[e].kind == Kind::Organization => {
            gaz.entries[e].org_kind.as_deref()
        }
        _ => None,
    };
    for k in 1..n {
        let kinds: Vec<&str> =
            ANAPHOR_KINDS.iter().filter(|(list, _)| sentence.is(*list, k)).map(|&(_, kind)| kind).collect();
        // A word of `anaphor_adjectives` may stand next to the noun: "pela organização regional",
        // "the regional bloc" (it sets the organisation apart from no other).
        let adjective_before = k >= 2 && sentence.is(List::AnaphorAdjectives, k - 1);
        let det = if adjective_before { k - 2 } else { k - 1 };
        if kinds.is_empty()
            || !sentence.is(List::AnaphorDets, det)
            || mentions[first..len].iter().any(|m| m.tokens.contains(&k) || m.tokens.start == k + 1)
        {
            continue;
        }
        // Only punctuation, a function word or a verb may follow (`free_after`): a word
        // after the noun may qualify it ("o movimento huti" is another group than the one
        // named before).
        let next = sentence.word(k + 1);
        let article_wide = kinds.iter().all(|kind| ARTICLE_WIDE_KINDS.contains(kind));
        // "the army recaptured…": the army's verb may follow it, but not a title ("the
        // army chief" is a person); a parenthesis is neither free nor a verb.
        let verb_after = article_wide
            && !lex.is(List::ComplementPreps, next)
            && sentence.original.get(k + 1).is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
            && lex.role_at(&sentence.lower[k + 1..]).is_none();
        let adjective_after = sentence.is(List::AnaphorAdjectives, k + 1) && free_after(sentence, k + 1, lex);
        if !(free_after(sentence, k, lex) || verb_after || adjective_after) {
            continue;
        }
        let fits = |m: &Mention| kind_of(m).is_some_and(|kind| kinds.contains(&kind));
        if mentions[first..len].iter().any(|m| m.tokens.start < k && fits(m)) {
            continue;
        }
        let antecedent = if article_wide {
            // The last one named, if all named before belong to one country.
            let country = |m: &Mention| match m.referent {
                Referent::Known(e, _) => gaz.entries[e].country,
                _ => None,
            };
            let Some(last) = mentions[..first].iter().rev().find(|m| fits(m)) else { continue };
            if country(last).is_none() || mentions[..first].iter().any(|m| fits(m) && country(m) != country(last)) {
                continue;
            }
            last
        } else {
            // The latest sentence before that names one; in it the sentence's subject (the
            // organisation it opens with) if it is one, else the last one named.
            let Some(last) =
                mentions[..first].iter().rev().take_while(|m| m.sentence + ANAPHOR_REACH >= s).find(|m| fits(m))
            else {
                continue;
            };
            let subject =
                mentions[..first].iter().find(|m| m.sentence == last.sentence && m.tokens.start <= 1 && fits(m));
            subject.unwrap_or(last)
        };
        let referent = antecedent.referent.clone();
        // "the ⟨regional bloc⟩": the adjective before the noun is the mention's, so that the
        // article stands right before it.
        let from = if adjective_before { k - 1 } else { k };
        mentions.push(run_mention(s, sentence, from..k + 1, referent));
    }
}

/// Whether what follows token `k` leaves a noun unqualified: punctuation, a function
/// word, or a verb (a speech verb, or a word with a `verb_endings` ending: "a junta
/// acusou"). Any other word may qualify it ("o movimento huti" is another group than
/// the one named before).
pub(crate) fn free_after(sentence: &Sentence<'_>, k: usize, lex: &Lexicon) -> bool {
    let next = sentence.word(k + 1);
    // A complement of the verb, not of the noun, follows: "accused the army of attacking".
    let verb_complement = sentence.lower.get(k + 2).is_some_and(|w| lex.ends_with("participle_endings", w));
    let free = sentence.tokens.get(k + 1).is_none_or(|t| t.kind != TokenKind::Word)
        || (lex.is(List::Function, next) && (!lex.is(List::ComplementPreps, next) || verb_complement))
        || lex.is(List::Speech, next)
        || lex.ends_with("verb_endings", next);
    free && next != "("
}

/// An organisation an appositive defined with a common noun ("o CNSP, a junta que …").
#[derive(Debug)]
struct Description {
    /// The sentence of the appositive.
    sentence: usize,
    /// The appositive's lower-cased words, up to the first function word.
    words: Vec<String>,
    /// The organisation.
    referent: Referent,
}

/// How many sentences back a description reaches for its organisation.
const DESCRIPTION_REACH: usize = 8;

/// "X (XX), a junta que derrubou …", "the Front, a paramilitary group": an organisation
/// followed by a comma and an appositive opener is defined by the words after it, up to
/// the first function word; kept when they hold a `description_heads` noun and the
/// appositive is not one item of a list ("a UE, a junta e o governo"); an organisation
/// whose name holds such a noun is defined by it too ("the National Security Committee").
fn learn_descriptions(
    s: usize,
    sentence: &Sentence<'_>,
    mentions: &[Mention],
    first: usize,
    descriptions: &mut Vec<Description>,
    gaz: &Gazetteer,
    lex: &Lexicon,
) {
    for m in &mentions[first..] {
        let org = match &m.referent {
            Referent::Known(e, LabelKind::Name) => gaz.entries[*e].kind == Kind::Organization,
            Referent::Organization(..) | Referent::Acronym(_) => true,
            _ => false,
        };
        if !org || m.inner {
            continue;
        }
        // A name headed by such a noun describes its organisation itself: "the National Security
        // Committee … the committee said", "o Conselho de Paz e Segurança … o conselho".
        let named: Vec<String> = m
            .tokens
            .clone()
            .filter(|&k| sentence.is(List::DescriptionHeads, k))
            .map(|k| sentence.word(k).to_string())
            .collect();
        if !named.is_empty() {
            descriptions.push(Description { sentence: s, words: named, referent: m.referent.clone() });
        }
        let mut t = m.tokens.end;
        // Past an acronym in parentheses: "Conselho Nacional (CN), a junta".
        if sentence.word(t) == "(" {
            let Some(close) = (t + 1..(t + 4).min(sentence.lower.len())).find(|&c| sentence.word(c) == ")") else {
                continue;
            };
            t = close + 1;
        } else if sentence.word(t) == ")" {
            t += 1; // the acronym itself: "(CN), a junta"
        }
        if sentence.word(t) != "," || !sentence.is(List::AppositiveOpeners, t + 1) {
            continue;
        }
        let mut end = t + 2;
        while end < sentence.lower.len()
            && end < t + 7
            && sentence.tokens[end].kind == TokenKind::Word
            && !sentence.is(List::Function, end)
            && !sentence.is(List::SubjectRelatives, end)
        {
            end += 1;
        }
        if sentence.is(List::Coordinators, end) {
            continue;
        }
        let words: Vec<String> = (t + 2..end)
            .filter(|&k| !is_capitalised(sentence.original[k]))
            .map(|k| sentence.word(k).to_string())
            .collect();
        if words.iter().any(|w| lex.is(List::DescriptionHeads, w)) {
            descriptions.push(Description { sentence: s, words, referent: m.referent.clone() });
        }
    }
}

/// "a junta acusou", "the paramilitary group": a `description_heads` noun after a
/// determiner (and, between them, words of the same description at most) takes up the
/// organisation an appositive defined with it in the sentences before, when only one
/// was; so does a phrase for what such a body does, of `description_deeds_<noun>` ("o
/// golpe", "os golpistas" for the junta: "A UA condenou o golpe"). Not when a word that
/// may qualify the noun follows it. A description reaches `DESCRIPTION_REACH` sentences
/// past the last one that named its organisation: a story that keeps calling the junta
/// by name or by "a junta" keeps it at hand.
fn description_anaphora(
    s: usize,
    sentence: &Sentence<'_>,
    mentions: &mut Vec<Mention>,
    first: usize,
    descriptions: &[Description],
    lex: &Lexicon,
) {
    let len = mentions.len();
    // Which descriptions are still at hand: worked out for the first head the sentence has
    // (most sentences have none), from the mentions of the sentences before.
    let mut recent: Option<Vec<bool>> = None;
    for k in 1..sentence.lower.len() {
        let head = &sentence.lower[k];
        // The noun itself, or the nouns a deed's phrase of one to three words stands for.
        let (heads, end): (Vec<&str>, usize) = if lex.is(List::DescriptionHeads, head) {
            (vec![head.as_str()], k + 1)
        } else {
            match description_deed(sentence, k, lex) {
                Some(found) => found,
                None => continue,
            }
        };
        if !free_after(sentence, end - 1, lex)
            || mentions[first..len].iter().any(|m| (k..end).any(|t| m.tokens.contains(&t)) || m.tokens.start == end)
        {
            continue;
        }
        // The determiner, with the description's own words between it and the noun.
        let Some(det) = (k.saturating_sub(3)..k).rev().find(|&d| sentence.is(List::AnaphorDets, d)) else {
            continue;
        };
        let between = &sentence.lower[det + 1..k];
        let recent = recent.get_or_insert_with(|| {
            descriptions
                .iter()
                .map(|d| {
                    d.sentence + DESCRIPTION_REACH >= s
                        || mentions[..first]
                            .iter()
                            .any(|m| m.referent == d.referent && m.sentence + DESCRIPTION_REACH >= s)
                })
                .collect()
        });
        let fitting: Vec<&Description> = descriptions
            .iter()
            .zip(recent.iter())
            .filter(|&(d, &recent)| {
                d.sentence < s
                    && recent
                    && heads.iter().any(|h| d.words.iter().any(|w| w == h))
                    && between.iter().all(|w| d.words.iter().any(|d| d == w))
            })
            .map(|(d, _)| d)
            .collect();
        let Some(found) = fitting.first() else { continue };
        if fitting.iter().any(|d| d.referent != found.referent) {
            continue;
        }
        let tokens = det + 1..end;
        mentions.push(run_mention(s, sentence, tokens, found.referent.clone()));
    }
}

/// The longest phrase of `description_deeds` at token `k` (one to three words: "golpe",
/// "golpe de estado"), with the description nouns whose `description_deeds_<noun>` list
/// holds it and the token after it.
fn description_deed<'l>(sentence: &Sentence<'_>, k: usize, lex: &'l Lexicon) -> Option<(Vec<&'l str>, usize)> {
    if !sentence.is(List::DescriptionDeeds, k) {
        return None;
    }
    let (phrase, end) = (1..=3)
        .rev()
        .filter(|&n| k + n <= sentence.lower.len())
        .map(|n| (sentence.lower[k..k + n].join(" "), k + n))
        .find(|(phrase, _)| lex.is(List::DescriptionDeeds, phrase))?;
    let heads: Vec<&str> = lex
        .words
        .get("description_heads")?
        .iter()
        .filter(|h| lex.is(format!("description_deeds_{h}"), &phrase))
        .map(String::as_str)
        .collect();
    (!heads.is_empty()).then_some((heads, end))
}

/// "na capital uruguaia", "the Uruguayan capital": a capital named by its country's
/// demonym is that city, a place the text names without its name. The demonym becomes
/// part of the mention, not an actor of its own. A determiner must stand before it (a
/// feminine one in Portuguese, where "o capital chinês" is money, not a city).
fn capitals(s: usize, sentence: &Sentence<'_>, mentions: &mut Vec<Mention>, first: usize, gaz: &Gazetteer) {
    let len = mentions.len();
    for j in first..len {
        let Referent::Known(country, LabelKind::Demonym) = mentions[j].referent else { continue };
        let Some(capital) = gaz.entries[country].capital else { continue };
        let (start, end) = (mentions[j].tokens.start, mentions[j].tokens.end);
        let tokens =
            if start >= 2 && sentence.is(List::CapitalWord, start - 1) && sentence.is(List::CapitalDet, start - 2) {
                start - 1..end // capital uruguaia
            } else if start >= 1 && sentence.is(List::CapitalDet, start - 1) && sentence.is(List::CapitalWord, end) {
                start - 1..end + 1 // the Uruguayan capital (the article in it, so that "in" stands before it)
            } else {
                continue;
            };
        mentions[j].inner = true;
        mentions.push(run_mention(s, sentence, tokens, Referent::Known(capital, LabelKind::Name)));
    }
    mentions[first..].sort_by_key(|m| m.tokens.start);
}

/// People of a nationality are not their state: a demonym counted ("8 milhões de
/// chineses visitaram", "thousands of Britons") or beside a noun of private people
/// (`private_people`: "turistas chineses", "Chinese visitors", "brasileiros residentes")
/// stays named but is no actor of its own. "Os norte-coreanos enviaram tropas", with
/// neither, may still be the state.
fn people_of_a_nation(sentence: &Sentence<'_>, mentions: &mut [Mention]) {
    let count = |k: usize| {
        sentence.is(List::Numbers, k) || sentence.lower[k].chars().next().is_some_and(|c| c.is_ascii_digit())
    };
    let n = sentence.lower.len();
    for m in mentions.iter_mut() {
        if !matches!(m.referent, Referent::Known(_, LabelKind::Demonym)) {
            continue;
        }
        // The demonym is the word its span ends on: its mention may hold the noun it
        // qualifies ("sete entidades iranianas" counts the entities).
        let Some(start) = sentence.tokens.iter().position(|t| t.span.end == m.span.end) else { continue };
        let end = start + 1;
        // Counted, it is a plural noun ("chineses", "Americans"); "two Russian diplomats" counts
        // the diplomats, whose demonym still makes Russia the actor.
        let plural = sentence.lower[end - 1].ends_with('s');
        let counted = plural
            && ((start >= 1 && count(start - 1))
                || (start >= 2 && sentence.is(List::ComplementPreps, start - 1) && count(start - 2)));
        let private = (start >= 1 && sentence.is(List::PrivatePeople, start - 1))
            || (end < n && sentence.is(List::PrivatePeople, end));
        if counted || private {
            m.inner = true;
        }
    }
}

/// Picks among the entries a label stands for: a name over a demonym, then
/// countries, organisations, people, places, seats.
/// A known organisation written in capitals with a region after a hyphen ("PSDB-MG",
/// the regions listed under `party_regions`): the organisation, as its acronym alone is.
fn party_with_region(m: &Mention, gaz: &Gazetteer, lex: &Lexicon) -> Option<usize> {
    let Referent::Acronym(text) = &m.referent else { return None };
    let (acronym, region) = text.rsplit_once('-')?;
    if !lex.is(List::PartyRegions, &region.to_lowercase()) {
        return None;
    }
    let [hit] = &gaz.find(acronym)[..] else { return None };
    let (entry, _) = best_target(gaz, &hit.targets);
    (hit.span == (0..acronym.len()) && gaz.entries[entry].kind == Kind::Organization).then_some(entry)
}

fn best_target(gaz: &Gazetteer, targets: &[(usize, LabelKind)]) -> (usize, LabelKind) {
    *targets
        .iter()
        .min_by_key(|(e, how)| (*how == LabelKind::Demonym, gaz.entries[*e].kind))
        .expect("a hit has a target")
}

/// Whether a word names a kind of body: the head of an organisation's name ("ministério",
/// "group") or a noun for one ("grupo", "movement").
fn org_noun(lex: &Lexicon, word: &str) -> bool {
    lex.is(List::OrgHeads, word) || lex.is(List::OrgNouns, word)
}

/// Whether a word is written with a capital first letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Capitalised runs outside the gazetteer hits, classified as person, organisation or
/// place by their head words; titles at their start become roles later.
fn name_runs(s: usize, sentence: &Sentence<'_>, known: &[Range<usize>], lex: &Lexicon) -> Vec<Mention> {
    let n = sentence.tokens.len();
    // Titles are not names: "Prime Minister Shehbaz Sharif", "ministra dos Negócios Estrangeiros".
    let mut title = vec![false; n];
    // A word that makes a name an organisation's, alone or in a compound ("Conselho", "Forças").
    let org_head = |w: &str| w.split('-').any(|part| lex.is(List::OrgHeads, part));
    for k in 0..n {
        if let Some(len) = role_at(sentence, k, lex).map(|(len, _)| len).or_else(|| former_role_at(sentence, k, lex)) {
            // A capitalised title word that runs on into capitalised words ending on an
            // organisation's head word is the start of that organisation's name: "the
            // National Security Committee" ("national" is a role: "a Chinese national").
            let in_name = is_capitalised(sentence.original[k]) && {
                let run = (k + len..n).take_while(|&j| {
                    sentence.tokens[j].kind == TokenKind::Word && is_capitalised(sentence.original[j])
                });
                run.last().is_some_and(|j| org_head(&sentence.lower[j]))
            };
            // A title that ends on an organisation's head word running on into its name
            // leaves that name whole: "o porta-voz do Ministério dos Negócios Estrangeiros"
            // names the ministry ("porta-voz do ministério" is a title of its own).
            let last = k + len - 1;
            let name_goes_on = |j: usize| {
                let mut j = j;
                while j < n && j < last + 3 && sentence.is(List::Connectors, j) {
                    j += 1;
                }
                j < n && sentence.tokens[j].kind == TokenKind::Word && is_capitalised(sentence.original[j])
            };
            let keep = if len > 1
                && is_capitalised(sentence.original[last])
                && org_head(&sentence.lower[last])
                && name_goes_on(last + 1)
            {
                len - 1
            } else {
                len
            };
            if !in_name {
                title[k..k + keep].iter_mut().for_each(|t| *t = true);
            }
        }
    }
    let covered = |k: usize| title[k] || known.iter().any(|r| r.contains(&k));
    // A heading glued to the sentence it heads: capitalised words and then a capitalised
    // word that opens a clause or a noun phrase and is no name's connector ("Caminhada
    // Quando chegaram ao terminal", "Weather When the storm hit"): the sentence opens at
    // that word, and the words before it are a kicker, no name.
    let opener = |j: usize| sentence.is(List::ClauseOpeners, j) || sentence.is(List::Determiners, j);
    let kicker = (1..n.min(4))
        .find(|&j| !is_capitalised(sentence.original[j]) || opener(j))
        .filter(|&j| {
            is_capitalised(sentence.original[j])
                && opener(j)
                && !sentence.is(List::Connectors, j)
                && !sentence.is(List::Function, 0)
                && (0..j).all(|t| sentence.tokens[t].kind == TokenKind::Word && !covered(t))
        })
        .unwrap_or(0);
    let is_name = |k: usize| -> bool {
        let word = sentence.original[k];
        let lower = &sentence.lower[k];
        if k < kicker || covered(k) || sentence.tokens[k].kind != TokenKind::Word {
            return false;
        }
        // Each of these articles has its hyphen third or fourth.
        let arabic_article = lower.as_bytes().get(2..4).is_some_and(|b| b.contains(&b'-'))
            && ["al-", "el-", "ad-", "as-", "ash-", "ar-", "bin-"]
                .iter()
                .any(|p| lower.starts_with(p) && word[p.len()..].chars().next().is_some_and(char::is_uppercase));
        if arabic_article {
            return true;
        }
        // What else makes a name starts with a capital: the lists and maps below are not
        // asked about the many words that have none.
        if !is_capitalised(word) {
            return false;
        }
        // A function word is capitalised at the start of a sentence or a quote ("A Rússia",
        // "«Apoio…»"); inside running text, before another capitalised word, it opens a name
        // ("das Forças Armadas").
        let opens_name = k > 0
            && sentence.tokens[k - 1].kind == TokenKind::Word
            && sentence.original[k - 1].chars().next().is_some_and(char::is_lowercase)
            && sentence.original.get(k + 1).is_some_and(|w| is_capitalised(w));
        let sentence_initial = k == 0 || k == kicker || !is_capitalised(sentence.original[k - 1]);
        // So is an adverb by its ending, which opens many sentences: "Posteriormente, o ministro…".
        let capitalised_function_word = (sentence.is(List::Function, k)
            || lex.ends_with("adverb_endings", lower.as_str()))
            && sentence_initial
            && !opens_name;
        // A currency's letters before its sign are no name: "R$ 6 milhões", "US$ 20".
        let currency = sentence.original.get(k + 1).is_some_and(|w| *w == "$");
        !currency
            && !lex.months.contains_key(lower.as_str())
            && !lex.weekdays.contains_key(lower.as_str())
            && !sentence.is(List::Numbers, k)
            && !capitalised_function_word
    };
    let mut out = Vec::new();
    // The portfolios skipped so far: another may be joined to one ("para os Negócios
    // Estrangeiros e a Política de Segurança").
    let mut portfolios: Vec<Range<usize>> = Vec::new();
    let mut k = 0;
    while k < n {
        if !is_name(k) {
            k += 1;
            continue;
        }
        let mut start = k;
        // Particles written in lower case open a surname inside a sentence: "a von der
        // Leyen", "van der Bellen" (`name_particles`: "van" alone is a vehicle in pt-BR).
        let particles = |from: usize| {
            (from..k).all(|t| sentence.tokens[t].kind == TokenKind::Word && !covered(t))
                && lex.is(List::NameParticles, &sentence.lower[from..k].join(" "))
        };
        if let Some(from) = [2, 1].iter().filter_map(|&back| k.checked_sub(back)).find(|&from| particles(from)) {
            start = from;
        }
        let mut end = k + 1;
        loop {
            if end < n && is_name(end) {
                end += 1;
                continue;
            }
            // A middle initial: "George W. Bush".
            let initial = |k: usize| sentence.original[k].chars().count() == 1 && is_capitalised(sentence.original[k]);
            if end + 1 < n && sentence.lower[end] == "." && initial(end - 1) && is_name(end + 1) {
                end += 2;
                continue;
            }
            // Up to two connectors ("da", "von der") when a name follows them.
            let mut c = end;
            while c < n && c < end + 2 && sentence.is(List::Connectors, c) && !covered(c) {
                c += 1;
            }
            if c > end && c < n && is_name(c) {
                end = c + 1;
                continue;
            }
            // An organisation's name may go on through "para a", "for the": "Conselho Nacional
            // para a Salvaguarda da Pátria", "Office for the Coordination of Humanitarian Affairs".
            let org_so_far = (start..end).any(|t| org_head(&sentence.lower[t]));
            let mut c = end;
            while org_so_far && c < n && c < end + 3 && sentence.is(List::OrgLinks, c) && !covered(c) {
                c += 1;
            }
            if c > end && c < n && is_name(c) && !sentence.is(List::Function, c) {
                end = c + 1;
                continue;
            }
            break;
        }
        // "e", "and", "of", "the" join organisation names only ("Conselho de Segurança e
        // Defesa"); in any other run they end it ("Machado e González" is two people).
        let org_word = |t: usize| org_head(&sentence.lower[t]);
        let is_org_run = (start..end).any(org_word);
        let is_place_run = (start..end).any(|t| sentence.is(List::PlaceHeads, t));
        let cut = if is_org_run || is_place_run {
            // Two organisations in a row: "Mahan Air e Saha Airlines".
            (start + 1..end).find(|&t| matches!(sentence.lower[t].as_str(), "e" | "and") && org_word(t - 1))
        } else {
            (start + 1..end).find(|&t| sentence.is(List::OrgConnectors, t))
        };
        if let Some(cut) = cut {
            end = cut;
        }
        k = end;
        // Runs of several words in capitals are headlines or datelines, not names ("A" counts: "COM A
        // PALAVRA"); two or more of them before a name are a kicker or a caption run into it
        // ("E TEMAS TRATADOS POR PALOCCI Palocci", "EUA NA SÍRIA O Exército Livre"): the name starts
        // after them, and after any function word that opens what is left.
        let capitals = |t: usize| !sentence.original[t].chars().any(char::is_lowercase);
        let lead = (start..end).take_while(|&t| capitals(t)).count();
        if lead > 1 && (start..start + lead).any(|t| is_all_caps(sentence.original[t])) {
            if lead == end - start {
                continue;
            }
            start += lead;
            while start < end && sentence.is(List::Function, start) {
                start += 1;
            }
            if start == end {
                continue;
            }
        }
        // A portfolio after a title is not a name: "ministra francesa do Comércio
        // Externo", "Alto Representante para os Negócios Estrangeiros". A body is: "o
        // comandante das Forças Armadas", "o porta-voz do Ministério dos Negócios Estrangeiros".
        // A name may run on past the portfolio without a comma: "o procurador-geral da
        // República Mário Sousa" names its holder after its words.
        let body = (start..end).any(|t| org_head(&sentence.lower[t]));
        // A portfolio written before its title is no name either, nor is a "Former" that
        // opens it: "Former Health Secretary X", "Home Secretary X".
        // Even one whose words name a body: a minister's "Armed Forces" ("Armed Forces Minister X")
        // is his portfolio, not a body he serves in, where "Armed Forces chief X" commands one.
        let member_post = || role_at(sentence, end, lex).is_some_and(|(_, kind)| kind == RoleKind::Member);
        if (!body || member_post()) && end < n && title[end] && portfolio_before_title(sentence, start..end) {
            continue;
        }
        if !body && after_title(start, &title, known, &portfolios, sentence) {
            let Some(holder) = holder_after_portfolio(sentence, start..end) else {
                portfolios.push(start..end);
                continue;
            };
            portfolios.push(start..holder);
            start = holder;
        }
        let lower: Vec<&str> = (start..end).map(|t| sentence.lower[t].as_str()).collect();
        let text = sentence.words(start..end);
        if lower.iter().any(|w| lex.is(List::EventHeads, w)) {
            continue;
        }
        let has_digit = lower.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
        // A head word alone ("Estado", "Governo") names nothing in particular.
        let after_known = start > 0 && known.iter().any(|r| r.end == start);
        if !after_known
            && lower
                .iter()
                .all(|w| lex.is(List::OrgHeads, w) || lex.is(List::PlaceHeads, w) || lex.is(List::Connectors, w))
        {
            // Except "a Comissão", "the Council": the body of that head named before, also
            // after a preposition holding the article ("o trabalho da Comissão", "pela Comissão"),
            // when the name ends with it: before another name ("do Ministério Público", where
            // a known name cut the run) the head is part of a name not found whole.
            let article = start > 0 && sentence.is(List::AnaphorDets, start - 1);
            let name_after = sentence.original.get(end).is_some_and(|w| is_capitalised(w));
            if end - start == 1 && article && !name_after && lex.is(List::OrgHeads, lower[0]) {
                out.push(run_mention(s, sentence, start..end, Referent::ShortForm(lower[0].to_string())));
            }
            continue;
        }
        // "Pakistan-administered Kashmir" is a place; "Iranian-backed" an adjective.
        let place_compound = lower.iter().any(|w| {
            lex.words.get("place_compounds").is_some_and(|l| l.iter().any(|suffix| w.ends_with(suffix.as_str())))
        });
        let adjective = lower.iter().any(|w| {
            lex.words.get("adjective_compounds").is_some_and(|l| l.iter().any(|suffix| w.ends_with(suffix.as_str())))
        });
        // The last word is the head when it is one ("Ramstein Air Base" is a place),
        // else any head word decides ("Conselho de Segurança" is an organisation).
        let last = lower.last().copied().unwrap_or_default();
        let org = org_head(last) || (!lex.is(List::PlaceHeads, last) && lower.iter().any(|w| org_head(w)));
        let compass = lex.is(List::Compass, lower[0]) || lower.last().is_some_and(|w| lex.is(List::Compass, w));
        let referent = if org {
            Referent::Organization(text, None)
        } else if adjective && !place_compound {
            continue;
        } else if place_compound || compass || lower.iter().any(|w| lex.is(List::PlaceHeads, w)) {
            Referent::Place(text)
        } else if has_digit {
            continue; // "M1 Abrams", "T-72s": equipment, not names
        } else if end - start == 1 && is_all_caps(sentence.original[start]) {
            Referent::Acronym(text)
        } else if end - start == 1 && single_is_place(sentence, start) {
            Referent::Place(text)
        } else if let Some(kind) = described_before(sentence, start, known, lex) {
            // "o jornal israelense Haaretz", "the militant group Hamas", "palácio Huis ten Bosch".
            if kind == "org" {
                Referent::Organization(text, None)
            } else {
                Referent::Place(text)
            }
        } else if start > 0
            && sentence.is(List::KindsAfter, end)
            && !sentence.original.get(end + 1).is_some_and(|w| is_capitalised(w))
        {
            // "the Copa-Cogeca federation", "the Wagner group": a body's kind written after its
            // name (before another name it only qualifies that one: "Yorkshire company Shepherds").
            Referent::Organization(text, None)
        } else if end - start == 1 && start > 0 && sentence.is(List::PluralDets, start - 1) {
            continue; // "os Poderes", "dos Correios": a group or a kind, no person
        } else {
            Referent::Person(text)
        };
        out.push(run_mention(s, sentence, start..end, referent));
    }
    out
}

/// The mention over these tokens of sentence `s`, its name all of them, and nothing more
/// known of it: a capitalised run, or what an anaphor or a place named without its name adds.
fn run_mention(s: usize, sentence: &Sentence<'_>, tokens: Range<usize>, referent: Referent) -> Mention {
    Mention {
        sentence: s,
        name: tokens.clone(),
        span: sentence.byte_span(&tokens),
        tokens,
        referent,
        locative: false,
        inner: false,
        acronym: None,
        country: None,
    }
}

/// Where the holder's name starts in a run after a title that opens with its portfolio's words
/// (`portfolio_words`, joined by connectors): "República Mário Sousa" after "o procurador-geral da"
/// is the portfolio and then "Mário Sousa". None when the run is all portfolio, or what follows
/// its words opens with a connector ("Saúde da Família" is one portfolio).
fn holder_after_portfolio(sentence: &Sentence<'_>, run: Range<usize>) -> Option<usize> {
    let mut p = run.start;
    while p < run.end && (sentence.is(List::PortfolioWords, p) || (p > run.start && sentence.is(List::Connectors, p))) {
        p += 1;
    }
    let holder = p > run.start
        && p < run.end
        && !sentence.is(List::Connectors, p - 1)
        && !sentence.is(List::Connectors, p)
        && !sentence.is(List::Function, p);
    holder.then_some(p)
}

/// Whether a run before a title is all its portfolio's words (`portfolio_words`, joined by
/// connectors), a `former` word perhaps opening it: "Former Health" before "Secretary".
fn portfolio_before_title(sentence: &Sentence<'_>, run: Range<usize>) -> bool {
    let mut t = run.start;
    while t < run.end && sentence.is(List::Former, t) {
        t += 1;
    }
    t < run.end
        && sentence.is(List::PortfolioWords, t)
        && (t..run.end).all(|u| sentence.is(List::PortfolioWords, u) || sentence.is(List::Connectors, u))
}

/// The length of a title written with a prefix that makes it a past one (`former_prefixes`:
/// "ex-ministro da Saúde", "ex-procurador-geral"): the role the word after the prefix opens.
fn former_role_at(sentence: &Sentence<'_>, k: usize, lex: &Lexicon) -> Option<usize> {
    let word = sentence.lower[k].as_str();
    let rest = lex.words.get("former_prefixes")?.iter().find_map(|p| word.strip_prefix(p.as_str()))?;
    let mut words = vec![rest];
    words.extend(sentence.lower[k + 1..(k + 6).min(sentence.lower.len())].iter().map(|w| w.as_str()));
    lex.role_at(&words).map(|(len, _)| len)
}

/// Whether a run follows a title and a preposition (a demonym or article may stand
/// between): the run names the title's portfolio. The title may name its body first
/// ("Alto Representante da UE para os Negócios Estrangeiros"), and a portfolio joined
/// to another by "e"/"and" is one too ("… e a Política de Segurança").
fn after_title(
    start: usize,
    title: &[bool],
    known: &[Range<usize>],
    portfolios: &[Range<usize>],
    sentence: &Sentence<'_>,
) -> bool {
    let word = |k: usize| sentence.lower[k].as_str();
    let mut k = start;
    if k > 0 && matches!(word(k - 1), "o" | "a" | "os" | "as" | "the") {
        k -= 1;
    }
    if k > 0 && sentence.is(List::Coordinators, k - 1) && portfolios.iter().any(|r| r.end == k - 1) {
        return true;
    }
    if k == 0 || !matches!(word(k - 1), "do" | "da" | "dos" | "das" | "de" | "of" | "for" | "para") {
        return false;
    }
    k -= 1;
    if let Some(r) = known.iter().find(|r| r.end == k) {
        k = r.start;
        // "Alto Representante da UE para …": the body between the title and the portfolio.
        if k > 1 && sentence.is(List::ComplementPreps, k - 1) && title[k - 2] {
            return true;
        }
    }
    k > 0 && title[k - 1]
}

/// A lower-case head word just before a name says what it is: "a agência estatal X",
/// "o jornal israelense X", "the militant group X", "o palácio X". Between the head
/// and the name only lower-case adjectives and demonyms may stand.
fn described_before(
    sentence: &Sentence<'_>,
    start: usize,
    known: &[Range<usize>],
    lex: &Lexicon,
) -> Option<&'static str> {
    let mut k = start;
    if k > 0 && role_at(sentence, k - 1, lex).is_some() {
        return None; // "government spokesman X": the title says person
    }
    for _ in 0..4 {
        if k == 0 {
            return None;
        }
        k -= 1;
        if let Some(r) = known.iter().find(|r| r.end == k + 1) {
            k = r.start;
            continue;
        }
        let word = sentence.original[k];
        if is_capitalised(word) || sentence.tokens[k].kind != TokenKind::Word {
            return None;
        }
        if lex.is(List::OrgHeads, word) {
            return Some("org");
        }
        if lex.is(List::PlaceHeads, word) {
            return Some("place");
        }
        if lex.is(List::Function, word) || lex.is(List::Connectors, word) || role_at(sentence, k, lex).is_some() {
            return None;
        }
    }
    None
}

/// Whether the name starting at `start` follows a place word that follows a locative
/// preposition, as its complement or appositive: "in the capital, Khartoum", "na cidade
/// de Goma", "in the northern town of Kupiansk", "na capital sudanesa, Cartum".
fn located_by_head(sentence: &Sentence<'_>, start: usize) -> bool {
    let lower = |i: usize| sentence.word(i).chars().next().is_some_and(char::is_lowercase);
    let is_head = |i: usize| sentence.is(List::PlaceHeads, i) || sentence.is(List::CapitalWord, i);
    // Between the head and the name: "of", "de", a comma, and one adjective.
    let Some(head) = (start.saturating_sub(3)..start).rev().find(|&h| is_head(h)) else { return false };
    let link = |i: usize| sentence.word(i) == "," || sentence.is(List::ComplementPreps, i);
    let between = head + 1..start;
    if between.is_empty()
        || !between.clone().any(link)
        || between.clone().filter(|&i| !link(i)).count() > 1
        || !between.clone().all(|i| link(i) || lower(i))
    {
        return false;
    }
    // Before the head: a locative preposition, then at most a determiner and two adjectives.
    (head.saturating_sub(4)..head)
        .rev()
        .take_while(|&i| lower(i) && sentence.word(i) != ",")
        .any(|i| sentence.is(List::Locative, i))
}

/// Whether a lone capitalised word is a place by its context: a place word after it
/// ("Kursk region") or before it ("região de Kursk", "região russa de Kursk"), or a
/// locative preposition before it ("em Muridke").
fn single_is_place(sentence: &Sentence<'_>, k: usize) -> bool {
    if sentence.is(List::PlaceHeads, k + 1) || (k >= 1 && sentence.is(List::Locative, k - 1)) {
        return true;
    }
    k >= 2
        && matches!(sentence.word(k - 1), "de" | "of")
        && (sentence.is(List::PlaceHeads, k - 2) || (k >= 3 && sentence.is(List::PlaceHeads, k - 3)))
}

/// Joins what completes a name: a title at the start of a capitalised run becomes a
/// role (kept outside the name), "(ACRONYM)" after a name defines it, and a demonym or
/// "de/of COUNTRY" after an organisation (or "COUNTRY's"/a demonym before it) gives its
/// country.
fn attach_complements(sentence: &Sentence<'_>, mentions: &mut [Mention], first: usize, gaz: &Gazetteer, lex: &Lexicon) {
    let n = sentence.tokens.len();
    let country_of = |m: &Mention| -> Option<usize> {
        match m.referent {
            Referent::Known(e, _) => match gaz.entries[e].kind {
                Kind::Country => Some(e),
                Kind::Seat => gaz.entries[e].country,
                _ => None,
            },
            _ => None,
        }
    };
    let len = mentions.len();
    for i in first..len {
        // A first name before a country's name is a person: "Luís Montenegro".
        if let Referent::Person(text) = &mentions[i].referent {
            let end = mentions[i].tokens.end;
            let next = (first..len).find(|&j| mentions[j].tokens.start == end && matches!(mentions[j].referent, Referent::Known(e, LabelKind::Name) if gaz.entries[e].kind == Kind::Country));
            if let (Some(j), false) = (next, text.contains(' ')) {
                let hi = mentions[j].tokens.end;
                mentions[j].inner = true;
                mentions[j].referent = Referent::Absorbed;
                let start = mentions[i].name.start;
                mentions[i].referent = Referent::Person(sentence.words(start..hi));
                mentions[i].tokens.end = hi;
                mentions[i].name = start..hi;
                mentions[i].span = sentence.byte_span(&(start..hi));
            }
        }
        // A place named with its place word and country: "região russa de Kursk",
        // "Pakistan's Punjab province", "the Kursk region". The mention takes in the
        // words around the name (so a cue sees one place) and keeps the country. A known
        // place the gazetteer gives no country (a region shared by several, as Punjab)
        // takes the one the text names, as a place found by pattern does.
        let countryless = match &mentions[i].referent {
            Referent::Place(text) => !text.is_empty(),
            Referent::Known(e, LabelKind::Name) => {
                gaz.entries[*e].kind == Kind::Place && gaz.entries[*e].country.is_none()
            }
            _ => false,
        };
        if countryless && mentions[i].name.len() == 1 {
            let (start, end) = (mentions[i].tokens.start, mentions[i].tokens.end);
            let demonym_at = |k: usize| {
                (first..len).find(|&j| {
                    mentions[j].tokens == (k..k + 1)
                        && matches!(mentions[j].referent, Referent::Known(_, LabelKind::Demonym))
                })
            };
            let mut lo = start;
            let mut country = None;
            if start >= 2 && matches!(sentence.word(start - 1), "de" | "of") {
                if sentence.is(List::PlaceHeads, start - 2) {
                    lo = start - 2;
                } else if start >= 3 && sentence.is(List::PlaceHeads, start - 3) {
                    if let Some(j) = demonym_at(start - 2) {
                        lo = start - 3;
                        country = Some(j);
                    }
                }
            }
            let hi = if sentence.is(List::PlaceHeads, end) { end + 1 } else { end };
            if lo == start && start >= 2 && sentence.word(start - 1) == "'s" {
                country =
                    (first..len).find(|&j| mentions[j].tokens.end == start - 1 && country_of(&mentions[j]).is_some());
                if let Some(j) = country {
                    lo = mentions[j].tokens.start;
                }
            }
            // A known name needs its place word too ("Pakistan's Punjab province"):
            // "France's Suez" is a company, "Britain's Europe director" a post.
            let found = matches!(mentions[i].referent, Referent::Place(_));
            if !found && hi == end {
                country = None;
            }
            if let Some(j) = country {
                mentions[j].inner = true;
                mentions[i].country = country_of(&mentions[j]);
            }
            // A known place keeps its own extent unless the text named its country.
            if found || country.is_some() {
                mentions[i].tokens = lo..hi;
            }
        }
        // "(ACRONYM)" right after.
        let end = mentions[i].tokens.end;
        if end + 2 < n + 1 && sentence.word(end) == "(" && sentence.word(end + 2) == ")" {
            let inside = sentence.original[end + 1];
            if inside.len() >= 2 && inside.chars().next().is_some_and(char::is_uppercase) && !inside.contains(' ') {
                // A person's parenthesis names a party or a body ("João Doria (PSDB)"), no
                // other name of the person: it stays an actor inside the person's mention.
                let person = match mentions[i].referent {
                    Referent::Person(_) => true,
                    Referent::Known(e, _) => gaz.entries[e].kind == Kind::Person,
                    _ => false,
                };
                if !person {
                    mentions[i].acronym = Some(inside.to_string());
                }
                mentions[i].tokens.end = end + 3;
                for m in mentions[first..len].iter_mut() {
                    if m.tokens.start == end + 1 {
                        m.inner = true;
                    }
                }
            }
        }
        // A pattern-found name that runs on into a country or place ("Estreito de
        // Taiwan", "Ukraine Defense Contact Group", "Iran Air") takes it in.
        if let Referent::Place(text) | Referent::Organization(text, None) = &mentions[i].referent {
            if !text.is_empty() {
                let (start, end) = (mentions[i].tokens.start, mentions[i].tokens.end);
                let is_place_like = |m: &Mention| matches!(m.referent, Referent::Known(e, LabelKind::Name) if matches!(gaz.entries[e].kind, Kind::Country | Kind::Place));
                let is_place = matches!(mentions[i].referent, Referent::Place(_));
                let after = (first..len).find(|&j| {
                    is_place
                        && mentions[j].tokens.start == end + 1
                        && ["de", "da", "do", "of"].contains(&sentence.lower[end].as_str())
                        && is_place_like(&mentions[j])
                });
                let before =
                    (first..len).find(|&j| !is_place && mentions[j].tokens.end == start && is_place_like(&mentions[j]));
                if let Some(j) = after.or(before) {
                    mentions[j].inner = true;
                    let (lo, hi) = (start.min(mentions[j].tokens.start), end.max(mentions[j].tokens.end));
                    let name = sentence.words(lo..hi);
                    mentions[i].referent =
                        if is_place { Referent::Place(name) } else { Referent::Organization(name, None) };
                    mentions[i].tokens = lo..hi;
                    mentions[i].name = lo..hi;
                    mentions[i].span = sentence.byte_span(&(lo..hi));
                    continue;
                }
            }
        }
        let is_org = match &mentions[i].referent {
            Referent::Organization(..) => true,
            Referent::Known(e, LabelKind::Name) => gaz.entries[*e].kind == Kind::Organization,
            _ => false,
        };
        if !is_org {
            continue;
        }
        let end = mentions[i].tokens.end;
        let start = mentions[i].tokens.start;
        // A demonym right after ("Ministério da Defesa russo") or "de/da/do/of COUNTRY".
        let after = (first..len).find(|&j| {
            let m = &mentions[j];
            (m.tokens.start == end && matches!(m.referent, Referent::Known(_, LabelKind::Demonym)))
                || (m.tokens.start == end + 1
                    && ["de", "da", "do", "of"].contains(&sentence.lower[end].as_str())
                    && matches!(m.referent, Referent::Known(_, LabelKind::Name))
                    && country_of(m).is_some())
        });
        // "Russia's" or a demonym right before ("Sudan's Security and Defence Council", "the Russian Defence Ministry").
        let before = (first..len).find(|&j| {
            let m = &mentions[j];
            let possessive = start >= 1 && sentence.lower[start - 1] == "'s" && m.tokens.end == start - 1;
            // English puts the nationality before the name ("the Russian Defence
            // Ministry"); Portuguese after it ("o grupo russo Wagner" is not its name).
            let adjective = (lex.lang == crate::input::Lang::En || matches!(mentions[i].referent, Referent::Known(..)))
                && m.tokens.end == start
                && matches!(m.referent, Referent::Known(_, LabelKind::Demonym));
            (possessive || adjective) && country_of(m).is_some()
        });
        // Portuguese puts the nationality before a name after the body's noun ("o grupo
        // paramilitar russo Wagner"): not part of the name, but the body's country.
        let named_after = (lex.lang == crate::input::Lang::Pt
            && matches!(mentions[i].referent, Referent::Organization(_, None))
            && start >= 2
            && (org_noun(lex, &sentence.lower[start - 2])
                || (start >= 3 && org_noun(lex, &sentence.lower[start - 3]))))
        .then(|| {
            (first..len).find(|&j| {
                mentions[j].tokens.end == start
                    && matches!(mentions[j].referent, Referent::Known(_, LabelKind::Demonym))
                    && country_of(&mentions[j]).is_some()
            })
        })
        .flatten();
        // A hospital, a club or a school with a demonym serves a community, not that state
        // ("Hospital Sírio-Libanês", "the Chinese Theatre"): the demonym is part of its name only.
        let community = (start..end).any(|t| sentence.is(List::CommunityHeads, t));
        if let (None, Some(j)) = (after.or(before), named_after) {
            mentions[j].inner = true;
            if let Referent::Organization(name, _) = &mentions[i].referent {
                let country = if community { None } else { country_of(&mentions[j]) };
                mentions[i].referent = Referent::Organization(name.clone(), country);
            }
            continue;
        }
        let Some(j) = after.or(before) else { continue };
        let country = if community { None } else { country_of(&mentions[j]) };
        mentions[j].inner = true;
        // A known organisation keeps its identity; the text only tells its country,
        // unless it is generic ("Conselho de Segurança" + "russo" is another council).
        if let Referent::Known(e, _) = mentions[i].referent {
            let generic = gaz.entries[e].country.is_none()
                && after == Some(j)
                && gaz.entries[e].org_kind.as_deref() != Some("NewsAgency");
            if !generic || country == gaz.entries[e].country {
                mentions[i].country = country;
                continue;
            }
        }
        let (lo, hi) = if j == after.unwrap_or(usize::MAX) {
            (start, mentions[j].tokens.end)
        } else {
            (mentions[j].tokens.start, end)
        };
        mentions[i].referent = Referent::Organization(sentence.words(lo..hi), country);
        mentions[i].tokens = lo.min(mentions[i].tokens.start)..hi.max(mentions[i].tokens.end);
        mentions[i].name = lo..hi;
        mentions[i].span = sentence.byte_span(&(lo..hi));
    }
}

/// The longest role starting at token `k`: (its length in tokens, its kind).
fn role_at(sentence: &Sentence<'_>, k: usize, lex: &Lexicon) -> Option<(usize, RoleKind)> {
    lex.role_at(sentence.lower.get(k..).unwrap_or_default())
}

/// The longest role whose last token is `end`: (its start, its length, its kind).
fn role_ending_at(sentence: &Sentence<'_>, end: usize, lex: &Lexicon) -> Option<(usize, usize, RoleKind)> {
    (0..=end.min(5))
        .rev()
        .find_map(|d| lex.role_exact(&sentence.lower[end - d..=end]).map(|kind| (end - d, d + 1, kind)))
}

/// Roles that introduce people: before the name ("o presidente ucraniano, X", "U.S.
/// President X", "Iran's foreign minister, X") or after it ("X, secretary of Russia's
/// Security Council,").
fn find_roles(
    sentence: &Sentence<'_>,
    mentions: &mut [Mention],
    first: usize,
    roles: &mut Vec<RoleLink>,
    gaz: &Gazetteer,
    lex: &Lexicon,
) {
    let len = mentions.len();
    let glue = |w: &str| {
        matches!(
            w,
            "," | "e"
                | "and"
                | "de"
                | "da"
                | "do"
                | "dos"
                | "das"
                | "of"
                | "the"
                | "'s"
                | "o"
                | "a"
                | "os"
                | "as"
                | "to"
                | "in"
                | "no"
                | "na"
                | "junto"
                | "ao"
                | "à"
                | "para"
                | "em"
        )
    };
    for p in first..len {
        let is_person = match &mentions[p].referent {
            Referent::Person(_) => true,
            Referent::Known(e, LabelKind::Name) => gaz.entries[*e].kind == Kind::Person,
            _ => false,
        };
        if !is_person {
            continue;
        }
        let name = mentions[p].name.clone();
        // Look left: the nearest role within eight tokens, only glue and mentions between.
        let mut found: Option<(usize, usize, RoleKind)> = None; // (role start, role len, kind)

        // A title its holder no longer has ("o antigo Presidente", "o Presidente deposto"):
        // the person belongs to the country, but heads or serves nothing now.
        let mut former = false;
        let mut k = name.start;
        // Far enough for a list of titled names: "os presidentes do Brasil, X, da Argentina, Y".
        let lowest = name.start.saturating_sub(40);
        while k > lowest {
            k -= 1;
            // A title may hold capitalised words ("o secretário de Estado", "o ministro dos
            // Negócios Estrangeiros"): look for the longest one that ends here.
            if let Some(role) = role_ending_at(sentence, k, lex) {
                // A rank after a post is the post's holder: "army chief General X" (a post of
                // its own words: in "Chief Secretary" the first word only qualifies the second).
                let post = (role.0 > 0 && role.2 == RoleKind::Member)
                    .then(|| role_ending_at(sentence, role.0 - 1, lex))
                    .flatten()
                    .filter(|post| post.1 >= 2 && matches!(post.2, RoleKind::Chief | RoleKind::Head));
                found = post.or(Some(role));
                break;
            }
            let inside_mention = mentions[first..len].iter().any(|m| m.tokens.contains(&k));
            // A portfolio after the title: "a ministra francesa do Comércio Externo, X".
            let portfolio = k > 0 && is_capitalised(sentence.original[k]) && !sentence.original[k - 1].ends_with('.');
            // The body the role serves: "o porta-voz da presidência ganesa, X".
            let body = sentence.is(List::OrgHeads, k);
            // The kind of body, before its name: "o líder do grupo paramilitar russo Wagner,
            // X", "the leader of the Russian mercenary group Redut, X" (a word next to the
            // body's noun).
            let kind_of_body = !is_capitalised(sentence.original[k])
                && sentence.tokens[k].kind == TokenKind::Word
                && ((k > 0 && org_noun(lex, &sentence.lower[k - 1]))
                    || (k + 1 < name.start && org_noun(lex, &sentence.lower[k + 1])));
            let past = sentence.is(List::Former, k);
            former |= past;
            if !inside_mention && !portfolio && !body && !kind_of_body && !past && !glue(&sentence.lower[k]) {
                break;
            }
        }
        if let Some((rs, _, _)) = found {
            // "Former Health Secretary X": the portfolio may stand between the word and the post.
            let mut b = rs;
            while b >= 1 && sentence.is(List::PortfolioWords, b - 1) {
                b -= 1;
            }
            former |= b >= 1 && sentence.is(List::Former, b - 1);
        }
        let (phrase, mut kind, words) = if let Some((rs, rl, kind)) = found {
            // Modifiers before the role: "U.S. President", "NATO Secretary-General", "Iran's foreign minister".
            let mut lo = rs;
            // "Health Secretary X": the portfolio written before the post is the post's.
            while lo >= 1 && is_capitalised(sentence.original[lo - 1]) && sentence.is(List::PortfolioWords, lo - 1) {
                lo -= 1;
            }
            // "the Ghanaian government spokesman": the body the role serves.
            // Not a word of a body's name the gazetteer knows: "World Bank spokesman X" is the
            // World Bank's, found as the mention ending before the role.
            while lo >= 1
                && sentence.is(List::OrgHeads, lo - 1)
                && !mentions[first..len].iter().any(|m| m.tokens.contains(&(lo - 1)))
            {
                lo -= 1;
            }
            if lo >= 1 && sentence.lower[lo - 1] == "'s" {
                lo -= 1;
            }
            if let Some(m) = mentions[first..len].iter().find(|m| m.tokens.end == lo) {
                if !matches!(m.referent, Referent::Person(_)) {
                    lo = m.tokens.start;
                    // A capitalised "Former" read into the body's name still says the post is past.
                    former |= sentence.is(List::Former, lo);
                }
            }
            // "former Home Office minister X": the word before the body the post is of.
            former |= lo >= 1 && sentence.is(List::Former, lo - 1);
            (lo..name.start, kind, sentence.words(rs..rs + rl))
        } else {
            // Look right: "X, [det] ROLE … ," up to the next comma or the end.
            former = false;
            if name.end + 1 >= sentence.lower.len() || sentence.lower[name.end] != "," {
                continue;
            }
            let mut r = name.end + 1;
            if matches!(sentence.lower[r].as_str(), "o" | "a" | "the" | "um" | "uma" | "an") {
                r += 1;
            }
            // "Russia's ambassador to Germany" / "o secretário do Conselho": the role may follow "X 's".
            if sentence.is(List::Former, r) {
                former = true;
                r += 1;
            }
            let mut role_start = r;
            if let Some(m) = mentions[first..len].iter().find(|m| m.tokens.start == r) {
                if m.tokens.end + 1 < sentence.lower.len() && sentence.lower[m.tokens.end] == "'s" {
                    role_start = m.tokens.end + 1;
                }
            }
            let Some((rl, kind)) = role_at(sentence, role_start, lex) else { continue };
            let mut hi = role_start + rl;
            while hi < sentence.lower.len() {
                let inside = mentions[first..len]
                    .iter()
                    .find(|m| m.tokens.start == hi)
                    .filter(|m| !matches!(m.referent, Referent::Person(_)))
                    .filter(|m| !matches!(m.referent, Referent::Known(e, _) if gaz.entries[e].kind == Kind::Person))
                    .map(|m| m.tokens.end);
                if let Some(end) = inside {
                    hi = end;
                } else if glue(&sentence.lower[hi]) && sentence.lower[hi] != "," {
                    hi += 1;
                } else {
                    break;
                }
            }
            // "Ano Novo, o líder norte-coreano Kim Jong": a title followed by a name is
            // that name's, not an appositive of the name before.
            if sentence.original.get(hi).is_some_and(|w| is_capitalised(w)) {
                continue;
            }
            (name.end..hi, kind, sentence.words(role_start..role_start + rl))
        };
        if former {
            kind = RoleKind::Affiliate;
        }
        let is_person = |j: usize| match &mentions[j].referent {
            Referent::Person(_) => true,
            Referent::Known(e, LabelKind::Name) => gaz.entries[*e].kind == Kind::Person,
            _ => false,
        };
        // In a list of titled names, each name takes the country or body nearest to it,
        // and nothing that lies with another name.
        let other_person_end = (first..len)
            .filter(|&j| {
                j != p
                    && is_person(j)
                    && phrase.start <= mentions[j].tokens.start
                    && mentions[j].tokens.end <= name.start
            })
            .map(|j| mentions[j].tokens.end)
            .max();
        let mut inside: Vec<usize> = (first..len)
            .filter(|&j| j != p && phrase.start <= mentions[j].tokens.start && mentions[j].tokens.end <= phrase.end)
            .filter(|&j| other_person_end.is_none_or(|end| mentions[j].tokens.start >= end))
            .filter(|&j| !is_person(j))
            .collect();
        if phrase.end <= name.start && other_person_end.is_some() {
            inside.reverse();
        }
        let phrase = match other_person_end {
            // The list's commas and "e" stay outside, so that the names still read as a list.
            Some(mut end) if phrase.end <= name.start => {
                while end < name.start && matches!(sentence.lower[end].as_str(), "," | "e" | "and") {
                    end += 1;
                }
                end..phrase.end
            }
            _ => phrase,
        };
        let mut country = None;
        let mut org = None;
        for &j in &inside {
            match &mentions[j].referent {
                Referent::Known(e, _) => match gaz.entries[*e].kind {
                    Kind::Country => country = country.or(Some(j)),
                    Kind::Seat => country = country.or(Some(j)),
                    Kind::Organization => org = org.or(Some(j)),
                    _ => {}
                },
                Referent::Organization(..) | Referent::Acronym(_) => org = org.or(Some(j)),
                _ => {}
            }
            if matches!(mentions[j].referent, Referent::Known(_, LabelKind::Demonym)) || Some(j) == country {
                mentions[j].inner = true;
            }
        }
        for &j in &inside {
            if Some(j) == org {
                mentions[j].inner = true;
            }
        }
        // "o chanceler alemão" heads Germany's government, where "o chanceler brasileiro"
        // is Brazil's foreign minister: the country says what its titles mean.
        let heads_country = |c: usize| match mentions[c].referent {
            Referent::Known(e, _) => gaz.entries[e].head_titles.contains(&words.to_lowercase()),
            _ => false,
        };
        if kind == RoleKind::Affiliate && !former && org.is_none() && country.is_some_and(heads_country) {
            kind = RoleKind::Head;
        }
        let m = &mut mentions[p];
        m.tokens = m.tokens.start.min(phrase.start)..m.tokens.end.max(phrase.end);
        roles.push(RoleLink { person: p, kind, words, country, org });
    }
}
