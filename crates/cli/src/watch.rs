//! `sitrep watch`: polls feeds, sitemaps and URL lists politely and ingests each new item's
//! page, forever or once (`--once`); `--status` shows every feed's state.
//!
//! Politeness: a user agent naming the program ([`sitrep_ingest::USER_AGENT`]); conditional
//! requests with the validators of the last good answer; robots.txt read per site (kept a day),
//! its `Disallow` rules obeyed and its `Crawl-delay` added to the per-site gap; at most one
//! request per site per gap across all watchers of one store; `Retry-After` obeyed (a short
//! one is waited for within the poll, a long one postpones the feed); exponential back-off
//! after failures. A feed that hangs, fails or serves garbage costs only its own poll.
//!
//! The state (validators, schedule, errors, taken items, site slots, robots.txt) lives in the
//! store ([`sitrep_store::WatchState`]), so a restarted watcher does not fetch again what it
//! had, and several watchers share one list: each claims one due feed at a time.

use crate::pipeline::Pipeline;
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use sitrep_ingest::list::{read_list, Listed};
use sitrep_ingest::robots::{origin_of, path_of, Robots};
use sitrep_ingest::{Answer, Conditional, Fetcher, Hints, IngestOptions, Payload, RawDoc};
use sitrep_model::{DocId, DocumentRecord};
use sitrep_store::{AnyStore, FeedResult, Store, TextHashes, WatchState};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug, Clone)]
pub struct WatchArgs {
    /// Database file or postgres:// URL (default: $SITREP_DB, else sitrep/sitrep.db in the
    /// user's data directory).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// A file listing the feeds to watch, one URL a line (`#` starts a comment): RSS or Atom
    /// feeds, sitemaps (also news sitemaps and sitemap indexes) or plain lists of URLs.
    #[arg(required_unless_present = "status")]
    pub feeds: Option<PathBuf>,
    /// Poll every due feed once, then exit.
    #[arg(long)]
    pub once: bool,
    /// Show every feed's state and exit.
    #[arg(long)]
    pub status: bool,
    /// Minutes between two polls of one feed.
    #[arg(long, default_value_t = 15.0)]
    pub interval: f64,
    /// Seconds between two requests to one site (robots.txt may ask for more).
    #[arg(long, default_value_t = 2.0)]
    pub host_delay: f64,
    /// Seconds after which a request is given up.
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// The longest `Retry-After` (seconds) waited for within a poll; a longer one postpones
    /// the item or the feed to a later poll.
    #[arg(long, default_value_t = 60.0)]
    pub max_wait: f64,
    /// New items fetched per poll of one feed at most; the rest wait for the next poll.
    #[arg(long, default_value_t = 200)]
    pub max_items: usize,
}

/// robots.txt is read again after this long.
const ROBOTS_TTL: f64 = 24.0 * 3600.0;
/// The longest back-off after failures.
const MAX_BACKOFF: f64 = 6.0 * 3600.0;
/// Nested sitemaps read per poll at most.
const MAX_SITEMAPS: usize = 20;

fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

fn secs(d: f64) -> Duration {
    Duration::from_secs_f64(d.clamp(0.0, 1e9))
}

/// The feed URLs of a list file; a line that is not a URL is an error naming its line.
pub fn read_feed_list(path: &std::path::Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the feed list {}", path.display()))?;
    let mut urls = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if !sitrep_ingest::is_url(line) || origin_of(line).is_none() {
            bail!(
                "{}:{}: {line:?} is not an http(s) URL",
                path.display(),
                n + 1
            );
        }
        if !urls.iter().any(|u| u == line) {
            urls.push(line.to_string());
        }
    }
    if urls.is_empty() {
        bail!("{}: lists no feed", path.display());
    }
    Ok(urls)
}

/// The watcher's name in leases: host and process.
fn worker_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into());
    format!("{host}:{}", std::process::id())
}

