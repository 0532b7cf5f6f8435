//! Axis scales and ticks: months on x, parameter counts on a log y, plain numbers.

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

/// Month ticks labelled "2024.06": every 3, 6 or 12 months, whichever gives at most `max`
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
        .map(|m| (m, format!("{}.{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)))
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

/// Round ticks for a linear axis from 0 to `hi`: steps of 1, 2 or 5 times a power of ten.
pub fn linear_ticks(hi: f64, max: usize) -> Vec<(f64, String)> {
    let mut step = 10f64.powf((hi / max as f64).log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if hi / (step * m) <= max as f64 {
            step *= m;
            break;
        }
    }
    (0..).map(|i| i as f64 * step).take_while(|v| *v <= hi + 1e-9).map(|v| (v, format!("{v}"))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(y: i64, m: i64) -> i64 {
        y * 12 + m - 1
    }

    #[test]
    fn month_ticks_fall_on_june_and_december() {
        let t = month_ticks(month(2023, 3), month(2025, 4), 6);
        let labels: Vec<&str> = t.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["2023.06", "2023.12", "2024.06", "2024.12"]);
        let t = month_ticks(month(2018, 12), month(2025, 1), 8);
        assert_eq!(t.first().unwrap().1, "2019.01");
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
    fn linear_ticks_are_round() {
        let t: Vec<f64> = linear_ticks(275.0, 8).into_iter().map(|(v, _)| v).collect();
        assert_eq!(t, [0.0, 50.0, 100.0, 150.0, 200.0, 250.0]);
    }
}
