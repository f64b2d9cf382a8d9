//! Alias matching shared by the actor and weapon catalogues.
//!
//! [`AliasMatcher`] compiles a list of [`AliasSpec`]s into one ASCII-case-insensitive byte
//! trie. Since every alias must begin at a word boundary, the text is walked word start by word
//! start; a bit set of the first two bytes of all aliases skips most words without a lookup. At
//! a word start one walk down the trie lists every alias beginning there; the longest is
//! checked, then ever shorter ones until one passes:
//!
//! - word boundaries on both sides (letters and digits on either side reject a hit, so "Grad"
//!   is not found inside "Stalingrad"), with "pro-", "anti-", "non-" and "counter-" prefixes
//!   rejecting it too ("pro-Russian forces" are not the Russian forces);
//! - the case of each word against the alias ([`WordCase`]): acronym-like words must match
//!   exactly, capitalised words must start with a capital, lower-case words match any case;
//! - for aliases that need it, a trigger word from a named context group within a few words.
//!
//! The walk then resumes after the hit, so hits never overlap and the longest wins at each
//! position: "Russian Ministry of Defence" beats "Russian" and "Buk-M2" beats "Buk". An
//! optional plural "s" directly after an alias is taken into the span ("Shaheds", "F-16s").
//! Whitespace runs in the text match one space in an alias (see [`AliasMatcher::find`]).

/// How one word of an alias must be written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordCase {
    /// Exactly as in the alias (acronyms and words with inner capitals: "MoD", "ATACMS").
    Exact,
    /// Starting with a capital letter; the rest in any case ("Putin", "PUTIN").
    Capital,
    /// Any case ("forces", "spokesman").
    Any,
}

impl WordCase {
    /// The rule for one alias word, read from how the alias writes it.
    pub(crate) fn of(word: &str) -> WordCase {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return WordCase::Any;
        };
        if !word.is_ascii() {
            return WordCase::Exact;
        }
        if chars.any(|c| c.is_ascii_uppercase()) {
            WordCase::Exact
        } else if first.is_ascii_uppercase() {
            WordCase::Capital
        } else {
            WordCase::Any
        }
    }
}

/// One pattern to find, pointing back at a catalogue entry.
#[derive(Debug, Clone)]
pub(crate) struct AliasSpec {
    /// The surface form searched for.
    pub pattern: String,
    /// Index of the catalogue entry it names.
    pub entry: usize,
    /// Index of the context group that must be near, if any.
    pub context: Option<usize>,
    /// The alias is ambiguous and the mention only a best guess ("the MoD").
    pub weak: bool,
    /// The alias was written in the data rather than derived from another one.
    pub explicit: bool,
    /// The alias is only for [`AliasMatcher::lookup`], never reported by `find` (bare
    /// country names and capitals used for their governments).
    pub hidden: bool,
}

/// Trigger words, one of which must occur within `window` words of a context-needing alias.
#[derive(Debug, Clone)]
pub(crate) struct ContextGroup {
    /// Lower-case trigger phrases.
    pub triggers: Vec<String>,
}

/// A verified hit: byte span and the spec that produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub spec: usize,
}

/// The compiled alias set.
pub(crate) struct AliasMatcher {
    specs: Vec<AliasSpec>,
    /// Word rules of each spec: byte range within the pattern and the rule.
    words: Vec<Vec<(usize, usize, WordCase)>>,
    /// ASCII-case-insensitive trie of the searchable aliases, for lookups at word starts.
    /// Each pattern id lists every spec spelled the same up to ASCII case, tried in order until
    /// one passes its checks.
    trie: Option<(Trie, Vec<Vec<usize>>)>,
    /// Bit set of the first two bytes of every searchable alias, as its first word's case
    /// rule lets them be written: lower-cased for words of any case ("drones"), with the
    /// capital kept for capitalised words ("Putin", "PUTIN") and exact for acronyms ("MoD").
    /// Aliases whose first word may be written in lower case use `any3` instead when they
    /// are at least three bytes long.
    starts: Box<[u64; 1024]>,
    /// Bit set of hashes of the lower-cased first three bytes of aliases whose first word is
    /// of any case ("drones", "governor of ..."). Word starts matching neither set are
    /// skipped without a search, so the common lower-case words of running text cost two
    /// lookups each.
    any3: Box<[u64; ANY3_WORDS]>,
    /// Every alias, hidden or not, by its ASCII-lower-cased pattern, for [`Self::lookup`].
    by_folded: std::collections::HashMap<String, Vec<usize>>,
    contexts: Vec<ContextGroup>,
    window: usize,
    plurals: bool,
}

