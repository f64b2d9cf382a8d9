//! The end of an ingest batch: every row it stores, written with one array statement per
//! table under the row lock of the commit clock, then the commit and its announcement.
//! [`EventColumns`] also serves the bulk loader of fused events.

use super::cells::fold;
use super::ingest::{
    extent_of, Cached, EventCache, Key, NewDoc, NewReport, Touched, EVENT_CACHE_SIZE,
};
use super::{Conn, Ctx, Fail};
use crate::filter::search_text;
use crate::sqlite::{json, mention_value};
use crate::StoredEvent;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Writes the batch and commits: see the ingest module's documentation, step 4.
pub(super) fn write(
    conn: &mut Conn,
    cache: &mut EventCache,
    ctx: &Ctx,
    docs: &[NewDoc],
    reports: &[NewReport],
    touched: &mut [Touched],
) -> Result<(), Fail> {
    if docs.is_empty() && touched.is_empty() {
        conn.client.batch_execute("COMMIT")?;
        return Ok(());
    }
    // The clock's row lock orders the commits from here on.
    let stmt = conn.prepare(
        "UPDATE sitrep_clock SET last_change = last_change + $1, last_batch = last_batch + 1
         RETURNING last_change, last_batch",
    )?;
    let changes: i64 = touched.iter().map(|t| t.touches).sum();
    let row = conn.client.query_one(&stmt, &[&changes])?;
    let (last_change, batch): (i64, i64) = (row.get(0), row.get(1));

    // Row ids of new events in the order the batch created them, then change numbers in row
    // id order.
    let mut new_keys: Vec<usize> = touched
        .iter()
        .filter_map(|t| match t.key {
            Key::New(k) => Some(k),
            Key::Stored(_) => None,
        })
        .collect();
    new_keys.sort_unstable();
    let new_ids = next_ids(conn, "events_id_seq", new_keys.len())?;
    let row_of_new: HashMap<usize, i64> = new_keys.into_iter().zip(new_ids).collect();
    let row_of = |k: Key| match k {
        Key::Stored(id) => id,
        Key::New(n) => row_of_new[&n],
    };
    touched.sort_by_key(|t| row_of(t.key));
    let first_change = last_change - changes + 1;

    write_documents(conn, docs)?;
    write_events(conn, touched, &row_of, first_change)?;
    write_reports(conn, reports, &row_of)?;

    let ids: Vec<i64> = docs.iter().map(|d| d.id).collect();
    let stmt = conn
        .prepare("INSERT INTO ingest_batches (seq, documents, last_change) VALUES ($1, $2, $3)")?;
    conn.client.execute(&stmt, &[&batch, &ids, &last_change])?;
    let stmt = conn.prepare("SELECT pg_notify($1, $2)")?;
    conn.client.execute(
        &stmt,
        &[
            &super::CHANGES_CHANNEL,
            &format!("{} {last_change}", ctx.schema),
        ],
    )?;
    conn.client.batch_execute("COMMIT")?;

    if cache.known == Some(last_change - changes) {
        cache.known = Some(last_change);
    }
    if cache.events.len() + touched.len() > EVENT_CACHE_SIZE {
        cache.events.clear();
    }
    for t in touched.iter_mut() {
        cache.events.insert(
            row_of(t.key),
            Cached {
                reports: std::mem::take(&mut t.reports),
                fused: t.fused.clone(),
            },
        );
    }
    Ok(())
}

