"""A notice's summary and body may not state a starting price, deposit or dossier fee other
than its fields: pages, feeds and open data would show both."""

from __future__ import annotations

import json

from conftest import run_build, run_check

NOTICE = "content/notices/2026/ban-dau-gia-nha-dat-xa-binh-gia.md"


def test_changed_price_without_changing_the_text_is_refused(project, tmp_path):
    path = project / NOTICE
    text = path.read_text(encoding="utf-8")
    assert "giá khởi điểm 1.125.000.000 đồng" in text
    path.write_text(
        text.replace("starting_price: 1125000000", "starting_price: 1250000000").replace(
            "deposit: 200000000", "deposit: 210000000"
        ),
        encoding="utf-8",
    )
    checked = run_check(project, "--json")
    found = [p for p in json.loads(checked.stdout)["problems"] if p["code"] == "stated-amount"]
    summary = [p for p in found if p["field"] == "summary"]
    assert len(summary) == 1 and summary[0]["line"] == 4, found
    assert (
        "giá khởi điểm 1.125.000.000 đồng nhưng trường starting_price là 1.250.000.000 đồng"
        in (summary[0]["message"])
    )
    assert any(p["field"] is None and "starting_price" in p["message"] for p in found), found
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 1
    assert f"{NOTICE}:4: summary: Phần tóm tắt ghi giá khởi điểm 1.125.000.000 đồng" in build.stderr


def test_sample_notices_state_their_own_amounts():
    from thads_portal.domain.stated_amounts import stated_amount_problems

    class Record:
        summary = "Giá khởi điểm lần 1 là 1.250.000.000 đồng; nay giá khởi điểm: **1.125.000.000** đồng."
        starting_price, deposit, dossier_fee = 1_125_000_000, 200_000_000, None

    body = "Tiền đặt trước: 200.000.000 đồng. Tiền mua hồ sơ 500.000 đồng."
    assert stated_amount_problems(Record(), 4, body, 30, "a.md") == []
    Record.deposit = 100_000_000
    (problem,) = stated_amount_problems(Record(), 4, body, 30, "a.md")
    assert problem.line == 30 and "tiền đặt trước 200.000.000 đồng" in problem.message
