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

function syncUrl(query) {
  const url = new URL(location.href);
  if (query) url.searchParams.set('q', query);
  else url.searchParams.delete('q');
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}

function showEmptyState() {
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
    a.href = r.url;
    a.textContent = r.title || r.id;
    h.append(a);
    li.append(h);

    const date = formatDate(r.date);
    if (date) {
      const t = document.createElement('time');
      t.className = 'result-date';
      t.dateTime = r.date;
      t.textContent = date;
      li.append(t);
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

  const total = Number.isFinite(res.total) ? res.total : res.results.length;
  if (res.results.length === 0) {
    setStatus(`لا توجد نتائج لـ «${query}». تحقّق من الإملاء أو جرّب كلمة أقصر أو أعمّ.`, 'empty');
  } else if (total > res.results.length) {
    setStatus(`${countResults(total)}، تُعرض أول ${numberFmt.format(res.results.length)}`);
  } else {
    setStatus(countResults(total));
  }
}

async function runSearch(raw) {
  clearTimeout(timer);
  const query = raw.trim();
  const my = ++seq;
  syncUrl(query);
  if (!engine) return; // the load handler searches for whatever is typed by then
  if (!query) {
    showEmptyState();
    return;
  }
  try {
    const res = await engine.search(query, { limit: LIMIT });
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

async function init() {
  const initial = new URL(location.href).searchParams.get('q');
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
    engine = await load(INDEX_URL);
  } catch (err) {
    fail('تعذّر تحميل فهرس البحث:', err);
    return;
  }
  document.body.classList.remove('is-loading');
  document.body.classList.add('is-ready');
  if (input.value.trim()) runSearch(input.value);
  else showEmptyState();
}

init();
