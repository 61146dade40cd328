//! A first look: the demo's review renders at the two reference sizes.

mod tui;

#[test]
fn demo_meeting_renders() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    tui::press(&mut engine, &mut state, "m");
    let s = tui::screen(&state, 80, 24, rhythm::ui::Theme::COLOR);
    assert!(s.contains("Scorecard"), "{s}");
}
