//! The batch runner: many inputs analysed on every core, results handed back in input order.
//!
//! Inputs are processed in chunks: each chunk is loaded and analysed in parallel (rayon), then
//! its results are emitted in order before the next chunk starts, so memory holds one chunk's
//! reports at a time however many inputs there are (what `--format ndjson` streams).

use rayon::prelude::*;

/// Inputs analysed in parallel per chunk; enough to keep every core busy, small enough that a
/// chunk's reports stay a few megabytes.
const CHUNK: usize = 256;

/// Runs `work` on every item on all cores and calls `emit` with each item's results in input
/// order.
pub fn run<T, R, W, E>(items: &[T], work: W, mut emit: E)
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    E: FnMut(&T, R),
{
    for chunk in items.chunks(CHUNK) {
        // One input (the common interactive case) never starts the thread pool.
        let results: Vec<R> = if chunk.len() == 1 {
            chunk.iter().map(&work).collect()
        } else {
            chunk.par_iter().map(&work).collect()
        };
        for (item, r) in chunk.iter().zip(results) {
            emit(item, r);
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
        run(&items, |i| i * 2, |i, r| seen.push((*i, r)));
        assert_eq!(seen.len(), 1000);
        assert!(seen
            .iter()
            .enumerate()
            .all(|(k, (i, r))| *i == k && *r == k * 2));
    }
}
