"""The engine as a package: its layers, its wheel installed outside this checkout, a site
made by `thads init` built with it, and a site's own templates over the engine's theme."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, THADS, TODAY, make_project, run_build

PACKAGE = ROOT / "thads_portal"


def test_the_domain_imports_no_pelican_module():
    """Every module of the domain layer, imported in a fresh interpreter: no `pelican`."""
    probe = (
        "import pkgutil, importlib, sys, thads_portal.domain as d\n"
        "names = [m.name for m in pkgutil.walk_packages(d.__path__, 'thads_portal.domain.')]\n"
        "[importlib.import_module(n) for n in names]\n"
        "print(len(names), sorted(m for m in sys.modules if m == 'pelican' or m.startswith('pelican.')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    count, pelican_modules = result.stdout.split(" ", 1)
    assert int(count) > 25
    assert pelican_modules.strip() == "[]"


def test_no_module_of_the_engine_edits_sys_path():
    edits = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in PACKAGE.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "sys.path" in line
    ]
    assert edits == []


def test_a_site_template_overrides_a_partial_of_the_theme(tmp_path):
    project = make_project(tmp_path / "project")
    partials = project / "templates" / "partials"
    partials.mkdir(parents=True)
    footer = (PACKAGE / "theme/templates/partials/footer.html").read_text(encoding="utf-8")
    (partials / "footer.html").write_text(
        footer + '<p id="chan-trang-rieng">Chân trang riêng của tỉnh</p>\n', encoding="utf-8"
    )
    build = run_build(project, tmp_path / "out")
    assert build.returncode == 0, build.stderr
    home = build.html("")
    assert home.find(id="chan-trang-rieng").get_text() == "Chân trang riêng của tỉnh"
    # The rest of the theme is the engine's: the same header as without the override.
    assert home.find("header") is not None


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment outside the checkout with the engine's wheel (and the
    locked dependencies) installed; returns its bin folder."""
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            dist,
            ROOT,
        ],
        check=True,
        cwd=base,
    )
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    pip = [venv / "bin/python", "-m", "pip", "install", "--quiet", "--no-deps"]
    subprocess.run([*pip, "--require-hashes", "-r", ROOT / "requirements.lock"], check=True)
    subprocess.run([*pip, *dist.glob("thads_portal-*.whl")], check=True)
    return venv / "bin"


def test_the_wheel_ships_the_theme_data_and_site_template(installed):
    wheel = next((installed.parent.parent / "dist").glob("thads_portal-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "thads_portal/theme/templates/base.html",
        "thads_portal/data/legal_rules.yml",
        "thads_portal/data/provinces.yml",
        "thads_portal/cli/preview-errors.js",
    ):
        assert expected in names
    assert any(name.startswith("thads_portal/site_template/") for name in names)
    assert not any(name.startswith(("sites/", "tests/")) for name in names)


def test_init_check_and_build_a_new_province_with_the_installed_wheel(installed, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(PORTAL_TODAY=TODAY, PATH=f"{installed}:{env['PATH']}")

    def thads(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [installed / "thads", *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900
        )

    made = thads("init", "cao-bang", "cao-bang")
    assert made.returncode == 0, made.stdout + made.stderr
    site = tmp_path / "cao-bang"
    # The engine comes from the wheel, not from this checkout.
    where = subprocess.run(
        [installed / "python", "-c", "import thads_portal; print(thads_portal.__file__)"],
        capture_output=True,
        text=True,
        cwd=site,
        env=env,
    )
    assert not where.stdout.startswith(str(ROOT)), where.stdout
    checked = thads("-C", "cao-bang", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Quy định pháp lý: bộ quy định của thads-portal" in checked.stdout
    # Every blank the province table could not fill is named, with its file and line.
    blanks = [line for line in checked.stdout.splitlines() if "(cảnh báo) còn chỗ cần điền" in line]
    assert len(blanks) > 10 and any(line.startswith("data/site.yml:") for line in blanks)
    built = thads("-C", "cao-bang", "build", "--publish")
    assert built.returncode == 0, built.stdout + built.stderr
    output = site / "output"
    pages = list(output.rglob("*.html"))
    assert len(pages) > 10
    assert "Thi hành án dân sự tỉnh Cao Bằng" in (output / "index.html").read_text(encoding="utf-8")
    found = [
        str(path.relative_to(output))
        for path in output.rglob("*")
        if path.is_file() and re.search("Lạng Sơn".encode(), path.read_bytes())
    ]
    assert found == []


def test_the_thads_command_explains_itself_in_vietnamese():
    result = subprocess.run([*THADS, "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("init", "new", "check", "cadence", "serve", "build", "publish", "rollback", "deploy"):
        assert f"thads {command}" in result.stdout
    unknown = subprocess.run([*THADS, "dung"], capture_output=True, text=True)
    assert unknown.returncode == 2 and "không có lệnh 'dung'" in unknown.stderr
    lost = subprocess.run([*THADS, "check"], capture_output=True, text=True, cwd="/")
    assert lost.returncode == 1 and "Không tìm thấy trang nào" in lost.stderr
