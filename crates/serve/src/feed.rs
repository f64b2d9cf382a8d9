//! The store's change feed, followed for every listener at once.
//!
//! One thread ([`Feed::start`]) asks the store for its latest change number every poll
//! interval (one indexed lookup), and when it moved, reads the new entries in order and
//! broadcasts them. So changes made by any writer of the store appear, not only this server's
//! own; the server's own ingest also wakes the thread at once.
//!
//! A listener ([`Follower`]) subscribes to the broadcast and keeps the number of the last entry
//! it handled. Whenever it may have missed entries (it starts from an earlier number, or fell
//! so far behind that the broadcast dropped entries for it), it reads them from the store, so
//! it sees every entry exactly once, in order, and a slow listener never slows anybody else.

use crate::error::ApiError;
use crate::stores::Stores;
use sitrep_store::{Change, Store};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::broadcast;

/// One entry of the feed as listeners share it: the change, and its event's JSON, made once
/// for all of them when the first one needs it.
pub struct Entry {
    pub change: Change,
    json: OnceLock<String>,
}

impl Entry {
    fn new(change: Change) -> Arc<Entry> {
        Arc::new(Entry {
            change,
            json: OnceLock::new(),
        })
    }

    pub fn seq(&self) -> u64 {
        self.change.seq
    }

    /// The event as JSON.
    pub fn json(&self) -> &str {
        self.json.get_or_init(|| {
            serde_json::to_string(&self.change.event).unwrap_or_else(|_| "null".into())
        })
    }
}

/// Entries read from the store at a time.
const PAGE: usize = 500;

pub struct Feed {
    tx: broadcast::Sender<Arc<Entry>>,
    /// The number of the last entry broadcast.
    latest: Arc<AtomicU64>,
    wake: Mutex<mpsc::Sender<()>>,
}

impl Feed {
    /// Starts following the store on a thread of its own, from its latest change, keeping
    /// `buffer` entries for listeners that are behind. The thread ends when the feed is
    /// dropped.
    pub fn start(
        store: Box<dyn Store + Send>,
        poll: Duration,
        buffer: usize,
    ) -> Result<Feed, ApiError> {
        let start = store.latest_change()?;
        let (tx, _) = broadcast::channel(buffer.max(1));
        let latest = Arc::new(AtomicU64::new(start));
        let (wake_tx, wake_rx) = mpsc::channel::<()>();
        let sender = tx.clone();
        let seen = Arc::clone(&latest);
        std::thread::Builder::new()
            .name("sitrep-feed".into())
            .spawn(move || follow(store, poll, wake_rx, sender, seen))
            .map_err(|e| ApiError::Internal(format!("could not start the feed thread: {e}")))?;
        Ok(Feed {
            tx,
            latest,
            wake: Mutex::new(wake_tx),
        })
    }

    /// Asks the thread to look at the store now (after this server wrote to it).
    pub fn wake(&self) {
        if let Ok(w) = self.wake.lock() {
            let _ = w.send(());
        }
    }

    /// The number of the last entry broadcast.
    pub fn latest(&self) -> u64 {
        self.latest.load(Ordering::SeqCst)
    }

    /// A listener that gets every entry after `after` (after the latest broadcast one when
    /// `None`).
    pub fn follow(&self, after: Option<u64>) -> Follower {
        // Subscribe first: whatever is broadcast from now on reaches the listener, and what
        // was broadcast before is in the store.
        let rx = self.tx.subscribe();
        let latest = self.latest();
        let cursor = after.unwrap_or(latest);
        Follower {
            rx,
            cursor,
            replaying: cursor < latest,
        }
    }
}

/// The body of the feed thread.
fn follow(
    store: Box<dyn Store + Send>,
    poll: Duration,
    wake: mpsc::Receiver<()>,
    tx: broadcast::Sender<Arc<Entry>>,
    latest: Arc<AtomicU64>,
) {
    let mut last = latest.load(Ordering::SeqCst);
    loop {
        match wake.recv_timeout(poll) {
            Ok(()) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        while let Ok(()) = wake.try_recv() {}
        let now = match store.latest_change() {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!("change feed: {e}");
                continue;
            }
        };
        while last < now {
            let batch = match store.changes_since(last, PAGE) {
                Ok(b) => b,
                Err(e) => {
                    tracing::warn!("change feed: {e}");
                    break;
                }
            };
            let Some(end) = batch.last().map(|c| c.seq) else {
                break;
            };
            for c in batch {
                // No listener is not an error.
                let _ = tx.send(Entry::new(c));
            }
            last = end;
            latest.store(last, Ordering::SeqCst);
        }
    }
}

/// One listener's place in the feed.
pub struct Follower {
    rx: broadcast::Receiver<Arc<Entry>>,
    /// The number of the last entry handed out.
    cursor: u64,
    /// Entries may be missing from the broadcast: read the store.
    replaying: bool,
}

impl Follower {
    /// The number of the last entry handed out.
    pub fn cursor(&self) -> u64 {
        self.cursor
    }

    /// The next entries, in order; `None` when the feed has ended.
    pub async fn next(&mut self, stores: &Arc<Stores>) -> Option<Vec<Arc<Entry>>> {
        loop {
            if self.replaying {
                let after = self.cursor;
                match stores
                    .read(move |s| Ok(s.changes_since(after, PAGE)?))
                    .await
                {
                    Ok(batch) => {
                        if batch.len() < PAGE {
                            self.replaying = false;
                        }
                        if let Some(last) = batch.last() {
                            self.cursor = last.seq;
                            return Some(batch.into_iter().map(Entry::new).collect());
                        }
                    }
                    Err(e) => {
                        tracing::warn!("change feed replay: {e}");
                        tokio::time::sleep(Duration::from_millis(500)).await;
                    }
                }
                continue;
            }
            match self.rx.recv().await {
                Ok(c) if c.seq() > self.cursor => {
                    self.cursor = c.seq();
                    let mut batch = vec![c];
                    // Whatever else is already waiting goes out with it.
                    loop {
                        match self.rx.try_recv() {
                            Ok(c) if c.seq() > self.cursor => {
                                self.cursor = c.seq();
                                batch.push(c);
                            }
                            Ok(_) => {}
                            Err(broadcast::error::TryRecvError::Lagged(_)) => {
                                self.replaying = true;
                                break;
                            }
                            Err(_) => break,
                        }
                    }
                    return Some(batch);
                }
                Ok(_) => {}
                Err(broadcast::error::RecvError::Lagged(_)) => self.replaying = true,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }
}
