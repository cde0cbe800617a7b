"""Publishing cadence: news posts per ISO week against the 3–5-a-week target."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

TARGET_MIN, TARGET_MAX = 3, 5


@dataclass(frozen=True)
class Week:
    year: int
    number: int
    monday: dt.date
    posts: int
    current: bool = False  # the week of today, not over yet

    @property
    def short(self) -> bool:
        return self.posts < TARGET_MIN and not self.current

    @property
    def verdict(self) -> str:
        if self.posts < TARGET_MIN:
            if self.current:
                return f"đang diễn ra, còn cần {TARGET_MIN - self.posts}"
            return f"THIẾU {TARGET_MIN - self.posts}"
        return "vượt mục tiêu" if self.posts > TARGET_MAX else "đạt"


def weekly(dates: list[dt.datetime], today: dt.date, weeks: int) -> list[Week]:
    """The last `weeks` ISO weeks up to the one containing `today`, oldest first. The week
    of today is over on its Sunday (builds count a day as ended, see portal.clock)."""
    if weeks < 1:
        raise ValueError("Số tuần phải từ 1 trở lên.")
    counts = Counter(moment.date().isocalendar()[:2] for moment in dates if moment.date() <= today)
    this_monday = today - dt.timedelta(days=today.weekday())
    result = []
    for back in range(weeks - 1, -1, -1):
        monday = this_monday - dt.timedelta(weeks=back)
        year, number, _ = monday.isocalendar()
        current = back == 0 and today.weekday() < 6
        result.append(Week(year, number, monday, counts[(year, number)], current))
    return result


def report(
    dates: list[dt.datetime], scheduled: list[tuple[dt.datetime, str]], today: dt.date, weeks: int
) -> str:
    lines = [f"Số tin đăng mỗi tuần ({weeks} tuần gần nhất, mục tiêu {TARGET_MIN}–{TARGET_MAX} tin/tuần):"]
    history = weekly(dates, today, weeks)
    for week in history:
        sunday = week.monday + dt.timedelta(days=6)
        bar = "■" * week.posts
        lines.append(
            f"  Tuần {week.number:02d}/{week.year} ({week.monday:%d/%m}–{sunday:%d/%m/%Y}): "
            f"{week.posts:>2} tin  {bar:<8} {week.verdict}"
        )
    short = [w for w in history if w.short]
    ongoing = (
        " (tuần này chưa hết, chưa tính)" if history[-1].current and history[-1].posts < TARGET_MIN else ""
    )
    lines.append(f"Tuần chưa đạt mục tiêu: {len(short)}/{len(history)}{ongoing}.")
    lines.append("Bài đã hẹn giờ đăng:" if scheduled else "Không có bài nào hẹn giờ đăng.")
    for moment, title in sorted(scheduled):
        lines.append(f"  {moment:%H:%M %d/%m/%Y} (tuần {moment.isocalendar()[1]:02d}): {title}")
    return "\n".join(lines)
