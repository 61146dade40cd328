//! The screen never freezes behind another writer: a write that meets
//! another process's write lock waits, in order, while the screen goes on;
//! it lands once when the lock is let go, or is given up after a bound
//! with what was typed kept. Driven by keys on the demo's file, with the
//! lock held from a connection of the test's own.

#![allow(clippy::unwrap_used)]

mod tui;

use std::path::Path;
use std::time::{Duration, Instant};

use rhythm::app::{Action, Msg, Overlay, State};
use rhythm::clock::Clock;
use rhythm::domain::Week;
use rhythm::tui::Engine;
use rhythm::ui::Theme;

/// Another process in the middle of a write: it holds the write lock
/// until dropped or committed.
fn hold_write_lock(dir: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(dir.join("demo.db")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn
}

/// The operation log's lines after operation `after`, oldest first.
fn lines_after(dir: &Path, after: i64) -> Vec<String> {
    let conn = rusqlite::Connection::open(dir.join("demo.db")).unwrap();
    let mut stmt = conn
        .prepare("SELECT summary FROM operation WHERE id > ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([after], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn last_op(dir: &Path) -> i64 {
    let conn = rusqlite::Connection::open(dir.join("demo.db")).unwrap();
    conn.query_row("SELECT coalesce(max(id), 0) FROM operation", [], |r| {
        r.get(0)
    })
    .unwrap()
}

fn value(engine: &Engine, measure: &str) -> Option<f64> {
    let m = tui::growth_measure(&engine.store, measure);
    let week: Week = "2026-W48".parse().unwrap();
    engine.store.reading(m.id, week).unwrap().map(|r| r.value)
}

/// The demo's review, started, with the cursor on the scorecard's first row.
fn in_review(dir: &Path) -> (Engine, State) {
    let (mut engine, mut state) = tui::demo(dir);
    engine.send(&mut state, Msg::Act(Action::StartMeeting), &tui::clock());
    assert!(state.board.open_meeting().is_some());
    (engine, state)
}

/// `clock` as read `secs` seconds of wall time later (the pinned moment
/// stays; the waiting is measured by the wall).
fn later(clock: &Clock, secs: i64) -> Clock {
    Clock {
        typed: clock.typed + chrono::Duration::seconds(secs),
        ..*clock
    }
}

fn form_value(state: &State, label: &str) -> Option<String> {
    match &state.overlay {
        Some(Overlay::Form(f)) => Some(f.value(label)),
        _ => None,
    }
}

#[test]
fn saves_behind_another_writer_wait_in_order_and_land_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = in_review(dir.path());
    let clock = tui::clock();
    let before = last_op(dir.path());
    let mrr = value(&engine, "New MRR");

    let lock = hold_write_lock(dir.path());
    let pressed = Instant::now();
    tui::press(&mut engine, &mut state, r#"j j j j e "112" enter"#);
    assert!(
        pressed.elapsed() < Duration::from_secs(2),
        "the keys waited {:?} for the lock",
        pressed.elapsed()
    );
    assert_eq!(state.waiting, Some(chrono::Duration::zero()));
    assert!(engine.is_waiting());
    assert_eq!(form_value(&state, "Value").as_deref(), Some("112"));
    assert_eq!(value(&engine, "New MRR"), mrr, "nothing written yet");

    // After a few seconds, the line says for how long (snapshots in
    // `tests/snapshots/flow_busy__record_value_waiting_*`).
    assert!(!engine.retry_waiting(&mut state, &later(&clock, 12)));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("record_value_waiting_{w}x{h}"),
            tui::screen(&state, w, h, Theme::COLOR)
        );
    }

    // The form may be closed meanwhile; its save still waits. A second
    // save waits behind it, without trying the lock.
    tui::press(&mut engine, &mut state, r#"esc j e "7" enter"#);
    assert!(state.waiting.is_some());

    // Ticks while the lock is held: still waiting, for as long as it is.
    assert!(!engine.retry_waiting(&mut state, &later(&clock, 5)));
    assert_eq!(state.waiting, Some(chrono::Duration::seconds(5)));
    assert_eq!(lines_after(dir.path(), before), Vec::<String>::new());

    drop(lock);
    assert!(!engine.retry_waiting(&mut state, &later(&clock, 6)));
    assert_eq!(state.waiting, None);
    assert!(!engine.is_waiting());
    assert_eq!(value(&engine, "New MRR"), Some(112.0));
    assert_eq!(value(&engine, "Qualified demos booked"), Some(7.0));
    let lines = lines_after(dir.path(), before);
    assert_eq!(lines.len(), 2, "each save once, in order: {lines:?}");
    assert!(lines[0].contains("New MRR"), "{lines:?}");
    assert!(lines[1].contains("Qualified demos booked"), "{lines:?}");
}

#[test]
fn a_save_waiting_past_the_bound_fails_with_what_was_typed_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = in_review(dir.path());
    let clock = tui::clock();
    let before = last_op(dir.path());

    let lock = hold_write_lock(dir.path());
    tui::press(&mut engine, &mut state, r#"j j j j e "112" enter"#);
    assert!(!engine.retry_waiting(&mut state, &later(&clock, 29)));
    assert!(engine.is_waiting());
    assert!(!engine.retry_waiting(&mut state, &later(&clock, 31)));
    assert!(!engine.is_waiting());
    assert_eq!(state.waiting, None);
    let Some(Overlay::Form(form)) = &state.overlay else {
        panic!("the form was closed");
    };
    assert!(!form.saving);
    assert_eq!(form.value("Value"), "112");
    let error = form.error.clone().unwrap();
    assert!(error.contains("stayed busy"), "{error}");
    drop(lock);
    assert_eq!(lines_after(dir.path(), before), Vec::<String>::new());

    // Enter again, the lock gone: saved.
    tui::press(&mut engine, &mut state, "enter");
    assert_eq!(state.overlay, None);
    assert_eq!(value(&engine, "New MRR"), Some(112.0));
    assert_eq!(lines_after(dir.path(), before).len(), 1);
}

#[test]
fn leaving_with_a_save_still_waiting_says_what_was_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = in_review(dir.path());
    let clock = tui::clock();
    let lock = hold_write_lock(dir.path());
    tui::press(
        &mut engine,
        &mut state,
        r#"j j j j e "112" tab "late" enter"#,
    );
    let unsaved = engine.flush(&mut state, &clock, Duration::from_millis(200));
    assert_eq!(
        unsaved,
        vec![
            "'Saved New MRR for 2026-W48'".to_string(),
            "the form held Value: 112; Note: late".to_string(),
        ]
    );
    assert!(!engine.is_waiting());
    drop(lock);

    // Let go in time, it lands.
    let lock = hold_write_lock(dir.path());
    tui::press(&mut engine, &mut state, "enter");
    assert!(engine.is_waiting());
    drop(lock);
    let unsaved = engine.flush(&mut state, &clock, Duration::from_millis(200));
    assert_eq!(unsaved, Vec::<String>::new());
    assert_eq!(value(&engine, "New MRR"), Some(112.0));
}

