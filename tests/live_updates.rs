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

/// The Growth review's lease as a second process reads it.
fn driver(dir: &std::path::Path) -> Option<rhythm::domain::Driver> {
    let other = tui::other_process(dir);
    let team = tui::growth_measure(&other, "New MRR").team_id;
    let week: Week = "2026-W48".parse().unwrap();
    let m = other
        .meeting_in(team, rhythm::domain::MeetingKind::Weekly, week)
        .unwrap()?;
    other.meeting_driver(m.id).unwrap()
}

#[test]
fn the_loop_runs_what_a_reload_asks_for_so_the_screen_entering_a_meeting_drives_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    // `m` starts the meeting; the reload answering the start puts the screen
    // in it, and asks for the lease: that answer is not dropped.
    tui::press(&mut engine, &mut state, "m");
    let lease = driver(dir.path()).expect("the screen took the meeting");
    assert_eq!(lease.name, "facilitator");
    assert_eq!(
        lease.selected,
        Some((0, 1)),
        "the cursor, on the first measure"
    );
    assert!(!state.following);
    tui::press(&mut engine, &mut state, "j");
    assert_eq!(driver(dir.path()).unwrap().selected, Some((0, 2)));
}

#[test]
fn a_watcher_runs_the_same_loop_read_only_and_follows_the_drivers_cursor() {
    use rhythm::storage::{OpenMode, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let (mut engine, mut state) = tui::demo(dir.path());
    let clock = tui::clock();
    tui::press(&mut engine, &mut state, "m j j");

    let store = Store::open(&path, OpenMode::ReadOnly).unwrap();
    let mut watcher = rhythm::tui::Engine::follower(store, &path, engine.team.clone());
    let mut seen = watcher.start(&clock).unwrap();
    assert!(seen.following);
    assert_eq!(seen.screen, rhythm::app::Screen::Meeting);
    assert_eq!(seen.selected[0], 2, "the driver's row");

    // The driver moves on and down; the watcher follows on its next look.
    tui::press(&mut engine, &mut state, "tab j");
    assert!(watcher.refresh_if_changed(&mut seen, &clock));
    assert_eq!(seen.section, rhythm::app::Section::OffTrack);
    assert_eq!(seen.selected[1], 1);

    // Its keys write nothing, take nothing over, and leave.
    assert!(!tui::press(&mut watcher, &mut seen, "j x e T P tab"));
    assert_eq!(seen.section, rhythm::app::Section::OffTrack);
    assert_eq!(driver(dir.path()).unwrap().name, "facilitator");
    assert!(
        !engine.refresh_if_changed(&mut state, &clock),
        "nothing written"
    );
    assert!(tui::press(&mut watcher, &mut seen, "q"));
}

/// A watcher's header while its driver falls silent: the meeting's clock
/// counts, stops once the facilitator is found away (saying since when),
/// and never runs backwards on the way.
#[test]
fn a_watchers_meeting_clock_never_runs_back_when_the_facilitator_is_away() {
    use rhythm::storage::{OpenMode, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let (mut engine, mut state) = tui::demo(dir.path());
    let clock = tui::clock();
    tui::press(&mut engine, &mut state, "m");

    let store = Store::open(&path, OpenMode::ReadOnly).unwrap();
    let mut watcher = rhythm::tui::Engine::follower(store, &path, engine.team.clone());
    let mut seen = watcher.start(&clock).unwrap();
    assert!(seen.following);
    let header = |seen: &rhythm::app::State| {
        let text = tui::screen(seen, 120, 40, rhythm::ui::Theme::PLAIN);
        let line = text.lines().find(|l| l.contains("meeting ")).unwrap();
        let line = line.to_string();
        let clock = line.split("meeting ").nth(1).unwrap()[..5].to_string();
        (line, clock)
    };
    // The driver's screen ticks no more: its last heartbeat is at 10:00.
    let mut shown = Vec::new();
    for s in 1..=30 {
        let now = clock.now + chrono::Duration::seconds(s);
        watcher.send(&mut seen, rhythm::app::Msg::Tick(now), &clock);
        shown.push(header(&seen).1);
    }
    assert!(
        shown.windows(2).all(|w| w[0] <= w[1]),
        "the meeting's clock ran back: {shown:?}"
    );
    let (line, at) = header(&seen);
    assert!(line.contains("facilitator away since 10:00"), "{line}");
    // Counted from its first tick at 10:00:01 until the silence was seen.
    assert_eq!(at, "00:14", "{line}");
}
