//! How an export knows its own files, and the plan that turns what a folder
//! holds into what to write, keep, rename and skip. Every record ends with
//! a marker line that names its decision and carries a digest of the text
//! above it: a file whose text no longer matches was edited by hand since,
//! and is not replaced unless the user asks (`--force`). Pure: no files.

use sha2::{Digest, Sha256};

use crate::domain::DecisionId;

use super::number_of;

/// What the marker line of decision `id` starts with.
fn marker_prefix(id: DecisionId) -> String {
    format!("<!-- rhythm decision #{id}:")
}

/// The first 16 hex digits of the SHA-256 of `text`, line endings read as
/// `\n` so that a checkout that turned them into `\r\n` is not an edit.
/// Sixteen digits tell an edit from none; the file need not carry more.
fn digest(text: &str) -> String {
    let hash = Sha256::digest(text.replace("\r\n", "\n").as_bytes());
    hash.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// `body` as a record of decision `id`: a blank line, then the marker (an
/// HTML comment, invisible once rendered) with the digest of all above it.
pub(super) fn seal(id: DecisionId, body: &str) -> String {
    let text = format!("{body}\n");
    let hash = digest(&text);
    format!(
        "{text}{} sha256 {hash}; written by `rhythm decision export`, which replaces this file on the next export unless it was edited since -->\n",
        marker_prefix(id)
    )
}

/// Who a file in the export folder belongs to, for decision `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Not a record this export wrote for the decision.
    Foreign,
    /// A record this export wrote; `edited` when its text changed since.
    Ours { edited: bool },
}

/// Whether `text` is a record this export wrote for decision `id`, and
/// whether it was edited since. Records written before the marker carried
/// a digest cannot tell, and are replaced as their marker promised.
pub fn origin(text: &str, id: DecisionId) -> Origin {
    let prefix = marker_prefix(id);
    let mut at = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(&prefix) {
            at = Some((start, line));
        }
        start += line.len();
    }
    let Some((start, line)) = at else {
        return Origin::Foreign;
    };
    let after = &text[start + line.len()..];
    let Some(hash) = line[prefix.len()..]
        .strip_prefix(" sha256 ")
        .and_then(|rest| rest.split_once(';'))
        .map(|(hash, _)| hash)
    else {
        return Origin::Ours { edited: false };
    };
    let edited = digest(&text[..start]) != hash || !after.trim().is_empty();
    Origin::Ours { edited }
}

/// One decision's record, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: DecisionId,
    pub name: String,
    pub text: String,
}

/// What exporting a record does to the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// No file for it yet: write `name`.
    Create(String),
    /// Its file is there with other text: write it again.
    Update(String),
    /// Its file is there with this very text.
    Keep(String),
    /// Its title changed since the last export: write `to`, remove `from`
    /// (the files this export wrote for it under earlier titles).
    Rename { from: Vec<String>, to: String },
    /// Its files were edited by hand since the export wrote them: leave
    /// them (and the record) as they are.
    Skip(Vec<String>),
}

/// The steps that bring a folder holding `existing` (file name and text of
/// each file whose name starts with a number) up to date with `records`,
/// one step per record, in order. A file this export did not write, in the
/// way of a record, is an error naming it; a record edited since it was
/// written is skipped. `force` overwrites both.
pub fn plan(
    records: &[Record],
    existing: &[(String, String)],
    force: bool,
) -> Result<Vec<Step>, String> {
    let mut steps = Vec::with_capacity(records.len());
    for r in records {
        let same_number = existing
            .iter()
            .filter(|(name, _)| number_of(name) == Some(r.id.0));
        let mut at_target = None;
        let mut stale = Vec::new();
        let mut edited = Vec::new();
        for (name, text) in same_number {
            let origin = origin(text, r.id);
            if origin == (Origin::Ours { edited: true }) {
                edited.push(name.clone());
            }
            if *name == r.name {
                if origin == Origin::Foreign && !force {
                    return Err(name.clone());
                }
                at_target = Some(text);
            } else if origin != Origin::Foreign {
                stale.push(name.clone());
            }
        }
        stale.sort();
        edited.sort();
        steps.push(match at_target {
            _ if !edited.is_empty() && !force => Step::Skip(edited),
            _ if !stale.is_empty() => Step::Rename {
                from: stale,
                to: r.name.clone(),
            },
            None => Step::Create(r.name.clone()),
            Some(text) if *text == r.text => Step::Keep(r.name.clone()),
            Some(_) => Step::Update(r.name.clone()),
        });
    }
    Ok(steps)
}
