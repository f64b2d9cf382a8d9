//! Behaviour of the main-text selection on small invented pages, one rule per test.

use sitrep_html::extract;

const P1: &str = "Ukrainian air defence shot down most of the drones launched overnight at the capital, the city's military administration said on Monday morning.";
const P2: &str = "Debris fell on a residential district on the left bank, damaging several cars and the windows of a kindergarten, officials said, adding that nobody was hurt.";
const P3: &str = "The Russian defence ministry said its forces had struck energy facilities used by the Ukrainian military, a claim that could not be independently verified.";

fn body(inner: &str) -> String {
    format!("<html><body>{inner}</body></html>")
}

#[test]
fn wrapper_with_a_negative_class_holding_the_page_is_kept() {
    // "ad" in a layout class must not remove the whole page.
    let html = body(&format!(
        "<div class=\"page-ad-margins\"><div class=\"story\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div>"
    ));
    let ex = extract(&html);
    assert!(
        ex.text.contains("shot down most of the drones"),
        "{:?}",
        ex.text
    );
    assert!(ex.text.contains("could not be independently verified"));
}

#[test]
fn hidden_metadata_copy_of_the_article_is_ignored() {
    let html = body(&format!(
        "<div style=\"display:none\" itemscope><div itemprop=\"articleBody\">HIDDEN COPY {P1}</div></div>\
         <div class=\"content\"><p>{P1}</p><p>{P2}</p></div>"
    ));
    let ex = extract(&html);
    assert!(!ex.text.contains("HIDDEN COPY"));
    assert!(ex.text.contains("Debris fell"));
}

#[test]
fn article_body_mark_is_preferred() {
    let html = body(&format!(
        "<div class=\"col\"><div itemprop=\"articleBody\"><p>{P1}</p><p>{P2}</p></div>\
         <div class=\"other\"><p>{P3}</p></div></div>"
    ));
    let ex = extract(&html);
    assert!(ex.text.contains("Debris fell"));
    assert!(
        !ex.text.contains("Russian defence ministry"),
        "{:?}",
        ex.text
    );
}

#[test]
fn embedded_tweet_inside_a_social_wrapper_stays() {
    let html = body(&format!(
        "<div class=\"entry\"><p>{P1}</p><div class=\"social-embed\"><blockquote class=\"twitter-tweet\">\
         <p>Air raid alert in Kyiv, everyone please go to the shelters now and stay there until the all clear.</p></blockquote></div>\
         <p>{P2}</p><div class=\"social-share\"><a href=\"#\">Share on Facebook</a></div></div>"
    ));
    let ex = extract(&html);
    assert!(ex.text.contains("Air raid alert in Kyiv"), "{:?}", ex.text);
    assert!(!ex.text.contains("Share on Facebook"));
}

#[test]
fn hover_card_of_links_inside_a_sentence_is_dropped() {
    let html = body(&format!(
        "<div class=\"entry\"><p>The mayor of <span class=\"card\"><a href=\"/p\">Kharkiv</a>\
         <span class=\"pop\"><a href=\"/1\">Earlier story about the mayor of Kharkiv</a> <a href=\"/2\">Another story about the city</a> \
         <a href=\"/3\">More coverage</a></span></span> said schools would move online for a week after the strikes on the power grid.</p>\
         <p>{P1}</p><p>{P2}</p></div>"
    ));
    let ex = extract(&html);
    assert!(
        ex.text
            .contains("The mayor of Kharkiv said schools would move online"),
        "{:?}",
        ex.text
    );
    assert!(!ex.text.contains("Earlier story"));
}

#[test]
fn repeated_table_cells_survive() {
    let rows: String = (1..=4)
        .map(|i| format!("<tr><td>{i}</td><td>Brigade {i}</td><td>12</td><td>0</td></tr>"))
        .collect();
    let html = body(&format!(
        "<div class=\"entry\"><p>{P1}</p><p>{P2}</p><table><tr class=\"row player-1\"><th>No.</th><th>Unit</th><th>Sorties</th><th>Losses</th></tr>{rows}</table></div>"
    ));
    let ex = extract(&html);
    assert_eq!(ex.text.matches("\n\n12\n\n").count(), 4, "{:?}", ex.text);
    assert!(ex.text.contains("Brigade 4"));
}

#[test]
fn teaser_lines_after_the_article_are_trimmed() {
    let html = body(&format!(
        "<div class=\"entry\"><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>Tell us what you think</p>\
         <h3>Grid operator announces new outage schedule</h3><p>Most read this week</p></div>"
    ));
    let ex = extract(&html);
    assert!(
        ex.text.ends_with("independently verified."),
        "{:?}",
        ex.text
    );
}

