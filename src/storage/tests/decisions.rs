//! Decisions and meetings.

use super::*;

// ---------------------------------------------------------------------------
// Decisions

both! {
fn add_decision_reads_back_whole_as_needed_or_made() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let needed = DecisionId(apply(
        &mut s,
        Change::AddDecision(NewDecision {
            team,
            title: " SMB pricing ".into(),
            context: " churn is rising ".into(),
            options: strings(&[" raise 5% ", "hold"]),
            chosen: String::new(),
            owner: Some("Ana".into()),
            lane: Lane::Commitment,
            made: false,
            due: Some(date("2026-12-04")),
        }),
    ));
    let want_needed = Decision {
        id: needed,
        team_id: team,
        title: "SMB pricing".into(),
        context: "churn is rising".into(),
        options: strings(&["raise 5%", "hold"]),
        chosen: String::new(),
        owner: Some("Ana".into()),
        lane: Lane::Commitment,
        state: DecisionState::Needed,
        due: Some(date("2026-12-04")),
        made_at: None,
        meeting_id: None,
        supersedes: None,
        superseded_by: None,
        created_at: now(),
    };
    assert_eq!(s.decision(needed).unwrap(), Some(want_needed));

    let made = DecisionId(apply(
        &mut s,
        Change::AddDecision(NewDecision {
            team,
            title: "Tier-2 on-call rota".into(),
            context: String::new(),
            options: Vec::new(),
            chosen: " weekly rotation ".into(),
            owner: None,
            lane: Lane::Guardrail,
            made: true,
            // A made decision has no due date.
            due: Some(date("2026-12-04")),
        }),
    ));
    assert_eq!(
        s.decision(made).unwrap(),
        Some(Decision {
            id: made,
            team_id: team,
            title: "Tier-2 on-call rota".into(),
            context: String::new(),
            options: Vec::new(),
            chosen: "weekly rotation".into(),
            owner: None,
            lane: Lane::Guardrail,
            state: DecisionState::Made,
            due: None,
            made_at: Some(now()),
            meeting_id: None,
            supersedes: None,
            superseded_by: None,
            created_at: now(),
        })
    );

    let mut no_choice = new_decision(team, "x", true);
    no_choice.chosen = "  ".into();
    let err = refuse(&mut s, Change::AddDecision(no_choice));
    assert!(
        matches!(err, StoreError::Invalid(ChangeError::NoChosen)),
        "{err:?}"
    );
}
}

both! {
fn decide_turns_a_needed_decision_into_a_made_one_only_once() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let mut d = new_decision(team, "SMB pricing", false);
    d.context = "churn is rising".into();
    d.options = strings(&["raise", "hold"]);
    d.due = Some(date("2026-12-04"));
    let id = DecisionId(apply(&mut s, Change::AddDecision(d)));
    let needed = s.decision(id).unwrap().unwrap();

    let decide = |chosen: &str| Change::Decide {
        decision: id,
        chosen: chosen.into(),
        owner: Some("ana".into()),
        context: None,
        options: Some(strings(&["raise 5%", " raise 10% "])),
    };
    assert_eq!(apply_at(&mut s, decide(" raise 5% "), later()), id.0);
    let made = Decision {
        chosen: "raise 5%".into(),
        owner: Some("ana".into()),
        options: strings(&["raise 5%", "raise 10%"]),
        state: DecisionState::Made,
        due: None,
        made_at: Some(later()),
        ..needed
    };
    assert_eq!(s.decision(id).unwrap(), Some(made.clone()));

    let err = refuse(&mut s, decide("hold"));
    assert_eq!(
        refused_message(err),
        format!("decision #{id} is already made: only a needed decision can be decided")
    );
    assert_eq!(s.decision(id).unwrap(), Some(made));

    let err = refuse(&mut s, decide(" "));
    assert!(
        matches!(err, StoreError::Invalid(ChangeError::NoChosen)),
        "{err:?}"
    );
}
}

