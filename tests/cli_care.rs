//! `rhythm backup` and `rhythm check`: a consistent copy while others
//! write, and a clear report on a damaged file.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::process::Command;

use common::Sandbox;

#[test]
fn backup_is_a_faithful_copy_and_check_passes() {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    assert_eq!(
        t.ok("backup copy.db"),
        "Backed up to copy.db (restore by using it as --db, or copying it back)\n"
    );
    assert_eq!(t.raw("--db copy.db export").ok(), t.ok("export"));
    assert_eq!(
        t.raw("--db copy.db check").ok(),
        "copy.db: integrity ok, every link between records ok\n"
    );
    assert_eq!(
        t.fails(1, "backup copy.db"),
        "error: 'copy.db' already exists: choose a new file for the backup"
    );
    assert_eq!(
        t.fails(1, "backup nowhere/copy.db"),
        "error: the folder 'nowhere' does not exist: create it first"
    );
}

#[test]
fn backup_while_another_process_writes_is_consistent() {
    let t = Sandbox::growth();
    let bin = env!("CARGO_BIN_EXE_rhythm");
    let db = t.db();
    let writer = std::thread::spawn(move || {
        for i in 0..40 {
            let status = Command::new(bin)
                .env_remove("RHYTHM_DB")
                .env("RHYTHM_NOW", common::TODAY)
                .args(["--db".as_ref(), db.as_os_str()])
                .args(["action", "add", &format!("Task {i}"), "--owner", "Ana"])
                .output()
                .unwrap();
            assert!(status.status.success(), "{status:?}");
        }
    });
    for n in 0..5 {
        let name = format!("copy{n}.db");
        t.ok(&format!("backup {name}"));
        let check = t.raw(&format!("--db {name} check")).ok();
        assert!(
            check.ends_with("integrity ok, every link between records ok\n"),
            "{check}"
        );
    }
    writer.join().unwrap();
    let list = t.ok("action list --json");
    assert_eq!(common::json(&list).as_array().unwrap().len(), 40);
}

#[test]
fn check_reports_a_damaged_file_in_one_line() {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    let path = t.db();
    let mut bytes = std::fs::read(&path).unwrap();
    // Scribble over pages in the middle of the file, past the header.
    let len = bytes.len();
    for b in &mut bytes[len / 2..len / 2 + 8192] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let run = t.run("check");
    assert_eq!(run.code, 1, "{run:?}");
    let last = run.stderr.lines().last().unwrap();
    assert!(
        last.starts_with("error: 'team.db' ")
            && (last.contains(" problem") || last.contains("not a rhythm database")),
        "{last}"
    );
}
