//! One stable sort for every ordering the search makes (ranking, dates,
//! completions, facet values). The standard library's sorts are generic:
//! each call site would add its own copy, several kilobytes each, to the
//! wasm. This one sorts positions through a comparator behind `dyn`, so its
//! code exists once; the lists it sorts are at most the matching documents.

use std::cmp::Ordering;

/// Sort `items` by `cmp`, keeping the order of equal items.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    merge_sort(&mut order, &|a, b| {
        cmp(&items[a as usize], &items[b as usize])
    });
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| taken[i as usize].take()));
}

/// Bottom-up merge sort of positions (stable).
fn merge_sort(v: &mut Vec<u32>, cmp: &dyn Fn(u32, u32) -> Ordering) {
    let n = v.len();
    let mut buf = vec![0u32; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut a, mut b, mut k) = (start, mid, start);
            while a < mid && b < end {
                if cmp(v[b], v[a]) == Ordering::Less {
                    buf[k] = v[b];
                    b += 1;
                } else {
                    buf[k] = v[a];
                    a += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - a)].copy_from_slice(&v[a..mid]);
            k += mid - a;
            buf[k..k + (end - b)].copy_from_slice(&v[b..end]);
            start = end;
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
    }
}

#[cfg(test)]
mod tests {
    use super::sort_by;

    #[test]
    fn sorts_stably() {
        for n in [0usize, 1, 2, 3, 7, 64, 1000] {
            let mut v: Vec<(u32, usize)> = (0..n).map(|i| ((i * 7919 % 13) as u32, i)).collect();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            sort_by(&mut v, |a, b| a.0.cmp(&b.0));
            assert_eq!(v, want, "n = {n}");
        }
    }
}
