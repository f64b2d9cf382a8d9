//! JSON Lines: one record per line with `text` or `html`, and optional `id`, `url`, `title`,
//! `published`, `outlet`, `author` and `language`; or one exported channel message per line
//! (see [`crate::messages`]), or a whole channel export on one line.
//!
//! [`JsonlReader`] streams the lines; a malformed line yields an error naming `FILE:LINE` and the
//! following lines are still read.

use crate::messages::{self, message_record, Channel, ExportReader, Outcome};
use crate::{Hints, IngestError, Payload, RawDoc};
use serde_json::Value;
use sitrep_model::DocId;
use std::io::BufRead;

/// Streams the records of a JSON Lines input.
pub struct JsonlReader<R> {
    reader: R,
    input: String,
    base: String,
    line: u64,
    record: u64,
    done: bool,
    buf: Vec<u8>,
    /// A channel export found on one line, being read message by message.
    inner: Option<Box<ExportReader>>,
    /// Records yielded, and messages skipped (service or media-only messages).
    yielded: u64,
    skipped: u64,
}

impl<R: BufRead> JsonlReader<R> {
    /// `input` names the input in messages; `base` starts the `BASE#N` ids of records without one.
    pub fn new(reader: R, input: String, base: String) -> Self {
        JsonlReader {
            reader,
            input,
            base,
            line: 0,
            record: 0,
            done: false,
            buf: Vec::new(),
            inner: None,
            yielded: 0,
            skipped: 0,
        }
    }

    fn err(&self, message: impl Into<String>) -> IngestError {
        IngestError::JsonLine {
            input: self.input.clone(),
            line: self.line,
            message: message.into(),
        }
    }

    /// What one line yields: a record, a skipped message, or a whole export to read.
    fn line_item(&mut self, line: &[u8]) -> Option<Result<RawDoc, IngestError>> {
        let value: Value = match serde_json::from_slice(line) {
            Ok(v) => v,
            Err(e) => return Some(Err(self.err(format!("not a JSON record: {e}")))),
        };
        let Value::Object(obj) = &value else {
            return Some(Err(self.err("not a JSON object")));
        };
        if messages::is_export(obj) {
            // A channel export written on one line.
            self.inner = Some(Box::new(ExportReader::new(
                line.to_vec(),
                format!("{}:{}", self.input, self.line),
                self.base.clone(),
            )));
            return None;
        }
        if messages::is_message(obj) {
            let position = format!("line {}", self.line);
            return match message_record(&value, &Channel::default(), &self.input, &position) {
                Ok(Outcome::Record(raw)) => Some(Ok(*raw)),
                Ok(Outcome::Skipped) => {
                    self.skipped += 1;
                    None
                }
                Err(m) => Some(Err(self.err(m))),
            };
        }
        let at = format!("{}:{}", self.input, self.line);
        Some(plain_record(obj, &self.input, &at, &self.base, self.record).map_err(|m| self.err(m)))
    }
}

