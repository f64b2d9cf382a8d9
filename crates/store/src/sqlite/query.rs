//! Reading the SQLite store: filtered queries, pages with keyset cursors, summaries and the
//! change feed.
//!
//! Every filter is a condition on indexed columns or helper tables; only `near` keeps a check
//! in Rust (the exact distance, after a bounding-box condition in SQL). Results are ordered by
//! `date_start DESC, id DESC`, which the date index gives without sorting; a cursor is the
//! position of the last event of a page in that order (its day and row id), so the next page
//! starts there through the same index, however deep it is.
//!
//! A page of a filter that SQLite would answer by sorting every matching row (a box, a word, an
//! outlet or a substring matching a large part of the store) is first looked for among the
//! next [`PROBE_ROWS`] rows in date order: when they hold the page, those are its events, found
//! without a sort; otherwise the filter is rare and SQLite's own plan, which starts from it,
//! sorts few rows. The sorted query carries only row ids; the events' JSON is read for the
//! rows of the page alone.

use super::decode;
use crate::{
    Change, ChangeKind, DayCounts, EventFilter, EventPage, EventSummary, StoreError, StoredEvent,
};
use chrono::{Duration, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection};
use sitrep_fuse::haversine_km;

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

/// SQL conditions, joined by `AND`.
#[derive(Default)]
struct Conds(Vec<std::borrow::Cow<'static, str>>);

impl Conds {
    fn push(&mut self, c: impl Into<std::borrow::Cow<'static, str>>) {
        self.0.push(c.into());
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn join(&self, sep: &str) -> String {
        self.0.join(sep)
    }
}

/// The conditions of a filter (without its cursor) and their arguments.
fn conditions(conn: &Connection, f: &EventFilter) -> rusqlite::Result<(Conds, Vec<Value>)> {
    let mut wheres = Conds::default();
    let mut args: Vec<Value> = Vec::new();
    let text = |s: &str| Value::Text(s.to_string());
    if let Some(since) = f.since {
        // Events reaching `since`: their end is on or after it, and (for the index) their start
        // is at most the longest stored span before it.
        let max_span: i64 = conn
            .prepare_cached("SELECT coalesce(max(span_days), 0) FROM events")?
            .query_row([], |r| r.get(0))?;
        // An event starting on or after `since` reaches it, which the index says without
        // reading the row (SQLite reads a row's other columns only when a condition needs
        // them).
        wheres.push("date_start >= ? AND (date_start >= ? OR date_end >= ?)");
        args.push(text(&(since - Duration::days(max_span)).to_string()));
        args.push(text(&since.to_string()));
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
        wheres.push("(location LIKE '%' || ? || '%' ESCAPE '\\' OR admin1 LIKE '%' || ? || '%' ESCAPE '\\' \
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
        let v = text(&like_literal(a));
        wheres.push(helper_condition(
            conn,
            "event_actors",
            "actor LIKE '%' || ? || '%' ESCAPE '\\'",
            &v,
        )?);
        args.push(v);
    }
    if let Some(a) = &f.attacker {
        wheres.push("attacker = ? COLLATE NOCASE");
        args.push(text(a));
    }
    if let Some(w) = &f.weapon {
        let v = text(&like_literal(w));
        wheres.push(helper_condition(
            conn,
            "event_weapons",
            "weapon LIKE '%' || ? || '%' ESCAPE '\\'",
            &v,
        )?);
        args.push(v);
    }
    if let Some(o) = &f.outlet {
        let v = text(o);
        wheres.push(helper_condition(conn, "event_outlets", "outlet = ?", &v)?);
        args.push(v);
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
        // syntax. Control characters (a NUL would end the query string early) separate the
        // word's tokens, as any other character that is no letter or digit does.
        let q: Vec<String> = t
            .split_whitespace()
            .map(|w| {
                let w: String = w
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                format!("\"{}\"", w.replace('"', "\"\""))
            })
            .collect();
        if !q.is_empty() {
            wheres.push("id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)");
            args.push(text(&q.join(" ")));
        }
    }
    Ok((wheres, args))
}

/// Rows looked at in date order before a filter is judged rare (see the module's notes).
const PROBE_ROWS: usize = 8000;

/// Matches of a helper-table condition (outlet, actor, weapon) from which it is checked row by
/// row (`EXISTS`, cheap when rows in date order match often) rather than as a list of events
/// (`IN`, cheap when the list is short).
const COMMON_MATCHES: usize = 4000;

/// A condition on a helper table (`table` with `event_id` and the value column `test`), in the
/// form that suits how many events match it.
fn helper_condition(
    conn: &Connection,
    table: &str,
    test: &str,
    value: &Value,
) -> rusqlite::Result<String> {
    let common: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {test} LIMIT {COMMON_MATCHES})"
        ))?
        .query_row([value], |r| r.get(0))?;
    Ok(if common as usize >= COMMON_MATCHES {
        format!("EXISTS (SELECT 1 FROM {table} h WHERE h.event_id = events.id AND h.{test})")
    } else {
        format!("id IN (SELECT event_id FROM {table} WHERE {test})")
    })
}

