//! One ingest batch in one transaction: lock, decide, write.
//!
//! 1. Lock the batch's cells and documents ([`super::cells`]) in ascending key order.
//! 2. Read what the decisions need: which documents are stored already, the stored documents
//!    sharing a fingerprint band with the batch's, and for each report the candidate events
//!    (one query each) and their reports (one query for all that are not cached).
//! 3. Decide in memory, document by document and report by report, exactly as the SQLite
//!    store does: events created or rewritten earlier in the batch are candidates of later
//!    reports through the same predicate the candidate query applies. A rewritten event whose
//!    cells the batch did not lock takes them now if they are free, or the batch starts again
//!    with them locked from the beginning.
//! 4. Write everything with one array statement per table, under the row lock of the commit
//!    clock: new events get their row ids and every touched event its change number there, in
//!    commit order; `ingest_batches` records the documents in commit order, and `pg_notify`
//!    announces the latest change number.

use super::cells::{self, fold, Extent, LockSet};
use super::revise::Prior;
use super::{Conn, Ctx, Fail};
use crate::sqlite::{decode, loosely_equal, now};
use crate::{IngestOutcome, StoredEvent};
use chrono::{Duration, NaiveDate};
use sitrep_fuse::{
    best_match_fused, compatible_kinds, date_window, fingerprint, fuse, Fingerprint, Report,
    Source, ADMIN1_RADIUS_KM,
};
use sitrep_model::{stable_id, DocId, DocumentRecord, Event, EventId, EventKind};
use std::collections::HashMap;

/// How many stored events the candidate query returns at most per new report.
const MAX_CANDIDATES: usize = 200;
/// Events the cache holds at most; it is emptied when it would grow beyond.
pub(super) const EVENT_CACHE_SIZE: usize = 8192;
/// Texts at least this similar, from the same outlet under the same title, are one article.
const SAME_CONTENT_SIMILARITY: f64 = 0.9;

/// One document to store.
pub(super) struct Input<'a> {
    pub(super) rec: &'a DocumentRecord,
    pub(super) hash: &'a str,
    pub(super) fp: Fingerprint,
    pub(super) bands: Vec<(u32, i64)>,
}

impl<'a> Input<'a> {
    pub(super) fn new(rec: &'a DocumentRecord, hash: &'a str, fp: Option<&Fingerprint>) -> Self {
        let fp = match fp {
            Some(f) => f.clone(),
            None => fingerprint(&rec.document.text),
        };
        let bands = fp.bands();
        Input {
            rec,
            hash,
            fp,
            bands,
        }
    }

    fn source(&self) -> Source {
        let d = &self.rec.document;
        Source {
            doc: d.doc.clone(),
            outlet: d.outlet.clone(),
            url: d.url.clone(),
            published: d.published,
        }
    }
}

/// Stored events' reports and fused views, kept between batches. A batch drops the entries
/// of events whose change number passed the one it last saw (other writers changed them), and
/// the whole cache after any failure.
#[derive(Default)]
pub(super) struct EventCache {
    pub(super) events: HashMap<i64, Cached>,
    /// The commit clock's `last_change` up to which the entries are known current.
    pub(super) known: Option<i64>,
}

pub(super) struct Cached {
    pub(super) reports: Vec<Report>,
    pub(super) fused: Event,
}

impl EventCache {
    pub(super) fn clear(&mut self) {
        self.events.clear();
        self.known = None;
    }
}

/// An event as a batch sees it: stored (by row id) or created by the batch (by number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Key {
    Stored(i64),
    New(usize),
}

/// An event the batch created or rewrote.
pub(super) struct Touched {
    pub(super) key: Key,
    pub(super) uid: String,
    pub(super) first_seen: String,
    pub(super) reports: Vec<Report>,
    pub(super) fused: Event,
    pub(super) stored: StoredEvent,
    pub(super) kind: EventKind,
    pub(super) extent: Extent,
    /// How many times the batch changed the event: each change is an entry of the feed.
    pub(super) touches: i64,
}

/// A candidate row of the candidate query.
struct Row {
    id: i64,
    uid: String,
    first_seen: String,
    extent: Extent,
}

/// A document the batch stores.
pub(super) struct NewDoc<'a> {
    pub(super) id: i64,
    pub(super) input: &'a Input<'a>,
    pub(super) stamp: String,
}

