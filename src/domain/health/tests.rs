use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::domain::SectionKind;
use crate::domain::model::{DecisionId, MeetingHealth, MeetingId, MeetingSection, TeamId};

fn at(day: &str) -> DateTime<Utc> {
    format!("{day}T10:00:00Z").parse().unwrap()
}

fn review(week: &str, rating: Option<u8>, done: (u32, u32), spent: u32) -> Meeting {
    let w: Week = week.parse().unwrap();
    Meeting {
        id: MeetingId(1),
        team_id: TeamId(1),
        kind: MeetingKind::Weekly,
        week: w,
        started_at: at(&w.monday().to_string()),
        ended_at: Some(at(&w.monday().to_string()) + Duration::hours(1)),
        current_section: 0,
        sections: vec![MeetingSection {
            kind: SectionKind::Scorecard,
            name: "Scorecard".into(),
            minutes: 60,
            seconds_spent: spent,
        }],
        attendees: Vec::new(),
        rating,
        snapshot: None,
        minutes: None,
        health: MeetingHealth {
            missing_at_start: Some(2),
            commitments: Some(done),
        },
    }
}

fn decision(lane: Lane, needed: &str, made: &str) -> Decision {
    Decision {
        id: DecisionId(1),
        team_id: TeamId(1),
        title: "D".into(),
        context: String::new(),
        options: Vec::new(),
        chosen: "x".into(),
        owner: None,
        lane,
        state: DecisionState::Made,
        due: None,
        made_at: Some(at(made)),
        meeting_id: None,
        supersedes: None,
        superseded_by: None,
        created_at: at(needed),
    }
}

#[test]
fn reviews_held_rated_and_kept_to_time_over_the_span() {
    let today: NaiveDate = "2026-11-25".parse().unwrap();
    let meetings = [
        review("2026-W44", Some(6), (1, 4), 3000),
        review("2026-W46", Some(8), (3, 4), 4200),
        // Before the span of one quarter (Q4 starts in 2026-W40).
        review("2026-W30", Some(2), (0, 9), 100),
    ];
    let h = health(&meetings, &[], today, 1);
    assert_eq!(
        (h.from.to_string(), h.to.to_string()),
        ("2026-W40".into(), "2026-W48".into())
    );
    assert_eq!(h.held.len(), 2);
    assert_eq!(h.average_rating(), Some(7.0));
    assert_eq!(h.completion(), Some(50), "4 of 8 done");
    assert_eq!(h.length(), Some(100), "7200 of 7200 seconds");
    assert_eq!(h.average_missing(), Some(2.0));
    // The team met from before the span: every week of it was due, but
    // this one, not over yet and not held.
    assert_eq!(h.expected, 8);

    let later = health(&meetings[..2], &[], today, 1);
    assert_eq!(
        later.expected, 4,
        "from its first review, 2026-W44, to last week"
    );
}

#[test]
fn decision_time_is_the_median_wait_per_lane_with_each_lanes_share() {
    let today: NaiveDate = "2026-11-25".parse().unwrap();
    let decisions = [
        decision(Lane::Commitment, "2026-10-01", "2026-10-22"),
        decision(Lane::Commitment, "2026-10-05", "2026-10-12"),
        decision(Lane::Autonomy, "2026-11-01", "2026-11-05"),
        decision(Lane::Autonomy, "2026-11-02", "2026-11-04"),
        decision(Lane::Autonomy, "2026-11-10", "2026-11-10"),
        // Made in the quarter before: counted in its own quarter.
        decision(Lane::Guardrail, "2026-08-01", "2026-09-01"),
    ];
    let h = health(&[], &decisions, today, 2);
    let q3: Quarter = "2026-Q3".parse().unwrap();
    let q4: Quarter = "2026-Q4".parse().unwrap();
    let rows: Vec<(Quarter, Lane, usize, u32, Option<f64>)> = h
        .decisions
        .iter()
        .map(|l| (l.quarter, l.lane, l.made, l.share, l.median_days))
        .collect();
    assert_eq!(
        rows,
        [
            (q3, Lane::Guardrail, 1, 100, Some(31.0)),
            (q4, Lane::Commitment, 2, 40, Some(14.0)),
            // The one made at once counts in the share, not the wait.
            (q4, Lane::Autonomy, 3, 60, Some(3.0)),
        ]
    );
}

#[test]
fn nothing_held_gives_no_figures_rather_than_zeros() {
    let today: NaiveDate = "2026-11-25".parse().unwrap();
    let h = health(&[], &[], today, 4);
    assert_eq!(h.held, []);
    assert_eq!(h.average_rating(), None);
    assert_eq!(h.completion(), None);
    assert_eq!(h.length(), None);
    assert_eq!(h.expected, 0, "none held, none due yet");
    assert!(h.decisions.is_empty());
}
