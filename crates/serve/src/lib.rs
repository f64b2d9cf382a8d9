//! The sitrep HTTP server: the record of events as a JSON API, a live stream, signed webhooks
//! and a web page with a map and a timeline, all from one process and fully offline.
//!
//! - [`Server`]: built from a [`StoreFactory`] (it knows the store only through the
//!   [`Store`](sitrep_store::Store) trait) and an [`Extract`] (how an uploaded document becomes
//!   records, which the command line provides with its own pipeline); [`Server::router`] is
//!   the axum router.
//! - The API (`api`): `/api/events`, `/api/events/{id}`, `/api/export`, `/api/summary`,
//!   `/api/stats`, `POST /api/documents`, `/api/webhooks`; documented by the OpenAPI document
//!   at `/api/openapi.json` and the Swagger UI page at `/api/docs`.
//! - `/api/stream` (`sse`): server-sent events from the store's change feed (`feed`), which
//!   also drives the [`webhook`]s.
//! - The page (`assets`): HTML, script and style written for it, and vendored Leaflet,
//!   supercluster, topojson-client and map data, compiled into the binary.
//! - Access (`auth`): reads are open on loopback, writes need the token ([`access_for`]).

mod api;
mod assets;
mod auth;
mod error;
mod feed;
mod params;
mod sse;
mod stores;
mod summary;
pub mod webhook;

pub use assets::sizes as asset_sizes;
pub use auth::{is_loopback_host, random_token};
pub use error::ApiError;
pub use stores::StoreFactory;
pub use summary::{PageSummary, MAX_POINTS};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use chrono::NaiveDate;
use sitrep_model::DocumentRecord;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// An uploaded document: the body of `POST /api/documents`.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The name its documents are known by (`upload` unless the request names it).
    pub name: String,
    pub body: Vec<u8>,
    /// Overrides every publication date found in it, as `sitrep ingest --published` does.
    pub published: Option<NaiveDate>,
}

/// What an upload became.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The documents read from it, with their events, as `sitrep ingest` would store them.
    pub records: Vec<DocumentRecord>,
    /// Records that could not be read, each message naming the record.
    pub errors: Vec<String>,
}

/// Turns an upload (any input `sitrep ingest` reads) into document records: reading, main
/// text, recognition and event extraction. Runs on the blocking thread pool.
pub trait Extract: Send + Sync + 'static {
    fn extract(&self, upload: Upload) -> Extracted;
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The token that writes (and, on a server with closed reads, every request) need.
    pub token: String,
    /// Reads need no token.
    pub reads_open: bool,
    /// Only loopback host names are served (the server listens on a loopback address).
    pub loopback_only: bool,
    /// How often the store's change feed is looked at.
    pub poll: Duration,
    /// Changes kept for stream clients and webhooks that are behind; one further behind reads
    /// what it missed from the store.
    pub feed_buffer: usize,
    /// Store queries running at once.
    pub max_readers: usize,
    /// The largest upload, in bytes.
    pub max_upload: usize,
    pub retry: webhook::Retry,
}

impl Options {
    /// Options for serving on `addr` with `token` (see [`access_for`]).
    pub fn new(access: Access) -> Self {
        Options {
            token: access.token,
            reads_open: access.reads_open,
            loopback_only: access.loopback_only,
            poll: Duration::from_millis(100),
            feed_buffer: 4096,
            max_readers: 8,
            max_upload: 64 * 1024 * 1024,
            retry: webhook::Retry::default(),
        }
    }
}

/// The access rules [`access_for`] decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub token: String,
    /// The token was made up because none was given; the operator needs to be told it.
    pub token_generated: bool,
    pub reads_open: bool,
    pub loopback_only: bool,
}

/// Why the server does not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(
        "{addr} is not a loopback address: serving it needs a token (--token or $SITREP_TOKEN), which every request must then send"
    )]
    NeedsToken { addr: SocketAddr },
    #[error("{0}")]
    Other(String),
}

