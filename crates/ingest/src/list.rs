//! What a watched feed lists: the items of an RSS/Atom feed, the pages of a sitemap (also a
//! Google News sitemap), the sitemaps of a sitemap index, or a plain list of URLs, one a line.

use crate::feed::read_feed;
use crate::fetch::is_url;
use crate::{detect, Format, IngestError, RawDoc};
use quick_xml::events::Event;
use quick_xml::Reader;

/// One listed item.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    /// A feed item: its content and metadata, with its link in `hints.url`.
    Item(Box<RawDoc>),
    /// A page of a sitemap or a URL list, with what the sitemap says of it.
    Page {
        url: String,
        published: Option<String>,
        title: Option<String>,
    },
    /// Another sitemap, named by a sitemap index.
    Sitemap(String),
}

impl Listed {
    /// The URL of the item's page, if it has one.
    pub fn url(&self) -> Option<&str> {
        match self {
            Listed::Item(raw) => raw.hints.url.as_deref(),
            Listed::Page { url, .. } | Listed::Sitemap(url) => Some(url),
        }
    }
}

/// Reads the items of a fetched feed, sitemap or URL list; `input` names it in messages. A
/// document that is none of these is an error; a feed that breaks off keeps the items before
/// the fault.
pub fn read_list(bytes: &[u8], input: &str) -> Result<Vec<Listed>, IngestError> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    if head.contains("<urlset") || head.contains("<sitemapindex") {
        return read_sitemap(bytes, input);
    }
    match detect(bytes) {
        Format::Feed => {
            let mut items = Vec::new();
            let mut failure = None;
            for r in read_feed(bytes, input, input) {
                match r {
                    Ok(raw) => items.push(Listed::Item(Box::new(raw))),
                    Err(e) => failure = Some(e),
                }
            }
            match failure {
                Some(e) if items.is_empty() => Err(e),
                _ => Ok(items),
            }
        }
        Format::Text => {
            let text = String::from_utf8_lossy(bytes);
            let urls: Vec<Listed> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| {
                    is_url(l).then(|| Listed::Page {
                        url: l.to_string(),
                        published: None,
                        title: None,
                    })
                })
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default();
            if urls.is_empty() {
                Err(not_a_list(input, bytes))
            } else {
                Ok(urls)
            }
        }
        _ => Err(not_a_list(input, bytes)),
    }
}

fn not_a_list(input: &str, bytes: &[u8]) -> IngestError {
    IngestError::Feed {
        input: input.to_string(),
        offset: 0,
        message: format!(
            "not a feed, a sitemap or a list of URLs ({} bytes)",
            bytes.len()
        ),
    }
}

fn read_sitemap(bytes: &[u8], input: &str) -> Result<Vec<Listed>, IngestError> {
    let (xml, _) = crate::feed::decode_feed(bytes);
    let mut reader = Reader::from_str(&xml);
    reader.config_mut().check_end_names = false;
    let mut out = Vec::new();
    let mut field: Option<String> = None;
    let (mut loc, mut published, mut title) = (None::<String>, None::<String>, None::<String>);
    let mut in_index = false;
    loop {
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                if out.is_empty() {
                    return Err(IngestError::Feed {
                        input: input.to_string(),
                        offset: reader.error_position(),
                        message: e.to_string(),
                    });
                }
                break;
            }
        };
        match ev {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                match name.as_str() {
                    "sitemapindex" => in_index = true,
                    "url" | "sitemap" => {
                        loc = None;
                        published = None;
                        title = None;
                    }
                    "loc" | "lastmod" | "publication_date" | "title" => field = Some(name),
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(f) = &field {
                    let v = t.xml10_content().trim().to_string();
                    match f.as_str() {
                        "loc" => loc = Some(v),
                        "title" => title = Some(v),
                        "publication_date" => published = Some(v),
                        _ => {
                            published.get_or_insert(v);
                        }
                    }
                }
            }
            Event::CData(t) => {
                if let Some(f) = &field {
                    let v = t.xml10_content();
                    if f == "loc" {
                        loc = Some(v.trim().to_string());
                    } else if f == "title" {
                        title = Some(v.trim().to_string());
                    }
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                field = None;
                if name == "url" || name == "sitemap" {
                    if let Some(u) = loc.take().filter(|u| is_url(u)) {
                        out.push(if in_index || name == "sitemap" {
                            Listed::Sitemap(u)
                        } else {
                            Listed::Page {
                                url: u,
                                published: published.take(),
                                title: title.take(),
                            }
                        });
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_sitemap_lists_pages_with_their_dates_and_titles() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://n.example/a</loc><news:news><news:publication_date>2025-03-04T06:00:00+02:00</news:publication_date><news:title>Drones over Sumy</news:title></news:news></url>
<url><loc>https://n.example/b</loc><lastmod>2025-03-05</lastmod></url>
<url><loc>javascript:alert(1)</loc></url>
</urlset>"#;
        let items = read_list(xml.as_bytes(), "s.xml").unwrap();
        assert_eq!(
            items,
            [
                Listed::Page {
                    url: "https://n.example/a".into(),
                    published: Some("2025-03-04T06:00:00+02:00".into()),
                    title: Some("Drones over Sumy".into())
                },
                Listed::Page {
                    url: "https://n.example/b".into(),
                    published: Some("2025-03-05".into()),
                    title: None
                }
            ]
        );
    }

    #[test]
    fn an_index_lists_sitemaps_and_a_text_file_lists_urls() {
        let idx =
            "<sitemapindex><sitemap><loc>https://n.example/s1.xml</loc></sitemap></sitemapindex>";
        assert_eq!(
            read_list(idx.as_bytes(), "i.xml").unwrap(),
            [Listed::Sitemap("https://n.example/s1.xml".into())]
        );
        let urls = read_list(
            b"# latest\nhttps://n.example/1\n\nhttps://n.example/2\n",
            "l.txt",
        )
        .unwrap();
        assert_eq!(urls.len(), 2);
        assert_eq!(urls[1].url(), Some("https://n.example/2"));
    }

    #[test]
    fn garbage_is_an_error_naming_the_input() {
        for junk in [
            &b"\x00\x01\x02binary"[..],
            b"Just some prose, not a list.",
            b"",
        ] {
            let e = read_list(junk, "junk.xml").expect_err("not a list");
            assert!(e.to_string().starts_with("junk.xml: "), "{e}");
        }
    }
}
