//! The store subcommands: `ingest` stores extracted documents and fuses their events, `events`
//! queries the fused events, `event` shows one with every claim, source and quoted passage, and
//! `export` writes them as ACLED-style CSV, GeoJSON or JSON.
//!
//! Main types: [`IngestArgs`], [`EventsArgs`], [`EventArgs`], [`ExportArgs`] (clap arguments,
//! with the shared [`FilterArgs`]) and [`IngestSummary`].

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use sitrep_model::{Count, DocumentRecord, EventKind, LocationPrecision, Status};
use sitrep_store::{
    AnyStore, EventFilter, Location, Near, OpenMode, Store, StoredEvent, TextHashes,
};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Radius of `--near` when `--radius-km` is not given.
const DEFAULT_RADIUS_KM: f64 = 25.0;

#[derive(Args, Debug, Clone)]
pub struct IngestArgs {
    /// Database file or postgres:// URL (default: $SITREP_DB, else sitrep/sitrep.db in the
    /// user's data directory).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Files, folders (read recursively), `-` for standard input, or http(s) URLs.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Publication date (YYYY-MM-DD) to resolve relative dates against, overriding the inputs'.
    #[arg(long)]
    pub published: Option<String>,
}

/// What an ingest run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestSummary {
    /// Documents stored.
    pub documents: usize,
    pub new_events: usize,
    pub merged_events: usize,
    /// Documents already stored (same URL or same text), skipped.
    pub duplicates: usize,
    /// Stored documents that replaced an earlier version of themselves (an edited message).
    pub replaced: usize,
    /// Inputs that could not be read or stored.
    pub errors: usize,
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} documents stored", self.documents)?;
        if self.replaced > 0 {
            write!(f, " ({} replacing an earlier version)", self.replaced)?;
        }
        write!(
            f,
            ": {} new events, {} merged into stored events; {} duplicates skipped; {} errors",
            self.new_events, self.merged_events, self.duplicates, self.errors
        )
    }
}

/// The database: `--db`, else `$SITREP_DB`, else `sitrep/sitrep.db` in the user's data
/// directory.
pub fn db_location(arg: Option<&Path>) -> Result<Location> {
    Ok(Location::resolve(arg.map(Path::as_os_str))?)
}

/// Opens the database for writing, creating it (and its folder, or its schema) when missing.
pub(crate) fn open_for_writing(arg: Option<&Path>) -> Result<AnyStore> {
    Ok(sitrep_store::open(&db_location(arg)?, OpenMode::Create)?)
}

/// Opens an existing database for queries.
fn open_existing(arg: Option<&Path>) -> Result<AnyStore> {
    Ok(sitrep_store::open(&db_location(arg)?, OpenMode::Existing)?)
}

/// Documents stored per transaction by `ingest`.
///
/// Committing is the dearest part of storing a document (each commit appends every page it
/// touched to the write-ahead log), so `ingest` commits documents in batches. A batch is one
/// transaction: a process killed mid-batch leaves the database as it was after the previous
/// batch (it opens, passes an integrity check and holds every document of every committed
/// batch), and running the same ingest again stores the rest, as committed documents are
/// skipped as duplicates. The progress count and the summary count only committed documents.
pub(crate) const BATCH_DOCS: usize = 64;

/// A batch is also committed once this much time has passed since its first document was
/// extracted, checked when the next document arrives, so that slow inputs (fetched pages) do
/// not keep finished documents uncommitted for long.
const BATCH_TIME: std::time::Duration = std::time::Duration::from_secs(2);

/// Documents extracted but not yet committed.
struct Pending {
    docs: Vec<DocumentRecord>,
    since: Option<std::time::Instant>,
}

impl Pending {
    fn is_due(&self) -> bool {
        self.docs.len() >= BATCH_DOCS || self.since.is_some_and(|t| t.elapsed() >= BATCH_TIME)
    }

