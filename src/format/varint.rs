//! LEB128 varints and a bounds-checked byte reader.

use super::FormatError;

/// Append `v` as an unsigned LEB128 varint.
pub fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Read a varint at `*pos`, advancing it.
pub fn read_varint(bytes: &[u8], pos: &mut usize) -> Result<u64, FormatError> {
    let mut v: u64 = 0;
    let mut shift = 0u32;
    loop {
        let b = *bytes.get(*pos).ok_or(FormatError::Truncated("varint"))?;
        *pos += 1;
        if shift >= 64 || (shift == 63 && b > 1) {
            return Err(FormatError::Corrupt("varint overflow"));
        }
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
        shift += 7;
    }
}

/// A cursor over bytes whose every read is checked.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub fn at(bytes: &'a [u8], pos: usize) -> Result<Self, FormatError> {
        if pos > bytes.len() {
            return Err(FormatError::Corrupt("offset past end"));
        }
        Ok(Reader { bytes, pos })
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn remaining_len(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn varint(&mut self) -> Result<u64, FormatError> {
        read_varint(self.bytes, &mut self.pos)
    }

    /// A varint that must fit `u32` (counts, ids, positions).
    pub fn u32(&mut self) -> Result<u32, FormatError> {
        u32::try_from(self.varint()?).map_err(|_| FormatError::Corrupt("value over u32"))
    }

    /// Step over `n` varints without decoding them.
    pub fn skip_varints(&mut self, n: usize) -> Result<(), FormatError> {
        let mut left = n;
        while left > 0 {
            let b = *self
                .bytes
                .get(self.pos)
                .ok_or(FormatError::Truncated("varint"))?;
            self.pos += 1;
            left -= usize::from(b & 0x80 == 0);
        }
        Ok(())
    }

    pub fn u8(&mut self) -> Result<u8, FormatError> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or(FormatError::Truncated("byte"))?;
        self.pos += 1;
        Ok(b)
    }

    pub fn fixed<const N: usize>(&mut self) -> Result<[u8; N], FormatError> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(FormatError::Truncated("bytes"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    /// A length-prefixed UTF-8 string.
    pub fn str(&mut self) -> Result<&'a str, FormatError> {
        let n = usize::try_from(self.varint()?).map_err(|_| FormatError::Corrupt("length"))?;
        std::str::from_utf8(self.take(n)?).map_err(|_| FormatError::Corrupt("invalid UTF-8"))
    }
}

/// Append a length-prefixed string.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    write_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_and_reject_garbage() {
        let mut buf = Vec::new();
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            buf.clear();
            write_varint(&mut buf, v);
            let mut p = 0;
            assert_eq!(read_varint(&buf, &mut p).unwrap(), v);
            assert_eq!(p, buf.len());
        }
        let mut p = 0;
        assert!(read_varint(&[0x80, 0x80], &mut p).is_err());
        let mut p = 0;
        assert!(read_varint(&[0xff; 11], &mut p).is_err());
    }
}
