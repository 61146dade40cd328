//! The operation log's triggers on PostgreSQL: the same rows in `op_row`
//! as `schema::install` writes on SQLite, made as SQL text from the same
//! `Table`s. Pure functions; the store runs their text.
//!
//! Each logged table gets one plpgsql function and one AFTER INSERT OR
//! UPDATE OR DELETE row trigger, both named `oplog_<table>`. PostgreSQL has
//! no TEMP triggers, so they live in the schema and are replaced in place
//! (`CREATE OR REPLACE`, `DROP TRIGGER IF EXISTS`) whenever they are
//! installed again.
//!
//! Whether new rows keep their images is the transaction-local setting
//! `rhythm.images` (SQLite: `temp.op_images`): `keys` keeps only their
//! keys; unset, or anything else, keeps full images.
//!
//! The text matches SQLite's `json_object`/`json_array` byte for byte for
//! integers, text and NULL (same escapes, no spaces). Floats differ:
//! PostgreSQL writes `100` and `1e+20` where SQLite writes `100.0` and
//! `1.0e+20`; both read back as the same number.

use super::schema::Table;

/// The setting that says whether new rows keep their images.
const IMAGES: &str = "rhythm.images";

/// `name` as an SQL identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `text` as an SQL string literal.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A value as JSON text (`side` as for `image`); NULL for a NULL value.
fn json_value(side: &str, column: &str) -> String {
    format!("to_json({side}{})::text", ident(column))
}

/// A row as compact JSON text, its columns in the given order: `side` is
/// `OLD.` or `NEW.` in a trigger, empty (or an alias and a dot) in a query
/// of the table itself. Built column by column, not with `row_to_json`
/// (which gives the same text for a whole row), so the image has exactly
/// the `Table`'s columns, as on SQLite.
pub(crate) fn image(side: &str, columns: &[String]) -> String {
    if columns.is_empty() {
        return literal("{}");
    }
    let parts: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let sep = if i == 0 { "{" } else { "," };
            let name = serde_json::to_string(c).unwrap_or_default();
            format!(
                "{} || coalesce({}, 'null')",
                literal(&format!("{sep}{name}:")),
                json_value(side, c)
            )
        })
        .collect();
    format!("({} || '}}')", parts.join(" || "))
}

/// A row's key as a JSON array of its primary key's values (`side` as for
/// `image`), the same text as SQLite's `json_array` for integers and text:
/// `[1]`, `[3,"2026-W23"]`. Key columns are never NULL.
pub(crate) fn key(side: &str, key: &[String]) -> String {
    let parts: Vec<String> = key.iter().map(|c| json_value(side, c)).collect();
    format!("('[' || concat_ws(',', {}) || ']')", parts.join(", "))
}

/// The log's function and trigger for every logged table (see the module).
/// Each inserts a row written while an operation is open (`op_current` has
/// a row) into `op_row`: an insert with its key and image after (only its
/// key while `rhythm.images` is `keys`), an update with its images before
/// and after, a delete with its image before.
pub(crate) fn install_sql(tables: &[Table]) -> String {
    let mut sql = String::new();
    for t in tables {
        let name = &t.name;
        let fun = format!("oplog_{name}");
        sql.push_str(&format!(
            "CREATE OR REPLACE FUNCTION {fun}() RETURNS trigger LANGUAGE plpgsql AS $oplog$
DECLARE
    op BIGINT;
BEGIN
    SELECT op_id INTO op FROM op_current;
    IF op IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO op_row (op_id, tbl, key, after)
        VALUES (op, {tbl}, {new_key},
            CASE WHEN current_setting('{IMAGES}', true) = 'keys' THEN NULL ELSE {new} END);
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO op_row (op_id, tbl, key, before, after)
        VALUES (op, {tbl}, {new_key}, {old}, {new});
    ELSE
        INSERT INTO op_row (op_id, tbl, key, before)
        VALUES (op, {tbl}, {old_key}, {old});
    END IF;
    RETURN NULL;
END
$oplog$;
DROP TRIGGER IF EXISTS {fun} ON {table};
CREATE TRIGGER {fun} AFTER INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {fun}();
",
            tbl = literal(name),
            table = ident(name),
            new_key = key("NEW.", &t.key),
            old_key = key("OLD.", &t.key),
            old = image("OLD.", &t.columns),
            new = image("NEW.", &t.columns),
        ));
    }
    sql
}

/// Whether new rows keep their images until the transaction ends (see the
/// module): SQLite's `keep_new_images`.
pub(crate) fn keep_new_images_sql(full: bool) -> &'static str {
    if full {
        "SELECT set_config('rhythm.images', 'full', true)"
    } else {
        "SELECT set_config('rhythm.images', 'keys', true)"
    }
}

/// The condition that picks the row whose key is the JSON array `json` (a
/// parameter), each key column compared with its element read as the
/// column's own type, so the primary key's index is used.
pub(crate) fn key_match(t: &Table, json: &str) -> String {
    let parts: Vec<String> = t
        .key
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "{col} = (SELECT {col} FROM json_populate_record(NULL::{table}, json_build_object({name}, CAST({json} AS json) -> {i})))",
                col = ident(c),
                table = ident(&t.name),
                name = literal(c),
            )
        })
        .collect();
    parts.join(" AND ")
}

