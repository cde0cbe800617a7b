"""What the search knows of each page: one flat record per notice, news post or document.

Other plugins add records for their own pages by appending `SearchRecord`s to the
context list `search_records` during `generate_context`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

NEWS_TYPE = "news"
# Records without a date of their own (procedures) are given this day or an earlier one:
# they sort last by date and their date is never shown.
NO_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class SearchRecord:
    type: str  # "news", a notice type id, or another section's id
    title: str
    url: str  # root-relative, "/thong-bao/…/"
    published: dt.datetime
    summary: str = ""
    # Searched at two weights: `facts` (asset names, places, unit) above `body`.
    facts: str = ""
    body: str = ""
    unit: str | None = None
    assets: tuple[str, ...] = ()  # asset category ids, every one the notice is listed under
    price: int | None = None
    opens: dt.datetime | None = None
    deadline: dt.datetime | None = None
    auction_at: dt.datetime | None = None
    status_override: str | None = None
    extra: dict = field(default_factory=dict)

    def shown_date(self) -> str:
        """Publication date as readers see it, "" for a record without one."""
        return "" if self.published.date() <= NO_DATE else self.published.strftime("%d/%m/%Y")


def notice_record(notice) -> SearchRecord:
    """From the notice's view in the site model (`notice.view`)."""
    record = notice.record
    facts = [asset.name for asset in record.assets]
    facts += [asset.location for asset in record.assets if asset.location]
    facts.append(notice.view.facts.unit_name)
    if record.auction:
        facts.append(record.auction.place)
    if record.auctioneer:
        facts.append(record.auctioneer.name)
    return SearchRecord(
        type=record.notice_type,
        title=record.title,
        url=f"/{notice.url}",
        published=record.date,
        summary=record.summary,
        facts=" ".join(facts),
        body=notice.plain_text,  # of the HTML the reader made (links and images add no text)
        unit=record.unit,
        assets=record.asset_categories,
        price=record.starting_price,
        opens=record.opens,
        deadline=record.deadline,
        auction_at=record.auction_at,
        status_override=record.status_override,
    )


def article_record(article) -> SearchRecord:
    record = article.record
    return SearchRecord(
        type=NEWS_TYPE,
        title=record.title,
        url=f"/{article.url}",
        published=record.date,
        summary=record.summary,
        facts=" ".join([article.category.name, *record.tags]),
        body=article.plain_text,
    )
