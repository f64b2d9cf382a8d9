//! The page in a real browser with 100,000 events in range: how long it takes to show them
//! (the summary from the server, clustering in the page, drawing), how long a zoom, a facet
//! filter and a search take, and the longest time the page's main thread was blocked meanwhile
//! (the browser's long tasks), which is what a person feels as a page not answering.
//!
//! Needs Debian's `chromium` and `chromium-driver` (or `CHROMIUM` and `CHROMEDRIVER`); says so
//! and stops without them. Run: `cargo bench -p sitrep-serve --bench page`.
//! `SITREP_BENCH_EVENTS` sets the number of events (default 100,000), `SITREP_BENCH_RUNS` the
//! runs of each step (default 5).

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use sitrep_serve::{Extract, Extracted, Options, Server, StoreFactory, Upload};
use sitrep_store::{testing, SqliteStore, Store};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
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

fn find_program(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p)).filter(|p| p.exists());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// chromedriver, stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Waits until `expr` is true in the page; the time it took, in ms.
async fn until(c: &Client, expr: &str) -> f64 {
    let t = Instant::now();
    let script = format!("try {{ return !!({expr}); }} catch (e) {{ return false; }}");
    while js(c, &script).await != json!(true) {
        assert!(t.elapsed() < Duration::from_secs(120), "never true: {expr}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    t.elapsed().as_secs_f64() * 1e3
}

/// Starts recording the page's long tasks (main thread blocked over 50 ms) afresh.
const WATCH_LONG_TASKS: &str = "window.__long = []; \
    if (!window.__observer) { window.__observer = new PerformanceObserver((l) => \
    { for (const e of l.getEntries()) window.__long.push(e.duration); }); \
    window.__observer.observe({ type: 'longtask', buffered: true }); }";

/// The longest long task since [`WATCH_LONG_TASKS`], in ms (0 when none).
async fn longest_task(c: &Client) -> f64 {
    // Long tasks are reported after they end: give the observer a moment.
    tokio::time::sleep(Duration::from_millis(100)).await;
    js(c, "return Math.max(0, ...window.__long)")
        .await
        .as_f64()
        .unwrap_or(0.0)
}

fn main() {
    let n = env_usize("SITREP_BENCH_EVENTS", 100_000);
    let runs = env_usize("SITREP_BENCH_RUNS", 5);
    let chromium = find_program("CHROMIUM", &["chromium", "chromium-browser"]);
    let driver = find_program("CHROMEDRIVER", &["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        println!("page bench skipped: chromium and chromedriver are not installed");
        return;
    };

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("page.db");
    let mut store = SqliteStore::open(&path).expect("create");
    store
        .import_fused((0..n).map(testing::synthetic_event))
        .expect("import");
    drop(store);
    let p = path.clone();
    let factory: StoreFactory =
        Arc::new(move || SqliteStore::open(&p).map(|s| Box::new(s) as Box<dyn Store + Send>));
    let access = sitrep_serve::access_for("127.0.0.1:0".parse().unwrap(), Some("t".into()), false)
        .expect("access");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let addr = rt.block_on(async {
        let server =
            Server::new(factory, Arc::new(NoUploads), Options::new(access)).expect("server");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(server.serve(listener, std::future::pending()));
        addr
    });

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let _driver = Driver(
        Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let t = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    rt.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1400,900", "--lang=en-US"],
            }),
        );
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a browser session");
        let all = format!("{} of {} events", fmt(n), fmt(n));
        let shown = format!(
            "document.getElementById('count').textContent === {} && window.sitrep \
             && document.querySelectorAll('.leaflet-marker-pane .cluster').length > 0",
            json!(all)
        );

        let (mut load, mut load_block) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            c.goto("about:blank").await.unwrap();
            let t = Instant::now();
            c.goto(&format!("http://{addr}/")).await.unwrap();
            js(&c, WATCH_LONG_TASKS).await;
            until(&c, &shown).await;
            load.push(t.elapsed().as_secs_f64() * 1e3);
            load_block.push(longest_task(&c).await);
        }

        // Zooms: clusters of the 100,000 points recomputed and drawn, in the page.
        let mut zoom = Vec::new();
        for i in 0..runs * 4 {
            let (lat, lon, z) = [(48.5, 31.0, 8), (49.0, 33.0, 6), (47.0, 35.0, 10), (50.0, 30.0, 4)][i % 4];
            let ms = js(
                &c,
                &format!(
                    "const t = performance.now(); \
                     sitrep.map.setView([{lat}, {lon}], {z}, {{animate: false}}); \
                     return performance.now() - t;"
                ),
            )
            .await;
            zoom.push(ms.as_f64().unwrap());
        }

        // A facet on and off, and a search: the server filters, the page redraws.
        let counted = "/^[0-9,]+ of /.test(document.getElementById('count').textContent)";
        let (mut facet, mut search, mut filter_block) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            for css in [
                "button[data-facet=kind][data-value=shelling]",
                ".chip[data-filter=kind] button",
            ] {
                js(&c, WATCH_LONG_TASKS).await;
                let t = Instant::now();
                // The click starts the request at once (the count reads "Loading…").
                js(&c, &format!("document.querySelector({}).click()", json!(css))).await;
                until(&c, counted).await;
                facet.push(t.elapsed().as_secs_f64() * 1e3);
                filter_block.push(longest_task(&c).await);
            }
            js(&c, WATCH_LONG_TASKS).await;
            let t = Instant::now();
            js(
                &c,
                "document.getElementById('q').value = 'Zaporizhzhia'; \
                 document.getElementById('search').requestSubmit();",
            )
            .await;
            until(&c, counted).await;
            search.push(t.elapsed().as_secs_f64() * 1e3);
            filter_block.push(longest_task(&c).await);
            js(
                &c,
                "document.getElementById('q').value = ''; \
                 document.getElementById('search').requestSubmit();",
            )
            .await;
            until(&c, &shown).await;
        }
        let matched = js(&c, "return sitrep.summary.matched").await;
        c.close().await.unwrap();

        println!("{n} events in range, {runs} runs each, medians:");
        println!(
            "first load to clusters drawn  {:>8.0} ms   longest main-thread block {:>5.0} ms",
            median(load),
            median(load_block)
        );
        println!("zoom (clusters redrawn)       {:>8.1} ms", median(zoom));
        println!("kind facet on / off           {:>8.0} ms", median(facet));
        println!("full-text search              {:>8.0} ms", median(search));
        println!(
            "longest main-thread block while filtering: median {:.0} ms (final view: {matched} events)",
            median(filter_block)
        );
    });
}

fn fmt(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
