//! Values rhythm could store but never read back: weeks and dates outside
//! the years 1900 to 9998 (typed, imported, or from the clock), numbers that
//! are not finite, and records that contradict themselves (a team depending
//! on itself, a made decision replaced by an open question). Each is refused
//! with one line quoting it, and `check` finds any an older build stored.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::Sandbox;

const NRR: &str = "'Net revenue retention'";

/// Runs each `(command line, message)` case, checks the exit code and the
/// one-line message, and that the database did not change.
fn refused(t: &Sandbox, code: i32, cases: &[(&str, &str)]) {
    let before = t.digest();
    for (line, message) in cases {
        assert_eq!(t.fails(code, line), *message, "rhythm {line}");
    }
    assert_eq!(t.digest(), before, "the database changed");
}

#[test]
fn weeks_and_dates_outside_the_years_rhythm_keeps_are_refused_where_they_enter() {
    let t = Sandbox::growth();
    let week = |v: &str| {
        format!(
            "error: invalid value '{v}' for '--week <WEEK>': '{v}' is not a week: the year must be from 1900 to 9998 (use 2026-W48 or a date such as 2026-11-25)"
        )
    };
    let date = |flag: &str, v: &str| {
        format!(
            "error: invalid value '{v}' for '--{flag}': '{v}' is not a date: the year must be from 1900 to 9998 (write dates as YYYY-MM-DD, such as 2026-11-25)"
        )
    };
    refused(
        &t,
        2,
        &[
            (
                &format!("record {NRR} 5 --week 0000-01-01"),
                &week("0000-01-01"),
            ),
            (
                &format!("record {NRR} 5 --week 9999-W01"),
                &week("9999-W01"),
            ),
            (
                &format!("record {NRR} 5 --week 1899-12-31"),
                &week("1899-12-31"),
            ),
            ("scorecard --week 0000-01-01", &week("0000-01-01")),
            (
                "action add Ship --owner Ana --due 9999-01-04",
                &date("due <DUE>", "9999-01-04"),
            ),
            (
                "dep add Review --to Legal --owner Ana --needed-by 1899-12-31",
                &date("needed-by <NEEDED_BY>", "1899-12-31"),
            ),
            (
                "decision add Pricing --needed --due 0000-01-01",
                &date("due <DUE>", "0000-01-01"),
            ),
        ],
    );
    // The edges themselves are kept, and read back.
    t.ok(&format!("record {NRR} 5 --week 1900-01-01"));
    t.ok(&format!("record {NRR} 6 --week 9998-12-31"));
    let card = t.ok("scorecard --week 9998-W53");
    assert!(card.contains("9998-W53"), "{card}");
    t.ok("action add Ship --owner Ana --due 9998-12-31");
    let export = t.ok("export");
    assert!(export.contains("\"1900-W01\"") && export.contains("\"9998-W53\""));
    assert!(t.ok("check").contains("integrity ok"));
}

#[test]
fn a_clock_outside_the_years_is_refused_before_anything_is_written() {
    let t = Sandbox::growth();
    let before = t.digest();
    for now in ["9999-12-29", "1899-12-31", "9999-12-29T10:00:00Z"] {
        let run = t.exec(
            &[("RHYTHM_NOW", now)],
            &["--db", "team.db", "action", "add", "Ship", "--owner", "Ana"],
        );
        let line = run.fails(2);
        assert_eq!(
            line,
            format!(
                "error: RHYTHM_NOW '{now}' is not a date (2026-11-25) or an RFC 3339 time (2026-11-25T09:00:00Z) in the years 1900 to 9998"
            )
        );
    }
    assert_eq!(t.digest(), before);
    // The last day kept is a working day like any other.
    let run = t.exec(
        &[("RHYTHM_NOW", "9998-12-31")],
        &["--db", "team.db", "record", "Net revenue retention", "7"],
    );
    assert!(run.ok().contains("for 9998-W53"));
}

