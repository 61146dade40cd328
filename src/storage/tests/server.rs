//! A PostgreSQL database is opened by the same rules as a file: a fresh one
//! is set up only by a command that creates, another program's tables and a
//! newer rhythm's schema are refused untouched, and the schema made there
//! is SQLite's, table for table and column for column.

use super::backend::{admin, credentials, fresh_url, on_pg};
use super::*;

/// The schema a test's URL names (see `backend::fresh_url`).
fn schema_of(url: &crate::pg_url::PgUrl) -> String {
    url.options
        .as_deref()
        .and_then(|o| o.strip_prefix("-csearch_path="))
        .unwrap()
        .to_string()
}

/// The tables of the schema `url` names.
fn tables_of(url: &crate::pg_url::PgUrl) -> Vec<String> {
    let schema = schema_of(url);
    admin()
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = $1 ORDER BY 1",
            &[&schema],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn open(url: &crate::pg_url::PgUrl, mode: OpenMode) -> Result<Store, StoreError> {
    Store::connect(url, &credentials(url), mode)
}

#[test]
fn a_fresh_database_is_set_up_only_by_a_command_that_creates() {
    let Some(_on) = on_pg() else {
        return;
    };
    let url = fresh_url();
    for mode in [OpenMode::MustExist, OpenMode::Read, OpenMode::ReadOnly] {
        let e = open(&url, mode).err().unwrap();
        assert!(matches!(e, StoreError::MissingServer(_)), "{mode:?}: {e}");
        assert!(
            e.to_string()
                .contains("create it with `rhythm init --team NAME`")
        );
    }
    assert_eq!(tables_of(&url), Vec::<String>::new());
    let s = open(&url, OpenMode::Create).unwrap();
    assert!(s.created());
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    drop(s);
    let again = open(&url, OpenMode::MustExist).unwrap();
    assert!(!again.created());
}

#[test]
fn another_programs_tables_and_a_newer_schema_are_refused_untouched() {
    let Some(_on) = on_pg() else {
        return;
    };
    let url = fresh_url();
    let schema = schema_of(&url);
    admin()
        .batch_execute(&format!(
            "CREATE TABLE {schema}.invoices (id bigint, total numeric)"
        ))
        .unwrap();
    for mode in [OpenMode::Create, OpenMode::MustExist, OpenMode::Read] {
        let e = open(&url, mode).err().unwrap();
        assert!(matches!(e, StoreError::ForeignServer(_)), "{mode:?}: {e}");
        assert!(
            e.to_string().contains("holds tables that are not rhythm's"),
            "{e}"
        );
    }
    assert_eq!(tables_of(&url), vec!["invoices".to_string()]);

    // A view or a sequence alone is another program's too.
    for thing in ["VIEW v AS SELECT 1", "SEQUENCE counter"] {
        let url = fresh_url();
        let schema = schema_of(&url);
        admin()
            .batch_execute(&format!("SET search_path = {schema}; CREATE {thing}"))
            .unwrap();
        let e = open(&url, OpenMode::Create).err().unwrap();
        assert!(matches!(e, StoreError::ForeignServer(_)), "{thing}: {e}");
    }
    // A search path naming no schema is one line, not a crash.
    let url = crate::pg_url::PgUrl::parse(&format!(
        "{}?options=-csearch_path%3Dno_such_schema_here",
        std::env::var(backend::ENV).unwrap()
    ))
    .unwrap();
    let e = open(&url, OpenMode::Create).err().unwrap();
    assert!(
        e.to_string()
            .contains("no schema of the search path exists"),
        "{e}"
    );

    let url = fresh_url();
    drop(open(&url, OpenMode::Create).unwrap());
    let schema = schema_of(&url);
    admin()
        .batch_execute(&format!("UPDATE {schema}.rhythm_schema SET version = 99"))
        .unwrap();
    let before = tables_of(&url);
    for mode in [OpenMode::Create, OpenMode::MustExist, OpenMode::Read] {
        let e = open(&url, mode).err().unwrap();
        assert!(
            matches!(e, StoreError::TooNew { found: 99, .. }),
            "{mode:?}: {e}"
        );
    }
    assert_eq!(tables_of(&url), before);

    // A version below the server's first, set by hand, is not taken for
    // one `migrate` could bring up (it has no step from there): every open
    // refuses it in one line and leaves it.
    admin()
        .batch_execute(&format!("UPDATE {schema}.rhythm_schema SET version = 8"))
        .unwrap();
    for mode in [
        OpenMode::Create,
        OpenMode::MustExist,
        OpenMode::Read,
        OpenMode::ReadOnly,
    ] {
        let e = open(&url, mode).err().unwrap();
        assert!(
            matches!(e, StoreError::NotOurVersion { found: 8, .. }),
            "{mode:?}: {e}"
        );
        assert!(e.to_string().contains("never makes on a server"), "{e}");
    }
    assert_eq!(tables_of(&url), before);
}

#[test]
fn the_schema_on_a_server_is_sqlites_table_for_table_and_column_for_column() {
    let Some(_on) = on_pg() else {
        return;
    };
    let sqlite = Store::open_in_memory().unwrap();
    let url = fresh_url();
    let pg = open(&url, OpenMode::Create).unwrap();
    let shape = |s: &Store| {
        let mut columns = s.conn.columns().unwrap();
        columns.retain(|(t, _, _)| t != crate::storage::db::VERSION_TABLE);
        columns.sort_by(|a, b| a.0.cmp(&b.0));
        columns
    };
    assert_eq!(shape(&sqlite), shape(&pg));
    let fks = |s: &Store, t: &str| {
        let mut f = s.conn.foreign_keys_to(t).unwrap();
        f.sort();
        f
    };
    for table in [
        "team",
        "person",
        "measure",
        "meeting",
        "decision",
        "operation",
    ] {
        assert_eq!(fks(&sqlite, table), fks(&pg, table), "links to {table}");
    }
}

/// A server that drops the connection (a restart, a network that blinked)
/// costs no call: a read outside a transaction connects again, listens
/// again, and counts as news so an open screen reloads what it may have
/// missed. A write is never half carried over to the new connection.
#[test]
fn a_dropped_connection_is_made_again_on_the_next_call() {
    let Some(_on) = on_pg() else {
        return;
    };
    let url = fresh_url();
    let mut s = open(&url, OpenMode::Create).unwrap();
    s.set_busy_wait(std::time::Duration::from_millis(300))
        .unwrap();
    add_team(&mut s, "Growth");
    let pid: i64 = s
        .conn
        .query_row("SELECT pg_backend_pid()", [], |r| r.get(0))
        .unwrap();
    let seen = s.data_version().unwrap();
    let mut admin = admin();
    admin
        .execute("SELECT pg_terminate_backend($1::int)", &[&(pid as i32)])
        .unwrap();
    let gone = std::time::Instant::now();
    while admin
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int",
            &[&(pid as i32)],
        )
        .unwrap()
        .get::<_, i64>(0)
        > 0
        && gone.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // The first read after meets the ended session, and reads again over
    // a new one.
    assert_eq!(s.teams().unwrap().len(), 1);
    let again: i64 = s
        .conn
        .query_row("SELECT pg_backend_pid()", [], |r| r.get(0))
        .unwrap();
    assert_ne!(again, pid, "a new server process");
    assert_ne!(s.data_version().unwrap(), seen, "news for an open screen");
    add_team(&mut s, "Platform");
    assert_eq!(s.teams().unwrap().len(), 2);
    // The session's settings came along: a write waits 300 ms, not 10 s.
    let wait: String = s
        .conn
        .query_row("SHOW lock_timeout", [], |r| r.get(0))
        .unwrap();
    assert_eq!(wait, "300ms");
}

