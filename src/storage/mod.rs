//! The only home of the database (its driver under `db`): opening a database (pragmas, permissions,
//! migrations), applying `Change`s in IMMEDIATE transactions, and the queries
//! the screens and commands need. Speaks domain types in and out.

pub(crate) mod again;
mod apply;
mod archive_out;
mod archive_stream;
mod connect;
mod db;
mod error;
mod identify;
mod import;
mod maintenance;
mod migrate;
mod names;
pub(crate) mod oplog;
mod read;
mod read_activity;
mod read_altitude;
mod read_brief;
mod read_plan;
pub use read_plan::PlanRecord;
mod read_corrections;
mod read_follow_ups;
mod read_meetings;
mod read_names;
mod read_trigger;
mod readback;
mod sql_types;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use db::{Access, Begin, Db};

use crate::domain::{Change, OpKind, Origin};

use apply::Writer;
pub use apply::{Applied, Batch};
pub use archive_stream::ExportError;
pub use db::statements_run;
pub use error::StoreError;
pub use identify::{FileKind, file_kind};
pub use import::ImportReport;
pub use maintenance::Health;
pub use migrate::LATEST_VERSION;
pub use oplog::Reversed;
pub use read::{ActionFilter, DecisionFilter};
pub use read_corrections::TeamFootprint;
pub use read_names::NameList;

/// How long a writer waits for another process's transaction before giving
/// up. Long enough that people sharing a file never see "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Prepared statements kept per connection. The writers and the queries use
/// about a hundred distinct statements; the driver's default of 16 would evict
/// them in turn during a bulk write and parse each one again.
const STATEMENT_CACHE: usize = 200;

/// What a batch operation keeps to be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Images {
    /// Every row's key and its images before and after, as every other
    /// write keeps them.
    Full,
    /// The keys of the rows written and the images of rows changed or
    /// deleted, but not the new rows' images: an import adds rows, and
    /// keeping each twice would triple the file. Undo still takes it back;
    /// it then names any later operation that wrote one of the rows.
    Keys,
    /// Nothing: the operation is listed but cannot be undone (the demo, a
    /// new file with nothing to go back to).
    None,
}

/// What the first checks of an open found (see `Store::first_checks`).
struct Found {
    /// How errors name the database.
    path: PathBuf,
    version: u32,
    /// No tables at all: a new database, set up only by a command that
    /// creates one.
    empty: bool,
}

/// Whether opening may create a new, empty database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    Create,
    MustExist,
    /// For commands that only read: the file must exist, be rhythm's and
    /// have this rhythm's schema; nothing is written, not even a migration.
    /// (Unlike `ReadOnly`, the connection may tidy SQLite's companion files
    /// away when it closes, as a writer's does.)
    Read,
    /// For screens that only watch (`rhythm follow`): never writes, not even
    /// a migration.
    ReadOnly,
}

pub struct Store {
    conn: Db,
    path: Option<PathBuf>,
    /// The PostgreSQL server and database, shown without the password.
    server: Option<String>,
    /// The logged tables' columns, read once: every write fills its rows'
    /// images from them.
    log_tables: std::cell::OnceCell<std::sync::Arc<Vec<oplog::schema::Table>>>,
    /// Opened read-only because the file's permissions allow no writing.
    read_only_file: bool,
    /// The backup taken before this open brought the schema up to date.
    upgraded: Option<PathBuf>,
    /// Opened for a command that only reads (`OpenMode::Read`).
    reads_only: bool,
    /// This open made the database (a new file, or a server's empty one).
    created: bool,

    /// Every statement the queries prepared, for the query-plan test.
    #[cfg(test)]
    prepared: std::cell::RefCell<Vec<String>>,
}

