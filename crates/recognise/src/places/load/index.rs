//! The gazetteer in a compact binary form ("the index"), its builder and its readers.
//!
//! [`build`] parses a gazetteer TSV (the format of `data/gazetteer.tsv.gz`, described in
//! `data/README.md`) into one byte buffer holding the records, the name tables and the name
//! filter. The crate's build script runs it on the embedded gazetteer and writes the buffer to
//! `OUT_DIR`, so that the program reads the compiled-in index in place instead of parsing the
//! TSV at every start; a gazetteer file given at run time goes through the same [`build`] and is
//! then read by the same readers, [`NameTable`] and [`NameFilter`].
//!
//! This file uses only the standard library and the name normalisation (`super::norm`), so that
//! the build script can include it as a module of its own.
//!
//! # Layout
//!
//! All integers are little-endian. The buffer starts with [`MAGIC`], then four `u32`: the count
//! of skipped lines, the most words in a name, the record count and the section count, then the
//! (offset, length) pair of each [`Section`], offsets counted from the start of the buffer.
//!
//! - [`Section::Records`]: [`RECORD_SIZE`] bytes a record: feature code, capital flag, two
//!   padding bytes, latitude and longitude (`f64` bits), population (`u64`), then five
//!   (offset, length) pairs into [`Section::Strings`]: name, id, country, English region name
//!   (offset `u32::MAX` when unknown) and region code.
//! - [`Section::Strings`]: UTF-8 text, each distinct string once.
//! - A name table (keys, region keys, airport keys, Cyrillic stems, first words, ids, common
//!   names, English words): `u32` slot count, `u32` value count, `u32` name byte count, then the slots, the values (`u32` each) and the name bytes. A slot is 16
//!   bytes: a tag (0 for an empty slot, else the high half of the name's hash with the low bit
//!   set), the name's offset (`u32`) and length (`u16`), the value count (`u16`) and the index
//!   of the first value (`u32`). A name sits in the first free slot from its home slot (linear
//!   probing; the home slot scales the low half of the hash to the slot count), and the tables
//!   are at most two thirds full.
//! - [`Section::Filter`]: the blocks of the [`NameFilter`], 64 bytes each.
//! - [`Section::Airports`]: the airport record indexes (`u32`), sorted by latitude.
//! - [`Section::Divisions`]: the indexes (`u32`) of the country and first-level region
//!   records, in the order of the file.

pub(crate) use super::builder::build;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

/// A fast, fixed hash for the name tables (the FxHash mixing step). Names come from the data
/// file; text is only looked up, never inserted, so a fixed hash is safe here.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxBuild;

pub(crate) struct FxHasher(u64);

