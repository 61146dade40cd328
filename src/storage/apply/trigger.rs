//! Trigger rules: added, corrected and dropped, and their episodes worked
//! out again from the measure's readings inside the write that changed
//! them, so the episodes always follow the readings and an undo of the
//! write takes its episodes back with it.

use crate::storage::db::{OptionalExtension, params};

use super::{Applied, Writer, not_found};
use crate::domain::archive::TriggerRecord;
use crate::domain::trigger::{self, Condition, NewTrigger, Period, Rule, TriggerEdit};
use crate::domain::{MeasureId, Rollup, TriggerId, Week};
use crate::storage::StoreError;

impl Writer<'_> {
    pub(super) fn add_trigger(&mut self, t: &NewTrigger) -> Result<Applied, StoreError> {
        let team = self.measure_team(t.measure)?;
        let (word, low, high) = t.rule.condition.columns();
        let id = self.insert(
            "INSERT INTO trigger_rule (team_id, measure_id, rule, condition, low, high, periods,
                     period, response, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id",
            params![
                team,
                t.measure,
                t.typed.trim(),
                word,
                low,
                high,
                t.rule.periods,
                t.rule.period.as_str(),
                t.response.trim(),
                self.now
            ],
        )?;
        self.evaluate_trigger(TriggerId(id))?;
        Ok(Applied::id(id))
    }

    pub(super) fn edit_trigger(
        &mut self,
        trigger: TriggerId,
        edit: &TriggerEdit,
    ) -> Result<Applied, StoreError> {
        self.trigger_rule(trigger)?;
        if let Some((measure, rule, typed)) = &edit.rule {
            let team = self.measure_team(*measure)?;
            let (word, low, high) = rule.condition.columns();
            self.exec(
                "UPDATE trigger_rule SET team_id = ?1, measure_id = ?2, rule = ?3, condition = ?4,
                     low = ?5, high = ?6, periods = ?7, period = ?8
                 WHERE id = ?9",
                params![
                    team,
                    measure,
                    typed.trim(),
                    word,
                    low,
                    high,
                    rule.periods,
                    rule.period.as_str(),
                    trigger
                ],
            )?;
        }
        if let Some(response) = &edit.response {
            self.exec(
                "UPDATE trigger_rule SET response = ?1 WHERE id = ?2",
                params![response.trim(), trigger],
            )?;
        }
        self.exec(
            "UPDATE trigger_rule SET updated_at = ?1 WHERE id = ?2",
            params![self.now, trigger],
        )?;
        self.evaluate_trigger(trigger)?;
        Ok(Applied::id(trigger.0))
    }

    pub(super) fn drop_trigger(&mut self, trigger: TriggerId) -> Result<Applied, StoreError> {
        self.trigger_rule(trigger)?;
        self.exec(
            "DELETE FROM trigger_episode WHERE trigger_id = ?1",
            [trigger],
        )?;
        self.exec("DELETE FROM trigger_rule WHERE id = ?1", [trigger])?;
        Ok(Applied::id(trigger.0))
    }

    /// A restored rule (`Restore::Trigger`), as exported: its row id (or a
    /// new one), uid, rule, times and episodes; then worked out again, which
    /// keeps every episode the readings here give as it was.
    pub(super) fn restore_trigger(
        &mut self,
        id: Option<i64>,
        team: i64,
        measure: i64,
        t: &TriggerRecord,
    ) -> Result<Applied, StoreError> {
        if self.measure_team(MeasureId(measure))?.0 != team {
            return Err(StoreError::Refused(format!(
                "trigger {}: its measure is another team's",
                t.uid
            )));
        }
        let id = self.insert(
            "INSERT INTO trigger_rule (id, uid, team_id, measure_id, rule, condition, low, high,
                     periods, period, response, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
            params![
                id,
                t.uid,
                team,
                measure,
                t.rule,
                t.condition,
                t.low,
                t.high,
                t.periods,
                t.period,
                t.response,
                t.created_at,
                t.updated_at
            ],
        )?;
        for e in &t.episodes {
            self.exec(
                "INSERT INTO trigger_episode (trigger_id, fired, recorded_at, cleared)
                     VALUES (?1, ?2, ?3, ?4)",
                params![id, e.fired, e.recorded_at, e.cleared],
            )?;
        }
        self.evaluate_trigger(TriggerId(id))?;
        Ok(Applied::id(id))
    }

    /// Works out again the episodes of every trigger on `measure`: after
    /// any write that changes its readings or how its months roll up.
    pub(in crate::storage) fn evaluate_measure(
        &mut self,
        measure: MeasureId,
    ) -> Result<(), StoreError> {
        let triggers: Vec<TriggerId> = self
            .tx
            .prepare_cached("SELECT id FROM trigger_rule WHERE measure_id = ?1 ORDER BY id")?
            .query_map([measure], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for t in triggers {
            self.evaluate_trigger(t)?;
        }
        Ok(())
    }

    /// Brings a trigger's stored episodes to what its rule says over the
    /// measure's readings now. An episode that still fired in the same
    /// period is kept as it is (when it was recorded included), so working
    /// it out again changes nothing; one the readings no longer give is
    /// deleted; a new one is recorded now.
    pub(in crate::storage) fn evaluate_trigger(
        &mut self,
        trigger: TriggerId,
    ) -> Result<(), StoreError> {
        let (measure, rule) = self.trigger_rule(trigger)?;
        let (unit, rollup): (String, Option<Rollup>) = self.row(
            "SELECT unit, rollup FROM measure WHERE id = ?1",
            [measure],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let rollup = rollup.unwrap_or_else(|| Rollup::for_unit(&unit));
        let readings: Vec<(Week, f64)> = self
            .tx
            .prepare_cached("SELECT week, value FROM reading WHERE measure_id = ?1")?
            .query_map([measure], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let wanted = trigger::evaluate(&rule, rollup, &readings);
        let stored: Vec<(i64, String, Option<String>)> = self
            .tx
            .prepare_cached(
                "SELECT id, fired, cleared FROM trigger_episode WHERE trigger_id = ?1 ORDER BY id",
            )?
            .query_map([trigger], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (id, fired, cleared) in &stored {
            match wanted.iter().find(|e| &e.fired == fired) {
                None => {
                    self.exec("DELETE FROM trigger_episode WHERE id = ?1", [id])?;
                }
                Some(e) if &e.cleared != cleared => {
                    self.exec(
                        "UPDATE trigger_episode SET cleared = ?1 WHERE id = ?2",
                        params![e.cleared, id],
                    )?;
                }
                Some(_) => {}
            }
        }
        for e in wanted {
            if !stored.iter().any(|(_, fired, _)| *fired == e.fired) {
                self.exec(
                    "INSERT INTO trigger_episode (trigger_id, fired, recorded_at, cleared)
                         VALUES (?1, ?2, ?3, ?4)",
                    params![trigger, e.fired, self.now, e.cleared],
                )?;
            }
        }
        Ok(())
    }

    /// A trigger's measure and rule as stored (the rule without the
    /// measure's name, which evaluating it does not need).
    fn trigger_rule(&self, trigger: TriggerId) -> Result<(MeasureId, Rule), StoreError> {
        let (measure, word, low, high, periods, period): (
            MeasureId,
            String,
            f64,
            Option<f64>,
            u32,
            String,
        ) = self
            .row(
                "SELECT measure_id, condition, low, high, periods, period FROM trigger_rule
                 WHERE id = ?1",
                [trigger],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| not_found("trigger", trigger.0))?;
        let unreadable = || {
            StoreError::Refused(format!(
                "trigger #{trigger} holds a rule rhythm cannot read"
            ))
        };
        let condition = Condition::from_columns(&word, low, high).ok_or_else(unreadable)?;
        let period = Period::from_stored(&period).ok_or_else(unreadable)?;
        Ok((
            measure,
            Rule {
                measure: String::new(),
                condition,
                periods,
                period,
            },
        ))
    }
}
