//! The on-disk index: what the indexer writes and the searcher reads.
//!
//! An index is a folder of plain static files:
//!
//! | file                  | what                                                     |
//! |-----------------------|----------------------------------------------------------|
//! | `index.fhr`           | root: magic, version, language, corpus statistics, norms,|
//! |                       | and the names, sizes and hashes of the other files       |
//! | `words.<hash>.fst`    | `fst::Map`: normalised surface word → postings offset    |
//! | `stems.<hash>.fst`    | `fst::Map`: stem → its word(s) (see [`stems`])           |
//! | `groups.<hash>.bin`   | lists of word postings sharing one stem                  |
//! | `postings.<hash>.bin` | per word: documents, term frequencies, positions         |
//! | `docs.<hash>.bin`     | document store: id, url, title, date, text for excerpts  |
//! | `filters.<hash>.bin`  | facets (source, year, tag…) → documents; dates to sort by |
//!
//! Everything but the root is named by its content hash, so a redeploy never
//! mixes pieces of two builds, and the root records each file's hash so a
//! loader can reject a stale or damaged piece. All integers are LEB128
//! varints unless said otherwise. This module knows nothing of corpus reading
//! or searching; it only turns bytes into views and back.

mod docstore;
mod error;
mod filters;
mod hash;
mod norms;
mod postings;
mod root;
pub mod stems;
mod varint;

pub use docstore::{paragraphs, DocRecord, DocStore, DocStoreWriter};
pub use error::FormatError;
pub use filters::{day_key, Facet, FacetValue, Filters, FiltersWriter};
pub use hash::content_hash;
pub use norms::{decode_len, encode_len};
pub use postings::{Posting, PostingsReader, PostingsWriter};
pub use root::{valid_lang, FileEntry, FileKind, Root, Stats, MAX_LANG_LEN};
pub use varint::{read_varint, write_varint, Reader};

mod index;
pub use index::Index;
#[cfg(not(target_arch = "wasm32"))]
pub use index::OpenError;

/// First bytes of the root file.
pub const MAGIC: &[u8; 8] = b"FAHRAS\x00\x1a";
/// Bumped on every incompatible change of any file's layout.
/// 2: the root holds the corpus language (`Root::lang`), and a filters
/// file joins the index (facets, dates).
pub const VERSION: u16 = 2;
/// The fixed name of the root file inside an index folder.
pub const ROOT_FILE: &str = "index.fhr";
