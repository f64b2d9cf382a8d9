//! The actor catalogue: states, armed forces and their branches, institutions, officials,
//! media and international bodies, with the names the press calls them by.
//!
//! [`ActorCatalogue`] is built from `data/actors.json` (compiled into the binary) and finds
//! [`ActorEntry`] names in text as [`Mention`]s of [`MentionValue::Actor`]. The data holds each
//! actor's canonical name, aliases, [`ActorKind`], country and [`Side`]; spokespeople carry the
//! institution they speak for (`speaks_for`) and officials the one they belong to
//! (`member_of`), so that a claim by "Peskov" can be credited to the Kremlin.
//!
//! Aliases are expanded when the catalogue loads: "Defence"/"Defense", straight and curly
//! apostrophes, "US"/"U.S.", a demonym turned possessive ("Russian Ministry of Defence" also
//! matches "Russia's Ministry of Defence"), and for armed forces the demonym followed by a
//! force noun ("Russian troops", "Ukrainian military"). Bare country names and capitals are
//! not reported as actors (the gazetteer reports them as places); [`ActorCatalogue::resolve`]
//! and [`ActorCatalogue::state_force`] map them to an actor when a later stage finds them used
//! as one.

mod matcher;

pub(crate) use matcher::{spelling_variants, AliasMatcher, AliasSpec, ContextGroup, SpacedText};

use once_cell::sync::Lazy;
use serde::Deserialize;
use sitrep_model::{Actor, ActorKind, Mention, MentionValue, Side};
use std::collections::HashMap;
use std::sync::Arc;

/// The catalogue data compiled into the binary.
pub const ACTORS_JSON: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/actors.json"
));

/// A problem with catalogue data; each variant names the data it was read from.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// The JSON did not parse; the message carries serde's line and column.
    #[error("{name}: parse error: {message}")]
    Parse { name: String, message: String },
    /// The aliases could not be compiled into the alias trie.
    #[error("{name}: cannot compile aliases: {message}")]
    Build { name: String, message: String },
    /// An entry refers to something that does not exist, or repeats a name.
    #[error("{name}: {message}")]
    Invalid { name: String, message: String },
}

/// One actor of the catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    /// Canonical name, reported in mentions and events.
    pub name: String,
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-2 code of the actor's state.
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub side: Option<Side>,
    /// Names found in text and reported as this actor. The canonical name is always one.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names found in text but ambiguous: reported as this actor, flagged weak in
    /// [`ActorMatch`] so that a later stage may re-map them from context ("the MoD").
    #[serde(default)]
    pub weak: Vec<String>,
    /// Names never reported by `find` but understood by [`ActorCatalogue::resolve`]: bare
    /// country names and capitals standing for a state.
    #[serde(default)]
    pub resolve: Vec<String>,
    /// For armed forces: demonyms that, followed by a force noun, name these forces.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// The state's main armed forces: the target of [`ActorCatalogue::state_force`].
    #[serde(default)]
    pub force: bool,
    /// For spokespeople: the canonical name of the institution they speak for.
    #[serde(default)]
    pub speaks_for: Option<String>,
    /// For officials and units: the canonical name of the institution they belong to.
    #[serde(default)]
    pub member_of: Option<String>,
    /// A news outlet (its reports are sources rather than parties).
    #[serde(default)]
    pub outlet: bool,
    /// The office an official holds, in words.
    #[serde(default)]
    pub role: Option<String>,
}

