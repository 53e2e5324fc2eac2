//! The document store while an index is built: every document's record,
//! in document order, held in memory or staged in a file, then cut into
//! docs pieces. How many documents a piece holds depends on the average
//! record size over the whole corpus, so pieces can only be cut at the end.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

use super::BuildError;
use crate::format::DocStoreWriter;

/// Records as `u32 LE length | record`, one after another.
enum Spool {
    Memory(Vec<u8>),
    File { path: PathBuf, out: BufWriter<File> },
}

pub(super) struct DocSpool {
    spool: Spool,
    docs: usize,
    record_bytes: usize,
}

impl DocSpool {
    /// A store held in memory.
    pub fn memory() -> Self {
        DocSpool {
            spool: Spool::Memory(Vec::new()),
            docs: 0,
            record_bytes: 0,
        }
    }

    /// A store staged in the file `path` (created).
    pub fn file(path: PathBuf) -> Result<Self, BuildError> {
        let file = File::create(&path).map_err(BuildError::writing(&path))?;
        Ok(DocSpool {
            spool: Spool::File {
                out: BufWriter::with_capacity(1 << 20, file),
                path,
            },
            docs: 0,
            record_bytes: 0,
        })
    }

    /// Documents so far.
    pub fn len(&self) -> usize {
        self.docs
    }

    /// Their records' bytes.
    pub fn record_bytes(&self) -> usize {
        self.record_bytes
    }

    pub fn push(&mut self, record: &[u8]) -> Result<(), BuildError> {
        let len = (record.len() as u32).to_le_bytes();
        match &mut self.spool {
            Spool::Memory(v) => {
                v.extend_from_slice(&len);
                v.extend_from_slice(record);
            }
            Spool::File { path, out } => out
                .write_all(&len)
                .and_then(|()| out.write_all(record))
                .map_err(BuildError::writing(path))?,
        }
        self.docs += 1;
        self.record_bytes += record.len();
        Ok(())
    }

    /// The store cut into pieces of `per_piece` documents, handed to
    /// `piece` in order (an empty store is one empty piece): the pieces
    /// [`DocStoreWriter::into_pieces`] makes of the same records.
    pub fn pieces(
        self,
        per_piece: usize,
        mut piece: impl FnMut(Vec<u8>) -> Result<(), BuildError>,
    ) -> Result<(), BuildError> {
        let per_piece = per_piece.max(1);
        let (mut input, path): (Box<dyn Read>, Option<PathBuf>) = match self.spool {
            Spool::Memory(v) => (Box::new(std::io::Cursor::new(v)), None),
            Spool::File { path, out } => {
                out.into_inner()
                    .map_err(|e| e.into_error())
                    .map_err(BuildError::writing(&path))?;
                let file = File::open(&path).map_err(BuildError::reading(&path))?;
                (
                    Box::new(BufReader::with_capacity(1 << 20, file)),
                    Some(path),
                )
            }
        };
        let failed = |e| match &path {
            Some(p) => BuildError::reading(p)(e),
            None => unreachable!("reading memory cannot fail: {e}"),
        };
        let mut left = self.docs;
        let mut record = Vec::new();
        loop {
            let mut writer = DocStoreWriter::new();
            for _ in 0..per_piece.min(left) {
                let mut len = [0u8; 4];
                input.read_exact(&mut len).map_err(failed)?;
                record.resize(u32::from_le_bytes(len) as usize, 0);
                input.read_exact(&mut record).map_err(failed)?;
                writer.push_encoded(&record);
            }
            left -= writer.len();
            piece(writer.into_bytes())?;
            if left == 0 {
                break;
            }
        }
        if let Some(p) = path {
            let _ = std::fs::remove_file(p);
        }
        Ok(())
    }
}
