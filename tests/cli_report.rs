//! `rhythm report` and `rhythm minutes --format html` through the real
//! binary: the page parsed by an HTML5 parser as a browser would, each
//! measure's chart checked against `rhythm scorecard --format json`, hostile
//! text shown as text, nothing fetched, and the teams and weeks asked for.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions panic as test failures

mod common;

use common::{Sandbox, json};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect()
}

fn demo() -> Sandbox {
    let t = Sandbox::new();
    t.ok("demo --no-tui");
    t
}

/// The page `rhythm --db team.db LINE --out -` prints, parsed.
fn page(t: &Sandbox, line: &str) -> (String, Html) {
    let out = t.ok(&format!("{line} --out -"));
    let doc = Html::parse_document(&out);
    (out, doc)
}

/// The points of a `points="x,y x,y "` attribute.
fn points(polyline: ElementRef<'_>) -> usize {
    polyline
        .value()
        .attr("points")
        .unwrap()
        .split_whitespace()
        .count()
}

/// The `(x, y)` pairs of a `points="x,y x,y "` attribute.
fn coords(polyline: ElementRef<'_>) -> Vec<(f64, f64)> {
    let pair = |p: &str| {
        let (x, y) = p.split_once(',').unwrap();
        (x.parse().unwrap(), y.parse().unwrap())
    };
    let points = polyline.value().attr("points").unwrap();
    points.split_whitespace().map(pair).collect()
}

/// The chart is SVG as a browser reads it (in the SVG namespace, not
/// unknown HTML elements), and everything it draws is inside its box.
fn check_svg(svg: ElementRef<'_>, name: &str) {
    const SVG: &str = "http://www.w3.org/2000/svg";
    assert_eq!(&*svg.value().name.ns, SVG, "{name}: parsed as SVG");
    let view: Vec<f64> = svg
        .value()
        .attr("viewBox")
        .unwrap_or_else(|| panic!("{name}: a chart scales to the page"))
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let [x0, y0, w, h] = view[..] else {
        panic!("{name}: viewBox {view:?}")
    };
    let inside = |(x, y): (f64, f64)| x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h;
    for e in svg.descendants().filter_map(ElementRef::wrap) {
        assert_eq!(&*e.value().name.ns, SVG, "{name}: <{}>", e.value().name());
        if e.value().name() == "polyline" {
            for p in coords(e) {
                assert!(inside(p), "{name}: {p:?} is outside {view:?}");
            }
        }
        if e.value().name() == "circle" {
            let at = |a: &str| e.value().attr(a).unwrap().parse::<f64>().unwrap();
            assert!(inside((at("cx"), at("cy"))), "{name}: a dot outside");
        }
    }
}

/// This year's line draws `values` (a week's reading or none): a point
/// per reading, left to right in week order at even steps (a missing week
/// leaves its step empty), and higher for a higher value.
fn check_line(line: ElementRef<'_>, values: &[Option<f64>], name: &str) {
    let drawn = coords(line);
    let read: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    assert_eq!(drawn.len(), read.len(), "{name}: a point per reading");
    if let ([(i0, _), .., (i1, _)], [(x0, _), .., (x1, _)]) = (&read[..], &drawn[..]) {
        let step = (x1 - x0) / (i1 - i0) as f64;
        assert!(step > 0.0, "{name}: weeks run left to right");
        for ((i, _), (x, _)) in read.iter().zip(&drawn) {
            let expected = x0 + step * (i - i0) as f64;
            assert!((x - expected).abs() <= 1.0, "{name}: week {i} at x {x}");
        }
    }
    // Pixels are whole: values closer than a twentieth of their spread
    // may share one.
    let (lo, hi) = read.iter().fold((f64::MAX, f64::MIN), |(lo, hi), (_, v)| {
        (lo.min(*v), hi.max(*v))
    });
    for ((_, a), (_, ya)) in read.iter().zip(&drawn) {
        for ((_, b), (_, yb)) in read.iter().zip(&drawn) {
            if a < b {
                assert!(ya >= yb, "{name}: {a} is drawn above {b}");
            }
            if b - a > (hi - lo) / 20.0 {
                assert!(ya > yb, "{name}: {a} is drawn as high as {b}");
            }
        }
    }
}

/// The chart's lines drawn in `colour` (the page's legend names them).
fn lines<'a>(svg: ElementRef<'a>, colour: &str) -> Vec<ElementRef<'a>> {
    svg.select(&sel("polyline"))
        .filter(|p| p.value().attr("stroke") == Some(colour))
        .collect()
}

