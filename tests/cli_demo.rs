//! `rhythm demo`: where it writes, what it refuses, that it is the same for
//! the same week, and that its current week gives a review something to do.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use common::{Sandbox, TODAY, digest};
use rhythm::domain::{DecisionState, DepStatus, Status, Week};
use rhythm::storage::{DecisionFilter, OpenMode, Store};

const TEAMS: [&str; 3] = ["Customer Success", "Growth", "Platform"];

/// Builds the demo in `file` with the clock pinned to `now`.
fn demo(t: &Sandbox, file: &str, now: &str) -> String {
    t.raw_env(
        &[("RHYTHM_NOW", now)],
        &format!("--db {file} demo --no-tui"),
    )
    .ok()
}

/// What the CLI shows of each team: its scorecard and all its actions.
fn shown(t: &Sandbox, file: &str) -> Vec<String> {
    let mut out = Vec::new();
    for team in TEAMS {
        for command in ["scorecard --format json", "action list --all --json"] {
            out.push(
                t.raw(&format!("--db {file} --team '{team}' {command}"))
                    .ok(),
            );
        }
    }
    out
}

fn open(path: &Path) -> Store {
    Store::open(path, OpenMode::MustExist).unwrap()
}

#[test]
fn demo_without_db_writes_demo_db_in_the_data_directory_only() {
    let t = Sandbox::growth();
    let mine = t.digest();
    // Even with RHYTHM_DB naming the user's database, the demo keeps to its own file.
    let out = t.raw_env(&[("RHYTHM_DB", "team.db")], "demo --no-tui").ok();
    let path = t.data_home().join("rhythm").join("demo.db");
    let shown = path.display().to_string();
    let mut lines = out.lines();
    assert_eq!(lines.next().unwrap(), format!("Demo database: {shown}"));
    assert_eq!(
        lines.next().unwrap(),
        "3 teams, 26 weeks of readings ending 2026-W48"
    );
    assert_eq!(
        lines.nth(1).unwrap(),
        "Growth · 2026-W48 (23 Nov – 29 Nov 2026) · trend over 13 weeks"
    );
    assert!(out.ends_with(&format!(
        "\nTry:\n  rhythm --db {shown} scorecard --team Platform\n  rhythm --db {shown} action list --team Growth\n  rhythm --db {shown} decision list --team Growth\n"
    )));

    let store = open(&path);
    assert!(store.is_demo().unwrap());
    let names: Vec<_> = store.teams().unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(names, TEAMS);
    assert_eq!(t.digest(), mine, "the user's database changed");
    assert!(!t.data_home().join("rhythm").join("rhythm.db").exists());
}

#[test]
fn demo_gives_the_same_data_for_the_same_week() {
    let t = Sandbox::new();
    let a = demo(&t, "a.db", TODAY);
    let b = demo(&t, "b.db", TODAY);
    assert_eq!(a.replace("a.db", "b.db"), b);
    demo(&t, "monday.db", "2026-11-23");
    let first = shown(&t, "a.db");
    assert_eq!(shown(&t, "b.db"), first);
    assert_eq!(shown(&t, "monday.db"), first);
    assert_eq!(digest(&t.path("b.db")), digest(&t.path("a.db")));
    assert_eq!(digest(&t.path("monday.db")), digest(&t.path("a.db")));
}

#[test]
fn demo_refuses_a_database_with_other_data_and_leaves_it_alone() {
    let t = Sandbox::growth();
    let before = t.digest();
    assert_eq!(
        t.fails(1, "demo --no-tui"),
        "error: 'team.db' already holds data that is not a demo: rhythm demo only fills a new file or an earlier demo"
    );
    assert_eq!(t.digest(), before);
    assert!(!t.store().is_demo().unwrap());
}

#[test]
fn demo_fills_a_new_or_empty_database() {
    let t = Sandbox::new();
    t.ok("init");
    demo(&t, "team.db", TODAY);
    demo(&t, "new.db", TODAY);
    assert!(t.store().is_demo().unwrap());
    assert_eq!(t.digest(), digest(&t.path("new.db")));
}

#[test]
fn demo_rebuilds_an_earlier_demo_nobody_changed() {
    let t = Sandbox::new();
    demo(&t, "fresh.db", TODAY);
    demo(&t, "team.db", "2026-11-18");
    demo(&t, "team.db", TODAY);
    assert_eq!(t.digest(), digest(&t.path("fresh.db")));
}