impl ActorEntry {
    /// The model value reported in mentions.
    pub fn to_actor(&self) -> Actor {
        Actor {
            name: self.name.clone(),
            kind: self.kind,
            country: self.country.clone(),
            side: self.side,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFile {
    /// Words that, just before a role phrase naming a person ("Ukrainian president"), mean
    /// someone other than the holder the catalogue names ("former Ukrainian president").
    role_blockers: Vec<String>,
    /// Nouns that follow a demonym to name a state's forces ("forces", "troops").
    force_nouns: Vec<String>,
    /// Demonym → possessive country form ("Russian" → "Russia's").
    possessives: HashMap<String, String>,
    /// Name patterns for regional authorities, by country code; `{r}` stands for the region.
    region_templates: HashMap<String, RegionTemplate>,
    /// Regions whose authorities are catalogued through `region_templates`.
    regions: Vec<RegionSpec>,
    actors: Vec<ActorEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionTemplate {
    name: String,
    side: Side,
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionSpec {
    region: String,
    country: String,
    /// Other spellings of the region's name ("Kharkov").
    #[serde(default)]
    alt: Vec<String>,
}

impl ActorFile {
    /// Turns each region into an institution entry named by its country's template.
    fn expand_regions(&mut self, name: &str) -> Result<(), CatalogueError> {
        for r in &self.regions {
            let Some(t) = self.region_templates.get(&r.country) else {
                return Err(CatalogueError::Invalid {
                    name: name.to_string(),
                    message: format!("no region template for country {:?}", r.country),
                });
            };
            let mut aliases = Vec::new();
            for spelling in std::iter::once(&r.region).chain(r.alt.iter()) {
                aliases.push(t.name.replace("{r}", spelling));
                aliases.extend(t.aliases.iter().map(|a| a.replace("{r}", spelling)));
            }
            let canonical = t.name.replace("{r}", &r.region);
            aliases.retain(|a| *a != canonical);
            self.actors.push(ActorEntry {
                name: canonical,
                kind: ActorKind::Institution,
                country: Some(r.country.clone()),
                side: Some(t.side),
                aliases,
                weak: Vec::new(),
                resolve: Vec::new(),
                demonyms: Vec::new(),
                force: false,
                speaks_for: None,
                member_of: None,
                outlet: false,
                role: Some("regional authority".to_string()),
            });
        }
        Ok(())
    }
}

/// An actor found in text, with the entry it names.
#[derive(Debug, Clone, Copy)]
pub struct ActorMatch<'a> {
    pub entry: &'a ActorEntry,
    pub start: usize,
    pub end: usize,
    /// The surface form is ambiguous (see [`ActorEntry::weak`]).
    pub weak: bool,
}

struct Inner {
    entries: Vec<ActorEntry>,
    role_blockers: Vec<String>,
    /// Demonym → country name ("British" → "Britain"): before a weak name, a demonym says
    /// whose institution it is.
    demonyms: HashMap<String, String>,
    matcher: AliasMatcher,
    by_name: HashMap<String, usize>,
}

/// The actor catalogue. Cheap to clone; share it across threads.
#[derive(Clone)]
pub struct ActorCatalogue {
    inner: Arc<Inner>,
}

static EMBEDDED: Lazy<Arc<Inner>> = Lazy::new(|| {
    // The embedded data is checked by the crate's tests; a failure here is a build defect.
    ActorCatalogue::from_json("data/actors.json", ACTORS_JSON)
        .expect("embedded actor catalogue is valid")
        .inner
});

impl ActorCatalogue {
    /// The catalogue compiled into the binary, parsed once per process.
    pub fn embedded() -> Self {
        ActorCatalogue {
            inner: Arc::clone(&EMBEDDED),
        }
    }

    /// Builds a catalogue from JSON in the format of `data/actors.json`; `name` labels errors.
    pub fn from_json(name: &str, json: &str) -> Result<Self, CatalogueError> {
        let mut file: ActorFile =
            serde_json::from_str(json).map_err(|e| CatalogueError::Parse {
                name: name.to_string(),
                message: e.to_string(),
            })?;
        file.expand_regions(name)?;
        let mut by_name = HashMap::new();
        for (i, e) in file.actors.iter().enumerate() {
            if by_name.insert(e.name.clone(), i).is_some() {
                return Err(CatalogueError::Invalid {
                    name: name.to_string(),
                    message: format!("duplicate actor name {:?}", e.name),
                });
            }
        }
        for e in &file.actors {
            for target in [&e.speaks_for, &e.member_of].into_iter().flatten() {
                if !by_name.contains_key(target) {
                    return Err(CatalogueError::Invalid {
                        name: name.to_string(),
                        message: format!("{:?} refers to unknown actor {target:?}", e.name),
                    });
                }
            }
        }
        let specs = expand(&file);
        let matcher =
            AliasMatcher::new(specs, Vec::new(), 0, false).map_err(|e| CatalogueError::Build {
                name: name.to_string(),
                message: e.to_string(),
            })?;
        let role_blockers = file
            .role_blockers
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        let demonyms = file
            .possessives
            .iter()
            .map(|(d, p)| {
                let country = p.trim_end_matches("'s").trim_end_matches('\u{2019}');
                (d.clone(), country.trim_end_matches("\u{2019}s").to_string())
            })
            .collect();
        Ok(ActorCatalogue {
            inner: Arc::new(Inner {
                entries: file.actors,
                role_blockers,
                demonyms,
                matcher,
                by_name,
            }),
        })
    }

    /// Actor mentions in `text`, in order, non-overlapping, longest first at each position.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_in(&SpacedText::new(text))
    }

    /// [`find`](Self::find) over a text prepared for matching once for several catalogues.
    pub(crate) fn find_in(&self, spaced: &SpacedText<'_>) -> Vec<Mention> {
        let text = spaced.text();
        self.find_matches_in(spaced)
            .into_iter()
            .map(|m| Mention {
                value: MentionValue::Actor(m.entry.to_actor()),
                text: text[m.start..m.end].to_string(),
                start: m.start,
                end: m.end,
            })
            .collect()
    }

    /// Like [`find`](Self::find) but with the catalogue entry and the weak flag.
    pub fn find_matches(&self, text: &str) -> Vec<ActorMatch<'_>> {
        self.find_matches_in(&SpacedText::new(text))
    }

    fn find_matches_in(&self, spaced: &SpacedText<'_>) -> Vec<ActorMatch<'_>> {
        let text = spaced.text();
        let specs = self.inner.matcher.specs();
        self.inner
            .matcher
            .find_in(spaced)
            .into_iter()
            .filter(|h| {
                let spec = &specs[h.spec];
                let person = self.inner.entries[spec.entry].kind == ActorKind::Person;
                !(person && is_role_phrase(&spec.pattern) && self.blocked(&text[..h.start]))
            })
            .filter_map(|h| {
                let spec = &specs[h.spec];
                let m = ActorMatch {
                    entry: &self.inner.entries[spec.entry],
                    start: h.start,
                    end: h.end,
                    weak: spec.weak,
                };
                if m.weak {
                    self.owned_weak(text, m)
                } else {
                    Some(m)
                }
            })
            .collect()
    }

    /// A weak name after a word that says whose it is: "the UK's Ministry of Defence" is the
    /// British ministry, not the one the bare name defaults to. The owner's own entry is
    /// taken when the catalogue has it ("UK Ministry of Defence"); a name owned by a country
    /// the catalogue lacks ("Poland's Ministry of Defence") is not reported at all.
    fn owned_weak<'s>(&'s self, text: &str, m: ActorMatch<'s>) -> Option<ActorMatch<'s>> {
        let before = text[..m.start].trim_end_matches(' ');
        if before.len() == m.start {
            return Some(m);
        }
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '.' | '-'))
            .last()
            .map_or(before.len(), |(k, _)| k);
        let word = &before[word_start..];
        if !word.starts_with(|c: char| c.is_uppercase()) {
            return Some(m);
        }
        let stem = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("\u{2019}s"));
        let owner = stem.unwrap_or(word);
        let name = &text[m.start..m.end];
        let found = [format!("{owner} {name}"), format!("{word} {name}")]
            .iter()
            .find_map(|cand| self.inner.matcher.lookup(cand).map(|spec| spec.entry));
        if let Some(i) = found {
            return Some(ActorMatch {
                entry: &self.inner.entries[i],
                start: word_start,
                end: m.end,
                weak: false,
            });
        }
        let entry_country = m.entry.country.as_deref().unwrap_or("");
        let demonym_of = self.inner.demonyms.get(word);
        let is_owner = stem.is_some() || demonym_of.is_some();
        let owner_country = self
            .state_named(demonym_of.map_or(owner, String::as_str))
            .unwrap_or("");
        if is_owner && !owner_country.eq_ignore_ascii_case(entry_country) {
            None
        } else {
            Some(m)
        }
    }

