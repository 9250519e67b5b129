//! Entities: one per real-world thing an article names. Resolves each mention to an
//! entity — a gazetteer entry, or a person, organisation or place found by pattern —
//! joining "Kim Jong Un", "Kim Jong-un" and "Kim", an acronym and its definition, a
//! capital used for its government and its country. Inside one article; no RDF.

use crate::gazetteer::{Gazetteer, Kind, LabelKind};
use crate::mentions::{Mention, Referent, RoleLink};
use std::collections::HashMap;

/// One entity of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Person, organisation, country or place (a seat used as a location is a place).
    pub kind: Kind,
    /// The gazetteer entry, when known.
    pub known: Option<usize>,
    /// A stable key from which `rdf` mints the IRI of an entity the gazetteer does not
    /// know: the same name gives the same key in every article.
    pub key: String,
    /// The name to show.
    pub label: String,
    /// Every other form the article used.
    pub aliases: Vec<String>,
    /// The country it belongs to, when the text or the gazetteer says (entity index).
    pub country: Option<usize>,
}

/// The entities of an article and the entity of each mention.
#[derive(Debug, Default)]
pub struct Resolved {
    /// Entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// For each mention, its entity (None when the mention named nothing usable).
    pub of_mention: Vec<Option<usize>>,
    /// For a capital named as an actor (its country), the city itself, for the
    /// relations whose end is a place.
    pub place_of_mention: Vec<Option<usize>>,
}

/// A spelling-insensitive key for names: ASCII letters, `y` as `i`, doubled letters
/// single, so that "Zelenskyy", "Zelenskiy" and "Zelensky" agree, and so do
/// "Shoigu" and "Shoygu".
pub fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // NFKD leaves ASCII as it is: most names skip the decomposition (a tenth of
    // extraction time when every name went through it).
    if name.is_ascii() {
        key_of(name.chars(), name.len())
    } else {
        key_of(name.nfkd(), name.len())
    }
}

fn key_of(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    for c in chars.filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '-') {
        let c = match c.to_ascii_lowercase() {
            'y' => 'i',
            '-' => ' ',
            c if c.is_ascii() => c,
            _ => continue,
        };
        if out.ends_with(c) && c != ' ' || (c == ' ' && (out.is_empty() || out.ends_with(' '))) {
            continue;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out
}

/// Index of the gazetteer's people by [`name_key`] of each of their labels.
pub fn people_index(gaz: &Gazetteer) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (label, targets) in gaz.labels() {
        for &(e, how) in targets {
            if how == LabelKind::Name && gaz.entries[e].kind == Kind::Person {
                index.entry(name_key(label)).or_insert(e);
            }
        }
    }
    index
}

