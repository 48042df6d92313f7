//! The process's memory allocator: glibc malloc for a single input, mimalloc once a batch starts,
//! for Rust and for libxml2 (and so libxmlsec1, which allocates through libxml2).
//!
//! In a batch each report is built on one worker and may be freed on another, and libxml2's trees
//! are built and freed by thousands; with glibc malloc a two-core batch used a fifth more CPU
//! than one core (perf: waits on arena locks taken by frees from the other thread), and
//! mimalloc (a heap per thread, frees from other threads without a lock) is also faster on one
//! core. For one message mimalloc's first
//! allocations (its arena bitmaps and a fresh page per size class, a hundred page faults) cost
//! more than it saved, so a run starts on glibc — only mimalloc's load-time constructor runs —
//! and [`for_batch`] switches new allocations to mimalloc. Frees
//! and reallocations go to whichever allocator owns the memory, so memory allocated before the
//! switch is freed by glibc after it: a block outside the address range glibc has handed out here
//! is mimalloc's at once (two compares, on ~1,500 frees a message); inside it mimalloc's page map
//! decides (`mi_is_in_heap_region`). mimalloc is built without
//! transparent huge pages (`no_thp`): with them every heap faulted in 2 MB pages.
//!
//! It also holds the process's two ends, which talk to C too: its entry point [`main`] (the C
//! runtime's, in place of Rust's) and [`exit_now`] (`_exit`).
//!
//! Talks to C (ARCHITECTURE.md, "Where unsafe lives"): the global allocator, libxml2's memory
//! hooks, the entry point and `_exit`.

#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::{c_char, c_void};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use mimalloc::MiMalloc;

/// Whether new allocations go to mimalloc. Set once, never cleared.
static BATCH: AtomicBool = AtomicBool::new(false);

/// From now on, new allocations (Rust's and libxml2's) come from mimalloc. Call before a batch
/// spawns its workers.
pub fn for_batch() {
    BATCH.store(true, Ordering::Release);
}

fn batch() -> bool {
    BATCH.load(Ordering::Acquire)
}

/// The lowest address and the end of the highest block glibc has handed out through these hooks
/// (before the switch, and when it grows one of its blocks after). Updated before the pointer is
/// returned, so whichever thread frees the block, having received it through some
/// synchronisation, sees a range that holds it.
static GLIBC_LO: AtomicUsize = AtomicUsize::new(usize::MAX);
static GLIBC_END: AtomicUsize = AtomicUsize::new(0);

/// Records a block glibc returned (`size` bytes at `p`, or null) in the range; returns `p`.
fn from_glibc<T>(p: *mut T, size: usize) -> *mut T {
    if !p.is_null() {
        // A zero-byte block (`xmlMalloc(0)`) is a real block at `p`: the range must hold `p`.
        let (at, end) = (p as usize, (p as usize).saturating_add(size.max(1)));
        // Loads first: nearly every block falls inside the range already, and a read-modify-write
        // on every allocation of a one-message run would cost more than the range saves.
        if at < GLIBC_LO.load(Ordering::Relaxed) {
            GLIBC_LO.fetch_min(at, Ordering::Relaxed);
        }
        if end > GLIBC_END.load(Ordering::Relaxed) {
            GLIBC_END.fetch_max(end, Ordering::Relaxed);
        }
    }
    p
}

/// Whether mimalloc owns `p` (only ever asked once the switch is made: before it, nothing is).
/// Outside glibc's range it can only be mimalloc's; inside, mimalloc's page map says. This relies
/// on every block freed here having been allocated through these hooks, which holds because Rust
/// has no other allocator and [`route_libxml2`] runs before libxml2 allocates anything.
fn mimalloc_owns(p: *const c_void) -> bool {
    if !batch() || p.is_null() {
        return false;
    }
    let at = p as usize;
    if at < GLIBC_LO.load(Ordering::Relaxed) || at >= GLIBC_END.load(Ordering::Relaxed) {
        return true;
    }
    // SAFETY: mi_is_in_heap_region only looks `p` up in mimalloc's page map; any address may be
    // asked.
    unsafe { mi_is_in_heap_region(p) }
}

struct Dispatch;

