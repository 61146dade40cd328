//! Where the database lives: `--db PATH`, else `RHYTHM_DB`, else the config
//! file's `database`, else `rhythm.db` in the platform data directory. Any
//! of the first three may instead be a `postgres://` URL. The demo has its
//! own file beside the default one.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::PathBuf;

use directories::ProjectDirs;

use crate::pg_url::{PgUrl, PgUrlError, is_url};

/// The database a command is pointed at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    File(PathBuf),
    // Boxed: a URL is ten times a path's size, and most targets are files.
    Postgres(Box<PgUrl>),
}

impl DbTarget {
    /// A `postgres://` or `postgresql://` URL names a server's database.
    /// Another `SCHEME://` (a typo, `POSTGRES://`) is refused as a URL, so
    /// it is never taken for a file's path and shown with its password;
    /// anything else is a file's path, as before.
    pub fn named(name: &OsStr) -> Result<DbTarget, PgUrlError> {
        match name.to_str() {
            Some(text) if is_url(text) || looks_like_url(text) => {
                Ok(DbTarget::Postgres(Box::new(PgUrl::parse(text)?)))
            }
            _ => Ok(DbTarget::File(PathBuf::from(name))),
        }
    }
}

/// `SCHEME://…` with a scheme of letters, digits, `+`, `-` or `.`.
fn looks_like_url(text: &str) -> bool {
    text.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// A file as its path, a server's database as its URL without the password.
impl fmt::Display for DbTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbTarget::File(path) => write!(f, "{}", path.display()),
            DbTarget::Postgres(url) => write!(f, "{url}"),
        }
    }
}

/// Why no database could be named.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error(transparent)]
    NoDataDir(#[from] NoDataDir),
    #[error(transparent)]
    Url(#[from] PgUrlError),
}

/// What this build says of a PostgreSQL database, before touching anything.
#[derive(Debug, thiserror::Error)]
#[error("PostgreSQL databases ({0}) are not supported by this build yet: use a SQLite file")]
pub struct NotSupported(pub Box<PgUrl>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    Config,
    Default,
}

#[derive(Debug, thiserror::Error)]
#[error(
    "no data directory could be found for this user (is HOME set?): pass --db PATH or set RHYTHM_DB"
)]
pub struct NoDataDir;

/// The platform data directory rhythm keeps its files in.
pub fn data_dir() -> Result<PathBuf, NoDataDir> {
    ProjectDirs::from("", "", "rhythm")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(NoDataDir)
}

/// The database to use, and which rule chose it. An empty `RHYTHM_DB`
/// counts as unset. Only the chosen name is read as a URL: a bad URL in
/// the config file does not stop a `--db` that overrides it.
pub fn resolve(
    flag: Option<PathBuf>,
    env: Option<OsString>,
    config: Option<PathBuf>,
) -> Result<(DbTarget, Source), ResolveError> {
    let given = [
        (flag.map(OsString::from), Source::Flag),
        (env.filter(|p| !p.is_empty()), Source::Env),
        (config.map(OsString::from), Source::Config),
    ];
    if let Some((name, source)) = given
        .into_iter()
        .find_map(|(name, source)| name.map(|n| (n, source)))
    {
        return Ok((DbTarget::named(&name)?, source));
    }
    let path = data_dir()?.join("rhythm.db");
    Ok((DbTarget::File(path), Source::Default))
}

/// The demo's own file, beside the default database and never the user's.
pub fn demo_path() -> Result<PathBuf, NoDataDir> {
    Ok(data_dir()?.join("demo.db"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(p: &str) -> DbTarget {
        DbTarget::File(PathBuf::from(p))
    }

    #[test]
    fn flag_beats_env_beats_default() {
        let (p, s) = resolve(Some("a.db".into()), Some("b.db".into()), None).unwrap();
        assert_eq!((p, s), (file("a.db"), Source::Flag));
        let (p, s) = resolve(None, Some("b.db".into()), Some("c.db".into())).unwrap();
        assert_eq!((p, s), (file("b.db"), Source::Env));
        if let Ok((DbTarget::File(p), s)) = resolve(None, Some("".into()), None) {
            assert_eq!(s, Source::Default);
            assert!(p.ends_with("rhythm.db"));
        }
    }

    #[test]
    fn a_postgres_url_from_any_source_names_a_server() {
        let url = "postgresql://ana:pw@db.example/rhythm";
        for (flag, env, config, source) in [
            (Some(url), None, None, Source::Flag),
            (None, Some(url), Some("c.db"), Source::Env),
            (None, None, Some(url), Source::Config),
        ] {
            let (target, s) = resolve(
                flag.map(Into::into),
                env.map(Into::into),
                config.map(Into::into),
            )
            .unwrap();
            assert_eq!(s, source);
            assert!(matches!(target, DbTarget::Postgres(_)));
            assert_eq!(target.to_string(), "postgresql://ana@db.example/rhythm");
        }
        // Only the chosen name is read: a flag overrides a broken setting.
        let (target, _) =
            resolve(Some("a.db".into()), None, Some("postgres://h/d?x=1".into())).unwrap();
        assert_eq!(target, file("a.db"));
        let err = resolve(None, Some("postgres://h/d?x=1".into()), None).unwrap_err();
        assert!(err.to_string().starts_with("unknown parameter 'x'"));
        // A file whose name merely mentions postgres stays a file.
        let (target, _) = resolve(Some("postgres.db".into()), None, None).unwrap();
        assert_eq!(target, file("postgres.db"));
    }
}
