//! Shell completion: rhythm completes itself. `rhythm completions SHELL`
//! prints a short script that, on each TAB, runs rhythm again with
//! `RHYTHM_COMPLETE` set and the words typed so far; rhythm answers with
//! clap_complete's engine instead of running a command. Options with a
//! closed set of values offer their possible values; team, person and
//! measure names come from the database the typed command would use,
//! opened as the commands that only read open it (never created, migrated
//! or written), for one small query. A missing, foreign or older
//! database offers no names and says nothing: a TAB is no place for an
//! error message.

mod bash;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::CommandFactory;
use clap_complete::CompleteEnv;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::{EnvCompleter, Fish, Shells, Zsh};

use super::args::{Cli, Shell};
use crate::storage::{NameList, OpenMode, Store};

/// Set by the registration script when it asks for completions.
pub const VAR: &str = "RHYTHM_COMPLETE";

/// The script that registers rhythm's completion with `shell`. It calls
/// `rhythm` by name, so the one on the PATH answers, whatever its version.
pub fn registration(shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    let shell: &dyn EnvCompleter = match shell {
        Shell::Bash => &bash::Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
    };
    // clap_complete's writers are not told about a closed pipe, so the
    // script is written into memory and goes out as any other output does.
    let mut script = Vec::new();
    shell.write_registration(VAR, "rhythm", "rhythm", "rhythm", &mut script)?;
    out.write_all(&script)
}

/// Answers a completion request, when this run is one (`RHYTHM_COMPLETE`
/// is set); `None` when rhythm should run as usual.
pub fn answer() -> Option<ExitCode> {
    std::env::var_os(VAR)?;
    let args: Vec<OsString> = std::env::args_os().collect();
    let source = Arc::new(Source::from_words(&args));
    let cwd = std::env::current_dir().ok();
    let factory = move || with_names(Cli::command(), &source);
    match CompleteEnv::with_factory(factory)
        .var(VAR)
        .shells(Shells(&[&bash::Bash, &Zsh, &Fish]))
        .try_complete(args, cwd.as_deref())
    {
        Ok(true) => Some(ExitCode::SUCCESS),
        Ok(false) => None,
        Err(e) => {
            let _ = e.print();
            Some(ExitCode::from(2))
        }
    }
}

/// Which names an argument takes, by the subcommand path it is under and
/// its id; `None` for free text and for values clap already knows.
fn names_for(path: &[&str], id: &str) -> Option<NameList> {
    match (path, id) {
        (_, "team") | (["dep", ..], "from" | "to") => Some(NameList::Teams),
        (["team", "rename"], "old") | (["team", "edit" | "delete"], "name") => {
            Some(NameList::Teams)
        }
        (_, "owner" | "author" | "approved_by" | "integrator")
        | (["person", "rename"], "old")
        | (["plan", "assign"], "person") => Some(NameList::People),
        (_, "measure")
        | (["measure", "edit" | "archive" | "move"], "name")
        | (["brief", "objective", "add"], "measures") => Some(NameList::Measures),
        _ => None,
    }
}

/// `cmd` with every name-taking argument, in every subcommand, offering
/// the names `source` finds.
fn with_names(cmd: clap::Command, source: &Arc<Source>) -> clap::Command {
    attach(cmd, &mut Vec::new(), source)
}

fn attach(mut cmd: clap::Command, path: &mut Vec<String>, source: &Arc<Source>) -> clap::Command {
    let words: Vec<&str> = path.iter().map(String::as_str).collect();
    // In place (`mut_arg` would move a positional argument to the end).
    cmd = cmd.mut_args(|a| match names_for(&words, a.get_id().as_str()) {
        Some(list) => {
            let source = Arc::clone(source);
            a.add(ArgValueCandidates::new(move || source.candidates(list)))
        }
        None => a,
    });
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        path.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |s| attach(s, path, source));
        path.pop();
    }
    cmd
}

/// Where names come from: what the words typed so far say of the database
/// and the team, read before the database is opened (if it ever is).
#[derive(Debug, Default, PartialEq, Eq)]
struct Source {
    db: Option<PathBuf>,
    team: Option<String>,
}

impl Source {
    /// `--db` and `--team` from the words being completed (those after
    /// `--` in the call the script makes), as `--db PATH` or `--db=PATH`.
    fn from_words(args: &[OsString]) -> Source {
        let words = args.iter().skip_while(|a| *a != "--").skip(1);
        let mut source = Source::default();
        let mut pending: Option<&str> = None;
        for word in words {
            let Some(word) = word.to_str() else {
                pending = None;
                continue;
            };
            if let Some(flag) = pending.take() {
                source.set(flag, word);
                continue;
            }
            match word.split_once('=') {
                Some((flag @ ("--db" | "--team"), value)) => source.set(flag, value),
                _ if word == "--db" || word == "--team" => pending = Some(word),
                _ => {}
            }
        }
        source
    }

    fn set(&mut self, flag: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        match flag {
            "--db" => self.db = Some(PathBuf::from(value)),
            _ => self.team = Some(value.to_string()),
        }
    }

