"""Pydantic errors turned into Problems an editor can act on (Vietnamese, with lines)."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from .frontmatter import FrontMatter
from .problems import Problem

_MESSAGES = {
    "missing": "thiếu trường bắt buộc này",
    "string_type": "phải là một đoạn văn bản",
    "int_type": "phải là một số nguyên",
    "int_parsing": "phải là một số nguyên (chỉ gồm chữ số)",
    "int_from_float": "phải là một số nguyên",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là một danh sách (mỗi mục một dòng bắt đầu bằng '- ')",
    "dict_type": "phải là một nhóm các trường con (tên: giá trị)",
    "model_type": "phải là một nhóm các trường con (tên: giá trị)",
    "model_attributes_type": "phải là một nhóm các trường con (tên: giá trị)",
    "date_from_datetime_parsing": "phải là ngày, ví dụ 2026-11-25",
    "date_parsing": "phải là ngày, ví dụ 2026-11-25",
    "date_type": "phải là ngày, ví dụ 2026-11-25",
    "url_parsing": "phải là một địa chỉ web đầy đủ, bắt đầu bằng https://",
    "url_scheme": "phải là một địa chỉ web đầy đủ, bắt đầu bằng https://",
    "string_pattern_mismatch": "có ký tự không được phép",
    "too_short": "không được để trống",
}


def field_path(location: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in location)


def vietnamese_message(error: dict[str, Any], allowed_fields: list[str]) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "literal_error":
        expected = str(context.get("expected", "")).replace(" or ", " hoặc ")
        return f"giá trị '{error.get('input')}' không hợp lệ; chọn một trong: {expected}"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        close = difflib.get_close_matches(name, allowed_fields, n=1)
        hint = f" Có phải ý bạn là '{close[0]}'?" if close else ""
        return f"trường '{name}' không được hỗ trợ.{hint}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"phải lớn hơn hoặc bằng {context.get('ge', context.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"phải nhỏ hơn hoặc bằng {context.get('le', context.get('lt'))}"
    if kind == "value_error":
        return str(context.get("error", error["msg"]))
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    # Our own PydanticCustomError messages are already in Vietnamese.
    return error["msg"]


def validate(
    model: type[BaseModel],
    front: FrontMatter,
    source: str,
    context: dict[str, Any] | None = None,
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate front matter against a model; every error becomes a Problem."""
    try:
        return model.model_validate(front.data, context=context), []
    except ValidationError as errors:
        allowed = [info.alias or name for name, info in model.model_fields.items()]
        problems = []
        for error in errors.errors(include_url=False):
            location = tuple(part for part in error["loc"] if not str(part).startswith("function-"))
            path = field_path(location)
            problems.append(
                Problem(
                    path=source,
                    line=front.line_of(path) or (2 if not path else None),
                    field=path or None,
                    message=vietnamese_message(error, allowed),
                    code=f"field:{error['type']}",
                )
            )
        return None, problems
