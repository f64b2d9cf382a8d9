//! Main-text selection: which part of a page is the article.
//!
//! [`main_text`] works in three passes over the tree built by [`crate::dom::parse`]:
//! 1. boilerplate subtrees are marked by tag (`nav`, `aside`, `footer`, forms controls, media
//!    other than figures holding a table), by ARIA role, by hidden state and by class/id words
//!    (`share`, `related`, `comment`, `newsletter`, `cookie`, `promo`, ...); when what is left
//!    is short, a second, looser pass keeps the subtrees whose words only name a place in the
//!    layout (`has-sidebar`, `rail`, `teaser`) and is used when it gives several times the prose;
//! 2. the remaining text is cut into paragraphs ([`crate::text::Para`]) and each paragraph that
//!    reads like prose (long enough, few links, or a sentence of its own with some of its words
//!    linked; list items that are sentences count in full) adds its weight to every ancestor;
//!    the container is found by walking down from the root while one child holds most of the
//!    weight, narrowed to the densest block of paragraphs when that block holds most of it, or
//!    taken from `itemprop="articleBody"` when the page marks it; siblings of the container
//!    made by the same template (the body split by an inserted ad) continue it;
//! 3. the container's paragraphs are kept, minus link lists, lone teasers outside the densest
//!    block, short widget lines (share prompts, photo credits, "Advertisement", their
//!    Ukrainian, Russian, German and Polish forms), repeated captions, bylines and date stamps
//!    before the first prose paragraph, and the non-prose lines after the last one. A sentence
//!    in a block made like the blocks of the article's prose (a one-line post of a channel
//!    page, a last paragraph dense with links) is body text however short it is.
//!
//! [`explain`] reports the container path and the heaviest dropped subtrees of a page.

use crate::dom::{Document, NodeData, NodeId, NONE};
use crate::furniture::{is_byline_or_date, is_furniture};
use crate::marks::is_article_body_mark;
pub use crate::marks::{boilerplate_marks, boilerplate_marks_with};
use crate::text::{paragraphs, Para, ParaKind};

