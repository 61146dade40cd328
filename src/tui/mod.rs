//! The runtime: terminal setup and restore, and the event loop. Effects run
//! through `Engine`, which needs no terminal (the flow tests use it too).

mod end;
mod engine;
mod keys;
mod lease;
mod load;
mod queue;

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui_textarea::{Input, Key};

use crate::app::{Action, Msg, State};
use crate::clock::Clock;
use crate::domain::Team;
use crate::storage::Store;
use crate::ui::{self, Theme};

pub use end::{AfterMeeting, ending, write_minutes};
pub use engine::Engine;
pub use load::load_board;

/// How often the clock is read and the screen refreshed without input.
const TICK: Duration = Duration::from_millis(250);

/// The signals that end a screen from outside (a closed terminal window, a
/// `kill`, an interrupt sent to the process group): each restores the
/// terminal and saves the clock instead of dying in raw mode.
const STOPPING: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// The screen was stopped by a signal; the terminal is back and the clock
/// saved. The process exits with 128 + the signal's number, as a shell
/// reports a process the signal ended.
#[derive(Debug, thiserror::Error)]
#[error("stopped by {}", signal_name(*.0))]
pub struct Stopped(pub i32);

impl Stopped {
    pub fn exit_code(&self) -> u8 {
        u8::try_from(128 + self.0).unwrap_or(u8::MAX)
    }
}

fn signal_name(signal: i32) -> String {
    match signal {
        signal_hook::consts::SIGTERM => "SIGTERM".into(),
        signal_hook::consts::SIGHUP => "SIGHUP".into(),
        signal_hook::consts::SIGINT => "SIGINT".into(),
        signal_hook::consts::SIGQUIT => "SIGQUIT".into(),
        n => format!("signal {n}"),
    }
}

/// Notes the last stopping signal in `caught` (0 until one arrives); the
/// handler does nothing else, and the loop acts on it at its next turn.
fn catch_signals(caught: &Arc<AtomicUsize>) -> std::io::Result<()> {
    for signal in STOPPING {
        // Signal numbers are small and positive.
        let value = usize::try_from(signal).unwrap_or(usize::MAX);
        signal_hook::flag::register_usize(signal, Arc::clone(caught), value)?;
    }
    watch(Arc::clone(caught));
    Ok(())
}

/// Asks the terminal to mark a paste as one (bracketed paste), so pasted
/// text goes into the form as text: its line breaks and tabs never act as
/// Enter or Tab, and its letters never as keys. A panic gives it back too.
fn paste_as_text() {
    use ratatui::crossterm::{event::EnableBracketedPaste, execute};
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        end_paste_as_text();
        restore(info);
    }));
}

fn end_paste_as_text() {
    use ratatui::crossterm::{event::DisableBracketedPaste, execute};
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
}

/// How long the loop has to act on a stopping signal before the process
/// ends without it.
const GRACE: Duration = Duration::from_secs(2);

/// Watches from a thread of its own for what the loop cannot see: a
/// terminal that is gone (a window closed under a shell may send this
/// process no hang-up) counts as SIGHUP; and a stopping signal the loop
/// has not acted on within `GRACE` ends the process. The terminal's input
/// library reads a hung-up terminal forever without returning, so the
/// loop never gets its turn: without this the process would spin on a
/// core, holding its meeting, until killed. The clock it loses is at most
/// the few seconds since its last save.
fn watch(caught: Arc<AtomicUsize>) {
    std::thread::spawn(move || {
        let mut since: Option<Instant> = None;
        loop {
            std::thread::sleep(TICK);
            if caught.load(Ordering::SeqCst) == 0 && !std::io::stdout().is_terminal() {
                let hangup = usize::try_from(signal_hook::consts::SIGHUP).unwrap_or(usize::MAX);
                caught.store(hangup, Ordering::SeqCst);
            }
            let signal = caught.load(Ordering::SeqCst);
            if signal != 0 && since.get_or_insert_with(Instant::now).elapsed() >= GRACE {
                // The one exit not from main: the main thread is stuck
                // where it cannot return, and the terminal is gone anyway.
                #[allow(clippy::disallowed_methods)]
                std::process::exit(128 + i32::try_from(signal).unwrap_or(0));
            }
        }
    });
}

