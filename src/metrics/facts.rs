//! Facts the core counts where it learns them (a complaint filed, a legacy
//! secret checked): plain counters of the `metrics` facade, with nothing of
//! the listener that serves them, so that the use cases can name them.

use std::sync::atomic::{AtomicBool, Ordering};

use metrics::counter;

static ON: AtomicBool = AtomicBool::new(false);

/// Whether metrics are kept (a listener is configured).
pub(super) fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

pub(super) fn switch(on: bool) {
    ON.store(on, Ordering::Relaxed);
}

/// Counts a check of a legacy Argon2 secret (each is ~20 ms of a core).
pub fn legacy_secret_checked() {
    if on() {
        counter!("auth_legacy_secret_checks_total").increment(1);
    }
}

/// Counts a complaint filed (not an idempotent replay of one).
pub fn complaint_filed() {
    if on() {
        counter!("complaints_filed_total").increment(1);
    }
}