    /// Stores the pending documents in one transaction and counts them in `summary`. The
    /// documents' text hashes (content hash and fingerprint) are computed first, in parallel on
    /// the extraction threads, so that the single writer only stores. When the batch fails, its
    /// documents are stored one by one, so that every document before the one that fails is
    /// kept and the error names that document.
    fn commit(
        &mut self,
        store: &mut AnyStore,
        summary: &mut IngestSummary,
        bar: &indicatif::ProgressBar,
    ) -> Result<()> {
        self.since = None;
        if self.docs.is_empty() {
            return Ok(());
        }
        let docs = std::mem::take(&mut self.docs);
        let hashes: Vec<TextHashes> = docs
            .par_iter()
            .map(|r| TextHashes::of(&r.document.text))
            .collect();
        let refs: Vec<(&DocumentRecord, &TextHashes)> = docs.iter().zip(&hashes).collect();
        let outcomes = match store.ingest_batch_hashed(&refs) {
            Ok(outcomes) => outcomes,
            Err(_) => {
                for (rec, hash) in docs.iter().zip(&hashes) {
                    let out = store
                        .ingest_document(rec, hash.content_hash())
                        .with_context(|| format!("could not store {}", rec.document.doc))?;
                    summary.count(&out);
                    bar.inc(1);
                }
                return Ok(());
            }
        };
        for out in &outcomes {
            summary.count(out);
        }
        bar.inc(outcomes.len() as u64);
        bar.set_message(format!("{} events", summary.new_events));
        Ok(())
    }
}

impl IngestSummary {
    fn count(&mut self, out: &sitrep_store::IngestOutcome) {
        if out.is_duplicate() {
            self.duplicates += 1;
        } else {
            self.documents += 1;
            self.replaced += usize::from(out.replaced.is_some());
            self.new_events += out.new_events;
            self.merged_events += out.merged_events;
        }
    }
}

/// Stores the documents that the pipeline made from `args.inputs`, fusing their events with the
/// stored ones, with a progress bar when stderr is a terminal and a summary on stderr at the
/// end. Documents are committed in batches (see [`BATCH_DOCS`]). An input the pipeline could
/// not read is reported and counted; a database error stops the run (what was committed before
/// it stays stored).
pub fn run_ingest(
    args: IngestArgs,
    docs: impl Iterator<Item = Result<DocumentRecord>>,
) -> Result<IngestSummary> {
    let mut store = open_for_writing(args.db.as_deref())?;
    let bar = crate::progress();
    let mut summary = IngestSummary::default();
    let mut pending = Pending {
        docs: Vec::with_capacity(BATCH_DOCS),
        since: None,
    };
    for item in docs {
        match item {
            Ok(rec) => {
                pending.docs.push(rec);
                pending.since.get_or_insert_with(std::time::Instant::now);
            }
            Err(e) => {
                bar.suspend(|| eprintln!("sitrep: {e:#}"));
                summary.errors += 1;
                bar.inc(1);
            }
        }
        if pending.is_due() {
            pending.commit(&mut store, &mut summary, &bar)?;
        }
    }
    pending.commit(&mut store, &mut summary, &bar)?;
    bar.finish_and_clear();
    eprintln!("sitrep: {summary}");
    Ok(summary)
}

/// The filters of `events` and `export`.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Events on or before this day (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Event kind, e.g. missile_strike, drone_strike, shelling.
    #[arg(long)]
    pub kind: Option<String>,
    /// A place: matches the location's name, its region or the location text.
    #[arg(long)]
    pub place: Option<String>,
    /// Events within --radius-km of this point, given as LAT,LON.
    #[arg(long, allow_hyphen_values = true)]
    pub near: Option<String>,
    /// Radius of --near in kilometres (default 25).
    #[arg(long)]
    pub radius_km: Option<f64>,
    /// ISO 3166-1 alpha-2 country code, e.g. UA.
    #[arg(long)]
    pub country: Option<String>,
    /// First-level region, e.g. "Bryansk Oblast".
    #[arg(long)]
    pub admin1: Option<String>,
    /// An actor: the attacker, the target or a claim's source.
    #[arg(long)]
    pub actor: Option<String>,
    /// A weapon, e.g. ATACMS, Shahed.
    #[arg(long)]
    pub weapon: Option<String>,
    /// confirmed, reported, claimed, unverified, disputed or denied.
    #[arg(long)]
    pub status: Option<String>,
    /// At least this many independent sources.
    #[arg(long)]
    pub min_sources: Option<usize>,
    /// Words that must all occur in the event's text (places, actors, claims, evidence).
    #[arg(long)]
    pub text: Option<String>,
    /// At most this many events, latest first.
    #[arg(long)]
    pub limit: Option<usize>,
}

fn parse_day(flag: &str, s: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .with_context(|| format!("{flag} {s:?} is not a date of the form YYYY-MM-DD"))
}

