//! Progress of a build, for the progress bar `cxsite` draws on a terminal.
//!
//! The pipeline only counts (bytes of data files read, site files written) in process-wide
//! atomic counters; whoever wants a bar (the command line) polls them. Counting costs one
//! relaxed atomic add per 64 KB read or per file written, and nothing is drawn by the library.

use std::io::Read;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};

static BYTES_TOTAL: AtomicU64 = AtomicU64::new(0);
static BYTES_READ: AtomicU64 = AtomicU64::new(0);
static FILES_WRITTEN: AtomicU64 = AtomicU64::new(0);
static STAGE: AtomicU8 = AtomicU8::new(0);

/// What a build is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Loading = 0,
    Reading = 1,
    Computing = 2,
    Writing = 3,
    Done = 4,
}

/// A snapshot of the counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub stage: Stage,
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub files_written: u64,
}

/// Starts counting a new build whose data files hold `bytes_total` bytes.
pub fn start(bytes_total: u64) {
    BYTES_TOTAL.store(bytes_total, Ordering::Relaxed);
    BYTES_READ.store(0, Ordering::Relaxed);
    FILES_WRITTEN.store(0, Ordering::Relaxed);
    set_stage(Stage::Reading);
}

/// Records the stage the build entered.
pub fn set_stage(stage: Stage) {
    STAGE.store(stage as u8, Ordering::Relaxed);
}

/// Counts one site file written.
pub fn file_written() {
    FILES_WRITTEN.fetch_add(1, Ordering::Relaxed);
}

/// The counters now.
pub fn snapshot() -> Snapshot {
    let stage = match STAGE.load(Ordering::Relaxed) {
        0 => Stage::Loading,
        1 => Stage::Reading,
        2 => Stage::Computing,
        3 => Stage::Writing,
        _ => Stage::Done,
    };
    Snapshot {
        stage,
        bytes_read: BYTES_READ.load(Ordering::Relaxed),
        bytes_total: BYTES_TOTAL.load(Ordering::Relaxed),
        files_written: FILES_WRITTEN.load(Ordering::Relaxed),
    }
}

/// A reader that counts the bytes read through it (the raw file, before decoding).
pub struct Counted<R>(pub R);

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        BYTES_READ.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
