//! Reading the SQLite store: filtered queries, pages with keyset cursors, summaries and the
//! change feed.
//!
//! Every filter is a condition on indexed columns or helper tables, so that the work follows
//! the number of matching rows; only `near` keeps a check in Rust (the exact distance, after a
//! bounding-box condition in SQL). Results are ordered by `date_start DESC, id DESC`, which the
//! date index gives without sorting; a cursor is the position of the last event of a page in
//! that order (its day and row id), so the next page starts there through the same index,
//! however deep it is.

use super::decode;
use crate::{Change, ChangeKind, EventFilter, EventPage, EventSummary, StoreError, StoredEvent};
use chrono::{Duration, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection};
use serde::Deserialize;
use sitrep_fuse::haversine_km;
use sitrep_model::{EventId, EventKind, LocationPrecision, PartialDate, Status};

fn sql_err(name: &str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |e| StoreError::Sqlite {
        path: name.to_string(),
        source: e,
    }
}

/// A position in the order of results: the day of the event (`None` for undated events, which
/// come last) and its row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    day: Option<NaiveDate>,
    row: i64,
}

const CURSOR_PREFIX: &str = "s1.";

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

/// `s` for a `LIKE '%' || ? || '%' ESCAPE '\'` pattern: its wildcards are literal.
fn like_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The conditions of a filter (without its cursor) and their arguments.
fn conditions(
    conn: &Connection,
    f: &EventFilter,
) -> rusqlite::Result<(Vec<&'static str>, Vec<Value>)> {
    let mut wheres: Vec<&'static str> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let text = |s: &str| Value::Text(s.to_string());
    if let Some(since) = f.since {
        // Events reaching `since`: their end is on or after it, and (for the index) their start
        // is at most the longest stored span before it.
        let max_span: i64 = conn
            .prepare_cached("SELECT coalesce(max(span_days), 0) FROM events")?
            .query_row([], |r| r.get(0))?;
        wheres.push("date_start >= ? AND date_end >= ?");
        args.push(text(&(since - Duration::days(max_span)).to_string()));
        args.push(text(&since.to_string()));
    }
    if let Some(until) = f.until {
        wheres.push("date_start <= ?");
        args.push(text(&until.to_string()));
    }
    if let Some(kind) = f.kind {
        wheres.push("kind = ?");
        args.push(text(kind.as_str()));
    }
    if let Some(c) = &f.country {
        wheres.push("country = ?");
        args.push(text(&c.to_uppercase()));
    }
    if let Some(a) = &f.admin1 {
        wheres.push("admin1 = ?");
        args.push(text(a));
    }
    if let Some(p) = &f.place {
        wheres.push(
            "(location LIKE '%' || ? || '%' ESCAPE '\\' OR admin1 LIKE '%' || ? || '%' ESCAPE '\\' \
             OR location_text LIKE '%' || ? || '%' ESCAPE '\\')",
        );
        let p = like_literal(p);
        args.extend([text(&p), text(&p), text(&p)]);
    }
    if let Some(n) = &f.near {
        let dlat = n.radius_km / 111.0;
        let dlon = dlat / n.lat.to_radians().cos().abs().max(0.01);
        wheres.push("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?");
        args.extend([n.lat - dlat, n.lat + dlat, n.lon - dlon, n.lon + dlon].map(Value::Real));
    }
    if let Some(b) = &f.bbox {
        if b.west <= b.east {
            wheres.push("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?");
            args.extend([b.south, b.north, b.west, b.east].map(Value::Real));
        } else {
            wheres.push("lat BETWEEN ? AND ? AND (lon >= ? OR lon <= ?)");
            args.extend([b.south, b.north, b.west, b.east].map(Value::Real));
        }
    }
    if let Some(a) = &f.actor {
        wheres.push(
            "EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = events.id \
             AND a.actor LIKE '%' || ? || '%' ESCAPE '\\')",
        );
        args.push(text(&like_literal(a)));
    }
    if let Some(a) = &f.attacker {
        wheres.push("attacker = ? COLLATE NOCASE");
        args.push(text(a));
    }
    if let Some(w) = &f.weapon {
        wheres.push(
            "EXISTS (SELECT 1 FROM event_weapons w WHERE w.event_id = events.id \
             AND w.weapon LIKE '%' || ? || '%' ESCAPE '\\')",
        );
        args.push(text(&like_literal(w)));
    }
    if let Some(o) = &f.outlet {
        wheres.push("id IN (SELECT event_id FROM event_outlets WHERE outlet = ?)");
        args.push(text(o));
    }
    if let Some(s) = f.status {
        wheres.push("status = ?");
        args.push(text(s.as_str()));
    }
    if let Some(n) = f.min_sources {
        wheres.push("sources_count >= ?");
        args.push(Value::Integer(n.min(i64::MAX as usize) as i64));
    }
    if let Some(t) = &f.text {
        // Each word becomes a quoted FTS5 string, so that user input is never read as query
        // syntax.
        let q: Vec<String> = t
            .split_whitespace()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect();
        if !q.is_empty() {
            wheres.push("id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)");
            args.push(text(&q.join(" ")));
        }
    }
    Ok((wheres, args))
}

