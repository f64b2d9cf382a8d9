//! `sitrep`: turns war reporting into a structured, sourced record of events.
//!
//! The binary is thin glue over the stage crates: [`pipeline`] wires ingest, recognition and
//! event extraction; the subcommands print, explain, benchmark, store, query and serve what it
//! yields.

mod bench;
mod db;
mod explain;
mod gazetteer;
mod pipeline;
mod sections;
mod serve;
mod watch;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use sitrep_ingest::IngestOptions;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Turn war reporting into a structured, sourced record of events"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Gazetteer index to use instead of $SITREP_GAZETTEER or the one in the data directory
    /// (`sitrep gazetteer import` writes it there).
    #[arg(long, global = true, value_name = "PATH")]
    gazetteer: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents and their events from files, folders, `-` (stdin) or URLs.
    Extract(ExtractArgs),
    /// Show, for each event, which words produced each field.
    Explain(ExplainArgs),
    /// Extract, fuse and store documents in the database, then list the stored events.
    Ingest(IngestCmd),
    /// List stored events matching filters, as a table, JSON or CSV.
    Events(db::EventsArgs),
    /// Show one stored event with every claim, source, evidence and contradiction.
    Event(db::EventArgs),
    /// Export stored events as ACLED-style CSV, GeoJSON or JSON.
    Export(db::ExportArgs),
    /// Poll feeds, sitemaps and URL lists politely and store each new item's page.
    Watch(watch::WatchArgs),
    /// Measure the speed of each stage on a set of inputs, single thread, against a baseline.
    Bench(bench::BenchArgs),
    /// Build or describe the gazetteer index used on top of the compiled-in gazetteer.
    #[command(subcommand)]
    Gazetteer(gazetteer::GazetteerCmd),
    /// Look a place name up and show its candidates with their scores.
    Place(gazetteer::PlaceArgs),
    /// Serve the database over HTTP: JSON API, live updates, webhooks and a map-and-timeline
    /// page, all offline.
    Serve(serve::ServeArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    /// One JSON object per document, one per line.
    Jsonl,
    /// One JSON array of all documents.
    Json,
}

#[derive(clap::Args)]
struct InputArgs {
    /// Files, folders (read recursively), `-` for standard input, or http(s) URLs.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Publication date (YYYY-MM-DD) to resolve relative dates against, overriding the inputs'.
    #[arg(long)]
    published: Option<String>,
    /// Fetch the pages that feed items link to instead of using the feed's own text.
    #[arg(long)]
    fetch_pages: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
}

#[derive(clap::Args)]
struct ExtractArgs {
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ExtractFormat,
    /// Add every recognised mention (places, actors, weapons, dates, quantities).
    #[arg(long)]
    mentions: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(clap::Args)]
struct ExplainArgs {
    #[command(flatten)]
    input: InputArgs,
}

#[derive(clap::Args)]
struct IngestCmd {
    #[command(flatten)]
    args: db::IngestArgs,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Print only the summary, not the table of stored events.
    #[arg(long, short = 'q')]
    quiet: bool,
}

