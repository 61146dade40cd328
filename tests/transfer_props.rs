//! Export → import → export is the identity, on databases built through the
//! library from generated changes: hostile text (emoji, right-to-left text
//! and bidi controls, quotes, backslashes, letters whose case only Unicode
//! folds, newlines, tabs and control characters where the domain allows
//! them, ten-thousand-character notes), odd numbers and sub-second times,
//! strategy briefs (a team's and the whole database's, every kind of
//! line) and operating plans (initiatives serving brief lines, people and
//! their shares, milestones in every phase and state with their decisions,
//! flexible pools, draws with and without post-mortems).
//! An import into an empty store must give back the same archive, as a value
//! and as bytes, the same data through the store's reads, and a merge of
//! the same export must find every record already there.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rhythm::domain::archive::Archive;
use rhythm::domain::brief::{BriefEdit, NewBriefItem};
use rhythm::domain::change::{
    MeasureEdit, NewAction, NewDecision, NewDependency, NewMeasure, NewMeeting, NewOffTrack,
    TeamSide,
};
use rhythm::domain::plan::{NewFlexDraw, NewInitiative, NewMilestone, PostMortem};
use rhythm::domain::trigger::{Condition, NewTrigger, Period, Rule};
use rhythm::domain::{
    ActionId, ActionSource, ActionState, BriefItemId, BriefKind, Change, DecisionId, DepStatus,
    DependencyId, Direction, Goal, ItemState, Kind, Lane, MeasureId, MeetingId, MeetingKind,
    MeetingSection, OffTrackId, Quarter, TeamId, Week, scorecard,
};
use rhythm::domain::{FlexDrawId, InitiativeId, MilestoneId, Month, Phase, PlanState};
use rhythm::domain::{Rollup, Serving, TriggerId};
use rhythm::storage::{ImportReport, Store};

// ---------------------------------------------------------------------------
// Text

/// Pieces that break naive code: multi-code-point emoji, right-to-left
/// scripts and overrides, quotes and backslashes, letters that SQLite's
/// NOCASE leaves apart but Unicode folds together (É/é, K/K, ß/SS).
const HOSTILE: &[&str] = &[
    "🚀",
    "👩‍👩‍👧‍👦",
    "🇺🇦",
    "مرحبا بالعالم",
    "שלום",
    "\u{202E}txet desrever\u{202C}",
    "\u{200F}",
    "\"quoted\"",
    "'single'",
    "back\\slash",
    "\\n not a newline",
    "{\"json\": [1, 2]}",
    "<b>&amp;</b>",
    "Équipe",
    "équipe",
    "\u{212A}elvin",
    "kelvin",
    "straße",
    "STRASSE",
    "İstanbul",
    "e\u{301}",
    "日本語",
    "%s %d {}",
    "'; DROP TABLE team; --",
    "   ",
];

/// Names that SQLite's NOCASE takes for one person or team.
const NAMES: &[&str] = &["Ana", "ana", "ANA", "Bo"];

/// What titles may hold on top of names: tabs.
const TITLE_ONLY: &[&str] = &["\t", "a\tb"];

/// What long text (notes, why, context, minutes) may hold: tabs, line
/// breaks and control characters other than NUL, which no text may hold.
const TEXT_EXTRA: &[&str] = &[
    "\t",
    "a\tb",
    "\n",
    "\r\n",
    "line\nbreak",
    "\u{1}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{85}",
];

fn piece(extra: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(HOSTILE).prop_map(str::to_string),
        1 => prop::sample::select(extra).prop_map(str::to_string),
        2 => "[a-zA-Z0-9 ]{1,10}",
    ]
}

fn joined(
    extra: &'static [&'static str],
    pieces: std::ops::Range<usize>,
) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(extra), pieces).prop_map(|p| p.concat())
}

/// A team, measure or person name: one line, at most 200 characters. Names
/// the domain refuses (blank ones) are kept: the store must refuse them.
fn name() -> impl Strategy<Value = String> {
    joined(NAMES, 1..4).prop_map(|n| n.chars().take(200).collect())
}

fn title() -> impl Strategy<Value = String> {
    joined(TITLE_ONLY, 1..4)
}

/// Free text, sometimes about ten thousand characters long.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => joined(TEXT_EXTRA, 0..5),
        1 => joined(TEXT_EXTRA, 1..4).prop_map(|p| {
            let unit = if p.is_empty() { "x".to_string() } else { p };
            unit.repeat(10_000 / unit.chars().count().max(1) + 1)
        }),
    ]
}

fn owner() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(0.7, name())
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => -1e6..1e6f64,
        1 => any::<f64>().prop_filter("finite", |v| v.is_finite()),
        1 => prop::sample::select(vec![
            0.0, -0.0, 0.1 + 0.2, 1e-7, 5e-324, f64::MIN_POSITIVE, f64::MAX, f64::MIN,
            9_007_199_254_740_992.0, 1.0 / 3.0,
        ]),
    ]
}

// ---------------------------------------------------------------------------
// Changes

