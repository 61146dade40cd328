//! Unit tests for reading and writing both forms: what spreadsheets save,
//! every problem located and quoted, and round trips.

use super::*;
use proptest::prelude::*;

fn week(s: &str) -> Week {
    s.parse().unwrap()
}

/// The problems as the CLI prints them, one per line.
fn problems(input: &str) -> Vec<String> {
    parse(input.as_bytes())
        .problems
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Rows as `name week value note`, for compact assertions.
fn rows(p: &Parsed) -> Vec<String> {
    p.rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {}",
                p.names[r.name].text,
                r.week,
                r.value,
                r.note.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn long_form_with_any_case_any_order_and_optional_note() {
    let p = parse(b"Measure,WEEK,value,Note\nNRR,2026-W48,104.5,good week\nNRR,2026-11-16,103,\n");
    assert_eq!(p.problems, []);
    assert_eq!(p.form, Some(Form::Long));
    assert_eq!(
        rows(&p),
        ["NRR 2026-W48 104.5 good week", "NRR 2026-W47 103 -"]
    );
    assert_eq!(p.names[0].at, At::cell(2, 1));
    assert_eq!(p.rows[1].at, At::cell(3, 3));

    let p = parse(b"value,measure,week\n7.5,Tier-2,2026-W48\n");
    assert_eq!(p.problems, []);
    assert_eq!(rows(&p), ["Tier-2 2026-W48 7.5 -"]);
}

#[test]
fn wide_form_as_spreadsheets_save_it() {
    // BOM, CRLF, a quoted name with a comma, a quoted value with
    // thousands separators, %, €, padding, an empty (missing) cell, a
    // quoted note-like newline in the header, and trailing empty lines.
    let input = "\u{feff}Week,\"Revenue, net\",Tier-2,\"Pipe\nline\"\r\n\
                 2026-W47,\"1,234.5\", 7.5 %,€3.2\r\n\
                 2026-11-25,,8,\" 3 \"\r\n\
                 ,,,\r\n\r\n";
    let p = parse(input.as_bytes());
    assert_eq!(p.problems, []);
    assert_eq!(p.form, Some(Form::Wide));
    let names: Vec<&str> = p.names.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(names, ["Revenue, net", "Tier-2", "Pipe\nline"]);
    assert_eq!(
        rows(&p),
        [
            "Revenue, net 2026-W47 1234.5 -",
            "Tier-2 2026-W47 7.5 -",
            "Pipe\nline 2026-W47 3.2 -",
            "Tier-2 2026-W48 8 -",
            "Pipe\nline 2026-W48 3 -",
        ]
    );
    // The header spans lines 1-2, so the first row is on line 3.
    assert_eq!(p.rows[0].at, At::cell(3, 2));
    assert_eq!(p.names[2].at, At::cell(1, 4));
}

#[test]
fn an_excel_separator_line_naming_a_comma_is_skipped() {
    let p = parse(b"sep=,\r\nweek,A\r\n2026-W48,1\r\n");
    assert_eq!(p.problems, []);
    assert_eq!(rows(&p), ["A 2026-W48 1 -"]);
    assert_eq!(p.rows[0].at, At::cell(3, 2));
}

#[test]
fn lines_count_as_an_editor_counts_them() {
    // CRLF, a lone CR, blank lines and a quoted line break.
    let p = parse(b"week,A\r\n\r\n2026-W46,x\r2026-W47,\"1\n2\"\n\n\n2026-W48,y\n");
    let got: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "line 3, column 2: 'x' is not a number",
            "line 4, column 2: '1\\n2' is not a number",
            "line 8, column 2: 'y' is not a number",
        ]
    );
}

#[test]
fn wide_form_first_column_may_be_a_date_or_unnamed() {
    for header in ["date", "Week of", "", "ISO week", "Semaine", "Datum"] {
        let p = parse(format!("{header},A\n2026-11-23 00:00:00,1\n").as_bytes());
        assert_eq!(p.problems, [], "header {header:?}");
        assert_eq!(rows(&p), ["A 2026-W48 1 -"]);
    }
}

