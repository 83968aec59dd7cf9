"""Peak memory while reading a data file stays within 10× the file's size, on the worst files the
loader accepts.

The worst files pack tiny values densely (a Python object takes 50–200 bytes for a value written
in 2–8). For each kind of tiny value, the file is thinned with a filler text until the loader no
longer refuses it for its density: that file, the densest accepted, is measured. Measured in a
subprocess with ``tracemalloc`` (Python's allocations while loading, not wall clock or the
interpreter's own size), as a ratio to the file's size in bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import MINIMAL, ROOT

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
