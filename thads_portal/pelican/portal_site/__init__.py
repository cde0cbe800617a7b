"""Loads the province's data (`data/`) into the settings every template sees.

Settings keys set here: PORTAL (the PortalData), PORTAL_NOW (the build's moment, read once per
build), PORTAL_FILE_SIZES (the published files' sizes, taken once per build), PORTAL_CONFIG (the typed portal settings, `thads_portal.pelican.config`), SITE, UNITS,
CATEGORIES_DATA, SITENAME,
PORTAL_URL (from data/site.yml unless set), the `file_size` template filter and the
`site_part` template global; every template environment has the theme's macros as `ui`.
Data problems go to the build report; the strict build stops before reading content.
"""

from __future__ import annotations

import functools
import weakref
from pathlib import Path

from jinja2 import pass_context
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from thads_portal.domain import clock, data
from thads_portal.domain.formatting import human_size
from thads_portal.domain.references import published_file_sizes
from thads_portal.domain.report import REPORT
from thads_portal.domain.text import nfc
from thads_portal.pelican.config import CONFIG_KEY, validate_settings

# How problems with a setting name their place (the site's settings file).
SETTINGS_FILE = "pelicanconf.py"


def load_portal_data(settings: dict) -> data.PortalData | None:
    """Load `data/` once per settings object (the reader and generators share it)."""
    if "PORTAL" not in settings:
        portal, problems = data.load(Path(settings.get("PORTAL_DATA_PATH", "data")))
        REPORT.add(problems)
        settings["PORTAL"] = portal
        settings["PORTAL_DATA_PROBLEMS"] = problems
        # The build's one moment: statuses, what is published and every check use it (the
        # reading processes fork after this, so they see it too).
        settings["PORTAL_NOW"] = clock.now()
        # Read with data/ at the start of every build: attachments may change between runs.
        sizes = settings["PORTAL_FILE_SIZES"] = published_file_sizes(Path(settings.get("PATH", "content")))
        settings.setdefault("JINJA_FILTERS", {})["file_size"] = FileSize(sizes)
        if portal is not None:
            settings["SITE"] = portal.site
            settings["UNITS"] = portal.units
            settings["CATEGORIES_DATA"] = portal.categories
            settings["SITENAME"] = portal.site.portal_title
            settings.setdefault("PORTAL_URL", portal.site.url.rstrip("/"))
        # Before any content is read: a bad setting stops the strict build there.
        settings[CONFIG_KEY], setting_problems = validate_settings(settings, SETTINGS_FILE)
        REPORT.add(setting_problems)
        settings["PORTAL_DATA_PROBLEMS"] = problems + setting_problems
    return settings["PORTAL"]


class FileSize:
    """`{{ path | file_size }}`: size of a file under content/images/ or content/files/ for
    download links ("" when there is none). The sizes are taken once per build (they are in
    the settings, so in every cached page's key); a class, not a closure, so settings stay
    picklable for the content cache."""

    def __init__(self, sizes: dict[str, int]) -> None:
        self.sizes = sizes

    def __call__(self, path: str) -> str:
        relative = nfc(str(path).lstrip("/"))
        return human_size(self.sizes[relative]) if relative in self.sizes else ""


_RENDERED_PARTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@pass_context
def site_part(context, name: str, **values) -> Markup:
    """`{{ site_part("partials/footer.html") }}`: a partial that reads the settings and
    `values` only (the header, the footer, the menu with its current entry), rendered once
    per template environment and values instead of on every one of thousands of pages."""
    parts = _RENDERED_PARTS.setdefault(context.environment, {})
    key = (name, *sorted(values.items()))
    if key not in parts:
        template = context.environment.get_template(name)
        parts[key] = Markup(template.render({**context.get_all(), **values}))
    return parts[key]


class Macros:
    """The macros of partials/macros.html (`ui.name`). A card is rendered once per document
    and arguments: the macros take no context, so a post's card is the same on each of the
    up to six listings that show it (the news, its category, its tags, its year and month),
    and a notice's on its four. Documents do not change while pages are rendered."""

    CARDS = frozenset({"post_card", "notice_card"})

    def __init__(self, module) -> None:
        self._module = module
        self._cards: dict[tuple, tuple[object, Markup]] = {}

    def __getattr__(self, name: str):
        if name.startswith("_"):  # not a macro (and not yet set while an instance is made)
            raise AttributeError(name)
        macro = getattr(self._module, name)
        if name in self.CARDS:
            macro = functools.partial(self._card, name, macro)
        setattr(self, name, macro)  # found here from now on
        return macro

    def _card(self, name: str, macro, document, *args, **options) -> Markup:
        key = (name, id(document), args, tuple(sorted(options.items())))
        known = self._cards.get(key)
        if known is None or known[0] is not document:  # kept with it, so its id is not reused
            known = self._cards[key] = (document, macro(document, *args, **options))
        return known[1]


