"""Bar charts as SVG text, drawn at build time: no chart library in the browser.

Only presentation attributes (no `style`), so the charts pass a strict CSP.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

CASES_COLOR, MONEY_COLOR, TARGET_COLOR, INK = "#0b4f9c", "#8a4b00", "#9b1c1c", "#1f2328"
WIDTH, LABEL_WIDTH, ROW_HEIGHT, BAR_HEIGHT, TOP = 720, 230, 46, 15, 48


def _percent(value: float | None) -> str:
    return "không có số liệu" if value is None else f"{value:.2f}%".replace(".", ",")


def ratio_chart(chart_id: str, title: str, rows: list[tuple]) -> str:
    """rows: (label, cases %, money %, cases target %, money target %), values may be None."""
    plot = WIDTH - LABEL_WIDTH - 70
    height = TOP + ROW_HEIGHT * len(rows) + 30
    descriptions = [
        f"{label}: về việc {_percent(cases)} (chỉ tiêu {_percent(cases_target)}), "
        f"về tiền {_percent(money)} (chỉ tiêu {_percent(money_target)})"
        for label, cases, money, cases_target, money_target in rows
    ]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart" font-family="system-ui, sans-serif" font-size="14">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape("; ".join(descriptions))}.</desc>',
        f'<rect x="{LABEL_WIDTH}" y="8" width="14" height="14" fill="{CASES_COLOR}"/>',
        f'<text x="{LABEL_WIDTH + 20}" y="20" fill="{INK}">Về việc</text>',
        f'<rect x="{LABEL_WIDTH + 110}" y="8" width="14" height="14" fill="{MONEY_COLOR}"/>',
        f'<text x="{LABEL_WIDTH + 130}" y="20" fill="{INK}">Về tiền</text>',
        f'<line x1="{LABEL_WIDTH + 222}" y1="8" x2="{LABEL_WIDTH + 222}" y2="22" stroke="{TARGET_COLOR}" stroke-width="3"/>',
        f'<text x="{LABEL_WIDTH + 230}" y="20" fill="{INK}">Chỉ tiêu</text>',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = LABEL_WIDTH + plot * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 24}" stroke="#d5d9de"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" fill="{INK}">{tick}%</text>')
    for index, (label, cases, money, cases_target, money_target) in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT + 4}" text-anchor="end" fill="{INK}">{escape(label)}</text>'
        )
        for offset, value, target, color in (
            (0, cases, cases_target, CASES_COLOR),
            (BAR_HEIGHT + 2, money, money_target, MONEY_COLOR),
        ):
            top = y + offset
            width = plot * min(value or 0, 100) / 100
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{top}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{color}"/>'
            )
            parts.append(
                f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{top + 12}" font-size="12" fill="{INK}">{_percent(value)}</text>'
            )
            if target is not None:
                x = LABEL_WIDTH + plot * min(target, 100) / 100
                parts.append(
                    f'<line x1="{x:.1f}" y1="{top - 1}" x2="{x:.1f}" y2="{top + BAR_HEIGHT + 1}" stroke="{TARGET_COLOR}" stroke-width="3"/>'
                )
    parts.append("</svg>")
    return "\n".join(parts)
