"""Page templates of the main-text page set: the markup of common publishing systems around an
article body, each returning the page and the boilerplate strings it shows (the must-not
snippets). Templates in HELD_OUT were written after the extraction rules were tuned."""

import re

import html as H
E = H.escape

BOILER = {
 "en": dict(
   nav=["World", "Ukraine war", "Business", "Opinion", "Culture", "Podcasts"],
   related=["Sanctions on shadow fleet tankers widened again in Brussels",
            "How Ukrainian engineers rebuild bridges under fire",
            "Baltic states agree to expand their conscription rules"],
   comments=[("Mark_T", "Another night of terror for ordinary people, when will this end?"),
             ("anna_lviv", "Thank you to the air defence crews who never sleep.")],
   newsletter="Sign up for our morning briefing and get the day's top stories in your inbox.",
   cookie="We use cookies to personalise content and ads and to analyse our traffic.",
   footer="© 2025 Frontline Media Group. All rights reserved.",
   bio="Daria Koval covers the war in southern Ukraine and previously reported from the Donbas.",
   share="Share this article", tags="Tags", more="Most read this week"),
 "uk": dict(
   nav=["Новини", "Війна", "Економіка", "Суспільство", "Спорт"],
   related=["Уряд продовжив програму єВідновлення до кінця року",
            "Як оформити компенсацію за пошкоджене житло онлайн",
            "У Львові відкрили ще один центр реабілітації ветеранів"],
   comments=[("Олег", "Тримаємось, Запоріжжя, ви сильні!"),
             ("Марія К.", "Дякуємо рятувальникам за їхню роботу вночі.")],
   newsletter="Підписуйтесь на нашу розсилку, щоб отримувати головні новини дня на пошту.",
   cookie="Ми використовуємо файли cookie, щоб покращити роботу сайту.",
   footer="© 2025 Південний вісник. Усі права захищено.",
   bio="Ірина Бойко пише про війну на півдні України з 2022 року.",
   share="Поділитися", tags="Теги", more="Найпопулярніше за тиждень"),
 "ru": dict(
   nav=["Главное", "Политика", "Экономика", "Происшествия", "Спорт"],
   related=["Курс рубля опустился до минимума с прошлой осени",
            "В Курской области открыли пункты временного размещения",
            "Цены на бензин в регионах выросли за неделю"],
   comments=[("Сергей", "Когда это уже закончится, люди устали."),
             ("Ирина", "Берегите себя и не выходите на улицу во время тревоги.")],
   newsletter="Подпишитесь на рассылку и получайте главные новости дня по утрам.",
   cookie="Мы используем файлы cookie для улучшения работы сайта.",
   footer="© 2025 Белгородская правда. Все права защищены.",
   bio="Анна Смирнова пишет о событиях в приграничных регионах.",
   share="Поделиться", tags="Теги", more="Самое читаемое"),
 "de": dict(
   nav=["Politik", "Wirtschaft", "Kultur", "Sport"],
   related=["Bundesregierung sagt weitere Luftabwehrsysteme zu",
            "Wie ukrainische Bauern ihre Felder von Minen räumen",
            "Nato-Manöver im Baltikum beginnt am Montag"],
   comments=[("Klaus", "Unfassbar, was die Menschen dort jede Nacht ertragen müssen."),
             ("Miriam", "Danke für die gute Berichterstattung aus der Region.")],
   newsletter="Melden Sie sich für unseren Newsletter an und erhalten Sie täglich die wichtigsten Nachrichten.",
   cookie="Wir verwenden Cookies, um Inhalte und Anzeigen zu personalisieren.",
   footer="© 2025 Ostwelle Medien GmbH. Alle Rechte vorbehalten.",
   bio="Jonas Weber berichtet seit 2022 aus Kyjiw und Odessa.",
   share="Artikel teilen", tags="Schlagworte", more="Meistgelesen"),
 "pl": dict(
   nav=["Kraj", "Świat", "Gospodarka", "Sport"],
   related=["Rząd zapowiada nowe wsparcie dla uchodźców z Ukrainy",
            "Ceny energii w przyszłym roku mogą spaść",
            "Jak przygotować się na przerwy w dostawach prądu"],
   comments=[("Tomek", "Kolejna noc ataków, trzymajcie się tam."),
             ("Ewa_W", "Dobrze, że nikt nie został ranny.")],
   newsletter="Zapisz się do naszego newslettera i otrzymuj najważniejsze wiadomości dnia.",
   cookie="Używamy plików cookie, aby zapewnić prawidłowe działanie serwisu.",
   footer="© 2025 Kurier Wschodni. Wszelkie prawa zastrzeżone.",
   bio="Piotr Nowak jest korespondentem na Ukrainie od 2022 roku.",
   share="Udostępnij", tags="Tagi", more="Najczęściej czytane"),
}

AUTHOR = {"en": "Daria Koval", "uk": "Ірина Бойко", "ru": "Анна Смирнова", "de": "Jonas Weber", "pl": "Piotr Nowak"}
SITE = {"en": "Frontline Post", "uk": "Південний вісник", "ru": "Белгородская правда", "de": "Ostwelle", "pl": "Kurier Wschodni"}

def boiler_must_not(b, parts):
    """The boilerplate strings a page shows, as must-not snippets."""
    out = []
    if "related" in parts: out += b["related"][:2]
    if "comments" in parts: out += [c[1] for c in b["comments"]]
    if "newsletter" in parts: out.append(b["newsletter"])
    if "cookie" in parts: out.append(b["cookie"])
    if "footer" in parts: out.append(b["footer"])
    if "bio" in parts: out.append(b["bio"])
    return out

def head(title, lang, extra=""):
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{E(title)}</title>\n<meta property="og:title" content="{E(title)}">\n{extra}'
            f'<link rel="stylesheet" href="/assets/main.css">\n<script>window.dataLayer=window.dataLayer||[];</script>\n</head>\n')

