//! The config file's meeting_end hook seen from the screen: it runs while
//! the screen goes on, and a failure is said on the status line once it
//! ends, after the minutes are safe.

#![allow(clippy::unwrap_used)]

mod tui;

use rhythm::app::{Screen, State};
use rhythm::tui::AfterMeeting;

fn status(state: &State) -> (String, bool) {
    state
        .status
        .as_ref()
        .map_or((String::new(), false), |s| (s.text.clone(), s.error))
}

#[test]
fn a_failing_hook_is_said_on_the_status_line_when_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    let got = dir.path().join("got.md");
    e.after = AfterMeeting {
        minutes_dir: None,
        server: None,
        hook: Some(format!(
            "cat > '{}'; echo 'no mail server' >&2; exit 3",
            got.display()
        )),
    };
    tui::press(&mut e, &mut s, "m tab tab tab tab E y");
    assert_eq!(s.screen, Screen::Home);
    assert!(
        status(&s)
            .0
            .starts_with("Meeting ended. Minutes written to")
    );
    // The hook is heard of on a tick after it ends; its own limit bounds
    // the wait.
    let clock = tui::clock();
    while e.hooks_running() {
        e.hooks_finished(&mut s, &clock);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        status(&s),
        (
            "Minutes written; the meeting_end hook failed: it exited 3: no mail server".to_string(),
            true
        )
    );
    // The hook read the minutes' text; the file adds only its trailer.
    let given = std::fs::read_to_string(got).unwrap();
    let file = std::fs::read_to_string(s.minutes_path.clone().unwrap()).unwrap();
    assert!(given.starts_with("# Growth — weekly review 2026-W48"));
    assert!(file.starts_with(&given), "{given:?} is not {file:?}");
}

/// Rhythm's own command line on the demo file, as another process.
fn rhythm(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .current_dir(dir)
        .env("RHYTHM_NOW", tui::NOW)
        .args(["--db", "demo.db", "--team", "Growth"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn a_meeting_whose_minutes_outgrow_any_one_text_still_ends() {
    let dir = tempfile::tempdir().unwrap();
    let (mut e, mut s) = tui::demo(dir.path());
    // Each text within its bound; together past it.
    let long = "x".repeat(60_000);
    for title in ["First", "Second"] {
        rhythm(dir.path(), &["decision", "add", title, "--chosen", &long]);
    }
    tui::press(&mut e, &mut s, "m tab tab tab tab E y");
    assert_eq!(s.screen, Screen::Home);
    assert!(
        status(&s)
            .0
            .starts_with("Meeting ended. Minutes written to"),
        "{:?}",
        s.status
    );
    let minutes = std::fs::read_to_string(s.minutes_path.clone().unwrap()).unwrap();
    assert!(minutes.len() > 120_000);
}
