//! `rhythm demo`: build the demo database and show it. Without --db it uses
//! its own demo.db beside the default database, never the user's own data.
//! With --teams or --weeks it builds the large history instead, with a
//! progress counter on a terminal.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::args::DemoArgs;
use super::progress::Progress;
use super::{Ctx, DbChoice, fail, scorecard};
use crate::demo::{self, Filled};
use crate::domain::scorecard as card;
use crate::domain::{Change, OpSource, Origin};
use crate::paths;
use crate::storage::{Images, OpenMode, Store};

pub fn run(
    ctx: &mut Ctx<'_>,
    db: &DbChoice,
    args: &DemoArgs,
    origin: &Origin,
) -> anyhow::Result<()> {
    let origin =
        Origin::new(origin.author.clone(), OpSource::Demo).approved_by(Some(origin.author.clone()));
    let (mut store, path) = match &db.flag {
        // The flag is what resolving picks: a file or a server's database.
        Some(_) => {
            let opened = db.open(OpenMode::Create)?;
            // Named in messages as a path is: a URL without its password.
            (opened.store, PathBuf::from(opened.target.to_string()))
        }
        None => {
            let path = paths::demo_path()?;
            if let Some(dir) = path.parent() {
                crate::files::create_private_dir(dir).map_err(|e| {
                    fail(format!(
                        "could not create the folder '{}': {e}",
                        dir.display()
                    ))
                })?;
            }
            (Store::open(&path, OpenMode::Create)?, path)
        }
    };
    let created = store.created();
    let filled = match build(ctx, &mut store, &path, db, args, &origin) {
        Ok(filled) => filled,
        Err(e) => {
            if created {
                store.remove_new();
            }
            return Err(e);
        }
    };
    let size = args.large();
    show(ctx, &store, &path, size, &filled)?;
    if !args.no_tui && std::io::stdout().is_terminal() {
        let db = DbChoice {
            // The flag as typed: a URL's password is not in `path`.
            flag: db.flag.clone().or(Some(path)),
            env: None,
            reads_only: false,
            config: None,
            after: Default::default(),
            login: None,
        };
        let team = filled.teams[0].1.clone();
        return super::live::open_screen(ctx, &db, Some(&team), true, None, &origin);
    }
    Ok(())
}

/// Fills the opened file with the demo, refusing to lose what a person
/// typed into an earlier one.
fn build(
    ctx: &mut Ctx<'_>,
    store: &mut Store,
    path: &Path,
    db: &DbChoice,
    args: &DemoArgs,
    origin: &Origin,
) -> anyhow::Result<Filled> {
    if !store.is_empty()? && !store.is_demo()? {
        return Err(fail(format!(
            "'{}' already holds data that is not a demo: rhythm demo only fills a new file or an earlier demo",
            path.display()
        )));
    }
    let size = args.large();
    // What someone typed into an earlier demo is never lost silently: the
    // rebuild of a file named with --db is refused, or with --reset keeps
    // its images, so `rhythm undo` brings all of it back.
    let changed = if store.is_empty()? {
        0
    } else {
        store.changes_not_from_the_demo()?
    };
    // rhythm's own demo file (no --db) is rebuilt whatever was done in it,
    // as a person trying rhythm expects; what was done is kept first, in a
    // copy beside it, and said.
    let own_demo = db.flag.is_none();
    let images = match (changed, args.reset, size) {
        (0, _, _) => Images::None,
        (n, false, _) if own_demo => {
            let kept = path.with_file_name(format!(
                "demo-kept-{}.db",
                ctx.clock.now.format("%Y%m%d-%H%M%S")
            ));
            store.backup(&kept)?;
            writeln!(
                ctx.out,
                "The earlier demo held {n} change{} made in it: kept as {}",
                plural(n),
                kept.display()
            )?;
            Images::None
        }
        (_, true, None) => Images::Full,
        (n, true, Some(_)) => {
            return Err(fail(format!(
                "'{}' holds {n} change{} made since the demo was built, and a large demo cannot be undone: build it in a new file with --db",
                path.display(),
                plural(n)
            )));
        }
        (n, false, _) => {
            return Err(fail(format!(
                "'{}' holds {n} change{} made since the demo was built: build the demo in a new file with --db NEW.db, or rebuild this one with --reset (rhythm undo takes it back)",
                path.display(),
                plural(n)
            )));
        }
    };
    let today = ctx.clock.today;
    Ok(match size {
        None => store.apply_batch(origin, ctx.clock.now, images, |w| {
            w.apply(&Change::ClearDemo)?;
            let filled = demo::fill(w, today)?;
            w.set_summary(format!(
                "Built the demo: {} teams, {} weeks ending {}",
                filled.teams.len(),
                filled.weeks,
                filled.week
            ));
            Ok(filled)
        })?,
        Some(size) => {
            let mut progress = Progress::new("Building the demo", size.records());
            let filled = demo::large::fill(store, origin, size, today, &mut |n| progress.add(n))?;
            progress.finish();
            filled
        }
    })
}

/// Prints what was built, its first team's scorecard and what to try next.
fn show(
    ctx: &mut Ctx<'_>,
    store: &Store,
    path: &Path,
    size: Option<demo::large::Size>,
    filled: &Filled,
) -> anyhow::Result<()> {
    writeln!(ctx.out, "Demo database: {}", path.display())?;
    writeln!(
        ctx.out,
        "{} teams, {} weeks of readings ending {}",
        filled.teams.len(),
        filled.weeks,
        filled.week
    )?;
    if let Some(size) = size {
        writeln!(
            ctx.out,
            "{} readings, {} action items, {} decisions, {} dependencies, {} meetings",
            size.readings(),
            size.actions(),
            size.decisions(),
            size.dependencies(),
            size.meetings()
        )?;
    }
    writeln!(ctx.out)?;
    let (team, name) = &filled.teams[0];
    let measures = store.measures(*team, false)?;
    let readings = store.readings(*team, filled.week.offset(-12), filled.week)?;
    let sc = card::build(name, &measures, &readings, filled.week, 13);
    write!(ctx.out, "{}", scorecard::table(&sc))?;
    let db_arg = shell_quote(&path.display().to_string());
    // The small demo suggests its other teams; the large one its first.
    let (other, first) = match size {
        None => ("Platform".to_string(), "Growth".to_string()),
        Some(_) => (shell_quote(name), shell_quote(name)),
    };
    writeln!(ctx.out, "\nTry:")?;
    writeln!(ctx.out, "  rhythm --db {db_arg} scorecard --team {other}")?;
    writeln!(ctx.out, "  rhythm --db {db_arg} action list --team {first}")?;
    writeln!(
        ctx.out,
        "  rhythm --db {db_arg} decision list --team {first}"
    )?;
    Ok(())
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Quotes a path for copying into a shell when it needs it.
pub(super) fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
