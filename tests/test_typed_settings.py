"""The portal's settings are one typed object: a bad value stops the build before any
content is read, with a Vietnamese message naming the setting, and the last good site stays."""

from __future__ import annotations

import json

from conftest import make_project, run_build

from thads_portal.pelican.config import PortalConfig, validate_settings
from thads_portal.pelican.settings import site_settings


def test_the_engine_defaults_validate_and_are_typed(project):
    config, problems = validate_settings(site_settings(project), "pelicanconf.py")
    assert problems == []
    assert config.portal_image_widths == [160, 320, 640, 960, 1280]
    assert config.portal_build_workers is None  # every core
    assert config.notice_type_slugs["auction"] == "dau-gia-tai-san"


def test_each_bad_value_is_named_with_its_setting_in_vietnamese(project):
    settings = site_settings(project)
    settings.update(
        PORTAL_BUILD_WORKERS="hai",
        PORTAL_IMAGE_WIDTHS=[],
        PORTAL_ATTACHMENT_MAX_BYTES=-1,
        NOTICE_URL="/thong-bao/",
        NOTICE_TYPE_URL="thong-bao/loai/",
        MENU=[{"label": "Trang chủ", "url": "javascript:alert(1)"}],
        NOTICE_ASSET_SLUGS={"land": "Quyen Su Dung Dat"},
        RELATED_POSTS="bốn",
    )
    config, problems = validate_settings(settings, "pelicanconf.py")
    assert config is None
    found = {p.field: p.message for p in problems}
    assert found["PORTAL_BUILD_WORKERS"] == "phải là một số nguyên (chỉ gồm chữ số)"
    assert found["PORTAL_IMAGE_WIDTHS"] == "không được để trống"
    assert found["PORTAL_ATTACHMENT_MAX_BYTES"] == "phải lớn hơn hoặc bằng 1"
    assert "không bắt đầu bằng '/'" in found["NOTICE_URL"]
    assert "phải chứa {slug}" in found["NOTICE_TYPE_URL"]
    assert "javascript:alert(1)" in found["MENU.0.url"]
    assert found["NOTICE_ASSET_SLUGS.land"] == "có ký tự không được phép"
    assert "RELATED_POSTS" in found
    assert {p.path for p in problems} == {"pelicanconf.py"}


def test_a_missing_notice_type_address_is_a_problem(project):
    settings = site_settings(project)
    settings["NOTICE_TYPE_SLUGS"] = {"auction": "dau-gia-tai-san"}
    config, problems = validate_settings(settings, "pelicanconf.py")
    assert config is None
    assert [(p.field, p.message) for p in problems] == [
        (
            "NOTICE_TYPE_SLUGS",
            "thiếu địa chỉ cho 'auctioneer_selection' (Thông báo lựa chọn tổ chức đấu giá tài sản)",
        ),
        (
            "NOTICE_TYPE_SLUGS",
            "thiếu địa chỉ cho 'valuer_selection' (Thông báo lựa chọn tổ chức thẩm định giá)",
        ),
    ]


def test_a_build_with_a_bad_setting_fails_before_reading_and_keeps_the_last_site(tmp_path):
    project = make_project(tmp_path / "site")
    output = tmp_path / "output"
    good = run_build(project, output)
    assert good.returncode == 0, good.stderr
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}

    bad = run_build(
        project,
        output,
        extra=[f"PORTAL_IMAGE_MAX_BYTES={json.dumps('15 MB')}", "MENU=[]", 'NEWS_URL="tin-tuc"'],
    )
    assert bad.returncode != 0
    assert "pelicanconf.py: PORTAL_IMAGE_MAX_BYTES: phải là một số nguyên" in bad.stderr
    assert "pelicanconf.py: NEWS_URL: 'tin-tuc' phải kết thúc bằng '/'" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_every_portal_setting_of_the_defaults_is_in_the_typed_configuration():
    from thads_portal.pelican import defaults

    portal_settings = {name for name in vars(defaults) if name.startswith("PORTAL_")}
    typed = {field.alias for field in PortalConfig.model_fields.values()}
    # PORTAL_DATA_PATH and PORTAL_IMAGE_CACHE are folders set by site_settings, not values.
    assert portal_settings - typed == set()
