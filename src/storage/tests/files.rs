//! Transactions, the demo reset, and database files on disk.

use super::*;

// ---------------------------------------------------------------------------
// Transactions

#[test]
fn a_batch_commits_together() {
    let mut s = store();
    let (team, measure) = s
        .batch(now(), |w| {
            let team = TeamId(
                w.apply(&Change::AddTeam {
                    name: "Growth".into(),
                })?
                .id,
            );
            let measure = MeasureId(w.apply(&Change::AddMeasure(new_measure(team, "NRR")))?.id);
            w.apply(&Change::RecordReading {
                measure,
                week: week("2026-W48"),
                value: 101.0,
                note: None,
            })?;
            Ok((team, measure))
        })
        .unwrap();
    assert_eq!(s.teams().unwrap()[0].id, team);
    assert_eq!(s.measures(team, false).unwrap()[0].id, measure);
    assert_eq!(
        s.reading(measure, week("2026-W48"))
            .unwrap()
            .map(|r| r.value),
        Some(101.0)
    );
}

#[test]
fn a_failing_change_in_a_batch_rolls_back_the_whole_batch() {
    let mut s = store();
    let existing = add_team(&mut s, "Existing");
    let before = counts(&s);
    let teams_before = s.teams().unwrap();

    let err = s
        .batch(now(), |w| {
            let team = TeamId(
                w.apply(&Change::AddTeam {
                    name: "Growth".into(),
                })?
                .id,
            );
            let mut m = new_measure(team, "NRR");
            m.owner = Some("Ana".into());
            let measure = MeasureId(w.apply(&Change::AddMeasure(m))?.id);
            w.apply(&Change::RecordReading {
                measure,
                week: week("2026-W48"),
                value: 101.0,
                note: None,
            })?;
            w.apply(&Change::AddAction(new_action(team, "x", Some("Bo"), None)))?;
            w.apply(&Change::RenameTeam {
                team: existing,
                name: "Renamed".into(),
            })?;
            w.apply(&Change::ArchiveMeasure {
                measure: MeasureId(999),
                archived: true,
            })?;
            Ok(())
        })
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "measure",
                id: 999
            }
        ),
        "{err:?}"
    );
    assert_eq!(counts(&s), before);
    assert_eq!(s.teams().unwrap(), teams_before);
    assert_eq!(s.people().unwrap(), vec![]);

    // A clash with a row written earlier in the same batch rolls back too.
    let err = s
        .batch(now(), |w| {
            w.apply(&Change::AddTeam {
                name: "Growth".into(),
            })?;
            w.apply(&Change::AddTeam {
                name: "GROWTH".into(),
            })
        })
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Duplicate { what: "team", existing, .. } if existing == "Growth"),
        "{err:?}"
    );
    assert_eq!(counts(&s), before);

    // The store is still usable afterwards.
    add_team(&mut s, "Growth");
    assert_eq!(s.teams().unwrap().len(), 2);
}

// ---------------------------------------------------------------------------
// Demo data

