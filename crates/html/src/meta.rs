//! Page metadata: [`Metadata`] gathers title, author, dates, publisher, language and canonical
//! URL from `<meta>` tags, Open Graph, `<link>`, `<time>`, bylines and JSON-LD (`schema.org`)
//! blocks, preferring the most specific source for each field.

use crate::dom::{Document, NodeData, NodeId, NodeRef};
use crate::marks::contains_ignore_ascii_case;
use serde_json::Value;

/// What the page declares about itself.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// The `articleBody` of a JSON-LD article, when the page embeds one.
    pub article_body: Option<String>,
    /// The page's description (`og:description`, `twitter:description`, `description`).
    pub description: Option<String>,
    /// Problems met (unparsable JSON-LD blocks).
    pub warnings: Vec<String>,
}

/// Collapses whitespace and trims; `None` when nothing is left.
pub fn clean(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    (!out.is_empty()).then_some(out)
}

#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    body: Option<String>,
    language: Option<String>,
}

fn is_article_type(v: &serde_json::Map<String, Value>) -> bool {
    let check = |s: &str| {
        s.ends_with("Article")
            || matches!(
                s,
                "BlogPosting" | "Report" | "LiveBlogPosting" | "SocialMediaPosting" | "Review"
            )
    };
    match v.get("@type") {
        Some(Value::String(s)) => check(s),
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(check)),
        _ => false,
    }
}

/// The name of a person or organisation given as a string, an object or a list of either.
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").and_then(name_of),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(name_of).take(8).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean(s),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        Value::Object(o) => str_of(o.get("@id").or_else(|| o.get("url"))),
        _ => None,
    }
}

/// Collects the objects of a JSON-LD value (top level, lists and `@graph`), iteratively.
fn objects(root: &Value) -> Vec<&serde_json::Map<String, Value>> {
    let mut out = Vec::new();
    let mut todo = vec![root];
    while let Some(v) = todo.pop() {
        if out.len() > 256 {
            break;
        }
        match v {
            Value::Array(a) => todo.extend(a.iter().rev()),
            Value::Object(o) => {
                out.push(o);
                if let Some(g) = o.get("@graph") {
                    todo.push(g);
                }
                if let Some(m) = o.get("mainEntity") {
                    todo.push(m);
                }
            }
            _ => {}
        }
    }
    out
}

fn read_json_ld(text: &str, ld: &mut JsonLd, warnings: &mut Vec<String>) {
    let t = text
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_end_matches(';');
    let value: Value = match serde_json::from_str(t) {
        Ok(v) => v,
        Err(e) => {
            if warnings.len() < 8 {
                warnings.push(format!("unparsable JSON-LD block: {e}"));
            }
            return;
        }
    };
    for o in objects(&value) {
        let article = is_article_type(o);
        let strong = |cur: &Option<String>| cur.is_none() || article;
        if article || ld.headline.is_none() {
            if let Some(h) = str_of(o.get("headline")) {
                if strong(&ld.headline) {
                    ld.headline = Some(h);
                }
            }
        }
        if let Some(a) = o
            .get("author")
            .and_then(name_of)
            .and_then(|a| clean_byline(&a))
        {
            if strong(&ld.author) {
                ld.author = Some(a);
            }
        }
        if let Some(d) = str_of(o.get("datePublished")) {
            if strong(&ld.published) {
                ld.published = Some(d);
            }
        }
        if let Some(p) = o.get("publisher").and_then(name_of) {
            if strong(&ld.publisher) {
                ld.publisher = Some(p);
            }
        }
        if article {
            if let Some(u) = str_of(o.get("url")).or_else(|| str_of(o.get("mainEntityOfPage"))) {
                ld.url.get_or_insert(u);
            }
            if let Some(l) = str_of(o.get("inLanguage")) {
                ld.language.get_or_insert(l);
            }
            if let Some(Value::String(b)) = o.get("articleBody") {
                if b.len() > ld.body.as_ref().map_or(0, |x| x.len()) {
                    ld.body = Some(b.clone());
                }
            }
        }
    }
}

