//! `rhythm plan` on the real binary: initiatives serving the brief by its
//! words or number, milestones moved through decide, build and launch,
//! people's shares, the flexible pool and its draws with post-mortems; the
//! board as text, Markdown and JSON across a month boundary; each write in
//! the log and taken back by undo; bad input refused in one line quoting
//! it, with nothing written.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{Sandbox, json};

/// Growth with a brief (two choices and an objective, all three about
/// healthcare) and Platform beside it.
fn planned() -> Sandbox {
    let t = Sandbox::growth();
    t.ok("brief choice add 'Mid-market healthcare rather than all SMBs' --consequence 'longer sales cycles'");
    t.ok("brief choice add 'Healthcare partners over paid ads' --consequence 'a slower first quarter'");
    t.ok("brief objective add 'Ten healthcare logos' --integrator Ana");
    t.ok("team add Platform");
    t
}

/// `rhythm --db team.db --team Growth LINE`, expecting success.
fn ok(t: &Sandbox, line: &str) -> String {
    t.ok(&format!("--team Growth {line}"))
}

/// The newest entry of `rhythm log`, without its number, time and author.
fn logged(t: &Sandbox) -> String {
    let log = t.ok("log");
    let line = log.lines().nth(1).unwrap();
    line.split("  cli   ")
        .nth(1)
        .unwrap()
        .trim_end()
        .to_string()
}

fn board(t: &Sandbox) -> serde_json::Value {
    json(&ok(t, "plan show --json"))
}

#[test]
fn an_initiative_is_added_served_corrected_closed_reopened_and_undone() {
    let t = planned();
    // By a unique part of its words, in any case.
    assert_eq!(
        ok(
            &t,
            "plan initiative add 'Onboarding kit' --owner Ana --serves MID-MARKET --start 2026-11 --end 2027-01"
        ),
        "Added initiative #1: Onboarding kit\n"
    );
    assert_eq!(logged(&t), "Added initiative #1: Onboarding kit");
    let kit = &board(&t)["initiatives"][0];
    assert_eq!(
        kit["serves"]["text"],
        "Mid-market healthcare rather than all SMBs"
    );
    assert_eq!(
        (kit["start"].as_str(), kit["end"].as_str()),
        (Some("2026-11"), Some("2027-01"))
    );

    // By number, corrected, and the correction undone.
    assert_eq!(
        ok(
            &t,
            "plan initiative edit 1 --serves '#3' --title 'Healthcare onboarding kit' --end 2027-02"
        ),
        "Corrected initiative #1\n"
    );
    assert_eq!(
        logged(&t),
        "Edited initiative #1: end_month 2027-01 → 2027-02, serves 1 → 3, title Onboarding kit → Healthcare onboarding kit"
    );
    let kit = &board(&t)["initiatives"][0];
    assert_eq!(kit["title"], "Healthcare onboarding kit");
    assert_eq!(kit["serves"]["text"], "Ten healthcare logos");
    assert_eq!(kit["end"], "2027-02");
    t.ok("undo");
    let kit = &board(&t)["initiatives"][0];
    assert_eq!(
        (kit["title"].as_str(), kit["end"].as_str()),
        (Some("Onboarding kit"), Some("2027-01"))
    );

    // Closing asks what was learned; reopening brings it back; undo too.
    assert_eq!(
        ok(
            &t,
            "plan initiative close 1 --note 'Sales use it in every deal'"
        ),
        "Closed initiative #1 (done)\n"
    );
    assert_eq!(logged(&t), "Closed initiative #1 as done");
    assert_eq!(
        ok(&t, "plan initiative reopen 1"),
        "Opened initiative #1 again\n"
    );
    assert_eq!(logged(&t), "Opened initiative #1 again");
    ok(&t, "plan initiative close 1 --note 'No budget' --stopped");
    assert_eq!(board(&t)["initiatives"][0]["state"], "closed");
    t.ok("undo");
    assert_eq!(board(&t)["initiatives"][0]["state"], "open");
}

