//! The brief through export and import, on both stores: lines of every
//! kind, a team's and the whole database's, export, import into an empty
//! store (of either kind) and export again byte for byte; a team's export
//! carries its own brief only; a merge adds what is new, finds the rest
//! unchanged and lists what differs or would not fit; a bad line is
//! refused with its place, and nothing is written.

use super::*;
use crate::domain::archive::Archive;
use crate::domain::brief::{BriefEdit, NewBriefItem};
use crate::domain::{BriefItemId, BriefKind, OpSource, Origin, Quarter};
use crate::storage::{Images, ImportReport};

use super::brief::{line, q};

fn objective(team: Option<TeamId>, text: &str, integrator: &str) -> NewBriefItem {
    NewBriefItem {
        integrator: Some(integrator.into()),
        ..line(team, BriefKind::Objective, text, "")
    }
}

fn shows(team: Option<TeamId>, measure: MeasureId, objective: Option<BriefItemId>) -> NewBriefItem {
    NewBriefItem {
        measure: Some(measure),
        objective,
        ..line(team, BriefKind::Measure, "", "")
    }
}

fn add(s: &mut Store, item: NewBriefItem) -> BriefItemId {
    BriefItemId(apply(s, Change::AddBriefItem(item)))
}

/// What `fill` made, to point at.
struct Made {
    growth: TeamId,
    platform: TeamId,
    win: BriefItemId,
    germany: BriefItemId,
    nrr: MeasureId,
    coverage: MeasureId,
    /// Every brief: (team, quarter).
    briefs: Vec<(Option<TeamId>, Quarter)>,
}

