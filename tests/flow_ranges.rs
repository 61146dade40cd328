//! A review held on the last day rhythm keeps (9998-12-31): what the screen
//! works out itself, such as an action due at the next meeting, may not
//! leave the years rhythm reads back. Driven by keys on a demo file.

#![allow(clippy::unwrap_used)]

mod tui;

use rhythm::app::Section;
use rhythm::clock::Clock;
use rhythm::domain::{OpSource, Origin};
use rhythm::storage::{ActionFilter, OpenMode, Store};
use rhythm::tui::Engine;

#[test]
fn a_change_promised_on_the_last_day_kept_is_refused_and_what_was_typed_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let last = Clock::pinned("9998-12-31T10:00:00Z").unwrap();
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    let filled = Clock::pinned("9998-12-20T10:00:00Z").unwrap();
    store
        .apply_batch(
            &Origin::new("test", OpSource::Demo),
            filled.now,
            rhythm::storage::Images::None,
            |w| rhythm::demo::fill(w, filled.today).map(|_| ()),
        )
        .unwrap();
    let team = tui::team(&store, "Growth");
    let mut e = Engine::new(store, &path, team, Origin::new("ana", OpSource::Tui));
    let mut s = e.start(&last).unwrap();
    tui::press_at(&mut e, &mut s, "m", &last);
    assert_eq!(s.section, Section::Scorecard);
    let team = s.board.team.id;
    let actions = || {
        let store = tui::other_process(dir.path());
        store.actions(team, &ActionFilter::default()).unwrap().len()
    };
    let before = actions();
    // The off-track item of the third measure; a new promised change
    // becomes an action due a week on: 9999-01-07.
    tui::press_at(&mut e, &mut s, "j j o tab tab tab \"!\" enter", &last);
    let form = s.form().expect("the form stays open");
    assert_eq!(
        form.error.as_deref(),
        Some("Not saved: due date '9999-01-07' is outside the years rhythm keeps (1900 to 9998)")
    );
    assert!(form.value("Change by next week").ends_with('!'));
    assert_eq!(actions(), before);
}
