"""What the staff pages of one event beside its admin form share (its answers table, its "Email
participants" page): the event, refused to staff without the permission the page needs, and the
admin's own page context."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def event_page_context(model_admin, request, object_id, permission: str, title: str) -> dict:
    event = model_admin.get_object(request, object_id)
    if event is None:
        raise Http404
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "event": event,
        "title": f"{title}: {event}",
    }
