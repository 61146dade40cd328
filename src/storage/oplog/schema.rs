//! Which tables the operation log watches, and the triggers that record
//! every row they write while an operation is open. The triggers are made
//! from the schema itself, so a column added later is logged as soon as the
//! migration that adds it reinstalls them (`install` runs after every
//! migration step).

use rusqlite::Connection;

/// The log's own tables; every other table is logged.
const NOT_LOGGED: &[&str] = &["operation", "op_undo", "op_row"];

/// A logged table: its columns, and the columns of its primary key in order.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<String>,
    pub key: Vec<String>,
}

/// Every logged table, in the order the schema lists them.
pub(crate) fn tables(conn: &Connection) -> rusqlite::Result<Vec<Table>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY rowid",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for name in names
        .into_iter()
        .filter(|n| !NOT_LOGGED.contains(&n.as_str()))
    {
        let mut columns = Vec::new();
        let mut key: Vec<(i64, String)> = Vec::new();
        let mut stmt = conn.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
        let rows = stmt.query_map([&name], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (column, pk) = row?;
            if pk > 0 {
                key.push((pk, column.clone()));
            }
            columns.push(column);
        }
        key.sort();
        out.push(Table {
            name,
            columns,
            key: key.into_iter().map(|(_, c)| c).collect(),
        });
    }
    Ok(out)
}

fn image(side: &str, columns: &[String]) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("'{c}', {side}.\"{c}\""))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

fn key(side: &str, key: &[String]) -> String {
    let parts: Vec<String> = key.iter().map(|c| format!("{side}.\"{c}\"")).collect();
    format!("json_array({})", parts.join(", "))
}

/// Drops and recreates the log's triggers for every logged table.
pub(crate) fn install(conn: &Connection) -> rusqlite::Result<()> {
    let old: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'oplog_%'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for name in old {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\";"))?;
    }
    // The newest operation is the one being applied, if any is.
    let newest = "(SELECT max(id) FROM operation)";
    let open = format!("(SELECT logging FROM operation WHERE id = {newest}) = 1");
    for t in tables(conn)? {
        let name = &t.name;
        let changed: Vec<String> = t
            .columns
            .iter()
            .map(|c| format!("OLD.\"{c}\" IS NOT NEW.\"{c}\""))
            .collect();
        let sql = format!(
            "CREATE TRIGGER oplog_{name}_insert AFTER INSERT ON \"{name}\" WHEN {open}
             BEGIN INSERT INTO op_row (op_id, tbl, key, before, after)
               SELECT id, '{name}', {new_key}, NULL, {new} FROM operation WHERE id = {newest}; END;
             CREATE TRIGGER oplog_{name}_update AFTER UPDATE ON \"{name}\"
               WHEN {open} AND ({changed})
             BEGIN INSERT INTO op_row (op_id, tbl, key, before, after)
               SELECT id, '{name}', {new_key}, {old}, {new} FROM operation WHERE id = {newest}; END;
             CREATE TRIGGER oplog_{name}_delete AFTER DELETE ON \"{name}\" WHEN {open}
             BEGIN INSERT INTO op_row (op_id, tbl, key, before, after)
               SELECT id, '{name}', {old_key}, {old}, NULL FROM operation WHERE id = {newest}; END;",
            new_key = key("NEW", &t.key),
            old_key = key("OLD", &t.key),
            new = image("NEW", &t.columns),
            old = image("OLD", &t.columns),
            changed = changed.join(" OR "),
        );
        conn.execute_batch(&sql)?;
    }
    Ok(())
}
