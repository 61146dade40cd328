//! `rhythm health`: a team's execution figures from its meetings and
//! decisions, kept as each meeting stood: the values missing when a review
//! started and the commitments done when it ended are stored then, so a
//! value recorded later does not rewrite them; decision time counts the
//! days from needed to made per lane.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{Sandbox, json};

#[test]
fn the_figures_come_from_the_meetings_as_they_stood() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("health"),
        "Growth's rhythm, 2026-W40 to 2026-W48:\n  \
         Reviews held      0 of 0 weekly reviews due\n  \
         Ratings           none yet\n  \
         Commitments done  none yet\n  \
         Meeting length    none yet\n  \
         Values missing    none yet\n  \
         Decision time     no decision made yet\n"
    );
    // One of three measures has its value when the review starts.
    t.ok("record 'Net revenue retention' 104 --week 2026-W48");
    let m = t.start_meeting("2026-11-24T09:00:00Z");
    t.ok("record 'Pipeline coverage' 3.5 --week 2026-W48");
    t.ok("action add 'Call the five largest renewals' --owner Ana --due 2026-11-20");
    t.ok("meeting end");
    t.ok(&format!("meeting rate {} 8", m.0));
    let store = t.store();
    let kept = store.meeting(m).unwrap().unwrap().health;
    assert_eq!(
        kept.missing_at_start,
        Some(2),
        "as it started, not as it is"
    );
    assert_eq!(kept.commitments, Some((0, 1)), "one due, none done");

    t.ok("decision add 'Keep the discount' --needed --lane commitment");
    let h = json(&t.ok("health --json"));
    assert_eq!(h["held"][0]["week"], "2026-W48");
    assert_eq!(h["held"][0]["missing_at_start"], 2);
    assert_eq!(h["average_rating"], 8.0);
    assert_eq!(h["completion_percent"], 0);
    assert_eq!(h["expected"], 1);
    assert_eq!(
        h["decisions"],
        serde_json::json!([]),
        "a decision needed is not made"
    );
    let text = t.ok("health --quarters 2");
    assert!(
        text.starts_with("Growth's rhythm, 2026-W27 to 2026-W48:"),
        "{text}"
    );
    assert!(
        text.contains("Reviews held      1 of 1 weekly reviews due"),
        "{text}"
    );
    assert!(text.contains("8.0 of 10"), "{text}");

    let said = t.fails(2, "health --quarters 0");
    assert!(said.contains("'0'"), "{said}");
}
