"""Operations that change publications."""

from django.db.models import QuerySet
from django.utils import timezone


def set_in_catalogue(publications: QuerySet, shown: bool) -> int:
    """Show publications in the public catalogue, or hide them; returns how many changed."""
    return publications.exclude(is_published=shown).update(is_published=shown, updated_at=timezone.now())
