from django.urls import path

from . import views

app_name = "donors"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("api/funding/", views.funding_api, name="funding_api"),
]
