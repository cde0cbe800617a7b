"""YAML front matter between `---` lines, parsed with the line of every field.

Dates are left as text (YAML would turn `2026-09-03 08:30` into a string but
`2026-09-03 08:30:00` into a naive datetime); the models parse them all the same way.

Every YAML the site reads (front matter and `data/`) comes through `load_yaml`, which
refuses a text too long, too deeply nested, or whose aliases (`&a` ... `*a`) expand to too
many values (a "billion laughs" file of a few hundred bytes would otherwise take the build's
memory and never end): the composed node graph is measured before anything is built from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


# Keep timestamps as strings; keep YAML 1.1 booleans (yes/no) out of plain words.
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)

FENCE = "---"

FRONT_MATTER_SIZE_HINT = "hãy chuyển phần văn bản dài xuống nội dung bài, sau dòng '---' thứ hai."
DATA_SIZE_HINT = (
    "hãy xem tệp có bị dán thừa nội dung không; nếu dữ liệu thật sự dài như vậy, hãy báo người "
    "lập trình nâng giới hạn (DATA_LIMITS trong thads_portal/domain/frontmatter.py)."
)


@dataclass(frozen=True)
class Limits:
    """What one YAML text may hold: `max_bytes` of UTF-8 text, `max_nodes` values once every
    alias is expanded (an alias counts again each time it is used), `max_depth` levels of
    groups inside groups."""

    max_bytes: int
    max_nodes: int
    max_depth: int
    size_hint: str


# The largest sample front matter is under 3 KB, 100 values, 4 levels deep; the largest data
# file 13 KB, 660 values, 7 levels. The limits leave ample room and keep a refused file cheap.
FRONT_MATTER_LIMITS = Limits(64 * 1024, 10_000, 20, FRONT_MATTER_SIZE_HINT)
DATA_LIMITS = Limits(2 * 1024 * 1024, 200_000, 32, DATA_SIZE_HINT)


class FrontMatterError(Exception):
    """The front matter cannot be read; `line` is the file's 1-based line. `errors` holds
    this error and the further independent YAML syntax errors of the same text, each as
    (message, line)."""

    def __init__(self, message: str, line: int | None = None, more: Iterable[tuple[str, int | None]] = ()):
        super().__init__(message)
        self.message = message
        self.line = line
        self.errors = [(message, line), *more]


class _SyntaxError(FrontMatterError):
    """A YAML syntax error; `index`: the 0-based line of the YAML text that causes it."""

    def __init__(self, message: str, line: int | None, index: int | None):
        super().__init__(message, line)
        self.index = index


# Syntax errors reported for one text at most: the first and the further ones found by
# reading again with each offending line left out.
MAX_SYNTAX_ERRORS = 10


@dataclass
class FrontMatter:
    data: dict[str, Any]
    body: str
    # Field path ("registration.to", "assets.0.name") → 1-based line in the file.
    lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1

    def line_of(self, path: str) -> int | None:
        """The line of a field, or of its closest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition(".")[0]
        return None


