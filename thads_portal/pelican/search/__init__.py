"""Site search at /tim-kiem/: a static, sharded index of notices, news and other records,
read by theme/static/js/search.js. See `index.py` for the file layout.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from thads_portal.domain.data import former_units_until, unit_chains, unit_choices
from thads_portal.domain.formatting import format_date
from thads_portal.domain.notices import ASSET_CATEGORIES, NOTICE_TYPE_SHORT, STATUSES
from thads_portal.pelican.render_plan import FileJob

from .index import index_files, index_version
from .records import NEWS_TYPE, article_record, notice_record

SEARCH_URL = "tim-kiem/"
INDEX_FOLDER = "tim-kiem/chi-muc"


def labels_for(settings: dict, records, extra_types: list, today: dt.date) -> dict[str, list]:
    """Ids and names of every filter value, in the order the filters list them. Units as the
    notice listings offer them (`portal.data.unit_choices`): one entry per unit, a renamed
    unit under its newest name (its records are counted there, see `unit_facet_ids`), units
    in service on `today` first, each group in Vietnamese alphabetical order; each entry is
    [id, short name, name, area, "current" or "former", names it had before, ids it had before]."""
    units = settings["UNITS"]
    counts: dict[str, int] = {}
    for record in records:
        if record.unit:
            counts[record.unit] = counts.get(record.unit, 0) + 1
    types = [[NEWS_TYPE, "Tin tức"]] + [[k, v] for k, v in NOTICE_TYPE_SHORT.items()]
    types += [list(pair) for pair in extra_types]
    choices = unit_choices(units, counts, today)
    return {
        "types": types,
        "units": [
            [
                c.id,
                c.label,
                c.name,
                c.area,
                "current" if c.current else "former",
                ", ".join(c.former_names),
                " ".join(m for m in c.members if m != c.id),  # old ids: links with them still work
            ]
            for c in choices
        ],
        "assets": [[k, v] for k, v in ASSET_CATEGORIES.items()],
        "statuses": [[k, v] for k, v in STATUSES.items()],
    }


def unit_facet_ids(settings: dict, records) -> list:
    """Records of a renamed unit filter under its newest name (the facet's entry)."""
    chains = unit_chains(settings["UNITS"])
    return [
        dataclasses.replace(r, unit=chains[r.unit]) if r.unit in chains and chains[r.unit] != r.unit else r
        for r in records
    ]


def former_units_heading(settings: dict, today) -> str:
    until = former_units_until(settings["UNITS"], today)
    return f"Đơn vị cũ (trước {format_date(until)})" if until else "Đơn vị cũ"


class SearchGenerator(Generator):
    def generate_context(self) -> None:
        # Other generators may add records for their pages (legal documents …), and the
        # [id, label] of their record types.
        self.context.setdefault("search_records", [])
        self.context.setdefault("search_types", [])

    def records(self) -> list:
        records = [notice_record(notice) for notice in self.context.get("notices", [])]
        records += [article_record(article) for article in self.context.get("articles", [])]
        return records + list(self.context.get("search_records", []))

    def file_jobs(self) -> list[FileJob]:
        records = self.records()
        today = self.context["build_now"].date()
        self.labels = labels_for(self.settings, records, self.context.get("search_types", []), today)
        records = unit_facet_ids(self.settings, records)
        self.former_units_heading = former_units_heading(self.settings, today)
        self.version = index_version(records, self.labels, NOTICE_TYPE_SHORT)
        self.record_count = len(records)
        folder = Path(self.output_path) / INDEX_FOLDER / self.version

        def write_index(root: Path) -> None:
            for relative, payload in index_files(records, self.labels, NOTICE_TYPE_SHORT).items():
                target = root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(payload)

        # The longest single job of the build; reused while its inputs (digested in the
        # version) stay.
        return [FileJob("search-index", folder, write_index, inputs=(self.version,))]

    def generate_output(self, writer) -> None:
        writer.write_file(
            f"{SEARCH_URL}index.html",
            self.get_template("search"),
            self.context,
            url=SEARCH_URL,
            search_index=f"/{INDEX_FOLDER}/{self.version}/",
            search_labels=self.labels,
            search_count=self.record_count,
            search_former_units=self.former_units_heading,
        )


def _get_generators(pelican):
    return SearchGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
