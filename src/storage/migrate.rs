//! The schema's history: numbered, append-only migrations with
//! `PRAGMA user_version` as the cursor, each applied in its own transaction.

use rusqlite::{Connection, TransactionBehavior};

/// In order; never edit or reorder one that has shipped, only append.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_minutes.sql"),
    include_str!("migrations/0003_uids.sql"),
    include_str!("migrations/0004_screen_indexes.sql"),
    include_str!("migrations/0005_operation_log.sql"),
];

/// The first version with the operation log: from it on, every step ends
/// by reinstalling the log's triggers, so they always match the tables.
const LOG_VERSION: u32 = 5;

pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

pub fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the schema to `LATEST_VERSION`. The version is read again inside
/// each transaction so two processes opening an old file at once do not both
/// run the same step.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    // The common case, an up-to-date file, takes no write lock at all, so
    // opening never waits on another process's transaction.
    if user_version(conn)? >= LATEST_VERSION {
        return Ok(());
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        let Some(sql) = MIGRATIONS.get(version as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        if version + 1 >= LOG_VERSION {
            super::oplog::schema::install(&tx)?;
        }
        tx.execute_batch(&format!("PRAGMA user_version = {}", version + 1))?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_to_latest_and_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(tables >= 10, "{tables} tables");
    }

    #[test]
    fn a_failing_step_leaves_the_version_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE team (x)").unwrap();
        assert!(migrate(&mut conn).is_err());
        assert_eq!(user_version(&conn).unwrap(), 0);
    }
}
