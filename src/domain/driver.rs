//! Who drives a live meeting. One screen holds a meeting at a time (a lease
//! it renews with a heartbeat); every other screen on it follows. Pure: the
//! store keeps the lease, the screens decide by these rules.

use chrono::{DateTime, Duration, Utc};

use super::MeetingId;

/// A driver silent for longer than this is away: followers stop counting
/// the clock and say so, and a new screen may take the meeting.
pub const AWAY_AFTER: Duration = Duration::seconds(15);

/// How often a driver renews its lease while nothing else is written: well
/// inside `AWAY_AFTER`, so one late beat on a busy machine is not "away".
pub const HEARTBEAT: Duration = Duration::seconds(5);

/// The lease on a live meeting, as the file holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    pub meeting: MeetingId,
    /// The person at the driving screen.
    pub name: String,
    /// The screen (one process) that holds the meeting; `None` once it
    /// left the meeting, so the next screen takes it without asking.
    pub screen: Option<String>,
    /// The driver's last sign of life.
    pub heartbeat_at: DateTime<Utc>,
    /// Since when the clock is paused, if it is.
    pub paused_at: Option<DateTime<Utc>>,
    /// The record under the driver's cursor (its kind and id), so followers
    /// highlight what is being discussed.
    pub selected: Option<(u8, i64)>,
}

impl Driver {
    /// Whether the driver left or has been silent too long at `now`.
    pub fn away(&self, now: DateTime<Utc>) -> bool {
        self.screen.is_none() || now - self.heartbeat_at > AWAY_AFTER
    }

    /// Whether `screen` may take the meeting at `now` without taking it
    /// over: nobody holds it, it holds it already, or its driver is away.
    pub fn free_for(&self, screen: &str, now: DateTime<Utc>) -> bool {
        self.screen.as_deref() == Some(screen) || self.away(now)
    }
}

/// What to tell a screen whose machine's clock is `offset` behind the
/// database server's (ahead when negative), if it is off by enough that a
/// driver's steady heartbeats could read as "away" on one machine and not
/// on another: every screen judges the lease by its own clock.
pub fn clock_warning(offset: Duration) -> Option<String> {
    let off = offset.num_seconds().abs();
    if off < (AWAY_AFTER - HEARTBEAT - HEARTBEAT).num_seconds() {
        return None;
    }
    let side = if offset > Duration::zero() {
        "behind"
    } else {
        "ahead of"
    };
    Some(format!(
        "clock {off} s {side} the server's: a facilitator may seem away; set it right"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn driver(screen: Option<&str>) -> Driver {
        Driver {
            meeting: MeetingId(1),
            name: "ana".into(),
            screen: screen.map(str::to_string),
            heartbeat_at: Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap(),
            paused_at: None,
            selected: None,
        }
    }

    #[test]
    fn a_driver_is_away_after_fifteen_silent_seconds_or_once_it_left() {
        let d = driver(Some("a"));
        let at = |s| d.heartbeat_at + Duration::seconds(s);
        assert!(!d.away(at(15)));
        assert!(d.away(at(16)));
        assert!(d.free_for("a", at(0)), "its own screen");
        assert!(!d.free_for("b", at(15)));
        assert!(d.free_for("b", at(16)));
        assert!(driver(None).free_for("b", driver(None).heartbeat_at));
    }

    #[test]
    fn a_clock_off_by_five_seconds_or_more_is_told_which_way() {
        assert_eq!(clock_warning(Duration::seconds(4)), None);
        assert_eq!(clock_warning(Duration::milliseconds(-4999)), None);
        let behind = clock_warning(Duration::seconds(7)).unwrap();
        assert!(
            behind.starts_with("clock 7 s behind the server's"),
            "{behind}"
        );
        let ahead = clock_warning(Duration::seconds(-90)).unwrap();
        assert!(
            ahead.starts_with("clock 90 s ahead of the server's"),
            "{ahead}"
        );
    }
}
