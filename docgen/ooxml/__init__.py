"""The one layer that writes OOXML by hand: tables, charts, section breaks."""