impl FilterArgs {
    /// The store filter, with every value checked.
    pub fn to_filter(&self) -> Result<EventFilter> {
        let kind = match &self.kind {
            Some(k) => Some(EventKind::parse(k).with_context(|| {
                let all: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("--kind {k:?} is not one of: {}", all.join(", "))
            })?),
            None => None,
        };
        let status = match &self.status {
            Some(s) => Some(Status::parse(s).with_context(|| {
                format!("--status {s:?} is not one of: confirmed, reported, claimed, unverified, disputed, denied")
            })?),
            None => None,
        };
        let near = match &self.near {
            Some(s) => {
                let bad = || format!("--near {s:?} is not LAT,LON (e.g. 50.45,30.52)");
                let (lat, lon) = s.split_once(',').with_context(bad)?;
                let lat: f64 = lat
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.abs() <= 90.0)
                    .with_context(bad)?;
                let lon: f64 = lon
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.abs() <= 180.0)
                    .with_context(bad)?;
                let radius_km = self.radius_km.unwrap_or(DEFAULT_RADIUS_KM);
                if !(radius_km.is_finite() && radius_km > 0.0) {
                    bail!("--radius-km must be a positive number of kilometres");
                }
                Some(Near {
                    lat,
                    lon,
                    radius_km,
                })
            }
            None if self.radius_km.is_some() => bail!("--radius-km needs --near LAT,LON"),
            None => None,
        };
        Ok(EventFilter {
            since: self
                .since
                .as_deref()
                .map(|s| parse_day("--since", s))
                .transpose()?,
            until: self
                .until
                .as_deref()
                .map(|s| parse_day("--until", s))
                .transpose()?,
            kind,
            place: self.place.clone(),
            near,
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            actor: self.actor.clone(),
            weapon: self.weapon.clone(),
            status,
            min_sources: self.min_sources,
            text: self.text.clone(),
            limit: self.limit,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    /// An aligned table for reading.
    Table,
    /// A JSON array of fused events.
    Json,
    /// The ACLED-style CSV of `export`.
    Csv,
}

#[derive(Args, Debug, Clone)]
pub struct EventsArgs {
    /// Database file or postgres:// URL (default: $SITREP_DB, else sitrep/sitrep.db in the
    /// user's data directory).
    #[arg(long)]
    pub db: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: EventsFormat,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Writes to stdout, treating a closed pipe (`| head`) as the end of the output.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("could not write the output"),
    }
}

/// `sitrep events`: the fused events matching the filters.
pub fn run_events(args: EventsArgs) -> Result<()> {
    let filter = args.filter.to_filter()?;
    let store = open_existing(args.db.as_deref())?;
    let events = store.events(&filter)?;
    to_stdout(|out| match args.format {
        EventsFormat::Table => write_table(&events, out),
        EventsFormat::Json => write_json(&events, out),
        EventsFormat::Csv => write_acled_csv(&events, out),
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EventFormat {
    /// Readable text.
    Text,
    /// The stored event as JSON, with each document's report.
    Json,
}

#[derive(Args, Debug, Clone)]
pub struct EventArgs {
    /// Database file or postgres:// URL (default: $SITREP_DB, else sitrep/sitrep.db in the
    /// user's data directory).
    #[arg(long)]
    pub db: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: EventFormat,
    /// The event id, as `sitrep events` shows it.
    pub id: String,
}

/// `sitrep event ID`: one event with every claim, source, quoted passage and contradiction.
pub fn run_event(args: EventArgs) -> Result<()> {
    let store = open_existing(args.db.as_deref())?;
    let Some(ev) = store.event(&args.id)? else {
        bail!("no event {:?} in the database", args.id);
    };
    to_stdout(|out| match args.format {
        EventFormat::Text => write_event_text(&ev, out),
        EventFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &ev)?;
            writeln!(out)
        }
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// ACLED's columns where they apply, then sitrep's own.
    AcledCsv,
    /// A FeatureCollection of points; events without coordinates are left out.
    Geojson,
    /// A JSON array of fused events.
    Json,
}

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// Database file or postgres:// URL (default: $SITREP_DB, else sitrep/sitrep.db in the
    /// user's data directory).
    #[arg(long)]
    pub db: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "acled-csv")]
    pub format: ExportFormat,
    /// Output file (default: standard output).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// `sitrep export`: the fused events matching the filters as CSV, GeoJSON or JSON.
pub fn run_export(args: ExportArgs) -> Result<()> {
    let filter = args.filter.to_filter()?;
    let store = open_existing(args.db.as_deref())?;
    let events = store.events(&filter)?;
    let write = |out: &mut dyn Write| -> std::io::Result<usize> {
        match args.format {
            ExportFormat::AcledCsv => write_acled_csv(&events, out).map(|()| 0),
            ExportFormat::Geojson => write_geojson(&events, out),
            ExportFormat::Json => write_json(&events, out).map(|()| 0),
        }
    };
    let omitted = match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("could not create {}", path.display()))?;
            let mut out = std::io::BufWriter::new(file);
            let n = write(&mut out).and_then(|n| out.flush().map(|()| n));
            n.with_context(|| format!("could not write {}", path.display()))?
        }
        None => {
            let mut omitted = 0;
            to_stdout(|out| write(out).map(|n| omitted = n))?;
            omitted
        }
    };
    if omitted > 0 {
        eprintln!("sitrep: {omitted} events without coordinates left out of the GeoJSON");
    }
    Ok(())
}

