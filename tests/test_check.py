"""thads check over real broken files (every bad encoding and defect) and the sample."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from bounded import YAML_LIMIT_CASES, check_bounded
from conftest import ROOT, SITE, THADS, make_project

BROKEN = ROOT / "tests/fixtures/broken/content"
EXPECTED_CODES = {
    "ma-windows-1258.md": "encoding:windows-1258",
    "ma-windows-1252.md": "encoding:windows-1252",
    "ma-utf-16.md": "encoding:utf-16",
    "phong-tcvn3.md": "tcvn3",
    "chu-to-hop-nfd.md": "nfd",
    "co-bom.md": "bom",
    "lien-ket-hong.md": "broken-link",
    "thieu-anh.md": "missing-file",
    "anh-thieu-mo-ta.md": "image-alt",
    "trung-dia-chi.md": "duplicate-slug",
    "bai-viet.docx": "unread",
}


def check(*args: str, today: str | None = None) -> subprocess.CompletedProcess:
    """`thads check` run from the repository's root, on the example site's settings."""
    env = {**os.environ, "PORTAL_TODAY": today} if today else None
    settings = (SITE / "pelicanconf.py").relative_to(ROOT)
    return subprocess.run(
        [*THADS, "check", *args, "--settings", str(settings)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_sample_content_passes():
    result = check()
    assert result.returncode == 0, result.stdout
    assert "Không có lỗi" in result.stdout


def test_every_defect_is_reported_with_its_place():
    result = check("--content", str(BROKEN))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("Có ") and "lỗi trong 14 tệp" in lines[-1]
    for name, expected in {
        "ma-windows-1258.md": "Windows-1258",
        "ma-windows-1252.md": "Windows-1252",
        "phong-tcvn3.md:7": "là 'Thông báo bán đấu giá quyền sử dụng đất tại Cao Lộc'",
        "chu-to-hop-nfd.md:2": "(NFD)",
        "co-bom.md:1": "BOM",
        "lien-ket-hong.md:7": "dẫn tới trang không có",
        "thieu-anh.md:7": "không có trong thư mục content/",
        "anh-thieu-mo-ta.md:7": "thiếu mô tả",
        "thong-bao-sai.md:6: unit:": "khu-vuc-9",
        "thong-bao-sai.md:17: deposit:": "từ 5% đến 20%",
        "thong-bao-sai.md:25: previous:": "khong-co-lan-1",
        "thong-bao-sai.md:28: attachments.0.file:": "khong-co-tep.pdf",
        "ma-utf-16.md": "UTF-16",
        "thong-bao-thieu-gia.md:7: asset_kind:": "là 'real_estate'",
        "thong-bao-thieu-gia.md:15: starting_price:": "đang để trống",
    }.items():
        assert any(name in line and expected in line for line in lines), (name, result.stdout)


def test_json_output_names_each_check():
    result = check("--content", str(BROKEN), "--json")
    report = json.loads(result.stdout)
    codes = {(Path(p["path"]).name, p["code"]) for p in report["problems"]}
    for name, code in EXPECTED_CODES.items():
        assert (name, code) in codes, (name, code)
    assert report["errors"] == len(report["problems"]) and report["files"] == 15


def test_fix_repairs_encodings_and_says_so(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BROKEN, content)
    result = check("--content", str(content), "--fix-tcvn3")
    assert "ma-windows-1258.md: đã chuyển từ Windows-1258" in result.stdout
    assert "co-bom.md: đã bỏ ký tự BOM" in result.stdout
    assert "ma-utf-16.md: đã chuyển từ UTF-16" in result.stdout
    assert "chu-to-hop-nfd.md: đã chuẩn hóa" in result.stdout
    assert "phong-tcvn3.md: đã chuyển 1 dòng gõ bằng phông TCVN3" in result.stdout
    fixed = (content / "news/2026/ma-windows-1258.md").read_bytes().decode("utf-8")
    assert "Hội nghị tổng kết công tác thi hành án" in fixed
    assert unicodedata.is_normalized(
        "NFC", (content / "news/2026/chu-to-hop-nfd.md").read_text(encoding="utf-8")
    )
    assert not (content / "news/2026/co-bom.md").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Cao Lộc" in (content / "news/2026/phong-tcvn3.md").read_text(encoding="utf-8")
    remaining = {
        Path(p["path"]).name
        for p in json.loads(check("--content", str(content), "--json").stdout)["problems"]
    }
    assert not remaining & {
        "ma-windows-1258.md",
        "ma-windows-1252.md",
        "co-bom.md",
        "chu-to-hop-nfd.md",
        "phong-tcvn3.md",
    }
    assert "thieu-anh.md" in remaining  # not a safe fix: still reported
    again = check("--content", str(content), "--fix")
    assert "đã " not in again.stdout.split("\n")[0]
    backups = list((tmp_path / "cache/sao-luu").rglob("*.md"))  # beside content/, not in it
    assert {p.name for p in backups} >= {"ma-windows-1258.md", "co-bom.md", "phong-tcvn3.md"}
    original = next(p for p in backups if p.name == "ma-windows-1258.md")
    assert original.read_bytes() == (BROKEN / "news/2026/ma-windows-1258.md").read_bytes()
    assert "bản gốc được lưu ở" in result.stdout


def test_guide_shows_the_real_check_run():
    """§6.2 of the editors' guide is this very run: regenerate it when the checker changes."""
    guide = (ROOT / "docs/huong-dan-bien-tap.md").read_text(encoding="utf-8")
    section = guide.split("### 6.2.", 1)[1].split("\n### ", 1)[0]
    shown = section.split("Kết quả:", 1)[1].split("```\n", 2)[1]
    result = check("--content", "tests/fixtures/broken/content")
    assert shown == result.stdout


