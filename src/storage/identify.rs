//! What a file is, told without changing it: empty, not SQLite, someone
//! else's SQLite database, or rhythm's. `check` asks before it opens a file
//! (opening brings a schema up to date, which would write rhythm's tables
//! into an empty or foreign file and then find it healthy), and every file
//! rhythm writes asks before replacing one (`files::Guard`).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::files::Guard;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No bytes at all: what a failed or interrupted write can leave.
    Empty,
    NotSqlite,
    /// A SQLite database without rhythm's tables.
    OtherSqlite,
    Rhythm,
}

/// Tables every rhythm database has held since its first schema.
const RHYTHM_TABLES: &[&str] = &["meta", "team", "measure", "reading"];

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
    let Ok(names) = tables(path, logged) else {
        return Ok(FileKind::NotSqlite);
    };
    let ours = RHYTHM_TABLES.iter().all(|t| names.iter().any(|n| n == t));
    Ok(if ours {
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

/// Whether the open database holds any table at all.
pub(super) fn has_tables(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')",
        [],
        |r| r.get(0),
    )
}

fn tables(path: &Path, logged: bool) -> rusqlite::Result<Vec<String>> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    // With a log beside it, part of the schema may still be in the log, so
    // SQLite reads both. Without one, the file is all there is: read it as
    // immutable, which takes no lock and creates no companion files.
    let conn = if logged {
        Connection::open_with_flags(path, flags)?
    } else {
        let uri = format!("file:{}?immutable=1", uri_path(path));
        Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?
    };
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    names.collect()
}

/// `path` for a `file:` URI: every byte but the plain ones percent-encoded,
/// so names with `?`, `#` or `%` open the file they name.
fn uri_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    let mut out = String::new();
    for b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
