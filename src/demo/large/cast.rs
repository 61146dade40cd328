//! The large demo's cast: team areas, people's names, the measures teams
//! really track, and the words its follow-ups are made of. Plain lists; the
//! generator picks from them by index, so the same index is the same name.

use crate::domain::{Direction, Kind};

/// What teams are named after: "Team 07 Growth".
pub const AREAS: &[&str] = &[
    "Growth",
    "Platform",
    "Payments",
    "Mobile",
    "Data",
    "Support",
    "Search",
    "Billing",
    "Identity",
    "Infrastructure",
    "Onboarding",
    "Marketplace",
    "Security",
    "Analytics",
    "Checkout",
    "Notifications",
    "Partnerships",
    "Design Systems",
    "Reliability",
    "Pricing",
];

pub const FIRST_NAMES: &[&str] = &[
    "Ana", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mo", "Nia",
    "Omar", "Pia", "Quin", "Ravi", "Sol", "Tess", "Uma", "Vic", "Wen", "Xavi", "Yara", "Zeb",
    "Amir", "Bea", "Chen", "Dara", "Emil", "Fern", "Gia", "Hugo", "Isla", "Joss", "Kim", "Luca",
    "Maya", "Noor",
];

pub const LAST_NAMES: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Haddad",
    "Novak",
    "Reyes",
    "Olsen",
    "Kaur",
    "Brennan",
    "Costa",
    "Ivanova",
    "Mensah",
    "Schmidt",
    "Ferreira",
    "Nakamura",
    "Osei",
    "Popescu",
    "Quinn",
    "Rossi",
    "Sato",
    "Tran",
    "Urban",
    "Varga",
    "Weber",
    "Yilmaz",
    "Zhou",
    "Abara",
    "Berg",
    "Dubois",
];

/// The `n`th person of the whole demo. Unique for the first
/// `FIRST_NAMES.len() * LAST_NAMES.len()` people (7·40+1 is prime to 30, so
/// each first name meets every last name once); past that a name repeats,
/// which only makes one person own things in two teams.
pub fn person(n: usize) -> String {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let round = n / FIRST_NAMES.len();
    let last = LAST_NAMES[(7 * n + round) % LAST_NAMES.len()];
    format!("{first} {last}")
}

/// A measure a team might track, and how its weekly value behaves.
pub struct MeasureDef {
    pub name: &'static str,
    pub unit: &'static str,
    pub kind: Kind,
    pub direction: Direction,
    /// The target, or the band's (low, high) for `Direction::Range`.
    pub target: f64,
    pub high: f64,
    pub tolerance: f64,
    /// Where the value usually sits, and how far it swings around that.
    pub typical: f64,
    pub swing: f64,
    pub decimals: i32,
}

const fn def(
    name: &'static str,
    unit: &'static str,
    kind: Kind,
    direction: Direction,
    goal: (f64, f64, f64),
    value: (f64, f64, i32),
) -> MeasureDef {
    MeasureDef {
        name,
        unit,
        kind,
        direction,
        target: goal.0,
        high: goal.1,
        tolerance: goal.2,
        typical: value.0,
        swing: value.1,
        decimals: value.2,
    }
}

use Direction::{Higher, Lower, Range};
use Kind::{Lagging, Leading};

