//! Where the database lives: `--db PATH`, else `RHYTHM_DB`, else the config
//! file's `database`, else `rhythm.db` in the platform data directory. The
//! demo has its own file beside it.

use std::ffi::OsString;
use std::path::PathBuf;

use directories::ProjectDirs;

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
/// counts as unset.
pub fn resolve(
    flag: Option<PathBuf>,
    env: Option<OsString>,
    config: Option<PathBuf>,
) -> Result<(PathBuf, Source), NoDataDir> {
    if let Some(path) = flag {
        return Ok((path, Source::Flag));
    }
    if let Some(path) = env.filter(|p| !p.is_empty()) {
        return Ok((PathBuf::from(path), Source::Env));
    }
    if let Some(path) = config {
        return Ok((path, Source::Config));
    }
    Ok((data_dir()?.join("rhythm.db"), Source::Default))
}

/// The demo's own file, beside the default database and never the user's.
pub fn demo_path() -> Result<PathBuf, NoDataDir> {
    Ok(data_dir()?.join("demo.db"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_default() {
        let (p, s) = resolve(Some("a.db".into()), Some("b.db".into()), None).unwrap();
        assert_eq!((p, s), (PathBuf::from("a.db"), Source::Flag));
        let (p, s) = resolve(None, Some("b.db".into()), Some("c.db".into())).unwrap();
        assert_eq!((p, s), (PathBuf::from("b.db"), Source::Env));
        if let Ok((p, s)) = resolve(None, Some("".into()), None) {
            assert_eq!(s, Source::Default);
            assert!(p.ends_with("rhythm.db"));
        }
    }
}
