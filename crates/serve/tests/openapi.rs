//! The API against its own OpenAPI document: every answer of every operation must be one the
//! document describes (status and JSON schema), and no request, however odd, may get a server
//! error. Requests are generated from the document's parameters with valid and hostile
//! values; `SITREP_API_CHECK_SEED` and `SITREP_API_CHECK_CASES` vary them.

mod common;

use common::{fixtures, TestServer, IZMAIL, TOKEN};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};

/// Two reports of one strike whose texts give no date (dated "on or before" the report) and
/// whose toll rises from one day to the next: the event carries a reported date and an update.
fn rising_toll_without_dates() -> Vec<sitrep_model::DocumentRecord> {
    use sitrep_model::{Count, DatePrecision};
    let base = sitrep_store::testing::other_reports().remove(0);
    [("2025-02-11", "Ukrinform", 2), ("2025-02-12", "Reuters", 5)]
        .into_iter()
        .map(|(day, outlet, killed)| {
            let mut r = base.clone();
            let published = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
            r.document.doc = sitrep_model::DocId(format!("toll-{day}.txt"));
            r.document.url = None;
            r.document.outlet = Some(outlet.into());
            r.document.published = Some(published);
            r.document.text =
                format!("Drones hit Odesa port; the toll stood at {killed} on {day}.");
            let e = &mut r.events[0];
            e.counts.killed = Some(Count::exact(killed));
            if let Some(d) = e.date.as_mut() {
                d.precision = DatePrecision::Reported;
            }
            r
        })
        .collect()
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Values that are wrong, odd or hostile, whatever the parameter.
const ODD: &[&str] = &[
    "",
    " ",
    "%",
    "_",
    "'",
    "\"",
    "\\",
    "<script>alert(1)</script>",
    "9999-99-99",
    "2025-02-30",
    "-1",
    "0",
    "1e309",
    "NaN",
    "inf",
    "-0",
    "18446744073709551616",
    "∞",
    "Київ",
    "🚀",
    "a\u{0}b",
    ",",
    ",,,",
    "91,181",
    "-90,-180",
    "180,-90,-180,90",
    "50.4,30.5,1",
    "null",
    "true",
    "[]",
    "{}",
    "s1.-.1",
    "s1.20250304.99999999",
    "%00",
    "--",
    "\"unbalanced OR",
];

fn schema_for(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let mut root = schema.clone();
    if let Some(o) = root.as_object_mut() {
        o.insert("components".into(), doc["components"].clone());
        o.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
    }
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&root)
        .unwrap_or_else(|e| panic!("a schema of the document does not compile: {e}: {schema}"))
}

