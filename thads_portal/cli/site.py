"""Where the site is: the folder of its pelicanconf.py, found from the working folder up."""

from __future__ import annotations

from pathlib import Path

SETTINGS = "pelicanconf.py"
PUBLISH_SETTINGS = "publishconf.py"


class SiteNotFound(SystemExit):
    """Ends the command with a Vietnamese message, without a traceback."""

    def __init__(self, start: Path) -> None:
        super().__init__(
            f"Không tìm thấy trang nào: {start} và các thư mục cha không có tệp {SETTINGS}. "
            "Hãy chạy lệnh trong thư mục của trang, hoặc ghi 'thads -C THƯ-MỤC …'."
        )


def site_root(start: Path | None = None) -> Path:
    """The nearest folder, from `start` (the working folder) up, holding pelicanconf.py."""
    start = (start or Path.cwd()).absolute()
    for folder in (start, *start.parents):
        if (folder / SETTINGS).is_file():
            return folder
    raise SiteNotFound(start)
