"""The engine's default Pelican settings, the same for every site. A site's pelicanconf.py
takes them through `settings.site_settings` and may change any of them after that call."""

import html

from markupsafe import Markup

from thads_portal.domain import formatting, markup, notices, urls

# Feeds, sitemap and canonical links need absolute addresses; page links stay root-relative
# so the same output works on any host. publishconf.py uses the address in data/site.yml.
PORTAL_URL = "http://127.0.0.1:8000"
SITEURL = ""
SITENAME = "Trang thông tin điện tử"  # replaced by data/site.yml at build time
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
# Preview builds show drafts and scheduled posts (with a banner) under /ban-nhap/.
PORTAL_PREVIEW = True


ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages", "images", "files"]
PAGE_PATHS = ["pages"]
# Images are published by the images plugin (resized, WebP, EXIF removed), not copied.
STATIC_PATHS = ["files"]
PORTAL_IMAGE_WIDTHS = [160, 320, 640, 960, 1280]
PORTAL_IMAGE_MAX_BYTES = 15_000_000
PORTAL_IMAGE_MAX_PIXELS = 40_000_000
PORTAL_ATTACHMENT_MAX_BYTES = 20_000_000
SLUGIFY_SOURCE = "basename"
# News is not translated; two posts with one slug are a duplicate the build reports.
ARTICLE_TRANSLATION_ID = None

ARTICLE_URL = "tin-tuc/{slug}/"
ARTICLE_SAVE_AS = "tin-tuc/{slug}/index.html"
DRAFT_URL = "ban-nhap/{slug}/"
DRAFT_SAVE_AS = "ban-nhap/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
PAGE_TRANSLATION_ID = "translation_key"
DRAFT_PAGE_URL = "ban-nhap/trang/{slug}/"
DRAFT_PAGE_SAVE_AS = "ban-nhap/trang/{slug}/index.html"
LEGAL_DOCUMENTS_URL = "van-ban/"
PROCEDURES_URL = "thu-tuc-hanh-chinh/"
DEBTORS_URL = "nguoi-phai-thi-hanh-an-chua-co-dieu-kien/"
STATISTICS_URL = "thong-ke/"
# Debtor lists are published as the law asks, not for search engines.
DEBTORS_NOINDEX = True
NOTICE_URL = "thong-bao/{slug}/"
NOTICE_SAVE_AS = "thong-bao/{slug}/index.html"
NOTICES_URL = "thong-bao/"
NOTICE_TYPE_URL = "thong-bao/loai/{slug}/"
NOTICE_UNIT_URL = "thong-bao/don-vi/{slug}/"
NOTICE_ASSET_URL = "thong-bao/tai-san/{slug}/"
NOTICE_UPCOMING_URL = "thong-bao/sap-dau-gia/"
# The upcoming auctions of one asset category (the upcoming page's asset links).
NOTICE_UPCOMING_ASSET_URL = "thong-bao/sap-dau-gia/{slug}/"
NOTICE_CALENDAR = "thong-bao/lich-dau-gia.ics"
NOTICE_TYPE_SLUGS = {
    "auction": "dau-gia-tai-san",
    "auctioneer_selection": "lua-chon-to-chuc-dau-gia",
    "valuer_selection": "lua-chon-to-chuc-tham-dinh-gia",
}
NOTICE_ASSET_SLUGS = {
    "land": "quyen-su-dung-dat",
    "house": "nha-o-cong-trinh",
    "vehicle": "phuong-tien",
    "machinery": "may-moc-thiet-bi",
    "goods": "hang-hoa",
    "other": "tai-san-khac",
}
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_URL = "chuyen-muc/"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_URL = "tin-tuc/luu-tru/"
ARCHIVES_SAVE_AS = "tin-tuc/luu-tru/index.html"
YEAR_ARCHIVE_URL = "tin-tuc/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "tin-tuc/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "tin-tuc/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "tin-tuc/{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = ""

# "index" is the portal's home page; "news" the paginated news list.
DIRECT_TEMPLATES = ["index", "news", "archives", "categories", "tags", "notfound"]
NEWS_URL = "tin-tuc/"
NEWS_SAVE_AS = "tin-tuc/index.html"
NOTFOUND_SAVE_AS = "404.html"
NOTFOUND_URL = "404.html"
PAGINATED_TEMPLATES = {
    "news": None,
    "category": None,
    "tag": None,
    "period_archives": None,
    "notices": 20,
}
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang-{number}/", "{base_name}/trang-{number}/index.html"),
)
RELATED_POSTS = 4

# Our feeds plugin writes every feed (absolute ids and links, via feedgen).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 30

# Markdown extensions and the sanitizer's allow-list: thads_portal/domain/markup.py.
MARKDOWN = markup.MARKDOWN

