//! Another process holds the write lock while the meeting screen saves:
//! the screen keeps drawing (its clock counts on) and says it waits for
//! another writer; once the lock is let go, the save lands exactly once.

use std::thread;
use std::time::{Duration, Instant};

use super::{Session, demo_db};

/// The operation log's lines that name `what`.
fn logged(db: &str, what: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT summary FROM operation WHERE summary LIKE '%' || ?1 || '%'")
        .unwrap();
    stmt.query_map([what], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_screen_keeps_drawing_while_another_writer_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let args = ["--db", db.as_str(), "meeting", "--team", "Growth"];
    // On the wall clock: a pinned one never counts a second.
    let mut s = Session::start_with(dir.path(), &args, &[("RHYTHM_NOW", "")]);
    s.wait_for("1 of 5 Scorecard");
    s.wait_for("Meeting started");
    let before = logged(&db, "New MRR");

    let lock = rusqlite::Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    s.keys("jjjje");
    s.wait_for("New MRR · ");
    s.keys("112\r");
    let sent = Instant::now();
    s.wait_for("Waiting for another writer");
    assert!(
        sent.elapsed() < Duration::from_secs(2),
        "the screen said it waits only after {:?}",
        sent.elapsed()
    );

    // Frames keep coming: the meeting clock counts on behind the form.
    let first = s.contents();
    let start = Instant::now();
    while s.contents() == first && start.elapsed() < Duration::from_secs(4) {
        thread::sleep(Duration::from_millis(50));
    }
    let now = s.contents();
    assert_ne!(now, first, "the screen stopped drawing behind the lock");
    assert!(now.contains("Waiting for another writer"), "{now}");
    assert!(now.contains("112"), "what was typed is on screen: {now}");
    assert_eq!(logged(&db, "New MRR"), before, "nothing written yet");

    lock.execute_batch("ROLLBACK").unwrap();
    s.wait_for("Saved New MRR");
    s.keys("q");
    s.wait_for("Leave the meeting?");
    s.keys("y");
    s.wait_exit();
    let after = logged(&db, "New MRR");
    assert_eq!(after.len(), before.len() + 1, "saved once: {after:?}");
    assert!(after.last().unwrap().contains("112"), "{after:?}");
}
