//! Which week a team's review looks at, from the command line: the team
//! setting (`team edit --review`), kept in the log, undone, exported and
//! imported; and `meeting --week` refusing a week it cannot review.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Sandbox, digest};
use rhythm::domain::ReviewWeek;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn team_edit_review_is_stored_listed_logged_and_undone() {
    let t = Sandbox::growth();
    t.ok("team add Platform");
    assert_eq!(t.team("Growth").review, ReviewWeek::Current, "the default");
    assert_eq!(
        t.ok("team edit growth --review previous"),
        "Growth now reviews the previous week: a meeting on Monday reviews the week just ended\n"
    );
    assert_eq!(t.team("Growth").review, ReviewWeek::Previous);
    assert_eq!(t.team("Platform").review, ReviewWeek::Current);
    assert_eq!(
        t.ok("team list"),
        "Team      Measures  Reviews\n\
         Growth    3         previous week\n\
         Platform  0         current week\n"
    );
    let listed = json(&t.ok("team list --json"));
    assert_eq!(listed[0]["review"], "previous");
    assert_eq!(listed[1]["review"], "current");
    let log = t.ok("log --limit 1");
    assert!(
        log.contains("Set the review week of team Growth: review current → previous"),
        "{log}"
    );

    // Asking for what it already is writes nothing.
    let before = t.digest();
    assert_eq!(
        t.ok("team edit Growth --review previous"),
        "Growth already reviews the previous week\n"
    );
    assert_eq!(t.digest(), before);
    assert_eq!(t.ok("log --limit 1"), log, "no operation for nothing");

    let undone = t.ok("undo");
    assert!(undone.starts_with("Undid "), "{undone}");
    assert_eq!(t.team("Growth").review, ReviewWeek::Current);
}

#[test]
fn team_edit_refuses_a_bad_choice_and_an_empty_edit_in_one_line() {
    let t = Sandbox::growth();
    let before = t.digest();
    assert_eq!(
        t.fails(2, "team edit Growth --review last"),
        "error: invalid value 'last' for '--review <REVIEW>': 'last' is not one of: current, previous"
    );
    assert_eq!(
        t.fails(2, "team edit Growth"),
        "error: nothing to change: give --review current or --review previous"
    );
    assert!(
        t.fails(1, "team edit Sales --review previous")
            .contains("Sales"),
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn meeting_week_refuses_a_malformed_or_future_week_quoting_it_and_writes_nothing() {
    let t = Sandbox::growth();
    let before = t.digest();
    // The pinned day is in 2026-W48.
    assert_eq!(
        t.fails(2, "meeting --week 2026-W60"),
        "error: invalid value '2026-W60' for '--week <WEEK>': '2026-W60' is not a week: \
         that year has no such week (use 2026-W48 or a date such as 2026-11-25)"
    );
    assert_eq!(
        t.fails(2, "meeting --week soon"),
        "error: invalid value 'soon' for '--week <WEEK>': 'soon' is not a week: \
         unknown format (use 2026-W48 or a date such as 2026-11-25)"
    );
    assert_eq!(
        t.fails(1, "meeting --week 2026-W49"),
        "error: '2026-W49' is in the future: a review looks back at a week that has begun \
         (this week is 2026-W48)"
    );
    assert_eq!(
        t.fails(1, "meeting --week 2027-01-04"),
        "error: '2027-01-04' (2027-W01) is in the future: a review looks back at a week \
         that has begun (this week is 2026-W48)"
    );
    assert_eq!(t.digest(), before, "a refused week wrote to the database");
}

#[test]
fn the_setting_survives_export_and_import_and_an_older_export_means_current() {
    let t = Sandbox::growth();
    t.ok("team add Platform");
    t.ok("team edit Growth --review previous");
    t.ok("export --out all.json");
    let exported = json(&std::fs::read_to_string(t.path("all.json")).unwrap());
    let reviews: Vec<&str> = exported["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|team| team["review"].as_str().unwrap())
        .collect();
    assert_eq!(reviews, ["previous", "current"]);

    t.raw("--db back.db import all.json").ok();
    assert_eq!(digest(&t.path("back.db")), t.digest());
    t.raw("--db back.db export --out back.json").ok();
    assert_eq!(
        std::fs::read(t.path("back.json")).unwrap(),
        std::fs::read(t.path("all.json")).unwrap(),
        "export → import → export changed the bytes"
    );

    // An export written before teams had the setting has no field: its
    // teams review the week they meet in, as every team did then.
    let mut older = exported.clone();
    for team in older["teams"].as_array_mut().unwrap() {
        team.as_object_mut().unwrap().remove("review");
    }
    std::fs::write(t.path("older.json"), older.to_string()).unwrap();
    t.raw("--db older.db import older.json").ok();
    let listed = t.raw("--db older.db team list").ok();
    assert_eq!(
        listed,
        "Team      Measures  Reviews\n\
         Growth    3         current week\n\
         Platform  0         current week\n"
    );
}
