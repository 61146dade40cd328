//! The practice measuring its own execution, from the meetings and
//! decisions a team keeps: how the room rated its meetings, how many of
//! the commitments due were done at each (as stored when it ended), how
//! many weekly reviews were held of those due, how long they ran against
//! their agenda, how many values were missing when they started, and
//! decision time: the median days from a decision being needed to being
//! made, per governance lane per quarter, with each lane's share. Pure.

use chrono::NaiveDate;
use serde::Serialize;

use super::model::{Decision, DecisionState, Lane, Meeting, MeetingKind};
use super::quarter::Quarter;
use super::week::Week;

/// One weekly review as the figures count it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Held {
    pub week: Week,
    pub rating: Option<u8>,
    /// Done, out of due, when it ended.
    pub commitments: Option<(u32, u32)>,
    pub missing_at_start: Option<u32>,
    pub seconds: u32,
    pub planned_seconds: u32,
}

/// Decision time in one lane in one quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaneTime {
    pub quarter: Quarter,
    pub lane: Lane,
    /// Decisions made in the quarter in this lane.
    pub made: usize,
    /// Their share of the quarter's decisions made, in percent.
    pub share: u32,
    /// Median days from needed to made, of those recorded as needed first.
    pub median_days: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Health {
    pub from: Week,
    pub to: Week,
    /// The weekly reviews held (ended) in the span, oldest first.
    pub held: Vec<Held>,
    /// Weeks in the span since the team's first review, up to last week
    /// (and this week once its review is held): reviews expected.
    pub expected: usize,
    pub decisions: Vec<LaneTime>,
}

impl Health {
    pub fn average_rating(&self) -> Option<f64> {
        mean(self.held.iter().filter_map(|h| h.rating.map(f64::from)))
    }

    /// Commitments done of those due, over every review that kept count.
    pub fn completion(&self) -> Option<u32> {
        let (done, due) = self
            .held
            .iter()
            .filter_map(|h| h.commitments)
            .fold((0u64, 0u64), |(d, a), (x, y)| {
                (d + u64::from(x), a + u64::from(y))
            });
        (due > 0).then(|| (done * 100 / due) as u32)
    }

    /// Time spent against the agenda's, in percent, over every review.
    pub fn length(&self) -> Option<u32> {
        let spent: u64 = self.held.iter().map(|h| u64::from(h.seconds)).sum();
        let planned: u64 = self.held.iter().map(|h| u64::from(h.planned_seconds)).sum();
        (planned > 0).then(|| (spent * 100 / planned) as u32)
    }

    pub fn average_missing(&self) -> Option<f64> {
        mean(
            self.held
                .iter()
                .filter_map(|h| h.missing_at_start.map(f64::from)),
        )
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        f64::midpoint(values[mid - 1], values[mid])
    } else {
        values[mid]
    })
}

/// The figures over the `quarters` quarters up to `today`'s (at least
/// one), from a team's meetings and decisions.
pub fn health(
    meetings: &[Meeting],
    decisions: &[Decision],
    today: NaiveDate,
    quarters: u32,
) -> Health {
    let mut first = Quarter::containing(today);
    for _ in 1..quarters.max(1) {
        first = first.prev();
    }
    let from = Week::containing(first.first_day());
    let to = Week::containing(today);
    let weekly = |m: &&Meeting| m.kind == MeetingKind::Weekly;
    let mut held: Vec<Held> = meetings
        .iter()
        .filter(weekly)
        .filter(|m| m.ended_at.is_some() && m.week >= from && m.week <= to)
        .map(|m| Held {
            week: m.week,
            rating: m.rating,
            commitments: m.health.commitments,
            missing_at_start: m.health.missing_at_start,
            seconds: m.sections.iter().map(|s| s.seconds_spent).sum(),
            planned_seconds: m.sections.iter().map(|s| s.minutes * 60).sum(),
        })
        .collect();
    held.sort_by_key(|h| h.week);
    // Reviews are expected from the team's first one on, up to last week,
    // and this week's once it is held: the week is not over yet.
    let start = meetings
        .iter()
        .filter(weekly)
        .map(|m| m.week)
        .min()
        .map_or(to, |w| w.max(from));
    let this_week = usize::from(held.iter().any(|h| h.week == to));
    let expected = usize::try_from(start.weeks_until(to)).unwrap_or(0) + this_week;
    Health {
        from,
        to,
        held,
        expected,
        decisions: decision_time(decisions, first, Quarter::containing(today)),
    }
}

/// Per quarter from `first` to `last`, per lane with a decision made:
/// how many, their share and the median days from needed to made. A
/// decision recorded as made at once (made when it was created) counts in
/// the share, not in the time.
fn decision_time(decisions: &[Decision], first: Quarter, last: Quarter) -> Vec<LaneTime> {
    let mut out = Vec::new();
    let mut q = first;
    loop {
        let made: Vec<&Decision> = decisions
            .iter()
            .filter(|d| d.state != DecisionState::Needed && d.state != DecisionState::Withdrawn)
            .filter(|d| {
                d.made_at
                    .is_some_and(|t| Quarter::containing(t.date_naive()) == q)
            })
            .collect();
        for lane in Lane::ALL {
            let mine: Vec<&&Decision> = made.iter().filter(|d| d.lane == *lane).collect();
            if mine.is_empty() {
                continue;
            }
            let days = mine
                .iter()
                .filter_map(|d| d.made_at.map(|t| t - d.created_at))
                .filter(|waited| waited.num_seconds() > 0)
                .map(|waited| waited.num_minutes() as f64 / (24.0 * 60.0))
                .collect();
            out.push(LaneTime {
                quarter: q,
                lane: *lane,
                made: mine.len(),
                share: (mine.len() * 100 / made.len()) as u32,
                median_days: median(days),
            });
        }
        if q >= last {
            break;
        }
        q = q.next();
    }
    out
}

#[cfg(test)]
mod tests;
