//! `sitrep gazetteer import|info` and `sitrep place`: the imported gazetteer index, where it
//! lives, and looking a name up with the scores of its candidates.
//!
//! The index is found at `--gazetteer PATH`, else `$SITREP_GAZETTEER`, else
//! `sitrep/gazetteer.idx` in the user's data directory; when none is there, the compiled-in
//! gazetteer alone is used.

use anyhow::{bail, Context, Result};
use sitrep_recognise::places::{Gazetteer, Importer};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The environment variable naming the index file.
pub const GAZETTEER_ENV: &str = "SITREP_GAZETTEER";

#[derive(clap::Subcommand)]
pub enum GazetteerCmd {
    /// Build the gazetteer index from source files merged into the compiled-in gazetteer:
    /// OCHA COD-AB settlements and administrative units, Who's On First localities, GeoNames
    /// dumps (UA.txt, RU.txt, allCountries.txt). Every command then uses it.
    Import(ImportArgs),
    /// Say which gazetteer is loaded and what it holds.
    Info,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// Source files (tab-separated; the format is told by the first line).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Take only these countries (ISO codes, comma-separated) from GeoNames dumps.
    #[arg(long, value_delimiter = ',')]
    countries: Vec<String>,
}

#[derive(clap::Args)]
pub struct PlaceArgs {
    /// The name to look up, in any spelling or script.
    name: String,
    /// Score the candidates as if this place were named beside it in the text.
    #[arg(long)]
    near: Option<String>,
    /// Score the candidates as if this region (oblast, district, community) were named after
    /// it ("X, R").
    #[arg(long)]
    region: Option<String>,
    /// How many candidates to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

/// The index path in effect: `--gazetteer`, else `$SITREP_GAZETTEER`, else the file in the
/// user's data directory. `None` when no path can be made.
pub fn index_path(arg: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = arg {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(GAZETTEER_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    Some(dirs::data_dir()?.join("sitrep").join("gazetteer.idx"))
}

/// The gazetteer every command uses: the imported index when there is one, else the
/// compiled-in gazetteer. A path given with `--gazetteer` must exist.
pub fn load(arg: Option<&Path>) -> Result<Gazetteer> {
    let Some(path) = index_path(arg) else {
        return Ok(Gazetteer::embedded());
    };
    if arg.is_none() && !path.exists() {
        return Ok(Gazetteer::embedded());
    }
    let bytes = std::fs::read(&path)
        .with_context(|| format!("could not read the gazetteer index {}", path.display()))?;
    Gazetteer::from_index(&path.display().to_string(), bytes).with_context(|| {
        format!(
            "{} is not a gazetteer index of this version; rebuild it with `sitrep gazetteer import`",
            path.display()
        )
    })
}

pub fn run(cmd: GazetteerCmd, arg: Option<&Path>) -> Result<bool> {
    match cmd {
        GazetteerCmd::Import(args) => import(args, arg),
        GazetteerCmd::Info => info(arg),
    }
}

fn import(args: ImportArgs, arg: Option<&Path>) -> Result<bool> {
    let out = index_path(arg)
        .context("no --gazetteer given, $SITREP_GAZETTEER is not set and the user's data directory is unknown")?;
    let started = Instant::now();
    let mut importer = Importer::new(&args.countries);
    for f in &args.files {
        let file =
            std::fs::File::open(f).with_context(|| format!("could not open {}", f.display()))?;
        importer.add(
            &f.display().to_string(),
            std::io::BufReader::with_capacity(1 << 20, file),
        )?;
    }
    let read = started.elapsed();
    let stamp = chrono::Local::now().format("%Y-%m-%d %H:%M").to_string();
    let imported = Gazetteer::import(importer, &stamp)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("could not create the folder {}", dir.display()))?;
    }
    // Written beside the target and renamed, so a reader never sees half an index.
    let tmp = out.with_extension("idx.tmp");
    std::fs::write(&tmp, &imported.index)
        .with_context(|| format!("could not write {}", tmp.display()))?;
    std::fs::rename(&tmp, &out).with_context(|| format!("could not write {}", out.display()))?;
    for s in &imported.sources {
        println!(
            "{}: {} ({} rows, {} records, {} merged into records already there{})",
            s.source,
            s.format.as_str(),
            s.rows,
            s.records,
            s.merged,
            if s.skipped > 0 {
                format!(
                    "; {} rows skipped, at lines {:?}",
                    s.skipped, s.skipped_lines
                )
            } else {
                String::new()
            }
        );
    }
    println!(
        "{}: {} records, {:.1} MB, in {:.1} s (reading {:.1} s)",
        out.display(),
        imported.records,
        imported.index.len() as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        read.as_secs_f64()
    );
    Ok(imported.sources.iter().all(|s| s.skipped == 0))
}

fn info(arg: Option<&Path>) -> Result<bool> {
    let path = index_path(arg);
    let started = Instant::now();
    let g = load(arg)?;
    let took = started.elapsed();
    let imported = !g.description().is_empty();
    match (&path, imported) {
        (Some(p), true) => println!("gazetteer: imported index {}", p.display()),
        (Some(p), false) => println!(
            "gazetteer: compiled-in only (no index at {}; build one with `sitrep gazetteer import`)",
            p.display()
        ),
        (None, _) => println!("gazetteer: compiled-in only"),
    }
    let mut counts: Vec<_> = g.level_counts().into_iter().collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    println!("records: {}", g.len());
    for (level, n) in counts {
        println!("  {level}: {n}");
    }
    for line in g.description().lines() {
        println!("{}", line.replace('\t', "  "));
    }
    println!("loaded in {:.3} s", took.as_secs_f64());
    Ok(true)
}

pub fn place(args: PlaceArgs, arg: Option<&Path>) -> Result<bool> {
    let g = load(arg)?;
    let cands = g.candidates(&args.name, args.near.as_deref(), args.region.as_deref());
    if cands.is_empty() {
        bail!("no place is called {:?} in the gazetteer", args.name);
    }
    println!(
        "{:>6}  {:<34} {:<9} {:<24} {:>9}  {:>8} {:>9}  why",
        "score", "name", "level", "region", "people", "lat", "lon"
    );
    for c in cands.iter().take(args.limit) {
        let p = &c.place;
        let parts: Vec<String> = c
            .parts
            .iter()
            .map(|(what, v)| format!("{what} {v:+.1}"))
            .collect();
        println!(
            "{:>6.1}  {:<34} {:<9} {:<24} {:>9}  {:>8.4} {:>9.4}  {}",
            c.score,
            truncate(&format!("{} [{}]", p.name, p.id), 34),
            c.level,
            truncate(
                &[p.admin1.as_deref(), c.admin2.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                24
            ),
            p.population.map_or(String::new(), |n| n.to_string()),
            p.lat,
            p.lon,
            parts.join(", ")
        );
        if !c.matched.is_empty() {
            println!("        matched {}", c.matched);
        }
    }
    if cands.len() > args.limit {
        println!("({} more)", cands.len() - args.limit);
    }
    Ok(true)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
