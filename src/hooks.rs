//! Running the config file's hooks (`config::Hooks`): a command of the
//! user's own, through `sh -c`, given what happened. A hook never gets the
//! terminal (a screen may be drawing on it): its output is kept, its first
//! line of errors reported, and it is stopped after `LIMIT`, so a hook
//! that hangs cannot hold a meeting's end.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a hook may run. Work that takes longer belongs in the
/// background (`cmd &`).
pub const LIMIT: Duration = Duration::from_secs(10);

/// Runs `command` with `input` on its standard input and `env` set;
/// Ok when it exits 0, else why not, in one line.
pub fn run(command: &str, input: &str, env: &[(&str, &str)]) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start it: {e}"))?;
    // Fed and read on threads of their own: a hook that reads nothing, or
    // leaves a background process holding its error output, blocks neither.
    let mut stdin = child.stdin.take();
    let input = input.to_string();
    std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(input.as_bytes());
        }
    });
    let (tx, rx) = std::sync::mpsc::channel();
    if let Some(mut stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            let _ = tx.send(text);
        });
    }
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < LIMIT => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "it ran longer than {} s and was stopped",
                    LIMIT.as_secs()
                ));
            }
            Err(e) => return Err(format!("could not wait for it: {e}")),
        }
    };
    if status.success() {
        return Ok(());
    }
    let said = rx
        .recv_timeout(Duration::from_millis(200))
        .unwrap_or_default();
    let first = said.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let code = status.code().map_or_else(
        || "was stopped by a signal".to_string(),
        |c| format!("exited {c}"),
    );
    Err(if first.is_empty() {
        format!("it {code}")
    } else {
        format!("it {code}: {first}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hook_gets_the_input_and_environment_and_its_failure_is_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("got");
        let cmd = format!(
            "cat > '{}'; echo \"$WHO\" >> '{}'",
            out.display(),
            out.display()
        );
        run(&cmd, "minutes\n", &[("WHO", "ana")]).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "minutes\nana\n");
        let err = run("echo 'no mail server' >&2; exit 3", "", &[]).unwrap_err();
        assert_eq!(err, "it exited 3: no mail server");
    }
}
