//! [`ExportReader`]: a JSON document read message by message, so that a message that is not
//! valid JSON costs only itself. The document's own fields are scanned without building the
//! message lists; each list is then read one element at a time, and after an element that does
//! not parse, reading resumes at the next message start (a `{` opening a line and followed by an
//! `"id"` key, as the desktop client writes messages).

use super::{is_message, message_record, Channel, Outcome};
use crate::{IngestError, RawDoc};
use serde::de::IgnoredAny;
use serde_json::{Map, Value};
use std::collections::VecDeque;

/// Reads a JSON document (not JSON Lines) message by message: a channel export, an account
/// export with chat lists, an array of messages or plain records, or one plain record.
pub struct ExportReader {
    bytes: Vec<u8>,
    input: String,
    base: String,
    /// Message lists still to read: the channel and the byte where its array opens.
    lists: VecDeque<(Channel, usize)>,
    /// The list being read: its channel, the next byte, and how many elements were seen.
    current: Option<(Channel, usize, u64)>,
    /// Items found before reading messages (a plain record, errors about the document).
    queue: VecDeque<Result<RawDoc, IngestError>>,
    /// Records yielded and messages skipped, for the warning when nothing comes out.
    yielded: u64,
    skipped: u64,
    /// Whether the document holds a list of messages (or is an array) at all.
    lists_found: bool,
    done: bool,
}

impl ExportReader {
    /// `input` names the input in messages; `base` starts the ids of plain records without one.
    pub fn new(bytes: Vec<u8>, input: String, base: String) -> Self {
        let mut r = ExportReader {
            bytes,
            input,
            base,
            lists: VecDeque::new(),
            current: None,
            queue: VecDeque::new(),
            yielded: 0,
            skipped: 0,
            lists_found: false,
            done: false,
        };
        r.scan_top();
        r.lists_found = r.current.is_some() || !r.lists.is_empty();
        r
    }

    fn err(&self, position: impl Into<String>, message: impl Into<String>) -> IngestError {
        IngestError::Export {
            input: self.input.clone(),
            position: position.into(),
            message: message.into(),
        }
    }

    /// Finds the message lists of the document (or its plain records).
    fn scan_top(&mut self) {
        let mut at = skip_bom_and_space(&self.bytes, 0);
        match self.bytes.get(at) {
            Some(b'[') => {
                // An array of messages or records.
                self.current = Some((Channel::default(), at + 1, 0));
            }
            Some(b'{') => {
                let mut fields = Fields::default();
                if let Err(e) = scan_object(&self.bytes, &mut at, &mut fields) {
                    // With message lists found, what can be read is read, and the messages say
                    // where the document breaks.
                    if fields.messages.is_none() && fields.chats.is_empty() {
                        self.queue.push_back(Err(self.err(
                            format!("byte {}", e.offset),
                            format!("not a valid JSON document: {}", e.message),
                        )));
                        return;
                    }
                }
                let channel = fields.channel();
                if let Some(m) = fields.messages {
                    self.lists.push_back((channel, m));
                }
                for (c, m) in std::mem::take(&mut fields.chats) {
                    self.lists.push_back((c, m));
                }
                if self.lists.is_empty() {
                    // One plain record written over several lines.
                    let parsed: Result<Value, _> = serde_json::from_slice(&self.bytes);
                    match parsed {
                        Ok(Value::Object(obj)) if obj.contains_key("text") || obj.contains_key("html") => {
                            let at = format!("{}: the document", self.input);
                            let r = crate::jsonl::plain_record(&obj, &self.input, &at, &self.base, 1)
                                .map_err(|m| self.err("the document", m));
                            self.queue.push_back(r);
                        }
                        _ => self.queue.push_back(Err(self.err(
                            "the document",
                            "a JSON object with neither \"messages\" (a channel export) nor \"text\" or \"html\"",
                        ))),
                    }
                }
            }
            _ => self.queue.push_back(Err(self.err(
                "byte 0",
                "not a JSON document (neither an object nor an array)",
            ))),
        }
    }

    /// The next element of the list being read, with its number; `None` at the list's end.
    fn next_element(&mut self) -> Option<(Element, u64)> {
        let (_, at, n) = self.current.as_mut()?;
        let b = &self.bytes;
        let mut i = skip_space(b, *at);
        if b.get(i) == Some(&b',') && *n > 0 {
            i = skip_space(b, i + 1);
        }
        match b.get(i) {
            None => {
                let n = *n;
                self.current = None;
                return Some((Element::Truncated(i), n + 1));
            }
            Some(b']') => {
                self.current = None;
                return None;
            }
            _ => {}
        }
        *n += 1;
        let n = *n;
        match parse_value(b, i) {
            Ok((v, end)) => {
                let after = skip_space(b, end);
                if matches!(b.get(after), Some(b',' | b']') | None) {
                    if let Some(cur) = self.current.as_mut() {
                        cur.1 = after;
                    }
                    Some((Element::Value(v), n))
                } else {
                    let fault = JsonFault {
                        offset: after,
                        message: "expected a comma or the end of the list".into(),
                    };
                    self.resync(after);
                    Some((Element::Broken(fault), n))
                }
            }
            Err(fault) => {
                self.resync(fault.offset.max(i + 1));
                Some((Element::Broken(fault), n))
            }
        }
    }

