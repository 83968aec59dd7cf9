"""附表: the 公开表, built at render time from the figures (:mod:`docgen.tables.statistical`)."""

from __future__ import annotations

from . import Section, add

add(Section("statistical_tables", "附表", None, tables=("statistics",),
            doc="The statistical tables the pack lists in [statistical_tables]; no sentences of its own.",
            part=True))
