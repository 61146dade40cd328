//! Keys a facilitator can trust: a key with no meaning where it is pressed
//! says where it works, a sentence typed outside a form runs no command,
//! nothing acts while the terminal is too small to show what it would act
//! on, `o` never raises a second item for one measure, and keys that remove
//! or settle a record act at once, name it and offer undo. Each flow is
//! driven by keys on the demo and checked in the file after.

#![allow(clippy::unwrap_used)]

mod common;
mod tui;

use chrono::TimeDelta;
use rhythm::app::{Msg, Overlay, Section, State};
use rhythm::clock::Clock;
use rhythm::domain::{DependencyId, ItemState};
use rhythm::tui::Engine;

fn status(state: &State) -> String {
    state
        .status
        .as_ref()
        .map_or_else(String::new, |s| s.text.clone())
}

/// Types `text` one key at a time, `gap` apart, from `at` on; returns the
/// clock after the last key.
fn type_at(e: &mut Engine, s: &mut State, text: &str, mut at: Clock, gap: TimeDelta) -> Clock {
    for input in tui::inputs(&format!("\"{text}\"")) {
        assert!(!e.press(s, input, &at), "typing {text:?} quit the app");
        at.typed += gap;
    }
    at
}

fn file(dir: &std::path::Path) -> String {
    common::digest_store(&tui::other_process(dir))
}

#[test]
fn an_unbound_key_says_where_it_works_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, "m tab tab tab tab");
    assert_eq!(s.section, Section::WrapUp);
    let before = file(dir.path());
    tui::press(&mut e, &mut s, "d");
    assert_eq!(
        status(&s),
        "d record decision made — in Decisions, section 4"
    );
    assert_eq!(s.section, Section::WrapUp);
    assert_eq!(s.overlay, None);
    assert_eq!(file(dir.path()), before);
}

#[test]
fn a_sentence_typed_outside_a_form_runs_no_command() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, "m tab tab tab tab");
    let before = file(dir.path());
    // "d" does nothing in Wrap-up; the sentence that follows holds `p`
    // (previous section), `e` (edit) and digits (the rating), then Enter.
    let sentence = "dWe prefer option B, owner Cy January 14";
    let gap = TimeDelta::milliseconds(150);
    let at = type_at(&mut e, &mut s, sentence, tui::clock(), gap);
    assert!(!e.press(&mut s, tui::inputs("enter").remove(0), &at));
    assert_eq!(s.section, Section::WrapUp, "no key moved the meeting");
    assert_eq!(s.overlay, None, "no key opened a form");
    assert_eq!(file(dir.path()), before, "no key wrote anything");
    let keys = sentence.chars().count() + 1;
    assert_eq!(
        status(&s),
        format!(
            "{keys} keys ignored (no form open) · d record decision made — in Decisions, section 4"
        )
    );
    // After a pause the keys act again.
    let mut later = at;
    later.typed += TimeDelta::seconds(2);
    assert!(!e.press(&mut s, tui::inputs("p").remove(0), &later));
    assert_eq!(s.section, Section::Decisions);
}

#[test]
fn bound_keys_typed_quickly_still_act() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, "m");
    let at = type_at(
        &mut e,
        &mut s,
        "nnp",
        tui::clock(),
        TimeDelta::milliseconds(50),
    );
    let _ = at;
    assert_eq!(s.section, Section::OffTrack);
}

#[test]
fn nothing_acts_while_the_terminal_is_too_small() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, "m tab");
    assert_eq!(s.section, Section::OffTrack);
    let before = file(dir.path());
    let clock = tui::clock();
    e.send(
        &mut s,
        Msg::Resize {
            width: 60,
            height: 20,
        },
        &clock,
    );
    let screen = tui::screen(&s, 60, 20, rhythm::ui::Theme::COLOR);
    assert!(screen.contains("Enlarge"), "{screen}");
    tui::press(&mut e, &mut s, "x D tab e");
    assert_eq!(file(dir.path()), before, "a blind key wrote something");
    assert_eq!(s.section, Section::OffTrack);
    assert_eq!(s.overlay, None);
    e.send(
        &mut s,
        Msg::Resize {
            width: 80,
            height: 24,
        },
        &clock,
    );
    tui::press(&mut e, &mut s, "x");
    assert_ne!(file(dir.path()), before, "keys act again once it fits");
    // And `q` leaves even when nothing can be drawn.
    e.send(
        &mut s,
        Msg::Resize {
            width: 20,
            height: 5,
        },
        &clock,
    );
    assert!(tui::press(&mut e, &mut s, "q"));
}

#[test]
fn o_on_a_measure_with_an_open_item_opens_it_instead_of_raising_another() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, "m");
    let open = |dir: &std::path::Path| {
        let store = tui::other_process(dir);
        let team = store.teams().unwrap()[0].id;
        let _ = team;
        let growth = tui::team(&store, "Growth");
        store
            .offtrack_items(growth.id, &[ItemState::Open])
            .unwrap()
            .len()
    };
    // Net revenue retention (first row) has an open item: `o` opens it.
    tui::press(&mut e, &mut s, "o");
    let Some(Overlay::Form(form)) = &s.overlay else {
        panic!("o opened no form: {:?}", s.overlay);
    };
    assert_eq!(form.value("Title"), "Net revenue retention is below target");
    tui::press(&mut e, &mut s, "esc");
    // Cost per acquisition (seventh row) is at risk and has no item: `o`
    // suggests a true title.
    tui::press(&mut e, &mut s, "j j j j j j o");
    let Some(Overlay::Form(form)) = &s.overlay else {
        panic!("o opened no form: {:?}", s.overlay);
    };
    assert_eq!(form.value("Title"), "Cost per acquisition is at risk");
    let items = open(dir.path());
    tui::press(&mut e, &mut s, "enter");
    assert_eq!(s.overlay, None, "{}", status(&s));
    assert_eq!(open(dir.path()), items + 1);
    // A second and third `o` open that item; nothing new is raised.
    for _ in 0..2 {
        tui::press(&mut e, &mut s, "o");
        let Some(Overlay::Form(form)) = &s.overlay else {
            panic!("o opened no form: {:?}", s.overlay);
        };
        assert!(form.title.starts_with("Off-track #"), "{}", form.title);
        assert!(status(&s).contains("already has off-track item #"));
        tui::press(&mut e, &mut s, "enter");
    }
    assert_eq!(open(dir.path()), items + 1);
}

#[test]
fn removing_keys_act_at_once_name_the_record_and_offer_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    tui::press(&mut e, &mut s, "m tab tab");
    assert_eq!(s.section, Section::Dependencies);
    let first = s.board.deps[0].clone();
    tui::press(&mut e, &mut s, "D");
    assert_eq!(s.overlay, None, "D asks nothing");
    assert_eq!(
        status(&s),
        format!("✓ Deleted dependency #{}: {}", first.id, first.what)
    );
    assert!(s.status.as_ref().unwrap().undo);
    let screen = tui::screen(&s, 120, 40, rhythm::ui::Theme::COLOR);
    assert!(screen.contains(" · u undo"), "{screen}");
    let gone = |dir: &std::path::Path, id: DependencyId| {
        tui::other_process(dir).dependency(id).unwrap().is_none()
    };
    assert!(gone(dir.path(), first.id));
    tui::press(&mut e, &mut s, "u");
    assert!(!gone(dir.path(), first.id));
    // A status key names the dependency and both statuses.
    tui::press(&mut e, &mut s, "x");
    assert!(
        status(&s).starts_with(&format!("✓ Dependency #{} ", first.id))
            && status(&s).ends_with("→ done"),
        "{}",
        status(&s)
    );
}
