//! Linking the weekly work to the strategy on screen: one key on a
//! measure, action item, off-track item or decision opens a form that
//! names the choice or objective it serves, by its words (any case; a
//! unique part will do) or its number, as `--serves` does.

use super::Effect;
use super::board::Board;
use super::form::{Field, FieldKind, Form, FormKind};
use super::rows::Row;
use crate::domain::change::RowRef;
use crate::domain::{BriefItemId, Change, Serving, names};

/// The record a row stands for, as work that may serve the brief.
pub fn of_row(row: &Row<'_>) -> Option<(Serving, i64, String)> {
    Some(match row {
        Row::Measure(m, _) => (Serving::Measure, m.id.0, m.name.clone()),
        Row::Commitment(a) | Row::Action(a) => (Serving::Action, a.id.0, a.title.clone()),
        Row::OffTrack(o) => (Serving::OffTrack, o.item.id.0, o.item.title.clone()),
        Row::Needed(d) | Row::Made(d) => (Serving::Decision, d.id.0, d.title.clone()),
        Row::Dep(_) | Row::Stuck(_) => return None,
    })
}

pub fn form(kind: Serving, id: i64, title: &str) -> Form {
    Form::new(
        FormKind::Serve { kind, id },
        format!("Serves the brief: {title}"),
        vec![Field::new("Choice or objective (words or #N)", FieldKind::Text, "").required()],
    )
}

/// The line `typed` names among the board's choices and objectives.
pub fn find(board: &Board, typed: &str) -> Result<BriefItemId, String> {
    let typed = typed.trim();
    let lines = &board.brief_lines;
    if let Some(n) = typed.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
        return lines
            .iter()
            .find(|l| l.id.0 == n)
            .map(|l| l.id)
            .ok_or_else(|| format!("#{n} is not a choice or objective of this quarter's brief"));
    }
    match names::by_words(lines, typed, |l| l.text.as_str()).as_slice() {
        [one] => Ok(one.id),
        [] if lines.is_empty() => Err("this quarter's brief has no choice or objective yet".into()),
        [] => Err(format!(
            "no choice or objective has '{typed}': {}",
            listed(lines.iter())
        )),
        many => Err(format!(
            "'{typed}' is in more than one: {}",
            listed(many.iter().copied())
        )),
    }
}

fn listed<'a>(lines: impl Iterator<Item = &'a crate::domain::altitude::Line>) -> String {
    lines
        .map(|l| format!("#{} {}", l.id, l.text))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What saving the form writes. `None`: not this form.
pub(super) fn submit(board: &Board, form: &Form) -> Option<Result<Effect, String>> {
    let FormKind::Serve { kind, id } = &form.kind else {
        return None;
    };
    Some(
        find(board, &form.value("Choice or objective (words or #N)")).map(|line| {
            let text = board
                .brief_lines
                .iter()
                .find(|l| l.id == line)
                .map_or(String::new(), |l| l.text.clone());
            Effect::Apply {
                changes: vec![Change::Serve {
                    kind: *kind,
                    record: RowRef::Id(*id),
                    line: Some(line),
                }],
                done: format!("Linked {kind} #{id} to #{line} {text}"),
            }
        }),
    )
}
