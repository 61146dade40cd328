//! The decide rule by keys: a milestone of the plan in *decide* for three
//! weeks with nobody named to decide it comes up first in the weekly
//! review's Decisions section; `o` names who decides (a decision needed,
//! owned and due, filed under the milestone) and `K` stops the work (the
//! milestone, or its whole initiative) with a note. Each is one operation
//! that `u` takes back, checked in the file as another process sees it.

#![allow(clippy::unwrap_used)]

mod tui;

use std::path::Path;

use chrono::Duration;
use rhythm::app::{Section, State};
use rhythm::domain::plan::{NewInitiative, NewMilestone};
use rhythm::domain::{
    Change, DecisionState, InitiativeId, MilestoneId, OpSource, Origin, Phase, PlanState,
};
use rhythm::storage::Store;
use rhythm::tui::Engine;

/// The demo with one more initiative whose milestone entered *decide*
/// three weeks before the demo's now, opened in the review's Decisions.
fn stuck_demo(dir: &Path) -> (Engine, State, InitiativeId, MilestoneId) {
    drop(tui::demo(dir));
    let mut store = tui::other_process(dir);
    let growth = tui::team(&store, "Growth");
    let clock = tui::clock();
    let then = clock.now - Duration::days(21);
    let origin = Origin::new("planner", OpSource::Cli);
    let initiative = InitiativeId(
        store
            .apply(
                &[Change::AddInitiative(NewInitiative {
                    team: growth.id,
                    title: "Referral programme".into(),
                    owner: Some("Cy".into()),
                    serves: None,
                    start: "2026-11".parse().unwrap(),
                    end: Some("2027-01".parse().unwrap()),
                })],
                &origin,
                then,
            )
            .unwrap()
            .id,
    );
    let milestone = MilestoneId(
        store
            .apply(
                &[Change::AddMilestone(NewMilestone {
                    initiative,
                    title: "Pick the reward".into(),
                    owner: None,
                    month: "2026-11".parse().unwrap(),
                    phase: Phase::Decide,
                })],
                &origin,
                then,
            )
            .unwrap()
            .id,
    );
    drop(store);
    let store = tui::other_process(dir);
    let engine = Engine::new(
        store,
        &dir.join("demo.db"),
        growth,
        Origin::new("facilitator", OpSource::Tui),
    );
    let mut state = engine.start(&clock).unwrap();
    let mut engine = engine;
    tui::press(&mut engine, &mut state, "m tab tab tab");
    assert_eq!(state.section, Section::Decisions);
    (engine, state, initiative, milestone)
}

fn said(state: &State) -> (String, bool) {
    state
        .status
        .as_ref()
        .map_or((String::new(), false), |s| (s.text.clone(), s.error))
}

fn milestone_of(store: &Store, id: MilestoneId) -> rhythm::domain::plan::Milestone {
    let growth = tui::team(store, "Growth");
    store
        .plan(growth.id)
        .unwrap()
        .initiatives
        .into_iter()
        .flat_map(|i| i.milestones)
        .find(|m| m.id == id)
        .unwrap()
}

fn stuck_ids(state: &State) -> Vec<MilestoneId> {
    state.board.stuck.iter().map(|s| s.milestone).collect()
}

#[test]
fn naming_who_decides_records_a_decision_needed_under_the_milestone_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s, _, milestone) = stuck_demo(dir.path());
    assert_eq!(
        stuck_ids(&s).first(),
        Some(&milestone),
        "longest stuck first"
    );
    let screen = tui::screen(&s, 120, 40, rhythm::ui::Theme::COLOR);
    assert!(screen.contains("in decide 21 days"), "{screen}");

    tui::press(&mut e, &mut s, "o \"Dee\" enter");
    assert_eq!(
        said(&s),
        (
            format!("✓ Dee decides milestone #{milestone} by 2026-12-01"),
            false
        )
    );
    assert!(!stuck_ids(&s).contains(&milestone));
    let store = tui::other_process(dir.path());
    let m = milestone_of(&store, milestone);
    assert_eq!(m.decision_owner.as_deref(), Some("Dee"));
    let growth = tui::team(&store, "Growth");
    let decision = store
        .decisions(growth.id, &Default::default())
        .unwrap()
        .into_iter()
        .find(|d| Some(d.id) == m.decision)
        .unwrap();
    assert_eq!(decision.title, "Decide: Pick the reward");
    assert_eq!(decision.state, DecisionState::Needed);
    assert_eq!(decision.due, Some("2026-12-01".parse().unwrap()));
    assert!(s.board.needed.iter().any(|d| d.id == decision.id));

    // One operation: one undo takes back the decision and the link.
    tui::press(&mut e, &mut s, "u");
    assert!(stuck_ids(&s).contains(&milestone));
    let store = tui::other_process(dir.path());
    assert_eq!(milestone_of(&store, milestone).decision, None);
    assert!(
        store
            .decisions(growth.id, &Default::default())
            .unwrap()
            .iter()
            .all(|d| d.id != decision.id)
    );
}

