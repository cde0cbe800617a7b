"""Runs that must end in time, and inputs made to keep them from ending."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import THADS, TODAY


def run_bounded(command: list[str], cwd, timeout: float, env: dict | None = None):
    """Run a command; past `timeout` seconds stop it with every process it started (a build's
    reading processes too) and fail the test. Returns (completed process, seconds taken)."""
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{' '.join(map(str, command))} did not end within {timeout} s")
    result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    return result, time.monotonic() - started


def build_bounded(project, output, timeout: float):
    """`conftest.run_build` with a time limit."""
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output)]
    return run_bounded(command, project, timeout, {"PORTAL_TODAY": TODAY})


def check_bounded(project, timeout: float):
    """`thads check` of a project copy (its content/ and data/), with a time limit."""
    command = [*THADS, "check", "--settings", str(project / "pelicanconf.py")]
    return run_bounded(command, project, timeout)


def yaml_bomb(levels: int = 9, width: int = 9) -> list[str]:
    """YAML lines whose aliases expand to width**levels values ("billion laughs"): a few
    hundred bytes of text."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    return lines


# Front matter fields on lines 2-4: the first extra field is on line 5.
_FIELDS = 'title: "Bài mẫu"\ndate: 2026-10-01 08:00\ncategory: Tin hoạt động\n'


def _post(project, name: str, extra: list[str]) -> str:
    relative = f"content/news/2026/{name}.md"
    (project / relative).write_text(
        "---\n" + _FIELDS + "\n".join(extra) + "\n---\nNội dung.\n", encoding="utf-8"
    )
    return relative


def front_matter_bomb(project) -> list[str]:
    relative = _post(project, "bom-yaml", yaml_bomb())
    # a0 on line 5; a4 (9**5 values) is the first past 10.000.
    return [f"{relative}:9:", "Nội dung YAML quá lớn: hơn 10.000 giá trị", "bí danh"]


def data_bomb(project) -> list[str]:
    site = project / "data/site.yml"
    text = site.read_text(encoding="utf-8")
    text = text if text.endswith("\n") else text + "\n"
    site.write_text(text + "\n".join(yaml_bomb()) + "\n", encoding="utf-8")
    # a5 (9**6 values) is the first past 200.000.
    return [f"data/site.yml:{text.count(chr(10)) + 6}:", "Nội dung YAML quá lớn: hơn 200.000 giá trị"]


def oversized_front_matter(project) -> list[str]:
    summary = "Hội nghị tổng kết công tác thi hành án dân sự năm 2026. " * 1500  # ~90 KB
    relative = _post(project, "thong-tin-qua-dai", [f'summary: "{summary.strip()}"'])
    return [f"{relative}:5:", "Nội dung YAML dài quá 64 KB", "nội dung bài"]


def deep_front_matter(project) -> list[str]:
    relative = _post(project, "long-qua-sau", ["tags: " + "[" * 30 + "x" + "]" * 30])
    return [f"{relative}:5:", "lồng nhau quá 20 tầng"]


YAML_LIMIT_CASES = {
    "front_matter_bomb": front_matter_bomb,
    "data_bomb": data_bomb,
    "oversized_front_matter": oversized_front_matter,
    "deep_front_matter": deep_front_matter,
}