/// Removes a trailing " | Site" or " - Site" part from a page title.
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let mut t = title.trim().to_string();
    for sep in [" | ", " - ", " — ", " – ", " :: ", " · ", " // "] {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let tail_words = tail.split_whitespace().count();
            let head_words = head.split_whitespace().count();
            let is_site = site.is_some_and(|s| {
                let s = s.to_lowercase();
                let tl = tail.to_lowercase();
                tl.contains(&s) || s.contains(&tl)
            });
            if is_site || (tail_words <= 4 && head_words >= 3) {
                t = head.trim().to_string();
            }
        }
    }
    t
}

fn meta_key(node: &NodeRef) -> Option<String> {
    node.attr("property")
        .or_else(|| node.attr("name"))
        .or_else(|| node.attr("itemprop"))
        .or_else(|| node.attr("http-equiv"))
        .map(|k| k.trim().to_ascii_lowercase())
}

/// Other meta names that carry a publication date (`article:published`, `sn-post-date`).
fn looks_like_date_key(k: &str) -> bool {
    (k.contains("publish")
        || k.contains("pubdate")
        || k.contains("post-date")
        || k.contains("post_date"))
        && !k.contains("modif")
        && !k.contains("updat")
        && !k.contains("publisher")
}

/// Whether an element's class names it as a byline or an author name.
fn has_byline_class(node: &NodeRef) -> bool {
    node.attr("class").is_some_and(|cls| {
        // Most classes hold neither word anywhere; only those that do are split into parts.
        let b = cls.as_bytes();
        (contains_ignore_ascii_case(b, b"author") || contains_ignore_ascii_case(b, b"byline"))
            && cls.split(|c: char| !c.is_ascii_alphanumeric()).any(|p| {
                p.eq_ignore_ascii_case("author")
                    || p.as_bytes()
                        .windows(6)
                        .any(|w| w.eq_ignore_ascii_case(b"byline"))
            })
    })
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/')
}

/// Strips "By " and trailing role words from a byline.
fn clean_byline(s: &str) -> Option<String> {
    let s = clean(s)?;
    let mut t = s.as_str();
    for pre in ["By ", "by ", "BY ", "Written by ", "Автор: ", "Von "] {
        if let Some(r) = t.strip_prefix(pre) {
            t = r;
        }
    }
    let t = t.trim_matches(|c: char| c == ',' || c == '|' || c.is_whitespace());
    if t.is_empty() || t.chars().count() > 100 {
        return None;
    }
    Some(t.to_string())
}

