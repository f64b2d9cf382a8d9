//! RSS 2.0 (also RSS 1.0) and Atom feeds.
//!
//! [`read_feed`] turns each `<item>` or `<entry>` into a [`RawDoc`] whose payload is the item's
//! HTML content (`content:encoded`, Atom `content`, `description` or `summary`, in that order of
//! preference), with the item's link, date, author and title as [`Hints`] and the feed's title as
//! the outlet. A feed that breaks off keeps the items read before the fault and reports it.

use crate::fragment::{decode_entities, fragment_paragraphs, normalise_space};
use crate::{Hints, IngestError, Payload, RawDoc};
use encoding_rs::{Encoding, UTF_8};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use sitrep_model::DocId;

#[derive(Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    id: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    author: Option<String>,
    encoded: Option<String>,
    content: Option<String>,
    description: Option<String>,
    summary: Option<String>,
    language: Option<String>,
}

/// The item field an element fills, and whether it carries markup.
fn field_of(name: &str, parent: &str) -> Option<(&'static str, bool)> {
    Some(match name {
        "title" => ("title", false),
        "link" => ("link", false),
        "guid" | "id" => ("id", false),
        "pubdate" | "published" | "date" | "issued" => ("published", false),
        "updated" | "modified" => ("updated", false),
        "creator" | "author" => ("author", false),
        "name" if parent == "author" => ("author", false),
        "encoded" => ("encoded", true),
        "content" => ("content", true),
        "description" => ("description", true),
        "summary" => ("summary", true),
        _ => return None,
    })
}

impl Item {
    fn set(&mut self, field: &str, value: String) {
        let value = value.trim().to_string();
        if value.is_empty() {
            return;
        }
        let slot = match field {
            "title" => &mut self.title,
            "link" => &mut self.link,
            "id" => &mut self.id,
            "published" => &mut self.published,
            "updated" => &mut self.updated,
            "author" => &mut self.author,
            "encoded" => &mut self.encoded,
            "content" => &mut self.content,
            "description" => &mut self.description,
            "summary" => &mut self.summary,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }
}

fn local(name: &str) -> String {
    let s = name;
    s.rsplit(':').next().unwrap_or("").to_ascii_lowercase()
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| {
            let k = a.key.as_ref().to_ascii_lowercase();
            k == key
        })
        .map(|a| decode_entities(&a.value))
}

