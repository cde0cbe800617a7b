"""The editing interface's configuration, made from the content models (domain.cms_config),
and the settings of data/editing.yml."""

from __future__ import annotations

import datetime as dt
import typing

import pytest
import yaml
from conftest import SITE
from pydantic import BaseModel

from thads_portal.domain import cms_config, data, fields, formatting
from thads_portal.domain.news import NewsPost, Page
from thads_portal.domain.notice_checks import AUCTION_REQUIRED
from thads_portal.domain.notices import AUCTION_ONLY, NOTICE_TYPES, SELECTION_ONLY, Notice
from thads_portal.domain.types import Text

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def portal():
    portal, problems = data.load(SITE / "data")
    assert portal is not None, problems
    return portal


@pytest.fixture(scope="module")
def config(portal):
    return cms_config.cms_config(portal, TODAY)


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def fields_by_name(fields):
    return {field["name"]: field for field in fields}


def model_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field of a model, nested models' fields as "outer.inner"."""
    found = set()
    for name, info in model.model_fields.items():
        path = prefix + (info.alias or name)
        found.add(path)
        for part in typing.get_args(info.annotation) + (info.annotation,):
            inner = typing.get_args(part)[0] if typing.get_origin(part) is list else part
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                found |= model_paths(inner, f"{path}.")
    return found


def config_paths(fields: list[dict], prefix: str = "") -> set[str]:
    found = set()
    for field in fields:
        path = prefix + field["name"]
        found.add(path)
        found |= config_paths(field.get("fields", []), f"{path}.")
    return found


def test_every_field_of_every_model_is_in_the_forms_or_left_out_with_a_reason(config):
    catalog = fields.field_catalog()
    left_out = {path for path, entry in catalog.items() if entry.get("cms") is False}
    assert all(catalog[path].get("reason") for path in left_out)
    news = config_paths(collection(config, "tin-tuc")["fields"])
    assert model_paths(NewsPost) - left_out <= news
    assert model_paths(Page) - left_out <= config_paths(collection(config, "trang")["fields"])
    auction = config_paths(collection(config, "dau-gia")["fields"])
    selection = config_paths(collection(config, "lua-chon-to-chuc-dau-gia")["fields"])
    for path in model_paths(Notice) - left_out:
        top = path.split(".")[0]
        assert path in (selection if top in SELECTION_ONLY else auction), path
    assert not {path.split(".")[0] for path in auction} & set(SELECTION_ONLY)
    assert not {path.split(".")[0] for path in selection} & set(AUCTION_ONLY)
    assert "legal_exceptions" not in auction


def test_a_field_the_models_gain_without_a_label_stops_the_configuration(portal):
    class NoticeWithMore(Notice):
        auction_room: Text = ""

    with pytest.raises(fields.MissingLabel, match="auction_room"):
        cms_config.model_fields(NoticeWithMore, fields.field_catalog())
    catalog = {key: value for key, value in fields.field_catalog().items() if key != "deposit"}
    with pytest.raises(fields.MissingLabel, match="deposit"):
        cms_config.cms_config(portal, TODAY, catalog)


def test_controls_follow_the_field_types(config):
    fields = fields_by_name(collection(config, "dau-gia")["fields"])
    assert fields["date"]["widget"] == "datetime"
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm" and fields["date"]["date_format"] == "DD/MM/YYYY"
    for money in ("starting_price", "deposit", "dossier_fee"):
        assert fields[money] | {"widget": "number", "value_type": "int", "min": 0} == fields[money]
    registration = fields_by_name(fields["registration"]["fields"])
    assert [f["name"] for f in fields["registration"]["fields"]][:2] == ["from", "to"]
    assert registration["to"]["label"] == "Hạn đăng ký" and registration["to"]["widget"] == "datetime"
    assert fields["notice_type"] == {"name": "notice_type", "widget": "hidden", "default": "auction"}
    assert {o["value"]: o["label"] for o in fields["vat"]["options"]}["included"].startswith(
        "Giá khởi điểm đã"
    )
    category = fields["asset_category"]
    assert category["multiple"] and {o["value"] for o in category["options"]} == {
        "land", "house", "vehicle", "machinery", "goods", "other"
    }  # fmt: skip
    assert fields["previous"]["widget"] == "relation" and fields["previous"]["collection"] == "dau-gia"
    attachment = fields_by_name(fields["attachments"]["fields"])["file"]
    assert (attachment["media_folder"], attachment["public_folder"]) == (
        "/content/files/thong-bao",
        "files/thong-bao",
    )
    assert attachment["choose_url"] is False
    # The fields an auction notice must have are required in its form, and labelled in Vietnamese.
    assert all(fields[name]["required"] for name in AUCTION_REQUIRED)
    assert fields["deposit"]["label"] == "Tiền đặt trước (đồng)" and "5%" in fields["deposit"]["hint"]


