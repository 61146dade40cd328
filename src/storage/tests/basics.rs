//! Opening in memory, teams, agendas, people, and changes naming rows that do not exist.

use super::*;

// ---------------------------------------------------------------------------
// Opening in memory

both! {
fn in_memory_store_starts_empty_at_the_latest_version() {
    let s = store();
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    assert!(s.is_empty().unwrap());
    assert!(!s.is_demo().unwrap());
    assert_eq!(s.path(), None);
    assert_eq!(s.teams().unwrap(), vec![]);
    assert_eq!(s.people().unwrap(), vec![]);
    if !backend::on_postgres() {
        let fk: i64 = s
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "foreign keys must be on");
    }
}
}

both! {
fn reads_of_unknown_ids_are_none_and_lists_of_unknown_teams_are_empty() {
    let s = store();
    let nobody = TeamId(42);
    assert_eq!(s.action(ActionId(1)).unwrap(), None);
    assert_eq!(s.offtrack_item(OffTrackId(1)).unwrap(), None);
    assert_eq!(s.dependency(DependencyId(1)).unwrap(), None);
    assert_eq!(s.decision(DecisionId(1)).unwrap(), None);
    assert_eq!(s.reading(MeasureId(1), week("2026-W48")).unwrap(), None);
    assert_eq!(s.measures(nobody, true).unwrap(), vec![]);
    let (from, to) = (week("2026-W01"), week("2026-W53"));
    assert_eq!(s.readings(nobody, from, to).unwrap(), vec![]);
    assert_eq!(s.actions(nobody, &ActionFilter::default()).unwrap(), vec![]);
    assert_eq!(s.offtrack_items(nobody, &[]).unwrap(), vec![]);
    assert_eq!(s.dependencies(nobody, true).unwrap(), vec![]);
    assert_eq!(
        s.decisions(nobody, &DecisionFilter::default()).unwrap(),
        vec![]
    );
    // A team that never set an agenda (or none at all) runs the default.
    assert_eq!(
        s.agenda(nobody, MeetingKind::Weekly).unwrap(),
        crate::domain::default_weekly_agenda()
    );
    assert_eq!(s.meetings(nobody).unwrap(), vec![]);
}
}

// ---------------------------------------------------------------------------
// Teams and agendas

both! {
fn add_team_reads_back_trimmed_and_sorted_by_name() {
    let mut s = store();
    let growth = add_team(&mut s, "  Growth ");
    let platform = add_team(&mut s, "Platform");
    let analytics = add_team(&mut s, "analytics");
    assert_eq!(
        s.teams().unwrap(),
        vec![
            Team {
                id: analytics,
                name: "analytics".into(),
                review: crate::domain::ReviewWeek::Current,
            },
            Team {
                id: growth,
                name: "Growth".into(),
                review: crate::domain::ReviewWeek::Current,
            },
            Team {
                id: platform,
                name: "Platform".into(),
                review: crate::domain::ReviewWeek::Current,
            },
        ]
    );
    assert!(!s.is_empty().unwrap());
}
}

both! {
fn a_new_team_gets_the_default_weekly_agenda() {
    let mut s = store();
    let growth = add_team(&mut s, "Growth");
    let platform = add_team(&mut s, "Platform");
    use crate::domain::SectionKind as K;
    let want: Vec<AgendaSection> = [
        (K::Scorecard, "Scorecard", 10),
        (K::OffTrack, "Off-track", 25),
        (K::Dependencies, "Dependencies", 10),
        (K::Decisions, "Decisions", 10),
        (K::WrapUp, "Wrap-up", 5),
    ]
    .into_iter()
    .map(|(kind, name, minutes)| AgendaSection {
        kind,
        name: name.into(),
        minutes,
    })
    .collect();
    assert_eq!(s.agenda(growth, MeetingKind::Weekly).unwrap(), want);
    assert_eq!(s.agenda(platform, MeetingKind::Weekly).unwrap(), want);
    // The other kinds of meeting run the default agenda until set.
    for kind in [MeetingKind::Monthly, MeetingKind::Quarterly] {
        let default = crate::domain::agenda::default_agenda(kind);
        assert_eq!(s.agenda(growth, kind).unwrap(), default);
    }
    assert_eq!(count(&s, "agenda_section"), 10);
}
}

