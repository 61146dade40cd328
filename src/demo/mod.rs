//! `rhythm demo`'s data: a realistic, deterministic history for three teams
//! ending in the current week. The same current week always gives the same
//! data; everything is written through `Change`s in one transaction.
//! `large` builds the much larger history of `--teams` and `--weeks`.

mod brief;
mod data;
mod items;
pub mod large;
mod plan;
mod triggers;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};

use crate::domain::change::{NewMeasure, NewMeeting};
use crate::domain::{
    Change, Goal, Measure, MeasureId, MeetingKind, MeetingSection, Reading, TeamId, Week,
    default_weekly_agenda, scorecard,
};
use crate::storage::{Batch, StoreError};

use data::{DemoData, MeasureSpec};

/// The label stored in the database's meta table.
pub const DEMO_LABEL: &str = "rhythm demo";

/// Weeks of readings, ending with the current one.
pub const WEEKS: usize = 26;

/// What the demo created, for the caller to show.
pub struct Filled {
    pub teams: Vec<(TeamId, String)>,
    pub week: Week,
    /// Weeks of readings, ending with `week`.
    pub weeks: usize,
}

/// Fills an empty (or cleared) database with the demo for the week of `today`.
pub fn fill(w: &mut Batch<'_, '_>, today: NaiveDate) -> Result<Filled, StoreError> {
    let data = data::load()
        .map_err(|e| StoreError::Refused(format!("the bundled demo data is damaged: {e}")))?;
    let week = Week::containing(today);
    let first = week.offset(1 - WEEKS as i64);
    let mut teams = Vec::new();
    for (t, spec) in data.teams.iter().enumerate() {
        w.set_now(at(first.monday(), 8, 0));
        let team = TeamId(
            w.apply(&Change::AddTeam {
                name: spec.name.clone(),
            })?
            .id,
        );
        teams.push((team, spec.name.clone()));
        let mut measures = Vec::new();
        let mut readings = Vec::new();
        for (i, m) in spec.measures.iter().enumerate() {
            let measure = add_measure(w, team, m, i)?;
            // From the start of the history, so each firing is recorded
            // with the reading that set it off.
            triggers::add_for(w, &data, &spec.name, &measure)?;
            for (k, value) in series(m, (t * 16 + i) as u64).into_iter().enumerate() {
                let Some(value) = value else { continue };
                let wk = first.offset(k as i64);
                let note = note_for(&data, &m.name, WEEKS - 1 - k);
                w.set_now(at(wk.monday(), 16, 30));
                w.apply(&Change::RecordReading {
                    measure: measure.id,
                    week: wk,
                    value,
                    note: note.clone(),
                })?;
                readings.push(Reading {
                    measure_id: measure.id,
                    week: wk,
                    value,
                    note,
                });
            }
            measures.push(measure);
        }
        past_meetings(w, team, &spec.name, &measures, &readings, week)?;
    }
    items::add_all(w, &data, &teams, week, today)?;
    // Written when the quarter began, or when the demo's history did if
    // that is later.
    let quarter = crate::domain::Quarter::containing(today);
    w.set_now(at(quarter.first_day().max(first.monday()), 10, 0));
    let served = brief::add_all(w, &data, &teams, quarter)?;
    plan::add_all(w, &data, &teams, &served, today)?;
    w.set_now(at(today, 8, 0));
    w.apply(&Change::MarkDemo {
        label: DEMO_LABEL.into(),
    })?;
    Ok(Filled {
        teams,
        week,
        weeks: WEEKS,
    })
}

fn goal(m: &MeasureSpec) -> Result<Goal, StoreError> {
    Goal::new(m.direction, m.target, m.range, m.tolerance)
        .map_err(|e| StoreError::Refused(format!("demo measure {}: {e}", m.name)))
}

