//! The config file: default database, team, author and minutes folder,
//! each after its flag and environment variable; a hook run when a meeting
//! ends; and a file rhythm cannot read named with its line.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::Sandbox;

fn write_config(t: &Sandbox, text: &str) -> std::path::PathBuf {
    let dir = t.config_home().join("rhythm");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_config_file_gives_the_defaults_after_flags_and_environment() {
    let t = Sandbox::new();
    let path = write_config(
        &t,
        "database = \"~/team.db\"\nteam = \"Platform\"\nauthor = \"Cy\"\n",
    );
    assert_eq!(t.raw("config path").ok().trim(), path.to_str().unwrap());
    // --db is not needed: the config's database is used.
    t.raw("init --team Growth").ok();
    t.raw("team add Platform").ok();
    assert!(t.path("home/team.db").exists());
    // The config's team, unless RHYTHM_TEAM or --team says otherwise.
    t.raw("action add 'Call the bank' --owner Bo").ok();
    t.raw_env(&[("RHYTHM_TEAM", "Growth")], "action add 'Hire' --owner Bo")
        .ok();
    t.raw("--team Growth action add 'Price list' --owner Bo")
        .ok();
    let list = t.raw("action list").ok();
    assert!(
        list.contains("Call the bank") && !list.contains("Hire"),
        "{list}"
    );
    let list = t.raw("--team Growth action list").ok();
    assert!(
        list.contains("Hire") && list.contains("Price list"),
        "{list}"
    );
    // The author: --as, RHYTHM_USER, the config, then the login name.
    let log = t.raw("--team Growth log --json").ok();
    assert!(
        log.contains("\"ana\""),
        "RHYTHM_USER comes before the config: {log}"
    );
    let mut cmd = t.command(&[
        "--team", "Growth", "action", "add", "Offsite", "--owner", "Bo",
    ]);
    assert!(
        cmd.env_remove("RHYTHM_USER")
            .output()
            .unwrap()
            .status
            .success()
    );
    let log = t.raw("--team Growth log --json --limit 1").ok();
    assert!(log.contains("\"Cy\""), "{log}");
    let shown = t.raw("config show").ok();
    assert!(shown.contains("(from the config file)"), "{shown}");
    assert!(shown.contains("team:        Platform"), "{shown}");
}

#[test]
fn a_bad_config_file_is_one_line_naming_its_line_and_changes_nothing() {
    let t = Sandbox::growth();
    let before = t.digest();
    let path = write_config(&t, "team = \"Growth\"\n\ndatabse = \"x.db\"\n");
    let err = t.fails(1, "--team Growth record 'Net revenue retention' 5");
    assert_eq!(
        err,
        format!(
            "error: the config file '{}', line 3: unknown field `databse`, expected one of `database`, `team`, `author`, `minutes`, `hooks`",
            path.display()
        )
    );
    assert_eq!(t.digest(), before);
    // Where the file is can still be asked.
    assert_eq!(t.raw("config path").ok().trim(), path.to_str().unwrap());
}

#[test]
fn the_meeting_end_hook_gets_the_minutes_and_the_meeting() {
    let t = Sandbox::growth();
    let got = t.path("got");
    write_config(
        &t,
        &format!(
            "minutes = \"{}\"\n[hooks]\nmeeting_end = \"cat > '{}'; cat \\\"$RHYTHM_MEETING_JSON\\\" >> '{}'; echo \\\"$RHYTHM_TEAM $RHYTHM_WEEK\\\" >> '{}'\"\n",
            t.path("notes").display(),
            got.display(),
            got.display(),
            got.display()
        ),
    );
    start_and_end(&t).ok();
    let got = std::fs::read_to_string(&got).unwrap();
    assert!(got.starts_with("# Growth"), "the minutes on stdin: {got}");
    assert!(got.contains("\"meeting\""), "the meeting's JSON: {got}");
    assert!(got.trim_end().ends_with("Growth 2026-W48"), "{got}");
    let notes: Vec<_> = std::fs::read_dir(t.path("notes")).unwrap().collect();
    assert_eq!(
        notes.len(),
        2,
        "the minutes and their JSON in the config's folder"
    );
}

#[test]
fn a_failing_hook_is_named_and_the_meeting_still_ends() {
    let t = Sandbox::growth();
    write_config(
        &t,
        "[hooks]\nmeeting_end = \"echo 'no mail server' >&2; exit 3\"\n",
    );
    let run = start_and_end(&t);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "warning: the meeting_end hook failed: it exited 3: no mail server\n"
    );
    assert!(t.ok("--team Growth minutes").contains("# Growth"));
}

/// Starts this week's review (as the screen does) and ends it with
/// `meeting end`; returns how that ran.
fn start_and_end(t: &Sandbox) -> common::Run {
    t.start_meeting("2026-11-25T10:00:00Z");
    t.run("--team Growth meeting end")
}

