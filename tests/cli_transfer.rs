//! `rhythm export` and `rhythm import` through the real binary: the demo
//! round trip, the malformed corpus in tests/fixtures/import (each file
//! refused with its one line, exit 1 and nothing written), --merge, one-team
//! exports, --out and standard input.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{Run, Sandbox, TODAY, digest, json};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// Copies a fixture into the sandbox under its own name, so messages quote
/// the name and not the checkout's path.
fn put(t: &Sandbox, name: &str) {
    std::fs::copy(fixtures().join(name), t.path(name)).unwrap();
}

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

/// The records of `section` whose `team` field is `team`.
fn of_team<'a>(archive: &'a Value, section: &str, team: &str) -> Vec<&'a Value> {
    archive[section]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["team"] == team)
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
        "Imported 707 records into b.db (13 action items, 15 agenda sections, 9 decisions, \
         5 dependencies, 25 measures, 9 meetings, 7 off-track items, 12 people, 609 readings, \
         3 teams)\n"
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
fn the_minimal_valid_fixture_imports_and_exports_as_it_was() {
    let t = Sandbox::new();
    put(&t, "valid_minimal.json");
    assert_eq!(
        t.raw("--db new.db import valid_minimal.json").ok(),
        "Imported 15 records into new.db (1 action item, 2 agenda sections, 2 decisions, \
         1 dependency, 2 measures, 1 meeting, 1 off-track item, 2 people, 2 readings, \
         1 team)\n"
    );
    let back = export(&t, "new.db", "back.json");
    let fixture = std::fs::read(fixtures().join("valid_minimal.json")).unwrap();
    assert!(back == fixture, "{}", String::from_utf8_lossy(&back));
}

#[test]
fn a_database_that_holds_data_takes_an_import_only_with_merge() {
    let t = Sandbox::growth();
    put(&t, "valid_minimal.json");
    let before = t.digest();
    assert_eq!(
        t.fails(1, "import valid_minimal.json"),
        "error: this database already holds data: import into a new file, or add --merge to add what is new"
    );
    assert_eq!(t.digest(), before);
}

// ---------------------------------------------------------------------------
// The malformed corpus

