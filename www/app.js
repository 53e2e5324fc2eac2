// Fahras demo page: search-as-you-type over a prebuilt index, all in the browser.
// The engine module is imported dynamically so that a missing or broken
// fahras.js shows a message on the page instead of a silent dead page.

const INDEX_URL = './index/';
const LIMIT = 20;
const DEBOUNCE_MS = 80;

const input = document.getElementById('q');
const form = document.getElementById('search-form');
const statusEl = document.getElementById('status');
const resultsEl = document.getElementById('results');
const emptyState = document.getElementById('empty-state');
const refineEl = document.getElementById('refine');
const facetsEl = document.getElementById('facets');
const sortEl = document.getElementById('sort');
const retryEl = document.getElementById('retry');

// Facets offered on the page, with their labels; their selection and the
// sort order live in the URL (?q=…&source=…&year=…&sort=newest), so a
// search can be shared as a link and the back button steps through it.
const FACETS = [['source', 'المصدر'], ['year', 'السنة']];
const SORTS = ['relevance', 'newest', 'oldest'];
const state = { filters: {}, sort: 'relevance' };

const numberFmt = new Intl.NumberFormat('ar-u-nu-arab');
const pluralRules = new Intl.PluralRules('ar');
const dateFmt = new Intl.DateTimeFormat('ar-u-nu-arab', { dateStyle: 'long', timeZone: 'UTC' });

let engine = null;
let loadFailed = false;
let seq = 0;          // bumped for every search started; stale answers are dropped
let timer = 0;

function setStatus(text, kind = '') {
  statusEl.textContent = text;
  statusEl.className = 'status' + (kind ? ' status-' + kind : '');
  retryEl.hidden = true;
}

/** «كرة» و«سلة»: the query words the engine found on no page. */
function quoted(words) {
  return words.map((w) => `«${w}»`).join(' و');
}

/** "نتيجة واحدة", "نتيجتان", "٣ نتائج", "١١ نتيجة" … */
function countResults(n) {
  switch (pluralRules.select(n)) {
    case 'zero': return 'لا توجد نتائج';
    case 'one': return 'نتيجة واحدة';
    case 'two': return 'نتيجتان';
    case 'few': return numberFmt.format(n) + ' نتائج';
    default: return numberFmt.format(n) + ' نتيجة';
  }
}

function formatDate(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return '';
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return Number.isNaN(d.getTime()) ? '' : dateFmt.format(d);
}

/** The URL of the current search; `push` makes a history entry (a filter
 * or sort change), otherwise the entry is updated (typing). */
function syncUrl(query, push = false) {
  const url = new URL(location.href);
  const p = url.searchParams;
  if (query) p.set('q', query);
  else p.delete('q');
  for (const [name] of FACETS) {
    p.delete(name);
    for (const v of state.filters[name] ?? []) p.append(name, v);
  }
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  else p.delete('sort');
  if (url.href === location.href) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(history.state, '', url);
}

/** Query, filters and sort from the URL (on load and on back/forward). */
function readUrl() {
  const p = new URL(location.href).searchParams;
  state.filters = {};
  for (const [name] of FACETS) {
    const values = p.getAll(name).filter(Boolean);
    if (values.length) state.filters[name] = values;
  }
  state.sort = SORTS.includes(p.get('sort')) ? p.get('sort') : 'relevance';
  sortEl.value = state.sort;
  return p.get('q') ?? '';
}

const hasFilters = () => Object.values(state.filters).some((v) => v.length);

function toggleFilter(name, value, on) {
  const values = new Set(state.filters[name] ?? []);
  if (on) values.add(value);
  else values.delete(value);
  if (values.size) state.filters[name] = [...values];
  else delete state.filters[name];
  syncUrl(input.value.trim(), true);
  runSearch(input.value);
}

/** Facet chips with counts; a chip's count is what ticking it would give. */
function renderFacets(res) {
  const groups = [];
  for (const [name, label] of FACETS) {
    const facet = (res.facets ?? []).find((f) => f.name === name);
    if (!facet || !facet.values.length) continue;
    const fs = document.createElement('fieldset');
    fs.className = 'facet';
    fs.dataset.facet = name;
    const legend = document.createElement('legend');
    legend.textContent = label;
    fs.append(legend);
    for (const v of facet.values) {
      const chip = document.createElement('label');
      chip.className = 'chip';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = v.value;
      box.checked = v.selected;
      box.addEventListener('change', () => toggleFilter(name, v.value, box.checked));
      const text = document.createElement('bdi');
      text.textContent = v.value;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = numberFmt.format(v.count);
      chip.append(box, text, count);
      fs.append(chip);
    }
    groups.push(fs);
  }
  facetsEl.replaceChildren(...groups);
  refineEl.hidden = false;
}

function showEmptyState() {
  refineEl.hidden = true;
  resultsEl.replaceChildren();
  delete resultsEl.dataset.query;
  emptyState.hidden = false;
  if (engine) setStatus('');
}

