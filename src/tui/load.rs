//! Loading what the screens show from the store, in one pass of bounded
//! queries (13 weeks of readings, open items, recent decisions).

use chrono::Duration;

use crate::app::Board;
use crate::app::board::{OffTrackView, Recap};
use crate::clock::Clock;
use crate::domain::{ActionState, DecisionState, DepStatus, MeetingKind, Team, Week, scorecard};
use crate::storage::{ActionFilter, DecisionFilter, Store, StoreError};

/// How many weeks the scorecard's trend covers.
pub const TREND_WEEKS: usize = 13;

/// How many ended meetings the home screen lists.
pub const PAST_MEETINGS: usize = 26;

pub fn load_board(store: &Store, team: &Team, clock: &Clock) -> Result<Board, StoreError> {
    load_board_keeping(store, team, clock, None)
}

/// Like `load_board`, but reusing `past` (the ended meetings) when the
/// caller knows they cannot have changed: after this screen's own saves,
/// which never end a meeting. Reading and parsing those meetings is most of
/// a reload, and a reload follows every key that saves.
pub fn load_board_keeping(
    store: &Store,
    team: &Team,
    clock: &Clock,
    past: Option<Vec<crate::domain::Meeting>>,
) -> Result<Board, StoreError> {
    let today = clock.today;
    let week = Week::containing(today);
    let measures = store.measures(team.id, false)?;
    let readings = store.readings(team.id, week.offset(1 - TREND_WEEKS as i64), week)?;
    let card = scorecard::build(&team.name, &measures, &readings, week, TREND_WEEKS);
    let meeting = store.meeting_in(team.id, MeetingKind::Weekly, week)?;
    let past = match past {
        Some(past) => past,
        None => store.past_meetings(team.id, PAST_MEETINGS)?,
    };
    let last = past.iter().find(|m| m.week < week);
    let since = last
        .map(|m| m.started_at.with_timezone(&clock.offset).date_naive())
        .unwrap_or(today - Duration::days(7));
    let closed_since = last
        .and_then(|m| m.ended_at)
        .unwrap_or(clock.now - Duration::days(7));
    let commitments = store.commitments(team.id, today, since, closed_since)?;
    let mut offtrack = Vec::new();
    for (item, raised_value, current_value) in store.open_offtrack_with_values(team.id, week)? {
        let unit = item
            .measure_id
            .and_then(|m| measures.iter().find(|x| x.id == m))
            .map(|x| x.unit.clone())
            .unwrap_or_default();
        offtrack.push(OffTrackView {
            item,
            raised_value,
            current_value,
            unit,
        });
    }
    let mut deps = store.dependencies(team.id, false)?;
    deps.sort_by_key(|d| (d.status != DepStatus::Blocked, !d.is_overdue(today)));
    let needed = store.decisions(
        team.id,
        &DecisionFilter {
            states: vec![DecisionState::Needed],
        },
    )?;
    let stuck = store.stuck_milestones(team.id, clock.now)?;
    let brief_lines = store.serve_lines(team.id, crate::domain::Quarter::containing(today))?;
    let made = store.decisions_made_since(team.id, clock.now - Duration::days(28), 12)?;
    let open_actions = store.actions(
        team.id,
        &ActionFilter {
            states: vec![ActionState::Open],
            ..ActionFilter::default()
        },
    )?;
    // A review still open says what it did up to now, or, for one of an
    // earlier week being ended late, up to the end of the day the board is
    // loaded as of: the days since were not that meeting's.
    let until = (today + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(clock.offset).single())
        .map_or(clock.now, |t| clock.now.min(t.with_timezone(&chrono::Utc)));
    let recap = match &meeting {
        Some(m) => {
            let started = m.started_at;
            Recap {
                new_actions: store.actions(
                    team.id,
                    &ActionFilter {
                        created_since: Some(started),
                        ..ActionFilter::default()
                    },
                )?,
                decisions_made: made
                    .iter()
                    .filter(|d| d.made_at.is_some_and(|t| t >= started))
                    .cloned()
                    .collect(),
                activity: store.activity(team.id, started, m.ended_at.unwrap_or(until))?,
            }
        }
        None => Recap::default(),
    };
    let agenda = match &meeting {
        Some(m) if !m.sections.is_empty() => m
            .sections
            .iter()
            .map(|s| crate::domain::AgendaSection {
                kind: s.kind,
                name: s.name.clone(),
                minutes: s.minutes,
            })
            .collect(),
        _ => store.agenda(team.id, MeetingKind::Weekly)?,
    };
    let mut commitment_log = Vec::new();
    for d in made
        .iter()
        .filter(|d| d.lane == crate::domain::Lane::Commitment)
    {
        let record = crate::domain::RecordRef {
            kind: "decision",
            id: d.id.0,
        };
        commitment_log.push((d.id, store.record_history(record)?));
    }
    let other_teams = store
        .teams()?
        .into_iter()
        .filter(|t| t.id != team.id)
        .collect();
    let health = crate::domain::health::health(&past, &[], today, 1);
    Ok(Board {
        team: team.clone(),
        other_teams,
        week,
        today,
        offset: clock.offset,
        measures,
        scorecard: card,
        people: store.people()?.into_iter().map(|p| p.name).collect(),
        commitments,
        since: Some(since),
        offtrack,
        deps,
        needed,
        stuck,
        brief_lines,
        made,
        commitment_log,
        open_actions,
        earlier: store.open_meetings_before(team.id, week)?,
        driver: match meeting.as_ref().filter(|m| m.is_open()) {
            Some(m) => store.meeting_driver(m.id)?,
            None => None,
        },
        meeting,
        past,
        recap,
        agenda,
        triggers: store.triggers(Some(team.id), true)?,
        health,
    })
}
