//! Casualty counts, read from the clause that states them rather than from the nearest number.
//!
//! [`read`] finds every casualty word of a sentence ("killed", "died", "wounded", "dead",
//! "hospitalised", "body", "death toll") and reads who it counts from the clause's grammar:
//!
//! - the subject of a passive or intransitive verb: "One person was killed", "Three people,
//!   including a child, were killed", "A man, 45, was wounded", "a civilian died", "Both of
//!   them were killed", "a woman and her son were injured";
//! - the object of an active verb: "killing at least 8 people and injuring dozens", "killed 5",
//!   "injuring a woman and her son";
//! - a number before an adjective or a list item: "left 4 dead and 11 injured", "Casualties:
//!   2 killed, 6 wounded", "seven dead";
//! - a noun of a count: "the body of a man", "12 bodies", "the death toll has risen to 12"
//!   (an update: the latest figure of a report wins over its earlier ones).
//!
//! Numbers that are not counts of people never count: ages ("a 67-year-old woman", "a man,
//! 45,", "aged 45"), parts of a whole already counted ("including four children", "two of
//! them seriously"), and numbers the recogniser reads as years, floors, calibres, distances or
//! times are not quantities in the first place. Killed and injured combined ("killed or
//! injured") count neither.

use sitrep_model::{Count, Span};

/// Which casualty figure a count is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Harm {
    Killed,
    Injured,
}

/// One casualty figure with the words that state it.
#[derive(Debug, Clone, PartialEq)]
pub struct Casualty {
    pub harm: Harm,
    pub count: Count,
    /// From the first word of the counted phrase to the casualty word.
    pub span: Span,
    /// The grammatical pattern that read it, for provenance.
    pub rule: &'static str,
    /// A running total that replaces earlier figures ("the death toll has risen to 12").
    pub update: bool,
}

/// A sentence's words with what the reader needs to know of each.
struct Words<'t> {
    text: &'t str,
    spans: &'t [(usize, usize)],
    lower: Vec<String>,
    /// For a word that starts a quantity: its count and the index of its last word.
    qty: Vec<Option<(Count, usize)>>,
    /// Words that give an age ("aged 45", ", 45,", "45 years old"), never a count.
    age: Vec<bool>,
}

