//! Measures, readings and the scorecard, through the real binary, with the
//! database checked through the library afterwards.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{Sandbox, json};
use rhythm::domain::{Direction, Kind, Measure, Target, Week};
use serde_json::json;

fn week(text: &str) -> Week {
    text.parse().unwrap()
}

fn measures(t: &Sandbox, archived: bool) -> Vec<Measure> {
    t.store().measures(t.team("Growth").id, archived).unwrap()
}

fn names(t: &Sandbox) -> Vec<String> {
    measures(t, false).into_iter().map(|m| m.name).collect()
}

#[test]
fn more_than_ten_measures_warns_but_adds() {
    let t = Sandbox::growth();
    // `ok` checks stderr is empty: up to ten measures, no warning.
    for i in 4..=10 {
        t.ok(&format!("measure add 'Measure {i}' --owner Dee --target 1"));
    }
    let run = t.run("measure add 'Measure 11' --owner Dee --target 1");
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "Added the measure Measure 11 to Growth (target ≥ 1, owner Dee)\n"
    );
    assert_eq!(
        run.stderr,
        "warning: Growth now has 11 active measures; a scorecard reads best with 10 or fewer (archive one with `rhythm measure archive NAME`)\n"
    );
    assert_eq!(measures(&t, false).len(), 11);
}

#[test]
fn measure_add_stores_kind_direction_target_and_tolerance() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("measure add Churn --owner jo --unit % --kind LAGGING --direction lower --target -1.5 --tolerance 0.2"),
        "Added the measure Churn to Growth (target ≤ -1.5 %, owner jo)\n"
    );
    let churn = measures(&t, false).pop().unwrap();
    assert_eq!(
        (
            churn.kind,
            churn.goal.direction,
            churn.goal.target,
            churn.goal.tolerance
        ),
        (Kind::Lagging, Direction::Lower, Target::Value(-1.5), 0.2)
    );
    assert_eq!((churn.position, churn.owner.as_deref()), (4, Some("jo")));
}

#[test]
fn measure_list_shows_the_scorecard_order() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("measure list"),
        "\
#  Measure                Owner  Kind     Target   Tolerance
1  Net revenue retention  Ana    lagging  ≥ 110 %  0.05
2  Tier-2 response time   Bo     leading  ≤ 8 h    0.1
3  Pipeline coverage      Cy     lagging  3–5 x    0.1
"
    );
    let listed = json(&t.ok("measure list --json"));
    assert_eq!(
        listed[2],
        json!({
            "id": 3, "team_id": 1, "team": "Growth", "name": "Pipeline coverage",
            "owner": "Cy", "unit": "x", "kind": "lagging", "direction": "range",
            "target": {"low": 3.0, "high": 5.0}, "tolerance": 0.1, "position": 3,
            "archived": false,
        })
    );
    assert_eq!(listed.as_array().unwrap().len(), 3);
}

