"""Amounts a notice states in words must agree with its structured fields.

The starting price, deposit and dossier fee live in front matter, and pages, feeds, the
calendar and open data show them from there; an editor who changes `starting_price` but not
the summary or body would publish two prices for one asset. Each amount written right after
"giá khởi điểm", "tiền đặt trước" or "tiền (mua) hồ sơ" is compared with its field.
"""

from __future__ import annotations

import re

from .formatting import format_money
from .problems import Problem

FIELDS = {
    "giá khởi điểm": ("starting_price", "giá khởi điểm"),
    "tiền đặt trước": ("deposit", "tiền đặt trước"),
    "tiền mua hồ sơ": ("dossier_fee", "tiền mua hồ sơ"),
    "tiền hồ sơ": ("dossier_fee", "tiền mua hồ sơ"),
}
# The label, then only punctuation, "là" or bold marks, then an amount in đồng.
_STATED = re.compile(
    r"(?P<label>giá khởi điểm|tiền đặt trước|tiền mua hồ sơ|tiền hồ sơ)"
    r"(?P<gap>(?:\s|:|\*|là)*)"
    r"(?P<amount>\d{1,3}(?:\.\d{3})+|\d+)(?:\*\*)?\s*(?:đồng|đ)\b",
    re.IGNORECASE,
)
# An amount of an earlier round or a part of the whole: "giá khởi điểm lần 1 …",
# "… của tài sản số 2": not this notice's field. Words before the label in its sentence.
_OTHER_AMOUNT = re.compile(r"(lần trước|lần \d|vòng trước|ban đầu|trước đây|giảm từ|cũ|mỗi|từng)\s*$")


def _amounts(text: str):
    for match in _STATED.finditer(text):
        sentence_start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        if _OTHER_AMOUNT.search(text[sentence_start : match.start()].lower()):
            continue
        yield match.group("label").lower(), int(match.group("amount").replace(".", ""))


def stated_amount_problems(record, summary_line: int | None, body: str, body_line: int, source: str) -> list:
    """A problem for each stated amount that differs from its field (fields left empty are
    not compared)."""
    places = [(record.summary or "", summary_line, "summary")]
    places += [(line, body_line + offset, None) for offset, line in enumerate(body.split("\n"))]
    problems = []
    for text, line, field in places:
        if not text or "đ" not in text:
            continue
        for label, amount in _amounts(text):
            name, shown = FIELDS[label]
            expected = getattr(record, name, None)
            if expected is None or expected == amount:
                continue
            where = "Phần tóm tắt" if field else "Nội dung"
            problems.append(
                Problem(
                    source,
                    line,
                    field,
                    f"{where} ghi {shown} {format_money(amount)} nhưng trường {name} là "
                    f"{format_money(expected)}; hai số phải khớp (trang, nguồn tin và dữ liệu mở "
                    "hiện cả hai). Hãy sửa số sai.",
                    code="stated-amount",
                )
            )
    return problems
