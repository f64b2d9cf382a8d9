"""Templates of pages that carry a stream of posts rather than one article: live blogs, forum
threads and the public web pages of messaging channels."""

from templates import AUTHOR, BOILER, SITE, E, boiler_must_not, head, nav_html, related_html

# ---------------------------------------------------------------- live blogs

def live_blocks(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    posts = "".join(f'''<div id="block-{i}" class="block" data-block-id="{i}"><div class="block-time published-time"><time datetime="2025-04-14T{t}:00+03:00">{t}</time></div><div class="block-elements"><p>{E(x)}</p></div><div class="block-footer"><div class="block-share"><span class="share-label">{E(b["share"])}</span></div></div></div>\n''' for i, (t, x) in enumerate(reversed(a["posts"])))
    html = head(a["title"], lang) + f'''<body>
<header class="site-header"><div class="logo"><a href="/">{E(SITE[lang])}</a></div><nav class="pillars"><ul>{nav_html(b)}</ul></nav></header>
<main class="content content--liveblog"><div class="content__head"><h1 class="content__headline">{E(a["title"])}</h1>
<div class="content__standfirst"><ul><li>{E(b["related"][2])}</li></ul></div>
<div class="content__meta"><span class="byline">{E(AUTHOR[lang])}</span> <time>Mon 14 Apr 2025 10.15 BST</time></div></div>
<div class="content__main"><div class="live-blog" data-component="liveblog">
<div class="key-events"><h2>Key events</h2><ul>{"".join(f'<li><a href="#block-{i}">{E(x[:40])}</a></li>' for i, (t, x) in enumerate(a["posts"][:2]))}</ul></div>
<div class="js-liveblog-body" itemprop="liveBlogUpdate">
{posts}</div>
<div class="liveblog-navigation"><a href="?page=2">Older posts</a></div>
</div></div>
<aside class="content__secondary"><div class="most-popular"><h2>{E(b["more"])}</h2><ol>{related_html(b)}</ol></div></aside>
</main>
<footer class="footer"><p>{E(b["footer"])}</p><p>{E(b["newsletter"])}</p></footer>
</body></html>'''
    return html, boiler_must_not(b, ["footer", "newsletter"]) + b["related"][:2]

def live_list(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    items = "".join(f'<li class="live-feed__item"><span class="live-feed__time">{t}</span><p class="live-feed__text">{E(x)}</p></li>\n' for t, x in reversed(a["posts"]))
    html = head(a["title"], lang) + f'''<body>
<div class="wrapper"><header class="header"><a href="/">{E(SITE[lang])}</a><ul class="nav">{nav_html(b)}</ul></header>
<div class="page-live"><h1 class="page-live__title">{E(a["title"])}</h1><div class="page-live__updated">Оновлено о 12:10</div>
<ul class="live-feed">
{items}</ul>
<button class="live-feed__more">Load more</button></div>
<div class="sidebar"><h3>{E(b["more"])}</h3><ul>{related_html(b)}</ul></div>
<footer class="footer">{E(b["footer"])}</footer></div>
</body></html>'''
    return html, boiler_must_not(b, ["related", "footer"])

def live_articles(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    posts = "".join(f'<article class="live-post" id="post-{i}"><header class="live-post__header"><time class="live-post__time">{t}</time><span class="live-post__author">{E(AUTHOR[lang])}</span></header><div class="live-post__body"><p>{E(x)}</p></div><footer class="live-post__footer"><a class="live-post__link" href="#post-{i}">Посилання</a></footer></article>\n' for i, (t, x) in enumerate(reversed(a["posts"])))
    html = head(a["title"], lang) + f'''<body>
<header class="header"><a class="logo" href="/">{E(SITE[lang])}</a><nav class="nav"><ul>{nav_html(b)}</ul></nav></header>
<main class="main"><section class="live"><h1 class="live__title">{E(a["title"])}</h1><p class="live__lead">{E(b["related"][2])}</p>
<div class="live__feed">
{posts}</div></section>
<section class="subscribe-box">{E(b["newsletter"])}</section>
<section class="related"><h2>{E(b["more"])}</h2>{related_html(b, "p")}</section></main>
<footer class="footer">{E(b["footer"])} {E(b["cookie"])}</footer>
</body></html>'''
    return html, boiler_must_not(b, ["related", "newsletter", "footer", "cookie"])

# ---------------------------------------------------------------- forums

def phpbb(a):
    b = BOILER[a["lang"]]; lang = a["lang"]
    posts = []
    for i, (user, when, text) in enumerate(a["posts"]):
        pid = 1001 + i
        posts.append(f'''<div id="p{pid}" class="post has-profile bg{2 - i % 2}"><div class="inner">
<dl class="postprofile" id="profile{pid}"><dt class="has-profile-rank no-avatar"><div class="avatar-container"></div><a href="./memberlist.php?mode=viewprofile&amp;u={pid}" class="username">{E(user)}</a></dt><dd class="profile-rank">Member</dd><dd class="profile-posts"><strong>Posts:</strong> <a href="./search.php?author_id={pid}&amp;sr=posts">{1532 + i * 211}</a></dd><dd class="profile-joined"><strong>Joined:</strong> Mon Mar 07, 2022 8:15 pm</dd><dd class="profile-custom-field profile-phpbb_location"><strong>Location:</strong> Mykolaiv</dd></dl>
<div class="postbody"><div id="post_content{pid}"><h3 {'class="first"' if i == 0 else ''}><a href="#p{pid}">{'' if i == 0 else 'Re: '}{E(a["title"])}</a></h3>
<ul class="post-buttons"><li><a href="./posting.php?mode=quote&amp;p={pid}" title="Reply with quote" class="button button-icon-only"><i class="icon fa-quote-left fa-fw" aria-hidden="true"></i><span>Quote</span></a></li></ul>
<p class="author"><a class="unread" href="#p{pid}" title="Post"><span class="imageset icon_post_target">Post</span></a><span class="responsive-hide">by <strong><a href="./memberlist.php?u={pid}" class="username">{E(user)}</a></strong> &raquo; </span><time datetime="2025-04-14T06:41:00+00:00">{E(when)}</time></p>
<div class="content">{E(text)}</div>
<div id="sig{pid}" class="signature">Слава Україні! | Mykolaiv volunteers: collecting for generators since 2022</div>
</div></div>
<div class="back2top"><a href="#top" class="top" title="Top">Top</a></div>
</div></div>
<hr class="divider" />''')
    html = head(a["title"], lang) + f'''<body id="phpbb" class="nojs notouch section-viewtopic ltr ">
<div id="wrap" class="wrap"><a id="top" class="top-anchor" accesskey="t"></a>
<div id="page-header"><div class="headerbar" role="banner"><div class="inner"><div id="site-description" class="site-description"><a id="logo" class="logo" href="./index.php"><span class="site_logo"></span></a><h1>Mykolaiv Forum</h1><p>Our city, our news</p><p class="skiplink"><a href="#start_here">Skip to content</a></p></div></div></div>
<div class="navbar" role="navigation"><div class="inner"><ul id="nav-main" class="nav-main linklist" role="menubar"><li><a href="/app.php/help/faq" rel="help">FAQ</a></li><li><a href="./ucp.php?mode=login">Login</a></li><li><a href="./ucp.php?mode=register">Register</a></li></ul>
<ul id="nav-breadcrumbs" class="nav-breadcrumbs linklist navlinks" role="menubar"><li class="breadcrumbs"><span class="crumb"><a href="./index.php">Board index</a></span><span class="crumb"><a href="./viewforum.php?f=4">City news</a></span></li></ul></div></div></div>
<a id="start_here" class="anchor"></a>
<div id="page-body" class="page-body" role="main">
<h2 class="topic-title"><a href="./viewtopic.php?t=8812">{E(a["title"])}</a></h2>
<div class="action-bar bar-top"><a href="./posting.php?mode=reply&amp;t=8812" class="button" title="Post a reply"><span>Post Reply</span></a><div class="pagination">{len(a["posts"])} posts &bull; Page <strong>1</strong> of <strong>1</strong></div></div>
{"".join(posts)}
<div class="action-bar bar-bottom"><div class="pagination">{len(a["posts"])} posts &bull; Page <strong>1</strong> of <strong>1</strong></div></div>
<div class="stat-block online-list"><h3>Who is online</h3><p>Users browsing this forum: No registered users and 3 guests</p></div>
</div>
<div id="page-footer" class="page-footer" role="contentinfo"><div class="copyright"><p class="footer-row"><span class="footer-copyright">Powered by phpBB&reg; Forum Software &copy; phpBB Limited</span></p></div></div>
</div></body></html>'''
    return html, ["Joined: Mon Mar 07, 2022", "collecting for generators since 2022", "Users browsing this forum"]

def discourse(a):
    posts = []
    for i, (user, when, text) in enumerate(a["posts"]):
        attrs = 'itemprop="comment" itemscope itemtype="http://schema.org/Comment"' if i else ''
        posts.append(f'''<div id="post_{i+1}" {attrs} class="topic-body crawler-post">
<div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person"><a itemprop="url" href="/u/{E(user)}"><span itemprop="name">{E(user)}</span></a></span>
<span class="crawler-post-infos"><time itemprop="datePublished" datetime="2025-04-14T0{6+i}:41:00Z" class="post-time">{E(when)}</time><meta itemprop="position" content="{i+1}"><span itemprop="interactionStatistic" itemscope itemtype="http://schema.org/InteractionCounter"><meta itemprop="interactionType" content="http://schema.org/LikeAction"/><meta itemprop="userInteractionCount" content="{3+i}" /><span class='post-likes'>{3+i} Likes</span></span></span></div>
<div class="post" itemprop="text"><p>{E(text)}</p></div>
</div>''')
    html = head(a["title"], "en", '<meta name="generator" content="Discourse 3.4 - https://github.com/discourse/discourse">\n') + f'''<body class="crawler ">
<header><a href="/"><img src="/uploads/logo.png" alt="Black Sea Watchers" id="site-logo"></a></header>
<div id="main-outlet" class="wrap" role="main">
<div id="topic-title"><h1><a href="/t/shahed-sounds/8812">{E(a["title"])}</a></h1><div class="topic-category" itemscope itemtype="http://schema.org/BreadcrumbList"><span itemprop="itemListElement"><a href="/c/local/5" class="badge-wrapper bullet" itemprop="item"><span class='badge-category-bg' style='background-color: #0088CC'></span><span class='badge-category clear-badge'><span class='category-name' itemprop='name'>Local reports</span></span></a></span></div></div>
<div itemscope itemtype="http://schema.org/DiscussionForumPosting"><meta itemprop="headline" content="{E(a["title"])}">
{"".join(posts)}
</div>
<div id="related-topics" class="more-topics__list" role="complementary"><h3 id="related-topics-title" class="more-topics__list-title">Related topics</h3><div class="topic-list-container"><table class="topic-list"><tbody><tr><td><a href="/t/1">Power outage schedule for Korabelnyi district this week</a></td><td>12</td></tr><tr><td><a href="/t/2">Where to buy a generator in Mykolaiv</a></td><td>40</td></tr></tbody></table></div></div>
</div>
<footer class="container wrap"><nav class="crawler-nav"><ul><li itemscope itemtype='http://schema.org/SiteNavigationElement'><span itemprop='name'><a href='/' itemprop="url">Home </a></span></li><li><span itemprop='name'><a href='/categories' itemprop="url">Categories </a></span></li></ul></nav></footer>
<div id="noscript-footer"><p>Powered by <a href="https://www.discourse.org">Discourse</a>, best viewed with JavaScript enabled</p></div>
</body></html>'''
    return html, ["Power outage schedule for Korabelnyi district", "best viewed with JavaScript enabled"]

# ---------------------------------------------------------------- messaging-channel web pages

def tg_post(a):
    """The public web page of one channel post."""
    ch, user = a["channel"], a["username"]
    mid, when, text = a["posts"][0]
    text_html = "<br/>".join(E(l) for l in text.split("\n"))
    html = f'''<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>{E(ch)} – Telegram</title>
    <meta name="viewport" content="width=device-width, initial-scale=1.0, minimum-scale=1.0, maximum-scale=1.0, user-scalable=no" />
    <meta property="og:title" content="{E(ch)}">
    <meta property="og:image" content="https://cdn4.example.org/file/channel.jpg">
    <meta property="og:site_name" content="Telegram">
    <meta property="og:description" content="{E(text)}">
    <meta property="twitter:description" content="{E(text)}">
    <link href="//telegram.org/css/widget-frame.css" rel="stylesheet" media="screen">
    <script>TBaseUrl='/';</script>
  </head>
  <body class="widget_frame_base tgme_widget body_widget_post emoji_image nodark" data-post="{user}/{mid}">
    <div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="{user}/{mid}" data-view="eyJjIjoxfQ" data-peer="c1873304519_8812" data-post-id="{mid}">
  <div class="tgme_widget_message_user"><a href="https://t.me/{user}"><i class="tgme_widget_message_user_photo bgcolor2" data-content="{E(ch[:1])}"><img src="https://cdn4.example.org/file/channel.jpg"></i></a></div>
  <div class="tgme_widget_message_bubble">
    <i class="tgme_widget_message_bubble_tail"><svg class="bubble_icon" width="9px" height="20px" viewBox="0 0 9 20"><g fill="none" fill-rule="evenodd"><path class="background" fill="#ffffff" d="M8,1 L9,1 L9,20 L8,20 L8,18"></path></g></svg></i>
    <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/{user}"><span dir="auto">{E(ch)}</span></a></div>
    <div class="tgme_widget_message_text js-message_text" dir="auto">{text_html}</div>
    <div class="tgme_widget_message_footer compact js-message_footer">
      <div class="tgme_widget_message_info short js-message_info">
        <span class="tgme_widget_message_views">48.2K</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/{user}/{mid}"><time datetime="{when}" class="time">{when[11:16]}</time></a></span>
      </div>
    </div>
  </div>
  <div class="tgme_widget_message_link_preview"></div>
</div></div>
    <div class="tgme_widget_message_embed_footer"><a class="tgme_action_button_new" href="https://t.me/{user}/{mid}">View in Telegram</a> <a href="https://telegram.org/dl">Download Telegram</a></div>
    <script src="//telegram.org/js/widget-frame.js"></script>
  </body>
</html>'''
    return html, ["48.2K views", "View in Telegram", "Download Telegram"]

def tg_channel(a):
    """The public web preview of a channel: its header and its latest posts."""
    ch, user = a["channel"], a["username"]
    msgs = []
    for mid, when, text in a["posts"]:
        text_html = "<br/>".join(E(l) for l in text.split("\n"))
        msgs.append(f'''<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="{user}/{mid}" data-view="eyJjIjoxfQ">
<div class="tgme_widget_message_user"><a href="https://t.me/{user}"><i class="tgme_widget_message_user_photo bgcolor2"><img src="https://cdn.example.org/c.jpg"></i></a></div>
<div class="tgme_widget_message_bubble"><i class="tgme_widget_message_bubble_tail"></i>
<div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/{user}"><span dir="auto">{E(ch)}</span></a></div>
<div class="tgme_widget_message_text js-message_text" dir="auto">{text_html}</div>
<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">21.{mid[-1]}K</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/{user}/{mid}"><time datetime="{when}" class="time">{when[11:16]}</time></a></span></div></div>
</div></div></div>''')
    html = f'''<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{E(ch)} – Telegram</title>
<meta property="og:title" content="{E(ch)}"><meta property="og:description" content="Оперативные новости Курска и области. Предложить новость: @{user}_bot">
<link href="//telegram.org/css/telegram-web.css" rel="stylesheet"></head>
<body class="widget_frame_base tgme_widget emoji_image">
<header class="tgme_header search_collapsed"><div class="tgme_header_search"><form class="tgme_header_search_form" action="" method="get"><input class="tgme_header_search_form_input js-header_search" placeholder="Search" name="q"></form></div>
<div class="tgme_header_right_column"><a class="tgme_header_link" href="https://telegram.org/dl">Download Telegram</a></div></header>
<main class="tgme_main"><div class="tgme_container"><section class="tgme_right_column"><div class="tgme_channel_info"><div class="tgme_channel_info_header"><i class="tgme_page_photo_image"><img src="https://cdn.example.org/c.jpg"></i><div class="tgme_channel_info_header_title"><span dir="auto">{E(ch)}</span></div><div class="tgme_channel_info_header_username"><a href="https://t.me/{user}">@{user}</a></div></div>
<div class="tgme_channel_info_description">Оперативные новости Курска и области. Предложить новость: @{user}_bot</div>
<div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter"><span class="counter_value">184K</span> <span class="counter_type">subscribers</span></div><div class="tgme_channel_info_counter"><span class="counter_value">2.1K</span> <span class="counter_type">photos</span></div></div></div></section>
<section class="tgme_channel_history js-message_history">
{"".join(msgs)}
</section></div></main></body></html>'''
    return html, ["184K subscribers", "Оперативные новости Курска и области", "Download Telegram"]

LIVE_TEMPLATES = {"live-blocks": live_blocks, "live-list": live_list, "live-articles": live_articles}
FORUM_TEMPLATES = {"phpbb": phpbb, "discourse": discourse}