#[test]
fn clear_demo_refuses_real_data_and_empties_a_demo_database() {
    let mut s = store();
    // An empty database may always be filled with the demo.
    s.batch(now(), |w| w.apply(&Change::ClearDemo).map(|_| ()))
        .unwrap();
    assert!(s.is_empty().unwrap());

    let team = seed(&mut s);
    super::plan::seed_plan(&mut s, team);
    // And a trigger rule that fires on the seeded reading.
    let rule = "NRR > 100 for 1 week";
    apply(
        &mut s,
        Change::AddTrigger(crate::domain::trigger::NewTrigger {
            measure: MeasureId(1),
            rule: rule.parse().unwrap(),
            typed: rule.into(),
            response: "Raise prices".into(),
        }),
    );
    let before = counts(&s);
    assert!(
        before.iter().all(|(t, n)| *t == "meta" || *n > 0),
        "{before:?}"
    );
    assert!(!s.is_demo().unwrap());
    let err = match s.batch(now(), |w| w.apply(&Change::ClearDemo).map(|_| ())) {
        Ok(()) => panic!("cleared a database that is not a demo"),
        Err(e) => e,
    };
    assert_eq!(
        refused_message(err),
        "this database holds data that is not a demo: refusing to replace it"
    );
    assert_eq!(counts(&s), before);

    s.batch(now(), |w| {
        w.apply(&Change::MarkDemo {
            label: "2026-W48".into(),
        })
        .map(|_| ())
    })
    .unwrap();
    assert!(s.is_demo().unwrap());
    s.batch(now(), |w| w.apply(&Change::ClearDemo).map(|_| ()))
        .unwrap();
    assert!(counts(&s).iter().all(|(_, n)| *n == 0), "{:?}", counts(&s));
    assert!(s.is_empty().unwrap());
    assert!(!s.is_demo().unwrap());

    // Rebuilding in one batch: clear, refill, mark.
    s.batch(now(), |w| {
        w.apply(&Change::MarkDemo {
            label: "2026-W47".into(),
        })
        .map(|_| ())
    })
    .unwrap();
    s.batch(now(), |w| {
        w.apply(&Change::ClearDemo).map(|_| ())?;
        w.apply(&Change::AddTeam {
            name: "Demo".into(),
        })?;
        w.apply(&Change::MarkDemo {
            label: "2026-W48".into(),
        })
        .map(|_| ())
    })
    .unwrap();
    assert!(s.is_demo().unwrap());
    assert_eq!(s.teams().unwrap()[0].name, "Demo");
    // And again, now that it is marked.
    s.batch(now(), |w| w.apply(&Change::ClearDemo).map(|_| ()))
        .unwrap();
    assert!(s.is_empty().unwrap());
}

// ---------------------------------------------------------------------------
// Files

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `path` with a suffix such as `-wal` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

fn dir_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn raw_user_version(path: &Path) -> u32 {
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_new_file_is_private_wal_at_the_latest_version_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rhythm.db");
    let (team, measure) = {
        let mut s = Store::open(&path, OpenMode::Create).unwrap();
        assert_eq!(s.path(), Some(path.as_path()));
        assert_eq!(s.journal_mode().unwrap(), "wal");
        assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
        #[cfg(unix)]
        {
            assert_eq!(mode(&path), 0o600);
            // Migrating wrote to the WAL, so it exists while the store is open.
            assert_eq!(mode(&sibling(&path, "-wal")), 0o600);
        }
        let team = add_team(&mut s, "Growth");
        let mut m = new_measure(team, "NRR");
        m.owner = Some("Ana".into());
        let measure = MeasureId(apply(&mut s, Change::AddMeasure(m)));
        record(&mut s, measure, "2026-W48", 104.5);
        (team, measure)
    };

    let s = Store::open(&path, OpenMode::MustExist).unwrap();
    assert_eq!(s.journal_mode().unwrap(), "wal");
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(
        s.teams().unwrap(),
        vec![Team {
            id: team,
            name: "Growth".into(),
            review: crate::domain::ReviewWeek::Current,
        }]
    );
    assert_eq!(
        s.measures(team, false).unwrap()[0].owner.as_deref(),
        Some("Ana")
    );
    assert_eq!(
        s.reading(measure, week("2026-W48"))
            .unwrap()
            .map(|r| r.value),
        Some(104.5)
    );
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    drop(s);
    // Opening with Create an existing file opens it as it is.
    let s = Store::open(&path, OpenMode::Create).unwrap();
    assert_eq!(s.teams().unwrap().len(), 1);
}

#[test]
fn must_exist_on_a_missing_file_is_missing_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rhythm.db");
    match open_err(&path, OpenMode::MustExist) {
        StoreError::Missing(p) => assert_eq!(p, path),
        other => panic!("expected Missing, got {other:?}"),
    }
    assert!(!path.exists());
    assert_eq!(dir_entries(dir.path()), Vec::<String>::new());
}

