//! How long a change's texts may be: one set of bounds for every path
//! (typed, sent, imported), so no screen or file chokes on a text and no
//! path stores what another refuses.

use super::{Change, ChangeError};

/// Names (teams, measures, people) are one line and short enough to show.
const NAME_MAX: usize = 200;

/// Titles (of actions, items, decisions, dependencies) are one line a
/// screen can show whole when it wraps.
pub const TITLE_MAX: usize = 500;

/// Every other text a change carries (notes, why, context, the minutes):
/// long enough for any meeting, short enough that no screen or file
/// chokes on it. The same bound whether it was typed, sent or imported.
pub const TEXT_MAX: usize = 100_000;

/// A meeting's minutes, which rhythm writes from what the meeting holds
/// rather than anyone typing them: many texts each within `TEXT_MAX` (sixty
/// decisions of long context) add up past it, and a meeting must always be
/// able to end. Bounded all the same, so no file or screen chokes.
pub const MINUTES_MAX: usize = 10_000_000;

/// The bound on the text in `field`.
fn max_for(field: &str) -> usize {
    if field == "minutes" {
        MINUTES_MAX
    } else {
        TEXT_MAX
    }
}

/// A title no longer than `TITLE_MAX`, for records that arrive whole (an
/// import) as for the changes typed one by one.
pub(crate) fn check_title_length(what: &'static str, value: &str) -> Result<(), ChangeError> {
    at_most(what, value, TITLE_MAX)
}

/// `value` no longer than `max` characters, or why not (its start quoted).
fn at_most(what: &'static str, value: &str, max: usize) -> Result<(), ChangeError> {
    let len = value.chars().count();
    if len > max {
        let shown: String = value.chars().take(40).collect();
        return Err(ChangeError::TooLong {
            what,
            value: format!("{shown}…"),
            len,
            max,
        });
    }
    Ok(())
}

/// Counts the bytes written to it and keeps none, noting whether they
/// hold the escape JSON writes for a NUL (`\u0000`): a text typed as that
/// escape shows here too, and is told apart by the slower look.
#[derive(Default)]
struct Count {
    bytes: usize,
    /// How much of `\u0000` the bytes so far end with.
    matched: usize,
    nul: bool,
}

const NUL_ESCAPE: &[u8] = b"\\u0000";

impl std::io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len();
        for &b in buf {
            self.matched = if b == NUL_ESCAPE[self.matched] {
                self.matched + 1
            } else if b == NUL_ESCAPE[0] {
                1
            } else {
                0
            };
            if self.matched == NUL_ESCAPE.len() {
                self.nul = true;
                self.matched = 0;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first string in `value` longer than `max` characters, with the name
/// of the field that holds it.
fn too_long(value: &serde_json::Value, field: &str) -> Option<(String, String, usize, usize)> {
    match value {
        serde_json::Value::String(s) => {
            let (len, max) = (s.chars().count(), max_for(field));
            (len > max).then(|| (field.to_string(), s.chars().take(40).collect(), len, max))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|v| too_long(v, field)),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| too_long(v, k)),
        _ => None,
    }
}

/// One bound on every text of a change, whatever its kind (see
/// `TEXT_MAX`), and no NUL in any of them: SQLite would keep one where
/// PostgreSQL refuses it, and no terminal or file shows it. Checked on the
/// serialised form, so a field added later is covered too.
pub(super) fn check_lengths(change: &Change) -> Result<(), ChangeError> {
    // Every write runs this, an import hundreds of thousands of times: a
    // change whose whole serialised form fits the bound and shows no NUL
    // has no text at fault, and is counted without building anything. Only
    // another is taken apart to find the text and name its field.
    let mut size = Count::default();
    if serde_json::to_writer(&mut size, change).is_ok() && size.bytes <= TEXT_MAX && !size.nul {
        return Ok(());
    }
    let value = serde_json::to_value(change).unwrap_or(serde_json::Value::Null);
    if let Some((field, shown)) = with_nul(&value, "text") {
        return Err(ChangeError::Nul {
            field: field.replace('_', " "),
            value: shown,
        });
    }
    match too_long(&value, "text") {
        Some((field, shown, len, max)) => Err(ChangeError::TextTooLong {
            field: field.replace('_', " "),
            value: format!("{shown}…"),
            len,
            max,
        }),
        None => Ok(()),
    }
}

/// The first string in `value` holding a NUL, with the name of its field
/// and its start shown with the NUL escaped.
fn with_nul(value: &serde_json::Value, field: &str) -> Option<(String, String)> {
    match value {
        serde_json::Value::String(s) if s.contains('\0') => {
            let start: String = s.chars().take(40).collect();
            Some((field.to_string(), start.escape_debug().to_string()))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|v| with_nul(v, field)),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| with_nul(v, k)),
        _ => None,
    }
}

pub(crate) fn check_name(what: &'static str, value: &str) -> Result<(), ChangeError> {
    // Blank, or only characters that show nothing (a zero-width space).
    if crate::domain::names::shows_nothing(value) {
        return Err(ChangeError::Empty(what));
    }
    at_most(what, value, NAME_MAX)?;
    if value.chars().any(char::is_control) {
        return Err(ChangeError::ControlCharacter {
            what,
            value: value.escape_debug().to_string(),
        });
    }
    Ok(())
}