#[test]
fn a_default_team_never_narrows_an_export_or_a_reports_teams() {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    write_config(&t, "team = \"Growth\"\n");
    let teams = |json: &str| -> Vec<String> {
        common::json(json)["teams"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_string())
            .collect()
    };
    // A backup made with a default team set still holds every team.
    assert_eq!(teams(&t.ok("export --out -")).len(), 3);
    assert_eq!(teams(&t.ok("--team Growth export --out -")), ["Growth"]);
    let env = t.exec(
        &[("RHYTHM_TEAM", "Growth")],
        &["--db", "team.db", "export", "--out", "-"],
    );
    assert_eq!(teams(&env.ok()).len(), 3);
    // --teams is not refused for a team the user never typed.
    let page = t.ok("report --teams Platform --out -");
    assert!(
        page.contains("Platform") && !page.contains("<h2>Growth"),
        "{}",
        &page[..200]
    );
    assert!(
        t.fails(2, "--team Growth report --teams Platform --out -")
            .contains("leave out --team")
    );
}

#[test]
fn a_hook_that_changes_folder_still_finds_the_minutes_and_the_database() {
    let t = Sandbox::growth();
    let got = t.path("got");
    write_config(
        &t,
        &format!(
            "[hooks]\nmeeting_end = \"cd / && head -1 \\\"$RHYTHM_MINUTES\\\" > '{}' && test -f \\\"$RHYTHM_DB\\\"\"\n",
            got.display()
        ),
    );
    let run = start_and_end(&t);
    assert_eq!(run.stderr, "", "{run:?}");
    assert!(
        std::fs::read_to_string(&got)
            .unwrap()
            .starts_with("# Growth")
    );
}

#[test]
fn the_author_is_named_as_a_person_is() {
    let t = Sandbox::growth();
    let before = t.digest();
    let line = t.fails(2, "--as 'a\u{1b}b' action add Ship --owner Ana");
    assert_eq!(
        line,
        "error: the author (from --as, RHYTHM_USER or the config file) 'a\\u{1b}b' contains a control character"
    );
    write_config(&t, &format!("author = \"{}\"\n", "a".repeat(300)));
    let run = t.exec(
        &[("RHYTHM_USER", "")],
        &["--db", "team.db", "action", "add", "Ship", "--owner", "Ana"],
    );
    assert!(
        run.fails(2)
            .contains("is too long (300 characters; at most 200)")
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn minutes_edited_by_hand_survive_an_undone_end_and_a_second_one() {
    let t = Sandbox::growth();
    start_and_end(&t).ok();
    let dir = t.path("minutes");
    let files = || {
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let first = dir.join(&files()[0]);
    let edited = format!(
        "{}\nAdded by hand.\n",
        std::fs::read_to_string(&first).unwrap()
    );
    std::fs::write(&first, &edited).unwrap();
    t.ok("undo");
    // A later end writes the minutes anew, beside the edited ones.
    let run = t.exec(
        &[("RHYTHM_NOW", "2026-11-26T10:00:00Z")],
        &["--db", "team.db", "--team", "Growth", "meeting", "end"],
    );
    assert!(run.ok().contains("-2.md"));
    assert_eq!(std::fs::read_to_string(&first).unwrap(), edited);
    assert_eq!(files().len(), 2, "{:?}", files());
}

#[test]
fn a_meeting_a_screen_runs_now_is_not_ended_from_the_command_line() {
    use rhythm::domain::{Change, OpSource, Origin};
    let t = Sandbox::growth();
    let meeting = t.start_meeting("2026-11-25T00:00:00Z");
    let mut store = t.store();
    store
        .apply(
            &[Change::DriveMeeting {
                meeting,
                driver: "dee".into(),
                screen: "screen-1".into(),
                take_over: false,
                paused: false,
                selected: None,
            }],
            &Origin::new("dee", OpSource::Tui),
            "2026-11-25T00:00:00Z".parse().unwrap(),
        )
        .unwrap();
    drop(store);
    let before = t.digest();
    let end = |now: &str| {
        t.exec(
            &[("RHYTHM_NOW", now)],
            &["--db", "team.db", "--team", "Growth", "meeting", "end"],
        )
    };
    assert_eq!(
        end("2026-11-25T00:00:05Z").fails(1),
        format!(
            "error: meeting #{} is running on dee's screen right now: end it there, or once that screen has left it",
            meeting.0
        )
    );
    assert_eq!(t.digest(), before);
    // A screen silent past the lease is gone: the meeting ends from here.
    assert!(
        end("2026-11-25T00:01:00Z")
            .ok()
            .starts_with("Ended meeting")
    );
}