/// Reads the metadata of `doc`.
pub fn read(doc: &Document) -> Metadata {
    let mut m = Metadata::default();
    let mut ld = JsonLd::default();
    let mut og_title = None;
    let mut title_tag = None;
    let mut h1 = None;
    let mut meta_author = None;
    let mut rel_author = None;
    let mut byline = None;
    let mut meta_date = None;
    let mut time_date = None;
    let mut og_site = None;
    let mut app_name = None;
    let mut html_lang = None;
    let mut og_locale = None;
    let mut content_lang = None;
    let mut canonical = None;
    let mut og_url = None;

    for i in 0..doc.nodes.len() {
        let id = i as NodeId;
        let node = doc.get(id);
        let NodeData::Element { tag, .. } = &node.data else {
            continue;
        };
        match &**tag {
            "html" => {
                if html_lang.is_none() {
                    html_lang = node.attr("lang").or(node.attr("xml:lang")).and_then(clean);
                }
            }
            "title" => {
                if title_tag.is_none() && !in_svg(doc, id) {
                    title_tag = clean(&doc.raw_text(id));
                }
            }
            "h1" => {
                if h1.is_none() {
                    h1 = clean(&doc.raw_text(id));
                }
            }
            "meta" => {
                let (Some(key), Some(content)) = (meta_key(&node), node.attr("content")) else {
                    continue;
                };
                let Some(content) = clean(content) else {
                    continue;
                };
                match key.as_str() {
                    "og:title" | "twitter:title" => og_title = og_title.or(Some(content)),
                    "author" | "article:author" | "dc.creator" | "sailthru.author"
                    | "parsely-author" | "byl" => {
                        meta_author = meta_author.or_else(|| {
                            (!looks_like_url(&content))
                                .then_some(())
                                .and_then(|_| clean_byline(&content))
                        });
                    }
                    "article:published_time"
                    | "og:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "publish-date"
                    | "publish_date"
                    | "dc.date"
                    | "dc.date.issued"
                    | "dcterms.created"
                    | "dcterms.date"
                    | "sailthru.date"
                    | "parsely-pub-date"
                    | "article.published"
                    | "originalpublicationdate"
                    | "displaydate"
                    | "dc.date.created" => meta_date = meta_date.or(Some(content)),
                    k if looks_like_date_key(k) => meta_date = meta_date.or(Some(content)),
                    "og:site_name" => og_site = og_site.or(Some(content)),
                    "application-name" => app_name = app_name.or(Some(content)),
                    "og:locale" => og_locale = og_locale.or(Some(content)),
                    "content-language" | "language" | "dc.language" => {
                        content_lang = content_lang.or(Some(content))
                    }
                    "og:url" => og_url = og_url.or(Some(content)),
                    "og:description" | "twitter:description" | "description" => {
                        m.description = m.description.take().or(Some(content))
                    }
                    _ => {}
                }
            }
            "link" => {
                let rel = node.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && canonical.is_none() {
                    canonical = node.attr("href").and_then(clean);
                }
            }
            "a" => {
                let rel = node
                    .attr("rel")
                    .is_some_and(|r| r.split_whitespace().any(|x| x == "author"));
                if rel_author.is_none() && (rel || has_byline_class(&node)) {
                    rel_author = clean_byline(&doc.raw_text(id));
                }
            }
            "time" => {
                if time_date.is_none() {
                    time_date = node.attr("datetime").and_then(clean);
                }
            }
            "script" => {
                let ty = node.attr("type").unwrap_or("").to_ascii_lowercase();
                if ty.contains("ld+json") {
                    read_json_ld(&doc.raw_text(id), &mut ld, &mut m.warnings);
                }
            }
            _ => {
                if byline.is_none() {
                    let ip = node.attr("itemprop").unwrap_or("");
                    if ip == "author" || has_byline_class(&node) {
                        byline = clean_byline(&doc.raw_text(id));
                    }
                }
            }
        }
    }

    m.site_name = og_site.or(ld.publisher).or(app_name);
    let site = m.site_name.clone();
    m.title = og_title
        .or(ld.headline)
        .or(h1)
        .or(title_tag)
        .map(|t| strip_site_suffix(&t, site.as_deref()))
        .filter(|t| !t.is_empty());
    m.author = meta_author.or(ld.author).or(rel_author).or(byline);
    m.published = meta_date.or(ld.published).or(time_date);
    m.language = html_lang.or(og_locale).or(content_lang).or(ld.language);
    m.url = canonical.or(og_url).or(ld.url);
    m.article_body = ld.body;
    m
}

fn in_svg(doc: &Document, id: NodeId) -> bool {
    let mut cur = doc.node(id).parent;
    let mut steps = 0;
    while cur != crate::dom::NONE && steps < 64 {
        if doc.node(cur).tag() == "svg" {
            return true;
        }
        cur = doc.node(cur).parent;
        steps += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_is_stripped_only_when_it_looks_like_a_site() {
        assert_eq!(
            strip_site_suffix("Shelling hits Kharkiv power plant | Kyiv Daily", None),
            "Shelling hits Kharkiv power plant"
        );
        assert_eq!(
            strip_site_suffix("Talks resume - Example News", Some("Example News")),
            "Talks resume"
        );
        assert_eq!(strip_site_suffix("Kharkiv - Kyiv", None), "Kharkiv - Kyiv");
    }

    #[test]
    fn bylines_lose_their_prefix() {
        assert_eq!(
            clean_byline("  By  Olena Petrenko ").as_deref(),
            Some("Olena Petrenko")
        );
        assert_eq!(clean_byline(""), None);
    }
}
