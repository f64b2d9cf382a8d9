//! Input expansion and format detection: [`sources`] and its iterator [`Sources`].
//!
//! Each input is a file, a folder (read recursively, entries in sorted order), `-` for standard
//! input, or an http(s) URL. A stream's format is recognised from its first bytes, after
//! undoing gzip when the gzip magic bytes start it: WARC, JSON Lines, RSS/Atom, HTML, plain
//! text, or binary content that is reported and skipped.

use crate::decode::decode_text;
use crate::feed::read_feed;
use crate::fetch::{fetch, is_url};
use crate::jsonl::JsonlReader;
use crate::messages::ExportReader;
use crate::warc::WarcReader;
use crate::{Hints, IngestError, IngestOptions, Payload, RawDoc};
use sitrep_model::DocId;
use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// How much of a stream is read to recognise its format.
const PEEK: usize = 8192;
/// Single documents and feeds larger than this are cut off (with a note).
const MAX_DOC: u64 = 256 * 1024 * 1024;

type Records = Box<dyn Iterator<Item = Result<RawDoc, IngestError>> + Send>;
type Stream = Box<dyn Read + Send>;

/// The formats recognised by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Empty,
    Binary,
    Text,
    Html,
    Jsonl,
    /// A JSON document over several lines: a messaging-channel export, or records.
    Json,
    Feed,
    Warc,
}

enum Pending {
    Input(String),
    File { path: PathBuf, shown: String },
    Failed(IngestError),
}

/// The lazy iterator [`sources`] returns. Only the record being read is held in memory.
pub struct Sources {
    pending: VecDeque<Pending>,
    current: Option<Records>,
    opts: IngestOptions,
}

/// Expands inputs lazily into raw records, in input order. Errors for inputs that never become
/// documents (a missing file, an unreachable URL, an unreadable folder, a malformed record) come
/// as `Err` items naming the input; the other inputs are still read.
pub fn sources(inputs: &[String], opts: &IngestOptions) -> Sources {
    Sources {
        pending: inputs.iter().cloned().map(Pending::Input).collect(),
        current: None,
        opts: opts.clone(),
    }
}

/// Reads an input that is already in memory (for example an upload) exactly as [`sources`]
/// reads a file called `name`: format detection, gzip, containers.
pub fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    opts: &IngestOptions,
) -> impl Iterator<Item = Result<RawDoc, IngestError>> + Send {
    open_stream(Box::new(Cursor::new(bytes)), Origin::new(name, name), opts)
}

impl Iterator for Sources {
    type Item = Result<RawDoc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(cur) = self.current.as_mut() {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            match self.pending.pop_front()? {
                Pending::Failed(e) => return Some(Err(e)),
                Pending::File { path, shown } => match self.open_file(&path, shown) {
                    Ok(records) => self.current = Some(records),
                    Err(e) => return Some(Err(e)),
                },
                Pending::Input(input) => {
                    if input == "-" {
                        let stdin: Stream = Box::new(io::stdin());
                        self.current = Some(open_stream(stdin, Origin::new("-", "-"), &self.opts));
                    } else if is_url(&input) {
                        match fetch(&input) {
                            Ok(f) => {
                                let mut origin = Origin::new(&input, &input);
                                origin.url = Some(input.clone());
                                origin.content_type = f.content_type;
                                self.current = Some(open_stream(
                                    Box::new(Cursor::new(f.body)),
                                    origin,
                                    &self.opts,
                                ));
                            }
                            Err(e) => return Some(Err(e)),
                        }
                    } else {
                        let path = PathBuf::from(&input);
                        match fs::metadata(&path) {
                            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                                return Some(Err(IngestError::NotFound { input }))
                            }
                            Err(source) => return Some(Err(IngestError::Io { input, source })),
                            Ok(m) if m.is_dir() => {
                                let mut found = Vec::new();
                                walk(&path, &mut found);
                                for p in found.into_iter().rev() {
                                    self.pending.push_front(p);
                                }
                            }
                            Ok(_) => match self.open_file(&path, input) {
                                Ok(records) => self.current = Some(records),
                                Err(e) => return Some(Err(e)),
                            },
                        }
                    }
                }
            }
        }
    }
}

