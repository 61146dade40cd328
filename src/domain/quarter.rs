//! Calendar quarters, the span of a strategy brief: `2026-Q4` is October to
//! December 2026. Pure: parses and prints them, and accepts a date inside
//! one or a week (`2026-W48`) for the quarter its Thursday falls in, as
//! ISO weeks are filed.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::week::{Week, year_in_range};

/// One calendar quarter. Ordering follows time because the year compares
/// first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    quarter: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is not a quarter: {reason} (use 2026-Q4, or a date or week inside it)")]
pub struct QuarterError {
    pub input: String,
    pub reason: &'static str,
}

impl Quarter {
    /// Quarter `quarter` (1 to 4) of `year`, in the years rhythm stores.
    pub fn new(year: i32, quarter: u32) -> Option<Quarter> {
        ((1..=4).contains(&quarter) && year_in_range(year)).then_some(Quarter { year, quarter })
    }

    /// The quarter `date` lies in.
    pub fn containing(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            quarter: date.month0() / 3 + 1,
        }
    }

    /// The quarter `week` is filed under: the one its Thursday lies in.
    pub fn of_week(week: Week) -> Quarter {
        Quarter::containing(week.monday() + chrono::Duration::days(3))
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.quarter - 1) * 3 + 1, 1).unwrap_or_default()
    }

    /// The quarter after this one.
    pub fn next(self) -> Quarter {
        if self.quarter == 4 {
            Quarter {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            Quarter {
                quarter: self.quarter + 1,
                ..self
            }
        }
    }

    /// The quarter before this one.
    pub fn prev(self) -> Quarter {
        if self.quarter == 1 {
            Quarter {
                year: self.year - 1,
                quarter: 4,
            }
        } else {
            Quarter {
                quarter: self.quarter - 1,
                ..self
            }
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.quarter)
    }
}

impl FromStr for Quarter {
    type Err = QuarterError;

    fn from_str(input: &str) -> Result<Quarter, QuarterError> {
        let s = input.trim();
        let err = |reason| QuarterError {
            input: input.to_string(),
            reason,
        };
        if let Some((year, q)) = s.split_once(['Q', 'q']) {
            let year = year.strip_suffix('-').unwrap_or(year);
            if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err("the year must be four digits"));
            }
            let year: i32 = year
                .parse()
                .map_err(|_| err("the year must be four digits"))?;
            let quarter: u32 = match q {
                "1" | "2" | "3" | "4" => {
                    q.parse().map_err(|_| err("the quarter must be 1 to 4"))?
                }
                _ => return Err(err("the quarter must be 1 to 4")),
            };
            return Quarter::new(year, quarter)
                .ok_or_else(|| err("the year must be from 1900 to 9998"));
        }
        if s.contains(['W', 'w']) {
            let week: Week = s.parse().map_err(|_| err("not a week rhythm reads"))?;
            return Ok(Quarter::of_week(week));
        }
        let date = super::week::parse_date(s).map_err(|e| err(e.reason))?;
        Ok(Quarter::containing(date))
    }
}

impl Serialize for Quarter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Quarter, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_read_from_their_name_a_date_or_a_week() {
        for (typed, read) in [
            ("2026-Q4", "2026-Q4"),
            ("2026q1", "2026-Q1"),
            (" 2026-Q2 ", "2026-Q2"),
            ("2026-11-30", "2026-Q4"),
            ("2026-07-01", "2026-Q3"),
            ("2026-W48", "2026-Q4"),
            // Monday 2025-12-29, Thursday 2026-01-01: the year's first.
            ("2026-W01", "2026-Q1"),
            ("2026-W53", "2026-Q4"),
        ] {
            assert_eq!(
                typed.parse::<Quarter>().unwrap().to_string(),
                read,
                "{typed}"
            );
        }
        for (typed, reason) in [
            ("2026-Q5", "the quarter must be 1 to 4"),
            ("2026-Q", "the quarter must be 1 to 4"),
            ("26-Q1", "the year must be four digits"),
            ("0999-Q1", "the year must be from 1900 to 9998"),
            ("soon", "unknown format"),
        ] {
            let e = typed.parse::<Quarter>().unwrap_err();
            assert_eq!(e.reason, reason, "{typed}");
            assert!(
                e.to_string()
                    .starts_with(&format!("'{typed}' is not a quarter"))
            );
        }
    }

    #[test]
    fn quarters_step_across_years() {
        let q: Quarter = "2026-Q4".parse().unwrap();
        assert_eq!(q.next().to_string(), "2027-Q1");
        assert_eq!(q.next().prev(), q);
        assert_eq!(
            "2026-Q1".parse::<Quarter>().unwrap().prev().to_string(),
            "2025-Q4"
        );
        assert!(q < q.next());
    }
}
