// Host-page side of the embed demo (embed.html, embed-ar.html): loads the
// Fahras engine from another origin, the way a site would with one tag:
//
//   <script type="module" src="https://search.example.org/fahras.js"></script>
//
// The engine's origin comes from ?engine=URL (default: this folder), so the
// same page can be tested cross-origin. A file, not an inline script: the
// page runs under a CSP without 'unsafe-inline'.

const param = new URL(location.href).searchParams.get('engine');
let engine = new URL('./', location.href);
if (param) {
  try {
    const u = new URL(param, location.href);
    if (/^https?:$/.test(u.protocol)) engine = u;
  } catch { /* keep the default */ }
}
if (!engine.pathname.endsWith('/')) engine.pathname += '/';

for (const box of document.querySelectorAll('fahras-search[data-index]')) {
  box.setAttribute('index', new URL(box.dataset.index, engine).href);
}
const script = document.createElement('script');
script.type = 'module';
script.src = new URL('fahras.js', engine).href;
document.head.append(script);