impl Sources {
    fn open_file(&self, path: &Path, shown: String) -> Result<Records, IngestError> {
        let file = fs::File::open(path).map_err(|source| {
            if source.kind() == io::ErrorKind::NotFound {
                IngestError::NotFound {
                    input: shown.clone(),
                }
            } else {
                IngestError::Io {
                    input: shown.clone(),
                    source,
                }
            }
        })?;
        let name = path
            .file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
        Ok(open_stream(
            Box::new(file),
            Origin::new(&shown, &name),
            &self.opts,
        ))
    }
}

/// Lists the files under `dir` depth-first with entries in sorted order. Hidden entries (names
/// starting with '.') and a folder's README and LICENSE files are skipped: they describe the
/// folder rather than being articles. Unreadable folders become errors in place.
fn walk(dir: &Path, out: &mut Vec<Pending>) {
    let shown = dir.display().to_string();
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(source) => {
            out.push(Pending::Failed(IngestError::Folder {
                input: shown,
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => paths.push(e.path()),
            Err(source) => out.push(Pending::Failed(IngestError::Folder {
                input: shown.clone(),
                source,
            })),
        }
    }
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let stem = name.split('.').next().unwrap_or("");
        if name.starts_with('.') || matches!(stem, "readme" | "license" | "licence" | "copying") {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(Pending::File {
                shown: p.display().to_string(),
                path: p,
            });
        }
    }
}

/// Where a stream came from.
struct Origin {
    /// The input as shown in messages.
    input: String,
    /// The id of a single document read from the stream, and the base of `BASE#N` record ids.
    id: String,
    url: Option<String>,
    content_type: Option<String>,
}

impl Origin {
    fn new(input: &str, id: &str) -> Self {
        Origin {
            input: input.to_string(),
            id: id.to_string(),
            url: None,
            content_type: None,
        }
    }
}

/// Reads up to `n` bytes; a read error is returned beside what was read before it.
fn peek(r: &mut dyn Read, n: usize) -> (Vec<u8>, Option<io::Error>) {
    let mut buf = vec![0; n];
    let mut filled = 0;
    while filled < n {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(k) => filled += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                buf.truncate(filled);
                return (buf, Some(e));
            }
        }
    }
    buf.truncate(filled);
    (buf, None)
}

/// Reads a whole stream up to `MAX_DOC`; a fault is returned beside what was read before it.
fn read_all(r: &mut dyn Read) -> (Vec<u8>, Option<String>) {
    let mut out = Vec::new();
    match r.take(MAX_DOC).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 >= MAX_DOC => (
            out,
            Some(format!(
                "larger than {MAX_DOC} bytes; the rest was not read"
            )),
        ),
        Ok(_) => (out, None),
        Err(e) => (out, Some(e.to_string())),
    }
}

/// Recognises a stream's format from its first (uncompressed) bytes.
pub fn detect(prefix: &[u8]) -> Format {
    if prefix.iter().all(u8::is_ascii_whitespace) {
        return Format::Empty;
    }
    if prefix.starts_with(b"WARC/") {
        return Format::Warc;
    }
    let bom = encoding_rs::Encoding::for_bom(prefix);
    let text = match bom {
        Some((enc, n)) => enc.decode_without_bom_handling(&prefix[n..]).0.into_owned(),
        None => {
            let controls = prefix
                .iter()
                .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B)
                .count();
            if prefix.contains(&0) || controls * 50 > prefix.len() {
                return Format::Binary;
            }
            String::from_utf8_lossy(prefix).into_owned()
        }
    };
    let t = text.trim_start();
    if t.starts_with('[') {
        return Format::Json;
    }
    if t.starts_with('{') {
        return json_kind(t);
    }
    let lower = t.to_lowercase();
    let html_at = ["<html", "<!doctype html", "<body", "<head"]
        .iter()
        .filter_map(|m| lower.find(m))
        .min();
    if t.starts_with('<') {
        let feed_at = ["<rss", "<feed", "<rdf:rdf"]
            .iter()
            .filter_map(|m| {
                lower
                    .find(m)
                    .filter(|&p| lower[p + m.len()..].starts_with([' ', '>', '\n', '\r', '\t']))
            })
            .min();
        return match (feed_at, html_at) {
            (Some(f), Some(h)) if f < h => Format::Feed,
            (Some(_), None) => Format::Feed,
            _ => Format::Html,
        };
    }
    if html_at.is_some() {
        return Format::Html;
    }
    Format::Text
}

