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

use super::{admin_stem, consonants, fold_into, norm, skeleton, skeleton_into};
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
const HEADER: usize = MAGIC.len() + 16;

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
fn filter_blocks<'a>(
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

fn to_u32(n: usize, what: &str) -> Result<u32, BuildError> {
    u32::try_from(n).map_err(|_| BuildError::TooLarge(what.to_string()))
}

fn to_u16(n: usize, what: &str) -> Result<u16, BuildError> {
    u16::try_from(n).map_err(|_| BuildError::TooLarge(what.to_string()))
}

/// A name table being built: names in first-insertion order (so that the output does not depend
/// on hashing), each with its values.
#[derive(Default)]
struct TableBuilder {
    slots: HashMap<String, usize>,
    entries: Vec<(String, Vec<u32>)>,
}

impl TableBuilder {
    /// The values of `name`, created empty on first use.
    fn entry(&mut self, name: &str) -> &mut Vec<u32> {
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
    fn add_ref(&mut self, name: &str, r: KeyRef) {
        let refs = self.entry(name);
        if !refs.iter().any(|&v| v & IDX_MASK == r.idx) {
            refs.push(r.pack());
        }
    }

    fn names(&self) -> impl ExactSizeIterator<Item = &str> {
        self.entries.iter().map(|(n, _)| n.as_str())
    }

    /// Appends the table's section to `out`.
    fn encode(&self, out: &mut Vec<u8>) -> Result<(), BuildError> {
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

/// The string pool: each distinct string once.
#[derive(Default)]
struct Strings<'a> {
    at: HashMap<&'a str, u32>,
    bytes: Vec<u8>,
}

impl<'a> Strings<'a> {
    /// The (offset, length) of `s` in the pool.
    fn add(&mut self, s: &'a str) -> Result<(u32, u32), BuildError> {
        let len = to_u32(s.len(), "a string")?;
        if let Some(&off) = self.at.get(s) {
            return Ok((off, len));
        }
        let off = to_u32(self.bytes.len(), "the strings")?;
        if off == NO_STRING {
            return Err(BuildError::TooLarge("the strings".to_string()));
        }
        self.bytes.extend_from_slice(s.as_bytes());
        self.at.insert(s, off);
        Ok((off, len))
    }
}

/// One place record of a gazetteer, as the TSV and the importers give it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Entry {
    pub id: String,
    pub name: String,
    pub feature: u8,
    pub capital: bool,
    pub country: String,
    /// The GeoNames first-level code within the country ("13" for Kyiv Oblast), or "".
    pub admin1_code: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    /// The names in the keys field's syntax ([`KeySpec`]), separated by `|`, the record's own
    /// first.
    pub keys: String,
    /// The second-level unit (raion, district) the place lies in: its code and name.
    pub admin2_code: String,
    pub admin2_name: String,
    /// The third-level unit (hromada, territorial community): its code and name.
    pub admin3_code: String,
    pub admin3_name: String,
}

/// A gazetteer: its records and word lists, before indexing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed {
    pub entries: Vec<Entry>,
    /// (country, first-level code, English name).
    pub admin1_names: Vec<(String, String, String)>,
    /// Single-word names that are common words ("W" lines).
    pub common_names: Vec<String>,
    /// Frequent English words ("E" lines).
    pub english: Vec<String>,
    /// Lines that could not be parsed.
    pub skipped: usize,
    /// What the gazetteer was made of, as lines of text (`sitrep gazetteer info`).
    pub meta: String,
}

/// Parses a gazetteer TSV (format version 1 or 2, described in `data/README.md`). Malformed
/// lines are skipped and counted; the header line must be there.
pub(crate) fn parse(text: &str) -> Result<Parsed, BuildError> {
    let mut lines = text.lines();
    if !lines
        .next()
        .is_some_and(|h| h.starts_with("#sitrep-gazetteer\t"))
    {
        return Err(BuildError::Header);
    }
    let mut out = Parsed::default();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        match f.first().copied() {
            Some("P") if f.len() == 10 || f.len() == 14 => {
                let (Some(&(_, feature, capital)), Ok(lat), Ok(lon), Ok(population)) = (
                    FEATURES.iter().find(|(name, _, _)| *name == f[3]),
                    f[6].parse::<f64>(),
                    f[7].parse::<f64>(),
                    f[8].parse::<u64>(),
                ) else {
                    out.skipped += 1;
                    continue;
                };
                if !(lat.is_finite() && lon.is_finite()) {
                    out.skipped += 1;
                    continue;
                }
                let extra = |i: usize| f.get(i).map_or(String::new(), |s| s.to_string());
                out.entries.push(Entry {
                    id: f[1].to_string(),
                    name: f[2].to_string(),
                    feature,
                    capital,
                    country: f[4].to_string(),
                    admin1_code: f[5].to_string(),
                    lat,
                    lon,
                    population,
                    keys: f[9].to_string(),
                    admin2_code: extra(10),
                    admin2_name: extra(11),
                    admin3_code: extra(12),
                    admin3_name: extra(13),
                });
            }
            Some("A") if f.len() == 3 => {
                if let Some((cc, code)) = f[1].split_once('.') {
                    out.admin1_names
                        .push((cc.to_string(), code.to_string(), f[2].to_string()));
                }
            }
            Some("W") if f.len() >= 2 => out.common_names.push(f[1].to_string()),
            Some("E") if f.len() == 2 => out.english.push(f[1].to_string()),
            Some("M") if f.len() == 2 => {
                out.meta.push_str(f[1]);
                out.meta.push('\n');
            }
            _ => out.skipped += 1,
        }
    }
    Ok(out)
}

