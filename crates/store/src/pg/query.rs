//! Reading the record: the event filters, one event with its reports, counts, and the bulk
//! loader of already fused events.
//!
//! The filters mean what they mean in the SQLite store and return events in the same order
//! (latest first, undated last, then newest row first). Text is compared in the program's
//! lower case (`*_key` columns, the search vector), so the server's locale does not matter;
//! `near` uses the PostGIS index when there is one and the latitude/longitude B-tree
//! otherwise, and either way the final distance test is the same haversine as SQLite's.

use super::cells::fold;
use super::write::EventColumns;
use super::{Conn, Ctx, Fail};
use crate::sqlite::decode;
use crate::{
    Change, ChangeKind, EventFilter, EventPage, Stats, StoreError, StoredEvent, StoredReport,
};
use chrono::{Duration, NaiveDate};
use postgres::types::ToSql;
use sitrep_fuse::haversine_km;
use sitrep_model::{DocId, Event};

type Param = Box<dyn ToSql + Sync + Send>;

pub(super) fn has_document(conn: &mut Conn, url_or_hash: &str) -> Result<bool, Fail> {
    let stmt = conn
        .prepare("SELECT EXISTS (SELECT 1 FROM documents WHERE url = $1 OR content_hash = $1)")?;
    Ok(conn.client.query_one(&stmt, &[&url_or_hash])?.get(0))
}

/// A filter value as PostgreSQL can take it: text there holds no NUL, so a value with one
/// matches nothing stored, as it matches nothing in SQLite; it gets a character no stored text
/// has in its place.
fn no_nul(s: &str) -> String {
    s.replace('\0', "\u{FFFF}")
}

/// A pattern for `LIKE` that matches `s` anywhere, with its wildcards taken literally.
fn contains_pattern(s: &str) -> String {
    let mut p = String::with_capacity(s.len() + 2);
    p.push('%');
    for c in fold(s).chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    no_nul(&p)
}

