//! Undo and redo: replaying an operation's row images backwards, in one
//! transaction that is itself an operation. An operation is reversed only
//! when every row it wrote is still as it left it; otherwise the later
//! operation that changed the row is named, and `cascade` reverses it too.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::Value;

use crate::domain::{OpId, OpKind, Origin};

use super::super::{Store, StoreError};
use super::schema::{self, Table};

/// Columns written outside operations (the meeting clock), which a later
/// save may change without building on anything.
const UNLOGGED: &[&str] = &["current_section", "seconds_spent"];

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

/// One row an operation wrote.
struct RowWrite {
    tbl: String,
    key: String,
    before: Option<String>,
    after: Option<String>,
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
    /// which takes back only what was done from that screen.
    pub fn undo_newest_of(
        &mut self,
        ops: &[OpId],
        origin: &Origin,
        now: DateTime<Utc>,
    ) -> Result<Reversed, StoreError> {
        self.reverse(origin, now, |conn| {
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
        choose: impl FnOnce(&Connection) -> Result<(OpId, OpKind, bool), StoreError>,
    ) -> Result<Reversed, StoreError> {
        let all = self.log_tables()?;
        let tables: HashMap<String, Table> =
            all.iter().map(|t| (t.name.clone(), t.clone())).collect();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
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
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;

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
        super::fill_after(&tx, &all, op)?;
        super::close(&tx, op, &summary, team.map(crate::domain::TeamId))?;
        tx.commit()?;
        Ok(Reversed {
            op,
            summary,
            reversed,
        })
    }
}

fn newest(conn: &Connection, condition: &str) -> Result<Option<OpId>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT id FROM operation WHERE {condition} AND undone_by IS NULL ORDER BY id DESC LIMIT 1"
        ))?
        .query_row([], |r| r.get::<_, i64>(0))
        .optional()?
        .map(OpId))
}

