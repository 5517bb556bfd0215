//! The app's one small sort (`src/sort.rs`) against the standard library's
//! stable sort: the same order, equal elements kept in theirs.

use backup_doctor::sort::{sort, sort_by};
use proptest::prelude::*;

#[test]
fn sorts_short_and_empty_lists() {
    let mut empty: Vec<u8> = Vec::new();
    sort(&mut empty);
    assert!(empty.is_empty());
    let mut one = vec![3];
    sort(&mut one);
    assert_eq!(one, [3]);
    let mut words = vec!["wifi", "battery", "icloud", "battery", "apple"];
    sort(&mut words);
    assert_eq!(words, ["apple", "battery", "battery", "icloud", "wifi"]);
}

#[test]
fn best_first_with_ties_in_their_order() {
    // As the engine ranks: by score, highest first; equal scores stay in order.
    let mut ranked = vec![(0.2, 'a'), (0.5, 'b'), (0.2, 'c'), (0.9, 'd'), (0.5, 'e')];
    sort_by(&mut ranked, |x: &(f64, char), y| y.0.total_cmp(&x.0));
    assert_eq!(ranked.iter().map(|r| r.1).collect::<String>(), "dbeac");
}

proptest! {
    #[test]
    fn agrees_with_the_standard_stable_sort(v in prop::collection::vec((0u8..8, any::<u16>()), 0..300)) {
        let mut ours = v.clone();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std = v;
        std.sort_by(|a, b| a.0.cmp(&b.0));
        prop_assert_eq!(ours, std);
    }

    #[test]
    fn floats_by_total_order(v in prop::collection::vec(any::<f64>(), 0..100)) {
        let mut ours = v.clone();
        sort_by(&mut ours, f64::total_cmp);
        let mut std = v;
        std.sort_by(f64::total_cmp);
        prop_assert_eq!(ours.iter().map(|f| f.to_bits()).collect::<Vec<_>>(), std.iter().map(|f| f.to_bits()).collect::<Vec<_>>());
    }
}
