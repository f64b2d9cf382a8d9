//! The conformance suite and the file-level behaviour of the SQLite store.

use sitrep_store::{testing, SqliteStore};

fn temp_store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("sitrep.db")).unwrap();
    (dir, store)
}

#[test]
fn conformance_in_memory() {
    testing::conformance_suite(|| SqliteStore::open_in_memory().unwrap());
}

#[test]
fn ingest_and_fetch_by_id() {
    let (_d, s) = temp_store();
    testing::check_ingest_and_fetch_by_id(s);
}

#[test]
fn batches_match_one_by_one() {
    let (_d, batched) = temp_store();
    let (_e, single) = temp_store();
    testing::check_batches_match_one_by_one(batched, single);
}

/// Fused events without their timestamps, for comparing two stores.
fn events_of(store: &SqliteStore) -> Vec<sitrep_store::StoredEvent> {
    sitrep_store::Store::events(store, &Default::default())
        .unwrap()
        .into_iter()
        .map(|e| sitrep_store::StoredEvent {
            first_seen: String::new(),
            last_updated: String::new(),
            ..e
        })
        .collect()
}

/// Two connections ingesting into one file in turns fuse exactly as one connection does: each
/// sees the events the other wrote, whatever it remembers of earlier ingests.
#[test]
fn two_writers_in_turns_fuse_as_one() {
    use sitrep_store::Store;
    let (_r, mut reference) = temp_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut a = SqliteStore::open(&path).unwrap();
    let mut b = SqliteStore::open(&path).unwrap();
    for i in 0..300 {
        let rec = testing::synthetic_record(i);
        let hash = sitrep_store::content_hash(&rec.document.text);
        let expected = reference.ingest_document(&rec, &hash).unwrap();
        let writer = if (i / 7) % 2 == 0 { &mut a } else { &mut b };
        assert_eq!(
            writer.ingest_document(&rec, &hash).unwrap(),
            expected,
            "{i}"
        );
    }
    assert!(reference.stats().unwrap().events < reference.stats().unwrap().reports);
    assert_eq!(a.stats().unwrap(), reference.stats().unwrap());
    let expected = events_of(&reference);
    assert!(
        events_of(&a) == expected,
        "the first writer sees other events"
    );
    assert!(
        events_of(&b) == expected,
        "the second writer sees other events"
    );
}

#[test]
fn idempotent_by_url_and_content_hash() {
    let (_d, s) = temp_store();
    testing::check_idempotent(s);
}

#[test]
fn five_reports_fuse_into_one_event() {
    let (_d, s) = temp_store();
    testing::check_fusion_of_five_reports(s);
}

#[test]
fn bryansk_events_stay_apart() {
    let (_d, s) = temp_store();
    testing::check_distinct_events_stay_apart(s);
}

#[test]
fn every_filter() {
    let (_d, s) = temp_store();
    testing::check_filters(s);
}

#[test]
fn revisions_replace_earlier_versions() {
    let (_d, s) = temp_store();
    testing::check_revisions_replace_earlier_versions(s);
}

#[test]
fn sparse_documents() {
    let (_d, s) = temp_store();
    testing::check_sparse_documents(s);
}

/// A database written by the first schema opens, gains the later tables and columns, keeps its
/// documents, and takes revisions from then on.
#[test]
fn a_first_schema_database_is_migrated_in_place() {
    use sitrep_store::Store;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/schema_v1.sql"))
            .unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 1;",
            sitrep_store::APPLICATION_ID
        ))
        .unwrap();
        conn.execute(
            "INSERT INTO documents (doc, url, content_hash, text, errors, fingerprint, event_count, ingested_at)
             VALUES ('old.txt', NULL, 'h1', 'Old text.', '[]', '[]', 0, '2025-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    let mut store = SqliteStore::open(&path).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.schema_version, stats.documents),
        (sitrep_store::SCHEMA_VERSION, 1)
    );
    assert!(store.has_document("h1").unwrap());
    let mut rec = testing::synthetic_record(3);
    rec.document.revision = Some("2025-04-14T06:31:10Z".into());
    let out = store
        .ingest_document(&rec, &sitrep_store::content_hash(&rec.document.text))
        .unwrap();
    assert!(!out.is_duplicate());
    assert!(store
        .ingest_document(&rec, &sitrep_store::content_hash(&rec.document.text))
        .unwrap()
        .is_duplicate());
}

