//! Boilerplate marks: which subtrees of a page are never article text.
//!
//! [`boilerplate_marks`] marks subtrees by tag (`nav`, `aside`, `footer`, form controls, media
//! other than figures holding a table), by ARIA role, by hidden state and by class and id words
//! (`share`, `related`, `comment`, `newsletter`, `cookie`, `promo`, ...), sparing ancestors of
//! an `itemprop="articleBody"` mark and wrappers that hold most of the page.
//! [`boilerplate_marks_with`] gives the looser marks of a second pass, which ignore the words
//! that only name a place in the layout ([`LAYOUT_WORDS`]).

use crate::dom::{Document, NodeData, NodeId, NodeRef, NONE};
use std::borrow::Cow;

/// Tags whose whole subtree is never article text.
fn dropped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "option"
            | "label"
            | "nav"
            | "aside"
            | "footer"
            | "header"
            | "dialog"
            | "figure"
            | "figcaption"
            | "menu"
            | "noembed"
            | "noframes"
            | "xmp"
            | "map"
            | "picture"
            | "source"
    )
}

/// Inline tags, which class words never remove (a dateline span belongs to its paragraph).
fn inline_tag(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "span"
            | "em"
            | "strong"
            | "b"
            | "i"
            | "u"
            | "small"
            | "time"
            | "abbr"
            | "cite"
            | "q"
            | "sup"
            | "sub"
            | "mark"
            | "font"
            | "code"
    )
}

/// Words in class or id values that mark boilerplate containers. A class part matches when it
/// equals the word or starts with it (`share` matches `sharebar`, `share-tools`).
const NEG_PREFIX: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "comment",
    "disqus",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "cookie",
    "consent",
    "gdpr",
    "promo",
    "advert",
    "adslot",
    "adunit",
    "sponsor",
    "sidebar",
    "footer",
    "masthead",
    "popup",
    "modal",
    "overlay",
    "outbrain",
    "taboola",
    "toolbar",
    "byline",
    "dateline",
    "caption",
    "credit",
    "pagination",
    "pager",
    "trending",
    "popular",
    "teaser",
    "breaking",
    "banner",
    "login",
    "signin",
    "skip",
    "print",
    "author",
    "bio",
    "tags",
    "topics",
    "keywords",
    "newsfeed",
    "rail",
    "infobox",
    "timestamp",
    "published",
    "updated",
    "headline",
    "gallery",
    "slideshow",
    "carousel",
    "video",
    "more",
    "readmore",
    "alsoread",
    "see-also",
    "seealso",
    "donate",
    "paywall-prompt",
    "signature",
];

/// Class parts that mark boilerplate only as whole words.
const NEG_EXACT: &[&str] = &[
    "ad",
    "ads",
    "dfp",
    "gpt",
    "meta",
    "date",
    "tag",
    "hed",
    "dek",
    "kicker",
    "byl",
    "tools",
    "utility",
    "utilities",
    "hide",
    "hidden",
    "invisible",
    "sr",
    "offscreen",
    "most",
    "aside",
    "embed",
    "follow",
    "contact",
    "subhead",
    "postprofile",
    "info",
];

/// Boilerplate words that name a place in the layout or a piece of page furniture that is
/// sometimes used for the article's own wrapper (`layout has-sidebar`, `main-rail`,
/// `story-teaser`); the looser pass of [`boilerplate_marks_with`] ignores them.
const LAYOUT_WORDS: &[&str] = &[
    "sidebar",
    "masthead",
    "toolbar",
    "teaser",
    "breaking",
    "banner",
    "print",
    "author",
    "bio",
    "tags",
    "topics",
    "keywords",
    "newsfeed",
    "rail",
    "infobox",
    "headline",
    "gallery",
    "slideshow",
    "carousel",
    "video",
    "more",
    "readmore",
    "tools",
    "utility",
    "utilities",
    "most",
    "aside",
    "embed",
    "follow",
    "contact",
    "info",
];

/// Words that exempt a class from the negative words (`article-body` is never boilerplate).
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "main", "story", "post", "text", "prose",
];

/// Class parts that look negative but are article words.
const NEG_EXCEPTIONS: &[&str] = &[
    "commentary",
    "menuitem",
    "navigation-content",
    "authority",
    "biography",
    "tagline",
    "moreover",
    "nave",
    "navy",
    "promote",
    "published-content",
];

fn class_parts(s: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            if p.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(p.to_ascii_lowercase())
            } else {
                Cow::Borrowed(p)
            }
        })
}

/// The class words of one list grouped by their first letter, so that a class part is only
/// compared with the words that can match it.
struct ByFirst {
    groups: Vec<Vec<&'static str>>,
}

