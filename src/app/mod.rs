//! The agenda state machine: `update(&mut State, Msg) -> Vec<Effect>`.
//! Pure: no terminal, no database, no clock (time arrives in messages).
//! The runtime (`tui`) turns keys into messages, runs the effects against
//! the store and feeds the results back.

pub mod board;
pub mod clock;
mod corrections;
mod decide_rule;
pub mod driving;
pub mod form;
mod forms;
mod home;
mod overlay;
pub mod reading;
pub mod redraw;
pub mod rows;
mod sections;
mod serving;
#[cfg(test)]
mod tests;
mod trigger_act;
mod typing;
mod update;
mod waiting;

use chrono::{DateTime, NaiveDate, Utc};
use ratatui_textarea::Input;

use crate::domain::change::{NewAction, NewOffTrack, RowRef};
use crate::domain::{ActionSource, Change, MeasureId, MeetingId, Week};

pub use board::Board;
pub use clock::MeetingClock;
pub use driving::Seat;
pub use form::Form;
pub use home::review_week;
pub use typing::{BURST, MIN_HEIGHT, MIN_WIDTH, Typing};
pub use update::update;
pub use waiting::waiting_line;

/// What an agenda section shows: the meeting runs its sections in the
/// agenda's order (`Board::agenda`), each kind on the agenda once.
pub use crate::domain::SectionKind as Section;

/// Slots for what is kept per section kind (the selected row, the row last
/// acted on), whatever the agenda holds.
const KINDS: usize = Section::ALL.len();

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Home,
    Meeting,
    /// A past meeting's minutes, scrolled to `scroll` lines.
    Minutes {
        title: String,
        text: String,
        scroll: u16,
    },
    /// The plan's board, drawn to the screen's width, scrolled by line.
    Plan {
        plan: Box<crate::domain::plan::Plan>,
        scroll: u16,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Leave,
    EndMeeting,
    /// Empty this week's value of a measure.
    ClearReading(MeasureId),
    /// End a review left open in an earlier week (or resume it).
    EndEarlier(MeetingId),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    Form(Box<Form>),
    Confirm(Confirm),
}

/// What a key asks for; the binding table in `input` maps keys to these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    NextSection,
    PrevSection,
    Up,
    Down,
    Open,
    Add,
    Edit,
    RaiseOffTrack,
    RaiseAllOffTrack,
    /// Raise an off-track item from a firing trigger rule, its planned
    /// response filled in.
    ActOnTrigger,
    ToggleDone,
    DropItem,
    SetStatus,
    RecordDecision,
    Filter,
    Help,
    Back,
    Quit,
    Pause,
    EndMeeting,
    Yes,
    No,
    /// Resume a review left open in an earlier week (from its question).
    ResumeEarlier,
    StartMeeting,
    Rate(u8),
    Save,
    NextField,
    PrevField,
    Undo,
    Redo,
    /// Take the meeting over from its driver (a follower's key).
    TakeOver,
    AddAction,
    Delete,
    NameOwner,
    Withdraw,
    /// Stop the work of a milestone stuck in *decide* (or its initiative).
    StopWork,
    /// Link the selected work to the choice or objective it serves.
    Serve,
    /// Read this quarter's strategy brief.
    ShowBrief,
    /// See the operating plan's board.
    ShowPlan,
    /// A text screen a page on, or back.
    PageDown,
    PageUp,
}

