//! The store's one connection to a database, and the only home of the
//! database drivers. The rest of the store writes one SQL text per
//! statement, with numbered parameters (`?1`), and reads rows through
//! `Row::get` into the types of `value`: no driver type leaves this module.
//! Its calls keep the names and shapes of rusqlite's, which the store was
//! first written against.

mod catalog;
mod dialect;
mod error;
mod params;
mod pg;
mod pg_connect;
mod pg_tls;
mod sqlite;
mod statement;
mod value;

use std::path::Path;
use std::time::Duration;

use crate::pg_url::PgUrl;
use crate::pg_url::password::Credentials;

pub use catalog::{MARK, VERSION_TABLE};
pub use error::{Error, ErrorKind, OptionalExtension, Result};
pub use params::Params;
pub(crate) use params::params;
use statement::StatementInner;
pub use statement::{Row, Statement};
#[cfg(test)]
pub use value::Owned;
pub use value::{FromSql, FromSqlError, FromSqlResult, ToSql, Value, ValueRef};

thread_local! {
    static STATEMENTS_RUN: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many statements this thread has run on any connection: what a test
/// counts to show that a command's queries do not grow with the history
/// (no query per row). A thread's own counter, so tests running side by
/// side do not count each other's.
pub fn statements_run() -> u64 {
    STATEMENTS_RUN.get()
}

/// Counts one statement run (see `statements_run`).
fn counted() {
    STATEMENTS_RUN.set(STATEMENTS_RUN.get().wrapping_add(1));
}

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
                conn.remember(url, credentials);
                conn
            })),
        })
    }

    /// Hears other connections' commits from now on (see `data_version`);
    /// nothing to do on SQLite, whose file says so by itself.
    pub fn listen(&self) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(()),
            Backend::Pg(c) => c.listen(),
        }
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
            Backend::Pg(c) => StatementInner::Pg(c, pg::Prepared::new(c, sql, false)?),
        };
        Ok(Statement { inner })
    }

    /// A statement from the connection's cache, parsed once.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        let inner = match &self.backend {
            Backend::Sqlite(c) => StatementInner::Cached(c.prepare_cached(sql)?),
            Backend::Pg(c) => StatementInner::Pg(c, pg::Prepared::new(c, sql, true)?),
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
        counted();
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
        counted();
        match &self.backend {
            // Asked four times a second by an open screen: prepared once.
            Backend::Sqlite(c) => Ok(c
                .prepare_cached("PRAGMA data_version")?
                .query_row([], |r| r.get(0))?),
            Backend::Pg(c) => c.changes_seen(),
        }
    }

    /// How long a write waits for another connection's write lock.
    pub fn busy_timeout(&self, wait: Duration) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.busy_timeout(wait)?),
            Backend::Pg(c) => c.set("lock_timeout", &wait.as_millis().to_string()),
        }
    }

    /// Makes every transaction of this connection read-only: a server's
    /// database has no file permissions to open it by (SQLite's is opened
    /// read-only instead, see `Access`).
    pub fn read_only_session(&self) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(()),
            Backend::Pg(c) => c.set("default_transaction_read_only", "on"),
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

    /// Writes a consistent copy of a SQLite database into the empty file at
    /// `to` (see `sqlite::backup`). A server's database has no file to copy.
    pub fn backup_to(&self, to: &Path) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(sqlite::backup(c, to)?),
            Backend::Pg(_) => Err(Error::Message(
                "a server's database has no file to copy".to_string(),
            )),
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
            let _ = match &self.db.backend {
                Backend::Sqlite(c) => c.execute_batch("ROLLBACK").map_err(Error::from),
                Backend::Pg(c) => c.rollback(),
            };
        }
    }
}
