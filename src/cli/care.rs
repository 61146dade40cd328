//! `rhythm backup FILE`, `rhythm check` and `rhythm migrate`: looking
//! after the database.

use std::path::{Path, PathBuf};

use super::{Ctx, DbChoice, Session, fail};
use crate::paths::DbTarget;
use crate::storage::{FileKind, LATEST_VERSION, OpenMode, file_kind};

pub fn backup(ctx: &mut Ctx<'_>, s: &Session, to: &Path) -> anyhow::Result<()> {
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(fail(format!(
            "the folder '{}' does not exist: create it first",
            dir.display()
        )));
    }
    let server = s.store.path().is_none();
    let named_as_file = to
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["db", "sqlite", "sqlite3"].contains(&e.to_ascii_lowercase().as_str()));
    if server && named_as_file {
        // It would be an export under a database file's name, which no
        // --db opens: said before anything is written.
        return Err(fail(format!(
            "a server's backup is an export (JSON), not a database file: name it '{}' instead of '{}'",
            to.with_extension("json").display(),
            to.display()
        )));
    }
    s.store.backup(to)?;
    if !server {
        writeln!(
            ctx.out,
            "Backed up to {} (restore by using it as --db, or copying it back)",
            to.display()
        )?;
    } else {
        writeln!(
            ctx.out,
            "Backed up to {} as an export (restore with rhythm import; pg_dump is the server's own tool for whole backups)",
            to.display()
        )?;
    }
    Ok(())
}

pub fn check(ctx: &mut Ctx<'_>, db: &DbChoice) -> anyhow::Result<()> {
    let (target, _) = db.resolve()?;
    let path = PathBuf::from(target.to_string());
    // Asked before opening: an open would write rhythm's tables into an
    // empty or foreign file, and then find it healthy. (A server's
    // database is never set up by a read.)
    let kind = match &target {
        DbTarget::File(file) => file_kind(file),
        DbTarget::Postgres(_) => Ok(FileKind::Rhythm),
    };
    let not_ours = match kind {
        Ok(FileKind::Empty) => Some("it is empty"),
        Ok(FileKind::OtherSqlite) => Some("it is another program's SQLite database"),
        // A damaged file is the checks' to report, as SQLite sees it; a
        // missing file or a folder, the open's.
        Ok(FileKind::NotSqlite | FileKind::Rhythm) | Err(_) => None,
    };
    if let Some(why) = not_ours {
        return Err(fail(format!(
            "'{}' is not a rhythm database ({why}): check the --db path; the file was left untouched",
            path.display()
        )));
    }
    let store = db.open(OpenMode::Read)?.store;
    let health = store.check()?;
    if health.is_ok() {
        writeln!(
            ctx.out,
            "{}: integrity ok, every link between records ok",
            path.display()
        )?;
        return Ok(());
    }
    for line in &health.integrity {
        writeln!(ctx.out, "integrity: {line}")?;
    }
    for line in &health.foreign_keys {
        writeln!(ctx.out, "broken link: {line}")?;
    }
    for line in &health.unreadable {
        writeln!(ctx.out, "unreadable: {line}")?;
    }
    for line in &health.alike {
        writeln!(ctx.out, "same name: {line}")?;
    }
    if health.integrity.is_empty() && health.foreign_keys.is_empty() && health.alike.is_empty() {
        return Err(fail(format!(
            "'{}' holds {} rhythm cannot read back: correct or delete those records, or restore it from a backup",
            path.display(),
            match health.unreadable.len() {
                1 => "1 value".to_string(),
                n => format!("{n} values"),
            }
        )));
    }
    let problems = health.integrity.len()
        + health.foreign_keys.len()
        + health.unreadable.len()
        + health.alike.len();
    Err(fail(format!(
        "'{}' has {problems} problem{}: restore it from a backup (rhythm backup) or an export",
        path.display(),
        if problems == 1 { "" } else { "s" }
    )))
}

/// Brings the database to this rhythm's schema; the store keeps a copy
/// of a file as it was beside it first.
pub fn migrate(ctx: &mut Ctx<'_>, db: &DbChoice) -> anyhow::Result<()> {
    let opened = db.open(OpenMode::MustExist)?;
    let (store, path) = (opened.store, PathBuf::from(opened.target.to_string()));
    match store.upgraded() {
        Some(kept) => writeln!(
            ctx.out,
            "Brought {} up to schema {LATEST_VERSION}; the file as it was is kept as {}",
            path.display(),
            kept.display()
        )?,
        None => writeln!(
            ctx.out,
            "{} is up to date (schema {LATEST_VERSION})",
            path.display()
        )?,
    }
    Ok(())
}
