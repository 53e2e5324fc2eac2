// The performance benchmark's in-page side: one adapter per engine, each a
// pair init() (load the engine and whatever it needs before a search) and
// search(q) (run the query and get the top 10 with title and excerpt, every
// piece the engine must fetch included). Results are shown in the page the
// same way for every engine. The engine under test is ?engine=NAME; its files
// are served under /engine/ (see run.mjs for what each engine gets there).

const out = document.getElementById('out');
const engineName = new URLSearchParams(location.search).get('engine');

function show(rows) {
  out.replaceChildren(
    ...rows.map(({ title, excerpt }) => {
      const li = document.createElement('li');
      const h = document.createElement('h3');
      h.textContent = title ?? '';
      const p = document.createElement('p');
      p.innerHTML = excerpt ?? '';
      li.append(h, p);
      return li;
    }),
  );
}

const adapters = {
  // Fahras' public API only: load() then search(); which files it fetches is its business.
  fahras: {
    async init() {
      const { load } = await import('/engine/fahras.js');
      this.engine = await load('/engine/index/');
    },
    async search(q) {
      const r = await this.engine.search(q, { limit: 10 });
      return { total: r.total, rows: r.results.map((x) => ({ title: x.title, excerpt: x.excerpt })) };
    },
  },
  // Pagefind's JS API: init() then search(); each result's data() fetches its fragment.
  pagefind: {
    async init() {
      this.pf = await import('/engine/pagefind.js');
      await this.pf.options({ basePath: '/engine/' });
      await this.pf.init();
    },
    async search(q) {
      const r = await this.pf.search(q);
      const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      return { total: r.results.length, rows: data.map((d) => ({ title: d.meta?.title, excerpt: d.excerpt })) };
    },
  },
  // MiniSearch: fetch the serialized index, MiniSearch.loadJSON, search in memory.
  minisearch: {
    async init() {
      const [{ default: MiniSearch }, opts] = await Promise.all([
        import('/engine/lib/index.js'),
        import('/engine/opts/minisearch-options.js'),
      ]);
      const json = await (await fetch('/engine/index.json')).text();
      this.opts = opts;
      this.ms = MiniSearch.loadJSON(json, opts.indexOptions);
    },
    async search(q) {
      const r = this.ms.search(q, this.opts.searchOptions);
      return { total: r.length, rows: r.slice(0, 10).map((x) => ({ title: x.title, excerpt: x.excerpt })) };
    },
  },
};

const engine = adapters[engineName];

async function timed(q) {
  const t0 = performance.now();
  const r = await engine.search(q);
  show(r.rows);
  return { ms: performance.now() - t0, total: r.total, shown: r.rows.length, first: r.rows[0]?.title ?? null };
}

window.bench = {
  ready: !!engine,
  /** From the engine's first byte to the first query's top 10 on screen. */
  async cold(q) {
    const t0 = performance.now();
    await engine.init();
    const tInit = performance.now() - t0;
    const r = await timed(q);
    return { ...r, ms: performance.now() - t0, init: tInit };
  },
  /** One query on the loaded engine, shown on screen. */
  query: timed,
};
