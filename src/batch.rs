//! The batch runner: many inputs analysed on every core, results handed back in input order.
//!
//! Inputs are processed in chunks: each chunk is analysed in parallel (rayon) while the calling
//! thread emits the chunk before it, in order, so output never waits for the cores and the cores
//! never wait for output. Memory holds at most three chunks' results however many inputs there
//! are (what `--format ndjson` streams).

use rayon::prelude::*;

/// Inputs analysed in parallel per chunk and core: enough to keep every core busy between two
/// hand-overs, few enough that the chunks held at once stay a few megabytes (a report is a few kilobytes).
const PER_CORE: usize = 16;

/// Inputs per chunk for the current thread pool.
fn chunk_size() -> usize {
    (rayon::current_num_threads() * PER_CORE).clamp(32, 256)
}

/// Runs `work` on every item on all cores and calls `emit` with each item's results in input
/// order, on the calling thread.
pub fn run<T, R, W, E>(items: &[T], work: W, mut emit: E)
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    E: FnMut(&T, R),
{
    // One input (the common interactive case) never starts the thread pool.
    if items.len() <= 1 {
        for item in items {
            let r = work(item);
            emit(item, r);
        }
        return;
    }
    let work = &work;
    let chunk = chunk_size();
    // One finished chunk waits in the channel while the next is analysed.
    let (done, finished) = std::sync::mpsc::sync_channel::<Vec<R>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for part in items.chunks(chunk) {
                let results: Vec<R> = part.par_iter().map(work).collect();
                if done.send(results).is_err() {
                    return; // the emitting side stopped (it panicked)
                }
            }
        });
        for (part, results) in items.chunks(chunk).zip(finished) {
            for (item, r) in part.iter().zip(results) {
                emit(item, r);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order() {
        let items: Vec<usize> = (0..1000).collect();
        let mut seen = Vec::new();
        run(&items, |i| i * 2, |i, r| seen.push((*i, r)));
        assert_eq!(seen.len(), 1000);
        assert!(seen
            .iter()
            .enumerate()
            .all(|(k, (i, r))| *i == k && *r == k * 2));
    }

    #[test]
    fn slow_early_items_keep_their_place() {
        // The first item of every chunk finishes last; order must not follow completion.
        let items: Vec<usize> = (0..600).collect();
        let mut seen = Vec::new();
        run(
            &items,
            |i| {
                if i % chunk_size() == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                *i
            },
            |i, r| seen.push((*i, r)),
        );
        assert_eq!(seen, items.iter().map(|i| (*i, *i)).collect::<Vec<_>>());
    }

    #[test]
    fn one_item_and_none() {
        let mut seen = Vec::new();
        run(&[7], |i| i + 1, |_, r| seen.push(r));
        run(&[] as &[usize], |i| i + 1, |_, r| seen.push(r));
        assert_eq!(seen, vec![8]);
    }
}
