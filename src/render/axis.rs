//! Axis scales and ticks: months on x, parameter counts on a log y (squeezed below a knee), plain numbers.

/// A linear map from data values to pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub from: f64,
    pub to: f64,
}

impl Scale {
    pub fn map(&self, v: f64) -> f64 {
        self.from + (v - self.lo) / (self.hi - self.lo) * (self.to - self.from)
    }
}

/// Month ticks labelled "2024.06" ("2024" when yearly): every 3, 6 or 12 months, whichever gives at most `max`
/// ticks, on months that are multiples of the step (June and December for 6). Months are
/// counted as year * 12 + month - 1.
pub fn month_ticks(lo: i64, hi: i64, max: usize) -> Vec<(i64, String)> {
    let step = [1, 2, 3, 6, 12, 24, 60].into_iter().find(|s| (((hi - lo) / s) as usize) < max).unwrap_or(120);
    // Steps of 6 fall on June and December: month index 5 and 11 within the year.
    let offset = if step == 6 {
        5
    } else if step >= 12 {
        0
    } else {
        step - 1
    };
    let first = lo + (offset - lo).rem_euclid(step);
    (0..)
        .map(|i| first + i * step)
        .take_while(|m| *m <= hi)
        .map(|m| {
            // Yearly ticks fall on January: the year says it all.
            let label = if step >= 12 {
                m.div_euclid(12).to_string()
            } else {
                format!("{}.{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
            };
            (m, label)
        })
        .collect()
}

/// Parameter-count ticks between `lo` and `hi` at sizes people name models by.
pub fn param_ticks(lo: f64, hi: f64) -> Vec<(f64, String)> {
    const NICE: [f64; 15] = [0.1, 0.5, 1.0, 3.0, 7.0, 14.0, 30.0, 70.0, 150.0, 300.0, 700.0, 1500.0, 3e3, 7e3, 15e3];
    let within: Vec<f64> = NICE.into_iter().map(|b| b * 1e9).filter(|v| *v >= lo && *v <= hi).collect();
    // More than eight ticks crowd a log axis.
    let keep: Vec<f64> = if within.len() > 8 { within.iter().copied().step_by(2).collect() } else { within };
    keep.into_iter().map(|v| (v, format!("{}B", v / 1e9))).collect()
}

/// The y axis of parameter counts: log, and squeezed below a knee. Sizes from the knee up take
/// the height above the break; those under it (the small models, rarely labelled) share a band
/// of [`SQUEEZED_SHARE`] of the height at the bottom, on a log scale of their own, with a gap of
/// [`BREAK_SHARE`] between the two where the break is drawn. Without a knee inside the range, one
/// log scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SizeAxis {
    /// Logarithms (base 10) of the lowest and highest sizes shown, and of the knee.
    lo: f64,
    hi: f64,
    knee: Option<f64>,
    /// Pixel rows of the lowest and highest sizes.
    bottom: f64,
    top: f64,
}

/// The squeezed band's share of the height, and the gap's, when the axis has a knee.
pub const SQUEEZED_SHARE: f64 = 0.25;
pub const BREAK_SHARE: f64 = 0.035;

impl SizeAxis {
    /// An axis from `lo` to `hi` parameters between pixel rows `bottom` and `top`, squeezed
    /// below `knee` when the knee is inside the range.
    pub fn new(lo: f64, hi: f64, knee: Option<f64>, bottom: f64, top: f64) -> SizeAxis {
        let (lo, hi) = (lo.max(1.0).log10(), hi.max(1.0).log10());
        let knee = knee.filter(|k| k.is_finite() && *k > 0.0).map(f64::log10).filter(|k| *k > lo && *k < hi);
        SizeAxis { lo, hi, knee, bottom, top }
    }

    /// Pixel row of `params` parameters.
    pub fn map(&self, params: f64) -> f64 {
        let v = params.max(1.0).log10();
        let h = self.bottom - self.top;
        match self.knee {
            None => self.bottom - (v - self.lo) / (self.hi - self.lo) * h,
            Some(k) if v < k => self.bottom - (v - self.lo) / (k - self.lo) * h * SQUEEZED_SHARE,
            Some(k) => {
                let start = self.bottom - h * (SQUEEZED_SHARE + BREAK_SHARE);
                start - (v - k) / (self.hi - k) * (start - self.top)
            }
        }
    }

    /// Pixel row of the break (the middle of the gap), when the axis has one.
    pub fn break_at(&self) -> Option<f64> {
        let h = self.bottom - self.top;
        self.knee.map(|_| self.bottom - h * (SQUEEZED_SHARE + BREAK_SHARE / 2.0))
    }

