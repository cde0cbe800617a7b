"""Debtors without the conditions to pay (người phải thi hành án chưa có điều kiện thi
hành), from `data/debtors/<unit id>.csv`: one list per unit with a name filter.

An entry is published from its decision date until `removed_on`; from that day nothing of
it is written anywhere (pages, search, feeds, sitemap, open data). The pages carry
`noindex` unless DEBTORS_NOINDEX is False, and are kept out of the sitemap and the search
index.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator


class DebtorsGenerator(Generator):
    def generate_context(self) -> None:
        today = self.context["build_now"].date()
        base = self.settings["DEBTORS_URL"]
        units = self.settings["UNITS"]
        self.lists = []
        for unit_id, debtors in self.settings["PORTAL"].debtors.items():
            listed = sorted(
                (d for d in debtors if d.listed_on(today)),
                key=lambda d: (d.decision_date, d.name),
                reverse=True,
            )
            self.lists.append({"unit": units[unit_id], "debtors": listed, "url": f"{base}{unit_id}/"})
        self.lists.sort(key=lambda entry: entry["unit"].name)
        self.context["DEBTOR_LISTS"] = self.lists

    def generate_output(self, writer) -> None:
        base = self.settings["DEBTORS_URL"]
        noindex = self.settings.get("DEBTORS_NOINDEX", True)
        writer.write_file(
            f"{base}index.html", self.get_template("debtors"), self.context, url=base, noindex=noindex
        )
        template = self.get_template("debtor_list")
        for entry in self.lists:
            writer.write_file(
                f"{entry['url']}index.html",
                template,
                self.context,
                url=entry["url"],
                debtor_list=entry,
                noindex=noindex,
            )


def _get_generators(pelican):
    return DebtorsGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
