//! Main-text selection: which part of a page is the article.
//!
//! [`main_text`] works in three passes over the tree built by [`crate::dom::parse`]:
//! 1. boilerplate subtrees are marked by tag (`nav`, `aside`, `footer`, forms controls, media),
//!    by ARIA role, by hidden state and by class/id words (`share`, `related`, `comment`,
//!    `newsletter`, `cookie`, `promo`, ...);
//! 2. the remaining text is cut into paragraphs ([`crate::text::Para`]) and each paragraph that
//!    reads like prose (long enough, few links) adds its weight to every ancestor; the container
//!    is found by walking down from the root while one child holds most of the weight, narrowed
//!    to the densest block of paragraphs when that block holds most of it, or taken from
//!    `itemprop="articleBody"` when the page marks it;
//! 3. the container's paragraphs are kept, minus link lists, lone teasers outside the densest
//!    block, short widget lines (share prompts, photo credits, "Advertisement"), repeated
//!    captions, bylines and date stamps before the first prose paragraph, and the non-prose
//!    lines after the last one.
//!
//! [`explain`] reports the container path and the heaviest dropped subtrees of a page.

use crate::dom::{Document, NodeData, NodeId, NodeRef, NONE};
use crate::text::{paragraphs, Para, ParaKind};
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
fn class_verdict(value: &str) -> (bool, bool) {
    let words = class_words();
    let mut neg = false;
    let mut pos = false;
    for part in class_parts(value) {
        let p: &str = &part;
        if words.exceptions.candidates(p).contains(&p) {
            continue;
        }
        if words.exact.candidates(p).contains(&p)
            || words.prefix.candidates(p).iter().any(|w| p.starts_with(w))
        {
            neg = true;
        }
        if words.positive.candidates(p).contains(&p) {
            pos = true;
        }
    }
    (neg, pos)
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

fn is_article_body_mark(node: &NodeRef) -> bool {
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
        drop[i] = dropped_tag(tag) || boiler_role(&node);
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
        let mut neg = false;
        let mut pos = false;
        for a in ["class", "id"] {
            if let Some(v) = node.attr(a) {
                let (n_, p_) = class_verdict(v);
                neg |= n_;
                pos |= p_;
            }
        }
        if neg && !pos {
            drop[i] = true;
        }
    }
    (hard, drop)
}

/// Weight a paragraph gives to its containers: its non-link characters when it reads like prose.
fn weight(p: &Para) -> f64 {
    if matches!(p.kind, ParaKind::Heading(_)) {
        return 0.0;
    }
    let plain = p.chars.saturating_sub(p.link_chars);
    if p.chars < 30 || p.link_chars * 3 > p.chars {
        return 0.0;
    }
    let mut w = plain as f64;
    if p.in_p {
        w *= 1.5;
    }
    if matches!(p.kind, ParaKind::ListItem | ParaKind::Cell) {
        w *= 0.5;
    }
    // Sentences end with punctuation; menus and teasers rarely do.
    if p.text.contains(['.', ',', '!', '?', '。', '،', ';']) {
        w *= 1.2;
    }
    w
}

/// Lowest common ancestor of two nodes.
fn common_ancestor(doc: &Document, a: NodeId, b: NodeId) -> NodeId {
    let mut path = Vec::new();
    let mut cur = a;
    while cur != NONE {
        path.push(cur);
        cur = doc.node(cur).parent;
    }
    let mut cur = b;
    while cur != NONE {
        if path.contains(&cur) {
            return cur;
        }
        cur = doc.node(cur).parent;
    }
    0
}

/// Picks the article container from subtree weights.
/// The chosen container, and when the container is wider than the densest block of prose,
/// what is needed to tell the article's other clusters from stray teasers.
struct Choice {
    container: NodeId,
    /// The densest block widened by [`EXPAND`], when it lies strictly inside `container`.
    dense: Option<NodeId>,
    /// Readability-style density of each node.
    local: Vec<f64>,
    /// The density of the densest node.
    core_local: f64,
}

