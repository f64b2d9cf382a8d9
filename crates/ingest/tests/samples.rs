//! The bundled sample articles under `samples/`: the WARC sample is rebuilt from the pages below
//! (and must match the committed file; `UPDATE_EXPECT=1` rewrites it), and the whole folder must
//! ingest into documents with their metadata and without boilerplate.

use flate2::write::GzEncoder;
use sitrep_ingest::{response_record, sources, to_document, IngestOptions};
use std::io::Write;
use std::path::PathBuf;

const LIPETSK: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Drones target Lipetsk airfield, governor reports fire</title>
<meta property="og:site_name" content="Volga Observer">
<meta property="article:published_time" content="2025-08-09T07:15:00+03:00">
</head><body>
<nav><a href="/">Home</a> <a href="/regions">Regions</a></nav>
<h1>Drones target Lipetsk airfield, governor reports fire</h1>
<p>Ukrainian drones attacked the Lipetsk region of Russia overnight, starting a fire near a military airfield, regional governor Igor Artamonov said on Saturday.</p>
<p>Artamonov said debris from drones shot down by air defences had fallen on the territory of an "enterprise" in the Lipetsk district and that residents of two nearby villages had been temporarily evacuated.</p>
<p>Ukraine's General Staff said later that its forces had struck the Lipetsk air base, where Su-34 and Su-35 fighter jets are stationed, and that the results of the strike were being clarified.</p>
<p>Russia's Defence Ministry said 24 Ukrainian drones had been destroyed over the Lipetsk, Voronezh and Kursk regions. It did not mention damage at the airfield.</p>
<p>Share</p>
</body></html>"#;

const ZNPP: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Zaporizhzhia nuclear plant loses last external power line after shelling</title>
<meta property="og:site_name" content="Energy Security Watch">
</head><body>
<h1>Zaporizhzhia nuclear plant loses last external power line after shelling</h1>
<p>The Russian-occupied Zaporizhzhia nuclear power plant lost its last remaining external power line on Tuesday and switched to emergency diesel generators, the International Atomic Energy Agency said.</p>
<p>IAEA Director General Rafael Grossi said the 750-kilovolt Dniprovska line was disconnected at 16:05 local time after military activity about one kilometre from the site. "Nuclear safety is again hanging by a thread," he said.</p>
<p>Russia's state nuclear company Rosatom blamed Ukrainian shelling for the outage. Ukraine's energy ministry said Russian forces had damaged the line and accused Moscow of trying to connect the plant to the Russian grid.</p>
<p>The plant's six reactors are in cold shutdown. The IAEA said the diesel generators had fuel for at least ten days.</p>
<p>Related: Inspectors report mines near plant perimeter</p>
</body></html>"#;

fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// The crawl sample: a warcinfo record, a request record and two responses, one gzip member each.
/// The second response is sent chunked and gzip-compressed, as servers often do.
fn build_warc_gz() -> Vec<u8> {
    let info = b"software: sitrep sample writer\r\nformat: WARC File Format 1.0\r\n";
    let mut warcinfo = format!(
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:6a1e7c52-0000-4000-8000-000000000001>\r\nWARC-Date: 2025-08-12T10:00:00Z\r\nContent-Type: application/warc-fields\r\nContent-Length: {}\r\n\r\n",
        info.len()
    )
    .into_bytes();
    warcinfo.extend_from_slice(info);
    warcinfo.extend_from_slice(b"\r\n\r\n");
    let req = b"GET /lipetsk-airfield HTTP/1.1\r\nHost: volga-observer.example\r\n\r\n";
    let mut request = format!(
        "WARC/1.0\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:6a1e7c52-0000-4000-8000-000000000002>\r\nWARC-Date: 2025-08-12T10:00:01Z\r\nWARC-Target-URI: https://volga-observer.example/lipetsk-airfield\r\nContent-Type: application/http; msgtype=request\r\nContent-Length: {}\r\n\r\n",
        req.len()
    )
    .into_bytes();
    request.extend_from_slice(req);
    request.extend_from_slice(b"\r\n\r\n");
    let first = response_record(
        "https://volga-observer.example/lipetsk-airfield",
        "urn:uuid:6a1e7c52-0000-4000-8000-000000000003",
        "2025-08-12T10:00:02Z",
        "Content-Type: text/html; charset=utf-8\r\n",
        LIPETSK.as_bytes(),
    );
    let zipped = gzip(ZNPP.as_bytes());
    let mut chunked = Vec::new();
    for part in zipped.chunks(200) {
        chunked.extend(format!("{:x}\r\n", part.len()).into_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let second = response_record(
        "https://energy-watch.example/znpp-power-line",
        "urn:uuid:6a1e7c52-0000-4000-8000-000000000004",
        "2025-08-12T10:00:05Z",
        "Content-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        &chunked,
    );
    [warcinfo, request, first, second]
        .iter()
        .flat_map(|r| gzip(r))
        .collect()
}

#[test]
fn warc_sample_is_up_to_date() {
    let path = samples_dir().join("crawl.warc.gz");
    let built = build_warc_gz();
    if std::env::var_os("UPDATE_EXPECT").is_some() || !path.exists() {
        std::fs::write(&path, &built).unwrap();
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        built,
        "samples/crawl.warc.gz is stale: rerun with UPDATE_EXPECT=1"
    );
}

#[test]
fn samples_folder_ingests_into_documents_with_metadata_and_without_boilerplate() {
    let opts = IngestOptions::default();
    let dir = samples_dir().display().to_string();
    let mut docs = Vec::new();
    for item in sources(&[dir], &opts) {
        let raw = item.unwrap_or_else(|e| panic!("{e}"));
        docs.push(to_document(raw, &opts));
    }
    let ids: Vec<&str> = docs.iter().map(|d| d.doc.0.as_str()).collect();
    assert_eq!(docs.len(), 27, "{ids:?}");
    // The channel's posts (samples/export) are checked by the next test.
    let (posts, docs): (Vec<_>, Vec<_>) = docs.iter().partition(|d| d.doc.0.starts_with("t.me/"));
    assert_eq!(posts.len(), 13);
    for d in &docs {
        assert!(d.title.is_some(), "{} has no title", d.doc);
        assert!(
            d.text.split("\n\n").count() >= 3,
            "{} text too short: {:?}",
            d.doc,
            d.text
        );
        assert_eq!(d.language.as_deref(), Some("en"), "{}", d.doc);
        for junk in [
            "Share\n",
            "Sign up for",
            "Follow us",
            "Rate this article",
            "Read more",
            "Related:",
            "Photo:",
            "All rights reserved",
            "uses cookies",
            "23 comments",
            "Don't miss",
        ] {
            assert!(
                !d.text.contains(junk) && !d.text.ends_with(junk.trim()),
                "{} keeps {junk:?}",
                d.doc
            );
        }
    }
    let by_id = |id: &str| {
        docs.iter()
            .find(|d| d.doc.0 == id)
            .unwrap_or_else(|| panic!("no {id} in {ids:?}"))
    };
    let d = by_id("01_air_force_overnight_drones.txt");
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2025-04-13")
    );
    assert_eq!(
        (d.author.as_deref(), d.outlet.as_deref()),
        (Some("Marta Kovalchuk"), Some("Frontline Desk"))
    );
    let d = by_id("03_kharkiv_glide_bombs.txt");
    assert_eq!(
        d.title.as_deref(),
        Some("Glide Bombs Strike Kharkiv, Two Killed and 19 Injured")
    );
    assert_eq!(d.outlet.as_deref(), Some("Eastern Ukraine Monitor"));
    assert!(d.text.starts_with("Glide Bombs Strike Kharkiv"));
    let d = by_id("02_mod_belgorod_bryansk_intercepts.txt");
    assert!(
        d.text.starts_with("Russia Claims 14 Ukrainian Missiles"),
        "section label kept: {}",
        &d.text[..40]
    );
    let d = by_id("briefing-2025-0517-istanbul");
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2025-05-17")
    );
    assert_eq!(d.outlet.as_deref(), Some("Eastern Europe Briefing"));
    let d = by_id("wire-2025-0702-kherson");
    assert_eq!(d.outlet.as_deref(), Some("South Wire"));
    let d = by_id("https://pravda-ne.example/crimea-oil-depot");
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2025-06-14")
    );
    assert!(d.text.contains("sea drones and long-range strike drones"));
    // The windows-1252 page decodes its curly quotes.
    let d = by_id("08_himars_claim_denied.html");
    assert!(
        d.text
            .contains("Ukraine’s General Staff rejected the claim as “fake”"),
        "{}",
        d.text
    );
    // The caption the page repeats is kept at most once (extraction may drop captions).
    let d = by_id("07_odesa_port_strike.html");
    assert!(
        d.text
            .matches("Firefighters work at a damaged grain terminal")
            .count()
            <= 1,
        "{}",
        d.text
    );
    assert_eq!(d.outlet.as_deref(), Some("Black Sea Herald"));
    assert!(d
        .text
        .contains("killing four port workers and injuring seven"));
    let d = by_id("urn:uuid:6a1e7c52-0000-4000-8000-000000000004");
    assert_eq!(
        d.url.as_deref(),
        Some("https://energy-watch.example/znpp-power-line")
    );
    assert!(
        d.text.contains("Dniprovska line was disconnected"),
        "{}",
        d.text
    );
}

