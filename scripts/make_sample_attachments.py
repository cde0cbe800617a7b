#!/usr/bin/env python3
"""Draw the sample "signed notice" PDF attachments of the sample notices.

For every notice under content/notices/ whose front matter lists `attachments`, draw a
one-page A4 scan-like image (100 dpi) of the notice as issued by its unit (heading,
number, title, legal grounds, key facts, signature and seal) and save it as PDF at the
attachment's path below content/. Output is deterministic: the same notices give the
same bytes.

Usage: python scripts/make_sample_attachments.py [--root PATH]
Needs Pillow and PyYAML, and a TrueType font with Vietnamese glyphs (DejaVu or Noto).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
import zlib
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

DPI = 100
PAGE = (827, 1169)  # A4 at 100 dpi
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 85, 65, 55
INK = (20, 20, 20)
RED = (200, 30, 35)
MAX_BYTES = 200_000

FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/noto"),
]
FONT_FILES = {
    "regular": ["DejaVuSerif.ttf", "NotoSerif-Regular.ttf", "DejaVuSans.ttf", "NotoSans-Regular.ttf"],
    "bold": ["DejaVuSerif-Bold.ttf", "NotoSerif-Bold.ttf", "DejaVuSans-Bold.ttf", "NotoSans-Bold.ttf"],
    "italic": [
        "DejaVuSerif-Italic.ttf",
        "NotoSerif-Italic.ttf",
        "DejaVuSans-Oblique.ttf",
        "NotoSans-Italic.ttf",
    ],
}
SIGNERS = [
    "Hoàng Minh Đức",
    "Nông Thị Thanh Huyền",
    "Lương Văn Quảng",
    "Vi Thị Hồng Nhung",
    "Triệu Quang Vinh",
    "Đàm Văn Sáng",
    "Lộc Thị Kim Oanh",
    "Hà Văn Thưởng",
]


def find_font(style: str) -> Path:
    for directory in FONT_DIRS:
        for name in FONT_FILES[style]:
            if (directory / name).exists():
                return directory / name
    sys.exit(f"No TrueType font with Vietnamese glyphs found for style {style!r}")


class Fonts:
    def __init__(self) -> None:
        self.paths = {style: find_font(style) for style in FONT_FILES}
        self.cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}

    def __call__(self, style: str, size: int) -> ImageFont.FreeTypeFont:
        key = (style, size)
        if key not in self.cache:
            self.cache[key] = ImageFont.truetype(str(self.paths[style]), size)
        return self.cache[key]


def read_notice(path: Path) -> tuple[dict, str]:
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    lines = text.split("\n")
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end])), "\n".join(lines[end + 1 :])


def parse_datetime(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return dt.datetime.strptime(str(value).strip(), "%Y-%m-%d %H:%M")


def vn_date(day: dt.datetime) -> str:
    """Administrative style: days below 10 and months 1-2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_dt(value: object) -> str:
    moment = parse_datetime(value)
    time = f"{moment.hour} giờ" + (f" {moment.minute:02d}" if moment.minute else "")
    return f"{time} ngày {moment.day:02d}/{moment.month:02d}/{moment.year}"


def money(value: int) -> str:
    return f"{value:,}".replace(",", ".") + " đồng"


def issuer_lines(unit: dict, units: dict[str, dict]) -> tuple[str, str, str]:
    """(superior body, issuing unit, number symbol) for the document heading."""
    kind = unit.get("kind")
    if kind == "district":
        parent = next((u for u in units.values() if u.get("successor") == "thads-lang-son"), None)
        return (parent or {}).get("name", "").upper(), unit["name"].upper(), "CCTHADS"
    if kind == "regional":
        parent = next(
            (u for u in units.values() if u.get("kind") == "province" and not u.get("valid_to")), None
        )
        name = unit["name"].split("–")[0].strip().upper()
        return (parent or {}).get("name", "").upper(), name, "PTHADS"
    if unit.get("valid_to"):
        return "TỔNG CỤC THI HÀNH ÁN DÂN SỰ", unit["name"].upper(), "CTHADS"
    return "BỘ TƯ PHÁP", unit["name"].upper(), "THADS"


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


BREAK_BEFORE = ("TỈNH", "HUYỆN", "THÀNH PHỐ", "KHU VỰC")