impl<'t> Words<'t> {
    fn new(text: &'t str, spans: &'t [(usize, usize)], quantities: &[(Span, Count)]) -> Self {
        let lower: Vec<String> = spans
            .iter()
            .map(|&(a, b)| {
                text.get(a..b)
                    .unwrap_or("")
                    .to_lowercase()
                    .replace('\u{2019}', "'")
            })
            .collect();
        let mut qty = vec![None; spans.len()];
        for (span, count) in quantities {
            let first = spans.partition_point(|w| w.1 <= span.start);
            let last = spans.partition_point(|w| w.0 < span.end);
            if first < last && first < spans.len() {
                qty[first] = Some((*count, last - 1));
            }
        }
        let mut w = Words {
            text,
            spans,
            lower,
            qty,
            age: vec![false; spans.len()],
        };
        for i in 0..w.len() {
            // "aged 45", whether or not the number was read as a quantity.
            if w.lw(i) == "aged"
                && w.lw(i + 1).bytes().all(|b| b.is_ascii_digit())
                && i + 1 < w.len()
            {
                w.age[i] = true;
                w.age[i + 1] = true;
            }
            if w.qty[i].is_none() {
                continue;
            }
            let last = w.qty[i].map_or(i, |q| q.1);
            let aged = i > 0 && matches!(w.lw(i - 1), "aged" | "age");
            let years_old = w.lw(last + 1) == "years" && w.lw(last + 2) == "old";
            // An apposition of a lone number: "A man, 45, was wounded".
            let apposition = last == i
                && i > 0
                && w.gap(i).contains(',')
                && w.gap(i + 1).contains(',')
                && is_person(w.lw(i - 1));
            if aged || years_old || apposition {
                for k in i..=last {
                    w.age[k] = true;
                }
                if aged {
                    w.age[i - 1] = true;
                }
                if years_old {
                    w.age[last + 1] = true;
                    w.age[last + 2] = true;
                }
            }
        }
        w
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    /// The lower-case word at `i`, or "" outside the sentence.
    fn lw(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    /// The characters between word `i - 1` and word `i`.
    fn gap(&self, i: usize) -> &str {
        if i == 0 || i >= self.len() {
            return "";
        }
        self.text
            .get(self.spans[i - 1].1..self.spans[i].0)
            .unwrap_or("")
    }

    /// A clause break between word `i - 1` and word `i`.
    fn breaks(&self, i: usize) -> bool {
        self.gap(i).contains([
            ',', ';', ':', '(', ')', '\u{2013}', '\u{2014}', '"', '\u{201C}', '\u{201D}',
        ]) || self.gap(i).contains(" - ")
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.spans[a].0, self.spans[b].1)
    }
}

/// Nouns for people, singular.
const PERSON: &[&str] = &[
    "person",
    "civilian",
    "man",
    "woman",
    "boy",
    "girl",
    "child",
    "baby",
    "infant",
    "teenager",
    "teen",
    "resident",
    "soldier",
    "serviceman",
    "servicewoman",
    "worker",
    "employee",
    "rescuer",
    "firefighter",
    "officer",
    "policeman",
    "policewoman",
    "medic",
    "paramedic",
    "doctor",
    "nurse",
    "driver",
    "passenger",
    "journalist",
    "reporter",
    "volunteer",
    "farmer",
    "pensioner",
    "citizen",
    "individual",
    "victim",
    "fighter",
    "guard",
    "miner",
    "student",
    "son",
    "daughter",
    "husband",
    "wife",
    "mother",
    "father",
    "brother",
    "sister",
    "grandmother",
    "grandfather",
    "neighbour",
    "neighbor",
    "member",
    "serviceperson",
    "servicemember",
    "operator",
    "electrician",
    "lineman",
    "deminer",
    "sapper",
    "priest",
    "official",
    "local",
    "deputy",
    "prosecutor",
    "commander",
    "mayor",
    "judge",
    "activist",
    "blogger",
    "chief",
    "pilot",
    "vendor",
    "seller",
    "trader",
    "shopkeeper",
    "customer",
    "pedestrian",
    "cyclist",
    "motorist",
    "guard",
    "watchman",
    "teacher",
    "doctor",
    "priest",
    "musician",
    "athlete",
    "engineer",
    "mechanic",
    "janitor",
    "tractor driver",
    "fisherman",
    "hunter",
    "volunteer",
];

/// Nouns for people, plural, and pronoun-like heads that a number may stand before.
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "civilians",
    "men",
    "women",
    "boys",
    "girls",
    "children",
    "kids",
    "babies",
    "infants",
    "teenagers",
    "teens",
    "residents",
    "soldiers",
    "servicemen",
    "servicewomen",
    "troops",
    "workers",
    "employees",
    "rescuers",
    "firefighters",
    "officers",
    "policemen",
    "medics",
    "paramedics",
    "doctors",
    "nurses",
    "drivers",
    "passengers",
    "journalists",
    "reporters",
    "volunteers",
    "farmers",
    "pensioners",
    "citizens",
    "individuals",
    "victims",
    "fighters",
    "guards",
    "miners",
    "students",
    "others",
    "more",
    "adults",
    "minors",
    "members",
    "servicepeople",
    "servicemembers",
    "personnel",
    "militants",
    "operators",
    "locals",
    "deminers",
    "sappers",
    "officials",
    "elderly",
    "pilots",
    "activists",
    "commanders",
];

fn is_person(w: &str) -> bool {
    PERSON.contains(&w) || PEOPLE.contains(&w) || is_age_word(w)
}

/// Determiners that count one person: "a man", "one civilian", "her son", "the driver".
fn one_determiner(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "one" | "his" | "her" | "their" | "the" | "another" | "my" | "our"
    )
}

/// Words that may stand between a subject and its verb: "were also reportedly killed".
fn auxiliary(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "been"
            | "being"
            | "is"
            | "are"
            | "be"
            | "have"
            | "has"
            | "had"
            | "got"
            | "get"
            | "gets"
            | "also"
            | "reportedly"
            | "allegedly"
            | "later"
            | "subsequently"
            | "then"
            | "all"
            | "each"
            | "seriously"
            | "severely"
            | "critically"
            | "fatally"
            | "lightly"
            | "slightly"
            | "badly"
            | "mortally"
            | "reported"
            | "confirmed"
            | "said"
            | "believed"
            | "feared"
            | "thought"
            | "known"
            | "to"
    )
}