/// One generated write. Indices pick among the records made so far (modulo
/// how many there are); a change the store refuses is simply not applied.
#[derive(Debug, Clone)]
enum Op {
    Team(String),
    RenameTeam(usize, String),
    ReviewWeek(usize, bool),
    Measure(usize, String, Option<String>, String, Kind, GoalSpec),
    EditMeasure(
        usize,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<GoalSpec>,
    ),
    ArchiveMeasure(usize, bool),
    MoveMeasure(usize, u32),
    Reading(usize, i64, f64, Option<String>),
    Action(usize, String, Option<String>, Option<i64>, ActionSource),
    ActionState(usize, ActionState),
    OffTrack(
        usize,
        Option<usize>,
        String,
        Option<String>,
        String,
        String,
        i64,
    ),
    OffTrackState(usize, ItemState),
    EditOffTrack(
        usize,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
    ),
    Dependency(
        Side,
        Side,
        String,
        Option<String>,
        Option<i64>,
        DepStatus,
        Option<String>,
    ),
    UpdateDependency(
        usize,
        Option<DepStatus>,
        Option<i64>,
        Option<String>,
        Option<String>,
    ),
    Decision(
        usize,
        String,
        String,
        Vec<String>,
        String,
        Option<String>,
        Lane,
        bool,
    ),
    Decide(
        usize,
        String,
        Option<String>,
        Option<String>,
        Option<Vec<String>>,
    ),
    Supersede(usize, usize),
    Meeting(
        usize,
        MeetingKind,
        i64,
        bool,
        Vec<(String, u32, u32)>,
        Vec<String>,
        Option<u8>,
    ),
    Start(usize, MeetingKind, i64),
    Clock(usize, u32, Vec<u32>),
    Rate(usize, u8),
    End(usize, String),
    /// A brief line: its team (`None`, the whole database's), the day its
    /// quarter holds, kind, text, detail, integrator, measure, and the
    /// objective a measure line shows (whose brief it then joins).
    Brief(
        Option<usize>,
        i64,
        BriefKind,
        String,
        String,
        Option<String>,
        usize,
        Option<usize>,
    ),
    EditBrief(usize, Option<String>, Option<String>, Option<String>),
    DropBrief(usize),
    /// A trigger rule on a measure: its comparison (0 to 5: <, <=, >, >=,
    /// outside, within), its value (or the range's low end), the run and
    /// whether it counts months, and the response.
    Trigger(usize, u8, f64, u32, bool, String),
    DropTrigger(usize),
    /// A measure's monthly roll-up.
    Rollup(usize, Rollup),
    /// An initiative: team, start day, months after it to its end (none:
    /// no end), title, owner, the brief line it serves.
    Initiative(
        usize,
        i64,
        Option<u8>,
        String,
        Option<String>,
        Option<usize>,
    ),
    Assign(usize, String, u8),
    Milestone(usize, String, Option<String>, i64, Phase),
    MoveMilestone(usize, Phase),
    MilestoneState(usize, PlanState, Option<String>),
    InitiativeState(usize, PlanState, Option<String>),
    LinkDecision(usize, usize),
    Flex(usize, u8),
    Draw(usize, String, i64),
    PostMortem(usize, String, String, String),
    /// A measure, action, off-track item or decision serving a brief line
    /// (or none).
    Serve(Serving, usize, Option<usize>),
}

#[derive(Debug, Clone)]
enum Side {
    Team(usize),
    Outside(String),
}

#[derive(Debug, Clone, Copy)]
enum GoalSpec {
    Higher(f64, f64),
    Lower(f64, f64),
    Range(f64, f64, f64),
}

impl GoalSpec {
    fn goal(self) -> Option<Goal> {
        match self {
            GoalSpec::Higher(t, tol) => Goal::new(Direction::Higher, Some(t), None, tol).ok(),
            GoalSpec::Lower(t, tol) => Goal::new(Direction::Lower, Some(t), None, tol).ok(),
            GoalSpec::Range(low, width, tol) => {
                Goal::new(Direction::Range, None, Some((low, low + width)), tol).ok()
            }
        }
    }
}

fn goal() -> impl Strategy<Value = GoalSpec> {
    let tolerance = prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0f64];
    prop_oneof![
        (value(), tolerance.clone()).prop_map(|(t, tol)| GoalSpec::Higher(t, tol)),
        (value(), tolerance.clone()).prop_map(|(t, tol)| GoalSpec::Lower(t, tol)),
        (-1e6..1e6f64, 0.001..1e3f64, tolerance).prop_map(|(l, w, tol)| GoalSpec::Range(l, w, tol)),
    ]
}

fn side() -> impl Strategy<Value = Side> {
    prop_oneof![
        2 => any::<usize>().prop_map(Side::Team),
        1 => name().prop_map(Side::Outside),
    ]
}

fn day() -> impl Strategy<Value = i64> {
    -3000..3000i64
}

fn measure() -> impl Strategy<Value = Op> {
    (
        any::<usize>(),
        name(),
        owner(),
        joined(NAMES, 0..2),
        prop::sample::select(Kind::ALL),
        goal(),
    )
        .prop_map(|(t, n, o, u, k, g)| Op::Measure(t, n, o, u, k, g))
}

/// A few teams and measures first, so that most later changes find
/// something to point at; then anything.
fn ops() -> impl Strategy<Value = Vec<Op>> {
    (
        prop::collection::vec(name().prop_map(Op::Team), 1..4),
        prop::collection::vec(measure(), 0..5),
        prop::collection::vec(op(), 0..60),
    )
        .prop_map(|(teams, measures, rest)| [teams, measures, rest].concat())
}