/// Prefixes that, joined by a hyphen, turn a name into something else ("pro-Russian").
const NEGATING_PREFIXES: [&str; 4] = ["pro", "anti", "non", "counter"];

fn is_word_char(c: char) -> bool {
    // Cyrillic letters are common in this text and slow to look up in the general tables.
    c.is_ascii_alphanumeric()
        || c == '_'
        || ('\u{0400}'..='\u{04FF}').contains(&c)
        || (!c.is_ascii() && crate::chars::is_alnum(c))
}

fn word_rules(pattern: &str) -> Vec<(usize, usize, WordCase)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in pattern.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, i, WordCase::of(&pattern[s..i])));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, pattern.len(), WordCase::of(&pattern[s..])));
    }
    out
}

/// The aliases, folded to ASCII lower case, as a byte trie: at a position of the text it lists
/// every alias that starts there, shortest first, in one walk. Only anchored lookups are ever
/// made, so the trie needs none of the failure links an Aho-Corasick automaton computes for
/// searches that may start anywhere, and builds in one pass over the aliases.
///
/// States are numbered breadth first, so the children of a state are consecutive and the short
/// prefixes every walk passes through sit together at the front of the arrays, where they stay
/// in cache.
#[derive(Debug)]
struct Trie {
    /// The state after the first byte (dense: every lookup starts here).
    root: Box<[u32; 256]>,
    nodes: Vec<TrieNode>,
    /// The byte on the edge into each state.
    labels: Vec<u8>,
}

#[derive(Debug, Clone, Copy)]
struct TrieNode {
    /// The children are states `first..first + len`.
    first: u32,
    len: u32,
    /// The alias ending at this state, or [`NO_STATE`].
    pattern: u32,
}

const NO_STATE: u32 = u32::MAX;

/// The aliases do not fit the trie's 32-bit state numbers.
#[derive(Debug)]
pub(crate) struct TooManyAliases;

impl std::fmt::Display for TooManyAliases {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too many alias bytes for the alias trie")
    }
}

impl Trie {
    /// The trie of `patterns`; pattern `i` is reported as `i`. Empty patterns are left out.
    fn new(patterns: &[&str]) -> Result<Trie, TooManyAliases> {
        // Build with a child list per state, then renumber the states breadth first.
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut pattern: Vec<u32> = vec![NO_STATE];
        for (pid, p) in patterns.iter().enumerate() {
            if p.is_empty() {
                continue;
            }
            let mut state = 0usize;
            for &byte in p.as_bytes() {
                let byte = byte.to_ascii_lowercase();
                state = match children[state].iter().find(|c| c.0 == byte) {
                    Some(&(_, next)) => next as usize,
                    None => {
                        let next = u32::try_from(children.len()).map_err(|_| TooManyAliases)?;
                        children[state].push((byte, next));
                        children.push(Vec::new());
                        pattern.push(NO_STATE);
                        next as usize
                    }
                };
            }
            if pattern[state] == NO_STATE {
                pattern[state] = u32::try_from(pid).map_err(|_| TooManyAliases)?;
            }
        }
        // `order[k]` is the old number of new state `k`; a state's children are numbered
        // together when it is reached.
        let mut order: Vec<usize> = vec![0];
        let mut renumber = vec![0u32; children.len()];
        let mut labels = vec![0u8];
        let mut k = 0;
        while let Some(&old) = order.get(k) {
            children[old].sort_unstable();
            for &(byte, child) in &children[old] {
                renumber[child as usize] = order.len() as u32;
                order.push(child as usize);
                labels.push(byte);
            }
            k += 1;
        }
        let nodes = order
            .iter()
            .map(|&old| TrieNode {
                first: children[old]
                    .first()
                    .map_or(0, |&(_, c)| renumber[c as usize]),
                len: children[old].len() as u32,
                pattern: pattern[old],
            })
            .collect();
        let mut root = Box::new([NO_STATE; 256]);
        for &(byte, child) in &children[0] {
            root[usize::from(byte)] = renumber[child as usize];
        }
        Ok(Trie {
            root,
            nodes,
            labels,
        })
    }

