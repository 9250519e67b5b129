//! Language data: relation cue patterns, roles, negation and hedge words, attribution
//! cues, name-building words and time words, per language. The TOML files under
//! `lexicon/` are the source; this module keeps their serde mirror apart from the
//! compiled form (token patterns, lookup sets) and does no extraction itself.

use crate::date::TimeUnit;
use crate::input::Lang;
use crate::relation::Relation;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// The lexicon files compiled into the binary, per language: (file name, text).
pub const EMBEDDED: &[(Lang, &str, &str)] = &[
    (Lang::Pt, "pt.toml", include_str!("../lexicon/pt.toml")),
    (Lang::Pt, "pt-words.toml", include_str!("../lexicon/pt-words.toml")),
    (Lang::En, "en.toml", include_str!("../lexicon/en.toml")),
    (Lang::En, "en-words.toml", include_str!("../lexicon/en-words.toml")),
];

/// One example of a rule: a sentence and the direct triples it must yield.
#[derive(Debug, Clone, Deserialize)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// `"SUBJECT relation OBJECT"` strings; empty for a trap that must yield none.
    pub expect: Vec<String>,
}

/// The serde mirror of one lexicon file; every table is optional so a language's
/// data may be split over several files.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    classes: HashMap<String, Vec<String>>,
    #[serde(default)]
    rule: Vec<RuleData>,
    #[serde(default)]
    role: Vec<RoleData>,
    #[serde(default)]
    factuality: Factuality,
    #[serde(default)]
    attribution: Attribution,
    #[serde(default)]
    words: HashMap<String, Vec<String>>,
    #[serde(default)]
    months: Vec<Vec<String>>,
    #[serde(default)]
    weekdays: Vec<Vec<String>>,
    #[serde(default)]
    counts: Vec<Vec<String>>,
    #[serde(default)]
    time_units: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleData {
    relation: String,
    pattern: String,
    #[serde(default)]
    mutual: bool,
    #[serde(default)]
    host: bool,
    #[serde(default)]
    people: bool,
    #[serde(default)]
    implied: bool,
    #[serde(default)]
    examples: Vec<Example>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleData {
    words: Vec<String>,
    kind: RoleKind,
    /// The kind of body (a gazetteer `ng:orgKind`) the post heads when the text names
    /// none: "army chief" heads its country's `ArmedForces`.
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// What a role says about the person who holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleKind {
    /// Heads the country or organisation named: `leaderOf`.
    Head,
    /// Member or official of the organisation named: `memberOf` (and `affiliatedWith` its country).
    Member,
    /// Commands the organisation named (`leaderOf`: "o comandante do exército", "RSF
    /// commander X"); without one, only belongs to its country ("the Russian commander").
    Chief,
    /// Only belongs to a country: `affiliatedWith`.
    Affiliate,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Factuality {
    #[serde(default)]
    negation: Vec<String>,
    #[serde(default)]
    hedge: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Attribution {
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
}

/// A compiled relation cue.
#[derive(Debug)]
pub struct Rule {
    /// The relation it yields.
    pub relation: Relation,
    /// The pattern as written, for `--explain`.
    pub pattern: String,
    /// The pattern compiled: what it matches in an encoded sentence.
    pub matcher: CuePattern,
    /// The relation holds both ways, as a symmetric one would: "fighting between X and
    /// Y" is X attacking Y and Y attacking X (`mutual = true` in the rule).
    pub mutual: bool,
    /// The object is the place where it happened, and the capital's country its other
    /// end: "held talks in Islamabad" is a meeting with Pakistan in Islamabad (`host = true`).
    pub host: bool,
    /// Both ends must be people: a person who "received" another hosted a meeting,
    /// while a country or body receives aid, refugees or a team (`people = true`).
    pub people: bool,
    /// Its object is the actor a word stands for that leaves it out, read in place of the
    /// word (`implied = true`; statements.rs): a retaliation word the one who attacked the
    /// subject ("India struck Pakistan. Pakistan vowed to retaliate" threatens India), an
    /// invasion its one victim, arms given the one recipient of aid, criticism joined what
    /// its author criticised.
    pub implied: bool,
    /// Its examples.
    pub examples: Vec<Example>,
    /// The file it came from, with its index there, for messages.
    pub origin: String,
}

/// The compiled language data of one language.
#[derive(Debug)]
pub struct Lexicon {
    /// The language.
    pub lang: Lang,
    /// Relation cues.
    pub rules: Vec<Rule>,
    /// Which rules can match a sentence, from the literal words they require.
    pub prefilter: Prefilter,
    /// Roles, as lower-case word sequences, longest first.
    pub roles: Vec<(Vec<String>, RoleKind)>,
    /// Per first word, the indices of the roles starting with it, in `roles` order: a
    /// role lookup reads a few candidates instead of every role.
    role_index: FxHashMap<String, Vec<usize>>,
    /// The kind of body a role heads when the text names none, by the role's words.
    role_bodies: FxHashMap<Vec<String>, String>,
    /// Negation words and phrases (word sequences).
    pub negation: Vec<Vec<String>>,
    /// Hedge words and phrases.
    pub hedge: Vec<Vec<String>>,
    /// Words introducing a source before it ("segundo", "according to").
    pub source_before: Vec<Vec<String>>,
    /// Reporting verbs a source stands next to ("informou", "reported").
    pub source_after: FxHashSet<String>,
    /// Named word lists from the `[words]` table (function words, heads, prepositions…).
    /// Fx-hashed, as are the other word tables: they are looked up for nearly every
    /// token, and SipHash was a tenth of extraction time.
    pub words: FxHashMap<String, FxHashSet<String>>,
    /// `words` inverted for [`Lexicon::is`]: every listed word, with one bit for each of
    /// the lists holding it (the list's bit in `list_bits`) and the top bit, so that a
    /// word in no list is one lookup (most words), not a list's lookup and then its set's.
    word_lists: ShortKeys<u128>,
    /// The bit of each list in `word_lists`' masks (the first 127 lists by name; the
    /// others are looked up in `words`).
    list_bits: ShortKeys<u32>,
    /// Month names: index 0 = January; each with its spellings.
    pub months: FxHashMap<String, u32>,
    /// Weekday names: index 0 = Monday.
    pub weekdays: FxHashMap<String, u32>,
    /// Numbers written as words: index 0 = one ("um", "uma", "a").
    pub counts: FxHashMap<String, u32>,
    /// Units of time a span counts back in ("há dois anos").
    pub time_units: FxHashMap<String, TimeUnit>,
}

/// Declares [`List`]: the word lists (`[words]` tables of the lexicon files) that the
/// extractor's code asks about by name, each with the bit it has in a word's mask.
macro_rules! word_lists {
    ($($list:ident = $name:literal,)*) => {
        /// A word list the code asks about, named at compile time: asking whether a word
        /// is in it ([`Lexicon::is`], [`crate::mentions::Sentence::is`]) tests the
        /// list's bit in the word's mask instead of looking the list's name up (that
        /// lookup, once per question, was an eighth of extraction). A list only the data
        /// names, or a name made at run time, is asked by its name (a `&str`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub enum List {
            $(
                #[doc = concat!("`", $name, "`")]
                $list,
            )*
        }

        impl List {
            /// Every list, in bit order.
            pub const ALL: &[List] = &[$(List::$list),*];

            /// Whether a word mask ([`Lexicon::lists_of`]) has this list's bit.
            #[inline]
            pub fn in_mask(self, mask: u128) -> bool {
                mask >> self as u32 & 1 == 1
            }

            /// The list's name in the lexicon files.
            pub const fn name(self) -> &'static str {
                match self {
                    $(List::$list => $name,)*
                }
            }
        }
    };
}

word_lists! {
    AgoAfter = "ago_after",
    AgoBefore = "ago_before",
    AgoDurations = "ago_durations",
    AgreementNouns = "agreement_nouns",
    AidArms = "aid_arms",
    AliasAdverbs = "alias_adverbs",
    AliasJoiners = "alias_joiners",
    AliasVerbs = "alias_verbs",
    AnaphorAdjectives = "anaphor_adjectives",
    AnaphorDets = "anaphor_dets",
    AppositiveOpeners = "appositive_openers",
    ArmedAnaphors = "armed_anaphors",
    Arms = "arms",
    ArmyAnaphors = "army_anaphors",
    Backshift = "backshift",
    Between = "between",
    BlocAnaphors = "bloc_anaphors",
    CapitalDet = "capital_det",
    CapitalWord = "capital_word",
    ClauseBreaks = "clause_breaks",
    ClauseOpeners = "clause_openers",
    ClausePreps = "clause_preps",
    ClauseSubjects = "clause_subjects",
    ClauseSummaries = "clause_summaries",
    CleftCopulas = "cleft_copulas",
    CleftJoiners = "cleft_joiners",
    CommunityHeads = "community_heads",
    Compass = "compass",
    ComplementPreps = "complement_preps",
    Connectors = "connectors",
    CoordinatedAdverbs = "coordinated_adverbs",
    CoordinatedVerbs = "coordinated_verbs",
    Coordinators = "coordinators",
    Counterparts = "counterparts",
    DateBounds = "date_bounds",
    DayWord = "day_word",
    DecisionSpeech = "decision_speech",
    DeedOwners = "deed_owners",
    Denials = "denials",
    DescriptionDeeds = "description_deeds",
    DescriptionHeads = "description_heads",
    Determiners = "determiners",
    Earlier = "earlier",
    Eve = "eve",
    EventHeads = "event_heads",
    FigurativeAttacks = "figurative_attacks",
    Fixtures = "fixtures",
    Former = "former",
    Function = "function",
    GapQuantifiers = "gap_quantifiers",
    GatheringNouns = "gathering_nouns",
    HostPartners = "host_partners",
    Invasions = "invasions",
    JoinedJudgements = "joined_judgements",
    KindsAfter = "kinds_after",
    Later = "later",
    LedAgents = "led_agents",
    LedBodies = "led_bodies",
    LedBy = "led_by",
    ListOtherNouns = "list_other_nouns",
    ListOthers = "list_others",
    ListRepeats = "list_repeats",
    Locative = "locative",
    LocalBodies = "local_bodies",
    LocativeArticles = "locative_articles",
    MonthWord = "month_word",
    Motion = "motion",
    NameParticles = "name_particles",
    Next = "next",
    Numbers = "numbers",
    OfficeNouns = "office_nouns",
    Opposed = "opposed",
    OrgConnectors = "org_connectors",
    OrgHeads = "org_heads",
    OrgLinks = "org_links",
    OrgNouns = "org_nouns",
    OwnerMark = "owner_mark",
    Partners = "partners",
    PartyRegions = "party_regions",
    Past = "past",
    Penalty = "penalty",
    PlaceHeads = "place_heads",
    PluralDets = "plural_dets",
    PrivatePeople = "private_people",
    Planned = "planned",
    PortfolioWords = "portfolio_words",
    PleaDeals = "plea_deals",
    ProdropJoiners = "prodrop_joiners",
    RangeJoins = "range_joins",
    RangeOpeners = "range_openers",
    Reasons = "reasons",
    SameDayUnits = "same_day_units",
    Settling = "settling",
    Relatives = "relatives",
    Retaliation = "retaliation",
    RetaliationAgainst = "retaliation_against",
    ReportedJoiners = "reported_joiners",
    ReportedModals = "reported_modals",
    ReportedPronouns = "reported_pronouns",
    Speech = "speech",
    SpeechActsPast = "speech_acts_past",
    SpeechActsPastPlural = "speech_acts_past_plural",
    SpeechActsPresent = "speech_acts_present",
    SpeechActsPresentPlural = "speech_acts_present_plural",
    StateChanges = "state_changes",
    SubjectRelatives = "subject_relatives",
    This = "this",
    Ties = "ties",
    TimeShifters = "time_shifters",
    TitleDets = "title_dets",
    Today = "today",
    Tomorrow = "tomorrow",
    Unsigned = "unsigned",
    Verbal = "verbal",
    WeekOf = "week_of",
    WeekWord = "week_word",
    WordAttacks = "word_attacks",
    YearWord = "year_word",
    Yesterday = "yesterday",
}

// The lists the code names take the low bits of a mask; the top bit says "in some list".
const _: () = assert!(List::ALL.len() < LISTED as usize);

/// A word list as [`Lexicon::is`] takes it: a [`List`] (its bit known when compiled) or
/// a name (looked up).
pub trait ListKey {
    /// Whether a word whose mask ([`Lexicon::lists_of`]) is `mask` is in this list.
    fn holds(&self, lex: &Lexicon, mask: u128, word: &str) -> bool;
}

impl ListKey for List {
    #[inline]
    fn holds(&self, _: &Lexicon, mask: u128, _: &str) -> bool {
        self.in_mask(mask)
    }
}

impl ListKey for str {
    #[inline]
    fn holds(&self, lex: &Lexicon, mask: u128, word: &str) -> bool {
        match lex.list_bits.get(self) {
            Some(bit) => mask >> bit & 1 == 1,
            None => lex.words.get(self).is_some_and(|set| set.contains(word)),
        }
    }
}

impl ListKey for String {
    #[inline]
    fn holds(&self, lex: &Lexicon, mask: u128, word: &str) -> bool {
        self.as_str().holds(lex, mask, word)
    }
}

impl<T: ListKey + ?Sized> ListKey for &T {
    #[inline]
    fn holds(&self, lex: &Lexicon, mask: u128, word: &str) -> bool {
        (**self).holds(lex, mask, word)
    }
}

/// A word list named at run time ("deeds_" and a relation's name), its bit looked up
/// once ([`Lexicon::named_list`]) rather than at each question.
#[derive(Debug, Clone)]
pub struct NamedList {
    name: String,
    bit: Option<u32>,
}

impl NamedList {
    /// The list's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl ListKey for NamedList {
    #[inline]
    fn holds(&self, lex: &Lexicon, mask: u128, word: &str) -> bool {
        match self.bit {
            Some(bit) => mask >> bit & 1 == 1,
            None => lex.words.get(&self.name).is_some_and(|set| set.contains(word)),
        }
    }
}

/// A lexicon that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct LexiconError {
    /// The file (and rule) at fault.
    pub origin: String,
    /// What is wrong.
    pub message: String,
}

