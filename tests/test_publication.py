"""Scheduled posts and drafts: held back from published builds, shown in previews."""

from __future__ import annotations

import yaml
from conftest import SITE, run_build


def _posts() -> dict[str, dict]:
    posts = {}
    for path in (SITE / "content/news").rglob("*.md"):
        front = path.read_text(encoding="utf-8").split("---")[1]
        posts[path.stem] = yaml.safe_load(front)
    return posts


def _scheduled_and_drafts():
    posts = _posts()
    scheduled = [slug for slug, meta in posts.items() if str(meta["date"]) > "2026-11-26"]
    drafts = [slug for slug, meta in posts.items() if meta.get("status") == "draft"]
    assert scheduled and drafts, "the sample must hold a scheduled post and a draft"
    return scheduled, drafts


def test_publish_build_has_no_drafts_or_scheduled_posts(site):
    scheduled, drafts = _scheduled_and_drafts()
    everything = "".join(
        p.read_text(encoding="utf-8") for p in site.output.rglob("*") if p.suffix in (".html", ".xml")
    )
    for slug in scheduled + drafts:
        assert not (site.output / "tin-tuc" / slug).exists()
        assert slug not in everything
    assert not (site.output / "ban-nhap").exists()


def test_preview_shows_drafts_and_scheduled_with_banner(preview_site):
    scheduled, drafts = _scheduled_and_drafts()
    for slug, label in [(s, "HẸN GIỜ") for s in scheduled] + [(d, "BẢN NHÁP") for d in drafts]:
        soup = preview_site.html(f"ban-nhap/{slug}/")
        assert label in soup.select_one(".preview-banner").get_text()
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert not (preview_site.output / "tin-tuc" / slug).exists()


def test_scheduled_post_appears_once_its_day_comes(project, tmp_path):
    from conftest import run_build

    scheduled, _ = _scheduled_and_drafts()
    first = sorted(scheduled)[0]
    date = str(_posts()[first]["date"])[:10]
    build = run_build(project, tmp_path / "out", "publishconf.py", today=date)
    assert build.returncode == 0, build.stderr
    assert (build.output / "tin-tuc" / first / "index.html").is_file()


# Each call of the clock leaves a line in CLOCK_LOG (from any process of the build: the
# reading processes are forked), then the build runs as `pelican` does.
_COUNTED_BUILD = """
import os, sys
from thads_portal.domain import clock
real = clock.now
def counted():
    with open(os.environ["CLOCK_LOG"], "a") as log:
        log.write(f"{os.getpid()}\\n")
    return real()
clock.now = counted
from pelican import main
sys.argv = ["pelican", *sys.argv[1:]]
main()
"""


def test_the_clock_is_read_once_per_build(project, tmp_path):
    """Statuses, publication, the checks and the search filters all see one moment: the clock
    is read once, by the build itself, whatever the number of documents or processes."""
    log = tmp_path / "clock.log"
    build = run_build(
        project,
        tmp_path / "out",
        "publishconf.py",
        today=None,  # the real clock, as a scheduled rebuild reads it
        environment={"CLOCK_LOG": str(log)},
        launcher=("-c", _COUNTED_BUILD),
    )
    assert build.returncode == 0, build.stderr[-3000:]
    assert (tmp_path / "out/index.html").is_file()
    assert len(log.read_text().splitlines()) == 1
