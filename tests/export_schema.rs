//! assets/export.schema.json (generated from the record types, kept fresh
//! by a unit test) holds for real exports: the demo's with a brief, one
//! team's, and one full of hostile text; and it is no rubber stamp: a
//! record with a field too many, or one missing, fails it.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{Sandbox, json, write_brief};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/export.schema.json"
    ))
    .unwrap();
    // Formats are only notes unless asked for: `date-time` must be checked.
    jsonschema::options()
        .should_validate_formats(true)
        .build(&json(&text))
        .unwrap()
}

/// Every way `export` fails the schema, one line each.
fn errors(v: &jsonschema::Validator, export: &Value) -> Vec<String> {
    v.iter_errors(export)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_demo_export_and_each_teams_fit_the_schema() {
    let t = Sandbox::new();
    t.raw("--db team.db demo --no-tui").ok();
    write_brief(&t.db(), "Growth");
    let v = validator();
    for (command, lines) in [
        // The demo's briefs (14, 13 and 12 lines) and the seven written.
        ("export", 46),
        ("--team Growth export", 19),
        ("--team Platform export", 13),
    ] {
        let export = json(&t.ok(command));
        assert_eq!(errors(&v, &export), Vec::<String>::new(), "{command}");
        assert_eq!(
            export["brief"].as_array().unwrap().len(),
            lines,
            "{command}"
        );
    }
}

#[test]
fn a_hostile_export_fits_the_schema() {
    let t = Sandbox::growth();
    let odd = "\"quoted\" <b>tag</b> \\back\\slash 👩‍👩‍👧‍👦 \u{202e}rtl";
    t.ok("record 'Net revenue retention' 104.5 --note '\"; DROP TABLE reading; -- 👩‍👩‍👧‍👦'");
    t.ok(&format!(
        "action add '{odd}' --owner 'Zoë \"Z\" O’Brien' --due 2026-12-01"
    ));
    t.ok(&format!("dep add '{odd}' --to 'Légal & Co' --owner Bo"));
    t.ok(&format!("decision add '{odd}' --needed --owner Ana"));
    t.ok("offtrack add --measure 'Tier-2 response time' --owner Bo --why '=cmd|calc' --change '@SUM(1)'");
    let export = json(&t.ok("export"));
    assert!(export.to_string().contains("DROP TABLE"));
    assert_eq!(errors(&validator(), &export), Vec::<String>::new());
}

/// A change to a valid export.
type Edit = fn(&mut Value);

/// Edits that `rhythm import` refuses, each of which the schema must
/// refuse too.
#[rustfmt::skip]
const REFUSED: &[(&str, Edit)] = &[
    ("a field too many", |e| e["measures"][0]["colour"] = "green".into()),
    ("a field missing", |e| { e["teams"][0].as_object_mut().unwrap().remove("created_at"); }),
    ("a number for a boolean", |e| e["measures"][0]["archived"] = 0.into()),
    ("version 1's name for a reference", |e| { let t = e["measures"][0]["team_uid"].take(); e["measures"][0]["team"] = t; }),
    ("version 1's text for a time", |e| e["teams"][0]["created_at"] = "2026-11-02 09:00:00+00:00".into()),
    ("a time with an offset", |e| e["readings"][0]["recorded_at"] = "2026-11-02T10:00:00+01:00".into()),
    ("a word not in the list", |e| e["measures"][0]["direction"] = "up".into()),
    ("a word spelt as typed", |e| e["measures"][0]["kind"] = "Lagging".into()),
    ("a date for a week", |e| e["readings"][0]["week"] = "2026-11-25".into()),
    ("a tolerance above 1", |e| e["measures"][0]["tolerance"] = 1.5.into()),
    ("a newer version", |e| e["version"] = 6.into()),
    ("an older version", |e| e["version"] = 3.into()),
    ("a word not a brief line's kind", |e| e["brief"][0]["kind"] = "goal".into()),
    ("a date for a quarter", |e| e["brief"][0]["quarter"] = "2026-11-25".into()),
    ("a quarter that is not one", |e| e["brief"][0]["quarter"] = "2026-Q5".into()),
    ("an owner for an integrator", |e| e["brief"][1]["owner"] = "Ana".into()),
    ("a brief line without its text", |e| { e["brief"][0].as_object_mut().unwrap().remove("text"); }),
    ("a phase not in the list", |e| e["plan"]["milestones"][0]["phase"] = "ship".into()),
    ("a date for a month", |e| e["plan"]["milestones"][0]["month"] = "2026-12-05".into()),
    ("a month for a start", |e| e["plan"]["initiatives"][0]["start"] = "Dec 2026".into()),
    ("a share above 100", |e| e["plan"]["initiatives"][0]["people"][0]["share"] = 120.into()),
    ("a pool above 50", |e| e["teams"][0]["flex_share"] = 60.into()),
    ("a link of a kind that serves nothing", |e| e["links"] = serde_json::json!([{"kind": "initiative", "uid": "x", "serves_uid": "y"}])),
    ("a link without the line it serves", |e| e["links"] = serde_json::json!([{"kind": "measure", "uid": "x"}])),
    ("a post-mortem without its change", |e| { e["plan"]["flex_draws"][0]["post_mortem"].as_object_mut().unwrap().remove("change"); }),
];

#[test]
fn the_schema_refuses_what_the_import_refuses() {
    let t = Sandbox::growth();
    t.ok("record 'Net revenue retention' 104.5");
    write_brief(&t.db(), "Growth");
    t.ok("plan initiative add Kit --owner Ana --start 2026-11 --end 2027-01");
    t.ok("plan assign Bo 1 40%");
    t.ok("plan milestone add 1 'Pick vendor' --month 2026-12");
    t.ok("plan draw-flex --why Outage --on 2026-11-20");
    t.ok("plan post-mortem 1 --what Down --factors 'One region' --change 'Two regions'");
    let export = json(&t.ok("export"));
    let v = validator();
    assert_eq!(errors(&v, &export), Vec::<String>::new());
    for (what, edit) in REFUSED {
        let mut bad = export.clone();
        edit(&mut bad);
        assert_ne!(bad, export, "{what} changes nothing");
        assert!(!errors(&v, &bad).is_empty(), "{what} passed the schema");
    }
}
