"""The sections a state agency's site must carry, as data (`data/`): legal documents,
administrative procedures, debtors without the conditions to pay, enforcement statistics.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .news import check_slug
from .types import LocalDate, OptionalDate, RequiredText, Text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- Legal documents ---------------------------------------------------------------------
class LegalDocument(_Strict):
    id: RequiredText
    type: RequiredText
    number: RequiredText
    title: RequiredText
    abstract: Text = ""
    issuer: RequiredText
    issued: LocalDate
    effective: OptionalDate = None
    expired: OptionalDate = None  # the first day it no longer applies
    url: Text = ""
    file: Text = ""
    sample: bool = False

    _id = field_validator("id")(check_slug)

    def status_on(self, day: dt.date) -> str:
        if self.expired and day >= self.expired:
            return "expired"
        if self.effective and day < self.effective:
            return "not_yet"
        return "in_force"

    def short_title(self, type_label: str) -> str:
        """The title with its type once: "Công văn về việc …", "Luật Thi hành án dân sự"."""
        if _starts_with(self.title, type_label):
            return self.title
        return f"{type_label} {self.title}"

    def display_title(self, type_label: str) -> str:
        """The usual citation form: "Luật Thi hành án dân sự số 26/2008/QH12",
        "Nghị định số 62/2015/NĐ-CP quy định chi tiết …", "Công văn số 1186/THADS-NV về việc …"."""
        if not _starts_with(self.title, type_label):
            return f"{type_label} số {self.number}: {self.title}"
        if self.type == "luat":
            return f"{self.title} số {self.number}"
        rest = self.title[len(type_label) :].strip()
        return f"{type_label} số {self.number} {rest}".strip()


def _starts_with(text: str, prefix: str) -> bool:
    head = text[: len(prefix)]
    return head.casefold() == prefix.casefold() and text[len(prefix) : len(prefix) + 1] in ("", " ")


LEGAL_STATUSES = {"in_force": "Còn hiệu lực", "not_yet": "Chưa có hiệu lực", "expired": "Hết hiệu lực"}


class LegalDocuments(_Strict):
    types: dict[str, RequiredText]
    documents: list[LegalDocument]

    @model_validator(mode="after")
    def _known_types_and_unique_ids(self) -> LegalDocuments:
        seen = set()
        for index, document in enumerate(self.documents):
            if document.type not in self.types:
                raise PydanticCustomError(
                    "type",
                    "văn bản thứ {n} ('{id}'): loại '{type}' không có trong 'types'",
                    {"n": index + 1, "id": document.id, "type": document.type},
                )
            if document.id in seen:
                raise PydanticCustomError("id", "mã văn bản '{id}' bị trùng", {"id": document.id})
            seen.add(document.id)
        return self


# --- Administrative procedures ------------------------------------------------------------
class LegalBasis(_Strict):
    """A document of data/legal_documents.yml (by id), shown with its validity."""

    document: RequiredText
    note: Text = ""


class Procedure(_Strict):
    title: RequiredText
    code: Text = ""
    field: RequiredText
    agency: RequiredText
    steps: list[RequiredText] = Field(min_length=1)
    submission: list[RequiredText] = Field(min_length=1)
    dossier: list[RequiredText] = Field(min_length=1)
    time_limit: RequiredText
    fees: RequiredText
    applicants: RequiredText
    result: RequiredText
    legal_basis: list[LegalBasis | RequiredText] = Field(min_length=1)
    national_portal_url: Text = ""
    sample: bool = False
    updated: OptionalDate = None
    order: int = 100


# --- Debtors without the conditions to pay ----------------------------------------------
class Debtor(_Strict):
    name: RequiredText
    address: RequiredText
    judgment: RequiredText
    enforcement_decision: RequiredText
    obligation: RequiredText
    reason: RequiredText
    decision_date: LocalDate
    removed_on: OptionalDate = None

    def listed_on(self, day: dt.date) -> bool:
        """Published from the decision until the day it must be removed (exclusive)."""
        return self.decision_date <= day and (self.removed_on is None or day < self.removed_on)


DEBTOR_COLUMNS = list(Debtor.model_fields)


# --- Enforcement statistics -----------------------------------------------------------------
class Target(_Strict):
    cases: float | None = None
    money: float | None = None


class Figures(_Strict):
    sample: bool = False  # any of these figures is a sample value
    cases_total: int = Field(ge=0)
    cases_enforceable: int = Field(ge=0)
    cases_completed: int = Field(ge=0)
    money_total: int = Field(ge=0)
    money_enforceable: int = Field(ge=0)
    money_completed: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Figures:
        for kind in ("cases", "money"):
            total, enforceable, completed = (
                getattr(self, f"{kind}_{part}") for part in ("total", "enforceable", "completed")
            )
            if not completed <= enforceable <= total:
                raise PydanticCustomError(
                    "figures",
                    "{kind}: phải có số thi hành xong ≤ số có điều kiện ≤ tổng số ({c} / {e} / {t})",
                    {
                        "kind": "về việc" if kind == "cases" else "về tiền",
                        "c": completed,
                        "e": enforceable,
                        "t": total,
                    },
                )
        return self

    @property
    def cases_ratio(self) -> float | None:
        return ratio(self.cases_completed, self.cases_enforceable)

    @property
    def money_ratio(self) -> float | None:
        return ratio(self.money_completed, self.money_enforceable)


# The six figures of a report, in the order of its "về việc" and "về tiền" tables.
FIGURES = tuple(name for name in Figures.model_fields if name != "sample")


def ratio(part: int, whole: int) -> float | None:
    """Percentage rounded half up to 2 decimals, as Excel's ROUND in the reports
    (729/800 → 91.13); None when there is nothing to divide by."""
    if not whole:
        return None
    exact = Decimal(100 * part) / Decimal(whole)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


class UnitFigures(Figures):
    unit: RequiredText
    target: Target | None = None


PERIOD_MONTHS = (3, 6, 10, 12)


class Period(_Strict):
    months: Literal[3, 6, 10, 12]
    sample: bool = False
    note: Text = ""
    # The targets of this period, when the report gives them; else the year's (12 months).
    targets: Target | None = None
    province: Figures
    units: list[UnitFigures] = Field(default_factory=list)


class StatisticsYear(_Strict):
    year: int = Field(ge=2000, le=2100)
    source: Text = ""
    targets: Target = Target()
    periods: list[Period] = Field(min_length=1)

    @property
    def starts(self) -> dt.date:
        return reporting_year_start(self.year)


def reporting_year_start(year: int) -> dt.date:
    """Reporting year N runs from 1 October of N-1 to 30 September of N."""
    return dt.date(year - 1, 10, 1)


def period_end(year: int, months: int) -> dt.date:
    """The last day of a period of `months` months of reporting year `year`."""
    month_index = 9 + months  # October is month 10 = index 10 of N-1
    end_year, end_month = (year - 1, month_index) if month_index <= 12 else (year, month_index - 12)
    next_month = dt.date(end_year + (end_month == 12), end_month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)


def reporting_year_of(day: dt.date) -> int:
    return day.year + 1 if day.month >= 10 else day.year
