"""Enforcement statistics from `data/statistics/<year>.yml`: per reporting year (1 October –
30 September) and period (3, 6, 10, 12 months), the two ratios ("về việc", "về tiền")
against targets, per unit and for the province; tables, SVG charts and CSV. Without any
year the statistics page is still written (the menu links to it), saying there are no figures.

Templates get the page's own address as `current_url` (Pelican's `write_file` keeps `url`).
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from thads_portal.domain.formatting import format_date
from thads_portal.domain.problems import WARNING, Problem, display_path
from thads_portal.domain.report import REPORT

from .charts import ratio_chart
from .views import CSV_COLUMNS, year_csv, year_view

__all__ = ["CSV_COLUMNS", "StatisticsGenerator", "year_csv", "year_view"]


def overview_chart(years: list[dict], province_kind: str = "tỉnh") -> str:
    """The province over the years, longest period of each; a target line only where the
    period has the targets it is measured against (12 months, or its own)."""
    rows = []
    for view in years:
        period = view["periods"][0]
        province = period["rows"][-1]
        own = period["own_targets"]
        rows.append(
            (
                f"Năm {view['record'].year} ({period['record'].months} tháng)",
                province["cases"]["ratio"],
                province["money"]["ratio"],
                province["cases"]["target"] if own else None,
                province["money"]["target"] if own else None,
                province["sample"],
            )
        )
    return ratio_chart(
        "bieu-do-cac-nam",
        f"Tỷ lệ thi hành xong của toàn {province_kind} qua các năm (kỳ dài nhất có số liệu)",
        rows,
    )


class StatisticsGenerator(Generator):
    def generate_context(self) -> None:
        units = self.settings["UNITS"]
        years = self.settings["PORTAL"].statistics
        self.province_kind = self.settings["SITE"].province_kind
        self.years = [
            year_view(years[number], units, self.province_kind) for number in sorted(years, reverse=True)
        ]
        self.context["STATISTICS_YEARS"] = self.years
        today = self.context["build_now"].date()
        data = Path(self.settings["PORTAL_DATA_PATH"]) / "statistics"
        for view in self.years:
            for period in view["periods"]:
                if period["end"] > today:
                    message = (
                        f"kỳ {period['record'].months} tháng kết thúc ngày {format_date(period['end'])}, "
                        "sau ngày tạo trang: kiểm tra lại số liệu."
                    )
                    source = display_path(data / f"{view['record'].year}.yml")
                    REPORT.add([Problem(source, None, "months", message, WARNING, code="data")])

    def generate_output(self, writer) -> None:
        base = self.settings["STATISTICS_URL"]
        writer.write_file(
            f"{base}index.html",
            self.get_template("statistics"),
            self.context,
            current_url=base,
            overview_chart=Markup(overview_chart(self.years, self.province_kind)) if self.years else "",
        )
        template = self.get_template("statistics_year")
        for view in self.years:
            url = f"{base}{view['record'].year}/"
            csv_name = f"thong-ke-{view['record'].year}.csv"
            target = Path(writer.output_path) / url / csv_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(year_csv(view))
            writer.write_file(
                f"{url}index.html",
                template,
                self.context,
                current_url=url,
                year=view,
                csv_url=f"{url}{csv_name}",
            )


def _get_generators(pelican):
    return StatisticsGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
