//! Which tables the operation log watches, and the triggers that record
//! every row they write while an operation is open. The triggers are made
//! from the schema itself, so a column added later is logged as soon as the
//! migration that adds it reinstalls them (`install` runs after every
//! migration step).

use crate::storage::db::{self, Db, Dialect};

/// The log's own tables, and the live meeting's lease (bookkeeping that an
/// undo must never bring back); every other table is logged.
const NOT_LOGGED: &[&str] = &[
    "operation",
    "op_undo",
    "op_row",
    "meeting_driver",
    db::VERSION_TABLE,
];

/// A logged table: its columns and the columns of its primary key in order.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<String>,
    pub key: Vec<String>,
}

/// Every logged table, in the order the schema lists them: one query, as
/// a process that writes once (the command line) reads this every time.
pub(crate) fn tables(conn: &Db) -> db::Result<Vec<Table>> {
    let rows = conn.columns()?;
    let mut out: Vec<Table> = Vec::new();
    let mut keys: Vec<Vec<(i64, String)>> = Vec::new();
    for (table, column, pk) in rows {
        if NOT_LOGGED.contains(&table.as_str()) {
            continue;
        }
        if out.last().is_none_or(|t| t.name != table) {
            out.push(Table {
                name: table,
                columns: Vec::new(),
                key: Vec::new(),
            });
            keys.push(Vec::new());
        }
        if pk > 0
            && let Some(k) = keys.last_mut()
        {
            k.push((pk, column.clone()));
        }
        if let Some(t) = out.last_mut() {
            t.columns.push(column);
        }
    }
    for (t, mut k) in out.iter_mut().zip(keys) {
        k.sort();
        t.key = k.into_iter().map(|(_, c)| c).collect();
    }
    Ok(out)
}

/// A row as a JSON object of its columns: `side` is `OLD.` or `NEW.` in a
/// trigger, empty in a query of the table itself.
pub(crate) fn image(d: Dialect, side: &str, columns: &[String]) -> String {
    if d == Dialect::Pg {
        return super::schema_pg::image(side, columns);
    }
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("'{c}', {side}\"{c}\""))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// A row's key as a JSON array of its primary key's values (`side` as for
/// `image`): how the log names a row.
pub(crate) fn key(d: Dialect, side: &str, key: &[String]) -> String {
    if d == Dialect::Pg {
        return super::schema_pg::key(side, key);
    }
    let parts: Vec<String> = key.iter().map(|c| format!("{side}\"{c}\"")).collect();
    format!("json_array({})", parts.join(", "))
}

/// The condition that picks the row whose key is the JSON array `json`
/// (a parameter such as `?1`, or a column).
pub(crate) fn key_match(d: Dialect, t: &Table, json: &str) -> String {
    if d == Dialect::Pg {
        return super::schema_pg::key_match(t, json);
    }
    let parts: Vec<String> = t
        .key
        .iter()
        .enumerate()
        .map(|(i, c)| format!("\"{c}\" = json_extract({json}, '$[{i}]')"))
        .collect();
    parts.join(" AND ")
}

/// Drops the log's triggers kept in the file by the versions that had
/// them (from the operation log's first version until they became the
/// connection's own, below): every migration step ends with it.
pub(crate) fn drop_stored(conn: &Db) -> db::Result<()> {
    let old: Vec<String> = conn
        .prepare(
            "SELECT name FROM main.sqlite_schema WHERE type = 'trigger' AND name LIKE 'oplog_%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for name in old {
        conn.execute_batch(&format!("DROP TRIGGER main.\"{name}\";"))?;
    }
    Ok(())
}

/// Creates the log's triggers for every logged table on this connection
/// alone (TEMP), the first time it writes. Kept out of the file, they cost
/// nothing to a process that only reads (every process parses the file's
/// schema when it opens it), and made from the schema as this connection
/// sees it, they always match the tables.
///
/// Each takes the key and the images before and after of a row written
/// while an operation is open (the `op_current` view has no row otherwise,
/// so nothing is logged then). A row written twice in one operation gets
/// two entries, the second's image before being the first's after. While
/// `op_images.full` is 0 (an import, see `Images::Keys`) a new row keeps
/// only its key: undo deletes it by that.
pub(crate) fn install(conn: &Db, tables: &[Table]) -> db::Result<()> {
    if conn.dialect() == Dialect::Pg {
        // PostgreSQL keeps them in the database (`schema_pg`).
        return Ok(());
    }
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS op_images (full INTEGER NOT NULL);
         INSERT INTO temp.op_images SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM temp.op_images);",
    );
    for t in tables {
        let name = &t.name;
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS oplog_{name}_insert AFTER INSERT ON main.\"{name}\"
             BEGIN INSERT INTO main.op_row (op_id, tbl, key, after)
               SELECT op_id, '{name}', {new_key},
                 CASE WHEN (SELECT full FROM temp.op_images) THEN {new} END
               FROM main.op_current; END;
             CREATE TEMP TRIGGER IF NOT EXISTS oplog_{name}_update AFTER UPDATE ON main.\"{name}\"
             BEGIN INSERT INTO main.op_row (op_id, tbl, key, before, after)
               SELECT op_id, '{name}', {new_key}, {old}, {new} FROM main.op_current; END;
             CREATE TEMP TRIGGER IF NOT EXISTS oplog_{name}_delete AFTER DELETE ON main.\"{name}\"
             BEGIN INSERT INTO main.op_row (op_id, tbl, key, before)
               SELECT op_id, '{name}', {old_key}, {old} FROM main.op_current; END;",
            new_key = key(Dialect::Sqlite, "NEW.", &t.key),
            old_key = key(Dialect::Sqlite, "OLD.", &t.key),
            old = image(Dialect::Sqlite, "OLD.", &t.columns),
            new = image(Dialect::Sqlite, "NEW.", &t.columns),
        ));
    }
    conn.execute_batch(&sql)
}

/// Whether new rows keep their images from now on (see `install`).
pub(crate) fn keep_new_images(conn: &Db, full: bool) -> db::Result<()> {
    if conn.dialect() == Dialect::Pg {
        return conn.execute_batch(super::schema_pg::keep_new_images_sql(full));
    }
    conn.prepare_cached("UPDATE temp.op_images SET full = ?1")?
        .execute([full])?;
    Ok(())
}
