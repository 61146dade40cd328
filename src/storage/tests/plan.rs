//! The operating plan on both stores: initiatives, people, milestones and
//! the flexible pool written through the door, read back whole, flagged,
//! undone; what does not fit refused with nothing written.

use chrono::Duration;

use super::*;
use crate::domain::change::{FieldEdit, RowRef};
use crate::domain::plan::{
    Flag, InitiativeEdit, MilestoneEdit, NewFlexDraw, NewInitiative, NewMilestone, PostMortem,
};
use crate::domain::{BriefKind, FlexDrawId, InitiativeId, MilestoneId, Month, Phase, PlanState};

fn month(s: &str) -> Month {
    s.parse().unwrap()
}

pub(super) fn initiative(team: TeamId, title: &str) -> NewInitiative {
    NewInitiative {
        team,
        title: title.into(),
        owner: Some("Ana".into()),
        serves: None,
        start: month("2026-11"),
        end: Some(month("2027-01")),
    }
}

pub(super) fn milestone(initiative: InitiativeId, title: &str) -> NewMilestone {
    NewMilestone {
        initiative,
        title: title.into(),
        owner: None,
        month: month("2026-12"),
        phase: Phase::Decide,
    }
}

/// An initiative with Ana on it, a milestone in decide and a draw.
pub(super) fn seed_plan(s: &mut Store, team: TeamId) -> (InitiativeId, MilestoneId, FlexDrawId) {
    let i = InitiativeId(apply(s, Change::AddInitiative(initiative(team, "Kit"))));
    apply(
        s,
        Change::AssignPerson {
            initiative: i,
            person: "Ana".into(),
            share: 60,
        },
    );
    let m = MilestoneId(apply(s, Change::AddMilestone(milestone(i, "Pick vendor"))));
    let d = FlexDrawId(apply(
        s,
        Change::DrawFlex(NewFlexDraw {
            team,
            why: "Outage".into(),
            on: date("2026-11-20"),
        }),
    ));
    (i, m, d)
}

both! {
fn a_plan_reads_back_whole_and_flags_what_the_practice_flags() {
    let mut s = store();
    let team = seed(&mut s);
    let choice = apply(&mut s, Change::AddBriefItem(super::brief::line(
        Some(team), BriefKind::Choice, "Mid-market healthcare", "")));
    let (kit, pick, draw) = seed_plan(&mut s, team);
    apply(&mut s, Change::EditInitiative {
        initiative: kit,
        edit: InitiativeEdit {
            serves: FieldEdit::Set(crate::domain::BriefItemId(choice)),
            ..Default::default()
        },
    });
    let partners = InitiativeId(apply(&mut s, Change::AddInitiative(NewInitiative {
        end: None,
        ..initiative(team, "Partners")
    })));
    apply(&mut s, Change::AssignPerson { initiative: partners, person: "ana".into(), share: 40 });
    apply(&mut s, Change::AddMilestone(NewMilestone {
        phase: Phase::Build,
        ..milestone(kit, "Templates")
    }));

    let plan = s.plan(team).unwrap();
    assert_eq!(plan.flex, 10);
    assert_eq!(plan.initiatives.len(), 2);
    let k = &plan.initiatives[0];
    assert_eq!((k.id, k.title.as_str(), k.owner.as_deref()), (kit, "Kit", Some("Ana")));
    assert_eq!(k.serves.as_ref().map(|v| v.text.as_str()), Some("Mid-market healthcare"));
    assert_eq!(k.people.len(), 1);
    let phases: Vec<Phase> = k.milestones.iter().map(|m| m.phase).collect();
    assert_eq!(phases, [Phase::Decide, Phase::Build]);
    assert_eq!(plan.initiatives[1].people[0].person, "Ana", "one person, however typed");

    // Twelve days on, the milestone in decide is stuck; Ana holds 100 %.
    let flags = plan.flags(now() + Duration::days(12));
    assert!(matches!(flags[0], Flag::StuckInDecide { milestone, days: 12, .. } if milestone == pick));
    assert!(flags.contains(&Flag::OverAllocated {
        person: "Ana".into(), month: month("2026-11"), total: 100, limit: 90,
    }) || flags.iter().any(|f| matches!(f, Flag::OverAllocated { total: 100, .. })));
    assert!(flags.iter().any(|f| matches!(f, Flag::NoEnd { initiative, .. } if *initiative == partners)));
    assert!(flags.iter().any(|f| matches!(f, Flag::PostMortemDue { draw: d, .. } if *d == draw)));

    // Naming who decides (a decision needed, then the link) clears it;
    // the post-mortem clears the other; a bigger pool flags Ana anyway.
    let decision = apply(&mut s, Change::AddDecision(NewDecision { owner: Some("Bo".into()), ..new_decision(team, "Which vendor?", false) }));
    apply(&mut s, Change::LinkMilestoneDecision { milestone: pick, decision: RowRef::Id(decision) });
    apply(&mut s, Change::WritePostMortem { draw, post_mortem: PostMortem {
        what: "card processor down".into(), factors: "one provider".into(), change: "a second one".into(),
    }});
    let plan = s.plan(team).unwrap();
    assert_eq!(plan.initiatives[0].milestones[0].decision_owner.as_deref(), Some("Bo"));
    let flags = plan.flags(now() + Duration::days(12));
    assert!(!flags.iter().any(|f| matches!(f, Flag::StuckInDecide { .. } | Flag::PostMortemDue { .. })), "{flags:?}");
}
}

