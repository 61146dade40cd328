//! What a meeting did: the changes its team made while it ran (between its
//! start and its end, or now) and did not undo, read from the operation log
//! by the store. The recap on screen and the minutes both say it from here,
//! in the same words. Pure data and wording.

use super::status::format_number;
use super::{ActionState, DecisionState, DepStatus, ItemState, Week};

/// The meeting's changes, in the order they were made. Built with `push`,
/// which folds repeats together (a value corrected twice is one value).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Activity {
    pub events: Vec<Event>,
}

/// One thing the meeting did to one record.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A value recorded for a week; `before` when it replaced one.
    Recorded {
        measure: String,
        unit: String,
        week: Week,
        value: f64,
        before: Option<f64>,
        note: Option<String>,
    },
    /// A week's value taken away.
    Cleared {
        measure: String,
        week: Week,
        value: f64,
    },
    OffTrack {
        id: i64,
        title: String,
        step: Step<ItemState>,
    },
    Dependency {
        id: i64,
        what: String,
        step: Step<DepStatus>,
    },
    Decision {
        id: i64,
        title: String,
        step: Step<DecisionState>,
    },
    Action {
        id: i64,
        title: String,
        step: Step<ActionState>,
    },
}

/// What happened to a record with states `S`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<S> {
    Added(S),
    Moved {
        from: S,
        to: S,
    },
    /// Changed without changing its state.
    Edited,
    Deleted,
}

/// The headings a recap groups the events under, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Values,
    OffTrack,
    Dependencies,
    Decisions,
    Actions,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::Values,
        Group::OffTrack,
        Group::Dependencies,
        Group::Decisions,
        Group::Actions,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Group::Values => "Values recorded",
            Group::OffTrack => "Off-track items",
            Group::Dependencies => "Dependencies",
            Group::Decisions => "Decisions changed",
            Group::Actions => "Action items",
        }
    }
}

impl Activity {
    /// Adds `event`, folding it into an earlier one of the same record
    /// where the recap would otherwise say the same thing twice: a value
    /// recorded again keeps its first `before`; an edit of a record the
    /// meeting already changed (added, moved, edited) is not said again:
    /// what the record holds now is shown where it is listed.
    pub fn push(&mut self, event: Event) {
        if let Event::Recorded {
            measure,
            week,
            value,
            note,
            ..
        } = &event
            && let Some(Event::Recorded {
                value: v, note: n, ..
            }) = self.events.iter_mut().find(|e| {
                matches!(e, Event::Recorded { measure: m, week: w, .. } if m == measure && w == week)
            })
        {
            *v = *value;
            n.clone_from(note);
            return;
        }
        if event.is_edit() && self.events.iter().any(|e| e.record() == event.record()) {
            return;
        }
        self.events.push(event);
    }

    /// The events under `group` that the recap lists as changes: decisions
    /// made and needed, and actions added, have sections of their own.
    pub fn listed(&self, group: Group) -> impl Iterator<Item = &Event> {
        self.events
            .iter()
            .filter(move |e| e.group() == group && !e.has_own_section())
    }

    pub fn is_empty(&self) -> bool {
        self.events.iter().all(Event::has_own_section)
    }
}

impl Event {
    pub fn group(&self) -> Group {
        match self {
            Event::Recorded { .. } | Event::Cleared { .. } => Group::Values,
            Event::OffTrack { .. } => Group::OffTrack,
            Event::Dependency { .. } => Group::Dependencies,
            Event::Decision { .. } => Group::Decisions,
            Event::Action { .. } => Group::Actions,
        }
    }

    /// The record as (kind, id), for folding; values have none.
    fn record(&self) -> Option<(Group, i64)> {
        match self {
            Event::OffTrack { id, .. }
            | Event::Dependency { id, .. }
            | Event::Decision { id, .. }
            | Event::Action { id, .. } => Some((self.group(), *id)),
            _ => None,
        }
    }

    fn is_edit(&self) -> bool {
        matches!(
            self,
            Event::OffTrack {
                step: Step::Edited,
                ..
            } | Event::Dependency {
                step: Step::Edited,
                ..
            } | Event::Decision {
                step: Step::Edited,
                ..
            } | Event::Action {
                step: Step::Edited,
                ..
            }
        )
    }

    /// Decisions made or needed and actions added are listed in full in
    /// sections of their own; the changes list does not repeat them.
    pub fn has_own_section(&self) -> bool {
        match self {
            Event::Decision { step, .. } => matches!(
                step,
                Step::Added(_)
                    | Step::Moved {
                        to: DecisionState::Made,
                        ..
                    }
            ),
            Event::Action { step, .. } => matches!(step, Step::Added(_)),
            _ => false,
        }
    }

