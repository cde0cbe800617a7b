"""A body without inline markup is converted without the inline step, with the same HTML;
every inline construct sends a body through the full converter."""

from __future__ import annotations

import random

import pytest

from thads_portal.domain import markup

# Blocks the inline step has nothing to do with: paragraphs, headings (with ids), lists,
# quotes, indented code, tables, definition lists, attribute lists, a rule.
PLAIN_BLOCKS = [
    "Cục Thi hành án dân sự tỉnh Lạng Sơn tổ chức hội nghị tổng kết năm 2026.",
    "## Kết quả thi hành án",
    "### Kế hoạch năm 2027 {: #ke-hoach }",
    "1. Rà soát hồ sơ\n2. Phân loại việc\n3. Tổ chức thi hành",
    "- Chi cục Văn Lãng\n- Chi cục Cao Lộc",
    "> Người dân được hướng dẫn thủ tục yêu cầu thi hành án.",
    "    mã số 12345\n    dòng thứ hai",
    "| Đơn vị | Số việc |\n| --- | ---: |\n| Văn Lãng | 120 |\n| Cao Lộc | 98 |",
    "Đấu giá\n:   Bán tài sản công khai theo quy định.",
    "Giá khởi điểm: 1.250.000.000 đồng (một tỷ hai trăm năm mươi triệu đồng).",
    "- - -",
    "Dòng một\nDòng hai ngay sau",
]
# One inline construct each, and what it becomes.
INLINE = {
    "Xem [thông báo](/thong-bao/) mới.": '<a href="/thong-bao/">thông báo</a>',
    "Ảnh ![Hội nghị](/images/a.jpg) đây.": '<img alt="Hội nghị" src="/images/a.jpg"',
    "Chữ **đậm** ở đây.": "<strong>đậm</strong>",
    "Chữ _nghiêng_ ở đây.": "<em>nghiêng</em>",
    "Mã `abc` ở đây.": "<code>abc</code>",
    "Dấu \\* thoát.": "Dấu * thoát.",
    "Ký hiệu &copy; ở đây.": "Ký hiệu © ở đây.",
    "Địa chỉ <https://thads.moj.gov.vn> ở đây.": '<a href="https://thads.moj.gov.vn">',
    "Xuống dòng  \nngay.": "<br>",
    "Xuống dòng\t\nngay.": "<br>",
    "Chú thích[^1].\n\n[^1]: Nội dung.": 'class="footnote-ref"',
}


def _full(body: str) -> str:
    return markup.sanitize(markup._converter(markup.MARKDOWN, True).reset().convert(body))


def test_plain_bodies_give_the_same_html_without_the_inline_step():
    rng = random.Random(2026)
    bodies = ["\n\n".join(rng.sample(PLAIN_BLOCKS, rng.randint(1, 6))) for _ in range(200)]
    for body in PLAIN_BLOCKS + bodies:
        assert markup._INLINE_MARKUP.search(body) is None, body
        html, problems = markup.render(body, markup.MARKDOWN, "a.md", 1)
        assert html == _full(body)
        assert problems == []


@pytest.mark.parametrize("body", INLINE)
def test_inline_markup_goes_through_the_inline_step(body):
    html, _ = markup.render(body, markup.MARKDOWN, "a.md", 1)
    assert INLINE[body] in html
    assert html == _full(body)


def test_another_markdown_configuration_always_has_the_inline_step():
    config = {**markup.MARKDOWN, "extensions": ["markdown.extensions.smarty"]}
    html, _ = markup.render('Trích "đoạn" -- hết.', config, "a.md", 1)
    assert "“đoạn” – hết" in html


def test_the_inline_patterns_are_the_ones_the_check_knows():
    """A Markdown release with another inline pattern fails here: `_INLINE_MARKUP` must
    then name what that pattern starts with."""
    converter = markup._converter(markup.MARKDOWN, True)
    assert sorted(pattern.compiled_re.pattern for pattern in converter.inlinePatterns) == sorted(
        [
            r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)",
            r"\\(.)",
            r"\[\^([^\]]*)\]",
            r"(?<!\!)\[",
            r"(?<!\!)\[",
            r"\!\[",
            r"\!\[",
            r"(?<!\!)\[",
            r"\!\[",
            r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>",
            r"<([^<> !]+@[^@<> ]+)>",
            r"  \n",
            r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)",
            r"\*|_",
        ]
    )
