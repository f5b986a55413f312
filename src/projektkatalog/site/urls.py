from django.urls import path

from projektkatalog.site.views import catalogue, downloads, entities, overview

app_name = "site"
urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("projekt/<slug:slug>/", entities.project_detail, name="project"),
    path("organisationer/", entities.organisation_list, name="organisations"),
    path("organisationer/<slug:slug>/", entities.organisation_detail, name="organisation"),
    path("program/", entities.programme_list, name="programmes"),
    path("program/<slug:slug>/", entities.programme_detail, name="programme"),
    path("tidslinje/", overview.timeline, name="timeline"),
    path("statistik/", overview.statistics, name="statistics"),
    path("tillganglighet/", overview.accessibility, name="accessibility"),
    path("data/ordlista/", downloads.data_dictionary, name="data_dictionary"),
]
