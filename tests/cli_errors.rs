//! Every kind of CLI error: one line on stderr that quotes the bad value,
//! exit code 2 for usage errors and 1 for the rest, and nothing written.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::Sandbox;

/// Runs each `(command line, message)` case with `--db team.db`, checks the
/// exit code and the one-line message, and that the database did not change.
fn check(t: &Sandbox, code: i32, cases: &[(&str, &str)]) {
    let before = t.digest();
    for (line, message) in cases {
        assert_eq!(t.fails(code, line), *message, "rhythm {line}");
    }
    assert_eq!(t.digest(), before, "the database changed");
}

#[test]
fn bad_numbers_weeks_and_dates_are_usage_errors() {
    let t = Sandbox::growth();
    check(
        &t,
        2,
        &[
            (
                "record 'Net revenue retention' abc",
                "error: invalid value 'abc' for '[VALUE]': 'abc' is not a number",
            ),
            (
                "record 'Net revenue retention' 104.5%",
                "error: invalid value '104.5%' for '[VALUE]': '104.5%' is not a number",
            ),
            (
                "record 'Net revenue retention' 1e400",
                "error: invalid value '1e400' for '[VALUE]': '1e400' is not a finite number",
            ),
            (
                "record 'Net revenue retention' 100 --week 2026-W60",
                "error: invalid value '2026-W60' for '--week <WEEK>': '2026-W60' is not a week: that year has no such week (use 2026-W48 or a date such as 2026-11-25)",
            ),
            (
                "record 'Net revenue retention' 100 --week 'last week'",
                "error: invalid value 'last week' for '--week <WEEK>': 'last week' is not a week: unknown format (use 2026-W48 or a date such as 2026-11-25)",
            ),
            (
                "scorecard --week 2026-02-30",
                "error: invalid value '2026-02-30' for '--week <WEEK>': '2026-02-30' is not a week: no such day in the calendar (use 2026-W48 or a date such as 2026-11-25)",
            ),
            (
                "action add Call --owner Ana --due 30/11/2026",
                "error: invalid value '30/11/2026' for '--due <DUE>': '30/11/2026' is not a date: unknown format (write dates as YYYY-MM-DD, such as 2026-11-25)",
            ),
            (
                "dep add SSO --to Platform --owner Bo --needed-by 2026-13-01",
                "error: invalid value '2026-13-01' for '--needed-by <NEEDED_BY>': '2026-13-01' is not a date: no such day in the calendar (write dates as YYYY-MM-DD, such as 2026-11-25)",
            ),
            (
                "measure add Churn --owner Jo --target 1 --tolerance 2",
                "error: invalid value '2' for '--tolerance <TOLERANCE>': '2' must be a fraction from 0 to 1, such as 0.1",
            ),
            (
                "measure add Churn --owner Jo --range 5..3",
                "error: invalid value '5..3' for '--range <RANGE>': range '5..3' is empty: its low end must be below its high end",
            ),
            (
                "measure move 'Pipeline coverage' 0",
                "error: invalid value '0' for '<POSITION>': '0' is not a position on the scorecard: 1 is the top",
            ),
            (
                "action done first",
                "error: invalid value 'first' for '<ID>': 'first' is not an item number (such as 12 or #12)",
            ),
        ],
    );
}

