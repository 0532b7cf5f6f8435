//! Two pieces of work at once, on this machine's two cores.

/// Runs `other` on a second thread while `here` runs on this one, and returns both results
/// (`other`'s first). A panic in either goes on as that panic.
pub fn join<A: Send, B>(other: impl FnOnce() -> A + Send, here: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|s| {
        let handle = s.spawn(other);
        let b = here();
        (handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), b)
    })
}