/// Words that open a parenthetical part of a subject: "Three people, including a child,".
fn parenthetical_opener(w: &str) -> bool {
    matches!(
        w,
        "including" | "among" | "mostly" | "most" | "many" | "some" | "all" | "both" | "aged"
    )
}

/// Words that end a subject phrase looking left: the phrase cannot reach past them.
fn subject_boundary(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "or"
            | "when"
            | "after"
            | "as"
            | "which"
            | "who"
            | "whom"
            | "that"
            | "while"
            | "but"
            | "because"
            | "since"
            | "where"
            | "with"
            | "in"
            | "on"
            | "at"
            | "from"
            | "by"
            | "for"
            | "into"
            | "during"
            | "near"
            | "left"
            | "leaving"
            | "killing"
            | "killed"
            | "injuring"
            | "injured"
            | "wounding"
            | "wounded"
            | "dead"
            | "died"
            | "said"
            | "says"
            | "reported"
    )
}

/// What a casualty word does in its clause.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A participle or adjective: passive ("was killed"), list ("2 killed") or active
    /// ("killed 5"), decided by its neighbours.
    Participle,
    /// Active only: "killing", "injures".
    Active,
    /// Intransitive: "died", "perished".
    Intransitive,
    /// A number before it: "12 deaths", "seven dead".
    Counted,
    /// "body of", "bodies of", "lives of".
    NounOf,
    /// "death toll", "number of dead".
    Toll,
}

fn casualty_word(w: &str) -> Option<(Harm, Shape)> {
    use Harm::*;
    use Shape::*;
    Some(match w {
        "killed" | "slain" => (Killed, Participle),
        "killing" | "kills" | "kill" => (Killed, Active),
        "died" | "dies" | "perished" | "die" => (Killed, Intransitive),
        "dead" | "deaths" | "fatalities" => (Killed, Counted),
        "body" | "bodies" | "lives" => (Killed, NounOf),
        "toll" => (Killed, Toll),
        "injured" | "wounded" | "hurt" | "hospitalised" | "hospitalized" => (Injured, Participle),
        "injuring" | "wounding" | "injures" | "hurting" | "injure" => (Injured, Active),
        "injuries" | "injury" | "concussion" | "wounds" => (Injured, Counted),
        _ => return None,
    })
}

/// Every casualty figure of one sentence. `words` are the sentence's word spans in `text`
/// (as [`crate::text::words`] gives them) and `quantities` the recognised quantities in it.
pub fn read(text: &str, words: &[(usize, usize)], quantities: &[(Span, Count)]) -> Vec<Casualty> {
    let w = Words::new(text, words, quantities);
    let mut out = Vec::new();
    for k in 0..w.len() {
        let Some((harm, shape)) = casualty_word(w.lw(k)) else {
            continue;
        };
        if combined(&w, k, harm) {
            continue;
        }
        // "more than fifteen people are on the list of the wounded", "two children are among the
        // dead": the subject of the copula before.
        if let Some(copula) = among_the(&w, k) {
            if let Some((count, first)) = subject(&w, copula + 1) {
                out.push(Casualty {
                    harm,
                    count,
                    span: w.span(first, k),
                    rule: "subject of \"among the dead\"",
                    update: false,
                });
            }
            continue;
        }
        // "the number of injured has risen to 20".
        if k >= 2 && w.lw(k - 1) == "of" && w.lw(k - 2) == "number" {
            if let Some((count, last, _)) = running_total(&w, k) {
                out.push(Casualty {
                    harm,
                    count,
                    span: w.span(k - 2, last),
                    rule: "running total",
                    update: true,
                });
            }
            continue;
        }
        let found = match shape {
            Shape::Toll => toll(&w, k),
            Shape::NounOf => noun_of(&w, k),
            Shape::Counted => counted(&w, k),
            Shape::Intransitive => subject(&w, k).map(|(c, a)| (c, a, "subject of the verb")),
            Shape::Active => object(&w, k).map(|(c, b)| (c, b, "object of the verb")),
            Shape::Participle => participle(&w, k),
        };
        let Some((count, other, rule)) = found else {
            continue;
        };
        let (a, b) = (other.min(k), other.max(k));
        out.push(Casualty {
            harm: if shape == Shape::Toll {
                toll_harm(&w, k)
            } else {
                harm
            },
            count,
            span: w.span(a, b),
            rule,
            update: shape == Shape::Toll,
        });
    }
    out
}

