//! The browser face of the library: wasm-bindgen exports used by
//! `dist/fahras.js`. A thin shell: fetch the index files (streamed through
//! `web-sys`, so the page can show progress), hand them to
//! [`crate::format`], answer queries with [`crate::search`].

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{ReadableStreamDefaultReader, Response, Window, WorkerGlobalScope};

use crate::format::{FileKind, Index, Root, ROOT_FILE};
use crate::search::{search, SearchOptions, Sort};

/// Most results one call may ask for.
const MAX_LIMIT: u32 = 1000;

/// A loaded index, ready to answer queries.
#[wasm_bindgen]
pub struct Engine {
    index: Index,
}

/// Longest root file read (its norms grow with the corpus: 2 bytes a document).
const MAX_ROOT_BYTES: u64 = 64 << 20;

/// Fetch the root file (`index.fhr`) of the index folder at `index_url`.
#[wasm_bindgen(js_name = fetchRoot)]
pub async fn fetch_root(index_url: String) -> Result<Vec<u8>, JsError> {
    let url = format!("{index_url}{ROOT_FILE}");
    fetch_bytes(&url, MAX_ROOT_BYTES, None).await
}

/// The main language a root records (`ar`, `en`), or "" when it does not
/// parse or records none: the widget's guess for a page that states none.
#[wasm_bindgen(js_name = rootLang)]
pub fn root_lang(root: &[u8]) -> String {
    Root::parse(root).map(|r| r.lang).unwrap_or_default()
}

/// Load the index in the folder at `index_url` (absolute, ending in `/`).
/// `root` holds the bytes of its `index.fhr`; every other file it lists is
/// downloaded in parallel, streamed, and cut off at the size the root
/// records. `on_progress(loaded, total)` follows the bytes as they arrive.
#[wasm_bindgen]
pub async fn load(
    index_url: String,
    root: Vec<u8>,
    on_progress: Option<Function>,
) -> Result<Engine, JsError> {
    let root =
        Root::parse(&root).map_err(|e| JsError::new(&format!("{index_url}{ROOT_FILE}: {e}")))?;
    let total: u64 = root.files.iter().map(|e| e.len).sum();
    let loaded = Rc::new(Cell::new(0u64));
    // Cleared once the load has settled: a failed file ends the others'
    // downloads, and no progress is reported after the outcome is known.
    let live = Rc::new(Cell::new(true));
    let downloads = js_sys::Array::new();
    for entry in &root.files {
        let url = format!("{index_url}{}", entry.name);
        let (len, loaded, on_progress) = (entry.len, loaded.clone(), on_progress.clone());
        let live = live.clone();
        downloads.push(&future_to_promise(async move {
            let report = move |n: u64| {
                if !live.get() {
                    return false;
                }
                loaded.set(loaded.get() + n);
                if let Some(f) = &on_progress {
                    let (got, all) = (loaded.get() as f64, total as f64);
                    // A page's progress handler cannot break the load.
                    let _ = f.call2(&JsValue::NULL, &got.into(), &all.into());
                }
                true
            };
            let bytes = fetch_bytes(&url, len, Some(&report)).await?;
            Ok(Uint8Array::from(bytes.as_slice()).into())
        }));
    }
    let done = JsFuture::from(Promise::all(&downloads)).await;
    live.set(false);
    let done = done.map_err(js_error)?;
    let done = js_sys::Array::from(&done);
    let mut files: Vec<(FileKind, Vec<u8>)> = root
        .files
        .iter()
        .zip(done.iter())
        .map(|(e, b)| (e.kind, Uint8Array::new(&b).to_vec()))
        .collect();
    let index = Index::assemble(root, |kind| {
        let at = files.iter().position(|(k, _)| *k == kind)?;
        Some(files.swap_remove(at).1)
    })
    .map_err(|e| JsError::new(&format!("index at {index_url}: {e}")))?;
    Ok(Engine { index })
}

