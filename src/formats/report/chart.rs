//! One measure's chart as SVG, drawn by plotters' SVG backend: the weeks of
//! the period, its target line or band, last year's line where there is
//! history, and this year's readings as a line with a dot on each. A
//! missing week has no dot, so a gap is never drawn as a value.

use plotters::prelude::*;

use crate::domain::scorecard::ScorecardRow;
use crate::domain::status::format_number;
use crate::domain::{Target, Week};

/// The chart's drawing size; the page scales it to the width it has
/// (the SVG carries a viewBox).
const SIZE: (u32, u32) = (420, 190);

/// This year's line; the page's legend uses the same colours, and names
/// each line in words too.
const THIS_YEAR: RGBColor = RGBColor(0x1f, 0x4e, 0x9a);
const LAST_YEAR: RGBColor = RGBColor(0x9a, 0xa3, 0xad);
const TARGET: RGBColor = RGBColor(0x1b, 0x7a, 0x3d);
const BAND: RGBColor = RGBColor(0xcf, 0xe8, 0xd6);

#[derive(Debug, thiserror::Error)]
#[error("cannot draw the chart of '{measure}': {reason}")]
pub struct ChartError {
    measure: String,
    reason: String,
}

/// The SVG of `row`'s history, with `last_year` (the same weeks a year
/// earlier, oldest first) beside it when any of them has a value.
pub fn svg(row: &ScorecardRow, last_year: &[Option<f64>]) -> Result<String, ChartError> {
    let this_year: Vec<Option<f64>> = row.history.iter().map(|p| p.value).collect();
    let weeks: Vec<Week> = row.history.iter().map(|p| p.week).collect();
    let mut out = String::new();
    draw(&mut out, &weeks, &this_year, last_year, row.target).map_err(|e| ChartError {
        measure: row.name.clone(),
        reason: e.to_string(),
    })?;
    Ok(out)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(
    out: &mut String,
    weeks: &[Week],
    this_year: &[Option<f64>],
    last_year: &[Option<f64>],
    target: Target,
) -> DrawResult {
    let n = weeks.len() as i32;
    // plotters works out its axis from the range's width, which overflows
    // (and its tick search never ends) for values near f64's limits: the
    // chart is drawn in scaled units, its labels in the values' own.
    let scale = scale(
        this_year
            .iter()
            .chain(last_year)
            .flatten()
            .chain(&goal(target)),
    );
    let scaled = |vs: &[Option<f64>]| -> Vec<Option<f64>> {
        vs.iter().map(|v| v.map(|v| v * scale)).collect()
    };
    let (this_year, last_year) = (scaled(this_year), scaled(last_year));
    let (this_year, last_year) = (this_year.as_slice(), last_year.as_slice());
    let target = match target {
        Target::Value(t) => Target::Value(t * scale),
        Target::Range { low, high } => Target::Range {
            low: low * scale,
            high: high * scale,
        },
    };
    let (low, high) = y_range(this_year, last_year, target);
    let root = SVGBackend::with_string(out, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    // One slot either side, so the first and last dots are not cut in half.
    let mut chart = ChartBuilder::on(&root)
        .margin(6)
        .x_label_area_size(28)
        .y_label_area_size(60)
        .build_cartesian_2d(-1..n, low..high)?;
    let label = |i: &i32| match usize::try_from(*i).ok().and_then(|i| weeks.get(i)) {
        Some(w) => format!("W{:02}", w.number()),
        None => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(weeks.len().min(5) + 2)
        .x_label_formatter(&label)
        .y_labels(5)
        .y_label_formatter(&|v| label_number(*v / scale))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(0xe4, 0xe7, 0xeb))
        .label_style(("sans-serif", 17))
        .draw()?;
    let ends = [(-1, 0.0), (n, 0.0)];
    match target {
        Target::Range { low: lo, high: hi } => {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(ends[0].0, lo), (ends[1].0, hi)],
                BAND.filled(),
            )))?;
        }
        Target::Value(t) => {
            chart.draw_series(LineSeries::new(
                ends.iter().map(|(x, _)| (*x, t)),
                TARGET.stroke_width(2),
            ))?;
        }
    }
    if last_year.iter().any(Option::is_some) {
        chart.draw_series(LineSeries::new(
            points(last_year),
            LAST_YEAR.stroke_width(2),
        ))?;
    }
    chart.draw_series(LineSeries::new(
        points(this_year),
        THIS_YEAR.stroke_width(3),
    ))?;
    chart.draw_series(points(this_year).map(|p| Circle::new(p, 4, THIS_YEAR.filled())))?;
    root.present()?;
    Ok(())
}

fn points(values: &[Option<f64>]) -> impl Iterator<Item = (i32, f64)> + '_ {
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i as i32, v)))
}

fn goal(target: Target) -> [f64; 2] {
    match target {
        Target::Value(t) => [t, t],
        Target::Range { low, high } => [low, high],
    }
}

/// Values past this size are charted in scaled units.
const LARGEST: f64 = 1e12;

fn scale<'a>(values: impl Iterator<Item = &'a f64>) -> f64 {
    let largest = values.fold(0.0_f64, |m, v| m.max(v.abs()));
    if largest > LARGEST {
        LARGEST / largest
    } else {
        1.0
    }
}

/// An axis label: as the scorecard writes numbers, or in scientific
/// notation where that would be too long to fit beside the chart.
fn label_number(v: f64) -> String {
    if v.abs() >= LARGEST {
        format!("{v:.1e}")
    } else {
        format_number(v)
    }
}

/// From the lowest to the highest of every value and the target, with a
/// margin; a flat line gets room around it.
fn y_range(this_year: &[Option<f64>], last_year: &[Option<f64>], target: Target) -> (f64, f64) {
    let goal = goal(target);
    let all = this_year.iter().chain(last_year).flatten().chain(&goal);
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(*v), hi.max(*v))
    });
    let pad = if hi > lo {
        (hi - lo) * 0.12
    } else {
        (hi.abs() * 0.1).max(1.0)
    };
    (lo - pad, hi + pad)
}
