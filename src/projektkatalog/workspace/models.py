"""What the workspace keeps besides the catalogue: uploads waiting for an editor's confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingImport(models.Model):
    """An uploaded file, read and previewed but not yet imported.

    The file itself is kept (not only the preview) so that confirming imports exactly what was
    previewed, and nothing in the catalogue changes before the editor confirms.
    """

    name = models.CharField(_("fil"), max_length=255)
    data = models.BinaryField()
    mapping = models.CharField(_("mappning"), max_length=100, blank=True)
    sha256 = models.CharField(max_length=64)
    preview = models.JSONField(default=dict)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("uppladdad av")
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("import som väntar")
        verbose_name_plural = _("importer som väntar")

    def __str__(self) -> str:
        return self.name