fn op_info(conn: &Connection, op: OpId) -> Result<Option<OpInfo>, StoreError> {
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

fn rows_of(conn: &Connection, ops: &[i64]) -> Result<Vec<RowWrite>, StoreError> {
    let mut out = Vec::new();
    for op in ops {
        let rows = conn
            .prepare_cached(
                "SELECT r.id, r.tbl, r.key, r.before, r.after
                 FROM operation o JOIN op_row r ON r.id BETWEEN o.first_row AND o.last_row
                 WHERE o.id = ?1 ORDER BY r.id",
            )?
            .query_map([op], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    RowWrite {
                        tbl: r.get(1)?,
                        key: r.get(2)?,
                        before: r.get(3)?,
                        after: r.get(4)?,
                    },
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        out.extend(rows);
    }
    out.sort_by_key(|(id, _)| *id);
    Ok(out.into_iter().map(|(_, r)| r).collect())
}

/// `target` and, with `cascade`, every later operation in effect that
/// built on it (and on those), oldest first. Without `cascade`, the first
/// such operation is named in the refusal.
fn reversible_set(
    conn: &Connection,
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
fn blockers(
    conn: &Connection,
    tables: &HashMap<String, Table>,
    op: OpId,
) -> Result<Vec<OpId>, StoreError> {
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
fn last_writer(
    conn: &Connection,
    tbl: &str,
    key: &str,
    op: OpId,
) -> Result<Option<OpId>, StoreError> {
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

/// Rows of other tables that refer to the row `key` of `tbl`.
fn children(
    conn: &Connection,
    tables: &HashMap<String, Table>,
    tbl: &str,
    key: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    let Some(id) = serde_json::from_str::<Value>(key)
        .ok()
        .and_then(|k| k.get(0).and_then(Value::as_i64))
    else {
        return Ok(Vec::new());
    };
    let links: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND f.\"table\" = ?1",
        )?
        .query_map([tbl], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (child, column) in links {
        let Some(table) = tables.get(&child) else {
            continue;
        };
        let keys: Vec<String> = conn
            .prepare(&format!(
                "SELECT {} FROM \"{child}\" WHERE \"{column}\" = ?1",
                schema::key("", &table.key)
            ))?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        out.extend(keys.into_iter().map(|k| (child.clone(), k)));
    }
    Ok(out)
}

fn key_condition(table: &Table, param: usize) -> String {
    schema::key_match(table, &format!("?{param}"))
}

fn current_image(
    conn: &Connection,
    table: &Table,
    key: &str,
) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM \"{}\" WHERE {}",
            schema::image("", &table.columns),
            table.name,
            key_condition(table, 1)
        ))?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Two images of a row are the same but for the columns saved outside
/// operations.
fn same_image(a: Option<&str>, b: Option<&str>) -> bool {
    let parse = |t: Option<&str>| -> Option<Value> {
        let mut v: Value = serde_json::from_str(t?).ok()?;
        if let Some(map) = v.as_object_mut() {
            for c in UNLOGGED {
                map.remove(*c);
            }
        }
        Some(v)
    };
    parse(a) == parse(b)
}

/// Reverses one row write: deletes what was inserted, puts back what was
/// deleted, and sets the columns an update changed to their old values.
fn undo_row(
    conn: &Connection,
    tables: &HashMap<String, Table>,
    row: &RowWrite,
) -> Result<(), StoreError> {
    let table = tables.get(&row.tbl).ok_or_else(|| {
        StoreError::Refused(format!(
            "the log names a table '{}' this database does not have",
            row.tbl
        ))
    })?;
    let name = &table.name;
    match (&row.before, &row.after) {
        // An insert (an import keeps no image of the rows it adds).
        (None, _) => {
            if name == "person" && still_used(conn, tables, &row.key)? {
                // A person created on first use stays while someone else
                // still owns something.
                return Ok(());
            }
            conn.prepare_cached(&format!(
                "DELETE FROM \"{name}\" WHERE {}",
                key_condition(table, 1)
            ))?
            .execute([&row.key])?;
        }
        (Some(before), None) => {
            let cols: Vec<String> = table.columns.iter().map(|c| format!("\"{c}\"")).collect();
            let values: Vec<String> = table
                .columns
                .iter()
                .map(|c| format!("json_extract(?1, '$.\"{c}\"')"))
                .collect();
            conn.prepare_cached(&format!(
                "INSERT INTO \"{name}\" ({}) VALUES ({})",
                cols.join(", "),
                values.join(", ")
            ))?
            .execute([before])?;
        }
        (Some(before), Some(after)) => {
            let b: Value = serde_json::from_str(before).unwrap_or(Value::Null);
            let a: Value = serde_json::from_str(after).unwrap_or(Value::Null);
            let changed: Vec<&String> = table
                .columns
                .iter()
                .filter(|c| b.get(c.as_str()) != a.get(c.as_str()))
                .collect();
            if changed.is_empty() {
                return Ok(());
            }
            let sets: Vec<String> = changed
                .iter()
                .map(|c| format!("\"{c}\" = json_extract(?1, '$.\"{c}\"')"))
                .collect();
            conn.prepare_cached(&format!(
                "UPDATE \"{name}\" SET {} WHERE {}",
                sets.join(", "),
                key_condition(table, 2)
            ))?
            .execute(params![before, row.key])?;
        }
    }
    Ok(())
}

/// People created on first use by operations now undone, whom nobody uses
/// any more: an undo that kept them (someone else still used them then)
/// leaves them to the undo that takes the last use away.
fn forget_unused_people(
    conn: &Connection,
    tables: &HashMap<String, Table>,
) -> Result<(), StoreError> {
    let Some(person) = tables.get("person") else {
        return Ok(());
    };
    let made: Vec<String> = conn
        .prepare_cached(
            "SELECT DISTINCT r.key FROM op_row r JOIN operation o ON o.id = r.op_id
             WHERE r.tbl = 'person' AND r.before IS NULL AND o.undone_by IS NOT NULL",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for key in made {
        // Row ids are used again after a delete, and an undo may put a
        // person back: the person is theirs to forget only if the last
        // write of the row is still that undone operation's insert.
        let last: Option<(Option<String>, Option<i64>)> = conn
            .prepare_cached(
                "SELECT r.before, o.undone_by FROM op_row r JOIN operation o ON o.id = r.op_id
                 WHERE r.tbl = 'person' AND r.key = ?1 ORDER BY r.id DESC LIMIT 1",
            )?
            .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let orphan = matches!(last, Some((None, Some(_))));
        if orphan
            && current_image(conn, person, &key)?.is_some()
            && !still_used(conn, tables, &key)?
        {
            conn.prepare_cached(&format!(
                "DELETE FROM person WHERE {}",
                key_condition(person, 1)
            ))?
            .execute([&key])?;
        }
    }
    Ok(())
}

/// Whether any row refers to the person with this key.
fn still_used(
    conn: &Connection,
    tables: &HashMap<String, Table>,
    key: &str,
) -> Result<bool, StoreError> {
    Ok(!children(conn, tables, "person", key)?.is_empty())
}