fn op() -> impl Strategy<Value = Op> {
    let i = || any::<usize>();
    prop_oneof![
        3 => name().prop_map(Op::Team),
        1 => (i(), name()).prop_map(|(t, n)| Op::RenameTeam(t, n)),
        1 => (i(), any::<bool>()).prop_map(|(t, p)| Op::ReviewWeek(t, p)),
        4 => measure(),
        1 => (i(), prop::option::of(name()), owner(), prop::option::of(joined(NAMES, 0..2)), prop::option::of(goal()))
            .prop_map(|(m, n, o, u, g)| Op::EditMeasure(m, n, o, u, g)),
        1 => (i(), any::<bool>()).prop_map(|(m, a)| Op::ArchiveMeasure(m, a)),
        1 => (i(), 0..6u32).prop_map(|(m, p)| Op::MoveMeasure(m, p)),
        8 => (i(), day(), value(), prop::option::of(text())).prop_map(|(m, d, v, n)| Op::Reading(m, d, v, n)),
        3 => (i(), title(), owner(), prop::option::of(day()), prop::sample::select(ActionSource::ALL))
            .prop_map(|(t, ti, o, d, s)| Op::Action(t, ti, o, d, s)),
        1 => (i(), prop::sample::select(ActionState::ALL)).prop_map(|(a, s)| Op::ActionState(a, s)),
        3 => (i(), prop::option::of(i()), title(), owner(), text(), text(), day())
            .prop_map(|(t, m, ti, o, w, c, d)| Op::OffTrack(t, m, ti, o, w, c, d)),
        1 => (i(), prop::sample::select(ItemState::ALL)).prop_map(|(o, s)| Op::OffTrackState(o, s)),
        1 => (i(), prop::option::of(title()), owner(), prop::option::of(text()), prop::option::of(day()))
            .prop_map(|(o, t, ow, w, d)| Op::EditOffTrack(o, t, ow, w, d)),
        2 => (side(), side(), title(), owner(), prop::option::of(day()), prop::sample::select(DepStatus::ALL), prop::option::of(text()))
            .prop_map(|(n, p, w, o, d, s, note)| Op::Dependency(n, p, w, o, d, s, note)),
        1 => (i(), prop::option::of(prop::sample::select(DepStatus::ALL)), prop::option::of(day()), owner(), prop::option::of(text()))
            .prop_map(|(d, s, by, o, n)| Op::UpdateDependency(d, s, by, o, n)),
        3 => (i(), title(), text(), prop::collection::vec(text(), 0..3), text(), owner(), prop::sample::select(Lane::ALL), any::<bool>())
            .prop_map(|(t, ti, c, opts, ch, o, l, m)| Op::Decision(t, ti, c, opts, ch, o, l, m)),
        1 => (i(), text(), owner(), prop::option::of(text()), prop::option::of(prop::collection::vec(text(), 0..3)))
            .prop_map(|(d, ch, o, c, opts)| Op::Decide(d, ch, o, c, opts)),
        1 => (i(), i()).prop_map(|(a, b)| Op::Supersede(a, b)),
        2 => (i(), prop::sample::select(MeetingKind::ALL), day(), any::<bool>(),
              prop::collection::vec((title(), 0..120u32, 0..100_000u32), 0..6),
              prop::collection::vec(name(), 0..4), prop::option::of(0..12u8))
            .prop_map(|(t, k, d, e, s, a, r)| Op::Meeting(t, k, d, e, s, a, r)),
        2 => (i(), prop::sample::select(MeetingKind::ALL), day()).prop_map(|(t, k, d)| Op::Start(t, k, d)),
        1 => (i(), 0..8u32, prop::collection::vec(0..10_000u32, 0..7)).prop_map(|(m, c, s)| Op::Clock(m, c, s)),
        1 => (i(), 0..12u8).prop_map(|(m, r)| Op::Rate(m, r)),
        2 => (i(), text()).prop_map(|(m, t)| Op::End(m, t)),
        3 => (prop::option::weighted(0.7, i()), day(), prop::sample::select(BriefKind::ALL), title(), title(), owner(), i(), prop::option::of(i()))
            .prop_map(|(t, d, k, te, de, o, m, ob)| Op::Brief(t, d, k, te, de, o, m, ob)),
        1 => (i(), prop::option::of(title()), prop::option::of(title()), owner())
            .prop_map(|(b, t, d, o)| Op::EditBrief(b, t, d, o)),
        1 => i().prop_map(Op::DropBrief),
        2 => (i(), 0..6u8, -5.0..5.0f64, 1..4u32, any::<bool>(), title())
            .prop_map(|(m, c, v, n, months, r)| Op::Trigger(m, c, v, n, months, r)),
        1 => i().prop_map(Op::DropTrigger),
        1 => (i(), prop::sample::select(Rollup::ALL)).prop_map(|(m, r)| Op::Rollup(m, r)),
        3 => (i(), day(), prop::option::weighted(0.8, 0..4u8), title(), owner(), prop::option::of(i()))
            .prop_map(|(t, d, span, ti, o, sv)| Op::Initiative(t, d, span, ti, o, sv)),
        3 => (i(), name(), 0..=100u8).prop_map(|(x, p, sh)| Op::Assign(x, p, sh)),
        3 => (i(), title(), owner(), day(), prop::sample::select(Phase::ALL))
            .prop_map(|(x, t, o, d, ph)| Op::Milestone(x, t, o, d, ph)),
        1 => (i(), prop::sample::select(Phase::ALL)).prop_map(|(m, ph)| Op::MoveMilestone(m, ph)),
        1 => (i(), prop::sample::select(PlanState::ALL), prop::option::of(text()))
            .prop_map(|(m, st, n)| Op::MilestoneState(m, st, n)),
        1 => (i(), prop::sample::select(PlanState::ALL), prop::option::of(text()))
            .prop_map(|(x, st, n)| Op::InitiativeState(x, st, n)),
        1 => (i(), i()).prop_map(|(m, d)| Op::LinkDecision(m, d)),
        1 => (i(), 0..=50u8).prop_map(|(t, sh)| Op::Flex(t, sh)),
        2 => (i(), title(), day()).prop_map(|(t, w, d)| Op::Draw(t, w, d)),
        1 => (i(), text(), text(), text()).prop_map(|(d, a, b, c)| Op::PostMortem(d, a, b, c)),
        4 => (prop::sample::select(Serving::ALL), i(), prop::option::weighted(0.9, i()))
            .prop_map(|(k, r, l)| Op::Serve(k, r, l)),
    ]
}