    /// The country code of a state named or described by `word` ("UK", "Poland", "Polish").
    fn state_named(&self, word: &str) -> Option<&str> {
        let e = self.resolve(word)?;
        if matches!(e.kind, ActorKind::State | ActorKind::ArmedForce) {
            e.country.as_deref()
        } else {
            None
        }
    }

    /// Whether the word just before a match (the end of `before`) is a role blocker.
    fn blocked(&self, before: &str) -> bool {
        let trimmed = before.trim_end();
        let start = trimmed
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphabetic() || c == '-')
            .last()
            .map_or(trimmed.len(), |(k, _)| k);
        let word = trimmed[start..].to_lowercase();
        !word.is_empty() && self.inner.role_blockers.contains(&word)
    }

    /// The entry with this canonical name.
    pub fn by_name(&self, canonical: &str) -> Option<&ActorEntry> {
        self.inner
            .by_name
            .get(canonical)
            .map(|&i| &self.inner.entries[i])
    }

    /// The entry a whole surface form names, including forms `find` never reports: "Russia"
    /// and "Moscow" give the state Russia, "Kyiv" the state Ukraine, "Peskov" the person.
    /// Case rules apply as in `find`; context rules do not. A leading "the" is ignored.
    pub fn resolve(&self, surface: &str) -> Option<&ActorEntry> {
        let full = surface.trim();
        let bare = ["the ", "The "].iter().find_map(|p| full.strip_prefix(p));
        std::iter::once(full).chain(bare).find_map(|s| {
            self.by_name(s).or_else(|| {
                self.inner
                    .matcher
                    .lookup(s)
                    .map(|spec| &self.inner.entries[spec.entry])
            })
        })
    }

    /// Like [`resolve`](Self::resolve), but a state is replaced by its armed forces: the
    /// reading of "Russia" in "Russia launched 40 drones".
    pub fn resolve_as_force(&self, surface: &str) -> Option<&ActorEntry> {
        let e = self.resolve(surface)?;
        if e.kind == ActorKind::State {
            if let Some(f) = e.country.as_deref().and_then(|c| self.state_force(c)) {
                return Some(f);
            }
        }
        Some(e)
    }

    /// The main armed forces of the state with this ISO 3166-1 alpha-2 code.
    pub fn state_force(&self, iso2: &str) -> Option<&ActorEntry> {
        self.inner.entries.iter().find(|e| {
            e.force
                && e.country
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(iso2))
        })
    }

    /// The state entry with this ISO 3166-1 alpha-2 code.
    pub fn state(&self, iso2: &str) -> Option<&ActorEntry> {
        self.inner.entries.iter().find(|e| {
            e.kind == ActorKind::State
                && e.country
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(iso2))
        })
    }

    /// The institution a person speaks for or belongs to (Peskov → Kremlin), if recorded.
    pub fn institution_of(&self, entry: &ActorEntry) -> Option<&ActorEntry> {
        entry
            .speaks_for
            .as_deref()
            .or(entry.member_of.as_deref())
            .and_then(|n| self.by_name(n))
    }

    /// Every entry, in data order.
    pub fn entries(&self) -> &[ActorEntry] {
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

/// Whether an alias is a role phrase rather than a name: it has a word in lower case
/// ("Russian president", "Kremlin spokesman").
fn is_role_phrase(pattern: &str) -> bool {
    pattern
        .split_whitespace()
        .any(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
}

/// Every surface form of every entry, with spelling and possessive variants.
fn expand(file: &ActorFile) -> Vec<AliasSpec> {
    let mut specs: Vec<AliasSpec> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut push = |pattern: String, entry: usize, weak: bool, explicit: bool, hidden: bool| {
        let key = pattern.clone();
        if let Some(&prev) = seen.get(&key) {
            // An explicit alias overrides a derived one; otherwise the first writer keeps it.
            let s: &mut AliasSpec = &mut specs[prev];
            if explicit && !s.explicit {
                *s = AliasSpec {
                    pattern,
                    entry,
                    context: None,
                    weak,
                    explicit,
                    hidden,
                };
            }
            return;
        }
        seen.insert(key, specs.len());
        specs.push(AliasSpec {
            pattern,
            entry,
            context: None,
            weak,
            explicit,
            hidden,
        });
    };
    for (i, e) in file.actors.iter().enumerate() {
        let hidden_entry = e.kind == ActorKind::State;
        let mut forms: Vec<(String, bool, bool)> = Vec::new();
        forms.push((e.name.clone(), false, hidden_entry));
        forms.extend(e.aliases.iter().map(|a| (a.clone(), false, hidden_entry)));
        forms.extend(e.weak.iter().map(|a| (a.clone(), true, hidden_entry)));
        forms.extend(e.resolve.iter().map(|a| (a.clone(), false, true)));
        for d in &e.demonyms {
            for n in &file.force_nouns {
                forms.push((format!("{d} {n}"), false, false));
            }
        }
        let n_explicit = 1 + e.aliases.len() + e.weak.len() + e.resolve.len();
        for (k, (form, weak, hidden)) in forms.into_iter().enumerate() {
            let mut derived = Vec::new();
            for (demonym, poss) in &file.possessives {
                if let Some(rest) = form.strip_prefix(&format!("{demonym} ")) {
                    derived.push(format!("{poss} {rest}"));
                }
            }
            let base = std::iter::once(form.clone()).chain(derived.iter().cloned());
            let mut all = Vec::new();
            for f in base {
                all.push(f.clone());
                spelling_variants(&f, |v| all.push(v));
            }
            for (j, f) in all.into_iter().enumerate() {
                push(f, i, weak, k < n_explicit && j == 0, hidden);
            }
        }
    }
    specs
}

#[cfg(test)]
mod tests;
