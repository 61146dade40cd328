//! The meeting's clock: seconds spent per section, paused or running, and
//! the schedule arithmetic the header shows. Pure; time comes in by `tick`.

use chrono::{DateTime, Duration, Utc};

use crate::domain::AgendaSection;

/// Longer gaps between ticks (a suspended laptop) count as this much, so
/// the clock stays honest about the meeting, not about the machine.
const MAX_TICK_MS: i64 = 5_000;

/// Seconds of clock that may go unsaved before the clock is written down.
pub const SAVE_EVERY: u32 = 5;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingClock {
    pub seconds: Vec<u32>,
    pub running: bool,
    last_tick: Option<DateTime<Utc>>,
    carry_ms: i64,
    /// Seconds counted since the clock was last saved.
    pub unsaved: u32,
    /// Since when the clock is paused: the time until it runs again is not
    /// the meeting's, and the facilitator is told how long it was.
    pub paused_since: Option<DateTime<Utc>>,
}

/// How a section's time compares with its timebox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Fine,
    /// In the last fifth (at most two minutes) of the timebox.
    NearEnd,
    Over,
}

impl MeetingClock {
    pub fn new(seconds: Vec<u32>) -> MeetingClock {
        MeetingClock {
            seconds,
            running: true,
            ..MeetingClock::default()
        }
    }

    /// Counts the time since the last tick into `section`. Returns whether
    /// the clock should now be saved.
    pub fn tick(&mut self, now: DateTime<Utc>, section: usize) -> bool {
        let last = self.last_tick.replace(now);
        let (Some(last), true) = (last, self.running) else {
            return false;
        };
        let ms = (now - last).num_milliseconds().clamp(0, MAX_TICK_MS) + self.carry_ms;
        let whole = (ms / 1000) as u32;
        self.carry_ms = ms % 1000;
        if let Some(s) = self.seconds.get_mut(section) {
            *s += whole;
            self.unsaved += whole;
        }
        self.unsaved >= SAVE_EVERY
    }

    /// Pauses a running clock or runs a paused one. Returns, when it runs
    /// again, how long it was paused (time not counted).
    pub fn toggle_pause(&mut self, now: DateTime<Utc>) -> Option<Duration> {
        self.running = !self.running;
        self.last_tick = Some(now);
        self.carry_ms = 0;
        if self.running {
            self.paused_since.take().map(|since| now - since)
        } else {
            self.paused_since = Some(now);
            None
        }
    }

    /// Counts on from where `earlier` last ticked, so a follower's reload
    /// loses no time between two ticks.
    pub fn tick_on_from(&mut self, earlier: &MeetingClock) {
        self.last_tick = earlier.last_tick;
        self.carry_ms = earlier.carry_ms;
    }

    /// Stops counting since `since` (a pause saved by an earlier screen).
    pub fn paused_at(&mut self, since: DateTime<Utc>) {
        self.running = false;
        self.paused_since = Some(since);
    }

    pub fn saved(&mut self) {
        self.unsaved = 0;
    }

    pub fn total(&self) -> u32 {
        self.seconds.iter().sum()
    }

    pub fn in_section(&self, section: usize) -> u32 {
        self.seconds.get(section).copied().unwrap_or(0)
    }
}

pub fn pace(spent: u32, timebox_minutes: u32) -> Pace {
    let timebox = timebox_minutes * 60;
    let warn = (timebox / 5).min(120);
    if spent > timebox {
        Pace::Over
    } else if spent + warn >= timebox && timebox > 0 {
        Pace::NearEnd
    } else {
        Pace::Fine
    }
}

/// Seconds behind schedule (negative: ahead): time over the timebox in the
/// sections done and the current one, less time saved in sections done.
pub fn behind(seconds: &[u32], agenda: &[AgendaSection], current: usize) -> i64 {
    agenda
        .iter()
        .enumerate()
        .take(current + 1)
        .map(|(i, s)| {
            let spent = i64::from(seconds.get(i).copied().unwrap_or(0));
            let planned = i64::from(s.minutes) * 60;
            if i < current {
                spent - planned
            } else {
                (spent - planned).max(0)
            }
        })
        .sum()
}

/// When the meeting ends if the rest goes to plan: what is left of the
/// current timebox plus every later one.
pub fn projected_end(
    now: DateTime<Utc>,
    seconds: &[u32],
    agenda: &[AgendaSection],
    current: usize,
) -> DateTime<Utc> {
    let left_here = agenda.get(current).map_or(0, |s| {
        (i64::from(s.minutes) * 60 - i64::from(seconds.get(current).copied().unwrap_or(0))).max(0)
    });
    let later: i64 = agenda
        .iter()
        .skip(current + 1)
        .map(|s| i64::from(s.minutes) * 60)
        .sum();
    now + Duration::seconds(left_here + later)
}

/// A stretch of time away in words: "40 s", "4 min", "2 h 5 min".
pub fn format_away(away: Duration) -> String {
    let secs = away.num_seconds().max(0);
    match secs {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min", s / 60),
        s => format!("{} h {} min", s / 3600, s / 60 % 60),
    }
}

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn format_duration(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::default_weekly_agenda;
    use chrono::TimeZone;

    fn t(secs: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap() + Duration::seconds(secs)
    }

    #[test]
    fn ticks_count_into_the_current_section_and_pause_stops_them() {
        let mut c = MeetingClock::new(vec![0; 5]);
        assert!(!c.tick(t(0), 0));
        assert!(!c.tick(t(3), 0));
        assert!(c.tick(t(6), 0), "six unsaved seconds ask for a save");
        c.saved();
        c.tick(t(8), 1);
        assert_eq!(c.seconds, vec![6, 2, 0, 0, 0]);
        assert_eq!(c.toggle_pause(t(8)), None);
        c.tick(t(100), 1);
        assert_eq!(c.total(), 8);
        assert_eq!(
            c.toggle_pause(t(100)),
            Some(Duration::seconds(92)),
            "how long it was paused"
        );
        c.tick(t(1000), 1); // a long gap counts as five seconds at most
        assert_eq!(c.seconds[1], 7);
    }

    #[test]
    fn pace_warns_near_the_end_and_past_it() {
        assert_eq!(pace(0, 10), Pace::Fine);
        assert_eq!(pace(479, 10), Pace::Fine);
        assert_eq!(pace(480, 10), Pace::NearEnd);
        assert_eq!(pace(600, 10), Pace::NearEnd);
        assert_eq!(pace(601, 10), Pace::Over);
        assert_eq!(pace(1380, 25), Pace::NearEnd);
    }

    #[test]
    fn schedule_arithmetic() {
        let agenda = default_weekly_agenda();
        // Scorecard took 12 of 10 minutes; off-track is 5 minutes in.
        let secs = [720, 300, 0, 0, 0];
        assert_eq!(behind(&secs, &agenda, 1), 120);
        assert_eq!(projected_end(t(0), &secs, &agenda, 1), t(20 * 60 + 25 * 60));
        let fast = [300, 0, 0, 0, 0];
        assert_eq!(behind(&fast, &agenda, 1), -300);
        assert_eq!(format_duration(65), "01:05");
        assert_eq!(format_duration(3725), "1:02:05");
        assert_eq!(format_away(Duration::seconds(40)), "40 s");
        assert_eq!(format_away(Duration::seconds(250)), "4 min");
        assert_eq!(format_away(Duration::seconds(7500)), "2 h 5 min");
    }
}
