//! What can go wrong in the store, worded for the person at the terminal:
//! each message names the file or value and, where there is one, what to do.

use std::path::{Path, PathBuf};

use super::db::{self, ErrorKind};

use crate::domain::change::ChangeError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no rhythm database at '{}': create one with `rhythm init --team NAME`", .0.display())]
    Missing(PathBuf),
    #[error("the folder '{}' does not exist: create it first or choose another --db path", .0.display())]
    NoDirectory(PathBuf),
    #[error("'{}' is a folder, not a database file: name a file with --db", .0.display())]
    IsDirectory(PathBuf),
    #[error("'{}' was written by a newer rhythm (schema {found}; this rhythm knows up to {known}): upgrade rhythm to open it; it was left untouched", .path.display())]
    TooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("'{}' has rhythm's schema {found}, and this rhythm reads schema {known}: run `rhythm migrate`{}", .path.display(), if *.server { "; the database was left untouched" } else { " (it keeps a backup beside the file); the file was left untouched" })]
    NeedsMigrate {
        path: PathBuf,
        found: u32,
        known: u32,
        /// A server's database, where no copy can be kept beside a file.
        server: bool,
    },
    /// A server's schema version that no rhythm ever writes there: its
    /// first is the baseline, so anything below was set by hand.
    #[error(
        "the PostgreSQL database {url} says it holds rhythm's schema {found}, which rhythm never makes on a server (it starts at {baseline}): it was left as it is; restore it from an export (rhythm import)"
    )]
    NotOurVersion {
        url: String,
        found: u32,
        baseline: u32,
    },
    #[error("'{}' is not a rhythm database (not a SQLite file, or damaged): check the --db path", .0.display())]
    NotADatabase(PathBuf),
    #[error("'{}' is a SQLite database, but not rhythm's: it was left as it is; check the --db path", .0.display())]
    Foreign(PathBuf),
    #[error(
        "the PostgreSQL database {0} holds tables that are not rhythm's: it was left as it is; name another database, or a schema with options=-csearch_path=NAME"
    )]
    ForeignServer(String),
    #[error(
        "the PostgreSQL database {0} has no rhythm schema yet: create it with `rhythm init --team NAME`"
    )]
    MissingServer(String),
    #[error("cannot reach PostgreSQL at {server}: {reason}")]
    Unreachable { server: String, reason: String },
    /// The server answered and said no (a wrong password or user, no such
    /// database): it was reached, so the wording must not say otherwise.
    #[error("the PostgreSQL server at {server} refused the connection: {reason}")]
    ServerRefused { server: String, reason: String },
    #[error("'{}' is read-only: rhythm needs to write to it and to its folder", .0.display())]
    ReadOnly(PathBuf),
    /// The file's permissions allow no writing: it is read, never changed.
    #[error("'{}' is read-only (its permissions allow no writing), and this command changes it: make it writable first (chmod u+w)", .0.display())]
    ReadOnlyFile(PathBuf),
    #[error("'{}' could not be opened: {message}", .path.display())]
    Io { path: PathBuf, message: String },
    #[error("'{}' could not switch to WAL journaling (it reports '{mode}'): is it on a network file system?", .path.display())]
    NoWal { path: PathBuf, mode: String },
    #[error("{what} '{name}' already exists{}", spelled_as(.name, .existing))]
    Duplicate {
        what: &'static str,
        name: String,
        existing: String,
    },
    #[error("there is no {what} #{id}")]
    NotFound { what: &'static str, id: i64 },
    #[error("{0}")]
    Refused(String),
    /// A screen's last change was undone elsewhere: nothing more was.
    #[error(
        "this screen's last change (#{op}) was already undone elsewhere, by #{by}; nothing more was undone"
    )]
    AlreadyUndone {
        op: crate::domain::OpId,
        by: crate::domain::OpId,
    },
    /// Someone else changed the record since the editor saw it.
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Invalid(#[from] ChangeError),
    /// Another process held the write lock for longer than this connection
    /// waits: nothing was written, so the same write may be tried again.
    #[error("the database stayed busy with another rhythm's write for too long: try again")]
    Busy,
    #[error("{}", describe(.0))]
    Db(db::Error),
}

impl StoreError {
    /// Whether the write that failed so is best met by running its whole
    /// transaction again: the server undid it for another's sake, or the
    /// connection went before it was committed (the next try connects
    /// again). Nothing of it was kept either way.
    pub(crate) fn worth_again(&self) -> bool {
        matches!(self, StoreError::Db(e) if matches!(e.kind(), ErrorKind::Retry | ErrorKind::Lost))
    }

    /// The connection to the server went away.
    pub(crate) fn is_lost(&self) -> bool {
        matches!(self, StoreError::Db(e) if e.kind() == ErrorKind::Lost)
    }
}

impl From<db::Error> for StoreError {
    /// Busy gets its own variant: a screen keeps such a write and tries it
    /// again, where any other failure is final.
    fn from(e: db::Error) -> StoreError {
        match e.kind() {
            ErrorKind::Busy => StoreError::Busy,
            _ => StoreError::Db(e),
        }
    }
}

fn spelled_as(typed: &str, existing: &str) -> String {
    if typed == existing {
        String::new()
    } else {
        format!(" (as '{existing}')")
    }
}

/// The database's errors, said in terms of what the user can do about them.
fn describe(e: &db::Error) -> String {
    match e.kind() {
        ErrorKind::Corrupt | ErrorKind::NotADatabase => format!(
            "the database file is damaged ({e}): see `rhythm check`, and restore it from a backup or an export"
        ),
        ErrorKind::Busy | ErrorKind::Retry => StoreError::Busy.to_string(),
        ErrorKind::DiskFull => "the disk is full: free some space and try again".to_string(),
        ErrorKind::ReadOnly => {
            "the database is read-only: rhythm needs to write to it and its folder".to_string()
        }
        ErrorKind::Io => format!("the database file could not be read or written ({e})"),
        ErrorKind::Lost => {
            "the connection to the PostgreSQL server was lost (the next try connects again): `rhythm log` shows whether this was saved".to_string()
        }
        _ => format!("database error: {e}"),
    }
}

impl StoreError {
    /// Turns the errors of opening a file into ones that say which file and why.
    pub(super) fn from_open(e: db::Error, path: &Path) -> StoreError {
        let path = path.to_path_buf();
        match e.kind() {
            ErrorKind::NotADatabase | ErrorKind::Corrupt => StoreError::NotADatabase(path),
            ErrorKind::ReadOnly => StoreError::ReadOnly(path),
            ErrorKind::CannotOpen => StoreError::Io {
                path,
                message: "permission denied or unreadable".to_string(),
            },
            _ => StoreError::Db(e),
        }
    }
}