@pytest.mark.parametrize("case", sorted(YAML_LIMIT_CASES))
def test_yaml_over_the_limits_is_reported_in_time(tmp_path, case):
    """A YAML bomb, an oversized or too deeply nested front matter: refused in seconds with
    the file and line (a bomb used to make the check run until memory ran out)."""
    project = make_project(tmp_path / "project")
    expected = YAML_LIMIT_CASES[case](project)
    result, _ = check_bounded(project, timeout=20)
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    for text in expected:
        assert any(text in line for line in lines), (text, result.stdout[-3000:])


def _copy_of_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SITE / "content", content)
    return content


def _post(content: Path, name: str, body: str, date: str = "2026-11-02 08:00", draft: bool = False) -> Path:
    """A news post whose body starts on line 6 (line 7 for a draft)."""
    path = content / "news/2026" / f"{name}.md"
    front = f'title: "Bài {name}"\ndate: {date}\ncategory: Tin hoạt động\n' + (
        "status: draft\n" if draft else ""
    )
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    return path


def test_links_to_drafts_scheduled_pages_and_missing_categories(tmp_path):
    content = _copy_of_content(tmp_path)
    _post(content, "nhap", "Bản nháp.", draft=True)
    _post(content, "hen-som", "[sau](/tin-tuc/hen-muon/) [trước](/tin-tuc/hen-som-hon/)", "2026-12-01 08:00")
    _post(content, "hen-som-hon", "Hẹn giờ sớm hơn.", "2026-11-30 08:00")
    _post(content, "hen-muon", "Hẹn giờ muộn.", "2026-12-20 08:00")
    _post(content, "nhap-lien-ket", "[nháp](/tin-tuc/nhap/): cả hai đều là nháp.", draft=True)
    body = "\n".join(
        [
            "[nháp](/tin-tuc/nhap/) [hẹn giờ](/tin-tuc/hen-muon/)",
            "[chuyên mục](/chuyen-muc/tin-hoat-dong/) [sai](/chuyen-muc/khong-co-chuyen-muc/)",
            "[thẻ sai](/the/khong-co-the/) [xem][1] và ![][anh]",
            "",
            "[1]: /thong-bao/khong-co/",
            '[anh]: /images/site/quoc-huy.png "Quốc huy"',
        ]
    )
    _post(content, "lien-ket", body)
    report = json.loads(check("--content", str(content), "--json", today="2026-11-25").stdout)
    found = [(Path(p["path"]).stem, p["line"], p["code"], p["message"]) for p in report["problems"]]

    def has(name, line, code, text):
        return any(f[:3] == (name, line, code) and text in f[3] for f in found)

    assert has("lien-ket", 6, "draft-link", "dẫn tới bản nháp (") and has(
        "lien-ket", 6, "draft-link", "nhap.md"
    )
    assert has("lien-ket", 6, "scheduled-link", "hẹn giờ đăng lúc 08:00 ngày 20/12/2026")
    assert has("hen-som", 6, "scheduled-link", "/tin-tuc/hen-muon/")
    assert has("lien-ket", 7, "broken-link", "/chuyen-muc/khong-co-chuyen-muc/")
    assert not has("lien-ket", 7, "broken-link", "/chuyen-muc/tin-hoat-dong/")
    assert has("lien-ket", 8, "broken-link", "/the/khong-co-the/")
    assert has("lien-ket", 8, "broken-link", "/thong-bao/khong-co/")  # [xem][1], a reference-style link
    assert has("lien-ket", 8, "image-alt", "thiếu mô tả")  # ![][anh]
    assert not [f for f in found if f[0] in ("nhap-lien-ket", "hen-som-hon", "nhap", "hen-muon")]
    assert len([f for f in found if f[0] == "hen-som"]) == 1  # the earlier scheduled target is fine