/// How a query walks the table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Walk {
    /// As SQLite plans it.
    Planned,
    /// Down the date index, no further than this position (included): a probe. A dated
    /// position, so that the walk is a range of the index.
    DateOrderTo(Option<Position>),
}

/// `position <= p` in result order (at or before `p`), as SQL over `date_start, id`.
fn at_or_before(p: Position, wheres: &mut Conds, args: &mut Vec<Value>) {
    match p.day {
        Some(d) => {
            wheres.push("(date_start > ? OR (date_start = ? AND id >= ?))");
            let d = Value::Text(d.to_string());
            args.extend([d.clone(), d, Value::Integer(p.row)]);
        }
        None => {
            wheres.push("(date_start IS NOT NULL OR id >= ?)");
            args.push(Value::Integer(p.row));
        }
    }
}

/// `position > p` in result order (after `p`), as SQL over `date_start, id`.
fn after(p: Position, wheres: &mut Conds, args: &mut Vec<Value>) {
    match p.day {
        Some(d) => {
            wheres.push("(date_start < ? OR (date_start = ? AND id < ?) OR date_start IS NULL)");
            let d = Value::Text(d.to_string());
            args.extend([d.clone(), d, Value::Integer(p.row)]);
        }
        None => {
            wheres.push("date_start IS NULL AND id < ?");
            args.push(Value::Integer(p.row));
        }
    }
}

/// The SQL selecting `columns` of the events matching `f` after its cursor, in result order,
/// with a `LIMIT` of `limit` when given, and its arguments.
fn select(
    conn: &Connection,
    f: &EventFilter,
    columns: &str,
    limit: Option<usize>,
) -> Result<(String, Vec<Value>), StoreError> {
    select_walk(conn, f, columns, limit, Walk::Planned)
}

