//! The folding on names as the press writes them, and the property that every transliteration
//! system of Ukrainian and Russian lands a Cyrillic word on the word's own folded form.

use super::*;
use crate::places::tokens::norm;
use proptest::prelude::*;

fn f(s: &str) -> String {
    fold(&norm(s))
}

fn sk(s: &str) -> String {
    skeleton(&f(s))
}

#[test]
fn spellings_of_one_name_fold_alike() {
    for group in [
        &["Slavyansk", "Slaviansk", "Славянск"][..],
        &[
            "Sloviansk",
            "Slovyansk",
            "Slov'yansk",
            "Slov’iansk",
            "Слов'янськ",
        ],
        &["Horlivka", "Горлівка", "Gorlivka"],
        &[
            "Krasnoarmeysk",
            "Krasnoarmeisk",
            "Krasnoarmejsk",
            "Красноармейск",
        ],
        &["Shchastia", "Shchastya", "Schastia", "Щастя"],
        &[
            "Slovianskyi",
            "Slovyanskyy",
            "Slov'ianskyi",
            "Slovianskiy",
            "Slovianskij",
        ],
        &["Kharkiv", "Harkiv", "Харків", "Kharkiw"],
        &["Zaporizhzhia", "Zaporizhia", "Zaporizhzhya", "Запоріжжя"],
        &["Zaporozhye", "Zaporozhie", "Zaporozh'ye", "Запорожье"],
        &["Andreyevka", "Andreevka", "Andrejevka", "Андреевка"],
        &["Ulyanovka", "Ulianovka", "Uljanovka", "Ульяновка"],
        &["Yenakiieve", "Ienakiieve", "Yenakiyeve", "Єнакієве"],
        &[
            "Krasnyi Lyman",
            "Krasny Lyman",
            "Krasnyy Lyman",
            "Krasnij Lyman",
            "Красний Лиман",
        ],
        &["Dzerzhynsk", "Dzerzhinsk", "Дзержинськ"],
        &["Lutsk", "Lutzk", "Луцьк", "Luck"],
    ] {
        let first = f(group[0]);
        for s in &group[1..] {
            assert_eq!(f(s), first, "{s} against {}", group[0]);
        }
    }
}

#[test]
fn the_group_matcher_is_the_group_table() {
    for text in [
        "shch", "shh", "sch", "sh", "zh", "tch", "ts", "tz", "tc", "ch", "kh", "s", "t", "ck",
        "sz", "k",
    ] {
        let b = text.as_bytes();
        let table = GROUPS
            .iter()
            .find(|(g, _)| b.starts_with(g.as_bytes()))
            .map(|(g, to)| (g.len(), to.chars().next().unwrap()));
        assert_eq!(group_at(b), table, "{text}");
    }
}

#[test]
fn russian_and_ukrainian_forms_meet_loosely() {
    for (ru, uk) in [
        ("Gorlovka", "Horlivka"),
        ("Semenovka", "Semenivka"),
        ("Novopavlovka", "Novopavlivka"),
        ("Andreevka", "Andriivka"),
        ("Ulyanovka", "Ulianivka"),
        ("Zolotoe", "Zolote"),
        ("Vodyanoye", "Vodiane"),
        ("Peski", "Pisky"),
        ("Schastye", "Shchastia"),
        ("Stanitsa Luganskaya", "Stanytsia Luhanska"),
        ("Krasny Liman", "Krasnyi Lyman"),
        ("Slavyansky", "Sloviansk"),
        ("Artemovsk", "Artemivsk"),
        ("Krasnogorovka", "Krasnohorivka"),
        ("Charkiw", "Kharkiv"),
    ] {
        assert_eq!(sk(ru), sk(uk), "{ru} / {uk}");
    }
    // Different names stay apart.
    for (a, b) in [
        ("Pokrovsk", "Bakhmut"),
        ("Lyman", "Liman Pervyi"),
        ("Izium", "Kupiansk"),
    ] {
        assert_ne!(sk(a), sk(b));
    }
}

