"""Bar charts as SVG text, drawn at build time: no chart library in the browser.

Sized for phones: 360 units wide, shown at most 28rem wide, so text stays at 12–13 px on a
390 px screen. Each row has its label above its two bars (no label column to cut off); the
value is written after the bar and after the target line, never under it. Only
presentation attributes (no `style`), so the charts pass a strict CSP.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

CASES_COLOR, MONEY_COLOR, TARGET_COLOR, INK, MUTED = "#0b4f9c", "#8a4b00", "#9b1c1c", "#1f2328", "#545b64"
WIDTH, PLOT, LEFT, TOP, ROW, BAR = 360, 292, 2, 40, 62, 14
LABEL_SIZE, VALUE_SIZE, MAX_LABEL = 13, 12, 46  # MAX_LABEL: characters that fit in WIDTH


def _percent(value: float | None, missing: str = "không có số liệu") -> str:
    return missing if value is None else f"{value:.2f}%".replace(".", ",")


def _x(value: float) -> float:
    return LEFT + PLOT * min(max(value, 0), 100) / 100


def _fit(label: str, room: int) -> str:
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _legend(target_label: str) -> list[str]:
    return [
        f'<rect x="{LEFT}" y="6" width="12" height="12" fill="{CASES_COLOR}"/>',
        f'<text x="{LEFT + 17}" y="17" fill="{INK}">Về việc</text>',
        f'<rect x="{LEFT + 82}" y="6" width="12" height="12" fill="{MONEY_COLOR}"/>',
        f'<text x="{LEFT + 99}" y="17" fill="{INK}">Về tiền</text>',
        f'<line x1="{LEFT + 170}" y1="4" x2="{LEFT + 170}" y2="20" stroke="{TARGET_COLOR}" stroke-width="3"/>',
        f'<text x="{LEFT + 178}" y="17" fill="{INK}">{escape(target_label)}</text>',
    ]


def _bar(top: float, value: float | None, target: float | None, color: str) -> list[str]:
    end = _x(value or 0)
    parts = [f'<rect x="{LEFT}" y="{top}" width="{end - LEFT:.1f}" height="{BAR}" fill="{color}"/>']
    text_x = end
    if target is not None:
        line = _x(target)
        parts.append(
            f'<line x1="{line:.1f}" y1="{top - 2}" x2="{line:.1f}" y2="{top + BAR + 2}" stroke="{TARGET_COLOR}" stroke-width="3"/>'
        )
        text_x = max(end, line + 1.5)
    parts.append(
        f'<text x="{text_x + 4:.1f}" y="{top + 11}" font-size="{VALUE_SIZE}" fill="{INK}">{_percent(value, "–")}</text>'
    )
    return parts


def ratio_chart(chart_id: str, title: str, rows: list[tuple], target_label: str = "Chỉ tiêu") -> str:
    """rows: (label, cases %, money %, cases target %, money target %, sample); values may be None."""
    height = TOP + ROW * len(rows) + 22

    def aim(target: float | None) -> str:
        return "chưa có chỉ tiêu" if target is None else f"{target_label.lower()} {_percent(target)}"

    descriptions = [
        f"{label}{' (số liệu mẫu)' if sample else ''}: về việc {_percent(cases)} ({aim(cases_target)}), "
        f"về tiền {_percent(money)} ({aim(money_target)})"
        for label, cases, money, cases_target, money_target, sample in rows
    ]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart" font-family="system-ui, sans-serif" font-size="{LABEL_SIZE}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape("; ".join(descriptions))}.</desc>',
        *_legend(target_label),
    ]
    bottom = height - 20
    for tick in (0, 25, 50, 75, 100):
        x = _x(tick)
        anchor = "start" if tick == 0 else "middle"
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom}" stroke="#d5d9de"/>')
        parts.append(
            f'<text x="{x - 2 if tick == 0 else x:.1f}" y="{height - 6}" text-anchor="{anchor}" font-size="{VALUE_SIZE}" fill="{INK}">{tick}%</text>'
        )
    for index, (label, cases, money, cases_target, money_target, sample) in enumerate(rows):
        y = TOP + index * ROW
        mark = " · mẫu" if sample else ""
        text = escape(_fit(label, MAX_LABEL - len(mark)))
        if mark:
            text += f'<tspan fill="{MUTED}">{mark}</tspan>'
        parts.append(f'<text x="{LEFT}" y="{y + 13}" fill="{INK}">{text}</text>')
        parts += _bar(y + 19, cases, cases_target, CASES_COLOR)
        parts += _bar(y + 19 + BAR + 3, money, money_target, MONEY_COLOR)
    parts.append("</svg>")
    return "\n".join(parts)
