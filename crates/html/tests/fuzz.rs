//! Property tests: `extract` returns on any input, never shows script or style content, and
//! keeps its output well formed.

use proptest::prelude::*;
use sitrep_html::extract;

/// Pieces of markup, valid and broken, to assemble into tag soup.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<li>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("</td></tr>".to_string()),
        Just("<nav class=\"share\">".to_string()),
        Just("<article>".to_string()),
        Just("<span class='related'>".to_string()),
        Just("<script>SCRIPTBODY();</script>".to_string()),
        Just("<style>.STYLEBODY{}</style>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("<!--".to_string()),
        Just("<![CDATA[x]]>".to_string()),
        Just("&amp;&#x41;&#99999999;&bogus;&".to_string()),
        Just("<a href=\"x".to_string()),
        Just("<".to_string()),
        Just("</".to_string()),
        Just("<br/>".to_string()),
        Just("<svg><p/></svg>".to_string()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
                .to_string()
        ),
        "[a-zA-Z ,.]{0,40}",
        "\\PC{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_strings_do_not_panic(s in "\\PC*") {
        let ex = extract(&s);
        prop_assert!(!ex.text.contains('<') || s.contains('<'));
    }

    #[test]
    fn tag_soup_hides_script_and_style(pieces in prop::collection::vec(piece(), 0..60)) {
        let html = pieces.concat();
        let ex = extract(&html);
        prop_assert!(!ex.text.contains("SCRIPTBODY"), "script leaked: {:?}", ex.text);
        prop_assert!(!ex.text.contains("STYLEBODY"), "style leaked: {:?}", ex.text);
        prop_assert!(!ex.text.contains("\n\n\n"));
        prop_assert_eq!(ex.text.trim(), ex.text.as_str());
    }

    #[test]
    fn binary_junk_does_not_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let html = String::from_utf8_lossy(&bytes);
        let _ = extract(&html);
    }
}

#[test]
fn deep_nesting_and_huge_pages_return() {
    let deep = format!(
        "{}<p>{}</p>{}",
        "<div><span>".repeat(50_000),
        "word ".repeat(40),
        "</span></div>".repeat(50_000)
    );
    let ex = extract(&deep);
    assert!(ex.text.contains("word word"));

    let unclosed = "<div><p>Unclosed paragraph with some words in it, and a comma".repeat(20_000);
    let ex = extract(&unclosed);
    assert!(ex.text.contains("Unclosed paragraph"));

    let script_only = format!(
        "<script>{}</script>",
        "var x = '<p>not text</p>';".repeat(10_000)
    );
    assert_eq!(extract(&script_only).text, "");
}

#[test]
fn unterminated_script_swallows_the_rest() {
    let ex = extract("<p>Before the script there is a sentence long enough, with a comma.</p><script>var a = 1; <p>hidden");
    assert!(ex.text.starts_with("Before the script"));
    assert!(!ex.text.contains("hidden"));
}

/// Attribute names, some kept by the extractor and some not, in mixed case and lengths.
fn attr_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("class".to_string()),
        Just("CLASS".to_string()),
        Just("Id".to_string()),
        Just("href".to_string()),
        Just("data-x".to_string()),
        Just("aria-HIDDEN".to_string()),
        Just("xml:lang".to_string()),
        "[a-zA-Z:-]{1,12}",
        "[a-z]{60,70}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Keeping a list of attributes keeps exactly the listed ones of a full parse, with the
    /// same values, whatever the case and length of the names.
    #[test]
    fn kept_attributes_are_those_of_a_full_parse(
        attrs in prop::collection::vec((attr_name(), "[a-z &;#0-9]{0,12}"), 0..8),
        text in "\\PC{0,20}",
    ) {
        use sitrep_html::dom::{parse, parse_keeping, Keep};
        let list: &[&str] = &["class", "id", "aria-hidden", "xml:lang", &"q".repeat(64)];
        let mut html = String::from("<div");
        for (n, v) in &attrs {
            html.push_str(&format!(" {n}=\"{v}\""));
        }
        html.push('>');
        html.push_str(&text);
        let full = parse(&html);
        let kept = parse_keeping(&html, Keep::Only(list));
        prop_assert_eq!(full.nodes.len(), kept.nodes.len());
        for id in 0..full.nodes.len() as u32 {
            let want: Vec<(String, String)> = full
                .get(id)
                .attrs
                .iter()
                .filter(|a| list.contains(&&*a.name))
                .map(|a| (a.name.to_string(), a.value.to_string()))
                .collect();
            let got: Vec<(String, String)> = kept
                .get(id)
                .attrs
                .iter()
                .map(|a| (a.name.to_string(), a.value.to_string()))
                .collect();
            prop_assert_eq!(want, got);
            prop_assert_eq!(full.node(id).text(), kept.node(id).text());
        }
    }

    /// Borrowing text without references gives the same text as decoding it.
    #[test]
    fn borrowed_decoding_matches_owned_decoding(s in "[a-z &;#x0-9]{0,30}|\\PC{0,30}") {
        use sitrep_html::entities::{decode_entities, decode_entities_cow};
        prop_assert_eq!(decode_entities_cow(&s).into_owned(), decode_entities(&s));
    }
}
