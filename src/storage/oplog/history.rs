//! Reading the log: operations newest first, one record's history, and
//! compaction of old before-images on request.

use crate::storage::db::{self, Row, params};
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::domain::operation::{RecordChange, RecordEvent};
use crate::domain::{OpId, Operation, RecordRef, TeamId};

use super::super::{Store, StoreError};
use super::describe::field_changes;

/// An operation's columns, in the order `operation_row` reads them.
const OP_COLUMNS: &str =
    "id, at, author, source, kind, summary, team_id, approved_by, undone_by, undoable";

fn operation_row(r: &Row<'_>) -> db::Result<Operation> {
    let source: String = r.get(3)?;
    let kind: String = r.get(4)?;
    let bad = db::Error::conversion;
    Ok(Operation {
        id: OpId(r.get(0)?),
        at: r.get(1)?,
        author: r.get(2)?,
        source: source.parse().map_err(|e| bad(3, e))?,
        kind: kind.parse().map_err(|e| bad(4, e))?,
        summary: r.get(5)?,
        team: r.get::<_, Option<i64>>(6)?.map(TeamId),
        approved_by: r.get(7)?,
        undone_by: r.get::<_, Option<i64>>(8)?.map(OpId),
        undoable: r.get(9)?,
    })
}

impl Store {
    /// Operations newest first; with `team`, only those that concern it.
    pub fn operations(
        &self,
        team: Option<TeamId>,
        limit: usize,
    ) -> Result<Vec<Operation>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let sql = match team {
            Some(_) => format!(
                "SELECT {OP_COLUMNS} FROM operation WHERE team_id = ?1 ORDER BY id DESC LIMIT ?2"
            ),
            None => format!(
                "SELECT {OP_COLUMNS} FROM operation WHERE CAST(?1 AS BIGINT) IS NULL ORDER BY id DESC LIMIT ?2"
            ),
        };
        Ok(self
            .cached(&sql)?
            .query_map(params![team.map(|t| t.0), limit], operation_row)?
            .collect::<Result<_, _>>()?)
    }

    /// How many changes still in effect came from somewhere other than the
    /// demo (someone typed them): what rebuilding a demo file would lose.
    pub fn changes_not_from_the_demo(&self) -> Result<u64, StoreError> {
        Ok(self
            .cached(
                "SELECT count(*) FROM operation
                 WHERE source != 'demo' AND kind = 'change' AND undone_by IS NULL",
            )?
            .query_row([], |r| r.get::<_, i64>(0))?
            .unsigned_abs())
    }

    pub fn operation(&self, id: OpId) -> Result<Option<Operation>, StoreError> {
        use crate::storage::db::OptionalExtension;
        Ok(self
            .cached(&format!("SELECT {OP_COLUMNS} FROM operation WHERE id = ?1"))?
            .query_row([id.0], operation_row)
            .optional()?)
    }

    /// Every operation that wrote `record`, oldest first, with the fields
    /// each one changed.
    pub fn record_history(&self, record: RecordRef) -> Result<Vec<RecordChange>, StoreError> {
        let key = format!("[{}]", record.id);
        // Each write of the row with its operation, in one query (a screen
        // reloads the commitments' logs after every save).
        let rows: Vec<(Operation, Option<String>, Option<String>)> = self
            .cached(
                "SELECT o.id, o.at, o.author, o.source, o.kind, o.summary, o.team_id,
                        o.approved_by, o.undone_by, o.undoable, r.before, r.after
                 FROM op_row r JOIN operation o ON o.id = r.op_id
                 WHERE r.tbl = ?1 AND r.key = ?2 ORDER BY r.id",
            )?
            .query_map(params![record.table(), key], |r| {
                Ok((operation_row(r)?, r.get(10)?, r.get(11)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut out: Vec<RecordChange> = Vec::new();
        for (op, before, after) in rows {
            let what = match (&before, &after) {
                (None, _) => RecordEvent::Created,
                (_, None) => RecordEvent::Deleted,
                _ => RecordEvent::Changed,
            };
            let fields = || {
                let parse = |t: &Option<String>| {
                    t.as_deref()
                        .and_then(|t| serde_json::from_str::<Value>(t).ok())
                        .unwrap_or(Value::Null)
                };
                field_changes(&self.conn, &parse(&before), &parse(&after))
            };
            // An insert and the updates of the same operation are one event.
            if let Some(last) = out.last_mut().filter(|l| l.op.id == op.id) {
                if what == RecordEvent::Deleted {
                    last.what = what;
                }
                if last.what != RecordEvent::Created {
                    last.fields.extend(fields()?);
                }
                continue;
            }
            out.push(RecordChange {
                op,
                what,
                fields: if what == RecordEvent::Changed {
                    fields()?
                } else {
                    Vec::new()
                },
            });
        }
        Ok(out)
    }

    /// Drops the before- and after-images of operations older than
    /// `before`: the log keeps their lines, but they can no longer be undone.
    /// Returns how many operations were compacted.
    pub fn compact_log(&mut self, before: DateTime<Utc>) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction(crate::storage::db::Begin::Immediate)?;
        let n = tx.execute(
            "UPDATE operation SET undoable = 0 WHERE at < ?1 AND undoable = 1",
            [before],
        )?;
        tx.execute(
            "DELETE FROM op_row WHERE op_id IN (SELECT id FROM operation WHERE at < ?1)",
            [before],
        )?;
        tx.commit()?;
        Ok(n)
    }
}
