//! The part of `check` SQLite cannot do: finding stored values rhythm itself
//! could not read back (a week such as `-001-W52`, a date such as
//! `+10000-01-05`, a quarter such as `2026-Q5`, a month such as
//! `2026-13`, a phase rhythm does not know, a number that is not finite). Older builds stored them
//! before the range rules; one such row makes every export, scorecard or
//! import that meets it fail, while SQLite's own checks say all is well.
//! Likewise names those builds told apart that read as one name now.
//! Read-only: it only selects.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::storage::db::{self, ValueRef};

use super::{Store, StoreError};
use crate::domain::week::parse_date;
use crate::domain::{Month, Phase, Quarter, Week, names};

#[derive(Clone, Copy)]
enum Kind {
    Week,
    Date,
    Quarter,
    Month,
    Phase,
    Number,
    /// A moment (`created_at`, `ended_at`, ...): every column whose name
    /// ends in `_at`, found in the schema, so a new one is checked too.
    Time,
}

/// A reading has no id of its own: its measure and week name it.
fn reading_key(conn: &db::Db) -> String {
    format!(
        "'of measure ' || measure_id || ' in ' || {}",
        conn.dialect().quote("week")
    )
}

/// Stands for `reading_key` in `COLUMNS`.
const READING_KEY: &str = "reading";

/// Every column holding a week, a date, a quarter or a number, with the key that
/// names its row to the reader.
const COLUMNS: &[(&str, &str, &str, Kind)] = &[
    ("reading", READING_KEY, "week", Kind::Week),
    ("reading", READING_KEY, "value", Kind::Number),
    ("offtrack", "'#' || id", "raised_week", Kind::Week),
    ("meeting", "'#' || id", "week", Kind::Week),
    ("action_item", "'#' || id", "due", Kind::Date),
    ("dependency", "'#' || id", "needed_by", Kind::Date),
    ("decision", "'#' || id", "due", Kind::Date),
    ("brief_item", "'#' || id", "quarter", Kind::Quarter),
    ("initiative", "'#' || id", "start_month", Kind::Month),
    ("initiative", "'#' || id", "end_month", Kind::Month),
    ("milestone", "'#' || id", "month", Kind::Month),
    ("milestone", "'#' || id", "phase", Kind::Phase),
    ("flex_draw", "'#' || id", "drawn_on", Kind::Date),
    ("measure", "'#' || id", "target", Kind::Number),
    ("measure", "'#' || id", "range_low", Kind::Number),
    ("measure", "'#' || id", "range_high", Kind::Number),
    ("measure", "'#' || id", "tolerance", Kind::Number),
];

/// Why a stored value cannot be read back, or None when it can. A week,
/// date or quarter must also be written as rhythm writes it: the reads
/// compare them as text.
fn problem(kind: Kind, value: ValueRef<'_>) -> Option<String> {
    match (kind, value) {
        (_, ValueRef::Null) => None,
        (Kind::Number, ValueRef::Real(v)) if v.is_finite() => None,
        (Kind::Number, ValueRef::Int(_)) => None,
        (Kind::Number, ValueRef::Real(v)) => Some(format!("'{v}' is not a finite number")),
        (Kind::Week, ValueRef::Text(t)) => {
            let text = String::from_utf8_lossy(t);
            match text.parse::<Week>() {
                Ok(w) if w.to_string() == text => None,
                Ok(w) => Some(format!(
                    "'{text}' is not written as rhythm writes it ('{w}')"
                )),
                Err(e) => Some(e.to_string()),
            }
        }
        (Kind::Quarter, ValueRef::Text(t)) => {
            let text = String::from_utf8_lossy(t);
            match text.parse::<Quarter>() {
                Ok(q) if q.to_string() == text => None,
                Ok(q) => Some(format!(
                    "'{text}' is not written as rhythm writes it ('{q}')"
                )),
                Err(e) => Some(e.to_string()),
            }
        }
        (Kind::Month, ValueRef::Text(t)) => {
            let text = String::from_utf8_lossy(t);
            match text.parse::<Month>() {
                Ok(m) if m.to_string() == text => None,
                Ok(m) => Some(format!(
                    "'{text}' is not written as rhythm writes it ('{m}')"
                )),
                Err(e) => Some(e.to_string()),
            }
        }
        (Kind::Phase, ValueRef::Text(t)) => {
            let text = String::from_utf8_lossy(t);
            match text.parse::<Phase>() {
                Ok(p) if p.to_string() == text => None,
                Ok(p) => Some(format!(
                    "'{text}' is not written as rhythm writes it ('{p}')"
                )),
                Err(e) => Some(e),
            }
        }
        (Kind::Date, ValueRef::Text(t)) => {
            let text = String::from_utf8_lossy(t);
            match parse_date(&text) {
                Ok(d) if d.format("%Y-%m-%d").to_string() == text => None,
                Ok(d) => Some(format!(
                    "'{text}' is not written as rhythm writes it ('{d}')"
                )),
                Err(e) => Some(e.to_string()),
            }
        }
        (Kind::Time, ValueRef::Text(_)) => {
            // The very conversion every read uses.
            match <chrono::DateTime<chrono::Utc> as db::FromSql>::from_sql(value) {
                Ok(t) if (1900..=9998).contains(&chrono::Datelike::year(&t)) => None,
                Ok(_) => Some(format!(
                    "'{}' is outside the years rhythm keeps (1900 to 9998)",
                    String::from_utf8_lossy(value.as_bytes().unwrap_or_default())
                )),
                Err(_) => Some(format!(
                    "'{}' is not a time rhythm can read",
                    String::from_utf8_lossy(value.as_bytes().unwrap_or_default())
                )),
            }
        }
        (_, other) => Some(format!(
            "a {:?} value where rhythm keeps text",
            other.data_type()
        )),
    }
}

