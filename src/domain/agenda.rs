//! The agenda as data: a meeting of each kind (weekly, monthly,
//! quarterly) runs an ordered list of sections, each a section kind (the
//! screen it shows) with a title and a timebox, kept per team and kind.
//! The clock, pace and projected end follow the timeboxes, whatever they
//! are. Typed as `"Scorecard 10, Off-track 30, ..."`. Pure.

use std::fmt;

pub use super::model::SectionKind;
use super::model::{AgendaSection, MeetingKind};

/// The longest timebox a section may have: a whole day.
pub const MINUTES_MAX: u32 = 24 * 60;

impl SectionKind {
    /// How people name it: the agenda's default title.
    pub const fn title(self) -> &'static str {
        match self {
            SectionKind::Scorecard => "Scorecard",
            SectionKind::OffTrack => "Off-track",
            SectionKind::Dependencies => "Dependencies",
            SectionKind::Decisions => "Decisions",
            SectionKind::Rollup => "Scorecard roll-up",
            SectionKind::Objectives => "Objectives",
            SectionKind::Risks => "Risks",
            SectionKind::Systemic => "Systemic issues",
            SectionKind::Lanes => "Commitments & guardrails",
            SectionKind::Scored => "Scorecard & objectives scored",
            SectionKind::Choices => "Choices revisited",
            SectionKind::Signals => "Signals & assumptions",
            SectionKind::Resources => "Resources",
            SectionKind::Stop => "What to stop",
            SectionKind::NextBrief => "Next quarter's brief",
            SectionKind::WrapUp => "Wrap-up",
        }
    }

    /// Its place among every kind, for what is kept per kind.
    /// Kinds are declared in `ALL`'s order, so this is its place there.
    pub fn slot(self) -> usize {
        self as usize
    }

    /// The meeting it belongs to (wrap-up belongs to every meeting).
    pub fn belongs_to(self, kind: MeetingKind) -> bool {
        self == SectionKind::WrapUp || default_kinds(kind).contains(&self)
    }

    /// The kind a title names: its title or its stored word, in any case,
    /// with `&` or `and`, spaces, hyphens or underscores alike.
    pub fn named(text: &str) -> Option<SectionKind> {
        let key = |s: &str| -> String {
            s.to_lowercase()
                .replace('&', " and ")
                .replace('\'', "")
                .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let wanted = key(text);
        SectionKind::ALL
            .iter()
            .copied()
            .find(|k| key(k.title()) == wanted || key(k.as_str()) == wanted)
    }
}

/// The sections of a kind of meeting, in their default order, with their
/// default timeboxes: the weekly review's hour, the monthly review's
/// ninety minutes, the quarterly reset's four hours.
pub fn default_agenda(kind: MeetingKind) -> Vec<AgendaSection> {
    let spec: &[(SectionKind, u32)] = match kind {
        MeetingKind::Weekly => &[
            (SectionKind::Scorecard, 10),
            (SectionKind::OffTrack, 25),
            (SectionKind::Dependencies, 10),
            (SectionKind::Decisions, 10),
            (SectionKind::WrapUp, 5),
        ],
        MeetingKind::Monthly => &[
            (SectionKind::Rollup, 15),
            (SectionKind::Objectives, 20),
            (SectionKind::Risks, 15),
            (SectionKind::Systemic, 20),
            (SectionKind::Lanes, 15),
            (SectionKind::WrapUp, 5),
        ],
        MeetingKind::Quarterly => &[
            (SectionKind::Scored, 30),
            (SectionKind::Choices, 60),
            (SectionKind::Signals, 30),
            (SectionKind::Resources, 40),
            (SectionKind::Stop, 40),
            (SectionKind::NextBrief, 30),
            (SectionKind::WrapUp, 10),
        ],
    };
    spec.iter()
        .map(|(k, minutes)| AgendaSection {
            kind: *k,
            name: k.title().to_string(),
            minutes: *minutes,
        })
        .collect()
}

fn default_kinds(kind: MeetingKind) -> Vec<SectionKind> {
    default_agenda(kind).into_iter().map(|s| s.kind).collect()
}

/// The section kind stored at `position` of a `kind` meeting's agenda
/// before agendas named their kinds: the default order's.
pub fn kind_at(kind: MeetingKind, position: usize) -> SectionKind {
    default_kinds(kind)
        .get(position)
        .copied()
        .unwrap_or(SectionKind::WrapUp)
}

