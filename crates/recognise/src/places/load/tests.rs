//! The index built at run time against the one built by the build script, lookups on a small
//! gazetteer, and malformed gazetteer files and index buffers.

use super::*;
use std::io::Write;

/// The gazetteer file the build script indexes.
static EMBEDDED_GZ: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/gazetteer.tsv.gz"
));

fn gzip(text: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(text).unwrap();
    e.finish().unwrap()
}

const SMALL: &str = "#sitrep-gazetteer\t1
A\tUA.13\tKyiv Oblast
A\tUA.07\tKharkiv Oblast
A\tRU.10\tBryansk Oblast
P\tgeonames:690791\tUkraine\tcountry\tUA\t\t48.7\t31.2\t44000000\tUkraine
P\tgeonames:703448\tKyiv\tcapital\tUA\t12\t50.45466\t30.5238\t2797553\tKyiv|Kiev|Київ|Kyjiw
P\tgeonames:admin1:UA.07\tKharkiv Oblast\tadmin1\tUA\t07\t49.9\t36.5\t2600000\tKharkiv Oblast|~Kharkiv|~Харків
P\tgeonames:706483\tKharkiv\tcity\tUA\t07\t49.98081\t36.25272\t1430885\tKharkiv|Kharkov|Харків
P\tgeonames:571476\tBryansk\tcity\tRU\t10\t53.25209\t34.37167\t427236\tBryansk|Брянск
P\ticao:UKKK\tKyiv International Airport (Zhuliany)\tairport\tUA\t12\t50.40194\t30.45194\t0\tZhuliany|~Kyiv|~Zhuliany
P\ticao:UKBB\tBoryspil International Airport\tairport\tUA\t13\t50.345\t30.89472\t0\tBoryspil|~Kyiv|~Boryspil
P\tgeonames:2643743\tLondon\tcapital\tGB\tENG\t51.50853\t-0.12574\t8961989\tLondon|LON
P\tgeonames:6058560\tLondon\tcity\tCA\t08\t42.98339\t-81.23304\t346765\tLondon
W\tlondon
E\tthe
E\tsaid
";

fn small() -> Data {
    Data::from_tsv("small", SMALL).unwrap()
}

fn names(d: &Data, refs: Option<&[KeyRef]>) -> Vec<String> {
    refs.unwrap_or_default()
        .iter()
        .map(|r| d.records[r.idx as usize].place.id.clone())
        .collect()
}

