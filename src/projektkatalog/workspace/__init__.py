"""The editors' workspace: Django's admin, customised for keeping the catalogue true."""