#[test]
fn serves_names_one_line_or_says_which_and_writes_nothing() {
    let t = planned();
    let before = t.digest();
    for (serves, says) in [
        (
            "healthcare",
            "error: 'healthcare' is part of more than one choice or objective in Growth's brief or the whole database's: #1 'Mid-market healthcare rather than all SMBs', #2 'Healthcare partners over paid ads', #3 'Ten healthcare logos'; give more of its words or its number",
        ),
        (
            "helthcare logo",
            "error: unknown choice or objective 'helthcare logo' in Growth's brief or the whole database's: did you mean 'Ten healthcare logos'?",
        ),
        (
            "#9",
            "error: there is no line #9 in any brief (see `rhythm brief show`)",
        ),
    ] {
        let line = format!("--team Growth plan initiative add Kit --serves '{serves}'");
        assert_eq!(t.fails(1, &line), says, "{line}");
    }
    assert_eq!(t.digest(), before);
}

#[test]
fn milestones_move_through_their_phases_and_each_step_is_logged_and_undone() {
    let t = planned();
    ok(
        &t,
        "plan initiative add Kit --owner Ana --start 2026-11 --end 2027-01",
    );
    assert_eq!(
        ok(
            &t,
            "plan milestone add 1 'Pick vendor' --month 2026-12 --owner Cy"
        ),
        "Added milestone #1 to initiative #1 (decide, Dec 2026): Pick vendor\n"
    );
    assert_eq!(
        logged(&t),
        "Added milestone #1 to initiative #1: Pick vendor"
    );
    let steps = [
        (
            "plan milestone move 1 build",
            "Milestone #1 is in build now\n",
            "Moved milestone #1 to build",
            "build",
            "open",
        ),
        (
            "plan milestone move 1 launch",
            "Milestone #1 is in launch now\n",
            "Moved milestone #1 to launch",
            "launch",
            "open",
        ),
        (
            "plan milestone done 1",
            "Milestone #1 is done\n",
            "Marked milestone #1 done",
            "launch",
            "done",
        ),
        (
            "plan milestone reopen 1",
            "Opened milestone #1 again\n",
            "Opened milestone #1 again",
            "launch",
            "open",
        ),
        (
            "plan milestone stop 1 --note 'Vendor went away'",
            "Stopped milestone #1\n",
            "Stopped milestone #1",
            "launch",
            "closed",
        ),
    ];
    let mut seen = vec![("decide".to_string(), "open".to_string())];
    for (line, says, log, phase, state) in steps {
        assert_eq!(ok(&t, line), says, "{line}");
        assert_eq!(logged(&t), log, "{line}");
        let m = &board(&t)["initiatives"][0]["milestones"][0];
        assert_eq!(
            (m["phase"].as_str(), m["state"].as_str()),
            (Some(phase), Some(state)),
            "{line}"
        );
        seen.push((phase.to_string(), state.to_string()));
    }
    // Undone step by step, back to where it started.
    seen.pop();
    while let Some((phase, state)) = seen.pop() {
        t.ok("undo");
        let m = &board(&t)["initiatives"][0]["milestones"][0];
        assert_eq!(
            (m["phase"].as_str(), m["state"].as_str()),
            (Some(phase.as_str()), Some(state.as_str()))
        );
    }
}

#[test]
fn people_get_shares_the_pool_is_set_and_a_draw_asks_for_its_post_mortem() {
    let t = planned();
    ok(&t, "plan initiative add Kit --start 2026-11 --end 2027-01");
    assert_eq!(
        ok(&t, "plan assign Bo 1 40%"),
        "Bo: 40 % on initiative #1\n"
    );
    assert_eq!(logged(&t), "Gave Bo 40 % on initiative #1");
    assert_eq!(board(&t)["initiatives"][0]["people"][0]["share"], 40);
    assert_eq!(ok(&t, "plan assign Bo 1 0"), "Took Bo off initiative #1\n");
    assert_eq!(logged(&t), "Took Bo off initiative #1");
    assert_eq!(board(&t)["initiatives"][0]["people"], serde_json::json!([]));
    t.ok("undo");
    assert_eq!(board(&t)["initiatives"][0]["people"][0]["person"], "Bo");

    // Over what the pool leaves: said on stderr, and flagged.
    let run = t.run("--team Growth plan assign Cy 1 95");
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "warning: Cy: 95 % of their time in Nov 2026, over the 90 % the flexible pool leaves\n"
    );
    assert_eq!(
        ok(&t, "plan flex 4"),
        "Growth keeps 4 % of everyone's time free as its flexible pool\n"
    );
    assert_eq!(logged(&t), "Set the flexible pool of team Growth to 4 %");
    assert_eq!(board(&t)["flex"], 4);

    assert_eq!(
        ok(&t, "plan draw-flex --why 'Billing outage' --on 2026-11-20"),
        "Recorded flex draw #1 on 2026-11-20; write its post-mortem with `rhythm plan post-mortem 1 --what … --factors … --change …`\n"
    );
    assert_eq!(logged(&t), "Drew on the flexible pool (#1): Billing outage");
    let text = ok(&t, "plan show");
    assert!(
        text.contains("flex draw #1 on 2026-11-20 (Billing outage): post-mortem not written"),
        "{text}"
    );
    assert_eq!(
        ok(
            &t,
            "plan post-mortem 1 --what 'Six hours down' --factors 'One provider' --change 'A second provider'"
        ),
        "Wrote the post-mortem of flex draw #1\n"
    );
    assert_eq!(logged(&t), "Wrote the post-mortem of flex draw #1");
    assert!(!ok(&t, "plan show").contains("post-mortem not written"));
    t.ok("undo");
    assert!(ok(&t, "plan show").contains("post-mortem not written"));
}