#[test]
fn administrative_adjectives_have_their_town_as_stem() {
    for (adj, town) in [
        ("Slovianskyi", "Sloviansk"),
        ("Slavyansky", "Slavyansk"),
        ("Kramatorska", "Kramatorsk"),
        ("Donetskyi", "Donetsk"),
        ("Bakhmutskyi", "Bakhmutsk"),
        ("Shostkynskyi", "Shostkynsk"),
        ("Novoazovskoye", "Novoazovsk"),
    ] {
        assert_eq!(admin_stem(&f(adj)), f(town), "{adj}");
    }
    assert_eq!(admin_stem("bahmut"), "bahmut");
}

/// Letters of the Ukrainian alphabet and of the Russian one that the generators draw from.
const UK: &[char] = &[
    'а', 'б', 'в', 'г', 'ґ', 'д', 'е', 'є', 'ж', 'з', 'и', 'і', 'ї', 'й', 'к', 'л', 'м', 'н', 'о',
    'п', 'р', 'с', 'т', 'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ь', 'ю', 'я',
];
const RU: &[char] = &[
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т',
    'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'ь', 'э', 'ю', 'я',
];

fn is_vowel(c: char) -> bool {
    "аеєиіїоуюяыэ".contains(c)
}

/// Ukrainian national transliteration (KMU 2010): initial є, ї, й, ю, я as ye, yi, y, yu, ya.
fn kmu(w: &str) -> String {
    let mut out = String::new();
    let mut prev = None;
    for (i, c) in w.chars().enumerate() {
        let initial = i == 0;
        let after_z = prev == Some('з');
        prev = Some(c);
        out.push_str(match c {
            'г' if after_z => "gh",
            'є' if initial => "ye",
            'ї' if initial => "yi",
            'й' if initial => "y",
            'ю' if initial => "yu",
            'я' if initial => "ya",
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "h",
            'ґ' => "g",
            'д' => "d",
            'е' => "e",
            'є' => "ie",
            'ж' => "zh",
            'з' => "z",
            'и' => "y",
            'і' => "i",
            'ї' => "i",
            'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ь' => "",
            'ю' => "iu",
            'я' => "ia",
            _ => "?",
        });
    }
    out
}

/// Scholarly (Library of Congress style) Ukrainian without diacritics: ь as a prime, й as i.
fn scholarly(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            'и' => "y".to_string(),
            'ь' => "'".to_string(),
            'є' => "ie".to_string(),
            'ї' => "i".to_string(),
            'й' => "i".to_string(),
            'ю' => "iu".to_string(),
            'я' => "ia".to_string(),
            c => kmu(&c.to_string()),
        })
        .collect()
}

/// Informal spellings of Ukrainian: y for й and и, ye/yi/yu/ya everywhere, a doubled y for
/// the adjective ending.
fn informal(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        out.push_str(match c {
            'є' => "ye",
            'ї' => "yi",
            'й' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ь' => "'",
            'х' => "h",
            'ц' => "tz",
            c => return_kmu(c),
        });
    }
    out
}

fn return_kmu(c: char) -> &'static str {
    match kmu(&c.to_string()).as_str() {
        "a" => "a",
        "b" => "b",
        "v" => "v",
        "h" => "h",
        "g" => "g",
        "d" => "d",
        "e" => "e",
        "zh" => "zh",
        "z" => "z",
        "y" => "y",
        "i" => "i",
        "k" => "k",
        "l" => "l",
        "m" => "m",
        "n" => "n",
        "o" => "o",
        "p" => "p",
        "r" => "r",
        "s" => "s",
        "t" => "t",
        "u" => "u",
        "f" => "f",
        "kh" => "kh",
        "ts" => "ts",
        "ch" => "ch",
        "sh" => "sh",
        "shch" => "shch",
        _ => "",
    }
}

