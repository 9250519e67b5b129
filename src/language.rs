//! Which language an article is in, for `--lang auto`: whatlang's trigram model over
//! the text, with a count of Portuguese and English function words to settle the
//! short texts whatlang is not sure of. newsgraph extracts Portuguese and English;
//! a text in another language (Spanish is the usual neighbour of Portuguese) or one
//! the detector is unsure of is still read, in the nearer of the two, with a
//! warning saying so. A pure function: no I/O.

use crate::input::Lang;

/// What detection made of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// The language to read it in.
    pub lang: Lang,
    /// Why that reading may be wrong (unsure, or a language newsgraph does not
    /// extract), said to the user with the input's name.
    pub warning: Option<String>,
}

/// Characters looked at: enough for any detector, and a long article costs no more.
const SAMPLE: usize = 4000;

/// Detects the language of a text.
pub fn detect(text: &str) -> Detection {
    let end = text.char_indices().nth(SAMPLE).map_or(text.len(), |(i, _)| i);
    let sample = &text[..end];
    let (words, lean) = function_words(sample);
    let Some(info) = whatlang::detect(sample) else {
        return match words {
            Some(lang) => Detection { lang, warning: None },
            None => unsure(Lang::En, "language not recognised; read as English".to_string()),
        };
    };
    let name = info.lang().eng_name();
    match (ours(info.lang()), info.is_reliable(), words) {
        (Some(lang), true, _) => Detection { lang, warning: None },
        // Few words: the function words confirm or overrule an unsure trigram guess.
        (Some(lang), false, None) => unsure(lang, format!("language unsure (perhaps {name}); read as {}", lang.name())),
        (_, false, Some(lang)) => Detection { lang, warning: None },
        (None, reliable, _) => {
            let lang = lean.unwrap_or_else(|| nearer(sample));
            let what =
                if reliable { format!("looks like {name}") } else { format!("language unsure (perhaps {name})") };
            unsure(lang, format!("{what}, which newsgraph does not extract; read as {}", lang.name()))
        }
    }
}

fn unsure(lang: Lang, warning: String) -> Detection {
    Detection { lang, warning: Some(warning) }
}

/// newsgraph's language for one of whatlang's.
fn ours(lang: whatlang::Lang) -> Option<Lang> {
    match lang {
        whatlang::Lang::Por => Some(Lang::Pt),
        whatlang::Lang::Eng => Some(Lang::En),
        _ => None,
    }
}

/// Portuguese or English, whichever the text is nearer to (English when neither).
fn nearer(text: &str) -> Lang {
    whatlang::Detector::with_allowlist(vec![whatlang::Lang::Por, whatlang::Lang::Eng])
        .detect_lang(text)
        .and_then(ours)
        .unwrap_or(Lang::En)
}

/// Portuguese or English by words only one of them uses: (a clear majority, any
/// majority); `None` when neither shows or the count is too close to call (or,
/// for the clear majority, when Spanish words are about). Spanish shares few of
/// these with Portuguese ("não", "ao", "em", "os" are not Spanish).
fn function_words(text: &str) -> (Option<Lang>, Option<Lang>) {
    const PT: &[&str] = &[
        "não", "os", "em", "uma", "do", "da", "é", "ao", "na", "no", "dos", "das", "pelo", "pela", "à", "às", "e", "o",
        "com", "foi", "são", "também",
    ];
    const EN: &[&str] =
        &["the", "of", "and", "to", "in", "is", "that", "for", "with", "was", "on", "said", "by", "has", "have"];
    // Spanish words Portuguese lacks: their presence makes "o", "e", "com" no evidence.
    const ES: &[&str] = &["el", "los", "y", "del", "las", "con", "una", "por", "fue", "también", "según"];
    let (mut pt, mut en, mut es) = (0usize, 0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        pt += usize::from(PT.contains(&word.as_str()));
        en += usize::from(EN.contains(&word.as_str()));
        es += usize::from(ES.contains(&word.as_str()) && !PT.contains(&word.as_str()));
    }
    let lean = match pt.cmp(&en) {
        std::cmp::Ordering::Greater => Some(Lang::Pt),
        std::cmp::Ordering::Less => Some(Lang::En),
        std::cmp::Ordering::Equal => None,
    };
    let clear = match (pt, en) {
        _ if es > 0 && es * 2 >= pt => None,
        (pt, en) if pt >= 2 && pt >= 3 * en => Some(Lang::Pt),
        (pt, en) if en >= 2 && en >= 3 * pt => Some(Lang::En),
        _ => None,
    };
    (clear, lean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_need_a_clear_majority() {
        assert_eq!(function_words("O governo de Angola disse que não vai ceder.").0, Some(Lang::Pt));
        assert_eq!(function_words("The government of Angola said that it would not yield.").0, Some(Lang::En));
        assert_eq!(function_words("12345"), (None, None));
        assert_eq!(function_words("El gobierno y los ministros del país no es uno."), (None, Some(Lang::Pt)));
        assert_eq!(function_words("Biden met Lula in Brasília."), (None, Some(Lang::En)));
    }
}
