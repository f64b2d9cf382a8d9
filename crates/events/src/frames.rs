//! Event frames: what one sentence says happened, before frames are merged into events.
//!
//! [`Analysis`] holds a document's sentences, its mentions in order and the cue phrases found
//! in it; [`Analysis::frames`] walks the sentences once and returns one [`Frame`] per reported
//! happening, with its kind, place, date, attacker, target, weapons, counts, hedges and the
//! [`ClaimInfo`]s that attribute it. Claims are resolved in the same walk (see `claims.rs`)
//! because a source named in one sentence is referred to in the next ("the ministry").

use crate::lexicon::{find_cues, Cue, CueHit, Role, SourceCue, Strength};
use crate::text::{self, Sentence};
use sitrep_model::{
    ActorKind, Claim, Count, Counts, DatePrecision, Document, EventDate, EventKind, Feature,
    FieldSource, Mention, MentionValue, PartialDate, Place, Side, Span, Stance, WeaponClass,
};

/// A claim with what the status rules need to know about its source.
#[derive(Debug, Clone)]
pub struct ClaimInfo {
    pub claim: Claim,
    pub side: Option<Side>,
    pub kind: ActorKind,
    pub country: Option<String>,
    /// Says who is responsible, not whether it happened.
    pub blame: bool,
    /// The verb was "confirm".
    pub confirm: bool,
}

/// How a frame's date was found; higher is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateQuality {
    /// The document's time of reporting, for present-tense reports.
    Now = 1,
    /// A date earlier in the same paragraph.
    Paragraph = 2,
    /// A date in the frame's own sentence.
    Sentence = 3,
}

/// One happening as one sentence reports it.
#[derive(Debug, Clone)]
pub struct Frame {
    pub kind: EventKind,
    /// 3: named by a compound trigger; 2: kind read from the weapon; 1: generic.
    pub strength: u8,
    pub trigger: Span,
    pub sent: usize,
    pub para: usize,
    pub heading: bool,
    pub sentence: Span,
    pub place: Option<(Place, Span, String)>,
    pub date: Option<(EventDate, DateQuality)>,
    pub attacker: Option<(String, Option<Side>, Span)>,
    pub target: Option<(String, Span)>,
    /// (name, generic, span)
    pub weapons: Vec<(String, bool, Span)>,
    pub counts: Counts,
    pub claims: Vec<ClaimInfo>,
    pub unverified: bool,
    pub agreed: bool,
    /// A reference to an attack made inside a statement about something else (the cause
    /// of a threatened retaliation): it names the event but the speaker does not assert it.
    pub background: bool,
    /// Written with a definite article or demonstrative ("the strike").
    pub definite: bool,
    pub provenance: Vec<FieldSource>,
}

impl Frame {
    /// Has a place, or a date of its own sentence: enough to stand as a separate happening.
    /// A date inherited from earlier in the paragraph does not anchor a frame.
    pub fn anchored(&self) -> bool {
        self.place.is_some()
            || self
                .date
                .as_ref()
                .is_some_and(|d| d.1 == DateQuality::Sentence)
    }
}

/// Family of a kind, for grouping: violent, alert, political.
pub fn family(k: EventKind) -> u8 {
    if k.is_violent() {
        0
    } else if matches!(k, EventKind::AirAlert | EventKind::SecurityAlert) {
        1
    } else {
        2
    }
}

const PREPOSITIONS: &[&str] = &[
    "of", "with", "to", "for", "by", "from", "at", "on", "in", "during", "about", "since",
    "against", "into", "over", "near", "like", "than", "via",
];

const NP_STOP: &[&str] = &[
    "the", "a", "an", "of", "for", "on", "in", "at", "by", "with", "from", "to", "after", "before",
    "and", "or", "that", "which", "was", "were", "is", "are", "has", "have", "had", "said", "as",
    "since", "being", "been", "be", "their", "its", "his", "her", "this", "these", "those", "what",
    "did", "does", "do", "begin", "while", "when", "new", "first", "further",
];

const TARGET_HEADS: &[&str] = &[
    "facility",
    "facilities",
    "infrastructure",
    "building",
    "buildings",
    "house",
    "houses",
    "home",
    "homes",
    "apartment",
    "apartments",
    "block",
    "airfield",
    "airfields",
    "airbase",
    "base",
    "bases",
    "depot",
    "depots",
    "warehouse",
    "warehouses",
    "plant",
    "plants",
    "refinery",
    "refineries",
    "substation",
    "substations",
    "bridge",
    "bridges",
    "train",
    "trains",
    "railway",
    "port",
    "ports",
    "ship",
    "ships",
    "vessel",
    "vessels",
    "school",
    "schools",
    "hospital",
    "hospitals",
    "market",
    "positions",
    "position",
    "troops",
    "equipment",
    "convoy",
    "site",
    "sites",
    "headquarters",
    "post",
    "enterprise",
    "enterprises",
    "factory",
    "factories",
    "terminal",
    "vehicle",
    "vehicles",
    "bus",
    "car",
    "civilians",
    "station",
    "stations",
    "complex",
    "center",
    "centre",
    "grid",
    "network",
    "hub",
    "launcher",
    "launchers",
    "system",
    "systems",
    "area",
    "areas",
    "office",
    "offices",
    "dam",
    "pipeline",
    "tower",
    "airport",
];

const MILITARY_WORDS: &[&str] = &[
    "system",
    "systems",
    "positions",
    "position",
    "troops",
    "equipment",
    "unit",
    "units",
    "launcher",
    "launchers",
    "tank",
    "tanks",
    "battery",
    "batteries",
    "command",
    "soldiers",
    "servicemen",
    "army",
    "forces",
    "military",
    "brigade",
    "air",
    "defence",
    "defense",
    "radar",
    "aircraft",
    "helicopter",
    "helicopters",
    "jet",
    "jets",
    "warship",
    "vehicles",
];

const VERB_TRIGGERS: &[&str] = &[
    "struck",
    "attacked",
    "shelled",
    "bombed",
    "hit",
    "targeted",
    "launched",
    "fired",
    "used",
    "destroyed",
    "shot down",
    "downed",
    "intercepted",
    "launches",
    "strikes",
    "attacks",
    "hits",
    "bombard",
    "bombarded",
    "bombarding",
    "targeting",
    "fires at",
    "launch",
    "blew up",
];

/// The main armed forces of a state, by ISO code, as attackers are named.
pub fn state_force(cc: &str) -> Option<&'static str> {
    Some(match cc {
        "UA" => "Armed Forces of Ukraine",
        "RU" => "Russian Armed Forces",
        "BY" => "Armed Forces of Belarus",
        "IL" => "Israel Defense Forces",
        "US" => "United States Armed Forces",
        "IR" => "Islamic Revolutionary Guard Corps",
        _ => return None,
    })
}

/// The side of the war a country's actors belong to.
pub fn side_of_country(cc: &str) -> Option<Side> {
    Some(match cc {
        "UA" => Side::Ukraine,
        "RU" | "BY" => Side::Russia,
        "US" | "GB" | "FR" | "DE" | "PL" | "IT" | "CA" | "NL" | "LT" | "LV" | "EE" | "DK"
        | "NO" | "SE" | "FI" | "CZ" | "RO" => Side::West,
        _ => return None,
    })
}

const CAPITALS: &[(&str, &str)] = &[
    ("Kyiv", "UA"),
    ("Kiev", "UA"),
    ("Moscow", "RU"),
    ("Minsk", "BY"),
    ("Washington", "US"),
];