impl BuildHasher for FxBuild {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The remaining bytes as a little-endian word padded with zeros, assembled in
            // registers rather than copied through a buffer of variable length.
            let w = rest
                .iter()
                .rev()
                .fold(0u64, |w, &x| (w << 8) | u64::from(x));
            self.add(w ^ ((rest.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The mixing step leaves the low bits of the state depending on the low bits of the input
    /// only, and tables pick buckets by the low bits: names sharing their first letters would
    /// crowd into the same buckets. Rotating brings the well-mixed high bits down.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// The hash of a name, as `FxBuild.hash_one(name)` gives it for a `str`; the name tables and
/// the filter both use it, at build time and at lookup.
#[inline]
pub(crate) fn hash_name(name: &str) -> u64 {
    let mut h = FxHasher(0);
    h.write(name.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

/// The bytes of an index section: borrowed from the compiled-in index, or a range of an index
/// read at run time, whose sections all share its one buffer.
#[derive(Clone)]
pub(crate) enum Bytes {
    Static(&'static [u8]),
    Shared(std::sync::Arc<Vec<u8>>, std::ops::Range<usize>),
}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bytes({})", self.len())
    }
}

impl Default for Bytes {
    fn default() -> Self {
        Bytes::Static(&[])
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Shared(a, r) => a.get(r.clone()).unwrap_or_default(),
        }
    }
}

impl Bytes {
    /// A buffer read at run time.
    pub(crate) fn owned(v: Vec<u8>) -> Self {
        let n = v.len();
        Bytes::Shared(std::sync::Arc::new(v), 0..n)
    }

    /// The bytes of `r` (a range within these bytes), sharing the buffer.
    pub(crate) fn slice(&self, r: std::ops::Range<usize>) -> Bytes {
        match self {
            Bytes::Static(b) => Bytes::Static(b.get(r).unwrap_or_default()),
            Bytes::Shared(a, own) => {
                let start = (own.start + r.start).min(own.end);
                let end = (own.start + r.end).min(own.end).max(start);
                Bytes::Shared(a.clone(), start..end)
            }
        }
    }
}

/// The start of every index buffer; the last two bytes are the layout version.
pub(crate) const MAGIC: &[u8; 8] = b"SGZIDX03";

/// The sections of an index buffer, in the order of its section table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Records = 0,
    Strings,
    Keys,
    RegionKeys,
    AirportKeys,
    CyrillicStems,
    FirstWords,
    ById,
    CommonNames,
    English,
    Filter,
    Airports,
    Divisions,
    Folded,
    Loose,
    AdminKeys,
    Meta,
    FormsFilter,
}

/// The number of sections.
pub(crate) const SECTIONS: usize = 18;

/// Bytes of one record in [`Section::Records`].
pub(crate) const RECORD_SIZE: usize = 108;

/// Bytes of the fixed header before the section table.
pub(crate) const HEADER: usize = MAGIC.len() + 16;

/// Feature codes of the records section, in the order of [`FEATURES`].
pub(crate) const FEATURE_COUNTRY: u8 = 0;
pub(crate) const FEATURE_ADMIN1: u8 = 1;
pub(crate) const FEATURE_CITY: u8 = 2;
pub(crate) const FEATURE_AIRPORT: u8 = 3;
pub(crate) const FEATURE_REGION: u8 = 4;
pub(crate) const FEATURE_ADMIN2: u8 = 5;
pub(crate) const FEATURE_ADMIN3: u8 = 6;
pub(crate) const FEATURE_OTHER: u8 = 7;

/// The feature column of the TSV: (name, feature code, capital).
pub(crate) const FEATURES: &[(&str, u8, bool)] = &[
    ("country", FEATURE_COUNTRY, false),
    ("admin1", FEATURE_ADMIN1, false),
    ("city", FEATURE_CITY, false),
    ("capital", FEATURE_CITY, true),
    ("airport", FEATURE_AIRPORT, false),
    ("region", FEATURE_REGION, false),
    ("admin2", FEATURE_ADMIN2, false),
    ("admin3", FEATURE_ADMIN3, false),
    ("other", FEATURE_OTHER, false),
];

/// The string offset that stands for "no string".
pub(crate) const NO_STRING: u32 = u32::MAX;

/// Reads the little-endian `u32` at `at`, if the bytes are there.
#[inline]
pub(crate) fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Reads the little-endian `u64` at `at`, if the bytes are there.
#[inline]
pub(crate) fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// A pointer from a name to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyRef {
    pub idx: u32,
    /// The name is the record's own English name (or a country's conventional alias), not
    /// one of its alternates.
    pub primary: bool,
    /// The name is written all in capitals ("US", "UK") and must be so in the text.
    pub upper: bool,
    /// The name begins like the record's own name ("Slovyansk" for "Sloviansk"): a spelling
    /// rather than a former or unrelated name.
    pub similar: bool,
    /// The name is one the place bore before it was renamed ("Artemivsk" for Bakhmut).
    pub former: bool,
}

/// Bits of a packed [`KeyRef`] that hold the record index; the four flags take the others.
pub(crate) const IDX_MASK: u32 = (1 << 28) - 1;

impl KeyRef {
    /// The `u32` form stored in the index: the record index and the four flags on top.
    fn pack(self) -> u32 {
        self.idx
            | (u32::from(self.former) << 28)
            | (u32::from(self.primary) << 29)
            | (u32::from(self.upper) << 30)
            | (u32::from(self.similar) << 31)
    }

    /// The reference a packed value stands for.
    #[inline]
    pub(crate) fn unpack(v: u32) -> KeyRef {
        KeyRef {
            idx: v & IDX_MASK,
            former: v & (1 << 28) != 0,
            primary: v & (1 << 29) != 0,
            upper: v & (1 << 30) != 0,
            similar: v & (1 << 31) != 0,
        }
    }
}

/// One name of a record's keys field, `[~][!][lang=]name`: `~` makes it usable only before a
/// region word (or an airport word, for airports), `!` marks a former name, and `lang` is the
/// name's language (ISO 639 code) where the source gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeySpec<'a> {
    pub name: &'a str,
    pub phrase_only: bool,
    pub former: bool,
    pub lang: &'a str,
}

impl<'a> KeySpec<'a> {
    /// Reads one name of a keys field.
    pub(crate) fn parse(key: &'a str) -> KeySpec<'a> {
        let (phrase_only, key) = match key.strip_prefix('~') {
            Some(k) => (true, k),
            None => (false, key),
        };
        let (former, key) = match key.strip_prefix('!') {
            Some(k) => (true, k),
            None => (false, key),
        };
        let (lang, name) = match key.split_once('=') {
            Some((l, n))
                if (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()) =>
            {
                (l, n)
            }
            _ => ("", key),
        };
        KeySpec {
            name,
            phrase_only,
            former,
            lang,
        }
    }

    /// The name in the keys field's syntax.
    pub(crate) fn write(&self, out: &mut String) {
        if self.phrase_only {
            out.push('~');
        }
        if self.former {
            out.push('!');
        }
        if !self.lang.is_empty() {
            out.push_str(self.lang);
            out.push('=');
        }
        out.push_str(self.name);
    }
}

/// The set a name is inserted into or looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameSet {
    Names = 0,
    FirstWords = 1,
}

/// A Bloom filter over names of two sets (the gazetteer's names, and the first words of its
/// names of several words): `may_contain` is false for most names not inserted in a set and
/// always true for names inserted. The name tables hold hundreds of thousands of entries, far
/// more than the processor's caches, so each lookup in them costs several memory accesses; the
/// filter answers from one cache line for the many words of a text that are no name. All
/// probes of a name, for both sets, fall in the same 512-bit block (a blocked Bloom filter), so
/// one memory access answers both questions for a word. The blocks are read in place from the
/// index; bit `p` of a block is bit `p % 8` of its byte `p / 8`.
#[derive(Debug, Default, Clone)]
pub(crate) struct NameFilter {
    blocks: Bytes,
    /// The block count minus one (the count is a power of two).
    mask: usize,
}

/// Bytes of a filter block.
const BLOCK: usize = 64;

/// The block of a name's hash and its two bit positions within it for each set.
#[inline]
fn probes(h: u64, mask: usize) -> (usize, [[usize; 2]; 2]) {
    let block = (h as usize) & mask;
    let bit = |shift: u32| ((h >> shift) & 511) as usize;
    (block, [[bit(46), bit(55)], [bit(28), bit(37)]])
}

impl NameFilter {
    /// The filter stored in a [`Section::Filter`]: whole blocks, a power of two of them (or
    /// none, a filter that rules out nothing).
    pub(crate) fn read(blocks: Bytes) -> Result<Self, String> {
        let n = blocks.len() / BLOCK;
        if blocks.len() % BLOCK != 0 || (n != 0 && !n.is_power_of_two()) {
            return Err(format!("filter of {} bytes", blocks.len()));
        }
        Ok(NameFilter {
            blocks,
            mask: n.saturating_sub(1),
        })
    }

