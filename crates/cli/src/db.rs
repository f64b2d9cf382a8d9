//! The store subcommands: `ingest` stores extracted documents and fuses their events, `events`
//! queries the fused events, `event` shows one with every claim, source and quoted passage, and
//! `export` writes them as ACLED-style CSV, GeoJSON or JSON.
//!
//! Main types: [`IngestArgs`], [`EventsArgs`], [`EventArgs`], [`ExportArgs`] (clap arguments,
//! with the shared [`FilterArgs`]) and [`IngestSummary`].

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use sitrep_model::DocumentRecord;
use sitrep_store::export::{count_text, ExportWriter};
use sitrep_store::{
    AnyStore, EventFilter, FilterParams, Location, OpenMode, Store, StoredEvent, TextHashes,
};
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// The filters of `events` and `export`, checked and given their meaning by
/// [`sitrep_store::filter`], as the HTTP API's are.
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
    pub radius_km: Option<String>,
    /// Events inside the box WEST,SOUTH,EAST,NORTH (degrees), e.g. 22,44,41,53.
    #[arg(long, allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. UA.
    #[arg(long)]
    pub country: Option<String>,
    /// First-level region, e.g. "Bryansk Oblast".
    #[arg(long)]
    pub admin1: Option<String>,
    /// An actor: the attacker, the target or a claim's source.
    #[arg(long)]
    pub actor: Option<String>,
    /// Exactly this attacker, e.g. Russia.
    #[arg(long)]
    pub attacker: Option<String>,
    /// A weapon, e.g. ATACMS, Shahed.
    #[arg(long)]
    pub weapon: Option<String>,
    /// An outlet among the event's sources, e.g. Reuters.
    #[arg(long)]
    pub outlet: Option<String>,
    /// confirmed, reported, claimed, unverified, disputed or denied.
    #[arg(long)]
    pub status: Option<String>,
    /// At least this many independent sources.
    #[arg(long)]
    pub min_sources: Option<String>,
    /// Words that must all occur in the event's text (places, actors, claims, evidence).
    #[arg(long)]
    pub text: Option<String>,
    /// At most this many events, latest first.
    #[arg(long)]
    pub limit: Option<String>,
}

impl FilterArgs {
    /// The store filter, with every value checked; errors name the flag.
    pub fn to_filter(&self) -> Result<EventFilter> {
        let params = FilterParams {
            since: self.since.clone(),
            until: self.until.clone(),
            kind: self.kind.clone(),
            place: self.place.clone(),
            near: self.near.clone(),
            radius_km: self.radius_km.clone(),
            bbox: self.bbox.clone(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            actor: self.actor.clone(),
            attacker: self.attacker.clone(),
            weapon: self.weapon.clone(),
            outlet: self.outlet.clone(),
            status: self.status.clone(),
            min_sources: self.min_sources.clone(),
            text: self.text.clone(),
            limit: self.limit.clone(),
            cursor: None,
        };
        params
            .to_filter()
            .map_err(|e| anyhow::anyhow!(e.message(|p| format!("--{}", p.replace('_', "-")))))
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
        EventsFormat::Json => export(&events, ExportFormat::Json.into(), out).map(|_| ()),
        EventsFormat::Csv => export(&events, ExportFormat::AcledCsv.into(), out).map(|_| ()),
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
    let write = |out: &mut dyn Write| export(&events, args.format.into(), out);
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

/// Writes events in an export format (pretty JSON); returns how many were left out.
fn export(
    events: &[StoredEvent],
    format: sitrep_store::export::ExportFormat,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut w = ExportWriter::new(out, format, true)?;
    for ev in events {
        w.write(ev)?;
    }
    Ok(w.finish()?.1)
}

impl From<ExportFormat> for sitrep_store::export::ExportFormat {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::AcledCsv => sitrep_store::export::ExportFormat::AcledCsv,
            ExportFormat::Geojson => sitrep_store::export::ExportFormat::Geojson,
            ExportFormat::Json => sitrep_store::export::ExportFormat::Json,
        }
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
        assert_eq!(ok.kind, Some(sitrep_model::EventKind::DroneStrike));
        assert_eq!(
            ok.near,
            Some(sitrep_store::Near {
                lat: 50.45,
                lon: -30.52,
                radius_km: sitrep_store::filter::DEFAULT_RADIUS_KM
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
            radius_km: Some("5".into()),
            ..Default::default()
        })
        .contains("--radius-km needs --near"));
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