fn write_json(events: &[StoredEvent], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, events)?;
    writeln!(out)
}

/// A count as text: `8`, `5-7` for a range, `12+` when open-ended.
fn count_text(c: Option<Count>) -> String {
    match c {
        None => String::new(),
        Some(c) if c.is_exact() => c.min.to_string(),
        Some(Count {
            min,
            max: Some(max),
        }) => format!("{min}-{max}"),
        Some(Count { min, max: None }) => format!("{min}+"),
    }
}

fn date_text(ev: &StoredEvent) -> String {
    match &ev.event.date {
        Some(d) if d.precision == sitrep_model::DatePrecision::Reported => {
            format!("≤{}", d.start)
        }
        Some(d) if d.start == d.end => d.start.to_string(),
        Some(d) => format!("{}/{}", d.start, d.end),
        None => String::new(),
    }
}

/// Cuts `s` to at most `width` characters, marking the cut.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn write_table(events: &[StoredEvent], out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<16}  {:<11}  {:<14}  {:<28}  {:<10}  {:>3}  {:<11}  {:<20}",
        "ID", "DATE", "KIND", "PLACE", "STATUS", "SRC", "L/I/K", "ATTACKER"
    )?;
    for ev in events {
        let e = &ev.event;
        let place = e
            .location
            .as_ref()
            .map(|l| match &l.country {
                Some(c) => format!("{}, {c}", l.name),
                None => l.name.clone(),
            })
            .unwrap_or_default();
        let counts = format!(
            "{}/{}/{}",
            count_text(e.counts.launched),
            count_text(e.counts.intercepted),
            count_text(e.counts.killed)
        );
        let flag = if ev.contradictions.is_empty() {
            ""
        } else {
            " !"
        };
        writeln!(
            out,
            "{:<16}  {:<11}  {:<14}  {:<28}  {:<10}  {:>3}  {:<11}  {}{flag}",
            e.id.0,
            fit(&date_text(ev), 11),
            e.kind.as_str(),
            fit(&place, 28),
            e.status.as_str(),
            ev.independent_sources,
            fit(&counts, 11),
            fit(e.attacker.as_deref().unwrap_or(""), 20),
        )?;
    }
    writeln!(
        out,
        "{} events ('!' marks contradictions; `sitrep event ID` shows one)",
        events.len()
    )
}

