//! `sitrep watch --once` against a feed server on the loopback address that the test starts:
//! it checks what the watcher sends (user agent, validators, spacing, Retry-After, robots.txt)
//! and what ends up in the store. Runs on SQLite, and on PostgreSQL too when
//! `SITREP_TEST_POSTGRES` names a server.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request the server received.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: Vec<(String, String)>,
    at: Instant,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// A response: status line, extra headers, body.
type Reply = (String, Vec<(String, String)>, Vec<u8>);

const ETAG: &str = "\"feed-v1\"";
const MODIFIED: &str = "Tue, 04 Mar 2025 08:00:00 GMT";

fn article(city: &str, n: u32) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Attack on {city}</title>\
         <meta property=\"og:site_name\" content=\"Loopback News\">\
         <meta property=\"article:published_time\" content=\"2025-03-0{n}T08:00:00Z\"></head>\
         <body><article><h1>Attack on {city}</h1><p>Russian forces launched {} Shahed drones \
         at {city} overnight on March {n}, the regional governor said. Air defence units shot \
         down most of them, and debris damaged a warehouse.</p></article></body></html>",
        10 + n
    )
}

fn respond(path: &str, req: &Seen, count: usize, base: &str) -> Option<Reply> {
    let ok = |body: String| Some(("200 OK".to_string(), vec![], body.into_bytes()));
    match path {
        "/robots.txt" => ok("User-agent: *\nDisallow: /private/\n".into()),
        "/feed.xml" => {
            if req.header("if-none-match") == Some(ETAG) {
                return Some(("304 Not Modified".into(), vec![], vec![]));
            }
            let item = |p: &str, t: &str, text: &str| {
                format!(
                    "<item><title>{t}</title><link>{base}{p}</link>\
                     <pubDate>Tue, 04 Mar 2025 07:00:00 GMT</pubDate>\
                     <description>{text}</description></item>"
                )
            };
            let body = format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loopback News</title>{}{}{}</channel></rss>",
                item("/news/1", "Kharkiv", "Drones over Kharkiv."),
                item("/news/2", "Odesa", "Drones over Odesa."),
                item(
                    "/private/3",
                    "Sumy",
                    "Russian forces launched 7 drones at Sumy on March 3, the governor said."
                ),
            );
            Some((
                "200 OK".into(),
                vec![
                    ("ETag".into(), ETAG.into()),
                    ("Last-Modified".into(), MODIFIED.into()),
                    ("Content-Type".into(), "application/rss+xml".into()),
                ],
                body.into_bytes(),
            ))
        }
        "/news/1" if count == 1 => Some((
            "429 Too Many Requests".into(),
            vec![("Retry-After".into(), "1".into())],
            b"slow down".to_vec(),
        )),
        "/news/1" => ok(article("Kharkiv", 1)),
        "/news/2" => ok(article("Odesa", 2)),
        "/news/4" => ok(article("Dnipro", 4)),
        "/private/3" => ok(article("Sumy", 3)),
        "/sitemap.xml" => ok(format!(
            "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
             <url><loc>{base}/news/4</loc><lastmod>2025-03-04</lastmod></url></urlset>"
        )),
        "/garbage.xml" => Some((
            "200 OK".into(),
            vec![("Content-Type".into(), "application/xml".into())],
            (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect(),
        )),
        // Never answers: the watcher's timeout must end the request.
        "/hang.xml" => None,
        _ => Some(("404 Not Found".into(), vec![], b"no".to_vec())),
    }
}

fn handle(mut stream: TcpStream, at: Instant, seen: Arc<Mutex<Vec<Seen>>>, base: String) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let req = Seen {
        path: path.clone(),
        headers,
        at,
    };
    let count = {
        let mut s = seen.lock().unwrap();
        s.push(req.clone());
        s.iter().filter(|r| r.path == path).count()
    };
    match respond(&path, &req, count, &base) {
        None => std::thread::sleep(Duration::from_secs(20)),
        Some((status, extra, body)) => {
            let mut head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in extra {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    }
}

fn start() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (s, b) = (seen.clone(), base.clone());
    std::thread::spawn(move || {
        // Bounded: the test makes a few dozen requests.
        // A request's time is when its connection was accepted: the watcher connects when it
        // sends, and the time taken to read the request depends on how busy the machine is.
        for stream in listener.incoming().take(200).flatten() {
            let at = Instant::now();
            let (s, b) = (s.clone(), b.clone());
            std::thread::spawn(move || handle(stream, at, s, b));
        }
    });
    Server { base, seen }
}

