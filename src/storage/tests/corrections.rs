//! Corrections: every record can be fixed, and each correction writes what
//! its name says and nothing more.

use super::*;
use crate::domain::change::{DecisionEdit, DependencyEdit, FieldEdit};

fn action(s: &Store, id: ActionId) -> ActionItem {
    s.action(id).unwrap().expect("the action exists")
}

fn decision(s: &Store, id: DecisionId) -> Decision {
    s.decision(id).unwrap().expect("the decision exists")
}

fn dependency(s: &Store, id: DependencyId) -> Dependency {
    s.dependency(id).unwrap().expect("the dependency exists")
}

fn names(people: Vec<Person>) -> Vec<String> {
    people.into_iter().map(|p| p.name).collect()
}

both! {
fn clear_reading_deletes_only_that_week() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let m = add_measure(&mut s, team, "NRR");
    record(&mut s, m, "2026-W47", 98.0);
    record(&mut s, m, "2026-W48", 104.5);
    let change = Change::ClearReading {
        measure: m,
        week: week("2026-W48"),
    };
    assert_eq!(apply(&mut s, change.clone()), m.0);
    assert_eq!(s.reading(m, week("2026-W48")).unwrap(), None);
    assert_eq!(s.reading(m, week("2026-W47")).unwrap().unwrap().value, 98.0);

    // Clearing an empty week is refused: there is nothing to correct.
    let err = refuse(&mut s, change);
    assert_eq!(
        refused_message(err),
        format!("measure #{m} has no reading for 2026-W48")
    );
    let err = refuse(
        &mut s,
        Change::ClearReading {
            measure: MeasureId(99),
            week: week("2026-W48"),
        },
    );
    assert!(
        matches!(err, StoreError::NotFound { id: 99, .. }),
        "{err:?}"
    );
}
}

both! {
fn edit_action_changes_only_the_given_fields() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let id = add_action(
        &mut s,
        team,
        "Call renewals",
        Some("Ana"),
        Some("2026-11-30"),
    );
    let mut want = action(&s, id);
    let edit = |title: Option<&str>, owner: Option<&str>, due: Option<&str>| Change::EditAction {
        action: id,
        title: title.map(Into::into),
        owner: owner.map(Into::into),
        due: due.map(date),
    };
    apply_at(
        &mut s,
        edit(Some(" Call the renewals "), None, None),
        later(),
    );
    want.title = "Call the renewals".into();
    assert_eq!(action(&s, id), want);
    apply_at(&mut s, edit(None, Some("Bo"), Some("2026-12-04")), later());
    want.owner = Some("Bo".into());
    want.due = Some(date("2026-12-04"));
    assert_eq!(action(&s, id), want);

    assert_eq!(
        refuse(&mut s, edit(Some(" "), None, None)).to_string(),
        "action title cannot be empty"
    );
    let err = refuse(
        &mut s,
        Change::EditAction {
            action: ActionId(99),
            title: Some("x".into()),
            owner: None,
            due: None,
        },
    );
    assert!(
        matches!(err, StoreError::NotFound { id: 99, .. }),
        "{err:?}"
    );
}
}