def split(text: str) -> tuple[str, str, int]:
    """Return (yaml text, body, line where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(
            "Tệp phải bắt đầu bằng dòng '---' rồi đến phần thông tin (front matter) và một dòng '---' nữa.",
            1,
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise FrontMatterError("Không tìm thấy dòng '---' đóng phần thông tin ở đầu tệp.", len(lines))


def _record_lines(node: yaml.Node, prefix: str, offset: int, lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            lines[path] = key_node.start_mark.line + offset
            _record_lines(value_node, path, offset, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}.{index}" if prefix else str(index)
            lines[path] = item.start_mark.line + offset
            _record_lines(item, path, offset, lines)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _check_size(text: str, first_line: int, limits: Limits) -> None:
    encoded = text.encode("utf-8")
    if len(encoded) > limits.max_bytes:
        line = encoded[: limits.max_bytes].count(b"\n") + first_line
        raise FrontMatterError(
            f"Nội dung YAML dài quá {_number(limits.max_bytes // 1024)} KB (vượt từ dòng này); "
            + limits.size_hint,
            line,
        )


def _check_expansion(root: yaml.Node, first_line: int, limits: Limits) -> None:
    """Count the values of the document as built, an alias's target once per use, without
    building it: each node's total is kept, so the count is linear in the composed text.
    A node whose alias is used inside itself would expand without end: refused too."""
    totals: dict[int, tuple[int, int]] = {}  # id(node) -> (values, levels below and with it)
    open_nodes: set[int] = set()

    def too_many(line: int) -> FrontMatterError:
        return FrontMatterError(
            f"Nội dung YAML quá lớn: hơn {_number(limits.max_nodes)} giá trị khi tính cả các phần "
            "lặp lại bằng bí danh ('&tên' rồi '*tên'). Hãy viết thẳng từng giá trị, không dùng "
            "'&' và '*' ở đầu giá trị (hoặc đặt giá trị trong ngoặc kép).",
            line,
        )

    def too_deep(line: int) -> FrontMatterError:
        return FrontMatterError(
            f"Nội dung YAML lồng nhau quá {limits.max_depth} tầng (nhóm trong nhóm); "
            "hãy viết lại theo mẫu, bớt các tầng lồng nhau.",
            line,
        )

    def visit(node: yaml.Node, level: int) -> tuple[int, int]:
        line = node.start_mark.line + first_line
        known = totals.get(id(node))
        if known is None and not isinstance(node, yaml.CollectionNode):
            known = (1, 1)
        if known is not None:
            if level + known[1] - 1 > limits.max_depth:
                raise too_deep(line)
            return known
        if level > limits.max_depth:
            raise too_deep(line)
        if id(node) in open_nodes:  # an alias inside its own anchor: no end to it
            raise too_many(line)
        open_nodes.add(id(node))
        count, height = 1, 1
        if isinstance(node, yaml.MappingNode):
            groups = [(key.start_mark.line + first_line, (key, value)) for key, value in node.value]
        else:
            groups = [(line, (item,)) for item in node.value]
        for where, children in groups:
            for child in children:
                child_count, child_height = visit(child, level + 1)
                count += child_count
                height = max(height, child_height + 1)
                if count > limits.max_nodes:
                    raise too_many(where)
        open_nodes.discard(id(node))
        totals[id(node)] = (count, height)
        return count, height

    visit(root, 1)


def _read(text: str, first_line: int, limits: Limits) -> tuple[yaml.Node | None, Any]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_expansion(node, first_line, limits)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        # An unclosed quote is only noticed at the end: point at where it opened.
        at_end = "end of stream" in (error.problem or "")
        mark = (error.context_mark if at_end else None) or error.problem_mark
        line = mark.line + first_line if mark is not None else None
        # A field name without ':' is noticed on the next line; the name's own line is the
        # one to leave out when reading again.
        no_colon = "could not find expected ':'" in (error.problem or "")
        culprit = (error.context_mark if no_colon else None) or mark
        raise _SyntaxError(
            _yaml_message(error), line, culprit.line if culprit is not None else None
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"Nội dung YAML không đọc được: {error}", first_line) from None
    finally:
        loader.dispose()
    return node, data


def _further_errors(
    text: str, error: _SyntaxError, first_line: int, limits: Limits
) -> list[tuple[str, int | None]]:
    """The syntax errors after `error`: the text read again with each offending line
    blanked, until it reads or MAX_SYNTAX_ERRORS are found."""
    lines = text.split("\n")
    blanked: set[int] = set()
    found: list[tuple[str, int | None]] = []
    while len(found) + 1 < MAX_SYNTAX_ERRORS:
        index = error.index
        if index is None or not 0 <= index < len(lines) or index in blanked or not lines[index].strip():
            break
        lines[index] = ""
        blanked.add(index)
        try:
            _read("\n".join(lines), first_line, limits)
        except _SyntaxError as later:
            if later.index in blanked:
                break
            found.append((later.message, later.line))
            error = later
            continue
        except FrontMatterError:
            pass
        break
    return found


def load_yaml(text: str, first_line: int = 1, limits: Limits = DATA_LIMITS) -> tuple[Any, dict[str, int]]:
    """Parse YAML; return the data and the file line of every field path.

    `first_line` is the file line where `text` starts (2 inside front matter). A text over
    `limits` is refused (FrontMatterError) before its data is built. A syntax error is
    raised with the further independent ones of the text (`FrontMatterError.errors`).
    """
    _check_size(text, first_line, limits)
    try:
        node, data = _read(text, first_line, limits)
    except _SyntaxError as error:
        raise FrontMatterError(
            error.message, error.line, _further_errors(text, error, first_line, limits)
        ) from None
    lines: dict[str, int] = {}
    if node is not None:
        _record_lines(node, "", first_line, lines)
    return data, lines


def parse(text: str) -> FrontMatter:
    yaml_text, body, body_line = split(text)
    data, lines = load_yaml(yaml_text, first_line=2, limits=FRONT_MATTER_LIMITS)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("Phần thông tin phải là các dòng 'tên: giá trị' (ví dụ 'title: Tiêu đề').", 2)
    return FrontMatter(data=data, body=body, lines=lines, body_line=body_line)


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    hints = {
        "mapping values are not allowed": (
            "có dấu hai chấm ':' trong giá trị; hãy đặt cả giá trị trong dấu ngoặc kép"
        ),
        "cannot start any token": (
            "có ký tự không được đứng đầu giá trị (Tab, @ hoặc `); hãy thụt lề bằng "
            "dấu cách và đặt giá trị trong ngoặc kép"
        ),
        "could not find expected ':'": "thiếu dấu hai chấm ':' sau tên trường",
        "found undefined alias": "dấu '*' ở đầu giá trị; hãy đặt giá trị trong ngoặc kép",
        "found duplicate anchor": "dấu '&' ở đầu giá trị; hãy đặt giá trị trong ngoặc kép",
        "found unexpected end of stream": "thiếu dấu ngoặc kép đóng",
        "found unknown escape character": ("ký tự '\\' trong ngoặc kép; hãy dùng ngoặc đơn hoặc bỏ dấu '\\'"),
        "did not find expected ',' or ']'": "thiếu dấu ']' đóng danh sách, hoặc thiếu dấu ',' giữa hai mục",
        "did not find expected ',' or '}'": "thiếu dấu '}' đóng nhóm, hoặc thiếu dấu ',' giữa hai mục",
    }
    for english, vietnamese in hints.items():
        if english in problem:
            return f"Sai cú pháp YAML: {vietnamese}."
    return f"Sai cú pháp YAML ({problem or error})."
