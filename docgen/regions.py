"""Region packs: a folder holding ``region.toml`` (wording and options) and the .docx template.

A pack names the pack it ``extends``; settings resolve like Jinja's loader chain — the region's own
file first, then its parent's, down to ``base``. Tables (TOML ``[sections]``) merge key by key;
any other value, lists included, is replaced whole by the child's.
"""

from __future__ import annotations

import string
import sys
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from attrs import frozen

from .errors import RegionError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PACK_FILE = "region.toml"
BASE = "base"
DEFAULT_REGION = "sichuan"


def packaged_templates() -> Path:
    """The packs shipped with docgen (inside the wheel, or the repository's ``templates/``)."""
    installed = Path(str(resources.files("docgen"))) / "templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "templates"


@frozen
class Region:
    """A resolved region pack: merged settings and the template file it renders through."""

    name: str
    settings: Mapping[str, Any]
    template: Path
    chain: tuple[Path, ...]
    """The pack folders consulted, the region's own first."""

    def section(self, key: str) -> Mapping[str, Any]:
        try:
            return self.settings[key]
        except KeyError:
            raise RegionError(f"region {self.name}: {PACK_FILE} has no [{key}] table") from None

    def phrases(self, family: str) -> Mapping[str, Any]:
        try:
            return self.settings["phrases"][family]
        except KeyError:
            raise RegionError(f"region {self.name}: {PACK_FILE} has no [phrases.{family}] table") from None

    @property
    def omitted(self) -> frozenset[str]:
        return frozenset(self.settings.get("sections", {}).get("omit", ()))


_FORMATTER = string.Formatter()


def pattern_pieces(pattern: str, where: str) -> list[tuple[str, str | None]]:
    """Split a wording pattern into (literal text, placeholder name) pairs.

    Placeholders must be plain names: ``{a.b}``, ``{a[0]}``, ``{a!r}`` and ``{a:>3}`` would let a
    pack reach into objects or change number formats, so they are refused.
    """
    try:
        parsed = list(_FORMATTER.parse(pattern))
    except ValueError as exc:
        raise RegionError(f"{where}: {exc} in {pattern!r}") from None
    pieces = []
    for literal, name, spec, conversion in parsed:
        if name is not None and (not name.isidentifier() or spec or conversion):
            raise RegionError(f"{where}: only plain {{names}} are allowed, got {pattern!r}")
        pieces.append((literal, name))
    return pieces


def _check_patterns(folder: Path, data: Mapping[str, Any]) -> None:
    """Refuse malformed wording when the pack loads, not when a rare variant is first used."""
    for family, variants in data.get("phrases", {}).items():
        for variant, text in variants.items():
            if isinstance(text, str):
                pattern_pieces(text, f"{folder / PACK_FILE}: [phrases.{family}] {variant}")


def _locate(name_or_path: str | Path, search: Sequence[Path]) -> Path:
    candidate = Path(name_or_path)
    if (candidate / PACK_FILE).is_file():
        return candidate.resolve()
    for root in search:
        if (root / str(name_or_path) / PACK_FILE).is_file():
            return (root / str(name_or_path)).resolve()
    known = sorted({p.parent.name for root in search for p in root.glob(f"*/{PACK_FILE}")})
    raise RegionError(f"unknown region {str(name_or_path)!r}; known regions: {', '.join(known) or 'none'}")


