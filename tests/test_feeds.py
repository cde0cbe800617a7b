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
