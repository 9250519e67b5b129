//! The progress shown during a long ingest (a spinner with the articles done so
//! far and the time taken) or export (a bar of the quads written), on standard
//! error, only when standard error is a terminal and `--quiet` is not given (a pipe
//! or a log file never gets control codes).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// A spinner counting articles, hidden unless standard error is a terminal.
pub fn articles(quiet: bool) -> ProgressBar {
    shown(quiet, None, "{spinner} {pos} articles in {elapsed} {msg}")
}

/// A bar of quads written out of `total` (a spinner when the total is unknown),
/// hidden unless standard error is a terminal.
pub fn quads(quiet: bool, total: Option<u64>) -> ProgressBar {
    match total {
        Some(_) => shown(quiet, total, "{bar:40} {pos}/{len} quads, {eta} left"),
        None => shown(quiet, None, "{spinner} {pos} quads in {elapsed}"),
    }
}

fn shown(quiet: bool, total: Option<u64>, template: &str) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    bar.set_style(ProgressStyle::with_template(template).expect("valid template"));
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
