//! Boilerplate removal applied to the paragraphs of every document, whatever its format.
//!
//! [`clean`] drops paragraphs by general rules ([`Rule`]): calls to action and page furniture
//! (newsletter and subscription prompts, "read more" and "related" teasers, privacy and cookie
//! notices, review prompts, social prompts, share/print/comment counters), photo credit lines,
//! short navigational labels in runs at the start or end of the text, paragraphs without any letter or digit,
//! and repeated paragraphs after their first occurrence. It is conservative: a paragraph that
//! reads as a sentence of eight or more words is kept unless it is clearly a prompt.

use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashSet;

/// Why a paragraph was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A call to action: subscribe, newsletter, follow us, leave a review, privacy notice, ...
    Prompt,
    /// A teaser for other pages: "Read more", "Related:", "Don't miss".
    Teaser,
    /// Share, print and comment buttons or counters.
    Furniture,
    /// A photo, image or video credit line.
    Credit,
    /// A short navigational or section label at the start or end of the text.
    Label,
    /// No letter or digit at all (separators such as `* * *`).
    NoContent,
    /// The same paragraph appeared earlier.
    Repeated,
}

/// The outcome of [`clean`]: the paragraphs kept and those dropped with their rule.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Cleaned {
    pub paragraphs: Vec<String>,
    pub dropped: Vec<(Rule, String)>,
}

impl Cleaned {
    /// The kept paragraphs joined by blank lines.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// Compiles a clean-up pattern. Word boundaries are ASCII ones: the prompts these patterns
/// describe are English, and a Unicode `\b` would keep the regex engine off its fast path on
/// every paragraph holding a curly quote or a non-Latin letter.
fn re(s: &str) -> Regex {
    Regex::new(&s.replace(r"\b", r"(?-u:\b)")).unwrap()
}

/// Prompts that are never article content, whatever their length (up to a paragraph of 40 words).
static STRONG_PROMPT: Lazy<Regex> = Lazy::new(|| {
    re(r"(?ix)
        \b(sign\s+up|subscribe)\b.{0,80}\b(newsletter|updates|alerts|digest|briefing|inbox|channel|notifications)\b
      | \b(our|free|daily|weekly|morning|evening|email)\s+(news)?letters?\b
      | \bsubscribe\s+(now|today|here|to\s+(our|us|read|continue))\b
      | \bwe\s+(don[’']?t|do\s+not|never)\s+spam\b
      | \b(privacy|cookie)\s+(policy|notice|settings|preferences|statement)\b
      | \b(we|this\s+(site|website))\s+uses?\s+cookies\b | \baccept\s+(all\s+)?cookies\b
      | \b(leave|write|post)\s+a\s+(review|comment|reply)\b
      | \brate\s+(this|us|our|the\s+app)\b | \bhow\s+would\s+you\s+rate\b
      | \b(follow|join|find|like)\s+us\s+(on|at|in)\b | \bfollow\s+us\b
      | \bclick\s+here\b | \bdownload\s+(our|the)\s+(free\s+)?app\b
      | \ball\s+rights\s+reserved\b
      | \b(support|fund)\s+(our|independent|quality)\s+(journalism|reporting|newsroom)\b
      | \bbecome\s+a\s+(member|patron|subscriber|supporter)\b
      | \byou\s+(have|'ve)\s+(reached|read)\s+.{0,20}\b(limit|free\s+articles)\b
      | \bturn\s+off\s+(your\s+)?ad\s?blocker\b | \benable\s+javascript\b
    ")
});

/// Teasers, prompts and site notices in Ukrainian, Russian, German and Polish (the languages of
/// much of the reporting on the war besides English), where they open or make up the
/// paragraph. Written without `\b`, which the ASCII word boundaries of [`re`] would not find
/// next to Cyrillic letters.
static LOCAL_TEASER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(читайте\s+(також|більше|также)|дивіться\s+також|смотрите\s+также|по\s+тем[іе]\s*:|lesen\s+sie\s+auch|mehr\s+zum\s+thema|czytaj\s+(także|też)|zobacz\s+(także|też))",
    )
    .unwrap()
});
static LOCAL_PROMPT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(підписуйтесь|підписуйтеся|підпишіться|подписывайтесь|подпишитесь|melden\s+sie\s+sich|abonnieren\s+sie|zapisz\s+się|subskrybuj)|використовуємо\s+файли\s+cookie|используем\s+файлы\s+cookie|verwenden\s+cookies|używamy\s+plików\s+cookie|усі\s+права\s+захищено|все\s+права\s+защищены|alle\s+rechte\s+vorbehalten|wszelkie\s+prawa\s+zastrzeżone",
    )
    .unwrap()
});

