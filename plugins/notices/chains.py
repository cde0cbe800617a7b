"""Chains of notices: a notice names the one it follows (`previous`); readers see the
whole chain (earlier rounds, corrections, cancellation) on every notice of it.
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
            chain.append(current)
            queue.extend(followers.get(current.slug, []))
        notice.chain = sorted(chain, key=lambda n: (n.date, n.slug)) if len(chain) > 1 else []
        notice.previous_notice = by_slug.get(notice.record.previous)
