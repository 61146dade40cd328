//! `rhythm export` and `rhythm import`: a whole database (or one team) as a
//! versioned JSON document, and back. The file is checked completely before
//! the database is opened, so a bad file changes nothing.

use std::io::{BufWriter, IsTerminal, Read};
use std::path::Path;

use serde_json::Value;

use super::args::{ExportArgs, ImportArgs, out_file};
use super::progress::Progress;
use super::{Ctx, DbChoice, Session, fail, resolve};
use crate::domain::archive::{Archive, FIRST_VERSION, FORMAT, VERSION};
use crate::domain::{OpSource, Origin, TeamId};
use crate::files::{PrivateFile, Replace};
use crate::storage::{ExportError, Images, OpenMode, Store, StoreError};

pub fn export(
    ctx: &mut Ctx<'_>,
    s: &Session,
    team: Option<&str>,
    a: &ExportArgs,
) -> anyhow::Result<()> {
    // Without --team the export is the whole database, however many teams.
    let team = match team {
        Some(name) => {
            let teams = s.store.teams()?;
            Some(resolve::team(&teams, Some(name)).map_err(fail)?.id)
        }
        None => None,
    };
    // Counting costs a pass over the data: only for a counter someone sees.
    let total = if std::io::stderr().is_terminal() {
        s.store.export_len(team)?
    } else {
        0
    };
    let mut progress = Progress::new("Exporting", total);
    match out_file(&a.out) {
        Some(path) => {
            let written = export_file(s, team, path, &mut |n| progress.add(n))?;
            progress.finish();
            writeln!(ctx.out, "Exported {written} records to {}", path.display())?;
        }
        None => {
            let out = BufWriter::new(&mut *ctx.out);
            match s.store.export_to(team, out, &mut |n| progress.add(n)) {
                Ok(_) => {}
                Err(ExportError::Store(e)) => return Err(e.into()),
                Err(ExportError::Write(e)) => return Err(e.into()),
            }
        }
    }
    Ok(())
}

/// Streams the export into a private file beside `path`, then renames it
/// into place (see `files`), so a failed export never leaves half a file
/// where one is expected (nor replaces an earlier export with one).
fn export_file(
    s: &Session,
    team: Option<TeamId>,
    path: &Path,
    progress: &mut dyn FnMut(usize),
) -> anyhow::Result<usize> {
    let could_not = |e: std::io::Error| fail(format!("could not write '{}': {e}", path.display()));
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir
        && !dir.is_dir()
    {
        return Err(fail(format!(
            "the folder '{}' does not exist: create it first",
            dir.display()
        )));
    }
    let mut file = PrivateFile::create(path, &s.store.guard()).map_err(could_not)?;
    // Dropping `file` on an error removes what was written of it.
    let written = match s.store.export_to(team, BufWriter::new(&mut file), progress) {
        Ok(n) => n,
        Err(ExportError::Store(e)) => return Err(e.into()),
        Err(ExportError::Write(e)) => return Err(could_not(e)),
    };
    file.commit(Replace::Yes).map_err(could_not)?;
    Ok(written)
}

/// The largest export `rhythm import` reads: five times the reference
/// set's (50 teams, ten years), so no real team meets it, and a stream
/// with no end (`/dev/zero`) is refused before memory runs out.
pub const ARCHIVE_MAX: u64 = 512 << 20;

/// Reads a file, or standard input for `-`, of at most `ARCHIVE_MAX` bytes.
pub fn read_input(path: &Path) -> anyhow::Result<Vec<u8>> {
    let name = if path.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        format!("'{}'", path.display())
    };
    let bytes = if path.as_os_str() == "-" {
        read_capped(std::io::stdin(), ARCHIVE_MAX)
    } else {
        std::fs::File::open(path).and_then(|f| read_capped(f, ARCHIVE_MAX))
    }
    .map_err(|e| fail(format!("could not read {name}: {e}")))?;
    bytes.ok_or_else(|| {
        fail(format!(
            "{name} is larger than an export can be ({} MiB): nothing was imported",
            ARCHIVE_MAX >> 20
        ))
    })
}

