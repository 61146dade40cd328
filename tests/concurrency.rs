//! Many processes on one database: four writers at once lose nothing and
//! never show "database is locked".

#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;

use common::{Sandbox, TODAY};
use rhythm::domain::Week;
use rhythm::storage::{ActionFilter, OpenMode, Store};

const WRITERS: usize = 4;
const EACH: usize = 250;

#[test]
fn four_writers_at_once_lose_no_write() {
    let t = Sandbox::growth();
    let threads: Vec<_> = (0..WRITERS)
        .map(|w| {
            let dir = t.path(".");
            let data = t.data_home();
            std::thread::spawn(move || {
                for i in 0..EACH {
                    // Half readings (each writer its own weeks), half action items.
                    let args: Vec<String> = if i % 2 == 0 {
                        let week = Week::new(1900 + 5 * w as i32, 1)
                            .unwrap()
                            .offset((i / 2) as i64);
                        [
                            "record",
                            "Tier-2 response time",
                            &format!("{i}"),
                            "--week",
                            &week.to_string(),
                        ]
                        .map(String::from)
                        .to_vec()
                    } else {
                        [
                            "action",
                            "add",
                            &format!("writer {w} item {i}"),
                            "--owner",
                            "Bo",
                        ]
                        .map(String::from)
                        .to_vec()
                    };
                    let out = Command::new(env!("CARGO_BIN_EXE_rhythm"))
                        .current_dir(&dir)
                        .env_remove("RHYTHM_DB")
                        .env("RHYTHM_NOW", TODAY)
                        .env("XDG_DATA_HOME", &data)
                        .args(["--db", "team.db"])
                        .args(&args)
                        .output()
                        .unwrap();
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    assert!(out.status.success(), "writer {w}, {args:?}: {stderr}");
                    assert!(
                        !stderr.contains("locked") && !stderr.contains("busy"),
                        "{stderr}"
                    );
                }
            })
        })
        .collect();
    for th in threads {
        th.join().unwrap();
    }
    let store = Store::open(&t.db(), OpenMode::MustExist).unwrap();
    let team = common::team(&store, "Growth");
    let actions = store.actions(team.id, &ActionFilter::default()).unwrap();
    assert_eq!(actions.len(), WRITERS * EACH / 2);
    let first = Week::new(1900, 1).unwrap();
    let readings = store
        .readings(team.id, first, Week::new(1930, 1).unwrap())
        .unwrap();
    assert_eq!(readings.len(), WRITERS * EACH / 2);
    assert!(store.check().unwrap().is_ok());
}