function renderResults(res, query) {
  emptyState.hidden = true;
  const frag = document.createDocumentFragment();
  for (const r of res.results) {
    const li = document.createElement('li');
    li.className = 'result';
    li.dataset.id = r.id;

    const h = document.createElement('h2');
    h.className = 'result-heading';
    const a = document.createElement('a');
    a.className = 'result-title';
    a.href = r.link ?? r.url; // the article, its matched words highlighted
    a.textContent = r.title || r.id;
    h.append(a);
    li.append(h);

    const date = formatDate(r.date);
    if (date || r.source) {
      const meta = document.createElement('p');
      meta.className = 'result-meta';
      if (date) {
        const t = document.createElement('time');
        t.className = 'result-date';
        t.dateTime = r.date;
        t.textContent = date;
        meta.append(t);
      }
      if (r.source) {
        const src = document.createElement('bdi');
        src.className = 'result-source';
        src.textContent = r.source;
        meta.append(src);
      }
      li.append(meta);
    }

    if (r.excerpt) {
      const p = document.createElement('p');
      p.className = 'excerpt';
      p.innerHTML = r.excerpt; // escaped text + <mark> only, per the engine's contract
      li.append(p);
    }
    frag.append(li);
  }
  resultsEl.replaceChildren(frag);
  resultsEl.dataset.query = query; // which query the list shows (used by tests)
  resultsEl.dataset.view = location.search; // …with which filters and order
  renderFacets(res);

  const total = Number.isFinite(res.total) ? res.total : res.results.length;
  // Words found on no page, not even misspelt: say so, and offer the rest.
  const missing = Array.isArray(res.missing) && res.missing.length
    ? `لا ترد ${quoted(res.missing)} في أي مقال.` : '';
  if (res.results.length === 0) {
    setStatus(hasFilters()
      ? `لا توجد نتائج${query ? ` لـ «${query}»` : ''} مع التصفية المختارة. أزل بعض عوامل التصفية.`
      : missing
        ? `لا توجد نتائج لـ «${query}». ${missing}`
        : `لا توجد نتائج لـ «${query}». تحقّق من الإملاء أو جرّب كلمة أقصر أو أعمّ.`, 'empty');
    if (res.retry) {
      retryEl.textContent = `ابحث عن «${res.retry}»`;
      retryEl.dataset.query = res.retry;
      retryEl.hidden = false;
    }
  } else if (total > res.results.length) {
    setStatus(`${countResults(total)}، تُعرض أول ${numberFmt.format(res.results.length)}${missing && ' · ' + missing}`);
  } else {
    setStatus(countResults(total) + (missing && ' · ' + missing));
  }
}

retryEl.addEventListener('click', () => {
  input.value = retryEl.dataset.query ?? '';
  input.focus();
  runSearch(input.value);
});

async function runSearch(raw) {
  clearTimeout(timer);
  const query = raw.trim();
  const my = ++seq;
  syncUrl(query);
  if (!engine) return; // the load handler searches for whatever is typed by then
  if (!query && !hasFilters()) {
    showEmptyState();
    return;
  }
  try {
    const res = await engine.search(query, {
      limit: LIMIT, filters: state.filters, sort: state.sort, facets: true,
    });
    if (my !== seq) return; // a newer query was typed meanwhile
    renderResults(res, query);
  } catch (err) {
    if (my !== seq) return;
    console.error(err);
    resultsEl.replaceChildren();
    delete resultsEl.dataset.query;
    emptyState.hidden = true;
    setStatus('تعذّر إجراء البحث: ' + (err && err.message ? err.message : String(err)), 'error');
  }
}

function scheduleSearch() {
  clearTimeout(timer);
  const value = input.value;
  timer = setTimeout(() => runSearch(value), DEBOUNCE_MS);
}

input.addEventListener('input', scheduleSearch);

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (!engine && !loadFailed) return;
  runSearch(input.value);
});

emptyState.addEventListener('click', (ev) => {
  const btn = ev.target.closest('button.example');
  if (!btn) return;
  input.value = btn.dataset.q;
  input.focus();
  runSearch(input.value);
});

// Enter on the input submits the form; Escape clears the box.
input.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && input.value) {
    ev.preventDefault();
    input.value = '';
    runSearch('');
  }
});

sortEl.addEventListener('change', () => {
  state.sort = SORTS.includes(sortEl.value) ? sortEl.value : 'relevance';
  syncUrl(input.value.trim(), true);
  runSearch(input.value);
});

// Back and forward step through filter and sort changes.
window.addEventListener('popstate', () => {
  input.value = readUrl();
  runSearch(input.value);
});

async function init() {
  const initial = readUrl();
  if (initial) input.value = initial;
  if (!input.value) input.focus();

  setStatus('جارٍ تحميل الفهرس…', 'loading');
  document.body.classList.add('is-loading');
  const fail = (what, err) => {
    loadFailed = true;
    console.error(err);
    document.body.classList.remove('is-loading');
    document.body.classList.add('load-failed');
    setStatus(what + ' ' + (err && err.message ? err.message : String(err)), 'error');
  };
  let load;
  try {
    ({ load } = await import('./fahras.js'));
  } catch (err) {
    fail('تعذّر تحميل محرّك البحث (fahras.js):', err);
    return;
  }
  try {
    const pct = new Intl.NumberFormat('ar-u-nu-arab', { style: 'percent', maximumFractionDigits: 0 });
    engine = await load(INDEX_URL, {
      // Bytes of the index files so far, of what the root lists.
      onProgress: (got, all) => {
        if (all > 0 && !engine && !loadFailed) setStatus(`جارٍ تحميل الفهرس… ${pct.format(Math.min(1, got / all))}`, 'loading');
      },
    });
  } catch (err) {
    fail('تعذّر تحميل فهرس البحث:', err);
    return;
  }
  document.body.classList.remove('is-loading');
  document.body.classList.add('is-ready');
  if (input.value.trim() || hasFilters()) runSearch(input.value);
  else showEmptyState();
}

init();
