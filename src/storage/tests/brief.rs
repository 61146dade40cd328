//! The strategy brief: its lines added, read back in order, corrected,
//! dropped and undone, on both stores; a whole database's brief beside a
//! team's; lines that do not fit their brief refused with nothing written.

use super::*;
use crate::domain::brief::{BriefEdit, NewBriefItem};
use crate::domain::{BriefItemId, BriefKind, Quarter};

pub(super) fn q(s: &str) -> Quarter {
    s.parse().unwrap()
}

pub(super) fn line(
    team: Option<TeamId>,
    kind: BriefKind,
    text: &str,
    detail: &str,
) -> NewBriefItem {
    NewBriefItem::line(team, q("2026-Q4"), kind, text, detail)
}

fn measure_line(
    team: Option<TeamId>,
    measure: MeasureId,
    objective: Option<BriefItemId>,
) -> NewBriefItem {
    NewBriefItem::measure(team, q("2026-Q4"), measure, objective)
}

fn add(s: &mut Store, item: NewBriefItem) -> BriefItemId {
    BriefItemId(apply(s, Change::AddBriefItem(item)))
}

both! {
fn a_brief_reads_back_in_order_and_is_corrected_dropped_and_undone() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let nrr = add_measure(&mut s, team, "NRR");
    let t = Some(team);
    let focus = add(&mut s, line(t, BriefKind::Choice, " Mid-market healthcare ", "longer sales cycles"));
    let germany = add(&mut s, line(t, BriefKind::Exclusion, "No Germany", "until churn < 8 %"));
    let mut objective = line(t, BriefKind::Objective, "Win healthcare", "");
    objective.integrator = Some("Ana".into());
    let win = add(&mut s, objective);
    let shows = add(&mut s, measure_line(t, nrr, Some(win)));
    let key = add(&mut s, measure_line(t, nrr, None));
    let second = add(&mut s, line(t, BriefKind::Choice, "Self-serve first", ""));

    let brief = s.brief(t, q("2026-Q4")).unwrap();
    assert_eq!(brief.team.as_deref(), Some("Growth"));
    let ids: Vec<BriefItemId> = brief.items.iter().map(|i| i.id).collect();
    assert_eq!(ids, vec![focus, second, win, germany, shows, key]);
    assert_eq!(brief.items[0].text, "Mid-market healthcare");
    assert_eq!(brief.items[2].integrator.as_deref(), Some("Ana"));
    assert_eq!(brief.measures_of(win).count(), 1);
    assert_eq!(brief.key_measures().next().unwrap().measure.as_deref(), Some("NRR"));
    assert!(s.brief(t, q("2027-Q1")).unwrap().is_empty());
    assert_eq!(s.brief_quarters(t).unwrap(), vec![q("2026-Q4")]);

    apply(
        &mut s,
        Change::EditBriefItem {
            item: focus,
            edit: BriefEdit {
                detail: Some("fewer, larger deals".into()),
                ..BriefEdit::default()
            },
        },
    );
    let brief = s.brief(t, q("2026-Q4")).unwrap();
    assert_eq!(brief.items[0].detail, "fewer, larger deals");
    assert_eq!(brief.items[0].text, "Mid-market healthcare");
    let ops = s.operations(None, 1).unwrap();
    assert!(ops[0].summary.starts_with("Edited brief line #"), "{}", ops[0].summary);

    // An objective goes with the measures that show it; undo brings all back.
    let before = s.brief(t, q("2026-Q4")).unwrap();
    apply(&mut s, Change::DropBriefItem { item: win });
    let after = s.brief(t, q("2026-Q4")).unwrap();
    assert_eq!(after.items.len(), before.items.len() - 2);
    assert!(after.measures_of(win).next().is_none());
    let origin = crate::domain::Origin::new("test", crate::domain::OpSource::Cli);
    s.undo(None, false, &origin, now()).unwrap();
    assert_eq!(s.brief(t, q("2026-Q4")).unwrap(), before);
}

fn the_whole_databases_brief_stands_beside_each_teams() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    let nrr = add_measure(&mut s, team, "NRR");
    add(&mut s, line(None, BriefKind::Choice, "One product", ""));
    add(&mut s, line(Some(team), BriefKind::Choice, "Healthcare", ""));
    // The whole database's brief may name any team's measure.
    add(&mut s, measure_line(None, nrr, None));
    let whole = s.brief(None, q("2026-Q4")).unwrap();
    assert_eq!(whole.team, None);
    assert_eq!(whole.items.len(), 2);
    assert_eq!(whole.items[0].text, "One product");
    assert_eq!(s.brief(Some(team), q("2026-Q4")).unwrap().items.len(), 1);
    // Deleting the team takes its brief and the lines naming its measures.
    apply(&mut s, Change::DeleteTeam { team });
    let whole = s.brief(None, q("2026-Q4")).unwrap();
    assert_eq!(whole.items.len(), 1);
}

fn a_line_that_does_not_fit_its_brief_is_refused_and_writes_nothing() {
    let mut s = store();
    let growth = add_team(&mut s, "Growth");
    let platform = add_team(&mut s, "Platform");
    let uptime = add_measure(&mut s, platform, "Uptime");
    let nrr = add_measure(&mut s, growth, "NRR");
    let choice = add(&mut s, line(Some(growth), BriefKind::Choice, "Focus", ""));
    let objective = add(&mut s, line(Some(growth), BriefKind::Objective, "Win", ""));
    add(&mut s, measure_line(Some(growth), nrr, None));
    let before = counts(&s);
    let refused = |s: &mut Store, change: Change| refuse(s, change).to_string();
    let e = refused(&mut s, Change::AddBriefItem(measure_line(Some(growth), uptime, None)));
    assert!(e.contains("is another team's"), "{e}");
    let e = refused(&mut s, Change::AddBriefItem(measure_line(Some(growth), nrr, Some(choice))));
    assert_eq!(e, format!("#{choice} is a choice, not an objective"));
    let e = refused(&mut s, Change::AddBriefItem(measure_line(Some(growth), nrr, None)));
    assert!(e.contains("is there already"), "{e}");
    let mut elsewhere = measure_line(Some(growth), nrr, Some(objective));
    elsewhere.quarter = q("2027-Q1");
    let e = refused(&mut s, Change::AddBriefItem(elsewhere));
    assert!(e.contains("is in another brief"), "{e}");
    let e = refused(
        &mut s,
        Change::EditBriefItem {
            item: choice,
            edit: BriefEdit {
                integrator: Some("Ana".into()),
                ..BriefEdit::default()
            },
        },
    );
    assert_eq!(e, "only an objective has an integrator");
    let e = refused(&mut s, Change::DropBriefItem { item: BriefItemId(999) });
    assert!(e.contains("999"), "{e}");
    assert_eq!(counts(&s), before);
    assert_eq!(count(&s, "person"), 0, "no integrator was made");
}
}
