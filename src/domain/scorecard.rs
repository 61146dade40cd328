//! The scorecard as a value: each measure's status this week, its recent
//! history and the summary line. Built purely from measures and readings, so
//! the CLI, the TUI and a meeting's frozen snapshot all show the same thing.

use serde::{Deserialize, Serialize};

use super::model::{Kind, Measure, Reading};
use super::status::{Direction, Goal, Status, Target, format_number};
use super::week::Week;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub team: String,
    pub week: Week,
    pub weeks: usize,
    pub measures: Vec<ScorecardRow>,
    pub summary: Summary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScorecardRow {
    pub name: String,
    pub owner: Option<String>,
    pub unit: String,
    pub kind: Kind,
    pub direction: Direction,
    pub target: Target,
    pub tolerance: f64,
    pub value: Option<f64>,
    pub note: Option<String>,
    pub status: Status,
    /// One entry per week, oldest first, ending with `week`.
    pub history: Vec<HistoryPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryPoint {
    pub week: Week,
    pub value: Option<f64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub missing: usize,
}

impl Summary {
    pub fn count(&self, status: Status) -> usize {
        match status {
            Status::OnTrack => self.on_track,
            Status::AtRisk => self.at_risk,
            Status::OffTrack => self.off_track,
            Status::Missing => self.missing,
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = Status::ALL
            .iter()
            .map(|s| format!("{} {}", self.count(*s), s.label()))
            .collect();
        f.write_str(&parts.join(" · "))
    }
}

impl ScorecardRow {
    pub fn goal(&self) -> Goal {
        Goal {
            direction: self.direction,
            target: self.target,
            tolerance: self.tolerance,
        }
    }

    pub fn target_text(&self) -> String {
        self.goal().describe(&self.unit)
    }

    /// This week's value with its unit, or "missing".
    pub fn value_text(&self) -> String {
        match self.value {
            Some(v) if self.unit.is_empty() => format_number(v),
            Some(v) => format!("{} {}", format_number(v), self.unit),
            None => "missing".to_string(),
        }
    }

    /// A text sparkline of the history, one cell per week; `·` marks a
    /// missing week so a gap is never mistaken for a low value.
    pub fn sparkline(&self) -> String {
        sparkline(&self.history.iter().map(|p| p.value).collect::<Vec<_>>())
    }
}

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn sparkline(values: &[Option<f64>]) -> String {
    let present = values.iter().flatten().copied();
    let (min, max) = present.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    values
        .iter()
        .map(|v| match v {
            None => '·',
            Some(_) if max <= min => BARS[3],
            Some(v) => {
                let idx = ((v - min) / (max - min) * (BARS.len() - 1) as f64).round();
                BARS[(idx as usize).min(BARS.len() - 1)]
            }
        })
        .collect()
}

/// Builds the scorecard for `week` and the `weeks` weeks up to it.
/// `readings` may hold any readings of these measures; others are ignored.
pub fn build(
    team: &str,
    measures: &[Measure],
    readings: &[Reading],
    week: Week,
    weeks: usize,
) -> Scorecard {
    let span = week.trailing(weeks.max(1));
    let mut summary = Summary::default();
    let rows = measures
        .iter()
        .map(|m| {
            let of_measure = |w: Week| {
                readings
                    .iter()
                    .find(|r| r.measure_id == m.id && r.week == w)
            };
            let current = of_measure(week);
            let value = current.map(|r| r.value);
            let status = m.goal.status(value);
            match status {
                Status::OnTrack => summary.on_track += 1,
                Status::AtRisk => summary.at_risk += 1,
                Status::OffTrack => summary.off_track += 1,
                Status::Missing => summary.missing += 1,
            }
            ScorecardRow {
                name: m.name.clone(),
                owner: m.owner.clone(),
                unit: m.unit.clone(),
                kind: m.kind,
                direction: m.goal.direction,
                target: m.goal.target,
                tolerance: m.goal.tolerance,
                value,
                note: current.and_then(|r| r.note.clone()),
                status,
                history: span
                    .iter()
                    .map(|w| HistoryPoint {
                        week: *w,
                        value: of_measure(*w).map(|r| r.value),
                    })
                    .collect(),
            }
        })
        .collect();
    Scorecard {
        team: team.to_string(),
        week,
        weeks: span.len(),
        measures: rows,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{MeasureId, TeamId};

    fn measure(id: i64, name: &str, goal: Goal) -> Measure {
        Measure {
            id: MeasureId(id),
            team_id: TeamId(1),
            name: name.into(),
            owner: Some("Ana".into()),
            unit: "%".into(),
            kind: Kind::Lagging,
            goal,
            position: id as u32,
            archived: false,
        }
    }

    fn reading(id: i64, week: &str, value: f64) -> Reading {
        Reading {
            measure_id: MeasureId(id),
            week: week.parse().unwrap(),
            value,
            note: None,
        }
    }

    #[test]
    fn builds_rows_history_and_summary() {
        let higher = Goal::new(Direction::Higher, Some(100.0), None, 0.1).unwrap();
        let measures = [
            measure(1, "A", higher),
            measure(2, "B", higher),
            measure(3, "C", higher),
        ];
        let readings = [
            reading(1, "2026-W47", 90.0),
            reading(1, "2026-W48", 101.0),
            reading(2, "2026-W48", 95.0),
            reading(3, "2026-W46", 50.0),
            reading(3, "2026-W49", 150.0), // after the week: ignored
        ];
        let card = build(
            "Growth",
            &measures,
            &readings,
            "2026-W48".parse().unwrap(),
            3,
        );
        let statuses: Vec<Status> = card.measures.iter().map(|r| r.status).collect();
        assert_eq!(statuses, [Status::OnTrack, Status::AtRisk, Status::Missing]);
        assert_eq!(
            card.summary.to_string(),
            "1 on track · 1 at risk · 0 off track · 1 missing"
        );
        assert_eq!(card.measures[0].sparkline(), "·▁█");
        assert_eq!(card.measures[2].sparkline(), "▄··");
        assert_eq!(card.measures[2].value_text(), "missing");
        assert_eq!(card.measures[0].value_text(), "101 %");
        assert_eq!(card.measures[0].target_text(), "≥ 100 %");
    }

    #[test]
    fn sparkline_scales_between_min_and_max() {
        assert_eq!(sparkline(&[Some(1.0), Some(2.0), Some(3.0)]), "▁▅█");
        assert_eq!(sparkline(&[Some(5.0), Some(5.0)]), "▄▄");
        assert_eq!(sparkline(&[None, None]), "··");
        assert_eq!(sparkline(&[]), "");
    }
}