/// A report the batch stores, with the event it went to.
pub(super) struct NewReport<'a> {
    pub(super) event: Key,
    pub(super) doc: i64,
    pub(super) seq: i64,
    pub(super) ev: &'a Event,
}

/// The columns of a fused event.
pub(super) fn extent_of(e: &Event) -> (Extent, Option<i32>) {
    let full = |d: Option<sitrep_model::PartialDate>| d.and_then(|d| d.to_naive());
    let start = full(e.date.as_ref().map(|d| d.start));
    let end = full(e.date.as_ref().map(|d| d.end)).or(start);
    let span = match (start, end) {
        (Some(s), Some(e)) => Some((e - s).num_days().max(0) as i32),
        _ => None,
    };
    let month_day = e
        .date
        .as_ref()
        .map(|d| format!("{:02}-{:02}", d.start.month, d.start.day));
    let loc = e.location.as_ref();
    (
        Extent {
            date_start: start,
            date_end: end,
            month_day,
            lat: loc.and_then(|l| l.lat),
            lon: loc.and_then(|l| l.lon),
            admin1_key: loc.and_then(|l| l.admin1.as_deref()).map(fold),
        },
        span,
    )
}

/// A search box: latitude range, longitude range, and the folded region name.
type SearchBox = ((f64, f64), (f64, f64), Option<String>);

/// What a report's candidate query selects, as a predicate over an event's kind and extent.
struct Search {
    kinds: Vec<EventKind>,
    range: Option<(NaiveDate, NaiveDate)>,
    month_days: Vec<String>,
    /// lat range, lon range, folded region.
    place: Option<SearchBox>,
}

impl Search {
    fn of(report: &Report) -> Option<Search> {
        let window = date_window(&report.event, report.source.published)?;
        let kinds = compatible_kinds(report.event.kind);
        let month_days = NaiveDate::from_ymd_opt(2000, window.start.month, window.start.day)
            .map(|a| {
                (-1..=1)
                    .map(|k| (a + Duration::days(k)).format("%m-%d").to_string())
                    .collect()
            })
            .unwrap_or_default();
        let loc = report.event.location.as_ref();
        let place = loc.and_then(|l| Some((l.lat?, l.lon?))).map(|(lat, lon)| {
            let dlat = ADMIN1_RADIUS_KM / 111.0;
            let dlon = dlat / lat.to_radians().cos().abs().max(0.05);
            (
                (lat - dlat, lat + dlat),
                (lon - dlon, lon + dlon),
                loc.and_then(|l| l.admin1.as_deref()).map(fold),
            )
        });
        Some(Search {
            kinds,
            range: window.search_range(),
            month_days,
            place,
        })
    }

    fn matches(&self, kind: EventKind, e: &Extent) -> bool {
        if !self.kinds.contains(&kind) {
            return false;
        }
        let by_date = match (self.range, e.date_start, e.date_end) {
            (Some((s, end)), Some(ds), Some(de)) => ds <= end && de >= s,
            _ => false,
        };
        let by_day = e.month_day.as_ref().is_some_and(|md| {
            self.month_days.contains(md) && (self.range.is_none() || e.date_start.is_none())
        });
        if !(by_date || by_day) {
            return false;
        }
        match &self.place {
            None => true,
            Some(((la0, la1), (lo0, lo1), region)) => {
                let Some(lat) = e.lat else { return true };
                let in_box = (*la0..=*la1).contains(&lat)
                    && e.lon.is_some_and(|lon| (*lo0..=*lo1).contains(&lon));
                in_box || (region.is_some() && *region == e.admin1_key)
            }
        }
    }
}

/// The candidate query: events of a compatible kind whose dates overlap the window, or
/// whose month and day match a yearless window (or are yearless themselves), near the place.
/// The two date conditions are two index scans joined by `UNION ALL` (they never select the
/// same row: the first needs a year, the second, for a dated report, its absence).
const CANDIDATES_SQL: &str =
    "SELECT id, uid, first_seen, date_start, date_end, month_day, lat, lon, admin1_key
     FROM events
     WHERE date_start BETWEEN $2 AND $3 AND date_end >= $4 AND kind = ANY($1)
       AND ($7 OR lat IS NULL OR (lat BETWEEN $8 AND $9 AND lon BETWEEN $10 AND $11)
            OR admin1_key = $12)
     UNION ALL
     SELECT id, uid, first_seen, date_start, date_end, month_day, lat, lon, admin1_key
     FROM events
     WHERE month_day = ANY($5) AND ($6 OR date_start IS NULL) AND kind = ANY($1)
       AND ($7 OR lat IS NULL OR (lat BETWEEN $8 AND $9 AND lon BETWEEN $10 AND $11)
            OR admin1_key = $12)";