/// Runs the app on `engine`'s team until the user quits. With `meeting`, it goes
/// straight into the review (starting it if needed, following it when
/// another screen drives it): of `week`, else of the week the team's
/// setting picks. `resume` is the shell command that comes back to the
/// meeting. Returns what to print once the terminal is back: the review
/// left open, and how to resume it.
pub fn run(
    engine: Engine,
    meeting: bool,
    week: Option<crate::domain::Week>,
    resume: Resume,
) -> anyhow::Result<Option<String>> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the meeting screen needs a terminal: run it in one, or use the other commands to script"
        );
    }
    open(engine, meeting, Some(resume), week)
}

/// The shell command that comes back to a meeting, and whether it leaves
/// out the password of the URL it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    pub command: String,
    pub without_password: bool,
}

/// `rhythm follow`: the team's meeting, read-only, in the same loop as the
/// driver's screen; it never writes.
pub fn follow(store: Store, db_path: &Path, team: Team) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("following a meeting needs a terminal: run it in one");
    }
    open(Engine::follower(store, db_path, team), false, None, None).map(|_| ())
}

fn open(
    mut engine: Engine,
    meeting: bool,
    resume: Option<Resume>,
    week: Option<crate::domain::Week>,
) -> anyhow::Result<Option<String>> {
    let theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    let clock = Clock::read()?;
    let mut state = engine.start(&clock)?;
    lease::release_gone(&mut engine, &mut state, &clock);
    let driving = resume.is_some();
    if let Some(resume) = resume {
        state.resume_command = resume.command;
        state.resume_without_password = resume.without_password;
    }
    state.review_week = week;
    // Caught before the terminal changes, so no signal finds it raw.
    let caught = Arc::new(AtomicUsize::new(0));
    catch_signals(&caught)?;
    // ratatui::init installs a panic hook that restores the terminal before
    // the panic message is printed; restore runs on every other exit path.
    let mut terminal = ratatui::init();
    paste_as_text();
    let result = event_loop(
        &mut engine,
        &mut terminal,
        &mut state,
        theme,
        meeting,
        &caught,
    );
    // Writes still waiting for another process get one last, longer try,
    // with the screen saying so; then the terminal is given back.
    let stopped = caught.load(Ordering::SeqCst) != 0;
    let unsaved = match &result {
        Ok(()) => last_writes(&mut engine, &mut terminal, &mut state, theme, stopped),
        Err(_) => Vec::new(),
    };
    let hooks_failed = match &result {
        Ok(()) => last_hooks(&mut engine, &mut terminal, &mut state, theme),
        Err(_) => Vec::new(),
    };
    end_paste_as_text();
    ratatui::restore();
    result?;
    // Said once the terminal is back, in one line: what typed text it
    // quotes has no control character left to reach the terminal.
    let unsaved = (!unsaved.is_empty()).then(|| {
        let text = format!(
            "not saved, because another rhythm kept the database busy: {}; make it again once that rhythm is done",
            unsaved.join("; ")
        );
        crate::formats::terminal::one_line(&text).into_owned()
    });
    match (caught.load(Ordering::SeqCst), unsaved) {
        (0, None) => {
            // A hook's failure is said once the terminal is back, after the
            // note on the review left open.
            let failed = hooks_failed.iter().map(|why| {
                crate::formats::terminal::one_line(&format!(
                    "warning: the meeting_end hook failed: {why}"
                ))
                .into_owned()
            });
            let lines: Vec<String> = driving
                .then(|| state.leaving_note())
                .flatten()
                .into_iter()
                .chain(failed)
                .collect();
            Ok((!lines.is_empty()).then(|| lines.join("\n")))
        }
        (0, Some(text)) => Err(anyhow::anyhow!(text)),
        (signal, unsaved) => {
            let stopped = Stopped(i32::try_from(signal).unwrap_or(i32::MAX));
            // The signal's exit code stays; the line says both.
            match unsaved {
                None => Err(stopped.into()),
                Some(text) => {
                    let line = format!("{stopped}; {text}");
                    Err(anyhow::Error::new(stopped).context(line))
                }
            }
        }
    }
}

/// How long leaving waits for another process's write lock, so writes
/// that wait for it are not lost: a person quitting can spare a few
/// seconds; a signal is followed by the watcher's `GRACE`, so less.
const LEAVE_WAIT: Duration = Duration::from_secs(5);
const STOP_WAIT: Duration = Duration::from_secs(1);

