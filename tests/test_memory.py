"""Peak memory while reading a data file stays within 10× the file's size, on the worst files the
loader accepts; rendering one adds within 10× for text, and a bounded multiple of the body it
writes for rows.

The worst files pack tiny values densely (a Python object takes 50–200 bytes for a value written
in 2–8). For each kind of tiny value, the file is thinned with a filler text until the loader no
longer refuses it for its density: that file, the densest accepted, is measured. Measured in a
subprocess with ``tracemalloc`` (Python's allocations while loading, not wall clock or the
interpreter's own size), as a ratio to the file's size in bytes.

Rendering is measured in a subprocess too, by its peak resident memory (``VmHWM``: lxml's
allocations in C count), less that of rendering the minimal file through the same pack first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import docgen
from conftest import MINIMAL, ROOT
from docgen.loader import MAX_INPUT_BYTES
from docgen.placement import common
from test_selfcheck_speed import _searched_masks

RATIO = 10
UNITS = 60_000
"""Tiny values per file: enough that the fixed costs are small beside them."""

KINDS = {
    "zeros": ("0", "a"),
    "distinct decimals": ("{i}.5", "a"),
    "distinct decimals, one 4-byte character": ("{i}.5", "a😀", 10_000),
    "short texts": ('"ab"', "a"),
    "distinct texts, 2-byte characters": ('"测{i}"', "测"),
    "empty lists": ("[]", "a"),
    "empty objects": ("{{}}", "a"),
    "objects of one number": ('{{"a":{i}.5}}', "a"),
    "objects of one distinct key": ('{{"k{i}":""}}', "a"),
    "one object of distinct keys": (None, "a"),
    "nested lists": ("[[{i}]]", "a"),
}

_MEASURE = r"""
import gc, json, sys, tracemalloc
from pathlib import Path
from docgen import loader
from docgen.errors import InputError

DENSE = ("packed too densely", "numbers beside")

def text_for(padding, filler, count):
    data = json.loads(sys.argv[2])
    body = json.dumps(data, ensure_ascii=False)
    filler = filler[0] * count + filler[1:]  # the rest once: it sets the bytes a character takes in memory
    return body.replace('"functions"', '"padding": [' + padding + ', "' + filler + '"], "functions"', 1)

def refused(text):
    try:
        loader.parse_json(text, size=len(text.encode()))
    except InputError as exc:
        return any(word in str(exc) for word in DENSE)
    return False