both! {
fn duplicate_team_name_is_refused_case_insensitively_and_writes_nothing() {
    let mut s = store();
    add_team(&mut s, "Growth");
    for name in ["Growth", "growth", " GROWTH "] {
        let err = refuse(&mut s, Change::AddTeam { name: name.into() });
        assert!(
            matches!(&err, StoreError::Duplicate { what: "team", existing, .. } if existing == "Growth"),
            "{err:?}"
        );
        let typed = name.trim();
        let want = if typed == "Growth" {
            "team 'Growth' already exists".to_string()
        } else {
            format!("team '{typed}' already exists (as 'Growth')")
        };
        assert_eq!(err.to_string(), want);
    }
    assert_eq!(s.teams().unwrap().len(), 1);
}
}

both! {
fn rename_team_reads_back_and_refuses_a_taken_name() {
    let mut s = store();
    let growth = add_team(&mut s, "Growth");
    let platform = add_team(&mut s, "Platform");
    let applied = s
        .apply_one(
            &Change::RenameTeam {
                team: growth,
                name: " Growth Marketing ".into(),
            },
            now(),
        )
        .unwrap();
    assert_eq!((applied.id, applied.replaced), (growth.0, None));
    // A team may change the case of its own name.
    apply(
        &mut s,
        Change::RenameTeam {
            team: growth,
            name: "growth marketing".into(),
        },
    );
    assert_eq!(
        s.teams().unwrap(),
        vec![
            Team {
                id: growth,
                name: "growth marketing".into(),
                review: crate::domain::ReviewWeek::Current,
            },
            Team {
                id: platform,
                name: "Platform".into(),
                review: crate::domain::ReviewWeek::Current,
            },
        ]
    );
    let err = refuse(
        &mut s,
        Change::RenameTeam {
            team: platform,
            name: "GROWTH MARKETING".into(),
        },
    );
    assert!(
        matches!(err, StoreError::Duplicate { what: "team", .. }),
        "{err:?}"
    );
    assert_eq!(s.teams().unwrap()[1].name, "Platform");
}
}

both! {
fn invalid_changes_are_refused_before_anything_is_written() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let err = refuse(&mut s, Change::AddTeam { name: "  ".into() });
    assert!(
        matches!(err, StoreError::Invalid(ChangeError::Empty("team name"))),
        "{err:?}"
    );
    let mut m = new_measure(team, "NRR");
    m.owner = Some("Ana\nBo".into());
    let err = refuse(&mut s, Change::AddMeasure(m));
    assert!(
        matches!(
            err,
            StoreError::Invalid(ChangeError::ControlCharacter { what: "owner", .. })
        ),
        "{err:?}"
    );
    let mut meeting = new_meeting(team, "2026-W48");
    meeting.rating = Some(11);
    let err = refuse(&mut s, Change::AddMeeting(meeting));
    assert!(
        matches!(err, StoreError::Invalid(ChangeError::Rating(11))),
        "{err:?}"
    );
}
}

// ---------------------------------------------------------------------------
// Not found

