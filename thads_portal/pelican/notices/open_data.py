"""Open data: every published notice as JSON and CSV, with a JSON Schema beside them.

Fields are the front-matter contract (with `legal_exceptions`: accepted deviations from
the legal checks are public too) plus the absolute `url`, the build-time `status`, every
asset category of the notice (`asset_categories`, `Notice.asset_categories`; `asset_category`
stays its main one) and an absolute `url` for each attachment; drafts and scheduled notices
never appear. Everything comes from the notices' views in the site model. The JSON keeps
every value, nested as written; the CSV is one flat row per notice (`open_data_csv`), its
text cells made safe for spreadsheets (`portal.spreadsheet`).
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

from thads_portal.domain.notices import ASSET_CATEGORIES, STATUSES, Notice
from thads_portal.domain.site_model import NoticeView
from thads_portal.domain.spreadsheet import DictWriter

from .open_data_csv import FIELDNAMES, csv_row

EXCLUDED = {"redirect_from", "status"}


def notice_record(notice: NoticeView, base_url: str) -> dict:
    data = notice.record.model_dump(mode="json", by_alias=True, exclude=EXCLUDED)
    for attachment in data["attachments"]:
        attachment["url"] = f"{base_url}/{attachment['file']}"
    # The main category as one code, as before lists were allowed; every category in a list.
    data["asset_category"] = notice.record.asset_categories[0]
    data["asset_categories"] = list(notice.record.asset_categories)
    data["slug"] = notice.slug
    data["url"] = f"{base_url}/{notice.url}"
    data["status"] = notice.status
    data["status_label"] = notice.status_label
    return data


def schema(base_url: str) -> dict:
    model = Notice.model_json_schema(by_alias=True, mode="serialization")
    for name in EXCLUDED:
        model["properties"].pop(name, None)
    model["properties"].update(
        slug={"type": "string"},
        url={"type": "string", "format": "uri"},
        status={"enum": list(STATUSES)},
        status_label={"type": "string"},
        asset_category={"enum": list(ASSET_CATEGORIES)},
        asset_categories={"type": "array", "items": {"enum": list(ASSET_CATEGORIES)}, "minItems": 1},
    )
    required = {"slug", "url", "status", "asset_categories"}
    model["required"] = sorted(set(model.get("required", [])) | required)
    attachment = model["$defs"]["Attachment"]
    attachment["properties"]["url"] = {"type": "string", "format": "uri"}
    attachment["required"] = sorted(set(attachment.get("required", [])) | {"url"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url}/du-lieu/thong-bao.schema.json",
        "type": "object",
        "properties": {"notices": {"type": "array", "items": {"$ref": "#/$defs/Notice"}}},
        "required": ["notices"],
        "$defs": {**model.pop("$defs", {}), "Notice": model},
    }


def write_open_data(output: Path, notices: Sequence[NoticeView], base_url: str) -> None:
    folder = output / "du-lieu"
    folder.mkdir(parents=True, exist_ok=True)
    records = [notice_record(notice, base_url) for notice in notices]
    payload = {"notices": records}
    (folder / "thong-bao.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    (folder / "thong-bao.schema.json").write_text(
        json.dumps(schema(base_url), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    buffer = io.StringIO()
    writer = DictWriter(buffer, fieldnames=FIELDNAMES, lineterminator="\r\n")
    writer.writeheader()
    for notice in notices:
        writer.writerow(csv_row(notice, base_url))
    # A byte-order mark lets spreadsheet programs on Windows read Vietnamese correctly.
    (folder / "thong-bao.csv").write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