/// The access rules for listening on `addr`: on a loopback address reads are open and writes
/// need the token (made up when `token` is `None`); any other address needs a token, which
/// reads need too unless `open_reads`.
pub fn access_for(
    addr: SocketAddr,
    token: Option<String>,
    open_reads: bool,
) -> Result<Access, StartError> {
    let token = token.filter(|t| !t.trim().is_empty());
    let loopback = addr.ip().is_loopback();
    if !loopback && token.is_none() {
        return Err(StartError::NeedsToken { addr });
    }
    let token_generated = token.is_none();
    let token = match token {
        Some(t) => t.trim().to_string(),
        None => random_token().map_err(|e| StartError::Other(e.to_string()))?,
    };
    Ok(Access {
        token,
        token_generated,
        reads_open: loopback || open_reads,
        loopback_only: loopback,
    })
}

/// Shared by every handler.
pub(crate) struct AppState {
    pub stores: Arc<stores::Stores>,
    pub feed: feed::Feed,
    pub extract: Arc<dyn Extract>,
    pub access: auth::Access,
    pub webhooks: Arc<webhook::Webhooks>,
    pub options: Options,
    /// The number of events in the store, with the change number it was counted at.
    pub total: Mutex<Option<(u64, u64)>>,
}

/// A running server's state; [`Server::router`] serves it.
pub struct Server {
    state: Arc<AppState>,
}

impl Server {
    /// Opens a store to follow its change feed and gets ready to serve. Call within a tokio
    /// runtime.
    pub fn new(
        stores: StoreFactory,
        extract: Arc<dyn Extract>,
        options: Options,
    ) -> Result<Server, ApiError> {
        let stores = Arc::new(stores::Stores::new(stores, options.max_readers));
        let feed = feed::Feed::start(stores.open()?, options.poll, options.feed_buffer)?;
        let state = AppState {
            stores,
            feed,
            extract,
            access: auth::Access::new(
                options.token.clone(),
                options.reads_open,
                options.loopback_only,
            ),
            webhooks: Arc::new(webhook::Webhooks::new(options.retry)),
            options,
            total: Mutex::new(None),
        };
        Ok(Server {
            state: Arc::new(state),
        })
    }

    /// Registers a webhook (as `--webhook` does); returns its id and secret.
    pub fn add_webhook(&self, spec: webhook::WebhookSpec) -> Result<(String, String), ApiError> {
        let s = &self.state;
        let hook = s.webhooks.add(spec, &s.feed, &s.stores)?;
        Ok((hook.id.clone(), hook.secret().to_string()))
    }

    /// Every route, with access checks, compression and the upload size limit.
    pub fn router(&self) -> Router {
        use axum::routing::{delete, get};
        let api = Router::new()
            .route("/api/events", get(api::events))
            .route("/api/events/{id}", get(api::event))
            .route("/api/export", get(api::export))
            .route("/api/summary", get(api::summary))
            .route("/api/stats", get(api::stats))
            .route("/api/documents", axum::routing::post(api::documents))
            .route("/api/stream", get(sse::stream))
            .route(
                "/api/webhooks",
                get(api::list_webhooks).post(api::add_webhook),
            )
            .route("/api/webhooks/{id}", delete(api::remove_webhook))
            .route("/api/openapi.json", get(assets::openapi))
            .route("/api/docs", get(assets::docs))
            .route("/api/docs/{file}", get(assets::docs_file))
            .route("/", get(assets::index))
            .route("/assets/{*path}", get(assets::file))
            .fallback(api::not_found);
        api.layer(axum::extract::DefaultBodyLimit::max(
            self.state.options.max_upload,
        ))
        .layer(
            // The fastest level: answers are made for a nearby reader, and a large summary
            // compresses in a fraction of the time the default level takes.
            tower_http::compression::CompressionLayer::new()
                .gzip(true)
                .quality(tower_http::CompressionLevel::Fastest),
        )
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&self.state),
            check_access,
        ))
        .with_state(Arc::clone(&self.state))
    }

    /// Serves on `listener` until `shutdown` completes.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(listener, self.router())
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// The access rules and the page's security headers, for every request.
async fn check_access(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if let Err(e) = state
        .access
        .check(req.method(), req.uri().path(), req.headers())
    {
        return e.into_response();
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        "x-content-type-options",
        axum::http::HeaderValue::from_static("nosniff"),
    );
    h.insert(
        "referrer-policy",
        axum::http::HeaderValue::from_static("no-referrer"),
    );
    res
}
