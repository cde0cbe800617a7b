"""scripts/check over real broken files (every bad encoding and defect) and the sample."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

from conftest import ROOT

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


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/check"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
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
