//! Following: a read-only mirror of the facilitator's screen.

use super::*;

fn follower(board: Board) -> State {
    let mut state = State::new(board.clone(), now());
    assert_eq!(update(&mut state, Msg::Follow(Box::new(board))), vec![]);
    state
}

#[test]
fn with_no_meeting_running_it_shows_home_and_waits() {
    let state = follower(board());
    assert_eq!(state.screen, Screen::Home);
    assert!(state.following);
}

#[test]
fn it_shows_the_facilitators_section_and_clock() {
    let mut state = follower(board());
    update(
        &mut state,
        Msg::Follow(Box::new(with_meeting(meeting(
            2,
            [600, 1500, 30, 0, 0],
            false,
        )))),
    );
    assert_eq!(state.screen, Screen::Meeting);
    assert_eq!(state.section, Section::Dependencies);
    assert_eq!(state.clock.seconds, vec![600, 1500, 30, 0, 0]);

    // It counts on between reloads, and a reload never takes it backwards.
    update(&mut state, Msg::Tick(now()));
    assert_eq!(update(&mut state, Msg::Tick(at(4))), vec![]);
    assert_eq!(
        update(&mut state, Msg::Tick(at(8))),
        vec![],
        "a follower never saves its clock"
    );
    assert_eq!(state.clock.seconds[2], 38);
    update(
        &mut state,
        Msg::Follow(Box::new(with_meeting(meeting(
            2,
            [600, 1500, 35, 0, 0],
            false,
        )))),
    );
    assert_eq!(state.clock.seconds[2], 38);

    // The facilitator moves on; so does the follower, with their clock.
    update(
        &mut state,
        Msg::Follow(Box::new(with_meeting(meeting(
            3,
            [600, 1500, 40, 0, 0],
            false,
        )))),
    );
    assert_eq!(state.section, Section::Decisions);
    assert_eq!(state.clock.seconds, vec![600, 1500, 40, 0, 0]);

    // The meeting ends: back home.
    update(
        &mut state,
        Msg::Follow(Box::new(with_meeting(meeting(
            4,
            [600, 1500, 40, 600, 300],
            true,
        )))),
    );
    assert_eq!(state.screen, Screen::Home);
}

#[test]
fn keys_that_would_change_anything_do_nothing() {
    let mut state = follower(with_meeting(meeting(0, [0; 5], false)));
    let before = state.clone();
    for action in [
        Action::Edit,
        Action::NextSection,
        Action::RaiseAllOffTrack,
        Action::Pause,
        Action::EndMeeting,
        Action::Filter,
    ] {
        assert_eq!(act(&mut state, action), vec![], "{action:?}");
    }
    assert_eq!(state, before);
    assert_eq!(act(&mut state, Action::Help), vec![]);
    assert_eq!(state.overlay, Some(Overlay::Help));
    assert_eq!(act(&mut state, Action::Back), vec![]);
    assert_eq!(state.overlay, None);
    assert_eq!(act(&mut state, Action::Quit), vec![Effect::Quit]);
}

#[test]
fn a_follower_stopped_quits_and_writes_nothing() {
    let mut state = follower(with_meeting(meeting(2, [600, 1500, 30, 0, 0], false)));
    assert_eq!(state.screen, Screen::Meeting);
    assert_eq!(update(&mut state, Msg::Stop), vec![Effect::Quit]);
}
