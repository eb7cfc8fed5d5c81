"""Files about people (passport copies, later visa letters) kept where no web server looks:
settings.PRIVATE_MEDIA_ROOT, never under MEDIA_ROOT. They have no public address; each app serves its
own through a view that checks who asks. Backups include them (unidir_cb/core/backups.py)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateFileStorage(FileSystemStorage):
    """FileSystemStorage under settings.PRIVATE_MEDIA_ROOT, read on each use (FileSystemStorage caches
    MEDIA_ROOT's value and follows changes of that setting only), with no URL."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Private files have no public address: serve them through a view that checks access.")


private_file_storage = PrivateFileStorage()


def private_storage() -> PrivateFileStorage:
    """For FileField(storage=...): a callable, so that migrations do not record a location."""
    return private_file_storage
