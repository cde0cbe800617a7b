"""The agency's own organization (`data/organization.yml`): leaders, departments,
contact officials and the citizen reception schedule, in Vietnamese and English."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .types import RequiredText, Text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Leader(_Strict):
    name: RequiredText
    position: RequiredText
    position_en: Text = ""
    phone: Text = ""
    email: Text = ""
    responsibilities: Text = ""
    responsibilities_en: Text = ""


class Department(_Strict):
    name: RequiredText
    name_en: Text = ""
    phone: Text = ""
    email: Text = ""
    duties: Text = ""
    duties_en: Text = ""


class ContactOfficial(_Strict):
    name: RequiredText
    position: RequiredText
    position_en: Text = ""
    phone: Text = ""
    email: Text = ""
    role: Text = ""
    role_en: Text = ""


class Reception(_Strict):
    schedule: RequiredText
    schedule_en: Text = ""


class Organization(_Strict):
    leaders: list[Leader] = Field(default_factory=list)
    departments: list[Department] = Field(default_factory=list)
    contact_officials: list[ContactOfficial] = Field(default_factory=list)
    reception: Reception | None = None