#[test]
fn a_new_empty_file_is_migrated_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let mut store = SqliteStore::open(&path).unwrap();
    let stats = sitrep_store::Store::stats(&store).unwrap();
    assert_eq!(stats.schema_version, sitrep_store::SCHEMA_VERSION);
    let rec = testing::synthetic_record(1);
    let hash = sitrep_store::content_hash(&rec.document.text);
    sitrep_store::Store::ingest_document(&mut store, &rec, &hash).unwrap();
    drop(store);
    let header = std::fs::read(&path).unwrap();
    assert_eq!(&header[..16], b"SQLite format 3\0");
    assert_eq!(
        i32::from_be_bytes(header[68..72].try_into().unwrap()),
        sitrep_store::APPLICATION_ID
    );
    let store = SqliteStore::open(&path).unwrap();
    assert!(sitrep_store::Store::has_document(&store, &hash).unwrap());
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// Opening must fail with the path in the message and leave the file's bytes as they were.
fn assert_refused(path: &std::path::Path, why: &str) {
    let before = std::fs::read(path).unwrap();
    let err = match SqliteStore::open(path) {
        Ok(_) => panic!("{} was opened", path.display()),
        Err(e) => e.to_string(),
    };
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains(why), "{err}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "{} was modified",
        path.display()
    );
}

#[test]
fn a_text_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "Shopping list: bread, milk\n".repeat(20)).unwrap();
    assert_refused(&path, "not an SQLite database");
    let short = dir.path().join("short.db");
    std::fs::write(&short, b"SQLite").unwrap();
    assert_refused(&short, "not an SQLite database");
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('a');")
            .unwrap();
    }
    assert_refused(&path, "another application (tables: contacts)");
    let tagged = dir.path().join("tagged.db");
    {
        let c = rusqlite::Connection::open(&tagged).unwrap();
        c.execute_batch("PRAGMA application_id = 1234; CREATE TABLE t (x);")
            .unwrap();
    }
    assert_refused(&tagged, "application_id 0x4d2");
}

