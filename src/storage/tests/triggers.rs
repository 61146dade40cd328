//! Trigger rules on both stores: added, corrected and dropped through the
//! door; episodes worked out with every reading set, corrected, removed or
//! imported, in the same write, so undo takes them back; monthly rules by
//! the measure's roll-up; a team's deletion takes its rules.

use super::*;
use crate::domain::Rollup;
use crate::domain::trigger::{NewTrigger, Trigger, TriggerEdit};
use crate::domain::{OpSource, Origin, TriggerId};

fn new_trigger(measure: MeasureId, rule: &str, response: &str) -> NewTrigger {
    NewTrigger {
        measure,
        rule: rule.parse().unwrap(),
        typed: rule.into(),
        response: response.into(),
    }
}

fn add_trigger(s: &mut Store, measure: MeasureId, rule: &str) -> TriggerId {
    TriggerId(apply(
        s,
        Change::AddTrigger(new_trigger(measure, rule, "Renegotiate vendor contracts")),
    ))
}

fn the(s: &Store, id: TriggerId) -> Trigger {
    s.triggers(None, false)
        .unwrap()
        .into_iter()
        .find(|t| t.id == id)
        .unwrap()
}

/// (fired, cleared) of each episode, oldest first.
fn episodes(s: &Store, id: TriggerId) -> Vec<(String, Option<String>)> {
    let mut stmt = s
        .conn
        .prepare("SELECT fired, cleared FROM trigger_episode WHERE trigger_id = ?1 ORDER BY fired")
        .unwrap();
    stmt.query_map([id.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn ep(fired: &str, cleared: Option<&str>) -> (String, Option<String>) {
    (fired.into(), cleared.map(Into::into))
}

fn origin() -> Origin {
    Origin::new("test", OpSource::Cli)
}

both! {
fn a_trigger_fires_once_per_episode_as_readings_come_in_and_undo_takes_it_back() {
    let mut s = store();
    let team = add_team(&mut s, "Platform");
    let burn = add_measure(&mut s, team, "Burn");
    let t = add_trigger(&mut s, burn, "Burn > 400 for 2 weeks");
    assert_eq!(the(&s, t).firing_since, None);
    record(&mut s, burn, "2026-W44", 450.0);
    assert!(episodes(&s, t).is_empty());
    record(&mut s, burn, "2026-W45", 480.0);
    assert_eq!(episodes(&s, t), [ep("2026-W45", None)]);
    let shown = the(&s, t);
    assert_eq!(shown.firing_since.as_deref(), Some("2026-W45"));
    assert_eq!(
        shown.announcement(),
        "⚑ Burn > 400 for 2 weeks — since 2026-W45 → Renegotiate vendor contracts"
    );
    assert_eq!(s.triggers(Some(team), true).unwrap().len(), 1);
    // Holding on is the same episode.
    record(&mut s, burn, "2026-W46", 500.0);
    assert_eq!(episodes(&s, t), [ep("2026-W45", None)]);
    // A week that does not hold clears it; a new run is a new episode.
    record(&mut s, burn, "2026-W47", 300.0);
    assert_eq!(episodes(&s, t), [ep("2026-W45", Some("2026-W47"))]);
    assert!(s.triggers(Some(team), true).unwrap().is_empty());
    record(&mut s, burn, "2026-W48", 410.0);
    record(&mut s, burn, "2026-W49", 420.0);
    assert_eq!(
        episodes(&s, t),
        [ep("2026-W45", Some("2026-W47")), ep("2026-W49", None)]
    );
    // Undoing the reading takes its episode back with it.
    s.undo(None, false, &origin(), now()).unwrap();
    assert_eq!(episodes(&s, t), [ep("2026-W45", Some("2026-W47"))]);
    // A corrected reading moves the episodes; so does a removed one.
    record(&mut s, burn, "2026-W47", 401.0);
    assert_eq!(episodes(&s, t), [ep("2026-W45", None)]);
    apply(&mut s, Change::ClearReading { measure: burn, week: week("2026-W45") });
    // The missing week breaks the run: W46 and W47 hold, so it fires at W47.
    assert_eq!(episodes(&s, t), [ep("2026-W47", None)]);
    assert_eq!(the(&s, t).last_fired.as_deref(), Some("2026-W47"));
}

fn a_trigger_added_or_edited_reads_the_history_and_drop_takes_its_episodes() {
    let mut s = store();
    let team = add_team(&mut s, "Platform");
    let burn = add_measure(&mut s, team, "Burn");
    for (w, v) in [("2026-W44", 450.0), ("2026-W45", 480.0), ("2026-W46", 390.0)] {
        record(&mut s, burn, w, v);
    }
    let t = add_trigger(&mut s, burn, "Burn > 400 for 2 weeks");
    assert_eq!(episodes(&s, t), [ep("2026-W45", Some("2026-W46"))]);
    let rule = "Burn > 400 for 3 weeks";
    apply(
        &mut s,
        Change::EditTrigger {
            trigger: t,
            edit: TriggerEdit {
                rule: Some((burn, rule.parse().unwrap(), rule.into())),
                response: Some("Cut the cloud bill".into()),
            },
        },
    );
    assert!(episodes(&s, t).is_empty());
    let shown = the(&s, t);
    assert_eq!(shown.rule.to_string(), rule);
    assert_eq!(shown.response, "Cut the cloud bill");
    let before = counts(&s);
    apply(&mut s, Change::DropTrigger { trigger: t });
    assert!(s.triggers(None, false).unwrap().is_empty());
    s.undo(None, false, &origin(), now()).unwrap();
    assert_eq!(counts(&s), before);
    assert_eq!(the(&s, t).response, "Cut the cloud bill");
}

fn a_monthly_rule_rolls_each_month_up_by_the_measures_roll_up() {
    let mut s = store();
    let team = add_team(&mut s, "Growth");
    // "%" averages a month's weeks.
    let growth = add_measure(&mut s, team, "Net ARR growth");
    // November 2026 is W45 to W48 (by each week's Thursday), December W49 on.
    for (w, v) in [
        ("2026-W45", 2.0),
        ("2026-W46", 9.0),
        ("2026-W47", 2.0),
        ("2026-W48", 2.0),
        ("2026-W49", 4.0),
    ] {
        record(&mut s, growth, w, v);
    }
    let t = add_trigger(&mut s, growth, "Net ARR growth < 4 for 2 months");
    // November averages 3.75, December 4: no run of two.
    assert!(episodes(&s, t).is_empty());
    // The last week stands for the month: November 2, December 4.
    apply(
        &mut s,
        Change::EditMeasure {
            measure: growth,
            edit: MeasureEdit {
                rollup: Some(Rollup::Last),
                ..MeasureEdit::default()
            },
        },
    );
    assert!(episodes(&s, t).is_empty());
    record(&mut s, growth, "2026-W49", 3.0);
    assert_eq!(episodes(&s, t), [ep("2026-12", None)]);
    assert_eq!(the(&s, t).firing_since.as_deref(), Some("2026-12"));
}

fn a_bad_trigger_is_refused_with_nothing_written() {
    let mut s = store();
    let team = add_team(&mut s, "Platform");
    let burn = add_measure(&mut s, team, "Burn");
    let e = refuse(&mut s, Change::AddTrigger(new_trigger(burn, "Burn > 400 for 2 weeks", " ")));
    assert!(e.to_string().contains("trigger response cannot be empty"), "{e}");
    let e = refuse(
        &mut s,
        Change::AddTrigger(new_trigger(MeasureId(99), "Burn > 400 for 2 weeks", "Act")),
    );
    assert!(e.to_string().contains("measure #99"), "{e}");
    let e = refuse(&mut s, Change::DropTrigger { trigger: TriggerId(7) });
    assert!(e.to_string().contains("trigger #7"), "{e}");
}

fn deleting_a_team_takes_its_triggers() {
    let mut s = store();
    let team = add_team(&mut s, "Platform");
    let burn = add_measure(&mut s, team, "Burn");
    add_trigger(&mut s, burn, "Burn > 400 for 1 week");
    record(&mut s, burn, "2026-W45", 480.0);
    apply(&mut s, Change::DeleteTeam { team });
    assert!(s.triggers(None, false).unwrap().is_empty());
    assert_eq!(count(&s, "trigger_episode"), 0);
}

fn triggers_and_roll_ups_survive_export_and_import() {
    let mut s = store();
    let team = add_team(&mut s, "Platform");
    let burn = add_measure(&mut s, team, "Burn");
    apply(
        &mut s,
        Change::EditMeasure {
            measure: burn,
            edit: MeasureEdit {
                rollup: Some(Rollup::Sum),
                ..MeasureEdit::default()
            },
        },
    );
    add_trigger(&mut s, burn, "Burn > 400 for 1 week");
    record(&mut s, burn, "2026-W45", 480.0);
    record(&mut s, burn, "2026-W46", 380.0);
    let exported = s.export(None).unwrap();
    assert_eq!(exported.triggers.len(), 1);
    assert_eq!(exported.triggers[0].episodes.len(), 1);
    assert_eq!(exported.measures[0].rollup.as_deref(), Some("sum"));
    let mut other = store();
    other
        .apply_batch(&origin(), now(), crate::storage::Images::Full, |w| {
            w.import(&exported, false, &mut |_| {})
        })
        .unwrap();
    assert_eq!(other.export(None).unwrap(), exported);
    // Merged again, all of it is already there.
    let report = other
        .apply_batch(&origin(), now(), crate::storage::Images::Full, |w| {
            w.import(&exported, true, &mut |_| {})
        })
        .unwrap();
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    assert_eq!(other.export(None).unwrap(), exported);
}
}
