"""A document's Markdown body as the HTML that pages, feeds, search and open data carry.

Raw HTML is escaped by the Markdown converter; what the converter itself makes (attribute
lists `{: … }`, link and image targets) is then sanitized by nh3 (the Ammonia sanitizer)
against the allow-list below. Whatever the sanitizer removes is reported with its line,
so the build refuses the file and `thads check` names each removed construct.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3
from markdown import Markdown

from .problems import Problem

# What Python-Markdown and its `extra`, `sane_lists` and `toc` extensions produce.
ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "ins",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
ALLOWED_ATTRIBUTES = {
    # Anchors for in-page links (headings get ids from their text), tooltips, language.
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "code": {"class"},  # only `language-…` (fenced code), see _code_language
    # Table column alignment (text-align only, see STYLE_PROPERTIES).
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
}
STYLE_PROPERTIES = frozenset({"text-align"})
# Classes the footnotes extension writes; no other class, so content cannot dress up as
# the theme's own parts (status badges, warnings).
ALLOWED_CLASSES = {"div": {"footnote"}, "a": {"footnote-ref", "footnote-backref"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Only to name what was removed: schemes the strict pass drops that a probe would try.
_OBSERVED_SCHEMES = URL_SCHEMES | {
    "javascript", "vbscript", "data", "file", "blob", "about", "ftp", "ws", "wss", "intent",
    "view-source", "jar", "livescript", "mocha", "feed", "filesystem", "ms-its", "mhtml",
}  # fmt: skip
_URL_ATTRIBUTES = {"href", "src"}
_CODE_LANGUAGE = re.compile(r"^language-[a-z0-9+#-]{1,30}$")

MARKDOWN_EXTENSIONS = {
    "markdown.extensions.extra": {"footnotes": {"BACKLINK_TITLE": "Quay lại chú thích %d trong bài"}},
    "markdown.extensions.sane_lists": {},
    "markdown.extensions.toc": {"permalink": False},
}
# Pelican's MARKDOWN setting (pelicanconf.py uses this one).
MARKDOWN = {"extension_configs": MARKDOWN_EXTENSIONS, "output_format": "html5"}

_converters: dict[tuple[int, bool], Markdown] = {}
# Every inline construct (links, images, emphasis, code, escapes, entities, autolinks, line
# breaks, footnote references) starts with one of these; a tab may become the spaces of a
# line break. A body without any (plain paragraphs: most news, every corpus document) gives
# the inline patterns nothing to match, only text to scan, so it is converted without them.
# Only with the engine's own configuration, whose patterns these are (a test lists them).
_INLINE_MARKUP = re.compile(r"[`\\\[<&*_\t]| {2}[\r\n]")


def _converter(config: dict, inline: bool = True) -> Markdown:
    """One converter per configuration (and with or without the inline step), reset
    between documents."""
    markdown = _converters.get((id(config), inline))
    if markdown is None:
        options = dict(config)
        configs = options.get("extension_configs", {})
        options["extensions"] = list(dict.fromkeys([*options.get("extensions", []), *configs]))
        markdown = Markdown(**options)
        # Raw HTML is shown as text, never run: the site runs under a strict CSP.
        markdown.preprocessors.deregister("html_block")
        markdown.inlinePatterns.deregister("html")
        if not inline:
            markdown.treeprocessors.deregister("inline")
        _converters[(id(config), inline)] = markdown
    return markdown


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "code" and name == "class":
        return value if _CODE_LANGUAGE.match(value) else None
    if name in _URL_ATTRIBUTES and value.lstrip().startswith("{"):
        return None  # Pelican's {filename}/{static} syntax: Pelican would rewrite it
    return value


def _style(value: str) -> str:
    return re.sub(r"\s+|;$", "", value.strip())


# Made once: a cleaner built for every document took half the time of the cleaning.
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
    filter_style_properties=set(STYLE_PROPERTIES),
    attribute_filter=_filter_attribute,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)
# The same tags as `_CLEANER` with every attribute kept: the difference is what
# `sanitize` removed.
_OBSERVER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    generic_attribute_prefixes={""},
    url_schemes=set(_OBSERVED_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def sanitize(markup: str) -> str:
    """Keep only the allowed tags, attributes, classes, styles and URL schemes."""
    return _CLEANER.clean(markup)


class _Attributes(HTMLParser):
    """Every element's attributes, in document order."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str]]]] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, [(name, value or "") for name, value in attrs]))