impl Store {
    /// One line per stored value rhythm could not read back, as
    /// `table KEY, column: why`.
    pub(super) fn unreadable_values(&self) -> Result<Vec<String>, StoreError> {
        let mut found = Vec::new();
        let times = self.time_columns()?;
        let times = times.iter().map(|(table, key, column)| {
            (table.as_str(), key.as_str(), column.as_str(), Kind::Time)
        });
        let columns = COLUMNS.iter().copied().chain(times);
        let reading = reading_key(&self.conn);
        for (table, key, column, kind) in columns {
            let key = if key == READING_KEY {
                reading.as_str()
            } else {
                key
            };
            let sql = format!("SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL");
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                if let Some(why) = problem(kind, row.get_ref(1)?) {
                    let key: String = row.get(0)?;
                    found.push(format!("{table} {key}, {column}: {why}"));
                }
            }
        }
        Ok(found)
    }

    /// Every column holding a moment, as `(table, key, column)`: named
    /// `*_at` in rhythm's own tables (the operation log's included).
    fn time_columns(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        let columns = self.conn.columns()?;
        let mut found = Vec::new();
        for (table, column, _) in &columns {
            if !column.ends_with("_at") || table.starts_with("sqlite_") {
                continue;
            }
            let key = if table == "reading" {
                reading_key(&self.conn)
            } else {
                // A row is named by its key's first column (its id).
                let first = columns
                    .iter()
                    .find(|(t, _, pk)| t == table && *pk == 1)
                    .map_or("id", |(_, c, _)| c.as_str());
                format!("'#' || \"{first}\"")
            };
            found.push((table.clone(), key, column.clone()));
        }
        found.sort();
        Ok(found)
    }

    /// One line per name that reads as an earlier one of its kind and
    /// scope (`domain::names`), as `table #ID 'name' reads as #ID 'name'`.
    pub(super) fn names_alike(&self) -> Result<Vec<String>, StoreError> {
        let mut found = Vec::new();
        for (table, scope) in [("team", "0"), ("person", "0"), ("measure", "team_id")] {
            let sql = format!("SELECT id, name, {scope} FROM {table} ORDER BY id");
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            let mut seen: HashMap<(i64, String), (i64, String)> = HashMap::new();
            while let Some(row) = rows.next()? {
                let (id, name, scope): (i64, String, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
                match seen.entry((scope, names::key(&name))) {
                    Entry::Occupied(first) => {
                        let (first_id, first_name) = first.get();
                        found.push(format!(
                            "{table} #{id} '{name}' reads as {table} #{first_id} '{first_name}': rename one of them"
                        ));
                    }
                    Entry::Vacant(slot) => {
                        slot.insert((id, name));
                    }
                }
            }
        }
        Ok(found)
    }
}
