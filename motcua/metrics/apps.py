from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    name = "motcua.metrics"
    label = "metrics"
    verbose_name = _("Service index (766)")

    def ready(self) -> None:
        from motcua.dossiers import events as dossier_events
        from motcua.integrations import handlers, outbox
        from motcua.metrics.services import recording
        from motcua.ratings import events as rating_events
        from motcua.workcalendar.services import register_deadline_provider

        dossier_events.subscribe("metrics", recording.on_dossier_events)
        rating_events.subscribe("metrics", recording.on_rating)
        # Registered after the dossiers' provider, so it sees the due moments that one has just moved.
        register_deadline_provider("metrics.facts", recording.CalendarResync())
        outbox.register_handler(handlers.TOPIC_PORTAL, portal_delivery)


def portal_delivery(message: object) -> None:
    """The national portal handler, then the index's record that the dossier's status arrived (same transaction)."""
    from motcua.integrations import handlers
    from motcua.metrics.services.recording import on_portal_delivered

    handlers.push_to_portal(message)  # type: ignore[arg-type]
    on_portal_delivered(message)
