//! `sitrep serve`: the HTTP API, live stream, webhooks and web page of `sitrep_serve`, over
//! the database, with uploads read by this binary's own pipeline, exactly as `sitrep ingest`
//! reads its inputs.

use crate::pipeline::{Item, Pipeline};
use anyhow::{Context, Result};
use rayon::prelude::*;
use sitrep_ingest::IngestOptions;
use sitrep_serve::{Extract, Extracted, Upload};
use sitrep_store::{OpenMode, Store};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Database file (default: $SITREP_DB, else sitrep/sitrep.db in the user's data directory).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Address to listen on. Any address but a loopback one needs --token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The token that writes need (Authorization: Bearer TOKEN); on a non-loopback address,
    /// reads need it too. Made up and printed when not given on a loopback address.
    #[arg(long, env = "SITREP_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// On a non-loopback address, let anyone read without the token.
    #[arg(long)]
    pub open_reads: bool,
    /// Post each new or changed event to URL, signed per Standard Webhooks; FILTERS are the
    /// API's filters as a query string: URL[,kind=drone_strike&country=UA]. May be repeated.
    #[arg(long = "webhook", value_name = "URL[,FILTERS]")]
    pub webhooks: Vec<String>,
    /// The webhooks' signing secret (whsec_ and base64); made up and printed when not given.
    #[arg(long, env = "SITREP_WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<String>,
    /// How often the store is checked for changes made by other processes, in milliseconds.
    #[arg(long, default_value_t = 100)]
    pub poll_ms: u64,
}

/// Uploads through the extraction pipeline, records processed in parallel.
struct PipelineExtract(Pipeline);

impl Extract for PipelineExtract {
    fn extract(&self, upload: Upload) -> Extracted {
        let opts = IngestOptions {
            published: upload.published,
            fetch_pages: false,
        };
        let raws: Vec<_> = sitrep_ingest::read_bytes(&upload.name, upload.body, &opts).collect();
        let items: Vec<Item> = raws
            .into_par_iter()
            .map(|r| r.map(|raw| self.0.process_with(raw, &opts)))
            .collect();
        let mut out = Extracted::default();
        for item in items {
            match item {
                Ok(rec) => out.records.push(rec),
                Err(e) => out.errors.push(e.to_string()),
            }
        }
        out
    }
}

pub fn run(args: ServeArgs, places: sitrep_recognise::places::Gazetteer) -> Result<()> {
    let access = sitrep_serve::access_for(args.addr, args.token.clone(), args.open_reads)?;
    let mut specs = Vec::new();
    for w in &args.webhooks {
        let mut spec = sitrep_serve::webhook::parse_spec(w).map_err(anyhow::Error::msg)?;
        spec.secret = args.webhook_secret.clone();
        specs.push(spec);
    }
    let location = crate::db::db_location(args.db.as_deref())?;
    // Open once here, creating the database (its folder, or its schema) when missing, so that
    // a database that is refused stops the start with its reason.
    drop(sitrep_store::open(&location, OpenMode::Create)?);
    let factory: sitrep_serve::StoreFactory = Arc::new(move || {
        sitrep_store::open(&location, OpenMode::Existing)
            .map(|s| Box::new(s) as Box<dyn Store + Send>)
    });
    let extract = Arc::new(PipelineExtract(Pipeline::new(
        IngestOptions::default(),
        true,
        places,
    )));
    let mut options = sitrep_serve::Options::new(access.clone());
    options.poll = std::time::Duration::from_millis(args.poll_ms.max(10));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the server's threads")?;
    runtime.block_on(async move {
        let server = sitrep_serve::Server::new(factory, extract, options)?;
        let mut secret_shown = false;
        for spec in specs {
            let url = spec.url.clone();
            let given = spec.secret.is_some();
            let (_, secret) = server.add_webhook(spec)?;
            eprintln!("sitrep: webhook {url}");
            if !given && !secret_shown {
                eprintln!("sitrep: webhook signing secret: {secret}");
                secret_shown = true;
            }
        }
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("could not listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        eprintln!("sitrep: serving http://{local}/ (API: http://{local}/api/docs)");
        if access.token_generated {
            eprintln!(
                "sitrep: writes need the header: Authorization: Bearer {}",
                access.token
            );
        }
        tokio::select! {
            r = server.serve(listener, std::future::pending()) => r.context("the server stopped")?,
            _ = tokio::signal::ctrl_c() => eprintln!("sitrep: stopping"),
        }
        anyhow::Ok(())
    })?;
    runtime.shutdown_timeout(std::time::Duration::from_secs(2));
    Ok(())
}
