//! A server on a loopback port over a temporary database, for the HTTP and browser tests.
#![allow(dead_code)]

use sitrep_model::{DocumentRecord, EventKind, LocationPrecision, Stance, Status};
use sitrep_serve::{Extract, Extracted, Options, Server, StoreFactory, Upload};
use sitrep_store::testing::{self, Spec};
use sitrep_store::{content_hash, SqliteStore, Store};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

pub const TOKEN: &str = "test-token-0123456789";

/// Uploads through the same stages as `sitrep ingest`: reading, main text, recognition and
/// event extraction.
pub struct RealPipeline;

fn recogniser() -> &'static sitrep_recognise::Recogniser {
    static R: OnceLock<sitrep_recognise::Recogniser> = OnceLock::new();
    R.get_or_init(sitrep_recognise::Recogniser::new)
}

impl Extract for RealPipeline {
    fn extract(&self, upload: Upload) -> Extracted {
        let opts = sitrep_ingest::IngestOptions {
            published: upload.published,
            fetch_pages: false,
        };
        let mut out = Extracted::default();
        for raw in sitrep_ingest::read_bytes(&upload.name, upload.body, &opts) {
            match raw {
                Ok(raw) => {
                    let document = sitrep_ingest::to_document(raw, &opts);
                    let mentions = recogniser().recognise(&document);
                    let events = sitrep_events::extract(&document, &mentions);
                    out.records.push(DocumentRecord {
                        document,
                        events,
                        mentions: Some(mentions),
                    });
                }
                Err(e) => out.errors.push(e.to_string()),
            }
        }
        out
    }
}

/// A document whose title, outlet, place, claim and quote are markup meant to run.
pub fn hostile_record() -> DocumentRecord {
    const TEXT: &str = "<img src=x onerror=\"document.title='pwned'\"> Shelling hit <script>document.title='pwned'</script> Kherson on April 2, officials said.";
    let mut rec = testing::article(
        "hostile.html",
        "<b onmouseover=alert(1)>Evil Outlet</b>",
        Some("javascript:alert(1)"),
        "2025-04-02",
        TEXT,
        &[Spec {
            kind: EventKind::Shelling,
            date: "2025-04-02",
            place: Some((
                (
                    "<script>document.title='pwned'</script>Kherson",
                    "Kherson Oblast",
                    "UA",
                    46.64,
                    32.61,
                ),
                LocationPrecision::Place,
            )),
            attacker: None,
            weapons: &["<img src=x onerror=alert(2)>"],
            launched: None,
            intercepted: None,
            claims: &[(
                "<i>Officials</i><img src=x onerror=\"document.title='pwned'\">",
                Stance::Asserts,
            )],
            status: Status::Reported,
            evidence: "<script>document.title='pwned'</script> Kherson",
        }],
    );
    rec.document.title = Some(
        "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
            .into(),
    );
    rec
}

/// The store fixtures: five reports of one Kyiv strike (with a contradiction), two Bryansk
/// events, Odesa and Kharkiv, and the hostile document.
pub fn fixtures() -> Vec<DocumentRecord> {
    let mut v = testing::kyiv_reports();
    v.extend(testing::bryansk_reports());
    v.extend(testing::other_reports());
    v.push(hostile_record());
    v
}

pub struct TestServer {
    pub base: String,
    pub db: PathBuf,
    pub server_dir: tempfile::TempDir,
    pub rt: tokio::runtime::Runtime,
}

impl TestServer {
    /// A server over a database holding `records`.
    pub fn start(records: &[DocumentRecord]) -> TestServer {
        Self::start_with(records, |_| {})
    }

    pub fn start_with(records: &[DocumentRecord], tune: impl FnOnce(&mut Options)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("sitrep.db");
        {
            let mut store = SqliteStore::open(&db).unwrap();
            for r in records {
                store
                    .ingest_document(r, &content_hash(&r.document.text))
                    .unwrap();
            }
        }
        let path = db.clone();
        let factory: StoreFactory = Arc::new(move || {
            SqliteStore::open(&path).map(|s| Box::new(s) as Box<dyn Store + Send>)
        });
        let access = sitrep_serve::access_for(
            "127.0.0.1:0".parse().unwrap(),
            Some(TOKEN.to_string()),
            false,
        )
        .unwrap();
        let mut options = Options::new(access);
        options.poll = Duration::from_millis(50);
        tune(&mut options);
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let base = rt.block_on(async {
            let server = Server::new(factory, Arc::new(RealPipeline), options).unwrap();
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(server.serve(listener, std::future::pending()));
            format!("http://{addr}")
        });
        TestServer {
            base,
            db,
            server_dir: dir,
            rt,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Registers a webhook through the server's runtime.
    pub fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .new_agent()
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let mut res = Self::agent().get(&self.url(path)).call().unwrap();
        let status = res.status().as_u16();
        (status, res.body_mut().read_to_string().unwrap())
    }

    pub fn get_json(&self, path: &str) -> serde_json::Value {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).unwrap()
    }

    /// POSTs a document with the token.
    pub fn post_document(&self, query: &str, body: &str) -> (u16, serde_json::Value) {
        let mut res = Self::agent()
            .post(&self.url(&format!("/api/documents{query}")))
            .header("authorization", &format!("Bearer {TOKEN}"))
            .send(body.as_bytes())
            .unwrap();
        let status = res.status().as_u16();
        let text = res.body_mut().read_to_string().unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }
}

/// A short wire report that the real pipeline turns into one drone strike on Izmail.
pub const IZMAIL: &str = "Russian drones struck the port of Izmail in Odesa Oblast overnight on 3 March 2025, the regional governor said. Ukrainian air defence shot down 12 of 15 drones.";
