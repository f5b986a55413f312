"""Public pages. Each view parses the request, calls one selector, renders."""
