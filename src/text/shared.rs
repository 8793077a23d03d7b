//! The analyser shared by the fold's workers, built on a thread of its own while the first
//! rows are read; comments met before it is ready are set aside within a bounded budget.

use super::{Analyzer, TextConfig};

/// An analyser being built on a thread of its own while rows are read (jieba's dictionary
/// takes a moment), shared by every worker: [`SharedAnalyzer::ready`] never blocks, so a worker
/// that meets a comment early can set it aside and go on with the rows' scores.
pub struct SharedAnalyzer<'c> {
    cell: std::sync::OnceLock<Analyzer>,
    config: &'c TextConfig,
    /// Bytes the workers together may still spend on comments set aside while it is built.
    room: std::sync::atomic::AtomicUsize,
    /// Comments that found no room and so waited for the analyser.
    waits: std::sync::atomic::AtomicUsize,
}

/// Bytes of comments (with what each is counted with) all workers together set aside, at
/// most, while the analyser is built: past this a worker waits for it, so memory stays
/// bounded whatever the file and the number of cores.
pub const SET_ASIDE_BYTES: usize = 16 << 20;

impl<'c> SharedAnalyzer<'c> {
    /// An analyser for `config`, not built yet: call [`SharedAnalyzer::build`] (on a thread of
    /// its own) or [`SharedAnalyzer::wait`].
    pub fn new(config: &'c TextConfig) -> Self {
        SharedAnalyzer::with_room(config, SET_ASIDE_BYTES)
    }

    /// [`SharedAnalyzer::new`] with room for `bytes` of comments set aside.
    pub fn with_room(config: &'c TextConfig, bytes: usize) -> Self {
        use std::sync::atomic::AtomicUsize;
        SharedAnalyzer {
            cell: std::sync::OnceLock::new(),
            config,
            room: AtomicUsize::new(bytes),
            waits: AtomicUsize::new(0),
        }
    }

    /// Takes `bytes` of the room for a comment set aside: false, and nothing taken, when less
    /// is left (the comment is then counted once the analyser is ready, which it waits for).
    pub fn take_room(&self, bytes: usize) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let taken = self.room.fetch_update(Relaxed, Relaxed, |left| left.checked_sub(bytes)).is_ok();
        if !taken {
            self.waits.fetch_add(1, Relaxed);
        }
        taken
    }

    /// How many comments found no room to be set aside.
    pub fn waits(&self) -> usize {
        self.waits.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Builds the analyser, unless it is built or being built.
    pub fn build(&self) {
        self.wait();
    }

    /// The analyser if it is built.
    pub fn ready(&self) -> Option<&Analyzer> {
        self.cell.get()
    }

    /// The analyser, waiting for it (or building it here, if no thread has started to): a
    /// build that failed is tried again here, so nothing waits forever.
    pub fn wait(&self) -> &Analyzer {
        self.cell.get_or_init(|| Analyzer::new(self.config))
    }
}
