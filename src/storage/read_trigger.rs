//! Trigger rules as read: a team's (or every team's), each with its state
//! from its episodes.

use crate::domain::trigger::{Condition, Period, Rule, Trigger};
use crate::domain::{MeasureId, TeamId, TriggerId};

use super::{Store, StoreError};

/// A trigger's row before its rule is read back.
type Row = (
    TriggerId,
    String,
    String,
    String,
    f64,
    Option<f64>,
    u32,
    String,
    String,
);

impl Store {
    /// The trigger rules of `team` (every team's with `None`), team by
    /// team in the order they were added; `firing` keeps only those firing.
    pub fn triggers(&self, team: Option<TeamId>, firing: bool) -> Result<Vec<Trigger>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, t.name, m.name, r.condition, r.low, r.high, r.periods, r.period,
                    r.response,
                    (SELECT max(e.fired) FROM trigger_episode e
                      WHERE e.trigger_id = r.id AND e.cleared IS NULL),
                    (SELECT max(e.fired) FROM trigger_episode e WHERE e.trigger_id = r.id),
                    (SELECT count(*) FROM trigger_episode e WHERE e.trigger_id = r.id),
                    m.id
             FROM trigger_rule r
             JOIN team t ON t.id = r.team_id
             JOIN measure m ON m.id = r.measure_id
             WHERE CAST(?1 AS BIGINT) IS NULL OR r.team_id = ?1
             ORDER BY t.name, r.id",
        )?;
        let rows = stmt.query_map([team], |r| {
            let row: Row = (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            );
            let state: (Option<String>, Option<String>, i64) = (r.get(9)?, r.get(10)?, r.get(11)?);
            let measure_id: MeasureId = r.get(12)?;
            Ok((row, state, measure_id))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                (id, team, measure, word, low, high, periods, period, response),
                state,
                measure_id,
            ) = row?;
            // The schema's checks keep out what does not read; a row that
            // still does not is left off rather than failing a screen.
            let (Some(condition), Some(period)) = (
                Condition::from_columns(&word, low, high),
                Period::from_stored(&period),
            ) else {
                continue;
            };
            let (firing_since, last_fired, episodes) = state;
            if firing && firing_since.is_none() {
                continue;
            }
            out.push(Trigger {
                id,
                team,
                rule: Rule {
                    measure: measure.clone(),
                    condition,
                    periods,
                    period,
                },
                measure,
                measure_id,
                response,
                firing_since,
                last_fired,
                episodes: episodes as usize,
            });
        }
        Ok(out)
    }
}
