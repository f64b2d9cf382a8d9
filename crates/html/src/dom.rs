//! A tolerant HTML tokenizer and a light arena tree: [`Document`] holds [`Node`]s in document
//! order, each pointing to its parent, first child and next sibling by index.
//!
//! The parser never fails and never recurses: it scans the input once with `memchr`, closes
//! elements implicitly the way browsers do for the common cases (`<p>`, `<li>`, table cells,
//! headings), ignores stray end tags, and caps the depth of the open-element stack so that
//! pathological nesting flattens instead of growing without bound. Raw-text elements (`script`,
//! `style`, `textarea`, `title`, ...) keep their content as one text child; comments, doctypes,
//! processing instructions and CDATA sections are skipped.
//!
//! The tree borrows from the page it was parsed from: tag names, attribute values and text are
//! slices of the input unless they had to change (upper case, character references, merged
//! text runs). The attributes of all elements sit in one list, [`Document::attrs`], and
//! [`Document::get`] pairs a node with its own ([`NodeRef`]). A page thus costs a few large
//! allocations rather than several per element.

use crate::entities::decode_entities_cow;
use memchr::memchr;
use std::borrow::Cow;

/// Index of a node inside [`Document::nodes`].
pub type NodeId = u32;

/// Marks the absence of a link (no parent, child or sibling).
pub const NONE: NodeId = u32::MAX;

/// Deepest stack of open elements kept; deeper elements are attached flat at this depth.
pub const MAX_DEPTH: usize = 200;

/// An attribute of an element: its lowercase name and its decoded value. Both borrow from the
/// parsed page when they need no change (no upper case in the name, no character reference in
/// the value).
#[derive(Debug, Clone)]
pub struct Attr<'a> {
    pub name: Cow<'a, str>,
    pub value: Cow<'a, str>,
}

/// Where an element's attributes sit in [`Document::attrs`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttrRange {
    pub start: u32,
    pub end: u32,
}

/// What a node is: an element with its tag and attributes, or a run of text.
#[derive(Debug, Clone)]
pub enum NodeData<'a> {
    /// The document root, parent of everything.
    Root,
    /// An element with a lowercase tag name; its attributes are in [`Document::attrs`].
    Element { tag: Cow<'a, str>, attrs: AttrRange },
    /// Decoded text, borrowed from the page when it holds no character reference.
    Text(Cow<'a, str>),
}

/// One node of the arena tree.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub data: NodeData<'a>,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
}

/// A parsed page: nodes in document order, so every child has a larger index than its parent,
/// and the attributes of all elements in one list, each element's in a contiguous run.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub nodes: Vec<Node<'a>>,
    pub attrs: Vec<Attr<'a>>,
}

impl Node<'_> {
    /// The tag name of an element, `""` for text and the root.
    pub fn tag(&self) -> &str {
        match &self.data {
            NodeData::Element { tag, .. } => tag,
            _ => "",
        }
    }

    /// The text of a text node.
    pub fn text(&self) -> Option<&str> {
        match &self.data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Whether this is an element.
    pub fn is_element(&self) -> bool {
        matches!(self.data, NodeData::Element { .. })
    }
}

/// A node together with its attributes, as [`Document::get`] gives it: what the readers of the
/// tree need to look at one element.
#[derive(Debug, Clone, Copy)]
pub struct NodeRef<'d, 'a> {
    pub id: NodeId,
    pub node: &'d Node<'a>,
    pub attrs: &'d [Attr<'a>],
}

impl<'d> NodeRef<'d, '_> {
    /// The value of attribute `name` (lowercase) on an element.
    pub fn attr(&self, name: &str) -> Option<&'d str> {
        self.attrs
            .iter()
            .find(|a| a.name == name)
            .map(|a| &*a.value)
    }
}

impl<'a> std::ops::Deref for NodeRef<'_, 'a> {
    type Target = Node<'a>;
    fn deref(&self) -> &Node<'a> {
        self.node
    }
}

/// `s` in ASCII lower case, borrowed when it has no upper-case letter.
fn ascii_lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Elements that never have content.
pub fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "basefont"
            | "bgsound"
            | "frame"
    )
}

/// Elements whose content is raw text up to the matching end tag.
fn is_raw_text(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "textarea"
            | "title"
            | "plaintext"
    )
}

/// Start tags that close an open `<p>`.
fn closes_p(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "dd"
            | "dt"
    )
}

