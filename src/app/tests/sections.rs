//! What each section's keys ask of the store, leaving, ending, filtering.

use super::*;

#[test]
fn x_on_a_commitment_toggles_done() {
    let mut state = in_meeting(Section::OffTrack);
    let mut before = state.clone();
    // Only the record acted on is remembered, for the reload to follow.
    before.acted[Section::OffTrack.slot()] = Some((1, 4));
    assert_eq!(
        act(&mut state, Action::ToggleDone),
        vec![Effect::Apply {
            changes: vec![Change::SetActionState {
                action: ActionId(4),
                state: ActionState::Done,
            }],
            done: "Action #4 done: Ship the onboarding checklist".into(),
        }]
    );
    assert_eq!(state, before, "nothing changes until the store reloads");

    state.board.commitments[0].state = ActionState::Done;
    assert_eq!(
        act(&mut state, Action::ToggleDone),
        vec![Effect::Apply {
            changes: vec![Change::SetActionState {
                action: ActionId(4),
                state: ActionState::Open,
            }],
            done: "Action #4 reopened: Ship the onboarding checklist".into(),
        }]
    );
}

/// Choosing the status it already has (a letter pressed twice lands on
/// the same word) writes nothing and claims nothing.
#[test]
fn s_with_the_same_status_and_note_writes_nothing_and_says_nothing() {
    let mut state = in_meeting(Section::Dependencies);
    act(&mut state, Action::SetStatus);
    type_text(&mut state, "oo");
    assert_eq!(form(&state).value("Status"), "on track");
    assert_eq!(
        act(&mut state, Action::Save),
        vec![Effect::Apply {
            changes: vec![],
            done: String::new(),
        }]
    );
}

#[test]
fn s_chooses_a_dependency_status_from_the_list_with_a_note() {
    let mut state = in_meeting(Section::Dependencies);
    assert_eq!(act(&mut state, Action::SetStatus), vec![]);
    assert_eq!(form(&state).value("Status"), "on track");
    // Space steps through the list; a letter jumps to its word.
    type_text(&mut state, " ");
    assert_eq!(form(&state).value("Status"), "at risk");
    type_text(&mut state, "b");
    assert_eq!(form(&state).value("Status"), "blocked");
    act(&mut state, Action::NextField);
    type_text(&mut state, "legal is out");
    assert_eq!(
        act(&mut state, Action::Save),
        vec![Effect::Apply {
            // The status only if it is still on track, as the screen showed it.
            changes: vec![
                Change::Guarded {
                    expect: crate::domain::change::Expect::DependencyStatus {
                        dependency: DependencyId(3),
                        status: DepStatus::OnTrack,
                    },
                    change: Box::new(Change::UpdateDependency {
                        dependency: DependencyId(3),
                        status: Some(DepStatus::Blocked),
                        needed_by: None,
                        owner: None,
                        note: None,
                    }),
                },
                Change::EditDependency {
                    dependency: DependencyId(3),
                    edit: crate::domain::change::DependencyEdit {
                        note: crate::domain::change::FieldEdit::Set("legal is out".into()),
                        ..Default::default()
                    },
                },
            ],
            done: "Dependency #3 Review of the reseller terms: on track → blocked".into(),
        }]
    );
}

#[test]
fn rate_counts_only_in_the_wrap_up() {
    let mut state = in_meeting(Section::WrapUp);
    assert_eq!(
        act(&mut state, Action::Rate(8)),
        vec![Effect::Apply {
            changes: vec![Change::RateMeeting {
                meeting: MEETING,
                rating: 8,
            }],
            done: "Rated 8/10".into(),
        }]
    );
    let mut state = in_meeting(Section::Scorecard);
    assert_eq!(act(&mut state, Action::Rate(8)), vec![]);
}

#[test]
fn ending_the_meeting_asks_then_saves_the_clock_ends_it_and_writes_minutes() {
    let mut state = in_meeting(Section::WrapUp);
    state.clock.seconds = vec![600, 1400, 500, 620, 90];
    assert_eq!(act(&mut state, Action::EndMeeting), vec![]);
    assert_eq!(state.overlay, Some(Overlay::Confirm(Confirm::EndMeeting)));

    // Anything but yes or no leaves the question up.
    assert_eq!(act(&mut state, Action::NextSection), vec![]);
    assert_eq!(state.overlay, Some(Overlay::Confirm(Confirm::EndMeeting)));

    let effects = act(&mut state, Action::Yes);
    let text = minutes::render(&minutes::Input {
        board: &state.board,
        meeting: state.board.meeting.as_ref().unwrap(),
        seconds: &[600, 1400, 500, 620, 90],
        ended_at: now(),
    });
    assert!(
        text.starts_with("# Growth — weekly review 2026-W48\n"),
        "{text}"
    );
    assert!(text.contains("Whether to sunset the free tier"), "{text}");
    assert_eq!(
        effects,
        vec![Effect::EndMeeting {
            changes: vec![
                Change::SaveMeetingClock {
                    meeting: MEETING,
                    current_section: 4,
                    seconds: vec![600, 1400, 500, 620, 90],
                },
                Change::EndMeeting {
                    meeting: MEETING,
                    snapshot: Box::new(board().scorecard),
                    minutes: text.clone(),
                    commitments: board().completion_counts(),
                },
            ],
            meeting: MEETING,
            minutes: text,
        }]
    );
    assert_eq!(state.overlay, None);

    update(
        &mut state,
        Msg::MinutesWritten(Ok("minutes/growth-2026-W48-7.md".into())),
    );
    assert_eq!(state.screen, Screen::Home);
    assert_eq!(
        state.minutes_path.as_deref(),
        Some("minutes/growth-2026-W48-7.md")
    );
    assert_eq!(
        state.status,
        status("Meeting ended. Minutes written to minutes/growth-2026-W48-7.md")
    );
}

