//! Measures and their readings.

use super::*;

// ---------------------------------------------------------------------------
// Measures

both! {
fn add_measure_reads_back_whole_in_scorecard_order() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let nrr_goal = Goal::new(Direction::Higher, Some(110.0), None, 0.05).unwrap();
    let ttr_goal = Goal::new(Direction::Lower, Some(8.0), None, 0.1).unwrap();
    let nps_goal = Goal::new(Direction::Range, None, Some((30.0, 50.0)), 0.2).unwrap();
    let nrr = apply(
        &mut s,
        Change::AddMeasure(NewMeasure {
            rollup: None,
            team,
            name: " Net revenue retention ".into(),
            owner: Some("Ana".into()),
            unit: " % ".into(),
            kind: Kind::Lagging,
            goal: nrr_goal,
        }),
    );
    let ttr = apply(
        &mut s,
        Change::AddMeasure(NewMeasure {
            rollup: None,
            team,
            name: "Tier-2 response time".into(),
            owner: None,
            unit: "h".into(),
            kind: Kind::Leading,
            goal: ttr_goal,
        }),
    );
    let nps = apply(
        &mut s,
        Change::AddMeasure(NewMeasure {
            rollup: None,
            team,
            name: "NPS".into(),
            owner: Some("Bo".into()),
            unit: String::new(),
            kind: Kind::Lagging,
            goal: nps_goal,
        }),
    );
    // Another team's measures are numbered on their own.
    let elsewhere = add_measure(&mut s, other, "Uptime");

    let measure =
        |id: i64, name: &str, owner: Option<&str>, unit: &str, kind, goal, position| Measure {
            id: MeasureId(id),
            team_id: team,
            name: name.into(),
            owner: owner.map(Into::into),
            unit: unit.into(),
            kind,
            goal,
            position,
            archived: false,
        };
    assert_eq!(
        s.measures(team, false).unwrap(),
        vec![
            measure(
                nrr,
                "Net revenue retention",
                Some("Ana"),
                "%",
                Kind::Lagging,
                nrr_goal,
                1
            ),
            measure(
                ttr,
                "Tier-2 response time",
                None,
                "h",
                Kind::Leading,
                ttr_goal,
                2
            ),
            measure(nps, "NPS", Some("Bo"), "", Kind::Lagging, nps_goal, 3),
        ]
    );
    let theirs = s.measures(other, true).unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!((theirs[0].id, theirs[0].position), (elsewhere, 1));
}
}

both! {
fn duplicate_measure_name_is_refused_case_insensitively_and_writes_nothing() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    add_measure(&mut s, team, "NRR");
    let ttr = add_measure(&mut s, team, "TTR");
    for name in ["NRR", "nrr", " Nrr "] {
        let mut m = new_measure(team, name);
        // The owner would be a new person: not created either.
        m.owner = Some("Zed".into());
        let err = refuse(&mut s, Change::AddMeasure(m));
        assert!(
            matches!(&err, StoreError::Duplicate { what: "measure", existing, .. } if existing == "NRR"),
            "{err:?}"
        );
        let typed = name.trim();
        let want = if typed == "NRR" {
            "measure 'NRR' already exists".to_string()
        } else {
            format!("measure '{typed}' already exists (as 'NRR')")
        };
        assert_eq!(err.to_string(), want);
    }
    assert_eq!(s.people().unwrap(), vec![]);
    // Renaming another measure onto the name is refused the same way.
    let err = refuse(
        &mut s,
        Change::EditMeasure {
            measure: ttr,
            edit: MeasureEdit {
                name: Some("nrr".into()),
                unit: Some("h".into()),
                ..MeasureEdit::default()
            },
        },
    );
    assert!(
        matches!(
            err,
            StoreError::Duplicate {
                what: "measure",
                ..
            }
        ),
        "{err:?}"
    );
    let ttr_now = &s.measures(team, false).unwrap()[1];
    assert_eq!((ttr_now.name.as_str(), ttr_now.unit.as_str()), ("TTR", "%"));
    // The same name in another team is fine.
    add_measure(&mut s, other, "nrr");
}
}

