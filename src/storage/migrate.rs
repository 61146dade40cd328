//! The schema's history: numbered, append-only migrations with
//! `PRAGMA user_version` as the cursor, each applied in its own transaction.

use crate::storage::db::{self, Begin, Db, Dialect, OptionalExtension};

/// In order; never edit or reorder one that has shipped, only append.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_minutes.sql"),
    include_str!("migrations/0003_uids.sql"),
    include_str!("migrations/0004_screen_indexes.sql"),
    include_str!("migrations/0005_operation_log.sql"),
    include_str!("migrations/0006_withdrawn.sql"),
    include_str!("migrations/0007_meeting_driver.sql"),
    include_str!("migrations/0008_review_week.sql"),
    include_str!("migrations/0009_application_id.sql"),
    include_str!("migrations/0010_brief.sql"),
    include_str!("migrations/0011_plan.sql"),
    include_str!("migrations/0012_triggers.sql"),
    include_str!("migrations/0013_agenda_kinds.sql"),
    include_str!("migrations/0014_meeting_health.sql"),
];

/// The first version with the operation log: from it on, every step ends
/// by dropping the log's triggers that versions before kept in the file
/// (they are each writing connection's own now: `oplog::schema::install`).
const LOG_VERSION: u32 = 5;

pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

pub fn user_version(conn: &Db) -> db::Result<u32> {
    conn.schema_version()
}

/// PostgreSQL databases begin at this version, in one step that makes the
/// schema SQLite files reached by then; later steps come in pairs, one per
/// database, under the same number.
pub const PG_BASELINE_VERSION: u32 = 9;
const PG_BASELINE: &str = include_str!("migrations/pg/0009_baseline.sql");

/// The server's steps after its baseline, under the file's numbers:
/// `PG_STEPS[i]` makes schema `PG_BASELINE_VERSION + 1 + i` there as
/// `MIGRATIONS` does in a file.
const PG_STEPS: &[&str] = &[
    include_str!("migrations/pg/0010_brief.sql"),
    include_str!("migrations/pg/0011_plan.sql"),
    include_str!("migrations/pg/0012_triggers.sql"),
    include_str!("migrations/pg/0013_agenda_kinds.sql"),
    include_str!("migrations/pg/0014_meeting_health.sql"),
];

// One number, one schema: a file step without its server pair (or the
// other way round) does not build.
const _: () = assert!(PG_BASELINE_VERSION as usize + PG_STEPS.len() == MIGRATIONS.len());

/// Brings the schema from `version` (as the open just read it) to
/// `LATEST_VERSION`. The version is read again inside each transaction so
/// two processes opening an old file at once do not both run the same step.
///
/// Foreign keys are off while the steps run, as SQLite asks for a step that
/// rebuilds a table (dropping the old one must not touch the rows that point
/// at it); each step checks every foreign key before it commits instead.
pub fn migrate(conn: &Db, version: u32) -> db::Result<()> {
    // The common case, an up-to-date file, takes no write lock at all, so
    // opening never waits on another process's transaction.
    if version >= LATEST_VERSION {
        return Ok(());
    }
    if conn.dialect() == Dialect::Pg {
        return migrate_pg(conn);
    }
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let result = run_steps(conn);
    conn.execute_batch(if enforced {
        "PRAGMA foreign_keys = ON"
    } else {
        "PRAGMA foreign_keys = OFF"
    })?;
    result
}