/// The body at `url` through the page's (or worker's) `fetch`, streamed:
/// `on_chunk(n)` after every piece (it answers false to stop the
/// download), and an error past `max` bytes (a stale
/// or mixed-up file, which the hash check would reject anyway).
async fn fetch_bytes(
    url: &str,
    max: u64,
    on_chunk: Option<&dyn Fn(u64) -> bool>,
) -> Result<Vec<u8>, JsError> {
    let global = js_sys::global();
    let pending = if let Some(w) = global.dyn_ref::<Window>() {
        w.fetch_with_str(url)
    } else if let Some(w) = global.dyn_ref::<WorkerGlobalScope>() {
        w.fetch_with_str(url)
    } else {
        return Err(JsError::new("no fetch() in this JavaScript environment"));
    };
    let resp: Response = JsFuture::from(pending)
        .await
        .map_err(|_| JsError::new(&format!("network error while loading {url}")))?
        .dyn_into()
        .map_err(|_| JsError::new(&format!("{url}: not a response")))?;
    if !resp.ok() {
        return Err(JsError::new(&format!("{url}: HTTP {}", resp.status())));
    }
    let interrupted = || JsError::new(&format!("{url}: download interrupted"));
    let too_big = || {
        JsError::new(&format!(
            "{url}: larger than index.fhr says (stale cache or mixed builds?)"
        ))
    };
    let Some(body) = resp.body() else {
        // No stream (old engines): the whole body at once.
        let buf = JsFuture::from(resp.array_buffer().map_err(|_| interrupted())?)
            .await
            .map_err(|_| interrupted())?;
        let bytes = Uint8Array::new(&buf).to_vec();
        if bytes.len() as u64 > max {
            return Err(too_big());
        }
        if let Some(f) = on_chunk {
            let _ = f(bytes.len() as u64);
        }
        return Ok(bytes);
    };
    let reader: ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| JsError::new(&format!("{url}: unreadable body")))?;
    let mut out = Vec::new();
    loop {
        let step = JsFuture::from(reader.read())
            .await
            .map_err(|_| interrupted())?;
        let done = js_sys::Reflect::get(&step, &"done".into()).map_err(|_| interrupted())?;
        if done.is_truthy() {
            return Ok(out);
        }
        let chunk = js_sys::Reflect::get(&step, &"value".into()).map_err(|_| interrupted())?;
        let chunk = Uint8Array::new(&chunk);
        if (out.len() as u64).saturating_add(u64::from(chunk.length())) > max {
            let _ = reader.cancel();
            return Err(too_big());
        }
        out.extend_from_slice(&chunk.to_vec());
        if on_chunk.is_some_and(|f| !f(u64::from(chunk.length()))) {
            let _ = reader.cancel();
            return Err(JsError::new(&format!("{url}: download stopped")));
        }
    }
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
        let opts = read_options(&options)?;
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

/// The options object of `engine.search()`, read field by field (a serde
/// derive here would add tens of kilobytes to the wasm). Missing fields take
/// their defaults; a field of the wrong type is an error naming it.
fn read_options(o: &JsValue) -> Result<SearchOptions, JsError> {
    let mut opts = SearchOptions::default();
    if o.is_undefined() || o.is_null() {
        return Ok(opts);
    }
    let field = |name: &str| js_sys::Reflect::get(o, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let bad = |name: &str| JsError::new(&format!("search options: `{name}` has the wrong type"));
    let limit = field("limit");
    if !limit.is_undefined() {
        let n = limit.as_f64().ok_or_else(|| bad("limit"))?;
        opts.limit = n.clamp(0.0, f64::from(MAX_LIMIT)) as usize;
    }
    let sort = field("sort");
    if !sort.is_undefined() {
        opts.sort = match sort.as_string().as_deref() {
            Some("relevance") => Sort::Relevance,
            Some("newest") => Sort::Newest,
            Some("oldest") => Sort::Oldest,
            _ => return Err(bad("sort")),
        };
    }
    opts.facets = field("facets").is_truthy();
    let filters = field("filters");
    if !filters.is_undefined() && !filters.is_null() {
        let filters: &js_sys::Object = filters.dyn_ref().ok_or_else(|| bad("filters"))?;
        for pair in js_sys::Object::entries(filters).iter() {
            let pair = js_sys::Array::from(&pair);
            let name = pair.get(0).as_string().unwrap_or_default();
            let v = pair.get(1);
            let values: Vec<String> = if let Some(one) = v.as_string() {
                vec![one]
            } else if js_sys::Array::is_array(&v) {
                js_sys::Array::from(&v)
                    .iter()
                    .filter_map(|v| v.as_string())
                    .collect()
            } else {
                return Err(bad("filters"));
            };
            opts.filters.push((name, values));
        }
    }
    Ok(opts)
}