#[test]
fn missing_flags_and_bad_choices_are_usage_errors() {
    let t = Sandbox::growth();
    check(
        &t,
        2,
        &[
            (
                "action add Call",
                "error: the following required arguments were not provided: --owner <OWNER>",
            ),
            (
                "measure add Churn --target 1",
                "error: the following required arguments were not provided: --owner <OWNER>",
            ),
            (
                "dep add SSO --owner Bo",
                "error: the following required arguments were not provided: --to <TO>",
            ),
            (
                "decision decide 1",
                "error: the following required arguments were not provided: --chosen <CHOSEN>",
            ),
            (
                "decision supersede 1",
                "error: the following required arguments were not provided: --by <BY>",
            ),
            (
                "record 'Pipeline coverage'",
                "error: the following required arguments were not provided: <VALUE>",
            ),
            (
                "measure add Churn --owner Jo",
                "error: direction 'higher' needs a target: add --target",
            ),
            (
                "measure add Churn --owner Jo --direction lower --range 1..2",
                "error: direction 'lower' takes --target, not --range",
            ),
            (
                "measure add Churn --owner Jo --direction sideways",
                "error: invalid value 'sideways' for '--direction <DIRECTION>': 'sideways' is not a direction (higher, lower or range)",
            ),
            (
                "scorecard --format jsn",
                "error: invalid value 'jsn' for '--format <FORMAT>' [possible values: table, md, json]; tip: a similar value exists: 'json'",
            ),
            (
                "scorecard --weeks 0",
                "error: invalid value '0' for '--weeks <WEEKS>': 0 is not in 1..=520",
            ),
            (
                "decision list --state open",
                "error: invalid value 'open' for '--state <STATE>': 'open' is not one of: needed, made, superseded, withdrawn, all",
            ),
            (
                "dep update 1",
                "error: nothing to change: give at least one of --status, --needed-by, --owner, --note",
            ),
            (
                "recod 'Pipeline coverage' 4",
                "error: unrecognized subcommand 'recod'; tip: some similar subcommands exist: 'report', 'redo', 'record'",
            ),
            (
                "action add Call --ownr Ana",
                "error: unexpected argument '--ownr' found; tip: a similar argument exists: '--owner'",
            ),
        ],
    );
}

#[test]
fn unknown_names_offer_the_closest_ones() {
    let t = Sandbox::growth();
    check(
        &t,
        1,
        &[
            (
                "record 'Net revenue' 100",
                "error: unknown measure 'Net revenue' in Growth: did you mean 'Net revenue retention'?",
            ),
            (
                "record 'Tier 2 respons time' 9",
                "error: unknown measure 'Tier 2 respons time' in Growth: did you mean 'Tier-2 response time'?",
            ),
            (
                "record Zebra 100",
                "error: unknown measure 'Zebra' in Growth: the measures are 'Net revenue retention', 'Tier-2 response time', 'Pipeline coverage'",
            ),
            (
                "--team Growht scorecard",
                "error: unknown team 'Growht' in this database: did you mean 'Growth'?",
            ),
            (
                "--team Finance action add Call --owner Ana",
                "error: unknown team 'Finance' in this database: the teams are 'Growth'",
            ),
            (
                "action list --owner Zed",
                "error: unknown person 'Zed' in this database: the people are 'Ana', 'Bo', 'Cy'",
            ),
            (
                "dep add SSO --from Legal --to Sales --owner Bo",
                "error: neither 'Legal' nor 'Sales' is a team in this database: one side of a dependency must be",
            ),
        ],
    );
}

#[test]
fn unknown_item_numbers_are_refused() {
    let t = Sandbox::growth();
    t.ok("team add Platform");
    t.ok("--team Growth action add Call --owner Ana");
    t.ok("--team Growth offtrack add Late --owner Ana");
    t.ok("--team Growth decision add Hire --needed");
    check(
        &t,
        1,
        &[
            (
                "--team Platform action done 1",
                "error: there is no action item #1 in Platform",
            ),
            (
                "--team Growth action drop 9",
                "error: there is no action item #9 in Growth",
            ),
            (
                "--team Platform offtrack resolve 1",
                "error: there is no off-track item #1 in Platform",
            ),
            (
                "--team Growth offtrack drop 9",
                "error: there is no off-track item #9 in Growth",
            ),
            (
                "dep update 9 --status blocked",
                "error: there is no dependency #9",
            ),
            (
                "--team Platform decision show 1",
                "error: there is no decision #1 in Platform",
            ),
            (
                "--team Growth decision decide 9 --chosen yes",
                "error: there is no decision #9 in Growth",
            ),
            (
                "--team Growth decision supersede 1 --by 9",
                "error: there is no decision #9 in Growth",
            ),
        ],
    );
}

#[test]
fn duplicates_and_empty_names_are_refused() {
    let t = Sandbox::growth();
    check(
        &t,
        1,
        &[
            (
                "measure add 'Pipeline coverage' --owner Bo --target 1",
                "error: measure 'Pipeline coverage' already exists",
            ),
            // A new owner named in a refused change is not kept either.
            (
                "measure add 'PIPELINE COVERAGE' --owner Zoe --target 1",
                "error: measure 'PIPELINE COVERAGE' already exists (as 'Pipeline coverage')",
            ),
            (
                "team add growth",
                "error: team 'growth' already exists (as 'Growth')",
            ),
            (
                "init --team GROWTH",
                "error: team 'GROWTH' already exists (as 'Growth')",
            ),
            (
                "action add ' ' --owner Ana",
                "error: action title cannot be empty",
            ),
            ("action add Call --owner ''", "error: owner cannot be empty"),
            (
                "measure add 'Churn\nrate' --owner Jo --target 1",
                "error: measure name 'Churn\\nrate' contains a control character",
            ),
        ],
    );
}

