"""The unit of a row: its code in data/units.yml, or its name or short name as the export
writes it ("Phòng THADS khu vực 1", "Phòng Thi hành án dân sự khu vực 1 - Lạng Sơn")."""

from __future__ import annotations

from ..data import PortalData
from . import values
from .mapping import key
from .records import Record


def find_unit(written: str, portal: PortalData) -> str | None:
    wanted = key(written)
    for unit in portal.units.values():
        if wanted in (key(unit.id), key(unit.name), key(unit.short_name)):
            return unit.id
    return None


def unit_of(record: Record, portal: PortalData, default: str | None, name: str = "unit") -> str | None:
    """The unit id of the row (column `name`, else `default`); a problem when unknown."""
    if not record.has(name):
        if default is None:
            record.problem(
                name, "thiếu đơn vị: ghi mã hoặc tên đơn vị vào cột này, hoặc chạy lệnh với --unit <mã>"
            )
        return default
    written = record.read(name, values.text)
    if written is None:
        return None
    found = find_unit(written, portal)
    if found is None:
        codes = ", ".join(sorted(portal.units))
        record.problem(
            name, f"không có đơn vị '{written}' trong data/units.yml (ghi mã hoặc tên đơn vị: {codes})"
        )
    return found