#[test]
fn values_as_spreadsheets_format_them() {
    let ok: &[(&str, f64)] = &[
        ("104.5", 104.5),
        (" 104.5 ", 104.5),
        ("1,234.5", 1234.5),
        ("1,234,567", 1_234_567.0),
        ("12.5%", 12.5),
        ("12.5 %", 12.5),
        ("€1,234.50", 1234.5),
        ("1 234.50 €", 1234.5),
        ("1\u{a0}234", 1234.0),
        ("1\u{202f}234.5", 1234.5),
        ("1'234.5", 1234.5),
        ("$-5", -5.0),
        ("-$5", -5.0),
        ("£ 3", 3.0),
        ("¥1000", 1000.0),
        ("(1,234.50)", -1234.5),
        ("($12)", -12.0),
        ("\u{2212}3", -3.0),
        ("+3", 3.0),
        ("-0.25", -0.25),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("1.5E-3", 0.0015),
        ("0", 0.0),
    ];
    for (cell, want) in ok {
        assert_eq!(parse_value(cell), Ok(*want), "cell {cell:?}");
    }
    let hint = "write decimals with a point (1.5), and commas only between thousands (1,234.5), or pass --decimal ','";
    let bad: &[(&str, String)] = &[
        ("abc", "'abc' is not a number".into()),
        ("1,5", format!("'1,5' is not a number: {hint}")),
        ("1.234,5", format!("'1.234,5' is not a number: {hint}")),
        ("12,34", format!("'12,34' is not a number: {hint}")),
        ("1,2345", format!("'1,2345' is not a number: {hint}")),
        ("1 23", "'1 23' is not a number".into()),
        ("1,234 567", format!("'1,234 567' is not a number: {hint}")),
        ("%", "'%' is not a number".into()),
        ("€", "'€' is not a number".into()),
        ("5%%", "'5%%' is not a number".into()),
        ("$5$", "'$5$' is not a number".into()),
        ("--5", "'--5' is not a number".into()),
        ("n/a", "'n/a' is not a number".into()),
        ("#DIV/0!", "'#DIV/0!' is not a number".into()),
        ("NaN", "'NaN' is not a finite number".into()),
        ("inf", "'inf' is not a finite number".into()),
        ("-Infinity", "'-Infinity' is not a finite number".into()),
        ("1e400", "'1e400' is too large a number".into()),
        ("-1e309", "'-1e309' is too large a number".into()),
    ];
    for (cell, want) in bad {
        assert_eq!(parse_value(cell).as_ref(), Err(want), "cell {cell:?}");
    }
}

#[test]
fn every_problem_is_located_and_quotes_the_value() {
    let input = "measure,week,value,note\n\
                 NRR,2026-W54,1,\n\
                 NRR,2026-02-30,abc,\n\
                 ,2026-W48,1,\n\
                 NRR,,1,\n\
                 NRR,2026-W48,,only a note\n\
                 NRR,2026-W48,NaN,\n\
                 NRR,2026-W48,1,\"two\nlines\"\n\
                 NRR,2026-W48,2\n\
                 nrr,2026-11-25,3,\n";
    assert_eq!(
        problems(input),
        [
            "line 2, column 2: '2026-W54' is not a week: that year has no such week (use 2026-W48 or a date such as 2026-11-25)",
            "line 3, column 2: '2026-02-30' is not a week: no such day in the calendar (use 2026-W48 or a date such as 2026-11-25)",
            "line 3, column 3: 'abc' is not a number",
            "line 4, column 1: the measure is empty",
            "line 5, column 2: the week is empty",
            "line 6, column 3: the value is empty but the note 'only a note' is not: a note is kept only with a value",
            "line 7, column 3: 'NaN' is not a finite number",
            "line 10: 3 fields where the header has 4",
            "line 11, column 3: '3' is a second value for nrr in 2026-W48 (the first is on line 8)",
        ]
    );
}

#[test]
fn wide_problems_point_at_the_cell() {
    let input = "week,A,B,a,\n\
                 2026-W47,1,x,9,\n\
                 W47,2,3,,\n\
                 2026-W48,1,2,,5\n\
                 2026-11-26,1,,,\n\
                 Total,,,,\n\
                 2026-W49,1,2,3,4,5\n";
    assert_eq!(
        problems(input),
        [
            "line 1, column 4: 'a' appears twice in the header (also column 2)",
            "line 1, column 5: this column has no name but holds values (the first on line 4): name the measure or delete the column",
            "line 2, column 3: 'x' is not a number",
            "line 3, column 1: 'W47' is not a week: unknown format (use 2026-W48 or a date such as 2026-11-25)",
            "line 5, column 2: '1' is a second value for A in 2026-W48 (the first is on line 4)",
            "line 7: 6 fields where the header has 5 (put quotes around values that hold commas, such as \"1,234.5\")",
        ]
    );
}

#[test]
fn files_that_are_not_readings() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"",
            "line 1: the file is empty: the first line must be a header, such as measure,week,value,note",
        ),
        (
            b"\xEF\xBB\xBF\r\n\r\n",
            "line 1: the file is empty: the first line must be a header, such as measure,week,value,note",
        ),
        (
            b"measure,week,value\r\n",
            "line 1: there are no rows below the header: nothing to import",
        ),
        (
            b"week,A\n2026-W48,\n",
            "line 1: every value below the header is empty: nothing to import",
        ),
        (
            b"measure,week,amount\n",
            "line 1, column 3: 'amount' is not a column of the long form: its header is measure,week,value,note (note may be left out)",
        ),
        (
            b"measure,week,note\n",
            "line 1: the header has no value column: the long form's header is measure,week,value,note",
        ),
        (
            b"Measure,week,value,MEASURE\nA,2026-W48,1,B\n",
            "line 1, column 4: 'MEASURE' appears twice in the header (also column 1)",
        ),
        (
            b"Revenue,Cost\n1,2\n",
            "line 1, column 1: 'Revenue' is not a week column: the wide form starts with a column named week, holding weeks (2026-W48) or dates, then one column per measure; the long form's header is measure,week,value,note",
        ),
        (
            b"week,,\n2026-W48,,\n",
            "line 1: the header names no measures: the wide form is a week column, then one column per measure; the long form's header is measure,week,value,note",
        ),
        (
            b"week,Caf\xE9\n2026-W48,1\n",
            "line 1, column 2: 'Caf\\xE9' is not UTF-8 text: pass --encoding windows-1252 if Excel on Windows saved the file, or save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)",
        ),
    ];
    for (input, want) in cases {
        let p = parse(input);
        let got: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
        assert_eq!(got, [*want], "input {:?}", String::from_utf8_lossy(input));
    }
}

