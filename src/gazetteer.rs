//! The gazetteer: countries, capitals, seats of government, organisations and known
//! people, read from the Turtle files under `ontology/gazetteer/` and compiled once
//! into one Aho-Corasick matcher over their labels and demonyms.
//!
//! Knowledge lives in the Turtle; this module only indexes it. It does no I/O of its
//! own (the caller hands it the Turtle text) and mints no IRIs (they come from the data).

use crate::vocab::iri;
use aho_corasick::{AhoCorasick, MatchKind};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};
use std::collections::HashMap;

/// The Turtle files compiled into the binary: (file name, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("countries.ttl", include_str!("../ontology/gazetteer/countries.ttl")),
    ("organisations.ttl", include_str!("../ontology/gazetteer/organisations.ttl")),
    ("people.ttl", include_str!("../ontology/gazetteer/people.ttl")),
    ("places.ttl", include_str!("../ontology/gazetteer/places.ttl")),
];

/// What kind of thing a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `schema:Person`.
    Person,
    /// `schema:Organization`.
    Organization,
    /// `schema:Country`.
    Country,
    /// `schema:Place` (capitals and other places).
    Place,
    /// `ng:Seat`: a building standing for a government ("the Kremlin").
    Seat,
}

/// One known thing.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its IRI, as the data gives it.
    pub iri: String,
    /// Its kind.
    pub kind: Kind,
    /// `rdfs:label` per language tag ("en", "pt", "pt-PT"…).
    pub labels: Vec<(String, String)>,
    /// The words of all its names (labels and alternative labels), lower case.
    pub name_words: Vec<String>,
    /// `owl:sameAs` targets.
    pub same_as: Vec<String>,
    /// The country it belongs to: `ng:country` of an organisation or person, `ng:seatOf`
    /// of a seat, the country a capital is capital of.
    pub country: Option<usize>,
    /// The capital of a country.
    pub capital: Option<usize>,
    /// `ng:actsFor` of a place: the actor its name stands for when it acts, where that
    /// is not its country ("Bruxelas decidiu" is the EU).
    pub acts_for: Option<usize>,
    /// `ng:locatedIn` of a place.
    pub located_in: Option<usize>,
    /// The local name of an organisation's `ng:orgKind` ("GovernmentBody", "NewsAgency").
    pub org_kind: Option<String>,
    /// `ng:headOfGovernmentTitle` of a country, lower case: a title that heads this
    /// country's government though it names a lesser post elsewhere ("chanceler").
    pub head_titles: Vec<String>,
}

impl Entry {
    /// Whether it is a state institution, which belongs to its country by nature (a
    /// ministry, parliament, army or court), unlike a news agency or party.
    pub fn is_state_body(&self) -> bool {
        matches!(self.org_kind.as_deref(), Some("GovernmentBody" | "Legislature" | "ArmedForces" | "Court"))
    }

    /// Whether it is an organisation that bears no arms (a party, court, parliament, the press,
    /// an NGO or a company): when it "attacks" someone, it does so with words.
    pub fn is_unarmed(&self) -> bool {
        matches!(
            self.org_kind.as_deref(),
            Some("PoliticalParty" | "Court" | "Legislature" | "NewsAgency" | "NewsOutlet" | "NGO" | "Company")
        )
    }

    /// Whether it is a news agency or outlet: someone who "talked to Reuters" gave an
    /// interview, and met no one.
    pub fn is_press(&self) -> bool {
        matches!(self.org_kind.as_deref(), Some("NewsAgency" | "NewsOutlet"))
    }
}

impl Entry {
    /// The label to show in a language, falling back to English, then any.
    pub fn label(&self, lang: &str) -> &str {
        let pick = |want: &str| self.labels.iter().find(|(l, _)| l == want || l.starts_with(&format!("{want}-")));
        pick(lang).or_else(|| pick("en")).or(self.labels.first()).map_or(self.iri.as_str(), |(_, v)| v)
    }
}

/// How a matched string refers to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// A name (label or alternative label).
    Name,
    /// A demonym or nationality adjective ("norte-coreanos", "Russian").
    Demonym,
}

/// One hit of the matcher in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the text.
    pub span: std::ops::Range<usize>,
    /// Entries the string may stand for (usually one), with how.
    pub targets: Vec<(usize, LabelKind)>,
}

/// The compiled gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    /// Every entry, indexed by position.
    pub entries: Vec<Entry>,
    by_iri: HashMap<String, usize>,
    targets: Vec<Vec<(usize, LabelKind)>>,
    /// Per pattern, the one language an acronym is written in when its entry has another
    /// acronym in another language ("OAS"@en beside "OEA"@pt): in a text of another language
    /// it names something else (OAS, the Brazilian builder).
    only_in: Vec<Option<String>>,
    patterns: Vec<String>,
    matcher: AhoCorasick,
    /// All quads read, for loading as background knowledge.
    pub quads: Vec<Quad>,
}

