"""Releases of the published site: build into a new folder, check that no published address
disappears, write checksums, and switch the `live` link atomically (keeping `previous`).

Layout under the releases folder (default `releases/`, or PORTAL_RELEASES):
    <id>/          one complete build (id: UTC time and Git commit)
    live     ->    <id> being served
    previous ->    <id> served before, for rollback
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "SHA256SUMS"
KEEP = 5
_LOC = re.compile(r"<loc>([^<]+)</loc>")


def releases_folder() -> Path:
    return Path(os.environ.get("PORTAL_RELEASES", ROOT / "releases")).resolve()


def new_release_id() -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return f"{stamp}-{commit or 'local'}"


def build(target: Path) -> bool:
    """The publish build; the strict build leaves nothing at `target` when it fails."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(ROOT / "content"),
            "-s",
            str(ROOT / "publishconf.py"),
            "-o",
            str(target),
        ],
        cwd=ROOT,
    )
    return result.returncode == 0 and target.is_dir()


def site_paths(release: Path) -> set[str]:
    """Addresses a release publishes: its sitemap, plus the old addresses it redirects."""
    paths = set()
    sitemap = release / "sitemap.xml"
    if sitemap.is_file():
        for url in _LOC.findall(sitemap.read_text(encoding="utf-8")):
            paths.add("/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/")
    redirects = release / "_redirects.map"
    if redirects.is_file():
        paths |= {
            line.split()[0] for line in redirects.read_text(encoding="utf-8").splitlines() if line.strip()
        }
    return paths


def intentionally_removed() -> set[str]:
    """`data/removed_urls.yml`: addresses taken down on purpose, each with its reason."""
    path = ROOT / "data" / "removed_urls.yml"
    if not path.is_file():
        return set()
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {"/" + str(entry["path"]).lstrip("/") for entry in entries}


def vanished(live: Path, new: Path) -> list[str]:
    """Addresses the live site has and the new release neither serves nor redirects."""
    return sorted(site_paths(live) - site_paths(new) - intentionally_removed())


def removed_debtors_listed(release: Path) -> list[str]:
    """Debtors whose removal date has passed (by today's data and PORTAL_TODAY) whose names
    `release` still shows: it was built before their removal, and serving it again would
    publish them again, which the law forbids."""
    sys.path.insert(0, str(ROOT / "plugins"))
    import html

    from portal.clock import today
    from portal.section_data import load_debtors

    units = {path.stem for path in (ROOT / "data" / "debtors").glob("*.csv")}
    debtors, _ = load_debtors(ROOT / "data", units)
    removed = {
        debtor.name
        for rows in debtors.values()
        for debtor in rows
        if debtor.removed_on is not None and debtor.removed_on <= today()
    }
    found = set()
    for path in release.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".csv", ".txt") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found |= {name for name in removed - found if name in text or html.escape(name) in text}
    return sorted(found)


def write_manifest(release: Path) -> None:
    lines = []
    for path in sorted(p for p in release.rglob("*") if p.is_file() and p.name != MANIFEST):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(release).as_posix()}\n")
    (release / MANIFEST).write_text("".join(lines), encoding="utf-8")


def verify(release: Path) -> list[str]:
    """Files whose content differs from the manifest (or are missing)."""
    problems = []
    for line in (release / MANIFEST).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        path = release / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(name)
    return problems


def point(link: Path, target_name: str) -> None:
    """Make `link` point to `target_name` atomically (a new link renamed over the old)."""
    temporary = link.with_name(f".{link.name}.new")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(target_name)
    os.replace(temporary, link)


def switch(folder: Path, release_id: str) -> None:
    live = folder / "live"
    if live.is_symlink():
        point(folder / "previous", os.readlink(live))
    point(live, release_id)


def prune(folder: Path, keep: int = KEEP) -> None:
    protected = {os.readlink(folder / name) for name in ("live", "previous") if (folder / name).is_symlink()}
    releases = sorted(
        p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
    )
    for old in releases[:-keep]:
        if old.name not in protected:
            shutil.rmtree(old)
