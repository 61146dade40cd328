//! Connecting to PostgreSQL through the library, on loopback only: a
//! closed port or a silent server fails in one line within its
//! `connect_timeout`, a server that says no is said to refuse, in its own
//! words, and `sslmode` picks plain text or TLS as libpq would. The tests that need a server use
//! `RHYTHM_TEST_PG` (`postgres://USER@HOST/DB`, a server with TLS on) and
//! are skipped with a note without it.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;
#[path = "common/pg_stand_in.rs"]
mod pg_stand_in;

use std::io::Write as _;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Once, mpsc};
use std::time::{Duration, Instant};

use rhythm::pg_url::password::Credentials;
use rhythm::pg_url::{PgUrl, SslMode};
use rhythm::storage::{OpenMode, Store};

const ENV: &str = "RHYTHM_TEST_PG";
const PASSWORD: &str = "s3cret-pw";

fn credentials(url: &PgUrl) -> Credentials {
    Credentials {
        user: url.user.clone().unwrap_or_else(|| "postgres".to_string()),
        password: Some(url.password().unwrap_or(PASSWORD).to_string()),
        from: None,
        warning: None,
    }
}

/// The store, or the one line said instead, and how long it took.
fn connect(url: &PgUrl) -> (Result<Store, String>, Duration) {
    let start = Instant::now();
    let result = Store::connect(url, &credentials(url), OpenMode::Create).map_err(|e| {
        let line = e.to_string();
        assert!(!line.contains('\n'), "more than one line: {line:?}");
        assert!(!line.contains(PASSWORD), "the password was shown: {line}");
        line
    });
    (result, start.elapsed())
}

fn refusal(url: &PgUrl) -> (String, Duration) {
    match connect(url) {
        (Ok(_), _) => panic!("{url} connected"),
        (Err(line), took) => (line, took),
    }
}

fn local(port: u16, params: &str) -> PgUrl {
    PgUrl::parse(&format!("postgres://127.0.0.1:{port}/rhythm?{params}")).unwrap()
}

#[test]
fn a_closed_port_is_refused_at_once() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (line, took) = refusal(&local(port, "sslmode=prefer"));
    assert_eq!(
        line,
        format!("cannot reach PostgreSQL at 127.0.0.1:{port}: connection refused")
    );
    assert!(took < Duration::from_secs(1), "{took:?}");
}

/// A server that takes the connection and never says a word, in the TLS
/// request (prefer) or the login (disable).
#[test]
fn a_silent_server_fails_within_connect_timeout() {
    for mode in ["prefer", "disable"] {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (done, wait) = mpsc::channel::<()>();
        let silent = std::thread::spawn(move || {
            let _held = listener.accept().unwrap();
            let _ = wait.recv();
        });
        let (line, took) = refusal(&local(port, &format!("sslmode={mode}&connect_timeout=1")));
        assert_eq!(
            line,
            format!(
                "cannot reach PostgreSQL at 127.0.0.1:{port}: no answer within 1 s (connect_timeout=1)"
            ),
            "{mode}"
        );
        assert!(took >= Duration::from_secs(1), "{mode}: {took:?}");
        assert!(took < Duration::from_secs(4), "{mode}: {took:?}");
        done.send(()).unwrap();
        silent.join().unwrap();
    }
}

/// libpq's `connect_timeout=0`: no limit of rhythm's own, so a server
/// slower than any zero-length limit is still heard out.
#[test]
fn a_connect_timeout_of_zero_sets_no_limit() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let slow = std::thread::spawn(move || {
        let held = listener.accept().unwrap();
        std::thread::sleep(Duration::from_millis(1200));
        drop(held);
    });
    let (line, took) = refusal(&local(port, "sslmode=disable&connect_timeout=0"));
    assert_eq!(
        line,
        format!("cannot reach PostgreSQL at 127.0.0.1:{port}: the server closed the connection")
    );
    assert!(took >= Duration::from_millis(1200), "{took:?}");
    slow.join().unwrap();
}

#[test]
fn an_unreadable_root_certificate_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("root.crt");
    let mut url = local(1, "sslmode=verify-ca");
    url.sslrootcert = Some(missing.clone());
    let (line, _) = refusal(&url);
    assert_eq!(
        line,
        format!(
            "cannot reach PostgreSQL at 127.0.0.1:1: cannot read sslrootcert '{}': no such file",
            missing.display()
        )
    );
    std::fs::write(&missing, "not a certificate\n").unwrap();
    let (line, _) = refusal(&url);
    assert!(
        line.ends_with(&format!(
            "sslrootcert '{}' holds no PEM certificate",
            missing.display()
        )),
        "{line}"
    );
}

/// The test server, or `None` after a note that these tests are skipped.
fn server() -> Option<PgUrl> {
    let Some(text) = std::env::var(ENV).ok().filter(|s| !s.is_empty()) else {
        static SKIPPED: Once = Once::new();
        SKIPPED.call_once(|| {
            note(&format!(
                "PostgreSQL connection tests skipped: set {ENV}=postgres://USER@HOST/DB"
            ))
        });
        return None;
    };
    Some(PgUrl::parse(&text).unwrap())
}