    /// Ticks at sizes people name models by ([`param_ticks`]), as (pixel row, text): those of the
    /// squeezed band only where they stay `min_gap` pixels from the tick above them.
    pub fn ticks(&self, min_gap: f64) -> Vec<(f64, String)> {
        let (lo, hi) = (10f64.powf(self.lo), 10f64.powf(self.hi));
        let Some(k) = self.knee.map(|k| 10f64.powf(k)) else {
            return param_ticks(lo, hi).into_iter().map(|(v, l)| (self.map(v), l)).collect();
        };
        // The knee itself is named: 3B, where the scale changes. A hair of tolerance for 10^log10.
        let mut out: Vec<(f64, String)> =
            param_ticks(k * (1.0 - 1e-9), hi).into_iter().map(|(v, l)| (self.map(v), l)).collect();
        let mut last = self.break_at().unwrap_or(self.bottom) - min_gap / 2.0;
        for (v, l) in param_ticks(lo, k).into_iter().rev().filter(|(v, _)| *v < k * (1.0 - 1e-9)) {
            let y = self.map(v);
            if y - last >= min_gap {
                out.push((y, l));
                last = y;
            }
        }
        out
    }
}

/// Powers of ten between `lo` and `hi` for a log axis over many decades, every decade or
/// every second one so that at most `max` remain, labelled "10¹²".
pub fn decade_ticks(lo: f64, hi: f64, max: usize) -> Vec<(f64, String)> {
    if !(lo.is_finite() && hi.is_finite() && lo > 0.0 && hi > lo) {
        return Vec::new();
    }
    // A hair of tolerance: 1e-3's logarithm is -2.9999999999999996.
    let (first, last) = ((lo.log10() - 1e-9).ceil() as i32, (hi.log10() + 1e-9).floor() as i32);
    let count = (last - first + 1).max(0) as usize;
    let step = count.div_ceil(max.max(1)).max(1);
    (first..=last).step_by(step).map(|e| (10f64.powi(e), format!("10{}", superscript(e)))).collect()
}

/// An exponent in superscript digits.
fn superscript(e: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits = e.unsigned_abs().to_string().chars().map(|c| DIGITS[c as usize - '0' as usize]).collect::<String>();
    if e < 0 { format!("⁻{digits}") } else { digits }
}

/// Round ticks for a linear axis from 0 to `hi`: steps of 1, 2 or 5 times a power of ten.
pub fn linear_ticks(hi: f64, max: usize) -> Vec<(f64, String)> {
    ticks_between(0.0, hi, max)
}

/// Round ticks from `lo` to `hi` (the first at a multiple of the step), at most `max` of them.
pub fn ticks_between(lo: f64, hi: f64, max: usize) -> Vec<(f64, String)> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return Vec::new();
    }
    let step = nice_step(span, max);
    let first = (lo / step).ceil();
    (0..max + 1)
        .map(|i| (first + i as f64) * step)
        .take_while(|v| *v <= hi + step * 1e-9)
        .map(|v| (v, number(v)))
        .collect()
}

/// The smallest of 1, 2 or 5 times a power of ten that cuts `span` into at most `max` steps.
fn nice_step(span: f64, max: usize) -> f64 {
    let mut step = 10f64.powf((span / max as f64).log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if span / (step * m) <= max as f64 {
            step *= m;
            break;
        }
    }
    step
}

/// A tick value as people write it: no trailing zeros, no float noise.
fn number(v: f64) -> String {
    let s = format!("{:.6}", v);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// How values map to the y axis of the hardware figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueAxis {
    /// From 0 to `hi`.
    Linear { hi: f64 },
    /// From `lo` to `hi`, on a log scale.
    Log { lo: f64, hi: f64 },
    /// Linear from 0 to `cut` on the lower part, then a break, then `resume` to `hi` on the top
    /// `upper` fraction of the height: one series far above the others keeps the rest legible.
    Broken { cut: f64, resume: f64, hi: f64 },
}

/// How a broken axis splits the height: the upper part, and the gap that marks the break.
const UPPER: f64 = 0.2;
const BREAK_GAP: f64 = 0.04;

