from django.apps import AppConfig


class WiringConfig(AppConfig):
    name = "motcua.wiring"
    label = "wiring"
    verbose_name = "Wiring"

    def ready(self) -> None:
        from motcua.wiring.connect import connect_all  # imports every app: only once they are all loaded

        connect_all()
