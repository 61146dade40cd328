//! Replaying an operation's rows backwards: the rows an operation wrote,
//! how a row stands now, and how each write is reversed. `undo` decides
//! what may be reversed; this does it.

use std::collections::HashMap;

use crate::storage::db::{Db, Dialect, OptionalExtension, params};
use serde_json::Value;

use super::super::StoreError;
use super::schema::{self, Table};
use super::schema_pg;

/// Columns written outside operations (the meeting clock), which a later
/// save may change without building on anything.
const UNLOGGED: &[&str] = &["current_section", "seconds_spent"];

/// One row an operation wrote.
pub(super) struct RowWrite {
    pub tbl: String,
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The rows `ops` wrote, in the order they were written.
pub(super) fn rows_of(conn: &Db, ops: &[i64]) -> Result<Vec<RowWrite>, StoreError> {
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

/// Rows of other tables that refer to the row `key` of `tbl`.
pub(super) fn children(
    conn: &Db,
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
    let links = conn.foreign_keys_to(tbl)?;
    let mut out = Vec::new();
    for (child, column) in links {
        let Some(table) = tables.get(&child) else {
            continue;
        };
        let keys: Vec<String> = conn
            .prepare(&format!(
                "SELECT {} FROM \"{child}\" WHERE \"{column}\" = ?1",
                schema::key(conn.dialect(), "", &table.key)
            ))?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        out.extend(keys.into_iter().map(|k| (child.clone(), k)));
    }
    Ok(out)
}

fn key_condition(conn: &Db, table: &Table, param: usize) -> String {
    schema::key_match(conn.dialect(), table, &format!("?{param}"))
}

pub(super) fn current_image(
    conn: &Db,
    table: &Table,
    key: &str,
) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM \"{}\" WHERE {}",
            schema::image(conn.dialect(), "", &table.columns),
            table.name,
            key_condition(conn, table, 1)
        ))?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Two images of a row are the same but for the columns saved outside
/// operations.
pub(super) fn same_image(a: Option<&str>, b: Option<&str>) -> bool {
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
pub(super) fn undo_row(
    conn: &Db,
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
                key_condition(conn, table, 1)
            ))?
            .execute([&row.key])?;
        }
        (Some(before), None) if conn.dialect() == Dialect::Pg => {
            conn.prepare_cached(&schema_pg::insert_image(table, "?1"))?
                .execute([before])?;
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
            if conn.dialect() == Dialect::Pg {
                let key = key_condition(conn, table, 2);
                conn.prepare_cached(&schema_pg::update_from_image(table, &changed, "?1", &key))?
                    .execute(params![before, row.key])?;
                return Ok(());
            }
            let sets: Vec<String> = changed
                .iter()
                .map(|c| format!("\"{c}\" = json_extract(?1, '$.\"{c}\"')"))
                .collect();
            conn.prepare_cached(&format!(
                "UPDATE \"{name}\" SET {} WHERE {}",
                sets.join(", "),
                key_condition(conn, table, 2)
            ))?
            .execute(params![before, row.key])?;
        }
    }
    Ok(())
}

/// People created on first use by operations now undone, whom nobody uses
/// any more: an undo that kept them (someone else still used them then)
/// leaves them to the undo that takes the last use away.
pub(super) fn forget_unused_people(
    conn: &Db,
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
                key_condition(conn, person, 1)
            ))?
            .execute([&key])?;
        }
    }
    Ok(())
}

/// Whether any row refers to the person with this key.
pub(super) fn still_used(
    conn: &Db,
    tables: &HashMap<String, Table>,
    key: &str,
) -> Result<bool, StoreError> {
    Ok(!children(conn, tables, "person", key)?.is_empty())
}
