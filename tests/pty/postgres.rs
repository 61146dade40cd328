//! The home screen and a meeting screen asked for on a PostgreSQL server
//! that cannot be reached: one line before the terminal is taken over.

use super::{Session, assert_restored};

#[test]
fn a_screen_on_an_unreachable_server_is_refused_before_the_terminal_changes() {
    let dir = tempfile::tempdir().unwrap();
    let url = "postgresql://ana:hunter2@db.example:6432/rhythm";
    for args in [vec!["--db", url], vec!["--db", url, "meeting"]] {
        let (status, screen) = Session::start(dir.path(), &args).finish();
        assert_eq!(status.exit_code(), 1, "{args:?}");
        assert_restored(&screen);
        let said = screen.contents();
        let said = said.trim();
        assert!(
            said.starts_with("error: cannot reach PostgreSQL at db.example:6432: ")
                && !said.contains('\n')
                && !said.contains("hunter2"),
            "{args:?}: {said}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Two screens on two connections to one server's database: the follower
/// follows the meeting, and a value recorded from the command line (a
/// third process) shows on both, told by the writer's notice rather than
/// by reading tables. (How soon is printed, not asserted: these machines
/// are shared; the screens look every quarter second.)
#[test]
fn on_a_server_a_follower_and_a_meeting_see_a_cli_write_within_a_second() {
    let Some(schema) = super::common::PgSchema::new() else {
        return;
    };
    let url = schema.url.clone();
    let dir = tempfile::tempdir().unwrap();
    let rhythm = |args: &[&str]| {
        let out = std::process::Command::new(super::BIN)
            .args(args)
            .env_remove("RHYTHM_DB")
            .env("RHYTHM_NOW", super::NOW)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    };
    rhythm(&["--db", &url, "demo", "--no-tui"]);
    let mut follower = Session::start(dir.path(), &["--db", &url, "follow", "--team", "Growth"]);
    follower.wait_for("following · read-only");
    let mut meeting = Session::start(dir.path(), &["--db", &url, "meeting", "--team", "Growth"]);
    meeting.wait_for("1 of 5 Scorecard");
    follower.wait_for("1 of 5 Scorecard");
    meeting.keys("\t");
    meeting.wait_for("2 of 5 Off-track");
    follower.wait_for("2 of 5 Off-track");
    meeting.keys("\x1b[Z");
    meeting.wait_for("1 of 5 Scorecard");
    follower.wait_for("1 of 5 Scorecard");

    rhythm(&["--db", &url, "--team", "Growth", "record", "New MRR", "131"]);
    let written = std::time::Instant::now();
    follower.wait_for("131 k€");
    let seen = written.elapsed();
    meeting.wait_for("131 k€");
    eprintln!("the follower showed the write after {seen:?}");

    meeting.keys("q");
    meeting.wait_for("Leave the meeting?");
    meeting.keys("y");
    assert_restored(&meeting.wait_exit());
    follower.keys("q");
    assert_restored(&follower.wait_exit());
}

/// A meeting opened with a password in its `--db` URL and left open: the
/// printed command leaves the password out, and says where it must be.
#[test]
fn the_resume_command_on_a_server_says_where_the_password_must_be() {
    let Some(schema) = super::common::PgSchema::new() else {
        return;
    };
    let url = format!("{}&password=hunter2", schema.url);
    let dir = tempfile::tempdir().unwrap();
    let demo = std::process::Command::new(super::BIN)
        .args(["--db", &url, "demo", "--no-tui"])
        .env_remove("RHYTHM_DB")
        .env("RHYTHM_NOW", super::NOW)
        .output()
        .unwrap();
    assert!(demo.status.success(), "{demo:?}");
    let mut s = Session::start(dir.path(), &["--db", &url, "meeting", "--team", "Growth"]);
    s.wait_for("1 of 5 Scorecard");
    s.keys("q");
    s.wait_for("Leave the meeting?");
    s.keys("y");
    let after = s.wait_exit();
    assert_restored(&after);
    // The note may wrap at the pty's width.
    let printed = after.contents().replace('\n', "");
    assert!(
        printed.contains(
            "stays open. The command leaves out the URL's password: PGPASSWORD or \
             ~/.pgpass must hold it. Resume it with: rhythm --db 'postgres://"
        ),
        "{printed}"
    );
    assert!(!printed.contains("hunter2"), "{printed}");
}
