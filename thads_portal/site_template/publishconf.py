"""Cấu hình bản công khai: như pelicanconf.py nhưng không có bản nháp, bài hẹn giờ, và liên kết
nguồn tin là địa chỉ đầy đủ. `thads publish` thêm bản nén gzip và Brotli cho mỗi bản phát hành."""

from pathlib import Path

from thads_portal.pelican.settings import publish_settings

globals().update(publish_settings(Path(__file__).parent / "pelicanconf.py"))
