//! Finding names in a text: every gazetteer name, longest first, with the region, airport,
//! district and community phrases around them (the words around a name are read in
//! [`super::neighbours`]).
//!
//! A name is looked up under its lookup form first ([`Tier::Exact`]), then under its strong
//! folded form ([`Tier::Folded`]: "Slavyansk" meets "Sloviansk"), and only when no name of any
//! length matched so, under its loose form ([`Tier::Loose`]: "Gorlovka" meets "Horlivka"),
//! which the resolver takes only with support from the text.

use super::fold::{admin_stem, consonants, fold_with, skeleton, skeleton_into};
use super::load::{self, KeyRef, NameSet, FEATURE_ADMIN2, FEATURE_ADMIN3, FEATURE_CITY};
use super::neighbours::{
    airport_phrase_at, article_start, district_phrase_at, region_word_at, settlement_cue_after,
    settlement_cue_before, taken_tokens,
};
use super::tokens::Token;
use super::words::*;
use super::Gazetteer;
use sitrep_model::Span;

/// The sets of the filter of forms: folded names; loose names and loose first words.
const FOLDED: usize = 0;
const LOOSE: usize = 1;

/// Texts shorter than this are taken for place descriptions, whose names are matched loosely.
const DESCRIPTION_BYTES: usize = 600;

/// Whether the capitalised word at token `i` may be matched in its loose form: the resolver
/// takes a loose match only where the text describes places, so it is looked for only there:
/// in a short text (a place description), in Cyrillic, next to a settlement word ("village of
/// X", "X town"), or with a region or district word in the words after it ("X, Y district").
/// `kinds` holds the [`word_kinds`] of each token.
fn loose_ok(text: &str, toks: &[Token], kinds: &[u8], i: usize) -> bool {
    if text.len() < DESCRIPTION_BYTES || is_cyrillic(toks[i].norm) {
        return true;
    }
    if settlement_cue_before(toks, kinds, i) || settlement_cue_after(toks, kinds, i + 1) {
        return true;
    }
    kinds
        .iter()
        .skip(i + 1)
        .take(6)
        .any(|&k| k & (REGION | DISTRICT) != 0)
}

/// The first word of a form (forms of hyphenated words hold spaces).
#[inline]
fn first_word_of(form: &str) -> &str {
    match form.bytes().position(|b| b == b' ') {
        Some(p) => &form[..p],
        None => form,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Plain,
    Region,
    Airport,
    /// "X district", "X raion": a second-level unit (or an older one, now a community).
    District,
    /// "X hromada", "X territorial community", "X city council".
    Community,
}

/// How a name met the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Tier {
    Exact,
    Folded,
    Loose,
}

/// A name found in the text, before disambiguation.
#[derive(Debug, Clone)]
pub(super) struct Match {
    /// Token range of the name.
    pub(super) ti: usize,
    pub(super) tj: usize,
    /// Byte span of the whole mention (name plus region or airport words).
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) key: String,
    pub(super) kind: Kind,
    /// Candidates for the name itself (for districts and communities: the towns they are
    /// named after).
    pub(super) cands: Vec<KeyRef>,
    /// Region, airport, district or community candidates for phrases.
    pub(super) phrase_cands: Vec<KeyRef>,
    /// The name is a common English word: it needs its country named elsewhere.
    pub(super) needs_context: bool,
    pub(super) tier: Tier,
    /// More candidates for the same words, met in a looser form than `tier` (the Russian
    /// form of a village whose gazetteer record has only its Ukrainian names).
    pub(super) extra: Vec<(KeyRef, Tier)>,
    /// A word next to the name says it is a settlement ("village of X", "X town").
    pub(super) settlement_cue: bool,
    /// A country is among the candidates (set by [`Gazetteer::mark_countries`]).
    pub(super) country_name: bool,
}

/// The folded and loose forms of the tokens of a text, computed when first asked for (most
/// words are never looked up in those forms) into one buffer.
struct Forms<'t> {
    toks: &'t [Token<'t>],
    /// Per token: the byte ranges of its folded and of its loose form in `arena`.
    folded: Vec<Option<[u32; 2]>>,
    loose: Vec<Option<[u32; 2]>>,
    arena: String,
    scratch: String,
}