    /// Every alias that `text[start..]` begins with, as (end, pattern), shortest first.
    fn prefixes(&self, text: &[u8], start: usize, out: &mut Vec<(usize, u32)>) {
        out.clear();
        let Some(&first) = text.get(start) else {
            return;
        };
        let mut state = self.root[usize::from(first.to_ascii_lowercase())];
        let mut i = start + 1;
        while let Some(node) = self.nodes.get(state as usize) {
            if node.pattern != NO_STATE {
                out.push((i, node.pattern));
            }
            let Some(&byte) = text.get(i) else {
                return;
            };
            let byte = byte.to_ascii_lowercase();
            let (lo, hi) = (node.first as usize, (node.first + node.len) as usize);
            state = match self.labels[lo..hi].iter().position(|&l| l == byte) {
                Some(k) => node.first + k as u32,
                None => return,
            };
            i += 1;
        }
    }
}

/// Size in 64-bit words of the three-byte start set (2^15 bits, 4 KB: small enough to stay in
/// the first-level cache next to the two-byte set, with few false positives for the few
/// thousand prefixes it holds).
const ANY3_WORDS: usize = 1 << 9;

/// The bit of the three-byte start set for three leading bytes, lower-cased and hashed.
#[inline]
fn any3_bit(a: u8, b: u8, c: u8) -> usize {
    let key = (u32::from(a.to_ascii_lowercase()) << 16)
        | (u32::from(b.to_ascii_lowercase()) << 8)
        | u32::from(c.to_ascii_lowercase());
    (key.wrapping_mul(0x9E37_79B1) >> 17) as usize
}

/// The bit of the start set for two leading bytes.
#[inline]
fn start_bits(a: u8, b: u8) -> usize {
    (usize::from(a) << 8) | usize::from(b)
}

