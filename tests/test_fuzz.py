"""Property tests: arbitrary JSON in the data and arbitrary settings in a pack end in a report or
in docgen's own error (exit 2 material), never in a crash.

The suite runs a fixed set of examples (derandomized): a crash found by chance would fail one run
and, replayed from the example database, every run after it. ``DOCGEN_FUZZ=2000`` explores that
many fresh random examples per test instead: do that when changing the loader or the packs.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docgen
from conftest import MINIMAL, ROOT
from docgen.regions import DEFAULT_REGION, PACK_FILE, packaged_templates

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
    st.decimals(allow_nan=True, allow_infinity=True).map(str), st.text(max_size=20),
    st.sampled_from(["", "2011101", "30101", "１", "1e400", "-0", "NaN", "\u202e", "\r\n"]),
)
json_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, path + (i,))
    return found


DATA_PATHS = _paths(MINIMAL)[1:]


def _put(data: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _json(value: Any) -> str:
    return json.dumps(value, default=str)


_EXPLORE = int(os.environ.get("DOCGEN_FUZZ", "0"))


def _fuzz(examples: int) -> settings:
    return settings(max_examples=_EXPLORE or examples, derandomize=not _EXPLORE, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


_quiet = _fuzz(40)


@_quiet
@given(document=json_values)
def test_any_json_document_is_loaded_or_refused(document):
    text = json.dumps(document, default=str)
    try:
        docgen.check(text if text.lstrip().startswith("{") else "{" + f'"x": {text}' + "}")
    except docgen.DocgenError:
        pass


def _alike(value: Any) -> st.SearchStrategy:
    """Values of the kind the model takes where ``value`` stands: these pass the loader and reach
    the rules, the figures and the wording."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(0, 3000)
    if isinstance(value, str) and value.isdigit():  # a classification code
        return st.one_of(st.sampled_from(_CODES), st.from_regex(rf"\A\d{{{len(value)}}}\Z"))
    if isinstance(value, str) and value.replace(".", "", 1).isdigit():  # an amount
        return st.decimals(-10**6, 10**6, places=2, allow_nan=False, allow_infinity=False).map(str)
    if isinstance(value, str):
        return st.text(min_size=1, max_size=20)
    if isinstance(value, list) and value:
        return st.lists(st.sampled_from(value), max_size=4)
    return st.just(copy.deepcopy(value))


_CODES = ["2011101", "2011102", "2010101", "2080505", "30101", "30201", "30227", "201", "20111"]


def _at(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


placed_values = st.sampled_from(DATA_PATHS).flatmap(
    lambda path: st.tuples(st.just(path), st.one_of(json_values, _alike(_at(MINIMAL, path)))))


@_quiet
@given(placed=placed_values)
def test_any_value_anywhere_in_the_data_is_checked_or_refused(placed):
    path, value = placed
    data = copy.deepcopy(MINIMAL)
    _put(data, path, value)
    try:
        docgen.check(json.loads(_json(data)))
    except docgen.DocgenError:
        pass


def _settings() -> dict[tuple[str, ...], Any]:
    """Every key path of the packaged packs' settings (where a pack author might write) and a
    value a pack gives there."""
    found: dict[tuple[str, ...], Any] = {}
    for toml in sorted(packaged_templates().glob(f"*/{PACK_FILE}")):
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
        for path in _paths(data):
            if path and all(isinstance(k, str) for k in path):
                found.setdefault(path, _at(data, path))
    return found


SETTINGS = _settings()
SETTINGS_PATHS = sorted(SETTINGS)
_toml_scalars = st.one_of(st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=12),
                          st.sampled_from(["{year}", "{reason}", "{", "}", "{{", "{0}", "{a.b}", "error", "off"]))