fn choose_container(doc: &Document, paras: &[Para], weights: &[f64], drop: &[bool]) -> Choice {
    let total = weights[0];
    // A page that marks its article body is believed when the mark holds real text.
    let mut marked: Option<NodeId> = None;
    let mut marks = 0;
    for i in 0..doc.nodes.len() {
        let node = doc.get(i as NodeId);
        if node.is_element() && !drop[i] && is_article_body_mark(&node) && weights[i] > 0.0 {
            // A page with hundreds of marks says nothing more than one with a few.
            marks += 1;
            if marks > 64 {
                break;
            }
            marked = Some(match marked {
                None => i as NodeId,
                Some(m) => common_ancestor(doc, m, i as NodeId),
            });
        }
    }
    if let Some(m) = marked {
        if weights[m as usize] >= 0.3 * total {
            return Choice {
                container: m,
                dense: None,
                local: Vec::new(),
                core_local: 0.0,
            };
        }
    }
    // Readability-style density: a paragraph counts fully for its block and that block's parent,
    // half for the grandparent. The densest node is the core of the article.
    let mut local = vec![0.0f64; doc.nodes.len()];
    for p in paras {
        let w = weight(p);
        if w == 0.0 {
            continue;
        }
        let owner = p.owner;
        local[owner as usize] += w;
        let parent = doc.node(owner).parent;
        if parent != NONE {
            local[parent as usize] += w;
            let grand = doc.node(parent).parent;
            if grand != NONE {
                local[grand as usize] += w * 0.5;
            }
        }
    }
    let mut dense: NodeId = 0;
    let mut best = 0.0;
    for (i, &l) in local.iter().enumerate() {
        if l > best && doc.nodes[i].tag() != "p" {
            best = l;
            dense = i as NodeId;
        }
    }
    let core_local = best;
    // Widen the densest node to ancestors that add little weight: a lede or a second body part.
    loop {
        let parent = doc.node(dense).parent;
        if parent == NONE
            || parent == 0
            || weights[parent as usize] > EXPAND * weights[dense as usize]
        {
            break;
        }
        dense = parent;
    }
    // Walk down from the root while one child holds nearly all the weight.
    let mut cur: NodeId = 0;
    loop {
        let here = weights[cur as usize];
        let mut best = NONE;
        let mut best_w = 0.0;
        for c in doc.children(cur) {
            if weights[c as usize] > best_w {
                best_w = weights[c as usize];
                best = c;
            }
        }
        if best == NONE || best_w < DESCEND * here {
            break;
        }
        cur = best;
    }
    // The dense core wins when it lies inside and holds most of the walked-to container.
    let end = doc.subtree_end(cur);
    let inside = dense > cur && (dense as usize) < end;
    if inside && weights[dense as usize] >= CORE_SHARE * weights[cur as usize] {
        return Choice {
            container: dense,
            dense: None,
            local,
            core_local,
        };
    }
    Choice {
        container: cur,
        dense: inside.then_some(dense),
        local,
        core_local,
    }
}

/// Share of the walked-to container's weight the dense core must hold to replace it.
const CORE_SHARE: f64 = 0.65;

/// Non-link characters that keep a link-heavy paragraph.
const LINKED_PROSE_MIN: usize = 150;

/// Share of the densest block's density that another cluster needs to count as article text.
const CLUSTER_SHARE: f64 = 0.15;

/// How much more weight than the current container an ancestor may hold and still be taken.
const EXPAND: f64 = 1.6;

/// Share of a node's weight one child must hold for the search to descend into it.
const DESCEND: f64 = 0.75;

/// Short lines that are page furniture wherever they appear.
fn is_furniture(text: &str) -> bool {
    // Counting stops past 40: longer paragraphs are never furniture.
    let words = count_words_upto(text, 41);
    if words > 40 {
        return false;
    }
    let lower = text.to_lowercase();
    let l = lower.trim_matches(|c: char| !c.is_alphanumeric());
    const STARTS: &[&str] = &[
        "advert",
        "like this story",
        "sponsored",
        "share this",
        "share on",
        "share:",
        "read more",
        "read also",
        "related:",
        "related articles",
        "related stories",
        "see also",
        "also read",
        "continue reading",
        "story continues",
        "article continues",
        "sign up",
        "subscribe",
        "click here",
        "follow us",
        "photo:",
        "photograph:",
        "image:",
        "picture:",
        "credit:",
        "image source",
        "getty images",
        "copyright",
        "©",
        "all rights reserved",
        "watch:",
        "listen:",
        "video:",
        "reporting by",
        "editing by",
        "loading",
        "skip to",
        "this article",
        "comments",
        "print",
        "email",
        "more from",
        "most read",
        "recommended",
        "you may also",
        "you might also",
        "we use cookies",
        "published",
        "updated",
        "last updated",
    ];
    if words <= 8
        && STARTS
            .iter()
            .any(|s| l.starts_with(s.trim_end_matches(':')))
    {
        return true;
    }
    // Promotions: a short paragraph asking the reader to click, share or sign up.
    if words <= 40
        && (lower.contains("click here")
            || (lower.contains("newsletter")
                && (lower.contains("sign up") || lower.contains("subscribe")))
            || lower.contains("share it with"))
    {
        return true;
    }
    let credit = [
        "getty images",
        "ap photo",
        "/reuters",
        "/afp",
        "photo by",
        "photograph by",
        "(image:",
        "(photo:",
        "(picture:",
        "(credit:",
    ];
    words <= 14 && credit.iter().any(|c| lower.contains(c))
}