/// Every file of tests/fixtures/import but valid_minimal.json, with the one
/// line `rhythm import` must print for it.
const MALFORMED: &[(&str, &str)] = &[
    // The file as a whole
    (
        "empty.json",
        "'empty.json' is empty: it is not a rhythm export",
    ),
    (
        "whitespace_only.json",
        "'whitespace_only.json' is empty: it is not a rhythm export",
    ),
    (
        "truncated.json",
        "'truncated.json' is not valid JSON: EOF while parsing a string at line 43 column 20",
    ),
    (
        "not_json.json",
        "'not_json.json' is not valid JSON: expected ident at line 1 column 2",
    ),
    (
        "trailing_garbage.json",
        "'trailing_garbage.json' is not valid JSON: trailing characters at line 221 column 1",
    ),
    (
        "nan_token.json",
        "'nan_token.json' is not valid JSON: expected value at line 83 column 16",
    ),
    (
        "infinity_token.json",
        "'infinity_token.json' is not valid JSON: expected value at line 83 column 16",
    ),
    (
        "number_too_large.json",
        "'number_too_large.json' is not valid JSON: number out of range at line 83 column 20",
    ),
    (
        "not_utf8.json",
        "'not_utf8.json' is not UTF-8 text (bad byte at offset 1782)",
    ),
    (
        "binary.json",
        "'binary.json' is not UTF-8 text (bad byte at offset 3)",
    ),
    (
        "array.json",
        "'array.json' is not a rhythm export: it is not a JSON object",
    ),
    (
        "string.json",
        "'string.json' is not a rhythm export: it is not a JSON object",
    ),
    // Format and version
    (
        "format_missing.json",
        "'format_missing.json' is not a rhythm export: it has no \"format\" field",
    ),
    (
        "format_wrong.json",
        "'format_wrong.json' is not a rhythm export: \"format\" is \"rhythm-backup\", not \"rhythm\"",
    ),
    (
        "format_null.json",
        "'format_null.json' is not a rhythm export: \"format\" is null, not \"rhythm\"",
    ),
    (
        "version_missing.json",
        "'version_missing.json' is not a rhythm export: it has no \"version\" field",
    ),
    (
        "version_newer.json",
        "'version_newer.json' was written by a newer rhythm (version 2; this one reads version 1): upgrade rhythm to import it",
    ),
    (
        "version_zero.json",
        "'version_zero.json' has version 0; this rhythm reads version 1",
    ),
    (
        "version_string.json",
        "'version_string.json' has version \"1\"; this rhythm reads version 1",
    ),
    (
        "version_negative.json",
        "'version_negative.json' has version -1; this rhythm reads version 1",
    ),
    (
        "version_fraction.json",
        "'version_fraction.json' has version 1.5; this rhythm reads version 1",
    ),
    // The typed shape
    (
        "unknown_field_top.json",
        "'unknown_field_top.json' does not fit the export format: unknown field `comment`, expected one of `format`, `version`, `teams`, `people`, `agendas`, `measures`, `readings`, `offtrack`, `actions`, `dependencies`, `meetings`, `decisions` at line 220 column 11",
    ),
    (
        "unknown_field_record.json",
        "'unknown_field_record.json' does not fit the export format: unknown field `colour`, expected one of `uid`, `id`, `team`, `name`, `owner`, `unit`, `kind`, `direction`, `target`, `range_low`, `range_high`, `tolerance`, `position`, `archived`, `created_at`, `updated_at` at line 59 column 14",
    ),
    (
        "missing_field.json",
        "'missing_field.json' does not fit the export format: missing field `created_at` at line 10 column 5",
    ),
    (
        "missing_section.json",
        "'missing_section.json' does not fit the export format: missing field `readings` at line 204 column 1",
    ),
    (
        "string_for_number.json",
        "'string_for_number.json' does not fit the export format: invalid type: string \"104.5\", expected f64 at line 83 column 22",
    ),
    (
        "number_for_string.json",
        "'number_for_string.json' does not fit the export format: invalid type: integer `42`, expected a string at line 8 column 16",
    ),
    (
        "null_for_required.json",
        "'null_for_required.json' does not fit the export format: invalid type: null, expected a string at line 46 column 18",
    ),
    (
        "bool_as_number.json",
        "'bool_as_number.json' does not fit the export format: invalid type: integer `0`, expected a boolean at line 56 column 19",
    ),
    (
        "id_fraction.json",
        "'id_fraction.json' does not fit the export format: invalid type: floating point `1.5`, expected i64 at line 7 column 15",
    ),
    (
        "section_not_array.json",
        "'section_not_array.json' does not fit the export format: invalid type: map, expected a sequence at line 4 column 11",
    ),
    // References and uniqueness
    (
        "duplicate_uid.json",
        "'duplicate_uid.json': measures[2].uid: 'measure-nrr' appears twice",
    ),
    (
        "empty_uid.json",
        "'empty_uid.json': offtrack[0].uid: cannot be empty",
    ),
    (
        "duplicate_id.json",
        "'duplicate_id.json': measures[2].id: '1' appears twice",
    ),
    (
        "duplicate_team_name.json",
        "'duplicate_team_name.json': teams[1].name: 'Growth' appears twice",
    ),
    (
        "duplicate_team_name_case.json",
        "'duplicate_team_name_case.json': teams[1].name: 'GROWTH' appears twice",
    ),
    (
        "duplicate_person.json",
        "'duplicate_person.json': people[2].name: 'ana' appears twice",
    ),
    (
        "duplicate_measure_name.json",
        "'duplicate_measure_name.json': measures[2].name: 'NET REVENUE RETENTION' appears twice in its team",
    ),
    (
        "duplicate_meeting.json",
        "'duplicate_meeting.json': meetings[1].week: '2026-W46' appears twice in the team's weekly meetings",
    ),
    (
        "duplicate_agenda_position.json",
        "'duplicate_agenda_position.json': agendas[1].position: '0' appears twice in the team's weekly agenda",
    ),
    (
        "duplicate_reading.json",
        "'duplicate_reading.json': readings[2]: week '2026-W46' of measure 'measure-nrr' appears twice",
    ),
    (
        "reading_missing_measure.json",
        "'reading_missing_measure.json': readings[0].measure: 'measure-gone' is not in this export",
    ),
    (
        "measure_missing_team.json",
        "'measure_missing_team.json': measures[1].team: 'team-gone' is not in this export",
    ),
    (
        "offtrack_missing_measure.json",
        "'offtrack_missing_measure.json': offtrack[0].measure: 'measure-gone' is not in this export",
    ),
    (
        "action_missing_source.json",
        "'action_missing_source.json': actions[0].source_uid: 'offtrack-gone' is not in this export",
    ),
    (
        "dependency_missing_team.json",
        "'dependency_missing_team.json': dependencies[0].providing.team: 'team-gone' is not in this export",
    ),
    (
        "dependency_without_team.json",
        "'dependency_without_team.json': dependencies[0]: neither side is a team of this export",
    ),
    (
        "decision_missing_meeting.json",
        "'decision_missing_meeting.json': decisions[1].meeting: 'meeting-gone' is not in this export",
    ),
    (
        "supersedes_missing.json",
        "'supersedes_missing.json': decisions[1].supersedes: 'decision-gone' is not in this export",
    ),
    // Values
    (
        "bad_week.json",
        "'bad_week.json': readings[1].week: '2026-W54' is not a week: that year has no such week (use 2026-W48 or a date such as 2026-11-25)",
    ),
    (
        "bad_week_text.json",
        "'bad_week_text.json': meetings[0].week: 'last week' is not a week: unknown format (use 2026-W48 or a date such as 2026-11-25)",
    ),
    (
        "week_as_date.json",
        "'week_as_date.json': readings[0].week: '2026-11-11' must be written '2026-W46'",
    ),
    (
        "bad_date.json",
        "'bad_date.json': actions[0].due: '2026-02-30' is not a date: no such day in the calendar (write dates as YYYY-MM-DD, such as 2026-11-25)",
    ),
    (
        "bad_date_format.json",
        "'bad_date_format.json': dependencies[0].needed_by: '04/12/2026' is not a date: unknown format (write dates as YYYY-MM-DD, such as 2026-11-25)",
    ),
    (
        "date_with_space.json",
        "'date_with_space.json': actions[0].due: ' 2026-11-20' must be written '2026-11-20'",
    ),
    (
        "timestamp_bad.json",
        "'timestamp_bad.json': actions[0].created_at: 'yesterday' is not a timestamp such as '2026-11-25 09:00:00+00:00'",
    ),
    (
        "timestamp_iso_t.json",
        "'timestamp_iso_t.json': meetings[0].started_at: '2026-11-16T10:00:00Z' is not a timestamp such as '2026-11-25 09:00:00+00:00'",
    ),
    (
        "timestamp_offset.json",
        "'timestamp_offset.json': decisions[0].made_at: '2026-11-02 10:00:00+01:00' must be written '2026-11-02 09:00:00+00:00'",
    ),
    (
        "state_pending.json",
        "'state_pending.json': actions[0].state: 'pending' is not one of: open, done, dropped",
    ),
    (
        "lane_urgent.json",
        "'lane_urgent.json': decisions[0].lane: 'urgent' is not one of: commitment, guardrail, autonomy",
    ),
    (
        "kind_fast.json",
        "'kind_fast.json': measures[0].kind: 'fast' is not one of: leading, lagging",
    ),
    (
        "review_last.json",
        "'review_last.json': teams[0].review: 'last' is not one of: current, previous",
    ),
    (
        "kind_capitalised.json",
        "'kind_capitalised.json': measures[0].kind: 'Lagging' must be written 'lagging'",
    ),
    (
        "direction_up.json",
        "'direction_up.json': measures[0].direction: 'up' is not a direction (higher, lower or range)",
    ),
    (
        "status_late.json",
        "'status_late.json': dependencies[0].status: 'late' is not one of: on_track, at_risk, blocked, done",
    ),
    (
        "status_spaced.json",
        "'status_spaced.json': dependencies[0].status: 'on track' must be written 'on_track'",
    ),
    (
        "meeting_kind_daily.json",
        "'meeting_kind_daily.json': meetings[0].kind: 'daily' is not one of: weekly, monthly, quarterly",
    ),
    (
        "range_one_end.json",
        "'range_one_end.json': measures[1].range_low: a range needs both ends",
    ),
    (
        "range_empty.json",
        "'range_empty.json': measures[1].target: range '6..5' is empty: its low end must be below its high end",
    ),
    (
        "target_on_range.json",
        "'target_on_range.json': measures[1].target: direction 'range' takes --range, not --target",
    ),
    (
        "no_target.json",
        "'no_target.json': measures[0].target: direction 'higher' needs a target: add --target",
    ),
    (
        "tolerance_negative.json",
        "'tolerance_negative.json': measures[0].tolerance: tolerance '-0.1' must be a fraction from 0 to 1, such as 0.1",
    ),
    (
        "tolerance_above_one.json",
        "'tolerance_above_one.json': measures[0].tolerance: tolerance '1.5' must be a fraction from 0 to 1, such as 0.1",
    ),
    (
        "rating_11.json",
        "'rating_11.json': meetings[0].rating: '11' must be from 1 to 10",
    ),
    (
        "rating_0.json",
        "'rating_0.json': meetings[0].rating: '0' must be from 1 to 10",
    ),
    (
        "agenda_negative_minutes.json",
        "'agenda_negative_minutes.json': agendas[0].minutes: '-5' is negative",
    ),
    (
        "seconds_negative.json",
        "'seconds_negative.json': meetings[0].sections[0].seconds_spent: '-1' is negative",
    ),
    (
        "position_too_large.json",
        "'position_too_large.json': measures[0].position: '4294967296' is too large",
    ),
    (
        "empty_team_name.json",
        "'empty_team_name.json': teams[0].name: team name cannot be empty",
    ),
    (
        "blank_measure_name.json",
        "'blank_measure_name.json': measures[0].name: measure name cannot be empty",
    ),
    (
        "empty_title.json",
        "'empty_title.json': decisions[0].title: cannot be empty",
    ),
    (
        "owner_blank.json",
        "'owner_blank.json': measures[0].owner: owner cannot be empty",
    ),
    (
        "team_name_newline.json",
        "'team_name_newline.json': teams[0].name: team name 'Growth\\nPlatform' contains a control character",
    ),
    (
        "attendee_control.json",
        "'attendee_control.json': meetings[0].attendees[0]: attendee 'Ana\\u{7}' contains a control character",
    ),
];