/// The SQL selecting `columns` of the events matching `f` after its cursor, in result order,
/// with a `LIMIT` of `limit` when given, and its arguments.
fn select(
    conn: &Connection,
    f: &EventFilter,
    columns: &str,
    limit: Option<usize>,
) -> Result<(String, Vec<Value>), StoreError> {
    let (mut wheres, mut args) = conditions(conn, f).map_err(sql_err("query"))?;
    let mut sql = format!("SELECT {columns} FROM events");
    if let Some(c) = &f.cursor {
        let pos = Position::parse(c)?;
        match pos.day {
            Some(d) => {
                wheres
                    .push("(date_start < ? OR (date_start = ? AND id < ?) OR date_start IS NULL)");
                let d = Value::Text(d.to_string());
                args.extend([d.clone(), d, Value::Integer(pos.row)]);
            }
            None => {
                wheres.push("date_start IS NULL AND id < ?");
                args.push(Value::Integer(pos.row));
            }
        }
    }
    if !wheres.is_empty() {
        sql += " WHERE ";
        sql += &wheres.join(" AND ");
    }
    sql += " ORDER BY date_start DESC, id DESC";
    if let Some(limit) = limit {
        sql += &format!(" LIMIT {limit}");
    }
    Ok((sql, args))
}

/// The exact distance check of `near`, made on the rows the bounding box let through.
fn passes_near(f: &EventFilter, lat: Option<f64>, lon: Option<f64>) -> bool {
    match (&f.near, lat, lon) {
        (None, _, _) => true,
        (Some(n), Some(lat), Some(lon)) => haversine_km(n.lat, n.lon, lat, lon) <= n.radius_km,
        _ => false,
    }
}

fn position(row: &rusqlite::Row<'_>) -> rusqlite::Result<Position> {
    let day: Option<String> = row.get(0)?;
    Ok(Position {
        day: day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        row: row.get(1)?,
    })
}

/// The events matching `f` after its cursor, at most `f.limit`; with `want_next`, the cursor
/// of the next page when one more event matches.
pub(super) fn page(
    conn: &Connection,
    name: &str,
    f: &EventFilter,
    want_next: bool,
) -> Result<EventPage, StoreError> {
    let err = sql_err(name);
    let limit = f.limit.unwrap_or(usize::MAX);
    // One row more than the page, to know whether another page follows.
    let sql_limit = match (&f.near, f.limit) {
        (None, Some(l)) => Some(l.saturating_add(usize::from(want_next))),
        _ => None,
    };
    let (sql, args) = select(conn, f, "date_start, id, data, lat, lon", sql_limit)?;
    let mut stmt = conn.prepare(&sql).map_err(&err)?;
    let mut rows = stmt.query(params_from_iter(args)).map_err(&err)?;
    let mut events = Vec::new();
    let mut last: Option<Position> = None;
    let mut next = None;
    while let Some(row) = rows.next().map_err(&err)? {
        if !passes_near(f, row.get(3).map_err(&err)?, row.get(4).map_err(&err)?) {
            continue;
        }
        if events.len() >= limit {
            if want_next {
                next = last.map(Position::cursor);
            }
            break;
        }
        let data: String = row.get(2).map_err(&err)?;
        events.push(decode("a stored event", &data)?);
        last = Some(position(row).map_err(&err)?);
    }
    Ok(EventPage { events, next })
}

/// The fields of a stored event's JSON that a summary needs; the rest is skipped unread.
#[derive(Deserialize)]
struct SummaryFields {
    id: EventId,
    kind: EventKind,
    status: Status,
    date: Option<SummaryDate>,
    location: Option<SummaryLocation>,
    attacker: Option<String>,
    weapons: Vec<String>,
    sources: Vec<SummarySource>,
    independent_sources: usize,
}

#[derive(Deserialize)]
struct SummaryDate {
    start: PartialDate,
    end: PartialDate,
}

#[derive(Deserialize)]
struct SummaryLocation {
    country: Option<String>,
    admin1: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    precision: LocationPrecision,
}