#[test]
fn bad_input_is_refused_in_one_line_quoting_it_and_writes_nothing() {
    let t = planned();
    ok(&t, "plan initiative add Kit --start 2026-11 --end 2027-01");
    ok(&t, "plan milestone add 1 'Pick vendor' --month 2026-12");
    ok(&t, "plan draw-flex --why Outage --on 2026-11-20");
    let before = t.digest();
    for (code, line, says) in [
        (
            2,
            "plan initiative add X --start 2026-13",
            "error: invalid value '2026-13' for '--start <START>': '2026-13' is not a month: the month must be 1 to 12 (use 2026-12, or a date or week inside it)",
        ),
        (
            2,
            "plan milestone edit 1 --month 2026-13",
            "error: invalid value '2026-13' for '--month <MONTH>': '2026-13' is not a month: the month must be 1 to 12 (use 2026-12, or a date or week inside it)",
        ),
        (
            1,
            "plan initiative add X --start 2026-12 --end 2026-11",
            "error: an initiative ends in or after the month it starts: 2026-11 is before 2026-12",
        ),
        (
            1,
            "plan initiative edit 1 --end 2026-10",
            "error: an initiative ends in or after the month it starts: 2026-10 is before 2026-11",
        ),
        (
            2,
            "plan assign Bo 1 120",
            "error: invalid value '120' for '<SHARE>': '120' is not a share of time: use 0 to 100, as 30 or 30%",
        ),
        (
            2,
            "plan flex 60",
            "error: invalid value '60' for '<SHARE>': '60' is not a flexible pool: use 0 to 50 (10 to 15 is usual)",
        ),
        (
            2,
            "plan milestone move 1 ship",
            "error: invalid value 'ship' for '<PHASE>': 'ship' is not one of: decide, build, launch",
        ),
        (
            1,
            "plan milestone move 1 decide",
            "error: milestone #1 is in decide already",
        ),
        (
            1,
            "plan assign Bo 1 0",
            "error: 'Bo' is not on initiative #1",
        ),
        (
            1,
            "plan initiative edit 7 --title Y",
            "error: there is no initiative #7 (see `rhythm plan show`)",
        ),
    ] {
        let line = format!("--team Growth {line}");
        assert_eq!(t.fails(code, &line), says, "{line}");
    }
    // Another team's records, named under Platform.
    for (line, says) in [
        (
            "plan initiative edit 1 --title Y",
            "error: initiative #1 is in another team's plan, not Platform's: name that team with --team",
        ),
        (
            "plan milestone done 1",
            "error: milestone #1 is in another team's plan, not Platform's: name that team with --team",
        ),
        (
            "plan post-mortem 1 --what a --factors b --change c",
            "error: flex draw #1 is in another team's plan, not Platform's: name that team with --team",
        ),
        (
            "plan initiative add Y --serves '#1'",
            "error: #1 is in another team's brief: work serves Platform's or the whole database's",
        ),
    ] {
        let line = format!("--team Platform {line}");
        assert_eq!(t.fails(1, &line), says, "{line}");
    }
    assert_eq!(t.digest(), before);
}

