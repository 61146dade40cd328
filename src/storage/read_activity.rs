//! What a meeting did, read from the operation log: the team's changes
//! made between two moments and still in effect, each row's images before
//! and after turned into a domain `Event`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::domain::activity::{Activity, Event, Step};
use crate::domain::{MeasureId, TeamId, Week};

use super::{Store, StoreError};

/// One row an operation wrote: its table and images.
struct Written {
    tbl: String,
    before: Option<Value>,
    after: Option<Value>,
}

impl Store {
    /// The changes `team` made from `from` to `to` and did not undo, oldest
    /// first. An undone change is left out, and so are undos and redos
    /// themselves: a redo puts the change it redoes back in effect, and
    /// that change is read instead. Operations whose images were compacted
    /// away (or never kept) say nothing.
    pub fn activity(
        &self,
        team: TeamId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Activity, StoreError> {
        let ops = self.operations_between(team, from, to)?;
        let mut names: HashMap<MeasureId, (String, String)> = HashMap::new();
        for m in self.measures(team, true)? {
            names.insert(m.id, (m.name, m.unit));
        }
        let mut activity = Activity::default();
        for (first, last) in ops {
            for row in self.written(first, last)? {
                if let Some(event) = event_of(&row, &names) {
                    activity.push(event);
                }
            }
        }
        Ok(activity)
    }

    /// The row ranges of the team's changes in effect made in `from..=to`,
    /// oldest first. Read from the newest operation back, stopping at the
    /// first one before `from`: the log has no index on time, and a meeting
    /// is recent.
    fn operations_between(
        &self,
        team: TeamId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        let mut stmt = self.cached(
            "SELECT at, team_id, kind, undone_by, first_row, last_row
             FROM operation ORDER BY id DESC",
        )?;
        let mut rows = stmt.query([])?;
        let mut found = Vec::new();
        while let Some(r) = rows.next()? {
            let at: DateTime<Utc> = r.get(0)?;
            if at < from {
                break;
            }
            let ours = r.get::<_, Option<i64>>(1)? == Some(team.0);
            let change = r.get::<_, String>(2)? == "change";
            let in_effect = r.get::<_, Option<i64>>(3)?.is_none();
            if at <= to && ours && change && in_effect {
                found.push((r.get(4)?, r.get(5)?));
            }
        }
        found.reverse();
        Ok(found)
    }

    fn written(&self, first: i64, last: i64) -> Result<Vec<Written>, StoreError> {
        let parse = |t: Option<String>| t.and_then(|t| serde_json::from_str::<Value>(&t).ok());
        let mut stmt = self.cached(
            "SELECT tbl, before, after FROM op_row WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map([first, last], |r| {
            Ok(Written {
                tbl: r.get(0)?,
                before: parse(r.get(1)?),
                after: parse(r.get(2)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// What one written row means to the recap; `None` for rows it does not
/// report (meetings, people, measures) or cannot read.
fn event_of(row: &Written, measures: &HashMap<MeasureId, (String, String)>) -> Option<Event> {
    let (before, after) = (row.before.as_ref(), row.after.as_ref());
    let image = after.or(before)?;
    let text = |key: &str| image.get(key)?.as_str().map(str::to_string);
    let id = || image.get("id")?.as_i64();
    match row.tbl.as_str() {
        "reading" => {
            let measure = MeasureId(image.get("measure_id")?.as_i64()?);
            let (name, unit) = measures.get(&measure)?.clone();
            let week: Week = text("week")?.parse().ok()?;
            let value = |v: Option<&Value>| v?.get("value")?.as_f64();
            Some(match after {
                Some(a) => Event::Recorded {
                    measure: name,
                    unit,
                    week,
                    value: value(Some(a))?,
                    before: value(before),
                    note: a.get("note").and_then(Value::as_str).map(str::to_string),
                },
                None => Event::Cleared {
                    measure: name,
                    week,
                    value: value(before)?,
                },
            })
        }
        "offtrack" => Some(Event::OffTrack {
            id: id()?,
            title: text("title")?,
            step: step(before, after, "state")?,
        }),
        "dependency" => Some(Event::Dependency {
            id: id()?,
            what: text("what")?,
            step: step(before, after, "status")?,
        }),
        "decision" => Some(Event::Decision {
            id: id()?,
            title: text("title")?,
            step: step(before, after, "state")?,
        }),
        "action_item" => Some(Event::Action {
            id: id()?,
            title: text("title")?,
            step: step(before, after, "state")?,
        }),
        _ => None,
    }
}

/// Added, moved from one state to another, edited or deleted, judged by
/// the images' `field`.
fn step<S: std::str::FromStr>(
    before: Option<&Value>,
    after: Option<&Value>,
    field: &str,
) -> Option<Step<S>> {
    let state = |v: &Value| v.get(field)?.as_str()?.parse::<S>().ok();
    Some(match (before, after) {
        (None, Some(a)) => Step::Added(state(a)?),
        (Some(_), None) => Step::Deleted,
        (Some(b), Some(a)) if b.get(field) != a.get(field) => Step::Moved {
            from: state(b)?,
            to: state(a)?,
        },
        (Some(_), Some(_)) => Step::Edited,
        (None, None) => return None,
    })
}
