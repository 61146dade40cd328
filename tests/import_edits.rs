//! `rhythm import` refuses every malformed file in one line and writes
//! nothing. One valid export (`valid`, a small one with a record of every
//! kind) and a table of edits to it, each with the exact line it must give,
//! run in-process through `cli::main_with`: into a database that holds
//! data, with and without --merge (unchanged after), and into a new file
//! (never created).

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use common::{TODAY, digest, json, shell_words};
use rhythm::clock::Clock;
use rhythm::domain::archive::{Archive, Timed};
use serde_json::{Value, json};
use tempfile::TempDir;

const T0: &str = "2026-11-02T09:00:00Z";
const T1: &str = "2026-11-16T10:30:00Z";

/// A small export of version 3 with one record of every kind, as `rhythm
/// export` wrote it before trigger rules; exported again, it is
/// `as_exported` of it (the first test below proves it).
fn valid() -> Value {
    json!({
        "format": "rhythm",
        "version": 4,
        "teams": [
            {"uid": "team-growth", "id": 1, "name": "Growth", "review": "current", "flex_share": 15, "created_at": T0},
        ],
        "people": [
            {"id": 1, "name": "Ana", "created_at": T0},
            {"id": 2, "name": "Bo", "created_at": T0},
        ],
        "agendas": [
            {"team_uid": "team-growth", "kind": "weekly", "position": 0, "name": "Scorecard", "minutes": 10},
            {"team_uid": "team-growth", "kind": "weekly", "position": 1, "name": "Off-track", "minutes": 25},
        ],
        "measures": [
            {
                "uid": "measure-nrr", "id": 1, "team_uid": "team-growth", "name": "Net revenue retention",
                "owner": "Ana", "unit": "%", "kind": "lagging", "direction": "higher",
                "target": 110.0, "range_low": null, "range_high": null, "tolerance": 0.05,
                "position": 1, "archived": false, "created_at": T0, "updated_at": T0,
            },
            {
                "uid": "measure-coverage", "id": 2, "team_uid": "team-growth", "name": "Pipeline coverage",
                "owner": "Bo", "unit": "x", "kind": "leading", "direction": "range",
                "target": null, "range_low": 3.0, "range_high": 5.0, "tolerance": 0.1,
                "position": 2, "archived": false, "created_at": T0, "updated_at": T0,
            },
        ],
        "readings": [
            {"measure_uid": "measure-nrr", "week": "2026-W46", "value": 104.5,
             "note": "two renewals slipped", "recorded_at": T1},
            {"measure_uid": "measure-coverage", "week": "2026-W46", "value": 3.5,
             "note": null, "recorded_at": T1},
        ],
        "offtrack": [
            {
                "uid": "offtrack-nrr", "id": 1, "team_uid": "team-growth", "measure_uid": "measure-nrr",
                "title": "NRR below plan", "owner": "Ana", "why": "Two renewals slipped.",
                "change": "Call the five largest renewals.", "state": "open",
                "raised_week": "2026-W46", "created_at": T1, "updated_at": T1,
            },
        ],
        "actions": [
            {
                "uid": "action-call", "id": 1, "team_uid": "team-growth",
                "title": "Call the five largest renewals", "owner": "Ana", "due": "2026-11-20",
                "state": "open", "source": "offtrack", "source_uid": "offtrack-nrr",
                "created_at": T1, "updated_at": T1, "closed_at": null,
            },
        ],
        "dependencies": [
            {
                "uid": "dependency-contract", "id": 1,
                "needing": {"team_uid": "team-growth", "name": "Growth"},
                "providing": {"team_uid": null, "name": "Legal"},
                "what": "Contract template review", "owner": "Bo", "needed_by": "2026-12-04",
                "status": "on_track", "note": null, "created_at": T1, "updated_at": T1,
            },
        ],
        "meetings": [
            {
                "uid": "meeting-w46", "id": 1, "team_uid": "team-growth", "kind": "weekly",
                "week": "2026-W46", "started_at": "2026-11-16T10:00:00Z",
                "ended_at": "2026-11-16T10:40:00Z", "current_section": 1, "rating": 8,
                "snapshot": null, "minutes": "# Growth weekly 2026-W46\n",
                "sections": [
                    {"name": "Scorecard", "minutes": 10, "seconds_spent": 600},
                    {"name": "Off-track", "minutes": 25, "seconds_spent": 1800},
                ],
                "attendees": ["Ana", "Bo"],
            },
        ],
        "decisions": [
            {
                "uid": "decision-discount", "id": 1, "team_uid": "team-growth",
                "title": "Keep the annual discount at 20%", "context": "Renewals are soft.",
                "options": ["Keep 20%", "Move to 15%"], "chosen": "Keep 20%", "owner": "Ana",
                "lane": "commitment", "state": "superseded", "due": null, "made_at": T0,
                "meeting_uid": null, "supersedes_uid": null, "created_at": T0, "updated_at": T1,
            },
            {
                "uid": "decision-discount-2", "id": 2, "team_uid": "team-growth",
                "title": "Cut the annual discount to 15%", "context": "", "options": [],
                "chosen": "Move to 15% from January", "owner": "Ana", "lane": "commitment",
                "state": "made", "due": null, "made_at": T1, "meeting_uid": "meeting-w46",
                "supersedes_uid": "decision-discount", "created_at": T1, "updated_at": T1,
            },
        ],
        "brief": [
            {
                "uid": "brief-focus", "id": 1, "team_uid": "team-growth", "quarter": "2026-Q4",
                "kind": "choice", "position": 1, "text": "Mid-market healthcare",
                "detail": "Longer sales cycles", "integrator": null, "measure_uid": null,
                "objective_uid": null, "created_at": T0, "updated_at": T1,
            },
            {
                "uid": "brief-win", "id": 2, "team_uid": "team-growth", "quarter": "2026-Q4",
                "kind": "objective", "position": 1, "text": "Win five healthcare logos",
                "detail": "", "integrator": "Bo", "measure_uid": null, "objective_uid": null,
                "created_at": T0, "updated_at": T0,
            },
            {
                "uid": "brief-germany", "id": 3, "team_uid": "team-growth", "quarter": "2026-Q4",
                "kind": "exclusion", "position": 1, "text": "No expansion to Germany",
                "detail": "Until churn is below 8%", "integrator": null, "measure_uid": null,
                "objective_uid": null, "created_at": T0, "updated_at": T0,
            },
            {
                "uid": "brief-win-nrr", "id": 4, "team_uid": "team-growth", "quarter": "2026-Q4",
                "kind": "measure", "position": 1, "text": "", "detail": "", "integrator": null,
                "measure_uid": "measure-nrr", "objective_uid": "brief-win",
                "created_at": T0, "updated_at": T0,
            },
            {
                "uid": "brief-one-product", "id": 5, "team_uid": null, "quarter": "2026-Q4",
                "kind": "choice", "position": 1, "text": "One product for every segment",
                "detail": "", "integrator": null, "measure_uid": null, "objective_uid": null,
                "created_at": T0, "updated_at": T0,
            },
            {
                "uid": "brief-coverage", "id": 6, "team_uid": null, "quarter": "2026-Q4",
                "kind": "measure", "position": 1, "text": "", "detail": "", "integrator": null,
                "measure_uid": "measure-coverage", "objective_uid": null,
                "created_at": T1, "updated_at": T1,
            },
        ],
        "plan": {
            "initiatives": [
                {
                    "uid": "initiative-kit", "id": 1, "team_uid": "team-growth",
                    "title": "Healthcare onboarding kit", "owner": "Ana", "serves_uid": "brief-win",
                    "start": "2026-11", "end": "2027-01", "state": "open", "note": null,
                    "people": [{"person": "Ana", "share": 40}, {"person": "Bo", "share": 25}],
                    "created_at": T0, "updated_at": T1,
                },
            ],
            "milestones": [
                {
                    "uid": "milestone-vendor", "id": 1, "initiative_uid": "initiative-kit",
                    "title": "Pick the e-signature vendor", "owner": "Bo", "month": "2026-12",
                    "phase": "decide", "phase_since": T0, "state": "open", "note": null,
                    "decision_uid": "decision-discount-2", "created_at": T0, "updated_at": T1,
                },
            ],
            "flex_draws": [
                {
                    "uid": "draw-outage", "id": 1, "team_uid": "team-growth", "why": "Billing outage",
                    "drawn_on": "2026-11-10",
                    "post_mortem": {"what": "Two days down", "factors": "One region", "change": "Second region"},
                    "created_at": T1, "updated_at": T1,
                },
            ],
        },
    })
}

