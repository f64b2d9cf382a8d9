//! The importer on small files written for these tests in the formats of the sources: what
//! merges, what is added, what the recogniser then makes of place phrases, and bad input.

use super::*;
use crate::places::Gazetteer;
use sitrep_model::{Feature, MentionValue, NameMatch, Place, PlaceContext, PlacePrecision};

/// OCHA administrative units: an oblast, two raions, two hromadas (centres near the towns).
const ADMIN: &str = "#source: written for the tests
pcode\tlevel\tname_en\tname_uk\tparent_pcode\tlat\tlon
UA14\tadmin1\tDonetska\tДонецька\tUA\t48.05\t37.70
UA1412\tadmin2\tKramatorskyi\tКраматорський\tUA14\t48.77\t37.52
UA1412009\tadmin3\tKramatorska\tКраматорська\tUA1412\t48.73\t37.55
UA5904\tadmin2\tShostkynskyi\tШосткинський\tUA59\t51.80\t33.40
UA5904003\tadmin3\tHlukhivska\tГлухівська\tUA5904\t51.68\t33.91
";

/// The same units with Russian names.
const ADMIN_RU: &str = "pcode\tlevel\tname_en\tname_uk\tname_ru\tlat\tlon
UA1412\tadmin2\tKramatorskyi\tКраматорський\tКраматорский\t48.77\t37.52
UA1412009\tadmin3\tKramatorska\tКраматорська\tКраматорская\t48.73\t37.55
";

/// OCHA settlements: Kramatorsk (in the compiled-in gazetteer too), a small village written
/// for the tests, and a renamed one (English name before the renaming, Ukrainian after).
const SETTLEMENTS: &str = "#source: written for the tests
pcode\tname_en\tname_uk\tname_uk_latin\thromada_pcode\thromada_en\traion_pcode\traion_en\toblast_pcode\toblast_en\tlat\tlon
UA1412009001\tKramatorsk\tКраматорськ\t\tUA1412009\tKramatorska\tUA1412\tKramatorskyi\tUA14\tDonetska\t48.7230\t37.5560
UA1412009002\tZarichkove Pershe\tЗарічкове Перше\t\tUA1412009\tKramatorska\tUA1412\tKramatorskyi\tUA14\tDonetska\t48.6610\t37.6320
UA1412009003\tLeninske Druhe\tСонячне Друге\tSoniachne Druhe\tUA1412009\tKramatorska\tUA1412\tKramatorskyi\tUA14\tDonetska\t48.6900\t37.4800
not a row
";

/// Who's On First: the village again, with its Russian name and an older name.
const WOF: &str = "wof_id\tname\tlat\tlon\tpopulation\tgeonames_id\twikidata_id\tregion_wof_id\tregion_name\tname_eng_preferred\tname_eng_variant\tname_ukr_preferred\tname_ukr_variant\tname_rus_preferred\tname_rus_variant\tname_und_variant\tname_crh_preferred
900001\tЗарічкове Перше\t48.6620\t37.6310\t420\t\t\t1\tDonetsk\tZarichkove Pershe\tZarichkove-1\tЗарічкове Перше\t\tЗаречковое Первое\t\tKomunarivka\t
";

/// A GeoNames dump: a village of Russia's Belgorod region (admin1 09), a hill in Ukraine, and
/// a row of a country the import is not asked for.
const GEONAMES: &str = "9000001\tKozinka Vtoraya\tKozinka Vtoraya\tKozinka 2,Козинка Вторая\t50.4100\t35.6600\tP\tPPL\tRU\t\t09\t\t\t\t310\t\t\tEurope/Moscow\t2024-01-01
9000002\tSavur-Mohyla\tSavur-Mohyla\tSaur-Mogila,Саур-Могила\t47.9790\t38.7590\tT\tHLL\tUA\t\t05\t\t\t\t0\t277\t\tEurope/Kyiv\t2024-01-01
9000003\tSomewhere\tSomewhere\t\t10.0\t10.0\tP\tPPL\tNG\t\t01\t\t\t\t900\t\t\tAfrica/Lagos\t2024-01-01
";

fn import(files: &[(&str, &str)]) -> Imported {
    let mut imp = Importer::new(&["UA".to_string(), "RU".to_string()]);
    for (name, body) in files {
        imp.add(name, body.as_bytes()).unwrap();
    }
    Gazetteer::import(imp, "test").unwrap()
}