#[test]
fn a_heartbeat_behind_another_writer_is_skipped_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = in_review(dir.path());
    let status = state.status.clone();
    let lock = hold_write_lock(dir.path());
    // Each cursor move tells the file where the driver is: busy, it is
    // skipped (the next beat follows within seconds), and nothing waits.
    tui::press(&mut engine, &mut state, "j j");
    assert_eq!(state.selected[0], 2);
    assert!(!engine.is_waiting());
    assert_eq!(state.waiting, None);
    assert_eq!(state.status, status, "nothing new to say");
    drop(lock);
}

#[test]
fn a_start_waiting_behind_other_writers_goes_into_the_meeting_when_it_lands() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    let clock = tui::clock();
    let first = hold_write_lock(dir.path());
    tui::press(&mut engine, &mut state, "m");
    assert!(engine.is_waiting());
    assert_eq!(state.board.open_meeting(), None);

    // The other writer commits, and a third takes the lock at once.
    first
        .execute_batch("UPDATE team SET name = name; COMMIT")
        .unwrap();
    let second = hold_write_lock(dir.path());
    // Not taken for the answer to the start: the board waits with it.
    engine.refresh_if_changed(&mut state, &clock);
    drop(second);
    assert!(!engine.retry_waiting(&mut state, &later(&clock, 1)));
    assert!(state.board.open_meeting().is_some());
    assert_eq!(state.screen, rhythm::app::Screen::Meeting);
}