/// A Turtle file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct GazetteerError {
    /// The file.
    pub file: String,
    /// The parser's message (with line and column).
    pub message: String,
}

impl Gazetteer {
    /// Parses Turtle files (name, text) and compiles the matcher. `openers` are the
    /// generic words that running text writes in lower case at the start of a place's
    /// name ("mar Vermelho", "estreito de Ormuz").
    pub fn from_turtle(
        files: &[(&str, &str)],
        openers: &std::collections::HashSet<String>,
    ) -> Result<Gazetteer, GazetteerError> {
        let mut quads = Vec::new();
        for (file, text) in files {
            for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
                quads.push(quad.map_err(|e| GazetteerError { file: (*file).to_string(), message: e.to_string() })?);
            }
        }
        Ok(Gazetteer::from_quads(quads, openers))
    }

    fn from_quads(quads: Vec<Quad>, openers: &std::collections::HashSet<String>) -> Gazetteer {
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_iri = HashMap::new();
        for q in &quads {
            if q.predicate.as_str() != iri::RDF_TYPE {
                continue;
            }
            let kind = match term_iri(&q.object) {
                Some(iri::SCHEMA_PERSON) => Kind::Person,
                Some(iri::SCHEMA_ORGANIZATION) => Kind::Organization,
                Some(iri::SCHEMA_COUNTRY) => Kind::Country,
                Some(iri::SCHEMA_PLACE) => Kind::Place,
                Some(iri::NG_SEAT) => Kind::Seat,
                _ => continue,
            };
            let subject = q.subject.to_string();
            let subject = subject.trim_start_matches('<').trim_end_matches('>').to_string();
            // A country typed also as a place stays a country.
            if let Some(&i) = by_iri.get(&subject) {
                let e: &mut Entry = &mut entries[i];
                e.kind = e.kind.min(kind);
                continue;
            }
            by_iri.insert(subject.clone(), entries.len());
            entries.push(Entry {
                iri: subject,
                kind,
                labels: Vec::new(),
                name_words: Vec::new(),
                same_as: Vec::new(),
                country: None,
                capital: None,
                acts_for: None,
                located_in: None,
                org_kind: None,
                head_titles: Vec::new(),
            });
        }
        let mut names: HashMap<String, Vec<(usize, LabelKind)>> = HashMap::new();
        // The languages each entry writes each of its acronyms in ("pt-BR" as "pt").
        let mut acronyms: HashMap<(String, usize), Vec<String>> = HashMap::new();
        let mut add = |text: &str, target: (usize, LabelKind)| {
            let list = names.entry(text.to_string()).or_default();
            if !list.contains(&target) {
                list.push(target);
            }
        };
        for q in &quads {
            let subject = q.subject.to_string();
            let Some(&i) = by_iri.get(subject.trim_start_matches('<').trim_end_matches('>')) else { continue };
            let object_index = term_iri(&q.object).and_then(|o| by_iri.get(o).copied());
            match q.predicate.as_str() {
                iri::RDFS_LABEL | iri::SKOS_ALT_LABEL => {
                    if let Term::Literal(l) = &q.object {
                        if q.predicate.as_str() == iri::RDFS_LABEL {
                            entries[i].labels.push((l.language().unwrap_or("").to_string(), l.value().to_string()));
                        }
                        for word in l.value().split(' ').map(str::to_lowercase) {
                            if !entries[i].name_words.contains(&word) {
                                entries[i].name_words.push(word);
                            }
                        }
                        add(l.value(), (i, LabelKind::Name));
                        if is_acronym(l.value()) {
                            let lang = l.language().unwrap_or("").split('-').next().unwrap_or("").to_string();
                            acronyms.entry((l.value().to_string(), i)).or_default().push(lang);
                        }
                    }
                }
                iri::NG_DEMONYM => {
                    if let Term::Literal(l) = &q.object {
                        add(l.value(), (i, LabelKind::Demonym));
                        // Portuguese writes demonyms in lower case; a sentence may open with one.
                        let mut chars = l.value().chars();
                        if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
                            add(&format!("{}{}", first.to_uppercase(), chars.as_str()), (i, LabelKind::Demonym));
                        }
                    }
                }
                iri::OWL_SAME_AS => {
                    if let Some(o) = term_iri(&q.object) {
                        entries[i].same_as.push(o.to_string());
                    }
                }
                iri::NG_CAPITAL => {
                    if let Some(c) = object_index {
                        entries[i].capital = Some(c);
                        entries[c].country = Some(i);
                    }
                }
                iri::NG_COUNTRY | iri::NG_SEAT_OF => entries[i].country = object_index,
                iri::NG_LOCATED_IN => entries[i].located_in = object_index,
                iri::NG_ACTS_FOR => entries[i].acts_for = object_index,
                iri::NG_HEAD_OF_GOVERNMENT_TITLE => {
                    if let Term::Literal(l) = &q.object {
                        entries[i].head_titles.push(l.value().to_lowercase());
                    }
                }
                iri::NG_ORG_KIND => {
                    entries[i].org_kind = term_iri(&q.object).and_then(|o| o.rsplit('#').next()).map(str::to_string)
                }
                _ => {}
            }
        }
        // "mar Vermelho", "faixa de Gaza": running text lower-cases the generic word
        // that opens a place's name.
        let lowered: Vec<(String, (usize, LabelKind))> = names
            .iter()
            .flat_map(|(label, targets)| targets.iter().map(move |t| (label, *t)))
            .filter(|(label, (e, how))| {
                *how == LabelKind::Name && entries[*e].kind == Kind::Place && label.contains(' ')
            })
            .filter(|(label, _)| label.split(' ').next().is_some_and(|w| openers.contains(&w.to_lowercase())))
            .filter_map(|(label, target)| {
                let mut chars = label.chars();
                let first = chars.next().filter(|c| c.is_uppercase())?;
                Some((format!("{}{}", first.to_lowercase(), chars.as_str()), target))
            })
            .collect();
        for (label, target) in lowered {
            names.entry(label).or_insert_with(|| vec![target]);
        }
        let mut patterns: Vec<String> = names.keys().filter(|k| !k.trim().is_empty()).cloned().collect();
        patterns.sort();
        let targets: Vec<Vec<(usize, LabelKind)>> = patterns.iter().map(|p| names[p].clone()).collect();
        // Each entry's acronyms with their languages, so that an acronym's entry is asked
        // about its other acronyms without going over every acronym of the gazetteer.
        let mut of_entry: HashMap<usize, Vec<(&str, &[String])>> = HashMap::new();
        for ((acronym, e), langs) in &acronyms {
            of_entry.entry(*e).or_default().push((acronym.as_str(), langs.as_slice()));
        }
        let only_in = patterns
            .iter()
            .zip(&targets)
            .map(|(p, targets)| {
                let mut only = targets.iter().map(|&(e, _)| {
                    let acronyms = of_entry.get(&e).map_or(&[][..], Vec::as_slice);
                    let own = acronyms.iter().find(|(a, _)| a == p).map_or(&[][..], |(_, langs)| *langs);
                    let lang = (own.len() == 1 && !own[0].is_empty()).then(|| own[0].clone())?;
                    let other = acronyms.iter().any(|(a, l)| a != p && l.iter().any(|x| !x.is_empty() && *x != lang));
                    other.then_some(lang)
                });
                let first = only.next().flatten()?;
                only.all(|l| l.as_ref() == Some(&first)).then_some(first)
            })
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("gazetteer labels compile");
        Gazetteer { entries, by_iri, targets, only_in, patterns, matcher, quads }
    }

    /// The entry of an IRI.
    pub fn get(&self, iri: &str) -> Option<usize> {
        self.by_iri.get(iri).copied()
    }

    /// Every label or demonym found in a text, at word boundaries, leftmost-longest.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for m in self.matcher.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
            if joined(before) || joined(after) {
                continue;
            }
            hits.push(Hit { span: m.start()..m.end(), targets: self.targets[m.pattern().as_usize()].clone() });
        }
        hits
    }

    /// Every label or demonym found in a text of a language (its tag: "pt", "en"), leaving
    /// out an acronym that only another language writes for its entry ("OAS" in Portuguese,
    /// where the Organization of American States is "OEA").
    pub fn find_in(&self, text: &str, lang: &str) -> Vec<Hit> {
        let mut hits = self.find(text);
        hits.retain(|h| {
            let pattern = self.patterns.binary_search_by(|p| p.as_str().cmp(&text[h.span.clone()]));
            pattern.map_or(true, |i| self.only_in[i].as_ref().is_none_or(|l| l == lang))
        });
        hits
    }

    /// Every label string the matcher knows, with its targets (for data tests).
    pub fn labels(&self) -> impl Iterator<Item = (&str, &[(usize, LabelKind)])> {
        self.patterns.iter().map(String::as_str).zip(self.targets.iter().map(Vec::as_slice))
    }
}

/// Whether a label is an acronym: two to eight capitals or digits ("OAS", "G-20", "R&AW").
fn is_acronym(label: &str) -> bool {
    (2..=8).contains(&label.chars().count())
        && label.chars().any(char::is_uppercase)
        && label.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '&')
}

fn term_iri(term: &Term) -> Option<&str> {
    match term {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}