impl AliasMatcher {
    /// Compiles the specs. `window` is the context distance in words; `plurals` lets a
    /// trailing "s" join the span.
    pub(crate) fn new(
        mut specs: Vec<AliasSpec>,
        contexts: Vec<ContextGroup>,
        window: usize,
        plurals: bool,
    ) -> Result<Self, TooManyAliases> {
        for s in &mut specs {
            if s.pattern.trim() != s.pattern {
                s.pattern = s.pattern.trim().to_string();
            }
        }
        let words: Vec<_> = specs.iter().map(|s| word_rules(&s.pattern)).collect();
        let mut by_folded: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, spec) in specs.iter().enumerate() {
            if !spec.pattern.is_empty() {
                by_folded
                    .entry(spec.pattern.to_ascii_lowercase())
                    .or_default()
                    .push(i);
            }
        }
        // Group the searchable specs whose patterns are equal once folded: the trie
        // holds one pattern per group, in the order the specs were given.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        let mut starts = Box::new([0u64; 1024]);
        let mut any3 = Box::new([0u64; ANY3_WORDS]);
        for (i, spec) in specs.iter().enumerate() {
            if spec.pattern.is_empty() || spec.hidden {
                continue;
            }
            let key = spec.pattern.to_ascii_lowercase();
            let raw = spec.pattern.as_bytes();
            let (b0, b1) = (raw[0], raw.get(1).copied().unwrap_or(0));
            let bit = match words[i].first().map_or(WordCase::Any, |w| w.2) {
                WordCase::Any if raw.len() >= 3 => {
                    let h = any3_bit(b0, b1, raw[2]);
                    any3[h / 64] |= 1 << (h % 64);
                    None
                }
                WordCase::Any => Some(start_bits(b0.to_ascii_lowercase(), b1.to_ascii_lowercase())),
                WordCase::Capital => Some(start_bits(b0, b1.to_ascii_lowercase())),
                WordCase::Exact => Some(start_bits(b0, b1)),
            };
            if let Some(bit) = bit {
                starts[bit / 64] |= 1 << (bit % 64);
            }
            let g = *index.entry(key).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }
        let trie = if groups.is_empty() {
            None
        } else {
            let pats: Vec<&str> = groups
                .iter()
                .map(|g| specs[g[0]].pattern.as_str())
                .collect();
            Some((Trie::new(&pats)?, groups))
        };
        Ok(AliasMatcher {
            specs,
            words,
            trie,
            starts,
            any3,
            by_folded,
            contexts,
            window,
            plurals,
        })
    }

    pub(crate) fn specs(&self) -> &[AliasSpec] {
        &self.specs
    }

    /// All verified, non-overlapping hits in `text`, leftmost-longest first.
    ///
    /// Runs of whitespace in the text (line breaks, tabs, no-break spaces, doubled spaces)
    /// match the single space of an alias; a run holding a blank line never does, so a name
    /// is not matched across paragraphs. Offsets are always those of `text`.
    #[cfg(test)]
    pub(crate) fn find(&self, text: &str) -> Vec<Hit> {
        self.find_in(&SpacedText::new(text))
    }

    /// [`find`](Self::find) over a text whose white space was normalised already, so that
    /// several matchers can share the work.
    pub(crate) fn find_in(&self, spaced: &SpacedText<'_>) -> Vec<Hit> {
        let text = spaced.text;
        match &spaced.normalised {
            None => self.find_normalised(text, &spaced.word_starts),
            Some((norm, map)) => self
                .find_normalised(norm, &spaced.word_starts)
                .into_iter()
                .map(|h| Hit {
                    start: map.original(h.start),
                    end: map.original(h.end - 1) + 1,
                    spec: h.spec,
                })
                .filter(|h| text.is_char_boundary(h.start) && text.is_char_boundary(h.end))
                .collect(),
        }
    }

    /// Looks up the trie at every word start whose first bytes begin some alias. After a
    /// hit the search resumes at its end, so hits never overlap.
    fn find_normalised(&self, text: &str, word_starts: &[usize]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let Some((trie, groups)) = &self.trie else {
            return hits;
        };
        let b = text.as_bytes();
        let mut resume = 0;
        let mut ends = Vec::new();
        for &i in word_starts {
            if i < resume || !self.may_start(b, i) {
                continue;
            }
            if let Some(hit) = self.longest_at(text, i, trie, groups, &mut ends) {
                hits.push(hit);
                resume = hit.end;
            }
        }
        hits
    }

    /// Whether an alias may start with these two bytes, under any case rule.
    #[inline]
    fn may_start(&self, b: &[u8], i: usize) -> bool {
        let b0 = b[i];
        let b1 = b.get(i + 1).copied().unwrap_or(0);
        let b2 = b.get(i + 2).copied().unwrap_or(0);
        let h = any3_bit(b0, b1, b2);
        if self.any3[h / 64] & (1 << (h % 64)) != 0 {
            return true;
        }
        let has = |bit: usize| self.starts[bit / 64] & (1 << (bit % 64)) != 0;
        let l1 = b1.to_ascii_lowercase();
        has(start_bits(b0.to_ascii_lowercase(), l1))
            || has(start_bits(b0, l1))
            || has(start_bits(b0, b1))
    }

    /// The longest alias starting at `start` that passes its checks, trying every alias that
    /// starts there from the longest down. `ends` is scratch space.
    fn longest_at(
        &self,
        text: &str,
        start: usize,
        trie: &Trie,
        groups: &[Vec<usize>],
        ends: &mut Vec<(usize, u32)>,
    ) -> Option<Hit> {
        trie.prefixes(text.as_bytes(), start, ends);
        ends.iter().rev().find_map(|&(end, pattern)| {
            self.check_group(text, start, end, &groups[pattern as usize])
        })
    }

    /// The first spec of a group that passes its checks at `[start, end)`, as a hit.
    fn check_group(&self, text: &str, start: usize, end: usize, group: &[usize]) -> Option<Hit> {
        group.iter().find_map(|&spec| {
            self.verify(text, start, end, spec)
                .map(|end| Hit { start, end, spec })
        })
    }

    /// The spec a whole surface form names, ignoring context rules and the hidden flag: the
    /// first spec whose pattern equals it (up to ASCII case where the case rules allow).
    pub(crate) fn lookup(&self, surface: &str) -> Option<&AliasSpec> {
        let surface = surface.trim();
        let group = self.by_folded.get(&surface.to_ascii_lowercase())?;
        let spec = group.iter().find(|&&s| self.case_ok(surface, 0, s))?;
        Some(&self.specs[*spec])
    }

    fn case_ok(&self, text: &str, start: usize, spec: usize) -> bool {
        let pattern = self.specs[spec].pattern.as_bytes();
        let bytes = text.as_bytes();
        self.words[spec].iter().all(|&(s, e, rule)| match rule {
            WordCase::Any => true,
            WordCase::Exact => bytes.get(start + s..start + e) == Some(&pattern[s..e]),
            WordCase::Capital => bytes.get(start + s).is_some_and(|b| b.is_ascii_uppercase()),
        })
    }

    /// Checks boundaries, case and context; returns the hit's end (extended over a plural
    /// "s") when it passes.
    fn verify(&self, text: &str, start: usize, end: usize, spec: usize) -> Option<usize> {
        let pattern = &self.specs[spec].pattern;
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return None;
        }
        let before = &text[..start];
        if pattern.chars().next().is_some_and(is_word_char) {
            let mut rev = before.chars().rev();
            match rev.next() {
                Some(c) if is_word_char(c) => return None,
                Some('-') => {
                    let word: String = rev.take_while(|c| c.is_alphabetic()).collect();
                    let word: String = word.chars().rev().collect::<String>().to_lowercase();
                    if NEGATING_PREFIXES.contains(&word.as_str()) {
                        return None;
                    }
                }
                _ => {}
            }
        }
        let mut end = end;
        if pattern.chars().last().is_some_and(is_word_char) {
            let mut after = text[end..].chars();
            match after.next() {
                Some(c) if is_word_char(c) => {
                    let plural = self.plurals
                        && c == 's'
                        && !after.next().is_some_and(is_word_char)
                        && !pattern.ends_with('s')
                        && !pattern.ends_with('S');
                    if !plural {
                        return None;
                    }
                    end += 1;
                }
                _ => {}
            }
        }
        if !self.case_ok(text, start, spec) {
            return None;
        }
        if let Some(group) = self.specs[spec].context {
            if !self.context_near(text, start, end, group) {
                return None;
            }
        }
        Some(end)
    }

    /// Whether a trigger of `group` occurs within the window of words around `[start, end)`.
    fn context_near(&self, text: &str, start: usize, end: usize, group: usize) -> bool {
        let Some(group) = self.contexts.get(group) else {
            return true;
        };
        let lo = words_back(text, start, self.window);
        let hi = words_forward(text, end, self.window);
        let left = text[lo..start].to_lowercase();
        let right = text[end..hi].to_lowercase();
        group
            .triggers
            .iter()
            .any(|t| contains_word(&left, t) || contains_word(&right, t))
    }
}