/// `valid()` as a version 2 file has it: no brief, no plan, no pool.
fn without_brief(version: u32) -> Value {
    let mut a = valid();
    a["version"] = json!(version);
    remove(&mut a, "brief");
    remove(&mut a, "plan");
    remove(&mut a["teams"][0], "flex_share");
    a
}

/// The document as a file holds it (keys in serde_json's order, which the
/// line and column numbers of the messages below follow).
fn text(archive: &Value) -> String {
    serde_json::to_string_pretty(archive).unwrap() + "\n"
}

/// What a row does to the valid export.
enum Edit {
    /// Edits the document, then writes it out.
    Json(fn(&mut Value)),
    /// Makes the file's bytes from the valid document's text.
    Bytes(fn(&str) -> Vec<u8>),
}

/// Appends a copy of `section[index]` with `changes` on top.
fn copy_record(a: &mut Value, section: &str, index: usize, changes: Value) {
    let mut r = a[section][index].clone();
    for (k, v) in changes.as_object().unwrap() {
        r[k] = v.clone();
    }
    a[section].as_array_mut().unwrap().push(r);
}

fn second_team_named(a: &mut Value, name: &str) {
    let team = json!({"uid": "team-other", "id": 2, "name": name, "created_at": T0});
    a["teams"].as_array_mut().unwrap().push(team);
}

fn remove(record: &mut Value, field: &str) {
    record.as_object_mut().unwrap().remove(field);
}

