//! Overlays that ask: edit forms (each field a real editor, owner fields
//! offering names) and yes/no confirmations.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::Theme;
use crate::app::form::{FieldKind, Form, FormKind};
use crate::app::{Action, Confirm, State};
use crate::input;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// A choice: every option on one line, the chosen one marked by brackets
/// (so it reads without colour) and highlighted.
fn render_choice(
    frame: &mut Frame<'_>,
    area: Rect,
    options: &[&str],
    chosen: &str,
    focused: bool,
    compact: bool,
    theme: Theme,
) {
    let mut spans = Vec::new();
    for option in options {
        if *option == chosen {
            let style = if focused {
                theme.selected()
            } else {
                theme.heading()
            };
            spans.push(Span::styled(format!("[{option}]"), style));
        } else {
            spans.push(Span::styled(format!(" {option} "), theme.dim()));
        }
        spans.push(Span::raw(" "));
    }
    let block = field_block(focused, compact, theme);
    frame.render_widget(Paragraph::new(Line::from(spans)).block(block), area);
}

/// The frame around a field: a box, or in a compact form a bar on its left
/// (thick when focused, so it shows without colour too).
fn field_block(focused: bool, compact: bool, theme: Theme) -> Block<'static> {
    let border = if focused { theme.key() } else { theme.dim() };
    if compact {
        Block::new()
            .borders(Borders::LEFT)
            .border_type(if focused {
                BorderType::Thick
            } else {
                BorderType::Plain
            })
            .border_style(border)
    } else {
        Block::bordered().border_style(border)
    }
}

pub fn render_form(
    frame: &mut Frame<'_>,
    area: Rect,
    form: &Form,
    people: &[String],
    theme: Theme,
) {
    let suggestions = form.suggestions(people);
    let width = area.width.min(76);
    // The error is shown whole, however many lines it takes: its end is
    // often what to do next ("Enter saves it over theirs").
    let status = status_text(form);
    let status_lines = super::text::wrap(&status, usize::from(width.saturating_sub(2)))
        .len()
        .max(2) as u16;
    // Each field: a label line and a boxed editor (3 lines); then the hint
    // line for names and the status (two lines or more). When that is
    // taller than the screen (five or six fields at 80×24) each editor is
    // one line marked by a bar, so what is typed stays visible in every field.
    let n = form.fields.len() as u16;
    let compact = n * 4 + 3 + status_lines > area.height;
    let editor_height = if compact { 1 } else { 3 };
    let height = n * (editor_height + 1) + 3 + status_lines;
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(Line::styled(format!(" {} ", form.title), theme.title()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut constraints: Vec<Constraint> = form
        .fields
        .iter()
        .map(|_| Constraint::Length(editor_height + 1))
        .collect();
    // The error may take the spare line below it too.
    constraints.extend([Constraint::Length(1), Constraint::Min(1)]);
    let areas = Layout::vertical(constraints).split(inner);
    for (i, field) in form.fields.iter().enumerate() {
        let [label, edit] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(editor_height)])
                .areas(areas[i]);
        let focused = i == form.focus;
        let hint = match field.kind {
            FieldKind::Date => " (YYYY-MM-DD)",
            FieldKind::Number => " (a number)",
            FieldKind::Lane => " (commitment, guardrail or autonomy)",
            FieldKind::Owner => " (Tab completes a known name)",
            FieldKind::Choice(_) => " (Space or ←/→ chooses)",
            FieldKind::Text => "",
        };
        let required = if field.required { " *" } else { "" };
        frame.render_widget(
            Line::from(vec![
                Span::styled(
                    format!("{}{required}", field.label),
                    if focused {
                        theme.key()
                    } else {
                        theme.heading()
                    },
                ),
                Span::styled(hint, theme.dim()),
            ]),
            label,
        );
        if let FieldKind::Choice(options) = field.kind {
            render_choice(frame, edit, options, &field.text(), focused, compact, theme);
            continue;
        }
        let mut editor = field.editor.clone();
        editor.set_block(field_block(focused, compact, theme));
        editor.set_cursor_line_style(Default::default());
        // The editor's own default is light blue, which `NO_COLOR` forbids.
        editor.set_selection_style(theme.selected());
        if focused {
            editor.set_cursor_style(ratatui::style::Style::new().add_modifier(Modifier::REVERSED));
        } else {
            editor.set_cursor_style(Default::default());
        }
        frame.render_widget(&editor, edit);
    }
    let n = form.fields.len();
    if !suggestions.is_empty() {
        frame.render_widget(
            Line::from(vec![
                Span::styled("Known: ", theme.dim()),
                Span::raw(suggestions.join(" · ")),
            ]),
            areas[n],
        );
    }
    let style = if form.error.is_some() {
        theme.error()
    } else {
        theme.dim()
    };
    let lines: Vec<Line<'_>> = super::text::wrap(&status, usize::from(areas[n + 1].width))
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect();
    frame.render_widget(Paragraph::new(lines), areas[n + 1]);
}