/// Goals are (target or band low, band high or 0, tolerance); values are
/// (typical, swing, decimals).
pub const MEASURES: &[MeasureDef] = &[
    def(
        "Net revenue retention",
        "%",
        Lagging,
        Higher,
        (110.0, 0.0, 0.05),
        (111.0, 3.0, 1),
    ),
    def(
        "Weekly active users",
        "k",
        Leading,
        Higher,
        (120.0, 0.0, 0.1),
        (124.0, 7.0, 1),
    ),
    def(
        "Trial-to-paid conversion",
        "%",
        Lagging,
        Higher,
        (18.0, 0.0, 0.1),
        (18.6, 1.2, 1),
    ),
    def(
        "Customer churn",
        "%",
        Lagging,
        Lower,
        (2.0, 0.0, 0.15),
        (1.9, 0.25, 2),
    ),
    def(
        "Net promoter score",
        "pts",
        Lagging,
        Higher,
        (40.0, 0.0, 0.15),
        (42.0, 5.0, 0),
    ),
    def(
        "p95 API latency",
        "ms",
        Leading,
        Lower,
        (300.0, 0.0, 0.1),
        (288.0, 25.0, 0),
    ),
    def(
        "Uptime",
        "%",
        Lagging,
        Higher,
        (99.9, 0.0, 0.001),
        (99.93, 0.06, 2),
    ),
    def(
        "Deploys per week",
        "",
        Leading,
        Higher,
        (25.0, 0.0, 0.2),
        (27.0, 5.0, 0),
    ),
    def(
        "Change failure rate",
        "%",
        Lagging,
        Lower,
        (10.0, 0.0, 0.2),
        (9.0, 2.0, 1),
    ),
    def(
        "Mean time to restore",
        "h",
        Lagging,
        Lower,
        (4.0, 0.0, 0.25),
        (3.6, 1.0, 1),
    ),
    def(
        "Support first response",
        "h",
        Leading,
        Lower,
        (2.0, 0.0, 0.25),
        (1.8, 0.4, 1),
    ),
    def(
        "Customer satisfaction",
        "%",
        Lagging,
        Higher,
        (90.0, 0.0, 0.05),
        (91.0, 2.5, 1),
    ),
    def(
        "Pipeline coverage",
        "x",
        Leading,
        Range,
        (3.0, 5.0, 0.1),
        (4.0, 0.8, 1),
    ),
    def(
        "Sprint predictability",
        "%",
        Leading,
        Range,
        (80.0, 95.0, 0.05),
        (88.0, 6.0, 0),
    ),
    def(
        "Gross margin",
        "%",
        Lagging,
        Higher,
        (72.0, 0.0, 0.03),
        (73.0, 1.5, 1),
    ),
    def(
        "New MRR",
        "k€",
        Lagging,
        Higher,
        (85.0, 0.0, 0.1),
        (88.0, 9.0, 0),
    ),
    def(
        "Activation in first 30 days",
        "%",
        Leading,
        Higher,
        (40.0, 0.0, 0.1),
        (41.0, 3.0, 0),
    ),
    def(
        "Open P1/P2 bugs",
        "",
        Leading,
        Lower,
        (15.0, 0.0, 0.3),
        (13.0, 4.0, 0),
    ),
    def(
        "Cloud cost per customer",
        "€",
        Lagging,
        Lower,
        (4.5, 0.0, 0.1),
        (4.4, 0.3, 2),
    ),
    def(
        "Onsite interviews",
        "",
        Leading,
        Higher,
        (6.0, 0.0, 0.3),
        (6.5, 2.0, 0),
    ),
    def(
        "Employee engagement",
        "pts",
        Lagging,
        Range,
        (70.0, 90.0, 0.05),
        (78.0, 4.0, 0),
    ),
    def(
        "On-time delivery",
        "%",
        Lagging,
        Higher,
        (95.0, 0.0, 0.03),
        (95.5, 2.0, 1),
    ),
    def(
        "Cycle time",
        "days",
        Leading,
        Lower,
        (5.0, 0.0, 0.2),
        (4.7, 0.9, 1),
    ),
    def(
        "Test coverage",
        "%",
        Leading,
        Range,
        (75.0, 90.0, 0.05),
        (81.0, 3.0, 0),
    ),
];

pub const READING_NOTES: &[&str] = &[
    "Holiday week",
    "Data arrived late; provisional",
    "Launch week",
    "Incident on Tuesday",
    "Pricing change took effect",
    "Tracking fixed: earlier weeks undercounted",
    "Half the team at the offsite",
];

