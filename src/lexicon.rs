//! Language data: relation cue patterns, roles, negation and hedge words, attribution
//! cues, name-building words and time words, per language. The TOML files under
//! `lexicon/` are the source; this module keeps their serde mirror apart from the
//! compiled form (regexes, lookup sets) and does no extraction itself.

use crate::input::Lang;
use crate::relation::Relation;
use aho_corasick::AhoCorasick;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::HashMap;
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
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleData {
    relation: String,
    pattern: String,
    #[serde(default)]
    mutual: bool,
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
    /// The regex over an encoded sentence, compiled when first used.
    pub regex: LazyRegex,
    /// The relation holds both ways, as a symmetric one would: "fighting between X and
    /// Y" is X attacking Y and Y attacking X (`mutual = true` in the rule).
    pub mutual: bool,
    /// Its examples.
    pub examples: Vec<Example>,
    /// The file it came from, with its index there, for messages.
    pub origin: String,
}

/// A rule's regex, compiled the first time a sentence holds the rule's words (see
/// [`Prefilter`]): compiling all of them took longer than extracting a thousand
/// articles, and many rules are never a candidate. Dereferences to the [`Regex`].
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    compiled: std::sync::OnceLock<Regex>,
}

impl LazyRegex {
    fn new(source: String) -> LazyRegex {
        LazyRegex { source, compiled: std::sync::OnceLock::new() }
    }

