//! `update`: one message in, the new state and the effects to run out.

use chrono::{DateTime, Utc};

use super::rows::rows;
use super::{
    Action, Board, Confirm, Effect, Msg, Overlay, Screen, Section, State, StatusLine, corrections,
    forms, home,
};
use crate::domain::Change;

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let mut effects = step(state, msg);
    super::driving::settle(state, &mut effects);
    effects
}

fn step(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Tick(now) => tick(state, now),
        Msg::Loaded(board) => {
            loaded(state, *board);
            if state.following {
                super::driving::mirror(state);
            }
            Vec::new()
        }
        Msg::Saved(result) => {
            saved(state, result);
            Vec::new()
        }
        Msg::Conflict(text) => {
            saved(state, Err(text));
            if let Some(Overlay::Form(form)) = &mut state.overlay {
                form.refresh_expect = true;
            }
            Vec::new()
        }
        Msg::Stop => super::home::stop(state),
        Msg::Waiting(waited) => {
            state.waiting = waited;
            Vec::new()
        }
        Msg::Plan(plan) => {
            state.overlay = None;
            state.screen = Screen::Plan { plan, scroll: 0 };
            Vec::new()
        }
        Msg::Read { title, text } => {
            state.overlay = None;
            state.screen = Screen::Minutes {
                title,
                text,
                scroll: 0,
            };
            Vec::new()
        }
        Msg::Reviewing(week) => {
            state.review_week = Some(week);
            Vec::new()
        }
        Msg::MinutesWritten(result) => {
            // The review is over: the next one follows the team's setting.
            state.review_week = None;
            state.screen = Screen::Home;
            state.overlay = None;
            state.status = Some(match result {
                Ok(path) => {
                    state.minutes_path = Some(path.clone());
                    StatusLine {
                        text: format!("Meeting ended. Minutes written to {path}"),
                        error: false,
                        undo: false,
                    }
                }
                Err(e) => StatusLine {
                    text: format!("Meeting ended, but the minutes file failed: {e}"),
                    error: true,
                    undo: false,
                },
            });
            Vec::new()
        }
        Msg::HookFailed(why) => {
            state.status = Some(StatusLine {
                text: format!("Minutes written; the meeting_end hook failed: {why}"),
                error: true,
                undo: false,
            });
            Vec::new()
        }
        Msg::Type(input) => {
            if let Some(Overlay::Form(form)) = &mut state.overlay
                && !form.saving
            {
                form.input(input);
            }
            Vec::new()
        }
        Msg::Follow(board) => {
            state.following = true;
            state.board = *board;
            super::driving::mirror(state);
            Vec::new()
        }
        Msg::Undone(reversal) => {
            corrections::reversed(state, reversal, true);
            Vec::new()
        }
        Msg::Redone(reversal) => {
            corrections::reversed(state, reversal, false);
            Vec::new()
        }
        // A follower only looks: it may open the help and leave, nothing else.
        Msg::Act(action) if state.following => match action {
            Action::Help => {
                state.overlay = Some(Overlay::Help);
                Vec::new()
            }
            Action::Back if state.overlay.is_some() => {
                state.overlay = None;
                Vec::new()
            }
            Action::Quit => vec![Effect::Quit],
            Action::TakeOver => super::driving::take_over(state),
            _ => Vec::new(),
        },
        Msg::Unbound { hint, at } => {
            super::typing::unbound(state, hint, at);
            Vec::new()
        }
        Msg::Swallowed(at) => {
            super::typing::swallowed(state, at);
            Vec::new()
        }
        Msg::Resize { width, height } => {
            state.too_small = width < super::MIN_WIDTH || height < super::MIN_HEIGHT;
            state.size = (width, height);
            Vec::new()
        }
        // Too small to see what a key would act on: leaving is all that works.
        Msg::Act(action) if state.too_small => match action {
            Action::Quit => vec![Effect::Quit],
            _ => Vec::new(),
        },
        Msg::Act(action) => {
            super::typing::end_burst(state);
            note_acted(state, action);
            act(state, action)
        }
    }
}

