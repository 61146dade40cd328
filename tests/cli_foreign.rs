//! A SQLite file that is not rhythm's is never changed, and a file an
//! older rhythm wrote is changed only by a command that writes to it or by
//! `rhythm migrate`, each keeping a backup first; commands that only read
//! say it needs `rhythm migrate` and leave it as it is.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use rhythm::storage::LATEST_VERSION;

use std::os::unix::fs::PermissionsExt;

use common::Sandbox;
use rusqlite::Connection;

/// "RHYT": rhythm's mark in the header of every file it writes.
const RHYTHM_ID: i64 = 0x5248_5954;

fn header(t: &Sandbox, file: &str) -> (i64, i64) {
    let conn = Connection::open(t.path(file)).unwrap();
    let mark = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    (mark, version)
}

fn files(t: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(t.path(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "home")
        .collect();
    names.sort();
    names
}

const EVERY_KIND_OF_COMMAND: &[&str] = &[
    "scorecard",
    "team list",
    "action list",
    "decision list",
    "minutes",
    "export",
    "log",
    "check",
    "follow",
    "record NRR 5",
    "team add Platform",
    "init --team Growth",
    "migrate",
    "undo",
];

#[test]
fn another_programs_database_is_refused_untouched_by_every_command() {
    let t = Sandbox::new();
    // Someone else's file: one with no mark and tables of its own, and one
    // marked by another program whose tables happen to share rhythm's names.
    let others = [
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
         INSERT INTO notes (body) VALUES ('mine');",
        "CREATE TABLE meta (k); CREATE TABLE team (n); CREATE TABLE measure (n);
         CREATE TABLE reading (n); PRAGMA application_id = 42; PRAGMA user_version = 3;",
    ];
    for sql in others {
        let path = t.path("team.db");
        let _ = std::fs::remove_file(&path);
        Connection::open(&path).unwrap().execute_batch(sql).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        for line in EVERY_KIND_OF_COMMAND {
            let run = t.run(&format!("--team Growth {line}"));
            assert_ne!(run.code, 0, "{line}: {run:?}");
            assert!(
                run.stderr.contains("not rhythm's") || run.stderr.contains("another program's"),
                "{line}: {}",
                run.stderr
            );
            assert_eq!(run.stderr.lines().count(), 1, "{line}: {}", run.stderr);
            assert_eq!(
                std::fs::read(&path).unwrap(),
                bytes,
                "{line} changed the file"
            );
            assert_eq!(files(&t), ["team.db"], "{line} left files beside it");
        }
    }
}

#[test]
fn a_new_file_carries_rhythms_mark() {
    let t = Sandbox::new();
    t.ok("init --team Growth");
    assert_eq!(header(&t, "team.db").0, RHYTHM_ID);
    t.ok("backup copy.db");
    assert_eq!(header(&t, "copy.db").0, RHYTHM_ID);
}

/// team.db as the last rhythm without the mark wrote it: schema 8.
fn older_file() -> Sandbox {
    let t = Sandbox::growth();
    t.ok("--team Growth record 'Net revenue retention' 104");
    let conn = Connection::open(t.db()).unwrap();
    conn.execute_batch(
        // As schema 8 left it: no stamp, no brief, no plan, no trigger rules.
        "DROP TABLE flex_draw; DROP TABLE milestone; DROP TABLE initiative_person;
         DROP TABLE initiative; ALTER TABLE team DROP COLUMN flex_share;
         DROP INDEX measure_by_serves; ALTER TABLE measure DROP COLUMN serves_id;
         DROP INDEX action_item_by_serves; ALTER TABLE action_item DROP COLUMN serves_id;
         DROP INDEX offtrack_by_serves; ALTER TABLE offtrack DROP COLUMN serves_id;
         DROP INDEX decision_by_serves; ALTER TABLE decision DROP COLUMN serves_id;
         DROP TABLE trigger_episode; DROP TABLE trigger_rule; ALTER TABLE measure DROP COLUMN rollup;
         DROP TABLE brief_item; ALTER TABLE agenda_section DROP COLUMN section;
         ALTER TABLE meeting_section DROP COLUMN section;
         ALTER TABLE meeting DROP COLUMN missing_at_start;
         ALTER TABLE meeting DROP COLUMN commitments_due;
         ALTER TABLE meeting DROP COLUMN commitments_done;
         PRAGMA application_id = 0; PRAGMA user_version = 8;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    drop(conn);
    t
}

#[test]
fn reading_an_older_file_never_migrates_it() {
    let t = older_file();
    let bytes = std::fs::read(t.db()).unwrap();
    for line in [
        "--team Growth scorecard",
        "team list",
        "--team Growth action list",
        "--team Growth minutes",
        "export",
        "--team Growth log",
        "check",
    ] {
        let err = t.fails(1, line);
        assert!(
            err.contains("schema 8") && err.contains("`rhythm migrate`"),
            "{line}: {err}"
        );
        assert_eq!(
            std::fs::read(t.db()).unwrap(),
            bytes,
            "{line} changed the file"
        );
    }
    assert_eq!(header(&t, "team.db"), (0, 8));
    assert!(
        !files(&t).iter().any(|f| f.ends_with(".bak")),
        "{:?}",
        files(&t)
    );
}

#[test]
fn migrate_keeps_the_file_as_it_was_beside_it() {
    let t = older_file();
    let out = t.ok("migrate");
    assert!(out.contains("team.db.schema-8.bak"), "{out}");
    assert_eq!(
        header(&t, "team.db"),
        (RHYTHM_ID, i64::from(LATEST_VERSION))
    );
    // The backup is the file as it was, as private as the database.
    let kept = t.path("team.db.schema-8.bak");
    assert_eq!(header(&t, "team.db.schema-8.bak"), (0, 8));
    assert_eq!(
        std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let readings: i64 = Connection::open(&kept)
        .unwrap()
        .query_row("SELECT count(*) FROM reading", [], |r| r.get(0))
        .unwrap();
    assert_eq!(readings, 1);
    let card = t.ok("--team Growth scorecard");
    assert!(card.contains("104"), "{card}");
    assert!(
        t.ok("migrate")
            .contains(&format!("is up to date (schema {LATEST_VERSION})"))
    );
}

#[test]
fn a_write_to_an_older_file_migrates_it_after_a_backup() {
    let t = older_file();
    t.ok("--team Growth record 'Net revenue retention' 105");
    assert_eq!(
        header(&t, "team.db"),
        (RHYTHM_ID, i64::from(LATEST_VERSION))
    );
    assert!(t.path("team.db.schema-8.bak").exists(), "{:?}", files(&t));
}

#[test]
fn an_empty_file_is_no_database_and_no_refused_command_fills_it() {
    let t = Sandbox::new();
    std::fs::write(t.path("empty.db"), "").unwrap();
    for command in [
        "scorecard",
        "record M 1",
        "migrate",
        "action list",
        "export --out x.json",
    ] {
        let line = t.raw(&format!("--db empty.db {command}")).fails(1);
        assert_eq!(
            line,
            "error: no rhythm database at 'empty.db': create one with `rhythm init --team NAME`",
            "{command}"
        );
        assert_eq!(
            std::fs::metadata(t.path("empty.db")).unwrap().len(),
            0,
            "{command}"
        );
    }
    // The command that creates a database may fill it.
    t.raw("--db empty.db init --team Growth").ok();
    assert!(t.raw("--db empty.db team list").ok().contains("Growth"));
}
