//! `rhythm demo --teams N --weeks N`: a large, deterministic history for
//! trying rhythm at scale. The reference size, 50 teams × 520 weeks, holds
//! 260,000 readings (10 measures a team, every week), 100,000 action items,
//! 20,000 decisions, 10,000 dependencies and 26,000 meetings.
//!
//! Everything is written as `Change`s: one transaction clears the file,
//! adds the teams and their measures and marks the file as a demo, then one
//! transaction per team writes its history. A run stopped half-way leaves a
//! file still marked as a demo, which `rhythm demo` may rebuild.
//!
//! Every number and word is drawn by (team, week index, purpose, item) from
//! splitmix, never from the date, so the same size and current week always
//! give the same data. Each team's last `SNAPSHOTS` ended meetings (what the
//! home screen lists) keep the scorecard as the room saw it; older ones do
//! not, as 26,000 snapshots would make up most of the file.
//!
//! Must not import rusqlite: it writes through `Store::apply_batch` only.

mod cast;
mod history;

use chrono::NaiveDate;

use crate::domain::change::NewMeasure;
use crate::domain::{Change, Direction, Goal, Measure, MeasureId, OpSource, Origin, TeamId, Week};
use crate::storage::{Batch, Images, Store, StoreError};

use super::{Filled, at, splitmix};
use cast::MeasureDef;

/// The label stored in the database's meta table.
pub const LABEL: &str = "rhythm demo (large)";

/// Measures per team.
pub const MEASURES: usize = 10;

/// People per team; each owns some measures and follow-ups.
pub const PEOPLE: usize = 6;

/// Ended meetings per team that keep their scorecard snapshot.
pub const SNAPSHOTS: usize = 26;

/// Items per team per 13 weeks (a quarter), spread evenly over the weeks.
const ACTIONS_PER_QUARTER: usize = 50;
const DECISIONS_PER_QUARTER: usize = 10;
const DEPENDENCIES_PER_QUARTER: usize = 5;

/// How big a history to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub teams: usize,
    pub weeks: usize,
}

impl Size {
    /// The size the issue measures against, and the default for either
    /// flag given alone.
    pub const REFERENCE: Size = Size {
        teams: 50,
        weeks: 520,
    };

    pub fn readings(self) -> usize {
        self.teams * self.weeks * MEASURES
    }

    pub fn actions(self) -> usize {
        self.teams * per_team(self.weeks, ACTIONS_PER_QUARTER)
    }

    pub fn decisions(self) -> usize {
        self.teams * per_team(self.weeks, DECISIONS_PER_QUARTER)
    }

    pub fn dependencies(self) -> usize {
        self.teams * per_team(self.weeks, DEPENDENCIES_PER_QUARTER)
    }

    /// One weekly meeting per team per week: all ended but this week's,
    /// which is under way.
    pub fn meetings(self) -> usize {
        self.teams * self.weeks
    }

    /// One off-track item per team per quarter, in a week of the quarter
    /// that differs between teams (see `offtrack_week`).
    pub fn offtrack(self) -> usize {
        (0..self.teams)
            .map(|t| (self.weeks + 12 - offtrack_week(t)) / 13)
            .sum()
    }

    /// The records written, for a progress counter.
    pub fn records(self) -> usize {
        self.readings()
            + self.actions()
            + self.decisions()
            + self.dependencies()
            + self.meetings()
            + self.offtrack()
    }
}

/// The week of each quarter (0 to 12) in which team `t` raises its
/// off-track item; staggered so that at any week some teams have one open.
fn offtrack_week(t: usize) -> usize {
    (6 + 5 * t) % 13
}

fn per_team(weeks: usize, per_quarter: usize) -> usize {
    weeks * per_quarter / 13
}

/// How many of a team's items fall in week `k`; over `0..weeks` these sum
/// to `per_team(weeks, ...)`.
fn in_week(k: usize, per_quarter: usize) -> usize {
    (k + 1) * per_quarter / 13 - k * per_quarter / 13
}

/// A deterministic draw in [0, 1) for one choice about one thing: which
/// team, which week (or measure), what the draw is for, which item.
fn roll(team: usize, k: usize, purpose: u64, item: usize) -> f64 {
    let mut h = splitmix(team as u64);
    h = splitmix(h ^ k as u64);
    h = splitmix(h ^ purpose);
    h = splitmix(h ^ item as u64);
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// `list[i % len]`, for picking words by a number.
fn nth<'a>(list: &[&'a str], i: usize) -> &'a str {
    list[i % list.len()]
}

