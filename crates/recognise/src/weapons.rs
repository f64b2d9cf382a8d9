//! The weapon catalogue: named systems seen in the war with their class and maker's country,
//! and generic weapon words ("cruise missiles", "drones", "artillery").
//!
//! [`WeaponCatalogue`] is built from `data/weapons.json` (compiled into the binary) and finds
//! [`WeaponEntry`] names in text as [`Mention`]s of [`MentionValue::Weapon`].
//!
//! Aliases are expanded when the catalogue loads: hyphen, space and no-space spellings of
//! designations ("Kh-101", "Kh 101", "Kh101"), transliterated designation prefixes ("X-101" and
//! Cyrillic "Х-101"), "defence"/"defense" and "armour"/"armor". A trailing plural "s" joins the
//! span ("Shaheds", "F-16s"). Names that are also ordinary words ("Hawk", "Tor", "Caesar",
//! "Krab") are listed in the data as `context_aliases` with a context group: they count only
//! when a trigger word of the group ("air defence", "howitzer"...) is within a few words.
//!
//! A generic word directly after a named system ("Kh-101 cruise missiles", "Shahed-type
//! drones") describes that system and is not reported on its own.

use crate::actors::{
    spelling_variants, AliasMatcher, AliasSpec, CatalogueError, ContextGroup, SpacedText,
};
use once_cell::sync::Lazy;
use serde::Deserialize;
use sitrep_model::{Mention, MentionValue, Weapon, WeaponClass};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The catalogue data compiled into the binary.
pub const WEAPONS_JSON: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/weapons.json"
));

/// One weapon system, or one generic weapon word, of the catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeaponEntry {
    /// Canonical name, reported in mentions and events.
    pub name: String,
    pub class: WeaponClass,
    /// ISO 3166-1 alpha-2 code of the maker's state, or `SU` for Soviet designs.
    #[serde(default)]
    pub origin: Option<String>,
    /// Names found in text. The canonical name is always one.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names found only with a trigger word of the `context` group nearby.
    #[serde(default)]
    pub context_aliases: Vec<String>,
    /// The context group of `context_aliases`.
    #[serde(default)]
    pub context: Option<String>,
    /// A class word ("cruise missile") rather than a named system.
    #[serde(default)]
    pub generic: bool,
    /// Whether the canonical name itself is searched for. Off for generic names that are
    /// also everyday words ("mine", "tank"), which are found only through their aliases.
    #[serde(default = "yes")]
    pub match_name: bool,
}

fn yes() -> bool {
    true
}