impl InputArgs {
    fn ingest_options(&self) -> Result<IngestOptions> {
        let published = match &self.published {
            Some(s) => Some(
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").with_context(|| {
                    format!("--published {s:?} is not a date of the form YYYY-MM-DD")
                })?,
            ),
            None => None,
        };
        Ok(IngestOptions {
            published,
            fetch_pages: self.fetch_pages,
        })
    }

    fn configure_threads(&self) -> Result<()> {
        if let Some(n) = self.jobs {
            if n == 0 {
                bail!("--jobs must be at least 1");
            }
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global()
                .context("could not start the worker threads")?;
        }
        Ok(())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let gaz = cli.gazetteer.as_deref();
    let result = match cli.command {
        Command::Extract(args) => gazetteer::load(gaz).and_then(|g| extract(args, g)),
        Command::Explain(args) => gazetteer::load(gaz).and_then(|g| explain::run(args.input, g)),
        Command::Ingest(cmd) => gazetteer::load(gaz).and_then(|g| ingest(cmd, g)),
        Command::Events(args) => db::run_events(args).map(|()| true),
        Command::Event(args) => db::run_event(args).map(|()| true),
        Command::Export(args) => db::run_export(args).map(|()| true),
        Command::Watch(args) => gazetteer::load(gaz).and_then(|g| watch::run(args, g)),
        Command::Bench(args) => gazetteer::load(gaz).and_then(|g| bench::run(args, g)),
        Command::Gazetteer(cmd) => gazetteer::run(cmd, gaz),
        Command::Place(args) => gazetteer::place(args, gaz),
        Command::Serve(args) => {
            gazetteer::load(gaz).and_then(|g| serve::run(args, g).map(|()| true))
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Reports an input that never became a document, or a document's own problems, on stderr.
/// Returns whether the input succeeded: it became a document with some text. A document read
/// with problems (an unparsable JSON-LD block, a few undecodable bytes) still succeeded.
fn report_problems(item: &pipeline::Item) -> bool {
    match item {
        Err(e) => {
            eprintln!("sitrep: error: {e}");
            false
        }
        Ok(rec) => {
            let doc = &rec.document;
            let failed = doc.text.trim().is_empty() && !doc.errors.is_empty();
            let level = if failed { "error" } else { "warning" };
            for e in &doc.errors {
                if e.contains(doc.doc.0.as_str()) {
                    eprintln!("sitrep: {level}: {e}");
                } else {
                    eprintln!("sitrep: {level}: {}: {e}", doc.doc);
                }
            }
            !failed
        }
    }
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
pub(crate) fn progress() -> indicatif::ProgressBar {
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} documents {per_sec} {elapsed} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    }
}

fn extract(args: ExtractArgs, places: sitrep_recognise::places::Gazetteer) -> Result<bool> {
    args.input.configure_threads()?;
    let pipeline = pipeline::Pipeline::new(args.input.ingest_options()?, args.mentions, places);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let bar = progress();
    let mut clean = true;
    let mut first = true;
    let mut write_err: Option<std::io::Error> = None;
    if let ExtractFormat::Json = args.format {
        out.write_all(b"[")?;
    }
    pipeline.run(&args.input.inputs, true, |item| {
        clean &= report_problems(&item);
        bar.inc(1);
        let Ok(rec) = item else { return };
        if write_err.is_some() {
            return;
        }
        let res = (|| -> std::io::Result<()> {
            match args.format {
                ExtractFormat::Jsonl => {
                    serde_json::to_writer(&mut out, &rec)?;
                    out.write_all(b"\n")
                }
                ExtractFormat::Json => {
                    if !first {
                        out.write_all(b",\n")?;
                    }
                    first = false;
                    serde_json::to_writer(&mut out, &rec).map_err(std::io::Error::from)
                }
            }
        })();
        if let Err(e) = res {
            write_err = Some(e);
        }
    });
    bar.finish_and_clear();
    if let Some(e) = write_err {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(clean);
        }
        return Err(e).context("could not write the output");
    }
    if let ExtractFormat::Json = args.format {
        out.write_all(b"]\n")?;
    }
    out.flush()?;
    Ok(clean)
}

fn ingest(cmd: IngestCmd, places: sitrep_recognise::places::Gazetteer) -> Result<bool> {
    let input = InputArgs {
        inputs: cmd.args.inputs.clone(),
        published: cmd.args.published.clone(),
        fetch_pages: false,
        jobs: cmd.jobs,
    };
    input.configure_threads()?;
    let pipeline = pipeline::Pipeline::new(input.ingest_options()?, true, places);
    let docs = pipeline.iter(&input.inputs, true).map(|item| {
        if item.is_ok() {
            report_problems(&item);
        }
        item.map_err(anyhow::Error::from)
    });
    let db = cmd.args.db.clone();
    let summary = db::run_ingest(cmd.args, docs)?;
    if !cmd.quiet {
        db::run_events(db::EventsArgs {
            db,
            format: db::EventsFormat::Table,
            filter: db::FilterArgs::default(),
        })?;
    }
    Ok(summary.errors == 0)
}
