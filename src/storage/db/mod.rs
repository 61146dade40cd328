//! The store's one connection to a database, and the only home of the
//! database drivers. The rest of the store writes one SQL text per
//! statement, with numbered parameters (`?1`), and reads rows through
//! `Row::get` into the types of `value`: no driver type leaves this module.
//! Its calls keep the names and shapes of rusqlite's, which the store was
//! first written against.

mod catalog;
mod dialect;
mod error;
mod pg;
mod pg_connect;
mod pg_tls;
mod sqlite;
mod value;

use std::path::Path;
use std::time::Duration;

use crate::pg_url::PgUrl;
use crate::pg_url::password::Credentials;

pub use catalog::{MARK, VERSION_TABLE};
pub use error::{Error, ErrorKind, OptionalExtension, Result};
#[cfg(test)]
pub use value::Owned;
pub use value::{FromSql, FromSqlError, FromSqlResult, ToSql, Value, ValueRef};

/// A database connection.
pub struct Db {
    backend: Backend,
}

enum Backend {
    Sqlite(rusqlite::Connection),
    Pg(Box<pg::Conn>),
}

/// Which SQL a connection speaks, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Pg,
}

/// How a file is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly,
    /// Read as a file nobody is writing: takes no lock and creates no
    /// companion files (for looking at a file that may not be rhythm's).
    Immutable,
}

/// How a transaction begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Begin {
    /// Reads first, takes the write lock at its first write.
    Deferred,
    /// Takes the write lock at once: one writer at a time, and every read
    /// inside sees the latest commit.
    Immediate,
}

impl Db {
    pub fn open_file(path: &Path, access: Access) -> Result<Db> {
        Ok(Db {
            backend: Backend::Sqlite(sqlite::open(path, access)?),
        })
    }

    pub fn open_in_memory() -> Result<Db> {
        Ok(Db {
            backend: Backend::Sqlite(rusqlite::Connection::open_in_memory()?),
        })
    }

    /// Connects to the PostgreSQL server `url` names, as `credentials`' user.
    pub fn connect(url: &PgUrl, credentials: &Credentials) -> Result<Db> {
        Ok(Db {
            backend: Backend::Pg(Box::new({
                let conn = pg::connect(url, credentials)?;
                conn.listen()?;
                conn
            })),
        })
    }

    pub fn dialect(&self) -> Dialect {
        match self.backend {
            Backend::Sqlite(_) => Dialect::Sqlite,
            Backend::Pg(_) => Dialect::Pg,
        }
    }

