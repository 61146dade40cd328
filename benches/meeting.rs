//! The review on the large data set, timed by divan: the first frame, one
//! key to the next frame in every section, recording a reading, the
//! scorecard query and a full export. `cargo bench --bench meeting`; see
//! BENCHMARKS.md for the targets and the results. `RHYTHM_BENCH_SET=small`
//! runs the same on the ordinary demo.

#![allow(clippy::unwrap_used)]

mod common;

use std::cell::RefCell;

use divan::Bencher;
use ratatui_textarea::Key;
use rhythm::app::Section;
use rhythm::domain::{Change, Week, scorecard};
use rhythm::storage::{OpenMode, Store};

fn main() {
    // Generate (or find) the data set before any timing starts.
    common::dataset();
    divan::main();
}

/// Open the file, load the board, resume this week's review, draw 200×60.
/// The review is started once beforehand, so every sample is the same work
/// (the very first start also writes the meeting row).
#[divan::bench(sample_count = 50, sample_size = 1)]
fn first_frame(bencher: Bencher) {
    let db = common::copy();
    drop(common::first_frame(&db.path));
    bencher.bench_local(|| common::first_frame(&db.path));
}

/// A cursor move (alternately `j` and `k`) and the frame after it.
#[divan::bench(args = common::WEEKLY, sample_count = 200, sample_size = 1)]
fn key_move(bencher: Bencher, section: Section) {
    let db = common::copy();
    let (mut engine, mut state, mut terminal) = common::first_frame(&db.path);
    common::go_to(&mut engine, &mut state, section);
    let mut down = true;
    bencher.bench_local(|| {
        let key = if down { Key::Char('j') } else { Key::Char('k') };
        down = !down;
        common::press_and_draw(&mut engine, &mut state, &mut terminal, common::key(key));
    });
}

/// Tab into the section (Shift-Tab into the scorecard) and its first frame:
/// the meeting clock is saved and the board reloaded on every move.
#[divan::bench(args = common::WEEKLY, sample_count = 100, sample_size = 1)]
fn key_into(bencher: Bencher, section: Section) {
    let db = common::copy();
    let (engine, state, terminal) = common::first_frame(&db.path);
    let app = RefCell::new((engine, state, terminal));
    let (from, input) = common::way_into(section);
    bencher
        .with_inputs(|| {
            let (engine, state, _) = &mut *app.borrow_mut();
            common::go_to(engine, state, from);
        })
        .bench_local_values(|()| {
            let (engine, state, terminal) = &mut *app.borrow_mut();
            common::press_and_draw(engine, state, terminal, input.clone());
        });
}

/// `e`, a value, Enter on the scorecard's first measure, and the frame:
/// a guarded write in its own transaction, then the board reloaded.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn record_reading(bencher: Bencher) {
    let db = common::copy();
    let (mut engine, mut state, mut terminal) = common::first_frame(&db.path);
    let mut value = 40;
    bencher.bench_local(|| {
        value = if value == 40 { 41 } else { 40 };
        common::record(&mut engine, &mut state, value);
        common::draw(&mut terminal, &state);
    });
}

/// The two halves of a save, for the key benches above to be read by: the
/// board reloaded from the store (after every save), with no write.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn reload_board(bencher: Bencher) {
    let db = common::copy();
    let (engine, _, _) = common::first_frame(&db.path);
    let clock = common::clock();
    bencher.bench_local(|| rhythm::tui::load_board(&engine.store, &engine.team, &clock).unwrap());
}

/// ...and the write alone: the meeting clock saved as a section move saves
/// it, one `Change` in its own IMMEDIATE transaction, synced to disk.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn save_clock(bencher: Bencher) {
    let db = common::copy();
    let (mut engine, state, _) = common::first_frame(&db.path);
    let meeting = state.board.open_meeting().unwrap().id;
    let clock = common::clock();
    let mut seconds = state.clock.seconds.clone();
    bencher.bench_local(|| {
        seconds[0] += 1;
        let change = Change::SaveMeetingClock {
            meeting,
            current_section: 0,
            seconds: seconds.clone(),
        };
        engine
            .store
            .apply(
                &[change],
                &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
                clock.now,
            )
            .unwrap();
    });
}

/// One reading written through the store's door and nothing else: its own
/// IMMEDIATE transaction, synced, and (since the operation log) one
/// operation with the row's before- and after-image. Compared with the same
/// bench before the log in BENCHMARKS.md.
#[divan::bench(sample_count = 200, sample_size = 1)]
fn write_reading(bencher: Bencher) {
    let db = common::copy();
    let (mut engine, _, _) = common::first_frame(&db.path);
    let measure = engine.store.measures(engine.team.id, false).unwrap()[0].id;
    let (week, now) = (Week::containing(common::clock().today), common::clock().now);
    let origin = rhythm::domain::Origin::new("bench", rhythm::domain::OpSource::Cli);
    let mut value = 40.0;
    bencher.bench_local(|| {
        value = if value == 40.0 { 41.0 } else { 40.0 };
        let change = Change::RecordReading {
            measure,
            week,
            value,
            note: None,
        };
        engine.store.apply(&[change], &origin, now).unwrap();
    });
}

/// Undoing that write: the operation's rows checked against the file and
/// replayed backwards, as one more operation.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn undo_reading(bencher: Bencher) {
    let db = common::copy();
    let (engine, _, _) = common::first_frame(&db.path);
    let measure = engine.store.measures(engine.team.id, false).unwrap()[0].id;
    let (week, now) = (Week::containing(common::clock().today), common::clock().now);
    let origin = rhythm::domain::Origin::new("bench", rhythm::domain::OpSource::Cli);
    let store = RefCell::new(engine.store);
    let mut value = 40.0;
    bencher
        .with_inputs(|| {
            value += 1.0;
            let change = Change::RecordReading {
                measure,
                week,
                value,
                note: None,
            };
            store.borrow_mut().apply(&[change], &origin, now).unwrap();
        })
        .bench_local_values(|()| {
            store.borrow_mut().undo(None, false, &origin, now).unwrap();
        });
}

/// What `rhythm scorecard` asks the store for: the team's measures and 13
/// weeks of readings, built into the scorecard.
#[divan::bench(sample_count = 200)]
fn scorecard_query(bencher: Bencher) {
    let db = common::copy();
    let store = Store::open(&db.path, OpenMode::MustExist).unwrap();
    let team = common::first_team(&store);
    let week = Week::containing(common::clock().today);
    bencher.bench_local(|| {
        let measures = store.measures(team.id, false).unwrap();
        let readings = store.readings(team.id, week.offset(-12), week).unwrap();
        scorecard::build(&team.name, &measures, &readings, week, 13)
    });
}

/// `rhythm export` of the whole file, streamed row by row into the JSON
/// writer (the bytes are counted and thrown away).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn export_streamed(bencher: Bencher) {
    let db = common::copy();
    let store = Store::open(&db.path, OpenMode::MustExist).unwrap();
    bencher.bench_local(|| {
        let mut out = Counter(0);
        store.export_to(None, &mut out, &mut |_| {}).unwrap();
        out.0
    });
}

/// The same export built as one `Archive` in memory first (what `import
/// --merge` reads, and what `rhythm export` did before it streamed).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn export_in_memory(bencher: Bencher) {
    let db = common::copy();
    let store = Store::open(&db.path, OpenMode::MustExist).unwrap();
    bencher.bench_local(|| {
        let archive = store.export(None).unwrap();
        let mut out = Counter(0);
        serde_json::to_writer_pretty(&mut out, &archive).unwrap();
        out.0
    });
}

/// A writer that only counts, so the bench times the export, not a disk.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
