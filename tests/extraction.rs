//! Data-driven extraction tests: every example of every lexicon rule, and the texts
//! under tests/extraction/ (NAME.txt beside NAME.expected, the sorted direct triples
//! as "Subject relation Object" lines). One `check` helper compares them.

use newsgraph::input::{Article, Lang};
use newsgraph::{Config, Extraction, Extractor};
use std::sync::OnceLock;

pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(&Config::default()).expect("the embedded data compiles"))
}

pub fn article(text: &str, lang: Lang) -> Article {
    Article {
        id: None,
        title: None,
        text: text.to_string(),
        lang: Some(lang),
        published: newsgraph::date::Date::new(2025, 6, 4),
        url: None,
        origin: "test".into(),
    }
}

/// The asserted direct triples, as "Subject relation Object" with each entity's
/// label, sorted; symmetric relations once, in label order.
pub fn triples(ex: &Extraction) -> Vec<String> {
    let mut out: Vec<String> = ex
        .facts
        .iter()
        .filter(|f| f.is_asserted())
        .map(|f| {
            let (mut s, mut o) = (ex.entities[f.subject].label.clone(), ex.entities[f.object].label.clone());
            if f.relation.is_symmetric() && s > o {
                std::mem::swap(&mut s, &mut o);
            }
            format!("{s} {} {o}", f.relation.local_name())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether an entity is called `name` (label or any alias, case-insensitive).
fn called(ex: &Extraction, e: usize, name: &str) -> bool {
    let entity = &ex.entities[e];
    let mut names = vec![entity.label.as_str()];
    names.extend(entity.aliases.iter().map(String::as_str));
    if let Some(k) = entity.known {
        names.extend(extractor().gazetteer.entries[k].labels.iter().map(|(_, v)| v.as_str()));
        names.extend(extractor().gazetteer.labels().filter(|(_, t)| t.iter().any(|(i, _)| *i == k)).map(|(l, _)| l));
    }
    names.iter().any(|n| n.eq_ignore_ascii_case(name) || n.to_lowercase() == name.to_lowercase())
}

/// The labels of the people an extraction found.
fn people_in(ex: &Extraction) -> Vec<String> {
    ex.entities.iter().filter(|e| e.kind == newsgraph::gazetteer::Kind::Person).map(|e| e.label.clone()).collect()
}

/// The labels of the people found in a text.
fn people(text: &str, lang: Lang) -> Vec<String> {
    people_in(&extractor().extract(&article(text, lang)))
}

/// Whether the extraction asserts "S relation O" (names as in the text).
fn asserts(ex: &Extraction, expected: &str) -> bool {
    let relation = newsgraph::relation::Relation::ALL
        .iter()
        .find(|r| expected.contains(&format!(" {} ", r.local_name())))
        .unwrap_or_else(|| panic!("{expected:?} names no relation"));
    let (s, o) = expected.split_once(&format!(" {} ", relation.local_name())).expect("checked");
    ex.facts.iter().any(|f| {
        f.is_asserted()
            && f.relation == *relation
            && ((called(ex, f.subject, s) && called(ex, f.object, o))
                || (relation.is_symmetric() && called(ex, f.subject, o) && called(ex, f.object, s)))
    })
}

#[test]
fn every_lexicon_example_gives_what_it_says() {
    let mut failures = Vec::new();
    let mut count = 0;
    for lang in [Lang::Pt, Lang::En] {
        for rule in &extractor().lexicon(lang).rules {
            for example in &rule.examples {
                count += 1;
                let ex = extractor().extract(&article(&example.text, lang));
                for expected in &example.expect {
                    if !asserts(&ex, expected) {
                        failures.push(format!(
                            "{}\n    {:?}\n    expected {expected:?}, got {:?}",
                            rule.origin,
                            example.text,
                            triples(&ex)
                        ));
                    }
                }
                if example.expect.is_empty() {
                    let wrong: Vec<String> = ex
                        .facts
                        .iter()
                        .filter(|f| f.is_asserted() && f.relation == rule.relation && f.cue == rule.pattern)
                        .map(|f| {
                            format!(
                                "{} {} {}",
                                ex.entities[f.subject].label,
                                f.relation.local_name(),
                                ex.entities[f.object].label
                            )
                        })
                        .collect();
                    if !wrong.is_empty() {
                        failures.push(format!(
                            "{}\n    {:?}\n    is a trap but asserted {wrong:?}",
                            rule.origin, example.text
                        ));
                    }
                }
            }
        }
    }
    assert!(count > 100, "only {count} examples");
    assert!(failures.is_empty(), "{} of {count} examples fail:\n{}", failures.len(), failures.join("\n"));
}

/// The extraction of the text tests/extraction/NAME.txt.
fn extract_named(name: &str, lang: Lang) -> Extraction {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/extraction/");
    let text = std::fs::read_to_string(format!("{dir}{name}.txt")).expect("test text");
    extractor().extract(&article(&text, lang))
}

fn check(name: &str, lang: Lang) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/extraction/");
    let text = std::fs::read_to_string(format!("{dir}{name}.txt")).expect("test text");
    let expected = std::fs::read_to_string(format!("{dir}{name}.expected")).expect("expected triples");
    let got = triples(&extractor().extract(&article(&text, lang)));
    let expected: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).collect();
    assert_eq!(got, expected, "{name}: got (left) vs expected (right)");
}

#[test]
fn roles_and_appositives_pt() {
    check("roles-pt", Lang::Pt);
    // "reuniu-se com o homólogo indiano" after "o primeiro-ministro japonês, X": India's prime
    // minister introduced before; with nobody introduced so, the country.
    check("counterparts-pt", Lang::Pt);
}

#[test]
fn roles_and_appositives_en() {
    check("roles-en", Lang::En);
}

#[test]
fn descriptions_and_bare_titles_take_up_their_antecedent() {
    // "a coligação" / "the militant group" after an appositive that defined the group
    // with it; "O presidente" / "The president" with no titled antecedent is the
    // previous sentence's subject, and with two presidents just named, nobody. "o golpe",
    // "os golpistas" / "the coup" are the junta defined before ("X, a junta que derrubou…"),
    // however far back while the story keeps naming it, and nobody before one is defined;
    // "o trabalho da Comissão", "à Comissão" are the Commission named before, nobody before it.
    check("coreference-pt", Lang::Pt);
    check("coreference-en", Lang::En);
    check("coup-pt", Lang::Pt);
    check("coup-en", Lang::En);
    // "o conselho", "the committee": the one organisation named before with that noun in its
    // name ("o Conselho de Paz e Segurança"); with two committees named, nobody.
    check("named-heads-pt", Lang::Pt);
    check("named-heads-en", Lang::En);
    check("short-forms-pt", Lang::Pt);
}

#[test]
fn a_body_named_by_its_leaders_and_their_places_is_the_places() {
    // "os regimes liderados pelo coronel X, no Mali, e pelo capitão Y, no Burkina Faso,
    // avisaram": Mali and Burkina Faso warned; not a body led by nobody named, nor one that is
    // the object, nor one whose comma phrase is a date.
    check("led-bodies-pt", Lang::Pt);
    check("led-bodies-en", Lang::En);
}

#[test]
fn a_description_opening_the_clause_stands_for_its_actor() {
    // "O gabinete da primeira-ministra …, X, acusou", "X's office accused": X accuses; "A
    // cimeira … da União Africana, realizada …, terminou com um ultimato", "The ECOWAS summit,
    // convened in Abuja, condemned": the body. A summit named by its place ("A cimeira de
    // Haia", "The Hague summit") and a cabinet ("o gabinete de segurança de Israel") are none.
    check("stand-ins-pt", Lang::Pt);
    check("stand-ins-en", Lang::En);
}

#[test]
fn a_predicate_in_a_series_is_the_first_subjects() {
    // "A manifestou apoio a B, condenou C e pediu calma": A condemned C; not without the
    // closing "e", nor a verb in another form. "pela organização regional", "the regional
    // bloc" take up the body named before; "a organização europeia" does not.
    check("series-pt", Lang::Pt);
    check("series-en", Lang::En);
}

#[test]
fn a_deed_named_by_its_noun_is_judged_as_its_doer() {
    // "condemned the strikes", "classificou a viagem de …" criticise who the article said
    // struck or travelled; "did not condemn" and "may criticise" assert nothing, and with two
    // attackers named before "the attack" is nobody's.
    check("deeds-en", Lang::En);
    check("deeds-pt", Lang::Pt);
    check("deeds-two-doers-en", Lang::En);
    check("deeds-two-doers-pt", Lang::Pt);
}

#[test]
fn portuguese_memberships_and_visits() {
    // "Michel Temer (PMDB)", "Renan Calheiros (PMDB-AL)": the party in parentheses, no other name
    // of the person ("o DEM" later is the party); "é filiada ao", "se filiou ao", not "já foi
    // filiado", "desfiliou-se do", "pode filiar-se". "a NATO, da qual a Turquia faz parte" makes a
    // member, "a que a Noruega nunca aderiu" does not. "Em viagem à Alemanha, o presidente X",
    // "X acusou Z, durante uma visita a Y" are X's visits; "a visita de Lula" is Lula's.
    check("parties-pt", Lang::Pt);
    check("visits-occasion-pt", Lang::Pt);
}

#[test]
fn negation_and_hedging_keep_facts_out() {
    check("factuality-en", Lang::En);
    check("factuality-pt", Lang::Pt);
}

#[test]
fn middle_initials_and_titles_that_belong_to_the_next_name() {
    check("names-pt", Lang::Pt);
}

#[test]
fn relative_clauses_second_predicates_and_short_forms_keep_their_actors() {
    // The traps: "O Gana disse que o Togo atacou … e acusou o Benim" gives Ghana no accusation.
    // "a Comissão" alone is the Comissão Europeia named before; "atacou Washington pelo seu
    // discurso" is criticism, "atacou a Ucrânia com mísseis" an attack.
    check("clauses-pt", Lang::Pt);
    check("clauses-en", Lang::En);
}

#[test]
fn a_country_or_company_before_a_company_noun_only_qualifies_the_name_after_it() {
    // "talks with Chinese state lender Exim Bank" are with the bank, not with China; "a
    // deal with Danish shipping firm Maersk" (a name the extractor does not know) is with
    // nobody it can name, so no fact rather than one with Denmark.
    check("modifiers-en", Lang::En);
    check("modifiers-pt", Lang::Pt);
}

#[test]
fn an_actor_in_a_phrase_that_opens_the_sentence_is_not_its_subject() {
    // "Depois do Japão, Lula viajou", "After Paris, Macron flew": no list of two actors, so
    // the one before the comma does nothing; a list with its "e"/"and" still goes on.
    check("fronted-pt", Lang::Pt);
    check("fronted-en", Lang::En);
}

#[test]
fn a_court_condemning_someone_to_prison_is_a_sentence_not_criticism() {
    check("judgements-pt", Lang::Pt);
    check("judgements-en", Lang::En);
}

#[test]
fn subjects_of_relative_and_reported_clauses() {
    // An actor closing a relative clause is not the subject of the verb after it; a
    // reported clause whose subject is a pronoun, or omitted after "que", is its
    // reporter's; "would" after "said"/"announced" reports a decision, after "warned" it hedges;
    // an actor ending a phrase set off by commas acts for no verb after it; a cleft
    // ("Foi X quem atacou Y") is its plain statement; a gerund after a comma has the main subject.
    check("subjects-pt", Lang::Pt);
    check("subjects-en", Lang::En);
}

#[test]
fn speakers_quantities_left_without_a_verb_and_posts_in_apposition() {
    // "X said Y had acted … and accused Z" is X's accusation (not in one tense: "Ghana said Togo
    // attacked … and accused Benin" stays no one's); "A has 600 soldiers in B, and C about 250"
    // gives C the same troops in B, not troops in C; "X, head of the press office, the Centre,
    // told …" is X's charge; "X reiterou o apoio de Z a Y": X and Z support Y.
    check("speakers-en", Lang::En);
    check("speakers-pt", Lang::Pt);
}

#[test]
fn a_clause_after_a_semicolon_has_a_subject_of_its_own() {
    // "A imposed sanctions on B; days later, C sanctioned D, accusing E": the participle is
    // C's, not A's (the exact list leaves out "Chile accuses Colombia"), and one before the
    // semicolon stays its own clause's subject's.
    check("semicolons-en", Lang::En);
    check("semicolons-pt", Lang::Pt);
}

#[test]
fn one_actor_doing_one_thing_on_one_day_does_it_in_one_place() {
    let text = "Ministers meet\n\n\
        The European Union imposed sanctions on Iran in Geneva on Monday.\n\n\
        In a separate decision, the European Union also sanctioned Belarus.\n\n\
        The European Union sanctioned Syria on Friday.\n\n\
        Russia attacked Ukraine in Kharkiv on Tuesday. Russia also attacked Moldova.";
    let ex = extractor().extract(&article(text, Lang::En));
    let place = |relation: newsgraph::relation::Relation, object: &str| {
        let fact = ex
            .facts
            .iter()
            .find(|f| f.relation == relation && called(&ex, f.object, object))
            .unwrap_or_else(|| panic!("{relation:?} {object}"));
        fact.place.map(|p| ex.entities[p].label.clone())
    };
    use newsgraph::relation::Relation::*;
    assert_eq!(place(Sanctions, "Iran").as_deref(), Some("Geneva"));
    // The same day (the story's Monday): the same occasion.
    assert_eq!(place(Sanctions, "Belarus").as_deref(), Some("Geneva"));
    // Another day, another occasion.
    assert_eq!(place(Sanctions, "Syria"), None);
    // An attack's place is its target's, not its doer's: no sharing.
    assert_eq!(place(Attacks, "Ukraine").as_deref(), Some("Kharkiv"));
    assert_eq!(place(Attacks, "Moldova"), None);
}

#[test]
fn a_post_taken_up_is_dated_and_a_post_held_is_not() {
    let text = "Summit ends\n\n\
        The leaders met in Accra on Friday. At the end of the summit, Nana Akufo-Addo assumed the presidency of ECOWAS.\n\n\
        The African Union, led by Moussa Faki, stayed silent.";
    let ex = extractor().extract(&article(text, Lang::En));
    let date = |leader: &str| {
        let fact = ex
            .facts
            .iter()
            .find(|f| f.relation == newsgraph::relation::Relation::LeaderOf && called(&ex, f.subject, leader))
            .unwrap_or_else(|| panic!("{leader} leads"));
        fact.date.map(|d| d.lexical())
    };
    assert_eq!(date("Nana Akufo-Addo").as_deref(), Some("2025-05-30"));
    // "led by" names a post held, with no time.
    assert_eq!(date("Moussa Faki"), None);
}

#[test]
fn whoever_a_sentence_opens_by_citing_is_its_source_not_its_subject() {
    // "Segundo Fulano, o senador reuniu-se com X": the senator met X, not Fulano, even where
    // the name took "o senador" in as its apposition.
    check("citations-en", Lang::En);
    check("citations-pt", Lang::Pt);
}

#[test]
fn an_actor_that_qualifies_a_noun_is_no_new_subject() {
    // "vetoed a UN Security Council resolution …, a move Peru called a disgrace", "seized the
    // Kherson administration building … and has besieged Mariupol": the clause summary and the
    // second predicate are still the first subject's; "and Cyprus accused" has its own.
    check("noun-modifiers-en", Lang::En);
}

#[test]
fn the_army_accused_of_a_deed_is_the_army_named_before() {
    // "accused the army of shelling": "of" opens the accusation's complement, not the
    // noun's, so "the army" takes up the armed forces named before.
    let text = "The Sudanese Armed Forces retook Omdurman. Chad accused the army of shelling the border.";
    let got = triples(&extractor().extract(&article(text, Lang::En)));
    assert!(got.contains(&"Chad accuses Sudanese Armed Forces".to_string()), "{got:?}");
    // The trap: "the army of Niger" is Niger's army, not the one named before.
    let text = "The Sudanese Armed Forces retook Omdurman. Chad accused the army of Niger.";
    let got = triples(&extractor().extract(&article(text, Lang::En)));
    assert!(!got.contains(&"Chad accuses Sudanese Armed Forces".to_string()), "{got:?}");
}

#[test]
fn undated_events_take_the_story_time() {
    let text = "Ghana accuses Togo of border raid\n\n\
        ACCRA, March 5, 2025 – Ghana accused Togo on Monday of sending soldiers across the border.\n\n\
        The Ghanaian foreign minister met the Togolese ambassador in Accra on Tuesday.\n\n\
        During the meeting, Ghana criticised Togo for the incursion.\n\n\
        Ghana and Togo signed a border treaty in 1975.";
    let ex = extractor().extract(&Article { published: None, ..article(text, Lang::En) });
    let date = |relation: newsgraph::relation::Relation| {
        let fact = ex.facts.iter().find(|f| f.relation == relation).expect("the fact is found");
        fact.date.map(|d| d.lexical())
    };
    use newsgraph::relation::Relation::*;
    // The headline's accusation is the lead's, dated by the lead; the criticism in
    // "During the meeting" is dated by the sentence before it.
    assert_eq!(date(Accuses).as_deref(), Some("2025-03-03"));
    assert_eq!(date(Criticizes).as_deref(), Some("2025-03-04"));
    assert_eq!(date(SignsAgreementWith).as_deref(), Some("1975"));
}

#[test]
fn a_relative_date_off_the_calendar_is_left_out() {
    // "yesterday" of 0001-01-01 would be year 0, which no xsd:date can carry.
    let first_day = newsgraph::date::Date::new(1, 1, 1);
    let ex =
        extractor().extract(&Article { published: first_day, ..article("Chile criticised Peru yesterday.", Lang::En) });
    let fact = ex.facts.iter().find(|f| f.relation == newsgraph::relation::Relation::Criticizes).expect("the fact");
    // The fact stays, with no date or the article's own, never the day before it.
    assert!(matches!(fact.date.map(|d| d.lexical()).as_deref(), None | Some("0001-01-01")), "{:?}", fact.date);
}

#[test]
fn lists_capitals_and_demonyms() {
    // A list in apposition with "todos membros da"/"all members of" is each member's;
    // candidates ("candidatas a membros", "hoping to become members") are not. An open end
    // ("e oito outros países", "and eight other countries") leaves the named ones the subject;
    // negated or hedged, the list asserts nothing.
    check("lists-pt", Lang::Pt);
    check("lists-en", Lang::En);
    check("open-lists-pt", Lang::Pt);
    check("open-lists-en", Lang::En);
}

#[test]
fn a_capital_used_as_a_place_is_a_place_and_dates_resolve() {
    let text =
        "O primeiro-ministro japonês, Fumio Kishida, reuniu-se na terça-feira em Seul com o presidente sul-coreano.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    let seoul = ex.entities.iter().position(|e| e.label == "Seul").expect("Seoul is an entity");
    assert_eq!(ex.entities[seoul].kind, newsgraph::gazetteer::Kind::Place);
    let m = ex.facts.iter().find(|f| f.relation == newsgraph::relation::Relation::MeetsWith).expect("a meeting");
    assert_eq!(m.place, Some(seoul));
    assert_eq!(m.date.map(|d| d.lexical()).as_deref(), Some("2025-06-03"));
    let text = "Seul acusou Pyongyang de lançar mísseis.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    let named: Vec<_> = ex.mention_entities.iter().flatten().map(|&e| &ex.entities[e]).collect();
    assert!(
        named.iter().all(|e| e.kind != newsgraph::gazetteer::Kind::Place),
        "capitals acting are their countries: {named:?}"
    );
}

#[test]
fn a_seat_after_a_locative_and_an_article_is_a_place() {
    let kinds = |text: &str| {
        let ex = extractor().extract(&article(text, Lang::En));
        ex.mention_entities
            .iter()
            .flatten()
            .map(|&e| (ex.entities[e].label.clone(), ex.entities[e].kind))
            .collect::<Vec<_>>()
    };
    let at = kinds("The president spoke to reporters at the White House on Monday.");
    assert!(at.iter().any(|(l, k)| l == "White House" && *k == newsgraph::gazetteer::Kind::Place), "{at:?}");
    // The seat acting is its government's country.
    let acting = kinds("The White House said the talks would go on.");
    assert!(
        acting.iter().any(|(l, k)| l == "United States" && *k == newsgraph::gazetteer::Kind::Country),
        "{acting:?}"
    );
}

#[test]
fn a_surname_alone_is_the_same_person() {
    let text = "The Kenyan president, William Ruto, arrived in Addis Ababa. Ruto later met African Union officials.";
    let ex = extractor().extract(&article(text, Lang::En));
    let people: Vec<&str> =
        ex.entities.iter().filter(|e| e.kind == newsgraph::gazetteer::Kind::Person).map(|e| e.label.as_str()).collect();
    assert_eq!(people, ["William Ruto"]);
}

#[test]
fn the_first_of_two_surnames_alone_is_the_same_person() {
    // A name of three words or more may be called by the word before its last.
    let text = "A candidata Ana Lucía Ferreira Quispe disputou a eleição. Ferreira criticou o Chile.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    assert!(asserts(&ex, "Ana Lucía Ferreira Quispe criticizes Chile"), "{:?}", triples(&ex));
    let text = "The opposition candidate, Edmundo Ramírez Urrutia, won the vote. Ramírez criticised Chile.";
    let ex = extractor().extract(&article(text, Lang::En));
    assert!(asserts(&ex, "Edmundo Ramírez Urrutia criticizes Chile"), "{:?}", triples(&ex));
}

#[test]
fn an_event_takes_a_place_near_it_not_the_place_it_is_about() {
    let place = |text: &str, lang: Lang| {
        let ex = extractor().extract(&article(text, lang));
        let m = ex.facts.iter().find(|f| f.relation == newsgraph::relation::Relation::MeetsWith).expect("a meeting");
        m.place.map(|p| ex.entities[p].label.clone())
    };
    // The meeting's place stands past a relative clause about the other party.
    let near = "Ghana's foreign minister met Togo's president, who chairs the regional bloc, in Lomé on Monday.";
    assert_eq!(place(near, Lang::En).as_deref(), Some("Lomé"));
    // The place at the end of a long complement is what they discussed.
    let topic = "O Gana e o Togo reuniram-se para discutir a reconstrução de várias aldeias na região de Volta.";
    assert_eq!(place(topic, Lang::Pt), None);
}

/// The date (lexical form) and place (label) of the first fact of a relation.
fn when_and_where(ex: &Extraction, relation: newsgraph::relation::Relation) -> (Option<String>, Option<String>) {
    let fact = ex.facts.iter().find(|f| f.relation == relation).unwrap_or_else(|| panic!("a {relation:?} fact"));
    (fact.date.map(|d| d.lexical()), fact.place.map(|p| ex.entities[p].label.clone()))
}

#[test]
fn hours_later_is_the_day_the_story_was_at_even_when_the_sentence_before_named_none() {
    // Monday (3 March) carries to the next paragraph's first sentence, which names no date;
    // "Horas depois" counts from it, not from the article's day.
    let text = "Acra, 5 de março de 2025 – O Gana acusou o Togo na segunda-feira de violar a fronteira.\n\n\
        Num comunicado, o governo ganês pediu calma. Horas depois, o Benim acusou o Togo de apoiar os rebeldes.";
    let ex = extractor().extract(&Article { published: None, ..article(text, Lang::Pt) });
    let benin = ex.facts.iter().find(|f| ex.entities[f.subject].label == "Benim").expect("Benim accuses Togo");
    assert_eq!(benin.date.map(|d| d.lexical()).as_deref(), Some("2025-03-03"));
    // A number of hours counts on from the day: "48 hours later" is not that day.
    let text = "ACCRA, March 5, 2025 – Ghana accused Togo on Monday of a border raid.\n\n\
        In a statement, Ghana's government called for calm. 48 hours later, Benin accused Togo of arming rebels.";
    let ex = extractor().extract(&Article { published: None, ..article(text, Lang::En) });
    let benin = ex.facts.iter().find(|f| ex.entities[f.subject].label == "Benin").expect("Benin accuses Togo");
    assert_ne!(benin.date.map(|d| d.lexical()).as_deref(), Some("2025-03-03"));
}

#[test]
fn the_headline_takes_the_leads_first_date_after_its_dateline_and_the_datelines_place() {
    let text = "Ghana accuses Togo of border raid\n\n\
        ACCRA, March 5, 2025 – Police said on Monday that soldiers had crossed the border after clashes last month.";
    let ex = extractor().extract(&Article { published: None, ..article(text, Lang::En) });
    assert_eq!(when_and_where(&ex, newsgraph::relation::Relation::Accuses).0.as_deref(), Some("2025-03-03"));
    // The lead's dateline places the headline's words too; not a strike, which is not where
    // its actor stands.
    assert_eq!(when_and_where(&ex, newsgraph::relation::Relation::Accuses).1.as_deref(), Some("Accra"));
    let text = "Ghana shells Togo\n\nACCRA, March 5, 2025 – Police said on Monday that the border was closed.";
    let ex = extractor().extract(&Article { published: None, ..article(text, Lang::En) });
    assert_eq!(when_and_where(&ex, newsgraph::relation::Relation::Attacks).1, None);
    // A weekday may open the dateline's date; it is still the dateline's, not the lead's.
    let text = "Gana acusa Togo de incursão na fronteira\n\n\
        Acra, quarta-feira, 5 de março de 2025 – A polícia disse na segunda-feira que soldados atravessaram a fronteira.";
    let ex = extractor().extract(&Article { published: None, ..article(text, Lang::Pt) });
    assert_eq!(when_and_where(&ex, newsgraph::relation::Relation::Accuses).0.as_deref(), Some("2025-03-03"));
}

#[test]
fn a_dateline_in_capitals_or_naming_a_city_state_is_the_place_of_what_the_lead_says() {
    let cases = [
        ("ACCRA, March 5, 2025 – Ghana accused Togo of a border raid.", Lang::En, Some("Accra")),
        // Connectors stay in lower case in the looked-up name.
        ("RIO DE JANEIRO, March 5, 2025 – Brazil accused Paraguay of a border raid.", Lang::En, Some("Rio de Janeiro")),
        // A city-state's dateline is the country's entity, still a place.
        ("SINGAPORE, May 3, 2025 – Malaysia accused Indonesia of a border raid.", Lang::En, Some("Singapore")),
        (
            "Luxemburgo, 3 de maio de 2025 – A Bélgica acusou os Países Baixos de espionagem.",
            Lang::Pt,
            Some("Luxemburgo"),
        ),
        // A weekday may come between the place and the date.
        ("PARIS, Tuesday, May 6, 2025 – Belgium accused the Netherlands of espionage.", Lang::En, Some("Paris")),
        // The trap: words in capitals before a comma that is no dateline's are a headline's.
        ("GHANA, TOGO TALKS – Ghana accused Togo of a border raid.", Lang::En, None),
    ];
    for (text, lang, place) in cases {
        let ex = extractor().extract(&Article { published: None, ..article(text, lang) });
        assert_eq!(when_and_where(&ex, newsgraph::relation::Relation::Accuses).1.as_deref(), place, "{text}");
    }
}

#[test]
fn a_relative_clause_keeps_its_date_and_a_capital_named_by_demonym_is_a_place() {
    // Thursday is when she landed, not when she met; the meeting takes the story's Friday.
    let text = "Lima, 6 de junho de 2025 – Os ministros reuniram-se esta sexta-feira.\n\n\
        A presidente chilena, Michelle Bachelet, que aterrou na capital peruana na quinta-feira, \
        reuniu-se com o presidente do Peru, Pedro Castillo.";
    let ex = extractor().extract(&Article { published: None, ..article(text, Lang::Pt) });
    let (date, place) = when_and_where(&ex, newsgraph::relation::Relation::MeetsWith);
    assert_eq!(date.as_deref(), Some("2025-06-06"));
    assert_eq!(place.as_deref(), Some("Lima"));
    let text = "Chile's foreign minister met Peru's president in the Peruvian capital on Monday.";
    let ex = extractor().extract(&article(text, Lang::En));
    assert_eq!(when_and_where(&ex, newsgraph::relation::Relation::MeetsWith).1.as_deref(), Some("Lima"));
}

#[test]
fn a_day_counted_from_another_takes_its_date() {
    use newsgraph::relation::Relation::*;
    // "the day before": the day before the last date the story named.
    let text = "Chile's foreign minister met Peru's president last Friday. \
        Chile had criticised Bolivia the day before.";
    let ex = extractor().extract(&article(text, Lang::En));
    assert_eq!(when_and_where(&ex, MeetsWith).0.as_deref(), Some("2025-05-30"));
    assert_eq!(when_and_where(&ex, Criticizes).0.as_deref(), Some("2025-05-29"));
    // "na véspera da cimeira": the day before the summit, whose day an earlier sentence gave.
    let text = "A cimeira da CEDEAO, realizada no domingo em Abuja, terminou sem acordo. \
        O Níger libertou dois reféns a 20 de maio. \
        Na véspera da cimeira, o Mali acusou a CEDEAO de preparar uma intervenção.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    assert_eq!(when_and_where(&ex, Accuses).0.as_deref(), Some("2025-05-31"));
    // "no dia seguinte": the day after the date the story named before.
    let text = "O Chile criticou o Peru a 2 de junho. No dia seguinte, o Chile acusou a Bolívia de espionagem.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    assert_eq!(when_and_where(&ex, Accuses).0.as_deref(), Some("2025-06-03"));
}

#[test]
fn a_day_after_a_clause_dates_the_clause_a_day_before_the_story() {
    use newsgraph::relation::Relation::*;
    // Wednesday 2025-06-04: the talks are the story's, the shelling the day before them.
    let text = "LIMA, June 4, 2025 – Chile met Peru on Wednesday. \
        The talks came a day after Bolivia shelled Peru near the border.";
    assert_eq!(date_of(text, Lang::En, Attacks).as_deref(), Some("2025-06-03"));
    assert_eq!(date_of(text, Lang::En, MeetsWith).as_deref(), Some("2025-06-04"));
    let text = "Lima, 4 de junho de 2025 – O Chile reuniu-se com o Peru esta quarta-feira. \
        O encontro aconteceu um dia depois de a cidade peruana de Tacna ter sido bombardeada pela Bolívia.";
    assert_eq!(date_of(text, Lang::Pt, Attacks).as_deref(), Some("2025-06-03"));
    // "a day before" a clause: the clause is the day after.
    let text = "LIMA, June 4, 2025 – Chile criticised Peru on Monday, a day before Bolivia sanctioned Peru.";
    assert_eq!(date_of(text, Lang::En, Sanctions).as_deref(), Some("2025-06-03"));
    // The clause before the words keeps its own day.
    let text = "LIMA, June 4, 2025 – Chile criticised Peru on Monday, a day after Bolivia sanctioned Peru.";
    assert_eq!(date_of(text, Lang::En, Criticizes).as_deref(), Some("2025-06-02"));
    assert_eq!(date_of(text, Lang::En, Sanctions).as_deref(), Some("2025-06-01"));
    // The trap: "a day later" opens no clause and counts forward, and what the recalled day
    // dates is no time later sentences are told at.
    let text = "LIMA, June 4, 2025 – Chile met Peru on Monday. A day later, Chile sanctioned Bolivia.";
    assert_eq!(date_of(text, Lang::En, Sanctions).as_deref(), Some("2025-06-03"));
    let text = "LIMA, June 4, 2025 – The vote came a day after Bolivia shelled Peru. Chile criticised Bolivia.";
    assert_eq!(date_of(text, Lang::En, Criticizes).as_deref(), Some("2025-06-04"));
}

#[test]
fn talks_held_in_a_capital_are_a_meeting_with_its_country_there() {
    use newsgraph::relation::Relation::*;
    let text = "Chile and Peru clashed. Chile's foreign minister, Ana Soto, held talks in Lima on Monday.";
    let ex = extractor().extract(&article(text, Lang::En));
    assert!(triples(&ex).contains(&"Ana Soto meetsWith Peru".to_string()), "{:?}", triples(&ex));
    assert!(triples(&ex).contains(&"Ana Soto visits Lima".to_string()), "{:?}", triples(&ex));
    assert_eq!(when_and_where(&ex, MeetsWith), (Some("2025-06-02".to_string()), Some("Lima".to_string())));
    // The trap: the country's own minister at home meets nobody and visits nothing.
    let text = "Chile and Peru clashed. Peru's foreign minister, Ana Soto, held talks in Lima on Monday.";
    let got = triples(&extractor().extract(&article(text, Lang::En)));
    assert!(!got.iter().any(|t| t.contains("meetsWith") || t.contains("visits")), "{got:?}");
}

#[test]
fn a_clause_without_a_date_takes_the_one_its_sentence_set_before_it() {
    use newsgraph::relation::Relation::*;
    let text = "In January, Chile recalled its ambassador; days later, Chile sanctioned Peru.";
    let ex = extractor().extract(&article(text, Lang::En));
    assert_eq!(when_and_where(&ex, Sanctions).0.as_deref(), Some("2025-01"));
    let text = "A crise começou em 3 de março, quando o Chile acusou o Peru de espionagem.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    assert_eq!(when_and_where(&ex, Accuses).0.as_deref(), Some("2025-03-03"));
    // A clause set at another time ("after") does not take it.
    let text = "On Monday, Chile recalled its ambassador, after Peru had accused Chile of spying.";
    let ex = extractor().extract(&article(text, Lang::En));
    assert_ne!(when_and_where(&ex, Accuses).0.as_deref(), Some("2025-06-02"));
}

#[test]
fn a_date_a_bound_opens_is_no_time_the_story_is_told_at() {
    use newsgraph::relation::Relation::*;
    // "since the crisis of 1992" compares with 1992: the next sentence is told at the
    // dateline's day, not in 1992.
    let text = "LIMA, June 4, 2025 – The protests were the largest since the crisis of 1992. \
        Chile criticised Peru over the crackdown.";
    assert_eq!(date_of(text, Lang::En, Criticizes).as_deref(), Some("2025-06-04"));
    let text = "Lima, 4 de junho de 2025 – Os protestos foram os maiores desde a crise de 1992. \
        O Chile criticou o Peru pela repressão.";
    assert_eq!(date_of(text, Lang::Pt, Criticizes).as_deref(), Some("2025-06-04"));
    // The trap: a year no bound opens sets the story's time.
    let text = "LIMA, June 4, 2025 – The protests were the largest in 1992. Chile criticised Peru over the crackdown.";
    assert_eq!(date_of(text, Lang::En, Criticizes).as_deref(), Some("1992"));
    // A bound reaches no further than its phrase: "in May" after a dash is the story's.
    let text = "LIMA, June 4, 2025 – The summit, the first since 1950 – will take place in May. \
        Chile criticised Peru over the crackdown.";
    assert_eq!(date_of(text, Lang::En, Criticizes).as_deref(), Some("2025-05"));
}

#[test]
fn the_datelines_place_is_where_the_leads_actors_speak_not_where_they_strike() {
    use newsgraph::relation::Relation::*;
    let text = "Lima, 3 de junho de 2025 – O Chile acusou o Peru de espionagem.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    assert_eq!(when_and_where(&ex, Accuses).1.as_deref(), Some("Lima"));
    let text = "Lima, 3 de junho de 2025 – O Chile atacou o Peru.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    assert_eq!(when_and_where(&ex, Attacks).1, None);
}

/// The date (lexical form) of the first fact of a relation in a text whose date is its dateline's.
fn date_of(text: &str, lang: Lang, relation: newsgraph::relation::Relation) -> Option<String> {
    when_and_where(&extractor().extract(&Article { published: None, ..article(text, lang) }), relation).0
}

#[test]
fn a_weekday_of_last_or_next_week_is_in_that_calendar_week() {
    use newsgraph::relation::Relation::*;
    // Friday 2022-08-05: Thursday of last week is 07-28, not yesterday.
    let text = "Brasília, 5 de agosto de 2022 – Na quinta-feira da semana passada, o Chile criticou o Peru.";
    assert_eq!(date_of(text, Lang::Pt, Criticizes).as_deref(), Some("2022-07-28"));
    // The day of the month in parentheses (pt-BR) settles it.
    let text = "Brasília, 5 de agosto de 2022 – Na segunda-feira da semana passada (25), o Chile criticou o Peru.";
    assert_eq!(date_of(text, Lang::Pt, Criticizes).as_deref(), Some("2022-07-25"));
    let text = "LIMA, Aug 5, 2022 – Chile will meet Peru on Monday of next week.";
    assert_eq!(date_of(text, Lang::En, MeetsWith).as_deref(), Some("2022-08-08"));
    let text = "LIMA, Aug 5, 2022 – Chile criticised Peru on Tuesday last week.";
    assert_eq!(date_of(text, Lang::En, Criticizes).as_deref(), Some("2022-07-26"));
}

#[test]
fn a_second_predicate_with_a_date_of_its_own_leaves_the_firsts_behind() {
    use newsgraph::relation::Relation::*;
    // Friday 2025-06-06: she landed on Tuesday and met him the day after.
    let text = "Lima, 6 de junho de 2025 – A ministra chilena, Ana Soto, desembarcou em Lima na terça-feira \
        e, no dia seguinte, reuniu-se com o presidente peruano, Pedro Castillo.";
    assert_eq!(date_of(text, Lang::Pt, MeetsWith).as_deref(), Some("2025-06-04"));
    // Without a date of its own, the second predicate keeps the first's.
    let text = "Lima, 6 de junho de 2025 – A ministra chilena, Ana Soto, saiu de Santiago na terça-feira \
        e chegou ao Peru ao fim da tarde.";
    assert_eq!(date_of(text, Lang::Pt, Visits).as_deref(), Some("2025-06-03"));
    // Its place too: the meeting is in Lima, not where the talks were.
    let text = "A ministra chilena, Ana Soto, participou das conversas em Quito e, no sábado, \
        foi a Lima para se reunir com o presidente peruano, Pedro Castillo.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    assert_eq!(when_and_where(&ex, MeetsWith).1.as_deref(), Some("Lima"));
}

#[test]
fn a_relative_clause_ends_after_the_titled_name_it_ends_with() {
    // The comma of "o presidente peruano, Pedro Castillo," is the name's, not the clause's:
    // the call keeps the clause's Tuesday (2025-06-03 for a story of Friday the 6th).
    let text = "Lima, 6 de junho de 2025 – Bachelet, que conversou por telefone na terça-feira com o \
        presidente peruano, Pedro Castillo, tem dito que espera pelos resultados.";
    assert_eq!(date_of(text, Lang::Pt, newsgraph::relation::Relation::MeetsWith).as_deref(), Some("2025-06-03"));
}

#[test]
fn visits_named_in_a_phrase_during_the_visit() {
    check("visits-en", Lang::En);
    check("visits-pt", Lang::Pt);
}

#[test]
fn war_reports_fighting_between_sides_sieges_and_the_army_of_the_story() {
    // "Fighting between X and Y" is an attack each way; "has besieged Y" an attack; "according
    // to X, which blamed Y" X's accusation; "the army" the armed forces the article named,
    // when they are one country's.
    check("war-en", Lang::En);
    check("war-pt", Lang::Pt);
}

#[test]
fn the_army_is_nobody_when_two_countries_armies_are_named() {
    let text = "The Sudanese Armed Forces and the Armed Forces of the Democratic Republic of the Congo \
        held talks.\n\nLast week, the army retook Bukavu.";
    let got = triples(&extractor().extract(&article(text, Lang::En)));
    assert!(!got.iter().any(|t| t.contains("captures")), "{got:?}");
}

#[test]
fn what_the_story_leaves_undated_is_news_of_the_articles_day() {
    use newsgraph::relation::Relation::*;
    // No date in the article before the accusation: it is the article's day (4 June 2025).
    let text = "Ghana said it had found a spy ring. Ghana accused Togo of running it.\n\n\
        Ghana and Togo signed a border treaty in 1975.";
    let ex = extractor().extract(&article(text, Lang::En));
    assert_eq!(when_and_where(&ex, Accuses).0.as_deref(), Some("2025-06-04"));
    assert_eq!(when_and_where(&ex, SignsAgreementWith).0.as_deref(), Some("1975"));
}

#[test]
fn a_place_named_after_a_place_word_is_where_it_happened() {
    use newsgraph::relation::Relation::*;
    // The place stands as the complement or appositive of "capital" or "city", past a date.
    let text = "Clashes between Ethiopia and Eritrea erupted in May 2024 in the capital, Asmara.";
    let ex = extractor().extract(&article(text, Lang::En));
    assert_eq!(when_and_where(&ex, Attacks), (Some("2024-05".into()), Some("Asmara".into())));
    let text = "O ministro do Gana reuniu-se com o presidente do Togo na cidade de Kumasi.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    assert_eq!(when_and_where(&ex, MeetsWith).1.as_deref(), Some("Kumasi"));
}

#[test]
fn attacks_of_words_police_operations_and_agreements_not_yet_signed() {
    // A politician who "attacks" or "is at war with" another with no weapon in the sentence
    // criticises; a police operation or an election campaign attacks no one, a military
    // operation does; "as negociações do acordo entre X e Y" is no signed agreement, "after
    // weeks of talks, X and Y signed" is.
    check("words-pt", Lang::Pt);
    check("words-en", Lang::En);
}

#[test]
fn a_known_surname_after_another_given_name_is_a_namesake() {
    // "Nestor Kirchner" and "Bill Clinton" are not the known Cristina Kirchner and
    // Hillary Clinton; the surname alone after them is the namesake until the known
    // person is named ("Hillary Clinton … Clinton criticised"). "Instituto Lula" is an
    // organisation; "Ontem" opens its sentence and is no given name.
    check("namesakes-en", Lang::En);
    check("namesakes-pt", Lang::Pt);
}

#[test]
fn a_game_between_teams_is_no_meeting_attack_or_visit() {
    // "Ghana hosted Senegal in the qualifier", "o Brasil enfrenta a Argentina na final da
    // Copa": teams and players play; a sentence with no word of a game still meets or attacks.
    check("fixtures-en", Lang::En);
    check("fixtures-pt", Lang::Pt);
}

#[test]
fn a_meeting_or_visit_still_to_come_is_only_announced() {
    // "will meet", "is due to meet", "vai reunir-se", "conversará", "visitará", "a planned
    // meeting", "foi aventada uma reunião": no direct triple, but the statement stays,
    // hedged; what happened stays asserted.
    check("planned-en", Lang::En);
    check("planned-pt", Lang::Pt);
    for (name, lang, planned) in [("planned-en", Lang::En, 6), ("planned-pt", Lang::Pt, 9)] {
        let ex = extract_named(name, lang);
        let hedged = ex
            .facts
            .iter()
            .filter(|f| f.modality == newsgraph::statements::Modality::Hedged)
            .map(|f| f.relation.local_name())
            .collect::<Vec<_>>();
        assert_eq!(hedged.len(), planned, "{name}: the planned statements are kept, hedged: {hedged:?}");
    }
}

#[test]
fn a_deed_someone_is_against_is_not_asserted() {
    // "era contrário à ação militar americana na Síria", "opposes the Russian military
    // deployment in Syria": no direct triple, the statement kept hedged; a deployment welcomed
    // or told plainly stays asserted, and "Opposition leader X met Y" still meets.
    check("opposed-pt", Lang::Pt);
    check("opposed-en", Lang::En);
    for (name, lang) in [("opposed-pt", Lang::Pt), ("opposed-en", Lang::En)] {
        let ex = extract_named(name, lang);
        let hedged = ex.facts.iter().filter(|f| f.modality == newsgraph::statements::Modality::Hedged).count();
        assert_eq!(hedged, 2, "{name}: the two deployments opposed are kept, hedged");
    }
}

#[test]
fn a_charge_for_a_crime_accuses_and_does_not_criticise() {
    // "denunciou X por corrupção passiva" is a prosecutor's charge: accuses, and no criticism
    // beside it; "denunciou X pela falta de transparência" still criticises.
    check("charges-pt", Lang::Pt);
}

#[test]
fn a_name_after_a_titles_portfolio_is_its_holder() {
    // "o procurador-geral da República Mário Sousa", "o ex-ministro da Saúde Paulo Tavares",
    // "the Secretary of State for Health Mark Dobson": the person, not "República Mário Sousa";
    // a portfolio with no name after it ("a ministra da Cultura criticou") names nobody.
    let glued: Vec<String> = [("portfolios-pt", Lang::Pt), ("portfolios-en", Lang::En)]
        .into_iter()
        .inspect(|&(name, lang)| check(name, lang))
        .flat_map(|(name, lang)| extract_named(name, lang).entities)
        .map(|e| e.label)
        .filter(|l| ["República", "Saúde", "Cultura", "Segurança", "Health"].iter().any(|p| l.contains(p)))
        .collect();
    assert!(glued.is_empty(), "a portfolio is no name: {glued:?}");
}

#[test]
fn a_list_that_meets_someone_together_does_not_meet_itself() {
    // "Kenya and Tanzania held talks with Uganda", "A, B e C tiveram conversas com D": each
    // member meets the other side; "Ghana and Togo held talks" still meets each other.
    check("together-en", Lang::En);
    check("together-pt", Lang::Pt);
}

#[test]
fn an_acronym_only_another_language_writes_for_an_entry_is_not_it() {
    // "a OAS" in Portuguese is the builder, not the OEA; "the OEA" in English is not the OAS.
    check("acronyms-pt", Lang::Pt);
    check("acronyms-en", Lang::En);
}

#[test]
fn a_person_received_by_a_person_was_met_and_an_ultimatum_with_its_term_threatens() {
    // "O presidente Lula recebeu Fernando Haddad": a meeting, and only between two people
    // ("O Brasil recebe a Argentina", "A Ucrânia recebeu Olaf Scholz" are none); "não recebeu"
    // asserts nothing. "deu um ultimato de uma semana à Guiné-Bissau" and "recebeu um ultimato
    // de 72 horas dos Estados Unidos" are threats; "poderá dar" and "não recebeu" are not asserted.
    check("receptions-pt", Lang::Pt);
    // "R$"/"US$" before a sum is a currency, never a name that could be received.
    let text = "O senador Sérgio Cabral recebeu R$ 6 milhões. Cabral recebeu US$ 2 milhões.";
    let ex = extractor().extract(&article(text, Lang::Pt));
    let names: Vec<&str> = ex.mentions.iter().map(|m| &text[m.span.clone()]).collect();
    assert_eq!(names, ["Sérgio Cabral", "Cabral"], "mentions of {text:?}");
}

/// Each entity's label with its kind, as "Label Kind", in order of first mention.
fn kinds(text: &str, lang: Lang) -> Vec<String> {
    let ex = extractor().extract(&article(text, lang));
    ex.entities.iter().map(|e| format!("{} {:?}", e.label, e.kind)).collect()
}

#[test]
fn particles_inside_a_name_belong_to_it() {
    let en = "Ursula von der Leyen met Charles de Gaulle. Mark van Bommel praised Mohammed bin Salman.";
    assert_eq!(
        kinds(en, Lang::En),
        [
            "Ursula von der Leyen Person",
            "Charles de Gaulle Person",
            "Mark van Bommel Person",
            "Mohammed bin Salman Person"
        ]
    );
    let pt = "Luiz Inácio Lula da Silva reuniu-se com Ursula von der Leyen.";
    assert_eq!(kinds(pt, Lang::Pt), ["Luiz Inácio Lula da Silva Person", "Ursula von der Leyen Person"]);
}

#[test]
fn institutions_and_venues_are_no_people() {
    // A hospital, a museum or a theatre is a body; a stadium, a mall or a street a place.
    let pt = "O ministro visitou o Hospital Santa Maria e o Museu Nacional Soares dos Reis. \
              Os adeptos encheram o Estádio Mané Garrincha e o Shopping Paralela.";
    let found = kinds(pt, Lang::Pt);
    for expected in [
        "Hospital Santa Maria Organization",
        "Museu Nacional Soares dos Reis Organization",
        "Estádio Mané Garrincha Place",
        "Shopping Paralela Place",
    ] {
        assert!(found.iter().any(|f| f == expected), "{expected:?} not in {found:?}");
    }
    let en = "The minister visited St Thomas Hospital and then Elm Street.";
    let found = kinds(en, Lang::En);
    for expected in ["St Thomas Hospital Organization", "Elm Street Place"] {
        assert!(found.iter().any(|f| f == expected), "{expected:?} not in {found:?}");
    }
    // Trap: a person is still a person ("Park" is no head: "Park Geun-hye").
    assert_eq!(kinds("Park Geun-hye met Shinzo Abe.", Lang::En), ["Park Geun-hye Person", "Shinzo Abe Person"]);
}

#[test]
fn a_lone_capitalised_word_after_a_plural_determiner_is_no_person() {
    let pt = "O conflito entre os Poderes preocupa Michel Temer. A greve dos Correios irritou Temer.";
    assert_eq!(kinds(pt, Lang::Pt), ["Michel Temer Person"]);
    // Trap: after a singular article the word may still be a name ("a Dilma" in Brazilian usage).
    let found = kinds("Lula elogiou a Dilma.", Lang::Pt);
    assert!(found.iter().any(|f| f.starts_with("Dilma") && f.ends_with(" Person")), "{found:?}");
}

#[test]
fn a_kind_of_body_after_a_name_makes_it_the_body() {
    let en = "The Copa-Cogeca federation criticised Phil Hogan. The Wagner group attacked Bakhmut.";
    let found = kinds(en, Lang::En);
    for expected in ["Copa-Cogeca Organization", "Wagner Organization"] {
        assert!(found.iter().any(|f| f == expected), "{expected:?} not in {found:?}");
    }
    // Trap: "government" is no such kind: "the Blair government" is Blair's.
    let found = kinds("The Blair government praised Gordon Brown.", Lang::En);
    assert!(found.iter().any(|f| f.contains("Blair") && f.ends_with(" Person")), "{found:?}");
}

#[test]
fn a_demonym_in_a_hospital_or_theatre_name_gives_it_no_country() {
    let pt = "O Hospital Sírio-Libanês recebeu Michel Temer. O Hospital Israelita contratou Ana Costa.";
    let ex = extractor().extract(&article(pt, Lang::Pt));
    let facts = triples(&ex);
    assert!(
        !facts.iter().any(|f| f.contains("affiliatedWith Síria") || f.contains("affiliatedWith Israel")),
        "{facts:?}"
    );
    let en = "The Chinese Theatre hosted Tom Hanks.";
    let facts = triples(&extractor().extract(&article(en, Lang::En)));
    assert!(!facts.iter().any(|f| f.contains("affiliatedWith China")), "{facts:?}");
    // Trap: a ministry keeps its country ("the Russian Defence Ministry").
    let en = "The Russian Defence Ministry criticised NATO.";
    let facts = triples(&extractor().extract(&article(en, Lang::En)));
    assert!(facts.iter().any(|f| f.contains("affiliatedWith Russia")), "{facts:?}");
}

#[test]
fn a_name_before_a_kind_and_another_name_only_qualifies_it() {
    // "Yorkshire company Shepherds": Shepherds is the company, Yorkshire no body.
    let found = kinds("The minister praised Yorkshire company Shepherds.", Lang::En);
    assert!(!found.iter().any(|f| f == "Yorkshire Organization"), "{found:?}");
    let found = kinds("Fans and club manager Sir Alex Ferguson backed the bid.", Lang::En);
    assert!(found.iter().any(|f| f.ends_with("Alex Ferguson Person")), "{found:?}");
}

/// The date of the sentence's criticism, in an article of 2025-06-04.
fn criticism_date(text: &str, lang: Lang) -> Option<String> {
    let ex = extractor().extract(&article(text, lang));
    when_and_where(&ex, newsgraph::relation::Relation::Criticizes).0
}

#[test]
fn a_time_counted_back_from_the_article_dates_the_event_as_precisely_as_its_unit() {
    // pt-PT, pt-BR and en, in words and in digits: days give the day, weeks and months the
    // month, years the year.
    for (text, lang, expected) in [
        ("O Chile criticou o Peru há dois anos.", Lang::Pt, "2023"),
        ("O Chile criticou o Peru há 10 anos.", Lang::Pt, "2015"),
        ("O Brasil criticou a Argentina há três dias.", Lang::Pt, "2025-06-01"),
        ("O Chile criticou o Peru há duas semanas.", Lang::Pt, "2025-05"),
        ("O Chile criticou o Peru há um mês.", Lang::Pt, "2025-05"),
        ("Chile criticised Peru a year ago.", Lang::En, "2024"),
        ("Chile criticised Peru three days ago.", Lang::En, "2025-06-01"),
        ("Chile criticised Peru two weeks ago.", Lang::En, "2025-05"),
        ("Chile criticised Peru seven months ago.", Lang::En, "2024-11"),
    ] {
        assert_eq!(criticism_date(text, lang).as_deref(), Some(expected), "{text}");
    }
}

#[test]
fn a_duration_or_an_existential_with_ha_is_no_time_counted_back() {
    // "há um ano que" is how long something lasts; "há dois anos de atraso" says there are
    // two years of delay: neither dates the criticism, which is news of the article's day.
    for text in
        ["Há um ano que o Chile critica o Peru.", "O Chile criticou o Peru porque há dois anos de atraso nas obras."]
    {
        assert_eq!(criticism_date(text, Lang::Pt).as_deref(), Some("2025-06-04"), "{text}");
    }
}

#[test]
fn a_span_between_two_years_dates_the_event_by_neither_end() {
    for (text, lang) in [
        ("O Chile criticou o Peru pelas obras feitas de 2003 a 2010.", Lang::Pt),
        ("O Chile criticou o Peru pelos acordos assinados entre 2007 e 2010.", Lang::Pt),
        ("Chile criticised Peru over the works done from 2003 until 2010.", Lang::En),
        ("Chile criticised Peru over the deals signed between 2007 and 2010.", Lang::En),
    ] {
        let date = criticism_date(text, lang);
        assert!(!matches!(date.as_deref(), Some("2003" | "2007" | "2010")), "{text}: {date:?}");
    }
}

#[test]
fn particles_in_lower_case_open_the_surname_they_belong_to() {
    // Without "von der" in the mention, "com von der Leyen" leaves two words between the
    // cue and its object, and no meeting is read.
    let pt = extractor().extract(&article(
        "A presidente da Comissão Europeia, Ursula von der Leyen, chegou a Berlim. O chanceler alemão, Olaf Scholz, \
         reuniu-se com von der Leyen na sexta-feira.",
        Lang::Pt,
    ));
    assert!(asserts(&pt, "Olaf Scholz meetsWith Ursula von der Leyen"), "{:?}", triples(&pt));
    let en = extractor().extract(&article(
        "European Commission President Ursula von der Leyen arrived in Berlin. Chancellor Olaf Scholz met von der \
         Leyen on Friday.",
        Lang::En,
    ));
    assert!(asserts(&en, "Olaf Scholz meetsWith Ursula von der Leyen"), "{:?}", triples(&en));
    // "van" alone opens no name: the vehicle's make stays the company it names.
    let van = extractor().extract(&article("A polícia apreendeu uma van Volkswagen em Curitiba.", Lang::Pt));
    assert!(van.entities.iter().all(|e| !e.label.to_lowercase().starts_with("van ")), "{:?}", van.entities);
}

#[test]
fn an_adverb_opening_a_sentence_is_nobody() {
    // "Posteriormente, o ministro…", "Finally, the minister…": a capitalised adverb before its
    // comma names no one; a name ending like one ("Kelly, the envoy, …") still does.
    for (text, lang) in [
        ("Posteriormente, o ministro criticou a Rússia.", Lang::Pt),
        ("Inicialmente, a Ucrânia recusou o plano.", Lang::Pt),
        ("Finally, the minister criticised Russia.", Lang::En),
        ("Subsequently, the minister criticised Russia.", Lang::En),
    ] {
        assert_eq!(people(text, lang), Vec::<String>::new(), "{text}");
    }
    assert_eq!(people("Kelly, the envoy, met the minister.", Lang::En), vec!["Kelly".to_string()]);
}

#[test]
fn a_heading_glued_to_its_sentence_is_nobody() {
    // "Caminhada Quando chegaram ao terminal": a section heading run into the capitalised
    // function word that opens the sentence is no person, nor the visitor of what follows; a
    // name with a connector ("Charles de Gaulle"), or one the sentence opens with, still is.
    for (text, lang) in [
        ("Protesto Quando chegaram a Brasília, os grevistas pararam.", Lang::Pt),
        ("Festa Enquanto a banda tocava, Amanda Rocha dançou.", Lang::Pt),
        ("Weather When the storm reached Miami, the roads closed.", Lang::En),
    ] {
        let ex = extractor().extract(&article(text, lang));
        let wrong: Vec<_> = people_in(&ex).into_iter().filter(|p| p != "Amanda Rocha").collect();
        assert!(wrong.is_empty(), "{text}: {wrong:?}");
        assert!(ex.facts.is_empty(), "{text}: {:?}", triples(&ex));
    }
    assert_eq!(
        people("Marcelo Dantas Quando chegou ao Recife, o ministro falou.", Lang::Pt),
        Vec::<String>::new(),
        "a heading of up to three words is cut even when it looks like a name"
    );
    assert_eq!(people("Gilberto Lemos chegou ao Recife.", Lang::Pt), vec!["Gilberto Lemos".to_string()]);
    // Only a word that opens a clause or a noun phrase ends a heading: "Militar" goes on a name.
    let ex = extractor().extract(&article("Polícia Militar prendeu Marcos Vale em Recife.", Lang::Pt));
    assert!(ex.entities.iter().any(|e| e.label == "Polícia Militar"), "{:?}", ex.entities);
}

#[test]
fn a_city_s_own_court_or_mayor_is_not_its_state() {
    // "o juiz da Vara de Brasília", "the mayor of Moscow": the capital is where the body sits,
    // and the state does nothing; a capital that stands for its government still acts.
    for (text, lang) in [
        ("O prefeito de Brasília criticou Michel Temer.", Lang::Pt),
        ("A Câmara de Lisboa criticou António Costa.", Lang::Pt),
        ("The mayor of Moscow criticised Alexei Navalny.", Lang::En),
        ("A court of Kyiv accused Viktor Yanukovych of treason.", Lang::En),
    ] {
        let ex = extractor().extract(&article(text, lang));
        let countries: Vec<_> = triples(&ex)
            .into_iter()
            .filter(|t| ["Brasil ", "Portugal ", "Russia ", "Ukraine "].iter().any(|c| t.starts_with(c)))
            .collect();
        assert!(countries.is_empty(), "{text}: {countries:?}");
    }
    let ex = extractor().extract(&article("O regime de Pyongyang criticou a Coreia do Sul.", Lang::Pt));
    assert!(asserts(&ex, "Coreia do Norte criticizes Coreia do Sul"), "{:?}", triples(&ex));
}

#[test]
fn coming_to_live_or_study_is_no_visit() {
    // "chegou a Portugal em 2009 para estudar", "arrived in Britain to study medicine": a move;
    // a president arriving for a visit still visits.
    check("settling-pt", Lang::Pt);
    check("settling-en", Lang::En);
}

#[test]
fn the_evidence_of_a_long_sentence_is_the_part_around_its_match() {
    // A transcript with no full stop is one long "sentence": its fact's evidence is the words
    // around the cue, not the whole run; a sentence of ordinary length is its own evidence.
    let long = "SONORA 1 JOÃO Isto é um longo depoimento sobre muitas coisas que aconteceram nos últimos anos no \
                país e na região, com muitas palavras que não dizem nada de importante para a questão em causa, \
                a economia, o emprego, a saúde, a educação e tudo o mais que se discute todos os dias nas \
                televisões e nos jornais SONORA 2 MARIA Ontem o Chile acusou o Peru de espionagem e a conversa \
                continuou por muito tempo sem que ninguém soubesse bem o que dizer sobre o assunto e sobre as \
                consequências para a região e para o mundo inteiro nos próximos meses e anos";
    let ex = extractor().extract(&article(long, Lang::Pt));
    let fact = ex.facts.iter().find(|f| f.relation.local_name() == "accuses").expect("Chile accuses Peru");
    let evidence = &long[fact.evidence.clone().expect("a long sentence's evidence is cut")];
    assert!(evidence.contains("o Chile acusou o Peru"), "{evidence}");
    assert!(!evidence.contains("SONORA 1") && evidence.len() < 400, "{evidence}");
    let short = "Ontem o Chile acusou o Peru de espionagem.";
    let ex = extractor().extract(&article(short, Lang::Pt));
    assert!(ex.facts.iter().all(|f| f.evidence.is_none()), "a short sentence is its own evidence");
}

#[test]
fn a_person_is_labelled_by_the_plain_name_the_story_writes_most() {
    // "Zé Celsooo!" once beside "Zé Celso" twice: the label is the plain one, though longer
    // spellings of the same key used to win.
    let label = |text: &str, key: &str| -> Vec<String> {
        let ex = extractor().extract(&article(text, Lang::Pt));
        ex.entities.iter().filter(|e| e.label.contains(key)).map(|e| e.label.clone()).collect()
    };
    let text = "Zé Celso criticou Rui Costa. A plateia gritou: Zé Celsooo! Depois, Zé Celso acusou Rui Costa.";
    assert_eq!(label(text, "Zé"), vec!["Zé Celso".to_string()]);
}

#[test]
fn an_end_the_article_implies_takes_the_date_of_its_own_words() {
    use newsgraph::relation::Relation::*;
    let text = "KYIV, Jan 25, 2023 – Germany sent artillery to Ukraine on Monday. Trade has fallen since Russia's full-scale invasion in February 2022.";
    assert_eq!(date_of(text, Lang::En, Attacks).as_deref(), Some("2022-02"));
    let text = "Kiev, 25 de janeiro de 2023 – A Alemanha enviou artilharia para a Ucrânia na segunda-feira. O comércio caiu desde a invasão russa em fevereiro de 2022.";
    assert_eq!(date_of(text, Lang::Pt, Attacks).as_deref(), Some("2022-02"));
    // The pledge keeps its own day, not the day of the aid that named the recipient.
    let ex = extractor().extract(&Article {
        published: None,
        ..article(
            "KYIV, Jan 25, 2023 – Germany sent artillery to Ukraine on Monday. Fourteen tanks were pledged by Norway on Jan. 14.",
            Lang::En,
        )
    });
    let pledge = ex
        .facts
        .iter()
        .find(|f| f.relation == ProvidesMilitaryAidTo && ex.entities[f.subject].label == "Norway")
        .expect("Norway's pledge");
    assert_eq!(ex.entities[pledge.object].label, "Ukraine");
    assert_eq!(pledge.date.map(|d| d.lexical()).as_deref(), Some("2023-01-14"));
}
