//! Sentences and tokens: pure functions over a text, every span a byte range into it.
//! Knows no language data beyond a few abbreviations; no I/O.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits, hyphens or apostrophes inside them).
    Word,
    /// Digits (with `.`/`,` inside: `1.200`, `2,1`).
    Number,
    /// One punctuation character, or the English possessive `'s`.
    Punct,
}

/// A token: a byte range into the text and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// Its kind.
    pub kind: TokenKind,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "sr", "sra", "jr", "rev", "gov",
    "sen", "rep", "pres", "jan", "feb", "fev", "mar", "apr", "abr", "jun", "jul", "aug", "ago", "sep", "sept", "set",
    "oct", "out", "nov", "dec", "dez", "no", "nº", "vs", "etc", "inc", "corp", "co", "ltd", "dra", "eng", "av", "p",
    "pp", "op", "cf",
];

/// Splits a text into sentences: at `.`, `!`, `?` followed by space and a capital,
/// digit or quote (not after an abbreviation or an initial), and at every line break.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\n' {
            push_trimmed(text, start..i, &mut out);
            start = i + 1;
        } else if matches!(c, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b'.') {
                end += 1;
            }
            // Closing curly quotes (U+201D, U+2019) are three bytes each.
            while text[end..].starts_with(['\u{201D}', '\u{2019}', '\u{BB}']) {
                end += text[end..].chars().next().map_or(1, char::len_utf8);
            }
            let rest = &text[end..];
            let after_space = rest.trim_start_matches([' ', '\t', '\u{A0}']);
            let spaced = after_space.len() < rest.len();
            let next = after_space.chars().next();
            let opens = next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“«'(".contains(n));
            if spaced && opens && !(c == b'.' && ends_with_abbreviation(&text[start..i])) {
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn ends_with_abbreviation(before: &str) -> bool {
    // The last word, as a slice of the text: no string is built at each full stop.
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[start..];
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // An initial ("J. Smith"): one letter, also once lower-cased ("İ" is two characters then).
        let mut lower = c.to_lowercase();
        if lower.len() == 1 && lower.all(char::is_alphabetic) {
            return true;
        }
    }
    // "U.S." and "U.N." keep their inner stops.
    word.contains('.')
        || if word.is_ascii() {
            ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
        } else {
            // No abbreviation holds a sigma, the one letter `str::to_lowercase` maps by context.
            ABBREVIATIONS.iter().any(|a| a.chars().eq(word.chars().flat_map(char::to_lowercase)))
        }
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// Splits a span of the text into tokens.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token> {
    let slice = &text[range.clone()];
    let base = range.start;
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    // About one token for every five characters of news text: room for most sentences.
    let mut out = Vec::with_capacity(chars.len() / 4 + 1);
    let mut i = 0;
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let offset = |k: usize| chars.get(k).map_or(slice.len(), |&(o, _)| o);
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            i += 1;
            loop {
                match at(i) {
                    Some(n) if n.is_alphanumeric() => i += 1,
                    // Joiners inside a word: "norte-coreano", "Jong-un", "O'Brien", "U.S.", "1.200".
                    Some('-' | '\u{2011}' | '\'' | '\u{2019}' | '.' | ',')
                        if at(i + 1).is_some_and(char::is_alphanumeric) =>
                    {
                        let joiner = chars[i].1;
                        let next = chars[i + 1].1;
                        let possessive = matches!(joiner, '\'' | '\u{2019}')
                            && matches!(next, 's' | 'S')
                            && !at(i + 2).is_some_and(char::is_alphanumeric);
                        let stop_ok = joiner == '.' && (numeric || is_initialism(&chars, start, i));
                        let comma_ok = joiner == ',' && numeric && next.is_ascii_digit();
                        if possessive || (joiner == '.' && !stop_ok) || (joiner == ',' && !comma_ok) {
                            break;
                        }
                        i += 2;
                    }
                    _ => break,
                }
            }
            // "U.S." keeps its final stop when the token is an initialism.
            if at(i) == Some('.') && is_initialism(&chars, start, i) && i - start >= 3 {
                i += 1;
            }
            let kind = if numeric { TokenKind::Number } else { TokenKind::Word };
            out.push(Token { span: base + offset(start)..base + offset(i), kind });
        } else if matches!(c, '\'' | '\u{2019}')
            && matches!(at(i + 1), Some('s' | 'S'))
            && !at(i + 2).is_some_and(char::is_alphanumeric)
        {
            i += 2;
            out.push(Token { span: base + offset(start)..base + offset(i), kind: TokenKind::Punct });
        } else {
            i += 1;
            out.push(Token { span: base + offset(start)..base + offset(i), kind: TokenKind::Punct });
        }
    }
    out
}

/// Whether chars[start..end] look like "U.S" / "U.N" (single letters and stops).
fn is_initialism(chars: &[(usize, char)], start: usize, end: usize) -> bool {
    chars[start..end].iter().enumerate().all(|(k, &(_, c))| if k % 2 == 0 { c.is_uppercase() } else { c == '.' })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text, 0..text.len()).into_iter().map(|t| &text[t.span]).collect()
    }

    #[test]
    fn splits_sentences_but_not_after_abbreviations_or_initials() {
        let text = "U.S. President Joe Smith met Gen. Li on Jan. 14. He left.\nNext line";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["U.S. President Joe Smith met Gen. Li on Jan. 14.", "He left.", "Next line"]);
    }

    #[test]
    fn an_abbreviation_is_found_as_by_the_lower_cased_word() {
        // What the check was before it stopped building strings: the last word, lower-cased.
        let by_string = |before: &str| {
            let word: String = before.chars().rev().take_while(|c| c.is_alphanumeric() || *c == '.').collect();
            let word = word.chars().rev().collect::<String>().to_lowercase();
            word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
                || word.contains('.')
                || ABBREVIATIONS.contains(&word.as_str())
        };
        let befores = [
            "met Gen",
            "on JAN",
            "o Sr",
            "a Dra",
            "N\u{ba}",
            "the U.S",
            "he left",
            "J",
            "É",
            "Σ",
            "İ",
            "",
            "1",
            "said (",
            "o Ministério",
            "Ltd",
            "ÉTC",
            "ΣΑ",
            "ab.c",
            "é",
            ".",
        ];
        for before in befores {
            assert_eq!(ends_with_abbreviation(before), by_string(before), "{before:?}");
        }
        assert!(ends_with_abbreviation("met Gen") && ends_with_abbreviation("o Sr") && ends_with_abbreviation("J"));
        assert!(!ends_with_abbreviation("he left") && !ends_with_abbreviation("o Ministério"));
    }

    #[test]
    fn keeps_hyphenated_words_and_splits_possessives() {
        assert_eq!(words("os norte-coreanos"), ["os", "norte-coreanos"]);
        assert_eq!(words("Russia's war, 1.200 mortos"), ["Russia", "'s", "war", ",", "1.200", "mortos"]);
        assert_eq!(words("the U.S. said"), ["the", "U.S.", "said"]);
        assert_eq!(words("\"ilegal\""), ["\"", "ilegal", "\""]);
    }
}
