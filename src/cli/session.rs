//! The database a command works on, as named (`DbChoice`), and once open
//! with the clock and the author (`Session`).

use std::ffi::OsString;
use std::path::PathBuf;

use super::{AfterMeeting, fail, resolve};
use crate::clock::Clock;
use crate::domain::{Change, Origin, Team, Week};
use crate::paths::{self, DbTarget};
use crate::pg_url::PgUrl;
use crate::pg_url::password;
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
    /// The account's name: a PostgreSQL server's user when neither the
    /// URL nor PGUSER names one, as libpq does.
    pub login: Option<String>,
}

/// A database opened for a command, and where it is.
pub struct Opened {
    pub store: Store,
    pub target: DbTarget,
}

impl Opened {
    /// The path that files kept beside the database are named from (the
    /// minutes' folder): the file itself, or for a server's database its
    /// name in rhythm's data folder.
    pub fn anchor(&self) -> anyhow::Result<PathBuf> {
        anchor(&self.target)
    }
}

impl DbChoice {
    /// What happens once a meeting on `target` ends: the config file's
    /// folder and hook, and a server's URL (without its password) for the
    /// hook's `RHYTHM_DB`.
    pub fn after_meeting(&self, target: &DbTarget) -> AfterMeeting {
        let server = match target {
            DbTarget::Postgres(url) => Some(url.to_string()),
            DbTarget::File(_) => None,
        };
        AfterMeeting {
            server,
            ..self.after.clone()
        }
    }
}

/// See `Opened::anchor`.
pub fn anchor(target: &DbTarget) -> anyhow::Result<PathBuf> {
    Ok(match target {
        DbTarget::File(path) => path.clone(),
        DbTarget::Postgres(url) => {
            paths::data_dir()?.join(url.dbname.as_deref().unwrap_or("postgres"))
        }
    })
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

    /// Opens the database named, file or server. A command that creates
    /// one makes the default location's folder first.
    pub fn open(&self, mode: OpenMode) -> anyhow::Result<Opened> {
        let (target, source) = self.resolve()?;
        let store = match &target {
            DbTarget::File(path) => {
                if mode == OpenMode::Create
                    && source == paths::Source::Default
                    && let Some(dir) = path.parent()
                {
                    crate::files::create_private_dir(dir).map_err(|e| {
                        fail(format!(
                            "could not create the folder '{}': {e}",
                            dir.display()
                        ))
                    })?;
                }
                Store::open(path, mode)?
            }
            DbTarget::Postgres(url) => connect(url, self.login.as_deref(), mode)?,
        };
        Ok(Opened { store, target })
    }

    /// For a command that reads its input before it opens the database
    /// (and creates nothing for input it refuses): a server's database is
    /// connected to now, so one that is not there is said before the input
    /// is waited for, and the store is handed back to be used. None for a
    /// file, and for a server's database with no rhythm schema yet, which
    /// the command creates once its input is good.
    pub fn open_server_early(&self) -> anyhow::Result<(DbTarget, Option<Store>)> {
        let (target, _) = self.resolve()?;
        let DbTarget::Postgres(url) = &target else {
            return Ok((target, None));
        };
        match connect(url, self.login.as_deref(), OpenMode::MustExist) {
            Ok(store) => Ok((target, Some(store))),
            Err(e) if matches!(e.downcast_ref(), Some(StoreError::MissingServer(_))) => {
                Ok((target, None))
            }
            Err(e) => Err(e),
        }
    }

    /// The SQLite file named, for what only a file has (its backup copy,
    /// its integrity check). A PostgreSQL URL stops the command here, in
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
        let mode = if db.reads_only {
            OpenMode::Read
        } else {
            OpenMode::MustExist
        };
        Ok(Session {
            store: db.open(mode)?.store,
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

/// Connects to a server's database as the URL, PGUSER or the account names,
/// with the password from the URL, PGPASSWORD or the password file.
fn connect(url: &PgUrl, login: Option<&str>, mode: OpenMode) -> anyhow::Result<Store> {
    let (host, port) = url.first_endpoint();
    let credentials =
        password::from_env(url, &host, port, login).map_err(|e| fail(e.to_string()))?;
    if let Some(warning) = &credentials.warning {
        // Said as libpq says it, before the connection it may explain fails.
        eprintln!("{warning}");
    }
    Ok(Store::connect(url, &credentials, mode)?)
}
