"""The search index: written at build time as small static JSON files, read by search.js.

Layout (all under one folder named by the index's content hash, so it can be cached
forever and a new build never mixes with an old one):

- `meta.json`   labels, the list of term buckets, the chunk size, the types with a notice status;
- `facets.json` one column per filter for every record (type, unit, asset, price, dates,
                publication day), enough to filter, count, sort and derive statuses
                without other files;
- `t/<key>.json` term buckets: terms folded to ASCII (đ → d), grouped by their first three
                letters, each with its postings and its accented spellings;
- `d/<n>.json`  display chunks (title, url, summary, date) of `CHUNK_SIZE` records.

A first search therefore loads meta, facets, one bucket per query word and the chunks of
the results on screen — not the whole index, whose size grows with the corpus.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

from thads_portal.domain.text import fold, nfc

from .records import NO_DATE, SearchRecord

KEY_LENGTH = 3
CHUNK_SIZE = 40
SUMMARY_LENGTH = 180
MAX_VARIANTS = 30  # accented spellings per folded term kept for exact-match ranking
# Field weights as bits, so a posting stores where a term occurs in one small number.
TITLE, FACTS, SUMMARY, BODY = 8, 4, 2, 1
OVERRIDES = {None: 0, "cancelled": 1, "postponed": 2}
_WORD = re.compile(r"[^\W_]+")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
VIETNAM = dt.timezone(dt.timedelta(hours=7))  # no daylight saving: a day there is a fixed span


def words(text: str) -> list[str]:
    """Lower-case NFC words of a text, as search.js splits a query."""
    return _WORD.findall(nfc(text).lower())


def term_key(term: str) -> str:
    return term[:KEY_LENGTH]


def _minutes(moment: dt.datetime | None) -> int:
    return int((moment - EPOCH).total_seconds() // 60) if moment else 0


def _day(record: SearchRecord) -> int:
    """Publication day in Vietnam as days since 1970-01-01; 0 for a record without a date."""
    published = record.published
    if published.date() <= NO_DATE:
        return 0
    if published.tzinfo is not None:
        published = published.astimezone(VIETNAM)
    return (published.date() - EPOCH.date()).days


def _compact(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _folder():
    """fold() with a memory: a corpus has few distinct words and many occurrences."""
    folded: dict[str, str] = {}

    def fold_word(word: str) -> str:
        if word not in folded:
            folded[word] = fold(word)
        return folded[word]

    return fold_word


def _fields(record: SearchRecord):
    return ((TITLE, record.title), (FACTS, record.facts), (SUMMARY, record.summary), (BODY, record.body))


def _bucket_files(records: list[SearchRecord]) -> Iterator[tuple[str, bytes]]:
    """(key, JSON) of every term bucket, by key. Two passes over the text, so memory stays
    small at 10,000 records: first the spellings of every term, then flat integer postings
    (record, field bits, spellings), each bucket's encoded and let go in turn."""
    fold_word = _folder()
    # Words are counted in C (Counter.update), then each distinct word is folded once.
    occurrences: Counter = Counter()
    for record in records:
        for _, text in _fields(record):
            occurrences.update(words(text))
    spellings: dict[str, Counter] = defaultdict(Counter)
    for word, count in occurrences.items():
        spellings[fold_word(word)][word] += count
    variants = {
        term: [word for word, _ in sorted(counts.items(), key=lambda s: (-s[1], s[0]))][:MAX_VARIANTS]
        for term, counts in spellings.items()
    }
    positions = {term: {word: index for index, word in enumerate(kept)} for term, kept in variants.items()}
    postings: dict[str, array] = defaultdict(lambda: array("i"))  # 32 bits hold each value
    for doc, record in enumerate(records):
        found: dict[str, list[int]] = {}
        for bit, text in _fields(record):
            for word in set(words(text)):  # a posting holds where a term is, not how often
                term = fold_word(word)
                entry = found.setdefault(term, [0, 0])
                entry[0] |= bit
                position = positions[term].get(word)
                if position is not None:
                    entry[1] |= 1 << position
        for term, (bits, mask) in found.items():
            postings[term].extend((doc, bits, mask))
    # Sorted terms keep each key's terms together, and the keys in order.
    for key, terms in groupby(sorted(postings), key=term_key):
        bucket = {}
        for term in terms:
            flat, previous, entries = [], 0, postings.pop(term)
            for index in range(0, len(entries), 3):
                doc = entries[index]
                flat += [doc - previous, entries[index + 1], entries[index + 2]]
                previous = doc
            bucket[term] = [variants[term], flat]
        yield key, _compact(bucket)


