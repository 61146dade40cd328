//! Trigger rules that fire, as the scorecard section and the home screen
//! lead with them: a flag, the rule, since when, and the planned response,
//! wrapped by words so the response stays on screen at 80 columns. The
//! flag and the words carry the meaning; the colour only repeats it.

use ratatui::text::Line;

use super::Theme;
use crate::domain::trigger::Trigger;

/// Rows one trigger may take: its rule, then its response.
const ROWS_EACH: usize = 2;

/// At most `room` rows `width` wide: each firing trigger wrapped onto up
/// to two (the second indented under the flag, and cut with … if still
/// too long), the last saying how many more fire when they do not all fit.
/// `hint` (the key that acts on one, where there is one) ends each
/// trigger's rows and may take a row of its own rather than cut the
/// response; a cut keeps it.
pub fn trigger_lines(
    triggers: &[Trigger],
    room: usize,
    width: u16,
    theme: Theme,
    hint: Option<&str>,
) -> Vec<Line<'static>> {
    let width = usize::from(width).max(1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, t) in triggers.iter().enumerate() {
        // No-break spaces keep the hint on one row.
        let hint = hint.map(|h| format!("[{}]", h.replace(' ', "\u{a0}")));
        let text = match &hint {
            Some(h) => format!("{} {h}", t.announcement()),
            None => t.announcement(),
        };
        let mut rows = crate::formats::wrap::wrap(&text, width.saturating_sub(2));
        let each = ROWS_EACH + usize::from(hint.is_some());
        if rows.len() > each {
            rows.truncate(each);
            let tail = hint.as_ref().map(|h| format!(" {h}")).unwrap_or_default();
            if let Some(last) = rows.last_mut() {
                let room = width.saturating_sub(4 + tail.chars().count());
                let keep: String = last.chars().take(room).collect();
                *last = format!("{}…{tail}", keep.trim_end());
            }
        }
        let left = triggers.len() - i;
        // The rows after these must still say how many are not shown.
        let reserve = usize::from(left > 1);
        if lines.len() + rows.len() + reserve > room {
            if room > lines.len() {
                lines.push(Line::styled(
                    format!("⚑ {left} more trigger rules firing (rhythm trigger list)"),
                    theme.warn(),
                ));
            }
            break;
        }
        for (n, row) in rows.into_iter().enumerate() {
            let row = if n == 0 { row } else { format!("  {row}") };
            lines.push(Line::styled(row, theme.warn()));
        }
    }
    lines
}
