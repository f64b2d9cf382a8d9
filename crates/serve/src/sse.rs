//! `GET /api/stream`: server-sent events, one message per new or changed event matching the
//! filters, with the change feed's number as the message `id`. A client that reconnects with
//! `Last-Event-ID` (browsers do it by themselves) or `last_event_id=` gets every entry after
//! that number, from the store, before the live ones.

use crate::error::ApiError;
use crate::params::{Query, FILTER_PARAMS};
use crate::AppState;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio_stream::wrappers::ReceiverStream;

/// Messages waiting for a slow client before its follower waits too.
const CLIENT_BUFFER: usize = 256;

pub async fn stream(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    // `limit` and `cursor` page queries; a stream has neither.
    let q = Query::parse(query.as_deref(), &FILTER_PARAMS[..16], &["last_event_id"])?;
    let filter = q.to_filter()?;
    let parse_id = |s: &str, what: &str| {
        s.trim()
            .parse::<u64>()
            .map_err(|_| ApiError::BadRequest(format!("{what} {s:?} is not a change number")))
    };
    let header_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.trim().is_empty());
    // The header is what a browser sends on reconnecting, later than the URL's number.
    let after = match (header_id, q.extra.get("last_event_id")) {
        (Some(h), _) => Some(parse_id(h, "Last-Event-ID")?),
        (None, Some(p)) if !p.trim().is_empty() => Some(parse_id(p, "last_event_id")?),
        _ => None,
    };
    let mut follower = state.feed.follow(after);
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Event, Infallible>>(CLIENT_BUFFER);
    let first = Event::default()
        .event("ready")
        .retry(Duration::from_secs(2))
        .data(follower.cursor().to_string());
    let stores = Arc::clone(&state.stores);
    tokio::spawn(async move {
        if tx.send(Ok(first)).await.is_err() {
            return;
        }
        loop {
            let batch = tokio::select! {
                _ = tx.closed() => return, // the client went away
                b = follower.next(&stores) => b,
            };
            let Some(batch) = batch else { return };
            for entry in batch {
                let change = &entry.change;
                if !filter.matches(&change.event) {
                    continue;
                }
                let msg = Event::default()
                    .id(change.seq.to_string())
                    .event(change.kind.as_str())
                    .data(entry.json());
                if tx.send(Ok(msg)).await.is_err() {
                    return;
                }
            }
        }
    });
    Ok(Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
