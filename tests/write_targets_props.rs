//! However a path is spelled (relative, `./`, absolute, through `..`, a
//! linked folder, a link to the file, the database's companions), a file
//! write that would land on the database is refused and writes nothing;
//! any other name in the same folder is written.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rhythm::files::{Replace, write_private};
use rhythm::storage::{OpenMode, Store};

/// What a generated path ends on.
const KEPT: &[&str] = &[
    "team.db",
    "team.db-wal",
    "team.db-shm",
    "team.db-journal",
    "link.db",
    "wal-link",
];

/// One step of a spelling: each leaves the path in the database's folder.
fn step() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "./",
        "sub/../",
        "sub/./../",
        "dirlink/",
        "dirlink/sub/../",
    ])
}

fn spelling() -> impl Strategy<Value = (bool, Vec<&'static str>, &'static str)> {
    (
        any::<bool>(),
        prop::collection::vec(step(), 0..4),
        prop::sample::select(KEPT.to_vec()),
    )
}

/// A folder holding an open database, with links and a folder to walk through.
fn setup() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("team.db"), OpenMode::Create).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("team.db", dir.path().join("link.db")).unwrap();
    std::os::unix::fs::symlink("team.db-wal", dir.path().join("wal-link")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("dirlink")).unwrap();
    (dir, store)
}

fn spell(dir: &Path, absolute: bool, steps: &[&str], name: &str) -> PathBuf {
    let mut text = String::new();
    if absolute {
        text.push_str(&format!("{}/", dir.display()));
    }
    for s in steps {
        text.push_str(s);
    }
    text.push_str(name);
    // Relative spellings start from the database's folder, as a shell in it would.
    if absolute {
        PathBuf::from(text)
    } else {
        dir.join(text)
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[cfg(unix)]
    #[test]
    fn every_spelling_of_the_database_is_refused((absolute, steps, name) in spelling()) {
        let (dir, store) = setup();
        let guard = store.guard();
        let target = spell(dir.path(), absolute, &steps, name);
        let before = std::fs::read(dir.path().join("team.db")).unwrap();
        let names = listing(dir.path());
        let err = write_private(&target, b"{}", Replace::Yes, &guard).unwrap_err();
        prop_assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{}", target.display());
        prop_assert!(err.to_string().starts_with("it is the database"), "{}", err);
        prop_assert_eq!(std::fs::read(dir.path().join("team.db")).unwrap(), before);
        prop_assert_eq!(listing(dir.path()), names);
        prop_assert_eq!(store.teams().unwrap().len(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn any_other_name_beside_it_is_written(
        (absolute, steps, _) in spelling(),
        tail in "[a-z.]{1,6}",
    ) {
        let (dir, store) = setup();
        let name = format!("team.db{tail}");
        let target = spell(dir.path(), absolute, &steps, &name);
        write_private(&target, b"{}", Replace::Yes, &store.guard()).unwrap();
        prop_assert_eq!(std::fs::read(dir.path().join(&name)).unwrap(), b"{}");
    }
}
