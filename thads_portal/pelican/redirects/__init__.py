"""Old addresses keep working: for every `redirect_from` in front matter (and every line
of `data/redirects.yml`), a small page at the old address sends readers to the new one, and
`_redirects.map` lists the pairs for the web server to answer with 301.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from thads_portal.domain.frontmatter import FrontMatterError, load_yaml
from thads_portal.domain.problems import Problem
from thads_portal.domain.report import REPORT

MAP_FILE = "_redirects.map"


def _normalize(path: str) -> str:
    path = path.strip().lstrip("/")
    return path if path.endswith((".html", "/")) or not path else f"{path}/"


class RedirectsGenerator(Generator):
    def generate_context(self) -> None:
        pairs: dict[str, str] = {}
        for content in self.context["generated_content"].values():
            for old in getattr(content, "redirect_from", []) or []:
                pairs[_normalize(old)] = content.url
        data_file = Path(self.settings["PORTAL_DATA_PATH"]) / "redirects.yml"
        if data_file.is_file():
            try:
                mapping, _ = load_yaml(data_file.read_text(encoding="utf-8"))
            except FrontMatterError as error:
                REPORT.add([Problem("data/redirects.yml", error.line, None, error.message, code="yaml")])
                mapping = {}
            for old, new in (mapping or {}).items():
                pairs[_normalize(str(old))] = _normalize(str(new))
        for old in list(pairs):
            if old == pairs[old]:
                REPORT.add(
                    [
                        Problem(
                            "data/redirects.yml", None, old, "địa chỉ cũ trùng địa chỉ mới.", code="redirect"
                        )
                    ]
                )
                del pairs[old]
        self.pairs = dict(sorted(pairs.items()))
        self.context["REDIRECTS"] = self.pairs

    def generate_output(self, writer) -> None:
        template = self.get_template("redirect")
        for old, new in self.pairs.items():
            target = old if old.endswith(".html") else f"{old}index.html"
            writer.write_file(target, template, self.context, redirect_to=new, noindex=True, url=old)
        lines = [f"/{old} /{new};" for old, new in self.pairs.items()]
        (Path(writer.output_path) / MAP_FILE).write_text(
            "".join(f"{line}\n" for line in lines), encoding="utf-8"
        )


def _get_generators(pelican):
    return RedirectsGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
