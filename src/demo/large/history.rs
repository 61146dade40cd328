//! One team's history, week by week and oldest first: its readings, the
//! weekly meeting, and what came out of it (action items, decisions,
//! dependencies, now and then an off-track item), each closed, decided or
//! resolved the way teams usually do. Nothing is closed or decided after
//! this week's Monday, so the history never runs ahead of the day.

use std::collections::VecDeque;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::cast;
use super::{
    ACTIONS_PER_QUARTER, Cast, DECISIONS_PER_QUARTER, DEPENDENCIES_PER_QUARTER, MEASURES,
    SNAPSHOTS, Size, in_week, nth, offtrack_week, roll, value,
};
use crate::demo::{at, day};
use crate::domain::change::{
    NewAction, NewDecision, NewDependency, NewMeeting, NewOffTrack, TeamSide,
};
use crate::domain::{
    ActionId, ActionSource, ActionState, Change, DecisionId, DepStatus, ItemState, Lane, Measure,
    MeetingKind, MeetingSection, OffTrackId, Reading, TeamId, Week, default_weekly_agenda,
    scorecard,
};
use crate::storage::{Batch, StoreError};

// What each draw is for (the `purpose` of `roll`).
const NOTE: u64 = 10;
const CLOCK: u64 = 11;
const AWAY: u64 = 12;
const RATING: u64 = 13;
const ACTION: u64 = 20;
const FATE: u64 = 21;
const DECISION: u64 = 30;
const DEPENDENCY: u64 = 40;
const OFFTRACK: u64 = 50;

/// Where a team's history is, as it walks through the weeks.
struct Walk<'a> {
    cast: &'a Cast,
    teams: &'a [TeamId],
    size: Size,
    /// This week's Monday: nothing is closed or decided after it.
    now: NaiveDate,
    /// The latest made decision per title, which a revisit may supersede.
    latest: Vec<Option<DecisionId>>,
}

pub(super) fn write(
    w: &mut Batch<'_, '_>,
    cast: &Cast,
    teams: &[TeamId],
    size: Size,
    week: Week,
    progress: &mut dyn FnMut(usize),
) -> Result<(), StoreError> {
    let first = week.offset(1 - size.weeks as i64);
    let mut walk = Walk {
        cast,
        teams,
        size,
        now: week.monday(),
        latest: vec![None; cast::DECISIONS.len()],
    };
    let measures: Vec<Measure> = cast.measures.iter().map(|(m, _)| m.clone()).collect();
    // The last 13 weeks of readings, for the meetings' snapshots.
    let mut recent: VecDeque<Reading> = VecDeque::with_capacity(14 * MEASURES);
    for k in 0..size.weeks {
        let wk = first.offset(k as i64);
        let t = cast.index;
        w.set_now(at(wk.monday(), 16, 30));
        for (j, (m, def)) in cast.measures.iter().enumerate() {
            let note =
                (roll(t, k, NOTE, j) < 0.015).then(|| nth(cast::READING_NOTES, k + j).to_string());
            let reading = Reading {
                measure_id: m.id,
                week: wk,
                value: value(def, t, j, k),
                note,
            };
            w.apply(&Change::RecordReading {
                measure: reading.measure_id,
                week: wk,
                value: reading.value,
                note: reading.note.clone(),
            })?;
            recent.push_back(reading);
        }
        while recent.len() > 13 * MEASURES {
            recent.pop_front();
        }
        let started = walk.meeting(w, k, wk, &measures, recent.make_contiguous())?;
        let mut written = MEASURES + 1;
        written += walk.actions(w, k, started)?;
        written += walk.decisions(w, k, wk, started)?;
        written += walk.dependencies(w, k, started)?;
        written += walk.offtrack(w, k, wk, started)?;
        progress(written);
    }
    Ok(())
}