/// Share of the prose that the class and id marks may remove before they are distrusted.
const MIN_KEPT_SHARE: f64 = 0.2;

/// Cuts the page into paragraphs and sums their weights up the tree. When the class and id
/// marks remove nearly all the prose of the page (a site naming its article wrapper `widget`
/// or `promo`), only the marks by tag, role and hidden state are used.
fn weigh(doc: &Document) -> (Vec<Para>, Vec<f64>, Vec<bool>) {
    let (hard, drop) = boilerplate_marks(doc);
    let (paras, weights) = weigh_with(doc, &drop);
    let kept = weights[0];
    if kept < 200.0 {
        let (hard_paras, hard_weights) = weigh_with(doc, &hard);
        if kept < MIN_KEPT_SHARE * hard_weights[0] {
            return (hard_paras, hard_weights, hard);
        }
    }
    (paras, weights, drop)
}

fn weigh_with(doc: &Document, drop: &[bool]) -> (Vec<Para>, Vec<f64>) {
    let paras = paragraphs(doc, 0, drop);
    let n = doc.nodes.len();
    let mut weights = vec![0.0f64; n];
    for p in &paras {
        weights[p.owner as usize] += weight(p);
    }
    for i in (1..n).rev() {
        let parent = doc.nodes[i].parent;
        if parent != NONE {
            weights[parent as usize] += weights[i];
        }
    }
    (paras, weights)
}

/// The main text of `doc`, paragraphs separated by a blank line.
pub fn main_text(doc: &Document, title: Option<&str>) -> String {
    let (paras, weights, drop) = weigh(doc);
    let choice = choose_container(doc, &paras, &weights, &drop);
    let container = choice.container;
    let end = doc.subtree_end(container);
    let in_container = |id: NodeId| id >= container && (id as usize) < end;
    let dense_range = choice.dense.map(|d| (d, doc.subtree_end(d)));
    // Outside the dense block, a paragraph is kept when its own cluster of paragraphs is dense
    // too (a body split in two), not when it stands alone (a teaser under a headline).
    let in_article_cluster = |p: &Para| -> bool {
        let Some((d, d_end)) = dense_range else {
            return true;
        };
        if p.owner >= d && (p.owner as usize) < d_end {
            return true;
        }
        let parent = doc.node(p.owner).parent;
        let cluster = if parent == NONE {
            0.0
        } else {
            choice.local[parent as usize]
        };
        cluster >= CLUSTER_SHARE * choice.core_local
    };
    let title_norm = title.map(norm);
    let captions = caption_texts(doc);
    // The lengths in characters of the normalised texts a paragraph is compared with: a
    // paragraph whose normalised length is not among them cannot equal any, and is not
    // normalised.
    let mut key_lens: Vec<usize> = captions
        .iter()
        .chain(title_norm.as_ref())
        .map(|k| k.chars().count())
        .collect();
    key_lens.sort_unstable();
    key_lens.dedup();
    let mut kept: Vec<&Para> = Vec::new();
    for p in paras.iter().filter(|p| in_container(p.owner)) {
        if !in_article_cluster(p) {
            continue;
        }
        // Link lists go; a long sentence carrying a hover card full of links stays.
        if p.link_chars * 2 > p.chars && p.chars.saturating_sub(p.link_chars) < LINKED_PROSE_MIN {
            continue;
        }
        if matches!(p.kind, ParaKind::Heading(1)) {
            continue;
        }
        if is_furniture(&p.text) {
            continue;
        }
        let may_match = key_lens.last().is_some_and(|&longest| {
            norm_char_len_upto(&p.text, longest).is_some_and(|l| key_lens.binary_search(&l).is_ok())
        });
        if may_match {
            let key = norm(&p.text);
            if title_norm.as_deref() == Some(key.as_str()) {
                continue;
            }
            // A paragraph repeating a figure caption or an image description is that caption
            // shown again (in a lightbox, under a gallery); other repeats are content
            // (interview questions, recipe lines) and stay.
            if !matches!(p.kind, ParaKind::Heading(_)) && captions.contains(&key) {
                continue;
            }
        }
        kept.push(p);
    }
    // Lines after the last prose paragraph are "Tell us what you think" prompts, tag lists and
    // teaser headlines rather than article text.
    let last = kept
        .iter()
        .rposition(|p| weight(p) > 0.0 || matches!(p.kind, ParaKind::Cell))
        .map_or(kept.len(), |l| l + 1);
    // Before the first prose paragraph, short lines carrying a year or opening with "By" are
    // bylines and date stamps.
    let first_prose = kept
        .iter()
        .position(|p| weight(p) > 0.0 && !is_byline_or_date(&p.text))
        .unwrap_or(0);
    let mut out = String::new();
    for (i, p) in kept[..last].iter().enumerate() {
        if i < first_prose && is_byline_or_date(&p.text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p.text);
    }
    out
}

