//! Edit forms: a few labelled fields, each a real editor (ratatui-textarea),
//! checked and turned into `Change`s on save. A failed check or save keeps
//! everything typed.

use chrono::NaiveDate;
use ratatui_textarea::{CursorMove, Input, Key, TextArea};

use crate::domain::change::Expect;
use crate::domain::names;
use crate::domain::{
    ActionId, DecisionId, DependencyId, Lane, MeasureId, MeetingId, OffTrackId, Week,
};

/// What a form is for; decides its fields and what saving it writes.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    Record {
        measure: MeasureId,
        name: String,
        week: Week,
    },
    Raise {
        measure: Option<MeasureId>,
    },
    EditOffTrack {
        item: OffTrackId,
    },
    AddDependency,
    DecisionMade,
    DecisionNeeded,
    Decide {
        decision: DecisionId,
    },
    /// A plain action item; from a meeting it is filed under the meeting.
    AddAction {
        meeting: Option<MeetingId>,
    },
    EditAction {
        action: ActionId,
    },
    EditDependency {
        dependency: DependencyId,
    },
    EditDecision {
        decision: DecisionId,
    },
    /// Names the owner of a needed decision, and nothing else.
    NameOwner {
        decision: DecisionId,
    },
    /// Links a record of the weekly work to the choice or objective it
    /// serves.
    Serve {
        kind: crate::domain::Serving,
        id: i64,
    },
    /// Names who decides a milestone stuck in *decide* (the decide rule).
    NameDecider {
        milestone: crate::domain::MilestoneId,
    },
    /// Stops a milestone stuck in *decide*, or its whole initiative.
    StopWork {
        milestone: crate::domain::MilestoneId,
        initiative: crate::domain::InitiativeId,
    },
    /// A dependency's status, chosen from the list, with a note.
    DependencyStatus {
        dependency: DependencyId,
    },
    Filter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// A person: completes from the people the database knows.
    Owner,
    Number,
    Date,
    Lane,
    /// One of a few fixed words, chosen with Space, ←/→ or its first
    /// letter; never typed, so it cannot be misspelt.
    Choice(&'static [&'static str]),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    pub editor: TextArea<'static>,
}

impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        self.label == other.label
            && self.kind == other.kind
            && self.required == other.required
            && self.editor.lines() == other.editor.lines()
            && self.editor.cursor() == other.editor.cursor()
    }
}

impl Field {
    pub fn new(label: &'static str, kind: FieldKind, value: &str) -> Field {
        let mut editor = TextArea::new(vec![value.to_string()]);
        editor.move_cursor(CursorMove::End);
        // A number shown for correction is selected, so typing replaces it.
        if kind == FieldKind::Number && !value.is_empty() {
            editor.select_all();
        }
        Field {
            label,
            kind,
            required: false,
            editor,
        }
    }

    /// The option of a choice a key picks: Space and → the next, ← the
    /// one before, a letter the next that starts with it.
    fn choose(&mut self, options: &[&str], input: &Input) {
        let n = options.len();
        if n == 0 {
            return;
        }
        let now = options.iter().position(|o| *o == self.text()).unwrap_or(0);
        let next = match input.key {
            Key::Char(' ') | Key::Right => (now + 1) % n,
            Key::Left => (now + n - 1) % n,
            Key::Char(c) => (1..=n)
                .map(|step| (now + step) % n)
                .find(|i| options[*i].starts_with(c.to_ascii_lowercase()))
                .unwrap_or(now),
            _ => now,
        };
        self.set_text(options[next]);
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn text(&self) -> String {
        self.editor.lines().join(" ").trim().to_string()
    }

    pub fn set_text(&mut self, text: &str) {
        self.editor = TextArea::new(vec![text.to_string()]);
        self.editor.move_cursor(CursorMove::End);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last save did not go through; what was typed is kept.
    pub error: Option<String>,
    /// Saved and waiting for the store to confirm.
    pub saving: bool,
    /// The record as it was when editing began: saving checks it is unchanged.
    pub expect: Option<Expect>,
    /// After a conflict: take the record as it is now as the new expectation.
    pub refresh_expect: bool,
}

impl Form {
    pub fn new(kind: FormKind, title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            kind,
            title: title.into(),
            fields,
            focus: 0,
            error: None,
            saving: false,
            expect: None,
            refresh_expect: false,
        }
    }

    pub fn value(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(Field::text)
            .unwrap_or_default()
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Names offered for the focused owner field, best first.
    pub fn suggestions<'p>(&self, people: &'p [String]) -> Vec<&'p str> {
        let Some(field) = self.focused().filter(|f| f.kind == FieldKind::Owner) else {
            return Vec::new();
        };
        let typed = names::key(&field.text());
        // An empty field offers nothing: Tab there moves on.
        if typed.is_empty() {
            return Vec::new();
        }
        people
            .iter()
            .filter(|p| {
                let key = names::key(p);
                key.starts_with(&typed) && key != typed
            })
            .take(5)
            .map(String::as_str)
            .collect()
    }

    /// Tab on an owner field with a suggestion takes it; otherwise it moves on.
    pub fn tab(&mut self, people: &[String], back: bool) {
        if !back && let Some(first) = self.suggestions(people).first().map(|s| s.to_string()) {
            if let Some(f) = self.fields.get_mut(self.focus) {
                f.set_text(&first);
            }
            return;
        }
        let n = self.fields.len().max(1);
        self.focus = if back {
            (self.focus + n - 1) % n
        } else {
            (self.focus + 1) % n
        };
    }

    /// Typing goes to the focused editor; Enter never adds a line (it saves).
    pub fn input(&mut self, input: Input) {
        if input.key == Key::Enter {
            return;
        }
        if let Some(f) = self.fields.get_mut(self.focus) {
            match f.kind {
                FieldKind::Choice(options) => f.choose(options, &input),
                _ => {
                    f.editor.input(input);
                }
            }
            self.error = None;
        }
    }

    /// Shows why the form was not saved and moves to the field it is
    /// about, so the fix is typed where it belongs. Every check names its
    /// field first ("Due: …", "Title is required").
    pub fn fail(&mut self, message: String) {
        let named = self
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                message
                    .strip_prefix(f.label)
                    .is_some_and(|rest| rest.starts_with(':') || rest.starts_with(" is required"))
            })
            .max_by_key(|(_, f)| f.label.len());
        if let Some((i, _)) = named {
            self.focus = i;
        }
        self.error = Some(message);
    }

    /// Checks every field; the first problem names the field and the value.
    pub fn check(&self) -> Result<(), String> {
        for f in &self.fields {
            let text = f.text();
            if f.required && text.is_empty() {
                return Err(format!("{} is required", f.label));
            }
            if text.is_empty() {
                continue;
            }
            match f.kind {
                FieldKind::Number => {
                    parse_number(&text).map_err(|e| format!("{}: {e}", f.label))?;
                }
                FieldKind::Date => {
                    parse_date(&text).map_err(|e| format!("{}: {e}", f.label))?;
                }
                FieldKind::Lane => {
                    text.parse::<Lane>()
                        .map_err(|e| format!("{}: {e}", f.label))?;
                }
                FieldKind::Choice(options) => {
                    if !options.contains(&text.as_str()) {
                        return Err(format!(
                            "{}: '{text}' is not one of {}",
                            f.label,
                            options.join(", ")
                        ));
                    }
                }
                FieldKind::Text | FieldKind::Owner => {}
            }
        }
        Ok(())
    }
}

pub use crate::domain::status::parse_number;

pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::domain::week::parse_date(text).map_err(|e| e.to_string())
}
