"""The one home of what each front-matter field is called where editors see it:
`thads_portal/data/fields.yml` (labels and hints of the editing interface's forms, the
comments `thads new` writes beside each field) and the names problems give to fields."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

FIELDS_FILE = Path(__file__).resolve().parent.parent / "data" / "fields.yml"


class MissingLabel(KeyError):
    """A model field without its entry in fields.yml."""


@cache
def field_catalog(path: Path = FIELDS_FILE) -> dict[str, dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def field_label(path: str, catalog: dict | None = None) -> str:
    """How the forms name a field: "registration.to" → "Bán hồ sơ, nhận đăng ký – Hạn đăng
    ký", "assets.0.name" → "Tài sản (mục 1) – Tên tài sản"; unknown paths as they are."""
    catalog = catalog if catalog is not None else field_catalog()
    parts = path.split(".")
    names = [part for part in parts if not part.isdigit()]
    if names[0] not in catalog:
        return path
    label = catalog[names[0]]["label"]
    if len(parts) > 1 and parts[1].isdigit():
        label += f" (mục {int(parts[1]) + 1})"
    inner = ".".join(names[:2])
    if len(names) > 1 and inner in catalog:
        label += f" – {catalog[inner]['label']}"
    return label


def entry(path: str, catalog: dict) -> dict:
    try:
        return catalog[path]
    except KeyError:
        raise MissingLabel(f"fields.yml has no label for the field '{path}'") from None