fn select_walk(
    conn: &Connection,
    f: &EventFilter,
    columns: &str,
    limit: Option<usize>,
    walk: Walk,
) -> Result<(String, Vec<Value>), StoreError> {
    let (mut wheres, mut args) = conditions(conn, f).map_err(sql_err("query"))?;
    let mut sql = format!("SELECT {columns} FROM events");
    let cursor = f.cursor.as_deref().map(Position::parse).transpose()?;
    if let Walk::DateOrderTo(end) = walk {
        sql += " INDEXED BY events_date";
        if let Some(end) = end {
            // The same bounds as a range of days, which the index walks directly.
            if let Some(first) = end.day {
                let last = cursor
                    .and_then(|c| c.day)
                    .map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
                wheres.push("date_start BETWEEN ? AND ?");
                args.push(Value::Text(first.to_string()));
                args.push(Value::Text(last));
            }
            at_or_before(end, &mut wheres, &mut args);
        }
    }
    if let Some(c) = cursor {
        after(c, &mut wheres, &mut args);
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

/// Whether SQLite would sort the rows of this query rather than read them in order.
fn sorts(conn: &Connection, sql: &str, args: &[Value]) -> rusqlite::Result<bool> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let details: Vec<String> = stmt
        .query_map(params_from_iter(args), |r| r.get(3))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(details.iter().any(|d| d.contains("ORDER BY")))
}

/// The position of the `n`-th row (from 1) after the cursor in result order, `None` when
/// fewer rows follow it.
fn nth_position(
    conn: &Connection,
    f: &EventFilter,
    n: usize,
) -> Result<Option<Position>, StoreError> {
    let mut wheres = Conds::default();
    let mut args = Vec::new();
    if let Some(c) = &f.cursor {
        after(Position::parse(c)?, &mut wheres, &mut args);
    }
    let mut sql = "SELECT date_start, id FROM events INDEXED BY events_date".to_string();
    if !wheres.is_empty() {
        sql += " WHERE ";
        sql += &wheres.join(" AND ");
    }
    sql += &format!(
        " ORDER BY date_start DESC, id DESC LIMIT 1 OFFSET {}",
        n.saturating_sub(1)
    );
    let err = sql_err("query");
    let mut stmt = conn.prepare(&sql).map_err(&err)?;
    let mut rows = stmt.query(params_from_iter(args)).map_err(&err)?;
    match rows.next().map_err(&err)? {
        Some(row) => Ok(Some(position(row).map_err(&err)?)),
        None => Ok(None),
    }
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

/// The positions of the events matching `f` after its cursor, in result order: at most
/// `want` of them, or all when `want` is `None`, found by the walk `walk`.
fn positions(
    conn: &Connection,
    f: &EventFilter,
    want: Option<usize>,
    walk: Walk,
) -> Result<Vec<Position>, StoreError> {
    let err = sql_err("query");
    // Without `near`, SQL stops at the limit; with it, the distance is checked here first.
    let sql_limit = if f.near.is_none() { want } else { None };
    let (sql, args) = select_walk(conn, f, "date_start, id, lat, lon", sql_limit, walk)?;
    let mut stmt = conn.prepare(&sql).map_err(&err)?;
    let mut rows = stmt.query(params_from_iter(args)).map_err(&err)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(&err)? {
        if want.is_some_and(|w| out.len() >= w) {
            break;
        }
        if passes_near(f, row.get(2).map_err(&err)?, row.get(3).map_err(&err)?) {
            out.push(position(row).map_err(&err)?);
        }
    }
    Ok(out)
}

/// The positions of the first `want` matching events (all when `None`), by the fastest walk:
/// when SQLite would sort and a page is wanted, the next rows in date order are probed first.
fn first_positions(
    conn: &Connection,
    f: &EventFilter,
    want: Option<usize>,
) -> Result<Vec<Position>, StoreError> {
    let Some(n) = want else {
        return positions(conn, f, None, Walk::Planned);
    };
    let (sql, args) = select(conn, f, "date_start, id, lat, lon", Some(n))?;
    if !sorts(conn, &sql, &args).map_err(sql_err("query"))? {
        return positions(conn, f, want, Walk::Planned);
    }
    let end = nth_position(conn, f, PROBE_ROWS)?;
    if end.is_some_and(|e| e.day.is_none()) {
        // The probe would reach the undated events, which no day range bounds.
        return positions(conn, f, want, Walk::Planned);
    }
    let probed = positions(conn, f, want, Walk::DateOrderTo(end))?;
    if probed.len() >= n || end.is_none() {
        // The page is within the probed rows, or they were all the rows there are.
        return Ok(probed);
    }
    positions(conn, f, want, Walk::Planned)
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
    // One row more than the page, to know whether another page follows.
    let want = f.limit.map(|l| l.saturating_add(usize::from(want_next)));
    let mut found = first_positions(conn, f, want)?;
    let mut next = None;
    if let Some(limit) = f.limit {
        if found.len() > limit {
            found.truncate(limit);
            if want_next {
                next = found.last().map(|p| p.cursor());
            }
        }
    }
    let mut stmt = conn
        .prepare_cached("SELECT data FROM events WHERE id = ?1")
        .map_err(&err)?;
    let mut events = Vec::with_capacity(found.len());
    for p in &found {
        let data: String = stmt.query_row([p.row], |r| r.get(0)).map_err(&err)?;
        events.push(decode("a stored event", &data)?);
    }
    Ok(EventPage { events, next })
}

/// Summaries of the events matching `f`, from `event_summaries`: all of them in one pass,
/// or a page found as [`page`] finds it.
pub(super) fn summaries(
    conn: &Connection,
    name: &str,
    f: &EventFilter,
) -> Result<Vec<EventSummary>, StoreError> {
    let err = sql_err(name);
    let read = |data: &str| -> Result<EventSummary, StoreError> {
        serde_json::from_str(data).map_err(|e| StoreError::Decode {
            what: "an event summary".into(),
            source: e,
        })
    };
    let mut out = Vec::new();
    if f.limit.is_none() && f.cursor.is_none() {
        // The matching ids from the indexes, then their summaries in id order (near each other
        // in the table), then put in query order here.
        let (inner, args) = select(conn, f, "id", None)?;
        let inner = inner.replace(" ORDER BY date_start DESC, id DESC", "");
        let sql =
            format!("SELECT event_id, summary FROM event_summaries WHERE event_id IN ({inner})");
        let mut stmt = conn.prepare(&sql).map_err(&err)?;
        let mut rows = stmt.query(params_from_iter(args)).map_err(&err)?;
        let mut found: Vec<(i64, EventSummary)> = Vec::new();
        while let Some(row) = rows.next().map_err(&err)? {
            let data = row.get_ref(1).map_err(&err)?;
            let summary = read(data.as_str().map_err(|e| err(e.into()))?)?;
            if passes_near(f, summary.lat, summary.lon) {
                found.push((row.get(0).map_err(&err)?, summary));
            }
        }
        // Latest first, undated last, then the later stored first: the order of `events`.
        found.sort_unstable_by(|(ia, a), (ib, b)| match (a.start, b.start) {
            (Some(x), Some(y)) => y.cmp(&x).then(ib.cmp(ia)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => ib.cmp(ia),
        });
        return Ok(found.into_iter().map(|(_, s)| s).collect());
    }
    let mut stmt = conn
        .prepare_cached("SELECT summary FROM event_summaries WHERE event_id = ?1")
        .map_err(&err)?;
    for p in first_positions(conn, f, f.limit)? {
        let data: String = stmt.query_row([p.row], |r| r.get(0)).map_err(&err)?;
        out.push(read(&data)?);
    }
    Ok(out)
}

/// Events per day matching `f`, counted in the date index.
pub(super) fn day_counts(
    conn: &Connection,
    name: &str,
    f: &EventFilter,
) -> Result<DayCounts, StoreError> {
    let err = sql_err(name);
    let all = EventFilter {
        limit: None,
        cursor: None,
        ..f.clone()
    };
    let mut counts: Vec<(Option<String>, u64)> = Vec::new();
    if all.near.is_some() {
        for p in positions(conn, &all, None, Walk::Planned)? {
            let day = p.day.map(|d| d.to_string());
            match counts.last_mut() {
                Some((d, n)) if *d == day => *n += 1,
                _ => counts.push((day, 1)),
            }
        }
    } else {
        let (sql, args) = select(conn, &all, "date_start, count(*)", None)?;
        let sql = sql.replace(" ORDER BY date_start DESC, id DESC", " GROUP BY date_start");
        let mut stmt = conn.prepare(&sql).map_err(&err)?;
        counts = stmt
            .query_map(params_from_iter(args), |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? as u64))
            })
            .and_then(|rows| rows.collect())
            .map_err(&err)?;
    }
    let mut out = DayCounts::default();
    for (day, n) in counts {
        match day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
            Some(d) => out.days.push((d, n)),
            None => out.undated += n,
        }
    }
    out.days.sort();
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