fn write_event_text(ev: &StoredEvent, out: &mut dyn Write) -> std::io::Result<()> {
    let e = &ev.event;
    write!(out, "Event {}: {}", e.id, e.kind.as_str())?;
    if let Some(a) = &e.acled {
        write!(out, " (ACLED: {}", a.event_type)?;
        if let Some(s) = &a.sub_event_type {
            write!(out, " / {s}")?;
        }
        write!(out, ")")?;
    }
    writeln!(out)?;
    writeln!(out, "Status:   {}", e.status.as_str())?;
    if let Some(d) = &e.date {
        writeln!(
            out,
            "Date:     {} ({:?}) \"{}\"",
            date_text(ev),
            d.precision,
            d.text
        )?;
    }
    if let Some(l) = &e.location {
        let mut parts = vec![l.name.clone()];
        parts.extend(l.admin1.clone().filter(|a| *a != l.name));
        parts.extend(l.country.clone());
        write!(out, "Place:    {}", parts.join(", "))?;
        if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
            write!(out, " ({lat:.4}, {lon:.4})")?;
        }
        writeln!(out, " \"{}\"", l.text)?;
    }
    if let Some(a) = &e.attacker {
        writeln!(out, "Attacker: {a}")?;
    }
    if let Some(t) = &e.target {
        writeln!(out, "Target:   {t}")?;
    }
    if !e.weapons.is_empty() {
        writeln!(out, "Weapons:  {}", e.weapons.join(", "))?;
    }
    let counts: Vec<String> = [
        ("launched", e.counts.launched),
        ("intercepted", e.counts.intercepted),
        ("killed", e.counts.killed),
        ("injured", e.counts.injured),
    ]
    .iter()
    .filter(|(_, c)| c.is_some())
    .map(|(n, c)| format!("{n} {}", count_text(*c)))
    .collect();
    if !counts.is_empty() {
        writeln!(out, "Counts:   {}", counts.join(", "))?;
    }
    writeln!(
        out,
        "\nSources ({}, {} independent):",
        ev.sources.len(),
        ev.independent_sources
    )?;
    for s in &ev.sources {
        let published = s.published.map(|d| d.to_string()).unwrap_or_default();
        writeln!(
            out,
            "  {}  {}  {}  {}",
            s.doc,
            s.outlet.as_deref().unwrap_or("(unknown outlet)"),
            published,
            s.url.as_deref().unwrap_or("")
        )?;
    }
    if !ev.contradictions.is_empty() {
        writeln!(out, "\nContradictions:")?;
        for c in &ev.contradictions {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|v| {
                    let value = v
                        .value
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.value.to_string());
                    format!("{value} ({})", v.sources.join(", "))
                })
                .collect();
            writeln!(out, "  {}: {}", c.field, values.join(" vs "))?;
        }
    }
    if !ev.updates.is_empty() {
        writeln!(out, "\nUpdates (the latest figure holds):")?;
        for u in &ev.updates {
            let values: Vec<String> = u
                .values
                .iter()
                .map(|v| match v.published {
                    Some(d) => format!("{} ({}, {d})", v.value, v.source),
                    None => format!("{} ({})", v.value, v.source),
                })
                .collect();
            writeln!(out, "  {}: {}", u.field, values.join(" -> "))?;
        }
    }
    if ev.reports.is_empty() {
        writeln!(out, "\nClaims:")?;
        for c in &e.claims {
            writeln!(out, "  {} {:?}: \"{}\"", c.source, c.stance, c.text)?;
        }
    }
    for r in &ev.reports {
        writeln!(
            out,
            "\nReport in {} ({}): {}, {}",
            r.doc,
            r.outlet.as_deref().unwrap_or("unknown outlet"),
            r.event.kind.as_str(),
            r.event.status.as_str()
        )?;
        for c in &r.event.claims {
            let stance = serde_json::to_value(c.stance).ok();
            let stance = stance.as_ref().and_then(|v| v.as_str()).unwrap_or("");
            writeln!(
                out,
                "  claim: {} {stance} [{}..{}] \"{}\"",
                c.source, c.start, c.end, c.text
            )?;
        }
        for x in &r.event.evidence {
            writeln!(out, "  evidence [{}..{}]: \"{}\"", x.start, x.end, x.text)?;
        }
    }
    writeln!(
        out,
        "\nFirst seen {}, last updated {}",
        ev.first_seen, ev.last_updated
    )
}

/// ISO 3166-1 alpha-3 code and English name of the countries the reporting concerns most;
/// other codes are written as given.
fn country_info(code: &str) -> (String, String) {
    const COUNTRIES: &[(&str, &str, &str)] = &[
        ("UA", "UKR", "Ukraine"),
        ("RU", "RUS", "Russia"),
        ("BY", "BLR", "Belarus"),
        ("MD", "MDA", "Moldova"),
        ("PL", "POL", "Poland"),
        ("RO", "ROU", "Romania"),
        ("GE", "GEO", "Georgia"),
        ("LT", "LTU", "Lithuania"),
        ("LV", "LVA", "Latvia"),
        ("EE", "EST", "Estonia"),
        ("FI", "FIN", "Finland"),
        ("IL", "ISR", "Israel"),
        ("PS", "PSE", "Palestine"),
        ("LB", "LBN", "Lebanon"),
        ("SY", "SYR", "Syria"),
        ("IR", "IRN", "Iran"),
        ("IQ", "IRQ", "Iraq"),
        ("YE", "YEM", "Yemen"),
        ("US", "USA", "United States"),
        ("GB", "GBR", "United Kingdom"),
        ("DE", "DEU", "Germany"),
        ("FR", "FRA", "France"),
        ("TR", "TUR", "Turkey"),
    ];
    let upper = code.to_uppercase();
    match COUNTRIES.iter().find(|(a2, _, _)| *a2 == upper) {
        Some((_, a3, name)) => (a3.to_string(), name.to_string()),
        None => (upper.clone(), upper),
    }
}

