"""The example site of this repository (sites/lang-son), as `make serve` and `make publish`
build it: its own tests, apart from the engine's (which build tests/site)."""

from __future__ import annotations

import os
import subprocess

from conftest import EXAMPLE, THADS, TODAY, run_build


def test_the_example_checks_clean():
    result = subprocess.run(
        [*THADS, "-C", str(EXAMPLE), "check"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PORTAL_TODAY": TODAY},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Không có lỗi" in result.stdout and " 0 cảnh báo" in result.stdout, result.stdout


def test_the_example_publishes_its_province(tmp_path):
    build = run_build(EXAMPLE, tmp_path / "site", "publishconf.py")
    assert build.returncode == 0, build.stderr[-3000:]
    home = build.html("")
    assert "Thi hành án dân sự tỉnh Lạng Sơn" in home.get_text(" ")
    notices = list((build.output / "thong-bao").glob("*/index.html"))
    assert len(notices) > 20
    assert (build.output / "thong-bao/lich-dau-gia.ics").is_file()
    assert (build.output / "tim-kiem/index.html").is_file()