/// One team as its history needs it.
struct Cast {
    index: usize,
    id: TeamId,
    name: String,
    people: Vec<String>,
    measures: Vec<(Measure, &'static MeasureDef)>,
}

/// Replaces the (demo or empty) database's contents with a history of
/// `size` ending in the week of `today`. `progress` hears how many records
/// each step wrote.
pub fn fill(
    store: &mut Store,
    origin: &Origin,
    size: Size,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize),
) -> Result<Filled, StoreError> {
    let week = Week::containing(today);
    let first = week.offset(1 - size.weeks as i64);
    let start = at(first.monday(), 8, 0);
    // The history supersedes commitments, which needs an approval: the
    // person building the demo gives it.
    let origin =
        Origin::new(origin.author.clone(), OpSource::Demo).approved_by(Some(origin.author.clone()));
    let casts = store.apply_batch(&origin, start, Images::None, |w| {
        w.set_summary(format!("Built the demo's {} teams", size.teams));
        w.apply(&Change::ClearDemo)?;
        let casts = (0..size.teams)
            .map(|t| add_team(w, t))
            .collect::<Result<Vec<_>, _>>()?;
        w.apply(&Change::MarkDemo {
            label: LABEL.into(),
        })?;
        Ok(casts)
    })?;
    let teams: Vec<TeamId> = casts.iter().map(|c| c.id).collect();
    for cast in &casts {
        store.apply_batch(&origin, start, Images::None, |w| {
            w.set_summary(format!("Built the demo history of {}", cast.name));
            history::write(w, cast, &teams, size, week, &mut *progress)
        })?;
    }
    Ok(Filled {
        teams: casts.into_iter().map(|c| (c.id, c.name)).collect(),
        week,
        weeks: size.weeks,
    })
}

fn add_team(w: &mut Batch<'_, '_>, t: usize) -> Result<Cast, StoreError> {
    let name = format!("Team {:02} {}", t + 1, nth(cast::AREAS, t));
    let id = TeamId(w.apply(&Change::AddTeam { name: name.clone() })?.id);
    let people: Vec<String> = (0..PEOPLE).map(|i| cast::person(t * PEOPLE + i)).collect();
    let mut measures = Vec::with_capacity(MEASURES);
    for j in 0..MEASURES {
        let def = &cast::MEASURES[(t * 3 + j) % cast::MEASURES.len()];
        let goal = goal(def)?;
        let change = NewMeasure {
            team: id,
            name: def.name.to_string(),
            owner: Some(people[j % PEOPLE].clone()),
            unit: def.unit.to_string(),
            kind: def.kind,
            goal,
            rollup: None,
        };
        let measure = MeasureId(w.apply(&Change::AddMeasure(change.clone()))?.id);
        let m = Measure {
            id: measure,
            team_id: id,
            name: change.name,
            owner: change.owner,
            unit: change.unit,
            kind: change.kind,
            goal,
            position: j as u32 + 1,
            archived: false,
        };
        measures.push((m, def));
    }
    Ok(Cast {
        index: t,
        id,
        name,
        people,
        measures,
    })
}

fn goal(def: &MeasureDef) -> Result<Goal, StoreError> {
    let goal = match def.direction {
        Direction::Range => Goal::new(
            def.direction,
            None,
            Some((def.target, def.high)),
            def.tolerance,
        ),
        d => Goal::new(d, Some(def.target), None, def.tolerance),
    };
    goal.map_err(|e| StoreError::Refused(format!("demo measure {}: {e}", def.name)))
}