/// The sample channel export: one document per post with text (the pinned-message notice and
/// the photo without a caption are not posts), the channel as outlet, the local time with its
/// offset, and the later dump's edit as a newer revision of the same post.
#[test]
fn sample_channel_export_gives_one_document_per_post() {
    let opts = IngestOptions::default();
    let dir = samples_dir().join("export").display().to_string();
    let mut docs = Vec::new();
    for item in sources(&[dir], &opts) {
        let raw = item.unwrap_or_else(|e| panic!("{e}"));
        docs.push(to_document(raw, &opts));
    }
    let ids: Vec<&str> = docs.iter().map(|d| d.doc.0.as_str()).collect();
    assert_eq!(
        ids,
        [2101, 2102, 2103, 2105, 2106, 2107, 2108, 2109, 2110, 2111, 2112, 2105, 2113]
            .map(|n| format!("t.me/c/1873304519/{n}"))
    );
    for d in &docs {
        assert!(d.errors.is_empty(), "{}: {:?}", d.doc, d.errors);
        assert_eq!(
            d.outlet.as_deref(),
            Some("Південь і Схід | South & East Monitor")
        );
        assert!(
            d.url.is_none(),
            "the export does not name the channel's username"
        );
        assert!(!d.text.is_empty());
    }
    let first = &docs[0];
    assert_eq!(
        first.published_at.as_deref(),
        Some("2025-04-14T00:41:12+03:00")
    );
    assert_eq!(
        first.published.map(|p| p.to_string()).as_deref(),
        Some("2025-04-14")
    );
    assert!(first
        .text
        .contains("Kyiv: air raid alert. Threat of ballistic missiles."));
    let forwarded = &docs[4];
    assert_eq!(forwarded.author.as_deref(), Some("Министерство обороны РФ"));
    assert_eq!(forwarded.language.as_deref(), Some("ru"));
    assert_eq!(docs[7].language.as_deref(), Some("uk"));
    assert_eq!(docs[9].text, "Відбій тривоги у Києві / All clear in Kyiv");
    // The post and its edit: same id, later revision, new toll.
    let (before, after) = (&docs[3], &docs[11]);
    assert_eq!(before.doc, after.doc);
    assert_eq!(before.revision.as_deref(), Some("2025-04-14T06:31:10Z"));
    assert_eq!(after.revision.as_deref(), Some("2025-04-14T08:02:48Z"));
    assert!(before.text.contains("Two people were injured"));
    assert!(after
        .text
        .contains("One person was killed and four were injured"));
}