fn candidate_rows(conn: &mut Conn, s: &Search, max_span: i32) -> Result<Vec<Row>, Fail> {
    let kinds: Vec<&str> = s.kinds.iter().map(|k| k.as_str()).collect();
    let (lo, hi, from) = match s.range {
        Some((a, b)) => (
            Some(a - Duration::days(i64::from(max_span))),
            Some(b),
            Some(a),
        ),
        None => (None, None, None),
    };
    let no_place = s.place.is_none();
    let ((la0, la1), (lo0, lo1), region) =
        s.place.clone().unwrap_or(((0.0, 0.0), (0.0, 0.0), None));
    let stmt = conn.prepare(CANDIDATES_SQL)?;
    let rows = conn.client.query(
        &stmt,
        &[
            &kinds,
            &lo,
            &hi,
            &from,
            &s.month_days,
            &s.range.is_none(),
            &no_place,
            &la0,
            &la1,
            &lo0,
            &lo1,
            &region,
        ],
    )?;
    Ok(rows
        .iter()
        .map(|r| Row {
            id: r.get(0),
            uid: r.get(1),
            first_seen: r.get(2),
            extent: Extent {
                date_start: r.get(3),
                date_end: r.get(4),
                month_day: r.get(5),
                lat: r.get(6),
                lon: r.get(7),
                admin1_key: r.get(8),
            },
        })
        .collect())
}

/// Loads the reports of the given stored events into the cache.
pub(super) fn load_reports(
    conn: &mut Conn,
    cache: &mut EventCache,
    ids: &[i64],
) -> Result<(), Fail> {
    if ids.is_empty() {
        return Ok(());
    }
    let stmt = conn.prepare(
        "SELECT r.event_id, r.data::text, r.seq, d.doc, d.outlet, d.url, d.published, d.fingerprint
         FROM event_reports r JOIN documents d ON d.id = r.document_id
         WHERE r.event_id = ANY($1)",
    )?;
    let rows = conn.client.query(&stmt, &[&ids])?;
    let mut by_event: HashMap<i64, Vec<Report>> = HashMap::new();
    for r in rows {
        let event: Event = decode("an event report", r.get::<_, &str>(1))?;
        let fingerprint: Fingerprint = decode("a fingerprint", r.get::<_, &str>(7))?;
        by_event.entry(r.get(0)).or_default().push(Report {
            event,
            source: Source {
                doc: DocId(r.get(3)),
                outlet: r.get(4),
                url: r.get(5),
                published: r.get(6),
            },
            fingerprint,
            seq: r.get::<_, i64>(2) as u64,
        });
    }
    for &id in ids {
        let mut reports = by_event.remove(&id).unwrap_or_default();
        reports.sort_by_key(|r| r.seq);
        let fused = fuse(&reports).event;
        cache.events.insert(id, Cached { reports, fused });
    }
    Ok(())
}

/// Takes the locks, in ascending key order, waiting for each.
fn lock_all(conn: &mut Conn, set: &LockSet) -> Result<(), Fail> {
    if set.is_empty() {
        return Ok(());
    }
    let (keys, modes) = set.arrays();
    let stmt = conn.prepare(
        "SELECT count(*) FROM unnest($1::bigint[], $2::bool[]) AS t(k, x),
            LATERAL (SELECT CASE WHEN x THEN pg_advisory_xact_lock(k)::text
                                 ELSE pg_advisory_xact_lock_shared(k)::text END) AS l",
    )?;
    conn.client.query_one(&stmt, &[&keys, &modes])?;
    Ok(())
}

/// Takes the locks if all are free at once; whether it did.
pub(super) fn try_lock(conn: &mut Conn, set: &LockSet) -> Result<bool, Fail> {
    let (keys, modes) = set.arrays();
    let stmt = conn.prepare(
        "SELECT coalesce(bool_and(CASE WHEN x THEN pg_try_advisory_xact_lock(k)
                                       ELSE pg_try_advisory_xact_lock_shared(k) END), true)
         FROM unnest($1::bigint[], $2::bool[]) AS t(k, x)",
    )?;
    Ok(conn.client.query_one(&stmt, &[&keys, &modes])?.get(0))
}