#[test]
fn a_newer_or_damaged_sitrep_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.db");
    drop(SqliteStore::open(&newer).unwrap());
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.execute_batch(&format!(
            "PRAGMA user_version = {};",
            sitrep_store::SCHEMA_VERSION + 1
        ))
        .unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    assert_refused(&newer, "newer than this program's");
    let damaged = dir.path().join("damaged.db");
    drop(SqliteStore::open(&damaged).unwrap());
    {
        let c = rusqlite::Connection::open(&damaged).unwrap();
        c.execute_batch("DROP TABLE event_actors; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    assert_refused(&damaged, "table event_actors is missing");
}

const CRASH_CHILD: &str = "SITREP_STORE_CRASH_CHILD";
const CRASH_BATCH: &str = "SITREP_STORE_CRASH_BATCH";
const CRASH_DOCS: usize = 400;

/// Run as a child process by the crash tests: ingests the synthetic documents in batches of
/// `$SITREP_STORE_CRASH_BATCH` (one by one when unset) and reports each committed document on
/// stdout.
#[test]
#[ignore = "run as a child process by the crash tests"]
fn crash_child() {
    let Ok(path) = std::env::var(CRASH_CHILD) else {
        return;
    };
    let batch: usize = std::env::var(CRASH_BATCH)
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(1);
    use std::io::Write;
    let mut store = SqliteStore::open(std::path::Path::new(&path)).unwrap();
    let mut out = std::io::stdout().lock();
    let records: Vec<_> = (0..CRASH_DOCS).map(testing::synthetic_record).collect();
    let hashes: Vec<String> = records
        .iter()
        .map(|r| sitrep_store::content_hash(&r.document.text))
        .collect();
    let mut i = 0;
    while i < CRASH_DOCS {
        let end = (i + batch).min(CRASH_DOCS);
        if batch == 1 {
            sitrep_store::Store::ingest_document(&mut store, &records[i], &hashes[i]).unwrap();
        } else {
            let docs: Vec<_> = (i..end)
                .map(|k| (&records[k], hashes[k].as_str()))
                .collect();
            sitrep_store::Store::ingest_batch(&mut store, &docs).unwrap();
        }
        for k in i..end {
            writeln!(out, "committed {k}").unwrap();
        }
        out.flush().unwrap();
        i = end;
    }
}

/// Starts the crash child with batches of `batch`, kills it (SIGKILL) after `kill_after`
/// committed documents, and checks that the database opens, passes an integrity check, holds
/// every committed document complete, and that ingesting everything again adds exactly the
/// missing documents.
fn kill_mid_ingest_and_resume(batch: usize, kill_after: usize) {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_child",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(CRASH_CHILD, &path)
        .env(CRASH_BATCH, batch.to_string())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut committed = Vec::new();
    for line in std::io::BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("committed ") {
            committed.push(n.parse::<usize>().unwrap());
            if committed.len() == kill_after {
                child.kill().unwrap(); // SIGKILL on Unix
                break;
            }
        }
    }
    child.wait().unwrap();
    assert_eq!(committed.len(), kill_after, "the child stopped early");

    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let contents = store.document_contents().unwrap();
    assert!(contents.len() >= committed.len() && contents.len() < CRASH_DOCS);
    assert_eq!(
        contents.len() % batch,
        0,
        "whole batches are stored, never part of one"
    );
    for (i, (doc, reports, claims)) in contents.iter().enumerate() {
        let rec = testing::synthetic_record(i);
        assert_eq!(doc, &rec.document.doc, "documents are stored in order");
        assert_eq!(
            *reports as usize,
            rec.events.len(),
            "{doc}: every event stored"
        );
        let n_claims: usize = rec.events.iter().map(|e| e.claims.len()).sum();
        assert_eq!(*claims as usize, n_claims, "{doc}: every claim stored");
    }
    // Resuming adds exactly the documents that were missing.
    let mut duplicates = 0;
    for i in 0..CRASH_DOCS {
        let rec = testing::synthetic_record(i);
        let hash = sitrep_store::content_hash(&rec.document.text);
        let out = sitrep_store::Store::ingest_document(&mut store, &rec, &hash).unwrap();
        duplicates += usize::from(out.is_duplicate());
    }
    assert_eq!(duplicates, contents.len());
    let stats = sitrep_store::Store::stats(&store).unwrap();
    assert_eq!(stats.documents as usize, CRASH_DOCS);
    let events: usize = (0..CRASH_DOCS)
        .map(|i| testing::synthetic_record(i).events.len())
        .sum();
    assert_eq!(stats.reports as usize, events);
    assert!(stats.events < stats.reports, "some synthetic reports fuse");
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn killed_mid_ingest_keeps_every_committed_document() {
    kill_mid_ingest_and_resume(1, 60);
}

#[test]
fn killed_mid_batch_keeps_every_committed_batch() {
    kill_mid_ingest_and_resume(16, 64);
}

#[test]
fn paging() {
    let (_d, s) = temp_store();
    testing::check_paging(s);
}

#[test]
fn change_feed() {
    let (_d, s) = temp_store();
    testing::check_change_feed(s);
}

#[test]
fn summaries() {
    let (_d, s) = temp_store();
    testing::check_summaries(s);
}

/// A database of schema version 1 (before the change feed) opens: the migration gives each
/// stored event a `created` entry in the order they were stored, and the outlet filter works
/// on the old events.
#[test]
fn a_version_1_database_is_migrated_with_its_events_in_the_feed() {
    use sitrep_store::{ChangeKind, EventFilter, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        for r in testing::kyiv_reports()
            .into_iter()
            .chain(testing::other_reports())
        {
            store
                .ingest_document(&r, &sitrep_store::content_hash(&r.document.text))
                .unwrap();
        }
    }
    {
        // Back to version 1: what versions 2 to 4 added is removed.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TABLE feeds; DROP TABLE feed_items; DROP TABLE hosts;
             DROP INDEX documents_doc; ALTER TABLE documents DROP COLUMN revision;
             DROP TABLE event_changes; DROP TABLE event_outlets; DROP INDEX events_attacker;
             DROP TABLE event_summaries;
             DELETE FROM sqlite_sequence; PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(
        store.stats().unwrap().schema_version,
        sitrep_store::SCHEMA_VERSION
    );
    let events = store.events(&EventFilter::default()).unwrap();
    let feed = store.changes_since(0, 100).unwrap();
    assert_eq!(feed.len(), 3);
    assert!(feed.iter().all(|c| c.kind == ChangeKind::Created));
    let mut feed_ids: Vec<_> = feed.iter().map(|c| c.event.event.id.clone()).collect();
    let mut ids: Vec<_> = events.iter().map(|e| e.event.id.clone()).collect();
    let kyiv = events
        .iter()
        .find(|e| e.event.location.as_ref().is_some_and(|l| l.name == "Kyiv"))
        .unwrap();
    assert_eq!(
        feed_ids[0], kyiv.event.id,
        "stored first, first in the feed"
    );
    feed_ids.sort();
    ids.sort();
    assert_eq!(feed_ids, ids);
    assert_eq!(store.latest_change().unwrap(), feed[2].seq);
    let tass = store
        .events(&EventFilter {
            outlet: Some("TASS".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(tass.len(), 1);
    // Each old event got its summary.
    let summaries = store.summaries(&EventFilter::default()).unwrap();
    let want: Vec<_> = events.iter().map(sitrep_store::EventSummary::of).collect();
    assert_eq!(summaries, want);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// A reader sees in the change feed what another connection (another process) committed.
#[test]
fn the_feed_shows_what_another_connection_wrote() {
    use sitrep_store::Store;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let reader = SqliteStore::open(&path).unwrap();
    let mut writer = SqliteStore::open(&path).unwrap();
    assert_eq!(reader.latest_change().unwrap(), 0);
    let mut seen = 0;
    let mut total = 0;
    for i in 0..40 {
        let rec = testing::synthetic_record(i);
        let out = writer
            .ingest_document(&rec, &sitrep_store::content_hash(&rec.document.text))
            .unwrap();
        total += out.events.len();
        let latest = reader.latest_change().unwrap();
        let got = reader.changes_since(seen, 1000).unwrap();
        assert_eq!(got.last().map_or(seen, |c| c.seq), latest);
        seen = latest;
    }
    assert_eq!(reader.changes_since(0, 10_000).unwrap().len(), total);
}

/// Pages found by probing the next rows in date order, and those found by SQLite's own plan
/// when the filter is rare, are both exactly the first events of the full query.
#[test]
fn probed_and_planned_pages_are_the_same_events() {
    use sitrep_store::{BBox, EventFilter, Store};
    let (_d, mut store) = temp_store();
    store
        .import_fused((0..6000).map(testing::synthetic_event))
        .unwrap();
    let bbox = |w, s, e, n| BBox {
        west: w,
        south: s,
        east: e,
        north: n,
    };
    let filters = [
        // Common: the page is within the probed rows.
        EventFilter {
            bbox: Some(bbox(22.0, 44.0, 35.0, 50.0)),
            ..Default::default()
        },
        EventFilter {
            text: Some("Zaporizhzhia".into()),
            ..Default::default()
        },
        EventFilter {
            outlet: Some("Kyiv Independent".into()),
            ..Default::default()
        },
        EventFilter {
            place: Some("Kharkiv".into()),
            kind: Some(sitrep_model::EventKind::AirStrike),
            ..Default::default()
        },
        // Helper tables matched row by row (common) or as a list (rare).
        EventFilter {
            outlet: Some("Reuters".into()),
            actor: Some("officials".into()),
            ..Default::default()
        },
        EventFilter {
            actor: Some("Kyiv officials".into()),
            weapon: Some("none at all".into()),
            ..Default::default()
        },
        EventFilter {
            actor: Some("Kyiv officials".into()),
            ..Default::default()
        },
        // Rare: SQLite's plan.
        EventFilter {
            bbox: Some(bbox(30.0, 48.0, 30.6, 48.6)),
            ..Default::default()
        },
        EventFilter {
            text: Some("2022-03-05".into()),
            ..Default::default()
        },
        EventFilter {
            place: Some("Atlantis".into()),
            ..Default::default()
        },
        EventFilter {
            near: Some(sitrep_store::Near {
                lat: 49.0,
                lon: 31.0,
                radius_km: 20.0,
            }),
            ..Default::default()
        },
    ];
    for f in filters {
        let all = store.events(&f).unwrap();
        for size in [1, 7, 25] {
            let mut seen = Vec::new();
            let mut cursor = None;
            loop {
                let page = store
                    .events_page(&EventFilter {
                        limit: Some(size),
                        cursor: cursor.take(),
                        ..f.clone()
                    })
                    .unwrap();
                seen.extend(page.events);
                match page.next {
                    Some(n) if seen.len() < 80 => cursor = Some(n),
                    _ => break,
                }
            }
            let n = seen.len();
            assert_eq!(seen, all[..n], "{f:?}, pages of {size}");
            assert!(n == all.len() || n >= 80, "{f:?}");
        }
        let sums = store
            .summaries(&EventFilter {
                limit: Some(30),
                ..f.clone()
            })
            .unwrap();
        let want: Vec<_> = all
            .iter()
            .take(30)
            .map(sitrep_store::EventSummary::of)
            .collect();
        assert_eq!(sums, want, "{f:?}");
    }
}

/// A misread range whose last day is before its first counts as its first day, for `since`
/// in SQL and in memory alike, and in its summary.
#[test]
fn a_range_ending_before_it_starts_is_its_first_day() {
    use chrono::NaiveDate;
    use sitrep_model::PartialDate;
    use sitrep_store::{EventFilter, Store};
    let day = |d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let (_d, mut store) = temp_store();
    let mut reversed = testing::synthetic_event(0);
    if let Some(d) = &mut reversed.event.date {
        d.start = PartialDate::from_naive(day("2024-03-10"));
        d.end = PartialDate::from_naive(day("2024-03-02"));
    }
    let mut earlier = testing::synthetic_event(1);
    if let Some(d) = &mut earlier.event.date {
        d.start = PartialDate::from_naive(day("2024-03-01"));
        d.end = PartialDate::from_naive(day("2024-03-04"));
    }
    let events = [reversed.clone(), earlier.clone()];
    store.import_fused(events.iter().cloned()).unwrap();
    for (since, want) in [
        ("2024-03-03", vec!["bench-0", "bench-1"]),
        ("2024-03-05", vec!["bench-0"]),
        ("2024-03-10", vec!["bench-0"]),
        ("2024-03-11", vec![]),
    ] {
        let f = EventFilter {
            since: Some(day(since)),
            ..Default::default()
        };
        let got: Vec<String> = store
            .events(&f)
            .unwrap()
            .into_iter()
            .map(|e| e.event.id.0)
            .collect();
        assert_eq!(got, want, "since {since}");
        let by_matches: Vec<&str> = events
            .iter()
            .filter(|e| f.matches(e))
            .map(|e| e.event.id.0.as_str())
            .collect();
        assert_eq!(by_matches, want, "matches() since {since}");
    }
    let summaries = store.summaries(&EventFilter::default()).unwrap();
    assert_eq!(summaries[0].id.0, "bench-0");
    assert_eq!(summaries[0].start, Some(day("2024-03-10")));
    assert_eq!(summaries[0].end, Some(day("2024-03-10")));
}
