"""Enforcement statistics from `data/statistics/<year>.yml`: per reporting year (1 October –
30 September) and period (3, 6, 10, 12 months), the two ratios ("về việc", "về tiền")
against targets, per unit and for the province; tables, SVG charts and CSV.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from portal.sections import period_end, reporting_year_start

from .charts import ratio_chart

CSV_COLUMNS = [
    "nam_bao_cao",
    "ky_thang",
    "tu_ngay",
    "den_ngay",
    "ma_don_vi",
    "don_vi",
    "viec_tong_so",
    "viec_co_dieu_kien",
    "viec_xong",
    "ty_le_viec",
    "chi_tieu_viec",
    "tien_tong_so",
    "tien_co_dieu_kien",
    "tien_xong",
    "ty_le_tien",
    "chi_tieu_tien",
    "so_lieu_mau",
]


def _rows(year, period, units):
    """Table rows: the units, then the province."""
    rows = []
    for figures in period.units:
        target = figures.target or year.targets
        rows.append(
            {
                "id": figures.unit,
                "name": units[figures.unit].name,
                "short": units[figures.unit].short_name,
                "figures": figures,
                "target": target,
                "sample": figures.sample or period.sample,
            }
        )
    rows.append(
        {
            "id": "toan-tinh",
            "name": "Toàn tỉnh",
            "short": "Toàn tỉnh",
            "figures": period.province,
            "target": year.targets,
            "sample": period.sample,
            "province": True,
        }
    )
    return rows


def year_view(year, units) -> dict:
    periods = []
    for period in sorted(year.periods, key=lambda p: p.months, reverse=True):
        rows = _rows(year, period, units)
        chart = ratio_chart(
            f"bieu-do-{year.year}-{period.months}",
            f"Tỷ lệ thi hành xong năm {year.year}, kỳ {period.months} tháng",
            [
                (
                    r["short"],
                    r["figures"].cases_ratio,
                    r["figures"].money_ratio,
                    r["target"].cases,
                    r["target"].money,
                )
                for r in rows
            ],
        )
        periods.append(
            {
                "record": period,
                "rows": rows,
                "chart": Markup(chart),
                "start": reporting_year_start(year.year),
                "end": period_end(year.year, period.months),
            }
        )
    return {"record": year, "periods": periods}


def year_csv(view: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    year = view["record"]
    for period in view["periods"]:
        for row in period["rows"]:
            f, t = row["figures"], row["target"]
            writer.writerow(
                [
                    year.year,
                    period["record"].months,
                    period["start"].isoformat(),
                    period["end"].isoformat(),
                    row["id"],
                    row["name"],
                    f.cases_total,
                    f.cases_enforceable,
                    f.cases_completed,
                    "" if f.cases_ratio is None else f"{f.cases_ratio:.2f}",
                    "" if t.cases is None else t.cases,
                    f.money_total,
                    f.money_enforceable,
                    f.money_completed,
                    "" if f.money_ratio is None else f"{f.money_ratio:.2f}",
                    "" if t.money is None else t.money,
                    "co" if row["sample"] else "khong",
                ]
            )
    return "\ufeff".encode() + out.getvalue().encode("utf-8")  # BOM: Excel reads UTF-8


class StatisticsGenerator(Generator):
    def generate_context(self) -> None:
        units = self.settings["UNITS"]
        years = self.settings["PORTAL"].statistics
        self.years = [year_view(years[number], units) for number in sorted(years, reverse=True)]
        self.context["STATISTICS_YEARS"] = self.years

    def generate_output(self, writer) -> None:
        if not self.years:
            return
        base = self.settings["STATISTICS_URL"]
        overview = ratio_chart(
            "bieu-do-cac-nam",
            "Tỷ lệ thi hành xong của toàn tỉnh qua các năm (kỳ dài nhất có số liệu)",
            [
                (
                    f"Năm {v['record'].year} ({v['periods'][0]['record'].months} tháng)",
                    v["periods"][0]["record"].province.cases_ratio,
                    v["periods"][0]["record"].province.money_ratio,
                    v["record"].targets.cases,
                    v["record"].targets.money,
                )
                for v in self.years
            ],
        )
        writer.write_file(
            f"{base}index.html",
            self.get_template("statistics"),
            self.context,
            url=base,
            overview_chart=Markup(overview),
        )
        template = self.get_template("statistics_year")
        for view in self.years:
            url = f"{base}{view['record'].year}/"
            csv_name = f"thong-ke-{view['record'].year}.csv"
            target = Path(writer.output_path) / url / csv_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(year_csv(view))
            writer.write_file(
                f"{url}index.html", template, self.context, url=url, year=view, csv_url=f"{url}{csv_name}"
            )


def _get_generators(pelican):
    return StatisticsGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