#[test]
fn runtime_index_of_the_embedded_file_is_the_compiled_in_index() {
    let text = {
        let mut s = String::new();
        flate2::read::GzDecoder::new(EMBEDDED_GZ)
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let built = index::build(&text).unwrap();
    assert!(built == EMBEDDED_INDEX, "the indexes differ");

    let runtime = Data::from_index("runtime", Bytes::owned(built)).unwrap();
    let compiled = Data::embedded().unwrap();
    assert_eq!(runtime.records.len(), compiled.records.len());
    assert_eq!(runtime.skipped_lines, compiled.skipped_lines);
    assert_eq!(runtime.max_words, compiled.max_words);
    assert_eq!(runtime.airports, compiled.airports);
    assert_eq!(runtime.countries, compiled.countries);
    for name in [
        "kyiv",
        "kharkiv",
        "london",
        "bryansk",
        "sea of azov",
        "us",
        "zq",
    ] {
        assert_eq!(runtime.keys.get(name), compiled.keys.get(name), "{name}");
        assert_eq!(
            runtime.filter.may_contain(name),
            compiled.filter.may_contain(name)
        );
    }
    let kyiv = compiled.keys.get("kyiv").unwrap();
    assert_eq!(
        compiled.records[kyiv[0].idx as usize].place.id,
        "geonames:703448"
    );
}

#[test]
fn small_gazetteer_lookups() {
    let d = small();
    assert_eq!(d.records.len(), 9);
    assert_eq!(d.skipped_lines, 0);
    assert_eq!(
        names(&d, d.keys.get("kiev")),
        ["geonames:703448".to_string()]
    );
    assert_eq!(names(&d, d.keys.get("київ")), ["geonames:703448"]);
    assert_eq!(
        names(&d, d.keys.get("london")),
        ["geonames:2643743", "geonames:6058560"]
    );
    assert!(d.keys.get("lon").unwrap()[0].upper);
    assert!(!d.keys.get("london").unwrap()[0].upper);
    assert!(d.keys.get("kharkov").unwrap()[0].similar);
    assert!(!d.keys.get("kharkov").unwrap()[0].primary);
    assert_eq!(d.keys.get("odesa"), None);
    // "~" names are usable only before a region or an airport word.
    assert_eq!(d.keys.get("boryspil").map(<[KeyRef]>::len), Some(1));
    assert_eq!(
        names(&d, d.airport_keys.get("kyiv")),
        ["icao:UKKK", "icao:UKBB"]
    );
    assert_eq!(
        names(&d, d.region_keys.get("kharkiv")),
        ["geonames:admin1:UA.07"]
    );
    assert_eq!(
        names(
            &d,
            d.cyrillic_region_stems.get(&cyrillic_stem("харківська"))
        ),
        ["geonames:admin1:UA.07"]
    );
    assert!(d.first_words.contains("kharkiv"));
    assert!(!d.first_words.contains("kyiv"));
    assert_eq!(d.max_words, 2);
    assert!(d.common_names.contains("london"));
    assert!(d.english.contains("said") && !d.english.contains("kyiv"));
    let kyiv = *d.by_id.get("geonames:703448").unwrap() as usize;
    let place = &d.records[kyiv].place;
    assert_eq!(place.name, "Kyiv");
    assert_eq!(place.country.as_deref(), Some("UA"));
    assert_eq!((place.lat, place.lon), (50.45466, 30.5238));
    assert!(d.records[kyiv].capital);
    let bryansk = &d.records[*d.by_id.get("geonames:571476").unwrap() as usize];
    assert_eq!(bryansk.place.admin1.as_deref(), Some("Bryansk Oblast"));
    assert_eq!(d.countries.get("UA"), Some(&0));
    assert_eq!(
        d.admin1.get(&("UA".to_string(), "07".to_string())),
        Some(&2)
    );
    // Airports sorted by latitude.
    let lats: Vec<f64> = d
        .airports
        .iter()
        .map(|&a| d.records[a as usize].place.lat)
        .collect();
    assert_eq!(lats, [50.345, 50.40194]);
    for k in d.keys.keys() {
        assert!(d.filter.may_contain(k)[NameSet::Names as usize], "{k}");
    }
}

#[test]
fn malformed_gazetteer_files_are_typed_errors() {
    let err = |bytes: &[u8]| Data::from_gz("user.tsv.gz", bytes).unwrap_err();
    assert!(matches!(err(b""), GazetteerError::Gzip { .. }));
    assert!(matches!(err(b"P\tx\n"), GazetteerError::Gzip { .. }));
    let gz = gzip(SMALL.as_bytes());
    assert!(matches!(
        err(&gz[..gz.len() / 2]),
        GazetteerError::Gzip { .. }
    ));
    assert!(matches!(
        err(&gzip(b"\xff\xfe\x00binary\x80")),
        GazetteerError::Encoding { .. }
    ));
    assert!(matches!(
        err(&gzip(b"name\tlat\tlon\n")),
        GazetteerError::Header { .. }
    ));
    let long = format!(
        "#sitrep-gazetteer\t1\nP\tid:1\tX\tcity\tUA\t\t1\t1\t0\t{}\n",
        "x".repeat(70_000)
    );
    let e = err(&gzip(long.as_bytes()));
    assert!(matches!(e, GazetteerError::Index { .. }), "{e:?}");
    assert!(e.to_string().starts_with("gazetteer user.tsv.gz: "), "{e}");
    assert!(Data::from_gz("user", &gz).is_ok());
}

#[test]
fn damaged_index_buffers_are_errors() {
    let good = index::build(SMALL).unwrap();
    assert!(Data::from_index("x", Bytes::owned(good.clone())).is_ok());
    for cut in [0, 7, 8, 30, 120, good.len() / 2, good.len() - 1] {
        assert!(
            Data::from_index("x", Bytes::owned(good[..cut].to_vec())).is_err(),
            "{cut}"
        );
    }
    // Damaged bytes anywhere give an error or a gazetteer, never a panic.
    for at in (0..good.len()).step_by(7) {
        let mut bad = good.clone();
        bad[at] ^= 0xa5;
        if let Ok(d) = Data::from_index("x", Bytes::owned(bad)) {
            for k in ["kyiv", "london", "kharkiv", "zz"] {
                let _ = d.keys.get(k);
                let _ = d.filter.may_contain(k);
                let _ = d.first_words.contains(k);
                let _ = d.by_id.get(k);
            }
            let _ = d.keys.keys().count();
            let _ = d.records.iter().map(|r| r.place.name.len()).sum::<usize>();
        }
    }
}

proptest::proptest! {
    /// Any lines after a valid header make a gazetteer (bad lines are skipped), never a panic.
    #[test]
    fn any_lines_after_the_header_load(body in "[PAWE\t|~x0-9.\n -]{0,300}") {
        let d = Data::from_tsv("p", &format!("#sitrep-gazetteer\t1\n{body}")).unwrap();
        for k in d.keys.keys() {
            proptest::prop_assert!(d.keys.get(k).is_some());
        }
    }
}
