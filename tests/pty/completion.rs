//! Completion loaded the way the README says, in real bash, zsh and fish
//! at an interactive prompt: TAB offers the team's measure names from the
//! database and an option's closed set of values, and a name completed
//! with spaces in it reaches rhythm as one word. A shell that is not
//! installed is skipped with a note, except in CI, which installs all three.

use std::path::Path;
use std::process::Command;

use portable_pty::CommandBuilder;

use super::{BIN, NOW, Session};

/// A folder with `team.db` (Growth and two measures) and the shell's own
/// start-up file that loads rhythm's completion.
fn setup(dir: &Path) {
    let rhythm = |args: &[&str]| {
        let out = Command::new(BIN)
            .args(["--db", "team.db"])
            .args(args)
            .current_dir(dir)
            .env_remove("RHYTHM_DB")
            .env("RHYTHM_NOW", NOW)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    rhythm(&["init", "--team", "Growth"]);
    rhythm(&[
        "measure",
        "add",
        "Net revenue retention",
        "--owner",
        "Ana",
        "--target",
        "110",
    ]);
    rhythm(&[
        "measure", "add", "Pipeline", "--owner", "Bo", "--target", "3",
    ]);
    // As the README tells each shell's users to load it.
    let files = [
        // One TAB lists the choices in bash too (as in zsh and fish), so the
        // keys need no timing; the README's line is the last.
        (
            "bashrc",
            "PS1='$ '\nbind 'set show-all-if-ambiguous on'\nsource <(rhythm completions bash)\n",
        ),
        (
            "zdot/.zshrc",
            "PS1='$ '\nautoload -Uz compinit\ncompinit -u\nsource <(rhythm completions zsh)\n",
        ),
        (
            "config/fish/config.fish",
            "function fish_prompt; echo '$ '; end\nrhythm completions fish | source\n",
        ),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// `shell` at an interactive prompt in `dir`, with the binary under test
/// first on the PATH; `None` (after a note) when the shell is missing.
fn start(shell: &str, dir: &Path) -> Option<Session> {
    if Command::new(shell).arg("-c").arg("true").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{shell} is not installed, and CI must run this test"
        );
        println!("note: {shell} is not installed; its completion test is skipped");
        return None;
    }
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin_dir.to_path_buf()];
    dirs.extend(std::env::split_paths(&path));
    let mut cmd = CommandBuilder::new(shell);
    match shell {
        "bash" => cmd.args(["--noprofile", "--rcfile", "bashrc", "-i"]),
        _ => cmd.arg("-i"),
    }
    cmd.cwd(dir);
    cmd.env("PATH", std::env::join_paths(dirs).unwrap());
    cmd.env("HOME", dir);
    cmd.env("ZDOTDIR", dir.join("zdot"));
    cmd.env("XDG_CONFIG_HOME", dir.join("config"));
    cmd.env("XDG_DATA_HOME", dir.join("data"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("RHYTHM_NOW", NOW);
    for var in ["RHYTHM_DB", "RHYTHM_TEAM", "RHYTHM_COMPLETE", "NO_COLOR"] {
        cmd.env_remove(var);
    }
    let mut s = Session::spawn(cmd);
    s.wait_for("$ ");
    Some(s)
}

/// Types `line` at a fresh prompt of `shell` (a fresh one each time: a
/// Ctrl-C to clear the line would race the keys typed after it) and
/// waits for each of `shown`; returns the session for more keys.
fn typed(shell: &str, dir: &Path, line: &str, shown: &[&str]) -> Option<Session> {
    let mut s = start(shell, dir)?;
    s.keys(line);
    for text in shown {
        s.wait_for(text);
    }
    Some(s)
}

fn offers_names_and_values(shell: &str) {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let dir = dir.path();
    // zsh inserts what the choices share on the first TAB, lists on the
    // second; bash (set up so) and fish list on the first.
    let tab = if shell == "zsh" { "\t\t" } else { "\t" };
    // Bash lists a name as it would write it: `Net\ revenue\ retention`.
    let names = ["revenue", "retention", "Pipeline"];
    let Some(s) = typed(
        shell,
        dir,
        &format!("rhythm --db team.db record {tab}"),
        &names,
    ) else {
        return;
    };
    drop(s);
    typed(
        shell,
        dir,
        &format!("rhythm measure add X --kind {tab}"),
        &["leading", "lagging"],
    );

    // A name with spaces, completed from its first word, is one argument:
    // the command it makes records the value.
    let mut s = typed(
        shell,
        dir,
        "rhythm --db team.db record Net\t",
        &["retention"],
    )
    .unwrap();
    s.keys(" 104\r");
    s.wait_for("Recorded Net revenue retention = 104");
    s.keys("exit\r");
    s.finish();
}

#[test]
fn bash_completes_names_and_values() {
    offers_names_and_values("bash");
}

#[test]
fn zsh_completes_names_and_values() {
    offers_names_and_values("zsh");
}

#[test]
fn fish_completes_names_and_values() {
    offers_names_and_values("fish");
}