/// Elements that bound the search for an element to close.
fn is_scope_boundary(tag: &str) -> bool {
    matches!(
        tag,
        "table" | "td" | "th" | "caption" | "template" | "applet" | "object" | "marquee" | "html"
    )
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

struct Builder<'a> {
    nodes: Vec<Node<'a>>,
    attrs: Vec<Attr<'a>>,
    stack: Vec<NodeId>,
    /// Number of `svg`/`math` elements on the stack: inside them `/>` closes any element.
    foreign: usize,
    /// Number of `head` elements on the stack, so that content tags look for one only when
    /// there is one to close.
    heads: usize,
    /// Number of open elements of each tag that [`counted`] numbers: the search for an open
    /// `p`, `a` or `li` to close, made at most start tags, is skipped when there is none.
    open: [u32; COUNTED],
}

/// How many tags [`counted`] numbers.
const COUNTED: usize = 9;

/// The tags whose open elements the builder counts, and their slot.
fn counted(tag: &str) -> Option<usize> {
    Some(match tag {
        "p" => 0,
        "a" => 1,
        "li" => 2,
        "dt" => 3,
        "dd" => 4,
        "option" => 5,
        "tr" => 6,
        "td" => 7,
        "th" => 8,
        _ => return None,
    })
}

impl<'a> Builder<'a> {
    fn current(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn append(&mut self, data: NodeData<'a>) -> NodeId {
        let parent = self.current();
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            data,
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        let p = &mut self.nodes[parent as usize];
        let last = p.last_child;
        p.last_child = id;
        if last == NONE {
            p.first_child = id;
        } else {
            self.nodes[last as usize].next_sibling = id;
        }
        id
    }

    fn text(&mut self, s: &'a str, decode: bool) {
        if s.is_empty() {
            return;
        }
        // Merge with a preceding text sibling so that words are never split across nodes.
        let cur = self.current();
        let last = self.nodes[cur as usize].last_child;
        let text = if decode {
            decode_entities_cow(s)
        } else {
            Cow::Borrowed(s)
        };
        if last != NONE {
            if let NodeData::Text(t) = &mut self.nodes[last as usize].data {
                t.to_mut().push_str(&text);
                return;
            }
        }
        self.append(NodeData::Text(text));
    }

    fn tag_at(&self, depth: usize) -> &str {
        self.nodes[self.stack[depth] as usize].tag()
    }

    fn pop(&mut self) {
        if let Some(id) = self.stack.pop() {
            let tag = self.nodes[id as usize].tag();
            match tag {
                "svg" | "math" => self.foreign = self.foreign.saturating_sub(1),
                "head" => self.heads = self.heads.saturating_sub(1),
                _ => {
                    if let Some(k) = counted(tag) {
                        self.open[k] = self.open[k].saturating_sub(1);
                    }
                }
            }
        }
    }

    /// Whether no element named `tag` can be open: the tag is counted and its count is zero.
    fn surely_closed(&self, tag: &str) -> bool {
        counted(tag).is_some_and(|k| self.open[k] == 0)
    }

    fn truncate(&mut self, len: usize) {
        while self.stack.len() > len {
            self.pop();
        }
    }

    /// Finds the topmost open element named `tag`, stopping at any tag in `stop`
    /// or at a scope boundary. Returns its stack position.
    fn find_open(&self, tag: &str, stop: &[&str]) -> Option<usize> {
        if self.surely_closed(tag) {
            return None;
        }
        for d in (0..self.stack.len()).rev() {
            let t = self.tag_at(d);
            if t == tag {
                return Some(d);
            }
            if stop.contains(&t) || is_scope_boundary(t) {
                return None;
            }
        }
        None
    }

    fn start_tag(&mut self, tag: Cow<'a, str>, attrs: AttrRange, self_closing: bool) {
        let tag_s: &str = &tag;
        // The document skeleton is implied; repeated html/head/body tags add nothing.
        if matches!(tag_s, "html" | "body" | "head")
            && self
                .stack
                .iter()
                .any(|&id| self.nodes[id as usize].tag() == tag_s)
        {
            return;
        }
        // Content tags close an open head (its end tag is optional).
        if self.heads > 0
            && !matches!(
                tag_s,
                "meta" | "link" | "title" | "script" | "style" | "base" | "noscript" | "template"
            )
        {
            if let Some(d) = (0..self.stack.len()).find(|&d| self.tag_at(d) == "head") {
                self.truncate(d);
            }
        }
        if closes_p(tag_s) {
            if let Some(d) = self.find_open("p", &["button"]) {
                self.truncate(d);
            }
        }
        match tag_s {
            "li" => {
                if let Some(d) = self.find_open("li", &["ul", "ol", "menu"]) {
                    self.truncate(d);
                }
            }
            "dt" | "dd" => {
                let d1 = self.find_open("dt", &["dl"]);
                let d2 = self.find_open("dd", &["dl"]);
                if let Some(d) = d1.max(d2) {
                    self.truncate(d);
                }
            }
            "option" => {
                if let Some(d) = self.find_open("option", &["select", "datalist"]) {
                    self.truncate(d);
                }
            }
            "tr" => {
                if let Some(d) = self.find_open_through_cells("tr") {
                    self.truncate(d);
                }
            }
            "td" | "th" => {
                let d1 = self.find_open_through_cells("td");
                let d2 = self.find_open_through_cells("th");
                if let Some(d) = d1.max(d2) {
                    self.truncate(d);
                }
            }
            "a" => {
                if let Some(d) = self.find_open("a", &[]) {
                    self.truncate(d);
                }
            }
            _ => {}
        }
        if is_heading(tag_s) {
            if let Some(&top) = self.stack.last() {
                if is_heading(self.nodes[top as usize].tag()) {
                    self.pop();
                }
            }
        }
        let is_foreign_root = matches!(tag_s, "svg" | "math");
        let is_head = tag_s == "head";
        let slot = counted(tag_s);
        let void = is_void(tag_s) || (self_closing && (self.foreign > 0 || is_foreign_root));
        let id = self.append(NodeData::Element { tag, attrs });
        if !void && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
            if is_foreign_root {
                self.foreign += 1;
            }
            if is_head {
                self.heads += 1;
            }
            if let Some(k) = slot {
                self.open[k] += 1;
            }
        }
    }

