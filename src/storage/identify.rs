//! What a file is, told without changing it: empty, not SQLite, someone
//! else's SQLite database, or rhythm's. `check` asks before it opens a file
//! (opening brings a schema up to date, which would write rhythm's tables
//! into an empty or foreign file and then find it healthy), and every file
//! rhythm writes asks before replacing one (`files::Guard`).

use std::path::Path;

use crate::storage::db::{self, Access, Db};

use super::Store;
use crate::files::Guard;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No bytes at all: what a failed or interrupted write can leave.
    Empty,
    NotSqlite,
    /// Another program's SQLite database (see `is_ours`).
    OtherSqlite,
    Rhythm,
}

/// Tables every rhythm database has held since its first schema.
const RHYTHM_TABLES: &[&str] = &["meta", "team", "measure", "reading"];

/// rhythm's mark in a database's header (`PRAGMA application_id`): "RHYT"
/// in ASCII. Every file from schema 9 on carries it (migration 0009).
pub const APPLICATION_ID: i64 = db::MARK;

/// The first schema whose files carry `APPLICATION_ID`.
const MARKED_FROM: u32 = 9;

/// Whether an open database with these tables, this header mark and this
/// schema version is rhythm's: marked as rhythm's, or from before the mark
/// with rhythm's tables. An empty file (no tables, no mark) is nobody's
/// yet, and becomes rhythm's.
pub(super) fn is_ours(tables: &[String], mark: i64, version: u32) -> bool {
    match mark {
        APPLICATION_ID => true,
        0 if tables.is_empty() => version == 0,
        0 => version > 0 && version < MARKED_FROM && has_rhythm_tables(tables),
        _ => false,
    }
}

fn has_rhythm_tables(tables: &[String]) -> bool {
    RHYTHM_TABLES.iter().all(|t| tables.iter().any(|n| n == t))
}

/// What the file at `path` holds. Reading it writes nothing, not even
/// SQLite's companion files where there are none.
pub fn file_kind(path: &Path) -> std::io::Result<FileKind> {
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    // Until a checkpoint, a new database's pages may all be in its log.
    let logged = Path::new(&wal).exists();
    if std::fs::metadata(path)?.len() == 0 && !logged {
        return Ok(FileKind::Empty);
    }
    let Ok((names, mark, version)) = header(path, logged) else {
        return Ok(FileKind::NotSqlite);
    };
    Ok(if !names.is_empty() && is_ours(&names, mark, version) {
        FileKind::Rhythm
    } else {
        FileKind::OtherSqlite
    })
}

/// Whether `path` is a rhythm database: what `files::Guard` asks.
pub fn is_rhythm_database(path: &Path) -> bool {
    matches!(file_kind(path), Ok(FileKind::Rhythm))
}

impl Store {
    /// What a file written while this store is open must never replace:
    /// this database, its companions and any other rhythm database.
    pub fn guard(&self) -> Guard {
        Guard::new(self.path(), is_rhythm_database)
    }
}

/// The file's tables, header mark and schema version, read without a lock.
fn header(path: &Path, logged: bool) -> db::Result<(Vec<String>, i64, u32)> {
    // With a log beside it, part of the schema may still be in the log, so
    // SQLite reads both. Without one, the file is all there is: read it as
    // immutable, which takes no lock and creates no companion files.
    let conn = Db::open_file(
        path,
        if logged {
            Access::ReadOnly
        } else {
            Access::Immutable
        },
    )?;
    let found = conn.identity()?;
    Ok((found.tables, found.mark, found.version))
}
