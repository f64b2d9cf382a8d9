//! Turning parts of the tree into text: [`walk`] visits a subtree without recursion, and
//! [`paragraphs`] cuts the visible text of a page into [`Para`]s at block boundaries, recording
//! for each its owning block element and how much of it is link text.

use crate::dom::{Document, NodeData, NodeId, NONE};

/// Visits the subtree under `top` (excluding `top`) in document order without recursion.
/// `enter` returns whether to descend into the node; `exit` runs after a node's children
/// (for every entered node, whether or not it was descended into).
pub fn walk(
    doc: &Document,
    top: NodeId,
    mut enter: impl FnMut(NodeId) -> bool,
    mut exit: impl FnMut(NodeId),
) {
    let mut cur = doc.node(top).first_child;
    if cur == NONE {
        return;
    }
    loop {
        let descend = enter(cur);
        let first = doc.node(cur).first_child;
        if descend && first != NONE {
            cur = first;
            continue;
        }
        loop {
            exit(cur);
            let node = doc.node(cur);
            if node.next_sibling != NONE {
                cur = node.next_sibling;
                break;
            }
            cur = node.parent;
            if cur == top || cur == NONE {
                return;
            }
        }
    }
}

/// Elements that start a new paragraph of text.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "address"
            | "center"
            | "hr"
            | "form"
            | "fieldset"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "nav"
            | "aside"
            | "hgroup"
            | "menu"
            | "dialog"
            | "legend"
            | "picture"
    )
}

/// What kind of block a paragraph comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    /// `<p>` or plain text in a container.
    Text,
    /// `<h1>`..`<h6>`.
    Heading(u8),
    /// `<li>`, `<dt>`, `<dd>`.
    ListItem,
    /// A table cell.
    Cell,
    /// `<pre>` (whitespace kept).
    Pre,
    /// `<blockquote>`.
    Quote,
}

/// One paragraph of visible text.
#[derive(Debug, Clone)]
pub struct Para {
    /// The innermost block element containing the text.
    pub owner: NodeId,
    pub kind: ParaKind,
    /// Whitespace-collapsed text.
    pub text: String,
    /// Characters (not bytes) of `text`.
    pub chars: usize,
    /// Characters inside links.
    pub link_chars: usize,
    /// Whether the text sits inside a `<p>` element.
    pub in_p: bool,
}

struct Builder {
    text: String,
    chars: usize,
    link_chars: usize,
    pending_space: bool,
    paras: Vec<Para>,
}

impl Builder {
    fn push_text(&mut self, s: &str, in_link: bool, pre: bool) {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A run of plain characters (visible ASCII, and two-byte characters other than
            // C1 controls, U+00A0 and the soft hyphen) is copied at once.
            let start = i;
            let mut run_chars = 0;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_graphic() {
                    i += 1;
                } else if (0xC3..=0xDF).contains(&b)
                    || b == 0xC2 && bytes.get(i + 1).is_some_and(|&c| c >= 0xA1 && c != 0xAD)
                {
                    i += 2;
                } else {
                    break;
                }
                run_chars += 1;
            }
            if i > start {
                if self.pending_space {
                    self.text.push(' ');
                    self.chars += 1;
                    self.pending_space = false;
                }
                self.text.push_str(&s[start..i]);
                self.chars += run_chars;
                if in_link {
                    self.link_chars += run_chars;
                }
                continue;
            }
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            let ws = c.is_whitespace() || c == '\u{a0}';
            if pre && c == '\n' {
                self.text.push('\n');
                self.pending_space = false;
                continue;
            }
            if ws {
                if !self.text.is_empty() {
                    self.pending_space = true;
                }
                continue;
            }
            if c.is_control()
                || matches!(
                    c,
                    '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}'
                )
            {
                continue;
            }
            if self.pending_space {
                self.text.push(' ');
                self.chars += 1;
                self.pending_space = false;
            }
            self.text.push(c);
            self.chars += 1;
            if in_link {
                self.link_chars += 1;
            }
        }
    }

    fn line_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
            self.pending_space = false;
        }
    }

    fn flush(&mut self, owner: NodeId, kind: ParaKind, in_p: bool) {
        let t = self.text.trim_end();
        if !t.is_empty() {
            self.paras.push(Para {
                owner,
                kind,
                text: t.to_string(),
                chars: self.chars,
                link_chars: self.link_chars,
                in_p,
            });
        }
        self.text.clear();
        self.chars = 0;
        self.link_chars = 0;
        self.pending_space = false;
    }
}

