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

mod export;

pub use export::ExportReader;

use crate::{Hints, Payload, RawDoc};
use chrono::{DateTime, FixedOffset, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use serde_json::{Map, Value};
use sitrep_model::DocId;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IngestError;

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
