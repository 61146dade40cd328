//! Action items, off-track items and dependencies.

use super::*;

// ---------------------------------------------------------------------------
// Action items

both! {
fn add_action_reads_back_whole_and_state_changes_close_and_reopen_it() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let id = ActionId(apply(
        &mut s,
        Change::AddAction(NewAction {
            team,
            title: " Call the top ten accounts ".into(),
            owner: Some("Ana".into()),
            due: Some(date("2026-11-27")),
            source: ActionSource::OffTrack,
            source_id: Some(crate::domain::change::RowRef::Id(7)),
        }),
    ));
    let open = ActionItem {
        id,
        team_id: team,
        title: "Call the top ten accounts".into(),
        owner: Some("Ana".into()),
        due: Some(date("2026-11-27")),
        state: ActionState::Open,
        source: ActionSource::OffTrack,
        source_id: Some(7),
        created_at: now(),
        closed_at: None,
    };
    assert_eq!(s.action(id).unwrap(), Some(open.clone()));

    let set = |state| Change::SetActionState { action: id, state };
    assert_eq!(apply_at(&mut s, set(ActionState::Done), later()), id.0);
    assert_eq!(
        s.action(id).unwrap(),
        Some(ActionItem {
            state: ActionState::Done,
            closed_at: Some(later()),
            ..open.clone()
        })
    );
    let err = refuse(&mut s, set(ActionState::Done));
    assert_eq!(
        refused_message(err),
        format!("action item #{id} is already done")
    );

    apply(&mut s, set(ActionState::Open));
    assert_eq!(s.action(id).unwrap(), Some(open.clone()));
    let err = refuse(&mut s, set(ActionState::Open));
    assert_eq!(
        refused_message(err),
        format!("action item #{id} is already open")
    );

    apply_at(&mut s, set(ActionState::Dropped), later());
    assert_eq!(
        s.action(id).unwrap(),
        Some(ActionItem {
            state: ActionState::Dropped,
            closed_at: Some(later()),
            ..open
        })
    );
}
}

both! {
fn action_filter_selects_states_and_owner_and_lists_open_by_due_date() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let a1 = add_action(&mut s, team, "a1", Some("Ana"), Some("2026-12-01"));
    let a2 = add_action(&mut s, team, "a2", Some("Bo"), None);
    let a3 = add_action(&mut s, team, "a3", Some("Ana"), Some("2026-11-25"));
    let a4 = add_action(&mut s, team, "a4", Some("Ana"), Some("2026-11-20"));
    let a5 = add_action(&mut s, team, "a5", Some("Bo"), None);
    let a6 = add_action(&mut s, team, "a6", None, Some("2026-11-24"));
    add_action(&mut s, other, "theirs", Some("Ana"), Some("2026-11-01"));
    for (action, state) in [(a4, ActionState::Done), (a5, ActionState::Dropped)] {
        apply(&mut s, Change::SetActionState { action, state });
    }

    let ids = |filter: ActionFilter| -> Vec<ActionId> {
        s.actions(team, &filter)
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect()
    };
    assert_eq!(ids(ActionFilter::default()), vec![a6, a3, a1, a2, a4, a5]);
    let only = |states: &[ActionState]| ActionFilter {
        states: states.to_vec(),
        ..ActionFilter::default()
    };
    assert_eq!(ids(only(&[ActionState::Open])), vec![a6, a3, a1, a2]);
    assert_eq!(ids(only(&[ActionState::Done])), vec![a4]);
    assert_eq!(
        ids(only(&[ActionState::Done, ActionState::Dropped])),
        vec![a4, a5]
    );
    let owned = |owner: &str, states: &[ActionState]| ActionFilter {
        states: states.to_vec(),
        owner: Some(owner.into()),
        ..ActionFilter::default()
    };
    assert_eq!(ids(owned("ana", &[])), vec![a3, a1, a4]);
    assert_eq!(ids(owned("ANA", &[ActionState::Open])), vec![a3, a1]);
    assert_eq!(ids(owned("Bo", &[ActionState::Dropped])), vec![a5]);
    assert_eq!(ids(owned("Nobody", &[])), vec![]);
}
}

// ---------------------------------------------------------------------------
// Off-track items

