//! The user name and password for one server of a URL, found as libpq finds
//! them (the `postgres` crate reads no environment): the URL's own, else
//! `PGPASSWORD`, else the first matching line of the password file
//! (`PGPASSFILE`, else `~/.pgpass`). `lookup` is pure: the environment and
//! the file come in as values; `from_env` is the thin caller that reads them.

use std::path::{Path, PathBuf};

use super::{DEFAULT_PORT, Host, PgUrl};

/// What the lookup needs from outside, read once by the caller.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `PGPASSWORD`.
    pub password: Option<String>,
    /// `PGUSER`.
    pub user: Option<String>,
    /// The login name, the last default for the user.
    pub login: Option<String>,
    /// The password file, if there is one.
    pub file: Option<PassFile>,
}

/// A password file as found on disk.
#[derive(Debug, Clone)]
pub struct PassFile {
    pub path: PathBuf,
    pub text: String,
    /// Its permission bits (`st_mode & 0o7777`).
    pub mode: u32,
}

/// Who connects, with what.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub password: Option<String>,
    /// Where the password came from, when there is one.
    pub from: Option<From>,
    /// A line to print: the password file was not used, and why.
    pub warning: Option<String>,
}

/// Where a password was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum From {
    Url,
    Env,
    File(PathBuf),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The password shows only as whether there is one.
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "…"))
            .field("from", &self.from)
            .field("warning", &self.warning)
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no user name for {0}: put one in the URL (postgres://USER@…) or set PGUSER")]
pub struct NoUser(pub String);

/// The credentials for reaching `url` at `host:port`.
pub fn lookup(url: &PgUrl, host: &Host, port: u16, env: &Env) -> Result<Credentials, NoUser> {
    let user = [&url.user, &env.user, &env.login]
        .into_iter()
        .flatten()
        .find(|u| !u.is_empty())
        .cloned()
        .ok_or_else(|| NoUser(url.to_string()))?;
    let given = [
        (url.password(), From::Url),
        (env.password.as_deref(), From::Env),
    ]
    .into_iter()
    .find_map(|(p, from)| p.filter(|p| !p.is_empty()).map(|p| (p, from)));
    if let Some((password, from)) = given {
        return Ok(Credentials {
            user,
            password: Some(password.to_string()),
            from: Some(from),
            warning: None,
        });
    }
    let (password, warning) = match &env.file {
        None => (None, None),
        Some(file) if file.mode & 0o077 != 0 => (
            None,
            Some(format!(
                "warning: password file \"{}\" has group or world access; permissions should be u=rw (0600) or less",
                file.path.display()
            )),
        ),
        Some(file) => {
            // libpq's default database is the user's name.
            let db = url.dbname.as_deref().unwrap_or(&user);
            (from_file(&file.text, host, port, db, &user), None)
        }
    };
    let from = match (&password, &env.file) {
        (Some(_), Some(file)) => Some(From::File(file.path.clone())),
        _ => None,
    };
    Ok(Credentials {
        user,
        password,
        from,
        warning,
    })
}

/// The first line of a password file that matches, as libpq reads it:
/// `host:port:database:user:password`, `*` matching anything, `\` escaping
/// `:` and `\`, `#` starting a comment. A socket host is `localhost` there.
fn from_file(text: &str, host: &Host, port: u16, db: &str, user: &str) -> Option<String> {
    let port = if port == 0 { DEFAULT_PORT } else { port }.to_string();
    let hosts: Vec<String> = match host {
        Host::Tcp(name) => vec![name.clone()],
        // libpq matches `localhost` for its own socket folder and the
        // folder's path for any other; we cannot know which is its own.
        Host::Socket(dir) => vec!["localhost".into(), dir.display().to_string()],
    };
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .find_map(|line| {
            let fields = fields(line);
            let [h, p, d, u, password, ..] = fields.as_slice() else {
                return None;
            };
            let fits = |field: &Field, wanted: &str| field.star || field.text == wanted;
            (hosts.iter().any(|name| fits(h, name))
                && fits(p, &port)
                && fits(d, db)
                && fits(u, user))
            .then(|| password.text.clone())
        })
}

struct Field {
    text: String,
    /// The field is a lone unescaped `*`.
    star: bool,
}

/// A line cut at its unescaped colons, escapes removed.
fn fields(line: &str) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut text = String::new();
    let mut escaped_any = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) => {
                    text.push(next);
                    escaped_any = true;
                }
                None => text.push('\\'),
            },
            ':' => {
                let star = text == "*" && !escaped_any;
                fields.push(Field {
                    text: std::mem::take(&mut text),
                    star,
                });
                escaped_any = false;
            }
            c => text.push(c),
        }
    }
    fields.push(Field { text, star: false });
    fields
}

/// `lookup` with the real environment: `PGPASSWORD`, `PGUSER`, and the file
/// `PGPASSFILE` or `~/.pgpass`. A file that is missing or unreadable is
/// ignored, as libpq ignores it; `login` is the caller's login name.
pub fn from_env(
    url: &PgUrl,
    host: &Host,
    port: u16,
    login: Option<&str>,
) -> Result<Credentials, NoUser> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let path = var("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|h| Path::new(&h).join(".pgpass")));
    let env = Env {
        password: var("PGPASSWORD"),
        user: var("PGUSER"),
        login: login.map(str::to_string),
        file: path.and_then(|p| read_file(&p)),
    };
    lookup(url, host, port, &env)
}

pub(super) fn read_file(path: &Path) -> Option<PassFile> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mode = meta.permissions().mode() & 0o7777;
    // A file others can read is not even read: only its mode matters.
    let text = if mode & 0o077 == 0 {
        std::fs::read_to_string(path).ok()?
    } else {
        String::new()
    };
    Some(PassFile {
        path: path.to_path_buf(),
        text,
        mode,
    })
}
