//! Throughput of [`sitrep_html::extract`] over a folder of pages, single thread, in memory.
//!
//! Pages come from `SITREP_BENCH_PAGES` or, by default, the public article-extraction benchmark
//! beside the repository (`../../../shared/bench/article-extraction/html` from this crate).
//! `.html.gz` pages are decompressed before timing. Each round runs `extract` over every page;
//! a baseline that only strips tags from the same strings runs in the same process, so the
//! ratio between the two is comparable across machines.
//!
//! `cargo bench -p sitrep-html --bench extract`

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

const ROUNDS: usize = 5;

fn load(dir: &PathBuf) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return Vec::new(),
    };
    paths.sort();
    let mut pages = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut raw = Vec::new();
        let ok = if name.ends_with(".gz") {
            std::fs::File::open(&path)
                .and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut raw))
                .is_ok()
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            std::fs::File::open(&path)
                .and_then(|mut f| f.read_to_end(&mut raw))
                .is_ok()
        } else {
            false
        };
        if ok {
            pages.push((name, String::from_utf8_lossy(&raw).into_owned()));
        }
    }
    pages
}

/// The cheapest reading of a page: the characters outside `<...>`, counted.
fn strip_tags(html: &str) -> usize {
    let mut inside = false;
    let mut n = 0;
    for b in html.bytes() {
        match b {
            b'<' => inside = true,
            b'>' => inside = false,
            _ if !inside => n += 1,
            _ => {}
        }
    }
    n
}

fn main() {
    let dir = std::env::var_os("SITREP_BENCH_PAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/bench/article-extraction/html")
        });
    if !dir.is_dir() {
        println!(
            "skipping: no benchmark pages at {} (set SITREP_BENCH_PAGES)",
            dir.display()
        );
        return;
    }
    let pages = load(&dir);
    let expected = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    n.ends_with(".html") || n.ends_with(".htm") || n.ends_with(".gz")
                })
                .count()
        })
        .unwrap_or(0);
    assert_eq!(
        pages.len(),
        expected,
        "every page in {} must load",
        dir.display()
    );
    assert!(!pages.is_empty(), "no pages in {}", dir.display());
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    let mb = bytes as f64 / 1e6;

    // Warm-up round, which also checks the output.
    let mut text_chars = 0usize;
    let mut processed = 0usize;
    for (_, html) in &pages {
        let ex = sitrep_html::extract(html);
        text_chars += ex.text.len();
        processed += 1;
    }
    assert_eq!(processed, pages.len());
    assert!(text_chars > 0, "extracted text is empty");

    let start = Instant::now();
    let mut sink = 0usize;
    for _ in 0..ROUNDS {
        for (_, html) in &pages {
            sink = sink.wrapping_add(std::hint::black_box(sitrep_html::extract(html)).text.len());
        }
    }
    let ours = start.elapsed().as_secs_f64() / ROUNDS as f64;

    let start = Instant::now();
    for _ in 0..ROUNDS {
        for (_, html) in &pages {
            sink = sink.wrapping_add(strip_tags(std::hint::black_box(html)));
        }
    }
    let base = start.elapsed().as_secs_f64() / ROUNDS as f64;
    std::hint::black_box(sink);

    let n = pages.len() as f64;
    println!(
        "pages: {} ({:.1} MB decoded), rounds: {ROUNDS}",
        pages.len(),
        mb
    );
    println!(
        "extract:    {:.1} pages/s, {:.1} MB/s ({:.1} ms per round)",
        n / ours,
        mb / ours,
        ours * 1e3
    );
    println!(
        "strip_tags: {:.1} pages/s, {:.1} MB/s ({:.1} ms per round)",
        n / base,
        mb / base,
        base * 1e3
    );
    println!("extract takes {:.1}x the time of strip_tags", ours / base);
}