    /// Moves the list being read to the next message start at or after `from`, or ends it.
    fn resync(&mut self, from: usize) {
        match next_message_start(&self.bytes, from) {
            Some(p) => {
                if let Some(cur) = self.current.as_mut() {
                    cur.1 = p;
                }
            }
            None => self.current = None,
        }
    }
}

impl Iterator for ExportReader {
    type Item = Result<RawDoc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                if item.is_ok() {
                    self.yielded += 1;
                }
                return Some(item);
            }
            if self.done {
                return None;
            }
            if self.current.is_none() {
                match self.lists.pop_front() {
                    Some((c, at)) => self.current = Some((c, at, 0)),
                    None => {
                        self.done = true;
                        // A document that is no export was reported as such already.
                        if self.yielded == 0 && self.lists_found {
                            let what = if self.skipped > 0 {
                                format!(
                                    "no messages with text ({} service or media-only messages)",
                                    self.skipped
                                )
                            } else {
                                "no messages".to_string()
                            };
                            return Some(Err(self.err("the export", what)));
                        }
                        return None;
                    }
                }
            }
            let Some((element, n)) = self.next_element() else {
                continue;
            };
            let position = format!("message {n}");
            let channel = self
                .current
                .as_ref()
                .map(|c| c.0.clone())
                .unwrap_or_default();
            match element {
                Element::Truncated(at) => {
                    return Some(Err(self.err(
                        format!("byte {at}"),
                        "the document ends inside its list of messages (a cut-off file?); \
                         the messages before this point were read",
                    )))
                }
                Element::Broken(f) => {
                    return Some(Err(self.err(
                        format!("{position} (byte {})", f.offset),
                        format!("not valid JSON: {}; skipped", f.message),
                    )))
                }
                Element::Value(Value::Object(obj)) if !is_message(&obj) => {
                    // A plain record in an array of records.
                    let at = format!("{}: {position}", self.input);
                    let r = crate::jsonl::plain_record(&obj, &self.input, &at, &self.base, n)
                        .map_err(|m| self.err(position, m));
                    if r.is_ok() {
                        self.yielded += 1;
                    }
                    return Some(r);
                }
                Element::Value(v) => match message_record(&v, &channel, &self.input, &position) {
                    Ok(Outcome::Record(raw)) => {
                        self.yielded += 1;
                        return Some(Ok(*raw));
                    }
                    Ok(Outcome::Skipped) => self.skipped += 1,
                    Err(m) => {
                        let id = v
                            .get("id")
                            .map(|i| format!(" (id {i})"))
                            .unwrap_or_default();
                        return Some(Err(self.err(format!("{position}{id}"), m)));
                    }
                },
            }
        }
    }
}

/// One element of a message list.
enum Element {
    Value(Value),
    /// Not valid JSON; reading goes on at the next message.
    Broken(JsonFault),
    /// The document ends (at this byte) before the list is closed.
    Truncated(usize),
}

/// Where and why a JSON value could not be read.
#[derive(Debug)]
struct JsonFault {
    offset: usize,
    message: String,
}

/// Parses the JSON value starting at byte `at`; returns it with the byte just after it.
fn parse_value(b: &[u8], at: usize) -> Result<(Value, usize), JsonFault> {
    let mut stream = serde_json::Deserializer::from_slice(&b[at..]).into_iter::<Value>();
    match stream.next() {
        Some(Ok(v)) => Ok((v, at + stream.byte_offset())),
        Some(Err(e)) => Err(fault(b, at, &e)),
        None => Err(JsonFault {
            offset: b.len(),
            message: "the document ends where a value was expected".into(),
        }),
    }
}

/// Skips the JSON value starting at byte `at` without building it; returns the byte after it.
fn skip_value(b: &[u8], at: usize) -> Result<usize, JsonFault> {
    let mut stream = serde_json::Deserializer::from_slice(&b[at..]).into_iter::<IgnoredAny>();
    match stream.next() {
        Some(Ok(_)) => Ok(at + stream.byte_offset()),
        Some(Err(e)) => Err(fault(b, at, &e)),
        None => Err(JsonFault {
            offset: b.len(),
            message: "the document ends where a value was expected".into(),
        }),
    }
}

