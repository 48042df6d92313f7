//! The batch runner: many inputs analysed on every core, results handed back in input order.
//!
//! Each worker thread takes the next few inputs from a shared counter, so no core waits for
//! another between inputs (no per-chunk barrier). Results are emitted in input order by the
//! workers themselves: the worker that finishes the block the output is waiting for emits it, and
//! any finished blocks after it, while the others go on analysing — no emitting thread to wake
//! and no report carried to another core to be written. A worker more than a window of inputs
//! ahead of the output waits, so memory holds a bounded number of results however many inputs
//! there are (what `--format ndjson` streams). With one core, or one input, nothing is spawned:
//! each input is analysed and emitted in turn on the calling thread.

use std::collections::BTreeMap;
use std::ops::{ControlFlow, Range};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// How far, per worker, the workers may run ahead of the output: enough that one slow input does
/// not idle the others, few enough that the results held stay a few megabytes (a report is a few
/// kilobytes).
const AHEAD_PER_WORKER: usize = 64;

/// Inputs a worker claims at once: fewer trips through the shared state, small enough that the
/// last blocks still spread over every core.
const BLOCK: usize = 4;

/// Worker threads for a batch: `RAYON_NUM_THREADS` when set (the name parallel Rust tools share;
/// README documents it), otherwise one per core this process may run on.
pub fn workers() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Runs `work` on every item on [`workers`] threads and calls `emit` with each item's results
/// in input order, one call at a time. `emit` breaks to stop the run (the output's reader went
/// away): no further item is started, and finished ones are dropped.
pub fn run<T, R, W, E>(items: &[T], work: W, emit: E)
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    E: FnMut(&T, R) -> ControlFlow<()> + Send,
{
    // One input never asks how many cores there are (that reads the cgroup files).
    let workers = if items.len() <= 1 {
        1
    } else {
        workers().min(items.len())
    };
    if workers <= 1 {
        let mut emit = emit;
        for item in items {
            let r = work(item);
            if emit(item, r).is_break() {
                return;
            }
        }
        return;
    }
    let shared = Shared {
        next: AtomicUsize::new(0),
        order: Mutex::new(Order {
            pending: BTreeMap::new(),
            emitted: 0,
            emitting: false,
        }),
        advanced: Condvar::new(),
        emit: Mutex::new(emit),
        stop: AtomicBool::new(false),
        window: AHEAD_PER_WORKER * workers,
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (shared, work) = (&shared, &work);
            scope.spawn(move || {
                // A panicking worker stops the others instead of leaving them waiting for an
                // input that never comes; the scope then re-raises the panic.
                let _stop = StopOnUnwind(shared);
                while let Some(block) = shared.claim(items.len()) {
                    let results = block.clone().map(|i| work(&items[i])).collect();
                    shared.finished(items, block.start, results);
                }
            });
        }
    });
}

/// What the workers share.
struct Shared<R, E> {
    /// The next input to claim.
    next: AtomicUsize,
    /// Finished blocks waiting for their turn, and how far the output has got.
    order: Mutex<Order<R>>,
    /// Signalled when the output moves on (or the run stops).
    advanced: Condvar,
    /// The emitter; only the worker holding `Order::emitting` takes it.
    emit: Mutex<E>,
    /// Set when a thread panicked or the emitter broke: everyone stops claiming.
    stop: AtomicBool,
    window: usize,
}

struct Order<R> {
    pending: BTreeMap<usize, Vec<R>>,
    /// Inputs emitted so far: the next block to emit starts here.
    emitted: usize,
    /// Whether a worker is emitting (it emits every block that becomes ready meanwhile).
    emitting: bool,
}

impl<R, E> Shared<R, E> {
    fn order(&self) -> MutexGuard<'_, Order<R>> {
        self.order.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The next block of inputs for a worker, once it is within the window of the output; `None`
    /// when every input is claimed or the run stopped.
    fn claim(&self, len: usize) -> Option<Range<usize>> {
        let start = self.next.fetch_add(BLOCK, Ordering::Relaxed);
        if start >= len {
            return None;
        }
        let mut order = self.order();
        while start >= order.emitted + self.window && !self.stop.load(Ordering::Relaxed) {
            order = self.advanced.wait(order).unwrap_or_else(|p| p.into_inner());
        }
        (!self.stop.load(Ordering::Relaxed)).then(|| start..len.min(start + BLOCK))
    }

