from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publications"

    def ready(self):
        from unidir_cb.core.public_pages import refresh_when_saved

        from .models import Authorship, Contributor, Publication, Translation

        refresh_when_saved(Publication, Translation, Authorship, Contributor)
