//! One write door: no code outside the apply module and the operation log
//! writes to the database, so every write is a checked `Change` recorded in
//! the log. Read from the source itself, so a new writer elsewhere fails.

use std::path::{Path, PathBuf};

/// Where writing SQL may live: the door, the log (undo replays images),
/// the schema's own steps, and the connection layer that carries them.
const WRITERS: &[&str] = &[
    "storage/apply/",
    "storage/oplog/",
    "storage/migrate.rs",
    "storage/db/",
];

/// The only home of the database drivers (the store's tests aside).
const DRIVERS: &str = "storage/db/";

/// Writes that change no record, one per file: the pragmas every open sets.
/// (A backup is written by SQLite's online backup in `storage/db/`, into a
/// new file, not by SQL.)
const HARMLESS: &[(&str, &str)] = &[("storage/mod.rs", "PRAGMA synchronous = FULL")];

const WRITES: &[&str] = &[
    "INSERT INTO",
    "INSERT OR",
    "DELETE FROM",
    "REPLACE INTO",
    "execute_batch(",
    ".execute(",
];

pub(super) fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_apply_module_and_the_log_write() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let name = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if name.starts_with("storage/tests/") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            name.starts_with(DRIVERS)
                || !text.contains("use rusqlite") && !text.contains("rusqlite::"),
            "{name} uses rusqlite: only {DRIVERS} may"
        );
        if WRITERS.iter().any(|w| name.starts_with(w)) {
            continue;
        }
        let allowed: Vec<&str> = HARMLESS
            .iter()
            .filter(|(f, _)| *f == name)
            .map(|(_, s)| *s)
            .collect();
        for (n, line) in text.lines().enumerate() {
            let upper = line.to_ascii_uppercase();
            let writes = WRITES.iter().any(|w| line.contains(w) || upper.contains(w))
                || (upper.contains("UPDATE ") && upper.contains(" SET "));
            if writes && !line.trim_start().starts_with("//") {
                // A harmless write is allowed within a few lines of its marker.
                let near = text
                    .lines()
                    .skip(n.saturating_sub(2))
                    .take(5)
                    .any(|l| allowed.iter().any(|a| l.contains(a)));
                if !near {
                    found.push(format!("{name}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "writes outside the door:\n{}",
        found.join("\n")
    );
}
