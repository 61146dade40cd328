//! Starting the review, resuming it, and finding it ended.

use super::*;

#[test]
fn start_meeting_asks_the_store_and_loaded_enters_at_the_stored_section() {
    let mut state = State::new(board(), now());
    let effects = act(&mut state, Action::StartMeeting);
    assert_eq!(
        effects,
        vec![Effect::Apply {
            changes: vec![Change::StartMeeting {
                team: TeamId(1),
                kind: MeetingKind::Weekly,
                week: week(),
            }],
            done: "Meeting started".into(),
        }]
    );
    let mut expected = State::new(board(), now());
    expected.entering = true;
    assert_eq!(state, expected, "still home until the store answers");

    // The store answers with the board holding the open meeting; one left
    // at Dependencies with time on the clock is entered where it was.
    let open = with_meeting(meeting(2, [610, 1200, 42, 0, 0], false));
    assert_eq!(
        update(&mut state, Msg::Loaded(Box::new(open.clone()))),
        vec![]
    );
    let mut expected = State::new(open.clone(), now());
    expected.screen = Screen::Meeting;
    expected.section = Section::Dependencies;
    expected.clock = MeetingClock::new(vec![610, 1200, 42, 0, 0]);
    // (The store's `Saved(Ok("Meeting started"))` follows and replaces this.)
    expected.status = status("Resumed this week's review");
    assert_eq!(state, expected);

    // A later reload does not move the facilitator.
    state.section = Section::Decisions;
    update(&mut state, Msg::Loaded(Box::new(open)));
    assert_eq!(state.section, Section::Decisions);
}

#[test]
fn a_start_that_fails_because_another_process_started_it_joins_it() {
    let mut state = State::new(board(), now());
    act(&mut state, Action::StartMeeting);
    // The store refuses (the meeting exists), then reloads what the file holds.
    update(
        &mut state,
        Msg::Saved(Err("meeting 'weekly 2026-W48' already exists".into())),
    );
    assert_eq!(state.screen, Screen::Home);
    let open = with_meeting(meeting(1, [600, 90, 0, 0, 0], false));
    assert_eq!(
        update(&mut state, Msg::Loaded(Box::new(open.clone()))),
        vec![]
    );
    let mut expected = State::new(open, now());
    expected.screen = Screen::Meeting;
    expected.section = Section::OffTrack;
    expected.clock = MeetingClock::new(vec![600, 90, 0, 0, 0]);
    expected.status = status("Resumed this week's review");
    assert_eq!(state, expected);
}

#[test]
fn a_start_that_fails_for_good_leaves_home_and_no_pending_start() {
    let mut state = State::new(board(), now());
    act(&mut state, Action::StartMeeting);
    update(&mut state, Msg::Saved(Err("database is locked".into())));
    update(&mut state, Msg::Loaded(Box::new(board())));
    let mut expected = State::new(board(), now());
    expected.status = Some(StatusLine {
        text: "Not saved: database is locked".into(),
        error: true,
        undo: false,
    });
    assert_eq!(state, expected);

    // A meeting appearing in a later reload does not pull the room in.
    update(
        &mut state,
        Msg::Loaded(Box::new(with_meeting(meeting(0, [0; 5], false)))),
    );
    assert_eq!(state.screen, Screen::Home);
}

#[test]
fn start_meeting_resumes_an_open_meeting_without_writing() {
    let board = with_meeting(meeting(1, [600, 30, 0, 0, 0], false));
    let mut state = State::new(board.clone(), now());
    assert_eq!(act(&mut state, Action::StartMeeting), vec![]);
    let mut expected = State::new(board, now());
    expected.screen = Screen::Meeting;
    expected.section = Section::OffTrack;
    expected.clock = MeetingClock::new(vec![600, 30, 0, 0, 0]);
    expected.status = status("Resumed this week's review");
    assert_eq!(state, expected);
}

#[test]
fn start_meeting_after_this_weeks_review_ended_stays_home() {
    let board = with_meeting(meeting(4, [600, 1500, 600, 600, 300], true));
    let mut state = State::new(board.clone(), now());
    assert_eq!(act(&mut state, Action::StartMeeting), vec![]);
    let mut expected = State::new(board, now());
    expected.status =
        status("This week's review has ended; its minutes are under past meetings (2026-W48)");
    assert_eq!(state, expected);
}

/// A team that reviews the week just ended: `m` asks the runtime for that
/// week's board first; once the board is of that week, it starts its review.
#[test]
fn start_meeting_for_a_team_reviewing_the_week_just_ended_opens_that_week_first() {
    let mut board = board();
    board.team.review = crate::domain::ReviewWeek::Previous;
    let mut state = State::new(board.clone(), now());
    let last = week().prev();
    assert_eq!(
        act(&mut state, Action::StartMeeting),
        vec![Effect::OpenWeek(last)]
    );
    assert_eq!(state, State::new(board.clone(), now()), "nothing else yet");

    // The runtime loaded the board as of that week and asks again.
    let mut state = State::new(
        Board {
            week: last,
            ..board
        },
        now(),
    );
    state.review_week = Some(last);
    assert_eq!(
        act(&mut state, Action::StartMeeting),
        vec![Effect::Apply {
            changes: vec![Change::StartMeeting {
                team: TeamId(1),
                kind: MeetingKind::Weekly,
                week: last,
            }],
            done: "Meeting started".into(),
        }]
    );
}

#[test]
fn start_meeting_when_the_week_just_ended_had_its_review_stays_home() {
    let mut ended = meeting(4, [600, 1500, 600, 600, 300], true);
    ended.week = week().prev();
    let mut board = board();
    board.team.review = crate::domain::ReviewWeek::Previous;
    board.past = vec![ended];
    let mut state = State::new(board.clone(), now());
    assert_eq!(act(&mut state, Action::StartMeeting), vec![]);
    let mut expected = State::new(board, now());
    expected.status =
        status("The review of 2026-W47 has ended; its minutes are under past meetings (2026-W47)");
    assert_eq!(state, expected);
}
