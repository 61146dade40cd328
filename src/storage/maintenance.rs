//! Looking after the file: change detection for live screens, consistent
//! backups while others write, and integrity checks.

use std::path::Path;

use super::db::{self, ErrorKind};
use super::identify::is_rhythm_database;
use super::{OpenMode, Store, StoreError};
use crate::files::{Guard, PrivateFile, Replace};

/// What `check` found: empty lists mean a healthy file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Health {
    /// `PRAGMA integrity_check` lines other than "ok".
    pub integrity: Vec<String>,
    /// Rows whose foreign keys point nowhere, as `table row N → parent`.
    pub foreign_keys: Vec<String>,
    /// Stored weeks, dates and numbers rhythm could not read back.
    pub unreadable: Vec<String>,
    /// Names stored by builds that told them apart which read as one name
    /// ("Équipe" and "équipe"): lookups can reach only one of them.
    pub alike: Vec<String>,
}

impl Health {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.unreadable.is_empty()
            && self.alike.is_empty()
    }
}

impl Store {
    /// Closes a database this command has just created and removes it with
    /// its companions: a command that failed before putting anything in it
    /// (the demo under a clock past the years rhythm keeps) leaves no file
    /// behind, as if it had never run.
    pub fn remove_new(self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        drop(self);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = path.as_os_str().to_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
    }

    /// A number that changes whenever another connection commits a change
    /// to the file; polling it is how live screens notice other processes.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.data_version()?)
    }

    /// The database server's clock, to the millisecond, where there is a
    /// server: another machine's screens judge a meeting's lease by their
    /// own clocks, which should agree with it. A file has no clock but
    /// this machine's.
    pub fn server_time(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        if self.conn.dialect() != db::Dialect::Pg {
            return Ok(None);
        }
        let ms: i64 = self.conn.query_row(
            "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint",
            [],
            |r| r.get(0),
        )?;
        Ok(chrono::DateTime::from_timestamp_millis(ms))
    }

    /// Writes a consistent copy of the database to `to` (which must not
    /// exist), while other processes may go on writing. The copy appears
    /// whole or not at all: a failure half way (a full disk, a folder that
    /// went away) leaves nothing, so the same command can simply be run again.
    pub fn backup(&self, to: &Path) -> Result<(), StoreError> {
        let io = |e: std::io::Error| {
            StoreError::Refused(format!("cannot write '{}': {e}", to.display()))
        };
        // A backup never replaces a file, the database included; the guard
        // keeps the database's companions that are not there yet.
        if to.exists() {
            return Err(exists(to));
        }
        let guard = self.guard();
        guard.check(to).map_err(io)?;
        // SQLite's online backup fills the empty private file it is given,
        // so the copy is never readable by others; it takes the backup's name only when
        // complete, and never over a file that appeared meanwhile.
        let mut file = PrivateFile::create(to, &guard).map_err(io)?;
        if self.conn.dialect() == db::Dialect::Pg {
            // A server's database has no file to copy: its backup is the
            // export, which `rhythm import` reads back whole.
            self.export_to(None, std::io::BufWriter::new(&mut file), &mut |_| {})
                .map_err(|e| match e {
                    super::ExportError::Store(e) => e,
                    super::ExportError::Write(e) => io(e),
                })?;
            return file.commit(Replace::No).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => exists(to),
                _ => io(e),
            });
        }
        // Dropping `file` on an error removes the half-written copy; the
        // error is the backup's, not the database's, and says so.
        self.conn.backup_to(file.temp_path()).map_err(|e| {
            StoreError::Refused(format!(
                "cannot write the backup '{}' ({}): nothing was written",
                to.display(),
                backup_reason(&e)
            ))
        })?;
        file.commit(Replace::No).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => exists(to),
            _ => io(e),
        })
    }

    /// Runs SQLite's integrity and foreign-key checks.
    pub fn check(&self) -> Result<Health, StoreError> {
        match self.run_checks() {
            // A file too damaged for the checks to finish is a finding, not a failure.
            Err(StoreError::Db(e)) if e.kind() == ErrorKind::Corrupt => Ok(Health {
                integrity: vec![format!("the checks could not finish: {e}")],
                ..Health::default()
            }),
            other => other,
        }
    }

    fn run_checks(&self) -> Result<Health, StoreError> {
        let mut health = Health::default();
        if self.conn.dialect() == db::Dialect::Pg {
            // The server keeps its own pages and enforces every link.
            health.unreadable = self.unreadable_values()?;
            health.alike = self.names_alike()?;
            return Ok(health);
        }
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                health.integrity.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{} row {} → {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?
                    .map_or("?".into(), |n| n.to_string()),
                r.get::<_, String>(2)?
            ))
        })?;
        for row in rows {
            health.foreign_keys.push(row?);
        }
        // Only a file SQLite finds whole is worth reading value by value.
        if health.integrity.is_empty() {
            health.unreadable = self.unreadable_values()?;
            health.alike = self.names_alike()?;
        }
        Ok(health)
    }
}

