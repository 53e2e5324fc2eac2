//! Filter data: for each facet (source, year, month, tag, lang…) the
//! documents that have each value, and every document's date as a day key
//! for sorting. Small next to the postings, and enough to filter, count
//! facets and sort any result set without touching the document store.
//!
//! ```text
//! doc_count | per doc: day key (varint; 0 = no date, see `day_key`)
//! facet_count | per facet: name | value_count
//!             | per value: value | doc_count | doc ids (varint deltas)
//! ```
//! Facets and values are sorted by name, documents ascending.

use std::collections::BTreeMap;

use super::varint::{write_str, write_varint, Reader};
use super::FormatError;

/// A `YYYY-MM-DD` date as a number that sorts like the date; 0 when the
/// text is not such a date.
pub fn day_key(date: &str) -> u32 {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Some(y)), Some(Some(m)), Some(Some(d)))
            if (1..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) =>
        {
            (y << 9) | (m << 5) | d
        }
        _ => 0,
    }
}

/// Collects every document's filters while the index is built.
#[derive(Debug, Default)]
pub struct FiltersWriter {
    days: Vec<u32>,
    facets: BTreeMap<String, BTreeMap<String, Vec<u32>>>,
}

impl FiltersWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add the next document (documents come in id order, from 0).
    pub fn push(&mut self, date: Option<&str>, filters: &[(String, String)]) {
        let doc = self.days.len() as u32;
        self.days.push(date.map_or(0, day_key));
        for (name, value) in filters {
            let docs = self
                .facets
                .entry(name.clone())
                .or_default()
                .entry(value.clone())
                .or_default();
            if docs.last() != Some(&doc) {
                docs.push(doc);
            }
        }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        let mut out = Vec::new();
        write_varint(&mut out, self.days.len() as u64);
        for d in &self.days {
            write_varint(&mut out, u64::from(*d));
        }
        write_varint(&mut out, self.facets.len() as u64);
        for (name, values) in &self.facets {
            write_str(&mut out, name);
            write_varint(&mut out, values.len() as u64);
            for (value, docs) in values {
                write_str(&mut out, value);
                write_varint(&mut out, docs.len() as u64);
                let mut prev = 0;
                for &d in docs {
                    write_varint(&mut out, u64::from(d - prev));
                    prev = d;
                }
            }
        }
        out
    }
}

/// One value of a facet and the documents that have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub value: String,
    /// Ascending document numbers.
    pub docs: Vec<u32>,
}

/// A facet: a field documents can be filtered and counted by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    pub name: String,
    pub values: Vec<FacetValue>,
}

/// The filter data of an index, read and checked.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    days: Vec<u32>,
    facets: Vec<Facet>,
}

impl Filters {
    /// Parse the filters file of an index of `doc_count` documents; every
    /// count and document number is checked against the bytes and the index.
    pub fn parse(bytes: &[u8], doc_count: u32) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let n = r.u32()?;
        if n != doc_count {
            return Err(FormatError::Corrupt("filters: document count differs"));
        }
        let mut days = Vec::with_capacity((n as usize).min(r.remaining_len()));
        for _ in 0..n {
            days.push(r.u32()?);
        }
        let facet_count = r.u32()?;
        let mut facets = Vec::new();
        for _ in 0..facet_count {
            let name = r.str()?.to_string();
            let value_count = r.u32()?;
            let mut values = Vec::new();
            for _ in 0..value_count {
                let value = r.str()?.to_string();
                let count = r.u32()?;
                if count > doc_count || count as usize > r.remaining_len() {
                    return Err(FormatError::Corrupt("filters: too many documents"));
                }
                let mut docs = Vec::with_capacity(count as usize);
                let mut doc = 0u32;
                for i in 0..count {
                    let delta = r.u32()?;
                    if i > 0 && delta == 0 {
                        return Err(FormatError::Corrupt("filters: documents out of order"));
                    }
                    doc = doc
                        .checked_add(delta)
                        .filter(|d| *d < doc_count)
                        .ok_or(FormatError::Corrupt("filters: document out of range"))?;
                    docs.push(doc);
                }
                values.push(FacetValue { value, docs });
            }
            facets.push(Facet { name, values });
        }
        if !r.is_empty() {
            return Err(FormatError::Corrupt("filters: trailing bytes"));
        }
        Ok(Filters { days, facets })
    }

    /// The document's day key (0 when it has no date).
    pub fn day(&self, doc: u32) -> u32 {
        self.days.get(doc as usize).copied().unwrap_or(0)
    }

    pub fn facets(&self) -> &[Facet] {
        &self.facets
    }

    pub fn facet(&self, name: &str) -> Option<&Facet> {
        self.facets.iter().find(|f| f.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut w = FiltersWriter::new();
        let f = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        w.push(
            Some("2022-05-05"),
            &f(&[("source", "RT"), ("year", "2022")]),
        );
        w.push(None, &f(&[("source", "TASS")]));
        w.push(
            Some("2021-08-11"),
            &f(&[("source", "RT"), ("tag", "a"), ("tag", "a")]),
        );
        let bytes = w.into_bytes();
        let r = Filters::parse(&bytes, 3).unwrap();
        assert_eq!(r.day(1), 0);
        assert!(r.day(0) > r.day(2));
        let source = r.facet("source").unwrap();
        assert_eq!(source.values[0].value, "RT");
        assert_eq!(source.values[0].docs, [0, 2]);
        assert_eq!(r.facet("tag").unwrap().values[0].docs, [2]);
        assert!(Filters::parse(&bytes, 2).is_err());
        for cut in 0..bytes.len() {
            assert!(Filters::parse(&bytes[..cut], 3).is_err());
        }
    }

    #[test]
    fn day_keys_sort_like_dates() {
        assert!(day_key("2022-05-05") > day_key("2021-12-31"));
        assert!(day_key("2022-05-05") > day_key("2022-04-30"));
        assert_eq!(day_key("not a date"), 0);
        assert_eq!(day_key("2022-13-01"), 0);
    }
}
