"""Checks across all content: duplicate slugs and addresses, notices that follow
notices that do not exist. Single-file checks are in `documents.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from .problems import Problem
from .references import link_problems
from .rules import Rule, check_notice, finding_message

KIND_LABELS = {"news": "bài viết", "notice": "thông báo", "page": "trang"}


@dataclass(frozen=True)
class Entry:
    """What the collection checks need of one piece of content."""

    source: str
    kind: str
    slug: str
    save_as: str
    record: object
    lines: dict | None = None
    url: str = ""
    references: tuple = ()

    def line_of(self, field: str) -> int | None:
        lines = self.lines or {}
        while field:
            if field in lines:
                return lines[field]
            field = field.rpartition(".")[0]
        return None


def check_collection(
    entries: list[Entry], rules: list[Rule], listing_paths: tuple, now: dt.datetime
) -> list[Problem]:
    """`listing_paths`: see `listing_paths()`; `now`: the build's moment, read once."""
    problems = link_problems(entries, listing_paths, now)
    by_slug: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    by_output: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_slug[(entry.kind, entry.slug)].append(entry)
        if entry.save_as:
            by_output[entry.save_as].append(entry)
    for (kind, slug), same in by_slug.items():
        if len(same) > 1:
            others = ", ".join(e.source for e in same)
            for entry in same:
                problems.append(
                    Problem(
                        entry.source,
                        entry.line_of("slug"),
                        "slug",
                        f"Địa chỉ (slug) '{slug}' bị trùng giữa các {KIND_LABELS[kind]}: {others}. "
                        "Hãy đổi tên tệp hoặc ghi 'slug:' khác.",
                        code="duplicate-slug",
                    )
                )
    for save_as, same in by_output.items():
        kinds = {entry.kind for entry in same}
        if len(same) > 1 and len(kinds) > 1:
            others = ", ".join(e.source for e in same)
            for entry in same:
                problems.append(
                    Problem(
                        entry.source,
                        entry.line_of("slug"),
                        "slug",
                        f"Hai nội dung cùng ghi ra một trang '{save_as}': {others}.",
                        code="duplicate-output",
                    )
                )
    # Files refused for their own errors take part too (record None when invalid): a
    # notice that follows one of them is still checked, and names no false missing link.
    notices = {e.slug: e for e in entries if e.kind == "notice"}
    for entry in notices.values():
        previous = entry.record.previous if entry.record else None
        if not previous:
            continue
        if previous not in notices:
            message = f"không có thông báo nào có địa chỉ '{previous}' (tên tệp không có đuôi .md)."
            problems.append(
                Problem(entry.source, entry.line_of("previous"), "previous", message, code="previous")
            )
            continue
        earlier = notices[previous].record
        if earlier is None:
            continue
        if earlier.date > entry.record.date:
            message = f"thông báo '{previous}' đăng sau thông báo này."
            problems.append(
                Problem(entry.source, entry.line_of("previous"), "previous", message, code="previous")
            )
        for finding in check_notice(entry.record, rules, earlier, cross=True):
            problems.append(
                Problem(
                    entry.source,
                    entry.line_of(finding.field),
                    finding.field,
                    finding_message(finding),
                    code=f"rule:{finding.rule.id}",
                )
            )
    return problems


URL_SETTINGS = (
    "ARTICLE_URL",
    "NOTICE_URL",
    "PAGE_URL",
    "PAGE_LANG_URL",
    "DEFAULT_LANG",
    "CATEGORY_URL",
    "TAG_URL",
)


def listing_paths(settings: dict) -> tuple[list[str], list[str], dict]:
    """Generated pages a content file may link to (exact addresses and prefixes), and the
    URL patterns that give drafts, categories and tags their published addresses."""
    patterns = {key: settings[key] for key in URL_SETTINGS if key in settings}
    exact, prefixes = settings.get("PORTAL_LISTING_PATHS", []), settings.get("PORTAL_LISTING_PREFIXES", [])
    return list(exact), list(prefixes), patterns
