//! `rhythm decision export --adr DIR`: decisions as architecture decision
//! records, one file per decision, written by `formats::adr` and kept in step
//! with the decision log on every run. Also the checks every command that
//! writes a file the user named makes before writing it.

use std::path::Path;

use super::{Ctx, Session, fail};
use crate::domain::{DecisionId, Team};
use crate::files::{self, Guard, Replace};
use crate::formats::adr::{self, Record, Step};
use crate::storage::DecisionFilter;

pub fn export(ctx: &mut Ctx<'_>, s: &Session, team: &Team, dir: &Path) -> anyhow::Result<()> {
    let mut decisions = s.store.decisions(team.id, &DecisionFilter::default())?;
    if dir.exists() && !dir.is_dir() {
        return Err(fail(format!(
            "cannot export to '{}': it is a file, not a folder",
            dir.display()
        )));
    }
    folder_must_exist(dir, "create")?;
    if decisions.is_empty() {
        writeln!(
            ctx.out,
            "{} has no decisions logged; nothing written",
            team.name
        )?;
        return Ok(());
    }
    decisions.sort_by_key(|d| d.id);
    let records: Vec<Record> = decisions
        .iter()
        .map(|d| Record {
            id: d.id,
            name: adr::file_name(d),
            text: adr::render(&team.name, d, &decisions),
        })
        .collect();

    let guard = s.store.guard();
    if !dir.exists() {
        // A folder in place of the database's log would stop it opening.
        let cannot = |e: std::io::Error| fail(format!("cannot create '{}': {e}", dir.display()));
        guard.check(dir).map_err(cannot)?;
        crate::files::create_private_dir(dir).map_err(cannot)?;
    }
    let existing = numbered_files(dir, &records)?;
    let steps = adr::plan(&records, &existing).map_err(|name| {
        fail(format!(
            "'{}' was not written by rhythm, so it is left alone: move it away or export to another folder",
            dir.join(name).display()
        ))
    })?;

    let (mut written, mut unchanged, mut renamed) = (0, 0, 0);
    for (record, step) in records.iter().zip(&steps) {
        match step {
            Step::Keep(_) => unchanged += 1,
            Step::Create(name) | Step::Update(name) => {
                write_file(&dir.join(name), &record.text, &guard)?;
                written += 1;
            }
            Step::Rename { from, to } => {
                write_file(&dir.join(to), &record.text, &guard)?;
                for old in from {
                    let old = dir.join(old);
                    std::fs::remove_file(&old)
                        .map_err(|e| fail(format!("cannot remove '{}': {e}", old.display())))?;
                }
                renamed += 1;
            }
        }
    }
    let plural = if records.len() == 1 { "" } else { "s" };
    writeln!(
        ctx.out,
        "{} decision record{plural} of {} in {}: {written} written, {unchanged} unchanged, {renamed} renamed",
        records.len(),
        team.name,
        dir.display()
    )?;
    Ok(())
}

/// Name and text of each file in `dir` whose name starts with the number of
/// one of `records`: the only files the export may replace or rename.
fn numbered_files(dir: &Path, records: &[Record]) -> anyhow::Result<Vec<(String, String)>> {
    let cannot = |e: std::io::Error| fail(format!("cannot read '{}': {e}", dir.display()));
    let wanted: Vec<DecisionId> = records.iter().map(|r| r.id).collect();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(cannot)? {
        let entry = entry.map_err(cannot)?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let ours = adr::number_of(&name).is_some_and(|n| wanted.contains(&DecisionId(n)));
        if !ours || !entry.path().is_file() {
            continue;
        }
        // A file that is not text is not one this export wrote.
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        found.push((name, text));
    }
    Ok(found)
}

/// Refuses `path` when the folder it goes in does not exist, naming both;
/// `verb` says what was wanted ("write", "create").
pub(super) fn folder_must_exist(path: &Path, verb: &str) -> anyhow::Result<()> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    if parent.is_dir() {
        return Ok(());
    }
    let problem = if parent.exists() {
        format!("'{}' is a file, not a folder", parent.display())
    } else {
        format!("the folder '{}' does not exist", parent.display())
    };
    Err(fail(format!(
        "cannot {verb} '{}': {problem}",
        path.display()
    )))
}

/// Writes `text` to the file at `path`, replacing what was there, whole
/// and readable by its owner only.
pub(super) fn write_file(path: &Path, text: &str, guard: &Guard) -> anyhow::Result<()> {
    if path.is_dir() {
        return Err(fail(format!(
            "cannot write '{}': it is a folder",
            path.display()
        )));
    }
    files::write_private(path, text.as_bytes(), Replace::Yes, guard)
        .map_err(|e| fail(format!("cannot write '{}': {e}", path.display())))
}