impl WeaponEntry {
    /// The model value reported in mentions.
    pub fn to_weapon(&self) -> Weapon {
        Weapon {
            name: self.name.clone(),
            class: self.class,
            origin: self.origin.clone(),
            generic: self.generic,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeaponFile {
    /// How many words either side of a context alias are searched for a trigger.
    context_window: usize,
    /// Designation prefixes and their other spellings ("Kh-" → "X-", Cyrillic "Х-").
    designation_prefixes: BTreeMap<String, Vec<String>>,
    /// Context groups: name → trigger words (lower case).
    contexts: BTreeMap<String, Vec<String>>,
    weapons: Vec<WeaponEntry>,
}

/// A weapon found in text, with the entry it names.
#[derive(Debug, Clone, Copy)]
pub struct WeaponMatch<'a> {
    pub entry: &'a WeaponEntry,
    pub start: usize,
    pub end: usize,
}

struct Inner {
    entries: Vec<WeaponEntry>,
    matcher: AliasMatcher,
    by_name: HashMap<String, usize>,
}

/// The weapon catalogue. Cheap to clone; share it across threads.
#[derive(Clone)]
pub struct WeaponCatalogue {
    inner: Arc<Inner>,
}

static EMBEDDED: Lazy<Arc<Inner>> = Lazy::new(|| {
    // The embedded data is checked by the crate's tests; a failure here is a build defect.
    WeaponCatalogue::from_json("data/weapons.json", WEAPONS_JSON)
        .expect("embedded weapon catalogue is valid")
        .inner
});

/// Words that may sit between a named system and the generic word describing it
/// ("Shahed-type drones", "Iskander-M/K missiles").
const DESCRIPTOR_JOINERS: [&str; 6] = ["type", "class", "made", "series", "family", "family of"];

impl WeaponCatalogue {
    /// The catalogue compiled into the binary, parsed once per process.
    pub fn embedded() -> Self {
        WeaponCatalogue {
            inner: Arc::clone(&EMBEDDED),
        }
    }

    /// Builds a catalogue from JSON in the format of `data/weapons.json`; `name` labels errors.
    pub fn from_json(name: &str, json: &str) -> Result<Self, CatalogueError> {
        let file: WeaponFile = serde_json::from_str(json).map_err(|e| CatalogueError::Parse {
            name: name.to_string(),
            message: e.to_string(),
        })?;
        let invalid = |message: String| CatalogueError::Invalid {
            name: name.to_string(),
            message,
        };
        let mut by_name = HashMap::new();
        for (i, e) in file.weapons.iter().enumerate() {
            if by_name.insert(e.name.clone(), i).is_some() {
                return Err(invalid(format!("duplicate weapon name {:?}", e.name)));
            }
        }
        let group_names: Vec<&String> = file.contexts.keys().collect();
        let contexts: Vec<ContextGroup> = file
            .contexts
            .values()
            .map(|t| ContextGroup {
                triggers: t.iter().map(|w| w.to_lowercase()).collect(),
            })
            .collect();
        let mut specs: Vec<AliasSpec> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, e) in file.weapons.iter().enumerate() {
            let context = match (&e.context, e.context_aliases.is_empty()) {
                (Some(g), _) => match group_names.iter().position(|n| *n == g) {
                    Some(k) => Some(k),
                    None => return Err(invalid(format!("{:?}: unknown context {g:?}", e.name))),
                },
                (None, false) => {
                    return Err(invalid(format!(
                        "{:?}: context_aliases need a context",
                        e.name
                    )))
                }
                (None, true) => None,
            };
            let name = Some(&e.name).filter(|n| e.match_name && !e.context_aliases.contains(n));
            let plain = name.into_iter().chain(e.aliases.iter()).map(|a| (a, None));
            let ctx = e.context_aliases.iter().map(|a| (a, context));
            for (alias, ctx) in plain.chain(ctx) {
                for (j, form) in variants(alias, &file.designation_prefixes)
                    .into_iter()
                    .enumerate()
                {
                    let explicit = j == 0;
                    if let Some(&prev) = seen.get(&form) {
                        let s = &mut specs[prev];
                        if explicit && !s.explicit {
                            s.entry = i;
                            s.context = ctx;
                            s.explicit = true;
                        }
                        continue;
                    }
                    seen.insert(form.clone(), specs.len());
                    specs.push(AliasSpec {
                        pattern: form,
                        entry: i,
                        context: ctx,
                        weak: false,
                        explicit,
                        hidden: false,
                    });
                }
            }
        }
        let matcher =
            AliasMatcher::new(specs, contexts, file.context_window, true).map_err(|e| {
                CatalogueError::Build {
                    name: name.to_string(),
                    message: e.to_string(),
                }
            })?;
        Ok(WeaponCatalogue {
            inner: Arc::new(Inner {
                entries: file.weapons,
                matcher,
                by_name,
            }),
        })
    }

    /// Weapon mentions in `text`, in order, non-overlapping, longest first at each position.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_in(&SpacedText::new(text))
    }

    /// [`find`](Self::find) over a text prepared for matching once for several catalogues.
    pub(crate) fn find_in(&self, spaced: &SpacedText<'_>) -> Vec<Mention> {
        let text = spaced.text();
        self.find_matches_in(spaced)
            .into_iter()
            .map(|m| Mention {
                value: MentionValue::Weapon(m.entry.to_weapon()),
                text: text[m.start..m.end].to_string(),
                start: m.start,
                end: m.end,
            })
            .collect()
    }

