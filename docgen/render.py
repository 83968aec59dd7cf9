"""Render a report through its region's .docx template, safely, and write it atomically.

- The Jinja environment is sandboxed (untrusted templates cannot reach Python internals),
  autoescaping (a value ``a<b`` or ``a&b`` cannot break or inject XML), strict (an unknown name is
  an error, not an empty string), and drops the control characters XML 1.0 forbids.
- docxtpl compiles the template's XML on every render; the environment caches compiled templates
  by their source text, so a second render of the same template skips compilation; docxtpl's
  passes that have nothing to do are skipped (:class:`docgen.template.ReportTemplate`).
- The result's XML parts are re-parsed strictly before anything is written; the file is written
  to a temporary name beside the target and renamed, so a failure leaves no partial file and any
  existing output untouched.
"""

from __future__ import annotations

import glob
import functools
import io
import os
import re
import stat
import tempfile
import time
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Callable

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: stale temporary files are judged by age
    fcntl = None

from attrs import field, frozen
from jinja2 import StrictUndefined, TemplateError, UndefinedError, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree
from markupsafe import Markup

from .errors import RenderError
from .ooxml.fragments import FragmentLoader

_FORBIDDEN_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024


def strict_parser(kind: type[etree.XMLParser] = etree.XMLParser) -> etree.XMLParser:
    """A parser (of ``kind``) that refuses damage, entities and the network; a new one for each
    fed parse (a parser fed in pieces holds its document until closed)."""
    return kind(recover=False, resolve_entities=False, no_network=True, huge_tree=False)


_STRICT = strict_parser()


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    if value is None:
        return ""
    return _FORBIDDEN_XML_CHARS.sub("", str(value))


MAX_TEMPLATE_STEPS = 2_000_000
"""Loop iterations and calls one render may take: the packaged template takes a few thousand."""
MAX_TEMPLATE_SECONDS = 60.0
MAX_REPEAT = 100_000
"""The longest text or list ``*`` may build in a template."""
_STEPS_NAME = "docgen_counted"
"""The environment attribute loops are wrapped with: out of a template's reach (``{% set %}``
cannot shadow an environment attribute as it could a global)."""


