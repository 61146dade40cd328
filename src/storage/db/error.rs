//! What the database said, kept whole for the message and sorted into the
//! few kinds the store words for people (busy, damaged, full, read-only).

use super::value::FromSqlError;

#[derive(Debug)]
pub enum Error {
    Sqlite(rusqlite::Error),
    Pg(postgres::Error),
    /// A query that must find one row found none.
    NoRows,
    /// A column's value could not be read as the type asked for.
    Conversion {
        column: usize,
        name: String,
        error: FromSqlError,
    },
    /// A statement was given a different number of parameters than it has.
    ParameterCount {
        expected: usize,
        given: usize,
    },
    /// Said by rhythm itself: a step of the schema that would break it.
    Message(String),
    /// The connection went while a transaction was open: the server
    /// dropped it, and nothing of it is carried over to a new connection.
    LostMidWrite,
    /// A server that answered and would not let us in (a wrong password
    /// or user, no such database), in its own words.
    Refused(String),
}

/// The kinds of failure the store words for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Another connection holds the write lock: nothing was written.
    Busy,
    /// The server undid the transaction for another's sake (a
    /// serialization failure, a deadlock): nothing of it was kept, and
    /// running it again is how such a failure is met.
    Retry,
    /// Not a database at all, or not one rhythm can open.
    NotADatabase,
    Corrupt,
    DiskFull,
    ReadOnly,
    /// The file could not be opened (permissions, a missing folder).
    CannotOpen,
    /// The file system failed a read or a write.
    Io,
    /// The server's connection went away (the next call connects again).
    Lost,
    /// The server answered connecting, and said no.
    Refused,
    NoRows,
    Other,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn kind(&self) -> ErrorKind {
        use rusqlite::ErrorCode as C;
        match self {
            Error::Sqlite(e) => match e.sqlite_error_code() {
                Some(C::DatabaseBusy | C::DatabaseLocked) => ErrorKind::Busy,
                Some(C::NotADatabase) => ErrorKind::NotADatabase,
                Some(C::DatabaseCorrupt) => ErrorKind::Corrupt,
                Some(C::DiskFull) => ErrorKind::DiskFull,
                Some(C::ReadOnly) => ErrorKind::ReadOnly,
                Some(C::CannotOpen | C::PermissionDenied) => ErrorKind::CannotOpen,
                Some(C::SystemIoFailure) => ErrorKind::Io,
                _ if matches!(e, rusqlite::Error::QueryReturnedNoRows) => ErrorKind::NoRows,
                _ => ErrorKind::Other,
            },
            Error::Pg(e) => super::pg::kind(e),
            Error::NoRows => ErrorKind::NoRows,
            Error::LostMidWrite => ErrorKind::Lost,
            Error::Refused(_) => ErrorKind::Refused,
            _ => ErrorKind::Other,
        }
    }

    /// A column read that failed, for row mappers that parse what they read.
    pub fn conversion(column: usize, error: impl std::fmt::Display) -> Error {
        Error::Conversion {
            column,
            name: String::new(),
            error: FromSqlError::other(error),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Sqlite(e) => e.fmt(f),
            Error::Pg(e) => match e.as_db_error() {
                Some(db) => match db.detail() {
                    Some(detail) => write!(f, "{} ({detail})", db.message()),
                    None => f.write_str(db.message()),
                },
                None => e.fmt(f),
            },
            Error::NoRows => f.write_str("the query found no row"),
            Error::Conversion {
                column,
                name,
                error,
            } if name.is_empty() => write!(f, "column {column}: {error}"),
            Error::Conversion { name, error, .. } => write!(f, "column {name}: {error}"),
            Error::ParameterCount { expected, given } => write!(
                f,
                "a statement with {expected} parameters was given {given}"
            ),
            Error::Message(m) | Error::Refused(m) => f.write_str(m),
            Error::LostMidWrite => f.write_str(
                "the connection to the PostgreSQL server was lost in the middle of a write: none of it was saved; try again",
            ),
        }
    }
}

impl std::error::Error for Error {}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        Error::Pg(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            e => Error::Sqlite(e),
        }
    }
}

/// `Option` for a query that may find no row, as rusqlite's own extension.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
