//! Fetching http(s) inputs with a timeout. The only network access of the crate.
//!
//! [`fetch`] reads one URL given on the command line. [`Fetcher`] is the polite client of the
//! feed watcher: a user agent naming the program, conditional requests with the validators of
//! the last response, and statuses (304, 429, 503, ...) returned to the caller with the
//! server's `Retry-After` instead of being errors.

use crate::IngestError;
use std::io::Read;
use std::time::Duration;

/// Pages larger than this are cut off.
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// A fetched resource: its body and declared content type.
pub struct Fetched {
    pub body: Vec<u8>,
    pub content_type: Option<String>,
}

/// True for inputs that name an http(s) URL.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches `url`; any failure (unreachable host, timeout, non-2xx status) is an error naming it.
pub fn fetch(url: &str) -> Result<Fetched, IngestError> {
    let err = |message: String| IngestError::Fetch {
        url: url.to_string(),
        message,
    };
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .user_agent("sitrep/0.1")
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let mut resp = agent.get(url).call().map_err(|e| err(e.to_string()))?;
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut body = Vec::new();
    resp.body_mut()
        .with_config()
        .limit(MAX_BODY)
        .reader()
        .read_to_end(&mut body)
        .map_err(|e| err(format!("reading the body: {e}")))?;
    Ok(Fetched { body, content_type })
}

/// The user agent of the feed watcher: the program, its version and what it does.
pub const USER_AGENT: &str = concat!(
    "sitrep/",
    env!("CARGO_PKG_VERSION"),
    " (war-reporting feed watcher; polite: robots.txt, conditional requests)"
);

/// A conditional GET: the validators of the last good response, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditional {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What a server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// 2xx: the body, its content type and the validators for the next request.
    Body {
        body: Vec<u8>,
        content_type: Option<String>,
        validators: Conditional,
    },
    /// 304: nothing changed since the validators were given.
    NotModified,
    /// Any other status, with the server's `Retry-After` when it sent one.
    Status {
        code: u16,
        retry_after: Option<Duration>,
    },
}

/// The HTTP client of the feed watcher.
pub struct Fetcher {
    agent: ureq::Agent,
}

impl Fetcher {
    /// A client whose every request gives up after `timeout` (connecting, waiting and reading
    /// included), so that a server that hangs costs only its own feed.
    pub fn new(timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .build();
        Fetcher {
            agent: ureq::Agent::new_with_config(config),
        }
    }

    /// GETs `url`, sending `If-None-Match` and `If-Modified-Since` from `cond`. A transport
    /// failure (unreachable, timed out, cut off) is an error naming the URL.
    pub fn get(&self, url: &str, cond: &Conditional) -> Result<Answer, IngestError> {
        let err = |message: String| IngestError::Fetch {
            url: url.to_string(),
            message,
        };
        let mut req = self.agent.get(url);
        if let Some(e) = &cond.etag {
            req = req.header("If-None-Match", e);
        }
        if let Some(m) = &cond.last_modified {
            req = req.header("If-Modified-Since", m);
        }
        let mut resp = req.call().map_err(|e| err(e.to_string()))?;
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let code = resp.status().as_u16();
        if code == 304 {
            return Ok(Answer::NotModified);
        }
        if !(200..300).contains(&code) {
            let retry_after = header("retry-after").and_then(|v| retry_after(&v));
            return Ok(Answer::Status { code, retry_after });
        }
        let content_type = header("content-type");
        let validators = Conditional {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let mut body = Vec::new();
        resp.body_mut()
            .with_config()
            .limit(MAX_BODY)
            .reader()
            .read_to_end(&mut body)
            .map_err(|e| err(format!("reading the body: {e}")))?;
        Ok(Answer::Body {
            body,
            content_type,
            validators,
        })
    }
}

/// A `Retry-After` value: seconds, or an HTTP date (the time left until then).
pub fn retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let left = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(left.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        let soon = (chrono::Utc::now() + chrono::Duration::seconds(90)).to_rfc2822();
        let d = retry_after(&soon).unwrap();
        assert!(
            d > Duration::from_secs(80) && d <= Duration::from_secs(90),
            "{d:?}"
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn urls_are_recognised_by_scheme() {
        assert!(is_url("https://example.test/a"));
        assert!(is_url("HTTP://example.test"));
        assert!(!is_url("httpfile.txt"));
        assert!(!is_url("-"));
    }

    #[test]
    fn an_unreachable_url_is_an_error_naming_it() {
        // Port 9 on the loopback address has no listener: the connection is refused at once.
        let e = fetch("http://127.0.0.1:9/page")
            .err()
            .expect("no server there");
        assert!(
            e.to_string()
                .starts_with("http://127.0.0.1:9/page: cannot fetch:"),
            "{e}"
        );
    }
}