fn watch(db: &str, feeds: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "watch",
            "--once",
            "--interval",
            "0",
            "--host-delay",
            "0.2",
            "--timeout",
            "2",
            "--db",
            db,
        ])
        .arg(feeds)
        .output()
        .unwrap()
}

fn scenario(db: &str) {
    let server = start();
    let dir = tempfile::tempdir().unwrap();
    let feeds = dir.path().join("feeds.txt");
    let b = &server.base;
    std::fs::write(
        &feeds,
        format!("# test feeds\n{b}/feed.xml\n{b}/hang.xml\n{b}/garbage.xml\n{b}/sitemap.xml\n"),
    )
    .unwrap();

    let first = watch(db, &feeds);
    let log = String::from_utf8_lossy(&first.stderr).into_owned();
    assert!(first.status.success(), "{log}");
    let mut seen = server.seen.lock().unwrap().clone();
    seen.sort_by_key(|s| s.at);
    let paths: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    assert!(
        seen.iter().all(|s| s
            .header("user-agent")
            .is_some_and(|u| u.starts_with("sitrep/"))),
        "every request names the program"
    );
    assert_eq!(
        paths.iter().filter(|p| **p == "/robots.txt").count(),
        1,
        "{paths:?}"
    );
    assert!(
        !paths.contains(&"/private/3"),
        "robots.txt disallows /private/: {paths:?}"
    );
    // 429 with Retry-After: 1, then the page again after the pause.
    let news1: Vec<&Seen> = seen.iter().filter(|s| s.path == "/news/1").collect();
    assert_eq!(news1.len(), 2, "{paths:?}");
    assert!(news1[1].at - news1[0].at >= Duration::from_millis(950));
    for w in seen.windows(2) {
        assert!(
            w[1].at - w[0].at >= Duration::from_millis(180),
            "requests to one site are spaced: {paths:?}"
        );
    }
    assert!(paths.contains(&"/news/2") && paths.contains(&"/news/4"));
    assert!(
        log.contains("hang.xml") && log.contains("garbage.xml"),
        "{log}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["events", "--format", "json", "--db", db])
        .output()
        .unwrap();
    let events: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let places: Vec<String> = events
        .iter()
        .filter_map(|e| e["location"]["name"].as_str().map(str::to_string))
        .collect();
    for city in ["Kharkiv", "Odesa", "Dnipro", "Sumy"] {
        assert!(places.iter().any(|p| p == city), "{city} in {places:?}");
    }

    // The second poll sends the validators and gets 304; nothing is fetched again, and the
    // failed feeds wait for their back-off.
    let before = server.seen.lock().unwrap().len();
    let second = watch(db, &feeds);
    assert!(second.status.success());
    let seen = server.seen.lock().unwrap().clone();
    let again: Vec<&Seen> = seen[before..].iter().collect();
    let again_paths: Vec<&str> = again.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        again_paths,
        ["/feed.xml", "/sitemap.xml"],
        "{again_paths:?}"
    );
    assert_eq!(again[0].header("if-none-match"), Some(ETAG));
    assert_eq!(again[0].header("if-modified-since"), Some(MODIFIED));
    let log = String::from_utf8_lossy(&second.stderr);
    assert!(log.contains("304"), "{log}");

    let status = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["watch", "--status", "--db", db])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&status.stdout);
    assert!(table.contains("4 feeds"), "{table}");
    let row = |name: &str| {
        table
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in {table}"))
            .to_string()
    };
    assert!(row("feed.xml").contains("304"), "{table}");
    let hang = row("hang.xml");
    assert!(
        hang.split_whitespace().any(|w| w == "1"),
        "one error: {hang}"
    );
    assert!(row("garbage.xml").contains("unreadable"), "{table}");
}

#[test]
fn watch_once_is_polite_and_stores_new_items_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("watch.db");
    scenario(&db.to_string_lossy());
}

#[test]
fn watch_once_is_polite_and_stores_new_items_on_postgres() {
    let Ok(server) = std::env::var("SITREP_TEST_POSTGRES") else {
        eprintln!(
            "skipped: set SITREP_TEST_POSTGRES=postgres://... to run the PostgreSQL watch test"
        );
        return;
    };
    let name = format!("sitrep_watch{}", std::process::id());
    let mut c = postgres::Client::connect(&server, postgres::NoTls).unwrap();
    c.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
    ))
    .unwrap();
    let sep = if server.contains('?') { '&' } else { '?' };
    scenario(&format!(
        "{server}{sep}options=-csearch_path%3D{name}%2Cpublic"
    ));
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
        .unwrap();
}
