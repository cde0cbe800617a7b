"""The search index files, built from records without Pelican or a browser."""

from __future__ import annotations

import datetime as dt
import json

from thads_portal.pelican.search.index import CHUNK_SIZE, index_files, index_version, words
from thads_portal.pelican.search.records import SearchRecord

VN = dt.timezone(dt.timedelta(hours=7))
LABELS = {
    "types": [["news", "Tin tức"], ["auction", "Đấu giá tài sản"]],
    "units": [["khu-vuc-1", "KV1", "Khu vực 1"]],
    "assets": [["land", "Quyền sử dụng đất"]],
    "statuses": [["open", "Đang nhận hồ sơ"]],
}


def record(title: str, day: int, url: str = "", **fields) -> SearchRecord:
    published = dt.datetime(2026, 11, day, 8, tzinfo=VN)
    return SearchRecord(
        type="auction", title=title, url=url or f"/thong-bao/{day}/", published=published, **fields
    )


def decode(files):
    return {path: json.loads(payload) for path, payload in files.items()}


def test_terms_are_folded_and_keep_their_spellings():
    records = [
        record("Đấu giá đất Cao Lộc", 20, unit="khu-vuc-1", assets=("land",), price=1_250_000_000),
        record("Kết quả đạt chỉ tiêu", 21),
    ]
    version, files = index_version(records, LABELS), index_files(records, LABELS)
    index = decode(files)
    assert len(version) == 12
    variants, postings = index["t/dat.json"]["dat"]
    assert set(variants) == {"đất", "đạt"}
    # Newest first: record 0 is "đạt" (21/11), record 1 is "đất" (20/11).
    assert postings[0::3] == [0, 1]
    assert index["meta.json"]["count"] == 2 and "cao" in index["meta.json"]["buckets"]
    facets = index["facets.json"]
    assert facets["price"] == [0, 1_250_000] and facets["unit"] == [-1, 0] and facets["type"] == [1, 1]
    assert facets["asset"] == [0, 1]  # a bit per category: "land" is label 0


def test_display_chunks_and_stable_version():
    records = [
        record(f"Thông báo số {n}", 1 + n % 28, url=f"/thong-bao/so-{n}/") for n in range(CHUNK_SIZE + 5)
    ]
    version, files = index_version(records, LABELS), index_files(records, LABELS)
    assert {"d/0.json", "d/1.json"} <= set(files)
    assert len(json.loads(files["d/1.json"])) == 5
    assert index_version(list(reversed(records)), LABELS) == version  # order of input does not matter


def test_words_match_the_browser_tokenizer():
    assert words("ĐẤU GIÁ, đất—Cao Lộc (12C-118.42)") == [
        "đấu",
        "giá",
        "đất",
        "cao",
        "lộc",
        "12c",
        "118",
        "42",
    ]


def test_only_notice_types_have_a_status_and_undated_records_show_no_date():
    labels = {**LABELS, "types": [*LABELS["types"], ["procedure", "Thủ tục hành chính"]]}
    undated = dt.datetime(2000, 1, 1, tzinfo=VN)
    records = [
        record("Đấu giá đất", 20),
        SearchRecord(type="procedure", title="Yêu cầu thi hành án", url="/thu-tuc/", published=undated),
    ]
    index = decode(index_files(records, labels, status_types=["auction", "valuer_selection"]))
    assert index["meta.json"]["statusTypes"] == ["auction"]
    assert [row[3] for row in index["d/0.json"]] == ["20/11/2026", ""]


def test_publication_days_are_a_delta_coded_column():
    records = [
        record("Mới", 21),
        record("Cùng ngày", 21, url="/thong-bao/cung-ngay/"),
        # 23:30 UTC on the 18th is the 19th in Vietnam.
        SearchRecord(
            type="news", title="Tin", url="/tin/", published=dt.datetime(2026, 11, 18, 23, 30, tzinfo=dt.UTC)
        ),
        SearchRecord(
            type="procedure", title="Thủ tục", url="/thu-tuc/", published=dt.datetime(2000, 1, 1, tzinfo=VN)
        ),
    ]
    published = decode(index_files(records, LABELS))["facets.json"]["published"]
    day = (dt.date(2026, 11, 21) - dt.date(1970, 1, 1)).days
    assert published == [day, 0, -2, None]  # newest first; no date: null