/// For "(are) among the dead", "(are) on the list of wounded": the index of the copula.
fn among_the(w: &Words<'_>, k: usize) -> Option<usize> {
    let lead = if k >= 2 && w.lw(k - 1) == "the" && w.lw(k - 2) == "among" {
        k - 2
    } else if k >= 3 && w.lw(k - 1) == "of" && w.lw(k - 2) == "list" {
        // "on the list of wounded"
        (k.saturating_sub(5)..k - 2)
            .rev()
            .find(|&i| w.lw(i) == "on")
            .unwrap_or(k - 3)
    } else {
        return None;
    };
    let c = lead.checked_sub(1)?;
    matches!(w.lw(c), "are" | "were" | "is" | "was" | "remain").then_some(c)
}

/// "killed or injured", "dead and wounded": one figure for both, which gives neither.
fn combined(w: &Words<'_>, k: usize, harm: Harm) -> bool {
    let other = |i: usize| casualty_word(w.lw(i)).is_some_and(|(h, _)| h != harm);
    (matches!(w.lw(k + 1), "or" | "and") && other(k + 2))
        || (k >= 2 && matches!(w.lw(k - 1), "or" | "and") && other(k - 2))
}

/// A passive or list participle counts its subject; an active one its object.
fn participle(w: &Words<'_>, k: usize) -> Option<(Count, usize, &'static str)> {
    let mut j = k;
    while j > 0 && auxiliary(w.lw(j - 1)) && !w.breaks(j) {
        j -= 1;
    }
    let passive = j < k;
    if !passive && !w.breaks(k + 1) {
        if let Some((c, b)) = object(w, k) {
            return Some((c, b, "object of the verb"));
        }
    }
    subject(w, k).map(|(c, a)| {
        let rule = if passive {
            "subject of the passive verb"
        } else {
            "count before the casualty word"
        };
        (c, a, rule)
    })
}

/// The subject of the casualty word at `k`: (count, index of its first word).
fn subject(w: &Words<'_>, k: usize) -> Option<(Count, usize)> {
    let mut j = k;
    while j > 0 && auxiliary(w.lw(j - 1)) && !w.breaks(j) {
        j -= 1;
    }
    // "lost their lives" is reached through "lost".
    if j == 0 {
        return None;
    }
    let mut end = j - 1;
    // Step over a parenthetical before the verb: ", including a child,", ", 45,".
    if w.breaks(end + 1) {
        let mut p = end;
        let mut found = None;
        while p > 0 && end - p < 8 {
            if w.breaks(p) {
                found = Some(p);
                break;
            }
            p -= 1;
        }
        let p = found?;
        let opener = parenthetical_opener(w.lw(p)) || w.age[p];
        if !opener || p == 0 {
            return None;
        }
        end = p - 1;
    }
    let (count, start) = phrase_ending_at(w, end)?;
    // Coordinated subjects: "a woman and her son", "three civilians and a soldier".
    let mut total = count;
    let mut first = start;
    while first >= 2 && w.lw(first - 1) == "and" && !w.breaks(first) && !w.breaks(first - 1) {
        match phrase_ending_at(w, first - 2) {
            Some((c, s)) => {
                total = crate::counts::add(total, c);
                first = s;
            }
            None => break,
        }
    }
    Some((total, first))
}