impl Store {
    /// Opens (or, with `OpenMode::Create`, creates) the database at `path`,
    /// sets the pragmas and brings its schema up to date. A database written
    /// by a newer rhythm is refused before anything is written to it.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store, StoreError> {
        let shown = path.to_path_buf();
        if path.is_dir() {
            return Err(StoreError::IsDirectory(shown));
        }
        // An empty file holds no database yet, as a missing one: only a
        // command that creates one fills it (a refused command used to
        // write rhythm's whole schema into it on the way).
        let empty = path.metadata().is_ok_and(|m| m.is_file() && m.len() == 0);
        if (!path.exists() || empty) && mode != OpenMode::Create {
            return Err(StoreError::Missing(shown));
        }
        let created = !path.exists() || empty;
        if !path.exists() {
            maintenance::create_whole(path)?;
        }
        // A file whose permissions allow no writing is opened read-only
        // (even for a user, such as root, whom the system would let write):
        // commands that only read work on it, and the first write is
        // refused in one line (see `writable`).
        let read_only_file =
            mode != OpenMode::ReadOnly && path.metadata().is_ok_and(|m| m.permissions().readonly());
        let mode = if read_only_file {
            OpenMode::ReadOnly
        } else {
            mode
        };
        let access = if mode == OpenMode::ReadOnly {
            Access::ReadOnly
        } else {
            Access::ReadWrite
        };
        let conn = Db::open_file(path, access).map_err(|e| StoreError::from_open(e, &shown))?;
        let mut store = Store {
            conn,
            path: Some(shown),
            server: None,
            log_tables: Default::default(),
            read_only_file,
            upgraded: None,
            reads_only: false,
            created,

            #[cfg(test)]
            prepared: Default::default(),
        };
        store.reads_only = mode == OpenMode::Read;
        let found = store.first_checks()?;
        store.finish(found, mode)?;
        Ok(store)
    }

    /// What every open does first, before anything could write: the busy
    /// timeout (so nothing below fails on another process's lock), the
    /// statement cache, refusing another program's database and a schema
    /// newer than this binary.
    /// The database is asked what it is once (`Db::identity`), and what
    /// it said is handed on to the rest of the open.
    fn first_checks(&mut self) -> Result<Found, StoreError> {
        let path = self.shown();
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn.set_statement_cache(STATEMENT_CACHE);
        let identity = self
            .conn
            .identity()
            .map_err(|e| StoreError::from_open(e, &path))?;
        let version = identity.version;
        // Another program's database is never changed, not even by bringing
        // its "schema" up to date (which would write rhythm's tables into
        // it); nor read, since its tables mean something else.
        if !identify::is_ours(&identity.tables, identity.mark, version) {
            return Err(match &self.server {
                Some(url) => StoreError::ForeignServer(url.clone()),
                None => StoreError::Foreign(path),
            });
        }
        if let Some(url) = &self.server
            && version > 0
            && version < migrate::PG_BASELINE_VERSION
        {
            return Err(StoreError::NotOurVersion {
                url: url.clone(),
                found: version,
                baseline: migrate::PG_BASELINE_VERSION,
            });
        }
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path,
                found: version,
                known: LATEST_VERSION,
            });
        }
        Ok(Found {
            path,
            version,
            empty: identity.tables.is_empty(),
        })
    }

    /// The rest of an open in `mode`, from what `first_checks` found.
    fn finish(&mut self, found: Found, mode: OpenMode) -> Result<(), StoreError> {
        if matches!(mode, OpenMode::ReadOnly | OpenMode::Read) {
            self.prepare_read_only(found)
        } else {
            self.prepare(found)
        }
    }

    /// A read's open: the busy timeout, a file that is rhythm's, and a
    /// schema it can read. Reading never brings a schema up to date: that
    /// writes, and keeps a backup (`rhythm migrate`).
    fn prepare_read_only(&mut self, found: Found) -> Result<(), StoreError> {
        let Found { path, version, .. } = found;
        if version < LATEST_VERSION {
            return Err(StoreError::NeedsMigrate {
                server: self.server.is_some(),
                path,
                found: version,
                known: LATEST_VERSION,
            });
        }
        Ok(())
    }

    /// A private database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Db::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            server: None,
            log_tables: Default::default(),
            read_only_file: false,
            upgraded: None,
            reads_only: false,
            created: true,

            #[cfg(test)]
            prepared: Default::default(),
        };
        let found = store.first_checks()?;
        store.prepare(found)?;
        Ok(store)
    }

    /// A query's statement, from the connection's cache. The queries all
    /// come through here, so a test can list what a screen runs and check
    /// each plan (see `tests/plans.rs`).
    fn cached(&self, sql: &str) -> db::Result<db::Statement<'_>> {
        #[cfg(test)]
        self.prepared.borrow_mut().push(sql.to_string());
        self.conn.prepare_cached(sql)
    }

    /// How long each write waits for another process's write lock before
    /// answering `StoreError::Busy` (10 s from `open`). A screen waits
    /// briefly, so it never freezes, and tries again on its own ticks.
    pub fn set_busy_wait(&self, wait: Duration) -> Result<(), StoreError> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// How errors name this database: its path, its URL, or `:memory:`.
    fn shown(&self) -> PathBuf {
        match (&self.path, &self.server) {
            (Some(path), _) => path.clone(),
            (None, Some(url)) => PathBuf::from(url),
            (None, None) => PathBuf::from(":memory:"),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Pragmas on every open, in this order: the busy timeout first so that
    /// nothing below fails on another process's lock; the version check before
    /// any write; then WAL (checked to have taken), FULL sync, foreign keys,
    /// temporary storage in memory.
    fn prepare(&mut self, found: Found) -> Result<(), StoreError> {
        let Found { path, version, .. } = found;
        if self.conn.is_read_only()? {
            return Err(StoreError::ReadOnly(path));
        }
        if self.conn.dialect() == db::Dialect::Sqlite {
            self.sqlite_pragmas(&path, version)?;
        }
        migrate::migrate(&self.conn, version)?;
        Ok(())
    }

    /// A SQLite file's journal and syncing, and its copy before migrating.
    fn sqlite_pragmas(&mut self, path: &Path, version: u32) -> Result<(), StoreError> {
        let path = path.to_path_buf();
        if self.path.is_some() {
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(|e| StoreError::from_open(e, &path))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::NoWal { path, mode });
            }
        }
        // Each change runs in a savepoint (see `Writer::apply`), whose undo
        // journal is a temporary file unless temp_store keeps it in memory;
        // in files, the journals took half the time of a large batch.
        self.conn.execute_batch(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
        )?;
        if version > 0 && version < LATEST_VERSION && self.path.is_some() {
            self.upgraded = Some(self.keep_before_migrating(&path, version)?);
        }
        Ok(())
    }

    /// Copies a file about to be brought up to date to a backup beside it,
    /// `NAME.schema-N.bak` (N its schema now), so that nothing a migration
    /// does cannot be taken back by hand.
    fn keep_before_migrating(&self, path: &Path, version: u32) -> Result<PathBuf, StoreError> {
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            let mut name = path.as_os_str().to_os_string();
            name.push(format!(".schema-{version}{suffix}.bak"));
            let to = PathBuf::from(name);
            if !to.exists() {
                self.backup(&to)?;
                return Ok(to);
            }
            n += 1;
        }
    }

    /// Whether this open made the database: a new file, or the schema in a
    /// server's empty database.
    pub fn created(&self) -> bool {
        self.created
    }

    /// Where the file was copied before this open brought its schema up
    /// to date, if it did.
    pub fn upgraded(&self) -> Option<&Path> {
        self.upgraded.as_deref()
    }

    /// The one door every write goes through: applies `changes` in one
    /// IMMEDIATE transaction, all or none, and records them as one
    /// operation of the log (with what each row held before), so it can be
    /// shown and undone. Each change is checked against the same rules
    /// whatever its origin (by `Writer::apply`; a refusal rolls it all back).
    pub fn apply(
        &mut self,
        changes: &[Change],
        origin: &Origin,
        now: DateTime<Utc>,
    ) -> Result<Applied, StoreError> {
        self.again(|s| s.apply_once(changes, origin, now))
    }

    fn apply_once(
        &mut self,
        changes: &[Change],
        origin: &Origin,
        now: DateTime<Utc>,
    ) -> Result<Applied, StoreError> {
        let logged = changes.iter().any(oplog::is_logged);
        self.ready_to_write()?;
        let tx = self.conn.transaction(Begin::Immediate)?;
        let op = if logged {
            Some(oplog::open(&tx, origin, OpKind::Change, now, true)?)
        } else {
            None
        };
        let mut writer = Writer::new(&tx, now, origin.approved_by.clone());
        let mut each = Vec::with_capacity(changes.len());
        for change in changes {
            each.push(writer.apply(change)?);
        }
        if let Some(op) = op {
            let (summary, team) = oplog::summarize(&tx, op, changes, &each)?;
            oplog::close(&tx, op, &summary, team)?;
        }
        tx.commit()?;
        Ok(Applied::of(op, each))
    }

    /// The door for writers of many changes at once (the demo, imports):
    /// `f` applies changes one by one through a `Batch`, all in one
    /// transaction and one operation with the line `summary`. `images` says
    /// what the operation keeps to be undone (see `Images`). `f` may be run
    /// again, whole, when the server undid a first try (see `again`).
    pub fn apply_batch<T>(
        &mut self,
        origin: &Origin,
        now: DateTime<Utc>,
        images: Images,
        mut f: impl FnMut(&mut Batch<'_, '_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.again(|s| s.batch_once(origin, now, images, &mut f))
    }

    fn batch_once<T>(
        &mut self,
        origin: &Origin,
        now: DateTime<Utc>,
        images: Images,
        f: impl FnOnce(&mut Batch<'_, '_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.ready_to_write()?;
        let tx = self.conn.transaction(Begin::Immediate)?;
        let op = oplog::open(&tx, origin, OpKind::Change, now, images != Images::None)?;
        if images == Images::Keys {
            oplog::schema::keep_new_images(&tx, false)?;
        }
        let mut writer = Writer::new(&tx, now, origin.approved_by.clone());
        let mut batch = Batch {
            writer: &mut writer,
            summary: String::new(),
        };
        let out = f(&mut batch)?;
        let summary = std::mem::take(&mut batch.summary);
        if images == Images::Keys {
            oplog::schema::keep_new_images(&tx, true)?;
        }
        oplog::close(&tx, op, &summary, None)?;
        tx.commit()?;
        Ok(out)
    }

    /// For the crate's tests: changes one by one through a `Batch`, as one
    /// undoable operation.
    #[cfg(test)]
    pub(crate) fn batch<T>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnMut(&mut Batch<'_, '_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let origin = Origin::new("test", crate::domain::OpSource::Cli);
        self.apply_batch(&origin, now, Images::Full, f)
    }

    /// For the store's own tests: one change through the door.
    #[cfg(test)]
    pub(crate) fn apply_one(
        &mut self,
        change: &Change,
        now: DateTime<Utc>,
    ) -> Result<Applied, StoreError> {
        self.apply(
            std::slice::from_ref(change),
            &Origin::new("test", crate::domain::OpSource::Cli),
            now,
        )
    }

    /// What every write through the door does first: refuses a file opened
    /// read-only (its permissions allow no writing), and on the
    /// connection's first write gives it the log's triggers. Returns the
    /// logged tables, as the schema has them (see `oplog::schema`).
    pub(crate) fn ready_to_write(
        &self,
    ) -> Result<std::sync::Arc<Vec<oplog::schema::Table>>, StoreError> {
        if self.read_only_file {
            let path = self.path.clone().unwrap_or_default();
            return Err(StoreError::ReadOnlyFile(path));
        }
        if self.reads_only {
            return Err(StoreError::Refused(
                "this command only reads, and cannot change the database".into(),
            ));
        }
        if let Some(t) = self.log_tables.get() {
            return Ok(t.clone());
        }
        let tables = std::sync::Arc::new(oplog::schema::tables(&self.conn)?);
        oplog::schema::install(&self.conn, &tables)?;
        Ok(self.log_tables.get_or_init(|| tables).clone())
    }

    /// The schema version stored in the file.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(migrate::user_version(&self.conn)?)
    }

    /// `PRAGMA journal_mode` as the connection reports it.
    pub fn journal_mode(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?)
    }

    /// Whether this database was filled by `rhythm demo`.
    pub fn is_demo(&self) -> Result<bool, StoreError> {
        Ok(read::meta(&self.conn, apply::DEMO_KEY)?.is_some())
    }

    /// True when no team has been created yet.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(read::is_empty(&self.conn)?)
    }
}

#[cfg(test)]
mod tests;