both! {
fn edit_measure_changes_only_the_given_fields() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let mut m = new_measure(team, "NRR");
    m.owner = Some("Ana".into());
    let id = MeasureId(apply(&mut s, Change::AddMeasure(m)));
    let original = s.measures(team, false).unwrap()[0].clone();

    apply(
        &mut s,
        Change::EditMeasure {
            measure: id,
            edit: MeasureEdit::default(),
        },
    );
    assert_eq!(s.measures(team, false).unwrap(), vec![original.clone()]);

    // A measure may change the case of its own name.
    apply(
        &mut s,
        Change::EditMeasure {
            measure: id,
            edit: MeasureEdit {
                name: Some(" nrr ".into()),
                ..MeasureEdit::default()
            },
        },
    );
    assert_eq!(
        s.measures(team, false).unwrap(),
        vec![Measure {
            name: "nrr".into(),
            ..original.clone()
        }]
    );

    let range = Goal::new(Direction::Range, None, Some((3.0, 5.0)), 0.25).unwrap();
    let applied = s
        .apply_one(
            &Change::EditMeasure {
                measure: id,
                edit: MeasureEdit {
                    rollup: None,
                    name: Some("Net revenue retention".into()),
                    owner: Some("bo".into()),
                    unit: Some(" pts ".into()),
                    kind: Some(Kind::Leading),
                    goal: Some(range),
                },
            },
            later(),
        )
        .unwrap();
    assert_eq!((applied.id, applied.replaced), (id.0, None));
    assert_eq!(
        s.measures(team, false).unwrap(),
        vec![Measure {
            name: "Net revenue retention".into(),
            owner: Some("bo".into()),
            unit: "pts".into(),
            kind: Kind::Leading,
            goal: range,
            ..original.clone()
        }]
    );
    // And back from a range to a single target.
    let lower = Goal::new(Direction::Lower, Some(8.0), None, 0.0).unwrap();
    apply(
        &mut s,
        Change::EditMeasure {
            measure: id,
            edit: MeasureEdit {
                goal: Some(lower),
                ..MeasureEdit::default()
            },
        },
    );
    assert_eq!(s.measures(team, false).unwrap()[0].goal, lower);
}
}

both! {
fn archived_measures_are_hidden_unless_asked_for_and_come_last() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let a = add_measure(&mut s, team, "A");
    let b = add_measure(&mut s, team, "B");
    let c = add_measure(&mut s, team, "C");
    let applied = s
        .apply_one(
            &Change::ArchiveMeasure {
                measure: a,
                archived: true,
            },
            now(),
        )
        .unwrap();
    assert_eq!(applied.id, a.0);
    let ids = |s: &Store, all| -> Vec<(MeasureId, bool)> {
        s.measures(team, all)
            .unwrap()
            .iter()
            .map(|m| (m.id, m.archived))
            .collect()
    };
    assert_eq!(ids(&s, false), vec![(b, false), (c, false)]);
    assert_eq!(ids(&s, true), vec![(b, false), (c, false), (a, true)]);

    apply(
        &mut s,
        Change::ArchiveMeasure {
            measure: a,
            archived: false,
        },
    );
    // A restored measure goes to the bottom, not onto another's position.
    assert_eq!(ids(&s, false), vec![(b, false), (c, false), (a, false)]);
    let positions: Vec<u32> = s
        .measures(team, false)
        .unwrap()
        .iter()
        .map(|m| m.position)
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // Readings of an archived measure stay.
    record(&mut s, b, "2026-W48", 1.0);
    apply(
        &mut s,
        Change::ArchiveMeasure {
            measure: b,
            archived: true,
        },
    );
    assert!(s.reading(b, week("2026-W48")).unwrap().is_some());
}
}

fn positions(s: &Store, team: TeamId) -> Vec<(MeasureId, u32)> {
    s.measures(team, false)
        .unwrap()
        .iter()
        .map(|m| (m.id, m.position))
        .collect()
}

fn move_to(s: &mut Store, measure: MeasureId, position: u32) {
    let applied = s
        .apply_one(&Change::MoveMeasure { measure, position }, now())
        .unwrap();
    assert_eq!(applied.id, measure.0);
}

both! {
fn move_measure_reorders_and_renumbers_from_one() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let [a, b, c, d] = ["A", "B", "C", "D"].map(|n| add_measure(&mut s, team, n));
    let theirs = add_measure(&mut s, other, "X");

    move_to(&mut s, d, 1);
    assert_eq!(positions(&s, team), vec![(d, 1), (a, 2), (b, 3), (c, 4)]);
    move_to(&mut s, d, 3);
    assert_eq!(positions(&s, team), vec![(a, 1), (b, 2), (d, 3), (c, 4)]);
    move_to(&mut s, a, 2);
    assert_eq!(positions(&s, team), vec![(b, 1), (a, 2), (d, 3), (c, 4)]);
    // Moving to where it already is changes nothing.
    move_to(&mut s, a, 2);
    assert_eq!(positions(&s, team), vec![(b, 1), (a, 2), (d, 3), (c, 4)]);
    // Past the end is the end.
    move_to(&mut s, b, 99);
    assert_eq!(positions(&s, team), vec![(a, 1), (d, 2), (c, 3), (b, 4)]);
    move_to(&mut s, c, u32::MAX);
    assert_eq!(positions(&s, team), vec![(a, 1), (d, 2), (b, 3), (c, 4)]);
    // Other teams are left alone.
    assert_eq!(positions(&s, other), vec![(theirs, 1)]);

    let err = refuse(
        &mut s,
        Change::MoveMeasure {
            measure: a,
            position: 0,
        },
    );
    assert!(
        matches!(err, StoreError::Invalid(ChangeError::Position(0))),
        "{err:?}"
    );
}
}

