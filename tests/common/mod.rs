//! Shared by the CLI tests: a sandbox per test (a temporary folder that is the
//! working directory, the data directory and HOME), the real binary run with
//! the clock pinned to 2026-11-25 (week 2026-W48), and a digest of everything
//! a database holds, read through the library, for "nothing written" checks.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses a different subset

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use rhythm::domain::{Team, Week};
use rhythm::storage::{ActionFilter, DecisionFilter, OpenMode, Store};
use serde_json::{Value, json};
use tempfile::TempDir;

/// The pinned day every test runs on: a Wednesday in 2026-W48.
pub const TODAY: &str = "2026-11-25";

/// What one run of the binary printed and returned.
#[derive(Debug)]
pub struct Run {
    /// The arguments, for failure messages.
    pub command: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("home")).unwrap();
        Sandbox { dir }
    }

    /// A sandbox whose team.db holds Growth and three measures, one of each
    /// direction (as in the README, with defaults left out).
    pub fn growth() -> Sandbox {
        let t = Sandbox::new();
        t.ok("init --team Growth");
        t.ok("measure add 'Net revenue retention' --owner Ana --unit % --target 110 --tolerance 0.05");
        t.ok("measure add 'Tier-2 response time' --owner Bo --unit h --kind leading --direction lower --target 8");
        t.ok("measure add 'Pipeline coverage' --owner Cy --unit x --range 3..5");
        t
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The database most tests use, passed as `--db team.db`.
    pub fn db(&self) -> PathBuf {
        self.path("team.db")
    }

    /// `XDG_DATA_HOME`: rhythm's platform data directory is `data/rhythm`.
    pub fn data_home(&self) -> PathBuf {
        self.path("data")
    }

    /// `XDG_CONFIG_HOME`: rhythm's config file is `config/rhythm/config.toml`.
    pub fn config_home(&self) -> PathBuf {
        self.path("config")
    }

    /// Runs the binary with `args` and `env` on top of a pinned clock, the
    /// sandbox as working directory, data directory and HOME, and no
    /// `RHYTHM_DB` from the caller's environment.
    pub fn exec<S: AsRef<OsStr>>(&self, env: &[(&str, &str)], args: &[S]) -> Run {
        let out = self
            .command(args)
            .envs(env.iter().copied())
            .output()
            .unwrap();
        let command = args
            .iter()
            .map(|a| format!("{:?}", a.as_ref()))
            .collect::<Vec<_>>()
            .join(" ");
        Run {
            command: format!("rhythm {command}"),
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// The binary with `args`, set up as [`Sandbox::exec`] runs it, for a
    /// test that wires its streams itself.
    pub fn command<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rhythm"));
        command
            .current_dir(self.dir.path())
            .env_remove("RHYTHM_DB")
            .env_remove("RHYTHM_TEAM")
            .env("RHYTHM_NOW", TODAY)
            .env("XDG_DATA_HOME", self.data_home())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("HOME", self.path("home"))
            .env("NO_COLOR", "1")
            .env("RHYTHM_USER", "ana")
            .args(args);
        command
    }

    /// `rhythm LINE`, the line split into words as a shell would.
    pub fn raw(&self, line: &str) -> Run {
        self.exec(&[], &shell_words(line))
    }

    /// `rhythm LINE` with extra environment variables.
    pub fn raw_env(&self, env: &[(&str, &str)], line: &str) -> Run {
        self.exec(env, &shell_words(line))
    }

    /// `rhythm --db team.db LINE`.
    pub fn run(&self, line: &str) -> Run {
        self.raw(&format!("--db team.db {line}"))
    }

    /// `rhythm --db team.db LINE`, expecting success and a quiet stderr;
    /// returns stdout.
    pub fn ok(&self, line: &str) -> String {
        self.run(line).ok()
    }

    /// `rhythm --db team.db LINE`, expecting exit `code`, nothing on stdout
    /// and exactly one line on stderr; returns that line.
    pub fn fails(&self, code: i32, line: &str) -> String {
        self.run(line).fails(code)
    }

    /// Opens team.db through the library.
    pub fn store(&self) -> Store {
        Store::open(&self.db(), OpenMode::MustExist).unwrap()
    }

    /// Starts the first team's review of 2026-W48 at `at` (an RFC 3339
    /// time), as a meeting screen does; returns the meeting.
    pub fn start_meeting(&self, at: &str) -> rhythm::domain::MeetingId {
        use rhythm::domain::{Change, MeetingKind, OpSource, Origin};
        let mut store = self.store();
        let team = store.teams().unwrap()[0].id;
        let started = store
            .apply(
                &[Change::StartMeeting {
                    team,
                    kind: MeetingKind::Weekly,
                    week: "2026-W48".parse().unwrap(),
                }],
                &Origin::new("ana", OpSource::Tui),
                at.parse().unwrap(),
            )
            .unwrap();
        rhythm::domain::MeetingId(started.id)
    }

    /// Everything team.db holds; see [`digest`].
    pub fn digest(&self) -> String {
        digest(&self.db())
    }

    /// The team named `name` in team.db.
    pub fn team(&self, name: &str) -> Team {
        team(&self.store(), name)
    }
}

impl Run {
    pub fn ok(self) -> String {
        assert_eq!(
            (self.code, self.stderr.as_str()),
            (0, ""),
            "{} failed; stdout:\n{}",
            self.command,
            self.stdout
        );
        self.stdout
    }

    pub fn fails(self, code: i32) -> String {
        assert_eq!(self.code, code, "exit code of {self:?}");
        assert_eq!(self.stdout, "", "stdout of failing {}", self.command);
        assert!(
            self.stderr.ends_with('\n') && self.stderr.lines().count() == 1,
            "stderr of {} is not one line: {:?}",
            self.command,
            self.stderr
        );
        self.stderr.trim_end().to_string()
    }
}

pub fn team(store: &Store, name: &str) -> Team {
    store
        .teams()
        .unwrap()
        .into_iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no team {name}"))
}

/// Writes a strategy brief for 2026-Q4 through the library, as a screen
/// would: `team`'s (a choice with its consequence, an objective with its
/// integrator and the measure showing it, an exclusion with its lifting
/// condition, a key measure) and the whole database's (a choice, and a
/// measure of `team`'s). The team needs two measures; the integrator is
/// the first one's owner. Returns how many lines it wrote.
pub fn brief_into(store: &mut Store, team: rhythm::domain::TeamId) -> usize {
    use rhythm::domain::brief::NewBriefItem;
    use rhythm::domain::{BriefItemId, BriefKind, Change, OpSource, Origin};
    let measures = store.measures(team, false).unwrap();
    let (first, second) = (&measures[0], &measures[1]);
    let at: chrono::DateTime<chrono::Utc> = "2026-11-25T09:30:00Z".parse().unwrap();
    let mut add = |team, kind, text: &str, detail: &str, who: Option<&str>, m, o| {
        let item = NewBriefItem {
            team,
            quarter: "2026-Q4".parse().unwrap(),
            kind,
            text: text.into(),
            detail: detail.into(),
            integrator: who.map(Into::into),
            measure: m,
            objective: o,
        };
        let done = store
            .apply(
                &[Change::AddBriefItem(item)],
                &Origin::new("ana", OpSource::Cli),
                at,
            )
            .unwrap();
        BriefItemId(done.id)
    };
    let t = Some(team);
    let owner = first.owner.as_deref().or(Some("Ana"));
    add(
        t,
        BriefKind::Choice,
        "Mid-market \"healthcare\" 🚀",
        "Longer sales cycles",
        None,
        None,
        None,
    );
    let win = add(
        t,
        BriefKind::Objective,
        "Win five healthcare logos",
        "",
        owner,
        None,
        None,
    );
    add(
        t,
        BriefKind::Exclusion,
        "No Germany",
        "Until churn < 8 %",
        None,
        None,
        None,
    );
    add(
        t,
        BriefKind::Measure,
        "",
        "",
        None,
        Some(first.id),
        Some(win),
    );
    add(t, BriefKind::Measure, "", "", None, Some(second.id), None);
    add(
        None,
        BriefKind::Choice,
        "One product for every segment",
        "",
        None,
        None,
        None,
    );
    add(None, BriefKind::Measure, "", "", None, Some(first.id), None);
    7
}

/// [`brief_into`] the database at `path`, for `team` by name.
pub fn write_brief(path: &Path, team_name: &str) -> usize {
    let mut store = Store::open(path, OpenMode::MustExist).unwrap();
    let id = team(&store, team_name).id;
    brief_into(&mut store, id)
}

/// Everything a database holds, as JSON text read through the library's
/// queries: two databases with the same digest hold the same data.
pub fn digest(path: &Path) -> String {
    digest_store(&Store::open(path, OpenMode::MustExist).unwrap())
}

/// [`digest`] of an open store (also one in memory).
pub fn digest_store(store: &Store) -> String {
    let (first, last) = (Week::new(1900, 1).unwrap(), Week::new(2999, 1).unwrap());
    let mut teams = Vec::new();
    for t in store.teams().unwrap() {
        teams.push(json!({
            "team": t,
            "measures": store.measures(t.id, true).unwrap(),
            "readings": store.readings(t.id, first, last).unwrap(),
            "actions": store.actions(t.id, &ActionFilter::default()).unwrap(),
            "offtrack": store.offtrack_items(t.id, &[]).unwrap(),
            "dependencies": store.dependencies(t.id, true).unwrap(),
            "decisions": store.decisions(t.id, &DecisionFilter::default()).unwrap(),
            "meetings": store.meetings(t.id).unwrap(),
            "brief": briefs(store, Some(t.id)),
        }));
    }
    let all = json!({
        "brief": briefs(store, None),
        "demo": store.is_demo().unwrap(),
        "people": store.people().unwrap(),
        "teams": teams,
    });
    serde_json::to_string_pretty(&all).unwrap()
}

/// Every quarter's brief of `team` (of the whole database with `None`).
fn briefs(
    store: &Store,
    team: Option<rhythm::domain::TeamId>,
) -> Vec<rhythm::domain::brief::Brief> {
    let quarters = store.brief_quarters(team).unwrap();
    quarters
        .into_iter()
        .map(|q| store.brief(team, q).unwrap())
        .collect()
}

/// Parses JSON output.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Splits a command line into words the way a POSIX shell would for the
/// simple lines in these tests and the README: spaces separate words, and
/// single or double quotes group (and may make an empty word).
pub fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (_, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    assert!(quote.is_none(), "unbalanced quotes in {line}");
    if started {
        words.push(word);
    }
    words
}

/// A fresh schema on the test server, dropped when the guard goes; `None`
/// without a server.
pub struct PgSchema {
    /// The server's URL with the schema as its search path.
    pub url: String,
    name: String,
}

impl PgSchema {
    pub fn new() -> Option<PgSchema> {
        let Some(base) = std::env::var("RHYTHM_TEST_PG")
            .ok()
            .filter(|s| !s.is_empty())
        else {
            eprintln!("PostgreSQL suite skipped: set RHYTHM_TEST_PG=postgres://USER@HOST/DB");
            return None;
        };
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let name = format!(
            "rc_{}_{}",
            std::process::id(),
            N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        pg_admin(&base)
            .batch_execute(&format!("CREATE SCHEMA {name}"))
            .unwrap();
        let glue = if base.contains('?') { '&' } else { '?' };
        Some(PgSchema {
            url: format!("{base}{glue}options=-csearch_path%3D{name}"),
            name,
        })
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(base) = std::env::var("RHYTHM_TEST_PG") {
            let _ = pg_admin(&base)
                .batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

/// A connection to the test server itself, for making and dropping schemas.
pub fn pg_admin(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap()
}