#[test]
fn n_declines_ending_the_meeting() {
    let mut state = in_meeting(Section::WrapUp);
    let before = state.clone();
    act(&mut state, Action::EndMeeting);
    assert_eq!(act(&mut state, Action::No), vec![]);
    assert_eq!(state, before);
}

#[test]
fn q_in_a_meeting_opened_straight_asks_and_y_saves_the_clock_and_quits() {
    let mut state = in_meeting(Section::OffTrack);
    // As the runtime marks a meeting the program opened straight into.
    state.leave_quits = true;
    state.clock.seconds = vec![600, 75, 0, 0, 0];
    let before = state.clone();
    assert_eq!(act(&mut state, Action::Quit), vec![]);
    assert_eq!(state.overlay, Some(Overlay::Confirm(Confirm::Leave)));
    assert_eq!(act(&mut state, Action::No), vec![]);
    assert_eq!(state, before, "n stays in the meeting");

    act(&mut state, Action::Quit);
    assert_eq!(
        act(&mut state, Action::Yes),
        vec![save_clock(1, vec![600, 75, 0, 0, 0]), Effect::Quit]
    );
}

#[test]
fn q_in_a_meeting_entered_from_home_goes_back_home() {
    let mut state = in_meeting(Section::OffTrack);
    state.clock.seconds = vec![600, 75, 0, 0, 0];
    state.filter = Some("churn".into());
    act(&mut state, Action::Quit);
    assert_eq!(
        act(&mut state, Action::Yes),
        vec![save_clock(1, vec![600, 75, 0, 0, 0]), Effect::BackHome]
    );
    assert_eq!(state.screen, Screen::Home);
    assert_eq!(state.overlay, None);
    assert_eq!(state.filter, None);
    assert_eq!(
        state.status,
        status("Left the review of 2026-W48; it stays open")
    );
    // Home's q then quits; the note printed after says how to come back.
    assert_eq!(act(&mut state, Action::Quit), vec![Effect::Quit]);
    assert_eq!(
        state.leaving_note().as_deref(),
        Some("The review of 2026-W48 stays open. Resume it with: rhythm meeting")
    );
    // Named by a URL without its password, it says where that must be.
    state.resume_command = "rhythm --db 'postgres://ana@db.example/rhythm' meeting".into();
    state.resume_without_password = true;
    assert_eq!(
        state.leaving_note().as_deref(),
        Some(
            "The review of 2026-W48 stays open. The command leaves out the URL's password: \
             PGPASSWORD or ~/.pgpass must hold it. Resume it with: \
             rhythm --db 'postgres://ana@db.example/rhythm' meeting"
        )
    );
    state.resume_without_password = false;

    // Entered again from home, it is left for home again.
    state.leave_quits = true;
    act(&mut state, Action::StartMeeting);
    assert_eq!(state.screen, Screen::Meeting);
    assert!(!state.leave_quits);
}

#[test]
fn q_at_home_quits_at_once() {
    let mut state = State::new(board(), now());
    assert_eq!(act(&mut state, Action::Quit), vec![Effect::Quit]);
}