#[test]
fn the_corpus_and_its_messages_match() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json") && n != "valid_minimal.json")
        .collect();
    let listed: BTreeSet<String> = MALFORMED.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(
        on_disk, listed,
        "regenerate with make_fixtures.py, then list each file here"
    );
    assert!(listed.len() >= 30);
}

#[test]
fn every_malformed_file_is_refused_in_one_line_and_changes_nothing() {
    let t = Sandbox::growth();
    let before = t.digest();
    let mut wrong = Vec::new();
    for (file, message) in MALFORMED {
        put(&t, file);
        let want = format!("error: {message}");
        for merge in ["", " --merge"] {
            let got = t.fails(1, &format!("import {file}{merge}"));
            if got != want {
                wrong.push(format!("{file}{merge}:\n  want {want}\n  got  {got}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(t.digest(), before, "a refused import wrote to the database");
}

#[test]
fn a_malformed_file_creates_no_database() {
    let t = Sandbox::new();
    for (file, message) in MALFORMED {
        put(&t, file);
        let got = t.raw(&format!("--db new.db import {file}")).fails(1);
        assert_eq!(got, format!("error: {message}"));
        assert_eq!(files_of(&t, "new.db"), Vec::<String>::new(), "{file}");
    }
    // Nor does the default database appear in the data directory.
    put(&t, "truncated.json");
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
            "Imported 0 records into b.db\n707 records were already here, unchanged\n"
        );
    }
    assert_eq!(digest(&t.path("b.db")), before);
    // Into the database it came from, too.
    assert_eq!(
        t.raw("--db a.db import --merge a.json").ok(),
        "Imported 0 records into a.db\n707 records were already here, unchanged\n"
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
        "Imported 1 record into b.db (1 reading)\n707 records were already here, unchanged\n"
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
            "Imported 0 records into b.db\n705 records were already here, unchanged\n\
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
            "Imported 0 records into a.db\n1 records were already here, unchanged\n\
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
        "Imported 227 records into other.db (5 action items, 5 agenda sections, 3 decisions, \
         3 dependencies, 8 measures, 3 meetings, 3 off-track items, 5 people, 191 readings, \
         1 team)\n0 records were already here, unchanged\n"
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
        "Imported 0 records into other.db\n227 records were already here, unchanged\n"
    );
    assert_eq!(
        t.raw("--db a.db import --merge growth.json").ok(),
        "Imported 0 records into a.db\n227 records were already here, unchanged\n"
    );
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
        .filter(|r| measures.contains(r["measure"].as_str().unwrap()))
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
        assert!(sides.iter().any(|s| s["team"] == growth.as_str()), "{d}");
        assert!(
            sides
                .iter()
                .all(|s| s["team"] == growth.as_str() || s["team"].is_null()),
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
    assert!(out.starts_with("Imported 707 records into b.db"), "{out}");
    assert!(export(&t, "b.db", "b.json") == bytes);
    // Merging from standard input works the same way.
    assert_eq!(
        with_stdin(&t, &["--db", "b.db", "import", "--merge", "-"], &bytes).ok(),
        "Imported 0 records into b.db\n707 records were already here, unchanged\n"
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