    /// The compiled regex, or why it does not compile.
    pub fn compile(&self) -> Result<&Regex, regex::Error> {
        if let Some(regex) = self.compiled.get() {
            return Ok(regex);
        }
        let regex = Regex::new(&self.source)?;
        Ok(self.compiled.get_or_init(|| regex))
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        // The source is made of escaped words and fixed syntax; the embedded lexicons'
        // rules are all compiled by a test, and those of a lexicon directory when it
        // is read.
        self.compile().expect("a rule's regex compiles")
    }
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
    /// Month names: index 0 = January; each with its spellings.
    pub months: FxHashMap<String, u32>,
    /// Weekday names: index 0 = Monday.
    pub weekdays: FxHashMap<String, u32>,
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
        // Rules nobody has tested yet: every regex is compiled now, so that one that
        // cannot be is reported here and not met in the middle of a run.
        let lexicon = Lexicon::compile(lang, &files)?;
        for rule in &lexicon.rules {
            rule.regex.compile().map_err(|e| LexiconError { origin: rule.origin.clone(), message: e.to_string() })?;
        }
        Ok(lexicon)
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
            months: FxHashMap::default(),
            weekdays: FxHashMap::default(),
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
                let (regex, literals) = compile_pattern(&rule.pattern, &classes)
                    .map_err(|message| LexiconError { origin: origin.clone(), message })?;
                required.push(literals);
                lexicon.rules.push(Rule {
                    relation,
                    pattern: rule.pattern,
                    regex,
                    mutual: rule.mutual,
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
        }
        lexicon.prefilter =
            Prefilter::new(&required).map_err(|message| LexiconError { origin: format!("{lang} rules"), message })?;
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
    pub fn role_at(&self, words: &[String]) -> Option<(usize, RoleKind)> {
        let candidates = self.role_index.get(words.first()?)?;
        candidates.iter().map(|&i| &self.roles[i]).find(|(role, _)| words.starts_with(role)).map(|(r, k)| (r.len(), *k))
    }

    /// The kind of the role that is exactly `words` (lower-case tokens).
    pub fn role_exact(&self, words: &[String]) -> Option<RoleKind> {
        let candidates = self.role_index.get(words.first()?)?;
        candidates.iter().map(|&i| &self.roles[i]).find(|(role, _)| role.as_slice() == words).map(|(_, k)| *k)
    }

    /// The kind of body (a gazetteer `ng:orgKind`) the role written `words` heads when
    /// the text names none.
    pub fn role_body(&self, words: &str) -> Option<&str> {
        self.role_bodies.get(&split_words(words)).map(String::as_str)
    }

    /// Whether a lower-case word is in the named word list.
    pub fn is(&self, list: &str, word: &str) -> bool {
        self.words.get(list).is_some_and(|set| set.contains(word))
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

/// The placeholder an encoded sentence holds for mention group `i`.
pub fn placeholder(i: usize) -> String {
    format!("⟨{i}⟩")
}

const PLACEHOLDER: &str = "⟨[0-9]+⟩";

/// Literal text a rule's regex cannot match without: one entry per required item
/// (a word, a list of words, a class), each the strings any of which must occur.
type Required = Vec<Vec<String>>;

/// Compiles a cue pattern (syntax in lexicon/README.md) into a regex over an encoded
/// sentence: tokens separated by single spaces, with a space before and after. Also
/// returns what the sentence must hold for the regex to match: every required word
/// item stands between two spaces (" acusou "), a prefix after one (" sancion").
fn compile_pattern(pattern: &str, classes: &HashMap<String, Vec<String>>) -> Result<(LazyRegex, Required), String> {
    let mut out = String::from(" ");
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
            let joiner = regex::escape(items[i + 1]);
            out.push_str(&format!("(?:(?P<s>{PLACEHOLDER}) {joiner} (?P<o>{PLACEHOLDER})|(?P<so>{PLACEHOLDER})) "));
            subjects += 1;
            objects += 1;
            skip = 2;
            continue;
        }
        if let Some(n) = item.strip_prefix('~') {
            let n: u32 = n.parse().map_err(|_| format!("bad gap {item:?}"))?;
            if n > 12 {
                return Err(format!("gap {item} is longer than 12"));
            }
            out.push_str(&format!("(?:[^ ]+ ){{0,{n}}}?"));
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
        let token = match body {
            "{S}" => {
                subjects += 1;
                format!("(?P<s>{PLACEHOLDER})")
            }
            "{O}" => {
                objects += 1;
                format!("(?P<o>{PLACEHOLDER})")
            }
            // Another actor, neither end of the relation: "reiterou o apoio de {X} a {O}".
            "{X}" => PLACEHOLDER.to_string(),
            _ if body.starts_with('(') && body.ends_with(')') => {
                let words: Vec<String> = body[1..body.len() - 1].split('|').map(word_regex).collect();
                format!("(?:{})", words.join("|"))
            }
            _ if body.starts_with('[') && body.ends_with(']') => {
                let name = &body[1..body.len() - 1];
                let words = classes.get(name).ok_or_else(|| format!("unknown class [{name}]"))?;
                let words: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
                format!("(?:{})", words.join("|"))
            }
            _ => word_regex(body),
        };
        // The first required word of the pattern is its cue: negation and hedging are
        // looked for before it, so "acusou" does not hedge its own accusation.
        let is_word = !body.starts_with('{') && !body.starts_with('[') && body.chars().any(char::is_alphabetic);
        if optional {
            out.push_str(&format!("(?:{token} )?"));
        } else if is_word && !cue_done {
            cue_done = true;
            out.push_str(&format!("(?P<cue>{token}) "));
        } else {
            out.push_str(&token);
            out.push(' ');
        }
    }
    if subjects != 1 || objects != 1 {
        return Err(format!("needs exactly one {{S}} and one {{O}}, has {subjects} and {objects}"));
    }
    Ok((LazyRegex::new(out), required))
}

/// The literal a word item requires in the encoded sentence (see [`word_regex`]).
fn word_literal(word: &str) -> String {
    let word = word.to_lowercase();
    match word.strip_suffix('*') {
        Some(prefix) if !prefix.is_empty() => format!(" {prefix}"),
        _ => format!(" {word} "),
    }
}

/// Which rules can match an encoded sentence: one Aho-Corasick automaton over the
/// literals every rule requires, so that a sentence runs only the few regexes whose
/// words it holds instead of all of them. A rule is a candidate when each of its
/// required items has one of its literals in the sentence; the others cannot match.
#[derive(Debug, Default)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// Per literal of the automaton, the (rule, required item) pairs it satisfies.
    postings: Vec<Vec<(u32, u8)>>,
    /// Per rule, the bit mask of its required items (the first 64 of them).
    full: Vec<u64>,
}

impl Prefilter {
    fn new(required: &[Required]) -> Result<Prefilter, String> {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut literals: Vec<&str> = Vec::new();
        let mut postings: Vec<Vec<(u32, u8)>> = Vec::new();
        let mut full = Vec::with_capacity(required.len());
        for (rule, items) in required.iter().enumerate() {
            // More than 64 required items never occur; a rule checked on its first 64
            // is still never skipped wrongly.
            let items = &items[..items.len().min(64)];
            for (item, alternatives) in items.iter().enumerate() {
                for literal in alternatives {
                    let id = *ids.entry(literal.as_str()).or_insert_with(|| {
                        literals.push(literal.as_str());
                        postings.push(Vec::new());
                        literals.len() - 1
                    });
                    let posting = (rule as u32, item as u8);
                    if postings[id].last() != Some(&posting) {
                        postings[id].push(posting);
                    }
                }
            }
            full.push(if items.len() == 64 { u64::MAX } else { (1u64 << items.len()) - 1 });
        }
        // Standard (not leftmost) semantics with overlapping search: every literal
        // that occurs is reported, also those sharing a space with the next.
        let automaton = AhoCorasick::new(&literals).map_err(|e| e.to_string())?;
        Ok(Prefilter { automaton: Some(automaton), postings, full })
    }

