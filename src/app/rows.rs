//! The selectable rows of each section, after the filter: one list that
//! both `update` (what the cursor is on) and the screens (what to draw) use.

use super::board::OffTrackView;
use super::{Section, State};
use crate::domain::scorecard::ScorecardRow;
use crate::domain::{ActionItem, Decision, Dependency, Measure, Meeting};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Row<'a> {
    Measure(&'a Measure, &'a ScorecardRow),
    Commitment(&'a ActionItem),
    OffTrack(&'a OffTrackView),
    Dep(&'a Dependency),
    /// A milestone the decide rule raises.
    Stuck(&'a crate::domain::plan::Stuck),
    Needed(&'a Decision),
    Made(&'a Decision),
    /// An action item made during this meeting (the wrap-up's recap).
    Action(&'a ActionItem),
}

impl Row<'_> {
    /// Which record the row shows (its kind and id): the cursor follows the
    /// record, not the row's place, when a reload reorders the list.
    pub fn record(&self) -> (u8, i64) {
        match self {
            Row::Measure(m, _) => (0, m.id.0),
            Row::Commitment(a) => (1, a.id.0),
            Row::OffTrack(o) => (2, o.item.id.0),
            Row::Dep(d) => (3, d.id.0),
            Row::Needed(d) | Row::Made(d) => (4, d.id.0),
            Row::Action(a) => (5, a.id.0),
            Row::Stuck(m) => (6, m.milestone.0),
        }
    }
}

fn matches(filter: Option<&str>, texts: &[&str]) -> bool {
    let Some(f) = filter.map(str::to_lowercase).filter(|f| !f.is_empty()) else {
        return true;
    };
    texts.iter().any(|t| t.to_lowercase().contains(&f))
}

fn owner(o: &Option<String>) -> &str {
    o.as_deref().unwrap_or("")
}

pub fn rows(state: &State, section: Section) -> Vec<Row<'_>> {
    let b = &state.board;
    let f = state.filter.as_deref();
    match section {
        Section::Scorecard => b
            .measures
            .iter()
            .zip(&b.scorecard.measures)
            .filter(|(m, _)| matches(f, &[&m.name, owner(&m.owner)]))
            .map(|(m, r)| Row::Measure(m, r))
            .collect(),
        Section::OffTrack => b
            .commitments
            .iter()
            .filter(|a| matches(f, &[&a.title, owner(&a.owner)]))
            .map(Row::Commitment)
            .chain(
                b.offtrack
                    .iter()
                    .filter(|o| {
                        matches(
                            f,
                            &[
                                &o.item.title,
                                owner(&o.item.owner),
                                &o.item.why,
                                &o.item.change,
                            ],
                        )
                    })
                    .map(Row::OffTrack),
            )
            .collect(),
        Section::Dependencies => b
            .deps
            .iter()
            .filter(|d| {
                matches(
                    f,
                    &[&d.what, owner(&d.owner), &d.needing.name, &d.providing.name],
                )
            })
            .map(Row::Dep)
            .collect(),
        Section::Decisions => b
            .stuck
            .iter()
            .filter(|m| matches(f, &[&m.title, owner(&m.owner), &m.initiative_title]))
            .map(Row::Stuck)
            .chain(
                b.needed
                    .iter()
                    .filter(|d| matches(f, &[&d.title, owner(&d.owner)]))
                    .map(Row::Needed),
            )
            .chain(
                b.made
                    .iter()
                    .filter(|d| matches(f, &[&d.title, owner(&d.owner), &d.chosen]))
                    .map(Row::Made),
            )
            .collect(),
        Section::WrapUp => b
            .recap
            .new_actions
            .iter()
            .filter(|a| matches(f, &[&a.title, owner(&a.owner)]))
            .map(Row::Action)
            .collect(),
        // The monthly and quarterly reviews' sections have no rows here.
        _ => Vec::new(),
    }
}

/// A selectable row of the home screen, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HomeRow<'a> {
    /// A review of an earlier week left open.
    Earlier(&'a Meeting),
    Action(&'a ActionItem),
    Past(&'a Meeting),
}

pub fn home_rows(state: &State) -> Vec<HomeRow<'_>> {
    let b = &state.board;
    b.earlier
        .iter()
        .map(HomeRow::Earlier)
        .chain(b.open_actions.iter().map(HomeRow::Action))
        .chain(b.past.iter().map(HomeRow::Past))
        .collect()
}

/// The home row under the cursor, if any.
pub fn home_selected(state: &State) -> Option<HomeRow<'_>> {
    home_rows(state).get(state.home_selected).copied()
}

/// The row under the cursor in the current section, if any.
pub fn selected(state: &State) -> Option<Row<'_>> {
    let i = state.selected[state.section.slot()];
    rows(state, state.section).get(i).copied()
}
