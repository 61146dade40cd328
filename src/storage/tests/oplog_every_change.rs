//! Every kind of change through the log: applied, undone to the exact
//! earlier state, and redone to the exact later one.

use super::oplog::{dump, origin, undo};
use super::*;
use crate::domain::change::{DecisionEdit, DependencyEdit, Expect, FieldEdit};

/// Applies `change` to `s`, then checks that undo gives back the exact
/// earlier state and redo the exact later one.
fn round_trip(s: &mut Store, change: Change) {
    let before = dump(s);
    let applied = s
        .apply(std::slice::from_ref(&change), &origin(), later())
        .unwrap_or_else(|e| panic!("{change:?}: {e}"));
    assert!(applied.op.is_some(), "{change:?} made no operation");
    let after = dump(s);
    assert_ne!(before, after, "{change:?} changed nothing");
    let undone = undo(s);
    assert_eq!(undone.reversed.len(), 1, "{change:?}");
    assert_eq!(dump(s), before, "undo of {change:?}");
    s.redo(&origin(), later()).unwrap();
    assert_eq!(dump(s), after, "redo of {change:?}");
}

/// A seeded team plus what the other changes need: a second measure, a
/// needed decision and a live meeting.
struct World {
    team: TeamId,
    measure: MeasureId,
    second: MeasureId,
    action: ActionId,
    item: OffTrackId,
    dependency: DependencyId,
    made: DecisionId,
    needed: DecisionId,
    live: MeetingId,
    initiative: crate::domain::InitiativeId,
    milestone: crate::domain::MilestoneId,
    draw: crate::domain::FlexDrawId,
    choice: crate::domain::BriefItemId,
}

fn world(s: &mut Store) -> World {
    let team = seed(s);
    let second = add_measure(s, team, "Activation");
    let needed = add_decision(s, team, "Enter Germany?", false);
    let (initiative, milestone, draw) = super::plan::seed_plan(s, team);
    let choice = crate::domain::BriefItemId(apply(
        s,
        Change::AddBriefItem(super::brief::line(
            Some(team),
            crate::domain::BriefKind::Choice,
            "Mid-market first",
            "",
        )),
    ));
    World {
        choice,
        initiative,
        milestone,
        draw,
        team,
        measure: MeasureId(1),
        second,
        action: ActionId(1),
        item: OffTrackId(1),
        dependency: DependencyId(1),
        made: DecisionId(1),
        needed,
        live: start(s, team, "2026-W49"),
    }
}