#[test]
fn furniture_lines_are_dropped() {
    let html = body(&format!(
        "<div class=\"entry\"><p>{P1}</p><p>Advertisement</p><p>{P2}</p>\
         <p>Sign up for our daily newsletter to get the latest reports in your inbox.</p><p>{P3}</p></div>"
    ));
    let ex = extract(&html);
    assert!(!ex.text.contains("Advertisement"));
    assert!(!ex.text.contains("newsletter"));
    assert_eq!(ex.text.split("\n\n").count(), 3);
}

#[test]
fn sidebar_teasers_do_not_join_the_article() {
    let teasers: String = (0..6)
        .map(|i| format!("<div class=\"card\"><h3><a href=\"/{i}\">Story {i}</a></h3><p>A summary of another story about the war, number {i}, with enough words to look like prose.</p></div>"))
        .collect();
    let html = body(&format!(
        "<div class=\"wrap\"><div class=\"main\"><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1} Again, with more detail.</p></div>\
         <div class=\"right\">{teasers}</div></div>"
    ));
    let ex = extract(&html);
    assert!(ex.text.contains("Debris fell"));
    assert!(
        !ex.text.contains("A summary of another story"),
        "{:?}",
        ex.text
    );
}

#[test]
fn empty_and_textless_pages_warn() {
    for html in [
        "",
        "<html></html>",
        "<script>var x = 1;</script>",
        "\u{0}\u{1}\u{7f}",
    ] {
        let ex = extract(html);
        assert_eq!(ex.text, "");
        assert!(ex.warnings.iter().any(|w| w.contains("no main text")));
    }
}

#[test]
fn leading_byline_and_date_stamp_are_dropped() {
    let html = body(&format!(
        "<div class=\"entry\"><p>By Olena Marchenko</p><p>Monday, 14 March 2024, 09:45</p>\
         <p>{P1}</p><p>{P2}</p><p>Fighting in 2024 and 2025 was heavier than in 2023, officials said.</p></div>"
    ));
    let ex = extract(&html);
    assert!(
        ex.text.starts_with("Ukrainian air defence"),
        "{:?}",
        ex.text
    );
    assert!(ex.text.contains("Fighting in 2024 and 2025"));
}

const P4: &str =
    "Power was restored to most of the affected homes by the evening, the grid operator said.";
const SIDE: &str = "Our newsroom of eleven reporters has covered the war in the south since 2022, funded by its readers.";

#[test]
fn a_table_in_a_figure_is_article_text() {
    let html = body(&format!(
        "<div class=\"entry-content\"><p>{P1}</p><figure class=\"wp-block-table\"><table>\
         <tr><th>Region</th><th>Drones downed</th></tr><tr><td>Sumy</td><td>14</td></tr></table>\
         <figcaption>Source: Air Force</figcaption></figure><p>{P2}</p>\
         <figure><img src=\"a.jpg\"><figcaption>Rescuers at the scene on Monday morning</figcaption></figure></div>"
    ));
    let ex = extract(&html);
    assert!(ex.text.contains("Drones downed"), "{:?}", ex.text);
    assert!(ex.text.contains("Sumy"));
    assert!(!ex.text.contains("Rescuers at the scene"));
}

#[test]
fn a_body_split_by_an_inserted_ad_is_read_whole() {
    let html = body(&format!(
        "<div class=\"col\"><div class=\"story-text\"><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p><p>{P2}</p></div>\
         <div class=\"in-article-ad\">Advertisement</div>\
         <div class=\"story-text\"><p>{P4}</p></div>\
         <div class=\"author-box\"><p>{SIDE}</p></div></div>"
    ));
    let ex = extract(&html);
    assert!(ex.text.contains("Power was restored"), "{:?}", ex.text);
    assert!(!ex.text.contains("Our newsroom"), "{:?}", ex.text);
}

#[test]
fn sentences_with_many_linked_words_stay_in_the_body() {
    let linked = "<p>Russia's <a href=\"/1\">defence ministry did not comment</a> on the strike. It \
                  <a href=\"/2\">has repeatedly said it targets</a> only military infrastructure.</p>";
    let html = body(&format!(
        "<div class=\"article-text\"><p>{P1}</p><p>{P2}</p>{linked}</div>\
         <ul class=\"menu\"><li><a href=\"/a\">Politics and the war in the east</a></li><li><a href=\"/b\">Economy and energy of the country</a></li></ul>"
    ));
    let ex = extract(&html);
    assert!(
        ex.text.contains("only military infrastructure."),
        "{:?}",
        ex.text
    );
    assert!(!ex.text.contains("Economy and energy"), "{:?}", ex.text);
}