    /// Whether `name` may be in each set, `[names, first words]`; false when it was certainly
    /// not inserted there. An empty filter rules out nothing.
    #[inline]
    pub(crate) fn may_contain(&self, name: &str) -> [bool; 2] {
        let (b, probes) = probes(hash_name(name), self.mask);
        let Some(block) = self
            .blocks
            .get(b * BLOCK..(b + 1) * BLOCK)
            .and_then(|s| <&[u8; BLOCK]>::try_from(s).ok())
        else {
            return [true; 2];
        };
        probes.map(|ps| ps.iter().all(|&p| block[p / 8] & (1 << (p % 8)) != 0))
    }
}

/// The filter blocks for `names` and `first_words`, sized for about ten bits per entry.
pub(crate) fn filter_blocks<'a>(
    names: impl Iterator<Item = &'a str>,
    first_words: impl Iterator<Item = &'a str>,
) -> Vec<u8> {
    let names: Vec<&str> = names.collect();
    let first_words: Vec<&str> = first_words.collect();
    let count = names.len() + first_words.len();
    let nblocks = (count.max(1) * 10 / 512 + 1).next_power_of_two();
    let mut blocks = vec![0u8; nblocks * BLOCK];
    for (set, list) in [(NameSet::Names, names), (NameSet::FirstWords, first_words)] {
        for n in list {
            let (b, probes) = probes(hash_name(n), nblocks - 1);
            for p in probes[set as usize] {
                blocks[b * BLOCK + p / 8] |= 1 << (p % 8);
            }
        }
    }
    blocks
}

