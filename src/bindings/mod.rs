//! The browser face of the library: wasm-bindgen exports used by
//! `dist/fahras.js`. A thin shell: fetch the root, then, query by query,
//! the pieces [`crate::search::search_step`] asks for (through `web-sys`,
//! each fetched once and kept), and answer with
//! [`crate::search`].

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Promise, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{Response, Window, WorkerGlobalScope};

use crate::format::{Index, PieceId, Root, ROOT_FILE};
use crate::search::{search_step, search_step_with, SearchOptions, Sort, Step};

/// Most results one call may ask for.
const MAX_LIMIT: u32 = 1000;
/// Longest root file read (it grows with the number of dictionary pieces only).
const MAX_ROOT_BYTES: u64 = 16 << 20;
/// Longest piece read; pieces end with their own checksum, so a damaged
/// or mixed-up piece is rejected whatever its size.
const MAX_PIECE_BYTES: u64 = 256 << 20;
/// A search needs three to five rounds of fetches (the word's dictionary
/// pieces; for rare words, their near-misses and clitic forms; postings;
/// documents); more than this means something is wrong.
const MAX_ROUNDS: usize = 12;

/// An index being searched: its root, and the pieces fetched so far.
#[wasm_bindgen]
pub struct Engine {
    inner: Rc<Inner>,
}

struct Inner {
    base: String,
    index: Index,
    /// Fetches under way, shared by overlapping searches (fast typing).
    pending: RefCell<HashMap<PieceId, Promise>>,
    fetched_bytes: Cell<f64>,
}

/// Fetch the root file (`index.fhr`) of the index folder at `index_url`.
#[wasm_bindgen(js_name = fetchRoot)]
pub async fn fetch_root(index_url: String) -> Result<Vec<u8>, JsError> {
    let url = format!("{index_url}{ROOT_FILE}");
    fetch_bytes(&url, MAX_ROOT_BYTES).await
}

/// The main language a root records (`ar`, `en`), or "" when it does not
/// parse or records none: the widget's guess for a page that states none.
#[wasm_bindgen(js_name = rootLang)]
pub fn root_lang(root: &[u8]) -> String {
    Root::parse(root).map(|r| r.lang).unwrap_or_default()
}

/// Open the index in the folder at `index_url` (absolute, ending in `/`)
/// from the bytes of its `index.fhr`. Nothing else is downloaded until a
/// query needs it. `on_progress(loaded, total)` is called once, with the
/// root's size (kept for the API's sake: there is nothing more to wait for).
#[wasm_bindgen]
pub async fn load(
    index_url: String,
    root: Vec<u8>,
    on_progress: Option<Function>,
) -> Result<Engine, JsError> {
    let len = root.len() as f64;
    let root =
        Root::parse(&root).map_err(|e| JsError::new(&format!("{index_url}{ROOT_FILE}: {e}")))?;
    if let Some(f) = on_progress {
        // A page's progress handler cannot break the load.
        let _ = f.call2(&JsValue::NULL, &len.into(), &len.into());
    }
    Ok(Engine {
        inner: Rc::new(Inner {
            base: index_url,
            index: Index::new(root),
            pending: RefCell::default(),
            fetched_bytes: Cell::new(len),
        }),
    })
}

impl Inner {
    /// Fetch the dictionary and postings pieces `query` needs (not the
    /// documents it would show), quietly: a failure here is met again, and
    /// reported, by the search that needs the piece.
    async fn prefetch(self: Rc<Self>, query: String) {
        // After the answer at hand is shown: a task of its own, not a
        // microtask that would run before the page sees the results.
        if next_task().await.is_err() {
            return;
        }
        // No documents to show: only the pieces ranking needs.
        let opts = SearchOptions {
            limit: 0,
            ..Default::default()
        };
        for _ in 0..MAX_ROUNDS {
            let Ok(Step::Need(ids)) = search_step(&self.index, &query, &opts) else {
                return;
            };
            let ids: Vec<PieceId> = ids
                .into_iter()
                .filter(|id| id.kind != crate::format::FileKind::Docs)
                .collect();
            if ids.is_empty() || self.fetch_all(ids).await.is_err() {
                return;
            }
        }
    }