/// A text with its whitespace runs normalised for matching (see [`AliasMatcher::find`]).
/// The word starts are found once here for all the matchers that search the text.
pub(crate) struct SpacedText<'a> {
    text: &'a str,
    normalised: Option<(String, SpaceMap)>,
    /// Offsets in the searched text (the normalised one, when there is one) of every word
    /// start: a word character not preceded by one.
    word_starts: Vec<usize>,
}

impl<'a> SpacedText<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        // Cleaned text usually needs no rewriting: one pass then finds the word starts and
        // checks the white space at once.
        if let Some(word_starts) = scan_words(text, true) {
            return SpacedText {
                text,
                normalised: None,
                word_starts,
            };
        }
        let normalised = SpaceMap::normalise(text);
        let searched = normalised.as_ref().map_or(text, |(n, _)| n.as_str());
        SpacedText {
            text,
            word_starts: scan_words(searched, false).unwrap_or_default(),
            normalised,
        }
    }

    /// The original text.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }
}

/// ASCII letters, digits and `_`: the word characters [`scan_words`] steps over byte by byte.
const WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c as u8 == b'_';
        c += 1;
    }
    t
};

/// Offsets of the word starts of `text`: word characters (see [`is_word_char`]) not preceded
/// by one. Runs of ASCII letters and digits are skipped byte by byte without decoding.
///
/// With `require_clean`, returns `None` as soon as a run of white space is found that
/// [`SpaceMap::normalise`] would rewrite: anything but a single space or a run of line breaks
/// holding a blank line.
fn scan_words(text: &str, require_clean: bool) -> Option<Vec<usize>> {
    let b = text.as_bytes();
    let ascii_word = |x: u8| WORD_BYTE[usize::from(x)];
    let mut out = Vec::with_capacity(b.len() / 6 + 1);
    let mut prev_word = false;
    let mut i = 0;
    while i < b.len() {
        let byte = b[i];
        // The common gap: one space before a printable ASCII character.
        if byte == b' ' && b.get(i + 1).is_some_and(|&x| x > b' ' && x < 0x80) {
            prev_word = false;
            i += 1;
            continue;
        }
        let (is_word, len) = if byte < 0x80 {
            (ascii_word(byte), 1)
        } else {
            text.get(i..)
                .and_then(|t| t.chars().next())
                .map_or((false, 1), |c| (is_word_char(c), c.len_utf8()))
        };
        if !is_word {
            prev_word = false;
            if require_clean {
                let (mut j, mut newlines, mut only_breaks) = (i, 0usize, true);
                while let Some((l, nl)) = space_at(text, j) {
                    newlines += usize::from(nl);
                    only_breaks &= b[j] == b'\n';
                    j += l;
                }
                if j > i {
                    let single = j - i == 1 && byte == b' ';
                    if !(single || (newlines >= 2 && only_breaks)) {
                        return None;
                    }
                    i = j;
                    continue;
                }
            }
            i += len;
            continue;
        }
        if !prev_word {
            out.push(i);
        }
        prev_word = true;
        i += len;
        // ASCII word characters, and Cyrillic letters (U+0400..U+04FF, lead bytes D0..D3).
        loop {
            while i < b.len() && ascii_word(b[i]) {
                i += 1;
            }
            if i + 1 < b.len() && (0xd0..=0xd3).contains(&b[i]) {
                i += 2;
            } else {
                break;
            }
        }
    }
    Some(out)
}

