//! WARC files (uncompressed or gzip, usually one gzip member per record), streamed record by
//! record.
//!
//! [`WarcReader`] yields a [`RawDoc`] for each `response` record whose HTTP payload is an HTML
//! page. The HTTP headers are parsed: the status must be 2xx, `Transfer-Encoding: chunked` is
//! undone and `Content-Encoding: gzip`/`deflate` decompressed. Other records (requests,
//! metadata, images) are skipped without being held in memory. A record with a bad header yields
//! an error naming the record and its byte offset, and reading resumes at the next record.

use crate::{Hints, IngestError, Payload, RawDoc};
use sitrep_model::DocId;
use std::io::{self, BufRead, Read};

/// Blocks larger than this are skipped rather than read into memory.
const MAX_BLOCK: u64 = 256 * 1024 * 1024;
const MAX_LINE: u64 = 64 * 1024;

/// Streams the HTML responses of a WARC input.
pub struct WarcReader<R> {
    reader: R,
    input: String,
    base: String,
    /// Bytes consumed so far (of the uncompressed stream).
    offset: u64,
    record: u64,
    pending: Option<Vec<u8>>,
    resync: bool,
    done: bool,
}

struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn strip_angle(s: &str) -> String {
    s.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string()
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(reader: R, input: String, base: String) -> Self {
        WarcReader {
            reader,
            input,
            base,
            offset: 0,
            record: 0,
            pending: None,
            resync: false,
            done: false,
        }
    }

    fn err(&self, offset: u64, message: impl Into<String>) -> IngestError {
        IngestError::Warc {
            input: self.input.clone(),
            record: self.record,
            offset,
            message: message.into(),
        }
    }

    fn read_line(&mut self) -> io::Result<Vec<u8>> {
        if let Some(line) = self.pending.take() {
            self.offset += line.len() as u64;
            return Ok(line);
        }
        let mut line = Vec::new();
        (&mut self.reader)
            .take(MAX_LINE)
            .read_until(b'\n', &mut line)?;
        self.offset += line.len() as u64;
        Ok(line)
    }

    /// Skips lines up to the next one that starts a record; false at the end of input.
    fn skip_to_record(&mut self) -> io::Result<bool> {
        loop {
            let line = self.read_line()?;
            if line.is_empty() {
                return Ok(false);
            }
            if line.starts_with(b"WARC/") {
                self.offset -= line.len() as u64;
                self.pending = Some(line);
                return Ok(true);
            }
        }
    }

    /// Reads one record; `Ok(None)` at the end of input, `Ok(Some(None))` for a record that is
    /// not a document.
    fn next_record(&mut self) -> Result<Option<Option<RawDoc>>, IngestError> {
        if self.resync {
            self.resync = false;
            match self.skip_to_record() {
                Ok(true) => {}
                Ok(false) => return Ok(None),
                Err(e) => return Err(self.err(self.offset, format!("read error: {e}"))),
            }
        }
        // Blank lines separate records.
        let (start, version) = loop {
            let start = self.offset;
            let line = self
                .read_line()
                .map_err(|e| self.err(self.offset, format!("read error: {e}")))?;
            if line.is_empty() {
                return Ok(None);
            }
            if !line.trim_ascii().is_empty() {
                break (start, line);
            }
        };
        self.record += 1;
        if !version.starts_with(b"WARC/") {
            self.resync = true;
            let shown: String = String::from_utf8_lossy(&version).chars().take(40).collect();
            return Err(self.err(
                start,
                format!("expected a WARC version line, found {:?}", shown.trim_end()),
            ));
        }
        let mut header = Header { fields: Vec::new() };
        loop {
            let line = self
                .read_line()
                .map_err(|e| self.err(start, format!("read error: {e}")))?;
            if line.is_empty() {
                self.done = true;
                return Err(self.err(start, "input ends inside the record header"));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            match text.split_once(':') {
                Some((k, v)) => header
                    .fields
                    .push((k.trim().to_string(), v.trim().to_string())),
                None if text.starts_with([' ', '\t']) => {}
                None => {
                    self.resync = true;
                    return Err(self.err(start, format!("malformed header line {text:?}")));
                }
            }
        }
        let Some(len) = header
            .get("Content-Length")
            .and_then(|v| v.parse::<u64>().ok())
        else {
            self.resync = true;
            return Err(self.err(start, "missing or invalid Content-Length"));
        };
        let kind = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        if kind != "response" || len > MAX_BLOCK {
            let skipped = io::copy(&mut (&mut self.reader).take(len), &mut io::sink())
                .map_err(|e| self.err(start, format!("read error: {e}")))?;
            self.offset += skipped;
            if skipped < len {
                self.done = true;
                return Err(self.err(
                    start,
                    format!("truncated: block of {len} bytes ends after {skipped}"),
                ));
            }
            if kind == "response" {
                return Err(self.err(
                    start,
                    format!("response of {len} bytes is too large; skipped"),
                ));
            }
            return Ok(Some(None));
        }
        let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
        (&mut self.reader)
            .take(len)
            .read_to_end(&mut block)
            .map_err(|e| {
                self.done = true;
                self.err(start, format!("read error: {e}"))
            })?;
        self.offset += block.len() as u64;
        if (block.len() as u64) < len {
            self.done = true;
            return Err(self.err(
                start,
                format!("truncated: block of {len} bytes ends after {}", block.len()),
            ));
        }
        Ok(Some(self.response(&header, &block, start)))
    }

    fn response(&self, header: &Header, block: &[u8], start: u64) -> Option<RawDoc> {
        let http = parse_http(block)?;
        if !(200..300).contains(&http.status) {
            return None;
        }
        let ct = http.header("Content-Type").map(str::to_string);
        let is_html = match &ct {
            Some(ct) => ct.to_ascii_lowercase().contains("html"),
            None => sniff_html(http.body),
        };
        if !is_html {
            return None;
        }
        let mut errors = Vec::new();
        let where_ = format!("{}: WARC record {} (byte {start})", self.input, self.record);
        let mut body = http.body.to_vec();
        if http
            .header("Transfer-Encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
        {
            match dechunk(&body) {
                Ok(b) => body = b,
                Err(partial) if !partial.is_empty() => {
                    errors.push(format!("{where_}: chunked body is truncated"));
                    body = partial;
                }
                // Some crawlers store the body already de-chunked but keep the header.
                Err(_) => {}
            }
        }
        if let Some(enc) = http
            .header("Content-Encoding")
            .map(|v| v.trim().to_ascii_lowercase())
        {
            match enc.as_str() {
                "gzip" | "x-gzip" | "deflate"
                    if body.starts_with(&[0x1f, 0x8b]) || enc == "deflate" =>
                {
                    let (out, err) = inflate(&body, &enc);
                    if let Some(e) = err {
                        errors.push(format!("{where_}: {enc} body: {e}"));
                    }
                    body = out;
                }
                "gzip" | "x-gzip" | "identity" | "" => {}
                other => {
                    errors.push(format!("{where_}: unsupported Content-Encoding {other:?}"));
                    body.clear();
                }
            }
        }
        let url = header
            .get("WARC-Target-URI")
            .map(strip_angle)
            .filter(|u| !u.is_empty());
        let id = header
            .get("WARC-Record-ID")
            .map(strip_angle)
            .filter(|u| !u.is_empty())
            .or_else(|| url.clone())
            .unwrap_or_else(|| format!("{}#{}", self.base, self.record));
        let payload = if body.is_empty() {
            Payload::Empty
        } else {
            Payload::Html(body)
        };
        if payload == Payload::Empty {
            errors.push(format!("{where_}: empty HTML body"));
        }
        Some(RawDoc {
            id: DocId(id),
            input: self.input.clone(),
            payload,
            hints: Hints {
                url,
                content_type: ct,
                // The crawl date, not the publication date: only a last-resort stand-in for it.
                fetched: header.get("WARC-Date").map(str::to_string),
                ..Hints::default()
            },
            errors,
        })
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<RawDoc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(None) => self.done = true,
                Ok(Some(None)) => {}
                Ok(Some(Some(doc))) => return Some(Ok(doc)),
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

struct Http<'a> {
    status: u16,
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

impl Http<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Splits an HTTP response into status, headers and body. `None` when it is not one.
fn parse_http(block: &[u8]) -> Option<Http<'_>> {
    if !block.starts_with(b"HTTP/") {
        return None;
    }
    let (head_end, body_start) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(p) => (p, p + 4),
        None => {
            let p = memchr::memmem::find(block, b"\n\n")?;
            (p, p + 2)
        }
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Http {
        status,
        headers,
        body: &block[body_start..],
    })
}

fn sniff_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    memchr::memmem::find(&head, b"<html").is_some()
        || memchr::memmem::find(&head, b"<!doctype html").is_some()
}

/// Undoes chunked transfer coding. `Err` carries what was decoded before the coding broke off.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let Some(eol) = memchr::memchr(b'\n', body) else {
            return Err(out);
        };
        let size_line = String::from_utf8_lossy(&body[..eol]);
        let size_hex = size_line.trim().split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            return Err(out);
        };
        body = &body[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        if body.len() < size {
            out.extend_from_slice(body);
            return Err(out);
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

/// Decompresses a gzip or deflate body; on a fault returns what was decompressed and the fault.
fn inflate(body: &[u8], enc: &str) -> (Vec<u8>, Option<String>) {
    let mut out = Vec::new();
    let res = if body.starts_with(&[0x1f, 0x8b]) {
        flate2::read::MultiGzDecoder::new(body).read_to_end(&mut out)
    } else if enc == "deflate" {
        // "deflate" is zlib-wrapped by the standard, raw deflate by some servers.
        match flate2::read::ZlibDecoder::new(body).read_to_end(&mut out) {
            Ok(n) => Ok(n),
            Err(_) => {
                out.clear();
                flate2::read::DeflateDecoder::new(body).read_to_end(&mut out)
            }
        }
    } else {
        out.extend_from_slice(body);
        Ok(0)
    };
    (out, res.err().map(|e| e.to_string()))
}

/// Writes one WARC `response` record for `url` with an HTTP response carrying `body`. Used to
/// build test inputs and samples.
pub fn response_record(
    url: &str,
    record_id: &str,
    date: &str,
    http_headers: &str,
    body: &[u8],
) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 200 OK\r\n{http_headers}\r\n").into_bytes();
    http.extend_from_slice(body);
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <{record_id}>\r\nWARC-Date: {date}\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(&http);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Vec<Result<RawDoc, IngestError>> {
        WarcReader::new(bytes, "t.warc".into(), "t.warc".into()).collect()
    }

    fn page(text: &str) -> Vec<u8> {
        format!("<html><body><p>{text}</p></body></html>").into_bytes()
    }

    #[test]
    fn html_responses_become_documents_and_other_records_are_skipped() {
        let mut w =
            b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n".to_vec();
        w.extend(response_record(
            "https://n.test/1",
            "urn:uuid:1",
            "2025-05-01T10:00:00Z",
            "Content-Type: text/html; charset=utf-8\r\n",
            &page("One"),
        ));
        w.extend(response_record(
            "https://n.test/img",
            "urn:uuid:2",
            "2025-05-01T10:00:00Z",
            "Content-Type: image/png\r\n",
            b"\x89PNG",
        ));
        let out = read(&w);
        assert_eq!(out.len(), 1);
        let d = out[0].as_ref().unwrap();
        assert_eq!(d.id.0, "urn:uuid:1");
        assert_eq!(d.hints.url.as_deref(), Some("https://n.test/1"));
        assert_eq!(d.hints.fetched.as_deref(), Some("2025-05-01T10:00:00Z"));
        assert_eq!(d.payload, Payload::Html(page("One")));
    }

    #[test]
    fn chunked_and_gzip_bodies_are_decoded() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&page("Zipped")).unwrap();
        let zipped = gz.finish().unwrap();
        let mut chunked = Vec::new();
        for part in zipped.chunks(7) {
            chunked.extend(format!("{:x}\r\n", part.len()).into_bytes());
            chunked.extend_from_slice(part);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let w = response_record(
            "https://n.test/z",
            "urn:uuid:z",
            "2025-05-01T10:00:00Z",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked,
        );
        let out = read(&w);
        assert_eq!(
            out[0].as_ref().unwrap().payload,
            Payload::Html(page("Zipped"))
        );
    }

    #[test]
    fn a_bad_header_is_reported_and_the_next_record_is_read() {
        let mut w =
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: banana\r\n\r\nxx\r\n\r\n".to_vec();
        w.extend(response_record(
            "https://n.test/2",
            "urn:uuid:2",
            "2025-05-01T10:00:00Z",
            "Content-Type: text/html\r\n",
            &page("Two"),
        ));
        let out = read(&w);
        assert_eq!(out.len(), 2);
        let e = out[0].as_ref().unwrap_err().to_string();
        assert_eq!(
            e,
            "t.warc: WARC record 1 (byte 0): missing or invalid Content-Length"
        );
        assert_eq!(out[1].as_ref().unwrap().id.0, "urn:uuid:2");
    }

    #[test]
    fn garbage_before_a_record_is_reported_with_its_offset() {
        let mut w = b"garbage line\n".to_vec();
        w.extend(response_record(
            "https://n.test/3",
            "urn:uuid:3",
            "2025-05-01T10:00:00Z",
            "Content-Type: text/html\r\n",
            &page("Three"),
        ));
        let out = read(&w);
        assert!(out[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("expected a WARC version line"));
        assert!(out[1].is_ok());
    }

    #[test]
    fn a_truncated_block_is_an_error_and_ends_reading() {
        let w = response_record(
            "https://n.test/4",
            "urn:uuid:4",
            "2025-05-01T10:00:00Z",
            "Content-Type: text/html\r\n",
            &page("Four"),
        );
        let out = read(&w[..w.len() - 30]);
        assert_eq!(out.len(), 1);
        assert!(out[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("truncated"));
    }

    #[test]
    fn non_2xx_responses_are_not_documents() {
        let mut w = response_record(
            "https://n.test/5",
            "urn:uuid:5",
            "2025-05-01T10:00:00Z",
            "Content-Type: text/html\r\n",
            &page("x"),
        );
        let at = memchr::memmem::find(&w, b"200 OK").unwrap();
        w[at..at + 6].copy_from_slice(b"404 NF");
        assert!(read(&w).is_empty());
    }
}
