//! The fused events as files others read: ACLED-style CSV, GeoJSON and JSON.
//!
//! [`ExportWriter`] writes one event at a time, so that an export of any size streams from a
//! query's pages to a file or an HTTP response without holding the events in memory. The
//! columns of the CSV are ACLED's where they apply ([`ACLED_COLUMNS`]), then sitrep's own.

use crate::StoredEvent;
use sitrep_model::{Count, LocationPrecision};
use std::io::Write;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// ACLED's columns where they apply, then sitrep's own.
    AcledCsv,
    /// A FeatureCollection of points; events without coordinates are left out.
    Geojson,
    /// A JSON array of fused events, as `sitrep events --format json` prints them.
    Json,
}

impl ExportFormat {
    /// The format's name: `acled-csv`, `geojson` or `json`.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::AcledCsv => "acled-csv",
            ExportFormat::Geojson => "geojson",
            ExportFormat::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ExportFormat::AcledCsv,
            ExportFormat::Geojson,
            ExportFormat::Json,
        ]
        .into_iter()
        .find(|f| f.name() == s)
    }

    /// The media type of the format.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::AcledCsv => "text/csv; charset=utf-8",
            ExportFormat::Geojson => "application/geo+json",
            ExportFormat::Json => "application/json",
        }
    }

    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::AcledCsv => "csv",
            ExportFormat::Geojson => "geojson",
            ExportFormat::Json => "json",
        }
    }
}

/// Writes events one by one in one of the [`ExportFormat`]s: the opening (CSV header, the
/// start of the array or collection) on creation, then each event, then the closing on
/// [`ExportWriter::finish`]. Pretty output indents the JSON for reading; plain output writes
/// one event (or feature) per line.
pub struct ExportWriter<W: Write> {
    out: W,
    format: ExportFormat,
    pretty: bool,
    written: usize,
    omitted: usize,
}

impl<W: Write> ExportWriter<W> {
    pub fn new(out: W, format: ExportFormat, pretty: bool) -> std::io::Result<Self> {
        let mut w = ExportWriter {
            out,
            format,
            pretty,
            written: 0,
            omitted: 0,
        };
        match format {
            ExportFormat::AcledCsv => writeln!(w.out, "{}", ACLED_COLUMNS.join(","))?,
            ExportFormat::Geojson if pretty => w
                .out
                .write_all(b"{\n  \"type\": \"FeatureCollection\",\n  \"features\": [")?,
            ExportFormat::Geojson => w
                .out
                .write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?,
            ExportFormat::Json => w.out.write_all(b"[")?,
        }
        Ok(w)
    }

    /// Writes one event; in GeoJSON an event without coordinates is counted and left out.
    pub fn write(&mut self, ev: &StoredEvent) -> std::io::Result<()> {
        match self.format {
            ExportFormat::AcledCsv => {
                let row: Vec<String> = acled_row(ev).iter().map(|f| csv_field(f)).collect();
                writeln!(self.out, "{}", row.join(","))?;
            }
            ExportFormat::Geojson => {
                let coords = ev
                    .event
                    .location
                    .as_ref()
                    .and_then(|l| Some((l.lat?, l.lon?)));
                let Some((lat, lon)) = coords else {
                    self.omitted += 1;
                    return Ok(());
                };
                let feature = serde_json::json!({
                    "type": "Feature",
                    "id": ev.event.id.0,
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": serde_json::to_value(ev)?,
                });
                self.element(&feature, 4)?;
            }
            ExportFormat::Json => self.element(ev, 2)?,
        }
        self.written += 1;
        Ok(())
    }

    /// One element of the JSON array, after a separator when it is not the first.
    fn element<T: serde::Serialize>(&mut self, v: &T, indent: usize) -> std::io::Result<()> {
        if self.written > 0 {
            self.out.write_all(b",")?;
        }
        self.out.write_all(b"\n")?;
        if self.pretty {
            let text = serde_json::to_string_pretty(v)?;
            let pad = " ".repeat(indent);
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    self.out.write_all(b"\n")?;
                }
                self.out.write_all(pad.as_bytes())?;
                self.out.write_all(line.as_bytes())?;
            }
        } else {
            serde_json::to_writer(&mut self.out, v)?;
        }
        Ok(())
    }

    /// Writes the closing and returns the output with how many events were left out
    /// (GeoJSON events without coordinates).
    pub fn finish(mut self) -> std::io::Result<(W, usize)> {
        let nl = if self.written > 0 { "\n" } else { "" };
        match self.format {
            ExportFormat::AcledCsv => {}
            ExportFormat::Geojson if self.pretty => writeln!(self.out, "{nl}  ]\n}}")?,
            ExportFormat::Geojson => writeln!(self.out, "{nl}]}}")?,
            ExportFormat::Json => writeln!(self.out, "{nl}]")?,
        }
        self.out.flush()?;
        Ok((self.out, self.omitted))
    }
}

/// Writes all `events` in `format` (pretty JSON); returns how many were left out.
pub fn write_all(
    events: &[StoredEvent],
    format: ExportFormat,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut w = ExportWriter::new(out, format, true)?;
    for ev in events {
        w.write(ev)?;
    }
    Ok(w.finish()?.1)
}

/// A count as text: `8`, `5-7` for a range, `12+` when open-ended.
pub fn count_text(c: Option<Count>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{content_hash, testing, EventFilter, SqliteStore, Store};
    use sitrep_model::DocumentRecord;

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

    fn write_acled_csv(events: &[StoredEvent], out: &mut Vec<u8>) -> std::io::Result<()> {
        write_all(events, ExportFormat::AcledCsv, out).map(|_| ())
    }

    fn write_geojson(events: &[StoredEvent], out: &mut Vec<u8>) -> std::io::Result<usize> {
        write_all(events, ExportFormat::Geojson, out)
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
    fn json_streams_pretty_or_one_event_per_line_and_both_parse_back() {
        let events = stored();
        let mut pretty = Vec::new();
        write_all(&events, ExportFormat::Json, &mut pretty).unwrap();
        let expected = format!("{}\n", serde_json::to_string_pretty(&events).unwrap());
        assert_eq!(String::from_utf8(pretty).unwrap(), expected);
        let mut w = ExportWriter::new(Vec::new(), ExportFormat::Json, false).unwrap();
        for ev in &events {
            w.write(ev).unwrap();
        }
        let (plain, _) = w.finish().unwrap();
        let text = String::from_utf8(plain).unwrap();
        assert_eq!(text.lines().count(), events.len() + 2);
        let back: Vec<StoredEvent> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, events);
        for format in [ExportFormat::Json, ExportFormat::Geojson] {
            for pretty in [true, false] {
                let (empty, _) = ExportWriter::new(Vec::new(), format, pretty)
                    .unwrap()
                    .finish()
                    .unwrap();
                let v: serde_json::Value = serde_json::from_slice(&empty).unwrap();
                assert!(
                    v.is_array() || v["features"] == serde_json::json!([]),
                    "{v}"
                );
            }
        }
        assert_eq!(
            ExportFormat::parse("acled-csv"),
            Some(ExportFormat::AcledCsv)
        );
        assert_eq!(ExportFormat::parse("csv"), None);
    }
}
