//! Store tests: every Change on an in-memory store, files for reopen and WAL.

#[macro_use]
mod backend;

mod activity;
mod agenda;
mod basics;
mod batches;
mod brief;
mod brief_transfer;
mod corrections;
mod decisions;
mod door;
mod files;
mod identify;
mod items;
mod live;
mod measures;
mod names;
mod offtrack_edits;
mod oplog;
mod oplog_every_change;
mod oplog_props;
mod plan;
mod plan_transfer;
mod plans;
mod portable_sql;
mod queries;
mod server;
mod triggers;

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rusqlite::Connection;

use super::{
    ActionFilter, Applied, DecisionFilter, LATEST_VERSION, NameList, OpenMode, Store, StoreError,
    TeamFootprint,
};
use crate::domain::change::{
    ChangeError, MeasureEdit, NewAction, NewDecision, NewDependency, NewMeasure, NewMeeting,
    NewOffTrack, TeamSide,
};
use crate::domain::{
    ActionId, ActionItem, ActionSource, ActionState, AgendaSection, Change, Decision, DecisionId,
    DecisionState, DepStatus, Dependency, DependencyId, Direction, Goal, ItemState, Kind, Lane,
    Measure, MeasureId, Meeting, MeetingId, MeetingKind, MeetingSection, OffTrackId, OffTrackItem,
    Person, PersonId, Reading, Team, TeamId, TeamRef, Week, default_weekly_agenda, scorecard,
};

// ---------------------------------------------------------------------------
// Helpers

/// The one moment these tests live in; they never read the clock.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// A later moment, to tell "changed" timestamps from "created" ones.
fn later() -> DateTime<Utc> {
    now() + Duration::days(2) + Duration::hours(3)
}