/// The SQL of an event query and its parameters; selects `data, lat, lon`.
fn query_sql(conn: &mut Conn, ctx: &Ctx, f: &EventFilter) -> Result<(String, Vec<Param>), Fail> {
    let mut wheres: Vec<String> = Vec::new();
    let mut args: Vec<Param> = Vec::new();
    let arg = |args: &mut Vec<Param>, v: Param| -> String {
        args.push(v);
        format!("${}", args.len())
    };
    if let Some(since) = f.since {
        let stmt = conn.prepare("SELECT coalesce(max(span_days), 0) FROM events")?;
        let max_span: i32 = conn.client.query_one(&stmt, &[])?.get(0);
        let lo = arg(
            &mut args,
            Box::new(since - Duration::days(i64::from(max_span))),
        );
        let s = arg(&mut args, Box::new(since));
        wheres.push(format!("date_start >= {lo} AND date_end >= {s}"));
    }
    if let Some(until) = f.until {
        let u = arg(&mut args, Box::new(until));
        wheres.push(format!("date_start <= {u}"));
    }
    if let Some(kind) = f.kind {
        let k = arg(&mut args, Box::new(kind.as_str()));
        wheres.push(format!("kind = {k}"));
    }
    if let Some(c) = &f.country {
        let c = arg(&mut args, Box::new(no_nul(&c.to_uppercase())));
        wheres.push(format!("country = {c}"));
    }
    if let Some(a) = &f.admin1 {
        let a = arg(&mut args, Box::new(no_nul(&fold(a))));
        wheres.push(format!("admin1_key = {a}"));
    }
    if let Some(p) = &f.place {
        let p = arg(&mut args, Box::new(contains_pattern(p)));
        wheres.push(format!("place_key LIKE {p}"));
    }
    if let Some(n) = &f.near {
        if ctx.postgis {
            let lon = arg(&mut args, Box::new(n.lon));
            let lat = arg(&mut args, Box::new(n.lat));
            // A margin over the radius; the haversine test below decides.
            let m = arg(&mut args, Box::new(n.radius_km * 1010.0 + 100.0));
            wheres.push(format!(
                "ST_DWithin(geog, ST_SetSRID(ST_MakePoint({lon}, {lat}), 4326)::geography, {m}, false)"
            ));
        } else {
            let dlat = n.radius_km / 111.0;
            let dlon = dlat / n.lat.to_radians().cos().abs().max(0.01);
            let a = arg(&mut args, Box::new(n.lat - dlat));
            let b = arg(&mut args, Box::new(n.lat + dlat));
            let c = arg(&mut args, Box::new(n.lon - dlon));
            let d = arg(&mut args, Box::new(n.lon + dlon));
            wheres.push(format!(
                "lat BETWEEN {a} AND {b} AND lon BETWEEN {c} AND {d}"
            ));
        }
    }
    if let Some(b) = &f.bbox {
        let (s, n) = (
            arg(&mut args, Box::new(b.south)),
            arg(&mut args, Box::new(b.north)),
        );
        let (w, e) = (
            arg(&mut args, Box::new(b.west)),
            arg(&mut args, Box::new(b.east)),
        );
        // A box across the antimeridian has its west edge east of its east edge.
        let lon = if b.west <= b.east {
            format!("lon BETWEEN {w} AND {e}")
        } else {
            format!("(lon >= {w} OR lon <= {e})")
        };
        wheres.push(format!("lat BETWEEN {s} AND {n} AND {lon}"));
    }
    if let Some(a) = &f.attacker {
        let a = arg(&mut args, Box::new(no_nul(&a.to_lowercase())));
        wheres.push(format!("lower(attacker) = {a}"));
    }
    if let Some(o) = &f.outlet {
        let o = arg(&mut args, Box::new(no_nul(&fold(o))));
        wheres.push(format!(
            "EXISTS (SELECT 1 FROM event_outlets o WHERE o.event_id = events.id AND o.outlet_key = {o})"
        ));
    }
    if let Some(c) = f.cursor.as_deref() {
        let p = Position::parse(c)?;
        let id = arg(&mut args, Box::new(p.row));
        match p.day {
            Some(d) => {
                let d = arg(&mut args, Box::new(d));
                wheres.push(format!(
                    "(date_start < {d} OR (date_start = {d} AND id < {id}) OR date_start IS NULL)"
                ));
            }
            None => wheres.push(format!("date_start IS NULL AND id < {id}")),
        }
    }
    if let Some(a) = &f.actor {
        let a = arg(&mut args, Box::new(contains_pattern(a)));
        wheres.push(format!(
            "EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = events.id AND a.actor_key LIKE {a})"
        ));
    }
    if let Some(w) = &f.weapon {
        let w = arg(&mut args, Box::new(contains_pattern(w)));
        wheres.push(format!(
            "EXISTS (SELECT 1 FROM event_weapons w WHERE w.event_id = events.id AND w.weapon_key LIKE {w})"
        ));
    }
    if let Some(s) = f.status {
        let s = arg(&mut args, Box::new(s.as_str()));
        wheres.push(format!("status = {s}"));
    }
    if let Some(n) = f.min_sources {
        let n = arg(&mut args, Box::new(n.min(i32::MAX as usize) as i32));
        wheres.push(format!("sources_count >= {n}"));
    }
    if let Some(t) = &f.text {
        if t.split_whitespace().next().is_some() {
            if t.chars().any(char::is_alphanumeric) {
                // Every word must occur; the words are data, never query syntax.
                // Control characters separate words, as any character that is no letter or
                // digit does (and PostgreSQL takes no NUL in text).
                let t: String = t
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                let t = arg(&mut args, Box::new(fold(&t)));
                wheres.push(format!("search @@ plainto_tsquery('simple', {t})"));
            } else {
                wheres.push("false".into());
            }
        }
    }
    let mut sql = "SELECT data::text, lat, lon, date_start, id FROM events".to_string();
    if !wheres.is_empty() {
        sql += " WHERE ";
        sql += &wheres.join(" AND ");
    }
    sql += " ORDER BY date_start DESC NULLS LAST, id DESC";
    if let (Some(limit), None) = (f.limit, &f.near) {
        // One row more than the page: whether a next page exists.
        sql += &format!(" LIMIT {}", limit.saturating_add(1));
    }
    Ok((sql, args))
}

