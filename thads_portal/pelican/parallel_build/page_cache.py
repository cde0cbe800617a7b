"""Pages whose inputs did not change are copied from the last build instead of rendered.

A page's key digests everything that can reach it: the theme, the plugins' code, the data
files, the settings, the address of every document (a changed slug changes links anywhere),
the page's path, and the values of the context names its template reads (with the templates
it extends, includes or imports). A document inside another document's value (a related
post, the next notice) counts by its source file's size and time and its own plain fields
(title, address, status ...), not by the documents it links to in turn: editing one post does
not touch every page linked to it through a chain of neighbours. What depends on the moment
of the build (statuses, what is published) is in those values, so a rebuild the next day
renders only what changed.

On while Pelican's content cache is (CACHE_CONTENT and LOAD_CONTENT_CACHE); entries live in
CACHE_PATH/pages, and those no page of the last build used are removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import marshal
import os
import shutil
import stat
import sys
import types
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path, PurePath

from jinja2 import meta
from pelican.contents import Content
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper
from pydantic import BaseModel

import thads_portal
from thads_portal import ENGINE_DATA

# The engine's code (domain, plugins, tools): a new version renders pages anew.
ENGINE_CODE = Path(thads_portal.__file__).parent

PLAIN = (bool, int, float, str, bytes, dt.date, dt.time, dt.timedelta, Decimal, PurePath)
# Attributes left out of an object's digest: the whole site, and the settings (in the base key).
SKIPPED_ATTRIBUTES = {"_context", "settings"}
# Settings that change how the build runs, not what it writes.
RUN_SETTINGS = {
    "PORTAL_BUILD_WORKERS",
    "CACHE_CONTENT",
    "LOAD_CONTENT_CACHE",
    "CACHE_PATH",
    "PORTAL_IMAGE_CACHE",
    "OUTPUT_PATH",  # pages are keyed by their path inside it
    # The build's moment: what it changes (statuses, what is published) is in each page's
    # values; in the base key, a build without PORTAL_TODAY would render every page anew.
    "PORTAL_NOW",
    "PORTAL_CONFIG",  # the settings above, typed: they are keyed as settings
}
PACKAGES = ("pelican", "jinja2", "markdown", "markupsafe", "pydantic")


class Uncacheable(Exception):
    """A value whose state cannot be told from its parts: the page is rendered."""


def _digest(*parts: bytes) -> bytes:
    return hashlib.blake2b(marshal.dumps(parts), digest_size=16).digest()  # marshal: unambiguous


class Fingerprints:
    """Digests of context values, each object's computed once per process."""

    def __init__(self) -> None:
        self.memo: dict[tuple[int, bool], tuple[object, bytes]] = {}
        self.stamps: dict[str, bytes] = {}

    def of(self, value, shallow: bool = False) -> bytes:
        """The value itself for plain values (cheaper than hashing every leaf), else a digest."""
        if type(value) is str:
            return b"s" + value.encode("utf-8", "surrogatepass")
        if value is None or isinstance(value, PLAIN):
            return type(value).__name__.encode() + b":" + repr(value).encode("utf-8", "surrogatepass")
        key = (id(value), shallow)
        known = self.memo.get(key)
        if known is not None:
            return known[1]
        self.memo[key] = (value, b"cycle:" + type(value).__qualname__.encode())
        digest = self._compute(value, shallow)
        self.memo[key] = (value, digest)  # the value is kept so that its id is not reused
        return digest

    def stamp(self, source_path: str | None) -> bytes:
        if not source_path:
            return b""
        if source_path not in self.stamps:
            try:
                status = os.stat(source_path)
                self.stamps[source_path] = f"{status.st_size}:{status.st_mtime_ns}".encode()
            except OSError:
                self.stamps[source_path] = b"missing"
        return self.stamps[source_path]

    def _compute(self, value, shallow: bool) -> bytes:
        kind = type(value).__qualname__.encode()
        if isinstance(value, Content):
            identity = [kind, repr(value.source_path).encode(), self.stamp(value.source_path)]
            self._stand_in_for_record(value, identity)
            if shallow:  # seen from another document: by its own fields, not by those it links to
                fields = sorted(
                    (name.encode(), self.of(item))
                    for name, item in vars(value).items()
                    if item is None or isinstance(item, PLAIN)
                )
                return _digest(*identity, value.url.encode(), *(part for field in fields for part in field))
            attributes = sorted(
                (name.encode(), self.of(item, shallow=True)) for name, item in _own_state(vars(value)).items()
            )
            return _digest(*identity, *(part for attribute in attributes for part in attribute))
        if isinstance(value, URLWrapper):
            return _digest(kind, value.name.encode(), value.slug.encode())
        if isinstance(value, Paginator):  # page links depend on the count, not on each item
            fields = {**_own_state(vars(value)), "object_list": len(value.object_list)}
            return _digest(kind, self._compute(fields, shallow))  # a passing dict: not kept
        if isinstance(value, dict):
            items = sorted((self.of(key), self.of(item, shallow)) for key, item in value.items())
            return _digest(kind, *(part for item in items for part in item))
        if isinstance(value, (list, tuple)):
            return _digest(kind, *(self.of(item, shallow) for item in value))
        if isinstance(value, (set, frozenset)):
            return _digest(kind, *sorted(self.of(item, shallow) for item in value))
        if isinstance(value, types.ModuleType):
            return _digest(kind, value.__name__.encode())
        if callable(value) and hasattr(value, "__qualname__"):  # code: in the base key
            return _digest(kind, getattr(value, "__module__", "").encode(), value.__qualname__.encode())
        state = getattr(value, "__dict__", None)
        if state is None and hasattr(value, "__slots__"):
            state = {name: getattr(value, name, None) for name in value.__slots__}
        if state is None:
            shown = repr(value)
            if " at 0x" in shown:
                raise Uncacheable(shown)
            return _digest(kind, shown.encode())
        own = _own_state(state)
        return _digest(kind, self.of(own, shallow) if own is state else self._compute(own, shallow))

    def _stand_in_for_record(self, document: Content, identity: list[bytes]) -> None:
        """A document's record (a frozen model) is made from its source file, the data and
        the code alone: it counts by the file's stamp instead of by each of its fields,
        which cost most of the time of making keys."""
        record = vars(document).get("record")
        if isinstance(record, BaseModel) and record.model_config.get("frozen"):
            stand_in = _digest(b"record", *identity)
            for shallow in (False, True):
                self.memo.setdefault((id(record), shallow), (record, stand_in))


