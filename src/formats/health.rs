//! The health figures as text: `rhythm health`'s page and the home
//! screen's one line. A figure with nothing to count says so ("none yet")
//! rather than showing a zero.

use std::fmt::Write as _;

use crate::domain::health::Health;
use crate::domain::scorecard::sparkline;

/// Ratings as a sparkline, oldest first (the last 13 at most).
fn ratings(h: &Health) -> String {
    let values: Vec<Option<f64>> = h.held.iter().map(|x| x.rating.map(f64::from)).collect();
    let keep = values.len().saturating_sub(13);
    sparkline(&values[keep..])
}

fn or_none<T>(v: Option<T>, f: impl Fn(T) -> String) -> String {
    v.map_or_else(|| "none yet".to_string(), f)
}

/// `rhythm health` for `team`.
pub fn text(team: &str, h: &Health) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{team}'s rhythm, {} to {}:", h.from, h.to);
    let row = |out: &mut String, what: &str, value: String| {
        let _ = writeln!(out, "  {what:<18}{value}");
    };
    row(
        &mut out,
        "Reviews held",
        format!("{} of {} weekly reviews due", h.held.len(), h.expected),
    );
    row(
        &mut out,
        "Ratings",
        or_none(h.average_rating(), |a| {
            format!("{}  average {a:.1} of 10", ratings(h))
        }),
    );
    row(
        &mut out,
        "Commitments done",
        or_none(h.completion(), |p| {
            format!("{p} % of those due, as each review ended")
        }),
    );
    row(
        &mut out,
        "Meeting length",
        or_none(h.length(), |p| format!("{p} % of the agenda's time")),
    );
    row(
        &mut out,
        "Values missing",
        or_none(h.average_missing(), |m| {
            format!("{m:.1} on average as a review starts")
        }),
    );
    if h.decisions.is_empty() {
        row(&mut out, "Decision time", "no decision made yet".into());
        return out;
    }
    let _ = writeln!(
        out,
        "  Decision time: median days from needed to made, per lane"
    );
    let _ = writeln!(out, "    Quarter  Lane        Made  Share  Median days");
    for l in &h.decisions {
        let days = l
            .median_days
            .map_or_else(|| "all made at once".to_string(), |d| format!("{d:.1}"));
        let _ = writeln!(
            out,
            "    {:<8} {:<11} {:<5} {:<6} {days}",
            l.quarter.to_string(),
            l.lane.as_str(),
            l.made,
            format!("{} %", l.share),
        );
    }
    out
}

/// The home screen's line, short enough for half an 80-column screen:
/// reviews held of those due, the ratings and their average, and the
/// commitments done, each only when there is one.
pub fn line(h: &Health) -> String {
    let mut parts = vec![format!("held {}/{}", h.held.len(), h.expected)];
    if let Some(a) = h.average_rating() {
        parts.push(format!("{} {a:.1}/10", ratings(h)));
    }
    if let Some(p) = h.completion() {
        parts.push(format!("{p} % kept"));
    }
    parts.join(" · ")
}