def render_blocks(blocks, p_attr="", wrap=None, list_cls="", table_wrap=None, teaser=None, prompt=None):
    """Body blocks as HTML; `wrap` wraps each paragraph (for split-sibling layouts)."""
    out = []
    for kind, val in blocks:
        if kind == "p":
            s = f"<p{p_attr}>{E(val)}</p>"
        elif kind == "h2":
            s = f"<h2>{E(val)}</h2>"
        elif kind in ("ul", "ol"):
            items = "".join(f"<li>{E(i)}</li>" for i in val)
            s = f'<{kind}{list_cls}>{items}</{kind}>'
        elif kind == "table":
            hdr = "".join(f"<th>{E(c)}</th>" for c in val[0])
            rows = "".join("<tr>" + "".join(f"<td>{E(c)}</td>" for c in r) + "</tr>" for r in val[1:])
            s = f"<table><thead><tr>{hdr}</tr></thead><tbody>{rows}</tbody></table>"
            if table_wrap: s = table_wrap(s)
        elif kind == "quote":
            s = f"<blockquote><p>{E(val)}</p></blockquote>"
        elif kind == "teaser":
            s = teaser(val) if teaser else f'<p><strong>{E(val)}</strong></p>'
        elif kind == "prompt":
            s = prompt(val) if prompt else f'<p><em>{E(val)}</em></p>'
        else:
            raise ValueError(kind)
        out.append(wrap(s, kind) if wrap else s)
    return "\n".join(out)

def nav_html(b, cls="menu"):
    return "".join(f'<li class="menu-item"><a href="/{i}">{E(n)}</a></li>' for i, n in enumerate(b["nav"]))

def related_html(b, item="li"):
    return "".join(f'<{item}><a href="/story/{i}">{E(t)}</a></{item}>' for i, t in enumerate(b["related"]))

# ---------------------------------------------------------------- article templates