impl<'t> Forms<'t> {
    fn new(toks: &'t [Token<'t>]) -> Self {
        Forms {
            toks,
            folded: vec![None; toks.len()],
            loose: vec![None; toks.len()],
            arena: String::new(),
            scratch: String::new(),
        }
    }

    /// The byte range of token `i`'s strong folded form.
    fn folded_at(&mut self, i: usize) -> [u32; 2] {
        if let Some(s) = self.folded[i] {
            return s;
        }
        let a = self.arena.len();
        fold_with(self.toks[i].norm, &mut self.arena, &mut self.scratch);
        let s = [a as u32, self.arena.len() as u32];
        self.folded[i] = Some(s);
        s
    }

    /// The strong folded form of token `i`.
    fn folded(&mut self, i: usize) -> &str {
        let [a, b] = self.folded_at(i);
        &self.arena[a as usize..b as usize]
    }

    /// The loose form of token `i`.
    fn loose(&mut self, i: usize) -> &str {
        let [a, b] = match self.loose[i] {
            Some(s) => s,
            None => {
                let [fa, fb] = self.folded_at(i);
                self.scratch.clear();
                skeleton_into(&self.arena[fa as usize..fb as usize], &mut self.scratch);
                let a = self.arena.len();
                self.arena.push_str(&self.scratch);
                let s = [a as u32, self.arena.len() as u32];
                self.loose[i] = Some(s);
                s
            }
        };
        &self.arena[a as usize..b as usize]
    }

    /// The folded (`loose == false`) or loose form of tokens `i..j`, joined by spaces: the
    /// token's own form for one token, else written to `out`.
    fn key<'s>(&'s mut self, i: usize, j: usize, loose: bool, out: &'s mut String) -> &'s str {
        if j == i + 1 {
            return if loose { self.loose(i) } else { self.folded(i) };
        }
        out.clear();
        for k in i..j {
            if k > i {
                out.push(' ');
            }
            let form = if loose { self.loose(k) } else { self.folded(k) };
            out.push_str(form);
        }
        out
    }
}

impl Gazetteer {
    /// Records under a folded form: names whose lookup form is that form, and names whose
    /// folded form it is; only places of the countries whose names are transliterated from
    /// Cyrillic ("Will" is no spelling of Wil, "Так" none of Tak).
    pub(super) fn folded_cands(&self, f: &str) -> Vec<KeyRef> {
        if !self.d.forms_filter.may_contain(f)[FOLDED] {
            return Vec::new();
        }
        let mut out: Vec<KeyRef> = Vec::new();
        for src in [self.d.keys.get(f), self.d.folded.get(f)]
            .into_iter()
            .flatten()
        {
            for r in src {
                let cc = self.place(*r).country.as_deref();
                if cc.is_some_and(|c| LOOSE_COUNTRIES.contains(&c))
                    && !out.iter().any(|o| o.idx == r.idx)
                {
                    out.push(*r);
                }
            }
        }
        out
    }

