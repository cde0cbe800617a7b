"""`data/editing.yml`: where the editing interface at /quan-tri/ saves, i.e. the Git host
the agency runs (self-hosted Gitea or GitLab) and the branch editors' changes go to.

Decap CMS supports its editorial workflow (drafts → review → publish) on GitLab and GitHub
only; on Gitea, editors save to a review branch and a reviewer merges a pull request into
the published branch (docs/soan-thao-tren-trinh-duyet.md).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .types import RequiredText, Text

WORKFLOW_BACKENDS = ("gitlab", "github")


def _https(value: str) -> str:
    if value and not value.startswith("https://"):
        raise PydanticCustomError("https", "phải là địa chỉ đầy đủ bắt đầu bằng https://")
    return value.rstrip("/")


class Editing(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: Literal["gitea", "gitlab", "github"]
    repo: RequiredText
    branch: RequiredText = "main"
    # The Git host's address (Gitea, GitLab self-hosted); its API; the OAuth application id.
    base_url: Text = ""
    api_root: Text = ""
    app_id: Text = ""
    publish_mode: Literal["simple", "editorial_workflow"] = "simple"

    _addresses = field_validator("base_url", "api_root")(_https)

    @model_validator(mode="after")
    def _workflow_supported(self) -> Editing:
        if self.publish_mode == "editorial_workflow" and self.backend not in WORKFLOW_BACKENDS:
            raise PydanticCustomError(
                "publish_mode",
                "quy trình duyệt bài (editorial_workflow) chỉ có với GitLab hoặc GitHub; với "
                "Gitea hãy để publish_mode: simple và duyệt bằng yêu cầu hợp nhất (pull request)",
            )
        return self

    @property
    def origins(self) -> tuple[str, ...]:
        """The hosts the editing interface talks to besides the site (for its CSP)."""
        found = []
        for address in (self.base_url, self.api_root):
            if address:
                scheme, _, rest = address.partition("://")
                found.append(f"{scheme}://{rest.split('/', 1)[0]}")
        return tuple(dict.fromkeys(found))

    def backend_config(self) -> dict:
        """The `backend:` section of the CMS configuration."""
        config = {"name": self.backend, "repo": self.repo, "branch": self.branch}
        config.update({k: v for k in ("base_url", "api_root", "app_id") if (v := getattr(self, k))})
        return config
