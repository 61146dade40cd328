//! Unit tests for rebuilt minutes.

use super::*;
use crate::domain::{Decision, DecisionState, Lane, Meeting, MeetingId, MeetingKind, TeamId};

fn meeting() -> Meeting {
    Meeting {
        id: MeetingId(3),
        team_id: TeamId(1),
        kind: MeetingKind::Weekly,
        week: "2026-W47".parse().unwrap(),
        started_at: "2026-11-17T10:00:00Z".parse().unwrap(),
        ended_at: Some("2026-11-17T11:00:00Z".parse().unwrap()),
        current_section: 0,
        sections: Vec::new(),
        attendees: Vec::new(),
        rating: Some(9),
        snapshot: None,
        minutes: None,
        health: Default::default(),
    }
}

fn decision(id: i64, made_at: Option<&str>, meeting: Option<i64>) -> Decision {
    Decision {
        id: crate::domain::DecisionId(id),
        team_id: TeamId(1),
        title: format!("Decision {id}"),
        context: String::new(),
        options: Vec::new(),
        chosen: "Yes".into(),
        owner: Some("Ana".into()),
        lane: Lane::Autonomy,
        state: if made_at.is_some() {
            DecisionState::Made
        } else {
            DecisionState::Needed
        },
        due: None,
        made_at: made_at.map(|t| t.parse().unwrap()),
        meeting_id: meeting.map(MeetingId),
        supersedes: None,
        superseded_by: None,
        created_at: "2026-11-01T10:00:00Z".parse().unwrap(),
    }
}

#[test]
fn decisions_made_in_a_meeting_are_filed_under_it_or_made_while_it_ran() {
    let decisions = [
        decision(1, Some("2026-11-17T10:40:00Z"), Some(3)),
        decision(2, Some("2026-11-17T10:20:00Z"), None),
        decision(3, Some("2026-11-17T10:30:00Z"), Some(2)),
        decision(4, Some("2026-11-17T11:30:00Z"), None),
        decision(5, None, None),
        decision(6, Some("2026-11-10T10:30:00Z"), Some(3)),
    ];
    let made: Vec<i64> = made_in(&meeting(), &decisions)
        .iter()
        .map(|d| d.id.0)
        .collect();
    assert_eq!(made, [6, 2, 1]);
}

#[test]
fn rebuilt_minutes_put_the_decisions_first() {
    let decisions = [decision(1, Some("2026-11-17T10:40:00Z"), None)];
    let m = meeting();
    let text = from_record_with("Growth", &m, &made_in(&m, &decisions));
    assert!(
        text.starts_with(
            "# Growth — weekly review 2026-W47\n\nHeld 2026-11-17 (00:00). Rated 9/10.\n\n\
             ## Decisions made\n\n- **Decision 1** — Yes (owner Ana, autonomy)\n\n\
             No scorecard was kept for this meeting.\n"
        ),
        "{text}"
    );
    let text = from_record_with("Growth", &m, &[]);
    assert!(text.contains("## Decisions made\n\nNone.\n\n"), "{text}");
    assert!(!from_record("Growth", &m).contains("## Decisions made"));
}

#[test]
fn a_meeting_whose_clock_moved_back_ends_where_it_started() {
    let mut m = meeting();
    m.ended_at = Some("2026-11-17T09:20:00Z".parse().unwrap());
    let text = from_record("Growth", &m);
    assert!(
        text.contains(
            "The clock moved back while the meeting ran: it ended at 2026-11-17 09:20 UTC \
             by the clock, before it started at 2026-11-17 10:00 UTC, so its end is shown as its start."
        ),
        "{text}"
    );
    let doc = document("Growth", &m, Vec::new(), &text, Source::Rebuilt);
    assert_eq!(doc.meeting.ended_at, Some(m.started_at));
    // A decision made at the start still counts as made in it.
    let made = [decision(1, Some("2026-11-17T10:00:00Z"), None)];
    assert_eq!(made_in(&m, &made).len(), 1);
    assert!(!from_record("Growth", &meeting()).contains("clock moved"));
}

#[test]
fn rebuilt_minutes_of_a_meeting_ended_on_a_later_day_give_the_end_date() {
    let mut m = meeting();
    m.ended_at = Some("2026-11-23T09:12:00Z".parse().unwrap());
    assert!(
        from_record("Growth", &m).contains(
            "\n\nHeld 2026-11-17, ended Mon 2026-11-23 09:12 UTC (00:00). Rated 9/10.\n\n"
        ),
        "{}",
        from_record("Growth", &m)
    );
    // Ended the day it began: the date alone, as before.
    assert!(from_record("Growth", &meeting()).contains("\n\nHeld 2026-11-17 (00:00). Rated"));
}
