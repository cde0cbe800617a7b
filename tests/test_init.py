"""`thads init <province>`: a new site for each of the 34 provincial agencies, with no text of
the example site, placeholders for what is not verified, and YAML no value can break."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import THADS, TODAY, run_build

from thads_portal.cli import init
from thads_portal.domain import data
from thads_portal.domain.placeholders import find_placeholders
from thads_portal.domain.problems import WARNING

VERSION, PROVINCES = init.load_provinces()
CODES = [p.code for p in PROVINCES]
# The example's province, in every spelling a copied text would carry it.
EXAMPLE = [
    "Lạng Sơn",
    unicodedata.normalize("NFD", "Lạng Sơn"),
    "Lang Son",
    "lang-son",
    "langson",
    "LẠNG SƠN",
]
MARKER = re.compile(r"\[CẦN ĐIỀN")


def example_traces(folder: Path) -> list[str]:
    """Files under `folder` (text or binary) that name the example's province."""
    needles = [n.encode("utf-8") for n in EXAMPLE]
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            found += [f"{path.relative_to(folder)}: {n.decode()}" for n in needles if n in content]
    return found


def make_site(tmp_path: Path, code: str, *args: str) -> Path:
    target = tmp_path / code
    assert init.main([code, str(target), *args]) == 0
    return target


@pytest.fixture(autouse=True)
def reference_day(monkeypatch):
    monkeypatch.setenv("PORTAL_TODAY", TODAY)


# --- The province table ------------------------------------------------------------------
def test_table_has_the_34_units_of_2025():
    assert len(PROVINCES) == 34 and len(set(CODES)) == 34
    cities = {p.name for p in PROVINCES if p.kind == "thành phố"}
    assert cities == {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}
    unchanged = {p.name for p in PROVINCES if not p.merged_from}
    assert unchanged == {
        "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn",
        "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng",
    }  # fmt: skip
    former = [name for p in PROVINCES for name in p.merged_from]
    assert len(former) == len(set(former)) == 52  # 63 provinces before, 11 of them unchanged
    for province in PROVINCES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", province.code)
        assert province.name == unicodedata.normalize("NFC", province.name)
        assert province.agency.casefold() == f"thi hành án dân sự {province.kind} {province.name}".casefold()
        assert not province.merged_from or province.merged_from[0].endswith(province.name)
        # Every fact stated has its source; what is not verified is null.
        for field in ("name", "kind", "agency", "merged_from"):
            assert province.sources.get(field), (province.code, field)
        for field in ("centre_in", "agency_address", "regional_offices", "seat"):
            assert getattr(province, field) is None or province.sources.get(field), (province.code, field)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("cao-bang", "cao-bang"), ("Cao Bằng", "cao-bang"), ("CAO BANG", "cao-bang"), ("tỉnh Cao Bằng", "cao-bang"),
     ("TP. Hồ Chí Minh", "ho-chi-minh"), ("hcm", "ho-chi-minh"), ("thanh pho hue", "hue"), ("Đắk Lắk", "dak-lak"),
     ("dak lak", "dak-lak"), ("Thi hành án dân sự thành phố Đà Nẵng", "da-nang")],
)  # fmt: skip
def test_province_by_code_or_name(typed, code):
    assert init.find_province(typed, PROVINCES).code == code


# --- Every province ----------------------------------------------------------------------
@pytest.mark.parametrize("code", CODES)
def test_init_every_province(tmp_path, code):
    site = make_site(tmp_path, code)
    province = init.find_province(code, PROVINCES)
    portal, problems = data.load(site / "data")
    assert portal is not None, [p.format() for p in problems]
    assert portal.site.name == province.agency
    assert portal.units[province.agency_id].name == province.agency
    regional = [u for u in portal.units.values() if u.kind == "regional"]
    assert len(regional) == (province.regional_offices or 1)
    assert (site / "requirements.txt").read_text(encoding="utf-8").count(
        f"thads-portal=={init.__version__}"
    ) == 1
    assert f"server_name thads-{code}.example.gov.vn;" in (site / "deploy" / "nginx.conf").read_text(
        encoding="utf-8"
    )
    assert (site / "content" / "images" / "site" / "quoc-huy.png").is_file()
    assert (site / ".gitignore").is_file() and (site / ".github" / "workflows" / "kiem-tra.yml").is_file()
    if code != "lang-son":
        assert example_traces(site) == []
    assert find_placeholders(site)