/// Remembers the record under the cursor when a key acts on it; moving the
/// cursor forgets it.
fn note_acted(state: &mut State, action: Action) {
    if state.screen != Screen::Meeting || state.overlay.is_some() {
        return;
    }
    let section = state.section;
    let on_row = matches!(
        action,
        Action::Open
            | Action::Edit
            | Action::ToggleDone
            | Action::DropItem
            | Action::SetStatus
            | Action::Delete
            | Action::NameOwner
            | Action::Withdraw
            | Action::StopWork
            | Action::Serve
            | Action::RaiseOffTrack
    );
    if on_row {
        state.acted[section.slot()] = rows(state, section)
            .get(state.selected[section.slot()])
            .map(|r| r.record());
    } else if matches!(action, Action::Up | Action::Down | Action::Filter) {
        state.acted[section.slot()] = None;
    }
}

fn tick(state: &mut State, now: DateTime<Utc>) -> Vec<Effect> {
    state.now = now;
    if state.screen != Screen::Meeting || state.board.open_meeting().is_none() {
        return Vec::new();
    }
    // A follower counts between reloads but saves nothing, and stops
    // counting while the driver paused the clock or is away.
    if state.following {
        super::driving::follower_clock(state);
    }
    if state.clock.tick(now, state.position()) && !state.following {
        return vec![save_clock(state)];
    }
    Vec::new()
}

/// Writes the clock down (silently) and marks it saved.
pub(super) fn save_clock(state: &mut State) -> Effect {
    state.clock.saved();
    match state.board.open_meeting() {
        Some(m) => Effect::Apply {
            changes: vec![Change::SaveMeetingClock {
                meeting: m.id,
                current_section: state.position() as u32,
                seconds: state.clock.seconds.clone(),
            }],
            done: String::new(),
        },
        None => Effect::Apply {
            changes: Vec::new(),
            done: String::new(),
        },
    }
}

fn loaded(state: &mut State, board: Board) {
    // The record under the cursor in each section, to keep it there when
    // the new board orders the rows differently (a commitment marked done
    // moves down its list).
    // Only the agenda's sections have rows.
    let under: Vec<(Section, Option<(u8, i64)>)> = state
        .board
        .agenda
        .iter()
        .map(|s| {
            let record = rows(state, s.kind)
                .get(state.selected[s.kind.slot()])
                .map(|r| r.record());
            (s.kind, record)
        })
        .collect();
    state.board = board;
    // The reload after a start answers it: go in if the meeting is open,
    // also when the start failed because another process started it first.
    if std::mem::take(&mut state.entering) {
        home::enter_open_meeting(state);
    }
    // After a conflict the form takes the record as it is now, so a second
    // Enter deliberately saves over the other person's change.
    if let Some(Overlay::Form(form)) = &mut state.overlay
        && std::mem::take(&mut form.refresh_expect)
    {
        form.expect = forms::refreshed_expect(&state.board, form);
    }
    let kinds: Vec<Section> = state.board.agenda.iter().map(|s| s.kind).collect();
    for section in kinds {
        let under = under
            .iter()
            .find(|(k, _)| *k == section)
            .and_then(|(_, r)| *r);
        let now = rows(state, section);
        let at = |record: Option<(u8, i64)>| {
            record.and_then(|r| now.iter().position(|row| row.record() == r))
        };
        let found = at(state.acted[section.slot()]).or_else(|| at(under));
        let n = now.len();
        let sel = &mut state.selected[section.slot()];
        *sel = found.unwrap_or((*sel).min(n.saturating_sub(1)));
    }
    state.home_selected = state
        .home_selected
        .min(super::rows::home_rows(state).len().saturating_sub(1));
}

fn saved(state: &mut State, result: Result<String, String>) {
    let form_saving = matches!(&state.overlay, Some(Overlay::Form(f)) if f.saving);
    match result {
        Ok(done) => {
            if form_saving {
                state.overlay = None;
            }
            if !done.is_empty() {
                state.status = Some(StatusLine {
                    text: format!("✓ {done}"),
                    error: false,
                    undo: true,
                });
            }
        }
        Err(e) => {
            if let Some(Overlay::Form(form)) = &mut state.overlay
                && form.saving
            {
                form.saving = false;
                form.error = Some(format!("Not saved: {e}"));
            } else {
                state.status = Some(StatusLine {
                    text: format!("Not saved: {e}"),
                    error: true,
                    undo: false,
                });
            }
        }
    }
}