/// Each row: the file's name, the edit, and the one line `rhythm import`
/// prints for it (without `error: `), `FILE` standing for the file's path.
/// One row per line, unformatted, so the table reads as a table.
#[rustfmt::skip]
fn rows() -> Vec<(&'static str, Edit, &'static str)> {
    use Edit::{Bytes, Json};
    vec![
        // The file as a whole
        ("empty", Bytes(|_| Vec::new()), "'FILE' is empty: it is not a rhythm export"),
        ("whitespace_only", Bytes(|_| b" \n\t\n  \n".to_vec()), "'FILE' is empty: it is not a rhythm export"),
        // Cut mid-record, as a failed download or a full disk leaves it.
        ("truncated", Bytes(|t| t[..t.find("\"measures\"").unwrap() + 40].into()), "'FILE' is not valid JSON: EOF while parsing a value at line 191 column 20"),
        ("not_json", Bytes(|_| b"format = rhythm\nversion = 1\n".to_vec()), "'FILE' is not valid JSON: expected ident at line 1 column 2"),
        ("trailing_garbage", Bytes(|t| format!("{t}}}\n").into()), "'FILE' is not valid JSON: trailing characters at line 375 column 1"),
        ("nan_token", Bytes(|t| t.replace("\"value\": 104.5", "\"value\": NaN").into()), "'FILE' is not valid JSON: expected value at line 352 column 16"),
        ("infinity_token", Bytes(|t| t.replace("\"value\": 104.5", "\"value\": Infinity").into()), "'FILE' is not valid JSON: expected value at line 352 column 16"),
        ("number_too_large", Bytes(|t| t.replace("\"value\": 104.5", "\"value\": 1e400").into()), "'FILE' is not valid JSON: number out of range at line 352 column 20"),
        // Latin-1 "é" in a note: not UTF-8.
        ("not_utf8", Bytes(|t| { let mut b = t.as_bytes().to_vec(); b[t.find("slipped").unwrap() + 5] = 0xE9; b }), "'FILE' is not UTF-8 text (bad byte at offset 6739)"),
        ("binary", Bytes(|_| vec![0x53, 0x51, 0x4C, 0xFF, 0xFE, 0x00, 0x01]), "'FILE' is not UTF-8 text (bad byte at offset 3)"),
        ("array", Bytes(|t| format!("[{}]\n", t.trim_end()).into()), "'FILE' is not a rhythm export: it is not a JSON object"),
        ("string", Bytes(|_| b"\"rhythm\"\n".to_vec()), "'FILE' is not a rhythm export: it is not a JSON object"),
        // Format and version
        ("format_missing", Json(|a| remove(a, "format")), "'FILE' is not a rhythm export: it has no \"format\" field"),
        ("format_wrong", Json(|a| a["format"] = json!("rhythm-backup")), "'FILE' is not a rhythm export: \"format\" is \"rhythm-backup\", not \"rhythm\""),
        ("format_null", Json(|a| a["format"] = Value::Null), "'FILE' is not a rhythm export: \"format\" is null, not \"rhythm\""),
        ("version_missing", Json(|a| remove(a, "version")), "'FILE' is not a rhythm export: it has no \"version\" field"),
        ("version_newer", Json(|a| a["version"] = json!(6)), "'FILE' was written by a newer rhythm (version 6; this one reads up to version 5): upgrade rhythm to import it"),
        ("version_zero", Json(|a| a["version"] = json!(0)), "'FILE' has version 0; this rhythm reads versions 1 to 5"),
        ("version_string", Json(|a| a["version"] = json!("1")), "'FILE' has version \"1\"; this rhythm reads versions 1 to 5"),
        ("version_negative", Json(|a| a["version"] = json!(-1)), "'FILE' has version -1; this rhythm reads versions 1 to 5"),
        ("version_fraction", Json(|a| a["version"] = json!(1.5)), "'FILE' has version 1.5; this rhythm reads versions 1 to 5"),
        // The typed shape
        ("unknown_field_top", Json(|a| a["comment"] = json!("exported by hand")), "'FILE' does not fit the export format: unknown field `comment`, expected one of `format`, `version`, `teams`, `people`, `agendas`, `measures`, `readings`, `offtrack`, `actions`, `dependencies`, `meetings`, `decisions`, `brief`, `triggers`, `plan`, `links` at line 126 column 11"),
        ("unknown_field_record", Json(|a| a["measures"][0]["colour"] = json!("green")), "'FILE' does not fit the export format: unknown field `colour`, expected one of `uid`, `id`, `team`, `team_uid`, `name`, `owner`, `unit`, `kind`, `direction`, `target`, `range_low`, `range_high`, `tolerance`, `position`, `archived`, `created_at`, `updated_at`, `rollup` at line 192 column 14"),
        ("missing_field", Json(|a| remove(&mut a["teams"][0], "created_at")), "'FILE' does not fit the export format: missing field `created_at` at line 370 column 5"),
        ("missing_section", Json(|a| remove(a, "readings")), "'FILE' does not fit the export format: missing field `readings` at line 358 column 1"),
        ("string_for_number", Json(|a| a["readings"][0]["value"] = json!("104.5")), "'FILE' does not fit the export format: invalid type: string \"104.5\", expected f64 at line 352 column 22"),
        ("number_for_string", Json(|a| a["teams"][0]["name"] = json!(42)), "'FILE' does not fit the export format: invalid type: integer `42`, expected a string at line 368 column 16"),
        ("null_for_required", Json(|a| a["measures"][0]["name"] = Value::Null), "'FILE' does not fit the export format: invalid type: null, expected a string at line 196 column 18"),
        ("bool_as_number", Json(|a| a["measures"][0]["archived"] = json!(0)), "'FILE' does not fit the export format: invalid type: integer `0`, expected a boolean at line 191 column 19"),
        ("id_fraction", Json(|a| a["teams"][0]["id"] = json!(1.5)), "'FILE' does not fit the export format: invalid type: floating point `1.5`, expected i64 at line 367 column 15"),
        ("section_not_array", Json(|a| a["teams"] = json!({"uid": "team-growth"})), "'FILE' does not fit the export format: invalid type: map, expected a sequence at line 363 column 11"),
        // References and uniqueness
        ("duplicate_uid", Json(|a| copy_record(a, "measures", 0, json!({"id": 3, "name": "NRR copy"}))), "'FILE': measures[2].uid: 'measure-nrr' appears twice"),
        ("empty_uid", Json(|a| a["offtrack"][0]["uid"] = json!(" ")), "'FILE': offtrack[0].uid: cannot be empty"),
        ("duplicate_id", Json(|a| { copy_record( a, "measures", 0, json!({"uid": "measure-other", "name": "Other"}), ) }), "'FILE': measures[2].id: '1' appears twice"),
        ("duplicate_team_name", Json(|a| second_team_named(a, "Growth")), "'FILE': teams[1].name: 'Growth' appears twice"),
        ("duplicate_team_name_case", Json(|a| second_team_named(a, "GROWTH")), "'FILE': teams[1].name: 'GROWTH' appears twice"),
        ("duplicate_person", Json(|a| { a["people"] .as_array_mut() .unwrap() .push(json!({"id": 3, "name": "ana", "created_at": T0})) }), "'FILE': people[2].name: 'ana' appears twice"),
        ("duplicate_measure_name", Json(|a| { copy_record( a, "measures", 0, json!({"uid": "measure-nrr-2", "id": 3, "name": "NET REVENUE RETENTION"}), ) }), "'FILE': measures[2].name: 'NET REVENUE RETENTION' appears twice in its team"),
        ("duplicate_meeting", Json(|a| copy_record(a, "meetings", 0, json!({"uid": "meeting-w46-2", "id": 2}))), "'FILE': meetings[1].week: '2026-W46' appears twice in the team's weekly meetings"),
        ("duplicate_agenda_position", Json(|a| a["agendas"][1]["position"] = json!(0)), "'FILE': agendas[1].position: '0' appears twice in the team's weekly agenda"),
        ("duplicate_reading", Json(|a| copy_record(a, "readings", 0, json!({"value": 99.0}))), "'FILE': readings[2]: week '2026-W46' of measure 'measure-nrr' appears twice"),
        ("reading_missing_measure", Json(|a| a["readings"][0]["measure_uid"] = json!("measure-gone")), "'FILE': readings[0].measure_uid: 'measure-gone' is not in this export"),
        ("measure_missing_team", Json(|a| a["measures"][1]["team_uid"] = json!("team-gone")), "'FILE': measures[1].team_uid: 'team-gone' is not in this export"),
        ("offtrack_missing_measure", Json(|a| a["offtrack"][0]["measure_uid"] = json!("measure-gone")), "'FILE': offtrack[0].measure_uid: 'measure-gone' is not in this export"),
        ("action_missing_source", Json(|a| a["actions"][0]["source_uid"] = json!("offtrack-gone")), "'FILE': actions[0].source_uid: 'offtrack-gone' is not in this export"),
        ("dependency_missing_team", Json(|a| a["dependencies"][0]["providing"]["team_uid"] = json!("team-gone")), "'FILE': dependencies[0].providing.team_uid: 'team-gone' is not in this export"),
        ("dependency_without_team", Json(|a| a["dependencies"][0]["needing"]["team_uid"] = Value::Null), "'FILE': dependencies[0]: neither side is a team of this export"),
        ("decision_missing_meeting", Json(|a| a["decisions"][1]["meeting_uid"] = json!("meeting-gone")), "'FILE': decisions[1].meeting_uid: 'meeting-gone' is not in this export"),
        ("supersedes_missing", Json(|a| a["decisions"][1]["supersedes_uid"] = json!("decision-gone")), "'FILE': decisions[1].supersedes_uid: 'decision-gone' is not in this export"),
        // Values
        ("bad_week", Json(|a| a["readings"][1]["week"] = json!("2026-W54")), "'FILE': readings[1].week: '2026-W54' is not a week: that year has no such week (use 2026-W48 or a date such as 2026-11-25)"),
        ("bad_week_text", Json(|a| a["meetings"][0]["week"] = json!("last week")), "'FILE': meetings[0].week: 'last week' is not a week: unknown format (use 2026-W48 or a date such as 2026-11-25)"),
        ("week_as_date", Json(|a| a["readings"][0]["week"] = json!("2026-11-11")), "'FILE': readings[0].week: '2026-11-11' must be written '2026-W46'"),
        ("bad_date", Json(|a| a["actions"][0]["due"] = json!("2026-02-30")), "'FILE': actions[0].due: '2026-02-30' is not a date: no such day in the calendar (write dates as YYYY-MM-DD, such as 2026-11-25)"),
        ("bad_date_format", Json(|a| a["dependencies"][0]["needed_by"] = json!("04/12/2026")), "'FILE': dependencies[0].needed_by: '04/12/2026' is not a date: unknown format (write dates as YYYY-MM-DD, such as 2026-11-25)"),
        ("date_with_space", Json(|a| a["actions"][0]["due"] = json!(" 2026-11-20")), "'FILE': actions[0].due: ' 2026-11-20' must be written '2026-11-20'"),
        ("timestamp_bad", Json(|a| a["actions"][0]["created_at"] = json!("yesterday")), "'FILE': actions[0].created_at: 'yesterday' is not a timestamp such as '2026-11-25T09:00:00Z'"),
        ("timestamp_no_zone", Json(|a| a["meetings"][0]["started_at"] = json!("2026-11-16T10:00:00")), "'FILE': meetings[0].started_at: '2026-11-16T10:00:00' is not a timestamp such as '2026-11-25T09:00:00Z'"),
        ("timestamp_offset", Json(|a| a["decisions"][0]["made_at"] = json!("2026-11-02T10:00:00+01:00")), "'FILE': decisions[0].made_at: '2026-11-02T10:00:00+01:00' must be written '2026-11-02T09:00:00Z'"),
        ("timestamp_old_offset", Json(|a| a["decisions"][0]["made_at"] = json!("2026-11-02 10:00:00+01:00")), "'FILE': decisions[0].made_at: '2026-11-02 10:00:00+01:00' must be written '2026-11-02T09:00:00Z'"),
        ("timestamp_lowercase", Json(|a| a["teams"][0]["created_at"] = json!("2026-11-02t09:00:00z")), "'FILE': teams[0].created_at: '2026-11-02t09:00:00z' must be written '2026-11-02T09:00:00Z'"),
        ("timestamp_year_0", Json(|a| a["people"][0]["created_at"] = json!("0000-11-02T09:00:00Z")), "'FILE': people[0].created_at: '0000-11-02T09:00:00Z' is outside the years rhythm keeps (1900 to 9998)"),
        ("state_pending", Json(|a| a["actions"][0]["state"] = json!("pending")), "'FILE': actions[0].state: 'pending' is not one of: open, done, dropped"),
        ("lane_urgent", Json(|a| a["decisions"][0]["lane"] = json!("urgent")), "'FILE': decisions[0].lane: 'urgent' is not one of: commitment, guardrail, autonomy"),
        ("kind_fast", Json(|a| a["measures"][0]["kind"] = json!("fast")), "'FILE': measures[0].kind: 'fast' is not one of: leading, lagging"),
        ("review_last", Json(|a| a["teams"][0]["review"] = json!("last")), "'FILE': teams[0].review: 'last' is not one of: current, previous"),
        ("kind_capitalised", Json(|a| a["measures"][0]["kind"] = json!("Lagging")), "'FILE': measures[0].kind: 'Lagging' must be written 'lagging'"),
        ("direction_up", Json(|a| a["measures"][0]["direction"] = json!("up")), "'FILE': measures[0].direction: 'up' is not a direction (higher, lower or range)"),
        ("status_late", Json(|a| a["dependencies"][0]["status"] = json!("late")), "'FILE': dependencies[0].status: 'late' is not one of: on_track, at_risk, blocked, done"),
        ("status_spaced", Json(|a| a["dependencies"][0]["status"] = json!("on track")), "'FILE': dependencies[0].status: 'on track' must be written 'on_track'"),
        ("meeting_kind_daily", Json(|a| a["meetings"][0]["kind"] = json!("daily")), "'FILE': meetings[0].kind: 'daily' is not one of: weekly, monthly, quarterly"),
        ("range_one_end", Json(|a| a["measures"][1]["range_high"] = Value::Null), "'FILE': measures[1].range_low: a range needs both ends"),
        ("range_empty", Json(|a| a["measures"][1]["range_low"] = json!(6.0)), "'FILE': measures[1].target: range '6..5' is empty: its low end must be below its high end"),
        ("target_on_range", Json(|a| a["measures"][1]["target"] = json!(4.0)), "'FILE': measures[1].target: direction 'range' takes --range, not --target"),
        ("no_target", Json(|a| a["measures"][0]["target"] = Value::Null), "'FILE': measures[0].target: direction 'higher' needs a target: add --target"),
        ("tolerance_negative", Json(|a| a["measures"][0]["tolerance"] = json!(-0.1)), "'FILE': measures[0].tolerance: tolerance '-0.1' must be a fraction from 0 to 1, such as 0.1"),
        ("tolerance_above_one", Json(|a| a["measures"][0]["tolerance"] = json!(1.5)), "'FILE': measures[0].tolerance: tolerance '1.5' must be a fraction from 0 to 1, such as 0.1"),
        ("rating_11", Json(|a| a["meetings"][0]["rating"] = json!(11)), "'FILE': meetings[0].rating: '11' must be from 1 to 10"),
        ("rating_0", Json(|a| a["meetings"][0]["rating"] = json!(0)), "'FILE': meetings[0].rating: '0' must be from 1 to 10"),
        ("agenda_negative_minutes", Json(|a| a["agendas"][0]["minutes"] = json!(-5)), "'FILE': agendas[0].minutes: '-5' is negative"),
        ("seconds_negative", Json(|a| a["meetings"][0]["sections"][0]["seconds_spent"] = json!(-1)), "'FILE': meetings[0].sections[0].seconds_spent: '-1' is negative"),
        ("position_too_large", Json(|a| a["measures"][0]["position"] = json!(1_u64 << 32)), "'FILE': measures[0].position: '4294967296' is too large"),
        ("empty_team_name", Json(|a| a["teams"][0]["name"] = json!("")), "'FILE': teams[0].name: team name cannot be empty"),
        ("blank_measure_name", Json(|a| a["measures"][0]["name"] = json!("   ")), "'FILE': measures[0].name: measure name cannot be empty"),
        ("empty_title", Json(|a| a["decisions"][0]["title"] = json!("")), "'FILE': decisions[0].title: cannot be empty"),
        ("owner_blank", Json(|a| a["measures"][0]["owner"] = json!("")), "'FILE': measures[0].owner: owner cannot be empty"),
        ("team_name_newline", Json(|a| a["teams"][0]["name"] = json!("Growth\nPlatform")), "'FILE': teams[0].name: team name 'Growth\\nPlatform' contains a control character"),
        ("attendee_control", Json(|a| a["meetings"][0]["attendees"] = json!(["Ana\u{7}"])), "'FILE': meetings[0].attendees[0]: attendee 'Ana\\u{7}' contains a control character"),
        // The brief
        ("brief_missing_team", Json(|a| a["brief"][0]["team_uid"] = json!("team-gone")), "'FILE': brief[0].team_uid: 'team-gone' is not in this export"),
        ("brief_kind_goal", Json(|a| a["brief"][0]["kind"] = json!("goal")), "'FILE': brief[0].kind: 'goal' is not one of: choice, objective, exclusion, measure"),
        ("brief_kind_capitalised", Json(|a| a["brief"][0]["kind"] = json!("Choice")), "'FILE': brief[0].kind: 'Choice' must be written 'choice'"),
        ("brief_quarter_5", Json(|a| a["brief"][0]["quarter"] = json!("2026-Q5")), "'FILE': brief[0].quarter: '2026-Q5' is not a quarter: the quarter must be 1 to 4 (use 2026-Q4, or a date or week inside it)"),
        ("brief_quarter_as_date", Json(|a| a["brief"][0]["quarter"] = json!("2026-11-25")), "'FILE': brief[0].quarter: '2026-11-25' must be written '2026-Q4'"),
        ("brief_position_negative", Json(|a| a["brief"][0]["position"] = json!(-1)), "'FILE': brief[0].position: '-1' is negative"),
        ("brief_empty_choice", Json(|a| a["brief"][0]["text"] = json!(" ")), "'FILE': brief[0].text: choice cannot be empty"),
        ("brief_detail_two_lines", Json(|a| a["brief"][2]["detail"] = json!("Until\nlater")), "'FILE': brief[2].detail: lifting condition 'Until\\nlater' contains a control character"),
        ("brief_integrator_blank", Json(|a| a["brief"][1]["integrator"] = json!("")), "'FILE': brief[1].integrator: integrator cannot be empty"),
        ("brief_integrator_on_choice", Json(|a| a["brief"][0]["integrator"] = json!("Ana")), "'FILE': brief[0]: only an objective has an integrator"),
        ("brief_detail_on_objective", Json(|a| a["brief"][1]["detail"] = json!("because")), "'FILE': brief[1]: an objective has no consequence or condition"),
        ("brief_measure_on_choice", Json(|a| a["brief"][0]["measure_uid"] = json!("measure-nrr")), "'FILE': brief[0]: only a measure line names a measure or an objective"),
        ("brief_text_on_measure_line", Json(|a| a["brief"][3]["text"] = json!("NRR")), "'FILE': brief[3]: a measure line holds its measure and the objective it shows, nothing else"),
        ("brief_measure_line_without_measure", Json(|a| a["brief"][3]["measure_uid"] = Value::Null), "'FILE': brief[3].measure_uid: a measure line needs its measure"),
        ("brief_missing_measure", Json(|a| a["brief"][5]["measure_uid"] = json!("measure-gone")), "'FILE': brief[5].measure_uid: 'measure-gone' is not in this export"),
        ("brief_other_teams_measure", Json(|a| { second_team_named(a, "Platform"); a["measures"][0]["team_uid"] = json!("team-other") }), "'FILE': brief[3].measure_uid: 'measure-nrr' is another team's measure: a team's brief names its own"),
        ("brief_measure_twice", Json(|a| copy_record(a, "brief", 3, json!({"uid": "brief-win-nrr-2", "id": 7}))), "'FILE': brief[6].measure_uid: 'measure-nrr' appears twice in the 2026-Q4 brief under the same objective"),
        ("brief_missing_objective", Json(|a| a["brief"][3]["objective_uid"] = json!("brief-gone")), "'FILE': brief[3].objective_uid: 'brief-gone' is not in this export"),
        ("brief_objective_a_choice", Json(|a| a["brief"][3]["objective_uid"] = json!("brief-focus")), "'FILE': brief[3].objective_uid: 'brief-focus' is a choice, not an objective"),
        ("brief_objective_elsewhere", Json(|a| a["brief"][1]["quarter"] = json!("2027-Q1")), "'FILE': brief[3].objective_uid: 'brief-win' is an objective of another brief: a measure shows an objective of its own brief"),
        ("brief_objective_whole_database", Json(|a| a["brief"][3]["team_uid"] = Value::Null), "'FILE': brief[3].objective_uid: 'brief-win' is an objective of another brief: a measure shows an objective of its own brief"),
        ("plan_month_13", Json(|a| a["plan"]["milestones"][0]["month"] = json!("2026-13")), "'FILE': plan.milestones[0].month: '2026-13' is not a month: the month must be 1 to 12 (use 2026-12, or a date or week inside it)"),
        ("plan_month_as_date", Json(|a| a["plan"]["initiatives"][0]["start"] = json!("2026-11-02")), "'FILE': plan.initiatives[0].start: '2026-11-02' must be written '2026-11'"),
        ("plan_phase_unknown", Json(|a| a["plan"]["milestones"][0]["phase"] = json!("ship")), "'FILE': plan.milestones[0].phase: 'ship' is not one of: decide, build, launch"),
        ("plan_end_before_start", Json(|a| a["plan"]["initiatives"][0]["end"] = json!("2026-10")), "'FILE': plan.initiatives[0].end: an initiative ends in or after the month it starts: 2026-10 is before 2026-11"),
        ("plan_share_over", Json(|a| a["plan"]["initiatives"][0]["people"][0]["share"] = json!(120)), "'FILE': plan.initiatives[0].people[0].share: '120' is not a share of someone's time: use 1 to 100"),
        ("plan_person_twice", Json(|a| a["plan"]["initiatives"][0]["people"][1]["person"] = json!("ana")), "'FILE': plan.initiatives[0].people[1].person: 'ana' appears twice on the initiative"),
        ("plan_serves_exclusion", Json(|a| a["plan"]["initiatives"][0]["serves_uid"] = json!("brief-germany")), "'FILE': plan.initiatives[0].serves_uid: 'brief-germany' is the brief's exclusion: work serves a choice or an objective"),
        ("plan_missing_initiative", Json(|a| a["plan"]["milestones"][0]["initiative_uid"] = json!("initiative-gone")), "'FILE': plan.milestones[0].initiative_uid: 'initiative-gone' is not in this export"),
        ("meeting_done_over_due", Json(|a| { a["meetings"][0]["commitments_done"] = json!(5); a["meetings"][0]["commitments_due"] = json!(4); }), "'FILE': meetings[0].commitments_done: '5' is more than the 4 commitments due"),
        ("meeting_done_alone", Json(|a| a["meetings"][0]["commitments_done"] = json!(2)), "'FILE': meetings[0].commitments_due: commitments_done and commitments_due come together, or neither"),
        ("link_kind_unknown", Json(|a| a["links"] = json!([{"kind": "initiative", "uid": "measure-nrr", "serves_uid": "brief-win"}])), "'FILE': links[0].kind: 'initiative' is not one of: measure, action, offtrack, decision"),
        ("link_record_missing", Json(|a| a["links"] = json!([{"kind": "measure", "uid": "measure-gone", "serves_uid": "brief-win"}])), "'FILE': links[0].uid: 'measure-gone' is not a measure in this export"),
        ("link_record_other_kind", Json(|a| a["links"] = json!([{"kind": "decision", "uid": "measure-nrr", "serves_uid": "brief-win"}])), "'FILE': links[0].uid: 'measure-nrr' is not a decision in this export"),
        ("link_line_missing", Json(|a| a["links"] = json!([{"kind": "action", "uid": "action-call", "serves_uid": "brief-gone"}])), "'FILE': links[0].serves_uid: 'brief-gone' is not in this export"),
        ("link_serves_exclusion", Json(|a| a["links"] = json!([{"kind": "offtrack", "uid": "offtrack-nrr", "serves_uid": "brief-germany"}])), "'FILE': links[0].serves_uid: 'brief-germany' is the brief's exclusion: work serves a choice or an objective"),
        ("link_twice", Json(|a| a["links"] = json!([{"kind": "measure", "uid": "measure-nrr", "serves_uid": "brief-win"}, {"kind": "measure", "uid": "measure-nrr", "serves_uid": "brief-focus"}])), "'FILE': links[1].uid: 'measure-nrr' is linked twice: it serves one line"),
        ("plan_draw_day_bad", Json(|a| a["plan"]["flex_draws"][0]["drawn_on"] = json!("2026-02-30")), "'FILE': plan.flex_draws[0].drawn_on: '2026-02-30' is not a date: no such day in the calendar (write dates as YYYY-MM-DD, such as 2026-11-25)"),
        ("plan_flex_over", Json(|a| a["teams"][0]["flex_share"] = json!(60)), "'FILE': teams[0].flex_share: '60' must be from 0 to 50 (%)"),
        ("brief_duplicate_uid", Json(|a| a["brief"][5]["uid"] = json!("brief-focus")), "'FILE': brief[5].uid: 'brief-focus' appears twice"),
        ("brief_duplicate_id", Json(|a| a["brief"][5]["id"] = json!(1)), "'FILE': brief[5].id: '1' appears twice"),
        ("brief_time_bad", Json(|a| a["brief"][4]["updated_at"] = json!("soon")), "'FILE': brief[4].updated_at: 'soon' is not a timestamp such as '2026-11-25T09:00:00Z'"),
        ("brief_unknown_field", Json(|a| a["brief"][0]["owner"] = json!("Ana")), "'FILE' does not fit the export format: unknown field `owner`, expected one of `uid`, `id`, `team_uid`, `quarter`, `kind`, `position`, `text`, `detail`, `integrator`, `measure_uid`, `objective_uid`, `created_at`, `updated_at` at line 43 column 13"),
    ]
}