both! {
fn supersede_marks_the_old_decision_and_links_both_ways() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let old = add_decision(&mut s, team, "Hold SMB prices", true);
    let new = add_decision(&mut s, team, "Raise SMB prices 5%", true);
    let other = add_decision(&mut s, team, "Raise SMB prices 10%", true);
    let old_before = s.decision(old).unwrap().unwrap();
    let new_before = s.decision(new).unwrap().unwrap();

    let applied = s
        .apply_one(&Change::Supersede { old, new }, later())
        .unwrap();
    assert_eq!((applied.id, applied.replaced), (new.0, None));
    assert_eq!(
        s.decision(old).unwrap(),
        Some(Decision {
            state: DecisionState::Superseded,
            superseded_by: Some(new),
            ..old_before
        })
    );
    assert_eq!(
        s.decision(new).unwrap(),
        Some(Decision {
            supersedes: Some(old),
            ..new_before
        })
    );

    let err = refuse(&mut s, Change::Supersede { old, new: other });
    assert_eq!(
        refused_message(err),
        format!("decision #{old} is already superseded")
    );
    let err = refuse(&mut s, Change::Supersede { old, new: old });
    assert!(
        matches!(err, StoreError::Invalid(ChangeError::SelfSupersede(d)) if d == old),
        "{err:?}"
    );

    // A superseded decision cannot be decided again.
    let err = refuse(
        &mut s,
        Change::Decide {
            decision: old,
            chosen: "hold".into(),
            owner: None,
            context: None,
            options: None,
        },
    );
    assert!(refused_message(err).contains("already superseded"));

    // The chain goes on: the new one can be superseded in turn.
    apply(
        &mut s,
        Change::Supersede {
            old: new,
            new: other,
        },
    );
    let new_now = s.decision(new).unwrap().unwrap();
    assert_eq!(
        (new_now.state, new_now.supersedes, new_now.superseded_by),
        (DecisionState::Superseded, Some(old), Some(other))
    );
}
}

both! {
fn supersede_keeps_an_existing_link_and_stays_within_one_team() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let first = add_decision(&mut s, team, "Hold prices", true);
    let second = add_decision(&mut s, team, "Raise prices 5%", true);
    let newest = add_decision(&mut s, team, "Raise prices 10%", true);
    let theirs = add_decision(&mut s, other, "Freeze deploys", true);
    apply(
        &mut s,
        Change::Supersede {
            old: first,
            new: newest,
        },
    );
    let first_linked = s.decision(first).unwrap();
    let second_before = s.decision(second).unwrap();
    let newest_linked = s.decision(newest).unwrap();

    // A decision supersedes at most one other: replacing the link would
    // leave `first` superseded by nothing.
    let err = refuse(
        &mut s,
        Change::Supersede {
            old: second,
            new: newest,
        },
    );
    assert_eq!(
        refused_message(err),
        format!("decision #{newest} already supersedes #{first}")
    );
    assert_eq!(s.decision(first).unwrap(), first_linked);
    assert_eq!(s.decision(second).unwrap(), second_before);
    assert_eq!(s.decision(newest).unwrap(), newest_linked);

    for (old, new) in [(theirs, second), (second, theirs)] {
        let err = refuse(&mut s, Change::Supersede { old, new });
        assert_eq!(
            refused_message(err),
            format!("decisions #{old} and #{new} belong to different teams")
        );
    }
    assert_eq!(s.decision(second).unwrap(), second_before);
    assert_eq!(
        s.decision(theirs).unwrap().map(|d| d.state),
        Some(DecisionState::Made)
    );
}
}

both! {
fn decision_filter_selects_states_and_lists_needed_by_due_then_latest_made() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let needed = |s: &mut Store, title: &str, due: Option<&str>| {
        let mut d = new_decision(team, title, false);
        d.due = due.map(date);
        DecisionId(apply(s, Change::AddDecision(d)))
    };
    let n_late = needed(&mut s, "n1", Some("2026-12-10"));
    let n_soon = needed(&mut s, "n2", Some("2026-12-01"));
    let n_undated = needed(&mut s, "n3", None);
    let made_early = add_decision(&mut s, team, "m1", true);
    let made_late = DecisionId(apply_at(
        &mut s,
        Change::AddDecision(new_decision(team, "m2", true)),
        later(),
    ));
    let replaced = add_decision(&mut s, team, "s1", true);
    apply(
        &mut s,
        Change::Supersede {
            old: replaced,
            new: made_late,
        },
    );
    add_decision(&mut s, other, "theirs", false);

    let ids = |states: &[DecisionState]| -> Vec<DecisionId> {
        let filter = DecisionFilter {
            states: states.to_vec(),
        };
        s.decisions(team, &filter)
            .unwrap()
            .iter()
            .map(|d| d.id)
            .collect()
    };
    assert_eq!(
        ids(&[]),
        vec![n_soon, n_late, n_undated, made_late, made_early, replaced]
    );
    assert_eq!(
        ids(&[DecisionState::Needed]),
        vec![n_soon, n_late, n_undated]
    );
    assert_eq!(
        ids(&[DecisionState::Made, DecisionState::Superseded]),
        vec![made_late, made_early, replaced]
    );
    assert_eq!(ids(&[DecisionState::Superseded]), vec![replaced]);
}
}