def _own_state(state: dict) -> dict:
    """An object's attributes but the site and the settings (pagination pages hold both)."""
    if SKIPPED_ATTRIBUTES.isdisjoint(state):
        return state
    return {name: item for name, item in state.items() if name not in SKIPPED_ATTRIBUTES}


def _files_digest(folders: list[str], suffixes: tuple[str, ...] | None = None) -> bytes:
    parts = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if (
                path.is_file()
                and "__pycache__" not in path.parts
                and (not suffixes or path.suffix in suffixes)
            ):
                parts += [str(path).encode(), path.read_bytes()]
    return _digest(*parts)


class PageCache:
    def __init__(self, settings: dict, context: dict, output_path: str) -> None:
        self.folder = Path(settings["CACHE_PATH"]) / "pages"
        self.output_path = output_path
        self.fingerprints = Fingerprints()
        self.names: dict[str, frozenset[str] | None] = {}
        versions = [importlib.metadata.version(name).encode() for name in PACKAGES]
        addresses = sorted(
            f"{path}\t{content.url}".encode()
            for path, content in context.get("generated_content", {}).items()
            if isinstance(content, Content)
        )
        self.base = _digest(
            sys.version.encode(),
            *versions,
            _files_digest([settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", [])]),
            _files_digest([str(ENGINE_CODE)], (".py",)),
            _files_digest([settings["PORTAL_DATA_PATH"], str(ENGINE_DATA)]),
            self.fingerprints.of({k: v for k, v in settings.items() if k not in RUN_SETTINGS}),
            *addresses,
        )

    def digest(self, *values) -> str | None:
        """A digest of `values` and of what every page key holds (code, theme, data,
        settings, addresses); None if a value cannot be told from its parts."""
        try:
            return _digest(self.base, *(self.fingerprints.of(value) for value in values)).hex()
        except Uncacheable:
            return None

    def names_read(self, template) -> frozenset[str] | None:
        """Context names the template and those it uses read; None if that cannot be told
        (a template chosen at render time)."""
        if template.name not in self.names:
            self.names[template.name] = None  # guards against a template including itself
            environment = template.environment
            source = environment.loader.get_source(environment, template.name)[0]
            tree = environment.parse(source)
            found = set(meta.find_undeclared_variables(tree))
            for name in meta.find_referenced_templates(tree):
                used = name and self.names_read(environment.get_template(name))
                if used is None:
                    return None
                found |= used
            self.names[template.name] = frozenset(found)
        return self.names[template.name]

    def key(self, template, localcontext: dict, path: str) -> str | None:
        names = self.names_read(template)
        if names is None:
            return None
        try:
            values = [
                name.encode() + self.fingerprints.of(localcontext[name])
                for name in sorted(names)
                if name in localcontext
            ]
        except Uncacheable:
            return None
        relative = os.path.relpath(path, self.output_path)
        return _digest(self.base, template.name.encode(), relative.encode(), *values).hex()

    def entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def fetch(self, key: str, path: str) -> bool:
        """Puts the cached page at `path`; False if there is none."""
        try:
            link_or_copy(self.entry(key), path)
        except FileNotFoundError:
            return False
        return True

    def store(self, key: str, output: str) -> None:
        entry = self.entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(f".{os.getpid()}.part")
        partial.write_text(output, encoding="utf-8")
        partial.replace(entry)

    def prune(self, used: set[str]) -> None:
        """Removes the entries no page of this build used."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.glob("*/*"):
            if entry.stem not in used:
                entry.unlink(missing_ok=True)


def cached_files(settings: dict, kind: str, key: str, target: Path, produce: Callable[[Path], None]) -> None:
    """Writes files under `target` with `produce(root)`, or copies the files a build made
    before from the same `key` (a digest of everything they are made from). Older entries
    of `kind` go."""
    store = Path(settings["CACHE_PATH"]) / "folders"
    cached = store / f"{kind}-{key}"
    if not cached.is_dir():
        partial = store / f"{cached.name}.{os.getpid()}.part"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        produce(partial)
        partial.rename(cached)
    shutil.copytree(cached, target, dirs_exist_ok=True, copy_function=link_or_copy)
    for other in store.glob(f"{kind}-*"):
        if other != cached:
            shutil.rmtree(other, ignore_errors=True)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A cached file reaches the output as a hard link: making a file and copying its bytes
    took ten times as long (0.4 ms a file here, 7 s of a warm build at 10,000 documents).
    Entries are never changed in place (a new one replaces the old by rename), so the output
    keeps what was linked. Copied where no link can be made (another file system), and over
    a file of the staging tree's own (the replaced site the build writes over, see
    strict_build/spare.py): replacing it by a link would free its inode, and freed inodes
    slow the next build's new files down on ext4 without a journal."""
    try:
        os.link(source, target)
    except FileExistsError:
        status = os.lstat(target)
        if stat.S_ISREG(status.st_mode) and status.st_nlink == 1:
            write_over(target, Path(source).read_bytes())
            return
        os.unlink(target)
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copy2(source, target)


def write_over(path: str | Path, data: bytes) -> None:
    """Write `data` at `path` over what is there, then cut what is left beyond it: a file of
    the replaced site a build writes over (strict_build/spare.py) keeps its inode and its
    disk blocks (truncating first freed every block, which the file system then took back
    and discarded, only to allocate them again)."""
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT, 0o666), "wb") as handle:
        handle.write(data)
        handle.truncate()


def enabled(settings: dict) -> bool:
    return bool(
        settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE") and settings.get("CACHE_PATH")
    )