fn lower_eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// A document prepared for frame building.
pub struct Analysis<'a> {
    pub doc: &'a Document,
    pub text: &'a str,
    pub sents: Vec<Sentence>,
    pub mentions: Vec<&'a Mention>,
    pub cues: Vec<CueHit>,
    /// Per sentence: range into `mentions` and into `cues`.
    sent_mentions: Vec<(usize, usize)>,
    sent_cues: Vec<(usize, usize)>,
    /// The date the text calls "now" (overnight, today), if any.
    now: Option<(EventDate, Span)>,
}

/// Per-sentence view: words, mentions, cues.
pub struct SentView<'s> {
    pub idx: usize,
    pub s: &'s Sentence,
    pub words: Vec<(usize, usize)>,
    pub mentions: &'s [&'s Mention],
    pub cues: &'s [CueHit],
}

impl<'a> Analysis<'a> {
    pub fn new(doc: &'a Document, mentions: &'a [Mention]) -> Self {
        let text = doc.text.as_str();
        let sents = text::split(text);
        let mut ms: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.start <= m.end && m.end <= text.len())
            .collect();
        ms.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        // A name inside a longer name of the same type ("AFU" in "AFU General Staff") is part
        // of it, not a mention of its own.
        let mut kept: Vec<&Mention> = Vec::with_capacity(ms.len());
        for m in ms {
            let inside = kept.iter().rev().take(4).any(|k| {
                k.start <= m.start
                    && m.end <= k.end
                    && (k.start, k.end) != (m.start, m.end)
                    && std::mem::discriminant(&k.value) == std::mem::discriminant(&m.value)
            });
            if !inside {
                kept.push(m);
            }
        }
        let ms = kept;
        let cues = find_cues(text);
        let range = |starts: &[usize], s: &Sentence| {
            let a = starts.partition_point(|&x| x < s.start);
            let b = starts.partition_point(|&x| x < s.end);
            (a, b)
        };
        let m_starts: Vec<usize> = ms.iter().map(|m| m.start).collect();
        let c_starts: Vec<usize> = cues.iter().map(|c| c.start).collect();
        let sent_mentions = sents.iter().map(|s| range(&m_starts, s)).collect();
        let sent_cues = sents.iter().map(|s| range(&c_starts, s)).collect();
        let mut a = Analysis {
            doc,
            text,
            sents,
            mentions: ms,
            cues,
            sent_mentions,
            sent_cues,
            now: None,
        };
        a.now = a.find_now();
        a
    }

    pub fn view(&self, i: usize) -> SentView<'_> {
        let s = &self.sents[i];
        let (ma, mb) = self.sent_mentions[i];
        let (ca, cb) = self.sent_cues[i];
        SentView {
            idx: i,
            s,
            words: text::words(self.text, s.start, s.end),
            mentions: &self.mentions[ma..mb],
            cues: &self.cues[ca..cb],
        }
    }

    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        self.text.get(a..b).unwrap_or("")
    }

    /// The first "now" phrase of the document, dated by a date mention covering it or by the
    /// publication date.
    fn find_now(&self) -> Option<(EventDate, Span)> {
        let c = self.cues.iter().find(|c| c.has(|q| *q == Cue::Now))?;
        self.now_date_at(c)
    }

    fn now_date_at(&self, c: &CueHit) -> Option<(EventDate, Span)> {
        let span = Span::new(c.start, c.end);
        for m in &self.mentions {
            if let MentionValue::Date(d) = &m.value {
                if m.span().overlaps(span) {
                    return Some((event_date(d, &m.text, m.span()), m.span()));
                }
            }
        }
        let p = self.doc.published?;
        let d = PartialDate::from_naive(p);
        Some((
            EventDate {
                start: d,
                end: d,
                precision: DatePrecision::Day,
                text: self.slice(c.start, c.end).to_string(),
                year_inferred: false,
                span: Some(span),
            },
            span,
        ))
    }

    /// Every frame of the document, in text order.
    pub fn frames(&self) -> Vec<Frame> {
        let mut out: Vec<Frame> = Vec::new();
        let mut state = crate::claims::ClaimState::default();
        for i in 0..self.sents.len() {
            let v = self.view(i);
            let first = out.len();
            self.sentence_frames(&v, &mut out);
            crate::claims::attribute(self, &v, &mut out, first, &mut state);
            self.sentence_counts(&v, &mut out, first);
        }
        out
    }

    fn word_at(&self, w: (usize, usize)) -> &'a str {
        self.slice(w.0, w.1)
    }

    fn sentence_frames(&self, v: &SentView<'_>, out: &mut Vec<Frame>) {
        let s = v.s;
        let has_aid = v
            .cues
            .iter()
            .position(|c| c.has(|q| *q == Cue::Trigger(EventKind::Aid, Strength::Specific)));
        let unverified = v.cues.iter().any(|c| c.has(|q| *q == Cue::Unverified));
        let agreed = v.cues.iter().any(|c| c.has(|q| *q == Cue::Agreed));
        // Violent triggers, with the modality check; modal ones become threats.
        let mut violent: Vec<(usize, EventKind, u8)> = Vec::new();
        let mut political: Vec<(usize, EventKind)> = Vec::new();
        let mut alerts: Vec<(usize, EventKind)> = Vec::new();
        for (ci, c) in v.cues.iter().enumerate() {
            for q in &c.cues {
                let (kind, strength) = match *q {
                    Cue::Trigger(k, st) => (k, st as u8),
                    Cue::WeaponVerb => {
                        if !self.weapon_near(v, c) {
                            continue;
                        }
                        (EventKind::Strike, 1)
                    }
                    _ => continue,
                };
                if kind.is_violent() {
                    if strength == 1 && !self.generic_ok(v, c) {
                        continue;
                    }
                    if has_aid.is_some_and(|a| a < ci) {
                        continue; // the attack an authorisation permits
                    }
                    let dated = self.date_before(v, c.start, 4);
                    if s.question && !dated {
                        continue;
                    }
                    if self.modal_before(v, c) && !dated {
                        if !s.question {
                            political.push((ci, EventKind::Threat));
                        }
                        continue;
                    }
                    violent.push((ci, kind, strength));
                } else if matches!(kind, EventKind::AirAlert | EventKind::SecurityAlert) {
                    if !s.question {
                        alerts.push((ci, kind));
                    }
                } else if !s.question {
                    political.push((ci, kind));
                }
                break;
            }
        }
        let threat_sentence = political.iter().any(|p| p.1 == EventKind::Threat);

        // Violent frames: triggers grouped by the place of their clause.
        let mut groups: Vec<Frame> = Vec::new();
        for &(ci, kind, strength) in &violent {
            let c = &v.cues[ci];
            let clause = self.clause(v, c.start);
            let place = self
                .best_place(v, clause, c.start)
                .or_else(|| self.best_place(v, (s.start, c.start), c.start));
            let same = groups.iter_mut().position(|g| match (&g.place, &place) {
                (Some(a), Some(b)) => a.0.id == b.0.id,
                _ => true,
            });
            let trig = Span::new(c.start, c.end);
            match same {
                Some(gi) => {
                    let g = &mut groups[gi];
                    let better = rank_kind(kind, strength) > rank_kind(g.kind, g.strength);
                    if better {
                        g.kind = kind;
                        g.strength = strength;
                        g.trigger = trig;
                    }
                    if g.place.is_none() {
                        g.place = place;
                    }
                }
                None => {
                    let mut f = self.new_frame(v, kind, strength, trig);
                    f.place = place;
                    groups.push(f);
                }
            }
        }
        let single = groups.len() == 1;
        for mut f in groups {
            let clause = if single {
                (s.start, s.end)
            } else {
                self.clause(v, f.trigger.start)
            };
            self.fill_weapons(v, &mut f, clause);
            self.refine_kind(v, &mut f, clause);
            self.fill_attacker(v, &mut f);
            self.fill_target(v, &mut f);
            self.fill_date(v, &mut f);
            self.fill_place_prov(&mut f);
            f.unverified = unverified;
            f.background = threat_sentence;
            f.definite = self.definite(v, f.trigger.start);
            out.push(f);
        }
        if let Some(&(ci, kind)) = alerts.first() {
            let c = &v.cues[ci];
            let mut f = self.new_frame(v, kind, 3, Span::new(c.start, c.end));
            f.place = self.best_place(v, (s.start, s.end), c.start);
            self.fill_date(v, &mut f);
            self.fill_place_prov(&mut f);
            out.push(f);
        }
        if !political.is_empty() {
            let order = [
                EventKind::Humanitarian,
                EventKind::Aid,
                EventKind::Deployment,
                EventKind::Threat,
                EventKind::Diplomacy,
                EventKind::Statement,
            ];
            let &(ci, kind) = order
                .iter()
                .find_map(|k| political.iter().find(|p| p.1 == *k))
                .unwrap_or(&political[0]);
            let c = &v.cues[ci];
            let mut f = self.new_frame(v, kind, 3, Span::new(c.start, c.end));
            if matches!(kind, EventKind::Humanitarian | EventKind::Statement) {
                f.place = self.best_place(v, (s.start, s.end), c.start);
            }
            if kind == EventKind::Aid {
                self.fill_weapons(v, &mut f, (s.start, s.end));
            }
            f.agreed = agreed && kind == EventKind::Diplomacy;
            self.fill_date(v, &mut f);
            self.fill_place_prov(&mut f);
            out.push(f);
        }
    }

    fn new_frame(&self, v: &SentView<'_>, kind: EventKind, strength: u8, trigger: Span) -> Frame {
        Frame {
            kind,
            strength,
            trigger,
            sent: v.idx,
            para: v.s.para,
            heading: v.s.heading,
            sentence: Span::new(v.s.start, v.s.end),
            place: None,
            date: None,
            attacker: None,
            target: None,
            weapons: Vec::new(),
            counts: Counts::default(),
            claims: Vec::new(),
            unverified: false,
            agreed: false,
            background: false,
            definite: false,
            provenance: vec![FieldSource {
                field: "kind".into(),
                start: trigger.start,
                end: trigger.end,
                text: self.slice(trigger.start, trigger.end).to_string(),
                rule: "trigger word".into(),
            }],
        }
    }

    /// Index of the word containing or following byte `pos`.
    fn word_index(v: &SentView<'_>, pos: usize) -> usize {
        v.words.partition_point(|w| w.1 <= pos)
    }

    fn weapon_near(&self, v: &SentView<'_>, c: &CueHit) -> bool {
        let wi = Self::word_index(v, c.start);
        let lo = v.words.get(wi.saturating_sub(3)).map_or(v.s.start, |w| w.0);
        let hi = v.words.get(wi + 9).map_or(v.s.end, |w| w.1);
        v.mentions.iter().any(|m| {
            matches!(&m.value, MentionValue::Weapon(w) if !matches!(w.class, WeaponClass::AirDefence))
                && m.start >= lo
                && m.end <= hi
        }) || v.cues.iter().any(|h| h.start >= lo && h.end <= hi && h.has(|q| *q == Cue::Munition))
    }

    /// Weak generic triggers ("hit", "raid", "destroyed") need something to attack with or on.
    fn generic_ok(&self, v: &SentView<'_>, c: &CueHit) -> bool {
        let w = self.slice(c.start, c.end).to_ascii_lowercase();
        if matches!(
            w.as_str(),
            "strike" | "strikes" | "struck" | "attack" | "attacks" | "attacked"
        ) {
            return true;
        }
        v.mentions
            .iter()
            .any(|m| matches!(m.value, MentionValue::Weapon(_) | MentionValue::Place(_)))
            || self.weapon_near(v, c)
    }

    fn date_before(&self, v: &SentView<'_>, pos: usize, nwords: usize) -> bool {
        let wi = Self::word_index(v, pos);
        let lo = v
            .words
            .get(wi.saturating_sub(nwords))
            .map_or(v.s.start, |w| w.0);
        v.mentions
            .iter()
            .any(|m| matches!(m.value, MentionValue::Date(_)) && m.start >= lo && m.end <= pos)
    }

    /// A modal or future word shortly before the trigger in the same clause, or a modal
    /// right after it ("an attack could be imminent").
    fn modal_before(&self, v: &SentView<'_>, c: &CueHit) -> bool {
        let (cs, _) = self.clause(v, c.start);
        let wi = Self::word_index(v, c.start);
        let lo = v
            .words
            .get(wi.saturating_sub(10))
            .map_or(v.s.start, |w| w.0)
            .max(cs);
        let hi = v.words.get(wi + 3).map_or(v.s.end, |w| w.1);
        v.cues.iter().any(|h| {
            let modal = h.has(|q| {
                *q == Cue::Modal || *q == Cue::Trigger(EventKind::Threat, Strength::Specific)
            });
            modal
                && ((h.start >= lo && h.end <= c.start)
                    || (h.start >= c.end && h.end <= hi && {
                        let t = self.slice(h.start, h.end).to_ascii_lowercase();
                        matches!(
                            t.as_str(),
                            "could" | "will" | "would" | "may be" | "imminent" | "might"
                        )
                    }))
        })
    }

    fn definite(&self, v: &SentView<'_>, pos: usize) -> bool {
        let wi = Self::word_index(v, pos);
        (1..=2).any(|k| {
            wi >= k
                && matches!(
                    self.word_at(v.words[wi - k]).to_ascii_lowercase().as_str(),
                    "the" | "this" | "that" | "these" | "those"
                )
        })
    }

    /// The clause around `pos`: bounded by semicolons, colons, dashes, brackets and by
    /// ", while" / ", but" / ", whereas".
    pub fn clause(&self, v: &SentView<'_>, pos: usize) -> (usize, usize) {
        let t = self.slice(v.s.start, v.s.end);
        let rel = pos.saturating_sub(v.s.start).min(t.len());
        let is_sep = |k: usize| -> usize {
            let r = &t[k..];
            for p in [
                "; ",
                ": ",
                " \u{2013} ",
                " \u{2014} ",
                " - ",
                ", while ",
                ", but ",
                ", whereas ",
                " (",
                ") ",
            ] {
                if r.starts_with(p) {
                    return p.len();
                }
            }
            0
        };
        let mut start = 0;
        let mut end = t.len();
        for (k, _) in t.char_indices() {
            let l = is_sep(k);
            if l > 0 {
                if k + l <= rel {
                    start = k + l;
                } else if k >= rel && k < end {
                    end = k;
                    break;
                }
            }
        }
        (v.s.start + start, v.s.start + end)
    }

    fn place_rank(p: &Place) -> u8 {
        match p.feature {
            Feature::Airport | Feature::Facility => 5,
            Feature::City | Feature::Other => 4,
            Feature::Admin2 => 3,
            Feature::Admin1 | Feature::Region => 2,
            Feature::Country => 1,
        }
    }

    /// The most specific place in `range`, closest to `pos` on ties; places that are the
    /// subject of an attack verb, follow "from", or stand in possessive before another place
    /// are passed over.
    fn best_place(
        &self,
        v: &SentView<'_>,
        range: (usize, usize),
        pos: usize,
    ) -> Option<(Place, Span, String)> {
        let mut best: Option<(u8, usize, &Mention, &Place)> = None;
        for m in v.mentions {
            let MentionValue::Place(p) = &m.value else {
                continue;
            };
            if m.start < range.0 || m.end > range.1 {
                continue;
            }
            let wi = Self::word_index(v, m.start);
            let prev = if wi > 0 {
                self.word_at(v.words[wi - 1]).to_ascii_lowercase()
            } else {
                String::new()
            };
            if prev == "from" || self.is_origin_or_modifier(v, m, p) {
                continue;
            }
            if self.is_subject_place(v, m, p) {
                continue;
            }
            let rank = Self::place_rank(p);
            let dist = if m.start >= pos {
                m.start - pos
            } else {
                pos - m.end + 1
            };
            let better = match best {
                None => true,
                Some((r, d, _, _)) => rank > r || (rank == r && dist < d),
            };
            if better {
                best = Some((rank, dist, m, p));
            }
        }
        best.map(|(_, _, m, p)| (p.clone(), m.span(), m.text.clone()))
    }

    /// A place that says where something comes from ("missiles made in the United States",
    /// "supplied by Germany"), or a country that modifies a noun for people or institutions
    /// ("U.S. citizens", "US officials"), does not say where the event happened.
    fn is_origin_or_modifier(&self, v: &SentView<'_>, m: &Mention, p: &Place) -> bool {
        let wi = Self::word_index(v, m.start);
        let before: Vec<String> = (1..=3)
            .filter(|&j| wi >= j)
            .map(|j| self.word_at(v.words[wi - j]).to_ascii_lowercase())
            .collect();
        let origin_verb = |w: &str| {
            matches!(
                w,
                "made"
                    | "produced"
                    | "manufactured"
                    | "built"
                    | "developed"
                    | "supplied"
                    | "provided"
                    | "donated"
                    | "delivered"
            )
        };
        // Skip an article: "made in the United States".
        let rest = match before.first().map(String::as_str) {
            Some("the") => &before[1..],
            _ => &before[..],
        };
        let is_origin = matches!(
            rest,
            [prep, verb, ..] if matches!(prep.as_str(), "in" | "by") && origin_verb(verb)
        );
        if is_origin {
            return true;
        }
        if p.feature != Feature::Country {
            return false;
        }
        let next = v
            .words
            .iter()
            .find(|w| w.0 >= m.end)
            .filter(|w| self.slice(m.end, w.0).trim().is_empty())
            .map(|&w| self.word_at(w));
        next.is_some_and(|n| {
            matches!(
                n,
                "citizens"
                    | "nationals"
                    | "officials"
                    | "diplomats"
                    | "envoy"
                    | "lawmakers"
                    | "senators"
                    | "intelligence"
                    | "government"
                    | "administration"
                    | "embassy"
                    | "authorities"
                    | "companies"
                    | "firms"
                    | "media"
                    | "aid"
                    | "sanctions"
                    | "president"
                    | "leader"
                    | "leaders"
                    | "partners"
            )
        })
    }

    /// A capital or country at the head of a clause and followed by an attack verb acts:
    /// "Kyiv launches strike" names Ukraine's forces, not the place attacked.
    fn is_subject_place(&self, v: &SentView<'_>, m: &Mention, p: &Place) -> bool {
        if !(p.feature == Feature::Country || CAPITALS.iter().any(|(n, _)| lower_eq(n, &p.name))) {
            return false;
        }
        let wi = Self::word_index(v, m.end);
        // A state that speaks ("Russia claims", "Kyiv denies") is a source, not a scene.
        if let Some(&w) = v.words.get(wi) {
            let t = self.word_at(w).to_ascii_lowercase();
            if matches!(
                t.as_str(),
                "says"
                    | "said"
                    | "claims"
                    | "claimed"
                    | "denies"
                    | "denied"
                    | "confirms"
                    | "confirmed"
                    | "reports"
            ) {
                return true;
            }
        }
        for k in 0..2 {
            let Some(&w) = v.words.get(wi + k) else {
                return false;
            };
            let t = self.word_at(w).to_ascii_lowercase();
            if VERB_TRIGGERS.contains(&t.as_str())
                && !matches!(t.as_str(), "strikes" | "attacks" | "hits")
                || (k == 0 && matches!(t.as_str(), "strikes" | "attacks" | "hits" | "launches"))
            {
                return true;
            }
            if !matches!(
                t.as_str(),
                "has" | "have" | "had" | "again" | "also" | "reportedly" | "massively"
            ) {
                return false;
            }
        }
        false
    }

    fn fill_place_prov(&self, f: &mut Frame) {
        if let Some((_, span, t)) = &f.place {
            f.provenance.push(FieldSource {
                field: "location".into(),
                start: span.start,
                end: span.end,
                text: t.clone(),
                rule: "most specific place in the clause".into(),
            });
        }
    }

    fn fill_weapons(&self, v: &SentView<'_>, f: &mut Frame, clause: (usize, usize)) {
        for m in v.mentions {
            if let MentionValue::Weapon(w) = &m.value {
                if m.start >= clause.0
                    && m.end <= clause.1
                    && !f.weapons.iter().any(|x| x.0 == w.name)
                {
                    f.weapons.push((w.name.clone(), w.generic, m.span()));
                    f.provenance.push(FieldSource {
                        field: "weapons".into(),
                        start: m.start,
                        end: m.end,
                        text: m.text.clone(),
                        rule: "weapon named in the clause".into(),
                    });
                }
            }
        }
    }

    /// A generic trigger takes its kind from the weapon used: the first attack weapon in the
    /// clause, or a munition word ("missiles", "drones").
    fn refine_kind(&self, v: &SentView<'_>, f: &mut Frame, clause: (usize, usize)) {
        if f.strength >= 3 && f.kind != EventKind::Interception {
            return;
        }
        let mut found: Option<(EventKind, Span)> = None;
        for m in v.mentions {
            if m.start < clause.0 || m.end > clause.1 {
                continue;
            }
            if let MentionValue::Weapon(w) = &m.value {
                if let Some(k) = kind_of_class(w.class) {
                    found = Some((k, m.span()));
                    break;
                }
            }
        }
        if found.is_none() {
            for c in v.cues {
                if c.start >= clause.0 && c.end <= clause.1 && c.has(|q| *q == Cue::Munition) {
                    let w = self.slice(c.start, c.end).to_ascii_lowercase();
                    let k = if w.starts_with("drone")
                        || w.starts_with("uav")
                        || w.starts_with("shahed")
                    {
                        EventKind::DroneStrike
                    } else if w.starts_with("missile") || w.starts_with("rocket") {
                        EventKind::MissileStrike
                    } else if w.starts_with("shell") {
                        EventKind::Shelling
                    } else {
                        EventKind::AirStrike
                    };
                    found = Some((k, Span::new(c.start, c.end)));
                    break;
                }
            }
        }
        if f.kind == EventKind::Interception {
            return;
        }
        if let Some((k, span)) = found {
            f.kind = k;
            f.strength = 2;
            f.provenance.push(FieldSource {
                field: "kind".into(),
                start: span.start,
                end: span.end,
                text: self.slice(span.start, span.end).to_string(),
                rule: "kind read from the weapon used".into(),
            });
        }
    }

    fn fill_date(&self, v: &SentView<'_>, f: &mut Frame) {
        let pos = f.trigger.start;
        // A date in the sentence, nearest the trigger.
        let mut best: Option<(usize, &Mention, &sitrep_model::DateValue)> = None;
        for m in v.mentions {
            if let MentionValue::Date(d) = &m.value {
                let dist = if m.start >= pos {
                    m.start - pos
                } else {
                    pos - m.end
                };
                if best.is_none_or(|b| dist < b.0) {
                    best = Some((dist, m, d));
                }
            }
        }
        if let Some((_, m, d)) = best {
            f.date = Some((event_date(d, &m.text, m.span()), DateQuality::Sentence));
            self.date_prov(f, m.span(), "date in the sentence");
            return;
        }
        // A "now" word in the sentence.
        if let Some(c) = v.cues.iter().find(|c| c.has(|q| *q == Cue::Now)) {
            if let Some((d, span)) = self.now_date_at(c) {
                f.date = Some((d, DateQuality::Sentence));
                self.date_prov(f, span, "time-of-report word");
                return;
            }
        }
        // The last date earlier in the paragraph.
        if !v.s.heading {
            let para_start = self.sents[..v.idx]
                .iter()
                .rposition(|s| s.para != v.s.para)
                .map_or(0, |k| k + 1);
            let lo = self.sents.get(para_start).map_or(0, |s| s.start);
            let prev = self
                .mentions
                .iter()
                .rev()
                .filter(|m| m.start >= lo && m.end <= v.s.start)
                .find_map(|m| match &m.value {
                    MentionValue::Date(d) => Some((m, d)),
                    _ => None,
                });
            if let Some((m, d)) = prev {
                f.date = Some((event_date(d, &m.text, m.span()), DateQuality::Paragraph));
                self.date_prov(f, m.span(), "date earlier in the paragraph");
                return;
            }
        }
        // A present-tense report in a document that dates its "now".
        let present = v.cues.iter().any(|c| c.has(|q| *q == Cue::Present));
        if present && f.kind.is_violent() {
            if let Some((d, span)) = &self.now {
                if span.start < v.s.end {
                    f.date = Some((d.clone(), DateQuality::Now));
                    self.date_prov(f, *span, "present-tense report dated by the report's time");
                }
            }
        }
    }

    fn date_prov(&self, f: &mut Frame, span: Span, rule: &str) {
        f.provenance.push(FieldSource {
            field: "date".into(),
            start: span.start,
            end: span.end,
            text: self.slice(span.start, span.end).to_string(),
            rule: rule.into(),
        });
    }

    /// The side named by an actor, a country or capital place, or a demonym at `span`.
    fn side_at(
        &self,
        v: &SentView<'_>,
        start: usize,
        end: usize,
    ) -> Option<(String, Option<Side>, Span)> {
        for m in v.mentions {
            if m.start < start || m.end > end {
                continue;
            }
            match &m.value {
                MentionValue::Actor(a) => {
                    let name = match a.kind {
                        ActorKind::ArmedForce | ActorKind::Group => a.name.clone(),
                        _ => a
                            .country
                            .as_deref()
                            .and_then(state_force)
                            .map_or_else(|| a.name.clone(), str::to_string),
                    };
                    let side = a
                        .side
                        .or_else(|| a.country.as_deref().and_then(side_of_country));
                    return Some((name, side, m.span()));
                }
                MentionValue::Place(p) => {
                    let cc = if p.feature == Feature::Country {
                        p.country.clone()
                    } else {
                        CAPITALS
                            .iter()
                            .find(|(n, _)| lower_eq(n, &p.name))
                            .map(|(_, c)| c.to_string())
                    };
                    if let Some(cc) = cc {
                        if let Some(name) = state_force(&cc) {
                            return Some((name.to_string(), side_of_country(&cc), m.span()));
                        }
                    }
                }
                _ => {}
            }
        }
        for c in v.cues {
            if c.start >= start && c.end <= end {
                for q in &c.cues {
                    if let Cue::Demonym(cc) = q {
                        if let Some(name) = state_force(cc) {
                            return Some((
                                name.to_string(),
                                side_of_country(cc),
                                Span::new(c.start, c.end),
                            ));
                        }
                    }
                }
            }
        }
        None
    }

    fn fill_attacker(&self, v: &SentView<'_>, f: &mut Frame) {
        let trig = f.trigger;
        let wi = Self::word_index(v, trig.start);
        let (cs, ce) = self.clause(v, trig.start);
        // 1. Inside the noun phrase: "Russian missile strike", "Ukraine's drone strikes".
        let mut k = wi;
        let mut steps = 0;
        while k > 0 && steps < 5 {
            let w = v.words[k - 1];
            if w.0 < cs {
                break;
            }
            let t = self.word_at(w).to_ascii_lowercase();
            let gap = self.slice(w.1, v.words[k].0);
            if gap.contains([',', ';', ':', '(', ')', '\u{2013}', '\u{2014}'])
                || NP_STOP.contains(&t.as_str())
                || PREPOSITIONS.contains(&t.as_str())
            {
                break;
            }
            if let Some(a) = self.side_at(v, w.0, w.1.max(w.0)) {
                return self.set_attacker(f, a, "side named in the attack's noun phrase");
            }
            // A mention that spans several words ("Armed Forces of Ukraine") ends here.
            if let Some(m) = v.mentions.iter().find(|m| m.end == w.1 && m.start < w.0) {
                if let Some(a) = self.side_at(v, m.start, m.end) {
                    return self.set_attacker(f, a, "side named in the attack's noun phrase");
                }
            }
            k -= 1;
            steps += 1;
        }
        // 2. The subject of an active attack verb.
        let trig_word = self.slice(trig.start, trig.end).to_ascii_lowercase();
        // "the strikes" is a noun; "Russia strikes Kyiv" a verb.
        let after_determiner = wi > 0
            && matches!(
                self.word_at(v.words[wi - 1]).to_ascii_lowercase().as_str(),
                "the" | "a" | "an" | "these" | "those" | "its" | "their" | "his" | "her" | "this"
            );
        let is_verb = VERB_TRIGGERS.contains(&trig_word.as_str()) && !after_determiner;
        let passive = (1..=2).any(|j| {
            wi >= j
                && matches!(
                    self.word_at(v.words[wi - j]).to_ascii_lowercase().as_str(),
                    "was" | "were" | "been" | "being" | "is" | "are" | "get" | "got"
                )
        });
        // A noun trigger after a light verb: "launched a missile strike", "carried out
        // strikes". The light verb then plays the attack verb's part.
        let light_verb = if is_verb || passive {
            None
        } else {
            (1..=4)
                .filter(|&j| wi >= j)
                .map(|j| v.words[wi - j])
                .find(|&w| {
                    matches!(
                        self.word_at(w).to_ascii_lowercase().as_str(),
                        "launched"
                            | "launch"
                            | "launches"
                            | "launching"
                            | "carried"
                            | "carry"
                            | "carries"
                            | "conducted"
                            | "conduct"
                            | "conducts"
                            | "mounted"
                            | "staged"
                            | "delivered"
                            | "made"
                    )
                })
        };
        let verb_start = light_verb.map_or(trig.start, |w| w.0);
        if (is_verb || light_verb.is_some()) && !passive {
            let clause_start = self.subject_clause_start(v, verb_start).max(cs);
            // Nearest eligible side-naming mention before the verb.
            let mut cands: Vec<(usize, usize)> = Vec::new();
            for m in v.mentions {
                if m.start >= clause_start && m.end <= verb_start {
                    cands.push((m.start, m.end));
                }
            }
            for c in v.cues {
                if c.start >= clause_start
                    && c.end <= verb_start
                    && c.has(|q| matches!(q, Cue::Demonym(_)))
                {
                    cands.push((c.start, c.end));
                }
            }
            cands.sort();
            for &(a, b) in cands.iter().rev() {
                let mwi = Self::word_index(v, a);
                let prev = if mwi > 0 {
                    self.word_at(v.words[mwi - 1]).to_ascii_lowercase()
                } else {
                    String::new()
                };
                let possessive = self.slice(a, b).ends_with("'s")
                    || self.slice(a, b).ends_with("\u{2019}s")
                    || self
                        .slice(b, (b + 3).min(self.text.len()))
                        .starts_with("'s");
                if PREPOSITIONS.contains(&prev.as_str()) || possessive {
                    continue;
                }
                let acts = v.mentions.iter().any(|m| {
                    m.start >= a
                        && m.end <= b
                        && match &m.value {
                            MentionValue::Actor(x) => matches!(
                                x.kind,
                                ActorKind::ArmedForce | ActorKind::State | ActorKind::Group
                            ),
                            MentionValue::Place(_) => true,
                            _ => false,
                        }
                }) || v
                    .cues
                    .iter()
                    .any(|c| c.start == a && c.has(|q| matches!(q, Cue::Demonym(_))));
                if !acts {
                    continue;
                }
                if let Some(att) = self.side_at(v, a, b) {
                    return self.set_attacker(f, att, "subject of the attack verb");
                }
            }
            // A pronoun subject right before the verb: "It has destroyed".
            for j in 1..=3 {
                if wi < j {
                    break;
                }
                let w = v.words[wi - j];
                let t = self.word_at(w).to_ascii_lowercase();
                if t == "it" || t == "they" {
                    let prior = v.mentions.iter().rev().filter(|m| m.end <= w.0).find_map(|m| self.side_at(v, m.start, m.end).filter(|_| {
                        matches!(&m.value, MentionValue::Place(p) if p.feature == Feature::Country)
                            || matches!(&m.value, MentionValue::Actor(a) if matches!(a.kind, ActorKind::State | ActorKind::ArmedForce))
                    }));
                    if let Some(att) = prior {
                        return self.set_attacker(f, att, "pronoun subject of the attack verb");
                    }
                    break;
                }
            }
        }
        // 3. "by Russian forces" after the trigger.
        let hi = v.words.get(wi + 6).map_or(ce, |w| w.1).min(ce);
        for j in wi..v.words.len() {
            let w = v.words[j];
            if w.1 > hi {
                break;
            }
            if self.word_at(w).eq_ignore_ascii_case("by") {
                let nxt_end = v.words.get(j + 4).map_or(ce, |x| x.1).min(ce);
                for m in v.mentions {
                    if m.start >= w.1 && m.end <= nxt_end {
                        if let MentionValue::Actor(a) = &m.value {
                            if matches!(
                                a.kind,
                                ActorKind::ArmedForce | ActorKind::State | ActorKind::Group
                            ) {
                                if let Some(att) = self.side_at(v, m.start, m.end) {
                                    return self.set_attacker(f, att, "agent after \"by\"");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Where the subject of a verb at `pos` can start: after the last "that", colon or quote.
    fn subject_clause_start(&self, v: &SentView<'_>, pos: usize) -> usize {
        let t = self.slice(v.s.start, pos);
        let mut start = v.s.start;
        for (k, _) in t.char_indices() {
            let r = &t[k..];
            if r.starts_with(" that ") {
                start = v.s.start + k + 6;
            } else if r.starts_with('\u{201C}') || r.starts_with(": ") {
                start = v.s.start + k + 1;
            } else if r.starts_with(", ") {
                // A fronted adverbial ("On the night of November 19, the AFU struck") keeps the
                // subject after the comma only when no actor preceded it.
                let before = &v.mentions.iter().any(|m| {
                    m.start >= start
                        && m.end <= v.s.start + k
                        && matches!(m.value, MentionValue::Actor(_))
                });
                if !before {
                    start = v.s.start + k + 2;
                }
            }
        }
        start
    }

    fn set_attacker(&self, f: &mut Frame, a: (String, Option<Side>, Span), rule: &str) {
        f.provenance.push(FieldSource {
            field: "attacker".into(),
            start: a.2.start,
            end: a.2.end,
            text: self.slice(a.2.start, a.2.end).to_string(),
            rule: rule.into(),
        });
        f.attacker = Some(a);
    }

    /// The thing attacked: the object after the trigger ("struck a military facility",
    /// "attack on trains", "destruction of the Buk ... of the Armed Forces of Ukraine"), or
    /// the subject of a passive ("a Ukrainian system being destroyed"). The other side's
    /// forces and equipment are named by the forces; other objects by their noun phrase.
    fn fill_target(&self, v: &SentView<'_>, f: &mut Frame) {
        let trig = f.trigger;
        let (_, ce) = self.clause(v, trig.start);
        let wi = Self::word_index(v, trig.end);
        let mut j = wi;
        // Skip the object's introducer.
        let mut np: Vec<(usize, usize)> = Vec::new();
        let mut started = false;
        while j < v.words.len() && j < wi + 12 {
            let w = v.words[j];
            if w.1 > ce {
                break;
            }
            if j > wi && self.slice(v.words[j - 1].1, w.0).contains([',', ';', '(']) {
                break;
            }
            let t = self.word_at(w).to_ascii_lowercase();
            if !started {
                if matches!(
                    t.as_str(),
                    "on" | "at"
                        | "against"
                        | "of"
                        | "the"
                        | "a"
                        | "an"
                        | "targeting"
                        | "two"
                        | "several"
                        | "its"
                        | "their"
                ) {
                    j += 1;
                    continue;
                }
                if is_weaponish(v, w) && np.is_empty() {
                    // "launched six ATACMS missiles at a facility": skip the munitions.
                    j += 1;
                    continue;
                }
                if matches!(t.as_str(), "using" | "with" | "in" | "by") {
                    break;
                }
                started = true;
            }
            if started {
                if PREPOSITIONS.contains(&t.as_str()) && t != "of"
                    || matches!(
                        t.as_str(),
                        "and"
                            | "that"
                            | "which"
                            | "was"
                            | "were"
                            | "while"
                            | "causing"
                            | "killing"
                            | "injuring"
                            | "using"
                    )
                {
                    break;
                }
                if t == "of" {
                    // "system of the Armed Forces of Ukraine": the owner decides.
                    let rest_end = v.words.get(j + 6).map_or(ce, |x| x.1).min(ce);
                    for m in v.mentions {
                        if m.start >= w.1 && m.end <= rest_end {
                            if let MentionValue::Actor(a) = &m.value {
                                if a.kind == ActorKind::ArmedForce {
                                    return self.set_target(
                                        f,
                                        a.name.clone(),
                                        m.span(),
                                        "forces owning the object attacked",
                                    );
                                }
                            }
                        }
                    }
                    break;
                }
                np.push(w);
            }
            j += 1;
        }
        if np.is_empty() {
            // Passive: "a Ukrainian system being destroyed".
            let pw = Self::word_index(v, trig.start);
            if pw >= 1
                && matches!(
                    self.word_at(v.words[pw - 1]).to_ascii_lowercase().as_str(),
                    "being" | "was" | "were" | "been"
                )
            {
                let mut k = pw - 1;
                while k > 0 && np.len() < 5 {
                    let w = v.words[k - 1];
                    let t = self.word_at(w).to_ascii_lowercase();
                    if NP_STOP.contains(&t.as_str()) && !matches!(t.as_str(), "the" | "a" | "an")
                        || PREPOSITIONS.contains(&t.as_str())
                    {
                        break;
                    }
                    if matches!(t.as_str(), "the" | "a" | "an") {
                        break;
                    }
                    np.insert(0, w);
                    k -= 1;
                }
            }
        }
        if np.is_empty() {
            return;
        }
        let (a, b) = (np[0].0, np[np.len() - 1].1);
        // Forces named in the phrase.
        for m in v.mentions {
            if m.start >= a && m.end <= b {
                if let MentionValue::Actor(act) = &m.value {
                    if act.kind == ActorKind::ArmedForce {
                        return self.set_target(f, act.name.clone(), m.span(), "forces attacked");
                    }
                }
            }
        }
        let words: Vec<String> = np
            .iter()
            .map(|&w| self.word_at(w).to_ascii_lowercase())
            .collect();
        let military = words.iter().any(|w| MILITARY_WORDS.contains(&w.as_str()))
            || v.mentions
                .iter()
                .any(|m| m.start >= a && m.end <= b && matches!(m.value, MentionValue::Weapon(_)));
        if military {
            for c in v.cues {
                if c.start >= a && c.end <= b {
                    if let Some(Cue::Demonym(cc)) =
                        c.cues.iter().find(|q| matches!(q, Cue::Demonym(_)))
                    {
                        if let Some(name) = state_force(cc) {
                            return self.set_target(
                                f,
                                name.to_string(),
                                Span::new(a, b),
                                "the other side's equipment attacked",
                            );
                        }
                    }
                }
            }
        }
        // A plain noun phrase with a known head noun.
        let Some(head) = words
            .iter()
            .rposition(|w| TARGET_HEADS.contains(&w.as_str()))
        else {
            return;
        };
        if v.mentions.iter().any(|m| {
            m.start >= a
                && m.end <= np[head].1
                && matches!(
                    m.value,
                    MentionValue::Place(_) | MentionValue::Date(_) | MentionValue::Quantity(_)
                )
        }) {
            return;
        }
        let first = head.saturating_sub(3);
        let phrase: Vec<&str> = words[first..=head]
            .iter()
            .map(String::as_str)
            .filter(|w| !matches!(*w, "the" | "a" | "an"))
            .collect();
        let span = Span::new(np[first].0, np[head].1);
        self.set_target(f, phrase.join(" "), span, "object of the attack");
    }

    fn set_target(&self, f: &mut Frame, name: String, span: Span, rule: &str) {
        f.provenance.push(FieldSource {
            field: "target".into(),
            start: span.start,
            end: span.end,
            text: self.slice(span.start, span.end).to_string(),
            rule: rule.into(),
        });
        f.target = Some((name, span));
    }

    /// Counts in a sentence go to the sentence's violent frame nearest before them; a
    /// sentence of counts alone ("No casualties were reported") adds them to the last
    /// violent frame of the paragraph or the one before.
    fn sentence_counts(&self, v: &SentView<'_>, out: &mut [Frame], first: usize) {
        let found = self.counts_in(v);
        if found.is_empty() {
            return;
        }
        let sentence_violent: Vec<usize> = (first..out.len())
            .filter(|&i| out[i].kind.is_violent())
            .collect();
        for (role, count, span) in found {
            let target = if sentence_violent.is_empty() {
                (0..first).rev().find(|&i| {
                    out[i].kind.is_violent() && !out[i].heading && out[i].para + 1 >= v.s.para
                })
            } else {
                sentence_violent
                    .iter()
                    .rev()
                    .find(|&&i| out[i].trigger.start <= span.start)
                    .or(sentence_violent.first())
                    .copied()
            };
            let Some(ti) = target else { continue };
            let f = &mut out[ti];
            let slot = match role {
                CountRole::Launched => &mut f.counts.launched,
                CountRole::Intercepted => &mut f.counts.intercepted,
                CountRole::Killed => &mut f.counts.killed,
                CountRole::Injured => &mut f.counts.injured,
            };
            *slot = Some(match *slot {
                Some(prev) if role_sums(role) => add(prev, count),
                Some(prev) => max_count(prev, count),
                None => count,
            });
            f.provenance.push(FieldSource {
                field: role.field().into(),
                start: span.start,
                end: span.end,
                text: self.slice(span.start, span.end).to_string(),
                rule: "count next to a casualty or launch word".into(),
            });
        }
    }

    /// (role, count, span) for every count the sentence gives.
    fn counts_in(&self, v: &SentView<'_>) -> Vec<(CountRole, Count, Span)> {
        let mut out = Vec::new();
        for c in v.cues {
            for q in &c.cues {
                if let Cue::Zero(r) = q {
                    let span = Span::new(c.start, c.end);
                    if matches!(r, Role::Killed | Role::Casualties) {
                        out.push((CountRole::Killed, Count::exact(0), span));
                    }
                    if matches!(r, Role::Injured | Role::Casualties) {
                        out.push((CountRole::Injured, Count::exact(0), span));
                    }
                }
            }
        }
        let zero_spans: Vec<Span> = out.iter().map(|x| x.2).collect();
        let quantities: Vec<&Mention> = v
            .mentions
            .iter()
            .copied()
            .filter(|m| matches!(m.value, MentionValue::Quantity(_)))
            .collect();
        // "2 of 4", "five out of six": the second number is the whole of which the first is a
        // part; for interceptions the whole is what was launched.
        let mut wholes: Vec<Span> = Vec::new();
        for pair in quantities.windows(2) {
            let (part, whole) = (pair[0], pair[1]);
            let between = self
                .slice(part.end, whole.start)
                .trim()
                .to_ascii_lowercase();
            if !(between == "of" || between == "out of") {
                continue;
            }
            if let (Some(CountRole::Intercepted), MentionValue::Quantity(q)) =
                (self.count_role(v, part), &whole.value)
            {
                out.push((CountRole::Launched, *q, whole.span()));
            }
            wholes.push(whole.span());
        }
        for m in v.mentions {
            let MentionValue::Quantity(q) = &m.value else {
                continue;
            };
            if zero_spans.iter().any(|z| z.overlaps(m.span())) || wholes.contains(&m.span()) {
                continue;
            }
            let lower = m.text.to_ascii_lowercase();
            if q.min == 0
                && q.max == Some(0)
                && (lower.contains("casualt") || lower.contains("victim"))
            {
                out.push((CountRole::Killed, *q, m.span()));
                out.push((CountRole::Injured, *q, m.span()));
                continue;
            }
            if let Some(role) = self.count_role(v, m) {
                out.push((role, *q, m.span()));
            }
        }
        out
    }

    fn count_role(&self, v: &SentView<'_>, m: &Mention) -> Option<CountRole> {
        let wi_end = Self::word_index(v, m.end);
        let wi_start = Self::word_index(v, m.start);
        let filler = |t: &str| {
            matches!(
                t,
                "people"
                    | "civilians"
                    | "persons"
                    | "residents"
                    | "soldiers"
                    | "servicemen"
                    | "children"
                    | "others"
                    | "more"
                    | "were"
                    | "was"
                    | "have"
                    | "has"
                    | "been"
                    | "reportedly"
                    | "also"
                    | "of"
                    | "them"
                    | "other"
                    | "men"
                    | "women"
                    | "person"
                    | "civilian"
                    | "are"
                    | "and"
                    | "local"
                    | "including"
                    | "had"
                    | "military"
                    | "personnel"
                    | "workers"
                    | "employees"
            )
        };
        let cue_at = |w: (usize, usize)| v.cues.iter().find(|c| c.start <= w.0 && c.end >= w.1);
        // A casualty verb right before the number decides: "killed two people and injured nine".
        if let Some(&w) = wi_start.checked_sub(1).and_then(|k| v.words.get(k)) {
            if let Some(c) = cue_at(w) {
                if let Some(r) = c.cues.iter().find_map(|q| match q {
                    Cue::Casualty(Role::Killed) => Some(CountRole::Killed),
                    Cue::Casualty(Role::Injured) => Some(CountRole::Injured),
                    _ => None,
                }) {
                    return Some(r);
                }
            }
        }
        // Right of the number: "seven dead", "two civilians were killed", "six ATACMS missiles".
        let mut weaponish = false;
        for k in 0..5 {
            let Some(&w) = v.words.get(wi_end + k) else {
                break;
            };
            if w.0 < m.end {
                continue;
            }
            let t = self.word_at(w).to_ascii_lowercase();
            if let Some(c) = cue_at(w) {
                if let Some(r) = c.cues.iter().find_map(|q| match q {
                    Cue::Casualty(Role::Killed) => Some(CountRole::Killed),
                    Cue::Casualty(Role::Injured) => Some(CountRole::Injured),
                    _ => None,
                }) {
                    return Some(r);
                }
                if c.has(|q| *q == Cue::Intercept) {
                    return Some(CountRole::Intercepted);
                }
                if c.has(|q| *q == Cue::Munition) {
                    weaponish = true;
                    continue;
                }
            }
            if v.mentions.iter().any(|x| {
                x.start <= w.0 && x.end >= w.1 && matches!(x.value, MentionValue::Weapon(_))
            }) {
                weaponish = true;
                continue;
            }
            if !filler(&t) && !weaponish {
                break;
            }
            if weaponish && !filler(&t) {
                break;
            }
        }
        // Left of the number: "killing two", "shot down 42", "injuring at least five".
        for k in 1..=3 {
            if wi_start < k {
                break;
            }
            let w = v.words[wi_start - k];
            if let Some(c) = cue_at(w) {
                if let Some(r) = c.cues.iter().find_map(|q| match q {
                    Cue::Casualty(Role::Killed) => Some(CountRole::Killed),
                    Cue::Casualty(Role::Injured) => Some(CountRole::Injured),
                    _ => None,
                }) {
                    return Some(r);
                }
                if c.has(|q| *q == Cue::Intercept) {
                    return Some(CountRole::Intercepted);
                }
                if c.has(|q| *q == Cue::Launch || *q == Cue::WeaponVerb) && weaponish {
                    return Some(CountRole::Launched);
                }
            }
            let t = self.word_at(w).to_ascii_lowercase();
            if !matches!(
                t.as_str(),
                "at" | "least"
                    | "about"
                    | "around"
                    | "some"
                    | "over"
                    | "nearly"
                    | "almost"
                    | "up"
                    | "to"
                    | "more"
                    | "than"
                    | "all"
            ) {
                break;
            }
        }
        if weaponish {
            // Interception or launch verb near the munitions.
            let lo = v
                .words
                .get(wi_start.saturating_sub(8))
                .map_or(v.s.start, |w| w.0);
            let hi = v.words.get(wi_end + 8).map_or(v.s.end, |w| w.1);
            let near = |want: &dyn Fn(&Cue) -> bool| {
                v.cues
                    .iter()
                    .any(|c| c.start >= lo && c.end <= hi && c.has(want))
            };
            if near(&|q| *q == Cue::Intercept) {
                return Some(CountRole::Intercepted);
            }
            if near(&|q| matches!(q, Cue::WeaponVerb | Cue::Launch | Cue::Trigger(..))) {
                return Some(CountRole::Launched);
            }
        }
        None
    }
}

fn is_weaponish(v: &SentView<'_>, w: (usize, usize)) -> bool {
    v.mentions.iter().any(|m| {
        m.start <= w.0
            && m.end >= w.1
            && matches!(m.value, MentionValue::Weapon(_) | MentionValue::Quantity(_))
    }) || v
        .cues
        .iter()
        .any(|c| c.start <= w.0 && c.end >= w.1 && c.has(|q| *q == Cue::Munition))
}

/// Which count a number fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountRole {
    Launched,
    Intercepted,
    Killed,
    Injured,
}

impl CountRole {
    fn field(self) -> &'static str {
        match self {
            CountRole::Launched => "launched",
            CountRole::Intercepted => "intercepted",
            CountRole::Killed => "killed",
            CountRole::Injured => "injured",
        }
    }
}

/// Launches and interceptions listed by weapon type in one sentence add up ("72 drones and
/// two missiles"); casualty figures repeated in a sentence do not.
fn role_sums(r: CountRole) -> bool {
    matches!(r, CountRole::Launched | CountRole::Intercepted)
}

pub fn add(a: Count, b: Count) -> Count {
    Count {
        min: a.min + b.min,
        max: a.max.zip(b.max).map(|(x, y)| x + y),
    }
}

pub fn max_count(a: Count, b: Count) -> Count {
    if b.min > a.min {
        b
    } else {
        a
    }
}

fn rank_kind(k: EventKind, strength: u8) -> (u8, u8) {
    let attack = u8::from(!matches!(
        k,
        EventKind::Interception | EventKind::Explosion | EventKind::Strike
    ));
    (attack * strength, strength)
}

/// The attack kind a weapon class implies.
pub fn kind_of_class(c: WeaponClass) -> Option<EventKind> {
    use WeaponClass::*;
    Some(match c {
        CruiseMissile | BallisticMissile | HypersonicMissile | AntiShipMissile
        | AirToSurfaceMissile | Missile => EventKind::MissileStrike,
        AttackDrone | NavalDrone | Drone => EventKind::DroneStrike,
        GlideBomb | Bomb | Aircraft | Helicopter => EventKind::AirStrike,
        Artillery | Mlrs | Mortar => EventKind::Shelling,
        Explosive => EventKind::Sabotage,
        _ => return None,
    })
}

pub fn event_date(d: &sitrep_model::DateValue, text: &str, span: Span) -> EventDate {
    EventDate {
        start: d.start,
        end: d.end,
        precision: d.precision,
        text: text.to_string(),
        year_inferred: d.year_inferred,
        span: Some(span),
    }
}

/// Claim stance for a source cue.
pub fn stance_of(c: SourceCue) -> Stance {
    match c {
        SourceCue::Says | SourceCue::Confirms => Stance::Asserts,
        SourceCue::Blames => Stance::Alleges,
        SourceCue::Denies => Stance::Denies,
        SourceCue::NotConfirmed => Stance::NotConfirmed,
    }
}