fn every_change(w: &World, s: &mut Store) -> Vec<Change> {
    let card = {
        let measures = s.measures(w.team, false).unwrap();
        let readings = s
            .readings(w.team, week("2026-W45"), week("2026-W49"))
            .unwrap();
        scorecard::build("Growth", &measures, &readings, week("2026-W49"), 4)
    };
    vec![
        Change::AddTeam {
            name: "Platform".into(),
        },
        Change::RenameTeam {
            team: w.team,
            name: "Growth EU".into(),
        },
        Change::SetReviewWeek {
            team: w.team,
            review: crate::domain::ReviewWeek::Previous,
        },
        Change::AddMeasure(new_measure(w.team, "Pipeline")),
        Change::EditMeasure {
            measure: w.measure,
            edit: crate::domain::change::MeasureEdit {
                owner: Some("Zed".into()),
                goal: Some(higher(105.0)),
                ..Default::default()
            },
        },
        Change::ArchiveMeasure {
            measure: w.measure,
            archived: true,
        },
        Change::MoveMeasure {
            measure: w.second,
            position: 1,
        },
        Change::RecordReading {
            measure: w.measure,
            week: week("2026-W48"),
            value: 0.1 + 0.2,
            note: Some("exact".into()),
        },
        Change::RecordReading {
            measure: w.second,
            week: week("2026-W49"),
            value: 1e-300,
            note: None,
        },
        Change::AddAction(new_action(
            w.team,
            "Ship it",
            Some("Newcomer"),
            Some("2026-12-01"),
        )),
        Change::SetActionState {
            action: w.action,
            state: ActionState::Done,
        },
        Change::AddOffTrack(new_offtrack(w.team, Some(w.second), "Activation low")),
        Change::SetOffTrackState {
            item: w.item,
            state: ItemState::Dropped,
        },
        Change::EditOffTrack {
            item: w.item,
            title: None,
            owner: Some("Dee".into()),
            why: Some("seasonal".into()),
            change: Some("call them".into()),
        },
        Change::AddDependency(new_dependency(
            home(w.team),
            outside("Finance"),
            "Budget",
            DepStatus::AtRisk,
            Some("2026-12-10"),
        )),
        Change::UpdateDependency {
            dependency: w.dependency,
            status: Some(DepStatus::Blocked),
            needed_by: Some(date("2026-12-24")),
            owner: Some("Bo".into()),
            note: Some("waiting".into()),
        },
        Change::AddDecision(new_decision(w.team, "Raise prices", true)),
        Change::Decide {
            decision: w.needed,
            chosen: "Not this year".into(),
            owner: Some("Ana".into()),
            context: Some("cash".into()),
            options: Some(strings(&["now", "later"])),
        },
        // A made decision is superseded only by a made one: here the
        // question still open is answered by the one already made.
        Change::Supersede {
            old: w.needed,
            new: w.made,
        },
        Change::AddMeeting(new_meeting(w.team, "2026-W40")),
        Change::StartMeeting {
            team: w.team,
            kind: MeetingKind::Monthly,
            week: week("2026-W49"),
        },
        Change::RateMeeting {
            meeting: w.live,
            rating: 8,
        },
        Change::EndMeeting {
            meeting: w.live,
            snapshot: Box::new(card),
            minutes: "# Minutes".into(),
            commitments: (0, 0),
        },
        Change::Guarded {
            expect: Expect::DependencyStatus {
                dependency: w.dependency,
                status: DepStatus::OnTrack,
            },
            change: Box::new(Change::UpdateDependency {
                dependency: w.dependency,
                status: Some(DepStatus::Done),
                needed_by: None,
                owner: None,
                note: None,
            }),
        },
        Change::ClearReading {
            measure: w.measure,
            week: week("2026-W48"),
        },
        Change::EditAction {
            action: w.action,
            title: Some("Call every account".into()),
            owner: Some("Newcomer".into()),
            due: Some(date("2026-12-24")),
        },
        Change::EditDependency {
            dependency: w.dependency,
            edit: DependencyEdit {
                what: Some("Contract and DPA review".into()),
                owner: Some("Gus".into()),
                needed_by: FieldEdit::Set(date("2026-12-31")),
                note: FieldEdit::Clear,
                ..Default::default()
            },
        },
        Change::DeleteDependency {
            dependency: w.dependency,
        },
        Change::EditDecision {
            decision: w.made,
            edit: DecisionEdit {
                title: Some("Hold prices in 2027".into()),
                owner: Some("Bo".into()),
                lane: Some(Lane::Guardrail),
                ..Default::default()
            },
        },
        Change::WithdrawDecision { decision: w.needed },
        Change::RenamePerson {
            from: "Ana".into(),
            to: "Anna".into(),
        },
        // A merge: Ana's measure, attendance and all move to Bo.
        Change::RenamePerson {
            from: "Ana".into(),
            to: "Bo".into(),
        },
        Change::DeleteTeam { team: w.team },
        Change::SetMeetingRating {
            meeting: w.live,
            rating: 3,
        },
        Change::AddInitiative(super::plan::initiative(w.team, "Partner channel")),
        Change::EditInitiative {
            initiative: w.initiative,
            edit: crate::domain::plan::InitiativeEdit {
                title: Some("Kit v2".into()),
                end: FieldEdit::Clear,
                ..Default::default()
            },
        },
        Change::SetInitiativeState {
            initiative: w.initiative,
            state: crate::domain::PlanState::Closed,
            note: Some("learned: buyers want a pilot".into()),
        },
        Change::AssignPerson {
            initiative: w.initiative,
            person: "Newcomer".into(),
            share: 30,
        },
        Change::AssignPerson {
            initiative: w.initiative,
            person: "Ana".into(),
            share: 0,
        },
        Change::AddMilestone(super::plan::milestone(w.initiative, "Pilot")),
        Change::EditMilestone {
            milestone: w.milestone,
            edit: crate::domain::plan::MilestoneEdit {
                owner: Some("Zed".into()),
                ..Default::default()
            },
        },
        Change::MoveMilestone {
            milestone: w.milestone,
            phase: crate::domain::Phase::Build,
        },
        Change::SetMilestoneState {
            milestone: w.milestone,
            state: crate::domain::PlanState::Done,
            note: None,
        },
        Change::LinkMilestoneDecision {
            milestone: w.milestone,
            decision: crate::domain::change::RowRef::Id(w.needed.0),
        },
        Change::SetFlexShare {
            team: w.team,
            share: 15,
        },
        Change::SetAgenda {
            team: w.team,
            kind: MeetingKind::Weekly,
            sections: crate::domain::agenda::parse(
                MeetingKind::Weekly,
                "Decisions 20, Scorecard 10, Wrap-up 5",
            )
            .unwrap(),
        },
        Change::Serve {
            kind: crate::domain::Serving::Action,
            record: crate::domain::change::RowRef::Id(w.action.0),
            line: Some(w.choice),
        },
        Change::AddTrigger(crate::domain::trigger::NewTrigger {
            measure: w.measure,
            rule: "NRR > 100 for 1 week".parse().unwrap(),
            typed: "NRR > 100 for 1 week".into(),
            response: "Raise prices".into(),
        }),
        Change::DrawFlex(crate::domain::plan::NewFlexDraw {
            team: w.team,
            why: "Outage".into(),
            on: date("2026-12-01"),
        }),
        Change::WritePostMortem {
            draw: w.draw,
            post_mortem: crate::domain::plan::PostMortem {
                what: "w".into(),
                factors: "f".into(),
                change: "c".into(),
            },
        },
        Change::MarkDemo {
            label: "2026-W49".into(),
        },
        Change::ClearDemo,
    ]
}