    /// Like [`Self::find_open`] for table rows and cells, which stop only at `table`.
    fn find_open_through_cells(&self, tag: &str) -> Option<usize> {
        if self.surely_closed(tag) {
            return None;
        }
        for d in (0..self.stack.len()).rev() {
            let t = self.tag_at(d);
            if t == tag {
                return Some(d);
            }
            if t == "table" || t == "html" || t == "template" {
                return None;
            }
        }
        None
    }

    fn end_tag(&mut self, tag: &str) {
        match tag {
            "html" | "body" => return,
            "br" => {
                self.start_tag(Cow::Borrowed("br"), AttrRange::default(), false);
                return;
            }
            _ => {}
        }
        let found = if is_heading(tag) {
            // Any heading end tag closes the open heading, whatever its level.
            (0..self.stack.len())
                .rev()
                .find(|&d| is_heading(self.tag_at(d)))
        } else if is_scope_boundary(tag) || matches!(tag, "tr" | "tbody" | "thead" | "tfoot") {
            self.find_open_through_cells(tag)
        } else {
            self.find_open(tag, &[])
        };
        if let Some(d) = found {
            self.truncate(d);
        }
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Finds `</tag` (ASCII case-insensitive) followed by a delimiter, from `from`.
fn find_end_tag(bytes: &[u8], from: usize, tag: &str) -> Option<usize> {
    let t = tag.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let off = memchr(b'<', &bytes[i..])?;
        let at = i + off;
        let rest = &bytes[at + 1..];
        if rest.len() > t.len()
            && rest[0] == b'/'
            && rest[1..1 + t.len()].eq_ignore_ascii_case(t)
            && rest
                .get(1 + t.len())
                .is_none_or(|&b| is_ws(b) || b == b'>' || b == b'/')
        {
            return Some(at);
        }
        if rest.len() == t.len() + 1 && rest[0] == b'/' && rest[1..].eq_ignore_ascii_case(t) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn find_from(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|p| p + from)
}

/// Which attributes to keep: every one, or only those named in a list (lowercase).
#[derive(Debug, Clone, Copy)]
pub enum Keep<'k> {
    All,
    Only(&'k [&'k str]),
}

/// A [`Keep`] prepared for many questions: the lengths and first letters of the kept names
/// turn most other names away before any comparison.
struct KeepSet<'k> {
    keep: Keep<'k>,
    /// Bit `n` is set when a kept name has `n` bytes (names of 64 bytes or more set none).
    lens: u64,
    /// Whether a kept name starts with each (lower-case) byte.
    firsts: [bool; 256],
}