fn week(s: &str) -> Week {
    s.parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn store() -> Store {
    backend::store()
}

fn apply_at(s: &mut Store, change: Change, at: DateTime<Utc>) -> i64 {
    s.apply_one(&change, at)
        .unwrap_or_else(|e| panic!("{change:?}: {e}"))
        .id
}

fn apply(s: &mut Store, change: Change) -> i64 {
    apply_at(s, change, now())
}

/// Every table of the schema, to show that a refused change wrote nothing.
const TABLES: [&str; 20] = [
    "meta",
    "team",
    "person",
    "agenda_section",
    "measure",
    "reading",
    "offtrack",
    "action_item",
    "dependency",
    "meeting",
    "meeting_section",
    "meeting_attendee",
    "decision",
    "brief_item",
    "initiative",
    "initiative_person",
    "milestone",
    "flex_draw",
    "trigger_rule",
    "trigger_episode",
];

fn count(s: &Store, table: &str) -> i64 {
    s.conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn counts(s: &Store) -> Vec<(&'static str, i64)> {
    TABLES.iter().map(|t| (*t, count(s, t))).collect()
}

/// Applies a change that must fail, checks that no row was added or
/// removed anywhere, and returns the error.
fn refuse(s: &mut Store, change: Change) -> StoreError {
    let before = counts(s);
    let err = match s.apply_one(&change, now()) {
        Ok(applied) => panic!("{change:?} should be refused, but gave {applied:?}"),
        Err(e) => e,
    };
    assert_eq!(counts(s), before, "{change:?} wrote rows before failing");
    err
}

fn refused_message(err: StoreError) -> String {
    match err {
        StoreError::Refused(message) => message,
        other => panic!("expected Refused, got {other:?}"),
    }
}

fn open_err(path: &Path, mode: OpenMode) -> StoreError {
    match Store::open(path, mode) {
        Ok(_) => panic!("{} opened, but should not have", path.display()),
        Err(e) => e,
    }
}

fn add_team(s: &mut Store, name: &str) -> TeamId {
    TeamId(apply(s, Change::AddTeam { name: name.into() }))
}

fn higher(target: f64) -> Goal {
    Goal::new(Direction::Higher, Some(target), None, 0.1).unwrap()
}

fn new_measure(team: TeamId, name: &str) -> NewMeasure {
    NewMeasure {
        rollup: None,
        team,
        name: name.into(),
        owner: None,
        unit: "%".into(),
        kind: Kind::Lagging,
        goal: higher(100.0),
    }
}

fn add_measure(s: &mut Store, team: TeamId, name: &str) -> MeasureId {
    MeasureId(apply(s, Change::AddMeasure(new_measure(team, name))))
}

fn record(s: &mut Store, measure: MeasureId, w: &str, value: f64) -> Applied {
    s.apply_one(
        &Change::RecordReading {
            measure,
            week: week(w),
            value,
            note: None,
        },
        now(),
    )
    .unwrap()
}

fn new_action(team: TeamId, title: &str, owner: Option<&str>, due: Option<&str>) -> NewAction {
    NewAction {
        team,
        title: title.into(),
        owner: owner.map(Into::into),
        due: due.map(date),
        source: ActionSource::Manual,
        source_id: None,
    }
}

fn add_action(
    s: &mut Store,
    team: TeamId,
    title: &str,
    owner: Option<&str>,
    due: Option<&str>,
) -> ActionId {
    ActionId(apply(
        s,
        Change::AddAction(new_action(team, title, owner, due)),
    ))
}

fn new_offtrack(team: TeamId, measure: Option<MeasureId>, title: &str) -> NewOffTrack {
    NewOffTrack {
        team,
        measure,
        title: title.into(),
        owner: None,
        why: "churn in SMB".into(),
        change: "call the top ten accounts".into(),
        raised_week: week("2026-W48"),
    }
}

fn home(team: TeamId) -> TeamSide {
    TeamSide {
        team: Some(team),
        name: String::new(),
    }
}

fn outside(name: &str) -> TeamSide {
    TeamSide {
        team: None,
        name: name.into(),
    }
}

fn team_ref(id: Option<TeamId>, name: &str) -> TeamRef {
    TeamRef {
        id,
        name: name.into(),
    }
}

fn new_dependency(
    needing: TeamSide,
    providing: TeamSide,
    what: &str,
    status: DepStatus,
    needed_by: Option<&str>,
) -> NewDependency {
    NewDependency {
        needing,
        providing,
        what: what.into(),
        owner: None,
        needed_by: needed_by.map(date),
        status,
        note: None,
    }
}

fn add_dependency(
    s: &mut Store,
    team: TeamId,
    what: &str,
    status: DepStatus,
    needed_by: Option<&str>,
) -> DependencyId {
    let d = new_dependency(home(team), outside("Legal"), what, status, needed_by);
    DependencyId(apply(s, Change::AddDependency(d)))
}

fn new_decision(team: TeamId, title: &str, made: bool) -> NewDecision {
    NewDecision {
        team,
        title: title.into(),
        context: String::new(),
        options: Vec::new(),
        chosen: if made { "go".into() } else { String::new() },
        owner: None,
        lane: Lane::Autonomy,
        made,
        due: None,
    }
}

fn add_decision(s: &mut Store, team: TeamId, title: &str, made: bool) -> DecisionId {
    DecisionId(apply(
        s,
        Change::AddDecision(new_decision(team, title, made)),
    ))
}

fn sections(spent: &[u32]) -> Vec<MeetingSection> {
    default_weekly_agenda()
        .into_iter()
        .zip(spent)
        .map(|(a, s)| MeetingSection {
            kind: a.kind,
            name: a.name,
            minutes: a.minutes,
            seconds_spent: *s,
        })
        .collect()
}

fn new_meeting(team: TeamId, w: &str) -> NewMeeting {
    NewMeeting {
        team,
        kind: MeetingKind::Weekly,
        week: week(w),
        started_at: now(),
        ended_at: None,
        current_section: 0,
        sections: sections(&[0, 0, 0, 0, 0]),
        attendees: Vec::new(),
        rating: None,
        snapshot: None,
        health: Default::default(),
    }
}

/// A team with a row in every table but `meta`.
fn seed(s: &mut Store) -> TeamId {
    let team = add_team(s, "Growth");
    let mut m = new_measure(team, "NRR");
    m.owner = Some("Ana".into());
    let measure = MeasureId(apply(s, Change::AddMeasure(m)));
    record(s, measure, "2026-W48", 104.5);
    apply(
        s,
        Change::AddOffTrack(new_offtrack(team, Some(measure), "NRR low")),
    );
    add_action(s, team, "Call accounts", Some("Bo"), None);
    add_dependency(s, team, "Contract review", DepStatus::OnTrack, None);
    add_decision(s, team, "Hold prices", true);
    let mut meeting = new_meeting(team, "2026-W48");
    meeting.attendees = strings(&["Ana", "Bo"]);
    apply(s, Change::AddMeeting(meeting));
    apply(
        s,
        Change::AddBriefItem(crate::domain::brief::NewBriefItem {
            team: Some(team),
            quarter: "2026-Q4".parse().unwrap(),
            kind: crate::domain::BriefKind::Choice,
            text: "Mid-market healthcare".into(),
            detail: "longer sales cycles".into(),
            integrator: None,
            measure: None,
            objective: None,
        }),
    );
    team
}

// ---------------------------------------------------------------------------
// Live meetings

fn start_change(team: TeamId, kind: MeetingKind, w: &str) -> Change {
    Change::StartMeeting {
        team,
        kind,
        week: week(w),
    }
}

fn start(s: &mut Store, team: TeamId, w: &str) -> MeetingId {
    MeetingId(apply(s, start_change(team, MeetingKind::Weekly, w)))
}

fn clock(meeting: MeetingId, current_section: u32, seconds: &[u32]) -> Change {
    Change::SaveMeetingClock {
        meeting,
        current_section,
        seconds: seconds.to_vec(),
    }
}

fn end(meeting: MeetingId, snapshot: &scorecard::Scorecard, minutes: &str) -> Change {
    Change::EndMeeting {
        meeting,
        snapshot: Box::new(snapshot.clone()),
        minutes: minutes.into(),
        commitments: (0, 0),
    }
}

fn meeting(s: &Store, id: MeetingId) -> Meeting {
    s.meeting(id).unwrap().expect("the meeting exists")
}

/// Growth's scorecard for `w` with one measure read in two weeks.
fn snapshot(s: &mut Store, team: TeamId, w: &str) -> scorecard::Scorecard {
    let mut m = new_measure(team, "NRR");
    m.owner = Some("Ana".into());
    let measure = MeasureId(apply(s, Change::AddMeasure(m)));
    record(s, measure, "2026-W47", 98.2);
    record(s, measure, w, 104.5);
    let measures = s.measures(team, false).unwrap();
    let readings = s.readings(team, week("2026-W45"), week(w)).unwrap();
    scorecard::build("Growth", &measures, &readings, week(w), 4)
}

fn add_offtrack_owned(s: &mut Store, team: TeamId, title: &str, owner: &str) -> OffTrackId {
    let mut o = new_offtrack(team, None, title);
    o.owner = Some(owner.into());
    OffTrackId(apply(s, Change::AddOffTrack(o)))
}

fn item(s: &Store, id: OffTrackId) -> OffTrackItem {
    s.offtrack_item(id).unwrap().expect("the item exists")
}

fn all_actions(s: &Store, team: TeamId) -> Vec<ActionItem> {
    s.actions(team, &ActionFilter::default()).unwrap()
}
