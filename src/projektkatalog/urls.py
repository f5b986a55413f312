"""Root URLs: the public site in Swedish (/) and English (/en/), the editors' admin."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from projektkatalog.site.views import downloads, entities

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("projektkatalog.api.urls")),
    path("sitemap.xml", entities.sitemap, name="sitemap"),
    path("robots.txt", entities.robots, name="robots"),
    path("feed.atom", downloads.ProjectFeed(), name="feed"),
    path("datasets/dcat", downloads.dcat_catalogue, name="dcat"),
    path("data/projekt.<str:fmt>", downloads.download, name="download"),
    *i18n_patterns(path("", include("projektkatalog.site.urls")), prefix_default_language=False),
]

handler404 = "projektkatalog.site.views.errors.not_found"
handler500 = "projektkatalog.site.views.errors.server_error"