/// One CSV field, quoted when it holds a separator, a quote, a line break or edge spaces.
fn csv_field(s: &str) -> String {
    let needs = s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ');
    if needs {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// ACLED's columns, then sitrep's own.
pub const ACLED_COLUMNS: [&str; 25] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "launched",
    "intercepted",
    "injured",
    "status",
    "claims",
    "sources_count",
    "kind",
    "id",
];

/// One event as a row of [`ACLED_COLUMNS`].
fn acled_row(ev: &StoredEvent) -> Vec<String> {
    let e = &ev.event;
    let loc = e.location.as_ref();
    let (iso3, country) = loc
        .and_then(|l| l.country.as_deref())
        .map(country_info)
        .unwrap_or_default();
    let time_precision = match e.date.as_ref().map(|d| d.precision) {
        Some(sitrep_model::DatePrecision::Day) => "1",
        Some(sitrep_model::DatePrecision::Week) => "2",
        // On or before the report's day: ACLED's "within the week" is the honest reading.
        Some(sitrep_model::DatePrecision::Reported) => "2",
        Some(sitrep_model::DatePrecision::Month | sitrep_model::DatePrecision::Year) => "3",
        _ => "",
    };
    let geo_precision = match loc.map(|l| l.precision) {
        Some(LocationPrecision::Place) => "1",
        Some(LocationPrecision::Admin1) => "2",
        Some(LocationPrecision::Country) => "3",
        _ => "",
    };
    let mut outlets: Vec<&str> = Vec::new();
    for s in &ev.sources {
        let o = s.outlet.as_deref().unwrap_or(s.doc.0.as_str());
        if !outlets.contains(&o) {
            outlets.push(o);
        }
    }
    let claims: Vec<String> = e
        .claims
        .iter()
        .map(|c| {
            let stance = serde_json::to_value(c.stance).ok();
            format!(
                "{}:{}",
                c.source,
                stance.as_ref().and_then(|v| v.as_str()).unwrap_or("")
            )
        })
        .collect();
    let num = |v: Option<f64>| v.map(|x| format!("{x:.4}")).unwrap_or_default();
    vec![
        format!("{iso3}{}", e.id),
        e.date
            .as_ref()
            .map(|d| d.start.to_string())
            .unwrap_or_default(),
        e.date
            .as_ref()
            .and_then(|d| d.start.year)
            .map(|y| y.to_string())
            .unwrap_or_default(),
        time_precision.into(),
        e.acled
            .as_ref()
            .map(|a| a.event_type.clone())
            .unwrap_or_default(),
        e.acled
            .as_ref()
            .and_then(|a| a.sub_event_type.clone())
            .unwrap_or_default(),
        e.attacker.clone().unwrap_or_default(),
        e.target.clone().unwrap_or_default(),
        country,
        loc.and_then(|l| l.admin1.clone()).unwrap_or_default(),
        loc.map(|l| l.name.clone()).unwrap_or_default(),
        num(loc.and_then(|l| l.lat)),
        num(loc.and_then(|l| l.lon)),
        geo_precision.into(),
        outlets.join("; "),
        e.evidence
            .first()
            .map(|x| x.text.clone())
            .unwrap_or_default(),
        // ACLED writes 0 when no fatalities are reported; a range counts its lower bound.
        e.counts.killed.map_or(0, |c| c.min).to_string(),
        count_text(e.counts.launched),
        count_text(e.counts.intercepted),
        count_text(e.counts.injured),
        e.status.as_str().into(),
        claims.join("; "),
        ev.independent_sources.to_string(),
        e.kind.as_str().into(),
        e.id.0.clone(),
    ]
}

fn write_acled_csv(events: &[StoredEvent], out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", ACLED_COLUMNS.join(","))?;
    for ev in events {
        let row: Vec<String> = acled_row(ev).iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

/// Writes a FeatureCollection of the events that have coordinates; returns how many had none.
fn write_geojson(events: &[StoredEvent], out: &mut dyn Write) -> std::io::Result<usize> {
    let mut features = Vec::new();
    let mut omitted = 0;
    for ev in events {
        let coords = ev
            .event
            .location
            .as_ref()
            .and_then(|l| Some((l.lat?, l.lon?)));
        let Some((lat, lon)) = coords else {
            omitted += 1;
            continue;
        };
        features.push(serde_json::json!({
            "type": "Feature",
            "id": ev.event.id.0,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": serde_json::to_value(ev)?,
        }));
    }
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    serde_json::to_writer_pretty(&mut *out, &fc)?;
    writeln!(out)?;
    Ok(omitted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_store::{content_hash, testing, SqliteStore};

    fn fixtures() -> Vec<DocumentRecord> {
        let mut v = testing::kyiv_reports();
        v.extend(testing::bryansk_reports());
        v.extend(testing::other_reports());
        v
    }

    fn stored() -> Vec<StoredEvent> {
        let mut store = SqliteStore::open_in_memory().unwrap();
        for r in fixtures() {
            store
                .ingest_document(&r, &content_hash(&r.document.text))
                .unwrap();
        }
        store.events(&EventFilter::default()).unwrap()
    }

    /// Splits one CSV line into fields, undoing the quoting.
    fn parse_csv_line(line: &str) -> Vec<String> {
        let mut fields = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    fields.last_mut().unwrap().push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(String::new()),
                (c, _) => fields.last_mut().unwrap().push(c),
            }
        }
        fields
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("Kyiv"), "Kyiv");
        assert_eq!(csv_field("Kyiv, Ukraine"), "\"Kyiv, Ukraine\"");
        assert_eq!(csv_field("the \"Oreshnik\""), "\"the \"\"Oreshnik\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(parse_csv_line(&csv_field("a, \"b\"")), ["a, \"b\""]);
    }

    #[test]
    fn acled_csv_uses_acled_columns_and_meanings() {
        let events = stored();
        let mut buf = Vec::new();
        write_acled_csv(&events, &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let mut lines = text.lines();
        let header = parse_csv_line(lines.next().unwrap());
        assert_eq!(header, ACLED_COLUMNS);
        let rows: Vec<Vec<String>> = lines.map(parse_csv_line).collect();
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().all(|r| r.len() == ACLED_COLUMNS.len()));
        let col = |row: &Vec<String>, name: &str| {
            row[ACLED_COLUMNS.iter().position(|c| *c == name).unwrap()].clone()
        };
        let kyiv = rows.iter().find(|r| col(r, "location") == "Kyiv").unwrap();
        assert!(col(kyiv, "event_id_cnty").starts_with("UKR"));
        assert_eq!(col(kyiv, "event_date"), "2025-03-04");
        assert_eq!(col(kyiv, "year"), "2025");
        assert_eq!(col(kyiv, "time_precision"), "1");
        assert_eq!(col(kyiv, "event_type"), "Explosions/Remote violence");
        assert_eq!(
            col(kyiv, "sub_event_type"),
            "Shelling/artillery/missile attack"
        );
        assert_eq!(col(kyiv, "country"), "Ukraine");
        assert_eq!(col(kyiv, "geo_precision"), "1");
        assert_eq!(col(kyiv, "latitude"), "50.4500");
        assert_eq!(
            col(kyiv, "source"),
            "Ukrinform; Reuters; Kyiv Independent; TASS; RIA Novosti"
        );
        assert_eq!(col(kyiv, "fatalities"), "0");
        assert_eq!(col(kyiv, "launched"), "8");
        assert_eq!(col(kyiv, "sources_count"), "5");
        assert!(col(kyiv, "claims").contains("Russian Ministry of Defence:asserts"));
        assert!(col(kyiv, "notes").starts_with("Russia launched eight Kh-101"));
        let region = rows
            .iter()
            .find(|r| col(r, "location") == "Bryansk Oblast")
            .unwrap();
        assert_eq!(col(region, "geo_precision"), "2");
        assert_eq!(col(region, "country"), "Russia");
    }

    #[test]
    fn count_text_shows_ranges_and_open_counts() {
        assert_eq!(count_text(Some(Count::exact(8))), "8");
        assert_eq!(count_text(Some(Count::range(5, 7))), "5-7");
        assert_eq!(count_text(Some(Count::at_least(12))), "12+");
        assert_eq!(count_text(None), "");
    }

    #[test]
    fn geojson_points_are_lon_lat_and_events_without_coordinates_are_counted() {
        let mut events = stored();
        events[0].event.location.as_mut().unwrap().lat = None;
        let mut buf = Vec::new();
        let omitted = write_geojson(&events, &mut buf).unwrap();
        assert_eq!(omitted, 1);
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["type"], "FeatureCollection");
        let features = v["features"].as_array().unwrap();
        assert_eq!(features.len(), events.len() - 1);
        let kyiv = features
            .iter()
            .find(|f| f["properties"]["location"]["name"] == "Kyiv")
            .unwrap();
        assert_eq!(
            kyiv["geometry"]["coordinates"],
            serde_json::json!([30.52, 50.45])
        );
        assert_eq!(kyiv["properties"]["independent_sources"], 5);
    }

    #[test]
    fn filter_arguments_are_checked() {
        let ok = FilterArgs {
            since: Some("2025-01-01".into()),
            kind: Some("drone_strike".into()),
            near: Some("50.45,-30.52".into()),
            status: Some("claimed".into()),
            ..Default::default()
        }
        .to_filter()
        .unwrap();
        assert_eq!(ok.kind, Some(EventKind::DroneStrike));
        assert_eq!(
            ok.near,
            Some(Near {
                lat: 50.45,
                lon: -30.52,
                radius_km: DEFAULT_RADIUS_KM
            })
        );
        let err = |f: FilterArgs| format!("{:#}", f.to_filter().unwrap_err());
        assert!(err(FilterArgs {
            kind: Some("rocket".into()),
            ..Default::default()
        })
        .contains("missile_strike"));
        assert!(err(FilterArgs {
            since: Some("19.11.2024".into()),
            ..Default::default()
        })
        .contains("--since"));
        assert!(err(FilterArgs {
            near: Some("50.45".into()),
            ..Default::default()
        })
        .contains("LAT,LON"));
        assert!(err(FilterArgs {
            near: Some("95,30".into()),
            ..Default::default()
        })
        .contains("LAT,LON"));
        assert!(err(FilterArgs {
            radius_km: Some(5.0),
            ..Default::default()
        })
        .contains("--near"));
        assert!(err(FilterArgs {
            status: Some("true".into()),
            ..Default::default()
        })
        .contains("--status"));
    }

    #[test]
    fn ingest_counts_documents_events_duplicates_and_errors_then_export_writes_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("nested").join("sitrep.db");
        let args = IngestArgs {
            db: Some(db.clone()),
            inputs: vec!["x".into()],
            published: None,
        };
        let mut docs: Vec<Result<DocumentRecord>> = fixtures().into_iter().map(Ok).collect();
        docs.push(Err(anyhow::anyhow!("broken.html: not readable")));
        let summary = run_ingest(args.clone(), docs.into_iter()).unwrap();
        assert_eq!(
            summary,
            IngestSummary {
                documents: 9,
                new_events: 5,
                merged_events: 4,
                duplicates: 0,
                replaced: 0,
                errors: 1
            }
        );
        let again = run_ingest(args, fixtures().into_iter().map(Ok)).unwrap();
        assert_eq!((again.documents, again.duplicates), (0, 9));

        let out = dir.path().join("events.geojson");
        run_export(ExportArgs {
            db: Some(db.clone()),
            format: ExportFormat::Geojson,
            output: Some(out.clone()),
            filter: FilterArgs {
                country: Some("RU".into()),
                ..Default::default()
            },
        })
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(v["features"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn queries_refuse_a_missing_database_instead_of_creating_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("none.db");
        let err = run_events(EventsArgs {
            db: Some(db.clone()),
            format: EventsFormat::Json,
            filter: FilterArgs::default(),
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("no database at"));
        assert!(!db.exists());
    }

    #[test]
    fn event_text_shows_sources_contradictions_claims_and_evidence() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut id = None;
        for r in testing::kyiv_reports() {
            id = store
                .ingest_document(&r, &content_hash(&r.document.text))
                .unwrap()
                .events
                .pop();
        }
        let ev = store.event(&id.unwrap().0).unwrap().unwrap();
        let mut buf = Vec::new();
        write_event_text(&ev, &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.contains("Sources (5, 5 independent)"), "{text}");
        assert!(
            text.contains("launched: 8 (w1.txt, w2.txt, w3.txt) vs 6 (w4.txt, w5.txt)"),
            "{text}"
        );
        assert!(
            text.contains("claim: Russian Ministry of Defence asserts"),
            "{text}"
        );
        assert!(
            text.contains("evidence [") && text.contains("all designated targets"),
            "{text}"
        );
        let mut table = Vec::new();
        write_table(&[ev], &mut table).unwrap();
        let table = String::from_utf8(table).unwrap();
        assert!(
            table.contains("missile_strike") && table.contains("8/6/") && table.contains(" !"),
            "{table}"
        );
    }

    #[test]
    fn db_location_prefers_the_flag_and_knows_urls() {
        let p = PathBuf::from("/tmp/x.db");
        assert_eq!(db_location(Some(&p)).unwrap(), Location::Sqlite(p));
        let u = PathBuf::from("postgres://team@db.example/sitrep");
        assert_eq!(
            db_location(Some(&u)).unwrap(),
            Location::Postgres("postgres://team@db.example/sitrep".into())
        );
    }
}
