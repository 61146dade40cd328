//! Live meetings: starting one, its clock and rating, and ending it with its
//! snapshot and minutes.

use super::*;

// ---------------------------------------------------------------------------
// Starting, the clock, the rating

both! {
fn start_meeting_opens_the_team_agenda_once_per_team_kind_and_week() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let id = MeetingId(apply_at(
        &mut s,
        start_change(team, MeetingKind::Weekly, "2026-W48"),
        later(),
    ));
    let open = Meeting {
        id,
        team_id: team,
        kind: MeetingKind::Weekly,
        week: week("2026-W48"),
        started_at: later(),
        ended_at: None,
        current_section: 0,
        sections: sections(&[0, 0, 0, 0, 0]),
        attendees: Vec::new(),
        rating: None,
        snapshot: None,
        minutes: None,
        // The team has no measures: none without a value either.
        health: crate::domain::MeetingHealth {
            missing_at_start: Some(0),
            commitments: None,
        },
    };
    assert_eq!(s.meeting(id).unwrap(), Some(open.clone()));
    assert_eq!(s.meetings(team).unwrap(), vec![open.clone()]);
    assert_eq!(
        s.meeting_in(team, MeetingKind::Weekly, week("2026-W48"))
            .unwrap(),
        Some(open.clone())
    );
    for (t, kind, w) in [
        (team, MeetingKind::Weekly, "2026-W49"),
        (team, MeetingKind::Monthly, "2026-W48"),
        (other, MeetingKind::Weekly, "2026-W48"),
    ] {
        assert_eq!(s.meeting_in(t, kind, week(w)).unwrap(), None);
    }

    let err = refuse(&mut s, start_change(team, MeetingKind::Weekly, "2026-W48"));
    assert!(
        matches!(&err, StoreError::Duplicate { what: "meeting", name, .. } if name == "weekly 2026-W48"),
        "{err:?}"
    );
    assert_eq!(s.meeting(id).unwrap(), Some(open));

    // The sections come from the team's own agenda, not a fixed one.
    s.conn
        .execute_batch(&format!(
            "UPDATE agenda_section SET name = 'Numbers', minutes = 15
                 WHERE team_id = {other} AND position = 0;
             DELETE FROM agenda_section WHERE team_id = {other} AND position = 4;"
        ))
        .unwrap();
    let theirs = start(&mut s, other, "2026-W48");
    let mut want = sections(&[0, 0, 0, 0]);
    want[0] = MeetingSection {
        kind: crate::domain::SectionKind::Scorecard,
        name: "Numbers".into(),
        minutes: 15,
        seconds_spent: 0,
    };
    assert_eq!(meeting(&s, theirs).sections, want);

    let err = refuse(
        &mut s,
        start_change(TeamId(999), MeetingKind::Weekly, "2026-W48"),
    );
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "team",
                id: 999
            }
        ),
        "{err:?}"
    );
}
}

both! {
fn save_meeting_clock_stores_the_section_and_seconds_until_the_meeting_ends() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let id = start(&mut s, team, "2026-W48");
    let started = meeting(&s, id);

    apply_at(&mut s, clock(id, 2, &[600, 1500, 30, 0, 0]), later());
    let running = Meeting {
        current_section: 2,
        sections: sections(&[600, 1500, 30, 0, 0]),
        ..started
    };
    assert_eq!(meeting(&s, id), running);

    // The last section is index 4; 5 is past the end.
    apply(&mut s, clock(id, 4, &[600, 1500, 480, 420, 10]));
    let last = Meeting {
        current_section: 4,
        sections: sections(&[600, 1500, 480, 420, 10]),
        ..running
    };
    assert_eq!(meeting(&s, id), last);
    let err = refuse(&mut s, clock(id, 5, &[1, 1, 1, 1, 1]));
    assert_eq!(
        refused_message(err),
        format!("meeting #{id} has 5 sections, not 6")
    );
    assert_eq!(meeting(&s, id), last);

    let err = refuse(&mut s, clock(MeetingId(999), 0, &[1]));
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "meeting",
                id: 999
            }
        ),
        "{err:?}"
    );

    let card = snapshot(&mut s, team, "2026-W48");
    apply_at(&mut s, end(id, &card, "minutes"), later());
    let ended = meeting(&s, id);
    let err = refuse(&mut s, clock(id, 1, &[0, 0, 0, 0, 0]));
    assert_eq!(
        refused_message(err),
        format!("meeting #{id} has already ended")
    );
    assert_eq!(meeting(&s, id), ended);
}
}

both! {
fn rate_meeting_stores_one_to_ten_and_refuses_the_rest() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let id = start(&mut s, team, "2026-W48");
    for rating in [1, 10, 7] {
        apply(
            &mut s,
            Change::RateMeeting {
                meeting: id,
                rating,
            },
        );
        assert_eq!(meeting(&s, id).rating, Some(rating));
    }
    for rating in [0, 11] {
        let err = refuse(
            &mut s,
            Change::RateMeeting {
                meeting: id,
                rating,
            },
        );
        assert!(
            matches!(err, StoreError::Invalid(ChangeError::Rating(r)) if r == rating),
            "{err:?}"
        );
        assert_eq!(meeting(&s, id).rating, Some(7));
    }
}
}