/// Why an agenda as typed was refused, quoting the part at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgendaError {
    #[error("the agenda is empty: list its sections, such as \"Scorecard 10, Wrap-up 5\"")]
    Empty,
    #[error("'{0}' has no timebox: write the minutes after the section, such as \"Scorecard 10\"")]
    NoMinutes(String),
    #[error("'{0}' is not a number of minutes: use a whole number from 1 to {MINUTES_MAX}")]
    BadMinutes(String),
    #[error("'{section}' has a timebox of {minutes}: a section takes 1 to {MINUTES_MAX} minutes")]
    Minutes { section: String, minutes: String },
    #[error("'{0}' is not a section kind: use one of {1}")]
    Unknown(String, String),
    #[error("'{section}' belongs to another meeting: the {kind} review's sections are {list}")]
    Elsewhere {
        section: String,
        kind: MeetingKind,
        list: String,
    },
    #[error("'{0}' appears twice: a section kind is on the agenda once")]
    Twice(String),
    #[error("the agenda must end with Wrap-up, where the meeting is rated and ended")]
    NoWrapUp,
    #[error("'{0}' is not a section title: give it a title on one line")]
    Title(String),
}

/// Reads `"Scorecard 10, Off-track 30, ..."` as a `kind` meeting's agenda:
/// each part a section kind (by its title) and its timebox in minutes.
pub fn parse(kind: MeetingKind, text: &str) -> Result<Vec<AgendaSection>, AgendaError> {
    let mut out: Vec<AgendaSection> = Vec::new();
    for part in text.split([',', ';', '\n']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let (name, minutes) = match part.rsplit_once(char::is_whitespace) {
            Some((name, m))
                if m.trim_start_matches('-')
                    .chars()
                    .any(|c| c.is_ascii_digit()) =>
            {
                (name.trim(), m)
            }
            _ => return Err(AgendaError::NoMinutes(part.to_string())),
        };
        let section = SectionKind::named(name).ok_or_else(|| {
            AgendaError::Unknown(name.to_string(), titles(SectionKind::ALL.iter().copied()))
        })?;
        let minutes: i64 = minutes
            .parse()
            .map_err(|_| AgendaError::BadMinutes(minutes.to_string()))?;
        if !(1..=i64::from(MINUTES_MAX)).contains(&minutes) {
            return Err(AgendaError::Minutes {
                section: name.to_string(),
                minutes: minutes.to_string(),
            });
        }
        out.push(AgendaSection {
            kind: section,
            name: name.to_string(),
            minutes: minutes as u32,
        });
    }
    check(kind, &out)?;
    // As typed, each section is named by its kind's own title.
    for s in &mut out {
        s.name = s.kind.title().to_string();
    }
    Ok(out)
}

/// What every agenda keeps to, however it was made: each section belongs
/// to this kind of meeting and appears once, with a timebox from 1 to
/// `MINUTES_MAX` minutes and a title on one line; Wrap-up comes last.
pub fn check(kind: MeetingKind, agenda: &[AgendaSection]) -> Result<(), AgendaError> {
    for (i, s) in agenda.iter().enumerate() {
        if !s.kind.belongs_to(kind) {
            return Err(AgendaError::Elsewhere {
                section: s.name.clone(),
                kind,
                list: titles(default_kinds(kind).into_iter()),
            });
        }
        if !(1..=MINUTES_MAX).contains(&s.minutes) {
            return Err(AgendaError::Minutes {
                section: s.name.clone(),
                minutes: s.minutes.to_string(),
            });
        }
        if s.name.trim().is_empty() || s.name.chars().any(char::is_control) {
            return Err(AgendaError::Title(s.name.clone()));
        }
        if agenda[..i].iter().any(|o| o.kind == s.kind) {
            return Err(AgendaError::Twice(s.name.clone()));
        }
    }
    match agenda.last() {
        None => Err(AgendaError::Empty),
        Some(last) if last.kind != SectionKind::WrapUp => Err(AgendaError::NoWrapUp),
        Some(_) => Ok(()),
    }
}

fn titles(kinds: impl Iterator<Item = SectionKind>) -> String {
    kinds.map(SectionKind::title).collect::<Vec<_>>().join(", ")
}

