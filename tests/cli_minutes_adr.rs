//! `rhythm minutes` as Markdown and JSON, on stdout and into `--out`, and
//! `rhythm decision export --adr`, through the real binary on the demo's
//! history and on a review ended by keys through the library.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;
mod tui;

use std::path::Path;

use common::{Sandbox, json};
use rhythm::domain::{Meeting, MeetingKind, Week};
use serde_json::Value;

/// The team's meetings, newest first, read through the library.
fn meetings(t: &Sandbox, team: &str) -> Vec<Meeting> {
    let store = t.store();
    store.meetings(t.team(team).id).unwrap()
}

fn demo() -> Sandbox {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    t
}

/// The file names in `dir`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn minutes_of_the_demo_history_put_the_decisions_made_first() {
    let t = demo();
    let growth = meetings(&t, "Growth");
    let oldest = growth.last().unwrap();
    assert_eq!(oldest.week, "2026-W45".parse::<Week>().unwrap());

    // The demo's first review made the discount decision (while it ran).
    let text = t.ok(&format!("--team Growth minutes --meeting {}", oldest.id));
    let decisions = text.find("## Decisions made\n\n- **Cut the annual plan discount from 20% to 15%** — Move to 15% for new customers from January; renewals keep 20% for one more year. (owner Ana, commitment)\n  - Context: Annual plans convert well");
    let scorecard = text.find("## Scorecard as the room saw it");
    assert!(decisions.is_some() && decisions < scorecard, "{text}");
    assert!(
        text.contains("  - Options considered: Keep 20%; Move to 15%; Drop the annual discount\n"),
        "{text}"
    );

    // The last one made none; --last is the default.
    let last = t.ok("--team Growth minutes --last");
    assert_eq!(last, t.ok("--team Growth minutes"));
    assert!(
        last.starts_with(
            "# Growth — weekly review 2026-W47\n\nHeld 2026-11-17 (59:25). Rated 9/10.\n\n## Decisions made\n\nNone.\n\n## Scorecard"
        ),
        "{last}"
    );
}

