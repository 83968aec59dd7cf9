"""Region packs (the implementation lives in :mod:`docgen.pack`; this name is kept for imports)."""

from .pack import BASE, DEFAULT_REGION, PACK_FILE, Region, load_region, packaged_templates, pattern_pieces

__all__ = ["BASE", "DEFAULT_REGION", "PACK_FILE", "Region", "load_region", "packaged_templates", "pattern_pieces"]