    /// Like [`find`](Self::find) but with the catalogue entry.
    pub fn find_matches(&self, text: &str) -> Vec<WeaponMatch<'_>> {
        self.find_matches_in(&SpacedText::new(text))
    }

    fn find_matches_in(&self, spaced: &SpacedText<'_>) -> Vec<WeaponMatch<'_>> {
        let text = spaced.text();
        let specs = self.inner.matcher.specs();
        let mut out: Vec<WeaponMatch<'_>> = Vec::new();
        let mut last_named_end: Option<usize> = None;
        for h in self.inner.matcher.find_in(spaced) {
            let entry = &self.inner.entries[specs[h.spec].entry];
            if entry.generic {
                if let Some(end) = last_named_end {
                    if describes_previous(&text[end..h.start]) {
                        continue;
                    }
                }
                last_named_end = None;
            } else {
                last_named_end = Some(h.end);
            }
            out.push(WeaponMatch {
                entry,
                start: h.start,
                end: h.end,
            });
        }
        out
    }

    /// The entry with this canonical name.
    pub fn by_name(&self, canonical: &str) -> Option<&WeaponEntry> {
        self.inner
            .by_name
            .get(canonical)
            .map(|&i| &self.inner.entries[i])
    }

    /// The entry a whole surface form names ("X-101" → Kh-101), without context rules.
    pub fn resolve(&self, surface: &str) -> Option<&WeaponEntry> {
        let s = surface.trim();
        if let Some(e) = self.by_name(s) {
            return Some(e);
        }
        if let Some(spec) = self.inner.matcher.lookup(s) {
            return Some(&self.inner.entries[spec.entry]);
        }
        let singular = s.strip_suffix('s')?;
        self.inner
            .matcher
            .lookup(singular)
            .map(|spec| &self.inner.entries[spec.entry])
    }

    /// Every entry, in data order.
    pub fn entries(&self) -> &[WeaponEntry] {
        &self.inner.entries
    }

    /// Every searchable surface form with the canonical name it maps to, and whether it was
    /// written in the data (rather than derived).
    pub fn surface_forms(&self) -> impl Iterator<Item = (&str, &str, bool)> {
        self.inner.matcher.specs().iter().map(|s| {
            (
                s.pattern.as_str(),
                self.inner.entries[s.entry].name.as_str(),
                s.explicit,
            )
        })
    }
}

/// Whether the text between a named system and a generic word only joins them.
fn describes_previous(gap: &str) -> bool {
    let is_sep = |c: char| c.is_whitespace() || matches!(c, '-' | '\u{2013}' | '/' | ',');
    if gap.chars().count() > 16 {
        return false;
    }
    let core = gap.trim_matches(is_sep).to_ascii_lowercase();
    core.is_empty() || DESCRIPTOR_JOINERS.contains(&core.as_str())
}

/// `alias` first, then its other spellings: designation prefixes, hyphen variants, and the
/// spelling swaps shared with the actor catalogue.
fn variants(alias: &str, prefixes: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut forms = vec![alias.to_string()];
    for (prefix, alts) in prefixes {
        if let Some(rest) = alias.strip_prefix(prefix.as_str()) {
            forms.extend(alts.iter().map(|a| format!("{a}{rest}")));
        }
    }
    let mut hyphened = Vec::new();
    for f in &forms {
        hyphen_variants(f, |v| hyphened.push(v));
    }
    forms.extend(hyphened);
    let mut spelled = Vec::new();
    for f in &forms {
        spelling_variants(f, |v| spelled.push(v));
    }
    forms.extend(spelled);
    let mut seen = std::collections::HashSet::new();
    forms.retain(|f| !f.is_empty() && seen.insert(f.clone()));
    forms
}

/// Other spellings of the hyphens inside `alias`. Designations with digits ("Kh-101") also
/// come run together ("Kh101"), with a space when the part before the hyphen is at least two
/// characters long ("Kh 101", but never "A 50"), and with an en dash. Hyphenated words
/// ("air-launched") also come with a space.
fn hyphen_variants(alias: &str, mut push: impl FnMut(String)) {
    let chars: Vec<char> = alias.chars().collect();
    let inner: Vec<usize> = (1..chars.len().saturating_sub(1))
        .filter(|&i| {
            chars[i] == '-' && chars[i - 1].is_alphanumeric() && chars[i + 1].is_alphanumeric()
        })
        .collect();
    if inner.is_empty() {
        return;
    }
    let with = |sep: &str| -> String {
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if inner.contains(&i) {
                    sep.to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    };
    if alias.chars().any(|c| c.is_ascii_digit()) {
        push(with(""));
        push(with("\u{2013}"));
        let long_heads = inner.iter().all(|&i| {
            let head = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .count();
            head >= 2
        });
        if long_heads {
            push(with(" "));
        }
    } else {
        push(with(" "));
    }
}

#[cfg(test)]
mod tests;
