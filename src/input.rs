//! The binding table: every key the app understands, in which scope, what
//! it asks for and how it is labelled. The footer hints, the `?` help and
//! the README's key table are all generated from it.

use ratatui_textarea::{Input, Key};

use crate::app::{Action, Overlay, Screen, Section, State};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Home,
    /// Anywhere in the meeting.
    Meeting,
    /// Only in one agenda section.
    In(Section),
    Form,
    Confirm,
    /// The question about a review left open in an earlier week.
    LeftOpen,
    Help,
    Minutes,
    /// The terminal is too small to draw the screens.
    TooSmall,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySpec {
    Char(char),
    /// A letter with Ctrl held.
    Ctrl(char),
    Tab,
    BackTab,
    Enter,
    Esc,
    Up,
    Down,
    PageUp,
    PageDown,
}

impl KeySpec {
    pub fn name(self) -> String {
        match self {
            KeySpec::Char(' ') => "Space".into(),
            KeySpec::Char(c) => c.to_string(),
            KeySpec::Ctrl(c) => format!("Ctrl-{c}"),
            KeySpec::Tab => "Tab".into(),
            KeySpec::BackTab => "Shift-Tab".into(),
            KeySpec::Enter => "Enter".into(),
            KeySpec::Esc => "Esc".into(),
            KeySpec::Up => "↑".into(),
            KeySpec::Down => "↓".into(),
            KeySpec::PageUp => "PgUp".into(),
            KeySpec::PageDown => "PgDn".into(),
        }
    }