/// `n` fresh values of a sequence, ascending.
fn next_ids(conn: &mut Conn, sequence: &str, n: usize) -> Result<Vec<i64>, Fail> {
    if n == 0 {
        return Ok(vec![]);
    }
    let stmt = conn.prepare(&format!(
        "SELECT nextval('{sequence}') FROM generate_series(1, $1)"
    ))?;
    let mut ids: Vec<i64> = conn
        .client
        .query(&stmt, &[&(n as i32)])?
        .iter()
        .map(|r| r.get(0))
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

fn write_documents(conn: &mut Conn, docs: &[NewDoc]) -> Result<(), Fail> {
    let mut c = DocColumns::default();
    let (mut b_band, mut b_key, mut b_doc) = (Vec::new(), Vec::new(), Vec::new());
    let mut m = MentionColumns::default();
    for d in docs {
        let doc = &d.input.rec.document;
        c.id.push(d.id);
        c.doc.push(doc.doc.0.as_str());
        c.url.push(doc.url.as_deref());
        c.hash.push(d.input.hash);
        c.title.push(doc.title.as_deref());
        c.outlet.push(doc.outlet.as_deref());
        c.author.push(doc.author.as_deref());
        c.published.push(doc.published);
        c.language.push(doc.language.as_deref());
        c.text.push(doc.text.as_str());
        c.errors.push(json(&doc.errors));
        c.fingerprint.push(json(&d.input.fp));
        c.event_count.push(d.input.rec.events.len() as i32);
        c.stamp.push(d.stamp.as_str());
        c.revision.push(doc.revision.as_deref());
        for &(band, key) in &d.input.bands {
            b_band.push(band as i32);
            b_key.push(key);
            b_doc.push(d.id);
        }
        for x in d.input.rec.mentions.iter().flatten() {
            let (kind, value) = mention_value(&x.value);
            m.doc.push(d.id);
            m.kind.push(kind);
            m.text.push(x.text.as_str());
            m.start.push(x.start as i32);
            m.end.push(x.end as i32);
            m.value.push(value);
        }
    }
    let stmt = conn.prepare(
        "INSERT INTO documents (id, doc, url, content_hash, title, outlet, author, published,
            language, text, errors, fingerprint, event_count, ingested_at, revision)
         SELECT id, doc, url, h, title, outlet, author, published, language, text, errors::jsonb,
            fp, n, stamp, rev
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::date[], $9::text[], $10::text[], $11::text[], $12::text[],
            $13::int[], $14::text[], $15::text[])
            AS t(id, doc, url, h, title, outlet, author, published, language, text, errors, fp,
                 n, stamp, rev)
         ON CONFLICT DO NOTHING",
    )?;
    let n = conn.client.execute(
        &stmt,
        &[
            &c.id,
            &c.doc,
            &c.url,
            &c.hash,
            &c.title,
            &c.outlet,
            &c.author,
            &c.published,
            &c.language,
            &c.text,
            &c.errors,
            &c.fingerprint,
            &c.event_count,
            &c.stamp,
            &c.revision,
        ],
    )?;
    if n as usize != docs.len() {
        // Another writer stored one of these documents although this batch held its lock:
        // only possible with locking off. Start again; the document is then a duplicate.
        return Err(Fail::Again);
    }
    let stmt = conn.prepare(
        "INSERT INTO document_bands (band, key, document_id)
         SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[])",
    )?;
    conn.client.execute(&stmt, &[&b_band, &b_key, &b_doc])?;
    let stmt = conn.prepare(
        "INSERT INTO mentions (document_id, type, text, span_start, span_end, value)
         SELECT d, k, t, s, e, v::jsonb
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[])
            AS x(d, k, t, s, e, v)",
    )?;
    conn.client.execute(
        &stmt,
        &[&m.doc, &m.kind, &m.text, &m.start, &m.end, &m.value],
    )?;
    Ok(())
}

#[derive(Default)]
struct DocColumns<'a> {
    id: Vec<i64>,
    doc: Vec<&'a str>,
    url: Vec<Option<&'a str>>,
    hash: Vec<&'a str>,
    title: Vec<Option<&'a str>>,
    outlet: Vec<Option<&'a str>>,
    author: Vec<Option<&'a str>>,
    published: Vec<Option<NaiveDate>>,
    language: Vec<Option<&'a str>>,
    text: Vec<&'a str>,
    errors: Vec<String>,
    fingerprint: Vec<String>,
    event_count: Vec<i32>,
    stamp: Vec<&'a str>,
    revision: Vec<Option<&'a str>>,
}

#[derive(Default)]
struct MentionColumns<'a> {
    doc: Vec<i64>,
    kind: Vec<&'static str>,
    text: Vec<&'a str>,
    start: Vec<i32>,
    end: Vec<i32>,
    value: Vec<String>,
}