/// The gazetteer of all the files, built once for the tests that read it.
fn all() -> Gazetteer {
    static ALL: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let imported = import(&[
            ("settlements.tsv", SETTLEMENTS),
            ("wof.tsv", WOF),
            ("admin.tsv", ADMIN),
            ("admin_ru.tsv", ADMIN_RU),
            ("UA.txt", GEONAMES),
        ]);
        Gazetteer::from_index("imported", imported.index).unwrap()
    })
    .clone()
}

#[test]
fn formats_are_told_by_their_first_line_and_bad_rows_are_counted() {
    let imported = import(&[
        ("settlements.tsv", SETTLEMENTS),
        ("wof.tsv", WOF),
        ("admin.tsv", ADMIN),
        ("admin_ru.tsv", ADMIN_RU),
        ("UA.txt", GEONAMES),
    ]);
    let formats: Vec<Format> = imported.sources.iter().map(|s| s.format).collect();
    assert_eq!(
        formats,
        [
            Format::OchaSettlements,
            Format::WhosOnFirst,
            Format::OchaAdmin,
            Format::AdminRussianNames,
            Format::GeoNames
        ]
    );
    let settlements = &imported.sources[0];
    assert_eq!((settlements.rows, settlements.records), (4, 3));
    assert_eq!(
        (settlements.skipped, settlements.skipped_lines.clone()),
        (1, vec![6])
    );
    // The GeoNames row of another country is read but not taken.
    assert_eq!(imported.sources[4].records, 2);
    // Russian names join their units; Kramatorsk joins the compiled-in record.
    assert_eq!(imported.sources[3].merged, 2);
    assert!(settlements.merged >= 1);
    assert!(imported.records > Gazetteer::embedded().len());
}

#[test]
fn records_of_one_place_merge_with_every_name_and_code() {
    let g = all();
    let d = &g.d;
    // The compiled-in Kramatorsk keeps its id and gains the codes of its raion and hromada.
    let k = g.lookup("Kramatorsk").unwrap();
    assert!(k.id.starts_with("geonames:"), "{}", k.id);
    let rec = &d.records[*d.by_id.get(&k.id).unwrap() as usize];
    assert_eq!(
        (rec.admin2_code.as_str(), rec.admin3_code.as_str()),
        ("UA1412", "UA1412009")
    );
    assert_eq!(rec.admin2_name, "Kramatorskyi");
    // The village is one record with its Ukrainian, Russian and English names; the name of
    // Who's On First that meets none of the official names is flagged as a former one.
    let v = d.by_id.get("ocha:UA1412009002").copied().unwrap();
    let v = &d.records[v as usize];
    assert_eq!(v.place.name, "Zarichkove Pershe");
    assert_eq!(v.rank_population, 420);
    assert_eq!(v.admin1_code, "05");
    assert!(v.keys.contains("ru=Заречковое Первое"), "{}", v.keys);
    assert!(v.keys.contains("!Komunarivka"), "{}", v.keys);
    assert!(d.by_id.get("wof:900001").is_none());
    // A renamed village: its current name first, the older one flagged.
    let r = d.by_id.get("ocha:UA1412009003").copied().unwrap();
    let r = &d.records[r as usize];
    assert_eq!(r.place.name, "Soniachne Druhe");
    assert!(r.keys.contains("!en=Leninske Druhe"), "{}", r.keys);
    // Units are records of their own.
    let unit = d.by_id.get("ocha:UA5904003").copied().unwrap();
    let unit = &d.records[unit as usize];
    assert_eq!(unit.feature_code, FEATURE_ADMIN3);
    assert_eq!(unit.admin2_code, "UA5904");
    assert_eq!(unit.place.feature, Feature::Admin2);
    let counts = g.level_counts();
    assert!(
        counts["community"] >= 2 && counts["admin2"] >= 2,
        "{counts:?}"
    );
    assert!(g.description().contains("OCHA COD-AB settlements"));
}

/// The first place mention of `text` and its context, if it has one.
fn first_place(g: &Gazetteer, text: &str, surface: &str) -> (Place, Option<PlaceContext>) {
    let m = g.find(text, &[]);
    let i = m
        .iter()
        .position(|m| m.text == surface && matches!(m.value, MentionValue::Place(_)))
        .unwrap_or_else(|| panic!("no place {surface:?} in {m:?}"));
    let MentionValue::Place(p) = &m[i].value else {
        unreachable!()
    };
    let ctx = m.get(i + 1).and_then(|n| match &n.value {
        MentionValue::PlaceContext(c) if n.start == m[i].start => Some(c.clone()),
        _ => None,
    });
    (p.clone(), ctx)
}