/// The records made so far, to point later changes at.
#[derive(Default)]
struct Made {
    teams: Vec<(TeamId, String)>,
    measures: Vec<MeasureId>,
    actions: Vec<ActionId>,
    offtrack: Vec<OffTrackId>,
    dependencies: Vec<DependencyId>,
    decisions: Vec<DecisionId>,
    meetings: Vec<(MeetingId, TeamId, Week)>,
    brief: Vec<BriefItemId>,
    triggers: Vec<TriggerId>,
    /// Objectives, with the brief each is in.
    objectives: Vec<(BriefItemId, Option<TeamId>, Quarter)>,
    initiatives: Vec<InitiativeId>,
    milestones: Vec<MilestoneId>,
    draws: Vec<FlexDrawId>,
}

fn pick<T: Clone>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()].clone())
}

fn date(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(offset)
}

fn week(offset: i64) -> Week {
    Week::containing(date(offset))
}

/// The n-th moment: minutes apart, with odd nanoseconds, so stored
/// timestamps have fractions of every length.
fn moment(n: usize) -> DateTime<Utc> {
    let base = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
    let n = n as i64;
    base + Duration::minutes(n * 7) + Duration::nanoseconds((n * 123_456_789) % 1_000_000_000)
}

/// The change an op stands for, or `None` when it points at nothing yet.
fn change(store: &Store, made: &Made, op: &Op) -> Option<Change> {
    let team = |i: usize| pick(&made.teams, i).map(|(id, _)| id);
    Some(match op.clone() {
        Op::Team(name) => Change::AddTeam { name },
        Op::RenameTeam(t, name) => Change::RenameTeam {
            team: team(t)?,
            name,
        },
        Op::ReviewWeek(t, previous) => Change::SetReviewWeek {
            team: team(t)?,
            review: if previous {
                rhythm::domain::ReviewWeek::Previous
            } else {
                rhythm::domain::ReviewWeek::Current
            },
        },
        Op::Measure(t, name, owner, unit, kind, g) => Change::AddMeasure(NewMeasure {
            rollup: None,
            team: team(t)?,
            name,
            owner,
            unit,
            kind,
            goal: g.goal()?,
        }),
        Op::EditMeasure(m, name, owner, unit, g) => Change::EditMeasure {
            measure: pick(&made.measures, m)?,
            edit: MeasureEdit {
                rollup: None,
                name,
                owner,
                unit,
                kind: None,
                goal: g.and_then(GoalSpec::goal),
            },
        },
        Op::ArchiveMeasure(m, archived) => Change::ArchiveMeasure {
            measure: pick(&made.measures, m)?,
            archived,
        },
        Op::MoveMeasure(m, position) => Change::MoveMeasure {
            measure: pick(&made.measures, m)?,
            position,
        },
        Op::Reading(m, d, value, note) => Change::RecordReading {
            measure: pick(&made.measures, m)?,
            week: week(d),
            value,
            note,
        },
        Op::Action(t, title, owner, due, source) => Change::AddAction(NewAction {
            team: team(t)?,
            title,
            owner,
            due: due.map(date),
            // Only off-track promises and decisions link back (see the promise above).
            source: if source == ActionSource::OffTrack {
                ActionSource::Manual
            } else {
                source
            },
            source_id: None,
        }),
        Op::ActionState(a, state) => Change::SetActionState {
            action: pick(&made.actions, a)?,
            state,
        },
        Op::OffTrack(t, m, title, owner, why, change, d) => Change::AddOffTrack(NewOffTrack {
            team: team(t)?,
            measure: m.and_then(|m| pick(&made.measures, m)),
            title,
            owner,
            why,
            change,
            raised_week: week(d),
        }),
        Op::OffTrackState(o, state) => Change::SetOffTrackState {
            item: pick(&made.offtrack, o)?,
            state,
        },
        // A promise becomes an action item linked to its off-track item,
        // as the meeting screen makes one for a new promised change.
        Op::EditOffTrack(o, _, owner, why, Some(due)) => {
            let item = pick(&made.offtrack, o)?;
            let team = store.offtrack_item(item).ok().flatten()?.team_id;
            Change::AddAction(NewAction {
                team,
                title: why.filter(|w| !w.trim().is_empty())?,
                owner,
                due: Some(date(due)),
                source: ActionSource::OffTrack,
                source_id: Some(rhythm::domain::change::RowRef::Id(item.0)),
            })
        }
        Op::EditOffTrack(o, title, owner, why, None) => Change::EditOffTrack {
            item: pick(&made.offtrack, o)?,
            title,
            owner,
            change: why.clone(),
            why,
        },
        Op::Dependency(needing, providing, what, owner, by, status, note) => {
            let side = |s: Side| match s {
                Side::Team(i) => team(i).map(|t| TeamSide {
                    team: Some(t),
                    name: String::new(),
                }),
                Side::Outside(name) => Some(TeamSide { team: None, name }),
            };
            Change::AddDependency(NewDependency {
                needing: side(needing)?,
                providing: side(providing)?,
                what,
                owner,
                needed_by: by.map(date),
                status,
                note,
            })
        }
        Op::UpdateDependency(d, status, by, owner, note) => Change::UpdateDependency {
            dependency: pick(&made.dependencies, d)?,
            status,
            needed_by: by.map(date),
            owner,
            note,
        },
        Op::Decision(t, title, context, options, chosen, owner, lane, made) => {
            Change::AddDecision(NewDecision {
                team: team(t)?,
                title,
                context,
                options,
                chosen,
                owner,
                lane,
                made,
                due: None,
            })
        }
        Op::Decide(d, chosen, owner, context, options) => Change::Decide {
            decision: pick(&made.decisions, d)?,
            chosen,
            owner,
            context,
            options,
        },
        Op::Supersede(a, b) => Change::Supersede {
            old: pick(&made.decisions, a)?,
            new: pick(&made.decisions, b)?,
        },
        Op::Meeting(t, kind, d, ended, sections, attendees, rating) => {
            let (team, team_name) = pick(&made.teams, t)?;
            let w = week(d);
            let started_at = Utc.from_utc_datetime(&w.monday().and_hms_opt(10, 0, 0)?);
            Change::AddMeeting(NewMeeting {
                team,
                kind,
                week: w,
                started_at,
                ended_at: ended.then(|| started_at + Duration::seconds(3_725)),
                current_section: sections.len().saturating_sub(1) as u32,
                sections: sections
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, minutes, seconds_spent))| MeetingSection {
                        kind: rhythm::domain::agenda::kind_at(kind, i),
                        name,
                        minutes,
                        seconds_spent,
                    })
                    .collect(),
                attendees,
                rating,
                snapshot: ended.then(|| snapshot(store, team, &team_name, w)),
                health: Default::default(),
            })
        }
        Op::Start(t, kind, d) => Change::StartMeeting {
            team: team(t)?,
            kind,
            week: week(d),
        },
        Op::Clock(m, current_section, seconds) => Change::SaveMeetingClock {
            meeting: pick(&made.meetings, m)?.0,
            current_section,
            seconds,
        },
        Op::Rate(m, rating) => Change::RateMeeting {
            meeting: pick(&made.meetings, m)?.0,
            rating,
        },
        Op::Brief(t, d, kind, text, detail, integrator, m, objective) => {
            brief_line(made, t, d, kind, text, detail, integrator, m, objective)?
        }
        Op::EditBrief(b, text, detail, integrator) => Change::EditBriefItem {
            item: pick(&made.brief, b)?,
            edit: BriefEdit {
                text,
                detail,
                integrator,
            },
        },
        Op::DropBrief(b) => Change::DropBriefItem {
            item: pick(&made.brief, b)?,
        },
        Op::Trigger(m, c, v, periods, months, response) => {
            let condition = match c {
                0 => Condition::Below { value: v },
                1 => Condition::AtMost { value: v },
                2 => Condition::Above { value: v },
                3 => Condition::AtLeast { value: v },
                4 => Condition::Outside {
                    low: v,
                    high: v + 1.0,
                },
                _ => Condition::Within {
                    low: v,
                    high: v + 1.0,
                },
            };
            let rule = Rule {
                measure: "M".into(),
                condition,
                periods,
                period: if months {
                    Period::Months
                } else {
                    Period::Weeks
                },
            };
            Change::AddTrigger(NewTrigger {
                measure: pick(&made.measures, m)?,
                typed: rule.to_string(),
                rule,
                response,
            })
        }
        Op::DropTrigger(t) => Change::DropTrigger {
            trigger: pick(&made.triggers, t)?,
        },
        Op::Rollup(m, rollup) => Change::EditMeasure {
            measure: pick(&made.measures, m)?,
            edit: MeasureEdit {
                rollup: Some(rollup),
                ..MeasureEdit::default()
            },
        },
        Op::Initiative(t, d, span, title, owner, serves) => {
            let start = Month::containing(date(d));
            Change::AddInitiative(NewInitiative {
                team: pick(&made.teams, t)?.0,
                title,
                owner,
                serves: serves.and_then(|b| pick(&made.brief, b)),
                start,
                end: span.map(|n| start.plus(i32::from(n))),
            })
        }
        Op::Assign(x, person, share) => Change::AssignPerson {
            initiative: pick(&made.initiatives, x)?,
            person,
            share,
        },
        Op::Milestone(x, title, owner, d, phase) => Change::AddMilestone(NewMilestone {
            initiative: pick(&made.initiatives, x)?,
            title,
            owner,
            month: Month::containing(date(d)),
            phase,
        }),
        Op::MoveMilestone(m, phase) => Change::MoveMilestone {
            milestone: pick(&made.milestones, m)?,
            phase,
        },
        Op::MilestoneState(m, state, note) => Change::SetMilestoneState {
            milestone: pick(&made.milestones, m)?,
            state,
            note,
        },
        Op::InitiativeState(x, state, note) => Change::SetInitiativeState {
            initiative: pick(&made.initiatives, x)?,
            state,
            note,
        },
        Op::LinkDecision(m, d) => Change::LinkMilestoneDecision {
            milestone: pick(&made.milestones, m)?,
            decision: rhythm::domain::change::RowRef::Id(pick(&made.decisions, d)?.0),
        },
        Op::Serve(kind, r, line) => Change::Serve {
            kind,
            record: rhythm::domain::change::RowRef::Id(match kind {
                Serving::Measure => pick(&made.measures, r)?.0,
                Serving::Action => pick(&made.actions, r)?.0,
                Serving::OffTrack => pick(&made.offtrack, r)?.0,
                Serving::Decision => pick(&made.decisions, r)?.0,
            }),
            line: match line {
                Some(l) => Some(pick(&made.brief, l)?),
                None => None,
            },
        },
        Op::Flex(t, share) => Change::SetFlexShare {
            team: pick(&made.teams, t)?.0,
            share,
        },
        Op::Draw(t, why, d) => Change::DrawFlex(NewFlexDraw {
            team: pick(&made.teams, t)?.0,
            why,
            on: date(d),
        }),
        Op::PostMortem(d, what, factors, change) => Change::WritePostMortem {
            draw: pick(&made.draws, d)?,
            post_mortem: PostMortem {
                what,
                factors,
                change,
            },
        },
        Op::End(m, minutes) => {
            let (meeting, team, w) = pick(&made.meetings, m)?;
            let name = made.teams.iter().find(|(t, _)| *t == team)?.1.clone();
            Change::EndMeeting {
                meeting,
                snapshot: Box::new(snapshot(store, team, &name, w)),
                minutes,
                commitments: (1, 3),
            }
        }
    })
}