/// Decodes feed bytes: a byte order mark, else the XML declaration's encoding, else UTF-8.
pub fn decode_feed(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((enc, n)) = Encoding::for_bom(bytes) {
        return (
            enc.decode_without_bom_handling(&bytes[n..]).0.into_owned(),
            None,
        );
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
    let declared = head
        .find("encoding=")
        .and_then(|p| {
            let rest = &head[p + 9..];
            let q = rest.chars().next()?;
            let rest = &rest[q.len_utf8()..];
            rest.find(q).map(|e| rest[..e].to_string())
        })
        .and_then(|l| Encoding::for_label(l.as_bytes()))
        .unwrap_or(UTF_8);
    let (text, _, bad) = declared.decode(bytes);
    let note = bad.then(|| format!("bytes not valid in {} were replaced", declared.name()));
    (text.into_owned(), note)
}

/// Reads all items of a feed. `input` names the input in messages; `base` starts the `BASE#N`
/// ids of items with neither an id nor a link.
pub fn read_feed(bytes: &[u8], input: &str, base: &str) -> Vec<Result<RawDoc, IngestError>> {
    let (xml, note) = decode_feed(bytes);
    let mut reader = Reader::from_str(&xml);
    {
        let cfg = reader.config_mut();
        cfg.allow_unmatched_ends = true;
        cfg.check_end_names = false;
        cfg.allow_dangling_amp = true;
    }
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut feed_title: Option<String> = None;
    let mut feed_lang: Option<String> = None;
    let mut item: Option<(Item, usize)> = None;
    // The field being captured, the stack depth of its element, whether it holds markup.
    let mut capture: Option<(&'static str, usize, bool, String)> = None;
    let mut count = 0u64;
    let mut failure = None;
    loop {
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                failure = Some(IngestError::Feed {
                    input: input.to_string(),
                    offset: reader.error_position(),
                    message: e.to_string(),
                });
                break;
            }
        };
        match ev {
            Event::Start(e) => {
                let name = local(e.name().as_ref());
                if let Some((_, _, markup, buf)) = capture.as_mut() {
                    if *markup {
                        buf.push('<');
                        buf.push_str(&name);
                        buf.push('>');
                    }
                    stack.push(name);
                    continue;
                }
                let parent = stack.last().cloned().unwrap_or_default();
                if name == "item" || name == "entry" {
                    let mut it = Item {
                        language: attr(&e, "xml:lang"),
                        ..Item::default()
                    };
                    it.language = it.language.or_else(|| feed_lang.clone());
                    item = Some((it, stack.len()));
                } else if let Some((it, _)) = item.as_mut() {
                    if name == "link" {
                        if let Some(href) = attr(&e, "href") {
                            let rel = attr(&e, "rel").unwrap_or_default();
                            if rel.is_empty() || rel == "alternate" {
                                it.set("link", href);
                            }
                        }
                    }
                    if let Some((field, markup)) = field_of(&name, &parent) {
                        capture = Some((field, stack.len() + 1, markup, String::new()));
                    }
                } else if matches!(name.as_str(), "feed" | "rss" | "channel" | "rdf") {
                    if let Some(l) = attr(&e, "xml:lang") {
                        feed_lang = Some(l);
                    }
                } else if (name == "title" || name == "language")
                    && matches!(parent.as_str(), "channel" | "feed")
                {
                    capture = Some((
                        if name == "title" {
                            "feed_title"
                        } else {
                            "feed_lang"
                        },
                        stack.len() + 1,
                        false,
                        String::new(),
                    ));
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                let name = local(e.name().as_ref());
                if let Some((_, _, true, buf)) = capture.as_mut() {
                    buf.push('<');
                    buf.push_str(&name);
                    buf.push_str("/>");
                } else if let Some((it, _)) = item.as_mut() {
                    if name == "link" {
                        if let Some(href) = attr(&e, "href") {
                            let rel = attr(&e, "rel").unwrap_or_default();
                            if rel.is_empty() || rel == "alternate" {
                                it.set("link", href);
                            }
                        }
                    }
                }
            }
            Event::Text(t) => {
                if let Some((_, _, _, buf)) = capture.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, _, _, buf)) = capture.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, _, _, buf)) = capture.as_mut() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => buf.push(c),
                        _ => match &*r {
                            "amp" => buf.push('&'),
                            "lt" => buf.push('<'),
                            "gt" => buf.push('>'),
                            "quot" => buf.push('"'),
                            "apos" => buf.push('\''),
                            // HTML entities in feeds are not XML, but the HTML decoder reads them.
                            other => {
                                buf.push('&');
                                buf.push_str(other);
                                buf.push(';');
                            }
                        },
                    }
                }
            }
            Event::End(e) => {
                let name = local(e.name().as_ref());
                let depth = stack.len();
                stack.pop();
                if let Some((field, cdepth, markup, buf)) = capture.as_mut() {
                    if depth == *cdepth {
                        let value = std::mem::take(buf);
                        let field = *field;
                        capture = None;
                        match field {
                            "feed_title" => {
                                feed_title =
                                    feed_title.or(Some(normalise_space(&decode_entities(&value))))
                            }
                            "feed_lang" => feed_lang = Some(value.trim().to_string()),
                            _ => {
                                if let Some((it, _)) = item.as_mut() {
                                    it.set(field, value);
                                }
                            }
                        }
                    } else if *markup {
                        buf.push_str("</");
                        buf.push_str(&name);
                        buf.push('>');
                    }
                    continue;
                }
                if let Some((_, idepth)) = &item {
                    if stack.len() == *idepth && (name == "item" || name == "entry") {
                        let (it, _) = item.take().expect("item is open");
                        count += 1;
                        out.push(Ok(to_raw(it, input, base, count, feed_title.as_deref())));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((it, _)) = item.take() {
        count += 1;
        let mut raw = to_raw(it, input, base, count, feed_title.as_deref());
        raw.errors
            .push(format!("{input}: the feed ends inside item {count}"));
        out.push(Ok(raw));
    }
    if let Some(note) = note {
        for raw in out.iter_mut().flatten() {
            raw.errors.push(format!("{input}: {note}"));
        }
    }
    if let Some(f) = failure {
        out.push(Err(f));
    } else if count == 0 {
        out.push(Err(IngestError::Feed {
            input: input.to_string(),
            offset: xml.len() as u64,
            message: "no items found".into(),
        }));
    }
    out
}

/// The author's name from an RSS `author` field, which is often `email (Name)`; a bare e-mail
/// address is not a name.
fn feed_author(a: &str) -> Option<String> {
    let a = normalise_space(a);
    if let (Some(open), true) = (a.find('('), a.ends_with(')')) {
        if a[..open].contains('@') {
            let name = a[open + 1..a.len() - 1].trim();
            return (!name.is_empty()).then(|| name.to_string());
        }
    }
    let bare_email = a.contains('@') && !a.contains(' ');
    (!a.is_empty() && !bare_email).then_some(a)
}

fn to_raw(it: Item, input: &str, base: &str, n: u64, feed_title: Option<&str>) -> RawDoc {
    let content = it.encoded.or(it.content).or(it.description).or(it.summary);
    let mut errors = Vec::new();
    let payload = match content {
        Some(c) => Payload::Fragment(c),
        None => {
            errors.push(format!("{input}: item {n} has no content"));
            Payload::Empty
        }
    };
    // Titles may carry escaped markup; keep their text.
    let title = it
        .title
        .map(|t| fragment_paragraphs(&t).join(" "))
        .filter(|t| !t.is_empty());
    let link = it.link.map(|l| l.trim().to_string());
    let id = it
        .id
        .or_else(|| link.clone())
        .unwrap_or_else(|| format!("{base}#{n}"));
    RawDoc {
        id: DocId(id),
        input: input.to_string(),
        payload,
        hints: Hints {
            url: link,
            title,
            published: it.published.or(it.updated),
            outlet: feed_title.map(str::to_string).filter(|t| !t.is_empty()),
            author: it.author.as_deref().and_then(feed_author),
            language: it.language,
            ..Hints::default()
        },
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Frontline Wire</title><language>en-gb</language>
<item><title>Drones downed over Sumy</title><link>https://wire.test/a</link>
<pubDate>Sun, 02 Mar 2025 07:10:00 +0200</pubDate><dc:creator>Mykola Bondar</dc:creator>
<description>short</description>
<content:encoded><![CDATA[<p>Air defence downed 14 drones &amp; two missiles.</p>]]></content:encoded></item>
<item><title>Second &amp; last</title><description>&lt;p&gt;Escaped markup.&lt;/p&gt;</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_carry_content_and_hints() {
        let out = read_feed(RSS.as_bytes(), "f.xml", "f.xml");
        assert_eq!(out.len(), 2);
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.id.0, "https://wire.test/a");
        assert_eq!(
            a.payload,
            Payload::Fragment("<p>Air defence downed 14 drones &amp; two missiles.</p>".into())
        );
        assert_eq!(
            a.hints.published.as_deref(),
            Some("Sun, 02 Mar 2025 07:10:00 +0200")
        );
        assert_eq!(a.hints.author.as_deref(), Some("Mykola Bondar"));
        assert_eq!(a.hints.outlet.as_deref(), Some("Frontline Wire"));
        assert_eq!(a.hints.language.as_deref(), Some("en-gb"));
        let b = out[1].as_ref().unwrap();
        assert_eq!(b.id.0, "f.xml#2");
        assert_eq!(b.hints.title.as_deref(), Some("Second & last"));
        assert_eq!(
            b.payload,
            Payload::Fragment("<p>Escaped markup.</p>".into())
        );
    }

    #[test]
    fn atom_entries_use_href_links_and_xhtml_content() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk"><title>Nightly Digest</title>
<entry><id>tag:d.test,2025:1</id><title type="html">Blasts in Odesa</title>
<link rel="alternate" href="https://d.test/1"/><published>2025-04-01T06:00:00+03:00</published>
<author><name>Iryna Savchuk</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Port hit.</p><p>One injured.</p></div></content></entry></feed>"#;
        let out = read_feed(atom.as_bytes(), "a.xml", "a.xml");
        let e = out[0].as_ref().unwrap();
        assert_eq!(e.id.0, "tag:d.test,2025:1");
        assert_eq!(e.hints.url.as_deref(), Some("https://d.test/1"));
        assert_eq!(e.hints.author.as_deref(), Some("Iryna Savchuk"));
        assert_eq!(e.hints.language.as_deref(), Some("uk"));
        let Payload::Fragment(html) = &e.payload else {
            panic!("not a fragment")
        };
        assert_eq!(fragment_paragraphs(html), ["Port hit.", "One injured."]);
    }

    #[test]
    fn a_broken_feed_keeps_earlier_items_and_reports_the_fault() {
        let cut = &RSS[..RSS.find("<item><title>Second").unwrap() + 20];
        let broken = format!("{cut}<<<");
        let out = read_feed(broken.as_bytes(), "b.xml", "b.xml");
        assert!(out[0].is_ok());
        assert!(
            out.iter().any(|r| r
                .as_ref()
                .is_err_and(|e| e.to_string().starts_with("b.xml: feed"))),
            "{out:?}"
        );
    }

    #[test]
    fn rss_author_emails_yield_the_name_or_nothing() {
        assert_eq!(
            feed_author("desk@wire.test (Yana Moroz)").as_deref(),
            Some("Yana Moroz")
        );
        assert_eq!(feed_author("desk@wire.test"), None);
        assert_eq!(feed_author(" Yana  Moroz ").as_deref(), Some("Yana Moroz"));
    }

    #[test]
    fn a_document_without_items_is_an_error() {
        let out = read_feed(
            b"<rss><channel><title>x</title></channel></rss>",
            "e.xml",
            "e.xml",
        );
        assert!(matches!(&out[..], [Err(IngestError::Feed { .. })]));
    }
}
