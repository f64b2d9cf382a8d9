#!/usr/bin/env python3
"""Builds the main-text extraction page set under crates/html/tests/pages/.

The pages are written for the project: article bodies (fictional reports about real places, in
English, Ukrainian, Russian, German and Polish) rendered through templates that reproduce the
markup of common publishing systems and page types: classic and block-editor WordPress themes,
Drupal, Ghost, a Medium-like story page, news CMSs that split the body into sibling wrappers
with ads and inline teasers between them, a layout built with tables, a Ukrainian news portal,
live blogs in three markups, two forum engines, and the public web pages of messaging-channel
posts. Each page comes with gold snippets: `must` (passages of the body the main text has to
contain) and `must_not` (navigation, related headlines, comments, prompts, signatures, counters
and footers the page shows around the body).

    python3 scripts/build_page_set.py        # rewrites the pages and crates/html/tests/pages-gold.json

The bodies are in scripts/page_set/bodies.py, the article templates in templates.py, the live
blog, forum and channel page templates in streams.py, and the held-out templates (written after
the extraction rules were tuned) in held_out.py.

Score an extraction with scripts/score_pages.py.
"""
import html as H
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "page_set"))
from bodies import BODIES  # noqa: E402
from held_out import HELD_OUT, mastodon_like  # noqa: E402
from streams import FORUM_TEMPLATES, LIVE_TEMPLATES, tg_channel, tg_post  # noqa: E402
from templates import ARTICLE_TEMPLATES  # noqa: E402

# Each body: lang, title, standfirst (optional), blocks: list of ("p", text) | ("h2", text) |
# ("ul", [items]) | ("ol", [items]) | ("table", [header, rows...]) | ("quote", text),
# must: snippets that the main text must contain.
PLAN = [
    ("odesa_port", ["wordpress-classic", "ghost", "text-blocks"]),
    ("kharkiv_glide", ["drupal", "news-split", "companion-columns"]),
    ("energy_list", ["wordpress-blocks", "medium", "news-blocks"]),
    ("casualty_table", ["wordpress-blocks", "table-layout", "ghost"]),
    ("sumy_keypoints", ["wordpress-classic", "news-split", "drupal"]),
    ("air_defence_analysis", ["medium", "companion-columns", "text-blocks"]),
    ("interview", ["ghost", "wordpress-classic", "table-layout"]),
    ("uk_zaporizhzhia", ["ua-portal", "news-split", "wordpress-classic"]),
    ("uk_dnipro_list", ["ua-portal", "wordpress-blocks", "news-blocks"]),
    ("uk_table", ["ua-portal", "drupal", "table-layout"]),
    ("ru_belgorod", ["news-blocks", "wordpress-classic", "ua-portal"]),
    ("ru_split", ["news-blocks", "companion-columns", "text-blocks"]),
    ("de_article", ["drupal", "text-blocks", "linked-body"]),
    ("pl_article", ["wordpress-classic", "news-split", "ad-split"]),
    ("odesa_port", ["ad-split", "linked-body"]),
    ("kharkiv_glide", ["ad-split", "linked-body"]),
    ("air_defence_analysis", ["ad-split"]),
    ("uk_zaporizhzhia", ["ad-split", "linked-body"]),
    ("ru_belgorod", ["linked-body"]),
    ("ru_split", ["ad-split", "linked-body"]),
    ("odesa_port", ["sidebar-layout"]),
    ("sumy_keypoints", ["sidebar-layout"]),
    ("uk_table", ["sidebar-layout"]),
    ("ru_belgorod", ["sidebar-layout"]),
    # Held out: layouts written after the rules.
    ("odesa_port", ["substack", "elementor"]),
    ("air_defence_analysis", ["substack", "lede-split"]),
    ("kharkiv_glide", ["blogger", "lede-split"]),
    ("energy_list", ["blogger", "elementor"]),
    ("uk_zaporizhzhia", ["gov-press", "lede-split"]),
    ("uk_dnipro_list", ["gov-press"]),
    ("uk_table", ["gov-press", "elementor"]),
    ("casualty_table", ["substack"]),
    ("interview", ["lede-split"]),
    ("de_article", ["elementor"]),
    ("pl_article", ["blogger"]),
    ("ru_split", ["elementor", "lede-split"]),
    ("tg_short_en", ["mastodon"]),
    ("uk_tg_post", ["mastodon"]),
    ("live_en", ["live-blocks", "live-list", "live-articles"]),
    ("uk_live", ["live-blocks", "live-list", "live-articles"]),
    ("forum_en", ["phpbb", "discourse"]),
    ("tg_short_en", ["tg-post"]),
    ("tg_short_en2", ["tg-post"]),
    ("uk_tg_post", ["tg-post"]),
    ("ru_tg_channel", ["tg-channel"]),
]

TEMPLATES = dict(ARTICLE_TEMPLATES)
TEMPLATES.update(LIVE_TEMPLATES)
TEMPLATES.update(FORUM_TEMPLATES)
TEMPLATES.update({"tg-post": tg_post, "tg-channel": tg_channel, "mastodon": mastodon_like})
TEMPLATES.update(HELD_OUT)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "crates", "html", "tests", "pages")
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if name.endswith(".html"):
            os.remove(os.path.join(out, name))
    gold = {}
    for key, layouts in PLAN:
        a = BODIES[key]
        for layout in layouts:
            page, boiler = TEMPLATES[layout](a)
            name = f"{layout}--{key.replace('_', '-')}.html"
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(page)
            must_not = boiler + a.get("must_not_extra", [])
            inline = re.sub(r"</?(a|span|b|strong|em|i|time)\b[^>]*>", "", page)
            visible = " ".join(H.unescape(re.sub(r"<[^>]+>", " ", inline)).split())
            for s in a["must"] + must_not:
                if " ".join(s.split()) not in visible:
                    sys.exit(f"{name}: snippet not on the page: {s}")
            held_out = layout in HELD_OUT or layout == "mastodon"
            gold[name] = {"layout": layout, "lang": a["lang"], "must": a["must"], "must_not": must_not,
                          "set": "held-out" if held_out else "tuning"}
    with open(os.path.join(out, "..", "pages-gold.json"), "w", encoding="utf-8") as f:
        json.dump({"about": "Gold snippets of the main-text page set; built by scripts/build_page_set.py.",
                   "pages": gold}, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(gold)} pages written to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