impl Lexicon {
    /// The embedded lexicon of a language.
    pub fn embedded(lang: Lang) -> Result<Lexicon, LexiconError> {
        let files: Vec<(String, String)> = EMBEDDED
            .iter()
            .filter(|(l, _, _)| *l == lang)
            .map(|(_, name, text)| (name.to_string(), text.to_string()))
            .collect();
        Lexicon::compile(lang, &files)
    }

    /// The lexicon of a language from a directory holding `LANG.toml` and `LANG-words.toml`.
    pub fn from_dir(lang: Lang, dir: &Path) -> Result<Lexicon, LexiconError> {
        let mut files = Vec::new();
        for name in [format!("{lang}.toml"), format!("{lang}-words.toml")] {
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| LexiconError { origin: path.display().to_string(), message: e.to_string() })?;
            files.push((path.display().to_string(), text));
        }
        Lexicon::compile(lang, &files)
    }

    /// Parses, validates and compiles the files of one language.
    pub fn compile(lang: Lang, files: &[(String, String)]) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon {
            lang,
            rules: Vec::new(),
            prefilter: Prefilter::default(),
            roles: Vec::new(),
            role_index: FxHashMap::default(),
            role_bodies: FxHashMap::default(),
            negation: Vec::new(),
            hedge: Vec::new(),
            source_before: Vec::new(),
            source_after: FxHashSet::default(),
            words: FxHashMap::default(),
            word_lists: ShortKeys::default(),
            list_bits: ShortKeys::default(),
            months: FxHashMap::default(),
            weekdays: FxHashMap::default(),
            counts: FxHashMap::default(),
            time_units: FxHashMap::default(),
        };
        let mut parsed = Vec::new();
        for (name, text) in files {
            let file: LexiconFile =
                toml::from_str(text).map_err(|e| LexiconError { origin: name.clone(), message: e.to_string() })?;
            if let Some(tag) = &file.lang {
                if Lang::parse(tag) != Some(lang) {
                    let message = format!("declares lang {tag:?}, expected {lang}");
                    return Err(LexiconError { origin: name.clone(), message });
                }
            }
            parsed.push((name, file));
        }
        let mut required = Vec::new();
        // Each class compiled once and shared by the rules that use it (`[pre]` alone is
        // in hundreds of patterns).
        let mut compiled = HashMap::new();
        let mut classes: HashMap<String, Vec<String>> = HashMap::new();
        for (_, file) in &parsed {
            for (k, v) in &file.classes {
                classes.entry(k.clone()).or_default().extend(v.iter().map(|w| w.to_lowercase()));
            }
        }
        for (name, file) in parsed {
            for (i, rule) in file.rule.into_iter().enumerate() {
                let origin = format!("{name}: rule {} ({})", i + 1, rule.pattern);
                let relation = Relation::from_local_name(&rule.relation).ok_or_else(|| LexiconError {
                    origin: origin.clone(),
                    message: format!("unknown relation {:?}", rule.relation),
                })?;
                let (matcher, literals) = compile_pattern(&rule.pattern, &classes, &mut compiled)
                    .map_err(|message| LexiconError { origin: origin.clone(), message })?;
                required.push(literals);
                lexicon.rules.push(Rule {
                    relation,
                    pattern: rule.pattern,
                    matcher,
                    mutual: rule.mutual,
                    host: rule.host,
                    people: rule.people,
                    implied: rule.implied,
                    examples: rule.examples,
                    origin,
                });
            }
            for role in file.role {
                for words in role.words {
                    if let Some(body) = &role.body {
                        lexicon.role_bodies.insert(split_words(&words), body.clone());
                    }
                    lexicon.roles.push((split_words(&words), role.kind));
                }
            }
            lexicon.negation.extend(file.factuality.negation.iter().map(|w| split_words(w)));
            lexicon.hedge.extend(file.factuality.hedge.iter().map(|w| split_words(w)));
            lexicon.source_before.extend(file.attribution.before.iter().map(|w| split_words(w)));
            lexicon.source_after.extend(file.attribution.after.iter().map(|w| w.to_lowercase()));
            for (k, v) in file.words {
                lexicon.words.entry(k).or_default().extend(v.iter().map(|w| w.to_lowercase()));
            }
            for (i, names) in file.months.iter().enumerate() {
                lexicon.months.extend(names.iter().map(|n| (n.to_lowercase(), i as u32 + 1)));
            }
            for (i, names) in file.weekdays.iter().enumerate() {
                lexicon.weekdays.extend(names.iter().map(|n| (n.to_lowercase(), i as u32)));
            }
            for (i, names) in file.counts.iter().enumerate() {
                lexicon.counts.extend(names.iter().map(|n| (n.to_lowercase(), i as u32 + 1)));
            }
            for (names, &unit) in file.time_units.iter().zip(&TimeUnit::ALL) {
                lexicon.time_units.extend(names.iter().map(|n| (n.to_lowercase(), unit)));
            }
        }
        lexicon.prefilter =
            Prefilter::new(&required).map_err(|message| LexiconError { origin: format!("{lang} rules"), message })?;
        // The lists the code names have their `List` bits; the others the next ones, by name.
        let mut names: Vec<&String> =
            lexicon.words.keys().filter(|n| !List::ALL.iter().any(|l| l.name() == *n)).collect();
        names.sort();
        let mut word_lists: FxHashMap<&str, u128> = FxHashMap::default();
        let mut list_bits = Vec::new();
        let named = List::ALL.iter().map(|l| (l.name(), Some(*l as u32)));
        let others = names.into_iter().enumerate().map(|(i, name)| {
            let i = i + List::ALL.len();
            (name.as_str(), (i < LISTED as usize).then_some(i as u32))
        });
        for (name, bit) in named.chain(others) {
            let Some(words) = lexicon.words.get(name) else { continue };
            if let Some(bit) = bit {
                list_bits.push((name, bit));
            }
            for word in words {
                *word_lists.entry(word).or_default() |= 1u128 << LISTED | bit.map_or(0, |b| 1u128 << b);
            }
        }
        lexicon.list_bits = ShortKeys::new(list_bits);
        lexicon.word_lists = ShortKeys::new(word_lists.into_iter().collect());
        lexicon.roles.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        lexicon.roles.dedup_by(|a, b| a.0 == b.0);
        for (i, (words, _)) in lexicon.roles.iter().enumerate() {
            if let Some(first) = words.first() {
                lexicon.role_index.entry(first.clone()).or_default().push(i);
            }
        }
        Ok(lexicon)
    }

    /// The first role (in `roles` order: longest first) that `words` (lower-case
    /// tokens) start with: its length in tokens and its kind.
    pub fn role_at<W: AsRef<str>>(&self, words: &[W]) -> Option<(usize, RoleKind)> {
        let candidates = self.role_index.get(words.first()?.as_ref())?;
        candidates
            .iter()
            .map(|&i| &self.roles[i])
            .find(|(role, _)| words.get(..role.len()).is_some_and(|start| same_words(start, role)))
            .map(|(r, k)| (r.len(), *k))
    }

    /// The kind of the role that is exactly `words` (lower-case tokens).
    pub fn role_exact<W: AsRef<str>>(&self, words: &[W]) -> Option<RoleKind> {
        let candidates = self.role_index.get(words.first()?.as_ref())?;
        candidates.iter().map(|&i| &self.roles[i]).find(|(role, _)| same_words(words, role)).map(|(_, k)| *k)
    }

    /// The kind of body (a gazetteer `ng:orgKind`) the role written `words` heads when
    /// the text names none.
    pub fn role_body(&self, words: &str) -> Option<&str> {
        self.role_bodies.get(&split_words(words)).map(String::as_str)
    }

    /// Whether a lower-case word is in a word list: a [`List`], or one named at run time.
    #[inline]
    pub fn is(&self, list: impl ListKey, word: &str) -> bool {
        self.in_lists(self.lists_of(word), list, word)
    }

    /// A list named at run time, for questions asked many times.
    pub fn named_list(&self, name: String) -> NamedList {
        NamedList { bit: self.list_bits.get(&name), name }
    }

    /// The word lists a lower-case word is in, as a mask for [`Lexicon::in_lists`]: 0
    /// for a word in none. A stage that asks many lists about the same tokens looks
    /// each token up once.
    #[inline]
    pub fn lists_of(&self, word: &str) -> u128 {
        self.word_lists.get(word).unwrap_or(0)
    }

    /// Whether `word`, whose mask [`Lexicon::lists_of`] gave, is in the list.
    #[inline]
    pub fn in_lists(&self, mask: u128, list: impl ListKey, word: &str) -> bool {
        // Most words are in no list: their mask says so without asking the list.
        mask != 0 && list.holds(self, mask, word)
    }

    /// Whether a word ends with one of the endings listed under `list` (and is longer).
    pub fn ends_with(&self, list: &str, word: &str) -> bool {
        self.words
            .get(list)
            .is_some_and(|set| set.iter().any(|e| word.len() > e.len() + 2 && word.ends_with(e.as_str())))
    }
}

