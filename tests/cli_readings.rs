//! `rhythm import-readings` and `rhythm export-readings` through the real
//! binary: both CSV forms, files as spreadsheet programs save them, dry runs,
//! round trips, standard input, and a corpus of malformed files
//! (tests/fixtures/readings/) that must each be refused whole with an exact
//! report and an unchanged database.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{Run, Sandbox, TODAY};
use rhythm::domain::{Reading, Week};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/readings");

fn week(text: &str) -> Week {
    text.parse().unwrap()
}

/// Every reading of Growth as `measure week value note`, in store order.
fn readings(t: &Sandbox) -> Vec<String> {
    let store = t.store();
    let team = t.team("Growth");
    let names: Vec<(i64, String)> = store
        .measures(team.id, true)
        .unwrap()
        .into_iter()
        .map(|m| (m.id.0, m.name))
        .collect();
    let all: Vec<Reading> = store
        .readings(team.id, week("1900-W01"), week("2999-W01"))
        .unwrap();
    all.iter()
        .map(|r| {
            let name = &names
                .iter()
                .find(|(id, _)| *id == r.measure_id.0)
                .unwrap()
                .1;
            match &r.note {
                Some(note) => format!("{name} {} {} {note:?}", r.week, r.value),
                None => format!("{name} {} {}", r.week, r.value),
            }
        })
        .collect()
}

fn write(t: &Sandbox, name: &str, bytes: &[u8]) {
    std::fs::write(t.path(name), bytes).unwrap();
}

