"""What is published on the build day.

- A post or notice dated after the build's moment (PORTAL_NOW, see domain.clock and
  PORTAL_TODAY) is held back as
  scheduled: a later build publishes it. Preview builds show it with a banner.
- Notices (front matter with `notice_type`) leave the news stream here, before Pelican
  builds categories, tags and archives, and go to the notices plugin via the context.
"""

from __future__ import annotations

from pelican import signals

from thads_portal.domain.documents import NOTICE


def _route(generator) -> None:
    now = generator.settings["PORTAL_NOW"]  # read once per build (portal_site)
    published, held = [], list(generator.drafts)
    for content in generator.articles:
        if content.date > now:
            content.scheduled = True
            content.status = "draft"
            held.append(content)
        else:
            published.append(content)
    for content in held:
        content.scheduled = getattr(content, "scheduled", False)
    generator.articles = [c for c in published if c.kind != NOTICE]
    generator.drafts = [c for c in held if c.kind != NOTICE]
    generator.context["notices"] = [c for c in published if c.kind == NOTICE]
    generator.context["held_notices"] = [c for c in held if c.kind == NOTICE]
    generator.context["build_now"] = now


def register() -> None:
    signals.article_generator_pretaxonomy.connect(_route)