#[test]
fn stopping_the_work_closes_the_milestone_or_the_whole_initiative_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s, initiative, milestone) = stuck_demo(dir.path());

    // A note is asked for: without one, nothing is written.
    tui::press(&mut e, &mut s, "K enter");
    assert!(s.overlay.is_some(), "the form stays open");
    tui::press(&mut e, &mut s, "esc");
    let store = tui::other_process(dir.path());
    assert_eq!(milestone_of(&store, milestone).state, PlanState::Open);

    tui::press(
        &mut e,
        &mut s,
        "K tab \"Rewards\" space \"cost\" space \"more\" enter",
    );
    assert_eq!(
        said(&s),
        (format!("✓ Stopped milestone #{milestone}"), false)
    );
    let store = tui::other_process(dir.path());
    let m = milestone_of(&store, milestone);
    assert_eq!(
        (m.state, m.note.as_deref()),
        (PlanState::Closed, Some("Rewards cost more"))
    );
    assert!(!stuck_ids(&s).contains(&milestone));
    tui::press(&mut e, &mut s, "u");
    assert!(stuck_ids(&s).contains(&milestone));

    // Space picks the whole initiative.
    tui::press(&mut e, &mut s, "K space tab \"No\" space \"budget\" enter");
    assert_eq!(
        said(&s),
        (format!("✓ Stopped initiative #{initiative}"), false)
    );
    let store = tui::other_process(dir.path());
    let growth = tui::team(&store, "Growth");
    let plan = store.plan(growth.id).unwrap();
    let i = plan
        .initiatives
        .iter()
        .find(|i| i.id == initiative)
        .unwrap();
    assert_eq!(
        (i.state, i.note.as_deref()),
        (PlanState::Closed, Some("No budget"))
    );
    assert!(
        !stuck_ids(&s).contains(&milestone),
        "a stopped initiative's work is not stuck"
    );
}

/// What a measure serves, as another process reads it.
fn measure_serves(
    dir: &Path,
    id: rhythm::domain::MeasureId,
) -> Option<rhythm::domain::BriefItemId> {
    let store = tui::other_process(dir);
    let growth = tui::team(&store, "Growth");
    let today = tui::clock().today;
    store
        .strategy_work(growth.id, rhythm::domain::Month::containing(today), today)
        .unwrap()
        .into_iter()
        .find(|w| w.kind == rhythm::domain::altitude::WorkKind::Measure && w.id == id.0)
        .unwrap()
        .serves
}

#[test]
fn one_key_links_the_selected_work_to_the_choice_it_serves() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    let first = s.board.measures[0].id;
    let choice = s
        .board
        .brief_lines
        .iter()
        .find(|l| l.kind == rhythm::domain::BriefKind::Choice)
        .cloned()
        .expect("the demo's brief has choices");
    assert_eq!(measure_serves(dir.path(), first), None);
    // An unknown line is refused in the form, naming the lines there are.
    tui::press(&mut e, &mut s, "m L \"zzz\" enter");
    let error = s.form().and_then(|f| f.error.clone()).unwrap_or_default();
    assert!(
        error.contains("no choice or objective has 'zzz'"),
        "{error}"
    );
    tui::press(&mut e, &mut s, "esc");
    tui::press(&mut e, &mut s, &format!("L \"#{}\" enter", choice.id));
    assert_eq!(
        said(&s),
        (
            format!(
                "✓ Linked measure #{} to #{} {}",
                s.board.measures[0].id, choice.id, choice.text
            ),
            false
        )
    );
    assert_eq!(measure_serves(dir.path(), first), Some(choice.id));
    tui::press(&mut e, &mut s, "u");
    assert_eq!(measure_serves(dir.path(), first), None);
}
