"""Releases of the published site: build into a new folder, check that no published address
disappears, write checksums, check the release against what its build produced, and switch
the `live` link atomically (keeping `previous`).

Layout under the releases folder (default `releases/`, or PORTAL_RELEASES):
    <id>/          one complete build (id: UTC time, Git commit, random suffix), with its
                   SHA256SUMS and the build's own list of files (BUILD_FILES)
    live     ->    <id> being served
    previous ->    <id> served before, for rollback
    .publish.lock  held by the publish or rollback under way (its process id inside)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from thads_portal.domain import file_list

from .site import PUBLISH_SETTINGS, site_root

MANIFEST = "SHA256SUMS"
LOCK = ".publish.lock"
COMPRESSED = (".gz", ".br")  # the copies thads publish adds beside the built text files
KEEP = 5
_LOC = re.compile(r"<loc>([^<]+)</loc>")


def releases_folder() -> Path:
    return Path(os.environ.get("PORTAL_RELEASES", site_root() / "releases")).resolve()


def new_release_id() -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=site_root(), capture_output=True, text=True
    ).stdout.strip()
    return f"{stamp}-{commit or 'local'}-{secrets.token_hex(2)}"


def claim(folder: Path) -> str:
    """A new release id whose (empty) folder this call created: creating it fails when it
    exists, so two publishes, even in the same second, never share a release."""
    while True:
        release_id = new_release_id()
        try:
            (folder / release_id).mkdir()
        except FileExistsError:
            continue
        return release_id


class Busy(Exception):
    """Another publish or rollback holds the releases folder; `holder`: its process id, or
    "" when it has not written it yet."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the releases folder's lock (flock on `.publish.lock`) for a publish or rollback;
    raises Busy at once when another process holds it. The lock goes with the process: a
    publish that is killed leaves nothing to clean up."""
    descriptor = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = ""
            for _ in range(20):  # the holder writes its id just after taking the lock
                holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
                if holder:
                    break
                time.sleep(0.01)
            raise Busy(holder) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)


def build(target: Path) -> bool:
    """The publish build into the folder claimed for it. The strict build swaps its tree in
    only when the build is clean, with the list of the files it produced (BUILD_FILES)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(site_root() / "content"),
            "-s",
            str(site_root() / PUBLISH_SETTINGS),
            "-o",
            str(target),
            "-e",
            "PORTAL_FILE_LIST=true",
        ],
        cwd=site_root(),
    )
    return result.returncode == 0 and (target / file_list.NAME).is_file()


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
    path = site_root() / "data" / "removed_urls.yml"
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
    import html

    from thads_portal.domain.clock import today
    from thads_portal.domain.section_data import load_debtors

    units = {path.stem for path in (site_root() / "data" / "debtors").glob("*.csv")}
    debtors, _ = load_debtors(site_root() / "data", units)
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


def problems(release: Path) -> list[str]:
    """How `release` differs from what its build produced and from its SHA256SUMS, one line
    each, in Vietnamese; empty when it is intact. Every file must match SHA256SUMS and be
    listed there, and every file the build listed (BUILD_FILES) must be there unchanged, with
    nothing beside them but their compressed copies. A release made before builds listed
    their files is checked against SHA256SUMS alone."""
    if not (release / MANIFEST).is_file():
        return [f"{MANIFEST}: không có tệp này"]
    found = file_list.describe(release, frozenset({MANIFEST}))
    listed = {}
    for line in (release / MANIFEST).read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    wrong = {}
    for name in sorted(listed.keys() - found.keys()):
        wrong[name] = f"thiếu tệp (có trong {MANIFEST})"
    for name in sorted(found.keys() - listed.keys()):
        wrong[name] = f"tệp lạ, {MANIFEST} không ghi"
    for name in sorted(listed.keys() & found.keys()):
        if listed[name] != found[name][0]:
            wrong[name] = f"nội dung khác {MANIFEST}"
    try:
        built = file_list.read(release)
    except (ValueError, UnicodeDecodeError):
        built, wrong[file_list.NAME] = None, "không đọc được danh sách tệp của lần dựng"
    if built is not None:
        for name, (digest, size) in sorted(built.items()):
            if name not in found:
                wrong.setdefault(name, f"thiếu tệp (lần dựng đã tạo, {file_list.NAME})")
            elif found[name] != (digest, size):
                wrong.setdefault(name, f"khác với lúc dựng ({file_list.NAME})")
        for name in sorted(found.keys() - built.keys() - {file_list.NAME}):
            if not (name.endswith(COMPRESSED) and name[:-3] in built):
                wrong.setdefault(name, f"lần dựng không tạo ra tệp này ({file_list.NAME})")
    return [f"{name}: {message}" for name, message in sorted(wrong.items())]


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