impl ByFirst {
    fn new(words: &[&'static str]) -> ByFirst {
        let mut groups = vec![Vec::new(); 256];
        for w in words {
            if let Some(&b) = w.as_bytes().first() {
                groups[b as usize].push(*w);
            }
        }
        ByFirst { groups }
    }

    /// The words that start with the same byte as `part`.
    fn candidates(&self, part: &str) -> &[&'static str] {
        part.as_bytes()
            .first()
            .map_or(&[], |&b| self.groups[b as usize].as_slice())
    }
}

/// The four word lists of [`class_verdict`], grouped once.
struct ClassWords {
    exceptions: ByFirst,
    exact: ByFirst,
    prefix: ByFirst,
    positive: ByFirst,
}

fn class_words() -> &'static ClassWords {
    static WORDS: std::sync::OnceLock<ClassWords> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| ClassWords {
        exceptions: ByFirst::new(NEG_EXCEPTIONS),
        exact: ByFirst::new(NEG_EXACT),
        prefix: ByFirst::new(NEG_PREFIX),
        positive: ByFirst::new(POSITIVE),
    })
}

/// Classifies a class or id value: whether it holds a boilerplate word, and whether it holds an
/// article word (which wins).
#[cfg(test)]
fn class_verdict(value: &str) -> (bool, bool) {
    let v = class_verdict_full(value);
    (v.neg, v.pos)
}

/// What the words of a class or id value say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Verdict {
    /// A boilerplate word.
    neg: bool,
    /// A boilerplate word that names what the block is (comments, related links, a share bar,
    /// an ad) rather than where it sits in the layout (a sidebar, a rail, a banner).
    strong: bool,
    /// An article word.
    pos: bool,
}

fn class_verdict_full(value: &str) -> Verdict {
    let words = class_words();
    let mut v = Verdict::default();
    for part in class_parts(value) {
        let p: &str = &part;
        if words.exceptions.candidates(p).contains(&p) {
            continue;
        }
        let hit = words
            .exact
            .candidates(p)
            .iter()
            .find(|w| **w == p)
            .or_else(|| {
                words
                    .prefix
                    .candidates(p)
                    .iter()
                    .find(|w| p.starts_with(**w))
            });
        if let Some(w) = hit {
            v.neg = true;
            v.strong |= !LAYOUT_WORDS.contains(w);
        }
        if words.positive.candidates(p).contains(&p) {
            v.pos = true;
        }
    }
    v
}

fn hidden(node: &NodeRef) -> bool {
    if node.attr("hidden").is_some() {
        return true;
    }
    if node.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = node.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(cls) = node.attr("class") {
        const HIDING: &[&str] = &[
            "sr-only",
            "visually-hidden",
            "visuallyhidden",
            "screen-reader-text",
            "screen-reader-only",
            "d-none",
            "is-hidden",
            "element-invisible",
        ];
        let hides = |c: &str| {
            (6..=18).contains(&c.len()) && HIDING.iter().any(|h| h.eq_ignore_ascii_case(c))
        };
        if cls.is_ascii() {
            // ASCII values are cut at ASCII whitespace byte by byte, as `split_whitespace`
            // would cut them.
            if cls
                .split([' ', '\t', '\n', '\x0b', '\x0c', '\r'])
                .any(hides)
            {
                return true;
            }
        } else if cls.split_whitespace().any(hides) {
            return true;
        }
    }
    false
}

/// Whether `hay` holds `needle` (lower-case ASCII letters), ignoring ASCII case.
pub(crate) fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    // Setting bit 5 lower-cases an ASCII letter; the full comparison settles the rest.
    hay.windows(needle.len())
        .any(|w| (w[0] | 0x20) == first && w.eq_ignore_ascii_case(needle))
}

/// A quoted post from a social network, embedded the way the networks' widgets expect.
fn is_embedded_post(node: &NodeRef) -> bool {
    const EMBEDS: &[&str] = &[
        "twitter-tweet",
        "instagram-media",
        "tiktok-embed",
        "bluesky-embed",
    ];
    node.attr("class").is_some_and(|c| {
        c.split_whitespace()
            .any(|c| EMBEDS.iter().any(|e| e.eq_ignore_ascii_case(c)))
    })
}

fn boiler_role(node: &NodeRef) -> bool {
    node.attr("role").is_some_and(|r| {
        matches!(
            r.trim().to_ascii_lowercase().as_str(),
            "navigation"
                | "complementary"
                | "banner"
                | "contentinfo"
                | "menu"
                | "menubar"
                | "dialog"
                | "alertdialog"
                | "search"
                | "toolbar"
                | "tablist"
        )
    })
}

pub(crate) fn is_article_body_mark(node: &NodeRef) -> bool {
    node.attr("itemprop").is_some_and(|v| {
        v.split_whitespace()
            .any(|x| x.eq_ignore_ascii_case("articleBody"))
    })
}

/// Share of the page's text above which a subtree is never dropped for its class words alone:
/// a wrapper holding most of the page is the page, whatever its class says.
const CLASS_DROP_MAX_SHARE: f64 = 0.5;

/// Marks every node that belongs to a boilerplate subtree. Returns the marks by tag, role and
/// hidden state alone, and those plus the marks by class and id words.
pub fn boilerplate_marks(doc: &Document) -> (Vec<bool>, Vec<bool>) {
    boilerplate_marks_with(doc, false)
}

