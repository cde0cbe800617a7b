"""The speed layer stays behind the render plan: feature plugins reach it only through
`thads_portal.pelican.render_plan`, and Pelican's private parts are touched in one guarded
module only (`thads_portal.pelican.pelican_private`)."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

PACKAGE = ROOT / "thads_portal"
PLUGINS = PACKAGE / "pelican"
GUARDED = PLUGINS / "pelican_private.py"
# The private names the parallel build once patched (issue text), and any private name
# imported from Pelican.
PATCHED = re.compile(
    r"_open_w|_written_files|_overridden_files|_filter_discardable|_filestamp|_get_file_stamp"
)


def _imports(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved inside the package
                parts = path.relative_to(ROOT).with_suffix("").parts[: -node.level]
                base = ".".join(parts + ((node.module,) if node.module else ()))
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def test_feature_plugins_import_nothing_of_the_speed_layer():
    offenders = {}
    for path in PLUGINS.rglob("*.py"):
        if "parallel_build" in path.parts:
            continue
        used = {name for name in _imports(path) if "parallel_build" in name}
        if used:
            offenders[str(path.relative_to(ROOT))] = used
    assert offenders == {}


def test_the_speed_layer_is_reached_through_the_render_plan_by_every_plugin_that_plans_files():
    planners = [p for p in PLUGINS.rglob("*.py") if "FileJob" in p.read_text(encoding="utf-8")]
    names = {p.relative_to(PLUGINS).parts[0] for p in planners}
    assert {"notices", "search", "feeds"} <= names
    for path in planners:
        if "parallel_build" not in path.parts and path.name != "render_plan.py":
            assert "thads_portal.pelican.render_plan.FileJob" in _imports(path), path


def test_pelicans_private_parts_are_touched_in_the_guarded_module_only():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path == GUARDED or "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if PATCHED.search(text):
            offenders.append(f"{path.relative_to(ROOT)}: {PATCHED.search(text).group()}")
        for name in _imports(path):
            if name.startswith("pelican") and any(part.startswith("_") for part in name.split(".")):
                offenders.append(f"{path.relative_to(ROOT)}: imports {name}")
        # A private attribute of Pelican's classes, set or read: `ArticlesGenerator._x`.
        for match in re.finditer(
            r"\b(?:Articles|Pages|Static)?Generator\._\w+|\bWriter\._\w+|readers\._\w+", text
        ):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group()}")
    assert offenders == []
    assert "ArticlesGenerator._build_period_archives" in GUARDED.read_text(encoding="utf-8")