fn kind_of(tag: &str) -> Option<ParaKind> {
    Some(match tag {
        "h1" => ParaKind::Heading(1),
        "h2" => ParaKind::Heading(2),
        "h3" => ParaKind::Heading(3),
        "h4" => ParaKind::Heading(4),
        "h5" => ParaKind::Heading(5),
        "h6" => ParaKind::Heading(6),
        "li" | "dt" | "dd" => ParaKind::ListItem,
        "td" | "th" => ParaKind::Cell,
        "pre" => ParaKind::Pre,
        "blockquote" => ParaKind::Quote,
        _ => return None,
    })
}

/// Cuts the visible text under `top` into paragraphs, skipping nodes for which `skip` is true.
pub fn paragraphs(doc: &Document, top: NodeId, skip: &[bool]) -> Vec<Para> {
    let mut b = Builder {
        text: String::new(),
        chars: 0,
        link_chars: 0,
        pending_space: false,
        paras: Vec::new(),
    };
    // Open block elements, innermost last, with the paragraph kind in force.
    let mut blocks: Vec<(NodeId, ParaKind)> = vec![(top, ParaKind::Text)];
    let mut links = 0usize;
    let mut pre = 0usize;
    let mut p_depth = 0usize;
    // Both callbacks update the same state, so it is shared through a RefCell.
    let state = std::cell::RefCell::new((&mut b, &mut blocks, &mut links, &mut pre, &mut p_depth));
    walk(
        doc,
        top,
        |id| {
            if skip[id as usize] {
                return false;
            }
            let mut st = state.borrow_mut();
            let (b, blocks, links, pre, p_depth) = &mut *st;
            let node = doc.node(id);
            match &node.data {
                NodeData::Text(t) => {
                    b.push_text(t, **links > 0, **pre > 0);
                    false
                }
                NodeData::Element { tag, .. } => {
                    let tag: &str = tag;
                    if tag == "br" {
                        b.line_break();
                    } else if is_block(tag) {
                        let (owner, kind) = *blocks.last().unwrap_or(&(top, ParaKind::Text));
                        b.flush(owner, kind, **p_depth > 0);
                        let kind = kind_of(tag).unwrap_or(kind);
                        blocks.push((id, kind));
                        if tag == "pre" {
                            **pre += 1;
                        }
                        if tag == "p" {
                            **p_depth += 1;
                        }
                    } else if tag == "a" {
                        **links += 1;
                    } else if matches!(tag, "img") {
                        // Images carry no text; alt text is not part of the article body.
                    }
                    true
                }
                NodeData::Root => true,
            }
        },
        |id| {
            if skip[id as usize] {
                return;
            }
            let mut st = state.borrow_mut();
            let (b, blocks, links, pre, p_depth) = &mut *st;
            let tag = doc.node(id).tag();
            if tag.is_empty() || tag == "br" {
                return;
            }
            if is_block(tag) {
                let (owner, kind) = *blocks.last().unwrap_or(&(top, ParaKind::Text));
                b.flush(owner, kind, **p_depth > 0);
                if blocks.len() > 1 {
                    blocks.pop();
                }
                if tag == "pre" {
                    **pre = pre.saturating_sub(1);
                }
                if tag == "p" {
                    **p_depth = p_depth.saturating_sub(1);
                }
            } else if tag == "a" {
                **links = links.saturating_sub(1);
            }
        },
    );
    let _ = state.into_inner();
    let (owner, kind) = *blocks.last().unwrap_or(&(top, ParaKind::Text));
    b.flush(owner, kind, false);
    b.paras
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_byte_characters_are_copied_and_special_ones_handled() {
        let doc = crate::dom::parse(
            "<p>Київ\u{a0}\u{a0}і\u{ad} Харків\u{85}x\u{80}y <a>ß¡é</a></p><pre>a\nb</pre>",
        );
        let paras = paragraphs(&doc, 0, &vec![false; doc.nodes.len()]);
        assert_eq!(paras[0].text, "Київ і Харків xy ß¡é");
        assert_eq!(paras[0].chars, paras[0].text.chars().count());
        assert_eq!(paras[0].link_chars, 3);
        assert_eq!(paras[1].text, "a\nb");
    }
}