#[test]
fn a_short_last_post_of_a_channel_page_is_kept() {
    let post = |t: &str| {
        format!(
            "<div class=\"msg\"><div class=\"msg-bubble\"><div class=\"msg-text\">{t}</div>\
             <span class=\"msg-views\">21K</span></div></div>"
        )
    };
    let html = body(&format!(
        "<section class=\"history\">{}{}{}</section>",
        post(P1),
        post(P2),
        post("All clear in Kyiv.")
    ));
    let ex = extract(&html);
    // The last post is kept over the view count after the one before it.
    assert!(ex.text.ends_with("Debris fell on a residential district on the left bank, damaging several cars and the windows of a kindergarten, officials said, adding that nobody was hurt.\n\nAll clear in Kyiv."), "{:?}", ex.text);
}

#[test]
fn a_body_written_as_a_list_of_points_is_kept() {
    let html = body(&format!(
        "<div class=\"post\"><h1>What we know</h1><p>Here is what we know so far:</p><ul>\
         <li>{P1}</li><li>{P2}</li><li>{P3}</li></ul></div>\
         <div class=\"more\"><p>{SIDE}</p></div>"
    ));
    let ex = extract(&html);
    assert!(ex.text.contains("Debris fell"), "{:?}", ex.text);
    assert!(!ex.text.contains("Our newsroom"), "{:?}", ex.text);
}

/// A theme that names the wrapper of the article and its sidebar for the sidebar: the class
/// rules remove the article and leave a footer paragraph, and the looser second pass, which
/// ignores words that only name a place in the layout, finds the article again.
#[test]
fn a_small_block_left_by_the_class_rules_gives_way_to_the_looser_pass() {
    let comments: String = (0..12)
        .map(|i| format!("<li class=\"comment\"><p>Comment number {i}: stay safe everyone, and thank you to the air defence crews.</p></li>"))
        .collect();
    let html = body(&format!(
        "<div class=\"wrap layout has-sidebar\"><div class=\"col-main\"><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p></div>\
         <div class=\"col-side\"><ul><li><a href=\"/x\">Other story</a></li></ul></div></div>\
         <ol class=\"commentlist\">{comments}</ol><div class=\"bottom\"><p class=\"about\">{SIDE} {SIDE}</p></div>"
    ));
    let ex = extract(&html);
    assert!(
        ex.text.contains("shot down most of the drones"),
        "{:?}",
        ex.text
    );
    assert!(ex.text.contains("Power was restored"));
    assert!(!ex.text.contains("Comment number"));
}

/// A post page of a social network: the post is one short line, the description repeats it,
/// and the only paragraph long enough to count as prose is the site's footer.
#[test]
fn a_short_post_named_by_the_page_description_is_the_main_text() {
    let html = "<html><head><meta property=\"og:description\" content=\"Kyiv: air raid alert\"></head><body>\
        <div class=\"status\"><a class=\"name\" href=\"/@kyiv\">Kyiv Alerts</a>\
        <div class=\"status__content\"><p>Kyiv: air raid alert</p></div><span class=\"meta\">1.2K boosts</span></div>\
        <div class=\"site-info\"><p>This server is one of the many independent servers you can use to join the network, run by volunteers since 2019.</p></div>\
        </body></html>";
    assert_eq!(extract(html).text, "Kyiv: air raid alert");
    // A one-paragraph news item whose description is its headline keeps its paragraph.
    let item = format!(
        "<html><head><title>Blasts in Kursk</title><meta property=\"og:description\" content=\"Blasts in Kursk\"></head>\
         <body><h1>Blasts in Kursk</h1><div class=\"text\"><p>{P1}</p></div></body></html>"
    );
    assert_eq!(extract(&item).text, P1);
    // A short news item keeps its one paragraph when the description shown in the page's
    // header is a longer standfirst, and a channel page its posts beside the channel's own
    // description.
    for about in [
        "Drones attacked the capital overnight; debris fell on the left bank.",
        "News of Kursk.",
    ] {
        let page = format!(
            "<html><head><meta property=\"og:description\" content=\"{about}\"></head><body>\
             <div class=\"head\"><p class=\"lead\">{about}</p></div>\
             <section class=\"history\"><div class=\"msg\"><div class=\"msg-text\">{P1}</div></div>\
             <div class=\"msg\"><div class=\"msg-text\">{P2}</div></div></section></body></html>"
        );
        let text = extract(&page).text;
        assert!(text.contains("shot down most of the drones"), "{text:?}");
    }
}

/// A post of two paragraphs whose first line is short: the walk to the container stops above
/// the paragraph that holds the weight, so the first line stays with it.
#[test]
fn a_short_first_line_stays_with_the_paragraph_beside_it() {
    let html = body(&format!(
        "<div class=\"status\"><div class=\"content\"><p>Explosions in Kharkiv</p><p>{P1}</p></div></div>"
    ));
    let text = extract(&html).text;
    assert!(text.starts_with("Explosions in Kharkiv\n\n"), "{text:?}");
}