    /// A statement parsed for this call only.
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        let inner = match &self.backend {
            Backend::Sqlite(c) => StatementInner::Plain(c.prepare(sql)?),
            Backend::Pg(c) => StatementInner::Pg(c, c.prepare(sql, false)?),
        };
        Ok(Statement { inner })
    }

    /// A statement from the connection's cache, parsed once.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        let inner = match &self.backend {
            Backend::Sqlite(c) => StatementInner::Cached(c.prepare_cached(sql)?),
            Backend::Pg(c) => StatementInner::Pg(c, c.prepare(sql, true)?),
        };
        Ok(Statement { inner })
    }

    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        self.prepare(sql)?.execute(params)
    }

    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.prepare(sql)?.query_row(params, f)
    }

    /// Statements separated by semicolons, with no parameters and no rows.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Backend::Pg(c) => c.batch(sql),
        }
    }

    /// Begins a transaction, which rolls back unless committed. An
    /// immediate one is the only writer of the database until it ends: on
    /// PostgreSQL it holds the database's writer lock, so every write sees
    /// the one before it as SQLite's do.
    pub fn transaction(&self, begin: Begin) -> Result<Tx<'_>> {
        match &self.backend {
            Backend::Sqlite(c) => c.execute_batch(match begin {
                Begin::Deferred => "BEGIN DEFERRED",
                Begin::Immediate => "BEGIN IMMEDIATE",
            })?,
            Backend::Pg(c) => c.begin(begin)?,
        }
        Ok(Tx {
            db: self,
            open: true,
            writes: begin == Begin::Immediate,
        })
    }

    /// A number that changes whenever another connection commits a write:
    /// SQLite's `data_version`, or on PostgreSQL the writers' notices
    /// heard so far.
    pub fn data_version(&self) -> Result<i64> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.query_row("PRAGMA data_version", [], |r| r.get(0))?),
            Backend::Pg(c) => c.changes_seen(),
        }
    }

    /// How long a write waits for another connection's write lock.
    pub fn busy_timeout(&self, wait: Duration) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.busy_timeout(wait)?),
            Backend::Pg(c) => c.batch(&format!("SET lock_timeout = {}", wait.as_millis())),
        }
    }

    /// How many prepared statements the cache keeps.
    pub fn set_statement_cache(&self, capacity: usize) {
        if let Backend::Sqlite(c) = &self.backend {
            c.set_prepared_statement_cache_capacity(capacity);
        }
    }

    /// Whether the connection can only read.
    pub fn is_read_only(&self) -> Result<bool> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.is_readonly(rusqlite::MAIN_DB)?),
            Backend::Pg(_) => self.query_row(
                "SELECT current_setting('transaction_read_only') = 'on'",
                [],
                |r| r.get(0),
            ),
        }
    }

    /// Closes the connection, reporting what closing found (SQLite
    /// checkpoints its log and removes its companion files).
    pub fn close(self) -> Result<()> {
        match self.backend {
            Backend::Sqlite(c) => c.close().map_err(|(_, e)| e.into()),
            Backend::Pg(c) => Ok(c.client.into_inner().close()?),
        }
    }

    /// The driver's connection, for the store's SQLite-only tests (query
    /// plans, files written by other programs).
    #[cfg(test)]
    pub fn sqlite(&self) -> &rusqlite::Connection {
        match &self.backend {
            Backend::Sqlite(c) => c,
            Backend::Pg(_) => panic!("not a SQLite connection"),
        }
    }
}

/// An open transaction on `Db`, which it derefs to. Dropped without
/// `commit`, it rolls back.
pub struct Tx<'db> {
    db: &'db Db,
    open: bool,
    /// A writer's transaction, whose commit other connections hear of.
    writes: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        match &self.db.backend {
            Backend::Sqlite(c) => Ok(c.execute_batch("COMMIT")?),
            Backend::Pg(c) => c.commit(self.writes),
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            // A rollback that fails leaves the connection to end the
            // transaction when it closes; there is nothing more to do here.
            let _ = self.db.execute_batch("ROLLBACK");
        }
    }
}

/// Parameters for a statement: `[a, b]`, `params![a, b]` or `[]`.
pub trait Params {
    fn count(&self) -> usize;
    fn at(&self, i: usize) -> &dyn ToSql;
}

impl Params for [&dyn ToSql; 0] {
    fn count(&self) -> usize {
        0
    }
    fn at(&self, i: usize) -> &dyn ToSql {
        self[i]
    }
}

impl Params for &[&dyn ToSql] {
    fn count(&self) -> usize {
        self.len()
    }
    fn at(&self, i: usize) -> &dyn ToSql {
        self[i]
    }
}

macro_rules! array_params {
    ($($n:literal)+) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn count(&self) -> usize {
                $n
            }
            fn at(&self, i: usize) -> &dyn ToSql {
                &self[i]
            }
        }
    )+};
}
array_params!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

/// Parameters of any types, in order: `params![id, name, now]`.
macro_rules! params {
    () => {
        &[] as &[&dyn $crate::storage::db::ToSql]
    };
    ($($p:expr),+ $(,)?) => {
        &[$(&$p as &dyn $crate::storage::db::ToSql),+] as &[&dyn $crate::storage::db::ToSql]
    };
}
pub(crate) use params;

/// A prepared statement.
pub struct Statement<'db> {
    inner: StatementInner<'db>,
}