both! {
fn changes_naming_unknown_rows_are_not_found_and_write_nothing() {
    let mut s = store();
    let team = seed(&mut s);
    let measure = s.measures(team, true).unwrap()[0].id;
    let decision = s.decisions(team, &DecisionFilter::default()).unwrap()[0].id;
    let (t, m) = (TeamId(99), MeasureId(99));
    let mut offtrack_unknown_measure = new_offtrack(team, Some(m), "x");
    offtrack_unknown_measure.owner = Some("Newcomer".into());
    let cases: Vec<(Change, &str, i64)> = vec![
        (
            Change::RenameTeam {
                team: t,
                name: "X".into(),
            },
            "team",
            99,
        ),
        (Change::AddMeasure(new_measure(t, "X")), "team", 99),
        (
            Change::EditMeasure {
                measure: m,
                edit: MeasureEdit {
                    owner: Some("Newcomer".into()),
                    ..MeasureEdit::default()
                },
            },
            "measure",
            99,
        ),
        (
            Change::ArchiveMeasure {
                measure: m,
                archived: true,
            },
            "measure",
            99,
        ),
        (
            Change::MoveMeasure {
                measure: m,
                position: 1,
            },
            "measure",
            99,
        ),
        (
            Change::RecordReading {
                measure: m,
                week: week("2026-W48"),
                value: 1.0,
                note: None,
            },
            "measure",
            99,
        ),
        (
            Change::AddAction(new_action(t, "x", Some("Newcomer"), None)),
            "team",
            99,
        ),
        (
            Change::SetActionState {
                action: ActionId(99),
                state: ActionState::Done,
            },
            "action item",
            99,
        ),
        (
            Change::AddOffTrack(new_offtrack(t, Some(measure), "x")),
            "team",
            99,
        ),
        (Change::AddOffTrack(offtrack_unknown_measure), "measure", 99),
        (
            Change::SetOffTrackState {
                item: OffTrackId(99),
                state: ItemState::Resolved,
            },
            "off-track item",
            99,
        ),
        (
            Change::AddDependency(new_dependency(
                home(t),
                outside("Legal"),
                "x",
                DepStatus::OnTrack,
                None,
            )),
            "team",
            99,
        ),
        (
            Change::AddDependency(new_dependency(
                home(team),
                home(t),
                "x",
                DepStatus::OnTrack,
                None,
            )),
            "team",
            99,
        ),
        (
            Change::UpdateDependency {
                dependency: DependencyId(99),
                status: Some(DepStatus::Done),
                needed_by: None,
                owner: Some("Newcomer".into()),
                note: None,
            },
            "dependency",
            99,
        ),
        (Change::AddDecision(new_decision(t, "x", false)), "team", 99),
        (
            Change::Decide {
                decision: DecisionId(99),
                chosen: "go".into(),
                owner: None,
                context: None,
                options: None,
            },
            "decision",
            99,
        ),
        (
            Change::Supersede {
                old: DecisionId(99),
                new: decision,
            },
            "decision",
            99,
        ),
        (
            Change::Supersede {
                old: decision,
                new: DecisionId(99),
            },
            "decision",
            99,
        ),
        (Change::AddMeeting(new_meeting(t, "2026-W47")), "team", 99),
    ];
    for (change, want_what, want_id) in cases {
        let shown = format!("{change:?}");
        match refuse(&mut s, change) {
            StoreError::NotFound { what, id } => {
                assert_eq!((what, id), (want_what, want_id), "{shown}");
            }
            other => panic!("{shown}: expected NotFound, got {other:?}"),
        }
    }
    // The supersede attempts left the real decision alone.
    assert_eq!(
        s.decision(decision).unwrap().unwrap().state,
        DecisionState::Made
    );
    assert_eq!(
        StoreError::NotFound {
            what: "measure",
            id: 99
        }
        .to_string(),
        "there is no measure #99"
    );
}
}

// ---------------------------------------------------------------------------
// People

both! {
fn people_are_created_on_first_use_and_matched_case_insensitively() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    assert_eq!(s.people().unwrap(), vec![]);

    let mut m = new_measure(team, "NRR");
    m.owner = Some(" Ana ".into());
    let measure = MeasureId(apply(&mut s, Change::AddMeasure(m)));
    let action = add_action(&mut s, team, "Call accounts", Some("ana"), None);
    let mut o = new_offtrack(team, Some(measure), "NRR low");
    o.owner = Some("ANA".into());
    let item = OffTrackId(apply(&mut s, Change::AddOffTrack(o)));
    let mut d = new_decision(team, "Pricing", false);
    d.owner = Some("Bo".into());
    let decision = DecisionId(apply(&mut s, Change::AddDecision(d)));
    let mut dep = new_dependency(
        home(team),
        outside("Legal"),
        "Review",
        DepStatus::AtRisk,
        None,
    );
    dep.owner = Some("bo".into());
    let dependency = DependencyId(apply(&mut s, Change::AddDependency(dep)));
    let mut meeting = new_meeting(team, "2026-W48");
    meeting.attendees = strings(&["ana", "Cy", "BO", "cy"]);
    apply(&mut s, Change::AddMeeting(meeting));
    // No owner is no person.
    add_action(&mut s, team, "Nobody's", None, None);
    let err = refuse(
        &mut s,
        Change::AddAction(new_action(team, "Blank owner", Some("   "), None)),
    );
    assert!(
        matches!(err, StoreError::Invalid(ChangeError::Empty("owner"))),
        "{err:?}"
    );

    assert_eq!(
        s.people().unwrap(),
        vec![
            Person {
                id: PersonId(1),
                name: "Ana".into()
            },
            Person {
                id: PersonId(2),
                name: "Bo".into()
            },
            Person {
                id: PersonId(3),
                name: "Cy".into()
            },
        ]
    );
    let ana = Some("Ana".to_string());
    assert_eq!(s.measures(team, false).unwrap()[0].owner, ana);
    assert_eq!(s.action(action).unwrap().unwrap().owner, ana);
    assert_eq!(s.offtrack_item(item).unwrap().unwrap().owner, ana);
    let bo = Some("Bo".to_string());
    assert_eq!(s.decision(decision).unwrap().unwrap().owner, bo);
    assert_eq!(s.dependency(dependency).unwrap().unwrap().owner, bo);
    assert_eq!(
        s.meetings(team).unwrap()[0].attendees,
        strings(&["Ana", "Bo", "Cy"])
    );
}
}