both! {
fn undo_restores_the_exact_earlier_state_for_every_change_and_redo_the_later() {
    let mut probe = store();
    let w = world(&mut probe);
    let changes = every_change(&w, &mut probe);
    for (i, _) in changes.iter().enumerate() {
        let mut s = store();
        let w = world(&mut s);
        // `ClearDemo` empties only a demo: mark this one as a demo first.
        if i + 1 == changes.len() {
            apply(&mut s, Change::MarkDemo { label: "x".into() });
        }
        let change = every_change(&w, &mut s).swap_remove(i);
        round_trip(&mut s, change);
    }
}
}

/// The lease on a live meeting: `screen` drives it as `who`.
fn drive(meeting: MeetingId, who: &str, screen: &str, take_over: bool) -> Change {
    drive_paused(meeting, who, screen, take_over, false)
}

fn drive_paused(
    meeting: MeetingId,
    who: &str,
    screen: &str,
    take_over: bool,
    paused: bool,
) -> Change {
    Change::DriveMeeting {
        meeting,
        driver: who.into(),
        screen: screen.into(),
        take_over,
        paused,
        selected: Some((0, 1)),
    }
}

both! {
fn the_drivers_lease_and_heartbeat_are_bookkeeping_that_no_undo_brings_back() {
    let mut s = store();
    let team = seed(&mut s);
    let live = start(&mut s, team, "2026-W49");
    let ops = s.operations(None, 100).unwrap().len();
    for change in [
        drive(live, "Ana", "a", false),
        drive_paused(live, "Ana", "a", false, true),
        Change::LeaveMeeting {
            meeting: live,
            screen: "a".into(),
        },
    ] {
        let applied = s
            .apply(std::slice::from_ref(&change), &origin(), later())
            .unwrap();
        assert_eq!(applied.op, None, "{change:?} is not an operation");
    }
    assert_eq!(s.operations(None, 100).unwrap().len(), ops);
    // An undo of the meeting's start takes its lease with it, and the log
    // never records the lease's rows.
    let undone = undo(&mut s);
    assert!(undone.summary.contains("Started"), "{}", undone.summary);
    assert_eq!(s.meeting_driver(live).unwrap(), None);
}
}

