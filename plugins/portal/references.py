"""Links, images and attachments a content file points to, and whether they resolve.

Files (images, attachments) are checked per document; links to other pages are checked
across the collection, once every page's address is known (`check_links`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

# ![alt](target "title") and [text](target "title"); `<…>` autolinks are not used here.
_MARKDOWN_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_EXTERNAL = ("http://", "https://", "mailto:", "tel:", "#", "//")


@dataclass(frozen=True)
class Reference:
    line: int | None
    field: str | None
    target: str
    image: bool = False


def body_references(body: str, first_line: int) -> list[Reference]:
    references = []
    for offset, line in enumerate(body.split("\n")):
        for match in _MARKDOWN_LINK.finditer(line):
            references.append(Reference(first_line + offset, None, match.group(2), bool(match.group(1))))
    return references


def front_references(record, lines: dict[str, int]) -> list[Reference]:
    """Files named in front matter: a news post's image, a notice's attachments."""
    references = []
    if getattr(record, "image", ""):
        references.append(Reference(lines.get("image"), "image", record.image, True))
    for index, attachment in enumerate(getattr(record, "attachments", []) or []):
        field = f"attachments.{index}.file"
        references.append(Reference(lines.get(field), field, attachment.file))
    return references


def is_internal(target: str) -> bool:
    return not target.startswith(_EXTERNAL) and ":" not in target.split("/")[0]


def _path_part(target: str) -> str:
    return target.split("#")[0].split("?")[0]


def file_problems(references: list[Reference], content_root: Path, source: str) -> list[Problem]:
    """Images and files that are missing under content/, and relative page links."""
    problems = []
    for reference in references:
        if not is_internal(reference.target):
            continue
        path = _path_part(reference.target)
        from_front = reference.field is not None
        if not from_front and not path.startswith("/"):
            problems.append(
                Problem(
                    source,
                    reference.line,
                    reference.field,
                    f"Liên kết '{reference.target}' phải bắt đầu bằng '/', ví dụ "
                    f"'/{path.lstrip('./')}', để đúng ở mọi trang.",
                    code="relative-link",
                )
            )
            continue
        relative = path.lstrip("/")
        looks_like_file = from_front or reference.image or "." in relative.rsplit("/", 1)[-1]
        if looks_like_file and not (content_root / relative).is_file():
            kind = "Ảnh" if reference.image else "Tệp"
            problems.append(
                Problem(
                    source,
                    reference.line,
                    reference.field,
                    f"{kind} '{reference.target}' không có trong thư mục content/ "
                    f"(tìm ở content/{relative}).",
                    code="missing-file",
                )
            )
    return problems


def page_link_problems(
    references: list[Reference], source: str, known_urls: set[str], listing_prefixes: list[str]
) -> list[Problem]:
    """Links to pages (not files) that no page of the site has."""
    problems = []
    for reference in references:
        if reference.image or reference.field or not is_internal(reference.target):
            continue
        relative = _path_part(reference.target).lstrip("/")
        if not reference.target.startswith("/") or "." in relative.rsplit("/", 1)[-1]:
            continue  # relative links and files are reported by `file_problems`
        url = relative if relative.endswith("/") or not relative else f"{relative}/"
        if url in known_urls or any(url.startswith(prefix) for prefix in listing_prefixes if prefix):
            continue
        if url == "":
            continue
        problems.append(
            Problem(
                source,
                reference.line,
                None,
                f"Liên kết '{reference.target}' dẫn tới trang không có trên trang thông tin.",
                code="broken-link",
            )
        )
    return problems
