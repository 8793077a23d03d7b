//! The fold's data structures: interned text, text-keyed maps, dense group tables and the
//! cache-line counters. Each exists to keep the per-row work to array reads and integer
//! compares (docs/PERFORMANCE.md says what each bought).

use rustc_hash::FxHashMap;

/// Interns strings to dense ids.
#[derive(Default)]
pub(super) struct Interner {
    ids: TextMap<u32>,
    pub(super) values: Vec<Box<str>>,
}

impl Interner {
    pub(super) fn id(&mut self, s: &str) -> u32 {
        if let Some(id) = self.ids.get(s.as_bytes()) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(s.into());
        self.ids.insert(s.as_bytes(), id);
        id
    }

    /// The id of `s`, if interned.
    pub(super) fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s.as_bytes())
    }

    /// An interner of `values`, their ids their places (each value once).
    pub(super) fn of(values: Vec<Box<str>>) -> Interner {
        let mut ids = TextMap::default();
        for (i, v) in values.iter().enumerate() {
            ids.insert(v.as_bytes(), i as u32);
        }
        Interner { ids, values }
    }
}

/// A map keyed by text: keys of up to 15 bytes (store codes, channels, touchpoint ids — most
/// keys a row looks up) are packed into one 128-bit integer, so a look-up hashes and compares
/// two words instead of calling `memcmp`; longer keys use an ordinary map.
pub(super) struct TextMap<V> {
    short: FxHashMap<u128, V>,
    long: FxHashMap<Box<[u8]>, V>,
}

impl<V> Default for TextMap<V> {
    fn default() -> Self {
        TextMap { short: FxHashMap::default(), long: FxHashMap::default() }
    }
}

impl<V: Copy> TextMap<V> {
    /// The bytes and their length in one integer, when they fit.
    fn short_key(key: &[u8]) -> Option<u128> {
        // The length leads, so keys of different lengths differ (8 × 15 + 4 bits at most).
        (key.len() < 16).then(|| key.iter().fold(key.len() as u128, |k, b| (k << 8) | u128::from(*b)))
    }

    pub(super) fn get(&self, key: &[u8]) -> Option<V> {
        match Self::short_key(key) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(key).copied(),
        }
    }

    pub(super) fn insert(&mut self, key: &[u8], value: V) {
        match Self::short_key(key) {
            Some(k) => self.short.insert(k, value),
            None => self.long.insert(key.into(), value),
        };
    }

    pub(super) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}

/// Slots of one dense group table, at most (16 MB); past it, groups are found by hash.
const DENSE_SLOTS: usize = 1 << 22;

/// An empty slot of a [`DenseIndex`].
pub(super) const NO_GROUP: u32 = u32::MAX;

/// Group indices of one kind of key by (base, period), both small dense ids, in a flat
/// table: finding a row's group is an array read instead of a hash probe into a table too
/// big for the cache. The table grows as bases and periods appear.
#[derive(Default)]
pub(super) struct DenseIndex {
    /// Periods per base.
    periods: usize,
    table: Vec<u32>,
}

impl DenseIndex {
    /// The slot of (`base`, `period`), growing the table; `None` when it would be too big.
    pub(super) fn slot(&mut self, base: usize, period: usize) -> Option<&mut u32> {
        if period >= self.periods {
            let periods = (period + 1).next_power_of_two().max(32);
            let bases = self.table.len() / self.periods.max(1);
            if bases.max(base + 1) * periods > DENSE_SLOTS {
                return None;
            }
            let mut table = vec![NO_GROUP; bases * periods];
            for (b, row) in self.table.chunks(self.periods.max(1)).enumerate() {
                table[b * periods..b * periods + row.len()].copy_from_slice(row);
            }
            self.table = table;
            self.periods = periods;
        }
        let at = base * self.periods + period;
        if at >= self.table.len() {
            let bases = (base + 1).next_power_of_two();
            if bases * self.periods > DENSE_SLOTS {
                return None;
            }
            self.table.resize(bases * self.periods, NO_GROUP);
        }
        Some(&mut self.table[at])
    }
}

/// 32 counters filling one 64-byte cache line.
#[derive(Clone, Copy)]
#[repr(align(64))]
struct Line([u16; 32]);

/// The histogram counters of every group, each group starting on a cache line.
///
/// Counting is bound by memory, not arithmetic: each answer bumps a counter in about ten
/// groups, and a big breakdown (500 stores × 24 months) spreads its groups over more than
/// the core's cache. Sixteen-bit counters keep a group of up to 32 counters (NPS, CSAT and
/// CES together are 23) in a single line, so a cold group costs one miss instead of two or
/// three. A counter that wraps carries 65,536 into `carries`, so counts stay exact.
pub(super) struct Counters {
    lines: Vec<Line>,
    /// Lines per group.
    per_group: usize,
    /// Counters per group.
    pub(super) width: usize,
    /// Flat counter index → multiples of 65,536 carried out of it.
    carries: FxHashMap<usize, u64>,
}

impl Counters {
    pub(super) fn new(width: usize) -> Self {
        Counters { lines: Vec::new(), per_group: width.div_ceil(32).max(1), width, carries: FxHashMap::default() }
    }

    /// Appends a group of zero counters.
    pub(super) fn add_group(&mut self) {
        self.lines.resize(self.lines.len() + self.per_group, Line([0; 32]));
    }

    /// Counts one answer: counter `at` of `group`.
    #[inline]
    pub(super) fn bump(&mut self, group: usize, at: usize) {
        let c = &mut self.lines[group * self.per_group + at / 32].0[at % 32];
        *c = c.wrapping_add(1);
        if *c == 0 {
            *self.carries.entry(group * self.per_group * 32 + at).or_default() += 1 << 16;
        }
    }

    /// A group's counters, carries added back, into `out`.
    pub(super) fn read(&self, group: usize, out: &mut [u64]) {
        let lines = &self.lines[group * self.per_group..(group + 1) * self.per_group];
        for (at, o) in out.iter_mut().enumerate().take(self.width) {
            *o = u64::from(lines[at / 32].0[at % 32]);
        }
        if !self.carries.is_empty() {
            for (at, o) in out.iter_mut().enumerate().take(self.width) {
                *o += self.carries.get(&(group * self.per_group * 32 + at)).copied().unwrap_or(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_stay_exact_past_sixteen_bits() {
        // 40 counters per group: two cache lines each.
        let mut c = Counters::new(40);
        c.add_group();
        c.add_group();
        for _ in 0..200_000 {
            c.bump(1, 35);
        }
        for _ in 0..65_536 {
            c.bump(0, 0);
        }
        c.bump(0, 39);
        let (mut g0, mut g1) = (vec![0; 40], vec![0; 40]);
        c.read(0, &mut g0);
        c.read(1, &mut g1);
        assert_eq!((g0[0], g0[39], g0.iter().sum::<u64>()), (65_536, 1, 65_537));
        assert_eq!((g1[35], g1.iter().sum::<u64>()), (200_000, 200_000));
    }
}