    fn matches(self, input: &Input) -> bool {
        match (self, input.key) {
            (KeySpec::Char(c), Key::Char(k)) => c == k && !input.ctrl && !input.alt,
            (KeySpec::Ctrl(c), Key::Char(k)) => c == k && input.ctrl && !input.alt,
            (KeySpec::Tab, Key::Tab) => !input.shift,
            (KeySpec::BackTab, Key::Tab) => input.shift,
            (KeySpec::Enter, Key::Enter) => true,
            (KeySpec::Esc, Key::Esc) => true,
            (KeySpec::Up, Key::Up) => true,
            (KeySpec::Down, Key::Down) => true,
            (KeySpec::PageUp, Key::PageUp) => true,
            (KeySpec::PageDown, Key::PageDown) => true,
            _ => false,
        }
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [KeySpec],
    pub action: Action,
    pub label: &'static str,
    /// Shown in the footer (the help shows every binding).
    pub footer: bool,
}

use KeySpec as K;
use Scope as S;

const fn b(
    scope: Scope,
    keys: &'static [KeySpec],
    action: Action,
    label: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        label,
        footer,
    }
}

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Home
    b(S::Home, &[K::Char('m'), K::Char('s')], Action::StartMeeting, "start or resume the review", true),
    b(S::Home, &[K::Up, K::Char('k')], Action::Up, "previous row", false),
    b(S::Home, &[K::Down, K::Char('j')], Action::Down, "next row", false),
    b(S::Home, &[K::Enter], Action::Open, "open", true),
    b(S::Home, &[K::Char('e')], Action::Edit, "edit the action item", false),
    b(S::Home, &[K::Char('a')], Action::AddAction, "add action item", false),
    b(S::Home, &[K::Char('b')], Action::ShowBrief, "the strategy brief", true),
    b(S::Home, &[K::Char('p')], Action::ShowPlan, "the plan board", true),
    b(S::Home, &[K::Char('u')], Action::Undo, "undo", false),
    b(S::Home, &[K::Ctrl('r')], Action::Redo, "redo", false),
    b(S::Home, &[K::Char('?')], Action::Help, "help", true),
    b(S::Home, &[K::Char('q'), K::Ctrl('c')], Action::Quit, "quit", true),
    // Scorecard
    b(S::In(Section::Scorecard), &[K::Char('e'), K::Enter], Action::Edit, "record value", true),
    b(S::In(Section::Scorecard), &[K::Char('o')], Action::RaiseOffTrack, "raise / open off-track", true),
    b(S::In(Section::Scorecard), &[K::Char('O')], Action::RaiseAllOffTrack, "raise all off-track", true),
    b(S::In(Section::Scorecard), &[K::Char('!')], Action::ActOnTrigger, "act on a firing trigger: raise its off-track item", false),
    // Off-track
    b(S::In(Section::OffTrack), &[K::Char('x'), K::Char(' ')], Action::ToggleDone, "done / reopen / resolve", true),
    b(S::In(Section::OffTrack), &[K::Char('e'), K::Enter], Action::Edit, "edit", true),
    b(S::In(Section::OffTrack), &[K::Char('A')], Action::Add, "add item", true),
    b(S::In(Section::OffTrack), &[K::Char('D')], Action::DropItem, "drop", false),
    // Dependencies
    b(S::In(Section::Dependencies), &[K::Char('s')], Action::SetStatus, "set status", true),
    b(S::In(Section::Dependencies), &[K::Char('x'), K::Char(' ')], Action::ToggleDone, "done / reopen", true),
    b(S::In(Section::Dependencies), &[K::Char('A')], Action::Add, "add", true),
    b(S::In(Section::Dependencies), &[K::Char('e'), K::Enter], Action::Edit, "edit", true),
    b(S::In(Section::Dependencies), &[K::Char('D')], Action::Delete, "delete", false),
    // Decisions
    b(S::In(Section::Decisions), &[K::Char('d')], Action::RecordDecision, "record decision made", true),
    b(S::In(Section::Decisions), &[K::Char('A')], Action::Add, "add decision needed", true),
    b(S::In(Section::Decisions), &[K::Char('e'), K::Enter], Action::Edit, "decide / edit", true),
    b(S::In(Section::Decisions), &[K::Char('o')], Action::NameOwner, "name the owner (of a milestone stuck in decide: who decides)", false),
    b(S::In(Section::Decisions), &[K::Char('K')], Action::StopWork, "stop a milestone stuck in decide, or its initiative", false),
    b(S::In(Section::Decisions), &[K::Char('W')], Action::Withdraw, "withdraw", false),
    // Wrap-up
    b(S::In(Section::WrapUp), &[K::Char('1'), K::Char('2'), K::Char('3'), K::Char('4'), K::Char('5'), K::Char('6'), K::Char('7'), K::Char('8'), K::Char('9'), K::Char('0')], Action::Rate(0), "rate 1–10 (0 is 10)", true),
    b(S::In(Section::WrapUp), &[K::Char('E')], Action::EndMeeting, "end meeting", true),
    b(S::In(Section::WrapUp), &[K::Char('e'), K::Enter], Action::Edit, "edit action item", false),
    // Anywhere in the meeting
    b(S::Meeting, &[K::Tab, K::Char('n')], Action::NextSection, "next section", true),
    b(S::Meeting, &[K::BackTab, K::Char('p')], Action::PrevSection, "previous", false),
    b(S::Meeting, &[K::Up, K::Char('k')], Action::Up, "move up", false),
    b(S::Meeting, &[K::Down, K::Char('j')], Action::Down, "move down", false),
    b(S::Meeting, &[K::Char('a')], Action::AddAction, "add action item", false),
    b(S::Meeting, &[K::Char('L')], Action::Serve, "link to the choice or objective it serves", false),
    b(S::Meeting, &[K::Char('u')], Action::Undo, "undo", true),
    b(S::Meeting, &[K::Ctrl('r')], Action::Redo, "redo", false),
    b(S::Meeting, &[K::Char('P')], Action::Pause, "pause clock", false),
    b(S::Meeting, &[K::Char('T')], Action::TakeOver, "take over", false),
    b(S::Meeting, &[K::Char('/')], Action::Filter, "filter", false),
    b(S::Meeting, &[K::Esc], Action::Back, "clear filter", false),
    b(S::Meeting, &[K::Char('?')], Action::Help, "help", true),
    b(S::Meeting, &[K::Char('q'), K::Ctrl('c')], Action::Quit, "leave", true),
    // Forms
    b(S::Form, &[K::Enter], Action::Save, "save", true),
    b(S::Form, &[K::Tab], Action::NextField, "next field / complete name", true),
    b(S::Form, &[K::BackTab], Action::PrevField, "previous field", false),
    b(S::Form, &[K::Esc], Action::Back, "cancel", true),
    // Confirmations
    b(S::Confirm, &[K::Char('y')], Action::Yes, "yes", true),
    b(S::Confirm, &[K::Char('n'), K::Esc], Action::No, "no", true),
    b(S::LeftOpen, &[K::Char('r')], Action::ResumeEarlier, "resume it", true),
    // Help
    b(S::Help, &[K::Esc, K::Char('?'), K::Char('q')], Action::Back, "close help", true),
    // Minutes
    b(S::Minutes, &[K::Down, K::Char('j')], Action::Down, "scroll down", true),
    b(S::Minutes, &[K::Up, K::Char('k')], Action::Up, "scroll up", true),
    b(S::Minutes, &[K::PageDown, K::Char(' ')], Action::PageDown, "page down", true),
    b(S::Minutes, &[K::PageUp], Action::PageUp, "page up", false),
    b(S::Minutes, &[K::Esc], Action::Back, "back", true),
    b(S::Minutes, &[K::Char('q'), K::Ctrl('c')], Action::Quit, "quit", true),
    // Too small to draw: nothing acts on what cannot be seen.
    b(S::TooSmall, &[K::Char('q'), K::Ctrl('c')], Action::Quit, "quit", true),
];