/// On the way out, with the terminal still up: the writes still waiting
/// for another process's lock get a last try while the screen says so.
/// Returns what could not be saved, in words.
fn last_writes(
    engine: &mut Engine,
    terminal: &mut DefaultTerminal,
    state: &mut State,
    theme: Theme,
    stopped: bool,
) -> Vec<String> {
    if !engine.is_waiting() {
        return Vec::new();
    }
    let _ = terminal.draw(|frame| ui::render(frame, state, theme));
    let patience = if stopped { STOP_WAIT } else { LEAVE_WAIT };
    match Clock::read() {
        Ok(clock) => engine.flush(state, &clock, patience),
        Err(e) => vec![e.to_string()],
    }
}

/// On the way out, with the terminal still up: a meeting_end hook still
/// running is waited for (it stops itself within its limit) while the
/// status line says so. Returns why each that failed did.
fn last_hooks(
    engine: &mut Engine,
    terminal: &mut DefaultTerminal,
    state: &mut State,
    theme: Theme,
) -> Vec<String> {
    if !engine.hooks_running() {
        return Vec::new();
    }
    state.status = Some(crate::app::StatusLine {
        text: "Waiting for the meeting_end hook to finish…".to_string(),
        error: false,
        undo: false,
    });
    let _ = terminal.draw(|frame| ui::render(frame, state, theme));
    engine.wait_for_hooks()
}

/// The one loop: keys, pastes and ticks become messages, and the engine
/// drains what follows from each.
fn event_loop(
    engine: &mut Engine,
    terminal: &mut DefaultTerminal,
    state: &mut State,
    theme: Theme,
    meeting: bool,
    caught: &AtomicUsize,
) -> anyhow::Result<()> {
    if meeting && engine.send(state, Msg::Act(Action::StartMeeting), &Clock::read()?) {
        return Ok(());
    }
    // Said over the meeting's first line ("Resumed…"): the one moment every
    // screen on a server's meeting shows it.
    if let Some(text) = lease::clock_warning(&engine.store) {
        state.status = Some(crate::app::StatusLine {
            text,
            error: true,
            undo: false,
        });
    }
    // Opened straight into the meeting: leaving it leaves the program.
    state.leave_quits = meeting;
    let (width, height) = terminal.size().map(|s| (s.width, s.height))?;
    engine.send(state, Msg::Resize { width, height }, &Clock::read()?);
    // Fault injection for the tests that prove a panic restores the
    // terminal: `RHYTHM_FAULT=panic` panics once the first frame is drawn.
    let panic_after_draw = std::env::var("RHYTHM_FAULT").is_ok_and(|f| f == "panic");
    let mut last_tick = Instant::now();
    // A frame is drawn after input or a reload, and after a tick only when
    // it moved something on screen (`app::redraw`): idle, nothing is drawn.
    let mut dirty = true;
    let mut drawn = crate::app::redraw::shown(state);
    loop {
        if caught.load(Ordering::SeqCst) != 0 {
            // Whatever the engine answers, the program ends here.
            engine.send(state, Msg::Stop, &Clock::read()?);
            return Ok(());
        }
        if dirty {
            terminal.draw(|frame| ui::render(frame, state, theme))?;
            drawn = crate::app::redraw::shown(state);
            dirty = false;
        }
        if panic_after_draw {
            panic!("RHYTHM_FAULT=panic: a panic on purpose, to check the terminal is restored");
        }
        let timeout = TICK.saturating_sub(last_tick.elapsed());
        if event::poll(timeout)? {
            dirty = true;
            let clock = Clock::read()?;
            let quit = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    engine.press(state, Input::from(key), &clock)
                }
                Event::Resize(width, height) => {
                    engine.send(state, Msg::Resize { width, height }, &clock)
                }
                Event::Paste(text) if state.form().is_some() => {
                    // One line of text: a pasted line break or tab is a
                    // space; other control characters are dropped.
                    let text = text.replace(['\r', '\n', '\t'], " ");
                    for c in text.chars().filter(|c| !c.is_control()) {
                        let typed = Input {
                            key: Key::Char(c),
                            ..Input::default()
                        };
                        engine.send(state, Msg::Type(typed), &clock);
                    }
                    false
                }
                _ => false,
            };
            if quit {
                return Ok(());
            }
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            let clock = Clock::read()?;
            if engine.retry_waiting(state, &clock) {
                return Ok(());
            }
            if engine.hooks_finished(state, &clock) {
                return Ok(());
            }
            dirty |= engine.refresh_if_changed(state, &clock);
            if engine.send(state, Msg::Tick(clock.now), &clock) {
                return Ok(());
            }
            dirty |= crate::app::redraw::shown(state) != drawn;
        }
    }
}
