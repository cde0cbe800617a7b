"""Administrative procedures (thủ tục hành chính) from `data/procedures/*.yml`: a listing
and one page per procedure with its standard parts, in the site search too."""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from search.records import SearchRecord

SEARCH_TYPE = ["procedure", "Thủ tục hành chính"]


class ProceduresGenerator(Generator):
    def generate_context(self) -> None:
        base = self.settings["PROCEDURES_URL"]
        procedures = self.settings["PORTAL"].procedures
        self.procedures = [
            {"slug": slug, "record": record, "url": f"{base}{slug}/"}
            for slug, record in sorted(procedures.items(), key=lambda item: (item[1].order, item[1].title))
        ]
        if not self.procedures:
            return
        self.context.setdefault("search_types", []).append(SEARCH_TYPE)
        now = self.context["build_now"]
        self.context.setdefault("search_records", []).extend(
            SearchRecord(
                type=SEARCH_TYPE[0],
                title=p["record"].title,
                url=f"/{p['url']}",
                published=now.replace(year=2000, month=1, day=1, hour=0, minute=0, second=0, microsecond=0),
                summary=f"Lĩnh vực {p['record'].field}. Thời hạn giải quyết: {p['record'].time_limit}",
                facts=" ".join([p["record"].agency, p["record"].applicants]),
                body=" ".join(p["record"].steps + p["record"].dossier),
            )
            for p in self.procedures
        )

    def generate_output(self, writer) -> None:
        if not self.procedures:
            return
        base = self.settings["PROCEDURES_URL"]
        writer.write_file(
            f"{base}index.html",
            self.get_template("procedures"),
            self.context,
            url=base,
            procedures=self.procedures,
        )
        template = self.get_template("procedure")
        for procedure in self.procedures:
            writer.write_file(
                f"{procedure['url']}index.html",
                template,
                self.context,
                url=procedure["url"],
                procedure=procedure,
            )


def _get_generators(pelican):
    return ProceduresGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