#[test]
fn minutes_as_json_give_the_meeting_its_decisions_and_what_the_room_saw() {
    let t = demo();
    let platform = meetings(&t, "Platform");
    let last = &platform[0];
    let doc = json(&t.ok("--team Platform minutes --format json"));

    assert_eq!(doc["version"], 1);
    let m = &doc["meeting"];
    assert_eq!(m["id"], last.id.0);
    assert_eq!(m["team"], "Platform");
    assert_eq!(m["kind"], "weekly");
    assert_eq!(m["week"], "2026-W47");
    assert_eq!(m["started_at"], "2026-11-17T10:00:00Z");
    assert_eq!(m["ended_at"], "2026-11-17T10:59:25Z");
    assert_eq!(m["rating"], 9);
    assert_eq!(m["planned_minutes"], 60);
    assert_eq!(m["seconds_spent"], 59 * 60 + 25);
    assert_eq!(
        m["attendees"].as_array().unwrap().len(),
        last.attendees.len()
    );
    let sections = m["sections"].as_array().unwrap();
    let names: Vec<&str> = sections
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Scorecard",
            "Off-track",
            "Dependencies",
            "Decisions",
            "Wrap-up"
        ]
    );
    assert_eq!(sections[1]["minutes"], 25);
    assert_eq!(sections[1]["seconds_spent"], 25 * 60 + 17);

    // The billing-freeze decision was made while it ran; it supersedes #4.
    let decisions = doc["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 1, "{doc:#}");
    assert_eq!(
        decisions[0]["title"],
        "Friday freeze only for the billing service"
    );
    assert_eq!(decisions[0]["state"], "made");
    assert_eq!(decisions[0]["supersedes_id"], 4);
    assert_eq!(decisions[0]["options"].as_array().unwrap().len(), 3);

    // The scorecard is the frozen snapshot, whole.
    let snapshot = serde_json::to_value(last.snapshot.as_ref().unwrap()).unwrap();
    assert_eq!(doc["scorecard"], snapshot);
    assert_eq!(doc["scorecard"]["week"], "2026-W47");

    // The minutes text is what --format md prints.
    assert_eq!(doc["minutes"], t.ok("--team Platform minutes"));
    assert_eq!(doc["minutes_source"], "rebuilt");

    // A meeting that made no decision has an empty list, not a missing one.
    let growth = json(&t.ok("--team Growth minutes --format json"));
    assert_eq!(growth["decisions"], Value::Array(Vec::new()));
    assert_eq!(growth["meeting"]["team"], "Growth");
}

#[test]
fn out_writes_the_file_and_refuses_a_missing_folder() {
    let t = demo();
    let md = t.ok("--team Growth minutes");
    let id = meetings(&t, "Growth")[0].id;
    assert_eq!(
        t.ok("--team Growth minutes --out minutes.md"),
        format!(
            "Wrote the minutes of meeting #{id} (Growth, weekly review 2026-W47) to minutes.md\n"
        )
    );
    assert_eq!(read(&t.path("minutes.md")), md);

    // Again: the file is replaced, not appended to.
    t.ok("--team Growth minutes --out minutes.md");
    assert_eq!(read(&t.path("minutes.md")), md);

    t.ok("--team Growth minutes --format json --out minutes.json");
    let doc = json(&read(&t.path("minutes.json")));
    assert_eq!(doc["minutes"], md);

    assert_eq!(
        t.fails(1, "--team Growth minutes --out nowhere/minutes.md"),
        "error: cannot write 'nowhere/minutes.md': the folder 'nowhere' does not exist"
    );
    assert!(!t.path("nowhere").exists());
    assert_eq!(
        t.fails(1, "--team Growth minutes --out team.db/minutes.md"),
        "error: cannot write 'team.db/minutes.md': 'team.db' is a file, not a folder"
    );
    std::fs::create_dir(t.path("folder")).unwrap();
    assert_eq!(
        t.fails(1, "--team Growth minutes --out folder"),
        "error: cannot write 'folder': it is a folder"
    );
    assert_eq!(
        t.fails(2, "--team Growth minutes --list --out list.json"),
        "error: --list prints the meetings on standard output; leave out --out, or --list"
    );
}

/// A review run by keys and ended, with a decision made in it: its minutes
/// are the ones written at the end, and the decision is filed under it.
#[test]
fn minutes_of_a_review_ended_on_screen_are_the_written_ones() {
    let t = Sandbox::new();
    let (mut e, mut s) = tui::demo(&t.path("."));
    let keys = r#"m tab tab tab
        d "Trials" space "last" space "21" space "days" tab
        "Activation" space "needs" space "more" space "time" tab
        "14" space "days;" space "21" space "days" tab
        "21" space "days" tab
        "C" tab tab enter
        tab 8 E y"#;
    tui::press(&mut e, &mut s, keys);
    drop(e);

    let store =
        rhythm::storage::Store::open(&t.path("demo.db"), rhythm::storage::OpenMode::MustExist)
            .unwrap();
    let team = common::team(&store, "Growth");
    let week: Week = "2026-W48".parse().unwrap();
    let meeting = store
        .meeting_in(team.id, MeetingKind::Weekly, week)
        .unwrap()
        .unwrap();
    let written = meeting.minutes.clone().expect("the review ended");

    let md = t.raw("--db demo.db --team Growth minutes").ok();
    assert_eq!(md, written);
    assert!(
        md.contains("- **Trials last 21 days** — 21 days (owner Cy, autonomy)"),
        "{md}"
    );

    let doc = json(
        &t.raw("--db demo.db --team Growth minutes --format json")
            .ok(),
    );
    assert_eq!(doc["meeting"]["id"], meeting.id.0);
    assert_eq!(doc["meeting"]["week"], "2026-W48");
    assert_eq!(doc["meeting"]["rating"], 8);
    assert_eq!(doc["minutes"], written);
    assert_eq!(doc["minutes_source"], "written");
    let decisions = doc["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 1, "{doc:#}");
    assert_eq!(decisions[0]["title"], "Trials last 21 days");
    assert_eq!(decisions[0]["meeting_id"], meeting.id.0);
    assert_eq!(
        doc["scorecard"],
        serde_json::to_value(meeting.snapshot.as_ref().unwrap()).unwrap()
    );
}

/// What a GFM reader shows in each cell of the table rows of `doc`.
fn table_cells(doc: &str) -> Vec<Vec<String>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut rows = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(doc, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => rows.last_mut().unwrap().push(cell.take().unwrap()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&t);
                }
            }
            // Anything else inside a cell is markup a name turned into.
            e if cell.is_some() => panic!("{e:?} in {doc}"),
            _ => {}
        }
    }
    rows
}