/// The scopes active in this state, most specific first.
pub fn scopes(state: &State) -> Vec<Scope> {
    if state.too_small {
        return vec![S::TooSmall];
    }
    match &state.overlay {
        Some(Overlay::Form(_)) => vec![S::Form],
        Some(Overlay::Confirm(crate::app::Confirm::EndEarlier(_))) => {
            vec![S::LeftOpen, S::Confirm]
        }
        Some(Overlay::Confirm(_)) => vec![S::Confirm],
        Some(Overlay::Help) => vec![S::Help],
        None => screen_scopes(state),
    }
}

/// The scopes of the screen itself, under any overlay: what `?` explains.
pub fn screen_scopes(state: &State) -> Vec<Scope> {
    match state.screen {
        Screen::Home => vec![S::Home],
        Screen::Meeting => vec![S::In(state.section), S::Meeting],
        Screen::Minutes { .. } | Screen::Plan { .. } => vec![S::Minutes],
    }
}

/// The bindings that apply now, most specific first.
pub fn active(state: &State) -> Vec<&'static Binding> {
    in_scopes(scopes(state))
}

/// Every binding of the screen beneath any overlay, for the help.
pub fn screen_bindings(state: &State) -> Vec<&'static Binding> {
    in_scopes(screen_scopes(state))
}

fn in_scopes(scopes: Vec<Scope>) -> Vec<&'static Binding> {
    scopes
        .into_iter()
        .flat_map(|scope| BINDINGS.iter().filter(move |b| b.scope == scope))
        .collect()
}

/// What a key asks for here. In a form, keys the table does not bind are
/// typing (`None`: the caller sends them to the editor).
pub fn action(state: &State, input: &Input) -> Option<Action> {
    let binding = active(state)
        .into_iter()
        .find(|b| b.keys.iter().any(|k| k.matches(input)))?;
    Some(match (binding.action, input.key) {
        (Action::Rate(_), Key::Char(c)) => Action::Rate(
            c.to_digit(10)
                .map_or(10, |d| if d == 0 { 10 } else { d as u8 }),
        ),
        (a, _) => a,
    })
}

