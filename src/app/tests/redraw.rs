//! Frames drawn while nothing happens: counted over a minute of ticks.

use super::*;
use crate::app::redraw::shown;

/// Frames a minute of ticks (four a second) would draw.
fn frames_in_a_minute(state: &mut State) -> usize {
    let mut last = shown(state);
    let mut frames = 0;
    for quarter in 1..=240 {
        update(
            state,
            Msg::Tick(at(0) + chrono::Duration::milliseconds(quarter * 250)),
        );
        let now = shown(state);
        if now != last {
            frames += 1;
            last = now;
        }
    }
    frames
}

#[test]
fn an_idle_home_screen_draws_nothing_and_a_running_clock_once_a_second() {
    let mut home = State::new(board(), at(0));
    assert_eq!(frames_in_a_minute(&mut home), 0);
    let mut meeting = in_meeting(Section::Scorecard);
    meeting.now = at(0);
    let frames = frames_in_a_minute(&mut meeting);
    assert!((59..=61).contains(&frames), "{frames} frames");
    // Paused, only the projected end moves, by the minute.
    update(&mut meeting, Msg::Act(Action::Pause));
    let paused = frames_in_a_minute(&mut meeting);
    assert!((1..=2).contains(&paused), "{paused} frames");
    // Across midnight (UTC, as the test's times are), home draws once.
    let start = at(0).timestamp();
    let before_midnight = at(86_400 - start.rem_euclid(86_400) - 30);
    let mut home = State::new(board(), before_midnight);
    let mut last = shown(&home);
    let mut frames = 0;
    for quarter in 1..=240 {
        update(
            &mut home,
            Msg::Tick(before_midnight + chrono::Duration::milliseconds(quarter * 250)),
        );
        if shown(&home) != last {
            frames += 1;
            last = shown(&home);
        }
    }
    assert_eq!(frames, 1);
}