// SAFETY: every block is allocated by exactly one of two sound allocators and handed back to the
// one that owns it (`mimalloc_owns`: glibc's recorded range, then mimalloc's page map), with the
// layout it was allocated with.
unsafe impl GlobalAlloc for Dispatch {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout contract, passed on to the allocator that serves it.
        unsafe {
            if batch() {
                MiMalloc.alloc(layout)
            } else {
                from_glibc(System.alloc(layout), layout.size())
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        unsafe {
            if batch() {
                MiMalloc.alloc_zeroed(layout)
            } else {
                from_glibc(System.alloc_zeroed(layout), layout.size())
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` goes back to the allocator that made it (`mimalloc_owns` says which).
        unsafe {
            if mimalloc_owns(ptr.cast()) {
                MiMalloc.dealloc(ptr, layout)
            } else {
                System.dealloc(ptr, layout)
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: a block stays with the allocator that made it.
        unsafe {
            if mimalloc_owns(ptr.cast()) {
                MiMalloc.realloc(ptr, layout, new_size)
            } else {
                from_glibc(System.realloc(ptr, layout, new_size), new_size)
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: Dispatch = Dispatch;

type Free = unsafe extern "C" fn(*mut c_void);
type Malloc = unsafe extern "C" fn(usize) -> *mut c_void;
type Realloc = unsafe extern "C" fn(*mut c_void, usize) -> *mut c_void;
type Strdup = unsafe extern "C" fn(*const c_char) -> *mut c_char;

extern "C" {
    fn xmlMemSetup(free: Free, malloc: Malloc, realloc: Realloc, strdup: Strdup) -> i32;
    // mimalloc's C API (linked by the `mimalloc` crate).
    fn mi_free(p: *mut c_void);
    fn mi_malloc(size: usize) -> *mut c_void;
    fn mi_realloc(p: *mut c_void, size: usize) -> *mut c_void;
    fn mi_strdup(s: *const c_char) -> *mut c_char;
    fn mi_is_in_heap_region(p: *const c_void) -> bool;
}

unsafe extern "C" fn xml_malloc(size: usize) -> *mut c_void {
    // SAFETY: plain C allocations of `size` bytes.
    unsafe {
        if batch() {
            mi_malloc(size)
        } else {
            from_glibc(libc::malloc(size), size)
        }
    }
}

unsafe extern "C" fn xml_free(p: *mut c_void) {
    // SAFETY: libxml2 frees only what these hooks allocated; each block goes back to its owner.
    unsafe {
        if mimalloc_owns(p) {
            mi_free(p)
        } else {
            libc::free(p)
        }
    }
}

unsafe extern "C" fn xml_realloc(p: *mut c_void, size: usize) -> *mut c_void {
    // SAFETY: as `xml_free` and `xml_malloc`: a block is resized by the allocator that owns it.
    unsafe {
        if size == 0 {
            // glibc would free and return NULL, mimalloc keep a block: one meaning for both.
            xml_free(p);
            return std::ptr::null_mut();
        }
        if mimalloc_owns(p) {
            mi_realloc(p, size)
        } else if p.is_null() {
            xml_malloc(size)
        } else {
            from_glibc(libc::realloc(p, size), size)
        }
    }
}

unsafe extern "C" fn xml_strdup(s: *const c_char) -> *mut c_char {
    if s.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: `s` is a NUL-terminated string libxml2 passes for copying.
    unsafe {
        if batch() {
            mi_strdup(s)
        } else {
            from_glibc(libc::strdup(s), libc::strlen(s) + 1)
        }
    }
}

/// Routes libxml2's allocations through the same switch. Must run before libxml2 allocates
/// anything (first thing in `main`).
pub fn route_libxml2() {
    // SAFETY: called once at start-up, before any libxml2 call and before any other thread
    // exists; the four functions have the signatures libxml2 expects (free, malloc, realloc,
    // strdup) and each frees or resizes a block with the allocator that owns it.
    unsafe {
        xmlMemSetup(xml_free, xml_malloc, xml_realloc, xml_strdup);
    }
}

/// The process's entry point, called by the C runtime with the arguments (which `std::env`
/// reads on its own). Rust's start-up (`lang_start`) is skipped: to place a guard for the main
/// thread's stack it asks glibc where that stack is (`pthread_getattr_np`), and glibc answers by
/// reading and parsing `/proc/self/maps`, some eighty lines with libxmlsec1, OpenSSL and ICU
/// mapped: 0.17 ms, 3% of a one-message run (README "Performance"). What samlcheck relies on from
/// that start-up is done here: SIGPIPE ignored (a reader that goes away is an `EPIPE` error,
/// which `main.rs` handles, not a silent death), the three standard descriptors open (a closed
/// one would be reused by the next file opened), and a panic ending the process with code 101
/// after its message. Lost: the "has overflowed its stack" message, on any thread (its signal
/// handler is installed by that start-up); an overflow still ends the process, by SIGSEGV
/// instead of SIGABRT, and the parsers bound their depth.
#[cfg(not(test))]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: i32, _argv: *const *const c_char) -> i32 {
    // SAFETY: called first thing, with one thread; SIG_IGN is a valid disposition.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    keep_standard_descriptors_open();
    let code = std::panic::catch_unwind(crate::start).unwrap_or(101);
    exit_now(code)
}

/// Opens /dev/null on any of descriptors 0–2 that is closed, as Rust's start-up does.
#[cfg(not(test))]
fn keep_standard_descriptors_open() {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: polls three valid pollfd entries without waiting.
    if unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) } < 0 {
        return;
    }
    for f in fds {
        if f.revents & libc::POLLNVAL != 0 {
            // SAFETY: a NUL-terminated path; the lowest free descriptor, which is this one
            // (the lower ones are open: they were checked first).
            unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) };
        }
    }
}

/// Ends the process once everything is written: standard output flushed (files and other
/// writers were closed when their commands returned), then `_exit`, skipping the libraries' exit
/// handlers — OpenSSL, libxml2 and the allocator tearing down tables the kernel frees anyway
/// (a tenth of a millisecond, 2% of a one-message run).
#[cfg(not(test))]
fn exit_now(code: u8) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: _exit ends the process at once; no Rust state outlives it, standard output is
    // flushed above and standard error is unbuffered.
    unsafe { libc::_exit(i32::from(code)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned_by_mimalloc(p: *const u8) -> bool {
        // SAFETY: a page-map lookup; any address may be asked.
        unsafe { mi_is_in_heap_region(p.cast()) }
    }

    /// Blocks from before the switch are freed and grown by glibc after it, new ones come from
    /// mimalloc, for Rust and for libxml2. (The switch is for the whole test process, which is
    /// what it must survive: other tests' blocks cross it too.)
    #[test]
    fn blocks_cross_the_switch_with_their_allocator() {
        let before: Vec<Vec<u8>> = (1..500).map(|i| vec![7u8; i * 13]).collect();
        let mut grown = Vec::with_capacity(16);
        grown.extend_from_slice(b"before");
        // SAFETY: plain C allocations, freed below with the matching functions.
        let (xml_before, xml_grown) = unsafe { (xml_malloc(64), xml_malloc(16)) };
        // A zero-byte block, the last glibc hands out before the switch (the top of its range).
        // SAFETY: as above; freed below.
        let xml_empty = unsafe { xml_malloc(0) };
        for_batch();
        assert!(!xml_empty.is_null() && !mimalloc_owns(xml_empty.cast()));
        assert!(before.iter().all(|v| !owned_by_mimalloc(v.as_ptr())));
        // The dispatch's own answer (the range, then the page map) agrees with the page map.
        assert!(before.iter().all(|v| !mimalloc_owns(v.as_ptr().cast())));
        let after: Vec<Vec<u8>> = (1..500).map(|i| vec![9u8; i * 13]).collect();
        assert!(after.iter().all(|v| owned_by_mimalloc(v.as_ptr())));
        assert!(after.iter().all(|v| mimalloc_owns(v.as_ptr().cast())));
        grown.extend(std::iter::repeat_n(1u8, 100_000));
        assert!(!owned_by_mimalloc(grown.as_ptr()));
        assert!(!mimalloc_owns(grown.as_ptr().cast()));
        assert_eq!(&grown[..6], b"before");
        // SAFETY: each block is freed once, by the function that routes it to its owner.
        unsafe {
            let xml_after = xml_malloc(64);
            assert!(owned_by_mimalloc(xml_after.cast()));
            let xml_grown = xml_realloc(xml_grown, 1 << 20);
            assert!(!xml_grown.is_null() && !owned_by_mimalloc(xml_grown.cast()));
            // Grown by glibc after the switch (1 MiB: its own mapping, far from the heap): the
            // range takes it in, so it is not mistaken for mimalloc's.
            assert!(!mimalloc_owns(xml_grown.cast()));
            for p in [xml_before, xml_grown, xml_after, xml_empty] {
                xml_free(p);
            }
        }
        drop((before, after, grown));
    }
}