fn act(state: &mut State, action: Action) -> Vec<Effect> {
    match state.overlay.take() {
        Some(Overlay::Help) => {
            if !matches!(action, Action::Back | Action::Help | Action::Quit) {
                state.overlay = Some(Overlay::Help);
            }
            Vec::new()
        }
        Some(Overlay::Confirm(confirm)) => match action {
            Action::Yes => super::overlay::confirmed(state, confirm),
            Action::No | Action::Back => Vec::new(),
            Action::ResumeEarlier => match confirm {
                Confirm::EndEarlier(meeting) => vec![Effect::ResumeEarlier(meeting)],
                other => {
                    state.overlay = Some(Overlay::Confirm(other));
                    Vec::new()
                }
            },
            _ => {
                state.overlay = Some(Overlay::Confirm(confirm));
                Vec::new()
            }
        },
        Some(Overlay::Form(mut form)) => {
            let (effects, keep) = super::overlay::form_action(state, &mut form, action);
            if keep {
                state.overlay = Some(Overlay::Form(form));
            }
            effects
        }
        None => match state.screen.clone() {
            Screen::Home => home::home(state, action),
            Screen::Minutes {
                title,
                text,
                scroll,
            } => reading(state, action, scroll, &text, |scroll| Screen::Minutes {
                title,
                text: text.clone(),
                scroll,
            }),
            Screen::Plan { plan, scroll } => {
                let width = super::reading::text_area(state.size).map_or(80, |(w, _)| w);
                let text = super::reading::plan_text(&plan, state.now, state.board.today, width);
                reading(state, action, scroll, &text, |scroll| Screen::Plan {
                    plan,
                    scroll,
                })
            }
            Screen::Meeting => meeting(state, action),
        },
    }
}

/// A key on a text screen (minutes, the brief, the plan): back home,
/// quit, help, or scroll `text`; `at` makes the screen at a new scroll.
fn reading(
    state: &mut State,
    action: Action,
    scroll: u16,
    text: &str,
    at: impl FnOnce(u16) -> Screen,
) -> Vec<Effect> {
    let scroll = match action {
        Action::Back => {
            state.screen = Screen::Home;
            return Vec::new();
        }
        Action::Quit => return vec![Effect::Quit],
        Action::Help => {
            state.overlay = Some(Overlay::Help);
            scroll
        }
        other => super::reading::scrolled(state.size, text, scroll, other),
    };
    state.screen = at(scroll);
    Vec::new()
}

fn move_section(state: &mut State, forward: bool) -> Vec<Effect> {
    // Along the agenda, whatever it holds.
    let i = state.position();
    let n = state.board.agenda.len();
    let next = if forward {
        (i + 1).min(n.saturating_sub(1))
    } else {
        i.saturating_sub(1)
    };
    if next == i {
        return Vec::new();
    }
    state.section = state.board.section_at(next);
    state.filter = None;
    vec![save_clock(state)]
}

fn meeting(state: &mut State, action: Action) -> Vec<Effect> {
    let n = rows(state, state.section).len();
    let sel = &mut state.selected[state.section.slot()];
    match action {
        Action::NextSection => return move_section(state, true),
        Action::PrevSection => return move_section(state, false),
        Action::Up => *sel = sel.saturating_sub(1),
        Action::Down => *sel = (*sel + 1).min(n.saturating_sub(1)),
        Action::Pause => {
            let away = state.clock.toggle_pause(state.now);
            let text = match away {
                Some(away) => format!(
                    "Clock running again after {} paused; that time was not counted",
                    super::clock::format_away(away)
                ),
                None => "Clock paused: the time until it runs again is not counted".into(),
            };
            state.status = Some(StatusLine {
                text,
                error: false,
                undo: false,
            });
            return vec![save_clock(state)];
        }
        Action::Help => state.overlay = Some(Overlay::Help),
        Action::Undo => return vec![Effect::Undo],
        Action::Redo => return vec![Effect::Redo],
        Action::Quit => state.overlay = Some(Overlay::Confirm(Confirm::Leave)),
        Action::Filter => {
            state.overlay = Some(Overlay::Form(Box::new(forms::filter(
                state.filter.as_deref(),
            ))))
        }
        Action::Back => {
            state.filter = None;
            state.status = None;
        }
        _ => return super::sections::section_action(state, action),
    }
    Vec::new()
}
