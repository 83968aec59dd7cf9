"""Resolving a pack: the region's own ``region.toml``, then the pack it ``extends``, down to ``base``.

Each file is structured on its own (so an error names the file it is in) into
:class:`~docgen.pack.schema.Pack`; tables merge key by key, any other value (lists included) is
replaced whole by the child's. The merged result is structured again and must be complete.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import cattrs
from attrs import frozen
from cattrs.cols import is_sequence, list_structure_factory
from cattrs.errors import BaseValidationError
from cattrs.gen import make_dict_structure_fn

from ..errors import RegionError
from .errors import explain, explain_unknown
from .patterns import PHRASES
from .schema import Pack, phrase_class
from ..formatting import FORMAT_CHOICES
from .wording import ENTITIES, NAMES, check_patterns, missing_patterns

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PACK_FILE = "region.toml"
PAGE_ONE = ("cover", "body")
"""``[report] page_numbers``: which page is 1, the cover's or the body's first."""
BASE = "base"
DEFAULT_REGION = "sichuan-2020"
"""The pack ``docgen`` renders through when none is named: the layout of the 2020 Sichuan reference,
the one layout docgen reproduces exactly today. ``sichuan`` (the current Sichuan set of tables and
headings) extends it and becomes the default once it is complete."""


def packaged_templates() -> Path:
    """The packs shipped with docgen (inside the wheel, or the repository's ``templates/``)."""
    installed = Path(str(resources.files("docgen"))) / "templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent.parent / "templates"


def _strict_str(value: Any, _type: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _strict_bool(value: Any, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _strict_list(type_: Any, conv: cattrs.Converter):
    """Lists only from TOML arrays: cattrs would otherwise split a string into its characters."""
    inner = list_structure_factory(type_, conv)

    def structure(value: Any, _type: Any) -> list:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {value!r}")
        return inner(value, _type)
    return structure


def _strict_table(cls: type, conv: cattrs.Converter):
    """A TOML table for an attrs class; anything else is named (cattrs' own code would call
    ``.keys()`` on a text and fail without saying where)."""
    inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True)

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected a table, got {value!r}")
        return inner(value, _type)
    return structure


def _converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook_factory(is_sequence, lambda t: _strict_list(t, conv))
    conv.register_structure_hook_factory(attrs.has, lambda cls: _strict_table(cls, conv))
    return conv


_CONVERTER = _converter()


def _structure(data: Any, cls: type, file: str, path: tuple = ()) -> Any:
    try:
        return _CONVERTER.structure(data, cls)
    except (BaseValidationError, TypeError, ValueError) as exc:
        lines = [f"{file}: {line}" for line in explain(exc, data, path)]
        raise RegionError(lines[0], lines) from None


def structure_pack(data: Mapping[str, Any], file: str) -> Pack:
    """One file's (or the merged) data as a :class:`Pack`; every problem named by key path."""
    pack = _structure(dict(data), Pack, file)
    phrases = pack.phrases or {}
    if not isinstance(phrases, Mapping):
        raise RegionError(f"{file}: phrases: expected a table, got {phrases!r}")
    typed = {}
    for family, values in phrases.items():
        if family not in PHRASES:
            hint = explain_unknown(family, PHRASES)
            raise RegionError(f"{file}: [phrases.{family}]: unknown section{hint}")
        typed[family] = _structure(values, phrase_class(family), file, ("phrases", family))
    return attrs.evolve(pack, phrases=typed)


@frozen
class Region:
    """A resolved region pack: merged settings (typed in ``pack``) and the template it renders through."""

    name: str
    settings: Mapping[str, Any]
    """The merged ``region.toml`` data (kept for modules reading tables by key)."""
    template: Path
    chain: tuple[Path, ...]
    """The pack folders consulted, the region's own first."""
    pack: Pack
    layers: tuple[Mapping[str, Any], ...] = ()
    """Each folder's own data, in the order of ``chain`` (for ``docgen region show``)."""

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

    # Typed views of the resolved pack, for the options the layout reads.
    @property
    def order(self) -> tuple[str, ...]:
        """``[report] order``: the section ids in print order."""
        return tuple(self.pack.report.order or ()) if self.pack.report else ()

    @property
    def entity(self) -> str:
        """``[report] entity``: 部门 or 单位."""
        return (self.pack.report.entity if self.pack.report else None) or "部门"

    def department_name(self, department: Any) -> str:
        """``[report] name``: the department's name as the text uses it, its short name (县农业农村局)
        or, with ``"full"``, the full one (上海市绿色建筑推进局, as 上海's template words every sentence)."""
        full = (self.pack.report.name if self.pack.report else None) == "full"
        return department.name if full else department.short_name

    @property
    def contents(self) -> bool:
        """``[report] contents``: a 目录 after the cover."""
        return bool(self.pack.report and self.pack.report.contents)

    @property
    def body_from_one(self) -> bool:
        """``[report] page_numbers = "body"``: the cover (and 目录) unnumbered, the body from — 1 —."""
        return bool(self.pack.report and self.pack.report.page_numbers == "body")

    @property
    def texts(self) -> Mapping[str, Any]:
        """``[texts]``: the pack's free-text sections by id."""
        return self.pack.texts or {}

    @property
    def headings(self) -> Mapping[str, str]:
        return self.pack.headings or {}


def _locate(name_or_path: str | Path, search: Sequence[Path]) -> Path:
    candidate = Path(name_or_path)
    if (candidate / PACK_FILE).is_file():
        return candidate.resolve()
    for root in search:
        if (root / str(name_or_path) / PACK_FILE).is_file():
            return (root / str(name_or_path)).resolve()
    raise RegionError(f"unknown region {str(name_or_path)!r}; known regions: {', '.join(known(search)) or 'none'}")


def known(search: Sequence[Path]) -> list[str]:
    """The pack names found in ``search`` folders."""
    return sorted({p.parent.name for root in search for p in root.glob(f"*/{PACK_FILE}")})


def shown(file: Path) -> Path:
    """The file as the user would name it: relative to the working folder when inside it."""
    try:
        return file.relative_to(Path.cwd())
    except ValueError:
        return file


def read_layer(folder: Path) -> dict[str, Any]:
    """One folder's ``region.toml``, parsed, structured and its patterns checked."""
    file = shown(folder / PACK_FILE)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RegionError(f"{file}: {exc}") from None
    except UnicodeDecodeError:
        raise RegionError(f"{file}: not UTF-8: save it as UTF-8") from None
    structure_pack(data, str(file))
    check_patterns(data, str(file))
    _check_choices(data, str(file))
    return data


def _check_choices(data: Mapping[str, Any], file: str) -> None:
    """Options that take one of a few words."""
    choices = {("formats", k): v for k, v in FORMAT_CHOICES.items()} | {("report", "entity"): ENTITIES,
                                                                         ("report", "name"): NAMES,
                                                                         ("report", "page_numbers"): PAGE_ONE}
    for (table, key), allowed in choices.items():
        value = data.get(table, {}).get(key)
        if value is not None and value not in allowed:
            raise RegionError(f"{file}: [{table}] {key}: must be one of {', '.join(allowed)}, got {value!r}")


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
        data = read_layer(folder)
        chain.append(folder)
        layers.append(data)
        current = data.get("extends", BASE if folder.name != BASE else None)
    settings: dict[str, Any] = {}
    for layer in reversed(layers):
        settings = _merge(settings, layer)
    missing = missing_patterns(settings)
    if missing:
        raise RegionError(f"region {chain[0].name!r}: no pack in its chain sets {missing[0]}",
                          [f"region {chain[0].name!r}: no pack in its chain sets {m}" for m in missing])
    pack = structure_pack(settings, f"region {chain[0].name}")
    return Region(name=chain[0].name, settings=settings, template=_template(chain, layers), chain=tuple(chain),
                  pack=pack, layers=tuple(layers))


def _template(chain: Sequence[Path], layers: Sequence[Mapping[str, Any]]) -> Path:
    for folder, data in zip(chain, layers):
        if "template" in data:
            return _inside(folder, data["template"], "template")
    raise RegionError(f"region {chain[0].name!r}: no pack in its chain names a template")


def _inside(folder: Path, name: str, key: str) -> Path:
    """A file the pack names, refused unless it is inside the pack's folder once ``..`` and
    symbolic links are followed: a pack shared by others must not make docgen read files elsewhere."""
    file = shown(folder / PACK_FILE)
    path = folder / name
    if Path(name).is_absolute():
        raise RegionError(f"{file}: {key} {name!r} is an absolute path: name the file from the pack's folder")
    if leaves(folder, path):
        raise RegionError(f"{file}: {key} {name!r} lies outside the pack's folder {shown(folder)}: "
                          "keep the file in the pack's folder")
    if not path.is_file():
        raise RegionError(f"{file}: {key} {name!r} not found")
    return path


def leaves(folder: Path, path: Path) -> bool:
    """Whether ``path`` leads out of the pack ``folder`` once ``..`` and symbolic links are followed."""
    return not path.resolve().is_relative_to(folder.resolve())
