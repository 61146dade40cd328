//! Savepoints inside a batch, and a schema-1 meeting migrated to latest.

use super::*;

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
    // No change fails after writing on its own, so make the item's update
    // fail: by then EditOffTrack has created "Newcomer", and only rolling
    // back to its savepoint can undo that.
    s.conn
        .execute_batch(
            "CREATE TEMP TRIGGER no_edits BEFORE UPDATE ON offtrack
             BEGIN SELECT RAISE(ABORT, 'no edits today'); END;",
        )
        .unwrap();
    let item_before = item(&s, id);
    let done_before = meeting(&s, done);
    let before = counts(&s);

    let (action, errors) = s
        .batch(later(), |w| {
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
        edit_err.to_string().contains("no edits today"),
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

both! {
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
            name: "Growth".into(),
            review: crate::domain::ReviewWeek::Current,
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
                kind: crate::domain::SectionKind::Scorecard,
                name: "Scorecard".into(),
                minutes: 10,
                seconds_spent: 540,
            },
            MeetingSection {
                kind: crate::domain::SectionKind::WrapUp,
                name: "Wrap-up".into(),
                minutes: 5,
                seconds_spent: 300,
            },
        ],
        attendees: Vec::new(),
        rating: Some(8),
        snapshot: None,
        minutes: None,
        health: Default::default(),
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
}