JINJA_FILTERS = {
    "vn_date": formatting.format_date,
    "percent": formatting.format_percent,
    "billions": formatting.format_billions,
    "vn_datetime": formatting.format_datetime,
    "money": formatting.format_money,
    "money_words": formatting.money_in_words,
    "number": formatting.format_number,
    "page_path": urls.page_path,
    "menu_item": urls.menu_item,
}
JINJA_GLOBALS = {
    "feed": urls.feed,
    "NOTICE_TYPES": notices.NOTICE_TYPES,
    "NOTICE_TYPE_SHORT": notices.NOTICE_TYPE_SHORT,
    "ASSET_KINDS": notices.ASSET_KINDS,
    "ASSET_CATEGORIES": notices.ASSET_CATEGORIES,
    "VAT": notices.VAT,
    "AUCTION_FORMS": notices.AUCTION_FORMS,
    "AUCTION_METHODS": notices.AUCTION_METHODS,
    "STATUSES": notices.STATUSES,
    "STATUS_STEPS": notices.STATUS_STEPS,
    # In a single-quoted attribute: its double quotes need no escaping (a third of the size).
    "STATUS_RULE_ATTRIBUTE": Markup(
        html.escape(notices.status_rule_json(), quote=False).replace("'", "&#39;")
    ),
}

# Menus: labels are Vietnamese, addresses are below the site root.
# Generated pages content may link to (for the link check): exact addresses and prefixes.
PORTAL_LISTING_PATHS = ["", "tin-tuc/", "thong-bao/", "tim-kiem/", "du-lieu/", "chuyen-muc/", "the/"]
PORTAL_LISTING_PREFIXES = [
    "van-ban/",
    "thu-tuc-hanh-chinh/",
    "nguoi-phai-thi-hanh-an-chua-co-dieu-kien/",
    "thong-ke/",
    "tin-tuc/trang-",
    "tin-tuc/luu-tru/",
    "tin-tuc/20",
    "chuyen-muc/",
    "the/",
    "thong-bao/trang-",
    "thong-bao/loai/",
    "thong-bao/don-vi/",
    "thong-bao/tai-san/",
    "thong-bao/sap-dau-gia/",
    "feeds/",
    "du-lieu/",
]

MENU = [
    {"label": "Trang chủ", "url": ""},
    {"label": "Giới thiệu", "url": "gioi-thieu/"},
    {"label": "Tin tức", "url": "tin-tuc/"},
    {"label": "Thông báo", "url": "thong-bao/"},
    {"label": "Văn bản", "url": "van-ban/"},
    {"label": "Thủ tục hành chính", "url": "thu-tuc-hanh-chinh/"},
    {"label": "Chưa có điều kiện thi hành", "url": "nguoi-phai-thi-hanh-an-chua-co-dieu-kien/"},
    {"label": "Thống kê", "url": "thong-ke/"},
    {"label": "Liên hệ", "url": "lien-he/"},
    {"label": "Tìm kiếm", "url": "tim-kiem/"},
]
QUICK_LINKS = [
    {"label": "Thông báo bán đấu giá tài sản", "url": "thong-bao/loai/dau-gia-tai-san/"},
    {"label": "Lịch đấu giá sắp tới", "url": "thong-bao/sap-dau-gia/"},
    {"label": "Lựa chọn tổ chức đấu giá, thẩm định giá", "url": "thong-bao/"},
    {"label": "Văn bản pháp luật, chỉ đạo điều hành", "url": "van-ban/"},
    {"label": "Thủ tục hành chính", "url": "thu-tuc-hanh-chinh/"},
    {
        "label": "Người phải thi hành án chưa có điều kiện thi hành",
        "url": "nguoi-phai-thi-hanh-an-chua-co-dieu-kien/",
    },
    {"label": "Thống kê kết quả thi hành án", "url": "thong-ke/"},
    {"label": "Giới thiệu, cơ cấu tổ chức", "url": "gioi-thieu/"},
    {"label": "Liên hệ, lịch tiếp công dân", "url": "lien-he/"},
    {"label": "Dữ liệu mở về thông báo", "url": "du-lieu/"},
    {"label": "About us (English)", "url": "en/about/", "lang": "en"},
]
FOOTER_LINKS = [
    {"label": "Tin tức", "url": "tin-tuc/"},
    {"label": "Thông báo", "url": "thong-bao/"},
    {"label": "Văn bản", "url": "van-ban/"},
    {"label": "Liên hệ", "url": "lien-he/"},
    {"label": "Contact (English)", "url": "en/contact/", "lang": "en"},
    {"label": "Tin tức (RSS)", "url": "feeds/tin-tuc.rss.xml"},
    {"label": "Sơ đồ trang (XML)", "url": "sitemap.xml"},
]
# Autoescape: every value from content is text; rendered Markdown is marked safe explicitly.
# auto_reload off: Pelican makes a new environment for every build, so the check it saves
# (a stat of each template on every include) never finds anything.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "autoescape": True,
    "auto_reload": False,
}

# Content and page caches are off here; `make build` turns them on. The content cache is
# not gzipped: at 10,000 documents compressing it costs seconds on every build.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
GZIP_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
TYPOGRIFY = False
READERS = {"rst": None, "html": None, "htm": None}