#[test]
fn measure_edit_changes_only_what_is_given() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("measure edit 'tier-2 RESPONSE time' --name 'Tier-2 first response' --owner Eli --target 6"),
        "Updated the measure Tier-2 first response (target ≤ 6 h, owner Eli, leading)\n"
    );
    assert_eq!(
        t.ok("measure edit 'Pipeline coverage' --range 2.5..4.5 --tolerance 0"),
        "Updated the measure Pipeline coverage (target 2.5–4.5 x, owner Cy, lagging)\n"
    );
    let m = measures(&t, false);
    assert_eq!(m[1].name, "Tier-2 first response");
    assert_eq!(
        (m[1].owner.as_deref(), m[1].unit.as_str(), m[1].kind),
        (Some("Eli"), "h", Kind::Leading)
    );
    assert_eq!(
        (m[1].goal.direction, m[1].goal.target),
        (Direction::Lower, Target::Value(6.0))
    );
    assert_eq!(
        (m[2].goal.target, m[2].goal.tolerance),
        (
            Target::Range {
                low: 2.5,
                high: 4.5
            },
            0.0
        )
    );

    let before = t.digest();
    assert_eq!(
        t.fails(2, "measure edit 'Pipeline coverage'"),
        "error: nothing to change: give at least one of --name, --owner, --unit, --kind, --direction, --target, --range, --tolerance, --rollup, --serves"
    );
    assert_eq!(
        t.fails(2, "measure edit 'Net revenue retention' --direction range"),
        "error: direction 'range' needs a range: add --range LOW..HIGH"
    );
    assert_eq!(
        t.fails(
            1,
            "measure edit 'Net revenue retention' --name 'pipeline COVERAGE'"
        ),
        "error: measure 'pipeline COVERAGE' already exists (as 'Pipeline coverage')"
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn archived_measures_leave_the_scorecard_and_keep_their_history() {
    let t = Sandbox::growth();
    t.ok("record 'Pipeline coverage' 4 --week 2026-W47");
    assert_eq!(
        t.ok("measure archive 'pipeline coverage'"),
        "Archived the measure Pipeline coverage; its history is kept (restore with --restore)\n"
    );
    assert_eq!(names(&t), ["Net revenue retention", "Tier-2 response time"]);
    let all = measures(&t, true);
    assert!(all[2].archived);
    let growth = t.team("Growth").id;
    assert_eq!(
        t.store()
            .reading(all[2].id, week("2026-W47"))
            .unwrap()
            .map(|r| r.value),
        Some(4.0)
    );
    assert!(!t.ok("scorecard").contains("Pipeline"));
    assert!(
        t.ok("measure list --archived")
            .contains("archived  Pipeline coverage")
    );

    let before = t.digest();
    assert_eq!(
        t.fails(1, "measure archive 'Pipeline coverage'"),
        "error: the measure 'Pipeline coverage' is already archived"
    );
    assert_eq!(
        t.fails(1, "record 'Pipeline coverage' 4"),
        "error: the measure 'Pipeline coverage' is archived: restore it with `rhythm measure archive \"Pipeline coverage\" --restore`"
    );
    assert_eq!(
        t.fails(1, "measure archive 'Net revenue retention' --restore"),
        "error: the measure 'Net revenue retention' is already on the scorecard"
    );
    assert_eq!(t.digest(), before);

    assert_eq!(
        t.ok("measure archive 'Pipeline coverage' --restore"),
        "Restored the measure Pipeline coverage to the scorecard\n"
    );
    assert_eq!(measures(&t, false).len(), 3);
    assert_eq!(
        t.store().measures(growth, false).unwrap()[2].name,
        "Pipeline coverage"
    );
}

#[test]
fn measure_move_reorders_the_scorecard() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("measure move 'pipeline coverage' 1"),
        "Moved Pipeline coverage to position 1 of 3\n"
    );
    assert_eq!(
        names(&t),
        [
            "Pipeline coverage",
            "Net revenue retention",
            "Tier-2 response time"
        ]
    );
    let positions: Vec<u32> = measures(&t, false).iter().map(|m| m.position).collect();
    assert_eq!(positions, [1, 2, 3]);
    assert_eq!(
        t.ok("measure move 'Pipeline coverage' 99"),
        "Moved Pipeline coverage to position 3 of 3\n"
    );
    assert_eq!(names(&t)[2], "Pipeline coverage");

    let before = t.digest();
    assert_eq!(
        t.fails(2, "measure move 'Pipeline coverage' 0"),
        "error: invalid value '0' for '<POSITION>': '0' is not a position on the scorecard: 1 is the top"
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn record_stores_a_value_and_recording_again_replaces_it() {
    let t = Sandbox::growth();
    let nrr = measures(&t, false)[0].id;
    assert_eq!(
        t.ok("record 'net revenue retention' 103"),
        "Recorded Net revenue retention = 103 % for 2026-W48 (✖ off track)\n"
    );
    assert_eq!(
        t.ok("record 'Net revenue retention' 111.5 --week 2026-11-23 --note upsell"),
        "Replaced Net revenue retention for 2026-W48: 103 % → 111.5 % (● on track)\n"
    );
    let r = t.store().reading(nrr, week("2026-W48")).unwrap().unwrap();
    assert_eq!((r.value, r.note.as_deref()), (111.5, Some("upsell")));
    let all = t
        .store()
        .readings(t.team("Growth").id, week("2026-W01"), week("2026-W52"))
        .unwrap();
    assert_eq!(all.len(), 1, "the second value replaced the first");

    assert_eq!(
        t.ok("record 'Tier-2 response time' 8.5 --week 2026-w47"),
        "Recorded Tier-2 response time = 8.5 h for 2026-W47 (▲ at risk)\n"
    );
    assert_eq!(
        t.ok("record 'Pipeline coverage' -1"),
        "Recorded Pipeline coverage = -1 x for 2026-W48 (✖ off track)\n"
    );
}

fn statuses(card: &serde_json::Value) -> Vec<(String, serde_json::Value, String)> {
    card["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap().to_string(),
                m["value"].clone(),
                m["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn scorecard_json_reports_each_status_and_missing_values() {
    let t = Sandbox::growth();
    t.ok("measure add Demos --owner Cy --target 45");
    t.ok("record 'Net revenue retention' 104.5"); // 110 − 5%: at risk
    t.ok("record 'Tier-2 response time' 7.5");
    t.ok("record 'Pipeline coverage' 2.5"); // 0.5 below a width of 2: off track
    let card = json(&t.ok("scorecard --format json"));
    assert_eq!(
        (&card["team"], &card["week"]),
        (&json!("Growth"), &json!("2026-W48"))
    );
    let s = |n: &str, v: serde_json::Value, st: &str| (n.to_string(), v, st.to_string());
    assert_eq!(
        statuses(&card),
        [
            s("Net revenue retention", json!(104.5), "at_risk"),
            s("Tier-2 response time", json!(7.5), "on_track"),
            s("Pipeline coverage", json!(2.5), "off_track"),
            s("Demos", json!(null), "missing"),
        ]
    );
    assert_eq!(card["measures"][0]["owner"], "Ana");
    assert_eq!(card["measures"][0]["target"], 110.0);
    assert_eq!(card["measures"][0]["history"].as_array().unwrap().len(), 13);

    let last_week = json(&t.ok("scorecard --week 2026-11-17 --weeks 4 --format json"));
    assert_eq!(last_week["week"], "2026-W47");
    assert_eq!(
        last_week["measures"][0]["history"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert!(
        statuses(&last_week)
            .iter()
            .all(|(_, v, st)| v.is_null() && st == "missing")
    );
}

#[test]
fn scorecard_prints_a_table_and_markdown() {
    let t = Sandbox::growth();
    t.ok("record 'Net revenue retention' 104.5 --week 2026-W47");
    t.ok("record 'Net revenue retention' 112");
    t.ok("record 'Tier-2 response time' 9.5");
    assert_eq!(
        t.ok("scorecard --weeks 4"),
        "\
Growth · 2026-W48 (23 Nov – 29 Nov 2026) · trend over 4 weeks
Status       Measure                Owner  Target   Trend  This week
● on track   Net revenue retention  Ana    ≥ 110 %  ··▁█   112 %
✖ off track  Tier-2 response time   Bo     ≤ 8 h    ···▄   9.5 h
○ missing    Pipeline coverage      Cy     3–5 x    ····   missing
1 on track · 0 at risk · 1 off track · 1 missing
"
    );
    let md = t.ok("scorecard --weeks 4 --format md");
    assert!(md.starts_with("## Growth scorecard, 2026-W48\n\n| Status | Measure |"));
    assert!(md.contains("| ✖ off track | Tier-2 response time | Bo | ≤ 8 h | `···▄` | 9.5 h |\n"));
    assert!(md.ends_with("\n1 on track · 0 at risk · 1 off track · 1 missing\n"));
}