/// A line on the real standard error, which the test harness does not hide.
fn note(line: &str) {
    let _ = std::io::stderr().write_all(format!("{line}\n").as_bytes());
}

fn admin() -> postgres::Client {
    let url = std::env::var(ENV).unwrap();
    postgres::Client::connect(&url, postgres::NoTls).unwrap()
}

/// A schema of the test server's own, dropped with it.
struct Schema(String);

impl Schema {
    fn new() -> Schema {
        static N: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "tls_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        );
        admin()
            .batch_execute(&format!("CREATE SCHEMA \"{name}\""))
            .unwrap();
        Schema(name)
    }

    /// `base` in this schema, named `name` in the server's activity list.
    fn url(&self, base: &PgUrl, mode: SslMode) -> PgUrl {
        let mut url = base.clone();
        url.options = Some(format!("-csearch_path={}", self.0));
        url.application_name = Some(self.0.clone());
        url.sslmode = mode;
        url
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let _ = admin().batch_execute(&format!("DROP SCHEMA IF EXISTS \"{}\" CASCADE", self.0));
    }
}

/// Whether the store connected with `mode` talks to its server over TLS,
/// as the server sees it.
fn encrypted(base: &PgUrl, mode: SslMode) -> bool {
    let schema = Schema::new();
    let url = schema.url(base, mode);
    let (store, _) = connect(&url);
    let _store = store.unwrap_or_else(|e| panic!("{}: {e}", mode.name()));
    admin()
        .query_one(
            "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) \
             WHERE a.application_name = $1",
            &[&schema.0],
        )
        .unwrap()
        .get(0)
}

#[test]
fn require_and_prefer_encrypt_and_disable_does_not() {
    let Some(base) = server() else { return };
    let on: String = admin().query_one("SHOW ssl", &[]).unwrap().get(0);
    assert_eq!(on, "on", "the server at {ENV} must have TLS on");
    assert!(encrypted(&base, SslMode::Require));
    assert!(encrypted(&base, SslMode::Prefer));
    assert!(!encrypted(&base, SslMode::Disable));
}

/// The server's certificate names no address: verify-full at one refuses
/// it, whoever signed it.
#[test]
fn verify_full_refuses_a_certificate_for_another_name() {
    let Some(mut base) = server() else { return };
    base.sslmode = SslMode::VerifyFull;
    let (line, _) = refusal(&base);
    assert!(
        line.contains(": TLS failed: the server's certificate is not signed by any root certificate this system trusts")
            || line.contains(": TLS failed: the certificate names "),
        "{line}"
    );
}

/// With the server's own certificate as the root its chain checks out;
/// with roots that did not sign it, it is refused even where the system
/// trusts it, since a given root is the only one trusted.
#[test]
fn a_given_root_certificate_is_the_only_one_trusted() {
    let Some(base) = server() else { return };
    let own: String = admin().query_one("SHOW ssl_cert_file", &[]).unwrap().get(0);
    let others = "/etc/ssl/certs/ca-certificates.crt";
    if std::fs::read(&own).is_err() || std::fs::read(others).is_err() {
        note(&format!(
            "root certificate test skipped: cannot read {own} or {others}"
        ));
        return;
    }
    let schema = Schema::new();
    for mode in [SslMode::Require, SslMode::VerifyCa] {
        let mut url = schema.url(&base, mode);
        url.sslrootcert = Some(own.clone().into());
        let (store, _) = connect(&url);
        store.unwrap_or_else(|e| panic!("{}: {e}", mode.name()));
        url.sslrootcert = Some(others.into());
        let (line, _) = refusal(&url);
        assert!(
            line.ends_with(&format!(
                ": TLS failed: the server's certificate is not signed by any certificate in sslrootcert '{others}'"
            )),
            "{}: {line}",
            mode.name()
        );
    }
}

/// A server that answered and said no was reached: the line says it
/// refused, in its own words, and the command exits 1.
#[test]
fn a_missing_database_is_refused_in_the_servers_words() {
    let Some(mut base) = server() else { return };
    base.dbname = Some("no_such_db".to_string());
    let (line, _) = refusal(&base);
    let (host, port) = base.first_endpoint();
    let rhythm::pg_url::Host::Tcp(host) = host else {
        return;
    };
    let expected = format!(
        "the PostgreSQL server at {host}:{port} refused the connection: database \"no_such_db\" does not exist"
    );
    assert_eq!(line, expected);
    let t = common::Sandbox::new();
    let said = t
        .exec(&[], &["--db", &base.to_string(), "scorecard"])
        .fails(1);
    assert_eq!(said, format!("error: {expected}"));
}

/// A server that turns the password down (the test server trusts every
/// login, so a stand-in answers the login with PostgreSQL's error).
#[test]
fn a_wrong_password_is_refused_not_unreachable() {
    let wrong_password = pg_stand_in::Refusal {
        code: "28P01",
        message: "password authentication failed for user \"ana\"",
    };
    let (port, stand_in) = pg_stand_in::start(wrong_password, None);
    let (line, _) = refusal(&local(port, "sslmode=disable"));
    assert_eq!(
        line,
        format!(
            "the PostgreSQL server at 127.0.0.1:{port} refused the connection: password authentication failed for user \"ana\""
        )
    );
    stand_in.join().unwrap();
}
