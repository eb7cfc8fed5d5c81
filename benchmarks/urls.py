"""The site's URLs plus two baselines served by the same gunicorn, through the same middleware:
a trivial template view (what a page costs at the least) and a trivial insert (what a logged-in,
CSRF-checked POST that writes one row costs at the least)."""

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from unidir_cb.urls import urlpatterns as site_urlpatterns

BASELINE_INSERT_TABLE = "benchmark_baseline_insert"


@require_GET
def trivial_page(request):
    return render(request, "benchmarks/trivial.html", {"title": "Baseline", "items": range(10)})


@login_required
@require_POST
def trivial_insert(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {BASELINE_INSERT_TABLE} (user_id) VALUES (%s)", [request.user.pk])  # noqa: S608
    return redirect("/benchmark/trivial/")


urlpatterns = [
    path("benchmark/trivial/", trivial_page),
    path("benchmark/insert/", trivial_insert),
    *site_urlpatterns,
]