pub const ACTION_VERBS: &[&str] = &[
    "Draft",
    "Review",
    "Ship",
    "Schedule",
    "Follow up on",
    "Write up",
    "Fix",
    "Share",
    "Prepare",
    "Close out",
    "Audit",
    "Agree",
];

pub const ACTION_OBJECTS: &[&str] = &[
    "the pricing page copy",
    "the onboarding email sequence",
    "the churn interviews",
    "the quarterly plan",
    "the on-call runbook",
    "the flaky checkout tests",
    "the vendor contract",
    "the scorecard definitions",
    "the hiring scorecard",
    "the incident review",
    "the roadmap one-pager",
    "the data retention policy",
    "the SLA report",
    "the customer advisory board invite",
    "the migration checklist",
    "the budget forecast",
    "the accessibility audit",
    "the release notes",
];

/// (title, context, options); the first option is the one usually chosen.
pub const DECISIONS: &[(&str, &str, &[&str])] = &[
    (
        "Adopt trunk-based development",
        "Long-lived branches cost us two days per release.",
        &["Trunk-based with flags", "Keep release branches"],
    ),
    (
        "Freeze prices for existing customers",
        "Renewals are due in the next two quarters.",
        &["Freeze for a year", "Raise 5% at renewal"],
    ),
    (
        "Sunset the legacy importer",
        "Fewer than 3% of accounts still use it.",
        &["Sunset next quarter", "Keep it read-only"],
    ),
    (
        "Hire a second SRE before the peak",
        "On-call load doubled since spring.",
        &["Hire now", "Rotate from platform"],
    ),
    (
        "Move standups to async",
        "Three time zones and a 9:00 call that suits nobody.",
        &["Async written updates", "Keep the call"],
    ),
    (
        "Require design review for new screens",
        "Inconsistent patterns keep reaching production.",
        &["Review every new screen", "Review on request"],
    ),
    (
        "Choose the database for the new ledger",
        "The ledger needs strict consistency and audits.",
        &["Postgres", "The managed document store"],
    ),
    (
        "Offer the annual plan at 15% off",
        "Monthly churn is highest in the first quarter.",
        &["15% off annual", "Two months free"],
    ),
    (
        "Outsource night-time tier-1 support",
        "Response times at night miss the target.",
        &["Partner for nights", "Hire in another time zone"],
    ),
    (
        "Drop support for the oldest mobile OS",
        "It is 1.2% of sessions and a third of crash reports.",
        &["Drop it in the next release", "Keep it one more year"],
    ),
    (
        "Set a cost budget per customer",
        "Cloud spend grew faster than revenue.",
        &["Budget per customer", "Team-level budgets"],
    ),
    (
        "Publish the public status page",
        "Customers learn about incidents from social media.",
        &["Publish it", "Email affected customers only"],
    ),
];

pub const DEPENDENCY_WHATS: &[&str] = &[
    "API for usage export",
    "SSO for the admin console",
    "Data feed of trial sign-ups",
    "Load-test environment",
    "Design for the upgrade flow",
    "Translation of the help centre",
    "Capacity for the holiday peak",
    "Event schema for checkout",
    "Access to the billing sandbox",
    "Review of the new permissions model",
];

/// Who outside the demo's teams a team may depend on.
pub const EXTERNAL: &[&str] = &["Legal", "Security", "Finance", "Vendor: Acme Cloud"];

pub const OFFTRACK_WHYS: &[&str] = &[
    "A release slipped and the fix waits on it",
    "Seasonal dip, deeper than last year",
    "Two large accounts paused",
    "A tracking change moved the baseline",
    "The team was short-handed for three weeks",
];

pub const OFFTRACK_CHANGES: &[&str] = &[
    "Pair on the fix and ship it behind a flag",
    "Call the ten largest accounts this week",
    "Re-baseline and agree the target again",
    "Move one person over until it recovers",
    "Run the experiment for two more weeks",
];
