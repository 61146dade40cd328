//! What a database holds, asked in each database's own words: its schema
//! version, its tables and rhythm's mark, and the columns of every table.
//! One of the two places (with `dialect`) where the SQL of the two
//! databases differs.

use super::{Db, Dialect, OptionalExtension, Result};

/// rhythm's mark ("RHYT"): SQLite keeps it as the file's application id,
/// PostgreSQL as the one row of the table `rhythm_schema`.
pub const MARK: i64 = 0x5248_5954;

/// The table that holds rhythm's mark and schema version on PostgreSQL,
/// where there is no header to keep them in.
pub const VERSION_TABLE: &str = "rhythm_schema";

/// What `Db::identity` finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub version: u32,
    pub tables: Vec<String>,
    pub mark: i64,
}

impl Db {
    /// The schema version (0 for a database with no rhythm schema yet).
    pub fn schema_version(&self) -> Result<u32> {
        match self.dialect() {
            Dialect::Sqlite => self.query_row("PRAGMA user_version", [], |r| r.get(0)),
            Dialect::Pg if self.has_version_table()? => {
                self.query_row("SELECT version FROM rhythm_schema", [], |r| r.get(0))
            }
            Dialect::Pg => Ok(0),
        }
    }

    /// Records the schema version, inside the migration's transaction.
    pub fn set_schema_version(&self, version: u32) -> Result<()> {
        match self.dialect() {
            Dialect::Sqlite => self.execute_batch(&format!("PRAGMA user_version = {version}")),
            Dialect::Pg => {
                self.execute_batch(
                    "CREATE TABLE IF NOT EXISTS rhythm_schema (
                         mark    TEXT NOT NULL CHECK (mark = 'RHYT'),
                         version BIGINT NOT NULL
                     )",
                )?;
                self.execute_batch(&format!(
                    "DELETE FROM rhythm_schema; INSERT INTO rhythm_schema VALUES ('RHYT', {version})"
                ))
            }
        }
    }

    /// Asked by name, through the catalog's index: every open asks.
    fn has_version_table(&self) -> Result<bool> {
        self.query_row(
            "SELECT to_regclass(format('%I.rhythm_schema', current_schema())) IS NOT NULL",
            [],
            |r| r.get(0),
        )
    }

    /// What a database is, asked once as it opens: its schema version, its
    /// tables and rhythm's mark (0 when it has none). On PostgreSQL a
    /// marked schema's tables are not listed (the mark alone decides, and
    /// listing them scans the catalog): only its mark's table.
    pub fn identity(&self) -> Result<Identity> {
        if self.dialect() == Dialect::Pg && self.has_version_table()? {
            let (version, marked) = self
                .query_row(
                    "SELECT version, mark = 'RHYT' FROM rhythm_schema",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .unwrap_or((0, false));
            return Ok(Identity {
                version,
                tables: vec![VERSION_TABLE.to_string()],
                mark: if marked { MARK } else { 0 },
            });
        }
        let sql = match self.dialect() {
            Dialect::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table'",
            // Another program's views, sequences and foreign tables count
            // as its tables: a schema holding any is not rhythm's to fill.
            Dialect::Pg => {
                "SELECT relname::text FROM pg_class
                 WHERE relnamespace = current_schema()::regnamespace
                   AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
            }
        };
        let tables = self
            .prepare(sql)?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>>>()?;
        let (version, mark) = match self.dialect() {
            Dialect::Sqlite => (
                self.schema_version()?,
                self.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            ),
            Dialect::Pg => (0, 0),
        };
        Ok(Identity {
            version,
            tables,
            mark,
        })
    }

    /// Every column of every table, as (table, column, place in the
    /// primary key from 1, or 0), tables in the order they were made and
    /// columns in their order.
    pub fn columns(&self) -> Result<Vec<(String, String, i64)>> {
        let sql = match self.dialect() {
            Dialect::Sqlite => {
                "SELECT m.name, p.name, p.pk FROM sqlite_schema m, pragma_table_info(m.name) p
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                 ORDER BY m.rowid, p.cid"
            }
            Dialect::Pg => {
                "SELECT c.relname::text, a.attname::text,
                        coalesce(array_position(i.indkey::int2[], a.attnum) + 1, 0)::bigint
                 FROM pg_class c
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
                 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                 ORDER BY c.oid, a.attnum"
            }
        };
        self.prepare(sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect()
    }

    /// The tables with a foreign key to `table`, and the column holding it.
    pub fn foreign_keys_to(&self, table: &str) -> Result<Vec<(String, String)>> {
        let sql = match self.dialect() {
            Dialect::Sqlite => {
                "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
                 WHERE m.type = 'table' AND f.\"table\" = ?1"
            }
            Dialect::Pg => {
                "SELECT ch.relname::text, a.attname::text
                 FROM pg_constraint k
                 JOIN pg_class ch ON ch.oid = k.conrelid
                 JOIN pg_class p ON p.oid = k.confrelid
                 JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
                 WHERE k.contype = 'f' AND p.relname = CAST(?1 AS text)
                   AND p.relnamespace = current_schema()::regnamespace
                 ORDER BY ch.oid, a.attnum"
            }
        };
        self.prepare_cached(sql)?
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect()
    }

    /// Foreign keys are checked when the transaction commits, not at each
    /// statement: undo puts rows back in the log's order, not the links'.
    pub fn defer_foreign_keys(&self) -> Result<()> {
        self.execute_batch(match self.dialect() {
            Dialect::Sqlite => "PRAGMA defer_foreign_keys = ON",
            Dialect::Pg => "SET CONSTRAINTS ALL DEFERRED",
        })
    }
}
