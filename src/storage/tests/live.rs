//! Live meetings: starting one, its clock and rating, ending it with its
//! snapshot and minutes, off-track items edited in place, action filters by
//! date, savepoints inside a batch, and a schema-1 meeting migrated to latest.

use super::*;

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

// ---------------------------------------------------------------------------
// Starting, the clock, the rating

#[test]
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

#[test]
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

#[test]
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

// ---------------------------------------------------------------------------
// Ending

#[test]
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

// ---------------------------------------------------------------------------
// Off-track items edited in place

#[test]
fn edit_offtrack_changes_only_the_given_fields() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let id = add_offtrack_owned(&mut s, team, "NRR low", "Ana");
    let mut want = item(&s, id);
    let edit =
        |title: Option<&str>, owner: Option<&str>, why: Option<&str>, change: Option<&str>| {
            Change::EditOffTrack {
                item: id,
                title: title.map(Into::into),
                owner: owner.map(Into::into),
                why: why.map(Into::into),
                change: change.map(Into::into),
                promise_due: None,
            }
        };

    assert_eq!(
        apply_at(
            &mut s,
            edit(Some(" NRR below plan "), None, None, None),
            later()
        ),
        id.0
    );
    want.title = "NRR below plan".into();
    assert_eq!(item(&s, id), want);

    apply_at(&mut s, edit(None, Some("Bo"), None, None), later());
    want.owner = Some("Bo".into());
    assert_eq!(item(&s, id), want);

    apply_at(
        &mut s,
        edit(None, None, Some(" fewer renewals "), None),
        later(),
    );
    want.why = "fewer renewals".into();
    assert_eq!(item(&s, id), want);

    apply_at(
        &mut s,
        edit(None, None, None, Some(" call every account ")),
        later(),
    );
    want.change = "call every account".into();
    assert_eq!(item(&s, id), want);

    // Without a promised date, no action item appears.
    assert_eq!(all_actions(&s, team), vec![]);
}

#[test]
fn edit_offtrack_with_a_promise_due_creates_then_updates_one_action() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let id = add_offtrack_owned(&mut s, team, "NRR low", "Ana");
    let promise = |owner: Option<&str>, change: Option<&str>, due: &str| Change::EditOffTrack {
        item: id,
        title: None,
        owner: owner.map(Into::into),
        why: None,
        change: change.map(Into::into),
        promise_due: Some(date(due)),
    };

    apply(
        &mut s,
        promise(None, Some(" call the top twenty accounts "), "2026-11-30"),
    );
    let actions = all_actions(&s, team);
    assert_eq!(actions.len(), 1, "{actions:?}");
    let first = ActionItem {
        id: actions[0].id,
        team_id: team,
        title: "call the top twenty accounts".into(),
        owner: Some("Ana".into()),
        due: Some(date("2026-11-30")),
        state: ActionState::Open,
        source: ActionSource::OffTrack,
        source_id: Some(id.0),
        created_at: now(),
        closed_at: None,
    };
    assert_eq!(actions, vec![first.clone()]);

    // Editing again updates the same action: new owner, promise and date.
    apply_at(
        &mut s,
        promise(Some("Bo"), Some("call every SMB account"), "2026-12-04"),
        later(),
    );
    let second = ActionItem {
        title: "call every SMB account".into(),
        owner: Some("Bo".into()),
        due: Some(date("2026-12-04")),
        ..first
    };
    assert_eq!(all_actions(&s, team), vec![second.clone()]);
    // A new date alone keeps the stored promise.
    apply_at(&mut s, promise(None, None, "2026-12-11"), later());
    let third = ActionItem {
        due: Some(date("2026-12-11")),
        ..second
    };
    assert_eq!(all_actions(&s, team), vec![third.clone()]);

    // Without a promised date, or with an empty change, nothing is created.
    let quiet = add_offtrack_owned(&mut s, team, "Churn up", "Cy");
    apply(
        &mut s,
        Change::EditOffTrack {
            item: quiet,
            title: None,
            owner: None,
            why: None,
            change: Some("win back two accounts".into()),
            promise_due: None,
        },
    );
    assert_eq!(item(&s, quiet).change, "win back two accounts");
    let empty = add_offtrack_owned(&mut s, team, "Pipeline thin", "Di");
    apply(
        &mut s,
        Change::EditOffTrack {
            item: empty,
            title: None,
            owner: None,
            why: None,
            change: Some("  ".into()),
            promise_due: Some(date("2026-11-30")),
        },
    );
    assert_eq!(item(&s, empty).change, "");
    assert_eq!(all_actions(&s, team), vec![third]);
}