/// The stem shared by a Cyrillic place name and the adjective formed from it: "Харків" and
/// "Харківська" give "харків", "Брянск" and "Брянская" give "брян", "Одеса" and "Одеська" give
/// "оде". Takes a normalised (lower-case) word.
pub(crate) fn cyrillic_stem(w: &str) -> String {
    let mut s = w.to_string();
    for suf in [
        "ського",
        "ської",
        "ській",
        "ську",
        "ська",
        "цької",
        "цькій",
        "цьку",
        "цька",
        "ского",
        "ской",
        "ская",
        "скую",
        "ском",
        "цкой",
        "цкая",
        "цкую",
        "ськ",
        "цьк",
        "ск",
        "цк",
    ] {
        if let Some(stripped) = s.strip_suffix(suf) {
            // An adjective (or a name in -ськ/-ск): its stem ends before the suffix.
            s = stripped.to_string();
            if s.ends_with('с') {
                s.pop();
            }
            return s;
        }
    }
    while let Some(c) = s.chars().last() {
        if "аеиіоуыюяьйєї".contains(c) {
            s.pop();
        } else {
            break;
        }
    }
    if s.ends_with('с') {
        s.pop();
    }
    s
}

/// Parses a gazetteer TSV into an index buffer (see [`parse`] and [`build_parsed`]).
pub(crate) fn build(text: &str) -> Result<Vec<u8>, BuildError> {
    build_parsed(&parse(text)?)
}