#[test]
fn a_bad_pinned_clock_is_a_usage_error() {
    let t = Sandbox::growth();
    let before = t.digest();
    let run = t.raw_env(
        &[("RHYTHM_NOW", "soon")],
        "--db team.db record 'Pipeline coverage' 4",
    );
    assert_eq!(
        run.fails(2),
        "error: RHYTHM_NOW 'soon' is not a date (2026-11-25) or an RFC 3339 time (2026-11-25T09:00:00Z) in the years 1900 to 9998"
    );
    assert_eq!(t.digest(), before);
}

/// Every path under `dir`, with each file's bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut all = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.insert(path.display().to_string(), None);
            all.extend(snapshot(&path));
        } else {
            let bytes = std::fs::read(&path).unwrap();
            all.insert(path.display().to_string(), Some(bytes));
        }
    }
    all
}

const READ: &[&str] = &["scorecard", "action list --json", "person list"];
const WRITE: &[&str] = &[
    "record 'Pipeline coverage' 4",
    "action add Call --owner Ana",
    "measure archive 'Pipeline coverage'",
];
/// The commands that create a database that is not there yet.
const CREATE: &[&str] = &["init --team Growth", "team add Growth", "demo --no-tui"];

/// Runs each command with `--db db`, checks it fails with `message`, and
/// that every file in the sandbox is as it was.
fn refused(t: &Sandbox, db: &str, commands: &[&str], message: &str) {
    let before = snapshot(&t.path(""));
    for command in commands {
        let line = format!("--db {db} {command}");
        assert_eq!(t.raw(&line).fails(1), message, "rhythm {line}");
    }
    assert_eq!(snapshot(&t.path("")), before, "files changed");
}

#[test]
fn a_missing_database_is_not_created_by_ordinary_commands() {
    let t = Sandbox::new();
    let missing =
        "error: no rhythm database at 'team.db': create one with `rhythm init --team NAME`";
    refused(&t, "team.db", READ, missing);
    refused(&t, "team.db", WRITE, missing);
    assert!(!t.db().exists());
}

#[test]
fn a_missing_default_database_is_not_created_either() {
    let t = Sandbox::new();
    let path = t.data_home().join("rhythm").join("rhythm.db");
    assert_eq!(
        t.raw("scorecard").fails(1),
        format!(
            "error: no rhythm database at '{}': create one with `rhythm init --team NAME`",
            path.display()
        )
    );
    assert!(!t.data_home().exists());
}

#[test]
fn a_folder_is_not_a_database() {
    let t = Sandbox::new();
    std::fs::create_dir(t.path("folder")).unwrap();
    let message = "error: 'folder' is a folder, not a database file: name a file with --db";
    for commands in [READ, WRITE, CREATE] {
        refused(&t, "folder", commands, message);
    }
}

#[test]
fn a_file_of_garbage_is_refused_and_left_alone() {
    let t = Sandbox::new();
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(t.path("garbage.db"), &garbage).unwrap();
    let message = "error: 'garbage.db' is not a rhythm database (not a SQLite file, or damaged): check the --db path";
    for commands in [READ, WRITE, CREATE] {
        refused(&t, "garbage.db", commands, message);
    }
    assert_eq!(std::fs::read(t.path("garbage.db")).unwrap(), garbage);
}

#[test]
fn a_missing_directory_is_not_created() {
    let t = Sandbox::new();
    let db = "nowhere/team.db";
    let missing =
        "error: no rhythm database at 'nowhere/team.db': create one with `rhythm init --team NAME`";
    refused(&t, db, READ, missing);
    refused(&t, db, WRITE, missing);
    let no_folder =
        "error: the folder 'nowhere' does not exist: create it first or choose another --db path";
    refused(&t, db, CREATE, no_folder);
    assert!(!t.path("nowhere").exists());
}