/// Lower-cases a phrase and splits it into the tokens the extractor sees.
pub fn split_words(phrase: &str) -> Vec<String> {
    let lower = phrase.to_lowercase();
    crate::text::tokens(&lower, 0..lower.len()).into_iter().map(|t| lower[t.span].to_string()).collect()
}

/// A map from strings to small values, looked up by content without hashing the whole
/// string or calling `memcmp`: a key is its length and its first and last eight bytes
/// (which, up to sixteen bytes, are all of it), in an open-addressed table at most half
/// full. The word lists' lookups ([`Lexicon::is`]) were a fifth of extraction with a
/// general hash map.
#[derive(Debug)]
struct ShortKeys<V> {
    /// Per slot: length (`u32::MAX` when empty), first and last eight bytes, the whole
    /// key (compared only when longer than sixteen bytes) and the value.
    slots: Vec<(u32, u64, u64, Box<str>, V)>,
}

impl<V: Copy + Default> Default for ShortKeys<V> {
    fn default() -> ShortKeys<V> {
        ShortKeys::new(Vec::new())
    }
}

impl<V: Copy + Default> ShortKeys<V> {
    fn new(entries: Vec<(&str, V)>) -> ShortKeys<V> {
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut table =
            ShortKeys { slots: (0..size).map(|_| (u32::MAX, 0, 0, Box::<str>::default(), V::default())).collect() };
        for (key, value) in entries {
            let (len, first, last) = Self::fingerprint(key);
            let mut i = table.slot(len, first, last);
            while table.slots[i].0 != u32::MAX {
                i = (i + 1) & (size - 1);
            }
            table.slots[i] = (len, first, last, key.into(), value);
        }
        table
    }

