//! A PostgreSQL URL names a database in `--db`, `RHYTHM_DB` or the config
//! file. A server that cannot be reached is one line naming it: exit 1, no
//! password shown, nothing created or touched here.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::Sandbox;

const URL: &str = "postgres://ana:hunter2@db.example/rhythm";
const UNREACHABLE: &str = "error: cannot reach PostgreSQL at db.example:5432: ";

/// One line that names the server and never the password.
fn unreachable(line: &str, what: &str) {
    assert!(line.starts_with(UNREACHABLE), "{what}: {line}");
    assert!(
        !line.contains('\n') && !line.contains("hunter2"),
        "{what}: {line}"
    );
}

/// Every file and folder in the sandbox, for "nothing created" checks.
fn listing(t: &Sandbox) -> Vec<String> {
    let mut names = Vec::new();
    let mut dirs = vec![t.path("")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path.clone());
            }
            names.push(path.display().to_string());
        }
    }
    names.sort();
    names
}

const COMMANDS: [&str; 16] = [
    "init",
    "init --team Growth",
    "team add Growth",
    "scorecard",
    "meeting",
    "meeting end",
    "backup copy.db",
    "export",
    "import team.json",
    "check",
    "migrate",
    "demo --no-tui",
    "log",
    "record 'Net revenue retention' 104",
    "action list",
    "follow",
];

#[test]
fn every_command_given_an_unreachable_server_stops_in_one_line_touching_nothing() {
    let t = Sandbox::growth();
    t.ok("export --out team.json");
    let before = (t.digest(), listing(&t));
    for command in COMMANDS {
        let line = t.raw(&format!("--db {URL} {command}")).fails(1);
        unreachable(&line, command);
    }
    assert_eq!((t.digest(), listing(&t)), before);
    // `where` names the database without reaching it, and without the password.
    assert_eq!(
        t.raw(&format!("--db {URL} where")).ok(),
        "postgres://ana@db.example/rhythm\n"
    );
    // `import -` does not wait for standard input first: refused with the
    // input still open, within a generous deadline.
    let mut child = t
        .command(&["--db", URL, "import", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _input_left_open = child.stdin.take();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("import - waited for its input before refusing the URL");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    unreachable(
        String::from_utf8(out.stderr).unwrap().trim_end(),
        "import -",
    );
}

#[test]
fn a_url_from_the_environment_or_the_config_file_is_reached_alike() {
    let t = Sandbox::new();
    for command in ["init --team Growth", "scorecard", "export", "meeting"] {
        let line = t.raw_env(&[("RHYTHM_DB", URL)], command).fails(1);
        unreachable(&line, &format!("RHYTHM_DB, {command}"));
    }
    // In the config file a URL stays a URL, not a file in the config folder.
    let dir = t.config_home().join("rhythm");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), format!("database = \"{URL}\"\n")).unwrap();
    let before = listing(&t);
    for command in ["init --team Growth", "scorecard", "backup copy.db"] {
        unreachable(&t.raw(command).fails(1), &format!("config, {command}"));
    }
    assert_eq!(listing(&t), before);
    // `config show` says where the database is, without the password.
    let shown = t.raw("config show").ok();
    assert!(
        shown.contains("database:    postgres://ana@db.example/rhythm (from the config file)"),
        "{shown}"
    );
    assert!(!shown.contains("hunter2"), "{shown}");
    // --db still wins over the config file's URL.
    t.ok("init --team Growth");
    assert!(t.db().exists());
}

#[test]
fn a_url_rhythm_cannot_read_is_one_line_quoting_the_part_at_fault() {
    let t = Sandbox::new();
    for (url, says) in [
        (
            "postgres://ana:hunter2@db.example/rhythm?sslcert=/x.pem",
            "error: unknown parameter 'sslcert' in the PostgreSQL URL: rhythm reads host, port, user, password, dbname, sslmode, sslrootcert, connect_timeout, options and application_name",
        ),
        (
            "postgresql://ana:hunter2@db.example:port/rhythm",
            "error: the port 'port' in the PostgreSQL URL is not a number from 1 to 65535",
        ),
        (
            "postgres://ana:hunter2@db.example/rhythm?sslmode=maybe",
            "error: sslmode 'maybe' in the PostgreSQL URL is not one of disable, prefer, require, verify-ca, verify-full",
        ),
    ] {
        assert_eq!(t.raw(&format!("--db {url} init")).fails(1), says);
    }
    assert_eq!(listing(&t), vec![t.path("home").display().to_string()]);
}

