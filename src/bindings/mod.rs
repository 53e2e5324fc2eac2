//! The browser face of the library: wasm-bindgen exports used by
//! `dist/fahras.js`. A thin shell: fetch the index files, hand them to
//! [`crate::format`], answer queries with [`crate::search`].

use js_sys::Uint8Array;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Response, Window, WorkerGlobalScope};

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
#[wasm_bindgen]
pub async fn load(index_url: String) -> Result<Engine, JsError> {
    let root_url = format!("{index_url}{ROOT_FILE}");
    let root = Root::parse(&fetch_bytes(&root_url).await?)
        .map_err(|e| JsError::new(&format!("{root_url}: {e}")))?;
    // Start every download before awaiting any, so they run in parallel.
    let mut pending = Vec::new();
    for entry in &root.files {
        let url = format!("{index_url}{}", entry.name);
        pending.push((entry.kind, url.clone(), start_fetch(&url)?));
    }
    let mut files: Vec<(FileKind, Vec<u8>)> = Vec::new();
    for (kind, url, promise) in pending {
        files.push((kind, finish_fetch(&url, promise).await?));
    }
    let index = Index::assemble(root, |kind| {
        let at = files.iter().position(|(k, _)| *k == kind)?;
        Some(files.swap_remove(at).1)
    })
    .map_err(|e| JsError::new(&format!("index at {index_url}: {e}")))?;
    Ok(Engine { index })
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

fn start_fetch(url: &str) -> Result<js_sys::Promise, JsError> {
    let global = js_sys::global();
    if let Some(w) = global.dyn_ref::<Window>() {
        Ok(w.fetch_with_str(url))
    } else if let Some(w) = global.dyn_ref::<WorkerGlobalScope>() {
        Ok(w.fetch_with_str(url))
    } else {
        Err(JsError::new("no fetch() in this JavaScript environment"))
    }
}

async fn finish_fetch(url: &str, promise: js_sys::Promise) -> Result<Vec<u8>, JsError> {
    let resp: Response = JsFuture::from(promise)
        .await
        .map_err(|_| JsError::new(&format!("network error while loading {url}")))?
        .dyn_into()
        .map_err(|_| JsError::new(&format!("{url}: not a response")))?;
    if !resp.ok() {
        return Err(JsError::new(&format!("{url}: HTTP {}", resp.status())));
    }
    let body = resp
        .array_buffer()
        .map_err(|_| JsError::new(&format!("{url}: unreadable body")))?;
    let buf = JsFuture::from(body)
        .await
        .map_err(|_| JsError::new(&format!("{url}: download interrupted")))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, JsError> {
    finish_fetch(url, start_fetch(url)?).await
}