    #[inline]
    fn fingerprint(key: &str) -> (u32, u64, u64) {
        let bytes = key.as_bytes();
        let n = bytes.len();
        let len = u32::try_from(n).unwrap_or(u32::MAX - 1);
        // Eight bytes read at once, or the few of a short key one by one: a copy of a
        // slice of variable length is a call to `memcpy`.
        let eight = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        if n >= 8 {
            (len, eight(0), eight(n - 8))
        } else {
            (len, bytes.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b)), 0)
        }
    }

    #[inline]
    fn slot(&self, len: u32, first: u64, last: u64) -> usize {
        let mixed = (first ^ last.rotate_left(29) ^ u64::from(len)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> 32) as usize & (self.slots.len() - 1)
    }

    #[inline]
    fn get(&self, key: &str) -> Option<V> {
        let (len, first, last) = Self::fingerprint(key);
        let mut i = self.slot(len, first, last);
        loop {
            let (l, f, t, whole, value) = &self.slots[i];
            if *l == u32::MAX {
                return None;
            }
            if *l == len && *f == first && *t == last && (len <= 16 || &**whole == key) {
                return Some(*value);
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }
}

/// The bit of a word list mask that says the word is in some list; the bits below it
/// are the first 127 lists'.
const LISTED: u32 = 127;

/// The placeholder an encoded sentence holds for mention group `i`.
pub fn placeholder(i: usize) -> String {
    let mut out = String::new();
    push_placeholder(&mut out, i);
    out
}

/// Appends the placeholder of mention group `i` to an encoded sentence being built,
/// without a `String` of its own.
pub fn push_placeholder(out: &mut String, i: usize) {
    use std::fmt::Write;
    write!(out, "⟨{i}⟩").expect("writing to a String cannot fail");
}

/// Literal text a rule's pattern cannot match without: one entry per required item
/// (a word, a list of words, a class), each the strings any of which must occur.
type Required = Vec<Vec<String>>;

/// Compiles a cue pattern (syntax in lexicon/README.md) into a [`CuePattern`] over an
/// encoded sentence: tokens separated by single spaces, with a space before and after.
/// Also returns what the sentence must hold for the pattern to match: every required
/// word item stands between two spaces (" acusou "), a prefix after one (" sancion").
fn compile_pattern(
    pattern: &str,
    classes: &HashMap<String, Vec<String>>,
    compiled: &mut HashMap<String, std::sync::Arc<Choice>>,
) -> Result<(CuePattern, Required), String> {
    let mut steps = Vec::new();
    let mut required: Required = Vec::new();
    let (mut subjects, mut objects) = (0, 0);
    let items: Vec<&str> = pattern.split_whitespace().collect();
    let mut skip = 0;
    let mut cue_done = false;
    for (i, &item) in items.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        // "{S} e {O}": the two ends may also stand in one list ("entre X e Y" is a list
        // placeholder); `so` then relates its members pairwise.
        if item == "{S}"
            && items.get(i + 2) == Some(&"{O}")
            && matches!(items.get(i + 1), Some(&("e" | "and" | "," | "com" | "with")))
        {
            steps.push(Step::Pair(items[i + 1].into()));
            subjects += 1;
            objects += 1;
            skip = 2;
            continue;
        }
        if let Some(n) = item.strip_prefix('~') {
            let n: u8 = n.parse().map_err(|_| format!("bad gap {item:?}"))?;
            if n > 12 {
                return Err(format!("gap {item} is longer than 12"));
            }
            steps.push(Step::Gap(n));
            continue;
        }
        let (body, optional) = match item.strip_suffix('?') {
            Some(body) if !body.is_empty() => (body, true),
            _ => (item, false),
        };
        let literals: Option<Vec<String>> = match body {
            "{S}" | "{O}" | "{X}" => None,
            _ if body.starts_with('(') && body.ends_with(')') => {
                Some(body[1..body.len() - 1].split('|').map(word_literal).collect())
            }
            _ if body.starts_with('[') && body.ends_with(']') => {
                classes.get(&body[1..body.len() - 1]).map(|words| words.iter().map(|w| format!(" {w} ")).collect())
            }
            _ => Some(vec![word_literal(body)]),
        };
        if let (Some(literals), false) = (literals, optional) {
            required.push(literals);
        }
        let mut group = None;
        let choice = match body {
            "{S}" => {
                subjects += 1;
                group = Some(Group::S);
                Choice::new(vec![vec![Atom::Actor]])
            }
            "{O}" => {
                objects += 1;
                group = Some(Group::O);
                Choice::new(vec![vec![Atom::Actor]])
            }
            // Another actor, neither end of the relation: "reiterou o apoio de {X} a {O}".
            "{X}" => Choice::new(vec![vec![Atom::Actor]]),
            _ if body.starts_with('(') && body.ends_with(')') => {
                Choice::new(body[1..body.len() - 1].split('|').map(|w| vec![word_atom(w)]).collect())
            }
            _ if body.starts_with('[') && body.ends_with(']') => {
                let name = &body[1..body.len() - 1];
                if let Some(choice) = compiled.get(name) {
                    std::sync::Arc::clone(choice)
                } else {
                    let words = classes.get(name).ok_or_else(|| format!("unknown class [{name}]"))?;
                    // A class word is matched as written, a space between two of its tokens.
                    let choice = Choice::new(
                        words.iter().map(|w| w.split(' ').map(|t| Atom::Word(t.into())).collect()).collect(),
                    );
                    compiled.insert(name.to_string(), std::sync::Arc::clone(&choice));
                    choice
                }
            }
            _ => Choice::new(vec![vec![word_atom(body)]]),
        };
        // The first required word of the pattern is its cue: negation and hedging are
        // looked for before it, so "acusou" does not hedge its own accusation.
        let is_word = !body.starts_with('{') && !body.starts_with('[') && body.chars().any(char::is_alphabetic);
        if !optional && is_word && !cue_done {
            cue_done = true;
            group = Some(Group::Cue);
        }
        steps.push(Step::Item { choice, optional, group });
    }
    if subjects != 1 || objects != 1 {
        return Err(format!("needs exactly one {{S}} and one {{O}}, has {subjects} and {objects}"));
    }
    Ok((CuePattern { steps }, required))
}

/// The literal a word item requires in the encoded sentence (see [`word_atom`]).
fn word_literal(word: &str) -> String {
    let word = word.to_lowercase();
    match word.strip_suffix('*') {
        Some(prefix) if !prefix.is_empty() => format!(" {prefix}"),
        _ => format!(" {word} "),
    }
}

/// A word item: that word in lower case, or any word starting with `prefix` for `prefix*`.
fn word_atom(word: &str) -> Atom {
    let word = word.to_lowercase();
    match word.strip_suffix('*') {
        Some(prefix) if !prefix.is_empty() => Atom::Prefix(prefix.into()),
        _ => Atom::Word(word.into()),
    }
}

