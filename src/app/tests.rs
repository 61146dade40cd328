//! `update` on whole values: a small board built by hand, one message at a
//! time, then `assert_eq!` on the state and the effects. No terminal, no
//! database, no clock.

mod corrections;
mod driving;
mod follow;
mod forms;
mod moves;
mod redraw;
mod sections;
mod start;
mod waiting;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use ratatui_textarea::{Input, Key};

use super::form::FormKind;
use super::rows::{Row, rows};
use super::{
    Action, Board, Confirm, Effect, MeetingClock, Msg, Overlay, Screen, Section, State, StatusLine,
    update,
};
use crate::app::board::Recap;
use crate::domain::change::NewOffTrack;
use crate::domain::{
    ActionId, ActionItem, ActionSource, ActionState, Change, DecisionId, DecisionState, DepStatus,
    Dependency, DependencyId, Direction, Goal, Kind, Lane, Measure, MeasureId, Meeting, MeetingId,
    MeetingKind, MeetingSection, Reading, Status, Target, Team, TeamId, TeamRef, Week,
    default_weekly_agenda, scorecard,
};
use crate::formats::minutes;

// ---------------------------------------------------------------------------
// A small board: two measures (one off track), one commitment due, one
// dependency, one decision needed.

const MEETING: MeetingId = MeetingId(7);

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
}

fn at(secs: i64) -> DateTime<Utc> {
    now() + Duration::seconds(secs)
}

fn week() -> Week {
    "2026-W48".parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn measure(id: i64, name: &str, owner: &str, target: f64) -> Measure {
    Measure {
        id: MeasureId(id),
        team_id: TeamId(1),
        name: name.into(),
        owner: Some(owner.into()),
        unit: "%".into(),
        kind: Kind::Leading,
        goal: Goal {
            direction: Direction::Higher,
            target: Target::Value(target),
            tolerance: 0.1,
        },
        position: id as u32,
        archived: false,
    }
}

fn commitment(id: i64, title: &str, state: ActionState) -> ActionItem {
    ActionItem {
        id: ActionId(id),
        team_id: TeamId(1),
        title: title.into(),
        owner: Some("Dee".into()),
        due: Some(date("2026-11-20")),
        state,
        source: ActionSource::OffTrack,
        source_id: None,
        created_at: now() - Duration::days(7),
        closed_at: None,
    }
}

fn board() -> Board {
    let team = Team {
        id: TeamId(1),
        name: "Growth".into(),
        review: crate::domain::ReviewWeek::Current,
    };
    let measures = vec![
        measure(1, "Activation in first 30 days", "Dee", 40.0),
        measure(2, "Trial-to-paid conversion", "Ana", 18.0),
    ];
    let readings = vec![
        Reading {
            measure_id: MeasureId(1),
            week: week(),
            value: 31.0,
            note: None,
        },
        Reading {
            measure_id: MeasureId(2),
            week: week(),
            value: 19.5,
            note: None,
        },
    ];
    let card = scorecard::build(&team.name, &measures, &readings, week(), 4);
    let dep = Dependency {
        id: DependencyId(3),
        needing: TeamRef {
            id: Some(TeamId(1)),
            name: "Growth".into(),
        },
        providing: TeamRef {
            id: None,
            name: "Legal".into(),
        },
        what: "Review of the reseller terms".into(),
        owner: Some("Cy".into()),
        needed_by: Some(date("2026-11-30")),
        status: DepStatus::OnTrack,
        note: None,
        created_at: now() - Duration::days(10),
        updated_at: now() - Duration::days(10),
    };
    let needed = crate::domain::Decision {
        id: DecisionId(2),
        team_id: TeamId(1),
        title: "Whether to sunset the free tier".into(),
        context: String::new(),
        options: Vec::new(),
        chosen: String::new(),
        owner: None,
        lane: Lane::Autonomy,
        state: DecisionState::Needed,
        due: None,
        made_at: None,
        meeting_id: None,
        supersedes: None,
        superseded_by: None,
        created_at: now() - Duration::days(3),
    };
    Board {
        team,
        other_teams: Vec::new(),
        week: week(),
        today: date("2026-11-24"),
        offset: FixedOffset::east_opt(0).unwrap(),
        measures,
        scorecard: card,
        people: vec!["Ana".into(), "Cy".into(), "Dee".into()],
        commitments: vec![commitment(
            4,
            "Ship the onboarding checklist",
            ActionState::Open,
        )],
        since: Some(date("2026-11-17")),
        offtrack: Vec::new(),
        deps: vec![dep],
        needed: vec![needed],
        stuck: Vec::new(),
        brief_lines: Vec::new(),
        made: Vec::new(),
        commitment_log: Vec::new(),
        open_actions: Vec::new(),
        meeting: None,
        driver: None,
        past: Vec::new(),
        earlier: Vec::new(),
        recap: Recap::default(),
        agenda: default_weekly_agenda(),
        triggers: Vec::new(),
        health: crate::domain::health::health(&[], &[], date("2026-11-25"), 1),
    }
}

/// This week's review, at `section` with `seconds` spent, ended or not.
fn meeting(section: u32, seconds: [u32; 5], ended: bool) -> Meeting {
    Meeting {
        id: MEETING,
        team_id: TeamId(1),
        kind: MeetingKind::Weekly,
        week: week(),
        started_at: now(),
        ended_at: ended.then(|| at(3600)),
        current_section: section,
        sections: default_weekly_agenda()
            .into_iter()
            .zip(seconds)
            .map(|(s, spent)| MeetingSection {
                kind: s.kind,
                name: s.name,
                minutes: s.minutes,
                seconds_spent: spent,
            })
            .collect(),
        attendees: Vec::new(),
        rating: None,
        snapshot: None,
        minutes: None,
        health: Default::default(),
    }
}

fn with_meeting(m: Meeting) -> Board {
    Board {
        meeting: Some(m),
        ..board()
    }
}

/// In the open review, at `section`, clock at zero.
fn in_meeting(section: Section) -> State {
    let mut state = State::new(with_meeting(meeting(0, [0; 5], false)), now());
    assert_eq!(update(&mut state, Msg::Act(Action::StartMeeting)), vec![]);
    state.section = section;
    state.status = None;
    state
}

fn act(state: &mut State, action: Action) -> Vec<Effect> {
    update(state, Msg::Act(action))
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        let input = Input {
            key: Key::Char(c),
            ..Input::default()
        };
        assert_eq!(update(state, Msg::Type(input)), vec![]);
    }
}

fn backspace(state: &mut State, n: usize) {
    for _ in 0..n {
        let input = Input {
            key: Key::Backspace,
            ..Input::default()
        };
        update(state, Msg::Type(input));
    }
}

fn status(text: &str) -> Option<StatusLine> {
    Some(StatusLine {
        text: text.into(),
        error: false,
        undo: false,
    })
}

fn save_clock(section: u32, seconds: Vec<u32>) -> Effect {
    Effect::Apply {
        changes: vec![Change::SaveMeetingClock {
            meeting: MEETING,
            current_section: section,
            seconds,
        }],
        done: String::new(),
    }
}

fn form(state: &State) -> &super::Form {
    state.form().expect("a form is open")
}