both! {
fn add_offtrack_reads_back_whole_with_its_measure_name() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let m = add_measure(&mut s, team, "NRR");
    let raised = Change::AddOffTrack(NewOffTrack {
        team,
        measure: Some(m),
        title: " NRR below target ".into(),
        owner: Some("Ana".into()),
        why: " churn in SMB ".into(),
        change: " call the top ten accounts ".into(),
        raised_week: week("2026-W48"),
    });
    let from_measure = OffTrackId(apply(&mut s, raised));
    let by_hand = OffTrackId(apply(
        &mut s,
        Change::AddOffTrack(new_offtrack(team, None, "Launch slipped")),
    ));
    let want = OffTrackItem {
        id: from_measure,
        team_id: team,
        measure_id: Some(m),
        measure: Some("NRR".into()),
        title: "NRR below target".into(),
        owner: Some("Ana".into()),
        why: "churn in SMB".into(),
        change: "call the top ten accounts".into(),
        state: ItemState::Open,
        raised_week: week("2026-W48"),
        created_at: now(),
    };
    assert_eq!(s.offtrack_item(from_measure).unwrap(), Some(want.clone()));
    let hand = OffTrackItem {
        id: by_hand,
        measure_id: None,
        measure: None,
        title: "Launch slipped".into(),
        owner: None,
        ..want.clone()
    };
    assert_eq!(s.offtrack_item(by_hand).unwrap(), Some(hand.clone()));
    assert_eq!(s.offtrack_items(team, &[]).unwrap(), vec![want, hand]);
}
}

both! {
fn offtrack_state_changes_are_listed_by_state_and_the_same_state_is_refused() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let [o1, o2, o3] = ["o1", "o2", "o3"].map(|t| {
        OffTrackId(apply(
            &mut s,
            Change::AddOffTrack(new_offtrack(team, None, t)),
        ))
    });
    apply(
        &mut s,
        Change::AddOffTrack(new_offtrack(other, None, "theirs")),
    );
    let set = |item, state| Change::SetOffTrackState { item, state };
    assert_eq!(apply(&mut s, set(o1, ItemState::Resolved)), o1.0);
    apply(&mut s, set(o2, ItemState::Dropped));
    let err = refuse(&mut s, set(o1, ItemState::Resolved));
    assert_eq!(
        refused_message(err),
        format!("off-track item #{o1} is already resolved")
    );
    let err = refuse(&mut s, set(o3, ItemState::Open));
    assert_eq!(
        refused_message(err),
        format!("off-track item #{o3} is already open")
    );

    let ids = |s: &Store, states: &[ItemState]| -> Vec<OffTrackId> {
        s.offtrack_items(team, states)
            .unwrap()
            .iter()
            .map(|o| o.id)
            .collect()
    };
    assert_eq!(ids(&s, &[]), vec![o3, o1, o2]);
    assert_eq!(ids(&s, &[ItemState::Open]), vec![o3]);
    assert_eq!(
        ids(&s, &[ItemState::Resolved, ItemState::Dropped]),
        vec![o1, o2]
    );
    assert_eq!(
        s.offtrack_item(o1).unwrap().map(|o| o.state),
        Some(ItemState::Resolved)
    );

    // Reopening is allowed.
    apply(&mut s, set(o1, ItemState::Open));
    assert_eq!(ids(&s, &[ItemState::Open]), vec![o1, o3]);
}
}

both! {
fn offtrack_refuses_a_measure_of_another_team() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let other = add_team(&mut s, "Platform");
    let theirs = add_measure(&mut s, other, "Uptime");
    let err = refuse(
        &mut s,
        Change::AddOffTrack(new_offtrack(team, Some(theirs), "Uptime low")),
    );
    assert_eq!(
        refused_message(err),
        format!("measure #{theirs} belongs to another team")
    );
    // Their own team may raise it.
    apply(
        &mut s,
        Change::AddOffTrack(new_offtrack(other, Some(theirs), "Uptime low")),
    );
}
}

// ---------------------------------------------------------------------------
// Dependencies

