from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        from unidir_cb.core.public_pages import refresh_when_saved

        from .models import Organisation, Programme, Topic

        # The public pages name programmes, topics and partners.
        refresh_when_saved(Programme, Topic, Organisation)