def wordpress_classic(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    body = render_blocks(a["blocks"])
    html = head(a["title"], lang, f'<meta property="og:site_name" content="{E(SITE[lang])}">\n') + f'''<body class="post-template-default single single-post postid-4821 single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">{E(SITE[lang])}</a></p><p class="site-description">Independent news from the south</p></div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle">Menu</button><ul id="primary-menu" class="menu">{nav_html(b)}</ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-4821" class="post-4821 post type-post status-publish format-standard has-post-thumbnail hentry category-news">
<header class="entry-header"><h1 class="entry-title">{E(a["title"])}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <a href="#"><time class="entry-date published" datetime="2025-04-14T09:12:00+03:00">April 14, 2025</time></a></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/dk">{E(AUTHOR[lang])}</a></span></span></div>
</header>
<div class="post-thumbnail"><img src="/uploads/2025/04/photo.jpg" alt="" width="1200" height="800"></div>
<div class="entry-content">
{body}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">{E(b["share"])}:</h3><div class="sd-content"><ul><li class="share-facebook"><a href="#"><span>Facebook</span></a></li><li class="share-telegram"><a href="#"><span>Telegram</span></a></li></ul></div></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3><div class="jp-relatedposts-items">{related_html(b, "p")}</div></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/news">News</a></span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links"><div class="nav-previous"><a href="/prev"><span class="nav-subtitle">Previous:</span> <span class="nav-title">{E(b["related"][2])}</span></a></div></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on &ldquo;{E(a["title"])}&rdquo;</h2>
<ol class="comment-list">
<li id="comment-11" class="comment even thread-even depth-1"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{E(b["comments"][0][0])}</b> <span class="says">says:</span></div><div class="comment-metadata"><a href="#"><time>April 14, 2025 at 10:02 am</time></a></div></footer><div class="comment-content"><p>{E(b["comments"][0][1])}</p></div><div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article></li>
<li id="comment-12" class="comment odd alt thread-odd depth-1"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{E(b["comments"][1][0])}</b></div></footer><div class="comment-content"><p>{E(b["comments"][1][1])}</p></div></article></li>
</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published.</p><textarea id="comment" name="comment"></textarea><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></form></div>
</div>
</main></div>
<aside id="secondary" class="widget-area"><section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>{related_html(b)}</ul></section>
<section id="text-3" class="widget widget_text"><div class="textwidget"><p>{E(b["newsletter"])}</p></div></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">{E(b["footer"])} Proudly powered by WordPress.</div></footer>
</div>
</body></html>'''
    return html, boiler_must_not(b, ["related", "comments", "newsletter", "footer"])

def wordpress_gutenberg(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    blocks = a["blocks"]
    # Paragraph blocks; lists and tables as core blocks; the body is split by a two-column block.
    half = max(1, len(blocks) // 2)
    first = render_blocks(blocks[:half], list_cls=' class="wp-block-list"',
                          table_wrap=lambda t: f'<figure class="wp-block-table is-style-stripes">{t}</figure>')
    second = render_blocks(blocks[half:], list_cls=' class="wp-block-list"',
                           table_wrap=lambda t: f'<figure class="wp-block-table is-style-stripes">{t}</figure>')
    html = head(a["title"], lang) + f'''<body class="wp-singular post-template-default single single-post wp-embed-responsive">
<div class="wp-site-blocks">
<header class="wp-block-template-part"><div class="wp-block-group alignfull has-global-padding is-layout-constrained"><div class="wp-block-group alignwide is-content-justification-space-between is-layout-flex"><p class="wp-block-site-title"><a href="/">{E(SITE[lang])}</a></p><nav class="is-responsive items-justified-right wp-block-navigation is-layout-flex" aria-label="Main"><ul class="wp-block-navigation__container">{nav_html(b)}</ul></nav></div></div></header>
<main class="wp-block-group has-global-padding is-layout-constrained">
<div class="wp-block-group alignfull is-layout-constrained">
<h1 class="has-text-align-left wp-block-post-title">{E(a["title"])}</h1>
<div class="wp-block-group is-layout-flex"><div class="wp-block-post-date"><time datetime="2025-04-14T09:12:00+03:00">April 14, 2025</time></div><div class="wp-block-post-author-name"><a href="/author/">{E(AUTHOR[lang])}</a></div></div>
<figure class="wp-block-post-featured-image"><img src="/uploads/photo.jpg" alt=""></figure>
</div>
<div class="entry-content alignfull wp-block-post-content has-global-padding is-layout-constrained">
{first}
<div class="wp-block-columns is-layout-flex"><div class="wp-block-column is-layout-flow" style="flex-basis:66.66%">
{second}
</div><div class="wp-block-column is-layout-flow" style="flex-basis:33.33%"><div class="wp-block-group has-background" style="background-color:#f3f3f3"><h3 class="wp-block-heading">Read next</h3><ul class="wp-block-latest-posts__list wp-block-latest-posts">{related_html(b)}</ul></div></div></div>
</div>
<div class="wp-block-group alignwide is-layout-flow"><div class="taxonomy-post_tag wp-block-post-terms"><a href="/tag/a">Kharkiv</a><span class="wp-block-post-terms__separator">, </span><a href="/tag/b">Drones</a></div></div>
<div class="wp-block-group alignwide has-global-padding is-layout-constrained"><div class="wp-block-comments"><h2 class="wp-block-comments-title">Responses</h2><ol class="wp-block-comment-template"><li class="comment"><div class="wp-block-group"><div class="wp-block-comment-author-name">{E(b["comments"][0][0])}</div><div class="wp-block-comment-content"><p>{E(b["comments"][0][1])}</p></div></div></li></ol></div></div>
</main>
<footer class="wp-block-template-part"><div class="wp-block-group has-global-padding is-layout-constrained"><p class="has-small-font-size">{E(b["footer"])}</p><p>{E(b["newsletter"])}</p></div></footer>
</div></body></html>'''
    return html, boiler_must_not(b, ["related", "newsletter", "footer"]) + [b["comments"][0][1]]

def drupal_olivero(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    body = render_blocks(a["blocks"])
    html = head(a["title"], lang, '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">\n') + f'''<body class="path-node page-node-type-article">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div id="page-wrapper" class="page-wrapper"><div id="page">
<header id="header" class="site-header" data-drupal-selector="site-header" role="banner"><div class="site-header__fixable"><div class="site-header__initial"><button class="sticky-header-toggle">Sticky header</button></div><div id="site-header__inner" class="site-header__inner"><div class="container site-header__inner__container"><div id="block-olivero-site-branding" class="site-branding block block-system"><div class="site-branding__inner"><div class="site-branding__text"><div class="site-branding__name"><a href="/" rel="home">{E(SITE[lang])}</a></div></div></div></div>
<div class="header-nav-overlay"></div><div class="mobile-buttons"><button class="mobile-nav-button"><span class="mobile-nav-button__label">Main Menu</span></button></div>
<div id="header-nav" class="header-nav"><nav role="navigation" id="block-olivero-main-menu" class="primary-nav block block-menu"><ul class="menu primary-nav__menu primary-nav__menu--level-1">{nav_html(b)}</ul></nav></div></div></div></div></header>
<div id="main-wrapper" class="layout-main-wrapper layout-container"><div id="main" class="layout-main"><div class="main-content"><a id="main-content" tabindex="-1"></a>
<div class="main-content__container container">
<div class="region region--breadcrumb grid-full layout--pass--content-medium"><div id="block-olivero-breadcrumbs" class="block block-system block-system-breadcrumb-block"><nav class="breadcrumb" role="navigation"><ol class="breadcrumb__list"><li class="breadcrumb__item"><a class="breadcrumb__link" href="/">Home</a></li></ol></nav></div></div>
<div class="region region--highlighted grid-full layout--pass--content-medium"><div data-drupal-messages-fallback class="hidden messages-list"></div></div>
<div class="region region--content-above grid-full layout--pass--content-medium"><div id="block-olivero-page-title" class="block block-core block-page-title-block"><h1 class="title page-title"><span class="field field--name-title field--type-string field--label-hidden">{E(a["title"])}</span></h1></div></div>
<div class="region region--content grid-full layout--pass--content-medium" id="content"><div id="block-olivero-content" class="block block-system block-system-main-block">
<article data-history-node-id="2211" class="node node--type-article node--promoted node--view-mode-full">
<header class="node__header"><div class="node__meta"><div class="node__author-image"></div><span class="node__author">By <span class="field field--name-uid field--type-entity-reference field--label-hidden"><span>{E(AUTHOR[lang])}</span></span></span> <span class="node__meta-date"><span class="field field--name-created field--type-created field--label-hidden"><time datetime="2025-04-14T06:12:00Z">Mon, 04/14/2025 - 09:12</time></span></span></div></header>
<div class="node__content">
<div class="field field--name-field-image field--type-image field--label-hidden field__item"><img loading="lazy" src="/sites/default/files/photo.jpg" alt=""></div>
<div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item">{body}</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above field--tags"><h3 class="field__label field--tags__label">{E(b["tags"])}</h3><ul class="links field__items field--tags__items"><li class="field--tags__item"><a href="/taxonomy/term/3" hreflang="en">Drones</a></li></ul></div>
<section data-drupal-selector="comments" class="comments"><h2 class="comments__title">Comments</h2>
<article data-comment-user-id="0" id="comment-5" class="comment js-comment by-anonymous"><span class="hidden" data-comment-timestamp="1744625000"></span><div class="comment__picture-wrapper"></div><div class="comment__text-content"><div class="comment__author">{E(b["comments"][0][0])}</div><div class="comment__text"><div class="field field--name-comment-body field--type-text-long field--label-hidden field__item"><p>{E(b["comments"][0][1])}</p></div></div></div></article>
</section>
</div></article>
</div></div>
<div class="region region--content-below grid-full layout--pass--content-medium"><div class="views-element-container block block-views"><h2 class="block__title">{E(b["more"])}</h2><div class="view-content">{related_html(b, "div")}</div></div></div>
</div></div></div>
<div class="site-footer"><div class="site-footer__inner container"><div class="region region--footer-bottom grid-full"><div class="block block-system block-system-powered-by-block"><span>{E(b["footer"])} Powered by <a href="https://www.drupal.org">Drupal</a></span></div></div></div></div>
</div></div></div></div></body></html>'''
    return html, boiler_must_not(b, ["related", "footer"]) + [b["comments"][0][1]]

def ghost_casper(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    blocks = a["blocks"]
    def wrap_ghost(s, kind):
        return s
    body = render_blocks(blocks, table_wrap=lambda t: f'<div class="kg-card kg-html-card">{t}</div>')
    # A callout card after the second block.
    parts = body.split("\n")
    parts.insert(min(2, len(parts)), f'<div class="kg-card kg-callout-card kg-callout-card-grey"><div class="kg-callout-emoji">📬</div><div class="kg-callout-text">{E(b["newsletter"])}</div></div>')
    parts.insert(min(4, len(parts)), '<figure class="kg-card kg-image-card kg-card-hascaption"><img src="/content/images/2025/04/scene.jpg" class="kg-image" alt="" loading="lazy" width="2000" height="1333"><figcaption><span style="white-space: pre-wrap;">The scene after the attack.</span></figcaption></figure>')
    body = "\n".join(parts)
    standfirst = f'<p class="article-excerpt">{E(a["standfirst"])}</p>' if a.get("standfirst") else ""
    html = head(a["title"], lang, '<meta name="generator" content="Ghost 5.82">\n') + f'''<body class="post-template tag-ukraine">
<div class="viewport">
<header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner"><div class="gh-head-brand"><a class="gh-head-logo" href="/">{E(SITE[lang])}</a><button class="gh-search gh-icon-btn" aria-label="Search this site" data-ghost-search></button><button class="gh-burger"></button></div>
<nav class="gh-head-menu"><ul class="nav">{nav_html(b)}</ul></nav>
<div class="gh-head-actions"><a class="gh-head-button" href="#/portal/signup" data-portal="signup">Subscribe</a></div></div></header>
<div class="site-content">
<main id="site-main" class="site-main">
<article class="article post tag-ukraine featured">
<header class="article-header gh-canvas">
<div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="/tag/ukraine/">Ukraine</a></span></div>
<h1 class="article-title">{E(a["title"])}</h1>
{standfirst}
<div class="article-byline"><section class="article-byline-content"><ul class="author-list"><li class="author-list-item"><a href="/author/dk/" class="author-avatar author-profile-image"></a></li></ul><div class="article-byline-meta"><h4 class="author-name"><a href="/author/dk/">{E(AUTHOR[lang])}</a></h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="2025-04-14">Apr 14, 2025</time><span class="byline-reading-time"><span class="bull">&bull;</span> 4 min read</span></div></div></section></div>
<figure class="article-image"><img src="/content/images/2025/04/main.jpg" alt=""></figure>
</header>
<section class="gh-content gh-canvas">
{body}
</section>
<section class="article-comments gh-canvas"><div class="gh-comments"><h2>{E(b["comments"][1][0])}</h2><p>{E(b["comments"][1][1])}</p></div></section>
</article>
</main>
<aside class="read-more-wrap outer"><div class="read-more inner">{"".join(f'<article class="post-card post"><a class="post-card-image-link" href="/r{i}/"></a><div class="post-card-content"><a class="post-card-content-link" href="/r{i}/"><header class="post-card-header"><h2 class="post-card-title">{E(t)}</h2></header></a></div></article>' for i, t in enumerate(b["related"]))}</div></aside>
</div>
<footer class="site-footer outer"><div class="inner"><section class="copyright">{E(b["footer"])}</section><nav class="site-footer-nav"><ul class="nav"><li><a href="/privacy/">Privacy</a></li></ul></nav><div class="gh-powered-by"><a href="https://ghost.org/">Powered by Ghost</a></div></div></footer>
</div></body></html>'''
    return html, boiler_must_not(b, ["related", "newsletter", "footer"]) + [b["comments"][1][1]]

def medium_like(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    blocks = a["blocks"]
    # The body is split into several <section> siblings, with obfuscated classes.
    cut = [blocks[i:i + 2] for i in range(0, len(blocks), 2)]
    sections = []
    for i, part in enumerate(cut):
        inner = render_blocks(part, p_attr=f' class="pw-post-body-paragraph lb lc gs ld b le lf lg lh li lj lk ll lm ln lo lp lq lr ls lt lu lv lw lx ly fl bk" data-selectable-paragraph=""')
        sections.append(f'<section><div><div class="fn fo fp fq fr"><div class="ab ca"><div class="ch bg ew ex ey ez">{inner}</div></div></div></div></section>')
        if i == 0:
            sections.append('<div class="ab ca"><div class="ch bg ew"><figure class="nh ni nj nk nl nm"><div class="nn no np nq nr"><img alt="" class="bg ns nt c" width="700" height="467" loading="eager" src="/max/1400/photo.jpeg"></div><figcaption class="nv ew nw ne nf nx ny be b bf z dt" data-selectable-paragraph="">Photo by the author</figcaption></figure></div></div>')
    html = head(a["title"], lang, '<meta property="og:site_name" content="Medium">\n') + f'''<body><div id="root"><div class="a b c"><div class="l c"><div class="l">
<div class="ab ca cb cc"><div class="ab cd ce cf cg"><a href="/" aria-label="Homepage" class="ch ci cj">Medium</a><div class="ck cl"><span>Write</span></div><div><a href="/m/signin">Sign in</a></div></div></div>
<div class="l"><div class="ab ca"><div class="ch bg ew ex ey ez">
<article><div class="l"><div class="l"><section><div><div class="fn fo fp fq fr"><div class="ab ca"><div class="ch bg ew ex ey ez"><div>
<h1 id="7a1c" class="pw-post-title gs gt gu be gv gw gx gy gz ha hb hc hd he hf hg hh hi hj hk hl hm hn ho hp hq bj" data-testid="storyTitle">{E(a["title"])}</h1>
<div class="speechify-ignore ab co"><div class="speechify-ignore bg l"><div class="hr hs ht hu hv ab"><div><div class="ab hw"><a href="/@author"><div class="l hx hy bx hz ia"><img alt="{E(AUTHOR[lang])}" class="l ep bx dd de cw" src="/avatar.png"></div></a></div></div><div class="bm bg l"><div class="ab"><div style="flex:1"><span class="be b bf z bj"><div class="ib ab q"><div class="ab q ic"><div class="ab q"><div><div class="bm" aria-hidden="false"><a class="af ag ah ai aj ak al am an ao ap aq ar ie" href="/@author">{E(AUTHOR[lang])}</a></div></div></div><span class="if ig" aria-hidden="true"><span class="be b bf z dt">·</span></span><p class="be b bf z dt"><span><a class="ih ii ah ai aj ak al am an ao ap aq ar eu ij ik" href="#">Follow</a></span></p></div></div></span></div></div><div class="l il"><span class="be b bf z dt"><div class="ab cn im in io"><span data-testid="storyReadTime">5 min read</span><div class="ip iq l" aria-hidden="true"><span class="l" aria-hidden="true"><span class="be b bf z dt">·</span></span></div><span data-testid="storyPublishDate">Apr 14, 2025</span></div></span></div></div></div>
<div class="ab co ir is it iu iv iw ix iy iz ja jb jc jd je jf jg"><div class="h k w fd fe q"><div class="jw l"><div class="ab q jx jy"><div class="pw-multi-vote-icon ep ka kb kc kd"><div><span>1.2K</span></div></div></div></div></div><div><div class="bm" aria-hidden="false"><button class="af fm ah ai aj ak al km an ao ap ey kn ko kp"><span class="pw-responses-count kq kr">38</span></button></div></div></div></div></div>
</div></div></div></div></div></section>
{"".join(sections)}
</div></div></article>
</div></div></div>
<div class="ab ca"><div class="ch bg ew ex ey ez"><div class="rc rd ab ib"><div class="re ab"><a class="sf sg" href="/tag/ukraine">Ukraine</a><a class="sf sg" href="/tag/war">War</a></div></div></div></div>
<footer class="ab ca"><div class="ch bg ew ex ey ez"><h2 class="be ur us ut uu">Written by {E(AUTHOR[lang])}</h2><p class="be b bf z bj">{E(b["bio"])}</p>
<h2 class="be ur us ut uu">Recommended from Medium</h2>{"".join(f'<div class="wk wl"><a href="/p/{i}"><h2 class="be ur us ut uu">{E(t)}</h2></a><p>8 min read · Apr {i+3}</p></div>' for i, t in enumerate(b["related"]))}
<div class="xb"><a href="/about">About</a><a href="/help">Help</a><a href="/terms">Terms</a></div></div></footer>
</div></div></div></div></body></html>'''
    return html, boiler_must_not(b, ["related", "bio"])

def news_split(a):
    """A news CMS that puts every paragraph in its own wrapper and interleaves ad slots and
    inline 'read also' boxes between them."""
    b = BOILER[a["lang"]]; lang = a["lang"]
    n = [0]
    def wrap(s, kind):
        n[0] += 1
        out = f'<div class="article-body__content"><div class="rich-text">{s}</div></div>'
        if n[0] == 2:
            out += f'<div class="ad-slot ad-slot--inline" data-ad="mid1"><div class="ad-label">Advertisement</div></div>'
        if n[0] == 3:
            out += f'<aside class="inline-related"><span class="inline-related__label">Read also</span><a href="/r">{E(b["related"][0])}</a></aside>'
        return out
    body = render_blocks(a["blocks"], wrap=wrap)
    html = head(a["title"], lang, f'<meta property="article:published_time" content="2025-04-14T09:12:00+03:00">\n<meta property="og:site_name" content="{E(SITE[lang])}">\n') + f'''<body>
<div id="app"><div class="page">
<div class="top-bar"><div class="container"><span class="top-bar__date">Monday, 14 April</span><a class="top-bar__login" href="/login">Log in</a></div></div>
<header class="header"><div class="container"><a class="header__logo" href="/">{E(SITE[lang])}</a><ul class="header__menu">{nav_html(b)}</ul><button class="header__search">Search</button></div></header>
<div class="breaking-ticker"><div class="container"><span class="breaking-ticker__label">Breaking</span><a href="/b">{E(b["related"][1])}</a></div></div>
<main class="main"><div class="container"><div class="layout layout--article">
<div class="layout__main">
<article class="article">
<div class="article__header"><a class="article__rubric" href="/ukraine">Ukraine</a><h1 class="article__title">{E(a["title"])}</h1>
<div class="article__info"><span class="article__author">{E(AUTHOR[lang])}</span><time class="article__date" datetime="2025-04-14T09:12">14.04.2025, 09:12</time><span class="article__views">12 480</span></div>
<div class="article__image"><img src="/img/main.jpg" alt=""><span class="article__image-source">Photo: Press service</span></div></div>
<div class="article__body">
{body}
</div>
<div class="article__footer"><div class="article__tags"><a href="/tag/1">#drones</a> <a href="/tag/2">#war</a></div>
<div class="article__share"><span>{E(b["share"])}</span><a class="share-fb" href="#">Facebook</a><a class="share-tg" href="#">Telegram</a></div>
<div class="article__subscribe">{E(b["newsletter"])}</div></div>
</article>
<section class="more-news"><h2 class="more-news__title">{E(b["more"])}</h2><ul class="more-news__list">{related_html(b)}</ul></section>
</div>
<aside class="layout__sidebar"><div class="sidebar-widget"><h3>Latest news</h3><ul>{related_html(b)}</ul></div></aside>
</div></div></main>
<footer class="footer"><div class="container"><p class="footer__copy">{E(b["footer"])}</p><p class="footer__cookie">{E(b["cookie"])}</p></div></footer>
</div></div></body></html>'''
    return html, boiler_must_not(b, ["related", "newsletter", "footer", "cookie"])

def ria_blocks(a):
    """Each paragraph in its own block, text directly in the block without <p>, with media and
    'also read' blocks between (a layout common on Russian-language news sites)."""
    b = BOILER[a["lang"]]; lang = a["lang"]
    out = []
    for i, (kind, val) in enumerate(a["blocks"]):
        if kind == "p":
            out.append(f'<div class="article__block" data-type="text"><div class="article__text">{E(val)}</div></div>')
        elif kind == "h2":
            out.append(f'<div class="article__block" data-type="h2"><h2 class="article__h2">{E(val)}</h2></div>')
        elif kind in ("ul", "ol"):
            items = "".join(f'<li class="article__list-item">{E(x)}</li>' for x in val)
            out.append(f'<div class="article__block" data-type="list"><ul class="article__list">{items}</ul></div>')
        elif kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{E(c)}</td>" for c in r) + "</tr>" for r in val)
            out.append(f'<div class="article__block" data-type="table"><div class="article__table"><table>{rows}</table></div></div>')
        elif kind == "teaser":
            out.append(f'<div class="article__block" data-type="article"><div class="article__article"><a href="/r" class="article__article-title">{E(val)}</a></div></div>')
        elif kind == "prompt":
            out.append(f'<div class="article__block" data-type="text"><div class="article__text">{E(val)}</div></div>')
        if i == 1:
            out.append('<div class="article__block" data-type="media"><div class="media"><div class="media__size"><img src="/img.jpg" alt=""></div><div class="media__copyright">© РИА / Фото</div></div></div>')
    body = "\n".join(out)
    html = head(a["title"], lang) + f'''<body class="m-article">
<div class="page"><div class="header"><div class="layout-rubric"><a class="header__logo" href="/">{E(SITE[lang])}</a><ul class="header__nav">{nav_html(b)}</ul></div></div>
<div class="layout-article"><div class="layout-article__over"><div class="layout-article__main"><div class="layout-article__main-over">
<div class="article m-article" data-article-id="20250414">
<div class="article__header"><div class="article__info"><div class="article__info-date"><a href="/20250414/">09:12 14.04.2025</a></div><div class="article__info-statistic"><span class="statistic__item m-views">3042</span></div></div>
<div class="article__title">{E(a["title"])}</div></div>
<div class="article__announce"><div class="media"><img src="/main.jpg" alt=""></div></div>
<div class="article__body js-mediator-article mia-analytics">
{body}
</div>
<div class="article__tags"><a class="article__tags-item" href="/tag/">Происшествия</a></div>
<div class="article__share"><span>{E(b["share"])}</span></div>
<div class="article__subscribe">{E(b["newsletter"])}</div>
</div>
<div class="article__comments"><div class="comment">{E(b["comments"][0][1])}</div></div>
</div></div>
<div class="layout-article__right"><div class="l-col-sticky"><div class="cell-list"><div class="cell-list__title">{E(b["more"])}</div>{related_html(b, "div")}</div></div></div>
</div></div>
<div class="footer"><div class="footer__copyright">{E(b["footer"])}</div></div></div></body></html>'''
    return html, boiler_must_not(b, ["related", "newsletter", "footer"]) + [b["comments"][0][1]]

def table_layout(a):
    """An older CMS laid out with tables: the article sits in one cell, menus in others."""
    b = BOILER[a["lang"]]; lang = a["lang"]
    body = render_blocks(a["blocks"])
    menu = "".join(f'<tr><td class="menu"><a href="/{i}">{E(n)}</a></td></tr>' for i, n in enumerate(b["nav"]))
    html = head(a["title"], lang) + f'''<body bgcolor="#ffffff" topmargin="0">
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td colspan="3" class="top"><a href="/"><img src="/logo.gif" alt="{E(SITE[lang])}"></a></td></tr>
<tr><td width="180" valign="top"><table width="100%" cellpadding="4">{menu}</table>
<p class="small">{E(b["newsletter"])}</p></td>
<td width="600" valign="top" class="maintd">
<font size="2" class="date">14.04.2025 09:12</font>
<h1 class="zag">{E(a["title"])}</h1>
{body}
<p class="small"><a href="/print">Print version</a> | <a href="/send">Send to a friend</a></p>
<table width="100%"><tr><td class="smalltitle">{E(b["more"])}</td></tr>{"".join(f'<tr><td><a href="/r{i}">{E(t)}</a></td></tr>' for i, t in enumerate(b["related"]))}</table>
</td>
<td width="200" valign="top"><table width="100%"><tr><td class="banner"><a href="/ads"><img src="/ad.gif" alt="Advertisement"></a></td></tr><tr><td class="small">{E(b["cookie"])}</td></tr></table></td></tr>
<tr><td colspan="3" class="bottom" align="center">{E(b["footer"])}</td></tr>
</table></body></html>'''
    return html, boiler_must_not(b, ["related", "newsletter", "footer", "cookie"])

def companion_columns(a):
    """A large news site's React CMS: the article body split into many companion columns."""
    b = BOILER[a["lang"]]; lang = a["lang"]
    cols = []
    blocks = a["blocks"]
    for i in range(0, len(blocks), 2):
        inner = render_blocks(blocks[i:i + 2], p_attr=' class="css-at9mc1 evys1bk0"')
        cols.append(f'<div class="css-s99gbd StoryBodyCompanionColumn" data-testid="companionColumn-{i//2}"><div class="css-53u6y8">{inner}</div></div>')
        if i == 0:
            cols.append('<div id="story-ad-1-wrapper" class="css-1vhk1ks"><div class="ad story-ad-1-wrapper"><div id="story-ad-1" class="place-ad"><p class="css-1wuycud">Advertisement</p></div></div></div>')
        if i == 2:
            cols.append(f'<div class="css-1gdsjx4 e1g5hnvx0"><div data-testid="inline-message" class="css-1o2ivfb"><p class="css-1wi3bn5">{E(b["newsletter"])}</p></div></div>')
    html = head(a["title"], lang, '<meta data-rh="true" property="article:published_time" content="2025-04-14T05:12:00.000Z">\n') + f'''<body><div id="app"><div><div class="css-1kj7lfb"><a class="css-1aeyqnm" href="#site-content">Skip to content</a><a class="css-1aeyqnm" href="#site-index">Skip to site index</a></div>
<header class="css-1bymuyk e1m0pzr40"><section class="css-ahe4g0"><div class="css-1wr3we4"><a href="/">{E(SITE[lang])}</a></div><nav class="css-1d8a290"><ul class="css-1vxc2sl">{nav_html(b)}</ul></nav></section></header>
<main id="site-content"><div class="css-1ufe6my"><article id="story" class="css-1vxca1d e1lmdhsb0">
<header class="css-1g4gku8 e1e7j8ap0"><div class="css-1vkm6nb ehdk2mb0"><h1 data-testid="headline" class="css-1gmpz8y e1h9rw200">{E(a["title"])}</h1></div>
<div class="css-xt80pu eaoowbl0"><div class="css-1jnzpbt"><p class="css-aknsld e1jsehar1"><span class="last-byline" itemprop="name">By {E(AUTHOR[lang])}</span></p></div><time class="css-1sbuyqj e16638kd3" datetime="2025-04-14T05:12:00.000Z">April 14, 2025</time></div></header>
<section name="articleBody" itemprop="articleBody" class="meteredContent css-1r7ky0e">
{"".join(cols)}
</section>
<div class="bottom-of-article"><div class="css-1m3c2c0"><div class="css-1p5s6ae"><p class="css-1cbaayl">A version of this article appears in print on April 15, 2025, Section A, Page 8.</p></div></div></div>
</article>
<div class="css-1l64xxx"><h2 class="css-1o5yx0h">More on Ukraine</h2><ol>{related_html(b)}</ol></div>
</div></main>
<footer class="css-1ldu8yl"><div class="css-1xrl7m"><p>{E(b["footer"])}</p></div></footer>
</div></div></body></html>'''
    return html, boiler_must_not(b, ["related", "newsletter", "footer"])

def ukrainian_cms(a):
    """A Ukrainian news portal: body in a post text block with inline 'read also' links,
    social buttons and a Facebook comments plugin."""
    b = BOILER[a["lang"]]; lang = a["lang"]
    def teaser(val):
        return f'<div class="read-also"><a href="/news/2025/04/13/7492871/">{E(val)}</a></div>'
    def prompt(val):
        return f'<p class="post__subscribe"><a href="https://t.me/example">{E(val)}</a></p>'
    body = render_blocks(a["blocks"], teaser=teaser, prompt=prompt)
    html = head(a["title"], lang, '<meta property="og:type" content="article">\n<meta name="news_keywords" content="війна, обстріл">\n') + f'''<body class="page-news">
<div class="main_container"><div class="header"><div class="header_logo"><a href="/">{E(SITE[lang])}</a></div><div class="main_menu"><ul>{nav_html(b)}</ul></div><div class="header_lang"><a href="/eng/">ENG</a> <a href="/rus/">РУС</a></div></div>
<div class="container_main">
<div class="container_sub_post_news">
<div class="post post_news">
<h1 class="post_title">{E(a["title"])}</h1>
<div class="post_news_date">Понеділок, 14 квітня 2025, 09:12</div>
<div class="post_news_author"><span class="post__author">{E(AUTHOR[lang])}</span></div>
<div class="post_news_photo"><img src="/images/doc/1/2/photo.jpg" alt=""><div class="post_news_photo_source">Фото: ДСНС</div></div>
<div class="post_news_text" data-io-article-url="/news/2025/04/14/">
{body}
</div>
<div class="post_news_tags"><span class="post_news_tags_title">{E(b["tags"])}:</span> <a href="/tags/war/">війна</a>, <a href="/tags/drones/">дрони</a></div>
<div class="post_news_share"><span>{E(b["share"])}</span><a class="share_fb">Facebook</a><a class="share_tg">Telegram</a><a class="share_x">X</a></div>
<div class="post_news_subscribe">{E(b["newsletter"])}</div>
</div>
<div class="comments_block"><div class="fb-comments" data-href="https://example.ua/news/2025/04/14/" data-width="100%"></div><div class="comment_item"><span class="comment_author">{E(b["comments"][0][0])}</span><div class="comment_text">{E(b["comments"][0][1])}</div></div></div>
</div>
<div class="container_sub_news_list"><div class="news_list_title">{E(b["more"])}</div><div class="article_list">{"".join(f'<div class="article article_list_item"><div class="article_time">08:{40+i}</div><div class="article_header"><a href="/n{i}">{E(t)}</a></div></div>' for i, t in enumerate(b["related"]))}</div></div>
</div>
<div class="footer"><div class="footer_copy">{E(b["footer"])}</div><div class="cookie_note">{E(b["cookie"])}</div></div>
</div></body></html>'''
    return html, boiler_must_not(b, ["related", "newsletter", "footer", "cookie"]) + [b["comments"][0][1]]

def text_blocks(a):
    """A public broadcaster's layout: text blocks as siblings marked with data-component,
    image and 'related' blocks between them."""
    b = BOILER[a["lang"]]; lang = a["lang"]
    n = [0]
    def wrap(s, kind):
        n[0] += 1
        out = f'<div data-component="text-block" class="ssrcss-11r1m41-RichTextComponentWrapper ep2nwvo0"><div class="ssrcss-7uxr49-RichTextContainer e5tfeyi1">{s}</div></div>'
        if n[0] == 1:
            out += '<div data-component="image-block" class="ssrcss-1c5ik3d-ComponentWrapper"><figure class="ssrcss-wpgbih-StyledFigure"><img src="/i.jpg" alt="Firefighters at the scene"><figcaption class="ssrcss-1pw6ivh-Caption"><span class="ssrcss-1s1fuoj-VisuallyHidden">Image caption, </span>Firefighters at the scene</figcaption></figure></div>'
        if n[0] == 3:
            out += f'<div data-component="links-block" class="ssrcss-1b1mki6-ComponentWrapper"><div class="ssrcss-68pt20-Text-TextContributorName"><h2>Related topics</h2><ul><li><a href="/t1">{E(b["related"][0])}</a></li></ul></div></div>'
        return out
    body = render_blocks(a["blocks"], wrap=wrap)
    html = head(a["title"], lang) + f'''<body><div id="__next"><div class="ssrcss-1ocoo3l-Wrap">
<header data-testid="header-content" class="ssrcss-1ggcx1i-Header"><a href="/" class="ssrcss-1u3a9oq-Brand">{E(SITE[lang])}</a><nav class="ssrcss-kkjt3m-GlobalNavigation"><ul>{nav_html(b)}</ul></nav></header>
<div class="ssrcss-feymvw-Container"><main id="main-content" data-testid="main-content" class="ssrcss-1sxm3ao-Main">
<article class="ssrcss-pv1rh6-ArticleWrapper e1nh2i2l5">
<header class="ssrcss-1eqcsb1-HeadingWrapper"><h1 id="main-heading" type="headline" tabindex="-1" class="ssrcss-1qeykmb-StyledHeading">{E(a["title"])}</h1></header>
<div data-component="byline-block" class="ssrcss-1d4k8ds-ComponentWrapper"><div class="ssrcss-68pt20-Text-TextContributorName">{E(AUTHOR[lang])}</div><time data-testid="timestamp" datetime="2025-04-14T06:12:00.000Z">14 April 2025</time></div>
{body}
<div data-component="tag-list" class="ssrcss-1qmkvfu-TopicListWrapper"><h2>More on this story</h2><ul>{related_html(b)}</ul></div>
</article></main>
<div class="ssrcss-1ccwj6y-StyledSecondaryColumn"><div data-component="most-read"><h2>{E(b["more"])}</h2><ol>{related_html(b)}</ol></div></div>
</div>
<footer class="ssrcss-1ap0xp1-FooterWrapper"><p>{E(b["footer"])}</p></footer>
</div></div></body></html>'''
    return html, boiler_must_not(b, ["related", "footer"])

def ad_split(a):
    """A CMS whose ad inserter closes the body wrapper after a few paragraphs, places an ad and a
    newsletter box, and opens a new wrapper for the rest: the body ends up in unequal siblings."""
    b = BOILER[a["lang"]]; lang = a["lang"]
    blocks = a["blocks"]
    cut = max(1, len(blocks) - 2)
    first = render_blocks(blocks[:cut])
    rest = render_blocks(blocks[cut:])
    html = head(a["title"], lang, f'<meta property="og:site_name" content="{E(SITE[lang])}">\n') + f'''<body class="single">
<header class="masthead"><div class="masthead__inner"><a class="logo" href="/">{E(SITE[lang])}</a><nav class="primary-menu"><ul>{nav_html(b)}</ul></nav></div></header>
<div class="container"><div class="row"><div class="col-lg-8">
<h1 class="headline">{E(a["title"])}</h1>
<p class="meta"><span class="meta__author">{E(AUTHOR[lang])}</span> <span class="meta__date">14.04.2025</span></p>
<div class="story-text">
{first}
</div>
<div class="in-article-ad"><ins class="adsbygoogle" data-ad-client="ca-pub-0000" data-ad-slot="1234"></ins><span class="ad-note">Advertisement</span></div>
<div class="newsletter-box"><p>{E(b["newsletter"])}</p><form><input type="email" placeholder="Email"><button>OK</button></form></div>
<div class="story-text">
{rest}
</div>
<div class="story-footer"><div class="story-tags"><a href="/t">Ukraine</a></div><div class="story-share">{E(b["share"])}</div></div>
<div class="author-box"><p class="author-box__bio">{E(b["bio"])}</p></div>
</div>
<div class="col-lg-4"><div class="sidebar-box"><h3>{E(b["more"])}</h3><ul>{related_html(b)}</ul></div></div>
</div></div>
<footer class="site-footer"><p>{E(b["footer"])}</p></footer>
</body></html>'''
    return html, boiler_must_not(b, ["related", "newsletter", "footer", "bio"])

LINKED = {
    "en": ["the regional military administration", "air defence", "the city council", "Ukraine", "drones", "the Air Force"],
    "uk": ["обласної військової адміністрації", "Федоров", "ДСНС", "Запоріжжя", "дронів", "ракет"],
    "ru": ["Гладков", "Белгород", "беспилотник", "Министерство обороны", "Курской", "Брянской"],
    "de": ["Odessa", "Luftabwehr", "Drohnen", "Getreide"],
    "pl": ["Lwów", "rakiety", "myśliwce"],
}

def linked_body(a):
    """A portal that links names, places and earlier stories throughout the text: a third or more
    of each paragraph's characters are inside links."""
    b = BOILER[a["lang"]]; lang = a["lang"]
    terms = LINKED[lang]
    out = []
    for kind, val in a["blocks"]:
        if kind != "p":
            out.append(render_blocks([(kind, val)]))
            continue
        words = E(val).split(" ")
        # Links over word ranges: two runs of words (earlier stories), then the first mention of
        # each term (names, places) that does not overlap them.
        spans = [r for r, need in (((2, 5), 9), ((10, 14), 17)) if len(words) >= need]
        bare = [w.strip(".,:;!?()«»\"'") for w in words]
        for t in terms:
            tw = E(t).split(" ")
            for i in range(len(words) - len(tw) + 1):
                if bare[i:i + len(tw)] == tw and all(e < i or st > i + len(tw) - 1 for st, e in spans):
                    spans.append((i, i + len(tw) - 1))
                    break
        for n, (st, e) in enumerate(sorted(spans)):
            words[st] = f'<a href="/story/{n}">' + words[st]
            words[e] = words[e] + "</a>"
        out.append(f'<p>{" ".join(words)}</p>')
    body = "\n".join(out)
    html = head(a["title"], lang) + f'''<body class="article-page">
<div class="page-wrap"><header class="header"><a href="/" class="header__logo">{E(SITE[lang])}</a><ul class="header__menu">{nav_html(b)}</ul></header>
<div class="content-wrap"><div class="article-col">
<div class="article-head"><h1>{E(a["title"])}</h1><div class="article-head__date">14.04.2025 09:12</div></div>
<div class="article-text">
{body}
</div>
<div class="article-bottom"><div class="article-bottom__share">{E(b["share"])}</div><div class="article-bottom__subscribe"><p>{E(b["newsletter"])}</p></div></div>
<div class="comments-wrap"><div class="comment"><b>{E(b["comments"][0][0])}</b><p>{E(b["comments"][0][1])}</p></div><div class="comment"><b>{E(b["comments"][1][0])}</b><p>{E(b["comments"][1][1])}</p></div></div>
</div>
<div class="news-col"><div class="news-col__title">{E(b["more"])}</div>{"".join(f'<div class="news-col__item"><span class="news-col__time">09:{10+i}</span> <a href="/n{i}">{E(t)}</a></div>' for i, t in enumerate(b["related"]))}</div>
</div>
<footer class="footer">{E(b["footer"])}</footer></div>
</body></html>'''
    return html, boiler_must_not(b, ["related", "newsletter", "footer", "comments"])

def sidebar_layout(a):
    """A blog theme whose layout wrapper around the article and its sidebar is named for the
    sidebar, with a long comment thread below and an about-us paragraph in the footer."""
    b = BOILER[a["lang"]]; lang = a["lang"]
    body = render_blocks(a["blocks"])
    thread = "".join(
        f'<li class="comment"><div class="comment-author">{E(b["comments"][i % 2][0])}</div><div class="comment-text"><p>{E(b["comments"][i % 2][1])} {E(b["related"][i % 3])}.</p></div></li>'
        for i in range(14))
    about = {"en": "Frontline Post is an independent newsroom of eleven reporters and editors covering the war in southern and eastern Ukraine since 2022, funded by its readers.",
             "uk": "Південний вісник — незалежна редакція з одинадцяти журналістів, яка з 2022 року пише про війну на півдні та сході України коштом читачів.",
             "ru": "Белгородская правда — независимая редакция, которая с 2022 года рассказывает о событиях в приграничных районах на средства читателей.",
             "de": "Ostwelle ist eine unabhängige Redaktion, die seit 2022 aus der Ukraine berichtet und von ihren Leserinnen und Lesern finanziert wird.",
             "pl": "Kurier Wschodni to niezależna redakcja, która od 2022 roku relacjonuje wojnę w Ukrainie dzięki wsparciu czytelników."}[lang]
    html = head(a["title"], lang) + f'''<body class="blog single">
<div class="topbar"><div class="wrap"><ul class="topbar-menu">{nav_html(b)}</ul></div></div>
<div class="wrap layout has-sidebar sidebar-right">
<div class="col-main">
<h1 class="single-title">{E(a["title"])}</h1>
<div class="single-meta">{E(AUTHOR[lang])} · 14.04.2025</div>
{body}
</div>
<div class="col-side"><div class="widget"><h4>{E(b["more"])}</h4><ul>{related_html(b)}</ul></div></div>
</div>
<div class="wrap discussion"><h3>{len(range(14))} comments</h3><ol class="commentlist">{thread}</ol></div>
<div class="bottom"><div class="wrap"><p class="about">{E(about)}</p><p class="copy">{E(b["footer"])}</p></div></div>
</body></html>'''
    return html, boiler_must_not(b, ["footer", "comments"]) + [about[:60]]


ARTICLE_TEMPLATES = {
    "wordpress-classic": wordpress_classic,
    "wordpress-blocks": wordpress_gutenberg,
    "drupal": drupal_olivero,
    "ghost": ghost_casper,
    "medium": medium_like,
    "news-split": news_split,
    "news-blocks": ria_blocks,
    "table-layout": table_layout,
    "companion-columns": companion_columns,
    "ua-portal": ukrainian_cms,
    "text-blocks": text_blocks,
    "ad-split": ad_split,
    "linked-body": linked_body,
    "sidebar-layout": sidebar_layout,
}