/// The columns of `events` for a batch of fused events, as arrays.
#[derive(Default)]
pub(super) struct EventColumns {
    pub id: Vec<i64>,
    pub uid: Vec<String>,
    pub kind: Vec<&'static str>,
    pub date_start: Vec<Option<NaiveDate>>,
    pub date_end: Vec<Option<NaiveDate>>,
    pub span: Vec<Option<i32>>,
    pub month_day: Vec<Option<String>>,
    pub country: Vec<Option<String>>,
    pub admin1: Vec<Option<String>>,
    pub admin1_key: Vec<Option<String>>,
    pub location: Vec<Option<String>>,
    pub location_text: Vec<Option<String>>,
    pub place_key: Vec<Option<String>>,
    pub lat: Vec<Option<f64>>,
    pub lon: Vec<Option<f64>>,
    pub attacker: Vec<Option<String>>,
    pub target: Vec<Option<String>>,
    pub status: Vec<&'static str>,
    pub sources: Vec<i32>,
    pub reports: Vec<i32>,
    pub first_seen: Vec<String>,
    pub last_updated: Vec<String>,
    pub change: Vec<i64>,
    pub search: Vec<String>,
    pub data: Vec<String>,
    /// Filter helper rows: event id and folded weapon; event id and folded actor.
    pub weapons: (Vec<i64>, Vec<String>),
    pub actors: (Vec<i64>, Vec<String>),
    /// Event id and folded outlet of each source.
    pub outlets: (Vec<i64>, Vec<String>),
    /// The change feed's entries: number, event id, and whether the event was created.
    pub feed: (Vec<i64>, Vec<i64>, Vec<bool>),
}

impl EventColumns {
    /// Adds an event whose `changes` entries of the feed are numbered from `first_change`
    /// (the first says "created" when `created`).
    pub(super) fn push(
        &mut self,
        id: i64,
        first_change: i64,
        changes: i64,
        created: bool,
        ev: &StoredEvent,
    ) {
        let e = &ev.event;
        let (x, span) = extent_of(e);
        let loc = e.location.as_ref();
        self.id.push(id);
        self.uid.push(e.id.0.clone());
        self.kind.push(e.kind.as_str());
        self.date_start.push(x.date_start);
        self.date_end.push(x.date_end);
        self.span.push(span);
        self.month_day.push(x.month_day);
        self.country.push(loc.and_then(|l| l.country.clone()));
        self.admin1.push(loc.and_then(|l| l.admin1.clone()));
        self.admin1_key.push(x.admin1_key);
        self.location.push(loc.map(|l| l.name.clone()));
        self.location_text.push(loc.map(|l| l.text.clone()));
        self.place_key.push(loc.map(|l| {
            let mut k = fold(&l.name);
            k.push('\n');
            k.push_str(&l.admin1.as_deref().map(fold).unwrap_or_default());
            k.push('\n');
            k.push_str(&fold(&l.text));
            k
        }));
        self.lat.push(x.lat);
        self.lon.push(x.lon);
        self.attacker.push(e.attacker.clone());
        self.target.push(e.target.clone());
        self.status.push(e.status.as_str());
        self.sources.push(ev.independent_sources as i32);
        self.reports.push(ev.sources.len() as i32);
        self.first_seen.push(ev.first_seen.clone());
        self.last_updated.push(ev.last_updated.clone());
        let changes = changes.max(1);
        self.change.push(first_change + changes - 1);
        for k in 0..changes {
            self.feed.0.push(first_change + k);
            self.feed.1.push(id);
            self.feed.2.push(created && k == 0);
        }
        let mut seen: Vec<String> = Vec::new();
        for o in ev.sources.iter().filter_map(|s| s.outlet.as_deref()) {
            let k = fold(o);
            if !seen.contains(&k) {
                self.outlets.0.push(id);
                self.outlets.1.push(k.clone());
                seen.push(k);
            }
        }
        self.search.push(fold(&search_text(ev)));
        self.data.push(json(&StoredEvent {
            reports: vec![],
            ..ev.clone()
        }));
        let mut seen: Vec<String> = Vec::new();
        for w in &e.weapons {
            let k = fold(w);
            if !seen.contains(&k) {
                self.weapons.0.push(id);
                self.weapons.1.push(k.clone());
                seen.push(k);
            }
        }
        let mut seen: Vec<String> = Vec::new();
        for a in e
            .attacker
            .iter()
            .chain(e.target.iter())
            .chain(e.claims.iter().map(|c| &c.source))
        {
            let k = fold(a);
            if !seen.contains(&k) {
                self.actors.0.push(id);
                self.actors.1.push(k.clone());
                seen.push(k);
            }
        }
    }

