//! 100 clients on `GET /api/stream` while documents are ingested at 500 per second by another
//! connection to the database (as another `sitrep ingest` process would): every client must
//! receive every change of the store's feed, once and in order. Reports the messages
//! delivered, none lost, and the delay from commit to arrival.
//!
//! Run: `cargo bench -p sitrep-serve --bench sse`. `SITREP_BENCH_CLIENTS` (default 100),
//! `SITREP_BENCH_RATE` (documents per second, default 500) and `SITREP_BENCH_SECONDS`
//! (default 10) change the load.

use sitrep_serve::{Extract, Extracted, Options, Server, StoreFactory, Upload};
use sitrep_store::{content_hashes, testing, with_hashes, SqliteStore, Store};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

struct NoUploads;

impl Extract for NoUploads {
    fn extract(&self, _: Upload) -> Extracted {
        Extracted::default()
    }
}

/// What one client received: each change number with its arrival time.
type Received = Arc<Mutex<Vec<(u64, Instant)>>>;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let clients = env_usize("SITREP_BENCH_CLIENTS", 100);
    let rate = env_usize("SITREP_BENCH_RATE", 500);
    let seconds = env_usize("SITREP_BENCH_SECONDS", 10);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sse.db");
    drop(SqliteStore::open(&path).expect("create"));
    let p = path.clone();
    let factory: StoreFactory =
        Arc::new(move || SqliteStore::open(&p).map(|s| Box::new(s) as Box<dyn Store + Send>));
    let access = sitrep_serve::access_for("127.0.0.1:0".parse().unwrap(), Some("t".into()), false)
        .expect("access");
    let options = Options::new(access);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let addr = rt.block_on(async {
        let server = Server::new(factory, Arc::new(NoUploads), options).expect("server");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(server.serve(listener, std::future::pending()));
        addr
    });

    // The clients: each records the change numbers it receives and when.
    let (ready_tx, ready_rx) = mpsc::channel::<()>();
    let received: Vec<Received> = (0..clients).map(|_| Arc::default()).collect();
    for got in &received {
        let ready = ready_tx.clone();
        let got = Arc::clone(got);
        std::thread::spawn(move || {
            let agent = ureq::Agent::config_builder().build().new_agent();
            let res = agent
                .get(&format!("http://{addr}/api/stream"))
                .call()
                .expect("a stream");
            for line in BufReader::new(res.into_body().into_reader()).lines() {
                let Ok(line) = line else { break };
                if line == "event: ready" {
                    ready.send(()).unwrap();
                }
                if let Some(id) = line.strip_prefix("id: ") {
                    let seq: u64 = id.parse().expect("a number");
                    got.lock().unwrap().push((seq, Instant::now()));
                }
            }
        });
    }
    for _ in 0..clients {
        ready_rx
            .recv_timeout(Duration::from_secs(60))
            .expect("every client connects");
    }
    println!("{clients} clients connected");

    // The writer: batches every 100 ms at the chosen rate, committed times kept.
    let mut writer = SqliteStore::open(&path).expect("writer");
    let per_tick = (rate / 10).max(1);
    let total = rate * seconds;
    let mut committed: HashMap<u64, Instant> = HashMap::new();
    let start = Instant::now();
    let mut next = 0;
    let mut tick = 0u32;
    while next < total {
        let due = start + Duration::from_millis(100) * tick;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        tick += 1;
        let recs: Vec<_> = (next..(next + per_tick).min(total))
            .map(testing::synthetic_record)
            .collect();
        next += recs.len();
        let hashes = content_hashes(&recs);
        let before = writer.latest_change().expect("latest");
        writer
            .ingest_batch(&with_hashes(&recs, &hashes))
            .expect("ingest");
        let now = Instant::now();
        let after = writer.latest_change().expect("latest");
        for seq in before + 1..=after {
            committed.insert(seq, now);
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let feed: Vec<u64> = writer
        .changes_since(0, usize::MAX)
        .expect("feed")
        .iter()
        .map(|c| c.seq)
        .collect();
    let last = *feed.last().expect("changes");
    println!(
        "ingested {total} documents in {elapsed:.1} s ({:.0} documents/s): {} changes in the feed",
        total as f64 / elapsed,
        feed.len()
    );
    let deadline = Instant::now() + Duration::from_secs(120);
    while received
        .iter()
        .any(|g| g.lock().unwrap().last().map(|l| l.0) != Some(last))
    {
        assert!(
            Instant::now() < deadline,
            "every client reaches the last change"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut lost = 0usize;
    let mut disordered = 0usize;
    let mut delays: Vec<Duration> = Vec::new();
    for got in &received {
        let got = got.lock().unwrap();
        let seqs: Vec<u64> = got.iter().map(|g| g.0).collect();
        if seqs != feed {
            disordered += usize::from(!seqs.windows(2).all(|w| w[0] < w[1]));
            let have: std::collections::HashSet<u64> = seqs.iter().copied().collect();
            lost += feed.iter().filter(|s| !have.contains(s)).count();
        }
        for (seq, at) in got.iter() {
            if let Some(c) = committed.get(seq) {
                delays.push(at.saturating_duration_since(*c));
            }
        }
    }
    delays.sort();
    let pct = |p: f64| delays[((delays.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
    println!(
        "{} messages delivered to {clients} clients; lost {lost}, out of order {disordered}",
        delays.len()
    );
    println!(
        "delay from commit to client: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    assert_eq!(
        (lost, disordered),
        (0, 0),
        "every client gets every change in order"
    );
    drop(rt);
}