/// An agenda as `parse` reads it back: `"Scorecard 10, Off-track 25, ..."`.
pub struct Typed<'a>(pub &'a [AgendaSection]);

impl fmt::Display for Typed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{} {}", s.kind.title(), s.minutes)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekly(text: &str) -> Result<Vec<AgendaSection>, AgendaError> {
        parse(MeetingKind::Weekly, text)
    }

    #[test]
    fn each_default_reads_back_as_typed() {
        for kind in MeetingKind::ALL {
            let agenda = default_agenda(*kind);
            let typed = Typed(&agenda).to_string();
            assert_eq!(parse(*kind, &typed), Ok(agenda.clone()), "{typed}");
        }
        let total = |k| default_agenda(k).iter().map(|s| s.minutes).sum::<u32>();
        assert_eq!(
            [
                MeetingKind::Weekly,
                MeetingKind::Monthly,
                MeetingKind::Quarterly
            ]
            .map(total),
            [60, 90, 240]
        );
    }

    #[test]
    fn titles_are_read_in_any_case_and_spelling() {
        let a = weekly("scorecard 5; OFF TRACK 40, off_track_x 1").unwrap_err();
        assert_eq!(
            a,
            AgendaError::Unknown(
                "off_track_x".into(),
                titles(SectionKind::ALL.iter().copied())
            )
        );
        let a = weekly("Off-track 40, decisions 10, Wrap up 10").unwrap();
        let kinds: Vec<_> = a.iter().map(|s| (s.kind, s.minutes)).collect();
        assert_eq!(
            kinds,
            [
                (SectionKind::OffTrack, 40),
                (SectionKind::Decisions, 10),
                (SectionKind::WrapUp, 10)
            ]
        );
        let m = parse(
            MeetingKind::Monthly,
            "Commitments and guardrails 20, Systemic-issues 20, Wrap-up 5",
        )
        .unwrap();
        assert_eq!(m[0].kind, SectionKind::Lanes);
        assert_eq!(m[0].name, "Commitments & guardrails");
    }

    #[test]
    fn a_bad_agenda_is_refused_quoting_its_part() {
        let says = |text: &str| weekly(text).unwrap_err().to_string();
        assert_eq!(
            says("Scorecard, Wrap-up 5"),
            "'Scorecard' has no timebox: write the minutes after the section, such as \"Scorecard 10\""
        );
        assert_eq!(
            says("Scorecard 0, Wrap-up 5"),
            "'Scorecard' has a timebox of 0: a section takes 1 to 1440 minutes"
        );
        assert_eq!(
            says("Scorecard -5, Wrap-up 5"),
            "'Scorecard' has a timebox of -5: a section takes 1 to 1440 minutes"
        );
        assert_eq!(
            says("Scorecard 1.5, Wrap-up 5"),
            "'1.5' is not a number of minutes: use a whole number from 1 to 1440"
        );
        assert_eq!(
            says("Scorecard 10, Scorecard 5, Wrap-up 5"),
            "'Scorecard' appears twice: a section kind is on the agenda once"
        );
        assert_eq!(
            says("Risks 10, Wrap-up 5"),
            "'Risks' belongs to another meeting: the weekly review's sections are \
             Scorecard, Off-track, Dependencies, Decisions, Wrap-up"
        );
        assert_eq!(
            says("Wrap-up 5, Scorecard 10"),
            "the agenda must end with Wrap-up, where the meeting is rated and ended"
        );
        assert_eq!(says(" , "), AgendaError::Empty.to_string());
        assert!(
            says("Lunch 30, Wrap-up 5")
                .starts_with("'Lunch' is not a section kind: use one of Scorecard, Off-track")
        );
    }

    #[test]
    fn each_kind_has_its_own_slot_in_the_order_of_all() {
        for (i, k) in SectionKind::ALL.iter().enumerate() {
            assert_eq!(k.slot(), i, "{k}");
        }
    }

    #[test]
    fn an_agenda_without_kinds_takes_them_by_position() {
        assert_eq!(kind_at(MeetingKind::Weekly, 2), SectionKind::Dependencies);
        assert_eq!(kind_at(MeetingKind::Monthly, 0), SectionKind::Rollup);
        assert_eq!(kind_at(MeetingKind::Weekly, 9), SectionKind::WrapUp);
    }
}
