"""Publishing releases: atomic switch, rollback, failed builds and vanished addresses that
leave the live site alone, checksums, and deploying with rsync; one publish at a time, and no
release put live that differs from what its build produced."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import THADS, run_build
from test_editor_tools import scripted_project

ROUND_TWO = "content/notices/2026/ban-dau-gia-nha-dat-xa-huu-lung-lan-2.md"


def run(project: Path, releases: Path, *args: str, today: str = "2026-11-25") -> subprocess.CompletedProcess:
    env = {**os.environ, "PORTAL_TODAY": today, "PORTAL_RELEASES": str(releases)}
    return subprocess.run(
        [sys.executable, *args] if args[0] == "-c" else [*THADS, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def live_of(releases: Path) -> str:
    return os.readlink(releases / "live")


def test_publish_rollback_and_guards(tmp_path):
    project = scripted_project(tmp_path)
    releases = tmp_path / "releases"
    first = run(project, releases, "publish")
    assert first.returncode == 0, first.stderr
    release_a = live_of(releases)
    from thads_portal.cli import release

    assert release.verify(releases / release_a) == []
    assert (releases / release_a / "SHA256SUMS").read_text().count("\n") > 500
    assert (releases / release_a / "index.html.br").is_file() and (
        releases / release_a / "index.html.gz"
    ).is_file()

    # A notice deleted without a redirect: the publish stops, the live site stays.
    notice = project / ROUND_TWO
    text = notice.read_text(encoding="utf-8")
    notice.unlink()
    stopped = run(project, releases, "publish")
    assert stopped.returncode == 1
    assert "/thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/" in stopped.stderr
    assert live_of(releases) == release_a
    assert sorted(p.name for p in releases.iterdir() if not p.is_symlink() and p.name[0] != ".") == [
        release_a
    ]

    # The same notice under a new address with redirect_from: accepted.
    renamed = text.replace(
        "redirect_from: [", "redirect_from: [/thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/, ", 1
    )
    (project / "content/notices/2026/dau-gia-lan-2-nha-dat-huu-lung.md").write_text(renamed, encoding="utf-8")
    second = run(project, releases, "publish")
    assert second.returncode == 0, second.stderr
    release_b = live_of(releases)
    assert release_b != release_a and os.readlink(releases / "previous") == release_a
    moved = (releases / "live/thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/index.html").read_text(
        encoding="utf-8"
    )
    assert 'http-equiv="refresh"' in moved and "/thong-bao/dau-gia-lan-2-nha-dat-huu-lung/" in moved

    # A broken file: the build fails and nothing changes.
    (project / "content/news/2026/hong.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    broken = run(project, releases, "publish")
    assert broken.returncode == 1 and "giữ nguyên" in broken.stderr
    assert live_of(releases) == release_b

    rolled = run(project, releases, "rollback")
    assert rolled.returncode == 0, rolled.stderr
    assert live_of(releases) == release_a and os.readlink(releases / "previous") == release_b

    # Release B lists Triệu Thị Lan, to be removed on 15/12/2026: from that day, going back
    # to it would publish her again.
    assert "Triệu Thị Lan" in (
        releases / release_b / "nguoi-phai-thi-hanh-an-chua-co-dieu-kien/khu-vuc-1/index.html"
    ).read_text(encoding="utf-8")
    refused = run(project, releases, "rollback", today="2026-12-15")
    assert refused.returncode == 1 and "1 người phải thi hành án" in refused.stderr
    assert live_of(releases) == release_a

    # Deploy the live release to a "server" folder with rsync; checksums are verified there.
    server = tmp_path / "server"
    deployed = run(project, releases, "deploy", str(server))
    assert deployed.returncode == 0, deployed.stderr
    assert os.readlink(server / "live") == f"releases/{release_a}"
    assert (server / "live/index.html").read_bytes() == (releases / release_a / "index.html").read_bytes()
    (server / "releases" / release_a / "index.html").write_text("tampered")
    assert release.verify(server / "releases" / release_a) == ["index.html"]


def release_module(project: Path, monkeypatch):
    """The release module, working on `project` (it finds the site from the working folder)."""
    from thads_portal.cli import release

    monkeypatch.chdir(project)
    return release


def release_ids(releases: Path) -> list[str]:
    return sorted(
        p.name for p in releases.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
    )


def files_of(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


BUSY = "Một lần đăng hoặc quay lại khác đang chạy (tiến trình {pid}"


def test_two_publishes_at_once_never_put_a_partial_release_live(tmp_path, monkeypatch):
    project = scripted_project(tmp_path)
    releases = tmp_path / "releases"
    env = {**os.environ, "PORTAL_TODAY": "2026-11-25", "PORTAL_RELEASES": str(releases)}
    # Both take their release id in the middle of the same second: time the start-up first.
    began = time.monotonic()
    subprocess.run([*THADS, "publish", "--help"], cwd=project, env=env, capture_output=True)
    time.sleep((0.5 - (time.monotonic() - began) - time.time()) % 1)
    publishes = [
        subprocess.Popen(
            [*THADS, "publish"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [publish.communicate(timeout=900) for publish in publishes]
    codes = [publish.returncode for publish in publishes]
    report = [f"{out[-1500:]}\n{err[-3000:]}" for out, err in outputs]
    # Never one release id (and folder) for two publishes.
    started = [re.findall(r"Dựng bản phát hành (\S+)…", out) for out, _ in outputs]
    assert len({*started[0], *started[1]}) == len(started[0]) + len(started[1]), report
    # Both published, under two ids, or the second was turned away at once, naming the first.
    assert 0 in codes, report
    for publish, (_, stderr), other, announced in zip(
        publishes, outputs, reversed(publishes), started, strict=True
    ):
        if publish.returncode != 0:
            assert BUSY.format(pid=other.pid) in stderr, report
            assert "trang đang chạy được giữ nguyên" in stderr and not announced, report
    ids = release_ids(releases)
    assert len(ids) == codes.count(0) and live_of(releases) in ids

    # Every release left is the whole site, as a build of the same content alone makes it.
    reference = run_build(project, tmp_path / "reference", "publishconf.py")
    assert reference.returncode == 0, reference.stderr
    expected = files_of(reference.output)
    release = release_module(project, monkeypatch)
    for release_id in ids:
        files = files_of(releases / release_id)
        assert expected <= files, (release_id, len(files), len(expected), sorted(expected - files)[:10])
        extra = files - expected - {"SHA256SUMS", "BUILD_FILES"}
        assert [name for name in extra if name[-3:] not in (".gz", ".br") or name[:-3] not in expected] == []
        assert release.verify(releases / release_id) == []
        assert release.problems(releases / release_id) == []


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path]:
    """A project and its releases folder after one publish; each test works on a copy."""
    base = tmp_path_factory.mktemp("published")
    project = scripted_project(base)
    releases = base / "releases"
    first = run(project, releases, "publish")
    assert first.returncode == 0, first.stderr
    return project, releases


def copy_of_releases(published, tmp_path: Path) -> Path:
    releases = tmp_path / "releases"
    shutil.copytree(published[1], releases, symlinks=True)
    return releases


# Runs thads publish with a build that copies a finished release (argv[1]) and whose tree is
# then changed (argv[2]): "delete" removes argv[3] before SHA256SUMS is written, "byte" changes
# a byte of argv[3] (same size) just after.
PUBLISH_CHANGED = """
import shutil, sys
from pathlib import Path

