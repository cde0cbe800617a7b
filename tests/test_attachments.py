"""Attachments in content/files/ are published as they are, so only documents, raster
images and archives whose content matches their extension are accepted: an uploaded page,
script or SVG image would run under the site's own `script-src 'self'`."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import SITE, THADS, run_build

SCRIPT = "<script>document.title = 'ran'</script>"
HTML = f"<!doctype html><html><head><title>Trang</title></head><body>{SCRIPT}</body></html>\n"
SVG = f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{SCRIPT}</svg>\n'

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
)
RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'
)
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _zip(parts: dict[str, str | bytes], stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, parts[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            if name != stored_first:
                archive.writestr(name, data)
    return buffer.getvalue()


def _override(part: str, content_type: str) -> str:
    return f'<Override PartName="/{part}" ContentType="{content_type}"/>'


def _relationship(rid: str, kind: str, target: str) -> str:
    return f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'


def make_docx() -> bytes:
    """A Word document that Word and LibreOffice open: one paragraph."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Thông báo</w:t></w:r></w:p></w:body></w:document>"
    )
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(overrides=_override("word/document.xml", main)),
            "_rels/.rels": RELATIONSHIPS.format(
                items=_relationship("rId1", OFFICE_DOCUMENT, "word/document.xml")
            ),
            "word/document.xml": document,
        }
    )


def make_xlsx() -> bytes:
    """An Excel workbook that Excel and LibreOffice open: one sheet, one number."""
    workbook = (
        f'<workbook xmlns="{MAIN}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData></worksheet>'
    sheet_kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    overrides = _override(
        "xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    ) + _override(
        "xl/worksheets/sheet1.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    )
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(overrides=overrides),
            "_rels/.rels": RELATIONSHIPS.format(
                items=_relationship("rId1", OFFICE_DOCUMENT, "xl/workbook.xml")
            ),
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": RELATIONSHIPS.format(
                items=_relationship("rId1", sheet_kind, "worksheets/sheet1.xml")
            ),
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def make_pptx() -> bytes:
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(overrides=_override("ppt/presentation.xml", main)),
            "_rels/.rels": RELATIONSHIPS.format(
                items=_relationship("rId1", OFFICE_DOCUMENT, "ppt/presentation.xml")
            ),
            "ppt/presentation.xml": "<p:presentation "
            'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
        }
    )


def make_odf(kind: str) -> bytes:
    return _zip(
        {
            "mimetype": f"application/vnd.oasis.opendocument.{kind}",
            "content.xml": '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
            "META-INF/manifest.xml": "<manifest:manifest "
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        },
        stored_first="mimetype",
    )


def make_image(image_format: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), (200, 30, 30)).save(buffer, image_format)
    return buffer.getvalue()


def make_pdf() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buffer, "PDF", resolution=72.0)
    return buffer.getvalue()


def make_zip() -> bytes:
    return _zip({"bien-ban.txt": "Biên bản\n", "danh-sach.csv": "stt,ten\n1,A\n"})


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)

# The files of the build and check tests: each valid type, and each kind of refused file.
VALID = {
    "files/thong-bao/2026/van-ban.pdf": make_pdf,
    "files/thong-bao/2026/bien-ban.docx": make_docx,
    "files/thong-bao/2026/danh-sach.xlsx": make_xlsx,
    "files/thong-bao/2026/so-do.png": lambda: make_image("PNG"),
    "files/thong-bao/2026/ho-so.zip": make_zip,
}
REFUSED = {
    "files/evil.html": (lambda: HTML.encode(), "không được đăng làm tệp đính kèm"),
    "files/x.svg": (lambda: SVG.encode(), "không được đăng làm tệp đính kèm"),
    "files/a.js": (lambda: b"document.title = 'ran';\n", "không được đăng làm tệp đính kèm"),
    "files/fake.pdf": (lambda: HTML.encode(), "không phải tài liệu PDF"),
    "files/anh.png": (lambda: SVG.encode(), "không phải ảnh PNG"),
}


def _add_files(content: Path, names: dict) -> None:
    for name, make in names.items():
        target = content / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((make if callable(make) else make[0])())


def _attachment_message(tmp_path: Path, name: str, data: bytes) -> str | None:
    from thads_portal.domain.attachments import attachment_message

    path = tmp_path / name
    path.write_bytes(data)
    return attachment_message(path)


@pytest.mark.parametrize(
    "name, make",
    [
        ("a.pdf", make_pdf),
        ("a.PDF", make_pdf),
        ("a.docx", make_docx),
        ("a.xlsx", make_xlsx),
        ("a.pptx", make_pptx),
        ("a.odt", lambda: make_odf("text")),
        ("a.ods", lambda: make_odf("spreadsheet")),
        ("a.odp", lambda: make_odf("presentation")),
        ("a.doc", lambda: OLE2),
        ("a.xls", lambda: OLE2),
        ("a.ppt", lambda: OLE2),
        ("bao-mat.docx", lambda: OLE2),  # saved with a password: an OLE2 container
        ("a.rtf", lambda: rb"{\rtf1\ansi Th\u244?ng b\u225?o}"),
        ("a.jpg", lambda: make_image("JPEG")),
        ("a.jpeg", lambda: make_image("JPEG")),
        ("a.png", lambda: make_image("PNG")),
        ("a.webp", lambda: make_image("WEBP")),
        ("a.gif", lambda: make_image("GIF")),
        ("a.zip", make_zip),
        ("rong.zip", lambda: b"PK\x05\x06" + bytes(18)),
        ("a.7z", lambda: b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(24)),
        ("a.rar", lambda: b"Rar!\x1a\x07\x01\x00" + bytes(24)),
        ("cu.rar", lambda: b"Rar!\x1a\x07\x00" + bytes(24)),
    ],
)
def test_allowed_types_with_matching_content_pass(tmp_path, name, make):
    assert _attachment_message(tmp_path, name, make()) is None