/// A new brief line holding what its kind may, so that most are taken: a
/// measure line names a measure (and joins its objective's brief), an
/// objective its integrator, a choice or exclusion its detail.
#[allow(clippy::too_many_arguments)]
fn brief_line(
    made: &Made,
    t: Option<usize>,
    d: i64,
    kind: BriefKind,
    text: String,
    detail: String,
    integrator: Option<String>,
    m: usize,
    objective: Option<usize>,
) -> Option<Change> {
    let mut item = NewBriefItem {
        team: match t {
            Some(t) => Some(pick(&made.teams, t)?.0),
            None => None,
        },
        quarter: Quarter::containing(date(d)),
        kind,
        text,
        detail,
        integrator: None,
        measure: None,
        objective: None,
    };
    match kind {
        BriefKind::Measure => {
            item.text.clear();
            item.detail.clear();
            item.measure = Some(pick(&made.measures, m)?);
            if let Some((id, team, quarter)) = objective.and_then(|o| pick(&made.objectives, o)) {
                (item.objective, item.team, item.quarter) = (Some(id), team, quarter);
            }
        }
        BriefKind::Objective => {
            item.detail.clear();
            item.integrator = integrator;
        }
        BriefKind::Choice | BriefKind::Exclusion => {}
    }
    Some(Change::AddBriefItem(item))
}

