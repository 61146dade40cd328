//! Connecting to PostgreSQL as libpq would: TLS by `sslmode`, every step
//! bounded by `connect_timeout` (0: only the system's own limits), and a
//! failure said in one line.

use std::error::Error as StdError;
use std::io;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use postgres::config::SslMode as PgSslMode;

use super::pg::Conn;
use super::pg_tls;
use super::{Error, Result};
use crate::pg_url::password::Credentials;
use crate::pg_url::{Host, PgUrl, SslMode};

/// How long a connection may sit idle before the kernel asks whether the
/// server is still there, and how long sent data may go unanswered: a
/// server that died mid-session fails the next statement instead of
/// hanging it.
const KEEPALIVE_IDLE: Duration = Duration::from_secs(30);
const TCP_USER_TIMEOUT: Duration = Duration::from_secs(60);

/// The wait beyond `connect_timeout` before giving up on a server: the
/// driver's own timeout, which fires first when the socket cannot open,
/// gives the better reason.
const SLACK: Duration = Duration::from_millis(500);

/// Connects to `url`'s servers in turn.
pub(super) fn connect(url: &PgUrl, credentials: &Credentials) -> Result<Conn> {
    let mut config = postgres::Config::new();
    config.user(&credentials.user);
    if let Some(password) = &credentials.password {
        config.password(password);
    }
    if let Some(db) = &url.dbname {
        config.dbname(db);
    }
    if let Some(options) = &url.options {
        config.options(options);
    }
    config.application_name(url.application_name.as_deref().unwrap_or("rhythm"));
    // A zero timeout in the driver would fail at once: no limit is set.
    if let Some(timeout) = url.connect_timeout {
        config.connect_timeout(timeout);
    }
    config.keepalives(true);
    config.keepalives_idle(KEEPALIVE_IDLE);
    config.tcp_user_timeout(TCP_USER_TIMEOUT);
    let mut endpoints = url.endpoints();
    if endpoints.is_empty() {
        endpoints.push(url.first_endpoint());
    }
    let servers = endpoints.len();
    // libpq ignores sslmode on Unix sockets, where the server offers no TLS.
    let sockets_only = endpoints.iter().all(|(h, _)| matches!(h, Host::Socket(_)));
    for (host, port) in endpoints {
        match host {
            Host::Tcp(name) => config.host(&name),
            Host::Socket(folder) => config.host_path(folder),
        };
        config.port(port);
    }
    let mode = if sockets_only {
        SslMode::Disable
    } else {
        url.sslmode
    };
    config.ssl_mode(match mode {
        SslMode::Disable => PgSslMode::Disable,
        SslMode::Prefer => PgSslMode::Prefer,
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => PgSslMode::Require,
    });
    let tls = pg_tls::connector(mode, url.sslrootcert.as_deref())?;
    // The driver's connect_timeout bounds each socket's opening, not the
    // TLS handshake or the login after it: a server that accepts and never
    // answers would hang us, so the whole connect runs on a thread we stop
    // waiting for. Left behind, it ends when the socket does.
    let (sent, answer) = mpsc::channel();
    std::thread::Builder::new()
        .name("postgres connect".into())
        .spawn(move || {
            let _ = sent.send(config.connect(tls));
        })
        .map_err(|e| Error::Message(format!("cannot start connecting: {e}")))?;
    let answered = match deadline(url.connect_timeout, servers) {
        Some((limit, each)) => match answer.recv_timeout(limit.saturating_add(SLACK)) {
            Err(RecvTimeoutError::Timeout) => {
                return Err(Error::Message(silent(limit, each, servers)));
            }
            other => other.map_err(|_| ()),
        },
        // connect_timeout=0: as long as the system's own timeouts allow.
        None => answer.recv().map_err(|_| ()),
    };
    match answered {
        Ok(Ok(client)) => Ok(Conn::new(client)),
        Ok(Err(e)) if refused(&e) => Err(Error::Refused(reason(&e, url))),
        Ok(Err(e)) => Err(Error::Message(reason(&e, url))),
        Err(()) => Err(Error::Message(
            "connecting stopped without an answer".to_string(),
        )),
    }
}

/// How long to wait for all of `servers` in turn, and for each, or `None`
/// for no limit. A limit too large to add up is none.
fn deadline(each: Option<Duration>, servers: usize) -> Option<(Duration, Duration)> {
    let each = each?;
    let limit = each.checked_mul(u32::try_from(servers).unwrap_or(u32::MAX))?;
    Some((limit, each))
}

fn silent(limit: Duration, each: Duration, servers: usize) -> String {
    let each = each.as_secs();
    if servers > 1 {
        format!(
            "no answer within {} s (connect_timeout={each} for each of {servers} servers)",
            limit.as_secs()
        )
    } else {
        format!("no answer within {each} s (connect_timeout={each})")
    }
}

/// Whether the server answered and turned the login down: a wrong
/// password, a user it does not let in, or no such database. Reaching it
/// again will not help; the URL or the credentials must change.
fn refused(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.code().is_some_and(|code| {
        [
            SqlState::INVALID_PASSWORD,
            SqlState::INVALID_AUTHORIZATION_SPECIFICATION,
            SqlState::INVALID_CATALOG_NAME,
        ]
        .contains(code)
    })
}

/// Why connecting failed, for people: the server's own words when it
/// answered, else the cause beneath the driver's summary.
fn reason(e: &postgres::Error, url: &PgUrl) -> String {
    let root = url.sslrootcert.as_deref();
    if let Some(db) = e.as_db_error() {
        return one_line(db.message());
    }
    let mut cause = e.source();
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<io::Error>() {
            // rustls reports a failed handshake inside an I/O error.
            if let Some(tls) = io.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
                return format!("TLS failed: {}", pg_tls::tls_reason(tls, root));
            }
            return match (io.kind(), url.connect_timeout) {
                (io::ErrorKind::TimedOut, Some(t)) => {
                    format!("no answer within {} s (connect_timeout={0})", t.as_secs())
                }
                _ => io_reason(io),
            };
        }
        if let Some(tls) = c.downcast_ref::<rustls::Error>() {
            return format!("TLS failed: {}", pg_tls::tls_reason(tls, root));
        }
        if c.source().is_none() {
            return one_line(&format!("{e}: {c}"));
        }
        cause = c.source();
    }
    one_line(&e.to_string())
}

pub(super) fn io_reason(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let text = e.to_string();
    match e.kind() {
        K::ConnectionRefused => "connection refused".to_string(),
        K::ConnectionReset | K::ConnectionAborted | K::UnexpectedEof => {
            "the server closed the connection".to_string()
        }
        K::NotFound => "no such file".to_string(),
        K::PermissionDenied => "permission denied".to_string(),
        K::TimedOut => "no answer before the system stopped waiting".to_string(),
        _ => match text.strip_prefix("failed to lookup address information: ") {
            Some(why) => format!("the host name does not resolve ({why})"),
            None => one_line(&text),
        },
    }
}

pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::io_reason;
    use std::io;

    #[test]
    fn io_errors_read_as_one_plain_line() {
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(io_reason(&refused), "connection refused");
        let lookup =
            io::Error::other("failed to lookup address information: Name or service not known");
        assert_eq!(
            io_reason(&lookup),
            "the host name does not resolve (Name or service not known)"
        );
    }
}
