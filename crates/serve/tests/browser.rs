//! The page in a real browser: Debian's `chromium` driven through `chromedriver` (set
//! `CHROMIUM` and `CHROMEDRIVER` to use others). Skipped, with a message, when either is
//! missing. Screenshots go to `target/browser/`.

mod common;

use common::{fixtures, TestServer, IZMAIL, TOKEN};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn find_program(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p)).filter(|p| p.exists());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
    chromium: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver() -> Option<Driver> {
    let chromium = find_program("CHROMIUM", &["chromium", "chromium-browser"]);
    let driver = find_program("CHROMEDRIVER", &["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        eprintln!(
            "skipping the browser tests: chromium and chromedriver are not installed \
             (Debian: apt-get install chromium chromium-driver; .ci/run installs them)"
        );
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .ok()?;
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    // Dropping the driver stops the process, whatever happens next.
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        chromium,
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(driver);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("chromedriver did not start listening on {port}");
}

async fn browser(driver: &Driver, width: u32, height: u32) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": driver.chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     format!("--window-size={width},{height}"), "--lang=en-US"],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a browser session")
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Waits until `expr` (a JavaScript expression) is true; fails naming `what`.
async fn wait_for(c: &Client, what: &str, expr: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let script = format!("try {{ return !!({expr}); }} catch (e) {{ return false; }}");
    loop {
        if js(c, &script).await == json!(true) {
            return;
        }
        if Instant::now() > deadline {
            let count = js(c, "return document.getElementById('count').textContent").await;
            let url = js(c, "return location.href").await;
            panic!("timed out waiting for {what} ({expr}); count {count}, at {url}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn count_text(c: &Client) -> String {
    js(c, "return document.getElementById('count').textContent")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Events on the map: the counts of clusters plus the single markers.
const EVENTS_ON_MAP: &str = "[...document.querySelectorAll('.leaflet-marker-pane .cluster')].reduce((n, e) => n + Number(e.dataset.count), 0) + document.querySelectorAll('.leaflet-marker-pane .m').length";

async fn events_on_map(c: &Client) -> u64 {
    js(c, &format!("return {EVENTS_ON_MAP}"))
        .await
        .as_u64()
        .unwrap()
}

async fn loaded(c: &Client, count: &str) {
    wait_for(
        c,
        &format!("the count to read {count:?}"),
        &format!(
            "document.getElementById('count').textContent === {} && !!window.sitrep",
            json!(count)
        ),
    )
    .await;
}

async fn click(c: &Client, css: &str) {
    c.wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

fn screenshot_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is target/tmp.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(|p| p.join("browser"))
        .unwrap_or_else(|| PathBuf::from("target/browser"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn save_screenshot(c: &Client, name: &str) -> PathBuf {
    let png = c.screenshot().await.expect("a screenshot");
    assert_eq!(&png[1..4], b"PNG");
    let path = screenshot_dir().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
    path
}

#[test]
fn the_page_in_a_real_browser() {
    let Some(driver) = start_driver() else { return };
    let server = TestServer::start(&fixtures());
    let empty = TestServer::start(&[]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let c = browser(&driver, 1400, 900).await;
        markers_clusters_and_counts(&c, &server).await;
        filter_while_zooming(&c, &server).await;
        brush_picks_a_range(&c, &server).await;
        event_panel_claims_and_contradiction(&c, &server).await;
        permalink_round_trip(&c, &server).await;
        hostile_text_is_text(&c, &server).await;
        save_screenshot(&c, "sitrep-hostile.png").await;
        api_docs_offline(&c, &server).await;
        empty_store_then_live_ingest(&c, &empty).await;
        c.close().await.unwrap();
        let phone = browser(&driver, 390, 844).await;
        phone_sized_screen(&phone, &server).await;
        phone.close().await.unwrap();
    });
}

async fn markers_clusters_and_counts(c: &Client, s: &TestServer) {
    c.goto(&s.url("/")).await.unwrap();
    loaded(c, "6 of 6 events").await;
    wait_for(c, "markers", &format!("{EVENTS_ON_MAP} === 6")).await;
    assert_eq!(events_on_map(c).await, 6);
    // Zoomed out, the events gather into fewer, larger clusters whose counts still add up.
    js(c, "sitrep.map.setZoom(3, {animate: false})").await;
    wait_for(
        c,
        "clusters at zoom 3",
        "document.querySelectorAll('.leaflet-marker-pane .cluster').length > 0",
    )
    .await;
    assert_eq!(events_on_map(c).await, 6);
    // Each cluster shows its count.
    let shown = js(c, "return [...document.querySelectorAll('.leaflet-marker-pane .cluster')].every(e => e.textContent === e.dataset.count)").await;
    assert_eq!(shown, json!(true));
    let pieces = js(c, "return document.querySelectorAll('.leaflet-marker-pane .cluster, .leaflet-marker-pane .m').length").await;
    assert!(pieces.as_u64().unwrap() < 6, "clustered into {pieces}");
    // A cluster zooms in on a click.
    let zoom_before = js(c, "return sitrep.map.getZoom()").await.as_f64().unwrap();
    click(c, ".leaflet-marker-pane .cluster").await;
    wait_for(
        c,
        "zoom in",
        &format!("sitrep.map.getZoom() > {zoom_before}"),
    )
    .await;
    // Each single marker's look says its precision and status.
    js(c, "sitrep.map.setView([51, 33], 6, {animate: false})").await;
    wait_for(
        c,
        "the Bryansk region marker",
        "document.querySelector('.leaflet-marker-pane .m.p-admin1.s-claimed')",
    )
    .await;
    let kyiv = js(c, "return document.querySelector('.leaflet-marker-pane .m[data-kind=missile_strike].p-place').className").await;
    assert!(kyiv.as_str().unwrap().contains("s-claimed"), "{kyiv}");
}

async fn filter_while_zooming(c: &Client, s: &TestServer) {
    c.goto(&s.url("/")).await.unwrap();
    loaded(c, "6 of 6 events").await;
    // The filter is applied while the map is flying to another zoom.
    js(c, "sitrep.map.flyTo([49.5, 33], 6, {duration: 1.2})").await;
    click(c, "button[data-facet=kind][data-value=drone_strike]").await;
    loaded(c, "1 of 6 events").await;
    wait_for(
        c,
        "the end of the flight",
        "location.search.includes('map=49.5000,33.0000,6')",
    )
    .await;
    assert_eq!(events_on_map(c).await, 1);
    let odesa = js(
        c,
        "return document.querySelector('.leaflet-marker-pane .m').dataset.kind",
    )
    .await;
    assert_eq!(odesa, "drone_strike");
    let url = js(c, "return location.search").await;
    assert!(url.as_str().unwrap().contains("kind=drone_strike"), "{url}");

    // The same filter while zooming out the other way, then removed with its chip.
    js(c, "sitrep.map.flyTo([50, 30], 4, {duration: 1})").await;
    click(c, ".chip[data-filter=kind] button").await;
    loaded(c, "6 of 6 events").await;
    wait_for(
        c,
        "the end of the flight",
        "location.search.includes('map=50.0000,30.0000,4')",
    )
    .await;
    wait_for(
        c,
        "all events back on the map",
        &format!("{EVENTS_ON_MAP} === 6"),
    )
    .await;
}

async fn brush_picks_a_range(c: &Client, s: &TestServer) {
    c.goto(&s.url("/")).await.unwrap();
    loaded(c, "6 of 6 events").await;
    let bars = js(c, "return [...document.querySelectorAll('#tl .bar-day')].map(b => { const r = b.getBoundingClientRect(); return [b.dataset.day, r.left, r.right, r.top + r.height / 2]; })").await;
    let bars = bars.as_array().unwrap().clone();
    // The bar holding a day: the last one starting on or before it.
    let find = |day: &str| {
        bars.iter()
            .rfind(|b| b[0].as_str().unwrap() <= day)
            .unwrap_or_else(|| panic!("no bar for {day}: {bars:?}"))
            .clone()
    };
    let first = &bars[0];
    let odesa = find("2025-02-10");
    let y = first[3].as_f64().unwrap();
    // From just left of the first bar to just right of the Odesa day.
    let from = first[1].as_f64().unwrap() - 2.0;
    let to = odesa[2].as_f64().unwrap() + 1.0;
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: None,
            x: from,
            y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(200)),
            x: (from + to) / 2.0,
            y,
        })
        .then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(200)),
            x: to,
            y,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    c.perform_actions(drag).await.unwrap();
    loaded(c, "3 of 6 events").await;
    let search = js(c, "return location.search").await;
    let search = search.as_str().unwrap();
    assert!(search.contains("since=2024-11-19"), "{search}");
    assert!(search.contains("until=2025-02-1"), "{search}");
    let range = js(c, "return document.getElementById('range').textContent").await;
    assert!(
        range
            .as_str()
            .unwrap()
            .starts_with("2024-11-19 → 2025-02-1"),
        "{range}"
    );
    // The list and the map follow the range.
    assert_eq!(
        js(c, "return document.querySelectorAll('#list .item').length").await,
        json!(3)
    );
    wait_for(c, "3 events on the map", &format!("{EVENTS_ON_MAP} === 3")).await;
    click(c, "#reset").await;
    loaded(c, "6 of 6 events").await;
    assert!(!js(c, "return location.search")
        .await
        .as_str()
        .unwrap()
        .contains("since"));
}

/// The id of the Kyiv event, from the API.
fn kyiv_id(s: &TestServer) -> String {
    let page = s.get_json("/api/events?place=Kyiv");
    page["events"][0]["id"].as_str().unwrap().to_string()
}

async fn event_panel_claims_and_contradiction(c: &Client, s: &TestServer) {
    c.goto(&s.url("/")).await.unwrap();
    loaded(c, "6 of 6 events").await;
    let id = kyiv_id(s);
    click(c, &format!("#list .item[data-id='{id}']")).await;
    wait_for(
        c,
        "the panel",
        "!document.getElementById('panel').hidden && document.querySelector('#panel h2')",
    )
    .await;
    let values = js(c, "return [...document.querySelectorAll('#panel .contradiction[data-field=launched] .value')].map(e => e.textContent)").await;
    let panel = js(c, "return document.getElementById('panel').innerHTML").await;
    assert_eq!(values, json!(["8", "6"]), "{panel}");
    let who = js(c, "return [...document.querySelectorAll('#panel .contradiction[data-field=launched] .who')].map(e => e.textContent)").await;
    assert_eq!(
        who,
        json!(["Ukrinform, Reuters, Kyiv Independent", "TASS, RIA Novosti"])
    );
    let claims = js(c, "return [...document.querySelectorAll('#panel .claim')].map(e => e.querySelector('.who').textContent + ' ' + e.querySelector('.stance').textContent)").await;
    let claims: Vec<String> = serde_json::from_value(claims).unwrap();
    assert!(
        claims.contains(&"Ukrainian Air Force asserts".to_string()),
        "{claims:?}"
    );
    assert!(
        claims.contains(&"Russian Ministry of Defence asserts".to_string()),
        "{claims:?}"
    );
    let quotes = js(c, "return [...document.querySelectorAll('#panel blockquote.evidence')].map(e => e.textContent)").await;
    assert!(
        quotes
            .to_string()
            .contains("all designated targets in the Ukrainian capital were hit"),
        "{quotes}"
    );
    let sources = js(
        c,
        "return document.querySelectorAll('#panel .sources li').length",
    )
    .await;
    assert_eq!(sources, json!(5));
    let link = js(
        c,
        "return document.querySelector('#panel .sources a').getAttribute('href')",
    )
    .await;
    assert_eq!(link, json!("https://ukrinform.example/a1"));
    assert!(js(c, "return location.search")
        .await
        .as_str()
        .unwrap()
        .contains(&format!("sel={id}")));
    save_screenshot(c, "sitrep-page.png").await;
}

async fn permalink_round_trip(c: &Client, s: &TestServer) {
    c.goto(&s.url("/")).await.unwrap();
    loaded(c, "6 of 6 events").await;
    click(c, "button[data-facet=kind][data-value=missile_strike]").await;
    loaded(c, "2 of 6 events").await;
    let id = kyiv_id(s);
    click(c, &format!("#list .item[data-id='{id}']")).await;
    wait_for(c, "the panel", "document.querySelector('#panel h2')").await;
    js(c, "sitrep.map.setView([50.1, 31.7], 7, {animate: false})").await;
    wait_for(
        c,
        "the view in the URL",
        "location.search.includes('map=50.1000,31.7000,7')",
    )
    .await;
    let link = js(c, "return location.href")
        .await
        .as_str()
        .unwrap()
        .to_string();
    // A fresh page from the copied link.
    c.goto("about:blank").await.unwrap();
    c.goto(&link).await.unwrap();
    loaded(c, "2 of 6 events").await;
    wait_for(c, "the selected event", &format!("document.querySelector('#panel h2') && !document.getElementById('panel').hidden && location.search.includes('sel={id}')")).await;
    let center = js(
        c,
        "const c = sitrep.map.getCenter(); return [c.lat, c.lng, sitrep.map.getZoom()]",
    )
    .await;
    let center: Vec<f64> = serde_json::from_value(center).unwrap();
    assert!(
        (center[0] - 50.1).abs() < 1e-3 && (center[1] - 31.7).abs() < 1e-3 && center[2] == 7.0,
        "{center:?}"
    );
    assert_eq!(
        js(
            c,
            "return document.querySelector('button[data-facet=kind].on').dataset.value"
        )
        .await,
        json!("missile_strike")
    );
    let title = js(c, "return document.querySelector('#panel h2').textContent").await;
    assert_eq!(title, json!("Missile strike · Kyiv"));
    // The export links and the API URL are those of the view.
    let csv = js(
        c,
        "return document.getElementById('export-csv').getAttribute('href')",
    )
    .await;
    assert_eq!(
        csv,
        json!("/api/export?format=acled-csv&kind=missile_strike")
    );
    let api = js(c, "return document.getElementById('api-url').textContent").await;
    assert_eq!(api, json!(s.url("/api/events?kind=missile_strike")));
    let (status, body) = s.get("/api/export?format=acled-csv&kind=missile_strike");
    assert_eq!(status, 200);
    assert_eq!(body.lines().count(), 3, "a header and two events");
}

async fn hostile_text_is_text(c: &Client, s: &TestServer) {
    c.goto(&s.url("/?place=Kherson")).await.unwrap();
    loaded(c, "1 of 6 events").await;
    click(c, "#list .item").await;
    wait_for(c, "the panel", "document.querySelector('#panel h2')").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(c.title().await.unwrap(), "sitrep", "no injected script ran");
    let injected = js(c, "return document.querySelectorAll('#panel script, #panel img, #panel b, #panel i, #list script, #list img, #facets img, #facets b').length").await;
    assert_eq!(injected, json!(0));
    let text = js(c, "return document.getElementById('panel').textContent").await;
    let text = text.as_str().unwrap();
    assert!(
        text.contains("Shelling · <script>document.title='pwned'</script>Kherson"),
        "{text}"
    );
    assert!(
        text.contains("<b onmouseover=alert(1)>Evil Outlet</b>"),
        "{text}"
    );
    assert!(
        text.contains("<i>Officials</i><img src=x onerror=\"document.title='pwned'\">"),
        "{text}"
    );
    assert!(
        text.contains("<script>document.title='pwned'</script><img src=x onerror="),
        "the title: {text}"
    );
    // A javascript: URL is never made a link.
    assert_eq!(
        js(
            c,
            "return document.querySelectorAll('#panel a[href^=javascript]').length"
        )
        .await,
        json!(0)
    );
    let facet = js(c, "return [...document.querySelectorAll('button[data-facet=weapon]')].map(b => b.dataset.value)").await;
    assert_eq!(facet, json!(["<img src=x onerror=alert(2)>"]));
}

async fn api_docs_offline(c: &Client, s: &TestServer) {
    c.goto(&s.url("/api/docs")).await.unwrap();
    wait_for(
        c,
        "Swagger UI's operations",
        "document.querySelectorAll('.opblock').length >= 8",
    )
    .await;
    let paths = js(c, "return [...document.querySelectorAll('.opblock-summary-path')].map(e => e.textContent.replace(/\\u200b/g, ''))").await;
    assert!(paths.to_string().contains("/api/events/{id}"), "{paths}");
}

async fn empty_store_then_live_ingest(c: &Client, s: &TestServer) {
    c.goto(&s.url("/")).await.unwrap();
    loaded(c, "0 of 0 events").await;
    let empty = js(
        c,
        "return document.querySelector('#list .empty').textContent",
    )
    .await;
    assert!(
        empty.as_str().unwrap().contains("No events are stored yet"),
        "{empty}"
    );
    assert_eq!(
        js(c, "return document.querySelector('#tl text').textContent").await,
        json!("No dated events")
    );
    // Still usable: a search and a facet-less filter give an answer, not an error.
    c.find(Locator::Id("q"))
        .await
        .unwrap()
        .send_keys("Kyiv\n")
        .await
        .unwrap();
    loaded(c, "0 of 0 events").await;
    assert!(js(c, "return location.search")
        .await
        .as_str()
        .unwrap()
        .contains("text=Kyiv"));
    click(c, ".chip[data-filter=text] button").await;
    loaded(c, "0 of 0 events").await;
    wait_for(
        c,
        "the live stream",
        "document.getElementById('live').classList.contains('on')",
    )
    .await;
    save_screenshot(c, "sitrep-empty.png").await;
    // A document ingested through the API appears without a reload.
    js(c, "window.__same_page = true").await;
    let (status, answer) = s.post_document("?name=izmail.txt&published=2025-03-03", IZMAIL);
    assert_eq!(status, 200, "{answer}");
    let created = answer["created"].as_array().unwrap().len();
    assert!(created >= 1, "{answer}");
    let count = format!("{created} of {created} events");
    loaded(c, &count).await;
    assert_eq!(
        js(c, "return window.__same_page === true").await,
        json!(true),
        "no reload"
    );
    let items = js(
        c,
        "return [...document.querySelectorAll('#list .item .t')].map(e => e.textContent)",
    )
    .await;
    assert!(
        items.to_string().contains("Drone strike · Izmayil"),
        "{items}"
    );
    wait_for(c, "the new marker", &format!("{EVENTS_ON_MAP} >= 1")).await;
    let note = count_text(c).await;
    assert_eq!(note, count);
    let _ = TOKEN;
}

async fn phone_sized_screen(c: &Client, s: &TestServer) {
    c.goto(&s.url("/")).await.unwrap();
    loaded(c, "6 of 6 events").await;
    let layout = js(c, "const m = document.getElementById('map').getBoundingClientRect(); const t = document.getElementById('tl').getBoundingClientRect(); return [m.width, m.height, t.width, document.documentElement.scrollWidth, innerWidth]").await;
    let v: Vec<f64> = serde_json::from_value(layout).unwrap();
    assert!(
        v[0] >= 380.0 && v[1] >= 300.0,
        "the map fills the width: {v:?}"
    );
    assert!(v[2] >= 350.0, "so does the timeline: {v:?}");
    assert!(v[3] <= v[4], "nothing scrolls sideways: {v:?}");
    // One panel at a time, switched by the tabs.
    assert_eq!(
        js(
            c,
            "return getComputedStyle(document.getElementById('filters')).display"
        )
        .await,
        json!("none")
    );
    click(c, ".tabs button[data-tab=filters]").await;
    wait_for(
        c,
        "the filters",
        "getComputedStyle(document.getElementById('filters')).display !== 'none'",
    )
    .await;
    click(c, "button[data-facet=country][data-value=RU]").await;
    loaded(c, "2 of 6 events").await;
    click(c, ".tabs button[data-tab=side]").await;
    click(c, "#list .item").await;
    wait_for(c, "the panel", "document.querySelector('#panel h2') && getComputedStyle(document.getElementById('side')).display !== 'none'").await;
    save_screenshot(c, "sitrep-phone.png").await;
}

/// The picture in the README: the bundled samples and the fixture reports, with the Kyiv
/// strike's panel open. `cargo test -p sitrep-serve --test browser -- --ignored readme`
/// writes target/browser/readme.png.
#[test]
#[ignore = "makes the README's picture"]
fn readme_screenshot() {
    let Some(driver) = start_driver() else { return };
    let mut records = Vec::new();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut names: Vec<_> = std::fs::read_dir(&samples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    names.sort();
    for path in names {
        let upload = sitrep_serve::Upload {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            body: std::fs::read(&path).unwrap(),
            published: None,
        };
        records.extend(sitrep_serve::Extract::extract(&common::RealPipeline, upload).records);
    }
    let mut all = fixtures();
    all.pop(); // not the hostile document
    all.extend(records);
    let server = TestServer::start(&all);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let c = browser(&driver, 1400, 860).await;
        let id = kyiv_id(&server);
        c.goto(&server.url(&format!("/?sel={id}&map=49.2000,32.0000,6"))).await.unwrap();
        wait_for(&c, "the panel", "document.querySelector('#panel h2') && !document.getElementById('panel').hidden").await;
        wait_for(&c, "the region borders", "document.querySelectorAll('.leaflet-marker-pane .m, .leaflet-marker-pane .cluster').length > 3").await;
        tokio::time::sleep(Duration::from_millis(800)).await;
        save_screenshot(&c, "readme.png").await;
        c.close().await.unwrap();
    });
}
