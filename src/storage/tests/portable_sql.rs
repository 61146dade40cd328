//! SQL that means the same on every database rhythm is to speak: the
//! statements avoid SQLite's own dialect where a standard form exists, so
//! one text serves SQLite and PostgreSQL alike. Read from the source, so a
//! new statement in the old dialect fails here, not when the second
//! database arrives. What cannot be said the same way (pragmas, the
//! catalog, the operation log's triggers) stays in the files listed.

use std::path::Path;

use super::door::sources;

/// SQLite's own words, and what to write instead.
const DIALECT: &[(&str, &str)] = &[
    (
        "last_insert_rowid",
        "INSERT … RETURNING id (Writer::insert)",
    ),
    (
        "OR IGNORE",
        "ON CONFLICT DO NOTHING, or a NOT EXISTS condition",
    ),
    ("OR REPLACE", "ON CONFLICT … DO UPDATE"),
    ("IS NOT ?", "IS DISTINCT FROM ?"),
];

/// Files whose SQL is SQLite's by nature until the second database
/// gives each statement its second text.
const SQLITE_ONLY: &[&str] = &[
    "storage/migrate.rs",
    "storage/identify.rs",
    "storage/maintenance.rs",
    "storage/readback.rs",
    "storage/oplog/schema.rs",
    "storage/oplog/replay.rs",
    // PostgreSQL's own: the log's triggers and the catalog's questions.
    "storage/oplog/schema_pg.rs",
];

/// A parameter standing alone where its type cannot be inferred:
/// `?1 IS NULL` (write `CAST(?1 AS BIGINT) IS NULL`) and `WHEN ?1 THEN`
/// or `(?1 OR` (write `?1 != 0`).
fn untyped_parameter(line: &str) -> bool {
    let param =
        |s: &str| s.len() > 1 && s.starts_with('?') && s[1..].bytes().all(|b| b.is_ascii_digit());
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).any(|w| {
        let alone = |s: &str| param(s.trim_start_matches('('));
        (alone(w[0]) && w[1] == "IS" && w[2] == "NULL")
            || (w[0] == "WHEN" && param(w[1]) && w[2] == "THEN")
            // A truth value: `(?2 OR …`; a parameter compared is typed.
            || (w[0].starts_with('(') && alone(w[0]) && w[1] == "OR")
    })
}

#[test]
fn statements_are_written_in_sql_every_database_reads() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src.join("storage"), &mut files);
    let mut found = Vec::new();
    for file in files {
        let name = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if name.starts_with("storage/tests/") || SQLITE_ONLY.contains(&name.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (word, instead) in DIALECT {
                if line.contains(word) {
                    found.push(format!("{name}:{}: {word} (write {instead})", n + 1));
                }
            }
            if untyped_parameter(line) {
                found.push(format!(
                    "{name}:{}: a parameter of unknown type: {}",
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "SQLite's own dialect:\n{}",
        found.join("\n")
    );
}

#[test]
fn an_untyped_parameter_is_seen() {
    assert!(untyped_parameter("WHERE ?1 IS NULL OR id = ?1"));
    assert!(untyped_parameter("CASE WHEN ?5 THEN ?4 END"));
    assert!(untyped_parameter("AND (?2 OR m.archived = 0)"));
    assert!(!untyped_parameter(
        "WHERE CAST(?1 AS BIGINT) IS NULL OR id = ?1"
    ));
    assert!(!untyped_parameter("CASE WHEN ?5 != 0 THEN ?4 END"));
    assert!(!untyped_parameter("WHERE note IS NULL"));
    assert!(!untyped_parameter("WHERE team = ?1 OR other = ?1"));
}
