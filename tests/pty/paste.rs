//! A paste into the meeting screen, as a terminal sends one (bracketed):
//! the text goes into the open form as one line, and none of it acts as a
//! key (a line break as Enter, a tab as Tab, a letter as a command).

use rhythm::storage::{ActionFilter, OpenMode, Store};

use super::{Session, demo_db};

fn actions(db: &str) -> usize {
    let store = Store::open(db.as_ref(), OpenMode::MustExist).unwrap();
    let team = super::common::team(&store, "Growth");
    store
        .actions(team.id, &ActionFilter::default())
        .unwrap()
        .len()
}

#[test]
fn a_paste_goes_into_the_form_as_one_line_of_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = actions(&db);
    let args = ["--db", db.as_str(), "meeting", "--team", "Growth"];
    let mut s = Session::start(dir.path(), &args);
    s.wait_for("1 of 5 Scorecard");
    assert!(s.parser.lock().unwrap().screen().bracketed_paste());
    s.keys("a");
    s.wait_for("Add an action item");
    s.keys("\x1b[200~Call Ana about renewals\nand then\tBo\x1b[201~");
    s.wait_for("Call Ana about renewals and then Bo");
    // Nothing was saved and no second form opened.
    assert_eq!(actions(&db), before);
    assert!(s.contents().contains("Title *"));
    s.keys("\x1b");
    s.wait_for("? help");
    s.keys("q");
    s.wait_for("Leave the meeting?");
    s.keys("y");
    let screen = s.wait_exit();
    assert!(!screen.bracketed_paste(), "bracketed paste left on");
}
