//! The extractor: an article in, its entities and facts out. Holds the compiled
//! gazetteer and lexicons (built once) and runs the stages in order: sentences and
//! tokens → mentions → entities → statements. Extraction never fails: what it cannot
//! use it reports as warnings.

use crate::date::Date;
use crate::entities::{self, Entity};
use crate::gazetteer::{Gazetteer, GazetteerError, Hit};
use crate::input::{Article, Lang};
use crate::lexicon::{Lexicon, LexiconError, List};
use crate::mentions::{self, Mention, Sentence};
use crate::statements::{self, Fact};
use crate::{text, timex};
use compact_str::CompactString;
use std::collections::HashMap;
use std::path::Path;

/// What the extractor needs to start.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// A directory whose `LANG.toml` and `LANG-words.toml` replace the embedded lexicons.
    pub lexicon_dir: Option<std::path::PathBuf>,
}

/// Why the extractor could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SetupError {
    /// A gazetteer file does not parse.
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    /// A lexicon file is invalid.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

/// Everything extracted from one article.
#[derive(Debug)]
pub struct Extraction {
    /// The language it was read in.
    pub lang: Lang,
    /// The article's date (given, or read from its dateline).
    pub published: Option<Date>,
    /// The sentences, as byte ranges of the text.
    pub sentences: Vec<std::ops::Range<usize>>,
    /// The mentions.
    pub mentions: Vec<Mention>,
    /// Each mention's entity.
    pub mention_entities: Vec<Option<usize>>,
    /// The entities.
    pub entities: Vec<Entity>,
    /// The facts.
    pub facts: Vec<Fact>,
    /// What could not be used.
    pub warnings: Vec<String>,
}

/// The compiled extractor.
#[derive(Debug)]
pub struct Extractor {
    /// The gazetteer.
    pub gazetteer: Gazetteer,
    lexicons: HashMap<Lang, Lexicon>,
    people: HashMap<String, usize>,
}

impl Extractor {
    /// Compiles the embedded gazetteer and the lexicons.
    pub fn new(config: &Config) -> Result<Extractor, SetupError> {
        let mut lexicons = HashMap::new();
        for lang in [Lang::Pt, Lang::En] {
            let lexicon = match &config.lexicon_dir {
                Some(dir) => Lexicon::from_dir(lang, Path::new(dir))?,
                None => Lexicon::embedded(lang)?,
            };
            lexicons.insert(lang, lexicon);
        }
        let openers = lexicons
            .values()
            .flat_map(|l: &Lexicon| l.words.get("place_heads").into_iter().flatten().cloned())
            .collect();
        let gazetteer = Gazetteer::from_turtle(crate::gazetteer::EMBEDDED, &openers)?;
        let people = entities::people_index(&gazetteer);
        Ok(Extractor { gazetteer, lexicons, people })
    }

    /// The lexicon of a language.
    pub fn lexicon(&self, lang: Lang) -> &Lexicon {
        &self.lexicons[&lang]
    }

    /// Extracts what an article says.
    pub fn extract(&self, article: &Article) -> Extraction {
        let mut warnings = Vec::new();
        let lang = article.lang.unwrap_or_else(|| {
            let detection = crate::language::detect(&article.text);
            warnings.extend(detection.warning);
            detection.lang
        });
        let lex = self.lexicon(lang);
        let text = article.text.as_str();
        let spans = text::sentences(text);
        let sentences: Vec<Sentence<'_>> = spans.iter().map(|r| Sentence::new(text, r.clone(), lex)).collect();
        let published = article.published.or_else(|| dateline(&sentences, lex));
        let mut hits = self.gazetteer.find_in(text, lang.tag());
        capitals_dateline(text, &sentences, &self.gazetteer, lex, &mut hits);
        let (mentions, roles) = mentions::find(&sentences, &hits, &self.gazetteer, lex);
        let resolved = entities::resolve(&mentions, &roles, &self.gazetteer, &self.people, lang.tag());
        let facts = statements::find(&sentences, &mentions, &roles, &resolved, &self.gazetteer, lex, published);
        Extraction {
            lang,
            published,
            sentences: spans,
            mentions,
            mention_entities: resolved.of_mention,
            entities: resolved.entities,
            facts,
            warnings,
        }
    }
}

/// The date of a dateline in the first sentences ("Lisboa, 12 de março de 2025 –",
/// "WASHINGTON, March 3, 2025 (Reuters) –").
fn dateline(sentences: &[Sentence<'_>], lex: &Lexicon) -> Option<Date> {
    sentences.iter().take(3).find_map(|s| {
        let words: Vec<&str> = s.lower.iter().take(12).map(CompactString::as_str).collect();
        let original: Vec<&str> = s.original.iter().take(12).copied().collect();
        timex::find(lex, &words, &s.lists[..words.len()], &original, None, &|_| None).into_iter().find_map(|t| match t
            .date
        {
            crate::date::EventDate::Day(d) if t.start <= 6 => Some(d),
            _ => None,
        })
    })
}

/// The place of a dateline written in capitals ("NEW DELHI, May 7, 2025 –", "SINGAPORE,
/// May 3 (Reuters) –"), which the gazetteer's labels, written as names are, do not match:
/// the words before the dateline's comma are looked up as a name is written and, when
/// they are one label, added to the gazetteer's hits.
fn capitals_dateline(text: &str, sentences: &[Sentence<'_>], gaz: &Gazetteer, lex: &Lexicon, hits: &mut Vec<Hit>) {
    let found = sentences.iter().take(3).find_map(|s| {
        let comma = s.dateline_comma(lex).filter(|&c| c < 5)?;
        let capitals = s.original[..comma]
            .iter()
            .all(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase));
        if comma == 0 || !capitals {
            return None;
        }
        let span = s.tokens[0].span.start..s.tokens[comma - 1].span.end;
        let written = &text[span.clone()];
        // "RIO DE JANEIRO" → "Rio de Janeiro": connectors in lower case, other words capitalised.
        let named: String = written
            .split(' ')
            .map(|w| {
                let lower = w.to_lowercase();
                if lex.is(List::Connectors, &lower) {
                    return lower;
                }
                let mut upper_next = true;
                w.chars()
                    .map(|c| {
                        let out = if upper_next { c } else { c.to_lowercase().next().unwrap_or(c) };
                        upper_next = !c.is_alphabetic();
                        out
                    })
                    .collect()
            })
            .collect::<Vec<String>>()
            .join(" ");
        // Only letters whose cases have the same length keep the hit's bytes the text's.
        if named.len() != written.len() {
            return None;
        }
        let hit = gaz.find(&named).into_iter().find(|h| h.span == (0..named.len()))?;
        Some(Hit { span, targets: hit.targets })
    });
    if let Some(hit) = found {
        hits.retain(|h| h.span.end <= hit.span.start || h.span.start >= hit.span.end);
        let at = hits.partition_point(|h| h.span.start < hit.span.start);
        hits.insert(at, hit);
    }
}
