//! The minutes' use of the one Markdown escaper.

pub(super) use crate::formats::markdown::escape as md;

/// Escaped text, or a dash where there is none.
pub(super) fn or_dash(text: Option<&str>) -> String {
    text.map(md).unwrap_or_else(|| "—".into())
}
