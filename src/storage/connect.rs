//! Opening a store on a PostgreSQL server: the same checks, in the same
//! order, as opening a file (see `Store::open`), with the database's own
//! words for "missing" and "not rhythm's".

use super::db::{Db, ErrorKind};
use super::{OpenMode, Store, StoreError};
use crate::pg_url::password::Credentials;
use crate::pg_url::{Host, PgUrl};

impl Store {
    /// Connects to the database `url` names. A database with no tables is
    /// set up only with `OpenMode::Create`; one with another program's
    /// tables, or a newer rhythm's schema, is refused before anything is
    /// written to it.
    pub fn connect(
        url: &PgUrl,
        credentials: &Credentials,
        mode: OpenMode,
    ) -> Result<Store, StoreError> {
        let shown = url.to_string();
        let conn = Db::connect(url, credentials).map_err(|e| {
            let (server, reason) = (endpoint(url), e.to_string());
            match e.kind() {
                ErrorKind::Refused => StoreError::ServerRefused { server, reason },
                _ => StoreError::Unreachable { server, reason },
            }
        })?;
        conn.listen()?;
        let reads = matches!(mode, OpenMode::Read | OpenMode::ReadOnly);
        if reads {
            conn.read_only_session()?;
        }
        let mut store = Store {
            conn,
            path: None,
            server: Some(shown.clone()),
            log_tables: Default::default(),
            read_only_file: false,
            upgraded: None,
            reads_only: mode == OpenMode::Read,
            created: false,

            #[cfg(test)]
            prepared: Default::default(),
        };
        let found = store.first_checks()?;
        let fresh = found.version == 0 && found.empty;
        if fresh && mode != OpenMode::Create {
            return Err(StoreError::MissingServer(shown));
        }
        store.created = fresh;
        store.finish(found, mode)?;
        Ok(store)
    }
}

/// The server tried first, as `HOST:PORT`.
fn endpoint(url: &PgUrl) -> String {
    let (host, port) = url.first_endpoint();
    match host {
        Host::Tcp(name) => format!("{name}:{port}"),
        Host::Socket(folder) => format!("{}:{port}", folder.display()),
    }
}
