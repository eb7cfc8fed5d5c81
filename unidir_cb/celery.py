"""The Celery application. Its configuration lives in settings.py under the CELERY_ prefix."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unidir_cb.settings")

app = Celery("unidir_cb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