/// The byte offset of a parse error from its line and column within `b[at..]`.
fn fault(b: &[u8], at: usize, e: &serde_json::Error) -> JsonFault {
    let mut offset = at;
    let (line, col) = (e.line(), e.column());
    if line > 0 {
        let mut lines = 1;
        let mut i = at;
        while lines < line && i < b.len() {
            match memchr::memchr(b'\n', &b[i..]) {
                Some(k) => {
                    i += k + 1;
                    lines += 1;
                }
                None => break,
            }
        }
        offset = (i + col.saturating_sub(1)).min(b.len());
    }
    JsonFault {
        offset,
        message: e.to_string(),
    }
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

fn skip_bom_and_space(b: &[u8], i: usize) -> usize {
    let i = if b[i..].starts_with(&[0xEF, 0xBB, 0xBF]) {
        i + 3
    } else {
        i
    };
    skip_space(b, i)
}

/// The next place at or after `from` where a message starts as the client writes them: a `{`
/// that opens a line, followed by an `"id"` key.
fn next_message_start(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from.min(b.len());
    while let Some(k) = memchr::memchr(b'{', &b[i..]) {
        let p = i + k;
        // Only spaces between the line break and the brace (looked at backwards from the
        // brace, so a long line costs no more than its indent).
        let indent = b[..p]
            .iter()
            .rev()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        let line_start = p > indent && b[p - indent - 1] == b'\n';
        if line_start {
            let q = skip_space(b, p + 1);
            if b[q..].starts_with(b"\"id\"") {
                return Some(p);
            }
        }
        i = p + 1;
    }
    None
}

/// The fields of an export object that matter: the channel's own fields, where its message
/// list opens, and the chats of an account export.
#[derive(Default)]
struct Fields {
    own: Map<String, Value>,
    messages: Option<usize>,
    chats: Vec<(Channel, usize)>,
}

impl Fields {
    fn channel(&self) -> Channel {
        Channel::of_export(&self.own)
    }
}

/// Reads the object opening at `*at`: small fields into `fields.own`, the position of the
/// `messages` array, and the chats of `chats.list` and `left_chats.list`. Large values are
/// skipped without being built.
fn scan_object(b: &[u8], at: &mut usize, fields: &mut Fields) -> Result<(), JsonFault> {
    let fault_at = |offset: usize, message: &str| JsonFault {
        offset,
        message: message.into(),
    };
    let mut i = skip_space(b, *at);
    if b.get(i) != Some(&b'{') {
        return Err(fault_at(i, "expected an object"));
    }
    i = skip_space(b, i + 1);
    if b.get(i) == Some(&b'}') {
        *at = i + 1;
        return Ok(());
    }
    loop {
        let (key, end) = parse_value(b, i)?;
        let Value::String(key) = key else {
            return Err(fault_at(i, "expected a key"));
        };
        i = skip_space(b, end);
        if b.get(i) != Some(&b':') {
            return Err(fault_at(i, "expected a colon after a key"));
        }
        i = skip_space(b, i + 1);
        match key.as_str() {
            "messages" if b.get(i) == Some(&b'[') => {
                fields.messages = Some(i + 1);
                i = skip_value(b, i)?;
            }
            "chats" | "left_chats" if b.get(i) == Some(&b'{') => {
                i = scan_chat_list(b, i, &mut fields.chats)?;
            }
            "name" | "title" | "type" | "id" | "username" | "link" => {
                let (v, end) = parse_value(b, i)?;
                fields.own.insert(key, v);
                i = end;
            }
            _ => i = skip_value(b, i)?,
        }
        i = skip_space(b, i);
        match b.get(i) {
            Some(b',') => i = skip_space(b, i + 1),
            Some(b'}') => {
                *at = i + 1;
                return Ok(());
            }
            _ => return Err(fault_at(i, "expected a comma or the end of the object")),
        }
    }
}

/// Reads `{"about": ..., "list": [chat, ...]}` opening at `at`, adding each chat's message list;
/// returns the byte after it.
fn scan_chat_list(
    b: &[u8],
    at: usize,
    out: &mut Vec<(Channel, usize)>,
) -> Result<usize, JsonFault> {
    let mut i = skip_space(b, at + 1);
    if b.get(i) == Some(&b'}') {
        return Ok(i + 1);
    }
    loop {
        let (key, end) = parse_value(b, i)?;
        i = skip_space(b, end);
        if b.get(i) != Some(&b':') {
            return Err(JsonFault {
                offset: i,
                message: "expected a colon after a key".into(),
            });
        }
        i = skip_space(b, i + 1);
        if key == Value::String("list".into()) && b.get(i) == Some(&b'[') {
            i = skip_space(b, i + 1);
            while b.get(i) != Some(&b']') {
                let mut chat = Fields::default();
                let mut p = i;
                scan_object(b, &mut p, &mut chat)?;
                if let Some(m) = chat.messages {
                    out.push((chat.channel(), m));
                }
                i = skip_space(b, p);
                match b.get(i) {
                    Some(b',') => i = skip_space(b, i + 1),
                    Some(b']') => {}
                    _ => {
                        return Err(JsonFault {
                            offset: i,
                            message: "expected a comma or the end of the chat list".into(),
                        })
                    }
                }
            }
            i += 1;
        } else {
            i = skip_value(b, i)?;
        }
        i = skip_space(b, i);
        match b.get(i) {
            Some(b',') => i = skip_space(b, i + 1),
            Some(b'}') => return Ok(i + 1),
            _ => {
                return Err(JsonFault {
                    offset: i,
                    message: "expected a comma or the end of the object".into(),
                })
            }
        }
    }
}
