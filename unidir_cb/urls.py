from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from events import calendar_views, certificate_views, privacy_views
from events import views as events_views
from unidir_cb.core.public_media import public_media
from unidir_cb.core.views import healthz

from . import views

admin.site.site_header = "unidir_cb — programme staff"
admin.site.site_title = "unidir_cb"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Outside the language prefix: a subscribed calendar keeps one address; it speaks the participant's language.
    path("events/calendar/<slug:token>.ics", calendar_views.personal_feed, name="personal_calendar_feed"),
    path("reports/mapping/", include("reports.mapping.urls")),
    path("reports/", include("unidir_cb.core.reporting.urls")),
    path("", include("donors.urls")),  # /dashboard/ and /api/funding/
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", public_media, name="public_media"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/profile/", events_views.participant_profile, name="participant_profile"),
    path("accounts/my-data/", privacy_views.download_my_data, name="download_my_data"),
    path("accounts/delete/", privacy_views.delete_my_account, name="delete_my_account"),
    path("accounts/", include("allauth.urls")),
    path("events/", include("events.urls")),
    path("publications/", include("publications.urls")),
    path("certificates/verify/", certificate_views.verify_certificate, name="verify_certificate"),
)