/// How an undo or redo went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reversal {
    /// What it took back or made again, as the operation log reads it.
    Done(String),
    /// This screen has nothing to undo (or redo).
    Nothing,
    /// The store refused, saying why (a later change built on it).
    Refused(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Act(Action),
    /// A key typed into a form's editor.
    Type(Input),
    Tick(DateTime<Utc>),
    /// Fresh data after a save or at start.
    Loaded(Box<Board>),
    /// The store's answer to an `Effect::Apply`: the message to show, or why it failed.
    Saved(Result<String, String>),
    MinutesWritten(Result<String, String>),
    /// The config's `meeting_end` hook failed, and why (the meeting has
    /// ended and its minutes are written).
    HookFailed(String),
    /// The save was refused because someone else changed the record since
    /// the form opened; the form keeps what was typed and, after the next
    /// reload, expects the record as it is now (so Enter saves over it).
    Conflict(String),
    /// Fresh data for a follower (`rhythm follow`): show whatever the
    /// facilitator shows, or the home screen when no meeting is running.
    Follow(Box<Board>),
    /// The team's plan, to show as its board.
    Plan(Box<crate::domain::plan::Plan>),
    /// Text to read on a screen of its own (the brief), with its title.
    Read {
        title: String,
        text: String,
    },
    /// The answer to `Effect::Undo`, after the reload.
    Undone(Reversal),
    /// The answer to `Effect::Redo`, after the reload.
    Redone(Reversal),
    /// A key no binding takes here, at `at`; `hint` says where it works.
    Unbound {
        hint: String,
        at: DateTime<Utc>,
    },
    /// A key of a burst of typing outside a form, swallowed.
    Swallowed(DateTime<Utc>),
    /// The terminal's size, at start and whenever it changes.
    Resize {
        width: u16,
        height: u16,
    },
    /// The runtime loaded the board as of this week to review it (one
    /// left open earlier, or chosen): `m` now starts or resumes that one.
    Reviewing(Week),
    /// Told from outside to stop (a signal): write the clock down and quit,
    /// asking nothing, since nobody may be there to answer.
    Stop,
    /// This screen's writes wait for another process's write lock, so far
    /// for this long (by the wall clock, also when the clock is pinned);
    /// `None` once they landed or were given up.
    Waiting(Option<chrono::Duration>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Apply these changes in one transaction, then reload and answer with
    /// `Msg::Saved(Ok(done))` (`done` empty: say nothing, as for the clock).
    Apply {
        changes: Vec<Change>,
        done: String,
    },
    /// Like `Apply`, with the approval a change to a made commitment needs
    /// (the log keeps who approved).
    ApplyApproved {
        changes: Vec<Change>,
        done: String,
        approved_by: String,
    },
    /// The meeting was left for the home screen (the app shows it
    /// already): the runtime goes back to this week, leaving any earlier
    /// week's review it had resumed, and reloads.
    BackHome,
    /// End the meeting (the changes) and write its minutes to a file.
    EndMeeting {
        changes: Vec<Change>,
        meeting: MeetingId,
        minutes: String,
    },
    /// End a review left open in an earlier week: its minutes are written
    /// from the scorecard as of its week, as `rhythm meeting end` does.
    EndEarlier(MeetingId),
    /// Go into a review left open in an earlier week, as the room saw that
    /// week: the runtime loads the board as of it and resumes the meeting.
    ResumeEarlier(MeetingId),
    /// Review another week than the board's (the team reviews the week
    /// just ended, or one was chosen): the runtime loads the board as of
    /// that week, as for `ResumeEarlier`, and starts or resumes its review.
    OpenWeek(Week),
    /// Undo the newest change made from this screen that is still in
    /// effect, reload, and answer with `Msg::Undone`.
    Undo,
    /// Make again what this screen's last undo took back, reload, and
    /// answer with `Msg::Redone`.
    Redo,
    /// Read the team's brief for this quarter, and answer with `Msg::Read`.
    ShowBrief,
    /// Read the team's plan, and answer with `Msg::Plan`.
    ShowPlan,
    Quit,
}

/// Raising off-track items: each item, and for each promised change an
/// action item for the item's owner due on `promise_due`, linked to the
/// item: several changes in one transaction.
pub fn raise(items: Vec<NewOffTrack>, promise_due: NaiveDate, done: String) -> Effect {
    let mut changes = Vec::new();
    for item in items {
        let promise = item.change.trim().to_string();
        let (team, owner) = (item.team, item.owner.clone());
        let index = changes.len();
        changes.push(Change::AddOffTrack(item));
        if !promise.is_empty() {
            changes.push(Change::AddAction(NewAction {
                team,
                title: promise,
                owner,
                due: Some(promise_due),
                source: ActionSource::OffTrack,
                source_id: Some(RowRef::Earlier(index)),
            }));
        }
    }
    Effect::Apply { changes, done }
}

/// A line under the body: what was saved, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub error: bool,
    /// A change made from this screen: the line says which key undoes it.
    pub undo: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub board: Board,
    pub screen: Screen,
    pub section: Section,
    /// The selected row in each section, and on the home screen.
    pub selected: [usize; KINDS],
    pub home_selected: usize,
    pub filter: Option<String>,
    pub clock: MeetingClock,
    pub overlay: Option<Overlay>,
    pub status: Option<StatusLine>,
    pub now: DateTime<Utc>,
    /// Set after `StartMeeting` until the store confirms the new meeting.
    pub entering: bool,
    pub minutes_path: Option<String>,
    /// A read-only view of someone else's meeting: keys that would change
    /// anything do nothing.
    pub following: bool,
    /// The screen this state belongs to, which may drive a meeting; none
    /// for `rhythm follow`, which only ever looks.
    pub seat: Option<Seat>,
    /// The record a key last acted on in each section (its kind and id):
    /// the cursor goes back to it when a reload brings it back, as after a
    /// drop undone.
    pub acted: [Option<(u8, i64)>; KINDS],
    /// Set by the runtime when the program opened straight into the
    /// meeting (`rhythm meeting`): leaving it then ends the program. A
    /// meeting entered from the home screen is left for the home screen.
    pub leave_quits: bool,
    /// The shell command that comes back to this meeting, as the runtime
    /// was started (with `--db` and `--team` where they were needed).
    pub resume_command: String,
    /// The command names a server by a URL whose password it leaves out,
    /// so the note on leaving says where the password must then be.
    pub resume_without_password: bool,
    /// Keys being typed outside a form (see `typing`).
    pub typing: Option<Typing>,
    /// The terminal is smaller than the screens need: only leaving works.
    pub too_small: bool,
    /// The terminal's size as last told, (0, 0) until it is: how far a
    /// text screen scrolls.
    pub size: (u16, u16),
    /// The week chosen for the review over the team's setting (by
    /// `rhythm meeting --week`, or an earlier week's review resumed); None
    /// while the setting picks it.
    pub review_week: Option<Week>,
    /// How long this screen's writes have waited for another process's
    /// write lock, while they do (see `Msg::Waiting`).
    pub waiting: Option<chrono::Duration>,
}

