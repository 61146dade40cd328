//! The one place that reads the wall clock. Everything else takes `now` and
//! `today` as arguments, so tests and snapshots never change at midnight.
//!
//! `RHYTHM_NOW` (a date such as `2026-11-25`, or an RFC 3339 time) pins the
//! clock, for reproducible demos, screenshots and tests.

use chrono::{
    DateTime, Datelike, FixedOffset, Local, NaiveDate, NaiveTime, Offset, SubsecRound, Utc,
};

/// The moment and the local calendar day the program acts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    /// The local time zone's offset, for showing times of day.
    pub offset: FixedOffset,
    /// When this reading was taken by the wall clock, pinned or not: what
    /// measures the pause between two keys (a burst of typing), which a
    /// pinned clock would otherwise make endless.
    pub typed: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
#[error(
    "RHYTHM_NOW '{0}' is not a date (2026-11-25) or an RFC 3339 time (2026-11-25T09:00:00Z) in the years 1900 to 9998"
)]
pub struct ClockError(String);

impl Clock {
    /// Reads the wall clock, unless `RHYTHM_NOW` pins it.
    #[allow(clippy::disallowed_methods)] // the one sanctioned reader
    pub fn read() -> Result<Clock, ClockError> {
        match std::env::var("RHYTHM_NOW") {
            Ok(pinned) if !pinned.trim().is_empty() => Ok(Clock {
                typed: Utc::now(),
                ..Clock::pinned(&pinned)?
            }),
            _ => {
                let local = Local::now();
                Ok(Clock {
                    // Kept to the second: what rhythm stores and exports
                    // reads in every tool (jq's `fromdate` takes no
                    // fraction), and no record needs finer.
                    now: local.with_timezone(&Utc).trunc_subsecs(0),
                    today: local.date_naive(),
                    offset: *local.offset(),
                    typed: local.with_timezone(&Utc),
                })
            }
        }
    }

    /// A clock fixed at `text`: a date means 09:00 UTC that day.
    pub fn pinned(text: &str) -> Result<Clock, ClockError> {
        let text = text.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            // A clock outside the years rhythm stores would date every
            // write with a value it could not read back.
            let years = [at.date_naive().year(), at.with_timezone(&Utc).year()];
            if !years.into_iter().all(crate::domain::week::year_in_range) {
                return Err(ClockError(text.to_string()));
            }
            return Ok(Clock {
                now: at.with_timezone(&Utc).trunc_subsecs(0),
                today: at.date_naive(),
                offset: *at.offset(),
                typed: at.with_timezone(&Utc),
            });
        }
        let date =
            crate::domain::week::parse_date(text).map_err(|_| ClockError(text.to_string()))?;
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
        Ok(Clock {
            now: date.and_time(nine).and_utc(),
            today: date,
            offset: Utc.fix(),
            typed: date.and_time(nine).and_utc(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_clock_accepts_dates_and_times() {
        let c = Clock::pinned("2026-11-25").unwrap();
        assert_eq!(c.today.to_string(), "2026-11-25");
        assert_eq!(c.now.to_rfc3339(), "2026-11-25T09:00:00+00:00");
        let c = Clock::pinned("2026-11-25T23:30:00+02:00").unwrap();
        assert_eq!(c.today.to_string(), "2026-11-25");
        assert!(Clock::pinned("soon").is_err());
        for outside in [
            "9999-12-29",
            "1899-12-31",
            "9999-12-29T10:00:00Z",
            "0000-01-01T00:00:00Z",
            "9998-12-31T23:00:00-05:00",
        ] {
            let e = Clock::pinned(outside).unwrap_err().to_string();
            assert!(
                e.contains(&format!("'{outside}'")) && e.contains("1900 to 9998"),
                "{e}"
            );
        }
        assert!(Clock::pinned("9998-12-31T23:59:59Z").is_ok());
    }
}