impl<'k> KeepSet<'k> {
    fn new(keep: Keep<'k>) -> KeepSet<'k> {
        let mut set = KeepSet {
            keep,
            lens: 0,
            firsts: [false; 256],
        };
        if let Keep::Only(list) = keep {
            for k in list {
                if k.len() < 64 {
                    set.lens |= 1 << k.len();
                }
                if let Some(&b) = k.as_bytes().first() {
                    set.firsts[b.to_ascii_lowercase() as usize] = true;
                }
            }
        }
        set
    }

    fn keeps(&self, raw_name: &str) -> bool {
        match self.keep {
            Keep::All => true,
            Keep::Only(list) => {
                let len = raw_name.len();
                let first = raw_name
                    .as_bytes()
                    .first()
                    .map_or(0, u8::to_ascii_lowercase);
                // Names of 64 bytes or more are compared with the list in full.
                if len < 64 && ((self.lens >> len) & 1 == 0 || !self.firsts[first as usize]) {
                    return false;
                }
                list.iter().any(|k| k.eq_ignore_ascii_case(raw_name))
            }
        }
    }
}

/// Reads a tag's attributes from `i` (just after the name) into `out`. Returns whether the tag
/// ended with `/>`, and the position after `>`.
fn read_attrs<'a>(
    html: &'a str,
    mut i: usize,
    keep: &KeepSet<'_>,
    out: &mut Vec<Attr<'a>>,
) -> (bool, usize) {
    let bytes = html.as_bytes();
    let n = bytes.len();
    let first = out.len();
    let mut self_closing = false;
    loop {
        while i < n && (is_ws(bytes[i]) || bytes[i] == b'/') {
            self_closing = bytes[i] == b'/';
            i += 1;
        }
        if i >= n {
            return (self_closing, n);
        }
        if bytes[i] == b'>' {
            return (self_closing, i + 1);
        }
        if bytes[i] == b'<' {
            // An unclosed tag ends where the next one starts, so that tag is not lost.
            return (false, i);
        }
        self_closing = false;
        let start = i;
        i += 1; // an attribute name may start with any character, even '='
        while i < n && !is_ws(bytes[i]) && !matches!(bytes[i], b'=' | b'>' | b'/' | b'<') {
            i += 1;
        }
        let raw_name = &html[start..i];
        let kept = keep.keeps(raw_name);
        while i < n && is_ws(bytes[i]) {
            i += 1;
        }
        let mut value = Cow::Borrowed("");
        if i < n && bytes[i] == b'=' {
            i += 1;
            while i < n && is_ws(bytes[i]) {
                i += 1;
            }
            let (vs, ve) = if i < n && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let vs = i + 1;
                let ve = memchr(q, &bytes[vs..]).map_or(n, |p| vs + p);
                i = (ve + 1).min(n);
                (vs, ve)
            } else {
                let vs = i;
                while i < n && !is_ws(bytes[i]) && bytes[i] != b'>' && bytes[i] != b'<' {
                    i += 1;
                }
                (vs, i)
            };
            if kept {
                value = decode_entities_cow(&html[vs..ve]);
            }
        }
        if !kept {
            continue;
        }
        let name = ascii_lower(raw_name);
        let own = &out[first..];
        if own.len() < 64 && !own.iter().any(|a| a.name == name) {
            out.push(Attr { name, value });
        }
    }
}

/// Skips a doctype or processing instruction from `from`: to just after `>`, or to a `<` that
/// starts the next tag when the `>` is missing.
fn skip_bogus(bytes: &[u8], from: usize) -> usize {
    let from = from.min(bytes.len());
    match memchr::memchr2(b'>', b'<', &bytes[from..]) {
        Some(p) if bytes[from + p] == b'>' => from + p + 1,
        Some(p) => from + p,
        None => bytes.len(),
    }
}

/// Parses `html` into a [`Document`]. Never fails; malformed markup is repaired or ignored.
pub fn parse(html: &str) -> Document<'_> {
    parse_keeping(html, Keep::All)
}

