//! Every file rhythm writes for the user (minutes, exports, decision
//! records, CSV, backups) is readable by its owner only, like the database,
//! and minutes never replace another meeting's file.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::Sandbox;

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn exports_backups_records_and_minutes_are_private() {
    let t = Sandbox::growth();
    t.ok("record 'Net revenue retention' 108");
    t.ok("decision add 'Pricing' --chosen 'annual only'");
    t.ok("export --out all.json");
    t.ok("export-readings --out readings.csv");
    t.ok("backup copy.db");
    t.ok("decision export --adr adr");
    t.start_meeting("2026-11-25T10:00:00Z");
    let minutes = written(&t, &t.ok("meeting end"));
    let adr = std::fs::read_dir(t.path("adr"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    for file in [
        t.path("all.json"),
        t.path("readings.csv"),
        t.path("copy.db"),
        adr,
        minutes,
    ] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    // And so are the folders rhythm creates for them.
    t.raw("init --team Growth").ok();
    t.ok("man --out-dir pages");
    for dir in [
        t.path("adr"),
        t.path("minutes"),
        t.data_home().join("rhythm"),
        t.path("pages"),
    ] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
    // Nothing half-written is left behind.
    let hidden: Vec<_> = std::fs::read_dir(t.path("."))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".partial"))
        .collect();
    assert_eq!(hidden, Vec::<String>::new());
}

/// The file `meeting end` said it wrote (relative to the sandbox).
fn written(t: &Sandbox, said: &str) -> PathBuf {
    t.path(said.trim_end().rsplit(' ').next().unwrap())
        .canonicalize()
        .unwrap()
}

#[test]
fn minutes_of_databases_sharing_a_folder_never_replace_each_other() {
    let t = Sandbox::growth();
    t.start_meeting("2026-11-25T10:00:00Z");
    // Copies of the file in the same folder hold the same meeting.
    t.ok("backup other.db");
    t.ok("backup third.db");
    let ours = written(&t, &t.ok("meeting end"));
    let name = Path::new(&ours)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    // The team, the week and the start of the meeting's stable id.
    assert!(
        name.starts_with("growth-2026-W48-") && name.len() == "growth-2026-W48-".len() + 11,
        "{name}"
    );
    let next = |n: u32| {
        t.path("minutes")
            .canonicalize()
            .unwrap()
            .join(name.replace(".md", &format!("-{n}.md")))
    };
    let theirs = written(&t, &t.raw("--db other.db meeting end").ok());
    assert_eq!(theirs, next(2));
    // A file someone wrote by hand under the next name is left alone too.
    std::fs::write(next(3), "my own notes\n").unwrap();
    let third = written(&t, &t.raw("--db third.db meeting end").ok());
    assert_eq!(third, next(4));

    assert_eq!(std::fs::read_to_string(next(3)).unwrap(), "my own notes\n");
    for (file, db) in [
        (&ours, "team.db"),
        (&theirs, "other.db"),
        (&third, "third.db"),
    ] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.starts_with("# Growth — weekly review 2026-W48\n"),
            "{text}"
        );
        assert!(text.ends_with(&format!(" in {db} -->\n")), "{text}");
    }
}