both! {
fn phases_states_and_people_change_through_the_door_and_undo() {
    let mut s = store();
    let team = seed(&mut s);
    let (kit, pick, _) = seed_plan(&mut s, team);
    let later = now() + Duration::days(10);
    apply_at(&mut s, Change::MoveMilestone { milestone: pick, phase: Phase::Build }, later);
    let m = &s.plan(team).unwrap().initiatives[0].milestones[0];
    assert_eq!((m.phase, m.phase_since), (Phase::Build, later), "the phase's clock starts again");
    let again = refused_message(refuse(&mut s, Change::MoveMilestone { milestone: pick, phase: Phase::Build }));
    assert_eq!(again, format!("milestone #{pick} is in build already"));

    apply(&mut s, Change::EditMilestone { milestone: pick, edit: MilestoneEdit {
        title: Some(" Pick the vendor ".into()), month: Some(month("2027-01")), ..Default::default()
    }});
    apply(&mut s, Change::SetMilestoneState { milestone: pick, state: PlanState::Done, note: None });
    let m = &s.plan(team).unwrap().initiatives[0].milestones[0];
    assert_eq!((m.title.as_str(), m.month, m.state), ("Pick the vendor", month("2027-01"), PlanState::Done));

    let closing = refused_message(refuse(&mut s, Change::SetInitiativeState {
        initiative: kit, state: PlanState::Done, note: None,
    }));
    assert_eq!(closing, format!("closing initiative #{kit} asks what was learned: add a note (--note)"));
    apply(&mut s, Change::SetInitiativeState { initiative: kit, state: PlanState::Done, note: Some("pilots sell".into()) });
    let refused = refused_message(refuse(&mut s, Change::AddMilestone(milestone(kit, "More"))));
    assert_eq!(refused, format!("initiative #{kit} is done: open it again to add a milestone"));
    let plan = s.plan(team).unwrap();
    assert_eq!((plan.initiatives[0].state, plan.initiatives[0].note.as_deref()), (PlanState::Done, Some("pilots sell")));
    let flags = plan.flags(later);
    assert!(matches!(flags.as_slice(), [Flag::PostMortemDue { .. }]), "a closed initiative holds no one's time and flags nothing; the draw still asks: {flags:?}");

    apply(&mut s, Change::AssignPerson { initiative: kit, person: "Ana".into(), share: 0 });
    assert!(s.plan(team).unwrap().initiatives[0].people.is_empty());
    let off = refused_message(refuse(&mut s, Change::AssignPerson { initiative: kit, person: "Ana".into(), share: 0 }));
    assert_eq!(off, format!("'Ana' is not on initiative #{kit}"));
    s.undo(None, false, &super::oplog::origin(), later).unwrap();
    assert_eq!(s.plan(team).unwrap().initiatives[0].people[0].share, 60, "undo puts her back");
}
}

