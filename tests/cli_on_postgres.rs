//! The README's commands, run once on a SQLite file and once on a
//! PostgreSQL database, must print the same and end the same; `copy` moves
//! a database from a file to a server and back with byte-identical exports;
//! and `follow` in another process hears of a write within a second.
//! The server is named by `RHYTHM_TEST_PG`; without it these tests say so
//! once and pass (`.ci/run` sets it).

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{PgSchema as Schema, Sandbox, pg_admin as admin};

/// The README's first steps and everyday commands, in order.
const LINES: &[&str] = &[
    "init --team Growth",
    "measure add 'Net revenue retention' --owner Ana --unit % --kind lagging --direction higher --target 110 --tolerance 0.05",
    "measure add 'Tier-2 response time' --owner Bo --unit h --kind leading --direction lower --target 8",
    "measure add 'Pipeline coverage' --owner Cy --unit x --kind leading --direction range --range 3..5",
    "record 'Net revenue retention' 104.5 --week 2026-W47 --note 'two churned accounts'",
    "record 'Tier-2 response time' 9 --week 2026-W47",
    "record 'Pipeline coverage' 3.5",
    "scorecard --format json",
    "scorecard",
    "action add 'Call the five largest renewals' --owner Ana --due 2026-11-30",
    "decision add 'Pause expansion to Germany' --needed --owner Ana --due 2026-12-04",
    "action list",
    "decision list",
    "team list",
    "person list",
    "--as Bo action done 1",
    "log --limit 3",
    "undo",
    "log --record action:1",
    "redo",
    "action list --json",
    "team add Platform",
    "dep add 'SSO for mid-market trials' --from Growth --to Platform --owner Bo --needed-by 2026-12-10",
    "dep list --team Growth",
    "team rename Platform 'Platform Eng'",
    "measure list --team Growth",
    "export-readings --team Growth --form long",
    "report --out r.html",
    "decision show 1 --team Growth",
    "offtrack add 'NRR below target' --team Growth --measure 'Net revenue retention' --owner Ana",
    "offtrack list --team Growth",
    "export",
    "minutes --list --team Growth",
    "check",
    "migrate",
];

/// What a run printed, with the database's name and the random record
/// uids made the same on both.
fn said(run: common::Run, db: &str) -> (i32, String, String) {
    let same = |s: String| masked(&s.replace(db, "DB").replace("team.db", "DB"));
    (run.code, same(run.stdout), same(run.stderr))
}