@pytest.mark.parametrize(
    "name, make, expected",
    [
        ("evil.html", lambda: HTML.encode(), ["đuôi '.html'", "Chỉ nhận các loại: .pdf, .doc, .docx"]),
        ("evil.htm", lambda: HTML.encode(), ["đuôi '.htm'"]),
        ("x.svg", lambda: SVG.encode(), ["đuôi '.svg'", "ảnh SVG"]),
        ("a.js", lambda: b"alert(1)", ["đuôi '.js'", "mã chạy được"]),
        ("a.mjs", lambda: b"alert(1)", ["đuôi '.mjs'"]),
        ("a.xhtml", lambda: HTML.encode(), ["đuôi '.xhtml'"]),
        ("a.xml", lambda: SVG.encode(), ["đuôi '.xml'"]),
        ("a.txt", lambda: b"x", ["đuôi '.txt'"]),
        ("khong-duoi", lambda: HTML.encode(), ["(không có đuôi)"]),
        (
            "fake.pdf",
            lambda: HTML.encode(),
            ["không phải tài liệu PDF", "nội dung là trang web, XML hoặc ảnh SVG"],
        ),
        ("x.png", lambda: SVG.encode(), ["không phải ảnh PNG", "trang web, XML hoặc ảnh SVG"]),
        ("bom.png", lambda: b"\xef\xbb\xbf" + SVG.encode(), ["không phải ảnh PNG"]),
        ("x.jpg", lambda: make_image("PNG"), ["không phải ảnh JPEG", "nội dung là ảnh PNG"]),
        ("x.gif", lambda: make_image("JPEG"), ["không phải ảnh GIF", "nội dung là ảnh JPEG"]),
        ("hong.png", lambda: make_image("PNG")[:40], ["không phải ảnh PNG"]),
        ("x.docx", make_xlsx, ["không phải văn bản Word", "nội dung là tệp ZIP"]),
        ("x.xlsx", make_zip, ["không phải bảng tính Excel"]),
        ("x.pptx", lambda: HTML.encode(), ["không phải bản trình chiếu PowerPoint"]),
        ("x.odt", lambda: make_odf("spreadsheet"), ["không phải văn bản OpenDocument"]),
        ("x.ods", make_zip, ["không phải bảng tính OpenDocument"]),
        ("hong.docx", lambda: b"PK\x03\x04" + bytes(60), ["không phải văn bản Word"]),
        ("x.doc", make_pdf, ["không phải văn bản Word", "nội dung là tài liệu PDF"]),
        ("x.rtf", lambda: HTML.encode(), ["không phải văn bản RTF"]),
        ("x.zip", lambda: HTML.encode(), ["không phải tệp nén ZIP"]),
        ("x.7z", make_zip, ["không phải tệp nén 7z"]),
        ("x.rar", make_zip, ["không phải tệp nén RAR"]),
        ("rong.pdf", lambda: b"", ["không phải tài liệu PDF"]),
    ],
)
def test_refused_types_and_mismatched_content(tmp_path, name, make, expected):
    message = _attachment_message(tmp_path, name, make())
    assert message is not None, name
    for text in expected:
        assert text in message, (text, message)
    assert ".pdf, .doc, .docx, .xls, .xlsx" in message and ".zip, .7z, .rar" in message


def test_sample_attachments_pass():
    from thads_portal.domain.checker import content_files, unsafe_attachments

    assert content_files(SITE / "content/files"), "the sample has attachments"
    assert unsafe_attachments(SITE / "content") == []


def _expect_reported(text: str) -> None:
    for name, (_, message) in REFUSED.items():
        lines = [line for line in text.splitlines() if line.startswith(f"content/{name}: ")]
        assert len(lines) == 1, (name, text)
        assert message in lines[0] and "Chỉ nhận các loại: .pdf" in lines[0], lines[0]
    for name in VALID:
        assert f"content/{name}" not in text, name


def test_build_refuses_unsafe_attachments_all_in_one_run(project, tmp_path):
    content = project / "content"
    _add_files(content, VALID)
    _add_files(content, REFUSED)
    output = tmp_path / "out"
    build = run_build(project, output)
    assert build.returncode == 1, build.stderr
    _expect_reported(build.stderr)
    assert f"{len(REFUSED)} lỗi trong {len(REFUSED)} tệp" in build.stderr
    assert not output.exists()


def test_build_publishes_valid_attachments(project, tmp_path):
    content = project / "content"
    _add_files(content, VALID)
    output = tmp_path / "out"
    build = run_build(project, output)
    assert build.returncode == 0, build.stderr
    for name in VALID:
        assert (output / name).read_bytes() == (content / name).read_bytes(), name


def test_check_reports_unsafe_attachments(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITE / "content", content)
    _add_files(content, VALID)
    _add_files(content, REFUSED)
    result = subprocess.run(
        [*THADS, "check", "--content", str(content), "--settings", str(SITE / "pelicanconf.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout
    _expect_reported(result.stdout)
    report = json.loads(
        subprocess.run(
            [
                *THADS,
                "check",
                "--content",
                str(content),
                "--json",
                "--settings",
                str(SITE / "pelicanconf.py"),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    )
    codes = {p["path"]: p["code"] for p in report["problems"] if p["severity"] == "error"}
    assert codes == {f"content/{name}": "attachment-type" for name in REFUSED}
