//! The guard every file write passes (see `files`): what a write must
//! never replace, told by the file system's identity of a file.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// What a write must never replace: the database rhythm has open, its
/// companions, and any other rhythm database. Files are told apart by
/// identity (device and inode), not by name, so `team.db`, `./team.db`, an
/// absolute path, a hard link and a symbolic link are all the same file.
#[derive(Debug, Clone)]
pub struct Guard {
    database: Option<PathBuf>,
    /// Whether an existing file holds rhythm's schema. Storage supplies it,
    /// as only storage reads SQLite.
    is_rhythm: fn(&Path) -> bool,
}

/// The files SQLite keeps beside a database, and how a refusal names them.
const COMPANIONS: &[(&str, &str)] = &[
    ("", "the database itself"),
    ("-wal", "the database's write-ahead log"),
    ("-shm", "the database's shared-memory index"),
    ("-journal", "the database's rollback journal"),
];

/// What every SQLite database file starts with.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Guard {
    /// Keeps `database` (if rhythm works on a file) and its companions, and
    /// every file `is_rhythm` recognises.
    pub fn new(database: Option<&Path>, is_rhythm: fn(&Path) -> bool) -> Guard {
        Guard {
            database: database.map(Path::to_path_buf),
            is_rhythm,
        }
    }

    /// Refuses `target` with the reason, as an `InvalidInput` error, when
    /// writing it would replace what the guard keeps.
    pub fn check(&self, target: &Path) -> io::Result<()> {
        match self.kept(target) {
            Some(what) => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("it is {what}: choose another file"),
            )),
            None => Ok(()),
        }
    }

    fn kept(&self, target: &Path) -> Option<String> {
        // Following links: a link to the database is the database.
        let meta = std::fs::metadata(target).ok();
        let exists = meta.is_some();
        let found = meta.as_ref().and_then(identity);
        if let Some(database) = &self.database {
            // SQLite keeps the companions beside the file a link points to.
            let real = std::fs::canonicalize(database).unwrap_or_else(|_| database.clone());
            for (suffix, what) in COMPANIONS {
                let mut name = real.as_os_str().to_os_string();
                name.push(suffix);
                let companion = PathBuf::from(name);
                let same = match found {
                    Some(id) => {
                        std::fs::metadata(&companion).is_ok_and(|m| identity(&m) == Some(id))
                    }
                    // A companion that is not there yet is kept by its name
                    // in its folder: SQLite would take a file written there.
                    None => !exists && same_place(target, &companion),
                };
                if same {
                    return Some(what.to_string());
                }
            }
        }
        if target.is_file() && self.is_rhythm_file(target) {
            return Some("a rhythm database".to_string());
        }
        // Another program's database is as much someone's data.
        if target.is_file() && starts_like_sqlite(target) {
            return Some("another program's SQLite database".to_string());
        }
        // Another database's companions, by name: a file written there would
        // be taken for its log by the next rhythm to open it.
        let name = target.file_name()?.to_str()?;
        COMPANIONS.iter().skip(1).find_map(|(suffix, _)| {
            let database = target.with_file_name(name.strip_suffix(suffix)?);
            (database.is_file() && self.is_rhythm_file(&database)).then(|| {
                format!(
                    "named as the {} file of the rhythm database '{}'",
                    &suffix[1..],
                    database.display()
                )
            })
        })
    }

    fn is_rhythm_file(&self, path: &Path) -> bool {
        starts_like_sqlite(path) && (self.is_rhythm)(path)
    }
}

/// A file as the file system knows it, whatever path reached it.
/// None where the platform does not say, so nothing is ever taken for
/// the same file by mistake.
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Whether `a` and `b` name the same entry: the same name in the same folder.
fn same_place(a: &Path, b: &Path) -> bool {
    let folder = |p: &Path| {
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::metadata(dir).ok().as_ref().and_then(identity)
    };
    a.file_name().is_some() && a.file_name() == b.file_name() && {
        let (x, y) = (folder(a), folder(b));
        x.is_some() && x == y
    }
}

/// The cheap test before asking SQLite: the 16 bytes every database opens with.
fn starts_like_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 16];
    File::open(path)
        .and_then(|mut f| io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| &head == SQLITE_HEADER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::tests::free;
    use crate::files::{Replace, write_private};

    #[cfg(unix)]
    #[test]
    fn the_database_and_its_companions_are_kept_whatever_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("team.db");
        std::fs::write(&db, "the data").unwrap();
        std::fs::write(dir.path().join("team.db-shm"), "index").unwrap();
        std::os::unix::fs::symlink(&db, dir.path().join("link.db")).unwrap();
        std::fs::hard_link(&db, dir.path().join("same.db")).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        // The guard knows the database by a path through a link and `..`.
        let guard = Guard::new(Some(&dir.path().join("sub/../link.db")), |_| false);
        let refused = |name: &str| {
            let err =
                write_private(&dir.path().join(name), b"{}", Replace::Yes, &guard).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{name}");
            err.to_string()
        };
        assert_eq!(
            refused("team.db"),
            "it is the database itself: choose another file"
        );
        for name in ["link.db", "same.db", "sub/../team.db"] {
            refused(name);
        }
        // The log is not there yet: SQLite would still take a file by its name.
        assert!(refused("sub/../team.db-wal").contains("write-ahead log"));
        assert!(refused("team.db-shm").contains("shared-memory"));
        assert_eq!(std::fs::read(&db).unwrap(), b"the data");
        write_private(
            &dir.path().join("team.db.json"),
            b"{}",
            Replace::Yes,
            &guard,
        )
        .unwrap();
        // Nothing was left beside the refused names.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 6);
    }

    #[test]
    fn another_rhythm_database_is_kept_by_what_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join("theirs.db");
        let mut bytes = SQLITE_HEADER.to_vec();
        bytes.extend_from_slice(b"their pages");
        std::fs::write(&theirs, &bytes).unwrap();
        let rhythm = Guard::new(None, |_| true);
        let err = write_private(&theirs, b"{}", Replace::Yes, &rhythm).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is a rhythm database: choose another file"
        );
        let log = dir.path().join("theirs.db-wal");
        let err = write_private(&log, b"{}", Replace::Yes, &rhythm).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "it is named as the wal file of the rhythm database '{}': choose another file",
                theirs.display()
            )
        );
        assert!(!log.exists());
        write_private(
            &dir.path().join("theirs.db-old"),
            b"{}",
            Replace::Yes,
            &rhythm,
        )
        .unwrap();
        // Another program's SQLite file is kept as well; text is not.
        let err = write_private(&theirs, b"{}", Replace::Yes, &free()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is another program's SQLite database: choose another file"
        );
        assert_eq!(std::fs::read(&theirs).unwrap(), bytes);
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "old").unwrap();
        write_private(&text, b"[]", Replace::Yes, &rhythm).unwrap();
        assert_eq!(std::fs::read(&text).unwrap(), b"[]");
    }
}
