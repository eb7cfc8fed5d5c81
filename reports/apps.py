from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Cross-domain compilation: what reads several domain apps at once (the mapping reply, the
    activity summary, the management snapshot) and the demo loader."""

    name = "reports"
    verbose_name = "Cross-domain reports"
