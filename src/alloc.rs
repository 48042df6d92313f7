//! The process's memory allocator: mimalloc, for Rust and for libxml2 (and so libxmlsec1, which
//! allocates through libxml2).
//!
//! A batch builds each report on one worker and may free it on another; glibc malloc then locks
//! the arena the memory came from, and the two workers of a two-core batch spent a fifth of their
//! time waiting on each other's arenas. mimalloc keeps a heap per thread and takes frees from
//! other threads without a lock. Built without transparent huge pages (`no_thp`): with them
//! every heap faulted in 2 MB pages, +5 MB of RSS for a single message.

use std::ffi::{c_char, c_void};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
}

/// Routes libxml2's allocations to mimalloc. Must run before libxml2 allocates anything (first
/// thing in `main`): memory allocated by one allocator and freed by the other would corrupt both.
pub fn route_libxml2() {
    // SAFETY: called once at start-up, before any libxml2 call (so no libxml2 memory exists yet
    // and no other thread runs); the four functions are mimalloc's C API with the signatures
    // libxml2 expects (free, malloc, realloc, strdup).
    unsafe {
        xmlMemSetup(mi_free, mi_malloc, mi_realloc, mi_strdup);
    }
}
