// MiniSearch's configuration in the performance benchmark, shared by the
// index builder (Node, bench/perf/minisearch-build.mjs) and the bench page
// (browser), since MiniSearch.loadJSON needs the options the index was built with.
//
// Arabic folding comparable to what the other engines do: tashkeel, tatweel
// and direction marks removed; أ إ آ ٱ → ا, ى → ي, ة → ه; lower case.
// Search: any word may match (MiniSearch's default OR, documents with more
// words rank higher), the last word also as a prefix (search as you type),
// words of 4+ letters within one edit (8+: two), like Fahras' typo rule;
// title matches weigh twice.

const MARKS = /[\u064b-\u065f\u0670\u0640\u200b-\u200f\u061c]/g;

export function processTerm(term) {
  const t = term
    .replace(MARKS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .toLowerCase();
  return t || null;
}

export const indexOptions = {
  fields: ['title', 'text'],
  storeFields: ['title', 'excerpt'],
  processTerm,
};

export const searchOptions = {
  boost: { title: 2 },
  prefix: (term, i, terms) => i === terms.length - 1,
  fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : false),
};

/** The stored excerpt: the start of the text (MiniSearch has no query-dependent excerpts). */
export const EXCERPT_CHARS = 200;