# --- One site, built ---------------------------------------------------------------------
def test_new_site_checks_builds_and_names_no_other_province(tmp_path):
    site = make_site(tmp_path, "cao-bang")
    env = {**os.environ, "PORTAL_TODAY": TODAY}
    check = subprocess.run([*THADS, "check"], cwd=site, env=env, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_build(site, tmp_path / "output")
    assert build.returncode == 0, build.stderr
    home = (build.output / "index.html").read_text(encoding="utf-8")
    assert "Thi hành án dân sự tỉnh Cao Bằng" in home
    assert (build.output / "gioi-thieu" / "index.html").is_file()
    assert (build.output / "en" / "contact" / "index.html").is_file()
    news = build.html("tin-tuc/")
    assert "Bài viết mẫu" in news.get_text()
    assert example_traces(build.output) == []


# One reporting year for a city's site: the agency's figures are the whole city's.
CITY_STATISTICS = """\
year: 2025
targets: {cases: 83.0, money: 41.1}
periods:
  - months: 12
    sample: true
    province: &figures
      cases_total: 100
      cases_enforceable: 80
      cases_completed: 70
      money_total: 5000000000
      money_enforceable: 4000000000
      money_completed: 2000000000
    units:
      - unit: thads-ha-noi
        <<: *figures
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`thads init` sites, built once: "cao-bang" as made, "ha-noi" with a statistics year."""
    sites = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PORTAL_TODAY", TODAY)
        for code in ("cao-bang", "ha-noi"):
            folder = tmp_path_factory.mktemp(code)
            site = make_site(folder, code)
            if code == "ha-noi":
                (site / "data" / "statistics" / "2025.yml").write_text(CITY_STATISTICS, encoding="utf-8")
            build = run_build(site, folder / "output")
            assert build.returncode == 0, build.stderr
            sites[code] = build
    return sites


def page_text(build, path: str) -> str:
    return " ".join(build.html(path).get_text(" ").split())


def test_a_city_is_named_a_city(built):
    debtors = "nguoi-phai-thi-hanh-an-chua-co-dieu-kien/"
    province, city = built["cao-bang"], built["ha-noi"]
    assert "Toàn tỉnh" in page_text(province, f"{debtors}toan-tinh/")
    assert "tỉnh Cao Bằng" in province.html(debtors).find("meta", attrs={"name": "description"})["content"]
    whole = page_text(city, f"{debtors}toan-tinh/")
    assert "Toàn thành phố" in whole and "Toàn tỉnh" not in whole
    described = city.html(debtors).find("meta", attrs={"name": "description"})["content"]
    assert "thi hành án dân sự thành phố Hà Nội" in described
    statistics = page_text(city, "thong-ke/")
    assert "Kết quả của toàn thành phố theo năm" in statistics
    assert "toàn thành phố qua các năm" in statistics
    assert "Toàn thành phố" in page_text(city, "thong-ke/2025/")
    described = city.html("thong-ke/2025/").find("meta", attrs={"name": "description"})["content"]
    assert "từng đơn vị và toàn thành phố" in described
    csv = (city.output / "thong-ke" / "2025" / "thong-ke-2025.csv").read_text(encoding="utf-8-sig")
    assert ",Toàn thành phố," in csv
    for page in city.pages():
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"tỉnh Hà Nội|toàn tỉnh", text, re.IGNORECASE), page


def test_statistics_page_without_figures(built):
    site = built["cao-bang"]
    page = site.html("thong-ke/")
    text = " ".join(page.get_text(" ").split())
    assert "Chưa có số liệu thống kê" in text
    assert not page.find("table") and not page.find("svg") and not re.search(r"\d+,\d+ ?%", text)
    assert not (site.output / "thong-ke" / "2025").exists()
    menu = [a["href"] for a in site.html("").select("nav a[href]")]
    assert "/thong-ke/" in menu


def internal_references(build) -> list[tuple[str, str]]:
    """Every (page, address) of an href or src that points into the site itself."""
    found = []
    for page in build.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            references = [tag[a] for a in ("href", "src") if tag.get(a)]
            if tag.get("srcset"):
                references += [part.strip().split(" ")[0] for part in tag["srcset"].split(",")]
            for reference in references:
                parts = urlsplit(reference)
                if not (parts.scheme or parts.netloc or reference.startswith("#")):
                    found.append((page.relative_to(build.output).as_posix(), reference))
    return found


