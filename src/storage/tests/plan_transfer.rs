//! The plan through export and import, on both stores: initiatives with
//! people and the brief line they serve, milestones in every phase and
//! state (one with its decision), draws with and without a post-mortem and
//! a team's own flexible pool; exported, imported into an empty store (of
//! either kind) and exported again byte for byte; a team's export carries
//! its own plan only; a merge adds what is new by uid; a file of version 3
//! reads as having no plan; a bad month or phase is refused with its
//! place, and nothing is written. Links from weekly work to the brief
//! travel with them.

use super::plan::{initiative, milestone};
use super::*;
use crate::domain::archive::Archive;
use crate::domain::brief::NewBriefItem;
use crate::domain::change::{FieldEdit, RowRef};
use crate::domain::plan::{InitiativeEdit, NewFlexDraw, PostMortem};
use crate::domain::{
    BriefItemId, BriefKind, FlexDrawId, InitiativeId, MilestoneId, OpSource, Origin, Phase,
    PlanState, Serving,
};
use crate::storage::{Images, ImportReport};

fn line(team: Option<TeamId>, kind: BriefKind, text: &str) -> NewBriefItem {
    NewBriefItem {
        team,
        quarter: "2026-Q4".parse().unwrap(),
        kind,
        text: text.into(),
        detail: String::new(),
        integrator: (kind == BriefKind::Objective).then(|| "Ana".into()),
        measure: None,
        objective: None,
    }
}

fn draw(s: &mut Store, team: TeamId, why: &str, on: &str) -> FlexDrawId {
    FlexDrawId(apply(
        s,
        Change::DrawFlex(NewFlexDraw {
            team,
            why: why.into(),
            on: date(on),
        }),
    ))
}

fn assign(s: &mut Store, initiative: InitiativeId, person: &str, share: u8) {
    apply(
        s,
        Change::AssignPerson {
            initiative,
            person: person.into(),
            share,
        },
    );
}

struct Made {
    growth: TeamId,
    platform: TeamId,
    kit: InitiativeId,
}

/// Growth: two initiatives (one serving its own objective, one the whole
/// database's choice, closed), four milestones (decide with its decision,
/// build done, launch, one stopped), a pool of 15 % and two draws (one
/// with its post-mortem); Platform: one initiative and a draw.
fn fill(s: &mut Store) -> Made {
    let growth = add_team(s, "Growth");
    let platform = add_team(s, "Platform");
    let objective = BriefItemId(apply(
        s,
        Change::AddBriefItem(line(Some(growth), BriefKind::Objective, "Win healthcare")),
    ));
    let shared = BriefItemId(apply(
        s,
        Change::AddBriefItem(line(None, BriefKind::Choice, "One product")),
    ));
    let kit = InitiativeId(apply(
        s,
        Change::AddInitiative(initiative(growth, "Kit 🚀")),
    ));
    apply(
        s,
        Change::EditInitiative {
            initiative: kit,
            edit: InitiativeEdit {
                serves: FieldEdit::Set(objective),
                ..Default::default()
            },
        },
    );
    assign(s, kit, "Ana", 60);
    assign(s, kit, "Bo", 25);
    let old = InitiativeId(apply(
        s,
        Change::AddInitiative(crate::domain::plan::NewInitiative {
            serves: Some(shared),
            end: None,
            ..initiative(growth, "Partners \"first\"")
        }),
    ));
    assign(s, old, "Cy", 100);
    let pick = MilestoneId(apply(
        s,
        Change::AddMilestone(milestone(kit, "Pick vendor")),
    ));
    let decision = add_decision(s, growth, "Which vendor", false);
    // Weekly work serving the team's objective and the whole database's
    // choice: the export's links.
    let serve = |s: &mut Store, kind, id, line| {
        apply(
            s,
            Change::Serve {
                kind,
                record: RowRef::Id(id),
                line: Some(line),
            },
        )
    };
    serve(s, Serving::Decision, decision.0, objective);
    let nrr = add_measure(s, growth, "NRR");
    serve(s, Serving::Measure, nrr.0, shared);
    apply(
        s,
        Change::LinkMilestoneDecision {
            milestone: pick,
            decision: RowRef::Id(decision.0),
        },
    );
    let build = MilestoneId(apply(
        s,
        Change::AddMilestone(crate::domain::plan::NewMilestone {
            owner: Some("Bo".into()),
            ..milestone(kit, "Build kit")
        }),
    ));
    apply_at(
        s,
        Change::MoveMilestone {
            milestone: build,
            phase: Phase::Build,
        },
        later(),
    );
    apply(
        s,
        Change::SetMilestoneState {
            milestone: build,
            state: PlanState::Done,
            note: None,
        },
    );
    let launch = MilestoneId(apply(s, Change::AddMilestone(milestone(kit, "Launch"))));
    apply(
        s,
        Change::MoveMilestone {
            milestone: launch,
            phase: Phase::Launch,
        },
    );
    let stop = MilestoneId(apply(s, Change::AddMilestone(milestone(old, "Resell"))));
    apply(
        s,
        Change::SetMilestoneState {
            milestone: stop,
            state: PlanState::Closed,
            note: Some("No partner signed".into()),
        },
    );
    apply(
        s,
        Change::SetInitiativeState {
            initiative: old,
            state: PlanState::Closed,
            note: Some("Direct sales won".into()),
        },
    );
    apply(
        s,
        Change::SetFlexShare {
            team: growth,
            share: 15,
        },
    );
    let outage = draw(s, growth, "Outage", "2026-11-20");
    apply(
        s,
        Change::WritePostMortem {
            draw: outage,
            post_mortem: PostMortem {
                what: "Two days down".into(),
                factors: "One region".into(),
                change: "Second region".into(),
            },
        },
    );
    draw(s, growth, "Audit", "2026-11-27");
    let uptime = InitiativeId(apply(
        s,
        Change::AddInitiative(initiative(platform, "Uptime")),
    ));
    assign(s, uptime, "Ana", 30);
    draw(s, platform, "Incident", "2026-11-22");
    Made {
        growth,
        platform,
        kit,
    }
}