/// Weight a paragraph gives to its containers: its non-link characters when it reads like prose.
fn weight(p: &Para) -> f64 {
    if matches!(p.kind, ParaKind::Heading(_)) {
        return 0.0;
    }
    let plain = p.chars.saturating_sub(p.link_chars);
    if p.chars < 30 {
        return 0.0;
    }
    let mut w = plain as f64;
    if p.link_chars * 3 > p.chars {
        // A paragraph of a third to two thirds links reads as prose when it is a sentence of
        // its own (`<p>` with closing punctuation): a portal that links names and earlier
        // stories throughout its text. It weighs half; link lists and teasers weigh nothing.
        let sentence = p.in_p
            && p.link_chars * 3 <= p.chars * 2
            && p.text
                .trim_end()
                .ends_with(['.', '!', '?', '…', '"', '»', '”', ')']);
        if !sentence {
            return 0.0;
        }
        w *= 0.5;
    }
    if p.in_p {
        w *= 1.5;
    }
    // List items and cells are mostly menus, links and figures; an item that is a sentence of
    // its own (a body written as a list of points) counts in full.
    let sentence_item = matches!(p.kind, ParaKind::ListItem)
        && p.chars >= 40
        && p.text.trim_end().ends_with(['.', '!', '?', '…']);
    if matches!(p.kind, ParaKind::ListItem | ParaKind::Cell) && !sentence_item {
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
        // A paragraph is never the container on its own: the short lines beside it (the first
        // line of a post, a subheading) belong with it.
        if best == NONE || best_w < DESCEND * here || doc.node(best).tag() == "p" {
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

/// Share of the prose that the class and id marks may remove before they are distrusted.
const MIN_KEPT_SHARE: f64 = 0.2;

/// Cuts the page into paragraphs and sums their weights up the tree. When the class and id
/// marks remove nearly all the prose of the page (a site naming its article wrapper `widget`
/// or `promo`), only the marks by tag, role and hidden state are used.
///
/// When what is left is short ([`SMALL_KEPT`]), a second, looser pass keeps the subtrees whose
/// class words only name a place in the layout; its paragraphs are used when they give several
/// times the prose (a theme naming the wrapper of the article and its sidebar `has-sidebar`,
/// which would otherwise leave a footer paragraph as the article).
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
    if kept < SMALL_KEPT {
        let (_, loose) = boilerplate_marks_with(doc, true);
        if loose != drop {
            let (loose_paras, loose_weights) = weigh_with(doc, &loose);
            let gain = loose_weights[0] - kept;
            if loose_weights[0] >= LOOSE_GAIN * kept && gain >= LOOSE_MIN_GAIN {
                return (loose_paras, loose_weights, loose);
            }
        }
    }
    (paras, weights, drop)
}

/// Prose weight below which the looser second pass is tried (about 600 characters of prose).
const SMALL_KEPT: f64 = 1000.0;

/// How many times the prose of the first pass the looser pass must give to be used, and how
/// much more at least.
const LOOSE_GAIN: f64 = 2.0;
const LOOSE_MIN_GAIN: f64 = 250.0;

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
    // Siblings of the container made by the same template (an ad or a newsletter box inserted
    // into the body splits it into several wrappers) continue the body.
    let continued = continuations(doc, container, &weights, &drop);
    let in_continuation = |id: NodeId| continued.iter().any(|&(s, e)| id >= s && (id as usize) < e);
    let in_container = |id: NodeId| id >= container && (id as usize) < end || in_continuation(id);
    let dense_range = choice.dense.map(|d| (d, doc.subtree_end(d)));
    // Outside the dense block, a paragraph is kept when its own cluster of paragraphs is dense
    // too (a body split in two), not when it stands alone (a teaser under a headline).
    let in_article_cluster = |p: &Para| -> bool {
        let Some((d, d_end)) = dense_range else {
            return true;
        };
        if in_continuation(p.owner) {
            return true;
        }
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
    // The blocks that hold the article's prose, by their make: a sentence in a block made the
    // same way belongs to the body however short it is or however many links it carries.
    let in_core = |id: NodeId| match dense_range {
        Some((d, d_end)) => id >= d && (id as usize) < d_end,
        None => in_container(id),
    };
    let mut prose_blocks: Vec<Signature> = Vec::new();
    for p in paras.iter().filter(|p| in_core(p.owner) && weight(p) > 0.0) {
        let sig = signature(doc, p.owner);
        if !prose_blocks.contains(&sig) {
            prose_blocks.push(sig);
            if prose_blocks.len() >= MAX_PROSE_BLOCKS {
                break;
            }
        }
    }
    let in_prose_block =
        |p: &Para| is_sentence(p) && prose_blocks.contains(&signature(doc, p.owner));
    let mut kept: Vec<&Para> = Vec::new();
    for p in paras.iter().filter(|p| in_container(p.owner)) {
        // Outside the densest block, a short sentence in a block made like the body's (a
        // one-line post of a channel page, a short update of a live blog) is body text too.
        if !(in_article_cluster(p) || in_prose_block(p) && weight(p) == 0.0) {
            continue;
        }
        // Link lists go; a long sentence carrying a hover card full of links stays, and so does
        // a sentence of the body with several of its words linked.
        if p.link_chars * 2 > p.chars
            && p.chars.saturating_sub(p.link_chars) < LINKED_PROSE_MIN
            && !(in_prose_block(p) && p.chars.saturating_sub(p.link_chars) >= LINKED_SENTENCE_MIN)
        {
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
    // Sentences after it in blocks made like the prose blocks (a short last post, a last
    // paragraph dense with links) still belong to the body; the lines between them do not.
    let mut tail: Vec<&Para> = Vec::new();
    if last > 0 && last < kept.len() {
        let prose: Vec<Signature> = kept[..last]
            .iter()
            .filter(|p| weight(p) > 0.0)
            .map(|p| signature(doc, p.owner))
            .collect();
        let flow = doc.node(kept[last - 1].owner).parent;
        for &p in &kept[last..] {
            let light = p.link_chars * 3 <= p.chars;
            let same_flow = doc.node(p.owner).parent == flow;
            if is_sentence(p) && (light || same_flow) && prose.contains(&signature(doc, p.owner)) {
                tail.push(p);
            } else if p.chars > TAIL_GAP_MAX {
                break;
            }
        }
    }
    // Before the first prose paragraph, short lines carrying a year or opening with "By" are
    // bylines and date stamps.
    let first_prose = kept
        .iter()
        .position(|p| weight(p) > 0.0 && !is_byline_or_date(&p.text))
        .unwrap_or(0);
    let mut out = String::new();
    for (i, p) in kept[..last].iter().chain(&tail).enumerate() {
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

/// Main texts shorter than this (in characters) may be a page about one short post.
const SHORT_POST_MAX: usize = 300;

/// Posts longer than this (in characters) count as prose and are found by the weights.
const SHORT_POST_WORDS_MAX: usize = 60;

/// The text of a page about one short post (a channel's or a social network's post page,
/// whose description repeats the post), when the post is a few words, and the main text `found`
/// is at most one short paragraph and does not hold the post: the deepest visible element whose
/// whole text is the `description`. A post of a few words has no paragraph long enough to count as prose, so the
/// weights pass it over for a stray paragraph of the page.
pub fn short_post(
    doc: &Document,
    description: &str,
    title: Option<&str>,
    found: &str,
) -> Option<String> {
    let key = alnum_key(description);
    // A page whose description is its headline says nothing about a post.
    if key.is_empty()
        || title.is_some_and(|t| alnum_key(t) == key)
        || description.chars().count() > SHORT_POST_WORDS_MAX
        || found.chars().count() >= SHORT_POST_MAX
        || found.contains("\n\n")
        || alnum_key(found).contains(&key)
    {
        return None;
    }
    let (hard, _) = boilerplate_marks(doc);
    let n = doc.nodes.len();
    let mut len = vec![0usize; n];
    for i in (1..n).rev() {
        if hard[i] {
            continue;
        }
        let node = doc.node(i as NodeId);
        if let NodeData::Text(t) = &node.data {
            len[i] += t.len();
        }
        if node.parent != NONE {
            len[node.parent as usize] += len[i];
        }
    }
    let (lo, hi) = (description.len() / 2, description.len() * 2 + 64);
    let post = (1..n)
        .rev()
        .filter(|&i| {
            let node = doc.get(i as NodeId);
            !hard[i]
                && (lo..=hi).contains(&len[i])
                && node.is_element()
                && !matches!(node.tag(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
        })
        .find(|&i| alnum_key(&doc.raw_text(i as NodeId)) == key)?;
    let text = paragraphs(doc, post as NodeId, &hard)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n\n");
    (!text.is_empty()).then_some(text)
}

/// The letters and digits of `s` in lower case: two texts that differ only in spacing and
/// punctuation have the same key.
fn alnum_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The subtrees (start and end ids) of the element siblings of `container` that have its tag
/// and class and hold prose: parts of one body that the page's template split.
fn continuations(
    doc: &Document,
    container: NodeId,
    weights: &[f64],
    drop: &[bool],
) -> Vec<(NodeId, usize)> {
    let node = doc.get(container);
    let parent = doc.node(container).parent;
    if parent == NONE || !node.is_element() || matches!(node.tag(), "body" | "html") {
        return Vec::new();
    }
    let (tag, class) = (node.tag(), node.attr("class"));
    doc.children(parent)
        .filter(|&c| c != container && !drop[c as usize] && weights[c as usize] > 0.0)
        .filter(|&c| {
            let sib = doc.get(c);
            sib.is_element() && sib.tag() == tag && sib.attr("class") == class
        })
        .map(|c| (c, doc.subtree_end(c)))
        .collect()
}

/// Lines longer than this (in characters) end the search for body sentences after the last
/// prose paragraph; shorter ones (view counts, times, share buttons) are stepped over.
const TAIL_GAP_MAX: usize = 40;

/// Different makes of prose blocks looked at, at most.
const MAX_PROSE_BLOCKS: usize = 16;

/// Non-link characters that keep a sentence of the body whose other words are links.
const LINKED_SENTENCE_MIN: usize = 40;

/// A paragraph that ends like a sentence and is not mostly links.
fn is_sentence(p: &Para) -> bool {
    p.link_chars * 4 < p.chars * 3
        && p.text
            .trim_end()
            .ends_with(['.', '!', '?', '…', '"', '»', '”', ')'])
}

/// What makes a block look like another one of its page: its tag and class, and its parent's.
type Signature<'d> = [(&'d str, Option<&'d str>); 2];

fn signature<'d>(doc: &'d Document, id: NodeId) -> Signature<'d> {
    let of = |id: NodeId| {
        if id == NONE {
            return ("", None);
        }
        let n = doc.get(id);
        (doc.node(id).tag(), n.attr("class"))
    };
    [of(id), of(doc.node(id).parent)]
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
    fn only_one_character_changes_length_in_lower_case() {
        let longer: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().count() != 1)
            .collect();
        assert_eq!(longer, ['\u{130}']);
    }
}
