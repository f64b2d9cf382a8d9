//! The feed watcher's state, kept in the store so that a restarted watcher, or a second one on
//! another machine, goes on where the first left off.
//!
//! - Feeds ([`WatchState::claim_feed`], [`WatchState::finish_feed`]): a watcher claims one due
//!   feed at a time with a lease (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so watchers never wait
//!   for each other or take the same feed; SQLite: the claim is one `IMMEDIATE` transaction),
//!   polls it, and records the validators, the status, the error count and when the feed is
//!   due again. A watcher that dies leaves a lease that runs out.
//! - Items ([`WatchState::unseen_items`], [`WatchState::mark_items`]): an item is taken once,
//!   after its page is stored; one whose URL is a stored document is never fetched.
//! - Sites ([`WatchState::host_slot`], [`WatchState::robots`]): the next moment a request to a
//!   site may start, reserved atomically, so that all watchers together keep to the per-site
//!   rate; and each site's robots.txt with the time it was read.
//!
//! Times are Unix seconds (the caller's clock).

use crate::{AnyStore, SqliteStore, StoreError};
use rusqlite::{params, OptionalExtension};

/// A feed claimed for polling.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedLease {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Failed polls in a row before this one.
    pub errors: u32,
}

/// How a poll went.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedResult {
    /// What to show: `200`, `304`, `429`, `timeout`, `not a feed`, ...
    pub status: String,
    pub ok: bool,
    /// New validators to keep (from a 2xx answer); `None` keeps the old ones.
    pub validators: Option<(Option<String>, Option<String>)>,
    pub errors: u32,
    pub next_due: f64,
    /// Items seen for the first time, and documents stored from them.
    pub new_items: u64,
    pub stored: u64,
}

/// One feed as `sitrep watch --status` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedStatus {
    pub url: String,
    pub next_due: f64,
    pub last_attempt: Option<f64>,
    pub last_success: Option<f64>,
    pub last_status: Option<String>,
    pub errors: u32,
    pub items: u64,
    pub stored: u64,
    pub leased_by: Option<String>,
    pub lease_until: Option<f64>,
    pub has_validators: bool,
}

/// The feed watcher's state in a store.
pub trait WatchState {
    /// Adds feeds not yet known, due at `now`; known feeds keep their state.
    fn add_feeds(&mut self, urls: &[String], now: f64) -> Result<(), StoreError>;
    /// Claims the most overdue feed among `urls` that nobody holds, for `lease` seconds.
    fn claim_feed(
        &mut self,
        urls: &[String],
        worker: &str,
        now: f64,
        lease: f64,
    ) -> Result<Option<FeedLease>, StoreError>;
    /// Records a poll and gives the feed back.
    fn finish_feed(&mut self, url: &str, now: f64, result: &FeedResult) -> Result<(), StoreError>;
    /// The URLs (in the given order) that were never taken from a feed and are not the URL of
    /// a stored document.
    fn unseen_items(&mut self, urls: &[String]) -> Result<Vec<String>, StoreError>;
    /// Records items as taken.
    fn mark_items(&mut self, feed: &str, urls: &[String], now: f64) -> Result<(), StoreError>;
    /// Reserves the next request to `origin`, at least `gap` seconds after the previous one
    /// reserved by any watcher; returns when it may start.
    fn host_slot(&mut self, origin: &str, now: f64, gap: f64) -> Result<f64, StoreError>;
    /// The stored robots.txt of `origin` and when it was read.
    fn robots(&mut self, origin: &str) -> Result<Option<(String, f64)>, StoreError>;
    fn set_robots(&mut self, origin: &str, text: &str, now: f64) -> Result<(), StoreError>;
    /// Every feed, by URL.
    fn feed_status(&mut self) -> Result<Vec<FeedStatus>, StoreError>;
}

fn urls_json(urls: &[String]) -> String {
    serde_json::to_string(urls).unwrap_or_else(|_| "[]".into())
}

