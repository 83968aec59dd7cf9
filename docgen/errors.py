"""The exceptions docgen raises to its callers. Each carries lines a finance officer can read."""

from __future__ import annotations


class DocgenError(Exception):
    """Base of every error docgen reports to a user (never a traceback)."""

    def __init__(self, message: str, lines: list[str] | None = None):
        super().__init__(message)
        self.lines = lines or [message]

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def in_file(self, source: str) -> DocgenError:
        """The same error with each line naming the file ``source`` first (a line that does is kept)."""
        lines = [line if line.startswith(source) else f"{source}: {line}" for line in self.lines]
        return type(self)(lines[0], lines)


class InputError(DocgenError):
    """The input data is malformed: each line names a JSON path (``$.a.b[3].c: …``)."""


class RegionError(DocgenError):
    """A region pack is missing, malformed or incomplete."""


class RenderError(DocgenError):
    """A template failed to render, or produced a document that does not parse."""