/// A short line that reads as a byline or a date stamp.
fn is_byline_or_date(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words > 12 {
        return false;
    }
    let lower = text.to_lowercase();
    if lower.starts_with("by ") || lower.starts_with("от ") || lower.starts_with("автор") {
        return true;
    }
    // A plausible year (four digits from 1900 to 2099) with a day or a time beside it.
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty())
        .collect();
    let year = numbers
        .iter()
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    year && numbers.len() >= 2
}

/// The normalised texts of figure captions and image descriptions of four words or more.
fn caption_texts(doc: &Document) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for i in 0..doc.nodes.len() {
        let node = doc.get(i as NodeId);
        let text = match node.tag() {
            "figcaption" => doc.raw_text(i as NodeId),
            "img" => node.attr("alt").unwrap_or("").to_string(),
            _ => continue,
        };
        let key = norm(&text);
        if key.split(' ').count() >= 4 {
            out.insert(key);
        }
    }
    out
}

/// The number of words of `s` as `split_whitespace` cuts them, counting stops at `cap`.
fn count_words_upto(s: &str, cap: usize) -> usize {
    let (mut words, mut in_word) = (0usize, false);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && words < cap {
        let b = bytes[i];
        let ws = if b.is_ascii() {
            i += 1;
            matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
        } else if (0xC2..=0xDF).contains(&b) && i + 1 < bytes.len() {
            // Two-byte characters: only U+0085 and U+00A0 are whitespace.
            let ws = b == 0xC2 && matches!(bytes[i + 1], 0x85 | 0xA0);
            i += 2;
            ws
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            c.is_whitespace()
        };
        if ws {
            in_word = false;
        } else if !in_word {
            words += 1;
            in_word = true;
        }
    }
    words
}

/// The length in characters of [`norm`]`(s)`, found without building it, or `None` as soon as
/// it exceeds `cap`. Lower case has as many characters as the text except for U+0130 (capital
/// I with a dot), which becomes two.
fn norm_char_len_upto(s: &str, cap: usize) -> Option<usize> {
    let (mut len, mut words, mut in_word) = (0usize, 0usize, false);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // One- and two-byte characters are read from the bytes; U+0130 is C4 B0.
        let (ws, chars) = if b.is_ascii() {
            i += 1;
            let ws = matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
            (ws, 1)
        } else if (0xC2..=0xDF).contains(&b) && i + 1 < bytes.len() {
            let next = bytes[i + 1];
            i += 2;
            let ws = b == 0xC2 && matches!(next, 0x85 | 0xA0);
            (ws, if b == 0xC4 && next == 0xB0 { 2 } else { 1 })
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            (c.is_whitespace(), 1)
        };
        if ws {
            in_word = false;
        } else {
            if !in_word {
                words += 1;
                in_word = true;
            }
            len += chars;
            if len + words - 1 > cap {
                return None;
            }
        }
    }
    Some(len + words.saturating_sub(1))
}

/// The words of `s` joined by single spaces, in lower case.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