/// [`parse`], keeping only the attributes `keep` names: a reader that looks at a few
/// attributes saves building (and dropping) all the others, which are most of a page's markup.
pub fn parse_keeping<'a>(html: &'a str, keep: Keep<'_>) -> Document<'a> {
    let keep = KeepSet::new(keep);
    let bytes = html.as_bytes();
    let n = bytes.len();
    let mut b = Builder {
        nodes: Vec::with_capacity(n / 40 + 16),
        attrs: Vec::with_capacity(n / 200 + 16),
        stack: Vec::with_capacity(64),
        foreign: 0,
        heads: 0,
        open: [0; COUNTED],
    };
    b.nodes.push(Node {
        data: NodeData::Root,
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        next_sibling: NONE,
    });
    let mut i = 0;
    let mut text_start = 0;
    while i < n {
        let Some(off) = memchr(b'<', &bytes[i..]) else {
            break;
        };
        let lt = i + off;
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if next.is_ascii_alphabetic() {
            b.text(&html[text_start..lt], true);
            let ns = lt + 1;
            let mut ne = ns;
            while ne < n && !is_ws(bytes[ne]) && !matches!(bytes[ne], b'/' | b'>' | b'<') {
                ne += 1;
            }
            let tag = ascii_lower(&html[ns..ne]);
            let first_attr = b.attrs.len() as u32;
            let (self_closing, after) = read_attrs(html, ne, &keep, &mut b.attrs);
            let attrs = AttrRange {
                start: first_attr,
                end: b.attrs.len() as u32,
            };
            i = after;
            if is_raw_text(&tag) && !self_closing {
                let end = if tag == "plaintext" {
                    None
                } else {
                    find_end_tag(bytes, i, &tag)
                };
                let content_end = end.unwrap_or(n);
                let decode = matches!(&*tag, "title" | "textarea");
                let raw_tag = tag.clone();
                b.start_tag(tag, attrs, false);
                b.text(&html[i..content_end], decode);
                b.end_tag(&raw_tag);
                i = match end {
                    Some(e) => memchr(b'>', &bytes[e..]).map_or(n, |p| e + p + 1),
                    None => n,
                };
            } else {
                b.start_tag(tag, attrs, self_closing);
            }
            text_start = i;
        } else if next == b'/'
            && !bytes
                .get(lt + 2)
                .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'>')
        {
            // `</` before anything but a name is kept as text: a following real tag such as
            // `<script>` must not disappear into a bogus comment.
            i = lt + 2;
        } else if next == b'/' {
            b.text(&html[text_start..lt], true);
            let ns = lt + 2;
            if bytes.get(ns).is_some_and(|c| c.is_ascii_alphabetic()) {
                let mut ne = ns;
                while ne < n && !is_ws(bytes[ne]) && !matches!(bytes[ne], b'/' | b'>' | b'<') {
                    ne += 1;
                }
                let tag = ascii_lower(&html[ns..ne]);
                b.end_tag(&tag);
                // An end tag missing its `>` ends where the next tag starts.
                i = match memchr::memchr2(b'>', b'<', &bytes[ne..]) {
                    Some(p) if bytes[ne + p] == b'>' => ne + p + 1,
                    Some(p) => ne + p,
                    None => n,
                };
            } else {
                // `</>` is dropped; `</ junk>` is a bogus comment.
                i = memchr(b'>', &bytes[ns.min(n)..]).map_or(n, |p| ns + p + 1);
            }
            text_start = i;
        } else if next == b'!' {
            b.text(&html[text_start..lt], true);
            let rest = &bytes[lt..];
            i = if rest.starts_with(b"<!--") {
                find_from(bytes, lt + 4, b"-->").map_or(n, |p| p + 3)
            } else if rest.starts_with(b"<![CDATA[") {
                find_from(bytes, lt + 9, b"]]>").map_or(n, |p| p + 3)
            } else {
                skip_bogus(bytes, lt + 2)
            };
            text_start = i;
        } else if next == b'?' {
            b.text(&html[text_start..lt], true);
            i = skip_bogus(bytes, lt + 2);
            text_start = i;
        } else {
            // A lone '<' is text.
            i = lt + 1;
        }
    }
    if text_start < n {
        b.text(&html[text_start..], true);
    }
    Document {
        nodes: b.nodes,
        attrs: b.attrs,
    }
}

