//! Telling a file's kind without changing it (see `storage::identify`).

use rusqlite::Connection;

use crate::storage::{FileKind, OpenMode, Store, file_kind};

#[test]
fn files_are_told_apart_without_being_changed() {
    let dir = tempfile::tempdir().unwrap();
    let kind = |name: &str| file_kind(&dir.path().join(name)).unwrap();
    let rhythm = dir.path().join("team?#%.db");
    drop(Store::open(&rhythm, OpenMode::Create).unwrap());
    std::fs::write(dir.path().join("empty.db"), "").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "SQLite format 3 is not this").unwrap();
    let other = Connection::open(dir.path().join("other.db")).unwrap();
    other.execute_batch("CREATE TABLE team (x);").unwrap();
    drop(other);
    let before = std::fs::read_dir(dir.path()).unwrap().count();

    assert_eq!(kind("team?#%.db"), FileKind::Rhythm);
    assert_eq!(kind("empty.db"), FileKind::Empty);
    assert_eq!(kind("notes.txt"), FileKind::NotSqlite);
    assert_eq!(kind("other.db"), FileKind::OtherSqlite);
    assert!(file_kind(&dir.path().join("nothing.db")).is_err());

    // A database another connection holds open keeps its new schema in the
    // log until a checkpoint: it is still told for rhythm's.
    let open = Store::open(&dir.path().join("open.db"), OpenMode::Create).unwrap();
    assert_eq!(kind("open.db"), FileKind::Rhythm);
    drop(open);
    let after = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(after, before + 1, "only open.db was added");
    assert_eq!(
        std::fs::metadata(dir.path().join("empty.db"))
            .unwrap()
            .len(),
        0
    );
}