const THIS_YEAR: &str = "#1F4E9A";
const LAST_YEAR: &str = "#9AA3AD";

fn status_shown(key: &str) -> &'static str {
    match key {
        "on_track" => "● on track",
        "at_risk" => "▲ at risk",
        "off_track" => "✖ off track",
        "missing" => "○ missing",
        other => panic!("unknown status {other}"),
    }
}

/// Each team's section holds one card per measure, in scorecard order, with
/// the status symbol and word `rhythm scorecard` gives it, and one chart
/// whose line has a point for each week with a reading.
fn check_cards(t: &Sandbox, doc: &Html, teams: &[&str], weeks: u32) {
    let sections: Vec<ElementRef<'_>> = doc.select(&sel("section.team")).collect();
    let names: Vec<String> = sections
        .iter()
        .map(|s| text(s.select(&sel("h2")).next().unwrap()))
        .collect();
    assert_eq!(names, teams);
    for (section, team) in sections.iter().zip(teams) {
        let card = json(&t.ok(&format!(
            "--team '{team}' scorecard --format json --weeks {weeks}"
        )));
        let rows = card["measures"].as_array().unwrap();
        let cards: Vec<ElementRef<'_>> = section.select(&sel("article.measure")).collect();
        assert_eq!(cards.len(), rows.len(), "{team}");
        // No chart outside a measure's card.
        assert_eq!(section.select(&sel("svg")).count(), rows.len(), "{team}");
        assert!(!rows.is_empty());
        for (html, row) in cards.iter().zip(rows) {
            let name = row["name"].as_str().unwrap();
            assert_eq!(text(html.select(&sel("h4")).next().unwrap()), name);
            let status = row["status"].as_str().unwrap();
            assert_eq!(
                text(html.select(&sel("p.status")).next().unwrap()),
                status_shown(status),
                "{name}"
            );
            let svgs: Vec<ElementRef<'_>> = html.select(&sel("svg")).collect();
            assert_eq!(svgs.len(), 1, "{name}: one chart");
            let svg = svgs[0];
            check_svg(svg, name);
            let history = row["history"].as_array().unwrap();
            assert_eq!(history.len(), weeks as usize);
            let values: Vec<Option<f64>> = history.iter().map(|h| h["value"].as_f64()).collect();
            let readings = values.iter().flatten().count();
            let line = lines(svg, THIS_YEAR);
            assert_eq!(line.len(), 1, "{name}: one line for this year");
            check_line(line[0], &values, name);
            assert_eq!(svg.select(&sel("circle")).count(), readings, "{name}");
            // The target: a band for a range, else a line.
            let band = row["direction"] == "range";
            let caption = text(html.select(&sel("figcaption")).next().unwrap());
            assert_eq!(caption.contains("target band"), band, "{name}: {caption}");
            if band {
                assert!(svg.select(&sel("rect")).count() >= 2, "{name}: a band");
            } else {
                assert_eq!(lines(svg, "#1B7A3D").len(), 1, "{name}: a target line");
            }
        }
    }
}

#[test]
fn the_report_charts_every_measure_of_every_team() {
    let t = demo();
    let (out, doc) = page(&t, "report");
    check_cards(&t, &doc, &["Customer Success", "Growth", "Platform"], 13);
    // Nothing is fetched: no script, no external source, no link out.
    assert_eq!(doc.select(&sel("script, link, img, iframe")).count(), 0);
    for e in doc.select(&sel("[src], [href]")) {
        let v = e.value();
        let target = v.attr("src").or(v.attr("href")).unwrap();
        assert!(target.starts_with('#'), "{target} leaves the page");
    }
    assert!(!out.contains("url("), "the style fetches nothing");
    // The demo's open items, needs and last minutes are there.
    let growth = doc.select(&sel("section.team")).nth(1).unwrap();
    let h3: Vec<String> = growth.select(&sel("section.team > h3")).map(text).collect();
    assert_eq!(
        h3,
        [
            "Scorecard",
            "Open off-track items",
            "Dependencies",
            "Decisions needed",
            "Decisions made, 2026-W36 to 2026-W48",
            "Last meeting's minutes"
        ]
    );
    // On a phone each cell is a line naming its column: the same name as
    // the column's heading.
    let mut tables = 0;
    for table in doc.select(&sel("section.team div.scroll table")) {
        tables += 1;
        let heads: Vec<String> = table.select(&sel("thead th")).map(text).collect();
        for row in table.select(&sel("tbody tr")) {
            let labels: Vec<&str> = row
                .select(&sel("td"))
                .map(|td| td.value().attr("data-label").unwrap())
                .collect();
            assert_eq!(labels, heads);
        }
    }
    assert!(tables >= 2, "the demo has items and dependencies");
    let open = json(&t.ok("--team Growth offtrack list --json"));
    let rows = growth.select(&sel("h3 + div.scroll tbody tr")).count();
    assert!(rows >= open.as_array().unwrap().len());
    let minutes = t.ok("--team Growth minutes");
    let first = minutes.lines().next().unwrap().trim_start_matches("# ");
    let shown = text(growth.select(&sel("div.minutes h4")).next().unwrap());
    assert_eq!(shown, first.replace('\\', ""));
}

