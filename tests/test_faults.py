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


class _Windows:
    """Windows' rules for files, on this machine: no ``flock``, and a file open anywhere cannot be
    deleted or replaced (``PermissionError``, WinError 5). Open here means open in this process
    (/proc/self/fd), which stands for the other programs (Word, a scanner) that hold it on Windows."""

    def __init__(self, monkeypatch):
        render = sys.modules["docgen.render"]  # the package exports a function of that name
        self.held: list[Path] = []
        self._unlink, self._replace = os.unlink, os.replace
        monkeypatch.setattr(render, "fcntl", None)
        monkeypatch.setattr(os, "unlink", self.unlink)
        monkeypatch.setattr(os, "replace", self.replace)

    @staticmethod
    def _open(path) -> bool:
        real = os.path.realpath(path)
        fds = Path("/proc/self/fd")
        return any(os.path.realpath(fd) == real for fd in fds.iterdir() if fd.is_symlink())

    def _refuse(self, *paths) -> None:
        for path in paths:
            if Path(path) in self.held or self._open(path):
                raise PermissionError(13, "Access is denied", str(path))

    def unlink(self, path, *args, **kwargs):
        self._refuse(path)
        return self._unlink(path, *args, **kwargs)

    def replace(self, source, target, *args, **kwargs):
        self._refuse(source, target)
        return self._replace(source, target, *args, **kwargs)


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_without_locks_stale_temporary_files_go_by_age_and_unopened(tmp_path, monkeypatch):
    windows = _Windows(monkeypatch)
    out = tmp_path / "report.docx"
    old, fresh, held = (tmp_path / f".report.docx.{name}.part" for name in ("old1", "new2", "held3"))
    for path in (old, fresh, held):
        path.write_bytes(b"partial")
    _age(old, 2 * 3600)
    _age(held, 2 * 3600)
    windows.held.append(held)  # a scanner still reads it
    write_atomically(b"new", out)
    assert out.read_bytes() == b"new"
    assert sorted(p.name for p in _parts(tmp_path)) == [held.name, fresh.name]
    windows.held.clear()
    _age(fresh, 3601)
    write_atomically(b"newer", out)
    assert out.read_bytes() == b"newer" and _parts(tmp_path) == []


def test_without_locks_a_report_open_elsewhere_is_named_and_kept(tmp_path, monkeypatch):
    _Windows(monkeypatch)
    out = tmp_path / "report.docx"
    out.write_bytes(b"old")
    with open(out, "rb"):  # Word has it open
        with pytest.raises(docgen.RenderError, match=r"report\.docx: cannot replace it \(Access is denied\): close it"):
            write_atomically(b"new", out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_without_locks_a_temporary_file_that_cannot_go_is_left_to_a_later_render(tmp_path, monkeypatch):
    windows = _Windows(monkeypatch)
    out = tmp_path / "report.docx"
    out.write_bytes(b"old")

    def held_part(*_args):
        windows.held.extend(_parts(tmp_path))  # a scanner opens the new file, then Word blocks the rename
        raise PermissionError(13, "Access is denied", str(out))

    monkeypatch.setattr(os, "replace", held_part)
    with pytest.raises(docgen.RenderError, match="cannot replace it"):  # the rename's error, not the clean-up's
        write_atomically(b"new", out)
    [left] = _parts(tmp_path)
    assert out.read_bytes() == b"old"
    windows.held.clear()
    monkeypatch.setattr(os, "replace", windows.replace)
    write_atomically(b"new", out)
    assert left.exists(), "removed before it was an hour old: it could have been a live render's"
    _age(left, 2 * 3600)
    write_atomically(b"newer", out)
    assert out.read_bytes() == b"newer" and _parts(tmp_path) == []
