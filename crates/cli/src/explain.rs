//! `sitrep explain`: for each event, the value of each field and the words that produced it.

use crate::pipeline::Pipeline;
use crate::InputArgs;
use anyhow::Result;
use sitrep_model::{Count, DocumentRecord, Event};
use std::fmt::Write as _;

pub fn run(args: InputArgs, places: sitrep_recognise::places::Gazetteer) -> Result<bool> {
    args.configure_threads()?;
    let pipeline = Pipeline::new(args.ingest_options()?, false, places);
    let mut clean = true;
    pipeline.run(&args.inputs, true, |item| {
        clean &= crate::report_problems(&item);
        if let Ok(rec) = item {
            print!("{}", render(&rec));
        }
    });
    Ok(clean)
}

fn count(c: Option<Count>) -> String {
    match c {
        None => "-".into(),
        Some(c) if c.is_exact() => c.min.to_string(),
        Some(Count { min, max: None }) => format!("at least {min}"),
        Some(Count {
            min,
            max: Some(max),
        }) => format!("{min}-{max}"),
    }
}

/// The explanation of one document's events as readable text.
pub fn render(rec: &DocumentRecord) -> String {
    let doc = &rec.document;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "== {} | {} | published {}",
        doc.doc,
        doc.title.as_deref().unwrap_or("(no title)"),
        doc.published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "unknown".into())
    );
    if rec.events.is_empty() {
        let _ = writeln!(s, "   no events found");
    }
    for (i, ev) in rec.events.iter().enumerate() {
        render_event(&mut s, i + 1, ev);
    }
    s.push('\n');
    s
}

fn render_event(s: &mut String, n: usize, ev: &Event) {
    let _ = writeln!(
        s,
        "\n#{n} {} [{}] id {}",
        ev.kind.as_str(),
        ev.status.as_str(),
        ev.id
    );
    let date = ev
        .date
        .as_ref()
        .map(|d| {
            if d.start == d.end {
                d.start.to_string()
            } else {
                format!("{}..{}", d.start, d.end)
            }
        })
        .unwrap_or_else(|| "-".into());
    let place = ev
        .location
        .as_ref()
        .map(|l| format!("{} ({})", l.name, l.country.as_deref().unwrap_or("?")))
        .unwrap_or_else(|| "-".into());
    let values: [(&str, String); 10] = [
        ("kind", ev.kind.as_str().to_string()),
        ("date", date),
        ("location", place),
        (
            "attacker",
            ev.attacker.clone().unwrap_or_else(|| "-".into()),
        ),
        ("target", ev.target.clone().unwrap_or_else(|| "-".into())),
        (
            "weapons",
            if ev.weapons.is_empty() {
                "-".into()
            } else {
                ev.weapons.join(", ")
            },
        ),
        ("launched", count(ev.counts.launched)),
        ("intercepted", count(ev.counts.intercepted)),
        ("killed", count(ev.counts.killed)),
        ("injured", count(ev.counts.injured)),
    ];
    for (field, value) in values {
        let sources: Vec<_> = ev.provenance.iter().filter(|p| p.field == field).collect();
        if value == "-" && sources.is_empty() {
            continue;
        }
        let _ = write!(s, "  {field:<12} {value}");
        for p in sources {
            let rule = if p.rule.is_empty() {
                String::new()
            } else {
                format!(" by {}", p.rule)
            };
            let _ = write!(
                s,
                "\n  {:<12}   <- {:?} [{}..{}]{rule}",
                "", p.text, p.start, p.end
            );
        }
        s.push('\n');
    }
    for c in &ev.claims {
        let _ = writeln!(
            s,
            "  claim        {} {:?} <- {:?} [{}..{}]",
            c.source, c.stance, c.text, c.start, c.end
        );
    }
    for e in &ev.evidence {
        let _ = writeln!(s, "  evidence     {:?} [{}..{}]", e.text, e.start, e.end);
    }
}