/// BGN/PCGN romanisation of Russian without diacritics: е as ye at the start, after vowels and
/// after ъ and ь.
fn bgn(w: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in w.chars() {
        let after_vowel = prev.is_none_or(|p| is_vowel(p) || p == 'ъ' || p == 'ь');
        out.push_str(match c {
            'е' if after_vowel => "ye",
            'е' => "e",
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' => "'",
            'ы' => "y",
            'ь' => "'",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            _ => "?",
        });
        prev = Some(c);
    }
    out
}

/// Russian passports (GOST R 52535.1-2006): ц as tc, ъ as ie, ю and я as iu and ia.
fn gost(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            'е' => "e".to_string(),
            'й' => "i".to_string(),
            'ц' => "tc".to_string(),
            'ъ' => "ie".to_string(),
            'ь' => String::new(),
            'ю' => "iu".to_string(),
            'я' => "ia".to_string(),
            c => bgn(&c.to_string()),
        })
        .collect()
}

/// ISO 9 with its diacritics as the text would carry them.
fn iso9(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            'г' => 'g',
            'ґ' => 'g',
            'е' => 'e',
            'є' => 'ê',
            'ж' => 'ž',
            'и' => 'i',
            'і' => 'ì',
            'ї' => 'ï',
            'й' => 'j',
            'х' => 'h',
            'ц' => 'c',
            'ч' => 'č',
            'ш' => 'š',
            'щ' => 'ŝ',
            'ъ' | 'ь' => '\'',
            'ы' => 'y',
            'э' => 'è',
            'ю' => 'û',
            'я' => 'â',
            c => bgn(&c.to_string()).chars().next().unwrap_or('?'),
        })
        .collect()
}

/// A Cyrillic word of letters of the alphabet, with the signs where the spelling puts them: ь
/// after a consonant, ъ between a consonant and е (passports write ъ as "ie", which would run
/// into the "iu" and "ia" of ю and я).
fn word(alphabet: &'static [char]) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(alphabet), 2..12).prop_map(|cs| {
        let mut out: Vec<char> = Vec::new();
        for (i, &c) in cs.iter().enumerate() {
            let prev = out.last().copied();
            let after_consonant = prev.is_some_and(|p| !is_vowel(p) && !"ьъй".contains(p));
            let ok = match c {
                'ь' => after_consonant,
                'ъ' => after_consonant && cs.get(i + 1) == Some(&'е'),
                _ => true,
            };
            if ok {
                out.push(c);
            }
        }
        out.into_iter().collect()
    })
}

/// Whether `w` holds one of the letter pairs that a system writes ambiguously: KMU writes г as
/// h, so "сг" is "sh" as for ш (it writes зг as "zgh" to keep it apart from ж, but "z'h" for
/// зьг, and the scholarly system writes "zh"); informal spellings write х as h; ISO 9 writes х as h after
/// letters that make a group with it, шч as "šč", and ч as "č", which is "c" without its
/// diacritic, the letter of ц (the loose form takes "ch" for х, as German and Czech do).
fn has_any(w: &str, pairs: &[&str]) -> bool {
    // The soft sign is dropped or written as an apostrophe, which the lookup form drops.
    let w: String = w.chars().filter(|&c| c != 'ь').collect();
    pairs.iter().any(|p| w.contains(p))
}

const KMU_AMBIGUOUS: &[&str] = &["зг", "сг", "кг", "шг"];
const INFORMAL_AMBIGUOUS: &[&str] = &["зг", "сг", "кг", "шг", "сх", "зх", "шх", "кх"];
const ISO9_AMBIGUOUS: &[&str] = &[
    "сх", "цх", "чх", "шх", "щх", "зх", "жх", "кх", "тх", "шч", "сч", "тч", "сш", "шс", "сщ", "щс",
    "зж", "жз", "ч", "тц", "тш", "тщ", "тж",
];

