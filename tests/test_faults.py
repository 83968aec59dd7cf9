"""Faults while writing: a render killed at any moment leaves the old file or the complete new one;
temporary files go on every exit Python sees and a killed render's are cleaned by the next; renders
racing to one path end with one complete document."""

from __future__ import annotations

import fcntl
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import docgen
from conftest import MINIMAL, ROOT
from docgen.render import remove_stale_parts, write_atomically

KILLS = int(os.environ.get("DOCGEN_KILLS", "8"))
"""Renders killed per run (set DOCGEN_KILLS=200 for a long run)."""


def _body(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return archive.read("word/document.xml")


def _render_command(data: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "docgen", "render", str(data), "-o", str(out)]


def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.part"))


def test_a_render_killed_at_random_moments_leaves_the_old_or_the_new_file(tmp_path):
    data = tmp_path / "data.json"
    data.write_text(json.dumps(MINIMAL, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "report.docx"
    expected = _body(docgen.render(MINIMAL))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    subprocess.run(_render_command(data, out), env=env, check=True, capture_output=True)
    duration = time.monotonic() - started
    rng = random.Random(20240531)  # fixed: the moments vary across the run, not across runs
    for i in range(KILLS):
        old, leftovers = out.read_bytes(), set(_parts(tmp_path))  # a SIGKILLed render's, until the next write
        process = subprocess.Popen(_render_command(data, out), env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration * 1.1))
        kind = (signal.SIGKILL, signal.SIGTERM)[i % 2]
        process.send_signal(kind)
        process.wait()
        now = out.read_bytes()
        assert now == old or _body(now) == expected, f"kill {i} ({kind.name}) left a damaged report"
        if kind == signal.SIGTERM:
            assert set(_parts(tmp_path)) <= leftovers, "SIGTERM: the temporary file was not removed"
    subprocess.run(_render_command(data, out), env=env, check=True, capture_output=True)
    assert _parts(tmp_path) == [], "a killed render's temporary file survived the next render"
    assert _body(out.read_bytes()) == expected


def test_concurrent_renders_to_one_path_end_with_one_complete_document(tmp_path):
    data = tmp_path / "data.json"
    data.write_text(json.dumps(MINIMAL, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "report.docx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [subprocess.Popen(_render_command(data, out), env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for _ in range(4)]
    results = [p.communicate() + (p.returncode,) for p in processes]
    assert [code for *_, code in results] == [0] * 4, results
    assert _body(out.read_bytes()) == _body(docgen.render(MINIMAL))
    assert _parts(tmp_path) == []


def test_an_interrupted_write_removes_its_temporary_file_and_keeps_the_old(tmp_path, monkeypatch):
    out = tmp_path / "report.docx"
    out.write_bytes(b"old")

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(b"new", out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_stale_temporary_files_are_removed_but_not_a_live_renders(tmp_path):
    out = tmp_path / "report.docx"
    dead = tmp_path / ".report.docx.dead1234.part"
    live = tmp_path / ".report.docx.live5678.part"
    other = tmp_path / ".other.docx.abcd.part"
    for path in (dead, live, other):
        path.write_bytes(b"partial")
    with open(live, "rb") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)  # a render in progress holds its lock
        remove_stale_parts(out)
        assert not dead.exists() and live.exists() and other.exists()
    remove_stale_parts(out)
    assert not live.exists() and other.exists()


def test_sigterm_in_the_cli_unwinds_and_reports(tmp_path):
    """The CLI turns SIGTERM into an exception, so ``finally`` and ``except`` blocks run."""
    script = ("import os, signal, sys\n"
              "from docgen import cli\n"
              "def slow(*a, **k):\n"
              "    os.kill(os.getpid(), signal.SIGTERM)\n"
              "cli.prepare = slow\n"
              f"sys.exit(cli.main(['render', {str(tmp_path / 'x.json')!r}, '-o', {str(tmp_path / 'o.docx')!r}]))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 128 + signal.SIGTERM
    assert result.stderr == "docgen: stopped by SIGTERM\n"


def test_a_folder_without_write_permission_is_named(tmp_path, monkeypatch):
    """(Simulated: the tests may run as root, who may write anywhere.)"""
    import tempfile

    def refused(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".x.part"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(docgen.RenderError, match="no permission to write in the folder"):
        write_atomically(b"new", tmp_path / "report.docx")