#[test]
fn edit_offtrack_of_an_unknown_item_is_not_found_and_writes_nothing() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    add_offtrack_owned(&mut s, team, "NRR low", "Ana");
    let err = refuse(
        &mut s,
        Change::EditOffTrack {
            item: OffTrackId(999),
            title: Some("x".into()),
            owner: Some("Newcomer".into()),
            why: None,
            change: Some("call".into()),
            promise_due: Some(date("2026-11-30")),
        },
    );
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "off-track item",
                id: 999
            }
        ),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------
// Action filters by date

#[test]
fn action_filter_selects_by_due_dates_and_creation_time() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let at = |s: &mut Store, title: &str, due: Option<&str>, when: DateTime<Utc>| {
        ActionId(apply_at(
            s,
            Change::AddAction(new_action(team, title, None, due)),
            when,
        ))
    };
    let a1 = at(&mut s, "a1", Some("2026-11-25"), now());
    let a2 = at(&mut s, "a2", Some("2026-11-30"), now());
    let a3 = at(&mut s, "a3", Some("2026-12-04"), later());
    let a4 = at(&mut s, "a4", None, later());
    add_action(&mut s, other, "theirs", None, Some("2026-11-30"));

    let ids = |s: &Store, filter: ActionFilter| -> Vec<ActionId> {
        s.actions(team, &filter)
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect()
    };
    let due = |from: Option<&str>, to: Option<&str>| ActionFilter {
        due_from: from.map(date),
        due_to: to.map(date),
        ..ActionFilter::default()
    };
    let since = |when: DateTime<Utc>| ActionFilter {
        created_since: Some(when),
        ..ActionFilter::default()
    };
    assert_eq!(ids(&s, ActionFilter::default()), vec![a1, a2, a3, a4]);
    // Both ends are inclusive, and an undated item is outside any range.
    assert_eq!(ids(&s, due(Some("2026-11-30"), None)), vec![a2, a3]);
    assert_eq!(ids(&s, due(None, Some("2026-11-30"))), vec![a1, a2]);
    assert_eq!(
        ids(&s, due(Some("2026-11-26"), Some("2026-12-03"))),
        vec![a2]
    );
    assert_eq!(
        ids(&s, due(Some("2026-11-25"), Some("2026-11-25"))),
        vec![a1]
    );
    assert_eq!(ids(&s, due(Some("2026-12-05"), None)), vec![]);
    assert_eq!(ids(&s, since(now())), vec![a1, a2, a3, a4]);
    assert_eq!(ids(&s, since(later())), vec![a3, a4]);
    assert_eq!(
        ids(&s, since(later() - Duration::milliseconds(1))),
        vec![a3, a4]
    );
    assert_eq!(ids(&s, since(later() + Duration::seconds(1))), vec![]);
    let both = ActionFilter {
        created_since: Some(later()),
        ..due(None, Some("2026-12-01"))
    };
    assert_eq!(ids(&s, both), vec![]);
    let open_soon = ActionFilter {
        states: vec![ActionState::Open],
        ..due(Some("2026-11-25"), Some("2026-12-31"))
    };
    apply(
        &mut s,
        Change::SetActionState {
            action: a2,
            state: ActionState::Done,
        },
    );
    assert_eq!(ids(&s, open_soon), vec![a1, a3]);
}

// ---------------------------------------------------------------------------
// Batches

