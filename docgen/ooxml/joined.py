"""Two Word tables that read as one, so the second can repeat its own header rows.

Word repeats only the rows at the top of a table (``w:tblHeader``) when it runs onto the next page.
A table whose repeated header sits in its middle (the indicator header of a project
self-evaluation) is therefore written as two tables of the same width. Directly adjacent tables
are merged into one by Word and LibreOffice, so a hairline paragraph (1 pt, exact spacing) stands
between them; it keeps with the next table, so the first never ends a page alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from .tables import Table, table_xml

HAIRLINE_PARAGRAPH = (
    '<w:p><w:pPr><w:keepNext/><w:snapToGrid w:val="0"/>'
    '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')
"""An empty 1 pt paragraph: the least a body can hold between two tables."""


def joined_tables_xml(tables: Sequence[Table]) -> str:
    """``tables`` one below the other, separated by hairline paragraphs."""
    return HAIRLINE_PARAGRAPH.join(table_xml(table) for table in tables)
