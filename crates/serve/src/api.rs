//! The JSON API's handlers. The event objects are [`StoredEvent`]s, exactly as `sitrep events
//! --format json` prints them; the filters are those of `sitrep events` ([`crate::params`]).

use crate::error::ApiError;
use crate::params::{Query, FILTER_PARAMS};
use crate::summary::{summarise, PageSummary};
use crate::webhook::WebhookSpec;
use crate::{AppState, Upload};
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use sitrep_store::export::{ExportFormat, ExportWriter};
use sitrep_store::{content_hashes, with_hashes, ChangeKind, EventFilter, Stats, StoredEvent};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// Events per page of `/api/events` when `limit` is not given, and at most.
pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 1000;

/// Events read from the store at a time by an export.
const EXPORT_PAGE: usize = 500;

/// Documents stored per transaction by an upload.
const UPLOAD_BATCH: usize = 64;

/// The answer of `GET /api/events`.
#[derive(Debug, Serialize, Deserialize)]
pub struct EventsPage {
    pub events: Vec<StoredEvent>,
    /// Give it as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
    /// The store's change number before the query: a stream from it misses nothing.
    pub seq: u64,
}

pub async fn events(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
) -> Result<Json<EventsPage>, ApiError> {
    let q = Query::parse(query.as_deref(), &FILTER_PARAMS, &[])?;
    let mut filter = q.to_filter()?;
    let limit = filter.limit.unwrap_or(DEFAULT_LIMIT);
    if limit > MAX_LIMIT {
        return Err(ApiError::BadRequest(format!(
            "limit {limit} is more than {MAX_LIMIT}; page with cursor, or use /api/export"
        )));
    }
    filter.limit = Some(limit);
    let page = state
        .stores
        .read(move |s| {
            let seq = s.latest_change()?;
            let page = s.events_page(&filter)?;
            Ok(EventsPage {
                events: page.events,
                next_cursor: page.next,
                seq,
            })
        })
        .await?;
    Ok(Json(page))
}

pub async fn event(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<StoredEvent>, ApiError> {
    let wanted = id.clone();
    match state.stores.read(move |s| Ok(s.event(&wanted)?)).await? {
        Some(ev) => Ok(Json(ev)),
        None => Err(ApiError::NotFound(format!("no event {id:?}"))),
    }
}

pub async fn not_found() -> ApiError {
    ApiError::NotFound("no such page; the API is described at /api/openapi.json".into())
}

/// Bytes written to an export's channel, a chunk at a time.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

const CHUNK: usize = 64 * 1024;

impl std::io::Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.tx.blocking_send(Ok(chunk)).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}

/// `GET /api/export`: every matching event (up to `limit`), streamed page by page.
pub async fn export(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q = Query::parse(query.as_deref(), &FILTER_PARAMS[..17], &["format"])?;
    let filter = q.to_filter()?;
    let format = match q.extra.get("format").map(String::as_str) {
        None | Some("") => ExportFormat::AcledCsv,
        Some(f) => ExportFormat::parse(f).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "format {f:?} is not one of: acled-csv, geojson, json"
            ))
        })?,
    };
    // The store is opened before answering, so that one that fails gives an error status
    // rather than an empty file.
    let store = {
        let stores = Arc::clone(&state.stores);
        tokio::task::spawn_blocking(move || stores.open())
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))??
    };
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    tokio::task::spawn_blocking(move || {
        let out = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        let result = (|| -> Result<(), Box<dyn std::error::Error>> {
            let mut w = ExportWriter::new(out, format, false)?;
            let mut remaining = filter.limit.unwrap_or(usize::MAX);
            let mut cursor = None;
            while remaining > 0 {
                let page = store.events_page(&EventFilter {
                    limit: Some(remaining.min(EXPORT_PAGE)),
                    cursor: cursor.take(),
                    ..filter.clone()
                })?;
                remaining -= page.events.len();
                for ev in &page.events {
                    w.write(ev)?;
                }
                match page.next {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
            w.finish()?;
            Ok(())
        })();
        if let Err(e) = result {
            if !tx.is_closed() {
                tracing::error!("export: {e}");
                let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
            }
        }
    });
    let body = Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx));
    let disposition = format!(
        "attachment; filename=\"sitrep-events.{}\"",
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// `GET /api/summary`: what the page draws for the filters.
pub async fn summary(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
) -> Result<Json<PageSummary>, ApiError> {
    let q = Query::parse(query.as_deref(), &FILTER_PARAMS[..16], &[])?;
    let filter = q.to_filter()?;
    let cached = state.total.lock().ok().and_then(|t| *t);
    let (summary, total) = state
        .stores
        .read(move |s| {
            let seq = s.latest_change()?;
            let total = match cached {
                Some((at, n)) if at == seq => n,
                _ => s.stats()?.events,
            };
            let days = s.day_counts(&EventFilter {
                since: None,
                until: None,
                ..filter.clone()
            })?;
            let matched = s.summaries(&filter)?;
            Ok((summarise(days, &matched, total, seq), (seq, total)))
        })
        .await?;
    if let Ok(mut t) = state.total.lock() {
        *t = Some(total);
    }
    Ok(Json(summary))
}

/// The answer of `GET /api/stats`.
#[derive(Debug, Serialize)]
pub struct StatsAnswer {
    #[serde(flatten)]
    pub stats: Stats,
    /// The store's latest change number.
    pub seq: u64,
}

pub async fn stats(State(state): State<Arc<AppState>>) -> Result<Json<StatsAnswer>, ApiError> {
    let answer = state
        .stores
        .read(|s| {
            Ok(StatsAnswer {
                seq: s.latest_change()?,
                stats: s.stats()?,
            })
        })
        .await?;
    Ok(Json(answer))
}

/// One uploaded document in the answer of `POST /api/documents`.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredDocument {
    pub doc: String,
    pub title: Option<String>,
    /// The stored document this one repeats; nothing of it was stored.
    pub duplicate_of: Option<String>,
    /// The fused events its events went to, in order.
    pub events: Vec<String>,
    /// Problems met while reading it.
    pub problems: Vec<String>,
}