/// One watcher: the store, the client and the settings.
struct Watcher<'a> {
    store: AnyStore,
    fetcher: Fetcher,
    pipeline: &'a Pipeline,
    args: &'a WatchArgs,
}

/// Why a request did not give a body.
enum Miss {
    /// Robots.txt forbids the path.
    Disallowed,
    /// The server answered with this status (and Retry-After).
    Status(u16, Option<Duration>),
    /// The request failed (unreachable, timed out, cut off).
    Failed(String),
}

impl Watcher<'_> {
    /// The rules of `origin`, from the store or read again when older than a day.
    fn robots(&mut self, origin: &str) -> Result<Robots> {
        let t = now();
        if let Some((text, fetched)) = self.store.robots(origin)? {
            if t - fetched < ROBOTS_TTL {
                return Ok(Robots::parse(&text, "sitrep"));
            }
        }
        self.wait_for_slot(origin, self.args.host_delay)?;
        let url = format!("{origin}/robots.txt");
        let text = match self.fetcher.get(&url, &Conditional::default()) {
            Ok(Answer::Body { body, .. }) => String::from_utf8_lossy(&body).into_owned(),
            // No robots.txt: everything is allowed.
            Ok(Answer::Status { code, .. }) if (400..500).contains(&code) && code != 429 => {
                String::new()
            }
            // The site is failing or refusing: fetch nothing from it for now.
            _ => return Ok(Robots::disallow_all()),
        };
        self.store.set_robots(origin, &text, now())?;
        Ok(Robots::parse(&text, "sitrep"))
    }

    /// Waits until this watcher may send the next request to `origin`.
    fn wait_for_slot(&mut self, origin: &str, gap: f64) -> Result<()> {
        let t = now();
        let start = self.store.host_slot(origin, t, gap)?;
        if start > t {
            std::thread::sleep(secs(start - t));
        }
        Ok(())
    }

    /// GETs `url` politely: robots.txt, the site's gap, and one retry after a short
    /// `Retry-After`.
    fn get(&mut self, url: &str, cond: &Conditional) -> Result<std::result::Result<Answer, Miss>> {
        let Some(origin) = origin_of(url).map(str::to_string) else {
            return Ok(Err(Miss::Failed("not an http(s) URL".into())));
        };
        let robots = self.robots(&origin)?;
        if !robots.allowed(path_of(url)) {
            return Ok(Err(Miss::Disallowed));
        }
        let gap = self
            .args
            .host_delay
            .max(robots.crawl_delay.map_or(0.0, |d| d.as_secs_f64()));
        let mut retried = false;
        loop {
            self.wait_for_slot(&origin, gap)?;
            match self.fetcher.get(url, cond) {
                Ok(Answer::Status { code, retry_after }) if matches!(code, 429 | 503) => {
                    let wait = retry_after.map(|d| d.as_secs_f64());
                    match wait {
                        Some(w) if !retried && w <= self.args.max_wait => {
                            retried = true;
                            // The site asked for a pause: no request to it before then.
                            self.store.host_slot(&origin, now(), w)?;
                            std::thread::sleep(secs(w));
                        }
                        _ => return Ok(Err(Miss::Status(code, retry_after))),
                    }
                }
                Ok(Answer::Status { code, retry_after }) => {
                    return Ok(Err(Miss::Status(code, retry_after)))
                }
                Ok(a) => return Ok(Ok(a)),
                Err(e) => return Ok(Err(Miss::Failed(e.to_string()))),
            }
        }
    }

    /// When a feed with `errors` failures in a row is due again.
    fn backoff(&self, errors: u32, retry_after: Option<Duration>) -> f64 {
        let base = (self.args.interval * 60.0).max(60.0);
        let wait = (base * 2f64.powi(errors.min(16) as i32)).min(MAX_BACKOFF);
        now() + retry_after.map_or(wait, |r| r.as_secs_f64().max(1.0))
    }

    /// Polls one claimed feed and records how it went; returns the line to show.
    fn poll(&mut self, lease: sitrep_store::FeedLease) -> Result<String> {
        let started = Instant::now();
        let cond = Conditional {
            etag: lease.etag.clone(),
            last_modified: lease.last_modified.clone(),
        };
        let next = now() + self.args.interval * 60.0;
        let prefix = format!("{}: ", lease.url);
        let fail = |this: &Self, status: String, retry: Option<Duration>| FeedResult {
            status: status
                .strip_prefix(&prefix)
                .map_or(status.clone(), str::to_string),
            ok: false,
            validators: None,
            errors: lease.errors + 1,
            next_due: this.backoff(lease.errors, retry),
            new_items: 0,
            stored: 0,
        };
        let result = match self.get(&lease.url, &cond)? {
            Err(Miss::Disallowed) => FeedResult {
                status: "disallowed by robots.txt".into(),
                ok: false,
                validators: None,
                errors: lease.errors,
                next_due: next,
                new_items: 0,
                stored: 0,
            },
            Err(Miss::Status(code, retry)) => fail(self, format!("HTTP {code}"), retry),
            Err(Miss::Failed(e)) => fail(self, e, None),
            Ok(Answer::NotModified) => FeedResult {
                status: "304 not modified".into(),
                ok: true,
                validators: None,
                errors: 0,
                next_due: next,
                new_items: 0,
                stored: 0,
            },
            Ok(Answer::Status { .. }) => fail(self, "unexpected answer".into(), None),
            Ok(Answer::Body {
                body, validators, ..
            }) => match read_list(&body, &lease.url) {
                Err(e) => fail(self, e.to_string(), None),
                Ok(items) => {
                    let items = self.expand(items)?;
                    let (new_items, stored) = self.take(&lease.url, items)?;
                    FeedResult {
                        status: "200".into(),
                        ok: true,
                        validators: Some((validators.etag, validators.last_modified)),
                        errors: 0,
                        next_due: next,
                        new_items,
                        stored,
                    }
                }
            },
        };
        self.store.finish_feed(&lease.url, now(), &result)?;
        Ok(format!(
            "{}: {}; {} new items, {} stored ({:.1} s)",
            lease.url,
            result.status,
            result.new_items,
            result.stored,
            started.elapsed().as_secs_f64()
        ))
    }

    /// The pages of nested sitemaps added to the list.
    fn expand(&mut self, items: Vec<Listed>) -> Result<Vec<Listed>> {
        let mut out = Vec::new();
        let mut nested = 0;
        for it in items {
            match it {
                Listed::Sitemap(url) if nested < MAX_SITEMAPS => {
                    nested += 1;
                    if let Ok(Answer::Body { body, .. }) =
                        self.get(&url, &Conditional::default())?
                    {
                        if let Ok(inner) = read_list(&body, &url) {
                            out.extend(
                                inner
                                    .into_iter()
                                    .filter(|i| !matches!(i, Listed::Sitemap(_))),
                            );
                        }
                    }
                }
                Listed::Sitemap(_) => {}
                other => out.push(other),
            }
        }
        Ok(out)
    }

    /// Fetches the pages of the items not taken before, stores them, and records them as
    /// taken. Returns (new items, documents stored).
    fn take(&mut self, feed: &str, items: Vec<Listed>) -> Result<(u64, u64)> {
        let key = |i: &Listed| match i {
            Listed::Item(raw) => raw.hints.url.clone().unwrap_or_else(|| raw.id.0.clone()),
            other => other.url().unwrap_or_default().to_string(),
        };
        let keys: Vec<String> = items.iter().map(key).collect();
        let unseen = self.store.unseen_items(&keys)?;
        let mut raws: Vec<RawDoc> = Vec::new();
        let mut taken: Vec<String> = Vec::new();
        for (item, k) in items.into_iter().zip(keys) {
            if raws.len() >= self.args.max_items {
                break;
            }
            if !unseen.contains(&k) {
                continue;
            }
            let url = item.url().map(str::to_string);
            let page = match &url {
                Some(u) => self.get(u, &Conditional::default())?,
                None => Err(Miss::Failed("no link".into())),
            };
            match (item, page) {
                (Listed::Item(mut raw), page) => {
                    match page {
                        Ok(Answer::Body {
                            body, content_type, ..
                        }) => {
                            raw.payload = Payload::Html(body);
                            raw.hints.content_type = content_type;
                        }
                        Ok(_) | Err(Miss::Disallowed) => {}
                        Err(Miss::Status(c, _)) => raw
                            .errors
                            .push(format!("{}: HTTP {c}; used the item's own content", raw.id)),
                        Err(Miss::Failed(e)) => {
                            raw.errors.push(format!("{e}; used the item's own content"))
                        }
                    }
                    raws.push(*raw);
                    taken.push(k);
                }
                (
                    Listed::Page {
                        url,
                        published,
                        title,
                    },
                    Ok(Answer::Body {
                        body, content_type, ..
                    }),
                ) => {
                    raws.push(RawDoc {
                        id: DocId(url.clone()),
                        input: url.clone(),
                        payload: Payload::Html(body),
                        hints: Hints {
                            url: Some(url),
                            title,
                            published,
                            content_type,
                            ..Hints::default()
                        },
                        errors: vec![],
                    });
                    taken.push(k);
                }
                // A page robots.txt forbids is never fetched: taken as it is.
                (Listed::Page { .. }, Err(Miss::Disallowed)) => taken.push(k),
                // A page that failed is tried again at the next poll.
                _ => {}
            }
        }
        let new_items = taken.len() as u64;
        let records: Vec<DocumentRecord> = raws
            .into_par_iter()
            .map(|raw| self.pipeline.process(raw))
            .filter(|r| !r.document.text.trim().is_empty())
            .collect();
        let hashes: Vec<TextHashes> = records
            .par_iter()
            .map(|r| TextHashes::of(&r.document.text))
            .collect();
        let docs: Vec<(&DocumentRecord, &TextHashes)> = records.iter().zip(&hashes).collect();
        let outcomes = self.store.ingest_batch_hashed(&docs)?;
        let stored = outcomes.iter().filter(|o| !o.is_duplicate()).count() as u64;
        self.store.mark_items(feed, &taken, now())?;
        Ok((new_items, stored))
    }
}

