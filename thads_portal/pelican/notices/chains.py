"""Chains of notices: a notice names the one it follows (`previous`); readers see the
whole chain (earlier rounds, corrections, cancellation) on every notice of it.

Within a chain, the auction notices of one round (announcement 1 and 2, a correction, a
cancellation) are one auction: the latest of them is `current` and supersedes the
others in the calendar and the upcoming auctions.
"""

from __future__ import annotations


def link_chains(notices: list) -> None:
    by_slug = {notice.slug: notice for notice in notices}
    followers: dict[str, list] = {}
    for notice in notices:
        previous = notice.record.previous
        if previous in by_slug:
            followers.setdefault(previous, []).append(notice)
    for notice in notices:
        root = notice
        seen = {root.slug}
        while root.record.previous in by_slug and root.record.previous not in seen:
            root = by_slug[root.record.previous]
            seen.add(root.slug)
        chain, queue = [], [root]
        while queue:
            current = queue.pop(0)
            if current not in chain:
                chain.append(current)
                queue.extend(followers.get(current.slug, []))
        chain.sort(key=lambda n: (n.date, n.slug))
        notice.chain = chain if len(chain) > 1 else []
        notice.previous_notice = by_slug.get(notice.record.previous)
        same_auction = [other for other in chain if _auction_key(other) == _auction_key(notice)]
        # The notices of one auction, oldest first; the first names the event (calendar UID).
        notice.auction_notices = same_auction if notice.record.is_auction else [notice]
        notice.current = notice.auction_notices[-1]
        notice.superseded = notice.current is not notice


def _auction_key(notice) -> tuple:
    record = notice.record
    return (record.is_auction, record.round or 1) if record.is_auction else ("selection", notice.slug)
