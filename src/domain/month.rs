//! Calendar months, the plan's unit of time: initiatives start and end in
//! a month, milestones fall in one. Pure: parses and prints `2026-12`, and
//! accepts a date inside one or a week (the month its Thursday falls in,
//! as ISO weeks are filed).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::quarter::Quarter;
use super::week::{Week, year_in_range};

/// One calendar month. Ordering follows time because the year compares
/// first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is not a month: {reason} (use 2026-12, or a date or week inside it)")]
pub struct MonthError {
    pub input: String,
    pub reason: &'static str,
}

const NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Month {
    /// Month `month` (1 to 12) of `year`, in the years rhythm stores.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=12).contains(&month) && year_in_range(year)).then_some(Month { year, month })
    }

    /// The month `date` lies in.
    pub fn containing(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month `week` is filed under: the one its Thursday lies in.
    pub fn of_week(week: Week) -> Month {
        Month::containing(week.monday() + chrono::Duration::days(3))
    }

    /// The first month of `quarter`.
    pub fn first_of(quarter: Quarter) -> Month {
        Month::containing(quarter.first_day())
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    pub fn next(self) -> Month {
        self.plus(1)
    }

    /// The month `n` months on (back, when negative).
    pub fn plus(self, n: i32) -> Month {
        let index = self.year * 12 + self.month as i32 - 1 + n;
        Month {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// How many months from this one to `later` (negative when earlier).
    pub fn until(self, later: Month) -> i32 {
        (later.year - self.year) * 12 + later.month as i32 - self.month as i32
    }

    /// "Dec 2026", for column heads.
    pub fn label(self) -> String {
        format!("{} {}", NAMES[self.month as usize - 1], self.year)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = MonthError;

    fn from_str(input: &str) -> Result<Month, MonthError> {
        let s = input.trim();
        let err = |reason| MonthError {
            input: input.to_string(),
            reason,
        };
        if s.contains(['W', 'w']) {
            let week: Week = s.parse().map_err(|_| err("not a week rhythm reads"))?;
            return Ok(Month::of_week(week));
        }
        if let Some((year, month)) = s.split_once('-')
            && !month.contains('-')
        {
            let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
            if year.len() != 4 || !digits(year) {
                return Err(err("the year must be four digits"));
            }
            if month.len() > 2 || !digits(month) {
                return Err(err("the month must be 1 to 12"));
            }
            let (year, month) = (year.parse().unwrap_or(0), month.parse().unwrap_or(0));
            if !(1..=12).contains(&month) {
                return Err(err("the month must be 1 to 12"));
            }
            return Month::new(year, month)
                .ok_or_else(|| err("the year must be from 1900 to 9998"));
        }
        let date = super::week::parse_date(s).map_err(|e| err(e.reason))?;
        Ok(Month::containing(date))
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_from_their_name_a_date_or_a_week() {
        for (typed, read) in [
            ("2026-12", "2026-12"),
            ("2026-1", "2026-01"),
            (" 2027-03 ", "2027-03"),
            ("2026-11-30", "2026-11"),
            // Monday 2026-11-30, Thursday 2026-12-03.
            ("2026-W49", "2026-12"),
            ("2026-W53", "2026-12"),
        ] {
            assert_eq!(typed.parse::<Month>().unwrap().to_string(), read, "{typed}");
        }
        for (typed, reason) in [
            ("2026-13", "the month must be 1 to 12"),
            ("2026-00", "the month must be 1 to 12"),
            ("2026-", "the month must be 1 to 12"),
            ("26-12", "the year must be four digits"),
            ("0999-01", "the year must be from 1900 to 9998"),
            ("soon", "unknown format"),
        ] {
            let e = typed.parse::<Month>().unwrap_err();
            assert_eq!(e.reason, reason, "{typed}");
            assert!(
                e.to_string()
                    .starts_with(&format!("'{typed}' is not a month"))
            );
        }
    }

    #[test]
    fn months_step_across_years() {
        let m: Month = "2026-12".parse().unwrap();
        assert_eq!(m.next().to_string(), "2027-01");
        assert_eq!(m.plus(-12).to_string(), "2025-12");
        assert_eq!(m.until("2027-02".parse().unwrap()), 2);
        assert_eq!(m.last_day().to_string(), "2026-12-31");
        assert_eq!(m.label(), "Dec 2026");
        assert_eq!(
            Month::first_of("2027-Q2".parse().unwrap()).to_string(),
            "2027-04"
        );
    }
}
