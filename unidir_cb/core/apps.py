from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    """The kernel every app builds on. Its label stays "unidir_cb", the label its tables and
    permissions were created under."""

    name = "unidir_cb.core"
    label = "unidir_cb"
    verbose_name = "unidir_cb"

    def ready(self):
        from . import login_protection  # noqa: F401  (connects its signal receivers)
        from .permissions import sync_staff_groups

        # Celery imports the apps' tasks modules only in workers and beat. Web processes need the tasks
        # registered too: the outbox runs them there when tasks run eagerly (the demo).
        autodiscover_modules("tasks")

        # Not limited to one sender: permissions of the domain apps are created by their own
        # post_migrate signals, so the groups are brought up to date after each app's.
        post_migrate.connect(sync_staff_groups, dispatch_uid="sync_staff_groups")
