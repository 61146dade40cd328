//! Guarded saves: before an edit is applied, the record must still be what
//! the editor saw when they began. Otherwise the save is refused as a
//! conflict that says what changed, and nothing is written. What the keys
//! do about it is the screen's to say (from its binding table), not ours.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Writer, not_found};
use crate::domain::change::Expect;
use crate::domain::status::format_number;
use crate::storage::StoreError;

impl Writer<'_> {
    pub(super) fn check_expectation(&self, expect: &Expect) -> Result<(), StoreError> {
        match expect {
            Expect::Reading {
                measure,
                week,
                value,
                note,
            } => {
                let now: Option<(f64, Option<String>)> = self
                    .row(
                        "SELECT value, note FROM reading WHERE measure_id = ?1 AND week = ?2",
                        params![measure, week],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                let seen = value.map(|v| (v, note.clone()));
                if now == seen {
                    return Ok(());
                }
                let shown = |x: &Option<(f64, Option<String>)>| match x {
                    Some((v, Some(n))) => format!("{} ({n})", format_number(*v)),
                    Some((v, None)) => format_number(*v),
                    None => "empty".to_string(),
                };
                Err(StoreError::Conflict(format!(
                    "someone else changed this value for {week} while you were editing: it was {}, it is now {}",
                    shown(&seen),
                    shown(&now)
                )))
            }
            Expect::DependencyStatus { dependency, status } => {
                let now: crate::domain::DepStatus = self
                    .tx
                    .query_row(
                        "SELECT status FROM dependency WHERE id = ?1",
                        [dependency],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| not_found("dependency", dependency.0))?;
                if now == *status {
                    return Ok(());
                }
                Err(StoreError::Conflict(format!(
                    "someone else set this dependency to {} while you looked at it; nothing was changed",
                    now.words()
                )))
            }
            Expect::OffTrack {
                item,
                title,
                owner,
                why,
                change,
            } => {
                let now: (String, Option<String>, String, String) = self
                    .row(
                        "SELECT o.title, p.name, o.why, o.change FROM offtrack o
                         LEFT JOIN person p ON p.id = o.owner_id WHERE o.id = ?1",
                        [item],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .optional()?
                    .ok_or_else(|| not_found("off-track item", item.0))?;
                if now == (title.clone(), owner.clone(), why.clone(), change.clone()) {
                    return Ok(());
                }
                let mut what = Vec::new();
                if now.0 != *title {
                    what.push("title");
                }
                if now.1 != *owner {
                    what.push("owner");
                }
                if now.2 != *why {
                    what.push("why");
                }
                if now.3 != *change {
                    what.push("change");
                }
                Err(StoreError::Conflict(format!(
                    "someone else changed this item's {} while you were editing",
                    what.join(" and ")
                )))
            }
            Expect::Action {
                action,
                title,
                owner,
                due,
            } => {
                let now: (String, Option<String>, Option<NaiveDate>) = self
                    .row(
                        "SELECT a.title, p.name, a.due FROM action_item a
                         LEFT JOIN person p ON p.id = a.owner_id WHERE a.id = ?1",
                        [action],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?
                    .ok_or_else(|| not_found("action item", action.0))?;
                let seen = [now.0 != *title, now.1 != *owner, now.2 != *due];
                let what: Vec<&str> = ["title", "owner", "due date"]
                    .into_iter()
                    .zip(seen)
                    .filter_map(|(w, changed)| changed.then_some(w))
                    .collect();
                if what.is_empty() {
                    return Ok(());
                }
                Err(StoreError::Conflict(format!(
                    "someone else changed this action's {} while you were editing",
                    what.join(" and ")
                )))
            }
        }
    }
}
