"""Cấu hình dựng trang (bản xem trước): cấu hình của thads-portal với các thư mục của trang này.
Thông tin riêng của đơn vị nằm trong data/; muốn đổi một cấu hình, ghi sau lời gọi dưới đây."""

from pathlib import Path

from thads_portal.pelican.settings import site_settings

globals().update(site_settings(Path(__file__).parent))