/// `rhythm --db team.db ARGS` with `input` on standard input.
fn with_stdin(t: &Sandbox, args: &[&str], input: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .current_dir(t.path("."))
        .env_remove("RHYTHM_DB")
        .env("RHYTHM_NOW", TODAY)
        .env("XDG_DATA_HOME", t.data_home())
        .env("HOME", t.path("home"))
        .env("NO_COLOR", "1")
        .args(["--db", "team.db"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        command: format!("rhythm --db team.db {}", args.join(" ")),
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Growth with a few readings already recorded, one with a note.
fn seeded() -> Sandbox {
    let t = Sandbox::growth();
    t.ok("record 'Net revenue retention' 103 --week 2026-W46 --note 'renewals slipped'");
    t.ok("record 'Tier-2 response time' 9 --week 2026-W46");
    t.ok("record 'Pipeline coverage' 3.1 --week 2026-W47");
    t
}

#[test]
fn long_form_imports_values_and_notes() {
    let t = Sandbox::growth();
    write(
        &t,
        "long.csv",
        b"Measure,Week,Value,Note\n\
          Net revenue retention,2026-W47,104.5,after the price change\n\
          tier-2 response time,2026-11-18,7.5,\n\
          Pipeline coverage,2026-W48,3.2,\n\
          Pipeline coverage,2026-W47,,\n",
    );
    assert_eq!(
        t.ok("import-readings long.csv"),
        "Imported long.csv into Growth: 3 added, 0 changed, 0 unchanged\n"
    );
    assert_eq!(
        readings(&t),
        [
            "Net revenue retention 2026-W47 104.5 \"after the price change\"",
            "Tier-2 response time 2026-W47 7.5",
            "Pipeline coverage 2026-W48 3.2",
        ]
    );
}

#[test]
fn wide_form_imports_a_scorecard_sheet() {
    let t = Sandbox::growth();
    write(
        &t,
        "wide.csv",
        b"week,Net revenue retention,Tier-2 response time,Pipeline coverage\n\
          2026-W46,103,9,\n\
          2026-11-18,104.5,,3.1\n\
          2026-W48,,,\n",
    );
    assert_eq!(
        t.ok("--team Growth import-readings wide.csv"),
        "Imported wide.csv into Growth: 4 added, 0 changed, 0 unchanged\n"
    );
    assert_eq!(
        readings(&t),
        [
            "Net revenue retention 2026-W46 103",
            "Net revenue retention 2026-W47 104.5",
            "Tier-2 response time 2026-W46 9",
            "Pipeline coverage 2026-W47 3.1",
        ]
    );
}

/// A BOM, CRLF line endings, quoted fields holding commas and line breaks,
/// thousands separators, %, € and padding, a row of empty cells and a
/// trailing empty line, as Excel, Numbers and LibreOffice write them.
#[test]
fn files_from_spreadsheet_programs_import() {
    let t = Sandbox::growth();
    write(
        &t,
        "excel.csv",
        "\u{feff}Week,Net revenue retention,Tier-2 response time,\"Pipeline coverage\"\r\n\
         2026-W46,\"1,104.5\", 9 ,€3.2\r\n\
         2026-11-18,104.5%,\"7.5\",\"€ 1,003.25\"\r\n\
         ,,,\r\n\
         \r\n"
            .as_bytes(),
    );
    assert_eq!(
        t.ok("import-readings excel.csv"),
        "Imported excel.csv into Growth: 6 added, 0 changed, 0 unchanged\n"
    );
    assert_eq!(
        readings(&t),
        [
            "Net revenue retention 2026-W46 1104.5",
            "Net revenue retention 2026-W47 104.5",
            "Tier-2 response time 2026-W46 9",
            "Tier-2 response time 2026-W47 7.5",
            "Pipeline coverage 2026-W46 3.2",
            "Pipeline coverage 2026-W47 1003.25",
        ]
    );

    let t = Sandbox::growth();
    write(
        &t,
        "notes.csv",
        "\u{feff}measure,week,value,note\r\n\
         Net revenue retention,2026-W47,\"104.5 %\",\"renewals, upsell\r\nand one churn\"\r\n\
         \"Pipeline coverage\",2026-W47,\"3\",\"the \"\"big\"\" deal\"\r\n"
            .as_bytes(),
    );
    assert_eq!(
        t.ok("import-readings notes.csv"),
        "Imported notes.csv into Growth: 2 added, 0 changed, 0 unchanged\n"
    );
    assert_eq!(
        readings(&t),
        [
            "Net revenue retention 2026-W47 104.5 \"renewals, upsell\\r\\nand one churn\"",
            "Pipeline coverage 2026-W47 3 \"the \\\"big\\\" deal\"",
        ]
    );
}

#[test]
fn dry_run_shows_additions_and_changes_and_writes_nothing() {
    let t = seeded();
    write(
        &t,
        "wide.csv",
        b"week,Net revenue retention,Tier-2 response time,Pipeline coverage\n\
          2026-W46,103,8.5,\n\
          2026-W47,104.5,,3.1\n",
    );
    let before = t.digest();
    assert_eq!(
        t.ok("import-readings wide.csv --dry-run"),
        "Dry run of wide.csv into Growth: 1 to add, 1 to change, 2 unchanged; nothing was written\n\
         \x20       Week      Measure                Value    Note\n\
         change  2026-W46  Tier-2 response time   9 → 8.5\n\
         add     2026-W47  Net revenue retention  104.5\n"
    );
    assert_eq!(t.digest(), before, "a dry run wrote to the database");
}

#[test]
fn a_changed_reading_is_reported_as_a_change_and_keeps_its_note() {
    let t = seeded();
    write(
        &t,
        "long.csv",
        b"measure,week,value\n\
          Net revenue retention,2026-W46,103.5\n\
          Tier-2 response time,2026-W46,9\n\
          Pipeline coverage,2026-W48,3.4\n",
    );
    assert_eq!(
        t.ok("import-readings long.csv"),
        "Imported long.csv into Growth: 1 added, 1 changed, 1 unchanged\n\
         \x20       Week      Measure                Value        Note\n\
         change  2026-W46  Net revenue retention  103 → 103.5  renewals slipped\n"
    );
    assert_eq!(
        readings(&t),
        [
            "Net revenue retention 2026-W46 103.5 \"renewals slipped\"",
            "Tier-2 response time 2026-W46 9",
            "Pipeline coverage 2026-W47 3.1",
            "Pipeline coverage 2026-W48 3.4",
        ]
    );
    // A new note replaces the old one and shows as a change.
    write(
        &t,
        "note.csv",
        b"measure,week,value,note\nNet revenue retention,2026-W46,103.5,finance confirmed\n",
    );
    assert_eq!(
        t.ok("import-readings note.csv --dry-run"),
        "Dry run of note.csv into Growth: 0 to add, 1 to change, 0 unchanged; nothing was written\n\
         \x20       Week      Measure                Value  Note\n\
         change  2026-W46  Net revenue retention  103.5  renewals slipped → finance confirmed\n"
    );
    // Importing what is already there writes nothing.
    let before = t.digest();
    assert_eq!(
        t.ok("import-readings long.csv"),
        "Nothing to import into Growth: all 3 readings in long.csv are already recorded\n"
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let t = Sandbox::growth();
    let run = with_stdin(
        &t,
        &["import-readings", "-"],
        b"measure,week,value\nPipeline coverage,2026-W48,3.3\n",
    );
    assert_eq!(
        run.ok(),
        "Imported standard input into Growth: 1 added, 0 changed, 0 unchanged\n"
    );
    assert_eq!(readings(&t), ["Pipeline coverage 2026-W48 3.3"]);

    let before = t.digest();
    let run = with_stdin(
        &t,
        &["import-readings", "-"],
        b"measure,week,value\nPipeline coverage,2026-W48,lots\n",
    );
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    assert_eq!(
        run.stderr,
        "line 2, column 3: 'lots' is not a number\n\
         error: standard input refused: 1 problem; nothing was imported\n"
    );
    assert_eq!(t.digest(), before);
}

/// Values that only print back exactly at full precision, and notes that
/// need quoting.
fn awkward(t: &Sandbox) {
    for args in [
        ["Net revenue retention", "104.5", "2026-W44", "a, b"],
        [
            "Net revenue retention",
            "0.30000000000000004",
            "2026-W46",
            "say \"hi\"\nthen leave",
        ],
        ["Tier-2 response time", "1234567.891", "2026-W45", ""],
        ["Tier-2 response time", "-3", "2026-W48", "negative?"],
        ["Pipeline coverage", "1e-7", "2026-W46", "=SUM(A1:A2)"],
    ] {
        let [measure, value, week, note] = args;
        let mut argv = vec!["--db", "team.db", "record", measure, value, "--week", week];
        if !note.is_empty() {
            argv.extend(["--note", note]);
        }
        t.exec(&[], &argv).ok();
    }
}

#[test]
fn long_export_imports_back_to_the_same_readings() {
    let a = Sandbox::growth();
    awkward(&a);
    let text = a.ok("export-readings --form long");
    assert_eq!(
        text,
        "\u{feff}measure,week,value,note\n\
         Net revenue retention,2026-W44,104.5,\"a, b\"\n\
         Net revenue retention,2026-W46,0.30000000000000004,\"say \"\"hi\"\"\nthen leave\"\n\
         Tier-2 response time,2026-W45,1234567.891,\n\
         Tier-2 response time,2026-W48,-3,negative?\n\
         Pipeline coverage,2026-W46,0.0000001,'=SUM(A1:A2)\n"
    );
    let b = Sandbox::growth();
    write(&b, "long.csv", text.as_bytes());
    assert_eq!(
        b.ok("import-readings long.csv"),
        "Imported long.csv into Growth: 5 added, 0 changed, 0 unchanged\n"
    );
    assert_eq!(readings(&b), readings(&a));
    assert_eq!(b.ok("export-readings --form long"), text);
}

#[test]
fn wide_export_imports_back_to_the_same_values() {
    let a = Sandbox::growth();
    awkward(&a);
    let text = a.ok("export-readings");
    assert_eq!(
        text,
        "\u{feff}week,Net revenue retention,Tier-2 response time,Pipeline coverage\n\
         2026-W44,104.5,,\n\
         2026-W45,,1234567.891,\n\
         2026-W46,0.30000000000000004,,0.0000001\n\
         2026-W47,,,\n\
         2026-W48,,-3,\n"
    );
    let b = Sandbox::growth();
    write(&b, "wide.csv", text.as_bytes());
    assert_eq!(
        b.ok("import-readings wide.csv"),
        "Imported wide.csv into Growth: 5 added, 0 changed, 0 unchanged\n"
    );
    // The wide form has no notes; the values are the same.
    let values = |t: &Sandbox| -> Vec<String> {
        readings(t)
            .into_iter()
            .map(|r| r.split(" \"").next().unwrap().to_string())
            .collect()
    };
    assert_eq!(values(&b), values(&a));
    assert_eq!(b.ok("export-readings"), text);
    // Importing the export into where it came from changes nothing, notes included.
    write(&a, "wide.csv", text.as_bytes());
    let before = a.digest();
    assert_eq!(
        a.ok("import-readings wide.csv"),
        "Nothing to import into Growth: all 5 readings in wide.csv are already recorded\n"
    );
    assert_eq!(a.digest(), before);
}

#[test]
fn export_ranges_files_and_archived_measures() {
    let t = seeded();
    t.ok("record 'Pipeline coverage' 3.5 --week 2026-W50");
    let run = t.run("export-readings --from 2026-W47 --to 2026-W47 --form long");
    assert_eq!(
        run.ok(),
        "\u{feff}measure,week,value,note\nPipeline coverage,2026-W47,3.1,\n"
    );
    // The default range ends this week and says what it leaves out.
    let run = t.run("export-readings --form long");
    assert_eq!(
        run.stderr,
        "warning: 1 reading after this week (2026-W48) left out; add --to to include them\n"
    );
    assert_eq!(run.code, 0);
    assert_eq!(
        t.ok("export-readings --out scorecard.csv --to 2026-W50"),
        "Wrote 4 readings of Growth (2026-W46 to 2026-W50, wide form) to scorecard.csv\n"
    );
    assert_eq!(
        std::fs::read_to_string(t.path("scorecard.csv")).unwrap(),
        "\u{feff}week,Net revenue retention,Tier-2 response time,Pipeline coverage\n\
         2026-W46,103,9,\n\
         2026-W47,,,3.1\n\
         2026-W48,,,\n\
         2026-W49,,,\n\
         2026-W50,,,3.5\n"
    );
    assert_eq!(
        t.fails(2, "export-readings --from 2026-W49"),
        "error: --from 2026-W49 is after --to 2026-W48 (this week)"
    );

    // An archived measure is off the scorecard: not exported, and refused on
    // import until it is restored.
    t.ok("measure archive 'Tier-2 response time'");
    assert_eq!(
        t.ok("export-readings --from 2026-W46 --to 2026-W46"),
        "\u{feff}week,Net revenue retention,Pipeline coverage\n2026-W46,103,\n"
    );
    let before = t.digest();
    let run = t.run("import-readings scorecard.csv");
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    assert_eq!(
        run.stderr,
        "line 1, column 3: the measure 'Tier-2 response time' is archived: restore it with `rhythm measure archive \"Tier-2 response time\" --restore`, or leave it out of the file\n\
         error: scorecard.csv refused: 1 problem; nothing was imported\n"
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn a_file_that_cannot_be_read_is_one_error() {
    let t = Sandbox::growth();
    assert_eq!(
        t.fails(1, "import-readings missing.csv"),
        "error: cannot read missing.csv: no such file or folder"
    );
}

#[test]
fn an_empty_scorecard_exports_a_header() {
    let t = Sandbox::growth();
    assert_eq!(
        t.ok("export-readings"),
        "\u{feff}week,Net revenue retention,Tier-2 response time,Pipeline coverage\n2026-W48,,,\n"
    );
    assert_eq!(
        t.ok("export-readings --form long"),
        "\u{feff}measure,week,value,note\n"
    );
}

/// Each malformed file in tests/fixtures/readings/ and exactly what the
/// import prints to stderr before `error: FILE refused: ...`.
const REFUSED: &[(&str, &[&str])] = &[
    (
        "ambiguous-decimal.csv",
        &[
            "line 3, column 2: '1.234' is ambiguous: pass --decimal ',' if its points separate thousands, or --decimal '.' if it is a decimal point",
        ],
    ),
    (
        "bad-week.csv",
        &[
            "line 2, column 2: '2026-W54' is not a week: that year has no such week (use 2026-W48 or a date such as 2026-11-25)",
            "line 3, column 2: 'week 48' is not a week: unknown format (use 2026-W48 or a date such as 2026-11-25)",
            "line 4, column 2: '26-W10' is not a week: the year must be four digits (use 2026-W48 or a date such as 2026-11-25)",
            "line 5, column 2: the week is empty",
        ],
    ),
    (
        "blank-lines.csv",
        &[
            "line 1: the file is empty: the first line must be a header, such as measure,week,value,note",
        ],
    ),
    (
        "day-first-without-format.csv",
        &[
            "line 2, column 1: '25/11/2026' is a date with the day and the month in an order the file does not say: pass --date-format (one of DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, DD-MM-YYYY), or write weeks as 2026-W48 or dates as 2026-11-25",
            "line 3, column 1: '02.12.2026' is a date with the day and the month in an order the file does not say: pass --date-format (one of DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, DD-MM-YYYY), or write weeks as 2026-W48 or dates as 2026-11-25",
        ],
    ),
    (
        "duplicate-columns.csv",
        &["line 1, column 4: 'pipeline coverage' appears twice in the header (also column 2)"],
    ),
    (
        "duplicate-long-columns.csv",
        &["line 1, column 4: 'Week' appears twice in the header (also column 2)"],
    ),
    (
        "empty.csv",
        &[
            "line 1: the file is empty: the first line must be a header, such as measure,week,value,note",
        ],
    ),
    (
        "header-only.csv",
        &["line 1: there are no rows below the header: nothing to import"],
    ),
    (
        "infinity.csv",
        &[
            "line 2, column 2: 'inf' is not a finite number",
            "line 2, column 3: '-Infinity' is not a finite number",
        ],
    ),
    // many-problems.csv is checked on its own: it is cut short.
    (
        "missing-long-column.csv",
        &[
            "line 1: the header has no week column: the long form's header is measure,week,value,note",
        ],
    ),
    (
        "multiline-quoted-bad.csv",
        &["line 4, column 3: 'abc' is not a number"],
    ),
    (
        "nan.csv",
        &[
            "line 2, column 3: 'NaN' is not a finite number",
            "line 3, column 3: 'nan' is not a finite number",
        ],
    ),
    (
        "no-such-date.csv",
        &[
            "line 2, column 1: '2026-02-30' is not a week: no such day in the calendar (use 2026-W48 or a date such as 2026-11-25)",
            "line 3, column 1: '2026-13-01' is not a week: no such day in the calendar (use 2026-W48 or a date such as 2026-11-25)",
            "line 4, column 1: '2025-11-31' is not a week: no such day in the calendar (use 2026-W48 or a date such as 2026-11-25)",
        ],
    ),
    (
        "no-values.csv",
        &["line 1: every value below the header is empty: nothing to import"],
    ),
    (
        "not-a-number.csv",
        &[
            "line 2, column 2: 'abc' is not a number",
            "line 3, column 2: '1,5' is not a number: write decimals with a point (1.5), and commas only between thousands (1,234.5), or pass --decimal ','",
            "line 3, column 3: 'n/a' is not a number",
            "line 3, column 4: '#DIV/0!' is not a number",
        ],
    ),
    (
        "not-utf8.csv",
        &[
            "line 2, column 4: 'r\\xE9sum\\xE9 of the call' is not UTF-8 text: pass --encoding windows-1252 if Excel on Windows saved the file, or save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)",
            "line 3, column 4: 'caf\\xE9' is not UTF-8 text: pass --encoding windows-1252 if Excel on Windows saved the file, or save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)",
        ],
    ),
    (
        "note-without-value.csv",
        &[
            "line 2, column 3: the value is empty but the note 'finance is late' is not: a note is kept only with a value",
        ],
    ),
    (
        "one-bad-row-among-good.csv",
        &[
            "line 5: 5 fields where the header has 4 (put quotes around values that hold commas, such as \"1,234.5\")",
        ],
    ),
    (
        "same-reading-twice-long.csv",
        &[
            "line 4, column 3: '104' is a second value for net revenue retention in 2026-W47 (the first is on line 2)",
        ],
    ),
    (
        "same-week-twice.csv",
        &[
            "line 3, column 2: '105' is a second value for Net revenue retention in 2026-W47 (the first is on line 2)",
        ],
    ),
    (
        "too-large.csv",
        &[
            "line 2, column 3: '1e400' is too large a number",
            "line 3, column 3: '-1e309' is too large a number",
        ],
    ),
    (
        "unknown-long-header.csv",
        &[
            "line 1, column 3: 'amount' is not a column of the long form: its header is measure,week,value,note (note may be left out)",
        ],
    ),
    (
        "unknown-measure.csv",
        &[
            "line 2, column 1: unknown measure 'Net revenue' in Growth: did you mean 'Net revenue retention'?",
            "line 3, column 1: unknown measure 'Pipline coverage' in Growth: did you mean 'Pipeline coverage'?",
            "line 4, column 1: unknown measure 'Headcount' in Growth: the measures are 'Net revenue retention', 'Tier-2 response time', 'Pipeline coverage'",
        ],
    ),
    (
        "unknown-wide-column.csv",
        &[
            "line 1, column 3: unknown measure 'Tier 2 response' in Growth: did you mean 'Tier-2 response time'?",
            "line 1, column 4: unknown measure 'Comments' in Growth: the measures are 'Net revenue retention', 'Tier-2 response time', 'Pipeline coverage'",
        ],
    ),
    (
        "unnamed-column-with-values.csv",
        &[
            "line 1, column 3: this column has no name but holds values (the first on line 3): name the measure or delete the column",
        ],
    ),
    (
        "wide-without-week-column.csv",
        &[
            "line 1, column 1: 'Net revenue retention' is not a week column: the wide form starts with a column named week, holding weeks (2026-W48) or dates, then one column per measure; the long form's header is measure,week,value,note",
        ],
    ),
    (
        "wrong-field-count.csv",
        &[
            "line 2: 4 fields where the header has 3 (put quotes around values that hold commas, such as \"1,234.5\")",
            "line 3: 2 fields where the header has 3",
        ],
    ),
];

/// Imports `name` from the fixtures (with and without --dry-run) and
/// returns stderr, after checking the exit code, the empty stdout and that
/// the database did not change.
fn refused(t: &Sandbox, name: &str) -> String {
    std::fs::copy(Path::new(FIXTURES).join(name), t.path(name)).unwrap();
    let before = t.digest();
    let run = t.run(&format!("import-readings {name}"));
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{name}: {run:?}");
    assert_eq!(t.digest(), before, "{name} changed the database");
    let dry = t.run(&format!("import-readings {name} --dry-run"));
    assert_eq!(
        (dry.code, &dry.stdout, &dry.stderr),
        (1, &run.stdout, &run.stderr),
        "{name} --dry-run"
    );
    run.stderr
}

#[test]
fn malformed_files_are_refused_whole_with_every_problem_located() {
    let t = seeded();
    for (name, problems) in REFUSED {
        let n = problems.len();
        let plural = if n == 1 { "problem" } else { "problems" };
        let want = format!(
            "{}\nerror: {name} refused: {n} {plural}; nothing was imported\n",
            problems.join("\n")
        );
        assert_eq!(refused(&t, name), want, "{name}");
    }
}

#[test]
fn a_long_list_of_problems_is_cut_short() {
    let t = seeded();
    let mut want: String = (1..=20)
        .map(|i| format!("line {}, column 3: 'x{i}' is not a number\n", i + 1))
        .collect();
    want.push_str("and 5 more problems\n");
    want.push_str("error: many-problems.csv refused: 25 problems; nothing was imported\n");
    assert_eq!(refused(&t, "many-problems.csv"), want);
}

#[test]
fn every_fixture_has_its_expected_report() {
    let mut listed: Vec<&str> = REFUSED.iter().map(|(name, _)| *name).collect();
    listed.push("many-problems.csv");
    listed.sort_unstable();
    let mut files: Vec<String> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".csv"))
        .collect();
    files.sort();
    assert_eq!(files, listed);
    assert!(files.len() >= 15);
}

/// A quote left open would swallow every row after it into one note (the
/// lenient CSV reader imported such a file as "1 added"): the file is
/// refused whole, at the quote, and nothing is written.
#[test]
fn a_quote_left_open_refuses_the_file_whole() {
    let t = seeded();
    let before = readings(&t);
    write(
        &t,
        "open.csv",
        b"measure,week,value,note\n\
          Net revenue retention,2026-W46,104,\"fine\"\n\
          Net revenue retention,2026-W47,105,\"oops\n\
          Net revenue retention,2026-W48,106,\n\
          Tier-2 response time,2026-W48,7,\n",
    );
    let run = t.run("import-readings open.csv");
    assert_eq!(run.code, 1, "{run:?}");
    let said = run.stderr;
    assert!(
        said.contains("open.csv refused: 1 problem; nothing was imported") && said.contains(
            "line 3, column 4: the \" that opens this value is never closed: every line after it would be read into it"
        ),
        "{said}"
    );
    assert_eq!(readings(&t), before, "nothing was written");
}
