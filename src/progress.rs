//! The progress shown during a long ingest (a spinner with the articles done so
//! far and the time taken) or export (a bar of the quads written, or a spinner of
//! the lines written for the analysts' formats), on standard error, only when standard error is a terminal and `--quiet` is not given (a pipe
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

/// A spinner counting lines written, hidden unless standard error is a terminal.
pub fn lines(quiet: bool) -> ProgressBar {
    shown(quiet, None, "{spinner} {pos} lines in {elapsed}")
}

/// A writer that counts the lines it passes on to `inner` on `bar`.
pub struct CountLines<W> {
    /// Where the bytes go.
    pub inner: W,
    /// What counts the lines.
    pub bar: ProgressBar,
}

impl<W: std::io::Write> std::io::Write for CountLines<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.bar.inc(buf[..written].iter().filter(|&&b| b == b'\n').count() as u64);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn counting_lines_passes_every_byte_on() {
        let mut out = CountLines { inner: Vec::new(), bar: ProgressBar::hidden() };
        out.write_all(b"a\tb\nc\td\ne").unwrap();
        out.write_all(b"\n").unwrap();
        assert_eq!(out.inner, b"a\tb\nc\td\ne\n");
        assert_eq!(out.bar.position(), 3);
    }
}