both! {
fn move_measure_refuses_archived_measures_and_skips_them_when_renumbering() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let [a, b, c, d] = ["A", "B", "C", "D"].map(|n| add_measure(&mut s, team, n));
    apply(
        &mut s,
        Change::ArchiveMeasure {
            measure: b,
            archived: true,
        },
    );
    let before = s.measures(team, true).unwrap();
    let err = refuse(
        &mut s,
        Change::MoveMeasure {
            measure: b,
            position: 1,
        },
    );
    assert_eq!(
        refused_message(err),
        format!("measure #{b} is archived: restore it before moving it")
    );
    assert_eq!(s.measures(team, true).unwrap(), before);

    // The gap the archived measure left closes on the next move.
    move_to(&mut s, d, 1);
    assert_eq!(positions(&s, team), vec![(d, 1), (a, 2), (c, 3)]);
    let archived = &s.measures(team, true).unwrap()[3];
    assert_eq!((archived.id, archived.archived), (b, true));
}
}

// ---------------------------------------------------------------------------
// Readings

both! {
fn record_reading_reads_back_and_a_replacement_returns_the_old_value() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let m = add_measure(&mut s, team, "NRR");
    let w48 = week("2026-W48");
    let reading = |value, note: Option<&str>| Change::RecordReading {
        measure: m,
        week: w48,
        value,
        note: note.map(Into::into),
    };

    let first = s
        .apply_one(&reading(104.5, Some(" after the price change ")), now())
        .unwrap();
    assert_eq!((first.id, first.replaced), (m.0, None));
    assert_eq!(
        s.reading(m, w48).unwrap(),
        Some(Reading {
            measure_id: m,
            week: w48,
            value: 104.5,
            note: Some("after the price change".into()),
        })
    );

    let second = s.apply_one(&reading(-3.25, None), later()).unwrap();
    assert_eq!(
        (second.id, second.replaced),
        (m.0, Some((104.5, Some("after the price change".into()))))
    );
    assert_eq!(
        s.reading(m, w48).unwrap(),
        Some(Reading {
            measure_id: m,
            week: w48,
            value: -3.25,
            note: None,
        })
    );

    let third = s
        .apply_one(&reading(0.0, Some("zero is a value")), now())
        .unwrap();
    assert_eq!(third.replaced, Some((-3.25, None)));
    assert_eq!(s.reading(m, w48).unwrap().map(|r| r.value), Some(0.0));
    assert_eq!(count(&s, "reading"), 1);
    assert_eq!(s.reading(m, week("2026-W47")).unwrap(), None);

    let err = refuse(&mut s, reading(f64::INFINITY, None));
    assert!(
        matches!(err, StoreError::Invalid(ChangeError::NotFinite(_))),
        "{err:?}"
    );
}
}

both! {
fn readings_are_limited_to_the_team_and_the_weeks_asked_for() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let a = add_measure(&mut s, team, "A");
    let b = add_measure(&mut s, team, "B");
    let x = add_measure(&mut s, other, "X");
    for (m, w, v) in [
        (b, "2026-W47", 2.47),
        (a, "2026-W48", 1.48),
        (a, "2026-W45", 1.45),
        (a, "2026-W47", 1.47),
        (x, "2026-W47", 9.0),
        (a, "2026-W49", 1.49),
    ] {
        record(&mut s, m, w, v);
    }
    let got = s
        .readings(team, week("2026-W46"), week("2026-W48"))
        .unwrap();
    let want = [
        (a, "2026-W47", 1.47),
        (a, "2026-W48", 1.48),
        (b, "2026-W47", 2.47),
    ]
    .map(|(m, w, v)| Reading {
        measure_id: m,
        week: week(w),
        value: v,
        note: None,
    });
    assert_eq!(got, want);
    // Weeks compare in time order across a year's end.
    record(&mut s, a, "2026-W53", 1.53);
    record(&mut s, a, "2027-W01", 1.01);
    record(&mut s, a, "2027-W10", 1.10);
    let weeks: Vec<String> = s
        .readings(team, week("2026-W52"), week("2027-W02"))
        .unwrap()
        .iter()
        .map(|r| r.week.to_string())
        .collect();
    assert_eq!(weeks, ["2026-W53", "2027-W01"]);
}
}
