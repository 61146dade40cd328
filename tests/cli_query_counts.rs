//! The list commands and `minutes` run as many statements on a large
//! history as on a small one: no statement per meeting, team or item.
//! Each command runs in-process (`cli::main_with`) and is counted with
//! `storage::statements_run`; nothing here is timed.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::ffi::OsString;
use std::process::ExitCode;

use common::{Sandbox, TODAY, shell_words};
use rhythm::clock::Clock;

/// What the commands below are run on: the large demo of this size.
fn demo(teams: u32, weeks: u32) -> Sandbox {
    let t = Sandbox::new();
    t.ok(&format!("demo --no-tui --teams {teams} --weeks {weeks}"));
    t
}

/// How many statements `rhythm --db team.db LINE` ran, in this thread.
fn statements(t: &Sandbox, line: &str) -> u64 {
    let mut argv: Vec<OsString> = vec!["rhythm".into(), "--db".into(), t.db().into()];
    argv.extend(shell_words(line).into_iter().map(OsString::from));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut ctx = rhythm::cli::Ctx {
        env_user: Some("ana".into()),
        ..rhythm::cli::Ctx::new(&mut out, &mut err, Clock::pinned(TODAY).unwrap())
    };
    let before = rhythm::storage::statements_run();
    let code = rhythm::cli::main_with(argv, &mut ctx);
    let run = rhythm::storage::statements_run() - before;
    assert_eq!(
        code,
        ExitCode::SUCCESS,
        "rhythm {line}: {}",
        String::from_utf8_lossy(&err)
    );
    run
}

const TEAM: &str = "--team 'Team 01 Growth'";

#[test]
fn list_commands_run_as_many_statements_on_a_large_history_as_on_a_small_one() {
    let lines = [
        format!("minutes --list {TEAM}"),
        format!("minutes --list --json {TEAM}"),
        format!("minutes {TEAM}"),
        "team list".to_string(),
        "team list --json".to_string(),
        format!("decision list {TEAM}"),
        format!("decision list --state all --json {TEAM}"),
        format!("offtrack list {TEAM}"),
        format!("offtrack list --all {TEAM}"),
    ];
    let (small, large) = (demo(1, 5), demo(5, 40));
    for line in &lines {
        assert_eq!(
            statements(&small, line),
            statements(&large, line),
            "rhythm {line}"
        );
    }
    // The large history has more to list all the same.
    let rows = |t: &Sandbox, line: &str| t.ok(line).lines().count();
    for line in [format!("minutes --list {TEAM}"), "team list".to_string()] {
        assert!(rows(&large, &line) > rows(&small, &line), "rhythm {line}");
    }
}