/// Two teams, and briefs with every kind of line: Growth's for two
/// quarters, Platform's, and the whole database's, which names measures of
/// both teams; one line corrected later, one dropped (its id leaves a gap).
fn fill(s: &mut Store) -> Made {
    let growth = add_team(s, "Growth");
    let platform = add_team(s, "Platform");
    let nrr = add_measure(s, growth, "NRR");
    let coverage = add_measure(s, growth, "Pipeline coverage");
    let uptime = add_measure(s, platform, "Uptime");
    let g = Some(growth);
    let focus = add(
        s,
        line(
            g,
            BriefKind::Choice,
            "Mid-market \"healthcare\" 🚀",
            "Longer sales cycles",
        ),
    );
    let win = add(s, objective(g, "Win five healthcare logos", "Ana"));
    let germany = add(
        s,
        line(g, BriefKind::Exclusion, "No Germany", "Until churn < 8 %"),
    );
    add(s, shows(g, nrr, Some(win)));
    add(s, shows(g, coverage, None));
    let dropped = add(s, line(g, BriefKind::Choice, "Enterprise", ""));
    apply(s, Change::DropBriefItem { item: dropped });
    let mut next = line(g, BriefKind::Choice, "Self-serve first", "");
    next.quarter = q("2027-Q1");
    add(s, next);
    add(
        s,
        line(Some(platform), BriefKind::Exclusion, "No on-premises", ""),
    );
    add(
        s,
        line(None, BriefKind::Choice, "One product for every segment", ""),
    );
    let grow = add(s, objective(None, "Grow net revenue 20 %", "Bo"));
    add(s, shows(None, coverage, Some(grow)));
    add(s, shows(None, uptime, None));
    apply_at(
        s,
        Change::EditBriefItem {
            item: focus,
            edit: BriefEdit {
                detail: Some("Fewer, larger deals".into()),
                ..BriefEdit::default()
            },
        },
        later(),
    );
    Made {
        growth,
        platform,
        win,
        germany,
        nrr,
        coverage,
        briefs: vec![
            (g, q("2026-Q4")),
            (g, q("2027-Q1")),
            (Some(platform), q("2026-Q4")),
            (None, q("2026-Q4")),
        ],
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

/// The export's bytes, streamed as `rhythm export` writes them.
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

fn uid_of(a: &Archive, text: &str) -> String {
    a.brief.iter().find(|b| b.text == text).unwrap().uid.clone()
}

both! {
fn a_brief_exports_imports_and_exports_byte_for_byte() {
    let mut s = store();
    let made = fill(&mut s);
    let first = s.export(None).unwrap();
    first.validate().unwrap();
    assert_eq!(first.version, 5);
    assert_eq!(first.brief.len(), 11);
    let kinds: std::collections::BTreeSet<&str> =
        first.brief.iter().map(|b| b.kind.as_str()).collect();
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    let text = streamed(&s, None);
    assert_eq!(text, text_of(&first), "the stream and the archive differ");
    assert!(text.contains("\"objective_uid\": \""), "{text}");
    assert!(text.contains("\"integrator\": \"Bo\""), "{text}");

    // Into an empty store of this kind, and into a file's from either.
    for mut copy in [store(), Store::open_in_memory().unwrap()] {
        let report = import(&mut copy, &first, false);
        assert_eq!(report.added.get("brief lines"), Some(&11));
        assert_eq!(streamed(&copy, None), text, "export → import → export");
        for (team, quarter) in &made.briefs {
            assert_eq!(copy.brief(*team, *quarter).unwrap(), s.brief(*team, *quarter).unwrap());
        }
    }

    // One team's export carries its brief, none of the whole database's,
    // and the people its lines name.
    let one = s.export(Some(made.growth)).unwrap();
    let growth = first.teams.iter().find(|t| t.name == "Growth").unwrap().uid.clone();
    assert_eq!(one.brief.len(), 6);
    assert!(one.brief.iter().all(|b| b.team.as_ref() == Some(&growth)));
    assert_eq!(one.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Ana"]);
    let one_text = streamed(&s, Some(made.growth));
    assert_eq!(one_text, text_of(&one));
    let mut alone = store();
    import(&mut alone, &one, false);
    assert_eq!(streamed(&alone, None), one_text);
    let platform = s.export(Some(made.platform)).unwrap();
    assert_eq!(platform.brief.len(), 1);
    assert!(platform.people.is_empty());
}

fn a_merge_adds_new_lines_finds_the_rest_and_lists_what_differs() {
    let mut a = store();
    let made = fill(&mut a);
    let mut b = store();
    import(&mut b, &a.export(None).unwrap(), false);
    let g = Some(made.growth);
    // The copy takes a key measure of its own; the original moves on.
    add(&mut b, shows(g, made.nrr, None));
    let before = streamed(&b, None);
    add(&mut a, line(g, BriefKind::Choice, "Partners resell", "Thinner margins"));
    add(&mut a, shows(g, made.coverage, Some(made.win)));
    add(&mut a, shows(g, made.nrr, None));
    apply(
        &mut a,
        Change::EditBriefItem {
            item: made.germany,
            edit: BriefEdit {
                text: Some("No DACH".into()),
                ..BriefEdit::default()
            },
        },
    );
    let newer = a.export(None).unwrap();
    let report = import(&mut b, &newer, true);
    assert_eq!(report.added.get("brief lines"), Some(&2), "{report:?}");
    let nrr_line = b.brief(g, q("2026-Q4")).unwrap();
    let key = nrr_line.key_measures().find(|m| m.measure.as_deref() == Some("NRR")).unwrap();
    assert_eq!(
        report.conflicts,
        [
            format!(
                "exclusion 'No DACH' of the 2026-Q4 brief ({}): differs from the one here",
                uid_of(&newer, "No DACH")
            ),
            format!(
                "measure line of the 2026-Q4 brief ({}): measure #{} is there already, as line #{} of the brief",
                newer.brief.last().unwrap().uid,
                made.nrr,
                key.id
            ),
        ]
    );
    assert_eq!(report.unchanged, newer.len() - 2 - 2);
    // The new measure line shows the objective it showed in the file.
    let brief = b.brief(g, q("2026-Q4")).unwrap();
    assert_eq!(brief.measures_of(made.win).count(), 2);
    assert!(brief.of(BriefKind::Choice).any(|c| c.text == "Partners resell"));
    assert!(brief.of(BriefKind::Exclusion).all(|c| c.text == "No Germany"));

    // Undone, the merge leaves the copy as it was; made again and merged
    // once more, nothing is new.
    b.undo(None, false, &origin(), later()).unwrap();
    assert_eq!(streamed(&b, None), before);
    import(&mut b, &newer, true);
    let again = import(&mut b, &newer, true);
    assert!(again.added.is_empty(), "{again:?}");
    assert_eq!(again.conflicts.len(), 2);
}

fn a_bad_line_is_refused_with_its_place_and_nothing_is_written() {
    let mut s = store();
    fill(&mut s);
    let good = s.export(None).unwrap();
    let mut bad = good.clone();
    let i = bad.brief.iter().position(|b| b.objective.is_some()).unwrap();
    let choice = bad.brief.iter().find(|b| b.kind == "choice").unwrap().uid.clone();
    bad.brief[i].objective = Some(choice.clone());
    let want = format!("brief[{i}].objective_uid: '{choice}' is a choice, not an objective");
    for (mut into, merge) in [(store(), false), (s, true)] {
        let before = counts(&into);
        let text = streamed(&into, None);
        let err = try_import(&mut into, &bad, merge).unwrap_err();
        assert_eq!(refused_message(err), want);
        assert_eq!(counts(&into), before);
        assert_eq!(streamed(&into, None), text);
    }
}
}