impl ValueAxis {
    /// Which axis fits the `series` (each a line's values): broken when the highest series
    /// peaks at over twice the peak of every other (one series dominates, as Jetson AGX
    /// Orin's 275 TOPS over phones' and laptops' 115 at most), else linear from zero. Another
    /// `kind` picks one regardless (broken falls back to linear when nothing stands out).
    pub fn choose(series: &[Vec<f64>], kind: AxisKind) -> ValueAxis {
        let ok = |x: &&f64| x.is_finite() && **x > 0.0;
        let mut peaks: Vec<f64> = series.iter().filter_map(|s| s.iter().filter(ok).copied().reduce(f64::max)).collect();
        peaks.sort_by(|a, b| b.total_cmp(a));
        let min = series.iter().flatten().filter(ok).copied().reduce(f64::min);
        let (Some(&max), Some(min)) = (peaks.first(), min) else { return ValueAxis::Linear { hi: 1.0 } };
        let second = peaks.get(1).copied().unwrap_or(max);
        let kind = match kind {
            AxisKind::Auto if max > 2.0 * second => AxisKind::Broken,
            AxisKind::Auto => AxisKind::Linear,
            forced => forced,
        };
        match kind {
            AxisKind::Log => ValueAxis::Log { lo: min / 1.5, hi: max * 1.5 },
            AxisKind::Broken if second < max => {
                let step = nice_step(second * 1.05, 7);
                let cut = (second * 1.05 / step).ceil() * step;
                let above = series.iter().flatten().copied().filter(|x| *x > cut).fold(max, f64::min);
                let resume = (above - (max - above).max(above * 0.1) * 0.25).max(cut);
                ValueAxis::Broken { cut, resume, hi: max * 1.06 }
            }
            _ => ValueAxis::Linear { hi: max * 1.12 },
        }
    }

    /// Where `v` goes between `bottom` and `top` pixels.
    pub fn map(&self, v: f64, bottom: f64, top: f64) -> f64 {
        let h = bottom - top;
        match *self {
            ValueAxis::Linear { hi } => bottom - v / hi * h,
            ValueAxis::Log { lo, hi } => bottom - (v.max(lo * 1e-3).ln() - lo.ln()) / (hi.ln() - lo.ln()) * h,
            ValueAxis::Broken { cut, resume, hi } => {
                let lower = h * (1.0 - UPPER - BREAK_GAP);
                if v <= cut {
                    bottom - v / cut * lower
                } else if v < resume {
                    // Between the two parts: inside the gap, in proportion.
                    bottom - lower - (v - cut) / (resume - cut) * h * BREAK_GAP
                } else {
                    top + h * UPPER - (v - resume) / (hi - resume) * h * UPPER
                }
            }
        }
    }

    /// Tick values and labels, and for a broken axis the pixel y of the break.
    pub fn ticks(&self, bottom: f64, top: f64) -> (Vec<(f64, String)>, Option<f64>) {
        let at = |t: Vec<(f64, String)>| t.into_iter().map(|(v, l)| (self.map(v, bottom, top), l)).collect();
        match *self {
            ValueAxis::Linear { hi } => (at(linear_ticks(hi, 7)), None),
            ValueAxis::Log { lo, hi } => {
                let mut t = Vec::new();
                let mut p = 10f64.powf(lo.log10().floor());
                while p <= hi && t.len() < 40 {
                    for m in [1.0, 2.0, 5.0] {
                        let v = p * m;
                        if v >= lo && v <= hi {
                            t.push((v, number(v)));
                        }
                    }
                    p *= 10.0;
                }
                (at(t), None)
            }
            ValueAxis::Broken { cut, resume, hi } => {
                let mut t = linear_ticks(cut, 7);
                t.extend(ticks_between(resume, hi, 3).into_iter().filter(|(v, _)| *v > cut));
                let h = bottom - top;
                (at(t), Some(bottom - h * (1.0 - UPPER - BREAK_GAP / 2.0)))
            }
        }
    }
}