impl Walk<'_> {
    fn is_current(&self, k: usize) -> bool {
        k + 1 == self.size.weeks
    }

    fn person(&self, k: usize, i: usize) -> Option<String> {
        Some(self.cast.people[(k + i) % self.cast.people.len()].clone())
    }

    /// Week `k`'s review: ended on Tuesday for past weeks, with its clock,
    /// attendance and rating; under way since Monday morning this week.
    /// Returns when it started.
    fn meeting(
        &self,
        w: &mut Batch<'_, '_>,
        k: usize,
        wk: Week,
        measures: &[Measure],
        recent: &[Reading],
    ) -> Result<DateTime<Utc>, StoreError> {
        let t = self.cast.index;
        let current = self.is_current(k);
        let started = if current {
            at(wk.monday(), 9, 0)
        } else {
            at(day(wk, 1), 10, 0)
        };
        let sections: Vec<MeetingSection> = default_weekly_agenda()
            .into_iter()
            .enumerate()
            .map(|(s, a)| {
                let pace = 0.7 + 0.6 * roll(t, k, CLOCK, s);
                MeetingSection {
                    kind: a.kind,
                    seconds_spent: if current {
                        0
                    } else {
                        (f64::from(a.minutes * 60) * pace) as u32
                    },
                    name: a.name,
                    minutes: a.minutes,
                }
            })
            .collect();
        let spent: u32 = sections.iter().map(|s| s.seconds_spent).sum();
        let keeps_snapshot = !current && k + 1 + SNAPSHOTS >= self.size.weeks;
        w.set_now(started);
        w.apply(&Change::AddMeeting(NewMeeting {
            team: self.cast.id,
            kind: MeetingKind::Weekly,
            week: wk,
            started_at: started,
            ended_at: (!current).then(|| started + Duration::seconds(i64::from(spent))),
            current_section: if current { 0 } else { 4 },
            sections,
            attendees: if current {
                Vec::new()
            } else {
                (0..self.cast.people.len())
                    .filter(|p| roll(t, k, AWAY, *p) >= 0.12)
                    .map(|p| self.cast.people[p].clone())
                    .collect()
            },
            rating: (!current).then(|| 6 + (roll(t, k, RATING, 0) * 5.0) as u8),
            snapshot: keeps_snapshot
                .then(|| scorecard::build(&self.cast.name, measures, recent, wk, 13)),
            health: Default::default(),
        }))?;
        Ok(started)
    }

    /// The week's action items. Long overdue ones were nearly all done or
    /// dropped; a few recent ones are overdue; upcoming ones mostly open.
    fn actions(
        &self,
        w: &mut Batch<'_, '_>,
        k: usize,
        started: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let t = self.cast.index;
        let n = in_week(k, ACTIONS_PER_QUARTER);
        for i in 0..n {
            let r = roll(t, k, ACTION, i);
            let created = started + Duration::minutes(20 + i as i64);
            let due = created.date_naive() + Duration::days(5 + (r * 17.0) as i64);
            let title = format!(
                "{} {}",
                nth(cast::ACTION_VERBS, k + i),
                nth(cast::ACTION_OBJECTS, k * 5 + i * 7 + t)
            );
            w.set_now(created);
            let id = ActionId(
                w.apply(&Change::AddAction(NewAction {
                    team: self.cast.id,
                    title,
                    owner: self.person(k, i),
                    due: Some(due),
                    source: ActionSource::Meeting,
                    source_id: None,
                }))?
                .id,
            );
            if self.is_current(k) {
                continue;
            }
            if let Some((state, on)) = self.fate(roll(t, k, FATE, i), created.date_naive(), due) {
                w.set_now(at(on, 15, 0));
                w.apply(&Change::SetActionState { action: id, state })?;
            }
        }
        Ok(n)
    }

    /// Whether and when an action item made on `made` and due on `due` was
    /// closed, by now.
    fn fate(&self, r: f64, made: NaiveDate, due: NaiveDate) -> Option<(ActionState, NaiveDate)> {
        let late = (self.now - due).num_days();
        let early = due - Duration::days((r * 40.0) as i64 % 4);
        let done = early.max(made + Duration::days(1));
        let dropped = (due + Duration::days(2)).min(self.now - Duration::days(1));
        if late > 56 {
            match r {
                r if r < 0.96 => Some((ActionState::Done, done)),
                r if r < 0.995 => Some((ActionState::Dropped, dropped)),
                _ => None,
            }
        } else if late > 0 {
            match r {
                r if r < 0.82 => Some((ActionState::Done, done)),
                r if r < 0.88 => Some((ActionState::Dropped, dropped)),
                _ => None,
            }
        } else {
            // Not due yet: a few are already done, in the days after the review.
            (r < 0.2).then(|| (ActionState::Done, made + Duration::days(2)))
        }
    }

    /// The week's decisions: made in the review, except recent ones still
    /// needed (some with no owner yet). Now and then a decision revisits the
    /// latest one of the same title and supersedes it.
    fn decisions(
        &mut self,
        w: &mut Batch<'_, '_>,
        k: usize,
        wk: Week,
        started: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let t = self.cast.index;
        let n = in_week(k, DECISIONS_PER_QUARTER);
        for i in 0..n {
            let r = |purpose: usize| roll(t, k, DECISION + purpose as u64, i);
            let topic = (k * 7 + i * 3 + t) % cast::DECISIONS.len();
            let (title, context, options) = cast::DECISIONS[topic];
            let needed = k + 6 >= self.size.weeks && r(0) < 0.35;
            let revisit = !needed && r(1) < 0.06 && self.latest[topic].is_some();
            let quarter = (wk.number() - 1) / 13 + 1;
            let title = if revisit {
                format!("Revisit: {title} (Q{} {})", quarter.min(4), wk.year())
            } else {
                format!("{title} (Q{} {})", quarter.min(4), wk.year())
            };
            let chosen = match (needed, revisit) {
                (true, _) => "",
                (false, true) => options[1],
                (false, false) => options[usize::from(r(2) >= 0.8)],
            };
            let created = started + Duration::minutes(35 + i as i64);
            w.set_now(created);
            let id = DecisionId(
                w.apply(&Change::AddDecision(NewDecision {
                    team: self.cast.id,
                    title,
                    context: context.to_string(),
                    options: options.iter().map(|o| o.to_string()).collect(),
                    chosen: chosen.to_string(),
                    owner: if needed && r(3) < 0.3 {
                        None
                    } else {
                        self.person(k, i + 2)
                    },
                    lane: Lane::ALL[(r(4) * 3.0) as usize % 3],
                    made: !needed,
                    due: needed
                        .then(|| created.date_naive() + Duration::days(3 + (r(5) * 18.0) as i64)),
                }))?
                .id,
            );
            if needed {
                continue;
            }
            if let (true, Some(old)) = (revisit, self.latest[topic]) {
                w.set_now(created + Duration::minutes(1));
                w.apply(&Change::Supersede { old, new: id })?;
            }
            self.latest[topic] = Some(id);
        }
        Ok(n)
    }

    /// What the team needs from another team (or, now and then, from
    /// outside): old ones nearly all done, recent ones in every status.
    fn dependencies(
        &self,
        w: &mut Batch<'_, '_>,
        k: usize,
        started: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let t = self.cast.index;
        let n = in_week(k, DEPENDENCIES_PER_QUARTER);
        let others = self.teams.len().saturating_sub(1);
        for i in 0..n {
            let r = |purpose: usize| roll(t, k, DEPENDENCY + purpose as u64, i);
            let providing = if others > 0 && r(0) >= 0.12 {
                let other = (t + 1 + (r(1) * others as f64) as usize) % self.teams.len();
                TeamSide {
                    team: Some(self.teams[other]),
                    name: String::new(),
                }
            } else {
                TeamSide {
                    team: None,
                    name: nth(cast::EXTERNAL, k + i).to_string(),
                }
            };
            let created = started + Duration::minutes(45 + i as i64);
            let needed_by = created.date_naive() + Duration::days(14 + (r(2) * 35.0) as i64);
            let s = r(3);
            let status = if (self.now - needed_by).num_days() > 14 {
                match s {
                    s if s < 0.93 => DepStatus::Done,
                    s if s < 0.95 => DepStatus::Blocked,
                    s if s < 0.97 => DepStatus::AtRisk,
                    _ => DepStatus::OnTrack,
                }
            } else {
                match s {
                    s if s < 0.45 => DepStatus::OnTrack,
                    s if s < 0.65 => DepStatus::AtRisk,
                    s if s < 0.77 => DepStatus::Blocked,
                    _ => DepStatus::Done,
                }
            };
            let note = match status {
                DepStatus::Blocked => Some("Waiting on their review".to_string()),
                DepStatus::AtRisk => Some("Slipping by a week".to_string()),
                _ => None,
            };
            w.set_now(created);
            w.apply(&Change::AddDependency(NewDependency {
                needing: TeamSide {
                    team: Some(self.cast.id),
                    name: String::new(),
                },
                providing,
                what: nth(cast::DEPENDENCY_WHATS, k * 3 + i + t).to_string(),
                owner: self.person(k, i + 4),
                needed_by: Some(needed_by),
                status,
                note,
            }))?;
        }
        Ok(n)
    }

    /// One off-track item a quarter, on one of the team's measures, resolved
    /// (now and then dropped) three to eight weeks later, unless that is
    /// still to come.
    fn offtrack(
        &self,
        w: &mut Batch<'_, '_>,
        k: usize,
        wk: Week,
        started: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        if k % 13 != offtrack_week(self.cast.index) {
            return Ok(0);
        }
        let t = self.cast.index;
        let (measure, _) = &self.cast.measures[(k / 13 + t) % MEASURES];
        w.set_now(started + Duration::minutes(15));
        let id = OffTrackId(
            w.apply(&Change::AddOffTrack(NewOffTrack {
                team: self.cast.id,
                measure: Some(measure.id),
                title: format!("{} off track", measure.name),
                owner: measure.owner.clone(),
                why: nth(cast::OFFTRACK_WHYS, k / 13 + t).to_string(),
                change: nth(cast::OFFTRACK_CHANGES, k / 13 + 2 * t).to_string(),
                raised_week: wk,
            }))?
            .id,
        );
        let later = 3 + (roll(t, k, OFFTRACK, 1) * 6.0) as usize;
        if k + later + 1 < self.size.weeks {
            let state = if roll(t, k, OFFTRACK, 0) < 0.15 {
                ItemState::Dropped
            } else {
                ItemState::Resolved
            };
            w.set_now(at(day(wk.offset(later as i64), 1), 10, 30));
            w.apply(&Change::SetOffTrackState { item: id, state })?;
        }
        Ok(1)
    }
}
