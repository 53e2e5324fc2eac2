//! The browser face of the library: wasm-bindgen exports used by
//! `dist/fahras.js`. A thin shell: take the index files `fahras.js` fetched,
//! hand them to [`crate::format`], answer queries with [`crate::search`].
//! Downloads are JavaScript's (it streams them to show progress); the
//! parsing and checking of every byte is Rust's.

use js_sys::{Function, Promise, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::format::{FileKind, Index, Root, ROOT_FILE};
use crate::search::{search, SearchOptions, Sort};

/// Most results one call may ask for.
const MAX_LIMIT: u32 = 1000;

/// A loaded index, ready to answer queries.
#[wasm_bindgen]
pub struct Engine {
    index: Index,
}

/// Load the index in the folder at `index_url` (absolute, ending in `/`).
/// `root` holds the bytes of its `index.fhr`; `fetch(url, size)` is called
/// for every other file the root lists (with the size the root records) and
/// must return a promise of its bytes, or reject with an `Error` saying why.
#[wasm_bindgen]
pub async fn load(index_url: String, root: Vec<u8>, fetch: Function) -> Result<Engine, JsError> {
    let root =
        Root::parse(&root).map_err(|e| JsError::new(&format!("{index_url}{ROOT_FILE}: {e}")))?;
    // Start every download before awaiting any, so they run in parallel.
    let mut pending = Vec::new();
    for entry in &root.files {
        let url = JsValue::from_str(&format!("{index_url}{}", entry.name));
        let p = fetch
            .call2(&JsValue::NULL, &url, &JsValue::from_f64(entry.len as f64))
            .map_err(js_error)?;
        pending.push((entry.kind, JsFuture::from(Promise::resolve(&p))));
    }
    let mut files: Vec<(FileKind, Vec<u8>)> = Vec::new();
    for (kind, download) in pending {
        let bytes = download.await.map_err(js_error)?;
        files.push((kind, Uint8Array::new(&bytes).to_vec()));
    }
    let index = Index::assemble(root, |kind| {
        let at = files.iter().position(|(k, _)| *k == kind)?;
        Some(files.swap_remove(at).1)
    })
    .map_err(|e| JsError::new(&format!("index at {index_url}: {e}")))?;
    Ok(Engine { index })
}

/// A JavaScript exception (an `Error` or anything thrown) as a `JsError`.
fn js_error(e: JsValue) -> JsError {
    let msg = match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e
            .as_string()
            .unwrap_or_else(|| "download failed".to_string()),
    };
    JsError::new(&msg)
}

#[wasm_bindgen]
impl Engine {
    /// Search; returns `{query, total, results: [{id, url, title, score,
    /// excerpt, date, source}], facets?}`. `options`: `{limit, filters:
    /// {name: [values]}, sort: "relevance"|"newest"|"oldest", facets: bool}`,
    /// every field optional; anything malformed is an error naming it.
    pub fn search(&self, query: &str, options: JsValue) -> Result<JsValue, JsError> {
        let o: JsOptions = if options.is_undefined() || options.is_null() {
            JsOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options)
                .map_err(|e| JsError::new(&format!("search options: {e}")))?
        };
        let opts = SearchOptions {
            limit: o.limit.unwrap_or(10).min(MAX_LIMIT) as usize,
            filters: o.filters.into_iter().collect(),
            sort: o.sort.unwrap_or_default(),
            facets: o.facets,
        };
        let res = search(&self.index, query, &opts)
            .map_err(|e| JsError::new(&format!("search for «{query}» failed: {e}")))?;
        // json_compatible: None becomes null, as in the CLI's JSON.
        res.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Number of documents in the index.
    #[wasm_bindgen(getter, js_name = docCount)]
    pub fn doc_count(&self) -> u32 {
        self.index.doc_count()
    }
}

/// The options object of `engine.search()`.
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct JsOptions {
    limit: Option<u32>,
    /// Sorted by facet name, so the same options give the same answer.
    filters: std::collections::BTreeMap<String, Vec<String>>,
    sort: Option<Sort>,
    facets: bool,
}
