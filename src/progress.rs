//! The progress shown during a long ingest: a spinner with the articles done so
//! far and the time taken, on standard error, only when standard error is a
//! terminal and `--quiet` is not given (a pipe or a log file never gets control
//! codes).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// A spinner counting articles, hidden unless standard error is a terminal.
pub fn articles(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(ProgressStyle::with_template("{spinner} {pos} articles in {elapsed} {msg}").expect("valid template"));
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
