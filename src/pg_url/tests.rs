use std::path::PathBuf;
use std::time::Duration;

use super::*;

fn url(text: &str) -> PgUrl {
    PgUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn every_part_is_read_and_decoded() {
    let u = url(
        "postgresql://ana%40corp:s%3Acret@db.example:6432/team%20db?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=9&options=-csearch_path%3Drt_1&application_name=rhythm",
    );
    assert_eq!(u.scheme, "postgresql");
    assert_eq!(u.user.as_deref(), Some("ana@corp"));
    assert_eq!(u.password(), Some("s:cret"));
    assert_eq!(u.hosts, vec![Host::Tcp("db.example".into())]);
    assert_eq!(u.ports, vec![6432]);
    assert_eq!(u.dbname.as_deref(), Some("team db"));
    assert_eq!(u.sslmode, SslMode::VerifyFull);
    assert_eq!(u.sslrootcert, Some(PathBuf::from("/etc/ca.pem")));
    assert_eq!(u.connect_timeout, Some(Duration::from_secs(9)));
    assert_eq!(u.options.as_deref(), Some("-csearch_path=rt_1"));
    assert_eq!(u.application_name.as_deref(), Some("rhythm"));
}

#[test]
fn what_is_left_out_takes_libpq_defaults() {
    let u = url("postgres://");
    assert_eq!(u.user, None);
    assert_eq!(u.password(), None);
    assert!(u.hosts.is_empty() && u.ports.is_empty());
    assert_eq!(u.dbname, None);
    assert_eq!(u.sslmode, SslMode::Prefer);
    assert_eq!(u.connect_timeout, Some(DEFAULT_CONNECT_TIMEOUT));
    assert_eq!(u.to_string(), "postgres://");
}

/// As in libpq, 0 sets no limit of rhythm's own, and is shown as given.
#[test]
fn a_connect_timeout_of_zero_waits_as_long_as_the_system_does() {
    let u = url("postgres://h/d?connect_timeout=0");
    assert_eq!(u.connect_timeout, None);
    assert_eq!(u.to_string(), "postgres://h/d?connect_timeout=0");
    assert_eq!(url(&u.to_string()).connect_timeout, None);
}

#[test]
fn hosts_pair_with_their_ports() {
    let u = url("postgres://a:5433,[::1]:5434,b/x");
    assert_eq!(
        u.endpoints(),
        vec![
            (Host::Tcp("a".into()), 5433),
            (Host::Tcp("::1".into()), 5434),
            (Host::Tcp("b".into()), 5432),
        ]
    );
    // One port serves every host.
    let u = url("postgres:///x?host=a,b&port=7000");
    assert_eq!(
        u.endpoints(),
        vec![(Host::Tcp("a".into()), 7000), (Host::Tcp("b".into()), 7000)]
    );
    // A host starting with '/' is a socket folder.
    let u = url("postgres://ana@%2Fvar%2Frun%2Fpostgresql/x");
    assert_eq!(
        u.hosts,
        vec![Host::Socket(PathBuf::from("/var/run/postgresql"))]
    );
    // A '?host=' replaces the hosts before it, as a later setting does in libpq.
    let u = url("postgres://a/x?host=/tmp");
    assert_eq!(u.hosts, vec![Host::Socket(PathBuf::from("/tmp"))]);
}

#[test]
fn the_shown_form_never_has_the_password() {
    for (text, shown) in [
        (
            "postgres://ana:hunter2@db.example/rhythm",
            "postgres://ana@db.example/rhythm",
        ),
        (
            "postgresql://ana@db.example:6432/rhythm?password=hunter2",
            "postgresql://ana@db.example:6432/rhythm",
        ),
        ("postgres://:hunter2@[::1]/r", "postgres://[::1]/r"),
        (
            "postgres:///r?host=/var/run/postgresql&port=5433&sslmode=require",
            "postgres:///r?host=/var/run/postgresql&port=5433&sslmode=require",
        ),
        (
            "postgres://a,b:5433/r?options=-c%20search_path%3Drt&connect_timeout=2",
            "postgres://a,b:5433/r?connect_timeout=2&options=-c%20search_path%3Drt",
        ),
    ] {
        let u = url(text);
        assert_eq!(u.to_string(), shown, "{text}");
        assert!(!format!("{u:?}").contains("hunter2"));
        // What is shown reads back as the same database.
        let again = url(shown);
        assert_eq!(
            (again.endpoints(), again.dbname, again.options),
            (u.endpoints(), u.dbname.clone(), u.options.clone())
        );
    }
}

#[test]
fn a_bad_url_is_one_line_quoting_the_part_at_fault() {
    for (text, message) in [
        (
            "postgres://ana:hunter2@h/d?sslcert=x",
            "unknown parameter 'sslcert' in the PostgreSQL URL: rhythm reads host, port, user, password, dbname, sslmode, sslrootcert, connect_timeout, options and application_name",
        ),
        (
            "postgres://h/d?sslmode=allow",
            "sslmode 'allow' in the PostgreSQL URL is not one of disable, prefer, require, verify-ca, verify-full",
        ),
        (
            "postgres://ana:hunter2@h:54x/d",
            "the port '54x' in the PostgreSQL URL is not a number from 1 to 65535",
        ),
        (
            "postgres://h:0/d",
            "the port '0' in the PostgreSQL URL is not a number from 1 to 65535",
        ),
        (
            "postgres://h/d?connect_timeout=-1",
            "connect_timeout '-1' in the PostgreSQL URL is not a whole number of seconds (0 waits as long as the system does)",
        ),
        (
            "postgres://h/d?sslmode",
            "the parameter 'sslmode' in the PostgreSQL URL has no '=value'",
        ),
        (
            "postgres://a,b/d?port=1,2,3",
            "the PostgreSQL URL gives 3 ports for 2 hosts: give one, or one per host",
        ),
        (
            "postgres://[::1/d",
            "the host '[::1' in the PostgreSQL URL is not a host name, [IPv6 address] or socket folder",
        ),
        (
            "postgres://h/te%zzam",
            "'te%zzam' in the PostgreSQL URL is not valid percent-encoded UTF-8",
        ),
        (
            "postgre://ana:hunter2@h/d",
            "'postgre:' is not a PostgreSQL URL's start: use postgres:// or postgresql://",
        ),
        (
            "postgres://ana:pa%ss@h/d",
            "the password in the PostgreSQL URL is not valid percent-encoded UTF-8",
        ),
    ] {
        let err = PgUrl::parse(text).unwrap_err().to_string();
        assert_eq!(err, message, "{text}");
        assert!(!err.contains('\n') && !err.contains("hunter2"));
    }
}

#[test]
fn without_a_host_the_socket_is_tried_as_localhost() {
    assert_eq!(
        url("postgres:///r?port=6000").first_endpoint(),
        (Host::Tcp("localhost".into()), 6000)
    );
    assert_eq!(
        url("postgres://a:7000,b/r").first_endpoint(),
        (Host::Tcp("a".into()), 7000)
    );
}
