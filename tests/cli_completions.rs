//! What TAB offers, asked of the real binary the way the registration
//! scripts ask it (`RHYTHM_COMPLETE=fish rhythm -- rhythm WORDS...`, fish's
//! answer being one candidate a line): closed sets from the options'
//! values, names from the database the typed command would use, and
//! nothing, silently, when there is no rhythm database to read. The shells
//! themselves are driven in `tests/pty/completion.rs`.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{Run, Sandbox};

/// The answer to completing `line`, whose last word (after its last
/// space) is the one being typed.
fn ask(t: &Sandbox, env: &[(&str, &str)], line: &str) -> Run {
    let mut args = vec!["--", "rhythm"];
    args.extend(line.split(' '));
    let mut env = env.to_vec();
    env.push(("RHYTHM_COMPLETE", "fish"));
    t.exec(&env, &args)
}

/// The values offered (flags and their help left out).
fn offered(t: &Sandbox, line: &str) -> Vec<String> {
    values(ask(t, &[], line))
}

fn values(run: Run) -> Vec<String> {
    run.ok()
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .filter(|v| !v.starts_with('-'))
        .collect()
}

#[test]
fn closed_sets_offer_their_values() {
    let t = Sandbox::new();
    let cases: &[(&str, &[&str])] = &[
        ("measure add N --kind ", &["leading", "lagging"]),
        ("measure edit N --direction ", &["higher", "lower", "range"]),
        ("measure edit N --direction l", &["lower"]),
        (
            "dep update 1 --status ",
            &["on_track", "at_risk", "blocked", "done"],
        ),
        (
            "decision add T --lane ",
            &["commitment", "guardrail", "autonomy"],
        ),
        (
            "decision list --state ",
            &["needed", "made", "superseded", "withdrawn", "all"],
        ),
        ("scorecard --format ", &["table", "md", "json"]),
        ("minutes --format ", &["md", "json", "html"]),
        ("team edit G --review ", &["current", "previous"]),
        ("completions ", &["bash", "zsh", "fish"]),
    ];
    for (line, expected) in cases {
        assert_eq!(offered(&t, line), *expected, "{line}");
    }
    assert!(!t.data_home().exists(), "nothing created");
}

#[test]
fn names_come_from_the_database() {
    let t = Sandbox::growth();
    t.ok("team add Ops");
    t.ok("measure add Uptime --team Ops --owner Dee --target 99.9");
    let growth = [
        "Net revenue retention",
        "Pipeline coverage",
        "Tier-2 response time",
    ];

    // Of the team typed, or of every team when none is typed yet.
    let mut all = growth.to_vec();
    all.push("Uptime");
    assert_eq!(offered(&t, "--db team.db record "), all);
    assert_eq!(offered(&t, "--db team.db --team growth record "), growth);
    assert_eq!(offered(&t, "--db=team.db record --team=Ops "), ["Uptime"]);
    assert_eq!(offered(&t, "--db team.db record Pi"), ["Pipeline coverage"]);
    assert_eq!(
        values(ask(&t, &[("RHYTHM_TEAM", "Ops")], "--db team.db record ")),
        ["Uptime"]
    );
    assert_eq!(
        offered(&t, "--db team.db measure edit T"),
        ["Tier-2 response time"]
    );
    assert_eq!(
        offered(&t, "--db team.db offtrack add T --measure U"),
        ["Uptime"]
    );

    assert_eq!(
        offered(&t, "--db team.db scorecard --team "),
        ["Growth", "Ops"]
    );
    assert_eq!(
        offered(&t, "--db team.db dep add X --to "),
        ["Growth", "Ops"]
    );
    assert_eq!(offered(&t, "--db team.db team rename "), ["Growth", "Ops"]);
    assert_eq!(
        offered(&t, "--db team.db action add X --owner "),
        ["Ana", "Bo", "Cy", "Dee"]
    );
    assert_eq!(offered(&t, "--db team.db person rename C"), ["Cy"]);

    // The database a command would use: RHYTHM_DB without --db.
    let env = [("RHYTHM_DB", "team.db")];
    assert_eq!(values(ask(&t, &env, "team delete ")), ["Growth", "Ops"]);
    // Free text is never guessed at.
    assert_eq!(
        offered(&t, "--db team.db action add "),
        Vec::<String>::new()
    );
}

#[test]
fn completing_reads_and_writes_nothing_it_should_not() {
    let t = Sandbox::growth();
    let before = t.digest();
    let listing = || {
        let mut names: Vec<_> = std::fs::read_dir(t.path(""))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let files = listing();
    offered(&t, "--db team.db record ");
    assert_eq!(t.digest(), before);
    assert_eq!(listing(), files, "no companion file left behind");

    // A missing file is not created, nor the data folder; nothing is said.
    assert_eq!(offered(&t, "--db missing.db record "), Vec::<String>::new());
    assert_eq!(offered(&t, "record "), Vec::<String>::new());
    assert!(!t.path("missing.db").exists());
    assert!(!t.data_home().exists());

    // Another program's database is not read, and not changed.
    let other = t.path("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE team (name TEXT); INSERT INTO team VALUES ('Not ours');")
        .unwrap();
    drop(conn);
    let bytes = std::fs::read(&other).unwrap();
    assert_eq!(
        offered(&t, "--db other.db scorecard --team "),
        Vec::<String>::new()
    );
    assert_eq!(std::fs::read(&other).unwrap(), bytes);

    // The flags are still offered: only the names are missing.
    let run = ask(&t, &[], "--db missing.db record --w");
    assert_eq!(
        run.ok(),
        "--week\tThe week, as 2026-W48 or any date in it (default: this week)\n"
    );
}
