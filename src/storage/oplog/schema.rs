//! Which tables the operation log watches, and the triggers that record
//! every row they write while an operation is open. The triggers are made
//! from the schema itself, so a column added later is logged as soon as the
//! migration that adds it reinstalls them (`install` runs after every
//! migration step).

use rusqlite::Connection;

/// The log's own tables, and the live meeting's lease (bookkeeping that an
/// undo must never bring back); every other table is logged.
const NOT_LOGGED: &[&str] = &["operation", "op_undo", "op_row", "meeting_driver"];

/// A logged table: its columns, the columns of its primary key in order,
/// and the statement that fills in the images after a write (made once, as
/// every write runs it).
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<String>,
    pub key: Vec<String>,
    pub fill_after: String,
}

/// Every logged table, in the order the schema lists them: one query, as
/// a process that writes once (the command line) reads this every time.
pub(crate) fn tables(conn: &Connection) -> rusqlite::Result<Vec<Table>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, p.name, p.pk FROM sqlite_schema m, pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
         ORDER BY m.rowid, p.cid",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut out: Vec<Table> = Vec::new();
    let mut keys: Vec<Vec<(i64, String)>> = Vec::new();
    for row in rows {
        let (table, column, pk) = row?;
        if NOT_LOGGED.contains(&table.as_str()) {
            continue;
        }
        if out.last().is_none_or(|t| t.name != table) {
            out.push(Table {
                name: table,
                columns: Vec::new(),
                key: Vec::new(),
                fill_after: String::new(),
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
        t.fill_after = fill_after(t);
    }
    Ok(out)
}

/// Gives each row of this table an operation (`?1`) wrote its image after
/// the write: the next write's old image when the operation wrote the row
/// again, else the row as it is now (none when it is gone). With `?2`
/// false, only rows changed or deleted get one (an import's new rows keep
/// only their key: undo deletes them by it).
fn fill_after(t: &Table) -> String {
    let same_row = "n.op_id = op_row.op_id AND n.tbl = op_row.tbl AND n.key = op_row.key \
                    AND n.id > op_row.id";
    format!(
        "UPDATE op_row SET after = CASE
           WHEN EXISTS (SELECT 1 FROM op_row n WHERE {same_row})
           THEN (SELECT n.before FROM op_row n WHERE {same_row} ORDER BY n.id LIMIT 1)
           ELSE (SELECT {image} FROM \"{name}\" WHERE {matches})
         END
         WHERE id >= (SELECT first_row FROM operation WHERE id = ?1) AND op_id = ?1
           AND tbl = '{name}' AND (?2 OR before IS NOT NULL)",
        name = t.name,
        image = image("", &t.columns),
        matches = key_match(t, "op_row.key"),
    )
}

/// A row as a JSON object of its columns: `side` is `OLD.` or `NEW.` in a
/// trigger, empty in a query of the table itself.
pub(crate) fn image(side: &str, columns: &[String]) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("'{c}', {side}\"{c}\""))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// A row's key as a JSON array of its primary key's values (`side` as for
/// `image`): how the log names a row.
pub(crate) fn key(side: &str, key: &[String]) -> String {
    let parts: Vec<String> = key.iter().map(|c| format!("{side}\"{c}\"")).collect();
    format!("json_array({})", parts.join(", "))
}

/// The condition that picks the row whose key is the JSON array `json`
/// (a parameter such as `?1`, or a column).
pub(crate) fn key_match(t: &Table, json: &str) -> String {
    let parts: Vec<String> = t
        .key
        .iter()
        .enumerate()
        .map(|(i, c)| format!("\"{c}\" = json_extract({json}, '$[{i}]')"))
        .collect();
    parts.join(" AND ")
}

/// Drops and recreates the log's triggers for every logged table (after
/// every migration step, so they always match the tables). They are kept
/// small, because every process parses them when it opens the file and every
/// statement that writes a table compiles that table's: no condition, and
/// the open operation comes from the `op_current` view (no row while none is
/// being applied, so nothing is logged then).
pub(crate) fn install(conn: &Connection) -> rusqlite::Result<()> {
    let old: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'oplog_%'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for name in old {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\";"))?;
    }
    for t in tables(conn)? {
        let name = &t.name;
        // Only what is gone after the write is taken here: the key, and the
        // old image of a row changed or deleted. The images after are read
        // once the operation is done (`fill_after`).
        let sql = format!(
            "CREATE TRIGGER oplog_{name}_insert AFTER INSERT ON \"{name}\"
             BEGIN INSERT INTO op_row (op_id, tbl, key)
               SELECT op_id, '{name}', {new_key} FROM op_current; END;
             CREATE TRIGGER oplog_{name}_update AFTER UPDATE ON \"{name}\"
             BEGIN INSERT INTO op_row (op_id, tbl, key, before)
               SELECT op_id, '{name}', {new_key}, {old} FROM op_current; END;
             CREATE TRIGGER oplog_{name}_delete AFTER DELETE ON \"{name}\"
             BEGIN INSERT INTO op_row (op_id, tbl, key, before)
               SELECT op_id, '{name}', {old_key}, {old} FROM op_current; END;",
            new_key = key("NEW.", &t.key),
            old_key = key("OLD.", &t.key),
            old = image("OLD.", &t.columns),
        );
        conn.execute_batch(&sql)?;
    }
    Ok(())
}