/// A position in the order of results: the event's first day (`None` for undated events,
/// which come last) and its row id. As a cursor: `p1.YYYYMMDD.ROW` or `p1.-.ROW`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    day: Option<NaiveDate>,
    row: i64,
}

const CURSOR_PREFIX: &str = "p1.";

impl Position {
    fn cursor(self) -> String {
        match self.day {
            Some(d) => format!("{CURSOR_PREFIX}{}.{}", d.format("%Y%m%d"), self.row),
            None => format!("{CURSOR_PREFIX}-.{}", self.row),
        }
    }

    fn parse(cursor: &str) -> Result<Self, StoreError> {
        let bad = || StoreError::BadCursor {
            cursor: cursor.to_string(),
        };
        let rest = cursor.strip_prefix(CURSOR_PREFIX).ok_or_else(bad)?;
        let (day, row) = rest.split_once('.').ok_or_else(bad)?;
        let row: i64 = row.parse().ok().filter(|r| *r > 0).ok_or_else(bad)?;
        let day = match day {
            "-" => None,
            d if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) => {
                Some(NaiveDate::parse_from_str(d, "%Y%m%d").map_err(|_| bad())?)
            }
            _ => return Err(bad()),
        };
        Ok(Position { day, row })
    }
}

pub(super) fn events(
    conn: &mut Conn,
    ctx: &Ctx,
    f: &EventFilter,
) -> Result<Vec<StoredEvent>, Fail> {
    Ok(page(conn, ctx, f)?.events)
}

/// The events matching `f` after its cursor, at most `f.limit`, and the cursor of the next
/// page when more match.
pub(super) fn page(conn: &mut Conn, ctx: &Ctx, f: &EventFilter) -> Result<EventPage, Fail> {
    use postgres::fallible_iterator::FallibleIterator;
    let (sql, args) = query_sql(conn, ctx, f)?;
    let limit = f.limit.unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut last: Option<Position> = None;
    let mut next = None;
    let params: Vec<&(dyn ToSql + Sync)> = args
        .iter()
        .map(|b| b.as_ref() as &(dyn ToSql + Sync))
        .collect();
    let mut rows = conn.client.query_raw(sql.as_str(), params)?;
    while let Some(row) = rows.next()? {
        if out.len() >= limit {
            // One more match: the page ends with a cursor.
            next = last.map(Position::cursor);
            break;
        }
        if let Some(near) = &f.near {
            let (lat, lon): (Option<f64>, Option<f64>) = (row.get(1), row.get(2));
            match (lat, lon) {
                (Some(lat), Some(lon))
                    if haversine_km(near.lat, near.lon, lat, lon) <= near.radius_km => {}
                _ => continue,
            }
        }
        out.push(decode("a stored event", row.get::<_, &str>(0))?);
        last = Some(Position {
            day: row.get(3),
            row: row.get(4),
        });
    }
    Ok(EventPage { events: out, next })
}

/// The change feed after entry `after`, at most `limit` entries, lowest first.
pub(super) fn changes_since(
    conn: &mut Conn,
    after: u64,
    limit: usize,
) -> Result<Vec<Change>, Fail> {
    let after = after.min(i64::MAX as u64) as i64;
    let limit = limit.min(i64::MAX as usize) as i64;
    let stmt = conn.prepare(
        "SELECT c.seq, c.created, e.data::text FROM event_changes c
         JOIN events e ON e.id = c.event_id
         WHERE c.seq > $1 ORDER BY c.seq LIMIT $2",
    )?;
    let mut out = Vec::new();
    for r in conn.client.query(&stmt, &[&after, &limit])? {
        out.push(Change {
            seq: r.get::<_, i64>(0) as u64,
            kind: if r.get(1) {
                ChangeKind::Created
            } else {
                ChangeKind::Updated
            },
            event: decode("a stored event", r.get::<_, &str>(2))?,
        });
    }
    Ok(out)
}

