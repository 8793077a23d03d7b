//! A verbatim sample while the fold runs: the comments of smallest hash, and the cutoff
//! most comments fail at once.

use std::collections::BTreeMap;

use crate::aggregate::{keep_smallest, Comment};

/// A sample of the comments of smallest hash, and the hash a comment must be under to enter.
#[derive(Default)]
pub(super) struct Sample {
    pub(super) kept: BTreeMap<u64, Comment>,
    /// The largest kept hash once the sample is full.
    pub(super) cutoff: Option<u64>,
}

impl Sample {
    /// Offers a comment: `make` runs only if it is kept.
    pub(super) fn offer(&mut self, cap: usize, hash: u64, make: impl FnOnce() -> Comment) {
        if self.cutoff.is_some_and(|c| hash > c) {
            return;
        }
        keep_smallest(&mut self.kept, cap, hash, make);
        if self.kept.len() >= cap {
            self.cutoff = self.kept.last_key_value().map(|(h, _)| *h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn a_sample_keeps_the_smallest_hashes_and_skips_the_rest_at_its_cutoff() {
        let mut s = Sample::default();
        let comment = crate::aggregate::test_comment;
        let mut made = 0;
        for h in [50u64, 10, 40, 30, 20, 60, 5] {
            s.offer(3, h, || {
                made += 1;
                comment(h)
            });
        }
        assert_eq!(s.kept.keys().copied().collect::<Vec<_>>(), [5, 10, 20]);
        assert_eq!(s.cutoff, Some(20));
        // 50, 10, 40 fill it; 30 and 20 replace; 60 is past the cutoff and never made; 5 enters.
        assert_eq!(made, 6);
    }
}
