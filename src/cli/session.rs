//! The database a command works on, as named (`DbChoice`), and once open
//! with the clock and the author (`Session`).

use std::ffi::OsString;
use std::path::PathBuf;

use super::{AfterMeeting, fail, resolve};
use crate::clock::Clock;
use crate::domain::{Change, Origin, Team, Week};
use crate::paths::{self, DbTarget};
use crate::storage::{Applied, OpenMode, Store, StoreError};

/// `--db` and `RHYTHM_DB` as given; resolved only when a command needs a database.
#[derive(Clone)]
pub struct DbChoice {
    pub flag: Option<PathBuf>,
    pub env: Option<OsString>,
    /// The command only reads: the file is opened read-only and never
    /// migrated (see `intent`).
    pub reads_only: bool,
    /// The config file's database, after the flag and the environment.
    pub config: Option<PathBuf>,
    /// Where an ended meeting's minutes go, and what runs then.
    pub after: AfterMeeting,
}

impl DbChoice {
    /// The database named, file or server, and which rule named it.
    pub fn resolve(&self) -> anyhow::Result<(DbTarget, paths::Source)> {
        Ok(paths::resolve(
            self.flag.clone(),
            self.env.clone(),
            self.config.clone(),
        )?)
    }

    /// The SQLite file named. A PostgreSQL URL stops the command here, in
    /// one line, before anything is opened or created.
    pub fn file(&self) -> anyhow::Result<(PathBuf, paths::Source)> {
        match self.resolve()? {
            (DbTarget::File(path), source) => Ok((path, source)),
            (DbTarget::Postgres(url), _) => Err(paths::NotSupported(url).into()),
        }
    }
}

/// An open store plus the clock, for the commands that work on a team.
pub struct Session {
    pub store: Store,
    pub clock: Clock,
    /// Who makes this command's changes, from the command line.
    pub origin: Origin,
}

impl Session {
    /// Opens an existing database; only `init`, `team add` and `demo` create one.
    pub fn open(db: &DbChoice, clock: Clock, origin: &Origin) -> anyhow::Result<Session> {
        let (path, _) = db.file()?;
        let mode = if db.reads_only {
            OpenMode::Read
        } else {
            OpenMode::MustExist
        };
        let store = Store::open(&path, mode)?;
        Ok(Session {
            store,
            clock,
            origin: origin.clone(),
        })
    }

    pub fn this_week(&self) -> Week {
        Week::containing(self.clock.today)
    }

    pub fn team(&self, wanted: Option<&str>) -> anyhow::Result<Team> {
        let teams = self.store.teams()?;
        Ok(resolve::team(&teams, wanted).map_err(fail)?.clone())
    }

    /// One change through the store's door, as one operation.
    pub fn apply(&mut self, change: Change) -> Result<Applied, StoreError> {
        self.apply_all(vec![change])
    }

    /// Several changes as one operation, in one transaction: all or none.
    pub fn apply_all(&mut self, changes: Vec<Change>) -> Result<Applied, StoreError> {
        self.store.apply(&changes, &self.origin, self.clock.now)
    }
}
