//! How many times each component rendered, and each piece of work a render may skip was done
//! (the listed teasers, [`TEASERS_WORKED_OUT`]), counted in debug builds only: the component
//! tests and the bench hold the reader to rendering what changed and nothing else. In a
//! release build [`rendered`] is empty and the counts are never kept.

#[cfg(debug_assertions)]
use std::cell::RefCell;

#[cfg(debug_assertions)]
thread_local! {
    static COUNTS: RefCell<Vec<(&'static str, u32)>> = const { RefCell::new(Vec::new()) };
}

/// The name under which working out a list's teasers (snippets and marks) is counted.
pub const TEASERS_WORKED_OUT: &str = "teasers worked out";

/// Records one render of the component `name`; every function component calls it first.
#[inline]
pub fn rendered(name: &'static str) {
    #[cfg(debug_assertions)]
    COUNTS.with_borrow_mut(|counts| match counts.iter_mut().find(|(n, _)| *n == name) {
        Some((_, count)) => *count += 1,
        None => counts.push((name, 1)),
    });
    #[cfg(not(debug_assertions))]
    let _ = name;
}

/// The renders since the last call, by component name in alphabetical order, and starts
/// counting again. Always empty in a release build.
pub fn take() -> Vec<(&'static str, u32)> {
    #[cfg(debug_assertions)]
    {
        let mut counts = COUNTS.with_borrow_mut(std::mem::take);
        counts.sort_unstable();
        counts
    }
    #[cfg(not(debug_assertions))]
    Vec::new()
}
