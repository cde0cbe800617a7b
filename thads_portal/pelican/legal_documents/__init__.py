"""Legal documents (văn bản) from `data/legal_documents.yml`: one page each, a listing
with filters by type, issuer and year (plain links, one listing per filter, without
JavaScript; combined on the full listing by `filter-list.js`), and site search records.

Templates get the page's own address as `current_url`: Pelican's `write_file` keeps `url`
for itself.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from thads_portal.domain.problems import Problem, display_path
from thads_portal.domain.references import file_message
from thads_portal.domain.report import REPORT
from thads_portal.domain.sections import LEGAL_STATUSES
from thads_portal.domain.text import slugify
from thads_portal.pelican.search.records import SearchRecord

SEARCH_TYPE = ["legal_document", "Văn bản"]


class LegalDocumentsGenerator(Generator):
    def generate_context(self) -> None:
        collection = self.settings["PORTAL"].legal_documents
        self.documents = []
        if collection is None:
            return
        today = self.context["build_now"].date()
        base = self.settings["LEGAL_DOCUMENTS_URL"]
        content_root = Path(self.settings["PATH"])
        for document in sorted(collection.documents, key=lambda d: (d.issued, d.id), reverse=True):
            found = document.file and file_message(content_root, document.file.lstrip("/"), document.file)
            if found:
                source = display_path(Path(self.settings["PORTAL_DATA_PATH"]) / "legal_documents.yml")
                code, message = found
                REPORT.add([Problem(source, None, "file", f"văn bản '{document.id}': {message}", code=code)])
            status = document.status_on(today)
            type_label = collection.types[document.type]
            self.documents.append(
                {
                    "record": document,
                    "type_label": type_label,
                    "title": document.display_title(type_label),
                    "short_title": document.short_title(type_label),
                    "issuer_slug": slugify(document.issuer),
                    "status": status,
                    "status_label": LEGAL_STATUSES[status],
                    "url": f"{base}{document.id}/",
                }
            )
        self.types = collection.types
        self.handled = {d["record"].file for d in self.documents if d["record"].file}
        self.context.setdefault("search_types", []).append(SEARCH_TYPE)
        self.context.setdefault("search_records", []).extend(
            SearchRecord(
                type=SEARCH_TYPE[0],
                title=d["title"],
                url=f"/{d['url']}",
                published=_midnight(d["record"].issued, self.context["build_now"]),
                summary=d["record"].abstract,
                facts=f"{d['record'].issuer} {d['status_label']}",
            )
            for d in self.documents
        )

    def _write_listing(self, write, url: str, title: str, crumb: str, documents: list, **extra) -> None:
        write(
            f"{url}index.html",
            self.get_template("legal_documents"),
            self.context,
            current_url=url,
            listing_title=title,
            crumb=crumb,
            legal_documents=documents,
            legal_filter_groups=self.filter_groups,
            **extra,
        )

    def generate_output(self, writer) -> None:
        if not self.documents:
            return
        base = self.settings["LEGAL_DOCUMENTS_URL"]
        documents = self.documents
        by_type = Counter(d["record"].type for d in documents)
        issuers = sorted({(d["record"].issuer, d["issuer_slug"]) for d in documents})
        by_issuer = Counter(d["issuer_slug"] for d in documents)
        by_year = sorted(Counter(d["record"].issued.year for d in documents).items(), reverse=True)
        types = [(k, label) for k, label in self.types.items() if by_type[k]]
        # (heading, field of the combined filter, [(label, address, count, value), …])
        self.filter_groups = [
            ("Theo loại văn bản", "type", [(lb, f"{base}loai/{k}/", by_type[k], k) for k, lb in types]),
            (
                "Theo cơ quan ban hành",
                "issuer",
                [(name, f"{base}co-quan/{slug}/", by_issuer[slug], slug) for name, slug in issuers],
            ),
            (
                "Theo năm ban hành",
                "year",
                [(str(year), f"{base}nam/{year}/", count, str(year)) for year, count in by_year],
            ),
        ]
        write = writer.write_file
        self._write_listing(write, base, "Văn bản", "Văn bản", documents, combined_filter=True)
        for type_id, label in types:
            chosen = [d for d in documents if d["record"].type == type_id]
            self._write_listing(write, f"{base}loai/{type_id}/", f"Văn bản: {label}", label, chosen)
        for issuer, slug in issuers:
            chosen = [d for d in documents if d["issuer_slug"] == slug]
            self._write_listing(write, f"{base}co-quan/{slug}/", f"Văn bản của {issuer}", issuer, chosen)
        for year, _ in by_year:
            chosen = [d for d in documents if d["record"].issued.year == year]
            self._write_listing(
                write, f"{base}nam/{year}/", f"Văn bản ban hành năm {year}", f"Năm {year}", chosen
            )
        template = self.get_template("legal_document")
        for document in documents:
            write(
                f"{document['url']}index.html",
                template,
                self.context,
                current_url=document["url"],
                document=document,
            )


def _midnight(day, now):
    return now.replace(year=day.year, month=day.month, day=day.day, hour=0, minute=0, second=0, microsecond=0)


def _get_generators(pelican):
    return LegalDocumentsGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