#[derive(Deserialize)]
struct SummarySource {
    outlet: Option<String>,
}

impl SummaryFields {
    fn summary(self) -> EventSummary {
        let start = self.date.as_ref().and_then(|d| d.start.to_naive());
        let end = self.date.as_ref().and_then(|d| d.end.to_naive()).or(start);
        let mut outlets: Vec<String> = Vec::new();
        for o in self.sources.into_iter().filter_map(|s| s.outlet) {
            if !outlets.contains(&o) {
                outlets.push(o);
            }
        }
        let loc = self.location;
        let (lat, lon, precision, country, admin1) = match loc {
            Some(l) => (l.lat, l.lon, Some(l.precision), l.country, l.admin1),
            None => (None, None, None, None, None),
        };
        EventSummary {
            id: self.id,
            kind: self.kind,
            status: self.status,
            start,
            end,
            lat,
            lon,
            precision,
            country,
            admin1,
            attacker: self.attacker,
            weapons: self.weapons,
            outlets,
            independent_sources: self.independent_sources,
        }
    }
}

/// Summaries of the events matching `f`, read from the stored JSON without decoding claims,
/// evidence or contradictions.
pub(super) fn summaries(
    conn: &Connection,
    name: &str,
    f: &EventFilter,
) -> Result<Vec<EventSummary>, StoreError> {
    let err = sql_err(name);
    let limit = f.limit.unwrap_or(usize::MAX);
    let sql_limit = if f.near.is_none() { f.limit } else { None };
    let (sql, args) = select(conn, f, "data, lat, lon", sql_limit)?;
    let mut stmt = conn.prepare(&sql).map_err(&err)?;
    let mut rows = stmt.query(params_from_iter(args)).map_err(&err)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(&err)? {
        if out.len() >= limit {
            break;
        }
        if !passes_near(f, row.get(1).map_err(&err)?, row.get(2).map_err(&err)?) {
            continue;
        }
        let data = row.get_ref(0).map_err(&err)?;
        let data = data.as_str().map_err(|e| err(e.into()))?;
        let fields: SummaryFields = serde_json::from_str(data).map_err(|e| StoreError::Decode {
            what: "a stored event".into(),
            source: e,
        })?;
        out.push(fields.summary());
    }
    Ok(out)
}

/// The change feed above `after`, at most `limit` entries.
pub(super) fn changes_since(
    conn: &Connection,
    name: &str,
    after: u64,
    limit: usize,
) -> Result<Vec<Change>, StoreError> {
    let err = sql_err(name);
    let after = after.min(i64::MAX as u64) as i64;
    let limit = limit.min(i64::MAX as usize) as i64;
    let mut stmt = conn
        .prepare_cached(
            "SELECT c.seq, c.created, e.data FROM event_changes c JOIN events e ON e.id = c.event_id
             WHERE c.seq > ?1 ORDER BY c.seq LIMIT ?2",
        )
        .map_err(&err)?;
    let mut rows = stmt.query(params![after, limit]).map_err(&err)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(&err)? {
        let seq: i64 = row.get(0).map_err(&err)?;
        let created: bool = row.get(1).map_err(&err)?;
        let data: String = row.get(2).map_err(&err)?;
        let event: StoredEvent = decode("a stored event", &data)?;
        out.push(Change {
            seq: seq as u64,
            kind: if created {
                ChangeKind::Created
            } else {
                ChangeKind::Updated
            },
            event,
        });
    }
    Ok(out)
}

/// The number of the latest change, 0 when there is none.
pub(super) fn latest_change(conn: &Connection, name: &str) -> Result<u64, StoreError> {
    conn.prepare_cached("SELECT coalesce(max(seq), 0) FROM event_changes")
        .and_then(|mut s| s.query_row([], |r| r.get::<_, i64>(0)))
        .map(|n| n as u64)
        .map_err(sql_err(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_foreign_ones_are_refused() {
        for pos in [
            Position {
                day: NaiveDate::from_ymd_opt(2025, 3, 4),
                row: 1234,
            },
            Position { day: None, row: 7 },
        ] {
            assert_eq!(Position::parse(&pos.cursor()).unwrap(), pos);
        }
        for bad in [
            "",
            "s1.",
            "s1.-.0",
            "s1.2025030.5",
            "s1.20251304.5",
            "x1.-.5",
            "s1.-.-5",
            "s1.-.5.6",
        ] {
            assert!(
                matches!(Position::parse(bad), Err(StoreError::BadCursor { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn like_wildcards_in_values_are_literal() {
        assert_eq!(like_literal(r"50%_a\b"), r"50\%\_a\\b");
    }
}
