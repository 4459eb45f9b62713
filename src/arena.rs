//! The binary's allocator: the first allocations of a run come from a fixed space handed out in
//! order and never reused; everything past it goes to the system allocator.
//!
//! Why: a one-shot run (`assess`, `grade`, …) makes about a thousand allocations (some 0.3–0.7 MB
//! in all) and exits; the system allocator's bookkeeping for them cost about a fifth of such a
//! run's instructions. Handing out the next aligned bytes costs a few instructions, and freeing
//! is nothing, since the process ends soon after. A long run (`batch`, `ask`) uses up the space
//! early and then allocates and frees as usual, so its memory stays flat: the space is a fixed
//! cost, like a larger stack.
//!
//! Declared by `main.rs` only: the library and its tests use the system allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The space's size: more than the largest one-shot report (FHIR, about 0.7 MB) allocates, and
/// small enough that a long run's memory hardly grows for it.
const CAPACITY: usize = 1 << 20;

/// Zero-initialised, so it takes no room in the binary and no work at start (the kernel maps
/// its pages as they are first touched).
#[repr(C, align(4096))]
struct Space(UnsafeCell<[u8; CAPACITY]>);

// SAFETY: bytes of the space are only reached through pointers `Arena` hands out, each range
// once (`USED` is advanced atomically), so no two owners share a byte.
unsafe impl Sync for Space {}

static SPACE: Space = Space(UnsafeCell::new([0; CAPACITY]));

/// Bytes of the space handed out so far (an offset from its start; only ever grows).
static USED: AtomicUsize = AtomicUsize::new(0);

pub struct Arena;

fn start() -> usize {
    SPACE.0.get() as usize
}

fn in_space(ptr: *mut u8) -> bool {
    (ptr as usize).wrapping_sub(start()) < CAPACITY
}

/// The next `layout.size()` bytes aligned to `layout.align()`, if the space has them.
fn bump(layout: Layout) -> Option<*mut u8> {
    let base = start();
    let mut used = USED.load(Ordering::Relaxed);
    loop {
        // Alignment is of the address, not the offset (an alignment may exceed the space's own).
        let offset = (base + used).next_multiple_of(layout.align()) - base;
        let end = offset.checked_add(layout.size())?;
        if end > CAPACITY {
            return None;
        }
        match USED.compare_exchange_weak(used, end, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return Some(SPACE.0.get().cast::<u8>().wrapping_add(offset)),
            Err(now) => used = now,
        }
    }
}

// SAFETY: every pointer returned is either the system allocator's, or a range of the space no
// other allocation has been given, aligned as the layout asks; pointers are freed or resized by
// whichever of the two gave them (`in_space` tells them apart).
unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match bump(layout) {
            Some(ptr) => ptr,
            // SAFETY: the caller's layout contract is passed on unchanged.
            None => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if !in_space(ptr) {
            // SAFETY: a pointer outside the space came from the system allocator.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !in_space(ptr) {
            // SAFETY: as in `dealloc`.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        if new_size <= layout.size() {
            return ptr;
        }
        // The last allocation made grows where it is (a buffer being filled, most often).
        let offset = ptr as usize - start();
        let end = offset + layout.size();
        if let Some(new_end) = offset.checked_add(new_size) {
            if new_end <= CAPACITY
                && USED
                    .compare_exchange(end, new_end, Ordering::Relaxed, Ordering::Relaxed)
                    .is_ok()
            {
                return ptr;
            }
        }
        // SAFETY: `realloc`'s contract makes `new_size` with this alignment a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: as in `alloc`.
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both ranges are valid for the old size and distinct allocations.
            unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size()) };
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn allocations_are_aligned_and_distinct() {
        let sizes = [(1, 1), (3, 2), (24, 8), (100, 16), (7, 4096), (1, 1)];
        let ptrs: Vec<_> = sizes
            .iter()
            .map(|&(size, align)| {
                let ptr = unsafe { Arena.alloc(layout(size, align)) };
                assert!(!ptr.is_null());
                assert_eq!(ptr as usize % align, 0, "{size} bytes aligned to {align}");
                unsafe { ptr.write_bytes(0xAB, size) };
                (ptr as usize, size)
            })
            .collect();
        for (i, &(a, a_len)) in ptrs.iter().enumerate() {
            for &(b, b_len) in &ptrs[i + 1..] {
                assert!(a + a_len <= b || b + b_len <= a, "ranges overlap");
            }
        }
    }

    #[test]
    fn a_growing_buffer_keeps_its_contents() {
        let mut text = Vec::new();
        for i in 0..50_000u32 {
            text.extend_from_slice(&i.to_le_bytes());
        }
        let mut other = vec![1u8; 10];
        for (i, chunk) in (0u32..).zip(text.chunks(4)) {
            assert_eq!(chunk, i.to_le_bytes());
        }
        other.resize(100_000, 2);
        assert_eq!(other[..10], [1; 10]);
        assert!(other[10..].iter().all(|&b| b == 2));
    }

    #[test]
    fn past_the_space_the_system_allocator_serves() {
        let big = layout(CAPACITY + 1, 8);
        let ptr = unsafe { Arena.alloc(big) };
        assert!(!ptr.is_null());
        assert!(!in_space(ptr));
        unsafe {
            ptr.write_bytes(7, big.size());
            let grown = Arena.realloc(ptr, big, CAPACITY + 100);
            assert!(!grown.is_null());
            assert_eq!(*grown.add(CAPACITY), 7);
            Arena.dealloc(grown, layout(CAPACITY + 100, 8));
        }
        let zeroed = vec![0u8; 1 << 16];
        assert!(zeroed.iter().all(|&b| b == 0));
    }
}