// ---------------------------------------------------------------------------
// Ending

both! {
fn end_meeting_keeps_its_snapshot_and_minutes_and_files_the_decisions_made_in_it() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let card = snapshot(&mut s, team, "2026-W48");
    let started_at = now();
    let ended_at = later() + Duration::hours(1);

    let made = |s: &mut Store, team: TeamId, title: &str, at: DateTime<Utc>| {
        DecisionId(apply_at(
            s,
            Change::AddDecision(new_decision(team, title, true)),
            at,
        ))
    };
    let before = made(
        &mut s,
        team,
        "made before",
        started_at - Duration::minutes(1),
    );
    let pending = add_decision(&mut s, team, "decided during", false);
    let id = start(&mut s, team, "2026-W48");
    // A second open meeting of the same team, ended afterwards, must not
    // take the decisions filed under the first.
    let monthly = MeetingId(apply(
        &mut s,
        start_change(team, MeetingKind::Monthly, "2026-W48"),
    ));
    let at_start = made(&mut s, team, "made at the start", started_at);
    apply_at(
        &mut s,
        Change::Decide {
            decision: pending,
            chosen: "go".into(),
            owner: None,
            context: None,
            options: None,
        },
        later(),
    );
    let needed = DecisionId(apply_at(
        &mut s,
        Change::AddDecision(new_decision(team, "still needed", false)),
        later(),
    ));
    let theirs = made(&mut s, other, "theirs", later());
    let open = meeting(&s, id);

    let minutes = "# Growth weekly 2026-W48\n\n- Decided: raise SMB prices 5%\n";
    assert_eq!(apply_at(&mut s, end(id, &card, minutes), ended_at), id.0);
    let ended = Meeting {
        ended_at: Some(ended_at),
        snapshot: Some(card.clone()),
        minutes: Some(minutes.into()),
        health: crate::domain::MeetingHealth {
            commitments: Some((0, 0)),
            ..open.health
        },
        ..open
    };
    assert_eq!(meeting(&s, id), ended);
    assert_eq!(
        s.meeting_in(team, MeetingKind::Weekly, week("2026-W48"))
            .unwrap(),
        Some(ended.clone())
    );

    let filed_under = |s: &Store, d: DecisionId| s.decision(d).unwrap().unwrap().meeting_id;
    assert_eq!(filed_under(&s, at_start), Some(id));
    assert_eq!(filed_under(&s, pending), Some(id));
    for d in [before, needed, theirs] {
        assert_eq!(filed_under(&s, d), None, "decision #{d}");
    }

    let err = refuse(&mut s, end(id, &card, "again"));
    assert_eq!(
        refused_message(err),
        format!("meeting #{id} has already ended")
    );
    assert_eq!(meeting(&s, id), ended);

    apply_at(&mut s, end(monthly, &card, "monthly"), ended_at);
    assert_eq!(filed_under(&s, at_start), Some(id));
    assert_eq!(filed_under(&s, pending), Some(id));
    assert_eq!(filed_under(&s, needed), None);
    let err = refuse(
        &mut s,
        Change::RateMeeting {
            meeting: id,
            rating: 8,
        },
    );
    assert!(refused_message(err).contains("has already ended"));
}
}

// ---------------------------------------------------------------------------
// Two connections

both! {
/// A screen notices another process's write by `data_version` alone (no
/// table is read): SQLite's counter, PostgreSQL's notices sent in the
/// writer's own commit. Its own writes, and reads, are not news.
fn another_connections_commit_moves_data_version_and_nothing_else_does() {
    let (mut a, mut b, _dir) = backend::pair();
    let before = b.data_version().unwrap();
    assert_eq!(b.data_version().unwrap(), before, "nothing happened");
    add_team(&mut a, "Growth");
    let seen = news(&b, before);
    assert_ne!(seen, before, "a's commit is news to b");
    assert_eq!(b.data_version().unwrap(), seen, "and only once");
    let team = b.teams().unwrap()[0].id;
    add_team(&mut b, "Platform");
    assert_eq!(b.data_version().unwrap(), seen, "b's own write is not news to b");
    let a_saw = a.data_version().unwrap();
    a.teams().unwrap();
    assert_eq!(a.data_version().unwrap(), a_saw, "reading is not a change");
    apply_at(&mut a, start_change(team, MeetingKind::Weekly, "2026-W48"), later());
    assert_ne!(news(&b, seen), seen);
}
}

/// `s`'s data version once it differs from `was`, or `was` after five
/// seconds: a notice travels from the writer's server process to the
/// listener's (a screen looks every quarter second; how soon it arrives is
/// for the benchmarks, not for a test on a shared machine).
fn news(s: &Store, was: i64) -> i64 {
    let start = std::time::Instant::now();
    loop {
        let now = s.data_version().unwrap();
        if now != was || start.elapsed() > std::time::Duration::from_secs(5) {
            return now;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