/// Creates a new database at `path`, whole or not at all: the schema is
/// written under a hidden name beside it, which takes the database's name
/// only when complete and on disk. A failure (a full disk) leaves nothing
/// behind, not an empty file that would later read as someone else's. Like
/// the database, the file is readable by its owner only (SQLite gives its
/// log and index the same permissions).
pub(super) fn create_whole(path: &Path) -> Result<(), StoreError> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(StoreError::NoDirectory(parent.to_path_buf()));
    }
    let io = |e: std::io::Error| StoreError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let file = PrivateFile::create(path, &Guard::new(None, is_rhythm_database)).map_err(io)?;
    let tmp = file.temp_path().to_path_buf();
    let built = build_schema(&tmp);
    if let Err(e) = built {
        // Dropping `file` removes the hidden database; its companions too.
        for suffix in ["-wal", "-shm"] {
            let mut name = tmp.as_os_str().to_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
        return Err(StoreError::Refused(format!(
            "could not create '{}' ({e}): nothing was left behind",
            path.display()
        )));
    }
    match file.commit(Replace::No) {
        // Another process created it meanwhile: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other.map_err(io),
    }
}

/// Brings the empty file at `tmp` to the latest schema, everything in the
/// file itself: its log is named after the hidden name, not the database's.
fn build_schema(tmp: &Path) -> Result<(), StoreError> {
    // The empty file made for it: only Create fills an empty file.
    let store = Store::open(tmp, OpenMode::Create)?;
    let busy: i64 = store
        .conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Err(StoreError::Refused(
            "the new file's log could not be emptied".to_string(),
        ));
    }
    Ok(store.conn.close()?)
}

/// Why SQLite could not write a copy, in the words of the file system.
fn backup_reason(e: &db::Error) -> String {
    match e.kind() {
        ErrorKind::DiskFull => "the disk is full".to_string(),
        _ => e.to_string(),
    }
}

fn exists(to: &Path) -> StoreError {
    StoreError::Refused(format!(
        "'{}' already exists: choose a new file for the backup",
        to.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Change;
    use crate::storage::OpenMode;
    use chrono::{DateTime, TimeZone, Utc};
    use std::path::PathBuf;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
    }

    /// A file database in `dir` holding one team.
    fn with_team(dir: &tempfile::TempDir) -> (PathBuf, Store) {
        let path = dir.path().join("team.db");
        let mut store = Store::open(&path, OpenMode::Create).unwrap();
        add_team(&mut store, "Growth");
        (path, store)
    }

    fn add_team(store: &mut Store, name: &str) {
        store
            .apply_one(&Change::AddTeam { name: name.into() }, now())
            .unwrap();
    }

    #[test]
    fn data_version_moves_when_another_connection_writes() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut a) = with_team(&dir);
        let b = Store::open(&path, OpenMode::MustExist).unwrap();
        let before = b.data_version().unwrap();
        add_team(&mut a, "Platform");
        assert_ne!(b.data_version().unwrap(), before);
        let same = b.data_version().unwrap();
        assert_eq!(b.data_version().unwrap(), same);
    }

    #[test]
    fn backup_copies_and_check_passes() {
        let dir = tempfile::tempdir().unwrap();
        let (_, a) = with_team(&dir);
        let copy = dir.path().join("copy.db");
        a.backup(&copy).unwrap();
        let b = Store::open(&copy, OpenMode::MustExist).unwrap();
        assert_eq!(b.teams().unwrap().len(), 1);
        assert!(b.check().unwrap().is_ok());
        assert!(matches!(a.backup(&copy), Err(StoreError::Refused(_))));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Nothing half-written is left beside it.
        let temporary = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(temporary, 0);
    }

    #[test]
    fn a_backup_is_the_database_as_committed_and_nothing_after() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut a) = with_team(&dir);
        // Committed, and still only in the log of the open file.
        add_team(&mut a, "Platform");
        let b = Store::open(&path, OpenMode::MustExist).unwrap();
        let copy = dir.path().join("copy.db");
        b.backup(&copy).unwrap();
        add_team(&mut a, "Support");
        drop((a, b));
        // The copy is one file, whole without companions.
        for suffix in ["-wal", "-shm", "-journal"] {
            assert!(!dir.path().join(format!("copy.db{suffix}")).exists());
        }
        let c = Store::open(&copy, OpenMode::MustExist).unwrap();
        let names: Vec<String> = c.teams().unwrap().into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["Growth", "Platform"]);
        assert!(c.check().unwrap().is_ok());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_read_only_open_reads_and_never_writes() {
        let dir = tempfile::tempdir().unwrap();
        let (path, a) = with_team(&dir);
        drop(a);
        let before = std::fs::read(&path).unwrap();
        let mut watcher = Store::open(&path, OpenMode::ReadOnly).unwrap();
        assert_eq!(watcher.teams().unwrap().len(), 1);
        assert!(
            watcher
                .apply_one(
                    &Change::AddTeam {
                        name: "Platform".into()
                    },
                    now()
                )
                .is_err()
        );
        drop(watcher);
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let missing = dir.path().join("nope.db");
        assert!(matches!(
            Store::open(&missing, OpenMode::ReadOnly),
            Err(StoreError::Missing(_))
        ));
        assert!(!missing.exists());
    }
}
