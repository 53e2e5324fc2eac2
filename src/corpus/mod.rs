//! Reading a site's sources into [`Document`]s: `.txt`, `.md` and `.html`
//! files under one or more input folders. Native only (HTML parsing and file
//! walking never reach the wasm).
//!
//! The pipeline for one file, one module per step:
//!
//! ```text
//! walk      find the files under each input, compute ids
//! source    read bytes, reject binary / invalid UTF-8 / empty files
//! text | markdown | html
//!           parse into a title, paragraphs and explicit metadata
//! metadata  date, source line and keywords found in the text
//! clean     paragraph normalisation, site-furniture removal
//! page      render a readable HTML page for a document
//! ```
//!
//! Then, over the whole corpus, `clean` drops the short lines repeated in
//! many documents (a site's footer or newsletter box): see
//! [`read_corpus`], which holds every document, and `stream`
//! ([`list_corpus`]), which reads a corpus of any size in bounded batches
//! on all cores and gives the same documents.

mod clean;
mod error;
mod html;
mod markdown;
mod metadata;
mod page;
mod source;
mod stream;
mod text;
mod walk;

use std::path::PathBuf;

pub use error::{SkipReason, StageError};
pub use metadata::{parse_date, parse_keywords_line, parse_source_line};
pub use page::{escape_html, render_page};
pub use source::MAX_FILE_BYTES;
pub use stream::{list_corpus, Listing, StagedCorpus};

/// One searchable document, as read from its source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Stable id: the path relative to its input folder, without extension,
    /// with `/` separators (e.g. `news/000_d0036755e13d4217`).
    pub id: String,
    /// Source path relative to its input folder, with `/` separators.
    pub rel_path: String,
    pub kind: SourceKind,
    pub title: String,
    /// Body text, paragraphs separated by blank lines ("\n\n"), whitespace
    /// inside a paragraph collapsed to single spaces. The source and
    /// keywords lines are taken out; the date line stays in. Site furniture
    /// (share buttons, comment forms, "read also" blocks, repeated footers)
    /// is removed, so it reaches neither the index, the excerpts nor the
    /// article page.
    pub body: String,
    /// Publication date as ISO `YYYY-MM-DD` (or `YYYY-MM`) when found.
    pub date: Option<String>,
    /// Source / agency line ("المصدر: …") when found.
    pub source: Option<String>,
    /// Keywords / tags: from a "كلمات دلالية: …" line or `tags:` /
    /// `keywords:` front matter. A line is split on explicit separators
    /// (`,` `،` `;` `؛` `|` `/`); a line without any (the usual scraped
    /// Arabic case, where the phrases run together) stays one keyword.
    pub keywords: Vec<String>,
    /// Filters the source declares for itself, as (name, value): front
    /// matter `filter_NAME: value`, HTML `data-fahras-filter="NAME"` on an
    /// element (its text is the value) or `data-fahras-filter="NAME:value"`.
    pub filters: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Text,
    Markdown,
    Html,
}

impl SourceKind {
    /// The kind for a file extension (case-insensitive, without the dot).
    pub fn from_extension(ext: &str) -> Option<SourceKind> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(SourceKind::Text),
            "md" | "markdown" => Some(SourceKind::Markdown),
            "html" | "htm" => Some(SourceKind::Html),
            _ => None,
        }
    }
}

/// A file that was skipped, and why.
#[derive(Debug, Clone)]
pub struct Warning {
    pub path: PathBuf,
    pub reason: String,
}

impl Warning {
    fn new(path: impl Into<PathBuf>, reason: impl ToString) -> Warning {
        Warning {
            path: path.into(),
            reason: reason.to_string(),
        }
    }
}

/// What a format parser hands back: the title, the raw paragraphs (not yet
/// normalised) and whatever metadata the format states explicitly (front
/// matter, `<meta>`, `<time>`). Text-level metadata is found afterwards.
#[derive(Debug, Default)]
struct Parsed {
    title: String,
    paragraphs: Vec<String>,
    date: Option<String>,
    source: Option<String>,
    keywords: Vec<String>,
    filters: Vec<(String, String)>,
}

/// Read every supported file under `inputs` (files or folders), sorted by id
/// so that builds are deterministic. Unreadable or unsupported files become
/// warnings; they never stop the build.
///
/// Folders are walked recursively without following symlinks, skipping
/// hidden entries and `node_modules`; files with other extensions inside a
/// folder are ignored silently. When two files give the same id, the first
/// one met (inputs in order, files in name order) wins and the second
/// becomes a warning.
///
/// Site furniture (share buttons, comment forms, "read also" blocks, …) is
/// left out of the bodies; so, in a second pass over all documents, is
/// every short line found in at least max(3, 20%) of them.
pub fn read_corpus(inputs: &[PathBuf]) -> (Vec<Document>, Vec<Warning>) {
    list_corpus(inputs).read_all()
}

/// Read and parse one file into a document.
fn read_document(found: &walk::FoundFile) -> Result<Document, SkipReason> {
    let raw = source::read_text(&found.path)?;
    let parsed = match found.kind {
        SourceKind::Text => text::parse(&raw),
        SourceKind::Markdown => markdown::parse(&raw),
        SourceKind::Html => html::parse(&raw),
    };
    let Parsed {
        title,
        paragraphs,
        date,
        source,
        keywords,
        filters,
    } = parsed;

    let paragraphs = clean::normalize_paragraphs(paragraphs);
    let found_meta = metadata::extract(paragraphs);
    let paragraphs = clean::remove_furniture(found_meta.paragraphs);

    let mut title = clean::collapse_whitespace(&title);
    let body = paragraphs.join("\n\n");
    if title.is_empty() && body.is_empty() {
        return Err(SkipReason::NoText);
    }
    if title.is_empty() {
        title = found
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| found.id().to_string());
    }
    let mut keywords = keywords;
    if keywords.is_empty() {
        keywords = found_meta.keywords;
    }
    Ok(Document {
        id: found.id().to_string(),
        rel_path: found.rel_path.to_string(),
        kind: found.kind,
        title,
        body,
        date: date.or(found_meta.date),
        source: source.or(found_meta.source),
        keywords,
        filters,
    })
}