def test_every_internal_link_of_a_new_site_resolves(built):
    site = built["cao-bang"]
    references = internal_references(site)
    assert ("index.html", "/thong-ke/") in references
    broken = []
    for page, reference in references:
        path = unquote(urlsplit(reference).path)
        target = site.output / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        if not path.startswith("/") or not target.is_file():
            broken.append((page, reference))
    assert broken == []


def test_no_phone_or_mail_link_to_a_placeholder(built):
    site = built["cao-bang"]
    checked = 0
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select('a[href^="tel:"], a[href^="mailto:"]'):
            assert "CẦN ĐIỀN" not in unquote(link["href"]) + link.get_text(), page
        checked += 1
    assert checked
    footer = " ".join(site.html("").find("footer").get_text(" ").split())
    assert "Điện thoại: [CẦN ĐIỀN: số điện thoại]" in footer
    assert "Thư điện tử: [CẦN ĐIỀN: thư điện tử]" in footer
    contact = site.html("lien-he/")
    assert "[CẦN ĐIỀN: số điện thoại]" in contact.find("main").get_text()


def test_every_placeholder_left_is_reported(tmp_path):
    site = make_site(tmp_path, "cao-bang")
    problems = find_placeholders(site)
    expected = set()
    for folder in ("data", "content"):
        for path in (site / folder).rglob("*"):
            if path.is_file() and path.suffix in (".yml", ".md", ".csv"):
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if MARKER.search(line):
                        expected.add((path.relative_to(site).as_posix(), number))
    assert {(p.path, p.line) for p in problems} == expected
    assert len(problems) == sum(
        len(MARKER.findall(path.read_text(encoding="utf-8")))
        for folder in ("data", "content")
        for path in (site / folder).rglob("*")
        if path.is_file() and path.suffix in (".yml", ".md", ".csv")
    )
    assert {p.severity for p in problems} == {WARNING} and {p.code for p in problems} == {"placeholder"}
    assert all(p.message.startswith("còn chỗ cần điền: ") for p in problems)
    site_yml = site / "data" / "site.yml"
    phone = next(p for p in problems if p.path == "data/site.yml" and "số điện thoại" in p.message)
    lines = site_yml.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[phone.line - 1] = 'phone: "0206 3000 000"\n'
    site_yml.write_text("".join(lines), encoding="utf-8")
    after = find_placeholders(site)
    assert len(after) == len(problems) - 1 and ("data/site.yml", phone.line) not in {
        (p.path, p.line) for p in after
    }


def test_placeholder_spellings(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "content" / "images").mkdir(parents=True)
    decomposed = unicodedata.normalize("NFD", "[CẦN ĐIỀN: địa chỉ]")
    (tmp_path / "data" / "a.yml").write_text(
        f'a: "{decomposed}"\nb: ok\nc: "[can dien: x] và [CẦN ĐIỀN]"\n', "utf-8"
    )
    (tmp_path / "content" / "images" / "note.txt").write_text("[CẦN ĐIỀN: ảnh]", "utf-8")  # uploads: skipped
    found = find_placeholders(tmp_path)
    assert [(p.path, p.line) for p in found] == [("data/a.yml", 1), ("data/a.yml", 3), ("data/a.yml", 3)]
    assert "địa chỉ" in found[0].message


# --- Hostile values ----------------------------------------------------------------------
HOSTILE = "Bà \"Rịa\": #x\n- [CẦN ĐIỀN]: {a: b}\u2028\x85 \\ --- 'q' &a *b !!python/object"


