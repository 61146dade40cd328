//! The page as a pure function: one chart per measure with a point per
//! reading, stored text never markup, raw HTML in minutes shown as text.

use chrono::NaiveDate;

use super::*;
use crate::domain::model::{MeasureId, TeamId};
use crate::domain::{Direction, Goal, Kind, Measure, Reading, ReviewWeek, scorecard};

fn week(s: &str) -> Week {
    s.parse().unwrap()
}

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

fn reading(id: i64, w: &str, value: f64) -> Reading {
    Reading {
        measure_id: MeasureId(id),
        week: week(w),
        value,
        note: None,
    }
}

fn report(name: &str, measures: &[Measure], readings: &[Reading]) -> Report {
    let to = week("2026-W48");
    let card = scorecard::build(name, measures, readings, to, 4);
    let last_year = scorecard::build(name, measures, readings, to.offset(-52), 4);
    Report {
        today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        teams: vec![TeamReport {
            team: Team {
                id: TeamId(1),
                name: name.into(),
                review: ReviewWeek::Current,
            },
            from: week("2026-W45"),
            to,
            card,
            last_year,
            offtrack: vec![],
            deps: vec![],
            needed: vec![],
            made: vec![],
            minutes: Some(Minutes {
                title: "#1".into(),
                markdown: "# Title\n\n<script>alert(1)</script>\n\n- <b>x</b>\n".into(),
            }),
        }],
    }
}

#[test]
fn each_measure_has_one_chart_with_a_point_per_reading() {
    let higher = Goal::new(Direction::Higher, Some(100.0), None, 0.1).unwrap();
    let band = Goal::new(Direction::Range, None, Some((3.0, 5.0)), 0.1).unwrap();
    let measures = [measure(1, "A", higher), measure(2, "B", band)];
    let readings = [
        reading(1, "2026-W45", 90.0),
        reading(1, "2026-W47", 101.0),
        reading(1, "2026-W48", 99.0),
        reading(2, "2026-W48", 4.0),
        reading(1, "2025-W46", 80.0),
        reading(1, "2025-W47", 85.0),
    ];
    let html = render(&report("Growth", &measures, &readings)).unwrap();
    assert_eq!(html.matches("<svg ").count(), 2);
    assert_eq!(html.matches("viewBox=").count(), 2);
    let this_year: Vec<usize> = html
        .split("<polyline")
        .filter(|p| p.contains("stroke=\"#1F4E9A\""))
        .map(|p| {
            let points = p.split("points=\"").nth(1).unwrap();
            points.split('"').next().unwrap().split_whitespace().count()
        })
        .collect();
    assert_eq!(this_year, [3, 1]);
    // Last year's line only where last year has readings.
    assert_eq!(html.matches("stroke=\"#9AA3AD\"").count(), 1);
    assert!(html.contains("▲ at risk") && html.contains("● on track"));
    assert!(html.contains("target band"));
}

#[test]
fn stored_text_is_never_markup() {
    let higher = Goal::new(Direction::Higher, Some(1.0), None, 0.1).unwrap();
    let name = "<script>alert('x')</script> \"q\" \u{1b}[31m";
    let html = render(&report(name, &[measure(1, name, higher)], &[])).unwrap();
    assert!(!html.contains("<script>") && !html.contains('\u{1b}'));
    assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &quot;q&quot; \\u001b[31m"));
    // Raw HTML in the minutes is shown as text, never passed through.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"));
    assert!(!html.contains("<b>"));
}

#[test]
fn minutes_page_keeps_the_headings_and_shows_raw_html_as_text() {
    let page = minutes_page(
        "T <i>",
        "# A\n\n## B\n\n<img src=x>\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n",
    );
    assert!(page.contains("<title>T &lt;i&gt;</title>"));
    assert!(page.contains("<h1>A</h1>") && page.contains("<h2>B</h2>"));
    assert!(page.contains("&lt;img src=x&gt;") && !page.contains("<img"));
    assert!(page.contains("<td>1</td>"));
}

#[test]
fn values_near_the_limits_of_a_number_are_charted() {
    let higher = Goal::new(Direction::Higher, Some(1.0), None, 0.1).unwrap();
    let readings = [
        reading(1, "2026-W45", f64::MAX),
        reading(1, "2026-W46", -f64::MAX),
        reading(1, "2026-W47", 1e-300),
        reading(1, "2026-W48", 5e15),
    ];
    let html = render(&report("Growth", &[measure(1, "A", higher)], &readings)).unwrap();
    assert_eq!(html.matches("<svg ").count(), 1);
    assert_eq!(html.matches("<circle").count(), 4);
}