/// What one token of a pattern item matches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Atom {
    /// That token exactly.
    Word(Box<str>),
    /// Any token starting with this.
    Prefix(Box<str>),
    /// An actor placeholder (see [`placeholder`]).
    Actor,
}

impl Atom {
    fn matches(&self, token: &str) -> bool {
        match self {
            Atom::Word(w) => token == &**w,
            Atom::Prefix(p) => token.starts_with(&**p),
            Atom::Actor => is_placeholder(token),
        }
    }
}

/// The alternatives of one pattern item. When each is one token, at most one
/// continuation exists whatever alternative matches (each takes the same token), so
/// the order written does not matter and the words are looked up in a set.
#[derive(Debug)]
pub struct Choice {
    /// The alternatives in the order written, each a run of tokens.
    alternatives: Vec<Vec<Atom>>,
    /// When every alternative is one token: the exact words.
    words: Option<FxHashSet<Box<str>>>,
    /// When every alternative is one token: those that are no exact word (a prefix, an
    /// actor), asked when the set does not hold the token.
    others: Vec<Atom>,
}

impl Choice {
    fn new(alternatives: Vec<Vec<Atom>>) -> std::sync::Arc<Choice> {
        let single = alternatives.iter().all(|a| a.len() == 1);
        let words = single.then(|| {
            alternatives
                .iter()
                .filter_map(|a| match &a[0] {
                    Atom::Word(w) => Some(w.clone()),
                    _ => None,
                })
                .collect()
        });
        let others = if single {
            alternatives.iter().filter(|a| !matches!(a[0], Atom::Word(_))).map(|a| a[0].clone()).collect()
        } else {
            Vec::new()
        };
        std::sync::Arc::new(Choice { alternatives, words, others })
    }

    /// When every alternative is one token (`words`): whether `tokens[pos]` is one.
    fn single_at(&self, words: &FxHashSet<Box<str>>, tokens: &[&str], pos: usize) -> bool {
        tokens.get(pos).is_some_and(|t| {
            (!words.is_empty() && words.contains(*t)) || self.others.iter().any(|atom| atom.matches(t))
        })
    }

    /// How many tokens from `tokens[pos]` an alternative takes, when it matches there.
    fn run_at(alternative: &[Atom], tokens: &[&str], pos: usize) -> Option<usize> {
        let to = pos + alternative.len();
        (to <= tokens.len() && alternative.iter().zip(&tokens[pos..to]).all(|(atom, token)| atom.matches(token)))
            .then_some(alternative.len())
    }
}

/// Whether a token is an actor placeholder: `⟨`, ASCII digits, `⟩`.
fn is_placeholder(token: &str) -> bool {
    token
        .strip_prefix('⟨')
        .and_then(|t| t.strip_suffix('⟩'))
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// The parts of a match that the extractor reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// The subject.
    S,
    /// The object.
    O,
    /// One placeholder holding both ends (a list: "entre ⟨X e Y⟩").
    So,
    /// The cue word.
    Cue,
}

/// One item of a compiled pattern.
#[derive(Debug)]
enum Step {
    /// One of the alternatives (each a run of tokens), tried in order; when `optional`,
    /// then none.
    Item { choice: std::sync::Arc<Choice>, optional: bool, group: Option<Group> },
    /// 0 to N tokens, as few as possible.
    Gap(u8),
    /// `{S} joiner {O}`, or else one placeholder that holds both ends.
    Pair(Box<str>),
}

/// A compiled cue pattern. It matches an encoded sentence token by token, with the
/// semantics of the leftmost-first regex that the pattern used to be compiled into:
/// the earliest start wins, then alternatives in the order written, an optional item
/// taken before it is skipped, a gap as short as possible. A regex per rule cost more
/// to compile than to run and held most of an ingest's memory (its automata and
/// their caches, per thread).
#[derive(Debug)]
pub struct CuePattern {
    steps: Vec<Step>,
}

/// A span of an encoded sentence, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// Where it starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where it ends (exclusive).
    pub fn end(&self) -> usize {
        self.end
    }
}

/// One match of a [`CuePattern`]: the whole of it (from the space before its first
/// token to past the space after its last) and its groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captures {
    whole: Span,
    groups: [Option<Span>; 4],
}

impl Captures {
    /// The whole match (0); any other index is none.
    pub fn get(&self, i: usize) -> Option<Span> {
        (i == 0).then_some(self.whole)
    }

    /// A group by name: `s`, `o`, `so` or `cue`.
    pub fn name(&self, name: &str) -> Option<Span> {
        let group = match name {
            "s" => Group::S,
            "o" => Group::O,
            "so" => Group::So,
            "cue" => Group::Cue,
            _ => return None,
        };
        self.groups[group as usize]
    }
}

/// An encoded sentence split into its tokens once, for all the patterns run on it.
#[derive(Debug)]
pub struct Encoded<'a> {
    /// The segments between spaces; a pattern item matches whole tokens with a space
    /// on each side: segments 1 to `len - 2`.
    tokens: Vec<&'a str>,
    /// The byte start of each segment.
    starts: Vec<usize>,
    /// Room for the searches' memo of failed (step, token) pairs, each marked with the
    /// search that found it: never cleared, only grown, since a later search's mark is new.
    failed: std::cell::RefCell<Vec<u32>>,
    /// The mark of the last search run on this sentence.
    searches: std::cell::Cell<u32>,
}

impl<'a> Encoded<'a> {
    /// Splits an encoded sentence.
    pub fn new(encoded: &'a str) -> Encoded<'a> {
        // Spaces are ASCII: a byte scan finds the same segments as `split(' ')`.
        let spaces = encoded.bytes().filter(|&b| b == b' ').count();
        let mut tokens = Vec::with_capacity(spaces + 1);
        let mut starts = Vec::with_capacity(spaces + 1);
        let mut at = 0;
        for (i, b) in encoded.bytes().enumerate() {
            if b == b' ' {
                tokens.push(&encoded[at..i]);
                starts.push(at);
                at = i + 1;
            }
        }
        tokens.push(&encoded[at..]);
        starts.push(at);
        Encoded { tokens, starts, failed: std::cell::RefCell::new(Vec::new()), searches: std::cell::Cell::new(0) }
    }
}

/// The state of one search: the tokens, and which (step, token) pairs are known to fail
/// (what follows a step does not depend on how it was reached, nor on where the match
/// started: a pair that failed for one start fails for every later one).
struct Search<'a> {
    tokens: &'a [&'a str],
    failed: &'a mut Vec<u32>,
    generation: u32,
    groups: [Option<(usize, usize)>; 4],
}

impl CuePattern {
    /// The matches in an encoded sentence, left to right, none overlapping.
    pub fn captures_iter(&self, encoded: &Encoded<'_>) -> Vec<Captures> {
        let (tokens, starts) = (&encoded.tokens, &encoded.starts);
        let last = tokens.len() - 1;
        let mut failed = encoded.failed.borrow_mut();
        let needed = (self.steps.len() + 1) * (last + 1);
        if failed.len() < needed {
            failed.resize(needed, 0);
        }
        let generation = encoded.searches.get() + 1;
        encoded.searches.set(generation);
        let mut search = Search { tokens: &tokens[..last], failed: &mut failed, generation, groups: [None; 4] };
        let mut found = Vec::new();
        let mut k = 1;
        while k <= last {
            search.groups = [None; 4];
            match self.from(0, k, &mut search) {
                Some(end) => {
                    let span = |(from, to): (usize, usize)| Span { start: starts[from], end: starts[to] - 1 };
                    found.push(Captures {
                        whole: Span { start: starts[k] - 1, end: starts[end] },
                        groups: search.groups.map(|g| g.map(span)),
                    });
                    // The search goes on past the space after the match.
                    k = end + 1;
                }
                None => k += 1,
            }
        }
        found
    }

    /// Takes `tokens` for the item at `step` (as its group, if it has one) and matches the
    /// steps after it: where the match ends. A group that leads nowhere is left unset.
    fn take(&self, step: usize, tokens: Range<usize>, group: Option<Group>, search: &mut Search<'_>) -> Option<usize> {
        if let Some(g) = group {
            search.groups[g as usize] = Some((tokens.start, tokens.end));
        }
        let end = self.from(step + 1, tokens.end, search);
        if end.is_none() {
            if let Some(g) = group {
                search.groups[g as usize] = None;
            }
        }
        end
    }