    /// A worker finished the block starting at `start`: it waits its turn, and if the output was
    /// waiting for it and no other worker is emitting, this worker emits it and every finished
    /// block after it.
    fn finished<T>(&self, items: &[T], start: usize, results: Vec<R>)
    where
        E: FnMut(&T, R) -> ControlFlow<()>,
    {
        let mut order = self.order();
        order.pending.insert(start, results);
        if order.emitting {
            return;
        }
        order.emitting = true;
        loop {
            let at = order.emitted;
            let results = match order.pending.remove(&at) {
                Some(results) if !self.stop.load(Ordering::Relaxed) => results,
                _ => {
                    order.emitting = false;
                    return;
                }
            };
            drop(order);
            let n = results.len();
            let mut broke = false;
            {
                let mut emit = self.emit.lock().unwrap_or_else(|p| p.into_inner());
                for (i, r) in (at..).zip(results) {
                    if (*emit)(&items[i], r).is_break() {
                        broke = true;
                        break;
                    }
                }
            }
            order = self.order();
            if broke {
                self.stop.store(true, Ordering::Relaxed);
            }
            order.emitted = at + n;
            self.advanced.notify_all();
        }
    }
}

/// Stops the run if the thread holding it unwinds.
struct StopOnUnwind<'a, R, E>(&'a Shared<R, E>);

impl<R, E> Drop for StopOnUnwind<'_, R, E> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _order = self.0.order();
            self.0.stop.store(true, Ordering::Relaxed);
            self.0.advanced.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order() {
        let items: Vec<usize> = (0..1000).collect();
        let mut seen = Vec::new();
        run(
            &items,
            |i| i * 2,
            |i, r| {
                seen.push((*i, r));
                ControlFlow::Continue(())
            },
        );
        assert_eq!(seen.len(), 1000);
        assert!(seen
            .iter()
            .enumerate()
            .all(|(k, (i, r))| *i == k && *r == k * 2));
    }

    #[test]
    fn slow_early_items_keep_their_place() {
        // Every 64th item finishes last; order must not follow completion.
        let items: Vec<usize> = (0..600).collect();
        let mut seen = Vec::new();
        run(
            &items,
            |i| {
                if i % 64 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                *i
            },
            |i, r| {
                seen.push((*i, r));
                ControlFlow::Continue(())
            },
        );
        assert_eq!(seen, items.iter().map(|i| (*i, *i)).collect::<Vec<_>>());
    }

    #[test]
    fn a_panicking_item_fails_the_run_without_hanging_it() {
        let items: Vec<usize> = (0..2000).collect();
        let outcome = std::panic::catch_unwind(|| {
            run(
                &items,
                |i| {
                    assert!(*i != 700, "item 700 fails");
                    *i
                },
                |_, _| ControlFlow::Continue(()),
            )
        });
        assert!(outcome.is_err());
        // The emitter failing stops the workers too.
        let outcome = std::panic::catch_unwind(|| {
            run(
                &items,
                |i| *i,
                |i, _| {
                    assert!(*i != 300, "emit fails");
                    ControlFlow::Continue(())
                },
            )
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn workers_stay_within_the_window_of_a_slow_output() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static ALIVE: AtomicUsize = AtomicUsize::new(0);
        static MOST: AtomicUsize = AtomicUsize::new(0);
        struct Held;
        impl Held {
            fn new() -> Self {
                let n = ALIVE.fetch_add(1, Ordering::SeqCst) + 1;
                MOST.fetch_max(n, Ordering::SeqCst);
                Held
            }
        }
        impl Drop for Held {
            fn drop(&mut self) {
                ALIVE.fetch_sub(1, Ordering::SeqCst);
            }
        }
        let items: Vec<usize> = (0..3000).collect();
        run(
            &items,
            |_| Held::new(),
            |i, held| {
                if i % 500 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(30));
                }
                drop(held);
                ControlFlow::Continue(())
            },
        );
        let bound = (AHEAD_PER_WORKER + BLOCK) * workers().max(1);
        let most = MOST.load(Ordering::SeqCst);
        assert!(most <= bound, "{most} results held at once, bound {bound}");
    }

    #[test]
    fn one_item_and_none() {
        let mut seen = Vec::new();
        let mut push = |_: &usize, r| {
            seen.push(r);
            ControlFlow::Continue(())
        };
        run(&[7], |i| i + 1, &mut push);
        run(&[] as &[usize], |i| i + 1, &mut push);
        assert_eq!(seen, vec![8]);
    }

    #[test]
    fn a_break_stops_the_run() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let started = AtomicUsize::new(0);
        let items: Vec<usize> = (0..100_000).collect();
        let mut emitted = Vec::new();
        run(
            &items,
            |i| {
                started.fetch_add(1, Ordering::Relaxed);
                *i
            },
            |i, _| {
                emitted.push(*i);
                if *i == 9 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(emitted, (0..10).collect::<Vec<_>>());
        let bound = 10 + (AHEAD_PER_WORKER + 2 * BLOCK) * workers().max(1);
        let started = started.into_inner();
        assert!(started <= bound, "{started} items started, bound {bound}");
    }
}
