//! Action items, off-track items, dependencies and decisions, through the
//! real binary, with the database checked through the library afterwards.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{Sandbox, json};
use rhythm::domain::{
    ActionItem, ActionState, Decision, DecisionState, DepStatus, Dependency, ItemState, Lane,
    OffTrackItem,
};
use rhythm::storage::{ActionFilter, DecisionFilter};

fn actions(t: &Sandbox) -> Vec<ActionItem> {
    let team = t.team("Growth").id;
    t.store().actions(team, &ActionFilter::default()).unwrap()
}

fn decisions(t: &Sandbox) -> Vec<Decision> {
    let team = t.team("Growth").id;
    t.store()
        .decisions(team, &DecisionFilter::default())
        .unwrap()
}

#[test]
fn actions_are_added_listed_and_closed() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("action add 'Call the renewals' --owner ana --due 2026-11-20"),
        "Added action #1: Call the renewals (Ana, due 2026-11-20)\n"
    );
    assert_eq!(
        t.ok("action add 'Draft the plan' --owner Dee"),
        "Added action #2: Draft the plan (Dee)\n"
    );
    assert_eq!(
        t.ok("action list"),
        "\
#  Due                 Owner  State  Action
1  2026-11-20 overdue  Ana    open   Call the renewals
2                      Dee    open   Draft the plan
"
    );
    assert!(
        t.ok("action list --owner DEE")
            .ends_with("  Draft the plan\n")
    );

    assert_eq!(
        t.ok("action done 1"),
        "Marked action #1 done: Call the renewals\n"
    );
    assert_eq!(
        t.ok("action drop #2"),
        "Marked action #2 dropped: Draft the plan\n"
    );
    assert_eq!(t.ok("action list"), "Growth has no open action items\n");
    let stored = actions(&t);
    let states: Vec<_> = stored.iter().map(|a| a.state).collect();
    assert_eq!(states, [ActionState::Done, ActionState::Dropped]);
    assert!(stored.iter().all(|a| a.closed_at.is_some()));
    let listed: Vec<ActionItem> = serde_json::from_str(&t.ok("action list --all --json")).unwrap();
    assert_eq!(listed, stored);

    let before = t.digest();
    assert_eq!(
        t.fails(1, "action done 9"),
        "error: there is no action item #9 in Growth"
    );
    assert_eq!(
        t.fails(1, "action list --owner Anna"),
        "error: unknown person 'Anna' in this database: did you mean 'Ana'?"
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn offtrack_items_are_raised_listed_resolved_and_dropped() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("offtrack add --measure 'net revenue retention' --owner Ana --why 'two churned accounts' --change 'call every renewal'"),
        "Raised off-track item #1: Net revenue retention is off track\n"
    );
    assert_eq!(
        t.ok("offtrack add 'Hiring is late' --owner Bo"),
        "Raised off-track item #2: Hiring is late\n"
    );
    assert_eq!(
        t.ok("offtrack list"),
        "\
#  Owner  State  Item                                Why                   Change by next week
1  Ana    open   Net revenue retention is off track  two churned accounts  call every renewal
2  Bo     open   Hiring is late
"
    );
    assert_eq!(
        t.ok("offtrack resolve 1"),
        "Marked off-track item #1 resolved: Net revenue retention is off track\n"
    );
    assert_eq!(
        t.ok("offtrack drop 2"),
        "Marked off-track item #2 dropped: Hiring is late\n"
    );
    assert_eq!(
        t.ok("offtrack list"),
        "Growth has no open off-track items\n"
    );

    let team = t.team("Growth").id;
    let stored = t.store().offtrack_items(team, &[]).unwrap();
    assert_eq!(stored[0].measure.as_deref(), Some("Net revenue retention"));
    assert_eq!(stored[0].raised_week.to_string(), "2026-W48");
    assert_eq!(
        (stored[0].state, stored[1].state),
        (ItemState::Resolved, ItemState::Dropped)
    );
    let listed: Vec<OffTrackItem> =
        serde_json::from_str(&t.ok("offtrack list --all --json")).unwrap();
    assert_eq!(listed, stored);

    let before = t.digest();
    assert_eq!(
        t.fails(2, "offtrack add --owner Bo"),
        "error: an off-track item needs a title, or --measure to raise it from a measure"
    );
    assert_eq!(
        t.fails(1, "offtrack add --measure Pipeline --owner Bo"),
        "error: unknown measure 'Pipeline' in Growth: did you mean 'Pipeline coverage'?"
    );
    assert_eq!(
        t.fails(1, "offtrack resolve 7"),
        "error: there is no off-track item #7 in Growth"
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn dependencies_are_added_listed_and_updated() {
    let t = Sandbox::growth();
    t.ok("team add Platform");
    assert_eq!(
        t.ok("--team growth dep add 'SSO for trials' --to platform --owner Bo --needed-by 2026-11-20 --status blocked --note 'no reviewer'"),
        "Added dependency #1: Growth needs SSO for trials from Platform by 2026-11-20\n"
    );
    assert_eq!(
        t.ok("dep add 'Usage export' --from Legal --to Growth --owner Cy"),
        "Added dependency #2: Legal needs Usage export from Growth\n"
    );
    assert_eq!(
        t.ok("--team Growth dep list"),
        "\
#  Status    Needs/owes  Other team  What            Owner  Needed by           Waiting
1  blocked   needs       Platform    SSO for trials  Bo     2026-11-20 overdue  0 days
2  on_track  owes        Legal       Usage export    Cy                         0 days
"
    );
    let listed = json(&t.ok("--team Platform dep list --json"));
    assert_eq!(listed[0]["direction"], "owes");
    assert_eq!(listed[0]["overdue"], true);
    assert_eq!(listed.as_array().unwrap().len(), 1);

    assert_eq!(
        t.ok("dep update 1 --status done --needed-by 2026-12-01"),
        "Updated dependency #1: SSO for trials (done, needed by 2026-12-01)\n"
    );
    assert_eq!(
        t.ok("dep update 2 --owner Dee"),
        "Updated dependency #2: Usage export (on_track, no needed-by date)\n"
    );
    let team = t.team("Growth").id;
    let stored: Vec<Dependency> = t.store().dependencies(team, true).unwrap();
    assert_eq!(stored.len(), 2);
    let sso = stored.iter().find(|d| d.what == "SSO for trials").unwrap();
    assert_eq!(sso.status, DepStatus::Done);
    assert_eq!(sso.needed_by.unwrap().to_string(), "2026-12-01");
    assert_eq!(sso.note.as_deref(), Some("no reviewer"));
    let export = stored.iter().find(|d| d.what == "Usage export").unwrap();
    assert_eq!(
        (export.needing.id, export.needing.name.as_str()),
        (None, "Legal")
    );
    assert_eq!(export.owner.as_deref(), Some("Dee"));
}

#[test]
fn a_team_name_like_ours_is_recorded_as_outside_with_a_warning() {
    let t = Sandbox::growth();
    t.ok("team add Platform");
    let run = t.run("dep add SSO --from Growth --to Platfrom --owner Bo");
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "Added dependency #1: Growth needs SSO from Platfrom\n"
    );
    assert_eq!(
        run.stderr,
        "warning: 'Platfrom' is not a team in this database, so it is recorded as an outside team (did you mean 'Platform'?)\n"
    );
    let deps = t.store().dependencies(t.team("Growth").id, true).unwrap();
    assert_eq!(
        (deps[0].providing.id, deps[0].providing.name.as_str()),
        (None, "Platfrom")
    );
}

