"""Section layout fragments: the body of a .docx served to Jinja as an includable template.

A pack's master ``report.docx`` loops over the report's sections with ``{%p include unit.fragment %}``;
each fragment is a whole .docx (styles, page) that a bureau edits in Word, of which only the body's
paragraphs and tables are used, preprocessed by docxtpl's own ``patch_xml`` exactly as the master's
body is. Names are absolute paths the pack chain resolved (:func:`allow`): a template cannot include
any other file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from functools import cache
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound

_ALLOWED: set[str] = set()


@cache
def _patcher() -> Any:
    """``patch_xml`` reads nothing of its instance; an unopened one serves for every fragment
    (docxtpl is imported with the first fragment, not with docgen)."""
    from docxtpl import DocxTemplate

    return DocxTemplate.__new__(DocxTemplate)


def allow(path: Path) -> str:
    """Register a fragment the pack chain resolved (``path`` absolute, its links followed);
    returns the name to include it by."""
    name = str(path)
    _ALLOWED.add(name)
    return name


def body_xml(path: Path) -> str:
    """The inner XML of the fragment's ``w:body``, without its final section properties."""
    from ..render import read_template  # the capped, checked reading the master gets (render imports this module)

    try:
        with zipfile.ZipFile(io.BytesIO(read_template(path))) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, OSError, UnicodeDecodeError) as exc:
        raise TemplateNotFound(f"{path}: not a readable .docx ({exc})") from None
    if "<w:body" not in xml:
        raise TemplateNotFound(f"{path}: not a readable .docx (no document body)")
    start = xml.index(">", xml.index("<w:body")) + 1
    end = xml.rfind("<w:sectPr")
    if end < start:
        end = xml.rindex("</w:body>")
    return xml[start:end]


class FragmentLoader(BaseLoader):
    """Serves registered fragments, reloaded when their file changes."""

    def get_source(self, environment, template):
        if template not in _ALLOWED:
            raise TemplateNotFound(template)
        path = Path(template)
        mtime = path.stat().st_mtime_ns
        source = _patcher().patch_xml(body_xml(path))
        return source, template, lambda: path.exists() and path.stat().st_mtime_ns == mtime