/// A name that looks like markup reads as typed in `scorecard --format
/// md`, escaped by the escaper the minutes use.
#[test]
fn scorecard_markdown_escapes_names_like_the_minutes() {
    let t = demo();
    let name = "*bold* [x](y) | <b>";
    t.ok(&format!(
        "--team Growth measure edit 'New MRR' --name '{name}' --owner '# Eli'"
    ));
    let before = t.digest();
    let md = t.ok("--team Growth scorecard --format md");
    assert!(
        md.contains("| ○ missing | \\*bold\\* \\[x\\](y) \\| \\<b\\> | \\# Eli | ≥ 120 k€ |"),
        "{md}"
    );
    let rows = table_cells(&md);
    let row = rows.iter().find(|r| r[0] == "○ missing").unwrap();
    assert_eq!(row[1..3], [name.to_string(), "# Eli".to_string()]);
    assert_eq!(t.digest(), before);
}

const PLATFORM: [&str; 4] = [
    "0004-no-deploys-after-16-00-on-fridays.md",
    "0005-friday-freeze-only-for-the-billing-service.md",
    "0006-adopt-trunk-based-development-for-the-api.md",
    "0007-choose-the-observability-vendor-for-2027.md",
];

#[test]
fn decision_export_writes_one_record_per_decision_with_its_status() {
    let t = demo();
    assert_eq!(
        t.ok("--team Platform decision export --adr adr"),
        "4 decision records of Platform in adr: 4 written, 0 unchanged, 0 renamed\n"
    );
    let dir = t.path("adr");
    assert_eq!(files(&dir), PLATFORM);

    let old = read(&dir.join(PLATFORM[0]));
    assert!(
        old.starts_with("# 4. No deploys after 16:00 on Fridays\n\n- Status: superseded\n- Date: 2026-10-27\n- Team: Platform\n- Owner: Fay\n- Lane: guardrail\n\n## Status\n\nSuperseded\n\nSuperseded by [5. Friday freeze only for the billing service](0005-friday-freeze-only-for-the-billing-service.md)\n\n## Context\n\nThree of the last five incidents"),
        "{old}"
    );
    assert!(
        old.contains("## Options considered\n\n- Freeze all Friday deploys\n- Freeze after 16:00\n- No freeze, more canaries\n\n## Decision\n\nNo production deploys after 16:00 on Fridays.\n\n## Consequences\n\nIt no longer applies: [5. "),
        "{old}"
    );

    let new = read(&dir.join(PLATFORM[1]));
    assert!(
        new.contains("## Status\n\nAccepted\n\nSupersedes [4. No deploys after 16:00 on Fridays](0004-no-deploys-after-16-00-on-fridays.md)\n"),
        "{new}"
    );
    assert!(new.contains("It replaces [4. "), "{new}");
    assert!(read(&dir.join(PLATFORM[2])).contains("## Status\n\nAccepted\n"));
    let needed = read(&dir.join(PLATFORM[3]));
    assert!(needed.contains("## Status\n\nProposed\n"), "{needed}");
    assert!(needed.contains("- Due: 2026-12-04\n"), "{needed}");
    assert!(
        needed.contains("Not made yet. Hal is to make it, by 2026-12-04.\n"),
        "{needed}"
    );

    // Nothing else is written to the database.
    let before = t.digest();
    t.ok("--team Platform decision export --adr adr");
    assert_eq!(t.digest(), before);
}