/// Resolves the mentions of an article.
pub fn resolve(
    mentions: &[Mention],
    roles: &[RoleLink],
    gaz: &Gazetteer,
    people: &HashMap<String, usize>,
    lang: &str,
) -> Resolved {
    let keys = NameKeys::default();
    let mut r = Resolved {
        entities: Vec::new(),
        of_mention: vec![None; mentions.len()],
        place_of_mention: vec![None; mentions.len()],
    };
    let mut by_known: HashMap<usize, usize> = HashMap::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let has_role: Vec<bool> = (0..mentions.len()).map(|i| roles.iter().any(|l| l.person == i)).collect();

    let mut known = |r: &mut Resolved, e: usize, kind: Kind, surface: &str| -> usize {
        let id = *by_known.entry(e).or_insert_with(|| {
            let entry = &gaz.entries[e];
            r.entities.push(Entity {
                kind,
                known: Some(e),
                key: entry.iri.clone(),
                label: entry.label(lang).to_string(),
                aliases: Vec::new(),
                country: None,
            });
            r.entities.len() - 1
        });
        add_alias(&mut r.entities[id], surface);
        id
    };

    // Pass 1: gazetteer names, organisations, places and full person names.
    for (i, m) in mentions.iter().enumerate() {
        match &m.referent {
            Referent::Known(e, how) => {
                let entry = &gaz.entries[*e];
                let id = match (entry.kind, how) {
                    (_, LabelKind::Demonym) => known(&mut r, *e, Kind::Country, ""),
                    // A place acting is the actor it stands for: the one `ng:actsFor` names
                    // ("Bruxelas decidiu" is the EU), else a capital's country.
                    (Kind::Place, _) if (entry.acts_for.is_some() || is_capital(gaz, *e)) && !m.locative => {
                        r.place_of_mention[i] = Some(known(&mut r, *e, Kind::Place, ""));
                        let actor = entry.acts_for.or(entry.country).expect("a capital has a country");
                        known(&mut r, actor, gaz.entries[actor].kind, "")
                    }
                    (Kind::Seat, _) if !m.locative && entry.country.is_some() => {
                        known(&mut r, entry.country.expect("checked"), Kind::Country, "")
                    }
                    (Kind::Seat, _) => known(&mut r, *e, Kind::Place, ""),
                    (kind, _) => known(&mut r, *e, kind, ""),
                };
                r.of_mention[i] = Some(id);
            }
            Referent::Organization(name, country) if !name.is_empty() => {
                let country = country.map(|c| known(&mut r, c, Kind::Country, ""));
                let key = format!("org:{}", keys.of(name));
                let id = *by_key.entry(key.clone()).or_insert_with(|| {
                    r.entities.push(Entity {
                        kind: Kind::Organization,
                        known: None,
                        key,
                        label: name.clone(),
                        aliases: Vec::new(),
                        country,
                    });
                    r.entities.len() - 1
                });
                r.of_mention[i] = Some(id);
            }
            Referent::Place(name) if !name.is_empty() => {
                let key = format!("place:{}", keys.of(name));
                // "Gaza" after "Faixa de Gaza" is the same place; of several, the first
                // found in the article (not whichever the hash map yields first, which
                // changed from run to run).
                let part_of = |k: &str| {
                    by_key
                        .iter()
                        .filter(|(other, _)| {
                            // Ends with " " and the other's name, without building that string.
                            let ends_with_word =
                                |a: &str, b: &str| a.strip_suffix(b).is_some_and(|rest| rest.ends_with(' '));
                            other.starts_with("place:")
                                && (ends_with_word(other, &k[6..]) || ends_with_word(k, &other[6..]))
                        })
                        .map(|(_, &id)| id)
                        .min()
                };
                if let Some(id) = by_key.get(&key).copied().or_else(|| part_of(&key)) {
                    add_alias(&mut r.entities[id], name);
                    r.of_mention[i] = Some(id);
                    continue;
                }
                let id = *by_key.entry(key.clone()).or_insert_with(|| {
                    r.entities.push(Entity {
                        kind: Kind::Place,
                        known: None,
                        key,
                        label: name.clone(),
                        aliases: Vec::new(),
                        country: None,
                    });
                    r.entities.len() - 1
                });
                r.of_mention[i] = Some(id);
            }
            Referent::Person(name) if name.contains(' ') => {
                let key = keys.of(name);
                let id = if let Some(&e) = people.get(&*key) {
                    known(&mut r, e, Kind::Person, name)
                } else {
                    let person_key = format!("person:{key}");
                    let existing = by_key.get(&person_key).copied().or_else(|| same_person(&r.entities, &key, &keys));
                    match existing {
                        Some(id) => id,
                        None => {
                            r.entities.push(Entity {
                                kind: Kind::Person,
                                known: None,
                                key: person_key.clone(),
                                label: name.clone(),
                                aliases: Vec::new(),
                                country: None,
                            });
                            by_key.insert(person_key, r.entities.len() - 1);
                            r.entities.len() - 1
                        }
                    }
                };
                add_alias(&mut r.entities[id], name);
                r.of_mention[i] = Some(id);
            }
            _ => {}
        }
    }
    // Acronyms defined in parentheses are aliases of what they follow.
    let mut acronyms: HashMap<String, usize> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if let (Some(acronym), Some(id)) = (&m.acronym, r.of_mention[i]) {
            acronyms.insert(acronym.clone(), id);
            add_alias(&mut r.entities[id], acronym);
        }
    }
    // Pass 2: single names (a surname, an acronym) join what pass 1 found.
    for (i, m) in mentions.iter().enumerate() {
        if r.of_mention[i].is_some() {
            continue;
        }
        let found = match &m.referent {
            Referent::Acronym(text) => acronyms.get(text).copied(),
            Referent::ShortForm(head) => {
                let head = keys.of(head);
                (0..i).rev().filter_map(|j| r.of_mention[j]).find(|&id| {
                    let e = &r.entities[id];
                    e.kind == Kind::Organization
                        && std::iter::once(&e.label)
                            .chain(&e.aliases)
                            .any(|n| keys.of(n).split(' ').any(|w| w == &*head))
                })
            }
            Referent::Person(name) if !name.is_empty() => {
                let key = keys.of(name);
                let named = |word: &dyn Fn(&str) -> bool| {
                    r.entities.iter().position(|e| {
                        e.kind == Kind::Person && std::iter::once(&e.label).chain(&e.aliases).any(|n| word(&keys.of(n)))
                    })
                };
                // A name of three words or more may be called by the word before its last, the
                // first of two surnames ("Edmundo González Urrutia" … "González"), when no name
                // ends or opens with the word.
                let surname = named(&|k| k.rsplit(' ').next() == Some(&*key) || k.split(' ').next() == Some(&*key))
                    .or_else(|| {
                        named(&|k| {
                            let words: Vec<&str> = k.split(' ').collect();
                            words.len() >= 3 && words[words.len() - 2] == &*key
                        })
                    });
                match (surname, people.get(&*key)) {
                    (Some(id), _) => Some(id),
                    (None, Some(&e)) => Some(known(&mut r, e, Kind::Person, name)),
                    (None, None) if has_role[i] => {
                        r.entities.push(Entity {
                            kind: Kind::Person,
                            known: None,
                            key: format!("person:{key}"),
                            label: name.clone(),
                            aliases: Vec::new(),
                            country: None,
                        });
                        Some(r.entities.len() - 1)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if let (Some(id), Referent::Person(name) | Referent::Acronym(name)) = (found, &m.referent) {
            add_alias(&mut r.entities[id], name);
        }
        r.of_mention[i] = found;
    }
    // A country's name that is the surname of a person of the article is that person
    // ("Montenegro admitiu" after "Luís Montenegro").
    // The country's keys only when some person could bear its name: a country has
    // many labels, and keying them for every mention was a twentieth of extraction.
    let person = |x: &Entity| x.kind == Kind::Person;
    let any_person = r.entities.iter().any(person);
    for (i, m) in mentions.iter().enumerate() {
        if let (Referent::Known(e, LabelKind::Name), Some(id), false) = (&m.referent, r.of_mention[i], m.locative) {
            if any_person && gaz.entries[*e].kind == Kind::Country && r.entities[id].kind == Kind::Country {
                let surface = gaz.entries[*e].labels.iter().map(|(_, l)| keys.of(l)).collect::<Vec<_>>();
                if let Some(p) = r.entities.iter().position(|x| {
                    // A known person too: the gazetteer may hold "Luís Montenegro".
                    person(x) && {
                        let key = keys.of(&x.label);
                        // Ends with " " and the label, without building that string.
                        key.contains(' ')
                            && surface.iter().any(|l| key.strip_suffix(&**l).is_some_and(|k| k.ends_with(' ')))
                    }
                }) {
                    r.of_mention[i] = Some(p);
                }
            }
        }
    }
    // A place and the region named after it ("Kursk", "região de Kursk") are one place
    // in one article: the text does not tell the city from the region.
    for region in 0..r.entities.len() {
        let Some(region_entry) = r.entities[region].known else { continue };
        let region_key = keys.of(&r.entities[region].label);
        let inner = r.entities.iter().position(|x| {
            x.kind == Kind::Place
                && x.known.is_some_and(|k| gaz.entries[k].located_in == Some(region_entry))
                && region_key.split(' ').any(|w| w == &*keys.of(&x.label))
        });
        if let Some(inner) = inner {
            for e in r.of_mention.iter_mut().filter(|e| **e == Some(region)) {
                *e = Some(inner);
            }
        }
    }
    // A place found by pattern that is a person's surname is that person ("spoke to Scholz").
    for (i, m) in mentions.iter().enumerate() {
        if let (Referent::Place(name), Some(id)) = (&m.referent, r.of_mention[i]) {
            if r.entities[id].known.is_none() && !name.contains(' ') {
                let key = keys.of(name);
                if let Some(p) = r
                    .entities
                    .iter()
                    .position(|e| e.kind == Kind::Person && keys.of(&e.label).rsplit(' ').next() == Some(&*key))
                {
                    r.of_mention[i] = Some(p);
                }
            }
        }
    }
    plainest_labels(mentions, &mut r);
    r
}

/// The label of a person found by pattern: of its fullest names (as many words as the
/// longest), the one the article writes most often, the first on a tie. "Zé Celso", written
/// thirteen times, not the "Zé Celsooo" of one exclamation, which is longer.
fn plainest_labels(mentions: &[Mention], r: &mut Resolved) {
    let words = |name: &str| name.split_whitespace().count();
    // How often each entity is written by each name, counted in one pass over the mentions.
    let mut written: HashMap<(usize, &str), usize> = HashMap::new();
    for (m, of) in mentions.iter().zip(&r.of_mention) {
        if let (Referent::Person(name), Some(id)) = (&m.referent, *of) {
            *written.entry((id, name.as_str())).or_default() += 1;
        }
    }
    let count = |id: usize, name: &str| written.get(&(id, name)).copied().unwrap_or(0);
    for id in 0..r.entities.len() {
        let e = &r.entities[id];
        if e.known.is_some() || e.kind != Kind::Person || e.aliases.is_empty() {
            continue;
        }
        let mut best = (count(id, &e.label), None);
        for (a, alias) in e.aliases.iter().enumerate() {
            let n = count(id, alias);
            if words(alias) == words(&e.label) && n > best.0 {
                best = (n, Some(a));
            }
        }
        if let (_, Some(a)) = best {
            let e = &mut r.entities[id];
            std::mem::swap(&mut e.label, &mut e.aliases[a]);
        }
    }
}

/// Whether a gazetteer place is the capital of its country.
pub fn is_capital(gaz: &Gazetteer, e: usize) -> bool {
    gaz.entries[e].country.is_some_and(|c| gaz.entries[c].capital == Some(e))
}

/// Another person entity whose full name agrees with this key: same surname and the
/// same first name (or initial).
fn same_person(entities: &[Entity], key: &str, keys: &NameKeys) -> Option<usize> {
    let (first, last) = (key.split(' ').next()?, key.rsplit(' ').next()?);
    entities.iter().position(|e| {
        e.kind == Kind::Person && {
            let k = keys.of(&e.label);
            k.rsplit(' ').next() == Some(last)
                && k.split(' ').next().is_some_and(|f| f == first || (f.len() == 1 && first.starts_with(f)))
        }
    })
}

/// Name keys worked out once per article: coreference compares each person mention's
/// key with every entity's names, so the same names were keyed again and again (a
/// twentieth of extraction's instructions).
#[derive(Default)]
struct NameKeys(std::cell::RefCell<rustc_hash::FxHashMap<String, std::rc::Rc<str>>>);

impl NameKeys {
    /// [`name_key`] of `name`.
    fn of(&self, name: &str) -> std::rc::Rc<str> {
        if let Some(key) = self.0.borrow().get(name) {
            return key.clone();
        }
        let key: std::rc::Rc<str> = name_key(name).into();
        self.0.borrow_mut().insert(name.to_string(), key.clone());
        key
    }
}

fn add_alias(entity: &mut Entity, surface: &str) {
    if surface.is_empty() || surface == entity.label || entity.aliases.iter().any(|a| a == surface) {
        return;
    }
    // The longest full name seen becomes the label of an entity found by pattern.
    if entity.known.is_none()
        && entity.kind == Kind::Person
        && surface.len() > entity.label.len()
        && surface.contains(' ')
    {
        let old = std::mem::replace(&mut entity.label, surface.to_string());
        entity.aliases.push(old);
        return;
    }
    entity.aliases.push(surface.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memoised_name_keys_are_the_name_keys() {
        let keys = NameKeys::default();
        for name in ["Kim Jong-un", "Volodymyr Zelenskyy", "Kim Jong-un", "São Tomé", "São Tomé"] {
            assert_eq!(&*keys.of(name), name_key(name), "{name}");
        }
        assert_eq!(keys.0.borrow().len(), 3);
    }

    #[test]
    fn name_keys_forgive_transliteration() {
        assert_eq!(name_key("Volodymyr Zelenskyy"), name_key("Volodimir Zelensky"));
        assert_eq!(name_key("Kim Jong-un"), name_key("Kim Jong Un"));
        assert_eq!(name_key("Sergei Shoigu"), name_key("Sergey Shoygu"));
        assert_ne!(name_key("Kim Jong-un"), name_key("Kim Jong-il"));
    }
}
