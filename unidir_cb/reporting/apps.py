from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ReportingConfig(AppConfig):
    name = "unidir_cb.reporting"
    label = "reporting"
    verbose_name = "Reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app declares its kinds of report in a `report_kinds` module (this app's own is the
        # activity summary), the way the admin finds `admin` modules.
        autodiscover_modules("report_kinds")