    /// Matches the steps from `step` on at token `pos`: where the match ends.
    fn from(&self, step: usize, pos: usize, search: &mut Search<'_>) -> Option<usize> {
        let Some(current) = self.steps.get(step) else { return Some(pos) };
        let memo = step * (search.tokens.len() + 1) + pos;
        if search.failed[memo] == search.generation {
            return None;
        }
        let end = match current {
            Step::Item { choice, optional, group } => {
                let mut end = None;
                let tokens = search.tokens;
                // The alternatives that match here, in order (a single token at most once).
                match &choice.words {
                    Some(words) => {
                        if choice.single_at(words, tokens, pos) {
                            end = self.take(step, pos..pos + 1, *group, search);
                        }
                    }
                    None => {
                        for alternative in &choice.alternatives {
                            if let Some(n) = Choice::run_at(alternative, tokens, pos) {
                                end = self.take(step, pos..pos + n, *group, search);
                                if end.is_some() {
                                    break;
                                }
                            }
                        }
                    }
                }
                if end.is_none() && *optional {
                    end = self.from(step + 1, pos, search);
                }
                end
            }
            Step::Gap(n) => {
                let mut end = None;
                for skipped in 0..=usize::from(*n) {
                    if skipped > 0 && search.tokens.get(pos + skipped - 1).is_none_or(|t| t.is_empty()) {
                        break;
                    }
                    end = self.from(step + 1, pos + skipped, search);
                    if end.is_some() {
                        break;
                    }
                }
                end
            }
            Step::Pair(joiner) => {
                let actor = |k: usize| search.tokens.get(k).is_some_and(|t| is_placeholder(t));
                let mut end = None;
                if actor(pos) && search.tokens.get(pos + 1) == Some(&&**joiner) && actor(pos + 2) {
                    search.groups[Group::S as usize] = Some((pos, pos + 1));
                    search.groups[Group::O as usize] = Some((pos + 2, pos + 3));
                    end = self.from(step + 1, pos + 3, search);
                    if end.is_none() {
                        search.groups[Group::S as usize] = None;
                        search.groups[Group::O as usize] = None;
                    }
                }
                if end.is_none() && actor(pos) {
                    search.groups[Group::So as usize] = Some((pos, pos + 1));
                    end = self.from(step + 1, pos + 1, search);
                    if end.is_none() {
                        search.groups[Group::So as usize] = None;
                    }
                }
                end
            }
        };
        if end.is_none() {
            search.failed[memo] = search.generation;
        }
        end
    }
}

/// Which rules can match an encoded sentence: one Aho-Corasick automaton over the
/// literals every rule requires, so that a sentence runs only the few rules whose
/// words it holds instead of all of them. A rule is a candidate when each of its
/// required items has one of its literals in the sentence; the others cannot match.
///
/// Words like " de " or " of " are required by hundreds of rules: a sentence reaches a
/// rule only through its anchor (the required item whose literals the fewest rules
/// share, usually its cue), and the rule's other items are then checked in a set of the
/// items the sentence holds (an item shared by many rules is one entry of that set).
#[derive(Debug, Default)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// Per literal of the automaton, the distinct required items it is one of.
    literal_items: Vec<Vec<u32>>,
    /// Per literal of the automaton, the rules whose anchor it is one of.
    anchored: Vec<Vec<u32>>,
    /// Per rule, its required items (ids of distinct items).
    rule_items: Vec<Vec<u32>>,
    /// How many distinct items.
    items: usize,
    /// The rules that require nothing: candidates for every sentence.
    always: Vec<usize>,
}

/// Room that [`Prefilter::candidates`] reuses from one sentence to the next.
#[derive(Debug, Default)]
pub struct Seen {
    /// The literals found, one bit each.
    literals: Vec<u64>,
    /// The distinct items held, one bit each.
    items: Vec<u64>,
}

fn bit(set: &[u64], id: u32) -> bool {
    set[id as usize / 64] & (1 << (id % 64)) != 0
}

impl Prefilter {
    fn new(required: &[Required]) -> Result<Prefilter, String> {
        let mut literal_ids: HashMap<&str, u32> = HashMap::new();
        let mut literals: Vec<&str> = Vec::new();
        let mut item_ids: HashMap<Vec<u32>, u32> = HashMap::new();
        let mut item_literals: Vec<Vec<u32>> = Vec::new();
        let mut rule_items: Vec<Vec<u32>> = Vec::with_capacity(required.len());
        for items in required {
            let mut ids = Vec::with_capacity(items.len());
            for alternatives in items {
                let mut item: Vec<u32> = alternatives
                    .iter()
                    .map(|literal| {
                        *literal_ids.entry(literal.as_str()).or_insert_with(|| {
                            literals.push(literal.as_str());
                            literals.len() as u32 - 1
                        })
                    })
                    .collect();
                // An item is a set of literals: any one of them satisfies it.
                item.sort_unstable();
                item.dedup();
                let id = *item_ids.entry(item.clone()).or_insert_with(|| {
                    item_literals.push(item);
                    item_literals.len() as u32 - 1
                });
                ids.push(id);
            }
            rule_items.push(ids);
        }
        let mut literal_items: Vec<Vec<u32>> = vec![Vec::new(); literals.len()];
        for (item, ids) in item_literals.iter().enumerate() {
            for &literal in ids {
                literal_items[literal as usize].push(item as u32);
            }
        }
        // How many rules require each literal: how common a word it is, as far as the
        // rules tell.
        let mut shared = vec![0usize; literals.len()];
        for items in &rule_items {
            let mut ids: Vec<u32> =
                items.iter().flat_map(|&item| item_literals[item as usize].iter().copied()).collect();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                shared[id as usize] += 1;
            }
        }
        let mut anchored: Vec<Vec<u32>> = vec![Vec::new(); literals.len()];
        let mut always = Vec::new();
        for (rule, items) in rule_items.iter().enumerate() {
            let cost = |&&item: &&u32| item_literals[item as usize].iter().map(|&l| shared[l as usize]).sum::<usize>();
            match items.iter().min_by_key(cost) {
                Some(&anchor) => {
                    for &literal in &item_literals[anchor as usize] {
                        anchored[literal as usize].push(rule as u32);
                    }
                }
                None => always.push(rule),
            }
        }
        // Standard (not leftmost) semantics with overlapping search: every literal
        // that occurs is reported, also those sharing a space with the next. A DFA: a
        // sentence's every reading is searched, and a DFA takes a few instructions a
        // byte where the default (a contiguous NFA here) follows failure links.
        let automaton =
            AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).build(&literals).map_err(|e| e.to_string())?;
        Ok(Prefilter {
            automaton: Some(automaton),
            literal_items,
            anchored,
            rule_items,
            items: item_literals.len(),
            always,
        })
    }

    /// The rules (their indices, in lexicon order) that can match the encoded sentence.
    pub fn candidates(&self, encoded: &str, seen: &mut Seen) -> Vec<usize> {
        let Some(automaton) = &self.automaton else {
            return (0..self.rule_items.len()).collect();
        };
        seen.literals.clear();
        seen.literals.resize(self.anchored.len().div_ceil(64), 0);
        seen.items.clear();
        seen.items.resize(self.items.div_ceil(64), 0);
        // Room for the rules the sentence's literals anchor, so that the vector grows once.
        let mut rules = Vec::with_capacity(self.always.len() + 64);
        rules.extend_from_slice(&self.always);
        for literal in automaton.find_overlapping_iter(encoded) {
            let id = literal.pattern().as_u32();
            // A literal found twice (" de ", " the ") is counted once.
            if bit(&seen.literals, id) {
                continue;
            }
            seen.literals[id as usize / 64] |= 1 << (id % 64);
            for &item in &self.literal_items[id as usize] {
                seen.items[item as usize / 64] |= 1 << (item % 64);
            }
            rules.extend(self.anchored[id as usize].iter().map(|&rule| rule as usize));
        }
        rules.sort_unstable();
        rules.dedup();
        rules.retain(|&rule| self.rule_items[rule].iter().all(|&item| bit(&seen.items, item)));
        rules
    }
}

