//! The `newsgraph` binary: glue between the command line (`cli`) and the library.
//! Errors are printed once, with their context; exit codes are 0 (all good), 1 (a
//! batch where some inputs failed) and 2 (usage or fatal error).
//!
//! No panic reaches a user as a panic: the hook prints nothing (no backtrace), the
//! panic is caught, and the user reads one line saying what failed.

mod cli;
mod commands;
mod progress;
mod serve;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    tune_allocator();
    // The message is printed by whoever catches the panic, with what was being done;
    // the hook only notes where it happened, for the bug report.
    std::panic::set_hook(Box::new(|info| {
        if let (Some(at), Ok(mut last)) = (info.location(), PANICKED_AT.lock()) {
            *last = Some(format!("{}:{}", at.file(), at.line()));
        }
    }));
    let cli = cli::Cli::parse();
    let result = match std::panic::catch_unwind(|| commands::run(cli)) {
        Ok(result) => result,
        Err(panic) => {
            let message = panic_message(&*panic);
            // `println!` panics when the reader has gone (`newsgraph stats | head -1`):
            // not an error either.
            if message.contains("Broken pipe") {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsgraph: internal error ({message}); this is a bug, please report it");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`newsgraph export | head`) is not an error.
            if err
                .chain()
                .any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsgraph: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Tells glibc's allocator to give memory back rather than keep it. By default it
/// serves ever larger blocks from its heaps and keeps their freed holes: on a corpus
/// ingest the resident set was ~100 MB above the 184 MB heap peak (heaptrack).
/// Blocks of 128 KiB and more (a batch's quads, the bulk loader's buffers) are now
/// mapped and unmapped on their own, and free memory above 128 KiB is returned
/// (BENCHMARKS.md has the figures). Runs first, before any thread starts. The
/// project's only `unsafe`: the lint denies it everywhere else.
#[allow(unsafe_code)]
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets the allocator's parameters; called before any other
    // thread exists, it races with nothing.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
    }
}

/// Where the last panic happened (`src/file.rs:line`), noted by the panic hook.
static PANICKED_AT: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// A panic's message and place, on one line.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string());
    let at = PANICKED_AT.lock().ok().and_then(|mut at| at.take());
    let message = message.lines().collect::<Vec<_>>().join(" ");
    match at {
        Some(at) => format!("{message}, at {at}"),
        None => message,
    }
}
