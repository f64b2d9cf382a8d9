//! Documents that change under one id (an edited message), as the SQLite store keeps them.
//!
//! A document with a revision replaces the stored versions of its id that are older; the same
//! or a later version stored makes it a duplicate. The older versions give up their id, URL and
//! content hash at the start of the batch ([`prior_versions`]), so that the new version is not
//! taken for one of them; the new version is then stored as any document, its reports joining
//! the events the older versions reported (which keep their ids); at the end of the batch
//! ([`withdraw`]) the older versions are removed with everything they reported, and each event
//! they reported is fused again from the reports left (an event left without reports goes).

use super::cells::{self, LockSet};
use super::ingest::{extent_of, load_reports, try_lock, EventCache, Input, Key, Touched};
use super::{Conn, Ctx, Fail};
use crate::sqlite::is_later;
use crate::StoredEvent;
use sitrep_fuse::fuse;
use sitrep_model::EventId;
use std::collections::HashMap;

/// What is stored of a document's id before the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Prior {
    /// The document has no revision, or no version of its id is stored.
    None,
    /// The same or a later revision is stored: the document adds nothing.
    Current,
    /// Older versions, by row id, that the document replaces.
    Older(Vec<i64>),
}

/// The suffix older versions take on their id while the batch that replaces them runs.
const REPLACED: &str = " (replaced)";

/// Looks up the stored versions of each document that carries a revision, and takes the id,
/// URL and content hash away from the older ones.
pub(super) fn prior_versions(
    conn: &mut Conn,
    cache: &mut EventCache,
    docs: &[Input],
) -> Result<Vec<Prior>, Fail> {
    let mut priors = vec![Prior::None; docs.len()];
    let ids: Vec<&str> = docs
        .iter()
        .filter(|d| d.rec.document.revision.is_some())
        .map(|d| d.rec.document.doc.0.as_str())
        .collect();
    if ids.is_empty() {
        return Ok(priors);
    }
    let stmt = conn.prepare("SELECT id, doc, revision FROM documents WHERE doc = ANY($1)")?;
    let mut stored: HashMap<String, Vec<(i64, Option<String>)>> = HashMap::new();
    for r in conn.client.query(&stmt, &[&ids])? {
        stored
            .entry(r.get(1))
            .or_default()
            .push((r.get(0), r.get(2)));
    }
    let mut older_rows: Vec<i64> = Vec::new();
    for (prior, input) in priors.iter_mut().zip(docs) {
        let doc = &input.rec.document;
        let (Some(rev), Some(versions)) = (doc.revision.as_deref(), stored.get(&doc.doc.0)) else {
            continue;
        };
        if versions
            .iter()
            .any(|(_, s)| s.as_deref().is_some_and(|s| !is_later(rev, s)))
        {
            *prior = Prior::Current;
            continue;
        }
        let rows: Vec<i64> = versions.iter().map(|(id, _)| *id).collect();
        older_rows.extend(&rows);
        *prior = Prior::Older(rows);
    }
    if older_rows.is_empty() {
        return Ok(priors);
    }
    let stmt = conn.prepare(
        "UPDATE documents SET url = NULL, doc = doc || $2,
            content_hash = content_hash || $2 || ' ' || id::text
         WHERE id = ANY($1)",
    )?;
    conn.client.execute(&stmt, &[&older_rows, &REPLACED])?;
    // The events they reported are read again with the versions' new names.
    for id in events_of(conn, &older_rows)? {
        cache.events.remove(&id);
    }
    Ok(priors)
}