#[test]
fn a_refused_change_in_a_batch_leaves_no_trace_while_the_others_commit() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let id = add_offtrack_owned(&mut s, team, "NRR low", "Ana");
    let running = start(&mut s, team, "2026-W48");
    let done = start(&mut s, team, "2026-W47");
    let card = snapshot(&mut s, team, "2026-W48");
    apply(&mut s, end(done, &card, "last week"));
    // No change fails after writing on its own, so make the promised action's
    // insert fail: by then EditOffTrack has created "Newcomer" and updated the
    // item, and only rolling back to its savepoint can undo that.
    s.conn
        .execute_batch(
            "CREATE TEMP TRIGGER no_promises BEFORE INSERT ON action_item
                 WHEN NEW.source = 'offtrack'
             BEGIN SELECT RAISE(ABORT, 'no promises today'); END;",
        )
        .unwrap();
    let item_before = item(&s, id);
    let done_before = meeting(&s, done);
    let before = counts(&s);

    let (action, errors) = s
        .write(later(), |w| {
            let action = ActionId(
                w.apply(&Change::AddAction(new_action(
                    team,
                    "Book the room",
                    Some("Bo"),
                    None,
                )))?
                .id,
            );
            let edit = w.apply(&Change::EditOffTrack {
                item: id,
                title: Some("NRR far below plan".into()),
                owner: Some("Newcomer".into()),
                why: Some("renewals slipped".into()),
                change: Some("call every account".into()),
                promise_due: Some(date("2026-11-30")),
            });
            let tick = w.apply(&clock(done, 1, &[9, 9, 9, 9, 9]));
            w.apply(&Change::RateMeeting {
                meeting: running,
                rating: 7,
            })?;
            Ok((action, [edit.unwrap_err(), tick.unwrap_err()]))
        })
        .unwrap();
    let [edit_err, clock_err] = errors;
    assert!(
        edit_err.to_string().contains("no promises today"),
        "{edit_err:?}"
    );
    assert_eq!(
        refused_message(clock_err),
        format!("meeting #{done} has already ended")
    );

    // The others committed...
    assert_eq!(
        all_actions(&s, team)
            .iter()
            .map(|a| (a.id, a.title.as_str(), a.owner.as_deref()))
            .collect::<Vec<_>>(),
        vec![(action, "Book the room", Some("Bo"))]
    );
    assert_eq!(meeting(&s, running).rating, Some(7));
    // ...and the refused ones left nothing behind.
    assert_eq!(item(&s, id), item_before);
    assert_eq!(meeting(&s, done), done_before);
    let people: Vec<String> = s.people().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(people, strings(&["Ana", "Bo"]));
    let grew: Vec<_> = counts(&s)
        .into_iter()
        .zip(before)
        .filter(|(after, before)| after != before)
        .map(|((table, after), (_, before))| (table, after - before))
        .collect();
    assert_eq!(grew, vec![("person", 1), ("action_item", 1)]);
}

// ---------------------------------------------------------------------------
// Migration

#[test]
fn a_schema_1_file_with_a_meeting_opens_at_the_latest_version_without_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rhythm.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/0001_initial.sql"))
            .unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO team (id, name, created_at)
                 VALUES (1, 'Growth', '2026-11-16 08:00:00+00:00');
             INSERT INTO meeting (id, team_id, kind, week, started_at, ended_at,
                     current_section, rating, snapshot)
                 VALUES (1, 1, 'weekly', '2026-W47', '2026-11-16 09:00:00+00:00',
                     '2026-11-16 09:55:00+00:00', 4, 8, NULL);
             INSERT INTO meeting_section (meeting_id, position, name, minutes, seconds_spent)
                 VALUES (1, 0, 'Scorecard', 10, 540), (1, 1, 'Wrap-up', 5, 300);",
        )
        .unwrap();
    }

    let mut s = Store::open(&path, OpenMode::MustExist).unwrap();
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    let team = TeamId(1);
    assert_eq!(
        s.teams().unwrap(),
        vec![Team {
            id: team,
            name: "Growth".into()
        }]
    );
    let started = Utc.with_ymd_and_hms(2026, 11, 16, 9, 0, 0).unwrap();
    let old = Meeting {
        id: MeetingId(1),
        team_id: team,
        kind: MeetingKind::Weekly,
        week: week("2026-W47"),
        started_at: started,
        ended_at: Some(started + Duration::minutes(55)),
        current_section: 4,
        sections: vec![
            MeetingSection {
                name: "Scorecard".into(),
                minutes: 10,
                seconds_spent: 540,
            },
            MeetingSection {
                name: "Wrap-up".into(),
                minutes: 5,
                seconds_spent: 300,
            },
        ],
        attendees: Vec::new(),
        rating: Some(8),
        snapshot: None,
        minutes: None,
    };
    assert_eq!(s.meetings(team).unwrap(), vec![old]);

    // The migrated file takes live-meeting writes, minutes included.
    let id = start(&mut s, team, "2026-W48");
    let card = snapshot(&mut s, team, "2026-W48");
    apply_at(&mut s, end(id, &card, "short week"), later());
    drop(s);
    let s = Store::open(&path, OpenMode::MustExist).unwrap();
    assert_eq!(meeting(&s, id).minutes.as_deref(), Some("short week"));
    assert_eq!(s.meetings(team).unwrap().len(), 2);
}