both! {
fn one_screen_drives_a_meeting_until_it_leaves_is_away_or_is_taken_over() {
    let mut s = store();
    let team = seed(&mut s);
    let live = start(&mut s, team, "2026-W49");
    let at = |secs| later() + chrono::Duration::seconds(secs);
    s.apply(&[drive(live, "Ana", "a", false)], &origin(), at(0))
        .unwrap();
    let lease = s.meeting_driver(live).unwrap().unwrap();
    assert_eq!(
        (
            lease.name.as_str(),
            lease.screen.as_deref(),
            lease.heartbeat_at
        ),
        ("Ana", Some("a"), at(0))
    );
    assert_eq!(lease.selected, Some((0, 1)));

    // A second screen is refused while Ana's heartbeat is fresh; the
    // refusal says what happened, not which key to press.
    let err = s
        .apply(&[drive(live, "Bo", "b", false)], &origin(), at(15))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("Ana drives meeting #{live} from another screen")
    );
    // Pausing is saved with the heartbeat, once: a later beat keeps its start.
    let paused = drive_paused(live, "Ana", "a", false, true);
    s.apply(std::slice::from_ref(&paused), &origin(), at(5))
        .unwrap();
    s.apply(&[paused], &origin(), at(10)).unwrap();
    assert_eq!(
        s.meeting_driver(live).unwrap().unwrap().paused_at,
        Some(at(5))
    );

    // Silent for more than 15 s, Ana is away: the next screen takes it.
    s.apply(&[drive(live, "Bo", "b", false)], &origin(), at(26))
        .unwrap();
    let lease = s.meeting_driver(live).unwrap().unwrap();
    assert_eq!((lease.name.as_str(), lease.paused_at), ("Bo", None));
    // Ana takes it back on purpose; Bo's screen, which lost it, cannot
    // renew it, and its leaving changes nothing.
    s.apply(&[drive(live, "Ana", "a", true)], &origin(), at(27))
        .unwrap();
    assert!(
        s.apply(&[drive(live, "Bo", "b", false)], &origin(), at(28))
            .is_err()
    );
    s.apply(
        &[Change::LeaveMeeting {
            meeting: live,
            screen: "b".into(),
        }],
        &origin(),
        at(28),
    )
    .unwrap();
    assert_eq!(
        s.meeting_driver(live).unwrap().unwrap().screen.as_deref(),
        Some("a")
    );
    // Ana leaves: Bo takes it at once.
    s.apply(
        &[Change::LeaveMeeting {
            meeting: live,
            screen: "a".into(),
        }],
        &origin(),
        at(29),
    )
    .unwrap();
    s.apply(&[drive(live, "Bo", "b", false)], &origin(), at(30))
        .unwrap();
    assert_eq!(
        s.meeting_driver(live).unwrap().unwrap().screen.as_deref(),
        Some("b")
    );
}
}

both! {
/// The lease across two connections, as two machines hold it: the second
/// screen is refused while the first beats, and takes over once it is away
/// or on purpose; both see the same holder.
fn the_lease_holds_across_two_connections() {
    let (mut a, mut b, _dir) = backend::pair();
    let team = seed(&mut a);
    let live = start(&mut a, team, "2026-W49");
    let at = |secs| later() + chrono::Duration::seconds(secs);
    a.apply(&[drive(live, "Ana", "a", false)], &origin(), at(0)).unwrap();
    let err = b
        .apply(&[drive(live, "Bo", "b", false)], &origin(), at(10))
        .unwrap_err();
    assert_eq!(err.to_string(), format!("Ana drives meeting #{live} from another screen"));
    a.apply(&[drive(live, "Ana", "a", false)], &origin(), at(12)).unwrap();
    b.apply(&[drive(live, "Bo", "b", false)], &origin(), at(28)).unwrap();
    for s in [&a, &b] {
        assert_eq!(s.meeting_driver(live).unwrap().unwrap().name, "Bo");
    }
    a.apply(&[drive(live, "Ana", "a", true)], &origin(), at(29)).unwrap();
    assert_eq!(b.meeting_driver(live).unwrap().unwrap().name, "Ana");
}
}
