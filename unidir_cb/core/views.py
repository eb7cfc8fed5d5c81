from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import is_healthy, service_statuses


@never_cache
@require_GET
def healthz(request):
    statuses = service_statuses()
    healthy = is_healthy(statuses)
    return JsonResponse({"status": "ok" if healthy else "unavailable", **statuses}, status=200 if healthy else 503)