/// What someone typed into a demo file is never deleted by building the
/// demo again: it is refused, and `--reset` rebuilds it as one operation
/// that `rhythm undo` takes back whole.
#[test]
fn demo_never_deletes_what_someone_added_and_reset_is_undoable() {
    let t = Sandbox::new();
    demo(&t, "fresh.db", TODAY);
    demo(&t, "team.db", "2026-11-18");
    t.ok("--team Growth record 'New MRR' 1 --week 2026-W40");
    t.ok("--team Growth action add 'Something only here' --owner Zed");
    t.ok("team add Finance");
    let changed = t.digest();
    let said = t
        .raw_env(&[("RHYTHM_NOW", TODAY)], "--db team.db demo --no-tui")
        .fails(1);
    assert_eq!(
        said,
        "error: 'team.db' holds 3 changes made since the demo was built: build the demo in a new file with --db NEW.db, or rebuild this one with --reset (rhythm undo takes it back)"
    );
    assert_eq!(t.digest(), changed, "nothing was written");

    t.raw_env(
        &[("RHYTHM_NOW", TODAY)],
        "--db team.db demo --no-tui --reset",
    )
    .ok();
    assert_eq!(t.digest(), digest(&t.path("fresh.db")));
    t.ok("undo");
    assert_eq!(t.digest(), changed, "undo brings back what was there");
    assert!(t.ok("team list").contains("Finance"));
}

#[test]
fn demo_this_week_has_work_for_every_part_of_the_review() {
    let t = Sandbox::new();
    demo(&t, "team.db", TODAY);
    let store = t.store();
    let today: NaiveDate = TODAY.parse().unwrap();
    let week = Week::containing(today);
    let mut blocked = false;
    let mut overdue = false;
    let mut unowned = false;
    for name in TEAMS {
        let team = t.team(name);
        let readings = store.readings(team.id, week, week).unwrap();
        let statuses: BTreeSet<Status> = store
            .measures(team.id, false)
            .unwrap()
            .iter()
            .map(|m| {
                let value = readings
                    .iter()
                    .find(|r| r.measure_id == m.id)
                    .map(|r| r.value);
                m.goal.status(value)
            })
            .collect();
        for wanted in [Status::AtRisk, Status::OffTrack, Status::Missing] {
            assert!(
                statuses.contains(&wanted),
                "{name} has no {wanted:?} measure this week"
            );
        }
        for d in store.dependencies(team.id, false).unwrap() {
            blocked |= d.status == DepStatus::Blocked;
            overdue |= d.is_overdue(today);
        }
        for d in store
            .decisions(team.id, &DecisionFilter::default())
            .unwrap()
        {
            unowned |= d.state == DecisionState::Needed && d.owner.is_none() && d.is_flagged(today);
        }
    }
    assert!(blocked, "no blocked dependency");
    assert!(overdue, "no overdue dependency");
    assert!(
        unowned,
        "no needed decision without an owner for over a week"
    );
    assert!(
        t.ok("--team Growth decision list")
            .contains("⚑ no owner for over a week")
    );
}

/// rhythm's own demo file (no `--db`) is rebuilt as someone trying rhythm
/// expects, even after they worked in it; what they did is kept first, in
/// a copy beside it that the output names.
#[test]
fn the_own_demo_is_rebuilt_and_what_was_done_in_it_is_kept_beside_it() {
    let t = Sandbox::new();
    t.raw_env(&[("RHYTHM_NOW", TODAY)], "demo --no-tui").ok();
    let path = t.data_home().join("rhythm").join("demo.db");
    let db = path.display().to_string();
    t.raw(&format!("--db '{db}' team add Finance")).ok();
    let out = t.raw_env(&[("RHYTHM_NOW", TODAY)], "demo --no-tui").ok();
    let first = out.lines().next().unwrap();
    let kept = first
        .strip_prefix("The earlier demo held 1 change made in it: kept as ")
        .unwrap_or_else(|| panic!("{out}"));
    let teams = |p: &Path| -> Vec<String> {
        open(p)
            .teams()
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect()
    };
    assert!(teams(Path::new(kept)).contains(&"Finance".to_string()));
    assert_eq!(teams(&path), TEAMS, "the demo is rebuilt");
}

/// Growth's cost per acquisition fires in the demo's current week, whatever
/// that week is, with the response it sets off; its monthly rule on
/// retention stays quiet.
#[test]
fn a_demo_trigger_fires_in_the_current_week() {
    let t = Sandbox::new();
    for (now, week) in [("2026-11-25", "2026-W48"), ("2027-03-03", "2027-W09")] {
        let file = format!("demo-{week}.db");
        demo(&t, &file, now);
        let json = common::json(
            &t.raw_env(
                &[("RHYTHM_NOW", now)],
                &format!("--db {file} --team Growth trigger list --json"),
            )
            .ok(),
        );
        let rules = json.as_array().unwrap();
        assert_eq!(rules.len(), 2, "{json}");
        let of = |measure: &str| {
            rules
                .iter()
                .find(|r| r["measure"] == measure)
                .unwrap_or_else(|| panic!("no rule on {measure}: {json}"))
        };
        let cpa = of("Cost per acquisition");
        assert_eq!(cpa["state"], "firing");
        assert_eq!(cpa["firing_since"], week);
        // It fired once before, a month earlier, and cleared.
        assert_eq!(cpa["episodes"], 2);
        let nrr = of("Net revenue retention");
        assert_eq!(nrr["rule"], "Net revenue retention < 100 for 2 months");
        assert_eq!(nrr["state"], "quiet");
    }
}
