//! Undo and redo: replaying an operation's row images backwards, in one
//! transaction that is itself an operation. An operation is reversed only
//! when every row it wrote is still as it left it; otherwise the later
//! operation that changed the row is named, and `cascade` reverses it too.

use std::collections::{BTreeSet, HashMap};

use crate::storage::db::{Begin, Db, OptionalExtension, params};
use chrono::{DateTime, Utc};

use crate::domain::{OpId, OpKind, Origin};

use super::super::{Store, StoreError};
use super::replay::{children, current_image, forget_unused_people, rows_of, same_image, undo_row};
use super::schema::Table;

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq)]
pub struct Reversed {
    /// The new operation (the undo or the redo itself).
    pub op: OpId,
    /// Its line, as the log shows it.
    pub summary: String,
    /// The operations it reversed, newest first, with their lines.
    pub reversed: Vec<(OpId, String)>,
}

struct OpInfo {
    summary: String,
    undone_by: Option<i64>,
    undoable: bool,
}

impl Store {
    /// Reverses `target`, or the newest operation that is not an undo and
    /// not already undone. Refused, naming the later operation, when a later
    /// operation built on it, unless `cascade` reverses that one too.
    pub fn undo(
        &mut self,
        target: Option<OpId>,
        cascade: bool,
        origin: &Origin,
        now: DateTime<Utc>,
    ) -> Result<Reversed, StoreError> {
        self.reverse(origin, now, |conn| {
            let target = match target {
                Some(t) => t,
                None => newest(conn, "kind != 'undo'")?
                    .ok_or_else(|| StoreError::Refused("there is nothing to undo".into()))?,
            };
            Ok((target, OpKind::Undo, cascade))
        })
    }

    /// Reverses the newest undo that nothing new has followed: the changes
    /// it took back are made again.
    pub fn redo(&mut self, origin: &Origin, now: DateTime<Utc>) -> Result<Reversed, StoreError> {
        self.reverse(origin, now, |conn| {
            let undo = conn
                .prepare_cached(
                    "SELECT id FROM operation u WHERE kind = 'undo' AND undone_by IS NULL
                       AND NOT EXISTS (SELECT 1 FROM operation c WHERE c.id > u.id AND c.kind = 'change')
                     ORDER BY id DESC LIMIT 1",
                )?
                .query_row([], |r| r.get::<_, i64>(0))
                .optional()?;
            let undo = undo.ok_or_else(|| {
                StoreError::Refused("there is nothing to redo: no undo since the last change".into())
            })?;
            Ok((OpId(undo), OpKind::Redo, false))
        })
    }

    /// Undoes the newest of `ops` that is still in effect: the screen's `u`,
    /// which takes back only what was done from that screen. When the
    /// newest was undone elsewhere (`rhythm undo` from a shell), nothing is
    /// undone and that is said: the one before it may be something the
    /// person never meant to take back (the start of the review).
    pub fn undo_newest_of(
        &mut self,
        ops: &[OpId],
        origin: &Origin,
        now: DateTime<Utc>,
    ) -> Result<Reversed, StoreError> {
        self.reverse(origin, now, |conn| {
            if let Some(newest) = ops.last()
                && let Some(by) = op_info(conn, *newest)?.and_then(|i| i.undone_by)
            {
                return Err(StoreError::AlreadyUndone {
                    op: *newest,
                    by: OpId(by),
                });
            }
            for op in ops.iter().rev() {
                if op_info(conn, *op)?.is_some_and(|i| i.undone_by.is_none()) {
                    return Ok((*op, OpKind::Undo, false));
                }
            }
            Err(StoreError::Refused(
                "nothing made from this screen is left to undo".into(),
            ))
        })
    }

    /// Redoes `undo` (one of the screen's own undos), if nothing built on it.
    pub fn redo_op(
        &mut self,
        undo: OpId,
        origin: &Origin,
        now: DateTime<Utc>,
    ) -> Result<Reversed, StoreError> {
        self.reverse(origin, now, |_| Ok((undo, OpKind::Redo, false)))
    }

