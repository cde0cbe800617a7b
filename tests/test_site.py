"""The published sample site: pages, navigation, markup, theme rules."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")


def internal_links(soup: BeautifulSoup, page_url: str) -> set[str]:
    links = set()
    for anchor in soup.find_all("a", href=True):
        target = urlsplit(urljoin(page_url, anchor["href"]))
        if target.scheme in ("http", "https") and target.netloc != "site":
            continue
        if target.scheme in ("mailto", "tel"):
            continue
        links.add(target.path)
    return links


def test_build_is_clean(site):
    assert "cảnh báo" not in site.stderr
    assert "WARNING" not in site.stdout + site.stderr


def test_every_page_is_reachable_from_home(site):
    seen, queue = set(), ["/"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        file = site.output / path.lstrip("/")
        if path.endswith("/"):
            file = file / "index.html"
        assert file.is_file(), f"broken link to {path}"
        if file.suffix == ".html":
            soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
            queue.extend(internal_links(soup, f"http://site{path}") - seen)
    pages = {"/" + p.relative_to(site.output).as_posix().removesuffix("index.html") for p in site.pages()}
    unreachable = pages - seen - {"/404.html"}
    assert not unreachable, sorted(unreachable)[:10]


def test_pages_have_landmarks_and_one_h1(site):
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html.get("lang") in ("vi", "en"), page
        assert len(soup.find_all("h1")) == 1, page
        assert soup.find("main", id="noi-dung"), page
        assert soup.select_one("a.skip-link[href='#noi-dung']"), page
        assert soup.find("nav") and soup.find("header") and soup.find("footer"), page
        assert soup.title.string.strip(), page
        assert soup.find("meta", attrs={"name": "description"})["content"].strip(), page
        for image in soup.find_all("img"):
            assert image.get("alt", "").strip(), (page, image)


def test_no_inline_script_and_no_third_party_requests(site):
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") and not script.string, page
            assert script.has_attr("defer") or script.get("type") == "module", page
        assert not soup.find_all(style=True), page
        assert not soup.find("style"), page
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and set(element.get("rel", [])) & {"canonical", "alternate"}:
                    continue
                assert not value.startswith(("http:", "https:", "//")), (page, value)


def test_dates_are_day_month_year(site):
    soup = site.html("tin-tuc/")
    dates = [time.get_text() for time in soup.find_all("time")]
    assert dates and all(DATE.match(text) for text in dates), dates


def test_header_and_footer_come_from_data(site):
    soup = site.html("")
    assert "Thi hành án dân sự tỉnh Lạng Sơn" in soup.find("header").get_text()
    footer = soup.find("footer").get_text(" ", strip=True)
    for fact in ("Số 2 đường Hùng Vương", "0205 3812 345", "thads.langson@moj.gov.vn"):
        assert fact in footer


def test_news_listing_paginates_and_archives_exist(site):
    soup = site.html("tin-tuc/")
    assert soup.select("nav.pagination a[href='/tin-tuc/trang-2/']")
    assert site.html("tin-tuc/trang-2/").select("article.card")
    assert site.html("tin-tuc/2026/").select("article.card")
    assert site.html("tin-tuc/2026/11/").select("article.card")
    assert site.html("tin-tuc/luu-tru/").select("a[href^='/tin-tuc/2026/']")


def test_post_has_category_tags_neighbours_related(site):
    soup = site.html("tin-tuc/")
    first = soup.select_one("article.card h2 a")["href"]
    post = site.html(first.lstrip("/"))
    assert post.select_one(".breadcrumbs [aria-current='page']")
    assert post.select_one(".meta a[href^='/chuyen-muc/']")
    assert post.select("nav.post-neighbours a[rel='prev']")
    assert post.select(".related li a")


def test_categories_cover_the_data(site):
    for slug in ("tin-hoat-dong", "chi-dao-dieu-hanh", "tuyen-truyen-phap-luat", "cai-cach-hanh-chinh"):
        assert site.html(f"chuyen-muc/{slug}/").select("article.card"), slug


def test_canonical_and_opengraph_are_absolute(site):
    soup = site.html("tin-tuc/")
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == "https://thads-langson.example.gov.vn/tin-tuc/"
    assert soup.find("meta", property="og:url")["content"] == canonical
    assert soup.find("meta", property="og:image")["content"].startswith("https://")


def test_sitemap_robots_and_404(site):
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://thads-langson.example.gov.vn/tin-tuc/</loc>" in sitemap
    assert "404.html" not in sitemap and "ban-nhap" not in sitemap
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://thads-langson.example.gov.vn/sitemap.xml" in robots
    not_found = site.html("404.html")
    assert not_found.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "Không tìm thấy trang" in not_found.h1.get_text()


def test_assets_are_fingerprinted(site):
    soup = site.html("")
    stylesheet = soup.find("link", rel="stylesheet")["href"]
    assert re.match(r"^/theme/css/site\.[0-9a-f]{10}\.css$", stylesheet)
    assert (site.output / stylesheet.lstrip("/")).is_file()
