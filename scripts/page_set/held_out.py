"""Templates written after the extraction rules were tuned, to check that the rules carry over to
layouts they were not written against."""

from templates import (AUTHOR, BOILER, SITE, E, boiler_must_not, head, nav_html, related_html,
                       render_blocks)

# Written after the extraction rules were tuned on the pages above, to check that the rules
# carry over to layouts they were not written against.

def substack_like(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    blocks = a["blocks"]
    half = max(1, len(blocks) // 2)
    widget = f'<div class="subscription-widget-wrap"><div class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">Thanks for reading {E(SITE[lang])}! Subscribe for free to receive new posts and support my work.</p></div><form class="subscription-widget-subscribe"><input type="email" class="email-input" placeholder="Type your email..."><input type="submit" class="button primary" value="Subscribe"></form></div></div>'
    body = render_blocks(blocks[:half]) + widget + render_blocks(blocks[half:])
    html = head(a["title"], lang) + f'''<body><div id="entry"><div id="main" class="main typography use-theme-bg">
<div class="main-menu"><div class="topbar"><a class="navbar-title-link" href="/">{E(SITE[lang])}</a><div class="navbar-buttons"><a class="button primary" href="/subscribe">Subscribe</a><a class="button" href="/signin">Sign in</a></div></div></div>
<div class="container"><div class="single-post-container"><div class="container"><div class="single-post"><div class="post"><div class="post-header">
<h1 class="post-title published">{E(a["title"])}</h1><div class="post-meta"><div class="profile-hover-card-target"><a href="/p">{E(AUTHOR[lang])}</a></div><div class="pencraft">Apr 14, 2025</div></div></div>
<div class="available-content"><div dir="auto" class="body markup">{body}</div></div>
<div class="post-footer"><div class="post-ufi"><button class="like-button">412</button><button class="comment-button">38</button><button class="share-button">{E(b["share"])}</button></div></div>
</div></div></div>
<div class="comments-section"><div class="comment"><div class="comment-body"><p>{E(b["comments"][0][1])}</p></div></div></div>
<div class="post-recommendations"><h3>{E(b["more"])}</h3>{related_html(b, "p")}</div>
</div></div><div class="footer-wrap"><p>{E(b["footer"])}</p></div></div></div></body></html>'''
    return html, boiler_must_not(b, ["related", "footer"]) + [b["comments"][0][1], "Subscribe for free to receive new posts"]

def blogger(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    lines = []
    for kind, val in a["blocks"]:
        if kind == "p":
            lines.append(E(val))
        elif kind == "h2":
            lines.append(f"<b>{E(val)}</b>")
        elif kind in ("ul", "ol"):
            lines.append("<ul>" + "".join(f"<li>{E(x)}</li>" for x in val) + "</ul>")
        elif kind == "table":
            lines.append(render_blocks([(kind, val)]))
        else:
            lines.append(E(val))
    body = "<br /><br />\n".join(lines)
    html = head(a["title"], lang, "<meta content='blogger' name='generator'/>\n") + f'''<body class="loading variant-indie">
<div class="navbar section" id="navbar"><div class="widget Navbar"></div></div>
<div class="content-outer"><div class="header-outer"><div class="region-inner header-inner"><div class="header section" id="header"><div class="widget Header"><div id="header-inner"><div class="titlewrapper"><h1 class="title"><a href="/">{E(SITE[lang])} blog</a></h1></div><div class="descriptionwrapper"><p class="description"><span>Notes from the south</span></p></div></div></div></div></div></div>
<div class="main-outer"><div class="main-inner"><div class="columns fauxcolumns"><div class="columns-inner"><div class="column-center-outer"><div class="column-center-inner"><div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">
<div class="date-outer"><h2 class="date-header"><span>Monday, April 14, 2025</span></h2><div class="date-posts"><div class="post-outer"><div class="post hentry uncustomized-post-template" itemscope itemtype="http://schema.org/BlogPosting">
<h3 class="post-title entry-title" itemprop="name">{E(a["title"])}</h3>
<div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-7712" itemprop="description articleBody">{body}
<div style="clear: both;"></div></div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn">{E(AUTHOR[lang])}</span></span> <span class="post-timestamp">at 09:12</span> <span class="post-comment-link"><a class="comment-link" href="#comments">2 comments</a></span></div><div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels: <a href="/l/war">war</a></span></div></div>
</div><div class="comments" id="comments"><h4>2 comments:</h4><div class="comments-content"><div class="comment-block"><div class="comment-content">{E(b["comments"][0][1])}</div></div></div></div></div></div></div></div>
</div></div></div></div></div>
<div class="column-right-outer"><div class="column-right-inner"><aside><div class="sidebar section" id="sidebar-right-1"><div class="widget BlogArchive"><h2>Blog Archive</h2><ul><li><a href="/2025/">2025 (41)</a></li></ul></div><div class="widget Text"><h2 class="title">About</h2><div class="widget-content">{E(b["bio"])}</div></div></div></aside></div></div>
</div></div></div></div>
<div class="footer-outer"><div class="footer-inner"><p>{E(b["footer"])} Powered by Blogger.</p></div></div></div></body></html>'''
    return html, boiler_must_not(b, ["footer", "bio"]) + [b["comments"][0][1]]

def gov_press(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    body = render_blocks(a["blocks"], p_attr=' style="text-align: justify;"')
    html = head(a["title"], lang) + f'''<body>
<div class="page"><div class="header"><div class="gerb"><img src="/img/gerb.png" alt=""></div><div class="header-title">{"Обласна військова адміністрація" if lang == "uk" else "Regional military administration"}</div>
<div class="header-links"><a href="/eng">EN</a> <a href="/vision">{"Версія для людей з вадами зору" if lang == "uk" else "Low-vision version"}</a></div></div>
<div class="top-menu"><ul>{nav_html(b)}</ul></div>
<div class="content"><div class="left-col"><div class="breadcrumbs"><a href="/">{"Головна" if lang == "uk" else "Home"}</a> / <a href="/news">{"Новини" if lang == "uk" else "News"}</a></div>
<div class="news-detail"><div class="news-date">14.04.2025 09:12</div><h1 class="news-title">{E(a["title"])}</h1>
<div class="news-text">{body}</div>
<div class="news-gallery"><a href="/g1.jpg"><img src="/g1s.jpg" alt=""></a><a href="/g2.jpg"><img src="/g2s.jpg" alt=""></a></div>
<div class="news-bottom"><a href="/print" class="print-link">{"Версія для друку" if lang == "uk" else "Print version"}</a> <span class="news-views">{"Переглядів" if lang == "uk" else "Views"}: 1 284</span></div></div>
</div>
<div class="right-col"><div class="block important"><div class="block-title">{"Важливо" if lang == "uk" else "Important"}</div><ul>{related_html(b)}</ul></div>
<div class="block hotline"><p>{"Гаряча лінія обласної адміністрації працює цілодобово: 0 800 000 000" if lang == "uk" else "The regional administration hotline works around the clock: 0 800 000 000"}</p></div></div></div>
<div class="footer"><p>{E(b["footer"])}</p></div></div></body></html>'''
    hotline = "Гаряча лінія обласної адміністрації працює цілодобово" if lang == "uk" else "hotline works around the clock"
    return html, boiler_must_not(b, ["footer"]) + [hotline]

def mastodon_like(a):
    ch, user = a["channel"], a["username"]
    mid, when, text = a["posts"][0]
    paras = "".join(f"<p>{E(x)}</p>" for x in text.split("\n\n"))
    html = f'''<!DOCTYPE html>
<html lang="{a["lang"]}"><head><meta charset="utf-8"><title>{E(ch)}: "{E(text[:30])}" - mastodon.example</title>
<meta property="og:description" content="{E(text)}"><meta property="og:type" content="article"></head>
<body class="app-body theme-default"><div class="app-holder" id="mastodon"><div class="public-layout"><div class="container"><nav class="header"><div class="nav-left"><a class="brand" href="/">mastodon.example</a><a class="nav-link optional" href="/explore">Explore</a></div><div class="nav-right"><a class="webapp-btn nav-link nav-button" href="/auth/sign_in">Log in</a><a class="webapp-btn nav-link nav-button" href="/auth/sign_up">Create account</a></div></nav></div>
<div class="container"><div class="activity-stream activity-stream--headless"><div class="entry entry-center"><div class="detailed-status detailed-status--flex">
<a class="detailed-status__display-name u-url" href="/@{user}"><div class="detailed-status__display-avatar"><img alt="" class="account__avatar u-photo" src="/avatar.png"></div><span class="display-name"><bdi><strong class="display-name__html p-name emojify">{E(ch)}</strong></bdi> <span class="display-name__account">@{user}@mastodon.example</span></span></a>
<div class="status__content emojify"><div class="e-content" lang="{a["lang"]}">{paras}</div></div>
<div class="detailed-status__meta"><data class="dt-published" value="{when}"></data><a class="detailed-status__datetime u-url u-uid" href="/@{user}/{mid}"><time class="formatted" datetime="{when}">Apr 14, 2025, 16:03</time></a> · <span class="detailed-status__link"><i class="fa fa-retweet"></i><span class="detailed-status__reblogs">1.2K</span></span> · <span class="detailed-status__link"><i class="fa fa-star"></i><span class="detailed-status__favorites">842</span></span></div>
</div></div></div></div>
<div class="footer"><div class="container"><div class="grid"><div class="column-0"><h4>Resources</h4><ul><li><a href="/about">About this server</a></li><li><a href="/terms">Terms of service</a></li></ul></div><div class="column-2"><p>mastodon.example is one of the many independent Mastodon servers you can use to participate in the fediverse.</p></div></div></div></div>
</div></div></body></html>'''
    return html, ["Create account", "one of the many independent Mastodon servers"]

def elementor(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    blocks = a["blocks"]
    widgets = []
    for i in range(0, len(blocks), 2):
        inner = render_blocks(blocks[i:i + 2])
        widgets.append(f'<div class="elementor-element elementor-element-{i}a elementor-widget elementor-widget-text-editor" data-widget_type="text-editor.default"><div class="elementor-widget-container">{inner}</div></div>')
        if i == 0:
            widgets.append('<div class="elementor-element elementor-widget elementor-widget-image" data-widget_type="image.default"><div class="elementor-widget-container"><img src="/wp-content/uploads/photo.jpg" alt=""></div></div>')
        if i == 2:
            widgets.append(f'<div class="elementor-element elementor-widget elementor-widget-share-buttons"><div class="elementor-widget-container"><div class="elementor-grid"><div class="elementor-share-btn"><span class="elementor-share-btn__title">{E(b["share"])}</span></div></div></div></div>')
    html = head(a["title"], lang, '<meta name="generator" content="Elementor 3.20">\n') + f'''<body class="post-template-default single single-post elementor-default elementor-kit-5">
<div data-elementor-type="header" class="elementor elementor-location-header"><section class="elementor-section elementor-top-section"><div class="elementor-container elementor-column-gap-default"><div class="elementor-column elementor-col-100"><div class="elementor-widget-wrap"><div class="elementor-widget elementor-widget-nav-menu"><nav class="elementor-nav-menu--main"><ul class="elementor-nav-menu">{nav_html(b)}</ul></nav></div></div></div></div></section></div>
<div data-elementor-type="single-post" class="elementor elementor-location-single post-88 post type-post">
<section class="elementor-section elementor-top-section elementor-section-boxed"><div class="elementor-container elementor-column-gap-default"><div class="elementor-column elementor-col-66 elementor-top-column"><div class="elementor-widget-wrap elementor-element-populated">
<div class="elementor-element elementor-widget elementor-widget-theme-post-title"><div class="elementor-widget-container"><h1 class="elementor-heading-title elementor-size-default">{E(a["title"])}</h1></div></div>
<div class="elementor-element elementor-widget elementor-widget-post-info"><div class="elementor-widget-container"><ul class="elementor-inline-items elementor-icon-list-items elementor-post-info"><li class="elementor-icon-list-item">{E(AUTHOR[lang])}</li><li class="elementor-icon-list-item">14.04.2025</li></ul></div></div>
{"".join(widgets)}
</div></div>
<div class="elementor-column elementor-col-33 elementor-top-column"><div class="elementor-widget-wrap"><div class="elementor-element elementor-widget elementor-widget-posts"><div class="elementor-widget-container"><h3>{E(b["more"])}</h3>{related_html(b, "p")}</div></div></div></div>
</div></section></div>
<div data-elementor-type="footer" class="elementor elementor-location-footer"><section class="elementor-section"><div class="elementor-container"><div class="elementor-widget-wrap"><p>{E(b["footer"])}</p><p>{E(b["newsletter"])}</p></div></div></section></div>
</body></html>'''
    return html, boiler_must_not(b, ["related", "footer", "newsletter"])

def lede_split(a):
    """A news site that sets the first paragraph apart as a lede, in its own container."""
    b = BOILER[a["lang"]]; lang = a["lang"]
    blocks = a["blocks"]
    lede = render_blocks(blocks[:1])
    rest = render_blocks(blocks[1:])
    html = head(a["title"], lang) + f'''<body><div class="site"><header class="site-head"><a href="/">{E(SITE[lang])}</a><ul class="site-head__menu">{nav_html(b)}</ul></header>
<main class="article-page"><div class="article-page__head"><span class="article-page__section">Ukraine</span><h1 class="article-page__title">{E(a["title"])}</h1></div>
<div class="article-page__lede">{lede}</div>
<div class="article-page__byline">{E(AUTHOR[lang])}, 14 April 2025</div>
<div class="article-page__body">{rest}</div>
<div class="article-page__end"><div class="article-page__share">{E(b["share"])}</div><div class="article-page__bio"><p>{E(b["bio"])}</p></div></div>
<section class="article-page__related"><h2>{E(b["more"])}</h2>{"".join(f'<article class="card"><h3 class="card__title"><a href="/r{i}">{E(t)}</a></h3></article>' for i, t in enumerate(b["related"]))}</section>
</main><footer class="site-foot">{E(b["footer"])}</footer></div></body></html>'''
    return html, boiler_must_not(b, ["related", "footer", "bio"])

HELD_OUT = {"substack": substack_like, "blogger": blogger, "gov-press": gov_press,
            "elementor": elementor, "lede-split": lede_split}
