//! How a URL is shown in every message: without its password, with the
//! settings left at their defaults left out.

use std::fmt;

use super::encode::{component, query_value};
use super::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_PORT, Host, PgUrl, SslMode};

/// `postgres://ana@db.example/rhythm`: the same database when read back,
/// but never the password.
impl fmt::Display for PgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://", self.scheme)?;
        if let Some(user) = &self.user {
            write!(f, "{}@", component(user))?;
        }
        let mut query: Vec<(&str, String)> = Vec::new();
        let sockets = self.hosts.iter().any(|h| matches!(h, Host::Socket(_)));
        let ports: Vec<String> = self.ports.iter().map(u16::to_string).collect();
        let default_ports = self.ports.iter().all(|p| *p == DEFAULT_PORT);
        if sockets || (self.hosts.is_empty() && !default_ports) {
            // A socket folder is a path, written as a parameter as libpq's
            // documentation does.
            let names: Vec<String> = self.hosts.iter().map(host_text).collect();
            if !names.is_empty() {
                query.push(("host", names.join(",")));
            }
            if !default_ports {
                query.push(("port", ports.join(",")));
            }
        } else {
            for (i, (host, port)) in self.endpoints().iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                match host_text(host) {
                    h if h.contains(':') => write!(f, "[{h}]")?,
                    h => write!(f, "{}", component(&h))?,
                }
                if *port != DEFAULT_PORT {
                    write!(f, ":{port}")?;
                }
            }
        }
        if let Some(db) = &self.dbname {
            write!(f, "/{}", component(db))?;
        }
        if self.sslmode != SslMode::default() {
            query.push(("sslmode", self.sslmode.name().to_string()));
        }
        if let Some(cert) = &self.sslrootcert {
            query.push(("sslrootcert", cert.display().to_string()));
        }
        if self.connect_timeout != Some(DEFAULT_CONNECT_TIMEOUT) {
            let seconds = self.connect_timeout.map_or(0, |t| t.as_secs());
            query.push(("connect_timeout", seconds.to_string()));
        }
        for (key, value) in [
            ("options", &self.options),
            ("application_name", &self.application_name),
        ] {
            if let Some(v) = value {
                query.push((key, v.clone()));
            }
        }
        for (i, (key, value)) in query.iter().enumerate() {
            let sep = if i == 0 { '?' } else { '&' };
            write!(f, "{sep}{key}={}", query_value(value))?;
        }
        Ok(())
    }
}

fn host_text(host: &Host) -> String {
    match host {
        Host::Tcp(name) => name.clone(),
        Host::Socket(dir) => dir.display().to_string(),
    }
}

/// As `Display`: a test failure or a log line must not show the password.
impl fmt::Debug for PgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PgUrl({self})")
    }
}
