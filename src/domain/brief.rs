//! The strategy brief: for a quarter, a team's (or the whole database's)
//! few explicit choices, each with its consequence; the objectives that
//! show them, each with its integrator and measures; what the team will
//! not do, and what would lift that; and the few measures that matter.
//! Pure: what a brief holds and the rules for one line of it.

use serde::{Deserialize, Serialize};

use super::change::ChangeError;
use super::model::{BriefItemId, BriefKind, MeasureId, TeamId};
use super::quarter::Quarter;

/// A new line of a brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewBriefItem {
    /// Whose brief: a team's, or the whole database's (`None`).
    pub team: Option<TeamId>,
    pub quarter: Quarter,
    pub kind: BriefKind,
    /// The choice, the objective's outcome or what is excluded; a measure
    /// line's is empty (its measure names it).
    pub text: String,
    /// A choice's consequence, or the condition that would lift an
    /// exclusion; empty where there is none.
    pub detail: String,
    /// An objective's integrator: the one person others go to when the
    /// plan meets reality.
    pub integrator: Option<String>,
    /// A measure line's measure.
    pub measure: Option<MeasureId>,
    /// The objective a measure line shows; `None` for one of the few
    /// measures that matter.
    pub objective: Option<BriefItemId>,
}

impl NewBriefItem {
    /// A choice, objective or exclusion of the brief of `team` (the whole
    /// database's with `None`) for `quarter`.
    pub fn line(
        team: Option<TeamId>,
        quarter: Quarter,
        kind: BriefKind,
        text: impl Into<String>,
        detail: impl Into<String>,
    ) -> NewBriefItem {
        NewBriefItem {
            team,
            quarter,
            kind,
            text: text.into(),
            detail: detail.into(),
            integrator: None,
            measure: None,
            objective: None,
        }
    }

    /// A measure line: one that shows `objective`, or with `None` one of
    /// the few measures that matter.
    pub fn measure(
        team: Option<TeamId>,
        quarter: Quarter,
        measure: MeasureId,
        objective: Option<BriefItemId>,
    ) -> NewBriefItem {
        NewBriefItem {
            measure: Some(measure),
            objective,
            ..NewBriefItem::line(team, quarter, BriefKind::Measure, "", "")
        }
    }
}

/// A correction to a line of a brief: what is `Some` is set.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BriefEdit {
    pub text: Option<String>,
    pub detail: Option<String>,
    pub integrator: Option<String>,
}

/// A brief as read: its lines in order, choices first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    /// The team's name, or `None` for the whole database's.
    pub team: Option<String>,
    pub quarter: Quarter,
    pub items: Vec<BriefItem>,
}

/// One line of a brief as read. In JSON a part a line has not is null,
/// never "", as everywhere rhythm writes JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefItem {
    pub id: BriefItemId,
    pub kind: BriefKind,
    #[serde(serialize_with = "empty_as_null")]
    pub text: String,
    #[serde(serialize_with = "empty_as_null")]
    pub detail: String,
    pub integrator: Option<String>,
    /// A measure line's measure, by name.
    pub measure: Option<String>,
    pub measure_id: Option<super::model::MeasureId>,
    #[serde(rename = "objective_id")]
    pub objective: Option<BriefItemId>,
}

/// A line as read, for tests that build a brief by hand.
#[cfg(test)]
pub(crate) fn test_item(id: i64, kind: BriefKind, text: &str, detail: &str) -> BriefItem {
    BriefItem {
        id: BriefItemId(id),
        kind,
        text: text.into(),
        detail: detail.into(),
        integrator: None,
        measure: None,
        measure_id: None,
        objective: None,
    }
}

fn empty_as_null<S: serde::Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    if text.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_str(text)
    }
}

impl Brief {
    /// The lines of one kind, in order.
    pub fn of(&self, kind: BriefKind) -> impl Iterator<Item = &BriefItem> {
        self.items.iter().filter(move |i| i.kind == kind)
    }

    /// The measures that show `objective`.
    pub fn measures_of(&self, objective: BriefItemId) -> impl Iterator<Item = &BriefItem> {
        self.items
            .iter()
            .filter(move |i| i.kind == BriefKind::Measure && i.objective == Some(objective))
    }

    /// The few measures that matter: measure lines under no objective.
    pub fn key_measures(&self) -> impl Iterator<Item = &BriefItem> {
        self.items
            .iter()
            .filter(|i| i.kind == BriefKind::Measure && i.objective.is_none())
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// What a kind's `detail` is called, where it has one.
pub fn detail_name(kind: BriefKind) -> Option<&'static str> {
    match kind {
        BriefKind::Choice => Some("consequence"),
        BriefKind::Exclusion => Some("lifting condition"),
        BriefKind::Objective | BriefKind::Measure => None,
    }
}

/// What one line holds, however it arrives: a change names its measure and
/// objective by row, an import by uid, and the rules ask only whether it
/// names them.
pub(crate) struct Parts<'a> {
    pub kind: BriefKind,
    pub text: &'a str,
    pub detail: &'a str,
    pub integrator: Option<&'a str>,
    pub measure: bool,
    pub objective: bool,
}

