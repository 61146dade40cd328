//! Acting on a firing trigger rule by keys: the demo's rule on Growth's
//! cost per acquisition fires in its current week and leads the review's
//! scorecard with the key that acts on it; that key opens the off-track
//! form for the rule's measure with the rule as the reason and its
//! planned response as the change, saving raises the item (one operation
//! `u` takes back), and the key again opens that item rather than
//! raising a second.

#![allow(clippy::unwrap_used)]

mod tui;

use rhythm::app::{Overlay, Section, State};
use rhythm::domain::ItemState;

fn said(state: &State) -> String {
    state
        .status
        .as_ref()
        .map_or(String::new(), |s| s.text.clone())
}

fn form_title(state: &State) -> Option<String> {
    match &state.overlay {
        Some(Overlay::Form(f)) => Some(f.title.clone()),
        _ => None,
    }
}

#[test]
fn the_key_on_a_firing_trigger_raises_its_off_track_item_with_the_planned_response() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    let firing: Vec<String> = s.board.triggers.iter().map(|t| t.measure.clone()).collect();
    assert_eq!(firing, ["Cost per acquisition"], "the demo fires one rule");
    let measure = s.board.triggers[0].measure_id;
    let response = s.board.triggers[0].response.clone();
    tui::press(&mut e, &mut s, "m");
    assert_eq!(s.section, Section::Scorecard);
    let screen = tui::screen(&s, 80, 24, rhythm::ui::Theme::COLOR);
    assert!(screen.contains("[!\u{a0}acts\u{a0}on\u{a0}it]"), "{screen}");

    tui::press(&mut e, &mut s, "!");
    assert_eq!(
        form_title(&s).as_deref(),
        Some("Act on a trigger rule: raise an off-track item")
    );
    let screen = tui::screen(&s, 120, 40, rhythm::ui::Theme::COLOR);
    assert!(screen.contains("fires since"), "{screen}");
    tui::press(&mut e, &mut s, "enter");
    assert_eq!(s.overlay, None, "{}", said(&s));
    let store = tui::other_process(dir.path());
    let growth = tui::team(&store, "Growth");
    let items = store.offtrack_items(growth.id, &[ItemState::Open]).unwrap();
    let raised: Vec<_> = items
        .iter()
        .filter(|i| i.measure_id == Some(measure))
        .collect();
    assert_eq!(raised.len(), 1, "{items:?}");
    assert!(
        raised[0].title.starts_with("⚑ Cost per acquisition"),
        "{}",
        raised[0].title
    );
    assert_eq!(raised[0].change, response);
    assert!(
        raised[0].why.contains("fires since 2026-W"),
        "{}",
        raised[0].why
    );
    let id = raised[0].id;

    // Again: the item is there, so the key opens it.
    tui::press(&mut e, &mut s, "!");
    assert_eq!(form_title(&s), Some(format!("Off-track #{id}")));
    assert!(said(&s).contains(&format!("editing #{id}")), "{}", said(&s));
    tui::press(&mut e, &mut s, "esc u");
    let store = tui::other_process(dir.path());
    let items = store.offtrack_items(growth.id, &[ItemState::Open]).unwrap();
    assert!(items.iter().all(|i| i.id != id), "undo takes it back");
}

#[test]
fn with_no_rule_firing_the_key_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, "m");
    s.board.triggers.clear();
    let before = tui::other_process(dir.path()).export(None).unwrap();
    tui::press(&mut e, &mut s, "!");
    assert_eq!(s.overlay, None);
    assert_eq!(said(&s), "No trigger rule is firing: nothing to act on");
    assert_eq!(tui::other_process(dir.path()).export(None).unwrap(), before);
}