/// A description of how [`main_text`] reads `doc`: the path to the chosen container, and the
/// heaviest dropped subtrees with the class or tag that dropped them. Meant for tuning by eye.
pub fn explain(doc: &Document) -> String {
    let (hard, _) = boilerplate_marks(doc);
    let (paras, _, drop) = weigh(doc);
    let keep_all = hard;
    let all = paragraphs(doc, 0, &keep_all);
    let n = doc.nodes.len();
    let mut weights = vec![0.0f64; n];
    let mut raw = vec![0.0f64; n];
    for p in &paras {
        weights[p.owner as usize] += weight(p);
    }
    for p in &all {
        raw[p.owner as usize] += weight(p);
    }
    for i in (1..n).rev() {
        let parent = doc.nodes[i].parent;
        if parent != NONE {
            weights[parent as usize] += weights[i];
            raw[parent as usize] += raw[i];
        }
    }
    let container = choose_container(doc, &paras, &weights, &drop).container;
    let mut out = String::new();
    let mut path = Vec::new();
    let mut cur = container;
    while cur != NONE {
        path.push(cur);
        cur = doc.node(cur).parent;
    }
    for id in path.iter().rev() {
        let node = doc.get(*id);
        out.push_str(&format!(
            "{} #{} class={:?} id={:?} w={:.0}\n",
            node.tag(),
            id,
            node.attr("class").unwrap_or(""),
            node.attr("id").unwrap_or(""),
            weights[*id as usize]
        ));
    }
    for c in doc.children(container) {
        let node = doc.get(c);
        if node.is_element() && weights[c as usize] > 0.0 {
            out.push_str(&format!(
                "  child {} #{} class={:?} id={:?} w={:.0}\n",
                node.tag(),
                c,
                node.attr("class").unwrap_or(""),
                node.attr("id").unwrap_or(""),
                weights[c as usize]
            ));
        }
    }
    out.push_str(&format!(
        "total kept weight {:.0}, before dropping {:.0}\n",
        weights[0], raw[0]
    ));
    let mut dropped: Vec<(f64, NodeId)> = (1..n)
        .filter(|&i| drop[i] && !drop[doc.nodes[i].parent as usize] && raw[i] > 0.0)
        .map(|i| (raw[i], i as NodeId))
        .collect();
    dropped.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (w, id) in dropped.iter().take(12) {
        let node = doc.get(*id);
        out.push_str(&format!(
            "dropped {} #{} class={:?} id={:?} w={:.0}\n",
            node.tag(),
            id,
            node.attr("class").unwrap_or(""),
            node.attr("id").unwrap_or(""),
            w
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_length_is_found_without_normalising() {
        for s in [
            "",
            "  ",
            "Air Defence",
            " Kyiv\t\tstrike \n",
            "a\u{0b}b\u{0c}c\rd",
            "x\u{1c}y",
            "Київ\u{a0}і Харків",
            "İSTANBUL ΟΔΟΣ Σ",
            "a\u{85}b\u{a0}c\u{ad}d\u{80}e ß\u{7ff}\u{800}",
            "\u{2003}Kelvin \u{212a}\u{3000}",
        ] {
            let n = norm(s).chars().count();
            assert_eq!(norm_char_len_upto(s, 999), Some(n), "{s:?}");
            assert_eq!(norm_char_len_upto(s, n), Some(n), "{s:?}");
            if n > 0 {
                assert_eq!(norm_char_len_upto(s, n - 1), None, "{s:?}");
            }
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_cuts_them() {
        for s in [
            "",
            " a  b ",
            "Київ\u{a0}і\u{2003}Харків",
            "x\u{0b}y\u{85}z",
            "one",
            "İ\u{ad}\u{80} ß\u{7ff}\u{800}\u{3000}z",
        ] {
            assert_eq!(
                count_words_upto(s, 99),
                s.split_whitespace().count(),
                "{s:?}"
            );
            assert_eq!(count_words_upto(s, 1), s.split_whitespace().count().min(1));
        }
        assert!(contains_ignore_ascii_case(b"Visually-Hidden", b"hidden"));
        assert!(!contains_ignore_ascii_case(b"hidde", b"hidden"));
    }

    #[test]
    fn only_one_character_changes_length_in_lower_case() {
        let longer: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().count() != 1)
            .collect();
        assert_eq!(longer, ['\u{130}']);
    }

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