fn snapshot(store: &Store, team: TeamId, name: &str, w: Week) -> scorecard::Scorecard {
    let measures = store.measures(team, false).unwrap();
    let readings = store.readings(team, w.offset(-3), w).unwrap();
    scorecard::build(name, &measures, &readings, w, 4)
}

/// A store holding what `ops` could make; returns it with how many changes
/// the store took.
fn build(ops: &[Op]) -> (Store, usize) {
    let mut store = Store::open_in_memory().unwrap();
    let mut made = Made::default();
    let mut applied = 0;
    for (n, op) in ops.iter().enumerate() {
        let now = moment(n);
        let Some(change) = change(&store, &made, op) else {
            continue;
        };
        let done = match store.apply(std::slice::from_ref(&change), &origin(), now) {
            Ok(done) => done,
            Err(e) => {
                if std::env::var_os("RHYTHM_SHOW_REFUSED").is_some() {
                    eprintln!("op {n} refused: {e}");
                }
                continue;
            }
        };
        applied += 1;
        let id = done.id;
        match &change {
            Change::AddTeam { .. } | Change::RenameTeam { .. } => {
                made.teams = store
                    .teams()
                    .unwrap()
                    .into_iter()
                    .map(|t| (t.id, t.name))
                    .collect();
            }
            Change::AddMeasure(_) => made.measures.push(MeasureId(id)),
            Change::AddTrigger(_) => made.triggers.push(TriggerId(id)),
            Change::AddAction(_) => made.actions.push(ActionId(id)),
            Change::AddOffTrack(_) => made.offtrack.push(OffTrackId(id)),
            Change::AddDependency(_) => made.dependencies.push(DependencyId(id)),
            Change::AddDecision(_) => made.decisions.push(DecisionId(id)),
            Change::AddMeeting(m) => made.meetings.push((MeetingId(id), m.team, m.week)),
            Change::StartMeeting { team, week, .. } => {
                made.meetings.push((MeetingId(id), *team, *week));
            }
            Change::AddBriefItem(b) => {
                made.brief.push(BriefItemId(id));
                if b.kind == BriefKind::Objective {
                    made.objectives.push((BriefItemId(id), b.team, b.quarter));
                }
            }
            Change::AddInitiative(_) => made.initiatives.push(InitiativeId(id)),
            Change::AddMilestone(_) => made.milestones.push(MilestoneId(id)),
            Change::DrawFlex(_) => made.draws.push(FlexDrawId(id)),
            _ => {}
        }
    }
    (store, applied)
}

// ---------------------------------------------------------------------------
// The round trip

fn origin() -> rhythm::domain::Origin {
    rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli)
}

fn text_of(archive: &Archive) -> String {
    let mut text = serde_json::to_string_pretty(archive).unwrap();
    text.push('\n');
    text
}

