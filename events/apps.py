from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        # Connects the email_confirmed handler that links imported participants to new accounts.
        from . import accounts  # noqa: F401
