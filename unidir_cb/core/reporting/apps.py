from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ReportingConfig(AppConfig):
    name = "unidir_cb.core.reporting"
    label = "reporting"
    verbose_name = "Reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The jobs are sent to their task by name (services.RUN_REPORT_JOB_TASK): it must be registered
        # in every process that sends one, not only in workers.
        from . import tasks  # noqa: F401

        # Each app declares its kinds of report in a `report_kinds` module, the way the admin finds
        # `admin` modules: this machinery imports none of them.
        autodiscover_modules("report_kinds")
