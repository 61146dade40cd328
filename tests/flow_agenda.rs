//! The weekly review runs the team's agenda, whatever it holds: set to
//! four sections in another order, Tab walks them in that order and stops
//! at Wrap-up, the header counts "2 of 4" under the agenda's own timebox,
//! and each section shows its own screen; the meeting keeps its agenda
//! when the team changes it mid-meeting.

#![allow(clippy::unwrap_used)]

mod tui;

use rhythm::app::{Section, State};
use rhythm::domain::agenda::parse;
use rhythm::domain::{Change, MeetingKind, OpSource, Origin};
use rhythm::tui::Engine;

fn set_agenda(dir: &std::path::Path, typed: &str) {
    let mut store = tui::other_process(dir);
    let growth = tui::team(&store, "Growth");
    store
        .apply(
            &[Change::SetAgenda {
                team: growth.id,
                kind: MeetingKind::Weekly,
                sections: parse(MeetingKind::Weekly, typed).unwrap(),
            }],
            &Origin::new("ana", OpSource::Cli),
            tui::clock().now,
        )
        .unwrap();
}

fn opened(dir: &std::path::Path) -> (Engine, State) {
    let store = tui::other_process(dir);
    let growth = tui::team(&store, "Growth");
    let engine = Engine::new(
        store,
        &dir.join("demo.db"),
        growth,
        Origin::new("facilitator", OpSource::Tui),
    );
    let state = engine.start(&tui::clock()).unwrap();
    (engine, state)
}

#[test]
fn the_review_walks_the_agenda_in_its_order_with_its_timeboxes() {
    let dir = tempfile::tempdir().unwrap();
    drop(tui::demo(dir.path()));
    set_agenda(
        dir.path(),
        "Scorecard 15, Decisions 10, Off-track 20, Wrap-up 5",
    );
    let (mut e, mut s) = opened(dir.path());
    tui::press(&mut e, &mut s, "m");
    assert_eq!(s.section, Section::Scorecard);
    let screen = tui::screen(&s, 120, 40, rhythm::ui::Theme::COLOR);
    assert!(
        screen.contains("1 of 4 Scorecard · 00:00 / 15:00"),
        "{screen}"
    );
    assert!(screen.contains("/ 50:00"), "the meeting's length: {screen}");

    // The team changes its agenda mid-meeting: this meeting keeps its own.
    set_agenda(dir.path(), "Scorecard 5, Wrap-up 5");
    let mut seen = Vec::new();
    for _ in 0..4 {
        tui::press(&mut e, &mut s, "tab");
        let screen = tui::screen(&s, 80, 24, rhythm::ui::Theme::COLOR);
        seen.push((s.section, screen.lines().nth(1).unwrap().to_string()));
    }
    let sections: Vec<Section> = seen.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        sections,
        [
            Section::Decisions,
            Section::OffTrack,
            Section::WrapUp,
            Section::WrapUp
        ]
    );
    assert!(seen[0].1.contains("2 of 4 Decisions"), "{}", seen[0].1);
    assert!(seen[1].1.contains("3 of 4 Off-track"), "{}", seen[1].1);
    let screen = tui::screen(&s, 80, 24, rhythm::ui::Theme::COLOR);
    assert!(screen.contains("┌ Wrap-up"), "{screen}");
    tui::press(&mut e, &mut s, "backtab backtab");
    assert_eq!(s.section, Section::Decisions);
    let screen = tui::screen(&s, 80, 24, rhythm::ui::Theme::COLOR);
    assert!(screen.contains("┌ Decisions"), "{screen}");

    // The store has where the driver is, by the agenda's place.
    let store = tui::other_process(dir.path());
    let growth = tui::team(&store, "Growth");
    let m = store
        .meetings(growth.id)
        .unwrap()
        .into_iter()
        .find(|m| m.ended_at.is_none())
        .unwrap();
    assert_eq!(m.current_section, 1);
    assert_eq!(m.sections.len(), 4);
}