    /// Inserts the events, or rewrites those whose row exists, with their helper rows.
    pub(super) fn write(&self, conn: &mut Conn) -> Result<(), Fail> {
        let stmt = conn.prepare(
            "INSERT INTO events (id, uid, kind, date_start, date_end, span_days, month_day,
                country, admin1, admin1_key, location, location_text, place_key, lat, lon,
                attacker, target, status, sources_count, report_count, first_seen, last_updated,
                change_seq, search, data)
             SELECT id, uid, kind, ds, de, span, md, country, admin1, a1k, loc, loct, pk, lat,
                lon, att, tgt, status, sc, rc, fs, lu, ch, to_tsvector('simple', body),
                data::jsonb
             FROM unnest($1::bigint[], $2::text[], $3::text[], $4::date[], $5::date[],
                $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                $12::text[], $13::text[], $14::float8[], $15::float8[], $16::text[], $17::text[],
                $18::text[], $19::int[], $20::int[], $21::text[], $22::text[], $23::bigint[],
                $24::text[], $25::text[])
                AS t(id, uid, kind, ds, de, span, md, country, admin1, a1k, loc, loct, pk, lat,
                     lon, att, tgt, status, sc, rc, fs, lu, ch, body, data)
             ON CONFLICT (id) DO UPDATE SET uid = EXCLUDED.uid, kind = EXCLUDED.kind,
                date_start = EXCLUDED.date_start, date_end = EXCLUDED.date_end,
                span_days = EXCLUDED.span_days, month_day = EXCLUDED.month_day,
                country = EXCLUDED.country, admin1 = EXCLUDED.admin1,
                admin1_key = EXCLUDED.admin1_key, location = EXCLUDED.location,
                location_text = EXCLUDED.location_text, place_key = EXCLUDED.place_key,
                lat = EXCLUDED.lat, lon = EXCLUDED.lon, attacker = EXCLUDED.attacker,
                target = EXCLUDED.target, status = EXCLUDED.status,
                sources_count = EXCLUDED.sources_count, report_count = EXCLUDED.report_count,
                first_seen = EXCLUDED.first_seen, last_updated = EXCLUDED.last_updated,
                change_seq = EXCLUDED.change_seq, search = EXCLUDED.search, data = EXCLUDED.data",
        )?;
        conn.client.execute(
            &stmt,
            &[
                &self.id,
                &self.uid,
                &self.kind,
                &self.date_start,
                &self.date_end,
                &self.span,
                &self.month_day,
                &self.country,
                &self.admin1,
                &self.admin1_key,
                &self.location,
                &self.location_text,
                &self.place_key,
                &self.lat,
                &self.lon,
                &self.attacker,
                &self.target,
                &self.status,
                &self.sources,
                &self.reports,
                &self.first_seen,
                &self.last_updated,
                &self.change,
                &self.search,
                &self.data,
            ],
        )?;
        let stmt = conn.prepare("DELETE FROM event_weapons WHERE event_id = ANY($1)")?;
        conn.client.execute(&stmt, &[&self.id])?;
        let stmt = conn.prepare("DELETE FROM event_actors WHERE event_id = ANY($1)")?;
        conn.client.execute(&stmt, &[&self.id])?;
        let stmt = conn.prepare("DELETE FROM event_outlets WHERE event_id = ANY($1)")?;
        conn.client.execute(&stmt, &[&self.id])?;
        let stmt = conn.prepare(
            "INSERT INTO event_outlets (event_id, outlet_key)
             SELECT * FROM unnest($1::bigint[], $2::text[])",
        )?;
        conn.client
            .execute(&stmt, &[&self.outlets.0, &self.outlets.1])?;
        let stmt = conn.prepare(
            "INSERT INTO event_changes (seq, event_id, created)
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bool[])",
        )?;
        conn.client
            .execute(&stmt, &[&self.feed.0, &self.feed.1, &self.feed.2])?;
        let stmt = conn.prepare(
            "INSERT INTO event_weapons (event_id, weapon_key)
             SELECT * FROM unnest($1::bigint[], $2::text[])",
        )?;
        conn.client
            .execute(&stmt, &[&self.weapons.0, &self.weapons.1])?;
        let stmt = conn.prepare(
            "INSERT INTO event_actors (event_id, actor_key)
             SELECT * FROM unnest($1::bigint[], $2::text[])",
        )?;
        conn.client
            .execute(&stmt, &[&self.actors.0, &self.actors.1])?;
        Ok(())
    }
}

