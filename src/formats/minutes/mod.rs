//! A meeting's minutes as GitHub-flavoured Markdown (GFM: strict
//! CommonMark shows their tables and task lists as plain pipes and
//! brackets): decisions and actions first, then the off-track items with
//! why and change, dependencies, and the scorecard as the room saw it.
//! Pure: a board or a stored meeting in, text out.
//!
//! The minutes written when a meeting ends are in `written`, the ones
//! rebuilt from what the database kept in `rebuilt`, the parts both share in
//! `sections`, and the JSON document in `json`. Text is escaped by the one
//! escaper, `formats::markdown`.

mod escape;
mod json;
mod rebuilt;
mod sections;
mod written;

pub use json::{DOCUMENT_VERSION, Document, MeetingDoc, Source, document};
pub use rebuilt::{from_record, from_record_with, made_in};
pub use written::{Input, render};

#[cfg(test)]
mod tests;
