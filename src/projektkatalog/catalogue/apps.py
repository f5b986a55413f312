from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "projektkatalog.catalogue"
    verbose_name = "Katalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from projektkatalog.catalogue import history
        from projektkatalog.catalogue.signals import signals_connect

        signals_connect()
        history.register()
