//! Fetching http(s) inputs with a timeout. The only network access of the crate.

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

#[cfg(test)]
mod tests {
    use super::*;

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
