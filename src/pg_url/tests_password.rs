use std::path::PathBuf;

use super::password::{Env, PassFile, lookup};
use super::*;

fn url(text: &str) -> PgUrl {
    PgUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn env(password: Option<&str>, user: Option<&str>, file: Option<(&str, u32)>) -> Env {
    Env {
        password: password.map(str::to_string),
        user: user.map(str::to_string),
        login: Some("login".into()),
        file: file.map(|(text, mode)| PassFile {
            path: PathBuf::from("/home/ana/.pgpass"),
            text: text.to_string(),
            mode,
        }),
    }
}

const PGPASS: &str = "\
# a comment:*:*:*:no
db.example:5432:rhythm:ana:first
db.example:5432:rhythm:ana:second
localhost:5432:*:ana:local
other:*:*:*:any\\:thing\\\\:ignored
we\\:ird:5432:*:*:escaped
\\*:5432:*:*:not-a-star
*:6000:rhythm:*:star
";

/// (URL, host, port, environment) → (user, password).
type Case = (
    &'static str,
    Host,
    u16,
    Env,
    (&'static str, Option<&'static str>),
);

#[test]
fn the_password_is_found_as_libpq_finds_it() {
    let tcp = |h: &str| Host::Tcp(h.into());
    let socket = Host::Socket("/var/run/postgresql".into());
    let file = Some((PGPASS, 0o600));
    // (URL, host, port, PGPASSWORD, PGUSER, file) → (user, password)
    let cases: Vec<Case> = vec![
        // The URL's own password first, then PGPASSWORD, then the file.
        (
            "postgres://ana:url@db.example/rhythm",
            tcp("db.example"),
            5432,
            env(Some("envpw"), None, file),
            ("ana", Some("url")),
        ),
        (
            "postgres://ana@db.example/rhythm",
            tcp("db.example"),
            5432,
            env(Some("envpw"), None, file),
            ("ana", Some("envpw")),
        ),
        // The first line that matches wins.
        (
            "postgres://ana@db.example/rhythm",
            tcp("db.example"),
            5432,
            env(None, None, file),
            ("ana", Some("first")),
        ),
        // Every field must match: another port, database or user does not.
        (
            "postgres://ana@db.example/rhythm",
            tcp("db.example"),
            5433,
            env(None, None, file),
            ("ana", None),
        ),
        (
            "postgres://ana@db.example/other",
            tcp("db.example"),
            5432,
            env(None, None, file),
            ("ana", None),
        ),
        (
            "postgres://bo@db.example/rhythm",
            tcp("db.example"),
            5432,
            env(None, None, file),
            ("bo", None),
        ),
        // A socket host is localhost in the file.
        (
            "postgres://ana@/x",
            socket.clone(),
            5432,
            env(None, None, file),
            ("ana", Some("local")),
        ),
        // Wildcards, and escapes in the password, which ends at the next colon.
        (
            "postgres://cy@other/x",
            tcp("other"),
            9,
            env(None, None, file),
            ("cy", Some("any:thing\\")),
        ),
        (
            "postgres://cy@h/x",
            tcp("we:ird"),
            5432,
            env(None, None, file),
            ("cy", Some("escaped")),
        ),
        (
            "postgres://cy@h/rhythm",
            tcp("anywhere"),
            6000,
            env(None, None, file),
            ("cy", Some("star")),
        ),
        // An escaped star is a host named '*'.
        (
            "postgres://cy@h/x",
            tcp("*"),
            5432,
            env(None, None, file),
            ("cy", Some("not-a-star")),
        ),
        (
            "postgres://cy@h/x",
            tcp("nowhere"),
            5432,
            env(None, None, file),
            ("cy", None),
        ),
        // The user: the URL's, then PGUSER, then the login name.
        (
            "postgres://db.example/rhythm",
            tcp("db.example"),
            5432,
            env(None, Some("ana"), file),
            ("ana", Some("first")),
        ),
        (
            "postgres://db.example/rhythm",
            tcp("db.example"),
            5432,
            env(None, None, file),
            ("login", None),
        ),
        // No file, no password.
        (
            "postgres://ana@db.example/rhythm",
            tcp("db.example"),
            5432,
            env(None, None, None),
            ("ana", None),
        ),
    ];
    for (text, host, port, env, (user, password)) in cases {
        let got = lookup(&url(text), &host, port, &env).unwrap();
        assert_eq!(
            (got.user.as_str(), got.password.as_deref(), got.warning),
            (user, password, None),
            "{text} at {host:?}:{port}"
        );
    }
}

#[test]
fn a_password_file_others_can_read_is_ignored_with_one_warning() {
    let u = url("postgres://ana@db.example/rhythm");
    let host = Host::Tcp("db.example".into());
    for mode in [0o640, 0o604, 0o644, 0o610] {
        let got = lookup(&u, &host, 5432, &env(None, None, Some((PGPASS, mode)))).unwrap();
        assert_eq!(got.password, None);
        assert_eq!(
            got.warning.as_deref(),
            Some(
                "warning: password file \"/home/ana/.pgpass\" has group or world access; permissions should be u=rw (0600) or less"
            )
        );
    }
    let got = lookup(&u, &host, 5432, &env(None, None, Some((PGPASS, 0o400)))).unwrap();
    assert_eq!(
        (got.password.as_deref(), got.warning),
        (Some("first"), None)
    );
}

#[test]
fn without_any_user_name_the_lookup_says_so() {
    let mut e = env(None, None, None);
    e.login = None;
    let err = lookup(
        &url("postgres://:pw@db.example/rhythm"),
        &Host::Tcp("db.example".into()),
        5432,
        &e,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no user name for postgres://db.example/rhythm: put one in the URL (postgres://USER@…) or set PGUSER"
    );
}

#[test]
fn the_thin_caller_reads_the_real_file_and_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pgpass");
    std::fs::write(&path, "db.example:5432:rhythm:ana:secret\n").unwrap();
    let read = |mode: u32| {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        super::password::read_file(&path).unwrap()
    };
    let private = read(0o600);
    assert_eq!(
        (private.text.as_str(), private.mode),
        ("db.example:5432:rhythm:ana:secret\n", 0o600)
    );
    let open = read(0o644);
    assert_eq!((open.text.as_str(), open.mode), ("", 0o644));
    assert!(super::password::read_file(dir.path()).is_none());
}

#[test]
fn the_lookup_says_where_the_password_came_from() {
    use super::password::From;
    let host = Host::Tcp("db.example".into());
    let file = Some((PGPASS, 0o600));
    for (text, env, from) in [
        (
            "postgres://ana:pw@db.example/rhythm",
            env(Some("e"), None, file),
            Some(From::Url),
        ),
        (
            "postgres://ana@db.example/rhythm",
            env(Some("e"), None, file),
            Some(From::Env),
        ),
        (
            "postgres://ana@db.example/rhythm",
            env(None, None, file),
            Some(From::File(PathBuf::from("/home/ana/.pgpass"))),
        ),
        (
            "postgres://ana@db.example/other",
            env(None, None, file),
            None,
        ),
    ] {
        assert_eq!(
            lookup(&url(text), &host, 5432, &env).unwrap().from,
            from,
            "{text}"
        );
    }
}