/// Tells JSON Lines from a JSON document written over several lines (such as a channel
/// export), given the text of a stream's first bytes starting at its first `{`. The first line
/// of JSON Lines is a whole JSON value; a document's first line is not, and its next line does
/// not open a record. A first line longer than the bytes looked at is one long record.
fn json_kind(t: &str) -> Format {
    let Some(nl) = t.find('\n') else {
        return Format::Jsonl;
    };
    let first = t[..nl].trim();
    if serde_json::from_str::<serde::de::IgnoredAny>(first).is_ok() {
        return Format::Jsonl;
    }
    let next = t[nl..].trim_start();
    if first != "{" && next.starts_with('{') {
        // A broken first record followed by more records.
        return Format::Jsonl;
    }
    Format::Json
}

/// Opens a stream: undoes gzip, recognises the format and returns its records.
fn open_stream(mut raw: Stream, origin: Origin, opts: &IngestOptions) -> Records {
    let input = origin.input.clone();
    let (prefix, err) = peek(&mut raw, PEEK);
    if let Some(e) = err.filter(|_| prefix.is_empty()) {
        return Box::new(std::iter::once(Err(IngestError::Io { input, source: e })));
    }
    let mut notes = Vec::new();
    let mut stream: Stream = Box::new(Cursor::new(prefix.clone()).chain(raw));
    let mut head = prefix;
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut gz: Stream = Box::new(flate2::read::MultiGzDecoder::new(stream));
        let (unzipped, err) = peek(&mut gz, PEEK);
        match err {
            Some(e) => {
                // The stream broke within its first bytes: keep what it gave.
                notes.push(format!(
                    "{input}: gzip stream unreadable after {} bytes: {e}",
                    unzipped.len()
                ));
                stream = Box::new(Cursor::new(unzipped.clone()));
            }
            None => stream = Box::new(Cursor::new(unzipped.clone()).chain(gz)),
        }
        head = unzipped;
    }
    let format = detect(&head);
    let base = origin.id.clone();
    match format {
        Format::Warc => Box::new(WarcReader::new(
            BufReader::with_capacity(1 << 16, stream),
            input,
            base,
        )),
        Format::Jsonl => Box::new(JsonlReader::new(
            BufReader::with_capacity(1 << 16, stream),
            input,
            base,
        )),
        Format::Json => {
            let (bytes, fault) = read_all(&mut stream);
            let mut first = true;
            let reader = ExportReader::new(bytes, input.clone(), base).map(move |mut item| {
                // Notes on the stream as a whole go with its first record.
                if first {
                    if let Ok(raw) = &mut item {
                        first = false;
                        raw.errors.splice(0..0, notes.drain(..));
                        if let Some(f) = &fault {
                            raw.errors.push(format!("{input}: {f}"));
                        }
                    }
                }
                item
            });
            Box::new(reader)
        }
        Format::Feed => {
            let (bytes, fault) = read_all(&mut stream);
            let mut items = read_feed(&bytes, &input, &base);
            for item in items.iter_mut().flatten() {
                item.errors.splice(0..0, notes.iter().cloned());
                if let Some(f) = &fault {
                    item.errors.push(format!("{input}: {f}"));
                }
            }
            if opts.fetch_pages {
                Box::new(items.into_iter().map(|r| r.map(fetch_item_page)))
            } else {
                Box::new(items.into_iter())
            }
        }
        Format::Empty | Format::Binary | Format::Text | Format::Html => {
            let (bytes, fault) = read_all(&mut stream);
            if let Some(f) = fault {
                notes.push(format!("{input}: {f}; kept the {} bytes read", bytes.len()));
            }
            Box::new(std::iter::once(Ok(single(format, bytes, origin, notes))))
        }
    }
}

