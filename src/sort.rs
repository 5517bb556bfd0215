//! One small sort for the app's short lists (a search's hits, the fixes
//! and causes the engine ranks: tens to a few hundred items).
//!
//! The standard library's sorts are fast on long slices, and each one is
//! generated again for every element type and comparison: there were five
//! in the wasm, 17 KB together (BENCHMARKS.md, "Smaller wasm"). This is a
//! binary insertion sort: it is stable, does O(n log n) comparisons and at
//! most n²/2 swaps, and is a few dozen bytes for each use. Plain Rust,
//! importing nothing of the crate; it never panics.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, keeping equal elements in their order.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let (sorted, rest) = v.split_at(i);
        let Some(item) = rest.first() else { break };
        let at = sorted.partition_point(|x| cmp(x, item) != Ordering::Greater);
        for j in (at..i).rev() {
            v.swap(j, j + 1);
        }
    }
}

/// Sorts `v` in its natural order, keeping equal elements in their order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}
