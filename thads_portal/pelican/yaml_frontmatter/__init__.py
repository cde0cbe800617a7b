"""Markdown with YAML front matter, validated by the portal's models.

Replaces Pelican's Markdown reader. A file with problems is not handed to Pelican: its
problems go to the build report, and the strict build fails with all of them.
"""

from __future__ import annotations

import html
from pathlib import Path

from pelican import signals
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime

from thads_portal.domain.documents import NOTICE, PAGE, Document, load_document
from thads_portal.domain.report import REPORT, ContentRejected
from thads_portal.domain.text import plain_text, slugify
from thads_portal.pelican.portal_site import load_portal_data


class PortalMarkdownReader(MarkdownReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path: str):
        portal = load_portal_data(self.settings)
        if portal is None:
            REPORT.reject(str(Path(source_path).resolve()))
            raise ContentRejected(source_path)
        document = load_document(
            Path(source_path),
            portal,
            Path(self.settings["PATH"]),
            self.settings["MARKDOWN"],
            self.settings["PORTAL_NOW"].date(),
        )
        REPORT.add(document.problems)
        if not document.ok:
            REPORT.reject(str(Path(source_path).resolve()), document.entry())
            raise ContentRejected(document.source)
        content = document.html
        metadata = self.metadata_for(document, portal)
        # Made here, where files are read on every core and cached: search records use it.
        metadata["plain_text"] = plain_text(content)
        return content, metadata

    def metadata_for(self, document: Document, portal) -> dict:
        record = document.record
        metadata = {
            "title": record.title,
            "slug": document.slug,
            "summary": html.escape(record.summary),
            "status": "draft" if record.status == "draft" else "published",
            "kind": document.kind,
            "record": record,
            "redirect_from": list(record.redirect_from),
            "field_lines": dict(document.front.lines),
            "references": tuple(document.references),
        }
        if record.modified:
            metadata["modified"] = SafeDatetime.fromisoformat(record.modified.isoformat())
        if document.kind == PAGE:
            metadata.update(
                lang=record.lang,
                translation_key=record.translation or f"page:{document.slug}",
                order=record.order,
            )
            if record.template:
                metadata["template"] = record.template
            return metadata
        metadata["date"] = SafeDatetime.fromisoformat(record.date.isoformat())
        if document.kind == NOTICE:
            metadata.update(
                template="notice",
                url=self.settings["NOTICE_URL"].format(slug=document.slug),
                save_as=self.settings["NOTICE_SAVE_AS"].format(slug=document.slug),
            )
            return metadata
        category_data = portal.category(record.category)
        category = Category(category_data.name, self.settings)
        category.slug = category_data.id
        tags = []
        for name in record.tags:
            tag = Tag(name, self.settings)
            tag.slug = slugify(name)
            tags.append(tag)
        author = Author(record.author or portal.site.default_author, self.settings)
        author.slug  # noqa: B018 - Pelican's own slug, made on first use: here, on every core
        metadata.update(
            category=category,
            tags=tags,
            author=author,
            image=record.image,
            image_alt=record.image_alt,
        )
        return metadata


def _add_reader(readers) -> None:
    for extension in PortalMarkdownReader.file_extensions:
        readers.reader_classes[extension] = PortalMarkdownReader


def register() -> None:
    signals.readers_init.connect(_add_reader)
