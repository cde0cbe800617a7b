"""Atom and RSS feeds parse cleanly and carry absolute links, ids, authors and dates."""

from __future__ import annotations

import feedparser
import pytest

BASE = "https://thads-langson.example.gov.vn/"
FEEDS = [
    "feeds/tin-tuc.atom.xml",
    "feeds/tin-tuc.rss.xml",
    "feeds/chuyen-muc/tin-hoat-dong.atom.xml",
    "feeds/chuyen-muc/tuyen-truyen-phap-luat.rss.xml",
    "feeds/thong-bao.atom.xml",
    "feeds/thong-bao.rss.xml",
    "feeds/thong-bao/loai/dau-gia-tai-san.atom.xml",
    "feeds/thong-bao/don-vi/khu-vuc-1.atom.xml",
]


@pytest.mark.parametrize("path", FEEDS)
def test_feed_parses_with_absolute_links(site, path):
    parsed = feedparser.parse((site.output / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.entries
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [BASE + path]
    for entry in parsed.entries:
        assert entry.link.startswith(BASE)
        assert entry.id.startswith(BASE)
        assert entry.get("published_parsed") or entry.get("updated_parsed")
        if path.endswith(".atom.xml"):
            assert entry.author
        assert (site.output / entry.link.removeprefix(BASE) / "index.html").is_file()


def test_feed_bodies_have_no_root_relative_links(site):
    text = (site.output / "feeds/tin-tuc.atom.xml").read_text(encoding="utf-8")
    assert 'src="/' not in text and "src=&quot;/" not in text
    assert 'href="/' not in text.split("<entry>", 1)[1]


def test_preview_feeds_are_absolute_too(preview_site):
    parsed = feedparser.parse((preview_site.output / "feeds/tin-tuc.atom.xml").read_bytes())
    assert not parsed.bozo
    assert all(entry.id.startswith("http://127.0.0.1:8000/") for entry in parsed.entries)


def test_notice_feed_entries_carry_key_facts(site):
    parsed = feedparser.parse((site.output / "feeds/thong-bao/loai/dau-gia-tai-san.atom.xml").read_bytes())
    summaries = " ".join(entry.summary for entry in parsed.entries)
    assert "Giá khởi điểm:" in summaries and "Hạn đăng ký:" in summaries
    assert "Thời gian đấu giá:" in summaries


def test_rss_channel_link_is_the_web_page(site):
    from xml.etree import ElementTree

    for path, page in (("feeds/thong-bao.rss.xml", "thong-bao/"), ("feeds/tin-tuc.rss.xml", "tin-tuc/")):
        channel = ElementTree.parse(site.output / path).getroot().find("channel")
        assert channel.findtext("link") == BASE + page, path


def _alternates(site, path):
    soup = site.html(path)
    return {
        (link["type"], link.get("title", ""), link["href"]) for link in soup.find_all("link", rel="alternate")
    }


@pytest.mark.parametrize("path", ["thong-bao/tai-san/quyen-su-dung-dat/", "thong-bao/sap-dau-gia/"])
def test_listings_without_own_feeds_offer_the_notices_feed_under_its_name(site, path):
    alternates = _alternates(site, path)
    own_title = site.html(path).h1.get_text()
    assert (
        "application/atom+xml",
        "Thông báo – THADS Lạng Sơn (Atom)",
        "/feeds/thong-bao.atom.xml",
    ) in alternates
    assert (
        "application/rss+xml",
        "Thông báo – THADS Lạng Sơn (RSS)",
        "/feeds/thong-bao.rss.xml",
    ) in alternates
    assert not any(title.startswith(own_title) for _, title, _ in alternates)


def test_type_and_unit_listings_keep_their_own_feeds(site):
    alternates = _alternates(site, "thong-bao/don-vi/khu-vuc-1/")
    assert any(href == "/feeds/thong-bao/don-vi/khu-vuc-1.atom.xml" for _, _, href in alternates)


def test_home_page_advertises_notices_feed_and_calendar(site):
    alternates = _alternates(site, "")
    hrefs = {href for _, _, href in alternates}
    assert {"/feeds/thong-bao.atom.xml", "/feeds/thong-bao.rss.xml", "/thong-bao/lich-dau-gia.ics"} <= hrefs
    assert ("text/calendar", "Lịch đấu giá – THADS Lạng Sơn", "/thong-bao/lich-dau-gia.ics") in alternates
