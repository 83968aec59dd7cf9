"""docgen: a department's 部门决算公开 report as an editable Word document, from typed data.

    >>> import docgen
    >>> findings = docgen.check("fixtures/lizhou-xunchaban-2020.json")
    >>> docgen.render("fixtures/lizhou-xunchaban-2020.json", "report.docx", region="sichuan-2020")
    >>> result = docgen.render_many(["fixtures/"], "reports/", force=True)  # every department, a summary
"""

from .api import FindingsError, check, prepare, render, render_prepared
from .errors import DocgenError, InputError, RegionError, RenderError
from .loader import load
from .model import Report
from .findings import Finding
from .regions import load_region

__all__ = [
    "check", "render", "render_prepared", "render_many", "prepare", "load", "load_region", "Report", "Finding",
    "DocgenError", "InputError", "RegionError", "RenderError", "FindingsError",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The batch (process pool, progress bar, summary workbook) is imported when first asked for.
    if name == "render_many":
        from .batch import render_many

        return render_many
    raise AttributeError(f"module 'docgen' has no attribute {name!r}")
