"""Tạo thư mục trang mới cho một trong 34 cơ quan Thi hành án dân sự tỉnh, thành phố.

    thads init cao-bang                    tạo thư mục thads-cao-bang/ trong thư mục hiện tại
    thads init "Hồ Chí Minh" trang-hcm     tên tỉnh có dấu hay không dấu đều được
    thads init da-nang --host thads.danang.example.gov.vn
    thads init --danh-sach                 liệt kê 34 tỉnh, thành phố và mã của từng nơi

Trang mới có dữ liệu của đơn vị (data/), trang Giới thiệu, Liên hệ, một bài viết mẫu, cấu hình
dựng trang, tệp CI, cấu hình nginx và README. Thông tin chưa được kiểm chứng (địa chỉ, điện
thoại, thư điện tử, lãnh đạo, các Phòng khu vực, tên miền) được ghi là [CẦN ĐIỀN: …];
`thads check` cảnh báo từng chỗ còn lại. Không bao giờ ghi vào thư mục đã có tệp.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

import thads_portal
from thads_portal import ENGINE_DATA, __version__
from thads_portal.domain import clock
from thads_portal.domain.placeholders import find_placeholders, placeholder
from thads_portal.domain.text import fold, nfc

PROVINCES_FILE = ENGINE_DATA / "provinces.yml"
TEMPLATE = Path(thads_portal.__file__).parent / "site_template"
KINDS = ("tỉnh", "thành phố")
TEMPLATE_SUFFIX = ".j2"
# A path part starting with this is written with a dot (dot-gitignore → .gitignore): the
# template keeps no dotfiles, which packaging tools and the engine's own git would treat apart.
DOT_PREFIX = "dot-"
# The engine's shared nginx rules, copied beside the site's deploy/nginx.conf when shipped.
NGINX_SHARED = ("nginx-site.conf", "portal-headers.conf", "security-headers.conf", "admin-headers.conf")
# Other spellings accepted on the command line (after folding), by province code.
ALIASES = {"ho-chi-minh": ("hcm", "saigon"), "hue": ("thuathienhue",)}
_PREFIXES = ("thi hanh an dan su ", "thads ", "tinh ", "thanh pho ", "tp. ", "tp.", "tp ")
_HOST = re.compile(
    r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$"
)


class InitError(Exception):
    """A Vietnamese message for the user; the command ends with status 2 (usage) or 1."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


# --- The province table ------------------------------------------------------------------
@dataclass(frozen=True)
class Province:
    code: str
    name: str
    kind: str
    agency: str
    name_en: str
    agency_en: str
    merged_from: tuple[str, ...]
    centre_in: str | None
    seat: str | None
    agency_address: str | None
    regional_offices: int | None
    # For each field stated, the full text of its source.
    sources: dict[str, str]

    @property
    def full_name(self) -> str:
        """The agency's name after "Thi hành án dân sự ": "tỉnh Cao Bằng", "thành phố Huế",
        "Thành phố Hồ Chí Minh"."""
        return self.agency.removeprefix("Thi hành án dân sự ")

    @property
    def agency_id(self) -> str:
        return f"thads-{self.code}"


