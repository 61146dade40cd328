//! The SQLite side of `Db`: opening a file, binding our values and reading
//! rusqlite's.

use std::borrow::Cow;
use std::path::Path;

use rusqlite::backup::{Backup, StepResult};

use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef as SqlRef};
use rusqlite::{Connection, OpenFlags};

use super::{Access, Error, Params, Result, ToSql, Value, ValueRef};

pub(super) fn open(path: &Path, access: Access) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match access {
        Access::ReadWrite => {
            Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_READ_WRITE)
        }
        Access::ReadOnly => {
            Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_READ_ONLY)
        }
        Access::Immutable => {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            let flags = flags | OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
            Connection::open_with_flags(uri, flags)
        }
    }
}

/// Copies the database `conn` has open into the empty file at `to` with
/// SQLite's online backup. One step copies every page inside one read
/// transaction, so the copy is the database as of one commit however much
/// others write meanwhile, and it keeps the header (rhythm's mark, the
/// schema version). The copy is written with no journal and no sync of its
/// own: it is a new file under a temporary name, which the caller syncs and
/// names only when whole, and removes otherwise.
pub(super) fn backup(conn: &Connection, to: &Path) -> rusqlite::Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_READ_WRITE;
    let mut copy = Connection::open_with_flags(to, flags)?;
    copy.query_row("PRAGMA journal_mode = OFF", [], |_| Ok(()))?;
    copy.execute_batch("PRAGMA synchronous = OFF")?;
    {
        let backup = Backup::new(conn, &mut copy)?;
        // -1: every page in one step. The source's busy timeout has already
        // been waited out when a step answers busy or locked.
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => continue,
                // Busy or locked.
                _ => {
                    return Err(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        None,
                    ));
                }
            }
        }
    }
    copy.close().map_err(|(_, e)| e)
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

/// Binds every parameter, refusing a count the statement does not have.
pub(super) fn bind(stmt: &mut rusqlite::Statement<'_>, params: &impl Params) -> Result<()> {
    let expected = stmt.parameter_count();
    if expected != params.count() {
        return Err(Error::ParameterCount {
            expected,
            given: params.count(),
        });
    }
    for i in 0..params.count() {
        stmt.raw_bind_parameter(i + 1, Bind(params.at(i)))?;
    }
    Ok(())
}

struct Bind<'a>(&'a dyn ToSql);

impl rusqlite::ToSql for Bind<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0.to_sql() {
            Value::Null => ToSqlOutput::Owned(SqlValue::Null),
            Value::Int(i) => ToSqlOutput::Owned(SqlValue::Integer(i)),
            Value::Real(f) => ToSqlOutput::Owned(SqlValue::Real(f)),
            Value::Text(Cow::Borrowed(s)) => ToSqlOutput::Borrowed(SqlRef::Text(s.as_bytes())),
            Value::Text(Cow::Owned(s)) => ToSqlOutput::Owned(SqlValue::Text(s)),
        })
    }
}

pub(super) fn value_ref(v: SqlRef<'_>) -> ValueRef<'_> {
    match v {
        SqlRef::Null => ValueRef::Null,
        SqlRef::Integer(i) => ValueRef::Int(i),
        SqlRef::Real(f) => ValueRef::Real(f),
        SqlRef::Text(t) => ValueRef::Text(t),
        SqlRef::Blob(b) => ValueRef::Blob(b),
    }
}

pub(super) fn column_name(row: &rusqlite::Row<'_>, i: usize) -> String {
    row.as_ref()
        .column_name(i)
        .map(str::to_string)
        .unwrap_or_default()
}
