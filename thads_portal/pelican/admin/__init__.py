"""The editing interface at /quan-tri/: Decap CMS (the pinned copy `scripts/fetch-vendor`
unpacks into `vendor/`), its configuration made from the content models
(`thads_portal.domain.cms_config`), the portal's preview templates (`static/portal-cms.js`)
and the data they read (labels, the status rule, units, number words), written as a script
file so that the page runs under a CSP without inline scripts.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from thads_portal.domain import cms_config, formatting, notices, urls
from thads_portal.pelican.render_plan import FileJob

logger = logging.getLogger(__name__)
FOLDER = urls.ADMIN_PATH.rstrip("/")
HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
VENDOR = HERE / "vendor" / "decap-cms-3.16.3"
MISSING_VENDOR = (
    "Thiếu bộ giao diện soạn thảo Decap CMS ({path}); chạy `make system-deps` "
    "(scripts/fetch-vendor) để tải bản đã kiểm tra."
)


def preview_data(portal, now) -> dict:
    """What the preview templates show besides the entry: labels, units, the status rule,
    and the words of 0–999 (the money-in-words rule lives in `formatting`)."""
    units = {
        unit.id: {
            "name": unit.name,
            "short_name": unit.short_name,
            "address": unit.address,
            "phone": unit.phone,
        }
        for unit in portal.units.values()
    }
    return {
        "noticeTypes": notices.NOTICE_TYPES,
        "assetKinds": notices.ASSET_KINDS,
        "assetCategories": notices.ASSET_CATEGORIES,
        "vat": notices.VAT,
        "auctionForms": notices.AUCTION_FORMS,
        "auctionMethods": notices.AUCTION_METHODS,
        "statusRule": json.loads(notices.status_rule_json()),
        "units": units,
        "numberWords": formatting.number_word_table(),
        "noticeCollections": list(cms_config.NOTICE_COLLECTIONS.values()),
        "newsCollection": cms_config.NEWS_COLLECTION,
    }


def data_script(data: dict) -> str:
    # "<" escaped: the file is a script; no text of the data can close or open a tag. The
    # status rule goes where site.js reads it on every page of the site (<body data-status-rule>).
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    rule = 'document.body.setAttribute("data-status-rule", JSON.stringify(window.PORTAL_CMS.statusRule));'
    return f"window.PORTAL_CMS = {text};\n{rule}\n"


def files_digest() -> str:
    """The page, the preview script and the vendored CMS (its version and integrity)."""
    digest = hashlib.sha256()
    for source in sorted(STATIC.iterdir()) + [VENDOR / ".complete"]:
        digest.update(source.name.encode() + b"\0" + (source.read_bytes() if source.is_file() else b""))
    return digest.hexdigest()


def write_admin(root: Path, config_text: str, script: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for source in sorted(VENDOR.iterdir()):
        if source.is_file() and not source.name.startswith("."):
            shutil.copyfile(source, root / source.name)
    for source in sorted(STATIC.iterdir()):
        shutil.copyfile(source, root / source.name)
    (root / "config.yml").write_text(config_text, encoding="utf-8")
    (root / "portal-cms-data.js").write_text(script, encoding="utf-8")


class AdminGenerator(Generator):
    def generate_context(self) -> None:
        portal, now = self.settings.get("PORTAL"), self.settings["PORTAL_NOW"]
        self.config_text = cms_config.config_text(cms_config.cms_config(portal, now.date()))
        self.script = data_script(preview_data(portal, now))

    def file_jobs(self) -> list[FileJob]:
        if not (VENDOR / "decap-cms.js").is_file():
            logger.error(MISSING_VENDOR.format(path=VENDOR))  # the strict build stops on it
            return []
        target = Path(self.output_path) / FOLDER
        config_text, script = self.config_text, self.script
        return [
            FileJob(
                "admin",
                target,
                lambda root: write_admin(root, config_text, script),
                inputs=(config_text, script, files_digest()),
            )
        ]

    def generate_output(self, writer) -> None:
        pass  # its one job is declared by file_jobs()


def _get_generators(pelican):
    return AdminGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
