//! `rhythm export` and `rhythm import` through the real binary: the demo
//! round trip, --merge, one-team exports, --out and standard input. Each
//! malformed file and its one line is a row of tests/import_edits.rs.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

use common::{Run, Sandbox, TODAY, digest, json, write_brief};
use serde_json::Value;

/// The demo database as `a.db` and its export as `a.json`.
fn demo() -> Sandbox {
    let t = Sandbox::new();
    t.raw("--db a.db demo --no-tui").ok();
    export(&t, "a.db", "a.json");
    t
}

/// `rhythm --db DB export --out FILE`, returning the bytes written.
fn export(t: &Sandbox, db: &str, file: &str) -> Vec<u8> {
    let out = t.raw(&format!("--db {db} export --out {file}")).ok();
    assert!(out.starts_with("Exported "), "{out}");
    std::fs::read(t.path(file)).unwrap()
}

fn read_json(t: &Sandbox, file: &str) -> Value {
    json(&std::fs::read_to_string(t.path(file)).unwrap())
}

fn files_of(t: &Sandbox, db: &str) -> Vec<String> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|s| format!("{db}{s}"))
        .filter(|f| t.path(f).exists())
        .collect()
}

/// The records of `section` whose `team_uid` field is `team`.
fn of_team<'a>(archive: &'a Value, section: &str, team: &str) -> Vec<&'a Value> {
    archive[section]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["team_uid"] == team)
        .collect()
}

fn uid_of(archive: &Value, section: &str, name_field: &str, name: &str) -> String {
    archive[section]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[name_field] == name)
        .unwrap_or_else(|| panic!("no {section} {name}"))["uid"]
        .as_str()
        .unwrap()
        .to_string()
}

// ---------------------------------------------------------------------------
// Round trips

#[test]
fn the_demo_database_round_trips_byte_for_byte() {
    let t = demo();
    let first = std::fs::read(t.path("a.json")).unwrap();
    assert_eq!(
        t.raw("--db b.db import a.json").ok(),
        "Imported 780 records into b.db (13 action items, 15 agenda sections, 39 brief lines, \
         9 decisions, 5 dependencies, 3 flex draws, 8 initiatives, 25 measures, 9 meetings, \
         21 milestones, 7 off-track items, 12 people, 609 readings, 3 teams, 2 trigger rules)\n"
    );
    let second = export(&t, "b.db", "b.json");
    assert!(
        first == second,
        "export → import → export changed the bytes"
    );
    // Standard output carries the same bytes as --out.
    assert_eq!(t.raw("--db b.db export").ok().as_bytes(), &first[..]);
    // And the copy reads back the same everywhere but the demo mark: an
    // imported copy is the user's own data, which `rhythm demo` must not
    // overwrite.
    let original = digest(&t.path("a.db")).replace("\"demo\": true", "\"demo\": false");
    assert_eq!(digest(&t.path("b.db")), original);
}

