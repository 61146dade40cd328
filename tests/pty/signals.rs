//! Signals from outside (a closed terminal window, `kill`, an interrupt to
//! the process group): the screen restores the terminal, writes the meeting
//! clock down and exits with 128 + the signal's number, as a shell expects.

use std::thread;
use std::time::Duration;

use rhythm::domain::{Meeting, MeetingKind};
use rhythm::storage::{OpenMode, Store};

use super::{Session, assert_restored, demo_db, send_signal};

fn open_meeting(db: &str) -> Meeting {
    let store = Store::open(db.as_ref(), OpenMode::MustExist).unwrap();
    let team = super::common::team(&store, "Growth");
    store
        .meetings(team.id)
        .unwrap()
        .into_iter()
        .find(|m| m.kind == MeetingKind::Weekly && m.is_open())
        .expect("the review was started and stays open")
}

/// A meeting screen on the wall clock (a pinned one never counts a second)
/// runs for a couple of seconds, fewer than the clock's own periodic save,
/// then gets `signal`.
fn stopped_by(signal: &str, number: u32) {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let args = ["--db", db.as_str(), "meeting", "--team", "Growth"];
    let mut s = Session::start_with(dir.path(), &args, &[("RHYTHM_NOW", "")]);
    s.wait_for("1 of 5 Scorecard");
    s.wait_for("Meeting started");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    thread::sleep(Duration::from_millis(2300));
    send_signal(&s, signal);
    let (status, screen) = s.finish();

    assert_restored(&screen);
    assert_eq!(
        status.exit_code(),
        128 + number,
        "{signal}: {status:?}\n{}",
        screen.contents()
    );
    assert!(
        screen
            .contents()
            .contains(&format!("stopped by SIG{signal}")),
        "{}",
        screen.contents()
    );
    let m = open_meeting(&db);
    let counted: u32 = m.sections.iter().map(|x| x.seconds_spent).sum();
    assert!(
        counted >= 2,
        "{signal}: the clock was not saved ({counted} s): {:?}",
        m.sections
    );
}

#[test]
fn sigterm_restores_the_terminal_and_saves_the_clock() {
    stopped_by("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal_and_saves_the_clock() {
    stopped_by("HUP", 1);
}

#[test]
fn sigint_restores_the_terminal_and_saves_the_clock() {
    stopped_by("INT", 2);
}

#[test]
fn sigquit_restores_the_terminal_and_saves_the_clock() {
    stopped_by("QUIT", 3);
}

#[test]
fn a_follower_stopped_by_sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut s = Session::start(dir.path(), &["--db", &db, "follow", "--team", "Growth"]);
    s.wait_for("following · read-only");
    send_signal(&s, "TERM");
    let (status, screen) = s.finish();
    assert_restored(&screen);
    assert_eq!(status.exit_code(), 143, "{status:?}");
}
