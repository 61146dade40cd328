//! One JSON vocabulary (README, "JSON output"): every list command takes
//! `--json`; `team` is always a team's name, beside `team_id`, and another
//! record's number is under a key ending in `_id`; every time is
//! RFC 3339 in UTC with `Z`; `status` is a measure's or a dependency's
//! standing and `state` a record's place in its life. Checked on the demo
//! database through the real binary, over every key of every output.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{Sandbox, json};
use serde_json::Value;

/// The demo database as team.db, with one change made by a person too.
fn demo() -> Sandbox {
    let t = Sandbox::new();
    t.raw("--db team.db demo --no-tui").ok();
    t.ok("--team Growth action done 1");
    // A decision that replaces another, so both ids are in the lists.
    t.ok("--team Growth decision add 'Annual plan at 20% off' --chosen '20%'");
    t.ok("--team Growth decision add 'Annual plan at 15% off' --chosen '15%'");
    t.ok("--team Growth decision supersede 10 --by 11");
    t
}

/// Every list a team has, and what each prints with `--json`.
const LISTS: &[&str] = &[
    "measure list --archived",
    "action list --all",
    "offtrack list --all",
    "dep list --all",
    "decision list --state all",
    "minutes --list",
];

/// Where in `value` a rule is broken, as `path: what`.
fn breaches(path: &str, value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = format!("{path}.{key}");
                let text = v.as_str();
                if key == "at" || key.ends_with("_at") {
                    let good = text.is_none_or(|t| {
                        t.ends_with('Z')
                            && t.as_bytes().get(10) == Some(&b'T')
                            && chrono::DateTime::parse_from_rfc3339(t).is_ok()
                    });
                    if !good {
                        out.push(format!("{here}: {v} is not RFC 3339 with Z"));
                    }
                }
                if key == "team" && !(v.is_string() || v.is_null()) {
                    out.push(format!("{here}: {v} is not a team's name"));
                }
                // Another record's number is always under a key ending in `_id`.
                let records = [
                    "measure",
                    "meeting",
                    "decision",
                    "supersedes",
                    "superseded_by",
                ];
                if records.contains(&key.as_str()) && v.is_number() {
                    out.push(format!("{here}: {v} is a record's id without `_id`"));
                }
                let standing = [
                    "on_track",
                    "at_risk",
                    "off_track",
                    "missing",
                    "blocked",
                    "done",
                ];
                if key == "status" && !text.is_some_and(|t| standing.contains(&t)) {
                    out.push(format!("{here}: {v} is not a status"));
                }
                let life = [
                    "open",
                    "done",
                    "dropped",
                    "resolved",
                    "needed",
                    "made",
                    "superseded",
                    "withdrawn",
                    "ended",
                ];
                if key == "state" && !text.is_some_and(|t| life.contains(&t)) {
                    out.push(format!("{here}: {v} is not a state"));
                }
                breaches(&here, v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                breaches(&format!("{path}[{i}]"), v, out);
            }
        }
        _ => {}
    }
}

/// Every value of a key named `key`, anywhere in `value`.
fn values_of<'v>(key: &str, value: &'v Value, out: &mut Vec<&'v Value>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == key {
                    out.push(v);
                }
                values_of(key, v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| values_of(key, v, out)),
        _ => {}
    }
}

#[test]
fn every_list_of_a_team_names_it_as_team_and_team_id() {
    let t = demo();
    let growth = t.team("Growth").id.0;
    for list in LISTS {
        let records = json(&t.ok(&format!("--team Growth {list} --json")));
        let records = records.as_array().unwrap();
        assert!(!records.is_empty(), "{list}");
        for r in records {
            assert_eq!(
                (&r["team"], &r["team_id"]),
                (&Value::from("Growth"), &Value::from(growth)),
                "{list}: {r}"
            );
        }
    }
    let shown = json(&t.ok("--team Growth decision show 1 --json"));
    assert_eq!(
        (&shown["team"], &shown["team_id"]),
        (&"Growth".into(), &growth.into())
    );
    // The log names the team of each operation that has one.
    let log = json(&t.ok("log --json"));
    let last = &log[0];
    assert_eq!(
        (&last["team"], &last["team_id"]),
        (&"Growth".into(), &growth.into()),
        "{last}"
    );
}

