"""Links, images and attachments a content file points to, and whether they resolve.

Files (images, attachments) are checked per document; links to other pages are checked
across the collection, once every page's address and publication moment is known
(`link_problems`): a published page may not link to a draft, nor to a page scheduled
after it goes live, nor to a category or tag that has no published post.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .text import nfc, slugify

# ![alt](target "title") and [text](target "title"); `<…>` autolinks are not used here.
_MARKDOWN_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# [label]: target "title" (a reference definition) and its uses [text][label], [label][], [label].
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*$")
_REFERENCE_USE = re.compile(r"(!?)\[([^\]]*)\](?:\[([^\]]*)\]|(?![\[(:]))")
_EXTERNAL = ("http://", "https://", "mailto:", "tel:", "#", "//")
# The folders of content/ published as files: a reference to a file must end in one of them.
PUBLISHED_FOLDERS = ("images", "files")
IMAGE_ALT_MESSAGE = "Ảnh trong bài thiếu mô tả: viết mô tả giữa dấu [ ], ví dụ ![Quang cảnh hội nghị](...)."


@dataclass(frozen=True)
class Reference:
    line: int | None
    field: str | None
    target: str
    image: bool = False
    # The description of a reference-style image (`![alt][label]`); None otherwise
    # (inline images' descriptions are checked with the body, in `documents`).
    alt: str | None = None


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def body_references(body: str, first_line: int) -> list[Reference]:
    lines = body.split("\n")
    definitions = {}
    for line in lines:
        match = "]:" in line and _DEFINITION.match(line)
        if match:
            definitions.setdefault(_label(match.group(1)), match.group(2))
    references = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        if "[" not in line or _DEFINITION.match(line):  # every form has a "["
            continue
        for match in _MARKDOWN_LINK.finditer(line):
            references.append(Reference(number, None, match.group(3), bool(match.group(1))))
        for match in _REFERENCE_USE.finditer(_MARKDOWN_LINK.sub(" ", line)):
            image, text, label = bool(match.group(1)), match.group(2), match.group(3)
            target = definitions.get(_label(label or text))
            if target is not None:
                references.append(Reference(number, None, target, image, text if image else None))
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
    """Images and files that are missing under content/, relative page links, and
    reference-style images without a description."""
    problems = []
    for reference in references:
        if reference.alt is not None and not reference.alt.strip():
            problems.append(Problem(source, reference.line, None, IMAGE_ALT_MESSAGE, code="image-alt"))
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
        if looks_like_file:
            message = file_message(content_root, relative, reference.target, reference.image)
            if message:
                problems.append(Problem(source, reference.line, reference.field, message[1], code=message[0]))
    return problems


def find_file(content_root: Path, relative: str) -> Path | None:
    """The file under content/ that `relative` names, compared after NFC normalization (a
    Mac saves names decomposed; text is composed), or None."""
    exact = content_root / relative
    if exact.is_file():
        return exact
    folder = content_root
    for part in nfc(relative).split("/"):
        try:
            names = os.listdir(folder)
        except OSError:
            return None
        match = next((name for name in names if nfc(name) == part), None)
        if match is None:
            return None
        folder = folder / match
    return folder if folder.is_file() else None


def published_file_sizes(content_root: Path) -> dict[str, int]:
    """Size in bytes of every file under content/images/ and content/files/, by its path
    relative to content/ (NFC, with slashes): taken once per build, so that a page showing a
    size reads a fact of the build's inputs, not the disk while it renders."""
    sizes = {}
    for folder in PUBLISHED_FOLDERS:
        for current, _, names in os.walk(Path(content_root) / folder):
            for name in names:
                path = os.path.join(current, name)
                relative = os.path.relpath(path, content_root).replace(os.sep, "/")
                try:
                    sizes[nfc(relative)] = os.stat(path).st_size
                except OSError:  # a dangling link: reported by unsafe_links
                    continue
    return sizes


def file_message(
    content_root: Path, relative: str, target: str, image: bool = False
) -> tuple[str, str] | None:
    """(code, message) when `relative` does not name a published file inside content/: it
    leaves content/ ('..', a link pointing out), is missing, or is outside images/ and files/."""
    kind = "Ảnh" if image else "Tệp"
    parts = relative.split("/")
    root = Path(content_root).resolve()
    found = None if ".." in parts else find_file(Path(content_root), relative)
    resolved = (found or Path(content_root) / relative).resolve()
    if ".." in parts or not resolved.is_relative_to(root):
        return "outside-content", (
            f"{kind} '{target}' nằm ngoài thư mục content/ (có '..' hoặc liên kết tắt "
            "trỏ ra ngoài); chỉ được dùng ảnh trong content/images/ và tệp trong content/files/."
        )
    if found is None:
        return "missing-file", (
            f"{kind} '{target}' không có trong thư mục content/ (tìm ở content/{relative})."
        )
    if resolved.relative_to(root).parts[0] not in PUBLISHED_FOLDERS:
        return "unpublished-file", (
            f"{kind} '{target}' không nằm trong content/images/ hay content/files/ nên không "
            "được đưa lên trang; hãy chép tệp vào một trong hai thư mục đó."
        )
    return None


