"""English pages (/en/…): English header, menu, footer and search box, an /en/ index listing
every English page, and links between each English page and its Vietnamese version."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import SITE

LABELS = yaml.safe_load((SITE / "data" / "site.yml").read_text(encoding="utf-8"))
EN = LABELS["en"]
# The Vietnamese header, menu and footer an English page must not show.
VIETNAMESE_CHROME = [
    "Trang chủ",
    "Tìm kiếm",
    "Tìm thông báo",
    "Tìm tài sản",
    "Bỏ qua",
    "Giới thiệu",
    "Liên hệ",
    "Tin tức",
    "Thông báo",
    "Địa chỉ",
    "Điện thoại",
    "Thư điện tử",
    "Giờ làm việc",
    "Liên kết",
    "Trang thông tin điện tử",
    "Chịu trách nhiệm",
    "Ghi rõ nguồn",
]
# Letters of Vietnamese (with diacritics) that English text does not use.
VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def english_pages(site) -> list[Path]:
    return sorted((site.output / "en").rglob("index.html"))


def address(site, file: Path) -> str:
    return "/" + file.relative_to(site.output).as_posix().removesuffix("index.html")


def soup_of(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def chrome_text(soup: BeautifulSoup, language_vi: bool = False) -> str:
    """The text of the skip link, header, main menu and footer; without the parts marked
    Vietnamese (proper names such as the address, the language switch) unless asked."""
    parts = [soup.select_one("a.skip-link"), soup.select_one("header"), soup.select_one("nav.site-nav")]
    parts.append(soup.select_one("footer"))
    texts = []
    for part in parts:
        assert part is not None
        part = BeautifulSoup(str(part), "html.parser")
        if not language_vi:
            for marked in part.select("[lang=vi]"):
                marked.decompose()
        texts.append(part.get_text(" ", strip=True))
    return " ".join(texts)


def test_there_are_english_pages(site):
    assert len(english_pages(site)) >= 3  # the index, About us, Contact


def test_english_pages_have_english_chrome(site):
    for file in english_pages(site):
        soup = soup_of(file)
        assert soup.html["lang"] == "en", file
        assert soup.select_one("a.skip-link").get_text(strip=True) == EN["skip_link"], file
        header, nav, footer = (
            soup.select_one("header"),
            soup.select_one("nav.site-nav"),
            soup.select_one("footer"),
        )
        assert header["lang"] == "en" and nav["lang"] == "en" and footer["lang"] == "en", file
        assert LABELS["name_en"] in header.get_text(" ", strip=True), file
        assert LABELS["name_en"] in footer.get_text(" ", strip=True), file
        assert nav["aria-label"] == EN["menu_label"], file
        text = chrome_text(soup)
        for label in VIETNAMESE_CHROME:
            assert label not in text, (file, label)
        assert not VIETNAMESE_LETTERS & set(text.lower()), (
            file,
            sorted(VIETNAMESE_LETTERS & set(text.lower())),
        )
        for label in (EN["address_label"], EN["phone_label"], EN["links_title"], LABELS["working_hours_en"]):
            assert label in footer.get_text(" ", strip=True), (file, label)
        # The address is a proper name: shown as it is, marked Vietnamese.
        assert footer.find(lang="vi", string=LABELS["address"]), file


def test_english_search_box(site):
    for file in english_pages(site):
        form = soup_of(file).select_one("header form[role=search]")
        field = form.select_one("input[name=q]")
        assert field["placeholder"] == EN["search_placeholder"], file
        assert form.select_one(f"label[for='{field['id']}']").get_text(strip=True) == EN["search_label"], file
        assert form.select_one("button").get_text(strip=True) == EN["search_button"], file
        assert (site.output / form["action"].lstrip("/") / "index.html").is_file(), file


def test_english_menu_goes_to_english_pages_and_says_which_are_vietnamese(site):
    english = {address(site, file) for file in english_pages(site)}
    for file in english_pages(site):
        soup = soup_of(file)
        links = soup.select("nav.site-nav a")
        labels = [a.get_text(strip=True) for a in links]
        assert EN["links"][""] in labels and EN["links"]["gioi-thieu/"] in labels, file
        hrefs = {a["href"] for a in links if "language-switch" not in a.get("class", [])}
        assert {"/en/", "/en/about/", "/en/contact/"} <= hrefs, file
        assert "/gioi-thieu/" not in hrefs and "/lien-he/" not in hrefs, file
        for link in links:
            target = site.output / link["href"].lstrip("/") / "index.html"
            assert target.is_file(), (file, link["href"])
            if "language-switch" in link.get("class", []):
                continue
            if link["href"] in english:
                assert not link.get("hreflang") and not link.get_text().endswith(EN["in_vietnamese"]), link
            else:
                assert link["hreflang"] == "vi" and link.get_text().endswith(EN["in_vietnamese"]), link
        current = soup.select("nav.site-nav a[aria-current=page]")
        assert [a["href"] for a in current] == [address(site, file)], file


def test_english_index_lists_every_english_page(site):
    index = site.output / "en" / "index.html"
    assert index.is_file()
    soup = soup_of(index)
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == EN["index_title"]
    listed = {a["href"] for a in soup.select("main a")}
    others = {address(site, file) for file in english_pages(site)} - {"/en/"}
    assert others and others <= listed, others - listed
    assert soup.select_one("main a[href='/'][hreflang=vi]")


def vietnamese_version(soup: BeautifulSoup) -> str | None:
    link = soup.select_one("main .translation a[hreflang=vi]")
    return link["href"] if link else None


@pytest.mark.parametrize("page", ["about", "contact"])
def test_english_page_and_its_vietnamese_version_link_each_other(site, page):
    english = f"/en/{page}/"
    soup = soup_of(site.output / "en" / page / "index.html")
    vietnamese = vietnamese_version(soup)
    assert vietnamese and not vietnamese.startswith("/en/")
    switch = soup.select_one("nav.site-nav a.language-switch")
    assert switch["href"] == vietnamese and switch["hreflang"] == "vi"
    assert switch.get_text(strip=True) == EN["language_switch"]
    other = soup_of(site.output / vietnamese.lstrip("/") / "index.html")
    assert other.html["lang"] == "vi"
    assert other.select_one(f"main .translation a[hreflang=en][href='{english}']")


def test_every_english_page_with_a_vietnamese_version_switches_to_it(site):
    for file in english_pages(site):
        soup = soup_of(file)
        switch = soup.select_one("nav.site-nav a.language-switch")
        assert switch is not None, file
        assert switch["href"] == (vietnamese_version(soup) or "/"), file


def test_vietnamese_pages_keep_vietnamese_chrome(site):
    for path in ("index.html", "gioi-thieu/index.html", "lien-he/index.html"):
        soup = soup_of(site.output / path)
        assert soup.html["lang"] == "vi"
        text = chrome_text(soup, language_vi=True)
        assert "Trang chủ" in text and "Bỏ qua" in text, path
        assert EN["skip_link"] not in text and EN["search_placeholder"] not in str(
            soup.select_one("header")
        ), path