def test_the_build_refuses_a_published_link_to_a_draft(project: Path, tmp_path):
    from conftest import run_build

    _post(project / "content", "nhap", "Bản nháp.", draft=True)
    _post(project / "content", "lien-ket", "[nháp](/tin-tuc/nhap/)")
    build = run_build(project, tmp_path / "out", "publishconf.py")
    assert build.returncode != 0
    assert "content/news/2026/lien-ket.md:6: Liên kết '/tin-tuc/nhap/' dẫn tới bản nháp" in build.stderr


def test_word_symbols_are_not_tcvn3_and_fixes_touch_only_given_files(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BROKEN, content)
    word = _post(
        content, "ky-hieu-word", "Microsoft® Office® và Adobe® Reader®, ad\u00adminis\u00adtra\u00adtion."
    )
    before = word.read_bytes()
    result = check(
        "--content", str(content), "--json", "--fix-tcvn3", str(word), str(content / "news/2026/co-bom.md")
    )
    report = json.loads(result.stdout)
    assert word.read_bytes() == before
    assert not [p for p in report["problems"] if p["path"].endswith("ky-hieu-word.md")]
    [fixed] = report["fixed"]
    assert fixed["path"] == "content/news/2026/co-bom.md" and fixed["changes"] == ["bỏ ký tự BOM ở đầu tệp"]
    assert fixed["backup"].startswith("cache/sao-luu/") and fixed["backup"].endswith("/news/2026/co-bom.md")
    assert (tmp_path / fixed["backup"]).read_bytes() == (BROKEN / "news/2026/co-bom.md").read_bytes()
    remaining = {Path(p["path"]).name for p in report["problems"]}
    assert "ma-windows-1258.md" in remaining and "co-bom.md" not in remaining  # not given: untouched
    outside = check("--content", str(content), "--fix", str(ROOT / "README.md"))
    assert outside.returncode == 2 and "không có trong thư mục nội dung" in outside.stderr