toml_values = st.recursive(_toml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["a", "level", "part", "omit", "x"]), inner,
                                                  max_size=3)), max_leaves=6)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{_toml_string(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


def _toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes, but characters beyond U+FFFF as themselves (JSON's
    surrogate pairs are no TOML escape) and DEL escaped (TOML, unlike JSON, forbids it raw)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _writable(value: Any) -> bool:
    return isinstance(value, (bool, int, str)) or isinstance(value, list) and all(map(_writable, value))


def _toml_alike(value: Any) -> st.SearchStrategy:
    """Values of the kind the pack takes where ``value`` stands: packs that load, and render."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-2, 2 * value + 2)
    if isinstance(value, str):
        return st.one_of(st.just(value), st.text(max_size=12), st.just(value + "{year}"))
    if isinstance(value, list) and value and _writable(value):
        return st.lists(st.sampled_from(value), min_size=1, max_size=len(value) + 1)
    return toml_values


placed_settings = st.sampled_from(SETTINGS_PATHS).flatmap(
    lambda path: st.tuples(st.just(path), st.one_of(toml_values, _toml_alike(SETTINGS[path]))))
pack_entries = st.lists(placed_settings, min_size=1, max_size=4)


PACKS = (DEFAULT_REGION, "sichuan", "national", "shanghai")
_DATA = {"shanghai": json.loads((ROOT / "fixtures" / "shanghai-department-2024.json").read_text(encoding="utf-8"))}
"""A pack's own data where the minimal report lacks fields its wording needs."""


def _data(region: str) -> dict:
    return copy.deepcopy(_DATA.get(region, MINIMAL))


def _write_pack(folder: Path, entries: list, region: str = DEFAULT_REGION) -> Path:
    lines, written = [f'extends = "{region}"'], [("extends",)]
    for path, value in entries:
        # A key set twice, or inside a value set whole, is a TOML error: the pack would test nothing.
        if not any(path[:len(w)] == w or w[:len(path)] == path for w in written):
            lines.append(".".join(_toml_string(k) for k in path) + f" = {_toml_value(value)}")
            written.append(path)
    (folder / PACK_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@_fuzz(60)
@given(entries=pack_entries, region=st.sampled_from(PACKS))
def test_any_pack_settings_are_used_or_refused(tmp_path_factory, entries, region):
    pack = _write_pack(tmp_path_factory.mktemp("pack"), entries, region)
    try:
        docgen.check(_data(region), region=pack)
    except docgen.DocgenError:
        pass


@_fuzz(12)
@given(entries=pack_entries, region=st.sampled_from(PACKS))
def test_any_pack_settings_render_or_are_refused(tmp_path_factory, entries, region):
    """Charts and tables read their settings only when the document is rendered."""
    pack = _write_pack(tmp_path_factory.mktemp("pack"), entries, region)
    try:
        docgen.render(_data(region), region=pack, force=True)
    except docgen.DocgenError:
        pass


def test_the_strategies_reach_the_model():
    assert ("general_budget", "items", 0, "code") in DATA_PATHS
    assert ("phrases",) in SETTINGS_PATHS and len(SETTINGS_PATHS) > 50
    assert Path(packaged_templates()).is_dir()


def _draws(strategy: st.SearchStrategy, examples: int, use) -> None:
    """``use`` each of the examples the property tests' settings draw from ``strategy``."""
    _fuzz(examples)(given(strategy)(use))()


def test_the_pack_strategy_draws_varied_keys_and_types_and_packs_that_load(tmp_path_factory):
    """Neither every drawn pack refused (the renders would test nothing) nor all one kind of value."""
    tables, types, loaded = set(), set(), []

    def use(drawn):
        entries, region = drawn
        tables.update(path[0] for path, _ in entries)
        types.update(type(value).__name__ for _, value in entries)
        try:
            docgen.load_region(_write_pack(tmp_path_factory.mktemp("pack"), entries, region))
            loaded.append(True)
        except docgen.DocgenError:
            loaded.append(False)

    _draws(st.tuples(pack_entries, st.sampled_from(PACKS)), 300, use)
    assert types == {"bool", "int", "str", "list", "dict"}
    assert len(tables) >= 8, tables
    print(f"{sum(loaded)} of {len(loaded)} drawn packs load")
    assert 0.15 <= sum(loaded) / len(loaded) <= 0.85, f"{sum(loaded)} of {len(loaded)} drawn packs load"


def test_the_data_strategy_draws_varied_types_at_varied_paths():
    tops, types, loaded = set(), set(), []

    def use(drawn):
        path, value = drawn
        tops.add(path[0])
        types.add(type(value).__name__)
        data = copy.deepcopy(MINIMAL)
        _put(data, path, value)
        try:
            docgen.load(json.loads(_json(data)))
            loaded.append(True)
        except docgen.DocgenError:
            loaded.append(False)

    _draws(placed_values, 300, use)
    assert types >= {"NoneType", "int", "str", "list", "dict"}, types
    assert len(tops) >= 8, tops
    print(f"{sum(loaded)} of {len(loaded)} drawn documents load")
    assert 0.15 <= sum(loaded) / len(loaded) <= 0.85, f"{sum(loaded)} of {len(loaded)} drawn documents load"
