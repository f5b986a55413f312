"""Build the catalogue from a page or from entry drafts (`page_read` is the entry point)."""

from projektkatalog.domain.build.catalogue import catalogue_build
from projektkatalog.domain.build.page import page_read
from projektkatalog.domain.build.project import ROLE_RANK

__all__ = ["ROLE_RANK", "catalogue_build", "page_read"]