def canonical_url(kind: str, slug: str, record, patterns: dict) -> str:
    """The address a document has once published (the settings' URL patterns)."""
    if kind == "notice":
        return patterns["NOTICE_URL"].format(slug=slug)
    if kind == "news":
        return patterns["ARTICLE_URL"].format(slug=slug)
    lang = getattr(record, "lang", None) or patterns.get("DEFAULT_LANG")
    pattern = patterns["PAGE_URL"] if lang == patterns.get("DEFAULT_LANG") else patterns["PAGE_LANG_URL"]
    return pattern.format(slug=slug, lang=lang)


def _as_page(address: str) -> str:
    relative = _path_part(address).lstrip("/")
    return relative if relative.endswith("/") or not relative else f"{relative}/"


def live_from(entry, now):
    """When an entry's page is on the published site: None for a draft. A file refused
    for its own errors counts as live, so that links to it add no second error."""
    record = entry.record
    if record is None:
        return now
    if getattr(record, "status", "") == "draft":
        return None
    date = getattr(record, "date", None)
    return date if date is not None and date > now else now


def _addresses(entry, patterns: dict) -> list[str]:
    urls = [entry.url] if entry.url and not entry.url.startswith("ban-nhap/") else []
    if {"NOTICE_URL", "ARTICLE_URL", "PAGE_URL"} <= set(patterns):
        urls.append(canonical_url(entry.kind, entry.slug, entry.record, patterns))
    urls += [_as_page(old) for old in getattr(entry.record, "redirect_from", None) or ()]
    return urls


def _taxonomy(entry, patterns: dict) -> list[str]:
    record = entry.record
    if entry.kind != "news" or record is None or "CATEGORY_URL" not in patterns:
        return []
    urls = [patterns["CATEGORY_URL"].format(slug=record.category)]
    return urls + [patterns["TAG_URL"].format(slug=slugify(tag)) for tag in record.tags]


def _when(moment) -> str:
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


def link_problems(entries, listing: tuple, now: dt.datetime) -> list[Problem]:
    """Links to pages that the published site will not have when the linking page is on it.

    `listing`: exact addresses and prefixes of generated pages, and optionally the URL
    patterns (`collection.listing_paths`) that give drafts and categories their addresses."""
    exact, prefixes = listing[0], listing[1]
    patterns = listing[2] if len(listing) > 2 else {}
    pages: dict[str, tuple] = {}  # address → (live from, or None for a draft; source)
    taxonomy: dict[str, object] = {}  # category or tag address → earliest live moment
    for entry in entries:
        moment = live_from(entry, now)
        for url in _addresses(entry, patterns):
            known = pages.get(url)
            if known is None or (moment is not None and (known[0] is None or moment < known[0])):
                pages[url] = (moment, entry.source)
        for url in _taxonomy(entry, patterns):
            if moment is not None and (taxonomy.get(url) is None or moment < taxonomy[url]):
                taxonomy[url] = moment
            taxonomy.setdefault(url, None)
    roots = tuple(patterns[key].split("{")[0] for key in ("CATEGORY_URL", "TAG_URL") if key in patterns)
    problems = []
    for entry in entries:
        linking = live_from(entry, now)
        for reference in entry.references:
            if reference.image or reference.field or not is_internal(reference.target):
                continue
            relative = _path_part(reference.target).lstrip("/")
            if not reference.target.startswith("/") or "." in relative.rsplit("/", 1)[-1]:
                continue  # relative links and files are reported by `file_problems`
            url = _as_page(reference.target)
            message = _link_message(reference.target, url, linking, pages, taxonomy, roots, exact, prefixes)
            if message:
                code, text = message
                problems.append(Problem(entry.source, reference.line, None, text, code=code))
    return problems


def _link_message(target, url, linking, pages, taxonomy, roots, exact, prefixes):
    if url in pages:
        moment, source = pages[url]
        if linking is None or (moment is not None and moment <= linking):
            return None
        if moment is None:
            return "draft-link", (
                f"Liên kết '{target}' dẫn tới bản nháp ({source}), trang đó chưa được đăng nên liên "
                "kết sẽ hỏng. Hãy đăng trang đó trước (xóa dòng 'status: draft') hoặc bỏ liên kết."
            )
        return "scheduled-link", (
            f"Liên kết '{target}' dẫn tới trang hẹn giờ đăng lúc {_when(moment)} ({source}), sau khi "
            "trang này được đăng; tới lúc đó liên kết sẽ hỏng. Hãy hẹn giờ trang này muộn hơn hoặc bỏ liên kết."
        )
    root = next((r for r in roots if url.startswith(r) and url != r), None)
    if root is not None:
        key = root + url[len(root) :].split("/")[0] + "/"
        if key in taxonomy:
            moment = taxonomy[key]
            if linking is None or (moment is not None and moment <= linking):
                return None
            return "draft-link", (
                f"Liên kết '{target}' dẫn tới chuyên mục hoặc thẻ chưa có bài nào được đăng "
                "(mới có bản nháp hoặc bài hẹn giờ); liên kết sẽ hỏng."
            )
    elif url in exact or any(url.startswith(prefix) for prefix in prefixes if prefix) or url == "":
        return None
    return "broken-link", f"Liên kết '{target}' dẫn tới trang không có trên trang thông tin."
