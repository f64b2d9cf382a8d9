//! JSON Lines: one record per line with `text` or `html`, and optional `id`, `url`, `title`,
//! `published`, `outlet`, `author` and `language`.
//!
//! [`JsonlReader`] streams the lines; a malformed line yields an error naming `FILE:LINE` and the
//! following lines are still read.

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
        }
    }

    fn err(&self, message: impl Into<String>) -> IngestError {
        IngestError::JsonLine {
            input: self.input.clone(),
            line: self.line,
            message: message.into(),
        }
    }

    fn record(&self, line: &[u8]) -> Result<RawDoc, IngestError> {
        let value: Value = serde_json::from_slice(line)
            .map_err(|e| self.err(format!("not a JSON record: {e}")))?;
        let Value::Object(obj) = value else {
            return Err(self.err("not a JSON object"));
        };
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
            _ => return Err(self.err("record has neither a \"text\" nor an \"html\" string")),
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
        if payload == Payload::Empty {
            errors.push(format!(
                "{}:{}: the record's text is empty",
                self.input, self.line
            ));
        }
        let id = field("id")
            .or_else(|| hints.url.clone())
            .unwrap_or_else(|| format!("{}#{}", self.base, self.record));
        Ok(RawDoc {
            id: DocId(id),
            input: self.input.clone(),
            payload,
            hints,
            errors,
        })
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<RawDoc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
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
            let out = self.record(trimmed);
            self.buf = line;
            return Some(out);
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
