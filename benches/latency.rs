//! Percentiles, which divan does not report: every keypress-to-frame and
//! first frame timed one by one on the large data set, printed as p50, p99
//! and the slowest, per section. `cargo bench --bench latency`. Nothing here
//! fails on a time: the targets are read off the table (BENCHMARKS.md).

#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use ratatui_textarea::Key;
use rhythm::app::Section;

/// Samples per row; the warm-up is not counted.
struct Counts {
    moves: usize,
    intos: usize,
    records: usize,
    first_frames: usize,
    warm_up: usize,
}

/// `cargo bench` passes `--bench`; without it (`cargo test --benches`) the
/// run is a quick smoke test of the same steps.
fn counts() -> Counts {
    if std::env::args().any(|a| a == "--bench") {
        Counts {
            moves: 2_000,
            intos: 300,
            records: 300,
            first_frames: 50,
            warm_up: 20,
        }
    } else {
        Counts {
            moves: 4,
            intos: 2,
            records: 2,
            first_frames: 2,
            warm_up: 1,
        }
    }
}

struct Row {
    what: String,
    samples: Vec<Duration>,
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    // Nearest rank: the smallest sample with at least p% at or below it.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1e3)
}

fn main() {
    let Counts {
        moves,
        intos,
        records,
        first_frames,
        warm_up,
    } = counts();
    let db = common::copy();
    let mut rows = Vec::new();

    let mut samples = Vec::new();
    for i in 0..warm_up + first_frames {
        let took = time(|| drop(common::first_frame(&db.path)));
        if i >= warm_up {
            samples.push(took);
        }
    }
    rows.push(Row {
        what: "first frame (open, load, resume, draw)".into(),
        samples,
    });

    let (mut engine, mut state, mut terminal) = common::first_frame(&db.path);
    for section in common::WEEKLY {
        common::go_to(&mut engine, &mut state, section);
        let mut samples = Vec::new();
        for i in 0..warm_up + moves {
            let key = common::key(if i % 2 == 0 {
                Key::Char('j')
            } else {
                Key::Char('k')
            });
            let took = time(|| common::press_and_draw(&mut engine, &mut state, &mut terminal, key));
            if i >= warm_up {
                samples.push(took);
            }
        }
        rows.push(Row {
            what: format!("j/k in {}", section.title()),
            samples,
        });

        let (from, input) = common::way_into(section);
        let mut samples = Vec::new();
        for i in 0..warm_up + intos {
            common::go_to(&mut engine, &mut state, from);
            let took = time(|| {
                common::press_and_draw(&mut engine, &mut state, &mut terminal, input.clone())
            });
            if i >= warm_up {
                samples.push(took);
            }
        }
        rows.push(Row {
            what: format!("into {} (saves the clock, reloads)", section.title()),
            samples,
        });
    }

    common::go_to(&mut engine, &mut state, Section::Scorecard);
    let mut samples = Vec::new();
    for i in 0..warm_up + records {
        let value = 40 + (i % 2) as u32;
        let took = time(|| {
            common::record(&mut engine, &mut state, value);
            common::draw(&mut terminal, &state);
        });
        if i >= warm_up {
            samples.push(took);
        }
    }
    rows.push(Row {
        what: "record a reading (e, value, Enter)".into(),
        samples,
    });

    let set = if common::large() { "large" } else { "small" };
    println!(
        "\n{set} data set, {}×{} frames, times in ms\n",
        common::WIDTH,
        common::HEIGHT
    );
    println!("| what | n | p50 | p99 | slowest |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for mut row in rows {
        row.samples.sort();
        let s = &row.samples;
        println!(
            "| {} | {} | {} | {} | {} |",
            row.what,
            s.len(),
            ms(percentile(s, 50.0)),
            ms(percentile(s, 99.0)),
            ms(s[s.len() - 1])
        );
    }
}