/// The answer of `POST /api/documents`.
#[derive(Debug, Serialize, Deserialize)]
pub struct IngestAnswer {
    pub documents: Vec<StoredDocument>,
    /// Events the upload created.
    pub created: Vec<StoredEvent>,
    /// Stored events its reports were merged into, as they are now.
    pub merged: Vec<StoredEvent>,
    /// Records of the upload that could not be read.
    pub errors: Vec<String>,
}

/// `POST /api/documents`: the body is read, extracted, fused and stored as `sitrep ingest`
/// does it.
pub async fn documents(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Json<IngestAnswer>, ApiError> {
    let q = Query::parse(query.as_deref(), &[], &["name", "published"])?;
    let name = q
        .extra
        .get("name")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .unwrap_or("upload")
        .to_string();
    let published = match q.extra.get("published").map(|s| s.trim()) {
        None | Some("") => None,
        Some(p) => Some(
            chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").map_err(|_| {
                ApiError::BadRequest(format!(
                    "published {p:?} is not a date of the form YYYY-MM-DD"
                ))
            })?,
        ),
    };
    if body.is_empty() {
        return Err(ApiError::BadRequest(
            "the body is empty: send a document (text, HTML, JSON Lines, RSS/Atom or WARC)".into(),
        ));
    }
    let extract = Arc::clone(&state.extract);
    let upload = Upload {
        name,
        body: body.to_vec(),
        published,
    };
    let extracted = tokio::task::spawn_blocking(move || extract.extract(upload))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    if extracted.records.is_empty() {
        let why = if extracted.errors.is_empty() {
            "nothing in the body could be read as a document".to_string()
        } else {
            extracted.errors.join("; ")
        };
        return Err(ApiError::Unprocessable(why));
    }
    let errors = extracted.errors;
    let records = extracted.records;
    let answer = state
        .stores
        .write(move |s| {
            let before = s.latest_change()?;
            let mut documents = Vec::new();
            for chunk in records.chunks(UPLOAD_BATCH) {
                let hashes = content_hashes(chunk);
                let outcomes = s.ingest_batch(&with_hashes(chunk, &hashes))?;
                for (rec, out) in chunk.iter().zip(outcomes) {
                    documents.push(StoredDocument {
                        doc: rec.document.doc.0.clone(),
                        title: rec.document.title.clone(),
                        duplicate_of: out.duplicate_of.map(|d| d.0),
                        events: out.events.into_iter().map(|e| e.0).collect(),
                        problems: rec.document.errors.clone(),
                    });
                }
            }
            // Which of the events were created: the change feed since the upload began says.
            let mut created_ids = HashSet::new();
            let mut after = before;
            loop {
                let changes = s.changes_since(after, 1000)?;
                let Some(last) = changes.last() else { break };
                after = last.seq;
                for c in &changes {
                    if c.kind == ChangeKind::Created {
                        created_ids.insert(c.event.event.id.0.clone());
                    }
                }
            }
            let mut seen = HashSet::new();
            let (mut created, mut merged) = (Vec::new(), Vec::new());
            for id in documents.iter().flat_map(|d| d.events.iter()) {
                if !seen.insert(id.clone()) {
                    continue;
                }
                if let Some(mut ev) = s.event(id)? {
                    ev.reports.clear();
                    if created_ids.contains(id) {
                        created.push(ev);
                    } else {
                        merged.push(ev);
                    }
                }
            }
            Ok(IngestAnswer {
                documents,
                created,
                merged,
                errors,
            })
        })
        .await?;
    state.feed.wake();
    Ok(Json(answer))
}

/// The body of `POST /api/webhooks`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewWebhook {
    pub url: String,
    #[serde(default)]
    pub filters: BTreeMap<String, String>,
    pub secret: Option<String>,
}

/// The answer of `POST /api/webhooks`: the only time the secret is shown.
#[derive(Debug, Serialize, Deserialize)]
pub struct CreatedWebhook {
    pub id: String,
    pub url: String,
    pub filters: BTreeMap<String, String>,
    pub secret: String,
}

pub async fn add_webhook(
    State(state): State<Arc<AppState>>,
    body: Bytes,
) -> Result<(StatusCode, Json<CreatedWebhook>), ApiError> {
    let new: NewWebhook = serde_json::from_slice(&body)
        .map_err(|e| ApiError::BadRequest(format!("the webhook does not parse: {e}")))?;
    let hook = state.webhooks.add(
        WebhookSpec {
            url: new.url.trim().to_string(),
            filters: new.filters,
            secret: new.secret,
        },
        &state.feed,
        &state.stores,
    )?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedWebhook {
            id: hook.id.clone(),
            url: hook.spec.url.clone(),
            filters: hook.spec.filters.clone(),
            secret: hook.secret().to_string(),
        }),
    ))
}

pub async fn list_webhooks(
    State(state): State<Arc<AppState>>,
) -> Json<Vec<crate::webhook::HookView>> {
    Json(state.webhooks.list())
}

pub async fn remove_webhook(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if state.webhooks.remove(&id) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound(format!("no webhook {id:?}")))
    }
}