class _Budget:
    """The work left to one render; spent by every loop iteration and call in the template."""

    def __init__(self) -> None:
        self.steps = MAX_TEMPLATE_STEPS
        self.deadline = time.monotonic() + MAX_TEMPLATE_SECONDS

    def spend(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise SecurityError(f"the template takes more than {MAX_TEMPLATE_STEPS:,} steps (loops and calls)")
        if not self.steps % 1024 and time.monotonic() > self.deadline:
            raise SecurityError(f"the template takes more than {MAX_TEMPLATE_SECONDS:.0f} s to render")


_BUDGET: ContextVar[_Budget | None] = ContextVar("docgen_template_budget", default=None)


def _spend() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.spend()


_WIDE_FORMAT = re.compile(r"%[-+ #0]*(?:\*|\d{6,})|\{[^{}]*:[^{}]*(?:\d{6,}|\{)")
"""A printf or format-spec width of a million characters or more, or one taken from an argument."""


def _refuse_sizes(args: Any, kwargs: Any) -> None:
    """A template cannot ask one call for a text of a billion characters (``"x".center(10**9)``,
    ``"%9999999d"|format(1)``): each call spends only one step, so sizes are bounded here."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_REPEAT:
            raise SecurityError(f"the template passes {value} to a call (more than {MAX_REPEAT:,})")
        if isinstance(value, str) and _WIDE_FORMAT.search(value):
            raise SecurityError("the template formats a text with a width of a million characters or more")


def _bounded_filter(function: Any) -> Any:
    @functools.wraps(function)  # keeps Jinja's pass_context / pass_environment marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _spend()
        _refuse_sizes(args, kwargs)
        return function(*args, **kwargs)
    return bounded


def _counted(iterable: Any) -> Any:
    """A template loop's items, each spending a step."""
    for item in iterable:
        _spend()
        yield item


class ReportEnvironment(SandboxedEnvironment):
    """The one Jinja environment docgen renders with, with a compiled-template cache.

    Untrusted templates get a work budget on top of the sandbox (:class:`_Budget`): every ``for``
    loop's iterable is wrapped when the template is parsed, every call spends a step, and ``*``
    cannot build a text or list beyond :data:`MAX_REPEAT`.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, cache_size: int = 16):
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
        self._compiled: OrderedDict[str, Any] = OrderedDict()
        self._cache_size = cache_size
        setattr(self, _STEPS_NAME, _counted)
        self.filters = {name: _bounded_filter(f) for name, f in self.filters.items()}

    def _parse(self, source, name, filename):  # noqa: ANN001 - Jinja's hook between parsing and compiling
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            counted = nodes.Call(nodes.EnvironmentAttribute(_STEPS_NAME), [loop.iter], [], None, None)
            loop.iter = counted.set_lineno(loop.lineno).set_environment(self)
        return tree

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805, ANN001 - Jinja's signature
        _spend()
        _refuse_sizes(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value):  # noqa: ANN001 - Jinja's hook for "…".format / format_map
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str):
            _refuse_sizes((owner,), {})  # the format text is the method's own, not an argument
        return super().wrap_str_format(value)

    def call_binop(self, context, operator, left, right):  # noqa: ANN001 - Jinja's signature
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError(f"the template raises a number to the power {right}")
        if operator == "%":
            _refuse_sizes((left,), {})
        if operator == "*":
            sized, times = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(sized, (str, list, tuple)) and isinstance(times, int) and len(sized) * times > MAX_REPEAT:
                raise SecurityError(f"the template repeats a text or list to more than {MAX_REPEAT:,} items")
        return super().call_binop(context, operator, left, right)

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's name
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            self._compiled[source] = template
            if len(self._compiled) > self._cache_size:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(source)
        return template


_ENVIRONMENT = ReportEnvironment()
_ENVIRONMENT.loader = FragmentLoader()  # the sections' layout fragments, resolved over the pack chain


def environment() -> ReportEnvironment:
    return _ENVIRONMENT


AFTER_RENDER = "after_render"
"""An entry ``attach`` may return, not given to the template: callables that finish the rendered
python-docx document (the 目录's entries need the headings as they were rendered)."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
_TEMPLATE_CACHE: dict[tuple[str, int, int], bytes] = {}


def read_template(path: Path) -> bytes:
    """The template's package, checked: each part read with a cap (a zip's stated sizes are not
    trusted), every XML part well-formed and without a DTD (no entities to expand). Returns the
    checked parts repacked, so nothing reads the file unchecked; cached while the file is unchanged."""
    info = path.stat()
    key = (str(path.resolve()), info.st_mtime_ns, info.st_size)
    if key in _TEMPLATE_CACHE:
        return _TEMPLATE_CACHE[key]
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise RenderError(f"{path}: template larger than {MAX_TEMPLATE_BYTES // 2**20} MiB")
    raw = path.read_bytes()
    packed = io.BytesIO()
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive, zipfile.ZipFile(packed, "w", zipfile.ZIP_STORED) as out:
            for entry in archive.infolist():
                data = _read_part(archive, entry, path)
                total += len(data)
                if total > MAX_UNPACKED_BYTES:
                    raise RenderError(f"{path}: unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB")
                if entry.filename.endswith((".xml", ".rels")):
                    _check_part_xml(data, f"{path}: part {entry.filename}")
                out.writestr(entry.filename, data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile):
        raise RenderError(f"{path}: not a .docx (zip) file, or a damaged one") from None
    if len(_TEMPLATE_CACHE) >= 64:  # a pack's master and fragments, a few packs: keep memory flat
        _TEMPLATE_CACHE.pop(next(iter(_TEMPLATE_CACHE)))
    _TEMPLATE_CACHE[key] = packed.getvalue()
    return _TEMPLATE_CACHE[key]


def _read_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, path: Path) -> bytes:
    try:
        with archive.open(entry) as part:
            data = part.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
        raise RenderError(f"{path}: part {entry.filename} is damaged: {exc}") from None
    if len(data) > MAX_PART_BYTES:
        raise RenderError(f"{path}: part {entry.filename} larger than {MAX_PART_BYTES // 2**20} MiB")
    return data


def _check_part_xml(data: bytes, where: str) -> None:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise RenderError(f"{where}: declares a DTD or entities, which a .docx never holds")
    try:
        etree.fromstring(data, _STRICT)
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"{where}: not well-formed XML: {exc}") from None