/// Renamed towns of Ukraine: (GeoNames first-level code, current name, former names). Source:
/// the resolutions of the Verkhovna Rada of Ukraine renaming settlements under the 2015 law on
/// condemning the communist regime (2016) and later ones (2019, 2022-2024), as published in
/// the parliament's official bulletin; written here by hand. Former names are given as Ukrainian
/// and Russian forms; the folding meets other spellings of them.
pub(crate) const RENAMED: &[(&str, &str, &[&str])] = &[
    (
        "05",
        "Bakhmut",
        &["Artemivsk", "Artemovsk", "Артемівськ", "Артемовск"],
    ),
    (
        "05",
        "Toretsk",
        &["Dzerzhynsk", "Dzerzhinsk", "Дзержинськ", "Дзержинск"],
    ),
    (
        "05",
        "Pokrovsk",
        &[
            "Krasnoarmiisk",
            "Krasnoarmeisk",
            "Красноармійськ",
            "Красноармейск",
        ],
    ),
    (
        "05",
        "Lyman",
        &[
            "Krasnyi Lyman",
            "Krasny Liman",
            "Красний Лиман",
            "Красный Лиман",
        ],
    ),
    ("05", "Myrnohrad", &["Dymytrov", "Dimitrov", "Димитров"]),
    (
        "05",
        "Soledar",
        &["Karlo-Libknekhtovsk", "Karlo-Libknekhtovo"],
    ),
    ("05", "Kalmiuske", &["Komsomolske", "Komsomolskoye"]),
    ("05", "Khrestivka", &["Kirovske", "Kirovskoye"]),
    (
        "05",
        "Boikivske",
        &["Telmanove", "Telmanovo", "Тельманове", "Тельманово"],
    ),
    ("05", "Nikolske", &["Volodarske", "Volodarskoye"]),
    ("14", "Kadiivka", &["Stakhanov", "Стаханов"]),
    (
        "14",
        "Khrustalnyi",
        &["Krasnyi Luch", "Krasny Luch", "Красний Луч", "Красный Луч"],
    ),
    (
        "14",
        "Dovzhansk",
        &["Sverdlovsk", "Свердловськ", "Свердловск"],
    ),
    ("14", "Sorokyne", &["Krasnodon", "Краснодон"]),
    ("14", "Holubivka", &["Kirovsk", "Кіровськ", "Кировск"]),
    ("14", "Teplohirsk", &["Irmino", "Ірміно", "Ирмино"]),
    (
        "04",
        "Dnipro",
        &[
            "Dnipropetrovsk",
            "Dnepropetrovsk",
            "Дніпропетровськ",
            "Днепропетровск",
        ],
    ),
    (
        "04",
        "Kamianske",
        &["Dniprodzerzhynsk", "Dneprodzerzhinsk", "Дніпродзержинськ"],
    ),
    (
        "04",
        "Pokrov",
        &["Ordzhonikidze", "Орджонікідзе", "Орджоникидзе"],
    ),
    (
        "10",
        "Kropyvnytskyi",
        &["Kirovohrad", "Kirovograd", "Кіровоград", "Кировоград"],
    ),
    (
        "18",
        "Horishni Plavni",
        &["Komsomolsk", "Комсомольськ", "Комсомольск"],
    ),
    (
        "17",
        "Chornomorsk",
        &["Illichivsk", "Ilyichevsk", "Іллічівськ", "Ильичёвск"],
    ),
    ("17", "Podilsk", &["Kotovsk", "Котовськ", "Котовск"]),
    ("17", "Pivdenne", &["Yuzhne", "Yuzhny", "Южне", "Южный"]),
    (
        "16",
        "Pivdennoukrainsk",
        &["Yuzhnoukrainsk", "Южноукраїнськ", "Южноукраинск"],
    ),
    (
        "26",
        "Bilmak",
        &["Kuibysheve", "Kuibyshevo", "Куйбишеве", "Куйбышево"],
    ),
    (
        "08",
        "Oleshky",
        &["Tsiurupynsk", "Tsyurupinsk", "Цюрупинськ", "Цюрупинск"],
    ),
    (
        "13",
        "Pereiaslav",
        &["Pereiaslav-Khmelnytskyi", "Pereyaslav-Khmelnitsky"],
    ),
    (
        "27",
        "Zviahel",
        &[
            "Novohrad-Volynskyi",
            "Novograd-Volynsky",
            "Новоград-Волинський",
        ],
    ),
    (
        "15",
        "Sheptytskyi",
        &["Chervonohrad", "Chervonograd", "Червоноград"],
    ),
    (
        "07",
        "Berestyn",
        &["Krasnohrad", "Krasnograd", "Красноград"],
    ),
];

/// Consonants a name's loose form needs to be indexed under it: shorter loose forms match too
/// many unrelated names.
pub(crate) const MIN_LOOSE_CONSONANTS: usize = 3;

/// Whether records of a feature are indexed under the loose forms of their names: settlements,
/// districts, communities and landmarks, whose names come in many spellings.
pub(crate) fn loose_feature(feature: u8) -> bool {
    matches!(
        feature,
        FEATURE_CITY | FEATURE_ADMIN2 | FEATURE_ADMIN3 | FEATURE_OTHER
    )
}