def test_legacy_encodings_are_told_apart():
    from thads_portal.domain.encoding import guess_legacy, is_syllable, tcvn3_lines

    assert guess_legacy("Tân Văn, Ơn".encode("cp1258"))[0] == "windows-1258"  # ă, ơ: no tone bytes
    assert guess_legacy("Café crème".encode("cp1252")) == ("windows-1252", "Café crème")
    assert guess_legacy("São Tomé".encode("cp1252"))[0] == "ambiguous"  # readings differ, neither Vietnamese
    assert guess_legacy("Thoâng baùo baùn ñaáu giaù".encode("cp1252"))[0] == "vni"
    assert not tcvn3_lines("Microsoft® Office® Adobe® Reader®")
    assert not tcvn3_lines("ad\u00adminis\u00adtra\u00adtion ®")
    assert [n for n, *_ in tcvn3_lines("x\nTh«ng b¸o b¸n ®Êu gi¸")] == [2]
    assert all(map(is_syllable, ["quyền", "nghiêng", "khuyết", "gì", "Đất"]))
    assert not any(map(is_syllable, ["Microsoftđ", "bat", "crème", "bấo"]))


def test_ambiguous_and_whole_tcvn3_files(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BROKEN, content)
    folder = content / "news/2026"
    tcvn3 = '---\ntitle: "Th«ng b¸o"\ndate: 2026-10-01 08:00\ncategory: Tin ho¹t ®éng\n---\nTh«ng b¸o b¸n ®Êu gi¸ ®Êt\n'
    (folder / "ca-tep-tcvn3.md").write_bytes(tcvn3.encode("latin-1"))
    ambiguous = "---\ntitle: São Tomé\ndate: 2026-10-01 08:00\ncategory: Tin hoạt động\n---\nSão Tomé\n"
    (folder / "chua-ro.md").write_bytes(ambiguous.replace("hoạt động", "hoat dong").encode("cp1252"))
    lines = check("--content", str(content)).stdout.splitlines()
    assert any("ca-tep-tcvn3.md:6:" in line and "là 'Thông báo bán đấu giá đất'" in line for line in lines), (
        lines
    )
    assert any("chua-ro.md:" in line and "chưa rõ là Windows-1258" in line for line in lines)
    fixed = check("--content", str(content), "--fix", str(folder / "chua-ro.md"))
    assert "chua-ro.md: chưa chuyển vì không chắc" in fixed.stdout
    assert (folder / "chua-ro.md").read_bytes() == ambiguous.replace("hoạt động", "hoat dong").encode(
        "cp1252"
    )
    forced = check(
        "--content", str(content), "--fix", "--encoding", "windows-1252", str(folder / "chua-ro.md")
    )
    assert "theo --encoding" in forced.stdout
    assert "São Tomé" in (folder / "chua-ro.md").read_text(encoding="utf-8")


def test_check_finds_damaged_images_and_clashing_names(tmp_path):
    from PIL import Image

    content = tmp_path / "content"
    shutil.copytree(BROKEN, content)
    images = content / "images/site"
    (images / "hong.jpg").write_bytes((images / "quoc-huy.png").read_bytes()[:200])
    Image.new("RGB", (50, 50)).save(images / "quoc-huy.PNG")
    lines = check("--content", str(content)).stdout.splitlines()
    assert any("images/site/hong.jpg: Tệp ảnh hỏng hoặc không phải ảnh" in line for line in lines), lines
    assert any("images/site/quoc-huy.PNG: Tên ảnh này và ảnh 'quoc-huy.png'" in line for line in lines), lines


# Every module whose messages editors (or, for data/, administrators) can read in a check
# or a build. Strings inside functions, and module constants named like messages.
MESSAGE_MODULES = [
    *(
        f"thads_portal/domain/{name}.py"
        for name in (
            "checker",
            "encoding",
            "references",
            "collection",
            "documents",
            "markup",
            "attachments",
            "stated_amounts",
            "placeholders",
        )
    ),
    *(f"thads_portal/domain/{name}.py" for name in ("frontmatter", "validation", "types", "news", "notices")),
    *(
        f"thads_portal/domain/{name}.py"
        for name in ("notice_checks", "rules", "data", "section_data", "sections")
    ),
    "thads_portal/pelican/images/processing.py",
    "thads_portal/pelican/images/checks.py",
    *(
        f"thads_portal/domain/importing/{name}.py"
        for name in ("workbook", "mapping", "values", "records", "units")
    ),
    *(f"thads_portal/domain/importing/{name}.py" for name in ("notices", "debtors", "statistics", "writer")),
]
_MESSAGE_CONSTANT = re.compile(r"MESSAGES?$|HINT$|^ENCODING_NAMES$|^REFUSALS$|^_MESSAGES$")
_VIETNAMESE_LETTER = re.compile("[À-ỹ]")