impl State {
    /// The home screen, or straight into the meeting when `meeting` is set
    /// (starting it if this week has none yet).
    pub fn new(board: Board, now: DateTime<Utc>) -> State {
        let seconds = board
            .open_meeting()
            .map(|m| m.sections.iter().map(|s| s.seconds_spent).collect())
            .unwrap_or_else(|| vec![0; board.agenda.len()]);
        let section = board.section_at(
            board
                .open_meeting()
                .map_or(0, |m| m.current_section as usize),
        );
        State {
            board,
            screen: Screen::Home,
            section,
            selected: [0; KINDS],
            home_selected: 0,
            filter: None,
            clock: MeetingClock::new(seconds),
            overlay: None,
            status: None,
            now,
            entering: false,
            minutes_path: None,
            following: false,
            seat: None,
            acted: [None; KINDS],
            leave_quits: false,
            resume_command: "rhythm meeting".into(),
            resume_without_password: false,
            typing: None,
            too_small: false,
            size: (0, 0),
            review_week: None,
            waiting: None,
        }
    }

    /// What to print once the terminal is back, when the team's review is
    /// still open: that it is, and the command that resumes it.
    pub fn leaving_note(&self) -> Option<String> {
        let m = self.board.open_meeting()?;
        // The command stays last on the line, so it can be copied whole.
        let password = match self.resume_without_password {
            true => {
                " The command leaves out the URL's password: PGPASSWORD or ~/.pgpass must hold it."
            }
            false => "",
        };
        Some(format!(
            "The review of {} stays open.{password} Resume it with: {}",
            m.week, self.resume_command
        ))
    }

    /// A screen that only follows the team's meeting (`rhythm follow`):
    /// in it with the driver when one runs, else home.
    pub fn follower(board: Board, now: DateTime<Utc>) -> State {
        let mut state = State::new(board, now);
        state.following = true;
        driving::mirror(&mut state);
        state
    }

    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Some(Overlay::Form(f)) => Some(f),
            _ => None,
        }
    }

    /// The agenda section's timebox in minutes.
    pub fn timebox(&self, section: Section) -> u32 {
        self.board
            .agenda
            .get(self.board.position(section))
            .map_or(0, |s| s.minutes)
    }

    /// Where the current section is on the agenda, from 0: the clock
    /// counts by it.
    pub fn position(&self) -> usize {
        self.board.position(self.section)
    }

    /// The current section's title, as the agenda names it.
    pub fn section_title(&self) -> &str {
        self.board
            .agenda
            .get(self.position())
            .map_or(self.section.title(), |s| s.name.as_str())
    }
}
