//! The SQLite side of `Db`: opening a file, binding our values and reading
//! rusqlite's.

use std::borrow::Cow;
use std::path::Path;

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
