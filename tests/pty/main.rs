//! The real binary in a pseudo-terminal: a short meeting left in the middle
//! with `q`, the terminal restored, and the meeting resumed where it was;
//! in `signals`, the same screen stopped from outside; in `completion`,
//! TAB in real shells.
//! Waits poll the emulated screen against a deadline; nothing sleeps long.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod busy;
#[path = "../common/mod.rs"]
mod common;
mod completion;
mod paste;
mod postgres;
mod signals;

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use rhythm::domain::{MeasureId, MeetingKind, Week};
use rhythm::storage::{OpenMode, Store};

const BIN: &str = env!("CARGO_BIN_EXE_rhythm");
const NOW: &str = "2026-11-24T10:00:00Z";
const ROWS: u16 = 40;
const COLS: u16 = 120;
/// Generous: a loaded two-core machine may take a while to start the binary.
const DEADLINE: Duration = Duration::from_secs(10);

/// One run of `rhythm` in a pty, with its screen emulated by vt100.
struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    // Kept open for the child's lifetime; dropped last.
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(dir: &Path, args: &[&str]) -> Session {
        Session::start_with(dir, args, &[])
    }

    fn start_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("RHYTHM_NOW", NOW);
        cmd.env("XDG_DATA_HOME", dir);
        cmd.env("HOME", dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("RHYTHM_DB");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        Session::spawn(cmd)
    }

    /// Runs `cmd` (rhythm, or a shell that runs it) in a fresh pty.
    fn spawn(cmd: CommandBuilder) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pair.slave.spawn_command(cmd).unwrap();
        // The child holds the slave now; closing ours lets the reader see EOF.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut read = pair.master.try_clone_reader().unwrap();
        let feed = Arc::clone(&parser);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match read.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => feed.lock().unwrap().process(&buf[..n]),
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            parser,
            writer,
            child,
            reader: Some(reader),
            _master: pair.master,
        }
    }

    fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; on timeout, fails with the screen.
    fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.contents();
            if screen.contains(text) {
                return;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("timed out waiting for {text:?}; the screen shows:\n{screen}");
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("rhythm exited ({status:?}) before showing {text:?}:\n{screen}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to exit, requiring success, then for the
    /// reader to drain what it printed on the way out.
    fn wait_exit(self) -> vt100::Screen {
        let (status, screen) = self.finish();
        assert!(
            status.success(),
            "rhythm exited with {status:?}:\n{}",
            screen.contents()
        );
        screen
    }

    /// Waits for the process to exit, however it exits, and for the reader
    /// to drain what it printed on the way out.
    fn finish(mut self) -> (portable_pty::ExitStatus, vt100::Screen) {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!(
                    "rhythm did not exit; the screen shows:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        };
        // The reader ends at EOF once the child is gone; give it the deadline.
        let reader = self.reader.take().unwrap();
        let start = Instant::now();
        while !reader.is_finished() && start.elapsed() < DEADLINE {
            thread::sleep(Duration::from_millis(20));
        }
        assert!(
            reader.is_finished(),
            "the pty did not close after rhythm exited"
        );
        reader.join().unwrap();
        (status, self.parser.lock().unwrap().screen().clone())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Only on a failed test is the child still running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// Sends `signal` (a name such as `TERM`) to the running binary.
fn send_signal(s: &Session, signal: &str) {
    let pid = s.child.process_id().unwrap().to_string();
    let sent = Command::new("kill")
        .args(["-s", signal, &pid])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -s {signal} {pid} failed");
}

fn assert_restored(screen: &vt100::Screen) {
    assert!(
        !screen.alternate_screen(),
        "still in the alternate screen:\n{}",
        screen.contents()
    );
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
}

#[test]
fn a_meeting_left_with_q_restores_the_terminal_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let made = demo_db(dir.path());
    let db_arg = made.as_str();
    let db = Path::new(db_arg);

    let meeting = ["--db", db_arg, "meeting", "--team", "Growth"];

    // First run: record New MRR (the fifth row), move on, leave mid-meeting.
    let mut s = Session::start(dir.path(), &meeting);
    s.wait_for("1 of 5 Scorecard");
    s.wait_for("Meeting started");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    s.keys("jjjje");
    s.wait_for("New MRR · 2026-W48");
    s.keys("112\r");
    s.wait_for("Saved New MRR for 2026-W48");
    s.keys("\t");
    s.wait_for("2 of 5 Off-track");
    s.keys("q");
    s.wait_for("Leave the meeting?");
    s.keys("y");
    let after = s.wait_exit();
    assert_restored(&after);

    // Second run: straight back into Off-track.
    let mut s = Session::start(dir.path(), &meeting);
    s.wait_for("2 of 5 Off-track");
    s.wait_for("Resumed this week's review");
    s.keys("q");
    s.wait_for("Leave the meeting?");
    s.keys("y");
    let after = s.wait_exit();
    assert_restored(&after);

    // The file: the meeting is open, at Off-track, with the reading saved.
    let store = Store::open(db, OpenMode::MustExist).unwrap();
    let team = common::team(&store, "Growth");
    let week: Week = "2026-W48".parse().unwrap();
    let m = store
        .meeting_in(team.id, MeetingKind::Weekly, week)
        .unwrap()
        .expect("this week's review was started");
    assert!(m.is_open(), "leaving does not end the meeting");
    assert_eq!(m.ended_at, None);
    assert_eq!(m.current_section, 1);
    let new_mrr = store
        .measures(team.id, false)
        .unwrap()
        .into_iter()
        .find(|x| x.name == "New MRR")
        .unwrap();
    assert_eq!(new_mrr.id, MeasureId(5));
    let reading = store.reading(new_mrr.id, week).unwrap().unwrap();
    assert_eq!(reading.value, 112.0);
}

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let made = std::process::Command::new(BIN)
        .args([
            "--db".as_ref(),
            db.as_os_str(),
            "demo".as_ref(),
            "--no-tui".as_ref(),
        ])
        .env_remove("RHYTHM_DB")
        .env("RHYTHM_NOW", NOW)
        .output()
        .unwrap();
    assert!(made.status.success());
    let db = db.display().to_string();
    let mut s = Session::start_with(
        dir.path(),
        &["--db", &db, "meeting", "--team", "Growth"],
        &[("RHYTHM_FAULT", "panic")],
    );
    // The first frame is drawn in the alternate screen, then the panic comes.
    s.wait_for("RHYTHM_FAULT=panic");
    let (status, screen) = s.finish();
    assert!(!status.success(), "a panic must not exit successfully");
    assert_restored(&screen);
    assert!(
        screen.contents().contains("a panic on purpose"),
        "{}",
        screen.contents()
    );
}

/// Builds the demo in `dir/team.db` and returns its path as text.
fn demo_db(dir: &Path) -> String {
    let db = dir.join("team.db");
    let made = Command::new(BIN)
        .args([
            "--db".as_ref(),
            db.as_os_str(),
            "demo".as_ref(),
            "--no-tui".as_ref(),
        ])
        .env_remove("RHYTHM_DB")
        .env("RHYTHM_NOW", NOW)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    db.display().to_string()
}

#[test]
fn a_change_from_the_cli_appears_on_the_open_screen_and_on_a_follower() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut follower = Session::start(dir.path(), &["--db", &db, "follow", "--team", "Growth"]);
    follower.wait_for("Press m to start this week's review");
    follower.wait_for("following · read-only");

    let mut meeting = Session::start(dir.path(), &["--db", &db, "meeting", "--team", "Growth"]);
    meeting.wait_for("1 of 5 Scorecard");
    // The follower goes into the meeting with the facilitator...
    follower.wait_for("1 of 5 Scorecard");
    // ...and follows them to the next section.
    meeting.keys("\t");
    meeting.wait_for("2 of 5 Off-track");
    follower.wait_for("2 of 5 Off-track");
    meeting.keys("\x1b[Z"); // Shift-Tab, back to the scorecard
    meeting.wait_for("1 of 5 Scorecard");

    // A value recorded from the command line shows on both screens.
    let out = Command::new(BIN)
        .args(["--db", &db, "--team", "Growth", "record", "New MRR", "131"])
        .env_remove("RHYTHM_DB")
        .env("RHYTHM_NOW", NOW)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    meeting.wait_for("131 k€");
    follower.wait_for("131 k€");

    meeting.keys("q");
    meeting.wait_for("Leave the meeting?");
    meeting.keys("y");
    assert_restored(&meeting.wait_exit());
    follower.keys("q");
    assert_restored(&follower.wait_exit());
}

/// Leaving a meeting the program opened straight into prints the command
/// that resumes it, and that command works as printed: from another
/// folder, with another HOME, in a file of several teams. Here `--db` was
/// relative and the team had to be named.
#[test]
fn the_resume_command_printed_on_leaving_works_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    let mut s = Session::start(
        dir.path(),
        &["--db", "team.db", "meeting", "--team", "Growth"],
    );
    s.wait_for("1 of 5 Scorecard");
    s.keys("\t");
    s.wait_for("2 of 5 Off-track");
    s.keys("\x03"); // Ctrl-c asks, as q does
    s.wait_for("Leave the meeting?");
    s.keys("y");
    let after = s.wait_exit();
    assert_restored(&after);
    let printed = after.contents();
    let line = printed
        .lines()
        .find_map(|l| {
            l.split_once("Resume it with: ")
                .map(|(_, c)| c.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no resume command printed:\n{printed}"));
    let words = common::shell_words(&line);
    assert_eq!(words[0], "rhythm", "{line}");
    assert!(words.contains(&"--team".to_string()), "{line}");

    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    let mut s = Session::start(&elsewhere, &args);
    s.wait_for("2 of 5 Off-track");
    s.wait_for("Resumed this week's review");
    s.keys("q");
    s.wait_for("Leave the meeting?");
    s.keys("y");
    assert_restored(&s.wait_exit());
}

/// The meeting's lease as the file holds it: who drives, and at which
/// section the meeting is.
fn lease(db: &str) -> (Option<String>, u32) {
    let store = Store::open(Path::new(db), OpenMode::MustExist).unwrap();
    let team = common::team(&store, "Growth");
    let week: Week = "2026-W48".parse().unwrap();
    let m = store
        .meeting_in(team.id, MeetingKind::Weekly, week)
        .unwrap()
        .unwrap();
    let driver = store.meeting_driver(m.id).unwrap();
    (
        driver.and_then(|d| d.screen.map(|_| d.name)),
        m.current_section,
    )
}

#[test]
fn a_second_meeting_screen_follows_the_first_until_it_takes_the_meeting_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let meeting = ["--db", db.as_str(), "meeting", "--team", "Growth"];
    let mut ana = Session::start_with(dir.path(), &meeting, &[("RHYTHM_USER", "ana")]);
    ana.wait_for("1 of 5 Scorecard");
    ana.wait_for("Meeting started");

    // Bo's screen opens on the same meeting: it follows, naming the driver.
    let mut bo = Session::start_with(dir.path(), &meeting, &[("RHYTHM_USER", "bo")]);
    bo.wait_for("ana drives this meeting; this screen follows it");
    bo.wait_for("following ana · read-only");
    bo.wait_for("T take over");
    // Its keys move nothing; Ana's do, on both screens.
    bo.keys("\t");
    ana.keys("\t");
    ana.wait_for("2 of 5 Off-track");
    bo.wait_for("2 of 5 Off-track");
    assert_eq!(lease(&db), (Some("ana".into()), 1));

    // Bo takes it over; Ana's screen becomes the follower.
    bo.keys("T");
    bo.wait_for("You drive the meeting now (taken over from ana)");
    ana.wait_for("bo took over the meeting; this screen follows it now");
    ana.wait_for("following bo · read-only");
    ana.keys("\t");
    bo.keys("\t");
    bo.wait_for("3 of 5 Dependencies");
    ana.wait_for("3 of 5 Dependencies");
    assert_eq!(lease(&db), (Some("bo".into()), 2));

    // Bo pauses: Ana's screen shows it.
    bo.keys("P");
    bo.wait_for("PAUSED (P resumes)");
    ana.wait_for("⏸ PAUSED");

    bo.keys("q");
    bo.wait_for("Leave the meeting?");
    bo.keys("y");
    assert_restored(&bo.wait_exit());
    // Bo let go of the meeting: nobody drives it, and Ana may take it.
    assert_eq!(lease(&db), (None, 2));
    ana.wait_for("facilitator away since 10:00");
    ana.keys("T");
    ana.wait_for("You drive the meeting now");
    assert_eq!(lease(&db), (Some("ana".into()), 2));
    ana.keys("q");
    ana.wait_for("Leave the meeting?");
    ana.keys("y");
    assert_restored(&ana.wait_exit());
}

#[test]
fn a_silent_driver_is_shown_away_and_the_next_meeting_screen_takes_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let meeting = ["--db", db.as_str(), "meeting", "--team", "Growth"];
    // Ana's screen lives at 10:00 (its clock pinned): its heartbeat never
    // moves on, as if it hung.
    let mut ana = Session::start_with(dir.path(), &meeting, &[("RHYTHM_USER", "ana")]);
    ana.wait_for("Meeting started");

    // A minute later, a follower sees the facilitator away, not counting.
    let later = "2026-11-24T10:01:00Z";
    let mut watcher = Session::start_with(
        dir.path(),
        &["--db", db.as_str(), "follow", "--team", "Growth"],
        &[("RHYTHM_NOW", later)],
    );
    watcher.wait_for("1 of 5 Scorecard");
    watcher.wait_for("facilitator away since 10:00");

    // A new meeting screen takes the meeting without asking, and says how
    // long it stood; the watcher sees the facilitator back.
    let mut cy = Session::start_with(
        dir.path(),
        &meeting,
        &[("RHYTHM_USER", "cy"), ("RHYTHM_NOW", later)],
    );
    cy.wait_for(
        "Resumed this week's review after 1 min away (since 10:00); that time was not counted",
    );
    assert_eq!(lease(&db), (Some("cy".into()), 0));
    ana.wait_for("cy took over the meeting; this screen follows it now");
    let start = Instant::now();
    while watcher.contents().contains("facilitator away") {
        assert!(start.elapsed() < DEADLINE, "{}", watcher.contents());
        thread::sleep(Duration::from_millis(20));
    }

    for s in [&mut ana, &mut cy] {
        s.keys("q");
    }
    cy.wait_for("Leave the meeting?");
    cy.keys("y");
    assert_restored(&cy.wait_exit());
    assert_restored(&ana.wait_exit());
    watcher.keys("q");
    assert_restored(&watcher.wait_exit());
}

#[test]
fn a_meeting_screen_whose_process_died_is_taken_over_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let meeting = ["--db", db.as_str(), "meeting", "--team", "Growth"];
    let mut ana = Session::start_with(dir.path(), &meeting, &[("RHYTHM_USER", "ana")]);
    ana.wait_for("Meeting started");
    ana.keys("\t");
    ana.wait_for("2 of 5 Off-track");
    // The process is gone: no goodbye, the lease still names it, and its
    // heartbeat (on a pinned clock) is as fresh as can be. (Killed outright:
    // a hang-up is a signal the screen answers by leaving properly.)
    send_signal(&ana, "KILL");
    let _ = ana.finish();
    assert_eq!(lease(&db), (Some("ana".into()), 1));

    let mut again = Session::start_with(dir.path(), &meeting, &[("RHYTHM_USER", "ana")]);
    again.wait_for("2 of 5 Off-track");
    again.wait_for("Resumed this week's review");
    assert!(
        !again.contents().contains("following"),
        "{}",
        again.contents()
    );
    again.keys("\t");
    again.wait_for("3 of 5 Dependencies");
    again.keys("q");
    again.wait_for("Leave the meeting?");
    again.keys("y");
    assert_restored(&again.wait_exit());
    assert_eq!(lease(&db), (None, 2));
}

