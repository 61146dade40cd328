//! The Markdown minutes as HTML, by pulldown-cmark, so the page says what
//! `rhythm minutes` says, in the same order, without a second writer of
//! the same content. The minutes escape what was typed (see
//! `formats::minutes::md`); any raw HTML that reached them anyway is shown
//! as text, never passed through.

use maud::{Markup, PreEscaped};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// `markdown` as HTML, its headings moved `shift` levels down (so the
/// minutes' title sits under the report's own headings).
pub fn to_html(markdown: &str, shift: usize) -> Markup {
    let options = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    let events = Parser::new_ext(markdown, options).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        Event::Text(t) => Event::Text(shown(t)),
        Event::Code(t) => Event::Code(shown(t)),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: lower(level, shift),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level, shift))),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    PreEscaped(out)
}

fn shown(text: CowStr<'_>) -> CowStr<'_> {
    match super::shown(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(s) => CowStr::from(s),
    }
}

fn lower(level: HeadingLevel, shift: usize) -> HeadingLevel {
    let n = (level as usize + shift).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}
