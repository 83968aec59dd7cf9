"""docgen: a department's 部门决算公开 report as an editable Word document, from typed data."""

from .errors import DocgenError, InputError, RegionError, RenderError
from .loader import load
from .model import Report

__all__ = ["load", "Report", "DocgenError", "InputError", "RegionError", "RenderError"]
__version__ = "0.1.0"