/// Bytes of a name table slot.
const SLOT: usize = 16;

/// An open-addressing hash table from names to lists of values, read in place from an index
/// section (the layout is in the module documentation). The values are checked when the table
/// is read and decoded into `values` when it is first looked up in (an imported index holds a
/// million of them, most tables of which a short run never reads): a lookup returns a slice of
/// them.
pub(crate) struct NameTable<T> {
    bytes: Bytes,
    /// The number of slots; 0 for an empty table.
    nslots: usize,
    /// Where the values and the name bytes start in `bytes`.
    values_at: usize,
    names_at: usize,
    /// Decodes a value; the second argument is `limit`.
    decode: fn(u32, u32) -> Option<T>,
    limit: u32,
    values: std::sync::OnceLock<Vec<T>>,
}

impl<T> Default for NameTable<T> {
    fn default() -> Self {
        NameTable {
            bytes: Bytes::default(),
            nslots: 0,
            values_at: 12,
            names_at: 12,
            decode: |_, _| None,
            limit: 0,
            values: std::sync::OnceLock::new(),
        }
    }
}

impl<T> std::fmt::Debug for NameTable<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameTable")
            .field("slots", &self.nslots)
            .field("values", &((self.names_at - self.values_at) / 4))
            .finish()
    }
}

/// One slot: (tag, name offset, name length, value count, first value).
#[inline]
fn slot(bytes: &[u8], i: usize) -> Option<(u32, usize, usize, usize, usize)> {
    let s: &[u8; SLOT] = bytes
        .get(12 + i * SLOT..12 + (i + 1) * SLOT)?
        .try_into()
        .ok()?;
    let tag = u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let name_off = u32::from_le_bytes([s[4], s[5], s[6], s[7]]) as usize;
    let name_len = u16::from_le_bytes([s[8], s[9]]) as usize;
    let nvalues = u16::from_le_bytes([s[10], s[11]]) as usize;
    let first = u32::from_le_bytes([s[12], s[13], s[14], s[15]]) as usize;
    Some((tag, name_off, name_len, nvalues, first))
}

/// The home slot of a name's hash in a table of `nslots` slots: the low half of the hash
/// scaled to the slot count.
#[inline]
fn home(h: u64, nslots: usize) -> usize {
    ((u64::from(h as u32) * nslots as u64) >> 32) as usize
}

/// The slot tag of a name's hash: never 0, which marks an empty slot.
#[inline]
fn tag_of(h: u64) -> u32 {
    ((h >> 32) as u32) | 1
}

