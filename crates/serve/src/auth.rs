//! Who may do what: reads are open on a loopback address, every write needs the token.
//!
//! The token comes as `Authorization: Bearer TOKEN`, or as the password of HTTP Basic
//! authentication (any user name), which browsers send for every request of a page once asked,
//! server-sent events included. A server bound to a loopback address also refuses requests
//! whose `Host` is not a loopback name, so that a web page elsewhere cannot reach it through a
//! DNS name pointing at 127.0.0.1.

use crate::error::ApiError;
use axum::http::{header, HeaderMap, Method};
use base64::Engine;

/// The access rules of one server.
#[derive(Clone)]
pub struct Access {
    token: String,
    /// Reads need no token.
    pub reads_open: bool,
    /// Only loopback host names are served.
    pub loopback_only: bool,
}

impl Access {
    pub fn new(token: String, reads_open: bool, loopback_only: bool) -> Self {
        Access {
            token,
            reads_open,
            loopback_only,
        }
    }

    /// Whether the request carries the token.
    fn has_token(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
        else {
            return false;
        };
        let value = value.trim();
        if let Some(t) = strip_prefix_ci(value, "bearer ") {
            return constant_time_eq(t.trim().as_bytes(), self.token.as_bytes());
        }
        if let Some(b) = strip_prefix_ci(value, "basic ") {
            let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(b.trim()) else {
                return false;
            };
            let Ok(pair) = String::from_utf8(raw) else {
                return false;
            };
            let pass = pair.split_once(':').map_or("", |(_, p)| p);
            return constant_time_eq(pass.as_bytes(), self.token.as_bytes());
        }
        false
    }

    /// Checks a request: its host, then the token when the request writes (any method but GET
    /// and HEAD), when it reads the registered webhooks (their URLs may be private), or when
    /// reads are not open.
    pub fn check(&self, method: &Method, path: &str, headers: &HeaderMap) -> Result<(), ApiError> {
        if self.loopback_only {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("");
            if !is_loopback_host(host) {
                return Err(ApiError::ForeignHost(host.to_string()));
            }
        }
        let writes = !(method == Method::GET || method == Method::HEAD);
        let private = path.starts_with("/api/webhooks");
        if (writes || private || !self.reads_open) && !self.has_token(headers) {
            // Only a page a browser reads is asked to prompt.
            return Err(ApiError::Unauthorized {
                basic: !writes && !self.reads_open,
            });
        }
        Ok(())
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Equality that takes as long whatever the position of the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `localhost`, `127.x.x.x` or `[::1]`, with or without a port.
pub fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    if name.eq_ignore_ascii_case("localhost") || name.to_ascii_lowercase().ends_with(".localhost") {
        return true;
    }
    name.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

/// A new random token: 32 bytes, URL-safe base64.
pub fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(
                header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    #[test]
    fn reads_are_open_on_loopback_and_writes_need_the_token() {
        let a = Access::new("s3cret".into(), true, true);
        let host = ("host", "127.0.0.1:8080");
        assert!(a
            .check(&Method::GET, "/api/events", &headers(&[host]))
            .is_ok());
        let err = a
            .check(&Method::POST, "/api/documents", &headers(&[host]))
            .unwrap_err();
        assert!(matches!(err, ApiError::Unauthorized { basic: false }));
        assert!(a
            .check(
                &Method::POST,
                "/api/documents",
                &headers(&[host, ("authorization", "Bearer s3cret")])
            )
            .is_ok());
        assert!(a
            .check(
                &Method::POST,
                "/api/documents",
                &headers(&[host, ("authorization", "bearer s3cre")])
            )
            .is_err());
        assert!(a
            .check(&Method::GET, "/api/webhooks", &headers(&[host]))
            .is_err());
        // Basic with the token as password, any user.
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode("me:s3cret")
        );
        assert!(a
            .check(
                &Method::DELETE,
                "/api/webhooks/x",
                &headers(&[host, ("authorization", &basic)])
            )
            .is_ok());
        // A DNS name that points at the loopback address is not served.
        assert!(matches!(
            a.check(
                &Method::GET,
                "/",
                &headers(&[("host", "evil.example:8080")])
            ),
            Err(ApiError::ForeignHost(_))
        ));
        assert!(a
            .check(&Method::GET, "/", &headers(&[("host", "localhost:1")]))
            .is_ok());
        assert!(a
            .check(&Method::GET, "/", &headers(&[("host", "[::1]:80")]))
            .is_ok());
    }

    #[test]
    fn a_closed_server_asks_browsers_for_the_token() {
        let a = Access::new("t".into(), false, false);
        let err = a
            .check(&Method::GET, "/", &headers(&[("host", "sitrep.example")]))
            .unwrap_err();
        assert!(matches!(err, ApiError::Unauthorized { basic: true }));
        assert!(a
            .check(
                &Method::GET,
                "/",
                &headers(&[("authorization", "Bearer t")])
            )
            .is_ok());
    }

    #[test]
    fn loopback_hosts() {
        for h in [
            "localhost",
            "127.0.0.1",
            "127.1.2.3:99",
            "[::1]",
            "[::1]:8080",
            "app.localhost:3",
        ] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in [
            "",
            "10.0.0.1",
            "example.org",
            "localhost.example.org",
            "[::2]:80",
        ] {
            assert!(!is_loopback_host(h), "{h}");
        }
        assert_ne!(random_token().unwrap(), random_token().unwrap());
    }
}