both! {
fn edit_dependency_moves_sides_and_sets_or_clears_optional_fields() {
    let mut s = store();
    let growth = add_team(&mut s, "Growth");
    let platform = add_team(&mut s, "Platform");
    let mut d = new_dependency(
        home(growth),
        outside("Legal"),
        "Contract review",
        DepStatus::AtRisk,
        Some("2026-12-10"),
    );
    d.note = Some("waiting".into());
    let id = DependencyId(apply(&mut s, Change::AddDependency(d)));
    let edit = |edit: DependencyEdit| Change::EditDependency {
        dependency: id,
        edit,
    };

    apply_at(
        &mut s,
        edit(DependencyEdit {
            what: Some(" SSO review ".into()),
            providing: Some(home(platform)),
            owner: Some("Bo".into()),
            ..DependencyEdit::default()
        }),
        later(),
    );
    let got = dependency(&s, id);
    assert_eq!(got.what, "SSO review");
    assert_eq!(got.providing, team_ref(Some(platform), "Platform"));
    assert_eq!(got.needing, team_ref(Some(growth), "Growth"));
    assert_eq!(got.owner.as_deref(), Some("Bo"));
    assert_eq!(got.needed_by, Some(date("2026-12-10")));
    assert_eq!(got.note.as_deref(), Some("waiting"));
    assert_eq!(got.status, DepStatus::AtRisk);
    assert_eq!(got.updated_at, later());

    apply(
        &mut s,
        edit(DependencyEdit {
            needing: Some(outside("Finance")),
            needed_by: FieldEdit::Clear,
            note: FieldEdit::Set(" signed off ".into()),
            ..DependencyEdit::default()
        }),
    );
    let got = dependency(&s, id);
    assert_eq!(got.needing, team_ref(None, "Finance"));
    assert_eq!(got.needed_by, None);
    assert_eq!(got.note.as_deref(), Some("signed off"));
    // It is still Platform's to provide, so Platform lists it.
    assert_eq!(s.dependencies(platform, true).unwrap().len(), 1);
    assert_eq!(s.dependencies(growth, true).unwrap().len(), 0);

    apply(
        &mut s,
        edit(DependencyEdit {
            needed_by: FieldEdit::Set(date("2027-01-08")),
            note: FieldEdit::Clear,
            ..DependencyEdit::default()
        }),
    );
    let got = dependency(&s, id);
    assert_eq!(got.needed_by, Some(date("2027-01-08")));
    assert_eq!(got.note, None);

    // Both sides outside this file cannot be.
    let err = refuse(
        &mut s,
        edit(DependencyEdit {
            providing: Some(outside("Legal")),
            ..DependencyEdit::default()
        }),
    );
    assert_eq!(
        refused_message(err),
        format!("dependency #{id} needs at least one side that is a team in this database")
    );
    assert_eq!(dependency(&s, id).providing.id, Some(platform));
}
}

both! {
fn delete_dependency_removes_it_from_both_teams() {
    let mut s = store();
    let growth = add_team(&mut s, "Growth");
    let platform = add_team(&mut s, "Platform");
    let d = new_dependency(
        home(growth),
        home(platform),
        "SSO",
        DepStatus::OnTrack,
        None,
    );
    let id = DependencyId(apply(&mut s, Change::AddDependency(d)));
    let keep = add_dependency(&mut s, growth, "Contract review", DepStatus::OnTrack, None);
    apply(&mut s, Change::DeleteDependency { dependency: id });
    assert_eq!(s.dependency(id).unwrap(), None);
    assert_eq!(s.dependencies(platform, true).unwrap(), vec![]);
    let left: Vec<_> = s
        .dependencies(growth, true)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(left, vec![keep]);
    let err = refuse(&mut s, Change::DeleteDependency { dependency: id });
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}
}

both! {
fn edit_decision_changes_needed_and_made_decisions_within_their_state() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let needed = add_decision(&mut s, team, "Pricing", false);
    let made = add_decision(&mut s, team, "Rota", true);
    let edit = |decision: DecisionId, edit: DecisionEdit| Change::EditDecision { decision, edit };

    let mut want = decision(&s, needed);
    apply(
        &mut s,
        edit(
            needed,
            DecisionEdit {
                title: Some(" SMB pricing ".into()),
                context: Some(" churn ".into()),
                options: Some(strings(&[" raise ", "hold"])),
                lane: Some(Lane::Commitment),
                owner: Some("Ana".into()),
                due: Some(date("2026-12-04")),
                ..DecisionEdit::default()
            },
        ),
    );
    want.title = "SMB pricing".into();
    want.context = "churn".into();
    want.options = strings(&["raise", "hold"]);
    want.lane = Lane::Commitment;
    want.owner = Some("Ana".into());
    want.due = Some(date("2026-12-04"));
    assert_eq!(decision(&s, needed), want);

    let mut want = decision(&s, made);
    apply(
        &mut s,
        edit(
            made,
            DecisionEdit {
                chosen: Some(" weekly rotation ".into()),
                ..DecisionEdit::default()
            },
        ),
    );
    want.chosen = "weekly rotation".into();
    assert_eq!(decision(&s, made), want);

    let due_on_made = refuse(
        &mut s,
        edit(
            made,
            DecisionEdit {
                due: Some(date("2026-12-04")),
                ..DecisionEdit::default()
            },
        ),
    );
    assert_eq!(
        refused_message(due_on_made),
        format!("decision #{made} is made: only a needed decision has a due date")
    );
    let chosen_on_needed = refuse(
        &mut s,
        edit(
            needed,
            DecisionEdit {
                chosen: Some("go".into()),
                ..DecisionEdit::default()
            },
        ),
    );
    assert_eq!(
        refused_message(chosen_on_needed),
        format!("decision #{needed} is needed: only a decision made has a chosen approach")
    );
    let empty = refuse(
        &mut s,
        edit(
            made,
            DecisionEdit {
                chosen: Some(" ".into()),
                ..DecisionEdit::default()
            },
        ),
    );
    assert!(
        matches!(empty, StoreError::Invalid(ChangeError::NoChosen)),
        "{empty:?}"
    );
}
}

