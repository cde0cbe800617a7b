"""Fast preview: keep the whole build in memory and, when an editor saves a post or a
notice, re-read that file and rewrite its page only (well under a second, whatever the
size of the site). Listings, feeds and search follow with the full rebuild that runs next.
"""

from __future__ import annotations

import time
from pathlib import Path

from pelican import Pelican, signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings
from pelican.writers import Writer

from thads_portal.domain.problems import ERROR
from thads_portal.domain.report import REPORT, ContentRejected
from thads_portal.domain.site_model import notice_view
from thads_portal.pelican.notices.views import attach_view

from .site import SETTINGS, site_root

# What the plugins attach to a content object after reading it; kept from the old object.
CARRIED = ("newer", "older", "related", "chain", "unit")


class PreviewProblem(Exception):
    """The edited file has problems; its old page stays. `problems` are left to the caller
    to show: the full build that follows lists them with the rest, once."""

    def __init__(self, relative: str, problems: list | None = None) -> None:
        super().__init__(relative)
        self.problems = problems or []


class PreviewSession:
    def __init__(
        self, content: Path, output: Path, data_path: Path | None = None, settings_file: Path | None = None
    ):
        override = {"PATH": str(Path(content).resolve()), "OUTPUT_PATH": str(Path(output).resolve())}
        if data_path:
            override["PORTAL_DATA_PATH"] = str(Path(data_path).resolve())
        settings = read_settings(str(settings_file or site_root() / SETTINGS), override=override)
        self.output = Path(settings["OUTPUT_PATH"])
        self.pelican = Pelican(settings)
        self.generators: list = []
        self.pages_written = 0  # by the last full build, for the progress display

    def content_files(self) -> int:
        return sum(1 for path in Path(self.pelican.path).rglob("*.md") if "images" not in path.parts)

    def expected_pages(self) -> int:
        """Pages the next build will write about: the last build's count, else the old output's."""
        return self.pages_written or sum(1 for _ in self.output.rglob("*.html"))

    def build_all(self) -> None:
        """A full build (strict: on failure the last good site stays); keeps its state."""
        captured: list = []

        def keep(generators) -> None:
            captured[:] = generators

        signals.all_generators_finalized.connect(keep)
        try:
            self.pelican.run()
        finally:
            signals.all_generators_finalized.disconnect(keep)
        self.generators = captured

    def refresh(self, paths: list[Path]) -> str:
        """Re-read changed content files and rewrite their pages; the last page written."""
        articles = next(g for g in self.generators if isinstance(g, ArticlesGenerator))
        writer = Writer(str(self.output), settings=self.pelican.settings)
        written = ""
        for path in paths:
            written = self._refresh_one(articles, writer, Path(path).resolve())
        return written

    def _refresh_one(self, generator: ArticlesGenerator, writer: Writer, path: Path) -> str:
        relative = path.relative_to(Path(generator.path).resolve()).as_posix()
        context = generator.context
        old = context["generated_content"].get(relative)
        REPORT.reset()
        try:
            new = generator.readers.read_file(
                base_path=generator.path, path=relative, content_class=Article, context=context
            )
        except ContentRejected:
            new = None
        errors = [p for p in REPORT.problems if p.severity == ERROR]
        if new is None or errors:
            raise PreviewProblem(relative, list(REPORT.problems))
        for name in CARRIED:
            if old is not None and hasattr(old, name):
                setattr(new, name, getattr(old, name))
        now = context["build_now"]
        if new.date > now or new.status == "draft":
            new.scheduled = new.date > now
            new.status = "draft"
        context["generated_content"][relative] = new
        template = generator.get_template(new.template)
        save_as = new.save_as
        if new.status == "draft" and not save_as.startswith("ban-nhap/"):
            save_as = f"ban-nhap/{save_as}"
        # A page taken from the page cache is a link to its entry: written anew, not through it.
        (self.output / save_as).unlink(missing_ok=True)
        if getattr(new, "kind", "") == "notice":
            self._attach_notice_view(context, old, new)
            writer.write_file(save_as, template, context, notice=new, content=new, url=new.url)
        else:
            writer.write_file(
                save_as,
                template,
                context,
                article=new,
                category=getattr(new, "category", None),
                url=new.url,
                blog=True,
            )
        return save_as

    def _attach_notice_view(self, context: dict, old, new) -> None:
        """The edited notice's view, made by the site model's own function; its chain as
        the last full build linked it (the build that follows links it anew)."""
        settings = self.pelican.settings
        old_view = getattr(old, "view", None)
        links = {}
        if old_view is not None and old_view.slug == new.slug:
            links = {"chain": old_view.chain, "previous": old_view.previous}
            links["auction_notices"] = old_view.auction_notices
        view = notice_view(
            new, settings["UNITS"], context["build_now"], settings["PORTAL_FILE_SIZES"], **links
        )
        documents = {n.slug: n for n in context.get("notices", []) + context.get("held_notices", [])}
        attach_view(new, view, {**documents, new.slug: new})


def timed_refresh(session: PreviewSession, paths: list[Path]) -> tuple[str, float]:
    started = time.monotonic()
    page = session.refresh(paths)
    return page, time.monotonic() - started
