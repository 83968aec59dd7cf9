"""Tables built from the model: rows as plain data, written by :mod:`docgen.ooxml.tables`."""
