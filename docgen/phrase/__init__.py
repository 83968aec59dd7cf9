"""Filling the pack's wording: the phrasebook and the clauses sentences share (:mod:`.book`).

The sentences themselves belong to the sections (:mod:`docgen.sections`).
"""

from __future__ import annotations

from .book import Phrasebook

__all__ = ["Phrasebook"]
