"""Local development: debug on."""

from projektkatalog.settings.base import *  # noqa: F403

DEBUG = True