both! {
fn withdraw_decision_sets_only_the_state_of_a_needed_decision() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let needed = add_decision(&mut s, team, "Pricing", false);
    let made = add_decision(&mut s, team, "Rota", true);
    let mut want = decision(&s, needed);
    apply(&mut s, Change::WithdrawDecision { decision: needed });
    want.state = DecisionState::Withdrawn;
    assert_eq!(decision(&s, needed), want);

    // Withdrawn decisions are listed only when asked for.
    let only = |state| DecisionFilter {
        states: vec![state],
    };
    let withdrawn = s.decisions(team, &only(DecisionState::Withdrawn)).unwrap();
    assert_eq!(withdrawn, vec![want]);
    assert_eq!(
        s.decisions(team, &only(DecisionState::Needed)).unwrap(),
        vec![]
    );

    for (id, state) in [(made, "made"), (needed, "withdrawn")] {
        let err = refuse(&mut s, Change::WithdrawDecision { decision: id });
        assert_eq!(
            refused_message(err),
            format!("decision #{id} is {state}: only a needed decision can be withdrawn")
        );
    }
}
}

both! {
fn rename_person_renames_or_merges_every_reference() {
    let mut s = store();
    let team = seed(&mut s); // Ana owns NRR, Bo an action; both attended.
    let rename = |from: &str, to: &str| Change::RenamePerson {
        from: from.into(),
        to: to.into(),
    };

    // A new name (or a new case) is a rename: same person, same id.
    let ana = s.people().unwrap()[0].id;
    assert_eq!(apply(&mut s, rename("ana", "Ana Lima")), ana.0);
    assert_eq!(names(s.people().unwrap()), strings(&["Ana Lima", "Bo"]));
    assert_eq!(
        s.measures(team, false).unwrap()[0].owner.as_deref(),
        Some("Ana Lima")
    );

    // An existing name merges: every reference moves, the old person goes.
    let mut o = new_offtrack(team, None, "Churn");
    o.owner = Some("Bo".into());
    apply(&mut s, Change::AddOffTrack(o));
    let mut d = new_decision(team, "Prices", true);
    d.owner = Some("Bo".into());
    apply(&mut s, Change::AddDecision(d));
    let mut dep = new_dependency(
        home(team),
        outside("Legal"),
        "Review",
        DepStatus::OnTrack,
        None,
    );
    dep.owner = Some("Bo".into());
    apply(&mut s, Change::AddDependency(dep));
    let mut m = new_measure(team, "Pipeline");
    m.owner = Some("Bo".into());
    apply(&mut s, Change::AddMeasure(m));

    apply(&mut s, rename("BO", "ana lima"));
    assert_eq!(names(s.people().unwrap()), strings(&["Ana Lima"]));
    let everyone = |owners: Vec<Option<String>>| {
        assert!(
            owners.iter().all(|o| o.as_deref() == Some("Ana Lima")),
            "{owners:?}"
        );
    };
    everyone(
        s.measures(team, false)
            .unwrap()
            .into_iter()
            .map(|m| m.owner)
            .collect(),
    );
    everyone(all_actions(&s, team).into_iter().map(|a| a.owner).collect());
    let offtrack = s.offtrack_items(team, &[]).unwrap();
    everyone(
        offtrack
            .into_iter()
            .filter(|o| o.title == "Churn")
            .map(|o| o.owner)
            .collect(),
    );
    everyone(
        s.dependencies(team, true)
            .unwrap()
            .into_iter()
            .filter(|d| d.what == "Review")
            .map(|d| d.owner)
            .collect(),
    );
    everyone(
        s.decisions(team, &DecisionFilter::default())
            .unwrap()
            .into_iter()
            .filter(|d| d.title == "Prices")
            .map(|d| d.owner)
            .collect(),
    );
    // Both attended the same meeting: it keeps one attendee row.
    let meetings = s.meetings(team).unwrap();
    assert_eq!(meetings[0].attendees, strings(&["Ana Lima"]));
    assert_eq!(count(&s, "meeting_attendee"), 1);

    let err = refuse(&mut s, rename("Cy", "Dee"));
    assert_eq!(refused_message(err), "there is no person 'Cy'");
    let err = refuse(&mut s, rename("Ana Lima", " "));
    assert_eq!(err.to_string(), "person name cannot be empty");
}
}

