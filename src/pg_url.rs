//! A PostgreSQL database named by a libpq URL
//! (`postgres://USER:PASSWORD@HOST:PORT/DBNAME?PARAMS`), read the way the
//! `postgres` crate's `Config::from_str` reads one, and shown everywhere with
//! its password removed. Parsing is pure; finding the password that the URL
//! leaves out lives in `password`. Imports neither storage nor cli.
//!
//! Where that crate and libpq differ, libpq is followed: the credentials end
//! at the first `@` before the path (a `@` in `options` is not one), and a
//! `?host=` replaces the hosts named before the path. Only the parameters
//! rhythm will use are accepted; `sslmode=allow` (plain text first) is
//! refused. `connect_timeout=0` waits as long as the system does, as in
//! libpq.

mod display;
mod encode;
pub mod password;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_password;

use std::path::PathBuf;
use std::time::Duration;

use encode::decode;

/// The port a host without one is reached on.
pub const DEFAULT_PORT: u16 = 5432;

/// How long connecting may take when the URL does not say: a server that
/// never answers must not hang a command.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether a text names a PostgreSQL database rather than a file.
pub fn is_url(text: &str) -> bool {
    SCHEMES.iter().any(|s| text.starts_with(s))
}

const SCHEMES: [&str; 2] = ["postgres://", "postgresql://"];

/// A parsed URL. `Debug` and `Display` never show the password.
#[derive(Clone, PartialEq, Eq)]
pub struct PgUrl {
    pub scheme: &'static str,
    pub user: Option<String>,
    password: Option<String>,
    pub hosts: Vec<Host>,
    /// One port for every host, or one per host; none means 5432.
    pub ports: Vec<u16>,
    pub dbname: Option<String>,
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
    /// `None` for `connect_timeout=0`: no limit beyond the system's own.
    pub connect_timeout: Option<Duration>,
    pub options: Option<String>,
    pub application_name: Option<String>,
}

/// A server's name or address, or the folder of its Unix socket (a host
/// starting with `/`, as libpq reads it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    Tcp(String),
    Socket(PathBuf),
}

/// libpq's `sslmode` values (`allow` is left out: it tries without TLS first).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    #[default]
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    const ALL: [(&'static str, SslMode); 5] = [
        ("disable", SslMode::Disable),
        ("prefer", SslMode::Prefer),
        ("require", SslMode::Require),
        ("verify-ca", SslMode::VerifyCa),
        ("verify-full", SslMode::VerifyFull),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, m)| *m == self)
            .map_or("prefer", |(n, _)| n)
    }
}

/// Why a URL was refused, in one line that quotes the part at fault (never
/// the password).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PgUrlError {
    #[error(
        "unknown parameter '{0}' in the PostgreSQL URL: rhythm reads host, port, user, password, dbname, sslmode, sslrootcert, connect_timeout, options and application_name"
    )]
    UnknownParameter(String),
    #[error("the parameter '{0}' in the PostgreSQL URL has no '=value'")]
    NoValue(String),
    #[error(
        "sslmode '{0}' in the PostgreSQL URL is not one of disable, prefer, require, verify-ca, verify-full"
    )]
    SslMode(String),
    #[error("the port '{0}' in the PostgreSQL URL is not a number from 1 to 65535")]
    Port(String),
    #[error(
        "connect_timeout '{0}' in the PostgreSQL URL is not a whole number of seconds (0 waits as long as the system does)"
    )]
    Timeout(String),
    #[error("the PostgreSQL URL gives {ports} ports for {hosts} hosts: give one, or one per host")]
    PortCount { ports: usize, hosts: usize },
    #[error(
        "the host '{0}' in the PostgreSQL URL is not a host name, [IPv6 address] or socket folder"
    )]
    Host(String),
    #[error("'{0}' in the PostgreSQL URL is not valid percent-encoded UTF-8")]
    Encoding(String),
    #[error("the password in the PostgreSQL URL is not valid percent-encoded UTF-8")]
    PasswordEncoding,
    #[error("'{0}:' is not a PostgreSQL URL's start: use postgres:// or postgresql://")]
    Scheme(String),
}