both! {
fn dependencies_with_an_outside_team_read_back_with_its_name() {
    let mut s = store();
    let growth = add_team(&mut s, "Growth");
    let platform = add_team(&mut s, "Platform");
    let needs_legal = DependencyId(apply(
        &mut s,
        Change::AddDependency(NewDependency {
            needing: home(growth),
            providing: outside(" Legal "),
            what: " Contract review ".into(),
            owner: Some("Ana".into()),
            needed_by: Some(date("2026-12-04")),
            status: DepStatus::AtRisk,
            note: Some("waiting on redlines".into()),
        }),
    ));
    let legal = Dependency {
        id: needs_legal,
        needing: team_ref(Some(growth), "Growth"),
        providing: team_ref(None, "Legal"),
        what: "Contract review".into(),
        owner: Some("Ana".into()),
        needed_by: Some(date("2026-12-04")),
        status: DepStatus::AtRisk,
        note: Some("waiting on redlines".into()),
        created_at: now(),
        updated_at: now(),
    };
    assert_eq!(s.dependency(needs_legal).unwrap(), Some(legal.clone()));

    // The name given for a home team is ignored.
    let mut home_named = home(growth);
    home_named.name = "Ignored".into();
    let owed = DependencyId(apply(
        &mut s,
        Change::AddDependency(new_dependency(
            outside("Finance"),
            home_named,
            "Budget numbers",
            DepStatus::OnTrack,
            None,
        )),
    ));
    let finance = Dependency {
        id: owed,
        needing: team_ref(None, "Finance"),
        providing: team_ref(Some(growth), "Growth"),
        what: "Budget numbers".into(),
        owner: None,
        needed_by: None,
        status: DepStatus::OnTrack,
        note: None,
        created_at: now(),
        updated_at: now(),
    };
    assert_eq!(s.dependency(owed).unwrap(), Some(finance.clone()));

    // Between two home teams: listed for both.
    let between = DependencyId(apply(
        &mut s,
        Change::AddDependency(new_dependency(
            home(growth),
            home(platform),
            "Event pipeline",
            DepStatus::Blocked,
            None,
        )),
    ));
    let shared = s.dependency(between).unwrap().unwrap();
    assert_eq!(shared.needing, team_ref(Some(growth), "Growth"));
    assert_eq!(shared.providing, team_ref(Some(platform), "Platform"));
    assert_eq!(
        s.dependencies(growth, true).unwrap(),
        vec![shared.clone(), legal, finance]
    );
    assert_eq!(s.dependencies(platform, true).unwrap(), vec![shared]);

    // A renamed team is shown by its new name.
    apply(
        &mut s,
        Change::RenameTeam {
            team: platform,
            name: "Data Platform".into(),
        },
    );
    assert_eq!(
        s.dependency(between).unwrap().unwrap().providing.name,
        "Data Platform"
    );

    let err = refuse(
        &mut s,
        Change::AddDependency(new_dependency(
            outside("Legal"),
            outside("Finance"),
            "Not ours",
            DepStatus::OnTrack,
            None,
        )),
    );
    assert!(
        matches!(err, StoreError::Invalid(ChangeError::NoHomeTeam)),
        "{err:?}"
    );
}
}

both! {
fn dependencies_list_blocked_first_then_by_date_and_hide_done_unless_asked() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let on_track = add_dependency(&mut s, team, "a", DepStatus::OnTrack, Some("2026-12-01"));
    let blocked_late = add_dependency(&mut s, team, "b", DepStatus::Blocked, Some("2026-12-10"));
    let undated = add_dependency(&mut s, team, "c", DepStatus::AtRisk, None);
    let done = add_dependency(&mut s, team, "d", DepStatus::Done, Some("2026-11-20"));
    let blocked_soon = add_dependency(&mut s, team, "e", DepStatus::Blocked, Some("2026-12-02"));
    let at_risk = add_dependency(&mut s, team, "f", DepStatus::AtRisk, Some("2026-11-30"));
    let blocked_undated = add_dependency(&mut s, team, "g", DepStatus::Blocked, None);

    let ids = |s: &Store, include_done| -> Vec<DependencyId> {
        s.dependencies(team, include_done)
            .unwrap()
            .iter()
            .map(|d| d.id)
            .collect()
    };
    let open = vec![
        blocked_soon,
        blocked_late,
        blocked_undated,
        at_risk,
        on_track,
        undated,
    ];
    assert_eq!(ids(&s, false), open);
    let mut all = open.clone();
    all.push(done);
    assert_eq!(ids(&s, true), all);

    // Finishing one moves it out of the default list.
    apply(
        &mut s,
        Change::UpdateDependency {
            dependency: blocked_soon,
            status: Some(DepStatus::Done),
            needed_by: None,
            owner: None,
            note: None,
        },
    );
    assert_eq!(ids(&s, false), open[1..].to_vec());
    // Done ones come last, by needed-by date too.
    assert_eq!(ids(&s, true)[5..], [done, blocked_soon]);
}
}

both! {
fn update_dependency_changes_only_the_given_fields() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    add_action(&mut s, team, "make Bo", Some("Bo"), None);
    let id = add_dependency(
        &mut s,
        team,
        "Review",
        DepStatus::OnTrack,
        Some("2026-12-01"),
    );
    let original = s.dependency(id).unwrap().unwrap();

    let update = Change::UpdateDependency {
        dependency: id,
        status: Some(DepStatus::Blocked),
        needed_by: None,
        owner: None,
        note: None,
    };
    assert_eq!(apply_at(&mut s, update, later()), id.0);
    let blocked = Dependency {
        status: DepStatus::Blocked,
        updated_at: later(),
        ..original.clone()
    };
    assert_eq!(s.dependency(id).unwrap(), Some(blocked.clone()));

    let update = Change::UpdateDependency {
        dependency: id,
        status: None,
        needed_by: Some(date("2026-12-11")),
        owner: Some("bo".into()),
        note: Some(" legal is out this week ".into()),
    };
    apply_at(&mut s, update, later());
    assert_eq!(
        s.dependency(id).unwrap(),
        Some(Dependency {
            needed_by: Some(date("2026-12-11")),
            owner: Some("Bo".into()),
            note: Some("legal is out this week".into()),
            ..blocked
        })
    );
    assert_eq!(s.people().unwrap().len(), 1);
}
}
