"""What the build read, and what it did not: no file under content/ may be left out."""

from __future__ import annotations

from pathlib import Path

from thads_portal.domain.checker import UNREAD_MESSAGE, content_files
from thads_portal.domain.collection import Entry
from thads_portal.domain.problems import Problem, display_path


def _context(generators) -> dict:
    return generators[0].context


def collection_entries(generators) -> list[Entry]:
    entries = []
    for content in _context(generators)["generated_content"].values():
        if content is None or not hasattr(content, "record"):
            continue
        entries.append(
            Entry(
                source=display_path(content.source_path, Path(content.settings["PATH"]).parent),
                kind=content.kind,
                slug=content.slug,
                save_as=content.save_as,
                record=content.record,
                lines=getattr(content, "field_lines", None),
                url=content.url,
                references=getattr(content, "references", ()),
            )
        )
    return entries


def unread_files(generators, content_root: Path) -> list[Problem]:
    context = _context(generators)
    seen = set(context["generated_content"]) | set(context["static_content"])
    seen |= context.get("portal_handled_files", set())
    problems = []
    for relative in content_files(content_root):
        if relative not in seen:
            problems.append(
                Problem(
                    display_path(content_root / relative, content_root.parent),
                    None,
                    None,
                    UNREAD_MESSAGE,
                    code="unread",
                )
            )
    return problems
