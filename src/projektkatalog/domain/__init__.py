"""The pure-Python core: parsing, normalising and matching. Never imports Django."""