def _fragments(node: ast.AST):
    """The literal pieces of a string, an f-string (between its {…}) or a concatenation."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        for value in node.values:
            yield from _fragments(value.value if isinstance(value, ast.FormattedValue) else value)
    elif isinstance(node, ast.BinOp):
        yield from _fragments(node.left)
        yield from _fragments(node.right)


def message_fragments() -> dict[str, str]:
    """Fixed text of every Vietnamese message in MESSAGE_MODULES → where it is."""
    found = {}
    for module in MESSAGE_MODULES:
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        roots = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        roots += [
            n.value
            for n in tree.body
            if isinstance(n, ast.Assign)
            and any(_MESSAGE_CONSTANT.search(getattr(t, "id", "")) for t in n.targets)
        ]
        for root in roots:
            docstrings = {
                id(n.body[0].value)
                for n in ast.walk(root)
                if isinstance(n, (ast.FunctionDef, ast.ClassDef))
                and n.body
                and isinstance(n.body[0], ast.Expr)
            }
            for node in ast.walk(root):
                if isinstance(node, (ast.Constant, ast.JoinedStr)) and id(node) not in docstrings:
                    for fragment in _fragments(node):
                        for piece in re.split(r"\{[a-z_]+\}", fragment):  # pydantic's {value}
                            text = " ".join(piece.split())
                            if _VIETNAMESE_LETTER.search(text) and len(text) >= 10:
                                found.setdefault(text, f"{module}:{node.lineno}")
    return found


def test_every_message_of_the_checker_is_in_the_guide():
    guide = " ".join((ROOT / "docs/huong-dan-bien-tap.md").read_text(encoding="utf-8").split())
    fragments = message_fragments()
    assert len(fragments) > 100
    missing = {text: where for text, where in fragments.items() if text not in guide}
    assert not missing, "\n".join(
        f"{where}: {text}" for text, where in sorted(missing.items(), key=lambda i: i[1])
    )


# A sample auction notice: notice_type on line 5, unit 6, starting_price 15, deposit 17,
# viewing 19, auction 21.
SAMPLE_NOTICE = SITE / "content/notices/2026/ban-dau-gia-nha-dat-xa-binh-gia.md"


def _notice_copy(project: Path, name: str, lines: dict[int, str | None]) -> str:
    """The sample notice with front matter lines replaced (None: removed), saved as `name`;
    returns its path as the checker reports it."""
    text = SAMPLE_NOTICE.read_text(encoding="utf-8").split("\n")
    for number, line in lines.items():
        text[number - 1] = line
    relative = f"content/notices/2026/{name}.md"
    (project / relative).write_text("\n".join(t for t in text if t is not None), encoding="utf-8")
    return relative


def _check_project(project: Path) -> list[tuple[str, int | None, str | None, str, str]]:
    """`thads check --json` of a project copy: (path, line, field, severity, message)."""
    result = subprocess.run(
        [*THADS, "check", "--settings", str(project / "pelicanconf.py"), "--json"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PORTAL_TODAY": "2026-11-25"},
    )
    report = json.loads(result.stdout)
    return [(p["path"], p["line"], p["field"], p["severity"], p["message"]) for p in report["problems"]]


def test_money_written_as_text_is_read_and_the_deposit_ratio_still_checked(tmp_path):
    project = make_project(tmp_path / "project")
    path = _notice_copy(
        project,
        "gia-viet-kieu-van-ban",
        {15: 'starting_price: "1.125.000.000 đồng"', 17: 'deposit: "300.000.000 đ"'},
    )
    found = [p for p in _check_project(project) if p[0] == path]
    assert (
        path,
        15,
        "starting_price",
        "warning",
        "số tiền '1.125.000.000 đồng' được hiểu là 1.125.000.000 đồng; nên viết chỉ bằng chữ số, "
        "không dấu chấm, không kèm chữ 'đồng': 'starting_price: 1125000000'",
    ) in found, found
    assert any(p[1:4] == (17, "deposit", "warning") and "'deposit: 300000000'" in p[4] for p in found), found
    assert any(
        p[1:4] == (17, "deposit", "error")
        and "tiền đặt trước phải từ 5% đến 20% giá khởi điểm; hiện là 26,7%" in p[4]
        for p in found
    ), found
    assert not any("không phải số tiền" in p[4] for p in found), found


def test_every_yaml_syntax_error_of_a_front_matter_is_reported(tmp_path):
    project = make_project(tmp_path / "project")
    path = _notice_copy(
        project,
        "nhieu-loi-cu-phap",
        {
            2: "title: Thông báo: bán đấu giá nhà đất",
            7: "asset_kind @real_estate",
            16: "vat: `not_applicable`",
        },
    )
    found = [p[1:] for p in _check_project(project) if p[0] == path]
    assert found == [
        (
            2,
            None,
            "error",
            "Sai cú pháp YAML: có dấu hai chấm ':' trong giá trị; hãy đặt cả giá trị trong dấu ngoặc kép.",
        ),
        (8, None, "error", "Sai cú pháp YAML: thiếu dấu hai chấm ':' sau tên trường."),
        (
            16,
            None,
            "error",
            "Sai cú pháp YAML: có ký tự không được đứng đầu giá trị (Tab, @ hoặc `); hãy thụt lề bằng "
            "dấu cách và đặt giá trị trong ngoặc kép.",
        ),
    ], found


def test_a_missing_unit_is_placed_and_lists_the_units_in_use(tmp_path):
    project = make_project(tmp_path / "project")
    path = _notice_copy(project, "thieu-don-vi", {6: None})
    found = [p for p in _check_project(project) if p[0] == path]
    [(_, line, field, severity, message)] = [p for p in found if p[2] == "unit"]
    assert (line, field, severity) == (5, "unit", "error")  # the line of notice_type
    assert message.startswith(
        "Thiếu trường unit: mã đơn vị ra thông báo. Các mã đang dùng: "
        "khu-vuc-1 (Phòng Thi hành án dân sự khu vực 1 – Lạng Sơn), khu-vuc-2 ("
    ), message
    assert "thads-lang-son (Thi hành án dân sự tỉnh Lạng Sơn)" in message
    assert "chi-cuc-" not in message and "cuc-thads-lang-son" not in message  # dissolved on 30/06/2025


def test_a_date_not_on_the_calendar_says_why(tmp_path):
    project = make_project(tmp_path / "project")
    sample = SAMPLE_NOTICE.read_text(encoding="utf-8").split("\n")
    path = _notice_copy(
        project,
        "ngay-khong-co",
        {
            3: "date: 31/11/2026 08:00",
            19: sample[18].replace("from: 2026-03-30 08:00", "from: 2026-02-29 08:00"),
            21: sample[20].replace("at: 2026-04-10 09:00", "at: 2026-13-01 09:00"),
        },
    )
    found = [p[1:] for p in _check_project(project) if p[0] == path]
    for expected in [
        (3, "date", "error", "Ngày 31/11/2026 không có: tháng 11 chỉ có 30 ngày."),
        (19, "viewing.from", "error", "Ngày 2026-02-29 không có: tháng 2 năm 2026 chỉ có 28 ngày."),
        (
            21,
            "auction.at",
            "error",
            "Ngày 2026-13-01 không hợp lệ: không có tháng 13, một năm chỉ có 12 tháng.",
        ),
    ]:
        assert expected in found, (expected, found)