fn import(store: &mut Store, archive: &Archive, merge: bool) -> ImportReport {
    let mut written = 0;
    let report = store
        .apply_batch(
            &origin(),
            moment(10_000),
            rhythm::storage::Images::Keys,
            |w| w.import(archive, merge, &mut |n| written += n),
        )
        .unwrap_or_else(|e| panic!("import failed: {e}"));
    assert_eq!(written, archive.len(), "progress counted every record");
    report
}

/// The whole property for one store.
fn assert_round_trip(a: &Store) {
    let first = a.export(None).unwrap();
    let first_text = text_of(&first);
    first.validate().unwrap();

    // What `rhythm import` reads is the text, not the value.
    let parsed: Archive = serde_json::from_str(&first_text).unwrap();
    assert_eq!(
        parsed, first,
        "the JSON text reads back as the same archive"
    );

    let mut b = Store::open_in_memory().unwrap();
    let report = import(&mut b, &parsed, false);
    assert_eq!(report.conflicts, Vec::<String>::new());
    assert_eq!(report.added.values().sum::<usize>(), first.len());

    let second = b.export(None).unwrap();
    assert_eq!(second, first, "export → import → export changed a value");
    assert_eq!(text_of(&second), first_text, "the bytes differ");
    assert_eq!(
        common::digest_store(&b),
        common::digest_store(a),
        "the store reads differ"
    );

    // Merging the same export again finds every record here, unchanged.
    let again = import(&mut b, &parsed, true);
    assert_eq!(
        (again.added.len(), again.unchanged, again.conflicts.len()),
        (0, first.len(), 0),
        "{again:?}"
    );
    assert_eq!(text_of(&b.export(None).unwrap()), first_text);

    // Each team alone round-trips too, and merges into the full copy as
    // nothing new.
    for team in a.teams().unwrap() {
        let one = a.export(Some(team.id)).unwrap();
        one.validate().unwrap();
        let mut c = Store::open_in_memory().unwrap();
        import(&mut c, &one, false);
        assert_eq!(text_of(&c.export(None).unwrap()), text_of(&one));
        let merged = import(&mut b, &one, true);
        assert_eq!(
            (merged.added.len(), merged.conflicts.len()),
            (0, 0),
            "{merged:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_the_identity(ops in ops()) {
        let (store, _) = build(&ops);
        assert_round_trip(&store);
    }
}

// ---------------------------------------------------------------------------
// Fixed cases, so the worst text is always covered whatever the seed

#[test]
fn every_kind_of_record_with_the_worst_text_round_trips() {
    let long = |s: &str| s.repeat(10_000 / s.chars().count() + 1);
    // A title may be as long as any change allows, and no longer.
    let longest_title = |s: &str| -> String {
        s.chars()
            .cycle()
            .take(rhythm::domain::change::TITLE_MAX)
            .collect()
    };
    let every: String = HOSTILE.concat();
    let titles: String = format!("{every}\t{}", TITLE_ONLY.concat())
        .chars()
        .take(rhythm::domain::change::TITLE_MAX)
        .collect();
    let notes = format!("{titles}{}", TEXT_EXTRA.concat());
    let goal = GoalSpec::Range(-0.5, 1e-3, 1.0);
    let ops = vec![
        Op::Team("Équipe 🚀".into()),
        Op::Team("équipe 🚀 2".into()),
        Op::Team("\u{212A}elvin".into()),
        Op::Team("kelvin 2".into()),
        Op::Team(every.chars().take(200).collect()),
        Op::Measure(
            0,
            "Straße".into(),
            Some("İlkay".into()),
            "€/h".into(),
            Kind::Leading,
            goal,
        ),
        Op::Measure(
            0,
            "STRASSE 2".into(),
            Some("ilkay".into()),
            "\"".into(),
            Kind::Lagging,
            GoalSpec::Higher(f64::MAX, 0.0),
        ),
        Op::Measure(
            1,
            "Straße".into(),
            Some("Ilkay".into()),
            String::new(),
            Kind::Lagging,
            GoalSpec::Lower(5e-324, 0.05),
        ),
        Op::Reading(0, 0, -0.0, Some(long(&notes))),
        Op::Reading(1, 0, 0.1 + 0.2, Some(notes.clone())),
        Op::Reading(2, -7, f64::MIN, Some(String::new())),
        Op::OffTrack(
            0,
            Some(0),
            titles.clone(),
            Some("Ünal".into()),
            long(&notes),
            notes.clone(),
            0,
        ),
        Op::EditOffTrack(
            0,
            Some(longest_title(&titles)),
            Some("ünal".into()),
            // The promised change becomes an action: a title, so no longer.
            Some(longest_title("\\\"")),
            Some(30),
        ),
        Op::Action(
            1,
            titles.clone(),
            Some("שלום".into()),
            Some(3),
            ActionSource::Meeting,
        ),
        Op::ActionState(0, ActionState::Done),
        Op::Dependency(
            Side::Team(0),
            Side::Outside("مرحبا بالعالم".into()),
            titles.clone(),
            None,
            Some(9),
            DepStatus::Blocked,
            Some(long(&notes)),
        ),
        Op::Dependency(
            Side::Outside("\u{202E}Legal\u{202C}".into()),
            Side::Team(2),
            "x".into(),
            Some("Bo".into()),
            None,
            DepStatus::AtRisk,
            None,
        ),
        Op::Decision(
            0,
            titles.clone(),
            long(&notes),
            vec![notes.clone(), String::new()],
            notes.clone(),
            None,
            Lane::Guardrail,
            true,
        ),
        Op::Decision(
            0,
            "Later".into(),
            String::new(),
            Vec::new(),
            String::new(),
            Some("\u{200F}Ana".into()),
            Lane::Commitment,
            false,
        ),
        Op::Start(0, MeetingKind::Weekly, 0),
        Op::Clock(0, 2, vec![1, 2, 3, 4, 5]),
        Op::Rate(0, 10),
        Op::Decide(
            1,
            long(&notes),
            Some("Kim".into()),
            Some(notes.clone()),
            Some(vec![titles.clone()]),
        ),
        Op::Supersede(0, 1),
        Op::End(0, long(&notes)),
        Op::Brief(
            Some(0),
            300,
            BriefKind::Choice,
            titles.clone(),
            titles.clone(),
            None,
            0,
            None,
        ),
        Op::Brief(
            Some(0),
            300,
            BriefKind::Objective,
            longest_title(&every),
            String::new(),
            Some("İlkay".into()),
            0,
            None,
        ),
        Op::Brief(
            Some(0),
            300,
            BriefKind::Exclusion,
            "No \"Germany\" \\ 🇺🇦".into(),
            longest_title("\u{202E}\t"),
            None,
            0,
            None,
        ),
        Op::Brief(
            Some(0),
            300,
            BriefKind::Measure,
            String::new(),
            String::new(),
            None,
            0,
            Some(0),
        ),
        Op::Brief(
            None,
            300,
            BriefKind::Choice,
            every.chars().take(200).collect(),
            String::new(),
            None,
            0,
            None,
        ),
        Op::Brief(
            None,
            300,
            BriefKind::Measure,
            String::new(),
            String::new(),
            None,
            2,
            None,
        ),
        Op::EditBrief(2, None, Some(titles.clone()), None),
        // Rules on the measure with the worst readings: one that fires
        // on them, one by month on a chosen roll-up, one dropped.
        Op::Trigger(0, 2, -1e300, 1, false, titles.clone()),
        Op::Rollup(0, Rollup::Sum),
        Op::Trigger(0, 4, 0.0, 1, true, longest_title("\u{202E}\t")),
        Op::Trigger(1, 0, 0.5, 2, false, "Call \"them\" \\ 🇺🇦".into()),
        Op::DropTrigger(2),
        Op::Meeting(
            1,
            MeetingKind::Quarterly,
            -90,
            true,
            vec![(titles.clone(), 0, u32::MAX)],
            vec!["Ana".into(), "ANA".into(), "👩‍👩‍👧‍👦".into()],
            Some(1),
        ),
        Op::Initiative(
            0,
            300,
            Some(2),
            every.chars().take(200).collect(),
            Some("İlkay".into()),
            Some(1),
        ),
        Op::Initiative(
            0,
            280,
            None,
            "Partners \"first\" \\ 🇺🇦".into(),
            None,
            Some(4),
        ),
        Op::Assign(0, "Zoë \"Z\" O’Brien".into(), 100),
        Op::Assign(0, "ANA".into(), 1),
        Op::Assign(1, "ana".into(), 60),
        Op::Milestone(
            0,
            "Pick \u{202E}vendor".into(),
            Some("👩‍👩‍👧‍👦".into()),
            310,
            Phase::Decide,
        ),
        Op::Milestone(0, "Build".into(), None, 340, Phase::Build),
        Op::Milestone(1, "Launch".into(), None, 360, Phase::Launch),
        Op::MoveMilestone(1, Phase::Launch),
        Op::MilestoneState(1, PlanState::Done, None),
        Op::MilestoneState(2, PlanState::Closed, Some(long(&titles))),
        Op::InitiativeState(1, PlanState::Closed, Some(titles.clone())),
        Op::Flex(0, 15),
        Op::Draw(0, titles.clone(), 305),
        Op::Draw(0, "Audit".into(), 306),
        Op::PostMortem(0, long(&titles), titles.clone(), "Two regions 🚀".into()),
        // Every kind of work serving the whole database's choice; one
        // link made and taken back.
        Op::Serve(Serving::Measure, 0, Some(4)),
        Op::Serve(Serving::Action, 0, Some(4)),
        Op::Serve(Serving::OffTrack, 0, Some(4)),
        Op::Serve(Serving::Decision, 0, Some(4)),
        Op::Serve(Serving::Decision, 1, Some(4)),
        Op::Serve(Serving::Decision, 1, None),
    ];
    let (store, applied) = build(&ops);
    assert_eq!(applied, ops.len(), "the store refused a change");
    let archive = store.export(None).unwrap();
    assert_eq!(archive.teams.len(), 5, "{:?}", archive.teams);
    assert_eq!(archive.brief.len(), 6, "{:?}", archive.brief);
    assert_eq!(archive.triggers.len(), 2, "{:?}", archive.triggers);
    assert!(
        archive.triggers.iter().any(|t| !t.episodes.is_empty()),
        "{:?}",
        archive.triggers
    );
    let plan = &archive.plan;
    assert_eq!(
        (
            plan.initiatives.len(),
            plan.milestones.len(),
            plan.flex_draws.len()
        ),
        (2, 3, 2)
    );
    assert_eq!(plan.initiatives[0].people.len(), 2, "ANA is Ana");
    let kinds: Vec<&str> = archive.links.iter().map(|l| l.kind.as_str()).collect();
    assert_eq!(kinds, ["measure", "action", "offtrack", "decision"]);
    assert!(
        archive
            .readings
            .iter()
            .any(|r| r.note.as_ref().is_some_and(|n| n.chars().count() > 10_000))
    );
    assert_round_trip(&store);
}
