//! The config file: `config.toml` in the platform config directory
//! (`~/.config/rhythm/` on Linux). Every setting is optional, and each one
//! comes after its flag and environment variable:
//!
//! ```toml
//! database = "~/team/rhythm.db"   # after --db and RHYTHM_DB
//! team = "Growth"                 # after --team and RHYTHM_TEAM
//! author = "Ana"                  # after --as and RHYTHM_USER, before the login name
//! minutes = "~/team/minutes"      # where ended meetings' minutes go (default: beside the database)
//!
//! [hooks]
//! meeting_end = "mail -s 'Weekly review' team@example.com"
//! ```
//!
//! Paths may start with `~/`; a relative path is taken from the config
//! file's folder. A file rhythm cannot read is one error naming its line.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::Deserialize;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The database to use when neither `--db` nor `RHYTHM_DB` names one:
    /// a file's path, or a `postgres://` URL kept as written.
    pub database: Option<PathBuf>,
    /// The team to work on when neither `--team` nor `RHYTHM_TEAM` names one.
    pub team: Option<String>,
    /// The author the operation log names.
    pub author: Option<String>,
    /// The folder the minutes of an ended meeting are written to.
    pub minutes: Option<PathBuf>,
    #[serde(default)]
    pub hooks: Hooks,
}

/// Commands rhythm runs when something happens, through `sh -c`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hooks {
    /// Run when a meeting ends, after its minutes are written: the minutes
    /// on standard input, their file in `RHYTHM_MINUTES`, the meeting as
    /// JSON in the file `RHYTHM_MEETING_JSON`.
    pub meeting_end: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the config file '{}', line {line}: {message}", .path.display())]
    Bad {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("the config file '{}' could not be read: {message}", .path.display())]
    Unreadable { path: PathBuf, message: String },
}

/// Where the config file is looked for, if the platform has a config
/// directory for this user.
pub fn path() -> Option<PathBuf> {
    ProjectDirs::from("", "", "rhythm").map(|d| d.config_dir().join("config.toml"))
}

/// The settings in the config file; none when there is no file.
pub fn load() -> Result<Config, ConfigError> {
    let Some(path) = path() else {
        return Ok(Config::default());
    };
    match read_small(&path) {
        Ok(text) => parse(&text, &path, home().as_deref()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(ConfigError::Unreadable {
            path,
            message: e.to_string(),
        }),
    }
}

/// A config file is a few lines: anything past this is not one.
const SIZE_MAX: u64 = 64 * 1024;

/// The file's text, if it is a regular file of at most `SIZE_MAX` bytes: a
/// link to `/dev/zero` or a FIFO would otherwise hold every command.
fn read_small(path: &Path) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind, Read};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "it is not a file"));
    }
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(SIZE_MAX + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > SIZE_MAX {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!("it is larger than {} KiB", SIZE_MAX / 1024),
        ));
    }
    Ok(text)
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// Reads `text`, the file at `path`: paths made whole (`~/` is `home`, a
/// relative path is the file's folder's).
pub fn parse(text: &str, path: &Path, home: Option<&Path>) -> Result<Config, ConfigError> {
    let mut config: Config = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        ConfigError::Bad {
            path: path.to_path_buf(),
            line: text[..at.min(text.len())].matches('\n').count() + 1,
            message: e.message().trim().replace('\n', " "),
        }
    })?;
    // An empty path would silently name the config folder itself.
    for (key, value) in [("database", &config.database), ("minutes", &config.minutes)] {
        if value.as_ref().is_some_and(|p| p.as_os_str().is_empty()) {
            return Err(ConfigError::Bad {
                path: path.to_path_buf(),
                line: line_of(text, key),
                message: format!("{key} is empty: name a file, or leave the line out"),
            });
        }
    }
    let folder = path.parent().unwrap_or(Path::new("."));
    // A URL is not a path: joined to the folder it would name a file.
    let url = |p: &PathBuf| p.to_str().is_some_and(crate::pg_url::is_url);
    let database = config.database.as_mut().filter(|p| !url(p));
    for p in [database, config.minutes.as_mut()].into_iter().flatten() {
        *p = whole(p, folder, home);
    }
    config.team = config.team.filter(|t| !t.trim().is_empty());
    config.author = config.author.filter(|a| !a.trim().is_empty());
    Ok(config)
}

/// The line on which `key` is set, counting from 1 (the first if none).
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

fn whole(p: &Path, folder: &Path, home: Option<&Path>) -> PathBuf {
    match (p.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ if p.is_relative() => folder.join(p),
        _ => p.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Config, ConfigError> {
        parse(
            text,
            Path::new("/etc/x/config.toml"),
            Some(Path::new("/home/ana")),
        )
    }

    #[test]
    fn every_setting_is_read_and_paths_made_whole() {
        let c = read(
            "database = \"~/team/r.db\"\nteam = \"Growth\"\nauthor = \"Ana\"\nminutes = \"m\"\n\n[hooks]\nmeeting_end = \"cat > /dev/null\"\n",
        )
        .unwrap();
        assert_eq!(
            c.database.as_deref(),
            Some(Path::new("/home/ana/team/r.db"))
        );
        assert_eq!(c.minutes.as_deref(), Some(Path::new("/etc/x/m")));
        assert_eq!(c.team.as_deref(), Some("Growth"));
        assert_eq!(c.author.as_deref(), Some("Ana"));
        assert_eq!(c.hooks.meeting_end.as_deref(), Some("cat > /dev/null"));
        assert_eq!(read("").unwrap(), Config::default());
    }

    #[test]
    fn a_postgres_url_stays_a_url() {
        for url in ["postgres://ana@db.example/rhythm", "postgresql:///rhythm"] {
            let c = read(&format!("database = \"{url}\"\n")).unwrap();
            assert_eq!(c.database.as_deref(), Some(Path::new(url)));
        }
        let c = read("database = \"postgres.db\"\n").unwrap();
        assert_eq!(c.database.as_deref(), Some(Path::new("/etc/x/postgres.db")));
    }

    #[test]
    fn an_empty_path_is_refused_naming_its_line() {
        let err = read("team = \"G\"\nminutes = \"\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the config file '/etc/x/config.toml', line 2: minutes is empty: name a file, or leave the line out"
        );
        assert!(read("database = ''\n").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn only_a_small_regular_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, "#".repeat(100_000)).unwrap();
        assert!(
            read_small(&big)
                .unwrap_err()
                .to_string()
                .contains("larger than 64 KiB")
        );
        let zero = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert_eq!(
            read_small(&zero).unwrap_err().to_string(),
            "it is not a file"
        );
    }

    #[test]
    fn a_bad_file_is_one_error_naming_its_line() {
        let err = read("team = \"Growth\"\n\ndatabse = \"x.db\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "the config file '/etc/x/config.toml', line 3: unknown field `databse`"
            ),
            "{err}"
        );
        assert!(!err.contains('\n'), "{err}");
        let err = read("team = Growth\n").unwrap_err().to_string();
        assert!(err.contains("line 1:"), "{err}");
        let err = read("[hooks]\nmeeting_end = 5\n").unwrap_err().to_string();
        assert!(err.contains("line 2:"), "{err}");
    }
}
