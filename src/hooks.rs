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

/// A hook running on a thread of its own, so a screen goes on drawing
/// (and its clock ticking) while a recap is mailed.
pub struct Running(std::sync::mpsc::Receiver<Result<(), String>>);

impl Running {
    /// Starts `command` as `run` does, on its own thread.
    pub fn start(command: String, input: String, env: Vec<(String, String)>) -> Running {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let env: Vec<(&str, &str)> =
                env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let _ = tx.send(run(&command, &input, &env));
        });
        Running(rx)
    }

    /// How it ended, once it has; `None` while it runs.
    pub fn finished(&self) -> Option<Result<(), String>> {
        match self.0.try_recv() {
            Ok(result) => Some(result),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Some(Err("it stopped without saying how".to_string()))
            }
        }
    }

    /// Waits for it to end: at most `LIMIT`, as `run` stops it then.
    pub fn wait(self) -> Result<(), String> {
        self.0
            .recv()
            .unwrap_or_else(|_| Err("it stopped without saying how".to_string()))
    }
}

/// How much of a hook's error output is kept, and how much of its first
/// line is shown.
const KEPT: u64 = 64 * 1024;
const LINE_MAX: usize = 300;

/// Stops a hook that ran too long: its whole process group, so what it
/// started (`sleep`, `curl`) does not run on unseen.
fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        use nix::sys::signal::{Signal, killpg};
        let _ = killpg(nix::unistd::Pid::from_raw(pid), Signal::SIGKILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Runs `command` with `input` on its standard input and `env` set;
/// Ok when it exits 0, else why not, in one line.
pub fn run(command: &str, input: &str, env: &[(&str, &str)]) -> Result<(), String> {
    run_within(command, input, env, LIMIT)
}

fn run_within(
    command: &str,
    input: &str,
    env: &[(&str, &str)],
    limit: Duration,
) -> Result<(), String> {
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(command)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // A process group of its own: the terminal's keys never reach it (a
    // read from the terminal stops it), and stopping it stops everything
    // it started, not only the shell.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut sh, 0);
    let mut child = sh.spawn().map_err(|e| format!("could not start it: {e}"))?;
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
            // Only the start is kept (its first line is shown); the rest
            // is read and dropped, so a hook that says a lot is not
            // stopped by a closed pipe, nor fills memory.
            let mut head = Vec::new();
            let _ = (&mut stderr).take(KEPT).read_to_end(&mut head);
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            let _ = tx.send(String::from_utf8_lossy(&head).into_owned());
        });
    }
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < limit => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                stop(&mut child);
                return Err(format!(
                    "it ran longer than {} s and was stopped",
                    limit.as_secs()
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
    let first: String = match first.char_indices().nth(LINE_MAX) {
        Some((at, _)) => format!("{}…", &first[..at]),
        None => first.to_string(),
    };
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

    #[test]
    fn a_running_hook_is_heard_of_when_it_ends_not_before() {
        let hook = Running::start("sleep 1".into(), String::new(), Vec::new());
        assert_eq!(hook.finished(), None);
        let hook = Running::start("exit 4".into(), "x\n".into(), Vec::new());
        assert_eq!(hook.wait().unwrap_err(), "it exited 4");
    }

    #[cfg(unix)]
    #[test]
    fn a_hook_stopped_for_time_stops_with_all_it_started() {
        let dir = tempfile::tempdir().unwrap();
        let pid = dir.path().join("pid");
        let cmd = format!("sleep 61 & echo $! > '{}'; wait", pid.display());
        let err = run_within(&cmd, "", &[], Duration::from_secs(1)).unwrap_err();
        assert_eq!(err, "it ran longer than 1 s and was stopped");
        let pid: i32 = std::fs::read_to_string(&pid)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // Gone, not orphaned: a signal to it finds no process.
        let alive = || nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None).is_ok();
        for _ in 0..100 {
            if !alive() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the hook's sleep {pid} runs on");
    }

    #[test]
    fn a_hook_that_says_a_lot_is_quoted_by_the_start_of_its_first_line() {
        let err = run(
            "head -c 1000000 /dev/zero | tr '\\0' x >&2; exit 3",
            "",
            &[],
        )
        .unwrap_err();
        assert!(err.starts_with("it exited 3: xxx"), "{}", &err[..40]);
        assert!(
            err.chars().count() < 400 && err.ends_with('…'),
            "{} chars",
            err.len()
        );
    }
}