/// The rules for a new line: see `check_line`.
pub(crate) fn check_new(item: &NewBriefItem) -> Result<(), ChangeError> {
    check_line(&Parts {
        kind: item.kind,
        text: &item.text,
        detail: &item.detail,
        integrator: item.integrator.as_deref(),
        measure: item.measure.is_some(),
        objective: item.objective.is_some(),
    })
}

/// The rules for one line, whatever the database holds: a choice,
/// objective or exclusion says something; a measure line names a measure
/// and nothing else; only an objective has an integrator, and only a
/// choice or an exclusion a detail.
pub(crate) fn check_line(line: &Parts<'_>) -> Result<(), ChangeError> {
    let what = kind_text(line.kind);
    if line.kind == BriefKind::Measure {
        if !line.measure {
            return Err(ChangeError::BriefLine("a measure line needs its measure"));
        }
        if !line.text.is_empty() || !line.detail.is_empty() || line.integrator.is_some() {
            return Err(ChangeError::BriefLine(
                "a measure line holds its measure and the objective it shows, nothing else",
            ));
        }
        return Ok(());
    }
    if line.measure || line.objective {
        return Err(ChangeError::BriefLine(
            "only a measure line names a measure or an objective",
        ));
    }
    check_parts(
        line.kind,
        what,
        Some(line.text),
        Some(line.detail),
        line.integrator,
    )
}

/// The rules for a correction to a line of `kind`.
pub(crate) fn check_edit(kind: BriefKind, edit: &BriefEdit) -> Result<(), ChangeError> {
    if kind == BriefKind::Measure {
        return Err(ChangeError::BriefLine(
            "a measure line has nothing to correct: drop it and add another",
        ));
    }
    check_parts(
        kind,
        kind_text(kind),
        edit.text.as_deref(),
        edit.detail.as_deref(),
        edit.integrator.as_deref(),
    )
}

fn check_parts(
    kind: BriefKind,
    what: &'static str,
    text: Option<&str>,
    detail: Option<&str>,
    integrator: Option<&str>,
) -> Result<(), ChangeError> {
    if let Some(text) = text {
        super::change::check_line(what, text)?;
    }
    if let Some(detail) = detail.filter(|d| !d.is_empty()) {
        let Some(name) = detail_name(kind) else {
            return Err(ChangeError::BriefLine(
                "an objective has no consequence or condition",
            ));
        };
        super::change::check_line(name, detail)?;
    }
    if let Some(person) = integrator {
        if kind != BriefKind::Objective {
            return Err(ChangeError::BriefLine(
                "only an objective has an integrator",
            ));
        }
        super::change::check_name("integrator", person)?;
    }
    Ok(())
}

/// A kind as the rules name it in messages.
pub(crate) fn kind_text(kind: BriefKind) -> &'static str {
    match kind {
        BriefKind::Choice => "choice",
        BriefKind::Objective => "objective",
        BriefKind::Exclusion => "exclusion",
        BriefKind::Measure => "measure line",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: BriefKind, text: &str) -> NewBriefItem {
        NewBriefItem {
            team: Some(TeamId(1)),
            quarter: "2026-Q4".parse().unwrap(),
            kind,
            text: text.into(),
            detail: String::new(),
            integrator: None,
            measure: None,
            objective: None,
        }
    }

    #[test]
    fn each_kind_of_line_holds_only_what_it_may() {
        assert!(check_new(&line(BriefKind::Choice, "Mid-market healthcare")).is_ok());
        assert_eq!(
            check_new(&line(BriefKind::Choice, "  "))
                .unwrap_err()
                .to_string(),
            "choice cannot be empty"
        );
        let two_lines = check_new(&line(BriefKind::Exclusion, "No\nGermany")).unwrap_err();
        assert!(
            two_lines.to_string().contains("control character"),
            "{two_lines}"
        );
        let mut o = line(BriefKind::Objective, "Win healthcare");
        o.detail = "because".into();
        assert_eq!(
            check_new(&o).unwrap_err().to_string(),
            "an objective has no consequence or condition"
        );
        let mut c = line(BriefKind::Choice, "Focus");
        c.integrator = Some("Ana".into());
        assert_eq!(
            check_new(&c).unwrap_err().to_string(),
            "only an objective has an integrator"
        );
        let mut m = line(BriefKind::Measure, "");
        assert!(check_new(&m).is_err());
        m.measure = Some(MeasureId(3));
        assert!(check_new(&m).is_ok());
        m.text = "NRR".into();
        assert!(check_new(&m).is_err());
        assert!(check_edit(BriefKind::Measure, &BriefEdit::default()).is_err());
    }
}