impl WatchState for SqliteStore {
    fn add_feeds(&mut self, urls: &[String], now: f64) -> Result<(), StoreError> {
        let sql = self.err();
        self.conn
            .execute(
                "INSERT OR IGNORE INTO feeds (url, next_due) SELECT value, ?2 FROM json_each(?1)",
                params![urls_json(urls), now],
            )
            .map_err(sql)?;
        Ok(())
    }

    fn claim_feed(
        &mut self,
        urls: &[String],
        worker: &str,
        now: f64,
        lease: f64,
    ) -> Result<Option<FeedLease>, StoreError> {
        let path = self.name().to_string();
        let name = move |e| StoreError::Sqlite {
            path: path.clone(),
            source: e,
        };
        // IMMEDIATE: the claim holds the write lock from its first read, so two watchers
        // never read the same free feed.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(&name)?;
        let found: Option<FeedLease> = tx
            .query_row(
                "SELECT url, etag, last_modified, errors FROM feeds
                 WHERE url IN (SELECT value FROM json_each(?1)) AND next_due <= ?2
                   AND (lease_until IS NULL OR lease_until < ?2)
                 ORDER BY next_due, url LIMIT 1",
                params![urls_json(urls), now],
                |r| {
                    Ok(FeedLease {
                        url: r.get(0)?,
                        etag: r.get(1)?,
                        last_modified: r.get(2)?,
                        errors: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(&name)?;
        if let Some(f) = &found {
            tx.execute(
                "UPDATE feeds SET leased_by = ?2, lease_until = ?3, last_attempt = ?4 WHERE url = ?1",
                params![f.url, worker, now + lease, now],
            )
            .map_err(&name)?;
        }
        tx.commit().map_err(&name)?;
        Ok(found)
    }

    fn finish_feed(&mut self, url: &str, now: f64, r: &FeedResult) -> Result<(), StoreError> {
        let sql = self.err();
        let (keep, etag, modified) = match &r.validators {
            Some((e, m)) => (false, e.clone(), m.clone()),
            None => (true, None, None),
        };
        self.conn
            .execute(
                "UPDATE feeds SET leased_by = NULL, lease_until = NULL, last_status = ?2,
                    errors = ?3, next_due = ?4, items = items + ?5, stored = stored + ?6,
                    last_success = CASE WHEN ?7 THEN ?8 ELSE last_success END,
                    etag = CASE WHEN ?9 THEN etag ELSE ?10 END,
                    last_modified = CASE WHEN ?9 THEN last_modified ELSE ?11 END
                 WHERE url = ?1",
                params![
                    url,
                    r.status,
                    r.errors,
                    r.next_due,
                    r.new_items as i64,
                    r.stored as i64,
                    r.ok,
                    now,
                    keep,
                    etag,
                    modified
                ],
            )
            .map_err(sql)?;
        Ok(())
    }

    fn unseen_items(&mut self, urls: &[String]) -> Result<Vec<String>, StoreError> {
        let sql = self.err();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT NOT EXISTS (SELECT 1 FROM feed_items WHERE url = ?1)
                    AND NOT EXISTS (SELECT 1 FROM documents WHERE url = ?1)",
            )
            .map_err(&sql)?;
        let mut out = Vec::new();
        for u in urls {
            if stmt.query_row([u], |r| r.get::<_, bool>(0)).map_err(&sql)? {
                out.push(u.clone());
            }
        }
        Ok(out)
    }

    fn mark_items(&mut self, feed: &str, urls: &[String], now: f64) -> Result<(), StoreError> {
        let sql = self.err();
        self.conn
            .execute(
                "INSERT OR IGNORE INTO feed_items (url, feed, first_seen)
                 SELECT value, ?2, ?3 FROM json_each(?1)",
                params![urls_json(urls), feed, now],
            )
            .map_err(sql)?;
        Ok(())
    }

    fn host_slot(&mut self, origin: &str, now: f64, gap: f64) -> Result<f64, StoreError> {
        let path = self.name().to_string();
        let name = move |e| StoreError::Sqlite {
            path: path.clone(),
            source: e,
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(&name)?;
        let next: Option<f64> = tx
            .query_row(
                "SELECT next_at FROM hosts WHERE origin = ?1",
                [origin],
                |r| r.get(0),
            )
            .optional()
            .map_err(&name)?;
        let start = next.map_or(now, |n| n.max(now));
        tx.execute(
            "INSERT INTO hosts (origin, next_at) VALUES (?1, ?2)
             ON CONFLICT (origin) DO UPDATE SET next_at = excluded.next_at",
            params![origin, start + gap],
        )
        .map_err(&name)?;
        tx.commit().map_err(&name)?;
        Ok(start)
    }

    fn robots(&mut self, origin: &str) -> Result<Option<(String, f64)>, StoreError> {
        let sql = self.err();
        let r: Option<(Option<String>, Option<f64>)> = self
            .conn
            .query_row(
                "SELECT robots, robots_fetched FROM hosts WHERE origin = ?1",
                [origin],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(sql)?;
        Ok(r.and_then(|(t, f)| Some((t?, f?))))
    }

    fn set_robots(&mut self, origin: &str, text: &str, now: f64) -> Result<(), StoreError> {
        let sql = self.err();
        self.conn
            .execute(
                "INSERT INTO hosts (origin, next_at, robots, robots_fetched) VALUES (?1, 0, ?2, ?3)
                 ON CONFLICT (origin) DO UPDATE SET robots = ?2, robots_fetched = ?3",
                params![origin, text, now],
            )
            .map_err(sql)?;
        Ok(())
    }

    fn feed_status(&mut self) -> Result<Vec<FeedStatus>, StoreError> {
        let sql = self.err();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT url, next_due, last_attempt, last_success, last_status, errors, items,
                    stored, leased_by, lease_until, etag IS NOT NULL OR last_modified IS NOT NULL
                 FROM feeds ORDER BY url",
            )
            .map_err(&sql)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(FeedStatus {
                    url: r.get(0)?,
                    next_due: r.get(1)?,
                    last_attempt: r.get(2)?,
                    last_success: r.get(3)?,
                    last_status: r.get(4)?,
                    errors: r.get(5)?,
                    items: r.get::<_, i64>(6)? as u64,
                    stored: r.get::<_, i64>(7)? as u64,
                    leased_by: r.get(8)?,
                    lease_until: r.get(9)?,
                    has_validators: r.get(10)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(&sql)?;
        Ok(rows)
    }
}

impl AnyStore {
    fn watch(&mut self) -> &mut dyn WatchState {
        match self {
            AnyStore::Sqlite(s) => s,
            AnyStore::Postgres(s) => s.as_mut(),
        }
    }
}

impl WatchState for AnyStore {
    fn add_feeds(&mut self, urls: &[String], now: f64) -> Result<(), StoreError> {
        self.watch().add_feeds(urls, now)
    }
    fn claim_feed(
        &mut self,
        urls: &[String],
        worker: &str,
        now: f64,
        lease: f64,
    ) -> Result<Option<FeedLease>, StoreError> {
        self.watch().claim_feed(urls, worker, now, lease)
    }
    fn finish_feed(&mut self, url: &str, now: f64, result: &FeedResult) -> Result<(), StoreError> {
        self.watch().finish_feed(url, now, result)
    }
    fn unseen_items(&mut self, urls: &[String]) -> Result<Vec<String>, StoreError> {
        self.watch().unseen_items(urls)
    }
    fn mark_items(&mut self, feed: &str, urls: &[String], now: f64) -> Result<(), StoreError> {
        self.watch().mark_items(feed, urls, now)
    }
    fn host_slot(&mut self, origin: &str, now: f64, gap: f64) -> Result<f64, StoreError> {
        self.watch().host_slot(origin, now, gap)
    }
    fn robots(&mut self, origin: &str) -> Result<Option<(String, f64)>, StoreError> {
        self.watch().robots(origin)
    }
    fn set_robots(&mut self, origin: &str, text: &str, now: f64) -> Result<(), StoreError> {
        self.watch().set_robots(origin, text, now)
    }
    fn feed_status(&mut self) -> Result<Vec<FeedStatus>, StoreError> {
        self.watch().feed_status()
    }
}

/// The behaviour every [`WatchState`] must have, for two handles on one store: two watchers
/// never hold the same feed, a lease that runs out frees the feed, the validators and counts
/// of a poll are kept, sites' request slots are spaced whoever asks, robots.txt is kept, and
/// taken items are not offered again.
pub fn check_feed_queue(a: &mut dyn WatchState, b: &mut dyn WatchState) {
    {
        let feeds: Vec<String> = (0..3)
            .map(|i| format!("https://f{i}.example/rss"))
            .collect();
        a.add_feeds(&feeds, 100.0).unwrap();
        b.add_feeds(&feeds, 200.0).unwrap();
        let x = a.claim_feed(&feeds, "a", 150.0, 60.0).unwrap().unwrap();
        let y = b.claim_feed(&feeds, "b", 150.0, 60.0).unwrap().unwrap();
        let z = a.claim_feed(&feeds, "a", 150.0, 60.0).unwrap().unwrap();
        let mut got = vec![x.url.clone(), y.url.clone(), z.url.clone()];
        got.sort();
        assert_eq!(got, feeds, "each feed is claimed once");
        assert_eq!(b.claim_feed(&feeds, "b", 150.0, 60.0).unwrap(), None);
        let done = |validators| FeedResult {
            status: "200".into(),
            ok: true,
            validators,
            errors: 0,
            next_due: 1000.0,
            new_items: 3,
            stored: 2,
        };
        a.finish_feed(&x.url, 160.0, &done(Some((Some("\"v1\"".into()), None))))
            .unwrap();
        a.finish_feed(&z.url, 160.0, &done(None)).unwrap();
        // `y`'s watcher died: after its lease, another takes the feed.
        assert_eq!(b.claim_feed(&feeds, "b", 205.0, 60.0).unwrap(), None);
        assert_eq!(
            a.claim_feed(&feeds, "a", 215.0, 60.0).unwrap().unwrap().url,
            y.url
        );
        let s = b
            .feed_status()
            .unwrap()
            .into_iter()
            .find(|f| f.url == x.url)
            .unwrap();
        assert!(s.has_validators && s.leased_by.is_none());
        assert_eq!((s.items, s.stored, s.next_due), (3, 2, 1000.0));
        let again = b
            .claim_feed(std::slice::from_ref(&x.url), "b", 1001.0, 60.0)
            .unwrap()
            .unwrap();
        assert_eq!(again.etag.as_deref(), Some("\"v1\""));
        // Sites: slots spaced by the gap whoever asks; robots.txt kept.
        let s1 = a.host_slot("https://f0.example", 50.0, 2.0).unwrap();
        let s2 = b.host_slot("https://f0.example", 50.5, 2.0).unwrap();
        let s3 = a.host_slot("https://f0.example", 60.0, 2.0).unwrap();
        assert_eq!((s1, s2, s3), (50.0, 52.0, 60.0));
        b.set_robots("https://f0.example", "User-agent: *\nDisallow: /x", 70.0)
            .unwrap();
        assert_eq!(
            a.robots("https://f0.example").unwrap(),
            Some(("User-agent: *\nDisallow: /x".into(), 70.0))
        );
        assert_eq!(a.robots("https://none.example").unwrap(), None);
        // Items.
        let items: Vec<String> = (0..3).map(|i| format!("https://f0.example/{i}")).collect();
        assert_eq!(a.unseen_items(&items).unwrap(), items);
        a.mark_items(&x.url, &items[..2], 80.0).unwrap();
        assert_eq!(b.unseen_items(&items).unwrap(), items[2..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_watchers_share_the_feed_list() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let mut a = SqliteStore::open(&path).unwrap();
        let mut b = SqliteStore::open(&path).unwrap();
        check_feed_queue(&mut a, &mut b);
    }
}
