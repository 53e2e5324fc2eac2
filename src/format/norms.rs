//! Field lengths quantised to one byte per document and field, as BM25
//! needs them for every candidate document but only roughly.

/// Lengths below 64 are exact; above, steps of 5% (enough for BM25).
pub fn encode_len(n: u32) -> u8 {
    if n < 64 {
        return n as u8;
    }
    let steps = ((f64::from(n) / 64.0).ln() / 1.05f64.ln()).round();
    (64.0 + steps).min(255.0) as u8
}

pub fn decode_len(b: u8) -> f32 {
    if b < 64 {
        return f32::from(b);
    }
    (64.0 * 1.05f64.powi(i32::from(b) - 64)) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_stay_within_three_percent() {
        for n in [0u32, 1, 63, 64, 100, 1000, 12345, 500_000] {
            let d = decode_len(encode_len(n));
            assert!(
                (d - n as f32).abs() <= (n as f32 * 0.03).max(0.5),
                "{n} -> {d}"
            );
        }
    }
}
