//! The on-disk index: what the indexer writes and the searcher reads.
//!
//! An index is a folder of plain static files: a small root, and pieces
//! that a browser fetches only when a query needs them.
//!
//! | file                           | what                                           |
//! |--------------------------------|------------------------------------------------|
//! | `index.fhr`                    | root: magic, version, language, corpus         |
//! |                                | statistics, the piece sets and, for the        |
//! |                                | dictionaries, each piece's first key           |
//! | `words/<set>/<n>.fst`          | normalised surface word → its postings         |
//! | `stems/<set>/<n>.fst`          | stem → the postings of every word sharing it   |
//! | `postings/<set>/<n>.bin`       | per word: documents, field lengths, positions  |
//! | `docs/<set>/<n>.bin`           | document store: id, url, title, date, text     |
//! | `filters/<set>/0.bin`          | facets (source, year, tag…) → documents; dates |
//!
//! `<set>` is a hash over every piece of the set, so a redeploy never mixes
//! pieces of two builds and unchanged sets keep their cached names; every
//! piece ends with its own checksum ([`piece`]). All integers are LEB128
//! varints unless said otherwise. This module knows nothing of corpus
//! reading or searching; it only turns bytes into views and back.

mod dict;
mod docstore;
mod error;
mod filters;
mod hash;
mod norms;
pub mod piece;
mod postings;
mod root;
mod varint;

pub use dict::{DictPiece, DictWriter};
pub use docstore::{encode_record, paragraphs, DocRecord, DocStore, DocStoreWriter};
pub use error::FormatError;
pub use filters::{day_key, Facet, FacetValue, Filters, FiltersWriter};
pub use hash::content_hash;
pub use norms::{decode_len, encode_len};
pub use piece::WordRef;
pub use postings::{encode_entry, Posting, PostingsReader, PostingsWriter};
pub use root::{valid_lang, FileKind, KeyRange, PieceSet, Root, Stats, MAX_LANG_LEN, MAX_PIECES};
pub use varint::{read_varint, write_varint, Reader};

mod index;
#[cfg(not(target_arch = "wasm32"))]
pub use index::OpenError;
pub use index::{FiltersRef, Index, PieceId, PostingsList};

/// First bytes of the root file.
pub const MAGIC: &[u8; 8] = b"FAHRAS\x00\x1a";
/// Bumped on every incompatible change of any file's layout.
/// 2: the root holds the corpus language, and a filters file joins the index.
/// 3: the index is cut into pieces fetched on demand; field lengths move
///    from the root into the postings.
/// 4: stem entries name their lone-clitic forms' words too.
pub const VERSION: u16 = 4;
/// The fixed name of the root file inside an index folder.
pub const ROOT_FILE: &str = "index.fhr";