fn add_measure(
    w: &mut Batch<'_, '_>,
    team: TeamId,
    m: &MeasureSpec,
    i: usize,
) -> Result<Measure, StoreError> {
    let goal = goal(m)?;
    let change = NewMeasure {
        team,
        name: m.name.clone(),
        owner: Some(m.owner.clone()),
        unit: m.unit.clone(),
        kind: m.kind,
        goal,
        rollup: None,
    };
    let id = MeasureId(w.apply(&Change::AddMeasure(change.clone()))?.id);
    Ok(Measure {
        id,
        team_id: team,
        name: change.name,
        owner: change.owner,
        unit: change.unit,
        kind: change.kind,
        goal,
        position: i as u32 + 1,
        archived: false,
    })
}

/// A UTC time on `day`, for stamping the history.
pub(crate) fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default())
        .and_utc()
}

/// The day `offset_days` from the Monday of `week`.
pub(crate) fn day(week: Week, offset_days: i64) -> NaiveDate {
    let monday = week.monday();
    let n = Days::new(offset_days.unsigned_abs());
    let moved = if offset_days >= 0 {
        monday.checked_add_days(n)
    } else {
        monday.checked_sub_days(n)
    };
    moved.unwrap_or(monday)
}

/// A deterministic pseudo-random number in [-1, 1) (splitmix64), so the
/// demo needs no random-number crate and never changes between runs.
fn wobble(seed: u64) -> f64 {
    (splitmix(seed) >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

/// One step of splitmix64: well-mixed bits from any seed.
fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The measure's readings, oldest first: a drift from `start` to `end` with
/// some wobble, a gap now and then, and exactly `end` this week.
fn series(m: &MeasureSpec, seed: u64) -> Vec<Option<f64>> {
    let end = m.end.unwrap_or(m.start);
    let scale = 10f64.powi(m.decimals);
    (0..WEEKS)
        .map(|k| {
            if k + 1 == WEEKS {
                return m.end;
            }
            // Older weeks sometimes went unrecorded; the last month never did.
            if k + 5 < WEEKS && wobble(seed * 1000 + k as u64 + 500) > 0.85 {
                return None;
            }
            let progress = k as f64 / (WEEKS - 1) as f64;
            let drift = m.start + (end - m.start) * progress;
            let v = drift + m.noise * wobble(seed * 1000 + k as u64);
            Some((v * scale).round() / scale)
        })
        .collect()
}

fn note_for(data: &DemoData, measure: &str, weeks_ago: usize) -> Option<String> {
    data.notes
        .iter()
        .find(|n| n.measure == measure && n.weeks_ago == weeks_ago)
        .map(|n| n.note.clone())
}

/// The last three weekly reviews: ended, rated, attended, with the scorecard
/// as the room saw it then.
fn past_meetings(
    w: &mut Batch<'_, '_>,
    team: TeamId,
    team_name: &str,
    measures: &[Measure],
    readings: &[Reading],
    week: Week,
) -> Result<(), StoreError> {
    let mut people: Vec<String> = measures.iter().filter_map(|m| m.owner.clone()).collect();
    people.sort();
    people.dedup();
    let minutes_spent = [[9, 27, 9, 10, 5], [11, 23, 10, 9, 4], [10, 25, 8, 11, 4]];
    for (n, spent) in minutes_spent.into_iter().enumerate() {
        let wk = week.offset(n as i64 - 3);
        let started = at(day(wk, 1), 10, 0);
        let sections: Vec<MeetingSection> = default_weekly_agenda()
            .into_iter()
            .zip(spent)
            .map(|(s, min)| MeetingSection {
                kind: s.kind,
                name: s.name,
                minutes: s.minutes,
                seconds_spent: min * 60 + 17,
            })
            .collect();
        let total: u32 = sections.iter().map(|s| s.seconds_spent).sum();
        let seen: Vec<Reading> = readings.iter().filter(|r| r.week <= wk).cloned().collect();
        w.set_now(started);
        w.apply(&Change::AddMeeting(NewMeeting {
            team,
            kind: MeetingKind::Weekly,
            week: wk,
            started_at: started,
            ended_at: Some(started + chrono::Duration::seconds(i64::from(total))),
            current_section: sections.len() as u32 - 1,
            sections,
            // Someone is away every other week.
            attendees: people.iter().skip(n % 2).cloned().collect(),
            rating: Some([7, 8, 9][n]),
            snapshot: Some(scorecard::build(team_name, measures, &seen, wk, 13)),
            // Values come in earlier and promises are kept better as the
            // weeks go on.
            health: crate::domain::MeetingHealth {
                missing_at_start: Some([3, 2, 1][n]),
                commitments: Some([(2, 5), (3, 5), (4, 5)][n]),
            },
        }))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    #[test]
    fn bundled_data_loads_and_shows_every_status_in_every_team() {
        let data = data::load().unwrap();
        assert_eq!(data.teams.len(), 3);
        for team in &data.teams {
            assert!((7..=10).contains(&team.measures.len()), "{}", team.name);
            let seen: std::collections::HashSet<Status> = team
                .measures
                .iter()
                .map(|m| goal(m).unwrap().status(m.end))
                .collect();
            for s in Status::ALL {
                assert!(seen.contains(&s), "{} lacks {s}", team.name);
            }
        }
    }

    /// The demo's plans flag what they were written to flag, and nothing
    /// else: Growth's milestone twelve days in decide without a decision
    /// owner, Gus on Platform over what its 15 % pool leaves him this
    /// month, and Customer Success's draw without its post-mortem; on the
    /// first of a month as in the middle of one, at any hour of the day.
    #[test]
    fn the_demo_plans_flag_the_stuck_milestone_the_overloaded_person_and_the_missing_post_mortem() {
        use crate::domain::plan::Flag;
        for (filled, viewed) in [
            ("2026-11-24T10:00:00Z", "2026-11-24T23:59:00Z"),
            ("2026-12-01T08:00:00Z", "2026-12-01T00:30:00Z"),
        ] {
            let clock = crate::clock::Clock::pinned(filled).unwrap();
            let mut store = crate::storage::Store::open_in_memory().unwrap();
            store
                .batch(clock.now, |w| fill(w, clock.today).map(|_| ()))
                .unwrap();
            let now = crate::clock::Clock::pinned(viewed).unwrap().now;
            let this = crate::domain::Month::containing(clock.today);
            let mut flags = Vec::new();
            for team in store.teams().unwrap() {
                let plan = store.plan(team.id).unwrap();
                assert!(plan.initiatives.len() >= 2, "{}", team.name);
                let months: std::collections::BTreeSet<_> = plan
                    .initiatives
                    .iter()
                    .flat_map(|i| i.milestones.iter().map(|m| m.month))
                    .collect();
                assert_eq!(
                    months.first().copied(),
                    Some(this.plus(-1)),
                    "{}",
                    team.name
                );
                for flag in plan.flags(now) {
                    flags.push(match flag {
                        Flag::StuckInDecide { title, days, .. } => {
                            format!("{}: {title} stuck {days} days", team.name)
                        }
                        Flag::OverAllocated {
                            person,
                            month,
                            total,
                            limit,
                        } => {
                            assert_eq!(month, this);
                            format!("{}: {person} at {total} of {limit}", team.name)
                        }
                        Flag::PostMortemDue { why, .. } => {
                            format!("{}: post-mortem due for {why}", team.name)
                        }
                        other => format!("{}: unexpected {other:?}", team.name),
                    });
                }
            }
            assert_eq!(
                flags,
                [
                    "Customer Success: post-mortem due for Renewal rescue for a top-ten account",
                    "Growth: Pick the e-signature vendor stuck 12 days",
                    "Platform: Gus at 90 of 85",
                ],
                "{filled}"
            );
        }
    }

    #[test]
    fn series_are_deterministic_and_end_on_the_chosen_value() {
        let data = data::load().unwrap();
        let m = &data.teams[0].measures[0];
        let a = series(m, 7);
        assert_eq!(a, series(m, 7));
        assert_eq!(a.len(), WEEKS);
        assert_eq!(a[WEEKS - 1], m.end);
        assert!(a[WEEKS - 5..].iter().all(Option::is_some));
        assert!((-1.0..1.0).contains(&wobble(42)));
    }
}
