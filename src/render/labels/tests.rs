//! Placement on made-up scenes: the rules hold, whatever the scene.

use super::*;

/// A scenery of `dots` in `bounds` and nothing else: no obstacles or lines, the least gap, any
/// leader, none across a dot.
fn plain(dots: &[Circle], bounds: Rect) -> Scenery<'_> {
    Scenery { dots, obstacles: &[], segments: &[], bounds, label_gap: GAP, max_leader: f64::INFINITY, crossable: 0.0 }
}

fn check(requests: &[Request], dots: &[Circle], bounds: Rect, placed: &[Option<Placement>]) {
    let scenery = plain(dots, bounds);
    if let Some(v) = violation(requests, scenery, placed) {
        panic!("{v}");
    }
}

#[test]
fn dense_cluster_gets_labels_without_any_overlap() {
    // 40 dots in a 120 x 80 px cluster, each with a 70 x 18 px label: far more label
    // area than the cluster has, so most labels must move out and get leaders.
    let mut dots = Vec::new();
    for i in 0..40 {
        let x = 400.0 + (i % 8) as f64 * 15.0;
        let y = 300.0 + (i / 8) as f64 * 16.0 + (i % 3) as f64 * 2.0;
        dots.push(Circle { centre: (x, y), radius: 5.0 });
    }
    let requests: Vec<Request> = dots.iter().map(|&dot| Request::new((70.0, 18.0), dot)).collect();
    let bounds = Rect::new(0.0, 0.0, 1000.0, 700.0);
    let placed = place(&requests, plain(&dots, bounds));
    check(&requests, &dots, bounds, &placed);
    // Leaders from inside the cluster would cross other dots: those labels are left out.
    let count = placed.iter().flatten().count();
    assert!((10..40).contains(&count), "{count} placed");
    assert!(placed.iter().flatten().any(|p| p.leader));
    assert!(placed.iter().flatten().any(|p| !p.leader));
}

#[test]
fn thousands_of_labels_fill_the_plot_without_overlap() {
    // More labels than the plot holds, spread over it and beyond its edges: the grid
    // must find every neighbour, including boxes clamped into the border cells.
    let mut dots = Vec::new();
    let mut x = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = |scale: f64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % 10_000) as f64 / 10_000.0 * scale
    };
    for _ in 0..1500 {
        dots.push(Circle { centre: (next(1100.0) - 50.0, next(760.0) - 30.0), radius: 4.0 });
    }
    let requests: Vec<Request> = dots.iter().map(|&dot| Request::new((40.0 + next(60.0), 14.0), dot)).collect();
    let bounds = Rect::new(0.0, 0.0, 1000.0, 700.0);
    let obstacles = [Rect::new(800.0, 20.0, 150.0, 120.0)];
    let placed = place(&requests, Scenery { obstacles: &obstacles, ..plain(&dots, bounds) });
    check(&requests, &dots, bounds, &placed);
    let rects: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
    assert!(rects.iter().all(|r| !r.overlaps(&obstacles[0])));
    let count = rects.len();
    assert!(count > 40 && count < 1500, "{count} labels placed");
}

#[test]
fn a_label_with_no_room_is_reported_not_overlapped() {
    let dots = [Circle { centre: (50.0, 20.0), radius: 5.0 }];
    let requests = vec![Request::new((70.0, 18.0), dots[0]); 3];
    let bounds = Rect::new(0.0, 0.0, 100.0, 40.0);
    let placed = place(&requests, plain(&dots, bounds));
    check(&requests, &dots, bounds, &placed);
    assert!(placed.iter().any(|p| p.is_none()));
}

#[test]
fn labels_avoid_obstacles_and_sit_next_to_a_lone_dot() {
    let dots = [Circle { centre: (200.0, 200.0), radius: 6.0 }];
    let legend = Rect::new(205.0, 150.0, 200.0, 100.0);
    let scenery = Scenery { obstacles: &[legend], ..plain(&dots, Rect::new(0.0, 0.0, 800.0, 600.0)) };
    let placed = place(&[Request::new((60.0, 16.0), dots[0])], scenery);
    let p = placed[0].unwrap();
    assert!(!p.rect.overlaps(&legend));
    assert!(!p.leader, "there is room on the left: {p:?}");
    assert!(p.rect.x1 <= 200.0);
}

#[test]
fn labels_keep_off_lines_when_they_can() {
    let dots = [Circle { centre: (200.0, 200.0), radius: 6.0 }];
    // A line through the dot from left to right: the label goes above or below it.
    let line = [((0.0, 200.0), (400.0, 200.0))];
    let scenery = Scenery { segments: &line, ..plain(&dots, Rect::new(0.0, 0.0, 400.0, 400.0)) };
    let p = place(&[Request::new((60.0, 16.0), dots[0])], scenery)[0].unwrap();
    assert!(!p.rect.hits_segment(line[0].0, line[0].1), "{p:?}");
}