/// A counted phrase of people that ends at word `end`: (count, first word).
fn phrase_ending_at(w: &Words<'_>, end: usize) -> Option<(Count, usize)> {
    let mut end = end;
    while w.age[end] {
        end = end.checked_sub(1)?;
    }
    let head = w.lw(end);
    // "two of them", "both of them".
    let of_them = matches!(head, "them" | "us" | "whom") && end >= 1 && w.lw(end - 1) == "of";
    let number_ends_here = (0..=end)
        .rev()
        .take(4)
        .any(|i| w.qty[i].is_some_and(|q| q.1 == end));
    if !(of_them || number_ends_here || is_person(head) || head == "both") {
        return None;
    }
    let mut i = end;
    let lowest = end.saturating_sub(6);
    loop {
        if i < end && w.breaks(i + 1) {
            return None;
        }
        if !w.age[i] {
            if let Some(r) = phrase_from(w, i, end, of_them) {
                // Words before a count that belong to it: "another seven", "all 18".
                if i > 0 && matches!(w.lw(i - 1), "no" | "nobody" | "none") {
                    return None;
                }
                let mut s = i;
                while s > 0
                    && matches!(w.lw(s - 1), "another" | "other" | "further" | "all" | "the")
                    && !w.breaks(s)
                {
                    s -= 1;
                }
                return Some((r, s));
            }
        }
        if i < end && subject_boundary(w.lw(i)) {
            return None;
        }
        if i == lowest || i == 0 {
            return None;
        }
        i -= 1;
    }
}

/// The count of the phrase `start..=end` when `start` opens it and `end` is its head.
fn phrase_from(w: &Words<'_>, start: usize, end: usize, of_them: bool) -> Option<Count> {
    let head = w.lw(end);
    if let Some((c, last)) = w.qty[start] {
        // A bare number ("17 wounded", "another seven"), or a number of people.
        if last == end || of_them || (last < end && is_person(head)) {
            return Some(c);
        }
        return None;
    }
    let first = w.lw(start);
    if first == "both" && (start == end || of_them || is_person(head)) {
        return Some(Count::exact(2));
    }
    // "an elderly couple": two.
    if one_determiner(first) && start < end && head == "couple" {
        return Some(Count::exact(2));
    }
    if one_determiner(first) && start < end && PERSON.contains(&head) {
        // "the" counts only a singular person named as such: "the driver".
        return Some(Count::exact(1));
    }
    // "a 60-year-old vendor": whoever has an age is a person, whatever the noun.
    if matches!(first, "a" | "an" | "one" | "another")
        && start < end
        && (start + 1..end).any(|i| is_age_word(w.lw(i)))
    {
        return Some(Count::exact(1));
    }
    None
}

/// A word that gives an age: "67-year-old", "10-year-old".
fn is_age_word(w: &str) -> bool {
    w.ends_with("-year-old") || w.ends_with("-years-old") || w.ends_with("-month-old")
}

/// The counted phrase right after the active casualty word at `k`: (count, last word).
fn object(w: &Words<'_>, k: usize) -> Option<(Count, usize)> {
    let (c, end) = phrase_starting_at(w, k + 1)?;
    let mut total = c;
    let mut last = end;
    // "injuring a woman and her son".
    while w.lw(last + 1) == "and" && !w.breaks(last + 1) && !w.breaks(last + 2) {
        match phrase_starting_at(w, last + 2) {
            Some((c2, e2)) => {
                total = crate::counts::add(total, c2);
                last = e2;
            }
            None => break,
        }
    }
    Some((total, last))
}

/// A counted phrase of people that starts at word `s`: (count, last word).
fn phrase_starting_at(w: &Words<'_>, s: usize) -> Option<(Count, usize)> {
    if s >= w.len() || w.age[s] {
        return None;
    }
    if let Some((c, last)) = w.qty[s] {
        // "8 people", "six others", "dozens", "three of them", or the bare number.
        let mut end = last;
        let mut i = last + 1;
        while i < w.len() && i <= last + 3 && !w.breaks(i) {
            if is_person(w.lw(i)) {
                end = i;
                break;
            }
            if w.lw(i) == "of" && matches!(w.lw(i + 1), "them" | "whom") {
                end = i + 1;
                break;
            }
            if !adjective_like(w, i) {
                break;
            }
            i += 1;
        }
        return Some((c, end));
    }
    let first = w.lw(s);
    if first == "both" {
        return Some((Count::exact(2), s));
    }
    if one_determiner(first) {
        let mut i = s + 1;
        while i < w.len() && i <= s + 4 && !w.breaks(i) {
            if w.lw(i) == "couple" && w.lw(i + 1) != "of" {
                return Some((Count::exact(2), i));
            }
            if PERSON.contains(&w.lw(i)) {
                return Some((Count::exact(1), i));
            }
            if !(adjective_like(w, i) || w.age[i]) {
                return None;
            }
            i += 1;
        }
    }
    None
}