/// `rhythm meeting --week` opens the review of the week chosen, as of that
/// week, and the command printed on leaving chooses that week again.
#[test]
fn meeting_week_reviews_the_week_chosen_and_resuming_chooses_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let made = demo_db(dir.path());
    let db_arg = made.as_str();
    let db = Path::new(db_arg);

    let args = [
        "--db", db_arg, "meeting", "--team", "Growth", "--week", "2026-W44",
    ];
    let mut s = Session::start(dir.path(), &args);
    s.wait_for("Growth · reviewing 2026-W44 (4 weeks ago)");
    s.wait_for("Meeting started");
    s.keys("q");
    s.wait_for("Leave the meeting?");
    s.keys("y");
    let after = s.wait_exit();
    assert_restored(&after);
    let printed = after.contents().replace('\n', "");
    assert!(
        printed.contains("The review of 2026-W44 stays open")
            && printed.contains("meeting --team Growth --week 2026-W44"),
        "{printed}"
    );

    let store = Store::open(db, OpenMode::MustExist).unwrap();
    let team = common::team(&store, "Growth");
    let w44: Week = "2026-W44".parse().unwrap();
    let m = store
        .meeting_in(team.id, MeetingKind::Weekly, w44)
        .unwrap()
        .expect("the chosen week's review was started");
    assert!(m.is_open());
    let this_week: Week = "2026-W48".parse().unwrap();
    assert_eq!(
        store
            .meeting_in(team.id, MeetingKind::Weekly, this_week)
            .unwrap(),
        None
    );
}