/// A plain record (`text` or `html`, and the optional metadata fields) as a [`RawDoc`]; `n` is
/// its number in its input, for the `BASE#N` id of a record without `id` or `url`, and `at`
/// names where it is (`FILE:LINE`) in notes. `Err` says why the object is not a record.
pub(crate) fn plain_record(
    obj: &serde_json::Map<String, Value>,
    input: &str,
    at: &str,
    base: &str,
    n: u64,
) -> Result<RawDoc, String> {
    let field = |k: &str| -> Option<String> {
        match obj.get(k)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let payload = match (obj.get("text"), obj.get("html")) {
        (Some(Value::String(t)), _) if !t.trim().is_empty() => Payload::Text(t.clone()),
        (_, Some(Value::String(h))) if !h.trim().is_empty() => {
            Payload::Html(h.clone().into_bytes())
        }
        (Some(Value::String(_)), _) | (_, Some(Value::String(_))) => Payload::Empty,
        _ => return Err("record has neither a \"text\" nor an \"html\" string".into()),
    };
    let mut hints = Hints {
        url: field("url"),
        title: field("title"),
        published: field("published").or_else(|| field("date")),
        outlet: field("outlet"),
        author: field("author"),
        language: field("language"),
        ..Hints::default()
    };
    let mut errors = Vec::new();
    if let Payload::Html(_) = payload {
        // The page is already a JSON (Unicode) string: no other charset applies.
        hints.content_type = Some("text/html; charset=utf-8".into());
    }
    let id = field("id")
        .or_else(|| hints.url.clone())
        .unwrap_or_else(|| format!("{base}#{n}"));
    if payload == Payload::Empty {
        errors.push(format!("{at}: the record's text is empty"));
    }
    Ok(RawDoc {
        id: DocId(id),
        input: input.to_string(),
        payload,
        hints,
        errors,
    })
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<RawDoc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(inner) = self.inner.as_mut() {
                match inner.next() {
                    Some(item) => {
                        self.yielded += u64::from(item.is_ok());
                        return Some(item);
                    }
                    None => self.inner = None,
                }
            }
            if self.done {
                return None;
            }
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    if self.yielded == 0 && self.skipped > 0 {
                        return Some(Err(self.err(format!(
                            "no messages with text in the input ({} service or media-only messages)",
                            self.skipped
                        ))));
                    }
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    return Some(Err(self.err(format!("read error: {e}"))));
                }
            }
            self.line += 1;
            let mut line = std::mem::take(&mut self.buf);
            if self.line == 1 && line.starts_with(&[0xEF, 0xBB, 0xBF]) {
                line.drain(..3);
            }
            let trimmed = line.trim_ascii();
            if trimmed.is_empty() {
                self.buf = line;
                continue;
            }
            self.record += 1;
            let out = self.line_item(trimmed);
            self.buf = line;
            if let Some(item) = out {
                self.yielded += u64::from(item.is_ok());
                return Some(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<Result<RawDoc, IngestError>> {
        JsonlReader::new(s.as_bytes(), "r.jsonl".into(), "r.jsonl".into()).collect()
    }

    #[test]
    fn records_take_ids_urls_or_positions() {
        let out = read("{\"id\":\"a1\",\"text\":\"x\"}\n\n{\"url\":\"https://e.test/2\",\"html\":\"<p>y</p>\"}\n{\"text\":\"z\",\"published\":\"2025-01-02\"}\n");
        let ids: Vec<String> = out
            .iter()
            .map(|r| r.as_ref().unwrap().id.0.clone())
            .collect();
        assert_eq!(ids, ["a1", "https://e.test/2", "r.jsonl#3"]);
        let third = out[2].as_ref().unwrap();
        assert_eq!(third.hints.published.as_deref(), Some("2025-01-02"));
        assert!(matches!(out[1].as_ref().unwrap().payload, Payload::Html(_)));
    }

    #[test]
    fn a_malformed_line_names_file_and_line_and_reading_goes_on() {
        let out =
            read("{\"text\":\"a\"}\nnot json\n[1,2]\n{\"title\":\"no body\"}\n{\"text\":\"b\"}");
        assert_eq!(out.len(), 5);
        let msgs: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().err().map(ToString::to_string))
            .collect();
        assert_eq!(msgs.len(), 3);
        assert!(
            msgs[0].starts_with("r.jsonl:2: not a JSON record"),
            "{}",
            msgs[0]
        );
        assert!(msgs[1].starts_with("r.jsonl:3: not a JSON object"));
        assert!(msgs[2].starts_with("r.jsonl:4: record has neither"));
        assert!(out[4].is_ok());
    }

    #[test]
    fn dumped_channel_messages_and_one_line_exports_are_read_as_posts() {
        let out = read(concat!(
            "{\"id\": 41, \"type\": \"message\", \"date\": \"2025-04-14T09:31:10\", \"date_unixtime\": \"1744612270\", \"from\": \"South Monitor\", \"from_id\": \"channel1873304519\", \"text\": [\"Explosions in \", {\"type\": \"bold\", \"text\": \"Odesa\"}]}\n",
            "{\"id\": 42, \"type\": \"service\", \"date\": \"2025-04-14T09:40:00\", \"action\": \"pin_message\", \"text\": \"\"}\n",
            "{\"id\": 43, \"date_unixtime\": \"1744612400\", \"channel\": {\"name\": \"North\", \"username\": \"north_watch\"}, \"text\": \"Kyiv: air raid alert\"}\n",
            "{\"name\": \"West\", \"id\": 77, \"messages\": [{\"id\": 1, \"type\": \"message\", \"date\": \"2025-01-01T10:00:00\", \"text\": \"Drones over Lviv\"}, {\"id\": 2}]}\n",
            "{\"id\": 44, \"date_unixtime\": \"1744612400\", \"text\": {\"oops\": 1}}\n",
        ));
        let ok: Vec<&RawDoc> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
        let ids: Vec<&str> = ok.iter().map(|r| r.id.0.as_str()).collect();
        assert_eq!(
            ids,
            [
                "t.me/c/1873304519/41",
                "https://t.me/north_watch/43",
                "t.me/c/77/1"
            ]
        );
        assert_eq!(ok[0].payload, Payload::Text("Explosions in Odesa".into()));
        assert_eq!(ok[0].hints.outlet.as_deref(), Some("South Monitor"));
        assert_eq!(ok[1].hints.outlet.as_deref(), Some("North"));
        let errs: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().err().map(ToString::to_string))
            .collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].starts_with("r.jsonl:4: message 2"), "{}", errs[0]);
        assert!(
            errs[1].starts_with("r.jsonl:5: the message's \"text\" is neither"),
            "{}",
            errs[1]
        );
    }

    #[test]
    fn a_dump_of_service_messages_only_says_so() {
        let out = read("{\"id\": 1, \"type\": \"service\", \"date\": \"2025-01-01T00:00:00\", \"text\": \"\"}\n");
        assert_eq!(out.len(), 1);
        let e = out[0].as_ref().unwrap_err().to_string();
        assert!(e.contains("no messages with text"), "{e}");
    }

    #[test]
    fn invalid_utf8_in_a_line_is_an_error_for_that_line_only() {
        let mut bytes = b"{\"text\":\"ok\"}\n{\"text\":\"\xff\xfe\"}\n".to_vec();
        bytes.extend_from_slice(b"{\"text\":\"fine\"}\n");
        let out: Vec<_> =
            JsonlReader::new(&bytes[..], "b.jsonl".into(), "b.jsonl".into()).collect();
        assert!(out[0].is_ok() && out[2].is_ok());
        assert!(out[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("b.jsonl:2:"));
    }
}
