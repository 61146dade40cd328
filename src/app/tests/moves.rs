//! Moving between sections and rows, the help, and the meeting clock.

use super::*;

#[test]
fn next_and_prev_section_move_and_save_the_clock() {
    let mut state = in_meeting(Section::Scorecard);
    state.filter = Some("act".into());
    let before = state.clone();

    assert_eq!(
        act(&mut state, Action::NextSection),
        vec![save_clock(1, vec![0; 5])]
    );
    let mut expected = before.clone();
    expected.section = Section::OffTrack;
    expected.filter = None;
    assert_eq!(state, expected, "moving on clears the filter");

    assert_eq!(
        act(&mut state, Action::PrevSection),
        vec![save_clock(0, vec![0; 5])]
    );
    assert_eq!(state.section, Section::Scorecard);

    // At either end there is nowhere to go and nothing to save.
    let here = state.clone();
    assert_eq!(act(&mut state, Action::PrevSection), vec![]);
    assert_eq!(state, here);
    let mut state = in_meeting(Section::WrapUp);
    let here = state.clone();
    assert_eq!(act(&mut state, Action::NextSection), vec![]);
    assert_eq!(state, here);
}

#[test]
fn up_and_down_clamp_to_the_rows() {
    let mut state = in_meeting(Section::Scorecard);
    assert_eq!(act(&mut state, Action::Up), vec![]);
    assert_eq!(state.selected, [0; Section::ALL.len()]);
    for _ in 0..3 {
        assert_eq!(act(&mut state, Action::Down), vec![]);
    }
    let mut want = [0; Section::ALL.len()];
    want[Section::Scorecard.slot()] = 1;
    assert_eq!(state.selected, want, "two measures: the last is 1");
    act(&mut state, Action::Up);
    act(&mut state, Action::Up);
    assert_eq!(state.selected, [0; Section::ALL.len()]);

    // Each section keeps its own cursor; an empty one stays at 0.
    state.section = Section::WrapUp;
    act(&mut state, Action::Down);
    assert_eq!(state.selected, [0; Section::ALL.len()]);
}

#[test]
fn help_opens_and_esc_closes_it_and_other_keys_do_nothing_under_it() {
    let mut state = in_meeting(Section::Scorecard);
    let before = state.clone();
    assert_eq!(act(&mut state, Action::Help), vec![]);
    assert_eq!(state.overlay, Some(Overlay::Help));
    assert_eq!(act(&mut state, Action::NextSection), vec![]);
    assert_eq!(act(&mut state, Action::Edit), vec![]);
    let mut expected = before.clone();
    expected.overlay = Some(Overlay::Help);
    assert_eq!(state, expected);
    assert_eq!(act(&mut state, Action::Back), vec![]);
    assert_eq!(state, before);
}

// ---------------------------------------------------------------------------
// The clock

#[test]
fn tick_counts_into_the_current_section_and_saves_every_five_seconds() {
    let mut state = in_meeting(Section::OffTrack);
    assert_eq!(
        update(&mut state, Msg::Tick(at(0))),
        vec![],
        "starts the clock"
    );
    for s in 1..5 {
        assert_eq!(update(&mut state, Msg::Tick(at(s))), vec![]);
    }
    assert_eq!(state.clock.seconds, vec![0, 4, 0, 0, 0]);
    assert_eq!(state.clock.unsaved, 4);
    assert_eq!(
        update(&mut state, Msg::Tick(at(5))),
        vec![save_clock(1, vec![0, 5, 0, 0, 0])]
    );
    assert_eq!(state.clock.unsaved, 0);
    assert_eq!(state.now, at(5));

    // Half seconds carry over rather than vanish.
    update(&mut state, Msg::Tick(at(5) + Duration::milliseconds(600)));
    update(&mut state, Msg::Tick(at(6) + Duration::milliseconds(200)));
    assert_eq!(state.clock.seconds, vec![0, 6, 0, 0, 0]);
}

#[test]
fn tick_outside_a_meeting_only_moves_now() {
    let mut state = State::new(board(), now());
    let before = state.clone();
    assert_eq!(update(&mut state, Msg::Tick(at(0))), vec![]);
    assert_eq!(update(&mut state, Msg::Tick(at(30))), vec![]);
    let mut expected = before;
    expected.now = at(30);
    assert_eq!(state, expected);
}

#[test]
fn pause_stops_the_clock_and_saves_it() {
    let mut state = in_meeting(Section::Scorecard);
    update(&mut state, Msg::Tick(at(0)));
    update(&mut state, Msg::Tick(at(3)));
    assert_eq!(
        act(&mut state, Action::Pause),
        vec![save_clock(0, vec![3, 0, 0, 0, 0])]
    );
    assert!(!state.clock.running);
    assert_eq!(
        state.status,
        status("Clock paused: the time until it runs again is not counted")
    );
    for s in [4, 10, 60] {
        assert_eq!(update(&mut state, Msg::Tick(at(s))), vec![]);
    }
    assert_eq!(
        state.clock.seconds,
        vec![3, 0, 0, 0, 0],
        "paused time is not counted"
    );

    state.now = at(60);
    assert_eq!(
        act(&mut state, Action::Pause),
        vec![save_clock(0, vec![3, 0, 0, 0, 0])]
    );
    assert!(state.clock.running);
    assert_eq!(
        state.status,
        status("Clock running again after 57 s paused; that time was not counted")
    );
    update(&mut state, Msg::Tick(at(62)));
    assert_eq!(state.clock.seconds, vec![5, 0, 0, 0, 0]);
}
