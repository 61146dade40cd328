//! `rhythm config path|show`: where the config file is, and the settings
//! in effect with where each came from.

use super::args::ConfigCommand;
use super::session::anchor;
use super::{Ctx, DbChoice};
use crate::domain::Origin;
use crate::paths::{DbTarget, Source};
use crate::pg_url::PgUrl;
use crate::pg_url::password::{self, From};

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
    let (database, server) = match db.resolve() {
        Ok((target, source)) => {
            let server = match &target {
                DbTarget::Postgres(url) => Some(*url.clone()),
                DbTarget::File(_) => None,
            };
            (format!("{target} ({})", from(source)), server)
        }
        Err(e) => (e.to_string(), None),
    };
    writeln!(ctx.out, "database:    {database}")?;
    if let Some(url) = &server {
        login_line(ctx, url)?;
    }
    writeln!(
        ctx.out,
        "team:        {}",
        team.unwrap_or("(none: the database's only team, or --team)")
    )?;
    writeln!(ctx.out, "author:      {}", origin.author)?;
    let minutes = match (&db.after.minutes_dir, &server) {
        (Some(dir), _) => dir.display().to_string(),
        // A server has no folder of its own here: minutes are kept on this
        // machine, in the data folder (see `session::anchor`).
        (None, Some(url)) => match anchor(&DbTarget::Postgres(Box::new(url.clone()))) {
            Ok(path) => format!(
                "{} (a server's database has no folder here)",
                path.with_file_name("minutes").display()
            ),
            Err(e) => format!("none: {e}"),
        },
        (None, None) => "beside the database, in minutes/".to_string(),
    };
    writeln!(ctx.out, "minutes:     {minutes}")?;
    writeln!(
        ctx.out,
        "meeting_end: {}",
        db.after.hook.as_deref().unwrap_or("(no hook)")
    )?;
    Ok(())
}

/// Who a server's database would be reached as, and where the password
/// would come from, so a wrong ~/.pgpass line shows before connecting does.
fn login_line(ctx: &mut Ctx<'_>, url: &PgUrl) -> anyhow::Result<()> {
    let (host, port) = url.first_endpoint();
    let login = match password::from_env(url, &host, port, ctx.env_login.as_deref()) {
        Ok(found) => {
            if let Some(warning) = &found.warning {
                writeln!(ctx.err, "{warning}")?;
            }
            let with = match &found.from {
                Some(From::Url) => "the password in the URL".to_string(),
                Some(From::Env) => "the password in PGPASSWORD".to_string(),
                Some(From::File(path)) => format!("the password in {}", path.display()),
                None => "no password (none in the URL, PGPASSWORD or the password file)".into(),
            };
            format!("{} with {with}", found.user)
        }
        Err(e) => e.to_string(),
    };
    writeln!(ctx.out, "login:       {login}")?;
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