impl<T> NameTable<T> {
    /// The table stored in `bytes`, its values decoded by `decode` (which refuses a value
    /// that points nowhere, at or past `limit`).
    pub(crate) fn read(
        bytes: Bytes,
        limit: u32,
        decode: fn(u32, u32) -> Option<T>,
    ) -> Result<Self, String> {
        let (Some(nslots), Some(nvalues), Some(nnames)) =
            (u32_at(&bytes, 0), u32_at(&bytes, 4), u32_at(&bytes, 8))
        else {
            return Err("name table without header".to_string());
        };
        let (nslots, nvalues, nnames) = (nslots as usize, nvalues as usize, nnames as usize);
        let values_at = nslots.checked_mul(SLOT).and_then(|n| n.checked_add(12));
        let names_at = values_at.and_then(|v| v.checked_add(nvalues.checked_mul(4)?));
        let (Some(values_at), Some(names_at)) = (values_at, names_at) else {
            return Err("name table too large".to_string());
        };
        if names_at.checked_add(nnames) != Some(bytes.len()) {
            return Err("name table of the wrong size".to_string());
        }
        let ok = bytes.get(values_at..names_at).is_some_and(|v| {
            v.chunks_exact(4)
                .all(|b| decode(u32::from_le_bytes([b[0], b[1], b[2], b[3]]), limit).is_some())
        });
        if !ok {
            return Err("name table value out of range".to_string());
        }
        Ok(NameTable {
            bytes,
            nslots,
            values_at,
            names_at,
            decode,
            limit,
            values: std::sync::OnceLock::new(),
        })
    }

    /// Every value of the table, decoded on first use.
    fn values(&self) -> &[T] {
        self.values.get_or_init(|| {
            self.bytes
                .get(self.values_at..self.names_at)
                .unwrap_or_default()
                .chunks_exact(4)
                .filter_map(|b| {
                    (self.decode)(u32::from_le_bytes([b[0], b[1], b[2], b[3]]), self.limit)
                })
                .collect()
        })
    }

    /// The values of `name`: the range of `values`.
    #[inline]
    fn find(&self, name: &str) -> Option<(usize, usize)> {
        let h = hash_name(name);
        let tag = tag_of(h);
        let mut i = home(h, self.nslots);
        for _ in 0..self.nslots {
            let (t, off, len, n, first) = slot(&self.bytes, i)?;
            if t == 0 {
                return None;
            }
            if t == tag
                && len == name.len()
                && self
                    .bytes
                    .get(self.names_at + off..self.names_at + off + len)
                    == Some(name.as_bytes())
            {
                return Some((first, n));
            }
            i += 1;
            if i == self.nslots {
                i = 0;
            }
        }
        None
    }

    /// Whether the table holds `name`.
    #[inline]
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// The names of the table, in slot order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.nslots).filter_map(move |i| {
            let (t, off, len, _, _) = slot(&self.bytes, i)?;
            if t == 0 {
                return None;
            }
            let b = self
                .bytes
                .get(self.names_at + off..self.names_at + off + len)?;
            std::str::from_utf8(b).ok()
        })
    }

    /// The names of the table (for a table used as a set).
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.keys()
    }
}

impl NameTable<KeyRef> {
    /// The records a name points to, in the order of the file.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<&[KeyRef]> {
        let (first, n) = self.find(name)?;
        self.values().get(first..first + n)
    }
}

impl NameTable<u32> {
    /// The one value of a name (a record index).
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<&u32> {
        let (first, _) = self.find(name)?;
        self.values().get(first)
    }
}

/// Why a gazetteer TSV could not be turned into an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BuildError {
    /// The first line is not a gazetteer header.
    Header,
    /// A name, a list or the whole file is beyond what the layout can hold.
    TooLarge(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Header => f.write_str("missing or unknown header line"),
            BuildError::TooLarge(what) => write!(f, "too large for the index: {what}"),
        }
    }
}

pub(crate) fn to_u32(n: usize, what: &str) -> Result<u32, BuildError> {
    u32::try_from(n).map_err(|_| BuildError::TooLarge(what.to_string()))
}

pub(crate) fn to_u16(n: usize, what: &str) -> Result<u16, BuildError> {
    u16::try_from(n).map_err(|_| BuildError::TooLarge(what.to_string()))
}

/// A name table being built: names in first-insertion order (so that the output does not depend
/// on hashing), each with its values.
#[derive(Default)]
pub(crate) struct TableBuilder {
    slots: HashMap<String, usize>,
    entries: Vec<(String, Vec<u32>)>,
}

impl TableBuilder {
    /// The values of `name`, created empty on first use.
    pub(crate) fn entry(&mut self, name: &str) -> &mut Vec<u32> {
        let i = match self.slots.get(name) {
            Some(&i) => i,
            None => {
                self.slots.insert(name.to_string(), self.entries.len());
                self.entries.push((name.to_string(), Vec::new()));
                self.entries.len() - 1
            }
        };
        &mut self.entries[i].1
    }