from thads_portal.cli import publish

release = publish.release
source, how, name = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
write_manifest = release.write_manifest


def build(target):
    shutil.copytree(source, target, dirs_exist_ok=True)
    if how == "delete":
        (target / name).unlink()
    return True


def write_manifest_then_change(target):
    write_manifest(target)
    if how == "byte":
        data = bytearray((target / name).read_bytes())
        data[len(data) // 2] ^= 1
        (target / name).write_bytes(bytes(data))


release.build = build
release.write_manifest = write_manifest_then_change
sys.exit(publish.main([]))
"""


@pytest.mark.parametrize("how", ["delete", "byte"])
def test_a_release_changed_after_its_build_is_not_put_live(published, tmp_path, how):
    project = published[0]
    releases = copy_of_releases(published, tmp_path)
    live = live_of(releases)
    stylesheet = sorted((releases / live).glob("theme/**/*.css"))[0].relative_to(releases / live).as_posix()
    changed = run(project, releases, "-c", PUBLISH_CHANGED, str(releases / live), how, stylesheet)
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "không còn như lúc dựng xong" in changed.stderr and "không chuyển trang" in changed.stderr
    assert f"  {stylesheet}: " in changed.stderr
    assert live_of(releases) == live and not (releases / "previous").exists()
    assert release_ids(releases) == [live]


def test_rollback_refuses_a_release_changed_since_its_build(published, tmp_path, monkeypatch):
    project = published[0]
    releases = copy_of_releases(published, tmp_path)
    release = release_module(project, monkeypatch)
    first = live_of(releases)
    # A second release, the same site under a later id: live, with the first as `previous`.
    second = "29991231T000000Z-copy"
    shutil.copytree(releases / first, releases / second)
    (releases / "live").unlink()
    (releases / "live").symlink_to(second)
    (releases / "previous").symlink_to(first)
    page = "lien-he/index.html"
    target = releases / first / page

    def refused() -> None:
        rolled = run(project, releases, "rollback")
        assert rolled.returncode == 1, rolled.stdout + rolled.stderr
        assert f"Không quay lại bản {first}: bản này không còn như lúc dựng" in rolled.stderr
        assert f"  {page}: " in rolled.stderr and "giữ nguyên" in rolled.stderr
        assert live_of(releases) == second and os.readlink(releases / "previous") == first

    def restore() -> None:
        shutil.copy2(releases / second / page, target)
        shutil.copy2(releases / second / "SHA256SUMS", releases / first / "SHA256SUMS")

    target.unlink()  # a file removed
    refused()
    restore()
    data = bytearray(target.read_bytes())  # a byte changed
    data[len(data) // 2] ^= 1
    target.write_bytes(bytes(data))
    refused()
    restore()
    target.unlink()  # a file removed, and SHA256SUMS rewritten from what is left
    release.write_manifest(releases / first)
    assert release.verify(releases / first) == []
    refused()
    restore()

    rolled = run(project, releases, "rollback")
    assert rolled.returncode == 0, rolled.stderr
    assert live_of(releases) == first and os.readlink(releases / "previous") == second