impl<'a> Document<'a> {
    /// The node with index `id`.
    pub fn node(&self, id: NodeId) -> &Node<'a> {
        &self.nodes[id as usize]
    }

    /// The node with index `id` together with its attributes.
    pub fn get(&self, id: NodeId) -> NodeRef<'_, 'a> {
        let node = &self.nodes[id as usize];
        let attrs = match &node.data {
            NodeData::Element { attrs, .. } => self
                .attrs
                .get(attrs.start as usize..attrs.end as usize)
                .unwrap_or(&[]),
            _ => &[],
        };
        NodeRef { id, node, attrs }
    }

    /// The value of attribute `name` (lowercase) on element `id`.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.get(id).attr(name)
    }

    /// The children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_, 'a> {
        Children {
            doc: self,
            next: self.nodes[id as usize].first_child,
        }
    }

    /// The index one past the last descendant of `id` (descendants are contiguous).
    pub fn subtree_end(&self, id: NodeId) -> usize {
        let mut cur = id;
        loop {
            let node = &self.nodes[cur as usize];
            if node.next_sibling != NONE {
                return node.next_sibling as usize;
            }
            if node.parent == NONE {
                return self.nodes.len();
            }
            cur = node.parent;
        }
    }

    /// All the text under `id`, concatenated without any spacing rules.
    pub fn raw_text(&self, id: NodeId) -> String {
        let mut out = String::new();
        for k in id as usize..self.subtree_end(id) {
            if let NodeData::Text(t) = &self.nodes[k].data {
                out.push_str(t);
            }
        }
        out
    }
}

/// Iterator over the children of a node.
pub struct Children<'d, 'a> {
    doc: &'d Document<'a>,
    next: NodeId,
}

impl Iterator for Children<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.doc.nodes[id as usize].next_sibling;
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(doc: &Document) -> String {
        // Prints tags with depth, iteratively.
        let mut out = String::new();
        let mut depth = vec![0usize; doc.nodes.len()];
        for (i, n) in doc.nodes.iter().enumerate().skip(1) {
            depth[i] = depth[n.parent as usize] + 1;
            match &n.data {
                NodeData::Element { tag, .. } => {
                    out.push_str(&format!("{}{}\n", " ".repeat(depth[i]), tag))
                }
                NodeData::Text(t) => out.push_str(&format!("{}{:?}\n", " ".repeat(depth[i]), t)),
                NodeData::Root => {}
            }
        }
        out
    }

    #[test]
    fn paragraphs_close_implicitly() {
        let d = parse("<body><p>one<p>two<div>three</div></body>");
        assert_eq!(
            outline(&d),
            " body\n  p\n   \"one\"\n  p\n   \"two\"\n  div\n   \"three\"\n"
        );
    }

    #[test]
    fn list_items_and_cells_close_implicitly() {
        let d = parse("<ul><li>a<li>b</ul><table><tr><td>x<td>y<tr><td>z</table>");
        let o = outline(&d);
        assert!(o.contains(" ul\n  li\n   \"a\"\n  li\n   \"b\"\n"), "{o}");
        assert_eq!(
            o.matches("  tr\n").count() + o.matches("   tr\n").count(),
            2,
            "{o}"
        );
    }

    #[test]
    fn raw_text_keeps_markup_inside_script() {
        let d = parse("<script>if (a < b) { x = '</div>'; }</script><p>after");
        let script = d.nodes.iter().position(|n| n.tag() == "script").unwrap();
        assert_eq!(d.raw_text(script as NodeId), "if (a < b) { x = '</div>'; }");
        assert!(outline(&d).contains("\"after\""));
    }

    #[test]
    fn attributes_are_decoded_and_lowercased() {
        let d = parse("<A HREF='/x?a=1&amp;b=2' Class=lead data-x>t</a>");
        let a = d.get(1);
        assert_eq!(a.tag(), "a");
        assert_eq!(a.attr("href"), Some("/x?a=1&b=2"));
        assert_eq!(a.attr("class"), Some("lead"));
        assert_eq!(a.attr("data-x"), Some(""));
    }

    #[test]
    fn comments_and_cdata_are_skipped() {
        let d = parse("a<!-- <p>hidden</p> -->b<![CDATA[c]]>d<!doctype html>e<?xml x?>f");
        assert_eq!(d.raw_text(0), "abdef");
    }

    #[test]
    fn deep_nesting_is_capped() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let d = parse(&html);
        assert_eq!(d.raw_text(0), "deep");
        let mut max = 0;
        let mut depth = vec![0usize; d.nodes.len()];
        for i in 1..d.nodes.len() {
            depth[i] = depth[d.nodes[i].parent as usize] + 1;
            max = max.max(depth[i]);
        }
        assert!(max <= MAX_DEPTH + 1, "depth {max}");
    }

    #[test]
    fn unterminated_constructs_end_at_input_end() {
        for s in [
            "<p class=\"x",
            "<!-- open",
            "<script>var a",
            "<",
            "</",
            "<a href=x",
            "</p",
        ] {
            let d = parse(s);
            assert!(!d.nodes.is_empty());
        }
        assert_eq!(parse("a < b").raw_text(0), "a < b");
    }
}
