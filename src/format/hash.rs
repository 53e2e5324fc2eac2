//! Content hashes for file names and integrity checks.

/// 64-bit FNV-1a. Not cryptographic: it names files and catches stale or
/// damaged downloads, it does not defend against a forger.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
