from django.urls import path

from . import (
    answer_views,
    calendar_views,
    certificate_views,
    check_in_views,
    material_views,
    offer_views,
    ticket_views,
    views,
    visa_letter_views,
)

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    # Before the event pages, so that "my-registrations" is never taken for an event's slug.
    path("my-registrations/", views.my_registrations, name="my_registrations"),
    path("my-registrations/<int:pk>/cancel/", views.cancel_my_registration, name="cancel_registration"),
    path("my-registrations/<int:pk>/calendar.ics", calendar_views.download_registration_ics, name="registration_ics"),
    path("my-registrations/calendar/renew/", calendar_views.renew_calendar_link, name="renew_calendar_link"),
    # Before the event pages, like my-registrations; "feed.ics" is no slug, but a reader should not need to know.
    path("feed.ics", calendar_views.public_feed, name="feed"),
    path("offers/<str:token>/", offer_views.answer_offer, name="offer"),
    path("materials/<int:pk>/", material_views.open_material, name="material"),
    path("my-registrations/<int:pk>/answers/<str:form_kind>/", answer_views.answer_form, name="answer_form"),
    path("my-registrations/answer-files/<int:pk>/", answer_views.download_answer_file, name="answer_file"),
    path("my-registrations/visa-letters/<int:pk>/", visa_letter_views.download_visa_letter, name="visa_letter"),
    path("my-registrations/<int:pk>/<str:kind>.pdf", ticket_views.download_ticket, name="ticket"),
    path("my-registrations/<int:pk>/certificate/", certificate_views.download_certificate, name="certificate"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/calendar.ics", calendar_views.download_event_ics, name="event_ics"),
    path("<slug:slug>/check-in/", check_in_views.check_in_page, name="check_in"),
    path("<slug:slug>/check-in/<int:pk>/", check_in_views.check_in_registration, name="check_in_registration"),
    path("<slug:slug>/check-in/walk-in/", check_in_views.check_in_walk_in, name="check_in_walk_in"),
    path("<slug:slug>/check-in/scan/", check_in_views.check_in_scan, name="check_in_scan"),
]