/// The board on either side of midnight at the end of November: its months
/// move on, and the milestone in decide since 23 November passes seven days
/// without a decision owner and is flagged.
#[test]
fn the_board_turns_the_month_and_flags_a_milestone_stuck_in_decide() {
    let t = planned();
    let at = |when: &str, line: &str| {
        t.raw_env(
            &[("RHYTHM_NOW", when)],
            &format!("--db team.db --team Growth {line}"),
        )
        .ok()
    };
    at(
        "2026-11-02T09:00:00Z",
        "plan initiative add 'Onboarding kit' --owner Ana --serves 'ten healthcare' --start 2026-11 --end 2027-01",
    );
    at("2026-11-02T09:00:00Z", "plan assign Ana 1 40");
    at(
        "2026-11-02T09:00:00Z",
        "plan milestone add 1 'Interview clinics' --month 2026-11 --phase build --owner Ana",
    );
    at("2026-11-20T09:00:00Z", "plan milestone done 1");
    at(
        "2026-11-23T00:30:00Z",
        "plan milestone add 1 'Pick vendor' --month 2026-12 --owner Cy",
    );
    at(
        "2026-11-23T00:30:00Z",
        "plan milestone add 1 'Kit in every deal' --month 2027-01 --phase launch",
    );
    let before = at("2026-11-30T23:30:00Z", "plan show");
    let after = at("2026-12-01T00:30:00Z", "plan show");
    let md = at("2026-12-01T00:30:00Z", "plan show --format md");
    let doc = json(&at("2026-12-01T00:30:00Z", "plan show --json"));
    let legend = "◇ decide  ■ build  ▲ launch  ✓ done  ✗ stopped  ⚑ in decide over a week, no decision owner";
    assert_eq!(
        before,
        format!(
            "Growth's operating plan, Nov 2026 to Jan 2027 (flexible pool 10 %)

#1 Onboarding kit (Ana, Nov 2026 to Jan 2027)
   serves objective #3: Ten healthcare logos
   people: Ana 40 %
   Nov 2026                        Dec 2026                        Jan 2027
   ✓ build #1 Interview clinics    ◇ decide #2 Pick vendor         ▲ launch #3 Kit in every deal

{legend}
"
        )
    );
    assert_eq!(
        after,
        format!(
            "Growth's operating plan, Dec 2026 to Feb 2027 (flexible pool 10 %)

#1 Onboarding kit (Ana, Nov 2026 to Jan 2027)
   serves objective #3: Ten healthcare logos
   people: Ana 40 %
   Dec 2026                        Jan 2027                        Feb 2027
   ⚑ decide #2 Pick vendor         ▲ launch #3 Kit in every deal
   and 1 milestone in other months

{legend}

Flagged
  ⚑ #2 Pick vendor (Onboarding kit): in decide 8 days, no decision owner
"
        )
    );
    assert_eq!(
        md,
        format!(
            "# Growth's operating plan, Dec 2026 to Feb 2027

Flexible pool: 10 % of everyone's time.

| Initiative | Dec 2026 | Jan 2027 | Feb 2027 |
| --- | --- | --- | --- |
| \\#1 Onboarding kit (Ana, Nov 2026 to Jan 2027)<br>serves objective \\#3: Ten healthcare logos<br>people: Ana 40 % | ⚑ decide \\#2 Pick vendor | ▲ launch \\#3 Kit in every deal |  |

## Flagged

- \\#2 Pick vendor (Onboarding kit): in decide 8 days, no decision owner

{legend}
"
        )
    );
    assert_eq!(
        doc["months"],
        serde_json::json!(["2026-12", "2027-01", "2027-02"])
    );
    assert_eq!(
        doc["flags"],
        serde_json::json!([{
            "flag": "stuck_in_decide", "milestone": 2, "title": "Pick vendor",
            "initiative": "Onboarding kit", "days": 8,
        }])
    );
    let milestones = &doc["initiatives"][0]["milestones"];
    assert_eq!(milestones[0]["state"], "done");
    assert_eq!(milestones[1]["phase_since"], "2026-11-23T00:30:00Z");
    // An hour earlier, the same plan flags nothing.
    let doc = json(&at("2026-11-30T23:30:00Z", "plan show --json"));
    assert_eq!(doc["flags"], serde_json::json!([]));
}
