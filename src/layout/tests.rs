//! The layout on awkward graphs: no edges, isolated nodes, one huge hub, many components;
//! determinism and stability.

use super::*;
use crate::community::splitmix;

fn seeds(n: usize) -> Vec<u64> {
    (0..n).map(|i| seed_of(&format!("node:{i}"))).collect()
}

fn quick() -> Settings {
    Settings { iterations: 200, ..Settings::default() }
}

fn assert_sane(points: &[Point]) {
    for (i, p) in points.iter().enumerate() {
        assert!(p.iter().all(|v| v.is_finite() && v.abs() < 1e9), "node {i} at {p:?}");
    }
}

/// No two nodes at the same place (closer than a millionth of the map's size).
fn assert_apart(points: &[Point]) {
    let b = Bounds::of(points.iter().copied());
    let scale = (b.max[0] - b.min[0]).max(b.max[1] - b.min[1]).max(1.0);
    for (i, p) in points.iter().enumerate() {
        for q in &points[..i] {
            assert!((p[0] - q[0]).hypot(p[1] - q[1]) > scale * 1e-6, "{p:?} and {q:?} coincide");
        }
    }
}

fn mean_length(points: &[Point], edges: &[(u32, u32)]) -> f64 {
    let d = |&(a, b): &(u32, u32)| {
        let (p, q) = (points[a as usize], points[b as usize]);
        (p[0] - q[0]).hypot(p[1] - q[1])
    };
    edges.iter().map(d).sum::<f64>() / edges.len() as f64
}

#[test]
fn no_edges_at_all() {
    let points = layout(&seeds(40), &[], &[], &quick());
    assert_eq!(points.len(), 40);
    assert_sane(&points);
    assert_apart(&points);
}

#[test]
fn isolated_nodes_beside_a_component() {
    let edges: Vec<(u32, u32)> = (0..20).map(|i| (i, (i + 1) % 21)).collect();
    let points = layout(&seeds(31), &edges, &[], &quick());
    assert_sane(&points);
    assert_apart(&points);
    // The isolated ones (21..31) sit outside the component's box.
    let inside = Bounds::of(points[..21].iter().copied());
    for p in &points[21..] {
        let within = (0..2).all(|d| inside.min[d] <= p[d] && p[d] <= inside.max[d]);
        assert!(!within, "isolated node {p:?} inside the component {inside:?}");
    }
}

#[test]
fn one_huge_hub() {
    let edges: Vec<(u32, u32)> = (1..2000).map(|i| (0, i)).collect();
    let points = layout(&seeds(2000), &edges, &[], &quick());
    assert_sane(&points);
    assert_apart(&points);
}

#[test]
fn disconnected_components_are_packed_without_overlap() {
    // Fifteen rings of growing size.
    let mut edges = Vec::new();
    let mut first = 0u32;
    let mut spans = Vec::new();
    for k in 3..18u32 {
        edges.extend((0..k).map(|i| (first + i, first + (i + 1) % k)).map(|(a, b)| (a.min(b), a.max(b))));
        spans.push(first as usize..(first + k) as usize);
        first += k;
    }
    edges.sort_unstable();
    let points = layout(&seeds(first as usize), &edges, &[], &quick());
    assert_sane(&points);
    let boxes: Vec<Bounds> = spans.iter().map(|s| Bounds::of(points[s.clone()].iter().copied())).collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[..i] {
            assert!((0..2).any(|d| a.max[d] < b.min[d] || b.max[d] < a.min[d]), "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn same_graph_same_bits_and_new_nodes_leave_the_rest_in_place() {
    // Each node links to an earlier one (a tree with hubs), some to a second.
    let mut edges: Vec<(u32, u32)> = (1..300u32).map(|i| ((splitmix(i as u64) % i as u64) as u32, i)).collect();
    edges.extend((2..300u32).step_by(5).map(|i| (i - 2, i)));
    edges.sort_unstable();
    edges.dedup();
    let s = Settings::default();
    let before = layout(&seeds(300), &edges, &[], &s);
    assert_eq!(before, layout(&seeds(300), &edges, &[], &s), "deterministic");
    // A release later: three new nodes, each linked to an old one, started from the old map.
    let mut grown = edges.clone();
    grown.extend([(5, 300), (17, 301), (230, 302)]);
    let start: Vec<Option<Point>> = before.iter().map(|&p| Some(p)).collect();
    let after = layout(&seeds(303), &grown, &start, &s);
    assert_sane(&after);
    let typical = mean_length(&before, &edges);
    let moved = (0..300).map(|i| (after[i][0] - before[i][0]).hypot(after[i][1] - before[i][1])).sum::<f64>() / 300.0;
    // What a layout from another start would do to the map.
    let other: Vec<u64> = (0..303).map(|i| seed_of(&format!("other:{i}"))).collect();
    let fresh = layout(&other, &grown, &[], &s);
    let reshuffled =
        (0..300).map(|i| (fresh[i][0] - before[i][0]).hypot(fresh[i][1] - before[i][1])).sum::<f64>() / 300.0;
    assert!(moved < typical, "old nodes moved {moved} on average; an edge is {typical} long");
    assert!(moved * 5.0 < reshuffled, "moved {moved}, from another start {reshuffled}");
}

#[test]
fn components_are_numbered_in_the_order_of_their_first_node() {
    let c = components(6, &[(1, 4), (2, 3), (3, 5)]);
    assert_eq!(c.of, vec![0, 1, 2, 2, 1, 2]);
    assert_eq!(c.count, 3);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn every_graph_lays_out_finite(n in 0usize..60, pairs in proptest::collection::vec((0u32..60, 0u32..60), 0..200),
                                   lin_log: bool, prevent_overlap: bool) {
        let mut edges: Vec<(u32, u32)> = pairs.into_iter()
            .filter(|&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
            .map(|(a, b)| (a.min(b), a.max(b))).collect();
        edges.sort_unstable();
        edges.dedup();
        let s = Settings { iterations: 50, lin_log, prevent_overlap, ..Settings::default() };
        let points = layout(&seeds(n), &edges, &[], &s);
        proptest::prop_assert_eq!(points.len(), n);
        for p in &points {
            proptest::prop_assert!(p.iter().all(|v| v.is_finite() && v.abs() < 1e9), "{:?}", p);
        }
    }
}
