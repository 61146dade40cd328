//! `rhythm trigger`: rules on a measure with the response each sets off,
//! added, listed with their state, corrected, dropped and undone from the
//! command line; a rule that does not read is refused in one line naming
//! the part at fault, and changes nothing.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::Sandbox;

#[test]
fn a_trigger_fires_with_the_readings_and_is_listed_corrected_and_undone() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("trigger list"),
        "Growth has no trigger rules yet: add one with `rhythm trigger add \"RESPONSE\" --when \"MEASURE > N for 3 weeks\"`\n"
    );
    assert_eq!(
        t.ok(
            "trigger add 'Move two agents to tier 2' --when 'tier-2 response time > 8 for 2 weeks'"
        ),
        "Added trigger #1 to Growth: Tier-2 response time > 8 for 2 weeks → Move two agents to tier 2 (quiet)\n"
    );
    t.ok("record 'Tier-2 response time' 9 --week 2026-W46");
    t.ok("record 'Tier-2 response time' 9.5 --week 2026-W47");
    let list = t.ok("trigger list");
    assert!(list.contains("⚑ firing since 2026-W47"), "{list}");
    assert!(list.contains("Move two agents to tier 2"), "{list}");
    let json = common::json(&t.ok("trigger list --json"));
    assert_eq!(json[0]["state"], "firing");
    assert_eq!(json[0]["firing_since"], "2026-W47");
    assert_eq!(json[0]["rule"], "Tier-2 response time > 8 for 2 weeks");
    assert_eq!(json[0]["episodes"], 1);

    // A week back under the line clears it; undo brings the episode back.
    t.ok("record 'Tier-2 response time' 7 --week 2026-W48");
    let json = common::json(&t.ok("trigger list --json"));
    assert_eq!(json[0]["state"], "quiet");
    assert_eq!(json[0]["last_fired"], "2026-W47");
    t.ok("undo");
    let json = common::json(&t.ok("trigger list --json"));
    assert_eq!(json[0]["state"], "firing");

    assert_eq!(
        t.ok("trigger edit 1 --when 'Tier-2 response time > 8 for 3 weeks'"),
        "Corrected trigger #1: Tier-2 response time > 8 for 3 weeks → Move two agents to tier 2 (quiet)\n"
    );
    t.ok("trigger edit 1 --response 'Hire a contractor for tier 2'");
    let log = t.ok("log");
    assert!(
        log.contains(
            "Added trigger #1: Tier-2 response time > 8 for 2 weeks → Move two agents to tier 2"
        ),
        "{log}"
    );
    assert_eq!(
        t.ok("trigger drop 1"),
        "Dropped trigger #1: Tier-2 response time > 8 for 3 weeks (rhythm undo brings it back)\n"
    );
    assert!(t.ok("trigger list").contains("no trigger rules yet"));
    t.ok("undo");
    assert!(
        t.ok("trigger list")
            .contains("Hire a contractor for tier 2")
    );
}

#[test]
fn a_monthly_rule_uses_the_measures_roll_up() {
    let t = Sandbox::growth();
    // Coverage is in "x", a ratio: months average by default.
    t.ok("trigger add 'Hire two account executives' --when 'Pipeline coverage < 3 for 1 month'");
    for (week, value) in [
        ("2026-W45", "2"),
        ("2026-W46", "2"),
        ("2026-W47", "5"),
        ("2026-W48", "4"),
    ] {
        t.ok(&format!("record 'Pipeline coverage' {value} --week {week}"));
    }
    // November averages 3.25.
    assert!(t.ok("trigger list").contains("quiet"));
    // Its first week's value would say 2, but the last week stands for the
    // month only when the measure says so.
    t.ok("measure edit 'Pipeline coverage' --rollup last");
    assert!(t.ok("trigger list").contains("quiet"));
    t.ok("record 'Pipeline coverage' 2 --week 2026-W48");
    assert!(t.ok("trigger list").contains("⚑ firing since 2026-11"));
}

#[test]
fn bad_rules_are_refused_in_one_line_and_write_nothing() {
    let t = Sandbox::growth();
    let before = t.digest();
    for (line, code, says) in [
        (
            "trigger add 'Act' --when 'Pipeline coverage > 3'",
            2,
            "error: 'Pipeline coverage > 3': could not read how long it must hold: end it with 'for 2 weeks' or 'for 3 months'",
        ),
        (
            "trigger add 'Act' --when 'Pipeline coverage >> lots for 2 weeks'",
            2,
            "error: 'Pipeline coverage >> lots for 2 weeks': could not read the comparison in 'Pipeline coverage >> lots': write MEASURE < N for 2 weeks (or <=, >, >=, outside A..B, within A..B; weeks or months)",
        ),
        (
            "trigger add 'Act' --when 'Pipeline coverage > 3 for 2 fortnights'",
            2,
            "error: 'Pipeline coverage > 3 for 2 fortnights': could not read the run '2 fortnights': write 'for N weeks' or 'for N months', N from 1 to 52",
        ),
        (
            "trigger add 'Act' --when 'Pipline coverage > 3 for 2 weeks'",
            1,
            "error: unknown measure 'Pipline coverage' in Growth: did you mean 'Pipeline coverage'?",
        ),
        (
            "trigger add '' --when 'Pipeline coverage > 3 for 2 weeks'",
            1,
            "error: trigger response cannot be empty",
        ),
        (
            "trigger edit 9 --response 'Act'",
            1,
            "error: no trigger #9: see `rhythm trigger list`",
        ),
        (
            "trigger drop 9",
            1,
            "error: no trigger #9: see `rhythm trigger list`",
        ),
    ] {
        assert_eq!(t.fails(code, line), says, "{line}");
    }
    assert_eq!(t.digest(), before);
}
