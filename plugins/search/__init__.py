"""Site search at /tim-kiem/: a static, sharded index of notices, news and other records,
read by theme/static/js/search.js. See `index.py` for the file layout.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from parallel_build import run_later
from parallel_build.page_cache import cached_files
from portal.notices import ASSET_CATEGORIES, NOTICE_TYPE_SHORT, STATUSES

from .index import index_files, index_version
from .records import NEWS_TYPE, article_record, notice_record

SEARCH_URL = "tim-kiem/"
INDEX_FOLDER = "tim-kiem/chi-muc"


def labels_for(settings: dict, records, extra_types: list) -> dict[str, list]:
    """Ids and names of every filter value, in the order the filters list them."""
    used_units = {record.unit for record in records if record.unit}
    types = [[NEWS_TYPE, "Tin tức"]] + [[k, v] for k, v in NOTICE_TYPE_SHORT.items()]
    types += [list(pair) for pair in extra_types]
    units = [[u.id, u.short_name, u.name] for u in settings["UNITS"].values() if u.id in used_units]
    return {
        "types": types,
        "units": units,
        "assets": [[k, v] for k, v in ASSET_CATEGORIES.items()],
        "statuses": [[k, v] for k, v in STATUSES.items()],
    }


class SearchGenerator(Generator):
    def generate_context(self) -> None:
        # Other generators may add records for their pages (legal documents …), and the
        # [id, label] of their record types.
        self.context.setdefault("search_records", [])
        self.context.setdefault("search_types", [])

    def records(self) -> list:
        unit_names = {unit.id: unit.name for unit in self.settings["UNITS"].values()}
        records = [notice_record(notice, unit_names) for notice in self.context.get("notices", [])]
        records += [article_record(article) for article in self.context.get("articles", [])]
        return records + list(self.context.get("search_records", []))

    def start_jobs(self, writer) -> None:
        records = self.records()
        self.labels = labels_for(self.settings, records, self.context.get("search_types", []))
        self.version = index_version(records, self.labels, NOTICE_TYPE_SHORT)
        self.record_count = len(records)
        folder = Path(writer.output_path) / INDEX_FOLDER / self.version

        def write_index(root: Path) -> None:
            for relative, payload in index_files(records, self.labels, NOTICE_TYPE_SHORT).items():
                target = root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(payload)

        # The longest single job of the build; reused while its inputs stay.
        version = self.version
        run_later(
            writer, lambda: cached_files(self.settings, "search-index", lambda: version, folder, write_index)
        )

    def generate_output(self, writer) -> None:
        writer.write_file(
            f"{SEARCH_URL}index.html",
            self.get_template("search"),
            self.context,
            url=SEARCH_URL,
            search_index=f"/{INDEX_FOLDER}/{self.version}/",
            search_labels=self.labels,
            search_count=self.record_count,
        )


def _get_generators(pelican):
    return SearchGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
