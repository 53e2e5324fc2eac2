// Fahras landing-page highlight: written by `fahras build` next to the index
// and loaded by every article page it generates. A result link carries the
// words the engine matched in this article, exactly as the article spells
// them (`?fahras-highlight=…`), and the anchor of its best paragraph
// (`#p7`). This script marks those literal words and brings the first into
// view. It does no text analysis of its own: which words match is decided
// by the engine, in Rust. (Pagefind ships pagefind-highlight for the same.)
(() => {
  const param = new URL(location.href).searchParams.get('fahras-highlight');
  if (!param) return;
  const words = [...new Set(param.split(/\s+/).filter((w) => w && w.length <= 64))].slice(0, 32);
  if (!words.length) return;
  // A match must be a whole word: no letter or mark right before or after.
  const isWordChar = (c) => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c);

  function markIn(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    const marks = [];
    for (const node of nodes) {
      const text = node.data;
      const found = [];
      for (const w of words) {
        for (let i = text.indexOf(w); i !== -1; i = text.indexOf(w, i + w.length)) {
          if (!isWordChar(text[i - 1]) && !isWordChar(text[i + w.length])) found.push([i, i + w.length]);
        }
      }
      if (!found.length) continue;
      found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
      const frag = document.createDocumentFragment();
      let at = 0;
      for (const [from, to] of found) {
        if (from < at) continue; // overlapping words: the first wins
        frag.append(text.slice(at, from));
        const m = document.createElement('mark');
        m.textContent = text.slice(from, to);
        frag.append(m);
        marks.push(m);
        at = to;
      }
      frag.append(text.slice(at));
      node.replaceWith(frag);
    }
    return marks;
  }

  function run() {
    const article = document.querySelector('article') ?? document.body;
    const marks = markIn(article);
    document.documentElement.dataset.fahrasMarks = String(marks.length);
    // An anchor (#p7) already scrolled to the best paragraph; otherwise go
    // to the first marked word.
    if (marks.length && !location.hash) marks[0].scrollIntoView({ block: 'center' });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