def balanced(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """One line if it fits, else two lines for headings, breaking before a place word."""
    if font.getlength(text) <= width:
        return [text]
    words = text.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    fitting = [pair for pair in splits if max(font.getlength(part) for part in pair) <= width]
    preferred = [pair for pair in fitting if pair[1].startswith(BREAK_BEFORE)]
    if preferred:
        return list(preferred[0])
    if fitting:
        return list(min(fitting, key=lambda pair: max(font.getlength(part) for part in pair)))
    return wrap(text, font, width)


def centered(draw: ImageDraw.ImageDraw, x_center: float, y: int, text: str, font, fill=INK) -> int:
    width = font.getlength(text)
    draw.text((x_center - width / 2, y), text, font=font, fill=fill)
    return int(width)


def plain(markdown: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown)
    return re.sub(r"\s+", " ", text).strip()


def key_facts(meta: dict) -> list[str]:
    facts: list[str] = []
    kind = meta["notice_type"]
    for asset in (meta.get("assets") or [])[:2]:
        details = "; ".join(
            asset[k][0].lower() + asset[k][1:] for k in ("quantity", "location") if asset.get(k)
        )
        facts.append(f"Tài sản: {asset['name']}" + (f" ({details})." if details else "."))
    if meta.get("starting_price") and (
        money(meta["starting_price"]) not in meta["summary"] or meta.get("vat") in ("included", "excluded")
    ):
        vat = {"included": " (đã bao gồm thuế GTGT)", "excluded": " (chưa bao gồm thuế GTGT)"}
        facts.append(f"Giá khởi điểm: {money(meta['starting_price'])}{vat.get(meta.get('vat'), '')}.")
    if kind == "auction":
        facts.append(
            f"Tiền mua hồ sơ: {money(meta['dossier_fee'])}; tiền đặt trước: {money(meta['deposit'])}."
        )
        view = meta["viewing"]
        facts.append(f"Xem tài sản: từ {short_dt(view['from'])} đến {short_dt(view['to'])}.")
        reg = meta["registration"]
        facts.append(
            f"Đăng ký tham gia đấu giá: từ {short_dt(reg['from'])} đến {short_dt(reg['to'])}"
            f" tại {reg['place']}."
        )
        auction = meta["auction"]
        forms = {
            "oral": "đấu giá bằng lời nói",
            "direct_ballot": "bỏ phiếu trực tiếp tại cuộc đấu giá",
            "indirect_ballot": "bỏ phiếu gián tiếp",
            "online": "đấu giá trực tuyến",
        }
        methods = {"ascending": "trả giá lên", "descending": "đặt giá xuống"}
        facts.append(
            f"Tổ chức đấu giá: {short_dt(auction['at'])} tại {auction['place']}; hình thức "
            f"{forms[auction['form']]}, phương thức {methods[auction['method']]}."
        )
        facts.append(f"Tổ chức đấu giá tài sản: {meta['auctioneer']['name']}.")
    else:
        app = meta["application"]
        facts.append(
            f"Thời gian nhận hồ sơ: từ {short_dt(app['from'])} đến {short_dt(app['to'])} tại {app['place']}."
        )
        if app.get("method"):
            facts.append(f"Cách thức nộp hồ sơ: {app['method']}.")
        for criterion in meta.get("criteria") or []:
            facts.append(f"Tiêu chí: {criterion}.")
    return facts


def render(meta: dict, body: str, unit: dict, units: dict[str, dict], slug: str, fonts: Fonts) -> Image.Image:
    image = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(image)
    seed = zlib.crc32(slug.encode("utf-8"))
    published = parse_datetime(meta["date"])
    superior, issuer, symbol = issuer_lines(unit, units)

    # Heading: issuing body on the left, national motto on the right.
    left_center, right_center = 215, 590
    y = MARGIN_TOP
    small, small_bold = fonts("regular", 14), fonts("bold", 14)
    y_left = y
    for line in balanced(superior, small, 320):
        centered(draw, left_center, y_left, line, small)
        y_left += 19
    for line in balanced(issuer, small_bold, 320):
        centered(draw, left_center, y_left, line, small_bold)
        y_left += 19
    draw.line((left_center - 45, y_left + 3, left_center + 45, y_left + 3), fill=INK, width=1)
    number = f"Số: {seed % 480 + 12}/TB-{symbol}"
    centered(draw, left_center, y_left + 14, number, fonts("regular", 15))

    centered(draw, right_center, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", small_bold)
    motto = "Độc lập - Tự do - Hạnh phúc"
    width = centered(draw, right_center, y + 20, motto, fonts("bold", 15))
    draw.line((right_center - width / 2, y + 41, right_center + width / 2, y + 41), fill=INK, width=1)
    centered(draw, right_center, y + 56, f"Lạng Sơn, {vn_date(published)}", fonts("italic", 15))

    # Title.
    y = max(y_left + 60, y + 110)
    centered(draw, PAGE[0] / 2, y, "THÔNG BÁO", fonts("bold", 22))
    y += 34
    subject = re.sub(r"^Thông báo\s+", "", meta["title"])
    subject = "Về việc " + subject[0].lower() + subject[1:]
    for line in wrap(subject, fonts("bold", 16), 600):
        centered(draw, PAGE[0] / 2, y, line, fonts("bold", 16))
        y += 22
    draw.line((PAGE[0] / 2 - 60, y + 6, PAGE[0] / 2 + 60, y + 6), fill=INK, width=1)
    y += 26

    # Body: the grounds (first paragraph), the summary, then the key facts.
    text_width = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT
    regular, italic = fonts("regular", 14), fonts("italic", 14)
    line_height = 20
    bottom_limit = PAGE[1] - 300
    paragraphs = [p for p in body.strip().split("\n\n") if p.strip() and not p.startswith("#")]
    grounds = plain(paragraphs[0]) if paragraphs else ""
    blocks: list[tuple[str, ImageFont.FreeTypeFont, str]] = []
    if grounds.startswith("Căn cứ"):
        for part in [p.strip() for p in grounds.split(";") if p.strip()]:
            blocks.append((part.rstrip(".") + ";", italic, ""))
    blocks.append((plain(meta["summary"]), regular, ""))
    for fact in key_facts(meta):
        blocks.append((fact, regular, "- "))
    if meta.get("status") in ("cancelled", "postponed") and meta.get("status_reason"):
        label = "Hủy cuộc đấu giá" if meta["status"] == "cancelled" else "Hoãn cuộc đấu giá"
        blocks.append((f"{label}: {meta['status_reason']}.", fonts("bold", 14), ""))
    for text, font, bullet in blocks:
        lines = wrap(bullet + text, font, text_width - 30)
        if y + len(lines) * line_height > bottom_limit:
            break  # keep whole items only
        for index, line in enumerate(lines):
            x = MARGIN_LEFT + (30 if index == 0 and not bullet else 0)
            draw.text((x, y), line, font=font, fill=INK)
            y += line_height
        y += 5

    # Recipients (left) and signature with seal (right).
    y_sign = max(y + 20, PAGE[1] - 270)
    draw.text((MARGIN_LEFT, y_sign), "Nơi nhận:", font=fonts("bold", 13), fill=INK)
    for i, line in enumerate(
        [
            "- Các đương sự;",
            "- Tổ chức đấu giá tài sản;",
            "- Trang thông tin điện tử;",
            "- Lưu: VT, hồ sơ THA.",
        ]
    ):
        draw.text((MARGIN_LEFT, y_sign + 19 + i * 17), line, font=fonts("regular", 12), fill=INK)

    sign_center = 590
    centered(draw, sign_center, y_sign, "CHẤP HÀNH VIÊN", fonts("bold", 15))
    seal_box = (sign_center - 118, y_sign + 28, sign_center - 8, y_sign + 138)
    draw.ellipse(seal_box, outline=RED, width=4)
    inner = (seal_box[0] + 9, seal_box[1] + 9, seal_box[2] - 9, seal_box[3] - 9)
    draw.ellipse(inner, outline=RED, width=2)
    seal_font = fonts("bold", 9)
    seal_lines = wrap(unit.get("short_name", "").upper(), seal_font, 70)[:3]
    seal_y = (seal_box[1] + seal_box[3]) / 2 - len(seal_lines) * 6
    for i, line in enumerate(seal_lines):
        centered(draw, (seal_box[0] + seal_box[2]) / 2, int(seal_y + i * 12), line, seal_font, fill=RED)
    # A hand-drawn-looking signature stroke.
    points = [
        (sign_center - 20 + i * 6, y_sign + 80 + ((seed >> (i % 16)) & 7) - (i % 3) * 4) for i in range(18)
    ]
    draw.line(points, fill=(25, 35, 120), width=2, joint="curve")
    centered(draw, sign_center + 20, y_sign + 112, "(Đã ký)", fonts("italic", 13))
    signer = SIGNERS[seed % len(SIGNERS)]
    centered(draw, sign_center + 20, y_sign + 150, signer, fonts("bold", 15))
    return image


def render_document(document: dict, types: dict, fonts: Fonts) -> Image.Image:
    """A sample legal document of the agency: heading, number, title, abstract, signature."""
    image = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(image)
    issued = parse_datetime(document["issued"])
    small_bold = fonts("bold", 14)
    centered(draw, 215, MARGIN_TOP, "BỘ TƯ PHÁP", fonts("regular", 14))
    for offset, line in enumerate(balanced(document["issuer"].upper(), small_bold, 320)):
        centered(draw, 215, MARGIN_TOP + 19 * (offset + 1), line, small_bold)
    centered(draw, 215, MARGIN_TOP + 70, f"Số: {document['number']}", fonts("regular", 15))
    centered(draw, 590, MARGIN_TOP, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", small_bold)
    centered(draw, 590, MARGIN_TOP + 20, "Độc lập - Tự do - Hạnh phúc", fonts("bold", 15))
    centered(draw, 590, MARGIN_TOP + 56, f"Lạng Sơn, {vn_date(issued)}", fonts("italic", 15))
    y = MARGIN_TOP + 140
    centered(draw, PAGE[0] / 2, y, types[document["type"]].upper(), fonts("bold", 22))
    y += 34
    for line in wrap(document["title"], fonts("bold", 16), 600):
        centered(draw, PAGE[0] / 2, y, line, fonts("bold", 16))
        y += 22
    y += 30
    body = fonts("regular", 16)
    for line in wrap(document.get("abstract", ""), body, PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT):
        draw.text((MARGIN_LEFT, y), line, font=body, fill=INK)
        y += 24
    y += 40
    centered(
        draw,
        PAGE[0] / 2,
        y,
        "BẢN MẪU – văn bản minh họa, không có giá trị pháp lý",
        fonts("italic", 15),
        fill=RED,
    )
    return image


def save_pdf(image: Image.Image, target: Path, title: str, author: str, published: dt.datetime) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = published.timetuple()
    for quality in (60, 45, 30):
        image.save(
            target,
            "PDF",
            resolution=float(DPI),
            quality=quality,
            title=title,
            author=author,
            creationDate=stamp,
            modDate=stamp,
        )
        if target.stat().st_size <= MAX_BYTES:
            return
    sys.exit(f"{target} is larger than {MAX_BYTES} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root", default=Path(__file__).resolve().parent.parent / "sites" / "lang-son", type=Path
    )
    args = parser.parse_args()
    root: Path = args.root
    units = {u["id"]: u for u in yaml.safe_load((root / "data" / "units.yml").read_text(encoding="utf-8"))}
    fonts = Fonts()
    written = 0
    for path in sorted((root / "content" / "notices").glob("*/*.md")):
        meta, body = read_notice(path)
        for attachment in meta.get("attachments") or []:
            target = root / "content" / attachment["file"]
            if target.suffix.lower() != ".pdf":
                continue
            unit = units[meta["unit"]]
            image = render(meta, body, unit, units, path.stem, fonts)
            save_pdf(image, target, meta["title"], unit["name"], parse_datetime(meta["date"]))
            written += 1
            print(f"{target.relative_to(root)}  {target.stat().st_size // 1024} KB")
    legal = yaml.safe_load((root / "data" / "legal_documents.yml").read_text(encoding="utf-8"))
    for document in legal["documents"]:
        if document.get("file") and document.get("sample"):
            target = root / "content" / document["file"]
            image = render_document(document, legal["types"], fonts)
            save_pdf(image, target, document["title"], document["issuer"], parse_datetime(document["issued"]))
            written += 1
            print(f"{target.relative_to(root)}  {target.stat().st_size // 1024} KB")
    print(f"{written} attachment(s) written")


if __name__ == "__main__":
    main()
