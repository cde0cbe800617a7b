"""thads new and thads cadence, run as editors run them."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import yaml
from conftest import SITE, THADS, TODAY, make_project

from thads_portal.domain.cadence import report, weekly
from thads_portal.domain.news import NewsPost
from thads_portal.domain.notices import Notice


def run_script(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*THADS, *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PORTAL_TODAY": TODAY},
        timeout=120,
    )


def scripted_project(tmp_path: Path) -> Path:
    """A copy of the example site, where editors run `thads` as installed."""
    return make_project(tmp_path / "project")


def test_new_notice_has_every_field_and_an_ascii_slug(tmp_path):
    project = scripted_project(tmp_path)
    result = run_script(project, "new", "notice", "auction", "Đấu giá đất Cao Lộc")
    assert result.returncode == 0, result.stderr
    path = project / "content/notices/2026/dau-gia-dat-cao-loc.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    fields = {f.alias or name for name, f in Notice.model_fields.items()} - {
        "slug",
        "modified",
        "redirect_from",
    }
    selection_only = {"application", "criteria"}
    assert fields - selection_only <= set(front), fields - set(front)
    assert not selection_only & set(front)
    assert front["status"] == "draft" and front["notice_type"] == "auction"
    assert "date: 2026-11-25" in text
    assert all(
        line.count("#") >= 1
        for line in text.split("---\n")[1].splitlines()
        if ":" in line and not line.startswith("title")
    )
    again = run_script(project, "new", "notice", "auction", "Đấu giá đất Cao Lộc")
    assert again.returncode == 1 and "không ghi đè" in again.stderr
    assert path.read_text(encoding="utf-8") == text
    selection = run_script(project, "new", "notice", "valuer_selection", "Chọn tổ chức thẩm định giá xe tải")
    assert selection.returncode == 0, selection.stderr
    path = project / "content/notices/2026/chon-to-chuc-tham-dinh-gia-xe-tai.md"
    selection_front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert selection_only <= set(selection_front) and "vat" not in selection_front
    news = run_script(project, "new", "news", "Hội nghị tổng kết năm 2026")
    assert news.returncode == 0
    news_front = yaml.safe_load(
        (project / "content/news/2026/hoi-nghi-tong-ket-nam-2026.md").read_text().split("---\n")[1]
    )
    assert {f.alias or n for n, f in NewsPost.model_fields.items()} - {
        "slug",
        "modified",
        "redirect_from",
    } <= set(news_front)
    # A fresh file is reported by the check until its fields are filled.
    check = run_script(project, "check")
    assert check.returncode == 1 and "dau-gia-dat-cao-loc.md:7: unit: không được để trống" in check.stdout


def test_cadence_counts_iso_weeks_and_flags_short_ones():
    posts = [dt.datetime(2026, 11, 2, 8), dt.datetime(2026, 11, 3, 8), dt.datetime(2026, 11, 10, 8)]
    posts += [dt.datetime(2026, 11, 11 + i, 8) for i in range(3)]
    weeks = weekly(posts, dt.date(2026, 11, 15), 3)
    assert [(w.number, w.posts, w.verdict) for w in weeks] == [
        (44, 0, "THIẾU 3"),
        (45, 2, "THIẾU 1"),
        (46, 4, "đạt"),
    ]


def test_cadence_script_lists_weeks_and_scheduled_posts():
    result = run_script(SITE, "cadence", "--weeks", "4")
    assert result.returncode == 0, result.stderr
    assert "Tuần 48/2026 (23/11–29/11/2026):" in result.stdout
    assert "09:00 27/11/2026 (tuần 48): Lịch tiếp công dân" in result.stdout


def test_titles_with_backslashes_and_quotes_stay_exact(tmp_path):
    project = scripted_project(tmp_path)
    title = 'Quyết định 12\\QĐ-THADS về "cưỡng chế": thi hành'
    result = run_script(project, "new", "news", title)
    assert result.returncode == 0, result.stderr
    path = next((project / "content/news/2026").glob("quyet-dinh-12*.md"))
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---\n")[1])["title"] == title
    for optional in ("# slug:", "# modified:", "# redirect_from:"):
        assert optional in text
    check = run_script(project, "check")
    assert not [line for line in check.stdout.splitlines() if path.name in line and "YAML" in line]


def test_the_current_week_is_not_short_yet():
    posts = [dt.datetime(2026, 11, 23, 8)]
    wednesday = weekly(posts, dt.date(2026, 11, 25), 2)
    assert [(w.number, w.verdict, w.short) for w in wednesday] == [
        (47, "THIẾU 3", True),
        (48, "đang diễn ra, còn cần 2", False),
    ]
    sunday = weekly(posts, dt.date(2026, 11, 29), 1)
    assert (sunday[0].verdict, sunday[0].short) == ("THIẾU 2", True)
    text = report(posts, [], dt.date(2026, 11, 25), 2)
    assert "Tuần chưa đạt mục tiêu: 1/2 (tuần này chưa hết, chưa tính)." in text


def test_cadence_refuses_zero_or_negative_weeks():
    for weeks in ("0", "-3"):
        result = run_script(SITE, "cadence", "--weeks", weeks)
        assert result.returncode == 2 and "số tuần phải là số nguyên từ 1 trở lên" in result.stderr