fn write_events(
    conn: &mut Conn,
    touched: &[Touched],
    row_of: &dyn Fn(Key) -> i64,
    first_change: i64,
) -> Result<(), Fail> {
    let mut cols = EventColumns::default();
    let mut next = first_change;
    for t in touched {
        cols.push(
            row_of(t.key),
            next,
            t.touches,
            matches!(t.key, Key::New(_)),
            &t.stored,
        );
        next += t.touches;
    }
    cols.write(conn)
}

fn write_reports(
    conn: &mut Conn,
    reports: &[NewReport],
    row_of: &dyn Fn(Key) -> i64,
) -> Result<(), Fail> {
    let ids = next_ids(conn, "event_reports_id_seq", reports.len())?;
    let (mut r_event, mut r_doc, mut r_uid, mut r_seq, mut r_data) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    #[derive(Default)]
    struct Spans<'a> {
        event: Vec<i64>,
        report: Vec<i64>,
        doc: Vec<i64>,
        source: Vec<&'a str>,
        stance: Vec<Option<String>>,
        text: Vec<&'a str>,
        start: Vec<i32>,
        end: Vec<i32>,
    }
    let mut claims = Spans::default();
    let mut evidence = Spans::default();
    for (r, &id) in reports.iter().zip(&ids) {
        let event = row_of(r.event);
        r_event.push(event);
        r_doc.push(r.doc);
        r_uid.push(r.ev.id.0.as_str());
        r_seq.push(r.seq);
        r_data.push(json(r.ev));
        for c in &r.ev.claims {
            claims.event.push(event);
            claims.report.push(id);
            claims.doc.push(r.doc);
            claims.source.push(c.source.as_str());
            claims.stance.push(
                serde_json::to_value(c.stance)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string)),
            );
            claims.text.push(c.text.as_str());
            claims.start.push(c.start as i32);
            claims.end.push(c.end as i32);
        }
        for x in &r.ev.evidence {
            evidence.event.push(event);
            evidence.report.push(id);
            evidence.doc.push(r.doc);
            evidence.text.push(x.text.as_str());
            evidence.start.push(x.start as i32);
            evidence.end.push(x.end as i32);
        }
    }
    let stmt = conn.prepare(
        "INSERT INTO event_reports (id, event_id, document_id, report_uid, seq, data)
         SELECT i, e, d, u, s, x::jsonb
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::bigint[],
            $6::text[]) AS t(i, e, d, u, s, x)",
    )?;
    conn.client
        .execute(&stmt, &[&ids, &r_event, &r_doc, &r_uid, &r_seq, &r_data])?;
    let stmt = conn.prepare(
        "INSERT INTO claims (event_id, report_id, document_id, source, stance, text, span_start,
            span_end)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[],
            $6::text[], $7::int[], $8::int[])",
    )?;
    conn.client.execute(
        &stmt,
        &[
            &claims.event,
            &claims.report,
            &claims.doc,
            &claims.source,
            &claims.stance,
            &claims.text,
            &claims.start,
            &claims.end,
        ],
    )?;
    let stmt = conn.prepare(
        "INSERT INTO evidence (event_id, report_id, document_id, span_start, span_end, text)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::int[], $5::int[],
            $6::text[])",
    )?;
    conn.client.execute(
        &stmt,
        &[
            &evidence.event,
            &evidence.report,
            &evidence.doc,
            &evidence.start,
            &evidence.end,
            &evidence.text,
        ],
    )?;
    Ok(())
}
