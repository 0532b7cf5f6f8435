//! Phases of a long command: a spinner on stderr once a run passes a second (only on a
//! terminal, never under `CI`), and the time of each phase for `--timings`.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the spinner shows: short runs stay quiet.
const SHOW_AFTER: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    phase: Option<(&'static str, Instant)>,
    timings: Vec<(&'static str, f64)>,
}

impl Progress {
    pub fn new() -> Progress {
        let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = interactive.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("a valid template"));
            bar.enable_steady_tick(Duration::from_millis(120));
            let shown = bar.downgrade();
            std::thread::spawn(move || {
                std::thread::sleep(SHOW_AFTER);
                if let Some(bar) = shown.upgrade().filter(|b| !b.is_finished()) {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                }
            });
            bar
        });
        Progress { bar, started: Instant::now(), phase: None, timings: Vec::new() }
    }

    /// Ends the current phase, if any, and starts `name`, described by `message`.
    pub fn phase(&mut self, name: &'static str, message: impl Into<String>) {
        self.end_phase();
        if let Some(bar) = &self.bar {
            bar.set_message(message.into());
        }
        self.phase = Some((name, Instant::now()));
    }

    /// Adds the seconds of a step timed elsewhere (on another thread).
    pub fn record(&mut self, name: &'static str, seconds: f64) {
        self.timings.push((name, seconds));
    }

    fn end_phase(&mut self) {
        if let Some((name, t)) = self.phase.take() {
            self.timings.push((name, t.elapsed().as_secs_f64()));
        }
    }

    /// Clears the spinner; returns each phase's seconds and the total as one JSON object.
    pub fn finish(mut self) -> String {
        self.end_phase();
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        let mut phases: Vec<String> = self.timings.iter().map(|(n, s)| format!("\"{n}\":{s:.4}")).collect();
        phases.push(format!("\"total\":{:.4}", self.started.elapsed().as_secs_f64()));
        format!("{{\"timings\":{{{}}}}}", phases.join(","))
    }
}

/// The library's pipelines (`build::stage`) report their phases here.
impl edge_atlas::build::Progress for Progress {
    fn phase(&mut self, name: &'static str, message: String) {
        Progress::phase(self, name, message);
    }

    fn record(&mut self, name: &'static str, seconds: f64) {
        Progress::record(self, name, seconds);
    }
}

impl Drop for Progress {
    /// An error ends the run early: the spinner must not stay on the terminal.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