/// Maps byte offsets of a whitespace-normalised text back to the original text.
struct SpaceMap {
    /// (offset in the normalised text, offset in the original) at the start of each segment
    /// after which the two advance together.
    points: Vec<(usize, usize)>,
}

impl SpaceMap {
    /// The text with each whitespace run made one space (or one line break when the run
    /// holds a blank line), and the offset map; `None` when nothing needs changing. Works on
    /// bytes, decoding a character only at the lead bytes of non-ASCII spaces.
    fn normalise(text: &str) -> Option<(String, SpaceMap)> {
        let b = text.as_bytes();
        let mut out: Option<(String, SpaceMap)> = None;
        let mut seg_start = 0;
        let mut i = 0;
        while i < b.len() {
            let byte = b[i];
            let plain = |x: u8| x > b' ' && !matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3);
            if plain(byte) || (byte == b' ' && b.get(i + 1).is_none_or(|&x| plain(x))) {
                i += 1;
                continue;
            }
            let Some((len, nl)) = space_at(text, i) else {
                i += 1;
                continue;
            };
            let run_start = i;
            let mut newlines = usize::from(nl);
            i += len;
            while let Some((len, nl)) = space_at(text, i) {
                newlines += usize::from(nl);
                i += len;
            }
            // A single space needs no change, and neither does a run of line breaks only that
            // holds a blank line (the paragraph break of cleaned text): it would become one
            // line break, which no alias crosses either way.
            if (i - run_start == 1 && b[run_start] == b' ')
                || (newlines >= 2 && b[run_start..i].iter().all(|&c| c == b'\n'))
            {
                continue;
            }
            let (o, map) = out.get_or_insert_with(|| {
                (
                    String::with_capacity(text.len()),
                    SpaceMap {
                        points: vec![(0, 0)],
                    },
                )
            });
            o.push_str(&text[seg_start..run_start]);
            map.points.push((o.len(), run_start));
            o.push(if newlines >= 2 { '\n' } else { ' ' });
            map.points.push((o.len(), i));
            seg_start = i;
        }
        let (mut o, map) = out?;
        o.push_str(&text[seg_start..]);
        Some((o, map))
    }

    /// The original offset of byte `pos` of the normalised text.
    fn original(&self, pos: usize) -> usize {
        let k = self
            .points
            .partition_point(|&(n, _)| n <= pos)
            .saturating_sub(1);
        let (n, o) = self.points[k];
        o + (pos - n)
    }
}

