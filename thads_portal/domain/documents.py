"""One content file read, decoded, parsed and validated: the river's first step.

The Pelican reader and `thads check` both call `load_document`, so the build and the
checker report the same problems in the same words.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import encoding, frontmatter, markup
from .collection import Entry
from .data import PortalData
from .news import NewsPost, Page
from .notice_checks import missing_unit, notice_problems
from .notices import Notice, partial_notice
from .problems import ERROR, WARNING, Problem, display_path
from .references import Reference, body_references, file_problems, front_references
from .stated_amounts import stated_amount_problems
from .text import nfc, slugify
from .validation import validate

NEWS, NOTICE, PAGE = "news", "notice", "page"
MODELS = {NEWS: NewsPost, NOTICE: Notice, PAGE: Page}
PAGES_FOLDER = "pages"
# Characters no editor types: C0 controls but tab and line ends (feeds cannot carry them),
# and the bidirectional overrides that make "gnp.exe" show as "exe.png".
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# ![](x.png) or ![ ](x.png): an image with no description for screen readers.
_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")


@dataclass
class Document:
    path: Path
    source: str
    kind: str
    front: frontmatter.FrontMatter | None = None
    record: NewsPost | Notice | Page | None = None
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    # The body as sanitized HTML, when loaded with a Markdown configuration.
    html: str = ""

    @property
    def ok(self) -> bool:
        return self.record is not None and not any(p.severity == ERROR for p in self.problems)

    @property
    def slug(self) -> str:
        if self.record is not None and self.record.slug:
            return self.record.slug
        return file_slug(self.path)

    @property
    def body(self) -> str:
        return self.front.body if self.front else ""

    def entry(self, save_as: str = "", url: str = "") -> Entry | None:
        """What the collection checks need; None when the file could not be parsed."""
        if self.front is None:
            return None
        lines = dict(self.front.lines)
        return Entry(
            self.source, self.kind, self.slug, save_as, self.record, lines, url, tuple(self.references)
        )


def file_slug(path: Path) -> str:
    """The address part a file name gives, made as from a title (ASCII, no spaces); a long
    name is kept whole, as its address always was."""
    stem = nfc(Path(path).stem)
    return slugify(stem, max_length=len(stem))


def _file_name_problems(document: Document) -> list[Problem]:
    if document.record is None or document.record.slug:
        return []
    slug, name = file_slug(document.path), nfc(document.path.name)
    if not slug:
        message = (
            f"Tên tệp '{name}' không cho ra địa chỉ trang nào; hãy đặt tên tệp bằng chữ không dấu, "
            "chữ số và dấu '-', ví dụ 'hoi-nghi-tong-ket.md', hoặc thêm trường slug."
        )
        return [Problem(document.source, None, None, message, code="file-name")]
    if slug != nfc(document.path.stem):
        message = (
            f"Tên tệp '{name}' có dấu, chữ hoa, dấu cách hoặc ký tự khác; địa chỉ trang sẽ là "
            f"'{slug}'. Nên đổi tên tệp thành '{slug}{document.path.suffix}'."
        )
        return [Problem(document.source, None, None, message, WARNING, code="file-name")]
    return []


def classify(data: dict, relative: Path) -> str:
    if "notice_type" in data:
        return NOTICE
    if relative.parts and relative.parts[0] == PAGES_FOLDER:
        return PAGE
    return NEWS


def read_text(path: Path, source: str) -> tuple[str | None, list[Problem]]:
    """Decode a file; name legacy encodings, a byte-order mark, decomposed text."""
    decoded = encoding.decode(path.read_bytes())
    if decoded.text is None:
        name = encoding.ENCODING_NAMES.get(decoded.encoding, decoded.encoding)
        return None, [
            Problem(
                source,
                None,
                None,
                f"Tệp không lưu ở mã UTF-8 mà ở {name}. Hãy chạy 'thads check --fix' "
                "hoặc lưu lại tệp với mã UTF-8.",
                code=f"encoding:{decoded.encoding}",
            )
        ]
    problems = []
    if decoded.bom:
        problems.append(
            Problem(
                source,
                1,
                None,
                "Tệp có ký tự đánh dấu BOM ở đầu; hãy chạy 'thads check --fix' để bỏ.",
                code="bom",
            )
        )
    if decoded.nfd:
        problems.append(
            Problem(
                source,
                _first_nfd_line(decoded.text),
                None,
                "Chữ tiếng Việt ở dạng tổ hợp (NFD), tìm kiếm sẽ không thấy; hãy chạy "
                "'thads check --fix' để chuẩn hóa (NFC).",
                code="nfd",
            )
        )
    problems += _invisible_characters(decoded.text, source)
    for number, line, converted in encoding.tcvn3_lines(decoded.text)[:3]:
        problems.append(
            Problem(
                source,
                number,
                None,
                f"Dòng này gõ bằng phông TCVN3 (ABC, .VnTime): '{line[:60]}' chuyển sang Unicode là "
                f"'{converted[:60]}'. Hãy gõ lại bằng Unicode hoặc chạy 'thads check --fix-tcvn3'.",
                code="tcvn3",
            )
        )
    return nfc(decoded.text), problems


def _invisible_characters(text: str, source: str) -> list[Problem]:
    if not _INVISIBLE.search(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = _INVISIBLE.search(line)
        if found:
            problems.append(
                Problem(
                    source,
                    number,
                    None,
                    f"Dòng này có ký tự ẩn không được phép (mã U+{ord(found.group()):04X}: ký tự điều khiển "
                    "hoặc ký tự đảo chiều chữ), thường do dán từ phần mềm khác; hãy xóa rồi gõ lại đoạn đó.",
                    code="invisible-character",
                )
            )
    return problems


def _first_nfd_line(text: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if nfc(line) != line:
            return number
    return 1


@functools.lru_cache(maxsize=8)
def _resolved(folder: Path) -> Path:
    return Path(folder).resolve()


def _inside(path: Path, content_root: Path) -> Path:
    """The file's path inside content/: by its plain absolute path, as Pelican gives it (a
    resolved path costs a `stat` per folder of every file); resolved where that is not
    inside (the root or the file reached through a link)."""
    plain, root = os.path.abspath(path), os.path.abspath(content_root).rstrip(os.sep) + os.sep
    if plain.startswith(root):
        return Path(plain[len(root) :])
    return path.resolve().relative_to(_resolved(content_root))


def load_document(
    path: Path,
    portal: PortalData,
    content_root: Path,
    markdown: dict | None,
    today: dt.date,
    text: str | None = None,
) -> Document:
    """`markdown`: the Markdown configuration; with it the body is rendered and sanitized,
    and each construct the sanitizer removes is a problem. `today`: the build's day (the
    units a notice without `unit` is told it may use), read once by the caller. `text`:
    the file's text before it is written (the editing interface's check before saving)."""
    path = Path(path)
    relative = _inside(path, content_root)
    source = display_path(path, Path(content_root).parent)
    text, problems = read_text(path, source) if text is None else (nfc(text), [])
    document = Document(path=path, source=source, kind=NEWS, problems=problems)
    if text is None:
        return document
    try:
        document.front = frontmatter.parse(text)
    except frontmatter.FrontMatterError as error:
        document.problems += [
            Problem(source, line, None, message, code="yaml") for message, line in error.errors
        ]
        return document
    document.kind = classify(document.front.data, relative)
    record, found = validate(MODELS[document.kind], document.front, source, {"portal": portal})
    if document.kind == NOTICE:  # a missing unit: where to add it, and which codes
        found = [
            missing_unit(document.front, source, portal, today)
            if (p.field, p.code) == ("unit", "field:missing")
            else p
            for p in found
        ]
    document.problems += found
    document.record = record
    if isinstance(record, Notice):
        document.problems += notice_problems(record, document.front, source, portal)
        document.problems += stated_amount_problems(
            record, document.front.lines.get("summary"), document.body, document.front.body_line, source
        )
    elif document.kind == NOTICE:  # type errors: check what did validate, in the same run
        partial, invalid = partial_notice(document.front.data)
        document.problems += notice_problems(partial, document.front, source, portal, invalid)
    document.problems += _file_name_problems(document)
    document.problems += _body_problems(document)
    document.references = body_references(document.body, document.front.body_line)
    if record is not None:
        document.references += front_references(record, document.front.lines)
    document.problems += file_problems(document.references, Path(content_root), source)
    if markdown is not None:
        document.html, found = markup.render(document.body, markdown, source, document.front.body_line)
        document.problems += found
    return document


def _body_problems(document: Document) -> list[Problem]:
    problems = []
    for offset, line in enumerate(document.body.split("\n")):
        if _IMAGE_WITHOUT_ALT.search(line):
            problems.append(
                Problem(
                    document.source,
                    document.front.body_line + offset,
                    None,
                    "Ảnh trong bài thiếu mô tả: viết mô tả giữa dấu [ ], ví dụ ![Quang cảnh hội nghị](...).",
                    code="image-alt",
                )
            )
    return problems


def newest_first(documents) -> list:
    """Newest first; documents of the same moment by address, so that the order is the same
    in every build on every machine (content files are read in directory order)."""
    return sorted(documents, key=lambda document: (document.date, document.slug), reverse=True)