both! {
fn what_does_not_fit_a_plan_is_refused_and_writes_nothing() {
    let mut s = store();
    let team = seed(&mut s);
    let other = add_team(&mut s, "Platform");
    let (kit, pick, _) = seed_plan(&mut s, team);
    let exclusion = apply(&mut s, Change::AddBriefItem(super::brief::line(
        Some(team), BriefKind::Exclusion, "No Germany", "")));
    let theirs = apply(&mut s, Change::AddBriefItem(super::brief::line(
        Some(other), BriefKind::Choice, "Uptime first", "")));
    let serves = |line: i64| Change::AddInitiative(NewInitiative {
        serves: Some(crate::domain::BriefItemId(line)),
        ..initiative(team, "X")
    });
    assert_eq!(refused_message(refuse(&mut s, serves(exclusion))),
        format!("brief line #{exclusion} is a exclusion: work serves a choice or an objective"));
    assert!(refused_message(refuse(&mut s, serves(theirs))).contains("another team's brief"));
    let backwards = Change::AddInitiative(NewInitiative { end: Some(month("2026-10")), ..initiative(team, "X") });
    assert!(matches!(s.apply_one(&backwards, now()), Err(StoreError::Invalid(_))));
    let too_much = Change::AssignPerson { initiative: kit, person: "Ana".into(), share: 101 };
    assert!(matches!(s.apply_one(&too_much, now()), Err(StoreError::Invalid(_))));
    let their_decision = add_decision(&mut s, other, "Theirs", false);
    assert!(refused_message(refuse(&mut s, Change::LinkMilestoneDecision {
        milestone: pick, decision: RowRef::Id(their_decision.0),
    })).contains("another team's"));
    assert!(matches!(
        refuse(&mut s, Change::MoveMilestone { milestone: MilestoneId(99), phase: Phase::Launch }),
        StoreError::NotFound { what: "milestone", id: 99 }
    ));
}
}

both! {
fn a_plan_goes_with_its_team_and_a_merged_person_keeps_their_time() {
    let mut s = store();
    let team = seed(&mut s);
    let (kit, _, _) = seed_plan(&mut s, team);
    apply(&mut s, Change::AssignPerson { initiative: kit, person: "Bo".into(), share: 50 });
    // Ana (60) merged into Bo (50): one row, capped at the whole.
    apply(&mut s, Change::RenamePerson { from: "Ana".into(), to: "Bo".into() });
    let people = s.plan(team).unwrap().initiatives[0].people.clone();
    assert_eq!(people.len(), 1);
    assert_eq!((people[0].person.as_str(), people[0].share), ("Bo", 100));
    apply(&mut s, Change::DeleteTeam { team });
    for table in ["initiative", "initiative_person", "milestone", "flex_draw"] {
        assert_eq!(count(&s, table), 0, "{table}");
    }
}
}

both! {
fn work_serves_a_line_until_the_line_goes_and_the_check_reads_it() {
    let mut s = store();
    let team = seed(&mut s);
    let (kit, _, _) = seed_plan(&mut s, team);
    let choice = crate::domain::BriefItemId(apply(&mut s, Change::AddBriefItem(super::brief::line(
        Some(team), BriefKind::Choice, "Mid-market healthcare", ""))));
    let action = apply(&mut s, Change::AddAction(new_action(team, "Call CFOs", Some("Cy"), None)));
    apply(&mut s, Change::Serve {
        kind: crate::domain::Serving::Action,
        record: RowRef::Id(action),
        line: Some(choice),
    });
    apply(&mut s, Change::EditInitiative {
        initiative: kit,
        edit: InitiativeEdit { serves: FieldEdit::Set(choice), ..Default::default() },
    });
    let work = |s: &Store| s.strategy_work(team, month("2026-12"), date("2026-12-06")).unwrap();
    let served: Vec<(crate::domain::altitude::WorkKind, i64)> = work(&s)
        .iter()
        .filter(|w| w.serves == Some(choice))
        .map(|w| (w.kind, w.id))
        .collect();
    use crate::domain::altitude::WorkKind as K;
    // The initiative, its milestone (serving what it serves) and the action.
    assert_eq!(served.len(), 3, "{served:?}");
    assert!(served.contains(&(K::Action, action)));
    assert!(served.contains(&(K::Initiative, kit.0)));
    let growth = s.teams().unwrap().into_iter().find(|t| t.id == team).unwrap();
    let q: crate::domain::Quarter = "2026-Q4".parse().unwrap();
    let check = s.altitude_check(&growth, q, date("2026-12-02")).unwrap();
    assert!(check.at_altitude.iter().all(|l| l.id != choice), "{check:?}");
    assert!(check.people.iter().any(|p| p.person == "Cy"));
    // Another team's line is refused; dropping the line unlinks the work.
    let other = add_team(&mut s, "Platform");
    let theirs = apply(&mut s, Change::AddBriefItem(super::brief::line(
        Some(other), BriefKind::Choice, "Uptime", "")));
    let refused = refused_message(refuse(&mut s, Change::Serve {
        kind: crate::domain::Serving::Action,
        record: RowRef::Id(action),
        line: Some(crate::domain::BriefItemId(theirs)),
    }));
    assert!(refused.contains("another team's brief"), "{refused}");
    apply(&mut s, Change::DropBriefItem { item: choice });
    assert!(work(&s).iter().all(|w| w.serves.is_none()));
}
}
