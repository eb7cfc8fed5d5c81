from django.urls import path

from . import certificate_views, check_in_views, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    # Before the event pages, so that "my-registrations" is never taken for an event's slug.
    path("my-registrations/", views.my_registrations, name="my_registrations"),
    path("my-registrations/<int:pk>/cancel/", views.cancel_my_registration, name="cancel_registration"),
    path("my-registrations/<int:pk>/certificate/", certificate_views.download_certificate, name="certificate"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/check-in/", check_in_views.check_in_page, name="check_in"),
    path("<slug:slug>/check-in/<int:pk>/", check_in_views.check_in_registration, name="check_in_registration"),
]