/// The folding written as its definition reads: the Latin letters of the whole name first,
/// then its sounds, then the sounds joined; [`fold`] does the three in one pass.
fn fold_by_definition(norm: &str) -> String {
    let latin: String = norm
        .chars()
        .map(|ch| cyrillic(ch).map_or_else(|| ch.to_string(), str::to_string))
        .collect();
    let mut sounds_of = String::new();
    sounds(&latin, |c| sounds_of.push(c));
    let mut out = String::new();
    for c in sounds_of.chars() {
        if c == 'e' && out.ends_with('i') {
            out.pop();
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn one_pass_folding_is_the_definition() {
    for s in [
        "Slavyansk",
        "Shchastia",
        "Zaporizhzhia",
        "Yenakiieve",
        "Ksyxq",
        "iie",
        "Слов'янськ",
        "Щастя",
        "Єнакієве",
        "Černobyl",
        "Kyiv Pechersk",
        "tchts",
        "Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "Novoiakymivka-Krasnoarmeiskyi Shchastia-Yenakiieve",
    ] {
        let n = norm(s);
        assert_eq!(fold(&n), fold_by_definition(&n), "{s}");
        let mut appended = String::from("prefix ");
        fold_into(&n, &mut appended);
        assert_eq!(
            appended,
            format!("prefix {}", fold_by_definition(&n)),
            "{s}"
        );
    }
}

proptest! {
    /// Every system writes a Ukrainian word so that it folds to the word's own folded form.
    #[test]
    fn ukrainian_systems_fold_to_the_cyrillic(w in word(UK)) {
        let target = f(&w);
        if !has_any(&w, KMU_AMBIGUOUS) {
            prop_assert_eq!(f(&kmu(&w)), target.clone(), "KMU {} -> {}", w, kmu(&w));
        }
        if !has_any(&w, KMU_AMBIGUOUS) {
            prop_assert_eq!(f(&scholarly(&w)), target.clone(), "scholarly {} -> {}", w, scholarly(&w));
        }
        if !has_any(&w, INFORMAL_AMBIGUOUS) {
            prop_assert_eq!(f(&informal(&w)), target.clone(), "informal {} -> {}", w, informal(&w));
        }
        if !has_any(&w, ISO9_AMBIGUOUS) {
            prop_assert_eq!(sk(&iso9(&w)), sk(&w), "ISO 9 {}", iso9(&w));
        }
    }

    /// The same for Russian: BGN/PCGN, passports, and ISO 9 loosely.
    #[test]
    fn russian_systems_fold_to_the_cyrillic(w in word(RU)) {
        let target = f(&w);
        for (system, latin) in [("BGN/PCGN", bgn(&w)), ("GOST 2006", gost(&w))] {
            prop_assert_eq!(f(&latin), target.clone(), "{} {} -> {}", system, w, latin);
        }
        if !has_any(&w, ISO9_AMBIGUOUS) {
            prop_assert_eq!(sk(&iso9(&w)), sk(&w), "ISO 9 {}", iso9(&w));
        }
    }

    /// Capitals, apostrophes and hyphens do not change the folded form.
    #[test]
    fn case_apostrophes_and_hyphens_do_not_matter(w in word(UK)) {
        let latin = kmu(&w);
        let mut cap = latin.clone();
        if let Some(first) = cap.get(..1) {
            cap = first.to_uppercase() + &cap[1..];
        }
        prop_assert_eq!(f(&cap), f(&latin));
        prop_assert_eq!(f(&format!("{latin}-{latin}")), f(&format!("{latin} {latin}")));
    }

    /// The folded forms never panic and never grow the input much.
    #[test]
    fn folding_any_text_is_bounded(s in "\\PC{0,40}") {
        let n = norm(&s);
        let folded = fold(&n);
        prop_assert!(folded.len() <= 2 * n.len() + 4);
        prop_assert!(skeleton(&folded).len() <= folded.len() + 1);
        prop_assert_eq!(folded, fold_by_definition(&n));
    }

    /// Folding Latin and Cyrillic words in one pass gives their folded form by definition.
    #[test]
    fn folding_words_is_the_definition(w in word(UK), v in word(RU)) {
        for s in [w.clone(), kmu(&w), informal(&w), v.clone(), bgn(&v)] {
            let n = norm(&s);
            prop_assert_eq!(fold(&n), fold_by_definition(&n), "{}", s);
        }
    }
}