def load_provinces(path: Path = PROVINCES_FILE) -> tuple[str, list[Province]]:
    """The data version and the provinces of the table shipped with the engine."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources = raw["sources"]
    provinces = []
    for entry in raw["provinces"]:
        cited = entry.get("source") or {}
        unknown = [key for key in cited.values() if key not in sources]
        if entry["kind"] not in KINDS or unknown:
            raise ValueError(f"provinces.yml: {entry['code']}: kind or source not known")
        provinces.append(
            Province(
                code=entry["code"],
                name=nfc(entry["name"]),
                kind=entry["kind"],
                agency=nfc(entry["agency"]),
                name_en=entry["name_en"],
                agency_en=entry["agency_en"],
                merged_from=tuple(nfc(name) for name in entry.get("merged_from") or ()),
                centre_in=entry.get("centre_in"),
                seat=entry.get("seat"),
                agency_address=entry.get("agency_address"),
                regional_offices=entry.get("regional_offices"),
                sources={field: sources[key] for field, key in cited.items()},
            )
        )
    return str(raw["version"]), provinces


def _key(text: str) -> str:
    """A name as typed, folded: "TP. Hồ Chí Minh", "ho-chi-minh" and "Hồ Chí Minh" agree."""
    folded = fold(nfc(text)).casefold().replace("-", " ").replace("_", " ").strip()
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            folded = folded[len(prefix) :]
    return re.sub(r"[^a-z0-9]", "", folded)


def find_province(query: str, provinces: list[Province]) -> Province | None:
    wanted = _key(query)
    for province in provinces:
        keys = {
            _key(province.code),
            _key(province.name),
            _key(province.agency),
            *ALIASES.get(province.code, ()),
        }
        if wanted and wanted in keys:
            return province
    return None


def merged_into(query: str, provinces: list[Province]) -> Province | None:
    """The unit a former province (Hà Giang, Bình Dương…) was merged into, if `query` is one."""
    wanted = _key(query)
    for province in provinces:
        if any(_key(former) == wanted for former in province.merged_from):
            return province
    return None


def listing(provinces: list[Province]) -> str:
    width = max(len(p.code) for p in provinces)
    lines = []
    for province in provinces:
        merged = f"  (hợp nhất: {', '.join(province.merged_from)})" if province.merged_from else ""
        lines.append(f"  {province.code:<{width}}  {province.agency}{merged}")
    return "\n".join(lines)


# --- Rendering ---------------------------------------------------------------------------
# Characters YAML does not take as they are inside a double-quoted scalar: C1 controls (NEL
# among them is a line break), the Unicode line and paragraph separators, BOM, non-characters.
_YAML_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\u0000-\u001f\u007f-\u009f\u2028\u2029]+")


def yaml_value(value: Any) -> str:
    """A YAML scalar for any value: JSON (a subset of YAML) with the characters YAML reads
    otherwise escaped, so no name, address or host can end the value or start another."""
    if isinstance(value, str):
        value = nfc(value)
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def comment_text(value: Any) -> str:
    """Text for a comment (YAML, nginx): on one line whatever it holds."""
    return _LINE_BREAKS.sub(" ", nfc(str(value)))


def placeholder_text(what: Any) -> str:
    """A placeholder whose description cannot end it early or break its line."""
    return placeholder(comment_text(what).replace("[", "(").replace("]", ")"))


def normalize_host(host: str) -> str:
    """A host name as nginx and data/site.yml take it; InitError when it is not one."""
    text = host.strip().lower()
    text = re.sub(r"^https?://", "", text).rstrip("/")
    with contextlib.suppress(UnicodeError):  # a name in Vietnamese: its ASCII form (IDNA)
        text = text.encode("idna").decode("ascii")
    if not _HOST.match(text):
        raise InitError(
            f"tên miền '{comment_text(host)}' không hợp lệ: chỉ gồm chữ, số, dấu '-' và các phần cách nhau "
            "bằng dấu chấm, ví dụ: thads.caobang.example.gov.vn"
        )
    return text


def default_host(province: Province) -> str:
    return f"thads-{province.code}.example.gov.vn"


def regional_offices(province: Province) -> list[dict[str, str]]:
    """The regional offices to write: 1..N when the number is known, else one to fill in."""
    count = province.regional_offices or 1
    return [
        {
            "id": f"khu-vuc-{number}",
            "name": f"Phòng Thi hành án dân sự khu vực {number}",
            "name_en": f"Regional Civil Judgment Enforcement Office No. {number}",
            "short_name": f"Phòng THADS khu vực {number}",
            "short_name_en": f"Regional Office No. {number}",
        }
        for number in range(1, count + 1)
    ]


def _environment(template_root: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_root)),
        autoescape=False,  # YAML, Markdown, nginx: values are quoted by the filters below
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["y"] = yaml_value
    environment.filters["c"] = comment_text
    environment.globals["ph"] = placeholder_text
    return environment


def _target_path(relative: Path, names: dict[str, str]) -> Path:
    parts = []
    for part in relative.parts:
        for token, value in names.items():
            part = part.replace(token, value)
        if part.startswith(DOT_PREFIX):
            part = "." + part[len(DOT_PREFIX) :]
        parts.append(part)
    path = Path(*parts)
    return path.with_name(path.name[: -len(TEMPLATE_SUFFIX)]) if path.name.endswith(TEMPLATE_SUFFIX) else path


def render_site(
    province: Province,
    host: str,
    today,
    version: str = __version__,
    host_is_placeholder: bool = False,
    template_root: Path = TEMPLATE,
) -> dict[Path, bytes]:
    """Every file of the new site, by its path relative to the site's folder."""
    environment = _environment(template_root)
    context = {
        "p": province,
        "host": host,
        "url": f"https://{host}",
        "host_is_placeholder": host_is_placeholder,
        "today": today.isoformat(),
        "year": today.year,
        "version": version,
        "agency_id": province.agency_id,
        "offices": regional_offices(province),
    }
    names = {"__year__": str(today.year), "__agency_id__": province.agency_id}
    files: dict[Path, bytes] = {}
    for path in sorted(template_root.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(template_root)
        target = _target_path(relative, names)
        if path.name.endswith(TEMPLATE_SUFFIX):
            text = environment.get_template(relative.as_posix()).render(context)
            files[target] = text.encode("utf-8")
        else:
            files[target] = path.read_bytes()
    for name in NGINX_SHARED:
        shared = _engine_deploy_file(name)
        if shared is not None:
            files[Path("deploy") / name] = shared.read_bytes()
    return files


def _engine_deploy_file(name: str) -> Path | None:
    """The engine's nginx rules, shipped in the package (deploy/)."""
    path = Path(thads_portal.__file__).parent / "deploy" / name
    return path if path.is_file() else None


def write_site(files: dict[Path, bytes], target: Path) -> None:
    """Write the files into `target`, which must be absent or empty; on a failure, remove
    what was written so that the folder is left as it was."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(
            f"thư mục {target} đã có tệp: lệnh không ghi đè. Hãy chọn một thư mục mới hoặc thư mục trống.",
            status=1,
        )
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        for relative, content in files.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    except OSError as error:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        else:
            for child in list(target.iterdir()):
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        raise InitError(f"không ghi được vào {target}: {error.strerror or error}", status=1) from error


# --- Command -----------------------------------------------------------------------------
_ARGPARSE_MESSAGES = {
    "expected one argument": "cần một giá trị",
    "unrecognized arguments": "không hiểu các đối số",
    "the following arguments are required": "thiếu các đối số",
}


class _Parser(argparse.ArgumentParser):
    """argparse with its messages to the user in Vietnamese."""

    def error(self, message: str):
        for english, vietnamese in _ARGPARSE_MESSAGES.items():
            message = message.replace(english, vietnamese)
        message = message.replace("argument ", "đối số ")
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}. 'thads init --help' cho biết cách dùng.\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="thads init",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")
    parser._positionals.title = "đối số"
    parser._optionals.title = "tùy chọn"
    parser.add_argument(
        "province", nargs="?", metavar="TỈNH", help="mã hoặc tên tỉnh, thành phố (xem --danh-sach)"
    )
    parser.add_argument(
        "folder", nargs="?", metavar="THƯ-MỤC", help="thư mục của trang mới (mặc định: thads-<mã tỉnh>)"
    )
    parser.add_argument(
        "--host",
        metavar="TÊN-MIỀN",
        help="tên miền của trang, ví dụ thads.caobang.example.gov.vn (mặc định: một tên mẫu cần thay)",
    )
    parser.add_argument(
        "--danh-sach", "--list", dest="list", action="store_true", help="liệt kê 34 tỉnh, thành phố rồi thoát"
    )
    return parser


def _next_steps(province: Province, target: Path, count: int, left: int, host_is_placeholder: bool) -> str:
    try:
        shown = target.relative_to(Path.cwd())
    except ValueError:
        shown = target
    lines = [
        f"Đã tạo trang của {province.agency} trong {shown}/ ({count} tệp).",
        "",
        "Bước tiếp theo:",
        f"  1. cd {shown}",
        f"  2. Thay {left} chỗ ghi [CẦN ĐIỀN: …] bằng thông tin thật (chủ yếu trong data/site.yml, "
        "data/units.yml, data/organization.yml); 'thads check' liệt kê từng chỗ, kèm số dòng.",
        "  3. thads check      kiểm tra nội dung và dữ liệu",
        "  4. thads serve      xem trước tại http://127.0.0.1:8000",
        "  5. Xóa hoặc thay bài viết mẫu trong content/news/; đưa thư mục lên kho mã (git) để CI chạy",
        "     'thads check' và 'thads build' ở mỗi lần cập nhật.",
    ]
    if host_is_placeholder:
        lines.append(
            "  6. Tên miền hiện là tên mẫu: sửa url trong data/site.yml và server_name trong deploy/nginx.conf "
            "(hoặc tạo lại với --host)."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as end:  # --help, or arguments argparse refused (message printed)
        return end.code if isinstance(end.code, int) else 2
    data_version, provinces = load_provinces()
    if args.list:
        print(f"34 cơ quan Thi hành án dân sự tỉnh, thành phố (bảng dữ liệu {data_version}):")
        print(listing(provinces))
        return 0
    if not args.province:
        parser.print_usage(sys.stderr)
        print(
            "thads init: thiếu tên tỉnh, thành phố. 'thads init --danh-sach' liệt kê các mã.", file=sys.stderr
        )
        return 2
    try:
        province = find_province(args.province, provinces)
        if province is None:
            successor = merged_into(args.province, provinces)
            if successor is not None:
                raise InitError(
                    f"'{comment_text(args.province)}' đã được hợp nhất vào {successor.full_name} từ năm 2025 "
                    f"(Nghị quyết 202/2025/QH15). Hãy chạy: thads init {successor.code}"
                )
            raise InitError(
                f"không có tỉnh, thành phố '{comment_text(args.province)}'. Chọn một trong 34 mã sau:\n"
                + listing(provinces)
            )
        host_is_placeholder = not args.host
        host = normalize_host(args.host) if args.host else default_host(province)
        target = Path(args.folder or f"thads-{province.code}").absolute()
        files = render_site(province, host, clock.today(), host_is_placeholder=host_is_placeholder)
        write_site(files, target)
    except InitError as error:
        print(f"thads init: {error}", file=sys.stderr)
        return error.status
    left = len(find_placeholders(target))
    print(_next_steps(province, target, len(files), left, host_is_placeholder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