both! {
fn delete_team_deletes_everything_of_the_team_and_nothing_else() {
    let mut s = store();
    let growth = seed(&mut s);
    let platform = add_team(&mut s, "Platform");
    let pm = add_measure(&mut s, platform, "Uptime");
    record(&mut s, pm, "2026-W48", 99.9);
    let shared = new_dependency(
        home(growth),
        home(platform),
        "SSO",
        DepStatus::OnTrack,
        None,
    );
    apply(&mut s, Change::AddDependency(shared));
    let theirs = new_dependency(
        home(platform),
        outside("Legal"),
        "DPA",
        DepStatus::OnTrack,
        None,
    );
    let kept = DependencyId(apply(&mut s, Change::AddDependency(theirs)));
    let live = start(&mut s, growth, "2026-W49");
    // A decision that supersedes another, and one filed under a meeting.
    let old = add_decision(&mut s, growth, "Old", true);
    let new = add_decision(&mut s, growth, "New", true);
    apply(&mut s, Change::Supersede { old, new });
    let measures = s.measures(growth, false).unwrap();
    let readings = s
        .readings(growth, week("2026-W46"), week("2026-W49"))
        .unwrap();
    let card = scorecard::build("Growth", &measures, &readings, week("2026-W49"), 4);
    apply_at(&mut s, end(live, &card, "minutes"), later());

    let before = s.team_footprint(platform).unwrap();
    assert!(s.team_footprint(growth).unwrap().meetings == 2);
    apply(&mut s, Change::DeleteTeam { team: growth });
    assert_eq!(
        s.teams().unwrap(),
        vec![Team {
            id: platform,
            name: "Platform".into(),
            review: crate::domain::ReviewWeek::Current,
        }]
    );
    for table in [
        "measure",
        "reading",
        "offtrack",
        "action_item",
        "decision",
        "meeting",
        "meeting_section",
        "meeting_attendee",
    ] {
        let n: i64 = s
            .conn
            .query_row(
                &format!(
                    "SELECT count(*) FROM {table} WHERE {}",
                    match table {
                        "reading" => "measure_id NOT IN (SELECT id FROM measure)",
                        "meeting_section" | "meeting_attendee" => {
                            "meeting_id NOT IN (SELECT id FROM meeting)"
                        }
                        _ => "team_id NOT IN (SELECT id FROM team)",
                    }
                ),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0, "{table} keeps rows of the deleted team");
    }
    assert_eq!(
        count(&s, "agenda_section"),
        default_weekly_agenda().len() as i64
    );
    assert_eq!(count(&s, "reading"), 1);
    let left: Vec<_> = s
        .dependencies(platform, true)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(left, vec![kept]);
    assert_eq!(
        s.team_footprint(platform).unwrap(),
        TeamFootprint {
            dependencies: 1,
            ..before
        }
    );
    // People stay: they may own things elsewhere, and are named again later.
    assert_eq!(names(s.people().unwrap()), strings(&["Ana", "Bo"]));
    assert_eq!(s.owners().unwrap(), vec![]);

    let err = refuse(&mut s, Change::DeleteTeam { team: growth });
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}
}

both! {
fn owners_are_people_who_own_something() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    add_action(&mut s, team, "Call", Some("Bo"), None);
    let mut meeting = new_meeting(team, "2026-W48");
    meeting.attendees = strings(&["Cy"]);
    apply(&mut s, Change::AddMeeting(meeting));
    assert_eq!(names(s.people().unwrap()), strings(&["Bo", "Cy"]));
    assert_eq!(names(s.owners().unwrap()), strings(&["Bo"]));
}
}

both! {
fn set_meeting_rating_works_on_open_and_ended_meetings() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let id = start(&mut s, team, "2026-W48");
    let rate = |rating| Change::SetMeetingRating {
        meeting: id,
        rating,
    };
    apply(&mut s, rate(7));
    assert_eq!(meeting(&s, id).rating, Some(7));
    let card = snapshot(&mut s, team, "2026-W48");
    apply_at(&mut s, end(id, &card, "minutes"), later());
    let mut want = meeting(&s, id);
    apply(&mut s, rate(9));
    want.rating = Some(9);
    assert_eq!(meeting(&s, id), want);

    assert_eq!(
        refuse(&mut s, rate(11)).to_string(),
        "rating '11' must be from 1 to 10"
    );
    let err = refuse(
        &mut s,
        Change::SetMeetingRating {
            meeting: MeetingId(99),
            rating: 5,
        },
    );
    assert!(
        matches!(err, StoreError::NotFound { id: 99, .. }),
        "{err:?}"
    );
}
}