/// `sitrep watch`.
pub fn run(args: WatchArgs, places: sitrep_recognise::places::Gazetteer) -> Result<bool> {
    let mut store = crate::db::open_for_writing(args.db.as_deref())?;
    if args.status {
        print_status(&mut store)?;
        return Ok(true);
    }
    let Some(list) = &args.feeds else {
        bail!("name the file listing the feeds to watch");
    };
    for (flag, v) in [
        ("--interval", args.interval),
        ("--host-delay", args.host_delay),
        ("--max-wait", args.max_wait),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            bail!("{flag} must be a number of at least 0");
        }
    }
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    let urls = read_feed_list(list)?;
    store.add_feeds(&urls, now())?;
    let pipeline = Pipeline::new(IngestOptions::default(), true, places);
    let mut w = Watcher {
        store,
        fetcher: Fetcher::new(secs(args.timeout)),
        pipeline: &pipeline,
        args: &args,
    };
    let me = worker_name();
    // Long enough for the slowest poll: every item's page, at the site gap, with a timeout.
    let lease = 600.0 + (args.max_items as f64) * (args.timeout + args.host_delay + 1.0);
    let mut remaining = urls.clone();
    let mut clean = true;
    loop {
        match w.store.claim_feed(&remaining, &me, now(), lease)? {
            Some(l) => {
                let url = l.url.clone();
                match w.poll(l) {
                    Ok(line) => eprintln!("sitrep: watch: {line}"),
                    Err(e) => {
                        clean = false;
                        eprintln!("sitrep: watch: {url}: {e:#}");
                    }
                }
                if args.once {
                    remaining.retain(|u| *u != url);
                }
            }
            None if args.once => break,
            None => {
                // Sleep until the next feed of the list is due (or a minute, to notice
                // feeds another watcher gave back).
                let next = w
                    .store
                    .feed_status()?
                    .into_iter()
                    .filter(|f| urls.contains(&f.url))
                    .map(|f| f.next_due.max(f.lease_until.unwrap_or(0.0)))
                    .fold(f64::INFINITY, f64::min);
                let wait = (next - now()).clamp(1.0, 60.0);
                std::thread::sleep(secs(wait));
            }
        }
    }
    let stats = w.store.stats()?;
    eprintln!(
        "sitrep: watch: the record holds {} documents and {} events",
        stats.documents, stats.events
    );
    Ok(clean)
}

