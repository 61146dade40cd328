//! The few pieces of SQL that SQLite and PostgreSQL spell differently, one
//! function each with both spellings (with `catalog`, the only place that
//! asks which database it is speaking to).

use super::Dialect;

impl Dialect {
    /// `expr` compared and sorted as SQLite's NOCASE does, folding ASCII
    /// letters only: team, person and measure names. PostgreSQL's `lower`
    /// on rhythm's "C"-collated text folds ASCII only too, and its unique
    /// indexes on `lower(name)` keep lookups fast.
    pub fn nocase(self, expr: &str) -> String {
        match self {
            Dialect::Sqlite => format!("{expr} COLLATE NOCASE"),
            Dialect::Pg => format!("lower({expr})"),
        }
    }

    /// The values of the JSON array of text bound to `param`, for
    /// `x IN (…)` filters of any length in one prepared statement.
    pub fn json_texts(self, param: &str) -> String {
        match self {
            Dialect::Sqlite => format!("SELECT value FROM json_each({param})"),
            Dialect::Pg => format!("SELECT json_array_elements_text(CAST({param} AS json))"),
        }
    }

    /// The values of the JSON array of integers bound to `param`, as
    /// `json_texts` for ids.
    pub fn json_ints(self, param: &str) -> String {
        match self {
            Dialect::Sqlite => format!("SELECT value FROM json_each({param})"),
            Dialect::Pg => {
                format!("SELECT CAST(json_array_elements_text(CAST({param} AS json)) AS bigint)")
            }
        }
    }

    /// `expr` as an SQL string literal, for naming a value in a message.
    pub fn quote(self, expr: &str) -> String {
        match self {
            Dialect::Sqlite => format!("quote({expr})"),
            Dialect::Pg => format!("quote_literal({expr})"),
        }
    }

    /// The integer at `path` (`$[0]`, `$.team_id`) of the JSON text `expr`.
    pub fn json_int(self, expr: &str, path: &str) -> String {
        match self {
            Dialect::Sqlite => format!("json_extract({expr}, '{path}')"),
            Dialect::Pg => {
                let step = match path.strip_prefix("$[") {
                    Some(index) => index.trim_end_matches(']').to_string(),
                    None => format!("'{}'", path.trim_start_matches("$.")),
                };
                format!("CAST(CAST({expr} AS json) ->> {step} AS bigint)")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Dialect;

    #[test]
    fn json_paths_read_the_same_element_on_both() {
        assert_eq!(
            Dialect::Sqlite.json_int("key", "$[0]"),
            "json_extract(key, '$[0]')"
        );
        assert_eq!(
            Dialect::Pg.json_int("key", "$[0]"),
            "CAST(CAST(key AS json) ->> 0 AS bigint)"
        );
        assert_eq!(
            Dialect::Pg.json_int("after", "$.team_id"),
            "CAST(CAST(after AS json) ->> 'team_id' AS bigint)"
        );
    }
}
