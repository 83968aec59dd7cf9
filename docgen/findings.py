"""A finding: something wrong with the input, as the checker, the phrasing or the tables report it.

Everything may import this module; it imports nothing of docgen's.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen


@frozen
class Finding:
    """Something wrong with the input that the checker or renderer reports (domain language).

    ``rule`` is a rule id of the catalogue (``docgen rules``), ``level`` ``"error"`` or
    ``"warning"``, ``path`` the JSON path of the field to look at. Where two figures disagree,
    ``expected`` is the value they should have (the derived or catalogue one) and ``actual`` the
    value the data has; ``section`` is the report section the finding belongs to (an id of
    :data:`docgen.rules.SECTIONS`; ``None``: from the path).
    """

    rule: str
    level: str
    path: str
    message: str
    expected: Any = None
    actual: Any = None
    section: str | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.rule}]"