@frozen
class Rendered:
    """A rendered report: its .docx bytes, the python-docx ``Document`` they were written from
    (its body parsed once, strictly), and its XML parts as written, so that a reader (the
    self-check) neither unzips nor parses again what rendering had in hand.

    :meth:`read` makes one from bytes alone (a document changed after rendering, for one)."""

    data: bytes
    document: Any
    parts: Mapping[str, bytes] = field(factory=dict)
    """Every XML part as written, by zip member name (``word/document.xml`` …)."""
    trees: dict[str, Any] = field(factory=dict)
    """Parts parsed (strictly), by member name: the body's document and the charts when rendered;
    parsed on first use when read from bytes."""

    @classmethod
    def read(cls, data: bytes) -> "Rendered":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {n: archive.read(n) for n in archive.namelist() if n.endswith((".xml", ".rels"))}
        return cls(data, None, parts, {})

    def tree(self, name: str) -> Any:
        """The parsed part ``name`` (read only: rendering's own tree when it has one)."""
        root = self.trees.get(name)
        if root is None:
            root = self.trees[name] = etree.fromstring(self.parts[name], _READ)
        return root

    def names(self, pattern: re.Pattern) -> list[str]:
        """The names of the XML parts that match ``pattern`` in full, sorted."""
        return sorted(n for n in self.parts if pattern.fullmatch(n))


_READ = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)
"""Parts read back from a finished document (larger than a template may be)."""


def render_bytes(template: Path, context: dict[str, Any],
                 attach: Callable[[Any], dict[str, Any]] | None = None) -> bytes:
    """Render ``template`` with ``context`` and return the checked .docx bytes.

    ``attach`` adds context entries that need the document being rendered (charts add parts to
    its package, for example); it is called once per render with the fresh ``DocxTemplate``. Its
    :data:`AFTER_RENDER` entry, if any, lists callables run on the rendered document before it is saved.
    """
    return render_document(template, context, attach).data


def render_document(template: Path, context: dict[str, Any],
                    attach: Callable[[Any], dict[str, Any]] | None = None) -> Rendered:
    """:func:`render_bytes`, with the document in memory as well."""
    from .ooxml.package import package_bytes
    from .template import ReportTemplate  # docxtpl and python-docx: imported when rendering

    try:
        doc = ReportTemplate(str(template))  # opens the package read_template checked
        doc.init_docx()
    except RenderError:
        raise
    except Exception as exc:  # noqa: BLE001 - an untrusted file: python-docx's many ways to refuse it
        raise RenderError(f"{template}: not a Word document docgen can open ({type(exc).__name__}: {exc})") from None
    finishing: tuple[Callable[[Any], None], ...] = ()
    if attach is not None:
        extra = dict(attach(doc))
        finishing = tuple(extra.pop(AFTER_RENDER, ()))
        context = {**context, **extra}
    budget = _BUDGET.set(_Budget())
    try:
        doc.render(context, jinja_env=_ENVIRONMENT)
    except RenderError:
        raise
    except RecursionError:
        raise RenderError(f"{template.name}: the template calls itself too deeply") from None
    except SecurityError as exc:
        raise RenderError(f"{template.name}: the template tried something the sandbox forbids: {exc}") from None
    except UndefinedError as exc:
        raise RenderError(f"{template.name}: the template asks for something docgen does not provide: {exc}") from None
    except TemplateError as exc:
        where = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise RenderError(f"{template.name}: template error{where}: {exc}") from None
    finally:
        _BUDGET.reset(budget)
    for finish in finishing:
        finish(doc.docx)
    parts: dict[str, bytes] = {}
    data = package_bytes(doc.docx, parts, doc.fixed_parts())
    trees = _check_parts(parts, skip=_CHECKED_WHILE_RENDERING)
    trees["word/document.xml"] = doc.docx.element
    return Rendered(data, doc.docx, parts, trees)


_CHECKED_WHILE_RENDERING = re.compile(
    r"word/(document|header\d*|footer\d*|styles|stylesWithEffects|settings|webSettings|fontTable|numbering"
    r"|theme/theme\d*)\.xml")
"""Parts already parsed strictly: the body, headers and footers as they were rendered; the
template's own parts when python-docx opened it (rendering does not touch them)."""


def _check_parts(parts: Mapping[str, bytes], skip: re.Pattern | None = None) -> dict[str, Any]:
    """Parse the XML ``parts`` strictly (but those ``skip`` names): silent damage must fail
    loudly. Returns the parsed trees by name."""
    trees = {}
    for name, data in parts.items():
        if skip is not None and skip.fullmatch(name):
            continue
        if name.endswith((".xml", ".rels")):
            try:
                trees[name] = etree.fromstring(data, _STRICT)
            except etree.XMLSyntaxError as exc:
                raise RenderError(f"rendered document is damaged: {name}: {exc}") from None
    return trees


def verify_docx(data: bytes, skip: re.Pattern | None = None) -> None:
    """Re-parse the XML parts of the .docx ``data`` strictly. ``skip`` names parts already checked."""
    _check_parts(Rendered.read(data).parts, skip)


