"""A generated corpus of realistic Vietnamese news and notices, for the benchmarks.

    python scripts/corpus.py OUT --news 5000 --notices 5000

writes OUT/content (Markdown with front matter that passes every check, and the site's
emblem) and OUT/data (a copy of data/). The same seed always gives the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = dt.date(2023, 1, 2)
END = dt.date(2026, 11, 20)
PLACES = {
    "khu-vuc-1": [
        "phường Tam Thanh",
        "phường Lương Văn Tri",
        "phường Đông Kinh",
        "phường Kỳ Lừa",
        "xã Cao Lộc",
        "xã Đồng Đăng",
    ],
    "khu-vuc-2": ["xã Thất Khê", "xã Tràng Định", "xã Na Sầm", "xã Tân Thanh", "xã Hoàng Văn Thụ"],
    "khu-vuc-3": ["xã Văn Quan", "xã Bình Gia", "xã Điềm He", "xã Hồng Phong"],
    "khu-vuc-4": ["xã Hữu Lũng", "xã Bắc Sơn", "xã Hữu Liên", "xã Vũ Lễ"],
    "khu-vuc-5": ["xã Na Dương", "xã Lộc Bình", "xã Đình Lập", "xã Chi Lăng", "xã Đồng Mỏ"],
}
OLD_UNITS = {
    "khu-vuc-1": ["chi-cuc-thanh-pho-lang-son", "chi-cuc-cao-loc"],
    "khu-vuc-2": ["chi-cuc-trang-dinh", "chi-cuc-van-lang"],
    "khu-vuc-3": ["chi-cuc-van-quan", "chi-cuc-binh-gia"],
    "khu-vuc-4": ["chi-cuc-bac-son", "chi-cuc-huu-lung"],
    "khu-vuc-5": ["chi-cuc-chi-lang", "chi-cuc-loc-binh", "chi-cuc-dinh-lap"],
}
REORGANIZED = dt.date(2025, 7, 1)
ASSETS = {
    "land": ("real_estate", ["quyền sử dụng đất thửa số {n}, tờ bản đồ số {m}"]),
    "house": ("real_estate", ["quyền sử dụng đất và nhà ở thửa số {n}, tờ bản đồ số {m}"]),
    "vehicle": (
        "movable",
        ["xe ô tô tải Thaco biển kiểm soát 12C-{n}.{m}", "xe mô tô Honda biển kiểm soát 12K1-{n}.{m}"],
    ),
    "machinery": ("movable", ["máy xúc đào Hyundai số khung {n}{m}", "máy ủi bánh xích số máy {n}{m}"]),
    "goods": ("movable", ["lô hàng vật liệu xây dựng gồm {n} tấn thép", "lô hàng đồ gia dụng gồm {n} thùng"]),
    "other": (
        "movable",
        ["{n}.000 cổ phần của công ty cổ phần xây dựng", "quyền đòi nợ trị giá {n} triệu đồng"],
    ),
}
SENTENCES = [
    "Căn cứ Bản án dân sự số {n}/{y}/DS-ST của Tòa án nhân dân khu vực và Quyết định thi hành án số {m}/QĐ-THADS.",
    "Tài sản đã được kê biên, thẩm định giá theo quy định của pháp luật về thi hành án dân sự.",
    "Người tham gia đấu giá phải nộp tiền đặt trước vào tài khoản của tổ chức đấu giá tài sản.",
    "Khách hàng có nhu cầu xem tài sản liên hệ Chấp hành viên trong giờ hành chính.",
    "Hồ sơ tham gia đấu giá gồm đơn đăng ký, bản sao giấy tờ tùy thân và chứng từ nộp tiền đặt trước.",
    "Mọi chi tiết xin liên hệ trụ sở đơn vị hoặc gọi điện thoại trong giờ hành chính các ngày làm việc.",
    "Đương sự có quyền nhận lại tài sản trước khi mở cuộc đấu giá nếu nộp đủ tiền thi hành án và chi phí.",
    "Tổ chức đấu giá có trách nhiệm niêm yết công khai việc đấu giá tại nơi có tài sản và trụ sở đơn vị.",
]
NEWS_TOPICS = [
    ("Tin hoạt động", "Hội nghị sơ kết công tác thi hành án dân sự {p}"),
    ("Tin hoạt động", "Kiểm tra công tác thi hành án dân sự tại {u}"),
    ("Chỉ đạo điều hành", "Triển khai kế hoạch giải quyết án tồn đọng {p}"),
    ("Tuyên truyền pháp luật", "Tuyên truyền pháp luật về thi hành án dân sự tại {place}"),
    ("Cải cách hành chính", "Đẩy mạnh chuyển đổi số trong thi hành án dân sự {p}"),
]
NEWS_SENTENCES = [
    "Hội nghị đã đánh giá kết quả đạt được, chỉ ra tồn tại, hạn chế và đề ra giải pháp trong thời gian tới.",
    "Lãnh đạo đơn vị yêu cầu công chức tập trung giải quyết dứt điểm các vụ việc có điều kiện thi hành.",
    "Công tác phối hợp với các cơ quan hữu quan được tăng cường, bảo đảm quyền lợi hợp pháp của đương sự.",
    "Kết quả thi hành án về việc và về tiền đều tăng so với cùng kỳ năm trước.",
    "Đoàn kiểm tra đã làm việc trực tiếp với Chấp hành viên, xem xét hồ sơ và ghi nhận kiến nghị.",
    "Người dân được hướng dẫn thủ tục yêu cầu thi hành án và quyền, nghĩa vụ của đương sự.",
]


def _day(rng: random.Random) -> dt.date:
    return START + dt.timedelta(days=rng.randrange((END - START).days))


def _unit(rng: random.Random, day: dt.date) -> tuple[str, str]:
    region = rng.choice(sorted(PLACES))
    place = rng.choice(PLACES[region])
    if rng.random() < 0.15:
        return ("thads-lang-son" if day >= REORGANIZED else "cuc-thads-lang-son"), place
    return (region if day >= REORGANIZED else rng.choice(OLD_UNITS[region])), place


def _body(rng: random.Random, sentences: list[str], count: int, year: int) -> str:
    lines = [
        rng.choice(sentences).format(n=rng.randrange(1, 999), m=rng.randrange(1, 9999), y=year)
        for _ in range(count)
    ]
    return "\n\n".join(" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3))


def _at(day: dt.date, hours: str) -> str:
    return f"{day.isoformat()} {hours}"


def notice(rng: random.Random, number: int) -> tuple[str, str]:
    day = _day(rng)
    unit, place = _unit(rng, day)
    category = rng.choice(sorted(ASSETS))
    kind, names = ASSETS[category]
    asset = rng.choice(names).format(n=rng.randrange(10, 999), m=rng.randrange(10, 99))
    notice_type = rng.choices(["auction", "auctioneer_selection", "valuer_selection"], [6, 2, 2])[0]
    price = rng.randrange(20, 5000) * 1_000_000
    verb = {
        "auction": "Thông báo bán đấu giá",
        "auctioneer_selection": "Thông báo lựa chọn tổ chức đấu giá tài sản:",
        "valuer_selection": "Thông báo lựa chọn tổ chức thẩm định giá",
    }[notice_type]
    title = f"{verb} {asset} tại {place}"
    lines = [
        f'title: "{title}"',
        f"date: {_at(day, '08:00')}",
        f'summary: "{asset.capitalize()} tại {place}, tỉnh Lạng Sơn."',
        f"notice_type: {notice_type}",
        f"unit: {unit}",
        f"asset_kind: {kind}",
        f"asset_category: {category}",
        "assets:",
        f'  - name: "{asset.capitalize()}"',
        f'    location: "{place}, tỉnh Lạng Sơn"',
    ]
    if notice_type == "auction":
        registration_end = day + dt.timedelta(days=20)
        lines += [
            f"starting_price: {price}",
            "vat: not_applicable",
            f"deposit: {price // 10}",
            "dossier_fee: 500000",
            f'viewing: {{from: {_at(day + dt.timedelta(days=10), "08:00")}, to: {_at(day + dt.timedelta(days=11), "16:30")}, place: "Nơi có tài sản"}}',
            f'registration: {{from: {_at(day + dt.timedelta(days=1), "07:30")}, to: {_at(registration_end, "17:00")}, place: "Trụ sở tổ chức đấu giá"}}',
            f'auction: {{at: {_at(day + dt.timedelta(days=23), "09:00")}, place: "Hội trường {place}", form: oral, method: ascending}}',
            'auctioneer: {name: "Trung tâm Dịch vụ đấu giá tài sản tỉnh Lạng Sơn"}',
            "round: 1",
            "announcement: 1",
        ]
    else:
        lines += [
            f"starting_price: {price}",
            f'application: {{from: {_at(day, "08:00")}, to: {_at(day + dt.timedelta(days=14), "17:00")}, place: "Trụ sở đơn vị", method: "Nộp trực tiếp hoặc qua bưu chính"}}',
            'criteria: ["Có tên trong danh sách tổ chức do Bộ Tư pháp công bố", "Phương án hoạt động khả thi"]',
        ]
    body = _body(rng, SENTENCES, rng.randrange(6, 15), day.year)
    slug = f"thong-bao-{number:05d}"
    return f"notices/{day.year}/{slug}.md", "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def news(rng: random.Random, number: int) -> tuple[str, str]:
    day = _day(rng)
    unit, place = _unit(rng, day)
    category, pattern = rng.choice(NEWS_TOPICS)
    title = pattern.format(p=f"năm {day.year}", u=place, place=place) + f" (số {number})"
    front = [
        f'title: "{title}"',
        f"date: {_at(day, '09:00')}",
        f'summary: "{rng.choice(NEWS_SENTENCES)}"',
        f"category: {category}",
        "tags: thi hành án dân sự, Lạng Sơn",
    ]
    body = _body(rng, NEWS_SENTENCES, rng.randrange(8, 20), day.year)
    return f"news/{day.year}/tin-{number:05d}.md", "---\n" + "\n".join(front) + "\n---\n" + body + "\n"


def write_corpus(target: Path, news_count: int, notice_count: int, seed: int = 2026) -> Path:
    """Write the corpus under target/content and a copy of data/ under target/data."""
    rng = random.Random(seed)
    content = target / "content"
    if content.exists():
        shutil.rmtree(content)
    for number in range(notice_count):
        relative, text = notice(rng, number)
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")
    for number in range(news_count):
        relative, text = news(rng, number)
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")
    # The site's own images (the emblem) are part of every page.
    shutil.copytree(ROOT / "sites/lang-son/content/images/site", content / "images/site")
    shutil.copytree(
        ROOT / "sites/lang-son/content/files/van-ban", content / "files/van-ban"
    )  # named in data/
    if (target / "data").exists():
        shutil.rmtree(target / "data")
    shutil.copytree(ROOT / "sites/lang-son/data", target / "data")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("target", type=Path)
    parser.add_argument("--news", type=int, default=5000)
    parser.add_argument("--notices", type=int, default=5000)
    args = parser.parse_args()
    write_corpus(args.target, args.news, args.notices)
    print(f"Đã tạo {args.news} tin và {args.notices} thông báo trong {args.target / 'content'}")


if __name__ == "__main__":
    main()