/// Makes the schema's next `fails` inserts into `team` fail with `how`
/// (PL/pgSQL run before each), counting every try in the sequence `tries`,
/// which no rollback takes back.
fn make_team_inserts_fail(url: &crate::pg_url::PgUrl, fails: i64, how: &str) {
    let schema = schema_of(url);
    admin()
        .batch_execute(&format!(
            "SET search_path = {schema};
             CREATE SEQUENCE tries;
             CREATE FUNCTION flaky() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
                 IF nextval('tries') <= {fails} THEN {how}; END IF;
                 RETURN NEW;
             END $$;
             CREATE TRIGGER flaky BEFORE INSERT ON team
                 FOR EACH ROW EXECUTE FUNCTION flaky();"
        ))
        .unwrap();
}

fn tries(url: &crate::pg_url::PgUrl) -> i64 {
    let schema = schema_of(url);
    admin()
        .query_one(&format!("SELECT last_value FROM {schema}.tries"), &[])
        .unwrap()
        .get(0)
}

/// The server undoing a write for another's sake (a serialization failure,
/// a deadlock) is met by running the whole write again: the user sees it
/// kept, once, as one operation of the log.
#[test]
fn a_write_the_server_undid_is_run_again_whole() {
    let Some(_on) = on_pg() else {
        return;
    };
    let url = fresh_url();
    let mut s = open(&url, OpenMode::Create).unwrap();
    let ops = |s: &Store| s.operations(None, 100).unwrap().len();
    let before = ops(&s);
    make_team_inserts_fail(
        &url,
        2,
        "RAISE EXCEPTION 'made to fail' USING ERRCODE = '40001'",
    );
    add_team(&mut s, "Growth");
    assert_eq!(tries(&url), 3);
    assert_eq!(s.teams().unwrap().len(), 1);
    assert_eq!(ops(&s), before + 1);
}

/// A write undone every time is tried a bounded number of times and then
/// said to be busy, in the words a screen keeps a write for; none of it
/// is kept.
#[test]
fn a_write_undone_every_time_gives_up_and_says_busy() {
    let Some(_on) = on_pg() else {
        return;
    };
    let url = fresh_url();
    let mut s = open(&url, OpenMode::Create).unwrap();
    make_team_inserts_fail(
        &url,
        1000,
        "RAISE EXCEPTION 'made to fail' USING ERRCODE = '40P01'",
    );
    let e = s
        .apply_one(
            &Change::AddTeam {
                name: "Growth".into(),
            },
            now(),
        )
        .unwrap_err();
    assert!(matches!(e, StoreError::Busy), "{e}");
    assert_eq!(tries(&url), i64::from(crate::storage::again::TRIES));
    assert!(s.teams().unwrap().is_empty());
}