#[test]
fn decisions_are_logged_decided_and_superseded() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("decision add 'Cut the annual discount to 15%' --chosen '15% from January' --owner Ana --option 'keep 20%' --option 15% --context 'Margins are thin' --lane commitment"),
        "Logged decision #1 (made): Cut the annual discount to 15% — Ana\n"
    );
    assert_eq!(
        t.ok("decision add 'Sunset the free tier?' --needed --due 2026-12-04"),
        "Logged decision #2 (needed): Sunset the free tier? — no owner yet, due 2026-12-04\n"
    );
    assert_eq!(
        t.ok("decision list"),
        "\
#  State   Decision                        Owner  Due/made        Lane
2  needed  Sunset the free tier?           —      due 2026-12-04  autonomy
1  made    Cut the annual discount to 15%  Ana    2026-11-25      commitment
"
    );
    assert_eq!(
        t.ok("decision show 1"),
        "\
#1 Cut the annual discount to 15%
State       made
Lane        commitment
Owner       Ana
Made        2026-11-25

Context
  Margins are thin

Options considered
  - keep 20%
  - 15%

Decision
  15% from January

Change log
  #5 2026-11-25 09:00 created by ana (cli): Logged decision #1: Cut the annual discount to 15%
"
    );
    assert_eq!(
        t.ok("decision decide 2 --chosen 'Keep it, cap usage' --owner bo"),
        "Decided #2: Sunset the free tier? — Keep it, cap usage\n"
    );
    assert_eq!(
        t.fails(1, "decision supersede 1 --by 2"),
        "error: decision #1 is a made commitment: changing it needs --approved-by NAME"
    );
    assert_eq!(
        t.ok("decision supersede 1 --by 2 --approved-by Dee"),
        "Decision #1 (Cut the annual discount to 15%) is superseded by #2 (Sunset the free tier?)\n"
    );
    let shown = t.ok("decision show 1");
    let log = shown.split("Change log\n").nth(1).unwrap();
    assert_eq!(
        log,
        "  #5 2026-11-25 09:00 created by ana (cli): Logged decision #1: Cut the annual discount to 15%
  #8 2026-11-25 09:00 changed by ana (cli), approved by Dee: Superseded decision #1 by #2
      state: made → superseded
"
    );

    let stored = decisions(&t);
    let by_id = |id: i64| stored.iter().find(|d| d.id.0 == id).unwrap();
    let (first, second) = (by_id(1), by_id(2));
    assert_eq!(
        (first.state, first.lane),
        (DecisionState::Superseded, Lane::Commitment)
    );
    assert_eq!(first.options, ["keep 20%", "15%"]);
    assert_eq!(first.superseded_by, Some(second.id));
    assert_eq!(second.state, DecisionState::Made);
    assert_eq!(second.owner.as_deref(), Some("Bo"));
    assert_eq!(second.chosen, "Keep it, cap usage");
    assert!(second.made_at.is_some());
    let shown: Decision = serde_json::from_str(&t.ok("decision show 2 --json")).unwrap();
    assert_eq!(&shown, second);
    let listed: Vec<Decision> =
        serde_json::from_str(&t.ok("decision list --state all --json")).unwrap();
    assert_eq!(listed, stored);
    assert_eq!(
        json(&t.ok("decision list --state superseded --json"))
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let before = t.digest();
    assert_eq!(
        t.fails(2, "decision add Hire --owner Ana"),
        "error: a decision made needs --chosen (the approach chosen); add --needed to log it as still needed"
    );
    assert_eq!(
        t.fails(2, "decision add Hire --needed --chosen yes"),
        "error: --chosen is for a decision made; leave out --needed, or --chosen"
    );
    assert_eq!(
        t.fails(2, "decision add Hire --chosen yes --due 2026-12-01"),
        "error: --due is for a decision still needed: add --needed"
    );
    assert_eq!(
        t.fails(1, "decision decide 9 --chosen x"),
        "error: there is no decision #9 in Growth"
    );
    assert_eq!(
        t.fails(1, "decision supersede 2 --by 2"),
        "error: a decision cannot supersede itself (#2)"
    );
    assert_eq!(t.digest(), before);
}
