"""Attachments of drafts and scheduled posts stay out of publish builds until their post
is published: a signed PDF of a notice must not be reachable at a guessable address first.

Connected to `static_generator_finalized`; files stay in `static_content`, so the strict
build still counts them as read. Preview builds (drafts written) copy everything.
"""

from __future__ import annotations

from thads_portal.domain.text import nfc


def _linked_files(content) -> set[str]:
    return {
        reference.target.split("#")[0].split("?")[0].lstrip("/")
        for reference in getattr(content, "references", ())
        if not reference.image and "://" not in reference.target
    }


def hold_draft_attachments(generator) -> None:
    if generator.settings.get("DRAFT_SAVE_AS"):
        return
    published, held = set(), set()
    for content in generator.context.get("generated_content", {}).values():
        files = _linked_files(content)
        (held if getattr(content, "status", "") == "draft" else published).update(files)
    hidden = held - published
    if hidden:
        kept = [static for static in generator.staticfiles if static.relative_source_path not in hidden]
        generator.staticfiles = kept
        generator.context["staticfiles"] = kept


def composed_names(generator) -> None:
    """Attachments saved with decomposed names (as a Mac saves them) are published under the
    composed (NFC) name that links in the text use."""
    for static in generator.staticfiles:
        if nfc(static.save_as) != static.save_as:
            static.override_save_as = nfc(static.save_as)
            static.override_url = nfc(static.url)