    /// Adds a reference to `name` unless the name already points to that record.
    pub(crate) fn add_ref(&mut self, name: &str, r: KeyRef) {
        let refs = self.entry(name);
        if !refs.iter().any(|&v| v & IDX_MASK == r.idx) {
            refs.push(r.pack());
        }
    }

    pub(crate) fn names(&self) -> impl ExactSizeIterator<Item = &str> {
        self.entries.iter().map(|(n, _)| n.as_str())
    }

    /// Appends the table's section to `out`.
    pub(crate) fn encode(&self, out: &mut Vec<u8>) -> Result<(), BuildError> {
        let n = self.entries.len();
        let nslots = if n == 0 { 0 } else { n * 3 / 2 + 1 };
        let mut slots = vec![0u8; nslots * SLOT];
        let mut values: Vec<u32> = Vec::new();
        let mut names: Vec<u8> = Vec::new();
        for (name, vals) in &self.entries {
            let name_off = to_u32(names.len(), "name bytes")?;
            let name_len = to_u16(name.len(), "a name")?;
            let first = to_u32(values.len(), "name references")?;
            let count = to_u16(vals.len(), "the records of a name")?;
            names.extend_from_slice(name.as_bytes());
            values.extend_from_slice(vals);
            let h = hash_name(name);
            let mut i = home(h, nslots);
            while slots[i * SLOT..i * SLOT + 4] != [0; 4] {
                i = if i + 1 == nslots { 0 } else { i + 1 };
            }
            let s = &mut slots[i * SLOT..(i + 1) * SLOT];
            s[0..4].copy_from_slice(&tag_of(h).to_le_bytes());
            s[4..8].copy_from_slice(&name_off.to_le_bytes());
            s[8..10].copy_from_slice(&name_len.to_le_bytes());
            s[10..12].copy_from_slice(&count.to_le_bytes());
            s[12..16].copy_from_slice(&first.to_le_bytes());
        }
        out.extend_from_slice(&to_u32(nslots, "a name table")?.to_le_bytes());
        out.extend_from_slice(&to_u32(values.len(), "name references")?.to_le_bytes());
        out.extend_from_slice(&to_u32(names.len(), "name bytes")?.to_le_bytes());
        out.extend_from_slice(&slots);
        for v in values {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&names);
        Ok(())
    }
}

/// The header of an index buffer.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub skipped_lines: usize,
    pub max_words: usize,
    /// The byte range of each section.
    pub sections: [std::ops::Range<usize>; SECTIONS],
}

/// Reads and checks the header of an index buffer: the magic, the section table and that
/// every section lies within the buffer.
pub(crate) fn header(bytes: &[u8]) -> Result<Header, String> {
    if bytes.get(..MAGIC.len()) != Some(MAGIC.as_slice()) {
        return Err("not an index of this version".to_string());
    }
    let field = |i: usize| {
        u32_at(bytes, MAGIC.len() + 4 * i)
            .map(|v| v as usize)
            .ok_or_else(|| "truncated header".to_string())
    };
    let (skipped_lines, max_words, records, nsections) =
        (field(0)?, field(1)?, field(2)?, field(3)?);
    if nsections != SECTIONS {
        return Err(format!("{nsections} sections"));
    }
    let mut sections: [std::ops::Range<usize>; SECTIONS] = Default::default();
    for (i, s) in sections.iter_mut().enumerate() {
        let at = HEADER + 8 * i;
        let (Some(off), Some(len)) = (u32_at(bytes, at), u32_at(bytes, at + 4)) else {
            return Err("truncated section table".to_string());
        };
        let (off, len) = (off as usize, len as usize);
        if off.checked_add(len).is_none_or(|end| end > bytes.len()) {
            return Err(format!("section {i} out of bounds"));
        }
        *s = off..off + len;
    }
    if sections[Section::Records as usize].len() != records * RECORD_SIZE {
        return Err("records section of the wrong size".to_string());
    }
    Ok(Header {
        skipped_lines,
        max_words,
        sections,
    })
}
