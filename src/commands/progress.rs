//! A progress bar on stderr for long batches: only when stderr is a terminal, and only once the
//! run has taken more than a second (short runs stay quiet).

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    terminal: bool,
    shown: bool,
}

impl Progress {
    pub fn new(total: usize) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} inputs · {per_sec} · eta {eta}")
        {
            bar.set_style(style);
        }
        Self {
            bar,
            started: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    /// One more input done.
    pub fn inc(&mut self) {
        self.bar.inc(1);
        if self.terminal && !self.shown && self.started.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    /// Removes the bar (if it was drawn) and returns the run's duration.
    pub fn finish(self) -> Duration {
        self.bar.finish_and_clear();
        self.started.elapsed()
    }
}
