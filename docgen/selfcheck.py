"""Self-check of the rendered document: not written yet (the next commit reads the document's
numbers back and compares them with the figures). ``verify`` accepts every document for now."""

from __future__ import annotations

from typing import Any


def verify(docx: bytes, figures: Any, region: Any) -> None:
    return None