/// The number of the latest change: the commit clock, which every committed change advanced.
pub(super) fn latest_change(conn: &mut Conn) -> Result<u64, Fail> {
    let stmt = conn.prepare("SELECT last_change FROM sitrep_clock")?;
    Ok(conn.client.query_one(&stmt, &[])?.get::<_, i64>(0).max(0) as u64)
}

pub(super) fn event(conn: &mut Conn, id: &str) -> Result<Option<StoredEvent>, Fail> {
    let stmt = conn.prepare("SELECT id, data::text FROM events WHERE uid = $1")?;
    let Some(row) = conn.client.query_opt(&stmt, &[&id])? else {
        return Ok(None);
    };
    let event_row: i64 = row.get(0);
    let mut ev: StoredEvent = decode("a stored event", row.get::<_, &str>(1))?;
    let stmt = conn.prepare(
        "SELECT r.data::text, d.doc, d.outlet, d.title FROM event_reports r
         JOIN documents d ON d.id = r.document_id
         WHERE r.event_id = $1 ORDER BY r.seq",
    )?;
    for r in conn.client.query(&stmt, &[&event_row])? {
        let event: Event = decode("an event report", r.get::<_, &str>(0))?;
        ev.reports.push(StoredReport {
            doc: DocId(r.get(1)),
            outlet: r.get(2),
            title: r.get(3),
            event,
        });
    }
    Ok(Some(ev))
}

pub(super) fn stats(conn: &mut Conn) -> Result<Stats, Fail> {
    let stmt = conn.prepare(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),
                (SELECT count(*) FROM event_reports), (SELECT count(*) FROM claims),
                (SELECT count(*) FROM evidence), (SELECT count(*) FROM mentions),
                (SELECT value FROM sitrep_meta WHERE key = 'schema_version')",
    )?;
    let r = conn.client.query_one(&stmt, &[])?;
    let n = |i: usize| r.get::<_, i64>(i) as u64;
    Ok(Stats {
        documents: n(0),
        events: n(1),
        reports: n(2),
        claims: n(3),
        evidence: n(4),
        mentions: n(5),
        schema_version: r
            .get::<_, Option<String>>(6)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
    })
}

/// Events loaded per transaction by [`import_fused`].
const IMPORT_CHUNK: usize = 5000;

/// Loads fused events as they are, numbered in the order given, in transactions of
/// [`IMPORT_CHUNK`] events.
pub(super) fn import_fused(
    conn: &mut Conn,
    ctx: &Ctx,
    events: &[StoredEvent],
) -> Result<usize, Fail> {
    for chunk in events.chunks(IMPORT_CHUNK) {
        conn.client.batch_execute("BEGIN")?;
        let stmt = conn.prepare(
            "UPDATE sitrep_clock SET last_change = last_change + $1 RETURNING last_change",
        )?;
        let last: i64 = conn
            .client
            .query_one(&stmt, &[&(chunk.len() as i64)])?
            .get(0);
        let first = last - chunk.len() as i64 + 1;
        let stmt = conn.prepare("SELECT nextval('events_id_seq') FROM generate_series(1, $1)")?;
        let mut ids: Vec<i64> = conn
            .client
            .query(&stmt, &[&(chunk.len() as i32)])?
            .iter()
            .map(|r| r.get(0))
            .collect();
        ids.sort_unstable();
        let mut cols = EventColumns::default();
        for (n, (ev, id)) in chunk.iter().zip(ids).enumerate() {
            cols.push(id, first + n as i64, 1, true, ev);
        }
        cols.write(conn)?;
        let stmt = conn.prepare("SELECT pg_notify($1, $2)")?;
        conn.client.execute(
            &stmt,
            &[&super::CHANGES_CHANNEL, &format!("{} {last}", ctx.schema)],
        )?;
        conn.client.batch_execute("COMMIT")?;
    }
    Ok(events.len())
}
