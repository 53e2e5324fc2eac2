// Fahras in the browser: the one module pages import (copied to dist/fahras.js).
//
//   import { load } from './fahras.js';
//   const engine = await load('./index/');
//   const { total, results } = await engine.search('لافروف', { limit: 10 });
//
// All analysis and ranking happen in the wasm module next to this file; this
// shell only finds it, resolves URLs and keeps the API stable. load() reads
// only the index's small root; each search fetches the pieces it needs
// (dictionary ranges, postings, the documents it shows) and keeps them, so
// later keystrokes reuse them.

import init, { load as loadIndex, fetchRoot as fetchRootBytes, rootLang } from './fahras_core.js';

let ready = null;

function wasmReady() {
  ready ??= init({ module_or_path: new URL('./fahras_core_bg.wasm', import.meta.url) });
  return ready;
}

function folderUrl(indexUrl) {
  const base = globalThis.document?.baseURI ?? globalThis.location?.href;
  const url = new URL(String(indexUrl ?? './'), base);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

// index.fhr fetched early by a widget to learn the index's language; the
// next load() of that index takes it over instead of downloading it again.
const roots = new Map();

function fetchRoot(base, keep = false) {
  const url = base.href;
  let p = roots.get(url);
  if (!keep) roots.delete(url);
  if (!p) {
    p = wasmReady().then(() => fetchRootBytes(url));
    if (keep) {
      roots.set(url, p);
      p.catch(() => roots.get(url) === p && roots.delete(url)); // a failed read is not reused
    }
  }
  return p;
}

/**
 * Load the index folder written by `fahras build --out`.
 * @param {string|URL} indexUrl folder URL, relative to the page or absolute
 * @param {{onProgress?: (loaded: number, total: number) => void}} [options]
 *   onProgress: bytes of the index files received so far, of the total the root lists
 * @returns {Promise<{search(query: string, options?: {limit?: number}): Promise<object>, docCount: number, lang: string}>}
 */
export async function load(indexUrl, { onProgress } = {}) {
  const base = folderUrl(indexUrl);
  try {
    await wasmReady();
  } catch (e) {
    ready = null;
    throw new Error(`Fahras could not start its WebAssembly module: ${e?.message ?? e}`);
  }
  let engine, lang;
  try {
    const bytes = await fetchRoot(base);
    lang = rootLang(bytes);
    engine = await loadIndex(base.href, bytes, typeof onProgress === 'function' ? onProgress : undefined);
  } catch (e) {
    throw new Error(`Fahras could not load the index at ${base.href}: ${e?.message ?? e}`);
  }
  return {
    docCount: engine.docCount,
    /** Bytes of index files downloaded so far, and how many pieces are held. */
    get fetchedBytes() { return engine.fetchedBytes; },
    get piecesHeld() { return engine.piecesHeld; },
    /** Main language of the indexed texts ('ar', 'en'; '' if unknown). */
    lang,
    /**
     * @param {string} query
     * @param {{limit?: number, filters?: Object<string, string[]>, sort?: 'relevance'|'newest'|'oldest', facets?: boolean}} [options]
     *   filters: facet name → values (any value of a facet, every facet);
     *   facets: also count facet values among the results.
     * @returns {Promise<{query: string, total: number, results: Array<{id: string, url: string, title: string, score: number, excerpt: string, date: string|null, source: string|null}>, facets?: Array<{name: string, values: Array<{value: string, count: number, selected: boolean}>}>, missing?: string[], retry?: string}>}
     */
    async search(query, { limit = 10, filters, sort, facets } = {}) {
      const n = Math.max(0, Math.min(1000, Math.floor(Number(limit) || 0)));
      const options = { limit: n, facets: facets === true };
      if (filters && typeof filters === 'object') {
        options.filters = Object.fromEntries(Object.entries(filters)
          .map(([k, v]) => [String(k), (Array.isArray(v) ? v : [v]).map(String)]));
      }
      if (sort) options.sort = String(sort);
      let res;
      try {
        res = await engine.search(String(query ?? ''), options);
      } catch (e) {
        const msg = String(e?.message ?? e);
        const err = new Error(/^could not load the index piece/.test(msg)
          ? `Fahras ${msg.replace(/^could not load the index piece/, 'could not load a piece of the index at ' + base.href + ':')}`
          : msg);
        // A piece of the index could not be fetched or was damaged: a
        // loading failure, which a later search may overcome.
        err.indexUnavailable = /^could not load the index piece/.test(msg);
        throw err;
      }
      for (const r of res.results) {
        // Relative URLs in the index are relative to the index folder.
        // Only web links reach a page: a corpus file named
        // "javascript:alert(1).html" must not become a script URL.
        let url;
        try {
          url = new URL(r.url, base);
        } catch {
          url = null;
        }
        r.url = url && /^https?:$/.test(url.protocol) ? url.href : base.href;
        // The link to open: the article with the matched words to highlight
        // (its page's highlight.js marks them) at its best paragraph.
        const link = new URL(r.url);
        if (r.marks?.length) link.searchParams.set('fahras-highlight', r.marks.join(' '));
        if (r.anchor) link.hash = r.anchor;
        r.link = link.href;
      }
      return res;
    },
  };
}

// ---------------------------------------------------------------------------
// <fahras-search index="./index/">: the embeddable search box.
//
//   <script type="module" src="https://example.org/search/fahras.js"></script>
//   <fahras-search index="https://example.org/search/index/"></fahras-search>
//
// Attributes: index, placeholder, label, limit, lang, dir, mode="inline|modal",
// theme="light|dark". Methods: search(q), open(), close(). Events (bubbling,
// composed): fahras:results {detail: results object}, fahras:select {detail:
// the chosen result; cancelable: preventDefault() stops the navigation}.
// Shadow DOM + constructable stylesheets only: works under a CSP without
// 'unsafe-inline'. Theming: --fahras-* custom properties (see docs/widget.md).

const TAG = 'fahras-search';

const dark = '--_a:var(--fahras-accent,#5fd0b5);--_bg:var(--fahras-bg,#1e2126);--_fg:var(--fahras-fg,#e8e6e1);--_mu:var(--fahras-muted,#a9aeb7);--_bd:var(--fahras-border,#4a4f59);--_hi:var(--fahras-active-bg,#1d3a34);--_mk:var(--fahras-mark,#6b5612);--_mt:var(--fahras-mark-text,#fff6d6);--_fo:var(--fahras-focus,#8ab4f8);--_er:var(--fahras-error,#ff9d94);color-scheme:dark;';
const CSS = `:host{display:block;position:relative;line-height:1.5;--_a:var(--fahras-accent,#0f6b5c);--_bg:var(--fahras-bg,#fff);--_fg:var(--fahras-fg,#1d1f23);--_mu:var(--fahras-muted,#5d626b);--_bd:var(--fahras-border,#8f939b);--_hi:var(--fahras-active-bg,#e3f1ed);--_mk:var(--fahras-mark,#ffe58a);--_mt:var(--fahras-mark-text,inherit);--_fo:var(--fahras-focus,#1a73e8);--_er:var(--fahras-error,#a3231b);--_r:var(--fahras-radius,.75rem);--_sh:var(--fahras-shadow,0 8px 28px rgb(0 0 0/.18));color-scheme:light}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){${dark}}}
:host([theme=dark]){${dark}}
:host([mode=modal]){display:inline-block}
:host([hidden]){display:none}
*{box-sizing:border-box}
.root{color:var(--_fg)}
.box{position:relative}
.ico{position:absolute;inset-inline-start:.85rem;top:50%;width:1.2rem;height:1.2rem;transform:translateY(-50%);fill:none;stroke:currentColor;stroke-width:2.2;stroke-linecap:round;color:var(--_mu);pointer-events:none}
input{display:block;width:100%;min-height:2.9rem;margin:0;padding:.5rem .9rem;padding-inline-start:2.7rem;border:2px solid var(--_bd);border-radius:var(--_r);background:var(--_bg);color:var(--_fg);font:inherit;font-size:max(1rem,1.05em);-webkit-appearance:none;appearance:none}
input::placeholder{color:var(--_mu);opacity:1}
input:focus{border-color:var(--_a);outline:3px solid var(--_fo);outline-offset:1px}
button{display:inline-flex;align-items:center;justify-content:center;gap:.5rem;min-width:44px;min-height:44px;margin:0;padding:.4rem .9rem;border:1px solid var(--_bd);border-radius:999px;background:var(--_bg);color:var(--_fg);font:inherit;cursor:pointer}
button:hover{border-color:var(--_a)}
button:focus-visible{outline:3px solid var(--_fo);outline-offset:2px}
button .ico{position:static;transform:none}
kbd{font:inherit;font-size:.8em;padding:0 .4em;border:1px solid var(--_bd);border-radius:.3rem;color:var(--_mu)}
.pop{position:absolute;z-index:var(--fahras-z,1000);inset-inline:0;top:calc(100% + .35rem);max-height:min(70vh,32rem);overflow:auto;padding:.35rem;border:1px solid var(--_bd);border-radius:var(--_r);background:var(--_bg);box-shadow:var(--_sh)}
.pop[hidden],ul[hidden],.msg:empty,.retry[hidden]{display:none}
.retry{display:block;min-height:44px;margin:0 .6rem .5rem;padding:.4rem .75rem;border:1px solid var(--_bd);border-radius:calc(var(--_r) - .25rem);background:none;color:var(--_a);font:inherit;font-size:.9em;cursor:pointer}
.retry:focus-visible{outline:2px solid var(--_a);outline-offset:2px}
.msg{margin:.4rem .6rem;color:var(--_mu);font-size:.9em}
.msg.error,.msg.offline{padding:.5rem .7rem;margin:.2rem;border-inline-start:4px solid var(--_er);color:var(--_er);font-weight:600}
.msg.loading::before{content:"";display:inline-block;width:.8em;height:.8em;margin-inline-end:.5em;border:2px solid var(--_bd);border-top-color:var(--_a);border-radius:50%;animation:s .8s linear infinite}
@keyframes s{to{transform:rotate(1turn)}}
ul{margin:0;padding:0;list-style:none}
li{display:block;min-height:44px;padding:.5rem .75rem;border-radius:calc(var(--_r) - .25rem);cursor:pointer;overflow-wrap:anywhere}
li:hover{background:color-mix(in srgb,var(--_hi) 55%,transparent)}
li[aria-selected=true]{background:var(--_hi);outline:2px solid var(--_a);outline-offset:-2px}
.t{display:block;font-weight:700;color:var(--_a)}
.d{display:block;font-size:.8em;color:var(--_mu)}
.x{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;font-size:.9em}
mark{padding:0;margin:0;background:var(--_mk);color:var(--_mt);font:inherit}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
dialog{width:min(40rem,calc(100vw - 1.5rem));max-height:min(85vh,40rem);margin:8vh auto auto;padding:.75rem;border:1px solid var(--_bd);border-radius:var(--_r);background:var(--_bg);color:var(--_fg);box-shadow:var(--_sh)}
dialog::backdrop{background:rgb(0 0 0/.45)}
.modal .box{display:flex;gap:.5rem;align-items:center}
.modal .pop{position:static;max-height:none;margin-top:.5rem;padding:0;border:0;box-shadow:none}
.cls{flex:none;border-radius:var(--_r)}
@media (max-width:480px){dialog{margin-top:.5rem;max-height:calc(100vh - 1rem);width:calc(100vw - 1rem)}}
@media (prefers-reduced-motion:reduce){.msg.loading::before{animation:none}}
@media (forced-colors:active){li[aria-selected=true]{outline-color:Highlight}mark{background:Mark;color:MarkText}}`;

const UI = {
  ar: {
    placeholder: 'ابحث في الموقع…', label: 'ابحث في الموقع', open: 'بحث', close: 'إغلاق',
    results: 'نتائج البحث', loading: 'جارٍ تحميل فهرس البحث…',
    failed: 'تعذّر تحميل فهرس البحث. أعد تحميل الصفحة أو حاول لاحقًا.',
    offline: 'لا يوجد اتصال بالإنترنت، فتعذّر تحميل فهرس البحث. سيعمل البحث حين يعود الاتصال.',
    broke: 'تعذّر إجراء البحث.',
    progress: (p, a, b) => `${p} (${a} من ${b})`,
    none: (q) => `لا توجد نتائج لـ «${q}». تحقّق من الإملاء أو جرّب كلمة أقصر أو أعمّ.`,
    missing: (q, w) => `لا توجد نتائج لـ «${q}»: لا ترد ${w.map((x) => `«${x}»`).join(' و')} في أي صفحة.`,
    notIn: (w) => ` · لا ترد ${w.map((x) => `«${x}»`).join(' و')} في أي صفحة`,
    retry: (q) => `ابحث عن «${q}»`,
    count: (n, f) => ({ zero: 'لا توجد نتائج', one: 'نتيجة واحدة', two: 'نتيجتان', few: `${f(n)} نتائج` })[plural('ar', n)] ?? `${f(n)} نتيجة`,
    shown: (n, f) => `، تُعرض أول ${f(n)}`,
  },
  en: {
    placeholder: 'Search this site…', label: 'Search this site', open: 'Search', close: 'Close',
    results: 'Search results', loading: 'Loading the search index…',
    failed: 'The search index could not be loaded. Reload the page or try again later.',
    offline: 'You are offline, so the search index could not be loaded. Search will work once you are back online.',
    broke: 'The search failed.',
    progress: (p, a, b) => `${p} (${a} of ${b})`,
    none: (q) => `No results for “${q}”. Check the spelling, or try a shorter or more general word.`,
    missing: (q, w) => `No results for “${q}”: no page has ${w.map((x) => `“${x}”`).join(' or ')}.`,
    notIn: (w) => ` · not on any page: ${w.map((x) => `“${x}”`).join(', ')}`,
    retry: (q) => `Search for “${q}” instead`,
    count: (n, f) => `${f(n)} result${n === 1 ? '' : 's'}`,
    shown: (n, f) => `, showing the first ${f(n)}`,
  },
};

function plural(lang, n) {
  return new Intl.PluralRules(lang).select(n);
}

/** After a failed load, the next attempt waits this long (ms). */
const RETRY_AFTER_MS = 2000;

// index URL -> {p: Promise<engine>, on: progress listeners, at: last progress},
// one download shared by every widget on the page.
const engines = new Map();

function loadShared(url, onProgress) {
  const key = folderUrl(url).href;
  let s = engines.get(key);
  if (!s) {
    s = { on: new Set() };
    s.p = load(key, { onProgress: (...a) => { s.at = a; s.on.forEach((f) => f(...a)); } });
    engines.set(key, s);
    const done = () => s.on.clear();
    s.p.then(done, () => { done(); engines.delete(key); }); // let a later attempt retry
  }
  s.on.add(onProgress);
  if (s.at) onProgress(...s.at);
  return s.p;
}

function el(name, attrs = {}, ...kids) {
  const e = name === 'svg' || name === 'circle' || name === 'path'
    ? document.createElementNS('http://www.w3.org/2000/svg', name)
    : document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...kids);
  return e;
}

