//! Messaging-channel exports: each message of a channel becomes a record.
//!
//! The desktop client of the common messaging service exports a channel as `result.json`: an
//! object with the channel's `name`, `type` and `id` and a `messages` array (an export of a
//! whole account holds such objects under `chats.list` and `left_chats.list`). A message has an
//! `id`, a `type` (`message`, or `service` for joins and pins), a `date` (the exporting
//! machine's local time, without an offset) and `date_unixtime` (the same instant in seconds),
//! `from` and `from_id`, `edited` and `edited_unixtime` after an edit, `forwarded_from` for a
//! forward, `author` for a signed post, and a `text` that is a string or a list of strings and
//! entity objects (`{"type": "bold", "text": "..."}`, `text_link` with an `href`, ...). JSON
//! Lines dumps of such messages, one per line, are read the same way ([`is_message`]).
//!
//! A message maps to a record ([`message_record`]): the outlet is the channel's name, the URL
//! `https://t.me/<username>/<id>` when the channel's username is known (an export names it only
//! when a `username` or `link` field was added to it), the publication time the message's time
//! with its offset from UTC (worked out from `date` and `date_unixtime`), the author a post's
//! signature or the source of a forward, and the revision the time of the last edit (or of
//! posting), so that a store keeps the edited text in place of the earlier one. The record's id
//! is the URL, or `t.me/c/<channel id>/<message id>` (the form the service uses for channels
//! without a username), which stays the same across exports of the channel.
//!
//! [`ExportReader`] walks a JSON document message by message, so that a message that is not
//! valid JSON costs only itself: reading resumes at the next message (a `{` opening a line and
//! followed by an `"id"` key, as the client writes them).

use crate::{Hints, IngestError, Payload, RawDoc};
use chrono::{DateTime, FixedOffset, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use serde::de::IgnoredAny;
use serde_json::{Map, Value};
use sitrep_model::DocId;
use std::collections::VecDeque;

/// The channel the messages come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Channel {
    /// The channel's display name: the outlet.
    pub name: Option<String>,
    /// The numeric id the export gives (`id`, or `channel<id>` in a message's `from_id`).
    pub id: Option<String>,
    /// The public username, without `@`, when known.
    pub username: Option<String>,
}

impl Channel {
    /// The channel described by an export's (or a chat list entry's) own fields.
    pub fn of_export(obj: &Map<String, Value>) -> Channel {
        Channel {
            name: string(obj, "name").or_else(|| string(obj, "title")),
            id: scalar(obj, "id"),
            username: username_of(obj),
        }
    }

    /// The channel a dumped message names itself: `channel`/`chat` (a name or an object with
    /// the export's fields), `channel_username`/`chat_username`/`username`, `channel_id`/
    /// `chat_id`, and for channel posts `from` and `from_id` (`channel<id>`).
    fn of_message(obj: &Map<String, Value>) -> Channel {
        let mut c = Channel::default();
        for key in ["channel", "chat"] {
            match obj.get(key) {
                Some(Value::Object(o)) => c = Channel::of_export(o),
                Some(Value::String(s)) if !s.trim().is_empty() => c.name = Some(s.trim().into()),
                _ => {}
            }
        }
        if c.name.is_none() {
            c.name = string(obj, "channel_name").or_else(|| string(obj, "chat_name"));
        }
        if c.username.is_none() {
            c.username = ["channel_username", "chat_username", "username"]
                .iter()
                .find_map(|k| string(obj, k))
                .and_then(|u| clean_username(&u));
        }
        if c.id.is_none() {
            c.id = scalar(obj, "channel_id").or_else(|| scalar(obj, "chat_id"));
        }
        let from_channel = string(obj, "from_id")
            .and_then(|f| f.strip_prefix("channel").map(str::to_string))
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
        if c.id.is_none() {
            c.id = from_channel.clone();
        }
        // A channel's own posts are "from" the channel.
        if c.name.is_none() && from_channel.is_some() {
            c.name = string(obj, "from");
        }
        c
    }
}