def _deltas(values: list[int], bases: list[int] | None = None) -> list[int | None]:
    """Times as small numbers that compress well: each relative to the previous present
    value of its column (`bases` None) or to the same record's value in `bases`.
    Absent times (0) are null."""
    encoded, previous = [], 0
    for index, value in enumerate(values):
        if not value:
            encoded.append(None)
            continue
        base = previous if bases is None else bases[index]
        encoded.append(value - base)
        previous = value
    return encoded


def _facets(records: list[SearchRecord], labels: dict[str, list[str]]) -> dict[str, list]:
    """Filter columns. `asset`: a record has several asset categories, a bit for each
    (bit n: the n-th label), 0 for none; the other facets hold one label index, -1 for none.
    Prices in thousands of đồng (filters need no finer step); times in
    minutes since 1970 UTC, delta-coded (see `_deltas`; search.js decodes them);
    `published`: publication days in Vietnam (`_day`), delta-coded the same way — records
    are newest first, so each is 0 or a small negative number."""

    def index_of(kind: str, value: str | None) -> int:
        return labels[kind].index(value) if value in labels[kind] else -1

    def bits_of(kind: str, values: Iterable[str]) -> int:
        return sum(1 << labels[kind].index(value) for value in set(values) if value in labels[kind])

    opens = [_minutes(r.opens) for r in records]
    deadline = [_minutes(r.deadline) for r in records]
    auction = [_minutes(r.auction_at) for r in records]
    return {
        "type": [index_of("types", r.type) for r in records],
        "unit": [index_of("units", r.unit) for r in records],
        "asset": [bits_of("assets", r.assets) for r in records],
        "price": [(r.price or 0) // 1000 for r in records],
        "opens": _deltas(opens),
        "deadline": _deltas(deadline, opens),
        "auction": _deltas(auction, deadline),
        "override": [OVERRIDES[r.status_override] for r in records],
        "published": _deltas([_day(r) for r in records]),
    }


def _display(record: SearchRecord) -> list[str]:
    summary = record.summary
    if len(summary) > SUMMARY_LENGTH:
        summary = summary[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"
    return [record.title, record.url, summary, record.shown_date(), record.price or 0]


def order(records: Iterable[SearchRecord]) -> list[SearchRecord]:
    """Newest first: record number order is publication order, the default sort."""
    return sorted(records, key=lambda r: (r.published, r.url), reverse=True)


def index_files(
    records: Iterable[SearchRecord], labels: dict[str, list], status_types: Iterable[str] = ()
) -> dict[str, bytes]:
    """{relative path: bytes}, for the folder `index_version` names. `labels` lists ids (in
    display order) and their names: types, units, assets, statuses as [[id, name, short
    name?], …]. Only records of `status_types` (the notice types) have a notice status."""
    records = order(records)
    ids = {kind: [entry[0] for entry in entries] for kind, entries in labels.items()}
    buckets = dict(_bucket_files(records))
    files = {f"t/{key}.json": data for key, data in buckets.items()}
    for start in range(0, len(records), CHUNK_SIZE):
        chunk = [_display(r) for r in records[start : start + CHUNK_SIZE]]
        files[f"d/{start // CHUNK_SIZE}.json"] = _compact(chunk)
    files["facets.json"] = _compact(_facets(records, ids))
    status_types = set(status_types)
    meta = {
        "count": len(records),
        "chunk": CHUNK_SIZE,
        "keyLength": KEY_LENGTH,
        "buckets": sorted(buckets),
        "labels": labels,
        "overrides": [name for name in OVERRIDES if name],
        "statusTypes": [type_id for type_id in ids["types"] if type_id in status_types],
    }
    files["meta.json"] = _compact(meta)
    return files


def index_version(
    records: Iterable[SearchRecord], labels: dict[str, list], status_types: Iterable[str] = ()
) -> str:
    """The index's folder name: a digest of what the index is built from and of the code
    that builds it, so that pages can name it before the (long) build has run, and it
    changes whenever the index can."""
    digest = hashlib.sha256(_BUILDER_SOURCE)
    names = [field.name for field in dataclasses.fields(SearchRecord)]
    for record in order(records):
        # The fields as `dataclasses.astuple` gives them, without its deep copy of each.
        digest.update(repr(tuple(getattr(record, name) for name in names)).encode() + b"\0")
    digest.update(repr((labels, sorted(status_types))).encode())
    return digest.hexdigest()[:12]


_BUILDER_SOURCE = Path(__file__).read_bytes()