    fn reverse(
        &mut self,
        origin: &Origin,
        now: DateTime<Utc>,
        choose: impl Fn(&Db) -> Result<(OpId, OpKind, bool), StoreError>,
    ) -> Result<Reversed, StoreError> {
        self.again(|s| s.reverse_once(origin, now, &choose))
    }

    fn reverse_once(
        &mut self,
        origin: &Origin,
        now: DateTime<Utc>,
        choose: impl FnOnce(&Db) -> Result<(OpId, OpKind, bool), StoreError>,
    ) -> Result<Reversed, StoreError> {
        let all = self.ready_to_write()?;
        let tables: HashMap<String, Table> =
            all.iter().map(|t| (t.name.clone(), t.clone())).collect();
        let tx = self.conn.transaction(Begin::Immediate)?;
        let (target, kind, cascade) = choose(&tx)?;
        let set = reversible_set(&tx, &tables, target, cascade)?;
        let mut reversed = Vec::new();
        for op in set.iter().rev() {
            let info = op_info(&tx, *op)?.ok_or(StoreError::NotFound {
                what: "operation",
                id: op.0,
            })?;
            reversed.push((*op, info.summary));
        }
        let line = reversed
            .iter()
            .find(|(o, _)| *o == target)
            .map_or("", |r| r.1.as_str());
        let mut summary = match kind {
            // A redo reverses an undo: say what it brings back.
            OpKind::Redo => format!("Redid {}", line.strip_prefix("Undid ").unwrap_or(line)),
            _ => format!("Undid #{}: {line}", target.0),
        };
        if reversed.len() > 1 {
            summary.push_str(&format!(" (and {} later)", reversed.len() - 1));
        }
        let team: Option<i64> = tx
            .prepare_cached("SELECT team_id FROM operation WHERE id = ?1")?
            .query_row([target.0], |r| r.get(0))?;
        let op = super::open(&tx, origin, kind, now, true)?;
        tx.defer_foreign_keys()?;

        let ids: Vec<i64> = set.iter().map(|o| o.0).collect();
        for row in rows_of(&tx, &ids)?.iter().rev() {
            undo_row(&tx, &tables, row)?;
        }
        for target in &set {
            tx.prepare_cached("UPDATE operation SET undone_by = ?1 WHERE id = ?2")?
                .execute(params![op.0, target.0])?;
            tx.prepare_cached("INSERT INTO op_undo (op_id, target_id) VALUES (?1, ?2)")?
                .execute(params![op.0, target.0])?;
            // Reversing an undo or a redo puts what it reversed back in effect.
            tx.prepare_cached(
                "UPDATE operation SET undone_by = NULL
                 WHERE id IN (SELECT target_id FROM op_undo WHERE op_id = ?1)",
            )?
            .execute([target.0])?;
        }
        if kind == OpKind::Undo {
            // A redo replays an undo's rows exactly, people included.
            forget_unused_people(&tx, &tables)?;
        }
        super::close(&tx, op, &summary, team.map(crate::domain::TeamId))?;
        tx.commit()?;
        Ok(Reversed {
            op,
            summary,
            reversed,
        })
    }
}

fn newest(conn: &Db, condition: &str) -> Result<Option<OpId>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT id FROM operation WHERE {condition} AND undone_by IS NULL ORDER BY id DESC LIMIT 1"
        ))?
        .query_row([], |r| r.get::<_, i64>(0))
        .optional()?
        .map(OpId))
}

fn op_info(conn: &Db, op: OpId) -> Result<Option<OpInfo>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT summary, undone_by, undoable FROM operation WHERE id = ?1")?
        .query_row([op.0], |r| {
            Ok(OpInfo {
                summary: r.get(0)?,
                undone_by: r.get(1)?,
                undoable: r.get(2)?,
            })
        })
        .optional()?)
}