/// A stream that is one document.
fn single(format: Format, bytes: Vec<u8>, origin: Origin, mut errors: Vec<String>) -> RawDoc {
    let input = &origin.input;
    let payload = match format {
        Format::Html => Payload::Html(bytes),
        Format::Text => {
            let d = decode_text(&bytes);
            if let Some(n) = d.note {
                errors.push(format!("{input}: {n}"));
            }
            Payload::Text(d.text)
        }
        Format::Binary => {
            errors.push(format!(
                "{input}: binary content, not text, HTML, JSON Lines, a feed or WARC; skipped"
            ));
            Payload::Empty
        }
        _ => {
            if errors.is_empty() {
                errors.push(format!("{input}: empty input"));
            }
            Payload::Empty
        }
    };
    RawDoc {
        id: DocId(origin.id),
        input: origin.input,
        payload,
        hints: Hints {
            url: origin.url,
            content_type: origin.content_type,
            ..Hints::default()
        },
        errors,
    }
}

/// Replaces a feed item's own content with the page its link points to, when it can be fetched.
fn fetch_item_page(mut raw: RawDoc) -> RawDoc {
    let Some(url) = raw.hints.url.clone().filter(|u| is_url(u)) else {
        return raw;
    };
    match fetch(&url) {
        Ok(f) => {
            raw.payload = Payload::Html(f.body);
            raw.hints.content_type = f.content_type;
        }
        Err(e) => raw.errors.push(format!("{e}; used the item's own content")),
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_by_content() {
        assert_eq!(detect(b""), Format::Empty);
        assert_eq!(detect(b" \n"), Format::Empty);
        assert_eq!(detect(b"WARC/1.1\r\n"), Format::Warc);
        assert_eq!(detect(b"\xEF\xBB\xBF {\"text\": \"x\"}\n"), Format::Jsonl);
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(
            detect(b"<!DOCTYPE html><html><body><a href='/feed'>feed</a>"),
            Format::Html
        );
        assert_eq!(detect(b"<p>Just a fragment"), Format::Html);
        assert_eq!(detect(b"Headline\n\nBody text."), Format::Text);
        assert_eq!(detect(b"\x00\x01\x02\x03binary\x04\x05"), Format::Binary);
        assert_eq!(detect("Харків\n".as_bytes()), Format::Text);
    }

    #[test]
    fn json_lines_and_json_documents_are_told_apart() {
        // A channel export as the desktop client writes it, and an array of records.
        assert_eq!(
            detect(b"{\n \"name\": \"Channel\",\n \"type\": \"public_channel\",\n \"messages\": ["),
            Format::Json
        );
        assert_eq!(detect(b"[\n  {\"id\": 1, \"text\": \"x\"}"), Format::Json);
        assert_eq!(
            detect(b"{\"name\": \"C\",\n \"messages\": []}"),
            Format::Json
        );
        // JSON Lines: a whole record on the first line, a broken first record followed by
        // records, or one long first line.
        assert_eq!(
            detect(b"{\"id\": 1, \"text\": \"x\"}\n{\"id\": 2, \"text\": \"y\"}\n"),
            Format::Jsonl
        );
        assert_eq!(
            detect(b"{\"id\": 1, \"text\": \n{\"id\": 2}\n"),
            Format::Jsonl
        );
        assert_eq!(detect(b"{\"text\": \"a very long line"), Format::Jsonl);
    }
}