def densest_accepted(padding, filler):
    low, high = 0, 1
    while refused(text_for(padding, filler, high)):
        low, high = high, high * 2
    while high - low > max(1, high // 50):  # within 2% of the boundary
        middle = (low + high) // 2
        low, high = (middle, high) if refused(text_for(padding, filler, middle)) else (low, middle)
    return high, low

def padding_of(unit, units):
    if unit is None:  # one object of distinct keys
        return "{" + ",".join(f'"k{i}":{i}.5' for i in range(units)) + "}"
    return ",".join(unit.format(i=i) for i in range(units))

results = {}
kinds, units = json.loads(sys.argv[1])
for name, (unit, filler, *count) in kinds.items():
    padding = padding_of(unit, count[0] if count else units)
    count, refused_count = densest_accepted(padding, filler)
    path = Path(sys.argv[3]) / "data.json"
    path.write_text(text_for(padding, filler, count), encoding="utf-8")
    gc.collect()
    tracemalloc.start()
    try:
        loader.load(path)
        outcome = "loaded"
    except InputError as exc:
        outcome = str(exc)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    results[name] = {"size": path.stat().st_size, "peak": peak, "outcome": outcome,
                     "denser_refused": refused_count < count}
print(json.dumps(results))
"""


def _measure(tmp_path) -> dict:
    result = subprocess.run([sys.executable, "-c", _MEASURE, json.dumps([KINDS, UNITS]), json.dumps(MINIMAL), str(tmp_path)],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    return json.loads(result.stdout)


def test_peak_memory_on_the_densest_accepted_files_is_within_ten_times_their_size(tmp_path):
    results = _measure(tmp_path)
    ratios = {name: (round(r["peak"] / r["size"], 1), r["size"]) for name, r in results.items()}
    print("peak memory / file size, file size:", ratios)
    for name, r in results.items():
        assert r["denser_refused"], f"{name}: the file measured is not the densest accepted"
        assert "padding" in r["outcome"], f"{name}: parsed whole and refused for its unknown key: {r['outcome']}"
        assert r["peak"] <= RATIO * r["size"], f"{name}: {ratios[name][0]}× its size of {r['size']:,} bytes"


def test_a_report_at_the_size_limit_loads_within_ten_times_its_size(tmp_path):
    """Real content at the limit: long texts, structured into the model."""
    data = json.loads(json.dumps(MINIMAL))
    data["overview"]["key_work"] = ["完成测试工作，全年完成测试10次。" * 250] * 300
    path = tmp_path / "big.json"
    script = ("import json, sys, tracemalloc\nfrom pathlib import Path\nfrom docgen import loader\n"
              "tracemalloc.start()\nloader.load(Path(sys.argv[1]))\nprint(tracemalloc.get_traced_memory()[1])\n")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    size = path.stat().st_size
    assert 3 * 2**20 < size < 4 * 2**20
    peak = int(subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout)
    print(f"peak memory / file size: {peak / size:.1f}")
    assert peak <= RATIO * size


# Rendering -----------------------------------------------------------------------------------------

BODY_RATIO = 18
"""Rows (项 lines, projects, indicators): what a render adds, against the body's XML it writes
(16.1–17.7× measured by VmHWM, the same on every run; 18.5–18.9× before the copies were
removed). python-docx holds the body as an lxml tree, some 10× its XML; the rendered text (two
bytes a character) lives until it is parsed, and the XML as written stays for the self-check."""

_RENDER = r"""
import io, json, sys, zipfile
from docgen import api
def peak():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) * 1024
api.render(sys.argv[1], None, region=sys.argv[3], force=True)
minimal = peak()
data = api.render(sys.argv[2], None, region=sys.argv[3], force=True)
body = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size
print(json.dumps({"minimal": minimal, "peak": peak(), "body": body}))
"""
"""The minimal file rendered, then the file measured, in a fresh interpreter: the peak resident
memory after each, which counts lxml's allocations in C that ``tracemalloc`` does not see, and
the size of the body's XML. The peak is the process's own high-water mark (``VmHWM``, KiB), not
``ru_maxrss``, which Linux carries over an exec from the process that forked it: a child of a
pytest grown larger than the render would report pytest's size, and the difference would hide a
regression. The minimal render takes what every
render has (the interpreter, docgen compiled and imported, the pack's template read), so the
second peak less the first is what the file adds."""

_linux_only = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is read from /proc")


def _added(tmp_path: Path, data: dict) -> tuple[int, int, int]:
    """(memory the render of ``data`` adds to the minimal one's, the file's size, the body's XML)."""
    minimal, path = tmp_path / "minimal.json", tmp_path / "data.json"
    minimal.write_text(json.dumps(MINIMAL, ensure_ascii=False), encoding="utf-8")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")  # as editors save it
    result = subprocess.run([sys.executable, "-c", _RENDER, str(minimal), str(path), "sichuan"], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    measured = json.loads(result.stdout)
    return measured["peak"] - measured["minimal"], path.stat().st_size, measured["body"]


def _long_texts(kind: str) -> dict:
    """The largest file the loader accepts, of texts printed once: 300 paragraphs of 重点工作."""
    data = json.loads(json.dumps(MINIMAL))
    if kind == "repeated":  # one sentence over and over: the own-text mask meets a start at nearly every place
        data["overview"]["key_work"] = ["完成测试工作，全年完成测试10次。" * 250] * 300
        return data
    data["overview"]["key_work"] = ["".join(f"第{i}段第{j}句：完成测试工作，全年完成测试{j}次。" for j in range(170))
                                    for i in range(300)]
    if kind == "wide":  # a character beyond the BMP: a text holding it takes 4 bytes a character
        data["overview"]["key_work"][0] += "😀"
    return data


@_linux_only
@pytest.mark.parametrize("kind", ["distinct", "repeated", "wide"])
def test_rendering_the_largest_file_of_long_texts_takes_within_ten_times_its_size(tmp_path, kind):
    added, size, _ = _added(tmp_path, _long_texts(kind))
    print(f"render adds {added / size:.1f}× the file's {size:,} bytes")
    assert 3 * 2**20 < size <= MAX_INPUT_BYTES
    assert added <= RATIO * size


ITEMS = 999
"""项 lines: more than a county's largest department has."""


def _many_items() -> dict:
    """Many 项 lines, each in the statistical tables and the 决算 sentences."""
    from docgen.catalogue import catalogue_for

    data = json.loads(json.dumps(MINIMAL))
    functional = catalogue_for(data["department"]["year"]).functional
    sections = sorted(c for c in functional if len(c) == 5)
    codes = [f"{sections[i % len(sections)]}{i // len(sections) + 1:02d}" for i in range(ITEMS)]
    data["general_budget"]["items"] = [{"code": c, "actual": "12.50", "budget": "12.50", "basic": "12.50"} for c in codes]
    data["codes"] = [{"code": c, "name": f"测试支出项目{c}", "explanation": f"指用于测试工作（{c}）的支出。"}
                     for c in codes if c not in functional]
    return data


def _many_projects(projects: int, indicators: int) -> dict:
    """The complete fixture's first project over and over (named apart), with ``indicators`` of its
    indicators each: the fields the current Sichuan pack prints, each with its self-evaluation table."""
    complete = json.loads((ROOT / "fixtures" / "complete-department-2024.json").read_text(encoding="utf-8"))
    project = complete["performance"]["projects"][0]
    own = project["indicators"]
    data = json.loads(json.dumps(MINIMAL))
    data["performance"] = {"projects": [
        dict(project, name=f"{project['name']}（{p}）",
             indicators=[dict(own[i % len(own)], level3=f"{own[i % len(own)]['level3']}（{i}）") for i in range(indicators)])
        for p in range(projects)]}
    return data


@_linux_only
@pytest.mark.parametrize("shape", ["items", "projects"])
def test_rendering_many_rows_takes_a_bounded_multiple_of_the_body_it_writes(tmp_path, shape):
    """A row's bytes in the file do not bound what it prints (a 项 line of 50 bytes is a row in
    several tables), so rows are held to what the body's XML takes, and their number is bounded
    (MAX_LIST_ENTRIES, MAX_PROJECTS, MAX_INDICATORS)."""
    data = _many_items() if shape == "items" else _many_projects(300, 10)  # issue 14's sizes
    added, size, body = _added(tmp_path, data)
    print(f"render adds {added / body:.1f}× the body's XML of {body:,} bytes; {added / size:.0f}× the file's {size:,}")
    assert added <= BODY_RATIO * body


def test_the_projects_are_bounded():
    """By MAX_PROJECTS, or by the entries of a list where those are fewer."""
    from docgen.errors import InputError
    from docgen.loader import MAX_LIST_ENTRIES
    from docgen.model.performance import MAX_PROJECTS

    limit = min(MAX_PROJECTS, MAX_LIST_ENTRIES)
    data = _many_projects(limit + 1, 0)
    with pytest.raises(InputError, match=rf"\$\.performance\.projects: {limit + 1:,} (projects|entries): the limit is"):
        docgen.load(data)
    data["performance"]["projects"].pop()
    docgen.load(data)


def test_the_indicators_of_all_projects_are_bounded():
    from docgen.errors import InputError
    from docgen.model.performance import MAX_INDICATORS

    per_project = 1_000 - 1
    data = _many_projects(MAX_INDICATORS // per_project + 1, per_project)
    with pytest.raises(InputError, match=rf"\$\.performance\.projects: {MAX_INDICATORS // per_project * per_project + per_project:,} indicators in all: the limit is {MAX_INDICATORS:,}"):
        docgen.load(data)


@pytest.mark.parametrize("path", [("department", "name"), ("department", "short_name"), ("department", "region")])
def test_names_printed_throughout_the_report_are_bounded(minimal, path):
    from docgen.errors import InputError
    from docgen.model._fields import MAX_NAME_CHARS

    minimal[path[0]][path[1]] = "测" * MAX_NAME_CHARS
    docgen.load(minimal)
    minimal[path[0]][path[1]] += "测"
    with pytest.raises(InputError, match=rf"\$\.{path[0]}\.{path[1]}: a name of {MAX_NAME_CHARS + 1} characters"):
        docgen.load(minimal)


@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(st.text(alphabet="12年万元第aaaa", max_size=30), min_size=1, max_size=4),
       own=st.lists(st.text(alphabet="12年万元第aaaa", min_size=1, max_size=24), max_size=6))
def test_masking_by_anchors_in_windows_finds_what_a_search_per_text_finds(paragraphs, own):
    """The own-text mask looks for each text's first characters, a window of the document at a
    time; with anchors and windows shorter than the texts and paragraphs, it finds what a search
    of each whole text finds."""
    with patch.object(common, "ANCHOR", 10), patch.object(common, "_WINDOW", 7):
        assert common.mask_own(paragraphs, own) == _searched_masks(paragraphs, own)