#[test]
fn every_json_output_keeps_the_vocabulary() {
    let t = demo();
    let mut outputs: Vec<String> = LISTS
        .iter()
        .map(|l| format!("--team Growth {l} --json"))
        .collect();
    outputs.extend(
        [
            "team list --json",
            "person list --all --json",
            "log --limit 100 --json",
            "log --record action:1 --json",
            "--team Growth scorecard --json",
            "--team Growth decision show 1 --json",
            "--team Growth minutes --json",
            "export",
            "--team Growth export",
        ]
        .map(String::from),
    );
    let mut wrong = Vec::new();
    for command in &outputs {
        let text = t.ok(command);
        breaches(command, &json(&text), &mut wrong);
        // Even in the export, which refers to teams by uid (`team_uid`),
        // `team` (in the snapshots of meetings) is a name.
        if command.ends_with("export") {
            let doc = json(&text);
            let names: Vec<&Value> = doc["teams"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| &t["name"])
                .collect();
            let mut teams = Vec::new();
            values_of("team", &doc, &mut teams);
            assert!(!teams.is_empty());
            for team in teams {
                if !names.contains(&team) {
                    wrong.push(format!("{command}: team {team} is not a team's name"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn json_is_the_same_flag_everywhere() {
    let t = demo();
    assert_eq!(
        t.ok("--team Growth scorecard --json"),
        t.ok("--team Growth scorecard --format json")
    );
    assert_eq!(
        t.ok("--team Growth minutes --list --json"),
        t.ok("--team Growth minutes --list --format json")
    );
    assert_eq!(
        t.ok("--team Growth minutes --meeting 2 --json"),
        t.ok("--team Growth minutes --meeting 2 --format json")
    );
    let meetings = json(&t.ok("--team Growth minutes --list --json"));
    assert_eq!(meetings.as_array().unwrap().len(), 3, "{meetings}");
    assert_eq!(meetings[0]["state"], "ended");
    assert_eq!(meetings[0]["week"], "2026-W47");
    assert!(meetings[0]["seconds_spent"].as_u64().unwrap() > 0);
    // Asking for two formats at once is a usage error, named.
    let run = t.run("--team Growth scorecard --json --format md");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("'--json' cannot be used with '--format"),
        "{}",
        run.stderr
    );
}

#[test]
fn times_are_kept_to_the_second_so_every_tool_reads_them() {
    let t = Sandbox::new();
    t.ok("init --team Growth");
    // The real clock (an empty RHYTHM_NOW does not pin it), and a pinned
    // one with a fraction.
    for now in ["", "2026-11-24T10:00:00.75Z"] {
        t.exec(
            &[("RHYTHM_NOW", now)],
            &["--db", "team.db", "action", "add", "Ship", "--owner", "Ana"],
        )
        .ok();
    }
    let whole =
        |s: &str| s.len() == 20 && s.ends_with('Z') && s.as_bytes()[10] == b'T' && !s.contains('.');
    let actions = json(&t.ok("action list --json"));
    let log = json(&t.ok("log --json"));
    let times: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["created_at"].as_str().unwrap())
        .chain(
            log.as_array()
                .unwrap()
                .iter()
                .map(|o| o["at"].as_str().unwrap()),
        )
        .collect();
    assert_eq!(times.len(), 2 + 3, "{times:?}");
    assert!(times.iter().all(|s| whole(s)), "{times:?}");
}

#[test]
fn text_never_given_is_null_not_empty() {
    let t = Sandbox::new();
    t.ok("init --team G");
    t.ok("measure add M --owner A --target 1");
    t.ok("decision add Which --needed");
    t.ok("offtrack add Late --owner A");
    let measure = json(&t.ok("measure list --json"));
    assert_eq!(measure[0]["unit"], Value::Null);
    let decision = json(&t.ok("decision list --json"));
    assert_eq!(decision[0]["context"], Value::Null);
    assert_eq!(decision[0]["chosen"], Value::Null);
    let item = json(&t.ok("offtrack list --json"));
    assert_eq!(item[0]["why"], Value::Null);
    assert_eq!(item[0]["change"], Value::Null);
}