    /// The names of `list`, or none when there is no database to read.
    fn candidates(&self, list: NameList) -> Vec<CompletionCandidate> {
        self.names(list)
            .unwrap_or_default()
            .into_iter()
            .map(CompletionCandidate::new)
            .collect()
    }

    /// The database is found as a command would find it (flag, then
    /// `RHYTHM_DB`, then the config file, then the data directory), and
    /// opened as a command that only reads opens it: completing never
    /// creates, migrates or writes, and leaves no companion files behind.
    fn names(&self, list: NameList) -> Option<Vec<String>> {
        let config = crate::config::load().ok()?;
        let env_db = std::env::var_os("RHYTHM_DB");
        let (target, _) = crate::paths::resolve(self.db.clone(), env_db, config.database).ok()?;
        let team = self.team.clone().or_else(|| {
            [std::env::var("RHYTHM_TEAM").ok(), config.team]
                .into_iter()
                .flatten()
                .find(|t| !t.trim().is_empty())
        });
        let store = match target {
            crate::paths::DbTarget::File(path) => Store::open(&path, OpenMode::Read).ok()?,
            crate::paths::DbTarget::Postgres(url) => server(&url)?,
        };
        store.names(list, team.as_deref()).ok()
    }
}

/// A server's database for completing: a shell waits on every Tab, so the
/// connect is bounded at one second whatever the URL allows, and nothing
/// is said (a warning about the password file would land in the middle of
/// the line being typed).
fn server(url: &crate::pg_url::PgUrl) -> Option<Store> {
    let mut url = url.clone();
    let second = std::time::Duration::from_secs(1);
    url.connect_timeout = Some(url.connect_timeout.map_or(second, |t| t.min(second)));
    let (host, port) = url.first_endpoint();
    let credentials =
        crate::pg_url::password::from_env(&url, &host, port, super::login_name().as_deref())
            .ok()?;
    Store::connect(&url, &credentials, OpenMode::Read).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(line: &str) -> Source {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        Source::from_words(&args)
    }

    #[test]
    fn the_database_and_team_are_read_from_the_words_typed() {
        assert_eq!(source("rhythm -- rhythm record "), Source::default());
        let s = source("rhythm -- rhythm --db a.db record --team=Ops ");
        assert_eq!(s.db, Some(PathBuf::from("a.db")));
        assert_eq!(s.team.as_deref(), Some("Ops"));
        let s = source("rhythm -- rhythm --team Growth --db=b.db measure edit");
        assert_eq!(s.db, Some(PathBuf::from("b.db")));
        assert_eq!(s.team.as_deref(), Some("Growth"));
        // The words before `--` are the script's call, not the command's.
        assert_eq!(source("rhythm --db x.db -- rhythm "), Source::default());
    }

    /// Every argument that takes a team, person or measure name offers
    /// names, and no other does.
    #[test]
    fn name_arguments_are_the_ones_that_offer_names() {
        let mut offered = Vec::new();
        let mut cmd = with_names(Cli::command(), &Arc::new(Source::default()));
        cmd.build();
        fn walk(cmd: &clap::Command, path: String, offered: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                // A global option is listed once, where it is declared.
                let inherited = a.is_global_set() && path != "rhythm";
                if a.get::<ArgValueCandidates>().is_some() && !inherited {
                    offered.push(format!("{path} {}", a.get_id()));
                }
            }
            for s in cmd.get_subcommands() {
                walk(s, format!("{path} {}", s.get_name()), offered);
            }
        }
        walk(&cmd, "rhythm".into(), &mut offered);
        let expected = [
            "rhythm team",
            "rhythm author",
            "rhythm approved_by",
            "rhythm team rename old",
            "rhythm team edit name",
            "rhythm team delete name",
            "rhythm person rename old",
            "rhythm measure add owner",
            "rhythm measure edit name",
            "rhythm measure edit owner",
            "rhythm measure archive name",
            "rhythm measure move name",
            "rhythm record measure",
            "rhythm action add owner",
            "rhythm action list owner",
            "rhythm action edit owner",
            "rhythm offtrack add owner",
            "rhythm offtrack add measure",
            "rhythm offtrack edit owner",
            "rhythm dep add from",
            "rhythm dep add to",
            "rhythm dep add owner",
            "rhythm dep update owner",
            "rhythm dep edit from",
            "rhythm dep edit to",
            "rhythm dep edit owner",
            "rhythm decision add owner",
            "rhythm decision decide owner",
            "rhythm decision edit owner",
            "rhythm decision assign owner",
            "rhythm brief objective add integrator",
            "rhythm brief objective add measures",
            "rhythm brief objective edit integrator",
            "rhythm brief measure add measure",
            "rhythm plan initiative add owner",
            "rhythm plan initiative edit owner",
            "rhythm plan milestone add owner",
            "rhythm plan milestone edit owner",
            "rhythm plan assign person",
        ];
        assert_eq!(offered, expected);
    }
}
