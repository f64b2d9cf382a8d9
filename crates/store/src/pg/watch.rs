//! The feed watcher's state in PostgreSQL ([`crate::WatchState`]): due feeds are claimed with
//! `FOR UPDATE SKIP LOCKED`, so watchers on several machines share one list without waiting
//! for each other or polling one feed twice at once; site slots are reserved by one upsert.

use super::{Fail, PgStore};
use crate::watch::{FeedLease, FeedResult, FeedStatus, WatchState};
use crate::StoreError;

impl WatchState for PgStore {
    fn add_feeds(&mut self, urls: &[String], now: f64) -> Result<(), StoreError> {
        let r = self.run(|conn, _, _| {
            conn.client.execute(
                "INSERT INTO feeds (url, next_due) SELECT u, $2 FROM unnest($1::text[]) u
                 ON CONFLICT (url) DO NOTHING",
                &[&urls, &now],
            )?;
            Ok(())
        });
        self.finish(r)
    }

    fn claim_feed(
        &mut self,
        urls: &[String],
        worker: &str,
        now: f64,
        lease: f64,
    ) -> Result<Option<FeedLease>, StoreError> {
        let r = self.run(|conn, _, _| {
            let row = conn.client.query_opt(
                "UPDATE feeds SET leased_by = $1, lease_until = $2::float8 + $3::float8, last_attempt = $2
                 WHERE url = (SELECT url FROM feeds
                              WHERE url = ANY($4) AND next_due <= $2
                                AND (lease_until IS NULL OR lease_until < $2)
                              ORDER BY next_due, url LIMIT 1
                              FOR UPDATE SKIP LOCKED)
                 RETURNING url, etag, last_modified, errors",
                &[&worker, &now, &lease, &urls],
            )?;
            Ok(row.map(|r| FeedLease {
                url: r.get(0),
                etag: r.get(1),
                last_modified: r.get(2),
                errors: r.get::<_, i32>(3).max(0) as u32,
            }))
        });
        self.finish(r)
    }

    fn finish_feed(&mut self, url: &str, now: f64, res: &FeedResult) -> Result<(), StoreError> {
        let (keep, etag, modified) = match &res.validators {
            Some((e, m)) => (false, e.clone(), m.clone()),
            None => (true, None, None),
        };
        let r = self.run(|conn, _, _| {
            conn.client.execute(
                "UPDATE feeds SET leased_by = NULL, lease_until = NULL, last_status = $2,
                    errors = $3, next_due = $4, items = items + $5, stored = stored + $6,
                    last_success = CASE WHEN $7 THEN $8 ELSE last_success END,
                    etag = CASE WHEN $9 THEN etag ELSE $10 END,
                    last_modified = CASE WHEN $9 THEN last_modified ELSE $11 END
                 WHERE url = $1",
                &[
                    &url,
                    &res.status,
                    &(res.errors.min(i32::MAX as u32) as i32),
                    &res.next_due,
                    &(res.new_items as i64),
                    &(res.stored as i64),
                    &res.ok,
                    &now,
                    &keep,
                    &etag,
                    &modified,
                ],
            )?;
            Ok(())
        });
        self.finish(r)
    }

    fn unseen_items(&mut self, urls: &[String]) -> Result<Vec<String>, StoreError> {
        let r = self.run(|conn, _, _| {
            let rows = conn.client.query(
                "SELECT u FROM unnest($1::text[]) WITH ORDINALITY AS t(u, n)
                 WHERE NOT EXISTS (SELECT 1 FROM feed_items f WHERE f.url = t.u)
                   AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.url = t.u)
                 ORDER BY n",
                &[&urls],
            )?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        });
        self.finish(r)
    }

    fn mark_items(&mut self, feed: &str, urls: &[String], now: f64) -> Result<(), StoreError> {
        let r = self.run(|conn, _, _| {
            conn.client.execute(
                "INSERT INTO feed_items (url, feed, first_seen)
                 SELECT u, $2, $3 FROM unnest($1::text[]) u ON CONFLICT (url) DO NOTHING",
                &[&urls, &feed, &now],
            )?;
            Ok(())
        });
        self.finish(r)
    }

    fn host_slot(&mut self, origin: &str, now: f64, gap: f64) -> Result<f64, StoreError> {
        let r = self.run(|conn, _, _| {
            let row = conn.client.query_one(
                "INSERT INTO hosts (origin, next_at) VALUES ($1, $2::float8 + $3::float8)
                 ON CONFLICT (origin) DO UPDATE
                     SET next_at = greatest(hosts.next_at, $2) + $3
                 RETURNING next_at - $3::float8",
                &[&origin, &now, &gap],
            )?;
            Ok(row.get(0))
        });
        self.finish(r)
    }

    fn robots(&mut self, origin: &str) -> Result<Option<(String, f64)>, StoreError> {
        let r = self.run(|conn, _, _| {
            let row = conn.client.query_opt(
                "SELECT robots, robots_fetched FROM hosts
                 WHERE origin = $1 AND robots IS NOT NULL AND robots_fetched IS NOT NULL",
                &[&origin],
            )?;
            Ok(row.map(|r| (r.get(0), r.get(1))))
        });
        self.finish(r)
    }

    fn set_robots(&mut self, origin: &str, text: &str, now: f64) -> Result<(), StoreError> {
        let r = self.run(|conn, _, _| {
            conn.client.execute(
                "INSERT INTO hosts (origin, next_at, robots, robots_fetched) VALUES ($1, 0, $2, $3)
                 ON CONFLICT (origin) DO UPDATE SET robots = $2, robots_fetched = $3",
                &[&origin, &text, &now],
            )?;
            Ok(())
        });
        self.finish(r)
    }

    fn feed_status(&mut self) -> Result<Vec<FeedStatus>, StoreError> {
        let r = self.run(|conn, _, _| {
            let rows = conn.client.query(
                "SELECT url, next_due, last_attempt, last_success, last_status, errors, items,
                    stored, leased_by, lease_until, etag IS NOT NULL OR last_modified IS NOT NULL
                 FROM feeds ORDER BY url",
                &[],
            )?;
            Ok(rows
                .iter()
                .map(|r| FeedStatus {
                    url: r.get(0),
                    next_due: r.get(1),
                    last_attempt: r.get(2),
                    last_success: r.get(3),
                    last_status: r.get(4),
                    errors: r.get::<_, i32>(5).max(0) as u32,
                    items: r.get::<_, i64>(6).max(0) as u64,
                    stored: r.get::<_, i64>(7).max(0) as u64,
                    leased_by: r.get(8),
                    lease_until: r.get(9),
                    has_validators: r.get(10),
                })
                .collect::<Vec<_>>())
        });
        self.finish::<Vec<FeedStatus>>(r.map_err(|e: Fail| e))
    }
}
