"""Pelican settings for the QLEE website (development build).

publishconf.py imports this file and changes only what publishing needs.
"""

import logging

SITENAME = "QLEE"
# Feeds need an author for every entry; items without `author:` are QLEE's own.
# Article pages name only real authors (see article.html).
AUTHOR = SITENAME
SITE_LONG_NAME = "Qualifizierungsverbund in der Lausitz für Erneuerbare Energien"
SITE_DESCRIPTION = (
    "QLEE, der Qualifizierungsverbund in der Lausitz für Erneuerbare Energien: "
    "Weiterbildung zu Wasserstoff und erneuerbaren Energien für Unternehmen und "
    "Fachkräfte in der Lausitz."
)
SITEURL = ""
RELATIVE_URLS = False

PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["nachrichten", "kurse"]
# Items are Markdown only, read by the plugin's validating reader (every Markdown extension
# Pelican knows). Pelican's HTML and reStructuredText readers would bypass validation, so
# they are off; such files are reported as errors (plugins/qlee/content/sources.py).
READERS = {"html": None, "htm": None, "rst": None}
# Pages link theme/static/favicon.svg; /favicon.ico is for clients that ask for it by
# convention (drawn by tools/favicon.py). The touch icon, the manifest's icon and the
# default share picture are drawn by tools/brand.py; all of them live at the site root.
SITE_FILES = ["favicon.ico", "apple-touch-icon.png", "icon-512.png", "og-default.png"]
STATIC_PATHS = ["bilder"] + [f"extra/{name}" for name in SITE_FILES]
EXTRA_PATH_METADATA = {f"extra/{name}": {"path": name} for name in SITE_FILES}
# The browser's colour around the site (theme-color, web manifest); --accent in style.css.
THEME_COLOR = "#005a66"
THEME = "theme"
# Hidden files and editors' backups are not content (the same rule as `invoke check`).
IGNORE_FILES = [".*", "*~", "#*#"]
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
DEFAULT_DATE_FORMAT = "%d.%m.%Y"  # templates use the Babel filters instead

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["qlee"]

# The categories editors may use; anything else in `category:` is an error.
# Slug: URL part; description: shown on the category page; events (optional): the
# category's name in the filter of the event calendar.
QLEE_CATEGORIES = {
    "Nachrichten": {
        "slug": "nachrichten",
        "description": "Neuigkeiten aus dem Verbund.",
        "events": "Weitere Veranstaltungen",
    },
    "Kurse": {"slug": "kurse", "description": "Weiterbildungsangebote und Lehrgänge."},
}
# The category whose page is the course catalogue: running and upcoming courses first.
QLEE_CATALOGUE_CATEGORY = "Kurse"
QLEE_ORGANIZER = "QLEE – Qualifizierungsverbund in der Lausitz für Erneuerbare Energien"
# The organizer's e-mail address for ORGANIZER in the iCal feeds; not known yet, so left out.
QLEE_ORGANIZER_EMAIL = None
QLEE_YEAR_RANGE = (1990, 2100)
# Past events stay in the iCal feeds while a feed stays this small (bytes), oldest dropped first.
QLEE_FEED_MAX_BYTES = 400_000

# Public URLs: see docs/content-model.md. Stable once published.
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
TAG_URL = "schlagwort/{slug}/"
TAG_SAVE_AS = "schlagwort/{slug}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DRAFT_URL = "entwuerfe/{slug}/"
DRAFT_SAVE_AS = "entwuerfe/{slug}/index.html"
DRAFT_PAGE_URL = "entwuerfe/seiten/{slug}/"
DRAFT_PAGE_SAVE_AS = "entwuerfe/seiten/{slug}/index.html"
ARCHIVES_URL = "archiv/"
ARCHIVES_SAVE_AS = "archiv/index.html"
CATEGORIES_URL = "themen/"
CATEGORIES_SAVE_AS = "themen/index.html"
TAGS_URL = "schlagwoerter/"
TAGS_SAVE_AS = "schlagwoerter/index.html"
# The paginated list of all articles; the home page shows only the latest.
AKTUELLES_URL = "aktuelles/"
AKTUELLES_SAVE_AS = "aktuelles/index.html"
# The search page; the plugin writes Pagefind's index and interface to pagefind/ after the build.
SUCHE_URL = "suche/"
SUCHE_SAVE_AS = "suche/index.html"
DIRECT_TEMPLATES = ["index", "aktuelles", "archives", "categories", "tags", "suche", "sitemap", "robots", "webmanifest"]
# The home page shows only the latest items, so it is not paginated (no /seite/2/ copies).
PAGINATED_TEMPLATES = {"aktuelles": None, "category": None, "tag": None}
# sitemap.xml and robots.txt are theme templates (theme/templates/sitemap.xml, robots.txt).
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_SAVE_AS = "robots.txt"
WEBMANIFEST_SAVE_AS = "site.webmanifest"
TEMPLATE_EXTENSIONS = [".html", ".xml", ".txt", ".json"]
# Every value a template prints is HTML-escaped unless marked safe (rendered content).
JINJA_ENVIRONMENT = {"autoescape": True}
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/seite/{number}/", "{base_name}/seite/{number}/index.html"),
)
# The 404 page is content/pages/404.md (save_as: 404.html).

# Atom feeds only, for all articles and per category.
FEED_DOMAIN = SITEURL
# Without SITEURL Pelican warns on every build that the feeds "may not be valid". Here that
# is intended: the development build (and preview) links relatively, so it works at any
# address and tests/test_site_links.py can follow the feeds' links. publishconf.py sets
# SITEURL and FEED_DOMAIN, so the published feeds are absolute and the warning cannot apply.
LOG_FILTER = [
    (logging.WARNING, "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid"),
]
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 20

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {
            # German quotes: „…“ and ‚…’. The closing single quote stays ’ (not
            # the German ‘) because smarty uses the same mark for apostrophes,
            # which are far more common: "geht's" must become „geht’s“.
            "substitutions": {
                "left-double-quote": "&bdquo;",
                "right-double-quote": "&ldquo;",
                "left-single-quote": "&sbquo;",
            }
        },
    },
    "output_format": "html5",
}

# Reproducible output: no cache by default, stable ordering.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# In the preview, sample values of `invoke new` are a "Hinweis", so a new file shows at once;
# publishconf.py, `invoke check` and the commit hook refuse them.
QLEE_UNFINISHED_IS_ERROR = False
