//! Calendar dates and the three precisions an event date can have (`xsd:date`,
//! `xsd:gYearMonth`, `xsd:gYear`). Pure arithmetic: no parsing of prose here
//! (that is `timex`), no I/O.

use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of month, 1–31.
    pub day: u32,
}

/// Days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, if the day exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid =
            (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) && (1..=9999).contains(&year);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (a time part after `T` or a space is ignored).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let text = text.trim();
        let day_part = text.split(['T', ' ']).next()?;
        let mut parts = day_part.split('-');
        let year = parts.next()?;
        let month = parts.next()?;
        let day = parts.next()?;
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` since 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by a number of days.
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }

    /// The year and month this date's month moved by a number of months
    /// (−1: the month before).
    pub fn month_shifted(self, months: i64) -> (i32, u32) {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + months;
        (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1)
    }

    /// The time `count` units before this date, as precise as the unit: a day, the
    /// month of a week or of a month, a year ("há dois anos", "last month" = 1 month).
    pub fn counted_back(self, count: i64, unit: TimeUnit) -> EventDate {
        match unit {
            TimeUnit::Day => EventDate::Day(self.add_days(-count)),
            TimeUnit::Week => {
                let day = self.add_days(-7 * count);
                EventDate::Month(day.year, day.month)
            }
            TimeUnit::Month => {
                let (year, month) = self.month_shifted(-count);
                EventDate::Month(year, month)
            }
            TimeUnit::Year => EventDate::Year(self.year - count as i32),
        }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u32
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A unit of time a span counts in, in the order of the lexicons' `time_units`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// "dias", "days".
    Day,
    /// "semanas", "weeks".
    Week,
    /// "meses", "months".
    Month,
    /// "anos", "years".
    Year,
}

impl TimeUnit {
    /// The units by their index in `time_units`.
    pub const ALL: [TimeUnit; 4] = [TimeUnit::Day, TimeUnit::Week, TimeUnit::Month, TimeUnit::Year];
}

/// An event date at the precision the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventDate {
    /// A day (`xsd:date`).
    Day(Date),
    /// A month of a year (`xsd:gYearMonth`).
    Month(i32, u32),
    /// A year (`xsd:gYear`).
    Year(i32),
}

impl EventDate {
    /// The lexical form: `2025-06-04`, `2025-06` or `2025`.
    pub fn lexical(&self) -> String {
        match self {
            EventDate::Day(d) => d.to_string(),
            EventDate::Month(y, m) => format!("{y:04}-{m:02}"),
            EventDate::Year(y) => format!("{y:04}"),
        }
    }

    /// The year the date falls in.
    pub fn year(&self) -> i32 {
        match *self {
            EventDate::Day(d) => d.year,
            EventDate::Month(y, _) | EventDate::Year(y) => y,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days_and_knows_weekdays() {
        let d = Date::new(2025, 6, 4).unwrap();
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(d.weekday(), 2, "4 June 2025 was a Wednesday");
        assert_eq!(Date::new(2024, 3, 1).unwrap().add_days(-1).to_string(), "2024-02-29");
    }

    #[test]
    fn moves_by_months_across_years() {
        let d = Date::new(2025, 1, 31).unwrap();
        assert_eq!(d.month_shifted(0), (2025, 1));
        assert_eq!(d.month_shifted(-1), (2024, 12));
        assert_eq!(d.month_shifted(-13), (2023, 12));
        assert_eq!(d.month_shifted(11), (2025, 12));
    }

    #[test]
    fn counts_back_as_precisely_as_the_unit() {
        let d = Date::new(2025, 1, 3).unwrap();
        assert_eq!(d.counted_back(3, TimeUnit::Day), EventDate::Day(Date::new(2024, 12, 31).unwrap()));
        assert_eq!(d.counted_back(1, TimeUnit::Week), EventDate::Month(2024, 12));
        assert_eq!(d.counted_back(1, TimeUnit::Month), EventDate::Month(2024, 12));
        assert_eq!(d.counted_back(0, TimeUnit::Month), EventDate::Month(2025, 1));
        assert_eq!(d.counted_back(2, TimeUnit::Year), EventDate::Year(2023));
    }

    #[test]
    fn parses_iso_and_refuses_impossible_dates() {
        assert_eq!(Date::parse_iso("2025-06-04"), Date::new(2025, 6, 4));
        assert_eq!(Date::parse_iso("2025-06-04T10:00:00Z"), Date::new(2025, 6, 4));
        assert_eq!(Date::parse_iso("2025-02-30"), None);
        assert_eq!(Date::parse_iso("4 June"), None);
    }

    #[test]
    fn event_dates_have_their_lexical_forms() {
        assert_eq!(EventDate::Month(2024, 8).lexical(), "2024-08");
        assert_eq!(EventDate::Year(2024).lexical(), "2024");
    }
}