    /// For each rule (in lexicon order), whether it can match the encoded sentence.
    pub fn candidates(&self, encoded: &str) -> Vec<bool> {
        let Some(automaton) = &self.automaton else {
            return vec![true; self.full.len()];
        };
        let mut found: Vec<u32> = automaton.find_overlapping_iter(encoded).map(|m| m.pattern().as_u32()).collect();
        found.sort_unstable();
        found.dedup();
        let mut seen = vec![0u64; self.full.len()];
        for id in found {
            for &(rule, item) in &self.postings[id as usize] {
                seen[rule as usize] |= 1 << item;
            }
        }
        seen.iter().zip(&self.full).map(|(seen, full)| seen == full).collect()
    }
}

fn word_regex(word: &str) -> String {
    let word = word.to_lowercase();
    match word.strip_suffix('*') {
        Some(prefix) if !prefix.is_empty() => format!("{}[^ ]*", regex::escape(prefix)),
        _ => regex::escape(&word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_words_alternatives_prefixes_gaps_and_optionals() {
        let classes = HashMap::from([("det".to_string(), vec!["o".to_string(), "a".to_string()])]);
        let (re, required) = compile_pattern("{S} ~2 (acusou|acusa) [det]? {O} sancion*?", &classes).unwrap();
        assert_eq!(required, vec![vec![" acusou ".to_string(), " acusa ".to_string()]]);
        assert!(re.is_match(" ⟨0⟩ ontem acusou ⟨1⟩ . "));
        assert!(re.is_match(" ⟨0⟩ acusa o ⟨1⟩ sancionando "));
        assert!(!re.is_match(" ⟨0⟩ um dois três acusou ⟨1⟩ "), "the gap is at most two tokens");
    }

    #[test]
    fn prefilter_keeps_only_rules_whose_required_words_occur() {
        let classes = HashMap::from([("det".to_string(), vec!["o".to_string(), "a".to_string()])]);
        let patterns = ["{S} (acusou|acusa) [det] {O}", "{S} sancion* {O}", "{S} , ~2 {O}", "{S} [det]? {O}"];
        let required: Vec<Required> = patterns.iter().map(|p| compile_pattern(p, &classes).unwrap().1).collect();
        let prefilter = Prefilter::new(&required).unwrap();
        // " acusa " and " a " share a space: both are found.
        assert_eq!(prefilter.candidates(" ⟨0⟩ acusa a ⟨2⟩ "), vec![true, false, false, true]);
        assert_eq!(prefilter.candidates(" ⟨0⟩ , ⟨2⟩ sancionou "), vec![false, true, true, true]);
        assert_eq!(prefilter.candidates(" ⟨0⟩ acusa ⟨2⟩ "), vec![false, false, false, true]);
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
        assert_eq!(lex.role_at(&[]), None);
        assert_eq!(lex.role_exact(&words("presidente")), Some(RoleKind::Head));
        assert_eq!(lex.role_exact(&words("ministro da")), None);
    }

    #[test]
    fn every_embedded_rule_compiles() {
        for lang in [Lang::Pt, Lang::En] {
            for rule in Lexicon::embedded(lang).unwrap().rules {
                assert!(rule.regex.compile().is_ok(), "{}", rule.origin);
            }
        }
    }

    #[test]
    fn refuses_patterns_without_both_ends() {
        assert!(compile_pattern("{S} acusou", &HashMap::new()).is_err());
        assert!(compile_pattern("{S} [nope] {O}", &HashMap::new()).is_err());
    }
}