/// The line under a form's fields: why it was not saved, that it is
/// saving, or (for the filter) what Enter does.
fn status_text(form: &Form) -> String {
    match (&form.error, form.saving) {
        (Some(e), _) => e.clone(),
        (None, true) => "Saving…".into(),
        // The footer shows the keys; only the filter needs a word of its own.
        (None, false) if form.kind == FormKind::Filter => {
            "Enter applies the filter; an empty one shows every row".into()
        }
        (None, false) => String::new(),
    }
}

pub fn render_confirm(
    frame: &mut Frame<'_>,
    area: Rect,
    confirm: Confirm,
    state: &State,
    theme: Theme,
) {
    let b = &state.board;
    let undo = input::key_of(input::Scope::Meeting, Action::Undo);
    let (title, text) = match confirm {
        Confirm::ClearReading(measure) => (
            "Clear this week's value?".to_string(),
            format!(
                "{} for {} becomes missing again. {undo} puts the value back.",
                b.measures
                    .iter()
                    .find(|m| m.id == measure)
                    .map_or("", |m| m.name.as_str()),
                b.week
            ),
        ),
        Confirm::EndEarlier(id) => (
            format!(
                "End the review of {}, or resume it?",
                b.earlier
                    .iter()
                    .find(|m| m.id == id)
                    .map_or(String::new(), |m| m.week.to_string())
            ),
            format!(
                "It was left open. Ending freezes its scorecard as of its week and writes its minutes ({undo} reopens it); resuming goes back into it as of its week."
            ),
        ),
        Confirm::Leave if state.leave_quits => (
            "Leave the meeting?".to_string(),
            format!(
                "The meeting stays open: `{}` resumes it where it is.",
                state.resume_command
            ),
        ),
        Confirm::Leave => (
            "Leave the meeting?".to_string(),
            format!(
                "The meeting stays open: back on the home screen, {} resumes it where it is.",
                input::key_of(input::Scope::Home, Action::StartMeeting)
            ),
        ),
        Confirm::EndMeeting => {
            let rated = state
                .board
                .meeting
                .as_ref()
                .and_then(|m| m.rating)
                .is_some();
            (
                "End the meeting?".to_string(),
                format!(
                    "The scorecard is frozen as the room saw it and the minutes are written.{}",
                    if rated {
                        ""
                    } else {
                        " It has no rating yet: press n, then a digit (0 for 10)."
                    }
                ),
            )
        }
    };
    // As tall as the question's text: a long resume command is shown whole.
    let width = area.width.min(64);
    let mut lines: Vec<Line<'_>> = super::text::wrap(&text, usize::from(width.saturating_sub(2)))
        .into_iter()
        .map(Line::raw)
        .collect();
    let rect = centered(area, width, lines.len() as u16 + 4);
    frame.render_widget(Clear, rect);
    let mut keys = vec![
        Span::styled(
            input::key_of(input::Scope::Confirm, Action::Yes),
            theme.key(),
        ),
        Span::raw(" yes   "),
    ];
    if matches!(confirm, Confirm::EndEarlier(_)) {
        let resume = input::key_of(input::Scope::LeftOpen, Action::ResumeEarlier);
        keys.extend([
            Span::styled(resume, theme.key()),
            Span::raw(" resume it   "),
        ]);
    }
    keys.extend([
        Span::styled(
            input::key_of(input::Scope::Confirm, Action::No),
            theme.key(),
        ),
        Span::raw(" no"),
    ]);
    lines.extend([Line::raw(""), Line::from(keys)]);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(Line::styled(format!(" {title} "), theme.title()))),
        rect,
    );
}