fn origin() -> Origin {
    Origin::new("test", OpSource::Cli)
}

fn import(s: &mut Store, a: &Archive, merge: bool) -> ImportReport {
    try_import(s, a, merge).unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn try_import(s: &mut Store, a: &Archive, merge: bool) -> Result<ImportReport, StoreError> {
    s.apply_batch(&origin(), later(), Images::Keys, |w| {
        w.import(a, merge, &mut |_| {})
    })
}

fn streamed(s: &Store, team: Option<TeamId>) -> String {
    let mut out = Vec::new();
    s.export_to(team, &mut out, &mut |_| {}).unwrap();
    String::from_utf8(out).unwrap()
}

fn text_of(a: &Archive) -> String {
    let mut text = Vec::new();
    crate::formats::json::to_writer_pretty(&mut text, a).unwrap();
    text.push(b'\n');
    String::from_utf8(text).unwrap()
}

both! {
fn a_plan_exports_imports_and_exports_byte_for_byte() {
    let mut s = store();
    let made = fill(&mut s);
    let first = s.export(None).unwrap();
    first.validate().unwrap();
    assert_eq!(first.version, 5);
    let plan = &first.plan;
    assert_eq!(
        (plan.initiatives.len(), plan.milestones.len(), plan.flex_draws.len()),
        (3, 4, 3)
    );
    assert_eq!(first.teams.iter().map(|t| t.flex_share).collect::<Vec<_>>(), [15, 10]);
    let phases: std::collections::BTreeSet<&str> =
        plan.milestones.iter().map(|m| m.phase.as_str()).collect();
    assert_eq!(phases.len(), 3, "{phases:?}");
    assert!(plan.milestones.iter().any(|m| m.decision.is_some()));
    assert!(plan.flex_draws.iter().any(|d| d.post_mortem.is_some()));
    assert!(plan.flex_draws.iter().any(|d| d.post_mortem.is_none()));
    assert_eq!(first.links.len(), 2);
    let text = streamed(&s, None);
    assert_eq!(text, text_of(&first), "the stream and the archive differ");
    assert!(text.contains("\"serves_uid\": \""), "{text}");
    assert!(text.contains("\"phase_since\": \"2026-"), "{text}");

    for mut copy in [store(), Store::open_in_memory().unwrap()] {
        let report = import(&mut copy, &first, false);
        assert_eq!(report.added.get("initiatives"), Some(&3));
        assert_eq!(report.added.get("milestones"), Some(&4));
        assert_eq!(report.added.get("flex draws"), Some(&3));
        assert_eq!(report.added.get("links"), Some(&2));
        assert_eq!(streamed(&copy, None), text, "export → import → export");
        for team in [made.growth, made.platform] {
            assert_eq!(copy.plan(team).unwrap(), s.plan(team).unwrap());
        }
    }

    // One team's export carries its plan only, without the link to the
    // whole database's brief it leaves out, and the people on its plan.
    let one = s.export(Some(made.growth)).unwrap();
    one.validate().unwrap();
    assert_eq!(one.plan.initiatives.len(), 2);
    assert_eq!(one.plan.milestones.len(), 4);
    assert_eq!(one.plan.flex_draws.len(), 2);
    assert_eq!(one.plan.initiatives.iter().filter(|i| i.serves.is_some()).count(), 1);
    let kept: Vec<&str> = one.links.iter().map(|l| l.kind.as_str()).collect();
    assert_eq!(kept, ["decision"], "the link to the whole database's choice is left out");
    let names: Vec<&str> = one.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Bo", "Cy"]);
    let one_text = streamed(&s, Some(made.growth));
    assert_eq!(one_text, text_of(&one));
    let mut alone = store();
    import(&mut alone, &one, false);
    assert_eq!(streamed(&alone, None), one_text);
    let platform = s.export(Some(made.platform)).unwrap();
    assert_eq!(platform.plan.initiatives.len(), 1);
    assert_eq!(platform.plan.flex_draws.len(), 1);
    assert!(platform.plan.milestones.is_empty());
}

fn a_merge_adds_new_plan_records_and_lists_what_differs() {
    let mut a = store();
    let made = fill(&mut a);
    let mut b = store();
    import(&mut b, &a.export(None).unwrap(), false);
    let before = streamed(&b, None);
    apply(&mut a, Change::AddMilestone(milestone(made.kit, "Train sales")));
    draw(&mut a, made.platform, "Hotfix", "2026-11-28");
    assign(&mut a, made.kit, "Di", 10);
    let newer = a.export(None).unwrap();
    let report = import(&mut b, &newer, true);
    assert_eq!(report.added.get("milestones"), Some(&1), "{report:?}");
    assert_eq!(report.added.get("flex draws"), Some(&1), "{report:?}");
    let kit = newer.plan.initiatives.iter().find(|i| i.title == "Kit 🚀").unwrap();
    assert_eq!(
        report.conflicts,
        [format!("initiative 'Kit 🚀' ({}): differs from the one here", kit.uid)]
    );
    let plan = b.plan(made.growth).unwrap();
    let kit_here = plan.initiatives.iter().find(|i| i.id == made.kit).unwrap();
    assert_eq!(kit_here.milestones.len(), 4);
    assert_eq!(kit_here.people.len(), 2, "the initiative here keeps its people");

    b.undo(None, false, &origin(), later()).unwrap();
    assert_eq!(streamed(&b, None), before);
    import(&mut b, &newer, true);
    let again = import(&mut b, &newer, true);
    assert!(again.added.is_empty(), "{again:?}");
    assert_eq!(again.conflicts.len(), 1);
}

fn a_file_before_version_4_has_no_plan_and_the_default_pool() {
    let mut s = store();
    fill(&mut s);
    let mut json: serde_json::Value = serde_json::from_str(&streamed(&s, None)).unwrap();
    json["version"] = 3.into();
    json.as_object_mut().unwrap().remove("plan");
    for t in json["teams"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("flex_share");
    }
    let old: Archive = serde_json::from_value(json).unwrap();
    old.validate().unwrap();
    let mut copy = store();
    import(&mut copy, &old, false);
    let back = copy.export(None).unwrap();
    assert!(back.plan.initiatives.is_empty() && back.plan.flex_draws.is_empty());
    assert!(back.teams.iter().all(|t| t.flex_share == 10));
}

fn a_bad_month_or_phase_is_refused_with_its_place_and_nothing_is_written() {
    let mut s = store();
    fill(&mut s);
    let good = s.export(None).unwrap();
    let mut month = good.clone();
    month.plan.milestones[1].month = "2026-13".into();
    let mut phase = good.clone();
    phase.plan.milestones[2].phase = "ship".into();
    let mut span = good.clone();
    span.plan.initiatives[0].end = Some("2026-10".into());
    let mut flex = good.clone();
    flex.teams[0].flex_share = 60;
    let cases = [
        (month, "plan.milestones[1].month: '2026-13' is not a month: the month must be 1 to 12 (use 2026-12, or a date or week inside it)".to_string()),
        (phase, "plan.milestones[2].phase: 'ship' is not one of: decide, build, launch".to_string()),
        (span, "plan.initiatives[0].end: an initiative ends in or after the month it starts: 2026-10 is before 2026-11".to_string()),
        (flex, "teams[0].flex_share: '60' must be from 0 to 50 (%)".to_string()),
    ];
    for (bad, want) in cases {
        let mut into = store();
        let before = counts(&into);
        let err = try_import(&mut into, &bad, false).unwrap_err();
        assert_eq!(refused_message(err), want);
        assert_eq!(counts(&into), before);
        let text = streamed(&s, None);
        let err = try_import(&mut s, &bad, true).unwrap_err();
        assert_eq!(refused_message(err), want);
        assert_eq!(streamed(&s, None), text);
    }
}
}