#[test]
fn bad_bytes_in_a_row_are_reported_once() {
    let p = parse(b"measure,week,value,note\nA,2026-W48,1,caf\xE9 \xFF\n");
    let got: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "line 2, column 4: 'caf\\xE9 \\xFF' is not UTF-8 text: pass --encoding windows-1252 if Excel on Windows saved the file, or save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)"
        ]
    );
}

#[test]
fn quoted_values_are_shown_on_one_line_and_cut_short() {
    assert_eq!(shown("a\nb\tc\u{7}"), "a\\nb\\tc\\u0007");
    let long = "x".repeat(100);
    assert_eq!(shown(&long), format!("{}…", "x".repeat(60)));
    assert_eq!(
        problems("week,A\n2026-W48,\"1\n2\"\n"),
        ["line 2, column 2: '1\\n2' is not a number"]
    );
}

#[test]
fn writers_quote_what_needs_it_and_print_values_exactly() {
    let mut w = WideWriter::new(Vec::new(), &["Revenue, net", "Say \"hi\"", "Plain"]).unwrap();
    w.row(week("2026-W47"), &[Some(0.1 + 0.2), None, Some(1e21)])
        .unwrap();
    w.row(week("2026-W48"), &[None, Some(-0.000_001), Some(104.5)])
        .unwrap();
    let text = String::from_utf8(w.finish().unwrap()).unwrap();
    assert_eq!(
        text,
        "\u{feff}week,\"Revenue, net\",\"Say \"\"hi\"\"\",Plain\n\
         2026-W47,0.30000000000000004,,1000000000000000000000\n\
         2026-W48,,-0.000001,104.5\n"
    );
    let p = parse(text.as_bytes());
    assert_eq!(p.problems, []);
    assert_eq!(p.rows[0].value, 0.1 + 0.2);

    let mut w = LongWriter::new(Vec::new()).unwrap();
    w.row("NRR", week("2026-W48"), 104.5, Some("a, \"b\"\nc"))
        .unwrap();
    w.row("NRR", week("2026-W47"), 3.0, None).unwrap();
    let text = String::from_utf8(w.finish().unwrap()).unwrap();
    assert_eq!(
        text,
        "\u{feff}measure,week,value,note\nNRR,2026-W48,104.5,\"a, \"\"b\"\"\nc\"\nNRR,2026-W47,3,\n"
    );
    let p = parse(text.as_bytes());
    assert_eq!(p.problems, []);
    assert_eq!(
        rows(&p),
        ["NRR 2026-W48 104.5 a, \"b\"\nc", "NRR 2026-W47 3 -"]
    );
}

fn text() -> impl Strategy<Value = String> {
    // What a person types: trimmed (the store trims too), any characters.
    "\\PC{1,20}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("empty", |s| !s.is_empty())
}

proptest! {
    #[test]
    fn long_form_reads_back_what_it_wrote(
        readings in proptest::collection::vec(
            (text(), 2000i32..2100, 1u32..=52, any::<f64>().prop_filter("finite", |v| v.is_finite()), proptest::option::of(text())),
            1..20,
        )
    ) {
        let mut w = LongWriter::new(Vec::new()).unwrap();
        let mut wanted = Vec::new();
        for (i, (name, year, n, value, note)) in readings.iter().enumerate() {
            // Distinct names keep every (measure, week) pair unique.
            let name = format!("{i} {name}");
            let week = Week::new(*year, *n).unwrap();
            w.row(&name, week, *value, note.as_deref()).unwrap();
            wanted.push((name, week, *value, note.clone()));
        }
        let p = parse(&w.finish().unwrap());
        prop_assert_eq!(&p.problems, &[]);
        let got: Vec<_> = p
            .rows
            .iter()
            .map(|r| (p.names[r.name].text.clone(), r.week, r.value, r.note.clone()))
            .collect();
        prop_assert_eq!(got, wanted);
    }

    #[test]
    fn parsing_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn grouped_numbers_read_as_written(v in -1e12f64..1e12) {
        let plain = format!("{v:.2}");
        let (int, frac) = plain.split_once('.').unwrap();
        let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let cell = format!("{sign}{grouped}.{frac}");
        prop_assert_eq!(parse_value(&cell), Ok(plain.parse::<f64>().unwrap()));
    }
}