/// The kinds of [`ValueAxis`], for a flag that forces one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum AxisKind {
    /// Broken when one line peaks at over twice every other line's peak, else linear.
    #[default]
    Auto,
    Linear,
    Log,
    Broken,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decades_are_labelled_with_superscripts() {
        let t = decade_ticks(1.3e8, 5.2e13, 6);
        assert_eq!(t.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>(), ["10⁹", "10¹⁰", "10¹¹", "10¹²", "10¹³"]);
        let t = decade_ticks(1e-3, 1e12, 6);
        assert_eq!(t.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>(), ["10⁻³", "10⁰", "10³", "10⁶", "10⁹", "10¹²"]);
        assert!(decade_ticks(0.0, 1.0, 5).is_empty());
    }

    fn month(y: i64, m: i64) -> i64 {
        y * 12 + m - 1
    }

    #[test]
    fn month_ticks_fall_on_june_and_december() {
        let t = month_ticks(month(2023, 3), month(2025, 4), 6);
        let labels: Vec<&str> = t.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["2023.06", "2023.12", "2024.06", "2024.12"]);
        let t = month_ticks(month(2018, 12), month(2025, 1), 8);
        assert_eq!(t.first().unwrap().1, "2019");
        assert_eq!(t.len(), 7);
    }

    #[test]
    fn param_ticks_use_readable_sizes() {
        let labels: Vec<String> = param_ticks(9e7, 35e9).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, ["0.1B", "0.5B", "1B", "3B", "7B", "14B", "30B"]);
        let labels: Vec<String> = param_ticks(1e8, 1e13).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, ["0.1B", "1B", "7B", "30B", "150B", "700B", "3000B"]);
    }

    #[test]
    fn sizes_under_the_knee_share_a_narrow_band_below_the_break() {
        let axis = SizeAxis::new(1e8, 5e10, Some(3e9), 1000.0, 0.0);
        // 3B starts the upper part, above the band and the gap; 30B is near the top, in log.
        let at3 = 1000.0 - 1000.0 * (SQUEEZED_SHARE + BREAK_SHARE);
        assert!((axis.map(3e9) - at3).abs() < 1e-9);
        assert!((axis.map(5e10) - 0.0).abs() < 1e-9 && (axis.map(1e8) - 1000.0).abs() < 1e-9);
        assert!(axis.map(2.9e9) > 1000.0 - 1000.0 * SQUEEZED_SHARE - 1e-9);
        let (mid_upper, mid_lower) = (axis.map(12e9), axis.map(0.55e9));
        assert!(mid_upper < at3 && mid_lower > axis.break_at().unwrap());
        let labels: Vec<String> = axis.ticks(60.0).into_iter().map(|(_, l)| l).collect();
        // 0.5B is 51 px under 1B here: left out; 0.1B is the bottom.
        assert_eq!(labels, ["3B", "7B", "14B", "30B", "1B", "0.1B"]);
        // No knee inside the range: one log scale, as param_ticks.
        let plain = SizeAxis::new(1e8, 5e10, None, 1000.0, 0.0);
        assert_eq!(plain.break_at(), None);
        assert_eq!(plain.ticks(10.0).len(), param_ticks(1e8, 5e10).len());
        assert_eq!(SizeAxis::new(5e9, 5e10, Some(3e9), 1000.0, 0.0).break_at(), None);
    }

    #[test]
    fn linear_ticks_are_round() {
        let t: Vec<f64> = linear_ticks(275.0, 8).into_iter().map(|(v, _)| v).collect();
        assert_eq!(t, [0.0, 50.0, 100.0, 150.0, 200.0, 250.0]);
        let t: Vec<String> = ticks_between(0.15, 0.9, 4).into_iter().map(|(_, l)| l).collect();
        assert_eq!(t, ["0.2", "0.4", "0.6", "0.8"]);
    }

    #[test]
    fn one_dominant_series_breaks_the_axis() {
        // The shipped TOPS: phones and laptops up to 115, Jetson AGX Orin at 200-275.
        let tops = vec![
            vec![6.0, 11.0, 15.0, 17.0, 35.0],
            vec![45.0, 48.0, 67.0, 80.0],
            vec![34.0, 99.0, 115.0],
            vec![20.0, 40.0, 70.0, 100.0, 200.0, 275.0],
        ];
        let axis = ValueAxis::choose(&tops, AxisKind::Auto);
        let ValueAxis::Broken { cut, resume, hi } = axis else { panic!("{axis:?}") };
        assert_eq!(cut, 140.0);
        assert!(resume > cut && resume < 200.0 && hi > 275.0, "{axis:?}");
        // Below the cut the axis is linear and takes most of the height; 275 is at the top.
        let (bottom, top) = (1000.0, 0.0);
        assert!((axis.map(70.0, bottom, top) - (1000.0 - 0.5 * 760.0)).abs() < 1e-9);
        assert!(axis.map(275.0, bottom, top) < 40.0 && axis.map(200.0, bottom, top) < 200.0);
        let (ticks, gap) = axis.ticks(bottom, top);
        assert!(gap.is_some() && ticks.iter().any(|(_, l)| l == "250") && ticks.iter().any(|(_, l)| l == "100"));
        // Values without an outlier keep a linear axis from zero; a flag forces either.
        assert_eq!(ValueAxis::choose(&tops[..3], AxisKind::Auto), ValueAxis::Linear { hi: 115.0 * 1.12 });
        assert!(matches!(ValueAxis::choose(&tops, AxisKind::Log), ValueAxis::Log { .. }));
        assert!(matches!(ValueAxis::choose(&tops, AxisKind::Linear), ValueAxis::Linear { .. }));
        let (log_ticks, _) = ValueAxis::Log { lo: 4.0, hi: 300.0 }.ticks(bottom, top);
        let labels: Vec<&str> = log_ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["5", "10", "20", "50", "100", "200"]);
    }
}