/// The byte length of the whitespace character at `i`, and whether it is a line break.
#[inline]
fn space_at(text: &str, i: usize) -> Option<(usize, bool)> {
    match *text.as_bytes().get(i)? {
        b' ' | b'\t' | b'\r' | 0x0b | 0x0c => Some((1, false)),
        b'\n' => Some((1, true)),
        0xC2 | 0xE1 | 0xE2 | 0xE3 => {
            let c = text.get(i..)?.chars().next()?;
            c.is_whitespace().then(|| (c.len_utf8(), c == '\u{2028}'))
        }
        _ => None,
    }
}

/// Byte offset `n` words before `pos` (bounded to a few hundred bytes).
fn words_back(text: &str, pos: usize, n: usize) -> usize {
    let floor = pos.saturating_sub(n * 24);
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[..pos].char_indices().rev() {
        if i < floor {
            return i + c.len_utf8();
        }
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words >= n {
                    return i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    0
}

/// Byte offset `n` words after `pos` (bounded to a few hundred bytes).
fn words_forward(text: &str, pos: usize, n: usize) -> usize {
    let ceil = pos + n * 24;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[pos..].char_indices() {
        let i = pos + i;
        if i > ceil {
            return i;
        }
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words >= n {
                    return i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text.len()
}

/// Whether `needle` occurs in `hay` as whole words (an optional plural "s" allowed after it).
pub(crate) fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(p) = hay[from..].find(needle) {
        let s = from + p;
        let e = s + needle.len();
        let ok_before = !hay[..s].chars().next_back().is_some_and(is_word_char);
        let mut after = hay[e..].chars();
        let ok_after = match after.next() {
            Some('s') => !after.next().is_some_and(is_word_char),
            Some(c) => !is_word_char(c),
            None => true,
        };
        if ok_before && ok_after {
            return true;
        }
        from = s + hay[s..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Writes each variant of `alias` spelled with curly instead of straight apostrophes and with
/// "Defence"/"Defense" swapped, calling `push` on each new one.
pub(crate) fn spelling_variants(alias: &str, mut push: impl FnMut(String)) {
    let mut forms = vec![alias.to_string()];
    let swaps: [(&str, &str); 6] = [
        ("Defence", "Defense"),
        ("defence", "defense"),
        ("'", "\u{2019}"),
        ("US ", "U.S. "),
        ("Armour", "Armor"),
        ("armour", "armor"),
    ];
    for (a, b) in swaps {
        let mut extra = Vec::new();
        for f in &forms {
            if f.contains(a) {
                extra.push(f.replace(a, b));
            }
            if f.contains(b) {
                extra.push(f.replace(b, a));
            }
        }
        forms.extend(extra);
    }
    forms.sort();
    forms.dedup();
    for f in forms {
        if f != alias {
            push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(p: &str, entry: usize) -> AliasSpec {
        AliasSpec {
            pattern: p.into(),
            entry,
            context: None,
            weak: false,
            explicit: true,
            hidden: false,
        }
    }

    #[test]
    fn word_case_rules_follow_the_alias_spelling() {
        assert_eq!(WordCase::of("MoD"), WordCase::Exact);
        assert_eq!(WordCase::of("ATACMS"), WordCase::Exact);
        assert_eq!(WordCase::of("Putin"), WordCase::Capital);
        assert_eq!(WordCase::of("forces"), WordCase::Any);
        assert_eq!(WordCase::of("Х-101"), WordCase::Exact);
    }

    #[test]
    fn boundaries_prefixes_and_plurals() {
        let m = AliasMatcher::new(
            vec![spec("Grad", 0), spec("Russian forces", 1)],
            vec![],
            6,
            true,
        )
        .unwrap();
        assert!(m.find("the battle of Stalingrad").is_empty());
        assert_eq!(m.find("two Grads fired").len(), 1);
        assert_eq!(m.find("two Grads fired")[0].end, 9);
        assert!(m.find("pro-Russian forces").is_empty());
        assert_eq!(m.find("Russian forces-held").len(), 1);
        assert!(m.find("a grad student").is_empty());
    }

    #[test]
    fn context_words_are_searched_on_both_sides() {
        let ctx = ContextGroup {
            triggers: vec!["air defence".into(), "missile".into()],
        };
        let mut s = spec("Hawk", 0);
        s.context = Some(0);
        let m = AliasMatcher::new(vec![s], vec![ctx], 6, true).unwrap();
        assert!(m.find("Hawk said the weather was fine").is_empty());
        assert_eq!(m.find("Spain sent Hawk air defence launchers").len(), 1);
        assert_eq!(m.find("the missiles came from a Hawk battery").len(), 1);
    }

    #[test]
    fn never_panics_on_multibyte_text() {
        let m = AliasMatcher::new(vec![spec("Х-101", 0), spec("AP", 1)], vec![], 6, true).unwrap();
        let text = "ракета Х-101 і APі «AP» 🚀AP";
        let hits = m.find(text);
        assert_eq!(hits.len(), 3);
        for h in hits {
            assert!(text.get(h.start..h.end).is_some());
        }
    }

    #[test]
    fn whitespace_runs_match_one_space_but_not_a_blank_line() {
        let m = AliasMatcher::new(vec![spec("Kremlin spokesman", 0)], vec![], 6, false).unwrap();
        let text = "the Kremlin\u{a0}spokesman and Kremlin \n  spokesman, Kremlin\n\nspokesman";
        let hits = m.find(text);
        assert_eq!(hits.len(), 2);
        assert_eq!(&text[hits[0].start..hits[0].end], "Kremlin\u{a0}spokesman");
        assert_eq!(&text[hits[1].start..hits[1].end], "Kremlin \n  spokesman");
    }

    #[test]
    fn cleaned_text_is_matched_without_a_copy() {
        let cleaned = "Drones hit Kharkiv.\n\nThe Kremlin spokesman said nothing.";
        assert!(SpaceMap::normalise(cleaned).is_none());
        assert!(SpaceMap::normalise("Kremlin\nspokesman").is_some());
        let m = AliasMatcher::new(vec![spec("Kremlin spokesman", 0)], vec![], 6, false).unwrap();
        let hits = m.find(cleaned);
        assert_eq!(hits.len(), 1);
        assert_eq!(&cleaned[hits[0].start..hits[0].end], "Kremlin spokesman");
    }

    proptest::proptest! {
        /// The trie lists exactly the patterns the text begins with at a position, up to ASCII
        /// case, shortest first, each end once with the first pattern spelled so.
        #[test]
        fn trie_lists_every_pattern_starting_at_a_position(
            patterns in proptest::collection::vec("[abAB й-]{0,4}", 0..12),
            text in "[abAB й-]{0,10}",
            start in 0usize..10,
        ) {
            let pats: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let trie = Trie::new(&pats).unwrap();
            let mut got = Vec::new();
            let b = text.as_bytes();
            let start = start.min(b.len());
            trie.prefixes(b, start, &mut got);
            let mut want: Vec<(usize, u32)> = Vec::new();
            for (pid, p) in pats.iter().enumerate() {
                let end = start + p.len();
                let begins = !p.is_empty()
                    && b.get(start..end).is_some_and(|t| t.eq_ignore_ascii_case(p.as_bytes()));
                if begins && !want.iter().any(|w| w.0 == end) {
                    want.push((end, pid as u32));
                }
            }
            want.sort_unstable();
            proptest::prop_assert_eq!(got, want);
        }

        /// The one-pass check of cleaned text agrees with the rewriting: it accepts exactly
        /// the texts that need no rewriting, and finds the same word starts.
        #[test]
        fn clean_scan_agrees_with_normalise(s in "[a-zA-Zа-я0-9 \n\t\u{a0}\u{2009}’.,_-]{0,40}") {
            let clean = scan_words(&s, true);
            proptest::prop_assert_eq!(clean.is_some(), SpaceMap::normalise(&s).is_none());
            if let Some(starts) = clean {
                proptest::prop_assert_eq!(Some(starts), scan_words(&s, false));
            }
        }
    }

    #[test]
    fn contains_word_respects_boundaries() {
        assert!(contains_word("fired two missiles at", "missile"));
        assert!(!contains_word("antimissile", "missile"));
        assert!(contains_word("air defence units", "air defence"));
    }

    #[test]
    fn spelling_variants_cover_defence_and_apostrophes() {
        let mut v = Vec::new();
        spelling_variants("Russia's Ministry of Defence", |s| v.push(s));
        assert!(v.contains(&"Russia's Ministry of Defense".to_string()));
        assert!(v.contains(&"Russia\u{2019}s Ministry of Defence".to_string()));
        assert!(v.contains(&"Russia\u{2019}s Ministry of Defense".to_string()));
    }
}
