//! Filters, facet counts and date order, applied to the documents a query
//! matched (or to every document when the query has no words). Facet
//! counts are disjunctive: a facet's counts ignore that facet's own
//! selection, so ticking one source still shows how many results every
//! other source has.

use serde::Serialize;

use crate::analysis::tokenize;
use crate::format::Filters;

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (the default).
    #[default]
    Relevance,
    /// Latest date first; documents without a date last.
    Newest,
    /// Earliest date first; documents without a date last.
    Oldest,
}

/// Most facets and values per facet one search may select (the rest are
/// ignored), so a hostile caller cannot make filtering expensive.
pub const MAX_SELECTED: usize = 32;
/// Most values reported per facet (the most frequent).
pub const MAX_FACET_VALUES: usize = 50;

/// Counts of one facet's values among the results.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FacetCounts {
    pub name: String,
    pub values: Vec<ValueCount>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ValueCount {
    pub value: String,
    pub count: usize,
    /// Selected in this search.
    pub selected: bool,
}

/// The documents each constraint allows.
pub struct Selection {
    /// (facet name, allowed documents); the name is empty for constraints
    /// that are not a facet selection (`source:` in the query text).
    allowed: Vec<(String, Vec<bool>)>,
    wanted: Vec<(String, Vec<String>)>,
}

impl Selection {
    /// `wanted`: (facet, values) pairs, any value of a facet, every facet.
    /// `sources`: texts of the query's `source:` parts.
    pub fn new(
        filters: &Filters,
        doc_count: u32,
        wanted: &[(String, Vec<String>)],
        sources: &[String],
    ) -> Self {
        let n = doc_count as usize;
        let mut allowed = Vec::new();
        let wanted: Vec<(String, Vec<String>)> = wanted
            .iter()
            .filter(|(_, values)| !values.is_empty())
            .take(MAX_SELECTED)
            .map(|(f, v)| (f.clone(), v.iter().take(MAX_SELECTED).cloned().collect()))
            .collect();
        for (name, values) in &wanted {
            let mut set = vec![false; n];
            if let Some(facet) = filters.facet(name) {
                for v in facet.values.iter().filter(|v| values.contains(&v.value)) {
                    mark(&mut set, &v.docs);
                }
            }
            allowed.push((name.clone(), set));
        }
        for text in sources.iter().take(MAX_SELECTED) {
            let want: Vec<String> = tokenize(text).into_iter().map(|t| t.term).collect();
            let mut set = vec![false; n];
            for v in filters.facet("source").map_or(&[][..], |f| &f.values) {
                let have: Vec<String> = tokenize(&v.value).into_iter().map(|t| t.term).collect();
                if want.iter().all(|w| have.contains(w)) {
                    mark(&mut set, &v.docs);
                }
            }
            allowed.push((String::new(), set));
        }
        Selection { allowed, wanted }
    }

    pub fn is_empty(&self) -> bool {
        self.allowed.is_empty()
    }

    pub fn allows(&self, doc: u32) -> bool {
        self.allows_except(doc, None)
    }

    fn allows_except(&self, doc: u32, facet: Option<&str>) -> bool {
        self.allowed
            .iter()
            .filter(|(name, _)| Some(name.as_str()) != facet)
            .all(|(_, set)| set.get(doc as usize).copied().unwrap_or(false))
    }

    /// Counts per value of every facet among `matched` (the query's
    /// documents before filtering), each facet without its own selection.
    pub fn facet_counts(
        &self,
        filters: &Filters,
        doc_count: u32,
        matched: &[u32],
    ) -> Vec<FacetCounts> {
        let mut out = Vec::new();
        let mut base = vec![false; doc_count as usize];
        for facet in filters.facets() {
            base.iter_mut().for_each(|b| *b = false);
            for &d in matched {
                if self.allows_except(d, Some(&facet.name)) {
                    if let Some(b) = base.get_mut(d as usize) {
                        *b = true;
                    }
                }
            }
            let chosen = self
                .wanted
                .iter()
                .find(|(name, _)| *name == facet.name)
                .map_or(&[][..], |(_, v)| v.as_slice());
            let mut values: Vec<ValueCount> = facet
                .values
                .iter()
                .map(|v| ValueCount {
                    value: v.value.clone(),
                    count: v.docs.iter().filter(|&&d| base[d as usize]).count(),
                    selected: chosen.contains(&v.value),
                })
                .filter(|v| v.count > 0 || v.selected)
                .collect();
            // Values are unique in a facet, so the order is total.
            super::order::sort_by(&mut values, |a, b| {
                b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value))
            });
            values.truncate(MAX_FACET_VALUES);
            out.push(FacetCounts {
                name: facet.name.clone(),
                values,
            });
        }
        out
    }
}

fn mark(set: &mut [bool], docs: &[u32]) {
    for &d in docs {
        if let Some(b) = set.get_mut(d as usize) {
            *b = true;
        }
    }
}

/// Reorder `items` (already best first) by the date of their document;
/// ties and undated documents keep their relevance order, undated ones last.
pub fn sort_by_date<T>(filters: &Filters, items: &mut Vec<T>, doc: impl Fn(&T) -> u32, sort: Sort) {
    let key = |item: &T| {
        let day = filters.day(doc(item));
        match sort {
            Sort::Relevance => 0,
            Sort::Newest => u32::MAX - day,
            Sort::Oldest if day == 0 => u32::MAX,
            Sort::Oldest => day,
        }
    };
    if sort != Sort::Relevance {
        super::order::sort_by(items, |a, b| key(a).cmp(&key(b)));
    }
}
