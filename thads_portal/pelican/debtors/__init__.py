"""Debtors without the conditions to pay (người phải thi hành án chưa có điều kiện thi
hành), from `data/debtors/<unit id>.csv`: one list per unit with a name filter, a
province-wide list to search by name across all units, and on the index every current unit,
with "Chưa có danh sách" for a unit without a file.

An entry is published from its decision date until `removed_on`; from that day nothing of
it is written anywhere (pages, search, feeds, sitemap, open data). The pages carry
`noindex` unless DEBTORS_NOINDEX is False, and are kept out of the sitemap and the search
index. Templates get the page's own address as `current_url` (Pelican's `write_file` keeps
`url`).
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from thads_portal.pelican.config import portal_config


class DebtorsGenerator(Generator):
    def generate_context(self) -> None:
        today = self.context["build_now"].date()
        base = self.settings["DEBTORS_URL"]
        units = self.settings["UNITS"]
        files = self.settings["PORTAL"].debtors
        self.lists = []
        # Units in data order: every unit in office today, and any other unit with a file.
        for unit_id, unit in units.items():
            if unit_id not in files and not unit.valid_on(today):
                continue
            listed = sorted(
                (d for d in files.get(unit_id, []) if d.listed_on(today)),
                key=lambda d: (d.decision_date, d.name),
                reverse=True,
            )
            self.lists.append(
                {
                    "unit": unit,
                    "debtors": listed,
                    "rows": [(d, unit) for d in listed],
                    "url": f"{base}{unit_id}/" if unit_id in files else None,
                }
            )
        self.province = {
            "unit": None,
            "rows": [row for entry in self.lists for row in entry["rows"]],
            "url": f"{base}toan-tinh/",
        }
        self.province["debtors"] = [d for d, _ in self.province["rows"]]
        self.context["DEBTOR_LISTS"] = self.lists
        self.context["DEBTORS_PROVINCE"] = self.province

    def generate_output(self, writer) -> None:
        base = self.settings["DEBTORS_URL"]
        noindex = portal_config(self.settings).debtors_noindex
        writer.write_file(
            f"{base}index.html", self.get_template("debtors"), self.context, current_url=base, noindex=noindex
        )
        template = self.get_template("debtor_list")
        for entry in [*(e for e in self.lists if e["url"]), self.province]:
            writer.write_file(
                f"{entry['url']}index.html",
                template,
                self.context,
                current_url=entry["url"],
                debtor_list=entry,
                noindex=noindex,
            )


def _get_generators(pelican):
    return DebtorsGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