#[test]
fn completing_against_a_server_out_of_reach_offers_nothing_and_says_nothing() {
    let t = Sandbox::growth();
    let flag = format!("-- rhythm --db {URL} record ");
    for (env, line) in [
        (None, flag.as_str()),
        (Some(("RHYTHM_DB", URL)), "-- rhythm record "),
    ] {
        let env: Vec<_> = env
            .into_iter()
            .chain([("RHYTHM_COMPLETE", "fish")])
            .collect();
        let words: Vec<&str> = line.split(' ').collect();
        let run = t.exec(&env, &words);
        let offered: Vec<&str> = run.stdout.lines().filter(|l| !l.starts_with('-')).collect();
        assert_eq!(
            (run.code, offered, run.stderr.as_str()),
            (0, vec![], ""),
            "{line}"
        );
    }
    // The same line against the file offers its measures.
    let run = t.exec(
        &[("RHYTHM_COMPLETE", "fish")],
        &["--", "rhythm", "--db", "team.db", "record", ""],
    );
    assert!(run.stdout.contains("Pipeline coverage"), "{run:?}");
}

/// `rhythm config show` with `RHYTHM_DB=url`, the PG variables as given and
/// none from the caller: (stdout's login line, stderr).
fn login(t: &Sandbox, url: &str, env: &[(&str, &str)]) -> (String, String) {
    let mut cmd = t.command(&["config", "show"]);
    for k in ["PGPASSWORD", "PGUSER", "PGPASSFILE"] {
        cmd.env_remove(k);
    }
    let out = cmd
        .env("RHYTHM_DB", url)
        .env("USER", "cy")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("login:       "))
        .unwrap_or_else(|| panic!("no login line in {stdout}"));
    (line.to_string(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn config_show_says_who_connects_and_where_the_password_comes_from() {
    use std::os::unix::fs::PermissionsExt;
    let t = Sandbox::new();
    let pgpass = t.path("pgpass");
    std::fs::write(&pgpass, "db.example:5432:rhythm:bo:from-file\n").unwrap();
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let file = pgpass.to_str().unwrap();
    let home = t.path("home/.pgpass");
    std::fs::write(&home, "*:*:*:dee:from-home\n").unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o600)).unwrap();
    let in_file = format!("bo with the password in {file}");
    let none = "no password (none in the URL, PGPASSWORD or the password file)";
    for (url, env, says) in [
        (
            URL,
            vec![("PGPASSWORD", "x")],
            "ana with the password in the URL".to_string(),
        ),
        (
            "postgres://ana@db.example/rhythm",
            vec![("PGPASSWORD", "x")],
            "ana with the password in PGPASSWORD".into(),
        ),
        (
            "postgres://bo@db.example/rhythm",
            vec![("PGPASSFILE", file)],
            in_file.clone(),
        ),
        // The user from PGUSER, else the login name.
        (
            "postgres://db.example/rhythm",
            vec![("PGPASSFILE", file), ("PGUSER", "bo")],
            in_file.clone(),
        ),
        (
            "postgres://db.example/rhythm",
            vec![("PGPASSFILE", file)],
            format!("cy with {none}"),
        ),
        // ~/.pgpass when PGPASSFILE is not set.
        (
            "postgres://dee@db.example/rhythm",
            vec![],
            format!("dee with the password in {}", home.display()),
        ),
        (
            "postgres://bo@db.example/rhythm",
            vec![],
            format!("bo with {none}"),
        ),
    ] {
        assert_eq!(login(&t, url, &env), (says, String::new()), "{url} {env:?}");
    }
    // A file others can read is ignored, with one warning.
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (line, err) = login(
        &t,
        "postgres://bo@db.example/rhythm",
        &[("PGPASSFILE", file)],
    );
    assert_eq!(line, format!("bo with {none}"));
    assert_eq!(
        err,
        format!(
            "warning: password file \"{file}\" has group or world access; permissions should be u=rw (0600) or less\n"
        )
    );
}

/// A mistyped scheme is a URL gone wrong, not a file's path: refused in one
/// line that never shows the password, and no folder is asked for.
#[test]
fn a_mistyped_scheme_is_refused_without_showing_the_password() {
    let t = Sandbox::new();
    for (url, scheme) in [
        ("POSTGRES://ana:hunter2@db.example/rhythm", "POSTGRES"),
        ("postgress://ana:hunter2@db.example/rhythm", "postgress"),
    ] {
        for command in ["where", "init --team Growth", "scorecard"] {
            let line = t.raw(&format!("--db {url} {command}")).fails(1);
            assert_eq!(
                line,
                format!(
                    "error: '{scheme}:' is not a PostgreSQL URL's start: use postgres:// or postgresql://"
                ),
                "{url} {command}"
            );
        }
    }
    assert_eq!(listing(&t), vec![t.path("home").display().to_string()]);
}
