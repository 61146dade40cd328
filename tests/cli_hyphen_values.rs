//! Text and numbers that begin with `-` are values where a value is
//! expected, as an option's value (`--note "-5% vs last week"`) and as a
//! positional one (`action add "-1 headcount plan"`); the flags that follow
//! them are still flags. Run through the real binary, checked in the
//! database after.

#![allow(clippy::unwrap_used)]

mod common;

use common::Sandbox;
use rhythm::domain::Week;
use rhythm::storage::{ActionFilter, DecisionFilter};

#[test]
fn a_note_and_a_value_that_begin_with_a_hyphen_are_recorded() {
    let t = Sandbox::growth();
    t.ok("record 'Net revenue retention' -5 --note '-5% vs last week' --week 2026-W47");
    // The `=` form, and a flag before the value.
    t.ok("record --week 2026-W46 'Net revenue retention' 98 --note=-2%");
    let team = t.team("Growth");
    let week = |s: &str| s.parse::<Week>().unwrap();
    let readings = t
        .store()
        .readings(team.id, week("2026-W46"), week("2026-W47"))
        .unwrap();
    let got: Vec<_> = readings
        .iter()
        .map(|r| {
            (
                r.week.to_string(),
                r.value,
                r.note.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2026-W46".to_string(), 98.0, "-2%".to_string()),
            ("2026-W47".to_string(), -5.0, "-5% vs last week".to_string()),
        ]
    );
}

#[test]
fn titles_names_and_owners_that_begin_with_a_hyphen_are_kept() {
    let t = Sandbox::growth();
    t.ok("action add '-1 headcount plan' --owner '-Dee' --due 2026-12-01");
    t.ok("action add --owner Ana -- '--strange title'");
    t.ok("decision add '-10% budget' --chosen '-freeze hiring' --option '-a' --option '-b' --context '-why'");
    t.ok("dep add '-SSO for trials' --to Platform --owner Bo --note '-2 weeks late'");
    t.ok("measure add '-churn' --owner Ana --unit '-' --direction lower --target -3");
    t.ok("team add '-ops'");
    // The global --team takes it too.
    t.ok("--team -ops action add 'Hire' --owner Ana");
    let store = t.store();
    let team = t.team("Growth");
    let actions = store.actions(team.id, &ActionFilter::default()).unwrap();
    let got: Vec<_> = actions
        .iter()
        .map(|a| {
            (
                a.title.as_str(),
                a.owner.as_deref(),
                a.due.map(|d| d.to_string()),
            )
        })
        .collect();
    assert!(
        got.contains(&("-1 headcount plan", Some("-Dee"), Some("2026-12-01".into()))),
        "{got:?}"
    );
    assert!(
        got.contains(&("--strange title", Some("Ana"), None)),
        "{got:?}"
    );
    let decisions = store
        .decisions(team.id, &DecisionFilter::default())
        .unwrap();
    let d = decisions.iter().find(|d| d.title == "-10% budget").unwrap();
    assert_eq!(
        (d.chosen.as_str(), d.options.clone(), d.context.as_str()),
        (
            "-freeze hiring",
            vec!["-a".to_string(), "-b".to_string()],
            "-why"
        )
    );
    let deps = store.dependencies(team.id, true).unwrap();
    assert_eq!(deps[0].what, "-SSO for trials");
    assert_eq!(deps[0].note.as_deref(), Some("-2 weeks late"));
    let ops = t.team("-ops");
    let hire = store.actions(ops.id, &ActionFilter::default()).unwrap();
    assert_eq!(hire[0].title, "Hire");
    let measures = store.measures(team.id, false).unwrap();
    let m = measures.iter().find(|m| m.name == "-churn").unwrap();
    assert_eq!(m.unit, "-");
}

/// A flag after a value that begins with `-` is a flag: the positional
/// title does not swallow `--owner`, and an option's value ends at its word.
#[test]
fn the_flags_that_follow_are_still_flags() {
    let t = Sandbox::growth();
    let said = t.ok("action add -x --owner Ana --due 2026-12-02");
    assert!(said.contains("-x (Ana, due 2026-12-02)"), "{said}");
    let said = t.ok("record 'Pipeline coverage' -1.5 --note -low --week 2026-W47");
    assert!(said.contains("-1.5"), "{said}");
    // A mistyped flag is still refused where no value is expected.
    let line = t.fails(2, "action add -x --owner Ana --bogus");
    assert!(line.contains("'--bogus'"), "{line}");
}

/// A negative number where a positive one is expected reaches its parser,
/// which quotes it, instead of clap's "unexpected argument" and its tip.
#[test]
fn a_negative_number_is_refused_by_what_it_is_not() {
    let t = Sandbox::growth();
    t.ok("action add 'Call the renewals' --owner Ana");
    let before = t.digest();
    for (line, says) in [
        ("action done -1", "'-1' is not an item number"),
        (
            "measure move 'Pipeline coverage' -2",
            "'-2' is not a position",
        ),
        ("scorecard --weeks -3", "'-3'"),
        ("log --limit -4", "'-4'"),
    ] {
        let got = t.fails(2, line);
        assert!(got.contains(says), "{line}: {got}");
        assert!(!got.contains("unexpected argument"), "{line}: {got}");
    }
    assert_eq!(t.digest(), before);
}