/// The report of `rec`'s `i`-th event, before its document has a row.
fn report_of(input: &Input, i: usize, seq: u64) -> Report {
    Report {
        event: input.rec.events[i].clone(),
        source: input.source(),
        fingerprint: input.fp.clone(),
        seq,
    }
}

/// The locks a batch takes before it reads anything.
fn initial_locks(docs: &[Input], extra: &LockSet) -> LockSet {
    let mut set = extra.clone();
    for input in docs {
        let d = &input.rec.document;
        cells::document_keys(&mut set, input.hash, d.url.as_deref(), &input.bands);
        if d.revision.is_some() {
            cells::revision_keys(&mut set, &d.doc.0);
        }
        for i in 0..input.rec.events.len() {
            cells::report_keys(&mut set, &report_of(input, i, 0));
        }
    }
    set
}

/// One attempt at storing the batch; see the module documentation.
pub(super) fn attempt(
    conn: &mut Conn,
    cache: &mut EventCache,
    ctx: &Ctx,
    docs: &[Input],
    extra: &LockSet,
) -> Result<Vec<IngestOutcome>, Fail> {
    conn.client.batch_execute("BEGIN")?;
    let mut held = if ctx.locking {
        let set = initial_locks(docs, extra);
        lock_all(conn, &set)?;
        set
    } else {
        LockSet::default()
    };

    // What changed since the cache was current.
    let stmt = conn.prepare("SELECT last_change FROM sitrep_clock")?;
    let clock: i64 = conn.client.query_one(&stmt, &[])?.get(0);
    match cache.known {
        Some(k) if k == clock => {}
        Some(k) if clock - k < 4096 => {
            let stmt = conn.prepare("SELECT id FROM events WHERE change_seq > $1")?;
            for r in conn.client.query(&stmt, &[&k])? {
                cache.events.remove(&r.get::<_, i64>(0));
            }
        }
        _ => cache.events.clear(),
    }
    cache.known = Some(clock);

    // Earlier versions of the documents that carry a revision.
    let priors = super::revise::prior_versions(conn, cache, docs)?;
    let older: Vec<i64> = priors
        .iter()
        .flat_map(|p| match p {
            Prior::Older(rows) => rows.as_slice(),
            _ => &[],
        })
        .copied()
        .collect();

    let stmt = conn.prepare("SELECT coalesce(max(span_days), 0) FROM events")?;
    let max_span: i32 = conn.client.query_one(&stmt, &[])?.get(0);

    // Row ids for the documents, taken after the locks so that they grow in the order in which
    // writers that see each other's events commit.
    let stmt = conn.prepare("SELECT nextval('documents_id_seq') FROM generate_series(1, $1)")?;
    let mut doc_ids: Vec<i64> = conn
        .client
        .query(&stmt, &[&(docs.len() as i32)])?
        .iter()
        .map(|r| r.get(0))
        .collect();
    doc_ids.sort_unstable();
    doc_ids.reverse();

    // Stored documents with the batch's hashes or URLs.
    let hashes: Vec<&str> = docs.iter().map(|d| d.hash).collect();
    let urls: Vec<&str> = docs
        .iter()
        .filter_map(|d| d.rec.document.url.as_deref())
        .collect();
    let stmt = conn.prepare(
        "SELECT doc, content_hash, url FROM documents
         WHERE content_hash = ANY($1) OR url = ANY($2) ORDER BY id",
    )?;
    let mut by_hash: HashMap<String, String> = HashMap::new();
    let mut by_url: HashMap<String, String> = HashMap::new();
    for r in conn.client.query(&stmt, &[&hashes, &urls])? {
        let doc: String = r.get(0);
        by_hash.entry(r.get(1)).or_insert_with(|| doc.clone());
        if let Some(u) = r.get::<_, Option<String>>(2) {
            by_url.entry(u).or_insert(doc);
        }
    }

    // Stored documents sharing a band key with the batch's: id, doc, outlet, title, print.
    let (bands, keys): (Vec<i32>, Vec<i64>) = docs
        .iter()
        .flat_map(|d| d.bands.iter().map(|&(b, k)| (b as i32, k)))
        .unzip();
    let stmt = conn.prepare(
        "SELECT band, key, document_id FROM document_bands
         WHERE (band, key) IN (SELECT * FROM unnest($1::int[], $2::bigint[]))",
    )?;
    type Near = (String, Option<String>, Option<String>, Fingerprint);
    let mut band_docs: HashMap<(u32, i64), Vec<i64>> = HashMap::new();
    for r in conn.client.query(&stmt, &[&bands, &keys])? {
        band_docs
            .entry((r.get::<_, i32>(0) as u32, r.get(1)))
            .or_default()
            .push(r.get(2));
    }
    // Each such document once: near-identical texts share many band keys.
    let mut ids: Vec<i64> = band_docs.values().flatten().copied().collect();
    ids.sort_unstable();
    ids.dedup();
    ids.retain(|id| !older.contains(id));
    let mut near_docs: HashMap<i64, Near> = HashMap::new();
    if !ids.is_empty() {
        let stmt = conn.prepare(
            "SELECT id, doc, outlet, title, fingerprint FROM documents WHERE id = ANY($1)",
        )?;
        for r in conn.client.query(&stmt, &[&ids])? {
            let fp: Fingerprint = decode("a fingerprint", r.get::<_, &str>(4))?;
            near_docs.insert(r.get(0), (r.get(1), r.get(2), r.get(3), fp));
        }
    }

    let mut outcomes = Vec::with_capacity(docs.len());
    let mut new_docs: Vec<NewDoc> = Vec::new();
    let mut new_reports: Vec<NewReport> = Vec::new();
    let mut touched: Vec<Touched> = Vec::new();
    let mut touched_at: HashMap<Key, usize> = HashMap::new();
    let mut new_count = 0usize;

    for (input, prior) in docs.iter().zip(&priors) {
        let doc = &input.rec.document;
        let replaced = matches!(prior, Prior::Older(_)).then(|| doc.doc.clone());
        if *prior == Prior::Current {
            outcomes.push(IngestOutcome {
                duplicate_of: Some(doc.doc.clone()),
                ..Default::default()
            });
            continue;
        }
        let dup = by_hash
            .get(input.hash)
            .cloned()
            .or_else(|| doc.url.as_ref().and_then(|u| by_url.get(u).cloned()));
        let dup = dup.or_else(|| {
            let mut ids: Vec<i64> = input
                .bands
                .iter()
                .flat_map(|b| band_docs.get(b).into_iter().flatten().copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids.into_iter().find_map(|id| {
                let (d, outlet, title, fp) = near_docs.get(&id)?;
                (fp.similarity(&input.fp) >= SAME_CONTENT_SIMILARITY
                    && loosely_equal(outlet.as_deref(), doc.outlet.as_deref())
                    && loosely_equal(title.as_deref(), doc.title.as_deref()))
                .then(|| d.clone())
            })
        });
        if let Some(d) = dup {
            outcomes.push(IngestOutcome {
                duplicate_of: Some(DocId(d)),
                replaced,
                ..Default::default()
            });
            continue;
        }
        let doc_row = doc_ids.pop().expect("one row id per document");
        let stamp = now();
        by_hash.insert(input.hash.to_string(), doc.doc.0.clone());
        if let Some(u) = &doc.url {
            by_url.insert(u.clone(), doc.doc.0.clone());
        }
        for b in &input.bands {
            band_docs.entry(*b).or_default().push(doc_row);
        }
        near_docs.insert(
            doc_row,
            (
                doc.doc.0.clone(),
                doc.outlet.clone(),
                doc.title.clone(),
                input.fp.clone(),
            ),
        );

        let mut outcome = IngestOutcome {
            replaced,
            ..IngestOutcome::default()
        };
        let mut merged_into: Vec<Key> = Vec::new();
        for (i, ev) in input.rec.events.iter().enumerate() {
            let report = report_of(input, i, (doc_row as u64) * 10_000 + i as u64);
            // Candidates: stored rows the batch has not rewritten, and the batch's own events
            // that the query's predicate selects; newest first, as row ids would order them.
            let mut cands: Vec<(Key, Option<Row>)> = Vec::new();
            if let Some(search) = Search::of(&report) {
                for row in candidate_rows(conn, &search, max_span)? {
                    if !touched_at.contains_key(&Key::Stored(row.id)) {
                        cands.push((Key::Stored(row.id), Some(row)));
                    }
                }
                for t in &touched {
                    if search.matches(t.kind, &t.extent) {
                        cands.push((t.key, None));
                    }
                }
            }
            cands.sort_by(|a, b| match (a.0, b.0) {
                (Key::New(x), Key::New(y)) => y.cmp(&x),
                (Key::New(_), Key::Stored(_)) => std::cmp::Ordering::Less,
                (Key::Stored(_), Key::New(_)) => std::cmp::Ordering::Greater,
                (Key::Stored(x), Key::Stored(y)) => y.cmp(&x),
            });
            cands.truncate(MAX_CANDIDATES);
            if cache.events.len() + cands.len() > EVENT_CACHE_SIZE {
                cache.events.clear();
            }
            let missing: Vec<i64> = cands
                .iter()
                .filter_map(|(k, _)| match k {
                    Key::Stored(id) if !cache.events.contains_key(id) => Some(*id),
                    _ => None,
                })
                .collect();
            load_reports(conn, cache, &missing)?;
            let best = {
                let mut at: Vec<usize> = Vec::with_capacity(cands.len());
                let mut loaded: Vec<(&[Report], &Event)> = Vec::with_capacity(cands.len());
                for (n, (k, _)) in cands.iter().enumerate() {
                    let found = match (touched_at.get(k), k) {
                        (Some(&t), _) => Some((touched[t].reports.as_slice(), &touched[t].fused)),
                        (None, Key::Stored(id)) => cache
                            .events
                            .get(id)
                            .map(|c| (c.reports.as_slice(), &c.fused)),
                        (None, Key::New(_)) => None,
                    };
                    if let Some(f) = found {
                        at.push(n);
                        loaded.push(f);
                    }
                }
                best_match_fused(&report, &loaded).map(|k| at[k])
            };
            let mut needed = LockSet::default();
            let (key, mut reports, uid, first_seen) = match best {
                Some(k) => {
                    let (key, row) = &cands[k];
                    if !merged_into.contains(key) {
                        merged_into.push(*key);
                        outcome.merged_events += 1;
                    }
                    match touched_at.get(key) {
                        Some(&t) => {
                            let t = &touched[t];
                            cells::extent_keys(&mut needed, &t.extent);
                            (*key, t.reports.clone(), t.uid.clone(), t.first_seen.clone())
                        }
                        None => {
                            let row = row.as_ref().expect("a stored candidate has its row");
                            cells::extent_keys(&mut needed, &row.extent);
                            let Key::Stored(id) = key else {
                                unreachable!("stored")
                            };
                            let reports = cache
                                .events
                                .remove(id)
                                .map(|c| c.reports)
                                .unwrap_or_default();
                            (*key, reports, row.uid.clone(), row.first_seen.clone())
                        }
                    }
                }
                None => {
                    outcome.new_events += 1;
                    new_count += 1;
                    let uid = stable_id(&["event", input.hash, &ev.id.0, &i.to_string()]);
                    (Key::New(new_count), vec![], uid, stamp.clone())
                }
            };
            reports.push(report);
            let fused = fuse(&reports);
            let fused_view = fused.event.clone();
            let mut event = fused.event;
            event.id = EventId(uid.clone());
            let (extent, _) = extent_of(&event);
            cells::extent_keys(&mut needed, &extent);
            if ctx.locking {
                let missing = held.missing(&needed);
                if !missing.is_empty() {
                    if !try_lock(conn, &missing)? {
                        return Err(Fail::Relock(missing));
                    }
                    held.extend(&missing);
                }
            }
            let stored = StoredEvent {
                event,
                sources: fused.sources,
                independent_sources: fused.independent_sources,
                contradictions: fused.contradictions,
                updates: fused.updates,
                first_seen: first_seen.clone(),
                last_updated: stamp.clone(),
                reports: vec![],
            };
            let t = Touched {
                key,
                uid: uid.clone(),
                first_seen,
                kind: stored.event.kind,
                extent,
                reports,
                fused: fused_view,
                stored,
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
            new_reports.push(NewReport {
                event: key,
                doc: doc_row,
                seq: (doc_row) * 10_000 + i as i64,
                ev,
            });
            outcome.events.push(EventId(uid));
        }
        new_docs.push(NewDoc {
            id: doc_row,
            input,
            stamp,
        });
        outcomes.push(outcome);
    }

    super::revise::withdraw(
        conn,
        cache,
        ctx,
        &mut held,
        &older,
        &mut touched,
        &mut touched_at,
        &now(),
    )?;
    super::write::write(conn, cache, ctx, &new_docs, &new_reports, &mut touched)?;
    Ok(outcomes)
}
