"""What the statistics pages and CSV show of one reporting year: rows per unit and for the
province, sample marks, the targets that apply, the gap to a comparable target."""

from __future__ import annotations

import io
from decimal import Decimal

from markupsafe import Markup

from thads_portal.domain.formatting import format_billions, format_date
from thads_portal.domain.sections import Target, period_end, reporting_year_start
from thads_portal.domain.spreadsheet import writer as csv_writer

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
    "chi_tieu_theo",
    "so_lieu_mau",
]


def billions(value: int) -> str:
    """Money as "320,91": tỷ đồng with two decimals, the unit given once in the table heading."""
    return format_billions(value).removesuffix(" tỷ")


def gap(value: float | None, target: float | None) -> str:
    """ "vượt 4,00 điểm" / "thấp hơn 1,20 điểm" / "đạt đúng chỉ tiêu"; "" when not comparable."""
    if value is None or target is None:
        return ""
    difference = Decimal(str(value)) - Decimal(str(target))
    amount = f"{abs(difference):.2f}".replace(".", ",")
    if difference > 0:
        return f"vượt {amount} điểm"
    return f"thấp hơn {amount} điểm" if difference < 0 else "đạt đúng chỉ tiêu"


def _row(row_id, name, short, figures, target, sample, comparable, province=False) -> dict:
    parts = {}
    for kind in ("cases", "money"):
        value, aim = getattr(figures, f"{kind}_ratio"), getattr(target, kind)
        parts[kind] = {"ratio": value, "target": aim, "gap": gap(value, aim) if comparable else ""}
    return {
        "id": row_id,
        "name": name,
        "short": short,
        "figures": figures,
        "target": target,
        "sample": sample,
        "province": province,
        "billions": {
            p: billions(getattr(figures, f"money_{p}")) for p in ("total", "enforceable", "completed")
        },
        **parts,
    }


def period_rows(year, period, units, province_kind: str = "tỉnh") -> list[dict]:
    """The units, then the province ("Toàn tỉnh", "Toàn thành phố": `site.province_kind`),
    marked sample when any figure is one."""
    comparable = period.months == 12 or period.targets is not None
    year_targets = period.targets or year.targets
    rows = [
        _row(
            f.unit,
            units[f.unit].name,
            units[f.unit].short_name,
            f,
            f.target or year_targets,
            f.sample or period.sample,
            comparable,
        )
        for f in period.units
    ]
    province = period.province
    rows.append(
        _row(
            "toan-tinh",  # the CSV's code of the whole, the same on every site
            f"Toàn {province_kind}",
            f"Toàn {province_kind}",
            province,
            year_targets or Target(),
            province.sample or period.sample,
            comparable,
            province=True,
        )
    )
    return rows


def year_view(year, units, province_kind: str = "tỉnh") -> dict:
    periods = []
    for period in sorted(year.periods, key=lambda p: p.months, reverse=True):
        rows = period_rows(year, period, units, province_kind)
        own_targets = period.months == 12 or period.targets is not None
        target_label = "Chỉ tiêu" if own_targets else "Chỉ tiêu cả năm"
        chart = ratio_chart(
            f"bieu-do-{year.year}-{period.months}",
            f"Tỷ lệ thi hành xong năm {year.year}, kỳ {period.months} tháng",
            [
                (
                    r["short"],
                    r["cases"]["ratio"],
                    r["money"]["ratio"],
                    r["cases"]["target"],
                    r["money"]["target"],
                    r["sample"],
                )
                for r in rows
            ],
            target_label,
        )
        periods.append(
            {
                "record": period,
                "rows": rows,
                "chart": Markup(chart),
                "own_targets": own_targets,
                "target_label": target_label,
                "start": reporting_year_start(year.year),
                "end": period_end(year.year, period.months),
            }
        )
    return {"record": year, "periods": periods}


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def year_csv(view: dict) -> bytes:
    """UTF-8 with a BOM (Excel), dates dd/mm/yyyy, ratios and targets with two decimals; text
    that a spreadsheet would run as a formula is quoted (portal.spreadsheet)."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    year = view["record"]
    for period in view["periods"]:
        for row in period["rows"]:
            f, t = row["figures"], row["target"]
            writer.writerow(
                [
                    year.year,
                    period["record"].months,
                    format_date(period["start"]),
                    format_date(period["end"]),
                    row["id"],
                    row["name"],
                    f.cases_total,
                    f.cases_enforceable,
                    f.cases_completed,
                    _decimal(f.cases_ratio),
                    _decimal(t.cases),
                    f.money_total,
                    f.money_enforceable,
                    f.money_completed,
                    _decimal(f.money_ratio),
                    _decimal(t.money),
                    "ky" if period["record"].targets and period["record"].months != 12 else "nam",
                    "co" if row["sample"] else "khong",
                ]
            )
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