#[test]
fn a_demo_the_years_cannot_hold_leaves_no_file() {
    let t = Sandbox::new();
    // The last day kept is valid, but the demo's due dates run past it.
    let run = t.exec(
        &[("RHYTHM_NOW", "9998-12-30")],
        &["--db", "demo.db", "demo", "--no-tui"],
    );
    assert!(run.fails(1).contains("outside the years rhythm keeps"));
    let left: Vec<_> = std::fs::read_dir(t.path(""))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with("demo.db"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn imports_refuse_weeks_and_dates_outside_the_years() {
    let t = Sandbox::growth();
    t.ok(&format!("record {NRR} 5 --week 2026-W40"));
    t.ok("action add Ship --owner Ana --due 2026-12-01");
    let export = t.ok("export");
    for (from, to, place) in [
        ("\"2026-W40\"", "\"-001-W52\"", "'-001-W52' is not a week"),
        (
            "\"2026-W40\"",
            "\"1899-W52\"",
            "'1899-W52' is not a week: the year must be from 1900 to 9998",
        ),
        (
            "\"2026-12-01\"",
            "\"+10000-01-05\"",
            "'+10000-01-05' is not a date",
        ),
        (
            "\"2026-12-01\"",
            "\"9999-01-05\"",
            "'9999-01-05' is not a date: the year must be from 1900 to 9998",
        ),
        (
            "\"2026-11-25T09:00:00Z\"",
            "\"9999-11-25T09:00:00Z\"",
            "'9999-11-25T09:00:00Z' is outside the years rhythm keeps (1900 to 9998)",
        ),
    ] {
        assert!(export.contains(from), "{from}");
        let name = "bad.json";
        std::fs::write(t.path(name), export.replace(from, to)).unwrap();
        let run = t.raw(&format!("--db fresh.db import {name}"));
        assert_ne!(run.code, 0, "{to} was imported");
        assert!(run.stderr.contains(place), "{to}: {}", run.stderr);
        assert!(!t.path("fresh.db").exists() || t.raw("--db fresh.db team list").stdout.is_empty());
    }
    std::fs::write(
        t.path("r.csv"),
        "measure,week,value,note\nNet revenue retention,1899-W52,5,\nNet revenue retention,2026-W41,3,\n",
    )
    .unwrap();
    let before = t.digest();
    let run = t.run("import-readings r.csv");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "line 2, column 2: '1899-W52' is not a week: the year must be from 1900 to 9998"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn check_names_every_stored_value_rhythm_could_not_read_back() {
    let t = Sandbox::growth();
    t.ok(&format!("record {NRR} 5 --week 2026-W40"));
    t.ok("action add Ship --owner Ana --due 2026-12-01");
    // What builds before the range rule could store, written behind
    // rhythm's back as they wrote it.
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.execute_batch(
        "UPDATE reading SET week = '-001-W52' WHERE week = '2026-W40';
         UPDATE action_item SET due = '+10000-01-05';
         UPDATE measure SET target = 9e999 WHERE name = 'Net revenue retention';
         UPDATE action_item SET created_at = 'yesterday';
         INSERT INTO brief_item (team_id, quarter, kind, position, text, created_at, updated_at)
         VALUES (NULL, '2026-11-25', 'choice', 1, 'One product', '2026-11-25 09:00:00+00:00',
                 '2026-11-25 09:00:00+00:00'),
                (1, '2026-Q5', 'choice', 1, 'Focus', '2026-11-25 09:00:00+00:00',
                 '2026-11-25 09:00:00+00:00');
         INSERT INTO initiative (team_id, title, start_month, end_month, created_at, updated_at)
         VALUES (1, 'Onboarding', '2026-13', '2027-1', '2026-11-25 09:00:00+00:00',
                 '2026-11-25 09:00:00+00:00');
         INSERT INTO milestone (initiative_id, title, month, phase, phase_since, created_at,
                                updated_at)
         VALUES (1, 'Pilot', '2026-12-05', 'decide', '2026-11-25 09:00:00+00:00',
                 '2026-11-25 09:00:00+00:00', '2026-11-25 09:00:00+00:00');
         INSERT INTO flex_draw (team_id, why, drawn_on, created_at, updated_at)
         VALUES (1, 'Outage', '2026-02-30', '2026-11-25 09:00:00+00:00',
                 '2026-11-25 09:00:00+00:00');",
    )
    .unwrap();
    drop(conn);
    let run = t.run("check");
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        "unreadable: reading of measure 1 in '-001-W52', week: '-001-W52' is not a week: the year must be four digits (use 2026-W48 or a date such as 2026-11-25)\n\
         unreadable: action_item #1, due: '+10000-01-05' is not a date: the year must be four digits (write dates as YYYY-MM-DD, such as 2026-11-25)\n\
         unreadable: brief_item #1, quarter: '2026-11-25' is not written as rhythm writes it ('2026-Q4')\n\
         unreadable: brief_item #2, quarter: '2026-Q5' is not a quarter: the quarter must be 1 to 4 (use 2026-Q4, or a date or week inside it)\n\
         unreadable: initiative #1, start_month: '2026-13' is not a month: the month must be 1 to 12 (use 2026-12, or a date or week inside it)\n\
         unreadable: initiative #1, end_month: '2027-1' is not written as rhythm writes it ('2027-01')\n\
         unreadable: milestone #1, month: '2026-12-05' is not written as rhythm writes it ('2026-12')\n\
         unreadable: flex_draw #1, drawn_on: '2026-02-30' is not a date: no such day in the calendar (write dates as YYYY-MM-DD, such as 2026-11-25)\n\
         unreadable: measure #1, target: 'inf' is not a finite number\n\
         unreadable: action_item #1, created_at: 'yesterday' is not a time rhythm can read\n"
    );
    assert_eq!(
        run.stderr,
        "error: 'team.db' holds 10 values rhythm cannot read back: correct or delete those records, or restore it from a backup\n"
    );
}

#[test]
fn bad_tolerances_targets_and_readings_get_the_message_of_any_bad_number() {
    let t = Sandbox::growth();
    let tolerance = |v: &str, why: &str| {
        format!("error: invalid value '{v}' for '--tolerance <TOLERANCE>': '{v}' {why}")
    };
    let fraction = "must be a fraction from 0 to 1, such as 0.1";
    let infinite = "is not a finite number";
    refused(
        &t,
        2,
        &[
            (
                &format!("measure edit {NRR} --tolerance -0.1"),
                &tolerance("-0.1", fraction),
            ),
            (
                "measure add Churn --owner Bo --target 2 --tolerance -.5",
                &tolerance("-.5", fraction),
            ),
            (
                &format!("measure edit {NRR} --tolerance -inf"),
                &tolerance("-inf", infinite),
            ),
            (
                &format!("measure edit {NRR} --tolerance inf"),
                &tolerance("inf", infinite),
            ),
            (
                &format!("measure edit {NRR} --tolerance NaN"),
                &tolerance("NaN", infinite),
            ),
            (
                &format!("measure edit {NRR} --target -inf"),
                "error: invalid value '-inf' for '--target <TARGET>': '-inf' is not a finite number",
            ),
            (
                &format!("record {NRR} -inf"),
                "error: invalid value '-inf' for '[VALUE]': '-inf' is not a finite number",
            ),
            (
                "measure edit 'Pipeline coverage' --range -inf..5",
                "error: invalid value '-inf..5' for '--range <RANGE>': range '-inf..5': '-inf' is not a finite number",
            ),
        ],
    );
    // Negative numbers still reach every place they belong, before or
    // after the other flags.
    t.ok(&format!("record {NRR} -5 --week 2026-W40"));
    t.ok(&format!("record {NRR} --week 2026-W41 -6"));
    t.ok(&format!("measure edit {NRR} --target -3"));
}

#[test]
fn a_team_cannot_depend_on_itself() {
    let t = Sandbox::growth();
    t.ok("team add Platform");
    t.ok("dep add 'SAML sign-on' --team Growth --to Platform --owner Ana");
    refused(
        &t,
        1,
        &[
            (
                "dep add Review --team Growth --to Growth --owner Ana",
                "error: a team cannot depend on itself",
            ),
            (
                "dep add Review --team Growth --to growth --owner Ana",
                "error: a team cannot depend on itself",
            ),
            (
                "dep edit 1 --team Growth --to Growth",
                "error: dependency #1: a team cannot depend on itself",
            ),
            (
                "dep edit 1 --team Growth --from Platform",
                "error: dependency #1: a team cannot depend on itself",
            ),
        ],
    );
    // Nor through an import.
    let mut doc = common::json(&t.ok("export"));
    let dep = &mut doc["dependencies"][0];
    dep["providing"] = dep["needing"].clone();
    std::fs::write(t.path("self.json"), doc.to_string()).unwrap();
    assert_eq!(
        t.raw("--db fresh.db import self.json").fails(1),
        "error: a team cannot depend on itself"
    );
}

#[test]
fn a_made_decision_is_superseded_only_by_a_made_one() {
    let t = Sandbox::growth();
    t.ok("decision add 'Annual discount 15%' --chosen 'Cut it' --owner Ana");
    t.ok("decision add 'Which discount next year' --needed --owner Ana");
    refused(
        &t,
        1,
        &[(
            "decision supersede 1 --by 2",
            "error: decision #2 is needed: a made decision (#1) can only be superseded by a made one",
        )],
    );
    t.ok("decision decide 2 --chosen 'Keep 15%'");
    assert!(
        t.ok("decision supersede 1 --by 2")
            .contains("superseded by #2")
    );
}
