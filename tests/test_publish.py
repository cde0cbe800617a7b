"""Publishing releases: atomic switch, rollback, failed builds and vanished addresses that
leave the live site alone, checksums, and deploying with rsync."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_editor_tools import scripted_project

ROUND_TWO = "content/notices/2026/ban-dau-gia-nha-dat-xa-huu-lung-lan-2.md"


def run(project: Path, releases: Path, *args: str, today: str = "2026-11-25") -> subprocess.CompletedProcess:
    env = {**os.environ, "PORTAL_TODAY": today, "PORTAL_RELEASES": str(releases)}
    return subprocess.run(
        [sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )


def live_of(releases: Path) -> str:
    return os.readlink(releases / "live")


def test_publish_rollback_and_guards(tmp_path):
    project = scripted_project(tmp_path)
    releases = tmp_path / "releases"
    first = run(project, releases, "scripts/publish")
    assert first.returncode == 0, first.stderr
    release_a = live_of(releases)
    sys.path.insert(0, str(project / "scripts"))
    import release

    assert release.verify(releases / release_a) == []
    assert (releases / release_a / "SHA256SUMS").read_text().count("\n") > 500
    assert (releases / release_a / "index.html.br").is_file() and (
        releases / release_a / "index.html.gz"
    ).is_file()

    # A notice deleted without a redirect: the publish stops, the live site stays.
    notice = project / ROUND_TWO
    text = notice.read_text(encoding="utf-8")
    notice.unlink()
    stopped = run(project, releases, "scripts/publish")
    assert stopped.returncode == 1
    assert "/thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/" in stopped.stderr
    assert live_of(releases) == release_a
    assert sorted(p.name for p in releases.iterdir() if not p.is_symlink()) == [release_a]

    # The same notice under a new address with redirect_from: accepted.
    renamed = text.replace(
        "redirect_from: [", "redirect_from: [/thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/, ", 1
    )
    (project / "content/notices/2026/dau-gia-lan-2-nha-dat-huu-lung.md").write_text(renamed, encoding="utf-8")
    second = run(project, releases, "scripts/publish")
    assert second.returncode == 0, second.stderr
    release_b = live_of(releases)
    assert release_b != release_a and os.readlink(releases / "previous") == release_a
    moved = (releases / "live/thong-bao/ban-dau-gia-nha-dat-xa-huu-lung-lan-2/index.html").read_text(
        encoding="utf-8"
    )
    assert 'http-equiv="refresh"' in moved and "/thong-bao/dau-gia-lan-2-nha-dat-huu-lung/" in moved

    # A broken file: the build fails and nothing changes.
    (project / "content/news/2026/hong.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    broken = run(project, releases, "scripts/publish")
    assert broken.returncode == 1 and "giữ nguyên" in broken.stderr
    assert live_of(releases) == release_b

    rolled = run(project, releases, "scripts/publish", "--rollback")
    assert rolled.returncode == 0, rolled.stderr
    assert live_of(releases) == release_a and os.readlink(releases / "previous") == release_b

    # Release B lists Triệu Thị Lan, to be removed on 15/12/2026: from that day, going back
    # to it would publish her again.
    assert "Triệu Thị Lan" in (
        releases / release_b / "nguoi-phai-thi-hanh-an-chua-co-dieu-kien/khu-vuc-1/index.html"
    ).read_text(encoding="utf-8")
    refused = run(project, releases, "scripts/publish", "--rollback", today="2026-12-15")
    assert refused.returncode == 1 and "1 người phải thi hành án" in refused.stderr
    assert live_of(releases) == release_a

    # Deploy the live release to a "server" folder with rsync; checksums are verified there.
    server = tmp_path / "server"
    deployed = run(project, releases, "scripts/deploy", str(server))
    assert deployed.returncode == 0, deployed.stderr
    assert os.readlink(server / "live") == f"releases/{release_a}"
    assert (server / "live/index.html").read_bytes() == (releases / release_a / "index.html").read_bytes()
    (server / "releases" / release_a / "index.html").write_text("tampered")
    assert release.verify(server / "releases" / release_a) == ["index.html"]