/// A word that may stand between a determiner or number and a person noun: an adjective, an
/// age ("12-year-old"), a nationality.
fn adjective_like(w: &Words<'_>, i: usize) -> bool {
    let t = w.lw(i);
    if t.is_empty() || subject_boundary(t) || casualty_word(t).is_some() || w.qty[i].is_some() {
        return false;
    }
    !matches!(
        t,
        "of" | "the" | "a" | "an" | "were" | "was" | "is" | "are" | "including" | "to" | "people"
    )
}

/// "12 deaths", "seven dead", "suffered injuries".
fn counted(w: &Words<'_>, k: usize) -> Option<(Count, usize, &'static str)> {
    let t = w.lw(k);
    if k >= 1 && !w.breaks(k) {
        // "sustained injuries", "suffered serious injuries".
        let verb = (1..=4).filter(|&d| k >= d).find(|&d| {
            matches!(
                w.lw(k - d),
                "sustained" | "suffered" | "received" | "treated"
            )
        });
        if let Some(d) = verb {
            return subject(w, k - d).map(|(c, a)| (c, a, "subject of \"suffered injuries\""));
        }
    }
    if matches!(t, "injuries" | "injury" | "concussion" | "wounds") {
        return None;
    }
    if t == "dead" {
        return subject(w, k).map(|(c, a)| (c, a, "count before the casualty word"));
    }
    // "12 deaths": the number right before.
    let prev = k.checked_sub(1)?;
    if w.breaks(k) {
        return None;
    }
    (0..=prev)
        .rev()
        .take(3)
        .find_map(|i| w.qty[i].filter(|q| q.1 == prev).map(|q| (q.0, i)))
        .filter(|&(_, i)| !w.age[i])
        .map(|(c, i)| (c, i, "count before the casualty word"))
}

/// "the body of a man", "bodies of three people", "12 bodies", "claimed the lives of 12".
fn noun_of(w: &Words<'_>, k: usize) -> Option<(Count, usize, &'static str)> {
    let t = w.lw(k);
    if w.lw(k + 1) == "of" {
        if let Some((c, end)) = phrase_starting_at(w, k + 2) {
            return Some((c, end, "people whose bodies or lives are counted"));
        }
    }
    if t == "lives" {
        // "Two people lost their lives".
        if k >= 2 && matches!(w.lw(k - 1), "their" | "his" | "her") && w.lw(k - 2) == "lost" {
            return subject(w, k - 2).map(|(c, a)| (c, a, "subject of \"lost their lives\""));
        }
        return None;
    }
    if t == "body" {
        return None;
    }
    counted(w, k)
}

/// "the death toll has risen to 12", "the number of injured rose to 20".
fn toll(w: &Words<'_>, k: usize) -> Option<(Count, usize, &'static str)> {
    if w.lw(k.checked_sub(1)?) != "death" {
        return None;
    }
    running_total(w, k)
}

fn toll_harm(w: &Words<'_>, k: usize) -> Harm {
    if w.lw(k) == "toll" {
        Harm::Killed
    } else {
        casualty_word(w.lw(k)).map_or(Harm::Killed, |x| x.0)
    }
}

/// The figure a running total reaches: "has risen to 12", "stands at 12", "reached 12".
fn running_total(w: &Words<'_>, k: usize) -> Option<(Count, usize, &'static str)> {
    let mut i = k + 1;
    while i < w.len() && i <= k + 24 {
        if w.lw(i).is_empty() || w.gap(i).contains([';', '.']) {
            break;
        }
        if let Some((c, last)) = w.qty[i] {
            let link = w.lw(i - 1);
            if matches!(
                link,
                "to" | "at" | "reached" | "reaches" | "hit" | "hits" | "of" | "is" | "was" | "now"
            ) && !w.age[i]
            {
                return Some((c, last, "running total of the dead"));
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests;