#[test]
fn the_filter_form_filters_the_rows_until_esc() {
    let mut state = in_meeting(Section::Scorecard);
    assert_eq!(rows(&state, Section::Scorecard).len(), 2);
    state.selected[0] = 1;
    assert_eq!(act(&mut state, Action::Filter), vec![]);
    assert_eq!(form(&state).kind, FormKind::Filter);
    type_text(&mut state, "TRIAL");
    assert_eq!(act(&mut state, Action::Save), vec![]);
    assert_eq!(state.overlay, None);
    assert_eq!(state.filter.as_deref(), Some("TRIAL"));
    assert_eq!(state.selected[0], 0, "the cursor goes to the first match");
    let shown: Vec<_> = rows(&state, Section::Scorecard)
        .into_iter()
        .map(|r| match r {
            Row::Measure(m, _) => m.name.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(shown, ["Trial-to-paid conversion"]);

    // The filter matches owners too; the form opens with the current filter.
    act(&mut state, Action::Filter);
    assert_eq!(form(&state).value("Show rows containing"), "TRIAL");
    backspace(&mut state, 5);
    type_text(&mut state, "dee");
    act(&mut state, Action::Save);
    assert!(matches!(
        rows(&state, Section::Scorecard).as_slice(),
        [Row::Measure(m, _)] if m.name == "Activation in first 30 days"
    ));

    // Esc in the meeting clears it.
    assert_eq!(act(&mut state, Action::Back), vec![]);
    assert_eq!(state.filter, None);
    assert_eq!(rows(&state, Section::Scorecard).len(), 2);
}

#[test]
fn loaded_clamps_cursors_to_the_new_rows() {
    let mut state = in_meeting(Section::Scorecard);
    state.selected[Section::Scorecard.slot()] = 1;
    let mut fewer = with_meeting(meeting(0, [0; 5], false));
    fewer.measures.truncate(1);
    fewer.scorecard.measures.truncate(1);
    update(&mut state, Msg::Loaded(Box::new(fewer)));
    assert_eq!(state.selected, [0; Section::ALL.len()]);
    assert_eq!(
        state.board.scorecard.measures[0].status,
        Status::OffTrack,
        "the kept row is the first"
    );
}

#[test]
fn minutes_never_show_a_meeting_ending_before_it_started() {
    let state = in_meeting(Section::WrapUp);
    let meeting = state.board.meeting.as_ref().unwrap();
    let started = meeting.started_at;
    let render = |ended_at| {
        minutes::render(&minutes::Input {
            board: &state.board,
            meeting,
            seconds: &[600, 1400, 500, 620, 90],
            ended_at,
        })
    };
    let held = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("Held "))
            .unwrap()
            .to_string()
    };
    let on_time = render(started + chrono::Duration::minutes(55));
    assert!(!on_time.contains("clock moved"), "{on_time}");
    // The machine's clock was set back 40 minutes while the meeting ran.
    let back = render(started - chrono::Duration::minutes(40));
    let start = state.board.local_time(started);
    let end = state
        .board
        .local_time(started - chrono::Duration::minutes(40));
    assert!(held(&back).contains(&format!("{start}–{start} ")), "{back}");
    assert!(
        back.contains(&format!(
            "The clock moved back while the meeting ran: it ended at {end} by the clock, \
             before it started at {start}, so its end is shown as its start."
        )),
        "{back}"
    );
}

/// A review left open over the weekend and ended on Monday: the end gives
/// its day and date, by the room's time zone, where a bare time would read
/// as the same day. A meeting that ends on the day it began keeps the
/// short form.
#[test]
fn minutes_of_a_meeting_ended_on_a_later_day_give_the_end_date() {
    let held = |offset_hours: i32, started: &str, ended: &str| {
        let mut state = in_meeting(Section::WrapUp);
        state.board.offset = chrono::FixedOffset::east_opt(offset_hours * 3600).unwrap();
        let meeting = state.board.meeting.as_mut().unwrap();
        meeting.started_at = started.parse().unwrap();
        let meeting = state.board.meeting.as_ref().unwrap();
        let text = minutes::render(&minutes::Input {
            board: &state.board,
            meeting,
            seconds: &[600, 1400, 500, 620, 90],
            ended_at: ended.parse().unwrap(),
        });
        let line = text.lines().find(|l| l.starts_with("Held ")).unwrap();
        line.to_string()
    };
    assert_eq!(
        held(0, "2026-11-27T16:00:00Z", "2026-11-30T09:12:00Z"),
        "Held 2026-11-27 16:00, ended Mon 2026-11-30 09:12 (53:30 of 60 planned minutes)."
    );
    // The same day: as before.
    assert_eq!(
        held(0, "2026-11-27T16:00:00Z", "2026-11-27T16:55:00Z"),
        "Held 2026-11-27 16:00–16:55 (53:30 of 60 planned minutes)."
    );
    // Another day in UTC, the same evening where the room sits.
    assert_eq!(
        held(-5, "2026-11-27T23:30:00Z", "2026-11-28T00:20:00Z"),
        "Held 2026-11-27 18:30–19:20 (53:30 of 60 planned minutes)."
    );
    // The same day in UTC, past midnight where the room sits.
    assert_eq!(
        held(1, "2026-11-27T22:30:00Z", "2026-11-27T23:20:00Z"),
        "Held 2026-11-27 23:30, ended Sat 2026-11-28 00:20 (53:30 of 60 planned minutes)."
    );
}

#[test]
fn stop_writes_the_clock_down_and_quits_without_asking() {
    let mut state = in_meeting(Section::Dependencies);
    state.clock.seconds = vec![600, 1400, 30, 0, 0];
    assert_eq!(
        update(&mut state, Msg::Stop),
        vec![
            Effect::Apply {
                changes: vec![Change::SaveMeetingClock {
                    meeting: MEETING,
                    current_section: 2,
                    seconds: vec![600, 1400, 30, 0, 0],
                }],
                done: String::new(),
            },
            Effect::Quit,
        ]
    );
    assert_eq!(state.overlay, None, "nobody may be there to answer");
}
