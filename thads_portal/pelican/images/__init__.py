"""Published images: every file under content/images/ is resized to several widths, written
as WebP beside its own format, stripped of EXIF and GPS (the sources keep theirs), and shown
with `<picture>`, `srcset`, its size and lazy loading. Unchanged images come from a cache.
Publish builds also hold back attachments that only drafts and scheduled posts link to.

Settings: PORTAL_IMAGE_WIDTHS, PORTAL_IMAGE_MAX_BYTES, PORTAL_IMAGE_MAX_PIXELS,
PORTAL_IMAGE_CACHE. Templates: `{{ path | picture(alt, css_class, lazy, sizes, width) }}`.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from thads_portal.domain.problems import Problem, display_path
from thads_portal.domain.report import REPORT
from thads_portal.domain.text import nfc
from thads_portal.pelican.config import portal_config
from thads_portal.pelican.progress import task

from .attachments import composed_names, hold_draft_attachments
from .checks import clash_problems, image_files
from .markup import DEFAULT_SIZES, picture_markup
from .processing import ImageProblem, process

_IMG_TAG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def _folder_url(relative: str) -> str:
    return "/" + relative.rsplit("/", 1)[0] + "/"


class PictureFilter:
    """`{{ path | picture(alt, css_class, lazy, sizes, width) }}` (a class, not a closure:
    settings must stay picklable for Pelican's content cache)."""

    def __init__(self, processed: dict) -> None:
        self.processed = processed

    def __call__(self, path, alt="", css_class="", lazy=True, sizes=DEFAULT_SIZES, width=None):
        relative = str(path).lstrip("/")
        if relative not in self.processed:
            return Markup('<img src="/{}" alt="{}">').format(relative, alt)
        info = self.processed[relative][1]
        return Markup(picture_markup(_folder_url(relative), info, alt, css_class, lazy, sizes, width))


class VariantFilter(PictureFilter):
    """`{{ path | image_variant(64) }}`: the smallest published width at least that wide."""

    def __call__(self, path, width: int) -> str:
        relative = str(path).lstrip("/")
        if relative not in self.processed:
            return f"/{relative}"
        variants = self.processed[relative][1].variants
        chosen = next((v for v in variants if v.width >= width), variants[-1])
        return _folder_url(relative) + chosen.name


def _install_filter(pelican) -> None:
    processed: dict = {}
    pelican.settings["_IMAGES"] = processed
    filters = pelican.settings.setdefault("JINJA_FILTERS", {})
    filters["picture"] = PictureFilter(processed)
    filters["image_variant"] = VariantFilter(processed)


class ImagesGenerator(Generator):
    def generate_context(self) -> None:
        settings = self.settings
        config = portal_config(settings)
        content_root = Path(settings["PATH"])
        processed = settings["_IMAGES"]
        processed.clear()
        sources = image_files(content_root)
        REPORT.add(clash_problems(sources, content_root.parent))
        handled = self.context.setdefault("portal_handled_files", set())
        progress = task("xử lý ảnh", "ảnh", len(sources))
        for source in sources:
            relative = source.relative_to(content_root).as_posix()
            handled.add(relative)
            try:
                # Keyed as text refers to it (NFC); a name saved decomposed still matches.
                processed[nfc(relative)] = process(
                    source,
                    Path(settings["PORTAL_IMAGE_CACHE"]),
                    config.portal_image_widths,
                    config.portal_image_max_bytes,
                    config.portal_image_max_pixels,
                )
            except ImageProblem as problem:
                source_name = display_path(source, content_root.parent)
                REPORT.add([Problem(source_name, None, None, str(problem), code="image")])
            progress.step()
        progress.finish()
        for content in self.context["generated_content"].values():
            if "<img" in (getattr(content, "_content", "") or ""):
                content._content = _IMG_TAG.sub(lambda match: self._picture(match.group(0)), content._content)

    def _picture(self, tag: str) -> str:
        attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        relative = attributes.get("src", "").lstrip("/")
        processed = self.settings["_IMAGES"]
        if relative not in processed:
            return tag  # missing images are reported by the reference check
        return picture_markup(_folder_url(relative), processed[relative][1], attributes.get("alt", ""))

    def generate_output(self, writer) -> None:
        output = Path(writer.output_path)
        for relative, (cache_folder, info) in sorted(self.settings["_IMAGES"].items()):
            target = output / relative.rsplit("/", 1)[0]
            target.mkdir(parents=True, exist_ok=True)
            for cached, name in info.outputs():
                shutil.copyfile(cache_folder / cached, target / name)


def _get_generators(pelican):
    return ImagesGenerator


def register() -> None:
    signals.initialized.connect(_install_filter)
    signals.get_generators.connect(_get_generators)
    signals.static_generator_finalized.connect(hold_draft_attachments)
    signals.static_generator_finalized.connect(composed_names)
