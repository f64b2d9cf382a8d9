//! The place-phrase corpus (`tests/places/phrases.tsv`): place descriptions in the styles of
//! conflict reporting (Russian and Ukrainian transliterations, Cyrillic, former names, "X, Y
//! region", "X (Y region)", "N km from X", towns of Russia's border regions), each with the
//! gazetteer record it means, resolved with the compiled-in gazetteer. Scored as
//! `score_places.py` scores place phrases: found (a mention below region level within the
//! radius), top-1 (the most specific mention, first in the text) and precision (mentions below
//! region level within twice the radius).

use sitrep_model::{Feature, MentionValue, Place};
use sitrep_recognise::places::{distance_km, Gazetteer};

struct Phrase {
    text: String,
    id: String,
    lat: f64,
    lon: f64,
    radius: f64,
    style: String,
}

fn corpus() -> Vec<Phrase> {
    let body = include_str!("places/phrases.tsv");
    body.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "bad corpus line {l:?}");
            Phrase {
                text: f[0].to_string(),
                id: f[1].to_string(),
                lat: f[2].parse().unwrap(),
                lon: f[3].parse().unwrap(),
                radius: f[4].parse().unwrap(),
                style: f[5].to_string(),
            }
        })
        .collect()
}

fn rank(p: &Place) -> u8 {
    match p.feature {
        Feature::Admin2 => 1,
        Feature::Admin1 => 2,
        Feature::Country => 3,
        _ => 0,
    }
}

#[test]
fn place_phrases_resolve_to_their_places() {
    let g = Gazetteer::embedded();
    let phrases = corpus();
    assert!(phrases.len() >= 100, "{} phrases", phrases.len());
    let (mut found, mut top1, mut fine_ok, mut fine_all) = (0usize, 0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for ph in &phrases {
        // The gold is the gazetteer's own record.
        let gold = g
            .by_id(&ph.id)
            .unwrap_or_else(|| panic!("no record {}", ph.id));
        assert!(
            distance_km(
                gold,
                &Place {
                    lat: ph.lat,
                    lon: ph.lon,
                    ..gold.clone()
                }
            ) < 0.01
        );
        let places: Vec<(usize, Place)> = g
            .find(&ph.text, &[])
            .into_iter()
            .filter_map(|m| match m.value {
                MentionValue::Place(p) => Some((m.start, p)),
                _ => None,
            })
            .collect();
        let d = |p: &Place| distance_km(p, gold);
        let fine: Vec<&Place> = places
            .iter()
            .map(|(_, p)| p)
            .filter(|p| !matches!(p.feature, Feature::Country | Feature::Admin1))
            .collect();
        if fine.iter().any(|p| d(p) <= ph.radius) {
            found += 1;
        }
        fine_all += fine.len();
        fine_ok += fine.iter().filter(|p| d(p) <= 2.0 * ph.radius).count();
        let best = places.iter().min_by_key(|(start, p)| (rank(p), *start));
        match best {
            Some((_, p)) if d(p) <= ph.radius => top1 += 1,
            Some((_, p)) => misses.push(format!(
                "  [{}] {:?} -> {} ({}, {:.0} km)",
                ph.style,
                ph.text,
                p.name,
                p.admin1.as_deref().unwrap_or(""),
                d(p)
            )),
            None => misses.push(format!("  [{}] {:?} -> nothing", ph.style, ph.text)),
        }
    }
    let n = phrases.len() as f64;
    let (found, top1) = (found as f64 / n, top1 as f64 / n);
    let precision = fine_ok as f64 / fine_all.max(1) as f64;
    println!(
        "place phrases: found={found:.3} top1={top1:.3} precision={precision:.3} phrases={}",
        phrases.len()
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(found >= FLOOR_FOUND, "found {found:.3} < {FLOOR_FOUND}");
    assert!(top1 >= FLOOR_TOP1, "top-1 {top1:.3} < {FLOOR_TOP1}");
    assert!(
        precision >= FLOOR_PRECISION,
        "precision {precision:.3} < {FLOOR_PRECISION}"
    );
}

/// Floors at what the compiled-in gazetteer reaches (see the test's output).
const FLOOR_FOUND: f64 = 0.98;
const FLOOR_TOP1: f64 = 0.98;
const FLOOR_PRECISION: f64 = 0.98;
