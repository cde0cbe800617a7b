"""Open data: every published notice as JSON and CSV, with a JSON Schema beside them.

Fields are the front-matter contract (with `legal_exceptions`: accepted deviations from
the legal checks are public too) plus the absolute `url`, the build-time `status` and an
absolute `url` for each attachment; drafts and scheduled notices never appear. The CSV's
text cells are made safe for spreadsheets (`portal.spreadsheet`); the JSON keeps every value.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from portal.notices import STATUSES, Notice
from portal.spreadsheet import DictWriter

EXCLUDED = {"redirect_from", "status"}


def notice_record(notice, base_url: str) -> dict:
    data = notice.record.model_dump(mode="json", by_alias=True, exclude=EXCLUDED)
    for attachment in data["attachments"]:
        attachment["url"] = f"{base_url}/{attachment['file']}"
    data["slug"] = notice.slug
    data["url"] = f"{base_url}/{notice.url}"
    data["status"] = notice.status_id
    data["status_label"] = STATUSES[notice.status_id]
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
    )
    model["required"] = sorted(set(model.get("required", [])) | {"slug", "url", "status"})
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


def _csv_value(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def write_open_data(output: Path, notices: list, base_url: str) -> None:
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
    columns = sorted({key for record in records for key in record})
    buffer = io.StringIO()
    writer = DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({key: _csv_value(record.get(key)) for key in columns})
    # A byte-order mark lets spreadsheet programs on Windows read Vietnamese correctly.
    (folder / "thong-bao.csv").write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
