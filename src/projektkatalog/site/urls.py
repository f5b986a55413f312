from django.urls import path

from projektkatalog.site import views

app_name = "site"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("projekt/<slug:slug>/", views.project_detail, name="project"),
]