/// The resolved parameters of an operation.
fn params(doc: &Value, op: &Value) -> Vec<Value> {
    op["parameters"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .map(|p| match p["$ref"].as_str() {
                    Some(r) => {
                        let name = r.rsplit('/').next().unwrap();
                        doc["components"]["parameters"][name].clone()
                    }
                    None => p.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A value for a parameter: from its schema most of the time, else an odd one.
fn value(rng: &mut Rng, p: &Value) -> String {
    if rng.chance(30) {
        return rng.pick(ODD).to_string();
    }
    let s = &p["schema"];
    if let Some(e) = s["enum"].as_array() {
        return rng.pick(e).as_str().unwrap().to_string();
    }
    if let Some(x) = p["example"].as_str() {
        if rng.chance(50) {
            return x.to_string();
        }
    }
    match (s["type"].as_str(), s["format"].as_str(), p["name"].as_str()) {
        (_, Some("date"), _) => format!(
            "20{:02}-{:02}-{:02}",
            22 + rng.below(4),
            1 + rng.below(12),
            1 + rng.below(28)
        ),
        (Some("integer"), _, _) => rng.below(12).to_string(),
        (Some("number"), _, _) => format!("{}", rng.below(2000) as f64 / 7.0),
        (_, _, Some("near")) => format!(
            "{:.2},{:.2}",
            44.0 + rng.below(10) as f64,
            22.0 + rng.below(20) as f64
        ),
        (_, _, Some("bbox")) => {
            let w = 20.0 + rng.below(20) as f64;
            let so = 40.0 + rng.below(10) as f64;
            format!(
                "{w},{so},{},{}",
                w + rng.below(15) as f64,
                so + rng.below(10) as f64
            )
        }
        _ => rng
            .pick(&[
                "Kyiv",
                "UA",
                "RU",
                "Russia",
                "Reuters",
                "Kh-101",
                "Bryansk Oblast",
                "shahed",
                "port",
                "TASS",
            ])
            .to_string(),
    }
}

fn query(rng: &mut Rng, ps: &[Value]) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for p in ps.iter().filter(|p| p["in"] == "query") {
        if rng.chance(25) {
            pairs.push((p["name"].as_str().unwrap().to_string(), value(rng, p)));
        }
    }
    if rng.chance(5) {
        pairs.push(("undocumented".into(), "1".into()));
    }
    serde_urlencoded::to_string(&pairs).unwrap()
}

struct Checker<'a> {
    doc: &'a Value,
    server: &'a TestServer,
    checked: usize,
}

impl Checker<'_> {
    /// Checks an answer against the operation's responses.
    fn check(&mut self, what: &str, op: &Value, status: u16, content_type: &str, body: &str) {
        assert!(status < 500, "{what}: server error {status}: {body}");
        let responses = &op["responses"];
        let Some(resp) = responses.get(status.to_string()) else {
            panic!("{what}: status {status} is not documented: {body}");
        };
        self.checked += 1;
        let Some(content) = resp["content"].as_object() else {
            return;
        };
        let media = content_type.split(';').next().unwrap_or("").trim();
        let Some(spec) = content.get(media).or_else(|| content.get("*/*")) else {
            panic!(
                "{what}: {status} answered {content_type}, documented: {:?}",
                content.keys()
            );
        };
        if media.ends_with("json") {
            let v: Value = serde_json::from_str(body)
                .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {body}"));
            let validator = schema_for(self.doc, &spec["schema"]);
            if let Err(e) = validator.validate(&v) {
                panic!(
                    "{what}: {status} does not match its schema: {e} at {}",
                    e.instance_path
                );
            }
        }
    }

    fn get(&mut self, path: &str, op: &Value) {
        let mut res = TestServer::agent()
            .get(&self.server.url(path))
            .call()
            .unwrap();
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = res
            .body_mut()
            .with_config()
            .limit(u64::MAX)
            .read_to_string()
            .unwrap();
        self.check(&format!("GET {path}"), op, status, &ct, &body);
    }
}

#[test]
fn every_answer_is_one_the_openapi_document_describes() {
    let mut records = fixtures();
    records.extend(rising_toll_without_dates());
    let s = TestServer::start(&records);
    let doc = s.get_json("/api/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    let paths: BTreeSet<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(
        paths,
        BTreeSet::from([
            "/api/documents",
            "/api/events",
            "/api/events/{id}",
            "/api/export",
            "/api/stats",
            "/api/stream",
            "/api/summary",
            "/api/webhooks",
            "/api/webhooks/{id}",
        ])
    );
    // Every schema compiles.
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        let _ = schema_for(
            &doc,
            &json!({"$ref": format!("#/components/schemas/{name}")}),
        );
        let _ = schema;
    }
    let seed: u64 = std::env::var("SITREP_API_CHECK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd);
    let cases: usize = std::env::var("SITREP_API_CHECK_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    eprintln!("seed {seed}, {cases} cases per operation");
    let mut rng = Rng(seed | 1);
    let mut c = Checker {
        doc: &doc,
        server: &s,
        checked: 0,
    };
    let kyiv = s.get_json("/api/events?place=Kyiv")["events"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // The plain answers first, then generated ones.
    for path in [
        "/api/events",
        "/api/summary",
        "/api/stats",
        "/api/export?format=json",
        "/api/export?format=geojson",
        "/api/export",
    ] {
        let op = &doc["paths"][path.split('?').next().unwrap()]["get"];
        c.get(path, op);
    }
    c.get(
        &format!("/api/events/{kyiv}"),
        &doc["paths"]["/api/events/{id}"]["get"],
    );
    for path in ["/api/events", "/api/summary", "/api/export"] {
        let op = &doc["paths"][path]["get"];
        let ps = params(&doc, op);
        for _ in 0..cases {
            let q = query(&mut rng, &ps);
            c.get(&format!("{path}?{q}"), op);
        }
    }
    let op = &doc["paths"]["/api/events/{id}"]["get"];
    for i in 0..cases / 4 {
        let id = if i % 3 == 0 {
            kyiv.clone()
        } else {
            rng.pick(ODD).to_string()
        };
        let enc: String = url_path(&id);
        c.get(&format!("/api/events/{enc}"), op);
    }
    // The stream: its first message, or a documented error.
    let op = &doc["paths"]["/api/stream"]["get"];
    let ps = params(&doc, op);
    for _ in 0..cases / 4 {
        let q = query(&mut rng, &ps);
        let res = TestServer::agent()
            .get(&s.url(&format!("/api/stream?{q}")))
            .call()
            .unwrap();
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        if status == 200 {
            assert_eq!(ct, "text/event-stream");
            let mut line = String::new();
            BufReader::new(res.into_body().into_reader())
                .read_line(&mut line)
                .unwrap();
            assert_eq!(line, "event: ready\n");
            c.checked += 1;
        } else {
            let body = res.into_body().read_to_string().unwrap();
            c.check(&format!("GET /api/stream?{q}"), op, status, &ct, &body);
        }
    }
    // Uploads of every kind of body, with and without the token.
    let op = &doc["paths"]["/api/documents"]["post"];
    let ps = params(&doc, op);
    let bodies: Vec<Vec<u8>> = vec![
        IZMAIL.as_bytes().to_vec(),
        b"<html><head><title>x</title></head><body><p>Drones hit Kharkiv on 2 May 2025.</p></body></html>".to_vec(),
        b"{\"text\": \"Shelling in Kherson on 3 May 2025.\", \"url\": \"https://e.example/1\"}\n{\"bad\": \n".to_vec(),
        b"<?xml version=\"1.0\"?><rss><channel><item><title>t</title><description>Explosions in Odesa on 4 May 2025.</description></item></channel></rss>".to_vec(),
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort".to_vec(),
        vec![0x1f, 0x8b, 0x08, 0, 1, 2, 3],
        (0..600u32).map(|i| (i * 7919 % 256) as u8).collect(),
        vec![],
        "Київ. Ракетний удар по місту 5 травня 2025 року.".as_bytes().to_vec(),
    ];
    for i in 0..cases / 3 {
        let q = query(&mut rng, &ps);
        let body = &bodies[i % bodies.len()];
        let mut req = TestServer::agent().post(&s.url(&format!("/api/documents?{q}")));
        if i % 5 != 4 {
            req = req.header("authorization", &format!("Bearer {TOKEN}"));
        }
        let mut res = req.send(&body[..]).unwrap();
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let text = res.body_mut().read_to_string().unwrap();
        c.check(
            &format!("POST /api/documents?{q} (body {i})"),
            op,
            status,
            &ct,
            &text,
        );
    }
    // Webhooks: registered, listed, removed, and nonsense refused.
    let add = &doc["paths"]["/api/webhooks"]["post"];
    let bodies = [
        json!({"url": "http://127.0.0.1:9/hook", "filters": {"kind": "shelling"}}),
        json!({"url": "http://127.0.0.1:9/hook"}),
        json!({"url": "ftp://nope"}),
        json!({"url": "http://127.0.0.1:9/hook", "filters": {"limit": "3"}}),
        json!({"url": "http://127.0.0.1:9/hook", "extra": 1}),
        json!({"filters": {}}),
        json!("just a string"),
        json!({"url": "http://127.0.0.1:9/hook", "secret": "whsec_short"}),
    ];
    let mut created = Vec::new();
    for b in &bodies {
        let mut res = TestServer::agent()
            .post(&s.url("/api/webhooks"))
            .header("authorization", &format!("Bearer {TOKEN}"))
            .send(b.to_string().as_bytes())
            .unwrap();
        let status = res.status().as_u16();
        let text = res.body_mut().read_to_string().unwrap();
        c.check(
            &format!("POST /api/webhooks {b}"),
            add,
            status,
            "application/json",
            &text,
        );
        if status == 201 {
            created.push(
                serde_json::from_str::<Value>(&text).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
    }
    assert_eq!(created.len(), 2);
    let mut res = TestServer::agent()
        .get(&s.url("/api/webhooks"))
        .header("authorization", &format!("Bearer {TOKEN}"))
        .call()
        .unwrap();
    let text = res.body_mut().read_to_string().unwrap();
    c.check(
        "GET /api/webhooks",
        &doc["paths"]["/api/webhooks"]["get"],
        200,
        "application/json",
        &text,
    );
    let del = &doc["paths"]["/api/webhooks/{id}"]["delete"];
    for id in created.iter().chain([&"wh_nothing".to_string()]) {
        let mut res = TestServer::agent()
            .delete(&s.url(&format!("/api/webhooks/{id}")))
            .header("authorization", &format!("Bearer {TOKEN}"))
            .call()
            .unwrap();
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let text = res.body_mut().read_to_string().unwrap();
        c.check(
            &format!("DELETE /api/webhooks/{id}"),
            del,
            status,
            &ct,
            &text,
        );
    }
    eprintln!("{} answers checked against the document", c.checked);
    assert!(c.checked > cases * 3);
}

/// Percent-encodes a path segment.
fn url_path(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.is_empty() {
        "%20".into()
    } else {
        out
    }
}