/// Measure `j` of team `t` in week `k`: a level of its own, a yearly
/// season, a slow multi-year drift and weekly noise, all in units of the
/// measure's swing around its typical value.
fn value(def: &MeasureDef, t: usize, j: usize, k: usize) -> f64 {
    use std::f64::consts::TAU;
    let level = roll(t, j, 1, 0) - 0.5;
    let season = (TAU * (k as f64 / 52.0 + roll(t, j, 2, 0))).sin();
    let drift = (TAU * (k as f64 / 173.0 + roll(t, j, 3, 0))).sin();
    let noise = 2.0 * roll(t, k, 4, j) - 1.0;
    let v = def.typical + def.swing * (0.6 * level + 0.5 * season + 0.5 * drift + 0.5 * noise);
    // A share cannot pass 100%, though a ratio such as retention can.
    let ceiling = if def.unit == "%" && def.target <= 100.0 {
        100.0
    } else {
        f64::MAX
    };
    let scale = 10f64.powi(def.decimals);
    ((v * scale).round() / scale).clamp(0.0, ceiling)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionState, DecisionState, MeetingKind};
    use crate::storage::{ActionFilter, DecisionFilter};

    #[test]
    fn a_history_that_revisits_commitments_builds_with_the_builders_approval() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let size = Size {
            teams: 3,
            weeks: 156,
        };
        let mut store = Store::open_in_memory().unwrap();
        let filled = fill(
            &mut store,
            &Origin::new("ana", OpSource::Demo),
            size,
            today,
            &mut |_| {},
        )
        .unwrap();
        let superseded = DecisionFilter {
            states: vec![DecisionState::Superseded],
        };
        let commitments = filled
            .teams
            .iter()
            .flat_map(|(t, _)| store.decisions(*t, &superseded).unwrap())
            .filter(|d| d.lane == crate::domain::Lane::Commitment)
            .count();
        assert!(commitments > 0, "no commitment was revisited");
    }

    #[test]
    fn a_small_history_is_the_same_every_time_and_has_its_counts() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let size = Size {
            teams: 2,
            weeks: 30,
        };
        let week = Week::containing(today);
        let first = week.offset(-29);
        let build = || {
            let mut store = Store::open_in_memory().unwrap();
            let mut reported = 0;
            let filled = fill(
                &mut store,
                &Origin::new("test", OpSource::Demo),
                size,
                today,
                &mut |n| reported += n,
            )
            .unwrap();
            assert_eq!(reported, size.records());
            assert_eq!(
                (filled.teams.len(), filled.week, filled.weeks),
                (2, week, 30)
            );
            (store, filled)
        };
        let ((a, filled), (b, _)) = (build(), build());
        assert!(a.is_demo().unwrap());
        let mut counts = [0; 6];
        for (team, name) in &filled.teams {
            let team = *team;
            let all = |s: &Store| {
                (
                    s.measures(team, true).unwrap(),
                    s.readings(team, first, week).unwrap(),
                    s.actions(team, &ActionFilter::default()).unwrap(),
                    s.decisions(team, &DecisionFilter::default()).unwrap(),
                    s.dependencies(team, true).unwrap(),
                    s.past_meetings(team, 1000).unwrap(),
                    s.meeting_in(team, MeetingKind::Weekly, week).unwrap(),
                    s.offtrack_items(team, &[]).unwrap(),
                )
            };
            let run = all(&a);
            assert!(run == all(&b), "{name} differs between two runs");
            let (measures, readings, actions, decisions, deps, past, open, offtrack) = run;
            assert!(name.starts_with("Team 0"), "{name}");
            assert_eq!(measures.len(), MEASURES);
            counts[0] += readings.len();
            counts[1] += actions.len();
            counts[2] += decisions.len();
            counts[3] += deps.iter().filter(|d| d.needing.id == Some(team)).count();
            counts[4] += past.len() + usize::from(open.is_some());
            counts[5] += offtrack.len();

            // This week's review is under way; the latest ended ones kept
            // their scorecard, older ones not.
            assert!(open.is_some_and(|m| m.is_open()));
            assert_eq!(past.len(), size.weeks - 1);
            let kept = past.iter().take_while(|m| m.snapshot.is_some()).count();
            assert_eq!(kept, SNAPSHOTS);
            assert!(past[SNAPSHOTS..].iter().all(|m| m.snapshot.is_none()));
            // Most action items done, a few dropped, some open and overdue.
            let done = actions
                .iter()
                .filter(|x| x.state == ActionState::Done)
                .count();
            assert!(done * 10 > actions.len() * 7, "{done} of {}", actions.len());
            assert!(actions.iter().any(|x| x.state == ActionState::Dropped));
            assert!(
                actions
                    .iter()
                    .any(|x| x.state == ActionState::Open
                        && x.due.is_some_and(|d| d < week.monday()))
            );
            let made = decisions
                .iter()
                .filter(|d| d.state == DecisionState::Made)
                .count();
            assert!(
                made * 10 > decisions.len() * 8,
                "{made} of {}",
                decisions.len()
            );
        }
        assert_eq!(
            counts,
            [
                size.readings(),
                size.actions(),
                size.decisions(),
                size.dependencies(),
                size.meetings(),
                size.offtrack()
            ]
        );
    }

    #[test]
    fn the_cast_has_enough_of_everything() {
        assert!(cast::MEASURES.len() >= MEASURES);
        for def in cast::MEASURES {
            goal(def).unwrap();
        }
        let people: std::collections::HashSet<String> = (0..1200).map(cast::person).collect();
        assert_eq!(people.len(), 1200);
    }

    #[test]
    fn items_spread_over_the_weeks_add_up() {
        for weeks in [1, 12, 13, 30, 520] {
            let sum: usize = (0..weeks).map(|k| in_week(k, ACTIONS_PER_QUARTER)).sum();
            assert_eq!(sum, per_team(weeks, ACTIONS_PER_QUARTER), "{weeks}");
        }
        let r = Size::REFERENCE;
        assert_eq!(
            (r.readings(), r.actions(), r.decisions(), r.dependencies()),
            (260_000, 100_000, 20_000, 10_000)
        );
        assert_eq!(r.meetings(), 26_000);
    }

    #[test]
    fn values_stay_near_their_typical_level() {
        for (j, def) in cast::MEASURES.iter().enumerate() {
            for k in 0..520 {
                let v = value(def, 3, j, k);
                assert!(
                    (v - def.typical).abs() <= 2.2 * def.swing,
                    "{} {v}",
                    def.name
                );
            }
        }
    }
}
