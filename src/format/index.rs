//! A whole index held in memory: the root plus every file it names, each
//! checked against the root before use.

use fst::Map;

use super::{
    stems, DocRecord, DocStore, FileKind, Filters, FormatError, PostingsReader, Root, Stats,
};

#[derive(Debug)]
pub struct Index {
    root: Root,
    words: Map<Vec<u8>>,
    stems: Map<Vec<u8>>,
    groups: Vec<u8>,
    postings: Vec<u8>,
    docs: DocStore,
    filters: Filters,
}

impl Index {
    /// Assemble an index from its root and the bytes of each file the root
    /// names (`fetch` is given each entry in turn). Sizes and hashes are
    /// verified, so a stale or damaged file is an error, not a wrong answer.
    pub fn assemble(
        root: Root,
        mut files: impl FnMut(FileKind) -> Option<Vec<u8>>,
    ) -> Result<Index, FormatError> {
        let mut get = |kind: FileKind| -> Result<Vec<u8>, FormatError> {
            let entry = root.file(kind)?;
            let bytes = files(kind).ok_or_else(|| FormatError::Missing {
                file: entry.name.clone(),
            })?;
            entry.verify(&bytes)?;
            Ok(bytes)
        };
        let words = dictionary(get(FileKind::Words)?)?;
        let stems = dictionary(get(FileKind::Stems)?)?;
        let groups = get(FileKind::Groups)?;
        let postings = get(FileKind::Postings)?;
        let docs = DocStore::new(get(FileKind::Docs)?)?;
        if docs.len() != root.stats.doc_count || root.norms.len() != docs.len() as usize {
            return Err(FormatError::Corrupt("document count differs between files"));
        }
        let filters = Filters::parse(&get(FileKind::Filters)?, docs.len())?;
        Ok(Index {
            root,
            words,
            stems,
            groups,
            postings,
            docs,
            filters,
        })
    }

    /// Read an index folder from disk (native tools and tests).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn open(dir: &std::path::Path) -> Result<Index, OpenError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|e| OpenError::Io {
                path,
                error: e.to_string(),
            })
        };
        let root = Root::parse(&read(super::ROOT_FILE)?)?;
        let mut failed = None;
        let entries = root.files.clone();
        let index = Index::assemble(root, |kind| {
            let entry = entries.iter().find(|e| e.kind == kind)?;
            match read(&entry.name) {
                Ok(b) => Some(b),
                Err(e) => {
                    failed.get_or_insert(e);
                    None
                }
            }
        });
        match (index, failed) {
            (Ok(i), _) => Ok(i),
            (Err(_), Some(e)) => Err(e),
            (Err(e), None) => Err(e.into()),
        }
    }

    pub fn stats(&self) -> &Stats {
        &self.root.stats
    }

    pub fn root(&self) -> &Root {
        &self.root
    }

    pub fn doc_count(&self) -> u32 {
        self.root.stats.doc_count
    }

    /// Quantised (title, body) lengths of `doc`.
    pub fn norms(&self, doc: u32) -> [u8; 2] {
        self.root.norms.get(doc as usize).copied().unwrap_or([0, 0])
    }

    /// Surface-word dictionary: normalised word → postings offset.
    pub fn words(&self) -> &Map<Vec<u8>> {
        &self.words
    }

    /// Stem dictionary: stem → encoded word list (see [`stems`]).
    pub fn stems(&self) -> &Map<Vec<u8>> {
        &self.stems
    }

    /// Postings offsets of every word sharing the stem value `value`.
    pub fn stem_words(&self, value: u64, out: &mut Vec<u64>) -> Result<(), FormatError> {
        stems::decode(value, &self.groups, out)
    }

    pub fn postings(&self, offset: u64) -> Result<PostingsReader<'_>, FormatError> {
        PostingsReader::open(&self.postings, offset, self.doc_count())
    }

    pub fn doc(&self, doc: u32) -> Result<DocRecord, FormatError> {
        self.docs.get(doc)
    }

    /// Facets and dates, for filtering, counting and sorting.
    pub fn filters(&self) -> &Filters {
        &self.filters
    }
}

/// Open an fst dictionary and check its own CRC-32C as well. The fst
/// library trusts a dictionary's structure once opened (malformed node bytes
/// can make a lookup panic), so bytes that passed our size and FNV check
/// only by accident or forgery must still not reach it unverified.
fn dictionary(bytes: Vec<u8>) -> Result<Map<Vec<u8>>, FormatError> {
    let map = Map::new(bytes)?;
    map.as_fst().verify()?;
    Ok(map)
}

/// Why an index folder could not be opened from disk.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
pub enum OpenError {
    Io {
        path: std::path::PathBuf,
        error: String,
    },
    Format(FormatError),
}

#[cfg(not(target_arch = "wasm32"))]
impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            OpenError::Format(e) => e.fmt(f),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl std::error::Error for OpenError {}

#[cfg(not(target_arch = "wasm32"))]
impl From<FormatError> for OpenError {
    fn from(e: FormatError) -> Self {
        OpenError::Format(e)
    }
}
