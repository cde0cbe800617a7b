"""Administrative procedures (thủ tục hành chính) from `data/procedures/*.yml`: a listing
and one page per procedure with its standard parts, in the site search too.

A legal basis given by document id is linked to its page under /van-ban/ and shown with its
validity on the build day, so a procedure never cites an expired law as if it applied.
Templates get the page's own address as `current_url` (Pelican's `write_file` keeps `url`).
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from thads_portal.domain.formatting import format_date
from thads_portal.domain.sections import LegalBasis
from thads_portal.pelican.search.records import SearchRecord

SEARCH_TYPE = ["procedure", "Thủ tục hành chính"]
STATUS_ORDER = {"in_force": 0, "not_yet": 1, None: 2, "expired": 3}


def legal_basis(procedure, collection, base: str, today) -> list[dict]:
    """Items {label, url, status, note}: in force first, expired last, each with its dates."""
    documents = {d.id: d for d in collection.documents} if collection else {}
    items = []
    for item in procedure.legal_basis:
        if not isinstance(item, LegalBasis):
            items.append({"label": item, "url": "", "status": None, "note": ""})
            continue
        document = documents[item.document]  # checked when data/ was loaded
        status = document.status_on(today)
        note = item.note
        if status == "expired":
            note = f"áp dụng trước ngày {format_date(document.expired)}, hết hiệu lực từ ngày này"
        elif status == "not_yet":
            note = f"có hiệu lực từ ngày {format_date(document.effective)}"
        items.append(
            {
                "label": document.display_title(collection.types[document.type]),
                "url": f"{base}{document.id}/",
                "status": status,
                "note": note,
            }
        )
    return sorted(items, key=lambda item: STATUS_ORDER[item["status"]])


class ProceduresGenerator(Generator):
    def generate_context(self) -> None:
        base = self.settings["PROCEDURES_URL"]
        portal = self.settings["PORTAL"]
        today = self.context["build_now"].date()
        documents_url = self.settings["LEGAL_DOCUMENTS_URL"]
        self.procedures = [
            {
                "slug": slug,
                "record": record,
                "url": f"{base}{slug}/",
                "legal_basis": legal_basis(record, portal.legal_documents, documents_url, today),
            }
            for slug, record in sorted(
                portal.procedures.items(), key=lambda item: (item[1].order, item[1].title)
            )
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
                # No publication date (search shows none for 01/01/2000); `updated` is on the page.
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
            current_url=base,
            procedures=self.procedures,
        )
        template = self.get_template("procedure")
        for procedure in self.procedures:
            writer.write_file(
                f"{procedure['url']}index.html",
                template,
                self.context,
                current_url=procedure["url"],
                procedure=procedure,
            )


def _get_generators(pelican):
    return ProceduresGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