enum StatementInner<'db> {
    Plain(rusqlite::Statement<'db>),
    Cached(rusqlite::CachedStatement<'db>),
    Pg(&'db pg::Conn, postgres::Statement),
}

impl<'db> Statement<'db> {
    /// Runs a statement that returns no rows; gives the rows it changed.
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        let stmt = match &mut self.inner {
            StatementInner::Plain(s) => s,
            StatementInner::Cached(s) => &mut **s,
            StatementInner::Pg(c, s) => return c.execute(s, &params),
        };
        sqlite::bind(stmt, &params)?;
        Ok(stmt.raw_execute()?)
    }

    pub fn query(&mut self, params: impl Params) -> Result<Rows<'_>> {
        let stmt = match &mut self.inner {
            StatementInner::Plain(s) => s,
            StatementInner::Cached(s) => &mut **s,
            StatementInner::Pg(c, s) => {
                return Ok(Rows {
                    inner: RowsInner::Pg(c.query(s, &params)?.into_iter()),
                    current: None,
                });
            }
        };
        sqlite::bind(stmt, &params)?;
        Ok(Rows {
            inner: RowsInner::Sqlite(stmt.raw_query()),
            current: None,
        })
    }

    /// The rows, each read by `f`, as they are stepped through.
    pub fn query_map<T, F: FnMut(&Row<'_>) -> Result<T>>(
        &mut self,
        params: impl Params,
        f: F,
    ) -> Result<MappedRows<'_, F>> {
        Ok(MappedRows {
            rows: self.query(params)?,
            f,
        })
    }

    /// The first row read by `f`; `Error::NoRows` when there is none.
    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        match self.query(params)?.next()? {
            Some(row) => f(&row),
            None => Err(Error::NoRows),
        }
    }

    #[cfg(test)]
    pub fn column_count(&mut self) -> usize {
        match &self.inner {
            StatementInner::Plain(s) => s.column_count(),
            StatementInner::Cached(s) => s.column_count(),
            StatementInner::Pg(_, s) => s.columns().len(),
        }
    }
}

/// The rows of a query, stepped through one at a time. PostgreSQL's are
/// all fetched when the query runs.
pub struct Rows<'stmt> {
    inner: RowsInner<'stmt>,
    current: Option<postgres::Row>,
}

enum RowsInner<'stmt> {
    Sqlite(rusqlite::Rows<'stmt>),
    Pg(std::vec::IntoIter<postgres::Row>),
}

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)] // a row borrows the cursor, as rusqlite's does
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match &mut self.inner {
            RowsInner::Sqlite(rows) => Ok(rows.next()?.map(|r| Row {
                inner: RowInner::Sqlite(r),
            })),
            RowsInner::Pg(rows) => {
                self.current = rows.next();
                Ok(self.current.as_ref().map(|r| Row {
                    inner: RowInner::Pg(r),
                }))
            }
        }
    }
}

/// The rows of `Statement::query_map`.
pub struct MappedRows<'stmt, F> {
    rows: Rows<'stmt>,
    f: F,
}

impl<T, F: FnMut(&Row<'_>) -> Result<T>> Iterator for MappedRows<'_, F> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(row)) => Some((self.f)(&row)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// One row of a query's result.
pub struct Row<'a> {
    inner: RowInner<'a>,
}

enum RowInner<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Pg(&'a postgres::Row),
}

/// How a column is named in `Row::get`: by its position.
pub trait ColumnIndex {
    fn position(&self) -> usize;
}

impl ColumnIndex for usize {
    fn position(&self) -> usize {
        *self
    }
}

impl Row<'_> {
    /// The column at `idx` read as `T`.
    pub fn get<I: ColumnIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let i = idx.position();
        let value = self.get_ref(i)?;
        T::from_sql(value).map_err(|error| Error::Conversion {
            column: i,
            name: match self.inner {
                RowInner::Sqlite(r) => sqlite::column_name(r, i),
                RowInner::Pg(r) => r
                    .columns()
                    .get(i)
                    .map(|c| c.name().to_string())
                    .unwrap_or_default(),
            },
            error,
        })
    }

    /// The column at `idx` as stored.
    pub fn get_ref(&self, idx: usize) -> Result<ValueRef<'_>> {
        match self.inner {
            RowInner::Sqlite(r) => Ok(sqlite::value_ref(r.get_ref(idx)?)),
            RowInner::Pg(r) => pg::value_ref(r, idx),
        }
    }
}
