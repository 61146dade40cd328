//! The screen commands outside a terminal: `rhythm` alone prints the help,
//! `rhythm meeting` says it needs a terminal, and `rhythm minutes` prints
//! what meetings left behind.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::Sandbox;

#[test]
fn rhythm_alone_in_a_pipe_prints_the_help() {
    let t = Sandbox::growth();
    let out = t.ok("");
    assert!(out.contains("Usage: rhythm [OPTIONS] [COMMAND]"), "{out}");
    assert!(out.contains("meeting"), "{out}");
}

#[test]
fn the_meeting_needs_a_terminal_and_writes_nothing() {
    let t = Sandbox::growth();
    let before = t.digest();
    assert_eq!(
        t.fails(1, "meeting"),
        "error: the meeting screen needs a terminal: run it in one, or use the other commands to script"
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn minutes_lists_and_prints_the_demo_meetings() {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    let list = t.ok("--team Growth minutes --list");
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 4, "{list}");
    assert!(lines[0].starts_with("#  Week"), "{list}");
    assert!(
        lines[1].contains("2026-W47") && lines[1].contains("ended"),
        "{list}"
    );

    // The demo's history keeps the scorecard as the room saw it.
    let last = t.ok("--team Growth minutes");
    assert!(
        last.starts_with("# Growth — weekly review 2026-W47\n"),
        "{last}"
    );
    assert!(last.contains("| Status | Measure |"), "{last}");
    let id = lines[3].split_whitespace().next().unwrap();
    let oldest = t.ok(&format!("--team Growth minutes --meeting {id}"));
    assert!(oldest.contains("weekly review 2026-W45"), "{oldest}");
}

#[test]
fn minutes_errors_name_the_problem() {
    let t = Sandbox::growth();
    assert_eq!(
        t.fails(1, "minutes"),
        "error: Growth has no ended meeting yet"
    );
    assert_eq!(
        t.fails(1, "minutes --meeting 9"),
        "error: there is no meeting #9 in Growth"
    );
    assert_eq!(
        t.fails(2, "minutes --meeting x"),
        "error: invalid value 'x' for '--meeting <MEETING>': 'x' is not an item number (such as 12 or #12)"
    );
    assert_eq!(t.ok("minutes --list"), "Growth has held no meetings yet\n");
}