const icon = () => el('svg', { class: 'ico', viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
  el('circle', { cx: '10.5', cy: '10.5', r: '6.5' }), el('path', { d: 'M15.5 15.5 21 21' }));

/** The engine's excerpt is escaped text + <mark>; rebuild it so nothing else can get through. */
function excerptNodes(html) {
  const t = document.createElement('template');
  t.innerHTML = html;
  return [...t.content.childNodes].map((n) => (n.nodeName === 'MARK' ? el('mark', {}, n.textContent) : n.textContent));
}

/** First strong character is right-to-left (Hebrew, Arabic, Syriac, Thaana, NKo…). */
const RTL_FIRST = /^[^A-Za-z\u00C0-\u02B8\u0370-\u058F]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

const editable = (t) => t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

let sheet = null;

function defineElement() {
  class FahrasSearch extends HTMLElement {
    static observedAttributes = ['index', 'placeholder', 'label', 'limit', 'lang', 'dir', 'mode'];

    #e = {};          // parts of the shadow tree
    #engine = null;
    #loading = null;
    #failedAt = -Infinity;
    #got = null;      // [bytes received, bytes in all] while loading
    #step = null;     // last quarter of the download announced
    #ixLang = '';     // the index's language, for a page that states none
    #state = 'idle';  // idle | loading | ready | error | offline
    #res = null;      // results on show
    #active = -1;
    #seq = 0;
    #timer = 0;
    #escaped = false;

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      if ('adoptedStyleSheets' in root) {
        if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
        root.adoptedStyleSheets = [sheet];
      } else {
        root.append(el('style', {}, CSS)); // older browsers (blocked by a strict CSP, which they rarely have)
      }
    }

    /** 'idle' | 'loading' | 'ready' | 'error' | 'offline' */
    get state() { return this.#state; }

    connectedCallback() {
      if (!this.#e.input) this.#render();
      this.#probe();
      document.addEventListener('keydown', this.#onShortcut);
      addEventListener('online', this.#onOnline);
    }

    disconnectedCallback() {
      document.removeEventListener('keydown', this.#onShortcut);
      removeEventListener('online', this.#onOnline);
    }

    attributeChangedCallback(name, old, val) {
      if (old === val || !this.#e.input) return;
      if (name === 'index') {
        this.#engine = this.#loading = null;
        this.#state = 'idle';
        this.#ixLang = '';
        this.#texts();
        this.#probe();
        if (this.#e.input.value.trim()) this.#run(this.#e.input.value);
      } else if (name === 'mode') {
        this.#render();
      } else {
        this.#texts();
        this.#probe();
      }
    }

    /** The element's or the page's language, if they state one. */
    get #said() { return this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang; }

    /** Said, else the index's (once its root is in), else Arabic. */
    get #lang() { return (this.#said || this.#ixLang || 'ar').toLowerCase(); }

    /** On a page that states no language, read the index's from its root (a small file; load() reuses it). */
    #probe() {
      const url = this.getAttribute('index');
      if (this.#said || this.#ixLang || !url || !this.isConnected) return;
      fetchRoot(folderUrl(url), true).then((b) => {
        if (this.getAttribute('index') === url) this.#setLang(rootLang(b));
      }, () => {}); // a broken index is reported when it is loaded
    }

    #setLang(l) {
      l = /^ar\b/i.test(l) ? 'ar' : l && 'en'; // the widget speaks these two
      if (l && l !== this.#ixLang) {
        this.#ixLang = l;
        this.#texts();
        this.#status();
      }
    }

    get #t() { return UI[this.#lang.startsWith('ar') ? 'ar' : 'en']; }

    /** Locale for numbers and dates (a malformed lang would make Intl throw). */
    get #loc() {
      const l = this.#lang;
      return l.startsWith('ar') ? 'ar-u-nu-arab' : /^[a-z]{2,3}(-[a-z\d]{1,8})*$/.test(l) ? l : 'en';
    }

    #fmt = (n) => new Intl.NumberFormat(this.#loc).format(n);

    get #modal() { return this.getAttribute('mode') === 'modal'; }

    #render() {
      const e = this.#e;
      const value = e.input?.value ?? '';
      e.input = el('input', {
        type: 'search', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
        'aria-controls': 'lb', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
        enterkeyhint: 'search', part: 'input',
      });
      e.input.value = value;
      e.list = el('ul', { id: 'lb', role: 'listbox', part: 'listbox', hidden: '' });
      e.msg = el('p', { class: 'msg', part: 'message' });
      e.retry = el('button', { type: 'button', class: 'retry', part: 'retry', hidden: '' });
      e.pop = el('div', { class: 'pop', part: 'popup', hidden: '' }, e.msg, e.retry, e.list);
      e.live = el('div', { class: 'sr', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
      e.box = el('div', { class: 'box' }, icon(), e.input);
      const panel = el('div', { class: 'panel' }, e.box, e.pop, e.live);
      e.root = el('div', { class: 'root', part: 'root' });
      e.button = e.dialog = e.close = null;
      if (this.#modal) {
        e.root.classList.add('modal');
        e.button = el('button', { type: 'button', class: 'open', part: 'button', 'aria-haspopup': 'dialog', 'aria-keyshortcuts': '/ Control+K Meta+K' },
          icon(), e.blabel = el('span'), el('kbd', { 'aria-hidden': 'true' }, '/'));
        e.close = el('button', { type: 'button', class: 'cls', part: 'close' });
        e.box.append(e.close);
        e.dialog = el('dialog', { part: 'dialog' }, panel);
        e.root.append(e.button, e.dialog);
        e.button.addEventListener('click', () => this.open());
        e.close.addEventListener('click', () => this.close());
        e.dialog.addEventListener('click', (ev) => { if (ev.target === e.dialog) this.close(); });
        e.dialog.addEventListener('cancel', (ev) => { if (this.#escaped) ev.preventDefault(); this.#escaped = false; });
        e.dialog.addEventListener('close', () => { this.#expand(false); e.button.focus(); });
      } else {
        e.root.append(panel);
      }
      this.shadowRoot.replaceChildren(e.root);
      e.input.addEventListener('input', () => {
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => this.#run(e.input.value), 120);
      });
      e.input.addEventListener('focus', () => { this.#ensure(); if (this.#res?.results.length) this.#expand(true); });
      e.input.addEventListener('keydown', (ev) => this.#onKey(ev));
      e.pop.addEventListener('mousedown', (ev) => ev.preventDefault()); // keep focus in the box
      e.retry.addEventListener('click', () => {
        const q = this.#res?.retry;
        if (!q) return;
        e.input.value = q;
        e.input.focus();
        this.#run(q, true);
      });
      e.list.addEventListener('click', (ev) => {
        const li = ev.target.closest('li');
        if (li) this.#choose(+li.dataset.i, ev);
      });
      e.root.addEventListener('focusout', () => setTimeout(() => {
        if (!this.#modal && !this.matches(':focus-within')) this.#expand(false);
      }));
      this.#texts();
      this.#status();
      if (this.#res) this.#show(this.#res, false);
    }

    #texts() {
      const e = this.#e, t = this.#t;
      const lang = this.#lang;
      e.root.lang = lang;
      e.root.dir = this.getAttribute('dir') || (/^(ar|fa|he|ur|ps|yi|ckb|dv|sd|ug)\b/.test(lang) ? 'rtl' : 'ltr');
      const label = this.getAttribute('label') || t.label;
      e.input.placeholder = this.getAttribute('placeholder') || t.placeholder;
      e.input.setAttribute('aria-label', label);
      e.list.setAttribute('aria-label', t.results);
      if (e.button) {
        e.blabel.textContent = this.getAttribute('label') || t.open;
        e.close.textContent = t.close;
        e.dialog.setAttribute('aria-label', label);
      }
    }

    /** Open the dialog (mode="modal"); in inline mode, focus the box. */
    open() {
      const d = this.#e.dialog;
      if (d && !d.open) d.showModal();
      this.#e.input.focus();
      this.#ensure();
    }

    close() {
      const d = this.#e.dialog;
      // Focus the opener now: the dialog's own 'close' event comes a task
      // later, and until then the browser has put focus back on <body>.
      if (d?.open) { d.close(); this.#e.button.focus(); }
      this.#expand(false);
    }

    /**
     * Search now (sets the box to q). Resolves to the results object, or
     * rejects if the index cannot be loaded.
     */
    async search(q) {
      if (!this.#e.input) this.#render();
      clearTimeout(this.#timer);
      this.#e.input.value = String(q ?? '');
      const res = await this.#run(this.#e.input.value, true);
      if (!res) throw new Error(this.#state === 'offline' ? this.#t.offline : this.#state === 'error' ? this.#t.failed : this.#t.broke);
      return res;
    }

    #ensure() {
      if (this.#engine) return Promise.resolve(this.#engine);
      if (this.#loading) return this.#loading;
      // Right after a failure, keystrokes do not hammer the server: the
      // message stays, and a retry waits a moment.
      if (this.#state === 'error' && performance.now() - this.#failedAt < RETRY_AFTER_MS) return Promise.resolve(null);
      if (!navigator.onLine) {
        this.#setState('offline');
        return Promise.resolve(null);
      }
      this.#got = null;
      this.#setState('loading');
      const url = this.getAttribute('index');
      let p;
      const tick = (...a) => {
        if (p && this.#loading !== p) return;
        this.#got = a;
        this.#status();
      };
      p = this.#loading = (url ? loadShared(url, tick) : Promise.reject(new Error('no index attribute'))).then(
        (engine) => {
          if (this.#loading !== p) return null; // the index attribute changed meanwhile
          this.#engine = engine;
          this.#setLang(engine.lang);
          this.#setState('ready');
          return engine;
        },
        (err) => {
          if (this.#loading !== p) return null;
          this.#loading = null;
          this.#failedAt = performance.now();
          console.warn(`<${TAG}>: ${err?.message ?? err}`);
          this.#setState(navigator.onLine ? 'error' : 'offline');
          return null;
        },
      );
      return p;
    }

    #onOnline = () => {
      if (this.#state === 'offline' || this.#state === 'error') {
        this.#state = 'idle';
        this.#run(this.#e.input.value);
      }
    };

    #setState(s) {
      this.#state = s;
      this.#status();
    }

    /** Show the loading (with progress) / failure message, if any. */
    #status() {
      const s = this.#state, t = this.#t;
      let text = s === 'loading' ? t.loading : s === 'error' ? t.failed : s === 'offline' ? t.offline : '';
      if (!text && this.#res) return;
      let say = s !== 'loading';
      if (!say) {
        const [got, all] = this.#got ?? [];
        if (all) text += ' ' + this.#progress(got, all);
        // Announce the start, then 25, 50 and 75%: not every chunk.
        const step = all ? Math.min(3, Math.floor((4 * got) / all)) : -1;
        say = step !== this.#step && step !== 0;
        this.#step = step;
      } else {
        this.#step = null;
      }
      this.#e.msg.className = 'msg ' + s;
      this.#e.msg.textContent = text;
      this.#e.retry.hidden = true;
      if (say) this.#e.live.textContent = text;
      this.#e.pop.hidden = !text && !this.#e.input.value.trim();
    }

    /** "38% (45 of 120 kB)" in the widget's language. */
    #progress(got, all) {
      const [unit, d] = all >= 1e6 ? ['megabyte', 1e6] : ['kilobyte', 1e3];
      const f = (n, o) => new Intl.NumberFormat(this.#loc, { maximumFractionDigits: d > 1e3 ? 1 : 0, ...o }).format(n);
      return this.#t.progress(f(got / all, { style: 'percent', maximumFractionDigits: 0 }), f(got / d), f(all / d, { style: 'unit', unit }));
    }

    async #run(raw, reveal = false) {
      clearTimeout(this.#timer);
      const my = ++this.#seq;
      const query = String(raw ?? '').trim();
      if (!query) {
        this.#show(null);
        const res = { query: '', total: 0, results: [] };
        return res;
      }
      const engine = await this.#ensure();
      if (!engine) return null;
      const limit = Math.max(1, Math.min(50, parseInt(this.getAttribute('limit'), 10) || 8));
      let res;
      try {
        res = await engine.search(query, { limit });
      } catch (err) {
        console.warn(`<${TAG}>: ${err?.message ?? err}`);
        if (my === this.#seq) {
          this.#show(null);
          if (err?.indexUnavailable) {
            // Part of the index is missing or damaged: say so, as for a failed load.
            this.#failedAt = performance.now();
            this.#setState(navigator.onLine ? 'error' : 'offline');
            this.#e.live.textContent = this.#e.msg.textContent;
          } else {
            this.#e.msg.className = 'msg error';
            this.#e.live.textContent = this.#e.msg.textContent = this.#t.broke;
          }
          this.#e.pop.hidden = false;
        }
        return null;
      }
      if (my === this.#seq) {
        if (this.#state === 'error') this.#state = 'ready';
        this.#show(res, true, reveal);
        this.dispatchEvent(new CustomEvent('fahras:results', { detail: res, bubbles: true, composed: true }));
      }
      return res;
    }

    #show(res, announce = true, reveal = false) {
      const e = this.#e, t = this.#t;
      this.#res = res;
      this.#active = -1;
      e.input.removeAttribute('aria-activedescendant');
      const list = res?.results ?? [];
      const date = new Intl.DateTimeFormat(this.#loc, { dateStyle: this.#lang.startsWith('ar') ? 'long' : 'medium', timeZone: 'UTC' });
      e.list.replaceChildren(...list.map((r, i) => {
        const title = r.title || r.id || r.url;
        // Each option takes the direction of its title (dir=auto would skip the <bdi>).
        const li = el('li', { id: 'o' + i, dir: RTL_FIRST.test(title) ? 'rtl' : 'ltr', role: 'option', 'aria-selected': 'false', part: 'option' },
          el('bdi', { class: 't' }, title));
        li.dataset.i = i;
        const d = /^(\d{4})-(\d\d)-(\d\d)/.exec(r.date || '');
        if (d) li.append(el('time', { class: 'd', datetime: d[0] }, date.format(Date.UTC(+d[1], d[2] - 1, +d[3]))));
        if (r.excerpt) li.append(el('bdi', { class: 'x' }, ...excerptNodes(r.excerpt)));
        return li;
      }));
      e.list.hidden = !list.length;
      let text = '';
      // Words found on no page, not even misspelt: named, and without them
      // the rest of the query is offered.
      const missing = Array.isArray(res?.missing) ? res.missing.map(String) : [];
      if (res) {
        const total = Number.isFinite(res.total) ? res.total : list.length;
        text = !list.length
          ? (missing.length ? t.missing(res.query, missing) : t.none(res.query))
          : t.count(total, this.#fmt) + (total > list.length ? t.shown(list.length, this.#fmt) : '') + (missing.length ? t.notIn(missing) : '');
      }
      const retry = res && !list.length && typeof res.retry === 'string' ? res.retry : '';
      e.retry.textContent = retry && t.retry(retry);
      e.retry.hidden = !retry;
      e.msg.className = 'msg' + (res && !list.length ? ' empty' : '');
      e.msg.textContent = text;
      if (announce) e.live.textContent = res ? text + (retry ? ' ' + e.retry.textContent : '') : '';
      this.#expand(!!res && (reveal || this.#modal || this.matches(':focus-within')));
    }

    #expand(open) {
      const e = this.#e;
      e.pop.hidden = !open;
      e.input.setAttribute('aria-expanded', String(open && !e.list.hidden));
      if (!open) this.#activate(-1);
    }

    #activate(i) {
      const e = this.#e;
      e.list.querySelector('[aria-selected=true]')?.setAttribute('aria-selected', 'false');
      this.#active = i;
      const li = i >= 0 && e.list.children[i];
      if (li) {
        li.setAttribute('aria-selected', 'true');
        e.input.setAttribute('aria-activedescendant', li.id);
        li.scrollIntoView({ block: 'nearest' });
      } else {
        e.input.removeAttribute('aria-activedescendant');
      }
    }

    #onKey(ev) {
      if (ev.isComposing) return;
      const e = this.#e;
      const n = e.list.children.length;
      const open = e.input.getAttribute('aria-expanded') === 'true';
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        if (!n) return;
        ev.preventDefault();
        if (!open) this.#expand(true);
        const i = this.#active + (ev.key === 'ArrowDown' ? 1 : -1);
        this.#activate(i >= n ? 0 : i < 0 ? n - 1 : i);
      } else if (ev.key === 'Enter') {
        ev.preventDefault();
        if (open && this.#active >= 0) this.#choose(this.#active, ev);
        else this.#run(e.input.value);
      } else if (ev.key === 'Escape') {
        if (open && !this.#modal) {
          this.#expand(false);
        } else if (e.input.value) {
          e.input.value = '';
          this.#run('');
        } else {
          if (this.#modal) this.close();
          return;
        }
        ev.preventDefault();
        this.#escaped = true; // keep the dialog open for this Escape
        setTimeout(() => { this.#escaped = false; });
      }
    }

    #choose(i, ev) {
      const r = this.#res?.results[i];
      if (!r) return;
      this.#activate(i);
      const go = this.dispatchEvent(new CustomEvent('fahras:select', { detail: r, bubbles: true, composed: true, cancelable: true }));
      let url;
      try { url = new URL(r.link ?? r.url); } catch { return; }
      if (!go || !/^https?:$/.test(url.protocol)) return;
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button === 1) window.open(url.href, '_blank', 'noopener');
      else location.assign(url.href);
    }

    #onShortcut = (ev) => {
      const d = this.#e.dialog;
      if (!d || d.open || ev.defaultPrevented || ev.altKey) return;
      const mod = ev.ctrlKey || ev.metaKey;
      if ((mod && (ev.key.toLowerCase() === 'k' || ev.code === 'KeyK')) ||
          (!mod && ev.key === '/' && !editable(ev.composedPath()[0]))) {
        ev.preventDefault();
        this.open();
      }
    };
  }
  customElements.define(TAG, FahrasSearch);
}

if (globalThis.customElements && globalThis.HTMLElement && !customElements.get(TAG)) defineElement();