/// What to say about a printable key that no binding takes here: where it
/// does work ("d record decision made — in Decisions, section 4"), or that
/// it works nowhere. `None` for other keys, and under a form or question
/// (where typing is typing, or the question says its keys).
pub fn unbound_hint(state: &State, input: &Input) -> Option<String> {
    let Key::Char(c) = input.key else {
        return None;
    };
    if input.ctrl || input.alt || state.overlay.is_some() || state.too_small {
        return None;
    }
    let here = scopes(state);
    let elsewhere = BINDINGS.iter().find(|b| {
        !here.contains(&b.scope)
            && matches!(b.scope, S::In(_) | S::Home | S::Meeting)
            && b.keys.iter().any(|k| k.matches(input))
    });
    let key = KeySpec::Char(c).name();
    Some(match elsewhere {
        Some(b) => {
            let place = match b.scope {
                S::In(section) => match state.board.position(section) {
                    n if n < state.board.agenda.len() => {
                        format!("in {}, section {}", section.title(), n + 1)
                    }
                    _ => format!("in {}, which this agenda leaves out", section.title()),
                },
                S::Home => "on the home screen".into(),
                _ => "in the meeting".into(),
            };
            format!("{key} {} — {place}", b.label)
        }
        None => {
            let help = here
                .iter()
                .map(|scope| key_of(*scope, Action::Help))
                .find(|k| !k.is_empty())
                .unwrap_or_default();
            format!("{key} does nothing here · {help} lists the keys")
        }
    })
}

/// `Tab/n`: the keys of a binding as the footer and help show them.
pub fn keys_label(binding: &Binding) -> String {
    if matches!(binding.action, Action::Rate(_)) {
        return "1…0".into();
    }
    binding
        .keys
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join("/")
}

/// The first key of a binding, where the footer is short of room
/// ("Tab" for "Tab/n").
pub fn first_key_label(binding: &Binding) -> String {
    if matches!(binding.action, Action::Rate(_)) {
        return keys_label(binding);
    }
    binding.keys.first().map_or_else(String::new, |k| k.name())
}

/// The first key bound to `action` in `scope`, for prose ("u undoes it").
pub fn key_of(scope: Scope, action: Action) -> String {
    BINDINGS
        .iter()
        .find(|b| b.scope == scope && b.action == action)
        .and_then(|b| b.keys.first())
        .map_or_else(String::new, |k| k.name())
}

/// The README's key table, generated so it cannot drift.
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what |\n| --- | --- | --- |\n");
    for b in BINDINGS {
        let scope = match b.scope {
            S::Home => "home".to_string(),
            S::Meeting => "meeting".to_string(),
            S::In(section) => section.title().to_lowercase(),
            S::Form => "form".to_string(),
            S::Confirm => "question".to_string(),
            S::LeftOpen => "review left open".to_string(),
            S::Help => "help".to_string(),
            S::Minutes => "minutes".to_string(),
            S::TooSmall => "terminal too small".to_string(),
        };
        let keys = keys_label(b).replace('|', "\\|");
        out.push_str(&format!("| {scope} | `{keys}` | {} |\n", b.label));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's key table is this table; regenerate it from
    /// `markdown_table()` when a binding changes.
    #[test]
    fn readme_key_table_matches_the_bindings() {
        let readme = include_str!("../README.md");
        let start = readme.find("<!-- keys:start -->\n").unwrap() + "<!-- keys:start -->\n".len();
        let end = readme.find("<!-- keys:end -->").unwrap();
        // `RHYTHM_BLESS_README=1 cargo test --lib readme_key_table` writes it.
        if std::env::var_os("RHYTHM_BLESS_README").is_some() {
            let fresh = format!("{}{}{}", &readme[..start], markdown_table(), &readme[end..]);
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), fresh).unwrap();
            return;
        }
        assert_eq!(&readme[start..end], markdown_table());
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                // A section's keys would shadow the meeting's: keep them apart too.
                let overlapping = a.scope == b.scope
                    || matches!(
                        (a.scope, b.scope),
                        (S::In(_), S::Meeting) | (S::Meeting, S::In(_))
                    );
                if overlapping {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k:?} is bound twice in {:?}", a.scope);
                    }
                }
            }
        }
    }
}
