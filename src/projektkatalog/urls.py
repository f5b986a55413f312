"""Root URLs: the public site in Swedish (/) and English (/en/), the editors' admin."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from projektkatalog.site.views import downloads, entities, health, sitemaps
from projektkatalog.site.views.cached import whole_page_cached

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("projektkatalog.api.urls")),
    path("sitemap.xml", whole_page_cached(sitemaps.sitemap), name="sitemap"),
    path(
        "sitemap-<int:number>.xml",
        whole_page_cached(sitemaps.sitemap_section),
        name="sitemap_section",
    ),
    path("robots.txt", entities.robots, name="robots"),
    # Browsers and crawlers that ask for the old default address are sent to the site's icon.
    path("favicon.ico", RedirectView.as_view(url=static("site/icon.svg"), permanent=True)),
    path("feed.atom", whole_page_cached(downloads.ProjectFeed()), name="feed"),
    path("datasets/dcat", downloads.dcat_catalogue, name="dcat"),
    # The CSV on the Web metadata sits where CSVW looks for it: the CSV's URL + "-metadata.json".
    path("data/projekt.csv-metadata.json", downloads.csv_metadata, name="csv_metadata"),
    path("data/projekt.<str:fmt>", downloads.download, name="download"),
    path("data/<slug:table>.csv", downloads.table_download, name="table_download"),
    *i18n_patterns(path("", include("projektkatalog.site.urls")), prefix_default_language=False),
]

handler404 = "projektkatalog.site.views.errors.not_found"
handler500 = "projektkatalog.site.views.errors.server_error"
