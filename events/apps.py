from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from unidir_cb.core.public_pages import refresh_when_saved

        # Connects the email_confirmed handler that links imported participants to new accounts.
        from . import accounts  # noqa: F401
        from .models import AgendaItem, Event, EventSeries, Material, Registration, Speaker

        # Registrations too: the public pages show the seats left; materials and speakers, the event page.
        refresh_when_saved(Event, AgendaItem, EventSeries, Registration, Material, Speaker)