#[test]
fn last_years_line_is_drawn_where_there_is_history() {
    let t = Sandbox::growth();
    t.ok("record 'Net revenue retention' 104 --week 2026-W47");
    t.ok("record 'Net revenue retention' 108 --week 2026-W48");
    let (_, doc) = page(&t, "report");
    for svg in doc.select(&sel("svg")) {
        assert!(lines(svg, LAST_YEAR).is_empty(), "no history, no line");
    }
    t.ok("record 'Net revenue retention' 99 --week 2025-W40");
    t.ok("record 'Net revenue retention' 101 --week 2025-W41");
    t.ok("record 'Net revenue retention' 100 --week 2025-W45");
    let (_, doc) = page(&t, "report");
    let svgs: Vec<ElementRef<'_>> = doc.select(&sel("svg")).collect();
    let last = lines(svgs[0], LAST_YEAR);
    assert_eq!(last.len(), 1);
    assert_eq!(points(last[0]), 3);
    assert_eq!(points(lines(svgs[0], THIS_YEAR)[0]), 2);
    assert!(lines(svgs[1], LAST_YEAR).is_empty());
    let caption = text(doc.select(&sel("figcaption")).next().unwrap());
    assert!(caption.contains("last year"), "{caption}");
}

#[test]
fn hostile_text_comes_out_as_text() {
    let t = Sandbox::growth();
    let script = r#"<script>alert("x")</script> 'q'"#;
    t.exec(
        &[],
        &[
            "--db",
            "team.db",
            "measure",
            "add",
            script,
            "--owner",
            r#"Bo "quoted" & co"#,
            "--target",
            "10",
        ],
    )
    .ok();
    let note = "\u{1b}[2Jwipe <img src=http://e/x.png>";
    t.exec(
        &[],
        &["--db", "team.db", "record", script, "9", "--note", note],
    )
    .ok();
    t.exec(
        &[],
        &[
            "--db",
            "team.db",
            "offtrack",
            "add",
            "<b>bold</b>",
            "--owner",
            "Ana",
            "--why",
            "\u{1b}]0;title\u{7} why",
        ],
    )
    .ok();
    t.ok(r#"dep add '<a href="http://x">link</a>' --to '<i>Other</i>' --owner Cy"#);
    t.ok("decision add '<style>body{display:none}</style>' --needed --owner Ana");
    t.ok("team rename Growth '<em>Growth</em> & co'");

    assert_eq!(
        t.ok("report --out r.html"),
        "Wrote the report of <em>Growth</em> & co (2026-W36 to 2026-W48) to r.html\n"
    );
    let html = std::fs::read_to_string(t.path("r.html")).unwrap();
    assert!(!html.contains('\u{1b}') && !html.contains('\u{7}'));
    let doc = Html::parse_document(&html);
    assert_eq!(
        doc.select(&sel("script, img, b, i, em, a, body style"))
            .count(),
        0,
        "no stored text became markup"
    );
    let all = text(doc.root_element());
    for shown in [
        script,
        r#"Bo "quoted" & co"#,
        "\\u001b[2Jwipe <img src=http://e/x.png>",
        "<b>bold</b>",
        "\\u001b]0;title\\u0007 why",
        r#"<a href="http://x">link</a>"#,
        "<i>Other</i>",
        "<style>body{display:none}</style>",
        "<em>Growth</em> & co",
    ] {
        assert!(all.contains(shown), "{shown} is not shown as text");
    }
    assert_eq!(
        text(doc.select(&sel("title")).next().unwrap()),
        "<em>Growth</em> & co — rhythm report"
    );
}

#[test]
fn teams_and_weeks_choose_what_is_reported() {
    let t = demo();
    let (_, doc) = page(&t, "report --teams Platform,Growth --weeks 6");
    check_cards(&t, &doc, &["Platform", "Growth"], 6);
    let (_, doc) = page(&t, "--team Growth report");
    check_cards(&t, &doc, &["Growth"], 13);
    let (_, doc) = page(&t, "report --teams growth --from 2026-W45 --to 2026-11-25");
    let period = text(doc.select(&sel("p.period")).next().unwrap());
    assert!(
        period.starts_with("2026-W45 to 2026-W48 (4 weeks)"),
        "{period}"
    );
    for svg in doc.select(&sel("svg")) {
        assert!(points(lines(svg, THIS_YEAR)[0]) <= 4);
    }
    // The minutes are the last meeting's of the period, not a later one's.
    for (to, shown) in [
        ("2026-W48", Some("Meeting #3, weekly review 2026-W47")),
        ("2026-W46", Some("Meeting #2, weekly review 2026-W46")),
        ("2026-W44", None),
    ] {
        let (_, doc) = page(&t, &format!("report --teams Growth --to {to}"));
        let meta = doc.select(&sel("h3 + p.meta")).next().map(text);
        assert_eq!(meta.as_deref(), shown, "--to {to}");
        if shown.is_none() {
            let all = text(doc.root_element());
            assert!(all.contains("No meeting had ended by 2026-W44."), "{all}");
        }
    }

    let before = t.digest();
    for (code, line, quoted) in [
        (1, "report --teams Growth,Nope --out r.html", "'Nope'"),
        (
            2,
            "report --from 2026-W48 --to 2026-W40 --out r.html",
            "'2026-W48'",
        ),
        (2, "report --weeks 0 --out r.html", "'0'"),
        (2, "report --from 2026-W99 --out r.html", "'2026-W99'"),
        (
            2,
            "report --teams Growth --team Growth --out r.html",
            "--teams",
        ),
        (1, "report --out missing/r.html", "'missing/r.html'"),
        (1, "report --out team.db", "team.db"),
    ] {
        let said = t.fails(code, line);
        assert!(said.contains(quoted), "{line}: {said}");
        assert!(!t.path("r.html").exists(), "{line} wrote a file");
    }
    assert_eq!(
        t.digest(),
        before,
        "a report writes nothing to the database"
    );
}

#[test]
fn the_report_file_is_private_and_replaced_whole() {
    let t = demo();
    std::fs::write(t.path("r.html"), "old").unwrap();
    let said = t.ok("report --teams Growth --out r.html");
    assert_eq!(
        said,
        "Wrote the report of Growth (2026-W36 to 2026-W48) to r.html\n"
    );
    let html = std::fs::read_to_string(t.path("r.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(t.path("r.html")).unwrap().permissions();
        assert_eq!(mode.mode() & 0o777, 0o600);
    }
}

/// The HTML minutes say what the Markdown minutes say: the same headings,
/// list items and table rows, in the same order.
#[test]
fn html_minutes_match_the_markdown_minutes() {
    let t = demo();
    let md = t.ok("--team Growth minutes");
    let (out, doc) = page(&t, "--team Growth minutes --format html");
    assert!(out.starts_with("<!DOCTYPE html>"));
    let unescape = |s: &str| s.replace('\\', "");
    let headings: Vec<String> = md
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| unescape(l.trim_start_matches('#').trim()))
        .collect();
    let shown: Vec<String> = doc.select(&sel("h1, h2, h3, h4")).map(text).collect();
    assert_eq!(shown, headings);
    let rows = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .count();
    assert_eq!(doc.select(&sel("tr")).count(), rows);
    let items = md
        .lines()
        .filter(|l| l.trim_start().starts_with("- "))
        .count();
    assert_eq!(doc.select(&sel("li")).count(), items);
    assert!(md.contains("## Scorecard as the room saw it"));
    let json_doc: Value = json(&t.ok("--team Growth minutes --format json"));
    assert_eq!(json_doc["minutes"].as_str().unwrap(), md);
    // --list prints a table: it has no HTML form.
    let said = t.fails(2, "--team Growth minutes --list --format html");
    assert!(said.contains("--list"), "{said}");
}
