"""Render a report through its region's .docx template, safely, and write it atomically.

- The Jinja environment is sandboxed (untrusted templates cannot reach Python internals),
  autoescaping (a value ``a<b`` or ``a&b`` cannot break or inject XML), strict (an unknown name is
  an error, not an empty string), and drops the control characters XML 1.0 forbids.
- docxtpl compiles the template's XML on every render; the environment caches compiled templates
  by their source text, so a second render of the same template skips compilation.
- The result's XML parts are re-parsed strictly before anything is written; the file is written
  to a temporary name beside the target and renamed, so a failure leaves no partial file and any
  existing output untouched.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree
from markupsafe import Markup

from .errors import RenderError
from .ooxml.fragments import FragmentLoader

_FORBIDDEN_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
_STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=False)


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    if value is None:
        return ""
    return _FORBIDDEN_XML_CHARS.sub("", str(value))


class _StrictTemplate:
    """A compiled template whose XML output must parse strictly.

    docxtpl reads the rendered body back with a *recovering* parser (to fix table grids), which
    would silently drop whatever a template or value damaged; checking the output here, before
    that, makes such damage fail loudly. Outputs that are not XML (core properties) pass as they are.
    """

    def __init__(self, template: Any):
        self._template = template

    def render(self, *args: Any, **kwargs: Any) -> str:
        output = self._template.render(*args, **kwargs)
        if output.lstrip().startswith("<"):
            try:
                etree.fromstring(output.encode("utf-8"), _STRICT)
            except etree.XMLSyntaxError as exc:
                raise RenderError(f"the rendered document is damaged (template or value): {exc}") from None
        return output

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


class ReportEnvironment(SandboxedEnvironment):
    """The one Jinja environment docgen renders with, with a compiled-template cache."""

    def __init__(self, cache_size: int = 16):
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
        self._compiled: OrderedDict[str, Any] = OrderedDict()
        self._cache_size = cache_size

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's name
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = _StrictTemplate(super().from_string(source))
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


def _check_template_size(path: Path) -> None:
    if path.stat().st_size > MAX_TEMPLATE_BYTES:
        raise RenderError(f"{path}: template larger than {MAX_TEMPLATE_BYTES // 2**20} MiB")
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.file_size > MAX_PART_BYTES:
                    raise RenderError(f"{path}: part {info.filename} larger than {MAX_PART_BYTES // 2**20} MiB")
    except zipfile.BadZipFile:
        raise RenderError(f"{path}: not a .docx (zip) file") from None


def render_bytes(template: Path, context: dict[str, Any],
                 attach: Callable[[DocxTemplate], dict[str, Any]] | None = None) -> bytes:
    """Render ``template`` with ``context`` and return the checked .docx bytes.

    ``attach`` adds context entries that need the document being rendered (charts add parts to
    its package, for example); it is called once per render with the fresh ``DocxTemplate``.
    """
    _check_template_size(template)
    doc = DocxTemplate(str(template))
    if attach is not None:
        context = {**context, **attach(doc)}
    try:
        doc.render(context, jinja_env=_ENVIRONMENT)
    except RenderError:
        raise
    except SecurityError as exc:
        raise RenderError(f"{template.name}: the template tried something the sandbox forbids: {exc}") from None
    except UndefinedError as exc:
        raise RenderError(f"{template.name}: the template asks for something docgen does not provide: {exc}") from None
    except TemplateError as exc:
        where = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise RenderError(f"{template.name}: template error{where}: {exc}") from None
    buffer = io.BytesIO()
    doc.save(buffer)
    data = buffer.getvalue()
    verify_docx(data, skip=_CHECKED_WHILE_RENDERING)
    return data



_CHECKED_WHILE_RENDERING = re.compile(
    r"word/(document|header\d*|footer\d*|styles|stylesWithEffects|settings|webSettings|fontTable|numbering"
    r"|theme/theme\d*)\.xml")
"""Parts already parsed strictly: the body, headers and footers as they were rendered; the
template's own parts when python-docx opened it (rendering does not touch them)."""


def verify_docx(data: bytes, skip: re.Pattern | None = None) -> None:
    """Re-parse the XML parts strictly: silent damage must fail loudly. ``skip`` names parts
    already checked (the body, headers and footers are checked as they are rendered)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if skip is not None and skip.fullmatch(name):
                continue
            if name.endswith((".xml", ".rels")):
                try:
                    etree.fromstring(archive.read(name), _STRICT)
                except etree.XMLSyntaxError as exc:
                    raise RenderError(f"rendered document is damaged: {name}: {exc}") from None


def _target_mode(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(data: bytes, target: str | os.PathLike) -> Path:
    """Write ``data`` to ``target`` through a temporary file in the same folder, then rename."""
    target = Path(target)
    folder = target.resolve().parent
    if not folder.is_dir():
        raise RenderError(f"{target}: folder {folder} does not exist")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); the report gets the mode a new file would get,
        # or keeps the mode of the file it replaces.
        os.chmod(temp, _target_mode(target))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
