//! A change made by another process appears on an open screen: the runtime
//! polls the file's data version each tick and reloads when it moved.

#![allow(clippy::unwrap_used)]

mod tui;

use rhythm::domain::{Change, Week};

#[test]
fn a_reading_recorded_elsewhere_shows_on_the_open_scorecard() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    let clock = tui::clock();
    tui::press(&mut engine, &mut state, "m");
    // First look: nothing to reload yet.
    assert!(!engine.refresh_if_changed(&mut state, &clock));
    let row = |state: &rhythm::app::State| {
        state
            .board
            .scorecard
            .measures
            .iter()
            .find(|r| r.name == "New MRR")
            .unwrap()
            .value
    };
    assert_eq!(row(&state), None);

    // The CLI, another process, records this week's New MRR.
    let mut other = tui::other_process(dir.path());
    let measure = tui::growth_measure(&other, "New MRR");
    let week: Week = "2026-W48".parse().unwrap();
    other
        .apply(
            &[Change::RecordReading {
                measure: measure.id,
                week,
                value: 131.0,
                note: None,
            }],
            &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
            clock.now,
        )
        .unwrap();

    assert!(engine.refresh_if_changed(&mut state, &clock));
    assert_eq!(row(&state), Some(131.0));
    // The screen is still in the meeting, where it was.
    assert_eq!(state.screen, rhythm::app::Screen::Meeting);
    assert!(!engine.refresh_if_changed(&mut state, &clock));
}