impl PgUrl {
    /// Reads `text`, which starts with `postgres://` or `postgresql://`.
    pub fn parse(text: &str) -> Result<PgUrl, PgUrlError> {
        let Some((scheme, rest)) = SCHEMES
            .iter()
            .find_map(|s| text.strip_prefix(s).map(|rest| (*s, rest)))
        else {
            // Only what comes before the first ':' is quoted: a password
            // may follow it.
            let scheme = text.split(':').next().unwrap_or_default();
            return Err(PgUrlError::Scheme(scheme.chars().take(40).collect()));
        };
        let mut url = PgUrl {
            scheme: scheme.trim_end_matches("://"),
            user: None,
            password: None,
            hosts: Vec::new(),
            ports: Vec::new(),
            dbname: None,
            sslmode: SslMode::default(),
            sslrootcert: None,
            connect_timeout: Some(DEFAULT_CONNECT_TIMEOUT),
            options: None,
            application_name: None,
        };
        // The authority ends at the path or the query; a '@' after it (in
        // `options`, say) is not the end of the credentials.
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, rest) = rest.split_at(end);
        let hosts = match authority.split_once('@') {
            Some((credentials, hosts)) => {
                url.credentials(credentials)?;
                hosts
            }
            None => authority,
        };
        url.authority_hosts(hosts)?;
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let dbname = path.strip_prefix('/').unwrap_or(path);
        url.dbname = non_empty(decode(dbname)?);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| PgUrlError::NoValue(pair.to_string()))?;
            url.param(&decode(key)?, value)?;
        }
        if url.ports.len() > 1 && url.ports.len() != url.hosts.len() {
            return Err(PgUrlError::PortCount {
                ports: url.ports.len(),
                hosts: url.hosts.len(),
            });
        }
        Ok(url)
    }

    /// The password the URL itself gives, if any.
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// Each host with the port it is reached on, in the order to try them.
    pub fn endpoints(&self) -> Vec<(Host, u16)> {
        self.hosts
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let port = match self.ports.as_slice() {
                    [] => DEFAULT_PORT,
                    [one] => *one,
                    many => many.get(i).copied().unwrap_or(DEFAULT_PORT),
                };
                (h.clone(), port)
            })
            .collect()
    }

    /// The server tried first. With no host, libpq uses its socket, which
    /// a password file calls `localhost`.
    pub fn first_endpoint(&self) -> (Host, u16) {
        self.endpoints().into_iter().next().unwrap_or_else(|| {
            let port = self.ports.first().copied().unwrap_or(DEFAULT_PORT);
            (Host::Tcp("localhost".into()), port)
        })
    }

    fn credentials(&mut self, text: &str) -> Result<(), PgUrlError> {
        let (user, password) = match text.split_once(':') {
            Some((user, password)) => (user, Some(password)),
            None => (text, None),
        };
        self.user = non_empty(decode(user)?);
        if let Some(password) = password {
            self.password = non_empty(decode(password).map_err(|_| PgUrlError::PasswordEncoding)?);
        }
        Ok(())
    }

    /// `host[:port]` chunks separated by commas, IPv6 addresses in brackets.
    fn authority_hosts(&mut self, text: &str) -> Result<(), PgUrlError> {
        if text.is_empty() {
            return Ok(());
        }
        for chunk in text.split(',') {
            let (host, port) = match chunk.strip_prefix('[') {
                Some(inner) => {
                    let (host, after) = inner
                        .split_once(']')
                        .ok_or_else(|| PgUrlError::Host(chunk.to_string()))?;
                    match after {
                        "" => (host, None),
                        _ => match after.strip_prefix(':') {
                            Some(port) => (host, Some(port)),
                            None => return Err(PgUrlError::Host(chunk.to_string())),
                        },
                    }
                }
                None => match chunk.split_once(':') {
                    Some((host, port)) => (host, Some(port)),
                    None => (chunk, None),
                },
            };
            let host = decode(host)?;
            if host.is_empty() && text.contains(',') {
                return Err(PgUrlError::Host(chunk.to_string()));
            }
            if !host.is_empty() {
                self.hosts.push(host_of(host));
            }
            self.ports.push(match port {
                Some(p) => parse_port(&decode(p)?)?,
                None => DEFAULT_PORT,
            });
        }
        Ok(())
    }

    fn param(&mut self, key: &str, raw: &str) -> Result<(), PgUrlError> {
        let value = if key == "password" {
            decode(raw).map_err(|_| PgUrlError::PasswordEncoding)?
        } else {
            decode(raw)?
        };
        match key {
            // A later setting wins, as in libpq: `?host=` replaces the hosts
            // before the path.
            "host" => {
                self.hosts = value
                    .split(',')
                    .map(|h| match h {
                        "" => Err(PgUrlError::Host(value.clone())),
                        h => Ok(host_of(h.to_string())),
                    })
                    .collect::<Result<_, _>>()?;
            }
            "port" => {
                self.ports = value.split(',').map(parse_port).collect::<Result<_, _>>()?;
            }
            "user" => self.user = non_empty(value),
            "password" => self.password = non_empty(value),
            "dbname" => self.dbname = non_empty(value),
            "sslmode" => {
                self.sslmode = SslMode::ALL
                    .iter()
                    .find(|(n, _)| *n == value)
                    .map(|(_, m)| *m)
                    .ok_or(PgUrlError::SslMode(value))?;
            }
            "sslrootcert" => self.sslrootcert = non_empty(value).map(PathBuf::from),
            "connect_timeout" => {
                // libpq reads 0 as no limit of its own.
                self.connect_timeout = match value.trim().parse::<u64>() {
                    Ok(0) => None,
                    Ok(s) => Some(Duration::from_secs(s)),
                    Err(_) => return Err(PgUrlError::Timeout(value)),
                };
            }
            "options" => self.options = non_empty(value),
            "application_name" => self.application_name = non_empty(value),
            _ => return Err(PgUrlError::UnknownParameter(key.to_string())),
        }
        Ok(())
    }
}

fn host_of(name: String) -> Host {
    if name.starts_with('/') {
        Host::Socket(PathBuf::from(name))
    } else {
        Host::Tcp(name)
    }
}

fn parse_port(text: &str) -> Result<u16, PgUrlError> {
    match text.parse::<u16>() {
        Ok(p) if p > 0 => Ok(p),
        _ => Err(PgUrlError::Port(text.to_string())),
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}