    /// Records under a loose form: settlements, districts, communities and landmarks of the
    /// countries whose names come in Russian and Ukrainian forms.
    fn loose_cands(&self, l: &str) -> Vec<KeyRef> {
        if !self.d.forms_filter.may_contain(l)[LOOSE] {
            return Vec::new();
        }
        self.d
            .loose
            .get(l)
            .map(|refs| {
                refs.iter()
                    .copied()
                    .filter(|r| {
                        self.place(*r)
                            .country
                            .as_deref()
                            .is_some_and(|c| LOOSE_COUNTRIES.contains(&c))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// District or community records for the name before "district", "raion", "hromada"...:
    /// units whose name has the same stem ("Slavyansky" and "Slovianska" hromada), and the
    /// towns the units are named after ("Volnovakha district"), found by the name as written,
    /// folded, or by its stem.
    fn unit_cands(&self, folded: &str, kind: Kind) -> (Vec<KeyRef>, Vec<KeyRef>) {
        let stem = admin_stem(folded);
        let loose_stem = skeleton(stem);
        let units: Vec<KeyRef> = self
            .d
            .admin_keys
            .get(&loose_stem)
            .map(|refs| {
                refs.iter()
                    .copied()
                    .filter(|r| {
                        let code = self.d.records[r.idx as usize].feature_code;
                        code == FEATURE_ADMIN3 || (kind == Kind::District && code == FEATURE_ADMIN2)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut towns: Vec<KeyRef> = Vec::new();
        let add = |refs: Vec<KeyRef>, towns: &mut Vec<KeyRef>| {
            for r in refs {
                if self.d.records[r.idx as usize].feature_code == FEATURE_CITY
                    && !towns.iter().any(|t| t.idx == r.idx)
                {
                    towns.push(r);
                }
            }
        };
        add(self.folded_cands(folded), &mut towns);
        if stem != folded {
            add(self.folded_cands(stem), &mut towns);
        }
        if towns.is_empty() {
            add(self.loose_cands(&loose_stem), &mut towns);
        }
        // "Telmanovsky" from Telmanove, "Maryinsky" from Marinka, "Amvrosiyevsky" from
        // Amvrosiivka: the adjective drops the town's ending (and its k) before "sk".
        if towns.is_empty() {
            if let Some(root) = loose_stem
                .strip_suffix("sk")
                .or_else(|| loose_stem.strip_suffix("ck"))
                .filter(|r| consonants(r) >= 3)
            {
                add(self.loose_cands(root), &mut towns);
                add(self.loose_cands(&format!("{root}k")), &mut towns);
            }
        }
        (units, towns)
    }

    /// Every name in the text, longest first, with region, district, community and airport
    /// phrases recognised.
    pub(super) fn raw_matches(&self, text: &str, toks: &[Token], taken: &[Span]) -> Vec<Match> {
        let mut out: Vec<Match> = Vec::new();
        let mut keybuf = String::new();
        let mut fkey = String::new();
        let mut forms = Forms::new(toks);
        let tok_taken = taken_tokens(toks, taken);
        // The name filter for every capitalised word, in one pass apart from the rules below:
        // its lookups are independent memory accesses that the processor can overlap there.
        // One look answers for the word as a name and as the first word of a longer name.
        let filter_hits: Vec<[bool; 2]> = toks
            .iter()
            .map(|t| {
                if t.cap {
                    self.d.filter.may_contain(t.norm)
                } else {
                    [false; 2]
                }
            })
            .collect();
        // Whether a word's loose form is worth looking up: loose forms meet unrelated names too,
        // and the resolver takes them only where the text describes places (see `loose_ok`).
        // The word lists each token is in (region and district words, the first words of
        // community and airport phrases, settlement words).
        let kinds: Vec<u8> = toks.iter().map(|t| word_kinds(t.norm)).collect();
        let mut loose_memo: Vec<Option<bool>> = vec![None; toks.len()];
        let mut loose_ok = |i: usize| {
            *loose_memo[i].get_or_insert_with(|| toks[i].cap && loose_ok(text, toks, &kinds, i))
        };
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if !t.cap || demonym_country(t.norm).is_some() {
                i += 1;
                continue;
            }
            // "Харківська область", "Брянской области": a Cyrillic adjective before the word for
            // oblast names the region.
            if let Some(end_tok) =
                region_word_at(toks, i + 1).filter(|&e| is_cyrillic(toks[e].norm))
            {
                let end = toks[end_tok].end;
                if let Some(cands) = self
                    .d
                    .cyrillic_region_stems
                    .get(&load::cyrillic_stem(t.norm))
                {
                    if !taken.iter().any(|s| s.overlaps(Span::new(t.start, end))) {
                        out.push(Match {
                            ti: i,
                            tj: i + 1,
                            start: t.start,
                            end,
                            key: t.norm.to_string(),
                            kind: Kind::Region,
                            cands: Vec::new(),
                            phrase_cands: cands.to_vec(),
                            needs_context: false,
                            tier: Tier::Exact,
                            extra: Vec::new(),
                            settlement_cue: false,
                            country_name: false,
                        });
                        i = end_tok + 1;
                        continue;
                    }
                }
            }
            // "Харківщина", "на Сумщині": the Ukrainian collective name of a region.
            // (Each ending ends in a Cyrillic letter, whose last byte is not ASCII.)
            let cyrillic_end = t.norm.as_bytes().last().is_some_and(|&b| b >= 0x80);
            if let Some(stem) = ["щина", "щини", "щині", "щину", "щиною"]
                .iter()
                .filter(|_| cyrillic_end)
                .find_map(|suf| t.norm.strip_suffix(suf))
            {
                let stem = load::cyrillic_stem(stem);
                if let Some(cands) = self.d.cyrillic_region_stems.get(&stem) {
                    if !taken.iter().any(|s| s.overlaps(Span::new(t.start, t.end))) {
                        out.push(Match {
                            ti: i,
                            tj: i + 1,
                            start: t.start,
                            end: t.end,
                            key: t.norm.to_string(),
                            kind: Kind::Region,
                            cands: Vec::new(),
                            phrase_cands: cands.to_vec(),
                            needs_context: false,
                            tier: Tier::Exact,
                            extra: Vec::new(),
                            settlement_cue: false,
                            country_name: false,
                        });
                        i += 1;
                        continue;
                    }
                }
            }
            // A name of several words starts with a known first word (in any of its forms) and
            // runs over words separated by spaces only, none but the last possessive.
            let first_word = first_word_of(t.norm);
            let [may_be_name, may_start_name] = filter_hits[i];
            let may_start_name = if first_word.len() == t.norm.len() {
                may_start_name
            } else {
                self.d.filter.may_contain(first_word)[NameSet::FirstWords as usize]
            };
            let starts_name = (may_start_name && self.d.first_words.contains(first_word))
                || (loose_ok(i) && {
                    let l = first_word_of(forms.loose(i));
                    self.d.forms_filter.may_contain(l)[LOOSE] && self.d.first_words.contains(l)
                });
            let mut maxn = 1;
            if starts_name {
                let limit = self.d.max_words.min(toks.len() - i);
                while maxn < limit
                    && toks[i + maxn].joined_to_prev
                    && !toks[i + maxn - 1].possessive
                {
                    maxn += 1;
                }
            }
            let mut found: Option<Match> = None;
            for loose_pass in [false, true] {
                // The loose pass looks for names longer than what was found ("Belaya Kamenka"
                // over "Belaya"), or for any name when nothing was.
                let shortest = match &found {
                    Some(m) if m.kind != Kind::Plain => break,
                    Some(m) => m.tj - i + 1,
                    None => 1,
                };
                // Loose forms are looked up for names of one or two words, not in capitals
                // (common words are not matched loosely either, below).
                let longest = if loose_pass { maxn.min(2) } else { maxn };
                for n in (shortest..=longest).rev() {
                    if tok_taken[i..i + n].iter().any(|&x| x) {
                        continue;
                    }
                    if loose_pass && (toks[i..i + n].iter().any(|t| t.upper) || !loose_ok(i)) {
                        continue;
                    }
                    // The lookup form of the words: a single word's own.
                    let key: &str = if n == 1 {
                        t.norm
                    } else {
                        keybuf.clear();
                        for (k, tk) in toks[i..i + n].iter().enumerate() {
                            if k > 0 {
                                keybuf.push(' ');
                            }
                            keybuf.push_str(tk.norm);
                        }
                        &keybuf
                    };
                    let last = &toks[i + n - 1];
                    // "US" must be written so; a short word in capitals ("TO", "EST") is an
                    // abbreviation, not a name written in capitals.
                    let short_caps = n == 1 && t.upper && t.norm.chars().count() <= 3;
                    let upper_ok = |r: &KeyRef| {
                        if r.upper {
                            toks[i..i + n].iter().all(|t| t.upper || t.norm.len() <= 1)
                        } else {
                            !short_caps
                        }
                    };
                    let follow = i + n;
                    // What may follow the name: a phrase starts with a word of the lists.
                    let next_kinds = kinds.get(follow).copied().unwrap_or(0);
                    if !loose_pass && !last.possessive && next_kinds != 0 {
                        let phrase = if next_kinds & (REGION | DISTRICT | COMMUNITY_START) != 0 {
                            self.phrase_match(text, toks, taken, i, n, key, &mut forms)
                        } else {
                            None
                        };
                        if let Some(m) = phrase {
                            found = Some(m);
                            break;
                        }
                        let airport = if next_kinds & AIRPORT_START != 0 {
                            airport_phrase_at(toks, follow)
                        } else {
                            None
                        };
                        if let Some(end_tok) = airport {
                            let (air, cities) = self.airport_match_cands(key);
                            let cities: Vec<KeyRef> = cities.into_iter().filter(upper_ok).collect();
                            let end = toks[end_tok].end;
                            if (!air.is_empty() || !cities.is_empty())
                                && !taken.iter().any(|s| s.overlaps(Span::new(t.start, end)))
                            {
                                found = Some(Match {
                                    ti: i,
                                    tj: i + n,
                                    start: t.start,
                                    end,
                                    key: key.to_string(),
                                    kind: Kind::Airport,
                                    cands: cities,
                                    phrase_cands: air,
                                    needs_context: false,
                                    tier: Tier::Exact,
                                    extra: Vec::new(),
                                    settlement_cue: false,
                                    country_name: false,
                                });
                                break;
                            }
                        }
                    }
                    let (cands, tier) = if loose_pass {
                        let fkey = forms.key(i, i + n, true, &mut fkey);
                        if !self.d.forms_filter.may_contain(fkey)[LOOSE]
                            || toks[i..i + n]
                                .iter()
                                .any(|t| self.d.english.contains(t.norm))
                        {
                            continue;
                        }
                        (self.loose_cands(fkey), Tier::Loose)
                    } else {
                        let may_be_key = if n == 1 {
                            may_be_name
                        } else {
                            self.d.filter.may_contain(key)[NameSet::Names as usize]
                        };
                        let exact = if may_be_key {
                            self.d.keys.get(key).map(<[KeyRef]>::to_vec)
                        } else {
                            None
                        };
                        match exact {
                            Some(c) => (c, Tier::Exact),
                            // Names of more than two words come as written.
                            None if n <= 2 && !toks[i..i + n].iter().any(|t| t.upper) => {
                                let fkey = forms.key(i, i + n, false, &mut fkey);
                                let found = if fkey == key {
                                    Vec::new()
                                } else {
                                    self.folded_cands(fkey)
                                };
                                // Common words are no spellings of names ("Will" of Wil).
                                if !found.is_empty()
                                    && toks[i..i + n]
                                        .iter()
                                        .any(|t| self.d.english.contains(t.norm))
                                {
                                    (Vec::new(), Tier::Folded)
                                } else {
                                    (found, Tier::Folded)
                                }
                            }
                            None => (Vec::new(), Tier::Folded),
                        }
                    };
                    let mut cands: Vec<KeyRef> = cands.into_iter().filter(upper_ok).collect();
                    // "Zolote-4", "Zolote-5": numbered parts of a place are the place.
                    if cands.is_empty() && n == 1 && !loose_pass {
                        if let Some(base) = t
                            .norm
                            .rsplit_once(' ')
                            .filter(|(_, num)| num.bytes().all(|b| b.is_ascii_digit()))
                            .map(|(b, _)| b)
                        {
                            if let Some(refs) = self.d.keys.get(base) {
                                cands = refs.iter().copied().filter(upper_ok).collect();
                            }
                        }
                    }
                    if cands.is_empty() {
                        continue;
                    }
                    // The same words in their looser forms may name more places.
                    let mut extra: Vec<(KeyRef, Tier)> = Vec::new();
                    if !loose_pass && !toks[i..i + n].iter().any(|t| t.upper) {
                        let mut more = |refs: Vec<KeyRef>, tier: Tier| {
                            for r in refs {
                                if !cands.iter().any(|c| c.idx == r.idx)
                                    && !extra.iter().any(|(c, _)| c.idx == r.idx)
                                {
                                    extra.push((r, tier));
                                }
                            }
                        };
                        let f = forms.key(i, i + n, false, &mut fkey);
                        if tier == Tier::Exact && f != key {
                            more(self.folded_cands(f), Tier::Folded);
                        }
                        if loose_ok(i)
                            && !toks[i..i + n]
                                .iter()
                                .any(|t| self.d.english.contains(t.norm))
                        {
                            let l = forms.key(i, i + n, true, &mut fkey);
                            more(self.loose_cands(l), Tier::Loose);
                        }
                    }
                    // "the Donetsk Oblast": a region's full name takes its article, as a
                    // "the X region" phrase does.
                    let start = if n > 1 && in_list(REGION_WORDS, last.norm) {
                        article_start(text, toks, i).unwrap_or(t.start)
                    } else {
                        t.start
                    };
                    found = Some(Match {
                        ti: i,
                        tj: i + n,
                        start,
                        end: last.end,
                        key: key.to_string(),
                        kind: Kind::Plain,
                        cands,
                        phrase_cands: Vec::new(),
                        needs_context: n == 1 && self.d.common_names.contains(key),
                        tier,
                        extra,
                        settlement_cue: settlement_cue_before(toks, &kinds, i)
                            || settlement_cue_after(toks, &kinds, i + n),
                        country_name: false,
                    });
                    break;
                }
            }
            match found {
                Some(m) => {
                    // A phrase runs past the name's words: go on after its last word.
                    i = match m.kind {
                        Kind::Plain => m.tj,
                        _ => toks[m.tj..]
                            .iter()
                            .position(|t| t.start >= m.end)
                            .map_or(toks.len(), |p| m.tj + p),
                    };
                    out.push(m);
                }
                None => i += 1,
            }
        }
        // "the Kharkiv and Sumy regions": names listed before a plural region word are regions.
        for k in (1..out.len()).rev() {
            if out[k].kind != Kind::Region {
                continue;
            }
            // The word after the name (tokens are in text order and do not overlap).
            let plural = toks.get(out[k].tj).is_some_and(|t| t.norm.ends_with('s'));
            if !plural {
                continue;
            }
            let mut j = k;
            while j > 0 {
                let (prev, cur) = (&out[j - 1], &out[j]);
                let between = text.get(prev.end..toks[cur.ti].start).unwrap_or("").trim();
                let listy = matches!(between, "," | "and" | ", and" | "&");
                if prev.kind != Kind::Plain || !listy {
                    break;
                }
                let cands = self.region_candidates(&prev.key);
                if cands.is_empty() {
                    break;
                }
                out[j - 1].kind = Kind::Region;
                out[j - 1].phrase_cands = cands;
                j -= 1;
            }
        }
        out
    }

    /// A region, district or community phrase made by the `n` words from token `i` and the
    /// words after them: "Kharkiv region", "the Donetsk Oblast", "Slavyansky district",
    /// "Hlukhivska territorial community", "Mospyn City Council". A region word after a name
    /// that no first-level region bears makes a district ("Telmanovsky region").
    #[allow(clippy::too_many_arguments)]
    fn phrase_match(
        &self,
        text: &str,
        toks: &[Token],
        taken: &[Span],
        i: usize,
        n: usize,
        key: &str,
        forms: &mut Forms,
    ) -> Option<Match> {
        let t = &toks[i];
        let follow = i + n;
        if !toks.get(follow).is_some_and(|t| t.joined_to_prev) {
            return None;
        }
        let region_end = region_word_at(toks, follow);
        let district = match region_end {
            Some(_) => None,
            None => Some(district_phrase_at(toks, follow)?),
        };
        let mut buf = String::new();
        let fkey = forms.key(i, i + n, false, &mut buf);
        let (kind, end_tok) = match (region_end, district) {
            (Some(e), _) => {
                let cands = self.region_candidates(key);
                let cands = if cands.is_empty() && fkey != key {
                    self.region_candidates(fkey)
                } else {
                    cands
                };
                let cands = if cands.is_empty() {
                    self.region_candidates(admin_stem(fkey))
                } else {
                    cands
                };
                if !cands.is_empty() {
                    // "direction" names a region only when the name is a region's.
                    let start = article_start(text, toks, i).unwrap_or(t.start);
                    let end = toks[e].end;
                    if taken.iter().any(|s| s.overlaps(Span::new(start, end))) {
                        return None;
                    }
                    return Some(Match {
                        ti: i,
                        tj: i + n,
                        start,
                        end,
                        key: key.to_string(),
                        kind: Kind::Region,
                        cands: Vec::new(),
                        phrase_cands: cands,
                        needs_context: false,
                        tier: Tier::Exact,
                        extra: Vec::new(),
                        settlement_cue: false,
                        country_name: false,
                    });
                }
                // A "region" that is no oblast: a district, unless it is a direction.
                if toks[e].norm.starts_with("direction") {
                    return None;
                }
                (Kind::District, e)
            }
            (None, Some((kind, e))) => (kind, e),
            (None, None) => return None,
        };
        let (units, towns) = self.unit_cands(fkey, kind);
        if units.is_empty() && towns.is_empty() {
            return None;
        }
        let start = article_start(text, toks, i).unwrap_or(t.start);
        let end = toks[end_tok].end;
        if taken.iter().any(|s| s.overlaps(Span::new(start, end))) {
            return None;
        }
        Some(Match {
            ti: i,
            tj: i + n,
            start,
            end,
            key: key.to_string(),
            kind,
            cands: towns,
            phrase_cands: units,
            needs_context: false,
            tier: Tier::Folded,
            extra: Vec::new(),
            settlement_cue: false,
            country_name: false,
        })
    }
}
