//! The binary's allocator (mimalloc: see docs/architecture.md, "Dependencies"),
//! and the one thing done to it by hand.

pub use mimalloc::MiMalloc;

/// Gives back to the system the memory the allocator holds free, now rather
/// than when it would purge it by itself. The read model's build frees tens
/// of megabytes of rows it has turned into the model's own records; left to
/// the allocator, they stay resident until the thread that built next
/// allocates or retires, seconds later (what an operator sizing a container
/// sees at the first readiness probe). Costs a few milliseconds: call it
/// after bulk work, never per request.
pub fn release_free_memory() {
    // SAFETY: `mi_collect` takes no pointer and may be called from any
    // thread at any time; it only returns free pages to the system.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
