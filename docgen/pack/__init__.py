"""Region packs: typed ``region.toml`` files resolved through a chain (region → extends → base).

``schema``: the attrs classes a pack is structured into (cattrs, unknown keys refused);
``patterns``: the wording catalogue (every pattern with the placeholders it receives);
``wording``: pattern parsing and checking; ``chain``: finding, reading and merging the packs.
"""

from .chain import BASE, DEFAULT_REGION, PACK_FILE, Region, load_region, packaged_templates
from .wording import pattern_pieces

__all__ = ["BASE", "DEFAULT_REGION", "PACK_FILE", "Region", "load_region", "packaged_templates", "pattern_pieces"]
