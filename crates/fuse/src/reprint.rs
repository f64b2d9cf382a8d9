//! Near-duplicate detection: a [`Fingerprint`] is a MinHash signature of a text's word
//! shingles, so that a reprint of one wire story by a second outlet is counted as one source.

use crate::words::{scan_words, WordSink};
use serde::{Deserialize, Serialize};

/// How many hash functions the signature uses.
const HASHES: usize = 32;
/// Words per shingle.
const SHINGLE: usize = 5;
/// Two texts whose signatures agree on at least this share of positions are reprints.
pub const REPRINT_SIMILARITY: f64 = 0.8;
/// Hashes per band of [`Fingerprint::bands`].
const BAND_ROWS: usize = 4;

/// A MinHash signature of a text; empty when the text is too short to judge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(pub Vec<u64>);

impl Fingerprint {
    /// The estimated Jaccard similarity of the two texts' shingle sets (0 when either is empty).
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        if self.0.is_empty() || self.0.len() != other.0.len() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }

    /// Locality-sensitive keys: the signature cut into bands of four hashes, each band hashed to
    /// one key. Texts with a similarity of 0.9 share at least one band key with a probability
    /// above 0.999, so an index on the keys finds near-duplicates without comparing every pair.
    pub fn bands(&self) -> Vec<(u32, i64)> {
        self.0
            .chunks(BAND_ROWS)
            .enumerate()
            .map(|(i, rows)| {
                (
                    i as u32,
                    rows.iter().fold(i as u64, |acc, h| mix(acc ^ h)) as i64,
                )
            })
            .collect()
    }

    /// Whether the two texts are near-identical.
    pub fn is_reprint_of(&self, other: &Fingerprint) -> bool {
        self.similarity(other) >= REPRINT_SIMILARITY
    }
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser: a cheap, well-distributed permutation of 64-bit values.
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn fnv(word: &str) -> u64 {
    let mut h: u64 = FNV_OFFSET;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The salt of each hash function: `mix(shingle ^ SALTS[i])` is the `i`-th hash of a shingle.
const SALTS: [u64; HASHES] = {
    let mut s = [0u64; HASHES];
    let mut i = 0;
    while i < HASHES {
        s[i] = (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d);
        i += 1;
    }
    s
};

/// Collects the FNV-1a hash of each word of a text, lower-cased, where words are the maximal
/// runs of alphanumeric characters. Bytes are hashed as the scanner reads them; a word with a
/// capital sigma is lower-cased as a whole (`str::to_lowercase`, which gives the final sigma
/// its own form) and hashed again.
struct WordHashes {
    hash: u64,
    words: Vec<u64>,
}

impl WordSink for WordHashes {
    #[inline]
    fn start(&mut self) {
        self.hash = FNV_OFFSET;
    }

    #[inline]
    fn byte(&mut self, b: u8) {
        self.hash = (self.hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }

    #[inline]
    fn end(&mut self, text: &str, word: std::ops::Range<usize>, sigma: bool) {
        let h = if sigma {
            fnv(&text[word].to_lowercase())
        } else {
            self.hash
        };
        self.words.push(h);
    }
}

/// Independent running minima per hash function in [`fingerprint`]: the shingles are taken in
/// groups of this many, so that the processor works on several hashes at once.
const LANES: usize = 8;

/// The fingerprint of a text: words are lower-cased alphanumeric runs, so punctuation, case and
/// layout differences between renderings of one story do not matter.
pub fn fingerprint(text: &str) -> Fingerprint {
    let mut sink = WordHashes {
        hash: FNV_OFFSET,
        words: Vec::with_capacity(text.len() / 5 + 1),
    };
    scan_words(text, &mut sink);
    let mut words = sink.words;
    if words.len() < SHINGLE {
        return Fingerprint::default();
    }
    // Each shingle's hash replaces its first word's hash, which no later shingle reads.
    let shingles = words.len() + 1 - SHINGLE;
    for k in 0..shingles {
        words[k] = words[k..k + SHINGLE]
            .iter()
            .fold(0u64, |acc, w| mix(acc ^ w));
    }
    words.truncate(shingles);
    // Hash function by hash function: the minimum over all shingles, kept in `LANES`
    // independent minima that are combined at the end (the minimum does not depend on order).
    let mins = SALTS
        .iter()
        .map(|&salt| {
            let mut m = [u64::MAX; LANES];
            let mut groups = words.chunks_exact(LANES);
            for g in &mut groups {
                for (m, &s) in m.iter_mut().zip(g) {
                    *m = (*m).min(mix(s ^ salt));
                }
            }
            let rest = groups
                .remainder()
                .iter()
                .fold(u64::MAX, |m, &s| m.min(mix(s ^ salt)));
            m.iter().fold(rest, |a, &b| a.min(b))
        })
        .collect();
    Fingerprint(mins)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str =
        "Russian air defence systems intercepted six ATACMS missiles over the Bryansk \
        region overnight, the Ministry of Defence said on Tuesday, adding that debris fell on a \
        military facility and caused a fire that was quickly put out. There were no casualties.";

    #[test]
    fn a_reprint_with_other_layout_and_case_is_near_identical() {
        let reprint = STORY
            .to_uppercase()
            .replace(", ", " , ")
            .replace(". ", ".\n\n");
        assert!(fingerprint(STORY).is_reprint_of(&fingerprint(&reprint)));
    }

    #[test]
    fn a_different_story_is_not_a_reprint() {
        let other = "Ukrainian forces repelled an assault near Pokrovsk on Monday, the General \
            Staff said, while shelling damaged power lines in the Kharkiv region overnight and \
            left several villages without electricity for most of the day.";
        assert!(!fingerprint(STORY).is_reprint_of(&fingerprint(other)));
    }

    #[test]
    fn near_duplicates_share_a_band_key_and_different_texts_do_not() {
        let a = fingerprint(STORY);
        let b = fingerprint(&format!("Military. {STORY}"));
        assert_eq!(a.bands().len(), 8);
        assert!(a.bands().iter().any(|k| b.bands().contains(k)));
        let c = fingerprint(
            "Talks between the delegations resumed in Istanbul on Monday after a \
            pause of several weeks, with prisoner exchanges and a ceasefire on energy \
            infrastructure on the agenda, according to officials from both sides.",
        );
        assert!(!a.bands().iter().any(|k| c.bands().contains(k)));
    }

    /// The fingerprint as first defined, word by word with `str::split` and `to_lowercase`:
    /// stored fingerprints were computed this way, so the fast path must agree with it exactly.
    fn reference_fingerprint(text: &str) -> Fingerprint {
        let words: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| fnv(&w.to_lowercase()))
            .collect();
        if words.len() < SHINGLE {
            return Fingerprint::default();
        }
        let mut mins = vec![u64::MAX; HASHES];
        for window in words.windows(SHINGLE) {
            let shingle = window.iter().fold(0u64, |acc, w| mix(acc ^ w));
            for (i, m) in mins.iter_mut().enumerate() {
                let h = mix(shingle ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
                if h < *m {
                    *m = h;
                }
            }
        }
        Fingerprint(mins)
    }

    #[test]
    fn the_fast_path_agrees_with_the_reference_on_mixed_scripts() {
        let texts = [
            STORY,
            "Удар по Харкову: ЗСУ повідомили про 12 дронів «Шахед» — ОДИН збито.",
            "ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ. Η πόλη επλήγη από πυραύλους, είπαν οι αρχές της περιοχής σήμερα.",
            "Straße café naïve résumé İstanbul DŽ ǅ 1st 2nd 3rd — x’s y’all  \u{0} end",
            "a b c d",
            "",
        ];
        for t in texts {
            assert_eq!(fingerprint(t), reference_fingerprint(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_reference(text in "(?s)[a-zA-Z0-9 ,.’ÉéΣσςЖжЀѐ×ǅİ中이\u{300}\t\n-]{0,300}") {
            proptest::prop_assert_eq!(fingerprint(&text), reference_fingerprint(&text));
        }
    }

    #[test]
    fn short_texts_have_no_fingerprint_and_match_nothing() {
        let fp = fingerprint("Explosion in Kyiv");
        assert!(fp.0.is_empty());
        assert!(!fp.is_reprint_of(&fp));
    }
}
