//! TLS against a stand-in server whose certificate is self-signed and a
//! CA's, made its own root in `sslrootcert` (`tests/fixtures/tls`):
//! `verify-ca`, and `require` given that root, take it as libpq does, and
//! the login goes on to the server's answer; `verify-full` still refuses
//! it. The stand-in answers every login with "no such database", so a
//! handshake that succeeded shows as that refusal.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

#[path = "common/pg_stand_in.rs"]
mod pg_stand_in;

use std::path::{Path, PathBuf};

use rhythm::pg_url::password::Credentials;
use rhythm::pg_url::{PgUrl, SslMode};
use rhythm::storage::{OpenMode, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tls")
        .join(name)
}

/// The one line said on connecting with `mode`, `pinned.crt` as the root,
/// to a stand-in serving that certificate.
fn said(mode: SslMode) -> (u16, String) {
    let missing = pg_stand_in::Refusal {
        code: "3D000",
        message: "database \"rhythm\" does not exist",
    };
    let served = (fixture("pinned.crt"), fixture("pinned.key"));
    let (port, stand_in) = pg_stand_in::start(missing, Some((&served.0, &served.1)));
    let mut url = PgUrl::parse(&format!("postgres://ana@127.0.0.1:{port}/rhythm")).unwrap();
    url.sslmode = mode;
    url.sslrootcert = Some(fixture("pinned.crt"));
    let credentials = Credentials {
        user: "ana".to_string(),
        password: None,
        from: None,
        warning: None,
    };
    let line = match Store::connect(&url, &credentials, OpenMode::Create) {
        Ok(_) => panic!("{url} connected to a stand-in"),
        Err(e) => e.to_string(),
    };
    assert!(!line.contains('\n'), "more than one line: {line:?}");
    stand_in.join().unwrap();
    (port, line)
}

#[test]
fn verify_ca_trusts_a_self_signed_ca_certificate_that_is_its_own_root() {
    for mode in [SslMode::VerifyCa, SslMode::Require] {
        let (port, line) = said(mode);
        assert_eq!(
            line,
            format!(
                "the PostgreSQL server at 127.0.0.1:{port} refused the connection: database \"rhythm\" does not exist"
            ),
            "{}",
            mode.name()
        );
    }
}

#[test]
fn verify_full_refuses_a_ca_certificate_as_the_servers_own() {
    let (port, line) = said(SslMode::VerifyFull);
    assert_eq!(
        line,
        format!(
            "cannot reach PostgreSQL at 127.0.0.1:{port}: TLS failed: the server's certificate is a CA's; \
             it is taken as the server's own only with sslmode=verify-ca and that very certificate in sslrootcert"
        )
    );
}
