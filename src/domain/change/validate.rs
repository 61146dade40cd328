//! The rules a `Change` must meet whatever the database holds: names one
//! line and short enough to show, titles not empty, numbers finite,
//! positions and ratings in range, weeks and dates in the years rhythm
//! stores. Every write is checked by them.

use super::Change;
use super::lengths::check_name;
use crate::domain::DecisionId;
use crate::domain::week::{FIRST_YEAR, LAST_YEAR};

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
    /// A NUL in any text: one database would keep it, the other refuse it.
    #[error("{field} '{value}' contains a NUL character (\\0), which no text may hold")]
    Nul { field: String, value: String },
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
    /// A week, date or time outside the years rhythm stores, typed or
    /// computed (a due date a week on from a clock in the year 9998).
    #[error("{what} '{value}' is outside the years rhythm keeps ({FIRST_YEAR} to {LAST_YEAR})")]
    OutOfRange { what: &'static str, value: String },
    #[error("a team cannot depend on itself")]
    SelfDependency,
    /// A line of a brief that holds what its kind cannot.
    #[error("{0}")]
    BriefLine(&'static str),
    /// A plan's record that cannot be: an end before its start, a share
    /// past the whole.
    #[error("{0}")]
    Plan(String),
    /// A word not among a field's words, as its parser words it (a
    /// restored record's, which no typed change can hold).
    #[error("{0}")]
    NotOneOf(String),
    #[error(transparent)]
    Agenda(#[from] crate::domain::agenda::AgendaError),
    #[error(transparent)]
    Quarter(#[from] crate::domain::quarter::QuarterError),
    #[error(transparent)]
    Goal(#[from] crate::domain::status::GoalError),
}

fn check_owner(owner: &Option<String>) -> Result<(), ChangeError> {
    owner.as_deref().map_or(Ok(()), |o| check_name("owner", o))
}

impl Change {
    /// Refuses what is wrong on its face: empty or multi-line names,
    /// non-finite numbers, impossible positions and ratings.
    pub fn validate(&self) -> Result<(), ChangeError> {
        super::lengths::check_lengths(self)?;
        self.check_dates()?;
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
                if d.needing.team.is_some() && d.needing.team == d.providing.team {
                    return Err(ChangeError::SelfDependency);
                }
                for side in [&d.needing, &d.providing] {
                    if side.team.is_none() {
                        check_name("team name", &side.name)?;
                    }
                }
                check_owner(&d.owner)
            }
            Change::UpdateDependency { owner, .. } => check_owner(owner),
            Change::AddBriefItem(item) => crate::domain::brief::check_new(item),
            // Which parts a line may hold depends on its kind, which the
            // store knows (it checks `brief::check_edit`); here, that each
            // part is one line.
            Change::EditBriefItem { edit, .. } => {
                if let Some(text) = &edit.text {
                    check_text("brief line", text)?;
                }
                if let Some(detail) = edit.detail.as_ref().filter(|d| !d.is_empty()) {
                    check_text("brief line's detail", detail)?;
                }
                check_owner(&edit.integrator)
            }
            Change::DropBriefItem { .. } => Ok(()),
            Change::AddInitiative(i) => {
                crate::domain::plan::check_new_initiative(i)?;
                check_owner(&i.owner)
            }
            Change::EditInitiative { edit, .. } => {
                crate::domain::plan::check_initiative_edit(edit)?;
                check_owner(&edit.owner)
            }
            Change::SetInitiativeState { note, .. } | Change::SetMilestoneState { note, .. } => {
                match note {
                    Some(n) if !n.is_empty() => check_prose("note", n),
                    _ => Ok(()),
                }
            }
            Change::AssignPerson { person, share, .. } => {
                check_name("person", person)?;
                crate::domain::plan::check_share(*share)
            }
            Change::AddMilestone(m) => {
                check_text("milestone title", &m.title)?;
                check_owner(&m.owner)
            }
            Change::EditMilestone { edit, .. } => {
                if let Some(t) = &edit.title {
                    check_text("milestone title", t)?;
                }
                check_owner(&edit.owner)
            }
            Change::MoveMilestone { .. }
            | Change::LinkMilestoneDecision { .. }
            | Change::Serve { .. } => Ok(()),
            Change::SetFlexShare { share, .. } => crate::domain::plan::check_flex(*share),
            Change::SetAgenda { kind, sections, .. } => {
                Ok(crate::domain::agenda::check(*kind, sections)?)
            }
            Change::DrawFlex(d) => check_prose("why", &d.why),
            Change::WritePostMortem { post_mortem, .. } => {
                check_prose("what happened", &post_mortem.what)?;
                check_prose("contributing factors", &post_mortem.factors)?;
                check_prose("change to the system", &post_mortem.change)
            }
            Change::AddTrigger(t) => crate::domain::trigger::check_new(t),
            Change::EditTrigger { edit, .. } => crate::domain::trigger::check_edit(edit),
            Change::DropTrigger { .. } => Ok(()),
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
                if let (Some(n), Some(p)) = (&edit.needing, &edit.providing)
                    && n.team.is_some()
                    && n.team == p.team
                {
                    return Err(ChangeError::SelfDependency);
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
            Change::Guarded { change, .. } => change.validate(),
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
pub(crate) fn check_text(what: &'static str, value: &str) -> Result<(), ChangeError> {
    if value.trim().is_empty() {
        return Err(ChangeError::Empty(what));
    }
    super::lengths::check_title_length(what, value)?;
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(ChangeError::ControlCharacter {
            what,
            value: value.escape_debug().to_string(),
        });
    }
    Ok(())
}

/// A text people write at length (a note, a post-mortem): not empty, and
/// no control character but a line break or tab. Its bound is every
/// text's (`TEXT_MAX`).
pub(crate) fn check_prose(what: &'static str, value: &str) -> Result<(), ChangeError> {
    if value.trim().is_empty() {
        return Err(ChangeError::Empty(what));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n'))
    {
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
    use crate::domain::{MeasureId, Week};
    use chrono::NaiveDate;

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
    fn weeks_and_dates_outside_the_stored_years_are_refused_even_when_computed() {
        use crate::domain::change::{NewAction, NewDependency, TeamSide};
        use crate::domain::{ActionSource, DepStatus, TeamId};
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // A clock on the last day rhythm keeps, and an action due a week on.
        let today = day(9998, 12, 31);
        let action = |due| {
            Change::AddAction(NewAction {
                team: TeamId(1),
                title: "Ship".into(),
                owner: None,
                due: Some(due),
                source: ActionSource::Manual,
                source_id: None,
            })
        };
        assert_eq!(
            action(today + chrono::Duration::days(7))
                .validate()
                .unwrap_err()
                .to_string(),
            "due date '9999-01-07' is outside the years rhythm keeps (1900 to 9998)"
        );
        assert_eq!(action(today).validate(), Ok(()));
        let week = |w: Week| Change::RecordReading {
            measure: MeasureId(1),
            week: w,
            value: 1.0,
            note: None,
        };
        assert_eq!(
            week(Week::FIRST.offset(-1))
                .validate()
                .unwrap_err()
                .to_string(),
            "week '1899-W52' is outside the years rhythm keeps (1900 to 9998)"
        );
        assert_eq!(week(Week::FIRST).validate(), Ok(()));
        assert_eq!(week(Week::LAST).validate(), Ok(()));
        let side = |team| TeamSide {
            team,
            name: "Legal".into(),
        };
        let dep = |needing, providing, needed_by| {
            Change::AddDependency(NewDependency {
                needing: side(needing),
                providing: side(providing),
                what: "Review".into(),
                owner: None,
                needed_by,
                status: DepStatus::OnTrack,
                note: None,
            })
        };
        assert!(matches!(
            dep(Some(TeamId(1)), None, Some(day(1899, 12, 31))).validate(),
            Err(ChangeError::OutOfRange { .. })
        ));
        assert_eq!(
            dep(Some(TeamId(1)), Some(TeamId(1)), None)
                .validate()
                .unwrap_err()
                .to_string(),
            "a team cannot depend on itself"
        );
        assert_eq!(
            dep(Some(TeamId(1)), Some(TeamId(2)), None).validate(),
            Ok(())
        );
        assert_eq!(dep(Some(TeamId(1)), None, None).validate(), Ok(()));
    }

    #[test]
    fn validate_accepts_ordinary_changes() {
        let ok = Change::AddTeam {
            name: "Customer Success 🚀".into(),
        };
        assert_eq!(ok.validate(), Ok(()));
    }
}