fn nonempty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// Builds the index buffer of a parsed gazetteer.
///
/// Names are stored normalised ([`norm`]); a name points to each record at most once per
/// table, in the order of the entries. Names usable only before a region or airport word go to
/// their own tables. Names whose strong folded form ([`fold`]) differs from their lookup form
/// also go to the folded table under it, and names of settlements, districts, communities and
/// landmarks go to the loose table under their loose form ([`skeleton`]); names of districts
/// and communities go to the administrative table under the loose form of their stem
/// ([`admin_stem`]), for "X district". Names of one Cyrillic word of the regions of Ukraine,
/// Russia and Belarus also go, by their stem ([`cyrillic_stem`]), to the stems table.
pub(crate) fn build_parsed(p: &Parsed) -> Result<Vec<u8>, BuildError> {
    let pending = &p.entries;
    if pending.len() > IDX_MASK as usize {
        return Err(BuildError::TooLarge("the records".to_string()));
    }
    let admin1_names: HashMap<(&str, &str), &str> = p
        .admin1_names
        .iter()
        .map(|(cc, code, name)| ((cc.as_str(), code.as_str()), name.as_str()))
        .collect();
    let mut common_names = TableBuilder::default();
    for w in &p.common_names {
        common_names.entry(w);
    }
    let mut english = TableBuilder::default();
    for w in &p.english {
        english.entry(w);
    }

    let mut strings = Strings::default();
    let mut records: Vec<u8> = Vec::with_capacity(pending.len() * RECORD_SIZE);
    let mut keys = TableBuilder::default();
    let mut region_keys = TableBuilder::default();
    let mut airport_keys = TableBuilder::default();
    let mut folded_keys = TableBuilder::default();
    let mut loose_keys = TableBuilder::default();
    let mut admin_keys = TableBuilder::default();
    let mut stems = TableBuilder::default();
    let mut first_words = TableBuilder::default();
    let mut by_id = TableBuilder::default();
    let mut max_words = 0usize;
    let mut folded = String::new();
    let mut loose = String::new();
    // Former names of renamed towns, by record: the town of that name in its region.
    let mut renamed: HashMap<usize, Vec<&str>> = HashMap::new();
    for (admin1, name, former) in RENAMED {
        let target = norm(name);
        if let Some(i) = pending.iter().position(|e| {
            e.country == "UA"
                && e.admin1_code == *admin1
                && e.feature == FEATURE_CITY
                && e.keys
                    .split('|')
                    .any(|k| norm(KeySpec::parse(k).name) == target)
        }) {
            renamed.entry(i).or_default().extend(former.iter().copied());
        }
    }
    let mut keys_buf = String::new();
    // Every name's folded form, for the filter of forms.
    let mut all_folded = TableBuilder::default();
    for (idx, rec) in pending.iter().enumerate() {
        let idx = idx as u32;
        let admin1 = if rec.admin1_code.is_empty() {
            None
        } else {
            admin1_names
                .get(&(rec.country.as_str(), rec.admin1_code.as_str()))
                .copied()
        };
        records.push(rec.feature);
        records.push(u8::from(rec.capital));
        records.extend_from_slice(&[0, 0]);
        records.extend_from_slice(&rec.lat.to_bits().to_le_bytes());
        records.extend_from_slice(&rec.lon.to_bits().to_le_bytes());
        records.extend_from_slice(&rec.population.to_le_bytes());
        for s in [
            Some(rec.name.as_str()),
            Some(rec.id.as_str()),
            Some(rec.country.as_str()),
            admin1,
            Some(rec.admin1_code.as_str()),
            nonempty(&rec.admin2_code),
            nonempty(&rec.admin2_name),
            nonempty(&rec.admin3_code),
            nonempty(&rec.admin3_name),
            Some(rec.keys.as_str()),
        ] {
            let (off, len) = match s {
                Some(s) => strings.add(s)?,
                None => (NO_STRING, 0),
            };
            records.extend_from_slice(&off.to_le_bytes());
            records.extend_from_slice(&len.to_le_bytes());
        }

        let own_name = norm(&rec.name);
        let own_folded = {
            let mut f = String::new();
            fold_into(&own_name, &mut f);
            f
        };
        let all_primary = matches!(
            rec.feature,
            FEATURE_COUNTRY | FEATURE_ADMIN1 | FEATURE_REGION
        );
        let loose_ok = loose_feature(rec.feature);
        let admin_unit = matches!(rec.feature, FEATURE_ADMIN2 | FEATURE_ADMIN3);
        let formers = renamed
            .get(&(idx as usize))
            .map(Vec::as_slice)
            .unwrap_or_default();
        keys_buf.clear();
        keys_buf.push_str(&rec.keys);
        for f in formers {
            keys_buf.push_str("|!");
            keys_buf.push_str(f);
        }
        for (i, key) in keys_buf.split('|').enumerate() {
            let mut spec = KeySpec::parse(key);
            // A name listed as a former one is flagged so wherever it stands.
            if i > 0 && formers.iter().any(|f| norm(f) == norm(spec.name)) {
                spec.former = true;
            }
            let key = spec.name;
            let n = norm(key);
            if n.is_empty() {
                continue;
            }
            let upper = key.len() <= 8
                && key.chars().filter(|c| c.is_alphabetic()).count() <= 4
                && key
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase());
            let shared =
                |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            // A spelling begins like the record's own name, in its script or folded from
            // another ("Слов'янськ" for "Sloviansk").
            folded.clear();
            fold_into(&n, &mut folded);
            let similar = shared(&own_name, &n) >= 4.min(n.chars().count())
                || shared(&own_folded, &folded) >= 4.min(folded.chars().count());
            let kr = KeyRef {
                idx,
                primary: (i == 0 || all_primary) && !spec.former,
                upper,
                similar: similar && !spec.former,
                former: spec.former,
            };
            let words = n.split(' ').count();
            if words > 1 {
                if let Some(first) = n.split(' ').next() {
                    first_words.entry(first);
                }
            }
            max_words = max_words.max(words);
            if spec.phrase_only {
                let table = if rec.feature == FEATURE_AIRPORT {
                    &mut airport_keys
                } else {
                    &mut region_keys
                };
                table.add_ref(&n, kr);
            } else {
                keys.add_ref(&n, kr);
                folded.clear();
                fold_into(&n, &mut folded);
                if !upper {
                    all_folded.entry(&folded);
                }
                if folded != n && !upper {
                    folded_keys.add_ref(&folded, kr);
                    if words > 1 {
                        if let Some(first) = folded.split(' ').next() {
                            first_words.entry(first);
                        }
                    }
                }
                if loose_ok {
                    loose.clear();
                    skeleton_into(&folded, &mut loose);
                    if consonants(&loose) >= MIN_LOOSE_CONSONANTS {
                        loose_keys.add_ref(&loose, kr);
                        if words > 1 {
                            if let Some(first) = loose.split(' ').next() {
                                first_words.entry(first);
                            }
                        }
                    }
                }
                if admin_unit {
                    let stem = skeleton(admin_stem(&folded));
                    if consonants(&stem) >= MIN_LOOSE_CONSONANTS {
                        admin_keys.add_ref(&stem, kr);
                    }
                }
            }
            if rec.feature == FEATURE_ADMIN1
                && matches!(rec.country.as_str(), "UA" | "RU" | "BY")
                && words == 1
                && n.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
            {
                let stem = cyrillic_stem(&n);
                if stem.chars().count() >= 3 {
                    stems.add_ref(&stem, kr);
                }
            }
        }
        // A later record with the same id takes the id over.
        *by_id.entry(&rec.id) = vec![idx];
    }
    let max_words = max_words.min(8);
    // The filter of names as written, and that of their other forms: its first set holds
    // every name's folded form, its second the loose names and the loose forms of first words.
    // A word is probed in the second filter only when its other forms are needed, and the
    // first stays as small as the names as written make it.
    let filter = filter_blocks(keys.names(), first_words.names());
    let loose_firsts: Vec<String> = first_words
        .names()
        .map(|w| {
            folded.clear();
            fold_into(w, &mut folded);
            skeleton(&folded)
        })
        .collect();
    let forms_filter = filter_blocks(
        all_folded.names(),
        loose_keys
            .names()
            .chain(loose_firsts.iter().map(String::as_str)),
    );
    let mut airports: Vec<u32> = (0..pending.len() as u32)
        .filter(|&i| pending[i as usize].feature == FEATURE_AIRPORT)
        .collect();
    airports.sort_by(|&a, &b| pending[a as usize].lat.total_cmp(&pending[b as usize].lat));

    let mut sections: Vec<Vec<u8>> = vec![Vec::new(); SECTIONS];
    sections[Section::Records as usize] = records;
    sections[Section::Strings as usize] = strings.bytes;
    for (s, t) in [
        (Section::Keys, &keys),
        (Section::RegionKeys, &region_keys),
        (Section::AirportKeys, &airport_keys),
        (Section::CyrillicStems, &stems),
        (Section::FirstWords, &first_words),
        (Section::ById, &by_id),
        (Section::CommonNames, &common_names),
        (Section::English, &english),
        (Section::Folded, &folded_keys),
        (Section::Loose, &loose_keys),
        (Section::AdminKeys, &admin_keys),
    ] {
        t.encode(&mut sections[s as usize])?;
    }
    sections[Section::Filter as usize] = filter;
    sections[Section::Airports as usize] = airports.iter().flat_map(|a| a.to_le_bytes()).collect();
    sections[Section::Divisions as usize] = (0..pending.len() as u32)
        .filter(|&i| {
            matches!(
                pending[i as usize].feature,
                FEATURE_COUNTRY | FEATURE_ADMIN1
            )
        })
        .flat_map(u32::to_le_bytes)
        .collect();
    sections[Section::Meta as usize] = p.meta.as_bytes().to_vec();
    sections[Section::FormsFilter as usize] = forms_filter;

    let mut out = Vec::with_capacity(sections.iter().map(Vec::len).sum::<usize>() + 256);
    out.extend_from_slice(MAGIC);
    for v in [p.skipped, max_words, pending.len(), SECTIONS] {
        out.extend_from_slice(&to_u32(v, "the header")?.to_le_bytes());
    }
    let mut at = HEADER + SECTIONS * 8;
    for s in &sections {
        out.extend_from_slice(&to_u32(at, "the index")?.to_le_bytes());
        out.extend_from_slice(&to_u32(s.len(), "a section")?.to_le_bytes());
        at += s.len();
    }
    for s in &sections {
        out.extend_from_slice(s);
    }
    to_u32(out.len(), "the index")?;
    Ok(out)
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
