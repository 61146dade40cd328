//! A text screen (minutes, the brief) scrolled by line and by page, never
//! past its end: the rows are the text wrapped to the screen as the screen
//! draws it (`formats::wrap`), so the keys and the drawing agree.

use super::Action;

/// The rows a text screen of a `size` terminal shows at once, and how
/// wide they are: the frame's borders and the two lines below it are not
/// the text's. `None` until the size is known.
pub fn text_area(size: (u16, u16)) -> Option<(usize, usize)> {
    let (width, height) = size;
    (width > 2 && height > 4).then(|| (usize::from(width - 2), usize::from(height - 4)))
}

/// The plan's board as the plan screen shows it, `width` columns wide:
/// from `today`'s month, as many months as fit (three to six).
pub fn plan_text(
    plan: &crate::domain::plan::Plan,
    now: chrono::DateTime<chrono::Utc>,
    today: chrono::NaiveDate,
    width: usize,
) -> String {
    use crate::formats::plan as board;
    let count = (width.saturating_sub(3) / 28).clamp(3, 6);
    let months = board::months(crate::domain::Month::containing(today), count);
    board::text(plan, &months, now, width)
}

/// The plan screen's title.
pub fn plan_title(plan: &crate::domain::plan::Plan) -> String {
    format!("{} · operating plan", plan.team)
}

/// The furthest `text` scrolls on a screen of `rows` rows of `width`.
pub fn last_scroll(text: &str, width: usize, rows: usize) -> u16 {
    let lines = crate::formats::wrap::wrap(text, width).len();
    u16::try_from(lines.saturating_sub(rows)).unwrap_or(u16::MAX)
}

/// Where `action` takes the scroll of `text`.
pub(super) fn scrolled(size: (u16, u16), text: &str, scroll: u16, action: Action) -> u16 {
    let (last, page) = match text_area(size) {
        Some((width, rows)) => (
            last_scroll(text, width, rows),
            rows.saturating_sub(1).max(1),
        ),
        // Not told the size yet: the drawing keeps it in bounds.
        None => (u16::MAX, 1),
    };
    let page = u16::try_from(page).unwrap_or(u16::MAX);
    match action {
        Action::Down => scroll.saturating_add(1).min(last),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(page).min(last),
        Action::PageUp => scroll.saturating_sub(page),
        _ => scroll,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_scrolls_by_line_and_page_and_stops_at_its_end() {
        let text: String = (1..=30).map(|n| format!("line {n}\n")).collect();
        // 80x24: 20 rows of text, so the last scroll is 10.
        let size = (80, 24);
        assert_eq!(scrolled(size, &text, 0, Action::Down), 1);
        assert_eq!(scrolled(size, &text, 0, Action::PageDown), 10);
        assert_eq!(scrolled(size, &text, 10, Action::Down), 10);
        assert_eq!(scrolled(size, &text, 10, Action::PageUp), 0);
        // A text that fits does not scroll at all.
        assert_eq!(scrolled(size, "short", 0, Action::PageDown), 0);
    }
}