// ---------------------------------------------------------------------------
// Meetings

both! {
fn add_meeting_reads_back_whole_newest_first() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let mut m = new_measure(team, "NRR");
    m.owner = Some("Ana".into());
    let measure = MeasureId(apply(&mut s, Change::AddMeasure(m)));
    record(&mut s, measure, "2026-W46", 98.0);
    record(&mut s, measure, "2026-W47", 104.5);
    let measures = s.measures(team, false).unwrap();
    let readings = s
        .readings(team, week("2026-W44"), week("2026-W47"))
        .unwrap();
    let snapshot = scorecard::build("Growth", &measures, &readings, week("2026-W47"), 4);

    let last_week_start = now() - Duration::days(7);
    let ended = NewMeeting {
        team,
        kind: MeetingKind::Weekly,
        week: week("2026-W47"),
        started_at: last_week_start,
        ended_at: Some(last_week_start + Duration::minutes(55)),
        current_section: 4,
        sections: sections(&[540, 1620, 480, 420, 240]),
        attendees: strings(&["Bo", "ana", "Ana"]),
        rating: Some(8),
        snapshot: Some(snapshot.clone()),
        health: Default::default(),
    };
    let ended_id = MeetingId(apply(&mut s, Change::AddMeeting(ended)));
    let mut running = new_meeting(team, "2026-W48");
    running.current_section = 1;
    running.sections = sections(&[600, 75, 0, 0, 0]);
    let running_id = MeetingId(apply(&mut s, Change::AddMeeting(running)));
    let monthly = NewMeeting {
        kind: MeetingKind::Monthly,
        sections: Vec::new(),
        ..new_meeting(team, "2026-W47")
    };
    let monthly_id = MeetingId(apply(&mut s, Change::AddMeeting(monthly)));
    apply(&mut s, Change::AddMeeting(new_meeting(other, "2026-W48")));

    let meetings = s.meetings(team).unwrap();
    assert_eq!(
        meetings,
        vec![
            Meeting {
                id: running_id,
                team_id: team,
                kind: MeetingKind::Weekly,
                week: week("2026-W48"),
                started_at: now(),
                ended_at: None,
                current_section: 1,
                minutes: None,
                sections: sections(&[600, 75, 0, 0, 0]),
                attendees: Vec::new(),
                rating: None,
                snapshot: None,
                health: Default::default(),
            },
            Meeting {
                id: monthly_id,
                team_id: team,
                kind: MeetingKind::Monthly,
                week: week("2026-W47"),
                started_at: now(),
                ended_at: None,
                current_section: 0,
                minutes: None,
                sections: Vec::new(),
                attendees: Vec::new(),
                rating: None,
                snapshot: None,
                health: Default::default(),
            },
            Meeting {
                id: ended_id,
                team_id: team,
                kind: MeetingKind::Weekly,
                week: week("2026-W47"),
                started_at: last_week_start,
                ended_at: Some(last_week_start + Duration::minutes(55)),
                current_section: 4,
                minutes: None,
                sections: sections(&[540, 1620, 480, 420, 240]),
                attendees: strings(&["Ana", "Bo"]),
                rating: Some(8),
                snapshot: Some(snapshot),
                health: Default::default(),
            },
        ]
    );
    assert_eq!(s.meetings(other).unwrap().len(), 1);
}
}

both! {
fn a_second_meeting_of_the_same_kind_and_week_is_a_duplicate() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    apply(&mut s, Change::AddMeeting(new_meeting(team, "2026-W48")));
    let mut again = new_meeting(team, "2026-W48");
    again.attendees = strings(&["Newcomer"]);
    let err = refuse(&mut s, Change::AddMeeting(again));
    assert!(
        matches!(&err, StoreError::Duplicate { what: "meeting", name, .. } if name == "weekly 2026-W48"),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "meeting 'weekly 2026-W48' already exists");
    // Another kind, week or team is a different meeting.
    let monthly = NewMeeting {
        kind: MeetingKind::Monthly,
        ..new_meeting(team, "2026-W48")
    };
    apply(&mut s, Change::AddMeeting(monthly));
    apply(&mut s, Change::AddMeeting(new_meeting(team, "2026-W49")));
    apply(&mut s, Change::AddMeeting(new_meeting(other, "2026-W48")));
    assert_eq!(s.meetings(team).unwrap().len(), 3);
}
}