def test_units_offered_are_those_valid_on_the_build_day(portal, config):
    units = fields_by_name(collection(config, "dau-gia")["fields"])["unit"]
    offered = {option["value"] for option in units["options"]}
    assert offered == {unit.id for unit in portal.units.values() if unit.valid_on(TODAY)}
    assert "chi-cuc-trang-dinh" not in offered  # dissolved on 30/06/2025
    earlier = cms_config.cms_config(portal, dt.date(2025, 6, 1))
    assert "chi-cuc-trang-dinh" in {
        option["value"]
        for option in fields_by_name(collection(earlier, "dau-gia")["fields"])["unit"]["options"]
    }


def test_each_notice_type_has_its_collection_and_news_its_categories(portal, config):
    names = [c["name"] for c in config["collections"]]
    assert names == [*cms_config.NOTICE_COLLECTIONS.values(), "tin-tuc", "trang"]
    for kind, name in cms_config.NOTICE_COLLECTIONS.items():
        notice = collection(config, name)
        assert notice["label"] == NOTICE_TYPES[kind]
        assert notice["filter"] == {"field": "notice_type", "value": kind}
        assert notice["folder"] == "content/notices" and notice["path"] == "{{year}}/{{slug}}"
    category = fields_by_name(collection(config, "tin-tuc")["fields"])["category"]
    assert [o["value"] for o in category["options"]] == [c.name for c in portal.categories]
    assert config["locale"] == "vi" and config["media_folder"] == "content/images"


def test_backend_comes_from_data_editing_yml(portal, config, tmp_path):
    assert config["backend"]["name"] == "gitea" and config["backend"]["branch"] == "bien-tap"
    assert config["publish_mode"] == "simple"
    folder = tmp_path / "data"
    folder.mkdir()
    for text, expected in (
        ("base_url: http://git.example\n", "phải là địa chỉ đầy đủ bắt đầu bằng https://"),
        ("publish_mode: editorial_workflow\n", "chỉ có với GitLab hoặc GitHub"),
    ):
        (folder / "editing.yml").write_text("backend: gitea\nrepo: a/b\n" + text)
        _, problems = data.load_mapping(folder / "editing.yml", data.Editing, tmp_path)
        assert [p.path for p in problems] == ["data/editing.yml"]
        assert expected in problems[0].message


def test_the_configuration_is_yaml_the_cms_reads(config):
    text = cms_config.config_text(config)
    assert yaml.safe_load(text) == config
    assert "Thông báo bán đấu giá tài sản" in text  # written as UTF-8, not escaped


def test_problems_name_fields_as_the_forms_do():
    assert fields.field_label("registration.to") == "Bán hồ sơ, nhận đăng ký – Hạn đăng ký"
    assert fields.field_label("assets.0.name") == "Tài sản (mục 1) – Tên tài sản"
    assert fields.field_label("unknown_thing") == "unknown_thing"


def test_number_words_table_is_what_money_in_words_reads():
    table = formatting.number_word_table()
    assert len(table) == 1000 and table[105] == "một trăm linh năm"
    assert formatting.money_in_words(1_005_000_000) == "Một tỷ không trăm linh năm triệu đồng"


def test_previous_notice_is_named_as_the_relation_writes_it():
    """The relation control writes the earlier notice's path under content/notices/
    ("2025/ten-tep"); the notice it names is the one whose address is "ten-tep"."""
    for written in (
        "2025/ban-dau-gia-xe",
        "ban-dau-gia-xe",
        "/thong-bao/ban-dau-gia-xe/",
        "ban-dau-gia-xe.md",
    ):
        assert Notice._notice_name(written) == "ban-dau-gia-xe"