/// The events the documents `rows` reported, ascending.
fn events_of(conn: &mut Conn, rows: &[i64]) -> Result<Vec<i64>, Fail> {
    let stmt = conn.prepare(
        "SELECT DISTINCT event_id FROM event_reports WHERE document_id = ANY($1) ORDER BY 1",
    )?;
    Ok(conn
        .client
        .query(&stmt, &[&rows])?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

/// Removes the older versions `rows` with their mentions, reports, claims and evidence, and
/// fuses each event they reported again: as an event the batch rewrites (added to `touched`),
/// or deleted when no report is left.
#[allow(clippy::too_many_arguments)]
pub(super) fn withdraw(
    conn: &mut Conn,
    cache: &mut EventCache,
    ctx: &Ctx,
    held: &mut LockSet,
    rows: &[i64],
    touched: &mut Vec<Touched>,
    touched_at: &mut HashMap<Key, usize>,
    stamp: &str,
) -> Result<(), Fail> {
    if rows.is_empty() {
        return Ok(());
    }
    let stmt = conn.prepare("SELECT doc FROM documents WHERE id = ANY($1)")?;
    let names: Vec<String> = conn
        .client
        .query(&stmt, &[&rows])?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let events = events_of(conn, rows)?;
    let mut gone: Vec<i64> = Vec::new();
    let mut needed = LockSet::default();
    for id in events {
        let key = Key::Stored(id);
        let (mut reports, uid, first_seen) = match touched_at.get(&key) {
            Some(&at) => {
                let t = &touched[at];
                (t.reports.clone(), t.uid.clone(), t.first_seen.clone())
            }
            None => {
                load_reports(conn, cache, &[id])?;
                let cached = cache.events.remove(&id).expect("loaded just now");
                cells::extent_keys(&mut needed, &extent_of(&cached.fused).0);
                let stmt = conn.prepare("SELECT uid, first_seen FROM events WHERE id = $1")?;
                let row = conn.client.query_one(&stmt, &[&id])?;
                (cached.reports, row.get(0), row.get(1))
            }
        };
        reports.retain(|r| !names.contains(&r.source.doc.0));
        if reports.is_empty() {
            gone.push(id);
            continue;
        }
        let fused = fuse(&reports);
        let fused_view = fused.event.clone();
        let mut event = fused.event;
        event.id = EventId(uid.clone());
        let (extent, _) = extent_of(&event);
        cells::extent_keys(&mut needed, &extent);
        let t = Touched {
            key,
            uid,
            first_seen: first_seen.clone(),
            kind: event.kind,
            extent,
            reports,
            fused: fused_view,
            stored: StoredEvent {
                event,
                sources: fused.sources,
                independent_sources: fused.independent_sources,
                contradictions: fused.contradictions,
                updates: fused.updates,
                first_seen,
                last_updated: stamp.to_string(),
                reports: vec![],
            },
            touches: 1,
        };
        match touched_at.get(&key) {
            Some(&at) => {
                let touches = touched[at].touches + 1;
                touched[at] = Touched { touches, ..t };
            }
            None => {
                touched_at.insert(key, touched.len());
                touched.push(t);
            }
        }
    }
    if ctx.locking {
        let missing = held.missing(&needed);
        if !missing.is_empty() {
            if !try_lock(conn, &missing)? {
                return Err(Fail::Relock(missing));
            }
            held.extend(&missing);
        }
    }
    for table in [
        "claims",
        "evidence",
        "event_reports",
        "mentions",
        "document_bands",
    ] {
        let stmt = conn.prepare(&format!("DELETE FROM {table} WHERE document_id = ANY($1)"))?;
        conn.client.execute(&stmt, &[&rows])?;
    }
    let stmt = conn.prepare("DELETE FROM documents WHERE id = ANY($1)")?;
    conn.client.execute(&stmt, &[&rows])?;
    for table in [
        "event_weapons",
        "event_actors",
        "event_outlets",
        "event_changes",
    ] {
        let stmt = conn.prepare(&format!("DELETE FROM {table} WHERE event_id = ANY($1)"))?;
        conn.client.execute(&stmt, &[&gone])?;
    }
    let stmt = conn.prepare("DELETE FROM events WHERE id = ANY($1)")?;
    conn.client.execute(&stmt, &[&gone])?;
    for id in &gone {
        cache.events.remove(id);
    }
    Ok(())
}
