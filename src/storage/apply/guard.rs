//! Guarded saves: before an edit is applied, the record must still be what
//! the editor saw when they began. Otherwise the save is refused as a
//! conflict that says what changed, and nothing is written. What the keys
//! do about it is the screen's to say (from its binding table), not ours.

use crate::storage::db::{OptionalExtension, params};
use chrono::NaiveDate;

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
                changed(
                    "item",
                    &[
                        ("title", now.0 != *title),
                        ("owner", now.1 != *owner),
                        ("why", now.2 != *why),
                        ("change", now.3 != *change),
                    ],
                )
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
                changed(
                    "action",
                    &[
                        ("title", now.0 != *title),
                        ("owner", now.1 != *owner),
                        ("due date", now.2 != *due),
                    ],
                )
            }
            Expect::Dependency {
                dependency,
                what,
                owner,
                needed_by,
                note,
            } => {
                type Row = (String, Option<String>, Option<NaiveDate>, Option<String>);
                let now: Row = self
                    .row(
                        "SELECT d.what, p.name, d.needed_by, d.note FROM dependency d
                         LEFT JOIN person p ON p.id = d.owner_id WHERE d.id = ?1",
                        [dependency],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .optional()?
                    .ok_or_else(|| not_found("dependency", dependency.0))?;
                changed(
                    "dependency",
                    &[
                        ("text", now.0 != *what),
                        ("owner", now.1 != *owner),
                        ("date", now.2 != *needed_by),
                        ("note", now.3 != *note),
                    ],
                )
            }
            Expect::Decision {
                decision,
                title,
                context,
                chosen,
                owner,
            } => {
                let now: (String, String, String, Option<String>) = self
                    .row(
                        "SELECT d.title, d.context, d.chosen, p.name FROM decision d
                         LEFT JOIN person p ON p.id = d.owner_id WHERE d.id = ?1",
                        [decision],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .optional()?
                    .ok_or_else(|| not_found("decision", decision.0))?;
                changed(
                    "decision",
                    &[
                        ("title", now.0 != *title),
                        ("context", now.1 != *context),
                        ("choice", now.2 != *chosen),
                        ("owner", now.3 != *owner),
                    ],
                )
            }
        }
    }
}

/// Ok when no field changed, else the conflict naming those that did.
fn changed(record: &str, fields: &[(&str, bool)]) -> Result<(), StoreError> {
    let what: Vec<&str> = fields
        .iter()
        .filter_map(|(name, changed)| changed.then_some(*name))
        .collect();
    if what.is_empty() {
        return Ok(());
    }
    Err(StoreError::Conflict(format!(
        "someone else changed this {record}'s {} while you were editing",
        what.join(" and ")
    )))
}