/// The bytes of the file a row describes.
fn bytes_of(edit: &Edit) -> Vec<u8> {
    match edit {
        Edit::Json(f) => {
            let mut a = valid();
            f(&mut a);
            text(&a).into_bytes()
        }
        Edit::Bytes(f) => f(&text(&valid())),
    }
}

/// A temporary folder, with rhythm run in-process on paths inside it.
struct Dir(TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// `rhythm --db DB ARGS…`: (exit code, stdout, stderr).
    fn run(&self, db: &str, args: &[&str]) -> (u8, String, String) {
        let mut argv: Vec<OsString> = vec!["rhythm".into(), "--db".into()];
        argv.push(self.path(db).into_os_string());
        argv.extend(args.iter().map(OsString::from));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut ctx = rhythm::cli::Ctx {
            env_user: Some("ana".into()),
            ..rhythm::cli::Ctx::new(&mut out, &mut err, Clock::pinned(TODAY).unwrap())
        };
        let code = rhythm::cli::main_with(argv, &mut ctx);
        let code = (0..=2u8)
            .find(|c| ExitCode::from(*c) == code)
            .expect("exit code 0, 1 or 2");
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    fn ok(&self, db: &str, line: &str) -> String {
        let words = shell_words(line);
        let args: Vec<&str> = words.iter().map(String::as_str).collect();
        let (code, out, err) = self.run(db, &args);
        assert_eq!((code, err.as_str()), (0, ""), "rhythm {line}: {out}");
        out
    }

    /// The database files `db` left behind.
    fn files_of(&self, db: &str) -> Vec<String> {
        ["", "-wal", "-shm", "-journal"]
            .iter()
            .map(|s| format!("{db}{s}"))
            .filter(|f| self.path(f).exists())
            .collect()
    }
}

fn path_text(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn the_valid_export_imports_and_exports_as_it_was() {
    let d = Dir::new();
    let file = d.write("valid.json", text(&valid()).as_bytes());
    let out = d.ok("new.db", &format!("import '{}'", path_text(&file)));
    assert_eq!(
        out,
        format!(
            "Imported 24 records into {} (1 action item, 2 agenda sections, 6 brief lines, \
             2 decisions, 1 dependency, 1 flex draw, 1 initiative, 2 measures, 1 meeting, \
             1 milestone, 1 off-track item, 2 people, 2 readings, 1 team)\n",
            path_text(&d.path("new.db"))
        )
    );
    assert_eq!(json(&d.ok("new.db", "export")), as_exported(valid()));
}

/// A version 4 document without trigger rules or roll-ups as this build
/// exports it: version 5, each measure with the roll-up its unit gives
/// (null), no trigger rules and no links.
fn as_exported(mut a: Value) -> Value {
    a["version"] = json!(5);
    for m in a["measures"].as_array_mut().unwrap() {
        m["rollup"] = Value::Null;
    }
    a["triggers"] = json!([]);
    a["links"] = json!([]);
    // Sections before version 5 take the default agenda's kind at their
    // place.
    for s in a["agendas"].as_array_mut().unwrap() {
        let at = s["position"].as_u64().unwrap() as usize;
        s["section"] = json!(["scorecard", "off_track"][at]);
    }
    for m in a["meetings"].as_array_mut().unwrap() {
        for field in ["missing_at_start", "commitments_done", "commitments_due"] {
            m[field] = Value::Null;
        }
        for (at, s) in m["sections"].as_array_mut().unwrap().iter_mut().enumerate() {
            s["section"] = json!(["scorecard", "off_track"][at]);
        }
    }
    a
}

/// Links from a measure, an action, an off-track item and a decision to
/// lines of the team's brief and the whole database's.
fn links() -> Value {
    json!([
        {"kind": "measure", "uid": "measure-nrr", "serves_uid": "brief-win"},
        {"kind": "action", "uid": "action-call", "serves_uid": "brief-focus"},
        {"kind": "offtrack", "uid": "offtrack-nrr", "serves_uid": "brief-win"},
        {"kind": "decision", "uid": "decision-discount-2", "serves_uid": "brief-one-product"},
    ])
}

/// Version 5's links import through the door, export as they came, and
/// merge into the same database as unchanged; a one-team export leaves out
/// the link to the whole database's brief.
#[test]
fn links_to_the_brief_import_and_export_as_they_were() {
    let d = Dir::new();
    let mut a = as_exported(valid());
    a["links"] = links();
    let file = d.write("links.json", text(&a).as_bytes());
    let out = d.ok("new.db", &format!("import '{}'", path_text(&file)));
    assert!(out.contains(", 4 links, "), "{out}");
    assert_eq!(json(&d.ok("new.db", "export")), a);
    let again = d.ok("new.db", &format!("import --merge '{}'", path_text(&file)));
    assert!(again.starts_with("Imported 0 records"), "{again}");
    assert!(
        again.contains("\n28 records were already here, unchanged\n"),
        "{again}"
    );
    let team = json(&d.ok("new.db", "export --team Growth"));
    let kept: Vec<&str> = team["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uid"].as_str().unwrap())
        .collect();
    assert_eq!(kept, ["measure-nrr", "action-call", "offtrack-nrr"]);
    let mut other = a.clone();
    other["links"][0]["serves_uid"] = json!("brief-focus");
    let file = d.write("other.json", text(&other).as_bytes());
    let out = d.ok("new.db", &format!("import --merge '{}'", path_text(&file)));
    assert!(
        out.contains("the link of measure measure-nrr to the brief: differs from the one here"),
        "{out}"
    );
    assert_eq!(
        json(&d.ok("new.db", "export")),
        a,
        "a conflict changes nothing"
    );
}

/// Version 1 files, written by earlier builds, carry the store's text for
/// times and name references without `_uid`: they import as they did, and
/// export as version 4, with an empty brief and plan.
#[test]
fn a_version_1_export_still_imports() {
    let d = Dir::new();
    let mut archive: Archive = serde_json::from_value(without_brief(1)).unwrap();
    archive.to_stored();
    let mut old = serde_json::to_value(&archive).unwrap();
    old_names(&mut old);
    let old = text(&old);
    assert!(old.contains("\"2026-11-02 09:00:00+00:00\""), "{old}");
    assert!(old.contains("\"team\": \"team-growth\""), "{old}");
    assert!(
        !old.contains(":00Z\"") && !old.contains("_uid\": \"team"),
        "{old}"
    );
    let file = d.write("old.json", old.as_bytes());
    d.ok("old.db", &format!("import '{}'", path_text(&file)));
    assert_eq!(json(&d.ok("old.db", "export")), with_no_brief());
}

/// Version 2 files have no brief: they import as holding none.
#[test]
fn a_version_2_export_still_imports() {
    let d = Dir::new();
    let file = d.write("v2.json", text(&without_brief(2)).as_bytes());
    d.ok("v2.db", &format!("import '{}'", path_text(&file)));
    assert_eq!(json(&d.ok("v2.db", "export")), with_no_brief());
}

/// `valid()` as exported from a database that has no brief.
fn with_no_brief() -> Value {
    let mut a = as_exported(valid());
    a["brief"] = json!([]);
    a["plan"] = json!({"initiatives": [], "milestones": [], "flex_draws": []});
    a["teams"][0]["flex_share"] = json!(10);
    a
}

/// Renames version 2's references to version 1's names, everywhere.
fn old_names(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (new, old) in [
                ("team_uid", "team"),
                ("measure_uid", "measure"),
                ("meeting_uid", "meeting"),
                ("supersedes_uid", "supersedes"),
            ] {
                if let Some(x) = map.remove(new) {
                    map.insert(old.to_string(), x);
                }
            }
            map.values_mut().for_each(old_names);
        }
        Value::Array(items) => items.iter_mut().for_each(old_names),
        _ => {}
    }
}