def _target_mode(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def output_path(target: str | os.PathLike, reads: Iterable[str | os.PathLike] = ()) -> Path:
    """The file that writing ``target`` replaces, or a :class:`RenderError` saying why not.

    Refused: a file docgen reads (the data, the pack's files; hard links and symlinks included),
    a read-only file, a folder, a FIFO or a device, and a symlink to nothing. A symlink to a file
    is written through: the file it points to is replaced, the link stays.
    """
    target = Path(target)
    real = target.resolve()
    if target.is_symlink() and not real.exists():
        raise RenderError(f"{target}: a symbolic link to {real}, which does not exist: refusing to write through it")
    if not real.parent.is_dir():
        raise RenderError(f"{target}: folder {real.parent} does not exist")
    try:
        info = real.stat()
    except FileNotFoundError:
        return real
    if stat.S_ISDIR(info.st_mode):
        raise RenderError(f"{target}: is a folder: name the .docx file to write")
    if not stat.S_ISREG(info.st_mode):
        raise RenderError(f"{target}: not a regular file (a FIFO, socket or device): refusing to write to it")
    for read in reads:
        try:
            same = os.path.samefile(read, real)
        except OSError:
            continue
        if same:
            raise RenderError(f"{target}: is {read}, a file this report is made from: write the report to another file")
    if not info.st_mode & 0o222:
        raise RenderError(f"{target}: the file is read-only: refusing to replace it "
                          "(make it writable, or write to another file)")
    return real


_PART = ".part"


def _part_prefix(target: Path) -> str:
    return f".{target.name}."


def remove_stale_parts(target: Path) -> None:
    """Remove the temporary files a killed render left beside ``target``. A render holds a lock on
    its temporary file while it lives, so only a dead one's are taken (where locks exist; elsewhere
    only those over an hour old)."""
    for part in target.parent.glob(f"{glob.escape(_part_prefix(target))}*{_PART}"):
        if fcntl is None:
            _remove_if_old(part)
        else:
            _remove_if_unlocked(part)


def _remove_if_unlocked(part: Path) -> None:
    try:
        handle = os.open(part, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        part.unlink(missing_ok=True)  # under the lock: a render starting now cannot have taken it
    except OSError:
        pass  # locked: a render in progress
    finally:
        os.close(handle)


_STALE_SECONDS = 3600


def _remove_if_old(part: Path) -> None:
    """Without locks (Windows), by age, and without opening it: Windows cannot delete a file
    anyone holds open, docgen included, and refuses while a live render or a scanner holds it."""
    try:
        if time.time() - part.lstat().st_mtime >= _STALE_SECONDS:
            part.unlink(missing_ok=True)
    except OSError:
        pass


def _locked_temp(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target``, locked for as long as its descriptor is open."""
    while True:
        fd, temp = tempfile.mkstemp(prefix=_part_prefix(target), suffix=_PART, dir=target.parent)
        if fcntl is None:
            return fd, temp
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.path.samestat(os.fstat(fd), os.stat(temp)):
                return fd, temp
        except FileNotFoundError:
            pass
        os.close(fd)  # another render's clean-up took it between creation and lock: make another


def write_atomically(data: bytes, target: str | os.PathLike, reads: Iterable[str | os.PathLike] = ()) -> Path:
    """Write ``data`` to ``target`` through a temporary file in the same folder, then rename.

    A render killed at any moment leaves the old file or the complete new one; its temporary file
    is removed on every exit Python sees, and by the next render to that folder otherwise.
    Concurrent renders to one path each rename a complete file: the last one stays.
    """
    shown = Path(target)
    target = output_path(target, reads)
    remove_stale_parts(target)
    mode = _target_mode(target)
    try:
        fd, temp = _locked_temp(target)
    except PermissionError:
        raise RenderError(f"{shown}: no permission to write in the folder {target.parent}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            # mkstemp makes the file private (0600); the report gets the mode a new file would
            # get, or keeps the mode of the file it replaces.
            os.chmod(temp, mode)
            if fcntl is not None:
                os.replace(temp, target)  # still locked: no clean-up can take it before the rename
        if fcntl is None:
            os.replace(temp, target)  # closed first: Windows renames no open file, docgen's own included
    except BaseException as exc:
        _discard(temp)
        if isinstance(exc, PermissionError):  # Windows, when another program has the report open
            raise RenderError(f"{shown}: cannot replace it ({exc.strerror}): close it if another program "
                              "has it open, or write to another file") from None
        raise
    return shown


def _discard(temp: str) -> None:
    """Remove a failed write's temporary file. Where that fails too (on Windows a virus scanner or
    indexer may hold it), the first error is the one to report; a later render removes the file."""
    try:
        os.unlink(temp)
    except OSError:
        pass
