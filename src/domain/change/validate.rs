//! The rules a `Change` must meet whatever the database holds: names one
//! line and short enough to show, titles not empty, numbers finite,
//! positions and ratings in range. Every write is checked by them.

use super::Change;
use crate::domain::DecisionId;

/// A change that cannot be right whatever the database holds.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChangeError {
    #[error("{0} cannot be empty")]
    Empty(&'static str),
    #[error("{what} '{value}' is too long ({len} characters; at most {max})")]
    TooLong {
        what: &'static str,
        value: String,
        len: usize,
        max: usize,
    },
    #[error("{field} '{value}' is too long ({len} characters; at most {max})")]
    TextTooLong {
        field: String,
        value: String,
        len: usize,
        max: usize,
    },
    #[error("{what} '{value}' contains a control character")]
    ControlCharacter { what: &'static str, value: String },
    #[error("value '{0}' is not a finite number")]
    NotFinite(f64),
    #[error("position '{0}' must be 1 or more")]
    Position(u32),
    #[error("rating '{0}' must be from 1 to 10")]
    Rating(u8),
    #[error("a decision cannot supersede itself (#{0})")]
    SelfSupersede(DecisionId),
    #[error("a made decision needs its chosen approach: add --chosen")]
    NoChosen,
    #[error("a dependency needs at least one side that is a team in this database")]
    NoHomeTeam,
    #[error(transparent)]
    Goal(#[from] crate::domain::status::GoalError),
}

/// Names (teams, measures, people) are one line and short enough to show.
const NAME_MAX: usize = 200;

/// Titles (of actions, items, decisions, dependencies) are one line a
/// screen can show whole when it wraps.
pub const TITLE_MAX: usize = 500;

/// Every other text a change carries (notes, why, context, the minutes):
/// long enough for any meeting, short enough that no screen or file
/// chokes on it. The same bound whether it was typed, sent or imported.
pub const TEXT_MAX: usize = 100_000;

/// A title no longer than `TITLE_MAX`, for records that arrive whole (an
/// import) as for the changes typed one by one.
pub(crate) fn check_title_length(what: &'static str, value: &str) -> Result<(), ChangeError> {
    let len = value.chars().count();
    if len > TITLE_MAX {
        let shown: String = value.chars().take(40).collect();
        return Err(ChangeError::TooLong {
            what,
            value: format!("{shown}…"),
            len,
            max: TITLE_MAX,
        });
    }
    Ok(())
}

/// The first string in `value` longer than `max` characters, with the name
/// of the field that holds it.
fn too_long(value: &serde_json::Value, field: &str, max: usize) -> Option<(String, String, usize)> {
    match value {
        serde_json::Value::String(s) => {
            let len = s.chars().count();
            (len > max).then(|| (field.to_string(), s.chars().take(40).collect(), len))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|v| too_long(v, field, max)),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| too_long(v, k, max)),
        _ => None,
    }
}

/// One bound on every text of a change, whatever its kind (see
/// `TEXT_MAX`): checked on its serialised form, so a field added later is
/// bounded too.
fn check_lengths(change: &Change) -> Result<(), ChangeError> {
    let value = serde_json::to_value(change).unwrap_or(serde_json::Value::Null);
    match too_long(&value, "text", TEXT_MAX) {
        Some((field, shown, len)) => Err(ChangeError::TextTooLong {
            field: field.replace('_', " "),
            value: format!("{shown}…"),
            len,
            max: TEXT_MAX,
        }),
        None => Ok(()),
    }
}

pub(crate) fn check_name(what: &'static str, value: &str) -> Result<(), ChangeError> {
    if value.trim().is_empty() {
        return Err(ChangeError::Empty(what));
    }
    let len = value.chars().count();
    if len > NAME_MAX {
        let shown: String = value.chars().take(40).collect();
        return Err(ChangeError::TooLong {
            what,
            value: format!("{shown}…"),
            len,
            max: NAME_MAX,
        });
    }
    if value.chars().any(char::is_control) {
        return Err(ChangeError::ControlCharacter {
            what,
            value: value.escape_debug().to_string(),
        });
    }
    Ok(())
}

fn check_owner(owner: &Option<String>) -> Result<(), ChangeError> {
    owner.as_deref().map_or(Ok(()), |o| check_name("owner", o))
}

impl Change {
    /// Refuses what is wrong on its face: empty or multi-line names,
    /// non-finite numbers, impossible positions and ratings.
    pub fn validate(&self) -> Result<(), ChangeError> {
        check_lengths(self)?;
        self.validate_fields()
    }

    fn validate_fields(&self) -> Result<(), ChangeError> {
        match self {
            Change::AddTeam { name } | Change::RenameTeam { name, .. } => {
                check_name("team name", name)
            }
            Change::AddMeasure(m) => {
                check_name("measure name", &m.name)?;
                m.goal.check()?;
                check_owner(&m.owner)
            }
            Change::EditMeasure { edit, .. } => {
                if let Some(name) = &edit.name {
                    check_name("measure name", name)?;
                }
                if let Some(goal) = &edit.goal {
                    goal.check()?;
                }
                check_owner(&edit.owner)
            }
            Change::ArchiveMeasure { .. } => Ok(()),
            Change::MoveMeasure { position, .. } => {
                if *position == 0 {
                    Err(ChangeError::Position(*position))
                } else {
                    Ok(())
                }
            }
            Change::RecordReading { value, .. } => {
                if value.is_finite() {
                    Ok(())
                } else {
                    Err(ChangeError::NotFinite(*value))
                }
            }
            Change::AddAction(a) => {
                check_text("action title", &a.title)?;
                check_owner(&a.owner)
            }
            Change::SetActionState { .. } | Change::SetOffTrackState { .. } => Ok(()),
            Change::AddOffTrack(o) => {
                check_text("off-track title", &o.title)?;
                check_owner(&o.owner)
            }
            Change::AddDependency(d) => {
                check_text("dependency", &d.what)?;
                if d.needing.team.is_none() && d.providing.team.is_none() {
                    return Err(ChangeError::NoHomeTeam);
                }
                for side in [&d.needing, &d.providing] {
                    if side.team.is_none() {
                        check_name("team name", &side.name)?;
                    }
                }
                check_owner(&d.owner)
            }
            Change::UpdateDependency { owner, .. } => check_owner(owner),
            Change::AddDecision(d) => {
                check_text("decision title", &d.title)?;
                if d.made && d.chosen.trim().is_empty() {
                    return Err(ChangeError::NoChosen);
                }
                check_owner(&d.owner)
            }
            Change::Decide { chosen, owner, .. } => {
                if chosen.trim().is_empty() {
                    return Err(ChangeError::NoChosen);
                }
                check_owner(owner)
            }
            Change::Supersede { old, new } => {
                if old == new {
                    Err(ChangeError::SelfSupersede(*old))
                } else {
                    Ok(())
                }
            }
            Change::EditOffTrack { title, owner, .. } => {
                if let Some(t) = title {
                    check_text("off-track title", t)?;
                }
                check_owner(owner)
            }
            Change::ClearReading { .. }
            | Change::DeleteDependency { .. }
            | Change::WithdrawDecision { .. }
            | Change::DeleteTeam { .. } => Ok(()),
            Change::EditAction { title, owner, .. } => {
                if let Some(t) = title {
                    check_text("action title", t)?;
                }
                check_owner(owner)
            }
            Change::EditDependency { edit, .. } => {
                if let Some(what) = &edit.what {
                    check_text("dependency", what)?;
                }
                if let (Some(n), Some(p)) = (&edit.needing, &edit.providing)
                    && n.team.is_none()
                    && p.team.is_none()
                {
                    return Err(ChangeError::NoHomeTeam);
                }
                for side in [&edit.needing, &edit.providing].into_iter().flatten() {
                    if side.team.is_none() {
                        check_name("team name", &side.name)?;
                    }
                }
                check_owner(&edit.owner)
            }
            Change::EditDecision { edit, .. } => {
                if let Some(t) = &edit.title {
                    check_text("decision title", t)?;
                }
                if edit.chosen.as_ref().is_some_and(|c| c.trim().is_empty()) {
                    return Err(ChangeError::NoChosen);
                }
                check_owner(&edit.owner)
            }
            Change::RenamePerson { from, to } => {
                check_name("person name", from)?;
                check_name("person name", to)
            }
            Change::Guarded { change, .. } => change.validate_fields(),
            Change::Restore(r) => r.validate(),
            Change::StartMeeting { .. }
            | Change::SetReviewWeek { .. }
            | Change::ClearDemo
            | Change::MarkDemo { .. }
            | Change::SaveMeetingClock { .. }
            | Change::DriveMeeting { .. }
            | Change::LeaveMeeting { .. }
            | Change::EndMeeting { .. } => Ok(()),
            Change::RateMeeting { rating, .. } | Change::SetMeetingRating { rating, .. } => {
                if (1..=10).contains(rating) {
                    Ok(())
                } else {
                    Err(ChangeError::Rating(*rating))
                }
            }
            Change::AddMeeting(m) => {
                if let Some(r) = m.rating.filter(|r| !(1..=10).contains(r)) {
                    return Err(ChangeError::Rating(r));
                }
                m.attendees
                    .iter()
                    .try_for_each(|a| check_name("attendee", a))
            }
        }
    }
}

/// Titles may be long, but a title is still one line.
fn check_text(what: &'static str, value: &str) -> Result<(), ChangeError> {
    if value.trim().is_empty() {
        return Err(ChangeError::Empty(what));
    }
    check_title_length(what, value)?;
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(ChangeError::ControlCharacter {
            what,
            value: value.escape_debug().to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MeasureId;

    #[test]
    fn validate_refuses_bad_values_with_the_value_quoted() {
        let cases = [
            (
                Change::AddTeam { name: "  ".into() },
                "team name cannot be empty",
            ),
            (
                Change::AddTeam {
                    name: "Growth\nPlatform".into(),
                },
                "team name 'Growth\\nPlatform' contains a control character",
            ),
            (
                Change::RecordReading {
                    measure: MeasureId(1),
                    week: "2026-W48".parse().unwrap(),
                    value: f64::NAN,
                    note: None,
                },
                "value 'NaN' is not a finite number",
            ),
            (
                Change::MoveMeasure {
                    measure: MeasureId(1),
                    position: 0,
                },
                "position '0' must be 1 or more",
            ),
            (
                Change::Supersede {
                    old: DecisionId(3),
                    new: DecisionId(3),
                },
                "a decision cannot supersede itself (#3)",
            ),
        ];
        for (change, want) in cases {
            assert_eq!(change.validate().unwrap_err().to_string(), want);
        }
        let long = "x".repeat(201);
        let err = Change::AddTeam { name: long }
            .validate()
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("team name 'xxxx"), "{err}");
        assert!(err.ends_with("(201 characters; at most 200)"), "{err}");
    }

    #[test]
    fn validate_accepts_ordinary_changes() {
        let ok = Change::AddTeam {
            name: "Customer Success 🚀".into(),
        };
        assert_eq!(ok.validate(), Ok(()));
    }
}