/// A duration from now, for people: "in 4 min", "12 s ago".
fn relative(t: Option<f64>, now: f64) -> String {
    let Some(t) = t else { return "-".into() };
    let d = t - now;
    let a = d.abs();
    let s = if a < 90.0 {
        format!("{a:.0} s")
    } else if a < 5400.0 {
        format!("{:.0} min", a / 60.0)
    } else if a < 129_600.0 {
        format!("{:.1} h", a / 3600.0)
    } else {
        format!("{:.1} d", a / 86_400.0)
    };
    if d >= 0.0 {
        format!("in {s}")
    } else {
        format!("{s} ago")
    }
}

fn print_status(store: &mut AnyStore) -> Result<()> {
    let feeds = store.feed_status()?;
    let t = now();
    println!(
        "{:<48} {:<26} {:>4} {:>6} {:>6} {:<12} {:<12} HOLDER",
        "FEED", "LAST STATUS", "ERR", "ITEMS", "STORED", "LAST OK", "NEXT"
    );
    for f in &feeds {
        let holder = match (&f.leased_by, f.lease_until) {
            (Some(w), Some(u)) if u > t => w.clone(),
            _ => "-".into(),
        };
        let mut status = f
            .last_status
            .clone()
            .unwrap_or_else(|| "never polled".into());
        if status.chars().count() > 26 {
            status = status.chars().take(25).collect::<String>() + "…";
        }
        let mut url = f.url.clone();
        if url.chars().count() > 48 {
            url = url.chars().take(47).collect::<String>() + "…";
        }
        println!(
            "{url:<48} {status:<26} {:>4} {:>6} {:>6} {:<12} {:<12} {holder}",
            f.errors,
            f.items,
            f.stored,
            relative(f.last_success, t),
            relative(Some(f.next_due), t),
        );
    }
    println!("{} feeds", feeds.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feed_list_names_a_bad_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("feeds.txt");
        std::fs::write(
            &p,
            "# wires\nhttps://a.example/rss\n\nhttps://a.example/rss  # twice\nftp://b.example/x\n",
        )
        .unwrap();
        let e = format!("{:#}", read_feed_list(&p).unwrap_err());
        assert!(
            e.ends_with("feeds.txt:5: \"ftp://b.example/x\" is not an http(s) URL"),
            "{e}"
        );
        std::fs::write(&p, "https://a.example/rss\nhttps://a.example/rss # again\n").unwrap();
        assert_eq!(read_feed_list(&p).unwrap(), ["https://a.example/rss"]);
        std::fs::write(&p, "# nothing\n").unwrap();
        assert!(read_feed_list(&p).is_err());
    }

    #[test]
    fn times_read_as_people_say_them() {
        assert_eq!(relative(Some(130.0), 100.0), "in 30 s");
        assert_eq!(relative(Some(100.0), 400.0), "5 min ago");
        assert_eq!(relative(None, 1.0), "-");
    }
}