#[test]
fn a_database_that_holds_data_takes_an_import_only_with_merge() {
    let t = demo();
    t.ok("init --team Growth");
    let before = t.digest();
    assert_eq!(
        t.fails(1, "import a.json"),
        "error: this database already holds data: import into a new file, or add --merge to add what is new"
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn a_malformed_file_creates_no_default_database() {
    // Every malformed file, refused into a given path, is in
    // tests/import_edits.rs; here only the data folder of the default path.
    let t = Sandbox::new();
    std::fs::write(t.path("truncated.json"), "{\"format\": \"rhythm\", \"vers").unwrap();
    t.raw("import truncated.json").fails(1);
    assert!(!t.data_home().exists(), "the data folder was created");
}

// ---------------------------------------------------------------------------
// --merge

#[test]
fn merging_the_same_export_twice_adds_nothing() {
    let t = demo();
    t.raw("--db b.db import a.json").ok();
    let before = digest(&t.path("b.db"));
    for _ in 0..2 {
        assert_eq!(
            t.raw("--db b.db import a.json --merge").ok(),
            "Imported 0 records into b.db\n780 records were already here, unchanged\n"
        );
    }
    assert_eq!(digest(&t.path("b.db")), before);
    // Into the database it came from, too.
    assert_eq!(
        t.raw("--db a.db import --merge a.json").ok(),
        "Imported 0 records into a.db\n780 records were already here, unchanged\n"
    );
}

#[test]
fn merging_after_a_new_reading_adds_exactly_it() {
    let t = demo();
    t.raw("--db b.db import a.json").ok();
    t.raw("--db a.db --team Growth record 'New MRR' 130 --note 'late invoices 🧾'")
        .ok();
    let source = export(&t, "a.db", "a2.json");
    assert_eq!(
        t.raw("--db b.db import --merge a2.json").ok(),
        "Imported 1 record into b.db (1 reading)\n780 records were already here, unchanged\n"
    );
    // b was a copy of a, so now it is a copy of a again.
    assert!(export(&t, "b.db", "b2.json") == source);
}

#[test]
fn a_changed_reading_and_a_renamed_measure_are_conflicts_left_alone() {
    let t = demo();
    t.raw("--db b.db import a.json").ok();
    let before = digest(&t.path("b.db"));
    t.raw("--db a.db --team Growth record 'Qualified demos booked' 50")
        .ok();
    t.raw("--db a.db --team Growth measure edit 'Cost per acquisition' --name CAC")
        .ok();
    export(&t, "a.db", "a2.json");
    let a2 = read_json(&t, "a2.json");
    let demos = uid_of(&a2, "measures", "name", "Qualified demos booked");
    let cac = uid_of(&a2, "measures", "name", "CAC");
    assert_eq!(
        t.raw("--db b.db import --merge a2.json").ok(),
        format!(
            "Imported 0 records into b.db\n778 records were already here, unchanged\n\
             2 conflicts, left as they are here:\n  \
             measure 'CAC' ({cac}): differs from the one here\n  \
             reading 2026-W48 of measure {demos}: 48 here, 50 in the file\n"
        )
    );
    assert_eq!(digest(&t.path("b.db")), before, "a conflict was applied");
    let scorecard = t.raw("--db b.db --team Growth scorecard").ok();
    assert!(scorecard.contains("Cost per acquisition"), "{scorecard}");
    assert!(!scorecard.contains("CAC"), "{scorecard}");
}

#[test]
fn a_conflicting_decision_keeps_its_own_links() {
    let t = Sandbox::growth();
    t.ok("decision add 'Old way' --chosen A");
    t.ok("decision add 'New way' --chosen B");
    export(&t, "team.db", "first.json");
    t.raw("--db copy.db import first.json").ok();
    let before = digest(&t.path("copy.db"));
    t.ok("decision supersede 1 --by 2");
    export(&t, "team.db", "second.json");
    let second = read_json(&t, "second.json");
    let (old, new) = (
        uid_of(&second, "decisions", "title", "Old way"),
        uid_of(&second, "decisions", "title", "New way"),
    );
    let out = t.raw("--db copy.db import --merge second.json").ok();
    assert!(
        out.ends_with(&format!(
            "2 conflicts, left as they are here:\n  \
             decision 'Old way' ({old}): differs from the one here\n  \
             decision 'New way' ({new}): differs from the one here\n"
        )),
        "{out}"
    );
    assert_eq!(digest(&t.path("copy.db")), before, "a conflict was applied");
}

#[test]
fn a_team_of_the_same_name_but_another_uid_is_a_conflict() {
    let t = demo();
    t.raw("--db other.db init --team Growth").ok();
    t.raw("--db other.db measure add 'Net revenue retention' --owner Ana --target 100")
        .ok();
    t.raw("--db other.db record 'Net revenue retention' 90")
        .ok();
    export(&t, "other.db", "other.json");
    let other = read_json(&t, "other.json");
    let team = other["teams"][0]["uid"].as_str().unwrap();
    let measure = other["measures"][0]["uid"].as_str().unwrap();
    let before = digest(&t.path("a.db"));
    let agenda: String = [
        "Scorecard",
        "Off-track",
        "Dependencies",
        "Decisions",
        "Wrap-up",
    ]
    .iter()
    .map(|s| format!("  agenda section '{s}': its team ({team}) was not imported\n"))
    .collect();
    assert_eq!(
        t.raw("--db a.db import --merge other.json").ok(),
        format!(
            "Imported 0 records into a.db\n1 record was already here, unchanged\n\
             8 conflicts, left as they are here:\n  \
             team 'Growth' ({team}): another team named 'Growth' is already here\n\
             {agenda}  \
             measure 'Net revenue retention': its team ({team}) was not imported\n  \
             reading 2026-W48 of measure {measure}: its measure was not imported\n"
        )
    );
    assert_eq!(digest(&t.path("a.db")), before);
}

/// A listing without its first column: a merge gives records new numbers.
fn without_ids(listing: &str) -> Vec<&str> {
    listing
        .lines()
        .map(|l| l.split_once(' ').map_or(l, |(_, rest)| rest))
        .collect()
}

#[test]
fn a_one_team_export_merges_into_a_database_of_other_teams() {
    let t = demo();
    t.raw("--db a.db --team Growth export --out growth.json")
        .ok();
    t.raw("--db other.db init --team Support").ok();
    t.raw("--db other.db measure add CSAT --owner Zoe --target 90")
        .ok();
    let support = t.raw("--db other.db --team Support scorecard").ok();
    assert_eq!(
        t.raw("--db other.db import --merge growth.json").ok(),
        "Imported 255 records into other.db (5 action items, 5 agenda sections, 14 brief lines, \
         3 decisions, 3 dependencies, 1 flex draw, 3 initiatives, 8 measures, 3 meetings, \
         8 milestones, 3 off-track items, 5 people, 191 readings, 1 team, 2 trigger rules)\n0 records were already here, unchanged\n"
    );
    // Growth now reads as it does at home; Support is as it was.
    for what in [
        "scorecard",
        "action list",
        "decision list",
        "offtrack list",
        "dep list",
    ] {
        assert_eq!(
            without_ids(&t.raw(&format!("--db other.db --team Growth {what}")).ok()),
            without_ids(&t.raw(&format!("--db a.db --team Growth {what}")).ok()),
            "{what}"
        );
    }
    assert_eq!(
        t.raw("--db other.db --team Support scorecard").ok(),
        support
    );
    assert_eq!(
        t.raw("--db other.db person list").ok(),
        "Ana\nCy\nDee\nEli\nGus\nZoe\n"
    );
    // Merging it again, or into the full copy it came from, finds it all.
    assert_eq!(
        t.raw("--db other.db import --merge growth.json").ok(),
        "Imported 0 records into other.db\n255 records were already here, unchanged\n"
    );
    assert_eq!(
        t.raw("--db a.db import --merge growth.json").ok(),
        "Imported 0 records into a.db\n255 records were already here, unchanged\n"
    );
}

#[test]
fn the_brief_travels_whole_and_a_teams_export_carries_its_own_only() {
    let t = Sandbox::new();
    t.raw("--db a.db demo --no-tui").ok();
    assert_eq!(write_brief(&t.path("a.db"), "Growth"), 7);
    let first = export(&t, "a.db", "a.json");
    let out = t.raw("--db b.db import a.json").ok();
    assert!(
        out.starts_with(
            "Imported 787 records into b.db (13 action items, 15 agenda sections, 46 brief lines, "
        ),
        "{out}"
    );
    assert!(export(&t, "b.db", "b.json") == first);
    assert_eq!(
        digest(&t.path("b.db")),
        digest(&t.path("a.db")).replace("\"demo\": true", "\"demo\": false")
    );
    // A copy compares the two exports: the brief is in them.
    let copied = t.raw("copy --from a.db --to c.db").ok();
    assert!(
        copied.starts_with("Copied 787 records from a.db to c.db"),
        "{copied}"
    );
    assert!(export(&t, "c.db", "c.json") == first);

    // Growth's export holds its own lines (the demo's and five more), not
    // the whole database's two.
    t.raw("--db a.db --team Growth export --out growth.json")
        .ok();
    let all = read_json(&t, "a.json");
    let one = read_json(&t, "growth.json");
    let growth = uid_of(&all, "teams", "name", "Growth");
    assert_eq!(
        one["brief"].as_array().unwrap().iter().collect::<Vec<_>>(),
        of_team(&all, "brief", &growth)
    );
    assert_eq!(of_team(&all, "brief", &growth).len(), 19);
    t.raw("--db other.db init --team Support").ok();
    let merged = t.raw("--db other.db import --merge growth.json").ok();
    assert!(merged.contains(", 19 brief lines, "), "{merged}");
    assert_eq!(
        t.raw("--db other.db import --merge growth.json").ok(),
        "Imported 0 records into other.db\n260 records were already here, unchanged\n"
    );
    // The whole export then brings the whole database's brief (and the
    // other two teams' briefs), once.
    let whole = t.raw("--db other.db import --merge a.json").ok();
    assert!(whole.contains(", 27 brief lines, "), "{whole}");
    let again = t.raw("--db other.db import --merge a.json").ok();
    assert!(
        again.starts_with("Imported 0 records into other.db\n"),
        "{again}"
    );
}

#[test]
fn the_plan_travels_whole_and_a_teams_export_carries_its_own_only() {
    let t = demo();
    let all = read_json(&t, "a.json");
    let plan = &all["plan"];
    let count = |v: &Value, k: &str| v[k].as_array().unwrap().len();
    assert_eq!(
        (
            count(plan, "initiatives"),
            count(plan, "milestones"),
            count(plan, "flex_draws")
        ),
        (8, 21, 3)
    );
    assert!(
        all["teams"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["flex_share"].is_i64())
    );
    // Copied, the plan comes back byte for byte (the copy compares exports).
    let copied = t.raw("copy --from a.db --to c.db").ok();
    assert!(
        copied.starts_with("Copied 780 records from a.db to c.db"),
        "{copied}"
    );
    assert!(export(&t, "c.db", "c.json") == std::fs::read(t.path("a.json")).unwrap());

    // Platform's export holds Platform's plan only.
    t.raw("--db a.db --team Platform export --out platform.json")
        .ok();
    let one = read_json(&t, "platform.json");
    let platform = uid_of(&all, "teams", "name", "Platform");
    let initiatives = one["plan"]["initiatives"].as_array().unwrap();
    assert_eq!(initiatives.len(), 3);
    assert!(
        initiatives
            .iter()
            .all(|i| i["team_uid"] == platform.as_str())
    );
    assert_eq!(count(&one["plan"], "milestones"), 7);
    assert_eq!(count(&one["plan"], "flex_draws"), 1);
    t.raw("--db other.db init --team Support").ok();
    let merged = t.raw("--db other.db import --merge platform.json").ok();
    assert!(
        merged.contains(", 1 flex draw, 3 initiatives, "),
        "{merged}"
    );
    assert!(merged.contains(", 7 milestones, "), "{merged}");
    let again = t.raw("--db other.db import --merge platform.json").ok();
    assert!(
        again.starts_with("Imported 0 records into other.db\n"),
        "{again}"
    );
    // The same plan there as here, but for the numbers of its records.
    let plan_of = |db: &str| {
        let mut v = json(
            &t.raw(&format!("--db {db} --team Platform plan show --json"))
                .ok(),
        );
        strip_ids(&mut v);
        v
    };
    assert_eq!(plan_of("other.db"), plan_of("a.db"));
}

/// `v` without its `id` fields and the references by id (`milestone`).
fn strip_ids(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("id");
            map.remove("milestone");
            map.remove("draw");
            map.values_mut().for_each(strip_ids);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_ids),
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Export

#[test]
fn a_one_team_export_holds_only_that_team() {
    let t = demo();
    t.raw("--db a.db --team Growth export --out growth.json")
        .ok();
    let all = read_json(&t, "a.json");
    let one = read_json(&t, "growth.json");
    let growth = uid_of(&all, "teams", "name", "Growth");
    let growth_team = all["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["uid"] == growth.as_str())
        .unwrap();
    assert_eq!(one["teams"], Value::Array(vec![growth_team.clone()]));
    for section in [
        "agendas",
        "measures",
        "offtrack",
        "actions",
        "meetings",
        "decisions",
    ] {
        let want: Vec<&Value> = of_team(&all, section, &growth);
        let got: Vec<&Value> = one[section].as_array().unwrap().iter().collect();
        assert!(!got.is_empty(), "{section}");
        assert_eq!(got, want, "{section}");
    }
    let measures: BTreeSet<&str> = one["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["uid"].as_str().unwrap())
        .collect();
    let readings: Vec<&Value> = all["readings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| measures.contains(r["measure_uid"].as_str().unwrap()))
        .collect();
    assert_eq!(
        one["readings"]
            .as_array()
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        readings
    );
    // Dependencies that name Growth, with the other team by name only.
    let deps = one["dependencies"].as_array().unwrap();
    assert_eq!(deps.len(), 3);
    for d in deps {
        let sides = [&d["needing"], &d["providing"]];
        assert!(
            sides.iter().any(|s| s["team_uid"] == growth.as_str()),
            "{d}"
        );
        assert!(
            sides
                .iter()
                .all(|s| s["team_uid"] == growth.as_str() || s["team_uid"].is_null()),
            "{d}"
        );
    }
    // People: exactly those Growth's records name.
    let mut named = BTreeSet::new();
    for section in [
        "measures",
        "offtrack",
        "actions",
        "dependencies",
        "decisions",
    ] {
        for r in one[section].as_array().unwrap() {
            if let Some(o) = r["owner"].as_str() {
                named.insert(o.to_string());
            }
        }
    }
    for m in one["meetings"].as_array().unwrap() {
        for a in m["attendees"].as_array().unwrap() {
            named.insert(a.as_str().unwrap().to_string());
        }
    }
    let people: BTreeSet<String> = one["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(people, named);
    assert!(people.len() < all["people"].as_array().unwrap().len());
    // And it imports on its own, byte for byte.
    t.raw("--db g.db import growth.json").ok();
    assert!(export(&t, "g.db", "g.json") == std::fs::read(t.path("growth.json")).unwrap());
}

#[test]
fn export_into_a_missing_folder_fails_in_one_line() {
    let t = Sandbox::growth();
    assert_eq!(
        t.fails(1, "export --out nowhere/growth.json"),
        "error: the folder 'nowhere' does not exist: create it first"
    );
    assert!(!t.path("nowhere").exists());
}

// ---------------------------------------------------------------------------
// Standard input

/// The binary as `Sandbox::exec` runs it, with `input` on standard input.
fn with_stdin(t: &Sandbox, args: &[&str], input: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .current_dir(t.path(""))
        .env_remove("RHYTHM_DB")
        .env("RHYTHM_NOW", TODAY)
        .env("XDG_DATA_HOME", t.data_home())
        .env("HOME", t.path("home"))
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        command: format!("rhythm {}", args.join(" ")),
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn a_dash_reads_the_export_from_standard_input() {
    let t = demo();
    let bytes = std::fs::read(t.path("a.json")).unwrap();
    let out = with_stdin(&t, &["--db", "b.db", "import", "-"], &bytes).ok();
    assert!(out.starts_with("Imported 780 records into b.db"), "{out}");
    assert!(export(&t, "b.db", "b.json") == bytes);
    // Merging from standard input works the same way.
    assert_eq!(
        with_stdin(&t, &["--db", "b.db", "import", "--merge", "-"], &bytes).ok(),
        "Imported 0 records into b.db\n780 records were already here, unchanged\n"
    );
}

#[test]
fn bad_standard_input_is_refused_by_the_name_dash() {
    let t = Sandbox::new();
    let cases: [(&[u8], &str); 3] = [
        (b"", "error: '-' is empty: it is not a rhythm export"),
        (
            b"{\"format\": \"rhythm\"",
            "error: '-' is not valid JSON: EOF while parsing an object at line 1 column 19",
        ),
        (
            b"\xff",
            "error: '-' is not UTF-8 text (bad byte at offset 0)",
        ),
    ];
    for (input, message) in cases {
        let got = with_stdin(&t, &["--db", "new.db", "import", "-"], input).fails(1);
        assert_eq!(got, message);
        assert_eq!(files_of(&t, "new.db"), Vec::<String>::new());
    }
}

/// One set of rules checks every write, whatever its origin: a name `init`
/// refuses, an import refuses with the same words, and writes nothing.
#[test]
fn an_import_refuses_a_name_exactly_as_init_does() {
    let long = "x".repeat(5000);
    let t = Sandbox::new();
    let by_init = t
        .exec(&[], &["--db", "a.db", "init", "--team", &long])
        .fails(1);
    assert!(!t.path("a.db").exists());
    t.ok("init --team Growth");
    export(&t, "team.db", "e.json");
    let mut archive = read_json(&t, "e.json");
    archive["teams"][0]["name"] = Value::String(long);
    std::fs::write(t.path("big.json"), archive.to_string()).unwrap();
    let by_import = t
        .exec(&[], &["--db", "b.db", "import", "big.json"])
        .fails(1);
    let rule = by_init.trim_start_matches("error: ");
    assert_eq!(
        by_import,
        format!("error: 'big.json': teams[0].name: {rule}")
    );
    assert!(!t.path("b.db").exists());
}