/// [`boilerplate_marks`], or with `loose` set, the looser marks of a second pass: class and id
/// words that only name a place in the layout ([`LAYOUT_WORDS`]) do not remove a subtree.
pub fn boilerplate_marks_with(doc: &Document, loose: bool) -> (Vec<bool>, Vec<bool>) {
    let n = doc.nodes.len();
    // Ancestors of an articleBody mark and the structural roots are never removed by class.
    let mut protected = vec![false; n];
    for i in 0..n {
        let node = doc.get(i as NodeId);
        if node.is_element() && is_article_body_mark(&node) {
            let mut cur = i as NodeId;
            while cur != NONE && !protected[cur as usize] {
                protected[cur as usize] = true;
                cur = doc.node(cur).parent;
            }
        }
    }
    // Figures are images and their captions, except those that hold a table (the block
    // editors' table block): those are article text.
    let mut holds_table = vec![false; n];
    for i in (1..n).rev() {
        let node = doc.node(i as NodeId);
        if node.tag() == "table" {
            holds_table[i] = true;
        }
        if holds_table[i] && node.parent != NONE {
            holds_table[node.parent as usize] = true;
        }
    }
    // Pass 1: removal by tag, role and hidden state.
    let mut drop = vec![false; n];
    for i in 1..n {
        let node = doc.get(i as NodeId);
        if drop[node.parent as usize] {
            drop[i] = true;
            continue;
        }
        let NodeData::Element { tag, .. } = &node.data else {
            continue;
        };
        let tag: &str = tag;
        if matches!(tag, "html" | "body") {
            continue;
        }
        if hidden(&node) {
            drop[i] = true;
            continue;
        }
        if protected[i] || matches!(tag, "article" | "main") {
            continue;
        }
        drop[i] = (dropped_tag(tag) && !(tag == "figure" && holds_table[i])) || boiler_role(&node);
    }
    // Visible text below each node, and whether the node holds an embedded post (a quoted
    // tweet is part of the story even inside a `social-embed` wrapper).
    let mut text_len = vec![0usize; n];
    let mut embed = vec![false; n];
    // Links below each node and the text inside them, to find link clusters inside sentences.
    let mut links = vec![0u32; n];
    let mut link_text = vec![0usize; n];
    // Inline link clusters, and whether one lies below a node (the innermost one is dropped,
    // so that a linked name before a hover card stays in its sentence).
    let mut cluster = vec![false; n];
    let mut cluster_below = vec![false; n];
    for i in (1..n).rev() {
        if drop[i] {
            continue;
        }
        let node = doc.node(i as NodeId);
        if let NodeData::Text(t) = &node.data {
            text_len[i] += t.len();
        }
        match node.tag() {
            "blockquote" if is_embedded_post(&doc.get(i as NodeId)) => embed[i] = true,
            "a" => {
                links[i] += 1;
                link_text[i] = text_len[i];
            }
            _ => {}
        }
        let tag = node.tag();
        cluster[i] =
            inline_tag(tag) && tag != "a" && links[i] >= 3 && link_text[i] * 10 >= text_len[i] * 8;
        let parent = node.parent as usize;
        cluster_below[parent] |= cluster[i] || cluster_below[i];
        text_len[parent] += text_len[i];
        embed[parent] |= embed[i];
        links[parent] += links[i];
        link_text[parent] += link_text[i];
    }
    let limit = (text_len[0] as f64 * CLASS_DROP_MAX_SHARE) as usize;
    let hard = drop.clone();
    // Pass 2: removal by class and id words.
    for i in 1..n {
        let node = doc.get(i as NodeId);
        if drop[i] {
            continue;
        }
        if drop[node.parent as usize] {
            drop[i] = true;
            continue;
        }
        let NodeData::Element { tag, .. } = &node.data else {
            continue;
        };
        let tag: &str = tag;
        // An inline run of several links and little else is a hover card or a link list
        // tucked into a sentence.
        if cluster[i] && !cluster_below[i] && !protected[i] {
            drop[i] = true;
            continue;
        }
        if matches!(
            tag,
            "html" | "body" | "main" | "article" | "tr" | "td" | "th" | "tbody" | "thead"
        ) || protected[i]
            || inline_tag(tag)
            || text_len[i] > limit
            || embed[i]
        {
            continue;
        }
        let mut v = Verdict::default();
        for a in ["class", "id"] {
            if let Some(value) = node.attr(a) {
                let w = class_verdict_full(value);
                v.neg |= w.neg;
                v.strong |= w.strong;
                v.pos |= w.pos;
            }
        }
        if v.neg && !v.pos && (v.strong || !loose) {
            drop[i] = true;
        }
    }
    (hard, drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_match_as_the_lists_say() {
        assert_eq!(class_verdict("share-tools"), (true, false));
        assert_eq!(class_verdict("article-body sharebar"), (true, true));
        assert_eq!(class_verdict("Commentary"), (false, false));
        assert_eq!(class_verdict("AD"), (true, false));
        assert_eq!(class_verdict("adventure"), (false, false));
        assert_eq!(class_verdict("MainContent"), (false, false));
        assert_eq!(class_verdict("main content"), (false, true));
    }
}