    /// Fetch and add every piece in `ids` (in parallel, each once).
    async fn fetch_all(self: &Rc<Self>, ids: Vec<PieceId>) -> Result<(), JsError> {
        let all = js_sys::Array::new();
        for id in &ids {
            let p = self.pending.borrow().get(id).cloned();
            let p = match p {
                Some(p) => p,
                None => {
                    let url = format!("{}{}", self.base, self.index.path(*id));
                    let me = self.clone();
                    let id = *id;
                    let p = future_to_promise(async move {
                        let bytes = fetch_bytes(&url, MAX_PIECE_BYTES).await;
                        me.pending.borrow_mut().remove(&id);
                        let bytes = bytes?;
                        me.fetched_bytes
                            .set(me.fetched_bytes.get() + bytes.len() as f64);
                        me.index
                            .add_piece(id, &bytes)
                            .map_err(|e| JsError::new(&format!("{url}: {e}")))?;
                        Ok(JsValue::TRUE)
                    });
                    self.pending.borrow_mut().insert(id, p.clone());
                    p
                }
            };
            all.push(&p);
        }
        // "index piece" marks a loading failure (fahras.js tells the
        // visitor the index could not be loaded, not that the search broke).
        JsFuture::from(Promise::all(&all))
            .await
            .map(|_| ())
            .map_err(|e| {
                JsError::new(&format!(
                    "could not load the index piece {}",
                    js_message(&e)
                ))
            })
    }
}

/// Resolves in a later task (`setTimeout(…, 0)` of the page or worker).
async fn next_task() -> Result<JsValue, JsValue> {
    let global = js_sys::global();
    let set_timeout: Function = js_sys::Reflect::get(&global, &"setTimeout".into())?.dyn_into()?;
    let wait = Promise::new(&mut |resolve, _| {
        let _ = set_timeout.call2(&global, &resolve, &0.into());
    });
    JsFuture::from(wait).await
}

/// The body at `url` through the page's (or worker's) `fetch`, read whole
/// (pieces are small: one await, no stream to pump), and an error past
/// `max` bytes.
async fn fetch_bytes(url: &str, max: u64) -> Result<Vec<u8>, JsError> {
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
    let buf = JsFuture::from(resp.array_buffer().map_err(|_| interrupted())?)
        .await
        .map_err(|_| interrupted())?;
    let bytes = Uint8Array::new(&buf);
    if u64::from(bytes.length()) > max {
        return Err(JsError::new(&format!(
            "{url}: larger than an index file can be (not an index?)"
        )));
    }
    Ok(bytes.to_vec())
}

/// The message of a JavaScript exception (an `Error` or anything thrown).
fn js_message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e
            .as_string()
            .unwrap_or_else(|| "download failed".to_string()),
    }
}

#[wasm_bindgen]
impl Engine {
    /// Search; resolves to `{query, total, results: [{id, url, title,
    /// score, excerpt, date, source, marks, anchor}], facets?}`, fetching
    /// the pieces the query needs first. `options`: `{limit, filters:
    /// {name: [values]}, sort: "relevance"|"newest"|"oldest", facets:
    /// bool}`, every field optional; anything malformed is an error naming it.
    pub fn search(&self, query: String, options: JsValue) -> Result<Promise, JsError> {
        let opts = read_options(&options)?;
        let inner = self.inner.clone();
        Ok(future_to_promise(async move {
            let failed = |e: &dyn std::fmt::Display| {
                JsValue::from(JsError::new(&format!("search for «{query}» failed: {e}")))
            };
            // The ranking, once complete, is kept for the round that only
            // fetches the documents to show.
            let mut kept = None;
            for _ in 0..MAX_ROUNDS {
                match search_step_with(&inner.index, &query, &opts, &mut kept)
                    .map_err(|e| failed(&e))?
                {
                    Step::Done(res) => {
                        if let Some(next) = res.likely_next.clone() {
                            // Fetch ahead what the next keystrokes likely need.
                            let me = inner.clone();
                            wasm_bindgen_futures::spawn_local(
                                async move { me.prefetch(next).await },
                            );
                        }
                        // json_compatible: None becomes null, as in the CLI's JSON.
                        return res
                            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                            .map_err(|e| failed(&e));
                    }
                    Step::Need(ids) => inner.fetch_all(ids).await.map_err(JsValue::from)?,
                }
            }
            Err(failed(&"the index keeps asking for more pieces"))
        }))
    }

    /// Number of documents in the index.
    #[wasm_bindgen(getter, js_name = docCount)]
    pub fn doc_count(&self) -> u32 {
        self.inner.index.doc_count()
    }

    /// Bytes of index files fetched so far (root included), as received.
    #[wasm_bindgen(getter, js_name = fetchedBytes)]
    pub fn fetched_bytes(&self) -> f64 {
        self.inner.fetched_bytes.get()
    }

    /// Index pieces held so far.
    #[wasm_bindgen(getter, js_name = piecesHeld)]
    pub fn pieces_held(&self) -> u32 {
        self.inner.index.pieces_held() as u32
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
