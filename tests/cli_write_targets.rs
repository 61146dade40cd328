//! A file rhythm writes never replaces the database, its companions or
//! another rhythm database, however the path names it; and a write that
//! fails half way leaves nothing behind, so it can simply be run again.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::{Run, Sandbox, TODAY};

/// Every command that writes a file the user names; `{}` is the path.
const WRITERS: &[&str] = &[
    "export --out {}",
    "export --team Growth --out {}",
    "export-readings --team Growth --out {}",
    "export-readings --team Growth --form long --out {}",
    "minutes --team Growth --out {}",
    "minutes --team Growth --format json --out {}",
    "minutes --team Growth --format html --out {}",
    "report --teams Growth --out {}",
    "backup {}",
];

/// The names in the sandbox's folder, hidden ones included.
fn names(t: &Sandbox) -> BTreeSet<String> {
    std::fs::read_dir(t.path("."))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// A demo database, a link to it, a folder to walk through and another
/// rhythm database beside it.
fn sandbox() -> Sandbox {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    std::os::unix::fs::symlink(t.db(), t.path("link.db")).unwrap();
    std::os::unix::fs::symlink("team.db-wal", t.path("wal-link")).unwrap();
    std::fs::create_dir(t.path("sub")).unwrap();
    t.ok("backup other.db");
    t
}

#[cfg(unix)]
#[test]
fn no_command_writes_over_the_database_however_it_is_named() {
    let t = sandbox();
    let absolute = t.db().display().to_string();
    let targets = [
        "team.db",
        "./team.db",
        absolute.as_str(),
        "sub/../team.db",
        "link.db",
        // The log exists while the command has the database open, and is
        // gone after: both are refused, by the file or by its name.
        "team.db-wal",
        "./team.db-shm",
        "wal-link",
        "team.db-journal",
        "other.db",
        // Another database's log would be taken for one when it is next opened.
        "other.db-wal",
        "./other.db-shm",
    ];
    let db_bytes = std::fs::read(t.db()).unwrap();
    let other_bytes = std::fs::read(t.path("other.db")).unwrap();
    let digest = t.digest();
    let before = names(&t);
    for writer in WRITERS {
        for target in targets {
            let line = writer.replace("{}", target);
            let said = t.fails(1, &line);
            // A backup refuses every file that is there, the database too.
            let refused = [
                format!("error: cannot write '{target}': it is "),
                format!("error: could not write '{target}': it is "),
                format!("error: '{target}' already exists: choose a new file"),
            ];
            assert!(
                refused.iter().any(|r| said.starts_with(r.as_str())),
                "{line}: {said}"
            );
            assert_eq!(names(&t), before, "{line} left a file behind");
        }
    }
    // The ADR export takes a folder, and a database is not one.
    for target in targets {
        let said = t.fails(1, &format!("decision export --team Growth --adr {target}"));
        assert!(said.contains(&format!("'{target}'")), "{said}");
    }
    assert_eq!(names(&t), before);
    assert_eq!(std::fs::read(t.db()).unwrap(), db_bytes);
    assert_eq!(std::fs::read(t.path("other.db")).unwrap(), other_bytes);
    assert_eq!(t.digest(), digest);
    assert_eq!(
        t.fails(1, "export --out ./team.db"),
        "error: could not write './team.db': it is the database itself: choose another file"
    );
    assert_eq!(
        t.fails(1, "export-readings --team Growth --out other.db"),
        "error: cannot write 'other.db': it is a rhythm database: choose another file"
    );
    // Any other file is still written.
    for writer in WRITERS {
        t.ok(&writer.replace("{}", "sub/out"));
        std::fs::remove_file(t.path("sub/out")).unwrap();
    }
}

/// `ARGS` with `--db team.db` in front, unless they name a database.
fn db_first(args: &str) -> String {
    if args.starts_with("--db ") {
        args.to_string()
    } else {
        format!("--db team.db {args}")
    }
}

/// `rhythm --db team.db ARGS` (or the `--db` they give) in the sandbox, with writes past `kib`
/// kibibytes of any file failing as they do on a full disk.
fn with_file_limit(t: &Sandbox, kib: u32, args: &str) -> Run {
    // The shell's `ulimit -f` counts blocks of 512 bytes; ignoring SIGXFSZ
    // turns the limit into a failed write instead of a killed process.
    let script = format!("ulimit -f {}; trap '' XFSZ; exec \"$0\" \"$@\"", kib * 2);
    let out = Command::new("sh")
        .current_dir(t.path("."))
        .env_remove("RHYTHM_DB")
        .env("RHYTHM_NOW", TODAY)
        .env("HOME", t.path("home"))
        .env("XDG_DATA_HOME", t.data_home())
        .env("NO_COLOR", "1")
        .args(["-c", &script, env!("CARGO_BIN_EXE_rhythm")])
        .args(common::shell_words(&db_first(args)))
        .output()
        .unwrap();
    Run {
        command: args.to_string(),
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[cfg(unix)]
#[test]
fn a_backup_or_export_that_fails_half_way_leaves_nothing_and_can_be_run_again() {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    // The demo's copy and its export are several times the limit; opening
    // the database writes nothing near it.
    for (line, file) in [
        ("backup bk.db", "bk.db"),
        ("export --out all.json", "all.json"),
    ] {
        let before = names(&t);
        let said = with_file_limit(&t, 64, line).fails(1);
        assert!(said.contains(&format!("'{file}'")), "{said}");
        assert_eq!(names(&t), before, "{line} left a file behind: {said}");
        t.ok(line);
    }
    assert_eq!(
        with_file_limit(&t, 64, "backup bk2.db").fails(1),
        "error: cannot write the backup 'bk2.db' (disk I/O error): nothing was written"
    );
    assert_eq!(t.raw("--db bk.db export").ok(), t.ok("export"));
    assert_eq!(
        std::fs::read_to_string(t.path("all.json")).unwrap(),
        t.ok("export")
    );
}

#[test]
fn check_never_finds_an_empty_or_foreign_file_healthy_and_nothing_changes_it() {
    let t = Sandbox::new();
    std::fs::write(t.path("empty.db"), "").unwrap();
    let foreign = t.path("theirs.db");
    // Someone else's database, made the way any program using SQLite would.
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    let theirs = std::fs::read(&foreign).unwrap();
    let before = names(&t);
    assert_eq!(
        t.raw("--db empty.db check").fails(1),
        "error: 'empty.db' is not a rhythm database (it is empty): check the --db path; the file was left untouched"
    );
    assert_eq!(
        t.raw("--db theirs.db check").fails(1),
        "error: 'theirs.db' is not a rhythm database (it is another program's SQLite database): check the --db path; the file was left untouched"
    );
    // No other command takes it for a database to bring up to date either.
    for line in [
        "--db theirs.db scorecard",
        "--db theirs.db init --team Growth",
        "--db theirs.db action add Call --owner Ana",
    ] {
        assert_eq!(
            t.raw(line).fails(1),
            "error: 'theirs.db' is a SQLite database, but not rhythm's: it was left as it is; check the --db path",
            "{line}"
        );
    }
    assert_eq!(std::fs::read(t.path("empty.db")).unwrap(), b"");
    assert_eq!(std::fs::read(&foreign).unwrap(), theirs);
    assert_eq!(names(&t), before);
}

#[cfg(unix)]
#[test]
fn a_new_database_that_cannot_be_written_whole_is_not_left_behind() {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    t.ok("export --out all.json");
    let before = names(&t);
    for line in [
        "--db new.db init --team Growth",
        "--db new.db import all.json",
    ] {
        // The schema alone is several times the limit.
        let said = with_file_limit(&t, 64, line).fails(1);
        assert!(
            said.starts_with("error: could not create 'new.db' (")
                && said.ends_with("): nothing was left behind"),
            "{said}"
        );
        assert_eq!(names(&t), before, "{line} left a file behind");
    }
    t.raw("--db new.db import all.json").ok();
    assert_eq!(t.raw("--db new.db export").ok(), t.ok("export"));
}

#[test]
fn no_command_writes_over_another_programs_sqlite_file() {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    let theirs = t.path("theirs.sqlite");
    rusqlite::Connection::open(&theirs)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let before = std::fs::read(&theirs).unwrap();
    for command in [
        "export --out theirs.sqlite",
        "export-readings --team Growth --out theirs.sqlite",
        "report --out theirs.sqlite",
        "minutes --team Growth --out theirs.sqlite",
    ] {
        let line = t.fails(1, command);
        assert!(
            line.contains("it is another program's SQLite database: choose another file"),
            "{command}: {line}"
        );
    }
    assert_eq!(std::fs::read(&theirs).unwrap(), before);
}