    /// The event as one line a person reads ("#9 Churn spike: resolved").
    pub fn line(&self) -> String {
        match self {
            Event::Recorded {
                measure,
                unit,
                week,
                value,
                before,
                note,
            } => {
                let with_unit = |v: f64| {
                    if unit.is_empty() {
                        format_number(v)
                    } else {
                        format!("{} {unit}", format_number(v))
                    }
                };
                let was = before.map_or(String::new(), |b| format!(" (was {})", with_unit(b)));
                let note = note
                    .as_deref()
                    .filter(|n| !n.trim().is_empty())
                    .map_or(String::new(), |n| format!(" — note: {n}"));
                format!("{measure} {week}: {}{was}{note}", with_unit(*value))
            }
            Event::Cleared {
                measure,
                week,
                value,
            } => format!(
                "{measure} {week}: {} cleared (now missing)",
                format_number(*value)
            ),
            Event::OffTrack { id, title, step } => {
                let what = match step {
                    Step::Added(_) => "raised".to_string(),
                    Step::Moved {
                        to: ItemState::Open,
                        ..
                    } => "reopened".into(),
                    Step::Moved { to, .. } => to.as_str().into(),
                    Step::Edited => "edited".into(),
                    Step::Deleted => "deleted".into(),
                };
                format!("#{id} {title}: {what}")
            }
            Event::Dependency { id, what, step } => {
                let said = |s: DepStatus| s.words();
                let step = match step {
                    Step::Added(s) => format!("added ({})", said(*s)),
                    Step::Moved {
                        from,
                        to: DepStatus::Done,
                    } => format!("completed ({} → done)", said(*from)),
                    Step::Moved { from, to } => format!("{} → {}", said(*from), said(*to)),
                    Step::Edited => "edited".into(),
                    Step::Deleted => "deleted".into(),
                };
                format!("#{id} {what}: {step}")
            }
            Event::Decision { id, title, step } => {
                let what = match step {
                    Step::Added(s) => format!("logged as {s}"),
                    Step::Moved {
                        from: DecisionState::Made | DecisionState::Withdrawn,
                        to: DecisionState::Needed,
                    } => "needed again".into(),
                    Step::Moved { to, .. } => to.as_str().into(),
                    Step::Edited => "edited".into(),
                    Step::Deleted => "deleted".into(),
                };
                format!("#{id} {title}: {what}")
            }
            Event::Action { id, title, step } => {
                let what = match step {
                    Step::Added(_) => "added".to_string(),
                    Step::Moved {
                        to: ActionState::Open,
                        ..
                    } => "reopened".into(),
                    Step::Moved { to, .. } => to.as_str().into(),
                    Step::Edited => "edited".into(),
                    Step::Deleted => "deleted".into(),
                };
                format!("#{id} {title}: {what}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week() -> Week {
        "2026-W48".parse().unwrap_or_else(|_| unreachable!())
    }

    fn recorded(value: f64, before: Option<f64>) -> Event {
        Event::Recorded {
            measure: "New MRR".into(),
            unit: "k€".into(),
            week: week(),
            value,
            before,
            note: None,
        }
    }

    #[test]
    fn a_value_corrected_is_said_once_with_what_it_replaced() {
        let mut a = Activity::default();
        a.push(recorded(110.0, Some(98.0)));
        a.push(recorded(112.0, Some(110.0)));
        assert_eq!(a.events, [recorded(112.0, Some(98.0))]);
        assert_eq!(a.events[0].line(), "New MRR 2026-W48: 112 k€ (was 98 k€)");
    }

    #[test]
    fn edits_fold_into_one_and_into_the_record_added() {
        let edit = |id| Event::OffTrack {
            id,
            title: "Churn".into(),
            step: Step::Edited,
        };
        let mut a = Activity::default();
        a.push(Event::OffTrack {
            id: 1,
            title: "Churn".into(),
            step: Step::Added(ItemState::Open),
        });
        a.push(edit(1));
        a.push(edit(2));
        a.push(edit(2));
        a.push(Event::OffTrack {
            id: 2,
            title: "Churn".into(),
            step: Step::Moved {
                from: ItemState::Open,
                to: ItemState::Resolved,
            },
        });
        let lines: Vec<String> = a.events.iter().map(Event::line).collect();
        assert_eq!(
            lines,
            ["#1 Churn: raised", "#2 Churn: edited", "#2 Churn: resolved"]
        );
    }

    #[test]
    fn every_dependency_status_change_says_from_and_to() {
        let dep = |from, to| Event::Dependency {
            id: 3,
            what: "Reseller terms".into(),
            step: Step::Moved { from, to },
        };
        assert_eq!(
            dep(DepStatus::OnTrack, DepStatus::Blocked).line(),
            "#3 Reseller terms: on track → blocked"
        );
        assert_eq!(
            dep(DepStatus::AtRisk, DepStatus::Done).line(),
            "#3 Reseller terms: completed (at risk → done)"
        );
    }
}
