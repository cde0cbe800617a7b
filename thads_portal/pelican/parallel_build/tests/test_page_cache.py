"""Pages copied from the page cache are the pages a build without it writes, after an edit
too; and a page is only rendered again when something it shows changed."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from conftest import TODAY, make_project, run_build

from thads_portal.pelican.parallel_build.page_cache import link_or_copy

MARK = b"<!-- trang lay tu bo dem -->"
LATER = "2026-12-20"
POST = "content/news/2026/ap-dung-chu-ky-so-trong-phat-hanh-van-ban-thi-hanh-an.md"


def _files(output: Path) -> dict[Path, bytes]:
    return {path.relative_to(output): path.read_bytes() for path in output.rglob("*") if path.is_file()}


def _build(project: Path, output: Path, cache: Path | None, today: str = TODAY) -> dict[Path, bytes]:
    extra = ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f'CACHE_PATH="{cache}"'] if cache else []
    build = run_build(project, output, "publishconf.py", today=today, extra=extra)
    assert build.returncode == 0, build.stderr
    return _files(output)


def _entries(cache: Path) -> dict[str, bytes]:
    return {entry.name: entry.read_bytes() for entry in (cache / "pages").glob("*/*.html")}


def _folder_stamps(cache: Path, kind: str) -> dict[str, int]:
    """The files of the one cached folder of `kind`, with their modification times."""
    (folder,) = (cache / "folders").glob(f"{kind}-*")
    return {str(path.relative_to(cache)): path.stat().st_mtime_ns for path in folder.rglob("*.ics")}


def test_cached_pages_are_reused_and_an_edit_renders_only_what_shows_it(tmp_path):
    project, cache = make_project(tmp_path / "project"), tmp_path / "cache"
    first = _build(project, tmp_path / "first", cache)
    entries = _entries(cache)
    pages = [path for path in first if path.suffix == ".html"]
    assert len(entries) > 0.9 * len(pages)

    calendars = _folder_stamps(cache, "calendars")
    assert len(calendars) > 5

    # Unchanged inputs: every cached page is copied, none rendered (the marks come through);
    # the calendars are copied too, not written again.
    for name, page in entries.items():
        next((cache / "pages").glob(f"*/{name}")).write_bytes(page + MARK)
    second = _build(project, tmp_path / "second", cache)
    assert sum(page.endswith(MARK) for page in second.values()) == len(entries)
    assert {path: page.removesuffix(MARK) for path, page in second.items()} == first
    assert _folder_stamps(cache, "calendars") == calendars
    # They are links to the entries, not copies.
    entry_files = {entry.stat().st_ino for entry in (cache / "pages").glob("*/*.html")}
    linked = [path for path in second if (tmp_path / "second" / path).stat().st_ino in entry_files]
    assert len(linked) == len(entries)
    for name, page in entries.items():
        next((cache / "pages").glob(f"*/{name}")).write_bytes(page)

    # A post's title is edited: its pages and the listings that show it are rendered again,
    # and the whole site is what a build without the cache writes.
    post = project / POST
    post.write_text(post.read_text(encoding="utf-8").replace("Áp dụng chữ ký số", "Triển khai chữ ký số"))
    third = _build(project, tmp_path / "third", cache)
    assert third == _build(project, tmp_path / "fresh", None)
    rendered = set(_entries(cache)) - set(entries)
    assert 3 <= len(rendered) < 0.25 * len(entries), len(rendered)
    assert len(_entries(cache)) == len(entries)  # entries no page uses any more are removed
    assert "Triển khai chữ ký số".encode() in third[Path("tin-tuc", Path(POST).stem, "index.html")]

    # Days later statuses have moved on (auctions held, registrations closed), and a post
    # scheduled for then is out: what changed with the day is rendered again.
    later = _build(project, tmp_path / "later", cache, today=LATER)
    assert later == _build(project, tmp_path / "fresh-later", None, today=LATER)
    assert _folder_stamps(cache, "calendars").keys() != calendars.keys()  # statuses changed
    assert later[Path("thong-bao/index.html")] != third[Path("thong-bao/index.html")]

    # A data file changes what every page shows (the site's name in its header).
    site_data = project / "data/site.yml"
    site_data.write_text(site_data.read_text(encoding="utf-8").replace("Lạng Sơn", "Lang Son (thử)", 1))
    fourth = _build(project, tmp_path / "fourth", cache)
    assert fourth == _build(project, tmp_path / "fresh-data", None)
    assert not set(_entries(cache)) & set(entries)


def test_where_no_link_can_be_made_the_cached_file_is_copied(tmp_path, monkeypatch):
    entry, target = tmp_path / "entry.html", tmp_path / "site" / "index.html"
    entry.write_text("<p>trang</p>", encoding="utf-8")
    target.parent.mkdir()
    link_or_copy(entry, target)
    assert target.stat().st_ino == entry.stat().st_ino
    link_or_copy(entry, target)  # a file already there is replaced

    def other_file_system(source, destination):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", other_file_system)
    copied = tmp_path / "site" / "copy.html"
    link_or_copy(entry, copied)
    assert copied.read_text(encoding="utf-8") == "<p>trang</p>"
    assert copied.stat().st_ino != entry.stat().st_ino


def test_a_file_of_the_tree_s_own_is_written_over_and_keeps_its_inode(tmp_path):
    """In the replaced site a build writes over, a page the tree alone holds is overwritten
    (freeing its inode would slow the next build's new files); a linked one is replaced."""
    entry, target = tmp_path / "entry.html", tmp_path / "site" / "index.html"
    entry.write_text("<p>trang mới</p>", encoding="utf-8")
    target.parent.mkdir()
    target.write_text("<p>trang cũ, dài hơn trang mới</p>", encoding="utf-8")
    inode = target.stat().st_ino
    link_or_copy(entry, target)
    assert target.read_text(encoding="utf-8") == "<p>trang mới</p>"
    assert target.stat().st_ino == inode
    assert entry.read_text(encoding="utf-8") == "<p>trang mới</p>"
    linked = tmp_path / "site" / "linked.html"
    os.link(entry, linked)  # shared with the entry: replaced by a link, never written through
    other = tmp_path / "other.html"
    other.write_text("<p>khác</p>", encoding="utf-8")
    link_or_copy(other, linked)
    assert linked.stat().st_ino == other.stat().st_ino
    assert entry.read_text(encoding="utf-8") == "<p>trang mới</p>"
