//! One driver per meeting: a screen with a seat drives the open meeting or
//! follows it, by the lease on the board; a driver's heartbeat; the honest
//! clock a follower shows.

use super::*;
use crate::app::driving::{self, Seat};
use crate::domain::Driver;

/// In the open review at the scorecard, as screen "me" of Ana.
fn seated(lease: Option<Driver>) -> State {
    let board = Board {
        driver: lease,
        ..with_meeting(meeting(0, [0; 5], false))
    };
    let mut state = State {
        seat: Some(Seat::new("Ana", "me")),
        ..State::new(board, now())
    };
    state.screen = Screen::Meeting;
    state
}

fn lease(screen: Option<&str>, name: &str, beat: i64) -> Driver {
    Driver {
        meeting: MEETING,
        name: name.into(),
        screen: screen.map(str::to_string),
        heartbeat_at: at(beat),
        paused_at: None,
        selected: None,
    }
}

fn drive(selected: Option<(u8, i64)>, paused: bool, take_over: bool) -> Change {
    Change::DriveMeeting {
        meeting: MEETING,
        driver: "Ana".into(),
        screen: "me".into(),
        take_over,
        paused,
        selected,
    }
}

fn write(changes: Vec<Change>, done: &str) -> Effect {
    Effect::Apply {
        changes,
        done: done.into(),
    }
}

fn loaded(state: &mut State, lease: Option<Driver>) -> Vec<Effect> {
    let board = Board {
        driver: lease,
        ..state.board.clone()
    };
    update(state, Msg::Loaded(Box::new(board)))
}

const FIRST_MEASURE: (u8, i64) = (0, 1);
const SECOND_MEASURE: (u8, i64) = (0, 2);

#[test]
fn a_screen_takes_a_meeting_nobody_drives_and_tells_the_file_where_it_is() {
    let mut state = seated(None);
    // Any message settles it: the first says "I drive", with the cursor.
    assert_eq!(
        update(&mut state, Msg::Tick(now())),
        vec![write(vec![drive(Some(FIRST_MEASURE), false, false)], "")]
    );
    assert!(!state.following);
    // Nothing new to say: no write until the heartbeat is due.
    assert_eq!(
        loaded(&mut state, Some(lease(Some("me"), "Ana", 0))),
        vec![]
    );
    assert_eq!(update(&mut state, Msg::Tick(at(4))), vec![]);
    // The cursor moved: followers must see it at once.
    assert_eq!(
        act(&mut state, Action::Down),
        vec![write(vec![drive(Some(SECOND_MEASURE), false, false)], "")]
    );
    // Five seconds on, the clock save carries the heartbeat with it, so a
    // screen that lost the meeting cannot save its clock over the driver's.
    let mut clock = save_clock(0, vec![5, 0, 0, 0, 0]);
    if let Effect::Apply { changes, .. } = &mut clock {
        changes.push(drive(Some(SECOND_MEASURE), false, false));
    }
    assert_eq!(update(&mut state, Msg::Tick(at(5))), vec![clock]);
}

#[test]
fn a_second_screen_follows_the_driver_and_names_them_until_it_takes_over() {
    let mut state = seated(Some(lease(Some("theirs"), "Bo", 0)));
    assert_eq!(update(&mut state, Msg::Tick(at(2))), vec![]);
    assert!(state.following);
    assert_eq!(
        state.status,
        status("Bo drives this meeting; this screen follows it")
    );
    // Its keys change nothing and write nothing.
    for action in [
        Action::Down,
        Action::Pause,
        Action::NextSection,
        Action::Edit,
    ] {
        assert_eq!(act(&mut state, action), vec![], "{action:?}");
    }
    assert!(driving::offered(&state, Action::TakeOver));
    assert!(!driving::offered(&state, Action::Edit));
    // T takes the meeting over.
    assert_eq!(
        act(&mut state, Action::TakeOver),
        vec![write(
            vec![drive(None, false, true)],
            "You drive the meeting now (taken over from Bo)"
        )]
    );
    // The store agreed: the screen drives, and says so with its cursor.
    assert_eq!(
        loaded(&mut state, Some(lease(Some("me"), "Ana", 2))),
        vec![write(vec![drive(Some(FIRST_MEASURE), false, false)], "")]
    );
    assert!(!state.following);
    assert!(!driving::offered(&state, Action::TakeOver));
}

#[test]
fn a_driver_whose_meeting_was_taken_over_becomes_a_follower() {
    let mut state = seated(None);
    update(&mut state, Msg::Tick(now()));
    loaded(&mut state, Some(lease(Some("me"), "Ana", 0)));
    assert!(!state.following);
    // Bo took it over from another screen: the next reload shows it.
    assert_eq!(
        loaded(&mut state, Some(lease(Some("bo's"), "Bo", 3))),
        vec![]
    );
    assert!(state.following);
    assert_eq!(
        state.status,
        status("Bo took over the meeting; this screen follows it now")
    );
    // It saves no clock and sends no heartbeat from then on.
    for s in [4, 10, 20] {
        assert_eq!(update(&mut state, Msg::Tick(at(s))), vec![]);
    }
}

