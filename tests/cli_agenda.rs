//! `rhythm agenda`: each kind of meeting's agenda shown, set, reset and
//! undone from the command line; a meeting under way keeps the agenda it
//! started with, the next one runs the new one; a bad agenda is refused in
//! one line quoting the part at fault, and changes nothing.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{Sandbox, json};

#[test]
fn an_agenda_is_shown_set_reset_and_undone() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("agenda show"),
        "Growth's weekly agenda, 60 minutes:\n\
         #  Section       Minutes  Shows\n\
         1  Scorecard     10       Scorecard\n\
         2  Off-track     25       Off-track\n\
         3  Dependencies  10       Dependencies\n\
         4  Decisions     10       Decisions\n\
         5  Wrap-up       5        Wrap-up\n"
    );
    let monthly = json(&t.ok("agenda show --kind monthly --json"));
    assert_eq!(monthly["minutes"], 90);
    assert_eq!(monthly["sections"][4]["name"], "Commitments & guardrails");
    assert_eq!(monthly["sections"][4]["section"], "commitments_guardrails");
    assert_eq!(
        json(&t.ok("agenda show --kind quarterly --json"))["minutes"],
        240
    );

    assert_eq!(
        t.ok("agenda set 'scorecard 15, decisions 15; off-track 25, wrap up 5'"),
        "Set the weekly agenda of Growth (60 minutes): Scorecard 15, Decisions 15, Off-track 25, Wrap-up 5\n"
    );
    let weekly = json(&t.ok("agenda show --json"));
    let kinds: Vec<&str> = weekly["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["section"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["scorecard", "decisions", "off_track", "wrap_up"]);
    assert!(t.ok("log").contains(
        "Set the weekly agenda of team Growth: Scorecard 15, Decisions 15, Off-track 25, Wrap-up 5"
    ));

    // A meeting under way keeps its agenda; the export carries both.
    let m = t.start_meeting("2026-11-24T09:00:00Z");
    t.ok("agenda set 'Scorecard 5, Wrap-up 5'");
    let store = t.store();
    let meeting = store.meeting(m).unwrap().unwrap();
    let names: Vec<&str> = meeting.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Scorecard", "Decisions", "Off-track", "Wrap-up"]);
    let export = json(&t.ok("export"));
    let agenda: Vec<(&str, i64)> = export["agendas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["section"].as_str().unwrap(),
                s["minutes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(agenda, [("scorecard", 5), ("wrap_up", 5)]);
    assert_eq!(export["meetings"][0]["sections"][1]["section"], "decisions");

    t.ok("undo");
    assert_eq!(json(&t.ok("agenda show --json"))["minutes"], 60);
    t.ok("agenda reset");
    assert_eq!(
        json(&t.ok("agenda show --json")),
        json(&Sandbox::growth().ok("agenda show --json"))
    );
}

#[test]
fn a_bad_agenda_is_refused_in_one_line_and_changes_nothing() {
    let t = Sandbox::growth();
    t.ok("agenda set --kind monthly 'Risks 30, Objectives 30, Wrap-up 10'");
    let before = (t.ok("export"), t.ok("log"));
    for (line, says) in [
        (
            "agenda set 'Scorecard 10, Lunch 30, Wrap-up 5'",
            "error: 'Lunch' is not a section kind: use one of Scorecard, Off-track, Dependencies, Decisions, Scorecard roll-up, Objectives, Risks, Systemic issues, Commitments & guardrails, Scorecard & objectives scored, Choices revisited, Signals & assumptions, Resources, What to stop, Next quarter's brief, Wrap-up",
        ),
        (
            "agenda set 'Scorecard 0, Wrap-up 5'",
            "error: 'Scorecard' has a timebox of 0: a section takes 1 to 1440 minutes",
        ),
        (
            "agenda set 'Scorecard -10, Wrap-up 5'",
            "error: 'Scorecard' has a timebox of -10: a section takes 1 to 1440 minutes",
        ),
        (
            "agenda set 'Scorecard ten, Wrap-up 5'",
            "error: 'Scorecard ten' has no timebox: write the minutes after the section, such as \"Scorecard 10\"",
        ),
        (
            "agenda set 'Off-track 10, off track 5, Wrap-up 5'",
            "error: 'off track' appears twice: a section kind is on the agenda once",
        ),
        (
            "agenda set 'Wrap-up 5, Scorecard 10'",
            "error: the agenda must end with Wrap-up, where the meeting is rated and ended",
        ),
        (
            "agenda set --kind quarterly 'Risks 30, Wrap-up 10'",
            "error: 'Risks' belongs to another meeting: the quarterly review's sections are Scorecard & objectives scored, Choices revisited, Signals & assumptions, Resources, What to stop, Next quarter's brief, Wrap-up",
        ),
        (
            "agenda set ''",
            "error: the agenda is empty: list its sections, such as \"Scorecard 10, Wrap-up 5\"",
        ),
    ] {
        assert_eq!(t.fails(1, line), says, "{line}");
    }
    let said = t.fails(2, "agenda show --kind yearly");
    assert!(said.contains("'yearly'"), "{said}");
    assert_eq!((t.ok("export"), t.ok("log")), before);
}