class CompiledOnce(BytecodeCache):
    """A build's templates compiled once for all its generators. Pelican gives each
    generator a template environment of its own (13 of them), all made from the same
    settings, and each compiled base.html, the partials and the macros again: 78
    compilations of 35 templates, 0.6 s of the build's single-core part. A template is
    known by its name and file, and its code kept with the checksum of its source."""

    def __init__(self) -> None:
        self.build: int | None = None
        self.code: dict[str, tuple[str, object]] = {}

    def of_build(self, context: dict) -> CompiledOnce:
        """The generators of one build share their context."""
        if id(context) != self.build:  # a new build: autoreload, or another site
            self.build, self.code = id(context), {}
        return self

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self.code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED = CompiledOnce()


def _macros_global(generator) -> None:
    """`ui` (partials/macros.html) in every template without `{% import %}`: an import
    runs on each page, and the macros take no context. The environment compiles templates
    through the build's `CompiledOnce`."""
    environment = getattr(generator, "env", None)
    if environment is None:
        return
    environment.bytecode_cache = _COMPILED.of_build(generator.context)
    if "ui" not in environment.globals:
        environment.globals["ui"] = Macros(environment.get_template("partials/macros.html").module)


def reload_portal_data(settings: dict) -> data.PortalData | None:
    """Read `data/` again (the files may have changed since the last build)."""
    settings.pop("PORTAL", None)
    return load_portal_data(settings)


ENGLISH_INDEX_URL = "en/"


def english_chrome(settings: dict, pages: list) -> dict:
    """The English pages' menu, footer links and page list, for templates: ENGLISH_MENU and
    ENGLISH_FOOTER_LINKS (the Vietnamese MENU and FOOTER_LINKS with the labels of
    `site.en.links`: an entry goes to its page's English translation when there is one,
    otherwise to the Vietnamese page, marked `vi`), ENGLISH_PAGES (by `order`, then title)
    and ENGLISH_INDEX_URL. Empty without `en:` in site.yml or without English pages."""
    site = settings.get("SITE")
    english = [p for p in pages if p.lang == "en"]
    english += [t for p in pages for t in p.translations if t.lang == "en" and t not in english]
    if site is None or site.en is None or not english:
        return {"ENGLISH_MENU": [], "ENGLISH_FOOTER_LINKS": [], "ENGLISH_PAGES": [], "ENGLISH_INDEX_URL": ""}
    index_url = settings.get("ENGLISH_INDEX_URL", ENGLISH_INDEX_URL)
    translated = {"": index_url}
    for page in pages:
        for other in page.translations:
            if other.lang == "en" and page.lang != "en":
                translated[page.url] = other.url
    english_urls = {p.url for p in english} | {index_url}

    def entries(items: list[dict]) -> list[dict]:
        found, seen = [], set()
        for item in items:
            label = site.en.links.get(item["url"])
            url = translated.get(item["url"], item["url"])
            if label is None or url in seen:
                continue
            seen.add(url)
            vietnamese = url not in english_urls
            found.append(
                {
                    "label": f"{label} {site.en.in_vietnamese}" if vietnamese else label,
                    "url": url,
                    "vi": vietnamese,
                }
            )
        return found

    return {
        "ENGLISH_MENU": entries(settings.get("MENU", [])),
        "ENGLISH_FOOTER_LINKS": entries(settings.get("FOOTER_LINKS", [])),
        "ENGLISH_PAGES": sorted(english, key=lambda p: (getattr(p, "order", 0) or 0, p.title)),
        "ENGLISH_INDEX_URL": index_url,
    }


class EnglishIndexGenerator(Generator):
    """`en/index.html` (template `en_index.html`): the English pages, with the English menu
    and footer every English page shows (set into the context here, after the pages are
    read and their translations known)."""

    def generate_context(self) -> None:
        self.context.update(english_chrome(self.settings, self.context.get("pages", [])))

    def generate_output(self, writer) -> None:
        url = self.context["ENGLISH_INDEX_URL"]
        if url:
            writer.write_file(
                f"{url}index.html", self.get_template("en_index"), self.context, current_url=url
            )


def _get_generators(pelican):
    return EnglishIndexGenerator


def _initialized(pelican) -> None:
    reload_portal_data(pelican.settings)
    pelican.settings.setdefault("JINJA_GLOBALS", {})["site_part"] = site_part


def register() -> None:
    signals.initialized.connect(_initialized)
    signals.generator_init.connect(_macros_global)
    signals.get_generators.connect(_get_generators)