/// `text` with every quoted 32-digit hex uid written as `UID`.
fn masked(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('"') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let uid = rest.len() > 32
            && rest.as_bytes()[32] == b'"'
            && rest[..32].bytes().all(|b| b.is_ascii_hexdigit());
        if uid {
            out.push_str("UID");
            rest = &rest[32..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_readmes_commands_say_the_same_on_a_file_and_on_a_server() {
    let Some(schema) = Schema::new() else {
        return;
    };
    let (file, server) = (Sandbox::new(), Sandbox::new());
    for line in LINES {
        let on_file = said(file.run(line), "team.db");
        let on_server = said(
            server.raw(&format!("--db '{}' {line}", schema.url)),
            &schema.url,
        );
        assert_eq!(on_file, on_server, "{line}");
        assert_eq!(on_file.0, 0, "{line}: {}", on_file.2);
    }
    // Refusals read the same too, and change nothing on either.
    for line in [
        "team add growth",
        "record 'No such measure' 3",
        "action done 99",
        "measure add 'Net revenue retention' --owner Ana --target 1",
    ] {
        let on_file = said(file.run(line), "team.db");
        let on_server = said(
            server.raw(&format!("--db '{}' {line}", schema.url)),
            &schema.url,
        );
        assert_eq!(on_file, on_server, "{line}");
        assert_ne!(on_file.0, 0, "{line}");
    }
    let export = |t: &Sandbox, db: &str| masked(&t.raw(&format!("--db '{db}' export")).ok());
    assert!(export(&file, "team.db") == export(&server, &schema.url));
    // A server's backup is its export, in a private file, never over another.
    let said = server
        .raw(&format!("--db '{}' backup b.json", schema.url))
        .ok();
    assert!(
        said.contains("as an export (restore with rhythm import"),
        "{said}"
    );
    let kept = std::fs::read_to_string(server.path("b.json")).unwrap();
    assert_eq!(
        kept,
        server.raw(&format!("--db '{}' export", schema.url)).ok()
    );
    let line = server
        .raw(&format!("--db '{}' backup b.json", schema.url))
        .fails(1);
    assert!(line.contains("already exists"), "{line}");
    // Named as a database file, which no --db could open: refused first.
    let line = server
        .raw(&format!("--db '{}' backup team.db", schema.url))
        .fails(1);
    assert_eq!(
        line,
        "error: a server's backup is an export (JSON), not a database file: name it 'team.json' instead of 'team.db'"
    );
    assert!(!server.path("team.db").exists());
}

#[test]
fn copy_moves_a_database_to_a_server_and_back_byte_for_byte() {
    let Some(schema) = Schema::new() else {
        return;
    };
    let t = Sandbox::new();
    t.raw("--db a.db demo --no-tui").ok();
    // With a brief, a team's and the whole database's, which goes too.
    common::write_brief(&t.path("a.db"), "Growth");
    // An import that fails (a NUL, which a server cannot hold) writes
    // nothing and leaves the database set up and empty, as a copy cut off
    // does: the copy is then taken in as into a new one.
    let json = t.raw("--db a.db export").ok();
    let nul = json.replacen("\"note\": \"", "\"note\": \"\\u0000", 1);
    assert_ne!(nul, json);
    std::fs::write(t.path("nul.json"), nul).unwrap();
    let line = t
        .raw(&format!("--db '{}' import nul.json", schema.url))
        .fails(1);
    assert!(line.contains("contains a NUL character"), "{line}");
    let there = t
        .raw(&format!("copy --from a.db --to '{}'", schema.url))
        .ok();
    assert!(
        there.starts_with("Copied 787 records from a.db to postgres://"),
        "{there}"
    );
    let back = t
        .raw(&format!("copy --from '{}' --to b.db", schema.url))
        .ok();
    assert!(back.contains(" to b.db; both export the same "), "{back}");
    let a = t.raw("--db a.db export").ok();
    assert_eq!(a, t.raw("--db b.db export").ok());
    assert_eq!(a, t.raw(&format!("--db '{}' export", schema.url)).ok());
    // Into a database that holds data: refused, and it is left as it was.
    let line = t
        .raw(&format!("copy --from a.db --to '{}'", schema.url))
        .fails(1);
    assert!(
        line.ends_with(
            "already holds data: copy into a new file or an empty database; it was left as it is"
        ),
        "{line}"
    );
    assert_eq!(a, t.raw(&format!("--db '{}' export", schema.url)).ok());
    // One team, file to file.
    let one = t.raw("copy --from a.db --to c.db --team Platform").ok();
    assert!(
        one.starts_with("Copied 258 records from a.db to c.db"),
        "{one}"
    );
    assert_eq!(t.raw("--db c.db team list").ok().lines().count(), 2);
    // The same database twice is refused before anything is opened.
    assert_eq!(
        t.raw("copy --from a.db --to ./a.db").fails(1),
        "error: --from and --to both name a.db: copy into another database"
    );
}

/// The binary on `url`, as the sandbox runs it.
fn rhythm(t: &Sandbox, url: &str, args: &[&str]) -> std::process::Command {
    let mut c = t.command(&["--db", url]);
    c.args(args);
    c
}

#[test]
fn four_writers_on_a_server_at_once_lose_nothing_and_show_no_error() {
    let Some(schema) = Schema::new() else {
        return;
    };
    let t = Sandbox::new();
    rhythm(&t, &schema.url, &["init", "--team", "Growth"])
        .output()
        .unwrap();
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let url = schema.url.clone();
            std::thread::spawn(move || {
                // Each writer in a folder of its own, as on its own machine.
                let home = Sandbox::new();
                for i in 0..60 {
                    let title = format!("writer {w} item {i}");
                    let out = rhythm(&home, &url, &["action", "add", &title, "--owner", "Bo"])
                        .output()
                        .unwrap();
                    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
                    assert!(out.status.success(), "{title}: {stderr}");
                    assert!(stderr.is_empty(), "{title}: {stderr}");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let listed = t
        .raw(&format!("--db '{}' action list --json", schema.url))
        .ok();
    let items = common::json(&listed);
    assert_eq!(items.as_array().unwrap().len(), 240);
    for w in 0..4 {
        for i in 0..60 {
            assert!(
                listed.contains(&format!("\"writer {w} item {i}\"")),
                "{w} {i}"
            );
        }
    }
    // Every write is one operation of the log, numbered without a gap.
    let log = t.raw(&format!("--db '{}' log --limit 1", schema.url)).ok();
    assert!(log.contains("#241 "), "{log}");
}

/// A writer killed mid-transaction leaves nothing half-written on the
/// server: an import of 500 readings is all there or not at all, no
/// session is left holding a transaction, and the next write goes through.
#[cfg(unix)]
#[test]
fn a_killed_writer_leaves_nothing_half_written_on_a_server() {
    let Some(schema) = Schema::new() else {
        return;
    };
    let t = Sandbox::new();
    // Named apart, so the server's view of them is this test's alone.
    let app = format!("rhythm_killed_{}", std::process::id());
    let url = format!("{}&application_name={app}", schema.url);
    t.raw(&format!("--db '{url}' init --team Growth")).ok();
    t.raw(&format!(
        "--db '{url}' measure add NRR --owner Ana --target 110"
    ))
    .ok();
    let mut csv = String::from("measure,week,value\n");
    for k in 0..500 {
        let week = rhythm::domain::Week::new(1900, 1).unwrap().offset(k);
        csv.push_str(&format!("NRR,{week},{k}\n"));
    }
    std::fs::write(t.path("r.csv"), csv).unwrap();
    // Left alone, the import lands whole; undone, none of it is left.
    let started = std::time::Instant::now();
    t.raw(&format!("--db '{url}' import-readings r.csv --team Growth"))
        .ok();
    let alone = started.elapsed().as_millis() as u64;
    let count = |t: &Sandbox| {
        let json = t.raw(&format!("--db '{url}' export")).ok();
        common::json(&json)["readings"].as_array().unwrap().len()
    };
    assert_eq!(count(&t), 500);
    t.raw(&format!("--db '{url}' undo")).ok();
    assert_eq!(count(&t), 0);
    let mut outcomes = Vec::new();
    // Killed at moments spread over the life of an import left alone.
    for tenths in [1u64, 3, 5, 6, 7, 8, 9, 12] {
        let delay = alone * tenths / 10;
        let mut child = rhythm(&t, &url, &["import-readings", "r.csv", "--team", "Growth"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let finished = child.try_wait().unwrap().is_some();
        if !finished {
            child.kill().unwrap(); // SIGKILL
        }
        let status = child.wait().unwrap();
        let readings = count(&t);
        assert!(
            readings == 0 || readings == 500,
            "after a kill at {delay} ms: {readings} readings"
        );
        if status.success() {
            assert_eq!(readings, 500, "a reported import is there whole");
        } else {
            assert!(
                status.code().is_none(),
                "the import failed by itself: {status:?}"
            );
        }
        outcomes.push((delay, finished, status.code(), readings));
        if readings == 500 {
            // Back to none, for the next trial.
            t.raw(&format!("--db '{url}' undo")).ok();
        }
    }
    // The server let go of every killed session's transaction.
    // (A killed client's server process ends when it reads the closed
    // socket: a moment, waited for here up to a deadline.)
    let mut admin = admin(&std::env::var("RHYTHM_TEST_PG").unwrap());
    let started = std::time::Instant::now();
    let stuck = loop {
        let stuck: i64 = admin
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE state LIKE 'idle in transaction%' AND application_name = $1",
                &[&app],
            )
            .unwrap()
            .get(0);
        if stuck == 0 || started.elapsed() > std::time::Duration::from_secs(10) {
            break stuck;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(stuck, 0);
    t.raw(&format!(
        "--db '{url}' action add 'After the kills' --owner Ana"
    ))
    .ok();
    eprintln!("import outcomes by kill delay: {outcomes:?}");
}

/// A meeting ended on a server: its minutes go to the data folder's
/// `minutes`, and the hook is told the database as its URL, never with a
/// password and never as a made-up path.
#[test]
fn a_meeting_ended_on_a_server_tells_the_hook_its_url() {
    let Some(schema) = Schema::new() else {
        return;
    };
    let t = Sandbox::new();
    let url = format!("{}&password=secret", schema.url);
    t.raw(&format!("--db '{url}' init --team Growth")).ok();
    let dir = t.config_home().join("rhythm");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[hooks]\nmeeting_end = \"printf %s \\\"$RHYTHM_DB\\\" > told.txt\"\n",
    )
    .unwrap();
    {
        use rhythm::domain::{Change, MeetingKind, OpSource, Origin};
        let parsed = rhythm::pg_url::PgUrl::parse(&schema.url).unwrap();
        let credentials = rhythm::pg_url::password::Credentials {
            user: parsed.user.clone().unwrap_or_else(|| "postgres".into()),
            password: None,
            from: None,
            warning: None,
        };
        let mut store = rhythm::storage::Store::connect(
            &parsed,
            &credentials,
            rhythm::storage::OpenMode::MustExist,
        )
        .unwrap();
        let team = store.teams().unwrap()[0].id;
        let start = Change::StartMeeting {
            team,
            kind: MeetingKind::Weekly,
            week: "2026-W48".parse().unwrap(),
        };
        store
            .apply(
                &[start],
                &Origin::new("ana", OpSource::Tui),
                "2026-11-25T09:00:00Z".parse().unwrap(),
            )
            .unwrap();
    }
    let said = t.raw(&format!("--db '{url}' meeting end")).ok();
    assert!(said.contains("minutes written to "), "{said}");
    assert!(
        said.contains("data/rhythm/minutes/growth-2026-W48-"),
        "{said}"
    );
    let start = std::time::Instant::now();
    while !t.path("told.txt").exists() && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let told = std::fs::read_to_string(t.path("told.txt")).unwrap();
    assert!(
        told.starts_with("postgres://postgres@127.0.0.1/test?"),
        "{told}"
    );
    assert!(!told.contains("secret"), "{told}");
}

/// `config show` on a server speaks of no file: its minutes go to the
/// data folder on this machine, and it says so.
#[test]
fn config_show_on_a_server_names_where_minutes_go() {
    let Some(schema) = Schema::new() else {
        return;
    };
    let t = Sandbox::new();
    let shown = t.raw(&format!("--db '{}' config show", schema.url)).ok();
    let minutes = t.data_home().join("rhythm").join("minutes");
    assert!(
        shown.contains(&format!(
            "minutes:     {} (a server's database has no folder here)",
            minutes.display()
        )),
        "{shown}"
    );
    assert!(
        shown.contains("team:        (none: the database's only team"),
        "{shown}"
    );
}

/// Completing a name reads a server's database as it reads a file's.
#[test]
fn completing_against_a_server_offers_its_names() {
    let Some(schema) = Schema::new() else {
        return;
    };
    let t = Sandbox::new();
    t.raw(&format!("--db '{}' init --team Growth", schema.url))
        .ok();
    t.raw(&format!(
        "--db '{}' measure add 'Pipeline coverage' --owner Ana --target 3",
        schema.url
    ))
    .ok();
    let run = t.exec(
        &[("RHYTHM_COMPLETE", "fish")],
        &["--", "rhythm", "--db", &schema.url, "record", ""],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Pipeline coverage"), "{run:?}");
    assert_eq!(run.stderr, "");
}
