//! ISO weeks (Monday start), the unit every reading and meeting is filed under.
//! Pure: parses and prints `2026-W48`, and accepts any date inside a week.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One ISO week. Ordering follows time because the year compares first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    year: i32,
    week: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is not a week: {reason} (use 2026-W48 or a date such as 2026-11-25)")]
pub struct WeekError {
    pub input: String,
    pub reason: &'static str,
}

impl Week {
    /// The week `week` of ISO year `year`, if that year has such a week.
    pub fn new(year: i32, week: u32) -> Option<Week> {
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(|_| Week { year, week })
    }

    /// The ISO week a date falls in (2024-12-30 is in 2025-W01).
    pub fn containing(date: NaiveDate) -> Week {
        let iso = date.iso_week();
        Week {
            year: iso.year(),
            week: iso.week(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u32 {
        self.week
    }

    pub fn monday(self) -> NaiveDate {
        // `new` and `containing` only build weeks that exist, so this cannot fail;
        // the fallback keeps the function total without a panic path.
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon).unwrap_or_default()
    }

    pub fn sunday(self) -> NaiveDate {
        self.monday() + Duration::days(6)
    }

    /// The week `n` weeks later (or earlier, for negative `n`).
    pub fn offset(self, n: i64) -> Week {
        Week::containing(self.monday() + Duration::weeks(n))
    }

    pub fn next(self) -> Week {
        self.offset(1)
    }

    pub fn prev(self) -> Week {
        self.offset(-1)
    }

    /// Whole weeks from `self` to `later` (negative when `later` is earlier).
    pub fn weeks_until(self, later: Week) -> i64 {
        (later.monday() - self.monday()).num_weeks()
    }

    /// The `n` weeks ending with this one, oldest first.
    pub fn trailing(self, n: usize) -> Vec<Week> {
        let n = n as i64;
        (0..n).map(|i| self.offset(i - n + 1)).collect()
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

impl FromStr for Week {
    type Err = WeekError;

    fn from_str(input: &str) -> Result<Week, WeekError> {
        let s = input.trim();
        let err = |reason| WeekError {
            input: input.to_string(),
            reason,
        };
        let week_form = s
            .split_once(['W', 'w'])
            .map(|(y, w)| (y.strip_suffix('-').unwrap_or(y), w))
            .filter(|(y, _)| !y.is_empty() && y.bytes().all(|b| b.is_ascii_digit()));
        if let Some((year, week)) = week_form {
            let year: i32 =
                parse_digits(year, 4).ok_or_else(|| err("the year must be four digits"))?;
            let week: u32 = parse_digits(week, 2)
                .or_else(|| parse_digits(week, 1))
                .ok_or_else(|| err("the week must be a number from 1 to 53"))?;
            return Week::new(year, week).ok_or_else(|| err("that year has no such week"));
        }
        let date = parse_date(s).map_err(|e| WeekError {
            input: input.to_string(),
            reason: e.reason,
        })?;
        Ok(Week::containing(date))
    }
}

fn parse_digits<T: FromStr>(s: &str, len: usize) -> Option<T> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is not a date: {reason} (write dates as YYYY-MM-DD, such as 2026-11-25)")]
pub struct DateError {
    pub input: String,
    pub reason: &'static str,
}

/// A calendar date typed as `YYYY-MM-DD`.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    let err = |reason| DateError {
        input: input.to_string(),
        reason,
    };
    let mut parts = s.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(err("unknown format"));
    };
    let year: i32 = parse_digits(y, 4).ok_or_else(|| err("the year must be four digits"))?;
    let month: u32 = parse_digits(m, 2).ok_or_else(|| err("the month must be two digits"))?;
    let day: u32 = parse_digits(d, 2).ok_or_else(|| err("the day must be two digits"))?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| err("no such day in the calendar"))
}

impl Serialize for Week {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Week {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Week, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn parses_weeks_and_dates() {
        let cases: &[(&str, &str)] = &[
            ("2026-W48", "2026-W48"),
            ("2026W48", "2026-W48"),
            ("2026-w48", "2026-W48"),
            (" 2026-W48 ", "2026-W48"),
            ("2026-W1", "2026-W01"),
            ("2026-11-23", "2026-W48"), // Monday
            ("2026-11-25", "2026-W48"),
            ("2026-11-29", "2026-W48"), // Sunday
            ("2026-11-30", "2026-W49"),
            ("2020-W53", "2020-W53"),
            ("2024-12-30", "2025-W01"),
            ("2021-01-03", "2020-W53"),
            ("2026-01-01", "2026-W01"),
            ("2027-01-01", "2026-W53"),
        ];
        for (input, want) in cases {
            let got: Week = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(got.to_string(), *want, "input {input}");
        }
    }

    #[test]
    fn refuses_weeks_that_do_not_exist() {
        let cases: &[(&str, &str)] = &[
            ("2026-W54", "that year has no such week"),
            ("2026-W53", ""), // 2026 has 53 weeks: accepted
            ("2025-W53", "that year has no such week"),
            ("2026-W00", "that year has no such week"),
            ("2026-W", "the week must be a number from 1 to 53"),
            ("26-W10", "the year must be four digits"),
            ("2026-13-01", "no such day in the calendar"),
            ("2026-02-30", "no such day in the calendar"),
            ("next week", "unknown format"),
            ("", "unknown format"),
            ("2026-1-5", "the month must be two digits"),
        ];
        for (input, reason) in cases {
            match input.parse::<Week>() {
                Ok(w) => assert!(reason.is_empty(), "{input} parsed as {w}"),
                Err(e) => {
                    assert_eq!(e.reason, *reason, "input {input}");
                    assert!(e.to_string().contains(&format!("'{input}'")));
                }
            }
        }
    }

    #[test]
    fn arithmetic_crosses_year_edges() {
        let w: Week = "2020-W53".parse().unwrap();
        assert_eq!(w.next().to_string(), "2021-W01");
        assert_eq!(w.next().prev(), w);
        assert_eq!(w.monday(), date("2020-12-28"));
        assert_eq!(w.sunday(), date("2021-01-03"));
        let w48: Week = "2026-W48".parse().unwrap();
        assert_eq!(w48.offset(-47).to_string(), "2026-W01");
        assert_eq!(w48.offset(-48).to_string(), "2025-W52");
        let from: Week = "2025-W50".parse().unwrap();
        assert_eq!(from.weeks_until(w48), 50);
        let t = w48.trailing(3);
        let names: Vec<String> = t.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["2026-W46", "2026-W47", "2026-W48"]);
        assert!(w < w48);
    }

    #[test]
    fn week_serializes_as_text() {
        let w: Week = "2026-W48".parse().unwrap();
        assert_eq!(serde_json::to_string(&w).unwrap(), "\"2026-W48\"");
        let back: Week = serde_json::from_str("\"2026-11-25\"").unwrap();
        assert_eq!(back, w);
    }
}
