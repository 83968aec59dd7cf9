"""A pack file's structuring errors as lines naming the file, the key path and a likely key."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import attrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError


def explain_unknown(key: str, known) -> str:
    """`` (did you mean 'x'?)`` for a near miss among ``known``, else nothing."""
    return _suggest(key, known)


def _suggest(key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _table(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _unknown(exc: ForbiddenExtraKeysError, path: tuple, data: Any) -> list[str]:
    known = [a.name for a in attrs.fields(exc.cl)]
    here = _at(data, path)
    lines = []
    for key in sorted(exc.extra_fields):
        hint = _suggest(key, known)
        if isinstance(here.get(key), Mapping):
            lines.append(f"[{_table(path + (key,))}]: unknown section{hint}")
        else:
            prefix = f"[{_table(path)}] " if path else ""
            lines.append(f"{prefix}{key}: unknown key{hint}")
    return lines


def explain(exc: BaseException, data: Any, path: tuple = ()) -> list[str]:
    """Walk cattrs' detailed validation errors down to the keys they name (``data`` is found at ``path``)."""
    return _explain(exc, _nest(data, path), path)


def _nest(data: Any, path: tuple) -> dict:
    """A tree in which ``data`` sits at ``path``, so error paths can be followed from the root."""
    for part in reversed(path):
        data = {part: data}
    return data


def _explain(exc: BaseException, data: Any, path: tuple) -> list[str]:
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown(exc, path, data)
    if isinstance(exc, ClassValidationError):
        lines = []
        for sub, note in exc.group_exceptions()[0]:
            lines += _explain(sub, data, path + (note.name,))
        for sub in exc.group_exceptions()[1]:
            lines += _explain(sub, data, path)
        return lines
    if isinstance(exc, IterableValidationError):
        lines = []
        for sub, note in exc.group_exceptions()[0]:
            lines += _explain(sub, data, path + (note.index,))
        return lines
    *table, key = path or ("?",)
    prefix = f"[{_table(tuple(table))}] " if table else ""
    return [f"{prefix}{key}: {exc}"]
