//! Crash safety: the real binary is killed with SIGKILL at random moments
//! while it writes; after every kill the file is intact, its links hold,
//! every change whose command reported success is there, and a large import
//! is all or nothing.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Sandbox, TODAY};
use rhythm::domain::Week;
use rhythm::storage::{ActionFilter, OpenMode, Store};

/// A small deterministic generator, so a failing trial can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn rhythm(t: &Sandbox, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rhythm"));
    c.current_dir(t.path("."))
        .env_remove("RHYTHM_DB")
        .env("RHYTHM_NOW", TODAY)
        .env("XDG_DATA_HOME", t.data_home())
        .args(["--db", "team.db"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// A small writer is killed at a random moment within this many
/// microseconds of its start, the import within eight times as long: about
/// the life of such a process, so some finish and most are killed
/// somewhere between starting and committing. Measured on this machine as
/// it is now (half again the quickest of three writers left alone, and
/// never below 16 ms), so a busy machine does not turn every kill into one
/// before the write began, nor a slow first run every writer into one that
/// finished.
fn kill_within(t: &Sandbox) -> u64 {
    let mut quickest = Duration::MAX;
    for i in 0..3 {
        let started = Instant::now();
        let ok = rhythm(
            t,
            &["action", "add", &format!("warm-up {i}"), "--owner", "Ana"],
        )
        .status()
        .unwrap()
        .success();
        assert!(ok, "a writer left alone failed");
        quickest = quickest.min(started.elapsed());
    }
    (quickest.as_micros() as u64 * 3 / 2).max(16_000)
}

/// The first of 500 weeks of readings that trial `n` imports; trials never overlap.
fn first_week(n: u64) -> Week {
    Week::new(1800 + 10 * n as i32, 1).unwrap()
}

/// A long-form file of 500 weekly readings of one measure.
fn readings_file(t: &Sandbox, n: u64) -> String {
    let name = format!("trial{n}.csv");
    let mut text = String::from("measure,week,value\n");
    for k in 0..500 {
        text.push_str(&format!(
            "Net revenue retention,{},{}\n",
            first_week(n).offset(k),
            100 + k
        ));
    }
    std::fs::write(t.path(&name), text).unwrap();
    name
}

#[test]
fn killed_writers_never_damage_the_file_or_lose_a_reported_change() {
    let t = Sandbox::growth();
    let mut rng = Lcg(48);
    let mut reported = Vec::new();
    let mut killed = 0;
    let kill_within = kill_within(&t);
    for trial in 0..24u64 {
        // A burst of writers, each killed at a random moment (or not at
        // all): small changes, and one large import in one transaction.
        let mut children = Vec::new();
        for i in 0..3 {
            let title = format!("task {trial}-{i}");
            let child = rhythm(&t, &["action", "add", &title, "--owner", "Ana"])
                .spawn()
                .unwrap();
            children.push((title, child, Duration::from_micros(rng.next(kill_within))));
        }
        let file = readings_file(&t, trial);
        let child = rhythm(&t, &["import-readings", &file]).spawn().unwrap();
        children.push((
            format!("import {trial}"),
            child,
            Duration::from_micros(rng.next(8 * kill_within)),
        ));
        let started = Instant::now();
        for (title, mut child, kill_at) in children {
            while started.elapsed() < kill_at && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_micros(300));
            }
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap(); // SIGKILL
                killed += 1;
            }
            if child.wait().unwrap().success() {
                reported.push(title);
            }
        }

        // After every trial: the file opens, is intact, and its links hold.
        let store = Store::open(&t.db(), OpenMode::MustExist).unwrap();
        let health = store.check().unwrap();
        assert!(health.is_ok(), "trial {trial}: {health:?}");
        let team = common::team(&store, "Growth");
        let titles: Vec<String> = store
            .actions(team.id, &ActionFilter::default())
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect();
        for title in reported.iter().filter(|t| t.starts_with("task")) {
            assert!(
                titles.contains(title),
                "trial {trial}: '{title}' was reported saved but is gone"
            );
        }
        // Each import is all or nothing, and all when it said so.
        let nrr = store
            .measures(team.id, false)
            .unwrap()
            .into_iter()
            .find(|m| m.name == "Net revenue retention")
            .unwrap();
        for n in 0..=trial {
            let from = first_week(n);
            let count = store
                .readings(team.id, from, from.offset(499))
                .unwrap()
                .into_iter()
                .filter(|r| r.measure_id == nrr.id)
                .count();
            let said = reported.contains(&format!("import {n}"));
            assert!(
                count == 0 || count == 500,
                "trial {trial}: import {n} left {count} of 500 readings"
            );
            assert!(
                !said || count == 500,
                "trial {trial}: import {n} was reported but left {count}"
            );
        }
    }
    eprintln!(
        "{killed} writers killed mid-run, {} finished (kill within {kill_within} µs)",
        reported.len()
    );
    assert!(
        killed >= 20,
        "only {killed} writers were killed mid-run; the test proves little"
    );
    assert!(
        reported.len() >= 10,
        "only {} writers finished",
        reported.len()
    );
}