#[test]
fn a_missing_folder_is_no_directory_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("nope");
    let path = folder.join("rhythm.db");
    for mode in [OpenMode::Create, OpenMode::MustExist] {
        let err = open_err(&path, mode);
        match (mode, err) {
            (OpenMode::Create, StoreError::NoDirectory(p)) => assert_eq!(p, folder),
            (OpenMode::MustExist, StoreError::Missing(p)) => assert_eq!(p, path),
            (mode, other) => panic!("{mode:?}: unexpected {other:?}"),
        }
    }
    assert!(!folder.exists());
    assert_eq!(dir_entries(dir.path()), Vec::<String>::new());
}

#[test]
fn a_folder_is_refused_as_is_directory() {
    let dir = tempfile::tempdir().unwrap();
    for mode in [OpenMode::Create, OpenMode::MustExist] {
        match open_err(dir.path(), mode) {
            StoreError::IsDirectory(p) => assert_eq!(p, dir.path()),
            other => panic!("{mode:?}: expected IsDirectory, got {other:?}"),
        }
    }
    assert_eq!(dir_entries(dir.path()), Vec::<String>::new());
}

/// Deterministic bytes that are not a SQLite file (xorshift; no clock).
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn a_file_that_is_not_sqlite_is_not_a_database_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let bytes = noise(8192);
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    std::fs::write(&path, &bytes).unwrap();
    for mode in [OpenMode::Create, OpenMode::MustExist] {
        match open_err(&path, mode) {
            StoreError::NotADatabase(p) => assert_eq!(p, path),
            other => panic!("{mode:?}: expected NotADatabase, got {other:?}"),
        }
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
    assert_eq!(dir_entries(dir.path()), ["notes.db"]);
}

/// Opens a database whose `user_version` is `found` and checks that it is
/// refused before anything is written: same bytes, same version, and no
/// journal files left beside it.
fn assert_too_new(path: &Path, found: u32) {
    let dir = path.parent().unwrap();
    let files_before = dir_entries(dir);
    let bytes = std::fs::read(path).unwrap();
    let err = open_err(path, OpenMode::Create);
    match &err {
        StoreError::TooNew {
            path: p,
            found: f,
            known,
        } => {
            assert_eq!((p.as_path(), *f, *known), (path, found, LATEST_VERSION));
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert!(err.to_string().contains("it was left untouched"), "{err}");
    assert_eq!(std::fs::read(path).unwrap(), bytes, "the file was changed");
    assert!(!sibling(path, "-wal").exists(), "a -wal file was left");
    assert!(
        !sibling(path, "-journal").exists(),
        "a -journal file was left"
    );
    assert_eq!(dir_entries(dir), files_before);
    // The header's user_version field (offset 60, big-endian), then SQLite's
    // own view of it. The check connection comes last: on a WAL file even a
    // read-only connection leaves -wal and -shm files behind.
    let header: [u8; 4] = bytes[60..64].try_into().unwrap();
    assert_eq!(u32::from_be_bytes(header), found);
    assert_eq!(raw_user_version(path), found);
}

#[test]
fn a_database_from_a_newer_rhythm_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    let future = LATEST_VERSION + 1;
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT, shiny TEXT);
             INSERT INTO team (name, shiny) VALUES ('Growth', 'yes');
             PRAGMA application_id = 1380473172;
             PRAGMA user_version = {future};"
        ))
        .unwrap();
    }
    assert_too_new(&path, future);
    assert_eq!(dir_entries(dir.path()), ["future.db"]);
}

#[test]
fn a_wal_database_from_a_newer_rhythm_is_refused_and_left_untouched() {
    // What a newer rhythm really leaves behind: a WAL file it has migrated.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let mut s = Store::open(&path, OpenMode::Create).unwrap();
        add_team(&mut s, "Growth");
    }
    let future = LATEST_VERSION + 7;
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {future};"))
            .unwrap();
    }
    assert!(!sibling(&path, "-wal").exists());
    assert_eq!(dir_entries(dir.path()), ["future.db"]);
    assert_too_new(&path, future);
}