fn string(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// A string or a number, as text.
fn scalar(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// A username from `username` (`name` or `@name`) or from a `link` to the channel
/// (`https://t.me/name`).
fn username_of(obj: &Map<String, Value>) -> Option<String> {
    string(obj, "username")
        .or_else(|| string(obj, "link"))
        .and_then(|u| clean_username(&u))
}

/// `name`, `@name`, `t.me/name` or `https://t.me/name` as `name`, when it is a valid username
/// (5 to 32 letters, digits and underscores, starting with a letter).
fn clean_username(u: &str) -> Option<String> {
    let u = u.trim();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let u = u
        .strip_prefix("t.me/")
        .or_else(|| u.strip_prefix("telegram.me/"))
        .unwrap_or(u);
    let u = u.strip_prefix('@').unwrap_or(u).trim_end_matches('/');
    let valid = (5..=32).contains(&u.len())
        && u.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && u.as_bytes()[0].is_ascii_alphabetic();
    valid.then(|| u.to_string())
}

/// Whether a JSON object is a channel export (or an account export holding chats).
pub fn is_export(obj: &Map<String, Value>) -> bool {
    matches!(obj.get("messages"), Some(Value::Array(_)))
        || ["chats", "left_chats"]
            .iter()
            .any(|k| matches!(obj.get(*k), Some(Value::Object(o)) if o.contains_key("list")))
}

/// Whether a JSON object is one exported message rather than a plain record: it has the
/// export's `date_unixtime` or `text_entities`, a `text` made of parts, or the `type` of a
/// message together with an `id` and a `date`.
pub fn is_message(obj: &Map<String, Value>) -> bool {
    obj.contains_key("date_unixtime")
        || obj.contains_key("text_entities")
        || matches!(obj.get("text"), Some(Value::Array(_)))
        || (matches!(obj.get("type"), Some(Value::String(t)) if t == "message" || t == "service")
            && obj.contains_key("id")
            && obj.contains_key("date"))
}

/// Entity types the desktop client writes in a message's `text`.
const ENTITY_TYPES: &[&str] = &[
    "plain",
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
    "code",
    "pre",
    "text_link",
    "link",
    "mention",
    "mention_name",
    "hashtag",
    "cashtag",
    "bot_command",
    "email",
    "phone",
    "bank_card",
    "custom_emoji",
    "blockquote",
    "expandable_blockquote",
];

/// A message's text from its `text` field, with notes on parts that could not be read or whose
/// type is unknown (their text is kept). `Err` when `text` is missing or not text at all.
fn message_text(obj: &Map<String, Value>) -> Result<(String, Vec<String>), String> {
    let mut notes = Vec::new();
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => {
            let mut out = String::new();
            let mut unknown: Vec<String> = Vec::new();
            let mut broken = 0usize;
            for part in parts {
                match part {
                    Value::String(s) => out.push_str(s),
                    Value::Object(o) => {
                        let kind = o.get("type").and_then(Value::as_str).unwrap_or("");
                        match o.get("text") {
                            Some(Value::String(s)) => out.push_str(s),
                            _ => broken += 1,
                        }
                        if !ENTITY_TYPES.contains(&kind) && !unknown.iter().any(|u| u == kind) {
                            unknown.push(kind.to_string());
                        }
                    }
                    _ => broken += 1,
                }
            }
            if !unknown.is_empty() {
                let names: Vec<String> = unknown.iter().map(|u| format!("{u:?}")).collect();
                notes.push(format!(
                    "unknown text entity type {}; its text was kept",
                    names.join(", ")
                ));
            }
            if broken > 0 {
                notes.push(format!(
                    "{broken} part(s) of the text are not text and were skipped"
                ));
            }
            out
        }
        None => return Err("the message has no \"text\"".into()),
        Some(_) => return Err("the message's \"text\" is neither a string nor a list".into()),
    };
    // A poll has its question where other messages have text.
    if text.trim().is_empty() {
        if let Some(q) = obj
            .get("poll")
            .and_then(|p| p.get("question"))
            .and_then(Value::as_str)
        {
            return Ok((q.to_string(), notes));
        }
    }
    Ok((text, notes))
}

/// A time as the export writes it: `date` (local, no offset) and `date_unixtime` (seconds), for
/// `prefix` `date` or `edited`.
struct Stamp {
    local: Option<NaiveDateTime>,
    instant: Option<DateTime<Utc>>,
}

impl Stamp {
    fn read(obj: &Map<String, Value>, prefix: &str) -> Option<Stamp> {
        let local = obj.get(prefix).and_then(Value::as_str).and_then(|s| {
            NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M:%S")
                .or_else(|_| NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S"))
                .ok()
        });
        let instant = scalar(obj, &format!("{prefix}_unixtime"))
            .and_then(|s| s.parse::<i64>().ok())
            .and_then(|t| Utc.timestamp_opt(t, 0).single());
        (local.is_some() || instant.is_some()).then_some(Stamp { local, instant })
    }

    /// The time with its offset from UTC: the local time with the offset that separates it from
    /// the instant (rounded to a quarter of an hour), the instant in UTC when there is no local
    /// time, or the local time alone.
    fn published(&self) -> String {
        match (self.local, self.instant) {
            (Some(local), Some(instant)) => {
                let secs = (local.and_utc() - instant).num_seconds();
                // Offsets are whole quarters of an hour, at most 14 hours either way.
                let quarter = (secs + secs.signum() * 450) / 900 * 900;
                let offset = i32::try_from(quarter)
                    .ok()
                    .filter(|q| q.abs() <= 14 * 3600)
                    .and_then(FixedOffset::east_opt);
                match offset {
                    Some(off) => instant
                        .with_timezone(&off)
                        .to_rfc3339_opts(SecondsFormat::Secs, false),
                    None => instant.to_rfc3339_opts(SecondsFormat::Secs, true),
                }
            }
            (None, Some(instant)) => instant.to_rfc3339_opts(SecondsFormat::Secs, true),
            (Some(local), None) => local.format("%Y-%m-%dT%H:%M:%S").to_string(),
            (None, None) => String::new(),
        }
    }

    /// The time in UTC when the instant is known (revisions compare as text), else as written.
    fn revision(&self) -> String {
        match self.instant {
            Some(i) => i.to_rfc3339_opts(SecondsFormat::Secs, true),
            None => self.published(),
        }
    }
}

/// What became of one message.
#[derive(Debug)]
pub enum Outcome {
    Record(Box<RawDoc>),
    /// A message that carries no post: a service message (a join, a pin) or media without text.
    Skipped,
}

/// One exported message as a record. `position` names the message in messages ("message 12",
/// or a line number). `Err` for a message that cannot be read (not an object, no id, no text);
/// problems that leave the message readable (an unknown entity type, a date not understood)
/// become the record's errors.
pub fn message_record(
    value: &Value,
    channel: &Channel,
    input: &str,
    position: &str,
) -> Result<Outcome, String> {
    let Value::Object(obj) = value else {
        return Err("the message is not a JSON object".into());
    };
    let own;
    let channel = if channel.name.is_none() && channel.id.is_none() {
        own = Channel::of_message(obj);
        &own
    } else {
        channel
    };
    let id = scalar(obj, "id")
        .or_else(|| scalar(obj, "message_id"))
        .ok_or("the message has no \"id\"")?;
    if obj.get("type").and_then(Value::as_str) == Some("service") {
        return Ok(Outcome::Skipped);
    }
    let (text, notes) = message_text(obj)?;
    if text.trim().is_empty() {
        return Ok(Outcome::Skipped);
    }
    let mut errors: Vec<String> = notes
        .into_iter()
        .map(|n| format!("{input}: {position} (id {id}): {n}"))
        .collect();
    let posted = Stamp::read(obj, "date");
    if posted.is_none() {
        match obj.get("date") {
            Some(d) => errors.push(format!(
                "{input}: {position} (id {id}): date {d} not understood"
            )),
            None => errors.push(format!(
                "{input}: {position} (id {id}): the message has no date"
            )),
        }
    }
    let edited = Stamp::read(obj, "edited");
    let url = channel
        .username
        .as_ref()
        .map(|u| format!("https://t.me/{u}/{id}"));
    let doc_id = match (&url, &channel.id) {
        (Some(u), _) => u.clone(),
        (None, Some(c)) => format!("t.me/c/{c}/{id}"),
        (None, None) => format!("{input}#{id}"),
    };
    let author = string(obj, "author")
        .or_else(|| string(obj, "forwarded_from"))
        .or_else(|| string(obj, "saved_from"));
    let hints = Hints {
        url,
        published: posted.as_ref().map(Stamp::published),
        outlet: channel.name.clone(),
        author,
        revision: edited.as_ref().or(posted.as_ref()).map(Stamp::revision),
        ..Hints::default()
    };
    Ok(Outcome::Record(Box::new(RawDoc {
        id: DocId(doc_id),
        input: input.to_string(),
        payload: Payload::Text(text),
        hints,
        errors,
    })))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = r##"{
 "name": "Харків Онлайн | Kharkiv Online",
 "type": "public_channel",
 "id": 1500600700,
 "messages": [
  {
   "id": 7,
   "type": "service",
   "date": "2025-03-01T08:00:00",
   "date_unixtime": "1740808800",
   "actor": "Харків Онлайн | Kharkiv Online",
   "action": "pin_message",
   "text": ""
  },
  {
   "id": 8,
   "type": "message",
   "date": "2025-03-01T23:40:05",
   "date_unixtime": "1740865205",
   "from": "Харків Онлайн | Kharkiv Online",
   "from_id": "channel1500600700",
   "text": "Explosions in Kharkiv"
  },
  {
   "id": 9,
   "type": "message",
   "date": "2025-03-02T07:10:00",
   "date_unixtime": "1740892200",
   "edited": "2025-03-02T07:45:30",
   "edited_unixtime": "1740894330",
   "from": "Харків Онлайн | Kharkiv Online",
   "from_id": "channel1500600700",
   "forwarded_from": "Synehubov | Синєгубов",
   "text": [
    {"type": "bold", "text": "Kharkiv:"},
    " a drone hit a ",
    {"type": "text_link", "text": "warehouse", "href": "https://example.org/x"},
    ". No casualties. ",
    {"type": "hashtag", "text": "#Харків"}
   ]
  },
  {
   "id": 10,
   "type": "message",
   "date": "2025-03-02T08:00:00",
   "date_unixtime": "1740895200",
   "photo": "photos/photo_1.jpg",
   "text": ""
  }
 ]
}"##;

    fn read(s: &str) -> Vec<Result<RawDoc, IngestError>> {
        ExportReader::new(
            s.as_bytes().to_vec(),
            "result.json".into(),
            "result.json".into(),
        )
        .collect()
    }

    fn docs(items: &[Result<RawDoc, IngestError>]) -> Vec<&RawDoc> {
        items.iter().filter_map(|r| r.as_ref().ok()).collect()
    }

    fn errors(items: &[Result<RawDoc, IngestError>]) -> Vec<String> {
        items
            .iter()
            .filter_map(|r| r.as_ref().err().map(ToString::to_string))
            .collect()
    }

    fn text(raw: &RawDoc) -> &str {
        match &raw.payload {
            Payload::Text(t) => t,
            _ => "",
        }
    }

    #[test]
    fn each_message_with_text_is_a_record_of_its_channel() {
        let items = read(EXPORT);
        assert!(errors(&items).is_empty(), "{:?}", errors(&items));
        let d = docs(&items);
        assert_eq!(
            d.len(),
            2,
            "the service and media-only messages are not posts"
        );
        assert_eq!(d[0].id.0, "t.me/c/1500600700/8");
        assert_eq!(text(d[0]), "Explosions in Kharkiv");
        assert_eq!(
            d[0].hints.outlet.as_deref(),
            Some("Харків Онлайн | Kharkiv Online")
        );
        assert_eq!(d[0].hints.url, None);
        // 23:40 local is 21:40 UTC: the local day and the offset are kept.
        assert_eq!(
            d[0].hints.published.as_deref(),
            Some("2025-03-01T23:40:05+02:00")
        );
        assert_eq!(d[0].hints.revision.as_deref(), Some("2025-03-01T21:40:05Z"));
        assert_eq!(
            text(d[1]),
            "Kharkiv: a drone hit a warehouse. No casualties. #Харків"
        );
        assert_eq!(d[1].hints.author.as_deref(), Some("Synehubov | Синєгубов"));
        assert_eq!(d[1].hints.revision.as_deref(), Some("2025-03-02T05:45:30Z"));
        assert!(d[1].errors.is_empty(), "{:?}", d[1].errors);
    }

    #[test]
    fn a_known_username_gives_message_urls() {
        let with = EXPORT.replacen(
            "\"id\": 1500600700,",
            "\"id\": 1500600700,\n \"username\": \"@kharkiv_online\",",
            1,
        );
        let items = read(&with);
        let d = docs(&items);
        assert_eq!(d[0].id.0, "https://t.me/kharkiv_online/8");
        assert_eq!(
            d[0].hints.url.as_deref(),
            Some("https://t.me/kharkiv_online/8")
        );
        assert_eq!(
            clean_username("https://t.me/Kyiv_Post/"),
            Some("Kyiv_Post".into())
        );
        assert_eq!(clean_username("ab"), None);
        assert_eq!(clean_username("t.me/+AbCdEf12345"), None);
    }

    #[test]
    fn a_message_that_is_not_json_costs_only_itself() {
        let broken = EXPORT.replacen(
            "\"text\": \"Explosions in Kharkiv\"",
            "\"text\": \"Explosions in Kharkiv",
            1,
        );
        let items = read(&broken);
        let errs = errors(&items);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].starts_with("result.json: message 2 (byte "),
            "{}",
            errs[0]
        );
        assert!(errs[0].contains("not valid JSON"), "{}", errs[0]);
        let d = docs(&items);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].id.0, "t.me/c/1500600700/9");
    }

    #[test]
    fn messages_without_id_or_with_a_wrong_text_are_named_and_skipped() {
        let bad = EXPORT.replacen("\"id\": 8,", "\"msg\": 8,", 1).replacen(
            "\"text\": [",
            "\"text\": 5, \"x\": [",
            1,
        );
        let items = read(&bad);
        let errs = errors(&items);
        // Nothing readable is left: the export as a whole says so too.
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[2].contains("no messages with text"), "{}", errs[2]);
        assert!(
            errs[0].contains("message 2") && errs[0].contains("no \"id\""),
            "{}",
            errs[0]
        );
        assert!(
            errs[1].contains("message 3 (id 9)") && errs[1].contains("neither a string nor a list"),
            "{}",
            errs[1]
        );
    }

    #[test]
    fn an_unknown_entity_type_is_noted_and_its_text_kept() {
        let odd = EXPORT.replacen(
            "{\"type\": \"bold\", \"text\": \"Kharkiv:\"}",
            "{\"type\": \"hologram\", \"text\": \"Kharkiv:\"}, 42",
            1,
        );
        let items = read(&odd);
        let d = docs(&items);
        assert!(text(d[1]).starts_with("Kharkiv: a drone hit"));
        assert_eq!(d[1].errors.len(), 2, "{:?}", d[1].errors);
        assert!(d[1].errors[0].contains("unknown text entity type \"hologram\"; its text was kept"));
        assert!(d[1].errors[0].starts_with("result.json: message 3 (id 9): "));
        assert!(d[1].errors[1].contains("1 part(s) of the text are not text"));
    }

    #[test]
    fn an_export_without_messages_says_so() {
        for empty in [
            "{\"name\": \"C\", \"type\": \"public_channel\", \"id\": 1, \"messages\": []}",
            "{\n \"name\": \"C\",\n \"messages\": [\n  {\"id\": 1, \"type\": \"service\", \"date\": \"2025-01-01T00:00:00\", \"text\": \"\"}\n ]\n}",
        ] {
            let items = read(empty);
            let errs = errors(&items);
            assert_eq!(errs.len(), 1, "{errs:?}");
            assert!(errs[0].starts_with("result.json: the export: no messages"), "{}", errs[0]);
        }
        let errs = errors(&read("{\"name\": \"C\", \"about\": \"nothing\"}"));
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].contains("neither \"messages\""), "{errs:?}");
        let errs = errors(&read("{\"name\": \"C\", "));
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].contains("not a valid JSON document"), "{errs:?}");
    }

    #[test]
    fn a_cut_off_export_keeps_the_messages_before_the_cut() {
        let cut = &EXPORT[..EXPORT.find("\"id\": 10").unwrap()];
        let items = read(cut);
        assert_eq!(docs(&items).len(), 2);
        let errs = errors(&items);
        assert!(!errs.is_empty());
        assert!(
            errs.iter().all(|e| e.starts_with("result.json: ")),
            "{errs:?}"
        );
        let cut = &EXPORT[..EXPORT.rfind(']').unwrap()];
        let items = read(cut);
        assert_eq!(docs(&items).len(), 2);
        assert!(errors(&items)[0].contains("ends inside its list of messages"));
    }

    #[test]
    fn an_account_export_reads_every_chat() {
        let account = format!(
            "{{\n \"about\": \"x\",\n \"personal_information\": {{\"first_name\": \"A\"}},\n \"chats\": {{\n  \"about\": \"y\",\n  \"list\": [\n   {EXPORT},\n   {{\"name\": \"Other\", \"type\": \"private_channel\", \"id\": 42, \"messages\": [{{\"id\": 1, \"type\": \"message\", \"date\": \"2025-01-01T10:00:00\", \"date_unixtime\": \"1735725600\", \"text\": \"Air raid alert in Sumy\"}}]}}\n  ]\n }}\n}}"
        );
        let items = read(&account);
        assert!(errors(&items).is_empty(), "{:?}", errors(&items));
        let ids: Vec<&str> = docs(&items).iter().map(|d| d.id.0.as_str()).collect();
        assert_eq!(
            ids,
            ["t.me/c/1500600700/8", "t.me/c/1500600700/9", "t.me/c/42/1"]
        );
    }

    #[test]
    fn an_array_of_messages_or_records_is_read_element_by_element() {
        let items = read("[\n {\"id\": 3, \"type\": \"message\", \"date\": \"2025-01-01T10:00:00\", \"date_unixtime\": 1735725600, \"from\": \"Chan\", \"from_id\": \"channel99\", \"text\": \"Kyiv: air raid alert\"},\n {\"id\": \"r1\", \"text\": \"A plain record.\"},\n 7\n]");
        let d = docs(&items);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].id.0, "t.me/c/99/3");
        assert_eq!(d[0].hints.outlet.as_deref(), Some("Chan"));
        assert_eq!(
            d[0].hints.published.as_deref(),
            Some("2025-01-01T10:00:00+00:00")
        );
        assert_eq!(d[1].id.0, "r1");
        assert!(errors(&items)[0].contains("message 3: the message is not a JSON object"));
    }

    #[test]
    fn a_time_without_its_instant_or_zone_is_kept_as_written() {
        let only_local = Stamp {
            local: NaiveDateTime::parse_from_str("2025-01-01T10:00:00", "%Y-%m-%dT%H:%M:%S").ok(),
            instant: None,
        };
        assert_eq!(only_local.published(), "2025-01-01T10:00:00");
        let only_instant = Stamp {
            local: None,
            instant: Utc.timestamp_opt(1735725600, 0).single(),
        };
        assert_eq!(only_instant.published(), "2025-01-01T10:00:00Z");
    }
}