#[test]
fn every_edit_is_refused_in_one_line_and_changes_nothing() {
    let d = Dir::new();
    d.ok("team.db", "init --team Growth");
    d.ok(
        "team.db",
        "measure add 'Net revenue retention' --owner Ana --unit % --target 110",
    );
    d.ok(
        "team.db",
        "record 'Net revenue retention' 104 --week 2026-W47",
    );
    let before = digest(&d.path("team.db"));
    let mut wrong = Vec::new();
    let rows = rows();
    let mut names = std::collections::BTreeSet::new();
    for (name, edit, message) in &rows {
        assert!(names.insert(*name), "{name} appears twice in the table");
        let bytes = bytes_of(edit);
        assert_ne!(bytes, text(&valid()).into_bytes(), "{name} changes nothing");
        let file = d.write(&format!("{name}.json"), &bytes);
        let want = format!("error: {}\n", message.replace("FILE", &path_text(&file)));
        for (db, merge) in [
            ("team.db", None),
            ("team.db", Some("--merge")),
            ("new.db", None),
        ] {
            let mut args = vec!["import", file.to_str().unwrap()];
            args.extend(merge);
            let (code, out, err) = d.run(db, &args);
            if (code, out.as_str(), err.as_str()) != (1, "", want.as_str()) {
                wrong.push(format!(
                    "{name} into {db} {merge:?}:\n  want {want}  got  {code} {out}{err}"
                ));
            }
        }
        assert_eq!(
            d.files_of("new.db"),
            Vec::<String>::new(),
            "{name} created a database"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        digest(&d.path("team.db")),
        before,
        "a refused import wrote to the database"
    );
    assert!(rows.len() >= 80);
}