#[test]
fn a_follower_mirrors_the_drivers_cursor_pause_and_absence() {
    let mut state = seated(Some(Driver {
        selected: Some(SECOND_MEASURE),
        ..lease(Some("theirs"), "Bo", 0)
    }));
    update(&mut state, Msg::Tick(now()));
    assert!(state.following);
    assert_eq!(state.selected[0], 1, "the driver's row is highlighted");

    // Counting while the driver is there.
    update(&mut state, Msg::Tick(at(4)));
    assert_eq!(state.clock.seconds[0], 4);
    assert_eq!(driving::away_since(&state), None);
    for s in 5..=15 {
        update(&mut state, Msg::Tick(at(s)));
    }
    assert_eq!(state.clock.seconds[0], 15);
    // Silent for more than 15 s: away since the last heartbeat, not counted.
    update(&mut state, Msg::Tick(at(16)));
    assert_eq!(driving::away_since(&state), Some(at(0)));
    for s in 17..=60 {
        assert_eq!(update(&mut state, Msg::Tick(at(s))), vec![]);
    }
    assert_eq!(
        state.clock.seconds[0], 15,
        "time away is not counted: the clock stands where it was"
    );

    // The driver is back with the clock they saved, and pauses: PAUSED,
    // and still not counted.
    let back = Board {
        driver: Some(Driver {
            paused_at: Some(at(61)),
            ..lease(Some("theirs"), "Bo", 61)
        }),
        ..with_meeting(meeting(0, [18, 0, 0, 0, 0], false))
    };
    update(&mut state, Msg::Loaded(Box::new(back)));
    assert_eq!(driving::away_since(&state), None);
    assert!(!state.clock.running);
    for s in 62..=70 {
        update(&mut state, Msg::Tick(at(s)));
    }
    assert_eq!(state.clock.seconds[0], 18);
}

/// The room watches a follower's header: found away, its clock stops where
/// it stood, as the header says since when, and never jumps back to the
/// driver's last save (a few seconds older than their last heartbeat).
#[test]
fn a_followers_clock_never_goes_back_when_the_driver_is_found_away() {
    let mut state = seated(Some(lease(Some("theirs"), "Bo", 0)));
    update(&mut state, Msg::Tick(now()));
    assert!(state.following);
    let mut shown = Vec::new();
    for s in 1..=40 {
        update(&mut state, Msg::Tick(at(s)));
        if s == 30 {
            // A reload while away brings the same old save: still held.
            loaded(&mut state, Some(lease(Some("theirs"), "Bo", 0)));
        }
        shown.push((state.clock.in_section(0), state.clock.total()));
    }
    assert_eq!(driving::away_since(&state), Some(at(0)));
    assert!(
        shown
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1),
        "the clock went back: {shown:?}"
    );
    assert_eq!(
        state.clock.total(),
        15,
        "held where it stood when the driver was found away, not counting on"
    );
}

#[test]
fn leaving_lets_the_meeting_go_and_never_takes_it_again() {
    let mut state = seated(None);
    // Opened straight into the meeting (`rhythm meeting`): leaving quits.
    state.leave_quits = true;
    update(&mut state, Msg::Tick(now()));
    loaded(&mut state, Some(lease(Some("me"), "Ana", 0)));
    act(&mut state, Action::Quit);
    let effects = act(&mut state, Action::Yes);
    let mut clock = save_clock(0, vec![0; 5]);
    if let Effect::Apply { changes, .. } = &mut clock {
        changes.push(Change::LeaveMeeting {
            meeting: MEETING,
            screen: "me".into(),
        });
    }
    assert_eq!(effects, vec![clock, Effect::Quit]);
    // The answers to that last write come in before the quit: no new claim.
    assert_eq!(loaded(&mut state, Some(lease(None, "Ana", 0))), vec![]);
}

#[test]
fn a_meeting_taken_up_again_keeps_its_pause_and_says_how_long_it_was_away() {
    let mut state = seated(Some(lease(None, "Bo", 0)));
    state.now = at(600);
    assert_eq!(
        update(&mut state, Msg::Tick(at(600))),
        vec![write(vec![drive(Some(FIRST_MEASURE), false, false)], "")]
    );
    assert_eq!(
        state.status,
        status(
            "Resumed this week's review after 10 min away (since 10:00); that time was not counted"
        )
    );

    let mut state = seated(Some(Driver {
        paused_at: Some(at(30)),
        ..lease(None, "Bo", 40)
    }));
    assert_eq!(
        update(&mut state, Msg::Tick(at(600))),
        vec![write(vec![drive(Some(FIRST_MEASURE), true, false)], "")]
    );
    assert!(!state.clock.running, "the pause holds");
    assert_eq!(
        state.status,
        status("Resumed this week's review, paused since 10:00")
    );
    // P runs the clock again and says what was not counted.
    state.now = at(630);
    act(&mut state, Action::Pause);
    assert_eq!(
        state.status,
        status("Clock running again after 10 min paused; that time was not counted")
    );
}

#[test]
fn a_form_open_when_the_meeting_is_taken_over_is_closed_and_said_so() {
    let mut state = seated(None);
    update(&mut state, Msg::Tick(now()));
    loaded(&mut state, Some(lease(Some("me"), "Ana", 0)));
    act(&mut state, Action::Edit);
    assert!(state.form().is_some());
    loaded(&mut state, Some(lease(Some("bo's"), "Bo", 3)));
    assert_eq!(state.overlay, None);
    assert_eq!(
        state.status,
        status(
            "Bo took over the meeting; this screen follows it now (the open form was not saved)"
        )
    );
    // Esc does not leave a follower's screen; q does.
    assert_eq!(act(&mut state, Action::Back), vec![]);
    assert_eq!(act(&mut state, Action::Quit), vec![Effect::Quit]);
}
