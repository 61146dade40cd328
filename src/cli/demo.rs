//! `rhythm demo`: build the demo database and show it. Without --db it uses
//! its own demo.db beside the default database, never the user's own data.

use std::io::IsTerminal;

use super::args::DemoArgs;
use super::{Ctx, DbChoice, fail, scorecard};
use crate::demo;
use crate::domain::scorecard as card;
use crate::paths;
use crate::storage::{OpenMode, Store};

pub fn run(ctx: &mut Ctx<'_>, db: &DbChoice, args: &DemoArgs) -> anyhow::Result<()> {
    let path = match &db.flag {
        Some(p) => p.clone(),
        None => {
            let path = paths::demo_path()?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    fail(format!(
                        "could not create the folder '{}': {e}",
                        dir.display()
                    ))
                })?;
            }
            path
        }
    };
    let mut store = Store::open(&path, OpenMode::Create)?;
    if !store.is_empty()? && !store.is_demo()? {
        return Err(fail(format!(
            "'{}' already holds data that is not a demo: rhythm demo only fills a new file or an earlier demo",
            path.display()
        )));
    }
    let today = ctx.clock.today;
    let filled = store.write(ctx.clock.now, |w| {
        w.clear_demo()?;
        demo::fill(w, today)
    })?;
    writeln!(ctx.out, "Demo database: {}", path.display())?;
    writeln!(
        ctx.out,
        "{} teams, {} weeks of readings ending {}\n",
        filled.teams.len(),
        demo::WEEKS,
        filled.week
    )?;
    let (team, name) = &filled.teams[0];
    let measures = store.measures(*team, false)?;
    let readings = store.readings(*team, filled.week.offset(-12), filled.week)?;
    let sc = card::build(name, &measures, &readings, filled.week, 13);
    write!(ctx.out, "{}", scorecard::table(&sc))?;
    let db_arg = shell_quote(&path.display().to_string());
    writeln!(ctx.out, "\nTry:")?;
    writeln!(ctx.out, "  rhythm --db {db_arg} scorecard --team Platform")?;
    writeln!(ctx.out, "  rhythm --db {db_arg} action list --team Growth")?;
    writeln!(
        ctx.out,
        "  rhythm --db {db_arg} decision list --team Growth"
    )?;
    if !args.no_tui && std::io::stdout().is_terminal() {
        let db = DbChoice {
            flag: Some(path),
            env: None,
        };
        let team = name.clone();
        return super::live::open_screen(ctx, &db, Some(&team), true);
    }
    Ok(())
}

/// Quotes a path for copying into a shell when it needs it.
fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
