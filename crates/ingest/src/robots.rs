//! robots.txt: which paths a crawler may fetch, and how long it should wait between requests.
//!
//! [`Robots::parse`] keeps the rules of the groups that name the crawler's product token (or,
//! when none does, of the `*` groups). A path is allowed unless its longest matching rule is a
//! `Disallow`; `*` matches any run of characters and a final `$` anchors the end, as the
//! Robots Exclusion Protocol (RFC 9309) describes.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    allow: bool,
    pattern: String,
}

/// The rules of one site for one crawler.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    rules: Vec<Rule>,
    /// `Crawl-delay` of the chosen groups, when given.
    pub crawl_delay: Option<Duration>,
}

impl Robots {
    /// Everything allowed: what a site without robots.txt (404) gets.
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Everything disallowed: what a site whose robots.txt cannot be read for a server error
    /// gets, until it can.
    pub fn disallow_all() -> Robots {
        Robots {
            rules: vec![Rule {
                allow: false,
                pattern: "/".into(),
            }],
            crawl_delay: None,
        }
    }

    /// The rules for the crawler whose product token is `agent` (e.g. `sitrep`).
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        // (agents of the group, rules, crawl delay)
        let mut groups: Vec<(Vec<String>, Vec<Rule>, Option<Duration>)> = Vec::new();
        let mut in_rules = true;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if in_rules || groups.is_empty() {
                        groups.push((Vec::new(), Vec::new(), None));
                    }
                    in_rules = false;
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_rules = true;
                    if let Some(g) = groups.last_mut() {
                        if !value.is_empty() {
                            g.1.push(Rule {
                                allow: key == "allow",
                                pattern: value.to_string(),
                            });
                        }
                    }
                }
                "crawl-delay" => {
                    in_rules = true;
                    if let (Some(g), Ok(secs)) = (groups.last_mut(), value.parse::<f64>()) {
                        if secs.is_finite() && secs >= 0.0 {
                            g.2 = Some(Duration::from_secs_f64(secs.min(86_400.0)));
                        }
                    }
                }
                _ => {}
            }
        }
        let named: Vec<_> = groups
            .iter()
            .filter(|g| {
                g.0.iter()
                    .any(|a| a != "*" && agent.starts_with(a.as_str()))
            })
            .collect();
        let chosen = if named.is_empty() {
            groups
                .iter()
                .filter(|g| g.0.iter().any(|a| a == "*"))
                .collect()
        } else {
            named
        };
        let mut robots = Robots::default();
        for g in chosen {
            robots.rules.extend(g.1.iter().cloned());
            robots.crawl_delay = robots.crawl_delay.max(g.2);
        }
        robots
    }

    /// Whether the crawler may fetch `path` (the path and query of a URL).
    pub fn allowed(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for r in &self.rules {
            if matches(&r.pattern, path) {
                let len = r.pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, r.allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether a robots.txt pattern matches the start of `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut pos = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            pos = part.len();
        } else if i == parts.len() - 1 && anchored {
            return path.len() >= pos + part.len() && path.ends_with(part);
        } else {
            match path[pos..].find(part) {
                Some(at) => pos += at + part.len(),
                None => return false,
            }
        }
    }
    !anchored || pos == path.len()
}

/// The path and query of an http(s) URL (`/` when it has none).
pub fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or("");
    match rest.find(['/', '?']) {
        Some(i) if rest[i..].starts_with('/') => &rest[i..],
        _ => "/",
    }
}

/// The scheme, host and port of an http(s) URL (`https://example.org:8443`).
pub fn origin_of(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if end == 0 {
        return None;
    }
    Some(&url[..scheme.len() + 3 + end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# comments are ignored
User-agent: *
Disallow: /private/
Allow: /private/press/
Crawl-delay: 2

User-agent: otherbot
User-agent: sitrep
Disallow: /drafts
Disallow: /*.pdf$
Allow: /drafts/public
Crawl-delay: 0.5
";

    #[test]
    fn the_group_naming_the_crawler_wins_over_the_star_group() {
        let r = Robots::parse(TEXT, "sitrep");
        assert!(!r.allowed("/drafts/x"));
        assert!(r.allowed("/drafts/public/y"), "the longer allow wins");
        assert!(r.allowed("/private/a"), "the * group does not apply");
        assert!(!r.allowed("/files/report.pdf"));
        assert!(r.allowed("/files/report.pdf?page=2"), "$ anchors the end");
        assert_eq!(r.crawl_delay, Some(Duration::from_millis(500)));
    }

    #[test]
    fn other_crawlers_get_the_star_group() {
        let r = Robots::parse(TEXT, "newsbot");
        assert!(!r.allowed("/private/a"));
        assert!(r.allowed("/private/press/release"));
        assert!(r.allowed("/drafts/x"));
        assert_eq!(r.crawl_delay, Some(Duration::from_secs(2)));
    }

    #[test]
    fn empty_missing_and_junk_files_allow_everything() {
        assert!(Robots::parse("", "sitrep").allowed("/a"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n", "sitrep").allowed("/a"));
        assert!(Robots::parse("\u{0}\u{1}<html>not robots</html>", "sitrep").allowed("/a"));
        assert!(!Robots::disallow_all().allowed("/a"));
    }

    #[test]
    fn urls_split_into_origin_and_path() {
        assert_eq!(path_of("https://a.example/x/y?z=1#f"), "/x/y?z=1");
        assert_eq!(path_of("https://a.example"), "/");
        assert_eq!(path_of("https://a.example?q"), "/");
        assert_eq!(
            origin_of("http://127.0.0.1:8080/feed.xml"),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin_of("https://a.example"), Some("https://a.example"));
        assert_eq!(origin_of("nonsense"), None);
    }
}
