//! ISO weeks (Monday start), the unit every reading and meeting is filed under.
//! Pure: parses and prints `2026-W48`, and accepts any date inside a week.
//!
//! It also owns the range of years rhythm stores, `FIRST_YEAR` to
//! `LAST_YEAR`: every week and date outside it is refused where it enters,
//! because a week such as `-001-W52` or a date such as `+10000-01-05` could be
//! written but never read back, and one such row breaks every export after.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The first year a week or date may fall in.
pub const FIRST_YEAR: i32 = 1900;
/// The last: one below 9999, so a date a week or a year on from any stored
/// one is still written with four digits.
pub const LAST_YEAR: i32 = 9998;

/// The reason every out-of-range week and date is refused with.
const OUT_OF_RANGE: &str = "the year must be from 1900 to 9998";

/// Whether rhythm stores dates in `year`.
pub fn year_in_range(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

/// `date`, if it lies in the years rhythm stores; the error quotes it.
pub fn check_date(date: NaiveDate) -> Result<NaiveDate, DateError> {
    if year_in_range(date.year()) {
        Ok(date)
    } else {
        Err(DateError {
            input: date.to_string(),
            reason: OUT_OF_RANGE,
        })
    }
}

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

    /// The first and last weeks rhythm stores: 1900-01-01 is a Monday and
    /// 9998-12-31 a Thursday, so neither holds a day outside the range.
    pub const FIRST: Week = Week {
        year: FIRST_YEAR,
        week: 1,
    };
    pub const LAST: Week = Week {
        year: LAST_YEAR,
        week: 53,
    };

    /// Whether rhythm stores this week: its ISO year is in the range.
    pub fn in_range(self) -> bool {
        year_in_range(self.year)
    }

    /// `self`, if rhythm stores it; the error quotes the week.
    pub fn check(self) -> Result<Week, WeekError> {
        if self.in_range() {
            Ok(self)
        } else {
            Err(WeekError {
                input: self.to_string(),
                reason: OUT_OF_RANGE,
            })
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

    /// The week `n` weeks later (or earlier, for negative `n`). It may leave
    /// the stored range (a window of weeks to read before 1900-W01): what is
    /// written is checked by `check` in the change rules. Past chrono's own
    /// calendar it stops at its edge instead of panicking.
    pub fn offset(self, n: i64) -> Week {
        let edge = if n < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        };
        let date = Duration::try_weeks(n)
            .and_then(|d| self.monday().checked_add_signed(d))
            .unwrap_or(edge);
        Week::containing(date)
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
            let week = Week::new(year, week).ok_or_else(|| err("that year has no such week"))?;
            return if week.in_range() {
                Ok(week)
            } else {
                Err(err(OUT_OF_RANGE))
            };
        }
        let date = parse_date(s).map_err(|e| WeekError {
            input: input.to_string(),
            reason: e.reason,
        })?;
        // Every date in the range lies in a week in it: 1900-01-01 opens
        // 1900-W01 and 9998-12-31 closes 9998-W53.
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

/// A calendar date typed as `YYYY-MM-DD`, in the years rhythm stores.
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
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| err("no such day in the calendar"))?;
    if year_in_range(year) {
        Ok(date)
    } else {
        Err(err(OUT_OF_RANGE))
    }
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
    fn weeks_and_dates_outside_the_years_rhythm_stores_are_refused() {
        let range = "the year must be from 1900 to 9998";
        for input in [
            "0000-01-01",
            "1899-12-31",
            "9999-01-01",
            "1899-W52",
            "9999-W01",
            "0000-W01",
        ] {
            let e = input.parse::<Week>().unwrap_err();
            assert_eq!(e.reason, range, "{input}");
            assert!(e.to_string().starts_with(&format!("'{input}'")), "{e}");
        }
        for input in ["0000-01-01", "1899-12-31", "9999-12-29"] {
            assert_eq!(parse_date(input).unwrap_err().reason, range, "{input}");
        }
        let first: Week = "1900-01-01".parse().unwrap();
        let last: Week = "9998-12-31".parse().unwrap();
        assert_eq!((first, last), (Week::FIRST, Week::LAST));
        assert_eq!(Week::LAST.to_string(), "9998-W53");
        assert_eq!(Week::LAST.next().check().unwrap_err().input, "9999-W01");
        assert_eq!(
            Week::FIRST.offset(-1).check().unwrap_err().input,
            "1899-W52"
        );
        assert_eq!(Week::FIRST.offset(5).check(), Ok(Week::FIRST.offset(5)));
        let far = NaiveDate::from_ymd_opt(10000, 1, 5).unwrap();
        assert_eq!(check_date(far).unwrap_err().input, "+10000-01-05");
    }

    #[test]
    fn offsets_past_the_calendar_stop_at_its_edge() {
        let w: Week = "2026-W48".parse().unwrap();
        assert!(!w.offset(i64::MAX).in_range());
        assert!(!w.offset(i64::MIN).in_range());
        assert!(w.offset(i64::MAX).check().is_err());
    }

    proptest::proptest! {
        /// Whatever is printed from a stored week or date parses back, and
        /// whatever parses lies in the range.
        #[test]
        fn every_week_in_range_reads_back(days in -800_000i64..800_000) {
            let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
            let date = base + Duration::days(days);
            let week = Week::containing(date);
            match week.to_string().parse::<Week>() {
                Ok(back) => {
                    proptest::prop_assert_eq!(back, week);
                    proptest::prop_assert!(week.in_range());
                }
                Err(_) => proptest::prop_assert!(!week.in_range()),
            }
            match parse_date(&date.to_string()) {
                Ok(back) => proptest::prop_assert_eq!(back, date),
                Err(_) => proptest::prop_assert!(check_date(date).is_err()),
            }
            // A date rhythm stores always lies in a week it stores.
            proptest::prop_assert!(check_date(date).is_err() || week.in_range());
        }
    }

    #[test]
    fn week_serializes_as_text() {
        let w: Week = "2026-W48".parse().unwrap();
        assert_eq!(serde_json::to_string(&w).unwrap(), "\"2026-W48\"");
        let back: Week = serde_json::from_str("\"2026-11-25\"").unwrap();
        assert_eq!(back, w);
    }
}
