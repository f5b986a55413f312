from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "projektkatalog.site"
    label = "public_site"
    verbose_name = "Webbplats"