#[test]
fn imported_places_resolve_in_phrases_of_every_style() {
    let g = all();
    // Russian form of a Ukrainian village, with its district and region.
    let (p, c) = first_place(
        &g,
        "near the village of Zarechkovoe Pervoe, Kramatorsky district, Donetsk region",
        "Zarechkovoe Pervoe",
    );
    assert_eq!(p.id, "ocha:UA1412009002");
    let c = c.unwrap();
    assert_eq!(c.precision, PlacePrecision::Settlement);
    assert_eq!(c.admin2.as_deref(), Some("Kramatorskyi"));
    assert_eq!(c.community.as_deref(), Some("Kramatorska"));
    assert_eq!(c.within, ["Kramatorsky district", "Donetsk region"]);
    // The district resolves to its own record.
    let (d, dc) = first_place(
        &g,
        "near the village of Zarechkovoe Pervoe, Kramatorsky district, Donetsk region",
        "Kramatorsky district",
    );
    assert_eq!(d.id, "ocha:UA1412");
    assert_eq!(d.feature, Feature::Admin2);
    assert_eq!(dc.unwrap().precision, PlacePrecision::Admin2);
    // A community, in Ukrainian national transliteration.
    let (h, hc) = first_place(
        &g,
        "Drones struck the Hlukhivska territorial community overnight.",
        "the Hlukhivska territorial community",
    );
    assert_eq!(h.id, "ocha:UA5904003");
    assert_eq!(hc.unwrap().precision, PlacePrecision::Community);
    // A former name, flagged.
    let (r, rc) = first_place(
        &g,
        "Shelling hit Leninske Druhe, Donetsk region.",
        "Leninske Druhe",
    );
    assert_eq!(r.id, "ocha:UA1412009003");
    assert!(rc.unwrap().former_name);
    // Cyrillic.
    let (z, _) = first_place(&g, "Обстріл села Зарічкове Перше", "Зарічкове Перше");
    assert_eq!(z.id, "ocha:UA1412009002");
    // A village of Russia's border region from a GeoNames dump, met through its loose form.
    let (k, kc) = first_place(&g, "near the village of Kozinka Vtoraia", "Kozinka Vtoraia");
    assert_eq!(k.country.as_deref(), Some("RU"));
    assert_eq!(k.admin1.as_deref(), Some("Belgorod Oblast"));
    assert_ne!(kc.map(|c| c.matched), Some(NameMatch::Exact));
    // A hill.
    let (s, _) = first_place(&g, "fighting for Saur-Mogila height", "Saur-Mogila");
    assert_eq!(s.feature, Feature::Other);
}

#[test]
fn a_distance_from_a_place_makes_it_an_anchor() {
    let g = all();
    let text = "Zarichkove Pershe village, 10 km south-east of Kramatorsk";
    let (_, c) = first_place(&g, text, "Kramatorsk");
    let a = c.and_then(|c| c.anchor).expect("an anchor");
    assert_eq!(a.distance_km, Some(10.0));
    assert_eq!(a.direction.as_deref(), Some("south-east"));
    assert_eq!(&text[a.start..a.end], "10 km south-east of ");
    let (v, _) = first_place(&g, text, "Zarichkove Pershe");
    assert_eq!(v.id, "ocha:UA1412009002");
}

#[test]
fn bad_input_is_a_clear_error() {
    let mut imp = Importer::new(&[]);
    match imp.add("notes.txt", "# only a comment\nhello\tworld\n".as_bytes()) {
        Err(ImportError::UnknownFormat { input, line, .. }) => {
            assert_eq!((input.as_str(), line), ("notes.txt", 2))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        imp.add("empty.tsv", "".as_bytes()),
        Err(ImportError::Empty { .. })
    ));
    // Junk after a good header: every row skipped, nothing taken, no panic.
    imp.add(
        "junk.tsv",
        "pcode\tlevel\tname_en\tname_uk\tparent_pcode\tlat\tlon\nUA1\tadmin9\t\u{0}\t\t\tx\ty\n\t\t\n"
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(imp.reports[0].records, 0);
    assert_eq!(imp.reports[0].skipped, 1);
    // Invalid UTF-8 is read lossily.
    imp.add(
        "latin1.tsv",
        &b"wof_id\tname\tlat\tlon\n1\tKyj\xefv\t50.4\t30.5\n"[..],
    )
    .unwrap();
    assert_eq!(imp.reports[1].records, 1);
}