/// Imperatives that open a prompt. A longer paragraph starting this way is only a prompt when it
/// addresses the reader about the site ("our", "us", a newsletter): "Sign up for a ... account"
/// in an article about a service is content.
static PROMPT_START: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)^(please\s+)?(subscribe|sign\s+up|register|log\s?in|sign\s+in|join\s+now|donate)\b")
});
static ADDRESSES_READER: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(our|us|newsletters?|inbox|free\s+trial)\b"));

/// Teasers for other pages; they start the paragraph.
static TEASER: Lazy<Regex> = Lazy::new(|| {
    re(r"(?ix)
        ^(also\s+)?(read|see|watch|listen)\s+(more|also|next|too|the\s+full|full|our|related)\b
      | ^(read|see)\s*:
      | ^(related|recommended|trending|popular|most\s+(read|popular|viewed)|more\s+(stories|news|from|on|in)|latest\s+(news|stories)|top\s+stories|editor[’']?s\s+picks?|you\s+may\s+(also\s+)?like|don[’']?t\s+miss|do\s+not\s+miss|must\s+read|further\s+reading)\b
      | ^continue\s+reading\b
    ")
});

/// Share, print and comment buttons and counters: the whole paragraph is such words and numbers.
static FURNITURE: Lazy<Regex> = Lazy::new(|| {
    re(r"(?ix)
        ^(\d+\s*)?(share|shares|print|email|e-mail|tweet|comment|comments|copy\s+link|save|like|likes|views?|reply|whatsapp|telegram|facebook|twitter|x|linkedin|reddit|pinterest|advertisement|advertising|sponsored(\s+content)?|ad|menu|search|close|home|back\s+to\s+top|top|next|previous|prev|show\s+more|load\s+more|loading)
        (\s*[:|/·•,\-–]?\s*(\d+\s*)?(share|shares|print|email|e-mail|tweet|comment|comments|copy\s+link|save|like|likes|views?|reply|whatsapp|telegram|facebook|twitter|x|linkedin|reddit|pinterest|on|this|article|story|post|page|\d+))*
        \s*[:.!]?$
      | ^\d+\s+(comments?|shares?|views?|likes?|reads?)$
      | ^share\s+(this|on|via|the|article|story)\b
    ")
});

/// Photo and video credit lines.
static CREDIT: Lazy<Regex> = Lazy::new(|| {
    re(r"(?ix)
        ^[(\[]?\s*(photo(graph)?s?|image|picture|video|footage|illustration|credit|pictured|source)s?\s*(credit)?\s*(:|/|by\b|courtesy\b)
      | ^[(\[]?\s*(©|copyright\b)
      | \b(getty\s+images|shutterstock|associated\s+press|ap\s+photo|afp\s+via|reuters/|anadolu|epa-efe)\b.{0,30}[)\]]?\s*$
    ")
});

static SENTENCE_END: Lazy<Regex> = Lazy::new(|| re(r#"[.!?…]["”’')\]]*$"#));

/// Words that make a sequence of words read as a clause.
static VERB_LIKE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(is|are|was|were|be|been|has|have|had|will|would|said|says|say|did|does|do|can|could|may|might|must|should|\w{3,}ed|\w{3,}ing)\b",
    )
});

/// The number of words of a non-empty paragraph that `normalise_space` has already been through:
/// its words are separated by single spaces and it has no other whitespace.
fn normalised_word_count(p: &str) -> usize {
    p.bytes().filter(|&b| b == b' ').count() + 1
}

/// A paragraph that reads as a sentence: eight or more words, a verb-like word, and a sentence end.
/// `words` is the paragraph's [`normalised_word_count`].
fn is_sentence(p: &str, words: usize) -> bool {
    words >= 8 && VERB_LIKE.is_match(p) && SENTENCE_END.is_match(p)
}

/// A short label: one to three capitalised words (plus "&", "and", "of", "in" joiners) with no
/// sentence punctuation and no digits.
fn is_label(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || p.chars().count() > 40 {
        return false;
    }
    if p.chars()
        .any(|c| c.is_ascii_digit() || ".!?,;:\"“”()[]".contains(c))
    {
        return false;
    }
    let content: Vec<&&str> = words
        .iter()
        .filter(|w| !matches!(**w, "&" | "and" | "of" | "the" | "in" | "on"))
        .collect();
    !content.is_empty()
        && content.len() <= 3
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && content
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The rule that drops `p` wherever it stands, if any.
/// `words` is the paragraph's [`normalised_word_count`].
fn rule_for(p: &str, words: usize) -> Option<Rule> {
    if !p.chars().any(char::is_alphanumeric) {
        return Some(Rule::NoContent);
    }
    if words <= 40 && (STRONG_PROMPT.is_match(p) || !p.is_ascii() && LOCAL_PROMPT.is_match(p)) {
        return Some(Rule::Prompt);
    }
    if PROMPT_START.is_match(p) && (words <= 6 || words <= 40 && ADDRESSES_READER.is_match(p)) {
        return Some(Rule::Prompt);
    }
    if words <= 12 && FURNITURE.is_match(p) {
        return Some(Rule::Furniture);
    }
    if words <= 15 && CREDIT.is_match(p) && !is_sentence(p, words) {
        return Some(Rule::Credit);
    }
    // A teaser line names another article; a long sentence that starts with "See also" is
    // still kept when it reads as the article's own prose.
    if words <= 25 && TEASER.is_match(p) && !(words >= 12 && is_sentence(p, words)) {
        return Some(Rule::Teaser);
    }
    if words <= 25 && !p.is_ascii() && LOCAL_TEASER.is_match(p) {
        return Some(Rule::Teaser);
    }
    None
}

/// The fewest words a paragraph needs for its repeats to be dropped.
const MIN_REPEAT_WORDS: usize = 6;
/// More repeated paragraphs than this, if they are also a fifth of the page or more, mark
/// structured content whose repeats are kept.
const MAX_REPEATS: usize = 3;

/// A key under which two paragraphs count as the same: lower case letters and digits only.
fn dedup_key(p: &str) -> String {
    let two_byte = two_byte_keys();
    let mut key: Vec<u8> = Vec::with_capacity(p.len());
    let mut rest = p;
    while !rest.is_empty() {
        // ASCII runs are filtered byte by byte; other characters go through `char`.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        // Copied whole, then compacted in place without a branch per byte.
        let start = key.len();
        let mut kept = start;
        key.extend_from_slice(&rest.as_bytes()[..ascii]);
        for r in start..key.len() {
            let b = key[r];
            key[kept] = b.to_ascii_lowercase();
            kept += usize::from(b.is_ascii_alphanumeric());
        }
        key.truncate(kept);
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        let mut buf = [0u8; 4];
        match two_byte.get((c as usize).wrapping_sub(0x80)) {
            Some(TwoByteKey::Skip) => {}
            Some(TwoByteKey::Lower(l)) => key.extend_from_slice(l.encode_utf8(&mut buf).as_bytes()),
            Some(TwoByteKey::Other) | None => {
                if c.is_alphanumeric() {
                    for l in c.to_lowercase() {
                        key.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                    }
                }
            }
        }
    }
    // Only whole characters were written, so the bytes are valid UTF-8.
    String::from_utf8(key).unwrap_or_default()
}

/// What [`dedup_key`] writes for a character of U+0080..U+07FF (Latin, Greek, Cyrillic,
/// Hebrew, Arabic letters): nothing, its one-character lower case, or whatever the general
/// rule gives (for the few whose lower case is longer).
#[derive(Clone, Copy)]
enum TwoByteKey {
    Skip,
    Lower(char),
    Other,
}

/// [`TwoByteKey`] of each character from U+0080 to U+07FF, worked out once with the standard
/// library's own classification, so that the table and the general rule always agree.
fn two_byte_keys() -> &'static [TwoByteKey] {
    static TABLE: std::sync::OnceLock<Vec<TwoByteKey>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80u32..0x800)
            .map(|u| match char::from_u32(u) {
                Some(c) if c.is_alphanumeric() => {
                    let mut lower = c.to_lowercase();
                    match (lower.next(), lower.next()) {
                        (Some(l), None) => TwoByteKey::Lower(l),
                        _ => TwoByteKey::Other,
                    }
                }
                Some(_) => TwoByteKey::Skip,
                None => TwoByteKey::Other,
            })
            .collect()
    })
}

/// Cleans a document's paragraphs. `title` is the document's title: a paragraph equal to it is
/// never taken for a label, however short.
pub fn clean(paragraphs: Vec<String>, title: Option<&str>) -> Cleaned {
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .map(crate::fragment::normalise_space_owned)
        .collect();
    clean_normalised(paragraphs, title)
}

/// [`clean`] for paragraphs whose whitespace is already normalised (as the paragraph
/// splitters of this crate leave it), which saves checking them again.
pub(crate) fn clean_normalised(paragraphs: Vec<String>, title: Option<&str>) -> Cleaned {
    debug_assert!(paragraphs
        .iter()
        .all(|p| crate::fragment::normalise_space(p) == *p));
    let title_key = title.map(dedup_key);
    let mut out = Cleaned::default();
    let paragraphs: Vec<String> = paragraphs.into_iter().filter(|p| !p.is_empty()).collect();
    let single = paragraphs.len() == 1;
    // A page that repeats many paragraphs is structured content (a schedule, a table of
    // results) rather than a page repeating a caption or teaser: its repeats are kept.
    // Each paragraph's repeat key, computed once; `None` for paragraphs too short to count.
    let counts: Vec<usize> = paragraphs
        .iter()
        .map(|p| normalised_word_count(p))
        .collect();
    let keys: Vec<Option<String>> = paragraphs
        .iter()
        .zip(&counts)
        .map(|(p, &words)| (words >= MIN_REPEAT_WORDS).then(|| dedup_key(p)))
        .collect();
    let mut counted = HashSet::new();
    let repeats = keys
        .iter()
        .flatten()
        .filter(|k| !counted.insert(k.as_str()))
        .count();
    let dedup = repeats <= MAX_REPEATS || repeats * 5 <= paragraphs.len();
    let mut seen = HashSet::new();
    let mut kept: Vec<String> = Vec::new();
    for ((p, key), words) in paragraphs.into_iter().zip(keys).zip(counts) {
        if let Some(rule) = rule_for(&p, words) {
            out.dropped.push((rule, p));
            continue;
        }
        // Only paragraphs of some length count as repeats: short cells of tables and lists
        // ("Meal 1", "100%") legitimately recur, while repeated captions and teasers are longer.
        if dedup && key.is_some_and(|k| !seen.insert(k)) {
            out.dropped.push((Rule::Repeated, p));
            continue;
        }
        kept.push(p);
    }
    // Labels: a run of them at the end of the text, or at the start before the first paragraph
    // that is not one, is navigation. In the middle they are kept: after main-text extraction
    // they are mostly subheadings and table cells.
    let is_title = |p: &str| {
        title_key
            .as_deref()
            .is_some_and(|t| !t.is_empty() && dedup_key(p) == t)
    };
    let label = |p: &str| is_label(p) && !is_title(p);
    let n = kept.len();
    let mut drop = vec![false; n];
    let mut end = n;
    while end > 0 && label(&kept[end - 1]) {
        end -= 1;
        drop[end] = true;
    }
    let mut start = 0;
    while start < end && label(&kept[start]) {
        drop[start] = true;
        start += 1;
    }
    // A text that is nothing but short labels ("Donetsk Airport", "Popasna") is its own
    // content, not navigation around some other.
    if n > 0 && drop.iter().all(|&d| d) {
        drop.fill(false);
    }
    for (p, d) in kept.into_iter().zip(drop) {
        if d {
            out.dropped.push((Rule::Label, p));
        } else {
            out.paragraphs.push(p);
        }
    }
    // A document whose whole text is one line is a post ("Explosions in Kharkiv", "Kyiv: air
    // raid alert"), not a page around an article: no rule may empty it.
    if single && out.paragraphs.is_empty() {
        if let Some(i) = out.dropped.iter().position(|(r, _)| *r != Rule::NoContent) {
            let (_, p) = out.dropped.remove(i);
            out.paragraphs.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(paras: &[&str]) -> Cleaned {
        clean(paras.iter().map(|s| s.to_string()).collect(), None)
    }

    fn dropped_by(p: &str) -> Option<Rule> {
        let c = run(&["Air defence units shot down most of the drones over the region overnight, officials said.", p, "The governor said two people were injured in the attack on the city."]);
        c.dropped.iter().find(|(_, t)| t == p).map(|(r, _)| *r)
    }

    #[test]
    fn repeat_keys_and_word_counts_of_normalised_text() {
        for p in [
            "Kyiv, 12 May: ŞEHİR Ärzte!",
            "",
            "ΣΟΦΙΑ Σ.",
            "x\u{2003}Y-9",
            "Київ — Харків: ЗСУ, Ёлка № 5",
            "שלום עולם، مرحبا ١٢٣",
            "日本語 テキスト 🚀",
        ] {
            let by_char: String = p
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(dedup_key(p), by_char, "{p:?}");
        }
        assert_eq!(dedup_key("Kyiv, 12 May!"), "kyiv12may");
        let every: String = (0x20u32..0x900).filter_map(char::from_u32).collect();
        let by_char: String = every
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        assert_eq!(dedup_key(&every), by_char);
        for p in [
            "Air defence downed twelve drones.",
            "Одна  ракета\u{a0}збита",
            " x ",
            "a\tb\u{2003}c",
        ] {
            let n = crate::fragment::normalise_space(p);
            assert_eq!(
                normalised_word_count(&n),
                p.split_whitespace().count(),
                "{p:?}"
            );
        }
    }

    #[test]
    fn newsletter_and_subscription_prompts_are_dropped() {
        assert_eq!(dropped_by("Log in"), Some(Rule::Prompt));
        assert_eq!(
            dropped_by("Donate to keep our war coverage free for everyone"),
            Some(Rule::Prompt)
        );
        assert_eq!(
            dropped_by("Sign up for our daily briefing newsletter"),
            Some(Rule::Prompt)
        );
        assert_eq!(
            dropped_by("Subscribe now to get unlimited access to our reporting."),
            Some(Rule::Prompt)
        );
        assert_eq!(
            dropped_by("Get the morning newsletter delivered to your inbox every weekday."),
            Some(Rule::Prompt)
        );
    }

    #[test]
    fn privacy_cookie_review_and_social_prompts_are_dropped() {
        assert_eq!(
            dropped_by("We never spam! See our privacy notice for details."),
            Some(Rule::Prompt)
        );
        assert_eq!(
            dropped_by("This website uses cookies to improve your experience."),
            Some(Rule::Prompt)
        );
        assert_eq!(dropped_by("Write a review"), Some(Rule::Prompt));
        assert_eq!(
            dropped_by("How would you rate this story?"),
            Some(Rule::Prompt)
        );
        assert_eq!(
            dropped_by("Join us on Telegram for breaking updates"),
            Some(Rule::Prompt)
        );
        assert_eq!(dropped_by("Follow us on social media"), Some(Rule::Prompt));
    }

    #[test]
    fn teasers_prompts_and_notices_in_other_languages_are_dropped() {
        for (p, rule) in [
            (
                "Читайте також: Як працюватимуть укриття у школах Запоріжжя",
                Rule::Teaser,
            ),
            (
                "Читайте также: В области продлили режим готовности",
                Rule::Teaser,
            ),
            ("Lesen Sie auch: Neue Luftabwehr für Kyjiw", Rule::Teaser),
            ("Czytaj także: Rosyjski atak na Lwów", Rule::Teaser),
            (
                "Підписуйтесь на наш Telegram-канал, щоб першими дізнаватися новини",
                Rule::Prompt,
            ),
            (
                "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать главные новости.",
                Rule::Prompt,
            ),
            (
                "Ми використовуємо файли cookie, щоб покращити роботу сайту.",
                Rule::Prompt,
            ),
            ("© 2025 Південний вісник. Усі права захищено.", Rule::Prompt),
            (
                "Sign up for our morning briefing and get the day's top stories in your inbox.",
                Rule::Prompt,
            ),
        ] {
            assert_eq!(dropped_by(p), Some(rule), "{p}");
        }
        for p in [
            "Уважно читайте інструкції ДСНС про поведінку під час тривоги, радять рятувальники.",
            "Жителі підписуються під петицією про укриття у школах, повідомляє міська рада.",
        ] {
            assert_eq!(dropped_by(p), None, "{p}");
        }
    }

    #[test]
    fn teasers_are_dropped() {
        assert_eq!(
            dropped_by("Read more: Drone debris falls on Kyiv suburbs"),
            Some(Rule::Teaser)
        );
        assert_eq!(
            dropped_by("Related: Sanctions on Russian oil tankers widen"),
            Some(Rule::Teaser)
        );
        assert_eq!(
            dropped_by("Don't miss the latest from our correspondents!"),
            Some(Rule::Teaser)
        );
        assert_eq!(dropped_by("See also"), Some(Rule::Teaser));
    }

    #[test]
    fn share_print_and_counters_are_dropped() {
        assert_eq!(dropped_by("Share"), Some(Rule::Furniture));
        assert_eq!(dropped_by("Share | Print | Email"), Some(Rule::Furniture));
        assert_eq!(dropped_by("12 comments"), Some(Rule::Furniture));
        assert_eq!(dropped_by("Share this article"), Some(Rule::Furniture));
        assert_eq!(dropped_by("Advertisement"), Some(Rule::Furniture));
    }

    #[test]
    fn photo_credits_are_dropped() {
        assert_eq!(
            dropped_by("Photo: State Emergency Service of Ukraine"),
            Some(Rule::Credit)
        );
        assert_eq!(
            dropped_by("(Photo by Serhii Hudak/AFP via Getty Images)"),
            Some(Rule::Credit)
        );
        assert_eq!(dropped_by("Image credit: Telegram"), Some(Rule::Credit));
    }

    #[test]
    fn labels_at_the_end_and_start_are_dropped_but_a_single_subheading_is_kept() {
        let c = run(&[
            "World",
            "Ukraine Says Drones Hit Refinery",
            "Ukrainian drones struck an oil refinery in Russia's Saratov region overnight, officials said.",
            "Air Defence",
            "Russia's defence ministry said it had destroyed 41 drones over several regions.",
            "In Europe",
            "Latest Updates",
        ]);
        assert_eq!(
            c.paragraphs,
            [
                "Ukraine Says Drones Hit Refinery",
                "Ukrainian drones struck an oil refinery in Russia's Saratov region overnight, officials said.",
                "Air Defence",
                "Russia's defence ministry said it had destroyed 41 drones over several regions.",
            ]
        );
        assert!(c.dropped.iter().filter(|(r, _)| *r == Rule::Label).count() == 3);
    }

    #[test]
    fn a_text_of_labels_alone_is_kept() {
        for text in [
            &["Donetsk Airport"][..],
            &["Popasna"],
            &["Kramatorsk", "Sloviansk"],
        ] {
            let c = run(text);
            assert_eq!(c.paragraphs, text, "{text:?}");
            assert!(c.dropped.is_empty());
        }
        // Labels around real content still go.
        let c = run(&[
            "World",
            "Russian drones struck a depot near Kramatorsk overnight.",
        ]);
        assert_eq!(c.paragraphs.len(), 1);
    }

    #[test]
    fn a_short_title_is_not_a_label() {
        let c = clean(
            vec![
                "Kharkiv Under Fire".into(),
                "Glide bombs hit the city on Monday, the mayor said.".into(),
            ],
            Some("Kharkiv Under Fire"),
        );
        assert_eq!(c.paragraphs.len(), 2);
    }

    #[test]
    fn label_runs_in_the_middle_are_kept_as_table_cells_or_subheadings() {
        let c = run(&[
            "Shelling killed one man in Kherson, police said on Tuesday.",
            "Launched",
            "Downed",
            "Shahed Drones",
            "Officials said the strike hit a residential block.",
        ]);
        assert_eq!(c.paragraphs.len(), 5);
    }

    #[test]
    fn repeated_captions_are_kept_once() {
        let cap = "Rescuers work at the site of a missile strike in Odesa.";
        let c = run(&[
            cap,
            "A missile hit a warehouse in the port, officials said on Friday morning.",
            cap,
            "RESCUERS work at the site of a missile strike in Odesa",
        ]);
        assert_eq!(
            c.paragraphs,
            [
                cap,
                "A missile hit a warehouse in the port, officials said on Friday morning."
            ]
        );
        assert_eq!(
            c.dropped
                .iter()
                .filter(|(r, _)| *r == Rule::Repeated)
                .count(),
            2
        );
    }

    #[test]
    fn many_repeated_rows_of_a_schedule_are_kept() {
        let row = |i: u32| format!("Day {i}: convoy leaves the depot at dawn and returns by dusk.");
        let paras: Vec<String> = (0..10).map(|i| row(i % 2)).collect();
        assert_eq!(clean(paras, None).paragraphs.len(), 10);
    }

    #[test]
    fn short_repeated_cells_of_tables_are_kept() {
        let c = run(&[
            "Meal 1",
            "Eat within an hour.",
            "Meal 2",
            "Eat within an hour.",
        ]);
        assert_eq!(c.paragraphs.len(), 4);
    }

    #[test]
    fn a_document_of_one_short_line_keeps_its_text() {
        for post in [
            "Explosions in Kharkiv",
            "Kyiv: air raid alert",
            "Вибухи у Харкові",
            "Read more: Odesa port hit",
            "Follow us",
        ] {
            let c = run(&[post]);
            assert_eq!(c.paragraphs, [post], "{post}");
            assert!(c.dropped.is_empty());
        }
        assert!(run(&["* * *"]).paragraphs.is_empty());
        // In a longer text the same line is still a label and goes.
        let c = run(&[
            "Explosions in Kharkiv",
            "Air defence units shot down most of the drones over the region overnight, officials said.",
        ]);
        assert_eq!(c.paragraphs.len(), 1);
    }

    #[test]
    fn separators_without_letters_are_dropped() {
        assert_eq!(dropped_by("* * *"), Some(Rule::NoContent));
    }

    #[test]
    fn real_sentences_that_mention_prompt_words_are_kept() {
        for p in [
            "Ukraine did not subscribe to the proposal, which it said would freeze the front line.",
            "Read more than 40 times in parliament, the statement said Russia had violated the truce.",
            "Officials said the photo showed a destroyed Buk launcher near the village of Kalynivka.",
            "Kyiv said the Kremlin's share of the blame for the collapse of the talks was obvious.",
            "The ministry said people should follow official channels and shelter during alerts.",
            "Via Reuters",
            "Register your address with the consulate before travelling to the region, it said.",
        ] {
            assert_eq!(dropped_by(p), None, "{p}");
        }
    }
}
