//! A counting global allocator, for the allocations each side makes per message: install it
//! with `#[global_allocator] static A: Counting = Counting;` and read [`count`] around a call.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static REALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

/// The system allocator, counting calls and bytes requested.
#[derive(Debug, Clone, Copy)]
pub struct Counting;

// SAFETY: every call is forwarded unchanged to `System`; the counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        REALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size.saturating_sub(layout.size()) as u64, Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// What one call allocated (counted only while [`Counting`] is the global allocator).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Allocs {
    /// `alloc` calls.
    pub allocs: u64,
    /// `realloc` calls (a growing `Vec` or `String`).
    pub reallocs: u64,
    /// Bytes requested (for a `realloc`, the growth).
    pub bytes: u64,
}

impl Allocs {
    /// `alloc` and `realloc` calls together.
    pub fn calls(&self) -> u64 {
        self.allocs + self.reallocs
    }
}

fn now() -> Allocs {
    Allocs {
        allocs: ALLOCS.load(Relaxed),
        reallocs: REALLOCS.load(Relaxed),
        bytes: BYTES.load(Relaxed),
    }
}

/// Runs `f` once and returns what it allocated (its result is dropped after counting). Other
/// threads' allocations in that time are counted too: call it with nothing else running.
pub fn count<T>(f: impl FnOnce() -> T) -> Allocs {
    let before = now();
    let out = f();
    let after = now();
    drop(out);
    Allocs {
        allocs: after.allocs - before.allocs,
        reallocs: after.reallocs - before.reallocs,
        bytes: after.bytes - before.bytes,
    }
}
