"""Opening an event's material: a file sent from the private storage, or its link. Material for
participants only is checked on every download (events.rules.may_see_material): a visitor who is
not signed in is asked to sign in; anyone else who may not see it finds nothing (404)."""

from urllib.parse import urlencode

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import rules
from .models import Material, Registration


@require_GET
@never_cache
def open_material(request, pk):
    material = get_object_or_404(
        Material.objects.select_related("event"), pk=pk, event__status__in=rules.PUBLIC_EVENT_STATUSES
    )
    registration = (
        Registration.objects.filter(event=material.event, participant__user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    if not rules.may_see_material(material, registration, request.user):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")
        raise Http404
    if material.url:
        return redirect(material.url)
    try:
        opened = material.file.open("rb")
    except FileNotFoundError as missing:  # the record outlived its file (a restore without private-media)
        raise Http404 from missing
    response = FileResponse(opened, as_attachment=True, filename=material.file_name or None)
    response["X-Content-Type-Options"] = "nosniff"
    return response
