//! `rhythm copy --from A --to B`: a whole database, or one team, moved
//! between a SQLite file and a PostgreSQL server (or file to file, server
//! to server) through the export, and checked: the copy must export the
//! very bytes the original did, or the command says it does not.

use sha2::{Digest, Sha256};

use super::args::CopyArgs;
use super::progress::Progress;
use super::transfer::{forget_new, parse_archive};
use super::{Ctx, DbChoice, fail, resolve};
use crate::domain::{OpSource, Origin};
use crate::paths::DbTarget;
use crate::storage::{ExportError, Images, OpenMode, Store};

pub fn copy(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    a: &CopyArgs,
    team: Option<&str>,
    origin: &Origin,
) -> anyhow::Result<()> {
    let named = |path: &std::path::Path, reads_only| DbChoice {
        flag: Some(path.to_path_buf()),
        env: None,
        config: None,
        reads_only,
        ..db.clone()
    };
    let (from, to) = (named(&a.from, true), named(&a.to, false));
    let (source, target) = (from.resolve()?.0, to.resolve()?.0);
    if same(&source, &target) {
        return Err(fail(format!(
            "--from and --to both name {source}: copy into another database"
        )));
    }
    // The original first: a copy from nowhere creates nothing.
    let original = from.open(OpenMode::Read)?.store;
    let team = match team {
        Some(name) => Some(
            resolve::team(&original.teams()?, Some(name))
                .map_err(fail)?
                .name
                .clone(),
        ),
        None => None,
    };
    let first = export(&original, team.as_deref(), "Reading")?;
    let archive = parse_archive(&source.to_string(), &first)?;
    let mut copy = to.open(OpenMode::Create)?.store;
    if !copy.is_empty()? {
        return Err(fail(format!(
            "{target} already holds data: copy into a new file or an empty database; it was left as it is"
        )));
    }
    let origin = Origin::new(origin.author.clone(), OpSource::Import);
    let mut progress = Progress::new("Copying", archive.len());
    let created = copy.created();
    let written = copy.apply_batch(&origin, ctx.clock.now, Images::Keys, |w| {
        let report = w.import(&archive, false, &mut |n| progress.add(n))?;
        let added: usize = report.added.values().sum();
        w.set_summary(format!("Copied {added} records from {source}"));
        Ok(added)
    });
    let added = match written {
        Ok(added) => added,
        Err(e) => return Err(forget_new(copy, created, e)),
    };
    progress.finish();
    let second = export(&copy, team.as_deref(), "Checking")?;
    if first != second {
        return Err(fail(format!(
            "the copy in {target} does not export the same bytes as {source}: take it back with `rhythm --db {target} undo`, and report this"
        )));
    }
    let digest = Sha256::digest(&first);
    let short: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    writeln!(
        ctx.out,
        "Copied {added} {} from {source} to {target}; both export the same {} bytes (sha256 {short}…)",
        if added == 1 { "record" } else { "records" },
        first.len()
    )?;
    Ok(())
}

/// The export of `store` (one team's, by name), in memory: import reads a
/// whole document anyway.
fn export(store: &Store, team: Option<&str>, what: &'static str) -> anyhow::Result<Vec<u8>> {
    let team = match team {
        Some(name) => Some(resolve::team(&store.teams()?, Some(name)).map_err(fail)?.id),
        None => None,
    };
    let mut progress = Progress::new(what, 0);
    let mut bytes = Vec::new();
    match store.export_to(team, &mut bytes, &mut |n| progress.add(n)) {
        Ok(_) => {}
        Err(ExportError::Store(e)) => return Err(e.into()),
        Err(ExportError::Write(e)) => return Err(e.into()),
    }
    progress.finish();
    Ok(bytes)
}

/// Whether two names are one database: the same URL, or paths to one file
/// however they are written.
fn same(a: &DbTarget, b: &DbTarget) -> bool {
    let real = |p: &std::path::Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    match (a, b) {
        (DbTarget::File(a), DbTarget::File(b)) => real(a) == real(b),
        _ => a == b,
    }
}
