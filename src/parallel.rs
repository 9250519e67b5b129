//! Ordered parallel map: items go to worker threads and their results come back to
//! the calling thread in input order, so a single writer sees exactly the sequence a
//! serial loop would. The input iterator and the sink stay on the calling thread
//! (neither needs to be `Send`), and only a bounded number of items are in flight, so
//! memory does not grow with the input.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{mpsc, Mutex};

/// The number of cores this process may use (1 when unknown).
pub fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work` on every item on `threads` worker threads and hands the results to
/// `sink` on the calling thread, in the order of the items. With one thread it is a
/// plain loop. Stops feeding work at the sink's first error and returns it; a panic
/// in `work` is resumed on the calling thread.
pub fn map_ordered<T, R, E>(
    items: impl IntoIterator<Item = T>,
    threads: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    if threads <= 1 {
        for item in items {
            sink(work(item))?;
        }
        return Ok(());
    }
    // Enough in flight that no worker waits for the writer, few enough to bound memory.
    let in_flight = threads * 8;
    let (task_tx, task_rx) = mpsc::channel::<(usize, T)>();
    let task_rx = Mutex::new(task_rx);
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (task_rx, done_tx, work) = (&task_rx, done_tx.clone(), &work);
            scope.spawn(move || loop {
                // The lock is held only to take a task, never while working.
                let task = task_rx.lock().map_err(drop).and_then(|rx| rx.recv().map_err(drop));
                let Ok((seq, item)) = task else { break };
                let result = panic::catch_unwind(AssertUnwindSafe(|| work(item)));
                if done_tx.send((seq, result)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut items = items.into_iter();
        let (mut sent, mut next, mut exhausted) = (0usize, 0usize, false);
        let mut pending = BTreeMap::new();
        let outcome = 'run: loop {
            while !exhausted && sent - next < in_flight {
                match items.next() {
                    Some(item) => {
                        // `task_rx` outlives the scope: sending cannot fail.
                        if task_tx.send((sent, item)).is_err() {
                            break 'run Ok(());
                        }
                        sent += 1;
                    }
                    None => exhausted = true,
                }
            }
            if next == sent {
                break Ok(());
            }
            let Ok((seq, result)) = done_rx.recv() else { break Ok(()) };
            pending.insert(seq, result);
            while let Some(result) = pending.remove(&next) {
                next += 1;
                match result {
                    Ok(value) => {
                        if let Err(error) = sink(value) {
                            break 'run Err(error);
                        }
                    }
                    Err(payload) => panic::resume_unwind(payload),
                }
            }
        };
        // Workers finish what is queued and stop.
        drop(task_tx);
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        for threads in [1, 2, 5] {
            let mut out = Vec::new();
            let work = |i: u64| {
                // Later items finish first.
                std::thread::sleep(std::time::Duration::from_micros(1000 / (i % 7 + 1)));
                i * i
            };
            map_ordered(0..200u64, threads, work, |r| {
                out.push(r);
                Ok::<(), ()>(())
            })
            .unwrap();
            assert_eq!(out, (0..200u64).map(|i| i * i).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn the_sink_error_stops_the_run() {
        let mut seen = 0;
        let result = map_ordered(
            0..10_000u32,
            2,
            |i| i,
            |i| {
                seen += 1;
                if i == 10 {
                    Err(i)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err(10));
        assert_eq!(seen, 11);
    }
}
