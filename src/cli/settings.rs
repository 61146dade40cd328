//! `rhythm config path|show`: where the config file is, and the settings
//! in effect with where each came from.

use super::args::ConfigCommand;
use super::{Ctx, DbChoice};
use crate::domain::Origin;
use crate::paths::Source;

pub fn show(
    ctx: &mut Ctx<'_>,
    c: &ConfigCommand,
    db: &DbChoice,
    team: Option<&str>,
    origin: &Origin,
) -> anyhow::Result<()> {
    let path = crate::config::path();
    if let ConfigCommand::Path = c {
        match &path {
            Some(p) => writeln!(ctx.out, "{}", p.display())?,
            None => {
                return Err(super::fail(
                    "this user has no config directory (is HOME set?)",
                ));
            }
        }
        return Ok(());
    }
    let file = match (&path, &ctx.config) {
        (None, _) => "none (this user has no config directory)".to_string(),
        (Some(p), Err(e)) => format!("{} — not used: {e}", p.display()),
        (Some(p), Ok(_)) if p.exists() => p.display().to_string(),
        (Some(p), Ok(_)) => format!("{} (not there: every setting has its default)", p.display()),
    };
    writeln!(ctx.out, "config file: {file}")?;
    let database = match db.resolve() {
        Ok((p, source)) => format!("{} ({})", p.display(), from(source)),
        Err(e) => e.to_string(),
    };
    writeln!(ctx.out, "database:    {database}")?;
    writeln!(
        ctx.out,
        "team:        {}",
        team.unwrap_or("(none: the file's only team, or --team)")
    )?;
    writeln!(ctx.out, "author:      {}", origin.author)?;
    let minutes = match &db.after.minutes_dir {
        Some(dir) => dir.display().to_string(),
        None => "beside the database, in minutes/".to_string(),
    };
    writeln!(ctx.out, "minutes:     {minutes}")?;
    writeln!(
        ctx.out,
        "meeting_end: {}",
        db.after.hook.as_deref().unwrap_or("(no hook)")
    )?;
    Ok(())
}

fn from(source: Source) -> &'static str {
    match source {
        Source::Flag => "from --db",
        Source::Env => "from RHYTHM_DB",
        Source::Config => "from the config file",
        Source::Default => "the default",
    }
}