def _read(folder: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads((folder / PACK_FILE).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RegionError(f"{folder / PACK_FILE}: {exc}") from None
    for key in ("extends", "template"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            raise RegionError(f"{folder / PACK_FILE}: {key} must be a name in quotes, got {data[key]!r}")
    return data


_OWN_CHECKS = frozenset({"rules"})
"""Tables whose reader checks its own settings, with messages of its own (docgen/rules/config.py)."""


def _check_shape(value: Any, reference: Any, where: Path, keys: tuple = ()) -> None:
    """A pack's setting must be the kind of value the packaged packs give it (a table, a text, a
    list, a number, true/false): the wording and tables code reads it as that kind."""
    kinds = ((Mapping, "a table"), (list, "a list"), (bool, "true or false"), (str, "a text in quotes"),
             ((int, float), "a number"))
    for kind, name in kinds:
        if isinstance(reference, kind):
            if not isinstance(value, kind) or (kind != bool and isinstance(value, bool)):
                shown = ".".join(str(k) for k in keys)
                raise RegionError(f"{where}: {shown} must be {name}, got {value!r}")
            break
    if isinstance(reference, Mapping):
        # A key the packs do not use takes the kind all their keys there share (a new wording
        # family is a table, a new variant a text).
        uniform = _uniform(list(reference.values()))
        for key, item in value.items():
            if not keys and key in _OWN_CHECKS:
                continue
            if key in reference:
                _check_shape(item, reference[key], where, keys + (key,))
            elif uniform is not None:
                _check_shape(item, uniform, where, keys + (key,))
    elif isinstance(reference, list):
        for i, item in enumerate(value):
            # A list the packs leave empty (omit = []) holds names.
            element = reference[min(i, len(reference) - 1)] if reference else ""
            _check_shape(item, element, where, keys + (i,))


def _uniform(values: list) -> Any:
    """An empty value of the kind all ``values`` share, or None when they differ."""
    for empty in ({}, [], False, "", 0):
        kind = type(empty) if not isinstance(empty, Mapping) else Mapping
        if values and all(isinstance(v, kind) and (kind is bool or not isinstance(v, bool)) for v in values):
            return empty
    return None


_REFERENCE: dict[str, Any] = {}


def _reference() -> Mapping[str, Any]:
    """Every setting the packaged packs make, merged: the kinds a pack's settings must have."""
    if not _REFERENCE:
        root = packaged_templates()
        layers = [tomllib.loads(f.read_text(encoding="utf-8")) for f in sorted(root.glob(f"*/{PACK_FILE}"))]
        for layer in sorted(layers, key=lambda data: "extends" in data):  # base first
            _REFERENCE.update(_merge(_REFERENCE, layer))
    return _REFERENCE


def _merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


_CACHE: dict[tuple, tuple[Region, tuple[float, ...]]] = {}


def _stamps(region: Region) -> tuple[float, ...]:
    files = [folder / PACK_FILE for folder in region.chain] + [region.template]
    return tuple(f.stat().st_mtime_ns if f.exists() else -1 for f in files)


def load_region(name_or_path: str | Path = DEFAULT_REGION, search: Sequence[Path] = ()) -> Region:
    """Resolve a pack by name (looked up in ``search`` folders, then the packaged ones) or path.

    Resolved packs are cached and reloaded when one of their files changes.
    """
    key = (str(name_or_path), tuple(search))
    cached = _CACHE.get(key)
    if cached is not None and _stamps(cached[0]) == cached[1]:
        return cached[0]
    region = _load_region(str(name_or_path), tuple(search) + (packaged_templates(),))
    _CACHE[key] = (region, _stamps(region))
    return region


def _load_region(name_or_path: str, search: tuple[Path, ...]) -> Region:
    chain: list[Path] = []
    layers: list[dict[str, Any]] = []
    current: str | None = name_or_path
    while current is not None:
        folder = _locate(current, search)
        if folder in chain:
            raise RegionError(f"region {name_or_path!r}: 'extends' loops through {folder.name}")
        data = _read(folder)
        _check_shape(data, _reference(), folder / PACK_FILE)
        _check_patterns(folder, data)
        chain.append(folder)
        layers.append(data)
        current = data.get("extends", BASE if folder.name != BASE else None)
    settings: dict[str, Any] = {}
    for layer in reversed(layers):
        settings = _merge(settings, layer)
    return Region(name=chain[0].name, settings=settings, template=_template(chain, layers), chain=tuple(chain))


def _template(chain: Sequence[Path], layers: Sequence[Mapping[str, Any]]) -> Path:
    for folder, data in zip(chain, layers):
        if "template" in data:
            path = folder / data["template"]
            if not path.resolve().is_relative_to(folder.resolve()):
                raise RegionError(f"{folder / PACK_FILE}: template {data['template']!r} lies outside the pack's folder")
            if not path.is_file():
                raise RegionError(f"{folder / PACK_FILE}: template {data['template']!r} not found")
            return path
    raise RegionError(f"region {chain[0].name!r}: no pack in its chain names a template")