/// The connection lost in the middle of a write (here the server ends the
/// session from inside it) lost the transaction with it: the write is run
/// again over a new connection and kept once.
#[test]
fn a_write_whose_connection_went_is_run_again_on_a_new_one() {
    let Some(_on) = on_pg() else {
        return;
    };
    let url = fresh_url();
    let mut s = open(&url, OpenMode::Create).unwrap();
    let pid: i64 = s
        .conn
        .query_row("SELECT pg_backend_pid()", [], |r| r.get(0))
        .unwrap();
    make_team_inserts_fail(&url, 1, "PERFORM pg_terminate_backend(pg_backend_pid())");
    add_team(&mut s, "Growth");
    assert_eq!(tries(&url), 2);
    assert_eq!(s.teams().unwrap().len(), 1);
    let again: i64 = s
        .conn
        .query_row("SELECT pg_backend_pid()", [], |r| r.get(0))
        .unwrap();
    assert_ne!(again, pid, "a new server process");
}

/// The server's clock is read to judge this machine's by (see
/// `driver::clock_warning`); here they are one machine's and agree. A file
/// has no clock of its own.
#[test]
fn the_servers_clock_is_read_and_a_file_has_none() {
    assert_eq!(
        Store::open_in_memory().unwrap().server_time().unwrap(),
        None
    );
    let Some(_on) = on_pg() else {
        return;
    };
    let s = open(&fresh_url(), OpenMode::Create).unwrap();
    let here = crate::clock::Clock::read().unwrap().typed;
    let server = s.server_time().unwrap().unwrap();
    assert!(
        (server - here).num_milliseconds().abs() < 2000,
        "{server} {here}"
    );
}

/// A server's database a rhythm of the baseline's time set up is brought
/// up by the steps after it, with the log's triggers on the new tables; a
/// command that only reads asks for `migrate` and leaves it.
#[test]
fn a_server_at_the_baseline_is_brought_up_step_by_step() {
    let Some(_on) = on_pg() else {
        return;
    };
    let url = fresh_url();
    drop(open(&url, OpenMode::Create).unwrap());
    let schema = schema_of(&url);
    admin()
        .batch_execute(&format!(
            "SET search_path = {schema};
             DROP TABLE flex_draw, milestone, initiative_person, initiative;
             DROP FUNCTION flex_draw_fill(), milestone_fill(), initiative_fill();
             DROP FUNCTION oplog_flex_draw(), oplog_milestone(), oplog_initiative_person(),
                 oplog_initiative();
             ALTER TABLE team DROP COLUMN flex_share;
             ALTER TABLE measure DROP COLUMN serves_id; ALTER TABLE action_item DROP COLUMN serves_id;
             ALTER TABLE offtrack DROP COLUMN serves_id; ALTER TABLE decision DROP COLUMN serves_id;
             DROP TABLE trigger_episode; DROP FUNCTION trigger_episode_fill();
             DROP FUNCTION oplog_trigger_episode();
             DROP TABLE trigger_rule; DROP FUNCTION trigger_rule_fill(); DROP FUNCTION oplog_trigger_rule();
             ALTER TABLE measure DROP COLUMN rollup;
             DROP TABLE brief_item; DROP FUNCTION brief_item_fill(); DROP FUNCTION oplog_brief_item();
             ALTER TABLE agenda_section DROP COLUMN section;
             ALTER TABLE meeting DROP COLUMN missing_at_start;
             ALTER TABLE meeting DROP COLUMN commitments_due;
             ALTER TABLE meeting DROP COLUMN commitments_done;
             ALTER TABLE meeting_section DROP COLUMN section;
             UPDATE rhythm_schema SET version = {}",
            crate::storage::migrate::PG_BASELINE_VERSION
        ))
        .unwrap();
    let e = open(&url, OpenMode::Read).err().unwrap();
    assert!(
        matches!(e, StoreError::NeedsMigrate { server: true, .. }),
        "{e}"
    );
    assert!(!tables_of(&url).contains(&"brief_item".to_string()));
    let s = open(&url, OpenMode::MustExist).unwrap();
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    assert!(tables_of(&url).contains(&"brief_item".to_string()));
    for table in ["brief_item", "trigger_rule", "trigger_episode"] {
        assert!(tables_of(&url).contains(&table.to_string()), "{table}");
        let logged: i64 = admin()
            .query_one(
                "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                 WHERE c.relname::text = $2::text AND t.tgname::text = 'oplog_' || $2::text
                   AND c.relnamespace = $1::text::regnamespace",
                &[&schema, &table],
            )
            .unwrap()
            .get(0);
        assert_eq!(logged, 1, "{table}");
    }
}