def _removed(raw: str, clean: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) that the sanitizer removed; the two passes keep the same
    tags, so their elements pair up in order."""
    observed = _OBSERVER.clean(raw)
    if observed == clean:
        return []
    removed = []
    for (tag, before), (_, after) in zip(
        _Attributes(observed).elements, _Attributes(clean).elements, strict=False
    ):
        kept = dict(after)
        for name, value in before:
            if name == "class":
                classes = set(kept.get("class", "").split())
                removed += [(tag, name, word) for word in value.split() if word not in classes]
            elif name == "style":
                if _style(value) and _style(value) != _style(kept.get("style", "")):
                    removed.append((tag, name, value))
            elif name not in kept:
                removed.append((tag, name, value))
    return removed


def _line_of(body_lines: list[str], first_line: int, *needles: str) -> int | None:
    for needle in needles:
        if not needle:
            continue
        for offset, line in enumerate(body_lines):
            if needle in line or needle in html.unescape(line):
                return first_line + offset
    return None


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def _message(tag: str, name: str, value: str) -> tuple[str, str]:
    shown = value if len(value) <= 60 else value[:57] + "…"
    if name in _URL_ATTRIBUTES and value.lstrip().startswith("{"):
        return "unsafe-url", (
            f"Địa chỉ '{shown}' viết theo cú pháp {{…}} không dùng ở đây nên đã bị loại bỏ; hãy dùng địa "
            "chỉ bắt đầu bằng '/', ví dụ '/thong-bao/ten-thong-bao/' hoặc '/files/ten-tep.pdf'."
        )
    if name in _URL_ATTRIBUTES:
        scheme = _SCHEME.match(value.strip())
        label = f"'{scheme.group(1).lower()}:'" if scheme else "này"
        return "unsafe-url", (
            f"Địa chỉ '{shown}' dùng giao thức {label} không được phép nên đã bị loại bỏ. Chỉ dùng "
            "liên kết http://, https://, mailto:, tel: hoặc địa chỉ trong trang bắt đầu bằng '/'."
        )
    allowed = ", ".join(sorted(ALLOWED_ATTRIBUTES["*"]))
    what = f"Lớp '{value}'" if name == "class" else f"Thuộc tính '{name}'"
    if name == "style":
        what = f"Kiểu trình bày '{shown}'"
    return "unsafe-attribute", (
        f"{what} (trên thẻ <{tag}>, thường do cú pháp {{: … }}) không được phép nên đã bị loại bỏ. "
        f"Trong cú pháp {{: … }} chỉ dùng được: {allowed}. Hãy xóa phần đó."
    )


def render(body: str, config: dict, source: str, first_line: int) -> tuple[str, list[Problem]]:
    """The body as sanitized HTML, and a problem (with its line) for each construct the
    sanitizer removed."""
    inline = config != MARKDOWN or _INLINE_MARKUP.search(body) is not None
    raw = _converter(config, inline).reset().convert(body)
    clean = sanitize(raw)
    problems = []
    if clean != raw:  # most documents: nothing to name
        lines = body.split("\n")
        for tag, name, value in dict.fromkeys(_removed(raw, clean)):
            code, message = _message(tag, name, value)
            line = _line_of(lines, first_line, value if name in _URL_ATTRIBUTES else "", name, value)
            problems.append(Problem(source, line, None, message, code=code))
    return clean, problems