def shape(value):
    """The structure of parsed YAML: keys and nesting, not the values."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return type(value).__name__


def parsed_files(site: Path) -> dict[str, object]:
    """Every data file and every content front matter of a site, parsed."""
    found = {}
    for path in sorted((site / "data").rglob("*.yml")):
        found[path.relative_to(site).as_posix()] = yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((site / "content").rglob("*.md")):
        found[path.relative_to(site).as_posix()] = yaml.safe_load(
            path.read_text(encoding="utf-8").split("---\n")[1]
        )
    return found


def test_no_value_breaks_the_yaml(tmp_path):
    plain = init.find_province("cao-bang", PROVINCES)
    province = replace(
        plain,
        name=HOSTILE,
        agency=f"Thi hành án dân sự tỉnh {HOSTILE}",
        agency_en=HOSTILE,
        name_en=HOSTILE,
        agency_address=HOSTILE,
        sources={**plain.sources, "agency_address": HOSTILE},
    )
    host = 'x.gov.vn"\nurl: evil # {'
    day = dt.date(2026, 11, 25)
    init.write_site(init.render_site(province, host, day, host_is_placeholder=True), tmp_path / "hostile")
    ordinary = replace(plain, agency_address="Số 1", sources={**plain.sources, "agency_address": "nguồn"})
    init.write_site(init.render_site(ordinary, "a.gov.vn", day, host_is_placeholder=True), tmp_path / "plain")
    hostile, expected = parsed_files(tmp_path / "hostile"), parsed_files(tmp_path / "plain")
    # Same files, same keys and nesting: no value ended early or added a key or an item.
    assert {name: shape(value) for name, value in hostile.items()} == {
        name: shape(value) for name, value in expected.items()
    }
    site = hostile["data/site.yml"]
    assert site["name"] == province.agency and site["province"] == HOSTILE and site["address"] == HOSTILE
    assert site["name_en"] == HOSTILE and site["url"] == f"https://{host}"
    units = hostile["data/units.yml"]
    assert units[0]["name"] == province.agency and units[0]["address"] == HOSTILE
    assert hostile["content/pages/lien-he.md"]["summary"].endswith(f"{province.agency}.")


def test_hostile_host_is_refused(tmp_path, capsys):
    for host in ['x.gov.vn"\nurl: evil', "a b", "thads.example.gov.vn;}", "-x.gov.vn", "localhost"]:
        assert init.main(["cao-bang", str(tmp_path / "site"), f"--host={host}"]) == 2
        assert "không hợp lệ" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
    assert (
        init.main(["cao-bang", str(tmp_path / "site"), "--host", "HTTPS://Thads.CaoBang.example.gov.vn/"])
        == 0
    )
    assert "server_name thads.caobang.example.gov.vn;" in (
        tmp_path / "site" / "deploy" / "nginx.conf"
    ).read_text("utf-8")
    assert yaml.safe_load((tmp_path / "site" / "data" / "site.yml").read_text("utf-8"))["url"] == (
        "https://thads.caobang.example.gov.vn"
    )


# --- The command -------------------------------------------------------------------------
def test_vietnamese_usage_errors(capsys):
    assert init.main(["cao-bang", "--host"]) == 2
    assert "cần một giá trị" in capsys.readouterr().err
    assert init.main([]) == 2
    assert "thiếu tên tỉnh" in capsys.readouterr().err
    assert init.main(["--help"]) == 0
    assert "--danh-sach" in capsys.readouterr().out


def test_refuses_a_folder_with_files(tmp_path, capsys):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "ghi-chu.txt").write_text("giữ nguyên", "utf-8")
    assert init.main(["cao-bang", str(tmp_path / "site")]) == 1
    assert "không ghi đè" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["ghi-chu.txt"]
    (tmp_path / "empty").mkdir()
    assert init.main(["cao-bang", str(tmp_path / "empty")]) == 0


def test_unknown_and_merged_names(tmp_path, capsys):
    assert init.main(["Atlantis", str(tmp_path / "a")]) == 2
    error = capsys.readouterr().err
    assert "không có tỉnh, thành phố 'Atlantis'" in error and all(code in error for code in CODES)
    assert init.main(["Hà Giang", str(tmp_path / "b")]) == 2
    assert "thads init tuyen-quang" in capsys.readouterr().err
    assert init.main(["--danh-sach"]) == 0
    listed = capsys.readouterr().out
    assert all(p.agency in listed for p in PROVINCES)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_installed_command(tmp_path):
    result = subprocess.run(
        [*THADS, "init", "Cần Thơ", "trang"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PORTAL_TODAY": TODAY},
    )
    assert result.returncode == 0, result.stderr
    assert "Thi hành án dân sự thành phố Cần Thơ" in result.stdout and "thads check" in result.stdout
    post = tmp_path / "trang" / "content" / "news" / TODAY[:4]
    assert f"date: {TODAY}" in next(post.glob("*.md")).read_text("utf-8")