/// Puts back a row from its image (the parameter `json`).
pub(crate) fn insert_image(t: &Table, json: &str) -> String {
    let cols: Vec<String> = t.columns.iter().map(|c| ident(c)).collect();
    format!(
        "INSERT INTO {table} ({cols}) SELECT {cols} FROM json_populate_record(NULL::{table}, CAST({json} AS json))",
        table = ident(&t.name),
        cols = cols.join(", "),
    )
}

/// Sets `columns` of the row picked by `key` to their values in the image
/// (the parameter `json`).
pub(crate) fn update_from_image(t: &Table, columns: &[&String], json: &str, key: &str) -> String {
    let cols: Vec<String> = columns.iter().map(|c| ident(c)).collect();
    format!(
        "UPDATE {table} SET ({cols}) = (SELECT {cols} FROM json_populate_record(NULL::{table}, CAST({json} AS json))) WHERE {key}",
        table = ident(&t.name),
        cols = cols.join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading() -> Table {
        let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect();
        Table {
            name: "reading".into(),
            columns: s(&["measure_id", "week", "value"]),
            key: s(&["measure_id", "week"]),
        }
    }

    #[test]
    fn key_is_a_json_array_of_the_key_columns() {
        assert_eq!(
            key("NEW.", &reading().key),
            "('[' || concat_ws(',', to_json(NEW.\"measure_id\")::text, \
             to_json(NEW.\"week\")::text) || ']')"
        );
    }

    #[test]
    fn image_is_a_json_object_of_every_column_in_order() {
        assert_eq!(
            image("OLD.", &reading().columns),
            "('{\"measure_id\":' || coalesce(to_json(OLD.\"measure_id\")::text, 'null') \
             || ',\"week\":' || coalesce(to_json(OLD.\"week\")::text, 'null') \
             || ',\"value\":' || coalesce(to_json(OLD.\"value\")::text, 'null') || '}')"
        );
        assert_eq!(image("", &[]), "'{}'");
    }

    #[test]
    fn names_are_quoted() {
        let odd = vec!["it's \"x\"".to_string()];
        assert_eq!(
            image("NEW.", &odd),
            "('{\"it''s \\\"x\\\"\":' || coalesce(to_json(NEW.\"it's \"\"x\"\"\")::text, 'null') || '}')"
        );
    }

    #[test]
    fn install_makes_one_function_and_trigger_per_table() {
        let mut team = reading();
        team.name = "team".into();
        let sql = install_sql(&[reading(), team]);
        for t in ["reading", "team"] {
            assert!(sql.contains(&format!(
                "CREATE OR REPLACE FUNCTION oplog_{t}() RETURNS trigger LANGUAGE plpgsql"
            )));
            assert!(sql.contains(&format!("DROP TRIGGER IF EXISTS oplog_{t} ON \"{t}\";")));
            assert!(sql.contains(&format!(
                "CREATE TRIGGER oplog_{t} AFTER INSERT OR UPDATE OR DELETE ON \"{t}\"\n    \
                 FOR EACH ROW EXECUTE FUNCTION oplog_{t}();"
            )));
        }
        assert_eq!(sql.matches("CREATE TRIGGER").count(), 2);
        assert_eq!(sql.matches("$oplog$").count(), 4);
    }

    #[test]
    fn install_logs_each_kind_of_write() {
        let t = reading();
        let sql = install_sql(std::slice::from_ref(&t));
        let (new_key, old_key) = (key("NEW.", &t.key), key("OLD.", &t.key));
        let (new, old) = (image("NEW.", &t.columns), image("OLD.", &t.columns));
        assert!(sql.contains("SELECT op_id INTO op FROM op_current;"));
        assert!(sql.contains("IF op IS NULL THEN\n        RETURN NULL;"));
        assert!(sql.contains(&format!(
            "INSERT INTO op_row (op_id, tbl, key, after)\n        \
             VALUES (op, 'reading', {new_key},\n            \
             CASE WHEN current_setting('rhythm.images', true) = 'keys' THEN NULL ELSE {new} END);"
        )));
        assert!(sql.contains(&format!(
            "INSERT INTO op_row (op_id, tbl, key, before, after)\n        \
             VALUES (op, 'reading', {new_key}, {old}, {new});"
        )));
        assert!(sql.contains(&format!(
            "INSERT INTO op_row (op_id, tbl, key, before)\n        \
             VALUES (op, 'reading', {old_key}, {old});"
        )));
        assert_eq!(install_sql(&[]), "");
    }

    #[test]
    fn images_setting_is_transaction_local() {
        assert_eq!(
            keep_new_images_sql(false),
            "SELECT set_config('rhythm.images', 'keys', true)"
        );
        assert_eq!(
            keep_new_images_sql(true),
            "SELECT set_config('rhythm.images', 'full', true)"
        );
        assert!(keep_new_images_sql(true).contains(IMAGES));
    }
}