fn run_steps(conn: &Db) -> db::Result<()> {
    loop {
        let tx = conn.transaction(Begin::Immediate)?;
        let version = user_version(&tx)?;
        let Some(sql) = MIGRATIONS.get(version as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        let broken: Option<String> = tx
            .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
            .optional()?;
        if let Some(table) = broken {
            return Err(db::Error::Message(format!(
                "schema step {} left a broken link in the table {table}",
                version + 1
            )));
        }
        if version + 1 >= LOG_VERSION {
            super::oplog::schema::drop_stored(&tx)?;
        }
        tx.set_schema_version(version + 1)?;
        tx.commit()?;
    }
}

/// Sets up a fresh PostgreSQL database, or brings an older one up, under
/// the writer lock, reading the version again inside (another process may
/// have just done it), with the operation log's triggers, which PostgreSQL
/// keeps in the database (made again for every table, new ones included).
/// DDL is transactional there: all the steps are one, and a failure leaves
/// nothing.
fn migrate_pg(conn: &Db) -> db::Result<()> {
    let tx = conn.transaction(Begin::Immediate)?;
    let mut version = user_version(&tx)?;
    if version >= LATEST_VERSION {
        return tx.commit();
    }
    if version == 0 {
        tx.execute_batch(PG_BASELINE)?;
        version = PG_BASELINE_VERSION;
    }
    while version < LATEST_VERSION {
        let step = (version - PG_BASELINE_VERSION) as usize;
        let Some(sql) = PG_STEPS.get(step) else {
            return Err(db::Error::Message(format!(
                "the server's schema {version} has no next step"
            )));
        };
        tx.execute_batch(sql)?;
        version += 1;
    }
    tx.set_schema_version(version)?;
    let tables = super::oplog::schema::tables(&tx)?;
    tx.execute_batch(&super::oplog::schema_pg::install_sql(&tables))?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_to_latest_and_idempotent() {
        let conn = crate::storage::db::Db::open_in_memory().unwrap();
        migrate(&conn, user_version(&conn).unwrap()).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
        migrate(&conn, user_version(&conn).unwrap()).unwrap();
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
        let conn = crate::storage::db::Db::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE team (x)").unwrap();
        assert!(migrate(&conn, 0).is_err());
        assert_eq!(user_version(&conn).unwrap(), 0);
    }

    #[test]
    fn the_decision_rebuild_keeps_rows_links_indexes_and_the_uid_trigger() {
        let conn = crate::storage::db::Db::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        for sql in &MIGRATIONS[..4] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 4;
             INSERT INTO team (id, name, created_at) VALUES (1, 'Growth', 't');
             INSERT INTO decision (id, team_id, title, lane, state, created_at, updated_at)
                 VALUES (1, 1, 'Old', 'autonomy', 'superseded', 't', 't');
             INSERT INTO decision (id, team_id, title, lane, state, supersedes_id, created_at,
                     updated_at)
                 VALUES (2, 1, 'New', 'autonomy', 'made', 1, 't', 't');",
        )
        .unwrap();
        let uids = |c: &Db| -> Vec<(i64, String, Option<i64>)> {
            c.prepare("SELECT id, uid, supersedes_id FROM decision ORDER BY id")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let before = uids(&conn);
        migrate(&conn, user_version(&conn).unwrap()).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
        assert_eq!(uids(&conn), before);
        let on: bool = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(on, "foreign keys are enforced again after migrating");
        conn.execute(
            "INSERT INTO decision (team_id, title, lane, state, created_at, updated_at)
             VALUES (1, 'Gone', 'autonomy', 'withdrawn', 't', 't')",
            [],
        )
        .unwrap();
        let uid: Option<String> = conn
            .query_row("SELECT uid FROM decision WHERE title = 'Gone'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(uid.map(|u| u.len()), Some(32));
        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'decision'
                 AND name IN ('decision_by_supersedes', 'decision_by_meeting',
                              'decision_by_team_made', 'decision_uid')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 4);
        assert!(
            conn.execute("UPDATE decision SET supersedes_id = 99 WHERE id = 2", [])
                .is_err(),
            "the link to the superseded decision is still a foreign key"
        );
    }

    #[test]
    fn teams_made_before_the_review_setting_review_the_week_they_meet_in() {
        let conn = crate::storage::db::Db::open_in_memory().unwrap();
        let step = MIGRATIONS
            .iter()
            .position(|m| m.contains("ADD COLUMN review"))
            .unwrap();
        for sql in &MIGRATIONS[..step] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(&format!(
            "PRAGMA user_version = {step};
             INSERT INTO team (id, name, created_at) VALUES (1, 'Growth', 't');"
        ))
        .unwrap();
        migrate(&conn, user_version(&conn).unwrap()).unwrap();
        let review: String = conn
            .query_row("SELECT review FROM team WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(review, "current");
        assert!(
            conn.execute("UPDATE team SET review = 'someday' WHERE id = 1", [])
                .is_err(),
            "only current or previous is stored"
        );
    }
}