/// Up to `max` bytes of `input`, or `None` when it holds more: a file too
/// large (or endless) is refused at once, never read whole.
pub(super) fn read_capped(input: impl Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    input.take(max + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// The archive in `bytes`, or one line saying what is wrong and where.
pub fn parse_archive(name: &str, bytes: &[u8]) -> anyhow::Result<Archive> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "'{name}' is not UTF-8 text (bad byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(fail(format!(
            "'{name}' is empty: it is not a rhythm export"
        )));
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| fail(format!("'{name}' is not valid JSON: {e}")))?;
    let Some(object) = value.as_object() else {
        return Err(fail(format!(
            "'{name}' is not a rhythm export: it is not a JSON object"
        )));
    };
    match object.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(fail(format!(
                "'{name}' is not a rhythm export: \"format\" is {other}, not \"{FORMAT}\""
            )));
        }
        None => {
            return Err(fail(format!(
                "'{name}' is not a rhythm export: it has no \"format\" field"
            )));
        }
    }
    match object.get("version").and_then(Value::as_u64) {
        Some(v) if (u64::from(FIRST_VERSION)..=u64::from(VERSION)).contains(&v) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(fail(format!(
                "'{name}' was written by a newer rhythm (version {v}; this one reads up to version {VERSION}): upgrade rhythm to import it"
            )));
        }
        _ => {
            let Some(shown) = object.get("version") else {
                return Err(fail(format!(
                    "'{name}' is not a rhythm export: it has no \"version\" field"
                )));
            };
            return Err(fail(format!(
                "'{name}' has version {shown}; this rhythm reads versions {FIRST_VERSION} to {VERSION}"
            )));
        }
    }
    let archive: Archive = serde_json::from_str(text)
        .map_err(|e| fail(format!("'{name}' does not fit the export format: {e}")))?;
    archive
        .validate()
        .map_err(|e| fail(format!("'{name}': {e}")))?;
    Ok(archive)
}

pub fn import(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    a: &ImportArgs,
    origin: &Origin,
) -> anyhow::Result<()> {
    // Named first: a database this build cannot open is refused before
    // standard input is read.
    let (target, early) = db.open_server_early()?;
    let name = a.file.display().to_string();
    let archive = parse_archive(&name, &read_input(&a.file)?)?;
    let mut store = match early {
        Some(store) => store,
        None => db.open(OpenMode::Create)?.store,
    };
    let path = target.to_string();
    let mut progress = Progress::new("Importing", archive.len());
    let origin = Origin::new(origin.author.clone(), OpSource::Import);
    let created = store.created();
    let written = store.apply_batch(&origin, ctx.clock.now, Images::Keys, |w| {
        let report = w.import(&archive, a.merge, &mut |n| progress.add(n))?;
        let added: usize = report.added.values().sum();
        w.set_summary(format!("Imported {name}: {added} records added"));
        Ok(report)
    });
    let report = written.map_err(|e| forget_new(store, created, e))?;
    progress.finish();
    let added: usize = report.added.values().sum();
    let parts: Vec<String> = report
        .added
        .iter()
        .map(|(k, n)| format!("{n} {}", if *n == 1 { singular(k) } else { k }))
        .collect();
    let detail = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    };
    writeln!(
        ctx.out,
        "Imported {added} {} into {}{detail}",
        if added == 1 { "record" } else { "records" },
        path
    )?;
    if a.merge {
        writeln!(
            ctx.out,
            "{} {} already here, unchanged",
            report.unchanged,
            if report.unchanged == 1 {
                "record was"
            } else {
                "records were"
            }
        )?;
        if !report.conflicts.is_empty() {
            writeln!(
                ctx.out,
                "{} conflicts, left as they are here:",
                report.conflicts.len()
            )?;
            for c in &report.conflicts {
                writeln!(ctx.out, "  {c}")?;
            }
        }
    }
    Ok(())
}

/// A write into a database this command created failed: nothing of it
/// was kept, so the file goes too and the same command can simply be run
/// again. (A server's database stays set up and empty, which an import or
/// a copy accepts.)
pub(super) fn forget_new(store: Store, created: bool, e: StoreError) -> anyhow::Error {
    if created {
        store.remove_new();
    }
    e.into()
}

/// The import report's kinds are plural; one of each reads in the singular.
fn singular(kind: &str) -> &str {
    match kind {
        "people" => "person",
        "dependencies" => "dependency",
        other => other.strip_suffix('s').unwrap_or(other),
    }
}
