//! A meeting's minutes as CommonMark: decisions and actions first, then the
//! off-track items with why and change, dependencies, and the scorecard as
//! the room saw it. Pure: a board or a stored meeting in, text out.
//!
//! The minutes written when a meeting ends are in `written`, the ones
//! rebuilt from what the database kept in `rebuilt`, the parts both share in
//! `sections`, Markdown escaping in `escape`, and the JSON document in
//! `json`.

mod escape;
mod json;
mod rebuilt;
mod sections;
mod written;

pub(crate) use escape::md;
pub use json::{DOCUMENT_VERSION, Document, MeetingDoc, Source, document};
pub use rebuilt::{from_record, from_record_with, made_in};
pub use written::{Input, render};

#[cfg(test)]
mod tests;