/// Whether lower-case tokens (`Sentence::lower`'s, or `String`s) are a role's words.
fn same_words<W: AsRef<str>>(words: &[W], role: &[String]) -> bool {
    words.len() == role.len() && words.iter().zip(role).all(|(w, r)| w.as_ref() == r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_words_alternatives_prefixes_gaps_and_optionals() {
        let classes = HashMap::from([("det".to_string(), vec!["o".to_string(), "a".to_string()])]);
        let (re, required) =
            compile_pattern("{S} ~2 (acusou|acusa) [det]? {O} sancion*?", &classes, &mut HashMap::new()).unwrap();
        assert_eq!(required, vec![vec![" acusou ".to_string(), " acusa ".to_string()]]);
        let is_match = |s: &str| !re.captures_iter(&Encoded::new(s)).is_empty();
        assert!(is_match(" ⟨0⟩ ontem acusou ⟨1⟩ . "));
        assert!(is_match(" ⟨0⟩ acusa o ⟨1⟩ sancionando "));
        assert!(!is_match(" ⟨0⟩ um dois três acusou ⟨1⟩ "), "the gap is at most two tokens");
        assert!(!is_match(" ⟨0⟩ acusou ⟨x⟩ "), "a placeholder holds digits");
    }

    #[test]
    fn a_match_gives_its_span_its_ends_and_its_cue_and_the_next_starts_after_it() {
        let classes = HashMap::new();
        let (re, _) = compile_pattern("{S} ~1 (met|meets) {O}", &classes, &mut HashMap::new()).unwrap();
        let text = " ⟨0⟩ met ⟨1⟩ met ⟨2⟩ then ⟨3⟩ meets ⟨4⟩ ";
        let found = re.captures_iter(&Encoded::new(text));
        let at = |i: usize, name: &str| found[i].name(name).map(|g| &text[g.start()..g.end()]);
        // "⟨1⟩ met ⟨2⟩" overlaps the first match (its "⟨1⟩"), so it is not one.
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].get(0).unwrap().start()..found[0].get(0).unwrap().end()], " ⟨0⟩ met ⟨1⟩ ");
        assert_eq!((at(0, "s"), at(0, "cue"), at(0, "o")), (Some("⟨0⟩"), Some("met"), Some("⟨1⟩")));
        assert_eq!((at(1, "s"), at(1, "cue"), at(1, "o")), (Some("⟨3⟩"), Some("meets"), Some("⟨4⟩")));
        let (pair, _) = compile_pattern("entre {S} e {O}", &classes, &mut HashMap::new()).unwrap();
        let both = pair.captures_iter(&Encoded::new(" entre ⟨0⟩ e ⟨1⟩ "));
        assert_eq!((both[0].name("s").is_some(), both[0].name("so").is_some()), (true, false));
        let list = pair.captures_iter(&Encoded::new(" entre ⟨0⟩ , ⟨1⟩ "));
        assert_eq!((list[0].name("s").is_some(), list[0].name("so").is_some()), (false, true));
    }

    /// The regex each pattern used to be compiled into, to check the token matcher
    /// against: the same steps written as a leftmost-first regex.
    fn regex_source(pattern: &CuePattern) -> String {
        let atom = |a: &Atom| match a {
            Atom::Word(w) => regex::escape(w),
            Atom::Prefix(p) => format!("{}[^ ]*", regex::escape(p)),
            Atom::Actor => "⟨[0-9]+⟩".to_string(),
        };
        let mut out = String::from(" ");
        for step in &pattern.steps {
            match step {
                Step::Pair(joiner) => out.push_str(&format!(
                    "(?:(?P<s>⟨[0-9]+⟩) {} (?P<o>⟨[0-9]+⟩)|(?P<so>⟨[0-9]+⟩)) ",
                    regex::escape(joiner)
                )),
                Step::Gap(n) => out.push_str(&format!("(?:[^ ]+ ){{0,{n}}}?")),
                Step::Item { choice, optional, group } => {
                    let alternatives: Vec<String> =
                        choice.alternatives.iter().map(|a| a.iter().map(atom).collect::<Vec<_>>().join(" ")).collect();
                    let mut token = format!("(?:{})", alternatives.join("|"));
                    if let Some(g) = group {
                        let name = match g {
                            Group::S => "s",
                            Group::O => "o",
                            Group::So => "so",
                            Group::Cue => "cue",
                        };
                        token = format!("(?P<{name}>{token})");
                    }
                    out.push_str(&if *optional { format!("(?:{token} )?") } else { format!("{token} ") });
                }
            }
        }
        out
    }

    #[test]
    fn every_embedded_rule_matches_what_its_regex_matches() {
        // Sentences made of the rule's own words, other words, punctuation, actors and an
        // empty token, in a fixed pseudo-random order: spans and groups must be the
        // regex's, match for match.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut compared = 0;
        for lang in [Lang::Pt, Lang::En] {
            let lexicon = Lexicon::embedded(lang).unwrap();
            for rule in &lexicon.rules {
                let regex = regex::Regex::new(&regex_source(&rule.matcher)).unwrap();
                let mut words: Vec<String> = vec!["x".into(), ",".into(), "e".into(), "and".into(), "".into()];
                for step in &rule.matcher.steps {
                    if let Step::Item { choice, .. } = step {
                        for alternative in choice.alternatives.iter().take(4) {
                            for atom in alternative {
                                match atom {
                                    Atom::Word(w) => words.push(w.to_string()),
                                    Atom::Prefix(p) => words.push(format!("{p}ado")),
                                    Atom::Actor => {}
                                }
                            }
                        }
                    }
                }
                for _ in 0..60 {
                    // Mostly the pattern's own items in order, sometimes another token,
                    // gaps one longer than allowed at most, noise before and after.
                    let mut tokens: Vec<String> = Vec::new();
                    let noise = |tokens: &mut Vec<String>, n: usize, next: &mut dyn FnMut(usize) -> usize| {
                        for _ in 0..n {
                            tokens.push(if next(3) == 0 {
                                placeholder(next(10))
                            } else {
                                words[next(words.len())].clone()
                            });
                        }
                    };
                    noise(&mut tokens, next(3), &mut next);
                    for step in &rule.matcher.steps {
                        if next(8) == 0 {
                            noise(&mut tokens, 1, &mut next);
                            continue;
                        }
                        match step {
                            Step::Gap(n) => noise(&mut tokens, next(usize::from(*n) + 2), &mut next),
                            Step::Pair(joiner) => {
                                tokens.push(placeholder(next(10)));
                                if next(2) == 0 {
                                    tokens.push(joiner.to_string());
                                    tokens.push(placeholder(next(10)));
                                }
                            }
                            Step::Item { choice, optional, .. } => {
                                if *optional && next(3) == 0 {
                                    continue;
                                }
                                for atom in &choice.alternatives[next(choice.alternatives.len())] {
                                    tokens.push(match atom {
                                        Atom::Word(w) => w.to_string(),
                                        Atom::Prefix(p) => format!("{p}ado"),
                                        Atom::Actor => placeholder(next(10)),
                                    });
                                }
                            }
                        }
                    }
                    noise(&mut tokens, next(3), &mut next);
                    let text = format!(" {} ", tokens.join(" "));
                    let ours = rule.matcher.captures_iter(&Encoded::new(&text));
                    let theirs: Vec<regex::Captures> = regex.captures_iter(&text).collect();
                    assert_eq!(ours.len(), theirs.len(), "{} on {text:?}", rule.origin);
                    for (a, b) in ours.iter().zip(&theirs) {
                        let whole = b.get(0).unwrap();
                        assert_eq!(a.get(0), Some(Span { start: whole.start(), end: whole.end() }), "{text:?}");
                        for name in ["s", "o", "so", "cue"] {
                            let theirs = b.name(name).map(|g| Span { start: g.start(), end: g.end() });
                            assert_eq!(a.name(name), theirs, "{} {name} on {text:?}", rule.origin);
                        }
                    }
                    compared += theirs.len();
                }
            }
        }
        assert!(compared > 10_000, "only {compared} matches compared");
    }

    #[test]
    fn prefilter_keeps_only_rules_whose_required_words_occur() {
        let classes = HashMap::from([("det".to_string(), vec!["o".to_string(), "a".to_string()])]);
        let patterns = ["{S} (acusou|acusa) [det] {O}", "{S} sancion* {O}", "{S} , ~2 {O}", "{S} [det]? {O}"];
        let required: Vec<Required> =
            patterns.iter().map(|p| compile_pattern(p, &classes, &mut HashMap::new()).unwrap().1).collect();
        let prefilter = Prefilter::new(&required).unwrap();
        // The same room serves every sentence: what one sets does not reach the next.
        let mut seen = Seen::default();
        // " acusa " and " a " share a space: both are found.
        assert_eq!(prefilter.candidates(" ⟨0⟩ acusa a ⟨2⟩ ", &mut seen), vec![0, 3]);
        assert_eq!(prefilter.candidates(" ⟨0⟩ , ⟨2⟩ sancionou ", &mut seen), vec![1, 2, 3]);
        assert_eq!(prefilter.candidates(" ⟨0⟩ acusa ⟨2⟩ ", &mut seen), vec![3]);
        // A literal found more than once counts once, and still for every rule requiring it.
        assert_eq!(prefilter.candidates(" ⟨0⟩ acusa a ⟨2⟩ e acusa a ⟨3⟩ ", &mut seen), vec![0, 3]);
        // A rule that requires nothing is a candidate everywhere.
        let with_free = [required.clone(), vec![Vec::new()]].concat();
        let prefilter = Prefilter::new(&with_free).unwrap();
        assert_eq!(prefilter.candidates(" ⟨0⟩ acusa ⟨2⟩ ", &mut seen), vec![3, 4]);
    }

    #[test]
    fn finds_the_longest_role_at_a_token_and_exact_roles() {
        let file = "[[role]]\nwords = [\"ministro\", \"ministro da defesa\"]\nkind = \"member\"\n\
                    [[role]]\nwords = [\"presidente\"]\nkind = \"head\"\n";
        let lex = Lexicon::compile(Lang::Pt, &[("t.toml".to_string(), file.to_string())]).unwrap();
        let words = |s: &str| split_words(s);
        assert_eq!(lex.role_at(&words("ministro da defesa disse")), Some((3, RoleKind::Member)));
        assert_eq!(lex.role_at(&words("ministro da economia")), Some((1, RoleKind::Member)));
        assert_eq!(lex.role_at(&words("o presidente")), None);
        assert_eq!(lex.role_at::<String>(&[]), None);
        assert_eq!(lex.role_exact(&words("presidente")), Some(RoleKind::Head));
        assert_eq!(lex.role_exact(&words("ministro da")), None);
    }

    #[test]
    fn refuses_patterns_without_both_ends() {
        assert!(compile_pattern("{S} acusou", &HashMap::new(), &mut HashMap::new()).is_err());
        assert!(compile_pattern("{S} [nope] {O}", &HashMap::new(), &mut HashMap::new()).is_err());
    }

    #[test]
    fn word_list_lookups_answer_what_the_lists_hold() {
        for lang in [Lang::Pt, Lang::En] {
            let lex = Lexicon::embedded(lang).unwrap();
            let mut words: Vec<String> = lex.words.values().flatten().cloned().collect();
            // Words in no list, near listed ones: longer, shorter, one byte changed.
            let near: Vec<String> = words
                .iter()
                .flat_map(|w| {
                    let mut changed = w.clone().into_bytes();
                    changed[0] ^= 1;
                    [format!("{w}x"), format!("x{w}"), w[..w.floor_char_boundary(w.len() / 2)].to_string()]
                        .into_iter()
                        .chain(String::from_utf8(changed).ok())
                })
                .collect();
            words.extend(near);
            words.extend(["", "a", "uma palavra bem mais longa que dezasseis"].map(String::from));
            let mut lists: Vec<&String> = lex.words.keys().collect();
            let unknown = "no_such_list".to_string();
            lists.push(&unknown);
            for list in lists {
                let named = lex.named_list(list.clone());
                for word in &words {
                    let expected = lex.words.get(list.as_str()).is_some_and(|set| set.contains(word));
                    assert_eq!(lex.is(list, word), expected, "{lang}: {word:?} in {list}");
                    assert_eq!(lex.is(&named, word), expected, "{lang}: {word:?} in {list} named at run time");
                    assert_eq!(lex.in_lists(lex.lists_of(word), list, word), expected, "{lang}: {word:?} in {list}");
                }
            }
            // The lists the code names by their bit answer as their names do.
            for &list in List::ALL {
                for word in &words {
                    let expected = lex.words.get(list.name()).is_some_and(|set| set.contains(word));
                    assert_eq!(lex.is(list, word), expected, "{lang}: {word:?} in {list:?}");
                    assert_eq!(list.in_mask(lex.lists_of(word)), expected, "{lang}: {word:?} in {list:?}");
                }
            }
        }
    }

    #[test]
    fn a_sentence_knows_the_word_lists_of_its_tokens() {
        let lex = Lexicon::embedded(Lang::Pt).unwrap();
        let text = "O Brasil e a China assinaram um acordo.";
        let sentence = crate::mentions::Sentence::new(text, 0..text.len(), &lex);
        let and = sentence.lower.iter().position(|w| w == "e").unwrap();
        assert!(sentence.is(List::Coordinators, and));
        assert!(!sentence.is(List::Coordinators, and + 1));
        for k in 0..sentence.lower.len() {
            assert_eq!(sentence.is(List::Function, k), lex.is(List::Function, &sentence.lower[k]), "{k}");
        }
        assert!(!sentence.is(List::Coordinators, sentence.lower.len()));
    }

    #[test]
    fn a_sentence_lower_cases_its_tokens_as_to_lowercase_does() {
        let lex = Lexicon::embedded(Lang::Pt).unwrap();
        // A token longer than the 24 bytes kept inline, accents, a final sigma, curly quotes.
        let text = "A ORGANIZAÇÃO-INTERGOVERNAMENTAL-REGIONAL disse «ΟΔΟΣ» e “Nova” Zelândia’s ÉPOCA.";
        let sentence = crate::mentions::Sentence::new(text, 0..text.len(), &lex);
        let expected: Vec<String> = sentence
            .original
            .iter()
            .map(|w| match *w {
                "“" | "”" | "«" | "»" | "„" => "\"".to_string(),
                "’s" => "'s".to_string(),
                w => w.to_lowercase(),
            })
            .collect();
        assert_eq!(sentence.lower, expected);
        assert!(sentence.lower.iter().any(|w| w == "organização-intergovernamental-regional"));
        assert!(sentence.lower.iter().any(|w| w == "οδος"), "a final sigma: {:?}", sentence.lower);
        assert!(sentence.lower.iter().any(|w| w == "'s"));
    }

    #[test]
    fn short_keys_tell_keys_apart_by_their_whole_content() {
        let keys = ["a", "ab", "abcdefgh", "abcdefghi", "abcdefgh-abcdefgh", "abcdefgh+abcdefgh", "ação", ""];
        let table = ShortKeys::new(keys.iter().enumerate().map(|(i, k)| (*k, i as u32 + 1)).collect());
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(table.get(k), Some(i as u32 + 1), "{k:?}");
        }
        // Same length, first and last eight bytes as a key longer than sixteen bytes.
        assert_eq!(table.get("abcdefgh*abcdefgh"), None);
        for absent in ["b", "abc", "abcdefgj", "a\0", "acao", "abcdefghij"] {
            assert_eq!(table.get(absent), None, "{absent:?}");
        }
    }
}