/// `target` and, with `cascade`, every later operation in effect that
/// built on it (and on those), oldest first. Without `cascade`, the first
/// such operation is named in the refusal.
fn reversible_set(
    conn: &Db,
    tables: &HashMap<String, Table>,
    target: OpId,
    cascade: bool,
) -> Result<Vec<OpId>, StoreError> {
    let mut set = BTreeSet::new();
    let mut todo = vec![target];
    while let Some(op) = todo.pop() {
        if !set.insert(op) {
            continue;
        }
        let info = op_info(conn, op)?.ok_or(StoreError::NotFound {
            what: "operation",
            id: op.0,
        })?;
        if let Some(by) = info.undone_by {
            return Err(StoreError::Refused(format!(
                "operation #{} ({}) was already undone by #{by}",
                op.0, info.summary
            )));
        }
        if !info.undoable {
            return Err(StoreError::Refused(format!(
                "operation #{} ({}) cannot be undone: it kept no record of what it replaced",
                op.0, info.summary
            )));
        }
        for later in blockers(conn, tables, op)? {
            if set.contains(&later) {
                continue;
            }
            if !cascade {
                let line = op_info(conn, later)?.map(|i| i.summary).unwrap_or_default();
                return Err(StoreError::Refused(format!(
                    "operation #{} ({line}) changed what #{} wrote: undo #{} first, or add --cascade to undo both",
                    later.0, op.0, later.0
                )));
            }
            todo.push(later);
        }
    }
    Ok(set.into_iter().collect())
}

/// Later operations in effect that changed a row `op` left behind, or
/// added a row that refers to a row `op` created.
fn blockers(conn: &Db, tables: &HashMap<String, Table>, op: OpId) -> Result<Vec<OpId>, StoreError> {
    let rows = rows_of(conn, &[op.0])?;
    // Each row this operation wrote: whether it created it, and its last image.
    let mut last: Vec<(&str, &str, bool, Option<&str>)> = Vec::new();
    for row in &rows {
        let created = match last
            .iter()
            .position(|(t, k, ..)| *t == row.tbl && *k == row.key)
        {
            Some(i) => last.remove(i).2,
            None => row.before.is_none(),
        };
        last.push((&row.tbl, &row.key, created, row.after.as_deref()));
    }

    let mut out = BTreeSet::new();
    for (tbl, key, created, after) in &last {
        let Some(table) = tables.get(*tbl) else {
            continue;
        };
        let now = current_image(conn, table, key)?;
        if !same_image(now.as_deref(), *after)
            && let Some(later) = last_writer(conn, tbl, key, op)?
        {
            out.insert(later);
        }
        // Undoing it deletes a row it created: nothing else may refer to it
        // (a person stays instead, see `undo_row`). A row it wrote itself
        // is checked above, by its content.
        if *created && after.is_some() && *tbl != "person" {
            let own = |c: &(String, String)| last.iter().any(|(t, k, ..)| *t == c.0 && *k == c.1);
            for child in children(conn, tables, tbl, key)?
                .into_iter()
                .filter(|c| !own(c))
            {
                if let Some(later) = last_writer(conn, &child.0, &child.1, op)? {
                    out.insert(later);
                }
            }
        }
    }
    Ok(out.into_iter().collect())
}

/// The newest operation after `op`, still in effect, that wrote this row.
fn last_writer(conn: &Db, tbl: &str, key: &str, op: OpId) -> Result<Option<OpId>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT r.op_id FROM op_row r JOIN operation o ON o.id = r.op_id
             WHERE r.tbl = ?1 AND r.key = ?2 AND r.op_id > ?3 AND o.undone_by IS NULL
             ORDER BY r.op_id DESC LIMIT 1",
        )?
        .query_row(params![tbl, key, op.0], |r| r.get::<_, i64>(0))
        .optional()?
        .map(OpId))
}
