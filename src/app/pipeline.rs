//! Checking packs in parallel and handing them on in order: packs go to the checking threads as
//! discovery yields them, and each outcome is handed on as soon as it and every pack before it
//! are done, then dropped by its receiver. Memory holds the packs being checked and those done
//! early, not the run.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::mpsc;

/// Applies `work` to every input on the checking threads and hands the results to `each` in
/// input order, on the calling thread.
pub fn in_order<I, O>(
    inputs: impl Iterator<Item = I> + Send,
    work: impl Fn(I) -> O + Sync,
    each: &mut dyn FnMut(O),
) where
    I: Send,
    O: Send,
{
    std::thread::scope(|scope| {
        let (done, results) = mpsc::channel::<(usize, O)>();
        let work = &work;
        scope.spawn(move || {
            let check_all = move || {
                inputs
                    .enumerate()
                    .par_bridge()
                    .for_each_with(done, |done, (i, input)| {
                        // The receiver only goes away when the calling thread panicked.
                        let _ = done.send((i, work(input)));
                    });
            };
            match workers() {
                Some(pool) => pool.install(check_all),
                None => check_all(),
            }
        });
        let mut next = 0;
        let mut early: BTreeMap<usize, O> = BTreeMap::new();
        for (i, outcome) in results {
            early.insert(i, outcome);
            while let Some(outcome) = early.remove(&next) {
                each(outcome);
                next += 1;
            }
        }
    });
}

/// The threads that load and check packs, with a stack deep enough for the nesting limit
/// (`None` if they cannot be started: the global pool is used then).
fn workers() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(crate::limits::WORKER_STACK_BYTES)
            .thread_name(|i| format!("kakunin-check-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_finishes_first() {
        let mut seen = Vec::new();
        in_order(
            (0..200u64).collect::<Vec<_>>().into_iter(),
            |n| {
                // Early inputs take longest, so later ones finish first.
                std::thread::sleep(std::time::Duration::from_micros((200 - n) * 20));
                n * 2
            },
            &mut |n| seen.push(n),
        );
        assert_eq!(seen, (0..200u64).map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_inputs_means_no_results() {
        let mut seen = 0;
        in_order(std::iter::empty::<u8>(), |n| n, &mut |_| seen += 1);
        assert_eq!(seen, 0);
    }
}
