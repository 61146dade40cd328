//! Off-track items edited in place (and the action items their promises
//! become), and action filters by date.

use super::*;

// ---------------------------------------------------------------------------
// Off-track items edited in place

both! {
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
}

both! {
fn edit_offtrack_never_touches_the_action_items_its_promises_became() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let id = add_offtrack_owned(&mut s, team, "NRR low", "Ana");
    let promise = NewAction {
        source: ActionSource::OffTrack,
        source_id: Some(crate::domain::change::RowRef::Id(id.0)),
        ..new_action(
            team,
            "call the top twenty accounts",
            Some("Ana"),
            Some("2026-11-30"),
        )
    };
    apply(&mut s, Change::AddAction(promise));
    let actions = all_actions(&s, team);
    assert_eq!(actions.len(), 1);
    apply_at(
        &mut s,
        Change::EditOffTrack {
            item: id,
            title: Some("NRR far below plan".into()),
            owner: Some("Bo".into()),
            why: Some("renewals slipped".into()),
            change: Some("call every SMB account".into()),
        },
        later(),
    );
    assert_eq!(item(&s, id).change, "call every SMB account");
    assert_eq!(
        all_actions(&s, team),
        actions,
        "the commitment is as it was"
    );
}
}

both! {
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
}

// ---------------------------------------------------------------------------
// Action filters by date

both! {
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
}
