//! Fahras: client-side full-text search for static sites, Arabic first.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! corpus   (read .txt/.md/.html into Documents)          native only
//!   -> analysis (normalise, tokenise, stem)              shared
//!   -> indexer  (build postings, fst dictionaries, store) native only
//!   -> format   (the on-disk index: bytes in, views out) shared
//!   -> search   (query, BM25, excerpts)                  shared
//!   -> bindings (wasm-bindgen shell for the browser)     wasm only
//! ```
//!
//! Dependencies point one way: `analysis` depends on nothing of ours,
//! `format` on `analysis` at most, `search` on `format` and `analysis`.
//! `html` (escaping) depends on nothing and serves both page writers,
//! `corpus` and `search`. The CLI (`src/main.rs`, `cli`) may use
//! everything; the wasm bindings use only `analysis`, `format` and `search`.

pub mod analysis;
pub mod format;
pub mod html;
pub mod search;

#[cfg(not(target_arch = "wasm32"))]
pub mod corpus;
#[cfg(not(target_arch = "wasm32"))]
pub mod indexer;

#[cfg(target_arch = "wasm32")]
mod bindings;