#[test]
fn values_that_are_not_numbers_are_left_unplaced_without_a_panic() {
    let nan = f64::NAN;
    let dots = [Circle { centre: (nan, 20.0), radius: 5.0 }, Circle { centre: (50.0, 20.0), radius: 5.0 }];
    let requests = [
        Request::new((30.0, 10.0), dots[0]),
        Request::new((f64::INFINITY, 10.0), dots[1]),
        Request::new((30.0, 10.0), dots[1]),
    ];
    let bounds = Rect::new(0.0, 0.0, 200.0, 100.0);
    let placed = place(&requests, plain(&dots, bounds));
    assert!(placed[0].is_none() && placed[1].is_none() && placed[2].is_some());
    let nowhere = Rect { x0: nan, y0: nan, x1: nan, y1: nan };
    assert!(place(&requests, plain(&dots, nowhere)).iter().all(Option::is_none));
    // An inverted rectangle has a nearest point too.
    assert_eq!(Rect { x0: 10.0, y0: 0.0, x1: 0.0, y1: 5.0 }.nearest((20.0, 2.0)), (0.0, 2.0));
}

#[test]
fn a_label_boxed_in_at_its_dot_names_another_of_its_dots() {
    // The top dot sits inside a ring of other dots that no 80 px label fits in and no
    // leader crosses; the release's other dot, lower down, is in the open.
    let (top, low) = (Circle { centre: (200.0, 100.0), radius: 5.0 }, Circle { centre: (200.0, 400.0), radius: 5.0 });
    let mut dots = vec![top, low];
    for k in 0..24 {
        let a = k as f64 * std::f64::consts::TAU / 24.0;
        dots.push(Circle { centre: (200.0 + 30.0 * a.cos(), 100.0 + 30.0 * a.sin()), radius: 5.0 });
    }
    let bounds = Rect::new(0.0, 0.0, 500.0, 500.0);
    let requests = [Request { size: (80.0, 16.0), dot: top, also: vec![low] }];
    let scenery = plain(&dots, bounds);
    let placed = place(&requests, scenery);
    assert_eq!(violation(&requests, scenery, &placed), None);
    let p = placed[0].expect("placed beside the other dot");
    assert_eq!(p.anchor, low);
    assert!(place(&[Request::new((80.0, 16.0), top)], scenery)[0].is_none(), "no room by the top dot alone");
    // A placement naming a dot the request does not list breaks the rules.
    let stray = [Some(Placement { anchor: Circle { centre: (400.0, 300.0), radius: 5.0 }, ..p })];
    assert!(violation(&requests, scenery, &stray).unwrap().contains("not a dot of its request"));
}

#[test]
fn segment_hits() {
    let r = Rect::new(10.0, 10.0, 10.0, 10.0);
    assert!(r.hits_segment((0.0, 15.0), (30.0, 15.0)));
    assert!(!r.hits_segment((0.0, 0.0), (30.0, 5.0)));
    assert!(r.hits_segment((15.0, 15.0), (15.0, 16.0)));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Random dots anywhere in (and around) the plot, random label sizes, some labels free
    /// to name other dots: every label is placed without overlap, or reported as not placed.
    #[test]
    fn random_scenes_never_overlap(
        points in proptest::collection::vec((-40.0f64..840.0, -40.0f64..640.0, 10.0f64..160.0, 8.0f64..30.0), 1..250),
        radius in 2.0f64..8.0,
    ) {
        let dots: Vec<Circle> = points.iter().map(|&(x, y, _, _)| Circle { centre: (x, y), radius }).collect();
        // Every third label may also name the next two dots, as a release names its sizes.
        let requests: Vec<Request> = points
            .iter()
            .zip(&dots)
            .enumerate()
            .map(|(i, (&(_, _, w, h), &dot))| Request {
                size: (w, h),
                dot,
                also: if i % 3 == 0 { dots.iter().skip(i + 1).take(2).copied().collect() } else { Vec::new() },
            })
            .collect();
        let bounds = Rect::new(0.0, 0.0, 800.0, 600.0);
        let placed = place(&requests, plain(&dots, bounds));
        proptest::prop_assert_eq!(placed.len(), requests.len());
        check(&requests, &dots, bounds, &placed);
    }
}

#[test]
fn a_leader_crosses_small_dots_only_when_the_scenery_allows_it() {
    // A dot walled in by a ring of dots: its label can only sit outside the ring, its leader
    // crossing it.
    let hub = Circle { centre: (500.0, 400.0), radius: 8.0 };
    let ring = |radius: f64| -> Vec<Circle> {
        let mut dots: Vec<Circle> = (0..24)
            .map(|k| {
                let a = f64::from(k) * std::f64::consts::TAU / 24.0;
                Circle { centre: (500.0 + 16.0 * a.cos(), 400.0 + 16.0 * a.sin()), radius }
            })
            .collect();
        dots.push(hub);
        dots
    };
    let requests = [Request::new((60.0, 16.0), hub)];
    let bounds = Rect::new(0.0, 0.0, 1000.0, 800.0);
    let place_among = |dots: &[Circle], crossable: f64| {
        let scenery = Scenery { crossable, ..plain(dots, bounds) };
        let placed = place(&requests, scenery);
        assert_eq!(violation(&requests, scenery, &placed), None);
        placed[0]
    };
    let small = ring(3.0);
    assert_eq!(place_among(&small, 0.0), None, "no dot may be crossed");
    assert!(place_among(&small, 3.0).is_some_and(|p| p.leader), "dots of radius 3 may be crossed");
    // The rule holds for dots bigger than the limit, and `violation` says so.
    let big = ring(4.0);
    assert_eq!(place_among(&big, 3.0), None);
    let crossing = place_among(&small, 3.0);
    let strict = Scenery { crossable: 3.0, ..plain(&big, bounds) };
    assert!(violation(&requests, strict, &[crossing]).is_some_and(|v| v.contains("crosses dot")));
}
