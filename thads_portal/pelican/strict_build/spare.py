"""The tree a build replaced, kept beside the output as the next build's staging folder.

Writing over a file keeps its inode; a new file takes one. A build that wrote a fresh tree
and deleted the old one made and freed some 37,000 inodes (19,000 files, 18,000 folders at
10,000 documents) every time, and on ext4 without a journal the inode allocator then steps
over each recently freed inode for every new file: builds in a row measured here went from
2 to 8 s of system time, and cold builds from 16 to 29 s in five rounds. So the replaced
tree is kept as `.<output>.spare` and the next build writes over it, then removes what it
did not write:

- first, everything the build must not write through is removed: links and other entries
  that are not plain files, and files with more than one link (a page the page cache linked
  in is also the cache's entry, and perhaps a page of the live site);
- a file the build writes, copies or links has a change time at or after the build's start;
  every other file is the old tree's and is removed, then every folder left empty (a build
  writes no empty folder);
- builds that keep a file they find up to date (Pelican's STATIC_CHECK_IF_MODIFIED and
  STATIC_CREATE_LINKS) start from an empty folder;
- a clock set back makes change times useless: a spare holding a file from the future is
  removed and the build starts from an empty folder; a clock set back during the build
  fails the build rather than publish what cannot be told apart.

The spare costs a second copy of the site on disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


class ClockMoved(Exception):
    """The system clock went back while the build ran."""


def spare_for(final: Path) -> Path:
    return final.parent / f".{final.name}.spare"


def recyclable(settings: dict) -> bool:
    return not settings.get("STATIC_CHECK_IF_MODIFIED") and not settings.get("STATIC_CREATE_LINKS")


@dataclass
class Recycled:
    """A spare taken as the staging folder: when the build started (a change time, in
    nanoseconds), the old tree's files, and the folders entries were removed from."""

    started: int
    old_files: list[str] = field(default_factory=list)
    touched_folders: set[str] = field(default_factory=set)


def take(final: Path, staging: Path, settings: dict) -> Recycled | None:
    """Make the staging folder, from the spare when there is one the build may write over.
    None for an empty folder: nothing to prune."""
    if recyclable(settings):
        try:
            os.rename(spare_for(final), staging)
        except OSError:  # no spare, or another build of this output took it
            pass
        else:
            recycled = Recycled(now(final.parent))
            if _drop_shared(staging, recycled):
                return recycled
            discard(staging)
    staging.mkdir(parents=True)
    return None


def prune(staging: Path, recycled: Recycled) -> None:
    """Remove the old tree's files that this build did not write, then the folders left
    empty. Raises ClockMoved when the clock is now before the build's start."""
    started = recycled.started
    if now(staging.parent) < started:
        raise ClockMoved
    folders = set(recycled.touched_folders)
    for path in recycled.old_files:
        try:
            written = os.lstat(path).st_ctime_ns >= started
        except FileNotFoundError:
            continue
        if not written:
            os.unlink(path)
            folders.add(os.path.dirname(path))
    root = str(staging)
    for folder in sorted(folders, key=len, reverse=True):  # the deepest first
        while folder != root and folder.startswith(root):
            try:
                os.rmdir(folder)
            except OSError:  # not empty: the build wrote into it
                break
            folder = os.path.dirname(folder)


def keep(old: Path, final: Path) -> bool:
    """The tree just replaced becomes the spare; False when there is one already (another
    build's)."""
    try:
        os.rename(old, spare_for(final))
    except OSError:
        return False
    return True


def retire(old: Path, final: Path) -> None:
    """The tree just replaced becomes the spare, or is discarded when there is one."""
    if not keep(old, final):
        discard(old)


def discard(folder: Path) -> None:
    """Remove an old output tree without making the build wait for tens of thousands of
    deletions: it is renamed aside, then removed by a detached `rm` (any leftover from an
    interrupted removal is removed by the next build)."""
    doomed = folder.parent / f".{folder.name}.old-{os.getpid()}-{time.time_ns()}"
    os.rename(folder, doomed)
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(doomed)],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        shutil.rmtree(doomed, ignore_errors=True)


def _drop_shared(root: Path, recycled: Recycled) -> bool:
    """Remove what the build must not write through, and list the other files; False when
    a file changed at or after the build's start (the clock was set back since): the tree
    cannot be pruned then."""
    folders = [str(root)]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    continue
                status = entry.stat(follow_symlinks=False)
                if not entry.is_file(follow_symlinks=False) or status.st_nlink > 1:
                    os.unlink(entry.path)  # (changes the other links' change time)
                    recycled.touched_folders.add(folder)
                elif status.st_ctime_ns >= recycled.started:
                    return False
                else:
                    recycled.old_files.append(entry.path)
    return True


def now(folder: Path) -> int:
    """The file system's clock: the change time of a file made and removed at once, the
    clock the build's files get their change times from."""
    probe = folder / f".thads-clock-{os.getpid()}"
    probe.write_bytes(b"")
    try:
        return probe.stat().st_ctime_ns
    finally:
        probe.unlink()
