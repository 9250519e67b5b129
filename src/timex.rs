//! Time expressions: finds dates in a sentence's words ("na quarta-feira", "em
//! agosto passado", "May 7, 2025", "no final de 2024", "last October") and resolves
//! them against the article's date into an [`EventDate`]. Pure: words in, dates out.

use crate::date::{days_in_month, Date, EventDate, TimeUnit};
use crate::lexicon::{Lexicon, List};

/// A date found in a sentence: the words it spans (token indices) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The resolved date.
    pub date: EventDate,
    /// A day the story recalls, counted back from its time by a clause the words open
    /// ("a day after Z struck W"): the date of that clause only, not a time later
    /// sentences are told at.
    pub recalled: bool,
}

/// Finds and resolves the dates among a sentence's tokens. `words` are the tokens
/// lower-cased, `lists` their word lists (`Sentence::lists`: the rules ask a dozen lists
/// about each token), `original` as written (English month names must be capitalised,
/// so that the modal "may" is not May).
///
/// A day counted from another ("the day before", "no dia seguinte", "na véspera da
/// cimeira") counts from the event its noun names when one follows ("cimeira"), else
/// from the last day this sentence named, else from the story's time: `anchor` gives
/// the date of a noun's event (`Some(noun)`) or of the story (`None`), as far as the
/// text before this sentence tells.
pub fn find(
    lex: &Lexicon,
    words: &[&str],
    lists: &[u128],
    original: &[&str],
    published: Option<Date>,
    anchor: &dyn Fn(Option<&str>) -> Option<Date>,
) -> Vec<Timex> {
    let mut out = Vec::new();
    let mut i = 0;
    let year_at = |k: usize| -> Option<i32> {
        let w = words.get(k)?;
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    let day_at = |k: usize| -> Option<u32> {
        let w = words.get(k)?.trim_end_matches(['º', 'o', '°']);
        (w.len() <= 2 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
            .filter(|d| (1..=31).contains(d))
    };
    let month_at = |k: usize| -> Option<u32> {
        let month = *lex.months.get(*words.get(k)?)?;
        let capital = original.get(k).and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
        (lex.lang == crate::input::Lang::Pt || capital).then_some(month)
    };
    let is = |k: usize, list: List| lists.get(k).is_some_and(|&m| list.in_mask(m));
    while i < words.len() {
        // 4 de junho de 2025 | 4 de junho | 7 May 2025
        if let Some(day) = day_at(i) {
            let (m_at, after) = if words.get(i + 1) == Some(&"de") { (i + 2, i + 3) } else { (i + 1, i + 2) };
            if let Some(month) = month_at(m_at) {
                let (year_idx, year) = if words.get(after) == Some(&"de") {
                    (after + 1, year_at(after + 1))
                } else {
                    (after, year_at(after))
                };
                let year = year.or_else(|| published.map(|p| nearest_year(p, month, day)));
                if let Some(date) = year.and_then(|y| Date::new(y, month, day)) {
                    let end = if year_at(year_idx).is_some() { year_idx + 1 } else { m_at + 1 };
                    out.push(Timex { start: i, end, date: EventDate::Day(date), recalled: false });
                    i = end;
                    continue;
                }
            }
        }
        if let Some(month) = month_at(i) {
            // May 7, 2025 | Jan. 14 | May 7
            let mut k = i + 1;
            if words.get(k) == Some(&".") {
                k += 1;
            }
            if let Some(day) = day_at(k) {
                let mut y = k + 1;
                if words.get(y) == Some(&",") {
                    y += 1;
                }
                let year = year_at(y).or_else(|| published.map(|p| nearest_year(p, month, day)));
                if let Some(date) = year.and_then(|yr| Date::new(yr, month, day)) {
                    let end = if year_at(y).is_some() { y + 1 } else { k + 1 };
                    out.push(Timex { start: i, end, date: EventDate::Day(date), recalled: false });
                    i = end;
                    continue;
                }
            }
            // julho de 2019 | February 2022
            let y = if words.get(i + 1) == Some(&"de") || words.get(i + 1) == Some(&"of") { i + 2 } else { i + 1 };
            if let Some(year) = year_at(y) {
                out.push(Timex { start: i, end: y + 1, date: EventDate::Month(year, month), recalled: false });
                i = y + 1;
                continue;
            }
            // em abril | em agosto passado | last October
            if let Some(p) = published {
                let past = is(i + 1, List::Past) || (i > 0 && is(i - 1, List::Past));
                let next = is(i + 1, List::Next) || (i > 0 && is(i - 1, List::Next));
                let year = if next {
                    if month > p.month {
                        p.year
                    } else {
                        p.year + 1
                    }
                } else if month < p.month || (month == p.month && !past) {
                    p.year
                } else {
                    p.year - 1
                };
                let start = if i > 0 && (is(i - 1, List::Past) || is(i - 1, List::Next)) { i - 1 } else { i };
                let end = if is(i + 1, List::Past) || is(i + 1, List::Next) { i + 2 } else { i + 1 };
                out.push(Timex { start, end, date: EventDate::Month(year, month), recalled: false });
                i = end;
                continue;
            }
        }
        if let (Some(weekday), Some(p)) = (lex.weekdays.get(words[i]).copied(), published) {
            // The week it falls in: "quinta-feira da semana passada", "Thursday of next
            // week", "Monday last week" name a day of the calendar week before or after.
            let k = i + 1 + usize::from(is(i + 1, List::WeekOf));
            let direction = |w: usize| {
                if is(w, List::Past) {
                    Some(-7)
                } else if is(w, List::Next) {
                    Some(7)
                } else {
                    None
                }
            };
            let shift = if is(k, List::WeekWord) {
                direction(k + 1)
            } else {
                direction(k).filter(|_| is(k + 1, List::WeekWord))
            }
            .map(|days| (days, k + 2));
            let end = shift.map_or(i + 1, |(_, end)| end);
            // nesta quinta-feira (16) | no sábado (11) | na quinta-feira da semana passada (28)
            if words.get(end) == Some(&"(") && words.get(end + 2) == Some(&")") {
                if let Some(day) = day_at(end + 1) {
                    if let Some(date) = nearest_day_of_month(p, day) {
                        out.push(Timex { start: i, end: end + 3, date: EventDate::Day(date), recalled: false });
                        i = end + 3;
                        continue;
                    }
                }
            }
            if let Some((days, end)) = shift {
                let monday = p.add_days(-i64::from(p.weekday()));
                let date = monday.add_days(days + i64::from(weekday));
                out.push(Timex { start: i, end, date: EventDate::Day(date), recalled: false });
                i = end;
                continue;
            }
            let back = (i32::try_from(p.weekday()).unwrap_or(0) - i32::try_from(weekday).unwrap_or(0)).rem_euclid(7);
            let past = is(i + 1, List::Past) || (i > 0 && is(i - 1, List::Past));
            let next = is(i + 1, List::Next) || (i > 0 && is(i - 1, List::Next));
            let date = if next {
                p.add_days(i64::from(7 - back))
            } else if past && back == 0 {
                p.add_days(-7)
            } else {
                p.add_days(-i64::from(back))
            };
            out.push(Timex { start: i, end: i + 1, date: EventDate::Day(date), recalled: false });
            i += 1;
            continue;
        }
        // the day before | the next day | no dia seguinte | na véspera (da cimeira) | on the eve of the vote
        let lower_at = |k: usize| original.get(k).and_then(|w| w.chars().next()).is_some_and(char::is_lowercase);
        let shift = if is(i, List::Eve) && lower_at(i) {
            Some((-1, i + 1))
        } else if is(i, List::DayWord) && (is(i + 1, List::Earlier) || is(i + 1, List::Later)) {
            Some((if is(i + 1, List::Earlier) { -1 } else { 1 }, i + 2))
        } else if (is(i, List::Earlier) || is(i, List::Later)) && is(i + 1, List::DayWord) {
            Some((if is(i, List::Earlier) { -1 } else { 1 }, i + 2))
        } else if is(i, List::SameDayUnits)
            && (is(i + 1, List::Earlier) || is(i + 1, List::Later))
            && !(i > 0 && words[i - 1].bytes().all(|b| b.is_ascii_digit()))
        {
            // "horas depois", "hours later": the day counted from ("48 hours later" is not).
            Some((0, i + 2))
        } else {
            None
        };
        if let Some((shift, end)) = shift {
            let mut k = end;
            while k < end + 2 && is(k, List::Determiners) {
                k += 1;
            }
            let noun = (k > end || is(i, List::Eve))
                .then(|| words.get(k).copied())
                .flatten()
                .filter(|w| w.chars().all(char::is_alphabetic) && !w.is_empty() && !lex.is(List::Function, w))
                .filter(|_| lower_at(k));
            // "a day after Z struck W", "um dia depois de a cidade ter sido atingida": the words
            // open a clause, not an event's noun with a day of its own, and that clause happened a
            // day before the time the sentence is at (the day it named, else the story's). Only
            // the clause is told at it: the date starts where the clause does, after the words.
            // A clause, not a noun: its subject opens it (an article a preposition is not
            // contracted with, "de a cidade"; a name, "after Bolivia shelled") or a verb by its
            // ending comes within a few words before an "and" ("a day after the border was
            // closed"; in "a day before his death and the US studied…" the verb is another clause's).
            let subject = end + usize::from(is(end, List::ClausePreps));
            let clause = is(subject, List::ClauseSubjects)
                || original.get(subject).and_then(|w| w.chars().next()).is_some_and(char::is_uppercase)
                || (subject..words.len().min(subject + 5))
                    .take_while(|&j| {
                        words[j].chars().next().is_some_and(char::is_alphanumeric) && !is(j, List::Coordinators)
                    })
                    .any(|j| lex.ends_with("verb_endings", words[j]));
            let opens_clause = is(i, List::DayWord)
                && is(i + 1, List::ClauseOpeners)
                && clause
                && month_at(k).is_none()
                && day_at(k).is_none()
                && year_at(k).is_none()
                && !words.get(k).is_some_and(|w| lex.weekdays.contains_key(*w));
            if opens_clause && noun.and_then(|n| anchor(Some(n))).is_none() {
                let last_day = out.iter().rev().find_map(|t: &Timex| match t.date {
                    EventDate::Day(d) => Some(d),
                    _ => None,
                });
                if let Some(from) = last_day.or_else(|| anchor(None)) {
                    out.push(Timex {
                        start: end,
                        end: end + 1,
                        date: EventDate::Day(from.add_days(-shift)),
                        recalled: true,
                    });
                }
                i = end;
                continue;
            }
            let from = match noun {
                Some(_) => anchor(noun),
                None => out
                    .iter()
                    .rev()
                    .find_map(|t: &Timex| match t.date {
                        EventDate::Day(d) => Some(d),
                        _ => None,
                    })
                    .or_else(|| anchor(None)),
            };
            let end = if noun.is_some() { k + 1 } else { end };
            if let Some(from) = from {
                out.push(Timex { start: i, end, date: EventDate::Day(from.add_days(shift)), recalled: false });
            }
            i = end;
            continue;
        }
        if let Some(p) = published {
            let simple = if is(i, List::Yesterday) {
                Some(EventDate::Day(p.add_days(-1)))
            } else if is(i, List::Today) {
                Some(EventDate::Day(p))
            } else if is(i, List::Tomorrow) {
                Some(EventDate::Day(p.add_days(1)))
            } else {
                None
            };
            if let Some(date) = simple {
                out.push(Timex { start: i, end: i + 1, date, recalled: false });
                i += 1;
                continue;
            }
            // há dois anos | há três dias | two weeks ago | a year ago: counted back from the
            // article's date, as precise as the unit (a day, the month of a week or month, a year)
            let count_at = |k: usize| -> Option<i64> {
                let w = *words.get(k)?;
                lex.counts.get(w).map(|&n| i64::from(n)).or_else(|| {
                    (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok()).flatten()
                })
            };
            let unit_at = |k: usize| words.get(k).and_then(|w| lex.time_units.get(*w).copied());
            let ago = if is(i, List::AgoBefore) && !is(i + 3, List::AgoDurations) {
                count_at(i + 1).zip(unit_at(i + 2)).map(|(n, u)| (n, u, i + 3))
            } else if is(i + 2, List::AgoAfter) {
                count_at(i).zip(unit_at(i + 1)).map(|(n, u)| (n, u, i + 3))
            } else {
                None
            };
            if let Some((n, unit, end)) = ago.filter(|&(n, _, _)| n > 0) {
                out.push(Timex { start: i, end, date: p.counted_back(n, unit), recalled: false });
                i = end;
                continue;
            }
            // last year | no ano passado | this year | este ano | last month | no mês passado
            let unit = |k: usize| {
                if is(k, List::YearWord) {
                    Some(TimeUnit::Year)
                } else if is(k, List::MonthWord) {
                    Some(TimeUnit::Month)
                } else {
                    None
                }
            };
            let found = if is(i, List::Past) { unit(i + 1).map(|u| (u, 1, i + 2)) } else { None }
                .or_else(|| if is(i, List::This) { unit(i + 1).map(|u| (u, 0, i + 2)) } else { None })
                .or_else(|| unit(i).filter(|_| is(i + 1, List::Past)).map(|u| (u, 1, i + 2)));
            if let Some((unit, back, end)) = found {
                out.push(Timex { start: i, end, date: p.counted_back(back, unit), recalled: false });
                i = end;
                continue;
            }
        }
        // entre 2007 e 2010 | from 2003 to 2010: a span, no point in time; neither end dates
        // what the sentence tells (the span gives no date)
        if is(i, List::RangeOpeners) && is(i + 2, List::RangeJoins) {
            if let (Some(from), Some(to)) = (year_at(i + 1), year_at(i + 3)) {
                if from < to {
                    i += 4;
                    continue;
                }
            }
        }
        // em 2021 | no final de 2024 | in 1960
        if let Some(year) = year_at(i) {
            let before = i.checked_sub(1).map(|k| words[k]);
            if matches!(before, Some("em" | "de" | "in" | "of" | "since" | "desde" | "until" | "até" | "by")) {
                out.push(Timex {
                    start: i.saturating_sub(1),
                    end: i + 1,
                    date: EventDate::Year(year),
                    recalled: false,
                });
            }
        }
        i += 1;
    }
    // Arithmetic from a published date near the calendar's edge can leave it
    // ("yesterday" on 0001-01-01); such a date is not one `xsd:date` can carry.
    out.retain(|t| (1..=9999).contains(&t.date.year()));
    out
}

/// The year of a day and month without one: the article's year, unless that puts
/// the day more than two months after the article, when the year before is meant.
fn nearest_year(published: Date, month: u32, day: u32) -> i32 {
    if (month, day) <= (published.month, published.day) || month <= published.month + 2 {
        published.year
    } else {
        published.year - 1
    }
}

/// The date with this day of month nearest to the article's date (this month, the
/// one before or the one after): "sábado (11)" in an article of the 16th is the 11th.
fn nearest_day_of_month(published: Date, day: u32) -> Option<Date> {
    let (y, m) = (published.year, published.month);
    let prev = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    [prev, (y, m), next]
        .into_iter()
        .filter(|&(yy, mm)| day <= days_in_month(yy, mm))
        .filter_map(|(yy, mm)| Date::new(yy, mm, day))
        .min_by_key(|d| (d.to_days() - published.to_days()).abs())
}
