"""Operations that change publications."""

from django.db.models import QuerySet
from django.utils import timezone

from unidir_cb.core.public_pages import public_content_changed


def set_in_catalogue(publications: QuerySet, shown: bool) -> int:
    """Show publications in the public catalogue, or hide them; returns how many changed."""
    changed = publications.exclude(is_published=shown).update(is_published=shown, updated_at=timezone.now())
    public_content_changed()  # an update() sends no signals: the catalogue must not show the old state
    return changed