#[test]
fn exporting_again_keeps_the_same_files_and_follows_the_log() {
    let t = demo();
    t.ok("--team Platform decision export --adr adr");
    let dir = t.path("adr");
    let first: Vec<String> = PLATFORM.iter().map(|n| read(&dir.join(n))).collect();
    assert_eq!(
        t.ok("--team Platform decision export --adr adr"),
        "4 decision records of Platform in adr: 0 written, 4 unchanged, 0 renamed\n"
    );
    assert_eq!(files(&dir), PLATFORM);
    let again: Vec<String> = PLATFORM.iter().map(|n| read(&dir.join(n))).collect();
    assert_eq!(again, first);

    // Growth's records join them: decision numbers are unique in the file.
    assert_eq!(
        t.ok("--team Growth decision export --adr adr"),
        "3 decision records of Growth in adr: 3 written, 0 unchanged, 0 renamed\n"
    );
    assert_eq!(files(&dir).len(), 7);

    // A decision made and one superseded: their records follow.
    t.ok("--team Growth decision decide 3 --chosen 'Mid-market first'");
    let logged = t.ok(
        "--team Growth decision add 'Keep 20% for renewals' --chosen 'Renewals keep 20%' --lane commitment",
    );
    let id: i64 = logged
        .strip_prefix("Logged decision #")
        .and_then(|rest| rest.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    t.ok(&format!(
        "--team Growth decision supersede 1 --by {id} --approved-by Dee"
    ));
    assert_eq!(
        t.ok("--team Growth decision export --adr adr"),
        "4 decision records of Growth in adr: 3 written, 1 unchanged, 0 renamed\n"
    );
    let cut = read(&dir.join("0001-cut-the-annual-plan-discount-from-20-to-15.md"));
    assert!(
        cut.contains(&format!(
            "Superseded by [{id}. Keep 20% for renewals]({id:04}-keep-20-for-renewals.md)"
        )),
        "{cut}"
    );
    let segment = read(&dir.join("0003-which-segment-gets-the-q1-outbound-budget.md"));
    assert!(
        segment.contains("## Status\n\nAccepted\n") && segment.contains("Mid-market first"),
        "{segment}"
    );
    assert_eq!(files(&dir).len(), 8);
}

#[test]
fn a_record_under_an_old_title_is_renamed_and_others_files_are_left_alone() {
    let t = demo();
    t.ok("--team Growth decision export --adr adr");
    let dir = t.path("adr");
    // As if decision 2 had another title at the last export.
    let current = dir.join("0002-whether-to-sunset-the-free-tier.md");
    let old = dir.join("0002-sunset-the-free-tier.md");
    std::fs::rename(&current, &old).unwrap();
    // Files the export did not write: a README and a hand-written record.
    std::fs::write(dir.join("README.md"), "Our decisions\n").unwrap();
    let theirs = dir.join("0001-record-architecture-decisions.md");
    std::fs::write(&theirs, "# 1. Record architecture decisions\n").unwrap();

    assert_eq!(
        t.ok("--team Growth decision export --adr adr"),
        "3 decision records of Growth in adr: 0 written, 2 unchanged, 1 renamed\n"
    );
    assert!(!old.exists());
    assert!(read(&current).starts_with("# 2. Whether to sunset the free tier\n"));
    assert_eq!(read(&theirs), "# 1. Record architecture decisions\n");
    assert_eq!(read(&dir.join("README.md")), "Our decisions\n");
    assert_eq!(files(&dir).len(), 5);
}

#[test]
fn a_file_in_the_way_is_refused_before_anything_is_written() {
    let t = demo();
    let dir = t.path("adr");
    std::fs::create_dir(&dir).unwrap();
    let mine = dir.join("0002-whether-to-sunset-the-free-tier.md");
    std::fs::write(&mine, "# My own notes\n").unwrap();
    assert_eq!(
        t.fails(1, "--team Growth decision export --adr adr"),
        "error: 'adr/0002-whether-to-sunset-the-free-tier.md' was not written by rhythm, so it is left alone: move it away, export to another folder, or overwrite it with --force"
    );
    assert_eq!(files(&dir), ["0002-whether-to-sunset-the-free-tier.md"]);
    assert_eq!(read(&mine), "# My own notes\n");
}

#[test]
fn decision_export_creates_the_folder_but_not_its_parent() {
    let t = demo();
    assert_eq!(
        t.fails(1, "--team Growth decision export --adr nowhere/adr"),
        "error: cannot create 'nowhere/adr': the folder 'nowhere' does not exist"
    );
    assert!(!t.path("nowhere").exists());
    assert_eq!(
        t.fails(1, "--team Growth decision export --adr team.db"),
        "error: cannot export to 'team.db': it is a file, not a folder"
    );
    std::fs::create_dir(t.path("docs")).unwrap();
    t.ok("--team Growth decision export --adr docs/decisions");
    assert_eq!(files(&t.path("docs/decisions")).len(), 3);

    let empty = Sandbox::growth();
    assert_eq!(
        empty.ok("decision export --adr adr"),
        "Growth has no decisions logged; nothing written\n"
    );
    assert!(!empty.path("adr").exists());
}
